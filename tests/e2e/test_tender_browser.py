"""A real browser, with the network blocked, drives the tender explorer of `scorecard app`."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from scorecard.contracts import AwardRecord

from .conftest import ARTIFACTS, App, Watch

LOAD = 180_000


def test_the_split_moves_the_award_and_the_record_downloads(
    page: Page, tender_app: App, watch: Watch
) -> None:
    response = page.goto(tender_app.url, timeout=LOAD)
    assert response is not None
    assert response.ok, f"the app answered {response.status}: see {tender_app.log}"
    fragile = page.locator(".scorecard-tender-fragility")
    expect(fragile).to_contain_text("Northdale Recovery Partnership wins at 60:40", timeout=LOAD)
    expect(page.locator(".scorecard-synthetic")).to_contain_text("Synthetic data")
    handle = page.locator(".scorecard-slider-quality .noUi-handle").first
    handle.focus()
    for _ in range(10):  # quality from 0.60 to 0.50, a step at a time
        handle.press("ArrowLeft")
    expect(page.locator(".scorecard-slider-quality .widget-readout")).to_have_text(
        "0.50", timeout=30_000
    )
    expect(fragile).to_contain_text("Brightpath Treatment Ltd wins at 50:50", timeout=30_000)
    expect(page.locator(".scorecard-tender-margins")).to_contain_text("affordability cap")
    page.get_by_placeholder("Decision-makers, separated by semicolons").fill(
        "Head of Commissioning"
    )
    page.get_by_role("button", name="Record award").click()
    link = page.locator(".scorecard-award-links a", has_text="award.json")
    expect(link).to_be_visible(timeout=30_000)
    with page.expect_download() as got:
        link.click()
    saved = AwardRecord.from_json(Path(got.value.path()).read_text(encoding="utf-8"))
    assert saved.winner == "Brightpath Treatment Ltd"
    assert saved.replay().winner == "Brightpath Treatment Ltd"
    page.screenshot(path=str(ARTIFACTS / "tender.png"), full_page=True)
    assert watch.outside == [], f"requests left 127.0.0.1: {watch.outside}"
    assert watch.errors == [], f"console errors: {watch.errors}"
