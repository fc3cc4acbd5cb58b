"""Event data in: UCDP GED and ACLED files, normalised to one event table.

Files are read and normalised inside DuckDB (vectorised SQL: a million events in seconds).
Every row becomes one event with the columns of :data:`COLUMNS`, or — when it cannot be
trusted — a quarantined row with its data-row number and the reason (missing or duplicate
event id, unparseable date, missing or out-of-range coordinates, negative or non-numeric
fatalities). Nothing is dropped silently.

- **UCDP GED** (Sundberg & Melander 2013; Davies, Pettersson & Öberg 2023), CSV or GeoJSON:
  ``type_of_violence`` 1/2/3 becomes the event type state-based / non-state / one-sided;
  ``best``/``low``/``high`` the fatalities; ``country_id`` the Gleditsch-Ward code;
  ``date_prec`` and ``where_prec`` the precisions.
- **ACLED** exports in every documented layout: the current 31-column export, the 2020 layout
  (``data_id``, ``iso3``), older capitalised layouts (``EVENT_ID_CNTY``, ``ALLY_ACTOR_1``,
  ``GWNO``), text or numeric ``interaction``, and dates as ``2020-12-03``, ``03 December 2020``
  or ``9-May-20``. ACLED's terms forbid sharing its data, so Bastion is tested on fixtures it
  writes itself from the documented format.

The PRIO-GRID cell of an event is ``floor((lat + 90) / 0.5) * 720 + floor((lon + 180) / 0.5) + 1``
(Tollefsen, Strand & Buhaug 2012); the ViEWS month is ``(year - 1980) * 12 + month``.

References
----------
Sundberg, R. & Melander, E. (2013). Introducing the UCDP Georeferenced Event Dataset. *JPR*
50(4), 523-532. Raleigh, C. et al. (2010). Introducing ACLED. *JPR* 47(5), 651-660.
Tollefsen, A. F., Strand, H. & Buhaug, H. (2012). PRIO-GRID. *JPR* 49(2), 363-374.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb

from bastion.errors import DataFormatError, Issue

__all__ = ["COLUMNS", "detect_source", "stage"]

COLUMNS = {
    "source": "VARCHAR",
    "source_event_id": "VARCHAR",
    "event_date": "DATE",
    "date_end": "DATE",
    "date_precision": "VARCHAR",
    "month_id": "INTEGER",
    "latitude": "DOUBLE",
    "longitude": "DOUBLE",
    "location_precision": "VARCHAR",
    "country": "VARCHAR",
    "iso3": "VARCHAR",
    "gwno": "INTEGER",
    "admin1": "VARCHAR",
    "admin2": "VARCHAR",
    "location": "VARCHAR",
    "priogrid": "INTEGER",
    "actor1": "VARCHAR",
    "actor2": "VARCHAR",
    "event_type": "VARCHAR",
    "sub_event_type": "VARCHAR",
    "interaction": "VARCHAR",
    "fatalities": "DOUBLE",
    "fatalities_low": "DOUBLE",
    "fatalities_high": "DOUBLE",
    "file": "VARCHAR",
    "row_number": "BIGINT",
    "version": "VARCHAR",
}
"""The normalised event table: column -> DuckDB type."""

UCDP_REQUIRED = ("id", "type_of_violence", "date_start", "best", "country", "side_a", "side_b")
ACLED_ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2"}
ACLED_REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1", "country", "fatalities")
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%Y/%m/%d", "%d/%m/%Y")


def _columns_of(con: Any, relation: str) -> list[str]:
    return [r[0] for r in con.execute(f"describe select * from {relation}").fetchall()]


def detect_source(columns: list[str]) -> str:
    """``ucdp`` or ``acled`` from a file's column names."""
    lowered = {c.lower() for c in columns}
    if {"type_of_violence", "best"} <= lowered:
        return "ucdp"
    if "event_id_cnty" in lowered or "event_date" in lowered:
        return "acled"
    raise ValueError("neither UCDP GED nor ACLED columns")


