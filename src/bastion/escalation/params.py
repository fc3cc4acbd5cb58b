"""Compile a scenario into the flat arrays the simulator reads.

Everything the kernel and the scalar reference need is computed here once, in NumPy
(float64), from the scenario: both implementations read the same :class:`Params`, so
they can differ only in how they draw random numbers and loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from bastion.errors import ParameterError
from bastion.exposure.iim import check_interdependency, iim_step
from bastion.scenario import Scenario

__all__ = ["POLICY_CODES", "Params", "compile_params"]

POLICY_CODES = {
    "quantal_response": 0,
    "tit_for_tat": 1,
    "graduated": 2,
    "hawk": 3,
    "dove": 4,
    "restraint": 5,
}

F = NDArray[np.float64]
I = NDArray[np.int64]  # noqa: E741
B = NDArray[np.bool_]


@dataclass(frozen=True)
class Params:
    """The scenario as arrays.

    Sizes: P players (actors with a policy), N actors, K rungs, S sectors, L alliances,
    G alliance triggers, H named thresholds.
    """

    actor_ids: list[str]
    player_ids: list[str]
    rung_ids: list[str]
    sector_ids: list[str]
    alliance_ids: list[str]
    threshold_names: list[str]
    horizon: int
    # players
    player_actor: I  # (P,) actor index
    target_actor: I  # (P,) actor index or -1
    policy: I  # (P,) POLICY_CODES
    rationality: F  # (P,)
    max_rung: I  # (P,)
    red_line: I  # (P,) rung index, K when none
    known_prob: F  # (P,) probability player p knows its target's red line
    retaliation_confidence: F  # (P,)
    resolve: F  # (P,)
    dormant: B  # (P,) guarantors that act only once an alliance they guarantee is active
    guarantees: B  # (P, L)
    utility_known: F  # (P, K) static utility when the target's red line is known
    utility_unknown: F  # (P, K) static utility when it is not
    # attribution and perception, indexed by the acting player and rung
    detect: F  # (P, K)
    attribute: F  # (P, K) per-step hazard of completing attribution
    correct: F  # (P, K) probability the attribution names the true author (= confidence)
    misperception: F  # (N,) per observer actor
    false_alarm: F  # (N,) per observer actor
    # damage
    damage: F  # (P, K, S) direct inoperability added per step
    interdependency: F  # (S, S) A[s, s']: s depends on s'
    recovery: F  # (S,)
    actor_weights: F  # (N, S) each actor's sector weights (rows sum to 1 or 0)
    # alliances
    members: B  # (L, N)
    commitment: F  # (L,)
    delay: F  # (L,)
    trigger_alliance: I  # (G,)
    trigger_domain: B  # (G, K): rung k's domain matches the trigger
    trigger_rung: I  # (G,) K + 1 when none
    trigger_damage: F  # (G,) inf when none
    trigger_confidence: F  # (G,)
    # ladder and termination
    threshold_rung: I  # (H,)
    stop_rung: int  # K when none
    settle_steps: int
    escalation_step: int
    initiator: int  # player index or -1
    opening_rung: int
    extras: dict[str, float] = field(default_factory=dict)

    @property
    def n_players(self) -> int:
        """P."""
        return len(self.player_ids)

    @property
    def n_rungs(self) -> int:
        """K."""
        return len(self.rung_ids)


def _sustained_damage(
    damage: F, interdependency: F, recovery: F, actor_weights: F, targets: list[int], horizon: int
) -> F:
    """Mean weighted inoperability of each player's target if a rung were sustained.

    For player ``p`` and rung ``k`` the dynamic IIM recursion
    ``q <- clip(q + K (A q - q) + d_pk, 0, 1)`` is run from ``q = 0`` for the horizon with
    the constant direct damage ``d_pk``, and the target's sector-weighted inoperability is
    averaged over the steps. It is what a rung can achieve against this target's
    infrastructure, so resilience (lower exposure or vulnerability, faster recovery)
    lowers it: the denial term of the attacker's utility.
    """
    n_p, k, n_s = damage.shape
    result = np.zeros((n_p, k))
    if n_s == 0:
        return result
    for p in range(n_p):
        if targets[p] < 0:
            continue
        weights = actor_weights[targets[p]]
        q = np.zeros((k, n_s))
        total = np.zeros(k)
        for _ in range(horizon):
            q = iim_step(np, q, interdependency.T, recovery, damage[p])
            total += q @ weights
        result[p] = total / horizon
    return result


def _player_utilities(
    scenario: Scenario, players: list[int], targets: list[int], red_line: I, denial: F
) -> tuple[F, F]:
    """Static part of each player's utility per rung (see docs/methods/escalation.md)."""
    ladder = scenario.effective_ladder
    crisis = scenario.crisis
    actors = scenario.actors
    k = len(ladder.rungs)
    severity = np.array([r.severity for r in ladder.rungs])
    sev = severity / severity.max()
    cost = np.array([r.cost for r in ladder.rungs])
    domains = [r.domain for r in ladder.rungs]
    rank = np.arange(k)
    alliance_cost = np.zeros((len(players), k))
    for p, target in enumerate(targets):
        if target < 0:
            continue
        for alliance in scenario.alliances:
            if actors[target].id not in alliance.members:
                continue
            strength = max(
                (
                    max(vars(scenario.actor(g).capabilities).values())
                    for g in alliance.guarantors
                    if g != actors[players[p]].id
                ),
                default=0.0,
            )
            lowest = k
            for trigger in alliance.triggers:
                if trigger.min_rung is not None:
                    lowest = min(lowest, [r.id for r in ladder.rungs].index(trigger.min_rung))
            alliance_cost[p] = np.maximum(
                alliance_cost[p],
                alliance.commitment_probability
                * alliance.interoperability
                * strength
                * (rank >= lowest),
            )
    known = np.zeros((len(players), k))
    unknown = np.zeros((len(players), k))
    for p, actor_index in enumerate(players):
        actor = actors[actor_index]
        caps = np.array([getattr(actor.capabilities, d) for d in domains])
        if targets[p] >= 0:
            opponent = actors[targets[p]]
            target_resolve = opponent.resolve
            target_strength = max(vars(opponent.capabilities).values())
        else:
            target_resolve, target_strength = 0.0, 0.0
        # coercion: what the rung signals (severity) plus what it can deny the target
        # (sustained damage to its infrastructure: deterrence by denial, Snyder 1961)
        gain = (caps * sev + crisis.denial_weight * denial[p]) * (1.0 - target_resolve)
        threat = target_resolve * target_strength * sev
        known_ret = threat * (rank >= red_line[p]) if red_line[p] < k else threat * 0.0
        unknown_ret = threat * (rank + 1) / k
        rung_cost = cost * (1.0 - actor.cost_tolerance)
        base = gain - rung_cost - crisis.retaliation_weight * alliance_cost[p]
        known[p] = base - crisis.retaliation_weight * known_ret
        unknown[p] = base - crisis.retaliation_weight * unknown_ret
    return known, unknown


