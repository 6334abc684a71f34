"""Database plumbing: the declarative base, UTC timestamps, engines and the per-request session."""

import enum
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any, TypeVar

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, Request
from sqlalchemy import (
    JSON,
    DateTime,
    Dialect,
    Engine,
    MetaData,
    Uuid,
    any_,
    bindparam,
    create_engine,
    event,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.engine import make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declared_attr, mapped_column, sessionmaker
from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.types import TypeDecorator

T = TypeVar("T")

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware in Python, UTC in the database (naive UTC text on SQLite, timestamptz on PostgreSQL)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    @property
    def python_type(self) -> type[datetime]:
        # TypeDecorator says `object`; cursors decode their sort value by this type.
        return datetime

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: timestamps must carry a timezone")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# JSONB on PostgreSQL (indexable), JSON text elsewhere.
JSONType = JSON().with_variant(JSONB(), "postgresql")


def enum_column(enum_cls: type[enum.StrEnum], name: str) -> SAEnum:
    """The enum's values as VARCHAR plus a named CHECK constraint, the same on both databases."""
    return SAEnum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(m.value) for m in enum_cls),
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), uuid.UUID: Uuid()}


class Resource(Base):
    """id, created_at, updated_at and version: the columns every public resource has."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(default=lambda: transaction_time(None))
    updated_at: Mapped[datetime] = mapped_column(default=lambda: transaction_time(None), index=True)
    version: Mapped[int] = mapped_column(default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # The ORM still checks the version it read on every UPDATE and DELETE (a concurrent change
        # is a StaleDataError), but `_stamp` moves it: once per transaction, however many
        # flushes change the row (a cascade that takes two roles from an incident is one change).
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


def touch(row: "Resource") -> None:
    """Mark `row` changed (new version, new `updated_at`) when only its links changed. Flagged, not
    only set: in a transaction that already stamped it, the new value equals the old one, and an
    unchanged value would not be written (nor the version moved)."""
    row.updated_at = utcnow()
    flag_modified(row, "updated_at")


def transaction_time(session: Session | None) -> datetime:
    """The timestamp of the current write transaction; `now` without a session.

    Taken the first time a write asks for it (a link's `created_at` before the first flush) or at
    the first flush (`_stamp`), whichever comes first, so that every row the transaction writes
    gets the same one. It is never earlier than the transaction's start: a sync watermark of "the
    start of the oldest open transaction" can then never pass a change that is still to commit
    (see app/sync.py). On PostgreSQL it is the database's clock; SQLite serialises writers with
    BEGIN IMMEDIATE, so the process clock will do there.
    """
    if session is None:
        return utcnow()
    if "tx_time" not in session.info:
        conn = session.connection()
        if conn.dialect.name == "postgresql":
            session.info["tx_time"] = conn.execute(text("SELECT clock_timestamp()")).scalar_one()
        else:
            session.info["tx_time"] = utcnow()
    return session.info["tx_time"]  # type: ignore[no-any-return]


SQLITE_BUSY_TIMEOUT_MS = 30_000


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine with the settings each backend needs for safe concurrent use."""
    if is_sqlite(url):
        database = make_url(url).database
        if database and database != ":memory:":
            import pathlib

            pathlib.Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
            # Writers wait their turn for the file's write lock. SQLite's wait is no queue (it sleeps
            # and tries again), so under sixteen busy writers one could miss its turn for 5 s: 30 s.
            cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Any) -> None:
            # A deferred BEGIN upgrades to a write lock mid-transaction and fails with "database is
            # locked" under concurrency; writers take the lock up front instead.
            immediate = conn.get_execution_options().get("sqlite_immediate", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

        return engine
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 10)
    # Fail fast while the database is down: a 503 in seconds, not a hung request. No pre-ping: it
    # cost a round trip per request; a connection that died with the server fails its request
    # with a 503 and SQLAlchemy then discards every connection of that pool.
    connect_args = {"connect_timeout": 3, **kwargs.pop("connect_args", {})}
    return create_engine(url, pool_timeout=5, connect_args=connect_args, **kwargs)


def among(dialect: str, column: Any, values: Sequence[Any]) -> Any:
    """`column IN values`, with the values as one array parameter on PostgreSQL: psycopg took
    longer to parse a bulk load's IN list of 10,000 placeholders than the database to answer it."""
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(values)


