"""Exports: every row a list's filters match, streamed in constant memory.

Chosen by `format=` (for a browser) or by `Accept` (`text/csv`, `application/x-ndjson`,
`application/geo+json`); `format=acled` is a CSV with ACLED's columns (docs/acled-ucdp.md). An
export ignores `limit` and `cursor`: it is every row, in the list's order. Rows are read in
batches of `BATCH` through a server-side cursor (`yield_per`) by a session of their own that lives
until the last row is sent.
"""

import csv
import functools
import io
import itertools
import tempfile
import types
import typing
import uuid
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from typing import IO, TYPE_CHECKING, Any, NamedTuple
from zoneinfo import ZoneInfoNotFoundError

import orjson
import pycountry
from fastapi import Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy import Connection, Engine, String, func, select, text, tuple_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

from app.db import among
from app.errors import Unprocessable
from app.jsontext import coordinate
from app.request_checks import covers, media_ranges
from app.vocab import (
    ACLED_COLUMNS,
    ACLED_COUNTRY_NAMES,
    ACLED_GEO_PRECISION,
    ACLED_INTER,
    ACLED_TIME_PRECISION,
    ActorKind,
    GeoPrecision,
    Role,
    SourceScale,
    TimePrecision,
    time_zone,
)

if TYPE_CHECKING:
    from app.crud import CrudService

BATCH = 500
# Below this many rows one COPY is done before counting and cutting the export in two pays off.
PARALLEL_ROWS = 20_000
CHUNK_BYTES = 256 * 1024  # COPY hands over a row at a time; the response is sent in chunks

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "acled": "text/csv; charset=utf-8",
    "ndjson": "application/x-ndjson",
    "geojson": "application/geo+json",
}
_ACCEPTED = {"text/csv": "csv", "application/x-ndjson": "ndjson", "application/geo+json": "geojson"}
_INCIDENTS_ONLY = {"geojson", "acled"}


# ACLED's source_scale words for ours; an incident with several scales joins them with "-".
ACLED_SOURCE_SCALE = {
    SourceScale.local: "Subnational",
    SourceScale.national: "National",
    SourceScale.regional: "Regional",
    SourceScale.international: "International",
    SourceScale.unknown: "Other",
}


def negotiate(request: Request, service: "CrudService[Any, Any, Any, Any]", query: Any) -> str | None:
    """The export format asked for, or None for the JSON page."""
    wanted = query.format
    if wanted is None:
        # JSON first: `*/*` and `application/*` mean the page. The check of every request has
        # refused (406) an Accept that takes none of these.
        offered = [("application/json", "json"), *_ACCEPTED.items()]
        if service.resource != "incidents":
            offered = [(media, fmt) for media, fmt in offered if fmt not in _INCIDENTS_ONLY]
        wanted = next(
            (
                fmt
                for media_range in media_ranges(request.headers.get("accept", "*/*"))
                for media, fmt in offered
                if covers(media_range, media)
            ),
            None,
        )
    if wanted is None or wanted == "json":
        return None
    if wanted in _INCIDENTS_ONLY and service.resource != "incidents":
        raise Unprocessable("format", f"format={wanted} is offered for incidents only")
    if query.include_deleted:
        raise Unprocessable("include_deleted", "exports list live rows only; sync with the JSON list")
    return str(wanted)


def openapi_responses(resource: str) -> dict[int | str, dict[str, Any]]:
    types_ = ["text/csv", "application/x-ndjson"]
    if resource == "incidents":
        types_.append("application/geo+json")
    return {
        200: {
            "description": "A page as JSON; with `format=` or a matching `Accept`, every matching row as "
            "a streamed attachment.",
            "content": {media: {"schema": {"type": "string"}} for media in types_},
        },
        406: {"description": "`Accept` takes neither JSON nor an export this list offers."},
    }


