"""Small factories that create records through the API, as a client would."""

from typing import Any

from fastapi.testclient import TestClient

ARTICLE = (
    "Two rockets struck near the compound early on Friday, police said. No one was hurt. "
    '"We condemn this cowardly attack," the governor said in a statement.'
)


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


def make_source(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"title": "Rockets hit compound", "text": ARTICLE, "kind": "news_article", **fields}
    return created(client.post("/v1/sources", json=body))


def make_actor(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"name": "Provincial Governor", "kind": "government", **fields}
    return created(client.post("/v1/actors", json=body))


def make_incident(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {
        "title": "Rocket attack on compound",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "occurred_at": "2024-01-05T01:00:00Z",
        "occurred_at_precision": "hour",
        **fields,
    }
    return created(client.post("/v1/incidents", json=body))


def make_statement(client: TestClient, speaker_id: str, **fields: Any) -> dict[str, Any]:
    body = {
        "speaker_id": speaker_id,
        "kind": "direct_quote",
        "text": "We condemn this cowardly attack",
        **fields,
    }
    return created(client.post("/v1/statements", json=body))


def make_report(client: TestClient, incident_id: str, source_id: str, **fields: Any) -> dict[str, Any]:
    body = {
        "incident_id": incident_id,
        "source_id": source_id,
        "reported_at": "2024-01-05T09:00:00Z",
        **fields,
    }
    return created(client.post("/v1/casualty-reports", json=body))


def quote_span(source: dict[str, Any], quote: str) -> dict[str, Any]:
    start = source["text"].index(quote)
    return {"source_id": source["id"], "start": start, "end": start + len(quote), "quote": quote}


def rich_incident(client: TestClient, n: int) -> dict[str, Any]:
    """An incident with every kind of link: two sources, two actors (one with evidence), a
    statement and a casualty report."""
    source = make_source(client, text=f"Report {n}: two rockets struck near the compound. Ünï 🚀 {n}.")
    other = make_source(client, text=f"Second report {n} on the same attack.")
    governor = make_actor(client, name=f"Governor {n}")
    group = make_actor(client, name=f"Group {n}", kind="armed_group")
    incident = make_incident(
        client,
        title=f"Attack {n}",
        occurred_at=f"2024-01-{n + 1:02d}T01:00:00Z",
        location={"name": "Green Zone", "country_code": "IQ", "latitude": 33.3, "longitude": 44.4},
        tags=["rockets", f"t{n}"],
        source_ids=[source["id"], other["id"]],
        evidence=[quote_span(source, "two rockets struck")],
        actors=[
            {
                "actor_id": group["id"],
                "role": "perpetrator",
                "confidence": "suspected",
                "evidence": [quote_span(source, "rockets")],
            },
            {"actor_id": governor["id"], "role": "commentator"},
        ],
    )
    make_statement(client, governor["id"], incident_id=incident["id"])
    make_report(client, incident["id"], source["id"], killed=2, killed_max=5, qualifier="at_least")
    return incident
