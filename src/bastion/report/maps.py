"""World maps for reports: a country choropleth, optionally with event points.

Drawn by Plotly's geo traces on the Natural Earth 1:110m map that ships with Bastion
(registered by the report template), so maps render offline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["world_map"]


def world_map(
    iso3: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    zmax: float | None = None,
    colorscale: str = "OrRd",
    hover: str = "%{location}: %{z:.3g}",
    points: tuple[Sequence[float], Sequence[float], Sequence[str]] | None = None,
) -> Any:
    """A Plotly figure: countries coloured by ``values``; ``points`` are (lat, lon, text)."""
    import plotly.graph_objects as go

    fig = go.Figure(
        go.Choropleth(
            locations=list(iso3),
            z=[None if v != v else float(v) for v in values],  # NaN -> no colour
            locationmode="ISO-3",
            colorscale=colorscale,
            zmin=0,
            zmax=zmax,
            colorbar={"title": title},
            hovertemplate=hover + "<extra></extra>",
        )
    )
    if points is not None:
        lat, lon, text = points
        fig.add_trace(
            go.Scattergeo(
                lat=list(lat),
                lon=list(lon),
                text=list(text),
                mode="markers",
                marker={"size": 3, "color": "#222", "opacity": 0.5},
                name="events",
                hoverinfo="text",
            )
        )
    fig.update_geos(
        resolution=110,
        showframe=False,
        projection_type="natural earth",
        projection_rotation_lon=0,
        lonaxis_range=[-180, 180],
    )
    fig.update_layout(height=460, margin={"l": 0, "r": 0, "t": 0, "b": 0}, showlegend=False)
    return fig
