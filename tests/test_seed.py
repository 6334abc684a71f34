"""The seed loader: the embassy article becomes exactly the records its annotation names."""

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session, sessionmaker

from app.db import make_engine
from app.errors import Unprocessable
from app.ingest.loader import SEEDS_DIR, SeedError, discover, read_annotation, read_text, seed_files
from app.ingest.schemas import Annotation
from app.ingest.service import KINDS, IngestResult, load

SEED = SEEDS_DIR / "us-embassy-baghdad-rocket-attack-2023-12-08.yaml"
TEXT = read_text(SEED.with_suffix(".txt"))
TABLES = ("sources", "actors", "incidents", "incident_actors", "statements", "casualty_reports", "history")


def raw_annotation() -> dict[str, Any]:
    return read_annotation(SEED).model_dump(mode="json", exclude_unset=True)


def run(sessions: sessionmaker[Session], annotation: Annotation | dict[str, Any]) -> IngestResult:
    """Load in one session and commit, as the seed command does."""
    if isinstance(annotation, dict):
        annotation = Annotation.model_validate(annotation)
    with sessions() as session:
        result = load(session, TEXT, annotation)
        session.commit()
    return result


def counts(sessions: sessionmaker[Session]) -> dict[str, int]:
    from sqlalchemy import table

    with sessions() as session:
        return {name: session.scalar(select(func.count()).select_from(table(name))) or 0 for name in TABLES}


def by_kind(result: IngestResult) -> dict[str, tuple[int, int, int]]:
    return {k: (c.created, c.updated, c.unchanged) for k, c in result.summary.items()}


def items(client: TestClient, path: str) -> list[dict[str, Any]]:
    response = client.get(path, params={"limit": 500})
    assert response.status_code == 200, response.text
    return response.json()["items"]  # type: ignore[no-any-return]