def _raw(con: Any, path: Path) -> str:
    """Register the file's rows as the view ``raw`` (all text, lower-case names, row numbers)."""
    if path.suffix.lower() in (".geojson", ".json"):
        con.execute(
            "create or replace temp view doc as select unnest(json_extract(json, '$.features[*]')) "
            f"as feature from read_json_objects({_literal(path)}, format='unstructured', "
            "maximum_object_size=4000000000)"
        )
        keys = [
            r[0]
            for r in con.execute(
                "select distinct unnest(json_keys(feature, '$.properties')) from doc"
            ).fetchall()
        ]
        if not keys:
            raise DataFormatError(
                Issue(
                    "no features with properties; expected a GeoJSON FeatureCollection of "
                    "events (UCDP GED's GeoJSON export)",
                    file=str(path),
                )
            )
        fields = ", ".join(
            f"json_extract_string(feature, {_literal(_json_key(k))}) as {_ident(k.lower())}"
            for k in keys
        )
        con.execute(
            f"create or replace temp view raw as select row_number() over () as _row, {fields}, "
            "json_extract_string(feature, '$.geometry.coordinates[0]') as _lon, "
            "json_extract_string(feature, '$.geometry.coordinates[1]') as _lat from doc"
        )
        return "raw"
    with path.open(encoding="utf-8", errors="replace") as handle:
        first = handle.readline()
    sep = max((",", "\t", ";"), key=first.count)  # the header's separator; quotes are '"'
    con.execute(
        f"create or replace temp view raw_file as select * from read_csv({_literal(path)}, "
        f"all_varchar=true, header=true, delim={_literal(sep)}, quote='\"', escape='\"')"
    )
    names = _columns_of(con, "raw_file")
    renamed = ", ".join(
        f"{_ident(c)} as {_ident(ACLED_ALIASES.get(c.lower(), c.lower()))}" for c in names
    )
    con.execute(
        f"create or replace temp view raw as select row_number() over () as _row, {renamed} "
        "from raw_file"
    )
    return "raw"


def _first_lines(message: str) -> str:
    """The informative head of a DuckDB error (it appends its whole reader configuration)."""
    head = message.split("\n\n", 1)[0].replace("Invalid Input Error: ", "")
    head = re.split(r"Possible (?:fix|Solution)", head)[0]  # advice about DuckDB's own options
    return " ".join(line.strip() for line in head.splitlines() if line.strip())


def _literal(value: Path | str) -> str:
    """``value`` as an SQL string literal (DuckDB cannot bind parameters in DDL)."""
    return "'" + str(value).replace("'", "''") + "'"


def _ident(name: str) -> str:
    """A column name from a file, quoted as an SQL identifier (whatever it contains)."""
    return '"' + name.replace('"', '""') + '"'


def _json_key(key: str) -> str:
    """The JSON path of a GeoJSON property, whatever characters its name holds."""
    return "$.properties." + '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number(column: str) -> str:
    return f"try_cast(nullif(trim({column}), '') as double)"


def _date(column: str) -> str:
    text = f"nullif(trim(split_part({column}, 'T', 1)), '')"
    tries = ", ".join(f"try_strptime({text}, '{fmt}')" for fmt in DATE_FORMATS)
    return f"cast(coalesce({tries}) as date)"


def _ucdp_select(cols: set[str], path: Path) -> str:
    lat = "_lat" if "_lat" in cols else "latitude"
    lon = "_lon" if "_lon" in cols else "longitude"
    version = re.search(r"v(\d+)_(\d+)", path.name)

    def text(c: str) -> str:
        return f"nullif(trim({c}), '')" if c in cols else "null"

    return f"""
        'ucdp' as source,
        cast(try_cast(try_cast(id as double) as bigint) as varchar) as source_event_id,
        {_date("date_start")} as event_date,
        {_date("date_end") if "date_end" in cols else "null"} as date_end,
        {text("date_prec")} as date_precision,
        {_number(lat)} as latitude, {_number(lon)} as longitude,
        {text("where_prec")} as location_precision,
        {text("country")} as country,
        cast(null as varchar) as iso3,
        {"try_cast(try_cast(country_id as double) as integer)" if "country_id" in cols else "null"}
            as gwno,
        {text("adm_1")} as admin1, {text("adm_2")} as admin2,
        {text("where_coordinates")} as location,
        {text("side_a")} as actor1, {text("side_b")} as actor2,
        case try_cast(try_cast(type_of_violence as double) as integer)
            when 1 then 'state-based' when 2 then 'non-state' when 3 then 'one-sided' end
            as event_type,
        cast(null as varchar) as sub_event_type,
        cast(null as varchar) as interaction,
        {_number("best")} as fatalities,
        {_number("low") if "low" in cols else "null"} as fatalities_low,
        {_number("high") if "high" in cols else "null"} as fatalities_high,
        {f"'{version.group(1)}.{version.group(2)}'" if version else "null"} as version,
        id as _id_text, date_start as _date_text, best as _fatalities_text
    """


