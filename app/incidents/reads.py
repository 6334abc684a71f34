"""Incidents read straight from rows into JSON: no ORM objects, no Pydantic.

The GET endpoints are the hot path (a frontend pages through them all day). Through the ORM a
page of 50 built ~600 objects and validated them twice. Here the database writes each incident's
whole JSON document, in the `IncidentRead` layout (tests/test_reads.py checks every field against
the read model on both databases), with PostgreSQL's `json_build_object`/`json_agg` or SQLite's
`json_object`/`json_group_array`, and Python embeds the text as it is (orjson.Fragment): one
incident is one SELECT, a page two (its ids, then their documents).

The documents are kept, in `incident_documents`: building a page's took PostgreSQL 2.3 ms, reading
them 0.3 ms. Triggers (migration 0007) set a document to NULL when a row it shows changes, and
`refresh` writes the NULL ones again before the transaction that changed them commits (a Session
hook, below). On PostgreSQL the bulk importer's batches skip the triggers: they call `mark_stale`,
and a `StaleDocumentWriter` writes the documents beside the load. Every read takes
`coalesce(stored, built)`: a NULL document is built on the spot, so no write path can make a read
out of date, and a path that left a document NULL only makes its reads slower until the next write.

SQLite used to read a page as four result sets (rows, actors, source ids, evidence) and shape them
in Python: 3.8 ms a page of 50 against 2.7 ms for the documents, all of it holding the GIL.
SQLite writes a float with 15 significant digits, so coordinates are kept to 7 decimal places
(app/incidents/schemas.py): at most 10 digits. Each database writes them as the API's JSON does
(`coordinate_json`, app/jsontext.py): `33.0` where PostgreSQL wrote `33` and `-0`, `0.00001` where
SQLite wrote `1.0e-05`. A change to how the document writes a value leaves the stored documents
as they were: a migration marks the ones it changes stale (0010).
"""

