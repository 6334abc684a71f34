"""Controlled vocabularies, and ACLED's event taxonomy with the codes we map to.

Every value here is a wire value: it appears in JSON, in query parameters and in the database
(as VARCHAR with a CHECK constraint, so both databases refuse an unknown value).
"""

import functools
from enum import StrEnum
from zoneinfo import ZoneInfo


class SourceKind(StrEnum):
    news_article = "news_article"
    press_release = "press_release"
    official_statement = "official_statement"
    social_media_post = "social_media_post"
    other = "other"


class SourceScale(StrEnum):
    local = "local"
    national = "national"
    regional = "regional"
    international = "international"
    unknown = "unknown"


class TimePrecision(StrEnum):
    exact = "exact"
    hour = "hour"
    day = "day"
    week = "week"
    month = "month"
    year = "year"


class GeoPrecision(StrEnum):
    exact = "exact"
    neighbourhood = "neighbourhood"
    city = "city"
    region = "region"
    country = "country"


class IncidentStatus(StrEnum):
    reported = "reported"
    confirmed = "confirmed"
    disputed = "disputed"
    retracted = "retracted"


class ClaimStatus(StrEnum):
    unclaimed = "unclaimed"
    claimed = "claimed"
    competing_claims = "competing_claims"
    denied = "denied"
    unknown = "unknown"


class ActorKind(StrEnum):
    state = "state"
    government = "government"
    person = "person"
    armed_group = "armed_group"
    security_force = "security_force"
    diplomatic_mission = "diplomatic_mission"
    international_org = "international_org"
    media = "media"
    civilians = "civilians"
    protesters = "protesters"
    other = "other"


class Role(StrEnum):
    perpetrator = "perpetrator"
    target = "target"
    responder = "responder"
    commentator = "commentator"
    claimant = "claimant"
    reporter = "reporter"


class Confidence(StrEnum):
    confirmed = "confirmed"
    alleged = "alleged"
    suspected = "suspected"


class StatementKind(StrEnum):
    direct_quote = "direct_quote"
    paraphrase = "paraphrase"


class Stance(StrEnum):
    condemnation = "condemnation"
    attribution = "attribution"
    claim_of_responsibility = "claim_of_responsibility"
    denial = "denial"
    call_to_action = "call_to_action"
    threat = "threat"
    warning = "warning"
    other = "other"


class CasualtyGroup(StrEnum):
    all = "all"
    civilians = "civilians"
    military = "military"
    security_forces = "security_forces"
    combatants = "combatants"
    diplomatic_staff = "diplomatic_staff"
    perpetrators = "perpetrators"
    unknown = "unknown"


class Qualifier(StrEnum):
    exact = "exact"
    at_least = "at_least"
    approximately = "approximately"
    none_reported = "none_reported"
    unknown = "unknown"


class EventType(StrEnum):
    battles = "Battles"
    explosions_remote_violence = "Explosions/Remote violence"
    violence_against_civilians = "Violence against civilians"
    protests = "Protests"
    riots = "Riots"
    strategic_developments = "Strategic developments"


class SubEventType(StrEnum):
    armed_clash = "Armed clash"
    government_regains_territory = "Government regains territory"
    non_state_actor_overtakes_territory = "Non-state actor overtakes territory"
    chemical_weapon = "Chemical weapon"
    air_drone_strike = "Air/drone strike"
    suicide_bomb = "Suicide bomb"
    shelling_artillery_missile_attack = "Shelling/artillery/missile attack"
    remote_explosive_landmine_ied = "Remote explosive/landmine/IED"
    grenade = "Grenade"
    sexual_violence = "Sexual violence"
    attack = "Attack"
    abduction_forced_disappearance = "Abduction/forced disappearance"
    peaceful_protest = "Peaceful protest"
    protest_with_intervention = "Protest with intervention"
    excessive_force_against_protesters = "Excessive force against protesters"
    violent_demonstration = "Violent demonstration"
    mob_violence = "Mob violence"
    agreement = "Agreement"
    arrests = "Arrests"
    change_to_group_activity = "Change to group/activity"
    disrupted_weapons_use = "Disrupted weapons use"
    headquarters_or_base_established = "Headquarters or base established"
    looting_property_destruction = "Looting/property destruction"
    non_violent_transfer_of_territory = "Non-violent transfer of territory"
    other = "Other"


class DisorderType(StrEnum):
    political_violence = "Political violence"
    demonstrations = "Demonstrations"
    political_violence_demonstrations = "Political violence; Demonstrations"
    strategic_developments = "Strategic developments"


_E, _S, _D = EventType, SubEventType, DisorderType

