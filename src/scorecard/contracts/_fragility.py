"""How fragile is an award? The splits, marks and bids that would change the winner.

For the winner against each other passing bid: the quality:price split at which the two swap
(in closed form: each total is a straight line in the split), and the winner at the splits
tenders commonly use. The smallest change to one moderated mark that changes the winner:
for each bid and question, the marks a challenger would need to gain or the winner to lose,
found in closed form from each mark's weight in the total and checked by evaluating the
tender again with the change and with one step less (gates included: a winner's mark falling
below a minimum loses it the award). Under a relative price rule, whether removing one bid,
or adding one at a stated price and mark, reorders the others. And SMAA over a stated range
of splits. Every statement is in words: "Northdale wins at 60:40; Harbour Lane wins from
47.6:52.4 in price's favour; one mark more for Harbour Lane on q6 would make it the winner".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from scorecard._tender import Bid, Tender, TenderError
from scorecard.contracts._evaluate import TenderEvaluation, evaluate_tender, split_text
from scorecard.contracts._marks import MarkChange, mark_changes

if TYPE_CHECKING:
    from scorecard.sensitivity import Acceptability
    from scorecard.sensitivity._preferences import Knowledge

__all__ = [
    "COMMON_SPLITS",
    "AlternativeEffect",
    "Fragility",
    "MarkChange",
    "SplitCrossing",
    "fragility",
]

COMMON_SPLITS: Final = (0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2)
"""Quality's share at the quality:price splits tenders commonly use, 80:20 to 20:80."""


@attrs.frozen
class SplitCrossing:
    """Where the winner and ``bidder`` swap as the quality:price split moves (None: never)."""

    bidder: str
    at: float | None
    towards: str | None
    """"quality" if ``bidder`` overtakes at a higher quality share, "price" if at a lower."""


@attrs.frozen
class AlternativeEffect:
    """What happens to the order of the other bids when one bid is removed or added."""

    change: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def reorders(self) -> bool:
        """True when the bids present both times come in another order."""
        return self.before != self.after


@attrs.frozen(eq=False)
class Fragility:
    """The fragility of one tender evaluation's award (see the module docstring)."""

    evaluation: TenderEvaluation
    winner: str | None
    crossings: tuple[SplitCrossing, ...]
    common: tuple[tuple[float, str | None], ...]
    marks: tuple[MarkChange, ...]
    """Every bid and question where one mark's change alone changes the winner, smallest
    change first."""
    alternatives: tuple[AlternativeEffect, ...]
    smaa: Acceptability | None = None
    split_range: tuple[float, float] | None = None

    @property
    def smallest(self) -> MarkChange | None:
        """The smallest single-mark change that changes the winner (None: there is none)."""
        return self.marks[0] if self.marks else None

    def nearest(self, towards: str) -> SplitCrossing | None:
        """The nearest split, towards "quality" or "price", at which the winner changes."""
        found = [c for c in self.crossings if c.at is not None and c.towards == towards]
        now = self.evaluation.quality_weight
        return min(found, key=lambda c: abs((c.at or 0.0) - now), default=None)

    def summary(self) -> str:
        """The fragility in sentences, for the award report."""
        now = self.evaluation.quality_weight
        if self.winner is None:
            return "No bid passes every gate, so there is no award to test."
        per_point = self.evaluation.tender.price_rule.per_quality_point
        lines = [
            f"{self.winner} wins on price per quality point (there is no split to move)."
            if per_point
            else f"{self.winner} wins at {split_text(now)}."
        ]
        for towards in () if per_point else ("quality", "price"):
            near = self.nearest(towards)
            if near is not None and near.at is not None:
                lines.append(
                    f"{near.bidder} wins from {split_text(near.at)} in {towards}'s favour."
                )
            else:
                lines.append(f"No split more in {towards}'s favour changes the winner.")
        others = {w for _, w in self.common if w != self.winner}
        if per_point:
            pass
        elif others:
            at = ", ".join(f"{split_text(q)}: {w or 'no bid'}" for q, w in self.common)
            lines.append(f"At common splits the winner varies ({at}).")
        else:
            lines.append(f"{self.winner} wins at every split from 80:20 to 20:80.")
        if self.smallest is not None:
            questions = self.evaluation.tender.questions
            label = next(q.label for q in questions if q.id == self.smallest.question)
            lines.append(_mark_words(self.smallest, self.winner, label))
        else:
            lines.append("No change to a single mark changes the winner.")
        lines += [
            f"{a.change.capitalize()} would reorder the others ({' > '.join(a.after)})."
            for a in self.alternatives
            if a.reorders
        ]
        if self.smaa is not None and self.split_range is not None:
            lo, hi = self.split_range
            lines.append(
                f"Over quality shares from {lo:.0%} to {hi:.0%} (SMAA, {self.smaa.samples:,} "
                f"splits): {self.smaa.summary()}"
            )
        return " ".join(lines)


def _mark_words(change: MarkChange, winner: str, label: str) -> str:
    size = abs(change.change)
    amount = f"{size:g} mark{'s' if size != 1 else ''}"
    where = f"on {change.question} ({label}), to {change.mark:g},"
    if change.change > 0:
        return (
            f"{amount} more for {change.bidder} {where} would make "
            f"{change.winner or 'no bid'} the winner."
        )
    return f"{amount} fewer for {winner} {where} would make {change.winner or 'no bid'} the winner."


