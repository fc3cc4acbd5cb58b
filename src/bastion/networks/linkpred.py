"""Link prediction (hidden ties): neighbourhood scores, a supervised model, and evaluation.

The temporal evaluation never lets the future leak into the past.

Scores for a non-adjacent pair ``(u, v)`` of the undirected, unweighted network (Liben-
Nowell & Kleinberg 2007; Zhou, Lü & Zhang 2009): common neighbours ``|N(u) & N(v)|``,
Jaccard ``|N(u) & N(v)| / |N(u) | N(v)|``, Adamic-Adar ``sum_z 1 / log k_z`` and resource
allocation ``sum_z 1 / k_z`` over common neighbours ``z``, and preferential attachment
``k_u k_v`` (Barabási et al. 2002: active brokers gain ties). The supervised model is a
logistic regression (scikit-learn) on ``log(1 + score)`` of the five, trained on earlier
phase transitions only (Lichtenwalter, Lussier & Chawla 2010). Temporal evaluation: for
each phase ``t``, the network of phases ``<= t`` predicts which unlinked pairs gain a tie
in ``t + 1``; AUC (the chance a new tie outranks a non-tie) and precision@k.

References
----------
Liben-Nowell, D. & Kleinberg, J. (2007). The link-prediction problem for social networks.
*JASIST* 58(7), 1019-1031.
Zhou, T., Lü, L. & Zhang, Y.-C. (2009). Predicting missing links via local information.
*European Physical Journal B* 71, 623-630.
Barabási, A.-L. et al. (2002). Evolution of the social network of scientific
collaborations. *Physica A* 311, 590-614.
Lichtenwalter, R. N., Lussier, J. T. & Chawla, N. V. (2010). New perspectives and methods
in link prediction. *KDD 2010*, 243-252.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from bastion.errors import ParameterError
from bastion.networks.graph import Network, Ties, from_edgelist

__all__ = [
    "ALL_PAIRS_LIMIT",
    "SCORES",
    "Evaluation",
    "candidate_pairs",
    "evaluate",
    "predict",
    "scores",
]

SCORES = (
    "common_neighbours",
    "jaccard",
    "adamic_adar",
    "resource_allocation",
    "preferential_attachment",
)


def _binary(network: Network) -> Any:
    a = network.adjacency().tocsr()
    a = ((a + a.T) > 0).astype(float)
    a.setdiag(0)
    a.eliminate_zeros()
    return a.tocsr()


ALL_PAIRS_LIMIT = 3_000
"""Up to this many actors every unlinked pair is a candidate; above it, only pairs two steps
apart (every score but preferential attachment is zero for the others, and there are
``n^2 / 2`` of them)."""


def candidate_pairs(network: Network, *, limit: int = ALL_PAIRS_LIMIT) -> np.ndarray[Any, Any]:
    """Unordered pairs ``i < j`` of distinct, unlinked nodes (see :data:`ALL_PAIRS_LIMIT`)."""
    a = _binary(network)
    n = a.shape[0]
    if n <= limit:
        dense = a.toarray() > 0
        i, j = np.triu_indices(n, k=1)
        keep = ~dense[i, j]
        return np.asarray(np.c_[i[keep], j[keep]])
    two = (a @ a).tocoo()
    upper = two.row < two.col
    i, j = two.row[upper], two.col[upper]
    unlinked = np.asarray(a[i, j]).ravel() == 0
    order = np.lexsort((j[unlinked], i[unlinked]))
    return np.asarray(np.c_[i[unlinked][order], j[unlinked][order]])


def scores(network: Network, pairs: np.ndarray[Any, Any]) -> dict[str, np.ndarray[Any, Any]]:
    """The five neighbourhood scores of each index pair (see the module docstring).

    Common neighbours, Adamic-Adar and resource allocation are the entries ``(u, v)`` of
    ``A D A`` with ``D`` the diagonal of 1, ``1 / log k`` and ``1 / k``: three sparse products.
    """
    from scipy import sparse

    a = _binary(network)
    degree = np.asarray(a.sum(axis=1)).ravel()
    with np.errstate(divide="ignore"):
        aa_weight = np.where(degree > 1, 1.0 / np.log(np.maximum(degree, 2)), 0.0)
        ra_weight = np.where(degree > 0, 1.0 / np.maximum(degree, 1), 0.0)
    u, v = pairs[:, 0], pairs[:, 1]

    def through(weights: np.ndarray[Any, Any] | None) -> np.ndarray[Any, Any]:
        middle = a if weights is None else sparse.diags_array(weights) @ a
        return np.asarray((a @ middle).tocsr()[u, v]).ravel().astype(float)

    cn = through(None)
    union = degree[u] + degree[v] - cn
    return {
        "common_neighbours": cn,
        "jaccard": np.divide(cn, union, out=np.zeros_like(cn), where=union > 0),
        "adamic_adar": through(aa_weight),
        "resource_allocation": through(ra_weight),
        "preferential_attachment": degree[u] * degree[v],
    }


def _features(s: dict[str, np.ndarray[Any, Any]]) -> np.ndarray[Any, Any]:
    return np.asarray(np.log1p(np.column_stack([s[k] for k in SCORES])))


def predict(
    network: Network, *, method: str = "resource_allocation", top: int = 20
) -> list[dict[str, Any]]:
    """The ``top`` unlinked pairs most likely to hide a tie, by one score."""
    if method not in SCORES:
        raise ParameterError(f"unknown method {method!r}; expected one of: {', '.join(SCORES)}")
    pairs = candidate_pairs(network)
    values = scores(network, pairs)
    order = np.lexsort((pairs[:, 1], pairs[:, 0], -values[method]))[:top]
    return [
        {
            "source": network.labels[pairs[k, 0]],
            "target": network.labels[pairs[k, 1]],
            **{name: float(values[name][k]) for name in SCORES},
        }
        for k in order
    ]


@dataclass(frozen=True)
class Evaluation:
    """Per transition ``t -> t+1`` and method: AUC and precision@k."""

    rows: list[dict[str, Any]]

    def mean(self, metric: str = "auc") -> dict[str, float]:
        """The mean of ``metric`` over transitions, per method (NaN rows skipped)."""
        out: dict[str, list[float]] = {}
        for r in self.rows:
            if r[metric] == r[metric]:
                out.setdefault(r["method"], []).append(r[metric])
        return {m: float(np.mean(v)) for m, v in out.items()}


def _transition(ties: Ties, t: float) -> tuple[Network, np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Network of phases <= t, candidate pairs, and whether each is tied in the next phase."""
    e = ties.edges
    assert e.starts is not None
    # nodes are those tied by phase t: a node first seen later must not leak into the past
    past = from_edgelist(replace(ties.select(e.starts <= t), nodes=()), directed=False)
    pairs = candidate_pairs(past)
    later = [p for p in ties.phases if p > t]
    nxt = ties.snapshot(later[0])
    index = past.index
    new = set()
    for a, b in nxt.graph.edge_list():
        x, y = nxt.labels[a], nxt.labels[b]
        if x in index and y in index and x != y:
            new.add((min(index[x], index[y]), max(index[x], index[y])))
    label = np.array([(int(i), int(j)) in new for i, j in pairs], dtype=bool)
    return past, pairs, label


