"""The connection test: better informed, more confident and resilient, better connected.

Does the service leave each person better informed, more confident and resilient, and better
connected? The three questions come from the Coalition for Collaborative Care [S45]; no published
operational wording was found, so the measures here are the project's proposal ([E]): a short
client survey for "informed", BARC-10 recovery capital for "confident" [S41], and community
connections or the ONS loneliness items for "connected" [S43].
"""

from __future__ import annotations

from typing import Final

from scorecard._metric import Metric
from scorecard.catalog._sources import plausible_range
from scorecard.scales import Linear
from scorecard.tree import Domain

__all__ = ["CONN_CONFIDENT_BARC", "CONN_CONNECTED", "CONN_INFORMED", "METRICS", "connection_domain"]

_TEST = "Connection test question from C4CC [S45]; operational measure proposed [E]"

CONN_INFORMED: Final = Metric(
    "conn_informed",
    "Better informed",
    unit="%",
    direction="higher",
    scale=Linear(worst=50, best=95),
    description="Share of clients answering at review or exit who agree or strongly agree "
    "that they have the information and understanding they need: their treatment options, "
    "what to do if things go wrong and which other services can help (5-point Likert).",
    source=f"{_TEST}; typical 75% [E] synthetic estimate. {plausible_range(50, 95, '%')}",
)

CONN_CONFIDENT_BARC: Final = Metric(
    "conn_confident_barc",
    "More confident and resilient (BARC-10 gain)",
    unit="points",
    direction="higher",
    scale=Linear(worst=1, best=10),
    description="Mean change in BARC-10 recovery capital (10-60) from start to review. A "
    "score of 47 or more predicts sustained remission.",
    source=f"BARC-10, free to use [S41]; {_TEST}; typical +5 from a start mean of about 35 "
    f"[E] synthetic estimate. {plausible_range(1, 10, 'points')}",
)

CONN_CONNECTED: Final = Metric(
    "conn_connected",
    "Better connected",
    unit="%",
    direction="higher",
    scale=Linear(worst=30, best=85),
    description="Share of clients answering at review or exit who agree or strongly agree "
    "that they are better connected to family, friends and their community (mutual aid, "
    "lived-experience recovery organisations, peer mentoring, volunteering, education or "
    "work; 5-point Likert). The ONS loneliness items can stand in for the question.",
    source=f"ONS loneliness measures [S43]; {_TEST}; typical 55% [E] synthetic estimate. "
    f"{plausible_range(30, 85, '%')}",
)

METRICS: Final = (CONN_INFORMED, CONN_CONFIDENT_BARC, CONN_CONNECTED)
"""Every connection-test metric in the catalogue."""


def connection_domain() -> Domain:
    """The connection test as a domain: informed, confident and resilient, connected.

    Report the three parts side by side so that a strong part cannot hide a weak one.

    Examples
    --------
    >>> connection_domain().label
    'Connection test'
    """
    return Domain(
        "connection",
        "Connection test",
        metrics=list(METRICS),
        description="Does the service leave each person better informed, more confident of "
        "their own capacity and more resilient, and better connected to those around them?",
    )
