"""Ensembles: many crises in chunks of bounded memory, summarised as they stream.

Chunk ``i`` of an ensemble always uses child ``i`` of the run's seed record
(:meth:`SeedRecord.spawn`), so the same seed, backend and chunk size give identical
results, and two scenario variants run with the same seed share their random numbers
chunk by chunk (common random numbers).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from bastion.compute import Executor, SeedLike, SeedRecord, get_executor, resolve_seed
from bastion.compute.executors import LocalExecutor
from bastion.errors import ParameterError
from bastion.escalation.backends import get_backend
from bastion.escalation.kernel import ChunkResult, simulate_chunk
from bastion.escalation.params import Params, compile_params
from bastion.escalation.summary import EnsembleSummary
from bastion.scenario import Scenario

__all__ = ["DEFAULT_CHUNK", "EnsembleResult", "iter_chunks", "records_table", "run_ensemble"]

DEFAULT_CHUNK = 65_536


@dataclass
class EnsembleResult:
    """A finished ensemble: its summary and how it was produced."""

    summary: EnsembleSummary
    seed: SeedRecord
    backend: str
    chunk_size: int
    elapsed: float
    executor: str = "local"

    @property
    def run_steps_per_second(self) -> float:
        """Simulated run-steps per second of wall time."""
        return self.summary.run_steps / self.elapsed if self.elapsed > 0 else float("nan")

    def to_dict(self) -> dict[str, Any]:
        """JSON summary with the provenance of the numbers."""
        return {
            "runs": self.summary.runs,
            "seed": self.seed.to_dict(),
            "backend": self.backend,
            "chunk_size": self.chunk_size,
            "executor": self.executor,
            "elapsed_s": self.elapsed,
            "run_steps_per_second": self.run_steps_per_second,
            **{k: v for k, v in self.summary.to_dict().items() if k != "runs"},
        }


def _check(runs: int, chunk_size: int) -> None:
    if isinstance(runs, bool) or not isinstance(runs, int) or runs < 1:
        raise ParameterError(f"runs must be a positive integer; got {runs!r}")
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1:
        raise ParameterError(f"chunk_size must be a positive integer; got {chunk_size!r}")


@dataclass(frozen=True)
class ChunkTask:
    """One chunk of an ensemble: everything a worker needs (picklable)."""

    params: Params
    size: int
    seed: SeedRecord
    backend: str

    def __call__(self) -> ChunkResult:
        engine = get_backend(self.backend)
        return simulate_chunk(self.params, self.size, engine.make_stream(self.seed), engine)


def _run_task(task: ChunkTask) -> ChunkResult:
    return task()


def iter_chunks(
    params: Params,
    runs: int,
    seed: SeedRecord,
    backend: str,
    chunk_size: int,
    executor: Executor | None = None,
) -> Iterator[ChunkResult]:
    """Simulate ``runs`` crises chunk by chunk (chunk ``i`` from ``seed.spawn(...)[i]``).

    Chunks are yielded in order whatever the executor, so results are identical across
    executors for the same seed, backend and chunk size.
    """
    _check(runs, chunk_size)
    get_backend(backend)  # fail early, in the caller, if the backend is missing
    n_chunks = -(-runs // chunk_size)
    tasks = (
        ChunkTask(params, min(chunk_size, runs - i * chunk_size), child, backend)
        for i, child in enumerate(seed.spawn(n_chunks))
    )
    yield from (executor or LocalExecutor()).map(_run_task, tasks)


def records_table(params: Params, chunk: ChunkResult, offset: int) -> dict[str, Any]:
    """Per-run records of a chunk as table columns."""
    columns: dict[str, Any] = {
        "run": np.arange(offset, offset + len(chunk.outcome)),
        "outcome": np.array(["horizon", "settled", "stopped"])[chunk.outcome],
        "end_step": chunk.end_step,
        "max_rung": np.array(params.rung_ids)[chunk.max_rung],
        "misattributions": chunk.misattributions,
    }
    for name, rung in zip(params.threshold_names, params.threshold_rung, strict=True):
        columns[f"first_step_{name}"] = chunk.first_step[:, rung]
        who = chunk.first_player[:, rung]
        columns[f"first_actor_{name}"] = np.array([*params.player_ids, ""])[who]
    for k, rung_id in enumerate(params.rung_ids):
        columns[f"first_step_rung_{rung_id}"] = chunk.first_step[:, k]
    for i, player in enumerate(params.player_ids):
        columns[f"first_action_step_{player}"] = chunk.first_action[:, i]
    for a, alliance in enumerate(params.alliance_ids):
        columns[f"consultation_step_{alliance}"] = chunk.consultation[:, a]
        columns[f"activation_step_{alliance}"] = chunk.activation[:, a]
    for s, sector in enumerate(params.sector_ids):
        columns[f"damage_{sector}"] = chunk.damage[:, s]
    # sector-weighted damage of each actor that owns sectors (inoperability-steps)
    by_actor = chunk.damage @ params.actor_weights.T
    for n, actor in enumerate(params.actor_ids):
        if params.actor_weights[n].any():
            columns[f"damage_actor_{actor}"] = by_actor[:, n]
    return columns


def run_ensemble(
    scenario: Scenario,
    runs: int,
    *,
    seed: SeedLike = None,
    backend: str = "numpy",
    chunk_size: int = DEFAULT_CHUNK,
    on_chunk: Callable[[ChunkResult, int], None] | None = None,
    executor: str | Executor = "local",
    workers: int | None = None,
    scheduler: str | None = None,
) -> EnsembleResult:
    """Simulate ``runs`` crises of ``scenario`` and summarise them.

    Parameters
    ----------
    scenario
        The scenario (apply a lever first with :meth:`Scenario.with_lever`).
    runs
        Number of simulated crises, >= 1.
    seed
        int, None or Generator (see :func:`bastion.resolve_seed`); recorded in the result.
    backend
        ``numpy`` (default), ``jax`` (fused with ``jax.jit`` and ``lax.scan``), ``torch``
        or ``cupy``.
    chunk_size
        Runs simulated together; memory grows linearly with it (about 1 kB per run).
    on_chunk
        Called with each chunk and the index of its first run (e.g. to store records).
    executor, workers, scheduler
        Where chunks run: ``local`` (default), ``threads`` (``workers`` threads) or
        ``dask`` (``scheduler`` address, or a LocalCluster of ``workers`` processes);
        see :mod:`bastion.compute.executors`. Results do not depend on it.

    Returns
    -------
    EnsembleResult
    """
    record = resolve_seed(seed)
    params = compile_params(scenario)
    summary = EnsembleSummary(params)
    start = time.perf_counter()
    offset = 0
    pool = get_executor(executor, workers=workers, scheduler=scheduler)
    for chunk in iter_chunks(params, runs, record, backend, chunk_size, pool):
        summary.update(chunk)
        if on_chunk is not None:
            on_chunk(chunk, offset)
        offset += len(chunk.outcome)
    return EnsembleResult(
        summary, record, backend, chunk_size, time.perf_counter() - start, pool.name
    )
