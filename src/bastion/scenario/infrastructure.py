"""Sectors of critical infrastructure and the suppliers of capabilities."""

from __future__ import annotations

from pydantic import Field, model_validator

from bastion.scenario._base import Id, NonNegative, Probability, ScenarioModel, Unit

__all__ = ["SECTOR_KINDS", "SUPPLY_CATEGORIES", "Sector", "Supplier"]

SECTOR_KINDS = ("energy", "communications", "transport", "finance")
SUPPLY_CATEGORIES = (
    "defence_systems",
    "energy",
    "communications_equipment",
    "critical_minerals",
)


class Sector(ScenarioModel):
    """A sector of one actor's critical infrastructure.

    ``depends_on`` holds the interdependency coefficients of the Inoperability
    Input-Output Model (Haimes & Jiang 2001): ``depends_on[j] = a`` means that a unit
    of inoperability in sector ``j`` causes ``a`` units of inoperability in this sector.
    """

    id: Id
    name: str = Field(min_length=1, description="Display name.")
    kind: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description=(
            "Sector kind: energy, communications, transport, finance, or a user-defined "
            "lower-case name (e.g. water, health). Ladder rungs damage sectors by kind."
        ),
    )
    actor: Id = Field(description="Id of the actor whose infrastructure this is.")
    exposure: Unit = Field(
        description="Exposure, [0, 1]: share of the sector reachable by hostile action."
    )
    vulnerability: Unit = Field(
        description=(
            "Vulnerability, [0, 1]: share of an attack's nominal damage that an exposed "
            "part of the sector actually suffers."
        )
    )
    recovery_rate: Unit = Field(
        description=(
            "Recovery rate, [0, 1] per time step: fraction of the current damage "
            "(inoperability) restored in one step; 0 never recovers, 1 recovers at once."
        )
    )
    weight: NonNegative = Field(
        1.0,
        description=(
            "Relative importance (e.g. share of GDP or of essential services) used when "
            "sector damage is summed to one figure; >= 0."
        ),
    )
    depends_on: dict[str, Unit] = Field(
        default_factory=dict,
        description=(
            "Interdependency coefficients a_ij in [0, 1] keyed by the id of the sector this "
            "one depends on (Inoperability Input-Output Model)."
        ),
    )


class Supplier(ScenarioModel):
    """One supplier's share of one actor's supply of one capability category."""

    id: Id
    category: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        description=(
            "Capability category: defence_systems, energy, communications_equipment, "
            "critical_minerals, or a user-defined lower-case name."
        ),
    )
    customer: Id = Field(description="Id of the actor being supplied.")
    supplier: Id = Field(description="Id of the supplying actor (usually a company or state).")
    origin: Id | None = Field(
        None,
        description="Id of the state the supply comes from, if different from the supplier.",
    )
    share: Unit = Field(
        description=(
            "Share of the customer's supply in this category, [0, 1]. Shares of one "
            "customer and category must sum to 1 (within 0.01)."
        )
    )
    reliability: Probability = Field(
        description="Probability the supplier delivers as contracted during a crisis, [0, 1]."
    )
    technology_age_years: NonNegative = Field(
        0.0, description="Years the supplied technology has been in service, >= 0."
    )
    lifecycle_years: float = Field(
        20.0, gt=0.0, description="Expected service life of the technology in years, > 0."
    )

    @model_validator(mode="after")
    def _origin_differs(self) -> Supplier:
        if self.origin is not None and self.origin == self.supplier:
            raise ValueError(
                f"origin {self.origin!r} repeats supplier; leave origin out when the "
                "supplier is itself the state of origin"
            )
        return self
