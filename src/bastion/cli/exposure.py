"""``bastion exposure``: supply concentration and geopolitical supply risk."""

from __future__ import annotations

import importlib.util
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from bastion.cli._common import console, print_json

__all__ = ["app"]

app = typer.Typer(
    help="Exposure: supply risk, concentration and infrastructure cascades.", no_args_is_help=True
)


class Output(StrEnum):
    """Output of exposure commands."""

    text = "text"
    json = "json"


def _importer_identity(iso3: str, code: str | None) -> tuple[str | None, str | None, list[str]]:
    """Numeric code and name under which the importer may appear in a production table."""
    notes: list[str] = []
    name = None
    if importlib.util.find_spec("pycountry") is not None:
        import pycountry

        country = pycountry.countries.get(alpha_3=iso3.upper())
        if country is not None:
            code = code or str(int(country.numeric))
            name = country.name
    elif code is None:
        notes.append(
            "the importer's own production could not be looked up by ISO3 without "
            "pycountry: pass --importer-code (the code used in the production table) or "
            "install 'bastion[geo]'"
        )
    return code, name, notes


@app.command("supply")
def supply(
    imports: Annotated[
        Path, typer.Argument(help="Per-partner imports: i,country_iso3,qty_t,cif_kusd,wgi_norm.")
    ],
    production: Annotated[
        Path, typer.Option("--production", help="Production by country, one column per year.")
    ],
    importer: Annotated[
        str, typer.Option("--importer", help="ISO3 code of the importing country.")
    ],
    importer_code: Annotated[
        str | None,
        typer.Option("--importer-code", help="The importer's code in the production table."),
    ] = None,
    year: Annotated[
        str | None, typer.Option(help="Production year column [default: latest].")
    ] = None,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
) -> None:
    """GeoPolRisk of one commodity for one importer: score = HHI x import risk."""
    from bastion.exposure import geopolrisk
    from bastion.io.trade import read_imports, read_production

    table = read_imports(imports)
    prod = read_production(production, year=year)
    code, name, notes = _importer_identity(importer, importer_code)
    result = geopolrisk(table, prod, importer.upper(), importer_code=code, importer_name=name)
    data: dict[str, Any] = result.to_dict()
    if result.domestic_production_matched is None and not notes:
        notes.append(f"{importer} has no row in the production table: domestic production 0")
    data["notes"] = notes
    if output is Output.json:
        print_json(data)
        return
    console.print(
        f"GeoPolRisk {importer} {result.year}: score {result.score:.10f} = HHI "
        f"{result.hhi:.10f} x import risk {result.import_risk:.10f}",
        markup=False,
    )
    top = Table("partner", "quantity", "stability risk", "share of score", title="Largest partners")
    for p in result.partners[:10]:
        top.add_row(
            p["partner"],
            f"{p['quantity']:,.1f}",
            f"{p['stability_risk']:.3f}",
            f"{p['contribution_to_score'] / result.score:.1%}" if result.score else "—",
        )
    console.print(top)
    for note in notes:
        console.print(f"note: {note}", markup=False)


@app.command("cascade")
def cascade(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario file (sectors with depends_on).")],
    shock: Annotated[
        list[str],
        typer.Option("--shock", help="SECTOR=INOPERABILITY, e.g. nmr_energy=0.3 (repeatable)."),
    ],
    steps: Annotated[int, typer.Option(help="Time steps to follow.")] = 30,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
) -> None:
    """Cascade of a sector outage across interdependent sectors (dynamic IIM)."""
    from bastion.errors import ParameterError
    from bastion.exposure.iim import scenario_cascade
    from bastion.scenario import load_scenario

    scenario = load_scenario(scenario_file)
    shocks: dict[str, float] = {}
    for item in shock:
        sector, sep, value = item.partition("=")
        try:
            shocks[sector] = float(value) if sep else float("nan")
        except ValueError:
            shocks[sector] = float("nan")
        if shocks[sector] != shocks[sector]:
            raise ParameterError(f"--shock must look like SECTOR=0.3; got {item!r}")
    ids, path = scenario_cascade(scenario, shocks, steps)
    if output is Output.json:
        print_json(
            {
                "step": scenario.time.step,
                "sectors": ids,
                "inoperability": path.tolist(),
                "peak": dict(zip(ids, path.max(axis=0).tolist(), strict=True)),
                "inoperability_steps": dict(zip(ids, path[1:].sum(axis=0).tolist(), strict=True)),
            }
        )
        return
    table = Table(
        "sector",
        "peak",
        "at step",
        f"after {steps} steps",
        "inoperability-steps",
        title=f"Cascade over {steps} {scenario.time.step}s",
    )
    for j, sector in enumerate(ids):
        table.add_row(
            sector,
            f"{path[:, j].max():.3f}",
            str(int(path[:, j].argmax())),
            f"{path[-1, j]:.3f}",
            f"{path[1:, j].sum():.2f}",
        )
    console.print(table)


