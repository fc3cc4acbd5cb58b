"""Structural holes: Burt's constraint and effective size (undirected, optionally weighted).

With ``p_ij`` the share of ``i``'s tie strength invested in ``j`` (``w_ij / sum_k w_ik``),
constraint is ``c_i = sum_{j in N(i)} (p_ij + sum_{q != i, j} p_iq p_qj)^2`` and effective
size is ``sum_{j in N(i)} (1 - sum_{q != i, j} p_iq m_jq)`` with ``m_jq = w_jq / max_k w_jk``.
Low constraint and high effective size mark brokers spanning structural holes — in a
clandestine network, the go-betweens whose removal disconnects cells. Isolated nodes get NaN.

References
----------
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition*. Harvard UP.
Borgatti, S. P. (1997). Structural holes: unpacking Burt's redundancy measures.
*Connections* 20(1), 35-38.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import rustworkx as rx

from bastion.errors import ParameterError
from bastion.networks.graph import Network

__all__ = ["constraint", "effective_size"]


def _weights(network: Network, weighted: bool) -> np.ndarray[Any, Any]:
    if network.directed:
        raise ParameterError("Burt's measures are implemented for undirected networks")
    g = network.graph
    w = rx.graph_adjacency_matrix(
        g, weight_fn=(lambda x: float(x)) if weighted else (lambda _: 1.0)
    )
    np.fill_diagonal(w, 0.0)  # self-loops do not count
    return np.asarray(w)


def _shares(w: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    totals = w.sum(axis=1, keepdims=True)
    return np.asarray(np.divide(w, totals, out=np.zeros_like(w), where=totals > 0))


def constraint(network: Network, *, weighted: bool = False) -> dict[str, float]:
    """Burt's constraint of every node (keyed by label)."""
    w = _weights(network, weighted)
    p = _shares(w)
    indirect = p @ p - np.diag(np.diag(p @ p))  # sum over q of p_iq p_qj, q != i, j
    np.fill_diagonal(indirect, 0.0)
    local = np.where(w > 0, (p + indirect) ** 2, 0.0)
    values = local.sum(axis=1)
    isolated = w.sum(axis=1) == 0
    return {
        label: (float("nan") if isolated[k] else float(values[k]))
        for k, label in enumerate(network.labels)
    }


def effective_size(network: Network, *, weighted: bool = False) -> dict[str, float]:
    """Burt's effective size of every node (keyed by label)."""
    w = _weights(network, weighted)
    p = _shares(w)
    largest = w.max(axis=1, keepdims=True)
    m = np.divide(w, largest, out=np.zeros_like(w), where=largest > 0)
    redundancy = p @ m.T  # sum over q of p_iq m_jq
    neighbours = w > 0
    values = np.where(neighbours, 1.0 - redundancy, 0.0).sum(axis=1)
    isolated = np.asarray(w.sum(axis=1) == 0)
    return {
        label: (float("nan") if isolated[k] else float(values[k]))
        for k, label in enumerate(network.labels)
    }
