"""POST /v1/ingest: the seed pipeline over HTTP, a dry run unless `commit=true`."""

import copy
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.db import make_engine
from app.ingest.loader import SEEDS_DIR, read_annotation, read_text
from app.ingest.router import EXAMPLE, EXAMPLE_TEXT
from tests.test_core import assert_problem

SEED = SEEDS_DIR / "us-embassy-baghdad-rocket-attack-2023-12-08.yaml"
TEXT = read_text(SEED.with_suffix(".txt"))
PATHS = ("sources", "actors", "incidents", "statements", "casualty-reports")


def seed_body() -> dict[str, Any]:
    return {"text": TEXT, "annotation": read_annotation(SEED).model_dump(mode="json", exclude_unset=True)}


def totals(client: TestClient) -> dict[str, int]:
    return {p: client.get(f"/v1/{p}", params={"with_total": True}).json()["total"] for p in PATHS}


EMPTY = dict.fromkeys(PATHS, 0)


def normal(record: dict[str, Any]) -> dict[str, Any]:
    """An actor's affiliations are a set: the API does not promise their order."""
    if "affiliated_with" in record:
        return {**record, "affiliated_with": sorted(record["affiliated_with"])}
    return record


def summary(body: dict[str, Any]) -> dict[str, tuple[int, int, int]]:
    return {k: (c["created"], c["updated"], c["unchanged"]) for k, c in body["summary"].items()}


def test_a_dry_run_proposes_records_with_offsets_and_writes_nothing(client: TestClient) -> None:
    response = client.post("/v1/ingest", json=seed_body())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["committed"] is False
    assert summary(body) == {
        "sources": (1, 0, 0),
        "actors": (12, 0, 0),
        "incidents": (1, 0, 0),
        "incident_actors": (8, 0, 0),
        "statements": (10, 0, 0),
        "casualty_reports": (1, 0, 0),
    }
    assert len(body["records"]) == 33
    statement = next(r for r in body["records"] if r["ref"] == "statements.3")
    assert statement["kind"] == "statements"
    assert statement["action"] == "created"
    quote = "Iraq cannot afford to be drawn into a wider conflict"
    [first, second] = statement["evidence"]
    assert first["start"] == TEXT.index(quote)
    assert TEXT[first["start"] : first["end"]] == first["quote"]
    assert second["quote"] == "it said in a social media post"
    assert statement["record"]["evidence"][0]["start"] == first["start"]
    actor = next(r for r in body["records"] if r["key"] == "pm-al-sudani")
    assert actor["record"]["name"] == "Mohammed Shia al-Sudani"
    assert [e["quote"] for e in actor["evidence"]] == ["Iraqi Prime Minister Mohammed Shia al-Sudani"]
    assert totals(client) == EMPTY
    assert client.get(f"/v1/incidents/{body['incident_id']}").status_code == 404


def test_commit_stores_everything_and_a_second_commit_changes_nothing(client: TestClient) -> None:
    response = client.post("/v1/ingest?commit=true", json=seed_body())
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["committed"] is True
    assert response.headers["Location"].endswith(f"/v1/incidents/{body['incident_id']}")
    assert totals(client) == {
        "sources": 1,
        "actors": 12,
        "incidents": 1,
        "statements": 10,
        "casualty-reports": 1,
    }
    incident = client.get(f"/v1/incidents/{body['incident_id']}").json()
    assert incident["occurred_at"] == "2023-12-08T01:00:00Z"
    for record in body["records"]:
        if record["kind"] in ("sources", "actors", "statements", "casualty_reports"):
            path = record["kind"].replace("_", "-")
            stored = client.get(f"/v1/{path}/{record['id']}")
            assert stored.status_code == 200
            assert normal(stored.json()) == normal(record["record"])
    assert incident == next(r["record"] for r in body["records"] if r["kind"] == "incidents")

    again = client.post("/v1/ingest?commit=true", json=seed_body())
    assert again.status_code == 200
    assert {r["action"] for r in again.json()["records"]} == {"unchanged"}
    assert client.get(f"/v1/incidents/{body['incident_id']}").json()["version"] == incident["version"]
    dry = client.post("/v1/ingest", json=seed_body()).json()
    assert [r["id"] for r in dry["records"]] == [r["id"] for r in body["records"]]


def test_the_top_level_source_fields_override_the_annotation(client: TestClient) -> None:
    body = {
        **seed_body(),
        "title": "Rockets target US embassy in Baghdad",
        "url": "https://news.example.org/baghdad",
        "publisher": "Example Wire",
    }
    response = client.post("/v1/ingest?commit=true", json=body)
    assert response.status_code == 201, response.text
    source = client.get(f"/v1/sources/{response.json()['source_id']}").json()
    assert (source["title"], source["url"], source["publisher"], source["author"]) == (
        "Rockets target US embassy in Baghdad",
        "https://news.example.org/baghdad",
        "Example Wire",
        "Web Desk",
    )


