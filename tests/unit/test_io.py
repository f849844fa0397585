"""Tests of scorecard.io: JSON round trips, error messages with paths, and the JSON Schema."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import attrs
import cattrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard import io
from scorecard._metric import (
    ID_PATTERN,
    SCALE_TYPES,
    Direction,
    Metric,
    MissingPolicy,
    OutOfRangePolicy,
)
from scorecard._weights import Provenance, Weights
from scorecard.aggregation import Additive, Aggregation, Gated, Geometric
from scorecard.errors import SchemaError, TreeError, WeightError
from scorecard.scales import Banded, Linear, Ordinal, Piecewise, Scale
from scorecard.testing.strategies import (
    banded_scales,
    domains,
    linear_scales,
    metrics,
    ordinal_scales,
    piecewise_scales,
    scales,
    scorecards,
)
from scorecard.testing.strategies import (
    weights as weightings,
)
from scorecard.tree import Domain, Scorecard
from scorecard.weighting import (
    AHP,
    CRITIC,
    Entropy,
    Equal,
    Points,
    RankOrderCentroid,
    RankReciprocal,
    RankSum,
    StdDev,
    Swing,
    WeightingScheme,
)

DESIGN_EXAMPLE = """
{"name": "Balanced drug and alcohol scorecard",
 "domains": [
   {"id": "outcomes", "label": "Treatment outcomes",
    "metrics": [
      {"id": "opiate_abstinence", "label": "Opiate users abstinent at review",
       "unit": "%", "direction": "higher",
       "scale": {"kind": "linear", "worst": 20, "best": 60}}]}]}
"""

FULL_EXAMPLE = """
{
  "name": "Balanced drug and alcohol scorecard",
  "description": "Every scale kind, nested domains, policies and weights.",
  "domains": [
    {
      "id": "outcomes",
      "label": "Treatment outcomes",
      "domains": [
        {
          "id": "abstinence",
          "label": "Abstinence at review",
          "metrics": [
            {"id": "opiate_abstinence", "label": "Opiate users abstinent", "unit": "%",
             "direction": "higher", "scale": {"kind": "linear", "worst": 20, "best": 60},
             "missing": "exclude"},
            {"id": "alcohol_abstinence", "label": "Alcohol users abstinent", "unit": "%",
             "direction": "higher",
             "scale": {"kind": "piecewise", "points": [[0, 0], [30, 0.8], [50, 1]]},
             "out_of_range": "error"}
          ]
        }
      ],
      "metrics": [
        {"id": "completions", "label": "Successful completions", "unit": "%",
         "direction": "higher", "scale": {"kind": "linear", "worst": 10, "best": 60},
         "source": "NDTMS"}
      ]
    },
    {
      "id": "workforce",
      "label": "Workforce",
      "description": "Stable, reasonably loaded staff.",
      "metrics": [
        {"id": "caseload", "label": "Caseload per worker", "direction": "lower",
         "scale": {"kind": "banded", "edges": [40, 60], "values": [1, 0.5, 0]},
         "missing": "worst"},
        {"id": "cqc", "label": "CQC rating", "direction": "higher",
         "scale": {"kind": "ordinal",
                   "levels": ["Inadequate", "Requires improvement", "Good", "Outstanding"]}}
      ]
    }
  ],
  "metrics": [
    {"id": "waiting", "label": "Waiting time band", "direction": "higher",
     "scale": {"kind": "ordinal", "levels": ["Long", "Medium", "Short"],
               "values": [0, 0.7, 1]}}
  ],
  "weights": {
    "local": {"outcomes": 0.5, "workforce": 0.3, "waiting": 0.2,
              "abstinence": 0.6, "completions": 0.4,
              "opiate_abstinence": 0.5, "alcohol_abstinence": 0.5,
              "caseload": 0.25, "cqc": 0.75},
    "provenance": {"root": {"scheme": "points",
                            "parameters": {"points": {"outcomes": 50, "workforce": 30,
                                                      "waiting": 20}}},
                   "workforce": {"scheme": "swing"}}
  }
}
"""


SCALE: Any = Scale
"""The scale family as cattrs sees a field's annotation (a protocol, so not a ``type[T]``)."""


def opiate_metric(**changes: Any) -> dict[str, Any]:
    """The DESIGN.md metric as data, with ``changes`` laid over it."""
    data: dict[str, Any] = {
        "id": "opiate_abstinence",
        "label": "Opiate users abstinent at review",
        "unit": "%",
        "direction": "higher",
        "scale": {"kind": "linear", "worst": 20, "best": 60},
    }
    return {**data, **changes}


