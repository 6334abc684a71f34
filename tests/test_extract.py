"""The automatic extractor: pure unit tests (no database fixtures, so they run once, not per backend)."""

import random
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml

from app.ingest.extract import KnownActor, extract
from app.ingest.extract.evaluate import gold_pairs, missing_quotes, score
from app.ingest.schemas import Annotation
from app.vocab import (
    ActorKind,
    CasualtyGroup,
    ClaimStatus,
    Confidence,
    EventType,
    GeoPrecision,
    Qualifier,
    Role,
    Stance,
    StatementKind,
    SubEventType,
    TimePrecision,
)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "us-embassy-baghdad-rocket-attack-2023-12-08.txt"
FRIDAY = datetime(2023, 12, 8, 12, 0, tzinfo=UTC)
GOLD = gold_pairs([ROOT / "seeds", ROOT / "tests" / "gold"])


def quotes(a: Annotation) -> dict[str, str]:
    """Direct quote text → the speaker's name."""
    names = {x.key: x.name for x in a.actors}
    return {s.text: names[s.speaker] for s in a.statements if s.kind is StatementKind.direct_quote}


def actor(a: Annotation, key: str) -> str:
    return next(x.name for x in a.actors if x.key == key)


def roles(a: Annotation) -> set[tuple[str, Role, Confidence]]:
    return {(actor(a, r.actor), r.role, r.confidence) for r in a.roles}


def figures(a: Annotation) -> list[tuple[int | None, int | None, CasualtyGroup, Qualifier]]:
    return [(c.killed, c.injured, c.group, c.qualifier) for c in a.casualty_reports]


def event(body: str, published: datetime = FRIDAY, **kw: object) -> Annotation:
    """An article with a headline, so the lead sentence is the event."""
    return extract(f"Attack reported\n\n{body}", published_at=published, **kw)  # type: ignore[arg-type]


# -- the seed article -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Annotation:
    return extract(SEED.read_text(encoding="utf-8"))


def test_seed_quotes_and_speakers(seed: Annotation) -> None:
    assert quotes(seed) == {
        "We again call on the Government of Iraq, as we have done on many occasions, to do all in its power "
        "to protect diplomatic and Coalition partner personnel and facilities": "US embassy in Baghdad",
        "unruly, lawless groups that do not in any way represent the will of the Iraqi people": "Mohammed Shia al-Sudani",
        "We reiterate that we reserve the right to self-defence and to protect our personnel anywhere in the "
        "world": "US embassy in Baghdad",
        "Iraq cannot afford to be drawn into a wider conflict, which would threaten hard-won stability and the "
        "achievements made so far": "UN mission in Iraq",
    }
    channels = {s.text[:12]: s.channel for s in seed.statements if s.kind is StatementKind.direct_quote}
    assert channels == {
        "We again ca": "spokesperson",
        "unruly, law": "office statement",
        "We reiterat": "spokesperson",
        "Iraq cannot": "social media post",
    } or channels == {
        "We again cal": "spokesperson",
        "unruly, lawl": "office statement",
        "We reiterate": "spokesperson",
        "Iraq cannot ": "social media post",
    }


def test_seed_incident(seed: Annotation) -> None:
    inc = seed.incident
    assert inc is not None
    assert inc.event_type is EventType.explosions_remote_violence
    assert inc.sub_event_type is SubEventType.shelling_artillery_missile_attack
    assert inc.occurred_at.isoformat() == "2023-12-08T04:00:00+03:00"
    assert inc.occurred_at_precision is TimePrecision.hour
    assert inc.timezone == "Asia/Baghdad"
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code, inc.location.precision) == (
        "Baghdad",
        "IQ",
        GeoPrecision.city,
    )
    assert (inc.location.latitude, inc.location.longitude) == (33.34058, 44.40088)
    assert inc.claim_status is ClaimStatus.unclaimed


