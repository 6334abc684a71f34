"""Direct quotes, paraphrased claims, and who said them.

A speaker is only given when the words around the quote name one: a named actor, or a reference
("the spokesperson", "he", "it", "his office", "the embassy") that resolves to an actor named
earlier in the same paragraph, or (for a generic noun) to the only actor it can mean. A quote
whose speaker stays unknown is left out: no speaker is better than a wrong one.
"""

import re
from dataclasses import dataclass

from app.ingest.extract.actors import HEADS, PERSON_NAME, Actor, Registry
from app.ingest.extract.text import Paragraph, QuoteSpan, Sentence
from app.vocab import ActorKind, Stance, StatementKind

VERBS = (
    r"(?:said|says|told|tells|added|adds|stated|wrote|writes|tweeted|posted|declared|announced|insisted|"
    r"warned|stressed|noted|explained|continued|claimed|denied|replied|urged|asked|recalled|admitted|"
    r"acknowledged|reported|confirmed|vowed|argued|alleged|threatened|describing|described|"
    r"calling|called|saying)"
)
_MASK = "§"
_PRONOUNS_PERSON = frozenset({"he", "she"})
_DETERMINERS = r"(?:the|a|an|his|her|its|their|one|another|this|that)"
_SPOKES = re.compile(r"\b(?:spokes(?:man|woman|person)|official|representative)\b", re.I)
_MEDIA_CHANNEL = re.compile(r"\b(?:in an interview|told (?:the )?[A-Z][\w-]*|interview)\b")


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

    def _in_quote(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.quote_spans)

    def resolve(self, start: int, end: int, rest: str = "") -> Speaker | None:
        """The actor a speaker phrase (text[start:end]) names or refers to."""
        phrase = self.text[start:end].strip()
        para = next(p for p in self.paragraphs if p.start <= start <= p.end)
        low = phrase.lower()
        words = re.findall(r"[a-z]+", low)
        if not words or len(words) > 9:
            return None
        first = phrase.split()[0]
        if words[0] in ("no", "none", "nobody", "neither") or re.search(
            r"\b(?:was|were|is|are|be|been|would|will|could|but|and|which|that|who|not|if|when)\b", low
        ):
            return None
        if not (
            first[0].isupper()
            or re.fullmatch(_DETERMINERS, first.lower())
            or first.lower() in ("he", "she", "it")
        ):
            return None
        channel = self._channel(low, rest)
        mentions = [m for m in self.reg.mentions_in(start, end)]
        actor: Actor | None = None
        score = 0.9
        if mentions:
            persons = [m for m in mentions if self.reg.actors[m.key].kind is ActorKind.person]
            actor = self.reg.actors[(persons or mentions)[-1].key]
        elif words[0] in _PRONOUNS_PERSON or re.search(r"\b(?:his|her)\b", low):
            actor = self._nearest(start, para, person=True)
            score = 0.8
        elif words[0] == "it" or re.search(r"\bits\b", low):
            actor = self._nearest(start, para, person=False)
            score = 0.75
        else:
            heads = [w for w in words if w in HEADS]
            if heads:
                actor = self.reg.by_head(heads[-1], start)
                score = 0.8
            elif _SPOKES.search(low) and words[0] in ("the", "a", "an"):
                actor = self.reg.actors.get(self.last_spokes_key or "")
                score = 0.75
            else:
                m = re.fullmatch(PERSON_NAME, phrase)
                if m:
                    actor = self.reg.add(phrase, ActorKind.person)
                    if actor.first is None:
                        actor.first = (start, end)
                    score = 0.7
                elif low in ("police", "the police"):
                    actor = self.reg.add("Police", ActorKind.security_force)
                    if actor.first is None:
                        actor.first = (start, end)
                    score = 0.6
        if actor is None:
            return None
        if _SPOKES.search(low):
            self.last_spokes_key = actor.key
        return Speaker(actor.key, channel, score)

    def _nearest(self, pos: int, para: Paragraph, *, person: bool) -> Actor | None:
        """The closest earlier actor of the right sort in the paragraph (outside quotes, not after a
        preposition); for a person, the previous paragraph too when it names exactly one person."""

        def candidates(a: int, b: int) -> list[Actor]:
            out = []
            for m in self.reg.mentions_in(a, b):
                actor = self.reg.actors[m.key]
                if (actor.kind is ActorKind.person) != person or self._in_quote(m.start):
                    continue
                before = self.text[max(a, m.start - 12) : m.start]
                if not person and re.search(
                    r"\b(?:in|at|near|from|to|of|on|into|across|against|by|with|for|the)\s+$", before
                ):
                    continue
                out.append(actor)
            return out

        here = candidates(para.start, pos)
        if here:
            return here[-1]
        if person and para.index > 0:
            prev = self.paragraphs[para.index - 1]
            keys = {a.key for a in candidates(prev.start, prev.end)}
            if len(keys) == 1:
                return self.reg.actors[keys.pop()]
        return None

    @staticmethod
    def _channel(phrase: str, rest: str) -> str | None:
        both = f"{phrase} {rest}".lower()
        if "office" in phrase:
            return "office statement"
        if re.search(r"social media|on x\b|twitter|telegram|facebook|tweet|instagram|posted", both):
            return "social media post"
        if re.search(r"spokes(?:man|woman|person)", phrase):
            return "spokesperson"
        if re.search(r"interview|told (?!reporters)", both):
            return "interview"
        if re.search(r"news conference|press conference|told reporters|briefing", both):
            return "press conference"
        if "statement" in both:
            return "statement"
        return None

    # -- quotes ------------------------------------------------------------------------------
    def quote_speaker(self, sent: Sentence, q: QuoteSpan) -> Speaker | None:
        """Speaker of one quote from the cue verb in its sentence (masked so quotes don't match)."""
        text = self.text
        s0 = sent.start
        chars = list(text[sent.start : sent.end])
        for other in sent.quotes:
            for i in range(other.outer_start, other.outer_end):
                chars[i - s0] = _MASK
        masked = "".join(chars)
        qs, qe = q.outer_start - s0, q.outer_end - s0
        after = masked[qe:]
        # "…," the embassy spokesperson said / "…," it said in a social media post
        m = re.match(
            rf"\s*[,:—–-]?\s*(?P<spk>[^,.;:!?{_MASK}]{{1,90}}?)\s+(?:also\s+)?{VERBS}\b(?P<rest>[^{_MASK}]*)",
            after,
        )
        if m:
            sp = self.resolve(qe + s0 + m.start("spk"), qe + s0 + m.end("spk"), m.group("rest"))
            if sp:
                return sp
        # "…," said Jane Doe
        m = re.match(rf"\s*[,:—–-]?\s*(?:said|says|added|wrote)\s+(?P<spk>[^,.;:!?{_MASK}]{{1,90}})", after)
        if m:
            sp = self.resolve(qe + s0 + m.start("spk"), qe + s0 + m.end("spk"), after[m.end() :])
            if sp:
                return sp
        before = masked[:qs]
        # Minister John Smith said: "…" / X told Reuters: "…" / the spokesperson said, "…"
        m = re.search(
            rf"(?P<spk>[^,.;:!?{_MASK}]{{1,90}}?)\s+(?:also\s+)?{VERBS}\b(?P<rest>[^{_MASK}.]{{0,60}}?)\s*[,:]?\s*$",
            before,
        )
        if m:
            sp = self.resolve(s0 + m.start("spk"), s0 + m.end("spk"), m.group("rest"))
            if sp:
                return sp
        # X said the attack was "cowardly": the cue verb's subject opens the sentence.
        m = re.match(
            rf"(?:[^,{_MASK}]{{0,60}},\s*)?(?P<spk>[^,.;:!?{_MASK}]{{1,90}}?)\s+(?:also\s+)?{VERBS}\b(?P<rest>[^{_MASK}]*)",
            before,
        )
        if m:
            sp = self.resolve(s0 + m.start("spk"), s0 + m.end("spk"), m.group("rest"))
            if sp:
                return sp
        m = re.search(r"\b[Aa]ccording to (?P<spk>[^,.;§]{1,90})", masked)
        if m:
            return self.resolve(s0 + m.start("spk"), s0 + m.end("spk"))
        return None


