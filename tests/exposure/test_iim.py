"""Inoperability input-output model: hand-computed and limiting cases."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bastion import ParameterError, load_scenario
from bastion.exposure.iim import dynamic_inoperability, scenario_cascade, static_inoperability
from tests.cli.helpers import invoke

A = np.array([[0.0, 0.5], [0.2, 0.0]])


def test_static_two_sectors_by_hand() -> None:
    # q1 = 0.5 q2 + 0.1 ; q2 = 0.2 q1  ->  q1 = 0.1 / (1 - 0.1) = 1/9, q2 = 1/45
    q = static_inoperability(A, [0.1, 0.0])
    np.testing.assert_allclose(q, [1 / 9, 1 / 45])


def test_dynamic_demand_form_converges_to_the_static_equilibrium() -> None:
    path = dynamic_inoperability(A, [0.3, 0.6], [0.1, 0.05], 400, form="demand")
    np.testing.assert_allclose(path[-1], static_inoperability(A, [0.1, 0.05]), atol=1e-10)


def test_pure_recovery_is_geometric() -> None:
    path = dynamic_inoperability(np.zeros((1, 1)), [0.25], [0.0], 5, initial=[0.8])
    np.testing.assert_allclose(path[:, 0], 0.8 * 0.75 ** np.arange(6))


def test_cascade_spreads_only_along_dependencies(example: Path) -> None:
    scenario = load_scenario(example)
    ids, path = scenario_cascade(scenario, {"nmr_energy": 0.3}, 20)
    peak = dict(zip(ids, path.max(axis=0), strict=True))
    assert peak["nmr_energy"] == pytest.approx(0.3)
    assert peak["nmr_comms"] > 0 and peak["nmr_finance"] > 0 and peak["nmr_transport"] > 0
    assert peak["var_energy"] == 0 and peak["var_comms"] == 0  # no dependency across the border
    # step 1 by hand for communications: 0 + 0.20 * (0.45 * 0.3 - 0) = 0.027
    assert path[1, ids.index("nmr_comms")] == pytest.approx(0.2 * 0.45 * 0.3)


def test_explosive_interdependency_is_an_error() -> None:
    with pytest.raises(ParameterError, match=r"spectral radius 1\.2"):
        static_inoperability([[0.0, 1.2], [1.2, 0.0]], [0.1, 0.1])


def test_bad_shock(example: Path) -> None:
    scenario = load_scenario(example)
    with pytest.raises(ParameterError, match="unknown sector 'nmr_power'"):
        scenario_cascade(scenario, {"nmr_power": 0.3}, 5)
    with pytest.raises(ParameterError, match=r"must be an inoperability in \[0, 1\]"):
        scenario_cascade(scenario, {"nmr_energy": 1.3}, 5)


def test_cli_cascade(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, out, err = invoke(
        capsys,
        "exposure",
        "cascade",
        str(example),
        "--shock",
        "nmr_energy=0.3",
        "--steps",
        "10",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert len(data["inoperability"]) == 11
    assert data["peak"]["nmr_energy"] == pytest.approx(0.3)
    code, _, err = invoke(capsys, "exposure", "cascade", str(example), "--shock", "nmr_energy")
    assert code == 1 and "SECTOR=0.3" in err