def stream(
    request: Request, service: "CrudService[Any, Any, Any, Any]", query: Any, fmt: str
) -> StreamingResponse:
    sessions = request.app.state.sessions
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    extension = {"acled": "csv", "geojson": "geojson"}.get(fmt, fmt)
    suffix = "-acled" if fmt == "acled" else ""
    filename = f"{service.resource}{suffix}-{stamp}.{extension}"

    def body() -> Iterator[bytes]:
        if getattr(request.state, "head", False):
            return  # HEAD: the headers are known now; running the export would only be discarded
        with sessions() as session:
            if _own_snapshot(session):
                # One snapshot for the whole export, which a second connection can share (`_copy`).
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            yield from _render(session, service, query, fmt)

    return StreamingResponse(
        body(),
        media_type=MEDIA_TYPES[fmt],
        headers={"Content-Disposition": f'attachment; filename="{filename}"', "Vary": "Accept"},
    )


def _ordering(
    session: Session, service: "CrudService[Any, Any, Any, Any]", query: Any
) -> tuple[Any, Any, bool]:
    """The export's rows in the list's order; that order as one (sort key, id) tuple; whether it
    descends."""
    stmt, score = service.matching(session, query)
    sort, key = service.ordering(query, score)
    model_id = service.model.id
    descending = sort.startswith("-")
    order = (key.desc(), model_id.desc()) if descending else (key.asc(), model_id.asc())
    return stmt.order_by(*order), tuple_(key, model_id), descending


def _ordered(session: Session, service: "CrudService[Any, Any, Any, Any]", query: Any) -> Any:
    return _ordering(session, service, query)[0]


def _item_batches(
    session: Session, service: "CrudService[Any, Any, Any, Any]", query: Any
) -> Iterator[list[Any]]:
    """Every matching row as its JSON read model, a batch at a time, read as the list reads a page
    (its ids, then their documents): no ORM objects."""
    stmt = _ordered(session, service, query).with_only_columns(service.model.id, maintain_column_froms=True)
    for batch in session.execute(stmt.execution_options(yield_per=BATCH)).partitions():
        # Round-trip through orjson: the same JSON values (RFC 3339 `Z` times, strings for ids)
        # the list sends, which CSV cells and GeoJSON properties are made of.
        yield orjson.loads(orjson.dumps(service.render(session, batch), option=orjson.OPT_UTC_Z))


def _feature(item: dict[str, Any]) -> bytes | None:
    """An item as a GeoJSON Feature, or None where it has no point."""
    location = item.get("location") or {}
    if location.get("longitude") is None or location.get("latitude") is None:
        return None
    feature = {
        "type": "Feature",
        "id": item["id"],
        "geometry": {"type": "Point", "coordinates": [location["longitude"], location["latitude"]]},
        "properties": item,
    }
    return orjson.dumps(feature)


def _render(
    session: Session, service: "CrudService[Any, Any, Any, Any]", query: Any, fmt: str
) -> Iterator[bytes]:
    """The export's body. Each batch of rows goes out as one chunk: a chunk per row cost more
    than the row's JSON (every chunk crosses from the worker thread to the event loop)."""
    if fmt == "acled":
        yield from _acled(session, service, query)
        return
    cells = None
    if fmt == "csv":
        ordered, position, descending = _ordering(session, service, query)
        cells = service.csv_select(ordered, session.get_bind().dialect.name)
    if cells is not None:
        if session.get_bind().dialect.name == "postgresql":
            yield from _copy(session, ordered, cells, position, descending)
        else:
            yield from _sql_csv(session, cells)
        return
    batches = _item_batches(session, service, query)
    if fmt == "ndjson":
        for batch in batches:
            yield b"".join(orjson.dumps(item) + b"\n" for item in batch)
    elif fmt == "geojson":
        yield b'{"type":"FeatureCollection","features":['
        first = True
        for batch in batches:
            features = [f for f in map(_feature, batch) if f is not None]
            if features:
                yield (b"" if first else b",") + b",".join(features)
                first = False
        yield b"]}\n"
    else:
        columns = flat_columns(service.read_model)
        rows = ([[_cell(row.get(c)) for c in columns] for row in map(flatten, batch)] for batch in batches)
        yield from _csv(columns, rows, many=True)


