"""Incidents read straight from rows into JSON: no ORM objects, no Pydantic.

The GET endpoints are the hot path (a frontend pages through them all day). Through the ORM a
page of 50 built ~600 objects and validated them twice. Here the database writes each incident's
whole JSON document, in the `IncidentRead` layout, as app/documents.py does for every resource
that has one: one incident is one SELECT, a page two (its ids, then their documents).

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
    Engine,
    String,
    Table,
    Uuid,
    and_,
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
from app.documents import Documents, Json
from app.incidents.models import Incident, IncidentActor, IncidentSource, incident_documents
from app.jsontext import coordinate_json, time_text, uuid_text

INCIDENTS: Table = Incident.__table__  # type: ignore[assignment]
LINKS: Table = IncidentActor.__table__  # type: ignore[assignment]
ACTORS: Table = Actor.__table__  # type: ignore[assignment]
SOURCE_LINKS: Table = IncidentSource.__table__  # type: ignore[assignment]
DOCUMENTS = incident_documents


def actor_order(dialect: str) -> tuple[Any, ...]:
    """The read model's order of an incident's actors (app/incidents/models.py, Incident.actors),
    names compared by code point as Python compares them: SQLite's default collation does, and
    PostgreSQL's "C" collation."""
    name = ACTORS.c.name.collate("C") if dialect == "postgresql" else ACTORS.c.name
    return (LINKS.c.created_at, name, LINKS.c.role)


def _document(dialect: str) -> Any:
    """An incident's read model as one JSON text."""
    j = Json(dialect)
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


# `coalesce(stored, built)`: COALESCE evaluates its second argument (and so the document's
# subqueries) only when the first is NULL, on both databases.
documents = Documents(
    INCIDENTS,
    lambda dialect: func.coalesce(DOCUMENTS.c.document, _document(dialect)),
    INCIDENTS.outerjoin(DOCUMENTS, DOCUMENTS.c.id == INCIDENTS.c.id),
)


def parsed(session: Session, incident_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """These incidents' read models, parsed (for history snapshots of many incidents at once)."""
    found = documents.texts(session, [str(i) for i in incident_ids])
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
