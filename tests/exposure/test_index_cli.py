"""`bastion exposure index SPEC DATA`: a user-defined index end to end, checked by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.helpers import invoke

SPEC = """
unit: iso3
indicators:
  gdp: {transform: log, normalise: goalposts, min: 2, max: 5, higher_is_better: true}
  conflict: {normalise: goalposts, min: 0, max: 50, impute: median}
  literacy: {normalise: min_max, higher_is_better: true}
index:
  id: risk
  name: Toy risk
  method: arithmetic
  weights: [2, 1]
  decimals: 1
  children:
    - {id: economy, method: geometric, children: [gdp, literacy]}
    - conflict
"""

DATA = "iso3,gdp,conflict,literacy\nAAA,1000,10,50\nBBB,100000,No data,90\nCCC,100,80,70\n"


def test_index_end_to_end(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(SPEC)
    (tmp_path / "data.csv").write_text(DATA)
    code, out, err = invoke(
        capsys,
        "exposure",
        "index",
        str(tmp_path / "spec.yaml"),
        str(tmp_path / "data.csv"),
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    rows = {r["iso3"]: r for r in data["rows"]}
    # AAA: gdp log10(1000) = 3 -> inverted goalposts 2..5: (5-3)/3*10 = 6.667;
    # literacy min-max inverted over 50..90: 10; economy = sqrt(6.667 * 10) = 8.165;
    # conflict 10/50*10 = 2; risk = (2 * 8.165 + 2) / 3 = 6.110 -> 6.1
    assert rows["AAA"]["economy"] == pytest.approx((20 / 3 * 10) ** 0.5)
    assert rows["AAA"]["risk"] == 6.1
    # BBB's missing conflict is imputed with the median of the normalised values (2 and 10)
    assert rows["BBB"]["conflict"] == pytest.approx(6.0)
    # CCC's conflict 80 is clipped to the goalpost 50 -> 10
    assert rows["CCC"]["conflict"] == 10.0
    assert any("1 value(s) clipped" in n for n in data["notes"])
    assert any("1 missing value(s) imputed (median)" in n for n in data["notes"])
    assert sorted(r["rank"] for r in data["rows"]) == [1, 2, 3]


def test_index_bad_inputs(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(SPEC.replace("min: 0, max: 50", "min: 0"))
    (tmp_path / "data.csv").write_text(DATA)
    code, _, err = invoke(
        capsys, "exposure", "index", str(tmp_path / "spec.yaml"), str(tmp_path / "data.csv")
    )
    assert code == 1
    assert "goalposts need min and max" in err and "spec.yaml:5:" in err
    (tmp_path / "spec.yaml").write_text(SPEC)
    (tmp_path / "data.csv").write_text(DATA.replace("AAA,1000,10,50", "AAA,1000,ten,50"))
    code, _, err = invoke(
        capsys, "exposure", "index", str(tmp_path / "spec.yaml"), str(tmp_path / "data.csv")
    )
    assert code == 1
    assert "data.csv:2:" in err and "column 'conflict'" in err and "'ten'" in err


def test_goalposts_must_be_ordered(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    (tmp_path / "spec.yaml").write_text(SPEC.replace("min: 0, max: 50", "min: 50, max: 0"))
    (tmp_path / "data.csv").write_text(DATA)
    code, _, err = invoke(
        capsys, "exposure", "index", str(tmp_path / "spec.yaml"), str(tmp_path / "data.csv")
    )
    assert code == 1
    assert "min < max; got min=50.0, max=0.0" in err and "spec.yaml:5:" in err
