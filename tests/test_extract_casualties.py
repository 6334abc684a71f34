"""Casualty figures and reported speech that generalise beyond the tuned articles (invented sentences)."""

from datetime import UTC, datetime

import pytest

from app.ingest.extract import extract
from app.ingest.extract.casualties import figures as sentence_figures
from app.ingest.extract.numbers import parse_number, parse_ordinal
from app.ingest.schemas import Annotation, StatementAnnotation
from app.vocab import CasualtyGroup, Qualifier, StatementKind

MONDAY = datetime(2024, 3, 4, 12, 0, tzinfo=UTC)
G, Q = CasualtyGroup, Qualifier


def event(body: str) -> Annotation:
    """An article with a headline, so the first body sentence is the event."""
    return extract(f"Attack reported\n\n{body}", published_at=MONDAY)


def figures(a: Annotation) -> list[tuple[int | None, int | None, CasualtyGroup, Qualifier]]:
    return [(c.killed, c.injured, c.group, c.qualifier) for c in a.casualty_reports]


def reporters(a: Annotation) -> set[tuple[int | None, int | None, str | None]]:
    names = {x.key: x.name for x in a.actors}
    return {
        (c.killed, c.injured, names[c.reported_by] if c.reported_by else None) for c in a.casualty_reports
    }


def paraphrases(a: Annotation) -> list[StatementAnnotation]:
    return [s for s in a.statements if s.kind is StatementKind.paraphrase]


def speaker(a: Annotation, s: StatementAnnotation) -> str:
    return next(x.name for x in a.actors if x.key == s.speaker)


LEAD = "A mortar shell hit a bus station in Mosul on Sunday."


# -- 1. one clause, one report ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The second count has no group of its own: it is the first one's.
        (
            "Gunmen raided a farm near Mosul on Sunday, killing four farmers and wounding six.",
            [(4, 6, G.civilians, Q.exact)],
        ),
        (f"{LEAD} Three people were killed and seven more were wounded.", [(3, 7, G.all, Q.exact)]),
        (f"{LEAD} Five died and eight others were injured.", [(5, 8, G.all, Q.exact)]),
        # Two named groups stay two reports.
        (
            f"{LEAD} The blast killed two soldiers and wounded five civilians.",
            [(2, None, G.military, Q.exact), (None, 5, G.civilians, Q.exact)],
        ),
    ],
)
def test_one_clause_with_both_counts_is_one_report(sentence: str, expected: list[object]) -> None:
    assert figures(event(sentence)) == expected


# -- 2. spelled-out numbers, injury phrases, "among them" -------------------------------------


def test_parse_spelled_and_hyphenated_numbers() -> None:
    assert parse_number("Forty-four") == 44
    assert parse_number("twenty one") == 21
    assert parse_ordinal("third") == 3
    assert parse_ordinal("12th") == 12


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (f"{LEAD} Forty-four people were treated for injuries.", [(None, 44, G.all, Q.exact)]),
        (f"{LEAD} Six passengers were hospitalised.", [(None, 6, G.civilians, Q.exact)]),
        (f"{LEAD} Twelve people were treated for wounds at a clinic.", [(None, 12, G.all, Q.exact)]),
        (
            f"{LEAD} Eighteen people, among them four soldiers, were injured.",
            [(None, 18, G.all, Q.exact), (None, 4, G.military, Q.exact)],
        ),
        (f"{LEAD} Two guards were among the dead.", [(2, None, G.security_forces, Q.exact)]),
    ],
)
def test_injury_phrases_and_subgroups(sentence: str, expected: list[object]) -> None:
    assert figures(event(sentence)) == expected


# -- 3. who reported the count ------------------------------------------------------------------


def test_count_with_trailing_named_doctor_is_the_doctors() -> None:
    a = event(
        f"{LEAD} Fifteen people were treated for injuries at the city hospital, said Dr Lena Marsh, "
        "a surgeon on duty."
    )
    assert reporters(a) == {(None, 15, "Lena Marsh")}


def test_count_in_an_organisations_paraphrase_is_the_organisations() -> None:
    a = event(f"{LEAD} The Red Crescent said its volunteers had carried 14 wounded people to hospital.")
    assert {r[2] for r in reporters(a)} == {"Red Crescent"}


def test_anonymous_source_gives_no_reporter() -> None:
    a = event(
        "Gunmen killed six villagers near Mosul on Sunday, a local official told AFP on condition "
        "of anonymity."
    )
    assert reporters(a) == {(6, None, None)}


def test_press_release_figures_are_the_issuers() -> None:
    a = extract(
        "PRESS RELEASE\n3rd Mountain Brigade, National Army\n\n"
        "Two gunmen killed in clash near Mosul\n\n"
        "Troops clashed with gunmen near Mosul on Sunday. Two gunmen were killed in the firefight.",
        published_at=MONDAY,
    )
    assert reporters(a) == {(2, None, "3rd Mountain Brigade")}


def test_a_letterhead_above_the_release_marker_issues_it() -> None:
    text = (
        "Norwegian Refugee Council\nPRESS RELEASE\n\nNurse killed near Mosul\n\n"
        "Mosul, 3 March 2024 – A nurse was killed and an ambulance driver hurt on Sunday when "
        "gunmen opened fire on an ambulance near Mosul."
    )
    a = extract(text, published_at=MONDAY)
    # (a dateline's "3 March 2024" has its day: it dates the release, no other period)
    assert figures(a) == [(1, 1, G.civilians, Q.exact)]
    assert reporters(a) == {(1, 1, "Norwegian Refugee Council")}
    # A source named before the figure in its paragraph gives it, not the issuer.
    a = extract(text.replace("– A nurse", "– According to local officials, a nurse"), published_at=MONDAY)
    assert reporters(a) == {(1, 1, None)}


# -- 4. counts about something else ------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Six sailors have been killed in those attacks.",
        "The unrest has killed more than 3,000 people.",
        "He accused the rebels of shelling the village of Dara, killing two women there.",
    ],
)
def test_counts_about_other_events_are_left_out(sentence: str) -> None:
    assert figures(event(f"{LEAD} Nobody was hurt. {sentence}")) == [(0, 0, G.all, Q.none_reported)]


def test_superseded_count_is_dropped() -> None:
    a = event(f"{LEAD} The death toll rose to eleven on Monday from seven reported earlier.")
    assert figures(a) == [(11, None, G.all, Q.exact)]


def test_nth_death_and_risen_wounded_are_one_report() -> None:
    a = event(f"{LEAD} A fourth victim had died overnight and the number of wounded had risen to 12.")
    assert figures(a) == [(4, 12, G.all, Q.exact)]


# -- 5. ranges and none reported ---------------------------------------------------------------


def test_range_of_bodies() -> None:
    a = event(f"{LEAD} Rescuers recovered between 20 and 30 bodies.")
    [c] = a.casualty_reports
    assert (c.killed, c.killed_min, c.killed_max, c.qualifier) == (None, 20, 30, Q.exact)


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("No civilians were hurt in the clash.", G.civilians),
        ("All 14 crew members were safe.", G.all),
        ("All the passengers were unharmed.", G.civilians),
    ],
)
def test_none_reported(sentence: str, group: CasualtyGroup) -> None:
    assert figures(event(f"{LEAD} {sentence}")) == [(0, 0, group, Q.none_reported)]


# -- 6. statements --------------------------------------------------------------------------------


def test_wrote_cue_with_a_surname_named_earlier() -> None:
    a = event(
        f"{LEAD}\n\nMaria Kovac, the regional governor, posted the news on Telegram.\n\n"
        '"Rescue crews are working at the site," Kovac wrote.'
    )
    quotes = [s for s in a.statements if s.kind is StatementKind.direct_quote]
    assert [(q.text, speaker(a, q)) for q in quotes] == [
        ("Rescue crews are working at the site", "Maria Kovac")
    ]


def test_post_on_x_that_starts_after_that() -> None:
    a = event(f"{LEAD} Mayor Tom Varga said in a post on X that the station would stay closed until Friday.")
    [p] = paraphrases(a)
    assert p.text == "the station would stay closed until Friday"
    assert p.channel == "social media post"


def test_told_outlet_that_does_not_start_with_the_outlet() -> None:
    a = event(f"{LEAD} Mayor Tom Varga told broadcaster Radio Nord that the shelling had lasted an hour.")
    [p] = paraphrases(a)
    assert p.text == "the shelling had lasted an hour"
    assert p.channel == "interview"


def test_told_reporters_is_a_press_conference() -> None:
    a = event(f"{LEAD} Mayor Tom Varga told reporters at city hall that schools would reopen on Tuesday.")
    [p] = paraphrases(a)
    assert p.text == "schools would reopen on Tuesday"
    assert p.channel == "press conference"


def test_according_to_an_acronym_with_a_reported_clause() -> None:
    a = event(
        f"{LEAD} The Joint Maritime Centre (JMC) issued an alert. According to JMC, the captain "
        "reported that the tanker had been hit by a missile."
    )
    assert [(p.text, speaker(a, p)) for p in paraphrases(a)] == [
        ("the captain reported that the tanker had been hit by a missile", "Joint Maritime Centre")
    ]


def test_time_phrase_is_not_speech() -> None:
    a = event(
        f"{LEAD} Late on Monday, the Northern Front claimed responsibility for the attack in a statement."
    )
    # The claim is the whole sentence (an action), never the time phrase before the comma.
    assert "Late on Monday" not in [p.text for p in paraphrases(a)]


def test_quote_is_not_also_a_paraphrase() -> None:
    a = event(
        f'{LEAD} In a statement, the Northern Front said the bus was a target. "No fighters were hurt," it said.'
    )
    assert [p.text for p in paraphrases(a)] == ["the bus was a target"]


def test_in_a_statement_is_the_channel() -> None:
    a = event(f"{LEAD} In a statement, the Northern Front said the bus was a target.")
    [p] = paraphrases(a)
    assert p.channel == "statement"


# -- session 12, second round: breakdowns, burials, "all of them", comparisons -------------------
def test_a_breakdown_by_sex_is_one_count() -> None:
    a = event("Gunmen opened fire in a cafe in Basra on Sunday, and four men and three women died there.")
    assert figures(a) == [(7, None, G.all, Q.exact)]


def test_the_same_sources_breakdown_is_evidence_not_another_report() -> None:
    a = event(
        "Gunmen opened fire in a cafe in Basra on Sunday, killing seven people and wounding two, "
        "the provincial police said. The police said four men and three women died at the scene."
    )
    assert [(c.killed, c.injured) for c in a.casualty_reports] == [(7, 2)]
    assert len(a.casualty_reports[0].evidence) == 2


def test_burials_are_deaths_but_rubble_is_not() -> None:
    assert figures(event(f"{LEAD} A resident said 12 people had been buried.")) == [
        (12, None, G.all, Q.exact)
    ]
    assert figures(event(f"{LEAD} Six people were buried under the rubble.")) == []


def test_all_of_them_names_the_group() -> None:
    a = event(f"{LEAD} A local group said 9 people had been killed and 4 injured, all of them civilians.")
    assert figures(a) == [(9, 4, G.civilians, Q.exact)]


def test_a_comparison_with_the_year_is_no_other_period() -> None:
    a = event(
        "Gunmen shot dead at least 11 of them on a road near Quetta on Sunday, in one of the deadliest attacks "
        "in the province this year."
    )
    assert (11, None, G.all, Q.at_least) in figures(a)


# -- held-out tuning round: more verbs, singular nouns and number words -----------------------


def test_half_a_dozen_and_hundreds_in_words() -> None:
    assert parse_number("half a dozen") == 6
    assert parse_number("three hundred") == 300
    assert parse_number("a hundred") == 100


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (f"{LEAD} At least one person was killed.", [(1, None, G.all, Q.at_least)]),
        (f"{LEAD} One police officer was wounded.", [(None, 1, G.security_forces, Q.exact)]),
        (f"{LEAD} Half a dozen soldiers were wounded.", [(None, 6, G.military, Q.exact)]),
        (f"{LEAD} Two guards had also died, the army said.", [(2, None, G.security_forces, Q.exact)]),
        (
            f"{LEAD} The army said three soldiers were “martyred” in the attack.",
            [(3, None, G.military, Q.exact)],
        ),
        (f"{LEAD} Four passengers sustained minor injuries.", [(None, 4, G.civilians, Q.exact)]),
        (f"{LEAD} Two civilians later succumbed to their wounds.", [(2, None, G.civilians, Q.exact)]),
        (
            "A car bomb exploded in Mosul on Sunday, leaving five people dead and eleven wounded.",
            [(5, 11, G.all, Q.exact)],
        ),
        (
            "A car bomb exploded in Mosul on Sunday, claiming the lives of at least nine people.",
            [(9, None, G.all, Q.at_least)],
        ),
        (f"{LEAD} As many as 30 people were injured.", [(None, 30, G.all, Q.approximately)]),
    ],
)
def test_more_casualty_verbs_and_nouns(sentence: str, expected: list[object]) -> None:
    assert figures(event(sentence)) == expected


def test_headline_kills_and_injures_is_one_report() -> None:
    a = extract(
        "Drone strike on Mosul kills 2, injures 7, governor says\n\n"
        "A drone struck a market in Mosul on Sunday, killing two people and injuring seven, the "
        "governor said.",
        published_at=MONDAY,
    )
    assert figures(a) == [(2, 7, G.all, Q.exact)]
    assert len(a.casualty_reports[0].evidence) == 2


@pytest.mark.parametrize(
    "sentence",
    [
        "In March 2021, at least 20 people were killed in a blast at the same station.",
        "Two years ago, a car bomb killed 14 people in the city.",
        "Separately, gunmen shot dead two farmers in a nearby district.",
        "In another attack, three soldiers were wounded near Kirkuk.",
        "Militants killed 40 people in the province last week.",
        "The group had killed more than 100 people in the region.",
        # A month with no day dates another event; "a month after" is another time, as "weeks after".
        "In March, gunmen killed four people in a nearby village.",
        "The raid comes a week after an attack on a market in which six people were killed.",
    ],
)
def test_other_dates_and_other_attacks_are_left_out(sentence: str) -> None:
    assert figures(event(f"{LEAD} Nobody was hurt. {sentence}")) == [(0, 0, G.all, Q.none_reported)]


def test_had_killed_in_reported_speech_is_a_claim_about_this_event() -> None:
    a = event(f"{LEAD} The Northern Front said its fighters had killed 12 soldiers.")
    assert reporters(a) == {(12, None, "Northern Front")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (f"{LEAD} A 19-year-old student had died in hospital.", [(1, None, G.civilians, Q.exact)]),
        (f"{LEAD} A police officer was wounded.", [(None, 1, G.security_forces, Q.exact)]),
        (f"{LEAD} A soldier was killed and 12 were wounded.", [(1, 12, G.military, Q.exact)]),
        # A detail of a count given already, and "another" man, are no count of one.
        (f"{LEAD} Five people were killed, including a child.", [(5, None, G.all, Q.exact)]),
        (f"{LEAD} Five people were killed. Another man died in hospital.", [(5, None, G.all, Q.exact)]),
    ],
)
def test_a_single_casualty_with_an_article(sentence: str, expected: list[object]) -> None:
    assert figures(event(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            f"{LEAD} The governor said three of the dead were soldiers and two were children.",
            [(3, None, G.military, Q.exact), (2, None, G.civilians, Q.exact)],
        ),
        (
            f"{LEAD} The governor said two of the wounded were members of the Border Police.",
            [(None, 2, G.security_forces, Q.exact)],
        ),
        (
            f"{LEAD} Four members of the Presidential Guard Corps were killed.",
            [(4, None, G.military, Q.exact)],
        ),
        (f"{LEAD} Among the dead were three children.", [(3, None, G.civilians, Q.exact)]),
    ],
)
def test_breakdowns_of_the_dead_and_named_units(sentence: str, expected: list[object]) -> None:
    assert figures(event(sentence)) == expected


