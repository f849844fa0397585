"""Equal weights: every sibling counts the same."""

from __future__ import annotations

from typing import Any, ClassVar

import attrs
import numpy as np

from scorecard._arrays import FloatArray
from scorecard.weighting._protocol import Group

__all__ = ["Equal"]


@attrs.frozen
class Equal:
    """Every child of the group gets ``1 / n``.

    Examples
    --------
    >>> from scorecard.weighting import Group
    >>> Equal().weigh(Group("root", ("a", "b", "c", "d"), ()))
    array([0.25, 0.25, 0.25, 0.25])
    """

    name: ClassVar[str] = "equal"
    needs_values: ClassVar[bool] = False

    def weigh(self, group: Group) -> FloatArray:
        """``1 / n`` each."""
        return np.full(len(group.ids), 1.0 / len(group.ids))

    def describe(self, group: Group) -> dict[str, Any]:  # noqa: ARG002
        """No parameters."""
        return {}
