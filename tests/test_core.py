"""The core contract: CRUD, evidence, ETags, merge patch, pagination, integrity, errors."""

import os
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.settings import Settings
from tests.factories import (
    ARTICLE,
    make_actor,
    make_incident,
    make_report,
    make_source,
    make_statement,
    quote_span,
    rich_incident,
)


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail", "instance"} <= body.keys()
    return body  # type: ignore[no-any-return]


def test_create_and_read_a_source(client: TestClient) -> None:
    response = client.post("/v1/sources", json={"title": "T", "text": ARTICLE})
    assert response.status_code == 201
    body = response.json()
    assert response.headers["Location"].endswith(f"/v1/sources/{body['id']}")
    assert response.headers["ETag"] == '"1"'
    assert body["version"] == 1
    assert body["created_at"].endswith("Z")
    assert len(body["content_sha256"]) == 64
    got = client.get(f"/v1/sources/{body['id']}")
    assert got.json() == body
    assert got.headers["ETag"] == '"1"'


def test_same_text_is_one_source(client: TestClient) -> None:
    first = make_source(client)
    body = assert_problem(client.post("/v1/sources", json={"title": "Again", "text": ARTICLE}), 409)
    assert first["id"] in body["detail"]


def test_unknown_id_is_404_problem(client: TestClient) -> None:
    for path in ("sources", "incidents", "actors", "statements", "casualty-reports"):
        assert_problem(client.get(f"/v1/{path}/00000000-0000-0000-0000-000000000000"), 404)


def test_validation_errors_name_the_field(client: TestClient) -> None:
    body = assert_problem(client.post("/v1/actors", json={"name": "X", "kind": "alien"}), 422)
    assert body["errors"][0]["field"] == "kind"
    assert_problem(client.post("/v1/actors", json={"name": "X", "kind": "state", "extra": 1}), 422)
    assert_problem(client.get("/v1/actors?nonsense=1"), 422)
    assert_problem(client.get("/v1/actors?limit=501"), 422)
    assert_problem(
        client.post("/v1/actors", content=b"{not json", headers={"content-type": "application/json"}), 422
    )


def test_sub_event_type_must_belong_to_event_type(client: TestClient) -> None:
    response = client.post(
        "/v1/incidents",
        json={
            "title": "x",
            "event_type": "Protests",
            "sub_event_type": "Air/drone strike",
            "occurred_at": "2024-01-01T00:00:00Z",
        },
    )
    assert_problem(response, 422)
    incident = make_incident(client)
    assert incident["disorder_type"] == "Political violence"
    assert_problem(client.patch(f"/v1/incidents/{incident['id']}", json={"event_type": "Protests"}), 422)
    changed = client.patch(
        f"/v1/incidents/{incident['id']}",
        json={"event_type": "Protests", "sub_event_type": "Peaceful protest"},
    ).json()
    assert changed["disorder_type"] == "Demonstrations"


def test_evidence_must_match_the_source(client: TestClient) -> None:
    source = make_source(client)
    actor = make_actor(client)
    good = quote_span(source, "We condemn this cowardly attack")
    statement = make_statement(client, actor["id"], evidence=[good])
    span = statement["evidence"][0]
    assert source["text"][span["start"] : span["end"]] == span["quote"]
    assert span["prefix"] == source["text"][max(0, span["start"] - 32) : span["start"]]
    assert span["suffix"] == source["text"][span["end"] : span["end"] + 32]
    bad = {**good, "start": good["start"] + 1, "end": good["end"] + 1}
    body = assert_problem(
        client.post(
            "/v1/statements",
            json={"speaker_id": actor["id"], "kind": "direct_quote", "text": "x", "evidence": [bad]},
        ),
        422,
    )
    assert body["errors"][0]["field"] == "evidence.0.quote"
    assert len(client.get("/v1/statements").json()["items"]) == 1


def test_an_incident_s_sources_include_every_source_its_evidence_quotes(client: TestClient) -> None:
    listed, quoted, linked = (make_source(client, text=f"{n}: {ARTICLE}") for n in "ABC")
    actor = make_actor(client)
    incident = make_incident(
        client,
        source_ids=[listed["id"]],
        evidence=[quote_span(quoted, "Two rockets struck")],
        actors=[
            {"actor_id": actor["id"], "role": "target", "evidence": [quote_span(linked, "the compound")]}
        ],
    )
    everything = [listed["id"], quoted["id"], linked["id"]]
    assert (incident["source_ids"], incident["source_count"]) == (everything, 3)
    path = f"/v1/incidents/{incident['id']}"
    # Dropping a quoted source keeps it (it is still quoted), and changes nothing.
    same = client.patch(path, json={"source_ids": [listed["id"]]}).json()
    assert (same["source_ids"], same["version"]) == (everything, incident["version"])
    # Evidence from a new source brings it in; the sources no longer quoted can go.
    other = make_source(client, text=f"D: {ARTICLE}")
    patched = client.patch(path, json={"source_ids": [], "evidence": [quote_span(other, "No one was hurt")]})
    assert patched.json()["source_ids"] == [other["id"], linked["id"]]
    assert client.get(path).json()["source_ids"] == [other["id"], linked["id"]]
    second = make_actor(client, name="Police")
    added = client.post(
        f"{path}/actors",
        json={"actor_id": second["id"], "role": "responder", "evidence": [quote_span(listed, "police said")]},
    )
    assert added.status_code == 201, added.text
    assert client.get(path).json()["source_ids"] == [other["id"], linked["id"], listed["id"]]


