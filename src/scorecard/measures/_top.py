"""Treatment outcome metrics from TOP start and review forms (see docs/measures.md).

Each client counts once: their start TOP against their review (or exit) TOP, paired by
`scorecard.measures._pairing.pair`. Cohorts need a review: a client with only a start record is
in no cohort. Definitions follow the catalogue ([S1,S6,S7]); the reliable-change thresholds are
parameters (`ReliableChange`).
"""

from __future__ import annotations

from typing import Final

import attrs
import narwhals.stable.v2 as nw

from scorecard.errors import InvalidArgumentError
from scorecard.measures._measure import Form, Measure, all_of, any_of, equals, known, positive
from scorecard.measures._schema import SUBSTANCES

__all__ = ["FIELDS", "ReliableChange", "primary_days", "reliable_change", "top_measures"]

FIELDS: Final = (
    *(f"{s}_days" for s in SUBSTANCES),
    "injecting_days",
    "shared",
    "shoplifting_days",
    "selling_days",
    "other_crime",
    "psych",
    "phys",
    "qol",
    "acute_housing",
    "work_days",
    "education_days",
)
"""The TOP fields the metrics use (both forms of the pair carry them)."""


def reliable_change(sd: float, reliability: float, *, z: float = 1.96) -> float:
    """Jacobson-Truax reliable-change threshold ``z * sd * sqrt(2 (1 - reliability))``.

    ``sd`` is the standard deviation at start and ``reliability`` the test-retest reliability
    of the item [Jacobson & Truax 1991].

    Examples
    --------
    >>> round(reliable_change(8.0, 0.9), 2)
    7.01
    """
    if not sd > 0 or not 0 <= reliability < 1:
        raise ValueError(f"need sd > 0 and 0 <= reliability < 1, got {sd!r} and {reliability!r}")
    return float(z * sd * (2.0 * (1.0 - reliability)) ** 0.5)


@attrs.frozen
class ReliableChange:
    """Reliable-change thresholds: days of use (of 28) and points on a 0-20 rating.

    The defaults are estimates ([E]): NDTMS's own thresholds were not published with the
    method; a Jacobson-Truax threshold from a start SD of about 8 days and a test-retest
    reliability of 0.9 is 7 days (`reliable_change`), and 4 points is the catalogue's default
    for the 0-20 ratings.
    """

    days: float = attrs.field(default=7.0)
    rating: float = attrs.field(default=4.0)

    @days.validator
    @rating.validator
    def _positive(self, attribute: attrs.Attribute[float], value: float) -> None:
        if not value > 0:
            raise InvalidArgumentError(
                f"ReliableChange.{attribute.name} must be above 0, got {value!r}"
            )


def primary_days(suffix: str) -> nw.Expr:
    """Days of use of each client's primary substance (column ``primary_substance``)."""
    chain = nw.when(nw.col("primary_substance") == SUBSTANCES[0]).then(
        nw.col(f"{SUBSTANCES[0]}_days{suffix}")
    )
    for substance in SUBSTANCES[1:]:
        chain = chain.when(nw.col("primary_substance") == substance).then(
            nw.col(f"{substance}_days{suffix}")
        )
    return chain.otherwise(None)


def _abstinence(metric: str, substance: str) -> Measure:
    start, review = f"{substance}_days_s", f"{substance}_days_r"
    return Measure(
        metric, Form.SHARE, _reviewed() & positive(start), equals(review, 0), known(review)
    )


def _reviewed() -> nw.Expr:
    return known("date_r")


def _change(metric: str, rating: str) -> Measure:
    start, review = f"{rating}_s", f"{rating}_r"
    return Measure(
        metric,
        Form.MEAN,
        _reviewed() & known(start),
        nw.col(review) - nw.col(start),
        known(review),
    )


def top_measures(thresholds: ReliableChange, *, with_primary: bool) -> tuple[Measure, ...]:
    """Every TOP metric; ``with_primary`` adds the primary-substance one (it needs episodes)."""
    reviewed = _reviewed()
    opiate = _abstinence("top_opiate_abstinent", "opiate")
    crime_start = any_of(
        [positive("shoplifting_days_s"), positive("selling_days_s"), equals("other_crime_s", 1)]
    )
    crime_items = ("shoplifting_days_r", "selling_days_r", "other_crime_r")
    work_items = ("work_days_r", "education_days_r")
    measures = [
        opiate,
        Measure(
            "top_opiate_abst_or_improved",
            Form.SHARE,
            opiate.cohort,
            equals("opiate_days_r", 0)
            | (nw.col("opiate_days_s") - nw.col("opiate_days_r") >= thresholds.days).fill_null(
                value=False
            ),
            opiate.answered,
        ),
        _abstinence("top_crack_abstinent", "crack"),
        Measure(
            "top_stopped_injecting",
            Form.SHARE,
            reviewed & positive("injecting_days_s"),
            equals("injecting_days_r", 0),
            known("injecting_days_r"),
        ),
        Measure(
            "top_stopped_sharing",
            Form.SHARE,
            reviewed & equals("shared_s", 1),
            equals("shared_r", 0),
            known("shared_r"),
        ),
        Measure(
            "top_crime_desistance",
            Form.SHARE,
            reviewed & crime_start,
            all_of(equals(c, 0) for c in crime_items),
            all_of(known(c) for c in crime_items),
        ),
        _change("top_psych_change", "psych"),
        _change("top_phys_change", "phys"),
        _change("top_qol_change", "qol"),
        Measure(
            "top_qol_reliable_improve",
            Form.SHARE,
            reviewed & known("qol_s"),
            (nw.col("qol_r") - nw.col("qol_s") >= thresholds.rating).fill_null(value=False),
            known("qol_r"),
        ),
        Measure(
            "top_housing_resolved",
            Form.SHARE,
            reviewed & equals("acute_housing_s", 1),
            equals("acute_housing_r", 0),
            known("acute_housing_r"),
        ),
        Measure(
            "top_gained_work_or_education",
            Form.SHARE,
            reviewed & equals("work_days_s", 0) & equals("education_days_s", 0),
            any_of(positive(c) for c in work_items),
            all_of(known(c) for c in work_items),
        ),
    ]
    if with_primary:
        start, review = primary_days("_s"), primary_days("_r")
        measures.insert(
            3,
            Measure(
                "top_primary_days_reduction",
                Form.MEAN,
                reviewed & ~start.is_null(),
                start - review,
                ~review.is_null(),
            ),
        )
    return tuple(measures)
