"""``bastion network interdict`` and ``trace``: cutting flows and following money."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from bastion.cli.network._app import (
    DelimiterOption,
    DirectedOption,
    FormatOption,
    HtmlOption,
    InputFormat,
    InputFormatOption,
    InputsArgument,
    LayersOption,
    NamesOption,
    Output,
    PhaseOption,
    SourceCol,
    Split,
    SplitOption,
    TargetCol,
    WeightCol,
    app,
    columns,
    csv_list,
    emit,
    load,
    parse_pairs,
    provenance,
    write_html,
)
from bastion.errors import ParameterError

__all__: list[str] = []


class Unit(StrEnum):
    """What interdiction removes."""

    tie = "tie"
    actor = "actor"


@app.command("interdict")
def interdict(
    inputs: InputsArgument,
    source: Annotated[list[str], typer.Option("--source", "-s", help="Supplier (repeatable).")],
    sink: Annotated[list[str], typer.Option("--sink", "-t", help="Recipient (repeatable).")],
    budget: Annotated[
        float, typer.Option(help="Interdiction budget (a count with unit costs).")
    ] = 1.0,
    unit: Annotated[Unit, typer.Option(help="Remove ties or actors.")] = Unit.tie,
    cost: Annotated[
        list[str] | None, typer.Option(help="Cost of removing an actor, NAME=COST (repeatable).")
    ] = None,
    input_format: InputFormatOption = InputFormat.auto,
    split: SplitOption = Split.phases,
    names: NamesOption = None,
    directed: DirectedOption = None,
    source_col: SourceCol = None,
    target_col: TargetCol = None,
    weight_col: WeightCol = None,
    delimiter: DelimiterOption = None,
    phase: PhaseOption = None,
    layers: LayersOption = None,
    html: HtmlOption = None,
    output: FormatOption = Output.text,
) -> None:
    """Max flow and min cut from suppliers to recipients, and the best cut within a budget.

    Tie weights are capacities; the ties or actors removed are Wood's optimal choice.
    """
    from bastion.networks import interdict as solve
    from bastion.networks import max_flow

    ties, _ = load(
        inputs,
        input_format,
        split,
        names,
        directed,
        **columns(source_col, target_col, weight_col, delimiter),
    )
    net = ties.snapshot(phase, layers=csv_list(layers))
    costs = parse_pairs(cost, "--cost")
    if costs and unit is Unit.tie:
        raise ParameterError("--cost prices actors; use it with --unit actor")
    flow = max_flow(net, source, sink)
    result = solve(net, source, sink, budget, unit=unit.value, costs=costs or None)
    curve = [flow.value]
    for b in range(1, int(budget) + 1):
        curve.append(solve(net, source, sink, b, unit=unit.value, costs=costs or None).flow_after)
    data = {"max_flow": flow.to_dict(), "interdiction": result.to_dict(), "curve": curve}
    if html is not None:
        from bastion.networks.report import curves_section

        section = curves_section(
            "network-interdiction",
            "Interdiction: flow left against budget",
            {f"optimal {unit.value} interdiction": curve},
            x_title="budget",
            y_title="maximum flow left",
            summary="Wood's (1993) optimal interdiction at each budget.",
        )
        write_html(html, "Network interdiction", [section], provenance(inputs))
    rows = [
        {"removed": " - ".join(x) if isinstance(x, list) else x}
        for x in result.to_dict()["removed"]
    ]
    emit(
        data,
        rows,
        output,
        title=f"{unit.value}s to remove (budget {budget:g})",
        lines=[
            f"maximum flow {flow.value:.4g}; minimum cut: "
            + ", ".join(f"{a} -> {b}" for a, b in flow.cut),
            f"after interdiction: {result.flow_after:.4g} "
            f"({result.flow_before - result.flow_after:.4g} less) at cost {result.cost:g}",
        ],
    )


class Rule(StrEnum):
    """Taint rules."""

    haircut = "haircut"
    fifo = "fifo"


@app.command("trace")
def trace(
    transactions: Annotated[Path, typer.Argument(help="Transfers: source, target, amount, time.")],
    source: Annotated[str, typer.Option("--source", "-s", help="Where the money starts.")],
    sink: Annotated[
        str | None, typer.Option("--sink", "-t", help="Where it should arrive.")
    ] = None,
    dirty: Annotated[
        list[str] | None,
        typer.Option(help="Illicit opening balance NAME=AMOUNT (repeatable) [default: none]."),
    ] = None,
    rule: Annotated[Rule, typer.Option(help="Taint rule.")] = Rule.haircut,
    output: FormatOption = Output.text,
) -> None:
    """Follow the money: reach in time, greedy flow to a sink, taint (haircut or FIFO)."""
    from bastion.io.edgelist import read_edgelist
    from bastion.networks import Transactions, earliest_arrival, greedy_flow, taint

    stream = Transactions.from_edgelist(read_edgelist(transactions))
    actors = set(stream.senders) | set(stream.receivers)
    for name in [source, *([sink] if sink else [])]:
        if name not in actors:
            raise ParameterError(f"{name!r} makes no transfer in {transactions}")
    reach = earliest_arrival(stream, source)
    data: dict[str, Any] = {"source": source, "reach": reach}
    if sink is not None:
        flow = greedy_flow(stream, source, sink)
        data["flow"] = {
            "sink": sink,
            "value": flow["flow"],
            "held": flow["held"],
            "carried": flow["carried"].tolist(),
        }
    balances = parse_pairs(dirty, "--dirty") or {source: float(stream.amounts.sum())}
    traced = taint(stream, balances, rule=rule.value)
    traced["carried"] = traced["carried"].tolist()
    data["taint"] = traced
    rows = [
        {
            "actor": a,
            "arrival": reach.get(a, {}).get("arrival"),
            "held": traced["held"].get(a, 0.0),
            "tainted": traced["tainted"].get(a, 0.0),
        }
        for a in sorted(actors, key=lambda x: -traced["tainted"].get(x, 0.0))
    ]
    lines = [f"greedy flow {source} -> {sink}: {data['flow']['value']:.4g}"] if sink else []
    emit(data, rows, output, title=f"Money from {source} ({rule.value})", lines=lines)
