"""Report sections describing a scenario: actors, alliances, sectors, suppliers, ladder."""

from __future__ import annotations

import html
import math
from typing import Any

from bastion.report.html import Section, figure_html, table_html
from bastion.scenario import Scenario, Trigger
from bastion.scenario._base import DOMAINS

__all__ = ["scenario_sections"]


def _overview(scenario: Scenario) -> Section:
    facts = {
        "scenario": scenario.name,
        "scenario hash": scenario.scenario_hash,
        "time step": f"{scenario.time.step}, horizon {scenario.time.horizon} steps",
        "actors": str(len(scenario.actors)),
        "alliances": str(len(scenario.alliances)),
        "sectors": str(len(scenario.sectors)),
        "supply lines": str(len(scenario.suppliers)),
        "ladder rungs": str(len(scenario.ladder.rungs)) if scenario.ladder else "engine default",
        "levers": ", ".join(lv.name for lv in scenario.levers) or "none",
    }
    body = ""
    if scenario.fictional:
        body += '<p><span class="badge">FICTIONAL</span> Every actor and number is invented.</p>'
    if scenario.description:
        body += f"<p>{html.escape(scenario.description)}</p>"
    body += '<dl class="facts">' + "".join(
        f"<dt>{html.escape(k)}</dt><dd><code>{html.escape(v)}</code></dd>"
        if k == "scenario hash"
        else f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>"
        for k, v in facts.items()
    )
    body += "</dl>"
    return Section("overview", "Scenario overview", body)


def _actors(scenario: Scenario) -> Section:
    header = ["id", "name", "kind", *DOMAINS, "resolve", "cost tol.", "attribution", "deception"]
    rows = [
        [
            a.id,
            a.name,
            a.kind.replace("_", "-"),
            *(getattr(a.capabilities, d) for d in DOMAINS),
            a.resolve,
            a.cost_tolerance,
            a.attribution_capability,
            a.deception,
        ]
        for a in scenario.actors
    ]
    numeric = [False] * 3 + [True] * (len(header) - 3)
    return Section(
        "actors",
        "Actors",
        table_html(header, rows, numeric=numeric),
        summary="Capabilities by domain and behavioural parameters, each on a [0, 1] scale.",
    )


def _trigger_text(trigger: Trigger) -> str:
    conditions = []
    if trigger.min_rung is not None:
        conditions.append(f"rung ≥ {trigger.min_rung}")
    if trigger.attributed_damage is not None:
        conditions.append(f"attributed damage ≥ {trigger.attributed_damage:g}")
    text = f"{trigger.domain}: " + " or ".join(conditions)
    if trigger.attribution_confidence > 0:
        text += f" (attribution confidence ≥ {trigger.attribution_confidence:g})"
    return text