def _acled_select(cols: set[str]) -> str:
    def text(c: str) -> str:
        return f"nullif(trim({c}), '')" if c in cols else "null"

    iso3 = text("iso3")
    return f"""
        'acled' as source,
        {text("event_id_cnty")} as source_event_id,
        {_date("event_date")} as event_date,
        cast(null as date) as date_end,
        {text("time_precision")} as date_precision,
        {_number("latitude")} as latitude, {_number("longitude")} as longitude,
        {text("geo_precision")} as location_precision,
        {text("country")} as country,
        upper({iso3}) as iso3,
        {"try_cast(try_cast(gwno as double) as integer)" if "gwno" in cols else "null"} as gwno,
        {text("admin1")} as admin1, {text("admin2")} as admin2,
        {text("location")} as location,
        {text("actor1")} as actor1, {text("actor2")} as actor2,
        {text("event_type")} as event_type, {text("sub_event_type")} as sub_event_type,
        {text("interaction")} as interaction,
        {_number("fatalities")} as fatalities,
        cast(null as double) as fatalities_low, cast(null as double) as fatalities_high,
        cast(null as varchar) as version,
        event_id_cnty as _id_text, event_date as _date_text, fatalities as _fatalities_text,
        {text("iso")} as _iso_numeric
    """


def stage(con: Any, path: str | Path, *, source: str = "auto") -> dict[str, Any]:
    """Read ``path`` into the temp table ``staged`` (normalised events plus ``problem``).

    Returns a summary: source, rows read, and the counts of valid and quarantined rows.
    A file that is missing, unreadable or lacks required columns is an error naming them.
    """
    path = Path(path)
    if not path.exists():
        raise DataFormatError(Issue("file not found", file=str(path)))
    try:
        _raw(con, path)
        cols = set(_columns_of(con, "raw"))
    except DataFormatError:
        raise
    except Exception as exc:  # DuckDB's parse errors carry their own position
        raise DataFormatError(
            Issue(f"cannot read the file: {_first_lines(str(exc))}", file=str(path))
        ) from None
    if source == "auto":
        try:
            source = detect_source(sorted(cols))
        except ValueError:
            raise DataFormatError(
                Issue(
                    "neither a UCDP GED file (expected columns id, type_of_violence, best, ...) "
                    "nor an ACLED export (expected event_id_cnty, event_date, ...)",
                    file=str(path),
                )
            ) from None
    required = UCDP_REQUIRED if source == "ucdp" else ACLED_REQUIRED
    missing = [c for c in required if c not in cols]
    if source == "ucdp" and not ({"latitude", "longitude"} <= cols or {"_lat", "_lon"} <= cols):
        missing.append("latitude/longitude")
    if source == "acled" and not {"latitude", "longitude"} <= cols:
        missing.append("latitude/longitude")
    if missing:
        raise DataFormatError(
            Issue(
                f"missing required column(s) for {source.upper()}: {', '.join(missing)}",
                file=str(path),
            )
        )
    try:  # rows are converted here, lazily: a malformed row deep in the file fails now
        select = _ucdp_select(cols, path) if source == "ucdp" else _acled_select(cols)
        con.execute(
            f"create or replace temp view normal as select _row as row_number, {select} from raw"
        )
        iso_from_numeric = (
            "coalesce(n.iso3, i.alpha3, c.alpha3)"
            if source == "acled"
            else "coalesce(n.iso3, c.alpha3)"
        )
        _register_country_codes(con)
        con.execute(
            f"""
            create or replace temp table staged as
            with joined as (
                select n.* exclude (iso3), {iso_from_numeric} as iso3
                from normal n
                left join country_codes c on lower(n.country) = c.name
                {NUMERIC_JOIN if source == "acled" else ""}
            ),
            checked as (
                select *,
                    count(*) over (partition by source_event_id) as _copies,
                    min(row_number) over (partition by source_event_id) as _first
                from joined
            )
            select
                * exclude (_copies, _first),
                case
                    when source_event_id is null then 'missing event id'
                    when _copies > 1 and row_number > _first
                        then 'duplicate event id (first on data row ' || _first || ')'
                    when event_date is null then 'unparseable date'
                    when latitude is null or longitude is null then 'missing coordinates'
                    when latitude not between -90 and 90 or longitude not between -180 and 180
                        then 'coordinates out of range'
                    when fatalities is null and nullif(trim(_fatalities_text), '') is not null
                        then 'fatalities not a number'
                    when fatalities < 0 then 'negative fatalities'
                end as problem,
                case
                    when event_date is null then _date_text
                    when latitude is null or longitude is null
                         or latitude not between -90 and 90 or longitude not between -180 and 180
                        then latitude || ', ' || longitude
                    else _fatalities_text
                end as problem_value,
                (year(event_date) - 1980) * 12 + month(event_date) as month_id,
                cast(floor((least(latitude, 89.9999) + 90) / 0.5) * 720
                     + floor((least(longitude, 179.9999) + 180) / 0.5) + 1 as integer) as priogrid,
                {_literal(path)} as file
            from checked
            """
        )
    except duckdb.Error as exc:
        raise DataFormatError(
            Issue(f"cannot read the file: {_first_lines(str(exc))}", file=str(path))
        ) from None
    rows, bad = con.execute(
        "select count(*), count(*) filter (where problem is not null) from staged"
    ).fetchall()[0]
    return {
        "file": str(path),
        "source": source,
        "rows": rows,
        "valid": rows - bad,
        "quarantined": bad,
    }


