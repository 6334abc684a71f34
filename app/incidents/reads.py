"""Incidents read straight from rows into JSON-ready dicts: no ORM objects, no Pydantic.

The GET endpoints are the hot path (a frontend pages through them all day). Through the ORM a
page of 50 built ~600 objects and validated them twice; here a page is four SELECTs (the page,
the actors with their roles, the source ids, the evidence) shaped into the `IncidentRead` layout
(tests/test_reads.py checks every field against the read model). Values are left as UUIDs,
enums and UTC datetimes for orjson, which writes them exactly as the read model does.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    Row,
    String,
    Table,
    Text,
    Uuid,
    any_,
    bindparam,
    cast,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from app.actors.models import Actor
from app.evidence import Evidence
from app.incidents.models import Incident, IncidentActor, IncidentSource

INCIDENTS: Table = Incident.__table__  # type: ignore[assignment]
LINKS: Table = IncidentActor.__table__  # type: ignore[assignment]
ACTORS: Table = Actor.__table__  # type: ignore[assignment]
SOURCE_LINKS: Table = IncidentSource.__table__  # type: ignore[assignment]
EVIDENCE: Table = Evidence.__table__  # type: ignore[assignment]

EVIDENCE_FIELDS = ("source_id", "start", "end", "quote", "prefix", "suffix", "start_utf16", "end_utf16")


def _raw(column: Any) -> Any:
    """The column as the database stores it, without SQLAlchemy's per-value conversion: enum
    columns as their string values, JSON columns as JSON text (embedded as is by orjson)."""
    if isinstance(column.type, SAEnum):
        return type_coerce(column, String).label(column.name)
    if isinstance(column.type, JSON):
        return cast(column, Text).label(column.name)
    return column


def _json(text: str | None) -> Any:
    return None if text is None else orjson.Fragment(text)


BASE = select(*(_raw(c) for c in INCIDENTS.c))


def base_select() -> Any:
    """Every incident column, ready for filters, keyset pagination and `render`."""
    return BASE


def columns() -> list[Any]:
    """The columns of `base_select`, for a page statement built over the ORM entity."""
    return [_raw(c) for c in INCIDENTS.c]


@dataclass(frozen=True)
class _Statements:
    links: Any
    sources: Any
    evidence: Any


@cache
def _statements(dialect: str) -> _Statements:
    """The three follow-up queries of a page, built once per dialect. On PostgreSQL the ids go as
    one array (`= ANY(:ids)`): one SQL text whatever the page size, so psycopg prepares it once;
    an expanded IN list was a new statement for every page size."""

    def among(column: Any) -> Any:
        if dialect == "postgresql":
            return column == any_(bindparam("ids", type_=ARRAY(Uuid())))
        return column.in_(bindparam("ids", expanding=True))

    links = (
        select(
            LINKS.c.id,
            LINKS.c.incident_id,
            LINKS.c.actor_id,
            ACTORS.c.name,
            _raw(ACTORS.c.kind),
            _raw(LINKS.c.role),
            _raw(LINKS.c.confidence),
            LINKS.c.created_at,
        )
        .join(ACTORS, ACTORS.c.id == LINKS.c.actor_id)
        .where(among(LINKS.c.incident_id))
        .order_by(LINKS.c.created_at, LINKS.c.id)
    )
    sources = (
        select(SOURCE_LINKS.c.incident_id, SOURCE_LINKS.c.source_id)
        .where(among(SOURCE_LINKS.c.incident_id))
        .order_by(SOURCE_LINKS.c.position)
    )
    # Two indexed lookups glued with UNION ALL: SQLite answers `incident_id IN (..) OR
    # incident_actor_id IN (..)` with a scan of the whole evidence table.
    columns = (
        EVIDENCE.c.incident_id,
        EVIDENCE.c.incident_actor_id,
        EVIDENCE.c.position,
        *(EVIDENCE.c[f] for f in EVIDENCE_FIELDS),
    )
    of_links = select(LINKS.c.id).where(among(LINKS.c.incident_id))
    evidence = union_all(
        select(*columns).where(among(EVIDENCE.c.incident_id)),
        select(*columns).where(EVIDENCE.c.incident_actor_id.in_(of_links)),
    ).order_by("position")
    return _Statements(links, sources, evidence)


def _evidence(row: Row[Any]) -> dict[str, Any]:
    return {
        "source_id": row.source_id,
        "start": row.start,
        "end": row.end,
        "quote": row.quote,
        "prefix": row.prefix,
        "suffix": row.suffix,
        "start_utf16": row.start_utf16,
        "end_utf16": row.end_utf16,
    }


def render(session: Session, rows: Sequence[Row[Any]]) -> list[dict[str, Any]]:
    """The read models of these incident rows, in order."""
    if not rows:
        return []
    statements = _statements(session.get_bind().dialect.name)
    ids = {"ids": [r.id for r in rows]}
    links = session.execute(statements.links, ids).all()
    sources = session.execute(statements.sources, ids).all()
    evidence = session.execute(statements.evidence, ids).all()

    by_owner: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for e in evidence:
        by_owner.setdefault(e.incident_id or e.incident_actor_id, []).append(_evidence(e))
    actors: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for link in links:
        actors.setdefault(link.incident_id, []).append(
            {
                "id": link.id,
                "actor_id": link.actor_id,
                "name": link.name,
                "kind": link.kind,
                "role": link.role,
                "confidence": link.confidence,
                "evidence": by_owner.get(link.id, []),
                "created_at": link.created_at,
                # Roles are never edited in place (see IncidentActor.version).
                "updated_at": link.created_at,
                "version": 1,
            }
        )
    for links_of_one in actors.values():
        links_of_one.sort(key=lambda link: (link["created_at"], link["name"], link["role"]))
    source_ids: dict[uuid.UUID, list[uuid.UUID]] = {}
    for s in sources:
        source_ids.setdefault(s.incident_id, []).append(s.source_id)
    return [_incident(r, actors, source_ids, by_owner) for r in rows]


def _incident(
    r: Row[Any],
    actors: dict[uuid.UUID, list[dict[str, Any]]],
    source_ids: dict[uuid.UUID, list[uuid.UUID]],
    evidence: dict[uuid.UUID, list[dict[str, Any]]],
) -> dict[str, Any]:
    location = {
        "name": r.location_name,
        "admin1": r.admin1,
        "admin2": r.admin2,
        "city": r.city,
        "country_code": r.country_code,
        "latitude": r.latitude,
        "longitude": r.longitude,
        "precision": r.location_precision,
    }
    sources = source_ids.get(r.id, [])
    return {
        "id": r.id,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
        "version": r.version,
        "title": r.title,
        "summary": r.summary,
        "event_type": r.event_type,
        "sub_event_type": r.sub_event_type,
        "disorder_type": r.disorder_type,
        "occurred_at": r.occurred_at,
        "occurred_at_precision": r.occurred_at_precision,
        "timezone": r.timezone,
        "location": location if any(v is not None for v in location.values()) else None,
        "status": r.status,
        "claim_status": r.claim_status,
        "tags": _json(r.tags),
        "source_ids": sources,
        "source_count": len(sources),
        "actors": actors.get(r.id, []),
        "casualties": {
            "killed": {"low": r.killed_low, "best": r.killed_best, "high": r.killed_high},
            "injured": {"low": r.injured_low, "best": r.injured_best, "high": r.injured_high},
            "report_ids": _json(r.casualty_report_ids),
        },
        "statement_count": r.statement_count,
        "evidence": evidence.get(r.id, []),
    }
