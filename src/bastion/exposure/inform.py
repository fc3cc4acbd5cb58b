"""INFORM Risk recomputed from raw indicator data (INFORM Risk 2023, JRC).

This module reads the raw indicator sheet of the INFORM Risk 2023 workbook (as exported to
CSV: one column per indicator, the indicator id in row 3, countries from row 5, "No data"
for missing values) and recomputes the index level by level as the workbook's formulas do:
goalpost normalisation to 0-10 with clipping, rounding half away from zero at every
level, averages that drop missing values, and INFORM's operator between categories.

All three dimensions (Hazard & Exposure, Vulnerability, Lack of Coping Capacity) and
their categories and components are recomputed; :func:`inform_risk` combines them.
Every level equals the published workbook values for all 191 countries (tests).

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

from bastion._optional import import_optional
from bastion.errors import DataFormatError, Issue
from bastion.exposure.aggregation import aggregate, round_half_away

__all__ = [
    "INFORM_LEVELS",
    "InformIndicators",
    "hazard_exposure",
    "inform_risk",
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


def _sheet_rows(path: Path) -> list[list[str]]:
    """Rows of the "Indicator Data" sheet from the workbook (.xlsx) or its CSV export."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        openpyxl = import_optional("openpyxl", extra="excel", purpose="reading INFORM workbooks")
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except FileNotFoundError:
            raise DataFormatError(Issue("file not found", file=str(path))) from None
        except Exception as exc:  # openpyxl raises several types for a corrupt file
            raise DataFormatError(
                Issue(f"not a readable Excel workbook: {exc}", file=str(path))
            ) from None
        if "Indicator Data" not in book.sheetnames:
            raise DataFormatError(
                Issue(
                    "no 'Indicator Data' sheet; sheets: " + ", ".join(book.sheetnames),
                    file=str(path),
                )
            )
        rows = [
            ["" if cell is None else str(cell) for cell in row]
            for row in book["Indicator Data"].iter_rows(values_only=True)
        ]
        book.close()
        return rows
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            return list(csv.reader(fh))
    except FileNotFoundError:
        raise DataFormatError(Issue("file not found", file=str(path))) from None


def read_inform_indicators(path: str | Path) -> InformIndicators:
    """Read the "Indicator Data" sheet of an INFORM workbook (.xlsx) or its CSV export.

    The sheet has a row starting with COUNTRY, the indicator ids two rows below it and one
    row per country (name, ISO3, values) from four rows below it; "No data" marks missing
    values.
    """
    path = Path(path)
    rows = _sheet_rows(path)
    start = next((i for i, r in enumerate(rows) if r[:1] == ["COUNTRY"]), None)
    if start is None or len(rows) < start + 5:
        raise DataFormatError(
            Issue(
                "expected the INFORM 'Indicator Data' sheet (a row starting with COUNTRY)",
                file=str(path),
            )
        )
    ids = rows[start + 2]
    first_data = start + 4
    data = [
        (i, r)
        for i, r in enumerate(rows[first_data:], first_data + 1)
        if len(r) > 1 and r[1].strip()
    ]
    issues: list[Issue] = []
    values: dict[str, Array] = {}
    for j, indicator in enumerate(ids):
        if j < 2 or not indicator.strip():
            continue
        column = []
        for line, row in data:
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
                        line=line,
                        path=f"column {indicator!r}",
                        value=repr(raw),
                    )
                )
                column.append(np.nan)
        values[indicator.strip()] = np.array(column)
    if issues:
        raise DataFormatError(issues[:20])
    return InformIndicators([r[1].strip() for _, r in data], values, str(path))


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


def _direct(x: Array, low: float, high: float, *, zero: float | None = None) -> Array:
    """Higher is riskier, goalposts ``[low, high]``; ``zero``: the score of a raw 0."""
    score = _goalposts(x, low, high, inverted=False)
    return score if zero is None else np.where(x == 0, zero, score)


def _log_direct(x: Array, low: float, high: float, *, zero: float = 0.0) -> Array:
    """Goalposts on ``log10(x)``; a raw 0 scores ``zero`` (the workbook avoids LOG(0))."""
    with np.errstate(divide="ignore", invalid="ignore"):
        score = _goalposts(np.log10(np.where(x > 0, x, np.nan)), low, high, inverted=False)
    return np.where(x == 0, zero, score)


