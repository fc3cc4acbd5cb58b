"""Levers (named scenario modifications) and uncertain parameters."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from bastion.scenario._base import Id, ScenarioModel

__all__ = ["Lever", "LeverValue", "UncertainParameter"]

LeverValue = bool | int | float | str | list[str] | list[float] | None


class Lever(ScenarioModel):
    """A named modification of the scenario, compared against the baseline.

    ``set`` maps paths to new values. A path names a field through the scenario's
    lists by id, e.g. ``actors.NMR.attribution_capability``,
    ``alliances.pact.consultation_delay``, ``ladder.rungs.cyber_disrupt.damage.energy``
    or ``policies.VAR.rationality`` (policies are named by their actor). Lists whose
    items have no id (alliance triggers) are indexed from 0: ``alliances.pact.triggers.0``.
    """

    id: Id
    name: str = Field(min_length=1, description="Display name.")
    description: str = Field("", description="What the lever represents in the real world.")
    set: dict[str, LeverValue] = Field(
        min_length=1,
        description="Path -> new value. The modified scenario must itself be valid.",
    )


class UncertainParameter(ScenarioModel):
    """A scenario number treated as uncertain in sensitivity and uncertainty analysis."""

    path: str = Field(
        min_length=1, description="Path of a numeric field, written as in a lever's ``set``."
    )
    distribution: Literal["uniform", "normal", "triangular"] = Field(
        description="uniform(low, high), normal(mean, sd) or triangular(low, mode, high)."
    )
    low: float | None = Field(None, description="Lower bound (uniform, triangular).")
    high: float | None = Field(None, description="Upper bound (uniform, triangular).")
    mode: float | None = Field(None, description="Mode (triangular).")
    mean: float | None = Field(None, description="Mean (normal).")
    sd: float | None = Field(None, gt=0.0, description="Standard deviation (normal), > 0.")

    @model_validator(mode="after")
    def _parameters_match(self) -> UncertainParameter:
        needs = {
            "uniform": ("low", "high"),
            "normal": ("mean", "sd"),
            "triangular": ("low", "mode", "high"),
        }[self.distribution]
        missing = [name for name in needs if getattr(self, name) is None]
        if missing:
            raise ValueError(f"a {self.distribution} distribution needs {', '.join(missing)}")
        if self.low is not None and self.high is not None and not self.low < self.high:
            raise ValueError(f"low must be below high; got low={self.low}, high={self.high}")
        if (
            self.mode is not None
            and self.low is not None
            and self.high is not None
            and not self.low <= self.mode <= self.high
        ):
            raise ValueError(
                f"mode must lie in [low, high]; got low={self.low}, mode={self.mode}, "
                f"high={self.high}"
            )
        return self
