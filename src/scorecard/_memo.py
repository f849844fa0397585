"""A small bounded memo: the most recent results by key, for values derived from frozen inputs."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

__all__ = ["Recent"]

V = TypeVar("V")
_MISSING: Any = object()


class Recent(Generic[V]):
    """The ``size`` most recently made results, by key; the oldest goes first.

    Keyed by object identity, store the object in the value too: while it is held here its id
    cannot be reused by another object. Safe to share between threads.
    """

    def __init__(self, size: int = 32) -> None:
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[..., V], *args: Any) -> V:
        """The result kept for ``key``, or ``build(*args)`` kept as it."""
        found = self._items.get(key, _MISSING)  # reading a dict needs no lock
        if found is not _MISSING:
            return found  # type: ignore[no-any-return]
        value = build(*args)
        with self._lock:
            self._items[key] = value
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
