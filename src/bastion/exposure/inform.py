"""INFORM Risk recomputed from raw indicator data (INFORM Risk 2023, JRC).

This module reads the raw indicator sheet of the INFORM Risk 2023 workbook (as exported to
CSV: one column per indicator, the indicator id in row 3, countries from row 5, "No data"
for missing values) and recomputes the index level by level as the workbook's formulas do:
goalpost normalisation to 0-10 with clipping, rounding half away from zero at every
level, averages that drop missing values, and INFORM's operator between categories.

Implemented so far: the **Vulnerability** and **Lack of Coping Capacity** dimensions in
full, and Risk from the three dimensions (``composite.inform_upper_levels``). Hazard &
Exposure from raw indicators is not yet built.

References
----------
INFORM (2022). INFORM Risk Index 2023, European Commission Joint Research Centre (CC BY 4.0);
Marin-Ferrer, M., Vernaccini, L. & Poljansek, K. (2017). INFORM Index for Risk Management:
concept and methodology, version 2017. EUR 28655 EN.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bastion.errors import DataFormatError, Issue
from bastion.exposure.aggregation import aggregate, round_half_away

__all__ = [
    "InformIndicators",
    "lack_of_coping_capacity",
    "read_inform_indicators",
    "vulnerability",
]

Array = np.ndarray[Any, Any]


@dataclass(frozen=True)
class InformIndicators:
    """Raw indicators by indicator id (NaN where the workbook says "No data")."""

    iso3: list[str]
    values: dict[str, Array]
    file: str

    def __getitem__(self, indicator: str) -> Array:
        try:
            return self.values[indicator]
        except KeyError:
            raise DataFormatError(
                Issue(f"indicator {indicator!r} is not in the indicator sheet", file=self.file)
            ) from None


def read_inform_indicators(path: str | Path) -> InformIndicators:
    """Read the "Indicator Data" sheet exported to CSV (ids in row 3, data from row 5)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None
    if len(rows) < 5 or rows[0][:1] != ["COUNTRY"]:
        raise DataFormatError(
            Issue("expected the INFORM 'Indicator Data' sheet (COUNTRY in cell A1)", file=str(path))
        )
    ids = rows[2]
    data = [r for r in rows[4:] if len(r) > 1 and r[1].strip()]
    issues: list[Issue] = []
    values: dict[str, Array] = {}
    for j, indicator in enumerate(ids):
        if j < 2 or not indicator.strip():
            continue
        column = []
        for i, row in enumerate(data):
            raw = row[j].strip() if j < len(row) else ""
            if raw in ("No data", ""):
                column.append(np.nan)
                continue
            try:
                column.append(float(raw))
            except ValueError:
                issues.append(
                    Issue(
                        "expected a number or 'No data'",
                        file=str(path),
                        line=i + 5,
                        path=f"column {indicator!r}",
                        value=repr(raw),
                    )
                )
                column.append(np.nan)
        values[indicator.strip()] = np.array(column)
    if issues:
        raise DataFormatError(issues[:20])
    return InformIndicators([r[1].strip() for r in data], values, str(path))


def _goalposts(x: Array, low: float, high: float, *, inverted: bool) -> Array:
    """INFORM's min-max normalisation to 0-10 with clipping, rounded to one decimal.

    ``inverted``: higher raw values mean lower risk (the workbook's ``(MAX - x)/(MAX - MIN)``).
    Missing raw values stay missing.
    """
    if inverted:
        score = np.where(x > high, 0.0, np.where(x < low, 10.0, (high - x) / (high - low) * 10))
    else:
        score = np.where(
            x > high, 10.0, np.where(x < low, 0.0, 10 - (high - x) / (high - low) * 10)
        )
    return np.where(np.isnan(x), np.nan, round_half_away(score, 1))


def _mean(*columns: Array, decimals: int | None = 1) -> Array:
    value = aggregate(np.column_stack(columns), method="arithmetic")
    return value if decimals is None else round_half_away(value, decimals)


Normaliser = Callable[[InformIndicators], Array]


