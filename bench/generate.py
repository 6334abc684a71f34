"""A realistic synthetic dataset in the bulk importer's NDJSON format (see app/importer/records.py).

    python bench/generate.py                       # 100,000 incidents to bench/data/incidents-100000.ndjson
    python bench/generate.py --incidents 5000 --out -
    python bench/generate.py --million             # 1,000,000 incidents

Deterministic for a given --seed. Actors come first (a pool of a few thousand: states, security
forces, armed groups, ministries, spokespeople, missions...), then for each incident its one or
two news articles, the incident (ACLED event and sub-event types, a date in eight years, a place
with coordinates, 1-6 actors with roles, tags, evidence), ~2 statements quoting the article
(evidence spans point at the quote) and ~1.5 casualty reports from its articles.
"""

import argparse
import random
import sys
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import orjson

NAMESPACE = uuid.UUID("0c6f6a4e-3a51-4f4e-8f7c-5d2b9b1e7a10")
START = datetime(2018, 1, 1, tzinfo=UTC)
SPAN_SECONDS = int((datetime(2026, 1, 1, tzinfo=UTC) - START).total_seconds())

# One place a line: country code | adjective | time zone | city | first-level region | lat | lon.
PLACE_TABLE = """
IQ|Iraqi|Asia/Baghdad|Baghdad|Baghdad|33.31|44.36
IQ|Iraqi|Asia/Baghdad|Mosul|Nineveh|36.34|43.13
IQ|Iraqi|Asia/Baghdad|Basra|Basra|30.51|47.78
IQ|Iraqi|Asia/Baghdad|Erbil|Erbil|36.19|44.01
SY|Syrian|Asia/Damascus|Aleppo|Aleppo|36.2|37.13
SY|Syrian|Asia/Damascus|Idlib|Idlib|35.93|36.63
SY|Syrian|Asia/Damascus|Deir ez-Zor|Deir ez-Zor|35.33|40.14
SY|Syrian|Asia/Damascus|Homs|Homs|34.73|36.71
YE|Yemeni|Asia/Aden|Sanaa|Amanat al Asimah|15.37|44.19
YE|Yemeni|Asia/Aden|Aden|Aden|12.79|45.02
YE|Yemeni|Asia/Aden|Taiz|Taiz|13.58|44.02
YE|Yemeni|Asia/Aden|Marib|Marib|15.46|45.33
AF|Afghan|Asia/Kabul|Kabul|Kabul|34.53|69.17
AF|Afghan|Asia/Kabul|Kandahar|Kandahar|31.63|65.71
AF|Afghan|Asia/Kabul|Herat|Herat|34.35|62.2
AF|Afghan|Asia/Kabul|Jalalabad|Nangarhar|34.43|70.45
SO|Somali|Africa/Mogadishu|Mogadishu|Banadir|2.05|45.32
SO|Somali|Africa/Mogadishu|Kismayo|Lower Juba|-0.36|42.55
SO|Somali|Africa/Mogadishu|Baidoa|Bay|3.11|43.65
ML|Malian|Africa/Bamako|Bamako|Bamako|12.64|-8.0
ML|Malian|Africa/Bamako|Gao|Gao|16.27|-0.04
ML|Malian|Africa/Bamako|Timbuktu|Tombouctou|16.77|-3.01
ML|Malian|Africa/Bamako|Mopti|Mopti|14.49|-4.18
NG|Nigerian|Africa/Lagos|Maiduguri|Borno|11.85|13.16
NG|Nigerian|Africa/Lagos|Kaduna|Kaduna|10.52|7.44
NG|Nigerian|Africa/Lagos|Lagos|Lagos|6.52|3.38
NG|Nigerian|Africa/Lagos|Jos|Plateau|9.9|8.86
CD|Congolese|Africa/Lubumbashi|Goma|North Kivu|-1.68|29.22
CD|Congolese|Africa/Lubumbashi|Bunia|Ituri|1.56|30.25
CD|Congolese|Africa/Lubumbashi|Beni|North Kivu|0.49|29.47
CD|Congolese|Africa/Lubumbashi|Bukavu|South Kivu|-2.51|28.86
SD|Sudanese|Africa/Khartoum|Khartoum|Khartoum|15.5|32.56
SD|Sudanese|Africa/Khartoum|El Fasher|North Darfur|13.63|25.35
SD|Sudanese|Africa/Khartoum|Nyala|South Darfur|12.05|24.88
SD|Sudanese|Africa/Khartoum|Omdurman|Khartoum|15.64|32.48
UA|Ukrainian|Europe/Kyiv|Kharkiv|Kharkiv|49.99|36.23
UA|Ukrainian|Europe/Kyiv|Kherson|Kherson|46.64|32.62
UA|Ukrainian|Europe/Kyiv|Zaporizhzhia|Zaporizhzhia|47.84|35.14
UA|Ukrainian|Europe/Kyiv|Odesa|Odesa|46.48|30.72
MM|Myanmar|Asia/Yangon|Yangon|Yangon|16.87|96.2
MM|Myanmar|Asia/Yangon|Mandalay|Mandalay|21.97|96.08
MM|Myanmar|Asia/Yangon|Sittwe|Rakhine|20.15|92.9
MM|Myanmar|Asia/Yangon|Myitkyina|Kachin|25.38|97.4
CO|Colombian|America/Bogota|Cali|Valle del Cauca|3.45|-76.53
CO|Colombian|America/Bogota|Cucuta|Norte de Santander|7.89|-72.5
CO|Colombian|America/Bogota|Medellin|Antioquia|6.24|-75.58
MX|Mexican|America/Mexico_City|Culiacan|Sinaloa|24.8|-107.39
MX|Mexican|America/Mexico_City|Tijuana|Baja California|32.51|-117.04
MX|Mexican|America/Mexico_City|Acapulco|Guerrero|16.85|-99.82
PK|Pakistani|Asia/Karachi|Peshawar|Khyber Pakhtunkhwa|34.01|71.58
PK|Pakistani|Asia/Karachi|Quetta|Balochistan|30.18|66.98
PK|Pakistani|Asia/Karachi|Karachi|Sindh|24.86|67.01
LB|Lebanese|Asia/Beirut|Beirut|Beirut|33.89|35.5
LB|Lebanese|Asia/Beirut|Tyre|South|33.27|35.2
LB|Lebanese|Asia/Beirut|Tripoli|North|34.44|35.83
LY|Libyan|Africa/Tripoli|Tripoli|Tripoli|32.89|13.19
LY|Libyan|Africa/Tripoli|Benghazi|Benghazi|32.12|20.07
LY|Libyan|Africa/Tripoli|Misrata|Misrata|32.38|15.09
BF|Burkinabe|Africa/Ouagadougou|Ouagadougou|Centre|12.37|-1.52
BF|Burkinabe|Africa/Ouagadougou|Djibo|Sahel|14.1|-1.63
BF|Burkinabe|Africa/Ouagadougou|Fada N'Gourma|Est|12.06|0.36
ET|Ethiopian|Africa/Addis_Ababa|Mekelle|Tigray|13.5|39.47
ET|Ethiopian|Africa/Addis_Ababa|Gondar|Amhara|12.6|37.47
ET|Ethiopian|Africa/Addis_Ababa|Addis Ababa|Addis Ababa|9.03|38.74
PS|Palestinian|Asia/Gaza|Gaza|Gaza Strip|31.5|34.47
PS|Palestinian|Asia/Gaza|Jenin|West Bank|32.46|35.3
PS|Palestinian|Asia/Gaza|Nablus|West Bank|32.22|35.26
HT|Haitian|America/Port-au-Prince|Port-au-Prince|Ouest|18.54|-72.34
HT|Haitian|America/Port-au-Prince|Cap-Haitien|Nord|19.76|-72.2
"""


