"""``scorecard stakeholders``: the answers form, and what several groups' answers say together.

``scorecard stakeholders form CARD -o form.html [--lens NAME ...]`` writes the self-contained
form a person fills in offline; ``scorecard stakeholders review CARD DATA ANSWERS.csv`` reads
every group's answers (CSV or JSON) and prints each group's weights, how far members and groups
agree, the common ground and the providers that win whichever group's weights you take.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.cli._arguments import samples, seed

if TYPE_CHECKING:
    from argparse import _SubParsersAction

    from scorecard.cli._arguments import OneLineParser

__all__ = ["add_stakeholders", "stakeholders_files"]


def add_stakeholders(sub: _SubParsersAction[OneLineParser]) -> None:
    """Add ``stakeholders`` and its commands to the ``scorecard`` command."""
    sp = sub.add_parser("stakeholders", help="several groups' weights: the form, and the review")
    commands = sp.add_subparsers(dest="stakeholders_command", required=True)
    fm = commands.add_parser("form", help="write the answers form (HTML, no server)")
    fm.add_argument("card", type=Path, help="scorecard JSON file")
    fm.add_argument("--lens", action="append", default=[], help="a group to choose (repeat)")
    fm.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    rv = commands.add_parser("review", help="agreement, common ground and robust winners")
    rv.add_argument("card", type=Path, help="scorecard JSON file")
    rv.add_argument("data", type=Path, help="providers CSV or .xlsx")
    rv.add_argument("answers", type=Path, help="answers CSV or JSON (from the form, say)")
    rv.add_argument("--provider-column", default="provider", help="name of the provider column")
    rv.add_argument("--samples", type=samples, default=5_000, help="SMAA samples per group")
    rv.add_argument("--seed", type=seed, default=0, help="seed of the samples (default 0)")


def stakeholders_files(args: argparse.Namespace) -> str:
    """Run the chosen stakeholders command; return its text."""
    from scorecard.tree import Scorecard  # noqa: PLC0415

    card = Scorecard.from_json(args.card)
    if args.stakeholders_command == "form":
        from scorecard.stakeholders import answer_form  # noqa: PLC0415

        args.output.write_text(answer_form(card, args.lens), encoding="utf-8")
        return f"wrote {args.output}: open it in a browser, fill it in, send the file it saves\n"
    return _review(card, args)


def _review(card: object, args: argparse.Namespace) -> str:
    from scorecard.cli._inputs import read_table  # noqa: PLC0415
    from scorecard.stakeholders import (  # noqa: PLC0415
        combine,
        common_ground,
        elicit,
        node_agreement,
        rank_agreement,
        read_answers,
        robust_winners,
    )
    from scorecard.tree import Scorecard  # noqa: PLC0415

    assert isinstance(card, Scorecard)  # noqa: S101 - for mypy
    table = read_table(args.data, provider=args.provider_column, card=card)
    lenses = [elicit(card, lens) for lens in read_answers(args.answers, card)]
    lines = [f"{len(lenses)} group(s), {sum(len(e.members) for e in lenses)} member(s)"]
    views = {}
    for e in lenses:
        found = combine(e)
        views[e.lens.name] = card.evaluate(table, weights=found.weights)
        top = ", ".join(
            f"{card.node(c).label} {found.weights[c]:.2f}" for c in card.children("root")
        )
        lines.append(f"\n{e.lens.name} ({len(e.members)}): {top}")
        labels = {c: card.node(c).label for c in card.children("root")}
        lines.append("  " + node_agreement(e)["root"].describe(labels))
        lines.append(f"  first: {views[e.lens.name].ranking[0]}")
        silent = [m for m, node in e.missing if node == "root"]
        if silent:
            lines.append(f"  did not answer the root: {', '.join(silent)}")
    if len(lenses) >= 2:  # noqa: PLR2004
        lines.append("\nBetween groups:")
        lines += ["  " + t for t in rank_agreement(views).describe()]
        lines += ["  " + t for t in common_ground(lenses).describe()[:1]]
    winners = robust_winners(card.evaluate(table), lenses, samples=args.samples, seed=args.seed)
    lines.append("\nWhoever's weights you take:")
    lines += ["  " + t for t in winners.describe()]
    return "\n".join(lines) + "\n"
