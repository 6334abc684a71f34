"""Who is named in the article: known actors, a curated list, name patterns, and generic references.

Mentions are found once over the whole text; an actor becomes part of the proposal only when a
later step gives it a part (a role, a statement, a casualty report), so the list stays short.
"""

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.ingest.extract.gazetteer import COUNTRY_ALIASES, DEMONYMS, gazetteer
from app.vocab import ActorKind

K = ActorKind


@dataclass(frozen=True)
class KnownActor:
    """An actor the database already holds: its names are recognised like the curated ones."""

    name: str
    kind: ActorKind
    aliases: Sequence[str] = ()
    country_code: str | None = None


@dataclass
class Actor:
    key: str
    name: str
    kind: K
    aliases: list[str] = field(default_factory=list)
    country_code: str | None = None
    description: str | None = None
    affiliated_with: list[str] = field(default_factory=list)
    heads: frozenset[str] = frozenset()
    first: tuple[int, int] | None = None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    key: str


# (name, kind, aliases, country code). Kept short: actors that recur in conflict reporting.
CURATED: list[tuple[str, K, tuple[str, ...], str | None]] = [
    # Before "Islamic State": a longer name of a branch is the branch, not the group.
    (
        "Islamic State Khorasan Province",
        K.armed_group,
        ("ISKP", "IS-K", "ISIS-K", "Islamic State Khorasan", "Islamic State-Khorasan"),
        "AF",
    ),
    ("Islamic State", K.armed_group, ("ISIS", "ISIL", "Daesh", "IS", "Islamic State group"), None),
    ("Hamas", K.armed_group, (), "PS"),
    ("Hezbollah", K.armed_group, ("Hizbollah", "Hizbullah"), "LB"),
    ("Islamic Resistance in Iraq", K.armed_group, (), "IQ"),
    ("Kataib Hezbollah", K.armed_group, ("Kata'ib Hezbollah", "Kataib Hizbollah"), "IQ"),
    ("Houthis", K.armed_group, ("Houthi", "Ansar Allah", "Houthi rebels"), "YE"),
    ("al-Qaeda", K.armed_group, ("Al-Qaeda", "al Qaeda", "Al Qaeda"), None),
    ("al-Shabaab", K.armed_group, ("Al-Shabaab", "al Shabaab", "Al Shabaab"), "SO"),
    ("Boko Haram", K.armed_group, (), "NG"),
    ("Taliban", K.armed_group, (), "AF"),
    ("Palestinian Islamic Jihad", K.armed_group, ("Islamic Jihad",), "PS"),
    ("Kurdistan Workers' Party", K.armed_group, ("PKK",), None),
    ("Rapid Support Forces", K.armed_group, ("RSF",), "SD"),
    ("M23", K.armed_group, ("March 23 Movement",), "CD"),
    ("JNIM", K.armed_group, ("Jama'at Nasr al-Islam wal Muslimin",), None),
    ("Hayat Tahrir al-Sham", K.armed_group, ("HTS",), "SY"),
    ("Wagner Group", K.armed_group, ("Wagner",), "RU"),
    ("Popular Mobilization Forces", K.armed_group, ("PMF", "Hashed al-Shaabi", "Hashd al-Shaabi"), "IQ"),
    ("Tehreek-e-Taliban Pakistan", K.armed_group, ("TTP", "Pakistani Taliban"), "PK"),
    ("Baloch Liberation Army", K.armed_group, ("BLA",), "PK"),
    ("Israel Defense Forces", K.security_force, ("IDF", "Israeli Defence Forces"), "IL"),
    ("United Nations", K.international_org, ("UN", "U.N."), None),
    ("MONUSCO", K.international_org, ("UN peacekeeping mission in Congo",), "CD"),
    ("UNIFIL", K.international_org, (), "LB"),
    ("UNAMI", K.international_org, ("UN Assistance Mission for Iraq",), "IQ"),
    ("MINUSMA", K.international_org, (), "ML"),
    ("UNMISS", K.international_org, (), "SS"),
    ("African Union Transition Mission in Somalia", K.international_org, ("ATMIS", "AMISOM"), "SO"),
    ("UN Security Council", K.international_org, ("Security Council",), None),
    ("NATO", K.international_org, (), None),
    ("European Union", K.international_org, ("EU",), None),
    ("African Union", K.international_org, ("AU",), None),
    ("International Committee of the Red Cross", K.international_org, ("ICRC", "Red Cross"), None),
    ("World Health Organization", K.international_org, ("WHO",), None),
    ("UNICEF", K.international_org, (), None),
    ("UNHCR", K.international_org, (), None),
    ("UNRWA", K.international_org, (), None),
    ("Amnesty International", K.international_org, ("Amnesty",), None),
    ("Human Rights Watch", K.international_org, ("HRW",), None),
    ("Doctors Without Borders", K.international_org, ("MSF", "Médecins Sans Frontières"), None),
    ("Reuters", K.media, (), None),
    ("Agence France-Presse", K.media, ("AFP",), None),
    ("Associated Press", K.media, ("AP",), None),
    ("BBC", K.media, (), None),
    ("Al Jazeera", K.media, ("Al-Jazeera",), None),
    ("CNN", K.media, (), None),
    ("Al Arabiya", K.media, (), None),
    ("Anadolu Agency", K.media, ("Anadolu",), None),
    ("Xinhua", K.media, (), None),
    ("TASS", K.media, (), None),
    ("Bloomberg", K.media, (), None),
    ("White House", K.government, (), "US"),
    ("State Department", K.government, ("US State Department",), "US"),
    ("Pentagon", K.government, (), "US"),
    ("Kremlin", K.government, (), "RU"),
]

