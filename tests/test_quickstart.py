"""The README's Quick start is what CI runs, and the docs it links to exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quickstart(which: str) -> str:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "quickstart.py"), which],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.strip()


def test_quickstart_has_a_demo_and_a_test_command() -> None:
    demo, test = quickstart("demo"), quickstart("test")
    assert "bastion demo" in demo and "pip install" in demo
    assert "pytest" in test and "pip install" in test and "[test]" in test


def test_ci_runs_the_readme_test_command_and_linters() -> None:
    ci = (ROOT / ".ci" / "run").read_text()
    assert "scripts/quickstart.py test" in ci
    for tool in ("ruff check", "ruff format --check", "mypy"):
        assert tool in ci


def test_relative_links_in_docs_resolve() -> None:
    broken = []
    for doc in [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *(ROOT / "docs").glob("*.md")]:
        for target in re.findall(r"\]\(([^)#]+)(?:#[^)]*)?\)", doc.read_text()):
            if "://" not in target and not (doc.parent / target).exists():
                broken.append(f"{doc.name} -> {target}")
    assert broken == []
