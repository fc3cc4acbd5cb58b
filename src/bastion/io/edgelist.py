"""Reading edge lists: comma, tab or whitespace separated, with or without a header."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bastion.errors import DataFormatError, Issue

__all__ = ["EdgeList", "read_edgelist"]


@dataclass(frozen=True)
class EdgeList:
    """Edges as parallel columns (one entry per row of the file)."""

    sources: list[str]
    targets: list[str]
    weights: np.ndarray[Any, Any]
    file: str


def _dialect(sample: str) -> str | None:
    """A comma or a tab when the file's first line uses one, else None (whitespace)."""
    first = next((line for line in sample.splitlines() if line.strip()), "")
    if "," in first:
        return ","
    if "\t" in first:
        return "\t"
    return None


def read_edgelist(
    path: str | Path,
    *,
    delimiter: str | None = "auto",
    header: bool | None = None,
    source: str | int = 0,
    target: str | int = 1,
    weight: str | int | None = "auto",
) -> EdgeList:
    """Read an edge list.

    ``delimiter``: a comma, a tab, ``None`` (whitespace) or ``"auto"``. ``header``:
    ``None`` detects it (a first row whose weight column is not a number, or that names
    the source column). ``source``/``target``/``weight`` are column names (with a header)
    or 0-based positions; ``weight="auto"`` uses a third column when there is one, else 1.
    Weights must be non-negative numbers; errors name the line and column.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None
    sep = _dialect(text) if delimiter == "auto" else delimiter
    lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        raise DataFormatError(Issue("the edge list is empty", file=str(path)))
    if sep is None:
        rows = [(n, line.split()) for n, line in lines]
    else:
        rows = [(n, next(csv.reader(io.StringIO(line), delimiter=sep))) for n, line in lines]
    first = [c.strip() for c in rows[0][1]]
    if header is None:
        named = isinstance(source, str) or first[:2] in (["source", "target"], ["from", "to"])
        header = named or (len(first) > 2 and not _is_number(first[2]))
    names = first if header else []
    body = rows[1:] if header else rows

    def position(column: str | int, what: str) -> int:
        if isinstance(column, int):
            return column
        if column not in names:
            raise DataFormatError(
                Issue(
                    f"no {what} column {column!r}; columns: {', '.join(names) or '(no header)'}",
                    file=str(path),
                    line=rows[0][0],
                )
            )
        return names.index(column)

    s, t = position(source, "source"), position(target, "target")
    width = max(len(r) for _, r in body) if body else 0
    if weight == "auto":
        w: int | None = (
            position("weight", "weight")
            if "weight" in names
            else (2 if width > 2 and not names else None)
        )
    else:
        w = None if weight is None else position(weight, "weight")
    sources, targets, weights, issues = [], [], [], []
    for line, row in body:
        cells = [c.strip() for c in row]
        if len(cells) <= max(s, t) or not cells[s] or not cells[t]:
            issues.append(
                Issue(
                    "expected a source and a target",
                    file=str(path),
                    line=line,
                    value=repr(",".join(cells)),
                )
            )
            continue
        value = 1.0
        if w is not None and w < len(cells) and cells[w] != "":
            try:
                value = float(cells[w])
            except ValueError:
                value = float("nan")
            if not value >= 0:
                issues.append(
                    Issue(
                        "expected a non-negative number as weight",
                        file=str(path),
                        line=line,
                        path=f"column {w}",
                        value=repr(cells[w]),
                    )
                )
                continue
        sources.append(cells[s])
        targets.append(cells[t])
        weights.append(value)
    if issues:
        raise DataFormatError(issues[:20])
    return EdgeList(sources, targets, np.array(weights), str(path))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
