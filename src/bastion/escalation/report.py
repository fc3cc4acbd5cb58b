"""Report sections of the escalation engine, built from stored run summaries."""

from __future__ import annotations

import math
from typing import Any

from bastion.report.html import Section, figure_html, table_html

__all__ = [
    "comparison_section",
    "ensemble_sections",
    "sections_from_workspace",
    "sensitivity_section",
]


def _outcome_rows(outcomes: dict[str, dict[str, float]]) -> list[list[Any]]:
    return [
        [name, o["p"], f"[{o['ci_low']:.4f}, {o['ci_high']:.4f}]", int(o.get("count", 0))]
        for name, o in sorted(outcomes.items())
    ]


def ensemble_sections(summary: dict[str, Any], *, run_id: str, step: str) -> list[Section]:
    """Probability table, survival curves, rung transitions and pathways of one ensemble."""
    import plotly.graph_objects as go

    runs = summary["runs"]
    provenance = (
        f"run {run_id}: {runs:,} simulated crises, seed {summary['seed']['entropy']}, "
        f"backend {summary['backend']}"
    )
    probability = Section(
        "escalation-outcomes",
        "Escalation: outcome probabilities",
        table_html(
            ["outcome", "probability", "95% interval (Wilson)", "runs"],
            _outcome_rows(summary["outcomes"]),
            numeric=[False, True, True, True],
        ),
        summary="Share of simulated crises in which each outcome happened. " + provenance,
        notes=[
            "crossed:X — the crisis reached threshold X; settled — hostile action stopped for "
            "the settlement period; stopped — the stopping threshold ended the run; "
            "consulted/activated — alliance consultation started / guarantors acted; "
            "misattribution — at least one action was attributed to the wrong actor."
        ],
    )
    fig = go.Figure()
    for name, curve in summary["survival"].items():
        fig.add_trace(go.Scatter(y=curve, mode="lines", name=name))
    fig.update_layout(
        height=360,
        margin={"l": 50, "r": 10, "t": 10, "b": 40},
        xaxis_title=f"time step ({step})",
        yaxis_title="P(not yet crossed)",
        yaxis={"range": [0, 1.02]},
    )
    survival = Section(
        "escalation-survival",
        "Escalation: time to each threshold",
        figure_html(fig, div_id="escalation-survival-figure"),
        summary="Probability that a threshold has not been crossed by each step.",
        uses_plotly=True,
    )
    rungs = summary["rungs"]
    counts = summary["transitions"]
    heat = go.Figure(
        go.Heatmap(
            z=[[math.log10(c + 1) for c in row] for row in counts],
            customdata=counts,
            x=rungs,
            y=rungs,
            colorscale="Reds",
            colorbar={"title": "log10(1 + n)"},
            hovertemplate="from %{y} to %{x}: %{customdata} run-steps<extra></extra>",
        )
    )
    heat.update_layout(
        height=420,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        yaxis={"autorange": "reversed", "title": "crisis level at step t"},
        xaxis={"title": "at step t + 1"},
    )
    pathways = table_html(
        ["pathway (actor:rung, in order of first crossing)", "share of runs", "runs"],
        [[p["pathway"], p["p"], p["runs"]] for p in summary["pathways"]],
        numeric=[False, True, True],
    )
    dynamics = Section(
        "escalation-pathways",
        "Escalation: pathways and transitions",
        pathways + figure_html(heat, div_id="escalation-transitions"),
        summary="The most frequent escalation pathways, and how the crisis level moved "
        "from one step to the next (counts over all run-steps).",
        uses_plotly=True,
    )
    return [probability, survival, dynamics]


