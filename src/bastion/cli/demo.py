"""``bastion demo``: validate the example scenario, run what exists, write the report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from bastion.cli._common import WorkspaceOption, console, open_workspace
from bastion.cli.demo_engines import network_demo, warning_demo
from bastion.examples import example_path
from bastion.scenario import Scenario, load_scenario
from bastion.store import Workspace

__all__ = ["demo"]


def demo(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for the demo's report.", file_okay=False)
    ] = Path("bastion-demo"),
    example: Annotated[str, typer.Option("--example", "-e", help="Example scenario.")] = (
        "northmarch"
    ),
    runs: Annotated[int, typer.Option("--runs", "-n", help="Crises to simulate.")] = 20_000,
    workspace: WorkspaceOption = None,
) -> None:
    """Run Bastion end to end on a fictional example scenario and fictional data."""
    from bastion.escalation.report import sections_from_workspace
    from bastion.exposure.report import exposure_sections
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
    _escalation(ws, scenario, runs)
    engines = [*network_demo(), *warning_demo(ws, output)]
    report_path = output / "report.html"
    with (
        console.status("writing the HTML report"),
        ws.run("report", scenario=scenario, parameters={"output": str(report_path)}) as run,
    ):
        run.write_table("variants", {"lever": names, "scenario_hash": hashes, "changes": counts})
        path = build_report(
            scenario,
            report_path,
            extra=[
                *exposure_sections(scenario),
                *sections_from_workspace(ws, scenario),
                *engines,
            ],
        )
        run.write_json("report", {"path": str(path), "bytes": path.stat().st_size})
    console.print(f"[green]✓[/] run {run.id} recorded in workspace {ws.path}")
    console.print(f"[green]✓[/] report: {path}")
    console.print(
        "Next: `bastion new my-scenario.yaml` to start your own, `bastion validate FILE`, "
        "`bastion network analyze FILES`, `bastion warning import FILES`, `bastion runs list`."
    )


def _escalation(ws: Workspace, scenario: Scenario, runs: int) -> None:
    """Simulate the crisis and compare its levers; both runs are stored in ``ws``."""
    from bastion.compute import resolve_seed
    from bastion.escalation import compare_levers, run_ensemble

    seed = resolve_seed(2026)
    with (
        console.status(f"escalation: simulating {runs:,} crises"),
        ws.run(
            "escalation", scenario=scenario, seed=seed, backend="numpy", parameters={"runs": runs}
        ) as run,
    ):
        result = run_ensemble(scenario, runs, seed=seed)
        run.write_json("summary", result.to_dict())
    outcomes = result.summary.outcomes()
    table = Table("outcome", "p", "95% CI", title=f"Escalation ({runs:,} simulated crises)")
    for name in sorted(outcomes):
        o = outcomes[name]
        table.add_row(name, f"{o['p']:.3f}", f"[{o['ci_low']:.3f}, {o['ci_high']:.3f}]")
    console.print(table)
    console.print(f"{result.run_steps_per_second:,.0f} run-steps/s (NumPy)")
    paired = max(runs // 4, 1)
    with (
        console.status(f"escalation: comparing levers on {paired:,} paired crises"),
        ws.run(
            "escalation_compare",
            scenario=scenario,
            seed=seed,
            backend="numpy",
            parameters={"runs": paired},
        ) as run,
    ):
        comparison = compare_levers(scenario, paired, seed=seed)
        run.write_json("comparison", comparison.to_dict())
    stop = f"crossed:{scenario.crisis.stop_at}" if scenario.crisis.stop_at else "settled"
    table = Table("lever", f"effect on P({stop})", "95% CI", title="Levers vs baseline (CRN)")
    for e in comparison.effects:
        if e.outcome == stop:
            table.add_row(e.lever, f"{e.effect:+.3f}", f"[{e.ci_low:+.3f}, {e.ci_high:+.3f}]")
    console.print(table)
