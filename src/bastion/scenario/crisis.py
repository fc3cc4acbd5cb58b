"""How a simulated crisis starts and ends, and the behavioural constants of the simulator."""

from __future__ import annotations

from pydantic import Field

from bastion.scenario._base import Id, NonNegative, Probability, ScenarioModel

__all__ = ["Crisis"]


class Crisis(ScenarioModel):
    """The crisis the escalation engine simulates.

    Every number here can be named in a lever or declared uncertain, so sensitivity
    analysis and calibration can vary it like any other scenario parameter.
    """

    initiator: Id | None = Field(
        None,
        description="Id of the actor (with a policy) whose opening action starts the crisis.",
    )
    opening_rung: Id | None = Field(
        None, description="Id of the rung of the opening action (needs an initiator)."
    )
    stop_at: str | None = Field(
        "kinetic",
        description=(
            "Name of the ladder threshold whose crossing ends a run (e.g. kinetic); null "
            "runs every crisis to settlement or the horizon."
        ),
    )
    settle_steps: int = Field(
        5,
        ge=1,
        description=(
            "Consecutive steps in which no actor takes hostile action (everyone at the "
            "lowest rung) that count as a settlement, >= 1."
        ),
    )
    escalation_step: int = Field(
        1,
        ge=1,
        description=(
            "Most rungs an actor climbs in one step above the current crisis level (its own "
            "last rung or the threat it perceives), >= 1."
        ),
    )
    misperception: Probability = Field(
        0.10,
        description=(
            "Misperception, [0, 1]: probability that an attributed action is seen one rung "
            "higher, and equally one rung lower, than it was, for an observer with no "
            "attribution capability (scaled by 1 - capability and by the number of "
            "simultaneous hostile actions: information overload)."
        ),
    )
    false_alarm_rate: Probability = Field(
        0.02,
        description=(
            "False alarms, [0, 1] per step: probability that an observer with no attribution "
            "capability attributes a low-rung hostile action that did not happen (scaled by "
            "1 - capability)."
        ),
    )
    audience_cost: NonNegative = Field(
        0.10,
        description=(
            "Audience (reputation) cost per rung of backing down, in ladder utility units, "
            "scaled by the actor's resolve, >= 0 (Fearon 1994)."
        ),
    )
    reciprocity: NonNegative = Field(
        0.30,
        description=(
            "Utility of answering a perceived hostile action at least in kind, in ladder "
            "utility units, scaled by the actor's resolve, >= 0."
        ),
    )
    denial_weight: NonNegative = Field(
        1.0,
        description=(
            "Weight of denial in an attacker's coercive gain: the target's mean sector "
            "inoperability if the rung were sustained, in ladder utility units per unit of "
            "inoperability, >= 0. With 0, resilience does not deter (Snyder 1961)."
        ),
    )
    retaliation_weight: NonNegative = Field(
        1.0,
        description=(
            "Weight of the expected retaliation cost in quantal-response utilities, >= 0."
        ),
    )