def lack_of_coping_capacity(ind: InformIndicators) -> dict[str, Array]:
    """Every level of INFORM 2023's Lack of Coping Capacity, from raw indicators.

    Goalposts (MIN, MAX) as in the 2023 workbook: HFA 1-5, CPI 0-100, government
    effectiveness -2.5-2.5, adult literacy squared 900-10,000, access to electricity, internet
    users 0-100, mobile subscriptions 5-200, road density (km per 100 km^2) 1-100, sanitation
    10-100, drinking water 50-100, physicians 0-40 per 10,000, DTP3/MCV2/PCV3 coverage 40-99,
    health expenditure 50-3,000, maternal mortality 0-900 (higher is worse).
    """
    drr = _goalposts(ind["HFA"], 1, 5, inverted=True)
    cpi = _goalposts(ind["CPI"], 0, 100, inverted=True)
    effectiveness = _goalposts(ind["GovernmentEffectiveness"], -2.5, 2.5, inverted=True)
    governance = _mean(cpi, effectiveness)
    institutional = _mean(drr, governance)
    literacy = _goalposts(ind["SE.ADT.LITR.ZS"] ** 2, 900, 10_000, inverted=True)
    electricity_raw = ind["EG.ELC.ACCS.ZS"]
    electricity = _goalposts(
        np.where(electricity_raw == 0, np.nan, electricity_raw), 0, 100, inverted=True
    )
    internet = _goalposts(ind["IT.NET.USER.P2"], 0, 100, inverted=True)
    mobile = _goalposts(ind["IT.CEL.SETS.P2"], 5, 200, inverted=True)
    communication = _mean(literacy, electricity, internet, mobile)
    road_density = ind["IS.ROD.TOTL.KM"] / ind["AG.LND.TOTL.K2"] * 100
    roads = _goalposts(road_density, 1, 100, inverted=True)
    sanitation = _goalposts(ind["SH.STA.BASS.ZS"], 10, 100, inverted=True)
    water = _goalposts(ind["SH.H2O.BASW.ZS"], 50, 100, inverted=True)
    connectivity = _mean(roads, water, sanitation)
    physicians = _goalposts(ind["PHIS"], 0, 40, inverted=True)
    immunisation = _mean(
        *(
            _goalposts(ind[k], 40, 99, inverted=True)
            for k in ("SH_ACS_DTP3", "SH_ACS_MCV2", "SH_ACS_PCV3")
        ),
        decimals=None,  # the workbook does not round this average
    )
    expenditure = _goalposts(ind["HEALTH_EXP"], 50, 3000, inverted=True)
    maternal = _goalposts(ind["MMR"], 0, 900, inverted=False)
    health = _mean(physicians, immunisation, expenditure, maternal)
    infrastructure = _mean(connectivity, communication, health)
    lcc = round_half_away(
        aggregate(np.column_stack([institutional, infrastructure]), method="inform"), 1
    )
    return {
        "drr": drr,
        "governance": governance,
        "institutional": institutional,
        "communication": communication,
        "physical_connectivity": connectivity,
        "access_to_health_care": health,
        "infrastructure": infrastructure,
        "lack_of_coping_capacity": lcc,
    }


def _g(*columns: Array) -> Array:
    """INFORM's operator over the columns present, rounded to one decimal."""
    return round_half_away(aggregate(np.column_stack(columns), method="inform"), 1)


def _sum_present(*columns: Array) -> Array:
    """Excel's SUM over cells that may say "No data": missing cells count as 0."""
    return np.asarray(np.sum(np.nan_to_num(np.column_stack(columns)), axis=1))


