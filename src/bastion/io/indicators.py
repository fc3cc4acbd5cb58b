"""Reading indicator tables: one row per unit, one column per indicator."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np

from bastion.errors import DataFormatError, Issue

__all__ = ["MISSING", "read_indicator_table"]

MISSING = {"", "NA", "N/A", "NaN", "nan", "No data", "..", "-"}
"""Cell contents read as missing values."""


def read_indicator_table(
    path: str | Path, *, unit: str, columns: list[str] | None = None
) -> tuple[list[str], dict[str, np.ndarray[Any, Any]]]:
    """Units and numeric columns of a CSV indicator table.

    ``columns`` limits which columns are read (all others are ignored); every value must
    be a number or one of :data:`MISSING`, otherwise the error names line, column and value.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        reader.fieldnames = header
        wanted = columns if columns is not None else [h for h in header if h != unit]
        missing = [c for c in [unit, *wanted] if c not in header]
        if missing:
            raise DataFormatError(
                Issue(
                    f"missing column(s) {', '.join(missing)}; columns: {', '.join(header)}",
                    file=str(path),
                    line=1,
                )
            )
        units: list[str] = []
        values: dict[str, list[float]] = {c: [] for c in wanted}
        issues: list[Issue] = []
        for row in reader:
            units.append(row[unit].strip())
            for column in wanted:
                raw = (row[column] or "").strip()
                if raw in MISSING:
                    values[column].append(np.nan)
                    continue
                try:
                    values[column].append(float(raw))
                except ValueError:
                    values[column].append(np.nan)
                    if len(issues) < 20:
                        issues.append(
                            Issue(
                                "expected a number or a missing-value marker",
                                file=str(path),
                                line=reader.line_num,
                                path=f"column {column!r}",
                                value=repr(raw),
                            )
                        )
    if issues:
        raise DataFormatError(issues)
    duplicated = sorted({u for u in units if units.count(u) > 1})
    if duplicated:
        raise DataFormatError(
            Issue(
                f"units must be unique in column {unit!r}; repeated: {', '.join(duplicated)}",
                file=str(path),
            )
        )
    return units, {c: np.array(v) for c, v in values.items()}
