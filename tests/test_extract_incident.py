"""The extractor's incident fields on unseen wording: headline, time, place, type and claim status.

Pure unit tests on short invented articles (no database fixtures)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from app.ingest.extract import extract
from app.ingest.extract.gazetteer import gazetteer
from app.ingest.extract.text import front_matter
from app.vocab import ClaimStatus, EventType, GeoPrecision, SubEventType, TimePrecision

FRIDAY = datetime(2024, 3, 8, 12, 0, tzinfo=UTC)


def incident(text: str, published: datetime = FRIDAY):  # type: ignore[no-untyped-def]
    a = extract(text, published_at=published)
    assert a.incident is not None, a.notes
    return a.incident


def local(inc) -> datetime:  # type: ignore[no-untyped-def]
    assert inc.timezone
    return inc.occurred_at.astimezone(ZoneInfo(inc.timezone))


# -- headline and front matter ------------------------------------------------------------------
def test_front_matter_lines() -> None:
    for line in [
        "PRESS RELEASE",
        "For immediate release",
        "By Jane Roe",
        "By Jane Roe and Tom Poe, Reuters",
        "Published On 3 Mar 2024",
        "Updated: 12 May 2024 10:30 GMT",
        "7 March 2024",
        "Thursday, March 7, 2024",
        "PR No. 2024-112",
        "February 13, 2025 2:37 PM GMT+2",
        "13 February 2025, 14:37 UTC",
        "For reference:",
    ]:
        assert front_matter(line), line
    for line in [
        "Gunmen kill five in attack on market",
        "By Monday, the toll had risen to 12.",
        "By the evening, the office said a third person had died.",
    ]:
        assert not front_matter(line), line


def test_press_release_headline_skips_the_issuer_block() -> None:
    text = (
        "PRESS RELEASE\n"
        "4th Mountain Brigade, National Army\n"
        "Camp Verde, Port Aldo, Eastland\n"
        "PR No. 2024-112\n"
        "07 March 2024\n\n"
        "Two soldiers wounded in clash with rebels near the border\n\n"
        "Troops clashed with armed rebels in Mali on Thursday, March 7, 2024, the brigade said.\n"
    )
    a = extract(text, published_at=FRIDAY)
    assert a.source.title == "Two soldiers wounded in clash with rebels near the border"
    assert a.incident is not None
    assert a.incident.title == a.source.title


def test_bylines_before_the_headline_are_skipped() -> None:
    text = (
        "By Jane Roe\n"
        "7 March 2024\n\n"
        "Rockets hit fuel depot in Kharkiv\n\n"
        "Rockets struck a fuel depot in Kharkiv on Thursday, officials said.\n"
    )
    a = extract(text, published_at=FRIDAY)
    assert a.source.title == "Rockets hit fuel depot in Kharkiv"


def test_a_long_byline_is_not_body_text() -> None:
    text = (
        "Rockets hit fuel depot in Kharkiv\n\n"
        "Published On 8 Mar 2024 10:30 GMT\n\n"
        "Rockets struck a fuel depot in Kharkiv on Thursday, officials said.\n"
    )
    inc = incident(text)
    assert inc.occurred_at_precision is TimePrecision.day
    assert local(inc).date().isoformat() == "2024-03-07"


# -- times ----------------------------------------------------------------------------------
def test_time_with_a_weekday_and_full_date_in_one_sentence() -> None:
    inc = incident(
        "Clash reported in Mali\n\n"
        "Soldiers clashed with gunmen in Mopti at about 6:00 a.m. on Thursday, March 7, 2024, the army said.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert (local(inc).date().isoformat(), local(inc).hour) == ("2024-03-07", 6)


def test_hedged_time_to_the_minute_is_exact_and_local() -> None:
    inc = incident(
        "Drone attack on ship off Aden\n\n"
        "A drone struck a cargo ship in Aden at about 14:25 local time (11:25 GMT) on Tuesday, the agency said.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.exact
    assert (local(inc).hour, local(inc).minute) == (14, 25)


def test_hedged_time_on_a_quarter_hour_is_read_to_the_hour() -> None:
    inc = incident(
        "Roadside bomb in Abyan\n\n"
        "A roadside bomb hit an army patrol in Aden at around 7:15 a.m. (0415 GMT) on Tuesday, a spokesman said.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert local(inc).hour == 7


def test_noon_local_time() -> None:
    inc = incident(
        "Car bomb in Mosul\n\n"
        "A car bomb exploded in Mosul shortly before noon local time (09:00 GMT) on Wednesday.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert local(inc).hour == 12


def test_afternoon_is_not_noon() -> None:
    inc = incident("Shelling in Kharkiv\n\nShelling hit Kharkiv on Wednesday afternoon, officials said.\n")
    assert inc.occurred_at_precision is TimePrecision.day


def test_the_time_of_a_post_is_not_the_event_time() -> None:
    inc = incident(
        "Shelling in Kharkiv\n\n"
        "Russian forces shelled Kharkiv on Thursday morning, officials said.\n\n"
        "The governor posted the first details on Telegram at around 11 a.m., after the shells landed.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.day


def test_an_hour_after_the_event_is_counted_back() -> None:
    inc = incident(
        "Shelling in Kharkiv\n\n"
        "Russian forces shelled Kharkiv on Thursday morning, officials said.\n\n"
        "The governor posted the first details on Telegram at around 11 a.m., two hours after the shells landed.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert local(inc).hour == 9


def test_a_weekday_before_its_own_date_is_no_other_day() -> None:
    # Published a week later: "Friday" alone would be March 8, but it is the date's own weekday.
    inc = incident(
        "Air strike on monastery\n\nAn air strike hit a monastery in Sagaing, Myanmar, on March 1, killing 20 "
        "people.\n\nAt about 9.15am on Friday, March 1, residents heard aircraft approaching.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour  # "about" a quarter hour
    assert (local(inc).date().isoformat(), local(inc).hour) == ("2024-03-01", 9)


def test_the_day_a_statement_was_made_does_not_move_the_time_elsewhere() -> None:
    inc = incident(
        "Gunmen kill 20 in Katsina\n\nBandits killed 20 people in Pauwa, Katsina state, Nigeria, on Wednesday.\n\n"
        "The assailants stormed the village at about 11 p.m. on Wednesday and shot at residents, residents "
        "told reporters on Thursday.\n\n"
        "The attack took place at around 10:40 pm, the state prosecutor's office said in a statement on "
        "Thursday morning.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert (local(inc).date().isoformat(), local(inc).hour) == ("2024-03-06", 23)


def test_a_time_in_a_sentence_of_other_event_words() -> None:
    inc = incident(
        "IED kills eight\n\nMaoists killed eight soldiers in Dantewada, India, on Thursday, police said.\n\n"
        "The state has seen many such attacks.\n\nThe force's chief spoke to reporters.\n\n"
        "The jawans were returning to camp on the first day of a nationwide campaign when the Maoists set "
        "off the IED at around 3 pm.\n"
    )
    assert (inc.occurred_at_precision, local(inc).hour) == (TimePrecision.hour, 15)


def test_a_gmt_time_where_gmt_is_local_time() -> None:
    inc = incident(
        "Pipe bomb thrown at patrol car\n\nA pipe bomb exploded beside a police car in Belfast, "
        "Northern Ireland, at about 23:20 GMT on Thursday, police said.\n"
    )
    assert inc.timezone == "Europe/London"
    assert (inc.occurred_at_precision, local(inc).hour, local(inc).minute) == (TimePrecision.exact, 23, 20)


def test_a_page_stamp_and_a_death_s_time_are_not_the_event_time() -> None:
    inc = incident(
        "Fire at mosque was arson\n\nBy Jane Roe · Posted: Mar 8, 2024 2:47 PM EST\n\n"
        "Gunmen attacked a mosque in Tulsa on Thursday, police said.\n\n"
        "One of the wounded died in hospital shortly after 3 p.m. on Thursday.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.day


def test_a_time_in_words() -> None:
    inc = incident(
        "Shells hit market\n\nShells struck a market in El Fasher, Sudan, on Thursday, killing 12 people.\n\n"
        "The shells struck at around 10 in the morning, when the market was at its busiest.\n"
    )
    assert (inc.occurred_at_precision, local(inc).hour) == (TimePrecision.hour, 10)


def test_a_date_line_with_its_town_in_capitals_dates_the_story() -> None:
    inc = incident(
        "Shelling of market kills 31\n\nMay 19 - 2025 EL FASHER\n\nArtillery shells slammed into a market in "
        "El Fasher, Sudan, on Sunday morning, killing 31 people.\n",
        published=datetime(2025, 5, 19, tzinfo=UTC),
    )
    assert local(inc).date().isoformat() == "2025-05-18"


def test_a_dateline_of_a_town_and_its_country_in_brackets() -> None:
    inc = incident(
        "Inmates killed in prison riot\n\nCuenca (Ecuador), Aug 18 (EFE).- At least twelve inmates were killed "
        "in a riot that broke out on Sunday night at the Turi prison, the minister said.\n",
        published=datetime(2025, 8, 18, 15, 42, tzinfo=UTC),
    )
    assert local(inc).date().isoformat() == "2025-08-17"


def test_a_dateline_of_two_towns_and_a_gmt_time_where_gmt_is_local() -> None:
    inc = incident(
        "Press release\n\nOuagadougou/Djibo, 8 March 2024 – Jihadists attacked an army post in Djibo, Burkina "
        "Faso, last night, killing eight soldiers.\n\nThe attack began shortly after 2300 GMT, according to a "
        "statement read out on state broadcaster RTB on Friday.\n",
    )
    assert (local(inc).date().isoformat(), inc.occurred_at_precision) == ("2024-03-07", TimePrecision.hour)
    assert local(inc).hour == 23


def test_a_time_in_words_with_minutes_and_no_at() -> None:
    inc = incident(
        "Gunmen kill six\n\nGunmen killed six people in a billiards hall in El Tambo, Colombia, on Thursday.\n\n"
        "The attack took place around 1:30 in the morning, when the victims were watching football.\n"
    )
    assert (local(inc).hour, inc.occurred_at_precision) == (1, TimePrecision.hour)


def test_a_statement_issued_in_the_early_hours_of_the_next_day_keeps_the_time() -> None:
    inc = incident(
        "Drone hits gas field\n\nAn explosive-laden drone struck the Khor Mor gas field in Chamchamal, Iraq, "
        "late on Wednesday.\n\nThe drone hit the field at 11:50 pm, the interior ministry said in a statement "
        "issued in the early hours of Thursday.\n"
    )
    assert (local(inc).date().isoformat(), local(inc).hour, local(inc).minute) == ("2024-03-06", 23, 50)


def test_an_update_stamp_and_a_charge_s_day_are_not_the_event_s() -> None:
    inc = incident(
        "Deputy wounded in traffic stop shooting\n\nUPDATED March 8, 2024, 2:30 p.m.: A driver opened fire on "
        "deputies during a traffic stop in Monroe, Louisiana, on Tuesday night.\n\n"
        "A second man was charged Thursday night with helping him.\n"
    )
    assert local(inc).date().isoformat() == "2024-03-05"


def test_a_date_line_of_several_towns() -> None:
    inc = incident(
        "Gunmen attack aid convoy\n\nMarch 8 - 2024 KUTUM / TAWILA / PORT SUDAN\n\nGunmen attacked an aid "
        "convoy near Kutum, Sudan, on Wednesday, killing two drivers.\n",
    )
    assert local(inc).date().isoformat() == "2024-03-06"


def test_a_long_published_and_updated_line_and_a_time_things_resumed_are_not_the_event_time() -> None:
    inc = incident(
        "Workers torch vehicles\n\nPublished: Mar. 7, 2024 at 10:05 PM CDT | Updated: Mar. 8, 2024 at 2:15 PM "
        "CDT\n\nGarment workers set fire to vehicles in Gazipur, Bangladesh, on Thursday, police said.\n\n"
        "Soldiers were deployed and traffic on the highway resumed at around 8 p.m., police said.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.day


# -- places ---------------------------------------------------------------------------------
def test_an_unlisted_town_named_as_one() -> None:
    inc = incident(
        "Gunmen attack town in Mali\n\n"
        "Gunmen killed six civilians at the entrance to the town of Kalvoro in central Mali on Thursday.\n"
    )
    loc = inc.location
    assert loc is not None
    # The article calls it a town, so it is the city, though the gazetteer has no coordinates.
    assert (loc.name, loc.country_code, loc.precision, loc.city) == (
        "Kalvoro",
        "ML",
        GeoPrecision.city,
        "Kalvoro",
    )
    assert (loc.latitude, loc.longitude) == (None, None)


def test_a_city_the_gazetteer_lacks_after_any_country_adjective() -> None:
    inc = incident(
        "Fuel protest turns violent\n\n"
        "Protesters hurled stones at police in the Bolivian city of Villa Ingenio shortly after 3 p.m. on "
        "Wednesday.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.city, loc.country_code) == ("Villa Ingenio", "Villa Ingenio", "BO")
    assert inc.timezone == "America/La_Paz"
    assert local(inc).hour == 15


def test_an_apposition_names_the_village() -> None:
    inc = incident(
        "Gunmen kill six in northern Mali\n\n"
        "Gunmen killed six civilians in northern Mali on Thursday, officials said.\n\n"
        "The attackers rode into Tessilou, a fishing village in Gao region, shortly before dusk.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.country_code, loc.precision) == ("Tessilou", "ML", GeoPrecision.city)


def test_a_town_people_fled_to_is_not_the_scene() -> None:
    inc = incident(
        "Gunmen kill six in northern Mali\n\n"
        "Gunmen killed six civilians in northern Mali on Thursday, officials said.\n\n"
        "Survivors fled to the nearby town of Tessilou, a trading town in Gao region.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.precision) == ("Mali", GeoPrecision.country)


def test_the_hinterlands_of_a_town_are_a_region_of_the_named_country() -> None:
    inc = incident(
        "Soldiers clash with rebels\n\n"
        "Philippine Army troops clashed with rebels in the hinterlands of Nyamasi, Upper Samar, on Thursday.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.country_code, loc.precision, loc.city) == (
        "Nyamasi",
        "PH",
        GeoPrecision.region,
        None,
    )
    assert inc.timezone == "Asia/Manila"


def test_a_small_namesake_abroad_is_not_the_place() -> None:
    # GeoNames has a town called Samar in Ukraine; the story is about the Philippines.
    inc = incident(
        "Soldiers clash with rebels in Northern Samar\n\n"
        "Philippine troops clashed with rebels on Thursday, the army said.\n"
    )
    assert inc.location is None or inc.location.country_code != "UA"


def test_direction_and_a_metropolis_is_the_city() -> None:
    inc = incident(
        "Students clash with police\n\n"
        "Rioters hurled stones at police in central Dhaka on Tuesday, witnesses said.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.country_code, loc.precision) == ("Dhaka", "BD", GeoPrecision.city)


def test_direction_and_a_smaller_city_stays_a_region() -> None:
    inc = incident("Air strike hits school\n\nAn air strike hit a school in central Gaza on Thursday.\n")
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.precision, loc.city) == ("central Gaza", GeoPrecision.region, None)


def test_short_direction_and_a_town_is_the_town() -> None:
    # "north Tulsa" is a part of Tulsa; "northern" would be the land around it.
    inc = incident(
        "Man shot by police\n\nA man was shot dead by police during a traffic stop in north Tulsa on Thursday.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.country_code, loc.precision) == ("Tulsa", "US", GeoPrecision.city)


def test_direction_and_a_town_named_for_its_region_stays_the_region() -> None:
    inc = incident(
        "Air strike on village\n\nAn air strike hit a village in central Sagaing on Thursday, killing five "
        "people.\n\nFighting has raged across the Sagaing Region for months.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.city, loc.precision) == ("central Sagaing", None, GeoPrecision.region)


def test_a_district_of_a_town_is_in_the_town() -> None:
    inc = incident(
        "Bomb kills two\n\nA motorcycle bomb exploded outside a tea shop in Yala's Mueang district on "
        "Thursday, killing two people.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.country_code) == ("Yala", "TH")


def test_a_town_the_article_calls_one_is_not_the_district_of_its_name() -> None:
    # "Nikopol district" is shelled too, but the mayor makes Nikopol the town.
    inc = incident(
        "Drone hits bus\n\nA Russian drone hit a bus in Nikopol on Thursday, killing two people.\n\n"
        "Nikopol Mayor Oleksandr Sayuk said the bus was carrying workers. Russian forces also shelled the "
        "Nikopol district with artillery.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.precision) == ("Nikopol", GeoPrecision.city)


def test_an_institutions_district_is_not_the_area() -> None:
    inc = incident(
        "Prison attacked\n\nGunmen attacked the prison in Ndop, Cameroon, on Thursday, killing two "
        "guards.\n\nThe wounded were taken to the Ndop district hospital.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.precision) == ("Ndop", GeoPrecision.city)


def test_the_capital_then_a_comma_names_the_town() -> None:
    inc = incident(
        "Police in Mozambique fire on protest\n\nPolice in Mozambique fired live ammunition at protesters "
        "in the capital, Maputo, on Wednesday, killing seven people.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.country_code) == ("Maputo", "MZ")


def test_a_dateline_with_a_short_word() -> None:
    inc = incident(
        "Three dead in police shooting\n\nRIO DE JANEIRO, BRAZIL – Three people were shot dead when "
        "officers opened fire during a street party on Sunday.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.city, loc.country_code) == ("Rio de Janeiro", "Rio de Janeiro", "BR")


def test_a_sentence_naming_the_country_again_may_narrow_it() -> None:
    inc = incident(
        "Suicide bombers kill 18 at Nigeria cattle market\n\nAt least 18 people were killed on Sunday when "
        "two suicide bombers blew themselves up at a cattle market in Damboa, in northeast Nigeria's Borno "
        "state, a militia leader said.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.country_code) == ("Damboa", "NG")


def test_a_country_of_several_words_makes_its_small_town_no_namesake() -> None:
    inc = incident(
        "Attack on displacement site\n\nArmed men attacked a site hosting displaced people in Zemio, in the "
        "Central African Republic's Haut-Mbomou prefecture, on Sunday night, killing seven people.\n\n"
        "Many of them had fled the war in Sudan.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.country_code) == ("Zemio", "CF")


def test_a_people_s_adjective_before_village_is_no_place() -> None:
    inc = incident(
        "Gunmen kill 11 in attack on Nigerian village\n\nGunmen killed 11 people in an attack on the village of "
        "Kadawa in Zamfara state on Tuesday, police said.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.country_code) == ("Kadawa", "NG")


def test_country_possessive_town_by_its_alternate_name() -> None:
    inc = incident(
        "Car bomb kills four in northern Iraq's Sinjar\n\n"
        "A car bomb exploded at a market on Thursday, killing four people, police said.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.city, loc.country_code, loc.precision) == (
        "Sinjar",
        "Sinjar",
        "IQ",
        GeoPrecision.city,
    )
    assert loc.latitude is not None


def test_at_sea_off_a_port_is_a_region_of_its_country() -> None:
    inc = incident(
        "Drone attack on cargo ship\n\n"
        "Yemen's Houthis attacked a cargo ship with drones on Tuesday, 40 nautical miles west of the port of "
        "Qalamat, the agency said.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.country_code, loc.precision, loc.city) == ("YE", GeoPrecision.region, None)


def test_small_town_alternate_names_need_the_country() -> None:
    g = gazetteer()
    assert g.city("Sinjar") is None
    found = g.city("Sinjar", frozenset({"IQ"}))
    assert found is not None
    assert (found.name, found.country_code) == ("Sinjar", "IQ")
    # Alternate names of small towns that are also English words count only in their country.
    assert g.city("Market", frozenset({"IQ"})) is None
    # Another country's city by an old spelling is no match in a story about another country.
    mombasa = g.city("Mambasa")
    assert mombasa is not None
    assert mombasa.country_code == "KE"
    assert g.city("Mambasa", frozenset({"CD"})) is None
    # A name with accents GeoNames keeps without them ("Juárez" among Ciudad Juárez's names), named as
    # the article spells it
    assert g.city("Martínez") is None
    juarez = g.city("Juárez", frozenset({"MX"}))
    assert juarez is not None
    assert (juarez.name, juarez.country_code) == ("Juárez", "MX")


# -- event type -----------------------------------------------------------------------------
def test_crowd_control_weapons_make_no_grenade_attack() -> None:
    inc = incident(
        "Police disperse students\n\n"
        "Police fired tear gas and stun grenades at stone-throwing students in Nairobi on Tuesday.\n"
    )
    assert inc.event_type in (EventType.riots, EventType.protests)
    assert inc.sub_event_type is not SubEventType.grenade


def test_protesters_with_tear_gas_is_a_protest_with_intervention() -> None:
    inc = incident(
        "Police disperse march\n\n"
        "Police fired tear gas and sound grenades to disperse a peaceful march in Nairobi on Tuesday.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (
        EventType.protests,
        SubEventType.protest_with_intervention,
    )


def test_a_grenade_attack_without_a_crowd_is_still_a_grenade() -> None:
    inc = incident("Grenade attack in Kabul\n\nA man threw a grenade into a shop in Kabul on Tuesday.\n")
    assert inc.sub_event_type is SubEventType.grenade


def test_abduction_with_killings_is_an_attack() -> None:
    inc = incident(
        "Gunmen abduct dozens, kill 12 in Mali\n\n"
        "Gunmen abducted dozens of villagers and killed 12 in Mopti on Thursday, officials said.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_abduction_alone_stays_an_abduction() -> None:
    inc = incident(
        "Gunmen abduct 20 in Mali\n\nGunmen abducted 20 villagers in Mopti on Thursday, officials said.\n"
    )
    assert inc.sub_event_type is SubEventType.abduction_forced_disappearance


# -- claim status ---------------------------------------------------------------------------
def test_a_denial_about_earlier_attacks_is_not_a_denial_of_this_one() -> None:
    inc = incident(
        "Car bomb in Mosul\n\n"
        "A car bomb exploded in Mosul on Thursday, killing four people, police said.\n\n"
        "The city has been hit by a series of bombings in recent years, many of them blamed on rebels, "
        "who deny involvement.\n"
    )
    assert inc.claim_status is not ClaimStatus.denied


def test_a_denial_of_this_attack_still_counts() -> None:
    inc = incident(
        "Car bomb in Mosul\n\n"
        "A car bomb exploded in Mosul on Thursday, killing four people, police said.\n\n"
        "The rebels denied any involvement in the bombing.\n"
    )
    assert inc.claim_status is ClaimStatus.denied


def test_a_claim_for_the_attack_beats_a_background_denial() -> None:
    inc = incident(
        "Car bomb in Mosul\n\n"
        "A car bomb exploded in Mosul on Thursday, killing four people, police said.\n\n"
        "The Islamic State group claimed responsibility for the attack.\n\n"
        "The city has been hit by a series of bombings in recent years, many of them blamed on rebels, "
        "who deny involvement.\n"
    )
    assert inc.claim_status is ClaimStatus.claimed


def test_rejecting_the_account_is_a_denial() -> None:
    inc = incident(
        "Shelling in Kharkiv\n\n"
        "Russian forces shelled Kharkiv on Thursday, officials said.\n\n"
        "Russia's defence ministry rejected the Ukrainian account of the attack.\n"
    )
    assert inc.claim_status is ClaimStatus.denied


def test_a_named_district_of_a_city_is_the_city() -> None:
    inc = incident(
        "Clashes erupt\n\nClashes erupted on Thursday in the Dniprovskyi district of Kherson, officials said.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.city, loc.country_code) == ("Kherson", "UA")


def test_a_capital_in_apposition_does_not_move_the_scene() -> None:
    inc = incident(
        "Bombing kills five\n\n"
        "A bomb exploded at a market in northern Nigeria on Thursday, police said.\n\n"
        "The president condemned the attack in Abuja, the capital, on Friday.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.country_code, loc.precision) == ("NG", GeoPrecision.country)


# -- session 12, second round ---------------------------------------------------------------------
def test_a_kind_of_place_after_an_adjective_and_no_name_over_a_line_break() -> None:
    inc = incident(
        "Gunmen kill five in attack on bar in central Mexico\n\n"
        "LEON, Mexico (AP) — Armed men opened fire in a bar in the central Mexican city of Irapuato late "
        "on Wednesday, killing five people, officials said."
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("Irapuato", "MX")


def test_a_date_the_officials_spoke_on_is_not_the_events() -> None:
    inc = incident(
        "Militants attack bus in Pakistan\n\n"
        "Militants stopped a bus near Quetta on Wednesday night and shot dead six passengers, officials "
        "said on Thursday, March 7.",
        published=datetime(2024, 3, 7, 12, 0, tzinfo=UTC),
    )
    assert local(inc).date() == datetime(2024, 3, 6).date()


def test_a_place_the_lead_names_beats_the_dateline() -> None:
    inc = incident(
        "Troops kill militants in battle\n\n"
        "February 13, 2025 2:37 PM GMT+2\n\n"
        "MAPUTO, Feb 13 (Reuters) - Mozambican troops killed 20 militants in a battle on Tuesday near the "
        "village of Nkonga in the northern province, the defence ministry said.\n",
        published=datetime(2025, 2, 13, 12, 37, tzinfo=UTC),
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.country_code) == ("Nkonga", "MZ")
    assert (local(inc).date().isoformat(), inc.occurred_at_precision) == ("2025-02-11", TimePrecision.day)
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)


def test_the_dateline_is_the_place_when_the_lead_names_none() -> None:
    inc = incident(
        "Blast in capital\n\nMAPUTO (Reuters) - A bomb exploded at a market on Tuesday, police said.\n"
    )
    assert inc.location is not None
    assert inc.location.city == "Maputo"


def test_the_first_words_of_a_longer_name_are_no_town_abroad() -> None:
    # GeoNames knows "Cabo" as another name of a Brazilian city; here it begins a Mozambican province.
    inc = incident(
        "Mozambique says troops killed 27 insurgents in Cabo Delgado battle\n\n"
        "Troops fought insurgents on Tuesday, the ministry said.\n"
    )
    assert inc.location is None or inc.location.country_code == "MZ"


def test_a_battle_needs_armed_parties() -> None:
    assert (
        extract("Firm loses legal battle\n\nThe company lost a long legal battle on Tuesday.\n").incident
        is None
    )
    inc = incident("Heavy fighting\n\nThe fighting between soldiers and rebels lasted all of Tuesday.\n")
    assert inc.event_type is EventType.battles


def test_clashes_between_protesters_and_police_are_no_battle() -> None:
    inc = incident(
        "Deadly clashes as fuel protest turns violent\n\n"
        "Stone-throwing protesters fought running battles with police in Lima on Wednesday.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.riots, SubEventType.violent_demonstration)


# -- roles --------------------------------------------------------------------------------------
def roles(text: str) -> set[tuple[str, str, str]]:
    a = extract(text, published_at=FRIDAY)
    names = {x.key: x.name for x in a.actors}
    return {(names[r.actor], r.role.value, r.confidence.value) for r in a.roles}


def test_a_state_s_drone_attack_as_someone_tells_it_is_alleged() -> None:
    found = roles(
        "Drone attack kills one\n\n"
        "A Ukrainian drone attack on the city of Belgorod killed one person on Thursday, Governor Ivan Petrov "
        "said.\n"
    )
    assert ("Ukraine", "perpetrator", "alleged") in found


def test_an_attack_on_a_state_s_city_does_not_target_the_state() -> None:
    found = roles(
        "Drone attack on Russia's Belgorod kills one\n\n"
        "Debris from a drone fell on a house in Belgorod on Thursday, killing one person, officials said.\n"
    )
    assert not any(role == "target" and name == "Russia" for name, role, _ in found)


def test_an_official_in_apposition_who_condemned_and_ordered_responded() -> None:
    found = roles(
        "Bomb hits bus\n\n"
        "A roadside bomb hit a bus in Quetta on Thursday, killing six people.\n\n"
        "The province's chief minister, Amir Khan, condemned the bombing and ordered an inquiry.\n"
    )
    assert ("Amir Khan", "responder", "confirmed") in found


def test_a_riot_s_crowd_is_its_perpetrator_named_as_acled_names_it() -> None:
    found = roles(
        "Fuel protest turns violent\n\n"
        "Stone-throwing demonstrators fought running battles with police in La Paz on Thursday.\n"
    )
    assert ("Protesters (Bolivia)", "perpetrator", "confirmed") in found


def test_a_peaceful_protest_names_no_crowd_actor() -> None:
    found = roles("Thousands march\n\nThousands of protesters marched peacefully in La Paz on Thursday.\n")
    assert not any(name.startswith("Protesters") for name, _, _ in found)


# -- round 2: places, dates and roles from a second set of blind articles -------------------------
def test_a_dateline_with_a_colon_and_a_title_that_is_a_town_abroad() -> None:
    inc = incident(
        "Labourers shot dead\n\n"
        "TURBAT: Gunmen shot dead eleven labourers at a camp in Sheikhan district late on Saturday, the "
        "Deputy Superintendent of Police said.\n",
        published=datetime(2025, 2, 16, 6, tzinfo=UTC),
    )
    loc = inc.location
    assert loc is not None
    # "Police" is a town in Poland; "Sheikhan" is no town the gazetteer knows: an area of Turbat's country.
    assert (loc.name, loc.country_code, loc.city, loc.precision) == (
        "Sheikhan",
        "PK",
        None,
        GeoPrecision.region,
    )
    assert inc.timezone == "Asia/Karachi"


def test_a_territory_named_after_its_town_is_an_area() -> None:
    inc = incident(
        "Attack on camp\n\n"
        "Armed men attacked displaced people at a camp in Djugu territory on Tuesday night, killing 12.\n"
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.country_code, loc.city, loc.precision) == ("Djugu", "CD", None, GeoPrecision.region)
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_a_title_case_dateline_does_not_date_the_event() -> None:
    inc = incident(
        "Coordinator condemns attack\n\n"
        "Kinshasa, 13 March 2025 – The coordinator condemns the attack by armed men on a displacement site "
        "in Ituri on the night of 11 to 12 March 2025.\n",
        published=datetime(2025, 3, 13, 10, tzinfo=UTC),
    )
    assert inc.occurred_at.date().isoformat() == "2025-03-12"


def test_a_military_saying_its_jets_struck_claims_the_strike() -> None:
    a = extract(
        "Strike on camp\n\nAn air strike hit a house in Sidon on Tuesday, killing four people.\n\n"
        "The Israeli military said in a statement that its fighter jets had struck a militant commander who "
        "was directing attacks against Israel.\n",
        published_at=FRIDAY,
    )
    assert a.incident is not None
    assert a.incident.claim_status is ClaimStatus.claimed
    names = {x.key: x.name for x in a.actors}
    found = {(names[r.actor], r.role.value) for r in a.roles}
    assert ("Israeli military", "claimant") in found
    assert not any(role == "target" for _, role in found)  # "attacks against Israel" are other attacks


def test_a_grenade_thrown_over_an_embassy_fence_targets_the_embassy_and_an_accused_organiser() -> None:
    found = roles(
        "Grenade at embassy\n\n"
        "A hand grenade was thrown over the fence of the Turkish embassy in Stockholm early on Thursday, "
        "police said.\n\n"
        "The ministry said the attack was organised by the Kurdistan Workers' Party (PKK).\n"
    )
    assert any(role == "target" and "embassy" in name.lower() for name, role, _ in found)
    assert ("Kurdistan Workers' Party", "perpetrator", "alleged") in found


def test_officials_suspecting_a_banned_group_name_a_suspect() -> None:
    found = roles(
        "Labourers killed\n\n"
        "Gunmen shot dead six labourers in Turbat on Saturday. No group claimed the attack, but officials "
        "suspect the banned Baloch Liberation Front (BLF).\n"
    )
    assert ("Baloch Liberation Front", "perpetrator", "suspected") in found


def test_the_agency_of_the_dateline_is_a_reporter() -> None:
    found = roles(
        "Blast in Goma\n\nGOMA, Congo (AFP) - A bomb exploded at a market in Goma on Thursday, killing three people.\n"
    )
    assert ("Agence France-Presse", "reporter", "confirmed") in found


def test_a_letterhead_above_the_release_marker_is_not_the_headline() -> None:
    inc = incident(
        "UNITED NATIONS\nOffice for the Coordination of Humanitarian Affairs (OCHA)\n\n"
        "PRESS RELEASE\nFOR IMMEDIATE RELEASE\n\n"
        "Coordinator condemns deadly attack on camp in Ituri\n\n"
        "Armed men attacked displaced people at a camp in Djugu territory on Tuesday night, killing 12.\n"
    )
    assert inc.title == "Coordinator condemns deadly attack on camp in Ituri"


# -- round 3 ------------------------------------------------------------------------------------
def test_a_drone_that_struck_a_car_is_a_drone_strike() -> None:
    inc = incident(
        "Drone hits TV crew\n\nA Russian drone struck a car carrying a television crew near Kramatorsk on "
        "Thursday, officials said.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (
        EventType.explosions_remote_violence,
        SubEventType.air_drone_strike,
    )


def test_a_gunfight_and_an_encounter_are_battles() -> None:
    for text in (
        "Jawan killed\n\nA jawan was killed in a fierce gunfight with Maoists in the forest on Friday morning.\n",
        "Five Maoists killed in Sukma encounter\n\nPolice said the operation ended on Friday.\n",
    ):
        assert incident(text).event_type is EventType.battles


def test_a_town_the_story_calls_a_district_is_the_district() -> None:
    inc = incident(
        "Five Maoists gunned down in Bijapur encounter\n\n"
        "Sanjay Tiwari / TNN / Mar 9, 2024, 04:36 IST\n\n"
        "RAIPUR: A jawan was killed in a gunfight with Maoists in Chhattisgarh's Bijapur district on Friday "
        "morning, police said.\n",
        published=datetime(2024, 3, 9, 4, 36, tzinfo=ZoneInfo("Asia/Kolkata")),
    )
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.country_code, loc.city, loc.precision) == (
        "Bijapur",
        "IN",
        None,
        GeoPrecision.region,
    )
    # The byline's date is the story's; "on Friday morning" is the day before.
    assert local(inc).date().isoformat() == "2024-03-08"


def test_the_official_who_says_it_was_hit_is_not_the_target() -> None:
    found = roles(
        "Drone hits car\n\nA drone struck a car near Kramatorsk on Thursday.\n\n"
        "Governor Vadym Petrenko said the car was hit by a first-person-view drone.\n"
    )
    assert not any(role == "target" and name == "Vadym Petrenko" for name, role, _ in found)


# -- round 4 ------------------------------------------------------------------------------------
def test_a_capital_after_its_country_s_possessive() -> None:
    inc = incident(
        "Suicide attack on restaurant\n\nA suicide bomber blew up a car at a restaurant in Somalia's capital "
        "Mogadishu on Friday evening, police said.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.timezone) == ("Mogadishu", "Africa/Mogadishu")


def test_jihadists_attacking_an_army_post_near_a_border_is_a_battle_on_this_side() -> None:
    inc = incident(
        "Junta says 11 soldiers killed in jihadist attack on army post near Mali border\n\n"
        "Jihadists killed 11 Nigerien soldiers in an attack on an army post in the Tillaberi region on "
        "Tuesday, the defence ministry said.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)
    loc = inc.location
    assert loc is not None
    assert (loc.country_code, loc.city, loc.precision) == ("NE", None, GeoPrecision.region)


def test_a_state_named_first_is_narrowed_by_a_town_the_article_calls_one() -> None:
    inc = incident(
        "Gunmen kill 12 at bar in central Mexico's Guanajuato state\n\n"
        "Gunmen opened fire inside a bar late Saturday, killing 12 people, prosecutors said.\n\n"
        "The attack happened at a bar on the outskirts of Salamanca, an industrial city.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("Salamanca", "MX")


def test_a_knife_attack_is_an_attack() -> None:
    inc = incident("Two killed in knife attack at Munster market\n\nPolice detained a man on Saturday.\n")
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_a_town_whose_name_opens_with_an_arabic_article() -> None:
    inc = incident(
        "Roadside bomb kills six\n\nA roadside bomb hit a truck on the outskirts of the town of al-Busayrah in "
        "eastern Syria on Wednesday, killing six people, a monitor said.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("al-Busayrah", "SY")


def test_a_village_in_a_country_of_several_zones_takes_a_nearby_town_s() -> None:
    inc = incident(
        "Rebels attack village\n\nRebels stormed Kalunguta, a farming village south of the city of Beni, at "
        "around 9 p.m. Sunday, killing at least 40 civilians in eastern Congo.\n"
    )
    assert inc.location is not None
    assert (inc.location.name, inc.location.country_code, inc.timezone) == (
        "Kalunguta",
        "CD",
        "Africa/Lubumbashi",
    )


def test_a_coastal_city_of_x_and_a_town_some_km_away() -> None:
    inc = incident(
        "Prison riot\n\nInmates rioted on Thursday in Ecuador, officials said.\n\n"
        "The violence broke out in the prison in the coastal city of Machala, the prison agency said.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("Machala", "EC")
    near = incident(
        "Convoy ambushed\n\nGunmen ambushed a convoy about 20 km (12 miles) east of the town of Koui in the "
        "Central African Republic on Tuesday, killing a peacekeeper.\n"
    )
    assert near.location is not None
    assert (near.location.name, near.location.city, near.location.precision) == (
        "Koui",
        None,
        GeoPrecision.region,
    )


# -- blind sets K/L/M ---------------------------------------------------------------------------
def test_gang_members_shooting_residents_is_an_attack() -> None:
    inc = incident(
        "Gangs kill nine in raid on suburb\n\nArmed gangs stormed a suburb overnight, shooting residents "
        "and setting cars on fire, the police chief said on Thursday.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_firing_at_a_shop_is_an_attack() -> None:
    inc = incident(
        "Three held for firing at bakery\n\nPolice detained three men for allegedly firing at a bakery on "
        "Friday night, wounding the baker.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_opening_fire_on_army_positions_is_an_armed_clash() -> None:
    inc = incident(
        "Soldier killed on border\n\nThe ministry said on Tuesday that a soldier had been killed when the "
        "neighbouring country's forces opened fire on its army positions along the border.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)


def test_a_fact_box_of_bullets_does_not_push_the_lede_out_of_the_lead() -> None:
    inc = incident(
        "Grenade blast at bus stop kills two\n\n"
        "* Death toll climbs\n\n* Police hunt suspects\n\n* Governor orders inquiry\n\n"
        "MANILA, March 8 (Reuters) - A bomb exploded at a bus stop in the northern town of Talitay Baru in the "
        "Philippines on Thursday morning, killing two people, police said.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("Talitay Baru", "PH")


def test_ap_style_days_without_on() -> None:
    inc = incident(
        "Gangs kill nine\n\nArmed gangs stormed a suburb of Culiacan, Mexico, shooting residents, the "
        "police chief said Thursday.\n\nThe raid started around 10 p.m. Wednesday and ended at dawn.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert (local(inc).date().isoformat(), local(inc).hour) == ("2024-03-06", 22)


def test_the_day_a_toll_rose_is_not_the_event_s() -> None:
    inc = incident(
        "Toll climbs in roadside bomb attack on convoy in Baghdad\n\n"
        "The number of dead from a roadside bomb that hit a convoy rose to five on Friday, a medic said.\n\n"
        "The bomb went off at around 8:00 p.m. on Wednesday on a road.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert (local(inc).date().isoformat(), local(inc).hour) == ("2024-03-06", 20)


def test_an_arrest_day_and_a_gmt_date_are_not_the_event_s() -> None:
    inc = incident(
        "Three held for firing at bakery\n\nPolice on Thursday detained three men for allegedly firing at a "
        "bakery in Kabul, Afghanistan, on Monday night.\n"
    )
    assert local(inc).date().isoformat() == "2024-03-04"
    inc = incident(
        "Bomb in Bogota\n\nA bomb exploded in Bogota, Colombia, on Monday night.\n\n"
        "The explosion, just after 8 p.m. local time (0100 GMT on Tuesday), damaged a row of shops.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert (local(inc).date().isoformat(), local(inc).hour) == ("2024-03-04", 20)


def test_a_burial_day_and_a_time_things_ended_are_not_the_event_s() -> None:
    inc = incident(
        "Bandits kill nine villagers in Gusau, Nigeria\n\n"
        "Relatives buried the victims behind the mosque on Thursday morning.\n\n"
        "For one trader, Tuesday night is a night he cannot forget.\n\n"
        '"The gunfire went on until midnight. Nobody slept," he said.\n\n'
        '"The trucks arrived at about 10pm. Then the shooting began," he said.\n'
    )
    assert inc.occurred_at_precision is TimePrecision.hour
    assert (local(inc).date().isoformat(), local(inc).hour) == ("2024-03-05", 22)


def test_a_live_page_dates_its_event_by_its_own_day_and_an_at_24_hour_time() -> None:
    inc = incident(
        "LIVE: Bomb kills four in Adana, Turkey\n\nAll times are in GMT.\n\n"
        "20:15\nMinister visits the wounded\n\nPolice said two people were killed in the explosion, which "
        "occurred at 08:45.\n\n"
        "The bombing came a week after a raid near Izmir on March 1, in which three people were killed.\n"
    )
    assert inc.occurred_at_precision is TimePrecision.exact
    assert (local(inc).date().isoformat(), local(inc).hour, local(inc).minute) == ("2024-03-08", 8, 45)


def test_a_town_is_named_as_the_article_spells_it_without_geonames_apostrophe() -> None:
    place = gazetteer().city("Fada Ngourma", frozenset(["BF"]))
    assert place is not None
    assert (place.name, place.country_code) == ("Fada Ngourma", "BF")


def test_a_town_with_a_compass_word_after_it_is_the_district_named_after_it() -> None:
    inc = incident("Three held for firing at bakery in Kabul East\n\nPolice detained three men on Friday.\n")
    loc = inc.location
    assert loc is not None
    assert (loc.name, loc.city, loc.country_code, loc.precision) == (
        "Kabul East",
        None,
        "AF",
        GeoPrecision.region,
    )
    assert inc.timezone == "Asia/Kabul"


def test_a_name_the_text_calls_a_settlement_in_a_later_paragraph() -> None:
    inc = incident(
        "Bandits kill nine villagers in Nigeria\n\n"
        "Smoke still hung over Kuryan Dutse on Friday as bandits rode away from the burnt huts, killing "
        "nine villagers.\n\nPolice confirmed the attack.\n\nResidents fled.\n\n"
        "Kuryan Dutse, a settlement of cattle herders in Zamfara State, lies near a forest.\n"
    )
    assert inc.location is not None
    assert (inc.location.name, inc.location.city, inc.location.country_code) == ("Kuryan Dutse", None, "NG")


def test_the_seat_of_an_area_is_a_town() -> None:
    inc = incident(
        "Gunmen attack police post in Nigeria\n\n"
        "Gunmen stormed a police post in Dikwagal, headquarters of Dikwagal Local Government Area, on Friday.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("Dikwagal", "NG")


def test_the_unnamed_town_of_the_lede_named_in_the_next_paragraph() -> None:
    inc = incident(
        "Gangs kill nine in Honduras\n\n"
        "Armed gangs stormed a mountain town west of Honduras's capital overnight, shooting residents, the "
        "mayor said on Friday.\n\nThe assault on San Lucerna began around 10 p.m. Thursday.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("San Lucerna", "HN")
    village = incident(
        "Gunmen kill worshippers in Nigeria\n\n"
        "Gunmen stormed a church in a farming village in Nigeria on Sunday, killing 12 worshippers.\n\n"
        "The attack on St. Anne's Church in Kwarmak left 12 dead, police said.\n"
    )
    assert village.location is not None
    assert (village.location.name, village.location.city) == ("Kwarmak", None)


def test_a_name_after_over_is_no_place_unless_the_text_calls_it_one() -> None:
    inc = incident("Protest march\n\nThousands marched on Saturday in protests over Rafah, police said.\n")
    assert inc.location is None or inc.location.city != "Rafah"


def test_a_claim_by_a_group_the_registry_may_not_know_and_another_group_s_denial() -> None:
    inc = incident(
        "Bomb at bus stop kills four; Ansar Tawhid claims attack\n\n"
        "A bomb exploded at a bus stop in Kaduna, Nigeria, on Thursday, killing four people.\n\n"
        "A spokesman for another armed group denied any involvement.\n"
    )
    assert inc.claim_status is ClaimStatus.claimed


def test_a_claim_through_a_statement_about_its_fighters() -> None:
    for sentence in (
        "The group's spokesman said in a statement on its channel late on Thursday that its forces had targeted "
        "a gathering of soldiers.",
        "A commander claimed that his fighters of the Northern Brigade carried out the attack.",
        "The state-run daily newspaper said on Friday that the military had carried out air operations in the area.",
        "The siege in Kaduna, claimed by the Qaeda-linked group Ansaru, lasted five hours.",
        "Ansaru, the Qaeda-affiliated group that has waged an insurgency for a decade, claimed responsibility.",
        "The military said one of its aircraft had struck a cell that was planting explosives.",
        "The military said its forces had been operating in the camp when gunmen opened fire on them.",
        "The Islamic State's local affiliate, which calls itself Sahel Province, claimed responsibility.",
        "Nigeria's army says it killed the commander who led the attack.",
    ):
        inc = incident(
            f"Missile hits camp\n\nA missile struck a camp in Kaduna, Nigeria, on Thursday.\n\n{sentence}\n"
        )
        assert inc.claim_status is ClaimStatus.claimed, sentence


def test_no_claim_yet_is_unclaimed() -> None:
    for sentence in (
        "No Maoist group has claimed responsibility so far.",
        "No outfit has claimed responsibility.",
        "Al-Shabab, which often fires mortars at the airport, has not yet claimed responsibility for the attack.",
        "Nobody has claimed responsibility.",
    ):
        inc = incident(
            f"Mortars hit houses\n\nMortar shells hit houses in Kaduna, Nigeria, on Thursday, killing four.\n\n{sentence}\n"
        )
        assert inc.claim_status is ClaimStatus.unclaimed, sentence


def test_an_earlier_attack_s_claim_and_a_manhunt_are_no_claim_of_this_one() -> None:
    inc = incident(
        "Bomb hits police van\n\nA bomb hit a police van in Bajaur, Pakistan, on Thursday, killing six people.\n\n"
        "In July 2023, a suicide bombing at a convention in Khar killed 63 people; the IS-K claimed that attack.\n\n"
        "The army said they had launched an operation to track down the attackers.\n\n"
        "The TTP denied any involvement.\n"
    )
    assert inc.claim_status is ClaimStatus.denied


def test_a_claim_of_an_earlier_attack_is_not_this_one_s() -> None:
    inc = incident(
        "Knife attack\n\nA man stabbed two people at a market in Hamburg, Germany, on Thursday.\n\n"
        "It came less than a year after a stabbing at a festival in another city, an attack later claimed by "
        "the Islamic State group.\n"
    )
    assert inc.claim_status is ClaimStatus.unknown


def test_denying_that_one_s_men_targeted_civilians_is_a_denial() -> None:
    inc = incident(
        "Gangs kill nine\n\nArmed gangs stormed a suburb of Culiacan, Mexico, on Thursday, shooting residents.\n\n"
        "The gang's leader denied in a video on Friday that his men had targeted civilians.\n"
    )
    assert inc.claim_status is ClaimStatus.denied


def test_firing_at_militants_is_a_clash_and_a_people_is_no_town() -> None:
    inc = incident(
        "Troops fire at militants\n\nTroops fired at suspected militants near Kaduna, Nigeria, on Thursday.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)
    inc = incident(
        "Gunmen kill herders\n\nGunmen stormed a village in Nigeria on Thursday, killing 12 villagers.\n\n"
        "The attack on Fulani herders drew condemnation, police said.\n"
    )
    assert inc.location is None or inc.location.name != "Fulani"


def test_said_with_a_possessive_day_is_the_event_s_day() -> None:
    inc = incident(
        "Bomb in Kabul\n\nThe police said Tuesday night's bomb attack in Kabul, Afghanistan, killed four people.\n"
    )
    assert local(inc).date().isoformat() == "2024-03-05"


def test_a_response_or_a_question_is_no_claim() -> None:
    for sentence in (
        "The army said in a statement that its troops had attacked the militants' hideouts in retaliation.",
        "It was not clear whether Ansar Tawhid claimed responsibility.",
    ):
        inc = incident(
            f"Bomb hits market\n\nA bomb exploded at a market in Kaduna, Nigeria, on Thursday.\n\n{sentence}\n"
        )
        assert inc.claim_status is ClaimStatus.unknown, sentence


def test_a_timestamp_or_a_numeric_date_dates_the_story() -> None:
    for stamp, day in (
        ("2024-03-08 10:35", "2024-03-07"),
        ("Published: 08/03/2024 - 11:48 (GMT)", "2024-03-07"),
        ("03/15/2024", "2024-03-14"),
    ):
        a = extract(
            f"Bomb kills two in Kabul\n\n{stamp}\n\nA bomb exploded in Kabul, Afghanistan, on Thursday.\n"
        )
        assert a.incident is not None, stamp
        assert local(a.incident).date().isoformat() == day, stamp


def test_an_acronym_after_attack_on_is_no_town() -> None:
    inc = incident(
        "Rebels attack base\n\nRebels stormed a town in eastern Congo on Thursday, killing 12 villagers.\n\n"
        "The attack on UNPKF drew condemnation.\n"
    )
    assert inc.location is None or inc.location.name != "UNPKF"


def test_a_lone_shooter_opening_fire_inside_a_church_is_an_attack() -> None:
    inc = incident(
        "A man opened fire inside a church in Leeds on Thursday, killing a "
        "priest and wounding three worshippers, police said."
    )
    assert inc.event_type is EventType.violence_against_civilians
    assert inc.sub_event_type is SubEventType.attack


@pytest.mark.parametrize(
    "text",
    [
        "A gunman wounded nine people at a birthday party in Tulsa on Saturday, police said.",
        "Gunfire at a birthday party in Tulsa on Saturday wounded nine people, police said.",
        "Nine people were wounded in a shooting at a birthday party in Tulsa on Saturday, police said.",
        "A murder inquiry is under way after a man died and five other people were injured following a "
        "disturbance in Aberdeen city centre on Sunday.",
        "A man died and four others were treated for stab wounds after a disturbance in Aberdeen on Sunday.",
    ],
)
def test_a_gunman_gunfire_a_shooting_stab_wounds_or_a_murder_inquiry_is_an_attack(text: str) -> None:
    inc = incident(text)
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_shells_that_slam_into_a_neighbourhood_are_shelling() -> None:
    inc = incident(
        "Shells slammed into a neighborhood of Taiz on Monday evening, killing at least 11 people."
    )
    assert inc.sub_event_type is SubEventType.shelling_artillery_missile_attack


def test_rebels_storming_a_hospital_is_an_attack() -> None:
    inc = incident(
        "Rebels stormed a hospital in the east of the country overnight, killing at least 21 people."
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_a_year_s_shootings_in_statistics_are_no_event() -> None:
    a = extract("Shootings were down, from 190 to 141, the police data show.\n", published_at=FRIDAY)
    assert a.incident is None


def test_a_planned_meeting_weekday_is_not_the_event_day() -> None:
    inc = incident(
        "Rival militias clashed near Nakuru, Kenya, killing three people, police said.\n\n"
        "The two sides are due to sign a deal on Tuesday.\n"
    )
    # Not Tuesday 5 March (the weekday counted back): the date is not stated.
    assert inc.occurred_at_precision is not TimePrecision.day


def test_a_ministry_denying_that_officers_fired_is_a_denial() -> None:
    inc = incident(
        "Two protesters were killed on Tuesday when troops opened fire on a crowd blocking a road near "
        "Nakuru, Kenya. The Defence Ministry denied that soldiers had opened fire.\n"
    )
    assert inc.claim_status is ClaimStatus.denied


def test_a_ministry_claiming_its_forces_struck_is_a_claim() -> None:
    inc = incident(
        "A missile hit an apartment building in Kharkiv, Ukraine, on Tuesday, killing three people.\n\n"
        'The Defence Ministry claimed that its troops had struck "fuel depots" used by the army.\n'
    )
    assert inc.claim_status is ClaimStatus.claimed


def test_the_city_keeps_the_article_s_spelling() -> None:
    inc = incident(
        "A missile hit an apartment building in Kharkov, Ukraine, on Tuesday, killing three people.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("Kharkov", "UA")


def test_a_large_town_of_the_state_named_in_the_headline_narrows_it() -> None:
    inc = incident(
        "Gunman kills three in Brazil's Ceara state\n\n"
        "A gunman opened fire inside a market in Juazeiro do Norte on Tuesday, killing three people, "
        "police said.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("Juazeiro do Norte", "BR")


def test_a_local_time_with_no_town_found_is_in_the_only_country_s_zone() -> None:
    inc = incident(
        "A trader was abducted by armed men outside his store in Xyzville on Wednesday at about "
        "6.15am, police said.\n\n"
        "Traders in Kenya have long complained of extortion.\n"
    )
    assert inc.timezone == "Africa/Nairobi"
    assert (local(inc).hour, inc.occurred_at_precision) == (6, TimePrecision.hour)


def test_a_car_driven_into_a_crowd_is_an_attack() -> None:
    inc = incident(
        "Three hurt in Antwerp square\n\nA van ploughed into pedestrians on the Groenplaats on Friday night, "
        "injuring three people, police said.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)
    inc = incident(
        "Van plows into crowds at Ghent market\n\nA man drove a rented van into crowds at the Christmas market "
        "on Saturday night, killing two people, police said.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


@pytest.mark.parametrize(
    "text",
    [
        "Strike kills four in Tyre\n\nAn Israeli strike on a car in Tyre killed four people on Tuesday.\n",
        "Drone hits bus in Kherson\n\nRussian troops struck a bus in Kherson with an FPV drone on Tuesday, "
        "killing two people.\n",
    ],
)
def test_strikes_told_by_who_made_them_or_with_what_are_air_or_drone_strikes(text: str) -> None:
    inc = incident(text)
    assert (inc.event_type, inc.sub_event_type) == (
        EventType.explosions_remote_violence,
        SubEventType.air_drone_strike,
    )


def test_a_raid_by_the_state_s_forces_with_deaths_is_an_armed_clash() -> None:
    inc = incident(
        "Israeli forces kill three in Jenin raid\n\nIsraeli forces have killed three Palestinians during an "
        "overnight raid on Jenin, the health ministry said on Tuesday.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)


def test_arson_with_no_one_hurt_is_property_destruction_and_with_deaths_an_attack() -> None:
    empty = extract(
        "Mosque fire\n\nA fire set deliberately gutted the prayer hall of a mosque early on Tuesday. "
        "Someone set fire to the building overnight, police said. No one was inside.\n",
        published_at=datetime(2025, 3, 4, 12, tzinfo=UTC),
    )
    assert empty.incident is not None
    assert (empty.incident.event_type, empty.incident.sub_event_type) == (
        EventType.strategic_developments,
        SubEventType.looting_property_destruction,
    )
    deadly = extract(
        "Bus fire\n\nAttackers set fire to a bus on the highway on Tuesday, killing three passengers, police said.\n",
        published_at=datetime(2025, 3, 4, 12, tzinfo=UTC),
    )
    assert deadly.incident is not None
    assert deadly.incident.event_type is EventType.violence_against_civilians


def test_an_ambush_of_soldiers_is_a_clash_and_of_a_bus_an_attack() -> None:
    soldiers = incident(
        "Three soldiers killed in rebel ambush near Kidal\n\nThree soldiers died on Thursday after fighters of the "
        "Front for the Liberation of the North, an armed coalition of several movements, ambushed a supply column.\n"
    )
    assert (soldiers.event_type, soldiers.sub_event_type) == (EventType.battles, SubEventType.armed_clash)
    bus = incident(
        "Bus ambushed on the Gao road\n\nUnidentified men ambushed a passenger bus on Thursday, killing two.\n"
    )
    assert (bus.event_type, bus.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_bandits_killing_people_of_a_community_is_an_attack() -> None:
    inc = incident(
        "Lawmakers mourn as bandits kill 14 in Zamfara community\n\nThe state assembly on Tuesday observed a "
        "minute's silence for no fewer than 14 persons killed by bandits in Kwari, a farming community.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_terrorists_attacking_a_military_base_is_a_battle() -> None:
    inc = incident(
        "ISWAP terrorists kill 6 soldiers in attack on military base\n\n"
        "At least six soldiers were killed when ISWAP terrorists attacked a military base in the town of "
        "Dikwa late Thursday, the army said on Friday.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)


def test_maoists_attacking_a_security_camp_is_a_battle_whatever_they_fired() -> None:
    inc = incident(
        "Two commandos killed as Maoists attack new security camp in Sukma\n\n"
        "Maoists fired barrel grenade launcher shells at the camp before opening fire, say police\n\n"
        "Two commandos were killed when Maoists attacked a security camp in Sukma district on Tuesday.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)


def test_a_report_on_a_year_of_strikes_is_no_one_event() -> None:
    from app.ingest.extract import extract

    a = extract(
        "Commission says drone strikes killed hundreds of civilians in Amhara\n\n"
        "The commission has called for an investigation into drone strikes that it said killed hundreds of "
        "civilians in the Amhara region over the past year.\n\n"
        "Presenting its annual human rights report on Tuesday, the commission said it had documented 47 "
        "drone strikes during the period, which killed at least 412 civilians.\n",
        published_at=FRIDAY,
    )
    assert a.incident is None
    assert a.casualty_reports == []


def test_an_arson_in_which_someone_died_is_an_attack() -> None:
    inc = incident(
        "Man admits manslaughter of woman in apartment fire\n\n"
        "A 39-year-old man who poured petrol through the letterbox of his former partner's apartment in "
        "Limerick, starting a fire in which a 71-year-old neighbour died, has pleaded guilty to her "
        "manslaughter.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "One killed as protesters storm police office in Rautahat\n\n"
            "One person was killed when police opened fire on a crowd that stormed the police office on Monday.\n",
            (EventType.riots, SubEventType.violent_demonstration),
        ),
        (
            "Eleven officers hurt in disorder outside hotel\n\n"
            "Eleven police officers were injured when a protest outside a hotel in Scunthorpe turned violent on "
            "Saturday evening.\n",
            (EventType.riots, SubEventType.violent_demonstration),
        ),
        (
            "Tembisa protest: second person dies as police and residents clash over power cuts\n\n"
            "Two people have died after police and protesters clashed in Tembisa on Tuesday. Police fired "
            "rubber bullets.\n",
            (EventType.riots, SubEventType.violent_demonstration),
        ),
        (
            "Protesters rally against power cuts\n\n"
            "Police fired tear gas at protesters who marched on the town hall in Tembisa on Tuesday.\n",
            (EventType.protests, SubEventType.protest_with_intervention),
        ),
        (
            "Soldier killed on border\n\nBaku has accused Armenian forces of killing one of its soldiers in "
            "overnight shooting along the border on Tuesday.\n",
            (EventType.battles, SubEventType.armed_clash),
        ),
        (
            "Wanted criminal shot dead in Meerut encounter, two cops hurt\n\n"
            "A wanted criminal was shot dead by police in Meerut on Tuesday.\n",
            (EventType.battles, SubEventType.armed_clash),
        ),
        (
            "Five killed in land dispute\n\nGunmen from two neighbouring communities exchanged fire for three hours "
            "in Oaxaca on Tuesday, killing five people.\n",
            (EventType.battles, SubEventType.armed_clash),
        ),
        (
            "Officer shot during traffic stop; man police say fired at officers dies\n\n"
            "A man died in Tulsa on Tuesday after a shooting during a traffic stop.\n",
            (EventType.battles, SubEventType.armed_clash),
        ),
        (
            "2 killed, 60 hurt as villagers clash over supremacy in Sarail\n\n"
            "Two people were killed in a clash between supporters of two local leaders in Sarail on Sunday.\n",
            (EventType.riots, SubEventType.mob_violence),
        ),
        (
            "One killed, 31 injured as procession turns violent in Gaur\n\n"
            "A man was killed and 31 people were injured in a clash that erupted during a Ram Navami "
            "procession in Gaur on Thursday evening.\n",
            (EventType.riots, SubEventType.mob_violence),
        ),
        (
            "Mob lynches man accused of blasphemy\n\n"
            "A mob beat a man to death after rioters broke into the police station in Pir Mahal on Friday.\n",
            (EventType.riots, SubEventType.mob_violence),
        ),
    ],
)
def test_who_fights_whom_sets_the_event_type(text: str, expected: tuple[EventType, SubEventType]) -> None:
    inc = incident(text)
    assert (inc.event_type, inc.sub_event_type) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Fired worker kills 3 at carpet plant\n\n"
        "A man who had been fired from a carpet plant in Dalton walked back in on Tuesday and opened fire, "
        "killing three of his former co-workers, authorities said.\n",
        "Police fatally shoot man with knife in Columbus apartment\n\n"
        "A Columbus police officer shot and killed a 29-year-old man inside an apartment late Sunday.\n",
    ],
)
def test_opening_fire_and_shooting_someone_dead_are_attacks(text: str) -> None:
    inc = incident(text)
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)


def test_a_fight_between_rival_gangs_is_a_clash() -> None:
    inc = incident(
        "Gang fight at prison farm leaves 7 inmates dead\n\n"
        "A fight between rival gangs at a prison farm in Escuintla left at least seven inmates dead on Sunday, "
        "the prison system said.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)


def test_bandits_raiding_herders_and_a_border_shootout_are_events() -> None:
    inc = incident(
        "Six killed as bandits raid herders in Turkana East\n\n"
        "Six people were killed on Sunday afternoon when armed bandits attacked herders at a watering point "
        "in Lomelo.\n"
    )
    assert inc.event_type is EventType.violence_against_civilians
    inc = incident(
        "Kyrgyzstan, Tajikistan trade blame after deadly shootout on border\n\n"
        "A shootout on the border near Ak-Sai killed a border guard and a villager on Sunday.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)


def test_a_verdict_on_an_attack_of_an_earlier_year_is_no_event() -> None:
    from app.ingest.extract import extract

    a = extract(
        "Bheramara mazar bombing: 6 to die, 3 get life\n\n"
        "A Dhaka tribunal yesterday sentenced six members of a banned militant outfit to death for the 2019 "
        "bomb attack on a shrine in Kushtia that killed four devotees and injured 23 others.\n",
        published_at=FRIDAY,
    )
    assert a.incident is None
    assert a.casualty_reports == []


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi court sentences four ISIS members to death over 2023 Tarmiyah ambush\n\n"
        "An Iraqi court on Wednesday sentenced four men to death for their role in an ambush by ISIS militants on "
        "an army patrol north of Baghdad last year. The council said the attack had killed an officer and four "
        "soldiers.\n",
        "Federal court jails nine over 2023 bus ambush\n\n"
        "The court on Thursday sentenced nine defendants over their role in a September 2023 ambush on a "
        "passenger bus in which 14 passengers were killed.\n",
        "Conviction of two former riot police officers for the killing of a protester\n\n"
        "The conviction on Tuesday of two former officers for the killing of 19-year-old Jhon Esteban Caicedo "
        "during the 2021 National Strike is an important step, Amnesty International said today. At least 80 "
        "people were killed during the strike.\n",
    ],
)
def test_a_verdict_on_an_ambush_or_killing_of_an_earlier_year_is_no_event(text: str) -> None:
    from app.ingest.extract import extract

    a = extract(text, published_at=FRIDAY)
    assert a.incident is None
    assert a.casualty_reports == []


def test_riot_officers_are_no_riot() -> None:
    from app.ingest.extract import extract

    a = extract(
        "Police chiefs call for national reserve of riot officers after summer of disorder\n\n"
        "Police chiefs have called for a permanent national reserve of specially trained public order officers, "
        "warning that forces were stretched by the disorder that broke out in several towns this summer.\n\n"
        "According to the report, 212 officers were injured across 11 days of disorder.\n",
        published_at=FRIDAY,
    )
    assert a.incident is None
    assert a.casualty_reports == []


def test_fighters_attacking_a_school_and_a_bomb_at_a_rally() -> None:
    inc = incident(
        "Armed group kills teachers at village school\n\n"
        "Fighters believed to belong to the Islamic State Sahel Province attacked a primary school in Niger's "
        "Tillaberi region on Tuesday, killing at least nine people.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)
    inc = incident(
        "Bomb at election rally in Gaur kills one\n\n"
        "A bomb exploded at an election rally in Gaur on Tuesday, killing one person and injuring 17.\n"
    )
    assert inc.event_type is EventType.explosions_remote_violence


def test_a_year_s_toll_of_aid_workers_is_no_event() -> None:
    from app.ingest.extract import extract

    a = extract(
        "World Humanitarian Day: Record 412 aid workers killed in 2025\n\n"
        "At least 412 humanitarian workers were killed in air strikes, shelling and shootings in 2025, the "
        "highest number since records began, according to figures released today.\n",
        published_at=datetime(2026, 8, 19, tzinfo=UTC),
    )
    assert a.incident is None


def test_a_sentence_handed_down_over_an_attack_dated_last_year_is_no_event() -> None:
    from app.ingest.extract import extract

    a = extract(
        "Man who drove van into crowd outside Bristol nightclub jailed for at least 32 years\n\n"
        "A man who deliberately drove a van into people queueing outside a Bristol nightclub, killing a "
        "21-year-old university student and injuring six others, has been jailed for life.\n\n"
        "Jason Tolley, 36, accelerated a rented van along Park Street at about 1.40am on 17 November last year, "
        "Bristol crown court heard.\n",
        published_at=FRIDAY,
    )
    assert a.incident is None
    assert a.casualty_reports == []


def test_the_date_a_running_toll_counts_from_is_not_the_event_s() -> None:
    inc = incident(
        "Drone strike in Tammun\n\n"
        "An Israeli drone strike killed three gunmen in the West Bank city of Jenin, the military said.\n\n"
        "More than 1,000 Palestinians have been killed in the West Bank since October 7, 2023, the ministry says.\n",
    )
    assert local(inc).date().isoformat() == "2024-03-08"  # the story's day, not 2023-10-07


def test_a_region_s_name_before_town_of_and_a_town_of_a_district() -> None:
    inc = incident(
        "Drone strike in the West Bank\n\nAn Israeli drone strike killed three gunmen during a raid in the "
        "northern West Bank town of Tammun on Tuesday, the military said.\n"
    )
    assert inc.location is not None
    assert (inc.location.city, inc.location.country_code) == ("Tammun", "PS")
    town = incident(
        "Clash in Bhainsa\n\nTwelve people were injured in a clash in Bhainsa town of Nirmal district on Sunday "
        "night, the police said. Bhainsa is in Telangana, India.\n"
    )
    assert town.location is not None
    assert town.location.city != "Nirmal"


# -- blind sets DU to DZ ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "published"),
    [
        # an inquiry's findings on an earlier month's unrest
        (
            "Probe panel finds police used excessive force in Birgunj protests\n\n"
            "The commission says six people were killed in the March unrest, not four as police had claimed.\n\n"
            "A high-level commission formed to investigate the March protests in Birgunj has concluded that "
            "police used excessive force against demonstrators.\n",
            datetime(2025, 6, 10, tzinfo=UTC),
        ),
        # this year's toll, published at its end, and a quote about the year
        (
            "Syria war monitor says over 11,000 killed in 2025\n\n"
            "More than 11,000 people were killed in violence across Syria in 2025, a war monitor said.\n\n"
            '"Massacres on the coast and in Sweida turned it into one of the bloodiest years since 2019," '
            "its head told AFP.\n",
            datetime(2025, 12, 31, tzinfo=UTC),
        ),
        # a report's count of a series of attacks
        (
            "Jihadist attacks in northern Benin more than doubled in 2025, report says\n\n"
            "Attacks by jihadist groups in northern Benin more than doubled in the first eleven months of 2025, "
            "according to a report published on Tuesday.\n\n"
            "The network recorded 212 violent incidents between January and November. At least 146 members "
            "of the security forces and 188 civilians were killed in those attacks, it says.\n",
            datetime(2025, 12, 9, tzinfo=UTC),
        ),
        # last year's toll, a month's statistics, a report "said today"
        (
            "Myanmar junta air strikes killed over 1,100 civilians in 2024: monitor\n\n"
            "Air strikes by Myanmar's military killed at least 1,130 civilians last year, including 251 "
            "children, a rights monitor said Wednesday.\n",
            datetime(2025, 1, 29, tzinfo=UTC),
        ),
        (
            "UN monitors record 1,300 civilian casualties in Ukraine in September\n\n"
            "According to the mission, 71% of the casualties were caused by long-range missiles launched by "
            "Russian armed forces. Most of the remaining casualties occurred in front-line communities, where "
            "artillery and guided aerial bombs were used.\n",
            datetime(2025, 10, 10, tzinfo=UTC),
        ),
        (
            "Burundi: ruling party youth kill, abduct opponents\n\n"
            "Members of the youth league of Burundi's ruling party killed, abducted, and beat dozens of "
            "suspected opponents in 2025, Human Rights Watch said today.\n",
            datetime(2025, 12, 9, tzinfo=UTC),
        ),
    ],
)
def test_an_inquiry_on_an_earlier_month_and_a_year_s_total_are_no_event(
    text: str, published: datetime
) -> None:
    assert extract(text, published_at=published).incident is None


def test_the_deadliest_attack_this_year_is_an_event() -> None:
    a = extract(
        "Bomb kills 20 in Quetta\n\n"
        "A bomb killed 20 people at a market in Quetta on Monday, the deadliest attack in the city in 2025.\n",
        published_at=datetime(2025, 11, 18, tzinfo=UTC),
    )
    assert a.incident is not None


def test_a_compass_word_alone_is_no_town() -> None:
    # GeoNames lists "North" as another name of North Salt Lake, Utah.
    assert gazetteer().city("North", frozenset({"US"})) is None
    inc = incident(
        "Congregant killed in shooting outside North Dallas synagogue\n\n"
        "A gunman opened fire outside a synagogue in North Dallas on Saturday, killing one person, Dallas "
        "police said. North of the city, police closed a road.\n"
    )
    assert inc.location is None or inc.location.city != "North"


def test_a_car_driven_into_spectators_is_an_attack_and_serious_disorder_a_riot() -> None:
    inc = incident(
        "Car ploughs into carnival crowd in Mainz\n\n"
        "MAINZ, Germany, March 4 (Reuters) - A car drove into spectators at the carnival parade in Mainz "
        "on Monday, killing two people, police said.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.violence_against_civilians, SubEventType.attack)
    inc = incident(
        "Eleven officers injured after disorder outside hotel\n\n"
        "Eleven officers were injured following serious disorder outside a hotel in Great Yarmouth last "
        "night (Thursday 7 March 2024).\n"
    )
    assert inc.event_type is EventType.riots
    # (the charge is no riot: "arrested on suspicion of violent disorder")
    a = extract(
        "Man charged\n\nA man was arrested on suspicion of violent disorder in Leeds on Thursday.\n",
        published_at=FRIDAY,
    )
    assert a.incident is None or a.incident.event_type is not EventType.riots


def test_a_verdict_on_a_shooting_last_summer_or_a_killing_dated_in_the_lead_is_no_event() -> None:
    a = extract(
        "Swedish teen sentenced for contract killing\n\n"
        "Stockholm (AFP) - A Swedish court on Wednesday sentenced a 17-year-old boy to four years in closed "
        "youth care for a shooting in the city of Gavle last summer that killed a 24-year-old man.\n\n"
        "The court found the teenager, who was 16 at the time, guilty of murder.\n",
        published_at=datetime(2026, 1, 21, 14, 47, tzinfo=UTC),
    )
    assert a.incident is None
    a = extract(
        "Brazil\n\nBrazilian police officers convicted of killing boy, 14, in Rio favela raid\n\n"
        "Jury finds two officers guilty of murdering the boy\n\nJulia Moraes in Rio de Janeiro\n\n"
        "Relatives outside Rio de Janeiro's court of justice on Tuesday. Photograph: Lucas Andrade/Reuters\n\n"
        "Two Brazilian military police officers have been convicted of murdering a 14-year-old boy who was "
        "shot dead on his way to school during a police raid in Rio de Janeiro.\n\n"
        "After a two-day trial, a jury found both officers guilty late on Tuesday.\n\n"
        "Davi was killed on the morning of 19 August 2025, when officers entered the Nova Holanda community.\n",
        published_at=datetime(2026, 10, 14, 18, 15, tzinfo=UTC),
    )
    assert a.incident is None


def test_a_wire_photo_caption_does_not_date_the_event_and_the_time_goes_with_its_day() -> None:
    inc = incident(
        "Gang attack on Haitian town kills dozens\n\n"
        "[1/3] Residents fleeing Saut-d'Eau arrive in Hinche, Haiti, March 7, 2024. REUTERS/Stringer\n\n"
        "PORT-AU-PRINCE, March 8 (Reuters) - Gunmen killed at least 42 people in an overnight assault on "
        "the town of Saut-d'Eau, the mayor said on Friday.\n\n"
        "The attack began at around 11 p.m. on Wednesday, when armed men arrived on motorcycles, and went "
        "on until police reached the town shortly after dawn on Thursday.\n"
    )
    assert (local(inc).day, local(inc).hour, inc.occurred_at_precision) == (6, 23, TimePrecision.hour)


def test_a_page_labelled_live_on_a_line_of_its_own_tells_of_its_day() -> None:
    inc = incident(
        "Ecuador prison clash: At least 21 inmates killed in Guayaquil jail\n\nLive\n\n"
        "Updated 16:05 GMT 8 March 2024\n\nSummary\n\n"
        "People living near the prison say gunfire and explosions began at about 02:30 local time "
        "(07:30 GMT) and went on for hours\n"
    )
    assert (local(inc).day, local(inc).hour) == (8, 2)


def test_clashes_in_the_headline_between_two_communities_in_the_body_are_mob_violence() -> None:
    inc = incident(
        "Bhadrak Clashes: 2 Dead, Curfew In Town\n\n"
        "Two people have died and 38 others were injured after clashes between two communities broke out "
        "in Odisha's Bhadrak town on Thursday evening, police said.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.riots, SubEventType.mob_violence)


def test_a_wire_story_s_summary_lines_do_not_crowd_the_lead_out() -> None:
    inc = incident(
        "Suicide bomber, gunmen attack police compound in northwest Pakistan, killing 11\n\n"
        "Summary\n\nCar bomb hits police compound gate at dawn\n\n"
        "Four attackers killed in gunbattle, military says\n\n"
        "Faction claims attack; Pakistani Taliban deny role\n\n"
        "PESHAWAR, Pakistan, March 8 (Reuters) - A suicide bomber rammed an explosives-laden car into the "
        "gate of a police compound in northwest Pakistan on Friday, killing 11 people, officials said.\n\n"
        "The attack in the town of Domel, about 20 km (12 miles) from the city of Bannu, began shortly "
        "after 5:30 a.m., police said.\n"
    )
    assert inc.location is not None
    assert inc.location.city == "Domel"


def test_an_attack_on_an_advanced_post_of_the_defence_forces_with_rocket_propelled_grenades_is_a_battle() -> (
    None
):
    inc = incident(
        "Terrorist attack repelled in Kolofata: eleven assailants neutralised\n\n"
        "On Thursday at 2:35 a.m., a group of heavily armed Boko Haram terrorists attacked the advanced post "
        "of the Defence Forces at Kangaleri, in Cameroon's Far North Region.\n\n"
        "The assailants, estimated at about sixty and equipped with machine guns and rocket-propelled "
        "grenade launchers, attempted to penetrate the post.\n"
    )
    assert (inc.event_type, inc.sub_event_type) == (EventType.battles, SubEventType.armed_clash)


def test_as_of_sunday_and_a_release_s_update_line_do_not_date_the_event() -> None:
    inc = incident(
        "6 shot after fight breaks out at Aurora park gathering, police say\n\n"
        "No arrests had been made as of Friday afternoon.\n\n"
        "AURORA, Colo. — Officers were called to Del Mar Park at 11:42 p.m. Thursday after several 911 "
        "callers reported gunfire, police said.\n"
    )
    assert (local(inc).day, local(inc).hour) == (7, 23)
    inc = incident(
        "Three suspects killed in mob justice attack in Tembisa\n\n"
        "UPDATE (8 March 2024, 14:10): The third man, who was admitted to hospital, succumbed to his injuries "
        "this morning.\n\n"
        "GAUTENG – Community members assaulted three men suspected of housebreakings in Ethafeni section on "
        "Wednesday night, 6 March 2024. Two of the men died on the scene.\n"
    )
    assert local(inc).day == 6


def test_an_event_dated_long_before_the_article_is_no_incident() -> None:
    a = extract(
        "Kampala bombing survivors mark 15 years, renew compensation plea\n\n"
        "Survivors and relatives of those killed in the July 11, 2010 twin bombings in Kampala gathered at "
        "Kyadondo Rugby Club on Friday to mark 15 years since the attacks.\n\n"
        "Ms Nabukeera said more than 70 people died in the attacks.\n",
        published_at=datetime(2025, 7, 12, 6, 2, tzinfo=UTC),
    )
    assert a.incident is None
    assert a.casualty_reports == []
    a = extract(
        "Man jailed for life for attempted murders at Bradford church\n\n"
        "A man who stabbed a churchwarden and a worshipper during an evening service at a Bradford church "
        "has been jailed for life.\n\n"
        "He was sentenced at Bradford Crown Court today (Friday 27 February) to life imprisonment.\n\n"
        "The court heard that at about 6.20pm on Sunday 15 June 2025, he walked into Christ Church and "
        "stabbed the churchwarden.\n",
        published_at=datetime(2026, 2, 27, 15, 10, tzinfo=UTC),
    )
    assert a.incident is None
