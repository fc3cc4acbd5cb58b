"""Network files in XML formats (GraphML, GEXF), node attribute tables, and a dispatcher.

:func:`read_network` picks the reader from the file.

GraphML is parsed by rustworkx; GEXF (Gephi's format, versions 1.1-1.3) with the
standard library's ElementTree — no permissively licensed, maintained GEXF reader exists
outside NetworkX, which is a test oracle here, not a dependency. Dynamic GEXF (``start``
/``end`` attributes or ``spells`` on edges) gives timed ties; an edge attribute named
``layer``, ``type`` or ``relation`` gives layers.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bastion.errors import DataFormatError, Issue
from bastion.io.edgelist import (
    ALIASES,
    EdgeList,
    _dialect,
    _rows,
    concat,
    read_edgelist,
    read_text,
)
from bastion.io.matrix import read_dl, read_matrix

__all__ = [
    "NetworkData",
    "check_attributes",
    "read_attributes",
    "read_gexf",
    "read_graphml",
    "read_many",
    "read_network",
]

Attributes = dict[str, dict[str, Any]]
LAYER_KEYS = ("layer", "type", "relation")


@dataclass(frozen=True)
class NetworkData:
    """Ties and, where the file has them, node attributes keyed by node label."""

    edges: EdgeList
    attributes: Attributes = field(default_factory=dict)


def _timed(starts: list[float], ends: list[float]) -> tuple[Any, Any]:
    if all(np.isnan(starts)) and all(np.isnan(ends)):
        return None, None
    return np.array(starts, dtype=float), np.array(ends, dtype=float)


def read_graphml(path: str | Path) -> NetworkData:
    """Read the first graph of a GraphML file (weights from a ``weight`` edge key)."""
    import rustworkx as rx

    path = Path(path)
    if not path.exists():
        raise DataFormatError(Issue("file not found", file=str(path)))
    try:
        graphs = rx.read_graphml(str(path))
    except Exception as exc:  # rustworkx raises its own RustworkxError for bad XML
        raise DataFormatError(Issue(f"not valid GraphML: {exc}", file=str(path))) from None
    if not graphs:
        raise DataFormatError(Issue("the GraphML file holds no graph", file=str(path)))
    g = graphs[0]
    ids = {i: str(g[i].get("id", i)) for i in g.node_indices()}
    src, dst, weights, layers = [], [], [], []
    issues: list[Issue] = []
    for a, b, data in g.weighted_edge_list():
        w = data.get("weight", 1.0) if isinstance(data, dict) else 1.0
        w = 1.0 if w is None else w
        if not isinstance(w, int | float) or not w >= 0:
            issues.append(
                Issue(
                    "expected a non-negative number as weight",
                    file=str(path),
                    path=f"edge {ids[a]} -> {ids[b]}",
                    value=repr(w),
                )
            )
            continue
        src.append(ids[a])
        dst.append(ids[b])
        weights.append(float(w))
        layers.append(next((str(data[k]) for k in LAYER_KEYS if data.get(k)), "default"))
    if issues:
        raise DataFormatError(issues[:20])
    attributes = {
        ids[i]: {k: v for k, v in g[i].items() if k != "id" and v is not None}
        for i in g.node_indices()
    }
    edges = EdgeList(
        src,
        dst,
        np.array(weights),
        str(path),
        layers if set(layers) != {"default"} else None,
        nodes=tuple(ids.values()),
        directed=isinstance(g, rx.PyDiGraph),
    )
    return NetworkData(edges, {k: v for k, v in attributes.items() if v})


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_gexf(path: str | Path) -> NetworkData:
    """Read a GEXF file: nodes, edges, weights, attribute values, and edge times."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise DataFormatError(
            Issue(f"not well-formed XML: {exc.msg}", file=str(path), line=line, column=column)
        ) from None
    graph = next((el for el in root if _local(el.tag) == "graph"), None)
    if _local(root.tag) != "gexf" or graph is None:
        raise DataFormatError(Issue("not a GEXF file: expected <gexf><graph>", file=str(path)))
    titles: dict[tuple[str, str], str] = {}
    for block in graph.iter():
        if _local(block.tag) == "attributes":
            for att in block:
                titles[(block.get("class", "node"), att.get("id", ""))] = att.get(
                    "title", att.get("id", "")
                )

    def values(element: ET.Element, kind: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for el in element.iter():
            if _local(el.tag) == "attvalue":
                key = el.get("for") or el.get("id") or ""
                out[titles.get((kind, key), key)] = _scalar(el.get("value", ""))
        return out

    def spells(element: ET.Element, what: str) -> list[tuple[float, float]]:
        """One (start, end) per spell; the edge's own start/end when it has no spells."""
        marks = [s for s in element.iter() if _local(s.tag) == "spell"] or [element]
        return [
            (
                _time(m.get("start") or m.get("startopen"), path, what),
                _time(m.get("end") or m.get("endopen"), path, what),
            )
            for m in marks
        ]

    nodes: dict[str, str] = {}
    attributes: Attributes = {}
    for el in graph.iter():
        if _local(el.tag) == "node":
            key = el.get("id", "")
            nodes[key] = el.get("label") or key
            found = values(el, "node")
            if found:
                attributes[nodes[key]] = found
    src, dst, weights, layers, starts, ends = [], [], [], [], [], []
    issues: list[Issue] = []
    for el in graph.iter():
        if _local(el.tag) != "edge":
            continue
        a, b = el.get("source", ""), el.get("target", "")
        what = f"edge {a} -> {b}"
        if a not in nodes or b not in nodes:
            issues.append(Issue("edge names an unknown node", file=str(path), path=what))
            continue
        extra = values(el, "edge")
        w = _scalar(el.get("weight", extra.pop("weight", 1.0)))
        if not isinstance(w, float) or not w >= 0:
            issues.append(
                Issue(
                    "expected a non-negative number as weight",
                    file=str(path),
                    path=what,
                    value=repr(w),
                )
            )
            continue
        layer = next((str(extra[k]) for k in LAYER_KEYS if extra.get(k)), "default")
        for s, e in spells(el, what):
            if e < s:
                issues.append(
                    Issue(
                        "the tie ends before it starts; expected end >= start",
                        file=str(path),
                        path=what,
                        value=f"start {s:g}, end {e:g}",
                    )
                )
                continue
            src.append(nodes[a])
            dst.append(nodes[b])
            weights.append(w)
            layers.append(layer)
            starts.append(s)
            ends.append(e)
    if issues:
        raise DataFormatError(issues[:20])
    directed = graph.get("defaultedgetype", "undirected") == "directed"
    t0, t1 = _timed(starts, ends)
    edges = EdgeList(
        src,
        dst,
        np.array(weights, dtype=float),
        str(path),
        layers if set(layers) != {"default"} else None,
        t0,
        t1,
        tuple(nodes.values()),
        directed,
    )
    return NetworkData(edges, attributes)


def _scalar(text: Any) -> Any:
    if not isinstance(text, str):
        return float(text) if isinstance(text, int | float) else text
    try:
        return float(text)
    except ValueError:
        return text


def _time(text: str | None, path: Path, what: str) -> float:
    if text is None or text == "":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        pass
    try:  # ISO dates: days since 1970-01-01
        return float(np.datetime64(text, "D").astype("int64"))
    except ValueError:
        raise DataFormatError(
            Issue(
                "expected a number or an ISO date as time",
                file=str(path),
                path=what,
                value=repr(text),
            )
        ) from None


def read_attributes(path: str | Path, *, id_column: str | None = None) -> Attributes:
    """Read a node attribute table: CSV/TSV with a header, one row per node.

    The node id is in ``id_column`` (default: the first column). Numbers become floats;
    blank cells are left out. Repeated ids are errors naming both lines.
    """
    path = Path(path)
    text = read_text(path, "a node attribute table")
    rows = _rows(text, _dialect(text))
    if len(rows) < 1:
        raise DataFormatError(Issue("the attribute table is empty", file=str(path)))
    header = rows[0][1]
    key = 0 if id_column is None else (header.index(id_column) if id_column in header else -1)
    if key < 0:
        raise DataFormatError(
            Issue(
                f"no id column {id_column!r}; expected one of: {', '.join(header)}",
                file=str(path),
                line=rows[0][0],
            )
        )
    table: Attributes = {}
    seen: dict[str, int] = {}
    issues: list[Issue] = []
    for line, cells in rows[1:]:
        if len(cells) != len(header):
            issues.append(
                Issue(
                    f"{len(cells)} cells; expected {len(header)} (one per column)",
                    file=str(path),
                    line=line,
                )
            )
            continue
        node = cells[key]
        if node in seen:
            issues.append(
                Issue(
                    f"node {node!r} appears twice (first on line {seen[node]})",
                    file=str(path),
                    line=line,
                    value=node,
                )
            )
            continue
        seen[node] = line
        table[node] = {
            h: _scalar(c)
            for k, (h, c) in enumerate(zip(header, cells, strict=True))
            if k != key and c != ""
        }
    if issues:
        raise DataFormatError(issues[:20])
    return table


def check_attributes(attributes: Attributes, edges: EdgeList, file: str) -> None:
    """Every node an attribute table names must be in the network."""
    known = set(edges.sources) | set(edges.targets) | set(edges.nodes)
    unknown = [n for n in attributes if n not in known]
    if unknown:
        raise DataFormatError(
            Issue(
                f"{len(unknown)} node id(s) in the attribute table are not in the network; "
                "expected ids that appear in the ties",
                file=file,
                value=", ".join(unknown[:10]),
            )
        )


def read_network(path: str | Path, *, format: str = "auto", **options: Any) -> NetworkData:
    """Read a network from any supported file.

    ``format``: ``edgelist``, ``matrix``, ``dl``, ``graphml``, ``gexf`` or ``auto``
    (by extension; a delimited file whose first row and column carry the same labels is
    a matrix). ``options`` go to the edge-list reader.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if format == "auto":
        format = {".graphml": "graphml", ".gexf": "gexf", ".dl": "dl"}.get(suffix, "")
        if not format:
            format = "matrix" if _looks_like_matrix(path) else "edgelist"
    if format == "graphml":
        return read_graphml(path)
    if format == "gexf":
        return read_gexf(path)
    if format == "dl":
        return NetworkData(read_dl(path))
    if format == "matrix":
        return NetworkData(read_matrix(path))
    if format == "edgelist":
        return NetworkData(read_edgelist(path, **options))
    raise DataFormatError(
        Issue(
            f"unknown network format {format!r}; expected edgelist, matrix, dl, graphml or gexf",
            file=str(path),
        )
    )


def _looks_like_matrix(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8-sig") as handle:
            head = handle.read(1 << 16)
    except (FileNotFoundError, UnicodeDecodeError):
        return False
    if head.lower().startswith("dl"):
        return False
    rows = list(csv.reader(io.StringIO(head), delimiter=_dialect(head) or " "))
    rows = [r for r in rows if r]
    if len(rows) < 3 or len(rows[0]) < 4:
        return False
    header = [c.strip().lower() for c in rows[0]]
    if any(a in header[:2] for names in ALIASES.values() for a in names):
        return False
    body_labels = [r[0].strip() for r in rows[1 : len(rows[0])]]
    columns = [c.strip() for c in rows[0][1:]]
    return len(body_labels) >= 2 and set(body_labels) <= set(columns)


def read_many(
    paths: list[Path],
    *,
    format: str = "auto",
    split: str = "phases",
    names: list[str] | None = None,
    **options: Any,
) -> NetworkData:
    """Read one network from several files, one per phase or one per layer.

    ``split="phases"``: phases numbered 1, 2, ... (or ``names`` as numbers);
    ``split="layers"``: layers named by ``names`` or the file names. One file is read
    as it is.
    """
    parts = [read_network(p, format=format, **options) for p in paths]
    attributes: Attributes = {}
    for part in parts:
        for node, values in part.attributes.items():
            attributes.setdefault(node, {}).update(values)
    if len(parts) == 1:
        return NetworkData(parts[0].edges, attributes)
    if names is not None and len(names) != len(parts):
        raise DataFormatError(
            Issue(f"{len(names)} names for {len(parts)} files; expected one name per file")
        )
    if split == "layers":
        layers = names or [p.stem for p in paths]
        return NetworkData(concat([p.edges for p in parts], layers=layers), attributes)
    if split != "phases":
        raise DataFormatError(Issue(f"split must be 'phases' or 'layers'; got {split!r}"))
    try:
        phases = (
            [float(x) for x in names] if names else [float(k) for k in range(1, len(parts) + 1)]
        )
    except ValueError:
        raise DataFormatError(
            Issue(
                "phase names must be numbers (a phase number or a year)",
                value=", ".join(names or []),
            )
        ) from None
    return NetworkData(concat([p.edges for p in parts], phases=phases), attributes)
