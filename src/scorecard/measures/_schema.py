"""Record schemas: the columns each kind of client or provider record must have, and their ranges.

Five kinds of record feed the derived metrics (field lists follow the TOP form [S1,S2] and the
NDTMS episode fields [S9]; see docs/measures.md):

* `TOP`: Treatment Outcomes Profile forms at start, review and exit.
* `EPISODES`: treatment episodes, from referral to exit.
* `SURVEY`: connection-test answers (better informed, more confident, better connected) and the
  BARC-10 recovery capital total.
* `KEYWORKERS`: keyworker assignments, one row each time a client gets a keyworker.
* `WORKFORCE`: a provider's workforce return (one or more rows per provider, summed).

A `Field` knows its kind and its allowed values; `RecordSchema.problems` turns those into
narwhals expressions that flag bad records, so the same checks run on every dataframe engine.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Final

import attrs
import narwhals.stable.v2 as nw

__all__ = [
    "EPISODES",
    "EXIT_REASONS",
    "KEYWORKERS",
    "SCHEMAS",
    "STAGES",
    "SUBSTANCES",
    "SUBSTANCE_GROUPS",
    "SURVEY",
    "TOP",
    "UNPLANNED",
    "WORKFORCE",
    "Check",
    "Field",
    "Kind",
    "RecordSchema",
]

STAGES: Final = ("start", "review", "exit")
"""TOP and survey stages."""
SUBSTANCES: Final = (
    "alcohol",
    "opiate",
    "crack",
    "cocaine",
    "amphetamine",
    "cannabis",
    "other",
)
"""Substances of TOP section 1; each has a ``<substance>_days`` column."""
SUBSTANCE_GROUPS: Final = ("opiate", "non_opiate", "alcohol")
"""PHOF C19a, b and c groups of an episode."""
EXIT_REASONS: Final = ("successful", "dropped_out", "withdrawn", "transferred", "custody", "died")
"""Why an episode ended (empty while it is open)."""
UNPLANNED: Final = ("dropped_out", "withdrawn")
"""Exit reasons that count as unplanned."""


class Kind(enum.StrEnum):
    """What a field holds."""

    ID = "id"
    CATEGORY = "category"
    DATE = "date"
    NUMBER = "number"
    FLAG = "flag"


@attrs.frozen(eq=False)
class Check:
    """A way a record can be bad: an expression true on bad rows.

    ``column`` is the column whose value an error or exclusion shows for each example
    (None: show none).
    """

    column: str | None
    bad: nw.Expr


@attrs.frozen
class Field:
    """One column of a record: its kind, whether it may be empty, and its allowed values.

    ``low`` and ``high`` bound numbers (inclusive); ``levels`` lists a category's values;
    flags hold 0 or 1 (or booleans).
    """

    name: str
    kind: Kind
    description: str
    required: bool = False
    low: float | None = None
    high: float | None = None
    levels: tuple[str, ...] = ()

    @property
    def allowed(self) -> str:
        """The allowed values, in words."""
        if self.kind is Kind.CATEGORY:
            return ", ".join(self.levels)
        if self.kind is Kind.FLAG:
            return "0 or 1"
        if self.low is not None and self.high is not None:
            return f"{self.low:g}-{self.high:g}"
        if self.low is not None:
            return f">= {self.low:g}"
        return {"id": "any text", "date": "a date"}.get(self.kind.value, "any number")

    def problems(self) -> dict[str, Check]:
        """Each way this field can be bad, by a description of the problem."""
        col = nw.col(self.name)
        shown = None if self.kind is Kind.ID else self.name  # an empty id has no value to show
        bad: dict[str, Check] = {}
        if self.required:
            bad[f"{self.name} is empty"] = Check(shown, col.is_null())
        if self.kind is Kind.CATEGORY:
            outside = (~col.is_in(self.levels)).fill_null(value=False) & ~col.is_null()
            bad[f"{self.name} is not one of {self.allowed}"] = Check(shown, outside)
        elif self.kind is Kind.FLAG:
            number = col.cast(nw.Float64)
            other = ((number != 0) & (number != 1)).fill_null(value=False) & ~col.is_null()
            bad[f"{self.name} is not 0 or 1"] = Check(shown, other)
        elif self.kind is Kind.NUMBER and (self.low is not None or self.high is not None):
            outside = nw.lit(value=False)
            if self.low is not None:
                outside = outside | (col < self.low)
            if self.high is not None:
                outside = outside | (col > self.high)
            bad[f"{self.name} is outside {self.allowed}"] = Check(
                shown, outside.fill_null(value=False)
            )
        return bad


@attrs.frozen
class RecordSchema:
    """The fields of one kind of record, and the fields that identify a duplicate."""

    name: str
    description: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    rules: Mapping[str, Check] = attrs.field(factory=dict, eq=False)
    """Checks across fields, by a description of the problem."""

    @property
    def names(self) -> tuple[str, ...]:
        """Column names, in order."""
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        """The field called ``name``."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def dates(self) -> tuple[str, ...]:
        """Names of the date fields."""
        return tuple(f.name for f in self.fields if f.kind is Kind.DATE)

    def markdown(self) -> str:
        """The fields as a Markdown table (docs/measures.md shows these)."""
        lines = ["| column | kind | allowed | required | meaning |", "|---|---|---|---|---|"]
        for f in self.fields:
            required = "yes" if f.required else ""
            lines.append(f"| `{f.name}` | {f.kind} | {f.allowed} | {required} | {f.description} |")
        return "\n".join(lines)

    def problems(self) -> dict[str, Check]:
        """Every row-level check of every field, and the rules, by a description of the problem."""
        out: dict[str, Check] = {}
        for f in self.fields:
            out.update(f.problems())
        return out | dict(self.rules)


