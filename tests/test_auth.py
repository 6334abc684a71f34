"""API keys and roles: who may read, write, cascade; 401 vs 403; expiry, revocation, last use."""

from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from app.__main__ import main as cli
from app.auth import ApiKey, ensure_bootstrap_key, hash_key
from app.db import utcnow
from app.settings import get_settings
from tests.conftest import make_key
from tests.factories import make_actor, make_statement

ACTOR = {"name": "Ministry of Defence", "kind": "government"}


def bearer(secret: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {secret}"}


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    return body  # type: ignore[no-any-return]


def assert_401(response: Any, error: str | None = None) -> dict[str, Any]:
    body = assert_problem(response, 401)
    challenge = response.headers["WWW-Authenticate"]
    assert challenge.startswith("Bearer")
    if error:
        assert f'error="{error}"' in challenge
    return body


@pytest.fixture
def closed_reads() -> Iterator[None]:
    settings = get_settings()
    settings.open_reads = False
    yield
    settings.open_reads = True


def test_keys_are_stored_hashed(client: TestClient, sessions: sessionmaker[Any]) -> None:
    row, secret = make_key(sessions, "editor", name="newsroom")
    assert secret.startswith("iak_")
    assert len(secret) > 40
    with sessions() as session:
        stored = session.get(ApiKey, row.id)
        assert stored is not None
        assert stored.key_hash == hash_key(secret)
        assert secret not in (stored.key_hash, stored.prefix)
        assert stored.prefix == secret[:12]


def test_writes_need_a_key(anonymous: TestClient) -> None:
    body = assert_401(anonymous.post("/v1/actors", json=ACTOR))
    assert "editor" in body["detail"]
    assert anonymous.get("/v1/actors").json()["items"] == []  # nothing was written


def test_reads_are_open_by_default(anonymous: TestClient, client: TestClient) -> None:
    actor = make_actor(client)
    response = anonymous.get(f"/v1/actors/{actor['id']}")
    assert response.status_code == 200
    assert response.json()["name"] == actor["name"]


def test_closed_reads_need_a_key(anonymous: TestClient, client: TestClient, closed_reads: None) -> None:
    assert_401(anonymous.get("/v1/actors"))
    assert client.get("/v1/actors").status_code == 200
    assert anonymous.get("/healthz").json() == {"status": "ok"}  # probes have no key


@pytest.mark.parametrize(
    "header",
    ["Bearer iak_00000000_not-a-real-key-at-all", "Bearer ", "Basic dXNlcjpwYXNz", "iak_12345678_x"],
)
def test_a_bad_key_is_401_even_on_open_reads(anonymous: TestClient, header: str) -> None:
    assert_401(anonymous.get("/v1/actors", headers={"Authorization": header}), "invalid_token")


def test_reader_may_read_but_not_write(anonymous: TestClient, sessions: sessionmaker[Any]) -> None:
    _row, secret = make_key(sessions, "reader")
    assert anonymous.get("/v1/actors", headers=bearer(secret)).status_code == 200
    body = assert_problem(anonymous.post("/v1/actors", json=ACTOR, headers=bearer(secret)), 403)
    assert body["detail"] == "writing needs the editor role; this key has the reader role"
    assert "WWW-Authenticate" not in anonymous.post("/v1/actors", json=ACTOR, headers=bearer(secret)).headers


def test_editor_writes_and_history_records_the_key(
    anonymous: TestClient, sessions: sessionmaker[Any]
) -> None:
    row, secret = make_key(sessions, "editor")
    created = anonymous.post("/v1/actors", json=ACTOR, headers=bearer(secret))
    assert created.status_code == 201
    actor_id = created.json()["id"]
    patched = anonymous.patch(
        f"/v1/actors/{actor_id}", json={"description": "x"}, headers={**bearer(secret), "If-Match": '"1"'}
    )
    assert patched.status_code == 200
    history = anonymous.get(f"/v1/actors/{actor_id}/history").json()["items"]
    assert [(h["action"], h["key_id"]) for h in history] == [("create", str(row.id)), ("update", str(row.id))]
    assert history[0]["request_id"] == created.headers["X-Request-ID"]


def test_cascade_delete_needs_admin(
    anonymous: TestClient, client: TestClient, sessions: sessionmaker[Any]
) -> None:
    actor = make_actor(client)
    make_statement(client, actor["id"])
    _row, editor = make_key(sessions, "editor")
    path = f"/v1/actors/{actor['id']}"
    body = assert_problem(anonymous.delete(path, params={"cascade": "true"}, headers=bearer(editor)), 403)
    assert body["detail"] == "a cascading delete needs the admin role; this key has the editor role"
    assert_problem(anonymous.delete(path, headers=bearer(editor)), 409)  # a plain delete is allowed, refused
    assert client.delete(path, params={"cascade": "true"}).status_code == 204  # `client` holds an admin key
    assert_problem(client.get(path), 404)


def test_editor_may_delete_without_cascade(anonymous: TestClient, sessions: sessionmaker[Any]) -> None:
    _row, editor = make_key(sessions, "editor")
    source = anonymous.post(
        "/v1/sources", json={"title": "T", "text": "Some text."}, headers=bearer(editor)
    ).json()
    response = anonymous.delete(
        f"/v1/sources/{source['id']}", params={"cascade": "false"}, headers=bearer(editor)
    )
    assert response.status_code == 204


def test_expired_key_is_401(anonymous: TestClient, sessions: sessionmaker[Any]) -> None:
    row, secret = make_key(sessions, "editor", expires_in_days=1)
    assert anonymous.get("/v1/actors", headers=bearer(secret)).status_code == 200
    with sessions() as session:
        key = session.get(ApiKey, row.id)
        assert key is not None
        key.expires_at = utcnow() - timedelta(seconds=1)
        session.commit()
    body = assert_401(anonymous.get("/v1/actors", headers=bearer(secret)), "invalid_token")
    assert body["detail"] == "the API key is expired"


def test_revoked_key_is_401_at_once(anonymous: TestClient, sessions: sessionmaker[Any]) -> None:
    row, secret = make_key(sessions, "admin")
    assert anonymous.post("/v1/actors", json=ACTOR, headers=bearer(secret)).status_code == 201
    with sessions() as session:
        key = session.get(ApiKey, row.id)
        assert key is not None
        key.revoked_at = utcnow()
        session.commit()
    body = assert_401(anonymous.post("/v1/actors", json=ACTOR, headers=bearer(secret)), "invalid_token")
    assert body["detail"] == "the API key is revoked"


def test_last_used_at_is_recorded_at_most_once_a_minute(
    anonymous: TestClient, sessions: sessionmaker[Any]
) -> None:
    row, secret = make_key(sessions, "reader")
    assert row.last_used_at is None

    def last_used() -> Any:
        with sessions() as session:
            return session.scalar(select(ApiKey.last_used_at).where(ApiKey.id == row.id))

    anonymous.get("/v1/actors", headers=bearer(secret))
    first = last_used()
    assert first is not None
    assert utcnow() - first < timedelta(seconds=30)
    anonymous.get("/v1/actors", headers=bearer(secret))
    assert last_used() == first


def test_openapi_declares_the_bearer_scheme(anonymous: TestClient) -> None:
    schema = anonymous.get("/openapi.json").json()
    assert schema["components"]["securitySchemes"]["HTTPBearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["HTTPBearer"]["description"],
    }
    post = schema["paths"]["/v1/actors"]["post"]
    assert post["security"] == [{"HTTPBearer": []}]
    assert {"401", "403"} <= post["responses"].keys()
    assert schema["paths"]["/v1/actors"]["get"]["security"] == [{}, {"HTTPBearer": []}]


def test_cli_creates_lists_and_revokes_keys(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setattr(get_settings(), "database_url", url)
    assert cli(["migrate"]) == 0
    assert cli(["keys", "create", "--role", "editor", "--name", "newsroom", "--expires-in-days", "30"]) == 0
    secret = capsys.readouterr().out.strip()
    assert secret.startswith("iak_")
    assert cli(["keys", "list"]) == 0
    listing = capsys.readouterr().out
    assert secret not in listing
    line = next(line for line in listing.splitlines() if "newsroom" in line)
    key_id, prefix, role, state = line.split()[:4]
    assert (prefix, role, state) == (secret[:12], "editor", "active")
    assert cli(["keys", "revoke", key_id]) == 0
    capsys.readouterr()
    assert cli(["keys", "list"]) == 0
    assert " revoked " in capsys.readouterr().out


def test_bootstrap_admin_key_is_made_once(anonymous: TestClient, sessions: sessionmaker[Any]) -> None:
    secret = "a-long-random-bootstrap-secret-for-tests"
    ensure_bootstrap_key(sessions, secret)
    ensure_bootstrap_key(sessions, secret)
    with sessions() as session:
        rows = session.scalars(select(ApiKey).where(ApiKey.key_hash == hash_key(secret))).all()
    assert [(r.name, r.role) for r in rows] == [("bootstrap-admin", "admin")]
    # Its first characters are part of the secret: it is listed by a piece of its hash.
    assert rows[0].prefix == "h:" + hash_key(secret)[:10]
    assert anonymous.post("/v1/actors", json=ACTOR, headers=bearer(secret)).status_code == 201
    listed = anonymous.get("/v1/keys", headers=bearer(secret)).json()["items"]
    assert [k["prefix"] for k in listed] == [rows[0].prefix]


def test_keys_over_http_are_for_admins(
    client: TestClient, anonymous: TestClient, sessions: sessionmaker[Any]
) -> None:
    _row, editor = make_key(sessions, "editor")
    assert_problem(anonymous.get("/v1/keys", headers=bearer(editor)), 403)
    assert_401(anonymous.get("/v1/keys"))
    made = client.post("/v1/keys", json={"name": "field team", "role": "reader", "expires_in_days": 7})
    assert made.status_code == 201
    body = made.json()
    assert body["key"].startswith(body["prefix"])
    assert (body["role"], body["state"], body["revoked_at"]) == ("reader", "active", None)
    assert made.headers["Location"].endswith(f"/v1/keys/{body['id']}")
    assert anonymous.get("/v1/actors", headers=bearer(body["key"])).status_code == 200
    listed = client.get("/v1/keys").json()["items"]
    assert body["id"] in [k["id"] for k in listed]
    assert all("key" not in k and "key_hash" not in k for k in listed)
    revoked = client.post(f"/v1/keys/{body['id']}/revoke")
    assert revoked.status_code == 200
    assert revoked.json()["state"] == "revoked"
    assert client.get(f"/v1/keys/{body['id']}").json()["state"] == "revoked"
    assert_401(anonymous.get("/v1/actors", headers=bearer(body["key"])), "invalid_token")


def test_a_key_cannot_revoke_itself(client: TestClient) -> None:
    mine = next(k for k in client.get("/v1/keys").json()["items"] if k["name"] == "test-admin")
    body = assert_problem(client.post(f"/v1/keys/{mine['id']}/revoke"), 409)
    assert "cannot revoke itself" in body["detail"]


def test_a_replayed_key_creation_does_not_reveal_the_secret(client: TestClient) -> None:
    headers = {"Idempotency-Key": "make-a-key"}
    first = client.post("/v1/keys", json={"name": "once", "role": "editor"}, headers=headers)
    again = client.post("/v1/keys", json={"name": "once", "role": "editor"}, headers=headers)
    assert first.json()["key"].startswith("iak_")
    assert again.status_code == 201
    assert again.json() == {**first.json(), "key": None}


def test_a_short_bootstrap_key_stops_serve_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pydantic import SecretStr

    from app.settings import get_settings

    monkeypatch.setattr(get_settings(), "bootstrap_admin_key", SecretStr("abc"))
    assert cli(["serve"]) == 2
    assert capsys.readouterr().err == "BOOTSTRAP_ADMIN_KEY must be at least 24 characters long\n"


def test_the_keys_list_pages_and_a_key_has_an_etag(client: TestClient) -> None:
    """Paged like every list (`limit`, `cursor`, `Link`); a key's ETag is a digest of what it shows,
    so it changes when the key does and `If-None-Match` revalidates it."""
    made = [client.post("/v1/keys", json={"name": f"k{i}", "role": "reader"}).json() for i in range(3)]
    seen, url = [], "/v1/keys?limit=2"
    while url:
        page = client.get(url)
        assert page.status_code == 200
        seen += [k["id"] for k in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        url = f"/v1/keys?limit=2&cursor={cursor}" if cursor else ""
    assert len(seen) == len(set(seen))
    assert {k["id"] for k in made} <= set(seen)
    assert_problem(
        client.get("/v1/actors", params={"cursor": client.get("/v1/keys?limit=1").json()["next_cursor"]}), 400
    )
    one = client.get(f"/v1/keys/{made[0]['id']}")
    tag = one.headers["ETag"]
    assert client.get(f"/v1/keys/{made[0]['id']}", headers={"If-None-Match": tag}).status_code == 304
    revoked = client.post(f"/v1/keys/{made[0]['id']}/revoke")
    assert revoked.headers["ETag"] != tag
