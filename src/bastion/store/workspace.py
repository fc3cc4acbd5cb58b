"""The workspace: a DuckDB catalogue of runs plus Parquet and JSON result files.

Layout of a workspace folder (default ``./.bastion``)::

    bastion.duckdb          catalogue: runs, results
    results/<run id>/       files of complete runs (Parquet tables, JSON documents)
    staging/<run id>/       files of runs in progress (never read)

A run writes into ``staging/<run id>/``. When it completes, the folder is renamed to
``results/<run id>/`` (one atomic rename) and then, in one DuckDB transaction, its
result rows are inserted and its status set to ``complete``. A run that raises is
marked ``failed`` and its staging folder removed; a run whose process died is found
by :meth:`Workspace.recover` (called whenever a workspace is opened) and marked
``failed`` the same way. Results of other runs are never touched, so a crash leaves
earlier results intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import secrets
import shutil
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from bastion._version import __version__
from bastion.errors import ParameterError, StoreError
from bastion.store.records import COLUMNS, ResultRecord, RunRecord
from bastion.store.run import Run

__all__ = ["ENV_VAR", "Workspace", "default_workspace_path"]

ENV_VAR = "BASTION_WORKSPACE"
"""Environment variable naming the workspace folder (overridden by explicit paths)."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    id VARCHAR PRIMARY KEY,
    engine VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    scenario_name VARCHAR,
    scenario_hash VARCHAR,
    seed VARCHAR,
    package_version VARCHAR NOT NULL,
    backend VARCHAR,
    python_version VARCHAR NOT NULL,
    parameters VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    ended_at TIMESTAMP,
    error VARCHAR,
    host VARCHAR NOT NULL,
    pid INTEGER NOT NULL,
    provenance VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS results (
    run_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    path VARCHAR NOT NULL,
    rows BIGINT,
    PRIMARY KEY (run_id, name)
);
INSERT OR IGNORE INTO meta VALUES ('store_version', '1');
"""


def default_workspace_path() -> Path:
    """``$BASTION_WORKSPACE`` if set, else ``.bastion`` in the current folder."""
    env = os.environ.get(ENV_VAR)
    return Path(env) if env else Path.cwd() / ".bastion"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True


class Workspace:
    """A folder holding runs and their results.

    Parameters
    ----------
    path
        The workspace folder. ``None`` uses ``$BASTION_WORKSPACE`` or ``./.bastion``.
        It is created when first written to.

    Examples
    --------
    >>> import tempfile
    >>> ws = Workspace(tempfile.mkdtemp())
    >>> with ws.run("demo", parameters={"n": 3}) as run:
    ...     run.write_table("numbers", {"x": [1, 2, 3]})
    >>> ws.read_table(run.id, "numbers")["x"].tolist()
    [1, 2, 3]
    """

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_workspace_path()
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"workspace path {self.path} exists and is not a folder")
        self.db_path = self.path / "bastion.duckdb"
        if self.db_path.exists():
            self.recover()

    def __repr__(self) -> str:
        return f"Workspace({str(self.path)!r})"

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A short-lived connection to the catalogue (one process may write at a time)."""
        if read_only and not self.db_path.exists():
            con = duckdb.connect(":memory:")
            con.execute(_SCHEMA)
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            con = self._open_with_retry(read_only)
        try:
            yield con
        finally:
            con.close()

    def _open_with_retry(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        delay = 0.05
        for attempt in range(8):
            try:
                con = duckdb.connect(str(self.db_path), read_only=read_only)
                if not read_only:
                    con.execute(_SCHEMA)
                return con
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower() or attempt == 7:
                    raise StoreError(f"cannot open workspace {self.db_path}: {exc}") from None
                time.sleep(delay)
                delay *= 2
        raise AssertionError("unreachable")

    # -- writing -----------------------------------------------------------------------

    @contextlib.contextmanager
    def run(
        self,
        engine: str,
        *,
        scenario: Any = None,
        seed: Any = None,
        backend: str | None = None,
        parameters: dict[str, Any] | None = None,
        provenance: dict[str, Any] | None = None,
    ) -> Iterator[Run]:
        """Record a run; its results become visible only if the block completes.

        Parameters
        ----------
        engine
            Name of the engine (lower-case word).
        scenario
            The :class:`bastion.Scenario` the run works on; its hash and name are
            recorded and its canonical JSON is stored as the result ``scenario``.
        seed
            A :class:`bastion.compute.SeedRecord` (record what :func:`resolve_seed`
            returned), or ``None`` for deterministic work.
        backend
            The array backend used, e.g. ``numpy``.
        parameters
            The engine's parameters (JSON-serialisable).
        provenance
            Where the inputs came from (JSON-serialisable).
        """
        if not engine.isidentifier() or not engine.islower():
            raise ParameterError(f"engine must be a lower-case identifier; got {engine!r}")
        run_id = f"{_now():%Y%m%dT%H%M%S}Z-{engine}-{secrets.token_hex(3)}"
        seed_dict = seed.to_dict() if seed is not None else None
        row = (
            run_id,
            engine,
            "running",
            getattr(scenario, "name", None),
            getattr(scenario, "scenario_hash", None),
            json.dumps(seed_dict) if seed_dict is not None else None,
            __version__,
            backend,
            platform.python_version(),
            _dumps(parameters or {}, "parameters"),
            _now(),
            None,
            None,
            socket.gethostname(),
            os.getpid(),
            _dumps(provenance or {}, "provenance"),
        )
        with self.connect() as con:
            con.execute(f"INSERT INTO runs VALUES ({', '.join('?' * len(COLUMNS))})", row)
        staging = self.path / "staging" / run_id
        staging.mkdir(parents=True)
        handle = Run(run_id, staging)
        try:
            if scenario is not None:
                handle.write_json("scenario", scenario.model_dump(mode="json"))
            yield handle
            self._complete(handle)
        except BaseException as exc:
            self._fail(run_id, f"{type(exc).__name__}: {exc}")
            raise

    def _complete(self, handle: Run) -> None:
        final = self.path / "results" / handle.id
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(handle.folder, final)
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            for result in handle.results:
                con.execute(
                    "INSERT INTO results VALUES (?, ?, ?, ?, ?)",
                    (
                        handle.id,
                        result.name,
                        result.kind,
                        f"results/{handle.id}/{result.path}",
                        result.rows,
                    ),
                )
            con.execute(
                "UPDATE runs SET status = 'complete', ended_at = ? WHERE id = ?",
                (_now(), handle.id),
            )
            con.execute("COMMIT")
        handle.folder = final

    def _fail(self, run_id: str, error: str) -> None:
        with self.connect() as con:
            con.execute(
                "UPDATE runs SET status = 'failed', ended_at = ?, error = ? WHERE id = ?",
                (_now(), error[:2000], run_id),
            )
        for sub in ("staging", "results"):
            shutil.rmtree(self.path / sub / run_id, ignore_errors=True)

    def recover(self) -> list[str]:
        """Mark runs whose process died as failed and remove their partial files.

        Only runs started on this host can be judged; others are left as they are.
        Returns the ids marked failed.
        """
        host = socket.gethostname()
        with self.connect() as con:
            rows = con.execute(
                "SELECT id, pid FROM runs WHERE status = 'running' AND host = ?", (host,)
            ).fetchall()
        dead = [run_id for run_id, pid in rows if not _pid_alive(pid)]
        for run_id in dead:
            self._fail(run_id, "interrupted: the process running it ended before it completed")
        return dead

    # -- reading -----------------------------------------------------------------------

    def runs(self, *, engine: str | None = None, status: str | None = None) -> list[RunRecord]:
        """All runs, newest first, optionally filtered by engine and status."""
        query = f"SELECT {', '.join(COLUMNS)} FROM runs WHERE 1=1"
        args: list[Any] = []
        if engine:
            query += " AND engine = ?"
            args.append(engine)
        if status:
            query += " AND status = ?"
            args.append(status)
        with self.connect(read_only=True) as con:
            rows = con.execute(query + " ORDER BY started_at DESC, id DESC", args).fetchall()
        return [RunRecord.from_row(row) for row in rows]

    def get_run(self, run_id: str) -> RunRecord:
        """The run whose id is ``run_id`` or starts with it (unambiguously)."""
        with self.connect(read_only=True) as con:
            rows = con.execute(
                f"SELECT {', '.join(COLUMNS)} FROM runs WHERE starts_with(id, ?) ORDER BY id",
                (run_id,),
            ).fetchall()
            if len(rows) > 1 and not any(row[0] == run_id for row in rows):
                ids = ", ".join(row[0] for row in rows[:5])
                raise StoreError(f"run id {run_id!r} is ambiguous: matches {ids}")
            rows = [row for row in rows if row[0] == run_id] or rows
            if not rows:
                raise StoreError(
                    f"no run {run_id!r} in workspace {self.path}; `bastion runs list` shows them"
                )
            results = con.execute(
                "SELECT name, kind, path, rows FROM results WHERE run_id = ? ORDER BY name",
                (rows[0][0],),
            ).fetchall()
        return RunRecord.from_row(rows[0], tuple(ResultRecord(*r) for r in results))

    def _result(self, run_id: str, name: str, kind: str) -> Path:
        record = self.get_run(run_id)
        if record.status != "complete":
            raise StoreError(f"run {record.id} is {record.status}; only complete runs have results")
        for result in record.results:
            if result.name == name:
                if result.kind != kind:
                    raise StoreError(f"result {name!r} of run {record.id} is a {result.kind}")
                return self.path / result.path
        names = ", ".join(r.name for r in record.results) or "none"
        raise StoreError(f"run {record.id} has no result {name!r}; results: {names}")

    def read_table(self, run_id: str, name: str) -> dict[str, Any]:
        """A table result as a dict of NumPy arrays (column name -> array)."""
        path = self._result(run_id, name, "table")
        pattern = str(path / "part-*.parquet") if path.is_dir() else str(path)
        with contextlib.closing(duckdb.connect(":memory:")) as con:
            data: dict[str, Any] = con.execute(
                "SELECT * FROM read_parquet(?, union_by_name = false)", (pattern,)
            ).fetchnumpy()
        return data

    def read_json(self, run_id: str, name: str) -> Any:
        """A JSON result, decoded."""
        return json.loads(self._result(run_id, name, "json").read_text(encoding="utf-8"))

    def result_path(self, run_id: str, name: str) -> Path:
        """Path of a complete run's result file (for readers of other formats)."""
        record = self.get_run(run_id)
        for result in record.results:
            if result.name == name and record.status == "complete":
                return self.path / result.path
        raise StoreError(f"run {record.id} has no result {name!r}")

    # -- housekeeping --------------------------------------------------------------------

    def delete_run(self, run_id: str) -> RunRecord:
        """Delete a run, its catalogue rows and its files; returns what was deleted."""
        record = self.get_run(run_id)
        if (
            record.status == "running"
            and record.host == socket.gethostname()
            and _pid_alive(record.pid)
        ):
            raise StoreError(f"run {record.id} is still running (process {record.pid})")
        with self.connect() as con:
            con.execute("BEGIN TRANSACTION")
            con.execute("DELETE FROM results WHERE run_id = ?", (record.id,))
            con.execute("DELETE FROM runs WHERE id = ?", (record.id,))
            con.execute("COMMIT")
        for sub in ("staging", "results"):
            shutil.rmtree(self.path / sub / record.id, ignore_errors=True)
        return record

    def export_run(self, run_id: str, destination: str | Path, *, fmt: str = "parquet") -> Path:
        """Copy a complete run to ``destination/<run id>/`` (``run.json`` + results).

        ``fmt`` is ``parquet`` (tables copied as they are) or ``csv``. The export
        folder appears atomically: a partial export is never left behind.
        """
        if fmt not in ("parquet", "csv"):
            raise ParameterError(f"format must be 'parquet' or 'csv'; got {fmt!r}")
        record = self.get_run(run_id)
        if record.status != "complete":
            raise StoreError(
                f"run {record.id} is {record.status}; only complete runs can be exported"
            )
        target = Path(destination) / record.id
        if target.exists():
            raise StoreError(f"{target} already exists; remove it or choose another destination")
        tmp = Path(destination) / f".{record.id}.partial-{secrets.token_hex(3)}"
        tmp.mkdir(parents=True)
        try:
            (tmp / "run.json").write_text(json.dumps(record.to_dict(), indent=2) + "\n")
            for result in record.results:
                source = self.path / result.path
                if result.kind == "table" and fmt == "csv":
                    pattern = source / "part-*.parquet" if source.is_dir() else source
                    with contextlib.closing(duckdb.connect(":memory:")) as con:
                        con.execute(
                            f"COPY (SELECT * FROM read_parquet('{_sql_path(pattern)}')) "
                            f"TO '{_sql_path(tmp / (result.name + '.csv'))}' (HEADER)"
                        )
                elif source.is_dir():
                    shutil.copytree(source, tmp / source.name)
                else:
                    shutil.copy2(source, tmp / source.name)
            os.replace(tmp, target)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return target


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _dumps(value: Any, what: str) -> str:
    try:
        return json.dumps(value, sort_keys=True, default=_json_default)
    except TypeError as exc:
        raise ParameterError(f"{what} must be JSON-serialisable: {exc}") from None


def _json_default(value: Any) -> Any:
    if hasattr(value, "tolist"):  # NumPy scalars and arrays
        return value.tolist()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")