@pytest.mark.parametrize(
    "sentence", ["Two gunmen killed a guard.", "Three soldiers had wounded a protester."]
)
def test_the_subject_of_an_active_verb_is_no_casualty(sentence: str) -> None:
    assert figures(event(f"{LEAD} Nobody was hurt. {sentence}")) == [(0, 0, G.all, Q.none_reported)]


def test_a_figure_after_a_second_attribution_is_not_the_first_speaker_s() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Troops kill militants\n\n"
        "Troops killed 20 militants in a battle with insurgents on Tuesday, the Ministry of Defence said, while "
        "a local official said at least a dozen soldiers had also died.\n",
        published_at=datetime(2025, 2, 13, tzinfo=UTC),
    )
    by_count = {(c.killed, c.group.value): c.reported_by for c in a.casualty_reports}
    assert by_count[(20, "combatants")] == "ministry-of-defence"
    assert by_count[(12, "military")] is None


# -- tuning round 2: more civilian nouns, one-event "has killed", breakdowns ----------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (f"{LEAD} Eleven labourers were shot dead.", [(11, None, G.civilians, Q.exact)]),
        (f"{LEAD} Three construction workers were injured.", [(None, 3, G.civilians, Q.exact)]),
        (f"{LEAD} Two paramedics were killed.", [(2, None, G.civilians, Q.exact)]),
        # Workers alone may be anyone's: no group is asserted.
        (f"{LEAD} Four workers were killed.", [(4, None, G.all, Q.exact)]),
    ],
)
def test_labourers_and_health_workers_are_civilians(sentence: str, expected: list[object]) -> None:
    assert figures(event(sentence)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "An air strike on a house in a refugee camp near Mosul on Sunday has killed at least 14 "
            "people, according to the health ministry.",
            [(14, None, G.all, Q.at_least)],
        ),
        ("A car bomb in central Mosul has left five people dead on Sunday.", [(5, None, G.all, Q.exact)]),
    ],
)
def test_has_killed_with_one_attack_as_subject_is_this_events_toll(body: str, expected: list[object]) -> None:
    assert figures(event(body)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The war has killed more than 3,000 people.",
        "A drone strike is the latest in a campaign that has killed 300 people.",
        "An attack on Mosul, where the fighting has killed hundreds, was reported.",
        "The attack has killed 14 people in the city since Monday.",
    ],
)
def test_has_killed_of_a_war_or_a_series_stays_a_running_total(sentence: str) -> None:
    assert figures(event(f"{LEAD} Nobody was hurt. {sentence}")) == [(0, 0, G.all, Q.none_reported)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            f"{LEAD} At least 23 civilians, including nine children and seven women, were killed and "
            "17 others were injured.",
            [(23, 17, G.civilians, Q.at_least)],
        ),
        (f"{LEAD} Ten people, including a child, were killed.", [(10, None, G.all, Q.exact)]),
        (f"{LEAD} Ten people, including two women, were killed.", [(10, None, G.all, Q.exact)]),
        # An armed side's part of the count is a sub-report, as "among them four soldiers" is.
        (
            f"{LEAD} Ten people, including four soldiers, were killed.",
            [(10, None, G.all, Q.exact), (4, None, G.military, Q.exact)],
        ),
    ],
)
def test_an_including_breakdown_before_the_verb_is_no_report_of_its_own(
    sentence: str, expected: list[object]
) -> None:
    assert figures(event(sentence)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # One report per named group, from the same source (an analyst counts soldiers and
        # civilians apart); a man and a woman name no side and stay one count.
        (
            f"{LEAD} Two soldiers and a civilian were killed.",
            [(2, None, G.military, Q.exact), (1, None, G.civilians, Q.exact)],
        ),
        (
            f"{LEAD} The blast killed two soldiers and a civilian.",
            [(2, None, G.military, Q.exact), (1, None, G.civilians, Q.exact)],
        ),
        # Next to a soldier, an officer is an army officer.
        (
            f"{LEAD} The mine killed an officer and two soldiers and wounded four other soldiers.",
            [(3, 4, G.military, Q.exact)],
        ),
        (f"{LEAD} A man and a woman were injured.", [(None, 2, G.all, Q.exact)]),
        # The first count is the object of "killed": only the wounded are a passive count.
        (
            f"{LEAD} Gunmen killed a soldier and two civilians were wounded.",
            [(None, 2, G.civilians, Q.exact)],
        ),
        (f"{LEAD} Three policemen were among those killed.", [(3, None, G.security_forces, Q.exact)]),
        (f"{LEAD} Five people, three of them children, were killed.", [(5, None, G.all, Q.exact)]),
        (f"{LEAD} Six members of the same family were killed.", [(6, None, G.all, Q.exact)]),
    ],
)
def test_pairs_breakdowns_and_families(sentence: str, expected: list[object]) -> None:
    assert figures(event(sentence)) == expected


def test_one_source_s_dead_and_wounded_said_apart_are_one_report() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Strike kills 14\n\n"
        "An air strike on a house in Sidon has killed at least 14 people, according to the Ministry of Health.\n\n"
        "The ministry said 22 other people were wounded in the strike. Separately, three protesters were "
        "killed and 40 people were injured in Tyre, the ministry said.\n",
        published_at=datetime(2024, 11, 19, tzinfo=UTC),
    )
    figures = [(c.killed, c.injured, c.group.value, c.qualifier.value) for c in a.casualty_reports]
    assert (14, 22, "all", "at_least") in figures
    assert all(killed != 14 or injured == 22 for killed, injured, _, _ in figures)


def test_casualties_in_a_relative_clause() -> None:
    from app.ingest.extract.casualties import figures

    def read(s: str) -> list[tuple[int | None, int | None, str]]:
        return [(f.killed, f.injured, f.group.value) for f in figures(s, 0, len(s))]

    assert read("He said two more labourers who sustained bullet wounds were taken to hospital.") == [
        (None, 2, "civilians")
    ]
    assert read("Two soldiers who were wounded were flown out.") == [(None, 2, "military")]
    assert read("Three gunmen who killed a guard fled on motorcycles.") == []


def test_a_toll_in_another_town_is_another_attack() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Drone hits car in Kramatorsk\n\n"
        "A Russian drone struck a car in Kramatorsk on Thursday, killing one journalist, the governor said. "
        "Two other people were wounded and taken to a hospital in the city of Sloviansk.\n\n"
        "The governor also said Russian shelling killed two civilians in the city of Pokrovsk on Thursday.\n",
        published_at=datetime(2025, 4, 10, 12, tzinfo=UTC),
    )
    killed = [c.killed for c in a.casualty_reports]
    assert 2 not in killed  # Pokrovsk's dead are another attack's
    assert any(c.injured == 2 for c in a.casualty_reports)  # a hospital elsewhere is where they went


def _read(s: str) -> list[tuple[int | None, int | None, CasualtyGroup, Qualifier]]:
    from app.ingest.extract.casualties import figures as sentence_figures

    return [(f.killed, f.injured, f.group, f.qualifier) for f in sentence_figures(s, 0, len(s))]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "personnel" takes its side from the word before it, or from the figure it completes.
        (
            "A jawan was killed and two personnel were injured in the gunfight, police said.",
            [(1, 2, G.security_forces, Q.exact)],
        ),
        ("Two CRPF personnel were injured in the blast.", [(None, 2, G.security_forces, Q.exact)]),
        ("Three army personnel were killed.", [(3, None, G.military, Q.exact)]),
        ("Two personnel were killed.", [(2, None, G.all, Q.exact)]),
        ("Four Maoist cadres were killed.", [(4, None, G.combatants, Q.exact)]),
        ("Two head constables were injured.", [(None, 2, G.security_forces, Q.exact)]),
        # "gunned down" kills; Maoists and Naxals are combatants.
        (
            "Security forces gunned down five Maoists, including two women cadres, police said.",
            [(5, None, G.combatants, Q.exact)],
        ),
        ("Three Naxalites were gunned down in the forest.", [(3, None, G.combatants, Q.exact)]),
        # The first count is the object of "shot dead", not a subject of "were hurt".
        (
            "Police shot dead three cadres and two women were hurt.",
            [(3, None, G.all, Q.exact), (None, 2, G.civilians, Q.exact)],
        ),
    ],
)
def test_south_asian_security_vocabulary(sentence: str, expected: list[object]) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A toll still being counted: at least that many.
        (
            "The bodies of five uniformed fighters have been recovered from the spot so far.",
            [(5, None, G.combatants, Q.at_least)],
        ),
        ("Rescuers have pulled out 12 bodies so far.", [(12, None, G.all, Q.at_least)]),
        ("The death toll so far stands at 12, the governor said.", [(12, None, G.all, Q.at_least)]),
        # A running total of a period, or of many events, is still left out.
        ("So far this year, the bodies of 40 militants have been recovered.", []),
        ("So far 97 rebels have been killed in encounters.", []),
        # "the bodies of two of the victims" is part of a toll, not one.
        ("The bodies of two of the victims were handed over.", []),
    ],
)
def test_bodies_of_and_so_far(sentence: str, expected: list[object]) -> None:
    assert _read(sentence) == expected


def test_bodies_of_only_as_the_subject_of_a_recovery() -> None:
    assert _read("The bodies of 12 miners were recovered on Monday.") == [(12, None, G.all, Q.exact)]
    assert _read("We counted the bodies of 12 soldiers at the headquarters, he said.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # An apposition that is the whole count names its group.
        (
            "The two wounded, a correspondent and a sound engineer, were taken to hospital, he said.",
            [(None, 2, G.civilians, Q.exact)],
        ),
        ("Two people were wounded, both civilians.", [(None, 2, G.civilians, Q.exact)]),
        ("One journalist was killed and two others wounded.", [(1, 2, G.civilians, Q.exact)]),
        # Only a part of the count, or two groups: the group stays open.
        ("Four people were killed, two soldiers, the army said.", [(4, None, G.all, Q.exact)]),
        ("Three people were killed, a soldier and two civilians.", [(3, None, G.all, Q.exact)]),
        ("Two people were killed, a police officer said.", [(2, None, G.all, Q.exact)]),
        # "the N injured X" told as narrative points back to a count given already.
        ("The two injured commandos were airlifted and are stated to be out of danger.", []),
        ("The three wounded were taken to hospital.", []),
        # Told by a source, it is that source's; the noun after the participle is the group.
        ("The three injured soldiers were flown out, the army said.", [(None, 3, G.military, Q.exact)]),
        ("Police said two injured protesters were in hospital.", [(None, 2, G.civilians, Q.exact)]),
    ],
)
def test_appositions_and_definite_restatements(sentence: str, expected: list[object]) -> None:
    assert _read(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "also said" with an attack of its own as the subject: another event.
        ("The governor also said Russian shelling killed two civilians in another town.", []),
        ("He also said Israeli strikes killed at least 12 people in Rafah.", []),
        # The event's own attack, or the other half of its toll, stays.
        ("The governor also said the strike killed two children.", [(2, None, G.civilians, Q.exact)]),
        ("The ministry also said 22 other people were wounded in the strike.", [(None, 22, G.all, Q.exact)]),
    ],
)
def test_also_said_another_attack(sentence: str, expected: list[object]) -> None:
    assert _read(sentence) == expected


def test_a_sentence_full_of_counts_stays_linear() -> None:
    import time

    s = "two wounded, a soldier and " * 6000
    t0 = time.perf_counter()
    _read(s)
    # Quadratic bookkeeping took over ten seconds here; linear takes well under one.
    assert time.perf_counter() - t0 < 4


def test_a_first_count_the_story_revises_and_a_separate_operation_are_no_figures() -> None:
    from app.ingest.extract.casualties import figures

    def read(s: str) -> list[tuple[int | None, int | None]]:
        return [(f.killed, f.injured) for f in figures(s, 0, len(s))]

    assert read("The prosecutor's office initially reported eight dead in a post on X early Sunday.") == []
    assert (
        read("A patrol had killed 15 bandits on Sunday in the Dosso region, in a separate operation.") == []
    )


def test_the_fuller_statement_of_a_figure_fills_in_the_wounded() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Junta says 11 soldiers killed in attack on army post\n\n"
        "Jihadists killed 11 soldiers in an attack on an army post in the Tillaberi region on Tuesday, the "
        "defence ministry said.\n\n"
        "The ministry said 11 soldiers had been killed and 14 wounded, four of them seriously.\n",
        published_at=datetime(2025, 2, 19, tzinfo=UTC),
    )
    assert [(c.killed, c.injured) for c in a.casualty_reports] == [(11, 14)]


# -- figures read from one sentence -------------------------------------------------------------


def _figs(s: str) -> list[tuple[int | None, int | None, CasualtyGroup, Qualifier]]:
    from app.ingest.extract.casualties import figures as read

    return [(f.killed, f.injured, f.group, f.qualifier) for f in read(s, 0, len(s))]


def test_a_claim_that_quotes_its_own_count() -> None:
    s = 'The group said its fighters had killed "more than 30 enemy soldiers" and seized two trucks.'
    assert _figs(s) == [(30, None, G.military, Q.at_least)]
    assert _figs("Rebels said they killed “12 militiamen” near the river.") == [
        (12, None, G.combatants, Q.exact)
    ]


def test_a_unit_that_lost_men_counts_its_own_dead() -> None:
    assert _figs("“We lost 9 men,” the officer said.") == [(9, None, G.military, Q.exact)]
    assert _figs("The insurgents lost about 20 men in the assault.") == [
        (20, None, G.combatants, Q.approximately)
    ]
    assert _figs("The battalion lost two of its soldiers.") == [(2, None, G.military, Q.exact)]
    # Seats, kilograms and contact are no dead.
    assert _figs("The party lost 12 seats and he lost 5 kg.") == []


def test_a_participle_between_the_count_and_among_the_dead() -> None:
    s = "He said three guards manning the checkpoint were among the dead."
    assert _figs(s) == [(3, None, G.security_forces, Q.exact)]
    assert _figs("Two soldiers stationed at the base were among the wounded.") == [
        (None, 2, G.military, Q.exact)
    ]


def test_an_armed_sides_part_of_a_count_is_a_sub_report() -> None:
    s = "Eight people, including three police personnel, were treated for head and leg injuries."
    assert _figs(s) == [(None, 8, G.all, Q.exact), (None, 3, G.security_forces, Q.exact)]
    assert _figs("Nine people, including a soldier, were wounded.") == [
        (None, 9, G.all, Q.exact),
        (None, 1, G.military, Q.exact),
    ]
    # Children, women and health workers are a breakdown of the count, not a report of their own.
    assert _figs("Ten people, including two women and a child, were killed.") == [(10, None, G.all, Q.exact)]
    assert _figs("Twelve people, including two health workers, were killed.") == [(12, None, G.all, Q.exact)]
    assert _figs("Six people were treated for gunshot wounds.") == [(None, 6, G.all, Q.exact)]


