"""Readers of DCID, COW MID and ICB files: real data and located errors."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from bastion import DataFormatError
from bastion.io import read_dcid_severity, read_icb_response_days, read_mid_hostility
from tests.conftest import SHARED_DATA

ESC = SHARED_DATA / "escalation"


def column(path: Path, name: str) -> list[str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [row[name].strip() for row in csv.DictReader(fh)]


@pytest.mark.realdata
def test_dcid_real_file() -> None:
    path = ESC / "dcid_icb" / "dcid2_incidents.csv"
    data = read_dcid_severity(path)
    assert data.rows == 429  # DCID 2.0: 429 incidents (PROVENANCE.md)
    assert data.missing == 0
    expected = np.bincount([int(x) for x in column(path, "severity")], minlength=11)
    np.testing.assert_array_equal(np.bincount(data.values, minlength=11), expected)


@pytest.mark.realdata
def test_mid_real_file() -> None:
    data = read_mid_hostility(ESC / "cow_atop" / "cow_mid_disps.csv")
    assert data.rows == 2436  # MID 5.0 disputes (PROVENANCE.md)
    assert set(np.unique(data.values)) <= {1, 2, 3, 4, 5}
    assert int((data.values == 5).sum()) == 106


@pytest.mark.realdata
def test_icb_real_file_reports_missing_values() -> None:
    data = read_icb_response_days(ESC / "dcid_icb" / "icb2v15.csv")
    assert data.rows == 1100  # ICB v15: 1,100 actor-crises
    assert data.missing == 19
    assert len(data.values) == 1081
    assert float(np.median(data.values)) == 5.0


def test_bad_value_is_located(tmp_path: Path) -> None:
    path = tmp_path / "mid.csv"
    path.write_text("dispnum,hostlev\n1,4.0\n2,six\n3,7\n4,\n")
    with pytest.raises(DataFormatError) as info:
        read_mid_hostility(path)
    issues = info.value.issues
    assert [(i.line, i.value) for i in issues] == [(3, "'six'"), (4, "'7'")]
    assert all(i.path == "column 'hostlev'" and i.file == str(path) for i in issues)
    assert "whole number in [1, 5]" in issues[0].message


def test_missing_column_and_file(tmp_path: Path) -> None:
    path = tmp_path / "dcid.csv"
    path.write_text("id,sev\n1,3\n")
    with pytest.raises(DataFormatError, match=r"missing required column 'severity'.*id, sev"):
        read_dcid_severity(path)
    with pytest.raises(DataFormatError, match="file not found"):
        read_dcid_severity(tmp_path / "nope.csv")