def _id(name: str, description: str) -> Field:
    return Field(name, Kind.ID, description, required=True)


def _days(name: str, what: str) -> Field:
    return Field(
        name,
        Kind.NUMBER,
        f"Days of {what} in the past 28 (empty if not disclosed).",
        low=0,
        high=28,
    )


def _rating(name: str, what: str) -> Field:
    return Field(
        name, Kind.NUMBER, f"Client's rating of {what}, 0 (poor) to 20 (good).", low=0, high=20
    )


def _flag(name: str, description: str) -> Field:
    return Field(name, Kind.FLAG, description)


def _likert(name: str, statement: str) -> Field:
    return Field(
        name,
        Kind.NUMBER,
        f"'{statement}': 1 strongly disagree ... 5 strongly agree.",
        low=1,
        high=5,
    )


_CLIENT: Final = _id("client", "Client identifier (pseudonymised).")
_PROVIDER: Final = _id("provider", "Provider name, as in the performance table.")

TOP: Final = RecordSchema(
    "TOP records",
    "One Treatment Outcomes Profile form: 28-day recall at treatment start, review or exit.",
    (
        _CLIENT,
        _PROVIDER,
        Field("stage", Kind.CATEGORY, "When the form was completed.", required=True, levels=STAGES),
        Field("date", Kind.DATE, "Date of the interview.", required=True),
        *(
            _days(f"{s}_days", f"{s} use" if s != "other" else "another problem substance")
            for s in SUBSTANCES
        ),
        _days("injecting_days", "injecting non-prescribed drugs"),
        _flag(
            "shared",
            "Injected with a needle, syringe, spoon, water or filter used by someone else.",
        ),
        _days("shoplifting_days", "shoplifting"),
        _days("selling_days", "selling drugs"),
        _flag("other_crime", "Any theft, burglary, fraud or violence in the past 28 days."),
        _rating("psych", "psychological health"),
        _rating("phys", "physical health"),
        _rating("qol", "overall quality of life"),
        _flag("acute_housing", "Acute housing problem (no fixed abode, urgent)."),
        _flag("eviction_risk", "At risk of eviction."),
        _days("work_days", "paid work"),
        _days("education_days", "college or school"),
    ),
    key=("client", "stage", "date"),
)
"""The schema of TOP records: one Treatment Outcomes Profile form per row."""