def test_seed_records_exactly_what_the_annotation_says(
    sessions: sessionmaker[Session], client: TestClient
) -> None:
    result = run(sessions, read_annotation(SEED))
    assert by_kind(result) == {
        "sources": (1, 0, 0),
        "actors": (12, 0, 0),
        "incidents": (1, 0, 0),
        "incident_actors": (8, 0, 0),
        "statements": (10, 0, 0),
        "casualty_reports": (1, 0, 0),
    }

    [source] = items(client, "/v1/sources")
    assert source["text"] == TEXT
    assert source["title"] == "US embassy in Baghdad targeted with several rockets; no casualties reported"
    assert (source["kind"], source["author"], source["publisher"]) == ("news_article", "Web Desk", None)
    assert source["published_at"] == "2023-12-08T00:00:00Z"

    [incident] = items(client, "/v1/incidents")
    assert incident["event_type"] == "Explosions/Remote violence"
    assert incident["sub_event_type"] == "Shelling/artillery/missile attack"
    assert incident["disorder_type"] == "Political violence"
    assert incident["occurred_at"] == "2023-12-08T01:00:00Z"
    assert incident["occurred_at_precision"] == "hour"
    assert incident["timezone"] == "Asia/Baghdad"
    assert incident["location"] == {
        "name": "Green Zone, Baghdad",
        "admin1": "Baghdad",
        "admin2": "Karkh",
        "city": "Baghdad",
        "country_code": "IQ",
        "latitude": 33.3076,
        "longitude": 44.3903,
        "precision": "neighbourhood",
    }
    assert (incident["status"], incident["claim_status"]) == ("reported", "unclaimed")
    assert {"two-rocket-salvos", "more-than-70-attacks-on-us-forces", "about-2500-us-troops-in-iraq"} <= set(
        incident["tags"]
    )
    assert incident["source_ids"] == [source["id"]]
    assert incident["statement_count"] == 9  # the campaign's claim is context, not about this incident

    actors = {a["name"]: a for a in items(client, "/v1/actors")}
    assert len(actors) == 12
    kinds = {name: a["kind"] for name, a in actors.items()}
    assert kinds == {
        "US Embassy in Baghdad": "diplomatic_mission",
        "US Embassy in Baghdad spokesperson": "person",
        "Iran-backed militias in Iraq": "armed_group",
        "Islamic Resistance in Iraq": "armed_group",
        "Iran": "state",
        "United States": "state",
        "Government of Iraq": "government",
        "Mohammed Shia al-Sudani": "person",
        "Iraqi security forces": "security_force",
        "United Nations Assistance Mission for Iraq": "international_org",
        "Reuters": "media",
        "Agence France-Presse": "media",
    }
    ids = {name: a["id"] for name, a in actors.items()}
    assert actors["Mohammed Shia al-Sudani"]["aliases"] == ["al-Sudani"]
    assert actors["Mohammed Shia al-Sudani"]["affiliated_with"] == [ids["Government of Iraq"]]
    assert actors["US Embassy in Baghdad spokesperson"]["affiliated_with"] == [ids["US Embassy in Baghdad"]]
    assert set(actors["Iran-backed militias in Iraq"]["affiliated_with"]) == {
        ids["Iran"],
        ids["Islamic Resistance in Iraq"],
    }

    roles = {(link["name"], link["role"], link["confidence"]) for link in incident["actors"]}
    assert roles == {
        ("US Embassy in Baghdad", "target", "confirmed"),
        ("Iran-backed militias in Iraq", "perpetrator", "suspected"),
        ("US Embassy in Baghdad spokesperson", "commentator", "confirmed"),
        ("Mohammed Shia al-Sudani", "responder", "confirmed"),
        ("Mohammed Shia al-Sudani", "commentator", "confirmed"),
        ("Iraqi security forces", "responder", "confirmed"),
        ("United Nations Assistance Mission for Iraq", "commentator", "confirmed"),
        ("Reuters", "reporter", "confirmed"),
    }

    names = {v: k for k, v in ids.items()}
    statements = items(client, "/v1/statements")
    quotes = {
        (names[s["speaker_id"]], s["text"], s["channel"], s["stance"])
        for s in statements
        if s["kind"] == "direct_quote"
    }
    assert quotes == {
        (
            "US Embassy in Baghdad spokesperson",
            "We again call on the Government of Iraq, as we have done on many occasions, to do all in its "
            "power to protect diplomatic and Coalition partner personnel and facilities",
            "spokesperson",
            "call_to_action",
        ),
        (
            "US Embassy in Baghdad spokesperson",
            "We reiterate that we reserve the right to self-defence and to protect our personnel anywhere "
            "in the world",
            "spokesperson",
            "warning",
        ),
        (
            "Mohammed Shia al-Sudani",
            "unruly, lawless groups that do not in any way represent the will of the Iraqi people",
            "office statement",
            "condemnation",
        ),
        (
            "United Nations Assistance Mission for Iraq",
            "Iraq cannot afford to be drawn into a wider conflict, which would threaten hard-won stability "
            "and the achievements made so far",
            "social media post",
            "warning",
        ),
    }
    for s in statements:
        if s["kind"] == "direct_quote":
            assert s["text"] in TEXT
            assert s["evidence"][0]["quote"] == s["text"]
    paraphrases = {(names[s["speaker_id"]], s["stance"]) for s in statements if s["kind"] == "paraphrase"}
    assert paraphrases == {
        ("US Embassy in Baghdad spokesperson", "attribution"),
        ("Mohammed Shia al-Sudani", "call_to_action"),
        ("Mohammed Shia al-Sudani", "condemnation"),
        ("United Nations Assistance Mission for Iraq", "condemnation"),
        ("Reuters", "other"),
        ("Islamic Resistance in Iraq", "other"),
    }

    [report] = items(client, "/v1/casualty-reports")
    assert (report["killed"], report["injured"], report["qualifier"], report["group"]) == (
        0,
        0,
        "none_reported",
        "all",
    )
    assert report["reported_by_id"] == ids["US Embassy in Baghdad spokesperson"]
    assert report["source_id"] == source["id"]
    assert report["incident_id"] == incident["id"]
    casualties = client.get(f"/v1/incidents/{incident['id']}").json()["casualties"]
    assert casualties["killed"]["best"] == 0
    assert casualties["injured"]["best"] == 0
    assert casualties["report_ids"] == [report["id"]]


def test_every_evidence_span_is_the_quote_in_the_text(
    sessions: sessionmaker[Session], client: TestClient
) -> None:
    run(sessions, read_annotation(SEED))
    [incident] = items(client, "/v1/incidents")
    spans = list(incident["evidence"])
    for link in incident["actors"]:
        assert link["evidence"], link
        spans.extend(link["evidence"])
    for path in ("/v1/statements", "/v1/casualty-reports"):
        for record in items(client, path):
            assert record["evidence"], record
            spans.extend(record["evidence"])
    assert len(spans) == 33  # 9 on the incident, 9 on roles, 14 on statements, 1 on the report
    for span in spans:
        assert TEXT[span["start"] : span["end"]] == span["quote"]
        assert span["prefix"] == TEXT[max(0, span["start"] - 32) : span["start"]]
        assert span["suffix"] == TEXT[span["end"] : span["end"] + 32]
    # `occurrence: 2` picked the body's sentence, not the subheading's.
    unclaimed = next(
        s for s in incident["evidence"] if s["quote"] == "no group immediately claimed responsibility"
    )
    assert unclaimed["start"] == TEXT.index("no group", TEXT.index("According to the spokesperson"))


