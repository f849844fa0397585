"""JSON round trips of scorecard's model objects through one cattrs converter, and the JSON Schema.

Every hook the JSON format needs is registered in `configure_converter`; the model classes hold
no serialisation code. The format is strict both ways: unknown keys, wrong JSON types (a number
given as a string, say) and unknown tags are errors that name their JSON path, and output
leaves out every field equal to its default so that files stay short.

Tagged families (a field typed by a protocol, base class or union whose members carry a tag
such as ``"kind": "linear"``) are registered with `register_tagged`.
"""

from __future__ import annotations

import difflib
import enum
import errno
import functools
import importlib.resources
import json
import os
import types
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from scorecard.aggregation import Additive, Aggregation, Gated, Geometric
from scorecard.errors import SchemaError, ScorecardError
from scorecard.metric import SCALE_TYPES
from scorecard.scales import Scale
from scorecard.weighting import SCHEMES, WeightingScheme

__all__ = [
    "SCHEMA_FILE",
    "configure_converter",
    "converter",
    "dump",
    "load",
    "make_converter",
    "register_tagged",
    "schema",
    "structure",
    "unstructure",
]

T = TypeVar("T")

SCHEMA_FILE: Final = "schemas/scorecard.schema.json"
"""Where the JSON Schema of the scorecard file format lives, relative to the package."""

_TEXT_STARTS: Final = ("{", "[")

StructureHook = Callable[[Any, Any], Any]
UnstructureHook = Callable[[Any], Any]


# -- the converter ---------------------------------------------------------------------------


def make_converter() -> cattrs.Converter:
    """A new converter for scorecard's JSON format, with every hook registered.

    Returns
    -------
    cattrs.Converter
        Strict (unknown keys and wrong JSON types are errors, with paths) and tidy (fields
        equal to their defaults are left out of the output).

    Examples
    --------
    >>> from scorecard.scales import Linear
    >>> conv = make_converter()
    >>> conv.unstructure(Linear(worst=20, best=60))
    {'kind': 'linear', 'worst': 20.0, 'best': 60.0}
    """
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True, omit_if_default=True)
    configure_converter(conv)
    return conv


