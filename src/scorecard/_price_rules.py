"""Price scoring rules: each turns the bids' prices into scores from 0 (worst) to 1 (best).

A rule is *relative* when a bid's score depends on the other bids (lowest price / bid price),
*absolute* when it does not (a straight line between a floor and a ceiling). Relative rules
are common and have a known flaw: adding or removing a bid that wins nothing can swap the
order of two others (Bergman and Lundberg 2013), which `scorecard.contracts` can show for a
tender. Prices must be positive under a relative rule (lowest / 0 is undefined); nothing is
dropped, clipped or imputed without being reported: an absolute rule reports every bid at or
beyond its floor or ceiling. A relative rule's benchmark (the lowest price) is taken over the
bids that pass every gate, so an excluded bid cannot move the others' scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import ClassVar, Final, Protocol, runtime_checkable

import attrs
import numpy as np

from scorecard._arrays import BoolArray, FloatArray
from scorecard.errors import PriceError

__all__ = [
    "ABNORMALLY_LOW_SHARE",
    "PRICE_RULES",
    "AbnormallyLow",
    "LinearBetween",
    "PriceError",
    "PricePerQualityPoint",
    "PriceRule",
    "RelativeToLowest",
]


@runtime_checkable
class PriceRule(Protocol):
    """Turns prices into scores in [0, 1]; ``relative`` rules depend on the other bids."""

    rule: ClassVar[str]
    relative: ClassVar[bool]
    per_quality_point: ClassVar[bool]
    """True when the award ranks by price per quality point instead of a weighted sum."""

    def scores(
        self, prices: FloatArray, bidders: Sequence[str], among: BoolArray | None = None
    ) -> FloatArray:
        """One score per bid, in the order given.

        ``among``: the bids that set a relative rule's benchmark (the bids that pass every
        gate; default all). A bid outside them is scored against the same benchmark.
        """
        ...

    def describe(self) -> str:
        """The rule in words, as a tender document would state it."""
        ...


def _checked(prices: FloatArray, bidders: Sequence[str], *, positive: bool) -> FloatArray:
    values = np.asarray(prices, dtype=np.float64)
    if values.ndim != 1 or len(values) != len(bidders):
        raise PriceError(f"expected one price per bid ({len(bidders)}), got shape {values.shape}")
    if not len(values):
        raise PriceError("no bids to score")
    for bidder, price in zip(bidders, values.tolist(), strict=True):
        if not math.isfinite(price):
            raise PriceError(f"bid {bidder!r}: price {price!r} is not a number")
        if price < 0 or (positive and price == 0):
            need = "above 0" if positive else "0 or more"
            raise PriceError(
                f"bid {bidder!r}: price {price:g} cannot be scored; prices must be {need}"
            )
    return values


@attrs.frozen
class RelativeToLowest:
    """The lowest price scores 1; any other ``lowest / price`` (the usual relative formula).

    Examples
    --------
    >>> RelativeToLowest().scores(np.array([100.0, 125.0, 200.0]), ["A", "B", "C"]).tolist()
    [1.0, 0.8, 0.5]
    """

    rule: ClassVar[str] = "relative to lowest"
    relative: ClassVar[bool] = True
    per_quality_point: ClassVar[bool] = False

    def scores(
        self, prices: FloatArray, bidders: Sequence[str], among: BoolArray | None = None
    ) -> FloatArray:
        """``lowest / price``, the lowest taken over ``among`` (default: every bid).

        A zero, negative or missing price is a `PriceError`. A bid outside ``among`` priced
        below their lowest scores 1 (it cannot score more than full marks).
        """
        values = _checked(prices, bidders, positive=True)
        chosen = values if among is None or not np.any(among) else values[np.asarray(among)]
        return np.asarray(np.minimum(1.0, chosen.min() / values), dtype=np.float64)

    def describe(self) -> str:
        """The rule in words."""
        return "the lowest price scores full marks; each other bid lowest price / its price"


@attrs.frozen
class LinearBetween:
    """An absolute rule: 1 at or below ``floor``, 0 at or above ``ceiling``, a line between.

    A bid's score never depends on the other bids. ``ceiling`` is often the budget or an
    affordability limit; bids beyond it score 0, bids below the floor 1, and
    `LinearBetween.beyond` says which (the tender evaluation reports them).

    Examples
    --------
    >>> LinearBetween(floor=80, ceiling=120).scores(np.array([80.0, 100.0, 130.0]), "ABC").tolist()
    [1.0, 0.5, 0.0]
    """

    rule: ClassVar[str] = "linear between floor and ceiling"
    relative: ClassVar[bool] = False
    per_quality_point: ClassVar[bool] = False

    floor: float = attrs.field(converter=float)
    ceiling: float = attrs.field(converter=float)

    def __attrs_post_init__(self) -> None:
        if not (math.isfinite(self.floor) and math.isfinite(self.ceiling)):
            raise PriceError("linear price rule: floor and ceiling must be finite numbers")
        if not 0 <= self.floor < self.ceiling:
            raise PriceError(
                f"linear price rule: need 0 <= floor < ceiling, got floor {self.floor:g}, "
                f"ceiling {self.ceiling:g}"
            )

    def scores(
        self, prices: FloatArray, bidders: Sequence[str], among: BoolArray | None = None
    ) -> FloatArray:
        """``(ceiling - price) / (ceiling - floor)``, held to [0, 1] (see `beyond`).

        ``among`` changes nothing: an absolute rule needs no benchmark.
        """
        del among
        values = _checked(prices, bidders, positive=False)
        line = (self.ceiling - values) / (self.ceiling - self.floor)
        return np.asarray(np.clip(line, 0.0, 1.0), dtype=np.float64)

    def beyond(self, prices: FloatArray, bidders: Sequence[str]) -> list[tuple[str, str]]:
        """(bidder, "at or below the floor" | "at or above the ceiling") for each such bid."""
        values = _checked(prices, bidders, positive=False)
        out = []
        for bidder, price in zip(bidders, values.tolist(), strict=True):
            if price <= self.floor:
                out.append((bidder, f"at or below the floor ({self.floor:,.2f}): full marks"))
            elif price >= self.ceiling:
                out.append((bidder, f"at or above the ceiling ({self.ceiling:,.2f}): no marks"))
        return out

    def describe(self) -> str:
        """The rule in words."""
        return (
            f"full marks at or below {self.floor:,.2f}, none at or above {self.ceiling:,.2f}, "
            "in a straight line between; a bid's score does not depend on the other bids"
        )


@attrs.frozen
class PricePerQualityPoint(RelativeToLowest):
    """The lowest price per quality point wins: each bid's price over its quality points.

    There is no quality:price split. The tender's card is then quality (the bid's share of the
    available quality points) beside the relative price score (lowest price / price), combined
    by an equal-weight geometric mean: ``sqrt(Q x lowest / P)`` orders the bids exactly as
    ``P / Q`` does, lowest first (UfAB's "einfache Richtwertmethode", the value-for-money
    index). Prices are scored as by `RelativeToLowest`.

    Examples
    --------
    >>> PricePerQualityPoint().describe()
    'the lowest price per quality point wins (price / quality points); there is no split'
    """

    rule: ClassVar[str] = "price per quality point"
    per_quality_point: ClassVar[bool] = True

    def describe(self) -> str:
        """The rule in words."""
        return "the lowest price per quality point wins (price / quality points); there is no split"


PRICE_RULES: Final = (RelativeToLowest, LinearBetween, PricePerQualityPoint)
"""The price rules, by their ``rule`` tag in tender files."""

ABNORMALLY_LOW_SHARE: Final = 0.2
"""`AbnormallyLow`'s default: a price more than 20% below the reference is flagged."""