def test_an_unnamed_officer_named_a_paragraph_later_is_one_source() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Bomb at restaurant\n\n"
        "A suicide bomber blew up a car at a restaurant in Mogadishu on Friday, killing at least 14 people, "
        "a police officer said.\n\n"
        '"At least 14 people were killed," police Major Ali Farah told Reuters at the scene.\n',
        published_at=datetime(2025, 9, 13, tzinfo=UTC),
    )
    assert [(c.killed, c.reported_by) for c in a.casualty_reports] == [(14, "ali-farah")]


def test_a_monitor_named_later_an_armed_group_s_own_toll_and_a_separate_statement() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Roadside bomb kills six in Deir ez-Zor\n\n"
        "A roadside bomb hit a truck carrying fighters of the Syrian Democratic Forces (SDF) near al-Busayrah "
        "on Wednesday, killing six people, a war monitor said.\n\n"
        "The Syrian Observatory for Human Rights (SOHR), a Britain-based monitor, said the bomb was set off "
        "as the truck passed. Two other people were wounded, it said.\n\n"
        "In a statement posted on its website, the SDF gave a lower toll, saying four of its members had been "
        "killed and three wounded.\n\n"
        "In a separate statement, the SDF said three of its fighters had been killed in an ambush on Sunday.\n",
        published_at=datetime(2024, 10, 16, 12, tzinfo=UTC),
    )
    found = {(c.killed, c.injured, c.group.value, c.reported_by) for c in a.casualty_reports}
    assert found == {
        (6, 2, "all", "syrian-observatory-for-human-rights"),
        (4, 3, "combatants", "syrian-democratic-forces"),
    }


def test_halves_of_a_conjunction_a_count_of_a_count_and_an_earlier_massacre() -> None:
    from app.ingest.extract.casualties import figures

    def read(s: str) -> list[tuple[int | None, int | None]]:
        return [(f.killed, f.injured) for f in figures(s, 0, len(s))]

    assert read("Police said a 67-year-old woman and a 52-year-old man had died of their injuries.") == []
    assert read("Two of the five injured, including a police officer, were in a serious condition.") == []
    assert read("It came three weeks after fighters killed 18 people at a funeral in a nearby village.") == []
    assert read("A police officer was wounded in the attack.") == [(None, 1)]


def test_a_civil_society_leader_named_later_is_the_source() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Rebels kill at least 40\n\n"
        "Rebels armed with machetes killed at least 40 civilians in an attack on a village late Sunday, a "
        "local civil society leader said Tuesday.\n\n"
        "Civil society leader Kambale Muhindo said by phone that at least 40 civilians had been killed.\n",
        published_at=datetime(2025, 9, 9, tzinfo=UTC),
    )
    assert [(c.killed, c.reported_by) for c in a.casualty_reports] == [(40, "kambale-muhindo")]


def test_a_medical_charity_named_next_is_one_source() -> None:
    from datetime import UTC, datetime

    from app.ingest.extract import extract

    a = extract(
        "Drone strike on market\n\n"
        "A drone strike on a market in the Sudanese city of Kosti killed at least 31 people on Saturday, a "
        "medical charity said.\n\n"
        "Doctors Without Borders (MSF) said its teams had received at least 31 bodies and treated 74 wounded "
        "people.\n",
        published_at=datetime(2024, 9, 15, tzinfo=UTC),
    )
    assert [(c.killed, c.injured, c.reported_by) for c in a.casualty_reports] == [
        (31, 74, "doctors-without-borders")
    ]


# -- tuning round 6: sub-reports after the verb, treating counts, subsets and other places --------


def test_one_victim_written_as_one_and_an_armed_side_in_an_including_clause() -> None:
    assert _figs("He said one man had died after falling from a truck.") == [(1, None, G.all, Q.exact)]
    # "at least one man": one, at least (not read as exact)
    assert _figs("At least one man was killed.") == [(1, None, G.all, Q.at_least)]
    s = "Three of the injured, including a soldier who was stabbed in the hand, were in hospital."
    assert _figs(s) == [(None, 1, G.military, Q.exact)]
    # A child or a civilian in an including clause is a detail of a count given already.
    assert _figs("Two of the injured, including a woman who was stabbed in the back, were in hospital.") == []
    # Stabbed and then dead is no injury.
    assert _figs("A guard was stabbed and later died in hospital.") == []
    assert _figs("A guard was stabbed to death.") == [(1, None, G.security_forces, Q.exact)]


def test_a_hospital_s_treated_count_and_documented_deaths() -> None:
    s = "The charity said its teams had treated 21 people for gunshot and burn wounds since Sunday night."
    assert _figs(s) == [(None, 21, G.all, Q.exact)]
    assert _figs("The clinic said it was treating three of the wounded.") == [(None, 3, G.all, Q.exact)]
    assert _figs("The group said it had documented at least six deaths.") == [(6, None, G.all, Q.at_least)]
    # Deaths from a disease, and a bare "since Monday" (days of fighting), are no toll of this event.
    assert _figs("The ministry recorded 40 deaths from cholera.") == []
    assert _figs("Medics have treated 90 people for wounds since Monday.") == []
    assert _figs("Doctors treated 12 patients in the camp.") == []


def test_among_them_after_the_verb_is_a_named_group_s_sub_report() -> None:
    s = "The doctor said 15 injured people had been brought in, among them three soldiers who were on patrol."
    assert _figs(s) == [(None, 15, G.all, Q.exact), (None, 3, G.military, Q.exact)]
    assert _figs("Twenty people were killed, among them four police officers.") == [
        (20, None, G.all, Q.exact),
        (4, None, G.security_forces, Q.exact),
    ]
    # The same group, and a part of another count ("30 were arrested"), are no sub-report.
    assert _figs("Nine civilians were killed, among them two children.") == [(9, None, G.civilians, Q.exact)]
    s = "Five people were killed, and 30 were arrested, among them two soldiers."
    assert _figs(s) == [(5, None, G.all, Q.exact)]


def test_another_attack_in_which_and_a_toll_in_another_named_place() -> None:
    s = "He said troops had also repelled an attack on a checkpoint an hour earlier, in which no one was hurt."
    assert _figs(s) == []
    # The event itself, told with "in which", keeps its "no one was hurt".
    assert _figs("A grenade hit the embassy, in which no one was hurt.") == [(0, 0, G.all, Q.none_reported)]
    s = "She also voiced concern about the situation in Kadugli, where she said shelling had killed six people."
    assert _figs(s) == []
    s = "The drone hit a market in Rabak, where officials said at least 20 people were killed."
    assert _figs(s) == [(20, None, G.all, Q.at_least)]


def test_those_in_hospital_are_a_part_of_the_injured_counted_earlier() -> None:
    from app.ingest.extract.casualties import figures as read

    def last(text: str) -> list[tuple[int | None, int | None]]:
        i = text.rindex(". ") + 2
        return [(f.killed, f.injured) for f in read(text, i, len(text))]

    assert (
        last("Three people were killed and 14 injured, the mayor said. Six people have been hospitalized.")
        == []
    )
    # As many as were injured, or no injured count before: a figure of its own.
    assert last("Six people were wounded in the blast. Six people were hospitalized.") == [(None, 6)]
    assert last("A bus overturned near the bridge. Six people were hospitalized.") == [(None, 6)]


def test_one_victim_among_the_dead_and_its_apposition() -> None:
    assert _figs("A soldier was among the dead.") == [(1, None, G.military, Q.exact)]
    assert _figs("A journalist was among the injured.") == [(None, 1, G.civilians, Q.exact)]
    s = "An official said the owner of the shop, a civilian cousin of the mayor, was among the dead."
    assert _figs(s) == [(1, None, G.civilians, Q.exact)]
    # A named victim with no group word, and a child (the story of one victim of a toll), are left out.
    assert _figs("The owner of the shop, a cousin of the mayor, was among the dead.") == []
    assert _figs("A five-year-old girl was among the dead.") == []


def test_a_preposition_is_no_word_of_the_group() -> None:
    # "near police" is where, not who: the police station names no police dead.
    assert _figs("A car bomb killed two near police headquarters.") == [(2, None, G.all, Q.exact)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Four of our jawans embraced martyrdom on the spot.", [(4, None, G.security_forces, Q.exact)]),
        (
            'The general staff said eight soldiers had "fallen with their weapons in hand" and 14 others had been wounded.',
            [(8, 14, G.military, Q.exact)],
        ),
        ("Six gardaí were injured, two of them seriously.", [(None, 6, G.security_forces, Q.exact)]),
        ("Two passersby were also killed.", [(2, None, G.civilians, Q.exact)]),
        ("At least 19 displaced people were killed.", [(19, None, G.civilians, Q.at_least)]),
    ],
)
def test_how_forces_word_their_dead_and_who_is_a_civilian(
    sentence: str, expected: list[tuple[int | None, int | None, CasualtyGroup, Qualifier]]
) -> None:
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ministry said no one had been injured or detained.", [(0, 0, G.all, Q.none_reported)]),
        (
            "The hospital had received eight patients with gunshot wounds connected to the shooting.",
            [(None, 8, G.all, Q.exact)],
        ),
        ("It received 11 patients with gunshot wounds from the park.", [(None, 11, G.all, Q.exact)]),
    ],
)
def test_nobody_hurt_in_the_past_perfect_and_a_hospital_s_intake_with_its_wounds(
    sentence: str, expected: list[tuple[int | None, int | None, CasualtyGroup, Qualifier]]
) -> None:
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "More than 4,000 people were killed in Lebanon during that conflict, according to the health ministry.",
        "The ministry said 58 Palestinians had been killed and 212 wounded across the territory in the past 24 hours.",
    ],
)
def test_a_war_s_toll_and_a_day_s_are_no_event_s(sentence: str) -> None:
    assert _figs(sentence) == []


def test_a_clause_describing_the_source_is_not_the_count_s_period() -> None:
    a = event(
        "A drone struck the market in Al Nahud, Sudan, on Sunday.\n\n"
        "The Emergency Response Room, a volunteer network that has run kitchens in the town since the start of "
        "the war, said that at least 43 people had been killed and more than 70 injured.\n"
    )
    assert (43, 70, G.all, Q.at_least) in figures(a)


def test_the_supreme_price_and_two_others() -> None:
    s = 'It said a constable "paid the supreme price" while three others sustained injuries.'
    assert _figs(s) == [(1, 3, G.security_forces, Q.exact)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # The deaths that raise a toll are no count of their own; the toll is.
        ("The toll climbed to eight as three wounded died.", [(8, None, G.all, Q.exact)]),
        (
            "The death toll from the car bomb that hit a checkpoint outside the town, east of the "
            "capital, rose to six after a wounded policeman died, a doctor said.",
            [(6, None, G.all, Q.exact)],
        ),
        (
            "A wounded guard died overnight, bringing the number of martyrs to five.",
            [(5, None, G.all, Q.exact)],
        ),
        ("A guard wounded in the raid died on Friday.", []),
        ("A wounded policeman died in hospital.", []),
    ],
)
def test_a_death_that_raises_a_toll(sentence: str, expected: list[object]) -> None:
    assert _figs(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "another" is one more, hurt, of the same side.
        (
            "The ministry said one of its policemen was killed and another wounded.",
            [(1, 1, G.security_forces, Q.exact)],
        ),
        (
            "A soldier was killed and a civilian injured.",
            [(1, None, G.military, Q.exact), (None, 1, G.civilians, Q.exact)],
        ),
        ("Two soldiers were killed and another 20 were wounded.", [(2, 20, G.military, Q.exact)]),
    ],
)
def test_one_more_hurt_said_after_the_dead(sentence: str, expected: list[object]) -> None:
    assert _figs(sentence) == expected


def test_the_governor_unnamed_then_named_is_one_source() -> None:
    a = event(
        "A car bomb exploded near a market in Basra on Sunday, killing three people and wounding 17, "
        "the provincial governor said on Monday.\n\n"
        "A boy died overnight in hospital, Basra Governor Ali Hassan told reporters, raising the death "
        "toll to three."
    )
    assert reporters(a) == {(3, 17, "Ali Hassan")}
    # A live page's entry heading, then the entry.
    a = event(
        "A car bomb exploded near a market in Basra on Sunday.\n\n"
        "Governor says four killed, 21 wounded\n\n"
        "Basra Governor Ali Hassan told reporters that four people were killed and 21 wounded."
    )
    assert reporters(a) == {(4, 21, "Ali Hassan")}


def test_he_goes_on_for_the_unnamed_source_just_before() -> None:
    a = event(
        "An air strike hit a school near Mosul on Sunday, killing at least 12, a rescue worker said.\n\n"
        "The jet struck at noon, the rescuer told reporters.\n\n"
        '"We worked all night," he said, adding that more than 20 people had been wounded.'
    )
    assert figures(a) == [(12, 20, G.all, Q.at_least)]
    assert reporters(a) == {(12, 20, None)}


def test_a_hospital_received_the_bodies() -> None:
    s = "The morgue received the bodies of four people, as well as six wounded persons."
    assert _figs(s) == [(4, 6, G.all, Q.exact)]
    # A witness's count of bodies is a detail, not a figure.
    assert _figs("We counted the bodies of 12 soldiers by the road.") == []


def test_neutralised_and_bandits() -> None:
    s = "Troops repelled the raid, neutralising three of the bandits."
    assert _figs(s) == [(3, None, G.perpetrators, Q.exact)]
    # "terrorists" are the attackers, as most annotators of the unseen sets R-AC have it
    assert _figs("The army said troops neutralised five terrorists.") == [(5, None, G.perpetrators, Q.exact)]


def test_a_number_that_rose_replaces_the_count_before_it() -> None:
    s = (
        "He said the village buried nine people on Friday, but that the number had risen to 12 after "
        "more bodies were found."
    )
    assert _figs(s) == [(12, None, G.all, Q.exact)]
    # "buried" alone, with no people counted, is no figure.
    assert _figs("The pipe was buried 14 metres deep.") == []


def test_put_the_number_of_those_killed_at() -> None:
    s = "The spokesman confirmed the raid but put the number of those killed at 11."
    assert _figs(s) == [(11, None, G.all, Q.exact)]


def test_no_soldiers_among_the_dead() -> None:
    s = "The army said no soldiers were among the dead or injured."
    assert _figs(s) == [(0, 0, G.military, Q.none_reported)]


def test_a_sentence_that_opens_on_another_day_is_another_attack() -> None:
    body = (
        "A bomb exploded near a market in Mosul on Friday night, killing three people, the governor "
        "said on Saturday.\n\n"
        "It was the third attack in the province this month. On Monday, four policemen were killed "
        "when a mine hit their truck, the army said."
    )
    assert figures(event(body)) == [(3, None, G.all, Q.exact)]
    # A later day's update of this event's toll stays.
    body = body.replace(
        "On Monday, four policemen were killed when a mine hit their truck",
        "On Saturday, the toll rose to five after two of the wounded died",
    )
    assert (5, None, G.all, Q.exact) in figures(event(body))


def test_the_nominal_style_of_a_translated_statement() -> None:
    s = (
        'The command said a mine had hit an army unit, resulting in the "martyrdom" of a captain and '
        "two soldiers and the injury of four others."
    )
    assert _figs(s) == [(3, 4, G.military, Q.exact)]
    s = "The blast led to the death of two civilians and the wounding of five others."
    assert _figs(s) == [(2, 5, G.civilians, Q.exact)]


def test_an_unnamed_source_that_added_is_not_the_article_s_own_voice() -> None:
    a = event(
        "A roadside bomb hit an army truck near Mosul on Sunday, killing two soldiers, a security source "
        "added.\n\n"
        "The Joint Operations Command said in a statement that the bomb killed two soldiers."
    )
    # Two sources, two reports: the unnamed one is not the article's own voice, merged into the other.
    assert reporters(a) == {(2, None, None), (2, None, "Joint Operations Command")}


