"""Answers in plain files: one CSV row per member, node and child, or one JSON object per member.

The CSV has a header row with the columns ``lens``, ``member``, ``node``, ``child``,
``scheme`` and ``value`` (and optionally ``weight``, the member's voice, the same on each of
their rows). ``scheme`` is ``points`` (any non-negative numbers, shared in proportion),
``rank`` (1 = most important; equal ranks are ties; rank-order centroid weights) or ``swing``
(0-100 against the biggest swing). Each member's rows for one node are one answer, and must
name every child of the node once, with one scheme. The JSON is a list of members, each
``{"lens": ..., "member": ..., "weight": 1, "answers": {node: scheme}}`` with the schemes as
`scorecard.io` writes them (AHP matrices included).

`read_answers` checks the whole file against the scorecard and reports **every** unusable
answer, each with its line (or member) and what is wrong, in one error; nothing is dropped.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from scorecard._table import csv_columns, write_rows
from scorecard.errors import ScorecardError, StakeholderError
from scorecard.stakeholders._lens import Lens, Member, elicit
from scorecard.tree import Scorecard
from scorecard.weighting import Points, RankOrderCentroid, Swing, WeightingScheme

__all__ = ["COLUMNS", "SCHEMES", "answers_json", "read_answers", "write_answers"]

COLUMNS: Final = ("lens", "member", "node", "child", "scheme", "value")
SCHEMES: Final = ("points", "rank", "swing")
_SHOWN: Final = 20
"""Problems listed in full before the error says how many more there are."""


def _number(text: str) -> float | None:
    try:
        x = float(text)
    except ValueError:
        return None
    return x if x == x and abs(x) != float("inf") else None  # noqa: PLR0124 - NaN check


def _ranking(values: dict[str, float]) -> list[str | tuple[str, ...]]:
    by_rank: dict[float, list[str]] = defaultdict(list)
    for child, rank in values.items():
        by_rank[rank].append(child)
    return [tuple(cs) if len(cs) > 1 else cs[0] for _, cs in sorted(by_rank.items())]


def _scheme(kind: str, values: dict[str, float]) -> WeightingScheme:
    if kind == "points":
        return Points(values)
    if kind == "swing":
        return Swing(values)
    return RankOrderCentroid(_ranking(values))


def _fail(where: Path, problems: list[str]) -> None:
    if not problems:
        return
    shown = problems[:_SHOWN]
    more = len(problems) - len(shown)
    tail = f"\n  ... and {more} more" if more > 0 else ""
    raise StakeholderError(
        f"{where}: {len(problems)} unusable answer(s):\n  " + "\n  ".join(shown) + tail
    )


@attrs.define
class _Rows:
    """The answers of a CSV as they are read, and every problem found on the way."""

    card: Scorecard
    problems: list[str] = attrs.Factory(list)
    values: dict[tuple[str, str, str], dict[str, float]] = attrs.Factory(dict)
    kinds: dict[tuple[str, str, str], str] = attrs.Factory(dict)
    first: dict[tuple[str, str, str], int] = attrs.Factory(dict)
    voices: dict[tuple[str, str], tuple[float, int]] = attrs.Factory(dict)

    def where(self, node: str, child: str) -> str | None:
        """What is wrong with ``child`` of ``node`` on this card, or None."""
        groups = self.card.groups
        if node not in groups:
            what = "a metric" if node in self.card.metric_ids else "not in the scorecard"
            return f"node {node!r} is {what}"
        if child not in groups[node]:
            return f"{child!r} is not a child of {node!r} (its children: {', '.join(groups[node])})"
        return None

    def add(self, line: int, cells: Sequence[str], weight: str | None) -> None:
        """Check one row; keep its answer, or note what is wrong with it."""
        lens, member, node, child, kind, raw = (c.strip() for c in cells)
        kind = kind.lower()
        at = f"line {line}"
        if not lens or not member:
            self.problems.append(f"{at}: no {'lens' if not lens else 'member'} named")
            return
        who = f"{at}: {lens}, {member}"
        value = _number(raw)
        key = (lens, member, node)
        problem = self.where(node, child)
        if problem is None and kind not in SCHEMES:
            problem = f"scheme {kind!r} is not one of {', '.join(SCHEMES)}"
        if problem is None and (value is None or value < 0):
            problem = f"{child}: value {raw!r} is not a number >= 0"
        if problem is None and self.kinds.setdefault(key, kind) != kind:
            problem = f"node {node!r}: {kind} after {self.kinds[key]}"
        if problem is None and child in self.values.get(key, {}):
            problem = f"{child!r} of {node!r} answered twice"
        if problem is not None:
            self.problems.append(f"{who}: {problem}")
            return
        self.values.setdefault(key, {})[child] = float(value)  # type: ignore[arg-type]
        self.first.setdefault(key, line)
        if weight is not None and weight.strip():
            self.voice(who, (lens, member), weight, line)

    def voice(self, who: str, member: tuple[str, str], text: str, line: int) -> None:
        """A member's weight: a number > 0, the same on each of their rows."""
        voice = _number(text)
        if voice is None or voice <= 0:
            self.problems.append(f"{who}: weight {text!r} is not > 0")
            return
        seen = self.voices.setdefault(member, (voice, line))
        if seen[0] != voice:
            self.problems.append(f"{who}: weight {voice:g}, but {seen[0]:g} on line {seen[1]}")

    def lenses(self) -> list[Lens]:
        """The lenses of the rows kept; an incomplete or refused answer is a problem."""
        members: dict[str, dict[str, dict[str, WeightingScheme]]] = defaultdict(dict)
        for (lens, member, node), values in self.values.items():
            answers = members[lens].setdefault(member, {})
            at = f"line {self.first[(lens, member, node)]}: {lens}, {member}"
            absent = [c for c in self.card.groups[node] if c not in values]
            if absent:
                named = ", ".join(map(repr, absent))
                self.problems.append(f"{at}: node {node!r} misses {named}")
                continue
            try:
                answers[node] = _scheme(self.kinds[(lens, member, node)], values)
            except ScorecardError as exc:
                self.problems.append(f"{at}, node {node!r}: {exc}")
        return [
            Lens(
                lens,
                [
                    Member(m, answers, weight=self.voices.get((lens, m), (1.0, 0))[0])
                    for m, answers in people.items()
                ],
            )
            for lens, people in members.items()
        ]


