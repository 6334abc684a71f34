"""Full-text search `q`: incidents (title, summary, statements), actors (name, aliases), statements."""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.search import INCIDENTS
from tests.factories import make_actor, make_incident, make_statement


def titles(client: TestClient, path: str, **params: Any) -> list[str]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return [item.get("title") or item.get("name") or item.get("text") for item in response.json()["items"]]


def test_incident_search_covers_title_summary_and_statements(client: TestClient) -> None:
    governor = make_actor(client)
    make_incident(client, title="Rocket attack on compound")
    make_incident(client, title="Market fire", summary="A fire destroyed the central market stalls.")
    third = make_incident(client, title="Checkpoint shooting")
    make_statement(client, governor["id"], incident_id=third["id"], text="We condemn this cowardly ambush")
    assert titles(client, "/v1/incidents", q="rocket") == ["Rocket attack on compound"]
    assert titles(client, "/v1/incidents", q="stalls") == ["Market fire"]
    assert titles(client, "/v1/incidents", q="cowardly") == ["Checkpoint shooting"]
    assert titles(client, "/v1/incidents", q="submarine") == []
    # every word must match, in any field
    assert titles(client, "/v1/incidents", q="checkpoint ambush") == ["Checkpoint shooting"]
    assert titles(client, "/v1/incidents", q="checkpoint rocket") == []


def test_search_stems_and_folds_case(client: TestClient) -> None:
    make_incident(client, title="Rockets struck the compound", summary="Attacks continued overnight")
    assert titles(client, "/v1/incidents", q="ROCKET") == ["Rockets struck the compound"]
    assert titles(client, "/v1/incidents", q="attack") == ["Rockets struck the compound"]
    assert titles(client, "/v1/incidents", q="striking") == []  # "striking" and "struck" share no stem


@pytest.mark.parametrize(
    ("q", "hit"),
    [
        ('"rocket', True),
        ("rocket*", True),
        ("-rocket +compound", True),
        ("rocket^ (compound", True),
        ("rocket \\ % _ ' \"", True),
        ("rocket'; DROP TABLE incidents; --", False),
        ("NEAR(rocket compound)", False),
        ("title:rocket", False),
        ("rocket\u200b", True),
        ("ROCKET\u0301 \U0001d52f\U0001d52c \U0001f680", False),
        # AND/OR/NOT are words: stop words on PostgreSQL, plain words on SQLite; never an error
        ("rocket AND OR NOT compound", None),
    ],
)
def test_special_characters_are_plain_words(client: TestClient, q: str, hit: bool | None) -> None:
    make_incident(client, title="Rocket attack on compound")
    response = client.get("/v1/incidents", params={"q": q})
    assert response.status_code == 200, response.text
    if hit is not None:
        expected = ["Rocket attack on compound"] if hit else []
        assert [i["title"] for i in response.json()["items"]] == expected


def test_control_characters_in_q_are_422(client: TestClient) -> None:
    response = client.get("/v1/incidents", params={"q": "\x00rocket"})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


def test_query_without_words_matches_nothing(client: TestClient) -> None:
    make_incident(client, title="Rocket attack")
    for q in ['"', "***", "() :", "--"]:
        response = client.get("/v1/incidents", params={"q": q})
        assert response.status_code == 200, response.text
        assert response.json()["items"] == []


def test_relevance_order_and_cursor(client: TestClient) -> None:
    make_incident(client, title="Shelling reported", summary="Quiet day otherwise, nothing more")
    make_incident(client, title="Shelling and shelling", summary="Shelling again: shelling all night")
    make_incident(client, title="Calm", summary="No shelling today")
    make_incident(client, title="Unrelated", summary="Nothing at all")
    ranked = titles(client, "/v1/incidents", q="shelling")
    assert ranked[0] == "Shelling and shelling"
    assert sorted(ranked) == ["Calm", "Shelling and shelling", "Shelling reported"]
    # one row per page: the cursor walks the same order, no repeats, no gaps
    seen: list[str] = []
    params: dict[str, Any] = {"q": "shelling", "limit": 1}
    while True:
        body = client.get("/v1/incidents", params=params).json()
        seen.extend(i["title"] for i in body["items"])
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == ranked
    # an explicit sort wins over relevance
    by_date = titles(client, "/v1/incidents", q="shelling", sort="created_at")
    assert by_date == ["Shelling reported", "Shelling and shelling", "Calm"]


