"""Report sections of the warning engine: risk map, fan charts, backtest, alert log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from bastion.report.html import Section, figure_html, table_html
from bastion.report.maps import world_map
from bastion.warning.panel import Panel, month_label

__all__ = ["alerts_section", "backtest_section", "fan_section", "map_section"]


def map_section(
    result: Mapping[str, Any], points: tuple[Any, Any, Any] | None = None
) -> Section | None:
    """P(exceedance) next month by country (ISO3 units only), with event points."""
    units = [str(u) for u in result["units"]]
    if not units or not all(len(u) == 3 and u.isalpha() and u.isupper() for u in units):
        return None
    fig = world_map(
        units,
        result["p_exceed"][:, 0].tolist(),
        title="probability",
        zmax=1.0,
        hover="%{location}: %{z:.2f}",
        points=points,
    )
    month = month_label(result["months"][0])
    return Section(
        "warning-map",
        f"Risk map, {month}",
        figure_html(fig, div_id="warning-map-figure"),
        summary=f"Probability of at least {result['exceed']:g} fatalities in {month} "
        "(points: recorded events; map: Natural Earth 1:110m, bundled).",
        uses_plotly=True,
        uses_geo=True,
    )


def fan_section(
    result: Mapping[str, Any], history: Panel, *, top: int = 6, past: int = 36
) -> Section:
    """Fan charts (5-95 % and 25-75 % bands, median) after each unit's recent history."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    order = np.argsort(-result["mean"].sum(axis=1), kind="stable")[:top]
    names = [str(result["units"][i]) for i in order]
    fig = make_subplots(rows=len(order), cols=1, subplot_titles=names, shared_xaxes=False)
    months = [month_label(m) for m in result["months"]]
    seen = history.months[-past:]
    for row, i in enumerate(order, 1):
        h = history.values[list(history.units).index(result["units"][i]), -past:]
        fig.add_trace(
            go.Scatter(
                x=[month_label(m) for m in seen],
                y=h,
                mode="lines",
                line={"color": "#333"},
                name="observed",
                showlegend=row == 1,
            ),
            row=row,
            col=1,
        )
        for lo, hi, alpha, name in (("q05", "q95", 0.2, "5-95 %"), ("q25", "q75", 0.35, "25-75 %")):
            fig.add_trace(
                go.Scatter(
                    x=months + months[::-1],
                    y=list(result[hi][i]) + list(result[lo][i])[::-1],
                    fill="toself",
                    fillcolor=f"rgba(214,39,40,{alpha})",
                    line={"width": 0},
                    name=name,
                    showlegend=row == 1,
                ),
                row=row,
                col=1,
            )
        fig.add_trace(
            go.Scatter(
                x=months,
                y=result["median"][i],
                mode="lines",
                line={"color": "#d62728"},
                name="median",
                showlegend=row == 1,
            ),
            row=row,
            col=1,
        )
    fig.update_layout(height=240 * len(order), legend_orientation="h")
    return Section(
        "warning-fans",
        "Forecasts",
        figure_html(fig, div_id="warning-fans-figure"),
        summary=f"The {len(order)} units with the most expected fatalities: observed months, then "
        "the forecast median with its 50 % and 90 % bands.",
        uses_plotly=True,
    )


def backtest_section(rows: Sequence[Mapping[str, Any]]) -> Section:
    """The challenge backtest table."""
    return Section(
        "warning-backtest",
        "Backtest: ViEWS 2023/24 challenge",
        table_html(
            ["window", "model", "CRPS", "IGN", "MIS", "recommended"],
            [
                [
                    r["window"],
                    r["model"],
                    r["crps"],
                    r["ign"],
                    r["mis"],
                    "yes" if r.get("recommended") else "",
                ]
                for r in rows
            ],
            numeric=[True, False, True, True, True, False],
        ),
        summary="Country-month fatalities, 3-14 months ahead, data up to October of the "
        "previous year; lower is better for every score.",
    )


def alerts_section(alerts: Sequence[Mapping[str, Any]]) -> Section:
    """The alert log."""
    return Section(
        "warning-alerts",
        "Alerts",
        table_html(
            ["month", "rule", "unit", "why"],
            [[month_label(a["month_id"]), a["rule"], a["unit"], a["message"]] for a in alerts],
        )
        if alerts
        else "<p>No alert has been raised.</p>",
        summary=f"{len(alerts)} alert(s), newest first.",
    )
