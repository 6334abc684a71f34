"""Casualty figures: "two killed", "at least 15 wounded", "killing three soldiers", "no casualties".

A figure is only read when the count sits right next to a casualty word, so "2,500 troops were
deployed", "more than 70 attacks" and "two rocket salvos" never match. Sentences about other
periods (cumulative tolls, earlier years) are skipped: a wrong number is worse than a miss.
"""

import re
from dataclasses import dataclass

from app.ingest.extract.numbers import NUMBER, parse_number
from app.vocab import CasualtyGroup, Qualifier

G = CasualtyGroup

_QUALIFIERS: dict[str, Qualifier] = {
    "at least": Qualifier.at_least,
    "more than": Qualifier.at_least,
    "over": Qualifier.at_least,
    "no fewer than": Qualifier.at_least,
    "a minimum of": Qualifier.at_least,
    "about": Qualifier.approximately,
    "around": Qualifier.approximately,
    "approximately": Qualifier.approximately,
    "some": Qualifier.approximately,
    "nearly": Qualifier.approximately,
    "almost": Qualifier.approximately,
    "roughly": Qualifier.approximately,
    "an estimated": Qualifier.approximately,
    "up to": Qualifier.approximately,
}
_QUAL = r"(?:(?P<qual>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"

_GROUPS: list[tuple[str, CasualtyGroup]] = [
    (r"soldiers?|troops|servicem[ae]n|service members|military personnel|marines", G.military),
    (
        r"police(?:men|women| officers)?|policem[ae]n|officers|guards|security personnel|"
        r"members of the security forces|security forces|border guards",
        G.security_forces,
    ),
    (
        r"civilians?|children|women|students|worshippers|residents|villagers|passengers|"
        r"pilgrims|shoppers|journalists|aid workers|farmers|protesters|demonstrators",
        G.civilians,
    ),
    (r"fighters|militants|insurgents|rebels|combatants|militiamen|jihadists", G.combatants),
    (r"diplomats|embassy staff|diplomatic staff|staff members", G.diplomatic_staff),
    (r"attackers|gunmen|assailants|bombers|suicide bombers", G.perpetrators),
    (
        r"people|persons|others|individuals|members|workers|employees|family members|Palestinians|Israelis|Iraqis",
        G.all,
    ),
]
_GROUP = "|".join(f"(?:{g})" for g, _ in _GROUPS)
_ADJ = r"(?:[A-Za-z.'’-]+\s+){0,2}?"
_KILLED = r"killed|dead|died|slain|shot dead|lost their lives"
_INJURED = r"wounded|injured|hurt"
_BE = r"(?:\s+(?:were|was|have been|has been|had been|are|being|reportedly|also|later|were also|were reportedly))*"

