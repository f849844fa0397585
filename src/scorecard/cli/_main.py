"""The ``scorecard`` command: a demo on the bundled example, and evaluation of your own files."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from scorecard._table import PerformanceTable
from scorecard._text import format_table, shift_arrow
from scorecard._version import __version__
from scorecard.cli._app import serve
from scorecard.cli._arguments import MAX_SAMPLES, OneLineParser, port, rank, samples, seed
from scorecard.cli._inputs import add_inputs, inputs_argv, read_inputs, read_weights
from scorecard.cli._keep import add_keep, keep_files
from scorecard.cli._monitor import add_monitor, monitor_files
from scorecard.cli._records import add_commands, derive_files, example_records
from scorecard.cli._stakeholders import add_stakeholders, stakeholders_files
from scorecard.cli._template import add_template, template_files
from scorecard.cli._tender import add_tender, tender_files
from scorecard.errors import ScorecardError
from scorecard.tree import ROOT, Scorecard

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scorecard.evaluation import Evaluation

__all__ = ["main"]


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input)."""
    stream = sys.stdout if out is None else out
    args = _parser().parse_args(argv)
    try:
        return _run(args, stream)
    except (ScorecardError, OSError) as exc:
        print(f"scorecard: error: {one_line(exc)}", file=sys.stderr)
        return 2
    except Exception as exc:
        if args.debug:
            raise
        print(
            f"scorecard: unexpected error ({type(exc).__name__}: {one_line(exc)}); this is a "
            "bug in scorecard: rerun with --debug for the traceback and report it",
            file=sys.stderr,
        )
        return 1