def compile_params(scenario: Scenario) -> Params:
    """Compile ``scenario`` into :class:`Params` for the simulator."""
    ladder = scenario.effective_ladder
    crisis = scenario.crisis
    actor_ids = [a.id for a in scenario.actors]
    rung_ids = [r.id for r in ladder.rungs]
    k = len(rung_ids)
    if not scenario.policies:
        raise ParameterError(
            f"scenario {scenario.name!r} has no policies: the escalation engine needs at "
            "least one actor with a policy (see docs/scenario-guide.md, policies)"
        )
    policies = scenario.policies
    players = [actor_ids.index(p.actor) for p in policies]
    player_ids = [p.actor for p in policies]
    targets = [actor_ids.index(p.target) if p.target else -1 for p in policies]
    red_line = np.array([rung_ids.index(p.red_line) if p.red_line else k for p in policies])
    max_rung = np.array([rung_ids.index(p.max_rung) if p.max_rung else k - 1 for p in policies])
    # probability that player p knows its target's red line = the target's red-line clarity
    by_actor = {p.actor: p for p in policies}
    known_prob = np.array(
        [
            by_actor[actor_ids[t]].red_line_clarity if t >= 0 and actor_ids[t] in by_actor else 0.0
            for t in targets
        ]
    )

    def red_line_of(actor_index: int) -> int:
        policy = by_actor.get(actor_ids[actor_index]) if actor_index >= 0 else None
        if policy is None or policy.red_line is None:
            return k
        return rung_ids.index(policy.red_line)

    target_red_line = np.array([red_line_of(t) for t in targets])

    deniability = np.array([r.deniability for r in ladder.rungs])
    attribution = np.array([a.attribution_capability for a in scenario.actors])
    deception = np.array([a.deception for a in scenario.actors])
    target_attr = np.array([attribution[t] if t >= 0 else 0.0 for t in targets])[:, None]
    den = deniability[None, :]
    detect = 1.0 - den * (1.0 - target_attr)
    attribute = (1.0 - den) + den * target_attr * 0.5
    correct = 1.0 - den * deception[players][:, None] * (1.0 - target_attr)

    sectors = scenario.sectors
    sector_ids = [s.id for s in sectors]
    n_s = len(sectors)
    damage = np.zeros((len(players), k, n_s))
    for p, actor_index in enumerate(players):
        actor = scenario.actors[actor_index]
        for j, rung in enumerate(ladder.rungs):
            cap = getattr(actor.capabilities, rung.domain)
            for s, sector in enumerate(sectors):
                if targets[p] >= 0 and sector.actor == actor_ids[targets[p]]:
                    nominal = rung.damage.get(sector.kind, 0.0)
                    damage[p, j, s] = nominal * sector.exposure * sector.vulnerability * cap
    interdependency = np.zeros((n_s, n_s))
    for s, sector in enumerate(sectors):
        for other, a in sector.depends_on.items():
            interdependency[s, sector_ids.index(other)] = a
    recovery = np.array([s.recovery_rate for s in sectors])
    if n_s:
        check_interdependency(interdependency)  # spectral radius < 1, or a clear error
    actor_weights = np.zeros((len(actor_ids), n_s))
    for s, sector in enumerate(sectors):
        actor_weights[actor_ids.index(sector.actor), s] = sector.weight
    totals = actor_weights.sum(axis=1, keepdims=True)
    actor_weights = np.divide(
        actor_weights, totals, out=np.zeros_like(actor_weights), where=totals > 0
    )

    denial = _sustained_damage(
        damage, interdependency, recovery, actor_weights, targets, scenario.time.horizon
    )
    utility_known, utility_unknown = _player_utilities(
        scenario, players, targets, target_red_line, denial
    )

    alliances = scenario.alliances
    members = np.array(
        [[a in al.members for a in actor_ids] for al in alliances], dtype=bool
    ).reshape(len(alliances), len(actor_ids))
    guarantees = np.array(
        [[pid in al.guarantors for al in alliances] for pid in player_ids], dtype=bool
    ).reshape(len(player_ids), len(alliances))
    # Guarantors that nobody attacks directly act only once an alliance they guarantee is
    # active; the initiator is never dormant.
    targeted = set(targets)
    dormant = np.array(
        [
            bool(guarantees[p].any()) and players[p] not in targeted and pid != crisis.initiator
            for p, pid in enumerate(player_ids)
        ],
        dtype=bool,
    )
    trig_alliance, trig_domain, trig_rung, trig_damage, trig_conf = [], [], [], [], []
    for li, alliance in enumerate(alliances):
        for trigger in alliance.triggers:
            trig_alliance.append(li)
            trig_domain.append([trigger.domain in ("any", r.domain) for r in ladder.rungs])
            trig_rung.append(rung_ids.index(trigger.min_rung) if trigger.min_rung else k + 1)
            trig_damage.append(
                trigger.attributed_damage if trigger.attributed_damage is not None else np.inf
            )
            trig_conf.append(trigger.attribution_confidence)

    thresholds = ladder.thresholds
    initiator = player_ids.index(crisis.initiator) if crisis.initiator else -1
    opening = rung_ids.index(crisis.opening_rung) if crisis.opening_rung else 0
    scale = 1.0 - attribution
    return Params(
        actor_ids=actor_ids,
        player_ids=player_ids,
        rung_ids=rung_ids,
        sector_ids=sector_ids,
        alliance_ids=[a.id for a in alliances],
        threshold_names=list(thresholds),
        horizon=scenario.time.horizon,
        player_actor=np.array(players, dtype=np.int64),
        target_actor=np.array(targets, dtype=np.int64),
        policy=np.array([POLICY_CODES[p.kind] for p in policies], dtype=np.int64),
        rationality=np.array([p.rationality for p in policies]),
        max_rung=max_rung.astype(np.int64),
        red_line=red_line.astype(np.int64),
        known_prob=known_prob,
        retaliation_confidence=np.array([p.retaliation_confidence for p in policies]),
        resolve=np.array([scenario.actors[i].resolve for i in players]),
        dormant=dormant,
        guarantees=guarantees,
        utility_known=utility_known,
        utility_unknown=utility_unknown,
        detect=detect,
        attribute=np.clip(attribute, 0.0, 1.0),
        correct=correct,
        misperception=np.minimum(crisis.misperception * scale, 0.5),
        false_alarm=crisis.false_alarm_rate * scale,
        damage=damage,
        interdependency=interdependency,
        recovery=recovery,
        actor_weights=actor_weights,
        members=members,
        commitment=np.array([a.commitment_probability for a in alliances]),
        delay=np.array([a.consultation_delay for a in alliances]),
        trigger_alliance=np.array(trig_alliance, dtype=np.int64),
        trigger_domain=np.array(trig_domain, dtype=bool).reshape(len(trig_alliance), k),
        trigger_rung=np.array(trig_rung, dtype=np.int64),
        trigger_damage=np.array(trig_damage, dtype=np.float64),
        trigger_confidence=np.array(trig_conf, dtype=np.float64),
        threshold_rung=np.array([rung_ids.index(r) for r in thresholds.values()], dtype=np.int64),
        stop_rung=rung_ids.index(thresholds[crisis.stop_at]) if crisis.stop_at is not None else k,
        settle_steps=crisis.settle_steps,
        escalation_step=crisis.escalation_step,
        initiator=initiator,
        opening_rung=opening,
        extras={"audience_cost": crisis.audience_cost, "reciprocity": crisis.reciprocity},
    )
