import uuid

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, JSONType, Resource, enum_column
from app.vocab import ActorKind

actor_affiliations = Table(
    "actor_affiliations",
    Base.metadata,
    Column("actor_id", ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True),
    Column("affiliated_id", ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Actor(Resource):
    __tablename__ = "actors"

    name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[ActorKind] = mapped_column(enum_column(ActorKind, "kind"))
    aliases: Mapped[list[str]] = mapped_column(JSONType, default=list)
    country_code: Mapped[str | None] = mapped_column(String(2), index=True)
    description: Mapped[str | None] = mapped_column(Text)
    affiliations: Mapped[list["Actor"]] = relationship(
        secondary=actor_affiliations,
        primaryjoin=lambda: Actor.id == actor_affiliations.c.actor_id,
        secondaryjoin=lambda: Actor.id == actor_affiliations.c.affiliated_id,
        lazy="raise",
    )

    @property
    def affiliated_with(self) -> list[uuid.UUID]:
        # The association has no order of its own; sorting keeps responses (and ETags) stable.
        return sorted((a.id for a in self.affiliations), key=str)
