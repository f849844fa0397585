"""From client records to provider metrics: the TOP, episodes, the connection test, workforce.

``derive(Records(top=..., episodes=..., ...), period=Period(...))`` returns a `Derived`: a
`PerformanceTable` with denominators and standard errors, ready for ``card.evaluate`` and SMAA,
with numerators, 95% intervals, missing outcomes and any excluded records beside it. Every
step is a narwhals expression, so pandas, polars, pyarrow, polars LazyFrame and DuckDB inputs
give the same figures; see docs/measures.md. ``derive_by_period(records, windows(...))``
derives every quarter (or rolling 12-month window) from one set of records, for
`scorecard.monitoring`.
"""

from scorecard.measures._derive import Derived, Records, derive
from scorecard.measures._episodes import Period
from scorecard.measures._measure import Form
from scorecard.measures._periods import derive_by_period, windows
from scorecard.measures._schema import (
    EPISODES,
    KEYWORKERS,
    SCHEMAS,
    SURVEY,
    TOP,
    WORKFORCE,
    Field,
    RecordSchema,
)
from scorecard.measures._screen import Exclusion, RecordError
from scorecard.measures._top import ReliableChange, reliable_change

__all__ = [
    "EPISODES",
    "KEYWORKERS",
    "SCHEMAS",
    "SURVEY",
    "TOP",
    "WORKFORCE",
    "Derived",
    "Exclusion",
    "Field",
    "Form",
    "Period",
    "RecordError",
    "RecordSchema",
    "Records",
    "ReliableChange",
    "derive",
    "derive_by_period",
    "reliable_change",
    "windows",
]
