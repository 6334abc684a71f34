"""Direct quotes, paraphrased claims, and who said them.

A speaker is only given when the words around the quote name one: a named actor, or a reference
("the spokesperson", "he", "it", "his office", "the embassy") that resolves to an actor named
earlier in the same paragraph, or (for a generic noun) to the only actor it can mean. A quote
whose speaker stays unknown is left out: no speaker is better than a wrong one.
"""

import re
import sys
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from app.ingest.extract.actors import (
    BUSINESS_HEADS,
    HEADS,
    KIN,
    NOT_NAME_WORDS,
    PERSON_NAME,
    TRADES,
    Actor,
    Mention,
    Registry,
    without_trade,
)
from app.ingest.extract.gazetteer import gazetteer
from app.ingest.extract.text import Paragraph, QuoteSpan, Sentence
from app.vocab import ActorKind, Stance, StatementKind

VERBS = (
    r"(?:said|says|told|tells|added|adds|stated|wrote|writes|tweeted|posted|declared|announced|insisted|"
    r"warned|stressed|noted|explained|continued|claimed|denied|replied|urged|asked|recalled|admitted|"
    r"acknowledged|reported|confirmed|vowed|argued|alleged|threatened|describing|described|"
    r"calling|called|saying|adding|blamed|accused|condemned|denounced|dismissed|rejected)"
)
_MASK = "§"
_OPENS_ON_BODY = re.compile(r"\s*[Tt]he\s+(?:[\w-]+\s+){0,2}?(?P<head>[a-z]+)\s+(?!said\b|says\b)[a-z]+")
_OWNED_NAME = re.compile(
    r"(?:[A-Z][\w&.-]*\s+){0,2}[A-Z][\w&.-]*['’]s\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})"
)
_UNKNOWN_HEAD_BEFORE = re.compile(
    r"(?:[Tt]he\s+)?[A-Z][a-z]+\s+(?:of|to|for)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,6}?"
)
_PARTICIPLES = frozenset({"describing", "calling", "saying", "adding"})
_PRONOUNS_PERSON = frozenset({"he", "she"})
_SPOKES = re.compile(r"\b(?:spokes(?:man|woman|person)|official|representative)\b", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True)
class Speaker:
    key: str
    channel: str | None
    score: float


@dataclass(frozen=True)
class Statement:
    speaker: Speaker
    kind: StatementKind
    start: int
    end: int
    evidence: tuple[int, int]
    stance: Stance


