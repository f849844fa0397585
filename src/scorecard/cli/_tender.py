"""``scorecard tender``: evaluate a tender file, test how fragile its award is, start anew.

``scorecard tender example DIR`` writes the bundled (synthetic) tender as ``DIR/tender.json``
to copy and edit; ``evaluate`` ranks the bids with their gates and flags; ``robustness`` states
the splits, single marks and bids that would change the winner, and the margin a challenger
must beat when changing provider has a stated cost.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard._text import format_table
from scorecard.cli._arguments import floor, non_negative, samples, seed, share

if TYPE_CHECKING:
    from argparse import _SubParsersAction

    from scorecard.cli._arguments import OneLineParser
    from scorecard.contracts import TenderEvaluation

__all__ = ["add_tender", "tender_files"]


def add_tender(sub: _SubParsersAction[OneLineParser]) -> None:
    """Add ``tender`` and its commands to the ``scorecard`` command."""
    tp = sub.add_parser("tender", help="evaluate a tender and test how fragile its award is")
    commands = tp.add_subparsers(dest="tender_command", required=True)
    ex = commands.add_parser("example", help="write the bundled (synthetic) tender to copy")
    ex.add_argument("directory", type=Path, help="where to write tender.json")
    ev = commands.add_parser("evaluate", help="rank the bids, with gates and flags")
    _add_file(ev)
    ev.add_argument("--format", choices=["table", "json"], default="table")
    rb = commands.add_parser("robustness", help="what would change the winner")
    _add_file(rb)
    rb.add_argument(
        "--split-range",
        nargs=2,
        type=share,
        metavar=("LOW", "HIGH"),
        help="SMAA over quality shares from LOW to HIGH (e.g. 0.5 0.7)",
    )
    rb.add_argument("--samples", type=samples, default=10_000, help="SMAA splits (default 10,000)")
    rb.add_argument("--seed", type=seed, default=0, help="seed for SMAA (default 0)")
    rb.add_argument(
        "--add",
        nargs=2,
        type=non_negative,
        metavar=("PRICE", "MARK"),
        help="a hypothetical bid at PRICE with MARK on every question (relative price rules)",
    )
    rb.add_argument(
        "--transition-cost",
        type=non_negative,
        default=None,
        help="money a change of provider would cost (added to every challenger's price)",
    )
    rb.add_argument(
        "--dip", type=floor, default=0.0, help="share of quality lost in a transfer (e.g. 0.05)"
    )
    rc = commands.add_parser("record", help="record the award (JSON) and its report (HTML)")
    _add_file(rc)
    rc.add_argument(
        "--decision-maker",
        action="append",
        required=True,
        metavar="NAME",
        help="who decided (repeat for each)",
    )
    rc.add_argument("--rationale", default="", help="why, in a sentence or two")
    rc.add_argument(
        "--process",
        default="Competitive Process (Provider Selection Regime)",
        help="the process followed (default: the PSR competitive process)",
    )
    rc.add_argument("-o", "--output", type=Path, required=True, help="the record (JSON) to write")
    rc.add_argument("--html", type=Path, help="also write the award report (HTML)")
    rp = commands.add_parser("replay", help="replay an award record: the same result, or why not")
    rp.add_argument("record", type=Path, help="award record JSON")


def _add_file(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("tender", type=Path, help="tender JSON file")
    parser.add_argument(
        "--quality-weight",
        type=share,
        help="quality's share of the total, overriding the tender's split (0.6 for 60:40)",
    )


def tender_files(args: argparse.Namespace) -> str:
    """Run the chosen tender command; return its text."""
    if args.tender_command == "example":
        return _example(args.directory)
    if args.tender_command == "replay":
        return _replay(args.record)
    found = _evaluated(args)
    if args.tender_command == "record":
        return _record(found, args)
    if args.tender_command == "evaluate":
        return _evaluation_text(found, args.format)
    return _robustness_text(found, args)


def _example(folder: Path) -> str:
    from scorecard.datasets import example_tender  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tender.json"
    if path.exists():
        raise FileExistsError(f"{path} already exists; choose another directory")
    tender = example_tender()
    tender.to_json(path)
    return (
        f"wrote {path}: {tender.name} (SYNTHETIC: invented bidders), {len(tender.bids)} bids, "
        f"{len(tender.evaluators)} evaluators, {len(tender.questions)} questions\n"
        f"then: scorecard tender evaluate {path}\n"
    )


def _evaluated(args: argparse.Namespace) -> TenderEvaluation:
    from scorecard.contracts import Tender, evaluate_tender  # noqa: PLC0415

    return evaluate_tender(Tender.from_json(args.tender), quality_weight=args.quality_weight)


def _evaluation_text(found: TenderEvaluation, kind: str) -> str:
    columns = found.to_columns()
    if kind == "json":
        return json.dumps(columns, indent=2, ensure_ascii=False) + "\n"
    criteria = [c.id for c in found.tender.criteria]
    rows = [
        [
            str(columns["rank"][r]),
            columns["bidder"][r],
            f"{columns['total'][r]:.3f}",
            f"{columns['quality'][r]:.3f}",
            f"{columns['price'][r]:,.0f}",
            f"{columns['price_score'][r]:.3f}",
            *(f"{columns[c][r]:.2f}" for c in criteria),
            "pass" if columns["passes"][r] else "fails",
        ]
        for r in range(len(columns["bidder"]))
    ]
    table = format_table(
        ["rank", "bidder", "total", "quality", "price", "price score", *criteria, "gates"], rows
    )
    flags = "".join(f"\n  {flag}" for flag in found.moderated.flags)
    moderation = f"\nModeration flags:{flags}\n" if flags else ""
    return f"{found.tender.name}\n{table}\n\n{found.summary()}\n{moderation}"


def _robustness_text(found: TenderEvaluation, args: argparse.Namespace) -> str:
    from scorecard.contracts import Transition, fragility, transition  # noqa: PLC0415

    added = tuple(args.add) if args.add else None
    result = fragility(
        found,
        added=added,
        split_range=tuple(sorted(args.split_range)) if args.split_range else None,
        samples=args.samples,
        seed=args.seed,
    )
    text = result.summary() + "\n"
    if args.transition_cost is not None or args.dip:
        cost = Transition(cost=args.transition_cost or 0.0, dip=args.dip)
        text += "\n" + transition(found, cost).summary() + "\n"
    return text


def _record(found: TenderEvaluation, args: argparse.Namespace) -> str:
    from scorecard.contracts import award_record, fragility  # noqa: PLC0415
    from scorecard.report import award_report  # noqa: PLC0415

    saved = award_record(
        found,
        decision_makers=args.decision_maker,
        process=args.process,
        rationale=args.rationale,
    )
    saved.to_json(args.output)
    text = f"recorded the award to {saved.winner or 'no bid'} in {args.output}\n"
    if args.html is not None:
        args.html.write_text(award_report(saved, fragility(found)), encoding="utf-8")
        text += f"wrote the award report to {args.html}\n"
    return text


def _replay(path: Path) -> str:
    from scorecard.contracts import AwardRecord  # noqa: PLC0415

    saved = AwardRecord.from_json(path)
    found = saved.replay()
    return (
        f"replayed {saved.tender.name} ({saved.timestamp}): identical totals and ranks for "
        f"{len(found.bidders)} bids; winner: {found.winner or 'none'}\n"
    )