def card_data(*metric_data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A one-domain scorecard as data holding ``metric_data``."""
    return {
        "name": "Card",
        "domains": [
            {
                "id": "outcomes",
                "label": "Outcomes",
                "metrics": list(metric_data or [opiate_metric()]),
            }
        ],
        **extra,
    }


@functools.cache
def schema_validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(io.schema())


# -- examples -------------------------------------------------------------------------------


def test_design_example_loads_to_the_expected_objects() -> None:
    card = io.load(Scorecard, DESIGN_EXAMPLE)
    metric = Metric(
        "opiate_abstinence",
        "Opiate users abstinent at review",
        unit="%",
        direction=Direction.HIGHER,
        scale=Linear(worst=20, best=60),
    )
    expected = Scorecard(
        "Balanced drug and alcohol scorecard",
        domains=[Domain("outcomes", "Treatment outcomes", metrics=[metric])],
    )
    assert card == expected
    assert Scorecard.from_json(DESIGN_EXAMPLE) == expected
    assert Scorecard.from_dict(json.loads(DESIGN_EXAMPLE)) == expected


def test_design_example_is_valid_against_the_schema() -> None:
    schema_validator().validate(json.loads(DESIGN_EXAMPLE))


def test_full_example_reads_every_feature() -> None:
    card = io.load(Scorecard, FULL_EXAMPLE)
    assert card.metric_ids == (
        "opiate_abstinence",
        "alcohol_abstinence",
        "completions",
        "caseload",
        "cqc",
        "waiting",
    )
    assert [type(m.scale) for m in card.all_metrics] == [
        Linear,
        Piecewise,
        Linear,
        Banded,
        Ordinal,
        Ordinal,
    ]
    assert card.metric("opiate_abstinence").missing is MissingPolicy.EXCLUDE
    assert card.metric("alcohol_abstinence").out_of_range is OutOfRangePolicy.ERROR
    assert card.metric("caseload").direction is Direction.LOWER
    assert card.path("opiate_abstinence") == ("outcomes", "abstinence", "opiate_abstinence")
    assert card.weights is not None
    assert card.weights["cqc"] == 0.75
    assert card.weights.provenance["root"].parameters["points"] == {
        "outcomes": 50,
        "workforce": 30,
        "waiting": 20,
    }
    assert card.weights.provenance["workforce"] == Provenance("swing")


def test_full_example_round_trips_through_text_files_and_dicts(tmp_path: Path) -> None:
    card = io.load(Scorecard, FULL_EXAMPLE)
    path = tmp_path / "card.json"
    text = io.dump(card, path)
    assert path.read_text(encoding="utf-8") == text
    assert io.load(Scorecard, path) == card
    assert io.load(Scorecard, str(path)) == card
    assert io.load(Scorecard, text) == card
    assert io.structure(io.unstructure(card), Scorecard) == card
    assert Scorecard.from_json(card.to_json()) == card
    assert Scorecard.from_dict(card.to_dict()) == card
    schema_validator().validate(json.loads(text))


def test_weights_keep_read_only_mappings_and_equality_after_a_round_trip() -> None:
    weights = io.load(Scorecard, FULL_EXAMPLE).weights
    assert weights is not None
    again = io.load(Weights, io.dump(weights))
    assert again == weights
    assert isinstance(again.local, types.MappingProxyType)
    assert isinstance(again.provenance["root"].parameters, types.MappingProxyType)


def test_output_leaves_out_defaults_and_puts_id_and_label_first() -> None:
    card = Scorecard(
        "Card",
        domains=[
            Domain(
                "outcomes",
                "Outcomes",
                metrics=[Metric("m", "M", direction="higher", scale=Linear(worst=0, best=1))],
            )
        ],
    )
    data = io.unstructure(card)
    assert data == {
        "name": "Card",
        "domains": [
            {
                "id": "outcomes",
                "label": "Outcomes",
                "metrics": [
                    {
                        "id": "m",
                        "label": "M",
                        "scale": {"kind": "linear", "worst": 0.0, "best": 1.0},
                        "direction": "higher",
                    }
                ],
            }
        ],
    }
    assert list(data["domains"][0]) == ["id", "label", "metrics"]
    assert list(data["domains"][0]["metrics"][0])[:2] == ["id", "label"]


def test_input_may_spell_out_defaults() -> None:
    spelled = card_data(
        opiate_metric(description="", source="", missing="error", out_of_range="clip"),
        description="",
        metrics=[],
        weights=None,
    )
    spelled["domains"][0].update(domains=[], description="")
    assert io.structure(spelled, Scorecard) == io.structure(card_data(), Scorecard)


def test_plain_data_is_lists_dicts_and_strings() -> None:
    data = io.unstructure(io.load(Scorecard, FULL_EXAMPLE))
    assert json.loads(json.dumps(data)) == data
    scale = data["domains"][0]["domains"][0]["metrics"][1]["scale"]
    assert scale == {"kind": "piecewise", "points": [[0.0, 0.0], [30.0, 0.8], [50.0, 1.0]]}
    assert type(data["domains"][0]["domains"][0]["metrics"][0]["direction"]) is str


def test_dump_writes_utf8_text_with_a_trailing_newline(tmp_path: Path) -> None:
    weights = Weights({"outcomes": 1.0, "opiate_abstinence": 1.0})
    card = io.load(Scorecard, DESIGN_EXAMPLE).with_weights(weights)
    card = attrs.evolve(card, name="Évaluation — santé")
    path = tmp_path / "card.json"
    text = io.dump(card, path, indent=None)
    assert text.endswith("}\n")
    assert text.count("\n") == 1
    assert "Évaluation — santé" in text
    assert path.read_bytes() == text.encode("utf-8")


def test_floats_are_written_so_that_they_read_back_exactly() -> None:
    scale = Linear(worst=0.1 + 0.2, best=1e-300)
    assert io.load(Linear, io.dump(scale)) == scale


def test_a_scale_reads_with_or_without_its_tag() -> None:
    assert io.structure({"worst": 1, "best": 2}, Linear) == Linear(worst=1, best=2)
    assert io.structure({"kind": "linear", "worst": 1, "best": 2}, Linear) == Linear(1, 2)
    assert io.converter.structure({"kind": "ordinal", "levels": ["a", "b"]}, SCALE) == Ordinal(
        levels=["a", "b"]
    )


def test_a_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "card.json"
    path.write_bytes(b"\xef\xbb\xbf" + DESIGN_EXAMPLE.encode())
    assert io.load(Scorecard, path) == io.load(Scorecard, DESIGN_EXAMPLE)


# -- errors ---------------------------------------------------------------------------------


def test_invalid_json_names_the_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "name": "Card",\n  "domains": [,]\n}\n', encoding="utf-8")
    with pytest.raises(SchemaError, match=r"broken\.json, line 3, column 15: not valid JSON"):
        io.load(Scorecard, path)


def test_invalid_json_text_names_the_line_and_column() -> None:
    with pytest.raises(
        SchemaError, match=r"^JSON text, line 2, column 2: not valid JSON: Extra data"
    ):
        io.load(Scorecard, '{"name": "Card"\n}}')


def test_unknown_scale_kind_names_its_path_and_the_kinds() -> None:
    data = card_data(opiate_metric(), opiate_metric(id="b", scale={"kind": "linaer"}))
    with pytest.raises(SchemaError) as info:
        io.structure(data, Scorecard)
    assert str(info.value) == (
        "domains[0].metrics[1].scale.kind: 'linaer' is not one of linear, piecewise, banded, "
        "ordinal (did you mean 'linear'?)"
    )


def test_missing_scale_kind_names_its_path() -> None:
    data = card_data(opiate_metric(scale={"worst": 1, "best": 2}))
    with pytest.raises(SchemaError, match=r"^domains\[0\]\.metrics\[0\]\.scale\.kind: missing"):
        io.structure(data, Scorecard)


def test_unknown_key_is_an_error_naming_its_path() -> None:
    metric = opiate_metric()
    metric["directon"] = metric.pop("direction")
    with pytest.raises(SchemaError) as info:
        io.load(Scorecard, json.dumps(card_data(metric)))
    message = str(info.value)
    assert "domains[0].metrics[0].directon: unknown key (did you mean 'direction'?)" in message
    assert "domains[0].metrics[0].direction: missing; this field is required" in message


def test_unknown_key_in_a_scale_is_an_error() -> None:
    data = card_data(opiate_metric(scale={"kind": "linear", "worst": 1, "best": 2, "bset": 3}))
    with pytest.raises(SchemaError, match=r"metrics\[0\]\.scale\.bset: unknown key"):
        io.structure(data, Scorecard)


def test_missing_required_field_names_its_path() -> None:
    metric = opiate_metric()
    del metric["label"]
    with pytest.raises(SchemaError) as info:
        io.structure(card_data(metric), Scorecard)
    assert str(info.value) == "domains[0].metrics[0].label: missing; this field is required"


def test_every_problem_is_listed() -> None:
    data = card_data(opiate_metric(unit=5, direction="up"), name=None)
    with pytest.raises(SchemaError) as info:
        io.structure(data, Scorecard)
    assert str(info.value) == (
        "3 problems:\n"
        "  name: expected a string, got null\n"
        "  domains[0].metrics[0].direction: 'up' is not one of higher, lower\n"
        "  domains[0].metrics[0].unit: expected a string, got the number 5"
    )


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"label": ["a"]}, "label: expected a string, got an array"),
        ({"scale": "linear"}, "scale: expected an object with a 'kind' key, got the string"),
        (
            {"scale": {"kind": "linear", "worst": "20", "best": 60}},
            "scale.worst: expected a number",
        ),
        ({"scale": {"kind": "linear", "worst": True, "best": 60}}, "expected a number, got true"),
        (
            {"scale": {"kind": "piecewise", "points": [[0, 0, 0], [1, 1]]}},
            r"points\[0\]: expected an array of 2",
        ),
        (
            {"scale": {"kind": "ordinal", "levels": "abc"}},
            "levels: expected an array, got the string",
        ),
        ({"missing": "skip"}, "missing: 'skip' is not one of error, exclude, worst"),
    ],
)
def test_wrong_json_types_are_errors(changes: dict[str, Any], problem: str) -> None:
    with pytest.raises(SchemaError, match=problem):
        io.structure(card_data(opiate_metric(**changes)), Scorecard)


def test_a_tag_that_disagrees_with_the_class_is_an_error() -> None:
    with pytest.raises(SchemaError, match=r"^kind: expected 'linear' here, got 'banded'"):
        io.structure({"kind": "banded", "worst": 1, "best": 2}, Linear)


def test_root_that_is_not_an_object_is_an_error() -> None:
    with pytest.raises(SchemaError, match=r"^JSON text: expected an object, got an array"):
        io.load(Scorecard, "[1, 2]")


def test_duplicate_ids_raise_tree_error_naming_the_id() -> None:
    data = card_data(opiate_metric(), opiate_metric(label="Again"))
    with pytest.raises(TreeError, match="id 'opiate_abstinence' is used twice"):
        io.load(Scorecard, json.dumps(data))


def test_tree_errors_in_nested_nodes_keep_their_class_and_gain_a_path() -> None:
    data = card_data(opiate_metric(direction="lower"))
    with pytest.raises(TreeError, match=r"^domains\[0\]\.metrics\[0\]: metric 'opiate_abstinence'"):
        io.structure(data, Scorecard)


def test_an_empty_domain_is_a_tree_error() -> None:
    data = {"name": "Card", "domains": [{"id": "outcomes", "label": "Outcomes"}]}
    with pytest.raises(TreeError, match=r"^domains\[0\]: domain 'outcomes' is empty"):
        io.structure(data, Scorecard)


def test_a_model_error_from_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(card_data(opiate_metric(), opiate_metric())), encoding="utf-8")
    with pytest.raises(TreeError, match=r"dup\.json: id 'opiate_abstinence' is used twice"):
        io.load(Scorecard, path)


def test_weights_not_summing_to_one_raise_weight_error() -> None:
    data = card_data(weights={"local": {"outcomes": 0.5, "opiate_abstinence": 1.0}})
    with pytest.raises(WeightError, match=r"children of 'root' sum to 0\.5, not 1"):
        io.load(Scorecard, json.dumps(data))


def test_negative_weight_raises_weight_error() -> None:
    with pytest.raises(WeightError, match=r"^weight of 'a' must be finite and non-negative"):
        io.structure({"local": {"a": -1}}, Weights)
    data = card_data(weights={"local": {"outcomes": 1, "opiate_abstinence": -1}})
    with pytest.raises(WeightError, match=r"^weights: weight of 'opiate_abstinence' must be"):
        io.structure(data, Scorecard)


def test_missing_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(FileNotFoundError, match="no such JSON file") as info:
        io.load(Scorecard, path)
    assert info.value.filename == str(path)
    assert str(path) in str(info.value)


def test_text_that_is_not_json_and_not_a_file_is_a_missing_file() -> None:
    with pytest.raises(FileNotFoundError, match="JSON text would start with"):
        Scorecard.from_json('name: "Card"')


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "Évaluation"}'.encode("latin-1"))
    with pytest.raises(SchemaError, match=r"latin1\.json: byte 10 is not UTF-8"):
        io.load(Scorecard, path)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_non_finite_numbers_are_not_json(constant: str) -> None:
    text = json.dumps(card_data()).replace('"worst": 20', f'"worst": {constant}')
    with pytest.raises(SchemaError, match=f"JSON text: {constant} is not valid JSON"):
        io.load(Scorecard, text)


def test_a_repeated_key_is_an_error() -> None:
    with pytest.raises(SchemaError, match="key 'name' appears twice in one object"):
        io.load(Scorecard, '{"name": "A", "name": "B", "metrics": []}')


def test_dump_refuses_what_json_cannot_express() -> None:
    weights = Weights({"a": 1.0}, provenance={"root": Provenance("x", {"ratio": float("nan")})})
    with pytest.raises(SchemaError, match="can't write this Weights as JSON"):
        io.dump(weights)


def test_dump_refuses_parameters_that_are_not_json_values() -> None:
    weights = Weights({"a": 1.0}, provenance={"root": Provenance("x", {"ids": {"a", "b"}})})
    with pytest.raises(SchemaError, match="is not a JSON value"):
        io.dump(weights)


# -- the converter and tagged families ------------------------------------------------------


@attrs.frozen
class _Mean:
    name: ClassVar[str] = "mean"


@attrs.frozen
class _Trimmed:
    name: ClassVar[str] = "trimmed"
    cut: float = 0.1


@attrs.frozen
class _Average:
    name: ClassVar[str] = "mean"


@attrs.frozen
class _Summary:
    label: str
    method: _Mean | _Trimmed


METHOD: Any = _Mean | _Trimmed
"""A tagged union, as a field annotation (not a ``type[T]``, so typed Any here)."""


def test_register_tagged_reads_and_writes_a_new_family() -> None:
    conv = io.make_converter()
    io.register_tagged(conv, METHOD, "name", [_Mean, _Trimmed])
    summary = _Summary("s", _Trimmed(cut=0.2))
    data = conv.unstructure(summary)
    assert data == {"label": "s", "method": {"name": "trimmed", "cut": 0.2}}
    assert conv.structure(data, _Summary) == summary
    assert conv.unstructure(_Mean()) == {"name": "mean"}
    with pytest.raises(cattrs.ClassValidationError):
        conv.structure({"label": "s", "method": {"name": "median"}}, _Summary)


def test_register_tagged_accepts_explicit_tags() -> None:
    conv = io.make_converter()
    io.register_tagged(conv, METHOD, "method", {"avg": _Mean, "trim": _Trimmed})
    assert conv.unstructure(_Trimmed(0.2), METHOD) == {"method": "trim", "cut": 0.2}
    assert conv.structure({"method": "avg"}, METHOD) == _Mean()


def test_register_tagged_refuses_ambiguous_or_untagged_members() -> None:
    conv = io.make_converter()
    with pytest.raises(TypeError, match="share the name 'mean'"):
        io.register_tagged(conv, _Mean | _Average, "name", [_Mean, _Average])
    with pytest.raises(TypeError, match="has no string 'kind'"):
        io.register_tagged(conv, METHOD, "kind", [_Mean, _Trimmed])
    with pytest.raises(TypeError, match="not an attrs class"):
        io.register_tagged(conv, int, "name", {"int": int})


@attrs.frozen
class _Gate:
    name: ClassVar[str] = "gate"
    minimums: dict[str, float | str]
    base: _Mean | _Trimmed = attrs.field(factory=_Mean)


def test_a_member_may_name_a_family_registered_after_it() -> None:
    conv = io.make_converter()
    family: Any = _Mean | _Trimmed | _Gate
    io.register_tagged(conv, family, "name", [_Mean, _Trimmed, _Gate])
    io.register_tagged(conv, METHOD, "name", [_Mean, _Trimmed])
    gate = _Gate({"cqc": "Good", "wait": 18}, base=_Trimmed(0.2))
    data = conv.unstructure(gate, family)
    assert data == {
        "name": "gate",
        "minimums": {"cqc": "Good", "wait": 18},
        "base": {"name": "trimmed", "cut": 0.2},
    }
    assert conv.structure(data, family) == gate
    assert conv.unstructure(_Gate({"a": 1.0}), family) == {"name": "gate", "minimums": {"a": 1.0}}


def test_a_union_of_json_scalars_takes_either_and_refuses_others() -> None:
    conv = io.make_converter()
    io.register_tagged(conv, METHOD, "name", [_Mean, _Trimmed])
    assert conv.structure({"minimums": {"a": 1, "b": "Good"}}, _Gate).minimums == {
        "a": 1.0,
        "b": "Good",
    }
    with pytest.raises(cattrs.ClassValidationError) as info:
        conv.structure({"minimums": {"a": True}}, _Gate)
    # The converter's errors are cattrs's own groups, so cattrs's tools read them too.
    assert cattrs.transform_error(info.value, format_exception=lambda e, _t: str(e)) == [
        "expected a number or a string, got true @ $.minimums['a']"
    ]


def test_converters_are_independent() -> None:
    conv = io.make_converter()
    io.register_tagged(conv, METHOD, "name", [_Mean, _Trimmed])
    assert io.converter.unstructure(_Mean()) == {}


def test_import_of_the_tree_does_not_load_cattrs() -> None:
    code = (
        "import sys, scorecard.tree; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in {'cattrs', 'jsonschema'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"


# -- the JSON Schema ------------------------------------------------------------------------


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = io.schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_schema_is_a_fresh_copy_each_call() -> None:
    io.schema()["$defs"].clear()
    assert "Metric" in io.schema()["$defs"]


def test_schema_is_the_file_shipped_in_the_package() -> None:
    path = Path(io.__file__).parent.parent / io.SCHEMA_FILE  # relative to the package
    assert json.loads(path.read_text(encoding="utf-8")) == io.schema()


def _fields(cls: type) -> tuple[set[str], set[str]]:
    fields = attrs.fields(cls)
    return {f.name for f in fields}, {f.name for f in fields if f.default is attrs.NOTHING}


@pytest.mark.parametrize(
    "cls", [Domain, Metric, Linear, Piecewise, Banded, Ordinal, Weights, Provenance]
)
def test_schema_names_each_class_fields_and_required_fields(cls: type) -> None:
    definition = io.schema()["$defs"][cls.__name__]
    names, required = _fields(cls)
    tag = {"kind"} if cls in SCALE_TYPES else set()
    assert set(definition["properties"]) == names | tag
    assert set(definition["required"]) == required | tag
    assert definition["additionalProperties"] is False


def test_schema_root_names_the_scorecard_fields() -> None:
    schema = io.schema()
    names, required = _fields(Scorecard)
    assert set(schema["properties"]) == names
    assert set(schema["required"]) == required


def test_schema_enums_ids_and_kinds_match_the_model() -> None:
    defs = io.schema()["$defs"]
    for enum_cls in (Direction, MissingPolicy, OutOfRangePolicy):
        assert defs[enum_cls.__name__]["enum"] == [m.value for m in enum_cls]
    assert defs["Id"]["pattern"] == ID_PATTERN.pattern
    assert defs["Scale"]["properties"]["kind"]["enum"] == [s.kind for s in SCALE_TYPES]
    for scale in SCALE_TYPES:
        assert defs[scale.__name__]["properties"]["kind"] == {"const": scale.kind}


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("domains", 0, "metrics", 0, "scale", "kind"), "linaer"),
        (("domains", 0, "metrics", 0, "id"), "2nd"),
        (("domains", 0, "metrics", 0, "id"), "root"),
        (("domains", 0, "metrics", 0, "directon"), "higher"),
        (("domains", 0, "metrics", 0, "direction"), "up"),
        (("domains", 0, "metrics", 0, "scale", "worst"), "20"),
        (("domains", 0, "metrics"), []),
        (("weights",), {"local": {"outcomes": -1}}),
        (("weights",), {"local": {}, "provenance": {"root": {"parameters": {}}}}),
    ],
)
def test_schema_rejects_what_load_rejects(path: tuple[str | int, ...], value: Any) -> None:
    data: Any = card_data()
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert not schema_validator().is_valid(data)
    with pytest.raises((SchemaError, TreeError, WeightError)):
        io.structure(data, Scorecard)


def test_schema_describes_nested_domains_and_every_scale_kind() -> None:
    schema_validator().validate(json.loads(FULL_EXAMPLE))


# -- properties -----------------------------------------------------------------------------


@given(scorecards())
def test_scorecards_round_trip_through_json(card: Scorecard) -> None:
    assert io.load(Scorecard, io.dump(card)) == card


@given(scorecards(weights=True))
def test_scorecards_with_weights_round_trip_through_json(card: Scorecard) -> None:
    assert io.load(Scorecard, io.dump(card)) == card


@given(scorecards())
def test_scorecards_round_trip_through_plain_data(card: Scorecard) -> None:
    assert io.structure(io.unstructure(card), Scorecard) == card


@given(scorecards())
def test_dump_is_deterministic(card: Scorecard) -> None:
    text = io.dump(card)
    assert io.dump(card) == text
    assert io.dump(io.load(Scorecard, text)) == text


@given(scorecards())
def test_every_dumped_scorecard_is_valid_against_the_schema(card: Scorecard) -> None:
    schema_validator().validate(json.loads(io.dump(card)))


@given(domains())
def test_domains_round_trip(domain: Domain) -> None:
    assert io.load(Domain, io.dump(domain)) == domain
    assert io.structure(io.unstructure(domain), Domain) == domain


@given(metrics(scales=scales(min_value=-1e300, max_value=1e300)))
def test_metrics_round_trip(metric: Metric) -> None:
    assert io.load(Metric, io.dump(metric)) == metric
    assert io.structure(io.unstructure(metric), Metric) == metric


@given(
    st.one_of(
        linear_scales(min_value=-1e300, max_value=1e300),
        piecewise_scales(min_value=-1e300, max_value=1e300),
        banded_scales(min_value=-1e300, max_value=1e300),
        ordinal_scales(),
    )
)
def test_each_scale_kind_round_trips(scale: Scale) -> None:
    cls = type(scale)
    assert io.load(cls, io.dump(scale)) == scale
    assert io.structure(io.unstructure(scale), cls) == scale
    assert io.converter.structure(io.unstructure(scale), SCALE) == scale
    assert io.unstructure(scale)["kind"] == scale.kind


@given(st.data())
def test_weights_round_trip(data: st.DataObject) -> None:
    card = data.draw(scorecards(), label="card")
    weights = data.draw(weightings(card), label="weights")
    assert card.check_weights(weights).local.keys() == weights.local.keys()
    assert io.load(Weights, io.dump(weights)) == weights
    assert io.structure(io.unstructure(weights), Weights) == weights


@pytest.mark.parametrize(
    "aggregation",
    [
        Additive(),
        Geometric(),
        Geometric(floor=0.05),
        Gated({"cqc_safe": "Requires improvement", "staff_turnover": 30.0}),
        Gated({"x": 1.0}, base=Geometric(floor=0.1)),
    ],
)
def test_aggregations_round_trip(aggregation: Aggregation) -> None:
    text = io.dump(aggregation)
    assert json.loads(text)["kind"] == aggregation.kind
    assert io.load(Aggregation, text) == aggregation  # type: ignore[type-abstract]


def test_unknown_aggregation_kind_names_the_path() -> None:
    with pytest.raises(
        SchemaError, match=r"kind: 'median' is not one of additive, geometric, gated"
    ):
        io.load(Aggregation, '{"kind": "median"}')  # type: ignore[type-abstract]


def _schemes() -> list[WeightingScheme]:
    return [
        Equal(),
        Points({"a": 40, "b": 60}),
        RankOrderCentroid(["a", ("b", "c")]),
        RankSum(["b", "a"]),
        RankReciprocal(["a", "b"]),
        Swing({"a": 100, "b": 35}),
        AHP(["a", "b", "c"], [[1, 3, 5], [1 / 3, 1, 2], [1 / 5, 1 / 2, 1]]),
        Entropy(),
        CRITIC(),
        StdDev(rescale=True),
    ]


@pytest.mark.parametrize("scheme", _schemes(), ids=lambda s: s.name)
def test_weighting_schemes_round_trip(scheme: WeightingScheme) -> None:
    text = io.dump(scheme)
    assert json.loads(text)["name"] == scheme.name
    assert io.load(WeightingScheme, text) == scheme  # type: ignore[type-abstract]
