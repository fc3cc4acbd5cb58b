"""``bastion escalation``: simulate crises and compare levers."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from bastion.cli._common import WorkspaceOption, console, open_workspace, print_json
from bastion.errors import ParameterError
from bastion.scenario import Scenario, load_scenario

if TYPE_CHECKING:
    from bastion.compute import SeedRecord
    from bastion.escalation import Comparison

__all__ = ["app"]

app = typer.Typer(help="Simulate crises and compare levers.", no_args_is_help=True)


class Output(StrEnum):
    """Output of escalation commands."""

    text = "text"
    json = "json"


RunsOption = Annotated[int, typer.Option("--runs", "-n", help="Number of simulated crises.")]
SeedOption = Annotated[
    int | None, typer.Option("--seed", "-s", help="Random seed (recorded; omit for fresh entropy).")
]
BackendOption = Annotated[
    str, typer.Option("--backend", "-b", help="Array backend: numpy, jax, torch or cupy.")
]
ExecutorOption = Annotated[
    str, typer.Option("--executor", "-x", help="Where chunks run: local, threads or dask.")
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", help="Threads or Dask workers [default: CPU cores].")
]
SchedulerOption = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address (implies --executor dask)."),
]
ChunkOption = Annotated[
    int, typer.Option("--chunk-size", help="Runs simulated together (memory ~1 kB per run).")
]


def _outcome_table(outcomes: dict[str, dict[str, float]], title: str) -> Table:
    table = Table(title=title)
    table.add_column("outcome")
    table.add_column("p", justify="right")
    table.add_column("95% CI (Wilson)", justify="right")
    for name, o in sorted(outcomes.items()):
        table.add_row(name, f"{o['p']:.4f}", f"[{o['ci_low']:.4f}, {o['ci_high']:.4f}]")
    return table


def _recorded(
    workspace: Path | None,
    engine: str,
    scenario: Scenario,
    seed: SeedRecord,
    backend: str,
    parameters: dict[str, Any],
    compute: Callable[[], dict[str, Any]],
    *,
    result: str,
    status: str | None,
    provenance: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Run ``compute`` as a recorded run; store its JSON as ``result``; add ``run_id``."""
    ws = open_workspace(workspace)
    with ws.run(
        engine,
        scenario=scenario,
        seed=seed,
        backend=backend,
        parameters=parameters,
        provenance=provenance,
    ) as handle:
        with console.status(status) if status else contextlib.nullcontext():
            data = compute()
        handle.write_json(result, data)
    data["run_id"] = handle.id
    return data


@app.command("run")
def run(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario file.")],
    runs: RunsOption = 10_000,
    seed: SeedOption = None,
    backend: BackendOption = "numpy",
    lever: Annotated[
        str | None, typer.Option("--lever", "-l", help="Apply this lever first.")
    ] = None,
    chunk_size: ChunkOption = 65_536,
    executor: ExecutorOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    records: Annotated[
        bool, typer.Option(help="Store per-run records as Parquet in the workspace.")
    ] = True,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
    workspace: WorkspaceOption = None,
) -> None:
    """Simulate RUNS crises of a scenario; print outcome probabilities with 95% intervals."""
    from bastion.compute import resolve_seed
    from bastion.escalation import compile_params, records_table, run_ensemble
    from bastion.escalation.kernel import ChunkResult

    if runs < 1:
        raise ParameterError(f"--runs must be at least 1; got {runs}")
    scenario = load_scenario(scenario_file)
    if lever:
        scenario = scenario.with_lever(lever)
    record = resolve_seed(seed)
    params = compile_params(scenario)
    ws = open_workspace(workspace)
    if scheduler:
        executor = "dask"
    parameters = {
        "runs": runs,
        "lever": lever,
        "chunk_size": chunk_size,
        "records": records,
        "executor": executor,
        "workers": workers,
        "scheduler": scheduler,
    }
    with ws.run(
        "escalation", scenario=scenario, seed=record, backend=backend, parameters=parameters
    ) as handle:

        def store(chunk: ChunkResult, offset: int) -> None:
            if records:
                handle.append_table("runs", records_table(params, chunk, offset))

        status = console.status(f"simulating {runs:,} crises on {backend}")
        with status if output is Output.text else contextlib.nullcontext():
            result = run_ensemble(
                scenario,
                runs,
                seed=record,
                backend=backend,
                chunk_size=chunk_size,
                on_chunk=store,
                executor=executor,
                workers=workers,
                scheduler=scheduler,
            )
        summary = result.to_dict()
        handle.write_json("summary", summary)
    summary["run_id"] = handle.id
    summary["scenario_hash"] = scenario.scenario_hash
    if output is Output.json:
        print_json(summary)
        return
    console.print(_outcome_table(summary["outcomes"], f"{scenario.name} — {runs:,} runs"))
    console.print(
        f"{result.run_steps_per_second:,.0f} run-steps/s on {backend}; run {handle.id}; "
        f"seed entropy {record.entropy}",
        markup=False,
    )