class Attributor:
    """Resolves speaker phrases against a registry, paragraph by paragraph."""

    def __init__(self, text: str, registry: Registry, paragraphs: list[Paragraph]) -> None:
        self.text = text
        self.reg = registry
        self.paragraphs = paragraphs
        self.quote_spans: list[tuple[int, int]] = []
        self.last_spokes: dict[int, str] = {}  # paragraph → key of the last "spokesperson" speaker
        self.last_spokes_key: str | None = None
        self.last_speaker_key: str | None = None
        self.last_speaker_para: int | None = None  # paragraph of the last resolved speaker
        self.last_statement_key: str | None = None
        # (paragraph, speaker) of a quotation left open at the end of its paragraph.
        self.continued: tuple[int, Speaker] | None = None
        # The speakers finally given to each paragraph's quotations, in order (None: nobody's).
        self.given: dict[int, list[Speaker | None]] = {}
        # (paragraph, owner) of "the statement" that spoke last.
        self.statement_voice: tuple[int, str] | None = None

    def _in_quote(self, pos: int) -> bool:
        # Spans are sorted and do not overlap: the one starting at or before `pos` is the only one
        # that can hold it (a scan of all spans made an article of many quotes quadratic).
        i = bisect_right(self.quote_spans, (pos, sys.maxsize)) - 1
        return i >= 0 and pos < self.quote_spans[i][1]

    def _unquoted_word(self, start: int, end: int) -> bool:
        """Whether text[start:end] holds a word outside its quotations; stops at the first (the
        whole of a long paragraph for every quotation in it was quadratic)."""
        at = start
        i = max(bisect_right(self.quote_spans, (start, sys.maxsize)) - 1, 0)
        for a, b in self.quote_spans[i:]:
            if a >= end:
                break
            if b > at:
                if _WORD.search(self.text, at, max(at, a)):
                    return True
                at = b
        return bool(_WORD.search(self.text, at, max(at, end)))

    def _unquoted(self, start: int, end: int) -> str:
        """text[start:end] without its quotations."""
        parts, at = [], start
        i = max(bisect_right(self.quote_spans, (start, sys.maxsize)) - 1, 0)
        for a, b in self.quote_spans[i:]:
            if a >= end:
                break
            if b > at:
                parts.append(self.text[at : max(at, a)])
                at = b
        parts.append(self.text[at:end])
        return "".join(parts)

    def resolve(self, start: int, end: int, rest: str = "") -> Speaker | None:
        """The actor a speaker phrase (text[start:end]) names or refers to."""
        lead = re.match(r"\s*(?:(?:but|and|while|as|so|then|yet)\s+)*", self.text[start:end], re.I)
        start += lead.end() if lead else 0
        phrase = self.text[start:end].strip()
        if not phrase:
            return None
        para = next(p for p in self.paragraphs if p.start <= start <= p.end)
        low = phrase.lower()
        words = re.findall(r"[a-z]+", low)
        if not words:
            return None
        if _ABOUT_THE_WORDS.match(phrase) or _ON_BEHALF_OF.match(phrase):
            return None
        owned = _OWNED_NAME.fullmatch(phrase)
        if owned:
            # "MWM's Hussaini said": the party's Hussaini named before, by his surname.
            known = self.reg.named(owned.group("name"))
            if known is not None and known.kind is ActorKind.person:
                return self.resolve(start + owned.start("name"), start + owned.end("name"), rest)
        owner_described = _OWNER_DESCRIBED.fullmatch(phrase)
        if owner_described and not _not_a_person(owner_described.group("name")):
            # '"…," said Yesh Din's field researcher Eyal Shani': he speaks, not the body he works for.
            a, b = start + owner_described.start("name"), start + owner_described.end("name")
            researcher = self.reg.add(owner_described.group("name"), ActorKind.person)
            self.reg.add_mention(a, b, researcher.key)
            return self._spoke(researcher, start, low, para, self._channel(low, rest), 0.75)
        if _RELATIVE_OF.fullmatch(phrase):
            # '"…," said Hazrat Ali's elder brother, Noor Muhammad,': the relative, named next or not
            # at all; never the one whose relative he is.
            relative = _NAME_AFTER_KIN.match(self.text, start + len(self.text[start:end].rstrip()))
            if relative is None:
                return None
            return Speaker(self.reg.add(relative.group("name"), ActorKind.person).key, None, 0.7)
        # "Institute for Conflict and Security Studies": words inside a name found in the text.
        bare = low
        named = self.reg.mentions_in(start, end)
        for x in named:
            a, b = x.start - start, x.end - start
            bare = bare[:a] + " " * (b - a) + bare[b:]
        # A long name found in the text counts as one word ("the United Nations Relief and Works …").
        if len(re.findall(r"[a-z]+", bare)) + len(named) > 10:
            return self._titled_person(phrase, start, bare, named, para)
        persons = [x for x in named if self.reg.actors[x.key].kind is ActorKind.person]
        if (
            len({x.key for x in persons}) == 1
            and persons[-1].end == start + len(phrase)
            # (offices in lower case right before the name: not "Samir Haddad", a first name before
            # a surname another person has)
            and re.fullmatch(r"(?:[\w()'’.-]+\s+){0,7}?[a-z][\w-]*\s+", self.text[start : persons[-1].start])
            # (nor "Jane Roe and John Doe": another name among the words before)
            and not re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", self.text[start : persons[-1].start])
            and not re.search(r"\b(?:was|were|is|are|had|has|have|who|which|that)\b", bare)
        ):
            # "Kulgam legislator and CPI(M) leader MY Tarigami": one person, named after all his offices.
            return self._spoke(
                self.reg.actors[persons[-1].key], start, low, para, self._channel(low, rest), 0.8
            )
        for title_and in re.finditer(
            r"\b[A-Z][a-z]+( and )(?=(?:[A-Z][a-z]+\s+){0,2}(?:Commissioner|Minister|Secretary|Director|Officer|"
            r"Inspector|Commander|Coordinator|Chair(?:man|woman|person)?|President|Chief)\b)",
            phrase,
        ):
            # "Police and Crime Commissioner Jane Roe": the "and" inside a capitalised office.
            a, b = title_and.span(1)
            bare = bare[:a] + " " * (b - a) + bare[b:]
        if words[0] in _NOT_SPEAKER_START or re.search(
            # ("had gone", but not the "has" of "Jane Roe has said")
            r"\b(?:was|were|is|are|be|been|would|will|could|but|and|which|that|who|not|if|when)\b"
            r"|\b(?:had|has|have)\b(?!\s*$)",
            bare,
        ):
            return None
        channel = self._channel(low, rest)
        # (the head before a short form in brackets: "France's … prosecutor's office (PNAT)")
        head_word = (re.findall(r"[a-z]+", re.sub(r"\s*\([^()]*\)$", "", low)) or words)[-1]
        # A country inside "the Law Society of Kenya" is not the speaker.
        mentions = [
            m
            for m in self.reg.mentions_in(start, end)
            # "Jane Roe, the headman of Ban Tha Kamcham": a "person" after "of" is not the speaker.
            if (
                self.reg.actors[m.key].kind is ActorKind.person
                and not _PLACE_BEFORE.search(self.text, max(start, m.start - 40), m.start)
            )
            or not re.search(
                r"(?<!affiliate)(?<!branch)(?<!wing)(?<!faction)\s+(?:of|for|in|at|against|with|by|on)\s+(?:the\s+)?"
                r"(?:[a-z][\w-]*\s+){0,2}$"
                # "a security official, speaking to Reuters on condition of anonymity, said": the outlet
                r"|\b(?:speaking|talking|spoke|talked|told|telling)\s+(?:to\s+)?(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}$",
                " " + self.text[start : m.start],
            )
        ]
        # "The European Union Border Assistance Team …" whose full name was not recognised: the
        # European Union named at its start is not the speaker; nor is the country of "Chile's
        # national election service's office", a body of its own.
        mentions = [
            m
            for m in mentions
            if self.reg.actors[m.key].kind is ActorKind.person
            or (
                (
                    not (nx := _NAME_GOES_ON.match(self.text, m.end, end))
                    or (nx.group(1) in NOT_NAME_WORDS and nx.group(1) not in _ORG_NAME_WORDS)
                )
                # (nor "Belgium's prime minister said": a person of the country, not the country)
                and not (
                    (head_word in HEADS or _ROLE_TAIL.search(phrase)) and _OWNS.match(self.text, m.end, end)
                )
                # "JNIM, al-Qaeda's affiliate in the Sahel, said", "the Islamic State group's Sinai
                # affiliate claimed": the affiliate speaks, not the body it belongs to.
                and not _AFFILIATE_OF.match(self.text, m.end, end)
                # "Ukraine's General Staff said", "Ecuador's prison authority says": a body of the
                # country speaks, not the country.
                and not (
                    self.reg.actors[m.key].kind is ActorKind.state and _OWNS.match(self.text, m.end, end)
                )
                # "The National Unity Government's Ministry of Human Rights wrote": its ministry.
                and not _OWNS_OFFICE.match(self.text, m.end, end)
                # "The Delegation of the European Union to Ethiopia said": a body the registry does
                # not know, of the one named and in the other, speaks.
                and not _UNKNOWN_HEAD_BEFORE.fullmatch(self.text, start, m.start)
                # "The United Nations human rights office said": its office, which it does not know.
                and not _SUB_BODY_AFTER.fullmatch(self.text, m.end, end)
            )
        ]
        tokens = phrase.split()
        surname_only = [m for m in mentions if self.text[m.start : m.end] == tokens[-1]]
        if (
            2 <= len(tokens) <= 3
            and surname_only
            and len(mentions) == len(surname_only)
            and re.fullmatch(PERSON_NAME, phrase)
            and not _not_a_person(phrase)
        ):
            # "Sonia Campbell, mother of Romario Campbell, said": a full name whose surname is
            # another person's alias is a person of her own.
            own = self.reg.add(phrase, ActorKind.person)
            self.reg.replace_mentions(start, start + len(phrase), own.key)
            mentions = [Mention(start, start + len(phrase), own.key)]
        elif (
            len(tokens) == 1
            and len(mentions) == 1
            and self.reg.actors[mentions[0].key].kind is ActorKind.person
        ):
            # '"…," Mosquera said' right after "said its director, Liliana Mosquera": the namesake
            # named in full last, in this paragraph or the one before, not one named earlier.
            nearest = self._named_last(phrase, self.paragraphs[max(0, para.index - 1)].start, start)
            if nearest is not None and nearest.key != mentions[0].key:
                mentions = [Mention(start, start + len(phrase), nearest.key)]
        if (
            words[0] in ("a", "an")
            # "a police officer", "an SDF official in the area": one of them, unnamed
            and any(w in ("officer", "source", "member", "official") for w in words)
            and not any(self.reg.actors[m.key].kind is ActorKind.person for m in mentions)
        ):
            return None  # "a police officer said": one unnamed person, not the police as a body
        actor: Actor | None = None
        score = 0.9
        role = self._role_person(phrase, start)
        named_next = (
            self._named_next(start + len(phrase))
            if (not mentions and words[0] in ("the", "a", "an") and len(words) <= 6)
            # ('"…," said Norfolk's Police and Crime Commissioner, Jane Roe.': the office, then its holder)
            or (_PLACE_OWNED_OFFICE.fullmatch(phrase) and _ROLE_TAIL.search(phrase))
            else None
        )
        if named_next is not None:
            # '"…," said the spokesman, who uses the nom de guerre Abu Tariq': the name that follows.
            actor = named_next
        elif role is not None:
            # "the minister", "the district police chief", "the DSP": the one person so described
            # (before the mentions: "police" in "the police chief" is not the speaker).
            actor = role
            self.reg.add_mention(start, start + len(phrase), actor.key)
            score = 0.75
        elif mentions:
            persons = [m for m in mentions if self.reg.actors[m.key].kind is ActorKind.person]
            # "the police chief said" with no such person named: a person, never the police force.
            official = words[-1] in _OFFICER_TITLES and len(words) >= 2
            actor = None if official and not persons else self.reg.actors[(persons or mentions)[-1].key]
            if not persons and words[0] == "the" and words[-1].startswith("spokes"):
                # "The spokesperson of the Zamfara State Police Command, DSP Jane Roe, …" and then
                # '"…," the police spokesperson said': the one person so described, not the force.
                person = self._described_as(words[-1], start)
                if person is not None and _modifiers_describe(words, person):
                    actor = person
            if len({m.key for m in persons}) > 1 and self._leads(start, persons[0]):
                # "Jane Doe, adviser to President John Roe": the name that opens the phrase speaks.
                actor = self.reg.actors[persons[0].key]
        # "his office", "a statement from his office": the possessive opens the phrase or follows
        # "from/of/for" ("the blast threw him out of his bed" is no speaker phrase).
        elif (
            words[0] in _PRONOUNS_PERSON
            or words[0] in ("his", "her")
            or re.search(r"\b(?:from|for)\s+(?:his|her)\b", low)
        ):
            # ("his" and "her" of "from his office" are the speaker's only when they open the phrase)
            sex = {"he": "m", "his": "m", "she": "f", "her": "f"}.get(words[0])
            actor = self._nearest(start, para, person=True, sex=sex)
            score = 0.8
        elif words[0] in ("it", "its") or re.search(r"\b(?:from|for)\s+its\b", low):
            actor = self._nearest(start, para, person=False)
            score = 0.75
            if (
                actor is None
                and words == ["it"]
                and self.last_speaker_key is not None
                and (
                    self.statement_voice == (para.index, self.last_speaker_key)
                    # ('"…," the statement said.' then a paragraph '"…," it said.')
                    or (
                        self.statement_voice == (para.index - 1, self.last_speaker_key)
                        and not self._unquoted_word(para.start, start)
                    )
                )
            ):
                # '"…," the release stated. It said …': the release of the person who issued it.
                actor = self.reg.actors.get(self.last_speaker_key)
                channel = "statement"
            if actor is None and words == ["it"]:
                # "The ministry identified the two fighters killed …. It said the three wounded …": the
                # body the paragraph opens on, by its generic name.
                opening = _OPENS_ON_BODY.match(self.text, para.start, start)
                if opening and opening.group("head").lower() in HEADS:
                    actor = self.reg.by_head(opening.group("head").lower(), para.start)
        elif words == ["they"]:
            # "…, they said": the body that spoke last in this paragraph ("Police said on Sunday …"),
            # never a person, and nobody when it spoke in another paragraph.
            last = self.reg.actors.get(self.last_speaker_key or "")
            if (
                last is not None
                and last.kind is not ActorKind.person
                and self.last_speaker_para == para.index
            ):
                actor, score = last, 0.7
        elif words[-1] in _OFFICER_TITLES and len(words) >= 2:
            # "the police chief said" with no such person named: a person, never the police force.
            actor = None
        else:
            heads = [w for w in words if w in HEADS or w in BUSINESS_HEADS]
            if heads or _GENERIC_CHARITY.fullmatch(phrase):
                since = self.paragraphs[max(0, para.index - 1)].start
                actor = self.reg.by_head(heads[-1], start, since) if heads else None
                last = self.reg.actors.get(self.last_speaker_key or "")
                if (
                    words == ["the", "group"]
                    and last is not None
                    and last.kind in (ActorKind.other, ActorKind.armed_group, ActorKind.international_org)
                    and self.last_speaker_para == para.index
                ):
                    # "The Sudan Doctors Network, which tracks … the paramilitary RSF, said …. More
                    # than 60 were wounded, the group said": the group that is speaking goes on.
                    actor = last
                # "the region's electricity ministry" is not the interior ministry named earlier.
                if actor is not None and not _modifiers_fit(phrase, actor):
                    actor = None
                if actor is None and _GENERIC_GROUP.fullmatch(phrase):
                    # "the Islamist group said" of al-Shabaab: the one armed group the article named.
                    actor = self._only_one_named(start, (ActorKind.armed_group,))
                if actor is None and _GENERIC_CHARITY.fullmatch(phrase):
                    # "…, the medical charity said" of Doctors Without Borders: the one aid body named.
                    actor = self._only_one_named(start, (ActorKind.other, ActorKind.international_org))
                if actor is None:
                    # "the Kherson regional prosecutor's office", "the health ministry of <Name>":
                    # a named institution heard of for the first time.
                    actor = self._institution(phrase, start)
                if actor is not None and words == ["the", "group"]:
                    # "The group blamed the RSF, …. …, it said": "it" may be the group, so the
                    # reference is a mention of it as much as the RSF's name is one of that.
                    self.reg.add_mention(start, start + len(phrase), actor.key)
                score = 0.8
            elif _SPOKES.search(low) and words[0] in ("the", "a", "an"):
                # "an FBI spokesperson said" is someone new; so is "the official" after "A police
                # official, requesting anonymity, said" in its paragraph: neither is the one named before.
                unnamed = words[0] != "the" or self._unnamed_before(words[-1], para, start)
                if not unnamed:
                    actor = self.reg.actors.get(self.last_spokes_key or "")
                    # "the party spokesperson" is not the police spokesperson who spoke last.
                    if actor is not None and not _modifiers_describe(words, actor):
                        actor = None
                    if actor is None and words == ["the", "official"]:
                        actor = self._last_official(start, para)
                    if actor is None and words[-1].startswith("spokes"):
                        # "The state police spokesman, Jane Roe, confirmed the attack." … '"…," the
                        # spokesman said': the one person described so, when no spokesperson spoke yet.
                        actor = self._described_as(words[-1], start)
                score = 0.75
            elif " ".join(words) in _THE_STATEMENT:
                # '"…," the statement added', '"…," the release stated': the statement quoted last.
                actor = (
                    self._statement_introduced(start, para)
                    or self.reg.actors.get(self.last_statement_key or "")
                    or self._statement_owner(start, para)
                )
                channel = "statement"
                score = 0.7
                if actor is not None:
                    self.statement_voice = (para.index, actor.key)
            elif (ranked := self._ranked_first_name(phrase, start)) is not None:
                # "Col Thanawat said" of "Col Thanawat Rattanaphan": named by rank and first name.
                actor, score = ranked, 0.75
            elif (
                described := _DESCRIBED_NAME.fullmatch(phrase) or _NAME_THEN_DESCRIPTION.fullmatch(phrase)
            ) and not _not_a_person(described.group("name")):
                # '"…," said MDA senior paramedic Jane Roe': a full name after words that describe her.
                actor = self.reg.add(described.group("name"), ActorKind.person)
                self.reg.add_mention(
                    start + described.start("name"), start + described.end("name"), actor.key
                )
                score = 0.7
            else:
                m = re.fullmatch(PERSON_NAME, phrase)
                if m and any(t in NOT_NAME_WORDS for t in phrase.split()):
                    m = None  # "Capital Economics", "Health Ministry": capitalised, not a name
                # One name is a person only with an age or a description beside it:
                # "said Ahmed, 34," / "Ahmed, a shopkeeper, said".
                # ('"…," Ms Allan said' of "Premier Jacinta Allan": a courtesy title before the surname)
                single = re.fullmatch(
                    r"(?:(?:Mr|Mrs|Ms|Miss)\.?\s+(?=\S+$))?"
                    r"(?P<name>[A-ZÀ-ÖØ-Þ\u0100-\u017f][a-zß-öø-ÿ\u0100-\u017f'’-]{2,})(?P<described>,\s*(?:\d{1,3}|an?\s[^,]{2,60}))?",
                    phrase,
                )
                full: str | None = None
                after = self.text[start + len(phrase) : start + len(phrase) + 70]
                if (
                    single
                    and not single.group("described")
                    and not re.match(r",\s*(?:\d{1,3}\b|an?\s+[a-z\d])", after)
                ):
                    # '"…," Smith wrote': a surname of a full name given earlier ("Jane Smith, head of …").
                    full = _full_name(self.text, start, single.group("name"))
                    single = None
                # ('said Hassan, a vegetable seller': a trade beside the name makes it a person's, though
                # a town has it too)
                trade = (
                    re.match(r",\s*an?\s+((?:[\w-]+\s+){0,3}[\w-]+)", single.group("described") or after)
                    if single
                    else None
                )
                if single and (
                    single.group("name").lower() in _GROUP_NOUNS
                    # ("However, a senior security official, requesting anonymity, said")
                    or single.group("name") in NOT_NAME_WORDS
                    or (
                        gazetteer().city(single.group("name"))
                        and not (trade and any(w.lower() in TRADES for w in trade.group(1).split()))
                    )
                    or gazetteer().country(single.group("name"))
                ):
                    single = None
                if m:
                    # ("Sociologist Jane Roe, of …, said": her trade, written as a title, is no part of
                    # her name)
                    name = " ".join(without_trade(phrase.split()))
                    actor = self.reg.add(name, ActorKind.person)
                    self.reg.add_mention(start + len(phrase) - len(name), start + len(phrase), actor.key)
                    score = 0.7
                elif full:
                    # ("Brigadier General Hernando Rojas Villamil" … "Rojas said": the name read up
                    # to its first surname is the person named in full, who has two.)
                    longer = [
                        a
                        for a in self.reg.actors.values()
                        if a.kind is ActorKind.person and a.name.startswith(f"{full} ")
                    ]
                    if len(longer) == 1:
                        actor = longer[0]
                        if phrase not in actor.aliases:
                            actor.aliases.append(phrase)
                    else:
                        actor = self.reg.add(full, ActorKind.person, (phrase,))
                    self.reg.add_mention(start, start + len(phrase), actor.key)
                    score = 0.7
                elif single:
                    name = single.group("name")
                    actor = self.reg.add(name, ActorKind.person)
                    self.reg.add_mention(start, start + len(name), actor.key)
                    score = 0.6
                elif low in ("police", "the police"):
                    actor = self.reg.add("Police", ActorKind.security_force)
                    self.reg.add_mention(start, start + len(phrase), actor.key)
                    score = 0.6
        if actor is None and role is None and not mentions:
            # "the prefect said", "Belgium's prime minister said": an office whose holder the
            # article never names speaks as that office.
            actor = self._office_holder(phrase, start)
            score = 0.6
        if actor is None:
            return None
        return self._spoke(actor, start, low, para, channel, score)

    def _spoke(
        self, actor: Actor, start: int, low: str, para: Paragraph, channel: str | None, score: float
    ) -> Speaker:
        """The speaker found, remembered as the last to speak (and the last spokesperson or statement)."""
        if _SPOKES.search(low) or re.search(
            r"\bspokes(?:man|woman|person),\s*$", self.text[max(0, start - 40) : start]
        ):
            # "the ministry's spokesperson, Jane Roe, said": she is the spokesperson named last.
            self.last_spokes_key = actor.key
        if channel in ("statement", "office statement"):
            self.last_statement_key = actor.key
        self.last_speaker_key = actor.key
        self.last_speaker_para = para.index
        return Speaker(actor.key, channel, score)

    def _named_last(self, surname: str, since: int, before: int) -> Actor | None:
        """The person whose full name ending in `surname` the text gives last between two offsets."""
        full = None
        for m in re.finditer(
            # ("Al Jazeera's Ahmed Idris said": not the owner's words)
            rf"\b(?:[A-Z][\w'’-]+(?<!['’]s)\s+){{1,3}}{re.escape(surname)}\b",
            self.text[since:before],
        ):
            # Only a name given as a speaker's: "said its director, Liliana Mosquera." or "Jane Roe
            # said" (not "said his cousin, Deshawn Hill, was shot": the cousin is told of).
            a, b = since + m.start(), since + m.end()
            after_verb = _TOLD_JUST_BEFORE.search(self.text, max(since, a - 45), a) and re.match(
                r"\s*[.;]", self.text[b:]
            )
            if after_verb or re.match(r",?\s+(?:said|says|told)\b", self.text[b:]):
                full = m.group(0)
        if full is None:
            return None
        # ("Economist Jane Roe said": her trade, written as a title, is no part of her name)
        tokens = full.split()
        while tokens and tokens[0] in NOT_NAME_WORDS:
            tokens.pop(0)
        tokens = without_trade(tokens, keep=1)
        full = " ".join(tokens)
        if len(tokens) < 2 or _not_a_person(full):
            return None
        return self.reg.add(full, ActorKind.person)

    def _office_holder(self, phrase: str, start: int) -> Actor | None:
        """The holder of an office the article names no one to, as one actor named by the office's
        fullest form in the text ("Prefect of Borgou"; "Belgium's prime minister" is the Prime
        Minister of Belgium). None when a person is named with that office anywhere (the office
        may be theirs), or when a bare office ("the minister") fits two offices heard of."""
        m = _OFFICE_REF.fullmatch(phrase)
        if m is None:
            return None
        title = m.group("title")
        head = title.split()[-1].lower()
        if re.search(_HOLDER_NAMED.format(head=re.escape(head)), self.text, re.I):
            return None
        fits = [
            a
            for a in self.reg.actors.values()
            if a.kind is ActorKind.person
            and a.office
            and set(title.lower().split()) <= set(a.office.lower().split())
        ]
        if fits:
            return fits[0] if len(fits) == 1 else None
        owner, place = m.group("owner"), m.group("place")
        if owner is not None and not (gazetteer().country(owner) or gazetteer().city(owner)):
            return None  # "Jane Roe's secretary" is hers, no office of a place
        if owner is None and place is None:
            # "the prefect" after "The prefect of Borgou, speaking to ORTB, said …": that office.
            fuller = {
                f"{x.group('title')} {x.group('of')} {x.group('place')}"
                for x in re.finditer(_OFFICE_OF.format(title=re.escape(title)), self.text[:start], re.I)
            } | {
                # "Sri Lanka's public security minister told parliament …" … "the minister said"
                f"{x.group('title')} of {x.group('owner')}"
                for x in re.finditer(_OWNER_OFFICE.format(title=re.escape(title)), self.text[:start])
                if gazetteer().country(x.group("owner"))
            }
            name = fuller.pop() if len(fuller) == 1 else title
        elif owner is not None:
            name = f"{title} of {owner}"
        else:
            name = f"{title} {m.group('of')} {place}"
        actor = self.reg.add(name, ActorKind.person, (title,), description=name, office=True)
        self.reg.add_mention(start, start + len(phrase), actor.key)
        return actor

    def _named_next(self, end: int) -> Actor | None:
        """The person named right after a speaker phrase: "the spokesman, Jane Doe." or "the
        spokesman, who uses the nom de guerre Abu Tariq."."""
        m = _NAMED_NEXT.match(self.text, end)
        if m is None:
            return None
        found = [x for x in self.reg.mentions_in(m.end(), m.end() + 60) if x.start == m.end()]
        if not found:
            # '"…," said the group's executive director, Jane Roe.': a full name heard for the first
            # time, ending the sentence.
            name = _NAME_ENDS_CLAUSE.match(self.text, m.end())
            if name is None or _not_a_person(name.group("name")):
                return None
            actor = self.reg.add(name.group("name"), ActorKind.person)
            self.reg.add_mention(name.start("name"), name.end("name"), actor.key)
            return actor
        if self.reg.actors[found[0].key].kind is not ActorKind.person:
            return None
        # The name ends the clause: "the spokesman, Jane Doe's deputy" is someone else.
        if not re.match(r"[\"”’]?\s*(?:[,.;]|$)", self.text[found[0].end : found[0].end + 3]):
            return None
        return self.reg.actors[found[0].key]

    def _paragraph_at(self, pos: int) -> Paragraph:
        return next(p for p in self.paragraphs if p.start <= pos <= p.end)

    def _leads(self, start: int, m: Mention) -> bool:
        """The mention opens the phrase (after titles only) and an aside follows it: "Jane Doe, …"."""
        before = self.text[start : m.start]
        return not re.search(r"(?<![\w'’])[a-z]|['’]", before) and self.text[m.end : m.end + 1] == ","

    def _titled_person(
        self, phrase: str, start: int, bare: str, named: list[Mention], para: Paragraph
    ) -> Speaker | None:
        """'Deputy Superintendent of Police (DSP) Jane Roe, spokesperson at the District Police
        Office, Kent': a long phrase of comma-separated parts, each short, that names one person
        (and no verb or clause) is that person with her office and post."""
        persons = {m.key for m in named if self.reg.actors[m.key].kind is ActorKind.person}
        if len(persons) != 1 or "," not in phrase:
            return None
        words = re.findall(r"[a-z]+", phrase.lower())
        if words[0] in _NOT_SPEAKER_START or re.search(
            r"\b(?:was|were|is|are|be|been|would|will|could|but|and|which|that|who|not|if|when)\b", bare
        ):
            return None
        if any(len(re.findall(r"[a-z]+", part)) > 10 for part in bare.split(",")):
            return None
        key = persons.pop()
        self.last_speaker_key = key
        self.last_speaker_para = para.index
        return Speaker(key, None, 0.85)

    def _last_official(self, pos: int, para: Paragraph) -> Actor | None:
        """'…, Lysak said. "…," the official wrote': the person who spoke last, in this paragraph or
        the one before, when described by an office and no other person is named since."""
        last = self.reg.actors.get(self.last_speaker_key or "")
        if (
            last is None
            or last.kind is not ActorKind.person
            or not last.description
            or self.last_speaker_para not in (para.index, para.index - 1)
        ):
            return None
        since = max(self.paragraphs[max(0, para.index - 1)].start, pos - 2 * _WINDOW)
        persons = {
            m.key
            for m in self.reg.mentions_in(since, pos)
            if self.reg.actors[m.key].kind is ActorKind.person and not self._in_quote(m.start)
        }
        return last if persons == {last.key} else None

    def _statement_introduced(self, pos: int, para: Paragraph) -> Actor | None:
        """Whose is "the statement" when its paragraph opens on it: "In a statement posted on its
        Telegram channel, the RSF rejected the accusation. '…,' the statement said" is the RSF's,
        not the statement quoted last in another paragraph."""
        intros = list(_STATEMENT_INTRO.finditer(self.text, para.start, pos))
        m = intros[-1] if intros else None
        if m is None or self._in_quote(m.start("spk")):
            return None
        sp = self.resolve(m.start("spk"), m.end("spk"))
        return self.reg.actors.get(sp.key) if sp is not None else None

    def _statement_owner(self, pos: int, para: Paragraph) -> Actor | None:
        """Whose is "the statement": the last one named in this or the previous paragraph, if it
        says whose ("a ministry statement read out on state television", "a statement from the
        army", "the ministry's statement")."""
        since = max(self.paragraphs[max(0, para.index - 1)].start, pos - 2 * _WINDOW)
        found = None
        for m in _STATEMENT_OF.finditer(self._unquoted(since, pos)):
            found = m
        if found is None:
            return None
        owner = found.group("own") or found.group("from") or ""
        heads = [w for w in re.findall(r"[a-z]+", owner.lower()) if w in HEADS]
        if heads:
            return self.reg.by_head(heads[-1], pos)
        return self.reg.named(owner.strip())

    def _the_one_person(self, start: int, fits: Callable[[Actor], bool]) -> Actor | None:
        """The one person named before `start` that `fits`; None if none or several."""
        found = [
            actor
            for actor in self.reg.actors.values()
            if actor.kind is ActorKind.person
            and actor.first is not None
            and actor.first[0] < start
            and fits(actor)
        ]
        return found[0] if len(found) == 1 else None

    def _ranked_first_name(self, phrase: str, start: int) -> Actor | None:
        """The one person named before `start` whose first name follows a rank in `phrase`."""
        m = _RANK_AND_NAME.fullmatch(phrase)
        if m is None:
            return None
        name = m.group("name")
        # ("LTC Ocampo" of "Lt. Col. Mark Anthony D. Ocampo": by surname, as a rank is written too)
        return self._the_one_person(
            start, lambda a: len(a.name.split()) >= 2 and name in (a.name.split()[0], a.name.split()[-1])
        )

    def _unnamed_before(self, head: str, para: Paragraph, start: int) -> bool:
        """Whether "the official" (or spokeswoman) is one the text introduced unnamed: in its paragraph
        ("An Israeli military official, speaking on condition of anonymity, said"), or as the same
        word with no name after it in the paragraph before ("A spokeswoman for the prosecutor's office
        said …")."""
        if _UNNAMED_OFFICIAL.search(self.text, para.start, start):
            return True
        # (the one before only against a person named earlier: "an embassy spokesperson said" and then
        # "according to the spokesperson" are the embassy's)
        last = self.reg.actors.get(self.last_spokes_key or "")
        if para.index == 0 or last is None or last.kind is not ActorKind.person:
            return False
        before = self.paragraphs[para.index - 1]
        for m in _UNNAMED_OFFICIAL.finditer(self.text, before.start, before.end):
            if m.group(0).split()[-1].lower() == head and not _NAME_NEXT.match(self.text, m.end()):
                return True
        return False

    def _described_as(self, word: str, start: int) -> Actor | None:
        """The one person named before `start` whose description holds `word` (a spokesman,
        spokeswoman or spokesperson: one office)."""

        # ("the spokeswoman" is no spokesman)
        other = {"spokesman": "spokeswoman", "spokeswoman": "spokesman"}.get(word)

        def fits(actor: Actor) -> bool:
            description = (actor.description or "").lower()
            if other is not None and other in description:
                return False
            return word in re.findall(r"[\w-]+", description) or (
                word.startswith("spokes") and _SPOKES.search(description) is not None
            )

        return self._the_one_person(start, fits)

    def _role_person(self, phrase: str, start: int) -> Actor | None:
        """The one person named earlier whose title or description holds every word of a role
        reference ("the minister" → "Government Minister Jane Doe"); None if none or several."""
        m = _ROLE_REF.fullmatch(phrase)
        if not m:
            return None
        wanted = [w.lower() for w in re.findall(r"[\w-]+", m.group("words"))]
        found: list[Actor] = []
        for actor in self.reg.actors.values():
            if actor.kind is not ActorKind.person or actor.first is None or actor.first[0] >= start:
                continue
            own = {w.lower() for w in re.findall(r"[\w-]+", actor.description or "")}
            if all(w in own for w in wanted) or _initials_of(
                m.group("words"), actor.description or "", self.reg
            ):
                found.append(actor)
        if not found and len(wanted) >= 2 and wanted[-1] in _TOP_OFFICIAL:
            # "the police chief": the one person of that service named with a senior title
            # ("Inspector General of Police Jane Doe"), when the description lacks the word "chief".
            for actor in self.reg.actors.values():
                if actor.kind is not ActorKind.person or actor.first is None or actor.first[0] >= start:
                    continue
                own = {w.lower() for w in re.findall(r"[\w-]+", actor.description or "")}
                if all(w in own for w in wanted[:-1]) and own & _SENIOR_TITLES:
                    found.append(actor)
        return found[0] if len(found) == 1 else None

    def _institution(self, phrase: str, start: int) -> Actor | None:
        body = re.sub(r"^(?:the|The)\s+", "", phrase)
        if _BASED.search(body):
            return None  # "the Paris-based group" describes a body named earlier: it names none
        heads = "|".join(sorted(HEADS, key=len, reverse=True))
        m = re.fullmatch(
            rf"(?P<head>(?:[A-Z][\w'’.-]*\s+){{1,6}}(?:[a-z][\w'’-]*\s+){{0,2}}(?:{heads}))"
            # "the U.S.-led coalition against Islamic State": a body named by what it fights.
            rf"(?:\s+against\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,3}})?"
            rf"|(?P<generic>(?:[a-z][\w'’-]*\s+){{0,2}}(?:{heads}))\s+(?:of|for)\s+(?:the\s+)?"
            rf"(?:[a-z][\w-]*\s+){{0,2}}[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,5}}",
            body,
        )
        if not m or any(w in NOT_NAME_WORDS for w in re.findall(r"[A-Z][\w'’.-]*", body)[:1] if w != body):
            return None
        words = set(re.findall(r"[a-z]+", body.lower()))
        if words & {"army", "military", "police", "forces", "militia", "militias"}:
            kind = ActorKind.security_force
        elif words & {"ministry", "government", "office", "department", "council"}:
            kind = ActorKind.government
        else:
            kind = ActorKind.other
        generic = m.group("generic")
        actor = self.reg.add(body, kind, (generic,) if generic else ())
        # The mention starts at "the", so "It said …" later can find it (a bare "the X" is an object).
        at = start + len(phrase) - len(body)
        self.reg.add_mention(start, at + len(generic or body), actor.key)
        return actor

    def _only_one_named(self, before: int, kinds: tuple[ActorKind, ...]) -> Actor | None:
        """The actor of those kinds named before `before`, when the text has named only one."""
        keys = {m.key for m in self.reg.mentions_in(0, before) if self.reg.actors[m.key].kind in kinds}
        return self.reg.actors[keys.pop()] if len(keys) == 1 else None

    def _nearest(self, pos: int, para: Paragraph, *, person: bool, sex: str | None = None) -> Actor | None:
        """The earlier actor of the right sort in the paragraph (outside quotes, not after a
        preposition) when there is only one, or the last speaker among several; for a person, the
        previous paragraph too when it names exactly one person."""

        def candidates(a: int, b: int) -> list[Actor]:
            out = []
            for m in self.reg.mentions_in(a, b):
                actor = self.reg.actors[m.key]
                if (actor.kind is ActorKind.person) != person or self._in_quote(m.start):
                    continue
                before = self.text[max(a, m.start - 40) : m.start]
                # The actor that spoke last is a candidate however it was introduced ("the ministry said").
                if (
                    not person
                    and actor.key != self.last_speaker_key
                    and re.search(
                        r"\b(?:in|at|near|from|to|of|on|into|across|against|by|with|for)\s+(?:the\s+)?"
                        # ("A police officer was wounded": a member of the police, not the police)
                        r"(?:[a-z][\w-]*\s+){0,2}$|\bthe\s+$|\b[Aa]n?\s+$",
                        before,
                    )
                    # "after the Traders' Association called a strike": the subject of a clause.
                    and not (re.match(r"\bthe\s+$", before[-4:]) and _SUBJECT_VERB.match(self.text, m.end))
                ):
                    continue
                # "Ukraine's General Staff said … which it described as": its body speaks, not the country.
                # ("Niger's interior ministry said", in lower case: the body named right after it)
                if (
                    not person
                    and actor.kind is ActorKind.state
                    and _OWNS.match(self.text, m.end)
                    and (_OWNS_BODY.match(self.text, m.end) or self.reg.starting_in(m.end + 2, m.end + 5))
                ):
                    continue
                # "Jane Roe, the headman of Ban Tha Kamcham, said": a "person" named after "of" or
                # "in" is a place or an office's holder, never the "he" who goes on speaking; nor is
                # the one spoken to ('"…," he told Enab Baladi.' then 'He added, "…"').
                if person and (_PLACE_BEFORE.search(before) or _SPOKEN_TO.search(before)):
                    continue
                # "Her younger brother, Dawit Alemu," is not the "she" who speaks next.
                if person and sex is not None and _KIN_SEX[sex].search(before):
                    continue
                out.append(actor)
            return out

        here = candidates(para.start, pos)
        distinct = list(dict.fromkeys(a.key for a in here))
        if len(distinct) == 1:
            return here[-1]
        if distinct:
            # Two or more candidates: only the one who was speaking last is safe.
            if self.last_speaker_key in distinct:
                return self.reg.actors[self.last_speaker_key]
            return None
        last = self.reg.actors.get(self.last_speaker_key or "")
        if (
            last is not None
            and (last.kind is ActorKind.person) == person
            and self.last_speaker_para == para.index
        ):
            # '"…," the statement said. It said …' / 'He said … . …, he said.': no one else named in
            # the paragraph, so the one who spoke last in it is still speaking.
            return last
        if person:
            # "The Humanitarian Coordinator also expressed concern. '…,' he said.": the one person
            # that office was given to, named earlier in the text.
            for ref in _ROLE_REF.finditer(self._unquoted(max(para.start, pos - _WINDOW), pos)):
                found = self._role_person(ref.group(0), para.start)
                if found is not None:
                    return found
        if (
            not person
            and last is not None
            and last.kind is not ActorKind.person
            and self.last_speaker_para == para.index - 1
        ):
            # '"…," the ministry said in a statement.' then a paragraph 'It added that …' or 'Eight people
            # died …, it said': the body that spoke last, when the paragraph before names no other
            # outside its quotations (and this one none before "it", above).
            prev = self.paragraphs[para.index - 1]
            if {a.key for a in candidates(prev.start, prev.end)} <= {last.key}:
                return last
        # Across a paragraph only when this one opens with the quotation ('"…," he added.'):
        # anything said before it ("A local official … said") may be the one speaking.
        if person and para.index > 0 and not self._unquoted_word(para.start, pos):
            # (past paragraphs that are only a quotation left open: '… Hurley said …' / '"What
            # happened …' / '"I want to …," he said.')
            back = para.index - 1
            while back > max(0, para.index - 4) and not self._unquoted_word(
                self.paragraphs[back].start, self.paragraphs[back].end
            ):
                back -= 1
            prev = self.paragraphs[back]
            keys = {a.key for a in candidates(prev.start, prev.end)}
            if len(keys) == 1:
                return self.reg.actors[keys.pop()]
            if (
                not keys
                and last is not None
                and last.kind is ActorKind.person
                and self.last_speaker_para == para.index - 1
            ):
                # '"…," the statement read.' (hers) then 'He added that …': no person is named in
                # between, so the one who spoke last goes on.
                return last
        return None

    @staticmethod
    def _channel(phrase: str, rest: str) -> str | None:
        both = re.sub(r"\s+", " ", f"{phrase} {rest}".lower())
        if re.search(r"\boffice\b", phrase):
            return "office statement"
        if re.search(r"social media|on x\b|twitter|telegram|facebook|tweet|instagram", both):
            return "social media post"
        if re.search(r"\bposted\b", both) and not re.search(r"\bstatement\b", both):
            # "in a statement posted on its website" is a statement.
            return "social media post"
        if re.search(r"spokes(?:man|woman|person)", phrase) and not re.search(
            r"\bin an? (?:\w+ )?statement\b", rest.lower()
        ):
            # ("the army spokesman said in a statement": the statement, which "it" then quotes)
            return "spokesperson"
        if re.search(r"interview|told (?!reporters)", both):
            return "interview"
        if re.search(r"news conference|press conference|told reporters|briefing", both):
            return "press conference"
        if re.search(
            r"\bstatement\b|\b(?:a|the|its|his|her|their)\s+(?:press\s+|news\s+)?release\b(?!\s+of\b)", both
        ):
            return "statement"  # "in a release issued on Wednesday", not "the release of hostages"
        return None

    # -- quotes ------------------------------------------------------------------------------
    def given_to(self, paragraph: int, q: QuoteSpan, sp: Speaker | None) -> None:
        """The speaker the caller finally gave a quotation (its fallbacks included)."""
        self.given.setdefault(paragraph, []).append(sp)
        if q.continued and sp is not None:
            self.continued = (paragraph, sp)

    def _runs_on(self, para: Paragraph, q: QuoteSpan) -> Speaker | None:
        """'"…," Jane Doe told AFP.' then a paragraph that is nothing but a quotation: she goes on
        speaking. Only after a paragraph of quotations that all have that one speaker and little
        else (a line of prose with a short quotation in it may be anyone's)."""
        if self.text[para.start : q.outer_start].strip() or self.text[q.outer_end : para.end].strip():
            return None
        before = self.given.get(para.index - 1) or [None]
        last = before[-1]
        if last is None or any(sp is None or sp.key != last.key for sp in before):
            return None
        prev = self.paragraphs[para.index - 1]
        # (a paragraph of prose may name others; one that ends on the speaker's quotation and its
        # cue, '"…," he told Dawn from his hospital bed.', hands on to the next)
        if len(
            _WORD.findall(self._unquoted(prev.start, prev.end))
        ) > _RUN_ON_PROSE_WORDS and not self._ends_quoted(prev):
            return None
        return Speaker(last.key, last.channel, min(last.score, 0.6))

    def _ends_quoted(self, para: Paragraph) -> bool:
        """The paragraph's last sentence is a quotation and its short cue ('"…," he said.')."""
        last_mark = max(self.text.rfind(c, para.start, para.end) for c in '"”')
        if last_mark < 0 or len(_WORD.findall(self.text[last_mark : para.end])) > _RUN_ON_CUE_WORDS:
            return False
        # The quotation opens its sentence (not 'said it had "confronted the forces".').
        opening = max(self.text.rfind(c, para.start, last_mark) for c in '"“')
        before = self.text[para.start : opening].rstrip() if opening >= 0 else "x"
        return not before or before[-1] in '.!?"”'

    def quote_speaker(self, sent: Sentence, q: QuoteSpan) -> Speaker | None:
        """Speaker of one quote; a quotation that opens a paragraph right after one left open at
        the end of the previous paragraph continues it, and is the same speaker's."""
        sp = self._quote_speaker(sent, q)
        para = self.paragraphs[sent.paragraph]
        if sp is None and para.index > 0:
            sp = self._runs_on(para, q)
        if (
            sp is None
            and self.continued is not None
            and self.continued[0] == sent.paragraph - 1
            and not self.text[para.start : q.outer_start].strip()
        ):
            prev = self.continued[1]
            sp = Speaker(prev.key, prev.channel, min(prev.score, 0.7))
        if q.continued and sp is not None:
            self.continued = (sent.paragraph, sp)
        return sp

    def _subject_with_aside(self, s0: int, region: str) -> Speaker | None:
        """'Jane Doe, foreign policy adviser to President John Roe, told reporters that … "…"', 'The
        governor, in a statement signed by his spokesman, John Roe, described …': the subject that
        opens the sentence speaks, not a name inside the aside between it and the cue verb."""
        m = _SUBJECT_ASIDE.match(region)
        if not m:
            return None
        aside = m.group("aside")
        if re.search(rf"\b(?:and|or|{VERBS})\b|[;:!?]", aside):
            return None  # "Jane Doe, a trader, and John Roe, a farmer, said": two subjects
        a, b = s0 + m.start("spk"), s0 + m.end("spk")
        named = {x.key for x in self.reg.mentions_in(a, b)}
        # ("the Chief Press Secretary to Governor Jane Roe, John Doe, said": the governor is whose
        # secretary he is, not the subject)
        person = any(
            self.reg.actors[x.key].kind is ActorKind.person
            and not _OWNER_BEFORE.search(self.text, max(a, x.start - 30), x.start)
            for x in self.reg.mentions_in(a, b)
        )
        c, d = s0 + m.start("aside"), s0 + m.end("aside")
        inside = [x for x in self.reg.mentions_in(c, d) if self.reg.actors[x.key].kind is ActorKind.person]
        if (
            not person
            and len({x.key for x in inside}) == 1
            and re.fullmatch(r"\s*(?:[A-Z][\w.'’-]*\s+)*", self.text[c : inside[0].start])
            and not self.text[inside[-1].end : d].strip()
        ):
            # "The group's military spokesman, Jane Doe, said in a televised statement … that …": the
            # aside is the speaker's name, however far the quotation is from the verb.
            key = inside[0].key
            self.last_speaker_key, self.last_speaker_para = key, self._paragraph_at(a).index
            if _SPOKES.search(self.text[a:b]):
                self.last_spokes_key = key
            channel = self._channel(self.text[a:b].lower(), f"{m.group('verb')} {m.group('rest')}")
            if channel in ("statement", "office statement"):
                self.last_statement_key = key
            return Speaker(key, channel, 0.85)
        if (
            not person
            and len({x.key for x in inside}) >= 2
            and re.fullmatch(r"\s*(?:[A-Z][\w.'’-]*\s+)*", self.text[c : inside[0].start])
            and _RELAYED_BY.match(self.text, inside[0].end, inside[1].start)
        ):
            # "The Zamfara State Governor, Jane Doe, in a statement by his spokesman, John Roe,
            # described …": the governor speaks, through the spokesman.
            key = inside[0].key
            self.last_speaker_key, self.last_speaker_para = key, self._paragraph_at(a).index
            self.last_statement_key = key
            return Speaker(key, "statement", 0.8)
        if not named:
            return None  # "the spokesman", "the group": a reference, resolved by the other rules
        sp = self.resolve(a, b, f"{m.group('verb')} {m.group('rest')} {aside}")
        if sp is None or sp.key not in named:
            return None
        left = self.text[a:b]
        for x in self.reg.mentions_in(a, b):
            left = left.replace(self.text[x.start : x.end], " ")
        if self.reg.actors[sp.key].kind is ActorKind.person:
            # "Governor Jane Doe": titles only around the name ("Jane Doe's lawyer" is another person).
            if re.search(r"(?<![\w'’])[a-z]|['’]s\b", left):
                return None
        elif not aside[:1].islower() or re.search(rf"['’]s\b|\b(?:{_ROLE_WORDS})", left, re.I):
            # "The ministry's spokesperson, Jane Doe, said": the aside is the speaker's name.
            return None
        return sp

    def _quote_speaker(self, sent: Sentence, q: QuoteSpan) -> Speaker | None:
        """Speaker of one quote from the cue verb near it in its sentence (other quotes masked).

        Only a window of the sentence around the quote is read: the cue is always close, and a
        runaway "sentence" of many pages must not cost time quadratic in its length."""
        s0 = max(sent.start, q.outer_start - _WINDOW)
        s1 = min(sent.end, q.outer_end + _WINDOW)
        chars = list(self.text[s0:s1])
        for other in sent.quotes:
            if other.outer_end <= s0:
                continue
            if other.outer_start >= s1:
                break
            for i in range(max(other.outer_start, s0), min(other.outer_end, s1)):
                chars[i - s0] = _MASK
        masked = "".join(chars)
        qs, qe = q.outer_start - s0, q.outer_end - s0
        whole = s0 == sent.start  # anchored patterns need the sentence's real start
        attempts: list[tuple[re.Pattern[str] | None, int, str]] = [(rx, qe, "after") for rx in _AFTER]
        attempts += [(None, 0, "before")] if whole else []
        # The first three patterns end at the quotation ('X said: "…"'): only its last characters can
        # hold their match, and searching all of a long run of text for them was slow.
        near = max(0, qs - _NEAR)
        attempts += [(rx, near, "near") for rx in _BEFORE[:3]]
        attempts += [(rx, 0, "before") for rx in (_BEFORE[3:] if whole else [])]
        # 'He urged them to "…", the spokesman said': the quoted words are the pronoun's, reported
        # by the speaker after them; that speaker is not the one who said them.
        reported = whole and bool(_PRONOUN_CUE.match(masked, 0, qs))
        cited = _CITING.match(masked, 0, qs) if whole else None
        # (in the quotation's own clause: "… by 9:40 a.m. The agency quoted X …" runs on past a full stop)
        if cited and not re.search(r"[.!?]\s+[A-Z]", masked[cited.end() : qs]):
            # 'TASS, citing the press service of X, reported that "…"': X's words, or no one's.
            return self.resolve(s0 + cited.start("spk"), s0 + cited.end("spk"))
        told_before = False
        for rx, offset, side in attempts:
            if reported and side == "after":
                continue
            if rx is None:
                sp = self._subject_with_aside(s0, masked[:qs])
                if sp:
                    return sp
                continue
            region = masked[qe:] if side == "after" else masked[offset:qs]
            pos = 0
            if side == "near":
                # Their match ends in a cue verb just before the quotation, its speaker phrase at most
                # 90 characters before that: no verb there, no match; else search from there only.
                verb = _NEAR_VERB.search(region)
                if verb is None:
                    continue
                pos = max(0, verb.start() - 91)
            m = rx.search(region, pos)
            if not m:
                continue
            rest = f"{m.group('verb')} {m.group('rest') or ''}"
            a, b = s0 + offset + m.start("spk"), s0 + offset + m.end("spk")
            apposed = _APPOSED_NAME.match(region, m.end("spk")) if rx is _AFTER[-1] else None
            if apposed and re.search(rf"\b(?:{_ROLE_WORDS}|representative)", m.group("spk"), re.I):
                # '"…," said UNICEF's representative in Sudan, Jane Roe.': she speaks, for it.
                a, b = s0 + offset + apposed.start("name"), s0 + offset + apposed.end("name")
            if m.group("verb") in _PARTICIPLES:
                # "The group blamed the RSF, describing the attack as a "…"": the subject of the
                # clause the participle hangs on speaks, not its object.
                inner = re.search(rf"\s+(?:also\s+)?{VERBS}\b", self.text[a:b])
                if inner:
                    b = a + inner.start()
                    if self.text[sent.start : a].strip() and not re.search(
                        r"[,;:]\s*$", self.text[sent.start : a]
                    ):
                        continue  # (the subject's end only, "… (PTF-ELCAC) of Negros Occidental")
            sp = self.resolve(a, b, rest)
            if sp or rx is _QUOTED_AS:
                return sp
            told_before = told_before or (side == "near" and m.group("verb").startswith(("said", "told")))
        m = re.search(r"\b[Aa]ccording to (?P<spk>[^,.;§]{1,90})", masked)
        # ('Liège's mayor told RTBF that "…", according to Belga': the agency relays someone's words)
        if m and not told_before:
            return self.resolve(s0 + m.start("spk"), s0 + m.end("spk"))
        return None


