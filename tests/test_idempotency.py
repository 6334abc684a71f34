"""Idempotency-Key on POST: replay, reuse with another body, expiry, per-key owners."""

import hashlib
import time
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import sessionmaker

from app import idempotency
from app.db import utcnow
from app.idempotency import IdempotencyRecord
from tests.conftest import make_key

ACTOR = {"name": "Border Police", "kind": "security_force", "country_code": "IQ"}


def actor_count(client: TestClient) -> int:
    return len(client.get("/v1/actors", params={"limit": 500}).json()["items"])


def test_same_key_and_body_replays_the_first_response(client: TestClient) -> None:
    headers = {"Idempotency-Key": "create-border-police-1"}
    first = client.post("/v1/actors", json=ACTOR, headers=headers)
    assert first.status_code == 201
    second = client.post("/v1/actors", json=ACTOR, headers=headers)
    assert second.status_code == 201
    assert second.json() == first.json()
    for name in ("Location", "ETag", "Content-Type"):
        assert second.headers[name] == first.headers[name]
    assert second.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert actor_count(client) == 1


def test_same_key_with_another_body_is_422(client: TestClient) -> None:
    headers = {"Idempotency-Key": "k-2"}
    assert client.post("/v1/actors", json=ACTOR, headers=headers).status_code == 201
    response = client.post("/v1/actors", json={**ACTOR, "name": "Other"}, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["errors"][0]["field"] == "Idempotency-Key"
    assert "another request" in body["detail"]
    # ...and on another path too
    other = client.post("/v1/sources", json={"title": "T", "text": "x"}, headers=headers)
    assert other.status_code == 422
    assert actor_count(client) == 1


def test_without_a_key_every_post_acts(client: TestClient) -> None:
    assert client.post("/v1/actors", json=ACTOR).status_code == 201
    assert client.post("/v1/actors", json=ACTOR).status_code == 201
    assert actor_count(client) == 2


def test_client_errors_are_replayed_too(client: TestClient) -> None:
    headers = {"Idempotency-Key": "bad-body"}
    bad = {"name": "X", "kind": "alien"}
    first = client.post("/v1/actors", json=bad, headers=headers)
    assert first.status_code == 422
    second = client.post("/v1/actors", json=bad, headers=headers)
    assert second.status_code == 422
    assert second.json() == first.json()
    assert second.headers["Idempotent-Replayed"] == "true"


def test_an_invalid_key_is_422(client: TestClient) -> None:
    for key in ("", "has space", "x" * 256):
        response = client.post("/v1/actors", json=ACTOR, headers={"Idempotency-Key": key})
        assert response.status_code == 422, key
        assert response.json()["errors"] == [
            {"field": "Idempotency-Key", "message": "must be 1 to 255 visible ASCII characters"}
        ]
    assert actor_count(client) == 0


def test_expired_keys_act_again(client: TestClient, sessions: sessionmaker[Any]) -> None:
    headers = {"Idempotency-Key": "old"}
    first = client.post("/v1/actors", json=ACTOR, headers=headers).json()
    with sessions() as session:
        record = session.scalars(select(IdempotencyRecord).where(IdempotencyRecord.key == "old")).one()
        assert record.expires_at - record.created_at == timedelta(hours=24)
        session.execute(update(IdempotencyRecord).values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    second = client.post("/v1/actors", json=ACTOR, headers=headers)
    assert second.status_code == 201
    assert second.json()["id"] != first["id"]
    assert "Idempotent-Replayed" not in second.headers
    assert actor_count(client) == 2


def test_keys_belong_to_their_api_key(
    client: TestClient, anonymous: TestClient, sessions: sessionmaker[Any]
) -> None:
    _row, other = make_key(sessions, "editor")
    headers = {"Idempotency-Key": "shared-name"}
    mine = client.post("/v1/actors", json=ACTOR, headers=headers).json()
    theirs = anonymous.post(
        "/v1/actors", json=ACTOR, headers={**headers, "Authorization": f"Bearer {other}"}
    ).json()
    assert mine["id"] != theirs["id"]


def test_unauthorised_requests_store_nothing(anonymous: TestClient, sessions: sessionmaker[Any]) -> None:
    headers = {"Idempotency-Key": "anon"}
    assert anonymous.post("/v1/actors", json=ACTOR, headers=headers).status_code == 401
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(IdempotencyRecord)) == 0


def test_a_failed_write_leaves_no_claim(client: TestClient, sessions: sessionmaker[Any]) -> None:
    """A 409 from the service rolls back with the claim; the stored answer is the 409 itself."""
    source = {"title": "T", "text": "Same text."}
    assert client.post("/v1/sources", json=source).status_code == 201
    headers = {"Idempotency-Key": "dup-source"}
    first = client.post("/v1/sources", json=source, headers=headers)
    assert first.status_code == 409
    with sessions() as session:
        record = session.scalars(select(IdempotencyRecord).where(IdempotencyRecord.key == "dup-source")).one()
        assert record.status == 409


def test_expired_keys_are_purged(
    client: TestClient, sessions: sessionmaker[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    client.post("/v1/actors", json=ACTOR, headers={"Idempotency-Key": "stale"})
    with sessions() as session:
        session.execute(update(IdempotencyRecord).values(expires_at=utcnow() - timedelta(seconds=1)))
        session.commit()
    monkeypatch.setattr(idempotency, "_last_purge", float("-inf"))
    client.post("/v1/actors", json={**ACTOR, "name": "Fresh"}, headers={"Idempotency-Key": "fresh"})
    with sessions() as session:
        keys = session.scalars(select(IdempotencyRecord.key)).all()
    assert keys == ["fresh"]


def test_a_claim_whose_response_was_lost_is_409_not_a_second_write(
    client: TestClient, sessions: sessionmaker[Any]
) -> None:
    """The write committed with its claim, then the database went away before the response was kept."""
    body = b'{"name": "Border Police", "kind": "security_force"}'
    owner = next(k["id"] for k in client.get("/v1/keys").json()["items"] if k["name"] == "test-admin")
    long_ago = utcnow() - timedelta(minutes=5)
    with sessions() as session:
        session.add(
            IdempotencyRecord(
                key="orphan",
                owner=owner,
                method="POST",
                path="/v1/actors",
                body_sha256=hashlib.sha256(body).hexdigest(),
                created_at=long_ago,
                expires_at=long_ago + timedelta(hours=24),
            )
        )
        session.commit()
    started = time.monotonic()
    response = client.post(
        "/v1/actors", content=body, headers={"Idempotency-Key": "orphan", "content-type": "application/json"}
    )
    assert response.status_code == 409
    assert "response was not kept" in response.json()["detail"]
    assert time.monotonic() - started < 2  # no waiting for a response that will never come
    assert actor_count(client) == 0