RAW = {"text": TEXT, "published_at": "2023-12-08T09:00:00Z"}


def test_without_an_annotation_the_extractor_proposes_one(client: TestClient) -> None:
    response = client.post("/v1/ingest", json=RAW)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["committed"] is False
    proposal = body["proposal"]
    quotes = [s for s in proposal["statements"] if s["kind"] == "direct_quote"]
    assert len(quotes) == 4
    assert all(0 <= s["score"] <= 1 for s in proposal["statements"])
    assert proposal["incident"]["event_type"] == "Explosions/Remote violence"
    assert proposal["incident"]["occurred_at_precision"] == "hour"
    assert [r["killed"] for r in proposal["casualty_reports"]] == [0]
    for record in body["records"]:
        for span in record["evidence"]:
            assert TEXT[span["start"] : span["end"]] == span["quote"]
    assert client.get("/v1/incidents").json()["items"] == []  # a dry run stores nothing


def test_a_proposal_commits_and_reuses_known_actors(client: TestClient) -> None:
    reuters = client.post("/v1/actors", json={"name": "Reuters", "kind": "media"}).json()
    response = client.post("/v1/ingest?commit=true", json=RAW)
    assert response.status_code == 201, response.text
    actors = client.get("/v1/actors", params={"q": "Reuters"}).json()["items"]
    assert [a["id"] for a in actors] == [reuters["id"]]
    incident = client.get(f"/v1/incidents/{response.json()['incident_id']}").json()
    assert incident["casualties"]["killed"] == {"low": 0, "best": 0, "high": 0}
    statements = client.get(f"/v1/incidents/{incident['id']}/statements", params={"limit": 100}).json()
    assert len([s for s in statements["items"] if s["kind"] == "direct_quote"]) == 4


def test_rioters_of_two_countries_are_two_actors(client: TestClient) -> None:
    def riot(city: str) -> dict[str, Any]:
        text = (
            f"Riot in {city}\n\nStone-throwing protesters fought running battles with police in {city} on "
            "Tuesday, and officers fired tear gas.\n"
        )
        response = client.post(
            "/v1/ingest?commit=true", json={"text": text, "published_at": "2024-05-24T12:00:00Z"}
        )
        assert response.status_code == 201, response.text
        return response.json()  # type: ignore[no-any-return]

    bolivia = riot("La Paz")
    assert [(a["name"], a["aliases"]) for a in bolivia["proposal"]["actors"]] == [
        ("Protesters (Bolivia)", ["protesters"])
    ]
    # "protesters" in a Kenyan article are not Bolivia's: not recognised as them, not stored as them.
    kenya = riot("Nairobi")
    assert [(a["name"], a["aliases"]) for a in kenya["proposal"]["actors"]] == [
        ("Protesters (Kenya)", ["protesters"])
    ]
    incident = client.get(f"/v1/incidents/{kenya['incident_id']}").json()
    assert [(a["name"], a["role"]) for a in incident["actors"]] == [("Protesters (Kenya)", "perpetrator")]
    names = [a["name"] for a in client.get("/v1/actors", params={"kind": "protesters"}).json()["items"]]
    assert sorted(names) == ["Protesters (Bolivia)", "Protesters (Kenya)"]


def test_a_reviewer_drops_records_and_commits_the_rest(client: TestClient) -> None:
    proposal = client.post("/v1/ingest", json=RAW).json()["proposal"]
    proposal["statements"] = []
    response = client.post("/v1/ingest?commit=true", json={**RAW, "annotation": proposal})
    assert response.status_code == 201, response.text
    assert client.get("/v1/statements").json()["items"] == []
    assert client.get(f"/v1/incidents/{response.json()['incident_id']}").status_code == 200


def test_another_language_is_a_note_not_an_error(client: TestClient) -> None:
    text = "Des roquettes ont visé l'ambassade des États-Unis à Bagdad vendredi, selon un porte-parole."
    response = client.post("/v1/ingest", json={"text": text})
    assert response.status_code == 200, response.text
    assert any("unsupported language" in note for note in response.json()["notes"])


