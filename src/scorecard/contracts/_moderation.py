"""Moderation: the evaluators' marks become one mark per bid and question, with the evidence.

Consensus marks keep their recorded reasons; the mean or the median is computed when chosen.
The spread (highest less lowest mark) of every bid and question is kept, and two things are
flagged for the moderation record: evaluators who differ by `SPREAD_FLAG` marks or more, and a
consensus mark outside the range the evaluators gave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs
import numpy as np

from scorecard._arrays import FloatArray

if TYPE_CHECKING:
    from scorecard._tender import Tender

__all__ = ["SPREAD_FLAG", "Moderated", "ModerationFlag", "moderate"]

SPREAD_FLAG: Final = 2.0
"""Evaluators whose marks for one bid and question differ by this much or more are flagged."""


@attrs.frozen
class ModerationFlag:
    """Something the moderation record should explain, for one bid and question."""

    bidder: str
    question: str
    kind: str
    detail: str

    def __str__(self) -> str:
        return f"bid {self.bidder!r}, question {self.question!r}: {self.kind} ({self.detail})"


@attrs.frozen(eq=False)
class Moderated:
    """Every evaluator's marks (E x B x Q), the moderated marks (B x Q), spreads and flags."""

    evaluators: tuple[str, ...]
    bidders: tuple[str, ...]
    questions: tuple[str, ...]
    marks: FloatArray
    points: FloatArray
    method: str
    flags: tuple[ModerationFlag, ...]
    reasons: tuple[tuple[str, str, str], ...]
    """(bidder, question, reason) for every consensus mark given with a reason."""

    @property
    def spread(self) -> FloatArray:
        """(B, Q) the highest less the lowest evaluator's mark."""
        return np.asarray(self.marks.max(axis=0) - self.marks.min(axis=0), dtype=np.float64)

    def point(self, bidder: str, question: str) -> float:
        """The moderated mark of ``bidder`` on ``question``."""
        return float(self.points[self.bidders.index(bidder), self.questions.index(question)])


def _flags(
    bidders: tuple[str, ...],
    questions: tuple[str, ...],
    marks: FloatArray,
    points: FloatArray,
    spread_flag: float,
) -> list[ModerationFlag]:
    """Marks that differ by ``spread_flag`` or more, and consensus outside the marks given."""
    low, high = marks.min(axis=0), marks.max(axis=0)
    wide = high - low >= spread_flag
    outside = (points < low) | (points > high)
    flags: list[ModerationFlag] = []
    for i, j in zip(*np.nonzero(wide | outside), strict=True):
        given = ", ".join(f"{x:g}" for x in marks[:, i, j].tolist())
        if wide[i, j]:
            kind = f"evaluators differ by {high[i, j] - low[i, j]:g}"
            flags.append(ModerationFlag(bidders[i], questions[j], kind, given))
        if outside[i, j]:
            kind = f"consensus {points[i, j]:g} outside the evaluators' marks"
            flags.append(ModerationFlag(bidders[i], questions[j], kind, given))
    return flags


def moderate(tender: Tender, *, spread_flag: float = SPREAD_FLAG) -> Moderated:
    """The moderated marks of ``tender`` with the spread and the flags.

    Examples
    --------
    >>> from scorecard.datasets import example_tender
    >>> found = moderate(example_tender())
    >>> found.points.shape == (len(found.bidders), len(found.questions))
    True
    """
    evaluators, bidders = tender.evaluators, tender.bidders
    questions = tuple(q.id for q in tender.questions)
    e = {name: k for k, name in enumerate(evaluators)}
    b = {name: k for k, name in enumerate(bidders)}
    q = {name: k for k, name in enumerate(questions)}
    marks = np.full((len(evaluators), len(bidders), len(questions)), np.nan)
    for m in tender.marks:
        marks[e[m.evaluator], b[m.bidder], q[m.question]] = m.mark
    reasons: list[tuple[str, str, str]] = []
    if tender.moderation == "consensus":
        points = np.full((len(bidders), len(questions)), np.nan)
        for c in tender.consensus:
            points[b[c.bidder], q[c.question]] = c.mark
            if c.reason.strip():
                reasons.append((c.bidder, c.question, c.reason))
    elif tender.moderation == "median":
        points = np.median(marks, axis=0)
    else:
        points = marks.mean(axis=0)
    flags = _flags(bidders, questions, marks, points, spread_flag)
    for arr in (marks, points):
        arr.setflags(write=False)
    return Moderated(
        evaluators,
        bidders,
        questions,
        marks,
        points,
        tender.moderation,
        tuple(flags),
        tuple(reasons),
    )
