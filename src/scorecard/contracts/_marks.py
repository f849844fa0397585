"""The smallest change to one moderated mark that changes the winner, for every bid and question.

Every mark the scale allows is tried for every bid and question at once (numpy arrays of bid x
question x mark): a bid's total is a straight line in each of its marks, each gate a threshold
on a mark or on a share that is a straight line in it, and under a relative price rule the
benchmark moves only when a bid starts or stops passing, so each candidate's totals, gates and
leader are exact. A change counts when one other bid then leads alone (a change that only
creates a tie is not a new winner). Each cell's smallest change is then evaluated again in
full, with the change and without it, before it is reported.
"""

from __future__ import annotations

from typing import Final

import attrs
import numpy as np

from scorecard._arrays import BoolArray, FloatArray
from scorecard.contracts._evaluate import TIE, TenderEvaluation, leader, scored

__all__ = ["CONTINUOUS_LEVELS", "MarkChange", "mark_changes", "smallest_by_evaluation"]

CONTINUOUS_LEVELS: Final = 101
"""Marks tried on a scale that allows any mark (step 0): evenly spaced, ends included."""


@attrs.frozen
class MarkChange:
    """The smallest change to one moderated mark that changes the winner."""

    bidder: str
    question: str
    change: float
    """Marks added (positive, a challenger) or taken away (negative, the winner)."""
    mark: float
    """The mark after the change."""
    winner: str | None
    """Who wins after it (None: no bid passes every gate)."""


def _levels(found: TenderEvaluation) -> FloatArray:
    scale = found.tender.scale
    if scale.step:
        count = round((scale.maximum - scale.minimum) / scale.step) + 1
        return scale.minimum + scale.step * np.arange(count, dtype=np.float64)
    return np.linspace(scale.minimum, scale.maximum, CONTINUOUS_LEVELS)


def mark_changes(found: TenderEvaluation) -> list[MarkChange]:
    """Per bid and question, the smallest mark change that makes another bid the sole leader.

    Smallest first; none when no bid leads alone now.
    """
    winner = found.winner
    if winner is None:
        return []
    if found.tender.price_rule.per_quality_point:  # not a weighted sum: evaluate each mark
        return sorted(
            (
                MarkChange(b, q, change, mark, new)
                for (b, q), (change, mark, new) in _smallest(found).items()
            ),
            key=lambda c: (abs(c.change), c.question, c.bidder),
        )
    tender, ev = found.tender, found.evaluation
    b_count, q_count = len(found.bidders), len(tender.questions)
    levels = _levels(found)
    points = found.moderated.points
    delta = levels[None, None, :] - points[:, :, None]  # (B, Q, L)
    parts = _Parts(found)
    q = found.quality_weight
    span = tender.scale.maximum - tender.scale.minimum
    w_c = np.array([parts.criterion_weight[x.criterion] for x in tender.questions])
    w_q = np.array([x.weight for x in tender.questions])
    gain = q * w_c * w_q / span  # (Q,) total per mark
    own = ev.scores[:, None, None] + gain[None, :, None] * delta  # (B, Q, L) the bid's total
    passes = parts.passes_after(delta, w_q, w_c, span)  # (B, Q, L) the bid passes after
    flipped = passes != ev.passed[:, None, None]
    totals = np.broadcast_to(ev.scores, (b_count, q_count, len(levels), b_count)).copy()
    if tender.price_rule.relative:  # the benchmark moves when a bid starts or stops passing
        moved = parts.flipped_totals()  # (B, B): bid i flips -> every bid's total
        totals = np.where(flipped[..., None], moved[:, None, None, :], totals)
        own = own + np.where(
            flipped, np.diagonal(moved)[:, None, None] - ev.scores[:, None, None], 0.0
        )
    index = np.arange(b_count)
    totals[index, :, :, index] = np.moveaxis(own, 0, 0)
    alive = np.broadcast_to(ev.passed, totals.shape).copy()
    alive[index, :, :, index] = passes
    masked = np.where(alive, totals, -np.inf)
    best = masked.argmax(axis=-1)  # (B, Q, L)
    top = np.take_along_axis(masked, best[..., None], axis=-1)[..., 0]
    second = (
        np.partition(masked, -2, axis=-1)[..., -2] if b_count > 1 else np.full(top.shape, -np.inf)
    )
    sole = np.isfinite(top) & (second < top - TIE)
    w = found.bidders.index(winner)
    changes = sole & (best != w) & (np.abs(delta) > TIE)
    out = []
    for i, k in zip(*np.nonzero(changes.any(axis=-1)), strict=True):
        candidates = np.flatnonzero(changes[i, k])
        pick = candidates[np.argmin(np.abs(delta[i, k, candidates]))]
        mark = float(levels[pick])
        new = found.bidders[int(best[i, k, pick])]
        confirmed = _winner_with(found, int(i), int(k), mark)
        if confirmed != new:  # pragma: no cover - the arrays and the evaluation must agree
            raise AssertionError(
                f"mark change search: {new!r} by the arrays, {confirmed!r} evaluated"
            )
        change = float(mark - points[i, k])
        out.append(MarkChange(found.bidders[i], tender.questions[k].id, change, mark, new))
    out.sort(key=lambda c: (abs(c.change), c.question, c.bidder))
    return out


