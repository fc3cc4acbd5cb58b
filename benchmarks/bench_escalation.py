"""Escalation kernel benchmark: NumPy kernel vs the scalar reference, memory floor, RAM.

Prints, for the example scenario (examples/northmarch.yaml):

- run-steps per second of the scalar reference (plain Python, one run at a time) and of
  the array-API kernel on each available backend, and their ratio, measured in one run;
- the kernel's memory-bandwidth floor: the bytes of state a run-step must at least read
  and write once (plus its uniform random numbers), divided into the copy bandwidth
  measured on this machine in the same run, and how far the kernel is from it;
- peak traced memory of an ensemble at two sizes with the same chunk size (bounded
  memory: it must not grow with the number of runs).

Run: ``python benchmarks/bench_escalation.py [--runs N] [--backends numpy,torch]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import time
import tracemalloc
from importlib.util import find_spec

import numpy as np

from bastion import example_path, load_scenario, resolve_seed
from bastion.escalation import compile_params, get_backend, run_ensemble, simulate_reference
from bastion.escalation.kernel import simulate_chunk
from bastion.escalation.params import Params


def reference_speed(p: Params, runs: int) -> float:
    rng = random.Random(0)
    start = time.perf_counter()
    steps = sum(simulate_reference(p, rng).end_step + 1 for _ in range(runs))
    return steps / (time.perf_counter() - start)


def kernel_speed(p: Params, runs: int, backend: str) -> float:
    engine = get_backend(backend)
    simulate_chunk(p, runs, engine.make_stream(resolve_seed(1)), engine)  # warm-up (and JIT)
    best = 0.0
    for seed in range(3):
        start = time.perf_counter()
        chunk = simulate_chunk(p, runs, engine.make_stream(resolve_seed(seed)), engine)
        best = max(best, chunk.run_steps / (time.perf_counter() - start))
    return best


def state_bytes(p: Params) -> int:
    """Bytes of per-run state a step reads and writes, and its random numbers."""
    n_p, n_k, n_n = p.n_players, p.n_rungs, len(p.actor_ids)
    n_s, n_l = len(p.sector_ids), len(p.alliance_ids)
    ints = 4 * n_p + n_n + 2 * n_k + 2 * n_l + 5  # int32 state arrays per run
    floats = 2 * n_s  # float32 damage state
    state = 4 * ints + 4 * floats + n_n  # + attributed_ever (bool)
    randoms = 4 * (3 * n_p + n_n)
    return 2 * state + 2 * randoms  # each read once and written once


def copy_bandwidth() -> float:
    a = np.ones(50_000_000, dtype=np.float32)
    b = np.empty_like(a)
    best = 0.0
    for _ in range(5):
        start = time.perf_counter()
        np.copyto(b, a)
        best = max(best, 2 * a.nbytes / (time.perf_counter() - start))
    return best


def peak_memory(scenario: object, runs: int, chunk: int) -> float:
    tracemalloc.start()
    run_ensemble(scenario, runs, seed=1, chunk_size=chunk)  # type: ignore[arg-type]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=65_536)
    parser.add_argument("--reference-runs", type=int, default=1_000)
    available = [b for b in ("numpy", "jax", "torch", "cupy") if b == "numpy" or find_spec(b)]
    parser.add_argument("--backends", default=",".join(available))
    args = parser.parse_args()
    scenario = load_scenario(example_path())
    p = compile_params(scenario)
    ref = reference_speed(p, args.reference_runs)
    bandwidth = copy_bandwidth()
    floor = bandwidth / state_bytes(p)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, NumPy {np.__version__}"
    )
    print(
        f"scenario: {p.n_players} players, {p.n_rungs} rungs, {len(p.sector_ids)} sectors, "
        f"{len(p.alliance_ids)} alliance(s), horizon {p.horizon}"
    )
    print(
        f"copy bandwidth {bandwidth / 1e9:.1f} GB/s; state traffic {state_bytes(p)} B/run-step;"
        f" memory-bandwidth floor {floor:.3g} run-steps/s"
    )
    print(f"{'implementation':<34}{'run-steps/s':>14}{'x reference':>13}{'% of floor':>12}")
    print(f"{'scalar reference':<34}{ref:>14.3g}{1.0:>13.1f}{100 * ref / floor:>11.2f}%")
    for backend in args.backends.split(","):
        speed = kernel_speed(p, args.runs, backend)
        label = f"kernel ({backend}, {args.runs} runs)"
        print(f"{label:<34}{speed:>14.3g}{speed / ref:>13.1f}{100 * speed / floor:>11.2f}%")
    for executor in ("local", "threads"):
        result = run_ensemble(scenario, 4 * args.runs, seed=1, executor=executor)
        speed = result.run_steps_per_second
        label = f"ensemble ({executor}, {4 * args.runs} runs)"
        print(f"{label:<34}{speed:>14.3g}{speed / ref:>13.1f}{100 * speed / floor:>11.2f}%")
    small, large = peak_memory(scenario, 65_536, 16_384), peak_memory(scenario, 262_144, 16_384)
    print(
        f"peak traced memory, chunk 16384: {small:.0f} MB for 65,536 runs, "
        f"{large:.0f} MB for 262,144 runs"
    )


if __name__ == "__main__":
    main()
