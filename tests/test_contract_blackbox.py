"""Black-box contract tests: plain HTTP against a running server, written from the API contract (API.md) only.

Skipped unless `CONTRACT_BASE_URL` names a server (e.g. one started with `make run`);
`CONTRACT_API_KEY` is the editor or admin key it writes with. `make test` runs it against a fresh
server on each database (scripts/contract.sh):

    CONTRACT_BASE_URL=http://127.0.0.1:8000 CONTRACT_API_KEY=... \\
        .venv/bin/python -m pytest tests/test_contract_blackbox.py

Every test makes its own rows, marked with a fresh token, so it can run against a database that
already holds data (the seed, earlier runs).
"""

import json
import os
import re
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx2
import pytest

BASE_URL = os.environ.get("CONTRACT_BASE_URL")

pytestmark = pytest.mark.skipif(not BASE_URL, reason="CONTRACT_BASE_URL is not set")

PROBLEM = "application/problem+json"
RFC3339_Z = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$")
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
LEAKS = ("Traceback", "sqlalchemy", "sqlite3", "psycopg", 'File "', "/app/", ".py")


@pytest.fixture(scope="module")
def c() -> Iterator[httpx2.Client]:
    assert BASE_URL is not None
    key = os.environ.get("CONTRACT_API_KEY")
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    with httpx2.Client(base_url=BASE_URL, timeout=30, headers=headers) as client:
        yield client


def token() -> str:
    return "tok" + uuid.uuid4().hex[:12]