def vulnerability(ind: InformIndicators) -> dict[str, Array]:
    """Every level of INFORM 2023's Vulnerability dimension, from raw indicators.

    Follows the workbook's formulas, including its special cases: the HDI proxy from GDP per
    capita (``0.101 ln(GDPpp) - 0.153``) where HDI is missing, log-scaled poverty and
    uprooted-people indicators, the power transform of the uprooted share of the population,
    public aid per capita from humanitarian and development aid, development & deprivation
    counted twice in socio-economic vulnerability, and zero values of remittances and new
    HIV infections scored 0.
    """
    population = ind["POP"]
    hdi_proxy = 0.101 * np.log(ind["GDPpp"]) - 0.153
    hdi = _goalposts(np.where(np.isnan(ind["HDI"]), hdi_proxy, ind["HDI"]), 0.4, 0.9, inverted=True)
    with np.errstate(divide="ignore"):
        mpi = _goalposts(np.log10(ind["MPI"] * 1000), 0, 2.7, inverted=False)
    deprivation = _g(hdi, mpi)
    inequality = _mean(
        _goalposts(ind["GII"], 0, 0.75, inverted=False),
        _goalposts(ind["GINI"], 25, 65, inverted=False),
    )
    aid = _sum_present(ind["FTS"], ind["ODA-2"], ind["ODA-1"]) / population * 1e6
    aid_score = _goalposts(aid, 0, 500, inverted=False)
    oda = _goalposts(ind["DT.ODA.ODAT.GN.ZS"], 0, 15, inverted=False)
    remittances_raw = ind["BX_TRF_PWKR"]
    remittances = np.where(
        remittances_raw == 0, 0.0, _goalposts(remittances_raw, 0, 30, inverted=False)
    )
    dependency = _mean(aid_score, oda, remittances)
    socio_economic = round_half_away(
        aggregate(np.column_stack([deprivation, inequality, dependency]), [2, 1, 1]), 1
    )
    both_missing = np.isnan(ind["POP.SEC.IDP"]) & np.isnan(ind["TRPS"])
    uprooted_k = np.where(
        both_missing, 0.0, _sum_present(ind["POP.SEC.IDP"], ind["TRPS"], ind["RET_REF"]) / 1000
    )
    with np.errstate(divide="ignore"):
        absolute = np.where(
            uprooted_k == 0, 0.0, _goalposts(np.log10(uprooted_k * 1000), 3, 6, inverted=False)
        )
    share = uprooted_k * 1000 / population
    relative = round_half_away(
        np.where(
            share > 0.1,
            10.0,
            np.where(share < 5e-5, 0.0, ((share * 100) / 0.0052) ** (1 / 4.0545) / 6.5 * 10),
        ),
        1,
    )
    uprooted = _mean(absolute, relative)
    new_hiv_raw = ind["SH_HIV_INCD"]
    hiv = _mean(
        _goalposts(ind["HIV"], 0, 5, inverted=False),
        np.where(new_hiv_raw == 0, 0.0, _goalposts(new_hiv_raw, 0, 3, inverted=False)),
        decimals=None,  # the workbook does not round this average
    )
    ntd_share = np.minimum(ind["SH_TRP_INTVN"] / population, 1.0)
    health = _mean(
        hiv,
        _goalposts(ind["TB"], 0, 550, inverted=False),
        _goalposts(ind["SH_STA_MALR"], 0, 400, inverted=False),
        _goalposts(ntd_share, 0, 0.9, inverted=False),
    )
    children = _mean(
        _goalposts(ind["CUW"], 0, 45, inverted=False), _goalposts(ind["CM"], 0, 130, inverted=False)
    )
    affected = (
        ind["VU.VGR.OG.NATDIS-CUR"]
        + ind["VU.VGR.OG.NATDIS-1"] * 0.5
        + ind["VU.VGR.OG.NATDIS-2"] * 0.25
    ) / population
    shocks = _goalposts(affected, 0, 0.1, inverted=False)
    food = _mean(
        _goalposts(ind["SN.ITK.DEFC.ZS"], 5, 35, inverted=False),
        _goalposts(ind["FS.ADSA"], 75, 150, inverted=True),
    )
    other = _g(health, children, shocks, food)
    groups = _g(uprooted, other)
    return {
        "development_deprivation": deprivation,
        "inequality": inequality,
        "economic_dependency": dependency,
        "socio_economic_vulnerability": socio_economic,
        "uprooted_people": uprooted,
        "health_conditions": health,
        "children_u5": children,
        "recent_shocks": shocks,
        "food_security": food,
        "other_vulnerable_groups": other,
        "vulnerable_groups": groups,
        "vulnerability": _g(socio_economic, groups),
    }
