"""Bulk import (`python -m app import`): NDJSON and ACLED CSV, refusals, all-or-nothing, re-runs."""

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from app.__main__ import main
from app.db import make_engine, make_sessions
from app.importer.acled import COLUMNS
from app.importer.loader import Loader
from app.importer.records import NAMESPACE, read_lines
from app.main import create_app
from app.models import Base
from app.settings import get_settings
from tests.conftest import (
    BACKENDS,
    PG_ADMIN_URL,
    assert_documents_current,
    make_key,
    migrate,
    stored_documents,
    throwaway_database,
)

TEXT = (
    "Two rockets struck near the compound early on Friday, police said. No one was hurt. "
    '"We condemn this cowardly attack," the governor said in a statement. Ünïcode 🚀 tail.'
)
SOURCE_ID = "11111111-1111-4111-8111-111111111111"
GOVERNOR_ID = "22222222-2222-4222-8222-222222222222"
MINISTRY_ID = "33333333-3333-4333-8333-333333333333"
INCIDENT_ID = "44444444-4444-4444-8444-444444444444"


def span(quote: str) -> dict[str, Any]:
    start = TEXT.index(quote)
    return {"source_id": SOURCE_ID, "start": start, "end": start + len(quote), "quote": quote}


def line(kind: str, data: dict[str, Any], record_id: str | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": kind, "data": data}
    if record_id is not None:
        body["id"] = record_id
    return body


def dataset() -> list[dict[str, Any]]:
    return [
        line("source", {"title": "Rockets hit compound", "text": TEXT, "publisher": "Wire"}, SOURCE_ID),
        line("actor", {"name": "Ministry of the Interior", "kind": "government"}, MINISTRY_ID),
        line(
            "actor",
            {"name": "Provincial Governor", "kind": "person", "affiliated_with": [MINISTRY_ID]},
            GOVERNOR_ID,
        ),
        line(
            "incident",
            {
                "title": "Rocket attack on compound",
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
                "occurred_at": "2024-01-05T01:00:00+03:00",
                "occurred_at_precision": "hour",
                "timezone": "Asia/Baghdad",
                "location": {"name": "Green Zone", "country_code": "IQ", "latitude": 33.3, "longitude": 44.4},
                "tags": ["rocket-attack", "night", "rocket-attack"],
                "source_ids": [SOURCE_ID],
                "actors": [
                    {"actor_id": GOVERNOR_ID, "role": "commentator", "evidence": [span("the governor")]},
                    {"actor_id": MINISTRY_ID, "role": "responder", "confidence": "alleged"},
                ],
                "evidence": [span("Two rockets struck near the compound")],
            },
            INCIDENT_ID,
        ),
        line(
            "statement",
            {
                "incident_id": INCIDENT_ID,
                "speaker_id": GOVERNOR_ID,
                "kind": "direct_quote",
                "text": "We condemn this cowardly attack",
                "stance": "condemnation",
                "evidence": [span("We condemn this cowardly attack")],
            },
        ),
        line(
            "casualty_report",
            {
                "incident_id": INCIDENT_ID,
                "source_id": SOURCE_ID,
                "reported_at": "2024-01-05T09:00:00Z",
                "killed": 0,
                "injured": 0,
                "qualifier": "none_reported",
                "evidence": [span("No one was hurt.")],
            },
        ),
    ]


def write_ndjson(path: Path, lines: list[Any]) -> Path:
    path.write_bytes(
        b"".join((raw if isinstance(raw, bytes) else orjson.dumps(raw)) + b"\n" for raw in lines)
    )
    return path


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh migrated database the importer commits into (the CLI reads DATABASE_URL)."""
    with throwaway_database(request.param, tmp_path) as url:
        migrate(url)
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        yield url
    get_settings.cache_clear()


@pytest.fixture
def api(db_url: str) -> Iterator[TestClient]:
    engine = make_engine(db_url)
    sessions = make_sessions(engine)
    _row, secret = make_key(sessions)
    headers = {"Authorization": f"Bearer {secret}"}
    with TestClient(create_app(sessions), raise_server_exceptions=False, headers=headers) as client:
        yield client
    engine.dispose()


def counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        result = {
            name: int(conn.scalar(select(func.count()).select_from(table)) or 0)
            for name, table in Base.metadata.tables.items()
        }
    engine.dispose()
    return result


def test_ndjson_round_trip(db_url: str, api: TestClient, tmp_path: Path, capsys: Any) -> None:
    path = write_ndjson(tmp_path / "data.ndjson", dataset())
    assert main(["import", "--history", str(path)]) == 0
    err = capsys.readouterr().err
    assert "created: 1 sources, 2 actors, 1 incidents, 1 statements, 1 casualty_reports" in err
    assert "refused lines: 0" in err

    incident = api.get(f"/v1/incidents/{INCIDENT_ID}").json()
    assert incident["title"] == "Rocket attack on compound"
    assert incident["occurred_at"] == "2024-01-04T22:00:00Z"
    assert incident["disorder_type"] == "Political violence"
    assert incident["location"] == {
        "name": "Green Zone",
        "admin1": None,
        "admin2": None,
        "city": None,
        "country_code": "IQ",
        "latitude": 33.3,
        "longitude": 44.4,
        "precision": None,
    }
    assert incident["tags"] == ["rocket-attack", "night"]
    assert incident["source_ids"] == [SOURCE_ID]
    assert incident["source_count"] == 1
    assert incident["statement_count"] == 1
    assert incident["version"] == 1
    assert incident["casualties"]["killed"] == {"low": 0, "best": 0, "high": 0}
    assert incident["casualties"]["injured"] == {"low": 0, "best": 0, "high": 0}
    assert len(incident["casualties"]["report_ids"]) == 1
    roles = {(a["name"], a["role"], a["confidence"]) for a in incident["actors"]}
    assert roles == {
        ("Provincial Governor", "commentator", "confirmed"),
        ("Ministry of the Interior", "responder", "alleged"),
    }
    governor_link = next(a for a in incident["actors"] if a["role"] == "commentator")
    assert governor_link["evidence"][0]["quote"] == "the governor"
    [evidence] = incident["evidence"]
    assert evidence["quote"] == "Two rockets struck near the compound"
    assert evidence["prefix"] == ""
    assert evidence["suffix"] == TEXT[len("Two rockets struck near the compound") :][:32]

    governor = api.get(f"/v1/actors/{GOVERNOR_ID}").json()
    assert governor["affiliated_with"] == [MINISTRY_ID]
    statements = api.get(f"/v1/incidents/{INCIDENT_ID}/statements").json()["items"]
    assert [s["text"] for s in statements] == ["We condemn this cowardly attack"]
    assert statements[0]["evidence"][0]["start"] == TEXT.index("We condemn")
    source = api.get(f"/v1/sources/{SOURCE_ID}").json()
    assert source["text"] == TEXT
    assert source["content_sha256"] == __import__("hashlib").sha256(TEXT.encode()).hexdigest()
    history = api.get(f"/v1/incidents/{INCIDENT_ID}/history").json()
    assert [(h["action"], h["version"]) for h in history] == [("create", 1)]
    assert history[0]["after"]["title"] == "Rocket attack on compound"

    # The imported incident is listed, filtered and sorted like any other.
    page = api.get("/v1/incidents", params={"country_code": "IQ", "tag": "night"}).json()
    assert [i["id"] for i in page["items"]] == [INCIDENT_ID]


def test_refused_lines_are_reported_and_the_rest_stored(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    good = dataset()
    bad_quote = span("Two rockets")
    bad_quote["quote"] = "Two rocketz"
    lines: list[Any] = [
        good[0],  # 1
        b"{not json",  # 2
        line("weapon", {"name": "x"}),  # 3
        line("actor", {"name": "Nobody", "kind": "alien"}),  # 4
        good[1],  # 5
        line(  # 6
            "incident",
            {
                "title": "Mismatch",
                "event_type": "Protests",
                "sub_event_type": "Air/drone strike",
                "occurred_at": "2024-01-01T00:00:00Z",
            },
        ),
        line(  # 7
            "incident",
            {
                "title": "Bad quote",
                "event_type": "Protests",
                "occurred_at": "2024-01-01T00:00:00Z",
                "evidence": [bad_quote],
            },
        ),
        line(  # 8
            "statement",
            {"speaker_id": str(uuid.UUID(int=7)), "kind": "paraphrase", "text": "Said something"},
        ),
        line("actor", {"name": "Fine", "kind": "state"}),  # 9
    ]
    path = write_ndjson(tmp_path / "mixed.ndjson", lines)
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2: line: not valid JSON" in err
    assert f"{path}:3: type: must be one of source, actor, incident, statement, casualty_report" in err
    assert f"{path}:4: kind: Input should be" in err
    assert f"{path}:6: sub_event_type: 'Air/drone strike' does not belong to event_type 'Protests'" in err
    assert (
        f"{path}:7: evidence.0.quote: does not match the source's text at [0:11], which reads 'Two rockets'"
        in err
    )
    assert f"{path}:8: speaker_id: no actor with id {uuid.UUID(int=7)}" in err
    assert "refused lines: 6" in err
    stored = counts(db_url)
    assert (stored["sources"], stored["actors"], stored["incidents"], stored["statements"]) == (1, 2, 0, 0)
    names = sorted(a["name"] for a in api.get("/v1/actors").json()["items"])
    assert names == ["Fine", "Ministry of the Interior"]


def test_all_or_nothing_stores_nothing(db_url: str, tmp_path: Path, capsys: Any) -> None:
    lines = [*dataset(), line("actor", {"name": "Nobody", "kind": "alien"})]
    path = write_ndjson(tmp_path / "bad.ndjson", lines)
    assert main(["import", "--all-or-nothing", "--batch-size", "2", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:7: kind: Input should be" in err
    assert "nothing was stored" in err
    assert all(n == 0 for name, n in counts(db_url).items() if name != "alembic_version")

    good = write_ndjson(tmp_path / "good.ndjson", dataset())
    assert main(["import", "--all-or-nothing", "--batch-size", "2", str(good)]) == 0
    assert counts(db_url)["incidents"] == 1


def test_rerun_changes_nothing(db_url: str, api: TestClient, tmp_path: Path, capsys: Any) -> None:
    path = write_ndjson(tmp_path / "data.ndjson", dataset())
    assert main(["import", "--batch-size", "3", str(path)]) == 0
    before = counts(db_url)
    assert before["history"] == 0  # bulk loads write no history unless asked (--history)
    incident = api.get(f"/v1/incidents/{INCIDENT_ID}").json()
    capsys.readouterr()

    assert main(["import", "--batch-size", "3", str(path)]) == 0
    err = capsys.readouterr().err
    assert "created: nothing" in err
    assert "unchanged (already stored): 6" in err
    assert counts(db_url) == before
    assert api.get(f"/v1/incidents/{INCIDENT_ID}").json() == incident

    # The same id with other content is refused, never overwritten.
    changed = dataset()[3]
    changed["data"]["title"] = "Another title"
    other = write_ndjson(tmp_path / "changed.ndjson", [changed])
    assert main(["import", str(other)]) == 1
    err = capsys.readouterr().err
    assert f"{other}:1: id: a incident with this id already exists with other content (title)" in err
    assert api.get(f"/v1/incidents/{INCIDENT_ID}").json()["title"] == "Rocket attack on compound"


def test_the_same_id_twice_in_a_file(db_url: str, api: TestClient, tmp_path: Path, capsys: Any) -> None:
    """A second line with the same id: the same content counts as unchanged, other content is a
    refused line (reported, not silently dropped)."""
    actor_id = str(uuid.UUID(int=41))
    first = line("actor", {"name": "Twice", "kind": "state"}, actor_id)
    other = line("actor", {"name": "Twice, renamed", "kind": "state"}, actor_id)
    path = write_ndjson(tmp_path / "twice.ndjson", [first, first, other])
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3: id: already used on line 1 for a actor with other content" in err
    assert "refused lines: 1" in err
    assert "unchanged (already stored): 1" in err
    assert api.get(f"/v1/actors/{actor_id}").json()["name"] == "Twice"


def test_report_added_later_updates_an_existing_incident(
    db_url: str, api: TestClient, tmp_path: Path
) -> None:
    assert main(["import", str(write_ndjson(tmp_path / "a.ndjson", dataset()))]) == 0
    later = line(
        "casualty_report",
        {
            "incident_id": INCIDENT_ID,
            "source_id": SOURCE_ID,
            "reported_at": "2024-01-06T09:00:00Z",
            "killed": 2,
            "killed_min": 1,
            "killed_max": 4,
            "group": "civilians",
            "qualifier": "approximately",
        },
    )
    assert main(["import", str(write_ndjson(tmp_path / "b.ndjson", [later]))]) == 0
    incident = api.get(f"/v1/incidents/{INCIDENT_ID}").json()
    # The `all` report still covers the incident (rule 4 of app/casualties/figures.py)...
    assert incident["casualties"]["killed"] == {"low": 0, "best": 0, "high": 0}
    # ...and the incident changed, as a PATCH would show it: a new version for ETags and sync.
    assert incident["version"] == 2
    assert incident["updated_at"] > incident["created_at"]


def test_a_source_with_stored_text_is_merged(db_url: str, api: TestClient, tmp_path: Path) -> None:
    stored = api.post("/v1/sources", json={"title": "Stored first", "text": TEXT}).json()
    path = write_ndjson(tmp_path / "data.ndjson", dataset())
    assert main(["import", str(path)]) == 0
    incident = api.get(f"/v1/incidents/{INCIDENT_ID}").json()
    assert incident["source_ids"] == [stored["id"]]
    assert incident["evidence"][0]["source_id"] == stored["id"]
    assert api.get(f"/v1/sources/{SOURCE_ID}").status_code == 404
    assert counts(db_url)["sources"] == 1


def acled_row(**fields: str) -> dict[str, str]:
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        event_id_cnty="IRQ1001",
        event_date="2024-01-05",
        year="2024",
        time_precision="1",
        disorder_type="Political violence",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Islamic State (Iraq)",
        inter1="2",
        actor2="Military Forces of Iraq (2022-)",
        inter2="1",
        interaction="12",
        iso="368",
        country="Iraq",
        admin1="Baghdad",
        admin2="Karkh",
        location="Baghdad - Green Zone",
        latitude="33.3128",
        longitude="44.3615",
        geo_precision="1",
        source="Shafaq News",
        source_scale="National",
        notes="On 5 January 2024, IS fired two rockets at an army post in the Green Zone. 3 killed.",
        fatalities="3",
        tags="",
        timestamp="1704844800",
    )
    row.update(fields)
    return row


def test_acled_csv_import(db_url: str, api: TestClient, tmp_path: Path, capsys: Any) -> None:
    import csv

    rows = [
        acled_row(),
        acled_row(
            event_id_cnty="IRQ1002",
            event_date="12 February 2024",
            time_precision="2",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            actor1="Protesters (Iraq)",
            inter1="Protesters",
            assoc_actor_1="Students (Iraq)",
            actor2="",
            inter2="",
            geo_precision="3",
            fatalities="0",
            tags="crowd size=around 200",
            source_scale="Subnational-National",
        ),
        acled_row(event_id_cnty="IRQ1003", event_type="Riots", sub_event_type="Air/drone strike"),
    ]
    path = tmp_path / "acled.csv"
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)

    assert main(["import", str(path)]) == 1  # the third row mixes a riot with an air strike
    err = capsys.readouterr().err
    assert f"{path}:4: sub_event_type: 'Air/drone strike' does not belong to event_type 'Riots'" in err

    first_id = str(uuid.uuid5(NAMESPACE, "acled-event:IRQ1001"))
    incident = api.get(f"/v1/incidents/{first_id}").json()
    assert incident["title"] == "Shelling/artillery/missile attack in Baghdad - Green Zone"
    assert incident["occurred_at"] == "2024-01-05T00:00:00Z"
    assert incident["occurred_at_precision"] == "day"
    assert incident["summary"] == rows[0]["notes"]
    assert incident["location"] == {
        "name": "Baghdad - Green Zone",
        "admin1": "Baghdad",
        "admin2": "Karkh",
        "city": None,
        "country_code": "IQ",
        "latitude": 33.3128,
        "longitude": 44.3615,
        "precision": "city",
    }
    assert incident["tags"] == ["acled:IRQ1001"]
    assert {(a["name"], a["kind"], a["role"]) for a in incident["actors"]} == {
        ("Islamic State (Iraq)", "armed_group", "perpetrator"),
        ("Military Forces of Iraq (2022-)", "security_force", "target"),
    }
    assert incident["casualties"]["killed"] == {"low": 3, "best": 3, "high": 3}
    assert incident["casualties"]["injured"] == {"low": None, "best": None, "high": None}
    [report] = api.get(f"/v1/incidents/{first_id}/casualty-reports").json()["items"]
    assert (report["killed"], report["qualifier"], report["group"]) == (3, "exact", "all")
    assert report["reported_at"] == "2024-01-10T00:00:00Z"
    source = api.get(f"/v1/sources/{incident['source_ids'][0]}").json()
    assert (source["text"], source["publisher"], source["source_scale"]) == (
        rows[0]["notes"],
        "Shafaq News",
        "national",
    )

    second = api.get(f"/v1/incidents/{uuid.uuid5(NAMESPACE, 'acled-event:IRQ1002')}").json()
    assert second["event_type"] == "Protests"
    assert second["occurred_at"] == "2024-02-12T00:00:00Z"
    assert second["occurred_at_precision"] == "week"
    assert second["location"]["precision"] == "region"
    assert second["tags"] == ["acled:IRQ1002", "crowd size=around 200"]
    assert {(a["name"], a["kind"], a["role"]) for a in second["actors"]} == {
        ("Protesters (Iraq)", "protesters", "perpetrator"),
        ("Students (Iraq)", "other", "perpetrator"),
    }
    assert second["casualties"]["killed"] == {"low": 0, "best": 0, "high": 0}
    # Both rows have the same notes: one source, cited by both incidents.
    assert second["source_ids"] == incident["source_ids"]
    assert api.get(f"/v1/sources/{second['source_ids'][0]}").json()["source_scale"] == "national"

    before = counts(db_url)
    assert main(["import", str(path)]) == 1
    assert "created: nothing" in capsys.readouterr().err
    assert counts(db_url) == before


def test_a_batch_the_database_refuses_is_retried_line_by_line(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch that fails in the database (say, a concurrent writer took an id first) is redone
    one record at a time, so only the lines the database refuses are lost."""
    from sqlalchemy.exc import IntegrityError

    from app.importer import loader

    real = loader.write_rows
    calls = {"incidents": 0}

    def flaky(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
        if table.name == "incidents" and rows:
            calls["incidents"] += 1
            if calls["incidents"] == 1 or rows[0]["title"] == "Refused by the database":
                raise IntegrityError("INSERT", {}, Exception("duplicate key value"))
        real(conn, table, rows)

    monkeypatch.setattr(loader, "write_rows", flaky)
    lines = [
        *dataset(),
        line(
            "incident",
            {
                "title": "Refused by the database",
                "event_type": "Riots",
                "occurred_at": "2024-02-01T00:00:00Z",
            },
        ),
    ]
    path = write_ndjson(tmp_path / "data.ndjson", lines)
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:7: database: the database refused it: duplicate key value" in err
    assert "created: 1 sources, 2 actors, 1 incidents, 1 statements, 1 casualty_reports" in err
    assert api.get(f"/v1/incidents/{INCIDENT_ID}").json()["statement_count"] == 1
    assert counts(db_url)["incidents"] == 1


def test_the_loader_checks_references_itself_and_gives_the_database_its_checks_back(
    db_url: str, tmp_path: Path
) -> None:
    """During a load the database's foreign-key checks are off (the loader checks every reference
    in the batch's transaction); after it they are on again for the connection the load used."""
    from sqlalchemy.exc import IntegrityError

    dangling = line(
        "statement",
        {"speaker_id": str(uuid.uuid4()), "kind": "paraphrase", "text": "Said by nobody we know"},
    )
    path = write_ndjson(tmp_path / "data.ndjson", [*dataset(), dangling])
    engine = make_engine(db_url)
    refusals: list[Any] = []
    loader = Loader(engine, on_refusal=refusals.append)
    with path.open("rb") as stream:
        assert not loader.run(read_lines(path, stream))
    assert [(r.line, r.errors[0][0]) for r in refusals] == [(7, "speaker_id")]
    assert counts(db_url)["statements"] == 1
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            assert loader.replica_role  # the tests connect as a superuser
            assert conn.exec_driver_sql("SHOW session_replication_role").scalar() == "origin"
        else:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        conn.rollback()
        with pytest.raises(IntegrityError), conn.begin():
            conn.exec_driver_sql(
                "INSERT INTO incident_tags (incident_id, tag) VALUES (?, 'x')"
                if conn.dialect.name == "sqlite"
                else "INSERT INTO incident_tags (incident_id, tag) VALUES (%s, 'x')",
                (uuid.uuid4().hex if conn.dialect.name == "sqlite" else uuid.uuid4(),),
            )
    engine.dispose()


def test_imported_rows_are_searchable(api: TestClient, tmp_path: Path) -> None:
    path = write_ndjson(tmp_path / "data.ndjson", dataset())
    assert main(["import", str(path)]) == 0
    incident = api.get(f"/v1/incidents/{INCIDENT_ID}").json()
    word = next(w for w in incident["title"].split() if len(w) > 4)
    found = api.get("/v1/incidents", params={"q": word}).json()["items"]
    assert [i["id"] for i in found] == [str(INCIDENT_ID)]


def _documents(url: str) -> dict[str, dict[Any, str]]:
    from app import search

    engine = make_engine(url)
    with engine.connect() as conn:
        result = {
            name: {row[0]: row[1] for row in conn.execute(select(i.table.c.owner_id, i.table.c.document))}
            for name, i in search.INDEXES.items()
        }
    engine.dispose()
    return result


@pytest.mark.parametrize("batch_size", [2, 10_000])
def test_imported_documents_equal_a_rebuild(db_url: str, tmp_path: Path, batch_size: int) -> None:
    """The importer writes new records' search documents from its own rows; they must be what
    the service's own rebuild (app/search.py) writes, also when an incident's statements arrive
    in a later batch than the incident."""
    from app import search

    said = [
        line(
            "statement",
            {
                "incident_id": INCIDENT_ID,
                "speaker_id": GOVERNOR_ID,
                "kind": "paraphrase",
                "text": f"Statement number {n} about the compound",
            },
        )
        for n in range(5)
    ]
    lines = dataset()
    lines[1]["data"]["aliases"] = ["MoI", "Interior Ministry"]
    path = write_ndjson(tmp_path / "data.ndjson", lines + said)
    assert main(["import", "--batch-size", str(batch_size), str(path)]) == 0
    imported = _documents(db_url)
    assert len(imported["incidents"]) == 1
    assert len(imported["actors"]) == 2
    assert len(imported["statements"]) == 6
    assert imported["incidents"][uuid.UUID(INCIDENT_ID)].count("\n") == 6  # title, 6 statements
    engine = make_engine(db_url)
    with make_sessions(engine)() as session:
        session.execute(search.INCIDENTS.table.delete())
        session.execute(search.ACTORS.table.delete())
        session.execute(search.STATEMENTS.table.delete())
        search.reindex(session)
        session.commit()
    engine.dispose()
    assert _documents(db_url) == imported


def assert_incident_documents_current(url: str) -> None:
    """Every incident has its read document stored (none left stale) and equal to a fresh build."""
    engine = make_engine(url)
    sessions = make_sessions(engine)
    documents = stored_documents(sessions)
    with engine.connect() as conn:
        incidents = conn.scalar(select(func.count()).select_from(Base.metadata.tables["incidents"]))
    assert len(documents) == incidents
    assert_documents_current(sessions)
    engine.dispose()


@pytest.mark.parametrize("args", [[], ["--batch-size", "2"], ["--all-or-nothing", "--batch-size", "2"]])
def test_imported_incidents_read_documents_are_written(db_url: str, tmp_path: Path, args: list[str]) -> None:
    """On PostgreSQL the batches leave their incidents' documents stale and a second connection
    writes them beside the load; with `--batch-size 2` the statement and the report arrive in
    later batches than their incident, and so change an incident stored earlier. On SQLite each
    batch writes them itself. Either way the load ends with every document written."""
    assert main(["import", *args, str(write_ndjson(tmp_path / "a.ndjson", dataset()))]) == 0
    assert_incident_documents_current(db_url)
    later = line(
        "casualty_report",
        {
            "incident_id": INCIDENT_ID,
            "source_id": SOURCE_ID,
            "reported_at": "2024-01-06T09:00:00Z",
            "killed": 3,
            "group": "civilians",
            "qualifier": "exact",
        },
    )
    assert main(["import", *args, str(write_ndjson(tmp_path / "b.ndjson", [later]))]) == 0
    assert_incident_documents_current(db_url)


def test_a_failing_document_writer_fails_the_load(db_url: str, tmp_path: Path, monkeypatch: Any) -> None:
    """On PostgreSQL the documents are written in a thread of their own: its error must reach the
    command, as it does on SQLite, where the batch writes them."""
    from app.incidents import reads

    def broken(conn: Any, limit: int | None = None) -> int:
        raise RuntimeError("the document writer broke")

    monkeypatch.setattr(reads, "refresh", broken)
    with pytest.raises(RuntimeError, match="the document writer broke"):
        main(["import", str(write_ndjson(tmp_path / "a.ndjson", dataset()))])


@pytest.mark.postgresql
@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs PostgreSQL")
def test_a_role_that_may_not_skip_triggers_loads_with_the_databases_checks(tmp_path: Path) -> None:
    """A deployment's own role (no superuser) cannot set `session_replication_role`: the load then
    runs with PostgreSQL's foreign-key checks on, and stores the same rows."""
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(PG_ADMIN_URL).set(drivername="postgresql").render_as_string(hide_password=False)
    role, name = f"importer_{uuid.uuid4().hex[:8]}", f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'CREATE DATABASE "{name}" OWNER "{role}"')
    url = make_url(PG_ADMIN_URL).set(username=role, database=name).render_as_string(hide_password=False)
    try:
        migrate(url)
        path = write_ndjson(tmp_path / "data.ndjson", dataset())
        engine = make_engine(url)
        loader = Loader(engine)
        with path.open("rb") as stream:
            assert loader.run(read_lines(path, stream))
        engine.dispose()
        assert not loader.replica_role
        assert counts(url)["evidence"] == 4
        assert_incident_documents_current(url)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_gzip_files_and_a_byte_order_mark(db_url: str, api: TestClient, tmp_path: Path, capsys: Any) -> None:
    import csv
    import gzip

    plain = write_ndjson(tmp_path / "data.ndjson", dataset())
    with_bom = tmp_path / "bom.ndjson"
    with_bom.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    assert main(["import", str(with_bom)]) == 0
    assert "created: 1 sources, 2 actors, 1 incidents" in capsys.readouterr().err

    # The same lines gzip-compressed are the same records: nothing new.
    compressed = tmp_path / "data.ndjson.gz"
    compressed.write_bytes(gzip.compress(plain.read_bytes()))
    before = counts(db_url)
    assert main(["import", str(compressed)]) == 0
    assert "created: nothing" in capsys.readouterr().err
    assert counts(db_url) == before

    acled = tmp_path / "acled.csv.gz"
    with gzip.open(acled, "wt", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerow(acled_row())
    assert main(["import", str(acled)]) == 0
    assert "created: 1 sources, 2 actors, 1 incidents" in capsys.readouterr().err
    incident = api.get(f"/v1/incidents/{uuid.uuid5(NAMESPACE, 'acled-event:IRQ1001')}").json()
    assert incident["tags"] == ["acled:IRQ1001"]


def test_a_file_that_is_neither_ndjson_nor_csv_is_refused_line_by_line(
    db_url: str, tmp_path: Path, capsys: Any
) -> None:
    junk = tmp_path / "archive.zip"
    junk.write_bytes(b"PK\x03\x04\x14\x00\r\x00\x08\x00\xff\xfe\x00\nsecond line\r\n")
    assert main(["import", str(junk)]) == 1
    err = capsys.readouterr().err
    assert f"{junk}:1: line: not valid JSON" in err
    assert f"{junk}:2: line: not valid JSON" in err
    assert "refused lines: 2" in err
    assert all(n == 0 for name, n in counts(db_url).items() if name != "alembic_version")


def test_a_postgresql_load_vacuums_and_analyzes_every_table(db_url: str, tmp_path: Path) -> None:
    """The tables are shared out over two connections (loader._vacuum_analyze): none is left out."""
    if not db_url.startswith("postgresql"):
        pytest.skip("VACUUM is PostgreSQL's")
    path = write_ndjson(tmp_path / "data.ndjson", dataset())
    assert main(["import", str(path)]) == 0
    engine = make_engine(db_url)
    with engine.connect() as conn:
        conn.exec_driver_sql("SELECT pg_stat_clear_snapshot()")
        missed = conn.exec_driver_sql(
            "SELECT relname FROM pg_stat_user_tables"
            " WHERE schemaname = current_schema() AND (last_vacuum IS NULL OR last_analyze IS NULL)"
        ).all()
        tables = conn.exec_driver_sql(
            "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema()"
        ).scalar_one()
    engine.dispose()
    assert tables > 20
    assert missed == []
