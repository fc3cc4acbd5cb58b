"""Readers for trade and production tables (GeoPolRisk / BACI / World Mining Data layouts)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bastion.errors import DataFormatError, Issue

__all__ = ["ImportTable", "ProductionTable", "read_imports", "read_production"]

IMPORT_COLUMNS = ("i", "country_iso3", "qty_t", "cif_kusd", "wgi_norm")
NUMERIC_IMPORT_COLUMNS = {"qty_t": (0.0, np.inf), "cif_kusd": (0.0, np.inf), "wgi_norm": (0.0, 1.0)}


@dataclass(frozen=True)
class ImportTable:
    """Imports of one commodity into one country, by partner.

    ``stability_risk`` is the partner's normalised political-stability risk in [0, 1]
    (GeoPolRisk's ``wgi_norm``: the World Bank WGI political-stability estimate rescaled so
    that 1 is the least stable).
    """

    partner_code: np.ndarray[Any, Any]
    partner_iso3: list[str]
    quantity: np.ndarray[Any, Any]  # tonnes
    value: np.ndarray[Any, Any]  # thousand USD, CIF
    stability_risk: np.ndarray[Any, Any]
    file: str


@dataclass(frozen=True)
class ProductionTable:
    """Production of one commodity by country for one year."""

    country: list[str]
    code: list[str]
    quantity: np.ndarray[Any, Any]
    year: str
    unit: str
    file: str


def _open(path: Path) -> Any:
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None


def _number(
    raw: str, *, path: Path, line: int, column: str, low: float, high: float, issues: list[Issue]
) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = float("nan")
    if not low <= value <= high:  # also rejects NaN
        issues.append(
            Issue(
                f"expected a number in [{low:g}, {high:g}]",
                file=str(path),
                line=line,
                path=f"column {column!r}",
                value=repr(raw),
            )
        )
    return value


def read_imports(path: str | Path) -> ImportTable:
    """Read a per-partner import table with columns ``i,country_iso3,qty_t,cif_kusd,wgi_norm``."""
    path = Path(path)
    issues: list[Issue] = []
    codes: list[str] = []
    iso3: list[str] = []
    numbers: dict[str, list[float]] = {column: [] for column in NUMERIC_IMPORT_COLUMNS}
    with _open(path) as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        missing = [c for c in IMPORT_COLUMNS if c not in header]
        if missing:
            raise DataFormatError(
                Issue(
                    f"missing required column(s) {', '.join(missing)}; expected "
                    f"{','.join(IMPORT_COLUMNS)}; found {','.join(header)}",
                    file=str(path),
                    line=1,
                )
            )
        reader.fieldnames = header
        for row in reader:
            codes.append(row["i"].strip())
            iso3.append(row["country_iso3"].strip())
            for column, (low, high) in NUMERIC_IMPORT_COLUMNS.items():
                numbers[column].append(
                    _number(
                        row[column],
                        path=path,
                        line=reader.line_num,
                        column=column,
                        low=low,
                        high=high,
                        issues=issues,
                    )
                )
    if issues:
        raise DataFormatError(issues)
    if not codes:
        raise DataFormatError(Issue("the import table has no rows", file=str(path)))
    return ImportTable(
        np.array(codes),
        iso3,
        np.array(numbers["qty_t"]),
        np.array(numbers["cif_kusd"]),
        np.array(numbers["wgi_norm"]),
        str(path),
    )


def read_production(path: str | Path, *, year: str | None = None) -> ProductionTable:
    """Read ``Country,Country_Code,unit,<year>...``; the latest year unless ``year`` is given.

    Blank cells in the year column mean no recorded production and count as 0 (reported as
    such by the caller's result); anything else that is not a non-negative number is an
    error with its line.
    """
    path = Path(path)
    issues: list[Issue] = []
    with _open(path) as handle:
        reader = csv.DictReader(handle)
        header = [h.strip() for h in reader.fieldnames or []]
        for column in ("Country", "Country_Code"):
            if column not in header:
                raise DataFormatError(
                    Issue(
                        f"missing required column {column!r}; found {','.join(header)}",
                        file=str(path),
                        line=1,
                    )
                )
        years = [h for h in header if h.isdigit()]
        if not years:
            raise DataFormatError(
                Issue("no year column (a header such as 2022) found", file=str(path), line=1)
            )
        chosen = year or max(years)
        if chosen not in years:
            raise DataFormatError(
                Issue(
                    f"no column for year {chosen}; years: {', '.join(years)}",
                    file=str(path),
                    line=1,
                )
            )
        reader.fieldnames = header
        country, code, qty, units = [], [], [], set()
        for row in reader:
            raw = (row[chosen] or "").strip()
            country.append(row["Country"].strip())
            code.append(row["Country_Code"].strip())
            units.add((row.get("unit") or "").strip())
            qty.append(
                0.0
                if raw == ""
                else _number(
                    raw,
                    path=path,
                    line=reader.line_num,
                    column=chosen,
                    low=0,
                    high=np.inf,
                    issues=issues,
                )
            )
    if issues:
        raise DataFormatError(issues)
    if len(units - {""}) > 1:
        raise DataFormatError(
            Issue(
                f"mixed units in column 'unit': {sorted(units)}; expected one unit", file=str(path)
            )
        )
    return ProductionTable(country, code, np.array(qty), chosen, next(iter(units), ""), str(path))
