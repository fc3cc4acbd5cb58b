"""``bastion warning``: event-data early warning."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from bastion.cli._common import Format as Output
from bastion.cli._common import (
    WorkspaceOption,
    console,
    open_workspace,
    plain,
    print_json,
    write_html,
)
from bastion.errors import ParameterError

__all__ = ["app"]

app = typer.Typer(
    help="Early warning: import events, indicators, forecasts, alerts and honest backtests.",
    no_args_is_help=True,
)


@app.command("challenge")
def challenge(
    folder: Annotated[
        Path, typer.Argument(help="The ViEWS 2023/24 challenge folder (country-month).")
    ],
    years: Annotated[
        str, typer.Option(help="Comma-separated windows (calendar years).")
    ] = "2018,2019,2020,2021",
    models: Annotated[
        str | None, typer.Option(help="Comma-separated Bastion models [default: all].")
    ] = None,
    draws: Annotated[int, typer.Option(help="Samples per country-month.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    html: Annotated[Path | None, typer.Option("--html", help="Also write an HTML report.")] = None,
    output: Annotated[
        Output, typer.Option("--format", "-f", help="text, json or csv.")
    ] = Output.text,
) -> None:
    """Backtest on the ViEWS challenge: CRPS, ignorance and interval score per window."""
    from bastion.io.views import read_challenge
    from bastion.warning.challenge import default_models, run_challenge

    try:
        windows = [int(y) for y in years.split(",") if y.strip()]
    except ValueError:
        raise ParameterError(f"--years must be comma-separated years; got {years!r}") from None
    if draws < 10:
        raise ParameterError(f"--draws must be at least 10; got {draws}")
    available = default_models(seed)
    chosen = available
    if models is not None:
        names = [m.strip() for m in models.split(",") if m.strip()]
        unknown = [m for m in names if m not in available]
        if unknown:
            raise ParameterError(
                f"unknown model(s) {', '.join(unknown)}; expected: {', '.join(available)}"
            )
        chosen = {m: available[m] for m in names}
    result = run_challenge(
        read_challenge(folder), years=windows, models=chosen, draws=draws, seed=seed
    )
    if html is not None:
        from bastion.warning.report import backtest_section

        write_html(
            html,
            "Early-warning backtest",
            [backtest_section(result["results"])],
            {"challenge data": str(folder), "draws": draws, "seed": seed},
        )
    if output is Output.json:
        print_json(result)
        return
    if output is Output.csv:
        import csv
        import sys

        writer = csv.DictWriter(
            sys.stdout,
            ["window", "model", "crps", "ign", "mis", "recommended"],
            lineterminator="\n",
        )
        writer.writeheader()
        for row in result["results"]:
            writer.writerow({**row, "recommended": bool(row.get("recommended"))})
        return
    table = Table("window", "model", "CRPS", "IGN", "MIS", title="ViEWS 2023/24 challenge backtest")
    for row in result["results"]:
        star = " (recommended)" if row.get("recommended") else ""
        table.add_row(
            str(row["window"]),
            row["model"] + star,
            f"{row['crps']:.2f}",
            f"{row['ign']:.3f}",
            f"{row['mis']:.1f}",
        )
    console.print(table)
    for note in result["notes"]:
        console.print(f"note: {note}")


@app.command("import")
def import_events(
    files: Annotated[list[Path], typer.Argument(help="UCDP GED (CSV, GeoJSON) or ACLED files.")],
    source: Annotated[str, typer.Option(help="ucdp, acled or auto (from the columns).")] = "auto",
    workspace: WorkspaceOption = None,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
) -> None:
    """Import events into the workspace's event store (idempotent; bad rows quarantined)."""
    from bastion.warning.alerts import evaluate_rules
    from bastion.warning.store import EventStore

    if source not in ("auto", "ucdp", "acled"):
        raise ParameterError(f"--source must be ucdp, acled or auto; got {source!r}")
    store = EventStore(open_workspace(workspace))
    summaries = [store.import_file(f, source=source) for f in files]
    alerts = evaluate_rules(store)
    if output is Output.json:
        print_json({"imports": summaries, "alerts": alerts, "events": store.count()})
        return
    table = Table(
        "file",
        "source",
        "rows",
        "imported",
        "already present",
        "quarantined",
        "possible duplicates",
        title="Import",
    )
    for s in summaries:
        table.add_row(
            Path(s["file"]).name,
            s["source"],
            str(s["rows"]),
            str(s["imported"]),
            str(s["already_present"]),
            str(s["quarantined"]),
            str(s["possible_duplicates"]),
        )
    console.print(table)
    for s in summaries:
        for reason, count in s["quarantine_reasons"].items():
            console.print(f"quarantined in {Path(s['file']).name}: {count} x {reason}")
    if any(s["quarantined"] for s in summaries):
        console.print("see the quarantined rows with `bastion warning quarantine`")
    for alert in alerts:
        console.print(f"ALERT {alert['rule']}: {alert['message']}", style="bold red")
    console.print(f"{store.count()} events in {store.path}")