class DriverQuery:
    """A fixed Core statement compiled once for a dialect and run straight on the driver's cursor.

    For the hottest reads: plain tuples come back, with no Result object around them (reading a
    psycopg cursor's `description`, as every Result does, builds a Python object per column).
    """

    def __init__(self, sql: str, names: Sequence[str] | None) -> None:
        self.sql = sql
        self.names = names  # the parameters' order for a positional paramstyle, else None

    @classmethod
    def compile(cls, stmt: Any, dialect: Dialect) -> "DriverQuery":
        compiled = stmt.compile(dialect=dialect)
        return cls(str(compiled), list(compiled.positiontup or ()) if compiled.positional else None)

    def rows(self, session: Session, **params: Any) -> list[Any]:
        args = params if self.names is None else tuple(params[name] for name in self.names)
        conn = session.connection()
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        # SQLAlchemy's cursor events still see the statement (query logging, tracing, the tests'
        # statement counts).
        for listener in conn.dispatch.before_cursor_execute:
            listener(conn, cursor, self.sql, args, None, False)
        try:
            cursor.execute(self.sql, args)
            return list(cursor.fetchall())
        finally:
            cursor.close()


def make_sessions(bind: Any) -> sessionmaker[Session]:
    return sessionmaker(bind=bind, expire_on_commit=False, autoflush=False)


@event.listens_for(Session, "before_flush")
def _stamp(session: Session, _flush_context: Any, _instances: Any) -> None:
    """One timestamp per transaction (`transaction_time`) on every row it creates or changes."""
    now = transaction_time(session)
    versioned: set[tuple[str, uuid.UUID]] = session.info.setdefault(VERSIONED, set())
    for obj in session.new:
        if isinstance(obj, Resource):
            obj.created_at = now
            obj.updated_at = now
            if obj.id is None:
                obj.id = uuid.uuid4()
            versioned.add((obj.__tablename__, obj.id))  # version 1 is this transaction's
    with session.no_autoflush:
        for obj in session.dirty:
            if isinstance(obj, Resource) and session.is_modified(obj, include_collections=False):
                obj.updated_at = now
                if (obj.__tablename__, obj.id) not in versioned:
                    obj.version = obj.version + 1
                    versioned.add((obj.__tablename__, obj.id))


# session.info key: the rows (table, id) whose version this transaction has moved (or made).
VERSIONED = "versioned"


@event.listens_for(Session, "after_transaction_end")
def _forget_stamp(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop("tx_time", None)
        session.info.pop(VERSIONED, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_versions(session: Session, _previous_transaction: Any) -> None:
    # A savepoint rolled back takes its version moves with it; the next change moves them again.
    session.info.pop(VERSIONED, None)


def _reading(sessions: sessionmaker[Session]) -> Session:
    session = sessions()
    bind = session.get_bind()
    # (A session bound to a connection, as in the tests, lives inside that connection's transaction.)
    if bind.dialect.name == "postgresql" and isinstance(bind, Engine):
        # Reads run in autocommit: under READ COMMITTED each statement has its own snapshot
        # anyway, and BEGIN and COMMIT were two of a by-id read's seven round trips.
        session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    return session


def read_limiter(dialect: str) -> CapacityLimiter | None:
    """How many hot reads of one process may run at once (None: as many as the thread pool has).

    SQLite runs inside the process: its reads are CPU work that holds the GIL for every row
    fetched, so more threads than cores only fight over it. With eight clients, a page of 50 cost
    12 ms of CPU instead of 5, and two at a time served ~20% more requests (bench/README.md).
    PostgreSQL reads mostly wait on the network and keep the pool's default."""
    return CapacityLimiter(2) if dialect == "sqlite" else None


async def read(request: Request, work: Callable[[Session], T]) -> T:
    """`work(session)` in one worker thread, for the hot GET endpoints.

    A sync endpoint with `SessionDep` costs three thread hops (opening the session, the endpoint,
    closing it); this is one. Nothing is written, so there is nothing to commit.
    """

    def run() -> T:
        with _reading(request.app.state.sessions) as session:
            return work(session)

    return await to_thread.run_sync(run, limiter=request.app.state.read_limiter)


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed before the response is sent, rolled back on error."""
    with request.app.state.sessions() as session:
        # Who and which request, for history rows (set by app.auth and app.middleware).
        session.info["key_id"] = getattr(request.state, "key_id", None)
        session.info["request_id"] = getattr(request.state, "request_id", None)
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            session.connection(execution_options={"sqlite_immediate": True})
        for hook in getattr(request.state, "session_hooks", ()):
            hook(session)  # e.g. the Idempotency-Key claim, in the same transaction as the write
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


SessionDep = Annotated[Session, Depends(get_session, scope="function")]
