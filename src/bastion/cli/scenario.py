"""Commands about scenario files: validate, schema, new, report."""

from __future__ import annotations

import json
import shutil
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from bastion.cli._common import WorkspaceOption, console, err_console, open_workspace, print_json
from bastion.errors import ParameterError, ScenarioError
from bastion.examples import example_names, example_path
from bastion.scenario import load_scenario
from bastion.scenario.schema import scenario_json_schema, scenario_reference_markdown
from bastion.store._atomic import atomic_write_text

__all__ = ["new", "report", "schema", "validate"]


class ValidateFormat(StrEnum):
    """Output of ``bastion validate``."""

    text = "text"
    json = "json"


def validate(
    files: Annotated[list[Path], typer.Argument(help="Scenario files (.yaml, .yml, .json).")],
    output: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="text or json.")
    ] = ValidateFormat.text,
) -> None:
    """Check scenario files and report every problem at once (exit 1 if any)."""
    results = []
    for file in files:
        try:
            scenario = load_scenario(file)
        except ScenarioError as exc:
            results.append(
                {"file": str(file), "valid": False, "issues": [vars(i) for i in exc.issues]}
            )
            if output is ValidateFormat.text:
                err_console.print(f"✗ {file}: {len(exc.issues)} problem(s)", style="bold red")
                for issue in exc.issues:
                    err_console.print(f"  {issue}", markup=False)
            continue
        results.append(
            {
                "file": str(file),
                "valid": True,
                "scenario_hash": scenario.scenario_hash,
                "name": scenario.name,
            }
        )
        if output is ValidateFormat.text:
            console.print(
                f"✓ {file} is valid: {scenario.name!r} — {len(scenario.actors)} actors, "
                f"{len(scenario.alliances)} alliances, {len(scenario.sectors)} sectors, "
                f"{len(scenario.suppliers)} supply lines, {len(scenario.levers)} levers; "
                f"hash {scenario.scenario_hash[:16]}",
                style="green",
                markup=False,
            )
    if output is ValidateFormat.json:
        print_json({"results": results})
    if not all(r["valid"] for r in results):
        raise typer.Exit(1)


class SchemaFormat(StrEnum):
    """Output of ``bastion schema``."""

    json = "json"
    markdown = "markdown"


def schema(
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")
    ] = None,
    fmt: Annotated[
        SchemaFormat, typer.Option("--format", "-f", help="json (JSON Schema) or markdown.")
    ] = SchemaFormat.json,
) -> None:
    """Export the scenario format as JSON Schema (or a Markdown field reference)."""
    if fmt is SchemaFormat.json:
        text = json.dumps(scenario_json_schema(), indent=2) + "\n"
    else:
        text = scenario_reference_markdown()
    if output is None:
        typer.echo(text, nl=False)
    else:
        atomic_write_text(output, text)
        err_console.print(f"wrote {output}")


def new(
    destination: Annotated[Path, typer.Argument(help="Scenario file to create (.yaml).")],
    example: Annotated[
        str, typer.Option("--example", "-e", help="Example to start from.")
    ] = "northmarch",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Start a new scenario file from a (fictional) example, with its data folder."""
    source = example_path(example)
    if destination.exists() and not force:
        raise ParameterError(f"{destination} exists; pass --force to overwrite it")
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, destination)
    data = source.parent / "data"
    if data.is_dir():
        shutil.copytree(data, destination.parent / "data", dirs_exist_ok=True)
    console.print(
        f"wrote {destination} from example {example!r} (examples: {', '.join(example_names())}); "
        f"edit it, then run: bastion validate {destination}",
        markup=False,
    )


def report(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario file.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path(
        "report.html"
    ),
    workspace: WorkspaceOption = None,
) -> None:
    """Write a self-contained HTML report of a scenario (opens offline).

    It includes the newest complete engine runs of this exact scenario (same hash) found in
    the workspace, e.g. `bastion escalation run` and `bastion escalation compare`.
    """
    from bastion.escalation.report import sections_from_workspace
    from bastion.exposure.report import exposure_sections
    from bastion.report import build_report

    with console.status("validating the scenario"):
        scenario = load_scenario(scenario_file)
    ws = open_workspace(workspace)
    with (
        console.status("building the report (inlining Plotly for offline use)"),
        ws.run("report", scenario=scenario, parameters={"output": str(output)}) as run,
    ):
        path = build_report(
            scenario,
            output,
            extra=[*exposure_sections(scenario), *sections_from_workspace(ws, scenario)],
        )
        run.write_json("report", {"path": str(path), "bytes": path.stat().st_size})
    console.print(f"report written to {path} (run {run.id})", markup=False)