@app.command("quarantine")
def quarantine(
    limit: Annotated[int, typer.Option(help="Rows to show.")] = 50,
    workspace: WorkspaceOption = None,
    output: Annotated[
        Output, typer.Option("--format", "-f", help="text, json or csv.")
    ] = Output.text,
) -> None:
    """Rows that were not imported: file, data row, event id, reason and value."""
    from bastion.warning.store import EventStore

    rows = EventStore(open_workspace(workspace)).quarantined(limit)
    if output is Output.json:
        print_json(rows)
        return
    table = Table("file", "data row", "event id", "reason", "value", title="Quarantine")
    for r in rows:
        table.add_row(
            Path(r["file"]).name,
            str(r["row_number"]),
            str(r["source_event_id"]),
            r["reason"],
            str(r["value"]),
        )
    console.print(table)


def _indicator_table(workspace: Path | None, level: str) -> tuple[Any, dict[str, Any]]:
    from bastion.warning.indicators import unit_months
    from bastion.warning.store import EventStore

    store = EventStore(open_workspace(workspace))
    if store.count() == 0:
        raise ParameterError(
            f"no events in {store.path}; import some with `bastion warning import FILE`"
        )
    with store.connect(read_only=True) as con:
        return store, unit_months(con, level)


@app.command("indicators")
def indicators(
    level: Annotated[str, typer.Option(help="country, admin1 or priogrid.")] = "country",
    unit: Annotated[str | None, typer.Option(help="Only this unit (e.g. SYR).")] = None,
    last: Annotated[int, typer.Option(help="Text output: the last N months.")] = 1,
    by_type: Annotated[
        bool, typer.Option("--by-type", help="Events and fatalities by event and sub-event type.")
    ] = False,
    workspace: WorkspaceOption = None,
    output: Annotated[
        Output, typer.Option("--format", "-f", help="text, json or csv.")
    ] = Output.text,
) -> None:
    """Indicators per unit-month: counts, fatalities, weapons, mobilisation, actors, surges."""
    import csv
    import sys

    import numpy as np

    store, table = _indicator_table(workspace, level)
    if by_type:
        from bastion.warning.indicators import by_type as breakdown

        with store.connect(read_only=True) as con:
            table = breakdown(con, level)
    keep = np.ones(len(table["unit"]), dtype=bool)
    if unit is not None:
        keep = table["unit"] == unit
        if not keep.any():
            raise ParameterError(f"no unit {unit!r} at level {level}")
    if output is not Output.csv:
        keep &= table["month_id"] > table["month_id"].max() - last
    rows = [{k: plain(v[i]) for k, v in table.items()} for i in np.flatnonzero(keep)]
    if output is Output.json:
        print_json(rows)
    elif output is Output.csv:
        writer = csv.DictWriter(sys.stdout, list(table), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        shown = [
            "unit",
            "month_id",
            "events",
            "fatalities",
            "weapons",
            "mobilisation",
            "new_dyads",
            "diffusion",
            "fatalities_z12",
        ]
        t = Table(*shown, title=f"Indicators ({level})")
        for r in sorted(rows, key=lambda r: -r["fatalities"])[:40]:
            t.add_row(*(f"{r[c]:.3g}" if isinstance(r[c], float) else str(r[c]) for c in shown))
        console.print(t)


@app.command("forecast")
def forecast(
    model: Annotated[str, typer.Option(help="Model name, or 'recommended'.")] = "recommended",
    horizon: Annotated[int, typer.Option(help="Months ahead.")] = 12,
    draws: Annotated[int, typer.Option(help="Samples per unit-month.")] = 1000,
    exceed: Annotated[float, typer.Option(help="Fatalities whose exceedance is reported.")] = 25.0,
    level: Annotated[str, typer.Option(help="country, admin1 or priogrid.")] = "country",
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    html: Annotated[Path | None, typer.Option("--html", help="Also write an HTML report.")] = None,
    workspace: WorkspaceOption = None,
    output: Annotated[
        Output, typer.Option("--format", "-f", help="text, json or csv.")
    ] = Output.text,
) -> None:
    """Probabilistic forecasts of fatalities per unit-month from the imported events."""
    import numpy as np

    from bastion.compute import resolve_seed
    from bastion.warning.challenge import RECOMMENDED, default_models
    from bastion.warning.forecast import forecast as run_forecast
    from bastion.warning.forecast import panel_from_table
    from bastion.warning.panel import month_label

    models = default_models(seed)
    name = RECOMMENDED if model == "recommended" else model
    if name not in models:
        raise ParameterError(
            f"unknown model {model!r}; expected recommended or one of: {', '.join(models)}"
        )
    store, table = _indicator_table(workspace, level)
    panel, dropped = panel_from_table(table)
    result = run_forecast(
        panel, models[name](), horizon=horizon, draws=draws, exceed=exceed, seed=seed
    )
    rows = [
        {
            "unit": str(u),
            "month_id": int(m),
            "mean": float(result["mean"][i, k]),
            "median": float(result["median"][i, k]),
            "q05": float(result["q05"][i, k]),
            "q95": float(result["q95"][i, k]),
            f"p_ge_{exceed:g}": float(result["p_exceed"][i, k]),
        }
        for i, u in enumerate(result["units"])
        for k, m in enumerate(result["months"])
    ]
    record = resolve_seed(seed)
    with store.workspace.run(
        "warning",
        seed=record,
        backend="numpy",
        parameters={
            "model": name,
            "horizon": horizon,
            "draws": draws,
            "exceed": exceed,
            "level": level,
        },
        provenance={"event_store": str(store.path), "events": store.count()},
    ) as run:
        n_units, n_steps, n_draws = result["samples"].shape
        run.write_table(
            "samples",
            {
                "unit": np.repeat(result["units"].astype(str), n_steps * n_draws),
                "month_id": np.tile(np.repeat(result["months"], n_draws), n_units),
                "draw": np.tile(np.arange(n_draws), n_units * n_steps),
                "fatalities": result["samples"].ravel(),
            },
        )
        run.write_table("summary", {k: [r[k] for r in rows] for k in rows[0]})
    if html is not None:
        _forecast_report(html, store, result, panel, name)
    if output is Output.json:
        print_json(
            {"run": run.id, "model": name, "seed": seed, "forecasts": rows, "not_forecast": dropped}
        )
        return
    if output is Output.csv:
        import csv
        import sys

        writer = csv.DictWriter(sys.stdout, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return
    first: list[dict[str, Any]] = [r for r in rows if r["month_id"] == int(result["months"][0])]
    t = Table(
        "unit",
        "month",
        "mean",
        "median",
        "90% interval",
        f"P(>= {exceed:g})",
        title=f"Forecast ({name}), next month",
    )
    for r in sorted(first, key=lambda r: -float(r["mean"]))[:30]:
        t.add_row(
            str(r["unit"]),
            str(r["month_id"]),
            f"{r['mean']:.1f}",
            f"{r['median']:.0f}",
            f"{r['q05']:.0f}-{r['q95']:.0f}",
            f"{r[f'p_ge_{exceed:g}']:.2f}",
        )
    console.print(t)
    console.print(f"run {run.id} recorded (seed {seed}, {draws} draws, model {name})")
    if dropped:
        console.print(
            f"not forecast ({len(dropped)}): the data for {', '.join(dropped[:10])} ends before "
            f"{month_label(panel.last_month)}"
        )


def _forecast_report(path: Path, store: Any, result: dict[str, Any], panel: Any, name: str) -> None:
    from bastion.warning.report import alerts_section, fan_section, map_section

    sections = [s for s in (map_section(result, store.sample_points(5000)),) if s is not None]
    sections += [fan_section(result, panel), alerts_section(store.alerts())]
    write_html(path, f"Early warning: {name}", sections, {"event store": str(store.path)})


@app.command("alerts")
def alerts(
    rules: Annotated[
        Path | None, typer.Option(help="YAML rules to evaluate now [default: the built-in rules].")
    ] = None,
    evaluate: Annotated[bool, typer.Option(help="Evaluate the rules now, then list.")] = False,
    workspace: WorkspaceOption = None,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
) -> None:
    """The alert log (rules run on every import; --evaluate or --rules runs them now)."""
    from bastion.warning.alerts import DEFAULT_RULES, evaluate_rules, read_rules
    from bastion.warning.store import EventStore

    store = EventStore(open_workspace(workspace))
    if rules is not None or evaluate:
        evaluate_rules(store, read_rules(rules) if rules is not None else DEFAULT_RULES)
    logged = store.alerts()
    if output is Output.json:
        print_json(logged)
        return
    t = Table("raised", "rule", "unit", "month", "why", title="Alerts")
    for a in logged:
        t.add_row(str(a["raised_at"])[:16], a["rule"], a["unit"], str(a["month_id"]), a["message"])
    console.print(t)