_WINDOW = 400


def _modifiers_describe(words: list[str], actor: Actor) -> bool:
    """Whether the words between "the" and the office in a reference ("the party spokesperson")
    are all in the actor's name or description."""
    modifiers = [w for w in words[1:-1] if w not in ("same", "other", "official")]
    described = f"{actor.name} {actor.description or ''}".lower()
    return all(w in described for w in modifiers)


_UNNAMED_OFFICIAL = re.compile(
    r"\b(?:[Aa]n?|[Oo]ne)\s+(?:[\w'’-]+\s+){0,3}?(?:official|spokes(?:man|woman|person)|officer|source)\b"
)
_OWNER_BEFORE = re.compile(r"\b(?:to|of|for)\s+(?:the\s+)?(?:[A-Z][\w.'’-]*\s+){0,3}$")
# ", Jane Roe," right after "a spokeswoman": she is named.
_NAME_NEXT = re.compile(r",?\s+(?:[A-Z][\w.'’-]*\s+){0,2}[A-Z][\w'’-]+\b")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|of|into)\s+(?:the\s+)?(?:[A-Z][\w-]*\s+)?$")
# "He urged them to", "She told delegates that": a pronoun subject and its cue verb lead to the quote.
_PRONOUN_CUE = re.compile(
    rf"\s*(?:He|She|They)\s+(?:also\s+)?{VERBS}\b[^{_MASK}.;]{{0,60}}?\b(?:to|that)\s*[\"“‘']?$"
)
# A speaker phrase (90), "also", the cue verb and up to 60 characters after it, with room to spare.
_NEAR = 250
_NEAR_VERB = re.compile(rf",?\s+(?:also\s+)?{VERBS}\b[^{_MASK}.]{{0,60}}?\s*[,:]?\s*$")
# Words of prose around the quotations of a paragraph that the next paragraph's quotation continues
# ('"…," Jane Doe told AFP, her voice breaking.').
_RUN_ON_PROSE_WORDS = 12
_RUN_ON_CUE_WORDS = 8
# "a ministry statement", "the ministry's statement", "a statement from the army".
_THE_STATEMENT = frozenset(
    {"the statement", "the release", "the press release", "the news release", "the communique"}
)
_STATEMENT_INTRO = re.compile(
    r"\b[Ii]n\s+an?\s+(?:[\w-]+\s+){0,2}?statement\b[^.;:\"“”]{0,80}?,\s+"
    r"(?P<spk>(?:the\s+)?[^,.;:\"“”]{2,60}?)\s+(?:said|says|rejected|denied|dismissed|accused|blamed|condemned|"
    r"insisted|claimed|stated|wrote|called)\b"
)
_STATEMENT_OF = re.compile(
    r"\b(?:an?|the|its)\s+(?:(?P<own>(?:[\w-]+\s+){0,2}?[\w-]+?)(?:'s|’s)?\s+)?statement\b"
    r"(?:\s+(?:from|by|of)\s+(?:the\s+)?(?P<from>(?:[\w-]+\s+){0,2}?[\w-]+))?",
    re.I,
)