def fragility(
    found: TenderEvaluation,
    *,
    splits: Sequence[float] = COMMON_SPLITS,
    added: tuple[float, float] | None = None,
    split_range: tuple[float, float] | None = None,
    knowledge: Mapping[str, Knowledge] | None = None,
    samples: int = 10_000,
    seed: int = 0,
) -> Fragility:
    """How fragile ``found``'s award is.

    Parameters
    ----------
    found
        The tender evaluation.
    splits
        Quality shares to report the winner at (default 0.8 down to 0.2).
    added
        A hypothetical extra bid as (price, mark on every question), for the irrelevant-
        alternatives test under a relative price rule.
    split_range
        (low, high) quality shares to run SMAA over; other weights are kept unless
        ``knowledge`` says what is known about them.
    knowledge
        With ``split_range``: what is known about the weights of other groups, by group id
        (``{"quality": Bounded(lower={"quality_innovation": 0.3})}``, say), as for
        `scorecard.sensitivity.smaa`; groups not named keep their weights.
    samples, seed
        SMAA settings when ``split_range`` is given.

    Examples
    --------
    >>> from scorecard.datasets import example_tender
    >>> result = fragility(evaluate_tender(example_tender()))
    >>> result.winner
    'Northdale Recovery Partnership'
    """
    winner = found.winner
    per_point = found.tender.price_rule.per_quality_point
    if per_point and split_range is not None:
        raise TenderError("price per quality point has no quality:price split to range over")
    common = () if per_point else tuple((q, found.with_quality_weight(q).winner) for q in splits)
    crossings = _crossings(found) if winner is not None and not per_point else ()
    marks = tuple(mark_changes(found))
    alternatives = _alternatives(found, added) if found.tender.price_rule.relative else ()
    result = None
    if split_range is not None:
        result = _smaa_over(found, split_range, knowledge or {}, samples, seed)
    return Fragility(found, winner, crossings, common, marks, alternatives, result, split_range)


def _crossings(found: TenderEvaluation) -> tuple[SplitCrossing, ...]:
    """Each passing challenger's crossing with the winner: totals are lines in the split."""
    ev = found.evaluation
    q_now = found.quality_weight
    quality, price = found.quality, found.price_scores
    w = found.bidders.index(found.winner or "")
    out = []
    for j, bidder in enumerate(found.bidders):
        if j == w or not ev.passed[j]:
            continue
        # T(q) = q Q + (1 - q) P; T_w - T_j = q (dQ - dP) + dP, zero at q = -dP / (dQ - dP).
        d_quality, d_price = quality[w] - quality[j], price[w] - price[j]
        slope = d_quality - d_price
        at = -d_price / slope if slope != 0 else math.nan
        if not (0.0 < at < 1.0) or math.isclose(at, q_now):  # at 0 or 1 they only tie
            out.append(SplitCrossing(bidder, None, None))
            continue
        out.append(SplitCrossing(bidder, float(at), "quality" if at > q_now else "price"))
    return tuple(out)


def _alternatives(
    found: TenderEvaluation, added: tuple[float, float] | None
) -> tuple[AlternativeEffect, ...]:
    """Whether removing each bid in turn (or adding the stated one) reorders the rest."""
    tender = found.tender
    order = found.ranking
    out = []
    if len(tender.bids) > 2:  # noqa: PLR2004 - with two bids, removing one leaves no order
        for bid in tender.bids:
            rest = _without(tender, bid.bidder)
            after = evaluate_tender(rest, quality_weight=found.quality_weight).ranking
            before = tuple(b for b in order if b != bid.bidder)
            out.append(AlternativeEffect(f"removing {bid.bidder}'s bid", before, after))
    if added is not None:
        price, mark = added
        more = _with(tender, price, mark)
        after = evaluate_tender(more, quality_weight=found.quality_weight).ranking
        after = tuple(b for b in after if b != _ADDED)
        out.append(
            AlternativeEffect(
                f"adding a bid at {price:,.2f} with mark {mark:g} on every question", order, after
            )
        )
    return tuple(out)


_ADDED: Final = "(added bid)"


def _without(tender: Tender, bidder: str) -> Tender:
    return attrs.evolve(
        tender,
        bids=[b for b in tender.bids if b.bidder != bidder],
        marks=[m for m in tender.marks if m.bidder != bidder],
        consensus=[c for c in tender.consensus if c.bidder != bidder],
        conditions=[
            attrs.evolve(c, failed={k: v for k, v in c.failed.items() if k != bidder})
            for c in tender.conditions
        ],
    )


def _with(tender: Tender, price: float, mark: float) -> Tender:
    tender.scale.check(mark, where="the added bid")
    from scorecard._tender import Consensus, Mark  # noqa: PLC0415

    marks = [
        Mark(e, _ADDED, q.id, mark, reason="hypothetical")
        for e in tender.evaluators
        for q in tender.questions
    ]
    consensus = (
        [Consensus(_ADDED, q.id, mark) for q in tender.questions]
        if tender.moderation == "consensus"
        else []
    )
    return attrs.evolve(
        tender,
        bids=[*tender.bids, Bid(_ADDED, price)],
        marks=[*tender.marks, *marks],
        consensus=[*tender.consensus, *consensus],
    )


def _smaa_over(
    found: TenderEvaluation,
    split_range: tuple[float, float],
    known: Mapping[str, Knowledge],
    samples: int,
    seed: int,
) -> Acceptability:
    from scorecard.sensitivity import Bounded, Fixed, smaa  # noqa: PLC0415

    lo, hi = split_range
    knowledge = {**known, "root": Bounded(lower={"quality": lo}, upper={"quality": hi})}
    return smaa(
        found.evaluation,
        samples=samples,
        seed=seed,
        knowledge=knowledge,
        default=Fixed(),
        pairwise=False,
    )
