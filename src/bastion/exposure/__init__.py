"""Exposure engine: composite indices, supply concentration and geopolitical supply risk."""

from bastion.exposure.aggregation import aggregate, inform_operator, round_half_away
from bastion.exposure.composite import Node, decompose, evaluate, inform_upper_levels
from bastion.exposure.supply import GeoPolRisk, geopolrisk, herfindahl
from bastion.exposure.vendors import supplier_exposure

__all__ = [
    "GeoPolRisk",
    "Node",
    "aggregate",
    "decompose",
    "evaluate",
    "geopolrisk",
    "herfindahl",
    "inform_operator",
    "inform_upper_levels",
    "round_half_away",
    "supplier_exposure",
]