_PASSIVE = re.compile(
    rf"(?<![\w,.])(?<!\d[,.]){_QUAL}(?P<num>{NUMBER})(?:\s+{_ADJ}(?P<group>{_GROUP}))?{_BE}\s+"
    rf"(?:(?P<k>{_KILLED})|(?P<i>{_INJURED}))\b(?!\s+(?:or|and/or)\s+(?:{_KILLED}|{_INJURED}))",
    re.I,
)
_ACTIVE = re.compile(
    rf"\b(?:(?P<k>killing|killed|kills|kill|shot dead|shooting dead|shoot dead)|(?P<i>wounding|wounded|injuring|injured|wound|injure))\s+{_QUAL}(?P<num>{NUMBER})"
    rf"(?:\s+{_ADJ}(?P<group>{_GROUP}))?(?=[\s,.;:)]|$)(?!\s+(?:times|years|months|weeks|days|hours|minutes|percent|per cent|%))",
    re.I,
)
_BODIES = re.compile(
    rf"(?<![\w,.]){_QUAL}(?P<num>{NUMBER})\s+(?:dead\s+)?(?P<k>bodies|corpses)\b",
    re.I,
)
_LEFT = re.compile(
    rf"\bleft\s+{_QUAL}(?P<num>{NUMBER})(?:\s+{_ADJ}(?P<group>{_GROUP}))?\s+(?:(?P<k>dead)|(?P<i>wounded|injured))",
    re.I,
)
_TOLL = re.compile(
    rf"\b(?:death |casualty |the )toll\b[^.;]{{0,40}}?\b(?:to|at|of|reached|is|was|stood at)\s+{_QUAL}(?P<num>{NUMBER})\b(?!\s*(?:percent|per cent|%))",
    re.I,
)
_NONE = re.compile(
    r"\bno (?:immediate )?(?:reports? of )?(?:casualties|injuries|deaths|fatalities|one (?:was|were) (?:hurt|"
    r"injured|killed|harmed))|\bnobody was (?:hurt|injured|killed|harmed)|\bno one was (?:hurt|injured|killed|"
    r"harmed)|\bwithout (?:causing )?(?:any )?casualties|\bno casualties\b|\bnone (?:was|were) (?:hurt|injured|"
    r"killed|harmed)",
    re.I,
)
# Sentences about another time or a running total: their figures are not this event's.
_OTHER_PERIOD = re.compile(
    r"\b(?:since|so far|this year|last year|last month|in (?:19|20)\d\d|in total|a total of|overall|"
    r"has killed|have killed|had killed|has left|have left|cumulative|previous|earlier attacks?|"
    r"similar attack|war has|conflict has)\b",
    re.I,
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could have|would have|might have|threaten(?:ed)? to|plan(?:ned)? to)\b", re.I
)


@dataclass(frozen=True)
class Figure:
    killed: int | None
    injured: int | None
    group: CasualtyGroup
    qualifier: Qualifier
    start: int
    end: int


def _group(word: str | None) -> CasualtyGroup:
    if not word:
        return G.all
    for rx, g in _GROUPS:
        if re.fullmatch(rx, word, re.I):
            return g
    return G.all


def figures(text: str, start: int, end: int) -> list[Figure]:
    """Casualty figures in one sentence, killed and injured of the same group merged."""
    s = text[start:end]
    if _OTHER_PERIOD.search(s) or _HYPOTHETICAL.search(s):
        return []
    raw: list[Figure] = []
    taken: list[tuple[int, int]] = []
    for rx in (_TOLL, _BODIES, _LEFT, _ACTIVE, _PASSIVE):
        for m in rx.finditer(s):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            n = parse_number(m.group("num"))
            if n is None:
                continue
            # "No one was hurt" is no casualty figure of one.
            if re.search(r"\b(?:no|not|none|nobody)\s+$", s[: m.start()], re.I):
                continue
            group_word = m.groupdict().get("group")
            # A bare four-digit number before "killed" is a year ("in 2014 killed"), not a count.
            if not group_word and 1900 <= n <= 2100 and "," not in m.group("num"):
                continue
            qual = _QUALIFIERS.get((m.group("qual") or "").lower(), Qualifier.exact)
            injured = bool(m.groupdict().get("i"))
            taken.append((m.start(), m.end()))
            raw.append(
                Figure(
                    None if injured else n,
                    n if injured else None,
                    _group(group_word),
                    qual,
                    start + m.start(),
                    start + m.end(),
                )
            )
    if not raw:
        none = _NONE.search(s)
        if none:
            return [Figure(0, 0, G.all, Qualifier.none_reported, start + none.start(), start + none.end())]
        return []
    raw.sort(key=lambda f: f.start)
    merged: list[Figure] = []
    for f in raw:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.group in (f.group, G.all)
            and (prev.killed is None) != (f.killed is None)
            and (prev.injured is None) != (f.injured is None)
            and (f.group is G.all or prev.group is f.group)
            and (Qualifier.exact in (prev.qualifier, f.qualifier) or prev.qualifier is f.qualifier)
        ):
            # One qualifier per report: "killing 27 and wounding at least 60" is at least.
            merged[-1] = Figure(
                prev.killed if prev.killed is not None else f.killed,
                prev.injured if prev.injured is not None else f.injured,
                prev.group,
                f.qualifier if prev.qualifier is Qualifier.exact else prev.qualifier,
                prev.start,
                max(prev.end, f.end),
            )
        else:
            merged.append(f)
    return merged
