"""The extractor's roles on unseen wording: who attacked, who was hit, who responded.

Pure unit tests on short invented articles (no database fixtures)."""

from datetime import UTC, datetime

from app.ingest.extract import extract

FRIDAY = datetime(2024, 3, 8, 12, 0, tzinfo=UTC)


def roles(text: str) -> set[tuple[str, str, str]]:
    """(actor name, role, confidence) for every role the extractor proposes."""
    a = extract(text, published_at=FRIDAY)
    names = {x.key: x.name for x in a.actors}
    return {(names[r.actor], r.role.value, r.confidence.value) for r in a.roles}


def test_a_military_acknowledging_its_strike_is_its_confirmed_perpetrator() -> None:
    got = roles(
        "Air strike kills five in northern Mali\n\n"
        "An air strike killed five people in a village near Gao, Mali, on Thursday, residents said.\n\n"
        "The Malian army said in a statement that its jets had struck a rebel hideout."
    )
    assert ("Malian army", "claimant", "confirmed") in got, got
    assert ("Malian army", "perpetrator", "confirmed") in got, got


def test_an_armed_group_claim_stays_alleged() -> None:
    got = roles(
        "Bomb kills six at market in northern Mali\n\n"
        "A bomb killed six people at a market in Gao, Mali, on Thursday, police said.\n\n"
        "Islamic State Sahel Province claimed responsibility for the attack."
    )
    assert ("Islamic State Sahel Province", "perpetrator", "alleged") in got, got


def test_a_headline_passive_killed_names_no_perpetrator() -> None:
    got = roles(
        "Four ISWAP fighters killed, one soldier wounded in clash\n\n"
        "Troops clashed with fighters near Monguno, Nigeria, on Thursday, the army said."
    )
    assert not any(role == "perpetrator" for _, role, _ in got), got


def test_troops_killing_militants_are_not_the_perpetrator() -> None:
    got = roles(
        "Troops kill 12 militants in Mali\n\n"
        "Malian troops killed 12 militants in a battle near Gao, Mali, on Thursday, the army said."
    )
    assert not any(name == "Malian troops" and role == "perpetrator" for name, role, _ in got), got


def test_security_forces_shooting_protesters_are_the_perpetrator() -> None:
    got = roles(
        "Protesters shot dead in Khartoum\n\n"
        "Sudanese security forces killed five protesters in Khartoum, Sudan, on Thursday, medics said."
    )
    assert ("Sudanese security forces", "perpetrator", "confirmed") in got, got


BOMBING = "Car bomb kills eight in Gao\n\nA car bomb killed eight people at a checkpoint in Gao, Mali, on Thursday, police said.\n\n"


def test_a_group_whose_teams_rescued_the_wounded_responded() -> None:
    got = roles(
        BOMBING + "The Red Crescent, a relief group, said its teams had pulled 20 people from the rubble."
    )
    assert ("Red Crescent", "responder", "confirmed") in got, got


def test_an_agency_assisting_the_investigation_responded() -> None:
    got = roles(BOMBING + "The National Security Agency said it was assisting the investigation.")
    assert ("National Security Agency", "responder", "confirmed") in got, got


def test_a_pronoun_continues_the_previous_subject() -> None:
    got = roles(
        BOMBING
        + "Governor Amadou Diallo condemned the bombing. He ordered the police to find those responsible."
    )
    assert ("Amadou Diallo", "responder", "confirmed") in got, got


def test_it_is_not_a_person_and_he_is_not_an_organisation() -> None:
    got = roles(
        BOMBING
        + "Governor Amadou Diallo condemned the bombing. It said it had opened an investigation.\n\n"
        + "The National Security Agency said he had ordered a curfew."
    )
    assert not any(role == "responder" for _, role, _ in got), got


def test_a_military_that_responded_to_fire_is_no_responder() -> None:
    got = roles(BOMBING + "The Malian army said its forces had responded to fire from across the border.")
    assert not any(role == "responder" for _, role, _ in got), got


def test_a_witness_treated_in_hospital_is_no_responder() -> None:
    got = roles(
        BOMBING + 'Moussa Traore, a trader, said he was treated at a hospital. "It was terrible," he said.'
    )
    assert not any(role == "responder" for _, role, _ in got), got


SHELLING = "Shelling hits hospital in Gao\n\nShelling hit a hospital in Gao, Mali, on Thursday, killing four people, medics said.\n\n"


def test_fire_reported_by_another_side_is_alleged() -> None:
    got = roles(
        SHELLING
        + 'The Malian army said that Islamic State Sahel Province had fired "more than 40 shells" at the city.'
    )
    assert ("Islamic State Sahel Province", "perpetrator", "alleged") in got, got


def test_fire_told_by_the_writer_is_confirmed() -> None:
    got = roles(SHELLING + "Islamic State Sahel Province fired rockets at the hospital.")
    assert ("Islamic State Sahel Province", "perpetrator", "confirmed") in got, got


def test_since_the_attack_counts_from_this_event() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Rebels kill 40 in village\n\n"
        "Rebels armed with machetes killed at least 40 civilians in a village near Beni in eastern Congo on "
        "Sunday night.\n\n"
        "Doctors Without Borders (MSF) said its teams had treated 34 people for gunshot wounds since Monday "
        "morning.\n",
        published_at=datetime(2025, 9, 9, tzinfo=UTC),
    )
    names = {x.key: x.name for x in a.actors}
    assert ("Doctors Without Borders", "responder") in {(names[r.actor], r.role.value) for r in a.roles}
