"""The cost of changing provider, stated explicitly, and the margin a challenger must beat.

Retendering is not free: mobilisation, TUPE transfer of staff, double running, and a dip in
outcomes while people and relationships move (the articles this package grew from describe
the first year spent re-establishing a service). Rather than hide that in a weight, a
`Transition` states it: money added to every challenger's price, and a share of quality lost
in the transfer. `transition` reports, for each passing challenger, its lead over the
incumbent as evaluated, what the change would cost it in score, and whether the change pays.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard._tender import TenderError
from scorecard.aggregation import Gated
from scorecard.contracts._evaluate import TenderEvaluation, split_text

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["ChangeCase", "Transition", "TransitionResult", "transition"]


@attrs.frozen
class Transition:
    """What changing provider would cost, stated so that it can be questioned.

    ``cost``: money the authority would spend on a change (mobilisation, TUPE, double
    running), added to every challenger's price. ``dip``: the share of a challenger's quality
    score expected to be lost over the contract while the service transfers (0.05: 5%).
    ``note``: where the figures come from.
    """

    cost: float = attrs.field(default=0.0, converter=float)
    dip: float = attrs.field(default=0.0, converter=float)
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if not (math.isfinite(self.cost) and self.cost >= 0):
            raise TenderError(f"transition cost must be 0 or more, got {self.cost!r}")
        if not 0 <= self.dip < 1:
            raise TenderError(f"transition dip is a share of quality in [0, 1), got {self.dip!r}")

    def describe(self) -> str:
        """The assumptions in words."""
        parts = []
        if self.cost:
            parts.append(f"{self.cost:,.2f} to change provider")
        if self.dip:
            parts.append(f"a {self.dip:.0%} dip in quality during transfer")
        text = " and ".join(parts) or "no cost of changing provider"
        return text + (f" ({self.note})" if self.note else "")


@attrs.frozen
class ChangeCase:
    """One challenger against the incumbent, before and after the cost of changing."""

    challenger: str
    lead: float
    """The challenger's total less the incumbent's, as evaluated (positive: it leads)."""
    penalty: float
    """What the cost of changing takes off the challenger's total."""

    @property
    def pays(self) -> bool:
        """True when the challenger's lead is larger than what changing costs it."""
        return self.lead > self.penalty


@attrs.frozen(eq=False)
class TransitionResult:
    """Each passing challenger's case against the incumbent, and who wins once it counts."""

    evaluation: TenderEvaluation
    assumptions: Transition
    incumbent: str
    cases: tuple[ChangeCase, ...]
    winner: str | None
    notes: tuple[str, ...] = ()
    """What the comparison must be read with: an incumbent failing a gate, a price at a cap."""

    def summary(self) -> str:
        """In words: whether any change of provider pays, and by what margin."""
        split = split_text(self.evaluation.quality_weight)
        lines = [f"Assuming {self.assumptions.describe()}, at {split} quality:price:"]
        for case in self.cases:
            verdict = "a change would pay" if case.pays else "a change would not pay"
            lead = (
                f"leads {self.incumbent} by {case.lead:.3f}"
                if case.lead > 0
                else f"trails {self.incumbent} by {-case.lead:.3f}"
            )
            lines.append(
                f"{case.challenger} {lead}; changing costs it {case.penalty:.3f}, so {verdict} "
                f"(it must lead by more than {case.penalty:.3f})."
            )
        lines.append(
            f"With the cost of changing counted, {self.winner or 'no bid'} comes first."
            if self.cases
            else "No passing challenger."
        )
        lines += [f"Note: {n}." for n in self.notes]
        return " ".join(lines)


def _combined(ev: Evaluation, quality: FloatArray, price: FloatArray) -> FloatArray:
    """Totals from quality and price scores, combined as the evaluation combines them.

    A weighted sum; under price per quality point, the equal-weight geometric mean.
    """
    base = ev.aggregation.base if isinstance(ev.aggregation, Gated) else ev.aggregation
    weights = np.array([[ev.weights["quality"], ev.weights["price"]]])
    return np.asarray(base.scores(np.column_stack([quality, price]), weights)[0], dtype=np.float64)


def transition(found: TenderEvaluation, assumptions: Transition) -> TransitionResult:
    """How the stated cost of changing provider weighs against each challenger's lead.

    Challengers' prices rise by ``assumptions.cost`` (the price rule scores them again, so a
    relative rule sees the new lowest price) and their quality falls by ``assumptions.dip``;
    the incumbent's bid is as evaluated. Gates are as evaluated.

    Examples
    --------
    >>> from scorecard.contracts import evaluate_tender
    >>> from scorecard.datasets import example_tender
    >>> result = transition(evaluate_tender(example_tender()), Transition(cost=400_000))
    >>> result.incumbent, result.winner
    ('Northdale Recovery Partnership', 'Northdale Recovery Partnership')
    """
    tender, ev = found.tender, found.evaluation
    incumbent = tender.incumbent
    if incumbent is None:
        raise TenderError(
            f"tender {tender.name!r} has no incumbent's bid: mark one Bid(incumbent=True) to "
            "weigh the cost of changing provider"
        )
    challenger = np.array([b.bidder != incumbent for b in tender.bids])
    prices = np.array([b.price for b in tender.bids]) + assumptions.cost * challenger
    price_scores = tender.price_rule.scores(prices, list(tender.bidders), among=ev.passed)
    quality = found.quality * np.where(challenger, 1 - assumptions.dip, 1.0)
    adjusted = _combined(ev, quality, price_scores)
    k = found.bidders.index(incumbent)
    cases = tuple(
        ChangeCase(
            bidder,
            float(ev.scores[j] - ev.scores[k]),
            float(ev.scores[j] - adjusted[j]) - float(ev.scores[k] - adjusted[k]),
        )
        for j, bidder in enumerate(found.bidders)
        if j != k and ev.passed[j]
    )
    passing = [j for j in range(len(found.bidders)) if ev.passed[j]]
    best = max(passing, key=lambda j: (adjusted[j], -j), default=None)
    winner = found.bidders[best] if best is not None else None
    notes = []
    if not ev.passed[k]:
        notes.append(
            f"{incumbent} fails a gate ({'; '.join(found.failures(incumbent))}), so it cannot be "
            "awarded the contract whatever changing provider would cost"
        )
    beyond = getattr(tender.price_rule, "beyond", None)
    if beyond is not None and assumptions.cost:
        for bidder, why in beyond(prices, list(tender.bidders)):
            if bidder != incumbent and "ceiling" in why:
                notes.append(f"{bidder}'s price with the cost of changing is {why}")
    return TransitionResult(found, assumptions, incumbent, cases, winner, tuple(notes))
