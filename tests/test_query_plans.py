"""On a table of realistic size, PostgreSQL answers the list, a filtered list and search from indexes."""

import random
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event, insert, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.incidents.models import Incident
from app.pagination import keyset
from app.search import INCIDENTS
from tests.conftest import BACKENDS, committed_postgresql

SIZE = 20_000
COUNTRIES = ["IQ", "SY", "YE", "LB", "AF", "SO", "ML", "NG", "UA", "SD", "LY", "PK", "MM", "ET", "CD"]
WORDS = [f"word{n}" for n in range(300)] + ["rocket", "shelling", "ambush", "protest", "airstrike"]


def incident_rows(size: int = SIZE) -> list[dict[str, Any]]:
    rng = random.Random(7)
    start = datetime(2021, 1, 1, tzinfo=UTC)
    rows: list[dict[str, Any]] = []
    for _ in range(size):
        when = start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
        rows.append(
            {
                "id": uuid.uuid4(),
                "title": " ".join(rng.choice(WORDS) for _ in range(6)),
                "summary": " ".join(rng.choice(WORDS) for _ in range(30)),
                "event_type": "Battles",
                "disorder_type": "Political violence",
                "occurred_at": when,
                "occurred_at_precision": "day",
                "country_code": rng.choice(COUNTRIES),
                "latitude": rng.uniform(-30, 50),
                "longitude": rng.uniform(-20, 80),
                "status": "reported",
                "claim_status": "unknown",
                "killed_best": rng.choice([None, 0, 1, 2, 5, 20]),
                "tags": [],
                "casualty_report_ids": [],
                "statement_count": 0,
                "version": 1,
                "created_at": when,
                "updated_at": when,
            }
        )
    return rows


def load(session: Session, rows: list[dict[str, Any]]) -> None:
    session.execute(insert(Incident), rows)  # fast: bypasses the ORM, so documents are written here
    session.execute(
        insert(INCIDENTS.table),
        [{"owner_id": r["id"], "document": f"{r['title']}\n{r['summary']}"} for r in rows],
    )
    session.execute(text("ANALYZE incidents"))
    session.execute(text(f"ANALYZE {INCIDENTS.table.name}"))
    session.execute(text(f"ANALYZE {INCIDENTS.table.name}_terms"))


@pytest.fixture
def big(sessions: sessionmaker[Session], backend: str) -> Iterator[Session]:
    if backend != "postgresql":
        pytest.skip("query plans are checked on PostgreSQL; SQLite's planner is not what production runs")
    with sessions() as session:
        load(session, incident_rows())
        yield session


def plan_of(
    client: TestClient, engine: Engine, session: Session, params: dict[str, Any], table: str = "incidents"
) -> str:
    """EXPLAIN of the first statement the list endpoint runs on `table` (the page query itself)."""
    seen: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, *args: Any) -> None:
        if statement.lstrip().startswith("SELECT") and f"FROM {table}" in statement:
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        response = client.get("/v1/incidents", params=params)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert response.status_code == 200, response.text
    statement, parameters = seen[0]
    rows = session.connection().exec_driver_sql("EXPLAIN " + statement, parameters).all()
    return "\n".join(r[0] for r in rows)