# A person referred to by office: "the minister", "the provincial governor", "the DSP".
_ROLE_NOUN = (
    r"minister|governor|mayor|commander|chief|president|director|envoy|ambassador|general|colonel|"
    r"commissioner|superintendent|inspector|administrator|secretary|senator|premier|chancellor|prefect|"
    r"coordinator|prosecutor|sheriff|headman|chairman|chairperson|coroner|head|boss|"
    # "the priest said", "the doctor said": one person the article described so
    r"priest|pastor|imam|bishop|doctor|councillor|researcher|analyst|lawyer|activist|"
    # "the police major said" of "Police Major Jane Roe": a rank
    r"major|captain|lieutenant|sergeant|constable"
)
# "the minister", "The Humanitarian Coordinator", "the DSP".
# Offices an article may name without their holder: "the prefect", "the Minister for Justice",
# "Belgium's prime minister", "the Lord Mayor of Cork", "the Taoiseach".
_OFFICE_WORDS = r"minister|governor|mayor|prefect|president|premier|chancellor|taoiseach|secretary"
_OFFICE_REF = re.compile(
    r"(?:[Tt]he\s+)?(?:(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)?)['’]s\s+)?"
    rf"(?P<title>(?:(?:[Ll]ord|[Dd]eputy|[Pp]rime|[Cc]hief|[Hh]ome|[Ff]oreign|[Ii]nterior|[Jj]ustice|[Dd]efen[cs]e|"
    rf"[Hh]ealth|[Ff]inance|[Ii]nformation|[Rr]egional|[Pp]rovincial|[Ss]tate)\s+){{0,2}}(?i:{_OFFICE_WORDS}))"
    r"(?:\s+(?P<of>of|for)\s+(?P<place>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}))?"
)
# "the governor of Aleppo" written earlier than "the governor said".
_OFFICE_OF = (
    r"\b(?P<title>{title})\s+(?P<of>of|for)\s+(?P<place>(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){{0,2}})"
)
_OWNER_OFFICE = (
    r"\b(?P<owner>[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)?)['’]s\s+(?P<title>(?:[a-z][\w-]*\s+){{0,2}}(?i:{title}))\b"
)
# A holder named with the office: "Governor Jane Roe", "Jane Roe, the governor", "Jane Roe, governor of".
_HOLDER_NAMED = (
    r"\b{head}\s+(?-i:[A-Z][a-z][\w'’-]*\s+[A-Z][\w'’-]+)|"
    # "Hirshabelle's minister of security, Ahmed Nur Gurey,"
    r"\b{head}(?:\s+(?:of|for)\s+[^,.;]{{1,40}}?)?,\s+(?-i:[A-Z][a-z][\w'’-]*\s+[A-Z][\w'’-]+)|"
    r"(?-i:[A-Z][a-z][\w'’-]*),\s+(?:the\s+|an?\s+)?(?:[\w'’-]+\s+){{0,3}}{head}\b"
)
_AFFILIATE_OF = re.compile(
    r"(?:\s+group)?['’]s\s+(?:[\w'’-]+\s+){0,3}?(?:affiliate|branch|wing|arm|faction|offshoot|franchise|province)s?\b"
)
_TOLD_JUST_BEFORE = re.compile(r"\b(?:said|says|told)\b[^.;]{0,40}$")
# "Chile's national election service", "Ukraine's General Staff": the possessive of a body's owner.
_OWNS = re.compile(r"['’]s\s+\S")
_OWNS_BODY = re.compile(r"['’]s\s+(?-i:[A-Z])")
_OWNS_OFFICE = re.compile(
    r"['’]s\s+(?:[A-Z][\w-]*\s+){0,3}(?:Ministry|Office|Department|Council|Committee|Commission|Agency|Bureau|"
    r"Directorate|Secretariat)\b"
)
# '"…," an allegation the police rejected': the writer's words about the quotation, no speaker.
_ABOUT_THE_WORDS = re.compile(
    r"(?:an?|the)\s+(?:allegation|claim|charge|accusation|assertion|account|version|description)\b", re.I
)
# "The office of interim leader Jane Roe said", "lawyers for John Doe said": people who speak for the
# one named, whom the text does not name; never that one. (Not "the family of X", most often the
# relative quoted already.)
_ON_BEHALF_OF = re.compile(
    r"(?:the\s+)?(?:(?:press|media)\s+)?(?:office|lawyers?|attorneys?|aides?|campaign)\s+(?:of|for)\s+"
    r"(?!the\b)",
    re.I,
)
_PLACE_OWNED_OFFICE = re.compile(r"[A-Z][\w-]*['’]s\s+(?:[A-Z][a-z]+\s+|and\s+){0,5}[A-Z][a-z]+")
_ROLE_TAIL = re.compile(rf"\b(?i:{_ROLE_NOUN})$")
_TOP_OFFICIAL = frozenset({"chief", "commander", "head", "director", "inspector", "superintendent", "boss"})
# "the police major said": one officer, never the police force.
_RANKS = frozenset({"major", "captain", "lieutenant", "sergeant", "constable"})
_OFFICER_TITLES = _TOP_OFFICIAL | _RANKS
_SENIOR_TITLES = frozenset(
    {"inspector", "general", "chief", "commander", "head", "director", "superintendent"}
)
_ROLE_REF = re.compile(
    rf"(?:[Tt]he|[Tt]his)\s+(?P<words>(?:[A-Za-z][\w-]*\s+){{0,3}}(?:(?i:{_ROLE_NOUN})|[A-Z]{{2,4}}))(?![\w-])"
)

