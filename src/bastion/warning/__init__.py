"""Warning engine: event data in, indicators, probabilistic forecasts, alerts, backtests.

Events are imported into an :class:`EventStore`; :func:`unit_months` computes indicators;
:func:`forecast` draws samples from any forecaster of :mod:`bastion.warning.models`;
:func:`run_challenge` is the ViEWS 2023/24 backtest; :func:`evaluate_rules` raises alerts.
"""

from bastion.warning.alerts import DEFAULT_RULES, Rule, evaluate_rules, read_rules
from bastion.warning.challenge import RECOMMENDED, Window, default_models, run_challenge
from bastion.warning.forecast import forecast, panel_from_table
from bastion.warning.indicators import by_type, unit_months
from bastion.warning.panel import Panel, month_id, month_of
from bastion.warning.scoring import crps, ignorance, interval_score, score
from bastion.warning.store import EventStore

__all__ = [
    "DEFAULT_RULES",
    "RECOMMENDED",
    "EventStore",
    "Panel",
    "Rule",
    "Window",
    "by_type",
    "crps",
    "default_models",
    "evaluate_rules",
    "forecast",
    "ignorance",
    "interval_score",
    "month_id",
    "month_of",
    "panel_from_table",
    "read_rules",
    "run_challenge",
    "score",
    "unit_months",
]
