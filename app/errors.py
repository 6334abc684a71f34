"""RFC 9457 problem details: every error the API returns has this one shape."""

import json
import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("app.errors")

PROBLEM_JSON = "application/problem+json"
# SQLSTATEs of a transaction the database rolled back because of another one: deadlock_detected,
# serialization_failure.
CONCURRENT_WRITES = frozenset({"40P01", "40001"})


class Problem(Exception):
    """An error that knows its HTTP status; raised by services and rendered as problem+json."""

    status = 400
    title = "Bad request"

    def __init__(self, detail: str, *, headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = headers
        self.extra = extra


class Unauthorized(Problem):
    """No usable API key; carries `WWW-Authenticate` (RFC 6750)."""

    status, title = 401, "Unauthorized"


class Forbidden(Problem):
    status, title = 403, "Forbidden"


class NotFound(Problem):
    status, title = 404, "Not found"


class Conflict(Problem):
    status, title = 409, "Conflict"


class PreconditionFailed(Problem):
    status, title = 412, "Precondition failed"


class PreconditionRequired(Problem):
    status, title = 428, "Precondition required"


class Unprocessable(Problem):
    """A body that parses but breaks a rule; `field` names the offending field."""

    status, title = 422, "Validation failed"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}", errors=[{"field": field, "message": message}])


class BadRequest(Problem):
    status, title = 400, "Bad request"


class ServiceUnavailable(Problem):
    status, title = 503, "Service unavailable"


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_JSON

    def render(self, content: Any) -> bytes:
        # Messages may echo a field name the client sent, and that may hold a lone surrogate, which
        # UTF-8 cannot encode: replace it rather than fail with a 500 while reporting a 422.
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode(
            "utf-8", "replace"
        )


def problem(
    request: Request,
    status: int,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": f"/problems/{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    request_id = getattr(request.state, "request_id", None)
    if request_id is not None:
        body.setdefault("request_id", request_id)
    return ProblemResponse(body, status_code=status, headers=headers)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts)


_NAMED_RULE = re.compile(r"^(?:Value error, )?([a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*): (.+)$", re.S)


def validation_errors(raw: list[Any]) -> list[dict[str, str]]:
    """Pydantic's errors as {field, message}. A rule spanning fields (a model validator) names
    the field it blames by starting its message with `field: `; that becomes the field."""
    errors = []
    for error in raw:
        field = _field(error.get("loc", ()))
        message = str(error.get("msg", "invalid"))
        if error.get("type") == "json_invalid":
            # Its location is the character where parsing stopped, not a field.
            reason = (error.get("ctx") or {}).get("error", "")
            field, message = (
                "body",
                f"is not valid JSON ({reason} at character {field})" if reason else message,
            )
        named = _NAMED_RULE.match(message)
        if named is not None:
            prefix = field if field not in ("body", "query", "path", "header") else ""
            field = f"{prefix}.{named.group(1)}" if prefix else named.group(1)
            message = named.group(2)
        elif message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        errors.append({"field": field, "message": message})
    return errors


_STATUS_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Validation failed",
    429: "Too many requests",
    503: "Service unavailable",
}


def _allowed_methods(request: Request) -> list[str]:
    """Every method any route serves at this path: Starlette's 405 names only the first route's."""
    from fastapi.routing import iter_route_contexts
    from starlette.routing import compile_path

    methods: set[str] = set()
    for route in iter_route_contexts(request.app.routes):
        if route.path_format is None or not route.methods:
            continue
        regex, _format, _convertors = compile_path(route.path_format)
        if regex.match(request.url.path):
            methods |= set(route.methods)
    if "GET" in methods:
        methods.add("HEAD")  # app.middleware answers HEAD as a GET
    return sorted(methods) or ["GET"]


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        return problem(request, exc.status, exc.title, exc.detail, headers=exc.headers, **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> Response:
        errors = validation_errors(list(exc.errors()))
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5]) or "invalid request"
        return problem(request, 422, "Validation failed", detail, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError | RecursionError):
            # FastAPI's answer to a body json.loads cannot read (bad UTF-8, nesting too deep): the
            # same class of error as malformed JSON, which it reports as 422.
            message = "the body is not valid JSON in UTF-8"
            return problem(
                request, 422, "Validation failed", message, errors=[{"field": "body", "message": message}]
            )
        title = _STATUS_TITLES.get(exc.status_code, "Error")
        detail = exc.detail if isinstance(exc.detail, str) else title
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            headers = {**(headers or {}), "Allow": ", ".join(allowed)}
            detail = f"{request.method} is not allowed here; use {', '.join(allowed)}"
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"no route matches {request.url.path}"
        return problem(request, exc.status_code, title, detail, headers=headers)

    @app.exception_handler(StaleDataError)
    async def _stale(request: Request, exc: StaleDataError) -> Response:
        return problem(
            request, 412, "Precondition failed", "the resource was changed by another request; fetch it again"
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> Response:
        # Services check references and uniqueness first; this catches the race between two writers.
        log.warning("integrity error: %s", exc.orig.__class__.__name__)
        return problem(request, 409, "Conflict", "the change conflicts with existing data")

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> Response:
        # A value the schemas let through but the database refuses (a NUL byte, a number out of its
        # range): the client's input, so 422, with no SQL in the answer.
        log.warning("database refused a value: %s", exc.orig.__class__.__name__)
        return problem(request, 422, "Validation failed", "a value is not acceptable to the database")

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)  # a connection the server closed under us
    @app.exception_handler(PoolTimeoutError)
    async def _db_down(request: Request, exc: Exception) -> Response:
        if getattr(getattr(exc, "orig", None), "sqlstate", None) in CONCURRENT_WRITES:
            # PostgreSQL chose this transaction to break a deadlock (or a serialization conflict):
            # the database is up, nothing was written, and the same request can simply be sent again.
            log.warning("transaction rolled back by the database: %s", type(exc.orig).__name__)  # type: ignore[attr-defined]
            return problem(
                request,
                409,
                "Conflict",
                "a concurrent change to the same records got in the way; nothing was written, send it again",
                headers={"Retry-After": "1"},
            )
        if "database is locked" in str(getattr(exc, "orig", "")):
            # SQLite: other writers held the file's write lock for longer than its busy timeout.
            log.warning("database busy: the write lock was not free in time")
            return problem(
                request,
                503,
                "Service unavailable",
                "the database is busy with other writes; nothing was written, send it again shortly",
                headers={"Retry-After": "1"},
            )
        log.error("database unavailable: %s", type(exc).__name__)
        return problem(
            request,
            503,
            "Service unavailable",
            "the database is unavailable; retry shortly",
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(DBAPIError)
    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        request_id = getattr(request.state, "request_id", None)
        log.exception(
            "unhandled error on %s %s",
            request.method,
            request.url.path,
            extra={"fields": {"request_id": request_id}},
        )
        return problem(
            request, 500, "Internal server error", "an unexpected error occurred; it has been logged"
        )
