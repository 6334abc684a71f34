"""Liveness and readiness probes."""

from pathlib import Path
from typing import Any

from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text

router = APIRouter(tags=["health"])

ROOT = Path(__file__).resolve().parent.parent


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    if url is not None:
        config.attributes["database_url"] = url
    return config


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


@router.get(
    "/healthz",
    summary="Liveness: the process is up",
    description="200 whenever the process answers; it does not touch the database (see `/readyz`).",
    response_model=dict[str, str],
    responses={200: {"content": {"application/json": {"example": {"status": "ok"}}}}},
)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness: database reachable and migrations at head",
    description="200 when the database answers and its schema is at the latest migration, else 503.",
    responses={
        200: {"content": {"application/json": {"example": {"status": "ok", "migration": ["0005"]}}}},
        503: {"description": "Not ready"},
    },
    response_model=dict[str, Any],
)
def readyz(request: Request) -> Any:
    heads = request.app.state.migration_heads
    try:
        with request.app.state.sessions() as session:
            conn = session.connection()
            conn.execute(text("SELECT 1"))
            current = set(MigrationContext.configure(conn).get_current_heads())
    except Exception:
        return JSONResponse(
            {"status": "unavailable", "detail": "the database is unreachable"},
            status_code=503,
        )
    if current != heads:
        return JSONResponse(
            {
                "status": "migrating",
                "detail": "the database schema is not at the latest migration",
                "current": sorted(current),
                "expected": sorted(heads),
            },
            status_code=503,
        )
    return {"status": "ok", "migration": sorted(current)}
