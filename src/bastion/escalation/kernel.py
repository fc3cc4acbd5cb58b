"""The vectorised escalation kernel, written once against the Python array API.

State arrays hold one row per simulated crisis (run); time is the only Python loop
(players, triggers and alliances are short loops inside a step, not per run). The
order of events and the use of random numbers are exactly those of the scalar
reference :func:`bastion.escalation.reference.simulate_reference`, which is the test
oracle; the model is documented in ``docs/methods/escalation.md``.

Random numbers: each step draws one ``(runs, 3 * players + actors)`` block of float32
uniforms. A player's choice uses one uniform (inverse CDF over cumulative quantal-response
weights, not one Gumbel per rung); detection one; attribution one, reused by conditioning
for the correctness and perception draws (if ``u < a`` then ``u / a`` is uniform).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bastion.escalation.backends import Backend
from bastion.escalation.params import Params
from bastion.escalation.reference import OUTCOME_CODES
from bastion.exposure.iim import iim_step

__all__ = ["ChunkResult", "simulate_chunk"]


@dataclass
class ChunkResult:
    """Per-run records of a chunk of runs (NumPy arrays) plus its transition counts."""

    outcome: np.ndarray[Any, Any]  # (R,) OUTCOME_CODES
    end_step: np.ndarray[Any, Any]  # (R,)
    max_rung: np.ndarray[Any, Any]  # (R,)
    first_step: np.ndarray[Any, Any]  # (R, K)
    first_player: np.ndarray[Any, Any]  # (R, K)
    first_action: np.ndarray[Any, Any]  # (R, P) first step each player acted hostile, -1 never
    consultation: np.ndarray[Any, Any]  # (R, L)
    activation: np.ndarray[Any, Any]  # (R, L)
    misattributions: np.ndarray[Any, Any]  # (R,)
    damage: np.ndarray[Any, Any]  # (R, S)
    transitions: np.ndarray[Any, Any]  # (K, K)
    run_steps: int


class _Tables:
    """Params moved to the backend's device once per chunk."""

    def __init__(self, p: Params, b: Backend) -> None:
        f32, itype = b.xp.float32, b.xp.int32
        self.utility_known = b.asarray(p.utility_known, f32)
        self.utility_unknown = b.asarray(p.utility_unknown, f32)
        self.detect = b.asarray(p.detect.reshape(-1), f32)
        self.attribute = b.asarray(p.attribute.reshape(-1), f32)
        self.correct = b.asarray(p.correct.reshape(-1), f32)
        self.interdependency_t = b.asarray(p.interdependency.T, f32)
        self.recovery = b.asarray(p.recovery, f32)
        self.actor_weights_t = b.asarray(p.actor_weights.T, f32)
        self.misperception = b.asarray(p.misperception, f32)
        self.false_alarm = b.asarray(p.false_alarm, f32)
        self.max_rung = b.asarray(p.max_rung, itype)
        self.red_line = b.asarray(p.red_line, itype)
        self.policy = b.asarray(p.policy, itype)
        self.rationality = b.asarray(p.rationality, f32)
        self.resolve = b.asarray(p.resolve, f32)
        self.known_prob = b.asarray(p.known_prob, f32)
        self.commitment = b.asarray(p.commitment, f32)
        self.rungs = b.asarray(np.arange(p.n_rungs), itype)
        self.rungs8 = b.asarray(np.arange(p.n_rungs), b.xp.int8)
        self.damage_by_player = [b.asarray(p.damage[i], f32) for i in range(p.n_players)]
        self.player_offset = b.asarray(np.arange(p.n_players) * p.n_rungs, itype)
        # retaliation-confidence threshold of each player's target (0 when not a player)
        threshold = np.zeros(p.n_players)
        for i, target in enumerate(p.target_actor):
            for j, actor in enumerate(p.player_actor):
                if actor == target:
                    threshold[i] = p.retaliation_confidence[j]
        self.target_threshold = b.asarray(threshold, f32)
        self.quantal_players = [i for i in range(p.n_players) if p.policy[i] == 0]
        self.quantal_cdf = b.asarray(quantal_cdf_table(p, self.quantal_players), f32)
        self.quantal_offset = b.asarray(
            np.arange(len(self.quantal_players)) * 2 * p.n_rungs * p.n_rungs, itype
        )


