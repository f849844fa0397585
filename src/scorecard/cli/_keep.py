"""``scorecard keep``: a keep-or-retender (PSR Direct Award Process C) assessment from a file.

``scorecard keep example DIR`` writes the bundled (synthetic) assessment to edit;
``scorecard keep assess K.json [CARD DATA]`` states the route, each key criterion's
judgement and the evidence beside it (the incumbent's scorecard domains when a scorecard and
data are given), and can record it (JSON) and write its report (HTML).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argparse import _SubParsersAction

    from scorecard.cli._arguments import OneLineParser

__all__ = ["add_keep", "keep_files"]


def add_keep(sub: _SubParsersAction[OneLineParser]) -> None:
    """Add ``keep`` and its commands to the ``scorecard`` command."""
    kp = sub.add_parser("keep", help="keep or retender: a PSR Direct Award Process C assessment")
    commands = kp.add_subparsers(dest="keep_command", required=True)
    ex = commands.add_parser("example", help="write the bundled (synthetic) assessment to edit")
    ex.add_argument("directory", type=Path, help="where to write keep.json")
    ax = commands.add_parser("assess", help="the route, the judgements and their evidence")
    ax.add_argument("assessment", type=Path, help="keep-or-retender JSON file")
    ax.add_argument("card", type=Path, nargs="?", help="scorecard JSON (evidence, with data)")
    ax.add_argument("data", type=Path, nargs="?", help="providers CSV or .xlsx (with the card)")
    ax.add_argument("--rationale", default="", help="why, in a sentence or two (for the record)")
    ax.add_argument("--record", type=Path, help="write the record (JSON) here")
    ax.add_argument("--html", type=Path, help="write the report (HTML) here")


def keep_files(args: argparse.Namespace) -> str:
    """Run the chosen keep command; return its text."""
    from scorecard.contracts import KeepOrRetender, assess, keep_or_retender_record  # noqa: PLC0415
    from scorecard.errors import ScorecardError  # noqa: PLC0415

    if args.keep_command == "example":
        return _example(args.directory)
    if (args.card is None) != (args.data is None):
        raise ScorecardError("give a scorecard and its data file together, or neither")
    decision = KeepOrRetender.from_json(args.assessment)
    evaluation = None
    if args.card is not None:
        from scorecard.cli._inputs import read_table  # noqa: PLC0415
        from scorecard.tree import Scorecard  # noqa: PLC0415

        card = Scorecard.from_json(args.card)
        evaluation = card.evaluate(read_table(args.data, provider="provider", card=card))
    found = assess(decision, evaluation=evaluation)
    text = found.summary() + "\n"
    if args.record is not None or args.html is not None:
        saved = keep_or_retender_record(found, rationale=args.rationale)
        if args.record is not None:
            saved.to_json(args.record)
            text += f"recorded the assessment in {args.record}\n"
        if args.html is not None:
            from scorecard.report import keep_or_retender_report  # noqa: PLC0415

            args.html.write_text(keep_or_retender_report(saved), encoding="utf-8")
            text += f"wrote the report to {args.html}\n"
    return text


def _example(folder: Path) -> str:
    from scorecard.datasets import example_keep_or_retender  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "keep.json"
    if path.exists():
        raise FileExistsError(f"{path} already exists; choose another directory")
    example_keep_or_retender().to_json(path)
    return (
        f"wrote {path} (SYNTHETIC: an invented incumbent's contract); its key criteria point at "
        "the balanced scorecard's domains\n"
        f"then: scorecard keep assess {path}\n"
    )
