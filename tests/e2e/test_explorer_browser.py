"""A real browser, with the network blocked, drives `scorecard app` on the example and on a card
of one's own: sliders, presets, SMAA, downloads, layout at laptop sizes, and a clean stop."""

from __future__ import annotations

import json
import os
import signal
import statistics
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from scorecard.decision import DecisionRecord

from .conftest import ARTIFACTS, App, Watch, port_open, start_app

LOAD = 180_000
WATCH = """() => {
  window.scorecardChanged = null;
  new MutationObserver(() => {
    if (window.scorecardChanged === null) window.scorecardChanged = performance.now();
  }).observe(document.querySelector('.scorecard-ranking-box'),
             {subtree: true, childList: true, characterData: true});
}"""
"""Record (in page time) when the ranking table first changes after a key press."""
RIGHT_EDGES = """selector => [...document.querySelectorAll(selector)]
  .map(e => e.getBoundingClientRect())
  .filter(r => r.height > 0)
  .map(r => [r.left, r.right, r.width])"""
"""Left and right edges and width of each shown element (folded accordions hide the rest)."""


def _open(page: Page, app: App) -> None:
    response = page.goto(app.url, timeout=LOAD)
    assert response is not None
    assert response.ok, f"the app answered {response.status}: see {app.log}"
    expect(page.locator(".scorecard-ranking tbody tr").first).to_be_visible(timeout=LOAD)
    expect(page.locator(".vega-embed svg").first).to_be_visible(timeout=LOAD)


def _state(page: Page) -> tuple[str, str]:
    ranking = page.locator(".scorecard-ranking tbody").inner_text()
    chart = page.locator(".vega-embed svg").first.inner_html()
    return ranking, chart


def _clean(watch: Watch) -> None:
    assert watch.outside == [], f"requests left 127.0.0.1: {watch.outside}"
    assert watch.errors == [], f"console errors: {watch.errors}"


def test_moving_a_domain_slider_changes_ranking_and_chart(
    page: Page, example_app: App, watch: Watch
) -> None:
    _open(page, example_app)
    ranking, chart = _state(page)
    first_before = page.locator(".scorecard-ranking tbody tr").first.inner_text()
    expect(page.locator(".scorecard-synthetic")).to_contain_text("Synthetic data")

    handle = page.locator(".scorecard-slider-outcomes .noUi-handle").first
    handle.focus()
    page.evaluate(WATCH)
    steps = []
    for _ in range(10):  # one step of 0.01 at a time: every score moves, so the table text does
        started = page.evaluate(
            "() => { window.scorecardChanged = null; return performance.now(); }"
        )
        handle.press("ArrowRight")
        page.wait_for_function("() => window.scorecardChanged !== null", timeout=30_000)
        steps.append(page.evaluate("() => window.scorecardChanged") - started)
    for _ in range(30):  # on to 0.70, as a keyboard user would: now the order changes
        handle.press("ArrowRight")
    expect(page.locator(".scorecard-slider-outcomes .widget-readout")).to_have_text(
        "0.70", timeout=30_000
    )
    expect(page.locator(".scorecard-ranking tbody tr").first).not_to_have_text(
        first_before, timeout=30_000
    )
    page.wait_for_function(
        "before => document.querySelector('.vega-embed svg').innerHTML !== before",
        arg=chart,
        timeout=30_000,
    )
    new_ranking, new_chart = _state(page)
    assert new_ranking != ranking
    assert new_chart != chart
    (ARTIFACTS / "browser-timing.json").write_text(
        json.dumps(
            {
                "one_step_to_ranking_ms": [round(t, 1) for t in steps],
                "median_ms": round(statistics.median(steps), 1),
                "max_ms": round(max(steps), 1),
                "first_before": first_before,
                "first_after": page.locator(".scorecard-ranking tbody tr").first.inner_text(),
            },
            indent=2,
        )
    )
    _clean(watch)


