"""Sync support for lists: the watermark a client resumes from, and tombstones in the page.

The loop (docs/sync.md): `GET /v1/{things}?updated_since=W&include_deleted=true`, follow
`next_cursor` to the end, keep the `X-Sync-Watermark` of the *first* page, and start the next pass
with `updated_since` = that watermark. `updated_since` is inclusive, so a row may come twice
(apply it idempotently, by `id` and `version`); a committed change is never missed.

Why no change is missed, even one committed late by a slow transaction:

* Every row a transaction writes is stamped (app/db.py `_stamp`) with one time, taken at the
  transaction's first flush, so never earlier than the transaction's start.
* PostgreSQL: the watermark is min(now, start of the oldest transaction still open in this
  database), read before the page. A transaction still open then has start >= watermark, so all
  its rows have `updated_at` >= watermark and the next pass (`>=` watermark) sees them once they
  commit. A row stamped below the watermark belongs to a transaction that had already committed,
  so the page's later snapshot (READ COMMITTED: one per statement) sees it.
* SQLite: writers are serialised (every write request begins with `BEGIN IMMEDIATE`, and takes
  its stamp holding that lock). A sync read takes the same lock first, so no writer is half done
  while it reads: everything stamped before `now` has committed and is visible, and every later
  writer stamps after the lock is released, so after `now`. The watermark is simply `now`.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text, tuple_
from sqlalchemy.orm import Session

from app.db import utcnow
from app.history import Tombstone
from app.pagination import column_value, decode_cursor

WATERMARK_HEADER = "X-Sync-Watermark"

# Autovacuum and other background workers never write user rows; our own transaction is the reader.
_OLDEST_OPEN = text(
    "SELECT LEAST(clock_timestamp(), (SELECT min(xact_start) FROM pg_stat_activity "
    "WHERE datname = current_database() AND xact_start IS NOT NULL AND pid <> pg_backend_pid() "
    "AND backend_type = 'client backend'))"
)


def format_time(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def watermark(session: Session) -> datetime:
    """The time up to which every committed change is visible to this session's next reads.

    Call it before reading the page.
    """
    if session.get_bind().dialect.name == "postgresql":
        # pg_stat_activity is otherwise a snapshot cached for the whole transaction.
        session.execute(text("SELECT pg_stat_clear_snapshot()"))
        value: datetime = session.execute(_OLDEST_OPEN).scalar_one()
        return value.astimezone(UTC)
    if session.in_transaction():
        session.commit()  # a read transaction begun without the write lock; start again with it
    session.connection(execution_options={"sqlite_immediate": True})
    return utcnow()


def merge_tombstones(
    session: Session, resource: str, pairs: Sequence[tuple[Any, Any]], query: Any, scope: str
) -> list[tuple[Any, Any]]:
    """Live rows (each with its `updated_at`) and tombstones, in (updated_at, id) order, one extra."""
    from app.crud import TombstoneRead

    stmt = select(Tombstone.id, Tombstone.deleted_at).where(Tombstone.resource == resource)
    if query.updated_since is not None:
        stmt = stmt.where(Tombstone.deleted_at >= query.updated_since)
    if query.cursor is not None:
        value, row_id = decode_cursor(
            query.cursor, "updated_at", column_value(Tombstone.__table__.c.deleted_at), scope=scope
        )
        stmt = stmt.where(tuple_(Tombstone.deleted_at, Tombstone.id) > tuple_(value, row_id))
    stmt = stmt.order_by(Tombstone.deleted_at, Tombstone.id).limit(query.limit + 1)
    tombstones = [
        (TombstoneRead(id=row_id, deleted=True, updated_at=at), at) for row_id, at in session.execute(stmt)
    ]
    merged = sorted([*pairs, *tombstones], key=lambda p: (p[1], p[0].id))
    return merged[: query.limit + 1]
