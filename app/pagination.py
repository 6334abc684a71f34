"""Keyset pagination with signed, opaque cursors, and the list envelope every list shares.

A cursor is good for one list only, the one that made it (`list_scope`: `/v1/incidents`, or
`/v1/incidents/{id}/statements` of one incident): its signature covers that list's name, so a
cursor sent to another list fails to verify and is a 400, like a tampered one. It also names the
sort it was made for (and, in relevance order, its `q`: `CrudService.ordering`).
"""

import base64
import hashlib
import hmac
import uuid
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Generic, TypeVar
from urllib.parse import parse_qsl, urlencode

import orjson
from fastapi import Request, Response
from pydantic import BaseModel
from sqlalchemy import ColumnElement, Select, tuple_

from app.errors import BadRequest
from app.settings import get_settings

T = TypeVar("T")

INVALID_CURSOR = "the cursor is invalid or was made for another list or query; start again without it"


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None
    total: int | None = None


def _sign(payload: bytes, scope: str) -> bytes:
    """The signature of a cursor's payload for one list: the list's name is signed, not carried."""
    message = scope.encode() + b"\n" + payload
    return hmac.new(get_settings().secret_key.encode(), message, hashlib.sha256).digest()[:16]


def list_scope(request: Request) -> str:
    """The list a request pages, as cursors are bound to it: its route's path with the path's
    parameters filled in (ids written canonically), e.g. `/v1/actors/<id>/incidents`; the query
    string is not part of it (filters may change between pages, the position stays meaningful)."""
    route = request.scope.get("route")
    template = getattr(route, "path_format", None)
    if template is None:
        return request.url.path
    return str(template).format(**{name: _canonical(value) for name, value in request.path_params.items()})


def _canonical(value: Any) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(value)


def encode_cursor(sort: str, value: Any, row_id: uuid.UUID, *, scope: str) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    payload = orjson.dumps([sort, value, str(row_id)])
    return base64.urlsafe_b64encode(_sign(payload, scope) + payload).rstrip(b"=").decode()


def column_value(key: ColumnElement[Any]) -> Callable[[Any], Any]:
    """How a cursor's sort value, read back from its JSON, becomes `key`'s Python type again."""
    python_type = key.type.python_type

    def read(value: Any) -> Any:
        if python_type is datetime:
            return datetime.fromisoformat(value)
        if value is not None and not isinstance(value, python_type):
            return python_type(value)
        return value

    return read


def decode_cursor(
    cursor: str, sort: str, read_value: Callable[[Any], Any], *, scope: str
) -> tuple[Any, uuid.UUID]:
    """The (sort value, id) a cursor points after, the value as `read_value` makes it (see
    `column_value`); anything tampered, or made by another list (`scope`) or for another sort, is
    a 400."""
    try:
        if len(cursor) > 4096:
            raise ValueError("longer than any cursor we make")
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        signature, payload = raw[:16], raw[16:]
        if not hmac.compare_digest(signature, _sign(payload, scope)):
            raise ValueError("bad signature, or made by another list")
        cursor_sort, value, row_id = orjson.loads(payload)
        if cursor_sort != sort:
            raise ValueError("cursor was made for another sort")
        return read_value(value), uuid.UUID(row_id)
    except Exception as exc:
        raise BadRequest(INVALID_CURSOR) from exc


def keyset(
    stmt: Select[Any],
    key: ColumnElement[Any],
    id_column: Any,
    *,
    sort: str,
    limit: int,
    cursor: str | None,
    scope: str,
) -> Select[Any]:
    """`stmt` ordered by (key, id) in the sort's direction, starting after the cursor, one row extra."""
    descending = sort.startswith("-")
    if cursor is not None:
        value, row_id = decode_cursor(cursor, sort, column_value(key), scope=scope)
        pair = tuple_(key, id_column)
        stmt = stmt.where(pair < tuple_(value, row_id) if descending else pair > tuple_(value, row_id))
    order = (key.desc(), id_column.desc()) if descending else (key.asc(), id_column.asc())
    return stmt.order_by(*order).limit(limit + 1)


def split_page(
    rows: Sequence[T], limit: int, sort: str, key_of: Any, *, scope: str
) -> tuple[Sequence[T], str | None]:
    """The page and the cursor of the next one (None on the last page), for the list `scope`."""
    if len(rows) <= limit:
        return rows, None
    last = rows[limit - 1]
    value, row_id = key_of(last)
    return rows[:limit], encode_cursor(sort, value, row_id, scope=scope)


def page_body(items: list[Any], next_cursor: str | None, total: int | None) -> dict[str, Any]:
    """The list envelope; `total` only when it was asked for (a plain page never counts)."""
    body: dict[str, Any] = {"items": items, "next_cursor": next_cursor}
    if total is not None:
        body["total"] = total
    return body


def link_next(request: Request, response: Response, next_cursor: str | None) -> None:
    """`Link: <this URL with cursor=next_cursor>; rel="next"`. The query is rebuilt from the raw
    query string, as Starlette's `include_query_params` would (`cursor` moves last), without its
    two further URL parses: they were a sixth of a list request's CPU outside the database."""
    if next_cursor is not None:
        base = str(request.url).partition("?")[0]
        pairs = parse_qsl(request.scope.get("query_string", b"").decode(), keep_blank_values=True)
        query = urlencode([*(p for p in pairs if p[0] != "cursor"), ("cursor", next_cursor)])
        response.headers["Link"] = f'<{base}?{query}>; rel="next"'
