"""Incident list filters, alone and combined, against data built here; validation of every parameter."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import QueryCounter
from tests.factories import make_actor, make_incident, make_report, make_source


@pytest.fixture
def world(client: TestClient) -> dict[str, Any]:
    source = make_source(client)
    army = make_actor(client, name="Army", kind="state")
    militia = make_actor(client, name="Militia", kind="armed_group")

    def incident(title: str, killed: int | None, **fields: Any) -> dict[str, Any]:
        row = make_incident(client, title=title, **fields)
        if killed is not None:
            make_report(client, row["id"], source["id"], killed=killed, qualifier="exact")
        return row

    incident(
        "one",
        5,
        event_type="Battles",
        sub_event_type="Armed clash",
        status="confirmed",
        occurred_at="2024-01-10T10:00:00Z",
        location={"country_code": "IQ", "latitude": 33.3, "longitude": 44.4},
        tags=["urban", "night"],
        actors=[{"actor_id": army["id"], "role": "perpetrator"}],
    )
    incident(
        "two",
        0,
        event_type="Protests",
        sub_event_type="Peaceful protest",
        occurred_at="2024-02-10T10:00:00Z",
        location={"country_code": "IQ"},
        tags=["night"],
        actors=[{"actor_id": militia["id"], "role": "target"}],
    )
    incident(
        "three",
        None,
        event_type="Battles",
        sub_event_type="Armed clash",
        status="disputed",
        occurred_at="2024-03-10T10:00:00Z",
        location={"country_code": "SY", "latitude": 36.2, "longitude": 37.1},
        actors=[
            {"actor_id": army["id"], "role": "target"},
            {"actor_id": militia["id"], "role": "perpetrator"},
        ],
    )
    incident(
        "four",
        12,
        event_type="Riots",
        sub_event_type="Mob violence",
        occurred_at="2024-04-10T10:00:00Z",
        location={"latitude": 33.5, "longitude": 44.0},
        tags=["urban"],
    )
    return {"army": army["id"], "militia": militia["id"]}


def titles(client: TestClient, **params: Any) -> list[str]:
    response = client.get("/v1/incidents", params=params)
    assert response.status_code == 200, response.text
    return [i["title"] for i in response.json()["items"]]


CASES: list[tuple[dict[str, Any], list[str]]] = [
    ({}, ["four", "three", "two", "one"]),
    ({"country_code": "IQ"}, ["two", "one"]),
    ({"event_type": "Battles"}, ["three", "one"]),
    ({"status": "reported"}, ["four", "two"]),
    ({"occurred_after": "2024-02-10T10:00:00Z"}, ["four", "three", "two"]),  # inclusive
    ({"occurred_before": "2024-02-10T10:00:00Z"}, ["one"]),  # exclusive
    (
        {"occurred_after": "2024-02-01T00:00:00+03:00", "occurred_before": "2024-04-01T00:00:00Z"},
        ["three", "two"],
    ),
    ({"bbox": "43.0,33.0,45.0,34.0"}, ["four", "one"]),
    ({"bbox": "44.4,33.3,44.4,33.3"}, ["one"]),  # edges included
    ({"min_killed": 5}, ["four", "one"]),
    ({"min_killed": 0}, ["four", "two", "one"]),  # an unknown figure never matches
    ({"tag": "urban"}, ["four", "one"]),
    ({"tag": "night"}, ["two", "one"]),
    ({"tag": "nothing"}, []),
    ({"role": "perpetrator"}, ["three", "one"]),
    ({"q": "three"}, ["three"]),
    ({"updated_since": "2999-01-01T00:00:00Z"}, []),
    # combined
    ({"country_code": "IQ", "event_type": "Battles"}, ["one"]),
    ({"tag": "urban", "min_killed": 10}, ["four"]),
    ({"bbox": "30,30,50,40", "event_type": "Battles", "status": "confirmed"}, ["one"]),
    ({"country_code": "IQ", "occurred_after": "2024-02-01T00:00:00Z", "tag": "night"}, ["two"]),
    ({"sort": "occurred_at", "country_code": "IQ"}, ["one", "two"]),
]


@pytest.mark.parametrize(("params", "expected"), CASES)
def test_filter(
    client: TestClient, world: dict[str, Any], params: dict[str, Any], expected: list[str]
) -> None:
    assert titles(client, **params) == expected


def test_actor_filters(client: TestClient, world: dict[str, Any]) -> None:
    army, militia = world["army"], world["militia"]
    assert titles(client, actor_id=army) == ["three", "one"]
    assert titles(client, actor_id=army, role="target") == ["three"]
    assert titles(client, actor_id=militia, role="perpetrator") == ["three"]
    assert titles(client, actor_id=militia, role="commentator") == []
    assert titles(client, actor_id=army, country_code="IQ", min_killed=1) == ["one"]
    nested = client.get(f"/v1/actors/{army}/incidents", params={"role": "perpetrator"}).json()["items"]
    assert [i["title"] for i in nested] == ["one"]


def test_total_is_opt_in(client: TestClient, world: dict[str, Any]) -> None:
    plain = client.get("/v1/incidents", params={"country_code": "IQ", "limit": 1}).json()
    assert "total" not in plain
    counted = client.get(
        "/v1/incidents", params={"country_code": "IQ", "limit": 1, "with_total": "true"}
    ).json()
    assert counted["total"] == 2
    assert len(counted["items"]) == 1


def test_filtered_pages_walk_every_row_once(client: TestClient, world: dict[str, Any]) -> None:
    for sort in ("occurred_at", "-occurred_at", "created_at", "-updated_at"):
        seen: list[str] = []
        params: dict[str, Any] = {"limit": 1, "sort": sort, "min_killed": 0}
        while True:
            body = client.get("/v1/incidents", params=params).json()
            seen.extend(i["title"] for i in body["items"])
            if body["next_cursor"] is None:
                break
            params["cursor"] = body["next_cursor"]
        assert sorted(seen) == ["four", "one", "two"], sort
        assert len(seen) == 3


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"bbox": "1,2,3"}, "bbox"),
        ({"bbox": "10,0,5,1"}, "bbox"),
        ({"bbox": "a,b,c,d"}, "bbox"),
        ({"bbox": "0,0,200,10"}, "bbox"),
        ({"bbox": "nan,0,1,1"}, "bbox"),
        ({"bbox": "1_0,0,20,1"}, "bbox"),  # Python's float() reads it as 10
        ({"bbox": "1e1,0,20,1"}, "bbox"),
        ({"limit": 501}, "limit"),
        ({"limit": 0}, "limit"),
        ({"occurred_after": "yesterday"}, "occurred_after"),
        ({"occurred_before": "2024-01-01T00:00:00"}, "occurred_before"),  # no time zone
        ({"updated_since": "2024-13-01T00:00:00Z"}, "updated_since"),
        ({"country_code": "iq"}, "country_code"),
        ({"event_type": "Bombing"}, "event_type"),
        ({"status": "rumoured"}, "status"),
        ({"role": "bystander"}, "role"),
        ({"min_killed": -1}, "min_killed"),
        ({"actor_id": "not-a-uuid"}, "actor_id"),
        ({"sort": "title"}, "sort"),
        ({"q": ""}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"tag": "x" * 65}, "tag"),
        ({"with_total": "maybe"}, "with_total"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters_are_422(client: TestClient, params: dict[str, Any], field: str) -> None:
    response = client.get("/v1/incidents", params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == 422
    assert field in [e["field"] for e in body["errors"]]


def test_tampered_cursor_is_400(client: TestClient, world: dict[str, Any]) -> None:
    cursor = client.get("/v1/incidents", params={"limit": 1}).json()["next_cursor"]
    flipped = cursor[:10] + ("x" if cursor[10] != "x" else "y") + cursor[11:]
    for bad in ("garbage", cursor[:-3], flipped, "%%%"):
        response = client.get("/v1/incidents", params={"limit": 1, "cursor": bad})
        assert response.status_code == 400, bad
        assert response.headers["content-type"].startswith("application/problem+json")


def test_actor_and_statement_filters(client: TestClient) -> None:
    make_actor(client, name="Ministry", kind="government", country_code="IQ")
    make_actor(client, name="Brigade", kind="armed_group", country_code="SY")

    def names(**params: Any) -> list[str]:
        body = client.get("/v1/actors", params={"sort": "name", **params}).json()
        return [a["name"] for a in body["items"]]

    assert names(kind="armed_group") == ["Brigade"]
    assert names(country_code="IQ") == ["Ministry"]
    assert names(country_code="IQ", kind="armed_group") == []
    assert client.get("/v1/actors", params={"kind": "alien"}).status_code == 422
    assert client.get("/v1/statements", params={"stance": "praise"}).status_code == 422
    assert client.get("/v1/statements", params={"speaker_id": "x"}).status_code == 422


def test_page_costs_a_fixed_number_of_queries(count_queries: QueryCounter, client: TestClient) -> None:
    source = make_source(client)
    actors = [make_actor(client, name=f"Actor {n}")["id"] for n in range(3)]
    for n in range(50):
        incident = make_incident(
            client,
            title=f"Incident {n}",
            source_ids=[source["id"]],
            actors=[
                {"actor_id": actors[n % 3], "role": "perpetrator"},
                {"actor_id": actors[(n + 1) % 3], "role": "target"},
            ],
        )
        if n % 5 == 0:
            make_report(client, incident["id"], source["id"], killed=n, qualifier="exact")
    costs = {}
    for limit in (5, 50):
        count_queries.statements.clear()
        body = client.get("/v1/incidents", params={"limit": limit}).json()
        assert len(body["items"]) == limit
        assert all(len(i["actors"]) == 2 for i in body["items"])
        # The caller's API key lookup is per request, not per page: leave it out of the page's cost.
        costs[limit] = [
            s
            for s in count_queries.statements
            if not s.startswith(("SAVEPOINT", "RELEASE")) and "api_keys" not in s
        ]
    assert len(costs[5]) == len(costs[50])
    assert len(costs[50]) <= 6, costs[50]
