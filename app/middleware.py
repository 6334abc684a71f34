"""The outermost layer of every request: request id, one JSON log line, security headers, last-resort 500.

Pure ASGI (shaped like Starlette's GZipMiddleware) so it sees every response, including the 413s
that app.limits sends before FastAPI runs and errors no handler caught.
"""

import json
import logging
import re
import sys
import time
import uuid
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.etag import none_match

log = logging.getLogger("app.request")

REQUEST_ID = re.compile(r"^[A-Za-z0-9._:\-]{1,64}$")

# Swagger UI and ReDoc load their scripts and styles from jsDelivr and run a small inline script.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
    "https://cdn.redoc.ly; connect-src 'self'; worker-src blob:; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"
DOCS_PATHS = ("/docs", "/redoc")

BASE_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]


class JsonFormatter(logging.Formatter):
    """One JSON object per line; `extra={"fields": {...}}` adds keys."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: str) -> None:
    """JSON lines on stderr for the app's loggers; idempotent, so tests may build many apps."""
    logger = logging.getLogger("app")
    logger.setLevel(level.upper())
    if not any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
        logger.propagate = False
    JsonFormatter.converter = time.gmtime


_CONTROL = re.compile(rb"[\x00-\x1f\x7f]")


def _bad_text(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return True
    # In UTF-8 every byte of a multi-byte character is >= 0x80: the bytes alone tell.
    return _CONTROL.search(raw) is not None


def _bad_query(query_string: bytes) -> str | None:
    """Query strings must be UTF-8 without control characters (a NUL would reach the database):
    None when it is, else the parameter that is not ("query" when its name itself is bad)."""
    if not _bad_text(unquote_to_bytes(query_string.replace(b"+", b" "))):
        return None
    for pair in query_string.split(b"&"):
        name, _, value = (unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"="))
        if _bad_text(value) and not _bad_text(name):
            return name.decode()
    return "query"


def _problem(status: int, title: str, detail: str, path: str, request_id: str, **extra: Any) -> bytes:
    return json.dumps(
        {
            "type": f"/problems/{title.lower().replace(' ', '-')}",
            "title": title,
            "status": status,
            "detail": detail,
            "instance": path,
            "request_id": request_id,
            **extra,
        }
    ).encode()


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        supplied = None
        if_none_match = None
        for name, value in scope.get("headers", []):
            if name == b"x-request-id":
                supplied = value.decode("latin-1")
            elif name == b"if-none-match":
                if_none_match = value
        request_id = supplied if supplied and REQUEST_ID.match(supplied) else uuid.uuid4().hex
        state = scope.setdefault("state", {})
        state["request_id"] = request_id
        path: str = scope.get("path", "")
        docs = path.startswith(DOCS_PATHS) or path == "/openapi.json"
        status = 500
        response_started = False
        # HEAD is GET without the body (RFC 9110 9.3.2); FastAPI's routes answer GET only. The
        # headers, Content-Length and ETag included, are the GET's.
        head = scope["method"] == "HEAD"
        inner_scope = {**scope, "method": "GET"} if head else scope
        state["head"] = head  # so that an export need not render what HEAD would throw away

        not_modified = False

        async def send_with_headers(message: Message) -> None:
            nonlocal status, response_started, not_modified
            if (head or not_modified) and message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                headers = list(message.get("headers", []))
                if if_none_match is not None and status == 200 and scope["method"] in ("GET", "HEAD"):
                    tag = next((value for name, value in headers if name.lower() == b"etag"), None)
                    if tag is not None and none_match(if_none_match, tag):
                        # RFC 9110 13.1.2: the client's copy is current; same headers, no body.
                        status, not_modified = 304, True
                        drop = (b"content-length", b"content-type")
                        headers = [(name, value) for name, value in headers if name.lower() not in drop]
                        message = {**message, "status": 304}
                present = {name.lower() for name, _ in headers}
                headers += [h for h in BASE_HEADERS if h[0] not in present]
                headers.append((b"x-request-id", request_id.encode()))
                if b"content-security-policy" not in present:
                    headers.append((b"content-security-policy", (DOCS_CSP if docs else API_CSP).encode()))
                if b"cache-control" not in present and not docs:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        try:
            bad_parameter = _bad_query(scope.get("query_string", b""))
            if bad_parameter is not None:
                message = "must be UTF-8 text without control characters"
                await self._send_problem(
                    send_with_headers,
                    422,
                    "Validation failed",
                    f"{bad_parameter}: {message}",
                    path,
                    request_id,
                    errors=[{"field": bad_parameter, "message": message}],
                )
            else:
                await self.app(inner_scope, receive, send_with_headers)
        except Exception:
            # Nothing below caught it: log it with the request id, answer a plain 500 problem. The
            # client learns the request id, never the exception.
            log.exception(
                "unhandled error",
                extra={"fields": {"request_id": request_id, "method": scope.get("method"), "path": path}},
            )
            if not response_started:
                await self._send_problem(
                    send_with_headers,
                    500,
                    "Internal server error",
                    "an unexpected error occurred; quote the request id when reporting it",
                    path,
                    request_id,
                )
        finally:
            log.info(
                "request",
                extra={
                    "fields": {
                        "request_id": request_id,
                        "method": scope.get("method"),
                        "path": path,
                        "status": status,
                        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                        "key_id": str(state["key_id"]) if state.get("key_id") else None,
                        "client": (scope.get("client") or ("", 0))[0],
                    }
                },
            )

    @staticmethod
    async def _send_problem(
        send: Send, status: int, title: str, detail: str, path: str, rid: str, **extra: Any
    ) -> None:
        body = _problem(status, title, detail, path, rid, **extra)
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"application/problem+json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
