"""The change history of every resource, and tombstones for deleted rows (for sync clients)."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import BigInteger, Integer, String, event, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import Base, JSONType, transaction_time
from app.errors import BadRequest
from app.pagination import INVALID_CURSOR, decode_cursor, split_page


class Change(Base):
    """One create, update or delete: who, when, and the resource before and after."""

    __tablename__ = "history"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    resource: Mapped[str] = mapped_column(String(40))
    resource_id: Mapped[uuid.UUID] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(10))
    version: Mapped[int | None] = mapped_column(Integer)
    key_id: Mapped[uuid.UUID | None] = mapped_column()  # no FK: history outlives revoked keys
    request_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column()
    before: Mapped[Any | None] = mapped_column(JSONType)
    after: Mapped[Any | None] = mapped_column(JSONType)


class Tombstone(Base):
    """A deleted row, kept so that `updated_since` + `include_deleted=true` can report it."""

    __tablename__ = "tombstones"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    resource: Mapped[str] = mapped_column(String(40), primary_key=True)
    deleted_at: Mapped[datetime] = mapped_column(index=True)


class HistoryQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(50, ge=1, le=500, description="Page size, 1 to 500.")
    cursor: str | None = Field(None, description="`next_cursor` of the previous page (opaque).")
    with_total: bool = Field(False, description="Add `total`, the number of changes.")


class ChangeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    resource: str
    resource_id: uuid.UUID
    action: str
    version: int | None
    key_id: uuid.UUID | None
    request_id: str | None
    at: datetime
    before: Any | None
    after: Any | None


def record(
    session: Session,
    resource: str,
    resource_id: uuid.UUID,
    action: str,
    *,
    before: Any | None,
    after: Any | None,
    version: int | None,
) -> None:
    """Add a history row in the caller's transaction, so the change and its record commit together.

    One row per record per transaction, as its version moves once (app/db.py, `_stamp`): a second
    update in the same transaction (an article's statements moving the counts of the incident it
    just created, a cascade taking two roles from one incident) extends the first row's `after`."""
    info = session.info
    written: dict[tuple[str, uuid.UUID], Change] = info.setdefault(WRITTEN, {})
    earlier = written.get((resource, resource_id))
    if earlier is not None and earlier.action != "delete" and action == "update":
        earlier.after, earlier.version = after, version
        return
    change = Change(
        resource=resource,
        resource_id=resource_id,
        action=action,
        version=version,
        key_id=info.get("key_id"),
        request_id=info.get("request_id"),
        at=transaction_time(session),
        before=before,
        after=after,
    )
    session.add(change)
    written[(resource, resource_id)] = change
    if action == "delete":
        session.merge(Tombstone(id=resource_id, resource=resource, deleted_at=transaction_time(session)))


def written_after(session: Session, resource: str, resource_id: uuid.UUID) -> Any | None:
    """The record as this transaction's history row of it last left it (None: no row yet)."""
    earlier = session.info.get(WRITTEN, {}).get((resource, resource_id))
    return None if earlier is None else earlier.after


# session.info key: this transaction's history row of each record.
WRITTEN = "history_written"


@event.listens_for(Session, "after_transaction_end")
def _forget_written(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(WRITTEN, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back(session: Session, _previous_transaction: Any) -> None:
    session.info.pop(WRITTEN, None)  # its rows are gone with the savepoint


# The cursor names the record it was made for: another record's is refused like a tampered one.
SORT = "history"


def page(
    session: Session, resource: str, resource_id: uuid.UUID, query: HistoryQuery, scope: str
) -> tuple[list[ChangeRead], str | None, int | None]:
    """One page of a record's changes, oldest first (keyset over the history's own ids); `scope`
    names the list (`pagination.list_scope`)."""
    mine = (Change.resource == resource, Change.resource_id == resource_id)
    stmt = select(Change).where(*mine)
    if query.cursor is not None:
        after, cursor_for = decode_cursor(query.cursor, SORT, int, scope=scope)
        if cursor_for != resource_id:
            raise BadRequest(INVALID_CURSOR)
        stmt = stmt.where(Change.id > after)
    rows = session.scalars(stmt.order_by(Change.id).limit(query.limit + 1)).all()
    changes, next_cursor = split_page(
        rows, query.limit, SORT, lambda change: (change.id, resource_id), scope=scope
    )
    total = session.scalar(select(func.count()).where(*mine)) if query.with_total else None
    return [ChangeRead.model_validate(change) for change in changes], next_cursor, total
