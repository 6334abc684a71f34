"""Sync: `updated_since` + `include_deleted=true` tombstones, the watermark, and the sync loop."""

from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete

from app.actors.models import Actor
from app.db import make_sessions
from app.main import create_app
from app.vocab import ActorKind
from tests.factories import make_actor, make_incident, make_report, make_source, make_statement

EPOCH = "1970-01-01T00:00:00Z"


def sync_pass(client: TestClient, path: str, since: str, mirror: dict[str, Any], limit: int = 2) -> str:
    """The documented loop: page through, apply each item, return the first page's watermark."""
    params: dict[str, Any] = {"updated_since": since, "include_deleted": "true", "limit": limit}
    watermark = None
    while True:
        response = client.get(path, params=params)
        assert response.status_code == 200, response.text
        watermark = watermark or response.headers["X-Sync-Watermark"]
        body = response.json()
        for item in body["items"]:
            if item.get("deleted"):
                mirror.pop(item["id"], None)
            else:
                mirror[item["id"]] = item
        if body["next_cursor"] is None:
            return watermark
        params["cursor"] = body["next_cursor"]


def test_tombstones_for_every_resource(client: TestClient) -> None:
    source = make_source(client)
    actor = make_actor(client)
    incident = make_incident(client)
    statement = make_statement(client, actor["id"], incident_id=incident["id"])
    report = make_report(client, incident["id"], source["id"], killed=1, qualifier="exact")
    since = client.get("/v1/actors", params={"updated_since": EPOCH}).headers["X-Sync-Watermark"]
    doomed = {
        "statements": statement["id"],
        "casualty-reports": report["id"],
        "incidents": incident["id"],
        "actors": actor["id"],
        "sources": source["id"],
    }
    for path, row_id in doomed.items():
        assert client.delete(f"/v1/{path}/{row_id}").status_code == 204, path
    for path, row_id in doomed.items():
        body = client.get(f"/v1/{path}", params={"updated_since": since, "include_deleted": "true"}).json()
        tombstones = [i for i in body["items"] if i.get("deleted")]
        assert [t["id"] for t in tombstones] == [row_id], path
        assert set(tombstones[0]) == {"id", "deleted", "updated_at"}
        assert tombstones[0]["updated_at"] >= since
        # without include_deleted there is no tombstone
        plain = client.get(f"/v1/{path}", params={"updated_since": since}).json()
        assert not any(i.get("deleted") for i in plain["items"])


def test_sync_loop_mirrors_creates_updates_and_deletes(client: TestClient) -> None:
    mirror: dict[str, Any] = {}
    ids = [make_actor(client, name=f"Actor {n}")["id"] for n in range(5)]
    watermark = sync_pass(client, "/v1/actors", EPOCH, mirror)
    assert sorted(a["name"] for a in mirror.values()) == [f"Actor {n}" for n in range(5)]

    client.patch(f"/v1/actors/{ids[0]}", json={"name": "Renamed"})
    client.delete(f"/v1/actors/{ids[1]}")
    client.delete(f"/v1/actors/{ids[3]}")
    make_actor(client, name="Actor 5")
    watermark = sync_pass(client, "/v1/actors", watermark, mirror)
    server = client.get("/v1/actors", params={"limit": 500}).json()["items"]
    assert mirror == {a["id"]: a for a in server}
    assert sorted(a["name"] for a in mirror.values()) == ["Actor 2", "Actor 4", "Actor 5", "Renamed"]

    # nothing changed: the next pass brings nothing new (only rows at the inclusive bound again)
    again = sync_pass(client, "/v1/actors", watermark, dict(mirror))
    assert again >= watermark


def test_sync_page_is_in_updated_at_order_with_tombstones_merged(client: TestClient) -> None:
    since = client.get("/v1/incidents", params={"updated_since": EPOCH}).headers["X-Sync-Watermark"]
    first = make_incident(client, title="first")
    second = make_incident(client, title="second")
    third = make_incident(client, title="third")
    client.delete(f"/v1/incidents/{second['id']}")
    client.patch(f"/v1/incidents/{first['id']}", json={"title": "first, edited"})
    seen = []
    params: dict[str, Any] = {"updated_since": since, "include_deleted": "true", "limit": 1}
    while True:
        body = client.get("/v1/incidents", params=params).json()
        seen.extend((i["id"], i.get("deleted", False)) for i in body["items"])
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == [(third["id"], False), (second["id"], True), (first["id"], False)]


