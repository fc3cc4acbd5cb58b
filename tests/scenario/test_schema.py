"""The JSON Schema export and the generated field reference."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from bastion import scenario_json_schema
from bastion.scenario.schema import scenario_reference_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = scenario_json_schema()
    assert schema["$schema"].endswith("2020-12/schema")
    jsonschema.Draft202012Validator.check_schema(schema)


def test_example_validates_against_the_schema(example: Path) -> None:
    jsonschema.validate(yaml.safe_load(example.read_text()), scenario_json_schema())


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["actors"][0].update(resolv=0.5), "Additional properties"),
        (lambda d: d["actors"][0].update(resolve=1.5), "greater than the maximum"),
        (lambda d: d["actors"][0].update(kind="empire"), "is not one of"),
        (lambda d: d.pop("name"), "'name' is a required property"),
    ],
)
def test_schema_rejects_what_the_loader_rejects(example: Path, change: Any, message: str) -> None:
    data = yaml.safe_load(example.read_text())
    change(data)
    with pytest.raises(jsonschema.ValidationError, match=message):
        jsonschema.validate(data, scenario_json_schema())


def _fields(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    records = {"Scenario": schema, **schema.get("$defs", {})}
    return [
        (name, field, prop)
        for name, record in records.items()
        for field, prop in record.get("properties", {}).items()
    ]


def test_every_field_documents_its_meaning() -> None:
    undocumented = [
        f"{name}.{field}"
        for name, field, prop in _fields(scenario_json_schema())
        if not prop.get("description") and field != "id"
    ]
    assert undocumented == []


def test_every_bounded_number_says_its_scale() -> None:
    """A [0, 1] field says so in words, so readers of the YAML know the scale."""
    missing = []
    for name, field, prop in _fields(scenario_json_schema()):
        options = prop.get("anyOf", [prop])
        bounded = any(o.get("minimum") == 0.0 and o.get("maximum") == 1.0 for o in options)
        if bounded and "[0, 1]" not in prop.get("description", ""):
            missing.append(f"{name}.{field}")
    assert missing == []


def test_committed_reference_and_schema_are_current() -> None:
    import json

    assert (DOCS / "scenario-reference.md").read_text() == scenario_reference_markdown()
    assert json.loads((DOCS / "scenario.schema.json").read_text()) == scenario_json_schema()