# ACLED codebook: each sub-event type belongs to exactly one event type.
SUB_EVENT_TYPES: dict[EventType, frozenset[SubEventType]] = {
    _E.battles: frozenset(
        {_S.armed_clash, _S.government_regains_territory, _S.non_state_actor_overtakes_territory}
    ),
    _E.explosions_remote_violence: frozenset(
        {
            _S.chemical_weapon,
            _S.air_drone_strike,
            _S.suicide_bomb,
            _S.shelling_artillery_missile_attack,
            _S.remote_explosive_landmine_ied,
            _S.grenade,
        }
    ),
    _E.violence_against_civilians: frozenset(
        {_S.sexual_violence, _S.attack, _S.abduction_forced_disappearance}
    ),
    _E.protests: frozenset(
        {_S.peaceful_protest, _S.protest_with_intervention, _S.excessive_force_against_protesters}
    ),
    _E.riots: frozenset({_S.violent_demonstration, _S.mob_violence}),
    _E.strategic_developments: frozenset(
        {
            _S.agreement,
            _S.arrests,
            _S.change_to_group_activity,
            _S.disrupted_weapons_use,
            _S.headquarters_or_base_established,
            _S.looting_property_destruction,
            _S.non_violent_transfer_of_territory,
            _S.other,
        }
    ),
}


def disorder_type(event_type: EventType, sub_event_type: SubEventType | None) -> DisorderType:
    """ACLED's disorder type, derived from the event and sub-event type as its codebook does."""
    if sub_event_type is _S.excessive_force_against_protesters:
        return _D.political_violence_demonstrations
    if sub_event_type is _S.mob_violence:
        return _D.political_violence
    if event_type in (_E.protests, _E.riots):
        return _D.demonstrations
    if event_type is _E.strategic_developments:
        return _D.strategic_developments
    return _D.political_violence


# ACLED's codebook columns, in its order, as the contract lists them (the `format=acled` export
# writes them; the bulk importer reads them).
ACLED_COLUMNS: tuple[str, ...] = (
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
)

# ACLED's `inter` codes: 1 state forces, 2 rebel groups, 3 political militias, 4 identity
# militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
ACLED_INTER: dict[ActorKind, int] = {
    ActorKind.state: 1,
    ActorKind.government: 1,
    ActorKind.security_force: 1,
    ActorKind.armed_group: 3,
    ActorKind.protesters: 6,
    ActorKind.civilians: 7,
    ActorKind.media: 7,
    ActorKind.person: 7,
    ActorKind.diplomatic_mission: 8,
    ActorKind.international_org: 8,
    ActorKind.other: 8,
}

# ACLED time_precision: 1 the day is known, 2 the week, 3 the month (or coarser).
ACLED_TIME_PRECISION: dict[TimePrecision, int] = {
    TimePrecision.exact: 1,
    TimePrecision.hour: 1,
    TimePrecision.day: 1,
    TimePrecision.week: 2,
    TimePrecision.month: 3,
    TimePrecision.year: 3,
}

# ACLED geo_precision: 1 the named town or a place in it, 2 near a town or in a district,
# 3 only the region (or a coarser area).
ACLED_GEO_PRECISION: dict[GeoPrecision, int] = {
    GeoPrecision.exact: 1,
    GeoPrecision.neighbourhood: 1,
    GeoPrecision.city: 1,
    GeoPrecision.region: 3,
    GeoPrecision.country: 3,
}

# ACLED's country names (its `country` column) where they are not ISO's, by ISO 3166-1 alpha-2:
# every country of ACLED's published data whose name differs from pycountry's common name (or,
# lacking one, its name). Any other country is called by that name, which is ACLED's too. Kosovo
# (ACLED "Kosovo", iso 0) has no assigned ISO code, so no incident can be in it.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "BL": "Saint-Barthelemy",
    "BN": "Brunei",
    "BQ": "Caribbean Netherlands",
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CI": "Ivory Coast",
    "CV": "Cape Verde",
    "CW": "Curacao",
    "CZ": "Czech Republic",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GG": "Bailiwick of Guernsey",
    "JE": "Bailiwick of Jersey",
    "MF": "Saint-Martin",
    "PS": "Palestine",
    "RE": "Reunion",
    "RU": "Russia",
    "SX": "Sint Maarten",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "TR": "Turkey",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
}

# UCDP GED date_prec: 1 exact day, 2 within 2-6 days, 3 the week, 4 the month, 5 longer.
UCDP_DATE_PREC: dict[TimePrecision, int] = {
    TimePrecision.exact: 1,
    TimePrecision.hour: 1,
    TimePrecision.day: 1,
    TimePrecision.week: 3,
    TimePrecision.month: 4,
    TimePrecision.year: 5,
}

# UCDP GED where_prec: 1 exact place or the named town, 2 within 25 km, 3 second-order admin, 4 first-order
# admin, 6 country.
UCDP_WHERE_PREC: dict[GeoPrecision, int] = {
    GeoPrecision.exact: 1,
    GeoPrecision.neighbourhood: 1,
    GeoPrecision.city: 1,
    GeoPrecision.region: 4,
    GeoPrecision.country: 6,
}


@functools.lru_cache(maxsize=1024)
def time_zone(name: str) -> ZoneInfo:
    """The IANA zone of that name (ZoneInfoNotFoundError if there is none). ZoneInfo's own cache
    keeps only the last 8 zones used: over more countries, each incident validated or exported
    read its zone's file again (20 us a time, against 0.1 us here)."""
    return ZoneInfo(name)
