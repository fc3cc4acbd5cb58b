"""The scenario: one document that feeds all four engines."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr

from bastion.errors import ParameterError
from bastion.scenario._base import Id, ScenarioModel
from bastion.scenario.actors import Actor
from bastion.scenario.alliances import Alliance
from bastion.scenario.crisis import Crisis
from bastion.scenario.default_ladder import default_ladder
from bastion.scenario.infrastructure import Sector, Supplier
from bastion.scenario.ladder import Ladder, Policy
from bastion.scenario.levers import Lever, UncertainParameter

__all__ = ["SCHEMA_VERSION", "DataRef", "Scenario", "TimeSettings"]

SCHEMA_VERSION = 1


class TimeSettings(ScenarioModel):
    """The clock of simulations over the scenario."""

    step: Literal["hour", "day", "week", "month"] = Field(
        "day", description="Length of one time step: hour, day, week or month."
    )
    horizon: int = Field(
        90, ge=1, le=100_000, description="Number of time steps simulated, 1-100000."
    )


class DataRef(ScenarioModel):
    """A data file the scenario draws on, resolved relative to the scenario file."""

    id: Id
    kind: Literal["events", "ties", "indicators", "trade", "attributes"] = Field(
        description=(
            "events (ACLED / UCDP GED exports), ties (edge lists, matrices, GraphML, GEXF, "
            "UCINET DL), indicators (INFORM-like tables), trade (BACI / Comtrade-like "
            "tables) or attributes (node attribute tables)."
        )
    )
    path: str = Field(
        min_length=1,
        description="File path; relative paths are resolved against the scenario file's folder.",
    )
    format: str | None = Field(
        None,
        description="Format name (e.g. acled, ucdp_ged, edgelist, graphml); detected when absent.",
    )
    description: str = Field("", description="Source, version and licence of the file.")


class Scenario(ScenarioModel):
    """A security-policy scenario: actors, infrastructure, alliances, ladder and levers.

    Load one with :func:`bastion.load_scenario`, which reports every problem at once
    with file, line and column. Every number documents its unit and scale in the JSON
    Schema (``bastion schema``) and in ``docs/scenario-reference.md``.
    """

    schema_version: Literal[1] = Field(
        description="Version of the scenario format; this release reads version 1."
    )
    name: str = Field(min_length=1, description="Title of the scenario.")
    description: str = Field("", description="What the scenario is about and where it came from.")
    fictional: bool = Field(
        False, description="True for invented scenarios (all shipped examples are fictional)."
    )
    time: TimeSettings = Field(default_factory=TimeSettings, description="Simulation clock.")
    actors: list[Actor] = Field(min_length=1, description="Everyone who acts or supplies.")
    sectors: list[Sector] = Field(
        default_factory=list, description="Critical-infrastructure sectors of the actors."
    )
    suppliers: list[Supplier] = Field(
        default_factory=list, description="Supply shares per customer and capability category."
    )
    alliances: list[Alliance] = Field(default_factory=list, description="Alliances and guarantees.")
    ladder: Ladder | None = Field(
        None, description="Escalation ladder; the escalation engine's default is used when absent."
    )
    crisis: Crisis = Field(
        default_factory=Crisis,
        description="How a simulated crisis starts and ends, and the simulator's constants.",
    )
    policies: list[Policy] = Field(
        default_factory=list, description="Decision policy of each acting actor (one per actor)."
    )
    levers: list[Lever] = Field(
        default_factory=list, description="Named modifications to compare with the baseline."
    )
    uncertain: list[UncertainParameter] = Field(
        default_factory=list, description="Parameters varied in sensitivity analysis."
    )
    data: list[DataRef] = Field(default_factory=list, description="Data files the scenario uses.")

    _source: Path | None = PrivateAttr(None)
    _data_digests: dict[str, str] = PrivateAttr(default_factory=dict)

    @property
    def source(self) -> Path | None:
        """The file the scenario was loaded from, if any."""
        return self._source

    @property
    def effective_ladder(self) -> Ladder:
        """The scenario's ladder, or Bastion's default ladder when it defines none."""
        return self.ladder if self.ladder is not None else default_ladder()

    @property
    def scenario_hash(self) -> str:
        """SHA-256 of the canonical JSON form plus the digests of its data files.

        Two scenarios with the same hash give the same results for the same seed,
        engine version and backend; comments, key order and formatting do not matter.
        """
        canonical = {
            "scenario": self.model_dump(mode="json"),
            "data_sha256": dict(sorted(self._data_digests.items())),
        }
        text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def actor(self, actor_id: str) -> Actor:
        """The actor with id ``actor_id``."""
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        raise ParameterError(
            f"scenario {self.name!r} has no actor {actor_id!r}; actors: "
            + ", ".join(a.id for a in self.actors)
        )

    def data_path(self, data_id: str) -> Path:
        """Absolute path of the data file ``data_id``."""
        for ref in self.data:
            if ref.id == data_id:
                path = Path(ref.path)
                if not path.is_absolute() and self._source is not None:
                    path = self._source.parent / path
                return path.resolve()
        raise ParameterError(
            f"scenario {self.name!r} has no data file {data_id!r}; data: "
            + (", ".join(d.id for d in self.data) or "none")
        )

    def with_lever(self, lever_id: str) -> Scenario:
        """A new, validated scenario with lever ``lever_id`` applied."""
        from bastion.scenario.load import apply_lever

        return apply_lever(self, lever_id)