def test_seed_roles_and_casualties(seed: Annotation) -> None:
    assert roles(seed) == {
        ("US embassy in Baghdad", Role.target, Confidence.confirmed),
        ("Iran-backed militias", Role.perpetrator, Confidence.suspected),
        ("Reuters", Role.reporter, Confidence.confirmed),
        ("Mohammed Shia al-Sudani", Role.responder, Confidence.confirmed),
        ("UN mission in Iraq", Role.commentator, Confidence.confirmed),
    }
    assert figures(seed) == [(0, 0, CasualtyGroup.all, Qualifier.none_reported)]
    (report,) = seed.casualty_reports
    assert report.reported_by is not None
    assert actor(seed, report.reported_by) == "US embassy in Baghdad"
    # Headline and body say "no casualties": one report with both places as evidence.
    assert [(q.quote, q.occurrence) for q in report.evidence] == [("no casualties", 1), ("no casualties", 2)]
    kinds = {a.name: a.kind for a in seed.actors}
    assert kinds["US embassy in Baghdad"] is ActorKind.diplomatic_mission
    assert kinds["Iran-backed militias"] is ActorKind.armed_group
    assert kinds["Reuters"] is ActorKind.media


# -- every gold file --------------------------------------------------------------------------


@pytest.mark.parametrize(("txt", "yml"), GOLD, ids=[y.stem for _, y in GOLD])
def test_gold_quotes_verbatim_and_no_wrong_figures(txt: Path, yml: Path) -> None:
    text = txt.read_text(encoding="utf-8")
    gold = Annotation.model_validate(yaml.safe_load(yml.read_text(encoding="utf-8")))
    pred = extract(text, published_at=gold.source.published_at)
    assert missing_quotes(text, pred) == []
    s = score(gold, pred)
    # Precision 1.0 where a mistake costs most: quotes in the right mouth, casualty figures.
    assert s["quotes+speaker"][1] == 0
    assert s["casualties"][1] == 0
    assert (pred.incident is None) == (gold.incident is None)


def test_gold_has_the_required_kinds_of_article() -> None:
    assert len(GOLD) >= 5
    golds = [Annotation.model_validate(yaml.safe_load(y.read_text(encoding="utf-8"))) for _, y in GOLD]
    assert any(g.incident is None for g in golds)
    assert any(g.incident and g.incident.claim_status is ClaimStatus.denied for g in golds)
    assert any(g.incident and g.incident.event_type is EventType.protests for g in golds)
    assert any(len({c.reported_by for c in g.casualty_reports if c.killed}) >= 2 for g in golds)


# -- quotes -----------------------------------------------------------------------------------


def test_straight_and_curly_quotes_give_the_same_result() -> None:
    straight = event('"We will rebuild the market," Governor Ali Hassan said on Friday.')
    curly = event("“We will rebuild the market,” Governor Ali Hassan said on Friday.")
    assert quotes(straight) == quotes(curly) == {"We will rebuild the market": "Ali Hassan"}


def test_split_quote_both_halves_and_adding() -> None:
    a = event(
        '"The rockets fell near the gate," the army spokesman, Colonel Sami Nouri, said, "but nobody '
        'was in the building." Later, "It was a miracle," said Jane Doe, adding: "We will find them."'
    )
    assert quotes(a) == {
        "The rockets fell near the gate": "Sami Nouri",
        'but nobody was in the building."'.rstrip('"'): "Sami Nouri",
        "It was a miracle": "Jane Doe",
        "We will find them.": "Jane Doe",
    }


def test_quote_of_common_words_and_partial_quote() -> None:
    a = event(
        'A rocket hit the base on Friday. "We did it," the Islamic State said in a statement.\n\n'
        'Minister John Smith said the attack was "deeply cowardly".'
    )
    assert quotes(a) == {"We did it": "Islamic State", "deeply cowardly": "John Smith"}
    assert ("Islamic State", Role.claimant, Confidence.confirmed) in roles(a)
    assert a.incident is not None
    assert a.incident.claim_status is ClaimStatus.claimed


