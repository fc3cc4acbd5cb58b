"""The workspace store: recording, atomicity, crash recovery, export, delete."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import numpy as np
import pytest

import bastion
from bastion import ParameterError, StoreError, Workspace, load_scenario, resolve_seed
from bastion.store import ENV_VAR, default_workspace_path


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    return Workspace(tmp_path / "ws")


def complete_run(ws: Workspace, value: float = 1.0) -> str:
    with ws.run("demo", parameters={"value": value}, backend="numpy") as run:
        run.write_table("table", {"x": np.arange(4) * value, "label": list("abcd")})
        run.write_json("summary", {"value": value})
    return run.id


def test_records_everything_needed_to_replay(ws: Workspace, example: Path) -> None:
    scenario = load_scenario(example)
    seed = resolve_seed(2024)
    with ws.run(
        "demo", scenario=scenario, seed=seed, backend="numpy", parameters={"runs": 10}
    ) as run:
        run.write_table("draws", {"u": seed.generator().random(3)})
    record = ws.get_run(run.id)
    assert record.status == "complete"
    assert record.engine == "demo" and record.backend == "numpy"
    assert record.scenario_hash == scenario.scenario_hash
    assert record.package_version == bastion.__version__
    assert record.parameters == {"runs": 10}
    assert record.started_at <= record.ended_at if record.ended_at else False
    # replay from the stored seed gives the stored numbers
    replay = bastion.SeedRecord.from_dict(record.seed or {})
    np.testing.assert_array_equal(ws.read_table(run.id, "draws")["u"], replay.generator().random(3))
    # the scenario snapshot is stored and reproduces the hash
    snapshot = ws.read_json(run.id, "scenario")
    assert bastion.Scenario.model_validate(snapshot).model_dump(mode="json") == snapshot


def test_tables_and_json_round_trip(ws: Workspace) -> None:
    run_id = complete_run(ws, 2.0)
    table = ws.read_table(run_id, "table")
    assert table["x"].tolist() == [0.0, 2.0, 4.0, 6.0]
    assert table["label"].tolist() == ["a", "b", "c", "d"]
    assert ws.read_json(run_id, "summary") == {"value": 2.0}
    assert {r.name for r in ws.get_run(run_id).results} == {"table", "summary"}


def test_exception_marks_failed_and_keeps_earlier_results(ws: Workspace) -> None:
    earlier = complete_run(ws)
    with pytest.raises(RuntimeError, match="boom"), ws.run("demo") as run:
        run.write_table("partial", {"x": [1, 2]})
        raise RuntimeError("boom")
    record = ws.get_run(run.id)
    assert record.status == "failed" and "RuntimeError: boom" in (record.error or "")
    assert record.results == ()
    assert not (ws.path / "staging" / run.id).exists()
    with pytest.raises(StoreError, match="failed"):
        ws.read_table(run.id, "partial")
    assert ws.read_table(earlier, "table")["x"].tolist() == [0, 1, 2, 3]


CRASH = """
import os, sys
import numpy as np
from bastion import Workspace
ws = Workspace(sys.argv[1])
with ws.run("demo") as run:
    run.write_table("big", {"x": np.arange(1000)})
    print(run.id, flush=True)
    os._exit(3)  # the process dies mid-run: no exception handler, no cleanup
