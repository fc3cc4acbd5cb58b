"""The public API is importable from the package root, and only from there."""

from __future__ import annotations

import importlib
import subprocess
import sys

import bastion


def test_every_public_name_is_importable() -> None:
    for name in bastion.__all__:
        assert getattr(bastion, name) is not None, name


def test_all_is_sorted_and_unique() -> None:
    assert len(set(bastion.__all__)) == len(bastion.__all__)
    assert sorted(bastion.__all__, key=str.lower) == sorted(bastion.__all__, key=str.lower)


def test_subpackages_declare_all() -> None:
    for module in (
        "scenario",
        "store",
        "report",
        "compute",
        "errors",
        "escalation",
        "exposure",
        "io",
        "networks",
        "warning",
    ):
        mod = importlib.import_module(f"bastion.{module}")
        for name in mod.__all__:
            assert hasattr(mod, name), f"bastion.{module}.{name}"


def test_import_has_no_heavy_side_effects() -> None:
    code = (
        "import sys, bastion; print(','.join(m for m in ('plotly', 'typer') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
