"""GET /v1/stats/incidents: counts and casualty sums per group, checked against counts made here."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from tests.factories import make_actor, make_incident, make_report, make_source

INCIDENTS = [
    # occurred_at, country, event type, sub-type, killed, injured
    ("2024-01-01T00:30:00Z", "IQ", "Battles", "Armed clash", 4, 2),  # a Monday
    ("2024-01-07T23:59:00Z", "IQ", "Battles", "Armed clash", 1, None),  # the Sunday of the same week
    ("2024-01-08T00:00:00Z", "SY", "Protests", "Peaceful protest", 0, 0),  # the next Monday
    ("2024-02-29T12:00:00Z", "IQ", "Explosions/Remote violence", "Air/drone strike", None, 5),
    ("2024-12-30T08:00:00Z", None, "Riots", "Mob violence", 2, 3),  # ISO week 1 of 2025
]


@pytest.fixture
def data(client: TestClient) -> dict[str, Any]:
    source = make_source(client)
    army = make_actor(client, name="Army", kind="state")
    militia = make_actor(client, name="Militia", kind="armed_group")
    made = []
    for n, (when, country, event_type, sub_type, killed, injured) in enumerate(INCIDENTS):
        actors = [{"actor_id": army["id"], "role": "perpetrator"}]
        if n % 2 == 0:
            actors.append({"actor_id": militia["id"], "role": "target"})
        if n == 1:  # two roles in one incident: still one incident of the army's
            actors.append({"actor_id": army["id"], "role": "claimant"})
        incident = make_incident(
            client,
            title=f"Incident {n}",
            occurred_at=when,
            event_type=event_type,
            sub_event_type=sub_type,
            location={"country_code": country} if country else None,
            actors=actors,
        )
        if killed is not None or injured is not None:
            make_report(
                client, incident["id"], source["id"], killed=killed, injured=injured, qualifier="exact"
            )
        made.append(incident)
    return {"army": army, "militia": militia, "incidents": made}


def expected(client: TestClient, group_by: str, **params: Any) -> list[dict[str, Any]]:
    items = client.get("/v1/incidents", params={"limit": 500, **params}).json()["items"]
    groups: dict[Any, dict[str, Any]] = defaultdict(lambda: {"incidents": 0, "killed": 0, "injured": 0})

    def keys(item: dict[str, Any]) -> list[Any]:
        when = datetime.fromisoformat(item["occurred_at"])
        if group_by == "month":
            return [when.strftime("%Y-%m")]
        if group_by == "week":
            return [(when.date() - timedelta(days=when.weekday())).isoformat()]
        if group_by == "country_code":
            return [(item["location"] or {}).get("country_code")]
        if group_by == "actor_id":
            role = params.get("role")  # with `role`, only actors in that role form groups
            return list(dict.fromkeys(a["actor_id"] for a in item["actors"] if role in (None, a["role"])))
        return [item[group_by]]

    for item in items:
        for key in keys(item):
            group = groups[key]
            group["incidents"] += 1
            group["killed"] += item["casualties"]["killed"]["best"] or 0
            group["injured"] += item["casualties"]["injured"]["best"] or 0
    return [{"key": key, **values} for key, values in groups.items()]


def stats(client: TestClient, group_by: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/stats/incidents", params={"group_by": group_by, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["group_by"] == group_by
    return body["groups"]  # type: ignore[no-any-return]


def by_key(groups: list[dict[str, Any]]) -> dict[Any, dict[str, Any]]:
    return {g["key"]: {k: g[k] for k in ("incidents", "killed", "injured")} for g in groups}


@pytest.mark.parametrize("group_by", ["month", "week", "country_code", "event_type", "actor_id"])
def test_groups_match_a_count_made_here(client: TestClient, data: dict[str, Any], group_by: str) -> None:
    got = stats(client, group_by)
    assert by_key(got) == by_key(expected(client, group_by))


def test_exact_values(client: TestClient, data: dict[str, Any]) -> None:
    assert stats(client, "month") == [
        {"key": "2024-01", "incidents": 3, "killed": 5, "injured": 2},
        {"key": "2024-02", "incidents": 1, "killed": 0, "injured": 5},
        {"key": "2024-12", "incidents": 1, "killed": 2, "injured": 3},
    ]
    assert [(g["key"], g["incidents"]) for g in stats(client, "week")] == [
        ("2024-01-01", 2),
        ("2024-01-08", 1),
        ("2024-02-26", 1),
        ("2024-12-30", 1),
    ]
    assert date.fromisoformat("2024-12-30").isocalendar()[:2] == (2025, 1)
    assert stats(client, "country_code") == [
        {"key": "IQ", "incidents": 3, "killed": 5, "injured": 7},
        {"key": "SY", "incidents": 1, "killed": 0, "injured": 0},
        {"key": None, "incidents": 1, "killed": 2, "injured": 3},
    ]
    army, militia = data["army"], data["militia"]
    assert stats(client, "actor_id") == [
        {"key": army["id"], "label": "Army", "incidents": 5, "killed": 7, "injured": 10},
        {"key": militia["id"], "label": "Militia", "incidents": 3, "killed": 6, "injured": 5},
    ]
    assert stats(client, "actor_id", role="target") == [
        {"key": militia["id"], "label": "Militia", "incidents": 3, "killed": 6, "injured": 5},
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"country_code": "IQ"},
        {"occurred_after": "2024-01-05T00:00:00Z", "occurred_before": "2024-06-01T00:00:00Z"},
        {"event_type": "Battles"},
        {"min_killed": 1},
        {"q": "incident"},
        {"role": "target", "country_code": "IQ"},
    ],
)
def test_same_filters_as_the_list(client: TestClient, data: dict[str, Any], params: dict[str, Any]) -> None:
    for group_by in ("month", "event_type", "actor_id"):
        assert by_key(stats(client, group_by, **params)) == by_key(expected(client, group_by, **params))


def test_postgresql_knows_how_many_incident_actor_pairs_there_are(
    client: TestClient, backend: str, sessions: Any
) -> None:
    """The planner statistics that let group_by=actor_id read the pairs from the unique index in
    order rather than hash them past work_mem (migration 0012)."""
    if backend != "postgresql":
        pytest.skip("extended statistics are PostgreSQL's")
    with sessions() as session:
        names = session.scalars(text("SELECT stxname FROM pg_statistic_ext")).all()
    assert "incident_actors_pairs" in names


def test_bad_stats_queries_are_422(client: TestClient) -> None:
    for params in (
        {},
        {"group_by": "year"},
        {"group_by": "month", "limit": 5},
        {"group_by": "month", "x": 1},
    ):
        response = client.get("/v1/stats/incidents", params=params)
        assert response.status_code == 422, params
        assert response.headers["content-type"].startswith("application/problem+json")


def test_time_groups_hold_to_the_last_microsecond(client: TestClient) -> None:
    for when in ("2024-01-07T23:59:59.999999Z", "2023-12-31T23:59:59.9995Z", "9999-12-31T23:59:59.999999Z"):
        make_incident(client, occurred_at=when)
    weeks = client.get("/v1/stats/incidents", params={"group_by": "week"}).json()["groups"]
    assert sorted(g["key"] for g in weeks) == ["2023-12-25", "2024-01-01", "9999-12-27"]
    months = client.get("/v1/stats/incidents", params={"group_by": "month"}).json()["groups"]
    assert sorted(g["key"] for g in months) == ["2023-12", "2024-01", "9999-12"]
