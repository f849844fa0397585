"""``scorecard monitor``: the quarterly contract review of a panel of periods, as HTML.

``scorecard monitor example DIR`` writes the bundled (synthetic) panel and its scorecard;
``scorecard monitor review CARD PANEL.csv [--provider P] -o review.html`` writes the review of
one provider (strengths first, KPIs, standing, rank over time, XmR charts) or, without
``--provider``, of the whole system.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.cli._arguments import samples, seed

if TYPE_CHECKING:
    from argparse import _SubParsersAction

    from scorecard.cli._arguments import OneLineParser
    from scorecard.monitoring import Comparators

__all__ = ["add_monitor", "monitor_files"]


def add_monitor(sub: _SubParsersAction[OneLineParser]) -> None:
    """Add ``monitor`` and its commands to the ``scorecard`` command."""
    mp = sub.add_parser("monitor", help="quarterly contract review over a panel of periods")
    commands = mp.add_subparsers(dest="monitor_command", required=True)
    ex = commands.add_parser("example", help="write the bundled (synthetic) panel and card")
    ex.add_argument("directory", type=Path, help="where to write panel.csv and card.json")
    rv = commands.add_parser("review", help="write the review (HTML) of a provider or all")
    rv.add_argument("card", type=Path, help="scorecard JSON file")
    rv.add_argument(
        "panel",
        type=Path,
        help="CSV: a 'period' column (2025-04-01, 2025-04 or 2025Q2), a 'provider' column, "
        "one column per metric, optional <metric>__n denominators",
    )
    rv.add_argument("--provider", help="the provider to review (default: the whole system)")
    rv.add_argument("--weights", type=Path, help="JSON file of local weights")
    rv.add_argument("--targets", type=Path, help="JSON file of targets: {'metric id': target}")
    rv.add_argument(
        "--clusters",
        type=Path,
        help="CSV with 'provider' and 'cluster' columns: each provider's cluster of similar ones",
    )
    rv.add_argument("--period-column", default="period", help="name of the period column")
    rv.add_argument("--provider-column", default="provider", help="name of the provider column")
    rv.add_argument("--samples", type=samples, default=2_000, help="draws per period (rank moves)")
    rv.add_argument("--seed", type=seed, default=0, help="seed of the draws (default 0)")
    rv.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")


def monitor_files(args: argparse.Namespace) -> str:
    """Run the chosen monitor command; return its text."""
    if args.monitor_command == "example":
        return _example(args.directory)
    return _review(args)


def _example(directory: Path) -> str:
    from scorecard import catalog, datasets  # noqa: PLC0415
    from scorecard.monitoring import Panel  # noqa: PLC0415

    directory.mkdir(parents=True, exist_ok=True)
    for name in ("panel.csv", "card.json"):
        if (directory / name).exists():
            raise FileExistsError(f"{directory / name} already exists; choose another directory")
    Panel(*datasets.example_panel()).to_csv(directory / "panel.csv")
    catalog.balanced().to_json(directory / "card.json")
    return (
        f"wrote {directory / 'panel.csv'} (SYNTHETIC: 16 invented providers over 12 quarters) "
        f"and {directory / 'card.json'}; review it with\n"
        f"  scorecard monitor review {directory / 'card.json'} {directory / 'panel.csv'} "
        "-o review.html\n"
    )


def _targets(path: Path | None) -> dict[str, float] | None:
    if path is None:
        return None
    from scorecard import io  # noqa: PLC0415
    from scorecard.errors import ScorecardError  # noqa: PLC0415

    data = io.read_json(path)
    if not isinstance(data, dict) or not all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in data.values()
    ):
        raise ScorecardError(f"{path}: targets must be an object of metric ids to numbers")
    return {str(k): float(v) for k, v in data.items()}


def _clusters(path: Path | None, providers: tuple[str, ...]) -> Comparators | None:
    if path is None:
        return None
    from scorecard._table import csv_columns  # noqa: PLC0415
    from scorecard.errors import TableError  # noqa: PLC0415
    from scorecard.monitoring import Comparators  # noqa: PLC0415

    read = csv_columns(path, provider="provider")
    for column in ("provider", "cluster"):
        if column not in read.columns:
            raise TableError(f"{read.where} has no {column!r} column")
    labels: dict[str, str] = {}
    for name, label, line in zip(
        read.columns["provider"], read.columns["cluster"], read.lines, strict=True
    ):
        if name in labels:
            raise TableError(f"{read.where}, line {line}: provider {name!r} appears twice")
        if not label.strip():
            raise TableError(f"{read.where}, line {line}: no cluster for provider {name!r}")
        labels[name] = label.strip()
    return Comparators.given(labels, providers)


def _review(args: argparse.Namespace) -> str:
    from scorecard.cli._inputs import read_weights  # noqa: PLC0415
    from scorecard.monitoring import Panel  # noqa: PLC0415
    from scorecard.report import review_report  # noqa: PLC0415
    from scorecard.tree import Scorecard  # noqa: PLC0415

    card = Scorecard.from_json(args.card)
    panel = Panel.from_csv(
        args.panel, period=args.period_column, provider=args.provider_column, card=card
    )
    weights = read_weights(args.weights) if args.weights is not None else None
    clusters = _clusters(args.clusters, panel.providers)
    html = review_report(
        panel,
        card,
        args.provider,
        weights=weights,
        targets=_targets(args.targets),
        comparators=clusters,
        samples=args.samples,
        seed=args.seed,
    )
    args.output.write_text(html, encoding="utf-8")
    who = args.provider or f"all {len(panel.providers)} providers"
    return f"wrote {args.output}: the review of {who} over {len(panel.periods)} periods\n"
