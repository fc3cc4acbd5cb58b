"""``bastion network analyze``: actors, brokers, communities, key players, timeline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

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
    provenance,
    write_html,
)
from bastion.errors import ParameterError

__all__: list[str] = []

LARGE = 5_000
"""Above this many actors, betweenness is sampled and closeness is not computed."""
SAMPLE = 256
KEY_PLAYER_LIMIT = 1_000
"""Borgatti's swap search evaluates every member-outsider swap: fine to a thousand actors."""


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
        partitions,
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
        **columns(source_col, target_col, weight_col, delimiter),
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
    notes = list(net.notes)
    large = n > LARGE
    if large and not sample:
        sample = SAMPLE
        notes.append(f"{n} actors: betweenness sampled from {SAMPLE} sources (--sample to change)")
    measures = {m: centrality(net, m) for m in ("degree", "strength", "pagerank")}
    try:
        measures["eigenvector"] = centrality(net, "eigenvector")
    except ParameterError as exc:  # e.g. a directed network with no cycle has none
        measures["eigenvector"] = dict.fromkeys(net.labels, float("nan"))
        notes.append(f"eigenvector centrality left out: {exc}")
    if large:  # closeness needs a search from every actor
        measures["closeness"] = dict.fromkeys(net.labels, float("nan"))
        notes.append(f"{n} actors: closeness not computed (above {LARGE:,} actors)")
    else:
        measures["closeness"] = centrality(net, "closeness")
    measures["betweenness"] = (
        sampled_betweenness(net, min(sample, n), seed=seed)
        if sample
        else centrality(net, "betweenness")
    )
    undirected = net.undirected()
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
    position = net.index
    order = sorted(net.labels, key=lambda x: (-measures["betweenness"][x], position[x]))
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
    players: dict[str, Any] = {}
    if n <= KEY_PLAYER_LIMIT:
        players = {
            "fragmentation": key_players(net, k, "fragmentation").to_dict(),
            "reach": key_players(net, k, "reach").to_dict(),
        }
    else:
        notes.append(
            f"{n} actors: key players not searched (the swap search is for networks of up to "
            f"{KEY_PLAYER_LIMIT:,} actors; analyse a phase, a layer or a component)"
        )
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
        by_phase = partitions(ties, layers=csv_list(layers), seed=seed)
        timeline = profile(ties, layers=csv_list(layers), seed=seed, communities=by_phase)
        events = [e.to_dict() for e in track(list(by_phase.items()))]
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
        "notes": notes,
        "provenance": provenance(inputs, seed=seed),
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
            *(
                f"key players ({goal}): {', '.join(found['members'])} -> {found['score']:.3f}"
                for goal, found in players.items()
            ),
            f"{summary['communities']} communities, modularity {communities.modularity:.3f}",
            *(f"note: {note}" for note in notes),
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
    # exact betweenness after every removal is for networks of up to LARGE actors
    strategies: tuple[Literal["degree", "betweenness"], ...] = (
        ("degree",) if len(net.labels) > LARGE else ("degree", "betweenness")
    )
    curves = {
        f"{s} ({'recomputed' if r else 'initial'})": sequential_removal(
            net, strategy=s, recompute=r, steps=steps
        ).lcc_sizes
        for s in strategies
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
    write_html(path, "Network analysis", sections, provenance(inputs))
