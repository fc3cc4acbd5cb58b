"""Networks engine: clandestine arms, finance and alliance networks.

One family of analyses per module: centrality (and sampled betweenness), brokerage
(Burt; Gould & Fernandez), key players (Borgatti), interdiction (max-flow / min-cut;
Wood's budgeted interdiction), disruption (sequential removal), communities (Leiden,
multiplex, tracking), durability (tactical vs strategic ties), link prediction, flows
(time-respecting paths, greedy flow, taint) and the phase timeline.
"""

from bastion.networks.brokerage import ROLES, constraint, effective_size, gould_fernandez
from bastion.networks.centrality import (
    MEASURES,
    centralisation,
    centrality,
    sampled_betweenness,
)
from bastion.networks.communities import Communities, components, leiden, multiplex_leiden, track
from bastion.networks.disruption import Removal, sequential_removal
from bastion.networks.durability import Rules, TieHistory, durability
from bastion.networks.flows import Transactions, earliest_arrival, greedy_flow, taint
from bastion.networks.graph import Network, Ties, from_edgelist
from bastion.networks.interdiction import FlowResult, Interdiction, interdict, max_flow
from bastion.networks.keyplayer import (
    KeyPlayers,
    distance_fragmentation,
    fragmentation,
    key_players,
    reach,
)
from bastion.networks.linkpred import evaluate, predict
from bastion.networks.timeline import partitions, profile, remove_at, reorganisation

__all__ = [
    "MEASURES",
    "ROLES",
    "Communities",
    "FlowResult",
    "Interdiction",
    "KeyPlayers",
    "Network",
    "Removal",
    "Rules",
    "TieHistory",
    "Ties",
    "Transactions",
    "centralisation",
    "centrality",
    "components",
    "constraint",
    "distance_fragmentation",
    "durability",
    "earliest_arrival",
    "effective_size",
    "evaluate",
    "fragmentation",
    "from_edgelist",
    "gould_fernandez",
    "greedy_flow",
    "interdict",
    "key_players",
    "leiden",
    "max_flow",
    "multiplex_leiden",
    "partitions",
    "predict",
    "profile",
    "reach",
    "remove_at",
    "reorganisation",
    "sampled_betweenness",
    "sequential_removal",
    "taint",
    "track",
]
