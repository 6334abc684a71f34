"""`Idempotency-Key` on POST: a retried request replays the first response instead of acting twice.

Everything lives in the database, so it holds across workers and restarts:

1. The middleware reads the body (bounded by app.limits) and hashes it.
2. In the request's own transaction (a hook run by `app.db.get_session`), the key is claimed by
   inserting its row, under a unique (owner, key) constraint. The claim therefore commits or rolls
   back with the write itself: a request that failed (a 503 while the database was down) leaves no
   claim behind and can be retried, and one that committed can never run again. A concurrent
   request with the same key blocks on the unique index (PostgreSQL) or the write lock (SQLite)
   and then finds the key taken.
3. After the response, the middleware stores its status, `Location`, `ETag`, `Content-Type` and
   body on the row, in a transaction of its own. A request that found the key taken waits briefly
   for that and replays it (else 409); a later one replays it at once.

The same key with another method, path or body is 422. Keys belong to the API key that sent them
and expire after `IDEMPOTENCY_TTL_HOURS` (24 by default). 5xx, 401, 403 and 429 answers are not
stored, so the retry runs again.
"""

import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.responses import Response
from sqlalchemy import BigInteger, Integer, LargeBinary, String, UniqueConstraint, delete, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.db import Base, JSONType, utcnow
from app.errors import Conflict, Problem

log = logging.getLogger("app.idempotency")

HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII, as Stripe and the IETF draft allow
REPLAYED_HEADERS = ("location", "etag", "content-type")
NOT_STORED = frozenset({401, 403, 408, 429})
# Responses holding a secret are stored without it: a replay of `POST /v1/keys` has `"key": null`.
SECRET_FIELDS = {"/v1/keys": "key"}
ANONYMOUS = ""  # owner of keys sent without an API key; a NULL would escape the unique constraint
PURGE_EVERY = 600.0  # seconds
STALE_CLAIM = timedelta(minutes=1)  # longer than any request may take
WAIT_FOR_FIRST = 3.0  # seconds a concurrent duplicate waits for the first response before a 409


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("owner", "key"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    key: Mapped[str] = mapped_column(String(255))
    owner: Mapped[str] = mapped_column(String(36))  # the API key's id, or "" without one
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(2048))
    body_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(Integer)  # NULL: claimed, response not stored yet
    headers: Mapped[Any | None] = mapped_column(JSONType)
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class KeyReused(Problem):
    status, title = 422, "Validation failed"


class KeyInProgress(Conflict):
    pass


class Replay(Exception):
    """Raised by the claim when the key already has a stored response; rendered as that response."""

    def __init__(self, record: IdempotencyRecord) -> None:
        super().__init__(record.key)
        self.record = record


def replay_response(record: IdempotencyRecord) -> Response:
    headers = {name: value for name, value in record.headers or []}
    headers["Idempotent-Replayed"] = "true"
    media_type = headers.pop("content-type", None)
    return Response(
        record.body or b"", status_code=record.status or 200, headers=headers, media_type=media_type
    )


