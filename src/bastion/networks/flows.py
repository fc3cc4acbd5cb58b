"""Following the money: time-respecting paths, greedy temporal flow, and taint.

Taint is traced by the haircut or the FIFO rule through timed transactions.

A transaction is ``(sender, receiver, time, amount)``; transactions are processed in
time order (ties in input order). **Time-respecting paths** (Kempe, Kleinberg & Kumar
2002): money can only move on after it arrived, so the earliest arrival of anything from
a source is computed in one pass, with the path that achieves it. **Greedy flow**
(Kosyfaki, Mamoulis, Pitoura & Tsaparas 2021): every actor holds a buffer; a transaction
moves ``min(amount, buffer of the sender)`` (the source's buffer is unlimited), so the flow
reaching the sink is what could have been relayed from the source. **Taint** follows
money of known illicit origin (actors' opening balances marked dirty) through transactions
paid in full, topping up any shortfall with untraced (clean) money: **haircut** mixes every
buffer proportionally, **FIFO** spends the oldest money first (Möser, Böhme & Breuker 2014),
which also attributes each actor's holdings to their origins (source-to-sink traces).

References
----------
Kempe, D., Kleinberg, J. & Kumar, A. (2002). Connectivity and inference problems for
temporal networks. *J. Computer and System Sciences* 64(4), 820-842.
Kosyfaki, C., Mamoulis, N., Pitoura, E. & Tsaparas, P. (2021). Flow computation in
temporal interaction networks. *ICDE 2021*, 660-671.
Möser, M., Böhme, R. & Breuker, D. (2014). Towards risk scoring of Bitcoin transactions.
*Financial Cryptography Workshops*, LNCS 8438, 16-32.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from bastion.errors import DataFormatError, Issue, ParameterError
from bastion.io.edgelist import EdgeList

__all__ = ["Transactions", "earliest_arrival", "greedy_flow", "taint"]


@dataclass(frozen=True)
class Transactions:
    """Timed transfers in time order (stable: same-time transfers keep input order)."""

    senders: list[str]
    receivers: list[str]
    times: np.ndarray[Any, Any]
    amounts: np.ndarray[Any, Any]

    @classmethod
    def from_edgelist(cls, edges: EdgeList) -> Transactions:
        """Transfers from an edge list whose weight is the amount and start the time."""
        if edges.starts is None:
            raise DataFormatError(
                Issue(
                    "transactions need a time column (time, phase or start); expected one "
                    "time per transfer",
                    file=edges.file,
                )
            )
        missing = np.flatnonzero(np.isnan(edges.starts))
        if missing.size:
            raise DataFormatError(
                Issue(
                    f"{missing.size} transfer(s) have no time; expected a time on every row "
                    f"(first: data row {int(missing[0]) + 1})",
                    file=edges.file,
                )
            )
        order = np.argsort(edges.starts, kind="stable")
        return cls(
            [edges.sources[i] for i in order],
            [edges.targets[i] for i in order],
            edges.starts[order],
            edges.weights[order],
        )

    def __len__(self) -> int:
        return len(self.senders)


def earliest_arrival(
    transactions: Transactions, source: str, *, start: float = -np.inf
) -> dict[str, dict[str, Any]]:
    """Earliest time each actor can receive anything from ``source``, and the path.

    Paths are time-respecting and leave ``source`` at or after ``start``.
    """
    arrival: dict[str, float] = {source: start}
    via: dict[str, list[str]] = {source: [source]}
    for s, r, t in zip(
        transactions.senders, transactions.receivers, transactions.times, strict=True
    ):
        if s in arrival and arrival[s] <= t and t < arrival.get(r, np.inf):
            arrival[r] = float(t)
            via[r] = [*via[s], r]
    return {
        node: {"arrival": (None if node == source else arrival[node]), "path": via[node]}
        for node in arrival
    }


def greedy_flow(transactions: Transactions, source: str, sink: str) -> dict[str, Any]:
    """Kosyfaki et al.'s greedy flow from ``source`` to ``sink`` (see the module docstring).

    Returns the flow that reached the sink, what every actor still holds, and the
    amount each transaction carried.
    """
    if source == sink:
        raise ParameterError("source and sink must differ")
    buffer: dict[str, float] = {}
    carried = np.zeros(len(transactions))
    for k, (s, r, q) in enumerate(
        zip(transactions.senders, transactions.receivers, transactions.amounts, strict=True)
    ):
        x = float(q) if s == source else min(float(q), buffer.get(s, 0.0))
        if s == sink or x <= 0:
            continue  # what reached the sink stays there
        if s != source:
            buffer[s] -= x
        buffer[r] = buffer.get(r, 0.0) + x
        carried[k] = x
    return {
        "flow": buffer.get(sink, 0.0),
        "held": {n: v for n, v in buffer.items() if v > 0 and n != sink},
        "carried": carried,
    }


def taint(
    transactions: Transactions,
    dirty: Mapping[str, float],
    *,
    rule: Literal["haircut", "fifo"] = "haircut",
) -> dict[str, Any]:
    """Trace money of illicit origin (``dirty``: opening balances) through the transfers.

    Returns, per actor, the money held and the tainted part of it; per transfer, the
    tainted amount it carried; and under FIFO the holdings of each actor by origin
    (an origin is a dirty actor, or ``"untraced"``).
    """
    for node, amount in dirty.items():
        if not amount >= 0:
            raise ParameterError(f"dirty balance of {node!r} must be non-negative; got {amount}")
    if rule not in ("haircut", "fifo"):
        raise ParameterError(f"rule must be 'haircut' or 'fifo'; got {rule!r}")
    moved = np.zeros(len(transactions))
    if rule == "haircut":
        total = {n: float(a) for n, a in dirty.items()}
        tainted = dict(total)
        for k, (s, r, q) in enumerate(
            zip(transactions.senders, transactions.receivers, transactions.amounts, strict=True)
        ):
            q = float(q)
            have = total.get(s, 0.0)
            share = tainted.get(s, 0.0) / have if have > 0 else 0.0
            paid = min(q, have)  # the rest is untraced money from outside
            moved[k] = paid * share
            total[s] = have - paid
            tainted[s] = tainted.get(s, 0.0) - moved[k]
            total[r] = total.get(r, 0.0) + q
            tainted[r] = tainted.get(r, 0.0) + moved[k]
        return {"rule": rule, "held": total, "tainted": tainted, "carried": moved}
    lots: dict[str, deque[list[Any]]] = {
        n: deque([[n, float(a)]]) for n, a in dirty.items() if a > 0
    }
    for k, (s, r, q) in enumerate(
        zip(transactions.senders, transactions.receivers, transactions.amounts, strict=True)
    ):
        need = float(q)
        queue = lots.setdefault(s, deque())
        out = lots.setdefault(r, deque())
        while need > 0 and queue:
            origin, amount = queue[0]
            take = min(amount, need)
            out.append([origin, take])
            if origin != "untraced":
                moved[k] += take
            need -= take
            if take >= amount:
                queue.popleft()
            else:
                queue[0][1] = amount - take
        if need > 0:
            out.append(["untraced", need])
    origins = {
        n: {o: sum(a for o2, a in q if o2 == o) for o in dict.fromkeys(o for o, _ in q)}
        for n, q in lots.items()
        if q
    }
    held = {n: sum(v.values()) for n, v in origins.items()}
    tainted = {n: sum(a for o, a in v.items() if o != "untraced") for n, v in origins.items()}
    return {"rule": rule, "held": held, "tainted": tainted, "carried": moved, "origins": origins}