def test_apostrophes_and_odd_quote_marks_do_not_break_quotes() -> None:
    a = event(
        "The protesters’ demands were ignored, and the ministry’s offices closed. "
        "“We will return tomorrow,” organiser Maria Lopez said.\n\n"
        'He added "this never ends'
    )
    assert quotes(a) == {"We will return tomorrow": "Maria Lopez"}


def test_no_speaker_across_paragraphs_when_unsure() -> None:
    a = event(
        "The Iraqi government condemned the rocket attack on Friday.\n\n"
        "Officials John Smith and Mary Jones met the mayor.\n\n"
        '"This cannot continue," he said.'
    )
    assert quotes(a) == {}
    assert any("no speaker" in n for n in a.notes)


def test_quotation_introduced_by_the_previous_paragraph() -> None:
    a = event(
        "A rocket hit a school in Basra on Friday. In a statement, the Iraqi Interior Ministry said:\n\n"
        '"The perpetrators will be brought to justice."\n\n'
        '"We will not rest," the statement added.'
    )
    assert quotes(a) == {
        "The perpetrators will be brought to justice.": "Iraqi Interior Ministry",
        "We will not rest": "Iraqi Interior Ministry",
    }


def test_single_name_speaker_needs_an_age_or_description() -> None:
    a = event(
        'A rocket hit a market in Basra on Friday. "I lost everything," said Ahmed, 34, a shopkeeper. '
        '"We ran," Medics said. "It was chaos," Fatima, a nurse at the hospital, said. "Go home," Karim said.'
    )
    assert quotes(a) == {"I lost everything": "Ahmed", "It was chaos": "Fatima"}


def test_pronoun_with_two_candidates_is_left_unresolved() -> None:
    a = event(
        'A rocket hit Basra on Friday. Governor Asaad Eidani met Colonel Sami Nouri. "It went well," he said.'
    )
    assert quotes(a) == {}
    b = event(
        'A rocket hit Basra on Friday. "We are safe," Governor Asaad Eidani said after meeting Colonel Sami Nouri. '
        '"Nobody was hurt," he added.'
    )
    assert quotes(b) == {"We are safe": "Asaad Eidani", "Nobody was hurt": "Asaad Eidani"}


def test_pronoun_resolves_to_the_only_person_of_the_previous_paragraph() -> None:
    a = event(
        "A rocket hit the airport on Friday, Interior Minister Karim Saleh said.\n\n"
        '"We will find those responsible," he added.'
    )
    assert quotes(a) == {"We will find those responsible": "Karim Saleh"}


def test_it_and_the_spokesperson_and_the_group() -> None:
    a = event(
        "A drone struck a convoy on Friday. The UN mission in Libya condemned the strike. "
        '"Civilians must be protected," it said.\n\n'
        "The Sudan Doctors Network counted the dead. "
        '"The wounded are lying on the floor," the group said.\n\n'
        "Two people were killed, an embassy spokesperson said. No embassy was named.\n\n"
        '"We are shocked," the spokesperson said.'
    )
    got = quotes(a)
    assert got["Civilians must be protected"] == "UN mission in Libya"
    assert got["The wounded are lying on the floor"] == "Sudan Doctors Network"
    # "an embassy spokesperson" names no embassy the article mentions: neither quote is guessed.
    assert "We are shocked" not in got


def test_repeated_quote_gets_an_occurrence() -> None:
    a = event('A blast hit Kabul on Friday. "Stay calm," police said. Later, "Stay calm," police said again.')
    qs = [s.evidence[0] for s in a.statements if s.kind is StatementKind.direct_quote]
    assert [(q.quote, q.occurrence) for q in qs] == [("Stay calm", 1), ("Stay calm", 2)]


# -- paraphrases, actors, roles ---------------------------------------------------------------


