"""Self-contained HTML reports built from templates.

A report is a list of :class:`Section` objects rendered into one HTML file by a
Jinja2 template. Plotly's JavaScript bundle (the version installed with Plotly) is
inlined once, so the file opens offline, by e-mail or on an air-gapped machine, with
no CDN or other external request.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from bastion._version import __version__
from bastion.store._atomic import atomic_write_text

__all__ = ["Section", "figure_html", "render_report", "table_html", "write_report"]

PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "toImageButtonOptions": {"format": "svg"},
    # Maps must never fetch topojson from a CDN: engines that draw maps ship their own.
    "topojsonURL": "",
}


@dataclass(frozen=True)
class Section:
    """One titled part of a report.

    Attributes
    ----------
    id
        Anchor used by the table of contents.
    title
        Heading shown to the reader.
    body
        Trusted HTML (build it with :func:`table_html` and :func:`figure_html`).
    summary
        One plain-text sentence shown under the heading.
    uses_plotly
        Whether ``body`` contains Plotly figures (the bundle is inlined only if needed).
    uses_geo
        Whether ``body`` contains Plotly maps (the bundled world map is inlined, so that
        Plotly does not fetch it from a CDN).
    uses_cytoscape
        Whether ``body`` draws networks with Cytoscape.js (the bundled copy is inlined).
    """

    id: str
    title: str
    body: str
    summary: str = ""
    uses_plotly: bool = False
    notes: Sequence[str] = field(default_factory=tuple)
    uses_geo: bool = False
    uses_cytoscape: bool = False


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("bastion.report", "templates"),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def _geo_assets_js() -> str:
    """Registers the bundled world map where Plotly looks before fetching one."""
    from importlib import resources

    world = resources.files("bastion.report").joinpath("assets/world_110m.json").read_text()
    return f"window.PlotlyGeoAssets = {{topojson: {{world_110m: {world}}}}};"


@cache
def _cytoscape_js() -> str:
    from importlib import resources

    text = resources.files("bastion.report").joinpath("assets/cytoscape.min.js").read_text()
    return text.replace("</script>", "<\\/script>")


@cache
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    # A literal "</script>" inside the bundle would end the inline script early.
    return str(get_plotlyjs()).replace("</script>", "<\\/script>")


def figure_html(figure: Any, *, div_id: str | None = None) -> str:
    """HTML ``<div>`` for a Plotly figure, without the Plotly bundle (added once)."""
    return str(
        figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            config=PLOTLY_CONFIG,
            div_id=div_id,
        )
    )


def table_html(
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    numeric: Sequence[bool] | None = None,
    caption: str | None = None,
) -> str:
    """An escaped HTML table; numbers are right-aligned and shown with 3 significant digits."""
    numeric = list(numeric) if numeric is not None else [False] * len(header)
    parts = ['<table class="data">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(
        "<thead><tr>"
        + "".join(
            f'<th class="{"num" if n else ""}">{html.escape(str(h))}</th>'
            for h, n in zip(header, numeric, strict=True)
        )
        + "</tr></thead><tbody>"
    )
    for row in rows:
        cells = []
        for value, is_num in zip(row, numeric, strict=True):
            if isinstance(value, float):
                text = f"{value:.3g}"
            elif value is None:
                text = "—"
            else:
                text = str(value)
            cells.append(f'<td class="{"num" if is_num else ""}">{html.escape(text)}</td>')
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</tbody></table>")
    return "".join(parts)


def render_report(
    title: str,
    sections: Sequence[Section],
    *,
    subtitle: str = "",
    provenance: dict[str, Any] | None = None,
) -> str:
    """Render sections into one self-contained HTML document."""
    template = _environment().get_template("report.html.j2")
    needs_plotly = any(section.uses_plotly for section in sections)
    return template.render(
        title=title,
        subtitle=subtitle,
        sections=sections,
        plotly_js=_plotly_js() if needs_plotly else "",
        geo_js=_geo_assets_js() if any(section.uses_geo for section in sections) else "",
        cytoscape_js=(
            _cytoscape_js() if any(section.uses_cytoscape for section in sections) else ""
        ),
        provenance=provenance or {},
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
    )


def write_report(path: str | Path, document: str) -> Path:
    """Write a rendered report atomically; returns the absolute path."""
    path = Path(path).resolve()
    atomic_write_text(path, document)
    return path