def test_a_card_of_ones_own_offline_preset_smaa_and_downloads(
    page: Page, own_app: App, watch: Watch
) -> None:
    _open(page, own_app)
    expect(page.locator("h3").first).to_have_text("Northdale community alcohol service scorecard")
    expect(page.locator(".scorecard-synthetic")).to_have_count(0)  # the person's own data
    head = page.locator(".scorecard-ranking thead").inner_text()
    assert "rank under equal" in head  # --baseline equal reached the page
    first = page.locator(".scorecard-ranking tbody tr").first.inner_text()

    handle = page.locator(".scorecard-slider-recovery .noUi-handle").first
    handle.focus()
    for _ in range(40):  # Recovery from 0.50 to 0.90: the completions-heavy team rises
        handle.press("ArrowRight")
    expect(page.locator(".scorecard-slider-recovery .widget-readout")).to_have_text(
        "0.90", timeout=30_000
    )
    expect(page.locator(".scorecard-ranking tbody tr").first).not_to_have_text(
        first, timeout=30_000
    )
    preset = page.locator(".widget-dropdown", has_text="preset").locator("select")
    expect(preset).to_have_value("adjusted weights", timeout=30_000)  # off every preset
    preset.select_option(label="completions only")
    expect(page.locator(".scorecard-slider-recovery .widget-readout")).to_have_text(
        "1.00", timeout=30_000
    )
    expect(page.locator(".scorecard-thresholds")).to_contain_text("Recovery")

    page.get_by_role("button", name="Run SMAA").click()
    expect(page.locator(".scorecard-smaa svg")).to_be_visible(timeout=60_000)
    assert page.locator(".scorecard-smaa svg .mark-rect path").count() >= 8

    page.get_by_role("textbox").last.fill("Recovery first, as the board asked.")
    page.get_by_role("button", name="Save decision").click()
    link = page.locator(".scorecard-decision-link a")
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as got:
        link.click()
    saved = Path(got.value.path())
    decision = DecisionRecord.from_json(saved.read_text(encoding="utf-8"))
    assert decision.card.name == "Northdale community alcohol service scorecard"
    assert decision.rationale == "Recovery first, as the board asked."
    assert decision.baseline == "equal"

    page.get_by_role("button", name="Make report").click()
    report_link = page.locator(".scorecard-report-link a")
    expect(report_link).to_be_visible(timeout=60_000)
    with page.expect_download() as got:
        report_link.click()
    assert got.value.suggested_filename == "report.html"
    text = Path(got.value.path()).read_text(encoding="utf-8")
    assert "Recovery first, as the board asked." in text
    assert "Ranking beside equal" in text
    page.screenshot(path=str(ARTIFACTS / "own-card.png"), full_page=True)
    _clean(watch)


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1920, 1080)])
def test_the_layout_fits_a_laptop(
    page: Page, example_app: App, watch: Watch, size: tuple[int, int]
) -> None:
    width, height = size
    page.set_viewport_size({"width": width, "height": height})
    _open(page, example_app)
    page.wait_for_timeout(500)  # let the layout settle after the last widget renders
    page.screenshot(path=str(ARTIFACTS / f"explorer-{width}x{height}.png"))
    sliders = page.evaluate(RIGHT_EDGES, ".widget-slider .noUi-target")
    assert len(sliders) >= 6
    for left, right, span in sliders:
        assert left >= 0
        assert right <= width, f"a slider runs off the window ({right:.0f} > {width})"
        assert span >= 150, f"a slider is only {span:.0f} px long"
    legends = page.evaluate(RIGHT_EDGES, ".vega-embed svg .role-legend")
    assert legends, "the contributions chart has no legend"
    for left, right, _span in legends:
        assert left >= 0
        assert right <= width, f"the legend is cut at the window's edge ({right:.0f} > {width})"
    for left, right, _span in page.evaluate(RIGHT_EDGES, ".scorecard-ranking"):
        assert left >= 0
        assert right <= width, "the ranking needs horizontal scrolling"
    _clean(watch)


def test_stopping_the_app_stops_voila_and_its_kernels() -> None:
    app = start_app("stop")
    group = os.getpgid(app.process.pid)
    assert app.stop() == 0 or app.process.returncode == -signal.SIGTERM
    deadline = time.monotonic() + 15
    while port_open(app.port) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not port_open(app.port), "Voila still answers after the app was stopped"
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)  # anything left in the app's process group?
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        pytest.fail("processes of the app (Voila or a kernel) outlived it")
