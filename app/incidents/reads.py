"""Incidents read straight from rows into JSON-ready values: no ORM objects, no Pydantic.

The GET endpoints are the hot path (a frontend pages through them all day). Through the ORM a
page of 50 built ~600 objects and validated them twice. Here, in the `IncidentRead` layout
(tests/test_reads.py checks every field against the read model):

* PostgreSQL writes each incident's whole JSON document (`DOCUMENT`): one incident is one
  SELECT, a page two (its ids, then their documents), and Python embeds the text as it is
  (orjson.Fragment).
* SQLite: a page is four SELECTs (the page, the actors with their roles, the source ids, the
  evidence), run straight on the driver's cursor (`DriverQuery`); the database writes ids, times
  and JSON as the API's JSON text (app/jsontext.py), so Python only moves strings into dicts.
"""

import json
import uuid
from collections.abc import Sequence
from typing import Any

import orjson
from sqlalchemy import (
    String,
    Table,
    Uuid,
    and_,
    any_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    null,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.actors.models import Actor
from app.db import DriverQuery
from app.evidence import Evidence
from app.incidents.models import Incident, IncidentActor, IncidentSource
from app.jsontext import as_json, time_text, uuid_text

INCIDENTS: Table = Incident.__table__  # type: ignore[assignment]
LINKS: Table = IncidentActor.__table__  # type: ignore[assignment]
ACTORS: Table = Actor.__table__  # type: ignore[assignment]
SOURCE_LINKS: Table = IncidentSource.__table__  # type: ignore[assignment]
EVIDENCE: Table = Evidence.__table__  # type: ignore[assignment]

EVIDENCE_FIELDS = ("source_id", "start", "end", "quote", "prefix", "suffix", "start_utf16", "end_utf16")


def _json(text: str | None) -> Any:
    return None if text is None else orjson.Fragment(text)


COLUMNS = [as_json(c, keep_id=True) for c in INCIDENTS.c]
NAMES = [c.name for c in INCIDENTS.c]


# --- PostgreSQL: the database writes each incident's whole JSON document ---
#
# Measured on a page of 50 at 100k incidents under load: the four SELECTs that SQLite still runs
# (below) plus Python's shaping cost the server ~6 ms of CPU and PostgreSQL 4.9 ms; the documents
# cost PostgreSQL 5.2 ms and the server ~1 ms, as Python only embeds the text (orjson.Fragment).
# The document has the `IncidentRead` layout field for field (tests/test_reads.py checks it on
# both databases).


def actor_order(dialect: str) -> tuple[Any, ...]:
    """The read model's order of an incident's actors (app/incidents/models.py, Incident.actors),
    names compared by code point as Python compares them: SQLite's default collation does, and
    PostgreSQL's "C" collation."""
    name = ACTORS.c.name.collate("C") if dialect == "postgresql" else ACTORS.c.name
    return (LINKS.c.created_at, name, LINKS.c.role)


def _object(**fields: Any) -> Any:
    """json_build_object with the keys inlined (bound keys were ~60 parameters per statement)."""
    pairs: list[Any] = []
    for key, value in fields.items():
        pairs += [literal_column(f"'{key}'"), value]
    return func.json_build_object(*pairs)


def _array(element: Any, *order_by: Any, where: Any, correlate: Table, joined: Any = None) -> Any:
    """A JSON array of `element` over the rows `where` selects, in order; [] when there are none.

    The rows are sorted in a subquery that `json_agg` reads in order (as the CSV export does):
    an ORDER BY inside the aggregate cost each page ~15% more, measured side by side."""
    rows = select(element.label("item")).where(where).order_by(*order_by).correlate(correlate)
    if joined is not None:
        rows = rows.select_from(joined)
    items = rows.subquery("items")
    return func.coalesce(select(func.json_agg(items.c.item)).scalar_subquery(), literal_column("'[]'::json"))


def _evidence(owner: Any, correlate: Table) -> Any:
    e = EVIDENCE.c
    item = _object(**{name: e[name] for name in EVIDENCE_FIELDS})
    return _array(item, e.position, where=owner == e[_OWNER[owner.table.name]], correlate=correlate)


_OWNER = {"incidents": "incident_id", "incident_actors": "incident_actor_id"}


def _document() -> Any:
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
    location = case(
        (and_(*(v.is_(None) for v in location_columns.values())), null()),
        else_=_object(**location_columns),
    )
    actor = _object(
        id=link.id,
        actor_id=link.actor_id,
        name=ACTORS.c.name,
        kind=ACTORS.c.kind,
        role=link.role,
        confidence=link.confidence,
        evidence=_evidence(link.id, LINKS),
        created_at=time_text(link.created_at),
        # Roles are never edited in place (see IncidentActor.version).
        updated_at=time_text(link.created_at),
        version=literal_column("1"),
    )
    actors = _array(
        actor,
        *actor_order("postgresql"),
        where=link.incident_id == c.id,
        correlate=INCIDENTS,
        joined=LINKS.join(ACTORS, ACTORS.c.id == link.actor_id),
    )
    of_incident = SOURCE_LINKS.c.incident_id == c.id
    source_ids = _array(
        SOURCE_LINKS.c.source_id, SOURCE_LINKS.c.position, where=of_incident, correlate=INCIDENTS
    )
    source_count = select(func.count()).where(of_incident).correlate(INCIDENTS).scalar_subquery()
    return _object(
        id=c.id,
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
        tags=c.tags,
        source_ids=source_ids,
        source_count=source_count,
        actors=actors,
        casualties=_object(
            killed=_object(low=c.killed_low, best=c.killed_best, high=c.killed_high),
            injured=_object(low=c.injured_low, best=c.injured_best, high=c.injured_high),
            report_ids=c.casualty_report_ids,
        ),
        statement_count=c.statement_count,
        evidence=_evidence(c.id, INCIDENTS),
    )


DOCUMENT = cast(_document(), String).label("document")


def columns(dialect: str) -> list[Any]:
    """The columns a page of incidents is read as, for `render` (the key column follows them).

    PostgreSQL: the ids only; `render` then fetches their documents with one prepared statement.
    Planning the document's subqueries took ~3 ms, as long as running them, and a page's own
    statement (its filters, cursor and limit inlined) is planned afresh each time."""
    return [INCIDENTS.c.id] if dialect == "postgresql" else COLUMNS


class _Queries:
    """The incident reads, compiled once per dialect. PostgreSQL: one incident's document, and
    the documents of a page's ids. SQLite: the rows, then three follow-up queries for a page's
    actors, source ids and evidence; their ids go as one JSON array parameter whatever the page
    size, so the SQL text never changes and the driver prepares it once."""

    def __init__(self, session: Session) -> None:
        dialect = session.get_bind().dialect
        self.postgresql = dialect.name == "postgresql"
        by_id = INCIDENTS.c.id == bindparam("id")
        if self.postgresql:
            self.one = DriverQuery.compile(select(INCIDENTS.c.version, DOCUMENT).where(by_id), dialect)
            # The ids as one array literal parameter: the SQL text never changes, so psycopg
            # prepares it once per connection and PostgreSQL keeps its plan.
            ids = cast(bindparam("ids", type_=String), ARRAY(Uuid()))
            documents = select(uuid_text(INCIDENTS.c.id), DOCUMENT).where(INCIDENTS.c.id == any_(ids))
            self.documents = DriverQuery.compile(documents, dialect)
            return
        self.one = DriverQuery.compile(select(*(as_json(c) for c in INCIDENTS.c)).where(by_id), dialect)

        def among(column: Any) -> Any:
            return column.in_(select(func.json_each(bindparam("ids")).table_valued("value").c.value))

        links = (
            select(
                uuid_text(LINKS.c.id),
                uuid_text(LINKS.c.incident_id),
                uuid_text(LINKS.c.actor_id),
                ACTORS.c.name,
                type_coerce(ACTORS.c.kind, String),
                type_coerce(LINKS.c.role, String),
                type_coerce(LINKS.c.confidence, String),
                time_text(LINKS.c.created_at),
            )
            .join(ACTORS, ACTORS.c.id == LINKS.c.actor_id)
            .where(among(LINKS.c.incident_id))
            .order_by(*actor_order(dialect.name))
        )
        sources = (
            select(uuid_text(SOURCE_LINKS.c.incident_id), uuid_text(SOURCE_LINKS.c.source_id))
            .where(among(SOURCE_LINKS.c.incident_id))
            .order_by(SOURCE_LINKS.c.position)
        )
        # Two indexed lookups glued with UNION ALL: SQLite answers `incident_id IN (..) OR
        # incident_actor_id IN (..)` with a scan of the whole evidence table.
        fields = [uuid_text(EVIDENCE.c.source_id), *(EVIDENCE.c[f] for f in EVIDENCE_FIELDS[1:])]
        of_links = select(LINKS.c.id).where(among(LINKS.c.incident_id))
        evidence = union_all(
            select(uuid_text(EVIDENCE.c.incident_id).label("owner"), EVIDENCE.c.position, *fields).where(
                among(EVIDENCE.c.incident_id)
            ),
            select(uuid_text(EVIDENCE.c.incident_actor_id), EVIDENCE.c.position, *fields).where(
                EVIDENCE.c.incident_actor_id.in_(of_links)
            ),
        ).order_by("position")
        self.links = DriverQuery.compile(links, dialect)
        self.sources = DriverQuery.compile(sources, dialect)
        self.evidence = DriverQuery.compile(evidence, dialect)


_queries: dict[str, _Queries] = {}


def _for(session: Session) -> _Queries:
    name = session.get_bind().dialect.name
    queries = _queries.get(name)
    if queries is None:
        queries = _queries[name] = _Queries(session)
    return queries


def one(session: Session, incident_id: uuid.UUID) -> tuple[Any, int] | None:
    """The read model of one incident (JSON-ready) and its version, or None."""
    queries = _for(session)
    if queries.postgresql:
        found = queries.one.rows(session, id=incident_id)
        return (orjson.Fragment(found[0][1]), found[0][0]) if found else None
    found = queries.one.rows(session, id=incident_id.hex)
    if not found:
        return None
    item = render(session, found)[0]
    return item, item["version"]


def render(session: Session, rows: Sequence[Any]) -> list[Any]:
    """The read models (JSON-ready) of these incident rows (of `columns`), in order."""
    if not rows:
        return []
    queries = _for(session)
    if queries.postgresql:
        wanted = [str(row[0]) for row in rows]
        found = dict(queries.documents.rows(session, ids="{" + ",".join(wanted) + "}"))
        # A row deleted between the two statements is left out, as if it had gone a moment sooner.
        return [orjson.Fragment(found[i]) for i in wanted if i in found]
    records = [dict(zip(NAMES, row, strict=False)) for row in rows]  # page rows end with their sort key
    for record in records:
        record["id"] = str(record["id"])
    ids = json.dumps([r["id"].replace("-", "") for r in records])  # SQLite keeps 32 hex digits
    links = queries.links.rows(session, ids=ids)
    sources = queries.sources.rows(session, ids=ids)
    evidence = queries.evidence.rows(session, ids=ids)

    by_owner: dict[str, list[dict[str, Any]]] = {}
    for owner, _position, source_id, start, end, quote, prefix, suffix, start16, end16 in evidence:
        by_owner.setdefault(owner, []).append(
            {
                "source_id": source_id,
                "start": start,
                "end": end,
                "quote": quote,
                "prefix": prefix,
                "suffix": suffix,
                "start_utf16": start16,
                "end_utf16": end16,
            }
        )
    actors: dict[str, list[dict[str, Any]]] = {}
    for link_id, incident_id, actor_id, name, kind, role, confidence, created_at in links:
        actors.setdefault(incident_id, []).append(
            {
                "id": link_id,
                "actor_id": actor_id,
                "name": name,
                "kind": kind,
                "role": role,
                "confidence": confidence,
                "evidence": by_owner.get(link_id, []),
                "created_at": created_at,
                # Roles are never edited in place (see IncidentActor.version).
                "updated_at": created_at,
                "version": 1,
            }
        )
    source_ids: dict[str, list[str]] = {}
    for incident_id, source_id in sources:
        source_ids.setdefault(incident_id, []).append(source_id)
    return [_incident(r, actors, source_ids, by_owner) for r in records]


_NO_LOCATION = dict.fromkeys(
    ("name", "admin1", "admin2", "city", "country_code", "latitude", "longitude", "precision")
)


def _incident(
    r: dict[str, Any],
    actors: dict[str, list[dict[str, Any]]],
    source_ids: dict[str, list[str]],
    evidence: dict[str, list[dict[str, Any]]],
) -> dict[str, Any]:
    incident_id = r["id"]
    location = {
        "name": r["location_name"],
        "admin1": r["admin1"],
        "admin2": r["admin2"],
        "city": r["city"],
        "country_code": r["country_code"],
        "latitude": r["latitude"],
        "longitude": r["longitude"],
        "precision": r["location_precision"],
    }
    sources = source_ids.get(incident_id, [])
    return {
        "id": incident_id,
        "created_at": r["created_at"],
        "updated_at": r["updated_at"],
        "version": r["version"],
        "title": r["title"],
        "summary": r["summary"],
        "event_type": r["event_type"],
        "sub_event_type": r["sub_event_type"],
        "disorder_type": r["disorder_type"],
        "occurred_at": r["occurred_at"],
        "occurred_at_precision": r["occurred_at_precision"],
        "timezone": r["timezone"],
        "location": location if location != _NO_LOCATION else None,
        "status": r["status"],
        "claim_status": r["claim_status"],
        "tags": _json(r["tags"]),
        "source_ids": sources,
        "source_count": len(sources),
        "actors": actors.get(incident_id, []),
        "casualties": {
            "killed": {"low": r["killed_low"], "best": r["killed_best"], "high": r["killed_high"]},
            "injured": {"low": r["injured_low"], "best": r["injured_best"], "high": r["injured_high"]},
            "report_ids": _json(r["casualty_report_ids"]),
        },
        "statement_count": r["statement_count"],
        "evidence": evidence.get(incident_id, []),
    }
