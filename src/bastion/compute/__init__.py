"""Compute infrastructure shared by the engines: seeds, random streams, executors."""

from bastion.compute.executors import EXECUTORS, Executor, get_executor
from bastion.compute.seeds import SeedLike, SeedRecord, resolve_seed

__all__ = ["EXECUTORS", "Executor", "SeedLike", "SeedRecord", "get_executor", "resolve_seed"]
