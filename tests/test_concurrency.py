"""Real concurrency: parallel transactions on real connections, and two server processes.

These tests commit, so they cannot use the rolled-back `client`; each wipes what it made.
"""

import os
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx2
import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, delete, select, text

from app.auth import Role, create_key
from app.db import make_sessions
from app.incidents import reads
from app.incidents.models import incident_documents
from app.incidents.schemas import IncidentActorIn
from app.incidents.service import incidents
from app.main import create_app
from app.models import Base
from tests.conftest import free_port, migrate, throwaway_database

ROOT = Path(__file__).resolve().parent.parent
THREADS = 16
INCIDENT = {
    "title": "Rocket attack on compound",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "occurred_at": "2024-01-05T01:00:00Z",
}
ACTOR = {"name": "Border Police", "kind": "security_force"}


# The tables these tests write to. Named, not "all", so that reference data a migration may load
# into the shared test database survives.
WRITTEN = {
    "actors",
    "actor_affiliations",
    "api_keys",
    "casualty_reports",
    "evidence",
    "history",
    "idempotency_keys",
    "incidents",
    "incident_actors",
    "incident_sources",
    "incident_tags",
    "sources",
    "statements",
    "tombstones",
}


def wipe(engine: Engine) -> None:
    """Delete the rows the test committed (the shared test database holds none of its own)."""
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name in WRITTEN:
                conn.execute(delete(table))


@pytest.fixture
def live_client(engine: Engine) -> Iterator[TestClient]:
    """The app on the real engine: every request its own connection and committed transaction."""
    sessions = make_sessions(engine)
    with sessions() as session:
        _row, secret = create_key(session, name="concurrency", role=Role.admin)
        session.commit()
    try:
        with TestClient(
            create_app(sessions),
            raise_server_exceptions=False,
            headers={"Authorization": f"Bearer {secret}"},
        ) as client:
            yield client
    finally:
        wipe(engine)


def in_parallel(n: int, call: Callable[[int], Any]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=n) as pool:
        return list(pool.map(call, range(n)))


Call = Callable[..., Any]


def check_parallel_patches(post: Call, patch: Call, get: Call) -> None:
    created = post("/v1/incidents", json=INCIDENT)
    assert created.status_code == 201, created.text
    incident = created.json()
    path = f"/v1/incidents/{incident['id']}"
    responses = in_parallel(
        THREADS, lambda i: patch(path, json={"title": f"Edit {i}"}, headers={"If-Match": '"1"'})
    )
    statuses = Counter(r.status_code for r in responses)
    assert statuses == {200: 1, 412: THREADS - 1}, statuses
    winner = next(r for r in responses if r.status_code == 200).json()
    final = get(path).json()
    assert final["version"] == 2
    assert final["title"] == winner["title"]
    history = get(f"{path}/history").json()["items"]
    assert [h["action"] for h in history] == ["create", "update"]
    assert history[1]["after"]["title"] == winner["title"]
    for r in responses:
        if r.status_code == 412:
            assert r.headers["content-type"] == "application/problem+json"


def check_parallel_idempotent_posts(post: Call, get: Call) -> None:
    headers = {"Idempotency-Key": "parallel-create"}
    responses = in_parallel(THREADS, lambda _i: post("/v1/actors", json=ACTOR, headers=headers))
    assert Counter(r.status_code for r in responses) == {201: THREADS}, [r.text for r in responses]
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(1 for r in responses if r.headers.get("Idempotent-Replayed") == "true") == THREADS - 1
    actors = get("/v1/actors", params={"limit": 500}).json()["items"]
    assert [a["id"] for a in actors] == [responses[0].json()["id"]]


def test_parallel_patches_with_one_if_match_make_one_change(live_client: TestClient) -> None:
    check_parallel_patches(live_client.post, live_client.patch, live_client.get)


def test_parallel_posts_with_one_idempotency_key_create_one_record(live_client: TestClient) -> None:
    check_parallel_idempotent_posts(live_client.post, live_client.get)


def test_parallel_writes_to_one_incident_all_succeed(live_client: TestClient) -> None:
    """Statements, casualty reports and edits of one incident at once: each takes the incident's
    row lock before anything else it writes, so none deadlocks (on PostgreSQL they did: a statement
    held the incident's search document and waited for the incident, a PATCH the other way round)."""
    incident = live_client.post("/v1/incidents", json=INCIDENT).json()
    speaker = live_client.post("/v1/actors", json=ACTOR).json()
    sources = [
        live_client.post("/v1/sources", json={"title": f"Report {i}", "text": f"Report {i}"}).json()
        for i in range(4)
    ]

    def write(i: int) -> Any:
        if i % 3 == 0:
            body = {"incident_id": incident["id"], "speaker_id": speaker["id"], "kind": "paraphrase"}
            return live_client.post("/v1/statements", json={**body, "text": f"Said {i}"})
        if i % 3 == 1:
            source_id = sources[i % len(sources)]["id"]
            body = {"incident_id": incident["id"], "source_id": source_id, "killed": i}
            return live_client.post(
                "/v1/casualty-reports", json={**body, "reported_at": "2024-01-05T09:00:00Z"}
            )
        return live_client.patch(f"/v1/incidents/{incident['id']}", json={"summary": f"Edit {i}"})

    responses = in_parallel(THREADS, write)
    assert all(r.status_code in (200, 201) for r in responses), [r.text for r in responses]
    final = live_client.get(f"/v1/incidents/{incident['id']}").json()
    assert final["statement_count"] == len(range(0, THREADS, 3))
    assert len(final["casualties"]["report_ids"]) == len(sources)
    found = live_client.get("/v1/incidents", params={"q": "Said"}).json()["items"]
    assert [i["id"] for i in found] == [incident["id"]]


