"""Brokerage: Burt's structural holes and Gould & Fernandez's brokerage roles.

Burt's constraint and effective size (undirected, optionally weighted):

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
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to
brokerage in transaction networks. *Sociological Methodology* 19, 89-126.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bastion.errors import ParameterError
from bastion.networks.graph import Network

__all__ = ["ROLES", "constraint", "effective_size", "gould_fernandez"]


def _weights(network: Network, weighted: bool) -> Any:
    """Sparse symmetric tie strengths without self-loops."""
    if network.directed:
        raise ParameterError("Burt's measures are implemented for undirected networks")
    w = network.adjacency(weighted=weighted).tocsr()
    w.setdiag(0.0)  # self-loops do not count
    w.eliminate_zeros()
    return w


def _shares(w: Any) -> Any:
    """``p_ij = w_ij / sum_k w_ik`` as a sparse matrix."""
    from scipy import sparse

    totals = np.asarray(w.sum(axis=1)).ravel()
    inverse = np.divide(1.0, totals, out=np.zeros_like(totals), where=totals > 0)
    return sparse.diags_array(inverse) @ w


def _by_label(network: Network, values: np.ndarray[Any, Any], w: Any) -> dict[str, float]:
    isolated = np.asarray(w.sum(axis=1)).ravel() == 0
    return {
        label: (float("nan") if isolated[k] else float(values[k]))
        for k, label in enumerate(network.labels)
    }


def constraint(network: Network, *, weighted: bool = False) -> dict[str, float]:
    """Burt's constraint of every node (keyed by label).

    Sparse: ``sum_q p_iq p_qj`` is the product ``P @ P`` (the terms ``q = i, j`` vanish as
    ``p_ii = 0``), read only at the node's own ties — so it scales to large networks.
    """
    w = _weights(network, weighted)
    p = _shares(w)
    pattern = (w > 0).astype(float)
    local = (p + p @ p).multiply(pattern)
    values = np.asarray(local.power(2).sum(axis=1)).ravel()
    return _by_label(network, values, w)


def effective_size(network: Network, *, weighted: bool = False) -> dict[str, float]:
    """Burt's effective size of every node (keyed by label), sparse like :func:`constraint`."""
    from scipy import sparse

    w = _weights(network, weighted)
    p = _shares(w)
    largest = np.asarray(w.max(axis=1).toarray()).ravel()
    inverse = np.divide(1.0, largest, out=np.zeros_like(largest), where=largest > 0)
    m = sparse.diags_array(inverse) @ w
    pattern = (w > 0).astype(float)
    redundancy = np.asarray((p @ m.T).multiply(pattern).sum(axis=1)).ravel()
    degree = np.asarray(pattern.sum(axis=1)).ravel()
    return _by_label(network, degree - redundancy, w)


ROLES = ("coordinator", "itinerant", "gatekeeper", "representative", "liaison")
"""Gould & Fernandez's roles of a broker ``v`` on a path ``i -> v -> j`` with no tie
``i -> j``, by group: coordinator (all three in one group), itinerant or consultant
(``i`` and ``j`` share a group that ``v`` is not in), gatekeeper (``v`` in ``j``'s group,
``i`` outside: ``v`` controls entry), representative (``v`` in ``i``'s group, ``j``
outside: ``v`` speaks for its group), liaison (three different groups)."""


def gould_fernandez(network: Network, groups: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Count every node's brokerage in each of the five :data:`ROLES`.

    ``groups`` maps every node label to its group (a cell, a faction, a country). An
    undirected tie counts in both directions, so there gatekeeper and representative
    counts are equal.
    """
    missing = [label for label in network.labels if label not in groups]
    if missing:
        raise ParameterError(
            f"{len(missing)} node(s) have no group: {', '.join(missing[:10])}; "
            "expected a group for every node"
        )
    a = network.adjacency().toarray() > 0
    np.fill_diagonal(a, False)
    codes = {g: k for k, g in enumerate(dict.fromkeys(groups[x] for x in network.labels))}
    g = np.array([codes[groups[x]] for x in network.labels])
    result = {}
    for v, label in enumerate(network.labels):
        i = np.flatnonzero(a[:, v])
        j = np.flatnonzero(a[v])
        if i.size == 0 or j.size == 0:
            result[label] = dict.fromkeys(ROLES, 0)
            continue
        open_ = ~a[np.ix_(i, j)] & (i[:, None] != j[None, :])  # pairs with no direct tie
        gi, gj = (g[i] == g[v])[:, None], (g[j] == g[v])[None, :]
        same_ends = g[i][:, None] == g[j][None, :]
        roles = (
            gi & gj,
            same_ends & ~gi,
            ~gi & gj,
            gi & ~gj,
            ~gi & ~gj & ~same_ends,
        )
        result[label] = {r: int((m & open_).sum()) for r, m in zip(ROLES, roles, strict=True)}
    return result
