"""Real-browser wiring: `scorecard app` serves the explorer locally; Playwright drives chromium.

No browser is downloaded: ``executable_path`` points at the system chromium (``CHROMIUM``
overrides it); `make test` installs Debian's package when it is missing. Every request that
would leave 127.0.0.1 is aborted and recorded, and every console error is recorded: the tests
assert both lists are empty. The app is started as a person starts it (the ``scorecard``
command, not Voila directly) and stopped with SIGTERM to that command alone, which must stop
Voila too.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from playwright.sync_api import Page, Request, Route

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DATA = Path(__file__).resolve().parent / "data"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:", "file:")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM}: apt-get install chromium (make test does)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--disable-background-networking", "--disable-component-update", "--no-first-run"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "accept_downloads": True}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def port_open(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return False
    return True


@attrs.define
class App:
    """A running `scorecard app`: its URL, its process and its log."""

    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> int:
        """SIGTERM to the command alone (not its group); returns its exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(30)
        finally:
            if self.process.poll() is None:  # pragma: no cover - a hung app: clean up anyway
                os.killpg(self.process.pid, signal.SIGKILL)


def start_app(name: str, *args: str) -> App:
    """Run ``scorecard app ARGS`` on a free port and wait until it answers."""
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log_path = ARTIFACTS / f"app-{name}.log"
    command = [sys.executable, "-m", "scorecard.cli", "app", *args, f"--port={port}"]
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 90
    while not port_open(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(log_path.read_text())
        time.sleep(0.1)
    return App(f"http://127.0.0.1:{port}/", port, proc, log_path)


@pytest.fixture(scope="session")
def example_app() -> Iterator[App]:
    """`scorecard app` with no files: the bundled example."""
    app = start_app("example")
    yield app
    app.stop()


@pytest.fixture(scope="session")
def own_app() -> Iterator[App]:
    """`scorecard app CARD DATA --baseline equal`: a second, custom card with its own data."""
    app = start_app(
        "own", str(DATA / "card.json"), str(DATA / "providers.csv"), "--baseline", "equal"
    )
    yield app
    app.stop()


@attrs.define
class Watch:
    """What a page tried to fetch outside 127.0.0.1 (aborted) and what it logged as errors."""

    outside: list[str] = attrs.Factory(list)
    errors: list[str] = attrs.Factory(list)


@pytest.fixture
def watch(page: Page) -> Watch:
    """Abort every request leaving 127.0.0.1; record it and every console error."""
    seen = Watch()

    def route(r: Route, request: Request) -> None:
        if request.url.startswith(LOCAL):
            r.continue_()
        else:
            seen.outside.append(request.url)
            r.abort("blockedbyclient")

    page.route("**/*", route)
    page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.errors.append(str(e)))
    return seen


@pytest.fixture(scope="session")
def tender_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[App]:
    """`scorecard app --tender T.json` on the bundled (synthetic) example tender."""
    from scorecard.datasets import example_tender

    path = tmp_path_factory.mktemp("tender") / "tender.json"
    example_tender().to_json(path)
    app = start_app("tender", "--tender", str(path))
    yield app
    app.stop()
