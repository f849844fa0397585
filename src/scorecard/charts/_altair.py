"""Import altair with a clear message when the ``widgets`` extra is not installed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import ModuleType

from scorecard.errors import ScorecardError

EXTRA = "install commissioning-scorecard[widgets] for charts and widgets"


def altair() -> ModuleType:
    """The altair module (an error naming the extra if it is missing)."""
    try:
        import altair as alt  # noqa: PLC0415 - charts only
    except ImportError as exc:  # pragma: no cover - the dev environment has it
        raise ScorecardError(f"altair is not installed: {EXTRA}") from exc
    return alt


def rows(columns: Mapping[str, Sequence[object]]) -> list[dict[str, object]]:
    """Column lists as the row records altair embeds inline (no pandas needed)."""
    names = list(columns)
    return [dict(zip(names, values, strict=True)) for values in zip(*columns.values(), strict=True)]
