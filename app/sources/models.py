import uuid  # noqa: F401 - used in annotations resolved by SQLAlchemy
from datetime import datetime

from sqlalchemy import Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Resource, enum_column
from app.vocab import SourceKind, SourceScale


class Source(Resource):
    __tablename__ = "sources"
    __table_args__ = (Index("ix_sources_title_id", "title", "id"),)  # sort=title

    kind: Mapped[SourceKind] = mapped_column(enum_column(SourceKind, "kind"))
    title: Mapped[str] = mapped_column(String(500))
    publisher: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(String(2048))
    published_at: Mapped[datetime | None] = mapped_column()
    language: Mapped[str | None] = mapped_column(String(35))
    source_scale: Mapped[SourceScale] = mapped_column(enum_column(SourceScale, "source_scale"))
    text: Mapped[str] = mapped_column(Text)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
