"""Decision records: a commissioning decision saved with its reasons, loadable and replayable.

A `DecisionRecord` holds everything needed to reproduce an evaluation (the scorecard, the local
weights and the aggregation), a fingerprint of the data it was made on, the results (scores
and ranks of every provider, optionally against a baseline ranking), when it was made and the
commissioner's free-text rationale. ``record.to_json()`` writes it; `DecisionRecord.from_json`
reads it back through the package's one strict converter; ``record.replay(table)`` evaluates
again and checks that the data and every score are the same.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from scorecard._weights import Weights
from scorecard.aggregation import Aggregation
from scorecard.errors import DecisionError, ScorecardError
from scorecard.tree import Scorecard

if TYPE_CHECKING:
    from scorecard._table import PerformanceTable
    from scorecard.evaluation import Evaluation

__all__ = ["FORMAT", "DecisionError", "DecisionRecord", "record"]

FORMAT = "scorecard-decision/1"
"""The ``format`` tag written into every decision record."""


def _lenses(value: Mapping[str, Weights]) -> dict[str, Weights]:
    return dict(value)


@attrs.frozen
class DecisionRecord:
    """A saved decision (see the module docstring). Build one with `record`."""

    card: Scorecard
    weights: Weights
    aggregation: Aggregation
    data_fingerprint: str
    providers: tuple[str, ...]
    scores: tuple[float, ...]
    ranks: tuple[int, ...]
    timestamp: str
    rationale: str = ""
    baseline: str = ""
    baseline_ranks: tuple[int, ...] = ()
    lenses: Mapping[str, Weights] = attrs.field(factory=dict, converter=_lenses)
    """Stakeholder groups' combined weights the decision was weighed against (name -> weights)."""
    format: str = FORMAT

    def __attrs_post_init__(self) -> None:
        n = len(self.providers)
        if len(set(self.providers)) != n:
            twice = sorted({p for p in self.providers if self.providers.count(p) > 1})
            raise DecisionError(f"providers: {', '.join(map(repr, twice))} listed twice")
        for field, values in (("scores", self.scores), ("ranks", self.ranks)):
            if len(values) != n:
                raise DecisionError(f"{field}: {len(values)} given for {n} providers")
        if self.baseline_ranks and len(self.baseline_ranks) != n:
            raise DecisionError(
                f"baseline_ranks: {len(self.baseline_ranks)} given for {n} providers"
            )
        for name, weights in self.lenses.items():
            try:
                self.card.check_weights(weights)
            except ScorecardError as exc:
                raise DecisionError(f"lens {name!r}: {exc}") from None
        for field, values in (("ranks", self.ranks), ("baseline_ranks", self.baseline_ranks)):
            if values and not _is_ranking(values):
                raise DecisionError(
                    f"{field}: {list(values)!r} is not a ranking (competition ranks 1, 2, 2, 4, "
                    "...: each rank is 1 plus the number of providers ranked above)"
                )

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready data."""
        from scorecard import io  # noqa: PLC0415 - cattrs loads only when files are used

        data: dict[str, Any] = io.unstructure(self)
        data["format"] = self.format  # always written, default or not
        return data

    def to_json(self, path: str | Path | None = None) -> str:
        """The record as JSON text; also written to ``path`` when given."""
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    @classmethod
    def from_json(cls, source: str | Path) -> DecisionRecord:
        """Read a record from JSON text or a file path."""
        from scorecard import io  # noqa: PLC0415

        found: DecisionRecord = io.load(cls, source)  # strict: no repeated keys, no NaN
        if found.format != FORMAT:
            raise DecisionError(f"not a decision record of format {FORMAT}: {found.format!r}")
        return found

    def replay(self, table: PerformanceTable) -> Evaluation:
        """Evaluate ``table`` again as decided; a `DecisionError` if data or results differ."""
        if table.fingerprint() != self.data_fingerprint:
            raise DecisionError(
                "the table is not the data this decision was made on (fingerprint "
                f"{table.fingerprint()[:12]}..., recorded {self.data_fingerprint[:12]}...)"
            )
        evaluation = self.card.evaluate(table, weights=self.weights, aggregation=self.aggregation)
        if evaluation.providers != self.providers:
            missing = [p for p in self.providers if p not in set(evaluation.providers)]
            extra = [p for p in evaluation.providers if p not in set(self.providers)]
            parts = [f"not in the table: {', '.join(map(repr, missing))}"] if missing else []
            parts += [f"not in the record: {', '.join(map(repr, extra))}"] if extra else []
            raise DecisionError(
                "providers differ from the recorded ones ("
                + ("; ".join(parts) or "the same providers in another order")
                + ")"
            )
        for name, score, kept in zip(self.providers, evaluation.scores, self.scores, strict=True):
            if float(score) != kept:
                raise DecisionError(
                    f"scores: {name!r} scores {float(score)!r} on replay, {kept!r} recorded"
                )
        for name, rank, kept_rank in zip(self.providers, evaluation.ranks, self.ranks, strict=True):
            if int(rank) != kept_rank:
                raise DecisionError(
                    f"ranks: {name!r} ranks {int(rank)} on replay, {kept_rank} recorded"
                )
        self._replay_baseline(evaluation)
        return evaluation

    def _replay_baseline(self, evaluation: Evaluation) -> None:
        """Check the baseline ranks when the baseline is one the package can rebuild.

        A named baseline of the card ("completions only", "equal", "scorecard's weights") is
        rebuilt on the card; the catalogue's "Completions only" card on the table. Another
        baseline (a snapshot, another card) was checked as a ranking when read.
        """
        from scorecard import _baselines  # noqa: PLC0415
        from scorecard.catalog import completions_only  # noqa: PLC0415

        if not self.baseline_ranks:
            return
        status_quo = completions_only()
        if self.baseline in _baselines.presets(self.card):
            ranks = _baselines.baseline(evaluation, self.baseline).ranks
        elif self.baseline == status_quo.name and set(status_quo.metric_ids) <= set(
            evaluation.table.metrics
        ):
            ranks = status_quo.evaluate(evaluation.table).ranks
        else:
            return
        for name, rank, kept in zip(self.providers, ranks, self.baseline_ranks, strict=True):
            if int(rank) != kept:
                raise DecisionError(
                    f"baseline_ranks: {name!r} ranks {int(rank)} under {self.baseline!r} on "
                    f"replay, {kept} recorded"
                )


def record(
    evaluation: Evaluation,
    *,
    rationale: str = "",
    baseline: Evaluation | None = None,
    baseline_name: str | None = None,
    now: dt.datetime | None = None,
    lenses: Mapping[str, Weights] | None = None,
) -> DecisionRecord:
    """The decision behind ``evaluation``, with a rationale and optionally a baseline ranking.

    ``baseline_name`` names the baseline (default: its scorecard's name); ``lenses``, the
    stakeholder groups' combined weights the decision was weighed against
    (`scorecard.stakeholders.combine`), are kept in the record and shown in its report.

    Examples
    --------
    >>> import scorecard as sc
    >>> table = sc.datasets.example()
    >>> ev = sc.catalog.balanced().evaluate(table)
    >>> saved = record(ev, rationale="Outcomes and continuity weigh most.")
    >>> again = DecisionRecord.from_json(saved.to_json())
    >>> bool((again.replay(table).scores == ev.scores).all())
    True
    """
    moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return DecisionRecord(
        card=evaluation.card,
        weights=evaluation.weights,
        aggregation=evaluation.aggregation,
        data_fingerprint=evaluation.table.fingerprint(),
        providers=evaluation.providers,
        scores=tuple(float(s) for s in evaluation.scores),
        ranks=tuple(int(r) for r in evaluation.ranks),
        timestamp=moment.isoformat(timespec="seconds"),
        rationale=rationale,
        baseline="" if baseline is None else baseline_name or baseline.card.name,
        baseline_ranks=() if baseline is None else tuple(int(r) for r in baseline.ranks),
        lenses=dict(lenses or {}),
    )


def _is_ranking(ranks: tuple[int, ...]) -> bool:
    """Whether ``ranks`` are competition ranks: each is 1 + the number of smaller ranks."""
    ordered = sorted(ranks)
    return all(r == 1 + bisect.bisect_left(ordered, r) for r in ordered)
