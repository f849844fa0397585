"""The converter: `make_converter`, and `configure_converter`, where every hook is registered."""

from __future__ import annotations

import enum
import functools
from typing import Final

import attrs
import cattrs

from scorecard._metric import SCALE_TYPES
from scorecard._price_rules import PRICE_RULES, PriceRule
from scorecard.aggregation import Additive, Aggregation, Gated, Geometric
from scorecard.io._strict import (
    SCALARS,
    is_mapping,
    is_scalar_union,
    is_sequence,
    is_text_or_texts,
    mapping_structure,
    mapping_unstructure,
    object_structure,
    object_unstructure,
    scalar_union_structure,
    sequence_structure,
    sequence_unstructure,
    structure_enum,
    text_or_texts_structure,
    unstructure_enum,
)
from scorecard.io._tagged import register_tagged
from scorecard.scales import Scale
from scorecard.weighting import SCHEMES, WeightingScheme


def make_converter() -> cattrs.Converter:
    """A new converter for scorecard's JSON format, with every hook registered.

    Returns
    -------
    cattrs.Converter
        Strict (unknown keys and wrong JSON types are errors, with paths) and tidy (fields
        equal to their defaults are left out of the output).

    Examples
    --------
    >>> from scorecard.scales import Linear
    >>> conv = make_converter()
    >>> conv.unstructure(Linear(worst=20, best=60))
    {'kind': 'linear', 'worst': 20.0, 'best': 60.0}
    """
    conv = cattrs.Converter(detailed_validation=True, forbid_extra_keys=True, omit_if_default=True)
    configure_converter(conv)
    return conv


def configure_converter(conv: cattrs.Converter) -> None:
    """Register on ``conv`` every hook scorecard's JSON format needs: the one place they live.

    JSON scalars are checked strictly, enums travel as their values, tuples as arrays,
    mappings as objects, attrs classes as objects (unknown keys refused, defaults omitted),
    and each tagged family dispatches on its tag.

    Parameters
    ----------
    conv
        The converter to configure, made with ``detailed_validation=True``.

    Examples
    --------
    >>> import cattrs
    >>> from scorecard import Direction
    >>> conv = cattrs.Converter()
    >>> configure_converter(conv)
    >>> conv.unstructure(Direction.LOWER)
    'lower'
    """
    for scalar, check in SCALARS.items():
        conv.register_structure_hook(scalar, check)
    # StrEnum and IntEnum put str and int ahead of Enum in their MRO, so name them too.
    for base in (enum.Enum, enum.StrEnum, enum.IntEnum):
        conv.register_structure_hook(base, structure_enum)
        conv.register_unstructure_hook(base, unstructure_enum)
    conv.register_structure_hook_factory(is_sequence, functools.partial(sequence_structure, conv))
    conv.register_unstructure_hook_factory(
        is_sequence, functools.partial(sequence_unstructure, conv)
    )
    conv.register_structure_hook_factory(is_mapping, functools.partial(mapping_structure, conv))
    conv.register_unstructure_hook_factory(is_mapping, functools.partial(mapping_unstructure, conv))
    conv.register_structure_hook_factory(is_scalar_union, scalar_union_structure)
    conv.register_structure_hook_factory(
        is_text_or_texts, functools.partial(text_or_texts_structure, conv)
    )
    conv.register_structure_hook_factory(attrs.has, functools.partial(object_structure, conv))
    conv.register_unstructure_hook_factory(attrs.has, functools.partial(object_unstructure, conv))

    register_tagged(conv, Scale, "kind", SCALE_TYPES)
    register_tagged(conv, Aggregation, "kind", (Additive, Geometric, Gated))
    register_tagged(conv, Additive | Geometric, "kind", (Additive, Geometric))  # Gated.base
    register_tagged(conv, WeightingScheme, "name", SCHEMES)
    register_tagged(conv, PriceRule, "rule", PRICE_RULES)  # a tender's price rule


converter: Final = make_converter()
"""The converter `load`, `dump`, `structure` and `unstructure` use."""