def _compiled(conn: Connection, stmt: Any) -> tuple[Any, dict[str, Any]]:
    """The statement's SQL and its parameters as the driver takes them."""
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    processors = compiled._bind_processors  # the column types' conversions (enum values, UUIDs)
    params = {
        name: processors[name](value) if name in processors else value
        for name, value in compiled.construct_params().items()
    }
    return compiled, params


def _copy_out(conn: Connection, stmt: Any, *, header: bool) -> Iterator[bytes]:
    """PostgreSQL writes the rows of `stmt` (every column a cell) as CSV itself, with COPY: no row
    becomes a Python object. Chunks of about CHUNK_BYTES."""
    compiled, params = _compiled(conn, stmt)
    raw: Any = conn.connection.dbapi_connection
    with raw.cursor() as cursor:
        # The plan's estimated cost is far past jit_above_cost, and compiling it took longer
        # than some whole exports (0.8 s).
        cursor.execute("SET LOCAL jit = off")
    options = "FORMAT csv, HEADER" if header else "FORMAT csv"
    buffer = bytearray()
    with raw.cursor() as cursor, cursor.copy(f"COPY ({compiled}) TO STDOUT WITH ({options})", params) as copy:
        for data in copy:
            buffer += data
            if len(buffer) >= CHUNK_BYTES:
                yield bytes(buffer)
                buffer.clear()
    yield bytes(buffer)


def _own_snapshot(session: Session) -> bool:
    """PostgreSQL, with a transaction of the export's own (not one borrowed from a caller's
    connection, as the tests' sessions are): it can choose its isolation and share its snapshot."""
    bind = session.get_bind()
    return bind.dialect.name == "postgresql" and isinstance(bind, Engine)