def test_utf16_offsets_for_astral_characters(client: TestClient) -> None:
    source = make_source(client, text="Rocket 🚀 hit the base. Nobody was hurt.")
    actor = make_actor(client)
    span = make_statement(client, actor["id"], evidence=[quote_span(source, "hit the base")])["evidence"][0]
    assert (span["start"], span["end"]) == (9, 21)
    assert (span["start_utf16"], span["end_utf16"]) == (10, 22)


def test_merge_patch_keeps_absent_and_clears_null(client: TestClient) -> None:
    actor = make_actor(client, description="first", country_code="IQ")
    patched = client.patch(f"/v1/actors/{actor['id']}", json={"description": None})
    assert patched.status_code == 200
    body = patched.json()
    assert body["description"] is None
    assert body["country_code"] == "IQ"
    assert body["version"] == 2
    assert patched.headers["ETag"] == '"2"'
    assert_problem(client.patch(f"/v1/actors/{actor['id']}", json={"name": None}), 422)


def test_if_match_refuses_stale_writes(client: TestClient) -> None:
    actor = make_actor(client)
    url = f"/v1/actors/{actor['id']}"
    assert client.patch(url, json={"name": "A"}, headers={"If-Match": '"1"'}).status_code == 200
    assert_problem(client.patch(url, json={"name": "B"}, headers={"If-Match": '"1"'}), 412)
    assert client.get(url).json()["name"] == "A"
    assert_problem(client.delete(url, headers={"If-Match": '"1"'}), 412)
    assert client.delete(url, headers={"If-Match": '"2"'}).status_code == 204
    assert_problem(client.get(url), 404)


def test_body_over_one_mebibyte_is_413(client: TestClient) -> None:
    big = b'{"title": "x", "text": "' + b"a" * (1024 * 1024) + b'"}'
    assert_problem(client.post("/v1/sources", content=big, headers={"content-type": "application/json"}), 413)


def test_delete_what_others_point_to_is_409(client: TestClient) -> None:
    source = make_source(client)
    actor = make_actor(client)
    incident = make_incident(client, source_ids=[source["id"]])
    make_statement(client, actor["id"], incident_id=incident["id"])
    make_report(client, incident["id"], source["id"], killed=2, qualifier="exact")
    paths = (f"/v1/actors/{actor['id']}", f"/v1/incidents/{incident['id']}", f"/v1/sources/{source['id']}")
    for path in paths:
        body = assert_problem(client.delete(path), 409)
        assert "cascade" in body["detail"]
        assert client.get(path).status_code == 200
    # `references` counts by kind, named as the API names things (snake_case), in words in `detail`.
    body = client.delete(f"/v1/incidents/{incident['id']}").json()
    assert body["references"] == {"statements": 1, "casualty_reports": 1}
    assert "1 casualty reports" in body["detail"]


def test_incident_read_model_embeds_actors_casualties_and_counts(client: TestClient) -> None:
    source = make_source(client)
    target = make_actor(client, name="Embassy", kind="diplomatic_mission")
    incident = make_incident(
        client,
        source_ids=[source["id"]],
        actors=[{"actor_id": target["id"], "role": "target"}],
        location={"name": "Green Zone", "country_code": "IQ", "latitude": 33.3, "longitude": 44.4},
    )
    assert incident["actors"][0]["name"] == "Embassy"
    assert incident["source_count"] == 1
    make_statement(client, target["id"], incident_id=incident["id"])
    report = make_report(client, incident["id"], source["id"], killed=0, injured=0, qualifier="none_reported")
    got = client.get(f"/v1/incidents/{incident['id']}").json()
    assert got["statement_count"] == 1
    assert got["casualties"]["killed"] == {"low": 0, "best": 0, "high": 0}
    assert got["casualties"]["report_ids"] == [report["id"]]
    assert got["version"] > incident["version"]


