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
from typing import Annotated, Any, Literal, TypeVar

from pydantic import Discriminator, Field, Tag, ValidationError, model_validator

from bastion.errors import DataFormatError, Issue
from bastion.exposure.composite import Node
from bastion.scenario._base import ScenarioModel
from bastion.scenario.document import read_document
from bastion.scenario.load import pydantic_issues

__all__ = [
    "IndexNode",
    "IndexSpec",
    "IndicatorSpec",
    "load_index",
    "load_index_spec",
    "prepare_indicators",
]


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


M = TypeVar("M", bound=ScenarioModel)


def _load(path: str | Path, model: type[M]) -> M:
    """Read ``path`` and validate it as ``model``; every problem at once, located."""
    doc, issues = read_document(path)
    try:
        result = model.model_validate(doc.data)
    except ValidationError as exc:
        found = [*issues, *pydantic_issues(exc, doc, model)]
        raise DataFormatError(sorted(found, key=lambda i: (i.line or 0, i.column or 0))) from None
    if issues:
        raise DataFormatError(issues)
    return result


def _unique_ids(root: Node, path: str | Path) -> Node:
    ids = [n.id for n in root.walk()]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataFormatError(
            Issue(
                f"aggregate ids must be unique; repeated: {', '.join(duplicates)}", file=str(path)
            )
        )
    return root


def load_index(path: str | Path) -> Node:
    """Read and validate an index tree; every problem is reported at once."""
    return _unique_ids(_load(path, IndexNode).to_node(), path)


Child = Annotated[
    Annotated[str, Tag("column")] | Annotated[IndexNode, Tag("node")],
    Discriminator(_kind),
]
IndexNode.model_rebuild()


class IndicatorSpec(ScenarioModel):
    """How one raw indicator column becomes a 0-10 (or other) score."""

    transform: Literal["none", "log", "power"] = Field("none", description="Applied first.")
    power: float | None = Field(None, description="Exponent of the power transform.")
    offset: float = Field(0.0, description="Added before a log transform.")
    normalise: Literal[
        "none", "min_max", "goalposts", "z_score", "rank", "percentile_rank", "distance_to_target"
    ] = Field("min_max", description="Normalisation method.")
    min: float | None = Field(None, description="Lower goalpost.")
    max: float | None = Field(None, description="Upper goalpost.")
    target: float | None = Field(None, description="Target of distance_to_target.")
    higher_is_better: bool = Field(
        False, description="Invert so that higher scores mean more risk."
    )
    scale: float = Field(10.0, gt=0, description="Top of the scale for min_max and goalposts.")
    impute: Literal["none", "mean", "median"] = Field(
        "none", description="Fill missing values after normalisation (recorded)."
    )

    @model_validator(mode="after")
    def _complete(self) -> IndicatorSpec:
        if self.normalise == "goalposts" and (self.min is None or self.max is None):
            raise ValueError("goalposts need min and max")
        if self.min is not None and self.max is not None and not self.min < self.max:
            raise ValueError(f"goalposts need min < max; got min={self.min}, max={self.max}")
        if self.normalise == "distance_to_target" and self.target is None:
            raise ValueError("distance_to_target needs target")
        if self.transform == "power" and self.power is None:
            raise ValueError("transform power needs power")
        return self


class IndexSpec(ScenarioModel):
    """An index file with indicator specifications: tree, indicators and the unit column."""

    unit: str = Field("iso3", description="Column naming the units (e.g. countries).")
    indicators: dict[str, IndicatorSpec] = Field(
        default_factory=dict, description="Normalisation per raw indicator column."
    )
    index: IndexNode = Field(description="The aggregation tree.")


def load_index_spec(path: str | Path) -> IndexSpec:
    """Read an index file with ``unit``, ``indicators`` and ``index`` sections."""
    spec = _load(path, IndexSpec)
    _unique_ids(spec.index.to_node(), path)
    return spec


def prepare_indicators(spec: IndexSpec, table: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Transform, normalise and impute the raw columns as the spec says; return notes."""
    import numpy as np

    from bastion.exposure import normalise as nz
    from bastion.exposure.impute import impute

    out: dict[str, Any] = {}
    notes: list[str] = []
    for column, values in table.items():
        setting = spec.indicators.get(column)
        if setting is None:
            out[column] = values
            continue
        x = np.asarray(values, dtype=float)
        if setting.transform == "log":
            x = nz.log_transform(x, offset=setting.offset).values
        elif setting.transform == "power":
            x = nz.power_transform(x, float(setting.power or 1.0)).values
        flip = setting.higher_is_better
        if setting.normalise == "goalposts":
            result = nz.goalposts(
                x,
                float(setting.min or 0),
                float(setting.max or 0),
                scale=setting.scale,
                higher_is_better=flip,
            )
            if result.clipped:
                notes.append(f"{column}: {result.clipped} value(s) clipped to the goalposts")
            x = result.values
        elif setting.normalise == "min_max":
            x = nz.min_max(x, scale=setting.scale, higher_is_better=flip).values
        elif setting.normalise == "z_score":
            x = nz.z_score(x, higher_is_better=flip).values
        elif setting.normalise == "rank":
            x = nz.rank(x, higher_is_better=flip).values
        elif setting.normalise == "percentile_rank":
            x = nz.percentile_rank(x, higher_is_better=flip).values
        elif setting.normalise == "distance_to_target":
            x = nz.distance_to_target(x, float(setting.target or 0), higher_is_better=flip).values
        if setting.impute != "none" and np.isnan(x).any():
            x, mask = impute(x, method=setting.impute)
            notes.append(f"{column}: {int(mask.sum())} missing value(s) imputed ({setting.impute})")
        out[column] = x
    return out, notes
