"""Bastion."""
