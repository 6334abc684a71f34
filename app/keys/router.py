"""Key management over HTTP, for admins: list, make (the secret is shown once), look at, revoke."""

import hashlib
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from app.auth import ApiKey, Caller, Role, create_key, require_admin
from app.db import SessionDep, utcnow
from app.errors import Conflict, NotFound
from app.pagination import keyset, link_next, list_scope, split_page
from app.schemas import Name, OutTimestamp

router = APIRouter(prefix="/v1/keys", tags=["keys"])
AdminDep = Annotated[Caller, Depends(require_admin)]
SORT = "created_at"


class KeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "newsroom frontend", "role": "editor", "expires_in_days": 90}]
        },
    )

    name: Annotated[Name, Field(max_length=100, description="Who or what holds the key.")]
    role: Role
    expires_in_days: int | None = Field(None, ge=1, le=3650, description="Omit for a key that never expires.")


KEY_EXAMPLE: dict[str, Any] = {
    "id": "5b0f9d3e-4c1a-4f43-9a59-2f4e8d0c7b21",
    "name": "newsroom frontend",
    "role": "editor",
    "prefix": "iak_3f9a0c2d",
    "created_at": "2024-01-05T09:30:00Z",
    "last_used_at": None,
    "expires_at": "2024-04-04T09:30:00Z",
    "revoked_at": None,
    "state": "active",
}


class KeyRead(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={"examples": [KEY_EXAMPLE]},
    )

    id: uuid.UUID
    name: str
    role: Role
    prefix: str = Field(
        description="What tells keys apart: the first 12 characters of a key the service made (they are "
        "not secret), or `h:` and a piece of the hash of one chosen by hand."
    )
    created_at: OutTimestamp
    last_used_at: OutTimestamp | None
    expires_at: OutTimestamp | None
    revoked_at: OutTimestamp | None
    state: str = Field(description="active, expired or revoked")


class KeyCreated(KeyRead):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{**KEY_EXAMPLE, "key": "iak_3f9a0c2d_" + "x" * 43}]}
    )

    key: str | None = Field(
        description="The secret, shown in this response only (null when an Idempotency-Key replays it)."
    )


class KeyPage(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [KEY_EXAMPLE], "next_cursor": None}]})

    items: list[KeyRead]
    next_cursor: str | None = None


class KeyQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    limit: int = Field(50, ge=1, le=500, description="Page size, 1 to 500.")
    cursor: str | None = Field(None, description="`next_cursor` of the previous page (opaque).")


def _keyed(response: Response, key: KeyRead) -> KeyRead:
    """A key has no version column: its ETag is a digest of what it shows (for `If-None-Match`)."""
    response.headers["ETag"] = f'"{hashlib.sha256(key.model_dump_json().encode()).hexdigest()[:16]}"'
    return key


def _read_row(row: ApiKey) -> KeyRead:
    now = utcnow()
    return KeyRead.model_validate(
        {c: getattr(row, c) for c in KeyRead.model_fields if c != "state"} | {"state": row.state(now)}
    )


@router.get(
    "",
    summary="List API keys (admin)",
    description="Every key, oldest first, paged like every list (`limit`, `cursor`); never the secrets.",
)
def list_keys(
    _admin: AdminDep,
    session: SessionDep,
    request: Request,
    response: Response,
    query: Annotated[KeyQuery, Query()],
) -> KeyPage:
    scope = list_scope(request)
    stmt = keyset(
        select(ApiKey),
        ApiKey.__table__.c.created_at,
        ApiKey.id,
        sort=SORT,
        limit=query.limit,
        cursor=query.cursor,
        scope=scope,
    )
    rows, next_cursor = split_page(
        session.scalars(stmt).all(), query.limit, SORT, lambda row: (row.created_at, row.id), scope=scope
    )
    link_next(request, response, next_cursor)
    return KeyPage(items=[_read_row(r) for r in rows], next_cursor=next_cursor)


@router.post(
    "",
    status_code=201,
    summary="Make an API key (admin)",
    description="Returns the secret once, in `key`; only its hash is kept.",
)
def create(
    _admin: AdminDep, session: SessionDep, body: KeyCreate, request: Request, response: Response
) -> KeyCreated:
    row, secret = create_key(session, name=body.name, role=body.role, expires_in_days=body.expires_in_days)
    response.headers["Location"] = str(request.url_for("get_key", key_id=row.id))
    _keyed(response, _read_row(row))
    return KeyCreated(**_read_row(row).model_dump(), key=secret)


@router.get(
    "/{key_id}",
    name="get_key",
    summary="Look at an API key (admin)",
    description="The key's name, role, prefix and state (active, expired or revoked); never its secret.",
)
def get_key(_admin: AdminDep, session: SessionDep, response: Response, key_id: uuid.UUID) -> KeyRead:
    row = session.get(ApiKey, key_id)
    if row is None:
        raise NotFound(f"no API key with id {key_id}")
    return _keyed(response, _read_row(row))


@router.post(
    "/{key_id}/revoke",
    summary="Revoke an API key (admin)",
    description="Takes effect on the next request; the key's record stays, for the history. Revoking a "
    "revoked key changes nothing. A key cannot revoke itself (409), so an admin cannot lock themselves "
    "out by mistake; use the command line for that.",
)
def revoke(admin: AdminDep, session: SessionDep, response: Response, key_id: uuid.UUID) -> KeyRead:
    row = session.get(ApiKey, key_id, with_for_update=True)
    if row is None:
        raise NotFound(f"no API key with id {key_id}")
    if row.id == admin.key_id:
        raise Conflict("a key cannot revoke itself; revoke it with another admin key or the command line")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
    return _keyed(response, _read_row(row))
