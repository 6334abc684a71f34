"""The event: its ACLED type, when (with the precision the wording deserves) and where."""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.ingest.extract.gazetteer import Place, gazetteer
from app.vocab import EventType, SubEventType, TimePrecision

E, S = EventType, SubEventType

# Ordered by priority: within one sentence the first rule that matches decides.
EVENT_RULES: list[tuple[re.Pattern[str], EventType, SubEventType | None]] = [
    (
        re.compile(r"\bsuicide (?:bomb|bomber|bombing|attack|car bomb|vest)", re.I),
        E.explosions_remote_violence,
        S.suicide_bomb,
    ),
    (
        re.compile(
            r"\b(?:roadside bomb|improvised explosive|IEDs?\b|car bomb|landmines?|land mines?|booby[- ]trap|"
            r"explosive device|bomb (?:exploded|went off|blast))",
            re.I,
        ),
        E.explosions_remote_violence,
        S.remote_explosive_landmine_ied,
    ),
    (
        re.compile(
            r"\b(?:air ?strikes?|airstrikes?|drone (?:strikes?|attacks?)|air raids?|warplanes?|fighter jets?|aerial bombardment)",
            re.I,
        ),
        E.explosions_remote_violence,
        S.air_drone_strike,
    ),
    (
        re.compile(r"\b(?:rockets?|missiles?|mortars?|shelling|shelled|artillery|projectiles?)\b", re.I),
        E.explosions_remote_violence,
        S.shelling_artillery_missile_attack,
    ),
    (re.compile(r"\bgrenades?\b", re.I), E.explosions_remote_violence, S.grenade),
    (
        re.compile(r"\b(?:chemical (?:attack|weapons?)|chlorine gas|sarin)\b", re.I),
        E.explosions_remote_violence,
        S.chemical_weapon,
    ),
    (
        re.compile(
            r"\b(?:clash(?:es|ed)?|firefights?|gun ?battles?|exchange of fire|heavy fighting|fought)\b", re.I
        ),
        E.battles,
        S.armed_clash,
    ),
    (re.compile(r"\b(?:riot(?:s|ers|ing)?|looted|looting|mob)\b", re.I), E.riots, S.violent_demonstration),
    (
        re.compile(
            r"\b(?:protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|marched|sit-ins?)\b",
            re.I,
        ),
        E.protests,
        S.peaceful_protest,
    ),
    (
        re.compile(r"\b(?:kidnapp\w+|abduct\w+)\b", re.I),
        E.violence_against_civilians,
        S.abduction_forced_disappearance,
    ),
    (
        re.compile(r"\b(?:gunmen|shot dead|massacre\w*|executed|stabb\w+|opened fire on)\b", re.I),
        E.violence_against_civilians,
        S.attack,
    ),
    (
        re.compile(r"\b(?:explosions?|blasts?|bombings?|bombs?)\b", re.I),
        E.explosions_remote_violence,
        S.remote_explosive_landmine_ied,
    ),
]
_PROTEST_INTERVENTION = re.compile(
    r"\b(?:tear ?gas|water cannons?|rubber bullets|dispersed|baton|arrested|detained)\b", re.I
)
_PROTEST_EXCESSIVE = re.compile(
    r"\b(?:live (?:ammunition|fire|rounds)|opened fire on (?:the )?(?:protesters|demonstrators|crowd))\b",
    re.I,
)
_PROTEST_VIOLENT = re.compile(
    r"\b(?:threw|hurled) (?:stones|rocks|molotov|petrol bombs)|\bset fire\b|\btorched\b", re.I
)


@dataclass(frozen=True)
class EventKind:
    event_type: EventType
    sub_event_type: SubEventType | None
    start: int
    end: int


def classify(text: str, spans: list[tuple[int, int]], whole: str) -> EventKind | None:
    """The type from the first sentence (in reading order) that names an event."""
    for start, end in spans:
        s = text[start:end]
        for rx, etype, sub in EVENT_RULES:
            if rx.search(s):
                if etype is E.protests:
                    if _PROTEST_VIOLENT.search(whole):
                        etype, sub = E.riots, S.violent_demonstration
                    elif _PROTEST_EXCESSIVE.search(whole):
                        sub = S.excessive_force_against_protesters
                    elif _PROTEST_INTERVENTION.search(whole):
                        sub = S.protest_with_intervention
                return EventKind(etype, sub, start, end)
    return None