def test_list_filters_and_search_use_indexes(engine: Engine, big: Session, client: TestClient) -> None:
    # the main list: sort -occurred_at, limit 51
    plan = plan_of(client, engine, big, {"limit": 50})
    assert "Seq Scan on incidents" not in plan, plan
    assert "ix_incidents_occurred_at_id" in plan, plan

    # country and a date range
    params = {
        "country_code": "IQ",
        "occurred_after": "2022-03-01T00:00:00Z",
        "occurred_before": "2022-04-01T00:00:00Z",
    }
    plan = plan_of(client, engine, big, params)
    assert "Seq Scan on incidents" not in plan, plan
    assert "ix_incidents_country_code_occurred_at_id" in plan, plan

    # full-text search: q alone ranks on the terms table; with a filter it joins incidents
    plan = plan_of(client, engine, big, {"q": "rocket ambush"}, table="incident_search_terms")
    assert "Seq Scan" not in plan, plan
    assert "ix_incident_search_terms_tsv" in plan, plan
    plan = plan_of(client, engine, big, {"q": "rocket ambush", "country_code": "IQ"})
    assert "Seq Scan on incidents" not in plan, plan
    assert "ix_incident_search_terms_tsv" in plan, plan
    # narrowed to a few rows by other filters, it looks up just their terms, by owner
    narrow = {
        "q": "rocket",
        "country_code": "IQ",
        "occurred_after": "2022-03-01",
        "occurred_before": "2022-03-08",
    }
    plan = plan_of(client, engine, big, narrow)
    assert "Seq Scan" not in plan, plan
    assert "uq_incident_search_terms_owner_id" in plan, plan
    # The query is selected FROM plainto_tsquery, so it is computed once: inline, the generic plan
    # of the prepared statement (used after five runs) parsed it again for every matching row.
    sent: list[str] = []

    def capture(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", capture)
    try:
        client.get("/v1/incidents", params={"q": "rocket ambush"})
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    ranked = next(sql for sql in sent if "ts_rank" in sql)
    assert re.search(r"JOIN plainto_tsquery\(.*\) AS query ON true", ranked), ranked
    assert "@@ query" in ranked
    body = client.get("/v1/incidents", params={"q": "rocket ambush", "limit": 5}).json()
    assert len(body["items"]) == 5
    assert all("rocket" in i["title"] + i["summary"] for i in body["items"])


def test_filtered_page_reads_only_the_index_once_vacuumed(tmp_path: Path) -> None:
    """Country, dates and a bounding box: the page's ids come from the sort index alone, which
    carries the coordinates (migration 0005), once VACUUM has marked the pages all-visible (the
    importer runs it; autovacuum does after API writes)."""
    if "postgresql" not in BACKENDS:
        pytest.skip("PostgreSQL's plans")
    with committed_postgresql(tmp_path) as (engine, sessions, client):
        with sessions() as session:
            load(session, incident_rows())
            session.commit()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql("VACUUM (ANALYZE) incidents")
        params = {
            "country_code": "IQ",
            "occurred_after": "2022-03-01T00:00:00Z",
            "occurred_before": "2023-04-01T00:00:00Z",
            "bbox": "-20,-30,30,20",
        }
        with sessions() as session:
            plan = plan_of(client, engine, session, params)
            assert "Index Only Scan Backward using ix_incidents_country_code_occurred_at_id" in plan, plan
            plan = plan_of(client, engine, session, {k: v for k, v in params.items() if k != "country_code"})
            assert "Index Only Scan Backward using ix_incidents_occurred_at_id" in plan, plan


@pytest.mark.parametrize("resource", ["incidents", "actors", "statements", "casualty-reports", "sources"])
def test_every_sort_of_every_list_reads_an_index_not_a_sort(
    backend: str, sessions: Any, resource: str
) -> None:
    """A page in any offered order, either direction, comes from an index on its sort key (with the
    id as its tie-break, or an incremental sort over the key's ties), never from sorting the whole
    table: PostgreSQL is told sorting costs the earth, and still must not sort."""
    if backend != "postgresql":
        pytest.skip("EXPLAIN plans are PostgreSQL's")
    from app.actors.service import actors
    from app.casualties.service import casualty_reports
    from app.incidents.service import incidents
    from app.sources.service import sources
    from app.statements.service import statements

    services = [incidents, actors, statements, casualty_reports, sources]
    service = next(s for s in services if s.resource == resource)
    with sessions() as session:
        session.execute(text("SET LOCAL enable_sort = off"))
        for name in service.sorts:
            for sort in (name, f"-{name}"):
                key = service.sort_key(sort)
                page = keyset(
                    select(service.model.id, key),
                    key,
                    service.model.id,
                    sort=sort,
                    limit=50,
                    cursor=None,
                    scope="x",
                )
                sql = str(
                    page.compile(dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True})
                )
                plan = "\n".join(row[0] for row in session.execute(text(f"EXPLAIN {sql}")))
                full_sort = re.search(r"^\s*(->\s+)?Sort  \(", plan, re.MULTILINE)
                assert not full_sort, f"{resource} {sort}:\n{plan}"
