import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Resource, enum_column
from app.evidence import Evidence
from app.vocab import Stance, StatementKind, TimePrecision

if TYPE_CHECKING:
    from app.actors.models import Actor


class Statement(Resource):
    __tablename__ = "statements"
    __table_args__ = (Index("ix_statements_incident_id_created_at", "incident_id", "created_at"),)

    incident_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("incidents.id", ondelete="RESTRICT"))
    speaker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("actors.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[StatementKind] = mapped_column(enum_column(StatementKind, "kind"))
    text: Mapped[str] = mapped_column(Text)
    stated_at: Mapped[datetime | None] = mapped_column()
    stated_at_precision: Mapped[TimePrecision | None] = mapped_column(
        enum_column(TimePrecision, "stated_at_precision")
    )
    channel: Mapped[str | None] = mapped_column(String(100))
    stance: Mapped[Stance] = mapped_column(enum_column(Stance, "stance"), index=True)
    speaker: Mapped["Actor"] = relationship(lazy="raise")
    evidence: Mapped[list[Evidence]] = relationship(
        foreign_keys=[Evidence.statement_id],
        cascade="all, delete-orphan",
        order_by=Evidence.position,
        lazy="raise",
    )
