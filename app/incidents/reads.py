"""Incidents read straight from rows into JSON-ready dicts: no ORM objects, no Pydantic.

The GET endpoints are the hot path (a frontend pages through them all day). Through the ORM a
page of 50 built ~600 objects and validated them twice; here a page is four SELECTs (the page,
the actors with their roles, the source ids, the evidence) shaped into the `IncidentRead` layout
(tests/test_reads.py checks every field against the read model). The database writes ids, times
and JSON as the API's JSON text (app/jsontext.py), and the three follow-up queries run straight
on the driver's cursor (`DriverQuery`), so Python only moves strings into dicts for orjson.
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
    any_,
    bindparam,
    cast,
    func,
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
BASE = select(*COLUMNS)


def base_select() -> Any:
    """Every incident column, ready for filters, keyset pagination and `render`."""
    return BASE


def columns() -> list[Any]:
    """The columns of `base_select`, for a page statement built over the ORM entity."""
    return COLUMNS


class _Queries:
    """The three follow-up queries of a page, compiled once per dialect. The ids go as one
    parameter whatever the page size (an array on PostgreSQL, a JSON array on SQLite), so the
    SQL text never changes and the driver prepares it once."""

    def __init__(self, session: Session) -> None:
        dialect = session.get_bind().dialect
        self.postgresql = dialect.name == "postgresql"

        def among(column: Any) -> Any:
            if self.postgresql:
                # An array literal as one text parameter: psycopg adapts a list item by item.
                return column == any_(cast(bindparam("ids", type_=String), ARRAY(Uuid())))
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
            # The read model's order (app/incidents/models.py, Incident.actors), names compared by
            # code point as Python compares them, whatever the database's collation.
            .order_by(
                LINKS.c.created_at,
                ACTORS.c.name.collate("C") if self.postgresql else ACTORS.c.name,
                LINKS.c.role,
            )
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
        one = select(*(as_json(c) for c in INCIDENTS.c)).where(INCIDENTS.c.id == bindparam("id"))
        self.one = DriverQuery.compile(one, dialect)
        self.links = DriverQuery.compile(links, dialect)
        self.sources = DriverQuery.compile(sources, dialect)
        self.evidence = DriverQuery.compile(evidence, dialect)

    def ids(self, ids: Sequence[str]) -> str:
        if self.postgresql:
            return "{" + ",".join(ids) + "}"
        return json.dumps([i.replace("-", "") for i in ids])  # SQLite keeps 32 hex digits


_queries: dict[str, _Queries] = {}


def _for(session: Session) -> _Queries:
    name = session.get_bind().dialect.name
    queries = _queries.get(name)
    if queries is None:
        queries = _queries[name] = _Queries(session)
    return queries


def one(session: Session, incident_id: uuid.UUID) -> dict[str, Any] | None:
    """The read model of one incident, or None."""
    queries = _for(session)
    found = queries.one.rows(session, id=incident_id if queries.postgresql else incident_id.hex)
    return render(session, found)[0] if found else None


def render(session: Session, rows: Sequence[Any]) -> list[dict[str, Any]]:
    """The read models of these incident rows (from `base_select`), in order."""
    if not rows:
        return []
    queries = _for(session)
    records = [dict(zip(NAMES, row, strict=False)) for row in rows]  # page rows end with their sort key
    for record in records:
        record["id"] = str(record["id"])
    ids = queries.ids([r["id"] for r in records])
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
