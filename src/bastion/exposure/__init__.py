"""Exposure engine: supply concentration and geopolitical supply risk (more to come)."""

from bastion.exposure.supply import GeoPolRisk, geopolrisk, herfindahl

__all__ = ["GeoPolRisk", "geopolrisk", "herfindahl"]
