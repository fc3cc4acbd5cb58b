"""Forecasting models of unit-month counts (each draws samples)."""
