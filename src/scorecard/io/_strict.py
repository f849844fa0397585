"""Strict hooks for JSON's own types: scalars, enums, arrays, objects; wrong types are errors."""

from __future__ import annotations

import enum
import functools
import json
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Final

import cattrs
from cattrs.errors import (
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from scorecard._text import suggest
from scorecard.errors import SchemaError

StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]


def show(value: object) -> str:
    """How a JSON value is named in messages."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float | str):
        kind = "string" if isinstance(value, str) else "number"
        return f"the {kind} {value!r}"
    if isinstance(value, Mapping):
        return "an object"
    return "an array" if isinstance(value, list | tuple) else f"a {type(value).__name__}"


def _structure_str(value: Any, _type: Any) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"expected a string, got {show(value)}")
    return value


def _structure_float(value: Any, _type: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SchemaError(f"expected a number, got {show(value)}")
    try:
        return float(value)
    except OverflowError:
        raise SchemaError(f"the number {value} is too large") from None


def _structure_int(value: Any, _type: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemaError(f"expected a whole number, got {show(value)}")
    return value


def _structure_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise SchemaError(f"expected true or false, got {show(value)}")
    return value


def _structure_null(value: Any, _type: Any) -> None:
    if value is not None:
        raise SchemaError(f"expected null, got {show(value)}")


SCALARS: Final[Mapping[type, StructureHook]] = {
    str: _structure_str,
    float: _structure_float,
    int: _structure_int,
    bool: _structure_bool,
}
_SCALAR_NAMES: Final[Mapping[type, str]] = {
    str: "a string",
    float: "a number",
    int: "a whole number",
    bool: "true or false",
    type(None): "null",
}


def is_scalar_union(t: Any) -> bool:
    return typing.get_origin(t) in {typing.Union, types.UnionType} and all(
        a in _SCALAR_NAMES for a in typing.get_args(t)
    )


def is_text_or_texts(t: Any) -> bool:
    """``str | tuple[str, ...]``: a ranking entry, one id or ids that share a position."""
    return typing.get_origin(t) in {typing.Union, types.UnionType} and set(typing.get_args(t)) == {
        str,
        tuple[str, ...],
    }


def text_or_texts_structure(conv: cattrs.Converter, _t: Any) -> StructureHook:
    def structure_text_or_texts(value: Any, _type: Any) -> Any:
        if isinstance(value, str):
            return value
        if isinstance(value, list):
            return conv.structure(value, tuple[str, ...])
        raise SchemaError(f"expected a string or an array of strings, got {show(value)}")

    return structure_text_or_texts


def scalar_union_structure(t: Any) -> StructureHook:
    """A union of JSON scalars (``float | str``): the first member that takes the value."""
    members: list[tuple[StructureHook, Any]] = [
        (SCALARS.get(a, _structure_null), a) for a in typing.get_args(t)
    ]
    wanted = " or ".join(_SCALAR_NAMES[a] for a in typing.get_args(t))

    def structure_scalar_union(value: Any, _type: Any) -> Any:
        for structure_member, member in members:
            try:
                return structure_member(value, member)
            except SchemaError:
                continue
        raise SchemaError(f"expected {wanted}, got {show(value)}")

    return structure_scalar_union


def structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    values = [member.value for member in cls]
    if value not in values or isinstance(value, bool):
        choices = ", ".join(map(str, values))
        shown = repr(value) if isinstance(value, str) else show(value)
        raise SchemaError(f"{shown} is not one of {choices}{suggest(value, map(str, values))}")
    return cls(value)


def unstructure_enum(member: enum.Enum) -> Any:
    return member.value


def is_sequence(t: Any) -> bool:
    return typing.get_origin(t) in {tuple, list, Sequence}


def sequence_structure(conv: cattrs.Converter, t: Any) -> StructureHook:
    args = typing.get_args(t)
    origin = typing.get_origin(t)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):  # noqa: PLR2004
        fixed: tuple[Any, ...] | None = args
    else:
        fixed = None
    item = args[0] if args else Any
    build: Callable[[list[Any]], Any] = list if origin is list else tuple

    def structure_sequence(value: Any, _type: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise SchemaError(f"expected an array, got {show(value)}")
        if fixed is not None and len(value) != len(fixed):
            raise SchemaError(f"expected an array of {len(fixed)} items, got {len(value)}")
        kinds = fixed if fixed is not None else (item,) * len(value)
        out: list[Any] = []
        errors: list[Exception] = []
        for index, (element, kind) in enumerate(zip(value, kinds, strict=True)):
            try:
                out.append(conv.structure(element, kind))
            except Exception as exc:  # noqa: BLE001 - collected and reported with its path
                exc.add_note(IterableValidationNote(f"item {index}", index, kind))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return build(out)

    return structure_sequence


def sequence_unstructure(conv: cattrs.Converter, t: Any) -> UnstructureHook:
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and not (len(args) == 2 and args[1] is Ellipsis):  # noqa: PLR2004
        return lambda value: [conv.unstructure(v, a) for v, a in zip(value, args, strict=True)]
    item = args[0] if args else Any
    return lambda value: [conv.unstructure(v, item) for v in value]


def is_mapping(t: Any) -> bool:
    return typing.get_origin(t) in {dict, Mapping}


def mapping_structure(conv: cattrs.Converter, t: Any) -> StructureHook:
    key_type, value_type = typing.get_args(t) or (str, Any)

    def structure_mapping(value: Any, _type: Any) -> dict[Any, Any]:
        if not isinstance(value, Mapping):
            raise SchemaError(f"expected an object, got {show(value)}")
        out: dict[Any, Any] = {}
        errors: list[Exception] = []
        for key, element in value.items():
            try:
                out[conv.structure(key, key_type)] = (
                    element if value_type is Any else conv.structure(element, value_type)
                )
            except Exception as exc:  # noqa: BLE001 - collected and reported with its path
                exc.add_note(IterableValidationNote(f"key {key!r}", str(key), value_type))
                errors.append(exc)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return out

    return structure_mapping


def mapping_unstructure(conv: cattrs.Converter, t: Any) -> UnstructureHook:
    value_type = (typing.get_args(t) or (str, Any))[1]
    if value_type is Any:
        return _json_value
    return lambda value: {str(k): conv.unstructure(v, value_type) for k, v in value.items()}


def _json_value(value: Any) -> Any:
    """A JSON value (provenance parameters, say) as plain dicts, lists and scalars."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {str(k): _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    raise SchemaError(f"{value!r} ({type(value).__name__}) is not a JSON value")


# The generated functions look up their fields' hooks when they are made, so they are made on
# first use: a class may then name a family (``base: Additive | Geometric``) whose hooks are
# registered after the class's own, and registrations in configure_converter need no order.


def object_structure(conv: cattrs.Converter, cls: type) -> StructureHook:
    @functools.cache
    def read() -> Callable[[Mapping[str, Any], Any], Any]:
        return make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )

    def structure_object(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise SchemaError(f"expected an object, got {show(value)}")
        return read()(value, cls)

    return structure_object


def object_unstructure(conv: cattrs.Converter, cls: type) -> UnstructureHook:
    @functools.cache
    def write() -> Callable[[Any], dict[str, Any]]:
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)

    def unstructure_object(obj: Any) -> dict[str, Any]:
        return write()(obj)

    return unstructure_object