def test_include_deleted_rules(client: TestClient) -> None:
    response = client.get("/v1/incidents", params={"include_deleted": "true", "sort": "-occurred_at"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sort"
    actor = make_actor(client)
    response = client.get(f"/v1/actors/{actor['id']}/incidents", params={"include_deleted": "true"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    # a plain page has no watermark, a sync page has one
    assert "X-Sync-Watermark" not in client.get("/v1/actors").headers
    sync_page = client.get("/v1/actors", params={"include_deleted": "true"})
    assert sync_page.headers["X-Sync-Watermark"].endswith("Z")


def test_late_commit_is_not_missed(engine: Engine) -> None:
    """A transaction that writes before a client's read but commits after it still reaches the client."""
    if engine.dialect.name != "postgresql":
        pytest.skip(
            "SQLite serialises writers and sync reads (BEGIN IMMEDIATE): no writer is open during a read"
        )
    sessions = make_sessions(engine)
    client = TestClient(create_app(sessions), raise_server_exceptions=False)
    slow = sessions()
    actor_id = None
    try:
        slow.connection()  # transaction A starts ...
        actor = Actor(name="Late committer", kind=ActorKind.person, aliases=[])
        slow.add(actor)
        slow.flush()  # ... and writes, stamped now, but does not commit yet
        actor_id = actor.id
        stamped = actor.updated_at
        read_at = datetime.now(UTC)

        first = client.get(
            "/v1/actors", params={"updated_since": EPOCH, "include_deleted": "true", "limit": 500}
        )
        assert first.status_code == 200
        assert str(actor_id) not in {i["id"] for i in first.json()["items"]}
        watermark = first.headers["X-Sync-Watermark"]
        # a high-water mark of "the latest updated_at seen" or "now" would skip the row ...
        assert stamped < read_at
        # ... the watermark does not pass the open transaction
        assert datetime.fromisoformat(watermark) <= stamped

        slow.commit()  # A commits after the client's read
        second = client.get("/v1/actors", params={"updated_since": watermark, "include_deleted": "true"})
        assert str(actor_id) in {i["id"] for i in second.json()["items"]}
    finally:
        slow.rollback()
        slow.close()
        if actor_id is not None:
            with sessions() as cleanup:
                cleanup.execute(delete(Actor).where(Actor.id == actor_id))
                cleanup.commit()
        client.close()


def test_nested_lists_answer_a_sync_request_with_a_watermark_and_leave_exports_to_the_top_level(
    client: TestClient,
) -> None:
    actor = make_actor(client, name="Governor")
    source = make_source(client, text="Nested lists.")
    incident = make_incident(client, actors=[{"actor_id": actor["id"], "role": "commentator"}])
    make_statement(client, actor["id"], incident_id=incident["id"])
    make_report(client, incident["id"], source["id"], killed=1)
    nested = (
        f"/v1/incidents/{incident['id']}/statements",
        f"/v1/incidents/{incident['id']}/casualty-reports",
        f"/v1/actors/{actor['id']}/incidents",
    )
    for path in nested:
        got = client.get(path, params={"updated_since": "2000-01-01T00:00:00Z"})
        assert got.status_code == 200, path
        assert len(got.json()["items"]) == 1, path
        assert "X-Sync-Watermark" in got.headers, path
        assert "X-Sync-Watermark" not in client.get(path).headers, path
        refused = client.get(path, headers={"Accept": "text/csv"})
        assert refused.status_code == 406, path
        assert refused.headers["content-type"] == "application/problem+json"
        assert "top-level list" in refused.json()["detail"]
        assert client.get(path, params={"format": "csv"}).status_code == 422, path
        assert client.get(path, headers={"Accept": "text/csv, application/json;q=0.5"}).status_code == 200
        assert client.get(path, headers={"Accept": "application/json"}).status_code == 200
