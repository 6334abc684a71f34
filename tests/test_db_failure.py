"""The database goes away and comes back: 503s that fail fast while it is down, recovery without a restart.

Runs a throwaway PostgreSQL cluster of its own (initdb into a temporary folder, port 5443 or up) so that
stopping it harms nothing else.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.auth import Role, create_key
from app.db import make_engine, make_sessions
from app.main import create_app
from tests.conftest import free_port, migrate

BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)), None)

pytestmark = [pytest.mark.slow, pytest.mark.postgresql]


def as_postgres(*args: str) -> None:
    command = [str(a) for a in args]
    if os.geteuid() == 0:
        command = ["su", "postgres", "-c", " ".join(f"'{a}'" for a in command)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


class Cluster:
    def __init__(self, data: Path, port: int) -> None:
        self.data = data
        self.port = port
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def start(self) -> None:
        options = f"-p {self.port} -k {self.data} -c listen_addresses=127.0.0.1"
        as_postgres(
            f"{BIN}/pg_ctl", "-D", str(self.data), "-o", options, "-l", f"{self.data}/log", "-w", "start"
        )

    def stop(self) -> None:
        as_postgres(f"{BIN}/pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    if BIN is None or not (BIN / "initdb").exists():
        pytest.skip("PostgreSQL's initdb is not installed")
    if os.geteuid() != 0 and os.environ.get("USER") != "postgres":
        pytest.skip("a throwaway cluster needs root (to run initdb as postgres) or the postgres user")
    root = Path(tempfile.mkdtemp(prefix="trust-pg-"))
    data = root / "data"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(data, "postgres")
    as_postgres(f"{BIN}/initdb", "-D", str(data), "-A", "trust", "-U", "postgres")
    cluster = Cluster(data, free_port(5443, 5444, 5445, 5446))
    cluster.start()
    try:
        yield cluster
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            cluster.stop()  # unless a failed test left it stopped
        shutil.rmtree(root, ignore_errors=True)


def timed(call: object, *args: object, **kwargs: object) -> tuple[object, float]:
    started = time.monotonic()
    response = call(*args, **kwargs)  # type: ignore[operator]
    return response, time.monotonic() - started


def test_outage_gives_fast_503s_and_the_service_recovers_by_itself(cluster: Cluster) -> None:
    url = cluster.url
    migrate(url)
    engine = make_engine(url)
    sessions = make_sessions(engine)
    with sessions() as session:
        _row, secret = create_key(session, name="outage", role=Role.admin)
        session.commit()
    auth = {"Authorization": f"Bearer {secret}"}
    with TestClient(create_app(sessions), raise_server_exceptions=False, headers=auth) as client:
        assert client.get("/readyz").status_code == 200
        before = client.post("/v1/actors", json={"name": "Before", "kind": "state"})
        assert before.status_code == 201

        cluster.stop()
        ready, took = timed(client.get, "/readyz")
        assert ready.status_code == 503
        assert ready.json()["status"] == "unavailable"
        assert took < 5
        for method, path, body in [
            ("GET", "/v1/actors", None),
            ("GET", f"/v1/actors/{before.json()['id']}", None),
            ("POST", "/v1/actors", {"name": "During", "kind": "state"}),
        ]:
            response, took = timed(
                client.request, method, path, json=body, headers={"Idempotency-Key": "during-outage"}
            )
            assert response.status_code == 503, response.text
            assert response.headers["content-type"] == "application/problem+json"
            assert response.headers["Retry-After"] == "5"
            assert "psycopg" not in response.text
            assert str(cluster.port) not in response.text
            assert took < 5, f"{method} {path} took {took:.1f}s"
        assert client.get("/healthz").status_code == 200  # the process itself is fine

        cluster.start()
        deadline = time.monotonic() + 20
        while client.get("/readyz").status_code != 200:
            assert time.monotonic() < deadline, "the service did not recover"
            time.sleep(0.2)
        names = [a["name"] for a in client.get("/v1/actors").json()["items"]]
        assert names == ["Before"]  # nothing half-written during the outage
        retried = client.post(
            "/v1/actors",
            json={"name": "During", "kind": "state"},
            headers={"Idempotency-Key": "during-outage"},
        )
        assert retried.status_code == 201  # the failed attempt left no claim on the key
        assert "Idempotent-Replayed" not in retried.headers
    engine.dispose()


def test_writes_under_load_through_an_outage_are_neither_lost_nor_doubled(cluster: Cluster) -> None:
    """Writers retry with their Idempotency-Key while the database stops and starts under them."""
    url = cluster.url
    migrate(url)
    engine = make_engine(url)
    sessions = make_sessions(engine)
    with sessions() as session:
        _row, secret = create_key(session, name="load", role=Role.admin)
        session.commit()
    statuses: Counter[int] = Counter()
    writers, per_writer = 6, 15

    def write(client: TestClient, n: int) -> list[str]:
        made = []
        for i in range(per_writer):
            body = {"name": f"load-{n}-{i}", "kind": "state"}
            deadline = time.monotonic() + 60
            while True:
                response = client.post("/v1/actors", json=body, headers={"Idempotency-Key": f"load-{n}-{i}"})
                statuses[response.status_code] += 1
                if response.status_code == 201:
                    made.append(response.json()["id"])
                    break
                assert response.status_code in (409, 503), response.text
                assert time.monotonic() < deadline, "a write never got through"
                time.sleep(0.1)
        return made

    auth = {"Authorization": f"Bearer {secret}"}
    with TestClient(create_app(sessions), raise_server_exceptions=False, headers=auth) as client:
        with ThreadPoolExecutor(max_workers=writers) as pool:
            futures = [pool.submit(write, client, n) for n in range(writers)]
            time.sleep(0.5)
            cluster.stop()
            time.sleep(1.5)
            cluster.start()
            ids = [i for f in futures for i in f.result()]
        assert statuses[503] > 0, "the outage was not noticed; the test proved nothing"
        rows = client.get("/v1/actors", params={"limit": 500, "q": "load-"}).json()["items"]
    names = sorted(r["name"] for r in rows if r["name"].startswith("load-"))
    assert names == sorted(f"load-{n}-{i}" for n in range(writers) for i in range(per_writer))
    assert sorted(r["id"] for r in rows if r["name"].startswith("load-")) == sorted(ids)
    assert set(statuses) <= {201, 409, 503}, statuses
    engine.dispose()