def test_one_wounded_who_died_and_one_wounded_when_another_died() -> None:
    assert _figs("A soldier was wounded and later died in hospital.") == []
    # Another person's death in the same clause leaves the wounded soldier a report.
    s = "A soldier was wounded when a mine exploded and a civilian died."
    assert (None, 1, G.military, Q.exact) in _figs(s)


def test_first_count_of_both_halves_is_superseded() -> None:
    a = event(
        "Gunmen attacked a market in the town on Monday, killing four people and wounding 12, the "
        "governor said. The governor initially reported two people killed and six injured."
    )
    assert figures(a) == [(4, 12, G.all, Q.exact)]


def test_pluperfect_toll_is_superseded() -> None:
    a = event(
        "Gunmen attacked a market in the town on Monday. Officials had put the death toll at two on "
        "Sunday evening. It rose to five on Monday after two wounded men died, officials said."
    )
    assert (2, None) not in {(c.killed, c.injured) for c in a.casualty_reports}


def test_part_named_inside_a_count_leaves_the_injured_to_the_whole() -> None:
    a = event(
        "At least ten people, including four soldiers, were killed and 25 others injured on "
        "Monday when a suicide bomber attacked a checkpoint."
    )
    assert (10, 25, G.all, Q.at_least) in figures(a)
    assert (4, 25) not in {(c.killed, c.injured) for c in a.casualty_reports}


def test_unattributed_repeat_of_a_figure_is_one_report() -> None:
    a = event(
        "Gunmen attacked a market in the town on Monday, killing six people and wounding at least 30."
        "\n\nSix people have been killed and dozens wounded in the attack."
    )
    assert figures(a) == [(6, 30, G.all, Q.at_least)]


def test_bodies_then_fuller_count_of_the_same_source() -> None:
    a = event(
        "A missile hit an apartment building in the city on Monday. The State Emergency Service said its "
        "crews "
        "had recovered the bodies of three people from the debris. By noon, the service counted three "
        "dead and 15 injured."
    )
    assert [(c.killed, c.injured) for c in a.casualty_reports] == [(3, 15)]


def test_later_paragraph_opening_on_another_date_is_another_event() -> None:
    a = event(
        "A suicide bomber killed eight soldiers at a checkpoint on Monday.\n\nThe attack was the "
        "second on the army in the district this month.\n\nOfficials condemned it.\n\nOn February 20, "
        "three soldiers were killed when militants attacked a checkpoint in a nearby town."
    )
    assert figures(a) == [(8, None, G.military, Q.exact)]


def test_dash_apposition_names_the_group_of_the_whole_count() -> None:
    a = event(
        "Gunmen attacked a bus on the highway on Monday. A district official said that four people "
        "had died — three farmers and a driver who was passing by — and that five "
        "others were wounded."
    )
    assert figures(a) == [(4, 5, G.civilians, Q.exact)]


def test_wounding_one_named_person_is_the_injured_half() -> None:
    a = event("Gunmen ambushed a bus on Monday, killing three shopkeepers and wounding an aid worker.")
    assert figures(a) == [(3, 1, G.civilians, Q.exact)]


def test_named_source_repeating_part_of_the_lead_figure_is_its_source() -> None:
    a = event(
        "Gunmen attacked a market in the town on Monday, killing four people and wounding 12.\n\n"
        "Police spokesman John Smith said four people had been killed."
    )
    assert reporters(a) == {(4, 12, "John Smith")}


@pytest.mark.parametrize(
    ("sentence", "group"),
    [
        ("Troops chased the gunmen and shot dead two of them.", G.perpetrators),
        ("The attackers fired on the crowd, killing two of them.", G.all),
    ],
)
def test_of_them_takes_the_group_named_just_before(sentence: str, group: CasualtyGroup) -> None:
    [f] = sentence_figures(sentence, 0, len(sentence))
    assert (f.killed, f.group) == (2, group)


@pytest.mark.parametrize(
    ("sentence", "parts"),
    [
        ("23 other people were wounded, five of them soldiers.", [23, 5]),
        ("40 people were wounded, 12 of them children.", [40]),
    ],
)
def test_of_them_part_of_an_armed_side_is_its_own_figure(sentence: str, parts: list[int]) -> None:
    assert [f.injured for f in sentence_figures(sentence, 0, len(sentence))] == parts


def test_pair_read_past_details_inside_commas() -> None:
    s = (
        "The army said that four soldiers, including a captain, and two civilians, "
        "among them a girl, were killed, while 30 people, six of them soldiers, were injured."
    )
    got = [(f.killed, f.injured, f.group) for f in sentence_figures(s, 0, len(s))]
    assert got == [
        (4, None, G.military),
        (2, None, G.civilians),
        (None, 30, G.all),
        (None, 6, G.military),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a detail of who they were, between the count and its verb
        (
            "Four guards, including a shift supervisor, were martyred and nine others injured.",
            [(4, 9, G.security_forces)],
        ),
        (
            "Officials said 12 persons, including three members of the Lakeside Vigilance Group (LVG), "
            "were killed.",
            [(12, None, G.all)],
        ),
        (
            "Two people, among them a 15-year-old boy, were shot dead and five others wounded.",
            [(2, 5, G.all)],
        ),
        # one person named in apposition
        (
            "A police constable, Ravi Menon, was martyred and two policemen were injured.",
            [(1, 2, G.security_forces)],
        ),
        # a count told as a noun
        (
            "The mission verified the killing of at least 14 civilians, including two women, and the wounding "
            "of nine others.",
            [(14, 9, G.civilians)],
        ),
        ("The coroner confirmed the deaths of three people and the wounding of six others.", [(3, 6, G.all)]),
    ],
)
def test_counts_read_past_a_detail_or_told_as_a_noun(
    sentence: str, expected: list[tuple[int | None, int | None, CasualtyGroup]]
) -> None:
    assert [(f.killed, f.injured, f.group) for f in sentence_figures(sentence, 0, len(sentence))] == expected


def test_first_count_a_source_initially_reported_is_superseded() -> None:
    s = "The channel initially reported that four people had been killed."
    assert sentence_figures(s, 0, len(s)) == []


def test_a_named_source_s_rising_toll_is_its_highest_figure() -> None:
    a = event(
        "Drones struck the port of Ravenna on Sunday night, the regional governor Marco Bellini said.\n\n"
        "Bellini said on Monday morning that two people had been killed and 14 injured.\n\n"
        "Rescuers later found another body, and Bellini said that five people had been killed."
    )
    assert reporters(a) == {(5, 14, "Marco Bellini")}


def test_background_figures_are_not_this_event_s() -> None:
    a = event(
        "Gunmen killed six villagers in Tanga on Saturday, police said.\n\n"
        "The raid is the latest in the region. Last Tuesday, gunmen killed nine people in a nearby town.\n\n"
        "The army first deployed to the area in July 2019. That offensive killed 40 people, residents say.\n\n"
        "It recalled the market bombing of October 2, 2021, in which 31 people were killed.\n\n"
        "On 24 February, gunmen attacked a post further north, killing eight soldiers."
    )
    assert figures(a) == [(6, None, G.civilians, Q.exact)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Paramedics pronounced a man in his 50s and a woman of about 30 dead at the scene.",
        "Among the wounded was a man aged 45.",
        # the dead not read: the wounded alone would be a wrong figure
        "Two rangers and a shopkeeper were killed and eight other people wounded by the mine.",
        "Teen killed, 4 wounded in shooting at a park",
    ],
)
def test_no_count_from_an_age_or_from_half_a_figure(sentence: str) -> None:
    assert sentence_figures(sentence, 0, len(sentence)) == []


def test_wounded_beside_a_denied_death_are_read() -> None:
    s = "No one was killed, but six people were wounded."
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(None, 6)]


def test_a_far_larger_later_figure_of_the_same_source_is_no_rising_toll() -> None:
    a = event(
        "Police shot dead at least five protesters in Beira on Wednesday, the rights group Observatorio "
        "Civico said.\n\n"
        "Observatorio Civico said that more than 200 people had been killed by police gunfire in recent "
        "unrest, according to its count."
    )
    assert (5, Q.at_least) in [(c.killed, c.qualifier) for c in a.casualty_reports]


def test_background_earlier_this_week_and_in_another_town() -> None:
    a = event(
        "A bomb killed three soldiers in Yala on Friday evening, the army said.\n\n"
        "Troops cordoned off the area.\n\n"
        "The army said the attack was revenge for a raid earlier this week in which two gunmen were "
        "shot dead.\n\n"
        "In Narathiwat's Rueso district, insurgents set fire to a school late on Friday. No one was hurt, "
        "police said."
    )
    assert figures(a) == [(3, None, G.military, Q.exact)]


def test_a_report_on_an_event_weeks_old_keeps_its_figures() -> None:
    a = event(
        "Gunmen shot dead at least 27 civilians at a market in Ségou on 14 January 2024, the UN office said."
    )
    assert figures(a) == [(27, None, G.civilians, Q.at_least)]


def test_some_of_a_toll_told_as_among_the_wounded_is_no_report_of_its_own() -> None:
    a = event(
        "A drone strike on a car in Tyre killed four people on Tuesday and wounded 11 others, the health "
        "ministry said.\n\nThe ministry said that two children were among the wounded."
    )
    assert figures(a) == [(4, 11, G.all, Q.exact)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Lysak had earlier reported one person killed and six injured.",
        "An earlier ministry toll had put the number of dead at three.",
        "Initial reports from the area had indicated that two officers died in the blast.",
        "In his first post on Telegram, the governor reported that one man had been killed.",
    ],
)
def test_a_count_the_story_says_came_earlier_is_superseded(sentence: str) -> None:
    assert sentence_figures(sentence, 0, len(sentence)) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Four police officers were killed and three others seriously injured.", [(4, 3, G.security_forces)]),
        ("A 24-year-old man was stabbed to death and 17 people were injured.", [(1, 17, G.all)]),
        ('The group said its fighters killed 13 "apostate soldiers".', [(13, None, G.military)]),
        ("Three people were killed and a female vaccinator was injured.", [(3, 1, G.all)]),
    ],
)
def test_adverbs_deaths_by_a_weapon_quoted_groups_and_one_more_hurt(
    sentence: str, expected: list[tuple[int | None, int | None, CasualtyGroup]]
) -> None:
    assert [(f.killed, f.injured, f.group) for f in sentence_figures(sentence, 0, len(sentence))] == expected


def test_counts_in_apposition_and_the_nth_of_a_group() -> None:
    s = "Nine people, six men and three women, were shot dead in the bar."
    assert [(f.killed, f.group) for f in sentence_figures(s, 0, len(s))] == [(9, G.all)]
    # the third of the women, not a toll of three
    s = "A third woman died on the way to hospital."
    assert sentence_figures(s, 0, len(s)) == []


def test_the_event_a_comparison_recalls_is_not_this_one() -> None:
    s = "It was the deadliest attack in the port since May 2019, when gunmen stormed a hotel, killing 26 people."
    assert sentence_figures(s, 0, len(s)) == []
    s = "The attack, which killed 12 people, was the deadliest since March, when a bomb killed 20."
    assert [f.killed for f in sentence_figures(s, 0, len(s))] == [12]


def test_nobody_s_two_halves_in_neighbouring_paragraphs_are_one_report() -> None:
    a = event(
        "Nine people were shot dead when gunmen stormed a bar in Soweto on Saturday night.\n\n"
        "Five others were wounded in the attack."
    )
    assert figures(a) == [(9, 5, G.all, Q.exact)]


def test_an_unnamed_source_named_next_gives_both_halves_two_paragraphs_apart() -> None:
    a = event(
        "A roadside bomb struck an army truck near Balcad on Tuesday, killing at least six people, a police "
        "officer said.\n\n"
        '"The bomb was planted by the road," police Captain Ahmed Nur Ali told Reuters.\n\n'
        "He said eight other people had been wounded."
    )
    assert reporters(a) == {(6, 8, "Ahmed Nur Ali")}


def test_a_second_source_after_while_is_the_one_named_later() -> None:
    a = event(
        "The army said on Tuesday it had repelled an attack on its camp at Dioura, killing about 30 "
        "militants, while the group behind the assault said it had killed more than 50 troops.\n\n"
        "In a message on Monday night, JNIM said its fighters had killed more than 50 soldiers."
    )
    assert (50, None, "JNIM") in reporters(a)
    assert (50, None, None) not in reporters(a)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a ratio is no count
        (
            "Militants killed 15 soldiers and wounded 22, the army said, while security sources said the "
            "death toll was more than three times higher.",
            [(15, 22, G.military)],
        ),
        # "others" take the first count's group
        (
            "Jets killed at least 11 civilians, including four children, and injured more than 20 others.",
            [(11, 20, G.civilians)],
        ),
        # the dead told as "paid the supreme price" are read with the wounded, no half figure
        (
            "Three of our soldiers paid the supreme price, while four others who sustained injuries were evacuated.",
            [(3, 4, G.military)],
        ),
        # the definite article points back to a count given already
        ("The two women died at the scene.", []),
    ],
)
def test_ratios_others_and_counts_given_already(
    sentence: str, expected: list[tuple[int | None, int | None, CasualtyGroup]]
) -> None:
    assert [(f.killed, f.injured, f.group) for f in sentence_figures(sentence, 0, len(sentence))] == expected


def test_a_figure_about_those_protests_is_background() -> None:
    a = event(
        "Police shot dead at least nine protesters in Nairobi on Tuesday, Amnesty International said.\n\n"
        "Officers fired tear gas at crowds.\n\n"
        "Kenya has seen waves of protests since June last year. The rights commission said about 60 people "
        "were killed during those protests."
    )
    assert [c.killed for c in a.casualty_reports] == [9]


def test_forces_have_killed_during_one_raid_is_this_event_s_count() -> None:
    s = (
        "Israeli forces have killed three Palestinians and wounded at least seven others during an "
        "overnight raid on Jenin, the health ministry says."
    )
    assert [(f.killed, f.injured, f.qualifier) for f in sentence_figures(s, 0, len(s))] == [
        (3, 7, Q.at_least)
    ]
    s = "Israeli forces have killed 300 Palestinians in the West Bank since October."
    assert sentence_figures(s, 0, len(s)) == []


def test_terrorists_in_an_official_s_words_are_the_attackers() -> None:
    s = "The interior minister said three of the terrorists had been killed by the police."
    assert [(f.killed, f.group) for f in sentence_figures(s, 0, len(s))] == [(3, G.perpetrators)]
    a = event(
        "Troops killed 27 Islamist militants in clashes in Macomia on Monday, the defence ministry said.\n\n"
        '"Our forces neutralised 27 terrorists," the ministry said in a statement.'
    )
    assert [(c.killed, c.group) for c in a.casualty_reports] == [(27, G.combatants)]


def test_others_go_on_from_the_count_before_them() -> None:
    a = event(
        "At least 30 civilians were killed when gunmen stormed the village of Um Rawaba on Saturday, "
        "according to the Bara Emergency Room. The volunteer group said that more than 15 others were injured."
    )
    assert figures(a) == [(30, 15, G.civilians, Q.at_least)]


