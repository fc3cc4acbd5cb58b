"""``bastion escalation run|compare``: the JSON contract and what is stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bastion import Workspace
from tests.cli.helpers import invoke


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BASTION_WORKSPACE", raising=False)


def test_run_json_contract(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    code, out, err = invoke(
        capsys,
        "escalation",
        "run",
        str(example),
        "--runs",
        "3000",
        "--seed",
        "5",
        "--format",
        "json",
        "--chunk-size",
        "1000",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["runs"] == 3000
    assert data["seed"]["entropy"] == "5"
    assert data["backend"] == "numpy"
    assert data["run_steps_per_second"] > 0
    kinetic = data["outcomes"]["crossed:kinetic"]
    assert 0 <= kinetic["ci_low"] <= kinetic["p"] <= kinetic["ci_high"] <= 1
    # the per-run records are in the workspace, in three Parquet parts
    ws = Workspace(tmp_path / ".bastion")
    record = ws.get_run(data["run_id"])
    assert record.scenario_hash == data["scenario_hash"]
    assert record.seed == data["seed"]
    table = ws.read_table(record.id, "runs")
    assert len(table["run"]) == 3000
    assert sorted(table["run"].tolist()) == list(range(3000))
    # damage by actor is the sector-weighted sum of its sectors' damage (weights 0.3/0.25/0.2/0.25)
    nmr = (
        0.30 * table["damage_nmr_energy"]
        + 0.25 * table["damage_nmr_comms"]
        + 0.20 * table["damage_nmr_transport"]
        + 0.25 * table["damage_nmr_finance"]
    )
    assert table["damage_actor_NMR"] == pytest.approx(nmr, rel=1e-5)
    crossed = (table["first_step_kinetic"] >= 0).mean()
    assert crossed == pytest.approx(kinetic["p"])


def test_run_is_reproducible_from_the_cli(
    capsys: pytest.CaptureFixture[str], example: Path
) -> None:
    args = ("escalation", "run", str(example), "-n", "800", "-s", "3", "-f", "json", "--no-records")
    first = json.loads(invoke(capsys, *args)[1])
    second = json.loads(invoke(capsys, *args)[1])
    assert first["outcomes"] == second["outcomes"]


def test_compare_text_and_json(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, out, _ = invoke(
        capsys,
        "escalation",
        "compare",
        str(example),
        "-n",
        "1000",
        "-s",
        "1",
        "-l",
        "firmer_guarantee",
        "-f",
        "json",
    )
    assert code == 0
    effects = json.loads(out)["effects"]
    assert {e["lever"] for e in effects} == {"firmer_guarantee"}
    code, out, _ = invoke(capsys, "escalation", "compare", str(example), "-n", "500", "-s", "1")
    assert code == 0 and "Lever effects" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--runs", "0"), "--runs must be at least 1; got 0"),
        (("--backend", "fortran"), "unknown backend 'fortran'"),
        (("--lever", "nope"), "no lever 'nope'"),
    ],
)
def test_bad_input_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], example: Path, args: tuple[str, ...], message: str
) -> None:
    code, _, err = invoke(capsys, "escalation", "run", str(example), *args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err


def test_calibrate_json(capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path) -> None:
    icb = tmp_path / "icb.csv"
    icb.write_text(
        "crisno,trgresra\n" + "".join(f"{i},{d}\n" for i, d in enumerate([1, 3, 9, 30, ""]))
    )
    code, out, err = invoke(
        capsys,
        "escalation",
        "calibrate",
        str(example),
        "--icb",
        str(icb),
        "--draws",
        "4",
        "--accept",
        "0.5",
        "--runs",
        "200",
        "--seed",
        "1",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["fit"][0]["observed"] == pytest.approx(0.5)  # 2 of 4 recorded within 7 days
    assert "1 not recorded" in data["fit"][0]["description"]
    assert len(data["parameters"]) == 4
    record = Workspace(tmp_path / ".bastion").get_run(data["run_id"])
    assert record.provenance == {"data": {"icb": str(icb)}}


def test_calibrate_needs_a_target(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, _, err = invoke(capsys, "escalation", "calibrate", str(example))
    assert code == 1
    assert "give at least one target" in err


def test_sensitivity_then_report(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    code, out, err = invoke(
        capsys,
        "escalation",
        "sensitivity",
        str(example),
        "--samples",
        "2",
        "--runs",
        "100",
        "--seed",
        "2",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["points"] == 2 * (4 + 2)
    assert data["parameters"][0]["path"] == "actors.VAR.resolve"
    assert invoke(capsys, "report", str(example), "-o", "r.html")[0] == 0
    assert 'id="escalation-sobol"' in (tmp_path / "r.html").read_text()