@dataclass
class Claim:
    key: str
    method: str
    path: str
    body_sha256: str
    ttl: timedelta
    outcome: str | None = None  # claimed, replayed, reused, busy, lost
    owner: str = ANONYMOUS
    record: IdempotencyRecord | None = field(default=None, repr=False)

    def matches(self, record: IdempotencyRecord) -> bool:
        return (record.method, record.path, record.body_sha256) == (self.method, self.path, self.body_sha256)

    def reused(self, record: IdempotencyRecord) -> KeyReused:
        self.outcome = "reused"
        message = (
            f"this {HEADER} was used for another request ({record.method} {record.path} with another body)"
        )
        return KeyReused(message, errors=[{"field": HEADER, "message": message}])

    def new_record(self, now: datetime) -> IdempotencyRecord:
        """This request's row, not answered yet (`status` None), kept for the key's lifetime."""
        return IdempotencyRecord(
            key=self.key,
            owner=self.owner,
            method=self.method,
            path=self.path,
            body_sha256=self.body_sha256,
            created_at=now,
            expires_at=now + self.ttl,
        )

    def find(self, session: Session) -> IdempotencyRecord | None:
        return session.scalars(
            select(IdempotencyRecord).where(
                IdempotencyRecord.owner == self.owner, IdempotencyRecord.key == self.key
            )
        ).one_or_none()

    def __call__(self, session: Session) -> None:
        """Claim the key in the request's transaction (see the module docstring)."""
        key_id = session.info.get("key_id")
        self.owner = str(key_id) if key_id else ANONYMOUS
        now = utcnow()
        record = self.find(session)
        if record is not None and record.expires_at <= now:
            session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.id == record.id))
            record = None
        if record is not None:
            if not self.matches(record):
                raise self.reused(record)
            if record.status is None and now - record.created_at > STALE_CLAIM:
                # Its write committed (the claim commits with it) but the response was never stored:
                # the database went away in between. Running it again would write twice.
                self.outcome = "lost"
                raise KeyInProgress(
                    f"the request with this {HEADER} was carried out but its response was not kept; "
                    "look the record up instead of retrying"
                )
            if record.status is None:
                self.outcome = "busy"
                raise KeyInProgress(f"a request with this {HEADER} is in progress; retry shortly")
            self.outcome = "replayed"
            raise Replay(record)
        record = self.new_record(now)
        session.add(record)
        try:
            session.flush()
        except IntegrityError:
            # A concurrent request with the same key committed its claim first.
            self.outcome = "busy"
            raise KeyInProgress(f"a request with this {HEADER} is in progress; retry shortly") from None
        self.outcome = "claimed"


def _store(
    sessions: sessionmaker[Session], claim: Claim, status: int, headers: list[list[str]], body: bytes
) -> None:
    try:
        with sessions() as session, session.begin():
            session.connection(execution_options={"sqlite_immediate": True})
            record = claim.find(session)
            now = utcnow()
            if record is None:
                # Nothing was claimed: the request failed validation or never opened a session.
                record = claim.new_record(now)
                session.add(record)
            elif record.status is not None or not claim.matches(record):
                return
            record.status, record.headers, record.body = status, headers, body
            _purge_expired(session, now)
    except IntegrityError:
        pass  # a concurrent twin stored first; its response stands


_last_purge = float("-inf")  # never: time.monotonic() starts near 0 when the host boots


def _purge_expired(session: Session, now: datetime) -> None:
    """Drop expired keys now and then (at most every 10 minutes per process), in the same write."""
    global _last_purge
    if time.monotonic() - _last_purge < PURGE_EVERY:
        return
    _last_purge = time.monotonic()
    session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.expires_at <= now))


def _lookup(sessions: sessionmaker[Session], claim: Claim) -> IdempotencyRecord | None:
    with sessions() as session:
        return claim.find(session)


def _problem_bytes(status: int, title: str, detail: str, path: str, **extra: Any) -> bytes:
    body = {"type": f"/problems/{title.lower().replace(' ', '-')}", "title": title, "status": status}
    body.update(detail=detail, instance=path, **extra)
    return json.dumps(body).encode()