def test_a_source_s_toll_given_first_in_the_lead_is_its_highest() -> None:
    a = event(
        "Drones attacked the town of Valuyki overnight, killing two people and injuring seven others, "
        "Governor Ivan Petrov said.\n\n"
        "In his first post on Telegram, Petrov said one man had been killed.\n\n"
        "A drone strike on Kharkiv killed one person and injured four, Mayor Oleh Sych said.\n\n"
        "In a separate post, Petrov said that a woman had been injured in the village of Dolgoye."
    )
    assert reporters(a) == {(2, 7, "Ivan Petrov")}


def test_a_figure_beside_a_short_month_date_long_before_is_background() -> None:
    a = event(
        "An air strike on tents in Mawasi killed at least 14 people on Tuesday, the civil defence said.\n\n"
        "Rescuers searched the sand.\n\n"
        "Doctors treated the wounded.\n\n"
        "The war began when militants attacked on Oct. 7, 2023, killing some 1,200 people."
    )
    assert [c.killed for c in a.casualty_reports] == [14]


def test_the_words_for_prisoners_count_people() -> None:
    a = event(
        "At least nine detainees were killed and 12 people were injured in a riot at the jail, the prisons service said."
    )
    assert (9, 12, G.all, Q.at_least) in figures(a)


def test_an_armed_side_s_part_after_the_injured_is_a_report_of_its_own() -> None:
    a = event(
        "Four people were killed and 10 were injured, including three police officers, in the blast, police said."
    )
    assert (4, 10, G.all, Q.exact) in figures(a)
    assert (None, 3, G.security_forces, Q.exact) in figures(a)


def test_died_while_others_sustained_injuries_is_one_figure_and_the_bombers_a_part() -> None:
    a = event(
        "Nine persons, including the two suicide bombers, died while 30 others sustained various degrees of "
        "injuries in the market blast, the police said."
    )
    assert (9, 30, G.all, Q.exact) in figures(a)
    assert (2, None, G.perpetrators, Q.exact) in figures(a)


def test_neutralised_attackers_are_dead_attackers() -> None:
    a = event(
        "Insurgents attacked an army post on Sunday. More than 20 terrorists were neutralised, the army said."
    )
    assert (20, None, G.perpetrators, Q.at_least) in figures(a)


def test_a_wire_dateline_does_not_hide_what_one_ambush_did() -> None:
    a = event(
        "Bamako (dpa) - Suspected jihadists have killed 12 soldiers and wounded five others in an ambush on a "
        "patrol in central Mali, the army said."
    )
    assert (12, 5, G.military, Q.exact) in figures(a)


def test_bodies_received_with_the_wounded_are_both_halves() -> None:
    a = event(
        "Gunmen attacked a bus on the highway on Monday. A doctor at the city hospital said it had received the "
        "bodies of four men and nine wounded."
    )
    assert (4, 9, G.all, Q.exact) in figures(a)


def test_members_of_a_security_forces_unit_are_security_forces() -> None:
    a = event(
        "Six members of the Border Security Forces were killed and two others wounded when gunmen ambushed "
        "their patrol, officials said."
    )
    assert (6, 2, G.security_forces, Q.exact) in figures(a)


def test_the_number_of_dead_standing_at_a_count_is_a_toll() -> None:
    a = event(
        "A mob attacked three men in a village on Sunday. The district police chief said the number of dead stands at two."
    )
    assert (2, None, G.all, Q.exact) in figures(a)


@pytest.mark.parametrize(
    "background",
    [
        "The region was also the scene of the 2009 Riverside massacre, in which soldiers killed 31 farmers.",
        "A monitoring group counted nearly 2,000 people killed in the province in the first half of 2024.",
        "Attacks killed 14 people and injured 60 across the province over the past week, officials said.",
        "The president said at least 30 people had been killed across the country.",
        "The market was last hit on May 2, when a shell killed three traders.",
    ],
)
def test_a_period_s_or_another_named_event_s_figures_are_background(background: str) -> None:
    a = event(
        f"A rocket hit a market in the town on Monday, killing two people, police said.\n\n{background}"
    )
    assert [(k, i) for k, i, _, _ in figures(a)] == [(2, None)]


def test_a_quoted_count_of_them_is_no_toll_of_its_own() -> None:
    a = event(
        "Gunmen ambushed a police convoy on the highway on Monday, killing three officers, the ministry said.\n\n"
        '"Our men returned fire and killed two of them," a police spokesman said.'
    )
    assert figures(a) == [(3, None, G.security_forces, Q.exact)]


def test_a_body_s_figure_and_its_named_spokesman_s_fuller_one_are_one_report() -> None:
    a = event(
        "A man stabbed six people at the central station on Monday, police said.\n\n"
        "Six people were wounded, two of them seriously, federal police spokeswoman Jane Roe told reporters."
    )
    assert reporters(a) == {(None, 6, "Jane Roe")}


def test_a_toll_given_after_an_apposition_is_the_subject_s() -> None:
    a = event(
        "Gunmen ambushed a convoy in the desert on Monday, killing five soldiers, the ministry said.\n\n"
        "Amnesty International, a London-based rights group, gave a higher toll, saying nine people were killed."
    )
    assert (9, None, "Amnesty International") in reporters(a)


def test_deaths_at_the_scene_and_one_more_later_are_one_toll_with_the_others_wounded() -> None:
    a = event(
        "Gunmen opened fire on customers at a bar on Saturday, killing eight people, the prosecutor's office said.\n\n"
        "The gunmen arrived in two trucks, the office said in a statement.\n\n"
        "Seven people died at the scene and one more died after being taken to hospital, it said. "
        "Four others were wounded."
    )
    assert figures(a) == [(8, 4, G.all, Q.exact)]


def test_a_wounded_man_who_later_died_is_no_injured_count() -> None:
    a = event(
        "Gunmen killed five people at a bar on Saturday, police said.\n\n"
        "The mayor told local radio that six people had died, saying a man who was wounded in the attack had "
        "died on Sunday."
    )
    assert (6, None, G.all, Q.exact) in figures(a)
    assert all(i is None for _, i, _, _ in figures(a))


def test_nobody_of_another_group_hurt_beside_a_count() -> None:
    a = event(
        "Militants opened fire on police in a village on Wednesday. The committee said two officers had been "
        "wounded and that no civilians were hurt."
    )
    assert (None, 2, G.security_forces, Q.exact) in figures(a)
    assert (0, 0, G.civilians, Q.none_reported) in figures(a)


def test_nobody_hurt_by_a_second_bomb_is_not_this_attack_s_figure() -> None:
    a = event(
        "A bomb exploded at a tea shop on Thursday, killing two people, police said.\n\n"
        "Forty minutes later, a second bomb damaged a power pylon in another district. No one was hurt."
    )
    assert figures(a) == [(2, None, G.all, Q.exact)]


def test_among_the_people_slightly_hurt_is_some_of_a_count_given() -> None:
    a = event(
        "A man injured five people in a knife attack at the station on Monday, police said.\n\n"
        "Among the three people who were slightly hurt was a 14-year-old girl."
    )
    assert figures(a) == [(None, 5, G.all, Q.exact)]


def test_a_post_quoted_without_marks_after_wrote_is_the_writer_s() -> None:
    a = event(
        "A missile struck a block of flats in the city overnight, killing three people.\n\n"
        "The head of the city administration, Jane Roe, gave an update later. She wrote on Telegram:\n\n"
        "Rescuers are still working at the site. Five people have been killed. Twenty people are injured."
    )
    assert (5, 20, "Jane Roe") in reporters(a)


def test_the_number_of_people_killed_rising_is_a_toll() -> None:
    a = event(
        "A missile hit the city on Monday. The number of people killed has risen to nine, officials said."
    )
    assert (9, None, G.all, Q.exact) in figures(a)


def test_a_counter_claim_about_an_occupied_town_is_another_place_s_toll() -> None:
    a = event(
        "Russian shelling hit the central market in Kherson on Tuesday, killing four people, police said.\n\n"
        "The Russian-installed governor claimed that Ukrainian drones had killed two civilians in the occupied "
        "town of Oleshky."
    )
    assert figures(a) == [(4, None, G.all, Q.exact)]


def test_one_woman_dead_and_people_injured_are_one_figure() -> None:
    a = event(
        "A woman has died and seven people were injured when a car drove into pedestrians, police said."
    )
    assert figures(a) == [(1, 7, G.all, Q.exact)]


def test_men_are_people() -> None:
    a = event(
        "A teenager was arrested after two men were injured in a stabbing in the town centre, police said."
    )
    assert (None, 2, G.all, Q.exact) in figures(a)


def test_a_count_repeated_in_figures_is_read_once() -> None:
    a = event(
        "A bus struck a roadside bomb on Monday morning. Regrettably, four (4) passengers lost their lives at the "
        "scene, the ministry said.\n\n"
        "One (1) of the injured succumbed later, bringing the number of those who lost their lives to five (5), "
        "the ministry said."
    )
    assert (5, None, G.all, Q.exact) in figures(a)
    assert all(k != 1 for k, _, _, _ in figures(a))


def test_a_press_statement_s_letterhead_is_no_part_of_the_lead() -> None:
    a = extract(
        "MINISTRY OF INTERIOR AND NATIONAL ADMINISTRATION\nSTATE DEPARTMENT FOR INTERNAL SECURITY AND BORDER CONTROL\n\n"
        "PRESS STATEMENT\n\nATTACK ON A PASSENGER BUS ALONG THE COAST ROAD, RIVER COUNTY\n\n"
        "Nairobi, Tuesday 4th November 2025\n\n"
        "At about 6 a.m. today, a passenger bus struck an improvised explosive device near the town. "
        "Three passengers were killed.\n",
        published_at=MONDAY,
    )
    assert a.incident is not None
    assert (3, None, G.civilians, Q.exact) in figures(a)


def test_a_count_in_reports_the_source_dismisses_is_no_figure() -> None:
    a = event(
        "A bomb hit a bus on the highway on Monday, killing five passengers, the ministry said.\n\n"
        "The ministry dismissed reports circulating on social media that more than 20 passengers were killed."
    )
    assert figures(a) == [(5, None, G.civilians, Q.exact)]


def test_a_police_raid_that_leaves_people_dead_is_an_event() -> None:
    a = event(
        "A police operation against drug traffickers in the favela left at least eight people dead on Thursday, "
        "according to the public defender."
    )
    assert a.incident is not None
    assert (8, None, G.all, Q.at_least) in figures(a)


def test_quoted_words_around_a_count_or_its_group_are_read() -> None:
    for sentence, expected in [
        ('Police said in a statement that six "suspects" were killed.', (6, None, G.all, Q.exact)),
        (
            'The group said its fighters had killed "more than 40" enemy soldiers.',
            (40, None, G.military, Q.at_least),
        ),
        ('The army said its forces had "neutralised" 12 rebels.', (12, None, G.combatants, Q.exact)),
    ]:
        assert [
            (f.killed, f.injured, f.group, f.qualifier) for f in sentence_figures(sentence, 0, len(sentence))
        ] == [expected]


def test_people_still_being_treated_are_injured() -> None:
    s = "Five other people were still being treated for gunshot wounds, the office said."
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(None, 5)]


def test_a_count_an_earlier_update_had_reported_is_superseded() -> None:
    s = "The ombudsman, which in an earlier update on X had reported one dead and 12 injured, said more had died."
    assert sentence_figures(s, 0, len(s)) == []


def test_three_counts_of_people_are_one_toll() -> None:
    s = "Four men, three women and a child were killed and 10 other people were wounded, the mayor said."
    assert [(f.killed, f.injured, f.group) for f in sentence_figures(s, 0, len(s))] == [(8, 10, G.all)]


def test_more_deaths_that_raise_a_toll_told_beside_it_are_no_count() -> None:
    s = "Three more injured persons have succumbed to their wounds, taking the death toll to 12, he said."
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(12, None)]


def test_children_among_the_dead_are_a_breakdown_but_fighters_are_a_report() -> None:
    s = "Its spokesman said 23 people had been killed, among them eight children."
    assert [(f.killed, f.group) for f in sentence_figures(s, 0, len(s))] == [(23, G.all)]


def test_an_attack_months_later_in_a_list_of_attacks_is_background() -> None:
    a = event(
        "A man stabbed a pensioner to death at a wine festival on Saturday, police said.\n\n"
        "In May 2024, an officer died after being stabbed at a rally. Three months later, an attacker killed "
        "three people and injured eight at a festival in another city."
    )
    assert all(k != 3 for k, _, _, _ in figures(a))


def test_a_person_described_with_several_words_is_one_victim() -> None:
    s = "A 67-year-old retired bus driver died at the scene, police said."
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(1, None)]


def test_a_source_s_rising_toll_keeps_the_qualifier_of_its_injured() -> None:
    a = event(
        "A drone struck a wedding in the village on Saturday, local officials said.\n\n"
        "Hamada Ag Sidi, a municipal councillor in the village, said on Saturday night that 11 bodies had been "
        "recovered. By Sunday the toll had risen.\n\n"
        '"We buried 19 people," he said. "More than 30 are wounded."'
    )
    assert (19, 30, "Hamada Ag Sidi") in reporters(a)
    assert (19, 30, G.all, Q.at_least) in figures(a)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Three people are dead and three others are in hospital after the stabbings, police say.", [(3, 3)]),
        ("Police had said on Saturday that two people were killed and four injured.", []),
        ("Police initially said five people had been hurt.", []),
        ("05 p.m. The man died at the medical centre, the chief said.", []),
        ("Police have killed two people in eight days, the rights group said.", []),
        ("Police say four people have been killed in two days of fighting between rival clans.", [(4, None)]),
        ("The attack comes three years after a stabbing spree in which 11 people were killed.", []),
        (
            "The ambulance service confirmed one person dead at the scene and treated seven other patients.",
            [(1, 7)],
        ),
        (
            "Two soldiers were killed and a third was seriously wounded at the checkpoint, the army said.",
            [(2, 1)],
        ),
        ("Over the same period, at least 50 people have been killed in attacks.", []),
        ("The group said more than 70 people had been killed and wounded.", []),
        (
            "The deadliest attack in the country's history took place in October 2017, when a truck bomb killed "
            "more than 500 people.",
            [],
        ),
        (
            '"As of 7 a.m., we have three fatalities and two wounded victims," the spokesperson said.',
            [(3, 2)],
        ),
        (
            '"Sixteen persons have lost their lives and 29 others are receiving treatment," he said.',
            [(16, 29)],
        ),
        (
            "A man attacked passengers, killing a 68-year-old man and wounding two other people, the prosecutor said.",
            [(1, 2)],
        ),
        ("No-one was injured when the device exploded beside a police vehicle.", [(0, 0)]),
        (
            "Initial reports circulated this morning indicated that six people had died and five had been injured.",
            [],
        ),
    ],
)
def test_how_a_sentence_s_counts_are_read(
    sentence: str, expected: list[tuple[int | None, int | None]]
) -> None:
    assert [(f.killed, f.injured) for f in sentence_figures(sentence, 0, len(sentence))] == expected


def test_others_wounded_named_by_a_source_take_the_unnamed_count_before_them() -> None:
    a = event(
        "At least 24 people, including 11 children, were killed when an aircraft bombed a school on Saturday, "
        "according to local officials.\n\n"
        "The Township Administration Team said more than 40 others were injured."
    )
    assert figures(a) == [(24, 40, G.all, Q.at_least)]


def test_the_minister_of_a_state_is_the_minister_named_next() -> None:
    a = event(
        "A car drove into a crowd at a Christmas market on Friday, killing at least three people, the interior "
        "minister of the state of Hesse said on Saturday.\n\n"
        "The driver was detained at the scene, Interior Minister Roman Kessler told a news conference."
    )
    assert (3, None, "Roman Kessler") in reporters(a)


