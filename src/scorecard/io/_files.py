"""Reading and writing: `structure`, `unstructure`, `load`, `dump` and the JSON Schema."""

from __future__ import annotations

import errno
import functools
import importlib.resources
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any, Final, TypeVar

from cattrs.errors import (
    BaseValidationError,
)

from scorecard.errors import SchemaError, ScorecardError
from scorecard.io._converter import converter
from scorecard.io._paths import reraise

T = TypeVar("T")

SCHEMA_FILE: Final = "schemas/scorecard.schema.json"
"""Where the JSON Schema of the scorecard file format lives, relative to the package."""

_TEXT_STARTS: Final = ("{", "[")


def structure(data: Any, cls: type[T]) -> T:
    """Build a ``cls`` from plain JSON-like data (dicts, lists, strings, numbers).

    Parameters
    ----------
    data
        What `json.loads` would give, or `unstructure` gave.
    cls
        The class to build: `~scorecard.Scorecard`, `~scorecard.Weights`, a scale...

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
        reraise(exc, "")


def unstructure(obj: object) -> Any:
    """Plain JSON-like data for a model object; fields equal to their defaults are left out.

    Examples
    --------
    >>> from scorecard import Metric
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
        The class to build, e.g. `~scorecard.Scorecard`.
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
        reraise(exc, where)
    except RecursionError:
        raise SchemaError(f"{where}: {_TOO_DEEP}") from None


def dump(obj: object, path: str | os.PathLike[str] | None = None, *, indent: int | None = 2) -> str:
    r"""JSON text for a model object, also written to ``path`` (UTF-8) when one is given.

    Fields equal to their defaults are left out; keys keep their declared order (ids and
    labels first); the text ends with a newline. Floats are written so that they read back
    exactly.

    Parameters
    ----------
    obj
        A model object: `~scorecard.Scorecard`, `~scorecard.Weights`...
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
    >>> from scorecard import Weights
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
            "no such JSON file (JSON text would start with '{' or '[')",
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
    except RecursionError:
        raise SchemaError(f"{where}: {_TOO_DEEP}") from None


_TOO_DEEP: Final = (
    "nested too deeply to read (hundreds of levels of brackets); a scorecard, weights or "
    "decision file is a few levels deep"
)


def read_json(source: str | os.PathLike[str]) -> Any:
    """Parse JSON text or a JSON file strictly: what `load` reads, as plain data.

    A key given twice in one object, NaN or Infinity, text that is not UTF-8 and nesting too
    deep to read are each a `SchemaError` naming the file (and the line and column).
    """
    text, where = _read(source)
    return _parse(text, where)
