"""Warning engine: event data in, indicators, probabilistic forecasts, alerts, backtests.

The ViEWS challenge backtest is :mod:`bastion.warning.challenge`; the forecasters are in
:mod:`bastion.warning.models`.
"""

from bastion.warning.panel import Panel, month_id, month_of
from bastion.warning.scoring import crps, ignorance, interval_score, score

__all__ = ["Panel", "crps", "ignorance", "interval_score", "month_id", "month_of", "score"]