def _countries() -> list[tuple[str, str, str, list[tuple[str, str, float, float]]]]:
    by_code: dict[str, tuple[str, str, str, list[tuple[str, str, float, float]]]] = {}
    for row in PLACE_TABLE.strip().splitlines():
        code, adjective, tz, city, admin1, lat, lon = row.split("|")
        by_code.setdefault(code, (code, adjective, tz, []))[3].append((city, admin1, float(lat), float(lon)))
    return list(by_code.values())


COUNTRIES = _countries()

# (event_type, sub_event_type, weight, headline verb, noun)
EVENTS = [
    ("Battles", "Armed clash", 20, "clashed with", "fighting"),
    ("Battles", "Government regains territory", 2, "retook positions from", "offensive"),
    ("Battles", "Non-state actor overtakes territory", 2, "overran positions held by", "assault"),
    ("Explosions/Remote violence", "Air/drone strike", 10, "struck", "drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", 10, "shelled", "shelling"),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        6,
        "detonated a roadside bomb near",
        "explosion",
    ),
    ("Explosions/Remote violence", "Suicide bomb", 2, "carried out a suicide bombing against", "bombing"),
    ("Explosions/Remote violence", "Grenade", 2, "threw a grenade at", "grenade attack"),
    ("Violence against civilians", "Attack", 12, "attacked", "attack"),
    ("Violence against civilians", "Abduction/forced disappearance", 4, "abducted members of", "abduction"),
    ("Protests", "Peaceful protest", 12, "marched against", "demonstration"),
    ("Protests", "Protest with intervention", 4, "dispersed a protest by", "protest"),
    ("Protests", "Excessive force against protesters", 2, "opened fire on", "crackdown"),
    ("Riots", "Violent demonstration", 4, "rioted near", "riot"),
    ("Riots", "Mob violence", 2, "lynched", "mob violence"),
    ("Strategic developments", "Arrests", 3, "arrested members of", "arrests"),
    ("Strategic developments", "Agreement", 1, "signed a ceasefire with", "agreement"),
    ("Strategic developments", "Looting/property destruction", 2, "looted the property of", "looting"),
]
EVENT_WEIGHTS = [e[2] for e in EVENTS]