@app.command("compare")
def compare(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario file.")],
    runs: RunsOption = 10_000,
    seed: SeedOption = None,
    backend: BackendOption = "numpy",
    levers: Annotated[
        list[str] | None, typer.Option("--lever", "-l", help="Lever to compare (repeatable).")
    ] = None,
    chunk_size: ChunkOption = 65_536,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
    workspace: WorkspaceOption = None,
) -> None:
    """Compare levers with the baseline using common random numbers."""
    from bastion.compute import resolve_seed
    from bastion.escalation import compare_levers

    scenario = load_scenario(scenario_file)
    record = resolve_seed(seed)
    comparison: list[Comparison] = []

    def compute() -> dict[str, Any]:
        comparison.append(
            compare_levers(
                scenario, runs, levers=levers, seed=record, backend=backend, chunk_size=chunk_size
            )
        )
        return comparison[0].to_dict()

    data = _recorded(
        workspace,
        "escalation_compare",
        scenario,
        record,
        backend,
        {"runs": runs, "levers": levers, "chunk_size": chunk_size},
        compute,
        result="comparison",
        status=f"comparing levers on {runs:,} paired crises" if output is Output.text else None,
    )
    if output is Output.json:
        print_json(data)
        return
    table = Table(title=f"Lever effects vs baseline ({runs:,} paired runs)")
    for col in ("lever", "outcome", "baseline p", "lever p", "effect", "95% CI"):
        table.add_column(col, justify="right" if col not in ("lever", "outcome") else "left")
    stop = f"crossed:{scenario.crisis.stop_at}" if scenario.crisis.stop_at else "stopped"
    for e in comparison[0].effects:
        if e.outcome in (stop, "settled") or e.outcome.startswith("activated:"):
            table.add_row(
                e.lever,
                e.outcome,
                f"{e.p_baseline:.4f}",
                f"{e.p_lever:.4f}",
                f"{e.effect:+.4f}",
                f"[{e.ci_low:+.4f}, {e.ci_high:+.4f}]",
            )
    console.print(table)
    console.print(
        f"run {data['run_id']}; all outcomes: bastion runs show {data['run_id']}", markup=False
    )
    sys.stdout.flush()


@app.command("sensitivity")
def sensitivity(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario file.")],
    samples: Annotated[
        int, typer.Option("--samples", help="Saltelli base sample N (power of 2).")
    ] = 64,
    runs: Annotated[int, typer.Option("--runs", "-n", help="Crises per scenario variant.")] = 2_000,
    outcome: Annotated[
        str | None, typer.Option("--outcome", help="Outcome (default: the stopping threshold).")
    ] = None,
    seed: SeedOption = None,
    backend: BackendOption = "numpy",
    executor: ExecutorOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
    workspace: WorkspaceOption = None,
) -> None:
    """Sobol' indices of an outcome probability over the scenario's uncertain parameters."""
    from bastion.compute import resolve_seed
    from bastion.escalation.sensitivity import sobol_sensitivity

    scenario = load_scenario(scenario_file)
    record = resolve_seed(seed)
    executor = "dask" if scheduler else executor
    points = samples * (len(scenario.uncertain) + 2)
    data = _recorded(
        workspace,
        "escalation_sensitivity",
        scenario,
        record,
        backend,
        {"samples": samples, "runs": runs, "outcome": outcome, "executor": executor},
        lambda: sobol_sensitivity(
            scenario,
            outcome=outcome,
            samples=samples,
            runs=runs,
            seed=record,
            backend=backend,
            executor=executor,
            workers=workers,
            scheduler=scheduler,
        ).to_dict(),
        result="sensitivity",
        status=f"simulating {points:,} scenario variants x {runs:,} crises"
        if output is Output.text
        else None,
    )
    if output is Output.json:
        print_json(data)
        return
    table = Table(title=f"Sobol' indices of P({data['outcome']}) ({data['points']} variants)")
    for col in ("parameter", "first order S1", "total ST"):
        table.add_column(col, justify="left" if col == "parameter" else "right")
    for row in sorted(data["parameters"], key=lambda r: -r["ST"]):
        table.add_row(
            row["path"],
            f"{row['S1']:.3f} ± {row['S1_conf']:.3f}",
            f"{row['ST']:.3f} ± {row['ST_conf']:.3f}",
        )
    console.print(table)


