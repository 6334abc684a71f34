"""Access control: API keys, roles, and the dependencies that routes declare.

A key is shown once, when it is made, and stored only as its SHA-256: keys are 32 random bytes, so
a fast hash is enough (nothing to brute-force), and the comparison is constant-time. A key we make
starts with a public part (`iak_` and 8 hex characters) that indexes the lookup; `keys list` shows
it so a person can tell keys apart. A key chosen by hand (`BOOTSTRAP_ADMIN_KEY`) has no public
part: its first characters are secret, so it is indexed and shown by a piece of its hash instead
(`lookup_prefix`). Roles are ordered: reader < editor < admin.
"""

import enum
import hashlib
import hmac
import logging
import re
import secrets
import sys
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import String, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column, sessionmaker
from starlette.concurrency import run_in_threadpool

from app.db import Base, enum_column, utcnow
from app.errors import Forbidden, Unauthorized
from app.settings import get_settings

log = logging.getLogger("app.auth")

KEY_PREFIX = "iak_"
PREFIX_LEN = 12  # "iak_" + 8 hex characters
MIN_KEY_LEN = 24
LAST_USED_EVERY = timedelta(minutes=1)
# Probes stay open even when reads are closed: a load balancer has no key.
PUBLIC_PATHS = frozenset({"/healthz", "/readyz"})