_CURATED_RX = re.compile(
    r"(?<![\w-])("
    + "|".join(
        re.escape(n) for n in sorted({n for e in CURATED for n in (e[0], *e[2])}, key=len, reverse=True)
    )
    + r")(?![\w-])"
)

# Generic nouns that refer back to an actor named earlier ("the embassy", "the group").
HEADS = frozenset(
    "embassy consulate mission ministry government army military police militia militias group "
    "groups movement council coalition agency office department forces".split()
)
_KIND_HEADS: dict[K, frozenset[str]] = {
    K.armed_group: frozenset({"group", "militia", "militias", "groups", "movement"}),
    K.diplomatic_mission: frozenset({"embassy", "mission"}),
    K.government: frozenset({"government"}),
    K.security_force: frozenset({"forces"}),
}

_ORG_KINDS = frozenset({K.armed_group, K.other, K.international_org, K.protesters})

_COUNTRY = "|".join(
    re.escape(n) for n in sorted(set(COUNTRY_ALIASES) | {"Iraq", "Israel"}, key=len, reverse=True)
)
_DEMONYM = "|".join(sorted(DEMONYMS, key=len, reverse=True))
_CAP = r"[A-Z][A-Za-z'’]+"
_NAME_TOKEN = r"(?:(?:al|el|bin|ibn|abu|van|von|de|da|del|ul)[- ])?[A-Z][a-zA-Z'’]+(?:-[A-Za-z][a-zA-Z'’]+)*"
PERSON_NAME = rf"{_NAME_TOKEN}(?:\s+(?:(?:bin|ibn|abu|van|von|de|da|del|al|el)\s+)?{_NAME_TOKEN}){{1,3}}"