@app.command("calibrate")
def calibrate(
    scenario_file: Annotated[
        Path, typer.Argument(help="Scenario file (priors under 'uncertain').")
    ],
    dcid: Annotated[
        Path | None, typer.Option("--dcid", help="DCID 2.0 incidents CSV (severity).")
    ] = None,
    mid: Annotated[
        Path | None, typer.Option("--mid", help="COW MID dispute-level CSV (hostlev).")
    ] = None,
    icb: Annotated[
        Path | None, typer.Option("--icb", help="ICB actor-level CSV (trgresra).")
    ] = None,
    icb_days: Annotated[float, typer.Option(help="Response window for the ICB target (days).")] = 7,
    draws: Annotated[int, typer.Option(help="Parameter draws from the priors.")] = 200,
    accept: Annotated[float, typer.Option(help="Fraction of closest draws kept.")] = 0.1,
    runs: Annotated[int, typer.Option("--runs", "-n", help="Crises per draw.")] = 2_000,
    seed: SeedOption = None,
    backend: BackendOption = "numpy",
    executor: ExecutorOption = "local",
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
    workspace: WorkspaceOption = None,
) -> None:
    """Fit the scenario's uncertain parameters to DCID, COW MID and ICB data (ABC)."""
    from bastion.compute import resolve_seed
    from bastion.escalation.calibration import Target, dcid_target, icb_target, mid_target
    from bastion.escalation.calibration import calibrate as fit

    scenario = load_scenario(scenario_file)

    def icb_for_scenario(path: Path) -> Target:
        return icb_target(path, days=icb_days, step=scenario.time.step)

    builders: dict[str, tuple[Path | None, Callable[[Path], Target]]] = {
        "dcid": (dcid, dcid_target),
        "mid": (mid, mid_target),
        "icb": (icb, icb_for_scenario),
    }
    targets, sources = [], {}
    for name, (path, build) in builders.items():
        if path is not None:
            targets.append(build(path))
            sources[name] = str(path)
    if not targets:
        raise ParameterError("give at least one target: --dcid FILE, --mid FILE or --icb FILE")
    record = resolve_seed(seed)
    executor = "dask" if scheduler else executor
    data = _recorded(
        workspace,
        "escalation_calibration",
        scenario,
        record,
        backend,
        {
            "targets": [t.name for t in targets],
            "draws": draws,
            "accept": accept,
            "runs": runs,
            "executor": executor,
        },
        lambda: fit(
            scenario,
            targets,
            draws=draws,
            accept=accept,
            runs=runs,
            seed=record,
            backend=backend,
            executor=executor,
            workers=workers,
            scheduler=scheduler,
        ).to_dict(),
        result="calibration",
        status=f"simulating {draws} parameter draws x {runs:,} crises"
        if output is Output.text
        else None,
        provenance={"data": sources},
    )
    if output is Output.json:
        print_json(data)
        return
    table = Table(title=f"Posterior ({data['accepted']} of {data['draws']} draws kept)")
    for col in ("parameter", "best", "mean", "90% interval", "prior sd"):
        table.add_column(col, justify="left" if col == "parameter" else "right")
    for row in data["parameters"]:
        table.add_row(
            row["path"],
            f"{row['best']:.3g}",
            f"{row['mean']:.3g}",
            f"[{row['q05']:.3g}, {row['q95']:.3g}]",
            f"{row['prior_sd']:.3g}",
        )
    console.print(table)
    fit_table = Table(title=f"Fit at the best draw: chi2 = {data['chi2']:.1f}")
    for col in ("target", "observed", "simulated"):
        fit_table.add_column(col)
    for row in data["fit"]:
        sim = "never" if row["simulated"] is None else f"{row['simulated']:.3f}"
        fit_table.add_row(row["target"], f"{row['observed']:.3f} (n={row['observed_n']})", sim)
    console.print(fit_table)
