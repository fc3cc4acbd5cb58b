"""Shared pieces of the command-line interface: consoles, options, output."""

from __future__ import annotations

import json
import math
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from bastion.store import ENV_VAR, Workspace

__all__ = [
    "Format",
    "WorkspaceOption",
    "console",
    "err_console",
    "open_workspace",
    "plain",
    "print_json",
    "write_html",
]

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

WorkspaceOption = Annotated[
    Path | None,
    typer.Option(
        "--workspace",
        "-w",
        help=f"Workspace folder [default: ${ENV_VAR} or ./.bastion].",
        file_okay=False,
        show_default=False,
    ),
]


class Format(StrEnum):
    """Output formats of listing commands."""

    text = "text"
    json = "json"
    csv = "csv"


def open_workspace(path: Path | None) -> Workspace:
    """The workspace at ``path`` (or the default one)."""
    return Workspace(path)


def print_json(value: Any) -> None:
    """Print ``value`` as strict JSON on standard output (NaN and infinities become null)."""
    text = json.dumps(plain(value), indent=2, default=str, allow_nan=False)
    sys.stdout.write(text + "\n")


def plain(value: Any) -> Any:
    """``value`` with every non-finite float (and NumPy scalar) made JSON-safe."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if hasattr(value, "item") and hasattr(value, "dtype"):  # NumPy scalars and 0-d arrays
        return plain(value.item()) if getattr(value, "ndim", 0) == 0 else plain(value.tolist())
    return value


def write_html(path: Path, title: str, sections: list[Any], provenance: dict[str, Any]) -> None:
    """Render and write a report atomically; say where it went."""
    from bastion.report import render_report, write_report

    written = write_report(path, render_report(title, sections, provenance=provenance))
    err_console.print(f"report written to {written}", style="green")
