"""The event store: one normalised event table in the workspace (DuckDB).

``<workspace>/warning.duckdb`` holds ``events`` (one row per source event, keyed by source and
source event id), ``quarantine`` (rows that could not be trusted, with file, data row, reason
and value), ``imports`` (one row per import: file, SHA-256, counts) and ``alerts``. An import
runs in one transaction: it lands whole or not at all. Re-importing a file adds nothing
(events are keyed; its quarantine rows are replaced, not repeated); an event whose id is
already stored with a different date, place, type or death toll is quarantined as a conflict
(the stored version is kept and the new one is not lost); events already stored under
another id with the same date, place (to 0.001 degree), actors and fatalities are counted as
possible duplicates (kept: UCDP and ACLED do record distinct events that look alike).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from bastion._files import file_sha256
from bastion._version import __version__
from bastion.errors import StoreError
from bastion.store import Workspace
from bastion.warning.events import COLUMNS, stage

__all__ = ["EventStore"]

_SCHEMA = f"""
create table if not exists events (
    {", ".join(f"{name} {kind}" for name, kind in COLUMNS.items())},
    imported_at timestamp,
    primary key (source, source_event_id)
);
create table if not exists quarantine (
    source varchar, file varchar, sha256 varchar, row_number bigint, source_event_id varchar,
    reason varchar, value varchar, imported_at timestamp
);
create table if not exists imports (
    file varchar, sha256 varchar, source varchar, rows bigint, imported bigint,
    already_present bigint, quarantined bigint, possible_duplicates bigint,
    imported_at timestamp, bastion_version varchar
);
create table if not exists alerts (
    raised_at timestamp, rule varchar, unit varchar, month_id integer, indicator varchar,
    value double, threshold double, message varchar
);
"""


def _scalar(con: Any, query: str, params: list[Any] | None = None) -> Any:
    row = con.execute(query, params or []).fetchone()
    return row[0] if row else None


class EventStore:
    """The warning engine's tables in a workspace (see the module docstring)."""

    def __init__(self, workspace: Workspace | str | Path | None = None) -> None:
        self.workspace = workspace if isinstance(workspace, Workspace) else Workspace(workspace)
        self.path = self.workspace.path / "warning.duckdb"

    @contextlib.contextmanager
    def connect(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the event database (created on first write)."""
        if read_only and not self.path.exists():
            con = duckdb.connect(":memory:")
            con.execute(_SCHEMA)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                con = duckdb.connect(str(self.path), read_only=read_only)
            except duckdb.IOException as exc:
                raise StoreError(f"cannot open the event store {self.path}: {exc}") from None
            if not read_only:
                con.execute(_SCHEMA)
        try:
            yield con
        finally:
            con.close()

    def import_file(self, path: str | Path, *, source: str = "auto") -> dict[str, Any]:
        """Import one UCDP or ACLED file (see the module docstring); returns its summary."""
        path = Path(path)
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.connect() as con:
            summary = stage(con, path, source=source)
            sha = file_sha256(path)
            names = ", ".join(COLUMNS)
            con.execute("begin transaction")
            try:
                # an id already stored with other content is a conflict: quarantined, not lost
                con.execute(
                    """
                    update staged s set
                        problem = 'conflicts with the stored event of this id (imported '
                            || strftime(e.imported_at, '%Y-%m-%d %H:%M') || ' from ' || e.file
                            || ')',
                        problem_value = s.event_date || ', ' || s.latitude || ', '
                            || s.longitude || ', ' || coalesce(s.fatalities, 0)
                    from events e
                    where s.problem is null and e.source = s.source
                      and e.source_event_id = s.source_event_id
                      and (e.event_date is distinct from s.event_date
                           or e.latitude is distinct from s.latitude
                           or e.longitude is distinct from s.longitude
                           or e.fatalities is distinct from s.fatalities
                           or e.event_type is distinct from s.event_type)
                    """
                )
                conflicts = _scalar(
                    con, "select count(*) from staged where problem like 'conflicts with%'"
                )
                summary["valid"] -= conflicts
                summary["quarantined"] += conflicts
                before = _scalar(con, "select count(*) from events")
                con.execute(
                    f"insert or ignore into events select {names}, ? from staged "
                    "where problem is null",
                    [now],
                )
                imported = _scalar(con, "select count(*) from events") - before
                duplicates = _scalar(
                    con,
                    """
                    select count(*) from staged s where s.problem is null and exists (
                        select 1 from events e
                        where e.source_event_id <> s.source_event_id
                          and e.event_date = s.event_date
                          and round(e.latitude, 3) = round(s.latitude, 3)
                          and round(e.longitude, 3) = round(s.longitude, 3)
                          and e.actor1 is not distinct from s.actor1
                          and e.actor2 is not distinct from s.actor2
                          and e.fatalities is not distinct from s.fatalities)
                    """,
                )
                con.execute("delete from quarantine where sha256 = ?", [sha])
                con.execute(
                    "insert into quarantine select source, file, ?, row_number, source_event_id, "
                    "problem, problem_value, ? from staged where problem is not null",
                    [sha, now],
                )
                reasons = dict(
                    con.execute(
                        "select regexp_replace(problem, ' \\(.*', ''), count(*) from staged "
                        "where problem is not null group by 1 order by 2 desc"
                    ).fetchall()
                )
                summary |= {
                    "sha256": sha,
                    "imported": imported,
                    "already_present": summary["valid"] - imported,
                    "possible_duplicates": duplicates,
                    "quarantine_reasons": reasons,
                }
                con.execute(
                    "insert into imports values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        str(path),
                        sha,
                        summary["source"],
                        summary["rows"],
                        imported,
                        summary["already_present"],
                        summary["quarantined"],
                        duplicates,
                        now,
                        __version__,
                    ],
                )
                con.execute("commit")
            except BaseException:
                con.execute("rollback")
                raise
        return summary

    def quarantined(self, limit: int = 20) -> list[dict[str, Any]]:
        """The first ``limit`` quarantined rows (file, data row, reason, value)."""
        with self.connect(read_only=True) as con:
            cur = con.execute(
                "select file, row_number, source_event_id, reason, value from quarantine "
                "order by file, row_number limit ?",
                [limit],
            )
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def alerts(self) -> list[dict[str, Any]]:
        """The alert log, newest first."""
        with self.connect(read_only=True) as con:
            cur = con.execute("select * from alerts order by raised_at desc, unit")
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def sample_points(self, limit: int) -> tuple[list[float], list[float], list[str]] | None:
        """Up to ``limit`` events as (latitudes, longitudes, labels), a fixed sample."""
        with self.connect(read_only=True) as con:
            rows = con.execute(
                "select latitude, longitude, coalesce(country, '') || ' ' || event_date "
                f"from events using sample reservoir({int(limit)} rows) repeatable (1)"
            ).fetchall()
        if not rows:
            return None
        return [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]

    def count(self) -> int:
        """Events stored."""
        with self.connect(read_only=True) as con:
            return int(_scalar(con, "select count(*) from events"))
