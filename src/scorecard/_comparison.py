"""Comparison of two evaluations of the same providers: rank shifts and score changes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from scorecard._arrays import FloatArray, IntArray
from scorecard._framed import Framed
from scorecard._text import format_table, shift_arrow
from scorecard.errors import ScorecardError

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation

__all__ = ["Comparison", "RankShift", "compare"]


@attrs.frozen
class RankShift:
    """One row of a ranking beside a baseline: what the text, HTML and CLI tables show."""

    rank: int
    provider: str
    score: float
    baseline_rank: int
    shift: int
    score_delta: float


@attrs.frozen(eq=False, repr=False)
class Comparison(Framed):
    """How each provider moves from a ``baseline`` evaluation to a ``current`` one.

    ``rank_shift`` is baseline rank minus current rank: positive means the provider moved up.
    Rows follow the current evaluation's providers.
    """

    current: Evaluation
    baseline: Evaluation
    providers: tuple[str, ...]
    ranks: IntArray
    baseline_ranks: IntArray
    rank_shift: IntArray
    scores: FloatArray
    baseline_scores: FloatArray
    score_delta: FloatArray

    def to_columns(self) -> dict[str, list[Any]]:
        """Named columns, in current rank order."""
        order = np.argsort(self.ranks, kind="stable")
        return {
            "provider": [self.providers[i] for i in order],
            "rank": self.ranks[order].tolist(),
            "baseline_rank": self.baseline_ranks[order].tolist(),
            "rank_shift": self.rank_shift[order].tolist(),
            "score": self.scores[order].tolist(),
            "baseline_score": self.baseline_scores[order].tolist(),
            "score_delta": self.score_delta[order].tolist(),
        }

    def rows(self) -> tuple[RankShift, ...]:
        """One row per provider, best first (ties in table order)."""
        return tuple(
            RankShift(
                int(self.ranks[i]),
                self.providers[i],
                float(self.scores[i]),
                int(self.baseline_ranks[i]),
                int(self.rank_shift[i]),
                float(self.score_delta[i]),
            )
            for i in np.argsort(self.ranks, kind="stable").tolist()
        )

    def __repr__(self) -> str:
        """Both rankings side by side with arrows for the shifts."""
        title, headers, rows = self._parts()
        return f"{title}\n{format_table(headers, rows)}"

    def _repr_html_(self) -> str:
        """Both rankings as an HTML table in a notebook."""
        from scorecard._html import html_table  # noqa: PLC0415

        return html_table(*self._parts())

    def _parts(self) -> tuple[str, list[str], list[list[str]]]:
        headers = ["rank", "provider", "score", "was", "shift", "score change"]
        rows = [
            [
                str(r.rank),
                r.provider,
                f"{r.score:.3f}",
                str(r.baseline_rank),
                shift_arrow(r.shift),
                f"{r.score_delta:+.3f}",
            ]
            for r in self.rows()
        ]
        title = f"{self.current.card.name} against {self.baseline.card.name}"
        return title, headers, rows


def compare(current: Evaluation, baseline: Evaluation) -> Comparison:
    """Align ``baseline`` to ``current`` by provider name and compute shifts and deltas."""
    if set(current.providers) != set(baseline.providers):
        only_now = sorted(set(current.providers) - set(baseline.providers))
        only_then = sorted(set(baseline.providers) - set(current.providers))
        raise ScorecardError(
            "evaluations cover different providers: "
            + "; ".join(
                part
                for part in (
                    f"only in current: {', '.join(only_now)}" if only_now else "",
                    f"only in baseline: {', '.join(only_then)}" if only_then else "",
                )
                if part
            )
        )
    idx = np.array([baseline.index(p) for p in current.providers], dtype=np.intp)
    b_ranks = baseline.ranks[idx]
    b_scores = baseline.scores[idx]
    return Comparison(
        current=current,
        baseline=baseline,
        providers=current.providers,
        ranks=current.ranks,
        baseline_ranks=b_ranks,
        rank_shift=b_ranks - current.ranks,
        scores=current.scores,
        baseline_scores=b_scores,
        score_delta=current.scores - b_scores,
    )
