"""Reading one integer column of a CSV export, with located errors."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bastion.errors import DataFormatError, Issue

__all__ = ["IntegerColumn", "read_integer_column"]

MAX_ISSUES = 20


@dataclass(frozen=True)
class IntegerColumn:
    """The valid values of one column, and how many rows left it blank."""

    values: np.ndarray[Any, Any]
    missing: int
    rows: int
    file: str


def read_integer_column(
    path: str | Path, column: str, *, low: int, high: int, meaning: str
) -> IntegerColumn:
    """Read ``column`` of a CSV file as integers in ``[low, high]``.

    Blank cells count as missing (reported, not dropped silently). Integral decimals such
    as ``4.0`` (how R and Stata exports write integers) are accepted; anything else, or a
    value out of range, is an error naming the file, line, column and value.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None
    issues: list[Issue] = []
    values: list[int] = []
    missing = rows = 0
    with handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        if column not in header:
            raise DataFormatError(
                Issue(
                    f"missing required column {column!r} ({meaning}); columns found: "
                    + ", ".join(header[:30]),
                    file=str(path),
                    line=1,
                )
            )
        reader.fieldnames = header
        for row in reader:
            rows += 1
            raw = (row.get(column) or "").strip()
            if raw == "":
                missing += 1
                continue
            try:
                number = float(raw)
            except ValueError:
                number = float("nan")
            if not number.is_integer() or not low <= number <= high:
                if len(issues) < MAX_ISSUES:
                    issues.append(
                        Issue(
                            f"expected {meaning}: a whole number in [{low}, {high}]",
                            file=str(path),
                            line=reader.line_num,
                            path=f"column {column!r}",
                            value=repr(raw),
                        )
                    )
                continue
            values.append(int(number))
    if issues:
        raise DataFormatError(issues)
    return IntegerColumn(np.array(values, dtype=np.int64), missing, rows, str(path))
