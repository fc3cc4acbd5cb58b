"""Shared fixtures and markers."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import bastion

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests whose optional pieces are missing (real data, GPU, Dask)."""
    for item in items:
        if "realdata" in item.keywords and not SHARED_DATA.is_dir():
            item.add_marker(pytest.mark.skip(reason=f"real data not found at {SHARED_DATA}"))


@pytest.fixture
def example() -> Path:
    return bastion.example_path("northmarch")


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


MINIMAL = """
schema_version: 1
name: Minimal
actors:
  - {id: A, name: Alpha, kind: state}
  - {id: B, name: Beta, kind: state}
"""


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL
