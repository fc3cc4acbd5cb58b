"""Reading adjacency matrices: labelled CSV matrices (UCINET style) and UCINET DL files.

A labelled matrix has node labels in its first row and first column (the corner cell may
hold anything) and one number per cell; the diagonal (self-ties) is ignored, as UCINET
does by default. A symmetric matrix gives an undirected network (one tie per pair), an
asymmetric one a directed network. UCINET DL files (Borgatti, Everett & Freeman 2002,
*UCINET for Windows*, "DL" format) are read in the ``fullmatrix``, ``edgelist1`` and
``nodelist1`` formats, with one or several matrices (``nm``: one layer each) and labels
given in a ``labels:`` section or embedded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np

from bastion.errors import DataFormatError, Issue
from bastion.io.edgelist import EdgeList, _dialect, _rows, concat, read_text

__all__ = ["matrix_to_edges", "read_dl", "read_matrix"]

MAX_ISSUES = 20


def matrix_to_edges(
    values: np.ndarray[Any, Any], labels: list[str], file: str, *, directed: bool | None = None
) -> EdgeList:
    """Non-zero off-diagonal cells as ties; symmetric matrices give one tie per pair."""
    m = np.array(values, dtype=float)
    np.fill_diagonal(m, 0.0)
    if directed is None:
        directed = not np.array_equal(m, m.T)
    rows, cols = np.nonzero(m if directed else np.triu(m))
    return EdgeList(
        [labels[i] for i in rows],
        [labels[j] for j in cols],
        m[rows, cols],
        file,
        nodes=tuple(labels),
        directed=directed,
    )


def read_matrix(path: str | Path, *, delimiter: str | None = "auto") -> EdgeList:
    """Read a labelled square adjacency matrix (see the module docstring).

    Errors name the line and column: a matrix that is not square, has no labels, has
    row labels that differ from its column labels, or a cell that is not a
    non-negative number.
    """
    path = Path(path)
    text = read_text(path, "a labelled adjacency matrix")
    rows = _rows(text, _dialect(text) if delimiter == "auto" else delimiter)
    if not rows:
        raise DataFormatError(Issue("the matrix file is empty", file=str(path)))
    header_line, header = rows[0]
    columns = header[1:]
    body = rows[1:]
    row_labels = [r[0] for _, r in body]
    if all(_number(c) for c in header) and (header[0] != "" or set(row_labels) != set(columns)):
        raise DataFormatError(
            Issue(
                "unlabelled matrix: the first row and column hold values, not node labels; "
                "expected node labels in the first row and the first column",
                file=str(path),
                line=header_line,
            )
        )
    if len(body) != len(columns):
        raise DataFormatError(
            Issue(
                f"the matrix is not square: {len(columns)} labelled columns but "
                f"{len(body)} rows; expected one row per column",
                file=str(path),
            )
        )
    issues: list[Issue] = []
    if row_labels != columns and (
        sorted(row_labels) != sorted(columns) or len(set(columns)) != len(columns)
    ):
        extra = sorted(set(row_labels) ^ set(columns)) or sorted(
            {c for c in columns if columns.count(c) > 1}
        )
        raise DataFormatError(
            Issue(
                "row labels do not match column labels; expected the same node labels "
                "in the first row and the first column",
                file=str(path),
                value=", ".join(extra[:10]),
            )
        )
    values = np.zeros((len(columns), len(columns)))
    for k, (line, cells) in enumerate(body):
        if len(cells) != len(columns) + 1:
            issues.append(
                Issue(
                    f"{len(cells) - 1} values in this row; expected {len(columns)}",
                    file=str(path),
                    line=line,
                    value=cells[0],
                )
            )
            continue
        for j, cell in enumerate(cells[1:]):
            x = _to_float(cell)
            if not x >= 0:
                issues.append(
                    Issue(
                        "expected a non-negative number",
                        file=str(path),
                        line=line,
                        column=j + 2,
                        path=f"row {cells[0]!r}, column {columns[j]!r}",
                        value=repr(cell),
                    )
                )
            else:
                values[k, j] = x
        if len(issues) >= MAX_ISSUES:
            break
    if issues:
        raise DataFormatError(issues)
    if row_labels != columns:  # same labels, rows in another order: align them
        order = [row_labels.index(c) for c in columns]
        values = values[order]
    return matrix_to_edges(values, columns, str(path))


def _number(text: str) -> bool:
    return _to_float(text) == _to_float(text)


def _to_float(text: str) -> float:
    try:
        return float(text) if text != "" else 0.0
    except ValueError:
        return float("nan")


_SECTION = re.compile(
    r"^\s*(row labels|column labels|col labels|labels|matrix labels|data)\s*:?\s*(.*)$", re.I
)
_SETTING = re.compile(r"(\w+)\s*=\s*([\w.]+)")


def read_dl(path: str | Path) -> EdgeList:
    """Read a UCINET DL file (see the module docstring); several matrices become layers."""
    path = Path(path)
    text = read_text(path, "a UCINET DL file")
    lines = list(enumerate(text.splitlines(), 1))

    def fail(message: str, line: int | None = None, value: str | None = None) -> DataFormatError:
        return DataFormatError(Issue(message, file=str(path), line=line, value=value))

    if not lines or not lines[0][1].strip().lower().startswith("dl"):
        raise fail("not a DL file: expected the first line to start with 'dl'", 1)
    settings: dict[str, str] = {}
    sections: dict[str, list[tuple[int, str]]] = {}
    current = "head"
    embedded = False
    for n, raw in lines:
        text_line = raw.strip()
        if not text_line:
            continue
        match = _SECTION.match(text_line)
        if match and current != "data":
            current = match.group(1).lower().replace("col labels", "column labels")
            rest = match.group(2)
            if rest:
                sections.setdefault(current, []).append((n, rest))
            continue
        if current == "head":
            if "embedded" in text_line.lower():
                embedded = True
            settings.update({k.lower(): v.lower() for k, v in _SETTING.findall(text_line)})
            continue
        sections.setdefault(current, []).append((n, text_line))
    if "n" not in settings:
        if "nr" in settings:
            raise fail(
                "two-mode DL data (nr/nc) is not a network of one kind of node; "
                "expected n = number of nodes",
                1,
            )
        raise fail("missing 'n = <number of nodes>' in the DL header", 1)
    try:
        n_nodes, n_matrices = int(settings["n"]), int(settings.get("nm", "1"))
    except ValueError:
        raise fail("n and nm must be whole numbers", 1, settings.get("n")) from None
    fmt = settings.get("format", "fullmatrix")

    def tokens(name: str) -> list[str]:
        return [
            t.strip().strip('"')
            for _, line in sections.get(name, [])
            for t in re.split(r"[,\s]+", line)
            if t.strip()
        ]

    labels = tokens("labels") or tokens("row labels")
    layers = tokens("matrix labels") or [f"matrix {k + 1}" for k in range(n_matrices)]
    data = sections.get("data", [])
    if not data:
        raise fail("no 'data:' section; expected the ties after 'data:'")
    if fmt == "fullmatrix":
        rows = [(n, line.split()) for n, line in data]
        if embedded and not labels:
            labels = rows[0][1]
            rows = [(n, r[1:]) for n, r in rows[1:] if r != labels]
        labels = labels or [str(k + 1) for k in range(n_nodes)]
        if len(labels) != n_nodes:
            raise fail(f"{len(labels)} labels for n = {n_nodes} nodes; expected {n_nodes}")
        if len(rows) != n_nodes * n_matrices:
            raise fail(
                f"{len(rows)} data rows; expected n x nm = {n_nodes * n_matrices} "
                "(a square matrix per layer)"
            )
        parts = []
        for k in range(n_matrices):
            block = rows[k * n_nodes : (k + 1) * n_nodes]
            values = np.zeros((n_nodes, n_nodes))
            for i, (line, cells) in enumerate(block):
                if len(cells) != n_nodes:
                    raise fail(f"{len(cells)} values in this row; expected {n_nodes}", line)
                for j, cell in enumerate(cells):
                    x = _to_float(cell)
                    if not x >= 0:
                        raise DataFormatError(
                            Issue(
                                "expected a non-negative number",
                                file=str(path),
                                line=line,
                                column=j + 1,
                                value=repr(cell),
                            )
                        )
                    values[i, j] = x
            parts.append(matrix_to_edges(values, labels, str(path)))
        return concat(parts, layers=layers) if n_matrices > 1 else parts[0]
    if fmt in ("edgelist1", "nodelist1"):
        names = labels or [str(k + 1) for k in range(n_nodes)]

        def node(token: str, line: int) -> str:
            if labels and not embedded:
                if not token.isdigit() or not 1 <= int(token) <= n_nodes:
                    raise fail(f"node number out of range; expected 1..{n_nodes}", line, token)
                return names[int(token) - 1]
            return token

        src: list[str] = []
        dst: list[str] = []
        weights: list[float] = []
        for line, raw in data:
            cells = raw.split()
            if fmt == "edgelist1":
                if len(cells) not in (2, 3):
                    raise fail("expected 'source target [weight]'", line, raw)
                w = _to_float(cells[2]) if len(cells) == 3 else 1.0
                if not w >= 0:
                    raise fail("expected a non-negative weight", line, cells[2])
                src.append(node(cells[0], line))
                dst.append(node(cells[1], line))
                weights.append(w)
            else:
                for other in cells[1:]:
                    src.append(node(cells[0], line))
                    dst.append(node(other, line))
                    weights.append(1.0)
        return EdgeList(
            src,
            dst,
            np.array(weights),
            str(path),
            nodes=tuple(names if labels else ()),
            directed=True,
        )
    raise fail(f"unsupported DL format {fmt!r}; expected fullmatrix, edgelist1 or nodelist1", 1)
