"""Warning engine benchmark: importing a million events, indicators, and a forecast of
191 countries x 14 months x 1,000 draws.

Import: a generated ACLED-format CSV (current 31-column layout; fictional events over 191
countries and 10 years, 0.1 % of rows broken on purpose so the quarantine path runs) goes
through Bastion's full import — parse, normalise, validate, quarantine, key, store — timed
against pandas.read_csv of the same file (parsing only: a floor, not an equivalent). Then
country-month indicators over the store, and the recommended ensemble fitted on a generated
191-country, 36-month panel and sampled 1,000 times for 14 months ahead.

Run: ``python benchmarks/bench_warning.py [--events 1000000]``.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from pathlib import Path

import numpy as np

from bastion.warning.challenge import RECOMMENDED, default_models
from bastion.warning.forecast import forecast
from bastion.warning.generate import HEADER
from bastion.warning.indicators import unit_months
from bastion.warning.panel import Panel
from bastion.warning.store import EventStore

TYPES = ["Battles", "Explosions/Remote violence", "Protests", "Riots", "Violence against civilians"]
SUBS = [
    "Armed clash",
    "Shelling/artillery/missile attack",
    "Peaceful protest",
    "Mob violence",
    "Attack",
]


def generate(path: Path, n: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    day = rng.integers(0, 3650, n)
    dates = (np.datetime64("2014-01-01") + day.astype("timedelta64[D]")).astype(str)
    kind = rng.integers(0, 5, n)
    country = rng.integers(0, 191, n)
    lat = np.round(rng.uniform(-40, 60, n), 4)
    lon = np.round(rng.uniform(-100, 140, n), 4)
    deaths = rng.negative_binomial(0.3, 0.1, n)
    broken = rng.random(n) < 0.001
    deaths_text = np.where(broken, "-1", deaths.astype(str))
    actors = rng.integers(0, 2000, (n, 2))
    with path.open("w") as handle:
        handle.write(",".join(HEADER) + "\n")
        for chunk in np.array_split(np.arange(n), 50):
            lines = [
                f"E{i},{dates[i]},{dates[i][:4]},1,Political violence,{TYPES[kind[i]]},"
                f"{SUBS[kind[i]]},Group {actors[i, 0]},,2,Group {actors[i, 1]},,3,23,,"
                f"{4 + country[i]},Region,Country {country[i]},Adm {country[i]},,,Place,"
                f"{lat[i]},{lon[i]},1,generated,National,,{deaths_text[i]},,1600000000\n"
                for i in chunk.tolist()
            ]
            handle.write("".join(lines))


def synthetic_panel(units: int = 191, months: int = 36, seed: int = 2) -> Panel:
    rng = np.random.default_rng(seed)
    level = rng.gamma(0.3, 30, units)
    values = rng.negative_binomial(0.5, 0.5 / (0.5 + level[:, None] * np.ones(months)))
    return Panel(np.arange(units), np.arange(455, 455 + months), values.astype(float))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=1_000_000)
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "events.csv"
        generate(path, args.events)
        size = path.stat().st_size / 2**20
        store = EventStore(Path(tmp) / "ws")
        start = time.perf_counter()
        summary = store.import_file(path)
        ours = time.perf_counter() - start
        import pandas as pd

        start = time.perf_counter()
        pd.read_csv(path)
        theirs = time.perf_counter() - start
        start = time.perf_counter()
        with store.connect(read_only=True) as con:
            table = unit_months(con, "country")
        indicators = time.perf_counter() - start
        again = time.perf_counter()
        store.import_file(path)
        reimport = time.perf_counter() - again
    panel = synthetic_panel()
    model = default_models()[RECOMMENDED]()
    start = time.perf_counter()
    result = forecast(panel, model, horizon=14, draws=1000)
    forecast_s = time.perf_counter() - start
    print(
        f"{args.events} generated ACLED-format events ({size:.0f} MiB CSV): "
        f"{summary['imported']} imported, {summary['quarantined']} quarantined"
    )
    print(f"{'step':<52}{'seconds':>9}")
    print(f"{'import (parse, normalise, validate, store)':<52}{ours:>9.2f}")
    print(f"{'  pandas.read_csv of the same file (parse only)':<52}{theirs:>9.2f}")
    print(f"{'re-import of the same file (nothing new)':<52}{reimport:>9.2f}")
    print(
        f"{'country-month indicators (' + str(len(table['unit'])) + ' rows)':<52}{indicators:>9.2f}"
    )
    shape = "x".join(map(str, result["samples"].shape))
    print(f"{'forecast, ' + RECOMMENDED + ', ' + shape + ' samples':<52}{forecast_s:>9.2f}")
    print(f"import vs pandas parse only: {theirs / ours:.2f}x the speed")


if __name__ == "__main__":
    main()