def one_line(exc: BaseException) -> str:
    """An error's message on one line (a multi-line message's lines joined by ' | ')."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return " | ".join(lines) or type(exc).__name__


def _run(args: argparse.Namespace, stream: TextIO) -> int:
    """Run the chosen command; write its output to ``stream``; return the exit status."""
    if args.command == "app":
        return serve_files(args)
    commands: dict[str, Callable[[argparse.Namespace], str]] = {
        "demo": demo_files,
        "robustness": robustness_files,
        "report": report_files,
        "replay": replay_files,
        "derive": derive_files,
        "example-records": lambda a: example_records(a.directory),
        "evaluate": evaluate_files,
        "template": template_files,
        "tender": tender_files,
        "keep": keep_files,
        "monitor": monitor_files,
        "stakeholders": stakeholders_files,
    }
    stream.write(commands[args.command](args))
    return 0


def demo_files(args: argparse.Namespace) -> str:
    """The demo ranking, and the report when ``--report`` names a file."""
    text = demo()
    return text + (demo_report(args.report) if args.report is not None else "")


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="scorecard", description="Balanced commissioning scorecards.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the Python traceback of an unexpected error"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    dm = sub.add_parser(
        "demo",
        help="rank the bundled (synthetic) example providers: balanced vs completions only",
    )
    dm.add_argument("--report", type=Path, help="also write the HTML report to this file")
    rp = sub.add_parser("report", help="write a self-contained HTML report of an evaluation")
    add_inputs(rp)
    rp.add_argument("-o", "--output", type=Path, required=True, help="the HTML file to write")
    rp.add_argument("--samples", type=samples, default=10_000, help="SMAA weightings (0: none)")
    rp.add_argument("--seed", type=seed, default=0, help="seed for SMAA (default 0)")
    rl = sub.add_parser("replay", help="replay a saved decision record on its data")
    rl.add_argument("decision", type=Path, help="decision record JSON (from the explorer)")
    rl.add_argument("data", type=Path, help="the CSV the decision was made on")
    rl.add_argument("--provider-column", default="provider", help="name of the provider column")
    ap = sub.add_parser(
        "app",
        help="serve the weight explorer with Voila on 127.0.0.1: your scorecard and data, "
        "or the bundled example",
    )
    add_inputs(ap, optional=True)
    ap.add_argument("--tender", type=Path, help="serve the tender explorer on this tender file")
    ap.add_argument(
        "--answers",
        type=Path,
        help="stakeholder groups' answers (CSV or JSON, with the scorecard and data): each "
        "group a preset and a baseline in the explorer",
    )
    ap.add_argument(
        "--panel",
        type=Path,
        help="a long CSV of periods (with the scorecard, no data file): the explorer with a "
        "period picker and the ranks over time",
    )
    ap.add_argument("--port", type=port, default=8866)
    ap.add_argument("--notebook", type=Path, help="a notebook to serve (default: explore.ipynb)")
    ap.add_argument("--browser", action="store_true", help="open a browser too")
    ev = sub.add_parser("evaluate", help="evaluate a CSV of providers on a scorecard file")
    add_inputs(ev)
    ev.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table")
    ev.add_argument("-o", "--output", type=Path, help="the workbook to write (--format xlsx)")
    rb = sub.add_parser(
        "robustness", help="how far each weight can move before the ranking changes"
    )
    add_inputs(rb, baseline=False)
    rb.add_argument(
        "--rank",
        type=rank,
        default=1,
        help="watch the provider holding this rank (default 1); 0 watches the whole ranking",
    )
    rb.add_argument(
        "--all-nodes",
        action="store_true",
        help="every domain and metric (default: the top-level domains)",
    )
    rb.add_argument(
        "--samples",
        type=samples,
        default=10_000,
        help="SMAA weightings sampled uniformly at every node (default 10,000; 0 skips SMAA; "
        f"at most {MAX_SAMPLES:,})",
    )
    rb.add_argument("--seed", type=seed, help="seed for SMAA (default: a fresh one, printed)")
    rb.add_argument(
        "--uncertain",
        action="store_true",
        help="also draw values from the table's standard errors and denominators",
    )
    rb.add_argument(
        "--progress",
        action="store_true",
        help="show a progress bar on standard error (default: when it is a terminal)",
    )
    add_commands(sub)
    add_template(sub)
    add_tender(sub)
    add_keep(sub)
    add_monitor(sub)
    add_stakeholders(sub)
    return parser


def demo() -> str:
    """The example providers ranked on the balanced scorecard beside "completions only"."""
    from scorecard import catalog, datasets  # noqa: PLC0415

    table = datasets.example()
    balanced = catalog.balanced().evaluate(table)
    completions = catalog.completions_only().evaluate(table)
    shifts = balanced.compare(completions)
    rows = [
        [str(r.rank), r.provider, f"{r.score:.3f}", str(r.baseline_rank), shift_arrow(r.shift)]
        for r in shifts.rows()
    ]
    moved = int((shifts.rank_shift != 0).sum())
    biggest = int(abs(shifts.rank_shift).max())
    return (
        f"{balanced.card.name} against {completions.card.name}\n"
        "(bundled example: synthetic providers, not real services)\n\n"
        + format_table(["balanced", "provider", "score", "completions only", "shift"], rows)
        + f"\n\n{moved} of {len(shifts.providers)} providers change place; "
        f"the largest move is {biggest} place(s).\n"
    )


def demo_report(path: Path) -> str:
    """Write the HTML report of the bundled example; say where."""
    from scorecard import catalog, datasets  # noqa: PLC0415
    from scorecard.report import write_report  # noqa: PLC0415

    write_report(path, catalog.balanced().evaluate(datasets.example()))
    return f"\nwrote the HTML report to {path}\n"


def report_files(args: argparse.Namespace) -> str:
    """Write the HTML report of ``args.data`` on ``args.card``; say where."""
    from scorecard.report import write_report  # noqa: PLC0415

    found = read_inputs(args)
    write_report(
        args.output,
        found.evaluation,
        found.baseline,
        baseline_name=found.baseline_name,
        decision=found.decision,
        samples=args.samples,
        seed=args.seed,
    )
    return f"wrote the HTML report to {args.output}\n"


def serve_files(args: argparse.Namespace) -> int:
    """Check the files given to ``app`` (an error now, not in the page), then serve them."""
    given = [args.card, args.data]
    if given.count(None) == 1 and args.panel is None:
        raise ScorecardError("scorecard app takes a scorecard and a data file, or neither")
    if args.card is None and (args.weights or args.decision or args.baseline):
        raise ScorecardError("--weights, --decision and --baseline need a scorecard and data")
    if args.panel is not None:
        return _serve_panel(args)
    if args.tender is not None:
        from scorecard.contracts import Tender, evaluate_tender  # noqa: PLC0415

        if args.card is not None:
            raise ScorecardError("scorecard app takes a tender, or a scorecard and data: not both")
        evaluate_tender(Tender.from_json(args.tender))  # read and checked before Voila starts
        inputs = ["--tender", str(args.tender.resolve())]
    else:
        if args.card is not None:
            read_inputs(args)  # every file read and checked before Voila starts
        inputs = inputs_argv(args)
        if args.answers is not None:
            if args.card is None:
                raise ScorecardError("--answers needs a scorecard and data")
            from scorecard.stakeholders import read_answers  # noqa: PLC0415

            read_answers(args.answers, Scorecard.from_json(args.card))
            inputs += ["--answers", str(args.answers.resolve())]
    return serve(args.notebook, port=args.port, open_browser=args.browser, inputs=inputs)


def _serve_panel(args: argparse.Namespace) -> int:
    """``scorecard app CARD --panel PANEL.csv``: the panel read and checked, then served."""
    from scorecard.monitoring import Panel  # noqa: PLC0415

    if args.card is None or args.data is not None or args.tender is not None:
        raise ScorecardError("scorecard app --panel P.csv takes a scorecard and no data file")
    card = Scorecard.from_json(args.card)
    Panel.from_csv(args.panel, card=card, provider=args.provider_column)
    inputs = ["--panel", str(args.panel.resolve()), str(args.card.resolve())]
    if args.weights is not None:
        read_weights(args.weights)
        inputs += ["--weights", str(args.weights.resolve())]
    inputs += ["--provider-column", args.provider_column]
    return serve(args.notebook, port=args.port, open_browser=args.browser, inputs=inputs)


def replay_files(args: argparse.Namespace) -> str:
    """Replay a decision record on ``args.data``: identical scores, or an error saying why."""
    from scorecard.decision import DecisionRecord  # noqa: PLC0415

    found = DecisionRecord.from_json(args.decision)
    table = PerformanceTable.from_csv(args.data, provider=args.provider_column, card=found.card)
    ev = found.replay(table)
    first = ev.providers[int(ev.ranks.argmin())]
    return (
        f"replayed {found.card.name} ({found.timestamp}): identical scores for "
        f"{len(ev.providers)} providers; first: {first}\nrationale: {found.rationale or '(none)'}\n"
    )


def robustness_files(args: argparse.Namespace) -> str:
    """Thresholds for ``args.data`` on ``args.card``: a line per node, then the ranking."""
    from scorecard.sensitivity import thresholds  # noqa: PLC0415

    ev = read_inputs(args).evaluation
    card = ev.card
    top = card.groups[ROOT]
    nodes = None if args.all_nodes else (list(top) if len(top) > 1 else [])
    found = thresholds(ev, nodes, rank=args.rank or None)
    text = (
        f"{card.name}: how far each weight can move before "
        + ("the ranking changes" if not args.rank else f"rank {args.rank} changes")
        + f" (siblings rescaled in proportion)\n\n{found.summary()}\n\n"
    )
    if args.samples:
        text += _acceptability(ev, args) + "\n\n"
    return text + f"{ev!r}\n"


def _acceptability(ev: Evaluation, args: argparse.Namespace) -> str:
    """SMAA summary and the providers' first-rank, top-three and holistic acceptabilities."""
    from scorecard.sensitivity import smaa  # noqa: PLC0415

    show = args.progress or sys.stderr.isatty()
    result = smaa(
        ev,
        samples=args.samples,
        seed=args.seed,
        uncertain=args.uncertain,
        pairwise=False,
        progress=progress_bar(sys.stderr) if show else None,
    )
    b = result.rank_acceptability
    top3 = b[:, :3].sum(axis=1)
    order = sorted(range(len(result.providers)), key=lambda i: (-result.holistic[i], i))
    rows = [
        [
            result.providers[i],
            f"{100 * b[i, 0]:.1f}%",
            f"{100 * top3[i]:.1f}%",
            f"{result.holistic[i]:.3f}",
            str(int(ev.ranks[i])),
        ]
        for i in order
    ]
    return (
        f"SMAA over {result.samples:,} weightings (seed {result.seed}): {result.summary()}\n\n"
        + format_table(["provider", "first", "top three", "holistic", "rank now"], rows)
    )