_TITLES = (
    r"(?:Prime Minister|Deputy Prime Minister|President|Vice President|(?:Foreign|Defence|Defense|Interior|"
    r"Health|Information|Finance) [Mm]inister|[Mm]inister(?: of [A-Z][a-z]+)?|Secretary of State|"
    r"Secretary-General|Secretary General|(?:Defense|Defence) Secretary|[Ss]pokes(?:man|woman|person)|"
    r"General|Gen\.|Lieutenant General|Lt\. Gen\.|Major General|Maj\. Gen\.|Brigadier General|Colonel|"
    r"Col\.|Major|Captain|Capt\.|[Cc]ommander|Mayor|[Gg]overnor|Sheikh|Ayatollah|King|Queen|Prince|"
    r"Senator|Sen\.|Ambassador|[Aa]mbassador|[Ee]nvoy|Chief|[Ll]eader|[Aa]nalyst|[Ww]itness|[Rr]esident|"
    r"[Dd]irector|Dr\.|Mr\.|Mrs\.|Ms\.|Pope|Emir|Chancellor|Speaker)"
)
_PERSON_AFTER_TITLE = re.compile(rf"\b(?P<title>{_TITLES})\s+(?P<name>{PERSON_NAME})")
# "Name Name said", "said Name Name": a speaking verb next to a full name.
_SPEAKING = r"(?:said|says|told|added|wrote|stated|warned|explained|noted)"
_PERSON_BEFORE_VERB = re.compile(rf"(?<![\w’'-])(?P<name>{PERSON_NAME}),?\s+{_SPEAKING}\b")
_PERSON_AFTER_VERB = re.compile(rf"\b{_SPEAKING}\s+(?P<name>{PERSON_NAME})\b")

NOT_NAME_WORDS = frozenset(
    "The A An This That These Those It He She They We I But And Or If As On In At By For From Of To "
    "With After Before Following According Meanwhile However Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October November "
    "December Ministry Embassy Government Forces Army Police Council Agency News Office Department "
    "Mission Group Party Movement Front Brigade Brigades Resistance Islamic State United Nations Union "
    "Reuters AFP Minister President Prime Street Square Road Province City District Zone Green "
    "Spokesperson Spokesman Spokeswoman Officials Security Health Interior Defence Defense Foreign "
    "Red Cross Videos Video Photos Web Desk Staff Reporter Correspondent Additionally Earlier Later "
    "Also Other Some Several Many Most Police Military Militants Protesters Residents Witnesses "
    "Economics Network Society Bank Institute Foundation Association Committee Commission Authority "
    "Company Corporation Regional National Federal Central Doctors Hospital University Governor Mayor "
    "General Colonel Captain Major Commander Sheikh Ambassador Senator Chancellor King Queen Prince Emir "
    "Finance Deputy Vice Secretary Chief Director Pope Speaker Mr Mrs Ms Dr Lieutenant Brigadier Sergeant "
    "Lt Col Gen Maj Capt Sgt Cpl Private Corporal Admiral Marshal Field".split()
)

_PATTERN_ACTORS: list[tuple[re.Pattern[str], K, str]] = [
    # "the US embassy in Baghdad", "the Iraqi embassy", "the embassy of France in Kabul"
    (
        re.compile(
            rf"\b(?:(?:{_COUNTRY}|{_DEMONYM})(?:'s)?\s+(?:[Ee]mbassy|[Cc]onsulate)(?:\s+in\s+{_CAP})?|"
            rf"(?:Embassy|embassy|Consulate|consulate) of (?:the )?(?:{_COUNTRY}|[A-Z][a-z]+)(?:\s+in\s+{_CAP})?)"
        ),
        K.diplomatic_mission,
        "",
    ),
    # "the UN mission in Iraq", "UNAMI"
    (
        re.compile(
            r"\b(?:UN|U\.N\.|United Nations|EU|European Union|African Union|NATO)\s+"
            r"(?:peacekeeping\s+|political\s+|refugee\s+)?"
            rf"(?:[Mm]ission|[Oo]ffice|[Ee]nvoy|[Aa]gency|[Aa]ssistance [Mm]ission)(?:\s+(?:in|to|for)\s+(?:the\s+)?{_CAP})?"
        ),
        K.international_org,
        "",
    ),
    # "Iran-backed militias", "Russian-backed separatists"
    (
        re.compile(
            rf"\b(?:{_COUNTRY}|{_DEMONYM}|[A-Z][a-z]+)-(?:backed|aligned|allied|linked|affiliated)\s+"
            r"(?:armed\s+|militant\s+)?(?:militias?|groups?|fighters|rebels|militants|forces|separatists|paramilitar(?:y|ies))"
        ),
        K.armed_group,
        "",
    ),
    # "Government of Iraq", "the Iraqi government", "Iraq's government"
    (
        re.compile(
            rf"\b(?:Government of (?:the\s+)?(?:{_COUNTRY}|{_CAP})|(?:{_DEMONYM}|{_COUNTRY})(?:'s)?\s+[Gg]overnment)"
        ),
        K.government,
        "",
    ),
    # "the Iraqi Interior Ministry", "Ministry of Defence", "Gaza's health ministry"
    (
        re.compile(
            rf"\b(?:(?:(?:{_DEMONYM}|{_COUNTRY})(?:'s)?\s+)?(?:Defen[cs]e|Interior|Foreign|Health|Information|"
            rf"defen[cs]e|interior|foreign|health)\s+[Mm]inistry|Ministry of (?:the\s+)?{_CAP}(?:\s+Affairs)?"
            rf"(?:\s+of\s+(?:{_COUNTRY}))?)"
        ),
        K.government,
        "",
    ),
    # "Gaza's civil defence agency", "the civil defence"
    (
        re.compile(
            r"\b(?:[A-Z][a-z]+(?:'s|’s)?\s+)?[Cc]ivil [Dd]efen[cs]e(?:\s+(?:agency|service|directorate))?"
        ),
        K.other,
        "",
    ),
    # "Iraqi security forces", "the Israeli military", "Russian troops"
    (
        re.compile(
            rf"\b(?:{_DEMONYM}|{_COUNTRY})\s+(?:security forces|armed forces|army|military|police|troops|"
            r"forces|soldiers|air force|navy|border guards|counter-terrorism forces|Army|Police|Air Force)"
        ),
        K.security_force,
        "",
    ),
]

