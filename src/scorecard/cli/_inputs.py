"""What the file commands share: a scorecard, data, weights or a decision, a baseline.

Besides the scorecard and the data file: the weights (or a saved decision), the aggregation
and the baseline to compare with.

``evaluate``, ``robustness``, ``report`` and ``app`` read them the same way, so a decision
saved in the explorer can be reported, and a card of one's own can be served.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from scorecard import _baselines
from scorecard._table import PerformanceTable
from scorecard._weights import Weights
from scorecard.aggregation import GEOMETRIC_FLOOR, Additive, Aggregation, Gated, Geometric
from scorecard.cli._arguments import floor
from scorecard.errors import ScorecardError
from scorecard.tree import Scorecard

if TYPE_CHECKING:
    from scorecard.decision import DecisionRecord
    from scorecard.evaluation import Evaluation

__all__ = [
    "AGGREGATIONS",
    "Inputs",
    "add_inputs",
    "inputs_argv",
    "read_inputs",
    "read_table",
    "read_weights",
]

AGGREGATIONS = ("additive", "geometric", "gated")
_NAMED = ", ".join(
    repr(n) for n in (_baselines.COMPLETIONS, _baselines.EQUAL, _baselines.SCORECARD)
)


@attrs.frozen
class Inputs:
    """The evaluation the files describe, the baseline asked for, the decision it replays.

    ``baseline`` None: none was asked for (each command has its default).
    """

    evaluation: Evaluation
    baseline: Evaluation | None = None
    baseline_name: str | None = None
    decision: DecisionRecord | None = None


def add_inputs(
    parser: argparse.ArgumentParser, *, optional: bool = False, baseline: bool = True
) -> None:
    """The scorecard and data arguments and their options.

    ``optional``: both may be left out; ``baseline``: offer ``--baseline``.
    """
    more = {"nargs": "?", "default": None} if optional else {}
    parser.add_argument("card", type=Path, help="scorecard JSON file", **more)  # type: ignore[arg-type]
    parser.add_argument(
        "data",
        type=Path,
        help="CSV (or .xlsx): a 'provider' column and one column per metric",
        **more,  # type: ignore[arg-type]
    )
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument(
        "--weights",
        type=Path,
        help="JSON file of local weights: {'node id': weight, ...} or a saved Weights object "
        "(default: the scorecard's own weights, else equal weights)",
    )
    chosen.add_argument(
        "--decision",
        type=Path,
        help="a decision record saved from the explorer: its weights and aggregation (on other "
        "data than it was made on, the report says so)",
    )
    parser.add_argument(
        "--aggregation",
        choices=AGGREGATIONS,
        help="additive (default), geometric (rewards balance) or gated (minimums, --minimum)",
    )
    parser.add_argument(
        "--floor",
        type=floor,
        help=f"geometric aggregation: values below this share of a scale count as it "
        f"(default {GEOMETRIC_FLOOR}; 0: a value at the worst end sinks the provider)",
    )
    parser.add_argument(
        "--minimum",
        action="append",
        default=[],
        metavar="METRIC=VALUE",
        help="gated aggregation: the least acceptable value of a metric in its units, or an "
        "ordinal level (cqc_safe='Requires improvement'); repeat for more gates",
    )
    if baseline:
        _add_baseline(parser)
    parser.add_argument("--provider-column", default="provider", help="name of the provider column")
    parser.add_argument(
        "--decimal-comma",
        action="store_true",
        help="numbers use decimal commas (48,5), in a file delimited by semicolons or tabs",
    )


def _add_baseline(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--baseline",
        metavar="NAME|CARD.json",
        help=f"what to compare with: {_NAMED}, or another scorecard file evaluated on the same "
        "data (default: completions only, if the card has a completion metric, else equal)",
    )


def inputs_argv(args: argparse.Namespace) -> list[str]:
    """The arguments `add_inputs` reads, back as a command line, every path made absolute.

    ``scorecard app`` hands them to the explorer notebook, whose working directory is not
    the one the command was run from.
    """
    if args.card is None:
        return []
    out = [str(Path(args.card).resolve()), str(Path(args.data).resolve())]
    for option in ("weights", "decision"):
        if getattr(args, option) is not None:
            out += [f"--{option}", str(Path(getattr(args, option)).resolve())]
    if args.aggregation is not None:
        out += ["--aggregation", args.aggregation]
    if args.floor is not None:
        out += ["--floor", repr(args.floor)]
    for text in args.minimum:
        out += ["--minimum", text]
    chosen = getattr(args, "baseline", None)
    if chosen is not None:
        is_file = chosen.lower().endswith(".json") or Path(chosen).is_file()
        out += ["--baseline", str(Path(chosen).resolve()) if is_file else chosen]
    out += ["--provider-column", args.provider_column]
    return out + (["--decimal-comma"] if args.decimal_comma else [])


def read_inputs(args: argparse.Namespace) -> Inputs:
    """Read the files named in ``args`` into an evaluation, a baseline and a decision."""
    card = Scorecard.from_json(args.card)
    table = _table(args, args.data, card)
    decision = None
    if args.decision is not None:
        decision, ev = _decided(args, card, table)
    else:
        weights = read_weights(args.weights) if args.weights is not None else None
        ev = card.evaluate(table, weights=weights, aggregation=aggregation(args))
    if getattr(args, "baseline", None) is None:
        return Inputs(ev, decision=decision)
    if args.baseline.lower().endswith(".json") or Path(args.baseline).is_file():
        other = Scorecard.from_json(Path(args.baseline))
        base = other.evaluate(_table(args, args.data, other), aggregation=ev.aggregation)
        return Inputs(ev, base, other.name, decision)
    return Inputs(ev, _baselines.baseline(ev, args.baseline), args.baseline, decision)


def aggregation(args: argparse.Namespace) -> Aggregation:
    """The aggregation ``--aggregation``, ``--floor`` and ``--minimum`` describe."""
    kind = args.aggregation or "additive"
    if args.floor is not None and kind != "geometric":
        raise ScorecardError("--floor applies to --aggregation geometric only")
    if args.minimum and kind != "gated":
        raise ScorecardError("--minimum applies to --aggregation gated only")
    if kind == "geometric":
        return Geometric(GEOMETRIC_FLOOR if args.floor is None else args.floor)
    if kind == "gated":
        if not args.minimum:
            raise ScorecardError(
                "--aggregation gated needs at least one --minimum METRIC=VALUE "
                "(e.g. --minimum cqc_safe='Requires improvement')"
            )
        return Gated(dict(_minimum(text) for text in args.minimum))
    return Additive()


def _minimum(text: str) -> tuple[str, float | str]:
    metric, sep, value = text.partition("=")
    if not sep or not metric.strip() or not value.strip():
        raise ScorecardError(f"--minimum {text!r}: expected METRIC=VALUE, e.g. cqc_safe=2")
    try:
        return metric.strip(), float(value)
    except ValueError:
        return metric.strip(), value.strip()  # an ordinal level, checked against the metric


def _decided(
    args: argparse.Namespace, card: Scorecard, table: PerformanceTable
) -> tuple[DecisionRecord, Evaluation]:
    """The decision and its evaluation: replayed (checked) on its own data, else re-applied."""
    from scorecard.decision import DecisionRecord  # noqa: PLC0415

    found = DecisionRecord.from_json(args.decision)
    if found.card != card:
        raise ScorecardError(
            f"{args.decision}: the decision was made on scorecard {found.card.name!r}, which is "
            f"not {args.card} ({card.name!r}); give the scorecard it was made on"
        )
    if args.aggregation is not None or args.floor is not None or args.minimum:
        raise ScorecardError(
            "--decision carries its own aggregation: leave out --aggregation, --floor and --minimum"
        )
    if table.fingerprint() == found.data_fingerprint:
        return found, found.replay(table)  # the very decision: every score checked
    return found, card.evaluate(table, weights=found.weights, aggregation=found.aggregation)


def _table(args: argparse.Namespace, path: Path, card: Scorecard) -> PerformanceTable:
    return read_table(
        path,
        provider=args.provider_column,
        card=card,
        decimal_comma=getattr(args, "decimal_comma", False),
    )


def read_table(
    path: Path, *, provider: str, card: Scorecard, decimal_comma: bool = False
) -> PerformanceTable:
    """A providers table from a CSV file, or from an .xlsx workbook's first sheet."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return PerformanceTable.from_excel(path, provider=provider, card=card)
    decimal = "," if decimal_comma else "."
    return PerformanceTable.from_csv(path, provider=provider, card=card, decimal=decimal)


def read_weights(path: Path) -> Weights | dict[str, float]:
    """Local weights from JSON: an object of node ids to numbers, or a saved Weights object."""
    from scorecard import io  # noqa: PLC0415

    data = io.read_json(path)  # strict: a key given twice is an error, not the last value
    if isinstance(data, dict) and "local" in data:
        return io.structure(data, Weights)
    if isinstance(data, dict) and all(isinstance(v, int | float) for v in data.values()):
        return {str(k): float(v) for k, v in data.items()}
    raise ScorecardError(
        f"{path}: weights must be an object of node ids to numbers, or a saved Weights object"
    )
