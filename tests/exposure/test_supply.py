"""GeoPolRisk and concentration: published reproduction, hand-computed cases, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bastion import DataFormatError, ParameterError
from bastion.exposure import geopolrisk, herfindahl
from bastion.io.trade import read_imports, read_production
from tests.cli.helpers import invoke
from tests.conftest import SHARED_DATA

GPR = SHARED_DATA / "risk" / "geopolrisk_japan"


@pytest.mark.realdata
def test_reproduces_geopolrisk_py_japan_cobalt_2022() -> None:
    """geopolrisk-py 2.0.1: Score 0.1982001067, HHI 0.4928971158, import risk 0.4021125308."""
    result = geopolrisk(
        read_imports(GPR / "gpr_inputs_JPN_cobalt_2022.csv"),
        read_production(GPR / "gpr_inputs_cobalt_production_2022.csv"),
        "JPN",
        importer_code="392",
    )
    assert result.score == pytest.approx(0.1982001067, abs=1e-9)
    assert result.hhi == pytest.approx(0.4928971158, abs=1e-9)
    assert result.import_risk == pytest.approx(0.4021125308, abs=1e-9)
    assert result.year == "2022"
    assert sum(p["contribution_to_score"] for p in result.partners) == pytest.approx(result.score)


@pytest.mark.realdata
def test_cli_supply_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = invoke(
        capsys,
        "exposure",
        "supply",
        str(GPR / "gpr_inputs_JPN_cobalt_2022.csv"),
        "--production",
        str(GPR / "gpr_inputs_cobalt_production_2022.csv"),
        "--importer",
        "JPN",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert abs(data["score"] - 0.1982001067) < 1e-9
    assert abs(data["hhi"] - 0.4928971158) < 1e-9
    assert abs(data["import_risk"] - 0.4021125308) < 1e-9


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def test_hand_computed_with_domestic_production(tmp_path: Path) -> None:
    imports = write(
        tmp_path / "i.csv",
        "i,country_iso3,qty_t,cif_kusd,wgi_norm\n1,AAA,30,1,0.2\n2,BBB,10,1,0.8\n",
    )
    prod = write(
        tmp_path / "p.csv",
        "Country,Country_Code,unit,2021,2022\nA,1,t,5,60\nB,2,t,5,20\nMe,9,t,5,20\n",
    )
    result = geopolrisk(read_imports(imports), read_production(prod), "MEE", importer_code="9")
    hhi = 0.6**2 + 0.2**2 + 0.2**2  # shares 60/100, 20/100, 20/100
    risk = (30 * 0.2 + 10 * 0.8) / (30 + 10 + 20)
    assert result.hhi == pytest.approx(hhi)
    assert result.import_risk == pytest.approx(risk)
    assert result.score == pytest.approx(hhi * risk)
    assert result.domestic_production == 20
    assert result.domestic_production_matched == "Me (9)"
    assert [p["partner"] for p in result.partners] == ["BBB", "AAA"]  # 8/60 > 6/60


@given(st.lists(st.floats(0.0, 1e6), min_size=1, max_size=30).filter(lambda q: sum(q) > 0))
def test_hhi_bounds(q: list[float]) -> None:
    positive = sum(1 for x in q if x > 0)
    assert 1 / positive - 1e-12 <= herfindahl(q) <= 1 + 1e-12


def test_hhi_errors() -> None:
    with pytest.raises(ParameterError, match="sum to zero"):
        herfindahl([0, 0])
    with pytest.raises(ParameterError, match="non-negative"):
        herfindahl([1, -1])


def test_reader_errors_are_located(tmp_path: Path) -> None:
    bad = write(
        tmp_path / "i.csv",
        "i,country_iso3,qty_t,cif_kusd,wgi_norm\n1,AAA,30,1,1.4\n2,BBB,x,1,0.5\n",
    )
    with pytest.raises(DataFormatError) as info:
        read_imports(bad)
    assert [(i.line, i.path, i.value) for i in info.value.issues] == [
        (2, "column 'wgi_norm'", "'1.4'"),
        (3, "column 'qty_t'", "'x'"),
    ]
    with pytest.raises(DataFormatError, match="missing required column"):
        read_imports(write(tmp_path / "j.csv", "i,qty\n1,2\n"))
    prod = write(tmp_path / "p.csv", "Country,Country_Code,unit,2022\nA,1,t,5\n")
    with pytest.raises(DataFormatError, match="no column for year 2020; years: 2022"):
        read_production(prod, year="2020")
    mixed = write(tmp_path / "m.csv", "Country,Country_Code,unit,2022\nA,1,t,5\nB,2,kg,5\n")
    with pytest.raises(DataFormatError, match="mixed units"):
        read_production(mixed)
