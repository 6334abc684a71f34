"""Fixtures: every test runs once per backend (SQLite and PostgreSQL) on a migrated database."""

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import psycopg
import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from app.auth import Role, create_key
from app.db import make_engine, make_sessions
from app.health import alembic_config
from app.incidents import reads
from app.incidents.models import incident_documents
from app.main import create_app

BACKENDS = [b for b in os.environ.get("TEST_BACKENDS", "sqlite,postgresql").split(",") if b]
PG_ADMIN_URL = os.environ.get("TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


@contextlib.contextmanager
def throwaway_database(backend: str, tmp: Path) -> Iterator[str]:
    """A new, empty database of the given backend, dropped afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp / 'test.db'}"
        return
    admin = make_url(PG_ADMIN_URL)
    name = f"test_{uuid.uuid4().hex[:12]}"
    dsn = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def migrate(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with throwaway_database(request.param, tmp_path_factory.mktemp(request.param)) as url:
        migrate(url)
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def backend(engine: Engine) -> str:
    return engine.dialect.name


@pytest.fixture
def sessions(engine: Engine) -> Iterator[sessionmaker[Any]]:
    """Sessions on one connection whose outer transaction is rolled back after the test."""
    with engine.connect() as conn:
        outer = conn.begin()
        yield sessionmaker(
            bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False, autoflush=False
        )
        outer.rollback()


def make_key(sessions: sessionmaker[Any], role: str = "admin", **fields: Any) -> tuple[Any, str]:
    """An API key in the test's transaction: (row, secret)."""
    with sessions() as session:
        row, secret = create_key(session, name=fields.pop("name", f"test-{role}"), role=Role(role), **fields)
        session.commit()
    return row, secret


@contextlib.contextmanager
def committed_postgresql(tmp: Path) -> Iterator[tuple[Engine, sessionmaker[Any], TestClient]]:
    """A new, migrated PostgreSQL database whose writes commit (so a second connection, or VACUUM,
    sees them): its engine, its sessions and a client holding an admin key."""
    with throwaway_database("postgresql", tmp) as url:
        migrate(url)
        engine = make_engine(url)
        try:
            sessions = make_sessions(engine)
            _row, secret = make_key(sessions)
            with TestClient(create_app(sessions), headers={"Authorization": f"Bearer {secret}"}) as client:
                yield engine, sessions, client
        finally:
            engine.dispose()


@pytest.fixture
def client(sessions: sessionmaker[Any]) -> Iterator[TestClient]:
    """A client holding an admin key (writes need a key; tests/test_auth.py tests the rules)."""
    _row, secret = make_key(sessions)
    with TestClient(
        create_app(sessions),
        raise_server_exceptions=False,
        headers={"Authorization": f"Bearer {secret}"},
    ) as client:
        yield client


@pytest.fixture
def anonymous(sessions: sessionmaker[Any]) -> Iterator[TestClient]:
    """A client without a key, on the same rolled-back transaction as `client`."""
    with TestClient(create_app(sessions), raise_server_exceptions=False) as client:
        yield client


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(self, conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        self.statements.append(statement)

    @property
    def count(self) -> int:
        return len(self.statements)


@pytest.fixture
def count_queries(engine: Engine) -> Iterator[QueryCounter]:
    counter = QueryCounter()
    event.listen(engine, "before_cursor_execute", counter)
    yield counter
    event.remove(engine, "before_cursor_execute", counter)


def free_port(*candidates: int) -> int:
    """The first of `candidates` nothing listens on (another checkout's test run may hold one)."""
    import socket

    for port in candidates:
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.skip(f"none of the ports {candidates} is free")


def stored_documents(sessions: sessionmaker[Any]) -> dict[str, Any]:
    """incident id -> (stored document, the document built from the rows now), for every incident."""
    with sessions() as session:
        dialect = session.get_bind().dialect.name
        stored = incident_documents
        built = select(stored.c.id, stored.c.document, reads._built(dialect))
        return {str(row[0]): (row[1], row[2]) for row in session.execute(built)}


def assert_documents_current(sessions: sessionmaker[Any]) -> None:
    documents = stored_documents(sessions)
    for incident_id, (stored, built) in documents.items():
        assert stored is not None, f"{incident_id}: left stale by the write"
        assert orjson.loads(stored) == orjson.loads(built), incident_id