def test_a_second_load_changes_nothing(sessions: sessionmaker[Session], client: TestClient) -> None:
    run(sessions, read_annotation(SEED))
    before = counts(sessions)
    versions = {
        path: {r["id"]: r["version"] for r in items(client, path)}
        for path in ("/v1/sources", "/v1/actors", "/v1/incidents", "/v1/statements", "/v1/casualty-reports")
    }
    again = run(sessions, read_annotation(SEED))
    assert by_kind(again) == {
        "sources": (0, 0, 1),
        "actors": (0, 0, 12),
        "incidents": (0, 0, 1),
        "incident_actors": (0, 0, 8),
        "statements": (0, 0, 10),
        "casualty_reports": (0, 0, 1),
    }
    assert {r.action for r in again.records} == {"unchanged"}
    assert counts(sessions) == before
    for path, seen in versions.items():
        assert {r["id"]: r["version"] for r in items(client, path)} == seen


def test_actors_are_matched_by_name_or_alias_case_insensitively(
    sessions: sessionmaker[Session], client: TestClient
) -> None:
    existing = client.post(
        "/v1/actors", json={"name": "UNAMI", "kind": "international_org", "aliases": ["UN Iraq mission"]}
    ).json()
    premier = client.post("/v1/actors", json={"name": "MOHAMMED SHIA AL-SUDANI", "kind": "person"}).json()
    result = run(sessions, read_annotation(SEED))
    assert by_kind(result)["actors"] == (10, 2, 0)
    unami = client.get(f"/v1/actors/{existing['id']}").json()
    # Matched through its alias "UNAMI": the name stays, the annotation's names become aliases.
    assert unami["name"] == "UNAMI"
    assert unami["aliases"] == [
        "UN Iraq mission",
        "United Nations Assistance Mission for Iraq",
        "UN mission in Iraq",
    ]
    sudani = client.get(f"/v1/actors/{premier['id']}").json()
    assert sudani["name"] == "Mohammed Shia al-Sudani"  # same name, the annotation's spelling
    assert sudani["aliases"] == ["al-Sudani"]
    assert len(items(client, "/v1/actors")) == 12


def test_an_ambiguous_actor_match_asks_for_actor_id(
    sessions: sessionmaker[Session], client: TestClient
) -> None:
    first = client.post("/v1/actors", json={"name": "Reuters", "kind": "media"}).json()
    second = client.post(
        "/v1/actors", json={"name": "Thomson Reuters", "kind": "media", "aliases": ["reuters"]}
    )
    client.post("/v1/actors", json={"name": "REUTERS", "kind": "media"})
    before = counts(sessions)
    with pytest.raises(Unprocessable) as caught:
        run(sessions, read_annotation(SEED))
    assert caught.value.extra["errors"][0]["field"] == "actors.10"
    assert "actor 'reuters' matches 2 existing actors by name or alias" in caught.value.detail
    assert "set actor_id to say which" in caught.value.detail
    assert counts(sessions) == before
    data = raw_annotation()
    data["actors"][10]["actor_id"] = first["id"]
    result = run(sessions, data)
    reuters = next(r for r in result.records if r.key == "reuters")
    assert (reuters.id, reuters.action) == (uuid.UUID(first["id"]), "unchanged")
    assert second.status_code == 201