class Role(enum.StrEnum):
    reader = "reader"
    editor = "editor"
    admin = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(enum_column(Role, "api_key_role"))
    prefix: Mapped[str] = mapped_column(String(PREFIX_LEN), index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column()
    expires_at: Mapped[datetime | None] = mapped_column()
    revoked_at: Mapped[datetime | None] = mapped_column()

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= now:
            return "expired"
        return "active"


@dataclass(frozen=True)
class Caller:
    """Who made the request: the key's id (recorded in history), name and role."""

    key_id: uuid.UUID
    name: str
    role: Role


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


def new_key() -> str:
    return f"{KEY_PREFIX}{secrets.token_hex(4)}_{secrets.token_urlsafe(32)}"


_PUBLIC_HEAD = re.compile(rf"{KEY_PREFIX}[0-9a-f]{{8}}")  # as `new_key` starts them


def lookup_prefix(secret: str) -> str:
    """What a key is found by and listed as: the public head of a key `new_key` made, else a piece
    of its hash (the head of a hand-chosen key is part of the secret)."""
    if _PUBLIC_HEAD.fullmatch(secret[:PREFIX_LEN]):
        return secret[:PREFIX_LEN]
    return "h:" + hash_key(secret)[: PREFIX_LEN - 2]


def create_key(
    session: Session, *, name: str, role: Role, expires_in_days: int | None = None, key: str | None = None
) -> tuple[ApiKey, str]:
    """Store a new key (hashed) and return it with the secret, which is never stored or shown again."""
    secret = key if key is not None else new_key()
    if len(secret) < MIN_KEY_LEN:
        raise ValueError(f"an API key must be at least {MIN_KEY_LEN} characters long")
    now = utcnow()
    row = ApiKey(
        name=name,
        role=role,
        prefix=lookup_prefix(secret),
        key_hash=hash_key(secret),
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days is not None else None,
    )
    session.add(row)
    session.flush()
    return row, secret


def find_key(session: Session, secret: str) -> ApiKey | None:
    """The stored key matching `secret`, whatever its state; compared in constant time."""
    presented = hash_key(secret)
    found = None
    for row in session.scalars(select(ApiKey).where(ApiKey.prefix == lookup_prefix(secret))):
        # No early exit: every candidate costs the same comparison.
        if hmac.compare_digest(row.key_hash, presented):
            found = row
    return found


def ensure_bootstrap_key(sessions: sessionmaker[Session], secret: str) -> None:
    """Make `BOOTSTRAP_ADMIN_KEY` a usable admin key, once; a revoked one stays revoked."""
    try:
        with sessions() as session, session.begin():
            session.connection(execution_options={"sqlite_immediate": True})
            row = find_key(session, secret)
            if row is None:
                create_key(session, name="bootstrap-admin", role=Role.admin, key=secret)
                log.info("created the bootstrap admin key from BOOTSTRAP_ADMIN_KEY")
            elif row.revoked_at is not None:
                log.warning("BOOTSTRAP_ADMIN_KEY names a revoked key; it stays revoked")
    except IntegrityError:
        pass  # another worker process made it at the same moment


bearer = HTTPBearer(
    auto_error=False,
    description="An API key: `Authorization: Bearer <key>`. Make one with "
    "`python -m app keys create --role editor --name NAME`.",
)

_CHALLENGE = 'Bearer realm="incidents"'


def _invalid(detail: str) -> Unauthorized:
    return Unauthorized(detail, headers={"WWW-Authenticate": f'{_CHALLENGE}, error="invalid_token"'})


def _touch(session: Session, row: ApiKey, now: datetime) -> None:
    """Record use at most once a minute per key, so reads do not each become writes."""
    if row.last_used_at is not None and now - row.last_used_at < LAST_USED_EVERY:
        return
    # A write of its own: upgrading the read transaction would fail on SQLite under concurrent writers.
    session.rollback()
    session.connection(execution_options={"sqlite_immediate": True})
    session.execute(
        update(ApiKey)
        .where(ApiKey.id == row.id)
        .where((ApiKey.last_used_at.is_(None)) | (ApiKey.last_used_at < now - LAST_USED_EVERY))
        .values(last_used_at=now)
    )


async def authenticate(
    request: Request,
    _credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller | None:
    """Resolve the caller from `Authorization`; a key that is present must be valid, even on reads.

    `_credentials` is declared so that OpenAPI (and Swagger UI's Authorize button) know the scheme;
    the header is parsed here because a non-Bearer scheme must be a 401, not an anonymous request.
    """
    request.state.key_id = None
    if request.scope["path"] in PUBLIC_PATHS:
        return None  # probes answer the same to anyone, and must not depend on the key table
    header = request.headers.get("authorization")
    if header is None:
        if not get_settings().open_reads:
            raise Unauthorized(
                "an API key is required: send `Authorization: Bearer <key>`",
                headers={"WWW-Authenticate": _CHALLENGE},
            )
        return None
    scheme, _, secret = header.partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        raise _invalid("the Authorization header must be `Bearer <key>`")
    # Async so that anonymous reads skip the thread hop; only the key lookup needs a thread.
    caller = await run_in_threadpool(_resolve, request.app.state.sessions, secret)
    request.state.key_id = caller.key_id
    return caller


def _resolve(sessions: sessionmaker[Session], secret: str) -> Caller:
    now = utcnow()
    with sessions() as session:
        row = find_key(session, secret)
        state = row.state(now) if row is not None else "unknown"
        if row is None or state != "active":
            raise _invalid("the API key is unknown" if row is None else f"the API key is {state}")
        caller = Caller(key_id=row.id, name=row.name, role=row.role)
        _touch(session, row, now)
        session.commit()
    return caller


CallerDep = Annotated[Caller | None, Depends(authenticate)]


def _demand(caller: Caller | None, role: Role, action: str) -> Caller:
    if caller is None:
        raise Unauthorized(
            f"{action} needs an API key with the {role} role: send `Authorization: Bearer <key>`",
            headers={"WWW-Authenticate": _CHALLENGE},
        )
    if caller.role.rank < role.rank:
        raise Forbidden(f"{action} needs the {role} role; this key has the {caller.role} role")
    return caller


def require(role: Role, action: str = "this operation") -> Any:
    """A dependency that lets through only callers with `role` or above."""

    async def dependency(caller: CallerDep) -> Caller:  # async: no thread for a comparison
        return _demand(caller, role, action)

    dependency.required_role = role  # type: ignore[attr-defined]  # read by document_openapi
    return dependency


require_editor = require(Role.editor, "writing")
require_admin = require(Role.admin, "key management")

_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})


async def require_admin_for_cascade(request: Request, caller: CallerDep) -> None:
    """`?cascade=true` deletes need the `admin` role.

    The query parameter is read raw because the route itself declares and validates `cascade`;
    declaring it here too would list it twice in OpenAPI.
    """
    if request.query_params.get("cascade", "").lower() in _TRUE:
        _demand(caller, Role.admin, "a cascading delete")


def _required_role(dependant: Any) -> Role | None:
    """The role a route demands, found among its dependencies (see `require`)."""
    found: Role | None = getattr(dependant.call, "required_role", None)
    for sub in dependant.dependencies:
        role = _required_role(sub)
        if role is not None and (found is None or role.rank > found.rank):
            found = role
    return found


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


PROBLEM_SCHEMA = {
    "title": "Problem",
    "description": "RFC 9457 problem details.",
    "type": "object",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "request_id": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
}


