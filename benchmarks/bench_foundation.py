"""Foundation benchmarks: scenario validation and result storage.

Prints a table of our time against a reference measured in the same run:

- validation of a generated scenario (positions kept, every check run) against parsing
  alone: ``yaml.safe_load`` (pure Python) and ``yaml.load(..., CSafeLoader)`` (libyaml,
  which Bastion's loader builds on);
- writing a 10-million-row result table into the workspace (staged Parquet, atomic
  completion, catalogue transaction) against ``numpy.save`` of the same columns.

Run: ``python benchmarks/bench_foundation.py``.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import yaml

from bastion import Workspace, parse_scenario


def generated_scenario(n_actors: int, sectors_per_actor: int) -> str:
    lines = ["schema_version: 1", "name: generated", "actors:"]
    for i in range(n_actors):
        lines.append(f"  - {{id: A{i}, name: Actor {i}, kind: state, resolve: 0.5}}")
    lines.append("sectors:")
    for i in range(n_actors):
        for j in range(sectors_per_actor):
            dep = f"S{i}_{(j + 1) % sectors_per_actor}"
            lines.append(
                f"  - {{id: S{i}_{j}, name: s, kind: energy, actor: A{i}, exposure: 0.5, "
                f"vulnerability: 0.5, recovery_rate: 0.1, depends_on: {{{dep}: 0.2}}}}"
            )
    lines.append("suppliers:")
    for i in range(n_actors):
        for k in range(2):
            lines.append(
                f"  - {{id: P{i}_{k}, category: energy, customer: A{i}, "
                f"supplier: A{(i + k + 1) % n_actors}, share: 0.5, reliability: 0.9}}"
            )
    return "\n".join(lines) + "\n"


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    text = generated_scenario(500, 8)
    records = text.count("\n  - ")
    ours = best_of(lambda: parse_scenario(text))
    ref = best_of(lambda: yaml.safe_load(text))
    ref_c = best_of(lambda: yaml.load(text, Loader=yaml.CSafeLoader))

    n = 10_000_000
    rng = np.random.default_rng(0)
    columns = {
        "run": np.arange(n, dtype=np.int64),
        "max_rung": rng.integers(0, 11, n),
        "damage": rng.random(n),
    }
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp) / "ws")

        def store() -> None:
            with ws.run("bench") as run:
                run.write_table("records", columns)

        def raw() -> None:
            for name, col in columns.items():
                np.save(Path(tmp) / f"{name}.npy", col)

        store_t, raw_t = best_of(store), best_of(raw)
        size = sum(p.stat().st_size for p in (Path(tmp) / "ws" / "results").rglob("*.parquet"))
        size /= len(ws.runs())

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"{'benchmark':<52}{'ours (s)':>10}{'reference (s)':>15}{'ratio':>8}")
    label = f"validate scenario ({records} records)"
    print(f"{label + ' vs yaml.safe_load':<52}{ours:>10.3f}{ref:>15.3f}{ours / ref:>8.2f}")
    print(f"{label + ' vs libyaml load':<52}{ours:>10.3f}{ref_c:>15.3f}{ours / ref_c:>8.2f}")
    print(
        f"{'store 10M-row table (3 cols)':<52}{store_t:>10.3f}{raw_t:>15.3f}{store_t / raw_t:>8.2f}"
    )
    raw_bytes = sum(c.nbytes for c in columns.values())
    print(f"parquet size: {size / 1e6:.1f} MB vs raw {raw_bytes / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