def utc(dt: datetime) -> str:
    return dt.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_ts(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def assert_problem(r: httpx2.Response, status: int) -> dict[str, Any]:
    assert r.status_code == status, (r.status_code, r.text)
    assert r.headers["content-type"].split(";")[0] == PROBLEM, r.headers.get("content-type")
    body = r.json()
    for key in ("type", "title", "status", "detail", "instance"):
        assert key in body, (key, body)
    assert body["status"] == status
    assert isinstance(body["title"], str)
    assert body["title"]
    assert isinstance(body["detail"], str)
    assert body["detail"]
    assert isinstance(body["type"], str)
    assert body["type"]
    assert isinstance(body["instance"], str)
    assert body["instance"]
    for leak in LEAKS:
        assert leak not in r.text, (leak, r.text)
    return body  # type: ignore[no-any-return]


def assert_validation(r: httpx2.Response, field_part: str) -> dict[str, Any]:
    """A 422 whose `errors` has a {field, message} naming `field_part`."""
    body = assert_problem(r, 422)
    errors = body.get("errors")
    assert isinstance(errors, list), body
    assert errors, body
    for e in errors:
        assert set(e) >= {"field", "message"}, e
        assert isinstance(e["field"], str)
        assert isinstance(e["message"], str)
        assert e["message"]
    assert any(field_part in e["field"] for e in errors), (field_part, errors)
    return body


def assert_resource(body: dict[str, Any]) -> None:
    assert UUID_RE.match(body["id"]), body["id"]
    assert RFC3339_Z.match(body["created_at"]), body["created_at"]
    assert RFC3339_Z.match(body["updated_at"]), body["updated_at"]
    assert isinstance(body["version"], int)
    assert body["version"] >= 1
    assert parse_ts(body["updated_at"]) >= parse_ts(body["created_at"])


def etag_of(r: httpx2.Response) -> str:
    tag = r.headers.get("etag")
    assert tag, f"no ETag on {r.request.method} {r.request.url}"
    return tag


def created(c: httpx2.Client, path: str, body: dict[str, Any]) -> dict[str, Any]:
    r = c.post(path, json=body)
    assert r.status_code == 201, (path, r.status_code, r.text)
    assert r.headers["content-type"].startswith("application/json")
    etag_of(r)
    data: dict[str, Any] = r.json()
    return data


# --- builders -----------------------------------------------------------------------------


def make_source(c: httpx2.Client, text: str | None = None, **extra: Any) -> dict[str, Any]:
    body = {
        "kind": "news_article",
        "title": f"Rockets fired at a compound {token()}",
        "text": text if text is not None else f"Two rockets struck the compound at dawn. {token()}",
        **extra,
    }
    return created(c, "/v1/sources", body)


def make_actor(c: httpx2.Client, **extra: Any) -> dict[str, Any]:
    body = {"name": f"Actor {token()}", "kind": "armed_group", **extra}
    return created(c, "/v1/actors", body)


def make_incident(c: httpx2.Client, **extra: Any) -> dict[str, Any]:
    body = {
        "title": f"Rocket attack {token()}",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "occurred_at": "2024-01-05T01:00:00Z",
        **extra,
    }
    return created(c, "/v1/incidents", body)


def make_statement(c: httpx2.Client, speaker_id: str, **extra: Any) -> dict[str, Any]:
    body = {"speaker_id": speaker_id, "kind": "direct_quote", "text": f"We condemn it. {token()}", **extra}
    return created(c, "/v1/statements", body)


def make_report(c: httpx2.Client, incident_id: str, source_id: str, **extra: Any) -> dict[str, Any]:
    body = {
        "incident_id": incident_id,
        "source_id": source_id,
        "reported_at": "2024-01-05T09:30:00Z",
        **extra,
    }
    return created(c, "/v1/casualty-reports", body)


def all_pages(c: httpx2.Client, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(200):
        p = dict(params)
        if cursor:
            p["cursor"] = cursor
        r = c.get(path, params=p)
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        cursor = body["next_cursor"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [i["id"] for i in items]


# --- health and docs ------------------------------------------------------------------------


def test_healthz_and_readyz(c: httpx2.Client) -> None:
    assert c.get("/healthz").status_code == 200
    assert c.get("/readyz").status_code == 200


def test_docs_and_redoc_serve_html(c: httpx2.Client) -> None:
    for path in ("/docs", "/redoc"):
        r = c.get(path)
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/html")
        assert "openapi.json" in r.text


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield method.upper(), path, op


def test_openapi_every_operation_has_summary_description_and_tag(c: httpx2.Client) -> None:
    spec = c.get("/openapi.json").json()
    missing = [
        (m, p, what)
        for m, p, op in _operations(spec)
        for what in ("summary", "description", "tags")
        if not op.get(what)
    ]
    assert missing == []


def _has_example(spec: dict[str, Any], node: Any, seen: set[str] | None = None) -> bool:
    seen = seen or set()
    if isinstance(node, dict):
        if "example" in node or "examples" in node:
            return True
        ref = node.get("$ref")
        if isinstance(ref, str) and ref not in seen:
            seen.add(ref)
            target = spec
            for part in ref.lstrip("#/").split("/"):
                target = target[part]
            if _has_example(spec, target, seen):
                return True
        return any(_has_example(spec, v, seen) for k, v in node.items() if k != "$ref")
    if isinstance(node, list):
        return any(_has_example(spec, v, seen) for v in node)
    return False


def test_openapi_every_operation_has_an_example(c: httpx2.Client) -> None:
    spec = c.get("/openapi.json").json()
    missing = [(m, p) for m, p, op in _operations(spec) if not _has_example(spec, op)]
    assert missing == []


def test_openapi_examples_do_not_use_placeholder_ids(c: httpx2.Client) -> None:
    text = c.get("/openapi.json").text
    assert "00000000-0000-0000-0000-000000000000" not in text
    assert '"3f1c..."' not in text


def test_openapi_documents_errors_as_problem_json(c: httpx2.Client) -> None:
    spec = c.get("/openapi.json").json()
    wrong = []
    for m, p, op in _operations(spec):
        for status, resp in op.get("responses", {}).items():
            if status.startswith(("4", "5")) and PROBLEM not in resp.get("content", {PROBLEM: {}}):
                wrong.append((m, p, status))
    assert wrong == []


# --- errors -------------------------------------------------------------------------------


def test_unknown_route_is_problem_404(c: httpx2.Client) -> None:
    body = assert_problem(c.get("/v1/no-such-things"), 404)
    assert body["instance"] == "/v1/no-such-things"


def test_wrong_method_is_problem_405(c: httpx2.Client) -> None:
    assert_problem(c.delete("/v1/incidents"), 405)
    assert_problem(c.put("/v1/actors"), 405)


@pytest.mark.parametrize("things", ["sources", "incidents", "actors", "statements", "casualty-reports"])
def test_missing_row_is_problem_404(c: httpx2.Client, things: str) -> None:
    missing = str(uuid.uuid4())
    body = assert_problem(c.get(f"/v1/{things}/{missing}"), 404)
    assert body["instance"] == f"/v1/{things}/{missing}"
    assert_problem(c.patch(f"/v1/{things}/{missing}", json={}), 404)
    assert_problem(c.delete(f"/v1/{things}/{missing}"), 404)


def test_malformed_json_is_problem_422(c: httpx2.Client) -> None:
    r = c.post("/v1/actors", content=b'{"name": "x", "kind": ', headers={"content-type": "application/json"})
    assert_problem(r, 422)


def test_validation_error_lists_fields(c: httpx2.Client) -> None:
    r = c.post("/v1/actors", json={"kind": "warlord"})
    body = assert_validation(r, "name")
    assert any(e["field"] == "kind" for e in body["errors"]), body["errors"]


def test_unknown_body_field_is_422(c: httpx2.Client) -> None:
    assert_validation(c.post("/v1/actors", json={"name": "A", "kind": "state", "colour": "red"}), "colour")


def test_body_over_1_mib_is_problem_413(c: httpx2.Client) -> None:
    text = "a" * (1024 * 1024 + 10)
    r = c.post("/v1/sources", json={"title": "big", "text": text})
    assert_problem(r, 413)


def test_chunked_body_over_1_mib_is_problem_413(c: httpx2.Client) -> None:
    payload = json.dumps({"title": "big", "text": "a" * (1024 * 1024 + 10)}).encode()

    def chunks() -> Iterator[bytes]:
        for i in range(0, len(payload), 65536):
            yield payload[i : i + 65536]

    r = c.post("/v1/sources", content=chunks(), headers={"content-type": "application/json"})
    assert_problem(r, 413)


def test_body_just_under_1_mib_is_not_413(c: httpx2.Client) -> None:
    # A source's text may be up to 1,000,000 characters (docs/conventions.md): under the body's
    # 1 MiB it is stored; a title over its 500 is a 422, not a 413.
    text = "a" * 900_000 + token()
    r = c.post("/v1/sources", json={"title": "big", "text": text})
    assert r.status_code == 201, (r.status_code, r.text[:300])
    assert len(c.get(f"/v1/sources/{r.json()['id']}").json()["text"]) == len(text)
    assert_validation(c.post("/v1/sources", json={"title": "t" * 501, "text": text + "x"}), "title")


# --- the five resources: create, read, patch, delete -----------------------------------------


def _bodies(c: httpx2.Client) -> dict[str, dict[str, Any]]:
    source = make_source(c)
    actor = make_actor(c)
    incident = make_incident(c)
    return {
        "sources": {
            "body": {"kind": "press_release", "title": "T", "text": f"Body {token()}", "author": "A. B."},
            "patch": {"title": "T2"},
            "field": "title",
        },
        "actors": {
            "body": {"name": f"N {token()}", "kind": "government", "aliases": ["X"]},
            "patch": {"name": "N2"},
            "field": "name",
        },
        "incidents": {
            "body": {
                "title": "Attack",
                "event_type": "Battles",
                "sub_event_type": "Armed clash",
                "occurred_at": "2024-02-01T10:00:00Z",
            },
            "patch": {"title": "Attack 2"},
            "field": "title",
        },
        "statements": {
            "body": {"speaker_id": actor["id"], "kind": "paraphrase", "text": "They said so."},
            "patch": {"text": "They said more."},
            "field": "text",
        },
        "casualty-reports": {
            "body": {
                "incident_id": incident["id"],
                "source_id": source["id"],
                "reported_at": "2024-01-05T10:00:00+03:00",
                "killed": 2,
            },
            "patch": {"killed": 3},
            "field": "killed",
        },
    }


@pytest.mark.parametrize("things", ["sources", "incidents", "actors", "statements", "casualty-reports"])
def test_crud_lifecycle(c: httpx2.Client, things: str) -> None:
    spec = _bodies(c)[things]
    r = c.post(f"/v1/{things}", json=spec["body"])
    assert r.status_code == 201, r.text
    row = r.json()
    assert_resource(row)
    assert row["version"] == 1
    assert r.headers["etag"]
    for key, value in spec["body"].items():
        if key.endswith("_at"):
            assert parse_ts(row[key]) == parse_ts(value)
            assert RFC3339_Z.match(row[key])
        else:
            assert row[key] == value, key
    # Location resolves to the same row
    location = r.headers["location"]
    assert urlsplit(location).path == f"/v1/{things}/{row['id']}"
    got = c.get(location)
    assert got.status_code == 200
    assert got.json() == row
    assert got.headers["etag"] == r.headers["etag"]

    # the list shows it
    listed = c.get(f"/v1/{things}", params={"limit": 500})
    assert listed.status_code == 200
    assert set(listed.json()) >= {"items", "next_cursor"}
    assert "total" not in listed.json()

    # patch: +1 version, new ETag, the change kept, the rest unchanged
    time.sleep(0.01)
    p = c.patch(f"/v1/{things}/{row['id']}", json=spec["patch"])
    assert p.status_code == 200, p.text
    patched = p.json()
    assert patched["version"] == 2
    assert p.headers["etag"]
    assert p.headers["etag"] != r.headers["etag"]
    assert patched[spec["field"]] == spec["patch"][spec["field"]]
    assert patched["created_at"] == row["created_at"]
    assert parse_ts(patched["updated_at"]) > parse_ts(row["updated_at"])
    for key in spec["body"]:
        if key != spec["field"]:
            assert patched[key] == row[key], key
    assert c.get(f"/v1/{things}/{row['id']}").json() == patched

    # delete: 204 with no body, then 404 problem
    d = c.delete(f"/v1/{things}/{row['id']}")
    assert d.status_code == 204
    assert d.content == b""
    assert_problem(c.get(f"/v1/{things}/{row['id']}"), 404)
    assert_problem(c.delete(f"/v1/{things}/{row['id']}"), 404)


def test_server_makes_the_id(c: httpx2.Client) -> None:
    mine = str(uuid.uuid4())
    r = c.post("/v1/actors", json={"id": mine, "name": "A", "kind": "state"})
    # Either refused or ignored, never honoured.
    if r.status_code == 201:
        assert r.json()["id"] != mine
    else:
        assert_validation(r, "id")


def test_timestamps_with_offsets_come_back_in_utc_z(c: httpx2.Client) -> None:
    inc = make_incident(c, occurred_at="2023-12-08T04:00:00+03:00")
    assert inc["occurred_at"] == "2023-12-08T01:00:00Z"


def test_naive_timestamp_is_422(c: httpx2.Client) -> None:
    r = c.post(
        "/v1/incidents",
        json={"title": "x", "event_type": "Battles", "occurred_at": "2023-12-08T04:00:00"},
    )
    assert_validation(r, "occurred_at")


def test_every_change_bumps_version_by_one(c: httpx2.Client) -> None:
    actor = make_actor(c)
    for n in range(2, 5):
        r = c.patch(f"/v1/actors/{actor['id']}", json={"description": f"v{n}"})
        assert r.status_code == 200
        assert r.json()["version"] == n
        assert r.headers["etag"] == c.get(f"/v1/actors/{actor['id']}").headers["etag"]


# --- ETag and If-Match --------------------------------------------------------------------------


def test_patch_with_stale_if_match_is_412_and_changes_nothing(c: httpx2.Client) -> None:
    actor = make_actor(c, description="first")
    first = c.get(f"/v1/actors/{actor['id']}")
    stale = etag_of(first)
    ok = c.patch(f"/v1/actors/{actor['id']}", json={"description": "second"}, headers={"If-Match": stale})
    assert ok.status_code == 200
    assert ok.json()["version"] == 2
    r = c.patch(f"/v1/actors/{actor['id']}", json={"description": "third"}, headers={"If-Match": stale})
    assert_problem(r, 412)
    now = c.get(f"/v1/actors/{actor['id']}")
    assert now.json()["description"] == "second"
    assert now.json()["version"] == 2
    assert now.headers["etag"] == ok.headers["etag"]
    # the current tag works
    r = c.patch(
        f"/v1/actors/{actor['id']}", json={"description": "third"}, headers={"If-Match": now.headers["etag"]}
    )
    assert r.status_code == 200
    assert r.json()["version"] == 3


def test_delete_with_stale_if_match_is_412_and_keeps_the_row(c: httpx2.Client) -> None:
    source = make_source(c)
    stale = etag_of(c.get(f"/v1/sources/{source['id']}"))
    assert c.patch(f"/v1/sources/{source['id']}", json={"author": "Someone"}).status_code == 200
    assert_problem(c.delete(f"/v1/sources/{source['id']}", headers={"If-Match": stale}), 412)
    kept = c.get(f"/v1/sources/{source['id']}")
    assert kept.status_code == 200
    assert kept.json()["author"] == "Someone"
    fresh = kept.headers["etag"]
    assert c.delete(f"/v1/sources/{source['id']}", headers={"If-Match": fresh}).status_code == 204


@pytest.mark.parametrize("things", ["incidents", "statements", "casualty-reports"])
def test_stale_if_match_on_other_resources(c: httpx2.Client, things: str) -> None:
    spec = _bodies(c)[things]
    r = c.post(f"/v1/{things}", json=spec["body"])
    row = r.json()
    assert c.patch(f"/v1/{things}/{row['id']}", json=spec["patch"]).status_code == 200
    assert_problem(
        c.patch(f"/v1/{things}/{row['id']}", json=spec["patch"], headers={"If-Match": r.headers["etag"]}), 412
    )
    assert_problem(c.delete(f"/v1/{things}/{row['id']}", headers={"If-Match": r.headers["etag"]}), 412)
    assert c.get(f"/v1/{things}/{row['id']}").json()["version"] == 2


# --- JSON Merge Patch ------------------------------------------------------------------------------


def test_merge_patch_null_clears_absent_keeps(c: httpx2.Client) -> None:
    source = make_source(c, author="A. Reporter", publisher="Wire", language="en")
    r = c.patch(
        f"/v1/sources/{source['id']}",
        content=json.dumps({"author": None}),
        headers={"content-type": "application/merge-patch+json"},
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["author"] is None
    assert body["publisher"] == "Wire"
    assert body["language"] == "en"
    assert body["text"] == source["text"]
    assert body["title"] == source["title"]


def test_merge_patch_null_on_required_field_is_422(c: httpx2.Client) -> None:
    actor = make_actor(c)
    assert_validation(c.patch(f"/v1/actors/{actor['id']}", json={"name": None}), "name")
    assert c.get(f"/v1/actors/{actor['id']}").json()["version"] == 1


def test_merge_patch_nested_location_merges(c: httpx2.Client) -> None:
    loc = {
        "name": "Green Zone, Baghdad",
        "admin1": "Baghdad",
        "city": "Baghdad",
        "country_code": "IQ",
        "latitude": 33.3,
        "longitude": 44.39,
        "precision": "neighbourhood",
    }
    inc = make_incident(c, location=loc)
    r = c.patch(f"/v1/incidents/{inc['id']}", json={"location": {"admin2": "Karkh", "name": None}})
    assert r.status_code == 200, r.text
    assert r.json()["location"] == {**loc, "admin2": "Karkh", "name": None}
    # a list is replaced whole
    r = c.patch(f"/v1/incidents/{inc['id']}", json={"tags": ["b"]})
    assert r.json()["tags"] == ["b"]
    # null clears the whole object
    r = c.patch(f"/v1/incidents/{inc['id']}", json={"location": None})
    assert r.status_code == 200
    assert r.json()["location"] in (None, {k: None for k in loc} | {"admin2": None})


def test_patch_body_must_be_an_object(c: httpx2.Client) -> None:
    actor = make_actor(c)
    r = c.patch(f"/v1/actors/{actor['id']}", json=["name"])
    assert_problem(r, 422)


# --- evidence -------------------------------------------------------------------------------------


ASTRAL_TEXT = (
    "Breaking 🚀🚀 news 👩‍👩‍👧: two rockets hit the embassy compound at dawn, officials said. "
    "No casualties were reported 🙏 by the embassy."
)


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_evidence_offsets_are_code_points_with_utf16_and_context(c: httpx2.Client) -> None:
    text = ASTRAL_TEXT + f" {token()}"
    source = make_source(c, text=text)
    quote = "two rockets hit the embassy compound"
    start, end = _span(text, quote)
    inc = make_incident(c, evidence=[{"source_id": source["id"], "start": start, "end": end, "quote": quote}])
    (ev,) = inc["evidence"]
    assert ev["start"] == start
    assert ev["end"] == end
    assert ev["quote"] == quote
    assert ev["source_id"] == source["id"]
    assert ev["start_utf16"] == len(text[:start].encode("utf-16-le")) // 2
    assert ev["end_utf16"] == len(text[:end].encode("utf-16-le")) // 2
    assert ev["start_utf16"] > start  # the emoji before the quote are surrogate pairs in UTF-16
    assert 0 < len(ev["prefix"]) <= 32
    assert 0 < len(ev["suffix"]) <= 32
    assert text[:start].endswith(ev["prefix"])
    assert text[end:].startswith(ev["suffix"])
    assert c.get(f"/v1/incidents/{inc['id']}").json()["evidence"] == inc["evidence"]


def test_evidence_quote_made_of_astral_characters(c: httpx2.Client) -> None:
    text = ASTRAL_TEXT + f" {token()}"
    source = make_source(c, text=text)
    quote = "🚀🚀 news 👩‍👩‍👧"
    start, end = _span(text, quote)
    actor = make_actor(c)
    st = make_statement(
        c, actor["id"], evidence=[{"source_id": source["id"], "start": start, "end": end, "quote": quote}]
    )
    (ev,) = st["evidence"]
    assert ev["quote"] == quote
    assert (ev["start"], ev["end"]) == (9, 9 + len(quote))
    assert ev["start_utf16"] == 9
    assert ev["end_utf16"] == 9 + len(quote.encode("utf-16-le")) // 2
    assert ev["prefix"] == "Breaking "


def test_evidence_mismatch_is_422_naming_the_field(c: httpx2.Client) -> None:
    text = ASTRAL_TEXT + f" {token()}"
    source = make_source(c, text=text)
    quote = "two rockets hit the embassy compound"
    start, end = _span(text, quote)
    # UTF-16 offsets (what a JavaScript client would count) are not code points: refused.
    u16 = len(text[:start].encode("utf-16-le")) // 2
    for bad in (
        {"start": start, "end": end, "quote": "two rockets hit the embassy Compound"},
        {"start": u16, "end": u16 + len(quote), "quote": quote},
        {"start": start, "end": end + 1, "quote": quote},
        {"start": len(text), "end": len(text) + 5, "quote": "after"},
        {"start": end, "end": start, "quote": quote},
    ):
        r = c.post(
            "/v1/incidents",
            json={
                "title": "x",
                "event_type": "Battles",
                "occurred_at": "2024-01-01T00:00:00Z",
                "evidence": [{"source_id": source["id"], **bad}],
            },
        )
        assert_validation(r, "evidence.0")
    actor = make_actor(c)
    r = c.post(
        "/v1/statements",
        json={
            "speaker_id": actor["id"],
            "kind": "direct_quote",
            "text": "x",
            "evidence": [{"source_id": source["id"], "start": start, "end": end, "quote": quote}, bad],
        },
    )
    body = assert_validation(r, "evidence.1")
    assert not any(e["field"].startswith("evidence.0") for e in body["errors"])


def test_evidence_on_unknown_source_is_refused(c: httpx2.Client) -> None:
    actor = make_actor(c)
    r = c.post(
        "/v1/statements",
        json={
            "speaker_id": actor["id"],
            "kind": "direct_quote",
            "text": "x",
            "evidence": [{"source_id": str(uuid.uuid4()), "start": 0, "end": 1, "quote": "x"}],
        },
    )
    assert r.status_code in (404, 422)
    assert_problem(r, r.status_code)


def test_evidence_patch_mismatch_is_422_and_changes_nothing(c: httpx2.Client) -> None:
    text = f"Police said two people were killed. {token()}"
    source = make_source(c, text=text)
    inc = make_incident(c)
    rep = make_report(c, inc["id"], source["id"], killed=2)
    r = c.patch(
        f"/v1/casualty-reports/{rep['id']}",
        json={"evidence": [{"source_id": source["id"], "start": 0, "end": 6, "quote": "Police"}]},
    )
    assert r.status_code == 200, r.text
    assert r.json()["evidence"][0]["suffix"] == " said two people were killed. to"
    r = c.patch(
        f"/v1/casualty-reports/{rep['id']}",
        json={"evidence": [{"source_id": source["id"], "start": 0, "end": 6, "quote": "police"}]},
    )
    assert_validation(r, "evidence.0")
    assert c.get(f"/v1/casualty-reports/{rep['id']}").json()["evidence"][0]["quote"] == "Police"


def test_source_text_is_kept_verbatim(c: httpx2.Client) -> None:
    text = f"  Line one.\r\n\tLine two 🚀 — “quoted”.  \n\n{token()}  "
    source = make_source(c, text=text)
    assert source["text"] == text
    import hashlib

    assert source["content_sha256"] == hashlib.sha256(text.encode()).hexdigest()


def test_same_source_text_twice_is_refused(c: httpx2.Client) -> None:
    text = f"Unique body {token()}"
    make_source(c, text=text)
    r = c.post("/v1/sources", json={"title": "again", "text": text})
    assert r.status_code in (409, 422)
    assert_problem(r, r.status_code)


# --- ACLED vocabulary -------------------------------------------------------------------------------


def test_sub_event_type_not_of_its_event_type_is_422(c: httpx2.Client) -> None:
    r = c.post(
        "/v1/incidents",
        json={
            "title": "x",
            "event_type": "Battles",
            "sub_event_type": "Shelling/artillery/missile attack",
            "occurred_at": "2024-01-01T00:00:00Z",
        },
    )
    assert_validation(r, "sub_event_type")


def test_patch_sub_event_type_alone_checked_against_stored_event_type(c: httpx2.Client) -> None:
    inc = make_incident(c)  # Explosions/Remote violence
    r = c.patch(f"/v1/incidents/{inc['id']}", json={"sub_event_type": "Peaceful protest"})
    assert_validation(r, "sub_event_type")
    r = c.patch(f"/v1/incidents/{inc['id']}", json={"event_type": "Protests"})
    assert_validation(r, "sub_event_type")
    assert c.get(f"/v1/incidents/{inc['id']}").json()["version"] == 1


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "disorder_type"),
    [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence"),
        ("Battles", "Armed clash", "Political violence"),
        ("Violence against civilians", "Attack", "Political violence"),
        ("Protests", "Peaceful protest", "Demonstrations"),
        ("Strategic developments", "Agreement", "Strategic developments"),
        ("Riots", "Violent demonstration", "Demonstrations"),
        ("Riots", "Mob violence", "Political violence"),
        (
            "Protests",
            "Excessive force against protesters",
            "Political violence; Demonstrations",
        ),
    ],
)
def test_disorder_type_is_derived(
    c: httpx2.Client, event_type: str, sub_event_type: str, disorder_type: str
) -> None:
    inc = make_incident(c, event_type=event_type, sub_event_type=sub_event_type)
    assert inc["disorder_type"] == disorder_type


def test_disorder_type_follows_a_patch_and_is_read_only(c: httpx2.Client) -> None:
    inc = make_incident(c)
    r = c.patch(
        f"/v1/incidents/{inc['id']}", json={"event_type": "Protests", "sub_event_type": "Peaceful protest"}
    )
    assert r.status_code == 200
    assert r.json()["disorder_type"] == "Demonstrations"
    r = c.patch(f"/v1/incidents/{inc['id']}", json={"disorder_type": "Political violence"})
    assert_validation(r, "disorder_type")
    r = c.patch(f"/v1/incidents/{inc['id']}", json={"source_count": 7})
    assert_validation(r, "source_count")


def test_unknown_vocabulary_value_is_422(c: httpx2.Client) -> None:
    r = c.post(
        "/v1/incidents",
        json={"title": "x", "event_type": "Explosions", "occurred_at": "2024-01-01T00:00:00Z"},
    )
    assert_validation(r, "event_type")


# --- incident read model -----------------------------------------------------------------------------


def test_incident_read_model(c: httpx2.Client) -> None:
    s1, s2 = make_source(c), make_source(c)
    perp = make_actor(c, kind="armed_group")
    target = make_actor(c, kind="diplomatic_mission")
    inc = make_incident(c, source_ids=[s1["id"], s2["id"]])
    assert inc["source_ids"] == [s1["id"], s2["id"]]
    assert inc["source_count"] == 2
    assert inc["actors"] == []
    assert inc["statement_count"] == 0
    assert inc["casualties"]["killed"] == {"low": None, "best": None, "high": None}
    assert inc["casualties"]["injured"] == {"low": None, "best": None, "high": None}
    assert inc["casualties"]["report_ids"] == []

    r = c.post(
        f"/v1/incidents/{inc['id']}/actors",
        json={"actor_id": perp["id"], "role": "perpetrator", "confidence": "suspected"},
    )
    assert r.status_code == 201, r.text
    assert r.json()["actor_id"] == perp["id"]
    assert r.json()["role"] == "perpetrator"
    assert r.json()["confidence"] == "suspected"
    assert (
        c.post(
            f"/v1/incidents/{inc['id']}/actors", json={"actor_id": target["id"], "role": "target"}
        ).status_code
        == 201
    )
    make_statement(c, target["id"], incident_id=inc["id"])
    make_statement(c, target["id"], incident_id=inc["id"])
    make_statement(c, target["id"])  # not about this incident
    rep = make_report(c, inc["id"], s1["id"], killed=3, killed_min=2, killed_max=5, injured=None)

    got = c.get(f"/v1/incidents/{inc['id']}")
    body = got.json()
    roles = {(a["actor_id"], a["role"], a["confidence"]) for a in body["actors"]}
    assert roles == {(perp["id"], "perpetrator", "suspected"), (target["id"], "target", "confirmed")}
    names = {a["actor_id"]: a.get("name") for a in body["actors"]}
    assert names[perp["id"]] == perp["name"]
    assert body["statement_count"] == 2
    assert body["casualties"]["killed"] == {"low": 2, "best": 3, "high": 5}
    assert body["casualties"]["injured"] == {"low": None, "best": None, "high": None}
    assert body["casualties"]["report_ids"] == [rep["id"]]
    assert body["source_count"] == 2
    assert body["source_ids"] == [s1["id"], s2["id"]]


def test_incident_etag_moves_when_its_read_model_changes(c: httpx2.Client) -> None:
    inc = make_incident(c)
    first = etag_of(c.get(f"/v1/incidents/{inc['id']}"))
    actor = make_actor(c)
    make_statement(c, actor["id"], incident_id=inc["id"])
    second = c.get(f"/v1/incidents/{inc['id']}")
    assert second.json()["statement_count"] == 1
    assert etag_of(second) != first


def test_no_casualties_reported_and_unknown_counts(c: httpx2.Client) -> None:
    source = make_source(c)
    inc = make_incident(c)
    none = make_report(c, inc["id"], source["id"], killed=0, injured=0, qualifier="none_reported")
    assert (none["killed"], none["injured"], none["qualifier"]) == (0, 0, "none_reported")
    body = c.get(f"/v1/incidents/{inc['id']}").json()
    assert body["casualties"]["killed"]["best"] == 0
    assert body["casualties"]["injured"]["best"] == 0
    assert body["casualties"]["report_ids"] == [none["id"]]

    inc2 = make_incident(c)
    unknown = make_report(c, inc2["id"], source["id"], killed=4, qualifier="at_least")
    assert unknown["injured"] is None  # unknown is null, never 0
    assert unknown["injured_min"] is None
    assert unknown["killed_max"] is None
    body = c.get(f"/v1/incidents/{inc2['id']}").json()
    assert body["casualties"]["killed"]["best"] == 4
    assert body["casualties"]["injured"] == {"low": None, "best": None, "high": None}


def test_none_reported_with_deaths_is_422(c: httpx2.Client) -> None:
    source = make_source(c)
    inc = make_incident(c)
    r = c.post(
        "/v1/casualty-reports",
        json={
            "incident_id": inc["id"],
            "source_id": source["id"],
            "reported_at": "2024-01-05T09:30:00Z",
            "killed": 3,
            "injured": 0,
            "qualifier": "none_reported",
        },
    )
    assert_problem(r, 422)


def test_negative_count_is_422(c: httpx2.Client) -> None:
    source = make_source(c)
    inc = make_incident(c)
    r = c.post(
        "/v1/casualty-reports",
        json={
            "incident_id": inc["id"],
            "source_id": source["id"],
            "reported_at": "2024-01-05T09:30:00Z",
            "killed": -1,
        },
    )
    assert_validation(r, "killed")


def test_casualty_report_on_missing_incident_is_refused(c: httpx2.Client) -> None:
    source = make_source(c)
    r = c.post(
        "/v1/casualty-reports",
        json={
            "incident_id": str(uuid.uuid4()),
            "source_id": source["id"],
            "reported_at": "2024-01-05T09:30:00Z",
        },
    )
    assert r.status_code in (404, 422)
    body = assert_problem(r, r.status_code)
    if r.status_code == 422:
        assert any("incident_id" in e["field"] for e in body["errors"])


def test_casualty_figure_follows_updates_and_deletes(c: httpx2.Client) -> None:
    s1, s2 = make_source(c), make_source(c)
    inc = make_incident(c)
    a = make_report(c, inc["id"], s1["id"], killed=2, reported_at="2024-01-05T09:00:00Z")
    b = make_report(c, inc["id"], s2["id"], killed=10, reported_at="2024-01-05T10:00:00Z")
    body = c.get(f"/v1/incidents/{inc['id']}").json()
    assert body["casualties"]["killed"]["low"] == 2
    assert body["casualties"]["killed"]["high"] == 10
    assert sorted(body["casualties"]["report_ids"]) == sorted([a["id"], b["id"]])
    # a later report from the same source supersedes the earlier one
    a2 = make_report(c, inc["id"], s1["id"], killed=6, reported_at="2024-01-06T09:00:00Z")
    body = c.get(f"/v1/incidents/{inc['id']}").json()
    assert sorted(body["casualties"]["report_ids"]) == sorted([a2["id"], b["id"]])
    assert body["casualties"]["killed"]["low"] == 6
    assert c.delete(f"/v1/casualty-reports/{b['id']}").status_code == 204
    body = c.get(f"/v1/incidents/{inc['id']}").json()
    assert body["casualties"]["killed"] == {"low": 6, "best": 6, "high": 6}
    assert body["casualties"]["report_ids"] == [a2["id"]]


# --- nested endpoints ---------------------------------------------------------------------------------


def test_nested_incident_actors(c: httpx2.Client) -> None:
    inc = make_incident(c)
    actor = make_actor(c)
    r = c.post(f"/v1/incidents/{inc['id']}/actors", json={"actor_id": actor["id"], "role": "target"})
    assert r.status_code == 201
    assert r.headers.get("location")
    assert c.get(r.headers["location"]).status_code == 200
    r = c.post(f"/v1/incidents/{inc['id']}/actors", json={"actor_id": actor["id"], "role": "commentator"})
    assert r.status_code == 201
    # the same (actor, role) again is a conflict
    assert_problem(
        c.post(f"/v1/incidents/{inc['id']}/actors", json={"actor_id": actor["id"], "role": "target"}), 409
    )
    listed = c.get(f"/v1/incidents/{inc['id']}/actors")
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert sorted(i["role"] for i in items) == ["commentator", "target"]
    assert {i["actor_id"] for i in items} == {actor["id"]}
    assert listed.json()["next_cursor"] is None

    # the actor's incidents
    mine = c.get(f"/v1/actors/{actor['id']}/incidents")
    assert mine.status_code == 200
    assert ids(mine.json()["items"]) == [inc["id"]]

    # an unknown actor is refused, not linked
    r = c.post(f"/v1/incidents/{inc['id']}/actors", json={"actor_id": str(uuid.uuid4()), "role": "target"})
    assert r.status_code in (404, 422)
    assert_problem(r, r.status_code)

    d = c.delete(f"/v1/incidents/{inc['id']}/actors/{actor['id']}")
    assert d.status_code == 204
    assert c.get(f"/v1/incidents/{inc['id']}/actors").json()["items"] == []
    assert c.get(f"/v1/incidents/{inc['id']}").json()["actors"] == []
    assert c.get(f"/v1/actors/{actor['id']}/incidents").json()["items"] == []
    assert_problem(c.delete(f"/v1/incidents/{inc['id']}/actors/{actor['id']}"), 404)
    # the actor itself survives
    assert c.get(f"/v1/actors/{actor['id']}").status_code == 200


def test_nested_on_missing_parent_is_404(c: httpx2.Client) -> None:
    missing = str(uuid.uuid4())
    assert_problem(c.get(f"/v1/incidents/{missing}/actors"), 404)
    assert_problem(c.get(f"/v1/incidents/{missing}/statements"), 404)
    assert_problem(c.get(f"/v1/incidents/{missing}/casualty-reports"), 404)
    assert_problem(c.get(f"/v1/actors/{missing}/incidents"), 404)
    actor = make_actor(c)
    assert_problem(
        c.post(f"/v1/incidents/{missing}/actors", json={"actor_id": actor["id"], "role": "target"}), 404
    )


def test_nested_statements_and_casualty_reports(c: httpx2.Client) -> None:
    inc, other = make_incident(c), make_incident(c)
    actor = make_actor(c)
    source = make_source(c)
    s1 = make_statement(c, actor["id"], incident_id=inc["id"])
    s2 = make_statement(c, actor["id"], incident_id=inc["id"])
    make_statement(c, actor["id"], incident_id=other["id"])
    r1 = make_report(c, inc["id"], source["id"], killed=1)
    make_report(c, other["id"], source["id"], killed=1)
    st = c.get(f"/v1/incidents/{inc['id']}/statements")
    assert st.status_code == 200
    assert sorted(ids(st.json()["items"])) == sorted([s1["id"], s2["id"]])
    assert st.json()["items"][0] in (s1, s2)
    page = c.get(f"/v1/incidents/{inc['id']}/statements", params={"limit": 1})
    assert len(page.json()["items"]) == 1
    assert page.json()["next_cursor"]
    assert 'rel="next"' in page.headers["link"]
    cr = c.get(f"/v1/incidents/{inc['id']}/casualty-reports")
    assert cr.status_code == 200
    assert ids(cr.json()["items"]) == [r1["id"]]
    assert cr.json()["items"][0] == r1


def test_unknown_query_param_on_nested_actor_list_is_422(c: httpx2.Client) -> None:
    inc = make_incident(c)
    assert_problem(c.get(f"/v1/incidents/{inc['id']}/actors", params={"bogus": "1"}), 422)


# --- deleting what others point to ------------------------------------------------------------------


def test_delete_actor_with_statements_is_409_nothing_deleted(c: httpx2.Client) -> None:
    actor = make_actor(c)
    inc = make_incident(c)
    st = make_statement(c, actor["id"], incident_id=inc["id"])
    c.post(f"/v1/incidents/{inc['id']}/actors", json={"actor_id": actor["id"], "role": "commentator"})
    body = assert_problem(c.delete(f"/v1/actors/{actor['id']}"), 409)
    assert "statement" in body["detail"]
    assert c.get(f"/v1/actors/{actor['id']}").json()["version"] == 1
    assert c.get(f"/v1/statements/{st['id']}").status_code == 200
    assert [a["actor_id"] for a in c.get(f"/v1/incidents/{inc['id']}").json()["actors"]] == [actor["id"]]


def test_delete_incident_with_reports_is_409_nothing_deleted(c: httpx2.Client) -> None:
    source = make_source(c)
    inc = make_incident(c, source_ids=[source["id"]])
    rep = make_report(c, inc["id"], source["id"], killed=1)
    actor = make_actor(c)
    st = make_statement(c, actor["id"], incident_id=inc["id"])
    body = assert_problem(c.delete(f"/v1/incidents/{inc['id']}"), 409)
    assert "report" in body["detail"] or "casualt" in body["detail"]
    assert c.get(f"/v1/incidents/{inc['id']}").status_code == 200
    assert c.get(f"/v1/casualty-reports/{rep['id']}").status_code == 200
    assert c.get(f"/v1/statements/{st['id']}").json()["incident_id"] == inc["id"]


def test_delete_source_cited_by_report_is_409(c: httpx2.Client) -> None:
    source = make_source(c)
    inc = make_incident(c)
    rep = make_report(c, inc["id"], source["id"], killed=1)
    assert_problem(c.delete(f"/v1/sources/{source['id']}"), 409)
    assert c.get(f"/v1/sources/{source['id']}").status_code == 200
    assert c.get(f"/v1/casualty-reports/{rep['id']}").status_code == 200


def test_delete_source_cited_by_evidence_is_409(c: httpx2.Client) -> None:
    text = f"The ministry condemned the attack. {token()}"
    source = make_source(c, text=text)
    actor = make_actor(c)
    st = make_statement(
        c, actor["id"], evidence=[{"source_id": source["id"], "start": 4, "end": 12, "quote": "ministry"}]
    )
    assert_problem(c.delete(f"/v1/sources/{source['id']}"), 409)
    assert c.get(f"/v1/statements/{st['id']}").json()["evidence"][0]["quote"] == "ministry"


def test_unreferenced_rows_delete_freely(c: httpx2.Client) -> None:
    actor = make_actor(c)
    st = make_statement(c, actor["id"])
    assert c.delete(f"/v1/statements/{st['id']}").status_code == 204
    assert c.delete(f"/v1/actors/{actor['id']}").status_code == 204


# --- pagination and sorting ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pager(c: httpx2.Client) -> str:
    tok = token()
    for i in range(52):
        make_actor(c, name=f"Pager {tok} {i:02d}")
    return tok


def test_limit_default_max_and_over_max(c: httpx2.Client, pager: str) -> None:
    tok = pager
    first = c.get("/v1/actors", params={"q": tok})
    assert first.status_code == 200
    assert len(first.json()["items"]) == 50
    cursor = first.json()["next_cursor"]
    assert isinstance(cursor, str)
    assert cursor
    link = first.headers["link"]
    m = re.match(r'^<([^>]+)>;\s*rel="next"$', link)
    assert m, link
    assert parse_qs(urlsplit(m.group(1)).query)["cursor"] == [cursor]
    assert parse_qs(urlsplit(m.group(1)).query)["q"] == [tok]
    assert len(c.get("/v1/actors", params={"q": tok, "limit": 500}).json()["items"]) == 52
    assert_validation(c.get("/v1/actors", params={"limit": 501}), "limit")
    assert_validation(c.get("/v1/actors", params={"limit": 0}), "limit")
    assert_validation(c.get("/v1/actors", params={"limit": "ten"}), "limit")


def test_following_link_next_gives_the_rest(c: httpx2.Client, pager: str) -> None:
    first = c.get("/v1/actors", params={"q": pager})
    link = first.headers["link"]
    second = c.get(link[1 : link.index(">")])
    assert second.status_code == 200
    assert len(second.json()["items"]) == 2
    assert second.json()["next_cursor"] is None
    assert "link" not in second.headers
    seen = ids(first.json()["items"]) + ids(second.json()["items"])
    assert len(set(seen)) == 52


def _walk(c: httpx2.Client, path: str, params: dict[str, Any], max_pages: int) -> list[str]:
    """Follow next_cursor, giving up after max_pages (a cursor that repeats a page loops forever)."""
    seen: list[str] = []
    p = dict(params)
    for _ in range(max_pages):
        r = c.get(path, params=p)
        assert r.status_code == 200, r.text
        seen += ids(r.json()["items"])
        if r.json()["next_cursor"] is None:
            return seen
        p["cursor"] = r.json()["next_cursor"]
    return seen


@pytest.mark.parametrize("things", ["sources", "incidents", "actors", "statements", "casualty-reports"])
def test_default_sort_pages_through_rows_made_the_same_day(c: httpx2.Client, things: str) -> None:
    spec = _bodies(c)[things]
    made = []
    for _ in range(3):
        body = dict(spec["body"])
        if things == "sources":
            body["text"] = f"Body {token()}"
        if things == "actors":
            body["name"] = f"N {token()}"
        r = c.post(f"/v1/{things}", json=body)
        assert r.status_code == 201
        made.append(r.json())
    since = made[0]["updated_at"]
    seen = _walk(c, f"/v1/{things}", {"updated_since": since, "limit": 1}, max_pages=10)
    assert sorted(seen) == sorted(ids(made))


@pytest.mark.parametrize("sort", ["occurred_at", "-occurred_at", "created_at", "-created_at"])
def test_incident_sorts_page_through_ties(c: httpx2.Client, sort: str) -> None:
    tag = token()
    made = [make_incident(c, tags=[tag], occurred_at="2024-05-05T05:00:00Z") for _ in range(3)]
    seen = _walk(c, "/v1/incidents", {"tag": tag, "sort": sort, "limit": 1}, max_pages=10)
    assert sorted(seen) == sorted(ids(made))


@pytest.mark.parametrize("things", ["sources", "incidents", "actors", "statements", "casualty-reports"])
def test_limit_501_is_422_everywhere(c: httpx2.Client, things: str) -> None:
    assert_validation(c.get(f"/v1/{things}", params={"limit": 501}), "limit")
    assert c.get(f"/v1/{things}", params={"limit": 500}).status_code == 200


def test_tampered_cursor_is_400(c: httpx2.Client) -> None:
    tok = token()
    for i in range(3):
        make_actor(c, name=f"Cursor {tok} {i}")
    cursor = c.get("/v1/actors", params={"q": tok, "limit": 1}).json()["next_cursor"]
    flipped = cursor[:-2] + ("A" if cursor[-2] != "A" else "B") + cursor[-1]
    for bad in (flipped, "not-a-cursor", "%%%", cursor + "x", "eyJhIjoxfQ"):
        assert_problem(c.get("/v1/actors", params={"q": tok, "limit": 1, "cursor": bad}), 400)
    # a cursor from one sort used with another
    r = c.get("/v1/actors", params={"q": tok, "limit": 1, "cursor": cursor, "sort": "name"})
    assert_problem(r, 400)


def _tagged(c: httpx2.Client, tag: str, **params: Any) -> list[dict[str, Any]]:
    return all_pages(c, "/v1/incidents", {"tag": tag, **params})


def test_sort_occurred_at_ties_broken_by_id(c: httpx2.Client) -> None:
    tag = token()
    rows = [make_incident(c, tags=[tag], occurred_at="2024-03-01T00:00:00Z") for _ in range(4)]
    rows += [make_incident(c, tags=[tag], occurred_at="2024-02-01T00:00:00Z") for _ in range(2)]
    early = sorted(r["id"] for r in rows[4:])
    late = sorted(r["id"] for r in rows[:4])
    # one page shows the order the server means: by occurred_at, then id
    one = ids(
        c.get("/v1/incidents", params={"tag": tag, "sort": "occurred_at", "limit": 500}).json()["items"]
    )
    assert one == early + late
    one = ids(
        c.get("/v1/incidents", params={"tag": tag, "sort": "-occurred_at", "limit": 500}).json()["items"]
    )
    assert one == list(reversed(late)) + list(reversed(early))
    asc = _walk(c, "/v1/incidents", {"tag": tag, "sort": "occurred_at", "limit": 1}, max_pages=10)
    assert asc == early + late
    desc = _walk(c, "/v1/incidents", {"tag": tag, "sort": "-occurred_at", "limit": 1}, max_pages=10)
    assert desc == list(reversed(late)) + list(reversed(early))
    # default is a stable order too
    assert sorted(ids(_tagged(c, tag, limit=2))) == sorted(early + late)


def test_unknown_sort_is_422(c: httpx2.Client) -> None:
    assert_validation(c.get("/v1/incidents", params={"sort": "colour"}), "sort")


def test_pages_never_repeat_or_skip_while_rows_are_added(c: httpx2.Client) -> None:
    tag = token()
    base = datetime(2024, 4, 1, tzinfo=UTC)
    originals = [make_incident(c, tags=[tag], occurred_at=utc(base + timedelta(days=i))) for i in range(6)]
    seen: list[str] = []
    r = c.get("/v1/incidents", params={"tag": tag, "sort": "occurred_at", "limit": 2})
    seen += ids(r.json()["items"])
    cursor = r.json()["next_cursor"]
    inserted_after = []
    step = 0
    while cursor:
        # rows before the cursor (already passed) and after it, some tying on occurred_at
        make_incident(c, tags=[tag], occurred_at=utc(base - timedelta(days=1 + step)))
        make_incident(c, tags=[tag], occurred_at=utc(base))
        inserted_after.append(make_incident(c, tags=[tag], occurred_at=utc(base + timedelta(days=30 + step))))
        step += 1
        r = c.get("/v1/incidents", params={"tag": tag, "sort": "occurred_at", "limit": 2, "cursor": cursor})
        assert r.status_code == 200
        seen += ids(r.json()["items"])
        cursor = r.json()["next_cursor"]
        assert step < 50
    assert len(seen) == len(set(seen)), "a row was repeated"
    assert set(ids(originals)) <= set(seen), "a row was skipped"
    assert set(ids(inserted_after)) <= set(seen)
    occurred = [parse_ts(x["occurred_at"]) for x in _tagged(c, tag, sort="occurred_at", limit=500)]
    assert occurred == sorted(occurred)


def test_with_total(c: httpx2.Client) -> None:
    tag = token()
    for _ in range(3):
        make_incident(c, tags=[tag])
    r = c.get("/v1/incidents", params={"tag": tag, "limit": 1, "with_total": "true"})
    assert r.json()["total"] == 3
    assert len(r.json()["items"]) == 1
    assert "total" not in c.get("/v1/incidents", params={"tag": tag}).json()
    r = c.get("/v1/incidents", params={"tag": tag, "with_total": "false"})
    assert "total" not in r.json()


@pytest.mark.parametrize("things", ["sources", "incidents", "actors", "statements", "casualty-reports"])
def test_unknown_query_param_is_422(c: httpx2.Client, things: str) -> None:
    body = assert_validation(c.get(f"/v1/{things}", params={"colour": "red"}), "colour")
    assert body["status"] == 422


def test_unknown_query_param_on_nested_lists_is_422(c: httpx2.Client) -> None:
    inc = make_incident(c)
    actor = make_actor(c)
    assert_validation(c.get(f"/v1/incidents/{inc['id']}/statements", params={"colour": "x"}), "colour")
    assert_validation(c.get(f"/v1/incidents/{inc['id']}/casualty-reports", params={"colour": "x"}), "colour")
    assert_validation(c.get(f"/v1/actors/{actor['id']}/incidents", params={"colour": "x"}), "colour")


# --- incident filters -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(c: httpx2.Client) -> dict[str, Any]:
    """A handful of incidents sharing one tag, differing in every filtered field."""
    tag = token()
    word = token()
    source = make_source(c)
    perp = make_actor(c, name=f"Militia {word}")
    speaker = make_actor(c, kind="person")
    a = make_incident(
        c,
        title=f"Rockets on the compound {word}",
        tags=[tag, "rocket-attack"],
        occurred_at="2023-12-08T01:00:00Z",
        status="confirmed",
        location={"country_code": "IQ", "latitude": 33.3, "longitude": 44.4, "name": "Baghdad"},
    )
    b = make_incident(
        c,
        title="Clash near the border",
        summary=f"Fighting broke out; {word} was blamed.",
        tags=[tag],
        event_type="Battles",
        sub_event_type="Armed clash",
        occurred_at="2024-01-10T12:00:00Z",
        location={"country_code": "SY", "latitude": 36.2, "longitude": 37.1, "name": "Aleppo"},
    )
    d = make_incident(
        c,
        title="Protest in the square",
        tags=[tag],
        event_type="Protests",
        sub_event_type="Peaceful protest",
        occurred_at="2024-02-15T08:00:00Z",
        status="disputed",
        location={"country_code": "IQ", "name": "Basra"},
    )
    quoted = make_incident(c, title="Quiet day", tags=[tag], occurred_at="2024-03-01T00:00:00Z")
    stmt_word = token()
    make_statement(c, speaker["id"], incident_id=quoted["id"], text=f"We saw {stmt_word} fired.")
    c.post(f"/v1/incidents/{a['id']}/actors", json={"actor_id": perp["id"], "role": "perpetrator"})
    c.post(f"/v1/incidents/{b['id']}/actors", json={"actor_id": perp["id"], "role": "target"})
    c.post(f"/v1/incidents/{d['id']}/actors", json={"actor_id": speaker["id"], "role": "perpetrator"})
    make_report(c, a["id"], source["id"], killed=12)
    make_report(c, b["id"], source["id"], killed=3)
    make_report(c, d["id"], source["id"], killed=0, injured=0, qualifier="none_reported")
    return {
        "tag": tag,
        "word": word,
        "stmt_word": stmt_word,
        "a": a["id"],
        "b": b["id"],
        "d": d["id"],
        "quoted": quoted["id"],
        "perp": perp["id"],
        "speaker": speaker["id"],
    }


def _filtered(c: httpx2.Client, w: dict[str, Any], **params: Any) -> set[str]:
    r = c.get("/v1/incidents", params={"tag": w["tag"], "limit": 500, **params})
    assert r.status_code == 200, r.text
    return set(ids(r.json()["items"]))


def test_filter_tag(c: httpx2.Client, world: dict[str, Any]) -> None:
    w = world
    assert _filtered(c, w) == {w["a"], w["b"], w["d"], w["quoted"]}
    r = c.get("/v1/incidents", params={"tag": "rocket-attack", "limit": 500})
    assert w["a"] in ids(r.json()["items"])
    assert w["b"] not in ids(r.json()["items"])


def test_filter_q_title_and_summary(c: httpx2.Client, world: dict[str, Any]) -> None:
    w = world
    assert _filtered(c, w, q=w["word"]) == {w["a"], w["b"]}
    assert _filtered(c, w, q=w["word"].upper()) == {w["a"], w["b"]}


def test_filter_q_statement_text(c: httpx2.Client, world: dict[str, Any]) -> None:
    assert _filtered(c, world, q=world["stmt_word"]) == {world["quoted"]}


def test_filter_occurred_after_before(c: httpx2.Client, world: dict[str, Any]) -> None:
    w = world
    assert _filtered(c, w, occurred_after="2024-01-01T00:00:00Z") == {w["b"], w["d"], w["quoted"]}
    assert _filtered(c, w, occurred_before="2024-01-01T00:00:00Z") == {w["a"]}
    assert _filtered(
        c, w, occurred_after="2024-01-01T00:00:00Z", occurred_before="2024-02-20T00:00:00+00:00"
    ) == {w["b"], w["d"]}
    assert_validation(c.get("/v1/incidents", params={"occurred_after": "yesterday"}), "occurred_after")


def test_filter_country_event_type_status(c: httpx2.Client, world: dict[str, Any]) -> None:
    w = world
    assert _filtered(c, w, country_code="IQ") == {w["a"], w["d"]}
    assert _filtered(c, w, country_code="SY") == {w["b"]}
    assert _filtered(c, w, event_type="Battles") == {w["b"]}
    assert _filtered(c, w, event_type="Explosions/Remote violence") == {w["a"], w["quoted"]}
    assert _filtered(c, w, status="disputed") == {w["d"]}
    assert _filtered(c, w, status="confirmed") == {w["a"]}
    assert_validation(c.get("/v1/incidents", params={"status": "rumoured"}), "status")
    assert_validation(c.get("/v1/incidents", params={"event_type": "Bombing"}), "event_type")


def test_filter_actor_and_role(c: httpx2.Client, world: dict[str, Any]) -> None:
    w = world
    assert _filtered(c, w, actor_id=w["perp"]) == {w["a"], w["b"]}
    assert _filtered(c, w, actor_id=w["perp"], role="perpetrator") == {w["a"]}
    assert _filtered(c, w, role="perpetrator") == {w["a"], w["d"]}
    assert _filtered(c, w, role="target") == {w["b"]}
    mine = c.get(f"/v1/actors/{w['perp']}/incidents", params={"sort": "occurred_at"})
    assert ids(mine.json()["items"]) == [w["a"], w["b"]]
    mine = c.get(f"/v1/actors/{w['perp']}/incidents", params={"role": "target"})
    assert ids(mine.json()["items"]) == [w["b"]]


def test_filter_bbox(c: httpx2.Client, world: dict[str, Any]) -> None:
    w = world
    assert _filtered(c, w, bbox="44.0,33.0,45.0,34.0") == {w["a"]}
    assert _filtered(c, w, bbox="30,30,50,40") == {w["a"], w["b"]}
    for bad in ("44,33,45", "a,b,c,d", "45.0,33.0,44.0,34.0", "0,-91,10,10"):
        assert_validation(c.get("/v1/incidents", params={"bbox": bad}), "bbox")


def test_filter_min_killed(c: httpx2.Client, world: dict[str, Any]) -> None:
    w = world
    assert _filtered(c, w, min_killed=10) == {w["a"]}
    assert _filtered(c, w, min_killed=3) == {w["a"], w["b"]}
    assert _filtered(c, w, min_killed=0) == {w["a"], w["b"], w["d"]}
    assert_validation(c.get("/v1/incidents", params={"min_killed": -1}), "min_killed")


def test_filter_updated_since(c: httpx2.Client) -> None:
    tag = token()
    old = [make_incident(c, tags=[tag]) for _ in range(2)]
    latest = max(parse_ts(o["updated_at"]) for o in old)
    time.sleep(0.05)
    changed = c.patch(f"/v1/incidents/{old[0]['id']}", json={"status": "confirmed"}).json()
    since = utc(latest + timedelta(milliseconds=1))
    r = c.get("/v1/incidents", params={"tag": tag, "updated_since": since})
    assert ids(r.json()["items"]) == [changed["id"]]
    r = c.get("/v1/incidents", params={"tag": tag, "updated_since": changed["updated_at"]})
    assert ids(r.json()["items"]) == [changed["id"]]


def test_filters_combine(c: httpx2.Client, world: dict[str, Any]) -> None:
    w = world
    assert _filtered(c, w, country_code="IQ", status="disputed", role="perpetrator") == {w["d"]}
    assert _filtered(c, w, country_code="SY", status="disputed") == set()


# --- actor and statement filters -----------------------------------------------------------------


def test_actor_filters(c: httpx2.Client) -> None:
    tok = token()
    a = make_actor(c, name=f"Kataib {tok}", kind="armed_group", country_code="IQ")
    b = make_actor(c, name="Popular Mobilization", aliases=[f"PMF {tok}", "Hashd"], kind="armed_group")
    g = make_actor(c, name=f"Ministry {tok}", kind="government", country_code="SY")

    def q(**params: Any) -> set[str]:
        r = c.get("/v1/actors", params={"q": tok, "limit": 500, **params})
        assert r.status_code == 200, r.text
        return set(ids(r.json()["items"]))

    assert q() == {a["id"], b["id"], g["id"]}
    assert q(kind="armed_group") == {a["id"], b["id"]}
    assert q(country_code="IQ") == {a["id"]}
    assert q(kind="government", country_code="SY") == {g["id"]}
    # q searches aliases too, case-insensitively
    r = c.get("/v1/actors", params={"q": f"pmf {tok}".upper()})
    assert ids(r.json()["items"]) == [b["id"]]
    assert_validation(c.get("/v1/actors", params={"kind": "warlord"}), "kind")


def test_statement_filters(c: httpx2.Client) -> None:
    tok = token()
    s1, s2 = make_actor(c), make_actor(c)
    inc = make_incident(c)
    a = make_statement(c, s1["id"], incident_id=inc["id"], stance="condemnation", text=f"We condemn {tok}.")
    b = make_statement(c, s1["id"], stance="denial", text=f"We deny {tok}.")
    d = make_statement(c, s2["id"], incident_id=inc["id"], stance="condemnation", text="Nothing to see.")

    def q(**params: Any) -> set[str]:
        r = c.get("/v1/statements", params={"limit": 500, **params})
        assert r.status_code == 200, r.text
        return set(ids(r.json()["items"]))

    assert q(speaker_id=s1["id"]) == {a["id"], b["id"]}
    assert q(incident_id=inc["id"]) == {a["id"], d["id"]}
    assert q(incident_id=inc["id"], stance="condemnation") == {a["id"], d["id"]}
    assert q(speaker_id=s1["id"], stance="denial") == {b["id"]}
    assert q(q=tok) == {a["id"], b["id"]}
    assert q(q=tok, speaker_id=s1["id"], incident_id=inc["id"]) == {a["id"]}
    assert_validation(c.get("/v1/statements", params={"stance": "praise"}), "stance")


# --- the seeded incident, as an analyst would look at it ---------------------------------------------


@pytest.fixture(scope="module")
def seeded(c: httpx2.Client) -> dict[str, Any]:
    items = all_pages(
        c,
        "/v1/incidents",
        {"occurred_after": "2023-12-07T00:00:00Z", "occurred_before": "2023-12-09T00:00:00Z", "limit": 500},
    )
    hits = [
        i
        for i in items
        if not any(t.startswith("tok") for t in i["tags"])
        and "embassy" in i["title"].lower()
        and "baghdad" in (i["title"] + json.dumps(i["location"])).lower()
    ]
    assert len(hits) == 1, [i["title"] for i in items]
    return hits[0]


def test_seeded_incident_is_listed(c: httpx2.Client, seeded: dict[str, Any]) -> None:
    inc = seeded
    assert inc["occurred_at"].startswith("2023-12-08")
    assert inc["event_type"] == "Explosions/Remote violence"
    assert inc["sub_event_type"] == "Shelling/artillery/missile attack"
    assert inc["disorder_type"] == "Political violence"
    assert inc["location"]["country_code"] == "IQ"
    assert 33.0 < inc["location"]["latitude"] < 34.0
    assert 44.0 < inc["location"]["longitude"] < 45.0
    assert inc["source_count"] >= 1
    assert inc["claim_status"] == "unclaimed"
    r = c.get("/v1/incidents", params={"q": "embassy", "country_code": "IQ", "limit": 500})
    assert inc["id"] in ids(r.json()["items"])
    r = c.get("/v1/incidents", params={"bbox": "44.0,33.0,45.0,34.0", "limit": 500})
    assert inc["id"] in ids(r.json()["items"])


def test_seeded_incident_actors_and_roles(c: httpx2.Client, seeded: dict[str, Any]) -> None:
    got = c.get(f"/v1/incidents/{seeded['id']}")
    assert got.status_code == 200
    etag_of(got)
    actors = got.json()["actors"]
    by_role: dict[str, list[dict[str, Any]]] = {}
    for a in actors:
        by_role.setdefault(a["role"], []).append(a)
    targets = [a for a in by_role.get("target", []) if "embassy" in a["name"].lower()]
    assert targets, actors
    assert targets[0]["kind"] == "diplomatic_mission"
    perps = by_role.get("perpetrator", [])
    assert perps
    assert all(p["confidence"] in ("suspected", "alleged") for p in perps)
    assert any("militia" in p["name"].lower() for p in perps)
    nested = c.get(f"/v1/incidents/{seeded['id']}/actors").json()["items"]
    assert sorted((a["actor_id"], a["role"]) for a in nested) == sorted(
        (a["actor_id"], a["role"]) for a in actors
    )
    for a in actors:
        assert c.get(f"/v1/actors/{a['actor_id']}").status_code == 200
        theirs = c.get(f"/v1/actors/{a['actor_id']}/incidents", params={"limit": 500}).json()["items"]
        assert seeded["id"] in ids(theirs)


def test_seeded_quotes_have_speakers_and_evidence(c: httpx2.Client, seeded: dict[str, Any]) -> None:
    items = all_pages(c, f"/v1/incidents/{seeded['id']}/statements", {})
    assert len(items) == seeded["statement_count"] >= 1
    quotes = [s for s in items if s["kind"] == "direct_quote"]
    assert quotes
    for s in items:
        speaker = c.get(f"/v1/actors/{s['speaker_id']}")
        assert speaker.status_code == 200
        assert s["incident_id"] == seeded["id"]
    sources = {sid: c.get(f"/v1/sources/{sid}").json()["text"] for sid in seeded["source_ids"]}
    for s in quotes:
        # a direct quote is verbatim: its text is in the source
        assert any(s["text"] in t for t in sources.values()), s["text"]
        assert s["evidence"], s
        for ev in s["evidence"]:
            assert sources[ev["source_id"]][ev["start"] : ev["end"]] == ev["quote"]
    r = c.get("/v1/statements", params={"incident_id": seeded["id"], "limit": 500})
    assert sorted(ids(r.json()["items"])) == sorted(ids(items))


def test_seeded_casualty_report(c: httpx2.Client, seeded: dict[str, Any]) -> None:
    reports = c.get(f"/v1/incidents/{seeded['id']}/casualty-reports").json()["items"]
    assert len(reports) >= 1
    none = [r for r in reports if r["qualifier"] == "none_reported"]
    assert none
    assert none[0]["killed"] == 0
    assert none[0]["injured"] == 0
    assert seeded["casualties"]["killed"]["best"] == 0
    assert set(seeded["casualties"]["report_ids"]) <= set(ids(reports))
    for rep in reports:
        assert rep["source_id"] in seeded["source_ids"]
        for ev in rep["evidence"]:
            text = c.get(f"/v1/sources/{ev['source_id']}").json()["text"]
            assert text[ev["start"] : ev["end"]] == ev["quote"]


def test_seeded_evidence_spans_hold(c: httpx2.Client, seeded: dict[str, Any]) -> None:
    texts = {sid: c.get(f"/v1/sources/{sid}").json()["text"] for sid in seeded["source_ids"]}
    spans = list(seeded["evidence"]) + [ev for a in seeded["actors"] for ev in a["evidence"]]
    assert spans
    for ev in spans:
        text = texts[ev["source_id"]]
        assert text[ev["start"] : ev["end"]] == ev["quote"]
        assert ev["start_utf16"] == len(text[: ev["start"]].encode("utf-16-le")) // 2
        assert text[: ev["start"]].endswith(ev["prefix"])
        assert len(ev["prefix"]) <= 32
        assert text[ev["end"] :].startswith(ev["suffix"])
        assert len(ev["suffix"]) <= 32


# --- smaller violations found while probing ------------------------------------------------------------


def test_merge_patch_moves_one_coordinate(c: httpx2.Client) -> None:
    inc = make_incident(c, location={"name": "A", "latitude": 33.3, "longitude": 44.4})
    r = c.patch(f"/v1/incidents/{inc['id']}", json={"location": {"latitude": 33.5}})
    assert r.status_code == 200, r.text
    assert (r.json()["location"]["latitude"], r.json()["location"]["longitude"]) == (33.5, 44.4)


def test_unassigned_country_code_is_422(c: httpx2.Client) -> None:
    r = c.post(
        "/v1/incidents",
        json={
            "title": "x",
            "event_type": "Battles",
            "occurred_at": "2024-01-01T00:00:00Z",
            "location": {"country_code": "XX"},
        },
    )
    assert_validation(r, "country_code")


def test_overlong_cursor_is_400(c: httpx2.Client) -> None:
    assert_problem(c.get("/v1/incidents", params={"cursor": "A" * 3000}), 400)


def test_incident_etag_moves_when_an_embedded_actor_is_renamed(c: httpx2.Client) -> None:
    inc = make_incident(c)
    actor = make_actor(c)
    c.post(f"/v1/incidents/{inc['id']}/actors", json={"actor_id": actor["id"], "role": "target"})
    before = c.get(f"/v1/incidents/{inc['id']}")
    c.patch(f"/v1/actors/{actor['id']}", json={"name": f"Renamed {token()}"})
    after = c.get(f"/v1/incidents/{inc['id']}")
    assert after.json()["actors"][0]["name"] != before.json()["actors"][0]["name"]
    assert after.headers["etag"] != before.headers["etag"]


def test_incident_actor_nested_post_honours_if_match(c: httpx2.Client) -> None:
    inc = make_incident(c)
    actor = make_actor(c)
    r = c.post(
        f"/v1/incidents/{inc['id']}/actors",
        json={"actor_id": actor["id"], "role": "target"},
        headers={"If-Match": '"99"'},
    )
    assert_problem(r, 412)
    assert c.get(f"/v1/incidents/{inc['id']}").json()["actors"] == []


def test_body_of_exactly_1_mib_is_not_413(c: httpx2.Client) -> None:
    empty = json.dumps({"title": "big", "text": ""}).encode()
    body = json.dumps({"title": "big", "text": "a" * (1024 * 1024 - len(empty))}).encode()
    assert len(body) == 1024 * 1024
    r = c.post("/v1/sources", content=body, headers={"content-type": "application/json"})
    assert_validation(r, "text")
    r = c.post("/v1/sources", content=body + b" ", headers={"content-type": "application/json"})
    assert_problem(r, 413)


def test_actor_incidents_pages_through_ties(c: httpx2.Client) -> None:
    actor = make_actor(c)
    made = [make_incident(c, occurred_at="2024-06-06T06:00:00Z") for _ in range(3)]
    for inc in made:
        c.post(f"/v1/incidents/{inc['id']}/actors", json={"actor_id": actor["id"], "role": "target"})
    seen = _walk(c, f"/v1/actors/{actor['id']}/incidents", {"limit": 1}, max_pages=10)
    assert sorted(seen) == sorted(ids(made))


@pytest.mark.parametrize("when", ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"])
def test_out_of_range_timestamp_in_a_body_is_not_500(c: httpx2.Client, when: str) -> None:
    r = c.post("/v1/incidents", json={"title": "x", "event_type": "Battles", "occurred_at": when})
    assert r.status_code in (201, 422), r.text


@pytest.mark.parametrize("param", ["updated_since", "occurred_after", "occurred_before"])
def test_out_of_range_timestamp_in_a_filter_is_not_500(c: httpx2.Client, param: str) -> None:
    r = c.get("/v1/incidents", params={param: "9999-12-31T23:59:59-05:00"})
    assert r.status_code in (200, 422), r.text


def test_huge_min_killed_is_not_500(c: httpx2.Client) -> None:
    r = c.get("/v1/incidents", params={"min_killed": "99999999999999999999999"})
    assert r.status_code in (200, 422), r.text


def test_incident_actor_has_every_resource_field(c: httpx2.Client) -> None:
    inc = make_incident(c)
    actor = make_actor(c)
    r = c.post(f"/v1/incidents/{inc['id']}/actors", json={"actor_id": actor["id"], "role": "target"})
    assert r.status_code == 201
    assert_resource(r.json())
    assert r.json()["version"] == 1
    (listed,) = c.get(f"/v1/incidents/{inc['id']}/actors").json()["items"]
    assert_resource(listed)


def test_nested_actor_evidence_error_names_the_field(c: httpx2.Client) -> None:
    text = f"Police said nobody was hurt. {token()}"
    source = make_source(c, text=text)
    inc = make_incident(c)
    actor = make_actor(c)
    r = c.post(
        f"/v1/incidents/{inc['id']}/actors",
        json={
            "actor_id": actor["id"],
            "role": "responder",
            "evidence": [{"source_id": source["id"], "start": 0, "end": 6, "quote": "police"}],
        },
    )
    body = assert_validation(r, "evidence.0")
    assert [e["field"] for e in body["errors"]] == ["evidence.0.quote"]
