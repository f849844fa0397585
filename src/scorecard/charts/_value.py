"""Value for money: the benefit score against cost, with the efficient frontier."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from scorecard.charts._altair import altair, rows
from scorecard.errors import ScorecardError

if TYPE_CHECKING:
    from scorecard.evaluation import Evaluation


def frontier(cost: ArrayLike, benefit: ArrayLike) -> NDArray[np.bool_]:
    """True for providers that no other provider beats on both cost and benefit.

    Beaten means: cheaper or equal *and* better or equal, one of them strictly.

    Examples
    --------
    >>> frontier([1, 2, 3], [0.5, 0.4, 0.9]).tolist()
    [True, False, True]
    """
    c = np.asarray(cost, dtype=np.float64)
    b = np.asarray(benefit, dtype=np.float64)
    no_worse = (c[None, :] <= c[:, None]) & (b[None, :] >= b[:, None])
    better = (c[None, :] < c[:, None]) | (b[None, :] > b[:, None])
    return np.asarray(~(no_worse & better).any(axis=1), dtype=np.bool_)


def value_for_money(ev: Evaluation, cost: ArrayLike, *, unit: str = "£", width: int = 480) -> Any:
    """Providers' scores against ``cost`` (one number each, e.g. cost per client).

    The efficient frontier joins the providers no other provider beats on both.
    """
    alt = altair()
    c = np.asarray(cost, dtype=np.float64)
    if c.shape != (len(ev.providers),) or not np.isfinite(c).all():
        raise ScorecardError(f"cost needs one finite number per provider ({len(ev.providers)})")
    best = frontier(c, ev.scores)
    columns: dict[str, list[object]] = {
        "provider": list(ev.providers),
        "cost": [float(x) for x in c],
        "score": [round(float(s), 6) for s in ev.scores],
        "efficient": ["on the frontier" if b else "dominated" for b in best],
    }
    base = alt.Chart(alt.Data(values=rows(columns)), title="Value for money")
    x = alt.X("cost:Q", title=f"cost ({unit})", scale=alt.Scale(zero=False))
    y = alt.Y("score:Q", title="benefit score")
    dots = base.mark_point(filled=True, size=70).encode(
        x=x,
        y=y,
        color=alt.Color("efficient:N", title=None),
        tooltip=["provider:N", "cost:Q", "score:Q"],
    )
    line = (
        base.transform_filter(alt.datum.efficient == "on the frontier")
        .mark_line(color="#1a9850")
        .encode(x=x, y=y, order="cost:Q")
    )
    return (line + dots).properties(
        width=width,
        height=320,
        description=(
            f"Each provider's benefit score against its cost ({unit}); the line joins the "
            "efficient providers (none both cheaper and better)."
        ),
    )
