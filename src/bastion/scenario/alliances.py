"""Alliances: members, guarantors and the triggers that activate them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from bastion.scenario._base import Domain, Id, NonNegative, Probability, ScenarioModel, Unit

__all__ = ["Alliance", "Trigger"]


class Trigger(ScenarioModel):
    """A condition under which an alliance's consultation starts.

    A trigger fires when a hostile action in ``domain`` against a member reaches
    ``min_rung`` (or beyond) or when the cumulative attributed damage to the member's
    sectors reaches ``attributed_damage``; in both cases only once the member's
    attribution confidence is at least ``attribution_confidence``.
    """

    domain: Domain | Literal["any"] = Field(
        description="Domain of the hostile action: cyber, space, conventional, information, "
        "nuclear, or any."
    )
    min_rung: Id | None = Field(
        None, description="Id of the lowest ladder rung that fires the trigger."
    )
    attributed_damage: Unit | None = Field(
        None,
        description=(
            "Threshold on cumulative attributed damage, [0, 1] as a weighted share of the "
            "member's sector capacity."
        ),
    )
    attribution_confidence: Probability = Field(
        0.0,
        description="Attribution confidence, [0, 1], needed before the member invokes it.",
    )

    @model_validator(mode="after")
    def _needs_a_threshold(self) -> Trigger:
        if self.min_rung is None and self.attributed_damage is None:
            raise ValueError("a trigger needs min_rung, attributed_damage or both")
        return self


class Alliance(ScenarioModel):
    """A defensive alliance or security guarantee."""

    id: Id
    name: str = Field(min_length=1, description="Display name.")
    members: list[Id] = Field(min_length=1, description="Ids of the actors the alliance protects.")
    guarantors: list[Id] = Field(
        default_factory=list,
        description="Ids of the actors that commit to defend the members (may include members).",
    )
    triggers: list[Trigger] = Field(
        default_factory=list, description="Conditions that start consultation."
    )
    consultation_delay: NonNegative = Field(
        0.0,
        description="Time steps between a trigger firing and the alliance's decision, >= 0.",
    )
    commitment_probability: Probability = Field(
        0.5,
        description="Probability the guarantors act once consultation ends, [0, 1].",
    )
    interoperability: Unit = Field(
        0.5,
        description=(
            "Interoperability, [0, 1]: share of the guarantors' capability usable together "
            "with the members' forces."
        ),
    )