def progress_bar(stream: TextIO, width: int = 30) -> Callable[[int, int], None]:
    """A ``progress(done, total)`` callback drawing a text bar on ``stream``."""

    def show(done: int, total: int) -> None:
        filled = width * done // total
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done:,}/{total:,}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


def evaluate_files(args: argparse.Namespace) -> str:
    """Evaluate ``args.data`` on ``args.card`` and render it in ``args.format``."""
    found = read_inputs(args)
    ev = found.evaluation
    if args.format == "xlsx":
        if args.output is None:
            raise ScorecardError("--format xlsx writes a workbook: name it with -o FILE.xlsx")
        from scorecard.report import default_baseline  # noqa: PLC0415

        path = ev.to_excel(args.output, baseline=found.baseline or default_baseline(ev))
        return (
            f"wrote {path} (scores, contributions, against the baseline, weights, policy cells)\n"
        )
    if args.format == "json":
        return json.dumps(ev.to_dict(), indent=2, ensure_ascii=False) + "\n"
    if args.format == "csv":
        return _csv(ev)
    source = f"\nread {ev.table.source}\n" if ev.table.source else ""
    beside = (
        f"\nBeside {found.baseline_name}:\n{ev.compare(found.baseline)!r}\n"
        if found.baseline is not None
        else ""
    )
    return repr(ev) + "\n" + beside + policy_lines(ev) + source


def policy_lines(ev: Evaluation) -> str:
    """Every cell a policy acted on, a line each (nothing when there is none)."""
    if not ev.policy_cells:
        return ""
    lines = [f"  {cell}" for cell in ev.policy_cells]
    return "\nCells the policies acted on:\n" + "\n".join(lines) + "\n"


def _csv(ev: Evaluation) -> str:
    import io as text_io  # noqa: PLC0415

    columns = ev.to_columns("scores")
    buffer = text_io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows(zip(*columns.values(), strict=True))
    return buffer.getvalue()
