"""A real browser moves a domain slider in the Voila app; the ranking and the chart change."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from playwright.sync_api import Page, expect

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

LOAD = 180_000
WATCH = """() => {
  window.scorecardChanged = null;
  new MutationObserver(() => {
    if (window.scorecardChanged === null) window.scorecardChanged = performance.now();
  }).observe(document.querySelector('.scorecard-ranking-box'),
             {subtree: true, childList: true, characterData: true});
}"""
"""Record (in page time) when the ranking table first changes after a key press."""


def _state(page: Page) -> tuple[str, str]:
    ranking = page.locator(".scorecard-ranking tbody").inner_text()
    chart = page.locator(".vega-embed svg").first.inner_html()
    return ranking, chart


def test_moving_a_domain_slider_changes_ranking_and_chart(page: Page, app_url: str) -> None:
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    response = page.goto(app_url, timeout=LOAD)
    assert response is not None
    assert response.ok, f"Voila answered {response.status}: see {ARTIFACTS / 'voila.log'}"
    expect(page.locator(".scorecard-ranking tbody tr").first).to_be_visible(timeout=LOAD)
    expect(page.locator(".vega-embed svg").first).to_be_visible(timeout=LOAD)
    ranking, chart = _state(page)
    first_before = page.locator(".scorecard-ranking tbody tr").first.inner_text()

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
    page.set_viewport_size({"width": 1400, "height": 2200})  # Voila scrolls inside the page
    page.screenshot(path=str(ARTIFACTS / "explorer.png"), full_page=True)
    outside = [u for u in requests if not u.startswith(("http://127.0.0.1", "data:", "blob:"))]
    (ARTIFACTS / "browser-timing.json").write_text(
        json.dumps(
            {
                "one_step_to_ranking_ms": [round(t, 1) for t in steps],
                "median_ms": round(statistics.median(steps), 1),
                "max_ms": round(max(steps), 1),
                "first_before": first_before,
                "first_after": page.locator(".scorecard-ranking tbody tr").first.inner_text(),
                "requests_outside_localhost": outside,
            },
            indent=2,
        )
    )
