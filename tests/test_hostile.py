"""Hostile input is refused cleanly (413, 422), never a 500; nothing internal leaks; responses are tagged."""

import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import make_actor

JSON = {"content-type": "application/json"}
INTERNALS = ("Traceback", "sqlalchemy", "psycopg", "SELECT", "/work/", ".py", "site-packages")


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    for leak in INTERNALS:
        assert leak not in response.text
    body = response.json()
    assert body["status"] == status
    return body  # type: ignore[no-any-return]


def test_body_over_one_mib_is_413_before_parsing(client: TestClient) -> None:
    body = assert_problem(client.post("/v1/actors", content=b"x" * (1024 * 1024 + 1), headers=JSON), 413)
    assert body["detail"] == "the request body is larger than 1048576 bytes"


def test_chunked_body_without_content_length_is_counted(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(12):
            yield b" " * 100_000

    response = client.post("/v1/actors", content=chunks(), headers=JSON)
    assert "content-length" not in response.request.headers
    assert_problem(response, 413)
    # ...also when the body is read first by the Idempotency-Key layer
    response = client.post("/v1/actors", content=chunks(), headers={**JSON, "Idempotency-Key": "big"})
    assert_problem(response, 413)


def test_a_body_just_under_the_limit_is_parsed(client: TestClient) -> None:
    padded = json.dumps({"name": "A", "kind": "state"}).encode() + b" " * (1024 * 1024 - 40)
    assert client.post("/v1/actors", content=padded, headers=JSON).status_code == 201


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (b"{not json", "body"),  # the character where parsing stopped is in the message, not the field
        (b'{"name": "x", "kind": "state"', "body"),
        (b'{"name": "\xff\xfe", "kind": "state"}', "body"),  # invalid UTF-8
        (b"[" * 50_000 + b"]" * 50_000, "body"),  # nesting deeper than the parser goes
        (b'{"name": 5, "kind": "state"}', "name"),
        (b'{"name": ["x"], "kind": "state"}', "name"),
        (b"[1, 2]", "body"),
        (b'{"name": "\\ud800", "kind": "state"}', "name"),  # a lone surrogate
        (b'{"name": "tab\\u0000nul", "kind": "state"}', "name"),
        (b'{"name": "bell\\u0007", "kind": "state"}', "name"),
        (b'{"name": "two\\nlines", "kind": "state"}', "name"),
        (b'{"name": "nel\\u0085", "kind": "state"}', "name"),  # a line break (NEL) in a name
        (b'{"name": "csi\\u009b2J", "kind": "state"}', "name"),  # a C1 control
        (b'{"name": "line\\u2028separator", "kind": "state"}', "name"),
        ('{"name": "x", "kind": "state"}'.encode("utf-16"), "body"),  # JSON is UTF-8 (RFC 8259)
        (b'{"name": "x", "kind": "state", "\\ud800": 1}', "body"),
    ],
)
def test_malformed_bodies_are_422(client: TestClient, raw: bytes, field: str) -> None:
    body = assert_problem(client.post("/v1/actors", content=raw, headers=JSON), 422)
    assert body["errors"][0]["field"] == field
    assert client.get("/v1/actors").json()["items"] == []


def test_documented_length_limits_are_422(client: TestClient) -> None:
    body = assert_problem(client.post("/v1/actors", json={"name": "x" * 201, "kind": "state"}), 422)
    assert body["errors"] == [{"field": "name", "message": "String should have at most 200 characters"}]
    assert client.post("/v1/actors", json={"name": "x" * 200, "kind": "state"}).status_code == 201
    incident = {
        "title": "t",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "occurred_at": "2024-01-01T00:00:00Z",
    }
    body = assert_problem(client.post("/v1/incidents", json={**incident, "tags": ["a"] * 51}), 422)
    assert body["errors"][0]["field"] == "tags"
    body = assert_problem(client.post("/v1/incidents", json={**incident, "tags": ["a" * 65]}), 422)
    assert body["errors"][0]["field"] == "tags.0"