def stance_of(words: str) -> Stance:
    w = words.lower()
    if re.search(
        r"claim(?:ed|s)? (?:of )?responsibility|we (?:did|carried out|launched|targeted)", w
    ) and not re.search(r"\bno (?:group|one|organi[sz]ation)|\bnot\b", w):
        return Stance.claim_of_responsibility
    if re.search(
        r"\bden(?:y|ied|ies)\b|nothing to do with|\breject(?:ed|s)? (?:any )?(?:involvement|responsibility)",
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


_PARA_ACCORDING = re.compile(
    r"^(?:[A-Z][^,]{0,40},\s+)?[Aa]ccording to (?P<spk>[^,]{2,90}),\s*(?P<content>.{10,}?)[.!]?$"
)
_PARA_TRAILING = re.compile(
    r"^(?P<content>.{15,}?),\s*(?P<spk>[^,]{2,90}?)\s+(?P<verb>said|says|reported|told\s+[^,.]{1,40}|added|"
    r"stated|confirmed|announced|claimed|wrote)(?P<rest>[^,]{0,60})[.!]?$"
)
_PARA_LEADING = re.compile(
    r"^(?:[^,]{0,60},\s+)?(?P<spk>[^,]{2,90}?)\s+(?:also\s+)?(?P<verb>said|says|told\s+\S+(?:\s+\S+)?|added|stated|"
    r"announced|confirmed|claimed|warned|reported)(?P<rest>(?:\s+(?:on|late on|early on)\s+\w+)?(?:\s+in a "
    r"(?:statement|post|tweet)[^,]{0,40}?)?)(?:\s+that)?\s+(?P<content>.{15,}?)[.!]?$"
)
_PARA_ACTION = re.compile(
    r"^(?:[^,]{0,60},\s+)?(?P<spk>[^,]{2,90}?)\s+(?:has\s+|had\s+|also\s+|strongly\s+|swiftly\s+)?"
    r"(?P<verb>condemned|denounced|denied|claimed responsibility|blamed|called on|urged|vowed|warned|accused)"
    r"(?P<content>\b.*?)[.!]?$"
)


def paraphrase(att: Attributor, sent: Sentence) -> Statement | None:
    """A claim in reported speech: 'According to X, …', '…, X said.', 'X said (that) …', 'X condemned …'."""
    if sent.quotes:
        return None
    text = att.text[sent.start : sent.end]
    s0 = sent.start
    for rx in (_PARA_ACCORDING, _PARA_TRAILING, _PARA_LEADING, _PARA_ACTION):
        m = rx.match(text)
        if not m:
            continue
        rest = m.groupdict().get("rest") or ""
        verb = m.groupdict().get("verb") or ""
        sp = att.resolve(s0 + m.start("spk"), s0 + m.end("spk"), f"{verb} {rest}")
        if sp is None:
            continue
        if rx is _PARA_ACTION:
            start, end = sent.start, sent.end
        else:
            start, end = s0 + m.start("content"), s0 + m.end("content")
        while end > start and att.text[end - 1] in ".,;: ":
            end -= 1
        stance = stance_of(f"{verb} {att.text[start:end]}")
        return Statement(sp, StatementKind.paraphrase, start, end, (sent.start, sent.end), stance)
    return None