_V = rf"(?P<verb>{VERBS})"
# A speaker phrase stops at punctuation, but not at the full stop of "Mr. Lemarquis".
_SPK = (
    rf"(?:[^,.;:!?{_MASK}]|(?<=\bMr)\.|(?<=\bMrs)\.|(?<=\bMs)\.|(?<=\bDr)\."
    # (nor at the ranks' "Brig. Gen. Jane Doe", "Lt. Col.", "Supt.")
    rf"|(?<=\bLt)\.|(?<=\bBrig)\.|(?<=\bGen)\.|(?<=\bCol)\.|(?<=\bMaj)\.|(?<=\bCapt)\.|(?<=\bSgt)\.|(?<=\bSupt)\."
    rf"|(?<=\bInsp)\.|(?<=\bCmdr)\.|(?<=\bAdm)\.|(?<=\bCpl)\.|(?<=\bConst)\.|(?<=\bDet)\.|(?<=\bRev)\.|(?<=\bFr)\."
    # nor at the points of a short form: "the U.S.-led coalition", "U.N. envoy".
    rf"|(?<=\b[A-Z])\.(?=[A-Z]\.|-|\s+[A-Za-z]))"
)
_AFTER = [
    # "…," the embassy spokesperson said / "…," it said in a social media post
    re.compile(
        rf"^\s*[,:—–-]?\s*(?!\s*(?:while|whereas)\b)(?P<spk>{_SPK}{{1,90}}?)\s+(?:also\s+)?{_V}\b(?P<rest>[^{_MASK}]*)"
    ),
    # "…," the group's spokesman, Jaafar al-Husseini, said
    re.compile(
        rf"^\s*[,:—–-]?\s*(?!\s*(?:while|whereas)\b)(?P<spk>[^.;:!?{_MASK}]{{1,120}}?),?\s+(?:also\s+)?{_V}\b(?P<rest>[^{_MASK}]*)"
    ),
    # "…," Jane Doe, who heads a coalition of groups in the area, told reporters
    re.compile(
        rf"^\s*[,:—–-]?\s*(?!\s*(?:while|whereas)\b)(?P<spk>{_SPK}{{1,90}}?),\s+(?:who|which)\s+[^.;:!?{_MASK}]{{1,120}}?,\s+"
        rf"(?:also\s+)?{_V}\b(?P<rest>[^{_MASK}]*)"
    ),
    # "…," the statement read
    re.compile(
        rf"^\s*[,:—–-]?\s*(?!\s*(?:while|whereas)\b)(?P<spk>the\s+(?:(?:press|news)\s+)?(?:statement|release|communiqu[eé]))\s+"
        rf"(?P<verb>read|reads)\b(?P<rest>[^{_MASK}]*)"
    ),
    # "…," said Jane Doe
    re.compile(
        rf"^\s*[,:—–-]?\s*(?P<verb>said|says|added|wrote)\s+(?P<spk>{_SPK}{{1,90}})(?P<rest>[^{_MASK}]*)"
    ),
]
# '"…," said the agency's representative, Jane Roe.': the name after the office.
_APPOSED_NAME = re.compile(rf",\s+(?P<name>{PERSON_NAME})\s*(?:[.,]|$)")
# "Jane Doe, adviser to President John Roe, told reporters that …": a subject, an aside, the cue verb.
_SUBJECT_ASIDE = re.compile(
    rf"^\s*(?P<spk>{_SPK}{{2,90}}?),\s+(?P<aside>[^{_MASK}]{{2,200}}?),\s+(?:also\s+)?{_V}\b(?P<rest>[^{_MASK}]*)$"
)
# ", in a statement signed by his spokesman, " between a subject's name and the spokesman's
_RELAYED_BY = re.compile(
    r",\s+(?:in|through|via)\s+a\s+(?:\w+\s+)?statement\s+(?:\w+\s+)?(?:by|from)\s+(?:his|her)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:spokes(?:man|woman|person)|aide|adviser|secretary)\b[^,]{0,60},\s+(?:[A-Z][\w.]*\s+)?$"
)
# A person introduced as a man or a woman ("her younger brother, NAME"): the "she" or "he" of the other sex
# is someone else.
_KIN_SEX = {
    "f": re.compile(
        r"\b(?:brother|son|father|husband|uncle|nephew|grandfather|grandson|boy|man|Mr\.?)(?:\s*,)?\s+$", re.I
    ),
    "m": re.compile(
        r"\b(?:sister|daughter|mother|wife|aunt|niece|grandmother|granddaughter|girl|woman|Mrs\.?|Ms\.?|Miss)"
        r"(?:\s*,)?\s+$",
        re.I,
    ),
}
_SPOKEN_TO = re.compile(r"\b(?:told|telling|speaking\s+to|talking\s+to|spoke\s+to|interview\s+with)\s+$")
# A person of an organisation, not the organisation: "the ministry spokesperson".
_ROLE_WORDS = (
    r"spokes|official|chief|head|leader|minister|director|commander|secretary|officer|aide|adviser|advisor"
)
# The agency quoted Rosneft's press service as saying that the refinery was "…": the one quoted, or
# no one if they are not known (never the agency).
_QUOTED_AS = re.compile(
    rf"\bquoted\s+(?P<spk>{_SPK}{{1,90}}?)\s+as\s+(?P<verb>saying)\b(?P<rest>[^{_MASK}.]{{0,60}}?)\s*[,:]?\s*$"
)
# "Russia's state news agency TASS, citing the press service of X, reported that": a relay of X.
_CITING = re.compile(
    rf"^(?:[^,{_MASK}]{{0,150}},\s+)?[^,{_MASK}]{{1,90}},\s+(?:citing|quoting)\s+(?P<spk>[^,{_MASK}]{{2,120}}),\s+"
    rf"(?:also\s+)?{VERBS}\b"
)
_BEFORE = [
    _QUOTED_AS,
    # Minister John Smith said: "…" / X told Reuters: "…" / the spokesperson said, "…"
    re.compile(rf"(?P<spk>{_SPK}{{1,90}}?)\s+(?:also\s+)?{_V}\b(?P<rest>[^{_MASK}.]{{0,60}}?)\s*[,:]?\s*$"),
    # the ministry's spokesperson, Jane Doe, said: "…": the name in apposition, just before the verb.
    re.compile(rf"(?P<spk>{_SPK}{{1,90}}?),\s+(?:also\s+)?{_V}\b(?P<rest>[^{_MASK}.]{{0,60}}?)\s*[,:]?\s*$"),
    # The agency, which runs the camp's schools, said it was "…": the subject before a relative clause.
    re.compile(
        rf"(?P<spk>{_SPK}{{1,90}}?),\s+(?:which|who)\s+[^,.;:!?{_MASK}]{{1,100}},\s+(?:also\s+)?{_V}\b"
        rf"(?P<rest>[^{_MASK}.]{{0,60}}?)\s*[,:]?\s*$"
    ),
    # The coalition, which has troops in the area, said it remained "…": the subject of a relative
    # clause that opens the sentence, however far its verb is from the quotation.
    re.compile(
        rf"^(?P<spk>{_SPK}{{1,90}}?),\s+(?:which|who)\s+[^,.;:!?{_MASK}]{{1,100}},\s+(?:also\s+)?{_V}\b"
        rf"(?P<rest>[^{_MASK}]*)"
    ),
    # Jane Doe, a 45-year-old trader, told AFP that she heard "…": a subject described in apposition.
    re.compile(
        rf"^(?P<spk>{_SPK}{{1,90}}?,\s+(?:an?|the)\s+[^,.;:!?{_MASK}]{{1,60}}?,)\s+(?:also\s+)?{_V}\b"
        rf"(?P<rest>[^{_MASK}]*)"
    ),
    # … in what it called a "cowardly attack": the pronoun or noun before "called" is the speaker.
    re.compile(
        # … in what Israel called a "…": a name too.
        r"\bwhat\s+(?P<spk>it|he|she|they|the\s+[a-z]+(?:\s+[a-z]+)?|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})\s+"
        r"(?P<verb>called|described\s+as|termed)"
        r"(?P<rest>)\s+(?:an?\s+|the\s+)?$"
    ),
    # X said the attack was "cowardly": the cue verb's subject opens the sentence.
    re.compile(
        rf"^(?:[^,{_MASK}]{{0,150}},\s*)?(?P<spk>[^,.;:!?{_MASK}]{{1,90}}?)\s+(?:also\s+)?{_V}\b(?P<rest>[^{_MASK}]*)"
    ),
    # The Valley Front, or VF, claimed …, saying "…": a subject with a short form or description.
    re.compile(
        rf"^(?P<spk>[^,.;:!?{_MASK}]{{1,90}}?,\s+(?:or|a|an)\s+[^,.;:!?{_MASK}]{{1,60}}?,)\s+(?:also\s+)?"
        rf"(?:{VERBS}|claimed responsibility)\b[^{_MASK}]*?,?\s+(?P<verb>{VERBS})\b(?P<rest>[^{_MASK}]*)"
    ),
    # X welcomed the news, saying it showed "…"
    re.compile(
        rf"^(?:[^,{_MASK}]{{0,150}},\s*)?(?P<spk>[^,.;:!?{_MASK}]{{1,90}}?)\s+(?:welcomed|condemned|praised|"
        rf"criticised|criticized|denounced|rejected|defended|hailed|dismissed|responded|reacted|blamed|accused)"
        rf"\b[^{_MASK}]*?,\s+(?P<verb>saying|adding|calling|describing)\b(?P<rest>[^{_MASK}]*)"
    ),
]


