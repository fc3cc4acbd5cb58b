"""The networks and warning parts of ``bastion demo``, on generated fictional data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.table import Table

from bastion.cli._common import console
from bastion.store import Workspace

__all__ = ["network_demo", "warning_demo"]


def network_demo() -> list[Any]:
    """Analyse a generated covert network (two arrests in phase 4); report sections."""
    from bastion.networks import (
        Ties,
        centrality,
        key_players,
        leiden,
        profile,
        sequential_removal,
    )
    from bastion.networks.generate import covert_network
    from bastion.networks.report import curves_section, timeline_section, view_section

    with console.status("networks: analysing a fictional arms network"):
        ties = Ties.from_edgelist(covert_network(arrests={4: ["C2-8", "C3-1"]}, seed=7))
        net = ties.snapshot()
        between = centrality(net, "betweenness")
        communities = leiden(net, seed=1)
        players = key_players(net, 2)
        timeline = profile(ties)
        curves = {
            f"{s} (recomputed)": sequential_removal(net, strategy=s, steps=12).lcc_sizes
            for s in ("degree", "betweenness")
        }
    top = sorted(between, key=lambda x: -between[x])[:3]
    table = Table(
        "measure", "value", title=f"Networks ({len(net.labels)} fictional actors, 6 phases)"
    )
    table.add_row("top brokers (betweenness)", ", ".join(top))
    table.add_row(
        "key players to remove", f"{', '.join(players.members)} (F = {players.score:.2f})"
    )
    table.add_row(
        "communities (Leiden)", f"{len(communities.groups)}, Q = {communities.modularity:.2f}"
    )
    console.print(table)
    return [
        view_section(
            net, between, communities.membership, title="Networks: a fictional arms network"
        ),
        timeline_section(timeline),
        curves_section(
            "network-disruption",
            "Networks: disruption",
            curves,
            x_title="actors removed",
            y_title="largest connected component",
            summary="Removing the most central actors first (Cavallaro et al. 2020).",
        ),
    ]


def warning_demo(ws: Workspace, output: Path) -> list[Any]:
    """Import generated events, forecast with the recommended model; report sections."""
    from bastion.warning import (
        RECOMMENDED,
        EventStore,
        default_models,
        evaluate_rules,
        forecast,
        unit_months,
    )
    from bastion.warning.forecast import panel_from_table
    from bastion.warning.generate import write_events
    from bastion.warning.report import alerts_section, fan_section, map_section

    output.mkdir(parents=True, exist_ok=True)
    events = output / "fictional_events.csv"
    with console.status("warning: importing fictional events and forecasting"):
        write_events(events, seed=3)
        store = EventStore(ws)
        summary = store.import_file(events)
        with store.connect() as con:
            table = unit_months(con, "country")
        panel, _ = panel_from_table(table)
        result = forecast(panel, default_models()[RECOMMENDED](), horizon=6, draws=1000, seed=1)
        alerts = evaluate_rules(store)
    console.print(
        f"[green]✓[/] warning: {summary['imported']:,} fictional events imported "
        f"({summary['already_present']:,} already present), {len(alerts)} new alert(s)"
    )
    out = Table(
        "country", "expected deaths next month", "P(>= 25)", title="Early warning (ensemble)"
    )
    order = (-result["mean"][:, 0]).argsort()[:5]
    for i in order:
        out.add_row(
            str(result["units"][i]),
            f"{result['mean'][i, 0]:.0f}",
            f"{result['p_exceed'][i, 0]:.2f}",
        )
    console.print(out)
    sections = [s for s in (map_section(result, store.sample_points(2000)),) if s is not None]
    return [*sections, fan_section(result, panel, top=4), alerts_section(store.alerts())]