def broken(edit: Any) -> dict[str, Any]:
    body = copy.deepcopy(seed_body())
    edit(body["annotation"])
    return body


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        pytest.param(
            lambda a: a["statements"][2]["evidence"].__setitem__(0, {"quote": "lawless gangs"}),
            "annotation.statements.2.evidence.0.quote",
            "quote not found in the source's text: 'lawless gangs'",
            id="quote-not-in-text",
        ),
        pytest.param(
            lambda a: a["casualty_reports"][0].__setitem__("reported_by", "spokesman"),
            "annotation.casualty_reports.0.reported_by",
            "unknown actor key 'spokesman'",
            id="unknown-actor",
        ),
        pytest.param(
            lambda a: a["actors"][2]["evidence"][0].pop("occurrence"),
            "annotation.actors.2.evidence.0.quote",
            "quote found 2 times",
            id="ambiguous-quote",
        ),
        pytest.param(
            lambda a: a["actors"][9].__setitem__("country_code", "Iraq"),
            "annotation.actors.9.country_code",
            "String should match pattern",
            id="service-rule-after-writes",
        ),
        pytest.param(
            lambda a: a["statements"][0].__setitem__("kind", "rumour"),
            "annotation.statements.0.kind",
            "Input should be 'direct_quote' or 'paraphrase'",
            id="schema",
        ),
    ],
)
def test_a_broken_annotation_is_422_naming_the_record_and_stores_nothing(
    client: TestClient, edit: Any, field: str, words: str
) -> None:
    problem = assert_problem(client.post("/v1/ingest?commit=true", json=broken(edit)), 422)
    assert problem["errors"][0]["field"] == field
    assert words in problem["errors"][0]["message"]
    assert problem["detail"].startswith(f"{field}: ")
    assert totals(client) == EMPTY


def test_an_error_in_the_text_names_the_text(client: TestClient) -> None:
    problem = assert_problem(client.post("/v1/ingest", json={**seed_body(), "text": "x\x00"}), 422)
    assert problem["errors"][0]["field"] == "text"


