"""The connection test from survey answers: better informed, more confident, better connected.

Each client's answers at start are paired with their latest answers at review (or exit), as
TOP forms are (`scorecard.measures._pairing`). A question counts as passed on "agree" or
"strongly agree" (4 or 5 of 5). ``conn_test_passed`` needs all three answered and all passed;
``conn_confident_barc`` is the mean change in BARC-10 recovery capital from start [S41].
"""

from __future__ import annotations

from typing import Final

import narwhals.stable.v2 as nw

from scorecard.measures._measure import Form, Measure, all_of, known

__all__ = ["AGREE", "FIELDS", "QUESTIONS", "survey_measures"]

QUESTIONS: Final = ("informed", "confident", "connected")
"""The three questions of the connection test."""
FIELDS: Final = (*QUESTIONS, "barc10")
AGREE: Final = 4
"""Answers at or above this (agree, strongly agree) pass a question."""


def _passed(question: str) -> nw.Expr:
    return (nw.col(f"{question}_r") >= AGREE).fill_null(value=False)


def survey_measures() -> tuple[Measure, ...]:
    """Each question, the combined test, and the change in BARC-10."""
    answered = known("date_r")
    each = tuple(
        Measure(f"conn_{q}", Form.SHARE, answered, _passed(q), known(f"{q}_r")) for q in QUESTIONS
    )
    return (
        *each,
        Measure(
            "conn_test_passed",
            Form.SHARE,
            answered,
            all_of(m.outcome for m in each),
            all_of(m.answered for m in each),
        ),
        Measure(
            "conn_confident_barc",
            Form.MEAN,
            answered & known("barc10_s"),
            nw.col("barc10_r") - nw.col("barc10_s"),
            known("barc10_r"),
        ),
    )
