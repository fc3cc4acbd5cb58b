"""The ``bastion network`` Typer app, and the options and helpers its commands share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from bastion._version import __version__
from bastion.errors import ParameterError

__all__ = [
    "DelimiterOption",
    "HtmlOption",
    "LayersOption",
    "PhaseOption",
    "SourceCol",
    "TargetCol",
    "WeightCol",
    "app",
    "columns",
    "provenance",
]

app = typer.Typer(
    help="Clandestine networks: actors, brokers, key players, interdiction, disruption, "
    "hidden ties, money trails and tie durability.",
    no_args_is_help=True,
)

SourceCol = Annotated[str | None, typer.Option(help="Edge lists: source column name.")]
TargetCol = Annotated[str | None, typer.Option(help="Edge lists: target column name.")]
WeightCol = Annotated[
    str | None, typer.Option(help="Edge lists: weight (or capacity, amount) column name.")
]
DelimiterOption = Annotated[
    str | None,
    typer.Option(help="Edge lists: comma, tab, semicolon or space [default: detected]."),
]
PhaseOption = Annotated[
    float | None, typer.Option(help="Analyse the ties active in this phase only.")
]
LayersOption = Annotated[
    str | None, typer.Option(help="Comma-separated layers to keep [default: all].")
]
HtmlOption = Annotated[Path | None, typer.Option("--html", help="Also write an HTML report.")]


def columns(
    source: str | None, target: str | None, weight: str | None, delimiter: str | None
) -> dict[str, Any]:
    """Edge-list reading options given on the command line (None: detect)."""
    seps = {"comma": ",", "tab": "\t", "semicolon": ";", "space": None}
    if delimiter is not None and delimiter not in seps:
        raise ParameterError(f"--delimiter must be one of {', '.join(seps)}; got {delimiter!r}")
    options: dict[str, Any] = {"source": source, "target": target, "weight": weight}
    if delimiter is not None:
        options["delimiter"] = seps[delimiter]
    return options


def provenance(inputs: list[Path], **extra: Any) -> dict[str, Any]:
    """What a result was computed from: input files with their SHA-256, and the version."""
    from bastion._files import file_sha256

    digests = {str(p): file_sha256(p) for p in inputs if p.is_file()}
    return {"inputs": digests, "bastion": __version__, **extra}