import threading
import uuid
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import (
    Connection,
    Dialect,
    Engine,
    String,
    Table,
    Uuid,
    and_,
    any_,
    bindparam,
    case,
    cast,
    event,
    func,
    literal_column,
    null,
    select,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.actors.models import Actor
from app.db import DriverQuery
from app.evidence import Evidence
from app.incidents.models import Incident, IncidentActor, IncidentSource, incident_documents
from app.jsontext import coordinate_json, time_text, uuid_text

INCIDENTS: Table = Incident.__table__  # type: ignore[assignment]
LINKS: Table = IncidentActor.__table__  # type: ignore[assignment]
ACTORS: Table = Actor.__table__  # type: ignore[assignment]
SOURCE_LINKS: Table = IncidentSource.__table__  # type: ignore[assignment]
EVIDENCE: Table = Evidence.__table__  # type: ignore[assignment]
DOCUMENTS = incident_documents

EVIDENCE_FIELDS = ("source_id", "start", "end", "quote", "prefix", "suffix", "start_utf16", "end_utf16")
_OWNER = {"incidents": "incident_id", "incident_actors": "incident_actor_id"}


def actor_order(dialect: str) -> tuple[Any, ...]:
    """The read model's order of an incident's actors (app/incidents/models.py, Incident.actors),
    names compared by code point as Python compares them: SQLite's default collation does, and
    PostgreSQL's "C" collation."""
    name = ACTORS.c.name.collate("C") if dialect == "postgresql" else ACTORS.c.name
    return (LINKS.c.created_at, name, LINKS.c.role)


class _Json:
    """The JSON functions of one database, as the document needs them.

    SQLite passes a value built by its JSON functions on as JSON only within one SELECT: from a
    subquery it comes back as text, so a nested document is read back with `json()`."""

    def __init__(self, dialect: str) -> None:
        self.postgresql = dialect == "postgresql"

    def object(self, **fields: Any) -> Any:
        """A JSON object, the keys inlined (bound keys were ~60 parameters per statement)."""
        pairs: list[Any] = []
        for key, value in fields.items():
            pairs += [literal_column(f"'{key}'"), value]
        return func.json_build_object(*pairs) if self.postgresql else func.json_object(*pairs)

    def embed(self, json_value: Any) -> Any:
        """A JSON column, or a subquery's document, as JSON inside an object."""
        return json_value if self.postgresql else func.json(json_value)

    def array(
        self,
        element: Any,
        *order_by: Any,
        where: Any,
        correlate: Table,
        joined: Any = None,
        documents: bool = False,
    ) -> Any:
        """A JSON array of `element` over the rows `where` selects, in order; [] when there are none.

        The rows are sorted in a subquery that the aggregate reads in order (as the CSV export
        does): an ORDER BY inside `json_agg` cost each page ~15% more, measured side by side, and
        SQLite before 3.44 has none. `documents`: the elements are JSON objects."""
        rows = select(element.label("item")).where(where).order_by(*order_by).correlate(correlate)
        if joined is not None:
            rows = rows.select_from(joined)
        items = rows.subquery("items")
        if self.postgresql:
            aggregated = select(func.json_agg(items.c.item)).scalar_subquery()
            return func.coalesce(aggregated, literal_column("'[]'::json"))
        item = func.json(items.c.item) if documents else items.c.item
        aggregated = select(func.json_group_array(item)).scalar_subquery()
        return func.json(func.coalesce(aggregated, literal_column("'[]'")))

    def evidence(self, owner: Any, correlate: Table) -> Any:
        e = EVIDENCE.c
        item = self.object(
            source_id=uuid_text(e.source_id), **{name: e[name] for name in EVIDENCE_FIELDS[1:]}
        )
        where = owner == e[_OWNER[owner.table.name]]
        return self.array(item, e.position, where=where, correlate=correlate, documents=True)


def _document(dialect: str) -> Any:
    """An incident's read model as one JSON text."""
    j = _Json(dialect)
    c, link = INCIDENTS.c, LINKS.c
    location_columns = {
        "name": c.location_name,
        "admin1": c.admin1,
        "admin2": c.admin2,
        "city": c.city,
        "country_code": c.country_code,
        "latitude": c.latitude,
        "longitude": c.longitude,
        "precision": c.location_precision,
    }
    # Coordinates as the API's JSON writes a float ("33.0", not PostgreSQL's "33"; app/jsontext.py).
    shown = {
        **location_columns,
        "latitude": coordinate_json(c.latitude),
        "longitude": coordinate_json(c.longitude),
    }
    location = case(
        (and_(*(v.is_(None) for v in location_columns.values())), null()),
        else_=j.object(**shown),
    )
    actor = j.object(
        id=uuid_text(link.id),
        actor_id=uuid_text(link.actor_id),
        name=ACTORS.c.name,
        kind=ACTORS.c.kind,
        role=link.role,
        confidence=link.confidence,
        evidence=j.evidence(link.id, LINKS),
        created_at=time_text(link.created_at),
        # Roles are never edited in place (see IncidentActor.version).
        updated_at=time_text(link.created_at),
        version=literal_column("1"),
    )
    actors = j.array(
        actor,
        *actor_order(dialect),
        where=link.incident_id == c.id,
        correlate=INCIDENTS,
        joined=LINKS.join(ACTORS, ACTORS.c.id == link.actor_id),
        documents=True,
    )
    of_incident = SOURCE_LINKS.c.incident_id == c.id
    source_ids = j.array(
        uuid_text(SOURCE_LINKS.c.source_id), SOURCE_LINKS.c.position, where=of_incident, correlate=INCIDENTS
    )
    source_count = select(func.count()).where(of_incident).correlate(INCIDENTS).scalar_subquery()
    document = j.object(
        id=uuid_text(c.id),
        created_at=time_text(c.created_at),
        updated_at=time_text(c.updated_at),
        version=c.version,
        title=c.title,
        summary=c.summary,
        event_type=c.event_type,
        sub_event_type=c.sub_event_type,
        disorder_type=c.disorder_type,
        occurred_at=time_text(c.occurred_at),
        occurred_at_precision=c.occurred_at_precision,
        timezone=c.timezone,
        location=location,
        status=c.status,
        claim_status=c.claim_status,
        tags=j.embed(c.tags),
        source_ids=source_ids,
        source_count=source_count,
        actors=actors,
        casualties=j.object(
            killed=j.object(low=c.killed_low, best=c.killed_best, high=c.killed_high),
            injured=j.object(low=c.injured_low, best=c.injured_best, high=c.injured_high),
            report_ids=j.embed(c.casualty_report_ids),
        ),
        statement_count=c.statement_count,
        evidence=j.evidence(c.id, INCIDENTS),
    )
    return cast(document, String).label("document")


def columns(dialect: str) -> list[Any]:
    """The columns a page of incidents is read as, for `render` (the key column follows them):
    the ids only. `render` then fetches their documents with one statement whose text never
    changes: planning the document's subqueries took PostgreSQL ~3 ms, as long as running them,
    and a page's own statement (its filters, cursor and limit inlined) is planned afresh each time."""
    return [INCIDENTS.c.id]


class _Queries:
    """One incident's document, and the documents of a page's ids, compiled once per dialect.

    The page's ids go as one parameter whatever the page size (a `uuid[]` literal on PostgreSQL,
    a JSON array on SQLite), so the SQL text never changes and the driver prepares it once."""

    def __init__(self, dialect: Dialect) -> None:
        self.postgresql = dialect.name == "postgresql"
        # COALESCE evaluates its second argument (and so the document's subqueries) only when the
        # first is NULL, on both databases.
        document = func.coalesce(DOCUMENTS.c.document, _document(dialect.name))
        stored = INCIDENTS.outerjoin(DOCUMENTS, DOCUMENTS.c.id == INCIDENTS.c.id)
        by_id = INCIDENTS.c.id == bindparam("id")
        self.one = DriverQuery.compile(
            select(INCIDENTS.c.version, document).select_from(stored).where(by_id), dialect
        )
        if self.postgresql:
            among_ids = INCIDENTS.c.id == any_(cast(bindparam("ids", type_=String), ARRAY(Uuid())))
        else:
            among_ids = INCIDENTS.c.id.in_(
                select(func.json_each(bindparam("ids")).table_valued("value").c.value)
            )
        self.documents = DriverQuery.compile(
            select(uuid_text(INCIDENTS.c.id), document).select_from(stored).where(among_ids), dialect
        )

    def key(self, incident_id: uuid.UUID) -> Any:
        """An id as the driver takes it: SQLite keeps 32 hex digits (SQLAlchemy's Uuid there)."""
        return incident_id if self.postgresql else incident_id.hex

    def ids(self, wanted: list[str]) -> str:
        """Ids (in their text form) as the one parameter of `documents`."""
        if self.postgresql:
            return "{" + ",".join(wanted) + "}"
        return orjson.dumps([i.replace("-", "") for i in wanted]).decode()


_queries: dict[str, _Queries] = {}


def _for(session: Session) -> _Queries:
    dialect = session.get_bind().dialect
    queries = _queries.get(dialect.name)
    if queries is None:
        queries = _queries[dialect.name] = _Queries(dialect)
    return queries


def one(session: Session, incident_id: uuid.UUID) -> tuple[Any, int] | None:
    """The read model of one incident (JSON-ready) and its version, or None."""
    queries = _for(session)
    found = queries.one.rows(session, id=queries.key(incident_id))
    return (orjson.Fragment(found[0][1]), found[0][0]) if found else None


def render(session: Session, rows: Sequence[Any]) -> dict[Any, Any]:
    """The read models (JSON-ready) of these incident rows (of `columns`), by their row's id. A
    row deleted between the two statements has none, as if it had gone a moment sooner."""
    if not rows:
        return {}
    queries = _for(session)
    wanted = {str(row[0]): row[0] for row in rows}
    found = queries.documents.rows(session, ids=queries.ids(list(wanted)))
    return {wanted[text]: orjson.Fragment(document) for text, document in found}


def documents(session: Session, incident_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """These incidents' read models, parsed (for history snapshots of many incidents at once)."""
    if not incident_ids:
        return {}
    queries = _for(session)
    found = queries.documents.rows(session, ids=queries.ids([str(i) for i in incident_ids]))
    return {uuid.UUID(text): orjson.loads(document) for text, document in found}


# --- keeping the stored documents ---


def _built(dialect: str) -> Any:
    """The document of the incident whose stored row is being written, built from its rows."""
    return select(_document(dialect)).where(INCIDENTS.c.id == DOCUMENTS.c.id).scalar_subquery()


def _without_jit(conn: Connection) -> None:
    """No JIT compilation for the rest of this transaction. The planner prices the document's
    subqueries high, so building a batch of them passed `jit_above_cost`: compiling took 0.58 s of
    a 0.65 s statement that built 1,776 documents (a 100,000-incident load took 30 s longer)."""
    conn.exec_driver_sql("SET LOCAL jit = off")


def refresh(conn: Connection, limit: int | None = None) -> int:
    """Write the documents that triggers marked stale (NULL), or `limit` of them: how many.

    On PostgreSQL the rows another transaction has marked, and so holds locked, are skipped: that
    transaction writes them itself, from what it changed."""
    stale = select(DOCUMENTS.c.id).where(DOCUMENTS.c.document.is_(None)).limit(limit)
    if conn.dialect.name == "postgresql":
        stale = stale.with_for_update(skip_locked=True)
        _without_jit(conn)
    written = conn.execute(
        update(DOCUMENTS).where(DOCUMENTS.c.id.in_(stale)).values(document=_built(conn.dialect.name))
    )
    return written.rowcount


def _refresh_in_batches(conn: Connection, batch: int) -> int:
    """Write every stale document this connection can lock, a batch per transaction: how many."""
    count = 0
    while True:
        with conn.begin():
            written = refresh(conn, batch)
        count += written
        if written < batch:
            return count


def refresh_all(engine: Engine, batch: int = 1000) -> int:
    """Write every stale document (after a migration)."""
    with engine.connect() as conn:
        return _refresh_in_batches(conn, batch)


def mark_stale(conn: Connection, incident_ids: list[uuid.UUID]) -> None:
    """Mark these incidents' documents stale, making the rows of new incidents: what the triggers
    do, for the PostgreSQL bulk importer, whose batches skip them. A `StaleDocumentWriter` writes
    the documents on a connection of its own, while the load goes on."""
    if not incident_ids:
        return
    ids = select(func.unnest(bindparam("ids", incident_ids, type_=ARRAY(Uuid()))), null())
    stmt = postgresql.insert(DOCUMENTS).from_select(["id", "document"], ids)
    conn.execute(stmt.on_conflict_do_update(index_elements=["id"], set_={"document": null()}))


class StaleDocumentWriter:
    """Writes stale documents in a thread and a connection of its own, woken by `poke` (a bulk
    load's batch committed) until `close`, which writes what is left and re-raises its error.

    Writing a batch's documents in the batch itself was a sixth of a PostgreSQL load, with the
    database's second core idle; here the two run side by side. A reader meanwhile builds a NULL
    document on the spot (`coalesce(stored, built)`), so nothing reads out of date."""

    def __init__(self, engine: Engine, batch: int = 1000) -> None:
        self.engine = engine
        self.batch = batch
        self._wake = threading.Event()
        self._closing = False
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="stale-documents", daemon=True)
        self._thread.start()

    def poke(self) -> None:
        self._wake.set()

    def close(self) -> None:
        self._closing = True
        self._wake.set()
        self._thread.join()
        if self._error is not None:
            raise self._error

    def _run(self) -> None:
        try:
            with self.engine.connect() as conn:
                while True:
                    self._wake.wait()
                    self._wake.clear()
                    closing = self._closing
                    _refresh_in_batches(conn, self.batch)
                    if closing:
                        return
        except BaseException as exc:  # re-raised by close() in the loading thread
            self._error = exc


@event.listens_for(Session, "before_commit")
def _write_stale_documents(session: Session) -> None:
    """Before a write transaction commits, write the documents its changes made stale."""
    session.flush()  # the commit's own flush comes after this hook
    if "tx_time" in session.info:  # this transaction wrote rows (app.db._stamp)
        refresh(session.connection())