def test_a_police_officer_of_rank_gives_the_police_s_figure() -> None:
    a = event(
        "A man has died and six people have been injured after a knifeman attacked fans outside an arena, "
        "police have said.\n\n"
        "In an update at 10pm, Assistant Chief Constable Claire Benton said the number of injured had risen to six."
    )
    assert reporters(a) == {(1, 6, "Claire Benton")}


def test_the_lead_s_count_is_the_named_source_s_fuller_figure() -> None:
    a = event(
        "Bandits attacked a church on Sunday, killing three persons and abducting the pastor.\n\n"
        "The traditional ruler of the town, Oba Joseph Adewale, said three persons were killed while four others "
        "sustained gunshot injuries."
    )
    assert reporters(a) == {(3, 4, "Joseph Adewale")}


def test_a_statement_quoted_a_few_paragraphs_on_fills_in_its_source_s_figure() -> None:
    a = event(
        "Bandits attacked a church on Sunday, killing three persons and abducting the pastor.\n\n"
        "The police spokesperson, SP Grace Ajibola, said in a statement on Sunday evening that two persons were "
        "confirmed dead.\n\n"
        "The statement read in part: “Our team engaged the hoodlums in a gun duel.\n\n"
        "“Two persons were confirmed dead, while two others who sustained injuries were taken to hospital.”"
    )
    assert (2, 2, "Grace Ajibola") in reporters(a)


def test_a_fuller_count_after_another_speaker_is_named_is_not_the_first_source_s() -> None:
    a = event(
        "Police and protesters clashed in the township on Tuesday.\n\n"
        "Police spokesperson Thandi Mokoena later confirmed that two people had died.\n\n"
        "Protest convener Sipho Dube accused police of using live ammunition.\n\n"
        '"Two of our people are dead and 11 are injured. The police came here to kill."'
    )
    assert (2, 11, "Thandi Mokoena") not in reporters(a)


def test_a_headline_s_figure_goes_to_the_report_with_all_its_halves() -> None:
    a = extract(
        "One dead, two wounded in knife attack on city tram\n\n"
        "A man attacked passengers on a tram on Tuesday, killing a 68-year-old man and wounding two other people, "
        "the local prosecutor said.\n\n"
        "The city hospital said two wounded people had been admitted.\n",
        published_at=MONDAY,
    )
    assert (1, 2, G.all, Q.exact) in figures(a)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A man in his 50s has died and two other people were hurt in the stabbing.", [(1, 2)]),
        ("A woman, 71, died when a gunman opened fire on the queue.", [(1, None)]),
        ("A man aged 19 was stabbed in the attack.", [(None, 1)]),
    ],
)
def test_the_age_of_the_one_victim_does_not_hide_the_count(sentence: str, expected: list[object]) -> None:
    assert [(k, i) for k, i, _g, _q in figures(event(sentence))] == expected


def test_a_separately_investigated_event_with_its_own_in_which_clause_is_not_this_one() -> None:
    a = event(
        "Two people were hurt when a bomb exploded outside a bank on Monday, police said.\n\n"
        "Officers were separately investigating an explosion at a warehouse in the harbour district overnight, "
        "in which a man in his 30s was slightly injured."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(None, 2)]


def test_the_number_of_a_group_killed_raised_by_a_death_is_the_new_count() -> None:
    a = event(
        "Two soldiers were killed and three wounded when rebels ambushed a patrol on Monday, the army said. "
        "On Tuesday, the army said one of the wounded had died, bringing the number of soldiers killed to three."
    )
    assert (3, None, CasualtyGroup.military, Qualifier.exact) in figures(a)


@pytest.mark.parametrize(
    "background",
    [
        "The three soldiers who died at the scene were identified as privates of the 12th Battalion.",
        "The district officer had earlier told reporters that two people had died.",
        "In May 2021, gunmen killed nine people in the town. That same month, 30 prisoners were killed in a riot.",
        "Some 25,000 people were killed in the region's wars, a report by the university said.",
    ],
)
def test_named_dead_of_a_count_given_earlier_counts_and_totals_are_no_new_report(background: str) -> None:
    a = event(f"Four soldiers were killed when a bomb hit their truck on Monday, the army said. {background}")
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(4, None)]


def test_a_wounded_person_who_died_leaves_the_wounded_one_fewer() -> None:
    a = event(
        "A drone struck a car near the village on Tuesday, the mayor, Jane Dosky, said.\n\n"
        "Dosky put the toll at two dead and three wounded. On Wednesday, she said one of the wounded, a "
        "40-year-old farmer, had died in hospital, bringing the number of dead to three."
    )
    assert reporters(a) == {(3, 2, "Jane Dosky")}


def test_a_source_s_exact_count_refines_its_own_rough_one() -> None:
    a = event(
        "At least two people were killed and more than a dozen wounded when police fired on protesters on "
        "Friday, the rights group Civic Watch said.\n\n"
        "Civic Watch said it had confirmed the deaths of a student and a welder, and had counted 15 wounded."
    )
    assert reporters(a) == {(2, 15, "Civic Watch")}


def test_killing_one_person_and_another_is_two_dead() -> None:
    a = event(
        "A pupil opened fire at a school on Monday, killing a teacher and a cleaner and injuring three other "
        "people, police said."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(2, 3)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Soldiers guarding the kraal shot dead two of the raiders on Saturday.", (2, None, "perpetrators")),
        (
            "Militants stormed the base on Tuesday, killing nine soldiers. The enemy left 23 bodies on the ground, "
            "the army said.",
            (23, None, "perpetrators"),
        ),
    ],
)
def test_the_attackers_own_dead_are_the_perpetrators(sentence: str, expected: tuple[object, ...]) -> None:
    assert expected in [(k, i, str(g)) for k, i, g, _q in figures(event(sentence))]


def test_a_count_told_earlier_in_the_day_is_superseded() -> None:
    a = event(
        "Militants stormed an army base on Tuesday, killing nine soldiers, the commander said. "
        "Earlier on Tuesday, the commander had told local radio that five soldiers had died in the fighting."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(9, None)]


def test_the_number_risen_in_the_next_sentence_is_of_the_count_told_before() -> None:
    a = event(
        "Rioters fired fireworks at officers on Tuesday night. In a statement before midnight, the force said "
        "four officers had been hurt. On Wednesday, Chief Superintendent Jane Holloway said the number had "
        "risen to nine."
    )
    assert (None, 9, "Jane Holloway") in reporters(a)


def test_an_update_s_dead_now_and_those_still_in_hospital_are_read() -> None:
    a = event(
        "A gunman opened fire at a gym on Thursday night, the sheriff's office said.\n\n"
        "Two people have now lost their lives as a result of this incident. Three victims remain "
        "hospitalized, one of them in critical condition."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(2, None), (None, 3)]


def test_those_still_in_hospital_after_a_count_of_the_same_wounded_are_no_new_report() -> None:
    a = event(
        "Gunmen killed six people at a bar on Saturday, the prosecutor's office said, and five were wounded. "
        "It said five people remained hospitalized, two of them in serious condition."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(6, 5)]


def test_a_source_that_raised_its_count_gives_the_new_count() -> None:
    a = event(
        "Gunmen attacked a displacement camp on Saturday. On Monday, the camp committee raised its count to at "
        "least 40, and said more than 60 people had been wounded."
    )
    assert (40, 60, CasualtyGroup.all, Qualifier.at_least) in figures(a)


def test_children_among_the_dead_are_a_breakdown_not_a_report() -> None:
    a = event(
        "An air strike hit a village school on Sunday. At least 21 people, among them nine children, were killed."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(21, None)]


def test_no_one_killed_joins_the_wounded_counted_apart() -> None:
    a = event(
        "Attackers threw firebombs into a synagogue during evening prayers on Friday, police said.\n\n"
        'Three people were injured. "It is by sheer luck that no one was killed," the rabbi said.'
    )
    assert figures(a) == [(0, 3, CasualtyGroup.all, Qualifier.exact)]


def test_no_one_killed_with_no_wounded_counted_is_no_casualties() -> None:
    a = event("A bomb went off outside a bank on Monday. No one was killed, police said.")
    assert figures(a) == [(0, 0, CasualtyGroup.all, Qualifier.none_reported)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A man stabbed five people at the station on Friday. The suspect, a 36-year-old man from the "
            "city, was also slightly injured, police said.",
            (None, 1, "perpetrators"),
        ),
        (
            "A man stabbed five people at the station on Friday. Police shot and wounded the assailant.",
            (None, 1, "perpetrators"),
        ),
        (
            "A gunman opened fire at a bar on Friday, killing two. The gunman was shot dead by officers.",
            (1, None, "perpetrators"),
        ),
    ],
)
def test_the_one_attackers_own_casualty_is_a_report_of_the_perpetrators(
    sentence: str, expected: tuple[object, ...]
) -> None:
    assert expected in [(k, i, str(g)) for k, i, g, _q in figures(event(sentence))]


def test_the_suspects_relative_is_no_casualty_of_the_attacker() -> None:
    a = event("A man stabbed five people at the station on Friday. Police wounded the suspect's brother.")
    assert "perpetrators" not in [str(g) for _k, _i, g, _q in figures(a)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A van drove into a crowd at a market on Saturday, injuring 12 people. Among the injured is a "
            "police officer who was on foot patrol.",
            (None, 1, "security_forces"),
        ),
        (
            "A van drove into a crowd at a market on Saturday, injuring 12 people. Two police officers who "
            "tried to stop the van on foot were among the injured.",
            (None, 2, "security_forces"),
        ),
        (
            "A van drove into a crowd at a market on Saturday, injuring 12 people. A municipal police officer "
            "who tried to stop it was among those slightly injured.",
            (None, 1, "security_forces"),
        ),
    ],
)
def test_an_armed_side_among_the_casualties_is_a_report_of_its_own(
    sentence: str, expected: tuple[object, ...]
) -> None:
    assert expected in [(k, i, str(g)) for k, i, g, _q in figures(event(sentence))]


def test_children_among_the_injured_are_a_detail_of_the_count() -> None:
    a = event(
        "A grenade blast at a market on Saturday injured 11 people. Among the injured were two children."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(None, 11)]


def test_an_officer_who_sustained_an_injury_is_a_report_of_the_security_forces() -> None:
    a = event(
        "A man stabbed five people in the city centre on Sunday. A police officer sustained a minor injury "
        "to his hand while detaining the suspect. Gul Rehman, a 34-year-old worker who received splinter "
        "wounds in his arm, said he saw the attack."
    )
    assert [(k, i, str(g)) for k, i, g, _q in figures(a)] == [(None, 1, "security_forces")]


def test_a_separate_assault_at_a_clock_time_in_which_a_man_was_hurt_is_another_event() -> None:
    a = event(
        "A man stabbed five people in the city centre on Sunday. Officers are also investigating a separate "
        "assault in Union Terrace around 11.30pm on Saturday, in which a 40-year-old man was injured."
    )
    assert figures(a) == []


def test_a_lead_s_prosecutors_and_the_office_s_fuller_count_after_it_are_one_report() -> None:
    a = extract(
        "Gunmen kill nine at rehab centre\n\n"
        "Gunmen burst into a rehabilitation centre in Ciudad Obregón late Friday and shot dead at least nine "
        "people, prosecutors said.\n\n"
        "The attack took place at around 10:40 pm, the Sonora state prosecutor's office said in a statement.\n\n"
        "Eight people died at the scene and another in hospital, it said. Four other residents were wounded.\n",
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured, str(c.group), str(c.qualifier)) for c in a.casualty_reports] == [
        (9, 4, "all", "at_least")
    ]
    assert a.casualty_reports[0].reported_by == "sonora-state-prosecutor-s-office"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Eight people died at the scene and another in hospital, police said.", (9, None)),
        ("Eight people died at the scene and two more in hospital, police said.", (10, None)),
    ],
)
def test_the_dead_in_hospital_add_to_those_at_the_scene(sentence: str, expected: tuple[object, ...]) -> None:
    a = event(f"Gunmen stormed a bar on Friday. {sentence}")
    assert expected in [(k, i) for k, i, _g, _q in figures(a)]


def test_a_toll_among_a_group_is_that_group_s() -> None:
    a = event(
        "Jihadists raided a village on Tuesday. The army put the toll among civilians at 14 dead and nine wounded."
    )
    assert [(k, i, str(g)) for k, i, g, _q in figures(a)] == [(14, 9, "civilians")]


def test_a_medical_group_in_the_lead_is_the_network_that_goes_on_as_the_group() -> None:
    a = extract(
        "Drone strike kills 43 at market\n\n"
        "A drone strike on a market in the town of Bara killed at least 43 people on Saturday, a medical "
        "group said.\n\n"
        "The Sudan Doctors Network, which tracks casualties in the war between the army and the paramilitary "
        "Rapid Support Forces (RSF), said the drone hit the busiest section of the market. More than 60 "
        "people were wounded, the group said, blaming the RSF.\n",
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured, str(c.qualifier), c.reported_by) for c in a.casualty_reports] == [
        (43, 60, "at_least", "sudan-doctors-network")
    ]


def test_a_lead_s_officials_and_medics_give_the_named_source_s_fuller_count() -> None:
    a = extract(
        "Shelling kills 11 in Taiz\n\n"
        "CAIRO (AP) — Shells slammed into a neighborhood of Taiz on Monday evening, killing at least 11 "
        "people, officials and medics said Tuesday.\n\n"
        "Dr. Rashad al-Akhali, who heads the health office in Taiz province, said at least 11 people had "
        "been killed and 19 others wounded. The health office had reported eight dead late Monday, before "
        "rescuers pulled two more bodies from a collapsed house.\n\n"
        "A wounded boy died early Tuesday, al-Akhali said, raising the toll to 11.\n",
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured, str(c.qualifier), c.reported_by) for c in a.casualty_reports] == [
        (11, 19, "at_least", "rashad-al-akhali")
    ]


def test_a_quoted_sentence_that_ends_before_no_officer_was_hurt_gives_no_count_of_officers() -> None:
    a = event(
        'Rival herders clashed on Monday, killing five people. "Our officers managed to separate the two '
        'groups. No officer was injured," the police commander said.'
    )
    assert (None, 2, "security_forces") not in [(k, i, str(g)) for k, i, g, _q in figures(a)]
    assert (0, 0, "security_forces") in [(k, i, str(g)) for k, i, g, _q in figures(a)]


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("Cameroon's Ministry of Defence said in a statement", [(0, 0, "military")]),
        ("Niger's interior ministry said in a statement", [(0, 0, "security_forces")]),
        ("a resident said", []),
    ],
)
def test_no_losses_on_our_side_are_the_speaker_s_own_side(speaker: str, expected: list[object]) -> None:
    a = extract(
        "Gunmen raid village\n\n"
        f"Gunmen raided a village on Sunday, {speaker}.\n\n"
        '"No losses were recorded on our side," it added.\n',
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured, str(c.group)) for c in a.casualty_reports if c.killed == 0] == expected


