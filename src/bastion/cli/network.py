"""``bastion network``: analyses of clandestine networks."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from bastion._version import __version__
from bastion.cli._network_io import (
    DirectedOption,
    FormatOption,
    InputFormat,
    InputFormatOption,
    InputsArgument,
    NamesOption,
    Output,
    Split,
    SplitOption,
    csv_list,
    emit,
    load,
    parse_pairs,
    write_html,
)
from bastion.errors import ParameterError

__all__ = ["app"]

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


def _columns(
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


def _provenance(inputs: list[Path], **extra: Any) -> dict[str, Any]:
    return {"inputs": ", ".join(str(p) for p in inputs), "bastion": __version__, **extra}


class Strategy(StrEnum):
    """Node-removal strategies."""

    degree = "degree"
    betweenness = "betweenness"


@app.command("analyze")
def analyze(
    inputs: InputsArgument,
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
    sample: Annotated[
        int, typer.Option(help="Sampled betweenness from this many sources (0: exact).")
    ] = 0,
    key: Annotated[int, typer.Option("--key-players", help="Size of the key-player set.")] = 3,
    attributes: Annotated[
        Path | None, typer.Option(help="Node attribute table (CSV, id in the first column).")
    ] = None,
    group: Annotated[
        str | None, typer.Option(help="Attribute naming each actor's group (brokerage roles).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seed of Leiden and of betweenness sampling.")] = 0,
    top: Annotated[int, typer.Option(help="Actors shown in text output and reports.")] = 20,
    html: HtmlOption = None,
    output: FormatOption = Output.text,
) -> None:
    """Centralities, brokers, communities, key players and the phase timeline."""
    from bastion.io.netformats import check_attributes, read_attributes
    from bastion.networks import (
        centralisation,
        centrality,
        constraint,
        effective_size,
        fragmentation,
        gould_fernandez,
        key_players,
        leiden,
        profile,
        sampled_betweenness,
        track,
    )

    ties, found = load(
        inputs,
        input_format,
        split,
        names,
        directed,
        **_columns(source_col, target_col, weight_col, delimiter),
    )
    if attributes is not None:
        table = read_attributes(attributes)
        check_attributes(table, ties.edges, str(attributes))
        for node, values in table.items():
            found.setdefault(node, {}).update(values)
    net = ties.snapshot(phase, layers=csv_list(layers))
    n = len(net.labels)
    if n < 3:
        raise ParameterError(f"the network has {n} actor(s); analysis needs at least 3")
    measures = {
        m: centrality(net, m)
        for m in ("degree", "strength", "closeness", "eigenvector", "pagerank")
    }
    measures["betweenness"] = (
        sampled_betweenness(net, min(sample, n), seed=seed)
        if sample
        else centrality(net, "betweenness")
    )
    undirected = (
        net
        if not net.directed
        else type(net)(net.graph.to_undirected(multigraph=False), net.labels)
    )
    burt = {"constraint": constraint(undirected), "effective_size": effective_size(undirected)}
    communities = leiden(net, seed=seed)
    roles: dict[str, dict[str, int]] = {}
    if group is not None:
        missing = [x for x in net.labels if group not in found.get(x, {})]
        if missing:
            raise ParameterError(
                f"{len(missing)} actor(s) have no {group!r} attribute: {', '.join(missing[:10])}"
            )
        roles = gould_fernandez(net, {x: found[x][group] for x in net.labels})
    order = sorted(net.labels, key=lambda x: (-measures["betweenness"][x], net.index[x]))
    actors = [
        {
            "actor": x,
            **{
                m: measures[m][x]
                for m in (
                    "degree",
                    "strength",
                    "betweenness",
                    "closeness",
                    "eigenvector",
                    "pagerank",
                )
            },
            **{b: burt[b][x] for b in burt},
            "community": communities.membership[x],
            **({f"gf_{r}": c for r, c in roles[x].items()} if roles else {}),
        }
        for x in order
    ]
    k = min(key, n - 1)
    players = {
        "fragmentation": key_players(net, k, "fragmentation").to_dict(),
        "reach": key_players(net, k, "reach").to_dict(),
    }
    summary = {
        "actors": n,
        "ties": net.graph.num_edges(),
        "directed": net.directed,
        "phases": ties.phases,
        "layers": ties.layers,
        "degree_centralisation": centralisation(measures["degree"], (n - 1) * (n - 2))
        if not net.directed
        else centralisation(measures["degree"]),
        "betweenness_centralisation": centralisation(measures["betweenness"], n - 1),
        "fragmentation": fragmentation(net),
        "communities": len(communities.groups),
        "modularity": communities.modularity,
        "betweenness": f"sampled, k={min(sample, n)}, seed={seed}" if sample else "exact",
    }
    timeline: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    if ties.phases and phase is None and len(ties.phases) > 1:
        timeline = profile(ties, layers=csv_list(layers))
        parts = [(p, leiden(ties.snapshot(p), seed=seed)) for p in ties.phases]
        events = [e.to_dict() for e in track(parts)]
    per_layer = []
    if len(ties.layers) > 1:
        from bastion.networks.timeline import measure

        per_layer = [
            {"layer": name, **measure(ties.snapshot(phase, layers=[name]), seed=seed)}
            for name in ties.layers
            if ties.mask(at=phase, layers=[name]).any()
        ]
    data = {
        "summary": summary,
        "layers": per_layer,
        "actors": actors,
        "key_players": players,
        "communities": communities.groups,
        "timeline": timeline,
        "community_events": events,
        "notes": net.notes,
    }
    if html is not None:
        colour: dict[str, Any] = dict(communities.membership)
        if roles:  # colour by each broker's main Gould-Fernandez role
            colour = {
                x: max(r, key=lambda k: (r[k], k)) if any(r.values()) else "none"
                for x, r in roles.items()
            }
        _analyze_report(
            html,
            net,
            measures["betweenness"],
            colour,
            "brokerage role" if roles else "community",
            actors,
            timeline,
            inputs,
        )
    emit(
        data,
        actors if output is Output.csv else actors[:top],
        output,
        title=f"{n} actors, {summary['ties']} ties",
        columns=["actor", "degree", "betweenness", "eigenvector", "constraint", "community"],
        lines=[
            f"key players (fragmentation): {', '.join(players['fragmentation']['members'])} "
            f"-> F = {players['fragmentation']['score']:.3f}",
            f"key players (reach): {', '.join(players['reach']['members'])} "
            f"-> reach = {players['reach']['score']:.3f}",
            f"{summary['communities']} communities, modularity {communities.modularity:.3f}",
        ],
    )


def _analyze_report(
    path: Path,
    net: Any,
    betweenness: dict[str, float],
    colour: dict[str, Any],
    colour_label: str,
    actors: list[dict[str, Any]],
    timeline: list[dict[str, Any]],
    inputs: list[Path],
) -> None:
    from bastion.networks import predict, sequential_removal
    from bastion.networks.report import (
        actors_section,
        curves_section,
        hidden_ties_section,
        timeline_section,
        view_section,
    )

    sections = [
        view_section(net, betweenness, colour, colour_label=colour_label),
        actors_section(actors, ["degree", "betweenness", "eigenvector", "constraint", "community"]),
    ]
    if timeline:
        sections.append(timeline_section(timeline))
    steps = min(len(net.labels), 30)
    curves = {
        f"{s} ({'recomputed' if r else 'initial'})": sequential_removal(
            net, strategy=s, recompute=r, steps=steps
        ).lcc_sizes
        for s in ("degree", "betweenness")
        for r in (True, False)
    }
    sections.append(
        curves_section(
            "network-disruption",
            "Disruption: largest component as actors are removed",
            curves,
            x_title="actors removed",
            y_title="largest connected component",
            summary="Removing actors in order of degree or betweenness, computed once or after "
            "every removal (Cavallaro et al. 2020).",
        )
    )
    sections.append(hidden_ties_section(predict(net, top=15)))
    write_html(path, "Network analysis", sections, _provenance(inputs))


@app.command("disrupt")
def disrupt(
    inputs: InputsArgument,
    strategy: Annotated[Strategy, typer.Option(help="Remove by degree or betweenness.")] = (
        Strategy.betweenness
    ),
    recompute: Annotated[
        bool, typer.Option(help="Recompute the centrality after every removal.")
    ] = True,
    steps: Annotated[int | None, typer.Option(help="Nodes to remove [default: all].")] = None,
    input_format: InputFormatOption = InputFormat.auto,
    split: SplitOption = Split.phases,
    names: NamesOption = None,
    directed: Annotated[bool, typer.Option(help="Treat edges as directed.")] = False,
    phase: PhaseOption = None,
    output: FormatOption = Output.text,
) -> None:
    """Remove nodes one by one; report the largest connected component after each removal."""
    from bastion.networks import sequential_removal

    ties, _ = load(inputs, input_format, split, names, directed)
    network = ties.snapshot(phase)
    result = sequential_removal(network, strategy=strategy.value, recompute=recompute, steps=steps)
    data = {
        **result.to_dict(),
        "nodes": network.graph.num_nodes(),
        "edges": network.graph.num_edges(),
        "notes": network.notes,
    }
    rows = [{"step": 0, "removed": None, "largest_component": result.lcc_sizes[0]}] + [
        {"step": k, "removed": node, "largest_component": size}
        for k, (node, size) in enumerate(zip(result.removed, result.lcc_sizes[1:], strict=True), 1)
    ]
    emit(
        data,
        rows,
        output,
        title=f"{strategy.value} removal ({'recomputed' if recompute else 'initial'})",
    )


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
        **_columns(source_col, target_col, weight_col, delimiter),
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
        write_html(html, "Network interdiction", [section], _provenance(inputs))
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


@app.command("predict")
def predict(
    inputs: InputsArgument,
    top: Annotated[int, typer.Option(help="Pairs to list.")] = 20,
    method: Annotated[str, typer.Option(help="Score that ranks pairs.")] = "resource_allocation",
    k: Annotated[int, typer.Option("-k", help="k of precision@k in the backtest.")] = 10,
    input_format: InputFormatOption = InputFormat.auto,
    split: SplitOption = Split.phases,
    names: NamesOption = None,
    source_col: SourceCol = None,
    target_col: TargetCol = None,
    weight_col: WeightCol = None,
    delimiter: DelimiterOption = None,
    output: FormatOption = Output.text,
) -> None:
    """Hidden ties: unlinked pairs most likely tied, and a temporal backtest.

    The backtest (three or more phases) trains on phases <= t and predicts t + 1.
    """
    from bastion.networks import evaluate
    from bastion.networks import predict as rank

    ties, _ = load(
        inputs,
        input_format,
        split,
        names,
        False,
        **_columns(source_col, target_col, weight_col, delimiter),
    )
    latest = ties.phases[-1] if ties.phases else None
    net = ties.snapshot() if latest is None else ties.snapshot(latest)
    predicted = rank(net, method=method, top=top)
    evaluation: dict[str, Any] | None = None
    if len(ties.phases) >= 3:
        ev = evaluate(ties, k=k)
        evaluation = {
            "rows": ev.rows,
            "mean_auc": ev.mean("auc"),
            "mean_precision_at_k": ev.mean("precision_at_k"),
            "k": k,
        }
    data = {"method": method, "phase": latest, "predicted": predicted, "evaluation": evaluation}
    lines = []
    if evaluation:
        lines = [
            f"backtest {m}: mean AUC {evaluation['mean_auc'][m]:.3f}, precision@{k} "
            f"{evaluation['mean_precision_at_k'][m]:.3f}"
            for m in evaluation["mean_auc"]
        ]
    emit(
        data,
        predicted,
        output,
        title=f"Predicted hidden ties ({method})",
        columns=["source", "target", "common_neighbours", "resource_allocation", "adamic_adar"],
        lines=lines,
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


@app.command("durability")
def durability(
    inputs: InputsArgument,
    min_lifetime: Annotated[int, typer.Option(help="Phases spanned by a lasting tie.")] = 3,
    min_multiplexity: Annotated[int, typer.Option(help="Layers of a multiplex tie.")] = 2,
    min_recurrence: Annotated[int, typer.Option(help="Spells of a recurring tie.")] = 2,
    min_reciprocity: Annotated[float, typer.Option(help="Share of phases reciprocated.")] = 0.5,
    needed: Annotated[int, typer.Option(help="Criteria a strategic tie meets.")] = 1,
    input_format: InputFormatOption = InputFormat.auto,
    split: SplitOption = Split.phases,
    names: NamesOption = None,
    directed: DirectedOption = None,
    source_col: SourceCol = None,
    target_col: TargetCol = None,
    weight_col: WeightCol = None,
    delimiter: DelimiterOption = None,
    output: FormatOption = Output.text,
) -> None:
    """Tactical versus strategic ties: lifetime, recurrence, multiplexity, reciprocity."""
    from bastion.networks import Rules
    from bastion.networks import durability as histories

    ties, _ = load(
        inputs,
        input_format,
        split,
        names,
        directed,
        **_columns(source_col, target_col, weight_col, delimiter),
    )
    rules = Rules(min_lifetime, min_multiplexity, min_recurrence, min_reciprocity, needed)
    found = [h.to_dict() for h in histories(ties, rules)]
    counts = {
        kind: sum(1 for h in found if h["kind"] == kind) for kind in ("strategic", "tactical")
    }
    data = {"rules": rules.__dict__, "counts": counts, "ties": found}
    emit(
        data,
        found,
        output,
        title="Tie durability",
        columns=[
            "source",
            "target",
            "first",
            "last",
            "lifetime",
            "active",
            "recurrence",
            "multiplexity",
            "reciprocity",
            "kind",
        ],
        lines=[f"{counts['strategic']} strategic and {counts['tactical']} tactical ties"],
    )
