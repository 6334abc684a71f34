"""The read path without the ORM: the same read model, a fixed number of queries, indexed plans."""

import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import sessionmaker

from app.actors.service import actors
from app.casualties.service import casualty_reports
from app.incidents import reads
from app.incidents.models import Incident
from app.incidents.service import incidents
from app.pagination import keyset
from app.sources.service import sources
from app.statements.service import statements
from tests.conftest import QueryCounter, assert_documents_current, stored_documents
from tests.factories import (
    make_actor,
    make_incident,
    make_report,
    make_source,
    make_statement,
    quote_span,
    rich_incident,
)

LZ4_BUILT_IN = "SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'"


def expected(sessions: sessionmaker[Any], incident_id: str) -> dict[str, Any]:
    """What the Pydantic read model makes of the ORM row: the contract the fast path must keep."""
    with sessions() as session:
        row = incidents.get(session, uuid.UUID(incident_id))
        body = incidents.to_read(row).model_dump(mode="json")
    return orjson.loads(orjson.dumps(body))  # type: ignore[no-any-return]


def by_id(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(items, key=lambda a: a["id"])


def test_fast_reads_match_the_read_model(client: TestClient, sessions: sessionmaker[Any]) -> None:
    made = [rich_incident(client, n) for n in range(3)]
    bare = make_incident(client, title="No links")
    for incident in [*made, bare]:
        got = client.get(f"/v1/incidents/{incident['id']}")
        assert got.status_code == 200
        assert got.headers["content-type"] == "application/json"
        want = expected(sessions, incident["id"])
        assert got.headers["ETag"] == f'"{want["version"]}"'
        body = got.json()
        assert by_id(body.pop("actors")) == by_id(want.pop("actors"))
        assert body == want
    page = client.get("/v1/incidents", params={"limit": 2}).json()
    assert [i["title"] for i in page["items"]] == ["No links", "Attack 2"]
    assert page["items"][1]["casualties"] == {
        "killed": {"low": 2, "best": 2, "high": 5},
        "injured": {"low": None, "best": None, "high": None},
        "report_ids": expected(sessions, made[2]["id"])["casualties"]["report_ids"],
    }
    assert page["next_cursor"] is not None
    assert "total" not in page


def test_list_costs_the_same_queries_whatever_the_page_size(
    client: TestClient, count_queries: QueryCounter, backend: str
) -> None:
    for n in range(6):
        rich_incident(client, n)
    counts = []
    for params in ({}, {"q": "attack"}):
        for limit in (1, 6):
            before = count_queries.count
            response = client.get("/v1/incidents", params={**params, "limit": limit})
            assert len(response.json()["items"]) == limit
            sent = count_queries.statements[before:]
            counts.append(
                sum(1 for sql in sent if sql.lstrip().upper().startswith("SELECT") and "api_keys" not in sql)
            )
    # The page's ids (for `q`, ranked), then their documents (app/incidents/reads.py), on both
    # databases (the caller's API key lookup is per request, not per page).
    assert counts == [2, 2, 2, 2]


FLAT_SERVICES = {
    "statements": statements,
    "casualty-reports": casualty_reports,
    "sources": sources,
    "actors": actors,
}


@pytest.mark.parametrize("resource", FLAT_SERVICES)
def test_flat_documents_match_the_read_model(
    client: TestClient, sessions: sessionmaker[Any], count_queries: QueryCounter, resource: str
) -> None:
    """Statements, casualty reports, sources and actors as the database writes them (app/documents.py):
    each field as the Pydantic read model writes it, nulls, fractions of seconds, escapes and
    several evidence spans included, by id and in a list; and a list costs the same statements
    whatever its page size."""
    incident = rich_incident(client, 0)
    article = 'A "quoted" line\twith a tab, a \\ backslash, Ünï 🚀 and «guillemets»: "We will respond."'
    source = make_source(
        client,
        title='Ünïcode \\ and "quotes"',
        text=article,
        publisher=None,
        url="https://example.org/a?b=1&c=2",
        published_at="2024-03-01T10:20:30.123456Z",
        language="ar",
    )
    groups = [make_actor(client, name=f"Group {n}", kind="armed_group") for n in range(3)]
    speaker = make_actor(
        client,
        name="Spokesman «Ünï»",
        aliases=["The \\ spokesman", "Ünï 🚀"],
        country_code="IQ",
        description="Speaks for the groups",
        affiliated_with=[g["id"] for g in groups],
    )
    make_statement(
        client,
        speaker["id"],
        text="We will respond.",
        stated_at="2024-01-05T01:02:03.5Z",
        stated_at_precision="exact",
        channel="press conference",
        stance="threat",
        evidence=[quote_span(source, "We will respond."), quote_span(source, "Ünï 🚀")],
    )
    make_report(
        client,
        incident["id"],
        source["id"],
        reported_at="2024-01-05T09:00:00.000001Z",
        injured=3,
        injured_min=2,
        injured_max=4,
        reported_by_id=speaker["id"],
        evidence=[quote_span(source, "quoted")],
    )
    service = FLAT_SERVICES[resource]
    with sessions() as session:
        rows = service.rows_where(session)
        want = {
            str(r.id): orjson.loads(orjson.dumps(service.to_read(r).model_dump(mode="json"))) for r in rows
        }
    assert len(want) >= 2
    for row_id, body in want.items():
        got = client.get(f"/v1/{resource}/{row_id}")
        assert got.status_code == 200
        assert got.headers["ETag"] == f'"{body["version"]}"'
        assert got.json() == body
    counts = []
    for limit in (1, len(want)):
        before = count_queries.count
        page = client.get(f"/v1/{resource}", params={"limit": limit}).json()
        assert len(page["items"]) == limit
        sent = count_queries.statements[before:]
        counts.append(
            sum(1 for sql in sent if sql.lstrip().upper().startswith("SELECT") and "api_keys" not in sql)
        )
    assert {item["id"]: item for item in page["items"]} == want
    assert counts == [2, 2]  # the page's ids, then their documents
    exported = client.get(f"/v1/{resource}", params={"format": "ndjson"}).text.splitlines()
    assert {item["id"]: item for item in map(orjson.loads, exported)} == want


def test_unknown_incident_is_404_problem(client: TestClient) -> None:
    response = client.get("/v1/incidents/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.slow
def test_postgresql_plans_use_indexes_at_100k(client: TestClient, backend: str, sessions: Any) -> None:
    if backend != "postgresql":
        pytest.skip("EXPLAIN plans are PostgreSQL's")
    with sessions() as session:
        session.execute(
            text(
                """
                INSERT INTO incidents (id, created_at, updated_at, version, title, event_type,
                    disorder_type, occurred_at, occurred_at_precision, status, claim_status, tags,
                    casualty_report_ids, statement_count, country_code, latitude, longitude)
                SELECT gen_random_uuid(), now(), now(), 1, 'Incident ' || n, 'Battles',
                    'Political violence', timestamptz '2018-01-01' + n * interval '37 minutes',
                    'day', 'reported', 'unknown', '[]', '[]', 0,
                    (ARRAY['IQ','SY','YE','UA','ML','SO','NG','AF','CD','SD'])[1 + n % 10],
                    -30 + (n % 600) / 10.0, -170 + (n % 3400) / 10.0
                FROM generate_series(1, 100000) AS n
                """
            )
        )
        session.execute(text("ANALYZE incidents"))
        session.commit()
    from app.incidents.service import IncidentQuery

    queries = {
        "list": IncidentQuery(),
        "filtered": IncidentQuery(
            country_code="IQ",
            occurred_after="2019-01-01T00:00:00Z",
            occurred_before="2020-01-01T00:00:00Z",
            bbox="40,25,50,40",
        ),
    }
    with sessions() as session:
        for name, query in queries.items():
            matching, score = incidents.matching(session, query)
            sort, key = incidents.ordering(query, score)
            stmt = (
                keyset(
                    matching,
                    key,
                    Incident.id,
                    sort=sort,
                    limit=query.limit,
                    cursor=None,
                    scope="/v1/incidents",
                )
                .with_only_columns(Incident.id, maintain_column_froms=True)
                .add_columns(key)
            )
            sql = stmt.compile(session.get_bind(), compile_kwargs={"literal_binds": True})
            plan = "\n".join(r[0] for r in session.execute(text(f"EXPLAIN {sql}")))
            assert "Seq Scan on incidents" not in plan, (name, plan)
            assert "Index" in plan, (name, plan)


def test_coordinates_are_kept_to_seven_places_and_read_back_exactly(client: TestClient) -> None:
    """SQLite writes floats with 15 significant digits; kept to 7 decimal places, a coordinate has
    at most 10, so both databases send back exactly what Python reads from the row."""
    location = {"country_code": "IQ", "latitude": 33.312812345678912, "longitude": -0.1 - 0.2}
    made = make_incident(client, title="Precise", location=location)
    assert (made["location"]["latitude"], made["location"]["longitude"]) == (33.3128123, -0.3)
    for got in (
        client.get(f"/v1/incidents/{made['id']}").json(),
        client.get("/v1/incidents", params={"q": "precise"}).json()["items"][0],
    ):
        assert (got["location"]["latitude"], got["location"]["longitude"]) == (33.3128123, -0.3)
    moved = client.patch(
        f"/v1/incidents/{made['id']}",
        json={"location": {"latitude": 1 / 3, "longitude": 2 / 3}},
        headers={"If-Match": '"1"', "Content-Type": "application/merge-patch+json"},
    )
    assert moved.status_code == 200, moved.text
    got = client.get(f"/v1/incidents/{made['id']}").json()["location"]
    assert (got["latitude"], got["longitude"]) == (0.3333333, 0.6666667)


def test_stored_documents_follow_every_write(client: TestClient, sessions: sessionmaker[Any]) -> None:
    first = rich_incident(client, 1)
    second = rich_incident(client, 2)
    assert len(stored_documents(sessions)) == 2
    assert_documents_current(sessions)
    group = client.get(f"/v1/incidents/{first['id']}").json()["actors"][0]

    def call(method: str, path: str, body: dict[str, Any] | None = None) -> Callable[[], None]:
        def send() -> None:
            response = client.request(method, path, json=body)
            assert response.status_code < 300, (method, path, response.text)

        return send

    actor_id = group["actor_id"]
    writes: dict[str, Callable[[], Any]] = {
        "incident patched": call(
            "PATCH", f"/v1/incidents/{first['id']}", {"title": "Revised", "tags": ["x"]}
        ),
        "role added": call(
            "POST", f"/v1/incidents/{first['id']}/actors", {"actor_id": actor_id, "role": "target"}
        ),
        "role removed": call("DELETE", f"/v1/incidents/{first['id']}/actors/{actor_id}?role=perpetrator"),
        "actor renamed": call(
            "PATCH", f"/v1/actors/{actor_id}", {"name": "Renamed", "kind": "security_force"}
        ),
        "report added": lambda: make_report(client, first["id"], first["source_ids"][1], killed=7),
        "statement added": lambda: make_statement(client, actor_id, incident_id=first["id"]),
        "source deleted": call("DELETE", f"/v1/sources/{first['source_ids'][0]}?cascade=true"),
        "other incident deleted": call("DELETE", f"/v1/incidents/{second['id']}?cascade=true"),
    }
    for write_name, write in writes.items():
        write()
        assert_documents_current(sessions)
        got = client.get(f"/v1/incidents/{first['id']}").json()
        want = expected(sessions, first["id"])
        assert by_id(got.pop("actors")) == by_id(want.pop("actors")), write_name
        assert got == want, write_name
    assert list(stored_documents(sessions)) == [first["id"]]  # the deleted incident's went with it


def test_a_stale_document_is_built_on_read(client: TestClient, sessions: sessionmaker[Any]) -> None:
    made = rich_incident(client, 1)
    before = client.get(f"/v1/incidents/{made['id']}").json()
    with sessions() as session:
        # what a write path that forgot its documents would leave: the triggers' mark alone
        session.execute(text("UPDATE actors SET name = 'Group renamed in SQL' WHERE name = 'Group 1'"))
        session.commit()
    assert stored_documents(sessions)[made["id"]][0] is None
    after = client.get(f"/v1/incidents/{made['id']}").json()
    names = {a["name"] for a in after["actors"]}
    assert "Group renamed in SQL" in names
    assert "Group 1" not in names
    assert [i["actors"] for i in client.get("/v1/incidents").json()["items"]] == [after["actors"]]
    assert after["title"] == before["title"]
    with sessions() as session:
        assert reads.refresh(session.connection()) == 1
        session.commit()
    assert_documents_current(sessions)


def test_postgresql_compresses_documents_with_lz4(
    client: TestClient, backend: str, sessions: sessionmaker[Any]
) -> None:
    if backend != "postgresql":
        pytest.skip("SQLite does not compress")
    with sessions() as session:
        if not session.execute(text(LZ4_BUILT_IN)).scalar():
            pytest.skip("this PostgreSQL was built without LZ4")
    # Past TOAST's threshold (~2 kB), so the document is compressed.
    made = make_incident(client, summary=" ".join(f"word{i}" for i in range(700)))
    with sessions() as session:
        method = session.execute(
            text("SELECT pg_column_compression(document) FROM incident_documents WHERE id = :id"),
            {"id": made["id"]},
        ).scalar()
    assert method == "lz4"
    assert client.get(f"/v1/incidents/{made['id']}").json()["summary"].startswith("word0 word1")


def test_a_row_deleted_between_a_pages_two_statements_is_left_out(
    client: TestClient, sessions: sessionmaker[Any]
) -> None:
    """A sync page holds tombstones beside rows; a row deleted after the page's ids were read has
    no document to show and goes, as if deleted a moment sooner (it was a 500)."""
    from app.crud import TombstoneRead

    made = make_incident(client)
    gone = uuid.uuid4()
    tombstone = TombstoneRead(id=uuid.uuid4(), updated_at=datetime.now(UTC))
    with sessions() as session:
        shown = incidents.render(session, [(gone,), tombstone, (uuid.UUID(made["id"]),)])
    assert [orjson.loads(orjson.dumps(item))["id"] for item in shown] == [str(tombstone.id), made["id"]]