def smallest_by_evaluation(found: TenderEvaluation) -> dict[tuple[str, str], float]:
    """By brute force, what `mark_changes` computes: per cell, the smallest change that works.

    Maps (bidder, question) to the smallest change to that moderated mark after which another
    bid leads alone. Every bid, question and mark the scale allows, the tender evaluated in
    full each time: slow (bids x questions x marks evaluations), for tests and benchmarks.
    """
    return {key: abs(change) for key, (change, _, _) in _smallest(found).items()}


def _smallest(found: TenderEvaluation) -> dict[tuple[str, str], tuple[float, float, str]]:
    """(bidder, question) -> (change, new mark, new sole leader), the smallest change."""
    out: dict[tuple[str, str], tuple[float, float, str]] = {}
    if found.winner is None:
        return out
    for i, bidder in enumerate(found.bidders):
        for k, question in enumerate(found.tender.questions):
            for mark in _levels(found):
                change = float(mark) - float(found.moderated.points[i, k])
                if abs(change) <= TIE:
                    continue
                new = _winner_with(found, i, k, float(mark))
                key = (bidder, question.id)
                if (
                    new is not None
                    and new != found.winner
                    and abs(change) < abs(out.get(key, (np.inf, 0.0, ""))[0])
                ):
                    out[key] = (change, float(mark), new)
    return out


def _winner_with(found: TenderEvaluation, bid: int, question: int, mark: float) -> str | None:
    """The sole leader once bid ``bid``'s moderated mark on ``question`` is ``mark``."""
    points = np.array(found.moderated.points)
    points[bid, question] = mark
    ev, _, _ = scored(found.tender, points, found.quality_weight)
    return leader(ev)


class _Parts:
    """The gates of a tender evaluation taken apart, to recheck them after one mark moves."""

    def __init__(self, found: TenderEvaluation) -> None:
        tender = found.tender
        self.found = found
        self.criterion_weight = {c.id: c.weight for c in tender.criteria}
        scale = tender.scale
        points = found.moderated.points
        minimum = np.array([np.nan if x.minimum is None else x.minimum for x in tender.questions])
        self.question_minimum = minimum
        self.question_ok = ~(points < minimum)  # NaN minimum: no gate
        self.criteria = [c.id for c in tender.criteria]
        self.criterion_of = np.array([self.criteria.index(x.criterion) for x in tender.questions])
        shares = (points - scale.minimum) / (scale.maximum - scale.minimum)
        self.criterion_share = np.column_stack(
            [
                shares[:, [j for j, x in enumerate(tender.questions) if x.criterion == c]]
                @ np.array([x.weight for x in tender.questions if x.criterion == c])
                for c in self.criteria
            ]
        )  # (B, C)
        self.criterion_minimum = np.array(
            [np.nan if c.minimum is None else c.minimum for c in tender.criteria]
        )
        weights = np.array([c.weight for c in tender.criteria])
        self.quality_share = self.criterion_share @ weights
        self.quality_minimum = np.nan if tender.quality_minimum is None else tender.quality_minimum
        prices = np.array([b.price for b in tender.bids])
        fixed = np.ones(len(tender.bids), dtype=np.bool_)
        for condition in tender.conditions:
            fixed &= np.array([b not in condition.failed for b in tender.bidders])
        if tender.affordability_cap is not None:
            fixed &= prices <= tender.affordability_cap
        self.fixed_ok = fixed

    def passes_after(
        self, delta: FloatArray, w_q: FloatArray, w_c: FloatArray, span: float
    ) -> BoolArray:
        """(B, Q, L) whether each bid passes every gate after its mark moves by ``delta``."""
        points = self.found.moderated.points
        new_mark = points[:, :, None] + delta
        question_ok = ~(new_mark < self.question_minimum[None, :, None])
        other_questions = (~self.question_ok).sum(axis=1)[:, None] - (~self.question_ok)
        questions_ok = question_ok & (other_questions == 0)[:, :, None]
        share = (
            self.criterion_share[:, self.criterion_of][:, :, None]
            + (w_q / span)[None, :, None] * delta
        )
        crit_min = self.criterion_minimum[self.criterion_of][None, :, None]
        criterion_ok = ~(share < crit_min - TIE)
        crit_fail = self.criterion_share < self.criterion_minimum - TIE  # (B, C)
        other_criteria = crit_fail.sum(axis=1)[:, None] - crit_fail[:, self.criterion_of]
        criteria_ok = criterion_ok & (other_criteria == 0)[:, :, None]
        quality = self.quality_share[:, None, None] + (w_c * w_q / span)[None, :, None] * delta
        quality_ok = ~(quality < self.quality_minimum - TIE)
        return np.asarray(
            self.fixed_ok[:, None, None] & questions_ok & criteria_ok & quality_ok, dtype=np.bool_
        )

    def flipped_totals(self) -> FloatArray:
        """(B, B): with bid i's passing status flipped, every bid's total (relative rule)."""
        found = self.found
        tender, ev = found.tender, found.evaluation
        prices = np.array([b.price for b in tender.bids])
        q = found.quality_weight
        out = np.empty((len(prices), len(prices)))
        for i in range(len(prices)):
            among = np.array(ev.passed)
            among[i] = not among[i]
            scores = tender.price_rule.scores(prices, list(tender.bidders), among=among)
            out[i] = ev.scores + (1 - q) * (scores - found.price_scores)
        return out