def test_paraphrases_and_reporter() -> None:
    a = event(
        "According to the Iraqi Interior Ministry, the rockets were fired from a truck on Friday.\n\n"
        "The attack was the third this month, Reuters reported.\n\n"
        "Hamas denied any involvement in the attack."
    )
    para = {(actor(a, s.speaker), s.stance) for s in a.statements if s.kind is StatementKind.paraphrase}
    assert para == {
        ("Iraqi Interior Ministry", Stance.other),
        ("Reuters", Stance.other),
        ("Hamas", Stance.denial),
    }
    assert ("Reuters", Role.reporter, Confidence.confirmed) in roles(a)
    assert a.incident is not None
    assert a.incident.claim_status is ClaimStatus.denied


def test_known_actors_are_recognised_with_their_aliases() -> None:
    known = [
        KnownActor("Popular Front for Justice", ActorKind.armed_group, aliases=("PFJ",), country_code="ML")
    ]
    a = event(
        'Gunmen attacked a checkpoint near Gao on Friday. "We warned them," the PFJ said.', known_actors=known
    )
    assert quotes(a) == {"We warned them": "Popular Front for Justice"}
    pfj = next(x for x in a.actors if x.name == "Popular Front for Justice")
    assert (pfj.kind, pfj.aliases, pfj.country_code) == (ActorKind.armed_group, ["PFJ"], "ML")


def test_known_names_of_several_words_match_in_any_case() -> None:
    known = [
        KnownActor(
            "Embassy of the United States, Baghdad", ActorKind.diplomatic_mission, aliases=("US Embassy",)
        )
    ]
    a = event(
        'Rockets hit near the US embassy on Friday. "Nobody was hurt," the embassy said. Police vowed to hunt the '
        "attackers.",
        known_actors=known,
    )
    assert quotes(a) == {"Nobody was hurt": "Embassy of the United States, Baghdad"}


def test_known_actor_wins_over_the_curated_list() -> None:
    known = [KnownActor("Islamic State of Iraq and the Levant", ActorKind.armed_group, aliases=("ISIS",))]
    a = event(
        'A car bomb exploded in Kirkuk on Friday. "We did it," ISIS said. The Islamic State also claimed '
        "responsibility for the attack.",
        known_actors=known,
    )
    assert quotes(a) == {"We did it": "Islamic State of Iraq and the Levant"}
    assert {x.name for x in a.actors} == {"Islamic State of Iraq and the Levant"}
    assert a.incident is not None
    assert a.incident.claim_status is ClaimStatus.claimed


def test_claims_and_attributions() -> None:
    a = event(
        "A car bomb exploded in Kirkuk on Friday. The attack was probably carried out by the Islamic State, "
        "police said. Ansar Allah claimed responsibility for the attack. Hezbollah also claimed responsibility "
        "for the attack."
    )
    assert ("Islamic State", Role.perpetrator, Confidence.suspected) in roles(a)
    assert {r for r in roles(a) if r[1] is Role.claimant} == {
        ("Houthis", Role.claimant, Confidence.confirmed),
        ("Hezbollah", Role.claimant, Confidence.confirmed),
    }
    assert a.incident is not None
    assert a.incident.claim_status is ClaimStatus.competing_claims


def test_armed_subject_of_a_killing_is_the_perpetrator_but_not_in_the_passive() -> None:
    a = event("Sudanese security forces shot dead five protesters in Khartoum on Thursday, medics said.")
    assert ("Sudanese security forces", Role.perpetrator, Confidence.confirmed) in roles(a)
    assert figures(a) == [(5, None, CasualtyGroup.civilians, Qualifier.exact)]
    b = event("Three Iraqi Army soldiers were killed in a rocket attack in Basra on Friday.")
    assert not any(r[1] is Role.perpetrator for r in roles(b))
    assert figures(b) == [(3, None, CasualtyGroup.military, Qualifier.exact)]


