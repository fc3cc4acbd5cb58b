"""Reading the ViEWS 2023/24 prediction challenge files (country-month level).

The folder holds actuals per year (``cm_actuals_YYYY.parquet``: ``month_id``,
``country_id``, ``ged_sb``), the challenge's benchmark forecasts as samples
(``bm_cm_*_expanded_YYYY.parquet``: ``month_id``, ``country_id``, ``draw``, ``outcome``),
features up to October of each year (``cm_features_to_octYYYY.parquet``, with ``ged_sb``),
a merged history (``cm_ged_sb_*_combined.csv``) and ``country_list.csv``. The history panel
is the union of every file that has ``ged_sb``; two files that disagree on a country-month
(beyond rounding: the files differ in the 16th digit) are an error naming both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bastion.errors import DataFormatError, Issue

if TYPE_CHECKING:
    from bastion.warning.panel import Panel

__all__ = ["BENCHMARKS", "ChallengeData", "read_challenge"]

BENCHMARKS = {
    "benchmark_last_poisson": "bm_cm_last_historical_poisson_expanded",
    "benchmark_bootstrap": "bm_cm_bootstrap_expanded",
}


def _query(path: Path, columns: list[str], extra: str = "") -> dict[str, np.ndarray[Any, Any]]:
    import duckdb

    if not path.exists():
        raise DataFormatError(Issue("file not found", file=str(path)))
    reader = "read_parquet" if path.suffix == ".parquet" else "read_csv"
    con = duckdb.connect()
    try:
        found = [
            r[0] for r in con.execute(f"describe select * from {reader}(?)", [str(path)]).fetchall()
        ]
        missing = [c for c in columns if c not in found]
        if missing:
            raise DataFormatError(
                Issue(
                    f"missing column(s) {', '.join(missing)}; expected {', '.join(columns)} "
                    f"(found: {', '.join(found)})",
                    file=str(path),
                )
            )
        select = ", ".join(f'"{c}"' for c in columns)
        return dict(
            con.execute(f"select {select} from {reader}(?) {extra}", [str(path)]).fetchnumpy()
        )
    finally:
        con.close()


@dataclass(frozen=True)
class ChallengeData:
    """The challenge folder, read: the ``ged_sb`` history panel and country names."""

    folder: Path
    history: Panel
    countries: dict[int, str]

    def gleditsch_ward(self) -> dict[int, int]:
        """ViEWS country id -> Gleditsch-Ward code, from the features files (empty if none).

        This links the event store's country units (which carry G-W codes) to ViEWS ids.
        """
        out: dict[int, int] = {}
        for path in sorted(self.folder.glob("cm_features_to_oct*.parquet")):
            data = _query(path, ["country_id", "gleditsch_ward"])
            for c, g in zip(
                data["country_id"].tolist(), data["gleditsch_ward"].tolist(), strict=True
            ):
                if g == g:  # not NaN
                    out[int(c)] = int(g)
        return out

    def actuals(self, year: int) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        """``(keys, ged_sb)`` of ``year``; keys are (month_id, country_id) rows, sorted."""
        path = self.folder / f"cm_actuals_{year}.parquet"
        data = _query(path, ["month_id", "country_id", "ged_sb"], "order by month_id, country_id")
        self._check_values(path, data["ged_sb"])
        return np.c_[data["month_id"], data["country_id"]], data["ged_sb"].astype(float)

    def benchmark(self, name: str, year: int) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
        """``(keys, draws)`` of one of the challenge's benchmark forecasts for ``year``."""
        path = self.folder / f"{BENCHMARKS[name]}_{year}.parquet"
        data = _query(
            path,
            ["month_id", "country_id", "draw", "outcome"],
            "order by month_id, country_id, draw",
        )
        keys = np.c_[data["month_id"], data["country_id"]]
        n = np.unique(data["draw"]).size
        if keys.shape[0] % n or not (keys[::n].repeat(n, axis=0) == keys).all():
            raise DataFormatError(
                Issue(f"expected the same {n} draws for every country-month", file=str(path))
            )
        return keys[::n], data["outcome"].reshape(-1, n).astype(float)

    @staticmethod
    def _check_values(path: Path, values: np.ndarray[Any, Any]) -> None:
        bad = np.flatnonzero(~(values >= 0))
        if bad.size:
            raise DataFormatError(
                Issue(
                    f"{bad.size} negative or missing fatality count(s); expected counts >= 0",
                    file=str(path),
                    path=f"row {int(bad[0]) + 1}, column 'ged_sb'",
                    value=repr(values[bad[0]]),
                )
            )


def read_challenge(folder: str | Path) -> ChallengeData:
    """Read the challenge folder (see the module docstring)."""
    from bastion.warning.panel import Panel

    folder = Path(folder)
    if not folder.is_dir():
        raise DataFormatError(
            Issue("not a folder; expected the challenge's data folder", file=str(folder))
        )
    sources = (
        sorted(folder.glob("cm_ged_sb_*combined.csv"))
        + sorted(folder.glob("cm_features_to_oct*.parquet"))
        + sorted(folder.glob("cm_actuals_*.parquet"))
    )
    if not sources:
        raise DataFormatError(
            Issue(
                "no history found; expected cm_ged_sb_*_combined.csv, "
                "cm_features_to_octYYYY.parquet or cm_actuals_YYYY.parquet files",
                file=str(folder),
            )
        )
    cells: dict[tuple[int, int], tuple[float, str]] = {}
    for path in sources:
        data = _query(path, ["month_id", "country_id", "ged_sb"])
        ChallengeData._check_values(path, data["ged_sb"])
        for m, c, v in zip(
            data["month_id"].tolist(),
            data["country_id"].tolist(),
            data["ged_sb"].tolist(),
            strict=True,
        ):
            seen = cells.get((m, c))
            if seen is not None and abs(seen[0] - v) > 1e-6 * max(1.0, abs(v)):
                raise DataFormatError(
                    Issue(
                        f"country {c}, month {m}: ged_sb {v:g} here but {seen[0]:g} in {seen[1]}; "
                        "expected the files to agree",
                        file=str(path),
                    )
                )
            cells[(m, c)] = (v, path.name)
    months = np.arange(min(m for m, _ in cells), max(m for m, _ in cells) + 1)
    units = np.array(sorted({c for _, c in cells}))
    values = np.full((units.size, months.size), np.nan)
    row = {c: i for i, c in enumerate(units.tolist())}
    for (m, c), (v, _) in cells.items():
        values[row[c], m - months[0]] = v
    countries: dict[int, str] = {}
    names = folder / "country_list.csv"
    if names.exists():
        table = _query(names, ["country_id", "name"])
        countries = dict(zip(table["country_id"].tolist(), table["name"].tolist(), strict=True))
    return ChallengeData(folder, Panel(units, months, values), countries)