EPISODES: Final = RecordSchema(
    "treatment episodes",
    "One episode of structured treatment, from referral to exit.",
    (
        _CLIENT,
        _PROVIDER,
        Field(
            "substance_group",
            Kind.CATEGORY,
            "PHOF group: opiate, non_opiate or alcohol.",
            required=True,
            levels=SUBSTANCE_GROUPS,
        ),
        Field(
            "primary_substance",
            Kind.CATEGORY,
            "The substance the client sought treatment for (its TOP days column).",
            required=True,
            levels=SUBSTANCES,
        ),
        Field("referral", Kind.DATE, "Date of referral.", required=True),
        Field("start", Kind.DATE, "Date of the first intervention.", required=True),
        Field("end", Kind.DATE, "Date of exit; empty while in treatment."),
        Field(
            "exit_reason",
            Kind.CATEGORY,
            "Why the episode ended; empty while in treatment.",
            levels=EXIT_REASONS,
        ),
        _flag("represented", "Returned to treatment within 6 months of a successful exit."),
    ),
    key=("client", "start"),
    rules={
        "start is before referral": Check(
            "start", (nw.col("start") < nw.col("referral")).fill_null(value=False)
        ),
        "end is before start": Check(
            "end", (nw.col("end") < nw.col("start")).fill_null(value=False)
        ),
        "end and exit_reason must both be given or both be empty": Check(
            "end", nw.col("end").is_null() != nw.col("exit_reason").is_null()
        ),
    },
)
"""The schema of treatment episodes: one episode of structured treatment per row."""

SURVEY: Final = RecordSchema(
    "connection-test survey answers",
    "One client's answers at start, review or exit.",
    (
        _CLIENT,
        _PROVIDER,
        Field("stage", Kind.CATEGORY, "When the client answered.", required=True, levels=STAGES),
        Field("date", Kind.DATE, "Date of the answers.", required=True),
        _likert("informed", "I have the information and understanding I need"),
        _likert("confident", "I feel more confident and able to cope"),
        _likert("connected", "I am better connected to family, friends and my community"),
        Field(
            "barc10",
            Kind.NUMBER,
            "BARC-10 recovery capital total, 10-60 [S41].",
            low=10,
            high=60,
        ),
    ),
    key=("client", "stage", "date"),
)
"""The schema of connection-test survey answers: one client's answers per row."""

KEYWORKERS: Final = RecordSchema(
    "keyworker assignments",
    "A client's keyworker from a date until the next assignment.",
    (
        _CLIENT,
        _PROVIDER,
        _id("keyworker", "Keyworker identifier."),
        Field("date", Kind.DATE, "Date the keyworker took the client on.", required=True),
    ),
    key=("client", "date"),
)
"""The schema of keyworker assignments: a client's keyworker from a date on."""


def _amount(name: str, description: str) -> Field:
    return Field(name, Kind.NUMBER, description, required=True, low=0)


WORKFORCE: Final = RecordSchema(
    "workforce returns",
    "A provider's workforce over the year; several rows (teams) per provider are summed.",
    (
        _PROVIDER,
        _amount("staff_in_post", "Average delivery staff in post (headcount)."),
        _amount("leavers", "Delivery staff who left in the 12 months."),
        _amount("vacant_posts", "Vacant delivery posts."),
        _amount("keyworker_wte", "Whole-time equivalent keyworkers holding caseloads."),
        _amount("delivery_wte", "Whole-time equivalent delivery staff."),
        _amount("training_hours", "Accredited training and CPD hours in the year."),
        _amount("practitioners", "Practitioners who should receive clinical supervision."),
        _amount("supervised_monthly", "Practitioners supervised at least monthly."),
        _amount("learner_placements", "Student, trainee, apprentice and peer placements hosted."),
    ),
    key=(),
    rules={
        "supervised_monthly is more than practitioners": Check(
            "supervised_monthly",
            (nw.col("supervised_monthly") > nw.col("practitioners")).fill_null(value=False),
        ),
    },
)
"""The schema of workforce returns: a provider's (or a team's) workforce over the year."""

SCHEMAS: Final[Mapping[str, RecordSchema]] = {
    "top": TOP,
    "episodes": EPISODES,
    "survey": SURVEY,
    "keyworkers": KEYWORKERS,
    "workforce": WORKFORCE,
}
"""Every schema, by the name of its argument to `scorecard.measures.Records`."""
