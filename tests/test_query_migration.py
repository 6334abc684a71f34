"""Migrations 0002 and 0007 backfill the search and read documents of rows written before them;
0010 marks stale the documents whose coordinates it writes anew."""

import uuid
from datetime import UTC, datetime
from pathlib import Path

import orjson
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import insert, select, text

from app.actors.models import Actor
from app.db import make_engine, make_sessions
from app.health import alembic_config
from app.incidents.models import Incident, incident_documents
from app.incidents.reads import refresh_all
from app.main import create_app
from app.statements.models import Statement
from tests.conftest import throwaway_database


def test_search_finds_rows_written_before_the_migration(backend: str, tmp_path: Path) -> None:
    now = datetime(2024, 1, 1, tzinfo=UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    with throwaway_database(backend, tmp_path) as url:
        command.upgrade(alembic_config(url), "0001")
        engine = make_engine(url)
        actor_id, incident_id = uuid.uuid4(), uuid.uuid4()
        with engine.begin() as conn:
            conn.execute(
                insert(Actor.__table__).values(
                    id=actor_id, name="Harbour Police", kind="security_force", aliases=["Port Guard"], **stamp
                )
            )
            conn.execute(
                insert(Incident.__table__).values(
                    id=incident_id,
                    title="Explosion at the docks",
                    summary="A container burned overnight.",
                    event_type="Explosions/Remote violence",
                    disorder_type="Political violence",
                    occurred_at=now,
                    occurred_at_precision="day",
                    status="reported",
                    claim_status="unknown",
                    tags=[],
                    casualty_report_ids=[],
                    statement_count=1,
                    **stamp,
                )
            )
            conn.execute(
                insert(Statement.__table__).values(
                    id=uuid.uuid4(),
                    incident_id=incident_id,
                    speaker_id=actor_id,
                    kind="direct_quote",
                    text="Saboteurs were seen near the cranes",
                    stance="attribution",
                    **stamp,
                )
            )
        engine.dispose()
        command.upgrade(alembic_config(url), "head")
        engine = make_engine(url)
        try:
            with TestClient(create_app(make_sessions(engine))) as client:

                def hits(path: str, q: str) -> list[str]:
                    return [i["id"] for i in client.get(path, params={"q": q}).json()["items"]]

                assert hits("/v1/incidents", "container") == [str(incident_id)]
                assert hits("/v1/incidents", "saboteurs cranes") == [str(incident_id)]
                assert hits("/v1/actors", "guard") == [str(actor_id)]
                assert len(hits("/v1/statements", "saboteur")) == 1
                assert hits("/v1/incidents", "submarine") == []
                # 0007 marks every incident's document stale; reads build it until `migrate` writes it
                built = client.get(f"/v1/incidents/{incident_id}").json()
                assert built["title"] == "Explosion at the docks"
                with engine.connect() as conn:
                    assert conn.execute(select(incident_documents.c.document)).all() == [(None,)]
                assert refresh_all(engine) == 1
                with engine.connect() as conn:
                    stored = conn.execute(select(incident_documents.c.document)).scalar_one()
                assert orjson.loads(stored) == built
                assert client.get(f"/v1/incidents/{incident_id}").json() == built
        finally:
            engine.dispose()


def test_0010_marks_stale_the_documents_whose_coordinates_it_writes_anew(
    backend: str, tmp_path: Path
) -> None:
    """Documents stored before 0010 with PostgreSQL's `33` (or SQLite's `1.0e-05`) are written
    again; the others are left as they are."""
    now = datetime(2024, 1, 1, tzinfo=UTC)
    with throwaway_database(backend, tmp_path) as url:
        command.upgrade(alembic_config(url), "0009")
        engine = make_engine(url)
        coordinates = {
            "whole": (33.0, 44.0),
            "zero": (0.0, 12.5),
            "tiny": (0.00001, 12.5),
            "kept": (33.3, 44.4),
        }
        ids = {name: uuid.uuid4() for name in coordinates}
        with engine.begin() as conn:
            for name, (latitude, longitude) in coordinates.items():
                conn.execute(
                    insert(Incident.__table__).values(
                        id=ids[name],
                        title=name,
                        event_type="Battles",
                        disorder_type="Political violence",
                        occurred_at=now,
                        occurred_at_precision="day",
                        status="reported",
                        claim_status="unknown",
                        tags=[],
                        casualty_report_ids=[],
                        statement_count=0,
                        latitude=latitude,
                        longitude=longitude,
                        created_at=now,
                        updated_at=now,
                        version=1,
                    )
                )
            conn.execute(incident_documents.update().values(document='{"written": "before 0010"}'))
        command.upgrade(alembic_config(url), "head")
        with engine.connect() as conn:
            stored = {str(row.id): row.document for row in conn.execute(select(incident_documents))}
        assert stored == {
            str(ids["whole"]): None,
            str(ids["zero"]): None,
            str(ids["tiny"]): None,
            str(ids["kept"]): '{"written": "before 0010"}',
        }
        assert refresh_all(engine) == 3
        with TestClient(create_app(make_sessions(engine))) as client:
            whole = client.get(f"/v1/incidents/{ids['whole']}").content
            tiny = client.get(f"/v1/incidents/{ids['tiny']}").content
        assert b'"latitude":33.0,"longitude":44.0,' in whole.replace(b" ", b"")
        assert b'"latitude":0.00001,"longitude":12.5,' in tiny.replace(b" ", b"")
        engine.dispose()


def test_0011_rewrites_stored_documents_as_words(backend: str, tmp_path: Path) -> None:
    """Documents stored before 0011 held the text as written; on PostgreSQL "F-16" in them was the
    terms `f` and `-16`, never found by `q=F-16`. The upgrade rewrites them as their words (and
    the terms with them) and, on SQLite, adds the vocabulary tables relevance is read from."""
    from app import search

    now = datetime(2024, 1, 1, tzinfo=UTC)
    stamp = {"created_at": now, "updated_at": now, "version": 1}
    with throwaway_database(backend, tmp_path) as url:
        command.upgrade(alembic_config(url), "0001")
        engine = make_engine(url)
        actor_id, incident_id = uuid.uuid4(), uuid.uuid4()
        with engine.begin() as conn:
            conn.execute(
                insert(Actor.__table__).values(
                    id=actor_id, name="Brigade-313", kind="armed_group", aliases=["Kh-101 crews"], **stamp
                )
            )
            conn.execute(
                insert(Incident.__table__).values(
                    id=incident_id,
                    title="F-16 jets strike near the U.N. compound",
                    summary="Impact at 50.4501,30.5234 on 9/11.",
                    event_type="Explosions/Remote violence",
                    disorder_type="Political violence",
                    occurred_at=now,
                    occurred_at_precision="day",
                    status="reported",
                    claim_status="unknown",
                    tags=[],
                    casualty_report_ids=[],
                    statement_count=1,
                    **stamp,
                )
            )
            conn.execute(
                insert(Statement.__table__).values(
                    id=uuid.uuid4(),
                    incident_id=incident_id,
                    speaker_id=actor_id,
                    kind="direct_quote",
                    text="An S-300 battery fired",
                    stance="attribution",
                    **stamp,
                )
            )
        engine.dispose()
        command.upgrade(alembic_config(url), "0010")
        engine = make_engine(url)
        with engine.connect() as conn:  # as the code before 0011 stored it
            before = conn.execute(select(search.INCIDENTS.table.c.document)).scalar_one()
        assert before.startswith("F-16 jets strike near the U.N. compound\n")
        engine.dispose()
        command.upgrade(alembic_config(url), "head")
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                stored = {
                    name: conn.execute(select(index.table.c.document)).scalars().all()
                    for name, index in search.INDEXES.items()
                }
                if backend == "sqlite":
                    vocabularies = conn.execute(
                        text("SELECT name FROM sqlite_master WHERE name LIKE '%_search_fts_instances'")
                    )
                    assert len(vocabularies.all()) == 3
            assert stored == {
                "incidents": [
                    "F 16 jets strike near the U N compound Impact at 50 4501 30 5234 on 9 11 "
                    "An S 300 battery fired"
                ],
                "actors": ["Brigade 313 Kh 101 crews"],
                "statements": ["An S 300 battery fired"],
            }
            with TestClient(create_app(make_sessions(engine))) as client:

                def hits(path: str, q: str) -> list[str]:
                    return [i["id"] for i in client.get(path, params={"q": q}).json()["items"]]

                for q in ("F-16", "U.N.", "50.4501", "9/11", "S-300"):
                    assert hits("/v1/incidents", q) == [str(incident_id)], q
                assert hits("/v1/actors", "Kh-101") == [str(actor_id)]
                assert len(hits("/v1/statements", "S-300")) == 1
        finally:
            engine.dispose()
        command.downgrade(alembic_config(url), "0010")  # and back: the documents stay as words
        command.upgrade(alembic_config(url), "head")
