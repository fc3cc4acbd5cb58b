"""The network phase by phase: structure, reorganisation, counterfactual removals.

``profile`` gives, for every phase, size, density, Freeman degree and betweenness
centralisation, components, the largest component, Borgatti's fragmentation, Leiden
communities and modularity, and the top brokers. ``reorganisation`` measures how the
network changes from one phase to the next — ties formed and lost, the Jaccard overlap of
tie sets, actors entering and leaving, turnover among the top brokers — and compares the
phases that follow disruption events (CAVIAR's seizures, phases 4 and 6-11; Morselli
2009) with the rest, as Duijn, Kashirin & Sloot (2014) and Bright et al. (2019) study
adaptation. ``remove_at`` is the counterfactual: the named actors are gone from their
phase onward (arrests), and every later phase is re-measured without them.

References
----------
Morselli, C. (2009). *Inside Criminal Networks*, ch. 7 (the CAVIAR case). Springer.
Duijn, P. A. C., Kashirin, V. & Sloot, P. M. A. (2014). The relative ineffectiveness of
criminal network disruption. *Scientific Reports* 4, 4238.
Bright, D., Koskinen, J. & Malm, A. (2019). Illicit network dynamics: the formation and
evolution of a drug trafficking network. *J. Quantitative Criminology* 35, 237-258.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from bastion.errors import ParameterError
from bastion.networks.centrality import centralisation, centrality, sampled_betweenness
from bastion.networks.communities import Communities, components, leiden
from bastion.networks.graph import Network, Ties, from_edgelist
from bastion.networks.keyplayer import fragmentation

__all__ = ["SAMPLED_ABOVE", "measure", "partitions", "profile", "remove_at", "reorganisation"]

SAMPLED_ABOVE = 5_000
"""Snapshots with more actors get betweenness sampled from 256 sources (Brandes & Pich 2007)."""


def measure(
    network: Network, *, top: int = 3, seed: int = 0, communities: Communities | None = None
) -> dict[str, Any]:
    """Structure of one snapshot (ties as undirected).

    Fragmentation needs only components; betweenness is sampled above
    :data:`SAMPLED_ABOVE` actors. ``communities`` is the snapshot's partition when the
    caller has it already (else Leiden runs here).
    """
    net = network.undirected()
    n, m = len(net.labels), net.graph.num_edges()
    row: dict[str, Any] = {"nodes": n, "ties": m}
    row["density"] = 2 * m / (n * (n - 1)) if n > 1 else 0.0
    parts = components(net)
    row["components"] = len(parts)
    row["largest_component"] = len(parts[0]) if parts else 0
    row["fragmentation"] = fragmentation(net)
    if n >= 3:
        degree = centrality(net, "degree")
        between = (
            centrality(net, "betweenness")
            if n <= SAMPLED_ABOVE
            else sampled_betweenness(net, 256, seed=seed)
        )
        row["degree_centralisation"] = centralisation(degree, (n - 1) * (n - 2))
        row["betweenness_centralisation"] = centralisation(between, n - 1)
        position = net.index
        row["top_brokers"] = sorted(between, key=lambda k: (-round(between[k], 9), position[k]))[
            :top
        ]
    else:
        row |= {"degree_centralisation": 0.0, "betweenness_centralisation": 0.0, "top_brokers": []}
    found = communities if communities is not None else (leiden(net, seed=seed) if m else None)
    row["communities"] = len([g for g in found.groups if len(g) > 1]) if found else 0
    row["modularity"] = found.modularity if found else 0.0
    return row


def partitions(
    ties: Ties, *, layers: Sequence[str] | None = None, seed: int = 0
) -> dict[float, Communities]:
    """Leiden communities of every phase (ties as undirected), for profiles and tracking."""
    return {p: leiden(ties.snapshot(p, layers=layers).undirected(), seed=seed) for p in ties.phases}


def profile(
    ties: Ties,
    *,
    layers: Sequence[str] | None = None,
    top: int = 3,
    seed: int = 0,
    communities: Mapping[float, Communities] | None = None,
) -> list[dict[str, Any]]:
    """:func:`measure` for every phase of ``ties`` (``communities``: from :func:`partitions`)."""
    if not ties.phases:
        raise ParameterError("a phase profile needs timed ties (a phase or start/end column)")
    return [
        {
            "phase": p,
            **measure(
                ties.snapshot(p, layers=layers),
                top=top,
                seed=seed,
                communities=None if communities is None else communities[p],
            ),
        }
        for p in ties.phases
    ]


def _pairs(network: Network) -> set[tuple[str, str]]:
    out = set()
    for a, b in network.graph.edge_list():
        x, y = network.labels[a], network.labels[b]
        if x != y:
            out.add((x, y) if x <= y else (y, x))
    return out


def reorganisation(
    ties: Ties, events: Mapping[float, str] | None = None, *, top: int = 5
) -> dict[str, Any]:
    """Change from each phase to the next, and mean change after events vs otherwise."""
    phases = ties.phases
    if len(phases) < 2:
        raise ParameterError("reorganisation needs at least two phases")
    unknown = sorted(set(events or {}) - set(phases))
    if unknown:
        raise ParameterError(f"event phase(s) {unknown} are not phases of the network: {phases}")
    snaps = [ties.snapshot(p) for p in phases]
    brokers = [measure(snap, top=top)["top_brokers"] for snap in snaps]  # once per phase
    rows: list[dict[str, Any]] = []
    for k in range(1, len(phases)):
        a, b = snaps[k - 1], snaps[k]
        before, after = _pairs(a), _pairs(b)
        union = before | after
        top_a, top_b = brokers[k - 1], brokers[k]
        rows.append(
            {
                "phase": phases[k],
                "after_event": (events or {}).get(phases[k - 1]),
                "ties_formed": len(after - before),
                "ties_lost": len(before - after),
                "tie_overlap": len(before & after) / len(union) if union else 1.0,
                "actors_entering": len(set(b.labels) - set(a.labels)),
                "actors_leaving": len(set(a.labels) - set(b.labels)),
                "broker_turnover": 1.0 - len(set(top_a) & set(top_b)) / max(len(top_a), 1),
            }
        )
    summary: dict[str, Any] = {}
    if events:
        for key in ("tie_overlap", "broker_turnover", "ties_formed", "ties_lost"):
            hit = [float(r[key]) for r in rows if r["after_event"]]
            rest = [float(r[key]) for r in rows if not r["after_event"]]
            summary[key] = {
                "after_events": float(np.mean(hit)) if hit else None,
                "otherwise": float(np.mean(rest)) if rest else None,
            }
    return {"transitions": rows, "summary": summary}


def remove_at(
    ties: Ties, removals: Mapping[float, Sequence[str]], *, top: int = 3
) -> list[dict[str, Any]]:
    """Observed and counterfactual structure when actors are removed from a phase on.

    ``removals`` maps a phase to the actors removed then (arrested, killed, turned);
    each is absent from that phase onward. Returns, per phase, the observed
    :func:`measure` and the counterfactual one.
    """
    phases = ties.phases
    known = set(ties.edges.sources) | set(ties.edges.targets)
    for phase, actors in removals.items():
        if phase not in phases:
            raise ParameterError(f"removal phase {phase} is not a phase of the network: {phases}")
        missing = [x for x in actors if x not in known]
        if missing:
            raise ParameterError(f"unknown actor(s) removed at phase {phase}: {', '.join(missing)}")
    rows = []
    for p in phases:
        gone = {x for q, actors in removals.items() if q <= p for x in actors}
        observed = ties.snapshot(p)
        mask = ties.mask(at=p)
        e = ties.edges
        keep = mask & np.array(
            [s not in gone and t not in gone for s, t in zip(e.sources, e.targets, strict=True)]
        )
        counter = from_edgelist(replace(ties.select(keep), nodes=()), directed=ties.directed)
        rows.append(
            {
                "phase": p,
                "removed": sorted(gone),
                "observed": measure(observed, top=top),
                "counterfactual": measure(counter, top=top),
            }
        )
    return rows
