"""Shared configuration and field types of the scenario model."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

__all__ = [
    "DOMAINS",
    "Domain",
    "Id",
    "NonNegative",
    "Probability",
    "ScenarioModel",
    "Unit",
]


class ScenarioModel(BaseModel):
    """Base of every scenario record: immutable, strict, no unknown keys, no NaN."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        frozen=True,
        allow_inf_nan=False,
        validate_default=True,
        use_attribute_docstrings=False,
    )


Id = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$"),
    Field(
        description=(
            "Identifier: 1-64 letters, digits, '_' or '-' (no dots or spaces, since dots "
            "separate the parts of lever paths). Unique within its list."
        )
    ),
]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]
NonNegative = Annotated[float, Field(ge=0.0)]

DOMAINS = ("cyber", "space", "conventional", "information", "nuclear")
Domain = Literal["cyber", "space", "conventional", "information", "nuclear"]
