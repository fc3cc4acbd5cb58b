"""Print one of the README's two Quick start commands: ``demo`` (line 1) or ``test`` (line 2).

CI runs exactly what the README tells a new user to run, so the two never drift apart.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def quickstart_commands(readme: Path) -> list[str]:
    """The command lines of the first fenced bash block under the Quick start heading."""
    text = readme.read_text(encoding="utf-8")
    section = re.search(r"^#+\s*quick\s*-?\s*start.*?$(.*?)(?=^#\s|\Z)", text, re.I | re.M | re.S)
    if not section:
        raise SystemExit("README.md has no 'Quick start' section")
    block = re.search(r"```(?:bash|sh|shell|console)?\n(.*?)```", section.group(1), re.S)
    if not block:
        raise SystemExit("the Quick start section has no fenced code block")
    lines = [
        ln for ln in block.group(1).splitlines() if ln.strip() and not ln.lstrip().startswith("#")
    ]
    if len(lines) != 2:
        raise SystemExit(
            f"the Quick start block must hold exactly two commands; found {len(lines)}"
        )
    return lines


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "test"
    if which not in ("demo", "test"):
        raise SystemExit("usage: quickstart.py demo|test")
    commands = quickstart_commands(Path(__file__).resolve().parents[1] / "README.md")
    print(commands[0] if which == "demo" else commands[1])