def configure_converter(conv: cattrs.Converter) -> None:
    """Register on ``conv`` every hook scorecard's JSON format needs: the one place they live.

    JSON scalars are checked strictly, enums travel as their values, tuples as arrays,
    mappings as objects, attrs classes as objects (unknown keys refused, defaults omitted),
    and each tagged family dispatches on its tag.

    Parameters
    ----------
    conv
        The converter to configure, made with ``detailed_validation=True``.

    Examples
    --------
    >>> import cattrs
    >>> from scorecard.metric import Direction
    >>> conv = cattrs.Converter()
    >>> configure_converter(conv)
    >>> conv.unstructure(Direction.LOWER)
    'lower'
    """
    for scalar, check in _SCALARS.items():
        conv.register_structure_hook(scalar, check)
    # StrEnum and IntEnum put str and int ahead of Enum in their MRO, so name them too.
    for base in (enum.Enum, enum.StrEnum, enum.IntEnum):
        conv.register_structure_hook(base, _structure_enum)
        conv.register_unstructure_hook(base, _unstructure_enum)
    conv.register_structure_hook_factory(_is_sequence, functools.partial(_sequence_structure, conv))
    conv.register_unstructure_hook_factory(
        _is_sequence, functools.partial(_sequence_unstructure, conv)
    )
    conv.register_structure_hook_factory(_is_mapping, functools.partial(_mapping_structure, conv))
    conv.register_unstructure_hook_factory(
        _is_mapping, functools.partial(_mapping_unstructure, conv)
    )
    conv.register_structure_hook_factory(_is_scalar_union, _scalar_union_structure)
    conv.register_structure_hook_factory(
        _is_text_or_texts, functools.partial(_text_or_texts_structure, conv)
    )
    conv.register_structure_hook_factory(attrs.has, functools.partial(_object_structure, conv))
    conv.register_unstructure_hook_factory(attrs.has, functools.partial(_object_unstructure, conv))

    register_tagged(conv, Scale, "kind", SCALE_TYPES)
    register_tagged(conv, Aggregation, "kind", (Additive, Geometric, Gated))
    register_tagged(conv, Additive | Geometric, "kind", (Additive, Geometric))  # Gated.base
    register_tagged(conv, WeightingScheme, "name", SCHEMES)


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
            raise SchemaError(f"expected an object with a {tag_key!r} key, got {_show(value)}")
        tag = value.get(tag_key)
        if tag not in members:
            problem = (
                f"missing; give one of {choices}"
                if tag_key not in value
                else f"{tag!r} is not one of {choices}{_suggest(tag, tagged)}"
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
    read = _object_structure(conv, cls)

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
    write = _object_unstructure(conv, cls)

    def unstructure_member(obj: Any) -> dict[str, Any]:
        return {tag_key: tag, **write(obj)}

    return unstructure_member


# -- hooks for JSON's own types -----------------------------------------------------------------


def _show(value: object) -> str:
    """How a JSON value is named in messages."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float | str):
        kind = "string" if isinstance(value, str) else "number"
        return f"the {kind} {value!r}"
    if isinstance(value, Mapping):
        return "an object"
    return "an array" if isinstance(value, list | tuple) else f"a {type(value).__name__}"


def _suggest(word: object, options: Iterable[str]) -> str:
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _structure_str(value: Any, _type: Any) -> str:
    if not isinstance(value, str):
        raise SchemaError(f"expected a string, got {_show(value)}")
    return value


def _structure_float(value: Any, _type: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SchemaError(f"expected a number, got {_show(value)}")
    try:
        return float(value)
    except OverflowError:
        raise SchemaError(f"the number {value} is too large") from None


def _structure_int(value: Any, _type: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemaError(f"expected a whole number, got {_show(value)}")
    return value


def _structure_bool(value: Any, _type: Any) -> bool:
    if not isinstance(value, bool):
        raise SchemaError(f"expected true or false, got {_show(value)}")
    return value


def _structure_null(value: Any, _type: Any) -> None:
    if value is not None:
        raise SchemaError(f"expected null, got {_show(value)}")


_SCALARS: Final[Mapping[type, StructureHook]] = {
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


def _is_scalar_union(t: Any) -> bool:
    return typing.get_origin(t) in {typing.Union, types.UnionType} and all(
        a in _SCALAR_NAMES for a in typing.get_args(t)
    )


def _is_text_or_texts(t: Any) -> bool:
    """``str | tuple[str, ...]``: a ranking entry, one id or ids that share a position."""
    return typing.get_origin(t) in {typing.Union, types.UnionType} and set(typing.get_args(t)) == {
        str,
        tuple[str, ...],
    }


def _text_or_texts_structure(conv: cattrs.Converter, _t: Any) -> StructureHook:
    def structure_text_or_texts(value: Any, _type: Any) -> Any:
        if isinstance(value, str):
            return value
        if isinstance(value, list):
            return conv.structure(value, tuple[str, ...])
        raise SchemaError(f"expected a string or an array of strings, got {_show(value)}")

    return structure_text_or_texts


def _scalar_union_structure(t: Any) -> StructureHook:
    """A union of JSON scalars (``float | str``): the first member that takes the value."""
    members: list[tuple[StructureHook, Any]] = [
        (_SCALARS.get(a, _structure_null), a) for a in typing.get_args(t)
    ]
    wanted = " or ".join(_SCALAR_NAMES[a] for a in typing.get_args(t))

    def structure_scalar_union(value: Any, _type: Any) -> Any:
        for structure_member, member in members:
            try:
                return structure_member(value, member)
            except SchemaError:
                continue
        raise SchemaError(f"expected {wanted}, got {_show(value)}")

    return structure_scalar_union


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    values = [member.value for member in cls]
    if value not in values or isinstance(value, bool):
        choices = ", ".join(map(str, values))
        shown = repr(value) if isinstance(value, str) else _show(value)
        raise SchemaError(f"{shown} is not one of {choices}{_suggest(value, map(str, values))}")
    return cls(value)


def _unstructure_enum(member: enum.Enum) -> Any:
    return member.value


def _is_sequence(t: Any) -> bool:
    return typing.get_origin(t) in {tuple, list, Sequence}


def _sequence_structure(conv: cattrs.Converter, t: Any) -> StructureHook:
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
            raise SchemaError(f"expected an array, got {_show(value)}")
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


def _sequence_unstructure(conv: cattrs.Converter, t: Any) -> UnstructureHook:
    args = typing.get_args(t)
    if typing.get_origin(t) is tuple and not (len(args) == 2 and args[1] is Ellipsis):  # noqa: PLR2004
        return lambda value: [conv.unstructure(v, a) for v, a in zip(value, args, strict=True)]
    item = args[0] if args else Any
    return lambda value: [conv.unstructure(v, item) for v in value]


def _is_mapping(t: Any) -> bool:
    return typing.get_origin(t) in {dict, Mapping}


def _mapping_structure(conv: cattrs.Converter, t: Any) -> StructureHook:
    key_type, value_type = typing.get_args(t) or (str, Any)

    def structure_mapping(value: Any, _type: Any) -> dict[Any, Any]:
        if not isinstance(value, Mapping):
            raise SchemaError(f"expected an object, got {_show(value)}")
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


def _mapping_unstructure(conv: cattrs.Converter, t: Any) -> UnstructureHook:
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


def _object_structure(conv: cattrs.Converter, cls: type) -> StructureHook:
    @functools.cache
    def read() -> Callable[[Mapping[str, Any], Any], Any]:
        return make_dict_structure_fn(
            cls, conv, _cattrs_forbid_extra_keys=True, _cattrs_detailed_validation=True
        )

    def structure_object(value: Any, _type: Any) -> Any:
        if not isinstance(value, Mapping):
            raise SchemaError(f"expected an object, got {_show(value)}")
        return read()(value, cls)

    return structure_object


def _object_unstructure(conv: cattrs.Converter, cls: type) -> UnstructureHook:
    @functools.cache
    def write() -> Callable[[Any], dict[str, Any]]:
        return make_dict_unstructure_fn(cls, conv, _cattrs_omit_if_default=True)

    def unstructure_object(obj: Any) -> dict[str, Any]:
        return write()(obj)

    return unstructure_object


converter: Final = make_converter()
"""The converter `load`, `dump`, `structure` and `unstructure` use."""


# -- reading and writing ---------------------------------------------------------------------


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from plain JSON-like data (dicts, lists, strings, numbers).

    Parameters
    ----------
    data
        What `json.loads` would give, or `unstructure` gave.
    cls
        The class to build: `~scorecard.tree.Scorecard`, `~scorecard.weights.Weights`, a scale...

    Raises
    ------
    SchemaError
        If the data has the wrong shape; each problem is listed with its path.
    TreeError, WeightError
        If the data has the right shape but the model refuses it (duplicate ids, weights that
        don't sum to 1): the model's own error, with the path of the offending part.

    Examples
    --------
    >>> from scorecard.scales import Linear
    >>> structure({"kind": "linear", "worst": 20, "best": 60}, Linear)
    Linear(worst=20.0, best=60.0)
    >>> structure({"kind": "linear", "worst": "20", "best": 60}, Linear)
    Traceback (most recent call last):
    ...
    scorecard.errors.SchemaError: worst: expected a number, got the string '20'
    """
    try:
        return converter.structure(data, cls)
    except (BaseValidationError, ScorecardError) as exc:
        _reraise(exc, "")


def unstructure(obj: object) -> Any:
    """Plain JSON-like data for a model object; fields equal to their defaults are left out.

    Examples
    --------
    >>> from scorecard.metric import Metric
    >>> from scorecard.scales import Linear
    >>> turnover = Metric("turnover", "Staff turnover", direction="lower",
    ...                   scale=Linear(worst=40, best=8))
    >>> data = unstructure(turnover)
    >>> list(data)
    ['id', 'label', 'scale', 'direction']
    >>> data["scale"]
    {'kind': 'linear', 'worst': 40.0, 'best': 8.0}
    """
    return converter.unstructure(obj)


def load(cls: type[T], source: str | os.PathLike[str]) -> T:
    """Read a ``cls`` from JSON text or from a JSON file.

    Parameters
    ----------
    cls
        The class to build, e.g. `~scorecard.tree.Scorecard`.
    source
        JSON text (a string whose first non-space character is ``{`` or ``[``), or the path
        of a UTF-8 JSON file.

    Raises
    ------
    FileNotFoundError
        If ``source`` is neither JSON text nor an existing file.
    SchemaError
        If the text is not JSON (the message gives the file, line and column), or has the
        wrong shape (each problem is listed with its JSON path).
    TreeError, WeightError
        If the model refuses what the file describes (duplicate ids, say).

    Examples
    --------
    >>> from scorecard.tree import Scorecard
    >>> card = load(Scorecard, '''{"name": "Outcomes", "metrics": [
    ...   {"id": "completions", "label": "Successful completions", "direction": "higher",
    ...    "scale": {"kind": "linear", "worst": 10, "best": 60}}]}''')
    >>> card.metric_ids
    ('completions',)
    >>> load(Scorecard, '{"name": "Outcomes", "metrics": [}')
    Traceback (most recent call last):
    ...
    scorecard.errors.SchemaError: JSON text, line 1, column 34: not valid JSON: Expecting value
    """
    text, where = _read(source)
    data = _parse(text, where)
    try:
        return converter.structure(data, cls)
    except (BaseValidationError, ScorecardError) as exc:
        _reraise(exc, where)


def dump(obj: object, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2) -> str:
    r"""JSON text for a model object, also written to ``path`` (UTF-8) when one is given.

    Fields equal to their defaults are left out; keys keep their declared order (ids and
    labels first); the text ends with a newline. Floats are written so that they read back
    exactly.

    Parameters
    ----------
    obj
        A model object: `~scorecard.tree.Scorecard`, `~scorecard.weights.Weights`...
    path
        Where to write the text, if anywhere.
    indent
        Spaces per level; None writes one line.

    Raises
    ------
    SchemaError
        If the object holds something JSON can't express (NaN in provenance parameters, say).

    Examples
    --------
    >>> from scorecard.weights import Weights
    >>> dump(Weights({"outcomes": 0.6, "workforce": 0.4}), indent=None)
    '{"local": {"outcomes": 0.6, "workforce": 0.4}}\n'
    """
    try:
        text = json.dumps(unstructure(obj), indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError as exc:
        raise SchemaError(f"can't write this {type(obj).__name__} as JSON: {exc}") from exc
    text += "\n"
    if path is not None:
        Path(path).write_text(text, encoding="utf-8", newline="\n")
    return text


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the scorecard file format; a fresh copy each call.

    Examples
    --------
    >>> s = schema()
    >>> s["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    >>> sorted(s["$defs"]["Scale"]["properties"]["kind"]["enum"])
    ['banded', 'linear', 'ordinal', 'piecewise']
    """
    out: dict[str, Any] = json.loads(_schema_text())
    return out


@functools.cache
def _schema_text() -> str:
    resource = importlib.resources.files("scorecard")
    for part in SCHEMA_FILE.split("/"):
        resource = resource / part
    return resource.read_text(encoding="utf-8")


def _read(source: str | os.PathLike[str]) -> tuple[str, str]:
    """The text of ``source`` and how messages name it."""
    if isinstance(source, str) and source.lstrip().startswith(_TEXT_STARTS):
        return source, "JSON text"
    path = Path(source)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(
            errno.ENOENT,
            "no such scorecard file (JSON text would start with '{' or '[')",
            str(path),
        ) from None
    try:
        # utf-8-sig: a byte-order mark, as some Windows editors write, is not an error.
        return raw.decode("utf-8-sig"), str(path)
    except UnicodeDecodeError as exc:
        raise SchemaError(
            f"{path}: byte {exc.start} is not UTF-8; save the file as UTF-8 JSON"
        ) from None


def _parse(text: str, where: str) -> Any:
    def refuse_constant(name: str) -> float:
        raise SchemaError(f"{where}: {name} is not valid JSON; numbers must be finite")

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out = dict(pairs)
        if len(out) != len(pairs):
            # json would keep the last silently; a repeated key is almost always a slip.
            twice = sorted(k for k, n in Counter(k for k, _ in pairs).items() if n > 1)
            raise SchemaError(
                f"{where}: key {', '.join(map(repr, twice))} appears twice in one object"
            )
        return out

    try:
        return json.loads(text, parse_constant=refuse_constant, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"{where}, line {exc.lineno}, column {exc.colno}: not valid JSON: {exc.msg}"
        ) from None


# -- errors ----------------------------------------------------------------------------------


def _problems(exc: BaseException, path: str) -> Iterator[tuple[str, BaseException]]:
    """Each leaf error under a cattrs error group, with its JSON path."""
    if isinstance(exc, ClassValidationError | IterableValidationError):
        for sub in exc.exceptions:
            yield from _problems(sub, _extend(path, sub))
    else:
        yield path, exc


def _extend(path: str, exc: BaseException) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f"{path}.{note.name}" if path else note.name
        if isinstance(note, IterableValidationNote):
            index = note.index
            return f"{path}[{index}]" if isinstance(index, int) else f"{path}[{index!r}]"
    return path


def _messages(path: str, exc: BaseException) -> Iterator[tuple[str, str]]:
    if isinstance(exc, ForbiddenExtraKeysError):
        known = [f.name for f in attrs.fields(exc.cl)] if attrs.has(exc.cl) else []
        for key in sorted(exc.extra_fields):
            where = f"{path}.{key}" if path else key
            yield (
                where,
                (f"unknown key{_suggest(key, known)}; {exc.cl.__name__} takes " + ", ".join(known)),
            )
    elif isinstance(exc, KeyError):
        yield path, "missing; this field is required"
    elif isinstance(exc, ScorecardError):
        yield path, str(exc)
    else:
        yield path, f"{type(exc).__name__}: {exc}"


def _reraise(exc: Exception, where: str) -> typing.NoReturn:
    """Raise ``exc`` as a scorecard error that lists every problem with its JSON path.

    Errors the model raised (`TreeError`, `WeightError`) keep their class when they are the
    only kind of problem; anything else becomes a `SchemaError`.
    """
    problems = list(_problems(exc, ""))
    if len(problems) == 1 and not problems[0][0] and not where:
        leaf = problems[0][1]
        if isinstance(leaf, ScorecardError):
            raise leaf from None
    classes = {type(leaf) for _, leaf in problems}
    kind = classes.pop() if len(classes) == 1 else SchemaError
    if not issubclass(kind, ScorecardError):
        kind = SchemaError
    lines = [f"{p}: {m}" if p else m for path, leaf in problems for p, m in _messages(path, leaf)]
    prefix = f"{where}: " if where else ""
    if len(lines) == 1:
        message = prefix + lines[0]
    else:
        message = f"{prefix}{len(lines)} problems:\n" + "\n".join(f"  {line}" for line in lines)
    raise kind(message) from exc