class IdempotencyMiddleware:
    def __init__(self, app: ASGIApp, ttl_hours: int) -> None:
        self.app = app
        self.ttl = timedelta(hours=ttl_hours)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        key = None
        for name, value in scope.get("headers", []):
            if name == b"idempotency-key":
                key = value.decode("latin-1")
        if key is None:
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if not KEY_PATTERN.match(key):
            message = "must be 1 to 255 visible ASCII characters"
            body = _problem_bytes(
                422,
                "Validation failed",
                f"{HEADER}: {message}",
                path,
                errors=[{"field": HEADER, "message": message}],
            )
            await _send(send, 422, [(b"content-type", b"application/problem+json")], body)
            return

        chunks = []
        while True:
            received = await receive()
            if received["type"] == "http.disconnect":
                return
            chunks.append(received.get("body", b""))
            if not received.get("more_body", False):
                break
        request_body = b"".join(chunks)
        query = scope.get("query_string", b"").decode("latin-1")
        claim = Claim(
            key=key,
            method="POST",
            path=f"{path}?{query}" if query else path,
            body_sha256=hashlib.sha256(request_body).hexdigest(),
            ttl=self.ttl,
        )
        state = scope.setdefault("state", {})
        state.setdefault("session_hooks", []).append(claim)

        delivered = False

        async def replay_receive() -> Message:
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": request_body, "more_body": False}
            return await receive()

        start: Message = {}
        parts: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))

        await self.app(scope, replay_receive, capture)
        status: int = start.get("status", 500)
        response_headers: list[tuple[bytes, bytes]] = list(start.get("headers", []))
        response_body = b"".join(parts)
        sessions = scope["app"].state.sessions
        claim.owner = str(state["key_id"]) if state.get("key_id") else claim.owner

        if claim.outcome == "busy":
            record = await self._wait_for_first(sessions, claim)
            if record is not None:
                if not claim.matches(record):
                    problem = claim.reused(record)
                    body = _problem_bytes(422, problem.title, problem.detail, path, **problem.extra)
                    await _send(send, 422, [(b"content-type", b"application/problem+json")], body)
                    return
                replayed = replay_response(record)
                await replayed(scope, receive, send)
                return
        elif claim.outcome in (None, "claimed") and status < 500 and status not in NOT_STORED:
            kept = [[n.decode("latin-1"), v.decode("latin-1")] for n, v in response_headers]
            kept = [[n.lower(), v] for n, v in kept if n.lower() in REPLAYED_HEADERS]
            stored = _without_secret(path, response_body)
            try:
                await run_in_threadpool(_store, sessions, claim, status, kept, stored)
            except SQLAlchemyError as exc:
                # The write itself committed; only its replay is lost, and the claim still stops a rerun.
                log.error("could not store the idempotent response: %s", type(exc).__name__)
        await _send(send, status, response_headers, response_body, raw=True)

    @staticmethod
    async def _wait_for_first(sessions: sessionmaker[Session], claim: Claim) -> IdempotencyRecord | None:
        waited = 0.0
        while waited < WAIT_FOR_FIRST:
            try:
                record = await run_in_threadpool(_lookup, sessions, claim)
            except SQLAlchemyError:
                return None
            if record is not None and (record.status is not None or not claim.matches(record)):
                return record
            await anyio.sleep(0.05)
            waited += 0.05
        return None


def _without_secret(path: str, body: bytes) -> bytes:
    field = SECRET_FIELDS.get(path)
    if field is None:
        return body
    try:
        data = json.loads(body)
    except ValueError:
        return body
    if isinstance(data, dict) and field in data:
        data[field] = None
    return json.dumps(data).encode()


async def _send(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes, *, raw: bool = False
) -> None:
    if not raw:
        headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def document(schema: dict[str, Any]) -> None:
    """Declare the header on every POST in the OpenAPI document."""
    parameter = {
        "name": HEADER,
        "in": "header",
        "required": False,
        "description": "Optional. Any unique string (a UUID is best). A retry with the same key and body "
        "replays the first response; the same key with another body is 422. Kept for "
        "`IDEMPOTENCY_TTL_HOURS` (24 by default).",
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[\\x21-\\x7e]+$"},
    }
    for item in schema.get("paths", {}).values():
        operation = item.get("post")
        if operation is not None:
            names = {p.get("name") for p in operation.get("parameters", [])}
            if HEADER not in names:
                operation.setdefault("parameters", []).append(parameter)


def install(app: FastAPI, ttl_hours: int) -> None:
    @app.exception_handler(Replay)
    async def _replay(_request: Request, exc: Replay) -> Response:
        return replay_response(exc.record)

    app.add_middleware(IdempotencyMiddleware, ttl_hours=ttl_hours)
