"""Report sections of the exposure engine computed from the scenario itself."""

from __future__ import annotations

from bastion.exposure.iim import scenario_cascade
from bastion.exposure.vendors import supplier_exposure
from bastion.report.html import Section, figure_html, table_html
from bastion.scenario import Scenario

__all__ = ["exposure_sections"]


def _suppliers(scenario: Scenario) -> Section | None:
    import plotly.graph_objects as go

    rows = supplier_exposure(scenario)
    if not rows:
        return None
    labels = [f"{r['customer']} · {r['category']}" for r in rows]
    fig = go.Figure()
    for key, name, colour in (
        ("hhi", "concentration (HHI)", "#234e8c"),
        ("adversary_share", "share from adversaries", "#9a3b12"),
        ("allied_share", "share from allies", "#4c8c4a"),
    ):
        fig.add_trace(
            go.Bar(
                x=[r[key] for r in rows], y=labels, orientation="h", name=name, marker_color=colour
            )
        )
    fig.update_layout(
        barmode="group",
        height=140 + 70 * len(rows),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        xaxis={"range": [0, 1]},
    )
    table = table_html(
        [
            "customer",
            "category",
            "suppliers",
            "HHI",
            "largest (share)",
            "expected delivery",
            "obsolescence",
            "single points of failure",
            "from adversaries",
            "from allies",
        ],
        [
            [
                r["customer"],
                r["category"],
                r["suppliers"],
                r["hhi"],
                f"{r['top_supplier']} ({r['top_share']:.0%})",
                r["expected_delivery"],
                r["obsolescence"],
                ", ".join(r["single_points_of_failure"]) or "—",
                r["adversary_share"],
                r["allied_share"],
            ]
            for r in rows
        ],
        numeric=[False, False, True, True, False, True, True, False, True, True],
    )
    return Section(
        "exposure-suppliers",
        "Exposure: supply concentration and dependence",
        figure_html(fig, div_id="exposure-suppliers-figure") + table,
        summary="Per customer and capability category: Herfindahl-Hirschman concentration, "
        "share expected to arrive in a crisis (share x reliability), technology age over "
        "service life, suppliers whose loss alone removes half the supply, and the shares "
        "coming from adversaries and from allies.",
        uses_plotly=True,
    )


def _cascade(scenario: Scenario) -> Section | None:
    import plotly.graph_objects as go

    dependent = [s for s in scenario.sectors if s.depends_on]
    if not dependent:
        return None
    owner = dependent[0].actor
    own = [s for s in scenario.sectors if s.actor == owner]
    depended = {d for s in own for d in s.depends_on}
    source = max((s for s in own if s.id in depended), key=lambda s: s.weight, default=own[0])
    steps = min(scenario.time.horizon, 60)
    ids, path = scenario_cascade(scenario, {source.id: 0.3}, steps)
    fig = go.Figure()
    for j, sector in enumerate(ids):
        if any(s.id == sector and s.actor == owner for s in scenario.sectors):
            fig.add_trace(go.Scatter(y=path[:, j], mode="lines", name=sector))
    fig.update_layout(
        height=340,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        xaxis_title=f"time step ({scenario.time.step})",
        yaxis_title="inoperability (share of capacity lost)",
    )
    return Section(
        "exposure-cascade",
        "Exposure: infrastructure cascade",
        figure_html(fig, div_id="exposure-cascade-figure"),
        summary=f"A 30% outage of {source.name} ({owner}) spreading through the sectors that "
        "depend on it and recovering at each sector's rate (dynamic inoperability "
        "input-output model; bastion exposure cascade).",
        uses_plotly=True,
    )


def exposure_sections(scenario: Scenario) -> list[Section]:
    """Supply exposure and a cascade example for ``scenario`` (empty parts are left out)."""
    return [s for s in (_suppliers(scenario), _cascade(scenario)) if s is not None]