def _errors_of(path: str, method: str, role: Role | None) -> list[tuple[str, str]]:
    """The error statuses an operation can answer, so clients (and schemathesis) know them all."""
    errors = [
        ("400", "A malformed cursor or header"),
        ("401", "No API key where one is needed, or a bad one"),
        ("422", "Invalid parameters or body"),
        ("503", "The database is unavailable; retry"),
    ]
    if "{" in path:
        errors.append(("404", "No such record"))
    if role is not None:
        errors.append(("403", f"The API key lacks the {role} role"))
    if method != "GET":
        errors.append(("409", "Conflicts with existing data, or the Idempotency-Key is in use"))
    if method in ("PATCH", "DELETE", "PUT") or (method == "POST" and "{" in path):
        errors.append(("412", "`If-Match` does not match the current version"))
    if method in ("POST", "PUT", "PATCH"):
        errors.append(("413", "The body is over the size limit"))
    return errors


def document_openapi(app: FastAPI) -> None:
    """Tell OpenAPI which operations need which role, and the answers every operation may give.

    Operations that need no role declare the bearer scheme as optional (`{}` first) while reads
    are open, so Swagger UI and schema-driven clients know a key is accepted but not required.
    """
    from fastapi.routing import APIRoute, iter_route_contexts

    from app import idempotency

    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
        open_reads = get_settings().open_reads
        for route in iter_route_contexts(app.routes):
            path = route.path_format
            if not isinstance(route.original_route, APIRoute) or not route.include_in_schema or path is None:
                continue
            role = _required_role(route.dependant)
            for method in route.methods or ():
                operation = schema["paths"].get(path, {}).get(method.lower())
                if operation is None:
                    continue
                responses = operation.setdefault("responses", {})
                if route.path_format in PUBLIC_PATHS or (role is None and open_reads):
                    operation["security"] = [{}, {"HTTPBearer": []}]
                content = operation.get("requestBody", {}).get("content", {})
                if (
                    content.get("application/merge-patch+json") == {"schema": {}}
                    and "application/json" in content
                ):
                    # The same model parses both media types; say so, or fuzzers send anything.
                    content["application/merge-patch+json"] = content["application/json"]
                for status, description in _errors_of(path, method, role):
                    responses.setdefault(status, _problem_response(description))
                for status, response in responses.items():
                    if status[0] in "45" and "content" in response:
                        response["content"] = _problem_response("")["content"]
        idempotency.document(schema)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


# --- command line: `python -m app keys create|list|revoke` ---


def add_key_arguments(parser: Any) -> None:
    sub = parser.add_subparsers(dest="keys_command", required=True)
    create = sub.add_parser("create", help="make a key and print it (once: only its hash is kept)")
    create.add_argument("--role", choices=[r.value for r in Role], required=True)
    create.add_argument("--name", required=True, help="who or what holds it, e.g. 'newsroom-editor'")
    create.add_argument("--expires-in-days", type=int, default=None)
    sub.add_parser("list", help="list keys (prefix, role, state; never the key)")
    revoke = sub.add_parser("revoke", help="revoke a key by its id; takes effect at once")
    revoke.add_argument("id", type=uuid.UUID)


def keys_command(args: Any) -> int:
    from alembic import command

    from app.db import make_engine, make_sessions
    from app.health import alembic_config

    url = get_settings().database_url
    # A fresh checkout may make its first key before the first `migrate` or `make run`.
    command.upgrade(alembic_config(url), "head")
    engine = make_engine(url)
    sessions = make_sessions(engine)
    try:
        with sessions() as session, session.begin():
            session.connection(execution_options={"sqlite_immediate": True})
            if args.keys_command == "create":
                if not 1 <= len(args.name) <= 100:
                    print("--name must be 1 to 100 characters")
                    return 2
                if args.expires_in_days is not None and args.expires_in_days < 1:
                    print("--expires-in-days must be at least 1")
                    return 2
                row, secret = create_key(
                    session, name=args.name, role=Role(args.role), expires_in_days=args.expires_in_days
                )
                print(secret)
                print(
                    f"id {row.id}, role {row.role}; store the key now: it is not shown again", file=sys.stderr
                )
            elif args.keys_command == "list":
                now = utcnow()
                print(f"{'id':36}  {'prefix':12}  {'role':6}  {'state':7}  {'last used':20}  name")
                for row in session.scalars(select(ApiKey).order_by(ApiKey.created_at)):
                    used = row.last_used_at.strftime("%Y-%m-%dT%H:%M:%SZ") if row.last_used_at else "never"
                    state = row.state(now)
                    print(f"{row.id!s:36}  {row.prefix:12}  {row.role:6}  {state:7}  {used:20}  {row.name}")
            else:
                key = session.get(ApiKey, args.id)
                if key is None:
                    print(f"no key with id {args.id}")
                    return 1
                if key.revoked_at is None:
                    key.revoked_at = utcnow()
                print(f"revoked {key.id} ({key.name})")
    finally:
        engine.dispose()
    return 0
