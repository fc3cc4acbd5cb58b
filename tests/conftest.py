"""Shared fixtures and markers."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

import bastion
from bastion import Scenario, parse_scenario

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests whose optional pieces are missing (real data, GPU, Dask)."""
    for item in items:
        if "realdata" in item.keywords and not SHARED_DATA.is_dir():
            item.add_marker(pytest.mark.skip(reason=f"real data not found at {SHARED_DATA}"))


@pytest.fixture
def example() -> Path:
    return bastion.example_path("northmarch")


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "scenario.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


MINIMAL = """
schema_version: 1
name: Minimal
actors:
  - {id: A, name: Alpha, kind: state}
  - {id: B, name: Beta, kind: state}
"""


@pytest.fixture
def minimal_text() -> str:
    return MINIMAL


MECHANISMS = """
schema_version: 1
name: Mechanisms (fictional test scenario)
fictional: true
time: {step: day, horizon: 40}
actors:
  - {id: R, name: Rival, kind: state, capabilities: {cyber: 0.9, conventional: 0.6, space: 0.4},
     resolve: 0.6, cost_tolerance: 0.5, attribution_capability: 0.6, deception: 0.7}
  - {id: S, name: Small, kind: state, capabilities: {cyber: 0.3, conventional: 0.2},
     resolve: 0.7, cost_tolerance: 0.3, attribution_capability: 0.4, deception: 0.1}
  - {id: G, name: Guarantor, kind: state, capabilities: {cyber: 0.9, conventional: 0.9},
     resolve: 0.5, attribution_capability: 0.8}
  - {id: X, name: Proxy, kind: non_state, capabilities: {conventional: 0.1},
     attribution_capability: 0.1, deception: 0.5}
sectors:
  - {id: s_energy, name: Energy, kind: energy, actor: S, exposure: 0.8, vulnerability: 0.6,
     recovery_rate: 0.1, depends_on: {s_comms: 0.3}}
  - {id: s_comms, name: Comms, kind: communications, actor: S, exposure: 0.9,
     vulnerability: 0.7, recovery_rate: 0.2, depends_on: {s_energy: 0.5}}
  - {id: r_energy, name: Rival energy, kind: energy, actor: R, exposure: 0.3,
     vulnerability: 0.3, recovery_rate: 0.3}
alliances:
  - id: pact
    name: Pact
    members: [S]
    guarantors: [G]
    consultation_delay: 2
    commitment_probability: 0.6
    triggers:
      - {domain: cyber, min_rung: destructive_cyber, attribution_confidence: 0.6}
      - {domain: any, attributed_damage: 0.2}
policies:
  - {actor: R, kind: quantal_response, target: S, rationality: 4.0, max_rung: major_conventional}
  - {actor: S, kind: graduated, target: R, red_line: proxy_violence, red_line_clarity: 0.5,
     retaliation_confidence: 0.5}
  - {actor: G, kind: tit_for_tat, target: R}
  - {actor: X, kind: hawk, target: S, max_rung: proxy_violence}
crisis:
  initiator: R
  opening_rung: disruptive_cyber
  stop_at: kinetic
  settle_steps: 3
  misperception: 0.2
  false_alarm_rate: 0.05
levers:
  - id: same
    name: No change
    set: {actors.S.resolve: 0.7}
  - id: strong_attribution
    name: Strong attribution
    set: {actors.S.attribution_capability: 0.95}
"""


@pytest.fixture(scope="session")
def mechanisms() -> Scenario:
    return parse_scenario(MECHANISMS)