"""


def test_hard_crash_mid_run_is_recovered(ws: Workspace) -> None:
    earlier = complete_run(ws)
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(CRASH), str(ws.path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 3, proc.stderr
    crashed = proc.stdout.strip()
    # the catalogue still says running: the process had no chance to say otherwise
    with duckdb.connect(str(ws.db_path), read_only=True) as con:
        assert con.execute("SELECT status FROM runs WHERE id = ?", (crashed,)).fetchone() == (
            "running",
        )
    # opening the workspace finds the dead process and marks the run failed
    reopened = Workspace(ws.path)
    record = reopened.get_run(crashed)
    assert record.status == "failed" and "interrupted" in (record.error or "")
    assert not (ws.path / "staging" / crashed).exists()
    assert reopened.read_json(earlier, "summary") == {"value": 1.0}
    assert [r.id for r in reopened.runs(status="complete")] == [earlier]


def test_failure_while_completing_marks_the_run_failed(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = complete_run(ws)

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"), ws.run("demo") as run:
        run.write_table("t", {"x": [1]})
        monkeypatch.setattr(os, "replace", broken_replace)
    monkeypatch.undo()
    record = ws.get_run(run.id)
    assert record.status == "failed" and "disk full" in (record.error or "")
    assert not (ws.path / "staging" / run.id).exists()
    assert ws.read_table(earlier, "table")["x"].tolist() == [0, 1, 2, 3]


def test_result_files_are_written_atomically(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure while writing a result leaves no partial file behind."""
    with pytest.raises(TypeError), ws.run("demo") as run:
        run.write_json("bad", {"x": object()})
    assert not any((ws.path / "staging").glob("**/*.tmp"))
    assert ws.get_run(run.id).status == "failed"


def test_bad_result_arguments(ws: Workspace) -> None:
    with ws.run("demo") as run:
        with pytest.raises(ParameterError, match="equal length"):
            run.write_table("t", {"a": [1, 2], "b": [1]})
        with pytest.raises(ParameterError, match="lower-case"):
            run.write_table("Bad Name", {"a": [1]})
        run.write_json("ok", 1)
        with pytest.raises(ParameterError, match="already has a result"):
            run.write_json("ok", 2)
    with pytest.raises(ParameterError, match="engine"):
        ws.run("Not An Engine").__enter__()


def test_prefix_lookup_and_errors(ws: Workspace) -> None:
    run_id = complete_run(ws)
    assert ws.get_run(run_id[:20]).id == run_id
    complete_run(ws)
    with pytest.raises(StoreError, match="ambiguous"):
        ws.get_run("2")
    with pytest.raises(StoreError, match="no run 'zzz'"):
        ws.get_run("zzz")
    with pytest.raises(StoreError, match=r"no result 'nope'.*summary, table"):
        ws.read_json(run_id, "nope")


def test_listing_filters(ws: Workspace) -> None:
    good = complete_run(ws)
    with pytest.raises(ValueError), ws.run("other"):
        raise ValueError
    assert [r.id for r in ws.runs(engine="demo")] == [good]
    assert [r.engine for r in ws.runs(status="failed")] == ["other"]
    assert len(ws.runs()) == 2


def test_export_parquet_and_csv(ws: Workspace, tmp_path: Path) -> None:
    run_id = complete_run(ws)
    target = ws.export_run(run_id, tmp_path / "out")
    assert sorted(p.name for p in target.iterdir()) == ["run.json", "summary.json", "table.parquet"]
    assert json.loads((target / "run.json").read_text())["id"] == run_id
    csv_target = ws.export_run(run_id, tmp_path / "csv", fmt="csv")
    assert (csv_target / "table.csv").read_text().splitlines()[0] == "x,label"
    with pytest.raises(StoreError, match="already exists"):
        ws.export_run(run_id, tmp_path / "out")
    assert not list((tmp_path / "out").glob(".*partial*"))


def test_delete(ws: Workspace) -> None:
    run_id = complete_run(ws)
    ws.delete_run(run_id)
    assert ws.runs() == []
    assert not (ws.path / "results" / run_id).exists()


def test_workspace_location_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert default_workspace_path() == tmp_path / "from-env"
    assert Workspace().path == tmp_path / "from-env"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.chdir(tmp_path)
    assert Workspace().path == tmp_path / ".bastion"


def test_reading_an_empty_workspace_creates_nothing(tmp_path: Path) -> None:
    ws = Workspace(tmp_path / "never")
    assert ws.runs() == []
    assert not (tmp_path / "never").exists()


def test_workspace_path_must_be_a_folder(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        Workspace(tmp_path / "file")