# Capitalised names ending in an organisation word: "Kurdistan Regional Government",
# "Law Society of Kenya", "Sudan Doctors Network", "Kenya Red Cross".
_ORG_WORDS: list[tuple[str, K]] = [
    (r"Government|Ministry|Authority|Presidency", K.government),
    (r"Army|Police|Guard|Forces", K.security_force),
    (r"Brigades?|Front|Movement|Battalion", K.armed_group),
    (
        r"Network|Society|Committee|Commission|Council|Institute|Foundation|Association|Union|Party|"
        r"Red Cross|Red Crescent|Observatory|Federation|Coalition|Syndicate|Centre|Center",
        K.other,
    ),
]
_ORG_PATTERNS = [
    (
        re.compile(
            rf"(?<![\w-])(?:(?:{_CAP}|of|for|and)\s+){{0,4}}?{_CAP}\s+(?:{words})(?:\s+(?:of|for)\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})?)?(?![\w-])"
        ),
        kind,
    )
    for words, kind in _ORG_WORDS
]
_ORG_LEADING_NOISE = re.compile(
    r"^(?:(?:The|A|An|In|On|At|But|And|According|Following|After|While|When|As)\s+)+"
)

_DEMONYM_OR_COUNTRY = re.compile(rf"\b({_DEMONYM}|{_COUNTRY})\b")


