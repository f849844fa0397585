"""Error paths: each problem under a cattrs error group, named by its JSON path."""

from __future__ import annotations

import typing
from collections.abc import Iterator

import attrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from scorecard._text import suggest
from scorecard.errors import SchemaError, ScorecardError


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
                (f"unknown key{suggest(key, known)}; {exc.cl.__name__} takes " + ", ".join(known)),
            )
    elif isinstance(exc, KeyError):
        yield path, "missing; this field is required"
    elif isinstance(exc, ScorecardError):
        yield path, str(exc)
    else:
        yield path, f"{type(exc).__name__}: {exc}"


def reraise(exc: Exception, where: str) -> typing.NoReturn:
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
