"""Indicators per unit-month from the event store.

Counts, fatalities, weapons use, mobilisation, actor dynamics, spatial diffusion, surges.

Units are countries (ISO3, else the Gleditsch-Ward code), first-level administrative units
(``ISO3:admin1``) or PRIO-GRID cells; every unit gets every month from its first event to the
last month of the files that cover it (months without events count zero; a file that ends in
2019 says nothing about 2020). Per unit-month (with the unit's ISO3 and Gleditsch-Ward codes):

- ``events``, ``fatalities``, and both by UCDP type of violence (``state_based``,
  ``non_state``, ``one_sided``) and by ACLED event type (``battles``, ``explosions``,
  ``violence_against_civilians``, ``strategic_developments``);
- ``weapons``: events whose ACLED sub-event type is weapons use — shelling/artillery/missile
  attacks, air or drone strikes, remote explosives/landmines/IEDs, grenades, suicide bombs,
  disrupted weapons use (ACLED 2023 codebook, §3);
- ``mobilisation``: protests and riots (ACLED's early-warning signal of unrest; CAST);
- ``new_actors`` (first seen in the unit), ``departing_actors`` (active last month, not this
  month), ``new_dyads`` (a pair of actors first seen together in the unit: new coalitions
  and new fronts);
- ``new_cells`` and ``diffusion``: PRIO-GRID cells active for the first time in the unit, and
  those of them next to a cell that was active the month before — the contagion measure of
  Schutte & Weidmann (2011);
- surges of fatalities, events, weapons and mobilisation against the unit's trailing
  12 months: ``*_above_mean12`` ("more than the monthly average of the past year") and
  ``*_z12`` with ``*_surge3sd`` (more than 3 standard deviations above it).

References
----------
Raleigh, C. et al. (2023). ACLED Codebook. Schutte, S. & Weidmann, N. B. (2011). Diffusion
patterns of violence in civil wars. *Political Geography* 30(3), 143-152.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bastion.errors import ParameterError

__all__ = ["LEVELS", "SURGED", "WEAPONS", "by_type", "unit_months"]

LEVELS = ("country", "admin1", "priogrid")
WEAPONS = (
    "Shelling/artillery/missile attack",
    "Air/drone strike",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Suicide bomb",
    "Disrupted weapons use",
)
MOBILISATION = ("Protests", "Riots", "Riots/Protests")
SURGED = ("fatalities", "events", "weapons", "mobilisation")

_UNIT = {
    "country": "coalesce(iso3, 'GW' || cast(gwno as varchar), country)",
    "admin1": "coalesce(iso3, 'GW' || cast(gwno as varchar), country) || ':' "
    "|| coalesce(admin1, '?')",
    "priogrid": "cast(priogrid as varchar)",
}


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def unit_months(con: Any, level: str = "country") -> dict[str, Any]:
    """Every indicator for every unit-month of ``level`` (columns as NumPy arrays)."""
    if level not in LEVELS:
        raise ParameterError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    unit = _UNIT[level]
    surges = ",\n".join(
        f"""avg({x}) over w as {x}_mean12,
            {x} > coalesce(avg({x}) over w, 0) as {x}_above_mean12,
            ({x} - avg({x}) over w) / nullif(stddev_samp({x}) over w, 0) as {x}_z12,
            coalesce(({x} - avg({x}) over w) / nullif(stddev_samp({x}) over w, 0) > 3, false)
                as {x}_surge3sd"""
        for x in SURGED
    )
    query = f"""
    with e as (select *, {unit} as unit from events where month_id is not null),
    coverage as (select file, max(month_id) as last from e group by file),
    units as (
        select unit, min(month_id) as first, max(c.last) as last
        from e join coverage c using (file) group by unit
    ),
    grid as (
        select u.unit, m.month_id from units u, range(u.first, u.last + 1) m(month_id)
    ),
    codes as (select unit, min(gwno) as gwno, min(iso3) as iso3 from e group by unit),
    counts as (
        select unit, month_id, count(*) as events, sum(coalesce(fatalities, 0)) as fatalities,
            count(*) filter (where event_type = 'state-based') as state_based,
            count(*) filter (where event_type = 'non-state') as non_state,
            count(*) filter (where event_type = 'one-sided') as one_sided,
            count(*) filter (where event_type = 'Battles') as battles,
            count(*) filter (where event_type = 'Explosions/Remote violence') as explosions,
            count(*) filter (where event_type = 'Violence against civilians')
                as violence_against_civilians,
            count(*) filter (where event_type = 'Strategic developments')
                as strategic_developments,
            count(*) filter (where sub_event_type in ({_quoted(WEAPONS)})) as weapons,
            count(*) filter (where event_type in ({_quoted(MOBILISATION)})) as mobilisation
        from e group by unit, month_id
    ),
    acts as (
        select distinct unit, month_id, actor from (
            select unit, month_id, actor1 as actor from e union all
            select unit, month_id, actor2 from e) where actor is not null
    ),
    first_actor as (select unit, actor, min(month_id) as first from acts group by all),
    new_actors as (
        select unit, first as month_id, count(*) as new_actors from first_actor group by all
    ),
    departing as (
        select a.unit, a.month_id + 1 as month_id, count(*) as departing_actors
        from acts a anti join acts b
            on a.unit = b.unit and a.actor = b.actor and b.month_id = a.month_id + 1
        group by all
    ),
    dyads as (
        select unit, least(actor1, actor2) as x, greatest(actor1, actor2) as y,
            min(month_id) as first
        from e where actor1 is not null and actor2 is not null group by all
    ),
    new_dyads as (select unit, first as month_id, count(*) as new_dyads from dyads group by all),
    cells as (select distinct unit, month_id, priogrid from e where priogrid is not null),
    first_cell as (select unit, priogrid, min(month_id) as first from cells group by all),
    new_cells as (
        select f.unit, f.first as month_id, count(*) as new_cells,
            count(*) filter (where exists (
                select 1 from cells c where c.unit = f.unit and c.month_id = f.first - 1
                  and c.priogrid <> f.priogrid
                  and abs((c.priogrid - 1) // 720 - (f.priogrid - 1) // 720) <= 1
                  and abs((c.priogrid - 1) % 720 - (f.priogrid - 1) % 720) <= 1
            )) as diffusion
        from first_cell f group by all
    ),
    joined as (
        select g.unit, g.month_id, k.iso3, k.gwno,
            coalesce(c.events, 0) as events, coalesce(c.fatalities, 0) as fatalities,
            coalesce(c.state_based, 0) as state_based, coalesce(c.non_state, 0) as non_state,
            coalesce(c.one_sided, 0) as one_sided, coalesce(c.battles, 0) as battles,
            coalesce(c.explosions, 0) as explosions,
            coalesce(c.violence_against_civilians, 0) as violence_against_civilians,
            coalesce(c.strategic_developments, 0) as strategic_developments,
            coalesce(c.weapons, 0) as weapons, coalesce(c.mobilisation, 0) as mobilisation,
            coalesce(n.new_actors, 0) as new_actors,
            coalesce(d.departing_actors, 0) as departing_actors,
            coalesce(y.new_dyads, 0) as new_dyads,
            coalesce(nc.new_cells, 0) as new_cells, coalesce(nc.diffusion, 0) as diffusion
        from grid g
        left join counts c using (unit, month_id)
        left join new_actors n using (unit, month_id)
        left join departing d using (unit, month_id)
        left join new_dyads y using (unit, month_id)
        left join new_cells nc using (unit, month_id)
        left join codes k using (unit)
    )
    select *, {surges}
    from joined
    window w as (partition by unit order by month_id rows between 12 preceding and 1 preceding)
    order by unit, month_id
    """
    table = con.execute(query).fetchnumpy()
    return {name: _filled(column) for name, column in table.items()}


def _filled(column: Any) -> Any:
    """Plain arrays: SQL NULLs (masked) become NaN (integers turn float), '' in text."""
    if not np.ma.isMaskedArray(column):
        return np.asarray(column)
    if column.dtype.kind in "iuf":
        return np.ma.filled(column.astype(float), np.nan)
    return np.ma.filled(column, "" if column.dtype.kind in "OUS" else 0)


def by_type(con: Any, level: str = "country") -> dict[str, Any]:
    """Events and fatalities per unit-month, event type and sub-event type (long form)."""
    if level not in LEVELS:
        raise ParameterError(f"level must be one of {', '.join(LEVELS)}; got {level!r}")
    query = f"""
        select {_UNIT[level]} as unit, month_id, coalesce(event_type, '') as event_type,
            coalesce(sub_event_type, '') as sub_event_type, count(*) as events,
            sum(coalesce(fatalities, 0)) as fatalities
        from events where month_id is not null
        group by all order by unit, month_id, event_type, sub_event_type
    """
    return {name: _filled(col) for name, col in con.execute(query).fetchnumpy().items()}