def slug(name: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return s[:60] or "actor"


class Registry:
    """Actors and their mentions in one article."""

    def __init__(self, text: str, known: Sequence[KnownActor]) -> None:
        self.text = text
        self.actors: dict[str, Actor] = {}
        self.mentions: list[Mention] = []
        self._starts: list[int] = []
        self._by_name: dict[str, str] = {}
        self._find(known)

    # -- building -------------------------------------------------------------------------
    def add(
        self,
        name: str,
        kind: K,
        aliases: Iterable[str] = (),
        country_code: str | None = None,
        description: str | None = None,
    ) -> Actor:
        name = re.sub(r"^(?:the|The)\s+", "", name.strip())
        existing = self._by_name.get(name.lower())
        if existing:
            return self.actors[existing]
        # "US embassy" and "US embassy in Baghdad" are one actor, named by the longer form.
        for other in self.actors.values():
            if other.kind is not kind:
                continue
            if other.name.startswith(name + " in "):
                other.aliases.append(name)
                self._by_name[name.lower()] = other.key
                return other
            if name.startswith(other.name + " in "):
                other.aliases.append(other.name)
                other.name = name
                self._by_name[name.lower()] = other.key
                return other
        key = base = slug(name)
        n = 2
        while key in self.actors:
            key, n = f"{base}-{n}", n + 1
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
        heads = frozenset(words & HEADS) | _KIND_HEADS.get(kind, frozenset())
        actor = Actor(key, name, kind, [], country_code, description, heads=heads)
        self.actors[key] = actor
        self._by_name[name.lower()] = key
        for alias in aliases:
            if alias and alias.lower() not in self._by_name:
                actor.aliases.append(alias)
                self._by_name[alias.lower()] = key
        return actor

    def _find(self, known: Sequence[KnownActor]) -> None:
        text = self.text
        found: list[Mention] = []
        names: dict[str, str] = {}  # surface form → key
        for k in known:
            a = self.add(k.name, k.kind, k.aliases, k.country_code)
            for n in (k.name, *k.aliases):
                names.setdefault(n, a.key)
        present = set(_CURATED_RX.findall(text))
        for name, kind, aliases, cc in CURATED:
            if not present.intersection((name, *aliases)):
                continue
            # A known actor with one of these names is the same actor: the database's name wins.
            same = next(
                (self._by_name[n.lower()] for n in (name, *aliases) if n.lower() in self._by_name), None
            )
            a = self.actors[same] if same else self.add(name, kind, aliases, cc)
            for n in (name, *aliases):
                names.setdefault(n, a.key)
        for rx, kind, _ in _PATTERN_ACTORS:
            for m in rx.finditer(text):
                surface = m.group(0)
                a = self.add(surface, kind, (), _country_of(surface))
                names.setdefault(re.sub(r"^(?:the|The)\s+", "", surface), a.key)
        for rx, kind in _ORG_PATTERNS:
            for m in rx.finditer(text):
                surface = _ORG_LEADING_NOISE.sub("", m.group(0))
                if not surface or surface.split()[0] in ("of", "for", "and") or len(surface.split()) < 2:
                    continue
                if surface in names or re.sub(r"^(?:the|The)\s+", "", surface) in names:
                    continue
                a = self.add(surface, kind, (), _country_of(surface))
                names.setdefault(surface, a.key)
        if re.search(r"(?<![\w-])[Pp]olice(?![\w-])", text):
            a = self.add("Police", K.security_force, ("police",))
            names.setdefault("police", a.key)
            names.setdefault("Police", a.key)
        for m in _PERSON_AFTER_TITLE.finditer(text):
            self._person(m.group("name"), names, m.group("title"), m.start())
        for rx in (_PERSON_BEFORE_VERB, _PERSON_AFTER_VERB):
            for m in rx.finditer(text):
                self._person(m.group("name"), names, None, m.start())
        # Countries act too ("Iran denied...", "Israel said..."): state actors, recognised by name.
        g = gazetteer()
        candidates = [
            m.group(1) for m in re.finditer(r"(?<![\w-])(?=([A-Z][a-z]+ [A-Z][a-z]+)(?![\w-]))", text)
        ]
        candidates += re.findall(rf"(?<![\w-])({_COUNTRY}|[A-Z][a-z]+)(?![\w-])", text)
        for surface in dict.fromkeys(candidates):
            if surface in names:
                continue
            place = g.country(surface)
            if place is not None:
                a = self.add(
                    place.name, K.state, (surface,) if surface != place.name else (), place.country_code
                )
                names.setdefault(surface, a.key)
        # Names of several words match in any case ("US Embassy" in the database, "US embassy" in
        # the article); single words as written ("IS", "WHO", and "Hunt" is not "hunt").
        exact = [n for n in names if " " not in n]
        folded = {n.lower(): k for n, k in names.items() if " " in n}
        for group, flags, lookup in ((exact, 0, names), (list(folded), re.IGNORECASE, folded)):
            if not group:
                continue
            alternation = "|".join(re.escape(n) for n in sorted(group, key=len, reverse=True))
            for m in re.finditer(rf"(?<![\w-])(?:{alternation})(?![\w-])", text, flags):
                surface = m.group(0) if flags == 0 else m.group(0).lower()
                if surface in lookup:
                    found.append(Mention(m.start(), m.end(), lookup[surface]))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        last_end = -1
        for mention in found:
            if mention.start >= last_end:
                self.mentions.append(mention)
                last_end = mention.end
        self._merge_appositions()
        for mention in self.mentions:
            actor = self.actors[mention.key]
            if actor.first is None:
                actor.first = (mention.start, mention.end)

    def _merge_appositions(self) -> None:
        """'The UN peacekeeping mission, MONUSCO, said': the acronym and the description are one actor."""
        remap: dict[str, str] = {}
        for a, b in zip(self.mentions, self.mentions[1:], strict=False):
            between = self.text[a.end : b.start]
            acronym = self.text[b.start : b.end]
            after = self.text[b.end : b.end + 1]
            if between in (", ", " (") and acronym.isupper() and after in (",", ")") and a.key != b.key:
                remap[a.key] = b.key
                self.actors[b.key].aliases.append(self.actors[a.key].name)
        if remap:
            self.mentions = [Mention(m.start, m.end, remap.get(m.key, m.key)) for m in self.mentions]
            self._starts = []
            for old in remap:
                del self.actors[old]

    def _person(self, name: str, names: dict[str, str], title: str | None, pos: int) -> None:
        tokens = name.split()
        # Cut trailing words that are not names ("Smith Friday" → "Smith").
        while tokens and tokens[-1] in NOT_NAME_WORDS:
            tokens.pop()
        while tokens and tokens[0] in NOT_NAME_WORDS:
            tokens.pop(0)
        if len(tokens) < 2 or any(t in NOT_NAME_WORDS for t in tokens):
            return
        name = " ".join(tokens)
        if name in names or gazetteer().city(name) or gazetteer().country(name):
            return
        description = None
        if title:
            before = self.text[max(0, pos - 40) : pos]
            qualifier = re.search(rf"({_DEMONYM}|{_CAP})\s*$", before)
            description = f"{qualifier.group(1)} {title}" if qualifier else title
        surname = tokens[-1]
        aliases = [surname] if len(surname) > 3 and surname not in names else []
        if surname.startswith(("al-", "el-")) and len(surname) > 6:
            aliases.append(surname[3:])
        a = self.add(name, K.person, aliases, None, description)
        for n in (name, *aliases):
            names.setdefault(n, a.key)

    # -- lookup ---------------------------------------------------------------------------
    def add_mention(self, start: int, end: int, key: str) -> None:
        """A mention found late (a speaker named only next to a verb), kept in order."""
        if any(m.start < end and start < m.end for m in self.starting_in(max(0, start - 200), end)):
            return
        bisect.insort(self.mentions, Mention(start, end, key), key=lambda m: m.start)
        self._starts = []
        actor = self.actors[key]
        if actor.first is None or start < actor.first[0]:
            actor.first = (start, end)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Mentions inside [start, end)."""
        return [m for m in self.starting_in(start, end) if m.end <= end]

    def starting_in(self, start: int, end: int) -> list[Mention]:
        """Mentions that start in [start, end): a binary search, as long articles have thousands."""
        if len(self._starts) != len(self.mentions):
            self._starts = [m.start for m in self.mentions]
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return self.mentions[lo:hi]

    def by_head(self, head: str, before: int, since: int = 0) -> Actor | None:
        """The actor a generic noun ("the embassy") refers to: the latest one named before `before`.

        "the group" may mean any organisation, so it only looks back from `since` (the caller
        passes the start of the previous paragraph)."""
        if head in ("group", "groups", "organisation", "organization"):
            candidates = [
                m
                for m in self.mentions
                if since <= m.start < before and self.actors[m.key].kind in _ORG_KINDS
            ]
        else:
            candidates = [m for m in self.mentions if m.start < before and head in self.actors[m.key].heads]
        return self.actors[candidates[-1].key] if candidates else None


def _country_of(surface: str) -> str | None:
    m = _DEMONYM_OR_COUNTRY.search(surface)
    if not m:
        return None
    word = m.group(1)
    if word in DEMONYMS:
        return DEMONYMS[word]
    place = gazetteer().country(word)
    return place.country_code if place else None
