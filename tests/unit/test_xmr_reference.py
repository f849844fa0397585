"""XmR charts against NHSRplotthedots 0.2.2 (nhs-r-community, commit 050b07d, 2025-09-29).

Inputs and results as its test snapshots (tests/testthat/_snaps/ptd_spc_standard.md and
ptd_spc.md), its vignette (vignettes/deviations.Rmd) and its unit tests
(tests/testthat/test-ptd_calculate_point_type.R and test-ptd_spc_standard.R) print them, or as
the package's own R code computes them on the inputs its tests use ("R:" below). Letters: U
above the upper limit, L below the lower, T trend, 2 two of three, R run, . common cause.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import pytest

from scorecard.monitoring import ASSURANCE, RULES, VARIATION, SPCWarning, xmr

RNORM_123 = [
    -0.56047564655, -0.23017748948, 1.55870831415, 0.07050839142, 0.12928773516, 1.71506498688,
    0.46091620599, -1.26506123461, -0.68685285189, -0.44566197010, 1.22408179744, 0.35981382706,
    0.40077145059, 0.11068271595, -0.55584113475, 1.78691313680, 0.49785047823, -1.96661715663,
    0.70135590156, -0.47279140773,
]  # fmt: skip
"""R's set.seed(123); rnorm(20), the series of the package's snapshot tests."""
LETTER = {"outside limits": "UL", "trend": "T", "two of three": "2", "run": "R"}


def letters(values: Sequence[float], **options: object) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        chart = xmr(values, **options)  # type: ignore[arg-type]
    out = []
    for t, k in enumerate(chart.rule[0].tolist()):
        if k < 0:
            out.append(".")
        elif RULES[k] == "outside limits":
            out.append("U" if chart.values[0, t] > chart.mean[0, t] else "L")
        else:
            out.append(LETTER[RULES[k]])
    return "".join(out)


def limits(values: Sequence[float], **options: object) -> tuple[float, float, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        chart = xmr(values, **options)  # type: ignore[arg-type]
    return float(chart.mean[0, -1]), float(chart.lower[0, -1]), float(chart.upper[0, -1])


def test_the_snapshot_series_as_is() -> None:
    """_snaps/ptd_spc_standard.md: mean 0.1416238, lpl -3.01138, upl 3.294627; all common."""
    assert limits(RNORM_123) == pytest.approx((0.1416238, -3.01138, 3.294627), abs=1e-6)
    assert letters(RNORM_123) == "." * 20


def test_the_snapshot_series_with_an_outlier_screened_and_not() -> None:
    """y[15] <- 10: screened 0.6694159 / -2.383666 / 3.722497 (the mean keeps the 10);
    unscreened -4.596625 / 5.935457; point 15 above the upper limit, an improvement."""
    y = list(RNORM_123)
    y[14] = 10.0
    assert limits(y, screen=True) == pytest.approx((0.6694159, -2.383666, 3.722497), abs=1e-6)
    assert limits(y, screen=False) == pytest.approx((0.6694159, -4.596625, 5.935457), abs=1e-6)
    for screen in (True, False):
        assert letters(y, screen=screen) == "." * 14 + "U" + "." * 5
    chart = xmr(y)
    assert VARIATION[int(chart.variation[0, 14])] == "improvement"


def test_the_snapshot_series_split_and_fixed() -> None:
    """Rebased at the 11th point: 0.0746 / -2.60 / 2.75 then 0.209 / -3.28 / 3.70 (snapshot,
    R: 0.0746256441 / -2.600585408 / 2.749836696 and 0.2086219609 / -3.279005448 /
    3.696249369); fixed after 12 points (R): 0.1941793 / -2.6073998 / 2.9957585."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SPCWarning)
        split = xmr(RNORM_123, rebase=[10])
    first = (split.mean[0, 0], split.lower[0, 0], split.upper[0, 0])
    second = (split.mean[0, -1], split.lower[0, -1], split.upper[0, -1])
    assert first == pytest.approx((0.0746256441, -2.600585408, 2.749836696), abs=1e-9)
    assert second == pytest.approx((0.2086219609, -3.279005448, 3.696249369), abs=1e-9)
    fixed = limits(RNORM_123, fix_after=12)
    assert fixed == pytest.approx((0.1941793, -2.6073998, 2.9957585), abs=1e-7)


def test_the_vignette_screening_against_the_excel_tool() -> None:
    """deviations.Rmd: screened 1.94 / -0.72 / 4.6; unscreened ("the same output as Excel")
    1.94 / -3.06 / 6.95; only point 5 is special, an improvement."""
    y = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]
    assert limits(y, screen=True) == pytest.approx((1.944444444, -0.7155555556, 4.604444444))
    assert limits(y, screen=False) == pytest.approx((1.944444444, -3.062614379, 6.951503268))
    assert letters(y) == "....U" + "." * 13
    assert letters(y, screen=False) == "....U" + "." * 13


def test_two_of_three_needs_all_three_on_one_side() -> None:
    """test-ptd_spc_standard.R (issue #143): rep(c(1, -1), 8) with points 15 and 16 at 5.5 and
    -5.5: both near the limits but on opposite sides, so common cause (limits -6.175 / 6.175)."""
    y = [1.0, -1.0] * 8
    y[14], y[15] = 5.5, -5.5
    assert limits(y) == pytest.approx((0.0, -6.175, 6.175), abs=1e-3)
    assert letters(y) == "." * 16


