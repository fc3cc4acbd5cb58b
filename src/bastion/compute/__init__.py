"""Compute infrastructure shared by the engines: seeds and random streams."""

from bastion.compute.seeds import SeedLike, SeedRecord, resolve_seed

__all__ = ["SeedLike", "SeedRecord", "resolve_seed"]
