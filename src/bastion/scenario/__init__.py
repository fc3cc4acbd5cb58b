"""The scenario model shared by all engines, and its loading and validation.

A scenario is a YAML or JSON document (see ``docs/scenario-guide.md``) validated into
immutable pydantic models. :func:`load_scenario` reports every problem at once, with
file, line, column, field path, the value received and what was expected.
"""

from bastion.scenario.actors import ACTOR_KINDS, Actor, Capabilities
from bastion.scenario.alliances import Alliance, Trigger
from bastion.scenario.crisis import Crisis
from bastion.scenario.default_ladder import default_ladder
from bastion.scenario.infrastructure import SECTOR_KINDS, SUPPLY_CATEGORIES, Sector, Supplier
from bastion.scenario.ladder import POLICY_KINDS, Ladder, Policy, Rung
from bastion.scenario.levers import Lever, UncertainParameter
from bastion.scenario.load import apply_lever, load_scenario, parse_scenario
from bastion.scenario.model import SCHEMA_VERSION, DataRef, Scenario, TimeSettings
from bastion.scenario.schema import scenario_json_schema

__all__ = [
    "ACTOR_KINDS",
    "POLICY_KINDS",
    "SCHEMA_VERSION",
    "SECTOR_KINDS",
    "SUPPLY_CATEGORIES",
    "Actor",
    "Alliance",
    "Capabilities",
    "Crisis",
    "DataRef",
    "Ladder",
    "Lever",
    "Policy",
    "Rung",
    "Scenario",
    "Sector",
    "Supplier",
    "TimeSettings",
    "Trigger",
    "UncertainParameter",
    "apply_lever",
    "default_ladder",
    "load_scenario",
    "parse_scenario",
    "scenario_json_schema",
]
