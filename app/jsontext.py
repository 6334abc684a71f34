"""SQL expressions that make the database write values the way the API's JSON does.

The hot reads (app/incidents/reads.py) and the CSV export fetch these instead of typed values:
an id as its hyphenated text, a time as RFC 3339 UTC with a `Z` (microseconds only when there
are some, as orjson writes them), a JSON column as its text. The database formats them in C;
Python then moves strings instead of building a UUID and a datetime per value and formatting
them again, which was most of a page's CPU.
"""

from typing import Any

import orjson
from sqlalchemy import JSON, String, Text, Uuid, type_coerce
from sqlalchemy import Enum as SAEnum
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from app.db import UTCDateTime


class uuid_text(FunctionElement[str]):
    type = String()
    inherit_cache = True


class time_text(FunctionElement[str]):
    type = String()
    inherit_cache = True


class json_text(FunctionElement[str]):
    type = Text()
    inherit_cache = True


def _arg(element: Any, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))


@compiles(uuid_text, "postgresql")
def _uuid_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"CAST({_arg(element, compiler, **kw)} AS TEXT)"


@compiles(uuid_text, "sqlite")
def _uuid_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    # Stored as 32 hex digits (SQLAlchemy's Uuid on SQLite).
    x = _arg(element, compiler, **kw)
    return (
        f"(substr({x}, 1, 8) || '-' || substr({x}, 9, 4) || '-' || substr({x}, 13, 4) || '-' || "
        f"substr({x}, 17, 4) || '-' || substr({x}, 21))"
    )


@compiles(time_text, "postgresql")
def _time_pg(element: Any, compiler: Any, **kw: Any) -> str:
    x = _arg(element, compiler, **kw)
    return f"replace(to_char({x} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), '.000000Z', 'Z')"


@compiles(time_text, "sqlite")
def _time_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    # Stored as naive UTC text, `YYYY-MM-DD HH:MM:SS.ffffff` (app/db.py UTCDateTime).
    x = _arg(element, compiler, **kw)
    return f"(replace(substr({x}, 1, 10) || 'T' || substr({x}, 12), '.000000', '') || 'Z')"


@compiles(json_text, "postgresql")
def _json_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"CAST({_arg(element, compiler, **kw)} AS TEXT)"


@compiles(json_text, "sqlite")
def _json_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return _arg(element, compiler, **kw)  # JSON is stored as its text


def as_json(column: Any, *, name: str | None = None, keep_id: bool = False) -> Any:
    """The column as the API's JSON writes it, labelled `name` (default: the column's name).
    `keep_id` leaves a UUID column typed: page rows keep their id for the keyset cursor."""
    label = name or column.name
    if isinstance(column.type, SAEnum):
        return type_coerce(column, String).label(label)
    if isinstance(column.type, JSON):
        return json_text(column).label(label)
    if isinstance(column.type, UTCDateTime):
        return time_text(column).label(label)
    if isinstance(column.type, Uuid) and not keep_id:
        return uuid_text(column).label(label)
    return column.label(label)


# --- coordinates ---


def coordinate(value: float) -> str:
    """A coordinate as the API's JSON writes it (orjson, and pydantic in the write responses, write
    floats alike): the shortest decimal that reads back as the same float, with a decimal point
    ("33.0"), in exponent form below 0.00001 ("1e-7", "1.2e-6"), and zero unsigned ("0.0", never
    "-0.0"). `coordinate_text` makes the databases write the same."""
    return orjson.dumps(value + 0.0).decode()  # -0.0 + 0.0 is 0.0


class coordinate_text(FunctionElement[str]):
    """A coordinate column as `coordinate` writes it, for the CSV export.

    PostgreSQL writes a whole float8 without its point (`33`, and `-0`), SQLite a small one as
    `1.0e-05`: one stored incident had three texts. Coordinates are kept to 7 decimal places
    (app/incidents/schemas.py), so below 0.00001 one is n * 1e-7 for a whole n < 100, which the
    exponent form writes as orjson does; above it the fixed form has at most 7 decimals."""

    type = String()
    inherit_cache = True


class coordinate_json(FunctionElement[Any]):
    """`coordinate_text` as a JSON number, inside an incident's document."""

    type = Text()
    inherit_cache = True


def _small(x: str) -> str:
    """The CASE branches for a coordinate below 0.00001 in size, in exponent form."""
    sign = f"CASE WHEN {x} < 0 THEN '-' ELSE '' END"
    n = f"CAST(round(abs({x}) * 10000000) AS INTEGER)"  # |x| = n * 1e-7
    last = f"({n} - {n} / 10 * 10)"  # n's last digit (no `%`: the PostgreSQL driver's placeholder)
    return (
        f"WHEN abs({x}) < 0.000001 THEN {sign} || CAST({n} AS TEXT) || 'e-7' "
        f"WHEN abs({x}) < 0.00001 THEN {sign} || CAST({n} / 10 AS TEXT) "
        f"|| CASE WHEN {last} = 0 THEN '' ELSE '.' || CAST({last} AS TEXT) END || 'e-6' "
    )


@compiles(coordinate_text, "postgresql")
def _coordinate_pg(element: Any, compiler: Any, **kw: Any) -> str:
    # From 0.0001 on, PostgreSQL writes a float8 as its shortest decimal, as Python does, except a
    # whole one (`33`, `-0`). Between 0.00001 and 0.0001 it writes an exponent (`1.2e-05`) where
    # numeric (15 significant digits of the float8) writes the fixed form.
    x = _arg(element, compiler, **kw)
    return (
        f"CASE WHEN abs({x}) >= 0.0001 AND {x} <> trunc({x}) THEN CAST({x} AS TEXT) "
        f"WHEN {x} = trunc({x}) THEN CAST(CAST({x} AS BIGINT) AS TEXT) || '.0' "
        f"{_small(x)}ELSE CAST(CAST({x} AS NUMERIC) AS TEXT) END"
    )


@compiles(coordinate_text, "sqlite")
def _coordinate_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    # From 0.0001 on, SQLite writes a float as Python does (`33.0`); below, `1.0e-05`.
    x = _arg(element, compiler, **kw)
    return (
        f"CASE WHEN abs({x}) >= 0.0001 THEN CAST({x} AS TEXT) WHEN {x} = 0 THEN '0.0' "
        f"{_small(x)}WHEN abs({x}) < 0.0001 THEN rtrim(printf('%.7f', {x}), '0') END"  # NULL: NULL
    )


@compiles(coordinate_json, "postgresql")
def _coordinate_json_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(coordinate_text(*element.clauses), **kw)} AS JSON)"


@compiles(coordinate_json, "sqlite")
def _coordinate_json_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"json({compiler.process(coordinate_text(*element.clauses), **kw)})"
