import re
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlalchemy import Select, delete, exists, func, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.interfaces import LoaderOption

from app.crud import CrudService, ListQuery
from app.db import touch, transaction_time
from app.errors import Conflict, NotFound, Unprocessable
from app.evidence import build_evidence, replace_evidence
from app.incidents import export, reads
from app.incidents.models import Incident, IncidentActor, IncidentSource, IncidentTag
from app.incidents.schemas import (
    IncidentActorIn,
    IncidentCreate,
    IncidentRead,
    IncidentSort,
    IncidentUpdate,
    Location,
    local_time_error,
    too_many_sources,
)
from app.schemas import CountryCode, FilterTime, Tag
from app.vocab import SUB_EVENT_TYPES, EventType, IncidentStatus, Role, disorder_type

LOCATION_COLUMNS = {
    "name": "location_name",
    "admin1": "admin1",
    "admin2": "admin2",
    "city": "city",
    "country_code": "country_code",
    "latitude": "latitude",
    "longitude": "longitude",
    "precision": "location_precision",
}


_DECIMAL = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")


class IncidentFilters(BaseModel):
    """The incident filters, shared by the list, its exports and `/v1/stats/incidents`."""

    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description="Full-text search over the title, the summary and the incident's statements: every "
        "word must match (stemmed: `attacks` finds `attack`). Punctuation and operators are ignored. "
        "Without `sort`, results come most relevant first (docs/querying.md).",
        examples=["rocket attack"],
    )
    occurred_after: FilterTime | None = Field(
        None, description="Occurred at or after this time (RFC 3339).", examples=["2023-12-01T00:00:00Z"]
    )
    occurred_before: FilterTime | None = Field(
        None,
        description="Occurred before this time (RFC 3339, exclusive).",
        examples=["2024-01-01T00:00:00Z"],
    )
    country_code: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 of the location.")
    event_type: EventType | None = Field(None, description="ACLED event type, exact string.")
    status: IncidentStatus | None = None
    actor_id: uuid.UUID | None = Field(None, description="Involves this actor (in `role`, if given).")
    role: Role | None = Field(
        None, description="With `actor_id`: the actor's role; alone: has some actor in that role."
    )
    bbox: str | None = Field(
        None,
        description="Inside `min_lon,min_lat,max_lon,max_lat` (WGS 84, edges included); incidents "
        "without coordinates never match.",
        examples=["44.0,33.0,45.0,34.0"],
        max_length=200,
    )
    min_killed: int | None = Field(
        None,
        ge=0,
        le=10_000_000,
        description="The current best killed figure is at least this (unknown never matches).",
    )
    tag: Tag | None = Field(None, description="Has this tag (exact).", examples=["rocket-attack"])

    @field_validator("bbox")
    @classmethod
    def _bbox(cls, value: str | None) -> str | None:
        if value is None:
            return None
        # Plain decimals only: Python's float() also reads "1_0", "nan", "inf" and "1e2".
        parts = value.split(",")
        if len(parts) != 4 or not all(_DECIMAL.fullmatch(p.strip()) for p in parts):
            raise ValueError("bbox is min_lon,min_lat,max_lon,max_lat: four numbers")
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
        if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
            raise ValueError(
                "bbox must have min <= max, longitudes in [-180, 180] and latitudes in [-90, 90]"
            )
        return value


class IncidentQuery(ListQuery, IncidentFilters):
    sort: IncidentSort = Field(
        "-occurred_at",
        description="`occurred_at`, `created_at` or `updated_at`; `-` for descending. Ties are broken by "
        "`id`. Default: `-occurred_at`, or relevance when `q` is given.",
    )