def quantal_cdf_table(p: Params, players: list[int]) -> np.ndarray[Any, Any]:
    """Cumulative quantal-response probabilities for every state a player can be in.

    A quantal-response player's choice depends only on whether it knows its target's red
    line, its own last rung and the threat it perceives; so the normalised cumulative
    distribution over rungs is computed once here for each ``(known, prev, view)``, in
    float64, and a step is one table look-up and one comparison with a uniform. Entries
    from the ceiling on are 2 (never below a uniform), so a choice never exceeds it.
    Rows are ordered ``(player, known, prev, view)``.
    """
    k = p.n_rungs
    audience, reciprocity = p.extras["audience_cost"], p.extras["reciprocity"]
    rungs = np.arange(k)
    table = np.full((len(players), 2, k, k, k), 2.0)
    for row, i in enumerate(players):
        lam, resolve = float(p.rationality[i]), float(p.resolve[i])
        for known, base in enumerate((p.utility_unknown[i], p.utility_known[i])):
            for prev in range(k):
                for view in range(k):
                    ceiling = min(int(p.max_rung[i]), max(prev, view) + p.escalation_step)
                    utility = (
                        base
                        - audience * resolve * np.maximum(prev - rungs, 0)
                        + reciprocity * resolve * (rungs >= view)
                    )[: ceiling + 1]
                    weights = np.exp(lam * (utility - utility.max()))
                    cdf = np.cumsum(weights) / weights.sum()
                    table[row, known, prev, view, :ceiling] = cdf[:ceiling]
    return table.reshape(-1, k)


STATE_FIELDS = (
    "rung",
    "prev",
    "pending",
    "threat_from",
    "false_threat",
    "q",
    "cumulative",
    "consult",
    "active",
    "attributed_ever",
    "first",
    "who",
    "first_action",
    "misattr",
    "streak",
    "prev_level",
    "outcome",
    "end",
    "live",
    "transitions",
    "known",
    "committed",
)
"""The arrays a run carries from one step to the next (the loop's carry)."""


