"""``scorecard app``: the weight explorer served by Voila on 127.0.0.1 (needs the ``app`` extra).

The command checks the files it is given, then runs Voila with the package's own page
template (no link to any server but the app's: icons and fonts from a CDN would hang the page
where a firewall drops packets), idle kernels culled once their page is gone, and every
stopping signal passed on to Voila, so stopping the app stops the server. The notebook builds
its explorer with `app_explorer`, from the arguments the command hands it in ``SCORECARD_APP``.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from scorecard.errors import ScorecardError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from scorecard._weights import Weights
    from scorecard.tree import Scorecard
    from scorecard.widgets import TenderExplorer, WeightExplorer

__all__ = [
    "CULL_IDLE_SECONDS",
    "ENVIRONMENT",
    "TEMPLATE",
    "app_explorer",
    "explorer_notebook",
    "serve",
    "voila_command",
]

ENVIRONMENT: Final = "SCORECARD_APP"
"""The environment variable carrying the app's arguments (a JSON list) to the notebook."""
TEMPLATE: Final = "scorecard"
"""The Voila template the app serves with: Voila's lab template with no external link."""
CULL_IDLE_SECONDS: Final = 300
"""A kernel whose page has closed (no connection) is shut down after this many idle seconds."""
_SIGNALS: Final = (
    signal.SIGINT,
    signal.SIGTERM,
    *([signal.SIGHUP] if hasattr(signal, "SIGHUP") else []),
)


def explorer_notebook() -> Path:
    """The explorer notebook: the packaged copy, or ``notebooks/explore.ipynb`` in a checkout."""
    packaged = Path(__file__).resolve().parent / "explore.ipynb"
    if packaged.is_file():
        return packaged
    checkout = Path(__file__).resolve().parents[3] / "notebooks" / "explore.ipynb"
    if checkout.is_file():
        return checkout
    raise ScorecardError("explore.ipynb is not installed with this copy of scorecard")


def template_root() -> Path:
    """The folder to add to ``JUPYTER_PATH`` so Voila finds the ``scorecard`` template."""
    return Path(__file__).resolve().parent / "jupyter"


def voila_command(notebook: Path, *, port: int, open_browser: bool = False) -> list[str]:
    """The command line that serves ``notebook`` on 127.0.0.1:``port``."""
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--template={TEMPLATE}",
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        "--MappingKernelManager.cull_interval=60",
        "--MappingKernelManager.cull_connected=False",
        *([] if open_browser else ["--no-browser"]),
    ]


def voila_environment(inputs: Sequence[str] = ()) -> dict[str, str]:
    """The environment Voila runs in: the template on ``JUPYTER_PATH``, the app's arguments."""
    env = dict(os.environ)
    paths = [str(template_root()), *filter(None, env.get("JUPYTER_PATH", "").split(os.pathsep))]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env[ENVIRONMENT] = json.dumps(list(inputs))
    return env


def serve(
    notebook: Path | None = None,
    *,
    port: int = 8866,
    open_browser: bool = False,
    inputs: Sequence[str] = (),
) -> int:
    """Run Voila until it is stopped; returns its exit status.

    ``inputs``: the scorecard, data and options (as ``scorecard app`` takes them) the explorer
    is built from; none for the bundled example. SIGINT, SIGTERM and SIGHUP are passed on to
    Voila, which then shuts its kernels down.
    """
    if importlib.util.find_spec("voila") is None:
        raise ScorecardError(
            "scorecard app needs Voila: pip install 'commissioning-scorecard[app]'"
        )
    path = notebook or explorer_notebook()
    if not path.is_file():
        raise ScorecardError(f"no such notebook: {path}")
    if not inputs:
        what = "the bundled example"
    elif inputs[0] == "--tender":
        what = f"the tender in {Path(inputs[1]).name}"
    elif inputs[0] == "--panel":
        what = f"{Path(inputs[2]).name} over the periods of {Path(inputs[1]).name}"
    else:
        what = f"{Path(inputs[0]).name} on {Path(inputs[1]).name}"
    sys.stderr.write(f"serving {what} on http://127.0.0.1:{port}/ (Ctrl+C stops it)\n")
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        voila_command(path, port=port, open_browser=open_browser), env=voila_environment(inputs)
    )
    previous = {s: signal.signal(s, _passing_on(child)) for s in _SIGNALS}
    try:
        return child.wait()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        if child.poll() is None:  # pragma: no cover - only when wait itself was interrupted
            child.terminate()
            child.wait(15)


def _passing_on(child: subprocess.Popen[bytes]) -> Any:
    def handler(signum: int, _frame: object) -> None:
        if child.poll() is None:
            child.send_signal(signum)

    return handler


def _lenses(card: Scorecard, answers: Path | None) -> dict[str, Weights]:
    """Each stakeholder group's combined weights from an answers file (none without one)."""
    if answers is None:
        return {}
    from scorecard.stakeholders import combine, elicit, read_answers  # noqa: PLC0415

    return {lens.name: combine(elicit(card, lens)).weights for lens in read_answers(answers, card)}


def app_explorer(environment: str = ENVIRONMENT) -> WeightExplorer | TenderExplorer:
    """The explorer ``scorecard app`` asked for: its files, else the bundled example.

    ``scorecard app --tender T.json`` asks for the `TenderExplorer` of a tender;
    ``scorecard app CARD --panel P.csv`` for the explorer over a panel of periods.

    Reads the arguments in the ``SCORECARD_APP`` environment variable (set by the app) the
    way the command line does, so a notebook served by ``scorecard app CARD DATA`` shows the
    person's own scorecard, data, weights, decision and baseline.
    """
    from scorecard.cli._arguments import OneLineParser  # noqa: PLC0415
    from scorecard.cli._inputs import add_inputs, read_inputs  # noqa: PLC0415
    from scorecard.widgets import TenderExplorer, WeightExplorer  # noqa: PLC0415

    argv = json.loads(os.environ.get(environment, "[]") or "[]")
    if not argv:
        from scorecard import catalog, datasets  # noqa: PLC0415

        return WeightExplorer(catalog.balanced(), datasets.example())
    parser = OneLineParser(prog="scorecard app")
    add_inputs(parser, optional=True)
    parser.add_argument("--tender", type=Path)
    parser.add_argument("--panel", type=Path)
    parser.add_argument("--answers", type=Path)
    args = parser.parse_args(argv)
    if args.panel is not None:
        from scorecard.cli._inputs import read_weights  # noqa: PLC0415
        from scorecard.monitoring import Panel  # noqa: PLC0415
        from scorecard.tree import Scorecard  # noqa: PLC0415

        card = Scorecard.from_json(args.card)
        panel = Panel.from_csv(args.panel, card=card, provider=args.provider_column)
        weights = read_weights(args.weights) if args.weights is not None else None
        return WeightExplorer(card, panel=panel, weights=weights)
    if args.tender is not None:
        from scorecard.contracts import Tender  # noqa: PLC0415

        return TenderExplorer(Tender.from_json(args.tender))
    found = read_inputs(args)
    ev = found.evaluation
    return WeightExplorer(
        ev.card,
        ev.table,
        lenses=_lenses(ev.card, args.answers),
        weights=ev.weights,
        aggregation=ev.aggregation,
        baseline=(
            found.baseline
            if found.baseline is not None and found.baseline.card is not ev.card
            else found.baseline_name  # a named baseline of the card: the explorer builds it
        ),
        baseline_name=found.baseline_name,
        rationale=found.decision.rationale if found.decision is not None else "",
    )