@app.command("suppliers")
def suppliers(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario file (with suppliers).")],
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
) -> None:
    """Supplier concentration, reliability, obsolescence and dependence per capability."""
    from bastion.exposure import supplier_exposure
    from bastion.scenario import load_scenario

    rows = supplier_exposure(load_scenario(scenario_file))
    if output is Output.json:
        print_json({"rows": rows})
        return
    table = Table(
        "customer",
        "category",
        "HHI",
        "largest",
        "expected delivery",
        "obsolescence",
        "single points of failure",
        "adversary share",
        "allied share",
    )
    for r in rows:
        table.add_row(
            r["customer"],
            r["category"],
            f"{r['hhi']:.3f}",
            f"{r['top_supplier']} ({r['top_share']:.0%})",
            f"{r['expected_delivery']:.2f}",
            f"{r['obsolescence']:.2f}",
            ", ".join(r["single_points_of_failure"]) or "—",
            f"{r['adversary_share']:.0%}",
            f"{r['allied_share']:.0%}",
        )
    console.print(table)


class TableFormat(StrEnum):
    """Output of ``bastion exposure inform``."""

    csv = "csv"
    json = "json"
    text = "text"


@app.command("inform")
def inform(
    workbook: Annotated[
        Path, typer.Argument(help="INFORM Risk workbook (.xlsx) or its 'Indicator Data' CSV.")
    ],
    output: Annotated[
        TableFormat, typer.Option("--format", "-f", help="csv, json or text.")
    ] = TableFormat.text,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="Also write an HTML report (scores, decomposition, "
            "rank uncertainty, Sobol' indices).",
        ),
    ] = None,
    replications: Annotated[
        int, typer.Option(help="Monte Carlo replications for --report.")
    ] = 10_000,
    noise: Annotated[
        float, typer.Option(help="Category noise (sd, 0-10 scale) for --report.")
    ] = 0.3,
    focus: Annotated[str | None, typer.Option(help="ISO3 of the country to decompose.")] = None,
    seed: Annotated[int | None, typer.Option("--seed", "-s", help="Random seed.")] = None,
) -> None:
    """Recompute INFORM Risk from the workbook's raw indicators, one row per country."""
    import csv
    import sys

    from bastion.exposure.inform import INFORM_LEVELS, inform_risk, read_inform_indicators

    indicators = read_inform_indicators(workbook)
    levels = inform_risk(indicators)
    columns = [*INFORM_LEVELS, *sorted(k for k in levels if k not in INFORM_LEVELS)]

    def cell(value: float) -> Any:
        return None if value != value else round(float(value), 6)  # NaN -> empty

    rows = [
        {"iso3": iso3, **{c: cell(levels[c][i]) for c in columns}}
        for i, iso3 in enumerate(indicators.iso3)
    ]
    if report is not None:
        path = _inform_report(
            indicators.iso3, levels, report, replications, noise, focus, seed, workbook
        )
        console.print(f"report written to {path}", markup=False)
    if output is TableFormat.json:
        print_json({"rows": rows})
    elif output is TableFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=["iso3", *columns], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        table = Table(
            "iso3",
            "risk",
            "hazard & exposure",
            "vulnerability",
            "lack of coping",
            title=f"INFORM Risk recomputed from {workbook.name}",
        )
        for row in sorted(rows, key=lambda r: -(r["risk"] or 0))[:25]:
            table.add_row(row["iso3"], *(f"{row[c]:.1f}" for c in INFORM_LEVELS))
        console.print(table)
        console.print(f"{len(rows)} countries; --format csv for all of them and every level")


@app.command("alliance")
def alliance(
    scenario_file: Annotated[Path, typer.Argument(help="Scenario file.")],
    actor: Annotated[str, typer.Option("--actor", help="Id of the protected actor.")],
    runs: Annotated[int, typer.Option("--runs", "-n", help="Crises per variant.")] = 20_000,
    resilience_lever: Annotated[
        str | None,
        typer.Option("--resilience-lever", help="Lever to try instead of the alliance."),
    ] = None,
    seed: Annotated[int | None, typer.Option("--seed", "-s", help="Random seed.")] = None,
    output: Annotated[Output, typer.Option("--format", "-f", help="text or json.")] = Output.text,
) -> None:
    """Alliance dependence by domain, and escalation with vs without the alliance."""
    from bastion.exposure.alliances import alliance_dependence, alliance_value
    from bastion.scenario import load_scenario

    scenario = load_scenario(scenario_file)
    dependence = alliance_dependence(scenario, actor)
    comparison = alliance_value(scenario, actor, runs, resilience_lever=resilience_lever, seed=seed)
    if output is Output.json:
        print_json({"dependence": dependence, "value": comparison.to_dict()})
        return
    table = Table(
        "domain",
        "own",
        "allied (expected)",
        "allied share",
        title=f"Alliance dependence of {actor}",
    )
    for row in dependence:
        table.add_row(
            row["domain"], f"{row['own']:.2f}", f"{row['allied']:.2f}", f"{row['allied_share']:.0%}"
        )
    console.print(table)
    stop = f"crossed:{scenario.crisis.stop_at}" if scenario.crisis.stop_at else "settled"
    value = Table(
        "variant",
        f"P({stop})",
        "change vs with alliance",
        "95% CI",
        title=f"What the alliance adds ({runs:,} paired crises)",
    )
    baseline = next(e.p_baseline for e in comparison.effects if e.outcome == stop)
    value.add_row("with the alliance (baseline)", f"{baseline:.3f}", "—", "—")
    for e in comparison.effects:
        if e.outcome == stop:
            value.add_row(
                e.lever,
                f"{e.p_lever:.3f}",
                f"{e.effect:+.3f}",
                f"[{e.ci_low:+.3f}, {e.ci_high:+.3f}]",
            )
    console.print(value)


