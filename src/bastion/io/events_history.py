"""Readers for the historical crisis and conflict data the escalation engine is calibrated on.

Each reader reads the column a calibration target needs from the file as the data's
producers distribute it (or as exported unchanged to CSV), and checks its values.

References
----------
- Maness, R., Valeriano, B., Hedgecock, K., Jensen, B. & Macias, J. (2022). The Dyadic Cyber
  Incident and Campaign Dataset (DCID) v2.0. Harvard Dataverse, doi:10.7910/DVN/CQOMYV.
  Column ``severity``: 0-10.
- Palmer, G. et al. (2022). The MID5 dataset, 2011-2014. *Conflict Management and Peace
  Science* 39(4). Correlates of War MID v5.0, dispute level; column ``hostlev``: 1 no
  militarised action, 2 threat, 3 display, 4 use of force, 5 war.
- Brecher, M. & Wilkenfeld, J. (2000). *A Study of Crisis*; ICB actor-level data v15; column
  ``trgresra``: days from the crisis trigger to the actor's major response.
"""

from __future__ import annotations

from pathlib import Path

from bastion.io._csv import IntegerColumn, read_integer_column

__all__ = ["read_dcid_severity", "read_icb_response_days", "read_mid_hostility"]


def read_dcid_severity(path: str | Path) -> IntegerColumn:
    """Severity (0-10) of each cyber incident in a DCID 2.0 incidents CSV."""
    return read_integer_column(path, "severity", low=0, high=10, meaning="DCID severity")


def read_mid_hostility(path: str | Path) -> IntegerColumn:
    """Highest hostility level (1-5) of each dispute in a COW MID dispute-level CSV."""
    return read_integer_column(path, "hostlev", low=1, high=5, meaning="MID hostility level")


def read_icb_response_days(path: str | Path) -> IntegerColumn:
    """Days from trigger to major response of each actor in an ICB actor-level CSV."""
    return read_integer_column(
        path, "trgresra", low=0, high=100_000, meaning="ICB days from trigger to major response"
    )