class _Step:
    """One time step of every run: a pure function of (state, uniforms, t).

    No data-dependent Python control flow unless ``eager`` (NumPy, PyTorch, CuPy), so
    the same code can be traced and fused by JAX (``jax.jit`` with ``lax.scan``).
    """

    def __init__(self, p: Params, backend: Backend, n_runs: int, eager: bool) -> None:
        self.p, self.backend, self.r, self.eager = p, backend, n_runs, eager
        self.tab = _Tables(p, backend)

    def initial(self, setup: Any) -> dict[str, Any]:
        """The state before the first step; ``setup`` holds one uniform per player and alliance."""
        p, backend, r = self.p, self.backend, self.r
        xp, tab = backend.xp, self.tab
        f32, itype = xp.float32, xp.int32
        n_p, n_k, n_n = p.n_players, p.n_rungs, len(p.actor_ids)
        n_s, n_l = len(p.sector_ids), len(p.alliance_ids)

        def zeros(shape: tuple[int, ...], dtype: Any) -> Any:
            return xp.zeros(shape, dtype=dtype, device=backend.device)

        def full(shape: tuple[int, ...], value: Any, dtype: Any) -> Any:
            return xp.full(shape, value, dtype=dtype, device=backend.device)

        return {
            "rung": zeros((r, n_p), itype),
            "prev": zeros((r, n_p), itype),
            "pending": full((r, n_p), -1, itype),
            "threat_from": zeros((r, n_p), itype),
            "false_threat": zeros((r, n_n), itype),
            "q": zeros((r, n_s), f32),
            "cumulative": zeros((r, n_s), f32),
            "consult": full((r, n_l), -1, itype),
            "active": full((r, n_l), -1, itype),
            "attributed_ever": [zeros((r,), xp.bool) for _ in range(n_n)],
            "first": full((r, n_k), -1, itype),
            "who": full((r, n_k), -1, itype),
            "first_action": full((r, n_p), -1, itype),
            "misattr": zeros((r,), itype),
            "streak": zeros((r,), itype),
            "prev_level": zeros((r,), itype),
            "outcome": full((r,), OUTCOME_CODES["horizon"], itype),
            "end": full((r,), p.horizon - 1, itype),
            "live": xp.ones((r,), dtype=xp.bool, device=backend.device),
            "transitions": zeros((n_k * n_k + 1,), itype),
            "known": setup[:, :n_p] < tab.known_prob,
            "committed": setup[:, n_p:] < tab.commitment if n_l else zeros((r, 0), xp.bool),
        }

    def __call__(self, s: dict[str, Any], u: Any, t: Any) -> dict[str, Any]:
        """Advance every live run by one step; ``u`` holds this step's uniforms."""
        p, backend, r, eager, tab = self.p, self.backend, self.r, self.eager, self.tab
        xp = backend.xp
        f32, itype = xp.float32, xp.int32
        n_p, n_k, n_n = p.n_players, p.n_rungs, len(p.actor_ids)
        n_s, n_l = len(p.sector_ids), len(p.alliance_ids)
        k_range = tab.rungs
        target_of = [int(x) for x in p.target_actor]
        damaging = [i for i in range(n_p) if p.damage[i].any()]

        def zeros(shape: tuple[int, ...], dtype: Any) -> Any:
            return xp.zeros(shape, dtype=dtype, device=backend.device)

        def full(shape: tuple[int, ...], value: Any, dtype: Any) -> Any:
            return xp.full(shape, value, dtype=dtype, device=backend.device)

        def take(table: Any, index: Any) -> Any:
            flat = xp.reshape(index, (-1,))
            return xp.reshape(xp.take(table, flat, axis=0), index.shape)

        # fmt: off
        (rung, prev, pending, threat_from, false_threat, q, cumulative, consult,
         active, attributed_ever, first, who, first_action, misattr, streak, prev_level,
         outcome, end, live, transitions, known, committed) = (s[name] for name in STATE_FIELDS)
        # fmt: on
        attributed_ever = list(attributed_ever)
        # -- perception: attributed threats against each actor, false alarms
        threat_on = [false_threat[:, n] for n in range(n_n)]
        for i, target in enumerate(target_of):
            if target >= 0:
                threat_on[target] = xp.maximum(threat_on[target], threat_from[:, i])
        views, awake = [], []
        for i in range(n_p):
            view = threat_on[int(p.player_actor[i])]
            wake = xp.full((r,), not bool(p.dormant[i]), dtype=xp.bool, device=backend.device)
            for a in range(n_l):
                if p.guarantees[i, a]:
                    is_active = active[:, a] >= 0
                    wake = wake | is_active
                    for n in range(n_n):
                        if p.members[a, n]:
                            view = xp.where(is_active, xp.maximum(view, threat_on[n]), view)
            views.append(view)
            awake.append(wake)
        view = xp.stack(views, axis=1)
        wake = xp.stack(awake, axis=1)
        # -- decisions
        ceiling = xp.minimum(tab.max_rung, xp.maximum(prev, view) + p.escalation_step)
        red = tab.red_line
        scripted = xp.where(
            tab.policy == 1,
            view,
            xp.where(
                tab.policy == 2,
                xp.where(view >= red, view, xp.clip(view - 1, 0, None)),
                xp.where(
                    tab.policy == 3,
                    ceiling,
                    xp.where(
                        tab.policy == 4,
                        xp.minimum(xp.clip(view - 1, 0, None), 1),
                        xp.where(view >= red, view, 0),
                    ),
                ),
            ),
        )
        choice = xp.minimum(scripted, ceiling)
        if tab.quantal_players:
            cols = tab.quantal_players
            state = (xp.astype(known[:, cols], itype) * n_k + prev[:, cols]) * n_k + view[:, cols]
            cdf = take_rows(xp, tab.quantal_cdf, state + tab.quantal_offset)
            picked = xp.sum(xp.astype(cdf <= u[:, cols][:, :, None], itype), axis=2)
            for j, col in enumerate(cols):
                choice = _set_column(xp, choice, col, picked[:, j])
        choice = xp.where(wake, choice, 0)
        if p.initiator >= 0:
            col = xp.asarray(np.arange(n_p) == p.initiator, device=backend.device)
            choice = xp.where(col & (t == 0), p.opening_rung, choice)
        rung = xp.where(live[:, None], choice, rung)
        # -- detection and attribution
        hostile = rung >= 1
        first_action = xp.where(hostile & (first_action < 0) & live[:, None], t, first_action)
        hostile_on = [zeros((r,), itype) for _ in range(n_n)]
        for i, target in enumerate(target_of):
            if target >= 0:
                hostile_on[target] = hostile_on[target] + xp.astype(hostile[:, i], itype)
        index = rung + tab.player_offset
        u_detect, u_attr = u[:, n_p : 2 * n_p], u[:, 2 * n_p : 3 * n_p]
        has_target = xp.asarray(np.array(target_of) >= 0, device=backend.device)
        detected = hostile & has_target & (u_detect < take(tab.detect, index)) & live[:, None]
        pending = xp.where(detected, xp.maximum(pending, rung), pending)
        pend_index = xp.clip(pending, 0, None) + tab.player_offset
        a_prob = take(tab.attribute, pend_index)
        c_prob = take(tab.correct, pend_index)
        resolved = (pending >= 1) & (u_attr < a_prob) & live[:, None] & has_target
        v = u_attr / xp.where(a_prob > 0, a_prob, 1.0)
        right = v < c_prob
        w = v / xp.where(c_prob > 0, c_prob, 1.0)
        good = resolved & right
        misattr = misattr + xp.sum(xp.astype(resolved & ~right, itype), axis=1)
        attributed = xp.where(good, pending, -1)
        seen_cols = []
        for i, target in enumerate(target_of):
            if target < 0:
                seen_cols.append(threat_from[:, i])
                continue
            overload = xp.astype(xp.clip(hostile_on[target], 1, None), f32)
            m = xp.minimum(tab.misperception[target] * overload, 0.5)
            noise = xp.where(w[:, i] < m, -1, xp.where(w[:, i] < 2 * m, 1, 0))
            seen = xp.clip(pending[:, i] + noise, 1, n_k - 1)
            accept = good[:, i] & (c_prob[:, i] >= tab.target_threshold[i])
            decay = (rung[:, i] == 0) & (pending[:, i] < 1) & live & ~resolved[:, i]
            seen_cols.append(
                xp.where(
                    accept,
                    seen,
                    xp.where(decay, xp.clip(threat_from[:, i] - 1, 0, None), threat_from[:, i]),
                )
            )
            attributed_ever[target] = attributed_ever[target] | good[:, i]
        threat_from = xp.stack(seen_cols, axis=1)
        pending = xp.where(resolved, -1, pending)
        u_false = u[:, 3 * n_p :]
        alarm = u_false < tab.false_alarm
        level_fa = xp.minimum(
            1 + xp.astype(u_false / xp.where(tab.false_alarm > 0, tab.false_alarm, 1.0) * 3, itype),
            n_k - 1,
        )
        false_threat = xp.where(
            live[:, None],
            xp.where(alarm, xp.maximum(false_threat, level_fa), xp.clip(false_threat - 1, 0, None)),
            false_threat,
        )
        # -- damage: direct effects, then cascade and recovery (dynamic IIM)
        if n_s:
            direct = zeros((r, n_s), f32)
            for i in damaging:
                direct = direct + xp.take(tab.damage_by_player[i], rung[:, i], axis=0)
            q_new = iim_step(xp, q, tab.interdependency_t, tab.recovery, direct)
            q = xp.where(live[:, None], q_new, q)
            cumulative = cumulative + xp.where(live[:, None], q, 0.0)
            damage_of = xp.matmul(q, tab.actor_weights_t)
        # -- alliances
        for g in range(len(p.trigger_alliance)):
            a = int(p.trigger_alliance[g])
            fired = zeros((r,), xp.bool)
            for i, target in enumerate(target_of):
                if target >= 0 and p.members[a, target]:
                    k_att = attributed[:, i]
                    domain_ok = take(
                        xp.asarray(p.trigger_domain[g], device=backend.device),
                        xp.clip(k_att, 0, None),
                    )
                    conf_ok = c_prob[:, i] >= float(p.trigger_confidence[g])
                    fired = fired | ((k_att >= int(p.trigger_rung[g])) & domain_ok & conf_ok)
            if np.isfinite(p.trigger_damage[g]) and n_s:
                for n in range(n_n):
                    if p.members[a, n]:
                        fired = fired | (
                            attributed_ever[n] & (damage_of[:, n] >= float(p.trigger_damage[g]))
                        )
            start = fired & (consult[:, a] < 0) & live
            consult = _set_column(xp, consult, a, xp.where(start, t, consult[:, a]))
        for a in range(n_l):
            ready = (
                (consult[:, a] >= 0)
                & (active[:, a] < 0)
                & committed[:, a]
                & (t >= consult[:, a] + float(p.delay[a]))
                & live
            )
            active = _set_column(xp, active, a, xp.where(ready, t, active[:, a]))
        # -- records and termination
        level = xp.max(rung, axis=1)
        reached = (k_range <= level[:, None]) & (first < 0) & live[:, None]
        first = xp.where(reached, t, first)
        if not eager or bool(xp.any(reached)):  # eager backends skip the work when idle
            # the lowest-numbered player at or above each rung (int8: a quarter of the traffic)
            rung8 = xp.astype(rung, xp.int8)
            leader = full((r, n_k), -1, xp.int8)
            for i in reversed(range(n_p)):
                leader = xp.where(
                    rung8[:, i : i + 1] >= tab.rungs8, xp.asarray(i, dtype=xp.int8), leader
                )
            who = xp.where(reached, xp.astype(leader, itype), who)
        pair = xp.where(live, prev_level * n_k + level, n_k * n_k)
        transitions = transitions + backend.bincount(pair, n_k * n_k + 1)
        prev_level = xp.where(live, level, prev_level)
        streak = xp.where(level == 0, streak + 1, 0)
        prev = xp.where(live[:, None], rung, prev)
        stopped = live & (level >= p.stop_rung)
        settled = live & ~stopped & (streak >= p.settle_steps)
        outcome = xp.where(stopped, OUTCOME_CODES["stopped"], outcome)
        outcome = xp.where(settled, OUTCOME_CODES["settled"], outcome)
        end = xp.where(stopped | settled, t, end)
        live = live & ~(stopped | settled)

        # fmt: off
        values = (rung, prev, pending, threat_from, false_threat, q, cumulative, consult,
                  active, attributed_ever, first, who, first_action, misattr, streak, prev_level,
                  outcome, end, live, transitions, known, committed)
        # fmt: on
        return dict(zip(STATE_FIELDS, values, strict=True))


