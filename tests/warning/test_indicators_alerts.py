"""Indicators against a hand-built month-by-month history, alert rules, and the
import -> indicators -> forecast -> alerts path through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bastion import DataFormatError
from bastion.warning.alerts import Rule, evaluate_rules, read_rules
from bastion.warning.indicators import unit_months
from bastion.warning.store import EventStore
from tests.cli.helpers import invoke
from tests.warning.acled import CURRENT, event, write

# monthly fatalities in Kenya, Jan 2019 .. Feb 2020: quiet, then a surge in the last month
MONTHLY = [1, 2, 1, 0, 1, 2, 1, 1, 0, 2, 1, 1, 1, 60]


def history(tmp: Path) -> Path:
    rows = []
    for k, deaths in enumerate(MONTHLY):
        year, month = 2019 + k // 12, k % 12 + 1
        date = f"{year}-{month:02d}-15"
        rows.append(event(2 * k, date, fatalities=deaths, latitude=-1.0, longitude=36.0))
        rows.append(
            event(
                2 * k + 1,
                date,
                event_type="Protests",
                sub_event_type="Peaceful protest",
                actor1="Protesters",
                actor2="",
                fatalities=0,
                latitude=-1.0,
                longitude=36.0,
            )
        )
    # the last month: shelling, a new coalition and violence in new, adjacent cells
    rows += [
        event(
            100,
            "2020-02-20",
            sub_event_type="Shelling/artillery/missile attack",
            actor1="Militia B",
            actor2="Militia C",
            latitude=-1.0,
            longitude=36.6,
            fatalities=0,
        ),
        event(
            101,
            "2020-02-21",
            sub_event_type="Air/drone strike",
            actor1="Air Force",
            actor2="Militia C",
            latitude=-3.0,
            longitude=36.0,
            fatalities=0,
        ),
    ]
    return write(tmp / "kenya.csv", CURRENT, rows)


def test_indicators_by_hand(tmp_path: Path) -> None:
    store = EventStore(tmp_path / "ws")
    store.import_file(history(tmp_path))
    with store.connect(read_only=True) as con:
        t = unit_months(con, "country")
    assert t["unit"].tolist() == ["KEN"] * 14
    assert t["fatalities"].tolist() == MONTHLY
    assert t["mobilisation"].tolist() == [1] * 14
    assert t["weapons"].tolist() == [0] * 13 + [2]
    assert t["new_actors"][0] == 3 and t["new_actors"][-1] == 3  # Militia B, C, Air Force
    assert t["new_dyads"][-1] == 2 and t["new_dyads"][1:-1].sum() == 0
    assert t["new_cells"][-1] == 2 and t["diffusion"][-1] == 1  # only one cell is adjacent
    past = np.array(MONTHLY[1:13], dtype=float)  # the 12 months before the last
    assert t["fatalities_mean12"][-1] == pytest.approx(past.mean())
    assert t["fatalities_z12"][-1] == pytest.approx((60 - past.mean()) / past.std(ddof=1))
    assert bool(t["fatalities_surge3sd"][-1]) and not t["fatalities_surge3sd"][:-1].any()
    assert bool(t["fatalities_above_mean12"][1])  # 2 > the average of January (1)
    with store.connect(read_only=True) as con:
        grid = unit_months(con, "priogrid")
    # floor((lat + 90) / 0.5) * 720 + floor((lon + 180) / 0.5) + 1, by hand
    cells = {178 * 720 + 432 + 1, 178 * 720 + 433 + 1, 174 * 720 + 432 + 1}
    assert set(grid["unit"].astype(int).tolist()) == cells


def test_alert_rules_fire_once(tmp_path: Path) -> None:
    store = EventStore(tmp_path / "ws")
    store.import_file(history(tmp_path))
    fired = evaluate_rules(store)
    rules = {a["rule"] for a in fired}
    # one bad month after a quiet year: a surge, but not yet P(>= 25 deaths) >= 0.5
    assert rules == {"fatality surge", "new armed coalitions"}
    surge = next(a for a in fired if a["rule"] == "fatality surge")
    assert surge["unit"] == "KEN" and surge["value"] == 60 and "z = " in surge["message"]
    assert evaluate_rules(store) == []  # logged already: not raised twice


def test_rules_file_errors(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("- name: x\n  kind: surge\n  indicatr: weapons\n")
    with pytest.raises(DataFormatError, match="unknown field\\(s\\) indicatr"):
        read_rules(tmp_path / "r.yaml")
    (tmp_path / "p.yaml").write_text("- name: x\n  kind: probability\n  threshold: 3\n")
    with pytest.raises(DataFormatError, match="probability threshold must be in"):
        read_rules(tmp_path / "p.yaml")
    (tmp_path / "ok.yaml").write_text(
        "- name: arms\n  kind: threshold\n  indicator: weapons\n  threshold: 2\n"
    )
    assert read_rules(tmp_path / "ok.yaml") == [Rule("arms", "threshold", "weapons", 2)]


def test_cli_import_forecast_alerts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = history(tmp_path)
    ws = str(tmp_path / "ws")
    code, out, err = invoke(capsys, "warning", "import", str(path), "-w", ws, "-f", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["imports"][0]["imported"] == 30 and data["events"] == 30
    assert any(a["rule"] == "fatality surge" for a in data["alerts"])
    report = tmp_path / "f.html"
    code, out, err = invoke(
        capsys,
        "warning",
        "forecast",
        "-w",
        ws,
        "--model",
        "recent_history",
        "--horizon",
        "3",
        "--draws",
        "200",
        "--html",
        str(report),
        "-f",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert [r["month_id"] for r in data["forecasts"]] == [483, 484, 485]
    assert all(
        0 <= r["p_ge_25"] <= 1 and r["q05"] <= r["median"] <= r["q95"] for r in data["forecasts"]
    )
    text = report.read_text()
    assert "warning-map-figure" in text and "warning-fans-figure" in text
    code, out, err = invoke(capsys, "runs", "show", data["run"], "-w", ws, "--format", "json")
    assert code == 0 and '"seed"' in out
    code, out, err = invoke(capsys, "warning", "alerts", "-w", ws, "-f", "json")
    assert code == 0 and {a["rule"] for a in json.loads(out)} == {
        "fatality surge",
        "new armed coalitions",
    }
    code, out, err = invoke(capsys, "warning", "indicators", "-w", ws, "-f", "csv")
    assert code == 0 and out.splitlines()[0].startswith("unit,month_id,iso3,gwno,events,fatalities")
    code, _, err = invoke(capsys, "warning", "forecast", "-w", str(tmp_path / "empty"))
    assert code == 1 and "no events" in err


def test_breakdown_codes_and_challenge_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ws = str(tmp_path / "ws")
    invoke(capsys, "warning", "import", str(history(tmp_path)), "-w", ws)
    code, out, err = invoke(capsys, "warning", "indicators", "-w", ws, "--by-type", "-f", "json")
    assert code == 0, err
    rows = json.loads(out)
    last = {
        (r["event_type"], r["sub_event_type"]): r["events"] for r in rows if r["month_id"] == 482
    }
    assert last[("Battles", "Shelling/artillery/missile attack")] == 1
    assert last[("Battles", "Armed clash")] == 1 and last[("Protests", "Peaceful protest")] == 1
    code, out, err = invoke(capsys, "warning", "indicators", "-w", ws, "-f", "json")
    # the current ACLED layout has no Gleditsch-Ward code: missing, not 0
    assert {(r["iso3"], r["gwno"]) for r in json.loads(out)} == {("KEN", None)}


def test_forecast_refuses_samples_that_would_not_fit() -> None:
    from bastion import ParameterError
    from bastion.warning import Panel, forecast
    from bastion.warning.models.empirical import RecentHistory

    panel = Panel(np.arange(30_000), np.arange(1, 13), np.zeros((30_000, 12)))
    with pytest.raises(ParameterError, match="30,000 units x 12 months x 1,000 draws"):
        forecast(panel, RecentHistory(), horizon=12, draws=1000)