def test_the_openapi_example_works(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    operation = schema["paths"]["/v1/ingest"]["post"]
    assert operation["tags"] == ["ingest"]
    request_schema = schema["components"]["schemas"]["IngestRequest"]
    raw, example = request_schema["examples"]
    assert example == EXAMPLE
    assert client.post("/v1/ingest", json=raw).json()["proposal"]["incident"]["event_type"] == (
        "Explosions/Remote violence"
    )
    response = client.post("/v1/ingest", json=example)
    assert response.status_code == 200, response.text
    body = response.json()
    assert summary(body) == {
        "sources": (1, 0, 0),
        "actors": (2, 0, 0),
        "incidents": (1, 0, 0),
        "incident_actors": (1, 0, 0),
        "statements": (1, 0, 0),
        "casualty_reports": (1, 0, 0),
    }
    source = next(r for r in body["records"] if r["kind"] == "sources")["record"]
    assert (source["publisher"], source["url"]) == (
        "Example Wire",
        "https://news.example.org/2024/01/08/basra-rockets",
    )
    statement = next(r for r in body["records"] if r["kind"] == "statements")
    start = EXAMPLE_TEXT.index("We condemn this cowardly attack")
    assert (statement["evidence"][0]["start"], statement["evidence"][0]["end"]) == (start, start + 31)
    assert totals(client) == EMPTY


def test_ingest_after_seeding_matches_the_seeded_records(client: TestClient) -> None:
    seeded = client.post("/v1/ingest?commit=true", json=seed_body()).json()
    # Another article citing the same actors reuses them; its incident is new.
    text = "Mohammed Shia al-Sudani met the UN mission in Iraq on Saturday."
    annotation = {
        "source": {"title": "Sudani meets UNAMI", "published_at": "2023-12-09T10:00:00Z"},
        "actors": [
            {
                "key": "pm",
                "name": "al-Sudani",
                "kind": "person",
                "evidence": [{"quote": "Mohammed Shia al-Sudani"}],
            },
            {
                "key": "un",
                "name": "UNAMI",
                "kind": "international_org",
                "evidence": [{"quote": "UN mission"}],
            },
        ],
    }
    response = client.post("/v1/ingest?commit=true", json={"text": text, "annotation": annotation})
    assert response.status_code == 201, response.text
    body = response.json()
    assert summary(body)["actors"] == (0, 0, 2)
    ids = {r["key"]: r["id"] for r in seeded["records"] if r["kind"] == "actors"}
    assert {r["key"]: r["id"] for r in body["records"] if r["kind"] == "actors"} == {
        "pm": ids["pm-al-sudani"],
        "un": ids["unami"],
    }
    assert totals(client)["sources"] == 2


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_a_blank_text_is_a_proposal_with_a_note_and_stores_nothing(client: TestClient, text: str) -> None:
    for query in ("", "?commit=true"):
        response = client.post(f"/v1/ingest{query}", json={"text": text})
        assert response.status_code == 200, response.text
        body = response.json()
        assert (body["source_id"], body["incident_id"], body["records"]) == (None, None, [])
        assert body["notes"] == ["empty text: nothing to extract"]
    assert totals(client) == EMPTY


def test_a_long_article_is_proposed_and_stored_whole(client: TestClient) -> None:
    filler = "\n\n".join(f"Paragraph {n} of background on the region's long history." for n in range(3500))
    text = TEXT + "\n\n" + filler
    assert len(text) > 200_000
    response = client.post("/v1/ingest?commit=true", json={"text": text, "title": "Long read"})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["proposal"]["casualty_reports"]
    assert len(client.get(f"/v1/sources/{body['source_id']}").json()["text"]) == len(text)


@pytest.mark.parametrize("killed", ["14", 14.0, True])
def test_counts_in_an_annotation_are_json_integers(client: TestClient, killed: Any) -> None:
    body = seed_body()
    body["annotation"]["casualty_reports"][0]["killed"] = killed
    response = assert_problem(client.post("/v1/ingest?commit=true", json=body), 422)
    assert response["errors"][0]["field"] == "annotation.casualty_reports.0.killed"
    assert totals(client) == EMPTY


def test_a_proposal_never_overwrites_what_a_curated_load_stored(client: TestClient) -> None:
    curated = client.post("/v1/ingest?commit=true", json=seed_body()).json()
    stored = {
        (record["kind"], record["id"]): client.get(
            f"/v1/{record['kind'].replace('_', '-')}/{record['id']}"
        ).json()
        for record in curated["records"]
        if record["kind"] != "incident_actors"
    }
    for _ in range(2):
        response = client.post("/v1/ingest?commit=true", json={"text": TEXT})
        assert response.status_code in (200, 201), response.text
    for (kind, record_id), before in stored.items():
        after = client.get(f"/v1/{kind.replace('_', '-')}/{record_id}").json()
        for name, value in before.items():
            if name in ("updated_at", "version", "source_ids", "tags", "aliases", "affiliated_with"):
                continue  # a proposal may add to a list, or count as a change
            if name in ("actors", "statement_count", "casualties") or value is None:
                continue  # what other records or an empty field may gain
            assert after[name] == value, (kind, name)
    again = client.post("/v1/ingest?commit=true", json={"text": TEXT}).json()
    assert all(c["created"] == c["updated"] == 0 for c in again["summary"].values()), again["summary"]


def test_the_ingest_command_takes_the_articles_publication_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """ "On Tuesday" needs the publication time: over HTTP it is `published_at`, here --published-at."""
    from app.__main__ import main
    from app.settings import get_settings

    article = tmp_path / "article.txt"
    article.write_text(
        "Gunmen kill five in attack on Mogadishu market\n\nGunmen attacked a crowded market in Mogadishu, "
        "Somalia on Tuesday, killing five people and wounding 12 others, police said.\n"
    )
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    try:
        assert main(["migrate"]) == 0
        assert main(["ingest", str(article)]) == 0
        undated = capsys.readouterr().out
        given = [
            "--published-at",
            "2024-03-07T10:00:00Z",
            "--url",
            "https://example.org/a",
            "--title",
            "Market",
        ]
        assert main(["ingest", str(article), *given, "--commit"]) == 0
        dated = capsys.readouterr().out
        for option, value in (("--published-at", "Tuesday"), ("--url", "not a url"), ("--title", "")):
            with pytest.raises(SystemExit):
                main(["ingest", str(article), option, value])
            assert f"argument {option}: '{value}'" in capsys.readouterr().err
    finally:
        get_settings.cache_clear()
    assert "incidents 0+0" in undated
    assert "incidents 1+0" in dated
    assert "casualty_reports 0+0" not in dated
    engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
    with engine.connect() as conn:
        [(url, title, published)] = conn.execute(text("SELECT url, title, published_at FROM sources")).all()
        [occurred] = conn.execute(text("SELECT occurred_at FROM incidents")).scalars()
    engine.dispose()
    assert (url, title, published[:10]) == ("https://example.org/a", "Market", "2024-03-07")
    assert str(occurred).startswith("2024-03-04 21:00")  # the Tuesday before, in Mogadishu (UTC+3)


@pytest.mark.parametrize("published_at", ["0001-01-01T00:30:00Z", "9999-12-31T00:00:00Z"])
def test_a_publication_date_at_the_end_of_the_calendar_dates_nothing(
    client: TestClient, published_at: str
) -> None:
    """ "On Sunday" a week before year 1 has no date: the extractor leaves the anchor out with a
    note (no exception, and none of its words, reaches the client); the seed article's own
    dateline still dates its incident, and a commit stores it."""
    body = {"text": TEXT, "published_at": published_at}
    proposal = client.post("/v1/ingest", json=body).json()
    assert any("too near year 1 or 9999" in note for note in proposal["notes"])
    assert not any("Error" in note for note in proposal["notes"])
    stored = client.post("/v1/ingest?commit=true", json=body)
    assert stored.status_code == 201, stored.text
    incident = client.get(f"/v1/incidents/{stored.json()['incident_id']}").json()
    assert incident["occurred_at"].startswith("2023-12-0")
