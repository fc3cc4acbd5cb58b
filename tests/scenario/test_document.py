"""The position-keeping YAML/JSON reader."""

from __future__ import annotations

import pytest

from bastion.errors import DataFormatError
from bastion.scenario.document import format_loc, parse_document


def test_yaml_12_scalars_no_norway_problem() -> None:
    doc, issues = parse_document(
        "a: NO\nb: yes\nc: off\nd: 010\ne: 1e-3\nf: 1:30\ng: true\nh: 0x1F\ni: 2020-01-01\n",
        "t.yaml",
    )
    assert not issues
    assert doc.data == {
        "a": "NO",
        "b": "yes",
        "c": "off",
        "d": 10,
        "e": 0.001,
        "f": "1:30",
        "g": True,
        "h": 31,
        "i": "2020-01-01",
    }


def test_positions_of_values_and_keys() -> None:
    doc, _ = parse_document("top:\n  - id: x\n    value: 3\n", "t.yaml")
    assert doc.values[("top", 0, "value")] == (3, 12)
    assert doc.keys[("top", 0, "value")] == (3, 5)
    # an unknown location falls back to its nearest located parent
    assert doc.position(("top", 0, "missing")) == (2, 5)


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    _, issues = parse_document("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert len(issues) == 1
    issue = issues[0]
    assert (issue.line, issue.column) == (3, 1)
    assert "duplicate key 'a'" in issue.message and "line 1" in issue.message


def test_non_text_keys_are_reported() -> None:
    _, issues = parse_document("2022: x\n", "t.yaml")
    assert "keys must be text" in issues[0].message


def test_yaml_syntax_error_has_line_and_column() -> None:
    with pytest.raises(DataFormatError) as info:
        parse_document("a: [1, 2\nb: 3\n", "broken.yaml")
    issue = info.value.issues[0]
    assert issue.file == "broken.yaml" and issue.line is not None and issue.column is not None


def test_json_positions_and_syntax_errors() -> None:
    doc, issues = parse_document('{\n  "a": {"b": 1.5}\n}\n', "t.json", kind="json")
    assert not issues and doc.data == {"a": {"b": 1.5}}
    assert doc.values[("a", "b")] == (2, 14)
    with pytest.raises(DataFormatError) as info:
        parse_document('{\n  "a": 1,\n}\n', "bad.json", kind="json")
    assert (info.value.issues[0].line, info.value.issues[0].file) == (3, "bad.json")


def test_json_duplicate_keys_are_located() -> None:
    _, issues = parse_document('{"a": 1,\n "a": 2}', "t.json", kind="json")
    assert issues[0].line == 2 and "duplicate key 'a'" in issues[0].message


def test_unsafe_tags_are_refused() -> None:
    with pytest.raises(DataFormatError):
        parse_document("a: !!python/object/apply:os.system ['echo hi']\n", "evil.yaml")


def test_format_loc() -> None:
    assert format_loc(("actors", 1, "resolve")) == "actors[1].resolve"
    assert format_loc(()) == "<document>"