# -- dates ------------------------------------------------------------------------------------
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
MONTHS.update({m[:3]: n for m, n in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?|"
    rf"(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>\d{{4}}))?)\b"
)
_WEEKDAY = re.compile(r"\b(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_DATELINE_PLACE = re.compile(r"\s*[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?,\s*")
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\S+(?:\s+\S+)?|announced|reported|added|confirmed|stated)\s+(?:late\s+|early\s+)?on\s+$"
)
_RELATIVE = re.compile(r"\b(?P<rel>yesterday|last night|today|this morning|earlier today|tonight)\b", re.I)
_TIME = re.compile(
    r"\b(?:at\s+)?(?P<hedge>around|about|approximately|roughly|shortly after|shortly before|just after|just before|after|before)?"
    r"\s*(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm|a\.m|p\.m)(?![\w])",
    re.I,
)
_TIME_24 = re.compile(
    r"\b(?:at\s+)?(?P<hedge>around|about|approximately)?\s*(?P<h>[01]\d|2[0-3]):?(?P<m>[0-5]\d)\s+(?:local time|hours)\b",
    re.I,
)
_OTHER_TIME = re.compile(r"\s*(?:GMT|UTC)\b")


def publication_date(text: str, spans: list[tuple[int, int]]) -> date | None:
    """A dateline such as 'Friday, December 08, 2023' in the first lines of the article."""
    for start, end in spans[:8]:
        m = _FULL_DATE.search(text, start, end)
        if m and (m.group("y1") or m.group("y2")):
            d = _date_of(m, None)
            if d:
                return d
    return None


def _date_of(m: re.Match[str], base: date | None) -> date | None:
    month = (m.group("m1") or m.group("m2") or "").rstrip(".").lower()
    day = int(m.group("d1") or m.group("d2"))
    year_s = m.group("y1") or m.group("y2")
    mon = MONTHS.get(month) or MONTHS.get(month[:3])
    if not mon:
        return None
    if year_s:
        year = int(year_s)
    elif base is not None:
        year = base.year
        # "December 30" in a piece published on January 2 is last year's.
        if (mon, day) > (base.month, base.day):
            year -= 1
    else:
        return None
    try:
        return date(year, mon, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class When:
    day: date
    hour: int | None
    minute: int | None
    precision: TimePrecision
    evidence: tuple[int, int]


def event_date(
    text: str, sentences: list[tuple[int, int]], published: date | None, skip: set[tuple[int, int]]
) -> When | None:
    """The first date cue in the event sentences; weekdays go back to the latest such day on or
    before publication. A time of day is used only when the wording gives one."""
    day: date | None = None
    evidence = (0, 0)
    for start, end in sentences:
        if (start, end) in skip:
            continue
        s = text[start:end]
        # "ABUJA, Sept 3 (Reuters) -": a dateline dates the story, not the event.
        m = next((d for d in _FULL_DATE.finditer(s) if not _DATELINE_PLACE.fullmatch(s, 0, d.start())), None)
        if m and (published or m.group("y1") or m.group("y2")):
            day = _date_of(m, published)
            if day:
                evidence = (start + m.start(), start + m.end())
                break
        if published is None:
            continue
        # "police said on Tuesday" dates the statement, not the event.
        m = next((w for w in _WEEKDAY.finditer(s) if not _SAID_BEFORE.search(s, 0, w.start())), None)
        if m:
            wd = WEEKDAYS.index(m.group("wd").lower())
            day = published - timedelta(days=(published.weekday() - wd) % 7)
            evidence = (start + m.start(), start + m.end())
            break
        m = _RELATIVE.search(s)
        if m:
            rel = m.group("rel").lower()
            day = published - timedelta(days=1) if rel in ("yesterday", "last night") else published
            evidence = (start + m.start(), start + m.end())
            break
    if day is None:
        return None
    for start, end in sentences:
        if (start, end) in skip:
            continue
        s = text[start:end]
        # "10:30 p.m. (1930 GMT)": the local time counts, a time given only in GMT does not.
        m = next((t for t in _TIME.finditer(s) if not _OTHER_TIME.match(s, t.end())), None)
        hour = minute = None
        if m:
            hour = int(m.group("h")) % 12
            if m.group("ampm").lower().startswith("p"):
                hour += 12
            minute = int(m.group("m")) if m.group("m") else None
        else:
            m = _TIME_24.search(s)
            if m:
                hour, minute = int(m.group("h")), int(m.group("m"))
        if m is None or hour is None or hour > 23:
            continue
        # A date in the time's sentence must be the event's date, or the time belongs elsewhere.
        other = _WEEKDAY.search(s) or _FULL_DATE.search(s)
        if (
            other
            and not (evidence[0] <= start + other.start() < evidence[1])
            and other.group(0) != text[evidence[0] : evidence[1]]
        ):
            continue
        exact = minute is not None and not m.group("hedge")
        return When(
            day,
            hour,
            minute if exact else 0,
            TimePrecision.exact if exact else TimePrecision.hour,
            (start + m.start(), start + m.end()),
        )
    return When(day, None, None, TimePrecision.day, evidence)


def to_datetime(when: When, tz: str | None) -> datetime:
    zone = ZoneInfo(tz) if tz else UTC
    return datetime(
        when.day.year, when.day.month, when.day.day, when.hour or 0, when.minute or 0, tzinfo=zone
    )


# -- places -----------------------------------------------------------------------------------
_PLACE = re.compile(
    r"\b(?:in|near|outside|at|across|into|around|hit|struck|targeted|of)\s+(?:the\s+)?"
    r"(?P<direction>(?:northern|southern|eastern|western|central|north|south|east|west|northeastern|northwestern|"
    r"southeastern|southwestern|northeast|northwest|southeast|southwest)\s+)?(?:(?:city|town|village|capital|province|region|district|port city) of\s+)?"
    r"(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’-]*){0,2})"
    r"|(?P<poss>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)(?:'s|’s)\s"
    r"|^(?P<dateline>[A-Z]{3,}(?:[ -][A-Z]{3,})*)(?:,|\s+\(|\s+[—–-])"
)


@dataclass(frozen=True)
class Where:
    place: Place
    city: bool
    evidence: tuple[int, int]
    region: bool = False


def locate(text: str, sentences: list[tuple[int, int]], countries: frozenset[str]) -> Where | None:
    """The first place named in the event sentences, a city (ranked by population, in a country
    the article mentions first) before a country; a country alone may be narrowed to one of its
    cities by a later sentence."""
    g = gazetteer()
    country: Where | None = None
    for start, end in sentences:
        if country is not None:
            # Only the sentence that named the country may narrow it to a city: a town named later
            # ("residents fled to the nearby town of Gusau") is seldom where it happened.
            break
        for m in _PLACE.finditer(text, start, end):
            group = "name" if m.group("name") else "poss" if m.group("poss") else "dateline"
            raw = m.group(group)
            if group == "dateline":
                raw = raw.title()
            tokens = raw.split()
            for i, t in enumerate(tokens):
                if t.endswith(("'s", "’s")):
                    tokens = [*tokens[:i], t[:-2]]
                    break
            for n in range(len(tokens), 0, -1):
                name = " ".join(tokens[:n]).rstrip(".")
                s = m.start(group)
                ev = (s, s + len(name))
                found = g.country(name)
                if found is not None:
                    if country is None:
                        country = Where(found, False, ev)
                    break
                city = g.city(name, countries)
                if city is not None and m.group("direction"):
                    # "central Gaza" is a region around the name, not the city: keep the country.
                    if country is None:
                        words = f"{m.group('direction')}{name}"
                        region = Place(words, city.country_code, None, None, city.timezone, 0, True)
                        return Where(region, False, (m.start("direction"), ev[1]), region=True)
                    break
                # A country named first is narrowed only by a city after a preposition ("in Basra").
                if city is not None and (
                    country is None or (group == "name" and city.country_code == country.place.country_code)
                ):
                    return Where(city, True, ev)
    return country
