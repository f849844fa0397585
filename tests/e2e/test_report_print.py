"""The report in a real browser: printed on A4 with nothing wider than the page, read on a phone.

Chromium lays the report out for print at the width A4 leaves inside the report's own page
margins (210 mm less 2 x 14 mm = 182 mm, 688 CSS px) and prints it to PDF (kept as an
artifact); every element must fit that width. At a phone's width (390 px) the page must not
scroll sideways (wide tables scroll inside their own box).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Page, ViewportSize

import scorecard as sc
from scorecard.cli._inputs import read_table
from scorecard.contracts import (
    assess,
    award_record,
    evaluate_tender,
    fragility,
    keep_or_retender_record,
)
from scorecard.datasets import example_keep_or_retender, example_panel, example_tender
from scorecard.monitoring import Panel
from scorecard.report import award_report, keep_or_retender_report, review_report, write_report

from .conftest import ARTIFACTS, DATA, Watch

A4_CONTENT_PX = round((210 - 2 * 14) / 25.4 * 96)
PHONE: ViewportSize = {"width": 390, "height": 844}
WIDEST = """() => {
  let widest = 0, what = '';
  for (const e of document.body.querySelectorAll('*')) {
    if (e.closest('.wide')) continue;  // a box that scrolls on screen, checked as a whole
    const r = e.getBoundingClientRect();
    if (r.right > widest) {
      widest = r.right;
      what = e.tagName + ' "' + (e.textContent || '').trim().slice(0, 60) + '"';
    }
  }
  for (const e of document.querySelectorAll('.wide')) {
    const r = e.getBoundingClientRect();
    if (r.right > widest) { widest = r.right; what = 'div.wide'; }
  }
  return [widest, what];
}"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every kind of report, written once for the module."""
    tmp_path = tmp_path_factory.mktemp("reports")
    example = sc.catalog.balanced().evaluate(sc.datasets.example())
    card = sc.Scorecard.from_json(DATA / "card.json")
    own = card.evaluate(read_table(DATA / "providers.csv", provider="provider", card=card))
    found = evaluate_tender(example_tender())
    award = award_record(found, decision_makers=["Head of Commissioning"], rationale="Balance")
    keep = keep_or_retender_record(assess(example_keep_or_retender(), evaluation=example))
    (tmp_path / "award.html").write_text(award_report(award, fragility(found)), encoding="utf-8")
    (tmp_path / "keep.html").write_text(keep_or_retender_report(keep), encoding="utf-8")
    panel = Panel(*example_panel())
    for name, who in (("review", "Starling Cross Recovery"), ("system", None)):
        html = review_report(panel, sc.catalog.balanced(), who, samples=300)
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    own_review = review_report(own_panel(card, own.table), card, own.providers[0], samples=300)
    (tmp_path / "own-review.html").write_text(own_review, encoding="utf-8")
    return {
        "example": write_report(tmp_path / "example.html", example, samples=2_000),
        "own": write_report(tmp_path / "own.html", own, samples=2_000),
        "award": tmp_path / "award.html",
        "keep": tmp_path / "keep.html",
        "review": tmp_path / "review.html",
        "system": tmp_path / "system.html",
        "own-review": tmp_path / "own-review.html",
    }


def own_panel(card: sc.Scorecard, table: sc.PerformanceTable) -> Panel:
    """Eight quarters of the own card's providers: their CSV figures, drifting a little."""
    rng = np.random.default_rng(7)
    periods = tuple(dt.date(2024 + k // 4, 1 + 3 * (k % 4), 1) for k in range(8))
    spread = np.nanstd(table.values, axis=0)
    tables = tuple(
        sc.PerformanceTable(
            table.providers,
            card.metric_ids,
            table.values + rng.normal(0, 0.1, table.values.shape) * spread,
            standard_errors=np.broadcast_to(0.05 * spread, table.values.shape).copy(),
        )
        for _ in periods
    )
    return Panel(periods, tables)


@pytest.mark.parametrize(
    "which", ["example", "own", "award", "keep", "review", "system", "own-review"]
)
def test_the_report_prints_on_a4_with_nothing_cut(
    page: Page, watch: Watch, reports: dict[str, Path], which: str
) -> None:
    path = reports[which]
    page.set_viewport_size({"width": A4_CONTENT_PX, "height": 1123})
    page.goto(path.as_uri())
    page.emulate_media(media="print")
    widest, what = page.evaluate(WIDEST)
    assert widest <= A4_CONTENT_PX + 0.5, f"{what} is {widest:.0f} px wide, A4 has {A4_CONTENT_PX}"
    page.pdf(path=str(ARTIFACTS / f"report-{which}.pdf"), format="A4", prefer_css_page_size=True)
    assert watch.outside == []
    assert watch.errors == []


def test_the_review_reads_on_a_phone(page: Page, watch: Watch, reports: dict[str, Path]) -> None:
    page.set_viewport_size(PHONE)
    page.goto(reports["review"].as_uri())
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    page.screenshot(path=str(ARTIFACTS / "review-phone.png"), full_page=True)
    assert scroll <= PHONE["width"], f"the review scrolls sideways ({scroll} px)"
    assert watch.outside == []


@pytest.mark.parametrize("font", ["", "monospace"])
def test_the_report_reads_on_a_phone(page: Page, watch: Watch, tmp_path: Path, font: str) -> None:
    # The data sit deep in a folder: the source line names the whole path. A monospace font
    # stands in for a machine whose fonts are wider than the ones the charts were measured with.
    deep = tmp_path / ("a_long_folder_name_without_any_break" * 3) / "deeper"
    deep.mkdir(parents=True)
    (deep / "providers.csv").write_bytes((DATA / "providers.csv").read_bytes())
    card = sc.Scorecard.from_json(DATA / "card.json")
    own = card.evaluate(read_table(deep / "providers.csv", provider="provider", card=card))
    page.set_viewport_size(PHONE)
    page.goto(write_report(deep / "own.html", own, samples=2_000).as_uri())
    if font:
        page.add_style_tag(content=f"* {{ font-family: {font} !important; }}")
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    page.screenshot(path=str(ARTIFACTS / f"report-phone{'-' + font if font else ''}.png"))
    assert scroll <= PHONE["width"], f"the page scrolls sideways ({scroll} px)"
    assert watch.outside == []
