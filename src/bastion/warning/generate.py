"""A generator of fictional event data in the ACLED export layout, for demos and tests.

Bastion's own: each country's monthly event count follows a Poisson INGARCH(1, 1) — a
discrete self-exciting process (``lambda_t = omega + a y_t-1 + b lambda_t-1``) — so violence
clusters in time as real conflict data does; events get a day in the month, a place near the
country's centre, an event and sub-event type, two of a handful of fictional actors and
negative-binomial fatalities. Written in ACLED's current 31-column layout so that the demo
goes through the real import. The events are fictional; the countries are real places.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

import numpy as np

__all__ = ["CENTRES", "HEADER", "write_events"]

CENTRES = {
    "KEN": ("Kenya", 404, 0.2, 37.9), "ETH": ("Ethiopia", 231, 9.1, 40.5),
    "SOM": ("Somalia", 706, 5.2, 46.2), "SDN": ("Sudan", 729, 15.5, 30.2),
    "SSD": ("South Sudan", 728, 7.0, 30.5),
    "COD": ("Democratic Republic of Congo", 180, -2.9, 23.6),
    "CAF": ("Central African Republic", 140, 6.6, 20.9), "NGA": ("Nigeria", 566, 9.1, 8.7),
    "MLI": ("Mali", 466, 17.6, -4.0), "BFA": ("Burkina Faso", 854, 12.2, -1.6),
}  # fmt: skip
TYPES = (
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
)
HEADER = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


def write_events(
    path: str | Path,
    *,
    countries: Mapping[str, tuple[str, int, float, float]] = CENTRES,
    start: tuple[int, int] = (2021, 1),
    months: int = 36,
    seed: int = 0,
) -> int:
    """Write the fictional events to ``path``; returns how many were written."""
    rng = np.random.default_rng(seed)
    rows: list[dict[str, object]] = []
    for iso3, (country, numeric, lat, lon) in countries.items():
        omega, a, b = rng.gamma(1.5, 2.0), 0.35, 0.45
        lam = omega / (1 - a - b)
        y = rng.poisson(lam)
        for m in range(months):
            lam = omega + a * y + b * lam
            y = int(rng.poisson(lam))
            year, month = start[0] + (start[1] - 1 + m) // 12, (start[1] - 1 + m) % 12 + 1
            for k in range(y):
                kind, sub = TYPES[int(rng.integers(0, len(TYPES)))]
                deadly = kind not in ("Protests", "Riots")
                rows.append(
                    {
                        "event_id_cnty": f"{iso3}{len(rows) + 1}",
                        "event_date": f"{year}-{month:02d}-{int(rng.integers(1, 29)):02d}",
                        "year": year,
                        "time_precision": 1,
                        "disorder_type": "Political violence",
                        "event_type": kind,
                        "sub_event_type": sub,
                        "actor1": f"Armed group {chr(65 + int(rng.integers(0, 4)))} ({country})",
                        "actor2": f"Security forces of {country}" if deadly else "",
                        "interaction": "State forces-Rebel group" if deadly else "Protesters only",
                        "iso": numeric,
                        "country": country,
                        "admin1": f"Region {k % 4 + 1}",
                        "location": "fictional place",
                        "latitude": round(lat + rng.normal(0, 1.2), 4),
                        "longitude": round(lon + rng.normal(0, 1.2), 4),
                        "geo_precision": 1,
                        "source": "Bastion generator (fictional)",
                        "fatalities": int(rng.negative_binomial(0.6, 0.12)) if deadly else 0,
                    }
                )
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, HEADER, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return len(rows)
