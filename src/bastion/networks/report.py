"""Report sections for a network: interactive view, actors, timeline, curves, hidden ties.

Curves are disruption (largest component) and interdiction (flow left) curves.

The network view is drawn by Cytoscape.js (bundled, MIT) with its force-directed
``cose`` layout; nodes are coloured by community (or role) and sized by a centrality.
Large networks show their ``max_nodes`` most central actors, and the section says so.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from typing import Any

from bastion.networks.graph import Network
from bastion.report.html import Section, figure_html, table_html

__all__ = [
    "actors_section",
    "curves_section",
    "hidden_ties_section",
    "timeline_section",
    "view_section",
]

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173",
)  # fmt: skip


def _json_script(element_id: str, value: Any) -> str:
    text = json.dumps(value).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def view_section(
    network: Network,
    size_by: Mapping[str, float],
    colour_by: Mapping[str, int | str],
    *,
    section_id: str = "network-view",
    title: str = "Network",
    size_label: str = "betweenness",
    colour_label: str = "community",
    max_nodes: int = 400,
) -> Section:
    """An interactive Cytoscape.js view of ``network`` (see the module docstring)."""
    ranked = sorted(network.labels, key=lambda x: -size_by.get(x, 0.0))
    shown = set(ranked[:max_nodes])
    top = max((size_by.get(x, 0.0) for x in shown), default=0.0) or 1.0
    groups = list(dict.fromkeys(colour_by.get(x, "") for x in network.labels))
    colour = {g: PALETTE[k % len(PALETTE)] for k, g in enumerate(groups)}
    elements: list[dict[str, Any]] = []
    for label in network.labels:
        if label in shown:
            group = colour_by.get(label, "")
            elements.append(
                {
                    "data": {
                        "id": label,
                        "label": label,
                        "size": 12 + 36 * size_by.get(label, 0.0) / top,
                        "colour": colour[group],
                        "info": f"{label} — {colour_label} {group}, {size_label} "
                        f"{size_by.get(label, 0.0):.3g}",
                    }
                }
            )
    for k, (a, b, w) in enumerate(network.graph.weighted_edge_list()):
        x, y = network.labels[a], network.labels[b]
        if x in shown and y in shown and x != y:
            elements.append({"data": {"id": f"e{k}", "source": x, "target": y, "weight": float(w)}})
    div = f"{section_id}-canvas"
    arrow = "triangle" if network.directed else "none"
    script = f"""<script>
