"""Supplier exposure computed from the scenario, checked by hand on the example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bastion import load_scenario
from bastion.exposure import supplier_exposure
from tests.cli.helpers import invoke


def test_example_communications_equipment_by_hand(example: Path) -> None:
    rows = {(r["customer"], r["category"]): r for r in supplier_exposure(load_scenario(example))}
    comms = rows["NMR", "communications_equipment"]
    # Kestrel 0.55 (reliability 0.5, 6/10 years, origin VAR); Orison 0.45 (0.9, 3/12, origin WSM)
    assert comms["hhi"] == pytest.approx(0.55**2 + 0.45**2)
    assert comms["expected_delivery"] == pytest.approx(0.55 * 0.5 + 0.45 * 0.9)
    assert comms["obsolescence"] == pytest.approx(0.55 * 6 / 10 + 0.45 * 3 / 12)
    assert comms["single_points_of_failure"] == ["KESTREL"]
    assert comms["adversary_share"] == pytest.approx(0.55)  # VAR targets NMR
    assert comms["allied_share"] == pytest.approx(0.45)  # WSM guarantees the Concord Pact
    defence = rows["NMR", "defence_systems"]
    assert defence["hhi"] == 1.0
    assert defence["single_points_of_failure"] == ["ORISON"]


def test_cli_suppliers_and_report_sections(
    capsys: pytest.CaptureFixture[str],
    example: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = invoke(capsys, "exposure", "suppliers", str(example), "--format", "json")
    assert code == 0
    assert len(json.loads(out)["rows"]) == 4
    assert invoke(capsys, "report", str(example), "-o", "r.html")[0] == 0
    html = (tmp_path / "r.html").read_text()
    assert 'id="exposure-suppliers"' in html
    assert 'id="exposure-cascade"' in html
