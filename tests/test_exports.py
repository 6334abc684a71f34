"""Exports: CSV, NDJSON, GeoJSON and ACLED CSV, parsed back and compared with the JSON list."""

import csv
import io
import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pycountry
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, insert
from sqlalchemy.orm import Session, sessionmaker

from app import exports
from app.actors.models import Actor
from app.db import make_engine, make_sessions
from app.incidents.models import Incident, IncidentActor
from app.incidents.reads import refresh_all
from app.main import create_app
from tests.conftest import BACKENDS, committed_postgresql, migrate, throwaway_database
from tests.factories import make_actor, make_incident, make_report, make_source, rich_incident

# ACLED's codebook column names, in order (as the contract lists them).
ACLED_CODEBOOK = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "iso",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]


def json_list(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/v1/incidents", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


def build(client: TestClient) -> dict[str, Any]:
    """A militia attacks civilians in Baghdad late on 4 January UTC (5 January local), and more."""
    national = make_source(
        client, title="A", text="Report one.", publisher="Daily Post", source_scale="national"
    )
    world = make_source(
        client, title="B", text="Report two.", publisher="World Wire", source_scale="international"
    )
    coalition = make_actor(client, name="Northern Coalition", kind="armed_group")
    militia = make_actor(client, name="Hill Brigade", kind="armed_group", affiliated_with=[coalition["id"]])
    civilians = make_actor(client, name="Civilians (Iraq)", kind="civilians")
    governor = make_actor(client, name="Governor", kind="government")
    attack = make_incident(
        client,
        title="Militia attack on market",
        summary='Gunmen opened fire on a market, "many" were hurt.',
        event_type="Violence against civilians",
        sub_event_type="Attack",
        occurred_at="2024-01-04T22:30:00Z",
        occurred_at_precision="hour",
        timezone="Asia/Baghdad",
        location={
            "name": "Shorja market",
            "admin1": "Baghdad",
            "admin2": "Rusafa",
            "city": "Baghdad",
            "country_code": "IQ",
            "latitude": 33.3406,
            "longitude": 44.4009,
            "precision": "neighbourhood",
        },
        tags=["market", "gunfire"],
        source_ids=[national["id"], world["id"]],
        actors=[
            {"actor_id": militia["id"], "role": "perpetrator", "confidence": "alleged"},
            {"actor_id": civilians["id"], "role": "target"},
            {"actor_id": governor["id"], "role": "commentator"},
        ],
    )
    make_report(
        client, attack["id"], national["id"], killed=5, killed_min=3, killed_max=7, qualifier="approximately"
    )
    protest = make_incident(
        client,
        title="Protest in Basra",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        occurred_at="2024-02-10T09:00:00Z",
        occurred_at_precision="month",
        location={"country_code": "IQ", "admin1": "Basra", "precision": "region"},
        actors=[
            {
                "actor_id": make_actor(client, name="Protesters", kind="protesters")["id"],
                "role": "perpetrator",
            }
        ],
    )
    make_incident(
        client,
        title="Shelling near border",
        occurred_at="2024-03-01T12:00:00Z",
        location={"country_code": "SY", "latitude": 36.2, "longitude": 37.1, "precision": "city"},
    )
    return {"attack": attack, "protest": protest}


def test_csv_one_row_per_incident_same_as_json(client: TestClient) -> None:
    build(client)
    expected = json_list(client)
    for response in (
        client.get("/v1/incidents", headers={"Accept": "text/csv"}),
        client.get("/v1/incidents", params={"format": "csv", "limit": 1}),  # every row, not one page
    ):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        disposition = response.headers["content-disposition"]
        assert disposition.startswith('attachment; filename="incidents-')
        assert disposition.endswith('.csv"')
        assert response.text.endswith("\n")
        reader = csv.DictReader(io.StringIO(response.text, newline=""))
        assert reader.fieldnames == INCIDENT_CSV_COLUMNS
        rows = list(reader)
        assert [r["id"] for r in rows] == [i["id"] for i in expected]
        for row, item in zip(rows, expected, strict=True):
            location = item["location"] or {}
            casualties = item["casualties"]
            assert row == {
                "id": item["id"],
                "created_at": item["created_at"],
                "updated_at": item["updated_at"],
                "version": str(item["version"]),
                "title": item["title"],
                "summary": item["summary"] or "",
                "event_type": item["event_type"],
                "sub_event_type": item["sub_event_type"] or "",
                "disorder_type": item["disorder_type"],
                "occurred_at": item["occurred_at"],
                "occurred_at_precision": item["occurred_at_precision"],
                "timezone": item["timezone"] or "",
                **{f"location_{k}": cell(location.get(k)) for k in LOCATION_KEYS},
                "status": item["status"],
                "claim_status": item["claim_status"],
                "tags": "; ".join(item["tags"]),
                "source_ids": "; ".join(item["source_ids"]),
                "source_count": str(item["source_count"]),
                "actors": "; ".join(f"{a['name']} ({a['role']})" for a in item["actors"]),
                "actor_ids": "; ".join(a["actor_id"] for a in item["actors"]),
                **{
                    f"casualties_{group}_{bound}": cell(casualties[group][bound])
                    for group in ("killed", "injured")
                    for bound in ("low", "best", "high")
                },
                "casualties_report_ids": "; ".join(casualties["report_ids"]),
                "statement_count": str(item["statement_count"]),
            }


LOCATION_KEYS = ("name", "admin1", "admin2", "city", "country_code", "latitude", "longitude", "precision")
INCIDENT_CSV_COLUMNS = [
    "id",
    "created_at",
    "updated_at",
    "version",
    "title",
    "summary",
    "event_type",
    "sub_event_type",
    "disorder_type",
    "occurred_at",
    "occurred_at_precision",
    "timezone",
    *(f"location_{k}" for k in LOCATION_KEYS),
    "status",
    "claim_status",
    "tags",
    "source_ids",
    "source_count",
    "actors",
    "actor_ids",
    *(f"casualties_{g}_{b}" for g in ("killed", "injured") for b in ("low", "best", "high")),
    "casualties_report_ids",
    "statement_count",
]


def cell(value: object) -> str:
    return "" if value is None else str(value)


def test_exports_take_the_list_filters(client: TestClient) -> None:
    build(client)
    expected = [i["id"] for i in json_list(client, country_code="IQ", event_type="Protests")]
    assert len(expected) == 1
    response = client.get(
        "/v1/incidents", params={"format": "ndjson", "country_code": "IQ", "event_type": "Protests"}
    )
    assert [json.loads(line)["id"] for line in response.text.splitlines()] == expected
    searched = client.get("/v1/incidents", params={"format": "csv", "q": "market"})
    assert [r["title"] for r in csv.DictReader(io.StringIO(searched.text))] == ["Militia attack on market"]


def test_head_on_an_export_runs_no_query(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    build(client)
    got = client.get("/v1/incidents", params={"format": "csv"})

    rendered: list[object] = []
    monkeypatch.setattr(exports, "_render", lambda *args: rendered.append(args) or iter([b""]))
    head = client.head("/v1/incidents", params={"format": "csv"})
    assert (head.status_code, head.content, rendered) == (200, b"", [])
    assert head.headers["content-type"] == got.headers["content-type"]
    assert head.headers["content-disposition"].startswith('attachment; filename="incidents-')


def test_ndjson_is_the_list_items(client: TestClient) -> None:
    build(client)
    response = client.get("/v1/incidents", headers={"Accept": "application/x-ndjson"})
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.headers["content-disposition"].endswith('.ndjson"')
    assert [json.loads(line) for line in response.text.splitlines()] == json_list(client)
    actors = client.get("/v1/actors", params={"format": "ndjson", "sort": "name"})
    expected = client.get("/v1/actors", params={"sort": "name", "limit": 500}).json()["items"]
    assert [json.loads(line) for line in actors.text.splitlines()] == expected


def test_geojson_feature_collection(client: TestClient) -> None:
    build(client)
    response = client.get("/v1/incidents", headers={"Accept": "application/geo+json"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/geo+json"
    collection = response.json()
    assert collection["type"] == "FeatureCollection"
    with_coordinates = [
        i for i in json_list(client) if i["location"] and i["location"]["latitude"] is not None
    ]
    assert len(with_coordinates) == 2
    assert [f["id"] for f in collection["features"]] == [i["id"] for i in with_coordinates]
    for feature, item in zip(collection["features"], with_coordinates, strict=True):
        assert feature["type"] == "Feature"
        assert feature["geometry"] == {
            "type": "Point",
            "coordinates": [item["location"]["longitude"], item["location"]["latitude"]],
        }
        assert feature["properties"] == item


def test_acled_columns_and_values(client: TestClient) -> None:
    made = build(client)
    response = client.get("/v1/incidents", params={"format": "acled", "country_code": "IQ"})
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith('attachment; filename="incidents-acled-')
    reader = csv.DictReader(io.StringIO(response.text, newline=""))
    assert reader.fieldnames == ACLED_CODEBOOK
    rows = {row["notes"]: row for row in reader}
    assert len(rows) == 2
    attack = rows['Gunmen opened fire on a market, "many" were hurt.']
    updated = datetime.fromisoformat(client.get(f"/v1/incidents/{made['attack']['id']}").json()["updated_at"])
    assert attack == {
        "event_id_cnty": f"IRQ-{made['attack']['id']}",
        "event_date": "2024-01-05",  # 22:30 UTC on the 4th is 01:30 on the 5th in Baghdad
        "year": "2024",
        "time_precision": "1",
        "disorder_type": "Political violence",
        "event_type": "Violence against civilians",
        "sub_event_type": "Attack",
        "actor1": "Hill Brigade",
        "assoc_actor_1": "Northern Coalition",
        "inter1": "3",
        "actor2": "Civilians (Iraq)",
        "assoc_actor_2": "",
        "inter2": "7",
        "interaction": "37",
        "iso": "368",
        "country": "Iraq",
        "admin1": "Baghdad",
        "admin2": "Rusafa",
        "admin3": "",
        "location": "Shorja market",
        "latitude": "33.3406",
        "longitude": "44.4009",
        "geo_precision": "1",
        "source": "Daily Post; World Wire",
        "source_scale": "National-International",
        "notes": 'Gunmen opened fire on a market, "many" were hurt.',
        "fatalities": "3",  # the conservative figure: killed_low
        "tags": "market; gunfire",
        "timestamp": str(int(updated.timestamp())),
    }
    protest = rows["Protest in Basra"]
    assert (protest["disorder_type"], protest["inter1"], protest["inter2"], protest["interaction"]) == (
        "Demonstrations",
        "6",
        "0",
        "60",
    )
    assert (protest["time_precision"], protest["geo_precision"], protest["fatalities"]) == ("3", "3", "0")
    assert (protest["latitude"], protest["event_date"]) == ("", "2024-02-10")


def test_incident_only_formats_are_refused_elsewhere(client: TestClient) -> None:
    response = client.get("/v1/actors", params={"format": "geojson"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "format"
    response = client.get("/v1/actors", headers={"Accept": "application/geo+json"})
    assert response.status_code == 406
    assert response.headers["content-type"].startswith("application/problem+json")
    assert client.get("/v1/incidents", params={"format": "xml"}).status_code == 422
    # a browser's Accept and JSON-first clients still get the JSON page
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert client.get("/v1/incidents", headers={"Accept": browser}).json()["items"] == []
    prefers_json = client.get("/v1/incidents", headers={"Accept": "application/json, text/csv;q=0.5"})
    assert prefers_json.headers["content-type"] == "application/json"
    assert prefers_json.headers["vary"] == "Accept"
    assert client.get("/v1/incidents", headers={"Accept": "text/csv"}).headers["vary"] == "Accept"
    assert client.get("/v1/incidents", params={"format": "csv", "include_deleted": "true"}).status_code == 422


def test_an_accept_that_takes_nothing_offered_is_406_everywhere(client: TestClient) -> None:
    incident = make_incident(client)
    actor = make_actor(client)
    reads = (
        "/v1/incidents",
        f"/v1/incidents/{incident['id']}",
        f"/v1/incidents/{incident['id']}/actors",
        f"/v1/incidents/{incident['id']}/history",
        f"/v1/actors/{actor['id']}/incidents",
        "/v1/stats/incidents?group_by=month",
    )
    for path in reads:
        for accept in ("application/xml", "text/html", "application/json;q=0, application/xml"):
            refused = client.get(path, headers={"Accept": accept})
            assert refused.status_code == 406, (path, accept)
            assert refused.headers["content-type"] == "application/problem+json"
            assert accept in refused.json()["detail"]
        for accept in (
            "application/json",
            "application/*",
            "*/*",
            "application/problem+json",
            "text/xml, */*;q=0.1",
        ):
            assert client.get(path, headers={"Accept": accept}).status_code == 200, (path, accept)
    # a write refused for its Accept stores nothing
    refused = client.post(
        "/v1/actors", json={"name": "Unseen", "kind": "person"}, headers={"Accept": "text/plain"}
    )
    assert refused.status_code == 406
    assert client.get("/v1/actors", params={"q": "Unseen"}).json()["items"] == []
    # a range picks the first export it covers; one the list does not offer is passed over
    assert (
        client.get("/v1/incidents", headers={"Accept": "text/*"})
        .headers["content-type"]
        .startswith("text/csv")
    )
    mixed = client.get("/v1/actors", headers={"Accept": "application/geo+json, text/csv;q=0.5"})
    assert mixed.headers["content-type"].startswith("text/csv")


def test_export_streams_past_one_batch(client: TestClient, sessions: sessionmaker[Session]) -> None:
    start = datetime(2020, 1, 1, tzinfo=UTC)
    rows = [
        {
            "id": uuid.uuid4(),
            "title": f"Incident {n}",
            "event_type": "Battles",
            "disorder_type": "Political violence",
            "occurred_at": start + timedelta(hours=n),
            "occurred_at_precision": "hour",
            "status": "reported",
            "claim_status": "unknown",
            "tags": [],
            "casualty_report_ids": [],
            "statement_count": 0,
            "version": 1,
            "created_at": start,
            "updated_at": start,
        }
        for n in range(1203)
    ]
    with sessions() as session:
        session.execute(insert(Incident), rows)
        session.commit()
    response = client.get("/v1/incidents", params={"format": "csv"})
    titles = [r["title"] for r in csv.DictReader(io.StringIO(response.text))]
    assert titles == [f"Incident {n}" for n in reversed(range(1203))]
    acled = list(csv.DictReader(io.StringIO(client.get("/v1/incidents?format=acled").text)))
    assert len(acled) == 1203


def test_a_large_postgresql_csv_is_two_copies_in_one_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PARALLEL_ROWS a second connection writes the second half in the first's snapshot: the
    file is byte for byte what one COPY writes, in either order, ties on the sort key included."""
    if "postgresql" not in BACKENDS:
        pytest.skip("PostgreSQL's COPY")
    # Committed rows: the second connection must see them.
    with committed_postgresql(tmp_path) as (_engine, _sessions, client):
        made = [rich_incident(client, n) for n in range(5)]
        make_incident(client, title="Same time", occurred_at=made[2]["occurred_at"])
        copies: list[bool] = []
        copy_out = exports._copy_out

        def counted(conn: Any, stmt: Any, *, header: bool) -> Any:
            copies.append(header)
            return copy_out(conn, stmt, header=header)

        monkeypatch.setattr(exports, "_copy_out", counted)
        for sort in ("-occurred_at", "occurred_at", "-created_at"):
            wanted = f"/v1/incidents?format=csv&sort={sort}"
            monkeypatch.setattr(exports, "PARALLEL_ROWS", 10**9)
            one = client.get(wanted)
            monkeypatch.setattr(exports, "PARALLEL_ROWS", 2)
            two = client.get(wanted)
            assert two.status_code == 200
            assert two.content == one.content
            assert len(list(csv.reader(io.StringIO(two.text)))) == 1 + 6
        # Per sort: one COPY with a header, then the two halves, whose calls the thread may
        # start in either order.
        assert [(copies[i], sorted(copies[i + 1 : i + 3])) for i in (0, 3, 6)] == [(True, [False, True])] * 3


def test_acled_never_makes_a_victim_actor1(client: TestClient) -> None:
    victims = make_actor(client, name="Villagers of Hit", kind="civilians")
    make_incident(
        client,
        title="Unclaimed attack",
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actors=[{"actor_id": victims["id"], "role": "target"}],
    )
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/incidents?format=acled").text, newline="")))
    assert [(r["actor1"], r["inter1"], r["actor2"], r["inter2"], r["interaction"]) for r in rows] == [
        ("", "", "Villagers of Hit", "7", "")
    ]


def test_acled_associates_the_other_perpetrators_then_the_affiliations_by_name(client: TestClient) -> None:
    groups = [make_actor(client, name=name, kind="armed_group") for name in ("Zeta Front", "Alpha League")]
    leader = make_actor(
        client, name="Hill Brigade", kind="armed_group", affiliated_with=[g["id"] for g in groups]
    )
    partner = make_actor(client, name="Valley Brigade", kind="armed_group")
    make_incident(
        client,
        actors=[
            {"actor_id": leader["id"], "role": "perpetrator"},
            {"actor_id": partner["id"], "role": "perpetrator"},
        ],
    )
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/incidents?format=acled").text, newline="")))
    assert [(r["actor1"], r["assoc_actor_1"]) for r in rows] == [
        ("Hill Brigade", "Valley Brigade; Alpha League; Zeta Front")
    ]


def stored_incident(sessions: sessionmaker[Session], **fields: Any) -> uuid.UUID:
    """An incident row written straight to the table, past the API's checks (a row an older
    version, an import or a hand-made fix may have left)."""
    moment = datetime(2024, 1, 1, tzinfo=UTC)
    row = {
        "id": uuid.uuid4(),
        "title": "Stored as it is",
        "event_type": "Battles",
        "disorder_type": "Political violence",
        "occurred_at": moment,
        "occurred_at_precision": "exact",
        "status": "reported",
        "claim_status": "unknown",
        "tags": [],
        "casualty_report_ids": [],
        "statement_count": 0,
        "version": 1,
        "created_at": moment,
        "updated_at": moment,
        **fields,
    }
    with sessions() as session:
        session.execute(insert(Incident), [row])
        session.commit()
    return row["id"]  # type: ignore[no-any-return]


def test_acled_exports_a_row_whose_local_date_is_off_the_calendar(
    client: TestClient, sessions: sessionmaker[Session]
) -> None:
    """A local date in year 10000 or year 0 (a UTC time near the ends of years 1-9999 in a zone
    ahead of or behind UTC), or a time zone this host does not know: the row is exported with its
    UTC date, and the rows after it still are."""
    latest = datetime(9999, 12, 31, 23, 0, tzinfo=UTC)
    stored_incident(sessions, title="Tokyo, last hour", occurred_at=latest, timezone="Asia/Tokyo")
    stored_incident(
        sessions,
        title="New York, first hour",
        occurred_at=datetime(1, 1, 1, tzinfo=UTC),
        timezone="America/New_York",
    )
    stored_incident(sessions, title="Unknown zone", timezone="Mars/Olympus_Mons")
    make_incident(client, title="Made today", occurred_at="2024-03-01T23:30:00Z", timezone="Asia/Baghdad")
    response = client.get("/v1/incidents", params={"format": "acled"})
    assert response.status_code == 200
    rows = {r["notes"]: r for r in csv.DictReader(io.StringIO(response.text, newline=""))}
    assert {title: (r["event_date"], r["year"]) for title, r in rows.items()} == {
        "Tokyo, last hour": ("9999-12-31", "9999"),
        "New York, first hour": ("0001-01-01", "1"),
        "Unknown zone": ("2024-01-01", "2024"),
        "Made today": ("2024-03-02", "2024"),  # local, as ever
    }


# ACLED's own country names with their ISO 3166-1 alpha-3 codes: every country in ACLED's monthly
# event and fatality totals from 2021-01 to 2024-09 (the list R's Ecdat package publishes as
# ACLEDpopGDP, columns ACLEDcountry and ISO3).
ACLED_COUNTRIES = Path(__file__).with_name("acled_countries.csv")


def test_acled_country_is_acleds_name_for_every_acled_country() -> None:
    with ACLED_COUNTRIES.open(newline="") as f:
        named = list(csv.DictReader(f))
    assert len(named) == 234
    wrong = {}
    for row in named:
        found = pycountry.countries.get(alpha_3=row["iso3"])
        if found is None:
            assert row["country"] == "Kosovo"  # "KOS": no ISO code, so no incident is in Kosovo
            continue
        if exports.acled_country(found) != row["country"]:
            wrong[row["iso3"]] = exports.acled_country(found)
    assert wrong == {}


def test_acled_country_column_uses_acleds_names(client: TestClient) -> None:
    codes = ["PS", "RU", "CD", "TR", "CZ", "CI", "IQ", "SY"]
    for code in codes:
        make_incident(client, title=f"In {code}", location={"country_code": code})
    rows = csv.DictReader(io.StringIO(client.get("/v1/incidents?format=acled").text, newline=""))
    assert {r["notes"][3:]: (r["country"], r["iso"], r["event_id_cnty"][:3]) for r in rows} == {
        "PS": ("Palestine", "275", "PSE"),
        "RU": ("Russia", "643", "RUS"),
        "CD": ("Democratic Republic of Congo", "180", "COD"),
        "TR": ("Turkey", "792", "TUR"),
        "CZ": ("Czech Republic", "203", "CZE"),
        "CI": ("Ivory Coast", "384", "CIV"),
        "IQ": ("Iraq", "368", "IRQ"),
        "SY": ("Syria", "760", "SYR"),
    }


def csv_rows(client: TestClient, path: str, **params: Any) -> list[dict[str, str]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return list(csv.DictReader(io.StringIO(response.text, newline="")))


def test_no_csv_cell_starts_a_spreadsheet_formula(client: TestClient) -> None:
    """OWASP's CSV injection: a text cell that begins with =, +, -, @, tab or carriage return gets a
    leading ', and so does such an item of a "; " list, in every CSV-shaped export; numbers (a
    negative coordinate) never do, and the JSON exports carry the exact text."""
    gunmen = make_actor(client, name="=cmd|' /C calc'!A0", kind="armed_group")
    villagers = make_actor(client, name="-Villagers", kind="civilians")
    made = make_incident(
        client,
        title='=HYPERLINK("http://evil.example","open")',
        summary="+cmd|' /C calc'!A0",
        tags=["@SUM(1+1)", "csvinj", "+1"],
        timezone="America/Santiago",
        location={
            "name": "-2+3",
            "admin1": "\tTabbed",
            "admin2": "a=b",
            "city": "@city",
            "country_code": "CL",
            "latitude": -33.5,
            "longitude": -70.25,
        },
        actors=[
            {"actor_id": gunmen["id"], "role": "perpetrator"},
            {"actor_id": villagers["id"], "role": "target"},
        ],
    )
    make_incident(client, title="-", summary="\rReturned", tags=["csvinj"])

    rows = {r["id"]: r for r in csv_rows(client, "/v1/incidents", format="csv", tag="csvinj")}
    row = rows.pop(made["id"])
    assert {k: row[k] for k in ("title", "summary", "tags", "actors")} == {
        "title": '\'=HYPERLINK("http://evil.example","open")',
        "summary": "'+cmd|' /C calc'!A0",
        "tags": "'@SUM(1+1); csvinj; '+1",  # each item: analysts split these lists into cells
        "actors": "'=cmd|' /C calc'!A0 (perpetrator); '-Villagers (target)",
    }
    assert {
        k: row[f"location_{k}"] for k in ("name", "admin1", "admin2", "city", "latitude", "longitude")
    } == {
        "name": "'-2+3",
        "admin1": "'\tTabbed",
        "admin2": "a=b",  # a formula character inside a cell is no formula
        "city": "'@city",
        "latitude": "-33.5",  # numbers stay numbers
        "longitude": "-70.25",
    }
    [other] = rows.values()
    assert (other["title"], other["summary"]) == ("'-", "'\rReturned")

    acled = {
        r["event_id_cnty"][4:]: r for r in csv_rows(client, "/v1/incidents", format="acled", tag="csvinj")
    }
    row = acled[made["id"]]
    assert {k: row[k] for k in ("actor1", "actor2", "notes", "tags", "location", "admin1", "admin2")} == {
        "actor1": "'=cmd|' /C calc'!A0",
        "actor2": "'-Villagers",
        "notes": "'+cmd|' /C calc'!A0",
        "tags": "'@SUM(1+1); csvinj; '+1",
        "location": "'-2+3",
        "admin1": "'\tTabbed",
        "admin2": "a=b",
    }
    assert (row["latitude"], row["longitude"]) == ("-33.5", "-70.25")

    # Resources whose CSV is the flattened read model.
    names = [r["name"] for r in csv_rows(client, "/v1/actors", format="csv", sort="name")]
    assert names == ["'-Villagers", "'=cmd|' /C calc'!A0"]

    # JSON, NDJSON and GeoJSON carry the text exactly.
    ndjson = client.get("/v1/incidents", params={"format": "ndjson", "tag": "csvinj"}).text.splitlines()
    assert {json.loads(line)["summary"] for line in ndjson} == {made["summary"], "\rReturned"}
    [feature] = client.get("/v1/incidents", params={"format": "geojson", "tag": "csvinj"}).json()["features"]
    assert feature["properties"]["summary"] == "+cmd|' /C calc'!A0"


# A coordinate as sent -> the text every representation writes it as: the API's JSON (orjson, and
# pydantic for a write's response) writes it so, and the databases were made to (app/jsontext.py).
COORDINATE_TEXT = {
    33: "33.0",  # PostgreSQL wrote 33
    -0.0: "0.0",  # PostgreSQL -0, the POST response -0.0
    -90: "-90.0",
    0.00001: "0.00001",  # SQLite wrote 1.0e-05
    0.0000123: "0.0000123",
    0.0000012: "1.2e-6",
    0.000001: "1e-6",
    -0.0000001: "-1e-7",
    0.0001: "0.0001",
    -12.5: "-12.5",
    33.3128123: "33.3128123",
    89.9999999: "89.9999999",
}
LONGITUDE = {33: 44, -0.0: 180, -90: -180, 0.00001: -0.00005}  # the others: 0.5


def test_a_coordinate_is_one_text_everywhere(client: TestClient) -> None:
    """POST, GET, the list, the history, NDJSON, GeoJSON, CSV and ACLED write a coordinate alike,
    on both databases."""
    pair = re.compile(
        rb'"id"\s*:\s*"([^"]+)".*?"latitude"\s*:\s*([^,}\s]+)\s*,\s*"longitude"\s*:\s*([^,}\s]+)', re.S
    )
    coordinates = re.compile(rb'"latitude"\s*:\s*([^,}\s]+)\s*,\s*"longitude"\s*:\s*([^,}\s]+)')

    def texts(body: bytes) -> dict[str, tuple[str, str]]:
        return {m[1].decode(): (m[2].decode(), m[3].decode()) for m in pair.finditer(body)}

    sent, posted = {}, {}
    for latitude in COORDINATE_TEXT:
        longitude = LONGITUDE.get(latitude, 0.5)
        response = client.post(
            "/v1/incidents",
            json={
                "title": f"At {latitude}",
                "event_type": "Battles",
                "occurred_at": "2024-01-01T00:00:00Z",
                "tags": ["coordinates"],
                "location": {"latitude": latitude, "longitude": longitude},
            },
        )
        assert response.status_code == 201, response.text
        sent[response.json()["id"]] = (latitude, longitude)
        posted.update(texts(response.content))

    text = {**COORDINATE_TEXT, 44: "44.0", 180: "180.0", -180: "-180.0", -0.00005: "-0.00005", 0.5: "0.5"}
    want = {incident_id: (text[lat], text[lon]) for incident_id, (lat, lon) in sent.items()}
    assert posted == want
    listed = client.get("/v1/incidents", params={"tag": "coordinates", "limit": 100})
    assert texts(listed.content) == want
    for incident_id in sent:
        got = texts(client.get(f"/v1/incidents/{incident_id}").content)
        assert got == {incident_id: want[incident_id]}
        history = client.get(f"/v1/incidents/{incident_id}/history").content
        assert set(coordinates.findall(history)) == {tuple(t.encode() for t in want[incident_id])}
    ndjson = client.get("/v1/incidents", params={"format": "ndjson", "tag": "coordinates"}).content
    assert texts(ndjson) == want
    geojson = client.get("/v1/incidents", params={"format": "geojson", "tag": "coordinates"}).content
    point = re.compile(rb'"id":"([^"]+)","geometry":\{"type":"Point","coordinates":\[([^,\]]+),([^,\]]+)\]')
    assert {m[1].decode(): (m[3].decode(), m[2].decode()) for m in point.finditer(geojson)} == want
    csv_cells = csv_rows(client, "/v1/incidents", format="csv", tag="coordinates")
    assert {r["id"]: (r["location_latitude"], r["location_longitude"]) for r in csv_cells} == want
    acled = csv_rows(client, "/v1/incidents", format="acled", tag="coordinates")
    assert {r["event_id_cnty"][4:]: (r["latitude"], r["longitude"]) for r in acled} == want


def _same_rows(engine: Engine) -> None:
    """The same incidents, actors and roles, ids and times included, in a new database."""
    moment = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    stamp = {"created_at": moment, "updated_at": moment, "version": 1}
    actors = [
        {"id": uuid.UUID(int=1), "name": "=Hill Brigade", "kind": "armed_group", "aliases": []},
        {"id": uuid.UUID(int=2), "name": 'Civilians, "many"', "kind": "civilians", "aliases": []},
    ]
    places = [(33, 44), (-0.0, -70.25), (0.0000012, 0.00001), (33.3128123, -179.9999999), (None, None)]
    incidents = [
        {
            "id": uuid.UUID(int=100 + n),
            "title": ["-Shelling", "Raid, at night", 'Quote "x"', "Line\nbreak", "@once"][n],
            "summary": ["+cmd", None, "a\rb", "plain", "Tab\tinside"][n],
            "event_type": "Battles",
            "disorder_type": "Political violence",
            "occurred_at": moment - timedelta(days=n, microseconds=n),
            "occurred_at_precision": "hour",
            "timezone": ["Asia/Baghdad", None, "America/Santiago", "UTC", "Asia/Tokyo"][n],
            "location_name": "Somewhere" if latitude is not None else None,
            "country_code": ["IQ", "CL", "GA", "RU", None][n],
            "latitude": latitude,
            "longitude": longitude,
            "status": "reported",
            "claim_status": "unknown",
            "tags": [["=a", "b"], [], ["x"], ["y", "z"], []][n],
            "casualty_report_ids": [],
            "statement_count": 0,
            "killed_low": [1, None, 0, 5, None][n],
            **stamp,
        }
        for n, (latitude, longitude) in enumerate(places)
    ]
    parts = [(100, 1, "perpetrator"), (100, 2, "target"), (101, 2, "target"), (103, 1, "perpetrator")]
    links = [
        {
            "id": uuid.UUID(int=200 + n),
            "incident_id": uuid.UUID(int=incident),
            "actor_id": uuid.UUID(int=actor),
        }
        | {"role": role, "confidence": "confirmed", "created_at": moment}
        for n, (incident, actor, role) in enumerate(parts)
    ]
    with engine.begin() as conn:
        conn.execute(insert(Actor.__table__), [{**actor, **stamp} for actor in actors])
        conn.execute(insert(Incident.__table__), incidents)
        conn.execute(insert(IncidentActor.__table__), links)
    refresh_all(engine)


def test_the_same_rows_export_to_the_same_bytes_on_both_databases(tmp_path: Path) -> None:
    if set(BACKENDS) != {"sqlite", "postgresql"}:
        pytest.skip("needs both databases")
    exported: dict[str, dict[str, bytes]] = {}
    for backend in BACKENDS:
        with throwaway_database(backend, tmp_path / backend) as url:
            migrate(url)
            engine = make_engine(url)
            try:
                _same_rows(engine)
                with TestClient(create_app(make_sessions(engine))) as client:
                    exported[backend] = {
                        fmt: client.get("/v1/incidents", params={"format": fmt}).content
                        for fmt in ("csv", "acled", "ndjson", "geojson")
                    }
            finally:
                engine.dispose()
    assert exported["sqlite"].keys() == exported["postgresql"].keys()
    for fmt, body in exported["sqlite"].items():
        assert body.count(b"00000000-0000-0000-0000-0000000000") >= 4, fmt  # the rows are there
        assert body == exported["postgresql"][fmt], fmt
