"""`kept`: a property of a frozen result, computed when first read and then kept.

Like `functools.cached_property`, but for frozen slotted attrs classes, where the standard one
costs an exception and a fallback on every first read: the values go in a dict field
``_kept`` that the class declares (``attrs.field(factory=dict, init=False, ...)``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

__all__ = ["kept"]

T = TypeVar("T")
_MISSING: Any = object()


class kept(Generic[T]):  # noqa: N801 - used as a decorator, like property
    """Decorate a method of one argument: reading the attribute calls it once, then keeps it."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn: Callable[[Any], T] = fn
        self.name: str = fn.__name__
        self.__doc__ = fn.__doc__

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> kept[T]: ...

    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...

    def __get__(self, obj: object | None, owner: type | None = None) -> T | kept[T]:
        if obj is None:
            return self
        store: dict[str, Any] = obj._kept  # type: ignore[attr-defined]  # noqa: SLF001
        value = store.get(self.name, _MISSING)  # no KeyError: raising one costs more than this
        if value is _MISSING:
            value = store[self.name] = self.fn(obj)
        return value  # type: ignore[no-any-return]