def test_later_report_from_same_source_supersedes(client: TestClient) -> None:
    source = make_source(client)
    other = make_source(client, text="Another article: at least five people were killed.")
    incident = make_incident(client)
    make_report(client, incident["id"], source["id"], killed=2, reported_at="2024-01-05T09:00:00Z")
    later = make_report(client, incident["id"], source["id"], killed=4, reported_at="2024-01-06T09:00:00Z")
    third = make_report(client, incident["id"], other["id"], killed=5, qualifier="at_least", killed_max=8)
    casualties = client.get(f"/v1/incidents/{incident['id']}").json()["casualties"]
    assert casualties["killed"] == {"low": 4, "best": 4, "high": 8}
    assert set(casualties["report_ids"]) == {later["id"], third["id"]}
    assert casualties["injured"] == {"low": None, "best": None, "high": None}


def test_incident_actor_endpoints(client: TestClient) -> None:
    actor = make_actor(client)
    incident = make_incident(client)
    url = f"/v1/incidents/{incident['id']}/actors"
    added = client.post(url, json={"actor_id": actor["id"], "role": "perpetrator", "confidence": "suspected"})
    assert added.status_code == 201
    assert added.json()["confidence"] == "suspected"
    assert_problem(client.post(url, json={"actor_id": actor["id"], "role": "perpetrator"}), 409)
    assert [a["role"] for a in client.get(url).json()["items"]] == ["perpetrator"]
    listed = client.get(f"/v1/actors/{actor['id']}/incidents").json()["items"]
    assert [i["id"] for i in listed] == [incident["id"]]
    assert client.delete(f"{url}/{actor['id']}").status_code == 204
    assert client.get(url).json()["items"] == []
    assert_problem(client.delete(f"{url}/{actor['id']}"), 404)


def test_pagination_never_repeats_or_skips_while_rows_are_added(client: TestClient) -> None:
    for n in range(7):
        make_actor(client, name=f"Actor {n}")
    seen: list[str] = []
    response = client.get("/v1/actors?limit=3&sort=name")
    while True:
        body = response.json()
        seen += [a["name"] for a in body["items"]]
        make_actor(client, name=f"Actor 0{len(seen)}")  # sorts before every page still to come
        if body["next_cursor"] is None:
            assert "Link" not in response.headers
            break
        assert 'rel="next"' in response.headers["Link"]
        params = {"limit": 3, "sort": "name", "cursor": body["next_cursor"]}
        response = client.get("/v1/actors", params=params)
    assert seen == [f"Actor {n}" for n in range(7)]


def test_tampered_cursor_is_400(client: TestClient) -> None:
    for n in range(3):
        make_actor(client, name=f"A{n}")
    cursor = client.get("/v1/actors?limit=1").json()["next_cursor"]
    assert_problem(client.get("/v1/actors", params={"cursor": cursor[:-2] + "xx"}), 400)
    assert_problem(client.get("/v1/actors", params={"cursor": "!!!"}), 400)
    assert_problem(client.get("/v1/actors", params={"cursor": cursor, "sort": "name"}), 400)


def test_a_cursor_is_good_for_the_list_that_made_it_only(client: TestClient) -> None:
    speaker = make_actor(client, name="Speaker")
    other = make_actor(client, name="Other")
    first, second = make_incident(client, title="First"), make_incident(client, title="Second")
    for incident in (first, second):
        for n in range(2):
            make_statement(
                client, speaker["id"], incident_id=incident["id"], text=f"Said {incident['id']} {n}"
            )
    actors_cursor = client.get("/v1/actors", params={"sort": "created_at", "limit": 1}).json()["next_cursor"]
    assert actors_cursor
    # the same sort, another list: the position of an actor means nothing among incidents or sources
    for path in ("/v1/incidents", "/v1/sources", "/v1/statements", "/v1/casualty-reports"):
        problem = assert_problem(
            client.get(path, params={"sort": "created_at", "cursor": actors_cursor}), 400
        )
        assert "cursor" in problem["detail"]
    assert client.get("/v1/actors", params={"sort": "created_at", "cursor": actors_cursor}).status_code == 200
    # a nested list is a list of its own: one incident's statements, not another's nor all of them
    nested = f"/v1/incidents/{first['id']}/statements"
    cursor = client.get(nested, params={"limit": 1}).json()["next_cursor"]
    assert client.get(nested, params={"limit": 1, "cursor": cursor}).status_code == 200
    same = f"/v1/incidents/{first['id'].upper()}/statements"  # the id in capitals: the same list
    assert client.get(same, params={"limit": 1, "cursor": cursor}).status_code == 200
    assert_problem(client.get(f"/v1/incidents/{second['id']}/statements", params={"cursor": cursor}), 400)
    assert_problem(client.get("/v1/statements", params={"cursor": cursor}), 400)
    top = client.get("/v1/statements", params={"limit": 1}).json()["next_cursor"]
    assert_problem(client.get(nested, params={"cursor": top}), 400)
    # a relevance cursor of incidents is not one of actors, though both search the same word
    make_incident(client, title="Speaker again")
    make_actor(client, name="Speaker two")
    relevance = client.get("/v1/incidents", params={"q": "speaker", "limit": 1}).json()["next_cursor"]
    assert_problem(client.get("/v1/actors", params={"q": "speaker", "cursor": relevance}), 400)
    # a record's history and an incident's actors are bound to their record too
    history = client.get(f"/v1/incidents/{first['id']}/history", params={"limit": 1}).json()["next_cursor"]
    assert_problem(client.get(f"/v1/actors/{speaker['id']}/history", params={"cursor": history}), 400)
    for incident in (first, second):
        for actor in (speaker, other):
            client.post(
                f"/v1/incidents/{incident['id']}/actors", json={"actor_id": actor["id"], "role": "target"}
            )
    roles = client.get(f"/v1/incidents/{first['id']}/actors", params={"limit": 1}).json()["next_cursor"]
    assert client.get(f"/v1/incidents/{first['id']}/actors", params={"cursor": roles}).status_code == 200
    assert_problem(client.get(f"/v1/incidents/{second['id']}/actors", params={"cursor": roles}), 400)


