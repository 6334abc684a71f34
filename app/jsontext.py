"""SQL expressions that make the database write values the way the API's JSON does.

The hot reads (app/incidents/reads.py) and the CSV export fetch these instead of typed values:
an id as its hyphenated text, a time as RFC 3339 UTC with a `Z` (microseconds only when there
are some, as orjson writes them), a JSON column as its text. The database formats them in C;
Python then moves strings instead of building a UUID and a datetime per value and formatting
them again, which was most of a page's CPU.
"""

from typing import Any

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
