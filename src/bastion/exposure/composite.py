"""Composite indices as trees: indicators -> components -> categories -> dimensions -> index.

A node aggregates its children (other nodes, or columns of the input table) with weights,
an aggregation operator and an optional rounding rule applied to its own score, which is
what its parent then aggregates (INFORM builds each level from the rounded level below).
Evaluation is vectorised over units (countries).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bastion.errors import ParameterError
from bastion.exposure.aggregation import aggregate, round_half_away

__all__ = ["Node", "decompose", "evaluate", "inform_upper_levels"]


@dataclass(frozen=True)
class Node:
    """One aggregate of a composite index."""

    id: str
    children: Sequence[Node | str]
    method: str = "arithmetic"
    weights: Sequence[float] | None = None
    decimals: int | None = None
    power: float | None = None
    name: str = ""

    def walk(self) -> list[Node]:
        """Every node of the subtree rooted here, children before parents."""
        nodes: list[Node] = []
        for child in self.children:
            if isinstance(child, Node):
                nodes += child.walk()
        return [*nodes, self]

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Node:
        """Build a tree from nested mappings (as read from YAML)."""
        children = [
            cls.from_mapping(c) if isinstance(c, Mapping) else str(c) for c in data["children"]
        ]
        return cls(
            id=str(data["id"]),
            children=children,
            method=str(data.get("method", "arithmetic")),
            weights=data.get("weights"),
            decimals=data.get("decimals"),
            power=data.get("power"),
            name=str(data.get("name", "")),
        )


def evaluate(root: Node, table: Mapping[str, Any]) -> dict[str, np.ndarray[Any, Any]]:
    """Scores of every node of ``root`` for the units of ``table`` (column -> values)."""
    scores: dict[str, np.ndarray[Any, Any]] = {
        k: np.asarray(v, dtype=float) for k, v in table.items()
    }
    for node in root.walk():
        columns = []
        for child in node.children:
            key = child.id if isinstance(child, Node) else child
            if key not in scores:
                raise ParameterError(
                    f"node {node.id!r} needs {key!r}, which is neither a node nor a column; "
                    f"columns: {', '.join(sorted(table))}"
                )
            columns.append(scores[key])
        value = aggregate(
            np.column_stack(columns), node.weights, method=node.method, power=node.power
        )
        if node.decimals is not None:
            value = round_half_away(value, node.decimals)
        scores[node.id] = value
    return scores


def inform_upper_levels() -> Node:
    """INFORM Risk from its six categories up (INFORM 2023 methodology).

    Hazard & Exposure = G(Natural, Human); Vulnerability = G(Socio-Economic, Vulnerable
    Groups); Lack of Coping Capacity = G(Institutional, Infrastructure), each rounded to one
    decimal half away from zero; Risk = geometric mean of the three rounded dimensions,
    rounded likewise. G is :func:`~bastion.exposure.aggregation.inform_operator`.
    """

    def dimension(node_id: str, children: list[str]) -> Node:
        return Node(node_id, children, method="inform", decimals=1)

    return Node(
        "risk",
        [
            dimension("hazard_exposure", ["natural", "human"]),
            dimension("vulnerability", ["socio_economic_vulnerability", "vulnerable_groups"]),
            dimension("lack_of_coping_capacity", ["institutional", "infrastructure"]),
        ],
        method="geometric",
        decimals=1,
        name="INFORM Risk",
    )


def decompose(root: Node, table: Mapping[str, Any]) -> dict[str, dict[str, np.ndarray[Any, Any]]]:
    """Each node's (unrounded) score split into the contributions of its children.

    Arithmetic means split exactly into ``w_i x_i``. For the multiplicative operators
    (geometric, harmonic, power, INFORM) the score is split in proportion to each child's
    share of the aggregate on the operator's own scale: ``w_i log x_i / sum_j w_j log x_j``
    for the geometric mean and INFORM's complement scale, ``w_i x_i^p / sum_j w_j x_j^p``
    for power means. Contributions sum to the node's unrounded score; this attribution
    rule for non-additive operators is Bastion's own convention. Missing children
    contribute nothing.
    """
    scores = evaluate(root, table)
    result: dict[str, dict[str, np.ndarray[Any, Any]]] = {}
    for node in root.walk():
        keys = [c.id if isinstance(c, Node) else c for c in node.children]
        x = np.column_stack([scores[k] for k in keys])
        w = np.ones(len(keys)) if node.weights is None else np.asarray(node.weights, float)
        present = ~np.isnan(x)
        weights = np.where(present, w, 0.0)
        weights = weights / weights.sum(axis=1, keepdims=True)
        total = aggregate(x, w, method=node.method, power=node.power)
        if node.method == "arithmetic":
            parts = weights * np.nan_to_num(x)
        else:
            if node.method == "inform":
                base = (10 - x) / 10 * 9 + 1
                terms = weights * np.log(np.where(present, base, 1.0))
            elif node.method == "geometric":
                terms = weights * np.log(np.where(present, x, 1.0))
            else:
                p = -1.0 if node.method == "harmonic" else float(node.power or 1.0)
                terms = weights * np.where(present, x, 0.0) ** p
            denominator = terms.sum(axis=1, keepdims=True)
            with np.errstate(invalid="ignore", divide="ignore"):
                shares = np.where(denominator != 0, terms / denominator, weights)
            parts = shares * total[:, None]
        result[node.id] = {k: parts[:, j] for j, k in enumerate(keys)}
    return result