# -- dates, places, event types ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "iso", "precision"),
    [
        ("on Friday", "2023-12-08T00:00:00+03:00", TimePrecision.day),
        ("on Friday morning", "2023-12-08T00:00:00+03:00", TimePrecision.day),
        ("on Thursday", "2023-12-07T00:00:00+03:00", TimePrecision.day),
        ("on Saturday", "2023-12-02T00:00:00+03:00", TimePrecision.day),
        ("yesterday", "2023-12-07T00:00:00+03:00", TimePrecision.day),
        ("on Friday at around 4am", "2023-12-08T04:00:00+03:00", TimePrecision.hour),
        ("on Friday at 4:30 a.m.", "2023-12-08T04:30:00+03:00", TimePrecision.exact),
        ("on December 5", "2023-12-05T00:00:00+03:00", TimePrecision.day),
        ("on 5 December 2023", "2023-12-05T00:00:00+03:00", TimePrecision.day),
        ("on Friday at 10:30 p.m. (1930 GMT)", "2023-12-08T22:30:00+03:00", TimePrecision.exact),
        ("on Friday at 1930 GMT", "2023-12-08T00:00:00+03:00", TimePrecision.day),
    ],
)
def test_event_date_precision(wording: str, iso: str, precision: TimePrecision) -> None:
    a = event(f"A rocket hit a house in Basra {wording}, police said.")
    assert a.incident is not None
    assert (a.incident.occurred_at.isoformat(), a.incident.occurred_at_precision) == (iso, precision)
    assert a.incident.timezone == "Asia/Baghdad"


def test_date_across_the_new_year_and_no_date() -> None:
    a = event("A rocket hit a house in Basra on December 30, police said.", datetime(2024, 1, 2, tzinfo=UTC))
    assert a.incident is not None
    assert a.incident.occurred_at.date().isoformat() == "2023-12-30"
    b = event("A rocket hit a house in Basra, police said.")
    assert b.incident is not None
    assert b.incident.occurred_at_precision is TimePrecision.week
    assert any("not stated" in n for n in b.notes)


def test_place_prefers_the_country_the_article_is_about() -> None:
    a = event("Protesters marched in Paris on Friday against the French government's pension plan.")
    assert a.incident is not None
    assert a.incident.location is not None
    assert (a.incident.location.city, a.incident.location.country_code) == ("Paris", "FR")
    b = event("An air strike hit a village in Yemen on Friday.")
    assert b.incident is not None
    assert b.incident.location is not None
    assert (b.incident.location.country_code, b.incident.location.precision) == ("YE", GeoPrecision.country)
    assert b.incident.location.latitude is None


@pytest.mark.parametrize(
    ("sentence", "etype", "sub"),
    [
        (
            "Rockets hit the base",
            EventType.explosions_remote_violence,
            SubEventType.shelling_artillery_missile_attack,
        ),
        ("An air strike hit the town", EventType.explosions_remote_violence, SubEventType.air_drone_strike),
        (
            "A drone strike hit the convoy",
            EventType.explosions_remote_violence,
            SubEventType.air_drone_strike,
        ),
        (
            "A roadside bomb hit the convoy",
            EventType.explosions_remote_violence,
            SubEventType.remote_explosive_landmine_ied,
        ),
        ("A suicide bomber blew himself up", EventType.explosions_remote_violence, SubEventType.suicide_bomb),
        ("Clashes broke out between the army and rebels", EventType.battles, SubEventType.armed_clash),
        ("Thousands protested peacefully", EventType.protests, SubEventType.peaceful_protest),
        ("Police fired tear gas at protesters", EventType.protests, SubEventType.protest_with_intervention),
        ("Gunmen shot dead five villagers", EventType.violence_against_civilians, SubEventType.attack),
    ],
)
def test_event_types(sentence: str, etype: EventType, sub: SubEventType) -> None:
    a = event(f"{sentence} near Mosul on Friday.")
    assert a.incident is not None
    assert (a.incident.event_type, a.incident.sub_event_type) == (etype, sub)