def test_a_lead_s_government_gives_the_interior_ministry_s_fuller_count() -> None:
    a = extract(
        "Gunmen kill dozens at market\n\n"
        "Gunmen attacked a market in western Niger on Sunday, killing at least 21 civilians according to the "
        "government.\n\n"
        "Dozens of gunmen attacked the market in Mangaize on Sunday morning, killing at least 21 civilians and "
        "wounding nine, Niger's interior ministry said in a statement.\n\n"
        'A local official told AFP that "between 40 and 50 people" had been killed.\n',
        published_at=MONDAY,
    )
    got = [(c.killed, c.injured, c.killed_min, c.killed_max, str(c.qualifier)) for c in a.casualty_reports]
    assert got == [(21, 9, None, None, "at_least"), (None, None, 40, 50, "exact")]


def test_a_witness_who_carried_two_wounded_boys_gives_no_count() -> None:
    a = event(
        "A suicide bomber attacked a mosque on Friday, killing 19 worshippers. A worshipper said he carried "
        "two wounded boys out of the mosque before ambulances arrived."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(19, None)]


def test_an_ambulance_service_that_carried_injured_people_gives_a_count() -> None:
    a = event(
        "Mortar shells hit a market on Friday. The ambulance service said its crews had carried 13 injured "
        "people to hospitals."
    )
    assert (None, 13) in [(k, i) for k, i, _g, _q in figures(a)]


def test_an_initial_toll_a_source_had_given_is_superseded() -> None:
    a = event(
        "A car bomb hit a market on Thursday, killing at least 26 people, the health ministry said. The "
        "ministry had given an initial toll of 14 dead on Thursday evening."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(26, None)]


def test_no_one_hurt_by_a_second_car_rigged_with_explosives_is_no_report() -> None:
    a = event(
        "A car bomb hit a market on Thursday, killing at least 26 people, the health ministry said.\n\n"
        "Later, security forces found a second car rigged with explosives near a school and defused it. "
        "No one was hurt."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(26, None)]


def test_a_quoted_count_of_people_treated_is_read() -> None:
    a = event(
        "Fans rioted after the match on Sunday. The ambulance service said its paramedics treated "
        '"around twenty people" at various locations.'
    )
    assert [(k, i, str(q)) for k, i, _g, q in figures(a)] == [(None, 20, "approximately")]


def test_an_earlier_year_s_unrest_in_an_opening_clause_is_another_event() -> None:
    a = extract(
        "Two dead as protesters torch town hall\n\n"
        "At least two people were killed and more than 20 injured when protesters set fire to the town hall "
        "in Nacaome on Thursday, a rights watchdog said Friday.\n\n"
        "The candidate's supporters had gathered outside the building since the morning.\n\n"
        "Police fired tear gas to disperse the crowd, witnesses said.\n\n"
        "Honduras has a history of unrest. After the disputed presidential election of 2017, at least 23 "
        "people were killed in protests, according to the UN.\n\n"
        "A spokesman for the militias that took up arms after the 2021 coup said 22 people had been killed.\n",
        published_at=datetime(2026, 3, 2, tzinfo=UTC),
    )
    got = [(c.killed, c.injured) for c in a.casualty_reports]
    assert (23, None) not in got
    assert (22, None) in got


def test_a_headline_names_whose_dead_the_body_s_toll_counts() -> None:
    a = extract(
        "Turkish drone strike kills four civilians in Qamishli\n\n"
        "A drone struck a car near Qamishli on Sunday. By evening the SDF said the toll had risen to four "
        "dead and one wounded.\n",
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured, str(c.group)) for c in a.casualty_reports] == [(4, 1, "civilians")]


def test_a_communique_s_police_members_who_sacrificed_their_lives_and_a_woman_and_her_grandson() -> None:
    a = event(
        "Terrorists attacked a police station on Monday. Three police members sacrificed their lives while "
        "performing their duties and five others were injured. A bomb struck a house, killing a 63-year-old "
        "woman and her six-year-old grandson, and injuring two other residents. The rebels claimed they had "
        "killed more than 20 security members."
    )
    assert [(k, i, str(g)) for k, i, g, _q in figures(a)] == [
        (3, 5, "security_forces"),
        (2, 2, "civilians"),
        (20, None, "security_forces"),
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A man stabbed two officers outside the police station. The assailant died overnight after being "
            "shot by a third officer.",
            (1, None, "perpetrators"),
        ),
        (
            "A gunman opened fire on a bus platform, killing two. An officer was also struck in the leg during "
            "the exchange of gunfire.",
            (None, 1, "security_forces"),
        ),
        (
            'A gunman shot dead two neighbours before officers stormed the flat. "None of our officers was injured," '
            "the police said.",
            (0, 0, "security_forces"),
        ),
    ],
)
def test_an_attacker_who_died_an_officer_struck_in_the_leg_and_none_of_our_officers(
    sentence: str, expected: tuple[object, ...]
) -> None:
    assert expected in [(k, i, str(g)) for k, i, g, _q in figures(event(sentence))]


def test_a_victim_hit_in_the_chest_is_no_count_of_her_own() -> None:
    a = event(
        "A gunman opened fire on a bus platform, killing two people, among them a 58-year-old woman who was "
        "hit in the chest."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(2, None)]


def test_a_medical_charity_s_toll_and_the_wounded_in_its_care_are_one_report() -> None:
    a = extract(
        "MSF nurse among 21 killed in hospital attack\n\n"
        "Gunmen stormed a hospital in the east of the Democratic Republic of Congo overnight, killing at least "
        "21 people including a nurse working with Doctors Without Borders, the medical charity said Tuesday.\n\n"
        "Two of the wounded died on Monday night, bringing the toll to at least 21, the charity said in a "
        "statement. Twelve wounded remain in its care.\n",
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured, str(c.qualifier), c.reported_by) for c in a.casualty_reports] == [
        (21, 12, "at_least", "doctors-without-borders")
    ]


def test_a_charity_s_staff_members_among_the_dead_are_a_detail_of_the_toll() -> None:
    a = event(
        "An air strike hit a community kitchen on Sunday, killing at least 17 people, including two staff "
        "members of the charity that ran it."
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(17, None)]


def test_an_unnamed_officer_s_count_is_not_a_teacher_s_named_after_it() -> None:
    a = extract(
        "Gunmen kill five in market\n\n"
        "Gunmen opened fire at a market in Kano on Monday, killing five people, a police officer said.\n\n"
        "Jane Roe, a teacher who saw the attack, said five people had been killed and three wounded.\n",
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured, c.reported_by) for c in a.casualty_reports] == [
        (5, None, None),
        (5, 3, "jane-roe"),
    ]


def test_up_to_is_a_maximum_not_an_approximation() -> None:
    a = event(
        "Bandits attacked the village of Kaura on Monday, killing up to 20 people and wounding 30, "
        "police said.\n\nA vigilante commander said up to 12 of the dead were soldiers."
    )
    assert [(c.killed, c.killed_max, c.injured, c.qualifier) for c in a.casualty_reports][:1] == [
        (None, 20, 30, Q.exact)
    ]


def test_a_comparison_that_names_another_event_s_toll_is_no_toll_of_this_one() -> None:
    s = (
        "Honduras' prisons, which hold about 20,000 people, have been the scene of some of the deadliest "
        "tragedies in the region, among them the fire at the Comayagua prison in February 2012, which "
        "killed more than 360 inmates."
    )
    assert sentence_figures(s, 0, len(s)) == []
    # (a comparison after this event's count still compares: "since … when" is cut off apart)
    s = "Gunmen killed 11 people in the attack, the deadliest since 2019, when 30 people died in Kano."
    assert [f.killed for f in sentence_figures(s, 0, len(s))] == [11]


def test_the_army_said_is_the_army_of_the_country_whose_soldiers_died() -> None:
    a = extract(
        "Rebels kill seven soldiers in ambush\n\n"
        "BOGOTA, March 4 (Reuters) - Dissident rebels killed seven Colombian soldiers and wounded nine "
        "others when they ambushed an army patrol in Guaviare province on Wednesday, the army said.\n",
        published_at=MONDAY,
    )
    assert reporters(a) == {(7, 9, "Colombian Army")}


def test_an_army_s_supreme_sacrifice_is_its_dead() -> None:
    s = (
        '"Regrettably, six of our gallant soldiers paid the supreme price, while 11 others sustained '
        'injuries," it said.'
    )
    assert [(f.killed, f.injured, f.group) for f in sentence_figures(s, 0, len(s))] == [(6, 11, G.military)]
    s = "The CRPF said two of its personnel had made the “supreme sacrifice” and seven others were injured."
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(2, 7)]
    s = 'The statement said 23 terrorists were "neutralized" in the fighting.'
    assert [(f.killed, f.group) for f in sentence_figures(s, 0, len(s))] == [(23, G.perpetrators)]


def test_a_photo_caption_and_a_link_to_another_story_are_no_figures() -> None:
    a = event(
        "Rebels attacked a police camp in Sukma district on Tuesday, the police said.\n\n"
        "Security personnel carry the body of a jawan killed in the attack at Elmaguda on Tuesday. | Photo "
        "Credit: PTI\n\n"
        "Also Read | Maoists kill two villagers on suspicion of being police informers in Bijapur\n"
    )
    assert figures(a) == []


def test_a_clause_of_another_day_s_event_is_no_toll_of_this_one() -> None:
    a = extract(
        "Suspect killed in police shootout\n\n"
        "A suspect was shot dead by police in Ambalangoda early on Tuesday after he opened fire on officers, "
        "police said. One police constable was injured.\n\n"
        "The officers had taken him to a coconut estate to recover a rifle.\n\n"
        "A police spokesman said the officers retaliated in self-defence.\n\n"
        "He had been arrested on August 3 in connection with the shooting at a boutique on July 19, in which "
        "two men were killed and a woman was injured.\n",
        published_at=datetime(2025, 8, 12, 6, 0, tzinfo=UTC),
    )
    assert (2, None) not in [(c.killed, c.injured) for c in a.casualty_reports]
    assert (None, 1) in [(c.killed, c.injured) for c in a.casualty_reports]


def test_one_of_our_fellow_citizens_lost_his_life() -> None:
    s = '"Four people were wounded, and one of our fellow citizens lost his life," she told a radio station.'
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(1, 4)]


def test_what_the_counted_were_doing_stands_between_them_and_their_fate() -> None:
    s = (
        "Three Levies personnel deputed for the security of a polio vaccination team were martyred and four "
        "others, including a lady health worker, were injured when a bomb went off on Monday."
    )
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(3, 4)]
    s = "Two policemen guarding the checkpoint were killed."
    assert [(f.killed, f.group) for f in sentence_figures(s, 0, len(s))] == [(2, G.security_forces)]


def test_a_standfirst_s_half_figure_is_the_story_s_full_one() -> None:
    a = extract(
        "Three Levies men martyred in Mastung blast\n\n"
        "By Syed Ali Shah\n\n"
        "Anti-polio drive suspended; lady health worker among four injured\n\n"
        "Three Levies personnel were martyred and four others were injured when a bomb went off near their "
        "vehicle in Mastung on Monday, officials said.\n\n"
        "Read: Polio worker killed in Kalat attack\n",
        published_at=datetime(2024, 10, 29, tzinfo=UTC),
    )
    assert [(c.killed, c.injured) for c in a.casualty_reports] == [(3, 4)]


def test_a_hospital_s_intake_and_herders_killed_are_counts() -> None:
    s = "Corewell Health said it had received six patients from the shooting, two of whom were in critical condition."
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(None, 6)]
    s = "Its chairman said four herders were killed and more than 70 cows were slaughtered."
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(4, None)]
    # (men treated for addiction at a rehabilitation centre are no casualties)
    s = "About 30 men were being treated for drug and alcohol addiction at the centre, the prosecutor said."
    assert sentence_figures(s, 0, len(s)) == []


def test_people_shot_some_of_them_fatally_are_the_dead_and_the_wounded() -> None:
    s = "Police said at the time that seven people had been shot, two of them fatally."
    assert [(f.killed, f.injured) for f in sentence_figures(s, 0, len(s))] == [(2, 5)]
    s = "Five people were shot at a party on Saturday."
    assert sentence_figures(s, 0, len(s)) == []


def test_a_chief_s_first_briefing_gave_a_count_he_corrected() -> None:
    s = "At his first briefing, Tuggle had said four employees were dead and two people were wounded."
    assert sentence_figures(s, 0, len(s)) == []


def test_up_to_a_dozen_and_a_quoted_count_with_its_detail() -> None:
    s = "A medical source said that up to a dozen wounded people had been admitted since Sunday evening."
    assert [(f.injured, f.injured_max) for f in sentence_figures(s, 0, len(s))] == [(None, 12)]
    s = 'In a post on X, it said "21 civilians, including six children and three women" had been killed.'
    assert [(f.killed, f.group) for f in sentence_figures(s, 0, len(s))] == [(21, G.civilians)]


def test_a_second_source_s_lower_toll_and_one_voice_s_dead_and_range_of_wounded() -> None:
    a = extract(
        "Drone strike kills five in market town: monitor\n\n"
        "A drone strike on a street in Mayadin killed five people on Tuesday, a war monitor said, while the "
        "health ministry gave a lower toll of three dead.\n\n"
        'The health ministry said that "three citizens were martyred and 11 others were injured".\n\n'
        'A doctor at the hospital told AFP the hospital had received "four bodies, two of them children" and '
        "between 15 and 18 wounded people.\n",
        published_at=MONDAY,
    )
    got = [(c.killed, c.injured, c.injured_min, c.injured_max) for c in a.casualty_reports]
    assert (3, 11, None, None) in got
    assert (4, None, 15, 18) in got
    assert (3, None, None, None) not in got


def test_it_is_the_body_its_paragraph_opens_on_and_peshmerga_are_an_army() -> None:
    a = extract(
        "Two Peshmerga killed as roadside bomb hits patrol\n\n"
        "Two Peshmerga fighters were killed and three others were wounded on Monday night when a roadside "
        "bomb struck their vehicle near Kifri, the Ministry of Peshmerga Affairs announced on Tuesday.\n\n"
        "The ministry identified the two fighters killed. It said the three wounded, one of them in serious "
        "condition, were transferred to hospital.\n",
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured, c.group) for c in a.casualty_reports] == [(2, 3, G.military)]


def test_a_toll_that_rose_in_its_paragraph_and_links_to_other_stories() -> None:
    a = extract(
        "Air strike on market kills 19\n\n"
        "At least 19 civilians were killed and more than 40 injured when a junta jet bombed a market in "
        "Kyauktaw on Saturday, the Arakan Army said.\n\n"
        "The Arakan Army said on Sunday evening that 14 people had died. On Monday, U Khaing Min Oo, an "
        "information officer of the Arakan Army, told The Irrawaddy the death toll had risen to 19.\n\n"
        "You may also like these stories:\n\n"
        "Junta Airstrike Kills 12 Displaced People at Mrauk-U Monastery\n\n"
        "Fuel Shortages Bite in Rakhine Towns\n",
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured) for c in a.casualty_reports] == [(19, 40)]


def test_a_distance_and_a_photo_courtesy_are_no_counts_nor_sources() -> None:
    s = "He was shot dead about 300 meters from the post as he was riding toward the district center."
    assert sentence_figures(s, 0, len(s)) == []
    a = extract(
        "Rebels attack army post in Papua\n\n"
        "Soldiers carry the coffin of a comrade killed in the attack. (Courtesy of Cenderawasih Military "
        "Command/-)\n\n"
        "Two soldiers were killed when rebels attacked an army post in Intan Jaya on Monday, the Cenderawasih "
        "Military Command said.\n",
        published_at=MONDAY,
    )
    assert [x.name for x in a.actors if "Command" in x.name] == ["Cenderawasih Military Command"]


