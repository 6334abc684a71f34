import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Resource, enum_column
from app.evidence import Evidence
from app.vocab import CasualtyGroup, Qualifier


class CasualtyReport(Resource):
    """One source's count at one time. An unknown count is NULL, never 0."""

    __tablename__ = "casualty_reports"
    __table_args__ = (
        Index("ix_casualty_reports_incident_id_reported_at", "incident_id", "reported_at"),
        Index("ix_casualty_reports_reported_at_id", "reported_at", "id"),  # sort=reported_at
        CheckConstraint("killed IS NULL OR killed >= 0", name="killed_not_negative"),
        CheckConstraint("injured IS NULL OR injured >= 0", name="injured_not_negative"),
    )

    incident_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("incidents.id", ondelete="RESTRICT"))
    reported_by_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("actors.id", ondelete="RESTRICT"), index=True
    )
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), index=True)
    reported_at: Mapped[datetime] = mapped_column()
    killed: Mapped[int | None] = mapped_column(Integer)
    killed_min: Mapped[int | None] = mapped_column(Integer)
    killed_max: Mapped[int | None] = mapped_column(Integer)
    injured: Mapped[int | None] = mapped_column(Integer)
    injured_min: Mapped[int | None] = mapped_column(Integer)
    injured_max: Mapped[int | None] = mapped_column(Integer)
    group: Mapped[CasualtyGroup] = mapped_column(enum_column(CasualtyGroup, "group"))
    qualifier: Mapped[Qualifier] = mapped_column(enum_column(Qualifier, "qualifier"))
    evidence: Mapped[list[Evidence]] = relationship(
        foreign_keys=[Evidence.casualty_report_id],
        cascade="all, delete-orphan",
        order_by=Evidence.position,
        lazy="raise",
    )
