"""``bastion warning``: event-data early warning."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from bastion.cli._common import console, print_json
from bastion.cli._network_io import Output
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
