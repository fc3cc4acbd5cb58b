"""Report sections for a composite index: scores and classes, decomposition, uncertainty."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from bastion.exposure.composite import Node, decompose
from bastion.exposure.uncertainty import INFORM_CLASSES, MonteCarloResult, SobolResult
from bastion.report.html import Section, figure_html, table_html
from bastion.report.maps import world_map

__all__ = ["index_sections"]


def _class_of(score: float, classes: Sequence[tuple[str, float]]) -> str:
    name = classes[0][0]
    for label, lower in classes:
        if score >= lower:
            name = label
    return name


def index_sections(
    root: Node,
    table: Mapping[str, Any],
    scores: Mapping[str, np.ndarray[Any, Any]],
    units: Sequence[str],
    *,
    monte_carlo: MonteCarloResult | None = None,
    sobol: SobolResult | None = None,
    focus: str | None = None,
    top: int = 30,
    classes: Sequence[tuple[str, float]] = INFORM_CLASSES,
) -> list[Section]:
    """Scores with classes, a decomposition waterfall, rank uncertainty and Sobol' bars."""
    import plotly.graph_objects as go

    final = scores[root.id]
    order = np.argsort(-np.nan_to_num(final, nan=-np.inf), kind="stable")[:top]
    children = [c.id if isinstance(c, Node) else c for c in root.children]
    rows = [
        [
            int(r) + 1,
            units[i],
            float(final[i]),
            _class_of(float(final[i]), classes),
            *(float(scores[c][i]) for c in children),
        ]
        for r, i in enumerate(order)
    ]
    sections = [
        Section(
            "index-scores",
            f"{root.name or root.id}: scores and classes",
            table_html(
                ["rank", "unit", "score", "class", *children],
                rows,
                numeric=[True, False, True, False, *([True] * len(children))],
            ),
            summary=f"The {len(order)} highest of {len(units)} units, with the scores of the "
            "level below. Classes: " + ", ".join(f"{n} from {b:g}" for n, b in classes) + ".",
        )
    ]
    if units and all(len(u) == 3 and u.isalpha() and u.isupper() for u in units):
        world = world_map(
            list(units),
            [float(v) for v in final],
            title="score",
            zmax=10,
            hover="%{location}: %{z:.1f}",
        )
        sections.append(
            Section(
                "index-map",
                f"{root.name or root.id}: map",
                figure_html(world, div_id="index-map-figure"),
                summary="Scores by country (map: Natural Earth 1:110m, bundled; no CDN).",
                uses_plotly=True,
                uses_geo=True,
            )
        )
    unit = focus if focus is not None and focus in units else units[int(order[0])]
    index = list(units).index(unit)
    parts = decompose(root, table)[root.id]
    waterfall = go.Figure(
        go.Waterfall(
            x=[*parts, "score"],
            y=[float(v[index]) for v in parts.values()] + [0.0],
            measure=["relative"] * len(parts) + ["total"],
        )
    )
    waterfall.update_layout(height=340, margin={"l": 40, "r": 10, "t": 10, "b": 40})
    sections.append(
        Section(
            "index-decomposition",
            f"{root.name or root.id}: what makes up {unit}'s score",
            figure_html(waterfall, div_id="index-waterfall"),
            summary="Contributions of each component to the unrounded score (exact shares for "
            "arithmetic means; shares on the operator's own scale otherwise).",
            uses_plotly=True,
        )
    )
    if monte_carlo is not None:
        mc = monte_carlo
        picks = np.argsort(mc.nominal_rank)[:top]
        fig = go.Figure(
            go.Scatter(
                x=[mc.rank_quantiles["q50"][i] for i in picks],
                y=[mc.units[i] for i in picks],
                mode="markers",
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": [
                        mc.rank_quantiles["q95"][i] - mc.rank_quantiles["q50"][i] for i in picks
                    ],
                    "arrayminus": [
                        mc.rank_quantiles["q50"][i] - mc.rank_quantiles["q05"][i] for i in picks
                    ],
                },
            )
        )
        fig.update_layout(
            height=120 + 18 * len(picks),
            margin={"l": 60, "r": 10, "t": 10, "b": 40},
            xaxis_title="rank (median and 90% interval)",
            yaxis={"autorange": "reversed"},
        )
        sections.append(
            Section(
                "index-uncertainty",
                f"{root.name or root.id}: rank uncertainty",
                figure_html(fig, div_id="index-rank-uncertainty"),
                summary=f"{mc.replications:,} Monte Carlo replications (seed "
                f"{mc.seed['entropy']}): median rank and 90% interval of the highest units.",
                uses_plotly=True,
            )
        )
    if sobol is not None:
        rows_s = sobol.summary()
        bars = go.Figure()
        for key, label in (("rank_S1", "first order"), ("rank_ST", "total")):
            bars.add_trace(
                go.Bar(
                    x=[r[key] for r in rows_s],
                    y=[r["factor"] for r in rows_s],
                    orientation="h",
                    name=label,
                )
            )
        bars.update_layout(
            barmode="group",
            height=140 + 45 * len(rows_s),
            margin={"l": 10, "r": 10, "t": 10, "b": 40},
            xaxis_title="Sobol' index of rank (mean over units)",
        )
        sections.append(
            Section(
                "index-sobol",
                f"{root.name or root.id}: which choices move the ranks",
                figure_html(bars, div_id="index-sobol-bars"),
                summary=f"Variance-based sensitivity over {sobol.points:,} design points.",
                uses_plotly=True,
            )
        )
    return sections