# -- casualties -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two people were killed.", [(2, None, CasualtyGroup.all, Qualifier.exact)]),
        ("At least 15 were wounded.", [(None, 15, CasualtyGroup.all, Qualifier.at_least)]),
        (
            "The blast hit a bus, killing three soldiers.",
            [(3, None, CasualtyGroup.military, Qualifier.exact)],
        ),
        ("About 40 people were injured.", [(None, 40, CasualtyGroup.all, Qualifier.approximately)]),
        ("There were no casualties.", [(0, 0, CasualtyGroup.all, Qualifier.none_reported)]),
        ("No one was hurt.", [(0, 0, CasualtyGroup.all, Qualifier.none_reported)]),
        ("None were injured.", [(0, 0, CasualtyGroup.all, Qualifier.none_reported)]),
        ("A five-year-old girl was killed.", []),
        ("Twelve people were killed and 20 wounded.", [(12, 20, CasualtyGroup.all, Qualifier.exact)]),
        ("Twenty-one civilians died.", [(21, None, CasualtyGroup.civilians, Qualifier.exact)]),
        ("The toll rose to 45 on Saturday.", [(45, None, CasualtyGroup.all, Qualifier.exact)]),
        ("Three U.S. Army soldiers were killed.", [(3, None, CasualtyGroup.military, Qualifier.exact)]),
        ("Officials said 27 bodies had been recovered.", [(27, None, CasualtyGroup.all, Qualifier.exact)]),
        ("Some 2,500 troops were deployed.", []),
        ("The groups claimed more than 70 attacks.", []),
        ("The embassy was hit by two rocket salvos.", []),
        ("The war has killed more than 20,000 people.", []),
        ("In 2014 dozens were killed in a similar attack.", []),
    ],
)
def test_casualty_figures(sentence: str, expected: list[tuple[object, ...]]) -> None:
    a = event(f"A rocket hit the market in Basra on Friday. {sentence}")
    assert figures(a) == expected


def test_conflicting_figures_are_separate_reports_with_their_sources() -> None:
    a = extract(
        "Bomb kills at least seven in Mogadishu\n\n"
        "A car bomb exploded in Mogadishu on Friday, killing at least seven people, police said.\n\n"
        "Twelve people were killed, said Dr. Amina Yusuf, the director of Madina hospital.",
        published_at=FRIDAY,
    )
    got = {
        (c.killed, c.qualifier, actor(a, c.reported_by) if c.reported_by else None)
        for c in a.casualty_reports
    }
    assert got == {(7, Qualifier.at_least, "Police"), (12, Qualifier.exact, "Amina Yusuf")}


# -- robustness -------------------------------------------------------------------------------


def test_empty_and_blank_text() -> None:
    for text in ("", "   \n\n  "):
        a = extract(text)
        assert (a.incident, a.actors, a.statements) == (None, [], [])
        assert a.notes == ["empty text: nothing to extract"]


def test_text_with_no_event() -> None:
    a = extract(
        "Central bank holds rates\n\nThe central bank kept its main rate at 5.25 percent on Thursday. "
        '"We are getting there," Governor Andrew Bailey told reporters.',
        published_at=FRIDAY,
    )
    assert a.incident is None
    assert a.roles == []
    assert a.casualty_reports == []
    assert quotes(a) == {"We are getting there": "Andrew Bailey"}
    assert all(s.about_incident is False for s in a.statements)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Une roquette a frappé l'ambassade des États-Unis à Bagdad vendredi, sans faire de victimes, "
            "selon un porte-parole de l'ambassade qui a parlé à la presse.",
            "fr",
        ),
        ("سقطت صواريخ قرب السفارة الأمريكية في بغداد صباح الجمعة دون وقوع إصابات", "ar"),
        (
            "Eine Rakete hat am Freitag die Botschaft der Vereinigten Staaten in Bagdad getroffen, "
            "wie ein Sprecher der Botschaft mitteilte, und es gab keine Verletzten.",
            "de",
        ),
    ],
)
def test_other_languages_get_a_note(text: str, code: str) -> None:
    a = extract(text)
    assert a.notes == [f"unsupported language: {code}"]
    assert a.incident is None
    assert a.statements == []
    assert extract("A rocket hit Basra on Friday.", language="fr").notes == ["unsupported language: fr"]