def comparison_section(comparison: dict[str, Any], *, run_id: str, outcome: str) -> Section:
    """Tornado chart of lever effects on ``outcome``, with the full effect table."""
    import plotly.graph_objects as go

    effects = [e for e in comparison["effects"] if e["outcome"] == outcome]
    effects.sort(key=lambda e: abs(e["effect"]))
    fig = go.Figure(
        go.Bar(
            x=[e["effect"] for e in effects],
            y=[e["lever"] for e in effects],
            orientation="h",
            marker_color=["#234e8c" if e["effect"] < 0 else "#9a3b12" for e in effects],
            error_x={
                "type": "data",
                "symmetric": False,
                "array": [e["ci_high"] - e["effect"] for e in effects],
                "arrayminus": [e["effect"] - e["ci_low"] for e in effects],
            },
            hovertemplate="%{y}: %{x:+.4f}<extra></extra>",
        )
    )
    fig.update_layout(
        height=120 + 45 * len(effects),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        xaxis_title=f"change in P({outcome}) vs baseline",
    )
    rows = [
        [
            e["lever"],
            e["outcome"],
            e["p_baseline"],
            e["p_lever"],
            f"{e['effect']:+.4f}",
            f"[{e['ci_low']:+.4f}, {e['ci_high']:+.4f}]",
        ]
        for e in sorted(comparison["effects"], key=lambda e: (e["lever"], e["outcome"]))
        if not e["outcome"].startswith("damage:")
    ]
    table = table_html(
        ["lever", "outcome", "baseline", "with lever", "effect", "95% interval"],
        rows,
        numeric=[False, False, True, True, True, True],
    )
    return Section(
        "escalation-levers",
        "Escalation: levers compared with the baseline",
        figure_html(fig, div_id="escalation-tornado") + table,
        summary=f"Paired effects with common random numbers ({comparison['runs']:,} runs per "
        f"variant, run {run_id}). Bars left of zero lower the probability.",
        uses_plotly=True,
    )


def sensitivity_section(result: dict[str, Any], *, run_id: str) -> Section:
    """Bars of Sobol' first-order and total indices with their confidence half-widths."""
    import plotly.graph_objects as go

    rows = sorted(result["parameters"], key=lambda r: r["ST"])
    fig = go.Figure()
    for key, label, colour in (("S1", "first order", "#234e8c"), ("ST", "total", "#9a3b12")):
        fig.add_trace(
            go.Bar(
                x=[r[key] for r in rows],
                y=[r["path"] for r in rows],
                orientation="h",
                name=label,
                marker_color=colour,
                error_x={"type": "data", "array": [r[f"{key}_conf"] for r in rows]},
            )
        )
    fig.update_layout(
        barmode="group",
        height=140 + 50 * len(rows),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        xaxis_title=f"Sobol' index of P({result['outcome']})",
    )
    return Section(
        "escalation-sensitivity",
        "Escalation: which uncertain parameters matter",
        figure_html(fig, div_id="escalation-sobol"),
        summary=f"Variance-based sensitivity over {result['points']} scenario variants x "
        f"{result['runs_per_point']:,} crises (run {run_id}); bars show 95% bootstrap "
        "half-widths.",
        uses_plotly=True,
    )


def sections_from_workspace(workspace: Any, scenario: Any) -> list[Section]:
    """Sections from the newest complete escalation runs of ``scenario`` in ``workspace``."""
    sections: list[Section] = []
    digest = scenario.scenario_hash
    runs = [r for r in workspace.runs(status="complete") if r.scenario_hash == digest]
    ensemble = next((r for r in runs if r.engine == "escalation"), None)
    if ensemble is not None:
        summary = workspace.read_json(ensemble.id, "summary")
        sections += ensemble_sections(summary, run_id=ensemble.id, step=scenario.time.step)
    compared = next((r for r in runs if r.engine == "escalation_compare"), None)
    if compared is not None:
        comparison = workspace.read_json(compared.id, "comparison")
        stop = scenario.crisis.stop_at
        outcome = f"crossed:{stop}" if stop else "settled"
        sections.append(comparison_section(comparison, run_id=compared.id, outcome=outcome))
    sobol = next((r for r in runs if r.engine == "escalation_sensitivity"), None)
    if sobol is not None:
        result = workspace.read_json(sobol.id, "sensitivity")
        sections.append(sensitivity_section(result, run_id=sobol.id))
    return sections
