"""Identity rules for provider and client ids: trimmed, NFC-normalised, compared case by case.

'Riverside' and 'Riverside ' (a trailing space), or an accented name typed composed and
decomposed, are one provider; a spreadsheet rarely shows the difference. `canonical` gives the
id a name is compared by; `canonical_names` applies it to a column and refuses empty ids and
ids that collide only after it, naming both spellings (so two providers are never merged, nor
one split, without the person seeing it). Case is kept: 'Riverside' and 'RIVERSIDE' differ.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable

from scorecard.errors import ScorecardError

__all__ = ["canonical", "canonical_names"]


def canonical(name: str) -> str:
    r"""``name`` trimmed of surrounding whitespace, in Unicode normal form NFC.

    Examples
    --------
    >>> canonical("  Riverside ") == canonical("Riverside")
    True
    >>> canonical("Jose\u0301") == "Jos\u00e9"
    True
    """
    return unicodedata.normalize("NFC", name).strip()


def canonical_names(
    kind: str,
    names: Iterable[object],
    *,
    error: type[ScorecardError],
    position: Callable[[int], str] | None = None,
) -> tuple[str, ...]:
    """The canonical ids of ``names``; ``error`` for an empty id or a collision.

    ``kind`` ("provider", "client") goes in the message; ``position(i)`` says where the i-th
    name is ("data.csv, line 4"; default "provider 5").
    """
    where = position or (lambda i: f"{kind} {i + 1}")
    out: list[str] = []
    first: dict[str, tuple[int, str]] = {}
    for i, value in enumerate(names):
        if not isinstance(value, str) or not canonical(value):
            raise error(f"{where(i)}: {kind} name must be non-empty text, got {value!r}")
        name = canonical(value)
        if name in first:
            j, spelling = first[name]
            if spelling == value:
                raise error(f"{where(i)}: {kind} {value!r} appears twice (also {where(j)})")
            raise error(
                f"{where(i)}: {kind} {value!r} is the same {kind} as {spelling!r} at {where(j)} "
                "(ids are compared trimmed of spaces, in Unicode NFC form): rename one, or "
                "merge their rows"
            )
        first[name] = (i, value)
        out.append(name)
    return tuple(out)
