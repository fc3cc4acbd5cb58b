"""``bastion demo``: validate the example scenario, run what exists, write the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from bastion.cli._common import WorkspaceOption, console, open_workspace
from bastion.examples import example_path
from bastion.scenario import load_scenario

__all__ = ["demo"]


def demo(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the demo's report.", file_okay=False)
    ] = Path("bastion-demo"),
    example: Annotated[str, typer.Option("--example", "-e", help="Example scenario.")] = (
        "northmarch"
    ),
    workspace: WorkspaceOption = None,
) -> None:
    """Run Bastion end to end on a fictional example scenario."""
    from bastion.report import build_report

    source = example_path(example)
    console.rule(f"[bold]Bastion demo[/] — example scenario {source.name}")
    with console.status("validating the scenario"):
        scenario = load_scenario(source)
    console.print(
        f"[green]✓[/] valid: {scenario.name} — {len(scenario.actors)} actors, "
        f"{len(scenario.alliances)} alliance(s), {len(scenario.sectors)} sectors, "
        f"{len(scenario.suppliers)} supply lines"
    )

    table = Table("lever", "changes", "scenario hash", title="Levers (each variant validated)")
    table.add_row("baseline", "—", scenario.scenario_hash[:16])
    names, hashes, counts = ["baseline"], [scenario.scenario_hash], [0]
    for lever in scenario.levers:
        variant = scenario.with_lever(lever.id)
        changes = "; ".join(f"{k} = {v}" for k, v in lever.set.items())
        table.add_row(lever.id, changes, variant.scenario_hash[:16])
        names.append(lever.id)
        hashes.append(variant.scenario_hash)
        counts.append(len(lever.set))
    console.print(table)

    ws = open_workspace(workspace)
    report_path = output / "report.html"
    with (
        console.status("writing the HTML report"),
        ws.run("report", scenario=scenario, parameters={"output": str(report_path)}) as run,
    ):
        run.write_table("variants", {"lever": names, "scenario_hash": hashes, "changes": counts})
        path = build_report(scenario, report_path)
        run.write_json("report", {"path": str(path), "bytes": path.stat().st_size})
    console.print(f"[green]✓[/] run {run.id} recorded in workspace {ws.path}")
    console.print(f"[green]✓[/] report: {path}")
    console.print(
        "Next: `bastion new my-scenario.yaml` to start your own, `bastion validate FILE`, "
        "`bastion runs list`."
    )
