"""Small scorecards shared by the tests."""

from __future__ import annotations

from scorecard import Metric, Scorecard
from scorecard.scales import Linear


def flat_card(m: int, *, unit: str = "") -> Scorecard:
    """Metrics ``m0 .. m{m-1}`` directly under the root, higher is better, on 0-1 (0-100 for %)."""
    best = 100.0 if unit == "%" else 1.0
    metrics = [
        Metric(f"m{j}", f"M{j}", unit=unit, direction="higher", scale=Linear(worst=0, best=best))
        for j in range(m)
    ]
    return Scorecard("Flat", metrics=metrics)
