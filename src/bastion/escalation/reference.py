"""The scalar reference simulator: one run at a time, in plain Python.

This is the specification of the escalation model written as directly as possible. It
is slow on purpose and exists to be the test oracle of the vectorised kernel
(:mod:`bastion.escalation.kernel`): both read the same :class:`Params`, follow the same
order of events in each step and consume one uniform random number per decision, so
their outcome distributions must agree (tests compare them with fixed seeds and stated
power). The model is documented in ``docs/methods/escalation.md``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from bastion.escalation.params import Params

__all__ = ["OUTCOME_CODES", "ReferenceRun", "simulate_reference"]

OUTCOME_CODES = {"horizon": 0, "settled": 1, "stopped": 2}


@dataclass
class ReferenceRun:
    """What one simulated crisis recorded."""

    outcome: int
    end_step: int
    max_rung: int
    first_step: list[int]  # (K,) first step the crisis level reached each rung, -1 never
    first_player: list[int]  # (K,) who reached it first, -1 never
    first_action: list[int]  # (P,) first step each player took hostile action, -1 never
    consultation: list[int]  # (L,) step consultation started, -1 never
    activation: list[int]  # (L,) step the alliance activated, -1 never
    misattributions: int
    damage: list[float]  # (S,) inoperability summed over steps
    transitions: dict[tuple[int, int], int]


def _choose_scripted(p: Params, i: int, prev: int, view: int, ceiling: int) -> int:
    code = int(p.policy[i])
    red_line = int(p.red_line[i])
    if code == 1:  # tit for tat: answer the perceived rung
        choice = view
    elif code == 2:  # graduated: one below the threat until the red line, then match it
        choice = view if view >= red_line else max(view - 1, 0)
    elif code == 3:  # hawk: climb one step at a time
        choice = ceiling
    elif code == 4:  # dove: never beyond the first hostile rung
        choice = min(max(view - 1, 0), 1)
    else:  # restraint: only a crossed red line is answered, in kind
        choice = view if view >= red_line else 0
    return min(choice, ceiling)


def _choose_quantal(
    p: Params, i: int, known: bool, prev: int, view: int, ceiling: int, u: float
) -> int:
    base = p.utility_known[i] if known else p.utility_unknown[i]
    audience, reciprocity = p.extras["audience_cost"], p.extras["reciprocity"]
    resolve = float(p.resolve[i])
    utilities = [
        float(base[k]) - audience * resolve * max(prev - k, 0) + reciprocity * resolve * (k >= view)
        for k in range(ceiling + 1)
    ]
    best = max(utilities)
    weights = [math.exp(float(p.rationality[i]) * (x - best)) for x in utilities]
    target = u * sum(weights)
    running = 0.0
    for k, w in enumerate(weights):
        running += w
        if target < running:
            return k
    return ceiling


def simulate_reference(p: Params, rng: random.Random) -> ReferenceRun:
    """Simulate one crisis with ``rng``; see the module docstring."""
    n_p, n_k = p.n_players, p.n_rungs
    n_n, n_s, n_l = len(p.actor_ids), len(p.sector_ids), len(p.alliance_ids)
    known = [rng.random() < p.known_prob[i] for i in range(n_p)]
    committed = [rng.random() < p.commitment[a] for a in range(n_l)]
    rung = [0] * n_p
    prev = [0] * n_p
    pending = [-1] * n_p
    threat_from = [0] * n_p
    false_threat = [0] * n_n
    q = [0.0] * n_s
    cumulative = [0.0] * n_s
    consult, active = [-1] * n_l, [-1] * n_l
    attributed_ever = [False] * n_n
    first, who = [-1] * n_k, [-1] * n_k
    first_action = [-1] * n_p
    transitions: dict[tuple[int, int], int] = {}
    misattributions, streak, prev_level = 0, 0, 0
    outcome, end = OUTCOME_CODES["horizon"], p.horizon - 1
    step = p.escalation_step
    for t in range(p.horizon):
        # what each actor perceives: attributed hostile actions against it, false alarms
        threat_on = list(false_threat)
        for i in range(n_p):
            target = int(p.target_actor[i])
            if target >= 0:
                threat_on[target] = max(threat_on[target], threat_from[i])
        for i in range(n_p):
            actor = int(p.player_actor[i])
            view = threat_on[actor]
            awake = not p.dormant[i]
            for a in range(n_l):
                if p.guarantees[i, a] and active[a] >= 0:
                    awake = True
                    members = [threat_on[n] for n in range(n_n) if p.members[a, n]]
                    view = max([view, *members])
            u = rng.random()
            if t == 0 and i == p.initiator:
                rung[i] = p.opening_rung
            elif not awake:
                rung[i] = 0
            else:
                ceiling = min(int(p.max_rung[i]), max(prev[i], view) + step)
                if p.policy[i] == 0:
                    rung[i] = _choose_quantal(p, i, known[i], prev[i], view, ceiling, u)
                else:
                    rung[i] = _choose_scripted(p, i, prev[i], view, ceiling)
        hostile_on = [0] * n_n
        for i in range(n_p):
            if rung[i] >= 1 and first_action[i] < 0:
                first_action[i] = t
            if rung[i] >= 1 and p.target_actor[i] >= 0:
                hostile_on[int(p.target_actor[i])] += 1
        attributed = [-1] * n_p
        for i in range(n_p):
            target = int(p.target_actor[i])
            u_detect, u_attr = rng.random(), rng.random()
            if target < 0:
                continue
            if rung[i] >= 1 and u_detect < p.detect[i, rung[i]]:
                pending[i] = max(pending[i], rung[i])
            k = pending[i]
            if k >= 1 and u_attr < p.attribute[i, k]:
                pending[i] = -1
                v = u_attr / p.attribute[i, k]
                if v < p.correct[i, k]:
                    attributed[i] = k
                    attributed_ever[target] = True
                    w = v / p.correct[i, k]
                    m = min(p.misperception[target] * max(hostile_on[target], 1), 0.5)
                    noise = -1 if w < m else (1 if w < 2 * m else 0)
                    seen = min(max(k + noise, 1), n_k - 1)
                    threshold = 0.0
                    for j in range(n_p):
                        if p.player_actor[j] == target:
                            threshold = float(p.retaliation_confidence[j])
                    if p.correct[i, k] >= threshold:
                        threat_from[i] = seen
                else:
                    misattributions += 1
            elif rung[i] == 0 and pending[i] < 1:
                threat_from[i] = max(threat_from[i] - 1, 0)
        for n in range(n_n):
            u = rng.random()
            rate = float(p.false_alarm[n])
            if u < rate:
                false_threat[n] = max(false_threat[n], min(1 + int(u / rate * 3), n_k - 1))
            else:
                false_threat[n] = max(false_threat[n] - 1, 0)
        # damage: direct effects, then cascade and recovery (dynamic IIM)
        new_q = []
        for s in range(n_s):
            direct = sum(float(p.damage[i, rung[i], s]) for i in range(n_p))
            spill = sum(float(p.interdependency[s, o]) * q[o] for o in range(n_s))
            value = q[s] + float(p.recovery[s]) * (spill - q[s]) + direct
            new_q.append(min(max(value, 0.0), 1.0))
        q = new_q
        cumulative = [c + x for c, x in zip(cumulative, q, strict=True)]
        # alliances
        damage_of = [
            sum(float(p.actor_weights[n, s]) * q[s] for s in range(n_s)) for n in range(n_n)
        ]
        for g in range(len(p.trigger_alliance)):
            a = int(p.trigger_alliance[g])
            fired = False
            for i in range(n_p):
                k, target = attributed[i], int(p.target_actor[i])
                if (
                    k >= 0
                    and p.members[a, target]
                    and k >= p.trigger_rung[g]
                    and p.trigger_domain[g, k]
                    and p.correct[i, k] >= p.trigger_confidence[g]
                ):
                    fired = True
            for n in range(n_n):
                if p.members[a, n] and attributed_ever[n] and damage_of[n] >= p.trigger_damage[g]:
                    fired = True
            if fired and consult[a] < 0:
                consult[a] = t
        for a in range(n_l):
            if consult[a] >= 0 and active[a] < 0 and committed[a] and t >= consult[a] + p.delay[a]:
                active[a] = t
        # records and termination
        level = max(rung)
        for k in range(level + 1):
            if first[k] < 0:
                first[k] = t
                who[k] = next(i for i in range(n_p) if rung[i] >= k)
        transitions[prev_level, level] = transitions.get((prev_level, level), 0) + 1
        prev_level = level
        streak = streak + 1 if level == 0 else 0
        prev = list(rung)
        if level >= p.stop_rung:
            outcome, end = OUTCOME_CODES["stopped"], t
            break
        if streak >= p.settle_steps:
            outcome, end = OUTCOME_CODES["settled"], t
            break
    return ReferenceRun(
        outcome=outcome,
        end_step=end,
        max_rung=max(k for k in range(n_k) if first[k] >= 0),
        first_step=first,
        first_player=who,
        first_action=first_action,
        consultation=consult,
        activation=active,
        misattributions=misattributions,
        damage=cumulative,
        transitions=transitions,
    )