def test_long_article_is_fast_and_normal_article_well_under_a_second() -> None:
    base = SEED.read_text(encoding="utf-8")
    extract(base)  # warm-up: the gazetteer is loaded once per process
    t0 = time.perf_counter()
    extract(base)
    assert time.perf_counter() - t0 < 0.5
    big = (base + "\n\n") * (200_000 // len(base) + 1)
    assert len(big) > 200_000
    t0 = time.perf_counter()
    a = extract(big + '\n\n"unclosed quote and “another', title="Long")
    assert time.perf_counter() - t0 < 10
    assert a.incident is not None


def _noise(seed: int) -> str:
    """Words of the gold articles shuffled with quotation marks, dashes and line breaks."""
    rng = random.Random(seed)
    words = " ".join(t.read_text(encoding="utf-8") for t, _ in GOLD).split()
    marks = [
        '"',
        "“",
        "”",
        "'",
        "‘",
        "’",
        "«",
        "»",
        "\n",
        "\n\n",
        ",",
        ".",
        ":",
        "—",
        "(",
        "\r\n",
        "\t",
        "\u00a0",
    ]
    toks = [
        rng.choice(marks) if rng.random() < 0.15 else rng.choice(words) for _ in range(rng.randint(0, 400))
    ]
    return (" " if seed % 2 else "").join(toks)


def test_random_text_never_fails_and_quotes_stay_verbatim() -> None:
    for seed in range(150):
        text = _noise(seed)
        a = extract(text)
        assert not any(n.startswith("extraction failed") for n in a.notes), (seed, a.notes)
        assert missing_quotes(text, a) == [], seed


@pytest.mark.parametrize(
    "shape",
    ["no punctuation", "quotes everywhere", "attribution everywhere"],
)
def test_pathological_200kb_inputs_stay_fast(shape: str) -> None:
    rng = random.Random(7)
    words = [w.strip('.,"“”') for w in SEED.read_text(encoding="utf-8").split()]
    if shape == "no punctuation":
        text = " ".join(rng.choice(words) for _ in range(40_000))[:200_000]
    elif shape == "quotes everywhere":
        text = ('"' + " ".join(rng.choice(words) for _ in range(30)) + " ") * 1000
    else:
        text = ("Police said that " + "and the ministry said, " * 20 + "\n") * 400
    extract(SEED.read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    a = extract(text)
    assert time.perf_counter() - t0 < 8
    assert not any(n.startswith("extraction failed") for n in a.notes)
    assert missing_quotes(text, a) == []


def test_deterministic() -> None:
    text = SEED.read_text(encoding="utf-8")
    first = extract(text).model_dump(mode="json")
    assert all(extract(text).model_dump(mode="json") == first for _ in range(3))


_ISOLATED = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network used")
socket.socket.connect = refuse
socket.create_connection = refuse
sys.modules["spacy"] = None  # the optional model is absent: the rules still run
from app.ingest.extract import extract
a = extract(open(sys.argv[1], encoding="utf-8").read())
assert a.incident is not None and len([s for s in a.statements if s.kind == "direct_quote"]) == 4
bad = sorted(m for m in ("requests", "urllib3", "httpx", "aiohttp", "spacy", "torch") if sys.modules.get(m))
print("ok", bad)
"""


def test_runs_without_network_and_without_any_model() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _ISOLATED, str(SEED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    assert out.stdout.strip() == "ok []"


def test_a_branch_is_named_as_the_branch() -> None:
    text = (
        "KABUL, March 12 (Wire) - A suicide bomber killed six people at a bank in Kandahar on Tuesday.\n\n"
        "The Islamic State Khorasan Province claimed responsibility for the attack on Telegram."
    )
    names = [a.name for a in extract(text).actors]
    assert "Islamic State Khorasan Province" in names
    assert "Islamic State" not in names