def _read_csv(path: Path, card: Scorecard) -> list[Lens]:
    read = csv_columns(path, provider="member")
    missing = [c for c in COLUMNS if c not in read.columns]
    if missing:
        raise StakeholderError(
            f"{read.where}: no column(s) {', '.join(map(repr, missing))}; the columns are "
            f"{', '.join(COLUMNS)} (and optionally weight)"
        )
    rows = _Rows(card)
    weights = read.columns.get("weight")
    for k, line in enumerate(read.lines):
        cells = [read.columns[c][k] for c in COLUMNS]
        rows.add(line, cells, None if weights is None else weights[k])
    lenses = rows.lenses()
    _fail(path, rows.problems)
    return lenses


def _read_json(path: Path, card: Scorecard) -> list[Lens]:
    from scorecard import io  # noqa: PLC0415

    data = io.read_json(path)
    entries = data if isinstance(data, list) else [data]
    problems: list[str] = []
    members: dict[str, list[Member]] = defaultdict(list)
    for k, entry in enumerate(entries):
        at = f"member {k + 1}"
        if not isinstance(entry, dict) or not {"lens", "member", "answers"} <= set(entry):
            problems.append(f"{at}: needs 'lens', 'member' and 'answers'")
            continue
        at = f"member {k + 1} ({entry['lens']}, {entry['member']})"
        try:
            answers = io.structure(entry["answers"], dict[str, WeightingScheme])
            member = Member(str(entry["member"]), answers, weight=entry.get("weight", 1.0))
            elicit(card, Lens(str(entry["lens"]), [member]))  # every answer checked on the card
        except (ScorecardError, TypeError, ValueError) as exc:
            problems.append(f"{at}: {exc}")
            continue
        members[str(entry["lens"])].append(member)
    _fail(path, problems)
    return [Lens(name, ms) for name, ms in members.items()]


def read_answers(path: str | Path, card: Scorecard) -> tuple[Lens, ...]:
    """The lenses in an answers file (.csv or .json), checked against ``card``.

    Raises
    ------
    StakeholderError
        Listing every unusable answer with its line (CSV) or member (JSON), or a duplicate
        member, an empty file.
    """
    source = Path(path)
    lenses = (
        _read_json(source, card) if source.suffix.lower() == ".json" else _read_csv(source, card)
    )
    if not lenses:
        raise StakeholderError(f"{source}: no answers")
    for lens in lenses:
        elicit(card, lens)  # duplicate members and scheme refusals, named
    return tuple(lenses)


def write_answers(lenses: Sequence[Lens], path: str | Path, card: Scorecard) -> Path:
    """Write lenses as the answers CSV (points, rankings and swings; AHP needs the JSON)."""
    rows: list[list[object]] = []
    with_weights = any(m.weight != 1.0 for lens in lenses for m in lens.members)
    for lens in lenses:
        elicit(card, lens)  # only answers the card accepts are written
        for member in lens.members:
            for node, scheme in member.answers.items():
                kind, values = _values(scheme, node, lens.name, member.name)
                for child in card.groups[node]:
                    row: list[object] = [lens.name, member.name, node, child, kind, values[child]]
                    rows.append([*row, member.weight] if with_weights else row)
    header = [*COLUMNS, "weight"] if with_weights else list(COLUMNS)
    write_rows(path, header, rows)
    return Path(path)


def _values(
    scheme: WeightingScheme, node: str, lens: str, member: str
) -> tuple[str, dict[str, Any]]:
    """The CSV scheme word and each child's value of one answer."""
    if isinstance(scheme, Points | Swing):
        return scheme.name, dict(scheme.points)
    if type(scheme) is RankOrderCentroid:
        out: dict[str, Any] = {}
        for place, entry in enumerate(scheme.ranking, start=1):
            for child in (entry,) if isinstance(entry, str) else entry:
                out[child] = place
        return "rank", out
    raise StakeholderError(
        f"lens {lens!r}, member {member!r}, node {node!r}: a {scheme.name} answer cannot be "
        "written as CSV rows; write the lenses as JSON"
    )


def answers_json(lenses: Sequence[Lens]) -> str:
    """The lenses as the answers JSON (every scheme, AHP included)."""
    from scorecard import io  # noqa: PLC0415

    members = [
        {
            "lens": lens.name,
            "member": m.name,
            "weight": m.weight,
            "answers": {node: io.unstructure(s) for node, s in m.answers.items()},
        }
        for lens in lenses
        for m in lens.members
    ]
    return json.dumps(members, indent=2, ensure_ascii=False)