SCENES = ["heavy gunfire", "loud explosions", "panic in the streets", "smoke over the district"]
AFTERMATH = [
    "shops closed early",
    "roads were blocked",
    "families fled to nearby villages",
    "the power was cut",
]
CHANNELS = ["press conference", "office statement", "social media post", "interview"]
TAGS = [
    "ceasefire-violation",
    "cross-border",
    "checkpoint",
    "market",
    "hospital",
    "school",
    "convoy",
    "humanitarian",
    "election",
    "fuel-shortage",
    "curfew",
    "displacement",
    "night-raid",
    "drone",
    "ied",
    "kidnapping",
    "journalists",
    "aid-workers",
    "police-station",
    "military-base",
    "mosque",
    "church",
    "refugee-camp",
    "border-crossing",
    "oil-field",
    "airport",
    "port",
    "bridge",
    "power-plant",
    "water-supply",
    "university",
    "students",
    "farmers",
    "miners",
    "traders",
    "women",
    "children",
    "prison",
    "embassy",
    "un-mission",
]
PLACES = [
    "the central market",
    "a police checkpoint",
    "the main hospital",
    "a primary school",
    "the old city",
    "an army base",
    "the airport road",
    "a refugee camp",
    "the northern district",
    "a village outside town",
    "the bus station",
    "a mosque",
    "the university campus",
    "an aid convoy",
    "the border crossing",
]
FIRST = [
    "Ahmed",
    "Maria",
    "John",
    "Fatima",
    "Ali",
    "Olena",
    "Samuel",
    "Aisha",
    "Carlos",
    "Hassan",
    "Grace",
    "Omar",
    "Lina",
    "Peter",
    "Nadia",
    "Ibrahim",
    "Sofia",
    "Yusuf",
    "Amina",
    "David",
]
LAST = [
    "Hassan",
    "Okafor",
    "Kovalenko",
    "Rahimi",
    "Diallo",
    "Haddad",
    "Mendoza",
    "Ibrahim",
    "Mwangi",
    "Petrenko",
    "Salem",
    "Traore",
    "Khan",
    "Nasser",
    "Garcia",
    "Abebe",
    "Bakr",
    "Mohamud",
    "Aung",
    "Silva",
]
GROUP_WORDS = [
    "Liberation",
    "Revolutionary",
    "Popular",
    "National",
    "Islamic",
    "Democratic",
    "United",
    "Patriotic",
    "Resistance",
    "Defence",
    "Freedom",
    "Unity",
]
GROUP_NOUNS = ["Front", "Army", "Movement", "Brigade", "Forces", "Council", "Battalion", "Alliance"]
PUBLISHERS = [
    "Example Wire",
    "Daily Monitor",
    "The Frontline Post",
    "Regional Herald",
    "Global News Agency",
    "Field Report",
    "Crisis Desk",
    "Observer Network",
]
STANCES = [
    ("condemnation", 5),
    ("attribution", 3),
    ("denial", 2),
    ("claim_of_responsibility", 1),
    ("call_to_action", 2),
    ("warning", 2),
    ("threat", 1),
    ("other", 1),
]
QUOTES = {
    "condemnation": [
        "We condemn this cowardly attack on innocent people in {city}",
        "This heinous act against civilians in {city} will not go unanswered",
        "We strongly condemn the violence and extend our condolences to the families",
    ],
    "attribution": [
        "The {group} is responsible for this crime",
        "Our investigation shows the {group} planned the {noun}",
        "Evidence points to fighters of the {group}",
    ],
    "denial": [
        "We had nothing to do with the {noun} in {city}",
        "Our forces were not present in {city} that day",
        "These accusations are false and politically motivated",
    ],
    "claim_of_responsibility": [
        "Our fighters carried out the operation in {city}",
        "The {noun} was a response to the crimes of the occupiers",
    ],
    "call_to_action": [
        "We call on all parties to respect the ceasefire and protect civilians",
        "The international community must act now to stop the killing in {city}",
    ],
    "warning": [
        "Further attacks on {city} are expected in the coming days",
        "Residents should stay away from the {place_short} until further notice",
    ],
    "threat": ["Anyone who cooperates with the enemy in {city} will be punished"],
    "other": ["The situation in {city} remains tense but under control"],
}