_SUB_BODY_AFTER = re.compile(
    r"(?:[^\S\n]+[a-z][\w-]*){1,3}[^\S\n]+(?:office|ministry|department|agency|commission|committee|council|mission)\s*"
)
_NAME_GOES_ON = re.compile(r"[^\S\n]+([A-Z][a-z][\w'’-]*)")
# Words that continue an organisation's name, though not a person's ("Assistance Mission").
_ORG_NAME_WORDS = frozenset(
    "Mission Office Council Union Agency Department Committee Commission Command Authority Bureau".split()
)
_SUBJECT_VERB = re.compile(rf"\s+(?:has\s+|had\s+|also\s+)?(?:{VERBS}|[a-z]{{3,}}ed)\b")
_NAME_ENDS_CLAUSE = re.compile(rf"(?P<name>{PERSON_NAME})(?=[\"”’]?\s*(?:[.;]|$))")
# "MDA senior paramedic Jane Roe": lower-case words of a description, then a full name.
_DESCRIBED_NAME = re.compile(
    rf"(?:[A-Z]{{2,6}}\s+)?(?:(?!(?:of|in|at|from|for|near|to|on|with|by|and|or)\s)[a-z][\w'’-]*\s+){{1,4}}"
    rf"(?P<name>{PERSON_NAME})"
)
# "Yesh Din's field researcher Eyal Shani": a body's possessive, what he is in lower case, his name.
_OWNER_DESCRIBED = re.compile(
    rf"(?:[A-Z][\w-]*\s+){{0,3}}[A-Z][\w-]*['’]s\s+(?:[a-z][\w-]*\s+){{1,4}}(?P<name>{PERSON_NAME})"
)
# "Jane Roe, the headman of the village": a full name, then what she is.
_NAME_THEN_DESCRIPTION = re.compile(rf"(?P<name>{PERSON_NAME}),\s+(?:the|a|an)\s+[^,]{{2,80}}")
_RANK_AND_NAME = re.compile(
    r"(?:Col|Lt|Maj|Gen|Capt|Brig|Sgt|Cpl|Colonel|Major|General|Captain|Lieutenant|Sergeant|Police\s+Col|"
    r"Pol\s+Col|Pol\s+Lt\s+Gen|Lt\s+Gen|Maj\s+Gen|Brig\s+Gen|Lt\s+Col|"
    # (the Philippine forces' written ranks: "LTC Ocampo", "MGen Dizon")
    r"LTC|MGen|BGen|LtGen|LtCol|PCol|PLtCol|PMaj|PCapt|PBGen|PMGen|PLtGen|PGen)\.?\s+(?P<name>[A-Z][a-z]+)"
)
_NAMED_NEXT = re.compile(
    r",\s+(?:who\s+(?:uses|goes\s+by|is\s+known\s+by)\s+(?:the\s+)?(?:nom\s+de\s+guerre|pseudonym|alias|nickname)\s+)?"
    r"[\"“‘]?"
)
_GROUP_NOUNS = frozenset(
    "medics paramedics rescuers activists analysts sources officials authorities residents witnesses survivors "
    "locals protesters organisers organizers doctors nurses police troops soldiers militants rebels investigators "
    "prosecutors diplomats lawmakers legislators villagers relatives families students workers others".split()
)
_NOT_SPEAKER_START = frozenset(
    "no none nobody neither as while when after before because if though although but and or so then since "
    "until where with without for from to in on at by of what which whom whose how why there here".split()
)
_IGNORABLE = frozenset(
    "the a an his her its their this that spokesman spokeswoman spokesperson spokespeople official officials "
    "statement office representative from said also senior group".split()
)


