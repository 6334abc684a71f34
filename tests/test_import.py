"""Bulk import (`python -m app import`): NDJSON and ACLED CSV, refusals, all-or-nothing, re-runs."""

import csv
import gzip
import io
import multiprocessing
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
    history = api.get(f"/v1/incidents/{INCIDENT_ID}/history").json()["items"]
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
    assert f"{other}:1: id: an incident with this id already exists with other content (title)" in err
    assert api.get(f"/v1/incidents/{INCIDENT_ID}").json()["title"] == "Rocket attack on compound"


def test_an_incident_s_quoted_sources_are_its_sources_as_through_the_api(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    lines = dataset()
    del lines[3]["data"]["source_ids"]  # the evidence quotes the source all the same
    path = write_ndjson(tmp_path / "data.ndjson", lines)
    assert main(["import", str(path)]) == 0
    incident = api.get(f"/v1/incidents/{INCIDENT_ID}").json()
    assert (incident["source_ids"], incident["source_count"]) == ([SOURCE_ID], 1)
    posted = api.post("/v1/incidents", json={**lines[3]["data"], "title": "Through the API"}).json()
    assert posted["source_ids"] == incident["source_ids"]
    capsys.readouterr()
    assert main(["import", str(path)]) == 0
    assert "unchanged (already stored): 6" in capsys.readouterr().err


def test_the_same_id_twice_in_a_file(db_url: str, api: TestClient, tmp_path: Path, capsys: Any) -> None:
    """A second line with the same id: the same content counts as unchanged, other content is a
    refused line (reported, not silently dropped)."""
    actor_id = str(uuid.UUID(int=41))
    first = line("actor", {"name": "Twice", "kind": "state"}, actor_id)
    other = line("actor", {"name": "Twice, renamed", "kind": "state"}, actor_id)
    path = write_ndjson(tmp_path / "twice.ndjson", [first, first, other])
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3: id: already used on line 1 for an actor with other content" in err
    assert "refused lines: 1" in err
    assert "unchanged (already stored): 1" in err
    assert api.get(f"/v1/actors/{actor_id}").json()["name"] == "Twice"


def test_a_file_may_cite_the_records_of_a_file_named_before_it(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    """One batch holds both files: the second's first lines cite the first's last ones."""
    records = dataset()
    first = write_ndjson(tmp_path / "first.ndjson", records[:-2])
    second = write_ndjson(tmp_path / "second.ndjson", records[-2:])
    assert main(["import", str(first), str(second)]) == 0
    assert "refused lines: 0" in capsys.readouterr().err
    assert api.get(f"/v1/incidents/{INCIDENT_ID}").json()["statement_count"] == 1
    # The same id with other content in another file names that file.
    actor_id = str(uuid.UUID(int=42))
    one = write_ndjson(tmp_path / "one.ndjson", [line("actor", {"name": "A", "kind": "state"}, actor_id)])
    two = write_ndjson(tmp_path / "two.ndjson", [line("actor", {"name": "B", "kind": "state"}, actor_id)])
    assert main(["import", str(one), str(two)]) == 1
    assert f"{two}:1: id: already used on {one}:1 for an actor with other content" in capsys.readouterr().err


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
    document = imported["incidents"][uuid.UUID(INCIDENT_ID)]  # the title and its 6 statements' words
    assert all(f"Statement number {n} about the compound" in document for n in range(5))
    assert "We condemn this cowardly attack" in document
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


# --- what a load changes, and how it compares with what is stored ---


def test_an_incident_a_later_batch_adds_to_gets_a_new_version(
    db_url: str, api: TestClient, tmp_path: Path
) -> None:
    """With `--batch-size 2` the statement and the report come a batch after their incident, which
    a client may have synced in between: the incident changed after it was committed, so it moves
    on (version, updated_at) and the documented sync loop fetches it again."""
    path = write_ndjson(tmp_path / "data.ndjson", dataset())
    seen: list[tuple[str, dict[str, Any]]] = []

    def sync_pass(_stats: Any) -> None:
        response = api.get("/v1/incidents", params={"updated_since": "1970-01-01T00:00:00Z"})
        items = {i["id"]: i for i in response.json()["items"]}
        seen.append((response.headers["X-Sync-Watermark"], items))

    engine = make_engine(db_url)
    loader = Loader(engine, batch_size=2, on_batch=sync_pass)
    with path.open("rb") as stream:
        assert loader.run(read_lines(path, stream))
    engine.dispose()
    watermark, synced = seen[1]  # after the incident's batch, before its statement's and report's
    assert synced[INCIDENT_ID]["version"] == 1
    assert synced[INCIDENT_ID]["statement_count"] == 0
    later = api.get("/v1/incidents", params={"updated_since": watermark}).json()["items"]
    [incident] = [i for i in later if i["id"] == INCIDENT_ID]
    assert incident["statement_count"] == 1
    assert incident["version"] == 2  # one batch added both: one change
    assert incident["updated_at"] > incident["created_at"]

    assert main(["import", "--batch-size", "2", str(path)]) == 0  # a re-run changes nothing
    assert api.get(f"/v1/incidents/{INCIDENT_ID}").json() == incident


def test_an_incident_completed_within_one_transaction_keeps_version_1(
    db_url: str, api: TestClient, tmp_path: Path
) -> None:
    """All or nothing: no client saw the incident before its statement and report were added."""
    path = write_ndjson(tmp_path / "data.ndjson", dataset())
    assert main(["import", "--all-or-nothing", "--batch-size", "2", str(path)]) == 0
    incident = api.get(f"/v1/incidents/{INCIDENT_ID}").json()
    assert (incident["version"], incident["statement_count"]) == (1, 1)
    assert incident["updated_at"] == incident["created_at"]


def test_imported_actors_read_in_the_order_of_the_body(db_url: str, api: TestClient, tmp_path: Path) -> None:
    """The governor comes first in the body, the ministry second: not their names' order. The same
    body POSTed reads the same way."""
    assert main(["import", str(write_ndjson(tmp_path / "data.ndjson", dataset()))]) == 0
    body = {**dataset()[3]["data"], "title": "Posted"}
    posted = api.post("/v1/incidents", json=body).json()
    imported = api.get(f"/v1/incidents/{INCIDENT_ID}").json()
    order = [GOVERNOR_ID, MINISTRY_ID]
    assert [a["actor_id"] for a in imported["actors"]] == order
    assert [a["actor_id"] for a in posted["actors"]] == order
    listed = {i["id"]: i for i in api.get("/v1/incidents").json()["items"]}  # the read documents
    assert [a["actor_id"] for a in listed[INCIDENT_ID]["actors"]] == order
    assert [a["actor_id"] for a in listed[posted["id"]]["actors"]] == order


OTHER_SOURCE_ID = "77777777-7777-4777-8777-777777777777"


def test_a_stored_record_with_other_links_or_evidence_is_refused(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    """The links and evidence are the record's content too: the same id with other ones is refused,
    naming them; the same links in another order are the same incident."""
    assert main(["import", str(write_ndjson(tmp_path / "data.ndjson", dataset()))]) == 0
    other_source = line("source", {"title": "Other", "text": "Another text."}, OTHER_SOURCE_ID)
    assert main(["import", str(write_ndjson(tmp_path / "other.ndjson", [other_source]))]) == 0
    before = counts(db_url)
    capsys.readouterr()

    def confidence(data: dict[str, Any]) -> None:
        data["actors"][1]["confidence"] = "suspected"

    def link_evidence(data: dict[str, Any]) -> None:
        data["actors"][0]["evidence"] = [span("governor")]

    def actors_and_evidence(data: dict[str, Any]) -> None:
        data["actors"].pop()
        data["evidence"] = [span("Two rockets struck")]

    def sources(data: dict[str, Any]) -> None:
        data["source_ids"].append(OTHER_SOURCE_ID)

    def no_evidence(data: dict[str, Any]) -> None:
        data["evidence"] = []

    def no_affiliation(data: dict[str, Any]) -> None:
        data["affiliated_with"] = []

    def reordered(data: dict[str, Any]) -> None:
        data["actors"].reverse()

    cases = [
        (3, confidence, "an incident", "actors"),
        (3, link_evidence, "an incident", "actors"),
        (3, actors_and_evidence, "an incident", "actors, evidence"),
        (3, sources, "an incident", "source_ids"),
        (4, no_evidence, "a statement", "evidence"),
        (5, no_evidence, "a casualty_report", "evidence"),
        (2, no_affiliation, "an actor", "affiliated_with"),
        (3, reordered, None, None),
    ]
    for index, change, kind, fields in cases:
        record = dataset()[index]
        if "id" not in record:  # its id is its content: give it the stored one
            record["id"] = str(uuid.uuid5(NAMESPACE, f"{record['type']}:" + _sorted_json(record)))
        change(record["data"])
        path = write_ndjson(tmp_path / "changed.ndjson", [record])
        assert main(["import", str(path)]) == (0 if kind is None else 1), change
        err = capsys.readouterr().err
        if kind is None:
            assert "unchanged (already stored): 1" in err
        else:
            assert (
                f"{path}:1: id: {kind} with this id already exists with other content ({fields}); "
                "the importer never overwrites, PATCH it instead"
            ) in err
    assert counts(db_url) == before


def _sorted_json(body: dict[str, Any]) -> str:
    return orjson.dumps(body["data"], option=orjson.OPT_SORT_KEYS).decode()


def test_a_rerun_citing_a_merged_source_by_its_own_id_is_unchanged(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    """A file whose source was merged into a stored one (same text, another id) compares its
    records' evidence and sources as they were stored: pointed at the stored source."""
    alias = "55555555-5555-4555-8555-555555555555"
    assert main(["import", str(write_ndjson(tmp_path / "a.ndjson", dataset()))]) == 0
    lines = [
        orjson.loads(orjson.dumps(body).replace(SOURCE_ID.encode(), alias.encode())) for body in dataset()
    ]
    lines[0]["data"]["title"] = "The same text under another id"
    del lines[4:]  # the statement's and report's derived ids depend on their source id
    capsys.readouterr()
    assert main(["import", str(write_ndjson(tmp_path / "b.ndjson", lines))]) == 0
    err = capsys.readouterr().err
    assert "unchanged (already stored): 3; sources merged by identical text: 1" in err


# --- the report ---


@pytest.mark.parametrize("args", [[], ["--workers", "2"], ["--all-or-nothing"]])
def test_refused_lines_are_reported_in_file_order(
    db_url: str, tmp_path: Path, capsys: Any, args: list[str]
) -> None:
    """Unreadable lines and lines refused by validation or by the references are reported in the
    order of the files and their lines (`--workers 2`: on PostgreSQL, in a worker process)."""
    late = str(uuid.UUID(int=99))
    first = write_ndjson(
        tmp_path / "z.ndjson",
        [
            line("actor", {"name": "Nobody", "kind": "alien"}),  # 1: the schema
            b"{not json",  # 2
            line("actor", {"name": "Fine", "kind": "state"}),  # 3
            line("statement", {"speaker_id": late, "kind": "paraphrase", "text": "Too early"}),  # 4
            b"[]",  # 5
        ],
    )
    second = write_ndjson(tmp_path / "a.ndjson", [b"{", line("actor", {"name": "Bad", "kind": "alien"})])
    assert main(["import", *args, str(first), str(second)]) == 1
    reported = [ln.split(": ")[0] for ln in capsys.readouterr().err.splitlines() if ".ndjson:" in ln]
    assert reported == [f"{first}:1", f"{first}:2", f"{first}:4", f"{first}:5", f"{second}:1", f"{second}:2"]


# --- the same record twice ---


@pytest.mark.parametrize(
    "args",
    [[], ["--batch-size", "1"], ["--batch-size", "2"], ["--batch-size", "1", "--workers", "2"]],
)
def test_a_repeat_of_a_refused_line_is_refused_too(
    db_url: str, tmp_path: Path, capsys: Any, args: list[str]
) -> None:
    """Line 1 cites an actor that only comes on line 2, so it is refused; line 3 repeats it: it
    is refused too, whatever the batches, and nothing counts as already stored."""
    late = "66666666-6666-4666-8666-666666666666"
    said = line("statement", {"speaker_id": late, "kind": "paraphrase", "text": "Too early"})
    path = write_ndjson(
        tmp_path / "data.ndjson", [said, line("actor", {"name": "Late", "kind": "state"}, late), said]
    )
    assert main(["import", *args, str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:1: speaker_id: no actor with id {late}" in err
    assert f"{path}:3: id: same record as line 1, which was refused" in err
    assert "refused lines: 2" in err
    assert "unchanged" not in err
    assert counts(db_url)["statements"] == 0


@pytest.mark.parametrize("batch_size", ["1", "10000"])
def test_a_source_without_id_whose_text_is_stored_is_merged(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any, batch_size: str
) -> None:
    """A source line without an id is its text: another title for a text already stored (or on an
    earlier line) is the same source, merged into it, as a line with another id would be."""
    text = "A text that only these lines have."
    first = write_ndjson(tmp_path / "a.ndjson", [line("source", {"title": "First", "text": text})])
    assert main(["import", str(first)]) == 0
    second = write_ndjson(
        tmp_path / "b.ndjson",
        [
            line("source", {"title": "Second", "text": text}),
            line("source", {"title": "Third", "text": "Another text."}),
            line("source", {"title": "Fourth", "text": "Another text."}),
        ],
    )
    capsys.readouterr()
    assert main(["import", "--batch-size", batch_size, str(second)]) == 0
    err = capsys.readouterr().err
    assert "created: 1 sources" in err
    assert "sources merged by identical text: 2" in err
    titles = sorted(s["title"] for s in api.get("/v1/sources").json()["items"])
    assert titles == ["First", "Third"]


# --- ACLED: a row whole or not at all, actors shared by name, unreadable rows ---


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str] | None = None) -> Path:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=columns or list(COLUMNS), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    data = out.getvalue().encode()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
    return path


def actor_names(api: TestClient) -> list[str]:
    return sorted(a["name"] for a in api.get("/v1/actors", params={"limit": 500}).json()["items"])


def incident_of(api: TestClient, event_id: str) -> Any:
    return api.get(f"/v1/incidents/{uuid.uuid5(NAMESPACE, 'acled-event:' + event_id)}")


def test_a_row_is_stored_whole_or_not_at_all(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    """A row whose incident or report the API would refuse stores nothing: not its source, not its
    actors. The refusal is one, with all the row's errors, at the row's first line (a quoted field
    may hold line breaks); an actor a refused row named is stored with the next row that names it."""
    rows = [
        acled_row(  # lines 2-3
            event_id_cnty="IRQ2001",
            sub_event_type="Unknown sub type",
            fatalities="-1",
            actor1="Named Only Here",
            notes="A row the API refuses,\nover two lines.",
        ),
        acled_row(event_id_cnty="IRQ2002", latitude="abc", actor1="Shared Group", notes="Bad latitude."),  # 4
        acled_row(event_id_cnty="IRQ2003", actor1="Shared Group", notes="A good row."),  # 5
    ]
    path = write_csv(tmp_path / "acled.csv", rows)
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2: sub_event_type: " in err
    assert f"{path}:2: killed: Input should be greater than or equal to 0" in err
    assert f"{path}:4: row: latitude 'abc' is not a number" in err
    assert "refused lines: 2" in err
    stored = counts(db_url)
    assert (stored["sources"], stored["incidents"], stored["casualty_reports"]) == (1, 1, 1)
    assert actor_names(api) == ["Military Forces of Iraq (2022-)", "Shared Group"]
    incident = incident_of(api, "IRQ2003").json()
    assert {a["name"] for a in incident["actors"]} == {"Shared Group", "Military Forces of Iraq (2022-)"}
    assert incident_of(api, "IRQ2001").status_code == 404


def test_codes_outside_acleds_codebook_refuse_the_row(db_url: str, tmp_path: Path, capsys: Any) -> None:
    rows = [
        acled_row(event_id_cnty="IRQ3001", time_precision="9"),
        acled_row(event_id_cnty="IRQ3002", geo_precision="7"),
        acled_row(event_id_cnty="IRQ3003", longitude=""),
        acled_row(event_id_cnty="IRQ3004", fatalities="3.0"),
        acled_row(event_id_cnty="IRQ3005", time_precision="", geo_precision="", latitude="", longitude=""),
    ]
    path = write_csv(tmp_path / "acled.csv", rows)
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:2: row: time_precision '9' is not one of 1, 2, 3" in err
    assert f"{path}:3: row: geo_precision '7' is not one of 1, 2, 3" in err
    assert f"{path}:4: row: latitude and longitude are given together or not at all" in err
    assert f"{path}:5: row: fatalities '3.0' is not a whole number" in err
    assert "refused lines: 4" in err
    assert counts(db_url)["incidents"] == 1


def test_an_actor_stored_already_is_reused_as_it_is(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    """Another file names the same actor with another country and kind: the actor is the stored
    one (ACLED gives it no id; the first description wins), not a refused line."""
    first = write_csv(tmp_path / "iraq.csv", [acled_row()])
    assert main(["import", str(first)]) == 0
    syria = acled_row(event_id_cnty="SYR1", iso="760", country="Syria", inter1="1", notes="In Syria.")
    second = write_csv(tmp_path / "syria.csv", [syria])
    capsys.readouterr()
    assert main(["import", str(second)]) == 0
    err = capsys.readouterr().err
    assert "refused lines: 0" in err
    [actor] = [a for a in api.get("/v1/actors").json()["items"] if a["name"] == "Islamic State (Iraq)"]
    assert (actor["kind"], actor["country_code"]) == ("armed_group", "IQ")
    incident = incident_of(api, "SYR1").json()
    assert actor["id"] in [a["actor_id"] for a in incident["actors"]]
    assert incident["location"]["country_code"] == "SY"


def test_a_row_that_is_not_utf8_is_refused_and_the_rest_loaded(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    path = write_csv(
        tmp_path / "acled.csv",
        [acled_row(), acled_row(event_id_cnty="IRQ1002", notes="MARKER"), acled_row(event_id_cnty="IRQ1003")],
    )
    path.write_bytes(path.read_bytes().replace(b"MARKER", b"caf\xe9"))  # Latin-1, not UTF-8
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}:3: row: is not valid UTF-8 (byte 0xe9 in notes)" in err
    assert "refused lines: 1" in err
    assert incident_of(api, "IRQ1001").status_code == 200
    assert incident_of(api, "IRQ1002").status_code == 404
    assert incident_of(api, "IRQ1003").status_code == 200


def test_a_field_longer_than_the_csv_modules_limit_is_refused_by_the_api_rules(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    """Python's csv module stops at 131,072 characters a field: the API's limits apply instead."""
    long_notes = "word " * 30_000
    path = write_csv(
        tmp_path / "acled.csv", [acled_row(notes=long_notes), acled_row(event_id_cnty="IRQ1002")]
    )
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    # `notes` is the source's text (up to 1,000,000 characters) and the incident's summary (100,000).
    assert f"{path}:2: summary: String should have at most 100000 characters" in err
    assert incident_of(api, "IRQ1002").status_code == 200


def test_a_truncated_gzip_csv_keeps_the_rows_before_the_cut(
    db_url: str, api: TestClient, tmp_path: Path, capsys: Any
) -> None:
    rows = [
        acled_row(event_id_cnty=f"IRQ{n}", notes=f"Event number {n}, {uuid.uuid4()}.") for n in range(300)
    ]
    path = write_csv(tmp_path / "acled.csv.gz", rows)
    path.write_bytes(path.read_bytes()[:-200])
    assert main(["import", "--batch-size", "50", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: truncated" in err
    assert "Traceback" not in err
    assert 0 < counts(db_url)["incidents"] < 300
    assert incident_of(api, "IRQ0").status_code == 200


def test_a_csv_lacking_a_column_the_importer_needs_is_refused_as_a_whole(
    db_url: str, tmp_path: Path, capsys: Any
) -> None:
    """Not read as NDJSON, line by line: the command says which columns are missing."""
    columns = [c for c in COLUMNS if c not in ("fatalities", "event_date")]
    path = write_csv(tmp_path / "acled.csv", [acled_row()], columns)
    assert main(["import", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        f"{path}: an ACLED CSV needs the columns event_date, fatalities, which its header lacks"
    )
    assert counts(db_url)["sources"] == 0


# --- when the command cannot go on: a damaged file, Ctrl-C, a database or a path it cannot use ---


def many_actors(n: int) -> list[Any]:
    return [line("actor", {"name": f"Actor number {i:04d}", "kind": "armed_group"}) for i in range(n)]


@pytest.mark.parametrize("args", [[], ["--all-or-nothing"]])
def test_a_truncated_gzip_file(db_url: str, tmp_path: Path, capsys: Any, args: list[str]) -> None:
    """The lines before the cut are loaded (or, all or nothing, none), the cut is reported, the
    command goes on with the next file and exits 1."""
    plain = write_ndjson(tmp_path / "actors.ndjson", many_actors(400))
    cut = tmp_path / "actors.ndjson.gz"
    cut.write_bytes(gzip.compress(plain.read_bytes())[:-100])
    after = write_ndjson(tmp_path / "after.ndjson", [line("actor", {"name": "After", "kind": "state"})])
    assert main(["import", *args, "--batch-size", "50", str(cut), str(after)]) == 1
    err = capsys.readouterr().err
    assert f"{cut}: truncated:" in err
    assert "Traceback" not in err
    stored = counts(db_url)["actors"]
    if args:
        assert stored == 0
    else:
        assert 100 < stored < 401


def test_ctrl_c_keeps_the_committed_batches_and_says_so(
    db_url: str, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.importer import loader

    real = loader.write_rows
    calls = {"actors": 0}

    def interrupted(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
        if table.name == "actors" and rows:
            calls["actors"] += 1
            if calls["actors"] == 2:
                raise KeyboardInterrupt
        real(conn, table, rows)

    monkeypatch.setattr(loader, "write_rows", interrupted)
    path = write_ndjson(tmp_path / "actors.ndjson", many_actors(30))
    assert main(["import", "--batch-size", "10", str(path)]) == 130
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (
        "interrupted: the batches committed so far stay stored; run the same command again to "
        "load the rest (what is stored already is skipped)"
    )
    assert counts(db_url)["actors"] == 10


@pytest.mark.postgresql
@pytest.mark.skipif("postgresql" not in BACKENDS, reason="needs PostgreSQL")
def test_ctrl_c_during_a_parallel_load_ends_the_workers(
    tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.importer import parallel

    real = parallel.wait
    calls = {"n": 0}

    def interrupted(pipes: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 6:
            raise KeyboardInterrupt
        return real(pipes)

    monkeypatch.setattr(parallel, "wait", interrupted)
    with throwaway_database("postgresql", tmp_path) as url:
        migrate(url)
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        path = write_ndjson(tmp_path / "actors.ndjson", many_actors(40))
        assert main(["import", "--workers", "2", "--batch-size", "5", str(path)]) == 130
        assert "interrupted: the batches committed so far stay stored" in capsys.readouterr().err
        assert multiprocessing.active_children() == []
    get_settings.cache_clear()


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_unmigrated_database_is_one_line_and_exit_2(
    backend: str, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with throwaway_database(backend, tmp_path) as url:
        monkeypatch.setenv("DATABASE_URL", url)
        get_settings.cache_clear()
        path = write_ndjson(tmp_path / "data.ndjson", dataset())
        assert main(["import", str(path)]) == 2
    get_settings.cache_clear()
    [message] = capsys.readouterr().err.strip().splitlines()
    assert "run `python -m app migrate`" in message


def test_a_directory_is_not_a_file(db_url: str, tmp_path: Path, capsys: Any) -> None:
    assert main(["import", str(tmp_path)]) == 2
    assert capsys.readouterr().err.strip() == f"{tmp_path}: is a directory, not a file"


def test_a_missing_file(db_url: str, tmp_path: Path, capsys: Any) -> None:
    assert main(["import", str(tmp_path / "nothing.ndjson")]) == 2
    assert capsys.readouterr().err.strip() == f"no such file: {tmp_path / 'nothing.ndjson'}"


@pytest.mark.parametrize(
    ("acled", "ours"),
    [
        ("National", "national"),
        ("Subnational-National", "national"),
        ("National-International", "international"),
        ("Local partner-Regional", "regional"),
        ("Subnational", "local"),
        ("Other", "unknown"),
        ("New media", "unknown"),
        ("", "unknown"),
    ],
)
def test_a_joined_source_scale_is_its_widest_part(acled: str, ours: str) -> None:
    from app.importer.acled import _scale

    assert _scale(acled) == ours


@pytest.mark.parametrize(
    ("iso", "name", "code"),
    [
        ("", "Russia", "RU"),  # ACLED's name, as the export writes it
        ("", "Ivory Coast", "CI"),
        ("", "Democratic Republic of Congo", "CD"),
        ("", "Iraq", "IQ"),  # the same in pycountry
        ("", "Russian Federation", "RU"),  # pycountry's own name still reads
        ("792", "", "TR"),  # ISO 3166 numeric wins
        ("", "Atlantis", None),
    ],
)
def test_an_acled_country_name_reads_back(iso: str, name: str, code: str | None) -> None:
    from app.importer.acled import _country

    assert _country(iso, name) == code