def _inform_report(
    iso3: list[str],
    levels: dict[str, Any],
    path: Path,
    replications: int,
    noise: float,
    focus: str | None,
    seed: int | None,
    workbook: Path,
) -> Path:
    """INFORM report: scores and classes, decomposition, rank uncertainty, Sobol' bars."""
    from bastion.exposure import inform_upper_levels
    from bastion.exposure.composite import evaluate
    from bastion.exposure.index_report import index_sections
    from bastion.exposure.uncertainty import Uncertainty, monte_carlo, sobol_sensitivity
    from bastion.report import render_report, write_report

    root = inform_upper_levels()
    categories = [
        "natural",
        "human",
        "socio_economic_vulnerability",
        "vulnerable_groups",
        "institutional",
        "infrastructure",
    ]
    table = {c: levels[c] for c in categories}
    uncertainty = Uncertainty(
        noise={c: noise for c in categories},
        weight_concentration=20.0,
        methods={"risk": ["geometric", "arithmetic"]},
    )
    with console.status(f"{replications:,} Monte Carlo replications and Sobol' analysis"):
        mc = monte_carlo(root, table, uncertainty, units=iso3, replications=replications, seed=seed)
        sobol = None
        if importlib.util.find_spec("SALib") is not None:
            sobol = sobol_sensitivity(root, table, uncertainty, units=iso3, samples=128, seed=seed)
    sections = index_sections(
        root, table, evaluate(root, table), iso3, monte_carlo=mc, sobol=sobol, focus=focus
    )
    document = render_report(
        "INFORM Risk recomputed", sections, subtitle="From the workbook's raw indicators (Bastion)"
    )
    return write_report(path, document)


@app.command("index")
def index(
    spec_file: Annotated[Path, typer.Argument(help="Index file: unit, indicators, index.")],
    data: Annotated[Path, typer.Argument(help="Indicator table (CSV, one row per unit).")],
    output: Annotated[
        TableFormat, typer.Option("--format", "-f", help="csv, json or text.")
    ] = TableFormat.text,
) -> None:
    """Compute a composite index defined in a YAML file from an indicator table."""
    import csv
    import sys

    from bastion.exposure.composite import evaluate
    from bastion.exposure.index_file import load_index_spec, prepare_indicators
    from bastion.exposure.uncertainty import rank_units
    from bastion.io.indicators import read_indicator_table

    spec = load_index_spec(spec_file)
    root = spec.index.to_node()
    leaves = sorted({c for n in root.walk() for c in n.children if isinstance(c, str)})
    units, raw = read_indicator_table(data, unit=spec.unit, columns=leaves)
    table, notes = prepare_indicators(spec, raw)
    scores = evaluate(root, table)
    nodes = [n.id for n in reversed(root.walk())]
    columns = [*nodes, *leaves]  # aggregates, then the normalised indicators
    rank = rank_units(scores[root.id])
    rows = [
        {
            spec.unit: u,
            "rank": int(rank[i]),
            **{n: (None if scores[n][i] != scores[n][i] else float(scores[n][i])) for n in columns},
        }
        for i, u in enumerate(units)
    ]
    if output is TableFormat.json:
        print_json({"rows": rows, "notes": notes})
        return
    if output is TableFormat.csv:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=[spec.unit, "rank", *columns], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        return
    table_out = Table(spec.unit, "rank", *nodes[:6], title=root.name or root.id)
    for i in sorted(range(len(units)), key=lambda k: int(rank[k]))[:25]:
        cells = [scores[n][i] for n in nodes[:6]]
        table_out.add_row(
            units[i], str(int(rank[i])), *("—" if c != c else f"{c:.2f}" for c in cells)
        )
    console.print(table_out)
    for note in notes:
        console.print(f"note: {note}", markup=False)
