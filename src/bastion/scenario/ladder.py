"""The escalation ladder and the policies actors use to climb or descend it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bastion.scenario._base import Domain, Id, NonNegative, Probability, ScenarioModel, Unit

__all__ = ["POLICY_KINDS", "Ladder", "Policy", "Rung"]

POLICY_KINDS = ("quantal_response", "tit_for_tat", "graduated", "hawk", "dove", "restraint")


class Rung(ScenarioModel):
    """One rung of the escalation ladder (after Kahn 1965, across domains)."""

    id: Id
    name: str = Field(min_length=1, description="Display name.")
    domain: Domain = Field(description="Domain the action belongs to.")
    severity: NonNegative = Field(
        description="Severity, >= 0; must strictly increase up the ladder (ordinal scale)."
    )
    deniability: Unit = Field(
        0.0,
        description=(
            "Deniability, [0, 1]: how hard the action is to attribute; 0 is overt, 1 is "
            "practically unattributable."
        ),
    )
    cost: NonNegative = Field(
        0.0,
        description="Cost to the acting actor per step, in the ladder's utility units, >= 0.",
    )
    damage: dict[str, Unit] = Field(
        default_factory=dict,
        description=(
            "Nominal damage per step by sector kind (energy, communications, ...), [0, 1] "
            "as a share of the sector's capacity, before exposure and vulnerability."
        ),
    )
    kinetic: bool = Field(False, description="Whether the action uses physical force.")


class Ladder(ScenarioModel):
    """An ordered escalation ladder with named thresholds."""

    rungs: list[Rung] = Field(
        min_length=2, description="Rungs from least to most severe (severity strictly increasing)."
    )
    thresholds: dict[str, Id] = Field(
        default_factory=dict,
        description=(
            "Named thresholds, e.g. {kinetic: limited_conventional}: outcome name -> id of the "
            "first rung that counts as crossing it."
        ),
    )


class Policy(ScenarioModel):
    """How one actor chooses its rung each step."""

    actor: Id = Field(description="Id of the actor following this policy (one policy per actor).")
    kind: Literal["quantal_response", "tit_for_tat", "graduated", "hawk", "dove", "restraint"] = (
        Field(
            description=(
                "quantal_response (stochastic best response over expected utility), or a "
                "scripted baseline: tit_for_tat, graduated, hawk, dove, restraint."
            )
        )
    )
    target: Id | None = Field(None, description="Id of the actor the policy is directed at.")
    rationality: NonNegative = Field(
        2.0,
        description=(
            "Quantal-response precision lambda, >= 0: 0 chooses uniformly at random, large "
            "values approach the best response (McKelvey & Palfrey 1995)."
        ),
    )
    max_rung: Id | None = Field(None, description="Id of the highest rung the actor will use.")
    red_line: Id | None = Field(
        None, description="Id of the rung at which this actor commits to retaliate."
    )
    red_line_clarity: Probability = Field(
        0.5,
        description="Probability the adversary knows this actor's red line, [0, 1].",
    )
    retaliation_confidence: Probability = Field(
        0.5,
        description="Attribution confidence needed before retaliating, [0, 1].",
    )