def test_tampered_relevance_cursor_is_400(client: TestClient) -> None:
    for n in range(3):
        make_incident(client, title=f"Shelling {n}")
    body = client.get("/v1/incidents", params={"q": "shelling", "limit": 1}).json()
    cursor = body["next_cursor"]
    tampered = cursor[:20] + ("A" if cursor[20] != "A" else "B") + cursor[21:]  # a middle char: 6 full bits
    response = client.get("/v1/incidents", params={"q": "shelling", "limit": 1, "cursor": tampered})
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    # a relevance cursor is not valid for another sort, nor for another query's scores
    response = client.get("/v1/incidents", params={"limit": 1, "cursor": cursor})
    assert response.status_code == 400
    response = client.get("/v1/incidents", params={"q": "shelling 1", "limit": 1, "cursor": cursor})
    assert response.status_code == 400
    response = client.get("/v1/incidents", params={"q": "shelling", "limit": 1, "cursor": cursor})
    assert response.status_code == 200


def test_documents_follow_every_write(
    client: TestClient, sessions: sessionmaker[Session], backend: str
) -> None:
    speaker = make_actor(client)
    first = make_incident(client, title="Blast at depot")
    second = make_incident(client, title="Raid on village")
    statement = make_statement(client, speaker["id"], incident_id=first["id"], text="Saboteurs did it")
    assert titles(client, "/v1/incidents", q="saboteurs") == ["Blast at depot"]
    # the statement moves to another incident, then changes its words
    client.patch(f"/v1/statements/{statement['id']}", json={"incident_id": second["id"]})
    assert titles(client, "/v1/incidents", q="saboteurs") == ["Raid on village"]
    client.patch(f"/v1/statements/{statement['id']}", json={"text": "Smugglers did it"})
    assert titles(client, "/v1/incidents", q="saboteurs") == []
    assert titles(client, "/v1/incidents", q="smugglers") == ["Raid on village"]
    assert client.delete(f"/v1/statements/{statement['id']}").status_code == 204
    assert titles(client, "/v1/incidents", q="smugglers") == []
    # the incident's own words
    client.patch(f"/v1/incidents/{first['id']}", json={"title": "Explosion at fuel depot"})
    assert titles(client, "/v1/incidents", q="blast") == []
    assert titles(client, "/v1/incidents", q="fuel") == ["Explosion at fuel depot"]
    assert client.delete(f"/v1/incidents/{first['id']}").status_code == 204
    assert titles(client, "/v1/incidents", q="fuel") == []
    with sessions() as session:
        # one document per row, no orphans (the FK cascade removes a deleted row's document)
        assert session.scalar(select(func.count()).select_from(INCIDENTS.table)) == 1
        if backend == "sqlite":  # the FTS5 index agrees with its content table (raises otherwise)
            for name in ("incident", "actor", "statement"):
                fts = f"{name}_search_fts"
                session.execute(text(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"))
        else:  # the terms the triggers keep are those of each document, one row each
            for name in ("incident", "actor", "statement"):
                stale = session.scalar(
                    text(
                        f"SELECT count(*) FROM {name}_search d "
                        f"FULL JOIN {name}_search_terms t ON t.id = d.id "
                        "WHERE t.id IS NULL OR d.id IS NULL OR t.owner_id <> d.owner_id "
                        "OR t.tsv <> to_tsvector('english', d.document)"
                    )
                )
                assert stale == 0, name


def test_actor_search_covers_name_and_aliases(client: TestClient) -> None:
    make_actor(client, name="Ministry of the Interior", aliases=["MoI", "Interior Ministry"])
    make_actor(client, name="Popular Mobilization Forces", kind="armed_group", aliases=["PMF", "Hashd"])
    assert titles(client, "/v1/actors", q="hashd") == ["Popular Mobilization Forces"]
    assert titles(client, "/v1/actors", q="moi") == ["Ministry of the Interior"]
    assert titles(client, "/v1/actors", q="interior") == ["Ministry of the Interior"]
    assert titles(client, "/v1/actors", q="forces") == ["Popular Mobilization Forces"]
    assert titles(client, "/v1/actors", q="navy") == []
    actor = client.get("/v1/actors", params={"q": "hashd"}).json()["items"][0]
    client.patch(f"/v1/actors/{actor['id']}", json={"aliases": ["Al-Hashd al-Shaabi"]})
    assert titles(client, "/v1/actors", q="pmf") == []
    assert titles(client, "/v1/actors", q="shaabi") == ["Popular Mobilization Forces"]


def test_statement_search_over_text(client: TestClient) -> None:
    speaker = make_actor(client)
    make_statement(client, speaker["id"], text="We condemn this cowardly attack")
    make_statement(client, speaker["id"], text="The perpetrators will be brought to justice", stance="threat")
    assert titles(client, "/v1/statements", q="justice") == ["The perpetrators will be brought to justice"]
    assert titles(client, "/v1/statements", q="condemned") == ["We condemn this cowardly attack"]
    assert titles(client, "/v1/statements", q="justice", stance="condemnation") == []
    assert titles(client, f"/v1/statements?speaker_id={speaker['id']}", q="attack") == [
        "We condemn this cowardly attack"
    ]


def test_equal_scores_page_by_id(client: TestClient) -> None:
    ids = sorted((make_incident(client, title=f"Convoy ambushed {n}")["id"] for n in range(5)), reverse=True)
    seen: list[str] = []
    params: dict[str, Any] = {"q": "convoy", "limit": 2}
    while True:
        body = client.get("/v1/incidents", params=params).json()
        seen.extend(i["id"] for i in body["items"])
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
    assert seen == ids  # the same score: id descending, each once


def test_reindex_after_a_bulk_insert(client: TestClient, sessions: sessionmaker[Session]) -> None:
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from app import search
    from app.incidents.models import Incident

    now = datetime(2024, 1, 1, tzinfo=UTC)
    rows = [
        {
            "id": uuid.uuid4(),
            "title": f"Bulk loaded {word}",
            "event_type": "Battles",
            "disorder_type": "Political violence",
            "occurred_at": now,
            "occurred_at_precision": "day",
            "status": "reported",
            "claim_status": "unknown",
            "tags": [],
            "casualty_report_ids": [],
            "statement_count": 0,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        }
        for word in ("alpha", "bravo", "charlie")
    ]
    with sessions() as session:
        session.execute(insert(Incident), rows)  # bypasses the ORM: no documents yet
        session.commit()
    assert titles(client, "/v1/incidents", q="bravo") == []
    with sessions() as session:
        assert search.reindex(session, "incidents") == 3
        session.commit()
    assert titles(client, "/v1/incidents", q="bravo") == ["Bulk loaded bravo"]
    assert sorted(titles(client, "/v1/incidents", q="bulk")) == [
        f"Bulk loaded {w}" for w in ("alpha", "bravo", "charlie")
    ]


def test_terms_with_digits_and_punctuation_are_found_on_both_backends(client: TestClient) -> None:
    """ "F-16", "U.N.", "50.4501": documents and queries are cut into words the same way (letters
    and digits), so a term copied from a title finds it; PostgreSQL's own parser kept `-16`, `u.n`
    and `50.4501` as tokens of their own and such a query found nothing there."""
    titles_by_q = {
        "F-16": "F-16 jets strike Kharkiv",
        "16": "F-16 jets strike Kharkiv",
        "Shahed-136": "Shahed-136 drones downed over Odesa",
        "136": "Shahed-136 drones downed over Odesa",
        "AK-47": "AK-47 rifles seized at a checkpoint",
        "ak 47": "AK-47 rifles seized at a checkpoint",
        "U.N.": "U.N. convoy hit near Goma",
        "COVID-19": "COVID-19 clinic shelled in Khartoum",
        "9/11": "Vigil on 9/11 anniversary dispersed",
        "50.4501": "Blast reported at 50.4501,30.5234",
        "30.5234": "Blast reported at 50.4501,30.5234",
        "al-Shabaab": "al-Shabaab fighters ambush a patrol",
        "Shabaab": "al-Shabaab fighters ambush a patrol",
        "x@y.org": "Threat mailed from x@y.org",
    }
    for title in dict.fromkeys(titles_by_q.values()):
        make_incident(client, title=title)
    make_incident(client, title="U.S.-led coalition hits a depot")
    for q, title in titles_by_q.items():
        assert titles(client, "/v1/incidents", q=q) == [title], q
    assert "U.S.-led coalition hits a depot" in titles(client, "/v1/incidents", q="U.S.-led")
    stats = client.get("/v1/stats/incidents", params={"group_by": "event_type", "q": "F-16"}).json()
    assert sum(group["incidents"] for group in stats["groups"]) == 1
    make_actor(client, name="Brigade-313", kind="armed_group", aliases=["Kh-101 crews"])
    for q in ("Brigade-313", "313", "Kh-101"):
        assert titles(client, "/v1/actors", q=q) == ["Brigade-313"], q
    speaker = make_actor(client, name="Air Force spokesman")
    make_statement(client, speaker["id"], text="An S-300 battery fired at 04:30")
    assert titles(client, "/v1/statements", q="S-300") == ["An S-300 battery fired at 04:30"]
    assert titles(client, "/v1/statements", q="04:30") == ["An S-300 battery fired at 04:30"]


def test_documents_are_stored_as_their_words(sessions: sessionmaker[Session], client: TestClient) -> None:
    from app import search

    assert search.words("F-16, U.N. 50.4501 9/11 foo_bar ca\u0301fe\u0301 Київ") == [
        *["F", "16", "U", "N", "50", "4501", "9", "11", "foo", "bar"],
        *["c\u00e1f\u00e9", "Київ"],  # composed (NFC) first: one word, as an indexer reads it
    ]
    assert search.terms("Rocket rocket ROCKET compound") == ["Rocket", "compound"]
    incident = make_incident(client, title="F-16 jets", summary="Hit at 50.4501.")
    with sessions() as session:
        stored = session.scalar(
            select(INCIDENTS.table.c.document).where(INCIDENTS.table.c.owner_id == uuid.UUID(incident["id"]))
        )
    assert stored == "F 16 jets Hit at 50 4501"


def test_relevance_ranks_more_occurrences_first(client: TestClient) -> None:
    for n in (2, 4, 1, 3):
        make_incident(client, title=f"Report {n}", summary=" ".join(["Shelling continued."] * n))
    assert titles(client, "/v1/incidents", q="shelling") == [f"Report {n}" for n in (4, 3, 2, 1)]
    assert titles(client, "/v1/incidents", q="shelling report") == [f"Report {n}" for n in (4, 3, 2, 1)]


def test_relevance_walk_neither_repeats_nor_skips_while_rows_are_written(client: TestClient) -> None:
    """Follow `next_cursor` of a relevance-ordered search while other rows are added, changed and
    deleted between pages: every row that matched all along is seen exactly once, and the walk
    ends. (On SQLite, FTS5's bm25() weighed words and lengths against the whole table, so each
    write moved every score and the cursor's score pointed elsewhere: rows came back or were
    skipped, and a walk could go on for ever.)"""
    filler = "Residents reported damage to homes, shops and a school in the area"
    matching = []
    for n in range(36):
        summary = " ".join([filler[: 10 + 7 * (n % 9)], *(["rocket"] * (n % 4))])
        matching.append(make_incident(client, title=f"Rocket strike {n}", summary=summary)["id"])
    others = [make_incident(client, title=f"Protest {n}", summary=filler)["id"] for n in range(6)]
    seen: list[str] = []
    params: dict[str, Any] = {"q": "rocket", "limit": 5}
    for page in range(40):
        body = client.get("/v1/incidents", params=params).json()
        seen += [item["id"] for item in body["items"]]
        if body["next_cursor"] is None:
            break
        params["cursor"] = body["next_cursor"]
        # between pages: rows that do not match (longer and shorter ones), one that does, a change
        # of another row's words, and a deletion
        make_incident(client, title=f"Protest after page {page}", summary=filler * (1 + page % 3))
        make_incident(client, title=f"Rocket fired after page {page}", summary="rocket rocket rocket")
        client.patch(f"/v1/incidents/{others[page % len(others)]}", json={"summary": filler[: 5 + page]})
        if page == 3:
            assert client.delete(f"/v1/incidents/{others.pop()}").status_code == 204
    else:
        raise AssertionError(f"the walk did not end: {len(seen)} items, {len(set(seen))} distinct")
    assert len(seen) == len(set(seen)), "a row came twice"
    assert set(matching) <= set(seen), f"{len(set(matching) - set(seen))} rows were skipped"


def test_sqlite_reads_query_terms_as_its_index_does(
    sessions: sessionmaker[Session], client: TestClient, backend: str
) -> None:
    """The relevance of a row on SQLite counts the FTS5 terms of the query's words in it: the
    words must become exactly the terms the index holds (same tokenizer: stems, folded case and
    accents)."""
    if backend != "sqlite":
        pytest.skip("SQLite's FTS5 terms")
    from app import search

    text_ = "Attacks attacked ATTACKING Café ÉLAN naïve Straße İstanbul Київі ǅemal 10km 2nd ﬁnal"
    incident = make_incident(client, title=text_)
    with sessions() as session:
        for name in ("incident", "actor", "statement"):
            sql = session.scalar(
                text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": f"{name}_search_fts"}
            )
            assert f"tokenize='{search.FTS5_TOKENIZE}'" in sql
        doc_id = session.scalar(
            select(INCIDENTS.table.c.id).where(INCIDENTS.table.c.owner_id == uuid.UUID(incident["id"]))
        )
        indexed = session.scalars(
            text("SELECT term FROM incident_search_fts_instances WHERE doc = :d ORDER BY offset"),
            {"d": doc_id},
        ).all()
    assert search.stems(search.words(text_)) == list(dict.fromkeys(indexed))


def test_stop_words_add_nothing_to_relevance(client: TestClient, backend: str) -> None:
    """PostgreSQL drops English stop words from documents and queries; SQLite matches them but, as
    PostgreSQL, leaves them out of a row's score (counting "the" read every place it occurs)."""
    for n in (1, 3, 2):
        make_incident(client, title=f"Report {n}", summary=" ".join(["The shelling of the town."] * n))
    expected = [f"Report {n}" for n in (3, 2, 1)]
    assert titles(client, "/v1/incidents", q="the shelling of the town") == expected
    only_stop_words = titles(client, "/v1/incidents", q="the of")
    if backend == "postgresql":
        assert only_stop_words == []  # no word left to search for
    else:  # every row matches, all score 0: newest id first, as ties always are
        ids = [i["id"] for i in client.get("/v1/incidents", params={"q": "the of"}).json()["items"]]
        assert sorted(only_stop_words) == sorted(expected)
        assert ids == sorted(ids, reverse=True)


def test_stop_words_are_postgresqls(sessions: sessionmaker[Session], backend: str) -> None:
    if backend != "postgresql":
        pytest.skip("PostgreSQL's english configuration")
    from app import search

    with sessions() as session:
        kept = session.scalars(
            text("SELECT w FROM unnest(CAST(:words AS text[])) AS w WHERE to_tsvector('english', w) <> ''"),
            {"words": sorted(search.STOP_WORDS)},
        ).all()
        assert kept == []  # each is one PostgreSQL drops
    assert len(search.STOP_WORDS) == 127  # as many as its english.stop lists
