"""Bastion's default multi-domain escalation ladder.

Eleven rungs from sub-crisis competition to strategic use, after Kahn's escalation
ladder (Kahn 1965, *On Escalation: Metaphors and Scenarios*) adapted across the cyber,
space, information and conventional domains in the manner of the cross-domain
deterrence literature (Gartzke & Lindsay 2019, *Cross-Domain Deterrence*). Severities
are ordinal; damage per step is a share of sector capacity before exposure and
vulnerability; costs are in the ladder's utility units (0-1). The numbers are
Bastion's own defaults: calibrate them (``bastion escalation calibrate``) or replace
the ladder in the scenario.
"""

from __future__ import annotations

from functools import cache

from bastion.scenario.ladder import Ladder, Rung

__all__ = ["default_ladder"]

_RUNGS = [
    ("competition", "Sub-crisis competition", "information", 0, 0.90, 0.00, {}, False),
    ("espionage", "Cyber espionage", "cyber", 1, 0.85, 0.02, {}, False),
    ("info_ops", "Information operations", "information", 2, 0.75, 0.03, {"finance": 0.01}, False),
    (
        "disruptive_cyber",
        "Disruptive cyber operations",
        "cyber",
        3,
        0.65,
        0.05,
        {"communications": 0.06, "finance": 0.04},
        False,
    ),
    (
        "proxy_violence",
        "Deniable proxy violence",
        "conventional",
        4,
        0.60,
        0.08,
        {"transport": 0.05, "energy": 0.02},
        False,
    ),
    (
        "space_interference",
        "Space and GNSS interference",
        "space",
        5,
        0.50,
        0.10,
        {"transport": 0.06, "communications": 0.05},
        False,
    ),
    (
        "destructive_cyber",
        "Destructive cyber attack on infrastructure",
        "cyber",
        6,
        0.45,
        0.15,
        {"energy": 0.15, "communications": 0.12, "finance": 0.08},
        False,
    ),
    (
        "blockade",
        "Coercive blockade and show of force",
        "conventional",
        7,
        0.05,
        0.25,
        {"transport": 0.20, "energy": 0.10},
        True,
    ),
    (
        "limited_conventional",
        "Limited conventional strikes",
        "conventional",
        8,
        0.0,
        0.40,
        {"energy": 0.25, "transport": 0.25, "communications": 0.15},
        True,
    ),
    (
        "major_conventional",
        "Major conventional war",
        "conventional",
        9,
        0.0,
        0.70,
        {"energy": 0.45, "transport": 0.45, "communications": 0.35, "finance": 0.25},
        True,
    ),
    (
        "strategic",
        "Strategic use",
        "nuclear",
        10,
        0.0,
        1.0,
        {"energy": 0.9, "transport": 0.9, "communications": 0.9, "finance": 0.9},
        True,
    ),
]


@cache
def default_ladder() -> Ladder:
    """The default 11-rung cross-domain ladder.

    Its thresholds are ``cyber_disruption``, ``destructive_cyber``, ``kinetic`` (the
    blockade) and ``war``.
    """
    rungs = [
        Rung(
            id=rid,
            name=name,
            domain=domain,  # type: ignore[arg-type]
            severity=float(severity),
            deniability=deniability,
            cost=cost,
            damage=damage,
            kinetic=kinetic,
        )
        for rid, name, domain, severity, deniability, cost, damage, kinetic in _RUNGS
    ]
    return Ladder(
        rungs=rungs,
        thresholds={
            "cyber_disruption": "disruptive_cyber",
            "destructive_cyber": "destructive_cyber",
            "kinetic": "blockade",
            "war": "major_conventional",
        },
    )