document.addEventListener("DOMContentLoaded", function () {{
  var elements = JSON.parse(document.getElementById("{div}-data").textContent);
  var cy = cytoscape({{
    container: document.getElementById("{div}"),
    elements: elements,
    style: [
      {{selector: "node", style: {{"background-color": "data(colour)", "label": "data(label)",
        "width": "data(size)", "height": "data(size)", "font-size": 9, "color": "#222"}}}},
      {{selector: "edge", style: {{"width": 1, "line-color": "#bbb", "curve-style": "bezier",
        "target-arrow-shape": "{arrow}", "target-arrow-color": "#bbb", "arrow-scale": 0.6}}}},
      {{selector: ":selected", style: {{"border-width": 3, "border-color": "#000"}}}}
    ],
    layout: {{name: "cose", randomize: false, animate: false, nodeRepulsion: 8000}}
  }});
  document.getElementById("{div}").setAttribute("data-rendered-nodes", cy.nodes().length);
  var info = document.getElementById("{div}-info");
  cy.on("tap", "node", function (e) {{ info.textContent = e.target.data("info"); }});
  window.bastionNetworks = window.bastionNetworks || {{}};
  window.bastionNetworks["{div}"] = cy;
}});
</script>"""
    legend = "".join(
        f'<span class="legend-item"><span style="display:inline-block;width:10px;height:10px;'
        f'background:{colour[g]};margin:0 4px 0 10px"></span>{html.escape(str(g))}</span>'
        for g in groups[:15]
    )
    body = (
        f'<div id="{div}" style="width:100%;height:560px;border:1px solid #ddd"></div>'
        f'<p class="note" id="{div}-info">Click an actor for details.</p>'
        f"<p>{html.escape(colour_label)}: {legend}</p>"
        + _json_script(f"{div}-data", elements)
        + script
    )
    n = len(network.labels)
    notes = (
        [f"Showing the {len(shown)} actors with the highest {size_label} of {n}."]
        if len(shown) < n
        else []
    )
    return Section(
        section_id,
        title,
        body,
        summary=f"{n} actors and {network.graph.num_edges()} ties; node size is "
        f"{size_label}, colour is {colour_label}. Drag to rearrange; scroll to zoom.",
        notes=notes,
        uses_cytoscape=True,
    )


def actors_section(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], top: int = 30
) -> Section:
    """The ``top`` actors with their measures."""
    return Section(
        "network-actors",
        "Key actors",
        table_html(
            ["actor", *columns],
            [[r["actor"], *(r.get(c) for c in columns)] for r in rows[:top]],
            numeric=[False, *(not isinstance(rows[0].get(c), str) for c in columns)]
            if rows
            else None,
        ),
        summary=f"The {min(top, len(rows))} most central actors (by betweenness).",
    )


def timeline_section(profile: Sequence[Mapping[str, Any]]) -> Section:
    """Centralisation, fragmentation and size phase by phase."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    phases = [r["phase"] for r in profile]
    fig = make_subplots(specs=[[{"secondary_y": True}]])
    for key, name in (
        ("degree_centralisation", "degree centralisation"),
        ("betweenness_centralisation", "betweenness centralisation"),
        ("fragmentation", "fragmentation"),
        ("modularity", "modularity"),
    ):
        fig.add_trace(
            go.Scatter(x=phases, y=[r[key] for r in profile], name=name, mode="lines+markers")
        )
    fig.add_trace(
        go.Bar(x=phases, y=[r["nodes"] for r in profile], name="actors", opacity=0.25),
        secondary_y=True,
    )
    fig.update_layout(height=420, xaxis_title="phase", legend_orientation="h")
    fig.update_yaxes(title_text="index (0-1)", range=[0, 1], secondary_y=False)
    fig.update_yaxes(title_text="actors", secondary_y=True)
    return Section(
        "network-timeline",
        "Phase timeline",
        figure_html(fig, div_id="network-timeline-figure"),
        summary="Freeman centralisation, Borgatti's fragmentation and modularity per phase; "
        "bars are the number of active actors.",
        uses_plotly=True,
    )


def curves_section(
    section_id: str,
    title: str,
    curves: Mapping[str, Sequence[float]],
    *,
    x_title: str,
    y_title: str,
    summary: str,
) -> Section:
    """Line chart of one or more curves (disruption or interdiction)."""
    import plotly.graph_objects as go

    fig = go.Figure()
    for name, values in curves.items():
        fig.add_trace(
            go.Scatter(x=list(range(len(values))), y=list(values), name=name, mode="lines+markers")
        )
    fig.update_layout(height=380, xaxis_title=x_title, yaxis_title=y_title, legend_orientation="h")
    return Section(
        section_id,
        title,
        figure_html(fig, div_id=f"{section_id}-figure"),
        summary=summary,
        uses_plotly=True,
    )


def hidden_ties_section(
    predicted: Sequence[Mapping[str, Any]], evaluation: Mapping[str, float] | None = None
) -> Section:
    """Predicted hidden ties, and how well each method did in the temporal backtest."""
    body = table_html(
        ["actor", "actor", "common neighbours", "resource allocation", "Adamic-Adar"],
        [
            [
                p["source"],
                p["target"],
                p["common_neighbours"],
                p["resource_allocation"],
                p["adamic_adar"],
            ]
            for p in predicted
        ],
        numeric=[False, False, True, True, True],
        caption="Unlinked pairs most likely to hide a tie",
    )
    if evaluation:
        body += table_html(
            ["method", "mean AUC"],
            [[m, v] for m, v in evaluation.items()],
            numeric=[False, True],
            caption="Temporal backtest: phases <= t predict the new ties of t + 1",
        )
    return Section(
        "network-hidden-ties",
        "Predicted hidden ties",
        body,
        summary="Pairs of actors with no recorded tie, ranked by shared contacts.",
    )