def test_a_second_article_can_join_an_existing_incident(
    sessions: sessionmaker[Session], client: TestClient
) -> None:
    seeded = run(sessions, read_annotation(SEED))
    text = "Rockets hit the Green Zone in Baghdad on Friday, Iraqi officials said."
    annotation = Annotation.model_validate(
        {
            "source": {"title": "Rockets hit Green Zone", "published_at": "2023-12-08T12:00:00Z"},
            "incident": {
                "incident_id": str(seeded.incident_id),
                "title": "Rocket attack on the US Embassy in Baghdad's Green Zone",
                "event_type": "Explosions/Remote violence",
                "occurred_at": "2023-12-08T01:00:00Z",
                "occurred_at_precision": "hour",
                "evidence": [{"quote": "Rockets hit the Green Zone in Baghdad on Friday"}],
            },
        }
    )
    with sessions() as session:
        result = load(session, text, annotation)
        session.commit()
    assert result.incident_id == seeded.incident_id
    assert by_kind(result)["incidents"] == (0, 1, 0)
    incident = client.get(f"/v1/incidents/{seeded.incident_id}").json()
    assert incident["source_ids"] == [str(seeded.source_id), str(result.source_id)]
    assert incident["sub_event_type"] == "Shelling/artillery/missile attack"  # not stated: kept
    assert len(incident["evidence"]) == 10  # the seed's nine spans are kept, the new one added
    assert incident["evidence"][-1]["source_id"] == str(result.source_id)


def test_a_changed_annotation_updates_what_it_names(
    sessions: sessionmaker[Session], client: TestClient
) -> None:
    run(sessions, read_annotation(SEED))
    [incident] = items(client, "/v1/incidents")
    data = raw_annotation()
    data["incident"]["claim_status"] = "claimed"
    data["incident"]["tags"] = ["claimed-later"]
    data["actors"][4]["description"] = "The Islamic Republic of Iran."
    data["roles"][1]["confidence"] = "alleged"
    data["statements"][1]["stance"] = "threat"
    data["casualty_reports"][0]["evidence"] = [{"quote": "there were no casualties reported"}]
    before = counts(sessions)
    result = run(sessions, data)
    assert by_kind(result) == {
        "sources": (0, 0, 1),
        "actors": (0, 1, 11),
        "incidents": (0, 1, 0),
        "incident_actors": (0, 1, 7),
        "statements": (0, 1, 9),
        "casualty_reports": (0, 1, 0),
    }
    after = client.get(f"/v1/incidents/{incident['id']}").json()
    assert after["claim_status"] == "claimed"
    assert after["tags"] == [*incident["tags"], "claimed-later"]  # tags are added to, never cut
    assert after["version"] > incident["version"]
    militia = next(link for link in after["actors"] if link["role"] == "perpetrator")
    assert militia["confidence"] == "alleged"
    iran = next(a for a in items(client, "/v1/actors") if a["name"] == "Iran")
    assert (iran["description"], iran["version"]) == ("The Islamic Republic of Iran.", 2)
    warning = next(s for s in items(client, "/v1/statements") if s["text"].startswith("We reiterate"))
    assert (warning["stance"], warning["version"]) == ("threat", 2)
    [report] = items(client, "/v1/casualty-reports")
    assert [e["quote"] for e in report["evidence"]] == ["there were no casualties reported"]
    changed = {k: v for k, v in counts(sessions).items() if v != before[k]}
    # Four records changed (the role is the incident's), nothing created: a history row each.
    assert changed == {"history": before["history"] + 4}
    assert by_kind(run(sessions, data))["incidents"] == (0, 0, 1)


def _broken(edit: Any) -> dict[str, Any]:
    data = raw_annotation()
    edit(data)
    return data


@pytest.mark.parametrize(
    ("edit", "field", "words"),
    [
        pytest.param(
            lambda d: d["statements"][3]["evidence"].__setitem__(1, {"quote": "it said in a press release"}),
            "statements.3.evidence.1.quote",
            "quote not found in the source's text: 'it said in a press release' (direct_quote by 'unami')",
            id="quote-not-in-text",
        ),
        pytest.param(
            lambda d: d["roles"][2].__setitem__("actor", "embassy-spokesman"),
            "roles.2.actor",
            "unknown actor key 'embassy-spokesman'",
            id="unknown-actor-key",
        ),
        pytest.param(
            lambda d: d["incident"]["evidence"][5].pop("occurrence"),
            "incident.evidence.5.quote",
            "quote found 2 times in the source's text; say which occurrence",
            id="ambiguous-quote",
        ),
        pytest.param(
            lambda d: d["statements"].append({**d["statements"][0], "text": "We call on the Government"}),
            "statements.10.text",
            "a direct quote must appear verbatim in the text",
            id="direct-quote-not-verbatim",
        ),
        pytest.param(
            lambda d: d["actors"][2]["aliases"].append("Islamic Resistance in Iraq"),
            "actors.3.name",
            "'Islamic Resistance in Iraq' also names actors.2",
            id="two-actors-one-name",
        ),
    ],
)
def test_a_broken_annotation_is_refused_naming_the_record(
    sessions: sessionmaker[Session], edit: Any, field: str, words: str
) -> None:
    before = counts(sessions)
    with pytest.raises(Unprocessable) as caught:
        run(sessions, _broken(edit))
    assert caught.value.extra["errors"][0]["field"] == field
    assert words in caught.value.detail
    assert caught.value.detail.startswith(f"{field}: ")
    assert counts(sessions) == before


