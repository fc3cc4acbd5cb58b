"""The command line: exit codes, messages without tracebacks, and each command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bastion import Workspace
from tests.cli.helpers import invoke


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BASTION_WORKSPACE", raising=False)
    monkeypatch.setenv("COLUMNS", "200")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    import bastion

    code, out, _ = invoke(capsys, "--version")
    assert code == 0 and out.strip() == f"bastion {bastion.__version__}"


def test_validate_ok(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, out, _ = invoke(capsys, "validate", str(example))
    assert code == 0 and "is valid" in out and "9 actors" in out


def test_validate_reports_all_problems_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "schema_version: 1\nname: X\nactors:\n  - {id: A, name: A, kind: state, resolv: 1}\n"
        "alliances:\n  - {id: p, name: P, members: [A, Z]}\n"
    )
    code, _, err = invoke(capsys, "validate", str(bad))
    assert code == 1
    assert "Traceback" not in err
    assert f"{bad}:4:" in err and "did you mean 'resolve'?" in err
    assert f"{bad}:6:" in err and "unknown actor 'Z'" in err


def test_validate_json_output(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema_version: 2\nname: X\nactors: []\n")
    code, out, _ = invoke(capsys, "validate", "--format", "json", str(example), str(bad))
    assert code == 1
    results = json.loads(out)["results"]
    assert [r["valid"] for r in results] == [True, False]
    assert {i["path"] for i in results[1]["issues"]} == {"schema_version", "actors"}


def test_user_error_prints_message_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = invoke(capsys, "runs", "show", "does-not-exist")
    assert code == 1 and err.startswith("error: no run 'does-not-exist'")
    assert "Traceback" not in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = invoke(capsys, "no-such-command")
    assert code == 2 and "No such command" in err


def test_schema_to_stdout_and_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = invoke(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "Scenario"
    code, _, _ = invoke(capsys, "schema", "--format", "markdown", "-o", str(tmp_path / "ref.md"))
    assert code == 0 and (tmp_path / "ref.md").read_text().startswith("# Scenario file reference")


def test_new_copies_the_example_and_it_validates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = invoke(capsys, "new", "mine/scenario.yaml")
    assert code == 0 and (tmp_path / "mine" / "data" / "northmarch_ties.csv").is_file()
    assert invoke(capsys, "validate", "mine/scenario.yaml")[0] == 0
    code, _, err = invoke(capsys, "new", "mine/scenario.yaml")
    assert code == 1 and "--force" in err


def test_demo_runs_end_to_end(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = invoke(capsys, "demo", "--output", "out", "--runs", "2000")
    assert code == 0, err
    report = tmp_path / "out" / "report.html"
    assert report.is_file() and str(report) in out
    runs = Workspace(tmp_path / ".bastion").runs()
    assert sorted(r.engine for r in runs) == ["escalation", "escalation_compare", "report"]
    assert {r.status for r in runs} == {"complete"}
    report_run = next(r for r in runs if r.engine == "report")
    table = Workspace(tmp_path / ".bastion").read_table(report_run.id, "variants")
    assert table["lever"].tolist()[0] == "baseline" and len(table["lever"]) == 5
    html = report.read_text()
    for anchor in (
        "escalation-outcomes",
        "escalation-survival",
        "escalation-levers",
        "network-view",
        "network-timeline",
        "network-disruption",
        "warning-map",
        "warning-fans",
        "warning-alerts",
    ):
        assert f'id="{anchor}"' in html
    assert "Networks (30 fictional actors" in out and "fictional events imported" in out
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids must be unique (Plotly renders by id)"


def test_report_and_runs_commands(
    capsys: pytest.CaptureFixture[str], example: Path, tmp_path: Path
) -> None:
    code, out, _ = invoke(capsys, "report", str(example), "-o", "r.html", "-w", "ws")
    assert code == 0 and (tmp_path / "r.html").is_file()
    code, out, _ = invoke(capsys, "runs", "list", "-w", "ws", "--format", "json")
    runs = json.loads(out)["runs"]
    assert len(runs) == 1 and runs[0]["engine"] == "report" and runs[0]["status"] == "complete"
    run_id = runs[0]["id"]
    code, out, _ = invoke(capsys, "runs", "list", "-w", "ws", "--format", "csv")
    assert out.splitlines()[0].startswith("id,engine,status") and run_id in out
    code, out, _ = invoke(capsys, "runs", "list", "-w", "ws")
    assert run_id in out
    code, out, _ = invoke(capsys, "runs", "show", run_id[:22], "-w", "ws")
    assert code == 0 and "scenario_hash" in out and "report (json" in out
    code, out, _ = invoke(capsys, "runs", "export", run_id, "-w", "ws", "-o", "exp")
    assert code == 0 and (tmp_path / "exp" / run_id / "run.json").is_file()
    code, out, _ = invoke(capsys, "runs", "delete", run_id, "-w", "ws", "--yes")
    assert code == 0 and Workspace(tmp_path / "ws").runs() == []


def test_runs_list_rejects_unknown_status(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = invoke(capsys, "runs", "list", "--status", "done")
    assert code == 1 and "--status must be running, complete or failed; got 'done'" in err


def test_workspace_from_environment(
    capsys: pytest.CaptureFixture[str],
    example: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BASTION_WORKSPACE", str(tmp_path / "envws"))
    assert invoke(capsys, "report", str(example), "-o", "r.html")[0] == 0
    assert len(Workspace(tmp_path / "envws").runs()) == 1