def test_renames_racing_writes_to_the_incidents_that_name_the_actor_all_succeed(
    live_client: TestClient,
) -> None:
    """A rename locks the incidents that name the actor before their documents (as every write to
    an incident does), and a new link holds its actor before its incident (as a rename does), so
    they take turns with statements and new roles on those incidents instead of deadlocking."""
    speaker = live_client.post("/v1/actors", json=ACTOR).json()
    link = [{"actor_id": speaker["id"], "role": "target"}]
    made = [live_client.post("/v1/incidents", json={**INCIDENT, "actors": link}).json() for _ in range(4)]

    roles = iter(["perpetrator", "responder", "commentator", "reporter", "claimant"] * 2)

    def write(i: int) -> Any:
        if i % 3 == 0:
            return live_client.patch(f"/v1/actors/{speaker['id']}", json={"name": f"Border Police {i}"})
        if i % 3 == 1:
            body = {"incident_id": made[i % 4]["id"], "speaker_id": speaker["id"], "kind": "paraphrase"}
            return live_client.post("/v1/statements", json={**body, "text": f"Said {i}"})
        # A new role of the same actor: its link's document trigger waits for the actor too.
        incident = made[(i // 3) % 4]["id"]
        role = {"actor_id": speaker["id"], "role": next(roles)}
        return live_client.post(f"/v1/incidents/{incident}/actors", json=role)

    responses = in_parallel(THREADS, write)
    assert all(r.status_code in (200, 201) for r in responses), [r.text for r in responses]
    for incident in made:
        path = f"/v1/incidents/{incident['id']}"
        versions = [
            c["version"] for c in live_client.get(f"{path}/history", params={"limit": 500}).json()["items"]
        ]
        assert versions == list(range(1, live_client.get(path).json()["version"] + 1))


@pytest.mark.slow
def test_two_server_processes_share_everything_through_the_database(backend: str, tmp_path: Path) -> None:
    """`serve --workers 2` on one database: If-Match and Idempotency-Key hold across processes (on
    SQLite the processes take the file's write lock in turn)."""
    secret = "iak_twoproc_" + os.urandom(16).hex()
    port = free_port(8131, 8134, 8135, 8136)
    with throwaway_database(backend, tmp_path) as url:
        migrate(url)
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "BOOTSTRAP_ADMIN_KEY": secret,
            "LOG_LEVEL": "WARNING",
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "app",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            with httpx2.Client(
                base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {secret}"}, timeout=30
            ) as http:
                deadline = time.monotonic() + 30
                while True:
                    try:
                        if http.get("/readyz").status_code == 200:
                            break
                    except httpx2.TransportError:
                        pass
                    assert time.monotonic() < deadline, "the server did not start"
                    time.sleep(0.2)
                check_parallel_patches(http.post, http.patch, http.get)
                check_parallel_idempotent_posts(http.post, http.get)
        finally:
            server.terminate()
            server.wait(timeout=15)


def test_a_rename_racing_a_new_link_leaves_the_document_current(
    live_client: TestClient, engine: Engine, backend: str
) -> None:
    """Migration 0007's locks: a new actor link holds the actor FOR SHARE until it commits, so a
    rename, by any path (here plain SQL), waits for it and then marks and rewrites the document
    that the link's transaction wrote with the old name."""
    if backend != "postgresql":
        pytest.skip("SQLite's writers take turns: there is no race to lose")
    actor = live_client.post("/v1/actors", json=ACTOR).json()
    incident = live_client.post("/v1/incidents", json=INCIDENT).json()
    incident_id = uuid.UUID(incident["id"])
    sessions = make_sessions(engine)

    def rename() -> None:
        with sessions() as session:
            session.execute(
                text("UPDATE actors SET name = 'Renamed Police' WHERE id = :id"), {"id": actor["id"]}
            )
            reads.refresh(session.connection())
            session.commit()

    with sessions() as linking, ThreadPoolExecutor(1) as pool:
        row = incidents.get(linking, incident_id, for_update=True)
        incidents.add_actor(linking, row, IncidentActorIn(actor_id=actor["id"], role="perpetrator"))
        linking.flush()
        reads.refresh(linking.connection())  # the document now names "Border Police"
        renamed = pool.submit(rename)
        time.sleep(0.5)
        assert not renamed.done()  # waiting for the link's transaction
        linking.commit()
        renamed.result()
    document = live_client.get(f"/v1/incidents/{incident['id']}").json()
    assert [a["name"] for a in document["actors"]] == ["Renamed Police"]
    with engine.connect() as conn:
        where = incident_documents.c.id == incident_id
        stored = conn.execute(select(incident_documents.c.document).where(where)).scalar_one()
    assert orjson.loads(stored) == document