def _initials_of(words: str, description: str, reg: Registry) -> bool:
    """'the IG' for an 'Inspector General of Police …': a short form of two to four capitals that are
    the initials of words running in the description (and not the name of an actor, as 'the UN' is)."""
    short = words.strip()
    if not re.fullmatch(r"[A-Z]{2,4}", short) or reg.named(short):
        return False
    initials = "".join(
        w[0].upper()
        for w in re.findall(r"[A-Za-z][\w-]*", description)
        if w.lower() not in ("of", "the", "for")
    )
    return short in initials


def _not_a_person(name: str) -> bool:
    """Whether a capitalised run is a place or an organisation's words, not a person's name."""
    return (
        any(t in NOT_NAME_WORDS for t in name.split())
        or gazetteer().city(name) is not None
        or gazetteer().country(name) is not None
    )


def _full_name(text: str, before: int, surname: str) -> str | None:
    """The one full name ending in `surname` earlier in the text, if there is exactly one."""
    found = set()
    for m in re.finditer(rf"(?<![\w-]){PERSON_NAME}(?![\w-])", text[:before]):
        tokens = m.group(0).split()
        # "Al Jazeera's Ahmed Idris": the name is what follows its owner's.
        owned = [i for i, t in enumerate(tokens) if t.endswith(("'s", "’s"))]
        if owned:
            tokens = tokens[owned[-1] + 1 :]
        # "High Commissioner for Human Rights Jane Roe": the name is what follows the title's words.
        while tokens and any(t in NOT_NAME_WORDS for t in tokens):
            tokens.pop(0)
        tokens = without_trade(tokens)  # ("Sociologist Jane Roe": a trade written as a title)
        if len(tokens) >= 3 and re.search(r"\b(?:for|of)\s+$", text[max(0, m.start() - 5) : m.start()]):
            tokens = tokens[-2:]  # ("… for Human Rights Jane Roe": the office's last words come first)
        if len(tokens) >= 2 and tokens[-1] == surname:
            found.add(" ".join(tokens))
    if len(found) != 1:
        return None
    name = found.pop()
    return None if _not_a_person(name) else name


_BASED = re.compile(r"(?:[A-Z][\w.’']*\s+){0,2}[\w.’']+-based\b")


def _modifiers_fit(phrase: str, actor: Actor) -> bool:
    """Every content word of a generic reference also names the actor ("an embassy spokesperson")."""
    own = {w.lower() for n in (actor.name, *actor.aliases) for w in re.findall(r"[A-Za-z]+", n)}
    own |= actor.heads & BUSINESS_HEADS  # "the company": DTEK, named as "energy company DTEK"
    # "the Paris-based group": where a body sits describes it, it does not name another one.
    phrase = _BASED.sub(" ", phrase)
    for word in re.findall(r"[A-Za-z’']+", phrase):
        w = word.lower()
        if w.endswith(("'s", "’s")) or w in _IGNORABLE or w in own:
            continue
        return False
    return True


def stance_of(words: str) -> Stance:
    w = words.lower()
    if re.search(
        # ("We did it" claims; "We were told to keep the peace, and we did" does not)
        r"claim(?:ed|s)? (?:of )?responsibility|we (?:did (?:it|this|that)\b|carried out|launched|targeted)|"
        r"claimed (?:the |a |\w+ )?(?:attacks?|strikes?|bombing)",
        w,
    ) and not re.search(r"\bno (?:group|one|organi[sz]ation)|\bnot\b", w):
        return Stance.claim_of_responsibility
    if re.search(
        r"\bden(?:y|ied|ies)\b|nothing to do with|\bhad no (?:involvement|role|part)\b|\bnot involved\b|\breject(?:ed|s)? (?:any )?(?:involvement|responsibility)",
        w,
    ):
        return Stance.denial
    if re.search(r"condemn|denounc|deplor|cowardly|heinous|terroris|lawless|outrage|barbaric|criminal", w):
        return Stance.condemnation
    if re.search(r"carried out by|blam|responsible for|behind the attack|accus", w):
        return Stance.attribution
    if re.search(r"\bcall(?:ed|s|ing)? (?:on|for)\b|\burg(?:e|ed|es)\b|\bdemand", w):
        return Stance.call_to_action
    if re.search(r"\bwarn|cannot afford|would threaten|\brisk", w):
        return Stance.warning
    if re.search(r"retaliat|reserve the right|will respond|avenge|will pay|threat(?:en)", w):
        return Stance.threat
    return Stance.other


_PARA_VERBS = (
    r"said|says|reported|told\s+[^,.]{1,40}|added|stated|confirmed|announced|claimed(?!\s+responsibility)|wrote|"
    r"posted"
)
_TAIL = (
    # ("…, al-Akhali said, raising the toll to 11": the writer's sum of what was said)
    r"(?:,\s+(?:adding|saying|noting|citing|according|blaming|accusing|calling|urging|describing|raising|"
    r"bringing|taking|pushing)\b.*|"
    r",\s+(?:most|many|some|all|both|including)\b[^,]*|"
    # "…, the ministry said, while a local official said …": what follows is someone else's.
    r",\s+(?:while|whereas)\b.*|"
    # "…, X told reporters at the scene in the Y district, where …": a clause about the place.
    r",\s+(?:where|which)\b[^,]*|"
    # "…, the health ministry said, one of the deadliest strikes in the area in weeks": the writer's
    # words on the event
    r",\s+(?:one|among|the)\s+(?:of\s+the\s+)?(?:deadliest|worst|bloodiest|largest|biggest|most\s+\w+)\b[^,]*)?"
)
_PARA_ACCORDING = re.compile(
    r"^(?:[A-Z][^,]{0,40},\s+)?[Aa]ccording to (?P<spk>[^,]{2,90}),\s*(?P<content>.{10,}?)[.!]?$"
)
# (not "The mayor told RTBF that …, according to Belga": the agency only relays the mayor's words)
_PARA_ACCORDING_END = re.compile(
    r"^(?![^,]{2,90}?\s+(?:said|says|told)\b)(?P<content>.{15,}?),\s*according to (?P<spk>[^,]{2,90}?)[.!]?$"
)
_PARA_TRAILING = re.compile(
    rf"^(?P<content>.{{15,}}?),\s*(?P<spk>[^,]{{2,90}}?(?:,\s+[^,]{{2,60}},)?)\s+(?P<verb>{_PARA_VERBS})"
    # "…, Jorge, said he had gone …": what follows the verb is the claim, not a time or a channel.
    rf"(?P<rest>(?!\s+(?i:that|he|she|it|they|we|i|there)\b)[^,]{{0,60}}){_TAIL}[.!]?$"
)
_PARA_TRAILING_INVERTED = re.compile(
    # Not "…, said he had gone …": a pronoun after the verb opens the claim.
    r"^(?![^,]{2,90}?\s+(?:said|says|told)\b)(?P<content>.{15,}?),\s*(?P<verb>said|says|according to)\s+"
    r"(?!(?i:he|she|it|they|we|i|there)\b)"
    r"(?P<spk>[^,]{2,90}?)(?:,\s+[^,]{2,60})?[.!]?$"
)
_PARA_LEADING = re.compile(
    # ("X, widely known as "Gaab", had said late on Wednesday that …": the pluperfect too)
    r"^(?:[^,]{0,150},\s+)?(?P<spk>[^,]{2,90}?)(?:,\s+(?P<appos>[^,]{2,150}(?:,\s+[^,]{1,150}){0,4}),)?\s+(?:had\s+|has\s+)?"
    r"(?:also\s+)?(?P<verb>said|says|"
    r"told\s+[^,.]{1,50}?(?=\s+that\b)|told\s+\S+(?:\s+\S+)?|added|stated|announced|confirmed|"
    r"claimed(?!\s+responsibility)|warned|reported|wrote|posted(?=[^.]{0,60}\bthat\b))"
    r"(?P<rest>(?:\s+on\s+(?:Telegram|X|Twitter|Facebook|Instagram|social media))?(?:\s+(?:on|late on|early on)\s+\w+)?"
    r"(?:\s+in a (?:statement|post|tweet|video|message)[^,]{0,40}?)?)(?:\s+that)?\s+(?P<content>.{15,}?)[.!]?$"
)
_PARA_ACTION = re.compile(
    r"^(?:[^,]{0,150},\s+)?(?P<spk>[^,]{2,90}?)(?:,\s+(?P<appos>[^,]{2,150}),)?\s+(?:has\s+|had\s+|also\s+|strongly\s+|"
    r"swiftly\s+)?(?P<verb>condemned|denounced|denied|claimed responsibility|blamed|called on|urged|vowed|warned|"
    r"accused|rejected|dismissed|commended|praised|directed|ordered|instructed)(?P<content>\b.*?)[.!]?$"
)
_TOLD_BY = re.compile(
    rf",\s+(?P<by>(?:the|a|an|his|her|its|their|[A-Z])(?:(?!\band\b)[^,]){{1,90}}?)\s+(?:{_PARA_VERBS})\b"
    r"(?!\s+that\b)[^,]{0,60}[.!]?$"
)
# "his office", "the Presidential Communications Office", "the Prime Minister's Office": the
# actor's own office telling of his act.
_OWN_OFFICE = re.compile(
    r"^(?:his|her|their|its)\b|\b(?:Presiden(?:t|tial)|Prime\s+Minister)\b.*\b(?:Office|Palace|office|palace)\b"
)
_SAYING_AFTER = re.compile(r"[^,;\"“”]{0,80},\s+saying(?:\s+that)?\s+(?=.{15})")
# "X paid tribute to the jawan and said the state was …": the subject of a first predicate says
# what follows the second; the first must open with a verb in the past ("-ed" or a common one).
_PARA_COORDINATED = re.compile(
    r"^(?:[^,]{0,150},\s+)?(?P<spk>[^,]{2,90}?)\s+(?:also\s+)?(?P<did>(?:[a-z]+ed|paid|met|held|gave|took|made|"
    r"led|spoke|went|sent|urged|visited)\b[^,]{0,120}?)\s+and\s+(?:also\s+)?(?P<verb>said|warned|added|stressed|"
    r"insisted)(?:\s+that)?\s+(?P<content>.{15,}?)[.!]?$"
)
# "In a statement, the group gave a lower toll, saying four of its members had been killed": the
# subject of an act done in words says what follows "saying".
_PARA_SAYING = re.compile(
    r"^(?:[^,]{0,150},\s+)?(?P<spk>[^,]{2,90}?)\s+(?:also\s+)?(?P<did>(?:gave|issued|released|published|"
    r"put out|offered|provided|gave out)\b[^,]{0,80}?),\s+(?P<verb>saying)(?:\s+that)?\s+(?P<content>.{15,}?)[.!]?$"
)
# "Among them was Jane Doe, a 34-year-old vendor who said she ran …": a person described by a
# relative clause of saying says what follows.
_PARA_WHO_SAID = re.compile(
    # Not "Jane Doe, the mother of a boy who said …": the boy said it.
    r"^(?:[^,]{0,80}?\s)?(?P<spk>(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w'’-]*),\s+(?:an?|the)\s+(?:(?!\bof\b)[^,]){2,80}?\s+who\s+"
    r"(?P<verb>said|says|told\s+\S+(?:\s+\S+)?)(?:\s+that)?\s+(?P<content>.{15,}?)[.!]?$"
)
# '"…," he said, adding that …': after a quotation, its speaker's own reported words.
_AFTER_QUOTE = re.compile(
    rf"^[\s,.:;—–-]*(?P<spk>[^,{_MASK}]{{2,60}}?)\s+(?:also\s+)?(?P<verb>said|added|wrote|told\s+[^,{_MASK}]{{1,40}})"
    rf"(?P<rest>[^,{_MASK}]{{0,40}}),\s+(?:adding|warning|saying|noting|stressing)\s+(?:that\s+)?"
    rf"(?P<content>[^{_MASK}]{{15,}}?)[.!]?$"
)
_PREFIX = r"^(?:[^,]{0,150},\s+)?"


def _attempts(text: str) -> Iterator[tuple[re.Pattern[str], re.Match[str]]]:
    """Each pattern's match; for those that skip a leading clause, also the match without it
    ("Centcom added that …, which it said …": the speaker opens the sentence)."""
    for rx in _PARAPHRASES:
        m = rx.match(text)
        if m:
            yield rx, m
        bare = _BARE.get(rx)
        m2 = bare.match(text) if bare else None
        if m2 and (m is None or m2.span("spk") != m.span("spk")):
            yield rx, m2


