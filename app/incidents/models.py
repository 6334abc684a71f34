import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, JSONType, Resource, enum_column
from app.evidence import Evidence
from app.vocab import (
    ClaimStatus,
    Confidence,
    DisorderType,
    EventType,
    GeoPrecision,
    IncidentStatus,
    Role,
    SubEventType,
    TimePrecision,
)

if TYPE_CHECKING:
    from app.actors.models import Actor


COORDINATES = ["latitude", "longitude"]


class Incident(Resource):
    __tablename__ = "incidents"
    __table_args__ = (
        # A page's statement selects ids and the sort key only (app/incidents/reads.py): with the
        # coordinates included, PostgreSQL answers a page, also one narrowed by `bbox`, from the
        # index alone (migration 0005).
        Index("ix_incidents_occurred_at_id", "occurred_at", "id", postgresql_include=COORDINATES),
        Index("ix_incidents_lat_lon", "latitude", "longitude"),
        # country_code with a date range, sorted by occurred_at: the analysts' commonest filter.
        Index(
            "ix_incidents_country_code_occurred_at_id",
            "country_code",
            "occurred_at",
            "id",
            postgresql_include=COORDINATES,
        ),
        # Statistics by month or week read only these (migration 0004).
        Index("ix_incidents_occurred_at_figures", "occurred_at", "killed_best", "injured_best"),
    )

    title: Mapped[str] = mapped_column(String(500))
    summary: Mapped[str | None] = mapped_column(Text)
    event_type: Mapped[EventType] = mapped_column(enum_column(EventType, "event_type"), index=True)
    sub_event_type: Mapped[SubEventType | None] = mapped_column(enum_column(SubEventType, "sub_event_type"))
    disorder_type: Mapped[DisorderType] = mapped_column(enum_column(DisorderType, "disorder_type"))
    occurred_at: Mapped[datetime] = mapped_column()
    occurred_at_precision: Mapped[TimePrecision] = mapped_column(
        enum_column(TimePrecision, "occurred_at_precision")
    )
    timezone: Mapped[str | None] = mapped_column(String(64))
    location_name: Mapped[str | None] = mapped_column(String(200))
    admin1: Mapped[str | None] = mapped_column(String(200))
    admin2: Mapped[str | None] = mapped_column(String(200))
    city: Mapped[str | None] = mapped_column(String(200))
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    location_precision: Mapped[GeoPrecision | None] = mapped_column(
        enum_column(GeoPrecision, "location_precision")
    )
    status: Mapped[IncidentStatus] = mapped_column(enum_column(IncidentStatus, "status"), index=True)
    claim_status: Mapped[ClaimStatus] = mapped_column(enum_column(ClaimStatus, "claim_status"))
    tags: Mapped[list[str]] = mapped_column(JSONType, default=list)
    # The current casualty figure, kept on the row (recomputed on every report change) so lists,
    # `min_killed` and statistics never recompute it at read time.
    killed_low: Mapped[int | None] = mapped_column(Integer)
    killed_best: Mapped[int | None] = mapped_column(Integer, index=True)
    killed_high: Mapped[int | None] = mapped_column(Integer)
    injured_low: Mapped[int | None] = mapped_column(Integer)
    injured_best: Mapped[int | None] = mapped_column(Integer)
    injured_high: Mapped[int | None] = mapped_column(Integer)
    casualty_report_ids: Mapped[list[str]] = mapped_column(JSONType, default=list)
    statement_count: Mapped[int] = mapped_column(Integer, default=0)

    source_links: Mapped[list["IncidentSource"]] = relationship(
        cascade="all, delete-orphan", order_by="IncidentSource.position", lazy="raise"
    )
    actor_links: Mapped[list["IncidentActor"]] = relationship(
        back_populates="incident",
        cascade="all, delete-orphan",
        order_by="IncidentActor.created_at",
        lazy="raise",
    )
    evidence: Mapped[list[Evidence]] = relationship(
        foreign_keys=[Evidence.incident_id],
        cascade="all, delete-orphan",
        order_by=Evidence.position,
        lazy="raise",
    )

    @property
    def source_ids(self) -> list[uuid.UUID]:
        return [link.source_id for link in self.source_links]

    @property
    def source_count(self) -> int:
        return len(self.source_links)

    @property
    def location(self) -> dict[str, Any] | None:
        fields = {
            "name": self.location_name,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "city": self.city,
            "country_code": self.country_code,
            "latitude": self.latitude,
            "longitude": self.longitude,
            "precision": self.location_precision,
        }
        return fields if any(v is not None for v in fields.values()) else None

    @property
    def actors(self) -> list["IncidentActor"]:
        # The links of one create body are a microsecond apart, in the body's order; links that
        # still share `created_at` are ordered by name and role (app/incidents/reads.py sorts the
        # same way).
        return sorted(self.actor_links, key=lambda link: (link.created_at, link.actor.name, link.role.value))

    @property
    def casualties(self) -> dict[str, Any]:
        return {
            "killed": {"low": self.killed_low, "best": self.killed_best, "high": self.killed_high},
            "injured": {"low": self.injured_low, "best": self.injured_best, "high": self.injured_high},
            "report_ids": self.casualty_report_ids,
        }


class IncidentSource(Base):
    __tablename__ = "incident_sources"

    incident_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sources.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class IncidentTag(Base):
    """One row per tag, so `?tag=` is an indexed lookup on both databases."""

    __tablename__ = "incident_tags"

    incident_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class IncidentActor(Base):
    """An actor's part in an incident; an actor may hold several roles in one incident."""

    __tablename__ = "incident_actors"
    __table_args__ = (
        UniqueConstraint("incident_id", "actor_id", "role"),
        Index("ix_incident_actors_actor_id_role", "actor_id", "role"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"))
    role: Mapped[Role] = mapped_column(enum_column(Role, "role"))
    confidence: Mapped[Confidence] = mapped_column(enum_column(Confidence, "confidence"))
    created_at: Mapped[datetime] = mapped_column()
    incident: Mapped[Incident] = relationship(back_populates="actor_links", lazy="raise")
    actor: Mapped["Actor"] = relationship(lazy="raise")
    evidence: Mapped[list[Evidence]] = relationship(
        foreign_keys=[Evidence.incident_actor_id],
        cascade="all, delete-orphan",
        order_by=Evidence.position,
        lazy="raise",
    )

    # A role is never edited in place (a change is a delete and a new POST), so it is at its first
    # version, last changed when it was made.
    @property
    def updated_at(self) -> datetime:
        return self.created_at

    @property
    def version(self) -> int:
        return 1

    @property
    def name(self) -> str:
        return self.actor.name

    @property
    def kind(self) -> str:
        return self.actor.kind


# Each incident's read model as JSON text, as app/incidents/reads.py builds it from the rows, so that
# a page of 50 is read, not built, on every request (2.3 ms of PostgreSQL's time a page became
# 0.3 ms). Triggers (migration 0007) set `document` to NULL when anything it shows changes, and the
# transaction that changed it writes it again before it commits (reads.py, `refresh`); a read
# builds a NULL document itself, so it is never out of date.
incident_documents = Table(
    "incident_documents",
    Base.metadata,
    Column("id", Uuid(), ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("document", Text),
    # The documents to write again: a handful at most, found without reading the others.
    Index(
        "ix_incident_documents_stale",
        "id",
        postgresql_where=text("document IS NULL"),
        sqlite_where=text("document IS NULL"),
    ),
)
