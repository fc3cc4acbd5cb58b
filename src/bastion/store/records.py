"""The record of one run, as stored in the workspace."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

__all__ = ["RUN_STATUSES", "ResultRecord", "RunRecord"]

RUN_STATUSES = ("running", "complete", "failed")


@dataclass(frozen=True)
class ResultRecord:
    """One named result of a run: a Parquet table, a JSON document or a text file."""

    name: str
    kind: str  # "table" (Parquet file or folder of parts), "json" or "file"
    path: str  # relative to the workspace root
    rows: int | None


@dataclass(frozen=True)
class RunRecord:
    """Everything recorded about a run: enough to replay it and to judge its results.

    Attributes
    ----------
    id
        Time-ordered unique id, e.g. ``20261123T101500Z-escalation-3fa9c1``.
    engine
        Which engine produced it (``escalation``, ``exposure``, ``report``, ...).
    status
        ``running``, ``complete`` or ``failed``. Results of a run are visible only once
        it is complete.
    scenario_name, scenario_hash
        The scenario's title and :attr:`bastion.Scenario.scenario_hash`.
    seed
        The :class:`bastion.compute.SeedRecord` as a dict, or ``None`` for
        deterministic work.
    package_version, backend, python_version
        Software that produced the results.
    parameters
        The engine's parameters (JSON).
    started_at, ended_at
        UTC times.
    error
        Why a failed run failed.
    provenance
        Where the inputs came from (source, organisation, reliability, marking), JSON.
    """

    id: str
    engine: str
    status: str
    scenario_name: str | None
    scenario_hash: str | None
    seed: dict[str, Any] | None
    package_version: str
    backend: str | None
    python_version: str
    parameters: dict[str, Any]
    started_at: datetime
    ended_at: datetime | None
    error: str | None
    host: str
    pid: int
    provenance: dict[str, Any] = field(default_factory=dict)
    results: tuple[ResultRecord, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of the record."""
        return {
            "id": self.id,
            "engine": self.engine,
            "status": self.status,
            "scenario_name": self.scenario_name,
            "scenario_hash": self.scenario_hash,
            "seed": self.seed,
            "package_version": self.package_version,
            "backend": self.backend,
            "python_version": self.python_version,
            "parameters": self.parameters,
            "started_at": self.started_at.isoformat() + "Z",
            "ended_at": self.ended_at.isoformat() + "Z" if self.ended_at else None,
            "error": self.error,
            "host": self.host,
            "pid": self.pid,
            "provenance": self.provenance,
            "results": [
                {"name": r.name, "kind": r.kind, "path": r.path, "rows": r.rows}
                for r in self.results
            ],
        }

    @classmethod
    def from_row(cls, row: tuple[Any, ...], results: tuple[ResultRecord, ...] = ()) -> RunRecord:
        """Build from a ``SELECT`` of :data:`COLUMNS` (JSON columns decoded)."""
        values = dict(zip(COLUMNS, row, strict=True))
        for key in ("seed", "parameters", "provenance"):
            values[key] = json.loads(values[key]) if values[key] is not None else None
        values["parameters"] = values["parameters"] or {}
        values["provenance"] = values["provenance"] or {}
        return cls(**values, results=results)


COLUMNS = (
    "id",
    "engine",
    "status",
    "scenario_name",
    "scenario_hash",
    "seed",
    "package_version",
    "backend",
    "python_version",
    "parameters",
    "started_at",
    "ended_at",
    "error",
    "host",
    "pid",
    "provenance",
)