def rfc3339(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


class Generator:
    def __init__(self, incidents: int, seed: int) -> None:
        self.n = incidents
        self.rng = random.Random(seed)
        self.seed = seed
        self.counter = 0
        self.actors: list[dict[str, Any]] = []  # id, name, kind, country
        self.by_country: dict[str, dict[str, list[dict[str, Any]]]] = {}

    def uid(self, what: str) -> str:
        self.counter += 1
        return str(uuid.uuid5(NAMESPACE, f"{self.seed}:{what}:{self.counter}"))

    def line(self, out: IO[bytes], kind: str, record_id: str, data: dict[str, Any]) -> None:
        out.write(orjson.dumps({"type": kind, "id": record_id, "data": data}))
        out.write(b"\n")

    # --- actors ---
    def make_actors(self, out: IO[bytes]) -> None:
        per_country = max(10, min(150, self.n // (30 * len(COUNTRIES)) + 10))
        rng = self.rng
        for code, adjective, _tz, cities in COUNTRIES:
            pool: dict[str, list[dict[str, Any]]] = {}

            def add(
                name: str,
                kind: str,
                bucket: str,
                code: str = code,
                pool: dict[str, list[dict[str, Any]]] = pool,
                adjective: str = adjective,
            ) -> None:
                actor = {"id": self.uid("actor"), "name": name[:200], "kind": kind, "country": code}
                pool.setdefault(bucket, []).append(actor)
                self.actors.append(actor)
                data: dict[str, Any] = {"name": actor["name"], "kind": kind, "country_code": code}
                if rng.random() < 0.3:
                    data["aliases"] = [f"{name.split()[0]} {rng.choice(GROUP_NOUNS)}"[:200]]
                if rng.random() < 0.5:
                    data["description"] = (
                        f"{kind.replace('_', ' ').capitalize()} active in {adjective} territory."
                    )
                self.line(out, "actor", actor["id"], data)

            add(f"Military Forces of {adjective} State", "security_force", "state")
            add(f"Police Forces of {adjective} State", "security_force", "state")
            add(f"{adjective} Government", "government", "state")
            add(f"{adjective} Ministry of the Interior", "government", "state")
            add(f"Civilians ({adjective})", "civilians", "civilians")
            add(f"Protesters ({adjective})", "protesters", "protesters")
            for city, _admin1, _lat, _lon in cities:
                add(f"Governor of {city}", "person", "officials")
            for i in range(per_country):
                roll = rng.random()
                if roll < 0.45:
                    name = (
                        f"{rng.choice(GROUP_WORDS)} {rng.choice(GROUP_WORDS)} {rng.choice(GROUP_NOUNS)} {i}"
                    )
                    add(name, "armed_group", "groups")
                elif roll < 0.7:
                    add(
                        f"{rng.choice(FIRST)} {rng.choice(LAST)} ({adjective} spokesperson {i})",
                        "person",
                        "officials",
                    )
                elif roll < 0.8:
                    add(
                        f"Embassy of {rng.choice(COUNTRIES)[1]} State in {cities[0][0]} {i}",
                        "diplomatic_mission",
                        "missions",
                    )
                elif roll < 0.9:
                    add(f"{adjective} Militia of {rng.choice(cities)[0]} {i}", "armed_group", "groups")
                else:
                    add(f"{rng.choice(PUBLISHERS)} correspondent {i}", "media", "media")
            self.by_country[code] = pool

    # --- incidents ---
    def incident(self, out: IO[bytes], index: int) -> None:
        rng = self.rng
        code, _adjective, tz, cities = rng.choice(COUNTRIES)
        city, admin1, lat, lon = rng.choice(cities)
        event_type, sub_type, _w, verb, noun = rng.choices(EVENTS, EVENT_WEIGHTS)[0]
        occurred = START + timedelta(seconds=rng.randrange(SPAN_SECONDS))
        pool = self.by_country[code]
        groups = pool.get("groups") or pool["state"]
        if event_type in ("Protests", "Riots"):
            perpetrator = rng.choice(pool["protesters"])
            target = rng.choice(pool["state"])
        elif event_type == "Violence against civilians":
            perpetrator, target = rng.choice(groups + pool["state"]), rng.choice(pool["civilians"])
        else:
            perpetrator, target = rng.choice(pool["state"]), rng.choice(groups)
        place = rng.choice(PLACES)
        killed = 0 if rng.random() < 0.35 else int(rng.paretovariate(1.6))
        injured = int(killed * rng.uniform(0.5, 3)) + rng.randrange(3)
        when = occurred.strftime("%d %B %Y")

        # The article(s): the incident's evidence and every quote below point into this text.
        n_sources = 1 if rng.random() < 0.7 else 2
        commentators = rng.sample(
            pool.get("officials", pool["state"]) + pool.get("missions", []),
            k=min(4, len(pool.get("officials", pool["state"]))),
        )
        n_statements = min(len(commentators), rng.choice((0, 1, 1, 2, 2, 2, 3, 3, 4)))
        speakers = commentators[:n_statements]
        lead = (
            f"{perpetrator['name']} {verb} {target['name']} near {place} in {city}, {admin1}, "
            f"on {when}, according to local officials and witnesses."
        )
        toll = (
            f"At least {killed} people were killed and {injured} others were wounded in the {noun}."
            if killed
            else f"No deaths were reported after the {noun}; {injured} people were treated for injuries."
        )
        context = (
            f"The {noun} comes amid rising tension in {admin1} province, where {target['name']} and "
            f"{perpetrator['name']} have traded accusations for weeks. Residents described "
            f"{rng.choice(SCENES)} and said {rng.choice(AFTERMATH)}."
        )
        quotes: list[tuple[dict[str, Any], str, str]] = []
        for speaker in speakers:
            stance = rng.choices([s for s, _ in STANCES], [w for _, w in STANCES])[0]
            quote = rng.choice(QUOTES[stance]).format(
                city=city, group=perpetrator["name"], noun=noun, place_short=place.split()[-1]
            )
            quotes.append((speaker, stance, quote))
        sources = []
        for s in range(n_sources):
            publisher = rng.choice(PUBLISHERS)
            dateline = f"{city.upper()}, {when} ({publisher}) - "
            parts = [dateline, lead, " ", toll, " ", context]
            my_quotes = quotes if s == 0 else quotes[: len(quotes) // 2]
            for speaker, _stance, quote in my_quotes:
                parts += [" ", f'"{quote}," {speaker["name"]} said.']
            parts.append(f" Reporting by {rng.choice(FIRST)} {rng.choice(LAST)}; item {index}-{s}.")
            text = "".join(parts)
            sid = self.uid("source")
            published = occurred + timedelta(hours=rng.randrange(1, 48))
            self.line(
                out,
                "source",
                sid,
                {
                    "kind": "news_article",
                    "title": f"{noun.capitalize()} in {city}: {killed} killed",
                    "publisher": publisher,
                    "url": f"https://news.example.org/{published:%Y/%m/%d}/{index}-{s}",
                    "published_at": rfc3339(published),
                    "language": "en",
                    "source_scale": rng.choice(["local", "national", "national", "international"]),
                    "text": text,
                },
            )
            sources.append((sid, text, published))

        first_id, first_text, _ = sources[0]
        lead_start = first_text.index(lead)
        actors = [
            {
                "actor_id": perpetrator["id"],
                "role": "perpetrator",
                "confidence": rng.choice(["confirmed", "confirmed", "alleged", "suspected"]),
            },
            {"actor_id": target["id"], "role": "target", "confidence": "confirmed"},
        ]
        extra = rng.choice((0, 0, 1, 1, 2, 3, 4))
        for speaker in speakers[:extra]:
            actors.append({"actor_id": speaker["id"], "role": "commentator", "confidence": "confirmed"})
        incident_id = self.uid("incident")
        precision = rng.choices(["exact", "hour", "day", "week", "month"], [2, 3, 10, 2, 1])[0]
        jitter = rng.uniform(-0.08, 0.08)
        self.line(
            out,
            "incident",
            incident_id,
            {
                "title": f"{noun.capitalize()} near {place} in {city}",
                "summary": f"{lead} {toll}",
                "event_type": event_type,
                "sub_event_type": sub_type,
                "occurred_at": rfc3339(occurred),
                "occurred_at_precision": precision,
                "timezone": tz,
                "location": {
                    "name": f"{place}, {city}",
                    "admin1": admin1,
                    "city": city,
                    "country_code": code,
                    "latitude": round(lat + jitter, 5),
                    "longitude": round(lon + jitter, 5),
                    "precision": rng.choice(["exact", "neighbourhood", "city", "city"]),
                },
                "status": rng.choices(["reported", "confirmed", "disputed"], [6, 3, 1])[0],
                "claim_status": rng.choices(["unknown", "unclaimed", "claimed", "denied"], [5, 3, 1, 1])[0],
                "tags": rng.sample(TAGS, k=rng.choice((0, 1, 2, 2, 3))),
                "source_ids": [sid for sid, _t, _p in sources],
                "actors": actors,
                "evidence": [
                    {"source_id": first_id, "start": lead_start, "end": lead_start + len(lead), "quote": lead}
                ],
            },
        )

        for speaker, stance, quote in quotes:
            start = first_text.index(quote)
            self.line(
                out,
                "statement",
                self.uid("statement"),
                {
                    "incident_id": incident_id,
                    "speaker_id": speaker["id"],
                    "kind": "direct_quote",
                    "text": quote,
                    "stated_at": (occurred + timedelta(hours=rng.randrange(1, 30)))
                    .isoformat()
                    .replace("+00:00", "Z"),
                    "stated_at_precision": "day",
                    "channel": rng.choice(
                        ["press conference", "office statement", "social media post", "interview"]
                    ),
                    "stance": stance,
                    "evidence": [
                        {"source_id": first_id, "start": start, "end": start + len(quote), "quote": quote}
                    ],
                },
            )

        n_reports = rng.choice((1, 1, 1, 2, 2, 2)) if rng.random() < 0.9 else 0
        for r in range(n_reports):
            sid, text, published = sources[r % len(sources)]
            start = text.index(toll)
            body: dict[str, Any] = {
                "incident_id": incident_id,
                "source_id": sid,
                "reported_at": rfc3339(published + timedelta(hours=r)),
                "group": "all",
                "evidence": [{"source_id": sid, "start": start, "end": start + len(toll), "quote": toll}],
            }
            if killed == 0 and injured == 0:
                body.update(killed=0, injured=0, qualifier="none_reported")
            elif r == 0:
                body.update(killed=killed, injured=injured, qualifier="at_least" if killed else "exact")
            else:
                body.update(
                    killed=killed + rng.randrange(3),
                    killed_min=killed,
                    killed_max=killed + 3,
                    qualifier="approximately",
                )
            self.line(out, "casualty_report", self.uid("report"), body)

    def write(self, out: IO[bytes]) -> None:
        self.make_actors(out)
        for index in range(self.n):
            self.incident(out, index)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--million", action="store_true", help="1,000,000 incidents")
    parser.add_argument("--seed", type=int, default=20241201)
    parser.add_argument("--out", help="file to write ('-' for stdout); default bench/data/incidents-N.ndjson")
    args = parser.parse_args(argv)
    n = 1_000_000 if args.million else args.incidents
    generator = Generator(n, args.seed)
    if args.out == "-":
        generator.write(sys.stdout.buffer)
        return 0
    path = Path(args.out) if args.out else Path(__file__).parent / "data" / f"incidents-{n}.ndjson"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb", buffering=1 << 20) as out:
        generator.write(out)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