class IncidentService(CrudService[Incident, IncidentCreate, IncidentUpdate, IncidentRead]):
    resource = "incidents"
    model = Incident
    read_model = IncidentRead
    equal_filters = ("country_code", "event_type", "status")
    sorts: ClassVar[dict[str, str]] = {
        "occurred_at": "occurred_at",
        "created_at": "created_at",
        "updated_at": "updated_at",
    }
    default_sort = "-occurred_at"
    documents = reads.documents

    def load_options(self) -> Sequence[LoaderOption]:
        return (
            selectinload(Incident.source_links),
            selectinload(Incident.evidence),
            selectinload(Incident.actor_links).options(
                selectinload(IncidentActor.actor), selectinload(IncidentActor.evidence)
            ),
        )

    def filter(self, stmt: Select[Any], query: IncidentQuery) -> Select[Any]:
        if query.occurred_after is not None:
            stmt = stmt.where(Incident.occurred_at >= query.occurred_after)
        if query.occurred_before is not None:
            stmt = stmt.where(Incident.occurred_at < query.occurred_before)
        if query.actor_id is not None or query.role is not None:
            link = select(IncidentActor.id).where(IncidentActor.incident_id == Incident.id)
            if query.actor_id is not None:
                link = link.where(IncidentActor.actor_id == query.actor_id)
            if query.role is not None:
                link = link.where(IncidentActor.role == query.role)
            stmt = stmt.where(exists(link))
        if query.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = (float(p) for p in query.bbox.split(","))
            stmt = stmt.where(
                Incident.latitude.between(min_lat, max_lat), Incident.longitude.between(min_lon, max_lon)
            )
        if query.min_killed is not None:
            stmt = stmt.where(Incident.killed_best >= query.min_killed)
        if query.tag is not None:
            stmt = stmt.where(
                exists(
                    select(IncidentTag.tag).where(
                        IncidentTag.incident_id == Incident.id, IncidentTag.tag == query.tag
                    )
                )
            )
        return stmt

    # --- writing ---
    def _source_links(self, session: Session, source_ids: list[uuid.UUID]) -> list[IncidentSource]:
        from app.sources.models import Source

        unique = list(dict.fromkeys(source_ids))
        found = set(session.scalars(select(Source.id).where(Source.id.in_(unique))).all())
        for position, source_id in enumerate(unique):
            if source_id not in found:
                raise Unprocessable(f"source_ids.{position}", f"no source with id {source_id}")
        return [IncidentSource(source_id=sid, position=i) for i, sid in enumerate(unique)]

    def _set_tags(self, session: Session, row: Incident, tags: list[str]) -> None:
        """`tags` for reading, one `incident_tags` row per tag for the indexed `?tag=` filter."""
        unique = list(dict.fromkeys(tags))
        row.tags = unique
        session.execute(delete(IncidentTag).where(IncidentTag.incident_id == row.id))
        session.add_all(IncidentTag(incident_id=row.id, tag=tag) for tag in unique)

    def _set_location(self, row: Incident, location: Location | None, *, merge: bool) -> None:
        if location is None:
            for column in LOCATION_COLUMNS.values():
                setattr(row, column, None)
            return
        fields = location.model_fields_set if merge else set(LOCATION_COLUMNS)
        for field in fields:
            setattr(row, LOCATION_COLUMNS[field], getattr(location, field))
        if (row.latitude is None) != (row.longitude is None):
            missing = "latitude" if row.latitude is None else "longitude"
            raise Unprocessable(f"location.{missing}", "latitude and longitude go together")

    def create(self, session: Session, body: IncidentCreate) -> Incident:
        row = Incident(
            id=uuid.uuid4(),
            title=body.title,
            summary=body.summary,
            event_type=body.event_type,
            sub_event_type=body.sub_event_type,
            disorder_type=disorder_type(body.event_type, body.sub_event_type),
            occurred_at=body.occurred_at,
            occurred_at_precision=body.occurred_at_precision,
            timezone=body.timezone,
            status=body.status,
            claim_status=body.claim_status,
            casualty_report_ids=[],
            statement_count=0,
            actor_links=[],
        )
        self._set_location(row, body.location, merge=False)
        self._set_tags(session, row, body.tags)
        row.source_links = self._source_links(session, body.source_ids)
        row.evidence = build_evidence(session, body.evidence)
        session.add(row)
        seen: set[tuple[uuid.UUID, Role]] = set()
        linked_at = transaction_time(session)
        for position, link in enumerate(body.actors):
            if (link.actor_id, link.role) in seen:
                raise Unprocessable(f"actors.{position}", "the same actor and role twice")
            seen.add((link.actor_id, link.role))
            # A microsecond apart, so that reads list them as the body did (ordered by created_at).
            at = linked_at + timedelta(microseconds=position)
            self._new_link(session, row, link, field=f"actors.{position}.", created_at=at)
        self.cite_sources(row)
        return row

    def cite_sources(self, row: Incident) -> None:
        """Add to the incident's sources every source its evidence or its actors' evidence quotes
        and `source_ids` does not list: its sources are every document its claims rest on, so
        `source_count` and the ACLED `source` column never leave one out (docs/conventions.md)."""
        listed = set(row.source_ids)
        spans = [*row.evidence, *(item for link in row.actor_links for item in link.evidence)]
        for item in spans:
            if item.source_id not in listed:
                listed.add(item.source_id)
                row.source_links.append(
                    IncidentSource(source_id=item.source_id, position=len(row.source_links))
                )
        error = too_many_sources(len(row.source_links))
        if error:
            raise Unprocessable("source_ids", error)

    def update(self, session: Session, row: Incident, patch: IncidentUpdate) -> Incident:
        changes = patch.changes()
        if "location" in changes:
            self._set_location(row, patch.location, merge=True)
            changes.pop("location")
        if "tags" in changes:
            self._set_tags(session, row, changes.pop("tags") or [])
        sources_before = row.source_ids
        if "source_ids" in changes:
            wanted = list(dict.fromkeys(changes.pop("source_ids") or []))
            if wanted != row.source_ids:
                row.source_links = self._source_links(session, wanted)
        replace_evidence(session, row, changes)
        self.cite_sources(row)
        if row.source_ids != sources_before:
            touch(row)
        for name, value in changes.items():
            setattr(row, name, value)
        if row.sub_event_type is not None and row.sub_event_type not in SUB_EVENT_TYPES[row.event_type]:
            raise Unprocessable(
                "sub_event_type",
                f"{row.sub_event_type.value!r} does not belong to event_type {row.event_type.value!r}",
            )
        error = local_time_error(row.occurred_at, row.timezone)
        if error:
            raise Unprocessable("timezone" if "timezone" in changes else "occurred_at", error)
        row.disorder_type = disorder_type(row.event_type, row.sub_event_type)
        return row

    def references(self, session: Session, row: Incident) -> dict[str, int]:
        from app.casualties.models import CasualtyReport
        from app.statements.models import Statement

        def count(stmt: Any) -> int:
            return int(session.scalar(stmt) or 0)

        return {
            "statements": count(select(func.count()).where(Statement.incident_id == row.id)),
            "casualty_reports": count(select(func.count()).where(CasualtyReport.incident_id == row.id)),
        }

    def cascade(self, session: Session, row: Incident) -> None:
        from app.casualties.service import casualty_reports
        from app.statements.service import statements

        for statement in statements.rows_where(session, statements.model.incident_id == row.id):
            statements.remove(session, statement, refresh=False)
        for report in casualty_reports.rows_where(session, casualty_reports.model.incident_id == row.id):
            casualty_reports.remove(session, report, refresh=False)

    def lock(self, session: Session, *incident_ids: uuid.UUID | None) -> None:
        """Lock these incidents' rows (`FOR UPDATE`, in id order) before a write that changes what
        they show does anything else: a statement or casualty report (the incident's search document
        and counts), an actor's rename (the documents of every incident that names it). Without the
        lock first, a statement holding the search document and waiting for the incident met a PATCH
        holding the incident and waiting for the document, and a rename holding the documents met a
        statement holding the incident; PostgreSQL broke each deadlock with an error. SQLite's
        writers already take turns."""
        wanted = sorted({i for i in incident_ids if i is not None})
        if wanted:
            # Only the lock: loading the rows here would reset what the session's own incident
            # objects have loaded. FOR NO KEY UPDATE: rows may still cite them (CrudService.get).
            stmt = select(Incident.id).where(Incident.id.in_(wanted)).order_by(Incident.id)
            session.execute(stmt.with_for_update(key_share=True)).all()

    def hold_actor(self, session: Session, actor_id: uuid.UUID) -> None:
        """Before a new link locks its incident: the actor, `FOR SHARE`, as the link's document
        trigger would later (migration 0007). A rename holds the actor and then locks the incidents
        that name it; a link that held its incident first and then waited for the actor closed the
        circle, and PostgreSQL broke it with an error."""
        from app.actors.models import Actor

        session.execute(select(Actor.id).where(Actor.id == actor_id).with_for_update(read=True)).all()

    def _snapshots(self, view: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Any]:
        # The read models as the documents hold them (built afresh where a write marked one
        # stale): one statement for any number of incidents, where the ORM loaded each one's links.
        return reads.parsed(view, ids)

    # --- incident actors ---
    def _new_link(
        self, session: Session, row: Incident, body: IncidentActorIn, field: str, created_at: datetime
    ) -> IncidentActor:
        from app.actors.models import Actor

        # Held before it is read: a rename waiting for the link then sees it, or the link reads
        # the renamed actor (its name is in the incident's history and document).
        self.hold_actor(session, body.actor_id)
        actor = session.get(Actor, body.actor_id)
        if actor is None:
            raise Unprocessable(f"{field}actor_id", f"no actor with id {body.actor_id}")
        link = IncidentActor(
            id=uuid.uuid4(),
            actor=actor,
            actor_id=actor.id,
            role=body.role,
            confidence=body.confidence,
            created_at=created_at,
            evidence=build_evidence(session, body.evidence, field=f"{field}evidence"),
        )
        row.actor_links.append(link)
        return link

    def add_actor(self, session: Session, row: Incident, body: IncidentActorIn) -> IncidentActor:
        if any(link.actor_id == body.actor_id and link.role == body.role for link in row.actor_links):
            raise Conflict(f"actor {body.actor_id} already has the role {body.role.value} in this incident")
        link = self._new_link(session, row, body, field="", created_at=transaction_time(session))
        self.cite_sources(row)
        touch(row)
        session.flush()
        return link

    def remove_actor(self, session: Session, row: Incident, actor_id: uuid.UUID, role: Role | None) -> None:
        doomed = [
            link
            for link in row.actor_links
            if link.actor_id == actor_id and (role is None or link.role == role)
        ]
        if not doomed:
            raise NotFound(
                f"actor {actor_id} has no {'role ' + role.value if role else 'part'} in incident {row.id}"
            )
        for link in doomed:
            row.actor_links.remove(link)
        touch(row)

    # --- reading without the ORM (app/incidents/reads.py) ---
    def csv_select(self, stmt: Select[Any], dialect: str) -> Select[Any]:
        return export.csv_select(stmt, dialect)  # type: ignore[no-any-return]

    def drop_actor_everywhere(self, session: Session, actor_id: uuid.UUID) -> None:
        incident_ids = session.scalars(
            select(IncidentActor.incident_id).where(IncidentActor.actor_id == actor_id).distinct()
        ).all()
        for incident in self.rows_where(session, Incident.id.in_(incident_ids)):
            self.remove_actor(session, incident, actor_id, None)
        # The links go with their evidence first, through the session that holds them: the bulk
        # DELETE below would take the evidence (ON DELETE CASCADE) from under it.
        session.flush()
        session.execute(delete(IncidentActor).where(IncidentActor.actor_id == actor_id))


incidents = IncidentService()
