"""Tagged families: the classes of a protocol, base class or union, told apart by a tag."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
)

from scorecard._text import suggest
from scorecard.errors import SchemaError
from scorecard.io._strict import (
    StructureHook,
    UnstructureHook,
    object_structure,
    object_unstructure,
    show,
)


def register_tagged(
    conv: cattrs.Converter,
    family: Any,
    tag_key: str,
    classes: Iterable[type] | Mapping[str, type],
) -> None:
    """Read and write the attrs classes of a family as JSON objects tagged by ``tag_key``.

    Fields annotated with ``family`` (a protocol, a base class or a union) are structured by
    the class its tag names; every member, wherever it appears, is written with its tag first
    and may be read with or without it.

    Parameters
    ----------
    conv
        The converter to register the hooks on.
    family
        The annotation that fields of the family use: a protocol, base class or union.
    tag_key
        The key that carries the tag in JSON, e.g. ``"kind"`` or ``"name"``.
    classes
        The members, in the order messages list them. Either classes, each tagged by its own
        ``tag_key`` class attribute (``Linear.kind == "linear"``), or a mapping of tag to class.

    Raises
    ------
    TypeError
        If a member is not an attrs class, has no string tag, or two members share a tag.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Mean:
    ...     kind = "mean"
    >>> @attrs.frozen
    ... class Trimmed:
    ...     kind = "trimmed"
    ...     cut: float = 0.1
    >>> from scorecard.io import make_converter
    >>> conv = make_converter()
    >>> register_tagged(conv, Mean | Trimmed, "kind", [Mean, Trimmed])
    >>> conv.unstructure(Trimmed(cut=0.2), Mean | Trimmed)
    {'kind': 'trimmed', 'cut': 0.2}
    >>> conv.structure({"kind": "mean"}, Mean | Trimmed)
    Mean()
    """
    tagged = _tags(tag_key, classes)
    members: dict[str, StructureHook] = {}
    writers: dict[type, UnstructureHook] = {}
    for tag, cls in tagged.items():
        members[tag] = _tagged_structure(conv, cls, tag_key, tag)
        writers[cls] = _tagged_unstructure(conv, cls, tag_key, tag)
        conv.register_structure_hook(cls, members[tag])
        conv.register_unstructure_hook(cls, writers[cls])
    choices = ", ".join(tagged)
    name = getattr(family, "__name__", repr(family))

    def structure_family(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise SchemaError(f"expected an object with a {tag_key!r} key, got {show(value)}")
        tag = value.get(tag_key)
        if tag not in members:
            problem = (
                f"missing; give one of {choices}"
                if tag_key not in value
                else f"{tag!r} is not one of {choices}{suggest(tag, tagged)}"
            )
            error = SchemaError(problem)
            error.add_note(AttributeValidationNote(f"tag of {name}", tag_key, str))
            raise ClassValidationError(f"While structuring {name}", [error], object)
        return members[tag](value, _type)

    def unstructure_family(obj: Any) -> Any:
        try:
            write = writers[type(obj)]
        except KeyError:
            raise SchemaError(
                f"{type(obj).__name__} is not a registered {name}; known: {choices}"
            ) from None
        return write(obj)

    conv.register_structure_hook_func(lambda t: t is family or t == family, structure_family)
    conv.register_unstructure_hook_func(lambda t: t is family or t == family, unstructure_family)


def _tags(tag_key: str, classes: Iterable[type] | Mapping[str, type]) -> dict[str, type]:
    pairs = (
        list(classes.items())
        if isinstance(classes, Mapping)
        else [(getattr(cls, tag_key, None), cls) for cls in classes]
    )
    tagged: dict[str, type] = {}
    for tag, cls in pairs:
        if not attrs.has(cls):
            raise TypeError(f"{cls!r} is not an attrs class, so it can't be a tagged member")
        if not isinstance(tag, str):
            raise TypeError(f"{cls.__name__} has no string {tag_key!r} to tag it by")
        if tag in tagged:
            raise TypeError(
                f"{cls.__name__} and {tagged[tag].__name__} share the {tag_key} {tag!r}"
            )
        tagged[tag] = cls
    return tagged


def _tagged_structure(conv: cattrs.Converter, cls: type, tag_key: str, tag: str) -> StructureHook:
    read = object_structure(conv, cls)

    def structure_member(value: Any, _type: Any) -> Any:
        if isinstance(value, Mapping) and tag_key in value:
            if value[tag_key] != tag:
                error = SchemaError(f"expected {tag!r} here, got {value[tag_key]!r}")
                error.add_note(AttributeValidationNote(f"tag of {cls.__name__}", tag_key, str))
                raise ClassValidationError(f"While structuring {cls.__name__}", [error], cls)
            value = {k: v for k, v in value.items() if k != tag_key}
        return read(value, cls)

    return structure_member


def _tagged_unstructure(
    conv: cattrs.Converter, cls: type, tag_key: str, tag: str
) -> UnstructureHook:
    write = object_unstructure(conv, cls)

    def unstructure_member(obj: Any) -> dict[str, Any]:
        return {tag_key: tag, **write(obj)}

    return unstructure_member
