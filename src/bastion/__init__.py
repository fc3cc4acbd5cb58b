"""Bastion: security-policy analysis over one scenario model.

The public API lives here; everything else is internal and may change.

>>> import bastion
>>> scenario = bastion.load_scenario(bastion.example_path("northmarch"))
>>> scenario.actor("NMR").name
'Northmarch'
"""

from bastion._version import __version__
from bastion.compute import SeedRecord, resolve_seed
from bastion.errors import (
    BastionError,
    BastionWarning,
    DataFormatError,
    Issue,
    MissingDependencyError,
    ParameterError,
    ScenarioError,
    StoreError,
)
from bastion.examples import example_names, example_path
from bastion.report import Section, build_report
from bastion.scenario import Scenario, load_scenario, parse_scenario, scenario_json_schema
from bastion.store import RunRecord, Workspace

__all__ = [
    "BastionError",
    "BastionWarning",
    "DataFormatError",
    "Issue",
    "MissingDependencyError",
    "ParameterError",
    "RunRecord",
    "Scenario",
    "ScenarioError",
    "Section",
    "SeedRecord",
    "StoreError",
    "Workspace",
    "__version__",
    "build_report",
    "example_names",
    "example_path",
    "load_scenario",
    "parse_scenario",
    "resolve_seed",
    "scenario_json_schema",
]
