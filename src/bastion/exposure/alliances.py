"""Alliance dependence, and what an alliance adds compared with independent resilience.

``alliance_dependence`` measures, per capability domain, how much of the capability an
actor could count on comes from its guarantors: ``allied = sum_g commitment x
interoperability x capability_g`` over the guarantors of the alliances it belongs to, and
``allied_share = allied / (own + allied)`` (Bastion's transparent ratio; commitment is the
alliance's ``commitment_probability``, interoperability its ``interoperability``).

``alliance_value`` answers the question of seed 000 — "when alliance commitments offer
real incremental security and when independent adaptation is preferable" — by simulation:
the escalation engine compares, with common random numbers, the baseline against the same
scenario without the guarantee (commitment set to 0), and optionally against "no guarantee
but the resilience lever" (independent adaptation).
"""

from __future__ import annotations

from typing import Any

from bastion.compute import SeedLike
from bastion.errors import ParameterError
from bastion.scenario import Scenario
from bastion.scenario._base import DOMAINS
from bastion.scenario.paths import set_path

__all__ = ["alliance_dependence", "alliance_value", "without_guarantees"]


def alliance_dependence(scenario: Scenario, actor: str) -> list[dict[str, Any]]:
    """One row per domain: own capability, allied capability and the allied share."""
    own = scenario.actor(actor).capabilities
    alliances = [a for a in scenario.alliances if actor in a.members]
    rows = []
    for domain in DOMAINS:
        allied = sum(
            a.commitment_probability
            * a.interoperability
            * getattr(scenario.actor(g).capabilities, domain)
            for a in alliances
            for g in a.guarantors
            if g != actor
        )
        mine = getattr(own, domain)
        rows.append(
            {
                "domain": domain,
                "own": mine,
                "allied": allied,
                "allied_share": allied / (mine + allied) if mine + allied > 0 else 0.0,
                "alliances": [a.id for a in alliances],
                "commitment": [a.commitment_probability for a in alliances],
                "interoperability": [a.interoperability for a in alliances],
            }
        )
    return rows


def without_guarantees(scenario: Scenario, actor: str) -> Scenario:
    """The scenario with every alliance protecting ``actor`` made worthless (commitment 0)."""
    data = scenario.model_dump()
    protecting = [a.id for a in scenario.alliances if actor in a.members]
    if not protecting:
        raise ParameterError(f"{actor!r} is not a member of any alliance in {scenario.name!r}")
    for alliance in protecting:
        data = set_path(data, f"alliances.{alliance}.commitment_probability", 0.0)
    variant = Scenario.model_validate(data)
    variant._source = scenario.source
    variant._data_digests = dict(scenario._data_digests)
    return variant


def alliance_value(
    scenario: Scenario,
    actor: str,
    runs: int,
    *,
    resilience_lever: str | None = None,
    seed: SeedLike = None,
    backend: str = "numpy",
) -> Any:
    """Escalation outcomes with the alliance vs without it (and vs resilience instead).

    Returns a :class:`bastion.escalation.Comparison` whose variants are ``no_alliance`` and,
    with ``resilience_lever``, ``resilience_instead`` (the lever applied, no alliance).
    Effects are relative to the baseline (with the alliance): a positive effect of
    ``no_alliance`` on P(kinetic) is the security the alliance adds.
    """
    from bastion.escalation.compare import compare_variants

    variants = {"no_alliance": without_guarantees(scenario, actor)}
    if resilience_lever is not None:
        variants["resilience_instead"] = without_guarantees(
            scenario.with_lever(resilience_lever), actor
        )
    return compare_variants(scenario, variants, runs, seed=seed, backend=backend)