def test_numbers_out_of_range_are_422(client: TestClient) -> None:
    body = {
        "title": "t",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "occurred_at": "2024-01-01T00:00:00Z",
    }
    raw = json.dumps(body)[:-1].encode() + b', "location": {"latitude": NaN, "longitude": 1e999}}'
    assert_problem(client.post("/v1/incidents", content=raw, headers=JSON), 422)


@pytest.mark.parametrize(
    ("written", "accepted"),
    [
        ("2024-01-05T09:30:00Z", True),
        ("2024-01-05 09:30:00.123456789+03:00", True),  # RFC 3339 allows the space; µs kept
        ("2024-01-05T09:30Z", False),  # no seconds
        ("2024-01-05T09:30:00,5Z", False),  # a comma for the fraction
        ("2024-01-05T09:30:00+0300", False),  # an offset without its colon
        ("2024-01-05T09:30:00", False),  # no offset
        ("2024-01-05", False),  # a date where a date-time is wanted (filters take one: midnight UTC)
    ],
)
def test_times_are_rfc_3339_date_times(client: TestClient, written: str, accepted: bool) -> None:
    body = {
        "title": "t",
        "event_type": "Protests",
        "sub_event_type": "Peaceful protest",
        "occurred_at": written,
    }
    response = client.post("/v1/incidents", json=body)
    if accepted:
        assert response.status_code == 201, response.text
        return
    assert_problem(response, 422)
    assert response.json()["errors"][0]["field"] == "occurred_at"
    if written != "2024-01-05":
        listed = client.get("/v1/incidents", params={"occurred_after": written})
        assert_problem(listed, 422)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("q=a%00b", "q"),
        ("q=%ff%fe", "q"),
        ("country_code=%01", "country_code"),
        ("cursor=%7f", "cursor"),
        ("q%00=x", "query"),
    ],
)
def test_control_characters_and_bad_utf8_in_queries_are_422(
    client: TestClient, query: str, field: str
) -> None:
    body = assert_problem(client.get(f"/v1/actors?{query}"), 422)
    message = "must be UTF-8 text without control characters"
    assert body["errors"] == [{"field": field, "message": message}]
    assert body["detail"] == f"{field}: {message}"


def test_malformed_json_says_where_it_stopped(client: TestClient) -> None:
    body = assert_problem(
        client.post("/v1/actors", content=b'{"name": "x", "kind": "state"', headers=JSON), 422
    )
    assert body["errors"] == [
        {"field": "body", "message": "is not valid JSON (Expecting ',' delimiter at character 29)"}
    ]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/v1/actors?kind=state&colour=red"),
        ("GET", "/v1/incidents/00000000-0000-0000-0000-000000000000?colour=red"),
        ("POST", "/v1/actors?dry_run=true"),
        (
            "DELETE",
            "/v1/incidents/00000000-0000-0000-0000-000000000000/actors/00000000-0000-0000-0000-000000000000?rol=target",
        ),
        ("GET", "/v1/stats/incidents?group_by=month&colour=red"),
    ],
)
def test_unknown_query_parameters_are_422_on_every_endpoint(
    client: TestClient, method: str, path: str
) -> None:
    body = assert_problem(client.request(method, path, json={"name": "A", "kind": "state"}), 422)
    unknown = path.rsplit("&", 1)[-1].rsplit("?", 1)[-1].split("=")[0]
    assert body["errors"] == [{"field": unknown, "message": "is not a parameter of this endpoint"}]
    assert client.get("/v1/actors").json()["items"] == []


