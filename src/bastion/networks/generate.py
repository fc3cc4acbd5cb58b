"""A generator of fictional clandestine networks, for examples, demos and tests.

Bastion's own: ``cells`` cells of ``size`` actors each. Inside a cell, actors share
``logistics`` ties (each pair with probability ``density``); each cell's first actor leads it
and holds ``kinship`` ties to two members; consecutive cells are bridged by a broker pair
trading on the ``arms`` layer, and the leaders are linked by ``finance`` ties. Over ``phases``,
strategic ties (kinship, finance, the brokers' arms ties) persist, while each logistics tie is
active in a phase with probability ``turnover`` — tactical ties that come and go. ``arrests``
maps a phase to actors removed from it on. Same seed, same network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from bastion.errors import ParameterError
from bastion.io.edgelist import EdgeList

__all__ = ["covert_network"]


def covert_network(
    *,
    cells: int = 4,
    size: int = 8,
    phases: int = 6,
    density: float = 0.35,
    turnover: float = 0.5,
    arrests: Mapping[int, Sequence[str]] | None = None,
    seed: int = 0,
) -> EdgeList:
    """A fictional layered, phased network (see the module docstring)."""
    if cells < 2 or size < 3 or phases < 1:
        raise ParameterError("need at least 2 cells of 3 actors and 1 phase")
    if not (0 < density <= 1 and 0 < turnover <= 1):
        raise ParameterError("density and turnover must be in (0, 1]")
    rng = np.random.default_rng(seed)
    names = [[f"C{c + 1}-{k + 1}" for k in range(size)] for c in range(cells)]
    ties: list[tuple[str, str, str, bool]] = []  # (a, b, layer, strategic)
    for members in names:
        for i in range(size):
            for j in range(i + 1, size):
                if rng.random() < density:
                    ties.append((members[i], members[j], "logistics", False))
        for k in rng.choice(np.arange(1, size), size=2, replace=False):
            ties.append((members[0], members[int(k)], "kinship", True))
    for c in range(cells - 1):
        a, b = names[c][size - 1], names[c + 1][size - 2]
        ties.append((a, b, "arms", True))
        ties.append((names[c][0], names[c + 1][0], "finance", True))
    gone: dict[str, int] = {}
    for phase, actors in (arrests or {}).items():
        for actor in actors:
            gone[actor] = min(gone.get(actor, phase), phase)
    src, dst, layer, when, weight = [], [], [], [], []
    for p in range(1, phases + 1):
        for a, b, kind, strategic in ties:
            if gone.get(a, phases + 1) <= p or gone.get(b, phases + 1) <= p:
                continue
            if strategic or rng.random() < turnover:
                src.append(a)
                dst.append(b)
                layer.append(kind)
                when.append(float(p))
                weight.append(float(rng.integers(1, 6)))
    times = np.array(when)
    return EdgeList(src, dst, np.array(weight), "<generated>", layer, times, times.copy())
