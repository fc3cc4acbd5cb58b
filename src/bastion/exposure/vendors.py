"""Supplier concentration, vendor reliability, obsolescence and alliance dependence.

Computed from a scenario's ``suppliers`` for every customer and capability category:

- ``hhi``: Herfindahl-Hirschman index of supplier shares (1 = a single supplier);
- ``top_supplier``, ``top_share``: the largest supplier and its share;
- ``expected_delivery``: ``sum(share x reliability)``, the share of supply expected to arrive
  in a crisis if suppliers fail independently;
- ``obsolescence``: share-weighted technology age over service life (1 = at end of life);
- ``single_points_of_failure``: suppliers whose loss alone removes at least ``spof_share`` of
  the category (default 0.5);
- ``adversary_share``: the share supplied by (or originating in) an actor that has a policy
  targeting the customer;
- ``allied_share``: the share supplied by or originating in the customer's allies (actors in
  an alliance with it, members or guarantors).

The concentration measure is the standard HHI (Hirschman 1945; Herfindahl 1950); the other
columns are Bastion's own transparent ratios of the scenario's numbers.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from bastion.exposure.supply import herfindahl
from bastion.scenario import Scenario, Supplier

__all__ = ["supplier_exposure"]


def _allies(scenario: Scenario, actor: str) -> set[str]:
    allies: set[str] = set()
    for alliance in scenario.alliances:
        everyone = {*alliance.members, *alliance.guarantors}
        if actor in everyone:
            allies |= everyone
    allies.discard(actor)
    return allies


def _adversaries(scenario: Scenario, actor: str) -> set[str]:
    return {p.actor for p in scenario.policies if p.target == actor}


def _share_from(lines: list[Supplier], actors: set[str]) -> float:
    """Total share of the lines supplied by, or originating in, one of ``actors``."""
    return float(sum(s.share for s in lines if {s.supplier, s.origin} & actors))


def supplier_exposure(scenario: Scenario, *, spof_share: float = 0.5) -> list[dict[str, Any]]:
    """One row per customer and capability category (see the module docstring)."""
    groups: dict[tuple[str, str], list[Supplier]] = defaultdict(list)
    for supplier in scenario.suppliers:
        groups[supplier.customer, supplier.category].append(supplier)
    rows = []
    for (customer, category), lines in sorted(groups.items()):
        shares = [s.share for s in lines]
        total = sum(shares)
        top = max(lines, key=lambda s: s.share)
        allies, adversaries = _allies(scenario, customer), _adversaries(scenario, customer)
        rows.append(
            {
                "customer": customer,
                "category": category,
                "suppliers": len(lines),
                "hhi": herfindahl(shares),
                "top_supplier": top.supplier,
                "top_share": top.share / total,
                "expected_delivery": sum(s.share * s.reliability for s in lines) / total,
                "obsolescence": sum(
                    s.share * s.technology_age_years / s.lifecycle_years for s in lines
                )
                / total,
                "single_points_of_failure": [
                    s.supplier for s in lines if s.share / total >= spof_share
                ],
                "adversary_share": _share_from(lines, adversaries) / total,
                "allied_share": _share_from(lines, allies) / total,
            }
        )
    return rows
