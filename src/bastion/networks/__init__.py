"""Networks engine: clandestine arms, finance and alliance networks (first slice: disruption)."""

from bastion.networks.brokerage import constraint, effective_size
from bastion.networks.centrality import MEASURES, centralisation, centrality
from bastion.networks.disruption import Removal, sequential_removal
from bastion.networks.graph import Network, Ties, from_edgelist

__all__ = [
    "MEASURES",
    "Network",
    "Removal",
    "Ties",
    "centralisation",
    "centrality",
    "constraint",
    "effective_size",
    "from_edgelist",
    "sequential_removal",
]
