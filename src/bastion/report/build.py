"""Assemble a scenario's full report from the sections every engine contributes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bastion._version import __version__
from bastion.report.html import Section, render_report, write_report
from bastion.report.scenario_sections import scenario_sections
from bastion.scenario import Scenario

__all__ = ["build_report"]


def build_report(scenario: Scenario, path: str | Path, *, extra: Sequence[Section] = ()) -> Path:
    """Write the HTML report of ``scenario`` (plus ``extra`` sections) to ``path``.

    Returns the absolute path written. The file is written atomically and opens
    offline in any modern browser.
    """
    sections = [*scenario_sections(scenario), *extra]
    provenance = {
        "scenario file": str(scenario.source) if scenario.source else "(in memory)",
        "scenario hash": scenario.scenario_hash,
        "bastion version": __version__,
    }
    document = render_report(
        scenario.name,
        sections,
        subtitle="Bastion scenario report"
        + (" — fictional scenario" if scenario.fictional else ""),
        provenance=provenance,
    )
    return write_report(path, document)
