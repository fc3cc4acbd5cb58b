from __future__ import annotations

import pytest

from bastion._optional import import_optional
from bastion.errors import (
    BastionError,
    DataFormatError,
    Issue,
    MissingDependencyError,
    ScenarioError,
)


def test_issue_renders_file_line_column_path_and_value() -> None:
    issue = Issue("expected a number <= 1", file="s.yaml", line=3, column=7, path="a.b", value="2")
    assert str(issue) == "s.yaml:3:7: a.b: expected a number <= 1 (got 2)"


def test_issue_without_position() -> None:
    assert str(Issue("boom")) == "<input>: boom"


def test_errors_share_one_hierarchy() -> None:
    for cls in (ScenarioError, DataFormatError, MissingDependencyError):
        assert issubclass(cls, BastionError)


def test_many_issues_are_listed_together() -> None:
    err = ScenarioError([Issue("one", file="f"), Issue("two", file="f")])
    assert "2 problems found" in str(err)
    assert "one" in str(err) and "two" in str(err)
    assert len(err.issues) == 2


def test_missing_optional_dependency_names_the_extra() -> None:
    with pytest.raises(MissingDependencyError, match=r"pip install 'bastion\[gpu\]'") as info:
        import_optional("no_such_module_xyz", extra="gpu", purpose="the CuPy backend")
    assert "the CuPy backend" in str(info.value)


def test_optional_import_returns_the_module() -> None:
    assert import_optional("json", extra="x", purpose="y").dumps([]) == "[]"
