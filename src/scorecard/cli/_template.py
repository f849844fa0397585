"""``scorecard template``: a scorecard file and an empty CSV to fill in, for chosen metrics."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argparse import _SubParsersAction

    from scorecard.cli._arguments import OneLineParser

__all__ = ["add_template", "template_files"]


def add_template(sub: _SubParsersAction[OneLineParser]) -> None:
    """Add ``template`` to the ``scorecard`` command."""
    tp = sub.add_parser(
        "template",
        help="write a scorecard JSON and an empty providers CSV for chosen catalogue metrics",
    )
    tp.add_argument("directory", type=Path, help="where to write scorecard.json and providers.csv")
    tp.add_argument(
        "--metrics",
        nargs="+",
        metavar="ID",
        help="catalogue metric ids (default: every metric of the balanced scorecard)",
    )
    tp.add_argument("--name", default="My scorecard", help="the scorecard's name")


def template_files(args: argparse.Namespace) -> str:
    """Write the template; say what to do next."""
    from scorecard.catalog import balanced, custom  # noqa: PLC0415

    chosen = args.metrics or list(balanced().metric_ids)
    card = custom(chosen, name=args.name)
    folder: Path = args.directory
    folder.mkdir(parents=True, exist_ok=True)
    card_file, data_file = folder / "scorecard.json", folder / "providers.csv"
    for path in (card_file, data_file):
        if path.exists():
            raise FileExistsError(f"{path} already exists; choose another directory")
    card.to_json(card_file)
    with data_file.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerow(["provider", *card.metric_ids])
    ratings = [m.id for m in card.all_metrics if hasattr(m.scale, "levels")]
    lines = [
        f"wrote {card_file} ({len(card.metric_ids)} metrics, equal weights) and {data_file}",
        "fill in one row per provider: its name, then each metric in the units below",
    ]
    for m in card.all_metrics:
        unit = f" {m.unit}" if m.unit else ""
        lines.append(f"  {m.id}{unit}: {m.label}")
    if ratings:
        lines.append(f"ratings ({', '.join(ratings)}) may be level names or codes 1, 2, ...")
    lines.append(f"then: scorecard evaluate {card_file} {data_file}")
    return "\n".join(lines) + "\n"