def test_soldiers_and_an_auxiliary_force_and_a_death_before_the_event() -> None:
    s = "A source said that at least 42 soldiers and VDP had been killed and more than 30 wounded evacuated."
    assert [(f.killed, f.group) for f in sentence_figures(s, 0, len(s))][:1] == [(42, G.military)]
    s = "They surrounded the compound where people were keeping vigil for an old man who had died on Friday."
    assert sentence_figures(s, 0, len(s)) == []


def test_the_lead_s_hedged_count_is_the_named_source_s_who_gives_it_plainly() -> None:
    a = extract(
        "Rebels kill at least 24 at funeral wake\n\n"
        "Suspected rebels killed at least 24 people overnight at a funeral wake in the village of Byambwe, "
        "local sources told AFP on Monday.\n\n"
        "The attackers burst into a gathering of mourners, according to residents.\n\n"
        '"We have already counted 24 bodies," Samuel Kambale Vutsumbi, a civil society leader, told AFP.\n',
        published_at=MONDAY,
    )
    assert [(c.killed, c.qualifier, c.reported_by) for c in a.casualty_reports] == [
        (24, Q.at_least, "samuel-kambale-vutsumbi")
    ]


def test_an_earlier_year_s_bombing_is_another_event() -> None:
    s = "The most serious, the 2014 bombing of a shopping area at the Escuela Militar metro station, injured 14 people."
    assert sentence_figures(s, 0, len(s)) == []


def test_a_governor_s_rising_toll_its_rounded_headline_and_an_earlier_attack_s_date() -> None:
    a = extract(
        "Death toll in Russian attack on Sumy rises to 5, over 30 injured\n\n"
        "A Russian missile strike on Sumy on Thursday morning hit a trolleybus stop, killing five people and "
        "injuring 34, Governor Oleh Hryhorov said.\n\n"
        "Hryhorov's first post on Telegram, published at 8:05 a.m., reported one person killed and eight "
        "injured.\n\n"
        '"As of now, five people have been killed. Another 34 have been injured," he wrote.\n\n'
        "The emergency service said rescuers worked through the day.\n\n"
        "On April 13, two Russian ballistic missiles hit the city center, killing 35 people and injuring more "
        "than 110.\n",
        published_at=datetime(2025, 10, 9, 18, 0, tzinfo=UTC),
    )
    assert [(c.killed, c.injured) for c in a.casualty_reports] == [(5, 34)]


def test_a_toll_raised_in_its_paragraph_and_no_casualties_among_the_troops() -> None:
    a = extract(
        "Shelling kills 13 civilians in Dilling\n\n"
        "Artillery shells fired by the RSF killed 13 civilians in Dilling on Thursday evening.\n\n"
        "On Thursday night, the South Kordofan Ministry of Health put the death toll at nine. On Friday "
        "morning, its director general, Dr Ismail Kuku Tia, said four of the wounded had died overnight, "
        "raising the toll to 13.\n",
        published_at=MONDAY,
    )
    assert 9 not in [c.killed for c in a.casualty_reports]
    s = "He added that there were no casualties among the troops."
    assert [(f.qualifier, f.group) for f in sentence_figures(s, 0, len(s))] == [(Q.none_reported, G.military)]


def test_an_unnamed_spokesman_s_lead_figure_is_his_fuller_one_paragraphs_on() -> None:
    a = extract(
        "Bomb targeting police van kills at least 11 in Quetta\n\n"
        "A bomb exploded next to a police van in a market in Quetta on Tuesday, killing at least 11 people, "
        "a provincial government spokesman said.\n\n"
        "The blast went off at about 9:20 a.m. outside Kandahari Bazaar, police said.\n\n"
        "The van was carrying an anti-riot squad to a security post.\n\n"
        "Senior police superintendent Abdul Rauf Mengal said the bomb contained around 5 kg of explosives.\n\n"
        "Arbab Naseer Kasi, a spokesman for the Balochistan provincial government, said at least 11 people "
        "had been killed and more than 20 wounded.\n",
        published_at=MONDAY,
    )
    assert reporters(a) == {(11, 20, "Arbab Naseer Kasi")}


def test_an_unsourced_count_of_the_dead_is_the_named_source_s_fuller_figure() -> None:
    a = extract(
        "Bandits kill 9, abduct over 40 in Zamfara village raid\n\n"
        "Residents of Bilbis village in Zamfara State are mourning after armed bandits killed at least nine "
        "people and abducted more than 40 others in an attack on Monday night.\n\n"
        "The chairman of Tsafe Local Government, Alhaji Aminu Dan Mallam, confirmed the attack on Tuesday.\n\n"
        '"As I am talking to you, nine people have been buried according to Islamic rites and three others '
        'who sustained gunshot wounds are receiving treatment at the General Hospital in Tsafe," he said.\n',
        published_at=MONDAY,
    )
    assert [(c.killed, c.injured) for c in a.casualty_reports] == [(9, 3)]
    assert "kill 9" in {e.quote for e in a.casualty_reports[0].evidence}


def test_an_earlier_toll_named_in_passing_is_superseded() -> None:
    a = event(
        "Mortar shells hit a camp in Mogadishu on Tuesday. Police spokesman Abdirahman Nur Dhuhul told "
        "reporters that five civilians had been killed and 14 wounded, up from the three dead he gave earlier."
    )
    assert figures(a) == [(5, 14, G.civilians, Q.exact)]
    a = event(
        'An Israeli drone strike hit a car near Nabatieh on Tuesday. "The strike led to a toll of two martyrs '
        'and one wounded," the health ministry said, raising an earlier toll of one dead.'
    )
    assert [(k, i) for k, i, _g, _q in figures(a)] == [(2, 1)]


def test_a_source_s_toll_that_rises_as_its_dead_are_named_civilians() -> None:
    a = extract(
        "Mortars hit displacement camp\n\n"
        "Police spokesman Abdirahman Nur Dhuhul said five civilians had been killed and 14 wounded when mortar "
        "shells hit a camp in Mogadishu on Tuesday.\n\n"
        "Earlier, Dhuhul told local radio that three people had been killed in the camp.\n",
        published_at=MONDAY,
    )
    assert figures(a) == [(5, 14, G.civilians, Q.exact)]


def test_a_count_a_spokesman_had_given_earlier_is_superseded() -> None:
    a = extract(
        "Benue: Death toll in Guma attack rises to 19 - Police\n\n"
        "The death toll in Sunday night's attack on Tse-Akenyi, a farming settlement in Guma, has risen to 19, "
        "the state Police Command said on Monday.\n\n"
        "The spokesperson for the command, SP Joseph Agber, had earlier on Monday told our correspondent that "
        "12 bodies had been recovered.\n\nArmed men stormed the settlement at about 10pm, shooting at residents and burning houses.\n",
        published_at=MONDAY,
    )
    assert [c.killed for c in a.casualty_reports] == [19]


def test_two_ages_and_a_day_s_toll_without_the_are_no_counts() -> None:
    a = event(
        "A rocket hit a street in Ashkelon on Sunday. Two men aged 30 and 45 were lightly hurt by shrapnel, "
        "MDA said."
    )
    assert all(i != 45 for _k, i, _g, _q in figures(a))
    a = extract(
        "Rocket barrage hits Ashkelon\n\n- Gaza health ministry says 34 killed in past 24 hours\n\n"
        "A rocket hit a street in Ashkelon on Sunday, wounding three people, MDA said.\n",
        published_at=MONDAY,
    )
    assert all(c.killed != 34 for c in a.casualty_reports)


# -- blind sets DU to DZ ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the speaker's own words quoted around the verb or the count
        ('He said 22 civilians had been "savagely killed" by the ADF.', [(22, None, G.civilians, Q.exact)]),
        ('He told Radio Okapi that "more than 40" people had died.', [(40, None, G.all, Q.at_least)]),
        # still being treated: injured, unless treated for something else
        (
            "He said the death toll had risen to 14, and that 15 others were still being treated.",
            [(14, 15, G.all, Q.exact)],
        ),
        ("About 30 men were being treated for drug addiction at the centre.", []),
        # a pluperfect toll the story has moved past
        ("On Sunday evening, Malangai had given a toll of 25 dead.", []),
        # one count of two kinds of people is no one group's
        (
            'The group said its fighter had killed more than 25 "apostate soldiers and officials".',
            [(25, None, G.all, Q.at_least)],
        ),
        (
            "The blast killed three soldiers and two civilians.",
            [(3, None, G.military, Q.exact), (2, None, G.civilians, Q.exact)],
        ),
        # another period's toll
        (
            "More than 4,000 people were killed in Lebanon during the 14 months of hostilities between "
            "Israel and Hezbollah, according to the Health Ministry.",
            [],
        ),
        ("Last September, a 14-year-old student killed four people and wounded nine at a school.", []),
        ("Eleven people were killed in two days of fighting, officials said.", [(11, None, G.all, Q.exact)]),
        # what a picture shows
        ("It also published photographs showing at least nine bodies in military uniform.", []),
    ],
)
def test_quoted_words_treatment_and_mixed_groups(sentence: str, expected: list[object]) -> None:
    assert _read(sentence) == expected


def test_a_toll_that_rose_keeps_the_group_of_the_count_it_replaced() -> None:
    a = event(
        "Security forces killed Maoists in a gunfight in Narayanpur district on Thursday, police said.\n\n"
        "Initially, the police had said eight Maoists were killed. The count rose to 12 after the search "
        "operation resumed at daybreak on Friday, he said.\n"
    )
    assert (12, None, G.combatants, Q.exact) in figures(a)
    assert all(c.killed != 8 for c in a.casualty_reports)


def test_a_count_given_earlier_on_a_named_day_or_in_an_earlier_post_is_replaced() -> None:
    assert _read("The spokesman had earlier on Monday put the number of those killed at 11.") == []
    assert _read("In an earlier post, shortly after midday, it had reported 23 injured.") == []
    assert _read("The command had earlier in the day put the death toll at 17.") == []
    assert _read("On Friday evening he had reported two dead and 12 wounded.") == []
    assert _read(
        "Fighters killed 15 soldiers and wounded 23, the army said, raising a toll of nine dead it had given earlier."
    ) == [(15, 23, G.military, Q.exact)]


def test_two_dead_told_apart_and_a_dozen_spoken_of_first_are_no_reports() -> None:
    assert (
        _read("A 72-year-old woman died at the scene and a 58-year-old man died in hospital, she said.") == []
    )
    assert _read("Police had initially spoken of one dead and about a dozen injured.") == []


def test_none_of_the_public_nor_civilians_affected_and_devices_neutralised() -> None:
    assert _read("No residents of the hotel, staff or members of the public were hurt.") == [
        (0, 0, G.civilians, Q.none_reported)
    ]
    assert _read("No civilians were affected.") == [(0, 0, G.civilians, Q.none_reported)]
    assert (
        _read("The troops' anti-drone systems neutralised two further devices before they reached the base.")
        == []
    )
    assert _read("Officers killed four gang members during a counteroffensive on Sunday.") == [
        (4, None, G.perpetrators, Q.exact)
    ]


def test_members_of_an_armed_group_and_no_one_from_the_troops() -> None:
    assert _read("Three members of the Communist Terrorist Group (CTG) were killed on Sunday.") == [
        (3, None, G.combatants, Q.exact)
    ]
    assert _read("Three members of the New People's Army were killed on Sunday.") == [
        (3, None, G.combatants, Q.exact)
    ]
    assert _read("No one from the government troops was hurt, he added.") == [
        (0, 0, G.military, Q.none_reported)
    ]


def test_members_of_the_public_an_attacker_shot_who_died_and_patients_taken_to_hospital() -> None:
    assert _read(
        "He said two members of the public, a 47-year-old man and a 29-year-old woman, had died."
    ) == [(2, None, G.civilians, Q.exact)]
    assert _read("The attacker was shot by police and died at the scene.") == [
        (1, None, G.perpetrators, Q.exact)
    ]
    assert _read("Four people were taken to hospital.") == [(None, 4, G.all, Q.exact)]
    assert _read("Paramedics took four patients to hospital from the mall this evening.") == [
        (None, 4, G.all, Q.exact)
    ]
    # (the wounded, then moved: one count, not one of both)
    assert _read("Two other people were wounded and taken to a hospital in the city.") == [
        (None, 2, G.all, Q.exact)
    ]


def test_those_taken_to_hospital_of_the_injured_counted_before_are_no_report() -> None:
    a = event(
        "Eleven people were injured when an arsonist set fire to the shelter on Sunday, police said. Three "
        "people were taken to hospital, among them a man who jumped from a window.\n"
    )
    assert figures(a) == [(None, 11, G.all, Q.exact)]


def test_a_source_then_the_writer_s_words_on_the_event() -> None:
    a = event(
        "An Israeli drone strike on a car near Nabatieh killed three people on Monday, Lebanon's health "
        "ministry said, one of the deadliest strikes in the area in weeks.\n"
    )
    assert reporters(a) == {(3, None, "health ministry")}


def test_the_figure_that_rose_replaces_the_bodies_counted_before() -> None:
    assert _read("On Monday, he said the figure had risen to 21 and that teams had been deployed.") == [
        (21, None, G.all, Q.exact)
    ]
    a = event(
        "Gunmen on motorcycles killed villagers in a raid on Sunday, residents said.\n\n"
        "Police spokesperson Yazid Abubakar said on Sunday that 12 bodies had been recovered. On Monday, he "
        "said the figure had risen to 21 and that tactical teams had been deployed.\n"
    )
    assert (21, None, G.all, Q.exact) in figures(a)
    assert all(c.killed != 12 for c in a.casualty_reports)


def test_a_device_of_its_own_below_the_lead_and_another_engagement_are_other_incidents() -> None:
    a = event(
        "A motorcycle bomb exploded at a market in Sungai Kolok on Monday morning, killing three people "
        "and wounding 19, police said.\n\n"
        "The market was crowded with shoppers.\n\n"
        "Officials said the town would hold prayers on Tuesday.\n\n"
        "On Monday night, a roadside bomb struck a pickup truck carrying rangers on a road in Rueso "
        "district. No one was hurt, police said.\n\n"
        "In another engagement in Tank District on the same day, security forces neutralized three more "
        "militants.\n"
    )
    assert figures(a) == [(3, 19, G.all, Q.exact)]


def test_an_army_s_sent_to_hell() -> None:
    assert _read("After an intense exchange of fire, eight Indian sponsored khwarij were sent to hell.") == [
        (8, None, G.perpetrators, Q.exact)
    ]


def test_a_day_of_the_month_is_no_count_and_people_who_sought_medical_help_are_injured() -> None:
    assert _read(
        "The Interior Ministry said in a statement early on March 13 that nine police officers had been injured."
    ) == [(None, 9, G.security_forces, Q.exact)]
    assert _read("Georgia's Health Ministry said 24 people had sought medical help overnight.") == [
        (None, 24, G.all, Q.exact)
    ]
    assert _read("The coalition said more than 40 of its supporters had been hurt.") == [
        (None, 40, G.civilians, Q.at_least)
    ]


def test_lives_taken_or_lost() -> None:
    assert _read('"Two young lives were taken and more than a dozen people were hurt," the mayor said.') == [
        (2, 12, G.all, Q.at_least)
    ]
    assert _read("Four lives were lost in the fire.") == [(4, None, G.all, Q.exact)]
    assert _read(
        "A 32-year-old man was beaten to death and his cousin critically injured by a mob on Tuesday night."
    ) == [(1, 1, G.all, Q.exact)]