def test_rebasing_against_one_baseline_and_a_fixed_one() -> None:
    """R: a step of 10 after 12 points. Rebased: 2.5 / -2.5782 / 7.5782 then 12.5 / 7.4218 /
    17.5782, all common; one baseline: 7.5 / 2.4218 / 12.5782 with L,2 alternating below and
    2,U above; fixed after 12: a run from point 12, then every point above the upper limit."""
    y = [1, 3, 2, 4] * 3 + [11, 13, 12, 14] * 3
    split = xmr(y, rebase=[12])
    assert (split.mean[0, 0], split.upper[0, 0]) == pytest.approx((2.5, 7.578181818))
    assert (split.mean[0, -1], split.lower[0, -1]) == pytest.approx((12.5, 7.421818182))
    assert letters(y, rebase=[12]) == "." * 24
    assert ASSURANCE[int(xmr(y, rebase=[12], target=5).assurance[0])] == "consistently meets"
    assert limits(y) == pytest.approx((7.5, 2.421818182, 12.57818182))
    assert letters(y) == "L2" * 6 + "2U" * 6
    assert letters(y, fix_after=12) == "." * 11 + "R" + "U" * 12


@pytest.mark.parametrize(
    ("y", "expected", "mean_limits"),
    [
        (
            [1, -1, 1, -1, 1, -1, *[0.5] * 7, -1, 1, -1, 1, -1, 1, -1],
            "." * 6 + "R" * 7 + "." * 7,
            (0.125, -3.375, 3.625),
        ),
        (
            [1, -1, 1, -1, 1, -1, *[0.5] * 6, -1, -1, 1, -1, 1, -1, 1, -1],
            "." * 20,
            (0.05, -3.45, 3.55),
        ),
        (
            [-1, 1, -1, 1, -1, -2, 2, 2, 2, 0, 2, 2, 2, 2, -3, -3, -3, -1, -2, 1],
            "." * 14 + "222" + "...",
            (0.0, -3.398888889, 3.398888889),
        ),
        (
            [4, 3, 5, 4, 1, 2, 3, 4, 5, 6, 7, 4, 3, 5, 4, 3, 5, 4, 3, 5],
            "...." + "T" * 7 + "." * 9,
            (4.0, 0.22, 7.78),
        ),
        ([4, 3, 5, 4, 1, 2, 3, 3, 4, 5, 6, 7, 5, 4, 3, 5, 4, 3, 5, 4], "." * 20, (4, 0.64, 7.36)),
        (
            [4, 3, 5, 4, 2, 3, 4, 5, 6, 7, 4, 3, 5, 4, 3, 5, 4, 3, 5, 4],
            "." * 20,
            (4.15, 0.51, 7.79),
        ),
        (
            [5, 5, 5, 5, 5, 5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 5, 5, 5, 5],
            "R" * 6 + "LLL" + "TTT" + "UUUU" + "....",
            (5.25, 3.841764706, 6.658235294),
        ),
    ],
    ids=[
        "run of 7",
        "run of 6",
        "on the mean breaks",
        "trend of 7",
        "a tie breaks",
        "trend 6",
        "priority",
    ],
)
def test_runs_trends_and_priority(
    y: list[float], expected: str, mean_limits: tuple[float, float, float]
) -> None:
    """R, on the package's own code: runs of 7 (not 6), a point on the mean breaks a run,
    trends of 7 strictly rising (a tie breaks), and the priority outside > trend > 2 of 3 > run."""
    assert limits(y) == pytest.approx(mean_limits, abs=0.01)
    assert letters(y) == expected


def test_two_of_three_before_and_after_november_2023() -> None:
    """R: points 15 and 17 at 3.4 with point 16 above the mean fire 2 of 3 (point 16 is not
    flagged); with point 16 below the mean nothing fires. One point beyond three sigma and one
    near: NHSRplotthedots (the original rule) flags only the outside point; Making Data Count's
    2023 rule counts both, so point 17 is a 2 of 3 as well (issue #194)."""
    base = [0, 1] * 7
    fires = [*base, 3.4, 1, 3.4, 1, 0, 1]
    assert letters(fires) == "." * 14 + "2.2..."
    assert letters([*base, 3.4, 0, 3.4, 1, 0, 1]) == "." * 20
    mixed = [*base, 8, 2, 3.4, 1, 0, 1]
    assert letters(mixed, two_of_three="original") == "R" * 14 + "U....."
    assert letters(mixed, two_of_three="2023") == "R" * 14 + "U.2..."


def test_assurance_matrix() -> None:
    """R, series (0, 1) x 10 (0.5 / -2.16 / 3.16): a target above the upper limit is a
    consistent fail when higher is better, a pass when lower is; below the lower limit the
    reverse; anywhere between (a limit included) inconsistent; no direction, no assurance."""
    y = [0, 1] * 10
    verdict = {
        (4, "higher"): "consistently fails",
        (4, "lower"): "consistently meets",
        (-3, "higher"): "consistently meets",
        (-3, "lower"): "consistently fails",
        (0.5, "higher"): "inconsistent",
        (3.16, "higher"): "inconsistent",
    }
    for (target, better), expected in verdict.items():
        assert ASSURANCE[int(xmr(y, target=target, better=better).assurance[0])] == expected
    assert xmr(y, target=4, better=None).assurance[0] == -1


def test_the_nhs_spc_tool_video_example_as_nhspy_plotthedots_reproduces_it() -> None:
    """nhs-pycom/nhspy-plotthedots tests (approximate by its own docstring: values shifted by
    10): mean 76.67, limits about 57 and 96, only point 12 below the lower limit (R:
    76.66666667 / 57.09666667 / 96.23666667, the same with or without screening)."""
    y = [89, 86, 75, 77, 81, 74, 72, 78, 76, 82, 77, 54, 66, 77, 86]
    for screen in (True, False):
        assert limits(y, screen=screen) == pytest.approx((76.66666667, 57.09666667, 96.23666667))
        assert letters(y, screen=screen) == "." * 11 + "L" + "..."
    assert VARIATION[int(xmr(y).variation[0, 11])] == "concern"