def hazard_exposure(ind: InformIndicators) -> dict[str, Array]:
    """Every category of INFORM 2023's Hazard & Exposure dimension, from raw indicators.

    Natural hazards combine absolute (log-scaled) and relative (per person of the GHS
    population) exposure for earthquakes, floods, tsunamis, tropical cyclones and droughts,
    and an epidemic component (zoonoses, vector-borne diseases, person-to-person and
    water/food-borne spread); the workbook's sentinels are kept (a missing flood exposure
    scores 0.1; a natural-hazard score that rounds to 0 becomes 0.1). Human hazard is the
    current highly violent conflict intensity when above 5, else 70% of the projected
    conflict risk.
    """
    pop_ghs, pop = ind["POP_DEN"], ind["POP"]
    r = round_half_away
    mmi6, mmi8 = ind["NH.EQ.GEM.MMI6.SP"], ind["NH.EQ.GEM.MMI8.SP"]
    flood, tsunami = ind["EX_FL"], ind["EX_TS"]
    ss1, ss3, surge = ind["EX_TC_SS1"], ind["EX_TC_SS3"], ind["EX_CS"]
    drought = ind["AFF_DR"]
    # absolute exposure
    eq_abs = _g(_log_direct(mmi6, 1, 5, zero=0.1), _log_direct(mmi8, 1, 4, zero=0.1))
    flood_abs = np.where(np.isnan(flood), 0.1, _log_direct(flood, 2, 6))
    tsunami_abs = _log_direct(tsunami, -2, 4)
    ss1_abs, ss3_abs = _log_direct(ss1, 2, 6), _log_direct(ss3, -2, 5)
    surge_abs = _log_direct(surge, 1, 6)
    cyclone_abs = _g(_g(ss1_abs, ss3_abs), surge_abs)
    drought_abs = _log_direct(drought, 1, 5)
    # relative exposure
    eq_rel = _g(_direct(mmi6 / pop_ghs, 0, 0.002), _direct(mmi8 / pop_ghs, 0, 0.001))
    flood_rel = np.where(flood_abs == 0.1, 0.1, _direct(flood / pop_ghs, 0, 0.015))
    tsunami_rel = _log_direct(tsunami / pop_ghs, -8.5, -4)
    ss1_rel, ss3_rel = _direct(ss1 / pop_ghs, 0, 0.018), _direct(ss3 / pop_ghs, 0, 0.005)
    surge_rel = _direct(surge / pop_ghs, 0, 0.01, zero=0.0)
    cyclone_rel = _g(_g(ss1_rel, ss3_rel), surge_rel)
    drought_rel = _direct(drought / pop_ghs, 0, 0.03)
    frequency = _direct(ind["AFF_DR.FREQ"], 0, 0.3, zero=0.0)
    earthquake = _g(eq_abs, eq_rel)
    flood_score = _g(flood_abs, flood_rel)
    tsunami_score = _g(tsunami_abs, tsunami_rel)
    cyclone = _g(cyclone_abs, cyclone_rel)
    drought_history = _mean(frequency, _g(drought_abs, drought_rel))
    land = ind["AG.LND.TOTL.K2"]
    agricultural = np.where(land < 1000, np.nan, _direct(ind["ASI"], 0, 0.3))
    drought_score = _mean(drought_history, agricultural)

    def zoonosis(indicator: str, high_abs: float, high_rel: float) -> Array:
        raw = ind[indicator]
        absolute = _log_direct(raw, 1, high_abs)
        relative = np.where(np.isnan(raw), np.nan, _direct(raw / pop_ghs, 0, high_rel))
        return _g(absolute, relative)

    zoonoses = _g(
        zoonosis("POP.EXP.ZOON.CCHF", 8, 0.9),
        zoonosis("POP.EXP.ZOON.EVD", 7, 0.05),
        zoonosis("POP.EXP.ZOON.LASSA", 7, 0.1),
        zoonosis("POP.EXP.ZOON.MVD", 7, 0.1),
    )

    def vector(absolute: str, relative: Array, high_rel: float) -> Array:
        return _g(_log_direct(ind[absolute], 1, 8), _direct(relative, 0, high_rel))

    malaria = _g(
        _g(
            _direct(ind["POP.EXP.VECT.PF.MAL.ZS"], 0, 1),
            _log_direct(ind["POP.EXP.VECT.PF.MAL"], 1, 8),
        ),
        _g(
            _direct(ind["POP.EXP.VECT.PV.MAL.ZS"], 0, 1),
            _log_direct(ind["POP.EXP.VECT.PV.MAL"], 1, 8),
        ),
    )
    zika = vector("POP.EXP.VECT.ZIKA", ind["POP.EXP.VECT.ZIKA"] / pop_ghs, 0.9)
    aedes = vector("POP.EXP.VECT.AEDES", np.minimum(ind["POP.EXP.VECT.AEDES"] / pop_ghs, 1), 1)
    dengue = vector("POP.EXP.VECT.DENGUE", ind["POP.EXP.VECT.DENGUE"] / pop_ghs, 1)
    vectorborne = _g(aedes, malaria, zika, dengue)
    sanitation = _goalposts(ind["SH.STA.BASS.ZS"], 10, 100, inverted=True)
    water = _goalposts(ind["SH.H2O.BASW.ZS"], 40, 100, inverted=True)
    hygiene = _goalposts(ind["SH.STA.HYGN.ZS"], 0, 100, inverted=True)
    wash = _mean(sanitation, water, hygiene)
    with np.errstate(divide="ignore"):
        density = _direct(np.log10(ind["EN.POP.DNST"]), 0, 3)
    growth = _direct(ind["SP.URB.GROW"], 0, 5)
    urban = _direct(ind["SP.URB.TOTL.IN.ZS"], 0, 100)
    household = _direct(ind["SP.DEM.HOUS.AV"], 2, 6)
    population = _mean(density, growth, urban, household)
    person_to_person = r(aggregate(np.column_stack([wash, population]), [1, 2]), 1)
    population_wide = _mean(
        density,
        growth,
        urban,
        household,
        _direct(ind["EN.POP.SLUM.UR.ZS"], 0, 90),
        _direct(ind["SP.POP.0005.TO.ZS"], 5, 20),
    )
    open_defecation = _direct(ind["SH.STA.ODFC.ZS"], 0, 30)
    wash_all_missing = np.isnan(sanitation) & np.isnan(water) & np.isnan(hygiene)
    wash_food = np.where(
        wash_all_missing, np.nan, _mean(sanitation, water, hygiene, open_defecation)
    )
    vets = _goalposts(ind["VET.NB"] / pop, 0, 0.001, inverted=True)
    food = _mean(vets, _goalposts(ind["IHR11"], 0, 100, inverted=True))
    water_food = _mean(wash_food, food, population_wide)
    epidemic = _g(zoonoses, water_food, vectorborne, person_to_person)
    natural = _g(earthquake, epidemic, flood_score, tsunami_score, cyclone, drought_score)
    natural = np.where(natural == 0, 0.1, natural)
    projected = _direct(ind["HVC.PROB"], 0, 0.95, zero=0.0)
    national, subnational = ind["CON_HIIK_NP"], ind["CON_HIIK_SN"]
    current = np.where(
        national == 5,
        10.0,
        np.where(
            subnational == 5,
            9.0,
            np.where(national == 4, 8.0, np.where(subnational == 4, 7.0, 0.0)),
        ),
    )
    human = r(np.where(current > 5, current, projected / 10 * 7), 1)
    return {
        "earthquake": earthquake,
        "flood": flood_score,
        "tsunami": tsunami_score,
        "tropical_cyclone": cyclone,
        "drought": drought_score,
        "epidemic": epidemic,
        "natural": natural,
        "projected_conflict_risk": projected,
        "current_conflict_intensity": current,
        "human": human,
        "hazard_exposure": _g(natural, human),
    }


INFORM_LEVELS = ("risk", "hazard_exposure", "vulnerability", "lack_of_coping_capacity")


def inform_risk(ind: InformIndicators) -> dict[str, Array]:
    """INFORM Risk 2023 and every level below it, from raw indicators.

    Risk is the geometric mean of the three rounded dimensions, rounded to one decimal.
    """
    levels = {**hazard_exposure(ind), **vulnerability(ind), **lack_of_coping_capacity(ind)}
    dims = np.column_stack([levels[k] for k in INFORM_LEVELS[1:]])
    levels["risk"] = round_half_away(aggregate(dims, method="geometric"), 1)
    return levels
