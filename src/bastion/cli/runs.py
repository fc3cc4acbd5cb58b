"""``bastion runs``: list, show, export and delete runs in the workspace."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from bastion.cli._common import (
    Format,
    WorkspaceOption,
    console,
    err_console,
    open_workspace,
    print_json,
)
from bastion.errors import ParameterError

__all__ = ["app"]

app = typer.Typer(help="List, show, export and delete runs in the workspace.", no_args_is_help=True)


@app.command("list")
def list_runs(
    workspace: WorkspaceOption = None,
    engine: Annotated[str | None, typer.Option(help="Only runs of this engine.")] = None,
    status: Annotated[
        str | None, typer.Option(help="Only runs with this status (running, complete, failed).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text, json or csv.")] = Format.text,
) -> None:
    """List runs, newest first."""
    if status is not None and status not in ("running", "complete", "failed"):
        raise ParameterError(f"--status must be running, complete or failed; got {status!r}")
    records = open_workspace(workspace).runs(engine=engine, status=status)
    columns = (
        "id",
        "engine",
        "status",
        "scenario_name",
        "scenario_hash",
        "started_at",
        "ended_at",
        "backend",
    )
    if fmt is Format.json:
        print_json({"runs": [r.to_dict() for r in records]})
    elif fmt is Format.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        for r in records:
            writer.writerow([r.to_dict()[c] for c in columns])
    else:
        if not records:
            err_console.print("no runs in this workspace yet")
            return
        table = Table()
        table.add_column("id", no_wrap=True)
        table.add_column("engine")
        table.add_column("status")
        table.add_column("scenario", max_width=36, overflow="ellipsis", no_wrap=True)
        table.add_column("hash", no_wrap=True)
        table.add_column("started (UTC)", no_wrap=True)
        colours = {"complete": "green", "failed": "red", "running": "yellow"}
        for r in records:
            table.add_row(
                r.id,
                r.engine,
                f"[{colours[r.status]}]{r.status}[/]",
                r.scenario_name or "—",
                (r.scenario_hash or "—")[:12],
                f"{r.started_at:%Y-%m-%d %H:%M:%S}",
            )
        console.print(table)


@app.command("show")
def show(
    run_id: Annotated[str, typer.Argument(help="Run id (a unique prefix is enough).")],
    workspace: WorkspaceOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text or json.")] = Format.text,
) -> None:
    """Show everything recorded about a run."""
    record = open_workspace(workspace).get_run(run_id)
    data = record.to_dict()
    if fmt is not Format.text:
        print_json(data)
        return
    for key, value in data.items():
        if key == "results":
            continue
        text = json.dumps(value) if isinstance(value, dict | list) else str(value)
        console.print(f"[bold]{key:>16}[/]  ", end="")
        console.print(text, markup=False)
    console.print("[bold]         results[/]")
    for result in record.results:
        rows = f", {result.rows} rows" if result.rows is not None else ""
        console.print(
            f"                   {result.name} ({result.kind}{rows}): {result.path}", markup=False
        )


@app.command("export")
def export(
    run_id: Annotated[str, typer.Argument(help="Run id (a unique prefix is enough).")],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to export into.", file_okay=False)
    ] = Path("."),
    workspace: WorkspaceOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="Table format: parquet or csv.")
    ] = "parquet",
) -> None:
    """Export a complete run (run.json with its provenance, and its results)."""
    target = open_workspace(workspace).export_run(run_id, output, fmt=fmt)
    console.print(f"exported to {target}", markup=False)


@app.command("delete")
def delete(
    run_id: Annotated[str, typer.Argument(help="Run id (a unique prefix is enough).")],
    workspace: WorkspaceOption = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a run and its results."""
    ws = open_workspace(workspace)
    record = ws.get_run(run_id)
    if not yes and not typer.confirm(f"Delete run {record.id} and its results?"):
        raise typer.Exit(1)
    ws.delete_run(record.id)
    console.print(f"deleted {record.id}", markup=False)
