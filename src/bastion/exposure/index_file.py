"""Composite indices defined in YAML or JSON files.

A file describes the tree from the top::

    id: risk
    name: My risk index
    method: geometric        # arithmetic | geometric | harmonic | power | inform
    decimals: 1              # optional rounding (half away from zero) of this level
    children:
      - id: hazard
        method: inform
        children: [earthquake, flood]     # column names of the indicator table
        weights: [2, 1]
      - coping                            # a column used directly

Errors name the file, line and column (the scenario loader's machinery).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, ValidationError, model_validator

from bastion.errors import DataFormatError, Issue
from bastion.exposure.composite import Node
from bastion.scenario._base import ScenarioModel
from bastion.scenario.document import read_document
from bastion.scenario.load import pydantic_issues

__all__ = ["IndexNode", "load_index"]


def _kind(value: Any) -> str:
    return "column" if isinstance(value, str) else "node"


class IndexNode(ScenarioModel):
    """One aggregate of a composite index, as written in an index file."""

    id: str = Field(min_length=1, description="Name of this aggregate.")
    name: str = Field("", description="Display name.")
    method: Literal["arithmetic", "geometric", "harmonic", "power", "inform"] = Field(
        "arithmetic", description="Aggregation operator."
    )
    power: float | None = Field(None, description="Order of the mean when method is power.")
    weights: list[float] | None = Field(
        None, description="Non-negative weights, one per child (equal when absent)."
    )
    decimals: int | None = Field(None, ge=0, le=10, description="Round this level to n decimals.")
    children: list[Child] = Field(min_length=1, description="Columns or aggregates.")

    @model_validator(mode="after")
    def _consistent(self) -> IndexNode:
        if self.weights is not None:
            if len(self.weights) != len(self.children):
                raise ValueError(
                    f"{len(self.weights)} weights for {len(self.children)} children; give one "
                    "weight per child"
                )
            if any(w < 0 for w in self.weights) or sum(self.weights) == 0:
                raise ValueError("weights must be non-negative and not all zero")
        if self.method == "power" and self.power is None:
            raise ValueError("method 'power' needs power: p")
        return self

    def to_node(self) -> Node:
        """The evaluable :class:`Node` tree."""
        return Node(
            id=self.id,
            children=[c if isinstance(c, str) else c.to_node() for c in self.children],
            method=self.method,
            weights=self.weights,
            decimals=self.decimals,
            power=self.power,
            name=self.name,
        )


def load_index(path: str | Path) -> Node:
    """Read and validate an index definition; every problem is reported at once."""
    doc, issues = read_document(path)
    try:
        model = IndexNode.model_validate(doc.data)
    except ValidationError as exc:
        found = [*issues, *pydantic_issues(exc, doc, IndexNode)]
        raise DataFormatError(sorted(found, key=lambda i: (i.line or 0, i.column or 0))) from None
    ids = [n.id for n in model.to_node().walk()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        issues.append(
            Issue(
                f"aggregate ids must be unique; repeated: {', '.join(duplicates)}", file=str(path)
            )
        )
    if issues:
        raise DataFormatError(issues)
    return model.to_node()


Child = Annotated[
    Annotated[str, Tag("column")] | Annotated[IndexNode, Tag("node")],
    Discriminator(_kind),
]
IndexNode.model_rebuild()