def evaluate(ties: Ties, *, k: int = 10) -> Evaluation:
    """Temporal evaluation on the phases of ``ties`` (see the module docstring).

    Only ties between nodes already seen by phase ``t`` can be predicted; the
    supervised model at ``t`` is fitted on the transitions before ``t`` only.
    """
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    phases = ties.phases
    if len(phases) < 3:
        raise ParameterError("temporal evaluation needs at least three phases")
    rows: list[dict[str, Any]] = []
    history_x: list[np.ndarray[Any, Any]] = []
    history_y: list[np.ndarray[Any, Any]] = []
    for t in phases[:-1]:
        past, pairs, label = _transition(ties, t)
        s = scores(past, pairs)
        x = _features(s)
        ranked = dict(s)
        if history_y and np.concatenate(history_y).any():
            model = LogisticRegression(max_iter=1000, class_weight="balanced")
            model.fit(np.vstack(history_x), np.concatenate(history_y))
            ranked["supervised"] = model.predict_proba(x)[:, 1]
        for method, value in ranked.items():
            both = 0 < label.sum() < label.size
            order = np.argsort(-value, kind="stable")[:k]
            rows.append(
                {
                    "phase": t,
                    "next": phases[phases.index(t) + 1],
                    "method": method,
                    "candidates": int(label.size),
                    "new_ties": int(label.sum()),
                    "auc": float(roc_auc_score(label, value)) if both else float("nan"),
                    "precision_at_k": float(label[order].mean()) if order.size else float("nan"),
                }
            )
        history_x.append(x)
        history_y.append(label)
    return Evaluation(rows)
