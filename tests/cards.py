"""Small scorecards shared by the tests."""

from __future__ import annotations

from scorecard import Domain, Metric, Scorecard
from scorecard.scales import Linear


def flat_card(m: int, *, unit: str = "") -> Scorecard:
    """Metrics ``m0 .. m{m-1}`` directly under the root, higher is better, on 0-1 (0-100 for %)."""
    best = 100.0 if unit == "%" else 1.0
    metrics = [
        Metric(f"m{j}", f"M{j}", unit=unit, direction="higher", scale=Linear(worst=0, best=best))
        for j in range(m)
    ]
    return Scorecard("Flat", metrics=metrics)


def grid_card(domains: int, per_domain: int, *, missing: str = "error") -> Scorecard:
    """Domains ``d0 ..``, each with metrics ``m{d}{j}``, higher is better, on 0-1."""
    return Scorecard(
        "Grid",
        domains=[
            Domain(
                f"d{d}",
                f"Domain {d}",
                metrics=[
                    Metric(
                        f"m{d}{j}",
                        f"M{d}{j}",
                        direction="higher",
                        scale=Linear(worst=0, best=1),
                        missing=missing,
                    )
                    for j in range(per_domain)
                ],
            )
            for d in range(domains)
        ],
    )
