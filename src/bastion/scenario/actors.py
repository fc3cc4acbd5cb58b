"""Actors: states, alliances, non-state groups, companies and persons."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from bastion.scenario._base import Id, Probability, ScenarioModel, Unit

__all__ = ["ACTOR_KINDS", "Actor", "Capabilities"]

ACTOR_KINDS = ("state", "alliance", "non_state", "company", "person")


class Capabilities(ScenarioModel):
    """Capability by domain on a common relative scale.

    Each value is in [0, 1]: 0 means no usable capability in the domain, 1 means the
    strongest capability an analyst would expect among the actors of the scenario (the
    frontier). The scale is ordinal-with-intervals by convention: state the source you
    used (e.g. the Belfer NCPI for cyber) in the actor's ``description``.
    """

    cyber: Unit = Field(0.0, description="Offensive and defensive cyber capability, [0, 1].")
    space: Unit = Field(0.0, description="Space and counter-space capability, [0, 1].")
    conventional: Unit = Field(0.0, description="Conventional military capability, [0, 1].")
    information: Unit = Field(
        0.0, description="Information-operations and influence capability, [0, 1]."
    )
    nuclear: Unit = Field(0.0, description="Nuclear capability, [0, 1]; 0 for non-nuclear actors.")


class Actor(ScenarioModel):
    """A decision-making or supplying entity in the scenario."""

    id: Id
    name: str = Field(min_length=1, description="Display name.")
    kind: Literal["state", "alliance", "non_state", "company", "person"] = Field(
        description="What the actor is: state, alliance, non_state, company or person."
    )
    iso3: str | None = Field(
        None,
        pattern=r"^[A-Z]{3}$",
        description="ISO 3166-1 alpha-3 code where the actor is (or is based in) a real country.",
    )
    description: str = Field("", description="Free text, including the sources of the numbers.")
    capabilities: Capabilities = Field(
        default_factory=Capabilities, description="Capability by domain, each in [0, 1]."
    )
    resolve: Probability = Field(
        0.5,
        description=(
            "Resolve, [0, 1]: willingness to bear costs to prevail; 0 folds at any cost, "
            "1 accepts any cost. Weights the expected retaliation an adversary perceives."
        ),
    )
    cost_tolerance: Probability = Field(
        0.5,
        description=(
            "Cost tolerance, [0, 1]: the share of the worst damage on the ladder the actor "
            "accepts before it prefers to de-escalate."
        ),
    )
    attribution_capability: Probability = Field(
        0.5,
        description=(
            "Attribution capability, [0, 1]: ability to detect hostile actions and identify "
            "their author; higher means more detections and shorter attribution delays."
        ),
    )
    deception: Probability = Field(
        0.0,
        description=(
            "Deception, [0, 1]: ability to mislead others' attribution (false flags, "
            "deniable proxies); raises the chance of misattribution of this actor's actions."
        ),
    )
