"""Named baselines: the weights an evaluation is set beside, built from the scorecard given.

"completions only" puts every weight on the card's own completion metrics (whichever of the
national three it has), "equal" weighs every sibling equally, "scorecard's weights" are the
card's own. The explorer offers them as presets and baselines; the report and the command
line compare with them. They never reach for the catalogue's cards, so any card works.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from scorecard._text import suggest
from scorecard._tree_weights import focus
from scorecard.errors import ScorecardError
from scorecard.weighting import Equal, resolve

if TYPE_CHECKING:
    from scorecard._weights import Weights
    from scorecard.evaluation import Evaluation
    from scorecard.tree import Scorecard

__all__ = ["COMPLETIONS", "EQUAL", "SCORECARD", "baseline", "default_name", "presets"]

SCORECARD: Final = "scorecard's weights"
COMPLETIONS: Final = "completions only"
EQUAL: Final = "equal"


def presets(card: Scorecard) -> dict[str, Weights]:
    """The named weights that apply to ``card``: its own, equal, and completions only if it can."""
    from scorecard.catalog import completions_only  # noqa: PLC0415

    out = {SCORECARD: resolve(card, None), EQUAL: resolve(card, Equal())}
    completions = [m for m in completions_only().metric_ids if m in card.metric_ids]
    if completions:
        out[COMPLETIONS] = focus(card, completions)
    return out


def default_name(card: Scorecard) -> str:
    """The default baseline's name: "completions only" if the card can, else "equal"."""
    return COMPLETIONS if COMPLETIONS in presets(card) else EQUAL


def baseline(ev: Evaluation, name: str | None = None) -> Evaluation:
    """``ev`` re-weighted by the named baseline (default: `default_name`); values are kept.

    Examples
    --------
    >>> import scorecard as sc
    >>> ev = sc.catalog.balanced().evaluate(sc.datasets.example())
    >>> base = baseline(ev)
    >>> g = sc.global_weights(ev.card, base.weights)
    >>> [m for m, x in zip(ev.card.metric_ids, g) if x > 0], base.card is ev.card
    (['sc_opiate_no_rep', 'sc_nonopiate_no_rep', 'sc_alcohol_no_rep'], True)
    """
    named = presets(ev.card)
    chosen = default_name(ev.card) if name is None else name
    if chosen not in named:
        raise ScorecardError(
            f"no baseline {chosen!r} for scorecard {ev.card.name!r}"
            f"{suggest(chosen, named)}; choose from {', '.join(map(repr, named))}"
        )
    return ev.rescore(named[chosen])
