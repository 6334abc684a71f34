"""The ASGI application: `create_app()` wires the routers, errors and middleware."""

import gc
import logging
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from sqlalchemy.orm import Session, sessionmaker
from starlette.datastructures import Headers
from starlette.types import Receive, Scope, Send

from app import auth, errors, idempotency, openapi
from app.actors.router import router as actors_router
from app.casualties.router import router as casualties_router
from app.db import make_engine, make_sessions, read_limiter
from app.health import head_revisions
from app.health import router as health_router
from app.incidents.router import router as incidents_router
from app.ingest.router import router as ingest_router
from app.keys.router import router as keys_router
from app.limits import BodyLimitMiddleware
from app.middleware import RequestContextMiddleware, configure_logging
from app.request_checks import check_request
from app.settings import get_settings
from app.sources.router import router as sources_router
from app.statements.router import router as statements_router
from app.stats.router import router as stats_router

DESCRIPTION = """
Record what happened in an attack or a crisis (**incidents**), who was involved and how (**actors**
and their roles), what they said (**statements**, quoted verbatim) and how many were hurt
(**casualty reports**), with every claim tied to the exact words of its **source**.

* Lists are keyset-paginated: follow `next_cursor` (or the `Link: rel="next"` header).
* Every error is `application/problem+json` (RFC 9457).
* `PATCH` is JSON Merge Patch (RFC 7396); send `If-Match` with the `ETag` you read.
"""

TAGS = [
    {"name": "sources", "description": "Documents the records come from, kept verbatim."},
    {
        "name": "incidents",
        "description": "Events, in ACLED's vocabulary, with actors and the current casualty figure.",
    },
    {"name": "actors", "description": "Parties: states, groups, people, missions."},
    {"name": "statements", "description": "What actors said: direct quotes and paraphrases."},
    {"name": "casualty reports", "description": "One source's count at one time."},
    {
        "name": "statistics",
        "description": "Counts and casualty sums per month, week, country, type or actor.",
    },
    {
        "name": "ingest",
        "description": "An article and its curated annotation become records (dry run first).",
    },
    {"name": "health", "description": "Liveness and readiness probes."},
    {"name": "keys", "description": "API keys (admin only): make, list, revoke."},
]


def create_app(sessions: sessionmaker[Session] | None = None) -> FastAPI:
    settings = get_settings()
    logging.basicConfig(level=settings.log_level.upper())
    configure_logging(settings.log_level)
    if sessions is None:
        sessions = make_sessions(make_engine(settings.database_url))
    app = FastAPI(
        title="Incidents API",
        version="1.0.0",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        # Every route resolves the caller first: a bad key is 401 even on open reads. Then the
        # request's shape: unknown or repeated query parameters, a body that is not JSON.
        dependencies=[Depends(auth.authenticate), Depends(check_request)],
    )
    app.state.sessions = sessions
    app.state.read_limiter = read_limiter(sessions.kw["bind"].dialect.name)
    app.state.migration_heads = head_revisions()
    errors.install(app)
    for router in (sources_router, incidents_router, actors_router, statements_router, casualties_router):
        app.include_router(router)
    app.include_router(stats_router)
    app.include_router(ingest_router)
    app.include_router(health_router)
    app.include_router(keys_router)
    auth.document_openapi(app)
    openapi.install(app)
    idempotency.install(app, settings.idempotency_ttl_hours)
    if settings.cors_origins:
        app.add_middleware(
            ProblemCORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "HEAD", "POST", "PATCH", "DELETE", "OPTIONS"],
            allow_headers=["*"],
            expose_headers=[
                "ETag",
                "Location",
                "Link",
                "X-Request-ID",
                "X-Sync-Watermark",
                "Idempotent-Replayed",
                "Retry-After",
            ],
        )
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware)
    return app


class ProblemCORSMiddleware(CORSMiddleware):
    """Starlette's CORS, with a refused preflight (a foreign origin, method or header) answered as
    a problem document like every other error, not a line of plain text."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope) if scope["type"] == "http" else Headers()
        if (
            scope.get("method") == "OPTIONS"
            and "origin" in headers
            and "access-control-request-method" in headers
        ):
            refused = self.preflight_response(request_headers=headers)
            if refused.status_code == 400:
                body = bytes(refused.body).decode()  # "Disallowed CORS origin, method"
                cors = {
                    k: v for k, v in refused.headers.items() if k not in ("content-length", "content-type")
                }
                await errors.problem(Request(scope), 400, "Bad request", body, headers=cors)(
                    scope, receive, send
                )
                return
        await super().__call__(scope, receive, send)


def app_factory() -> Any:
    app = create_app()
    bootstrap = get_settings().bootstrap_admin_key
    if bootstrap:
        auth.ensure_bootstrap_key(app.state.sessions, bootstrap.get_secret_value())
    # What startup built (FastAPI's routes and schemas, SQLAlchemy's metadata, pydantic's validators)
    # lives as long as the process: frozen, the cycle collector stops walking it on every full
    # collection. Those walks were the list's slowest requests: p99 90-105 ms became 25-33 ms under
    # `wrk -c8` with one worker, and by id 51-56 ms became 10-12 ms (side by side, bench/README.md).
    gc.collect()
    gc.freeze()
    return app
