"""The ``bastion network`` Typer app, and the options, inputs and outputs its commands share."""

from __future__ import annotations

import csv
import sys
from collections.abc import Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from bastion._version import __version__
from bastion.cli._common import Format as Output
from bastion.cli._common import console, print_json, write_html
from bastion.errors import ParameterError

__all__ = [
    "DelimiterOption",
    "DirectedOption",
    "FormatOption",
    "HtmlOption",
    "InputFormat",
    "InputFormatOption",
    "InputsArgument",
    "LayersOption",
    "NamesOption",
    "Output",
    "PhaseOption",
    "SourceCol",
    "Split",
    "SplitOption",
    "TargetCol",
    "WeightCol",
    "app",
    "columns",
    "csv_list",
    "emit",
    "load",
    "parse_pairs",
    "provenance",
    "write_html",
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


class InputFormat(StrEnum):
    """Network file formats."""

    auto = "auto"
    edgelist = "edgelist"
    matrix = "matrix"
    dl = "dl"
    graphml = "graphml"
    gexf = "gexf"


class Split(StrEnum):
    """What several input files are."""

    phases = "phases"
    layers = "layers"


InputsArgument = Annotated[
    list[Path],
    typer.Argument(
        help="Network file(s): edge list, labelled matrix, UCINET DL, GraphML or GEXF. "
        "Several files are phases (or layers, with --split layers).",
        show_default=False,
    ),
]
InputFormatOption = Annotated[
    InputFormat, typer.Option("--input-format", "-i", help="File format [default: by content].")
]
SplitOption = Annotated[Split, typer.Option(help="Several files are phases or layers.")]
NamesOption = Annotated[
    str | None,
    typer.Option(help="Comma-separated phase numbers (e.g. years) or layer names, one per file."),
]
DirectedOption = Annotated[
    bool | None,
    typer.Option("--directed/--undirected", help="Tie direction [default: what the file says]."),
]
FormatOption = Annotated[Output, typer.Option("--format", "-f", help="text, json or csv.")]


def load(
    inputs: Sequence[Path],
    input_format: InputFormat,
    split: Split,
    names: str | None,
    directed: bool | None,
    **columns: Any,
) -> tuple[Any, dict[str, dict[str, Any]]]:
    """Read the inputs into :class:`~bastion.networks.Ties` and node attributes."""
    from bastion.io.netformats import read_many
    from bastion.networks import Ties

    options = {k: v for k, v in columns.items() if v is not None or k == "delimiter"}
    data = read_many(
        list(inputs),
        format=input_format.value,
        split=split.value,
        names=[x.strip() for x in names.split(",")] if names else None,
        **options,
    )
    return Ties.from_edgelist(data.edges, directed=directed), data.attributes


def csv_list(text: str | None) -> list[str] | None:
    """A comma-separated option as a list (None stays None)."""
    return [x.strip() for x in text.split(",") if x.strip()] if text else None


def emit(
    data: Mapping[str, Any],
    rows: Sequence[Mapping[str, Any]],
    output: Output,
    *,
    title: str,
    columns: Sequence[str] | None = None,
    lines: Sequence[str] = (),
) -> None:
    """Print ``data`` as JSON, ``rows`` as CSV, or ``rows`` as a table with summary lines."""
    if output is Output.json:
        print_json(data)
        return
    columns = list(columns or (rows[0].keys() if rows else []))
    if output is Output.csv:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=columns, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        return
    table = Table(*columns, title=title)
    for row in rows:
        table.add_row(*(_cell(row.get(k)) for k in columns))
    console.print(table)
    for line in lines:
        console.print(line)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, list | tuple):
        return " ".join(map(str, value))
    return "" if value is None else str(value)


def parse_pairs(items: Sequence[str] | None, what: str) -> dict[str, float]:
    """``NAME=NUMBER`` options as a mapping."""
    out: dict[str, float] = {}
    for item in items or []:
        name, sep, value = item.rpartition("=")
        try:
            if not sep or not name:
                raise ValueError
            out[name] = float(value)
        except ValueError:
            raise ParameterError(f"{what} must be NAME=NUMBER; got {item!r}") from None
    return out