def test_a_parameter_given_twice_is_422(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/actors?kind=state&kind=person"), 422)
    assert body["errors"] == [{"field": "kind", "message": "is given more than once; give it once"}]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_a_body_that_is_not_json_is_415(client: TestClient, content_type: str) -> None:
    raw = json.dumps({"name": "A", "kind": "state"}).encode()
    assert_problem(client.post("/v1/actors", content=raw, headers={"Content-Type": content_type}), 415)
    for json_type in ("application/json; charset=utf-8", "application/merge-patch+json"):
        assert client.post("/v1/actors", content=raw, headers={"Content-Type": json_type}).status_code == 201


def test_a_body_without_content_type_is_415(client: TestClient) -> None:
    raw = json.dumps({"name": "A", "kind": "state"}).encode()
    body = assert_problem(client.post("/v1/actors", content=raw, headers={"Content-Type": ""}), 415)
    assert "Content-Type: application/json" in body["detail"]
    assert client.get("/v1/actors").json()["items"] == []


def test_head_is_get_without_the_body(client: TestClient) -> None:
    actor = client.post("/v1/actors", json={"name": "A", "kind": "state"}).json()
    for path in ("/healthz", "/v1/actors", f"/v1/actors/{actor['id']}", "/v1/actors?format=csv"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == 200, path
        assert head.content == b""
        assert head.headers.get("etag") == got.headers.get("etag")
        assert head.headers["content-type"] == got.headers["content-type"]
    allowed = client.put(f"/v1/actors/{actor['id']}").headers["allow"]
    assert allowed == "DELETE, GET, HEAD, PATCH"
    refused = client.head("/v1/actors/not-an-id")
    assert (refused.status_code, refused.headers["content-type"]) == (422, "application/problem+json")


def test_a_bad_path_id_names_the_id(client: TestClient) -> None:
    body = assert_problem(client.get("/v1/incidents/not-an-id/actors"), 422)
    assert [error["field"] for error in body["errors"]] == ["id"]


SQLI = "Robert'); DROP TABLE actors;-- \" OR 1=1 /* %_ \\"


def test_sql_looking_text_is_stored_and_searched_literally(client: TestClient) -> None:
    actor = make_actor(client, name=SQLI, aliases=["x' OR 'x'='x"])
    assert client.get(f"/v1/actors/{actor['id']}").json()["name"] == SQLI
    found = client.get("/v1/actors", params={"q": SQLI}).json()["items"]
    assert [a["name"] for a in found] == [SQLI]
    # LIKE wildcards in a search are characters, not patterns
    assert client.get("/v1/actors", params={"q": "%"}).json()["items"] in ([], found)
    make_actor(client, name="Plain name")
    assert len(client.get("/v1/actors").json()["items"]) == 2


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def app_log() -> Iterator[_Collect]:
    handler = _Collect()
    logger = logging.getLogger("app")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def test_an_unexpected_error_is_a_bare_500_with_a_logged_request_id(
    client: TestClient, app_log: _Collect
) -> None:
    app: Any = client.app

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("SELECT secret FROM /work/app/db.py")

    response = client.get("/boom", headers={"X-Request-ID": "trace-me-123"})
    body = assert_problem(response, 500)
    assert "secret" not in response.text
    assert body["request_id"] == "trace-me-123" == response.headers["X-Request-ID"]
    logged = [r for r in app_log.records if r.levelno == logging.ERROR]
    assert any(getattr(r, "fields", {}).get("request_id") == "trace-me-123" for r in logged)
    assert any(r.exc_info and "SELECT secret" in str(r.exc_info[1]) for r in logged)


def test_request_ids_are_echoed_generated_and_checked(client: TestClient) -> None:
    assert client.get("/healthz", headers={"X-Request-ID": "abc-123"}).headers["X-Request-ID"] == "abc-123"
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32
    for bad in ("has space", "x" * 65, "<script>"):
        echoed = client.get("/healthz", headers={"X-Request-ID": bad}).headers["X-Request-ID"]
        assert echoed != bad
        assert len(echoed) == 32


def test_security_headers_on_every_response(client: TestClient) -> None:
    responses = [
        client.get("/v1/actors"),
        client.get("/v1/nowhere"),
        client.post("/v1/actors", content=b"x" * (2 * 1024 * 1024), headers=JSON),
        client.get("/docs"),
    ]
    for response in responses:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert [r.headers.get("Cache-Control") for r in responses[:3]] == ["no-store"] * 3
    assert "https://cdn.jsdelivr.net" in responses[3].headers["Content-Security-Policy"]
    assert responses[0].headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_access_log_is_one_json_line_without_secrets(client: TestClient, app_log: _Collect) -> None:
    from app.middleware import JsonFormatter

    client.post("/v1/actors", json={"name": "Secret Name", "kind": "state"}, headers={"X-Request-ID": "r-1"})
    lines = [JsonFormatter().format(r) for r in app_log.records if r.name == "app.request"]
    assert len(lines) == 1
    entry = json.loads(lines[0])
    assert {k: entry[k] for k in ("method", "path", "status", "request_id")} == {
        "method": "POST",
        "path": "/v1/actors",
        "status": 201,
        "request_id": "r-1",
    }
    assert entry["key_id"] is not None
    assert isinstance(entry["duration_ms"], float)
    authorization = client.headers["Authorization"].split()[1]
    assert authorization not in lines[0]
    assert "Secret Name" not in lines[0]


def test_cors_origins_come_from_settings(sessions: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.main import create_app
    from app.settings import get_settings

    monkeypatch.setattr(get_settings(), "cors_origins", ["https://app.example.org"])
    with TestClient(create_app(sessions)) as browser:
        preflight = browser.options(
            "/v1/actors",
            headers={
                "Origin": "https://app.example.org",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
            },
        )
        assert preflight.status_code == 200
        assert preflight.headers["Access-Control-Allow-Origin"] == "https://app.example.org"
        response = browser.get("/v1/actors", headers={"Origin": "https://app.example.org"})
        assert response.headers["Access-Control-Allow-Origin"] == "https://app.example.org"
        assert "X-Request-ID" in response.headers["Access-Control-Expose-Headers"]
        stranger = browser.get("/v1/actors", headers={"Origin": "https://evil.example.com"})
        assert "Access-Control-Allow-Origin" not in stranger.headers
        # Only the methods some route answers; a refused preflight is a problem document.
        assert set(preflight.headers["Access-Control-Allow-Methods"].split(", ")) == {
            "GET",
            "HEAD",
            "POST",
            "PATCH",
            "DELETE",
            "OPTIONS",
        }
        refused = browser.options(
            "/v1/actors",
            headers={"Origin": "https://evil.example.com", "Access-Control-Request-Method": "PUT"},
        )
        assert refused.status_code == 400
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["detail"] == "Disallowed CORS origin, method"
        assert refused.json()["instance"] == "/v1/actors"
        assert refused.headers["X-Request-ID"] == refused.json()["request_id"]


class _RolledBack(Exception):
    """What psycopg raises when PostgreSQL breaks a deadlock by rolling this transaction back."""

    sqlstate = "40P01"


@pytest.mark.parametrize(
    ("orig", "status", "words"),
    [
        (_RolledBack("deadlock detected"), 409, "concurrent change"),  # PostgreSQL broke a deadlock
        (Exception("database is locked"), 503, "busy"),  # SQLite's write lock stayed taken
        (Exception("could not connect to server"), 503, "unavailable"),
    ],
)
def test_a_write_the_database_could_not_take_says_to_send_it_again(
    orig: Exception, status: int, words: str
) -> None:
    from fastapi import FastAPI
    from sqlalchemy.exc import OperationalError

    from app import errors

    app = FastAPI()
    errors.install(app)

    @app.post("/write")
    def write() -> None:
        raise OperationalError("UPDATE incidents ...", {}, orig)

    response = TestClient(app).post("/write")
    assert response.status_code == status
    assert "Retry-After" in response.headers
    assert response.headers["content-type"] == "application/problem+json"
    assert words in response.json()["detail"]
    assert "UPDATE" not in response.text


def test_offsets_and_coordinates_are_json_numbers(client: TestClient) -> None:
    base = {"title": "t", "event_type": "Protests", "sub_event_type": "Peaceful protest"}
    refused = client.post(
        "/v1/incidents", json={**base, "occurred_at": "2024-01-01T00:00:00Z", "location": {"latitude": "45"}}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "location.latitude"
    span = {"source_id": "00000000-0000-0000-0000-000000000000", "start": "0", "end": 1, "quote": "a"}
    refused = client.post(
        "/v1/incidents", json={**base, "occurred_at": "2024-01-01T00:00:00Z", "evidence": [span]}
    )
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "evidence.0.start"
