"""The answers form in a real browser: a person fills it in offline and the file it saves reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

import scorecard as sc
from scorecard.stakeholders import answer_form, combine, elicit, read_answers

from .conftest import ARTIFACTS, DATA, Watch


@pytest.mark.parametrize("own", [False, True])
def test_a_person_fills_in_the_form_and_the_saved_answers_read_back(
    page: Page, watch: Watch, tmp_path: Path, own: bool
) -> None:
    card = sc.Scorecard.from_json(DATA / "card.json") if own else sc.catalog.balanced()
    form = tmp_path / "form.html"
    form.write_text(answer_form(card, ["commissioners", "people & carers"]), encoding="utf-8")
    page.goto(form.as_uri())
    page.select_option("#lens", "people & carers")
    page.fill("#member", 'Ana "A" Smith')
    boxes = page.locator("fieldset")
    assert boxes.count() == len([n for n, c in card.groups.items() if len(c) > 1])
    first = card.children("root")
    for k, child in enumerate(first):
        page.fill(f"input[name='root/{child}']", str(10 * (k + 1)))
    for box in range(1, boxes.count()):  # skip every question but the first
        boxes.nth(box).locator(".skip").check()
    with page.expect_download() as saved:
        page.click("#save")
    path = tmp_path / "answers.csv"
    saved.value.save_as(path)
    page.screenshot(path=str(ARTIFACTS / f"answer-form{'-own' if own else ''}.png"))
    (lens,) = read_answers(path, card)
    assert lens.name == "people & carers"
    assert lens.members[0].name == 'Ana "A" Smith'
    weights = combine(elicit(card, lens)).weights
    total = sum(10 * (k + 1) for k in range(len(first)))
    for k, child in enumerate(first):
        assert weights[child] == pytest.approx(10 * (k + 1) / total)
    assert watch.outside == []
    assert watch.errors == []


def test_the_form_says_what_is_missing_before_saving(
    page: Page, watch: Watch, tmp_path: Path
) -> None:
    card = sc.catalog.balanced()
    form = tmp_path / "form.html"
    form.write_text(answer_form(card), encoding="utf-8")
    page.goto(form.as_uri())
    page.fill(f"input[name='root/{card.children('root')[0]}']", "-3")
    page.click("#save")
    note = page.inner_text("#note")
    assert "choose your group" in note
    assert "give your name" in note
    assert "points must be 0 or more" in note
    assert watch.outside == []
