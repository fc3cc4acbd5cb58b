"""Infrastructure interdependency: the inoperability input-output model (IIM).

Inoperability ``q`` in [0, 1] per sector is the share of a sector's capacity lost.
``A[i, j]`` is how much a unit of inoperability in sector ``j`` adds to sector ``i``.

Static IIM (Haimes & Jiang 2001; Santos & Haimes 2004): ``q = A q + c``, so
``q = (I - A)^-1 c`` for a perturbation ``c``.

Dynamic IIM (Lian & Haimes 2006): ``q(t+1) = q(t) + K (A q(t) + c(t) - q(t))`` with ``K``
the diagonal of sector resilience (recovery) coefficients. Bastion also offers the
``direct`` form used by its escalation engine, in which an attack's damage ``d(t)`` is added
to inoperability at once rather than through ``K``:
``q(t+1) = q(t) + K (A q(t) - q(t)) + d(t)``; both are clipped to [0, 1].

References
----------
Haimes, Y. Y. & Jiang, P. (2001). Leontief-based model of risk in complex interconnected
infrastructures. *Journal of Infrastructure Systems* 7(1), 1-12.
Santos, J. R. & Haimes, Y. Y. (2004). Modeling the demand reduction input-output (I-O)
inoperability due to terrorism of interconnected infrastructures. *Risk Analysis* 24(6),
1437-1451.
Lian, C. & Haimes, Y. Y. (2006). Managing the risk of terrorism to interdependent
infrastructure systems through the dynamic inoperability input-output model. *Systems
Engineering* 9(3), 241-258.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from bastion.errors import ParameterError

__all__ = [
    "check_interdependency",
    "dynamic_inoperability",
    "iim_step",
    "scenario_cascade",
    "static_inoperability",
]

Array = np.ndarray[Any, Any]


def check_interdependency(a: Any) -> Array:
    """``a`` as a float matrix, checked: square, non-negative, spectral radius below 1."""
    matrix = np.asarray(a, dtype=float)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ParameterError(f"the interdependency matrix must be square; got shape {matrix.shape}")
    if (matrix < 0).any() or not np.isfinite(matrix).all():
        raise ParameterError("interdependency coefficients must be finite and non-negative")
    radius = max(abs(np.linalg.eigvals(matrix))) if matrix.size else 0.0
    if radius >= 1:
        raise ParameterError(
            f"the interdependency matrix has spectral radius {radius:.3g} >= 1: outages would "
            "amplify without bound (I - A is not invertible with a non-negative inverse); "
            "lower the depends_on coefficients"
        )
    return matrix


def static_inoperability(a: Any, perturbation: Any) -> Array:
    """Equilibrium inoperability ``(I - A)^-1 c``, clipped to [0, 1]."""
    matrix = check_interdependency(a)
    c = np.asarray(perturbation, dtype=float)
    q = np.linalg.solve(np.eye(len(matrix)) - matrix, c)
    return np.asarray(np.clip(q, 0.0, 1.0))


def iim_step(
    xp: Any,
    q: Any,
    a_transposed: Any,
    k: Any,
    perturbation: Any,
    *,
    form: Literal["direct", "demand"] = "direct",
) -> Any:
    """One step of the dynamic IIM for a batch ``q`` of shape (runs, sectors).

    Written against the array API (``xp``) so that the escalation kernel's backends use
    the same code; ``a_transposed`` is ``A.T`` (so that ``q @ A.T`` is ``A q`` row-wise).
    """
    spill = xp.matmul(q, a_transposed)
    if form == "demand":
        return xp.clip(q + k * (spill + perturbation - q), 0.0, 1.0)
    return xp.clip(q + k * (spill - q) + perturbation, 0.0, 1.0)


def dynamic_inoperability(
    a: Any,
    recovery: Any,
    perturbation: Any,
    steps: int,
    *,
    initial: Any = None,
    form: Literal["direct", "demand"] = "direct",
) -> Array:
    """Inoperability over ``steps`` steps; returns an array of shape (steps + 1, sectors).

    ``perturbation`` is one vector applied every step, or a (steps, sectors) array; row 0
    of the result is the initial state (zeros unless ``initial`` is given).
    """
    matrix = check_interdependency(a)
    n = len(matrix)
    k = np.asarray(recovery, dtype=float)
    if k.shape != (n,) or (k < 0).any() or (k > 1).any():
        raise ParameterError(f"recovery must be {n} rates in [0, 1]; got {k.tolist()}")
    c = np.asarray(perturbation, dtype=float)
    c = np.broadcast_to(c, (steps, n)) if c.ndim == 1 else c
    if c.shape != (steps, n):
        raise ParameterError(
            f"perturbation must have shape ({n},) or ({steps}, {n}); got {c.shape}"
        )
    q = np.zeros(n) if initial is None else np.asarray(initial, dtype=float)
    path = [q]
    for t in range(steps):
        q = iim_step(np, q[None, :], matrix.T, k, c[t][None, :], form=form)[0]
        path.append(q)
    return np.asarray(path)


def scenario_cascade(scenario: Any, shock: dict[str, float], steps: int) -> tuple[list[str], Array]:
    """Cascade of a one-off ``shock`` (sector id -> inoperability) through a scenario's sectors.

    The shocked sectors start at the given inoperability; the dynamic IIM then spreads it
    along ``depends_on`` and recovers each sector at its ``recovery_rate``. Returns the
    sector ids and the (steps + 1, sectors) inoperability path.
    """
    ids = [s.id for s in scenario.sectors]
    if not ids:
        raise ParameterError(f"scenario {scenario.name!r} defines no sectors")
    if steps < 1:
        raise ParameterError(f"steps must be at least 1; got {steps}")
    initial = np.zeros(len(ids))
    for sector, value in shock.items():
        if sector not in ids:
            raise ParameterError(
                f"unknown sector {sector!r} in the shock; sectors: {', '.join(ids)}"
            )
        if not 0 <= value <= 1:
            raise ParameterError(
                f"shock of {sector!r} must be an inoperability in [0, 1]; got {value}"
            )
        initial[ids.index(sector)] = value
    a = np.zeros((len(ids), len(ids)))
    for i, sector in enumerate(scenario.sectors):
        for other, coefficient in sector.depends_on.items():
            a[i, ids.index(other)] = coefficient
    recovery = [s.recovery_rate for s in scenario.sectors]
    path = dynamic_inoperability(a, recovery, np.zeros(len(ids)), steps, initial=initial)
    return ids, path
