"""Interdiction: maximum flow / minimum cut, and budgeted interdiction of ties or actors.

Maximum flow from suppliers to recipients is a linear programme (solved by HiGHS through
SciPy, which takes real-valued capacities; ``scipy.sparse.csgraph.maximum_flow`` takes
integers only); the minimum cut is read from the residual network (Ford & Fulkerson 1956).
Budgeted interdiction is Wood's (1993) mixed-integer programme: choose ties (or actors) to
remove, each at a cost, within a budget, so that the maximum flow that remains is smallest.
By max-flow/min-cut duality it is one MILP: ``min sum_e u_e beta_e`` subject to
``beta_e + gamma_e >= alpha_j - alpha_i`` for every arc ``e = (i, j)``, ``alpha_s = 0``,
``alpha_t = 1``, ``sum_e r_e gamma_e <= R``, all binary — ``alpha`` marks the sink side of
the cut, ``beta`` the arcs cut and paid for, ``gamma`` the arcs interdicted (Wood 1993,
formulation NI; Cormican, Morton & Wood 1998 extend it to uncertain success). A second
programme then picks, among the plans that leave that least flow, the cheapest — so no
budget is spent on removals that change nothing. Actors are
interdicted by splitting each into an in- and an out-node joined by one arc.
Several sources or sinks are joined to a super-source and super-sink by uncuttable arcs.

References
----------
Ford, L. R. & Fulkerson, D. R. (1956). Maximal flow through a network. *Canadian Journal of
Mathematics* 8, 399-404.
Wood, R. K. (1993). Deterministic network interdiction. *Mathematical and Computer
Modelling* 17(2), 1-18.
Cormican, K. J., Morton, D. P. & Wood, R. K. (1998). Stochastic network interdiction.
*Operations Research* 46(2), 184-197.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy import optimize, sparse

from bastion.errors import ParameterError
from bastion.networks.graph import Network

__all__ = ["FlowResult", "Interdiction", "interdict", "max_flow"]


@dataclass(frozen=True)
class _Arcs:
    """A directed arc list (undirected ties give two arcs sharing one ``tie``)."""

    tail: np.ndarray[Any, Any]
    head: np.ndarray[Any, Any]
    capacity: np.ndarray[Any, Any]
    tie: np.ndarray[Any, Any]  # which removable unit (tie or actor) each arc belongs to; -1: none
    nodes: int
    source: int
    sink: int


@dataclass(frozen=True)
class FlowResult:
    """Maximum flow value, the flow on each tie, and a minimum cut."""

    value: float
    flows: dict[tuple[str, str], float]
    cut: list[tuple[str, str]]
    source_side: list[str]

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "value": self.value,
            "flows": [{"source": a, "target": b, "flow": f} for (a, b), f in self.flows.items()],
            "cut": [{"source": a, "target": b} for a, b in self.cut],
            "source_side": self.source_side,
        }


def _check_terminals(network: Network, sources: Sequence[str], sinks: Sequence[str]) -> None:
    index = network.index
    unknown = [x for x in [*sources, *sinks] if x not in index]
    if unknown:
        close = difflib.get_close_matches(unknown[0], network.labels, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ParameterError(
            f"unknown source or sink node(s): {', '.join(unknown[:10])}{hint} "
            f"(the network's actors include: {', '.join(network.labels[:8])}, ...)"
        )
    if not sources or not sinks:
        raise ParameterError("expected at least one source and one sink")
    both = set(sources) & set(sinks)
    if both:
        raise ParameterError(f"node(s) both source and sink: {', '.join(sorted(both))}")


def _capacities(network: Network) -> np.ndarray[Any, Any]:
    w = np.array([float(x) for x in network.graph.edges()], dtype=float)
    if (w < 0).any() or not np.isfinite(w).all():
        bad = network.graph.edge_list()[int(np.flatnonzero(~(w >= 0) | ~np.isfinite(w))[0])]
        raise ParameterError(
            f"capacity of tie {network.labels[bad[0]]} - {network.labels[bad[1]]} is "
            f"{w[~(w >= 0) | ~np.isfinite(w)][0]}; expected a finite non-negative number"
        )
    return w


def _arcs(
    network: Network, sources: Sequence[str], sinks: Sequence[str], unit: Literal["tie", "actor"]
) -> _Arcs:
    """Arcs of the flow network with a super-source and super-sink (and split actors)."""
    _check_terminals(network, sources, sinks)
    index = network.index
    n = len(network.labels)
    ends = np.array(network.graph.edge_list(), dtype=np.int64).reshape(-1, 2)
    cap = _capacities(network)
    big = float(cap.sum() + 1.0)
    ties = np.arange(len(cap))
    tail, head = ends[:, 0], ends[:, 1]
    if not network.directed:
        tail, head = np.r_[tail, head], np.r_[head, tail]
        cap, ties = np.r_[cap, cap], np.r_[ties, ties]
    terminal = {index[x] for x in [*sources, *sinks]}
    if unit == "actor":  # node v -> (v_in = v, v_out = n + v); ties leave from v_out
        tail = tail + n
        ties = np.full(tail.size, -1)
        split = np.arange(n)
        removable = np.array([-1 if v in terminal else v for v in split])
        tail = np.r_[tail, split]
        head = np.r_[head, split + n]
        cap = np.r_[cap, np.full(n, big)]
        ties = np.r_[ties, removable]
        total = 2 * n
        out = n
    else:
        total, out = n, 0
    s, t = total, total + 1
    src = np.array([index[x] + out for x in sources])
    snk = np.array([index[x] for x in sinks])
    return _Arcs(
        np.r_[tail, np.full(src.size, s), snk],
        np.r_[head, src, np.full(snk.size, t)],
        np.r_[cap, np.full(src.size + snk.size, big)],
        np.r_[ties, np.full(src.size + snk.size, -1)],
        total + 2,
        s,
        t,
    )


def _incidence(arcs: _Arcs) -> Any:
    m = arcs.tail.size
    rows = np.r_[arcs.tail, arcs.head]
    values = np.r_[-np.ones(m), np.ones(m)]
    return sparse.csr_array(
        (values, (rows, np.r_[np.arange(m), np.arange(m)])), shape=(arcs.nodes, m)
    )


def _solve_flow(arcs: _Arcs, keep: np.ndarray[Any, Any]) -> tuple[float, np.ndarray[Any, Any]]:
    m = arcs.tail.size
    into_sink = (arcs.head == arcs.sink).astype(float)
    inner = np.ones(arcs.nodes, dtype=bool)
    inner[[arcs.source, arcs.sink]] = False
    result = optimize.linprog(
        -into_sink,
        A_eq=_incidence(arcs)[inner],
        b_eq=np.zeros(int(inner.sum())),
        bounds=np.c_[np.zeros(m), np.where(keep, arcs.capacity, 0.0)],
        method="highs",
    )
    if result.status != 0:  # a bounded feasible LP: anything else is a solver failure
        raise RuntimeError(f"maximum-flow LP failed: {result.message}")
    return float(-result.fun) + 0.0, np.asarray(result.x)  # + 0.0: no negative zero


def _result(
    network: Network, arcs: _Arcs, value: float, flow: np.ndarray[Any, Any], keep: Any, unit: str
) -> FlowResult:
    n = len(network.labels)
    residual = np.r_[arcs.capacity * keep - flow, flow] > 1e-9 * max(1.0, value)
    graph = sparse.csr_array(
        (residual.astype(float), (np.r_[arcs.tail, arcs.head], np.r_[arcs.head, arcs.tail])),
        shape=(arcs.nodes, arcs.nodes),
    )
    graph.eliminate_zeros()
    order = sparse.csgraph.breadth_first_order(graph, arcs.source, return_predecessors=False)
    side = np.zeros(arcs.nodes, dtype=bool)
    side[order] = True
    label = (lambda v: network.labels[v % n]) if unit == "actor" else (lambda v: network.labels[v])
    real = (
        arcs.tie >= 0
        if unit == "tie"
        else (arcs.tail < arcs.nodes - 2) & (arcs.head < arcs.nodes - 2)
    )
    flows: dict[tuple[str, str], float] = {}
    cut = []
    for e in np.flatnonzero(real):
        a, b = int(arcs.tail[e]), int(arcs.head[e])
        if unit == "actor" and a % n == b % n:
            if side[a] and not side[b]:
                cut.append((label(a), label(b)))
            continue
        if flow[e] > 1e-12:
            key = (label(a), label(b))
            flows[key] = flows.get(key, 0.0) + float(flow[e])
        if side[a] and not side[b] and keep[e]:
            cut.append((label(a), label(b)))
    order = network.index
    source_side = sorted(
        {label(v) for v in np.flatnonzero(side[: arcs.nodes - 2])}, key=order.__getitem__
    )
    return FlowResult(value, flows, cut, source_side)


def max_flow(network: Network, sources: Sequence[str], sinks: Sequence[str]) -> FlowResult:
    """Maximum flow from ``sources`` to ``sinks`` (tie weights as capacities) and a min cut.

    For actors as the units cut, use :func:`interdict` with ``unit="actor"``.
    """
    arcs = _arcs(network, sources, sinks, "tie")
    keep = np.ones(arcs.tail.size, dtype=bool)
    value, flow = _solve_flow(arcs, keep)
    return _result(network, arcs, value, flow, keep, "tie")


@dataclass(frozen=True)
class Interdiction:
    """The ties or actors to remove, what they cost, and the flow before and after."""

    unit: str
    removed: list[str] | list[tuple[str, str]]
    cost: float
    budget: float
    flow_before: float
    flow_after: float
    after: FlowResult

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "unit": self.unit,
            "removed": [list(x) if isinstance(x, tuple) else x for x in self.removed],
            "cost": self.cost,
            "budget": self.budget,
            "flow_before": self.flow_before,
            "flow_after": self.flow_after,
            "reduction": self.flow_before - self.flow_after,
            "cut_after": [list(c) for c in self.after.cut],
        }


def interdict(
    network: Network,
    sources: Sequence[str],
    sinks: Sequence[str],
    budget: float,
    *,
    unit: Literal["tie", "actor"] = "tie",
    costs: dict[str, float] | dict[tuple[str, str], float] | None = None,
) -> Interdiction:
    """Remove ties (or actors) within ``budget`` to minimise the remaining maximum flow.

    Wood's (1993) programme; see the module docstring.

    ``costs`` gives the cost of removing each tie ``(a, b)`` or actor (default 1 each,
    so the budget is a count). Sources and sinks cannot be removed.
    """
    if not budget >= 0:
        raise ParameterError(f"budget must be a non-negative number; got {budget}")
    arcs = _arcs(network, sources, sinks, unit)
    units = _unit_names(network, unit)
    price = np.ones(len(units))
    for key, value in (costs or {}).items():
        if key not in units:
            raise ParameterError(f"cost given for unknown {unit} {key!r}")
        if not value >= 0:
            raise ParameterError(f"cost of {key!r} must be non-negative; got {value}")
        price[units.index(key)] = value
    m, n_units = arcs.tail.size, len(units)
    before, _ = _solve_flow(arcs, np.ones(m, dtype=bool))
    # variables: alpha (nodes), beta (arcs), gamma (units)
    nv = arcs.nodes + m + n_units
    cost = np.r_[np.zeros(arcs.nodes), arcs.capacity, np.zeros(n_units)]
    rows = np.arange(m)
    linking = sparse.csr_array(
        (
            np.r_[np.ones(m), -np.ones(m), np.ones(m)],
            (np.r_[rows, rows, rows], np.r_[arcs.tail, arcs.head, arcs.nodes + rows]),
        ),
        shape=(m, nv),
    ).tolil()
    with_unit = np.flatnonzero(arcs.tie >= 0)
    linking[with_unit, arcs.nodes + m + arcs.tie[with_unit]] = 1.0
    spend = sparse.csr_array(
        (price, (np.zeros(n_units, dtype=int), arcs.nodes + m + np.arange(n_units))), shape=(1, nv)
    )
    lower, upper = np.zeros(nv), np.ones(nv)
    lower[arcs.sink] = 1.0
    upper[arcs.source] = 0.0
    constraints = [
        optimize.LinearConstraint(linking.tocsr(), lb=np.zeros(m), ub=np.inf),
        optimize.LinearConstraint(spend, lb=0.0, ub=float(budget)),
    ]
    bounds = optimize.Bounds(lower, upper)
    result = optimize.milp(cost, constraints=constraints, integrality=np.ones(nv), bounds=bounds)
    if result.status != 0:
        raise RuntimeError(f"interdiction MILP failed: {result.message}")
    # second stage: the cheapest interdiction that achieves the same least flow
    slack = 1e-9 * max(1.0, float(arcs.capacity[arcs.capacity < arcs.capacity.max()].sum()))
    flow_cap = optimize.LinearConstraint(cost[None, :], lb=-np.inf, ub=result.fun + slack)
    result = optimize.milp(
        spend.toarray().ravel(),
        constraints=[*constraints, flow_cap],
        integrality=np.ones(nv),
        bounds=bounds,
    )
    if result.status != 0:
        raise RuntimeError(f"interdiction MILP (cheapest plan) failed: {result.message}")
    chosen = np.flatnonzero(result.x[arcs.nodes + m :] > 0.5)
    removed = set(chosen.tolist())
    keep = ~np.isin(arcs.tie, list(removed)) | (arcs.tie < 0)
    after_value, flow = _solve_flow(arcs, keep)
    return Interdiction(
        unit,
        [units[i] for i in chosen],
        float(price[chosen].sum()),
        float(budget),
        before,
        after_value,
        _result(network, arcs, after_value, flow, keep, unit),
    )


def _unit_names(network: Network, unit: str) -> list[Any]:
    if unit == "actor":
        return list(network.labels)
    if unit != "tie":
        raise ParameterError(f"unit must be 'tie' or 'actor'; got {unit!r}")
    return [(network.labels[a], network.labels[b]) for a, b in network.graph.edge_list()]