def test_totals_are_opt_in(client: TestClient) -> None:
    make_actor(client)
    assert "total" not in client.get("/v1/actors").json()
    assert client.get("/v1/actors?with_total=true").json()["total"] == 1


def test_history_records_every_change(client: TestClient) -> None:
    actor = make_actor(client)
    client.patch(f"/v1/actors/{actor['id']}", json={"name": "Renamed"})
    client.delete(f"/v1/actors/{actor['id']}")
    changes = client.get(f"/v1/actors/{actor['id']}/history").json()["items"]
    assert [c["action"] for c in changes] == ["create", "update", "delete"]
    assert changes[1]["before"]["name"] == actor["name"]
    assert changes[1]["after"]["name"] == "Renamed"


def _history(client: TestClient, path: str) -> list[tuple[str, int | None]]:
    return [(c["action"], c["version"]) for c in client.get(f"{path}/history").json()["items"]]


def test_a_report_or_statement_that_moves_its_incident_is_a_change_of_the_incident(
    client: TestClient,
) -> None:
    incident = make_incident(client)
    path = f"/v1/incidents/{incident['id']}"
    source = make_source(client)
    speaker = make_actor(client)
    make_report(client, incident["id"], source["id"], killed=3)
    make_statement(client, speaker["id"], incident_id=incident["id"])
    got = client.get(path)
    assert got.json()["version"] == 3
    assert got.headers["ETag"] == '"3"'
    changes = client.get(f"{path}/history").json()["items"]
    assert [(c["action"], c["version"]) for c in changes] == [("create", 1), ("update", 2), ("update", 3)]
    assert changes[1]["before"]["casualties"]["killed"]["best"] is None
    assert changes[1]["after"]["casualties"]["killed"]["best"] == 3
    assert (changes[2]["before"]["statement_count"], changes[2]["after"]["statement_count"]) == (0, 1)
    assert changes[2]["after"] == got.json()


def test_a_cascade_is_a_change_of_every_record_it_leaves_changed(client: TestClient) -> None:
    incident = rich_incident(client, 1)
    source_id = incident["source_ids"][0]
    statement = make_statement(
        client,
        incident["actors"][1]["actor_id"],
        evidence=[quote_span(client.get(f"/v1/sources/{source_id}").json(), "compound")],
    )
    other_source = make_source(client, text="A third account: the compound was hit.")
    report = make_report(
        client,
        incident["id"],
        other_source["id"],
        killed=1,
        reported_by_id=incident["actors"][0]["actor_id"],
        evidence=[quote_span(client.get(f"/v1/sources/{source_id}").json(), "two rockets")],
    )
    before = {
        path: client.get(path).json()
        for path in (
            f"/v1/incidents/{incident['id']}",
            f"/v1/statements/{statement['id']}",
            f"/v1/casualty-reports/{report['id']}",
        )
    }
    watermark = client.get("/v1/statements", params={"updated_since": "2000-01-01T00:00:00Z"}).headers[
        "X-Sync-Watermark"
    ]

    assert client.delete(f"/v1/sources/{source_id}?cascade=true").status_code == 204
    for path, old in before.items():
        new = client.get(path)
        assert new.json()["evidence"] == [], path
        assert new.json()["version"] > old["version"], path
        assert new.headers["ETag"] == f'"{new.json()["version"]}"', path
        assert new.json()["updated_at"] > old["updated_at"], path
        last = client.get(f"{path}/history").json()["items"][-1]
        assert (last["action"], last["after"]) == ("update", new.json()), path
    assert source_id not in client.get(f"/v1/incidents/{incident['id']}").json()["source_ids"]
    synced = client.get("/v1/statements", params={"updated_since": watermark}).json()["items"]
    assert [s["id"] for s in synced] == [statement["id"]]

    # The perpetrator goes: the incident loses the role, the report its `reported_by_id`.
    group_id = incident["actors"][0]["actor_id"]
    affiliated = make_actor(client, name="Wing", affiliated_with=[group_id])
    versions = {p: client.get(p).json()["version"] for p in (*before, f"/v1/actors/{affiliated['id']}")}
    assert client.delete(f"/v1/actors/{group_id}?cascade=true").status_code == 204
    assert client.get(f"/v1/casualty-reports/{report['id']}").json()["reported_by_id"] is None
    assert client.get(f"/v1/actors/{affiliated['id']}").json()["affiliated_with"] == []
    assert group_id not in [
        a["actor_id"] for a in client.get(f"/v1/incidents/{incident['id']}").json()["actors"]
    ]
    for path, version in versions.items():
        if path.startswith("/v1/statements"):
            continue  # its speaker is the governor, who stays
        now = client.get(path).json()
        assert now["version"] > version, path
        assert client.get(f"{path}/history").json()["items"][-1]["after"] == now, path


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    # A probe's cache-busting parameter is no reason to take an instance out of service.
    assert client.get("/healthz?ts=1").status_code == 200
    assert client.get("/readyz?ts=1").status_code == 200


