"""From client records to provider metrics: the TOP, episodes, the connection test, workforce.

``derive(Records(top=..., episodes=..., ...), period=Period(...))`` returns a `Derived`: a
`PerformanceTable` with denominators and standard errors, ready for ``card.evaluate`` and SMAA,
with numerators, 95% intervals, missing outcomes and any excluded records beside it. Every
step is a narwhals expression, so pandas, polars, pyarrow, polars LazyFrame and DuckDB inputs
give the same figures; see docs/measures.md.
"""

from scorecard.measures.derive import Derived, Records, derive
from scorecard.measures.episodes import Period
from scorecard.measures.measure import Form
from scorecard.measures.schema import (
    EPISODES,
    KEYWORKERS,
    SCHEMAS,
    SURVEY,
    TOP,
    WORKFORCE,
    Field,
    RecordSchema,
)
from scorecard.measures.screen import Exclusion, RecordError
from scorecard.measures.top import Thresholds, reliable_change

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
    "Thresholds",
    "derive",
    "reliable_change",
]