@attrs.frozen
class AbnormallyLow:
    """A stated rule for flagging abnormally low prices for clarification, never exclusion.

    A bid is flagged when its price is more than ``share`` below the ``reference``: "median"
    (of all bids), "mean of others" (the mean of the other bids), or "budget" (then give
    ``budget``). The law asks the authority to seek an explanation before it may disregard such
    a bid (Procurement Act 2023 s.19); the package flags it and says why, nothing more.

    Examples
    --------
    >>> AbnormallyLow().flagged(np.array([100.0, 104.0, 70.0]), ["A", "B", "C"])
    [('C', 'price 70.00 is 30% below the median of the bids (100.00)')]
    """

    share: float = attrs.field(default=ABNORMALLY_LOW_SHARE, converter=float)
    reference: str = "median"
    budget: float | None = None

    def __attrs_post_init__(self) -> None:
        if not 0 < self.share < 1:
            raise PriceError(f"abnormally low rule: share must lie in (0, 1), got {self.share}")
        if self.reference not in {"median", "mean of others", "budget"}:
            raise PriceError(
                "abnormally low rule: reference must be 'median', 'mean of others' or 'budget', "
                f"got {self.reference!r}"
            )
        if (self.reference == "budget") != (self.budget is not None):
            raise PriceError("abnormally low rule: give a budget exactly when the reference is it")
        if self.budget is not None and not (math.isfinite(self.budget) and self.budget > 0):
            raise PriceError(f"abnormally low rule: the budget must be above 0, got {self.budget}")

    def flagged(self, prices: FloatArray, bidders: Sequence[str]) -> list[tuple[str, str]]:
        """(bidder, why) for every bid the rule flags, in bid order."""
        values = _checked(prices, bidders, positive=False)
        n = len(values)
        out = []
        for i, bidder in enumerate(bidders):
            if self.reference == "median":
                ref, what = float(np.median(values)), "the median of the bids"
            elif self.reference == "mean of others":
                if n < 2:  # noqa: PLR2004
                    continue
                ref, what = float((values.sum() - values[i]) / (n - 1)), "the mean of the others"
            else:
                ref, what = float(self.budget or 0.0), "the budget"
            if ref > 0 and values[i] < (1 - self.share) * ref:
                below = 1 - values[i] / ref
                out.append(
                    (bidder, f"price {values[i]:,.2f} is {below:.0%} below {what} ({ref:,.2f})")
                )
        return out

    def describe(self) -> str:
        """The rule in words."""
        ref = self.reference if self.reference != "budget" else f"the budget ({self.budget:,.2f})"
        return f"a price more than {self.share:.0%} below {ref} is flagged for clarification"
