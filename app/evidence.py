"""Evidence spans: the exact words of a source that a record rests on.

Offsets count Unicode code points with `end` exclusive (W3C TextPositionSelector), so
`source.text[start:end] == quote` always holds: it is checked on every write. The read model adds
32 characters of context each side (TextQuoteSelector) and UTF-16 offsets for JavaScript clients;
they are computed once, on write, because a source's text never changes while evidence cites it.
"""

import uuid
from collections.abc import Sequence
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from sqlalchemy import ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base, touch
from app.errors import Unprocessable

CONTEXT_CHARS = 32
MAX_EVIDENCE = 50
MAX_QUOTE = 10_000


class Evidence(Base):
    __tablename__ = "evidence"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    source_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sources.id", ondelete="RESTRICT"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(String(CONTEXT_CHARS * 4))
    suffix: Mapped[str] = mapped_column(String(CONTEXT_CHARS * 4))
    start_utf16: Mapped[int] = mapped_column(Integer)
    end_utf16: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Exactly one owner is set; the owner's delete takes its evidence with it.
    incident_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("incidents.id", ondelete="CASCADE"), index=True
    )
    incident_actor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("incident_actors.id", ondelete="CASCADE"), index=True
    )
    statement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), index=True
    )
    casualty_report_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("casualty_reports.id", ondelete="CASCADE"), index=True
    )


class EvidenceIn(BaseModel):
    """A span of a source's text: `text[start:end] == quote`, offsets in Unicode code points."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "source_id": "00000000-0000-0000-0000-000000000000",
                    "start": 0,
                    "end": 10,
                    "quote": "US embassy",
                }
            ]
        },
    )

    source_id: uuid.UUID
    # Strict, as counts are: "5" or 5.0 is not an offset.
    start: int = Field(ge=0, le=10_000_000, strict=True)
    end: int = Field(ge=0, le=10_000_000, strict=True)
    quote: str = Field(min_length=1, max_length=MAX_QUOTE)

    @model_validator(mode="after")
    def _ordered(self) -> "EvidenceIn":
        if self.end <= self.start:
            raise ValueError("end must be greater than start")
        if self.end - self.start != len(self.quote):
            raise ValueError("end - start must equal the quote's length in code points")
        return self


class EvidenceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    source_id: uuid.UUID
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str
    start_utf16: int
    end_utf16: int


EvidenceList = Annotated[list[EvidenceIn], Field(max_length=MAX_EVIDENCE)]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def span(text: str, start: int, end: int) -> dict[str, object]:
    """Everything the read model shows about `text[start:end]`."""
    start_utf16 = utf16_len(text[:start])
    return {
        "start": start,
        "end": end,
        "quote": text[start:end],
        "prefix": text[max(0, start - CONTEXT_CHARS) : start],
        "suffix": text[end : end + CONTEXT_CHARS],
        "start_utf16": start_utf16,
        "end_utf16": start_utf16 + utf16_len(text[start:end]),
    }


def build_evidence(session: Session, items: Sequence[EvidenceIn], field: str = "evidence") -> list[Evidence]:
    """Evidence rows for `items`, each checked against its source; a mismatch is 422 naming the item."""
    if not items:
        return []
    from app.sources.models import Source

    source_ids = {item.source_id for item in items}
    texts = dict(session.execute(select(Source.id, Source.text).where(Source.id.in_(source_ids))).all())
    rows = []
    for position, item in enumerate(items):
        where = f"{field}.{position}"
        text = texts.get(item.source_id)
        if text is None:
            raise Unprocessable(f"{where}.source_id", f"no source with id {item.source_id}")
        if item.end > len(text):
            raise Unprocessable(
                f"{where}.end", f"is past the end of the source's text ({len(text)} characters)"
            )
        if text[item.start : item.end] != item.quote:
            found = text[item.start : item.end]
            raise Unprocessable(
                f"{where}.quote",
                f"does not match the source's text at [{item.start}:{item.end}], which reads {found!r}",
            )
        rows.append(Evidence(source_id=item.source_id, position=position, **span(text, item.start, item.end)))
    return rows


def locate(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The (start, end) of `quote` in `text`; ambiguous without `occurrence` (1-based) is an error."""
    starts = []
    index = text.find(quote)
    while index != -1:
        starts.append(index)
        index = text.find(quote, index + 1)
    if not starts:
        raise LookupError(f"quote not found in the source's text: {quote!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise LookupError(
                f"quote found {len(starts)} times in the source's text; say which occurrence: {quote!r}"
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise LookupError(f"quote occurs {len(starts)} times, not {occurrence}: {quote!r}")
    start = starts[occurrence - 1]
    return start, start + len(quote)


def replace_evidence(session: Session, row: Any, changes: dict[str, Any]) -> None:
    """A PATCH's `evidence`, when it has one, replaces the row's (and leaves `changes`). The rows are
    children, so the owner's version is moved by hand (`touch`)."""
    if "evidence" in changes:
        row.evidence = build_evidence(session, changes.pop("evidence") or [])
        touch(row)