def test_an_error_after_writes_leaves_nothing_behind(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    """A rule only a service checks (a channel over 100 characters) fails after the source, the actors
    and the incident were written: the whole seed is rolled back."""
    data = raw_annotation()
    data["statements"][-1]["channel"] = "x" * 101
    (tmp_path / "broken.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    (tmp_path / "broken.txt").write_text(TEXT, encoding="utf-8")
    before = counts(sessions)
    with pytest.raises(SeedError) as caught:
        seed_files(sessions, discover([tmp_path]))
    assert "broken.yaml: statements.9.channel: String should have at most 100 characters" in str(caught.value)
    assert counts(sessions) == before


def test_seed_files_loads_the_seeds_directory_in_one_go(sessions: sessionmaker[Session]) -> None:
    [(seed, result)] = seed_files(sessions, discover([]))
    assert seed.annotation_path == SEED
    assert result.committed
    assert sum(c.created for c in result.summary.values()) == 33
    [(_, again)] = seed_files(sessions, discover([SEED]))
    assert all(again.summary[k].created == again.summary[k].updated == 0 for k in KINDS)


def test_the_seed_command_seeds_an_empty_database_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.__main__ import main
    from app.settings import get_settings

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
    get_settings.cache_clear()
    try:
        assert main(["migrate"]) == 0
        assert main(["seed"]) == 0
        first = capsys.readouterr().out
        assert main(["seed", str(SEED)]) == 0
        second = capsys.readouterr().out
        (tmp_path / "bad.yaml").write_text("source: {title: x}\nroles: [{actor: nobody, role: target}]\n")
        (tmp_path / "bad.txt").write_text("text")
        assert main(["seed", str(tmp_path / "bad.yaml")]) == 1
        error = capsys.readouterr().err
        # An edit through the API survives a restart (`make run` seeds with --only-new).
        engine = make_engine(f"sqlite:///{tmp_path / 'cli.db'}")
        with engine.begin() as conn:
            conn.execute(text("UPDATE incidents SET status = 'confirmed'"))
            conn.execute(text("DELETE FROM casualty_reports"))
        assert main(["seed", "--only-new"]) == 0
        kept = capsys.readouterr().out
        with engine.connect() as conn:
            left = conn.execute(
                text("SELECT status, (SELECT count(*) FROM casualty_reports) FROM incidents")
            ).one()
        engine.dispose()
    finally:
        get_settings.cache_clear()
    assert "  actors                   12        0          0" in first
    assert "33 record(s) created or updated." in first
    assert "  statements                0        0         10" in second
    assert "nothing to change: already seeded." in second
    assert "seed failed, nothing was stored:" in error
    assert "bad.yaml: roles.0: there is no incident to give a role in" in error
    assert f"{SEED.name}: its article is stored already; left as it is (--only-new)" in kept
    assert tuple(left) == ("confirmed", 0)


def test_published_times_are_utc() -> None:
    annotation = read_annotation(SEED)
    assert annotation.incident is not None
    assert annotation.incident.occurred_at == datetime(2023, 12, 8, 1, tzinfo=UTC)
    assert annotation.source.published_at == datetime(2023, 12, 8, tzinfo=UTC)


def test_a_seeded_record_is_one_change_version_1_with_its_history_row_as_read(
    sessions: sessionmaker[Session], client: TestClient
) -> None:
    """The seed is one transaction: the incident its statements and report move is created at
    version 1, its one history row the incident as it reads (not 1 + a version per statement)."""
    run(sessions, read_annotation(SEED))
    for path in ("incidents", "actors", "statements", "casualty-reports", "sources"):
        for record in items(client, f"/v1/{path}"):
            assert record["version"] == 1, (path, record["id"])
            [change] = client.get(f"/v1/{path}/{record['id']}/history").json()["items"]
            assert (change["action"], change["version"]) == ("create", 1)
            assert change["after"] == client.get(f"/v1/{path}/{record['id']}").json(), path