def test_changing_a_source_to_another_ones_text_names_it(client: TestClient) -> None:
    first = make_source(client)
    second = make_source(client, text="A different article.")
    body = assert_problem(
        client.patch(
            f"/v1/sources/{second['id']}", json={"text": first["text"]}, headers={"If-Match": '"1"'}
        ),
        409,
    )
    assert first["id"] in body["detail"]
    assert body["existing_id"] == first["id"]


def test_patch_tags_and_location_merge(client: TestClient) -> None:
    incident = make_incident(client, tags=["a", "b"], location={"name": "Old", "country_code": "IQ"})
    url = f"/v1/incidents/{incident['id']}"
    body = client.patch(url, json={"tags": ["c"], "location": {"name": "New"}}).json()
    assert body["tags"] == ["c"]
    assert body["location"]["name"] == "New"
    assert body["location"]["country_code"] == "IQ"
    assert [i["id"] for i in client.get("/v1/incidents?tag=c").json()["items"]] == [incident["id"]]
    assert client.get("/v1/incidents?tag=a").json()["items"] == []
    assert client.patch(url, json={"location": None}).json()["location"] is None


def test_workers_default_to_one_on_sqlite_and_one_per_cpu_on_postgresql(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WORKERS", raising=False)
    assert Settings(database_url="sqlite:///./data/demo.db").worker_count() == 1
    assert Settings(database_url="postgresql+psycopg://db/incidents").worker_count() == (os.cpu_count() or 1)
    assert Settings(database_url="sqlite:///./data/demo.db", workers=3).worker_count() == 3


def test_an_incident_lists_its_actors_in_the_order_it_was_given_them(client: TestClient) -> None:
    names = ["Zulu", "Alpha", "Mike"]
    actors = [make_actor(client, name=name) for name in names]
    incident = make_incident(client, actors=[{"actor_id": a["id"], "role": "target"} for a in actors])
    assert [a["name"] for a in incident["actors"]] == names
    assert [a["name"] for a in client.get(f"/v1/incidents/{incident['id']}").json()["actors"]] == names
    listed = client.get("/v1/incidents").json()["items"]
    assert [a["name"] for a in listed[0]["actors"]] == names


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"killed": 0, "injured": 0, "killed_max": 5, "qualifier": "none_reported"}, "qualifier"),
        ({"killed": 0, "injured": 0, "injured_max": 2, "qualifier": "none_reported"}, "qualifier"),
        ({"qualifier": "at_least"}, "qualifier"),
        ({"qualifier": "approximately"}, "qualifier"),
        ({"killed": 5, "killed_max": 3}, "killed"),
    ],
)
def test_a_casualty_report_that_contradicts_itself_is_422(
    client: TestClient, fields: dict[str, Any], field: str
) -> None:
    incident = make_incident(client)
    source = make_source(client)
    body = {"incident_id": incident["id"], "source_id": source["id"], "reported_at": "2024-01-05T09:00:00Z"}
    refused = assert_problem(client.post("/v1/casualty-reports", json={**body, **fields}), 422)
    assert refused["errors"][0]["field"] == field
    for fine in (
        {"killed": 0, "injured": 0, "qualifier": "none_reported"},
        {"killed_min": 3, "qualifier": "at_least"},
    ):
        assert client.post("/v1/casualty-reports", json={**body, **fine}).status_code == 201


