"""Self-contained HTML reports (Plotly inlined, no CDN) with sections from each engine."""

from bastion.report.build import build_report
from bastion.report.html import Section, figure_html, render_report, table_html, write_report
from bastion.report.scenario_sections import scenario_sections

__all__ = [
    "Section",
    "build_report",
    "figure_html",
    "render_report",
    "scenario_sections",
    "table_html",
    "write_report",
]