def _alliance_figure(scenario: Scenario) -> Any:
    import plotly.graph_objects as go

    names = {a.id: a.name for a in scenario.actors}
    fig = go.Figure()
    count = len(scenario.alliances)
    for k, alliance in enumerate(scenario.alliances):
        cx, cy = 3.0 * k, 0.0
        people = list(dict.fromkeys([*alliance.members, *alliance.guarantors]))
        for j, actor in enumerate(people):
            angle = 2 * math.pi * j / max(len(people), 1) + math.pi / 2
            x, y = cx + math.cos(angle), cy + math.sin(angle)
            guarantor = actor in alliance.guarantors
            member = actor in alliance.members
            role = (
                "guarantor and member"
                if guarantor and member
                else ("guarantor" if guarantor else "member")
            )
            fig.add_trace(
                go.Scatter(
                    x=[cx, x],
                    y=[cy, y],
                    mode="lines",
                    line={
                        "width": 3 if guarantor else 1.5,
                        "dash": "solid" if member else "dash",
                        "color": "#9a3b12" if guarantor else "#234e8c",
                    },
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
            fig.add_trace(
                go.Scatter(
                    x=[x],
                    y=[y],
                    mode="markers+text",
                    text=[names.get(actor, actor)],
                    textposition="bottom center",
                    marker={"size": 18, "color": "#9a3b12" if guarantor else "#234e8c"},
                    hovertext=[f"{names.get(actor, actor)} ({actor}): {role} of {alliance.name}"],
                    hoverinfo="text",
                    showlegend=False,
                )
            )
        trigger_text = "<br>".join(_trigger_text(t) for t in alliance.triggers)
        fig.add_trace(
            go.Scatter(
                x=[cx],
                y=[cy],
                mode="markers+text",
                text=[f"<b>{alliance.name}</b>"],
                textposition="top center",
                marker={"size": 30, "symbol": "hexagon", "color": "#5b6475"},
                hovertext=[
                    f"{alliance.name}<br>commitment p = {alliance.commitment_probability}"
                    f"<br>consultation delay = {alliance.consultation_delay} steps"
                    f"<br>interoperability = {alliance.interoperability}<br>{trigger_text}"
                ],
                hoverinfo="text",
                showlegend=False,
            )
        )
    fig.update_layout(
        height=380,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        xaxis={"visible": False, "range": [-1.8, 3.0 * (count - 1) + 1.8]},
        yaxis={"visible": False, "scaleanchor": "x", "range": [-1.6, 1.6]},
        plot_bgcolor="white",
    )
    return fig


def _alliances(scenario: Scenario) -> Section | None:
    if not scenario.alliances:
        return None
    rows = [
        [
            a.id,
            a.name,
            ", ".join(a.members),
            ", ".join(a.guarantors) or "—",
            a.commitment_probability,
            a.consultation_delay,
            a.interoperability,
            "; ".join(_trigger_text(t) for t in a.triggers) or "—",
        ]
        for a in scenario.alliances
    ]
    header = [
        "id",
        "name",
        "members",
        "guarantors",
        "commitment p",
        "delay",
        "interop.",
        "triggers",
    ]
    body = figure_html(_alliance_figure(scenario), div_id="alliance-diagram")
    body += table_html(header, rows, numeric=[False] * 4 + [True] * 3 + [False])
    return Section(
        "alliances",
        "Alliances",
        body,
        summary="Guarantors in red (thick lines), members in blue; hover for triggers.",
        uses_plotly=True,
    )


def _sectors(scenario: Scenario) -> Section | None:
    if not scenario.sectors:
        return None
    import plotly.graph_objects as go

    rows = [
        [s.id, s.name, s.kind, s.actor, s.exposure, s.vulnerability, s.recovery_rate, s.weight]
        for s in scenario.sectors
    ]
    header = [
        "id",
        "name",
        "kind",
        "actor",
        "exposure",
        "vulnerability",
        "recovery / step",
        "weight",
    ]
    body = table_html(header, rows, numeric=[False] * 4 + [True] * 4)
    ids = [s.id for s in scenario.sectors]
    matrix = [[s.depends_on.get(other, 0.0) for other in ids] for s in scenario.sectors]
    if any(any(row) for row in matrix):
        fig = go.Figure(
            go.Heatmap(
                z=matrix,
                x=ids,
                y=ids,
                colorscale="Blues",
                zmin=0,
                zmax=1,
                hovertemplate="%{y} depends on %{x}: %{z}<extra></extra>",
                colorbar={"title": "a_ij"},
            )
        )
        fig.update_layout(
            height=120 + 40 * len(ids),
            margin={"l": 10, "r": 10, "t": 30, "b": 10},
            title="Interdependency coefficients (row depends on column)",
            yaxis={"autorange": "reversed"},
        )
        body += figure_html(fig, div_id="sector-interdependency")
    return Section(
        "sectors",
        "Critical-infrastructure sectors",
        body,
        summary="Exposure, vulnerability and recovery per sector; interdependencies as in the "
        "Inoperability Input-Output Model (Haimes & Jiang 2001).",
        uses_plotly=any(any(row) for row in matrix),
    )


def _suppliers(scenario: Scenario) -> Section | None:
    if not scenario.suppliers:
        return None
    rows = [
        [
            s.customer,
            s.category,
            s.supplier,
            s.origin or s.supplier,
            s.share,
            s.reliability,
            s.technology_age_years,
            s.lifecycle_years,
        ]
        for s in sorted(scenario.suppliers, key=lambda s: (s.customer, s.category, -s.share))
    ]
    header = [
        "customer",
        "category",
        "supplier",
        "origin",
        "share",
        "reliability",
        "age (y)",
        "lifecycle (y)",
    ]
    return Section(
        "suppliers",
        "Suppliers",
        table_html(header, rows, numeric=[False] * 4 + [True] * 4),
        summary="Share of each customer's supply per capability category, with reliability "
        "and technology age against its service life.",
    )


def _ladder(scenario: Scenario) -> Section | None:
    if scenario.ladder is None:
        return None
    thresholds: dict[str, list[str]] = {}
    for name, rung_id in scenario.ladder.thresholds.items():
        thresholds.setdefault(rung_id, []).append(name)
    rows = [
        [
            r.severity,
            r.id,
            r.name,
            r.domain,
            r.deniability,
            r.cost,
            ", ".join(f"{k} {v:g}" for k, v in r.damage.items()) or "—",
            "yes" if r.kinetic else "",
            ", ".join(thresholds.get(r.id, [])),
        ]
        for r in scenario.ladder.rungs
    ]
    header = [
        "severity",
        "id",
        "name",
        "domain",
        "deniability",
        "cost",
        "damage / step",
        "kinetic",
        "thresholds",
    ]
    return Section(
        "ladder",
        "Escalation ladder",
        table_html(
            header, rows, numeric=[True, False, False, False, True, True, False, False, False]
        ),
        summary="Rungs from least to most severe (after Kahn 1965, across domains).",
    )


def _levers(scenario: Scenario) -> Section | None:
    if not scenario.levers:
        return None
    rows = [
        [lv.id, lv.name, lv.description, "; ".join(f"{k} = {v}" for k, v in lv.set.items())]
        for lv in scenario.levers
    ]
    return Section(
        "levers",
        "Levers",
        table_html(["id", "name", "what it represents", "changes"], rows),
        summary="Named modifications that the engines compare against the baseline.",
    )


def scenario_sections(scenario: Scenario) -> list[Section]:
    """The report sections that describe ``scenario`` itself."""
    builders = (_overview, _actors, _alliances, _sectors, _suppliers, _ladder, _levers)
    return [section for build in builders if (section := build(scenario)) is not None]