_PARAPHRASES = (
    _PARA_ACCORDING,
    _PARA_ACCORDING_END,
    _PARA_TRAILING,
    _PARA_TRAILING_INVERTED,
    _PARA_LEADING,
    # After the action: "X condemned the attack and said …" is the condemnation, all of it.
    _PARA_ACTION,
    _PARA_COORDINATED,
    _PARA_SAYING,
    _PARA_WHO_SAID,
)
_BARE = {
    rx: re.compile("^" + rx.pattern[len(_PREFIX) :]) for rx in _PARAPHRASES if rx.pattern.startswith(_PREFIX)
}
# A sentence may hold short quoted words ("outlaw groups") and still be a paraphrase.
_PARTIAL_QUOTE_WORDS = 5
# ... or longer ones worked into its grammar: 'warned that "no one will be allowed to ..."'.
# ... or 'told AFP that he heard "a buzzing like a motorbike"'.
_WOVEN_QUOTE = re.compile(r"\bthat(?:\s+(?:he|she|it|they|we)\s+[a-z]+)?\s*$")
# Not after "as": 'describing them as "lawless groups …"' frames a direct quote, it is no claim.
_WORD_BEFORE = re.compile(r"\b(?!as\b)[a-z]+\s*$")
# What a cue verb's object may leave before the reported words: 'in a post on X that …',
# 'told broadcaster Suspilne that …', 'told reporters at the Secretariat that …'.
_LEAD_IN = re.compile(
    # "in a televised statement on the group's channel late on Saturday that …": a long channel too.
    r"(?:(?:(?:late|early)\s+)?(?:on|via|in|through|at)\s+[^,;\"“”]{1,40}?|in\s+an?\s+(?:[a-z]+\s+)?(?:statement|post|"
    r"video|message|interview|address|speech)\b[^,;\"“”]{0,70}?|(?:the\s+)?(?:[A-Z][\w’'.&-]*\s+){0,3}[A-Z][\w’'.&-]*|"
    # "said in a statement this morning that …"
    r"(?:(?:late|early)\s+)?(?:this|last|yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening|night))?)"
    r"\s+that\s+"
)
# "Late on Wednesday, X claimed …": a time phrase is not what was said.
_TIME_ONLY = re.compile(
    r"(?:(?:late|early|later|earlier|then|also|on|in|at|by|during|since|overnight|last|this|that|the|a|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|night|day|week|"
    r"month|year|today|yesterday|tonight|hours?|minutes?|\d[\d:.]*|a\.m|p\.m|gmt|local|time|of|and)\b[\s,.]*)+",
    re.I,
)
# "Jane Doe's elder sister", "the victim's lawyer": a person's relation, in lower case.
_RELATIVE_OF = re.compile(
    r"(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*['’]s\s+(?:(?:elder|older|younger|eldest|youngest|twin|late)\s+)?"
    rf"(?:{KIN})"
)
_GENERIC_CHARITY = re.compile(
    r"(?:[Tt]he\s+)?(?:(?:medical|humanitarian|aid|international|French|British|US|American|children's)\s+)?"
    r"(?:charity|aid group|aid organi[sz]ation|NGO|humanitarian organi[sz]ation)",
    re.I,
)
_GENERIC_GROUP = re.compile(
    r"(?:[Tt]he\s+)?(?:(?:islamist|militant|armed|jihadist|rebel|extremist|insurgent|terrorist|separatist|"
    r"banned|outlawed|proscribed)\s+){1,2}(?:group|outfit|organi[sz]ation|movement)",
    re.I,
)
_NAME_AFTER_KIN = re.compile(rf"\s*,\s+(?P<name>{PERSON_NAME})\s*(?:,|$)")
_KIN_OF = re.compile(r"\s*(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*['’]s\s+(?:[a-z-]+\s+){0,2}[a-z-]+\s*")
_MAX_SENTENCE = 1500  # longer "sentences" are unpunctuated runs: no reported speech is read in them
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,40}(?:,[^—–\n(]{0,60})?(?:\s*\([^)]{1,40}\))?\s+[—–-]+\s+")


def paraphrase(att: Attributor, sent: Sentence) -> Statement | None:
    """A claim in reported speech: 'According to X, …', '…, X said.', 'X said (that) …', 'X condemned …'."""
    if sent.end - sent.start > _MAX_SENTENCE:
        return None
    after = _after_quote(att, sent)
    if after is not None:
        return after
    if any(
        len(re.findall(r"\w+", att.text[q.start : q.end])) > _PARTIAL_QUOTE_WORDS
        and not _WOVEN_QUOTE.search(att.text[sent.start : q.outer_start])
        # '… closed indefinitely if "the safety of our staff is not guaranteed"', 'said the strike was
        # "part of a pattern …"': a lower-case fragment run on from a lower-case word is part of the
        # sentence.
        and not (
            att.text[q.start : q.start + 1].islower()
            and _WORD_BEFORE.search(att.text, sent.start, q.outer_start)
        )
        for q in sent.quotes
    ):
        return None
    text = att.text[sent.start : sent.end]
    s0 = sent.start
    if _CITING.match(text):
        return None  # 'TASS, citing X, reported that …': a relay, told as X's in its quotations only
    for rx, m in _attempts(text):
        if m.start("spk") > 0 and _person_opens(att, s0, s0 + m.start("spk")):
            # "Jane Doe, a spokesman for the local militia (LM), one of …, said": she is no opening
            # clause to skip, she is the subject (the match without it follows).
            continue
        rest = m.groupdict().get("rest") or ""
        verb = m.groupdict().get("verb") or ""
        appos = m.groupdict().get("appos")
        named = (
            [
                x
                for x in att.reg.mentions_in(s0 + m.start("appos"), s0 + m.end("appos"))
                if att.reg.actors[x.key].kind is ActorKind.person
                # ("the headman of Ban Ka Pho": a "person" after "of" is a place)
                and not _PLACE_BEFORE.search(att.text, max(s0 + m.start("appos"), x.start - 40), x.start)
            ]
            if appos
            else []
        )
        sp: Speaker | None
        if (
            named
            # "Jane Doe's elder sister, Mary Doe, said": the subject is a relative of the person
            # it names, and the apposition is him.
            and not _KIN_OF.fullmatch(text, m.start("spk"), m.end("spk"))
            and any(
                att.reg.actors[x.key].kind is ActorKind.person
                # (not "the Chief Press Secretary to Governor John Roe, Jane Doe, said": whose secretary)
                and not _OWNER_BEFORE.search(att.text, max(s0 + m.start("spk"), x.start - 30), x.start)
                for x in att.reg.mentions_in(s0 + m.start("spk"), s0 + m.end("spk"))
            )
        ):
            # "Jane Doe, adviser to President John Roe, said": the subject names the speaker.
            named = []
        if named:
            # "The U.N. envoy for Sudan, Volker Perthes, said": the person in apposition speaks.
            sp = Speaker(named[-1].key, att._channel(text[m.start("spk") : m.end("spk")].lower(), rest), 0.85)
            att.last_speaker_key = sp.key
            if sp.channel == "statement":
                # "Army spokesman, Col Jane Doe, in a release issued on Wednesday, said …": hers.
                att.last_statement_key = sp.key
        else:
            # "In a statement, X said …": the opening clause names the channel too.
            sp = att.resolve(
                s0 + m.start("spk"),
                s0 + m.end("spk"),
                f"{verb} {rest} {text[: m.start('spk')]} {appos or ''}",
            )
        if sp is None and appos:
            # "The ship's manager, Acme Shipping, said": an organisation named in apposition speaks.
            whole = [
                x
                for x in att.reg.mentions_in(s0 + m.start("appos"), s0 + m.end("appos"))
                if text[m.start("appos") : m.end("appos")].strip() == att.text[x.start : x.end]
            ]
            if whole:
                key = whole[-1].key
                sp = Speaker(key, att._channel(text[m.start("spk") : m.end("spk")].lower(), rest), 0.8)
                att.last_speaker_key = key
        if sp is None or (rx is _PARA_WHO_SAID and att.reg.actors[sp.key].kind is not ActorKind.person):
            continue
        if rx is _PARA_ACTION:
            # "…, but the group has vowed to continue": the sentence is not the group's to claim.
            if m.start("spk") > 0 and re.match(r"\s*(?:but|and|while|yet|as|so)\b", m.group("spk"), re.I):
                continue
            # "X ordered the arrests, the opposition said": someone else's account of the act, whose
            # speaker went unresolved ("his office said" is his own).
            told = _TOLD_BY.search(text)
            if told and not _OWN_OFFICE.search(told.group("by")):
                continue
            start, end = sent.start, sent.end
        else:
            start, end = s0 + m.start("content"), s0 + m.end("content")
            lead_in = _LEAD_IN.match(att.text, start, end)
            if lead_in and end - lead_in.end() >= 15:
                channel = att._channel(
                    text[m.start("spk") : m.end("spk")].lower(), f"{verb} {rest} {lead_in.group(0)}"
                )
                sp = Speaker(sp.key, channel or sp.channel, sp.score)
                start = lead_in.end()
            saying = _SAYING_AFTER.match(att.text, start, end) if rx is _PARA_LEADING else None
            if saying and verb in ("confirmed", "announced", "reported"):
                # "X confirmed the attack in a statement issued late Wednesday, saying that …": what
                # follows "saying" is the claim.
                start = saying.end()
        # "BAGHDAD, Iraq (Reuters) — …": the dateline is not part of the claim.
        dateline = _DATELINE.match(att.text, start, end)
        if dateline:
            start = dateline.end()
        while end > start and att.text[end - 1] in ".,;: ":
            end -= 1
        if (
            _TIME_ONLY.fullmatch(att.text[start:end])
            or _only_quoted(att, sent, start, end)
            # ("Senior Superintendent of Police (SSP), East Singhbhum, Jane Doe, told …": an office)
            or _OFFICE_ONLY.fullmatch(att.text, start, end)
        ):
            continue
        stance = stance_of(f"{m.groupdict().get('did') or ''} {verb} {att.text[start:end]}")
        return Statement(sp, StatementKind.paraphrase, start, end, (sent.start, sent.end), stance)
    return None


# Capitalised words, "of"/"the"/"for"/"and" and a bracketed short form: a name or an office, no claim.
_OFFICE_ONLY = re.compile(r"(?:(?:[A-Z][\w'’.-]*|of|the|for|and|\([A-Z][\w.]*\))\s*)+")


def _person_opens(att: Attributor, start: int, end: int) -> bool:
    """text[start:end] is a person's name (titles before it) and a comma: "Jane Doe, "."""
    found = [x for x in att.reg.mentions_in(start, end) if att.reg.actors[x.key].kind is ActorKind.person]
    return (
        len(found) == 1
        and re.fullmatch(r"\s*(?:[A-Z][\w.'’-]*\s+)*", att.text[start : found[0].start]) is not None
        and re.fullmatch(r",\s*", att.text[found[0].end : end]) is not None
    )


def _only_quoted(att: Attributor, sent: Sentence, start: int, end: int) -> bool:
    """The claim is (nearly) all quotation: it is a direct quote already, not a paraphrase too."""
    chars = list(att.text[start:end])
    for q in sent.quotes:
        for i in range(max(q.outer_start, start), min(q.outer_end, end)):
            chars[i - start] = " "
    return len(re.findall(r"\w+", "".join(chars))) < 3


def _after_quote(att: Attributor, sent: Sentence) -> Statement | None:
    """'"…," he said, adding that the attack "must be cleared up"': the words after "adding" are
    the quotation's speaker's, reported (the sentence opens with the quotation)."""
    if not sent.quotes or att.text[sent.start : sent.quotes[0].outer_start].strip():
        return None
    first = sent.quotes[0]
    chars = list(att.text[first.outer_end : sent.end])
    for q in sent.quotes[1:]:
        if (
            _WOVEN_QUOTE.search(att.text[first.outer_end : q.outer_start])
            or len(re.findall(r"\w+", att.text[q.start : q.end])) <= _PARTIAL_QUOTE_WORDS
        ):
            continue
        # (stray marks may nest a quotation in the first or run one past the sentence)
        for i in range(max(q.outer_start, first.outer_end), min(q.outer_end, sent.end)):
            chars[i - first.outer_end] = _MASK
    m = _AFTER_QUOTE.match("".join(chars))
    if not m:
        return None
    s0 = first.outer_end
    sp = att.resolve(s0 + m.start("spk"), s0 + m.end("spk"), f"{m.group('verb')} {m.group('rest')}")
    if sp is None:
        return None
    start, end = s0 + m.start("content"), s0 + m.end("content")
    while end > start and att.text[end - 1] in ".,;: ":
        end -= 1
    if _only_quoted(att, sent, start, end):
        return None
    stance = stance_of(att.text[start:end])
    return Statement(sp, StatementKind.paraphrase, start, end, (sent.start, sent.end), stance)