def simulate_chunk(p: Params, n_runs: int, stream: Any, backend: Backend) -> ChunkResult:
    """Simulate ``n_runs`` crises with uniforms from ``stream(shape)`` on ``backend``."""
    n_p, n_k, n_n = p.n_players, p.n_rungs, len(p.actor_ids)
    if backend.scan is not None:  # a fusing backend runs the whole loop itself
        state = backend.scan(_Step(p, backend, n_runs, eager=False), stream, p.horizon)
    else:
        step = _Step(p, backend, n_runs, eager=True)
        state = step.initial(stream((n_runs, n_p + len(p.alliance_ids))))
        for t in range(p.horizon):
            state = step(state, stream((n_runs, 3 * n_p + n_n)), t)
            if t % 8 == 7 and not bool(backend.xp.any(state["live"])):
                break
    out = backend.to_numpy
    first_np = out(state["first"])
    return ChunkResult(
        outcome=out(state["outcome"]),
        end_step=out(state["end"]),
        max_rung=np.max(np.where(first_np >= 0, np.arange(n_k), 0), axis=1),
        first_step=first_np,
        first_player=out(state["who"]),
        first_action=out(state["first_action"]),
        consultation=out(state["consult"]),
        activation=out(state["active"]),
        misattributions=out(state["misattr"]),
        damage=out(state["cumulative"]),
        transitions=out(state["transitions"])[: n_k * n_k].astype(np.int64).reshape(n_k, n_k),
        # a run is live from step 0 through its end step
        run_steps=int((out(state["end"]).astype(np.int64) + 1).sum()),
    )


def take_rows(xp: Any, table: Any, index: Any) -> Any:
    """``table[index]`` for a 2-d table and an (R, P) index: shape (R, P, S)."""
    flat = xp.reshape(index, (-1,))
    rows = xp.take(table, flat, axis=0)
    return xp.reshape(rows, (index.shape[0], index.shape[1], table.shape[1]))


def _set_column(xp: Any, array: Any, column: int, values: Any) -> Any:
    """A copy of ``array`` with one column replaced (functional, for every backend)."""
    mask = xp.asarray(np.arange(array.shape[1]) == column)
    return xp.where(mask, values[:, None], array)
