"""A run in progress: the handle engines use to write results."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from bastion.errors import ParameterError
from bastion.store._atomic import atomic_path, atomic_write_text
from bastion.store.records import ResultRecord

__all__ = ["Run"]

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class Run:
    """Handle of a run in progress, yielded by :meth:`Workspace.run`.

    Results written here stay in the run's staging folder until the run completes.
    """

    def __init__(self, run_id: str, folder: Path) -> None:
        self.id = run_id
        self.folder = folder
        self.results: list[ResultRecord] = []

    def __repr__(self) -> str:
        return f"Run({self.id!r})"

    def _claim(self, name: str) -> None:
        if not _NAME.match(name):
            raise ParameterError(
                f"result name must be lower-case letters, digits and '_' (max 64); got {name!r}"
            )
        if any(r.name == name for r in self.results):
            raise ParameterError(f"run {self.id} already has a result named {name!r}")

    def write_table(self, name: str, columns: Mapping[str, Any]) -> None:
        """Store a table (column name -> 1-d array of equal length) as Parquet."""
        self._claim(name)
        target = self.folder / f"{name}.parquet"
        rows = self._write_parquet(target, name, columns)
        self.results.append(ResultRecord(name, "table", target.name, rows))

    def _write_parquet(self, target: Path, name: str, columns: Mapping[str, Any]) -> int:
        arrays = {str(k): np.asarray(v) for k, v in columns.items()}
        if not arrays:
            raise ParameterError(f"table {name!r} has no columns")
        lengths = {k: a.shape for k, a in arrays.items()}
        if (
            any(len(shape) != 1 for shape in lengths.values())
            or len({shape[0] for shape in lengths.values()}) != 1
        ):
            raise ParameterError(f"table {name!r} needs 1-d columns of equal length; got {lengths}")
        with atomic_path(target) as tmp, contextlib.closing(duckdb.connect(":memory:")) as con:
            con.register("staged", arrays)
            escaped = str(tmp).replace("'", "''")
            con.execute(f"COPY staged TO '{escaped}' (FORMAT parquet, COMPRESSION zstd)")
        return len(next(iter(arrays.values())))

    def append_table(self, name: str, columns: Mapping[str, Any]) -> None:
        """Append rows to a table stored as a folder of Parquet parts (bounded memory).

        The first call creates the table; later calls with the same name add a part. All
        parts must have the same columns.
        """
        existing = next((r for r in self.results if r.name == name), None)
        if existing is None:
            self._claim(name)
            (self.folder / name).mkdir()
            existing = ResultRecord(name, "table", f"{name}/", 0)
            self.results.append(existing)
        elif existing.kind != "table" or not existing.path.endswith("/"):
            raise ParameterError(f"result {name!r} of run {self.id} is not an appendable table")
        part = sum(1 for _ in (self.folder / name).glob("part-*.parquet"))
        self._write_parquet(self.folder / name / f"part-{part:06d}.parquet", name, columns)
        rows = len(next(iter(columns.values())))
        index = self.results.index(existing)
        self.results[index] = ResultRecord(
            name, "table", existing.path, (existing.rows or 0) + rows
        )

    def write_json(self, name: str, value: Any) -> None:
        """Store a JSON document."""
        self._claim(name)
        text = json.dumps(value, indent=1, sort_keys=True, default=_to_builtin, allow_nan=False)
        target = self.folder / f"{name}.json"
        atomic_write_text(target, text + "\n")
        self.results.append(ResultRecord(name, "json", target.name, None))

    def write_text(self, name: str, text: str, *, suffix: str = ".txt") -> Path:
        """Store a text artefact (an HTML report, a log); returns its staged path."""
        self._claim(name)
        target = self.folder / f"{name}{suffix}"
        atomic_write_text(target, text)
        self.results.append(ResultRecord(name, "file", target.name, None))
        return target


def _to_builtin(value: Any) -> Any:
    if hasattr(value, "tolist"):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON-serialisable")
