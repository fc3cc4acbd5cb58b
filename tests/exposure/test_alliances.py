"""Alliance dependence and the value of an alliance versus independent resilience."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bastion import ParameterError, load_scenario
from bastion.exposure.alliances import alliance_dependence, alliance_value, without_guarantees
from tests.cli.helpers import invoke


def test_dependence_by_hand(example: Path) -> None:
    rows = {r["domain"]: r for r in alliance_dependence(load_scenario(example), "NMR")}
    # Westmark guarantees the Concord Pact: commitment 0.7 x interoperability 0.6 x capability
    assert rows["cyber"]["allied"] == pytest.approx(0.7 * 0.6 * 0.90)
    assert rows["cyber"]["allied_share"] == pytest.approx(0.378 / (0.35 + 0.378))
    assert rows["nuclear"]["allied_share"] == 1.0  # Northmarch has none of its own
    assert rows["cyber"]["commitment"] == [0.7]
    assert rows["cyber"]["interoperability"] == [0.6]


def test_without_guarantees(example: Path) -> None:
    scenario = load_scenario(example)
    variant = without_guarantees(scenario, "NMR")
    assert variant.alliances[0].commitment_probability == 0.0
    assert scenario.alliances[0].commitment_probability == 0.7
    with pytest.raises(ParameterError, match="not a member of any alliance"):
        without_guarantees(scenario, "VAR")


def test_value_without_the_alliance_it_never_activates(example: Path) -> None:
    comparison = alliance_value(load_scenario(example), "NMR", 3000, seed=2)
    effects = {e.outcome: e for e in comparison.effects if e.lever == "no_alliance"}
    assert effects["activated:concord"].p_lever == 0.0
    assert effects["crossed:kinetic"].effect > 0  # the guarantee deters in this scenario
    assert effects["crossed:kinetic"].ci_low > 0


def test_cli_alliance(capsys: pytest.CaptureFixture[str], example: Path) -> None:
    code, out, err = invoke(
        capsys,
        "exposure",
        "alliance",
        str(example),
        "--actor",
        "NMR",
        "--runs",
        "1000",
        "--seed",
        "1",
        "--resilience-lever",
        "resilience",
        "--format",
        "json",
    )
    assert code == 0, err
    data = json.loads(out)
    assert {e["lever"] for e in data["value"]["effects"]} == {"no_alliance", "resilience_instead"}
    assert len(data["dependence"]) == 5
