"""Escalation engine: a vectorised Monte Carlo crisis simulator.

Multi-domain escalation ladder, quantal-response and scripted policies, imperfect and
delayed attribution with deception and false alarms, misperception, alliance triggers
with consultation and commitment, sector damage with interdependent recovery, and
termination by settlement, a named threshold or the horizon. See
``docs/methods/escalation.md`` for the model and its references.
"""

from bastion.escalation.backends import BACKENDS, get_backend
from bastion.escalation.compare import Comparison, LeverEffect, compare_levers
from bastion.escalation.ensemble import EnsembleResult, records_table, run_ensemble
from bastion.escalation.params import Params, compile_params
from bastion.escalation.reference import ReferenceRun, simulate_reference
from bastion.escalation.summary import EnsembleSummary, wilson_interval

__all__ = [
    "BACKENDS",
    "Comparison",
    "EnsembleResult",
    "EnsembleSummary",
    "LeverEffect",
    "Params",
    "ReferenceRun",
    "compare_levers",
    "compile_params",
    "get_backend",
    "records_table",
    "run_ensemble",
    "simulate_reference",
    "wilson_interval",
]
