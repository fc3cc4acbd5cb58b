"""INFORM Risk 2023 recomputed from the workbook's raw indicators."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from bastion import DataFormatError
from bastion.exposure.inform import lack_of_coping_capacity, read_inform_indicators
from tests.cli.helpers import invoke
from tests.conftest import SHARED_DATA

INFORM = SHARED_DATA / "risk" / "inform"


def published(column: str, iso3: list[str]) -> np.ndarray:
    with (INFORM / "inform_risk_2023_v065_scores_components.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh))
    col = {name: i for i, name in enumerate(rows[0])}
    by_iso = {r[1]: r for r in rows[2:] if len(r) > 2 and r[1]}
    cells = [by_iso[c][col[column]] for c in iso3]
    return np.array([np.nan if cell in ("x", "") else float(cell) for cell in cells])


@pytest.mark.realdata
def test_lack_of_coping_capacity_exact_for_all_191_countries() -> None:
    indicators = read_inform_indicators(INFORM / "inform_risk_2023_v065_indicator_data.csv")
    assert len(indicators.iso3) == 191
    levels = lack_of_coping_capacity(indicators)
    for level, column in (
        ("drr", "DRR"),
        ("governance", "Governance"),
        ("institutional", "Institutional"),
        ("communication", "Communication"),
        ("physical_connectivity", "Physical infrastructure"),
        ("access_to_health_care", "Access to health care"),
        ("infrastructure", "Infrastructure"),
        ("lack_of_coping_capacity", "LACK OF COPING CAPACITY"),
    ):
        np.testing.assert_array_equal(
            levels[level], published(column, indicators.iso3), err_msg=level
        )


def test_reader_errors(tmp_path: Path) -> None:
    bad = tmp_path / "ind.csv"
    bad.write_text("COUNTRY,,X\nyear,,2020\nid,,CPI\nunit,,x\nAlpha,AAA,12\nBeta,BBB,high\n")
    with pytest.raises(DataFormatError) as info:
        read_inform_indicators(bad)
    issue = info.value.issues[0]
    assert (issue.line, issue.path, issue.value) == (6, "column 'CPI'", "'high'")
    wrong = tmp_path / "other.csv"
    wrong.write_text("a,b\n1,2\n")
    with pytest.raises(DataFormatError, match="Indicator Data"):
        read_inform_indicators(wrong)


@pytest.mark.realdata
def test_vulnerability_exact_for_all_191_countries() -> None:
    from bastion.exposure.inform import vulnerability

    indicators = read_inform_indicators(INFORM / "inform_risk_2023_v065_indicator_data.csv")
    levels = vulnerability(indicators)
    for level, column in (
        ("development_deprivation", "Development & Deprivation"),
        ("inequality", "Inequality"),
        ("economic_dependency", "Economic Dependency"),
        ("socio_economic_vulnerability", "Socio-Economic Vulnerability"),
        ("uprooted_people", "Uprooted people"),
        ("health_conditions", "Health Conditions"),
        ("children_u5", "Children U5"),
        ("recent_shocks", "Recent Shocks"),
        ("food_security", "Food Security"),
        ("other_vulnerable_groups", "Other Vulnerable Groups"),
        ("vulnerable_groups", "Vulnerable Groups"),
        ("vulnerability", "VULNERABILITY"),
    ):
        np.testing.assert_array_equal(
            levels[level], published(column, indicators.iso3), err_msg=level
        )


@pytest.mark.realdata
@pytest.mark.parametrize(
    "source", ["INFORM_Risk_2023__v065.xlsx", "inform_risk_2023_v065_indicator_data.csv"]
)
def test_cli_inform_reproduces_all_191_countries(
    capsys: pytest.CaptureFixture[str], source: str
) -> None:
    """`bastion exposure inform WORKBOOK --format csv`: Risk and the three dimensions equal
    the published INFORM Risk 2023 values for every country, and so does every level below."""
    pytest.importorskip("openpyxl")
    code, out, err = invoke(capsys, "exposure", "inform", str(INFORM / source), "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(out.splitlines()))
    assert len(rows) == 191
    assert list(rows[0])[:5] == [
        "iso3",
        "risk",
        "hazard_exposure",
        "vulnerability",
        "lack_of_coping_capacity",
    ]
    iso3 = [r["iso3"] for r in rows]
    for column, published_name in (
        ("risk", "INFORM RISK"),
        ("hazard_exposure", "HAZARD & EXPOSURE"),
        ("vulnerability", "VULNERABILITY"),
        ("lack_of_coping_capacity", "LACK OF COPING CAPACITY"),
        ("natural", "Natural"),
        ("human", "Human"),
        ("earthquake", "Earthquake"),
        ("flood", "Flood"),
        ("tsunami", "Tsunami"),
        ("tropical_cyclone", "Tropical Cyclone"),
        ("drought", "Drought"),
        ("epidemic", "Epidemic"),
        ("projected_conflict_risk", "Projected Conflict Risk"),
        ("current_conflict_intensity", "Current Highly Violent Conflict Intensity"),
    ):
        ours = np.array([float(r[column]) for r in rows])
        np.testing.assert_array_equal(ours, published(published_name, iso3), err_msg=column)


@pytest.mark.realdata
def test_cli_inform_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "inform.html"
    code, _, err = invoke(
        capsys,
        "exposure",
        "inform",
        str(INFORM / "inform_risk_2023_v065_indicator_data.csv"),
        "--report",
        str(out_file),
        "--replications",
        "300",
        "--focus",
        "AFG",
        "--seed",
        "1",
    )
    assert code == 0, err
    html = out_file.read_text()
    for anchor in ("index-scores", "index-map", "index-decomposition", "index-uncertainty"):
        assert f'id="{anchor}"' in html
    assert "what makes up AFG" in html
    # the world map is inlined where Plotly looks before fetching one from a CDN
    assert "window.PlotlyGeoAssets = {topojson: {world_110m:" in html
    from tests.report.test_report import ResourceCollector, external

    parser = ResourceCollector()
    parser.feed(html)
    assert external(parser.urls) == []