NUMERIC_JOIN = (
    "left join country_codes_numeric i on try_cast(n._iso_numeric as integer) = i.numeric"
)


def _register_country_codes(con: Any) -> None:
    """Temp tables of country names -> ISO3 and ISO numeric -> ISO3 (pycountry)."""
    if con.execute(
        "select count(*) from duckdb_tables() where table_name = 'country_codes'"
    ).fetchone()[0]:
        return
    import pycountry

    names: dict[str, str] = {}
    numeric: dict[int, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                names[value.lower()] = c.alpha_3
        numeric[int(c.numeric)] = c.alpha_3
    names.update(NAME_ALIASES)
    con.execute("create temp table country_codes (name varchar, alpha3 varchar)")
    con.executemany("insert into country_codes values (?, ?)", list(names.items()))
    con.execute("create temp table country_codes_numeric (numeric integer, alpha3 varchar)")
    con.executemany("insert into country_codes_numeric values (?, ?)", list(numeric.items()))


NAME_ALIASES = {
    "syria": "SYR",
    "russia (soviet union)": "RUS",
    "russia": "RUS",
    "dr congo (zaire)": "COD",
    "democratic republic of congo": "COD",
    "democratic republic of the congo": "COD",
    "congo": "COG",
    "republic of congo": "COG",
    "ivory coast": "CIV",
    "cote d'ivoire": "CIV",
    "bosnia-herzegovina": "BIH",
    "cambodia (kampuchea)": "KHM",
    "yemen (north yemen)": "YEM",
    "iran": "IRN",
    "laos": "LAO",
    "myanmar (burma)": "MMR",
    "madagascar (malagasy)": "MDG",
    "macedonia, frm": "MKD",
    "serbia (yugoslavia)": "SRB",
    "tanzania": "TZA",
    "venezuela": "VEN",
    "bolivia": "BOL",
    "vietnam (north vietnam)": "VNM",
    "vietnam": "VNM",
    "zimbabwe (rhodesia)": "ZWE",
    "south korea": "KOR",
    "north korea": "PRK",
    "kosovo": "XKX",
    "palestine": "PSE",
    "moldova": "MDA",
    "turkey": "TUR",
    "eswatini": "SWZ",
    "kingdom of eswatini (swaziland)": "SWZ",
    "united states of america": "USA",
}
"""Names UCDP and ACLED use that ISO 3166 does not (Kosovo: the user-assigned XKX)."""