def _copy(session: Session, ordered: Any, cells: Any, position: Any, descending: bool) -> Iterator[bytes]:
    """PostgreSQL's CSV: one COPY, or for a large export two at once on two connections.

    COPY runs on one core. A large export is cut in two halves at its middle row; a second
    connection writes the second half (into a temporary file, spilled to disk past 1 MB) while
    this one streams the first, both in the same snapshot (`pg_export_snapshot`, as `pg_dump
    --jobs` does), so the file is what one COPY would have written.
    """
    conn = session.connection()
    rows = 0
    if _own_snapshot(session):  # a borrowed transaction cannot share its snapshot
        rows = session.scalar(select(func.count()).select_from(ordered.order_by(None).subquery())) or 0
    if rows < PARALLEL_ROWS:
        yield from _copy_out(conn, cells, header=True)
        return
    middle = session.execute(ordered.with_only_columns(*position.clauses).offset(rows // 2).limit(1)).one()
    boundary = tuple_(*middle)
    first, second = (position > boundary, position <= boundary)
    if not descending:
        first, second = (position < boundary, position >= boundary)
    snapshot = session.scalar(text("SELECT pg_export_snapshot()"))
    engine: Any = session.get_bind()

    def write_second_half(spool: IO[bytes]) -> None:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as other:
            other.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
            for chunk in _copy_out(other, cells.where(second), header=False):
                spool.write(chunk)
            other.rollback()

    with (
        tempfile.SpooledTemporaryFile(max_size=2**20) as spool,
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-copy") as pool,
    ):
        done = pool.submit(write_second_half, spool)
        yield from _copy_out(conn, cells.where(first), header=True)
        done.result()
        spool.seek(0)
        while chunk := spool.read(CHUNK_BYTES):
            yield chunk


def _sql_csv(session: Session, stmt: Any) -> Iterator[bytes]:
    """SQLite: a statement whose every column is a CSV cell, through the csv module."""
    conn = session.connection()
    compiled, params = _compiled(conn, stmt)
    raw: Any = conn.connection.dbapi_connection
    cursor = raw.cursor()
    try:
        cursor.execute(str(compiled), tuple(params[name] for name in compiled.positiontup or ()))
        header = [column[0] for column in cursor.description]
        yield from _csv(header, iter(lambda: cursor.fetchmany(BATCH), []), many=True)
    finally:
        cursor.close()


def _csv(header: Sequence[str], rows: Iterator[Any], *, many: bool = False) -> Iterator[bytes]:
    """RFC 4180 quoting (quotes doubled, fields quoted when they need it), LF line ends as
    PostgreSQL's COPY writes them. `many`: `rows` yields batches of rows."""
    batches = rows if many else iter(lambda: list(itertools.islice(rows, BATCH)), [])
    yield _csv_lines([header])
    for batch in batches:
        yield _csv_lines(batch)


def _csv_lines(rows: Sequence[Any]) -> bytes:
    """Rows as CSV lines. Python's writer quotes a field holding a line feed (the line end) but not
    one holding a lone carriage return, which readers then take for a line break ("a\rb" ends the
    row): a batch with one is written again by a writer whose line end has both, each row's CRLF
    then made an LF. A field's own line breaks are inside its quotes, kept as they are."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    text = buffer.getvalue()
    if "\r" in text:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        lines = []
        for row in rows:
            writer.writerow(row)
            lines.append(buffer.getvalue()[:-2] + "\n")
            buffer.seek(0)
            buffer.truncate()
        text = "".join(lines)
    return text.encode()


# --- flat CSV ---


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    candidates = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    for candidate in candidates:
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def flat_columns(model: type[BaseModel], prefix: str = "") -> list[str]:
    """A read model's fields as flat column names: nested objects become `parent_child`."""
    columns = []
    for name, field in model.model_fields.items():
        nested = _nested_model(field.annotation)
        if nested is not None:
            columns.extend(flat_columns(nested, f"{prefix}{name}_"))
        else:
            columns.append(f"{prefix}{name}")
    return columns


def flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in item.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{name}_"))
        else:
            flat[f"{prefix}{name}"] = value
    return flat


def _cell(value: Any) -> Any:
    """Lists of plain values are joined with "; ", lists of objects are JSON; null is empty; text
    is `spreadsheet_text`, numbers are left as they are."""
    if value is None:
        return ""
    if isinstance(value, list):
        if all(isinstance(v, str | int | float) for v in value):
            return "; ".join(spreadsheet_text(v) if isinstance(v, str) else str(v) for v in value)
        return orjson.dumps(value).decode()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_text(value)
    if isinstance(value, float):
        return coordinate(value)  # as the JSON and the database-written CSV write it: 33.0, 1e-7
    return value


# --- spreadsheet formulas ---

# A cell that begins with one of these is a formula to Excel, LibreOffice or Google Sheets, which
# run it when the file is opened (OWASP, "CSV Injection"): `=HYPERLINK(...)` in a title, `+cmd|...`
# in a summary. OWASP lists tab and carriage return too.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """A text as a spreadsheet shows it and never runs it: with a leading `'` (OWASP's advice) when
    it begins with a formula character. Numbers (a negative latitude) are never text. An item of a
    "; " list (a tag, an actor's name) is one too: analysts split those lists into cells."""
    return "'" + text if text.startswith(FORMULA_LEADS) else text


def spreadsheet_items(texts: Iterable[str]) -> str:
    """Texts joined with "; ", each a `spreadsheet_text`, so that the cell's start is one too."""
    return "; ".join(spreadsheet_text(t) for t in texts)


def spreadsheet_sql(x: str, dialect: str) -> str:
    """`spreadsheet_text` in SQL, of the SQL expression `x`."""
    char = "chr" if dialect == "postgresql" else "char"
    leads = ", ".join(f"{char}({ord(c)})" for c in FORMULA_LEADS)
    return f"CASE WHEN substr({x}, 1, 1) IN ({leads}) THEN '''' || {x} ELSE {x} END"


class spreadsheet_cell(FunctionElement[str]):
    """`spreadsheet_text` in SQL, for the cells the database writes (app/incidents/export.py)."""

    type = String()
    inherit_cache = True


@compiles(spreadsheet_cell)
def _spreadsheet_cell(element: Any, compiler: Any, **kw: Any) -> str:
    return spreadsheet_sql(compiler.process(element.clauses, **kw), compiler.dialect.name)


# --- ACLED ---


_ACLED_INCIDENT_FIELDS = (
    "id",
    "occurred_at",
    "timezone",
    "occurred_at_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "country_code",
    "admin1",
    "admin2",
    "location_name",
    "city",
    "latitude",
    "longitude",
    "location_precision",
    "summary",
    "title",
    "killed_low",
    "tags",
    "updated_at",
)


class AcledActor(NamedTuple):
    """An actor as an incident's ACLED row names it: its role there, and its affiliations' names."""

    role: Role
    id: uuid.UUID
    name: str
    kind: ActorKind
    affiliations: list[str]


def _grouped(rows: Iterable[Any]) -> dict[Any, list[Any]]:
    """Rows whose first column is an owner's id, as lists by owner, in the rows' order."""
    groups: dict[Any, list[Any]] = {}
    for row in rows:
        groups.setdefault(row[0], []).append(row)
    return groups


def _acled(session: Session, service: "CrudService[Any, Any, Any, Any]", query: Any) -> Iterator[bytes]:
    """ACLED's rows, shaped from four statements a batch (the incidents, their actors, those
    actors' affiliations, their sources): through ORM objects it took twice as long."""
    from app.actors.models import actor_affiliations
    from app.incidents.models import IncidentSource
    from app.incidents.reads import ACTORS, LINKS, actor_order
    from app.sources.models import Source

    dialect = session.get_bind().dialect.name
    incidents = service.model.__table__.c
    name = ACTORS.c.name.collate("C") if dialect == "postgresql" else ACTORS.c.name
    wanted = [incidents[field] for field in _ACLED_INCIDENT_FIELDS]
    stmt = _ordered(session, service, query).with_only_columns(*wanted, maintain_column_froms=True)

    def rows() -> Iterator[list[Any]]:
        for batch in session.execute(stmt.execution_options(yield_per=BATCH)).partitions():
            ids = [incident.id for incident in batch]
            links = session.execute(
                select(LINKS.c.incident_id, LINKS.c.role, ACTORS.c.id, ACTORS.c.name, ACTORS.c.kind)
                .join(ACTORS, ACTORS.c.id == LINKS.c.actor_id)
                .where(among(dialect, LINKS.c.incident_id, ids))
                .order_by(LINKS.c.incident_id, *actor_order(dialect))
            ).all()
            affiliated = actor_affiliations.c
            affiliations = _grouped(
                session.execute(
                    select(affiliated.actor_id, ACTORS.c.name)
                    .join(ACTORS, ACTORS.c.id == affiliated.affiliated_id)
                    .where(among(dialect, affiliated.actor_id, list({link.id for link in links})))
                    .order_by(affiliated.actor_id, name)
                )
            )
            actors: dict[uuid.UUID, list[AcledActor]] = {}
            for link in links:
                named = [a.name for a in affiliations.get(link.id, ())]
                actor = AcledActor(link.role, link.id, link.name, link.kind, named)
                actors.setdefault(link.incident_id, []).append(actor)
            sources = _grouped(
                session.execute(
                    select(IncidentSource.incident_id, Source.publisher, Source.title, Source.source_scale)
                    .join(Source, Source.id == IncidentSource.source_id)
                    .where(among(dialect, IncidentSource.incident_id, ids))
                    .order_by(IncidentSource.incident_id, IncidentSource.position)
                )
            )
            for incident in batch:
                record = acled_row(incident, actors.get(incident.id, []), sources.get(incident.id, []))
                yield [_cell(record[column]) for column in ACLED_COLUMNS]

    yield from _csv(ACLED_COLUMNS, rows())


@functools.lru_cache(maxsize=512)
def country(alpha_2: str | None) -> Any:
    return pycountry.countries.get(alpha_2=alpha_2) if alpha_2 else None


def acled_country(found: Any) -> str:
    """A country's name as ACLED writes it ("Russia", "Democratic Republic of Congo"), not ISO's
    ("Russian Federation", "Congo, The Democratic Republic of the")."""
    return ACLED_COUNTRY_NAMES.get(found.alpha_2) or getattr(found, "common_name", None) or found.name


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: the two inter codes, smaller first (3 and 8: 38); one actor: 10x."""
    if not inter2:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _distinct(actors: list[Any]) -> list[Any]:
    return list({a.id: a for a in actors}.values())


def _sides(actors: Sequence[AcledActor]) -> tuple[list[AcledActor], list[AcledActor]]:
    """(side 1, side 2): the perpetrators (or else the first actor named that is not a target), and
    the targets. An incident with only targets has no side 1: a victim is never `actor1`."""
    side1 = _distinct([a for a in actors if a.role is Role.perpetrator])
    if not side1:
        side1 = [a for a in actors if a.role is not Role.target][:1]
    first = {a.id for a in side1}
    side2 = _distinct([a for a in actors if a.role is Role.target and a.id not in first])
    return side1, side2


def _assoc(side: list[AcledActor]) -> str:
    """Associated actors: the rest of the side, then the main actor's affiliations (by name)."""
    if not side:
        return ""
    names = [a.name for a in side[1:]] + side[0].affiliations
    return spreadsheet_items(dict.fromkeys(n for n in names if n != side[0].name))


def local_date(occurred_at: datetime, timezone: str | None) -> date:
    """The calendar date of `occurred_at` in `timezone`, or its UTC date where there is no local
    one: no zone, a zone this host does not know, or a local date outside years 1-9999 (late on
    31 December 9999 UTC is already year 10000 in Tokyo). Total: an export never stops on a row
    that is stored."""
    try:
        return occurred_at.astimezone(time_zone(timezone) if timezone else UTC).date()
    except (OverflowError, ValueError, OSError, ZoneInfoNotFoundError):  # unknown zone: a KeyError
        return occurred_at.astimezone(UTC).date()


def acled_row(incident: Any, actors: Sequence[AcledActor], sources: Sequence[Any]) -> dict[str, Any]:
    """An incident's row in ACLED's columns, in their order: `incident` has the columns of
    `_ACLED_INCIDENT_FIELDS`, `actors` are in the read model's order, `sources` in the incident's."""
    local = local_date(incident.occurred_at, incident.timezone)
    side1, side2 = _sides(actors)
    inter1 = ACLED_INTER[ActorKind(side1[0].kind)] if side1 else 0
    inter2 = ACLED_INTER[ActorKind(side2[0].kind)] if side2 else 0
    found = country(incident.country_code)
    # ISO 3166 reserves "XXX" for an unknown country: an incident without one still gets an id.
    alpha_3 = found.alpha_3 if found is not None else "XXX"
    scales = [ACLED_SOURCE_SCALE[SourceScale(s.source_scale)] for s in sources if s.source_scale is not None]
    precision = incident.location_precision
    return {
        "event_id_cnty": f"{alpha_3}-{incident.id}",
        "event_date": local.isoformat(),
        "year": local.year,
        "time_precision": ACLED_TIME_PRECISION[TimePrecision(incident.occurred_at_precision)],
        "disorder_type": incident.disorder_type.value,
        "event_type": incident.event_type.value,
        "sub_event_type": incident.sub_event_type.value if incident.sub_event_type else "",
        "actor1": side1[0].name if side1 else "",
        "assoc_actor_1": _assoc(side1),
        "inter1": inter1 if side1 else "",
        "actor2": side2[0].name if side2 else "",
        "assoc_actor_2": _assoc(side2),
        "inter2": inter2,
        "interaction": interaction(inter1, inter2) if side1 else "",
        "iso": int(found.numeric) if found is not None else "",
        "country": acled_country(found) if found is not None else "",
        "admin1": incident.admin1 or "",
        "admin2": incident.admin2 or "",
        "admin3": "",
        "location": incident.location_name or incident.city or "",
        "latitude": "" if incident.latitude is None else incident.latitude,
        "longitude": "" if incident.longitude is None else incident.longitude,
        "geo_precision": ACLED_GEO_PRECISION[GeoPrecision(precision)] if precision else "",
        "source": spreadsheet_items(dict.fromkeys(s.publisher or s.title for s in sources)),
        "source_scale": "-".join(dict.fromkeys(scales)),
        "notes": incident.summary or incident.title,
        "fatalities": incident.killed_low or 0,
        "tags": spreadsheet_items(incident.tags or []),
        "timestamp": int(incident.updated_at.timestamp()),
    }
