"""Readers for real data formats (events, networks, indicators, trade, crisis history)."""

from bastion.io._csv import IntegerColumn
from bastion.io.events_history import read_dcid_severity, read_icb_response_days, read_mid_hostility

__all__ = ["IntegerColumn", "read_dcid_severity", "read_icb_response_days", "read_mid_hostility"]