def test_blank_text_is_422_and_a_repeated_alias_is_kept_once(client: TestClient) -> None:
    for body in ({"name": "   ", "kind": "state"}, {"name": "x", "kind": "state", "description": " \n "}):
        assert assert_problem(client.post("/v1/actors", json=body), 422)["errors"][0]["message"] == (
            "must not be blank"
        )
    actor = make_actor(client, aliases=["MoI", "MoI", "moi"])
    assert actor["aliases"] == ["MoI", "moi"]
    assert_problem(client.patch(f"/v1/actors/{actor['id']}", json={"name": " "}), 422)


def test_an_incidents_actors_are_a_paginated_list(client: TestClient) -> None:
    names = ["Zulu", "Alpha", "Mike"]
    actors = [make_actor(client, name=name) for name in names]
    incident = make_incident(client, actors=[{"actor_id": a["id"], "role": "target"} for a in actors])
    path = f"/v1/incidents/{incident['id']}/actors"
    whole = client.get(path).json()
    assert [a["name"] for a in whole["items"]] == names
    assert whole["next_cursor"] is None
    assert "total" not in whole
    seen, cursor = [], None
    while True:
        page = client.get(path, params={"limit": 1, **({"cursor": cursor} if cursor else {})})
        seen += [a["name"] for a in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            assert "Link" not in page.headers
            break
        assert page.headers["Link"].endswith('; rel="next"')
    assert seen == names
    assert client.get(path, params={"with_total": "true", "limit": 1}).json()["total"] == 3
    assert_problem(client.get(path, params={"cursor": "not-a-cursor"}), 400)
    assert_problem(client.get(path, params={"limit": 501}), 422)


def test_history_pages_like_every_list(client: TestClient) -> None:
    actor = make_actor(client)
    path = f"/v1/actors/{actor['id']}/history"
    for n in range(4):
        client.patch(f"/v1/actors/{actor['id']}", json={"name": f"Name {n}"})
    whole = client.get(path).json()
    assert [c["version"] for c in whole["items"]] == [1, 2, 3, 4, 5]
    assert whole["next_cursor"] is None
    assert "total" not in whole
    first = client.get(path, params={"limit": 2, "with_total": "true"})
    assert [c["version"] for c in first.json()["items"]] == [1, 2]
    assert first.json()["total"] == 5
    assert first.headers["Link"].endswith('; rel="next"')
    rest = client.get(path, params={"limit": 3, "cursor": first.json()["next_cursor"]}).json()
    assert ([c["version"] for c in rest["items"]], rest["next_cursor"]) == ([3, 4, 5], None)
    other = make_actor(client, name="Other")
    assert_problem(
        client.get(f"/v1/actors/{other['id']}/history", params={"cursor": first.json()["next_cursor"]}), 400
    )
    assert_problem(client.get("/v1/actors/00000000-0000-0000-0000-000000000000/history"), 404)


def test_renaming_an_actor_is_a_change_of_every_incident_that_names_it(client: TestClient) -> None:
    actor = make_actor(client, name="Old Name")
    made = [make_incident(client, actors=[{"actor_id": actor["id"], "role": "target"}]) for _ in range(2)]
    assert client.patch(f"/v1/actors/{actor['id']}", json={"name": "New Name"}).status_code == 200
    for incident in made:
        path = f"/v1/incidents/{incident['id']}"
        now = client.get(path).json()
        changes = client.get(f"{path}/history").json()["items"]
        assert [c["version"] for c in changes] == [1, 2]
        assert changes[-1]["before"]["actors"][0]["name"] == "Old Name"
        assert changes[-1]["after"] == now
        assert now["actors"][0]["name"] == "New Name"


def test_two_side_effects_on_one_record_in_one_request_are_two_versions(client: TestClient) -> None:
    kept, doomed = make_source(client, text="First account."), make_source(client, text="Second account.")
    incident = make_incident(client, source_ids=[kept["id"], doomed["id"]])
    make_report(client, incident["id"], doomed["id"], killed=2)
    assert client.delete(f"/v1/sources/{doomed['id']}?cascade=true").status_code == 204
    path = f"/v1/incidents/{incident['id']}"
    changes = client.get(f"{path}/history").json()["items"]
    versions = [c["version"] for c in changes]
    assert versions == list(range(1, len(versions) + 1)), versions
    assert changes[-1]["after"] == client.get(path).json()
    assert all(c["before"]["version"] == c["version"] - 1 for c in changes[1:])


def test_deleting_an_actor_whose_role_has_evidence_takes_it_cleanly(client: TestClient) -> None:
    source = make_source(client, text="Witnesses said the convoy was hit near the bridge.")
    spans = [quote_span(source, "Witnesses"), quote_span(source, "convoy")]
    doomed, kept = make_actor(client, name="Doomed"), make_actor(client, name="Kept")
    incident = make_incident(
        client,
        source_ids=[source["id"]],
        actors=[
            {"actor_id": doomed["id"], "role": "target", "evidence": spans},
            {"actor_id": kept["id"], "role": "perpetrator", "evidence": spans},
        ],
    )
    assert client.delete(f"/v1/actors/{doomed['id']}?cascade=true").status_code == 204
    now = client.get(f"/v1/incidents/{incident['id']}").json()
    assert [(a["name"], len(a["evidence"])) for a in now["actors"]] == [("Kept", 2)]
    assert client.get(f"/v1/incidents/{incident['id']}/history").json()["items"][-1]["after"] == now


def test_affiliations_never_form_a_cycle(client: TestClient) -> None:
    coalition = make_actor(client, name="Coalition")
    militia = make_actor(client, name="Militia", affiliated_with=[coalition["id"]])
    wing = make_actor(client, name="Wing", affiliated_with=[militia["id"]])
    for actor, through in ((coalition, wing), (coalition, militia), (militia, wing), (wing, wing)):
        refused = client.patch(f"/v1/actors/{actor['id']}", json={"affiliated_with": [through["id"]]})
        assert refused.status_code == 422, (actor["name"], through["name"])
        assert refused.json()["errors"][0]["field"] == "affiliated_with"
        assert client.get(f"/v1/actors/{actor['id']}").json()["version"] == actor["version"]
    # Not a cycle: two paths to one actor.
    changed = client.patch(
        f"/v1/actors/{wing['id']}", json={"affiliated_with": [militia["id"], coalition["id"]]}
    )
    assert changed.status_code == 200


def test_openapi_examples_get_real_ids_once_there_are_records(client: TestClient) -> None:
    def example_id() -> Any:
        [parameter] = client.get("/openapi.json").json()["paths"]["/v1/actors/{id}"]["get"]["parameters"]
        return parameter.get("example")

    assert example_id() is None  # an empty database: nothing to point at yet
    actor = make_actor(client, name="First")
    assert example_id() == actor["id"]
    make_actor(client, name="Second")
    assert example_id() == actor["id"]  # documented once there were records


def test_one_cascade_is_one_version_and_one_history_row_of_each_record_it_changes(client: TestClient) -> None:
    militia = make_actor(client, name="Militia", kind="armed_group")
    other = make_actor(client, name="Other")
    roles = [{"actor_id": militia["id"], "role": r} for r in ("perpetrator", "claimant")]
    incident = make_incident(client, actors=[*roles, {"actor_id": other["id"], "role": "target"}])
    for text in ("We did it", "We will do it again"):
        make_statement(client, militia["id"], incident_id=incident["id"], text=text, kind="paraphrase")
    path = f"/v1/incidents/{incident['id']}"
    before = client.get(path).json()
    history = client.get(f"{path}/history").json()["items"]
    assert client.delete(f"/v1/actors/{militia['id']}?cascade=true").status_code == 204
    after = client.get(path).json()
    assert (after["version"], after["statement_count"]) == (before["version"] + 1, 0)
    [change] = client.get(f"{path}/history").json()["items"][len(history) :]
    assert (change["version"], change["before"], change["after"]) == (after["version"], before, after)


def test_an_incident_needs_a_local_date(client: TestClient) -> None:
    """9999-12-31T23:00Z is in year 10000 in Tokyo: no local date for exports and stats (422 on
    create and on a PATCH that sets either half); "localtime" is the host's zone, not a name."""
    late = {"occurred_at": "9999-12-31T23:00:00Z", "timezone": "Asia/Tokyo"}
    body = assert_problem(
        client.post("/v1/incidents", json={"title": "T", "event_type": "Battles", **late}), 422
    )
    assert body["errors"][0]["field"] == "timezone"
    body = assert_problem(
        client.post(
            "/v1/incidents",
            json={
                "title": "T",
                "event_type": "Battles",
                "occurred_at": "2024-01-01T00:00:00Z",
                "timezone": "localtime",
            },
        ),
        422,
    )
    assert body["errors"][0]["field"] == "timezone"
    utc_only = make_incident(client, occurred_at=late["occurred_at"])
    body = assert_problem(
        client.patch(
            f"/v1/incidents/{utc_only['id']}", json={"timezone": "Asia/Tokyo"}, headers={"If-Match": '"1"'}
        ),
        422,
    )
    assert body["errors"][0]["field"] == "timezone"
    tokyo = make_incident(client, occurred_at="2024-01-01T00:00:00Z", timezone="Asia/Tokyo")
    body = assert_problem(
        client.patch(
            f"/v1/incidents/{tokyo['id']}",
            json={"occurred_at": late["occurred_at"]},
            headers={"If-Match": '"1"'},
        ),
        422,
    )
    assert body["errors"][0]["field"] == "occurred_at"
    assert client.get(f"/v1/incidents/{tokyo['id']}").json()["occurred_at"] == "2024-01-01T00:00:00Z"
    assert client.get("/v1/incidents?format=acled").status_code == 200


def test_one_request_one_timestamp(client: TestClient) -> None:
    """The roles an incident is created with are stamped at its own time (then a microsecond apart,
    in the body's order), not before it; so is its history row."""
    first, second = make_actor(client, name="One"), make_actor(client, name="Two")
    incident = make_incident(
        client,
        actors=[
            {"actor_id": first["id"], "role": "target"},
            {"actor_id": second["id"], "role": "perpetrator"},
        ],
    )
    stamps = [link["created_at"] for link in incident["actors"]]
    assert stamps[0] == incident["created_at"] < stamps[1]
    history = client.get(f"/v1/incidents/{incident['id']}/history").json()["items"]
    assert history[0]["at"] == incident["created_at"]


def test_if_none_match_gets_304_without_a_body(client: TestClient) -> None:
    """A client that cached a resource by its `ETag` revalidates it: 304 while it is current (weak
    or strong form, in a list, or `*`), the full 200 once it has changed. Lists carry no ETag."""
    actor = make_actor(client)
    url = f"/v1/actors/{actor['id']}"
    for header in ('"1"', 'W/"1"', '"7", "1"', "*"):
        response = client.get(url, headers={"If-None-Match": header})
        assert response.status_code == 304, header
        assert response.content == b""
        assert response.headers["ETag"] == '"1"'
    assert client.head(url, headers={"If-None-Match": '"1"'}).status_code == 304
    incident = make_incident(client)
    assert client.get(f"/v1/incidents/{incident['id']}", headers={"If-None-Match": '"1"'}).status_code == 304
    client.patch(url, json={"description": "changed"}, headers={"If-Match": '"1"'})
    response = client.get(url, headers={"If-None-Match": '"1"'})
    assert response.status_code == 200
    assert response.json()["description"] == "changed"
    assert client.get("/v1/actors", headers={"If-None-Match": "*"}).status_code == 200


def test_at_most_100_sources_with_those_evidence_quotes(client: TestClient) -> None:
    """The limit holds for the stored list, which adds every source the evidence quotes: a body
    that would store 101 is a 422 (create, PATCH, a new role), so every GET can be POSTed back."""
    sources = [make_source(client, text=f"Source number {i}.") for i in range(101)]
    listed, extra = [s["id"] for s in sources[:100]], sources[100]
    evidence = [quote_span(extra, "Source number")]
    body = assert_problem(
        client.post(
            "/v1/incidents",
            json={
                "title": "T",
                "event_type": "Battles",
                "occurred_at": "2024-01-01T00:00:00Z",
                "source_ids": listed,
                "evidence": evidence,
            },
        ),
        422,
    )
    assert body["errors"][0]["field"] == "source_ids"
    incident = make_incident(client, source_ids=listed)
    url = f"/v1/incidents/{incident['id']}"
    assert_problem(client.patch(url, json={"evidence": evidence}, headers={"If-Match": '"1"'}), 422)
    actor = make_actor(client)
    assert_problem(
        client.post(f"{url}/actors", json={"actor_id": actor["id"], "role": "target", "evidence": evidence}),
        422,
    )
    stored = client.get(url).json()
    assert len(stored["source_ids"]) == 100
    assert stored["actors"] == []
    assert stored["version"] == 1
    assert (
        client.post(
            "/v1/incidents", json={k: stored[k] for k in ("title", "event_type", "occurred_at", "source_ids")}
        ).status_code
        == 201
    )


def test_nested_lists_document_only_what_they_take(client: TestClient) -> None:
    """The parent comes from the path, exports and tombstones from the top-level list: Swagger UI
    offers none of the parameters a nested list would refuse."""
    paths = client.get("/openapi.json").json()["paths"]
    for path, refused in (
        ("/v1/incidents/{id}/statements", "incident_id"),
        ("/v1/incidents/{id}/casualty-reports", "incident_id"),
        ("/v1/actors/{id}/incidents", "actor_id"),
    ):
        names = {p["name"] for p in paths[path]["get"]["parameters"]}
        assert not names & {refused, "format", "include_deleted"}, path
        assert {"limit", "cursor", "sort"} <= names
    top = {p["name"] for p in paths["/v1/statements"]["get"]["parameters"]}
    assert {"incident_id", "format", "include_deleted"} <= top


def test_a_coordinate_that_is_not_a_number_says_so(client: TestClient) -> None:
    """Python's JSON reader takes NaN and Infinity; the 422 names them, not a range they miss."""
    body = (
        '{"title": "T", "event_type": "Battles", "occurred_at": "2024-01-01T00:00:00Z", '
        '"location": {"latitude": NaN, "longitude": 1}}'
    )
    problem = assert_problem(
        client.post("/v1/incidents", content=body, headers={"Content-Type": "application/json"}), 422
    )
    assert problem["errors"][0]["field"] == "location.latitude"
    assert "finite number" in problem["errors"][0]["message"]
