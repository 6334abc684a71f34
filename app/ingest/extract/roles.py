"""Who did what in the event: target, perpetrator, claimant, responder, reporter; and claim status."""

import re
from dataclasses import dataclass

from app.ingest.extract.actors import HEADS, Actor, Registry
from app.ingest.extract.gazetteer import DEMONYMS, gazetteer
from app.vocab import ActorKind, ClaimStatus, Confidence, Role

_STATE_WEAPON = re.compile(
    rf"\b(?P<dem>{'|'.join(DEMONYMS)})\s+(?:missiles?|rockets?|drones?|air ?strikes?|airstrikes?|warplanes?|jets|"
    r"shelling|artillery|shells)\s+(?:\w+\s+){0,2}?(?:hit|hits|struck|strikes|slammed|killed|kills|killing|"
    r"pounded|attacked|shelled|bombed|targeted|destroyed)\b"
)
# "A Ukrainian drone attack on …", "an Israeli air strike": the state's attack, as the sentence
# tells it (alleged when the sentence quotes someone saying so).
_STATE_ATTACK = re.compile(
    rf"\b(?P<dem>{'|'.join(DEMONYMS)})\s+(?:drone|missile|rocket|air|aerial|artillery|mortar)\s+"
    r"(?:attacks?|strikes?|barrages?|raids?|bombardments?)\b"
)
_ATTRIBUTED = re.compile(r"\b(?:said|says|according to|told|claimed|reported|wrote)\b")
_RESPONSE_AFTER_APPOSITION = re.compile(
    r",\s+(?:condemned|denounced|deplored|visited)\s+(?:\w+\s+){1,3}and\s+"
)
_SPEAKS = re.compile(r",?\s+(?:said|says|told|wrote|added|announced|confirmed|reported)\b")
_MAX_SENTENCE = 1500
_TOLD_BEFORE = re.compile(r"\b(?:said|says|claimed|alleged|accused|told)\s+(?:[^,.;]{0,40}?\s)?that\b")
# "X said its teams had pulled 23 people from the rubble", "X said it was treating four of the
# injured", "the governor said she had ordered …": the speaker's own people responded.
_SAID = r"\b(?:said|says|added|reported|wrote)\s+(?:(?:on|in|via)\s+(?:\w+\s+){1,3}?)?(?:that\s+)?"
_OWN_TEAMS_RESPONDED = re.compile(
    _SAID
    + r"(?:its|their)\s+(?:[\w-]+\s+)?(?:teams|troops|forces|staff|volunteers|medics|paramedics|doctors|"
    r"personnel|crews|units|officers|rescuers|ambulances)\b(?:\s+[\w-]+){0,8}?\s+(?:had\s+|have\s+|has\s+|"
    r"were\s+|are\s+)?(?:later\s+|also\s+|already\s+)?(?:treated|treating|pulled|rescued|rescuing|evacuated|"
    r"evacuating|reinforced|recovered|retrieved|transported|buried|searched|searching|cordoned off|sealed off|"
    r"arrested|detained|intercepted|shot down|deployed|supporting|assisting)\b"
)
_IT_RESPONDED = re.compile(
    _SAID
    + r"(?P<pron>it|they|he|she)\s+(?:[^,.;]{0,60}?\band\s+)?(?:(?:was|is|were|are)\s+(?:also\s+|now\s+)?"
    r"(?:treating|assisting|investigating)|(?:had|has|have)\s+(?:also\s+|already\s+)?(?:treated|ordered|directed|"
    r"deployed|dispatched|evacuated|arrested|detained|sent\s+(?:reinforcements|troops|forces)|"
    r"(?:opened|launched)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:investigation|inquiry|probe|operation)))\b"
)
# A sentence's subject that a pronoun at the start of the next one refers to.
_SUBJECT_VERB = re.compile(
    r"\b(?:said|says|told|condemned|denounced|deplored|wrote|added|announced|confirmed|ordered|directed)\b"
)
_PRONOUN = re.compile(r"\s*(?P<p>He|She|It)\s+(?:\w+\s+)?$")
# "killed" with no object after it is a passive ("Three rebels killed, two soldiers wounded").
_NO_OBJECT = re.compile(
    r"\s*(?:[,.;:!?)]|$|(?:in|on|at|near|during|after|when|as|and|by|while|overnight|yesterday|today)\b)"
)
# The object of a security force's killing is the other side's fighters.
_COMBATANTS = re.compile(
    r"\s+(?:[\w-]+\s+){0,4}?(?:militants?|insurgents?|attackers?|terrorists?|rebels?|fighters?|gunmen|"
    r"assailants?|jihadists?|bandits?|extremists?|Maoists?|separatists?|kidnappers?)\b"
)
_HEDGE = re.compile(
    r"\b(?:likely|probably|possibly|believed|suspected|thought|apparently|appear(?:s|ed)?|reportedly|may have|"
    r"might have|presumably|allegedly)\b",
    re.I,
)
# A name after a preposition is not the subject ("the attack on the embassy"), except after
# "an affiliate of", whose claim is the organisation's.
_PREP_BEFORE = re.compile(
    r"(?<!affiliate of)(?<!affiliate of the)(?<!branch of)(?<!branch of the)(?<!wing of)(?<!wing of the)"
    r"\b(?:in|at|near|from|to|of|on|into|across|against|by|with|for)\s+(?:the\s+)?$"
)


@dataclass(frozen=True)
class RoleHit:
    key: str
    role: Role
    confidence: Confidence
    evidence: tuple[int, int]
    score: float


class RoleFinder:
    def __init__(self, text: str, registry: Registry) -> None:
        self.text = text
        self.reg = registry
        # The subject of the sentence last read, for "He"/"It" at the start of the next.
        self._prev: Actor | None = None

    def _speaker(self, sent_start: int, pos: int) -> Actor | None:
        """The subject before `pos`, or the previous sentence's subject for a sentence-initial
        pronoun of its kind ("He directed …" after "Chief Minister X condemned …")."""
        a = self._subject(sent_start, pos)
        if a is not None:
            return a
        # "the prosecutor's office, which said it was investigating"
        for mention in reversed(self.reg.mentions_in(max(sent_start, pos - 150), pos)):
            if re.fullmatch(r",\s+which\s+", self.text[mention.end : pos]):
                return self.reg.actors[mention.key]
            break
        m = _PRONOUN.fullmatch(self.text, sent_start, pos)
        prev = self._prev
        if m is None or prev is None:
            return None
        person = prev.kind is ActorKind.person
        return prev if person == (m.group("p") != "It") else None

    def _remember_subject(self, start: int, end: int) -> None:
        m = _SUBJECT_VERB.search(self.text, start, min(end, start + 400))
        if m is None:
            self._prev = None
            return
        a = self._subject(start, m.start())
        if a is not None or _PRONOUN.fullmatch(self.text, start, m.start()) is None:
            self._prev = a

    def _object(self, pos: int, limit: int) -> Actor | None:
        """The actor named by the noun phrase starting at `pos` ("the embassy", "Iran-backed militias")."""
        window = self.text[pos:limit]
        m = re.match(r"\s*(?:the\s+|an?\s+)?", window)
        start = pos + (m.end() if m else 0)
        for mention in self.reg.starting_in(start, start + 3):
            return self.reg.actors[mention.key]
        head = re.match(r"([A-Za-z]+)", self.text[start:limit])
        if head and head.group(1).lower() in HEADS:
            return self.reg.by_head(head.group(1).lower(), pos)
        return None

    def _possessive_follows(self, pos: int, limit: int) -> bool:
        """Whether the mention starting the noun phrase at `pos` ends in 's ("Russia's Voronezh")."""
        m = re.match(r"\s*(?:the\s+)?", self.text[pos:limit])
        start = pos + (m.end() if m else 0)
        for mention in self.reg.starting_in(start, start + 3):
            return self.text.startswith(("'s", "’s"), mention.end)
        return False

    def _subject(self, sent_start: int, pos: int, *, strict: bool = False) -> Actor | None:
        """The actor whose mention ends just before `pos` (at most a few words between)."""
        best = None
        # A subject sits a few words before its verb: look back 150 characters, not the whole sentence.
        for mention in self.reg.mentions_in(max(sent_start, pos - 150), pos):
            gap = self.text[mention.end : pos]
            # "X condemned the bombing and ordered": a first verb phrase joined by "and".
            # "Balochistan's chief minister, X, condemned the bombing and ordered": the same after an
            # apposition's closing comma, for the verbs an official's response starts with.
            responded = _RESPONSE_AFTER_APPOSITION.fullmatch(gap)
            near = (
                len(gap.split()) <= 2
                or bool(re.fullmatch(r"\s+\w+(?:\s+\w+){0,3}\s+and\s+", gap))
                or bool(responded)
            )
            if strict:
                # The verb right after its subject, active voice: "soldiers were killed" has none.
                near = len(gap.split()) <= 1 and not re.search(r"\b(?:was|were|been|being|is|are)\b", gap)
            # "The Islamic Resistance in Iraq, an umbrella group of …, claimed": skip the apposition.
            apposition = re.fullmatch(r",\s+[^,]{2,100},\s*", gap)
            if apposition:
                best = self.reg.actors[mention.key]
                continue
            before = self.text[max(sent_start, mention.start - 30) : mention.start]
            if near and ("," not in gap or responded) and not _PREP_BEFORE.search(before):
                best = self.reg.actors[mention.key]
        if best is None:
            head = re.search(r"\b(?:the|The)\s+([a-z]+)\s+(?:\w+\s+)?$", self.text[sent_start:pos])
            if head and head.group(1) in HEADS:
                best = self.reg.by_head(head.group(1), pos)
        return best

    def _described_subject(self, sent_start: int, pos: int) -> Actor | None:
        """'X, a civilian auxiliary force, had launched': the subject before an apposition and an auxiliary."""
        for mention in reversed(self.reg.mentions_in(max(sent_start, pos - 150), pos)):
            gap = self.text[mention.end : pos]
            if re.fullmatch(r"\)?,\s+[^,]{2,100},\s*(?:has|have|had|was|were|also|then|later)?\s*", gap):
                return self.reg.actors[mention.key]
            break
        return None

    def _coordinated(self, sent_start: int, actor: Actor) -> list[Actor]:
        """Actors joined to `actor`'s mention by 'and': 'the army and the VDP'."""
        out: list[Actor] = []
        mine = [m for m in self.reg.mentions_in(sent_start, sent_start + _MAX_SENTENCE) if m.key == actor.key]
        for m in mine[:1]:
            for other in reversed(self.reg.mentions_in(max(sent_start, m.start - 80), m.start)):
                # "the Frontier Corps (FC) and police": a short form in parentheses may follow.
                if other.key != actor.key and re.fullmatch(
                    r"(?:\s*\([^()]{1,15}\))?\s+(?:and|as well as)\s+(?:the\s+)?",
                    self.text[other.end : m.start],
                ):
                    out.append(self.reg.actors[other.key])
                break
        return out

    def find(self, start: int, end: int, *, event: bool) -> list[RoleHit]:
        """Roles stated in one sentence; target/perpetrator/responder only in event sentences."""
        out = self._find(start, end, event=event)
        self._remember_subject(start, end)
        return out

    def _find(self, start: int, end: int, *, event: bool) -> list[RoleHit]:
        text = self.text
        s = text[start:end]
        out: list[RoleHit] = []
        if end - start > _MAX_SENTENCE:
            return out  # an unpunctuated run: no clause structure to read roles from

        def hit(actor: Actor | None, role: Role, conf: Confidence, score: float) -> None:
            if actor is not None:
                out.append(RoleHit(actor.key, role, conf, (start, end), score))

        for m in re.finditer(r"\b(?:reported|reports|said)\b", s):
            a = self._subject(start, start + m.start())
            if a and a.kind is ActorKind.media:
                hit(a, Role.reporter, Confidence.confirmed, 0.9)
        # "MAPUTO, Feb 13 (Reuters) -", "El Alto (Bolivia) (AFP) -": the agency of the dateline.
        for m in re.finditer(r"\((?P<agency>[^()]{2,40})\)\s*[-–—]", s):
            for mention in self.reg.starting_in(start + m.start("agency"), start + m.start("agency") + 1):
                agency = self.reg.actors[mention.key]
                if agency.kind is ActorKind.media and mention.end == start + m.end("agency"):
                    hit(agency, Role.reporter, Confidence.confirmed, 0.85)
        for m in re.finditer(r"\b(?:[Aa]ccording to|told|citing|[Qq]uoted by)\s+", s):
            a = self._object(start + m.end(), end)
            if a and a.kind is ActorKind.media:
                hit(a, Role.reporter, Confidence.confirmed, 0.85)
        for m in re.finditer(
            r"\b(?:claimed responsibility|said it (?:had )?carried out|claimed (?:the |a |\w+ )?(?:attacks?|strikes?|bombing)|"
            r"(?:say|says|said) (?:they|it) (?:have |has |had )?(?:attacked|targeted|struck|carried out|launched)|"
            # "the military said in a statement that its fighter jets had struck …"
            r"(?:says|said) (?:in a statement |on \w+ )?that (?:it|they|its (?:\w+ ){0,2}(?:forces|jets|aircraft|troops|"
            r"drones|fighters|units|navy|artillery)) (?:have |has |had )?(?:attacked|targeted|struck|hit|carried out|launched))\b",
            s,
        ):
            before = s[: m.start()]
            if re.search(r"\b(?:no|not|nobody|never)\b[^,]{0,30}$", before, re.I):
                continue
            # "In July 2023, a suicide bombing … killed 63 people; the IS-K claimed that attack": another
            # event's claim; "said they had launched an operation to track down the attackers": a response.
            if (not event and _OPENS_ON_A_PAST_YEAR.match(s)) or _HUNT_AFTER.match(s, m.end()):
                continue
            a = self._subject(start, start + m.start())
            if a:
                hit(a, Role.claimant, Confidence.confirmed, 0.85)
                # A state's forces acknowledging their own strike ("the military said its jets had
                # struck …") are its perpetrator; an armed group's claim may be a boast (alleged).
                own = a.kind is ActorKind.security_force
                hit(a, Role.perpetrator, Confidence.confirmed if own else Confidence.alleged, 0.7)
        if not event:
            return out
        for m in re.finditer(
            r"\b(?:was|were|has been|had been|is|are|being)\s+(?:\w+\s+)?(?:attacked|targeted|hit|struck|shelled|"
            r"bombed|raided|stormed)\b|^[^,.;]{0,60}?\b(?:targeted|attacked|hit|struck|shelled)\s+(?:with|by)\b",
            s,
        ):
            # The subject comes first: the first mention in the clause before the verb.
            clause = s[: m.start()] if m.start() > 0 else s[: m.end()]
            cut = max(clause.rfind(","), -1) + 1
            for mention in self.reg.mentions_in(start + cut, start + m.end()):
                if _SPEAKS.match(self.text, mention.end):
                    continue  # "the governor said the car was hit by …": the speaker is no target
                hit(self.reg.actors[mention.key], Role.target, Confidence.confirmed, 0.85)
                break
        for m in re.finditer(
            # Not "attacks against Israel": the plural tells of other attacks than this one.
            r"\b(?:attack|strikes?|rockets?|assault|raid|fire|fired)\s+(?:on|against|at|targeting)\s+|\btargeting\s+|"
            # "a grenade was thrown over the fence of the embassy"
            r"\b(?:thrown|hurled|lobbed|tossed)\s+(?:at|into|over\s+the\s+(?:fence|wall|gate)\s+of)\s+",
            s,
        ):
            target = self._object(start + m.end(), end)
            if (
                target is not None
                and target.kind is ActorKind.state
                and self._possessive_follows(start + m.end(), end)
            ):
                continue  # "an attack on Russia's Voronezh": on a place in the state, not on the state
            hit(target, Role.target, Confidence.confirmed, 0.75)
        for m in re.finditer(
            r"\b(?:carried out|conducted|launched|staged|perpetrated|orchestrated|committed|fired)\s+by\s+", s
        ):
            a = self._object(start + m.end(), end)
            hedged = _HEDGE.search(s[max(0, m.start() - 40) : m.start()])
            hit(a, Role.perpetrator, Confidence.suspected if hedged else Confidence.confirmed, 0.8)
        # "this attack was organised by the PKK": planned by, as one side says (alleged).
        for m in re.finditer(r"\b(?:organi[sz]ed|masterminded|planned|ordered)\s+by\s+", s):
            a = self._object(start + m.end(), end)
            if a is not None and a.kind in (ActorKind.armed_group, ActorKind.security_force, ActorKind.state):
                hit(a, Role.perpetrator, Confidence.alleged, 0.6)
        # "officials suspect the banned Baloch Liberation Front": an armed group suspected.
        for m in re.finditer(
            r"\bsuspect(?:s|ed)?\s+(?:that\s+)?(?:the\s+)?(?:banned\s+|outlawed\s+|proscribed\s+)?(?=[A-Z])",
            s,
        ):
            a = self._object(start + m.end(), end)
            if a is not None and a.kind is ActorKind.armed_group:
                hit(a, Role.perpetrator, Confidence.suspected, 0.6)
        # "sources said they suspected fighters of the Group for …": a suspicion names a suspect.
        for m in re.finditer(
            r"\bsuspect(?:ed|s)?\s+(?:that\s+)?(?:fighters|members|militants|gunmen|elements|loyalists)\s+of\s+",
            s,
        ):
            hit(self._object(start + m.end(), end), Role.perpetrator, Confidence.suspected, 0.6)
        for m in re.finditer(
            r"\b(?:blamed|blaming)\s+(?:the attack\s+on\s+|it\s+on\s+)?|\b(?:accused|accusing)\s+", s
        ):
            hit(self._object(start + m.end(), end), Role.perpetrator, Confidence.alleged, 0.7)
        for m in re.finditer(
            # 'fired "more than 40 artillery shells"': a quoted figure too.
            r"\b(?:fired|launched)\s+[\"“']?(?:[\w-]+\s+){0,4}?(?:rockets|missiles|drones|air ?strikes|strikes|"
            r"an attack|attacks|shells)\b",
            s,
        ):
            a = self._subject(start, start + m.start())
            if a is not None and a.kind is not ActorKind.media:
                # "the army said that the RSF had fired …": by the speaker's account.
                told = _TOLD_BEFORE.search(s, max(0, m.start() - 120), m.start())
                hit(a, Role.perpetrator, Confidence.alleged if told else Confidence.confirmed, 0.75)
        # "Sudanese security forces shot dead five protesters": the armed subject is the perpetrator.
        for m in re.finditer(
            r"\b(?:shot dead|shot and killed|opened fire on|fired (?:live ammunition|live rounds) at|killed|stormed|raided|"
            r"abducted|kidnapped|ambushed)\b",
            s,
        ):
            after = s[m.end() : m.end() + 80]
            if _NO_OBJECT.match(after):
                continue  # "Three NPA rebels killed, two soldiers wounded": a headline's passive
            a = self._subject(start, start + m.start(), strict=True)
            if a is not None and a.kind is ActorKind.security_force and _COMBATANTS.match(after):
                continue  # "troops killed 27 militants": the forces fought back, the attack was the other side's
            if a is not None and a.kind in (ActorKind.security_force, ActorKind.armed_group, ActorKind.state):
                hit(a, Role.perpetrator, Confidence.confirmed, 0.7)
        # "Russian missiles slammed into…", "an Israeli air strike killed…": the state is the perpetrator.
        attributed = bool(_ATTRIBUTED.search(s))
        for m, confidence in [
            *((m, Confidence.confirmed) for m in _STATE_WEAPON.finditer(s)),
            *(
                (m, Confidence.alleged if attributed else Confidence.confirmed)
                for m in _STATE_ATTACK.finditer(s)
            ),
        ]:
            code = DEMONYMS.get(m.group("dem"))
            place = gazetteer().countries.get(code) if code else None
            if place is not None and not any(
                mm.start <= start + m.start() < mm.end for mm in self.reg.mentions
            ):
                state = self.reg.add(place.name, ActorKind.state, (), place.country_code)
                if state.first is None:
                    state.first = (start + m.start(), start + m.start() + len(m.group("dem")))
                hit(state, Role.perpetrator, confidence, 0.7)
        for m in [*_OWN_TEAMS_RESPONDED.finditer(s), *_IT_RESPONDED.finditer(s)]:
            a = self._speaker(start, start + m.start())
            if a is None or a.kind is ActorKind.media:
                continue
            pron = m.groupdict().get("pron")
            if pron is not None and (pron in ("he", "she")) != (a.kind is ActorKind.person):
                continue  # "the ministry said he had been …": another person, not the speaker
            hit(a, Role.responder, Confidence.confirmed, 0.7)
        for m in re.finditer(
            r"\b(?:directed|ordered|dispatched|deployed|launched an investigation|opened an investigation|"
            r"evacuated|intercepted|shot down|vowed to (?:pursue|hunt|find)|sent (?:reinforcements|troops)|"
            r"fired tear ?gas|fire tear ?gas|used tear ?gas|dispersed|arrested|detained|cordoned off|sealed off|"
            r"launched (?:an?|a joint|a military|a security|a search|a rescue|a clearance) operation)\b",
            s,
        ):
            a = self._speaker(start, start + m.start())
            if a is None:
                # "the army and the VDP, a civilian auxiliary force, had launched an operation"
                a = self._described_subject(start, start + m.start())
            if a is not None and a.kind is not ActorKind.media:
                hit(a, Role.responder, Confidence.confirmed, 0.75)
                # "the army and the police launched …": both responded.
                for other in self._coordinated(start, a):
                    hit(other, Role.responder, Confidence.confirmed, 0.7)
        return out


_OPENS_ON_A_PAST_YEAR = re.compile(r"\W*(?:In|On|By|During)\s+(?:[\w-]+\s+){0,3}?(?:19|20)\d\d\b")
_HUNT_AFTER = re.compile(
    r"\s+(?:an?\s+)?(?:[\w-]+\s+){0,2}?operations?\s+(?:to\s+(?:track|hunt|pursue|find|flush|arrest)|"
    r"against\s+the\s+(?:attackers|assailants|perpetrators|gunmen))",
    re.I,
)
_UNCLAIMED = re.compile(
    # ("No Maoist group has claimed …", "No outfit has claimed …", "Al-Shabab … has not yet claimed …")
    r"\bno (?:[\w-]+ )?(?:group|one|organi[sz]ation|faction|outfit)\b[^.;]{0,30}?\bclaimed\b|\bno (?:immediate )?"
    r"claim of responsibility|\bhas not been claimed|\bwent unclaimed|\bnobody (?:has )?(?:immediately )?claimed|"
    r"\bha(?:s|ve) not (?:yet |immediately )?claimed (?:responsibility|the attack)|"
    r"\bthere was no (?:immediate )?claim",
    re.I,
)
_DENIED = re.compile(
    r"\bden(?:ied|ies|y)\s+(?:any\s+)?(?:involvement|responsibility|role|carrying out|being behind|the accusation)|"
    r"\bhad nothing to do with|\breject(?:ed|s)\s+(?:any\s+|the\s+(?:\w+\s+)?)?(?:involvement|responsibility|accusations?|allegations?|account)\b|"
    r"\bhad no (?:involvement|role|part)\b|\bwas not involved\b",
    re.I,
)


def claim_status(text: str, claimants: set[str]) -> tuple[ClaimStatus, tuple[int, int] | None]:
    if len(claimants) >= 2:
        return ClaimStatus.competing_claims, None
    if claimants:
        return ClaimStatus.claimed, None
    m = _DENIED.search(text)
    if m:
        return ClaimStatus.denied, (m.start(), m.end())
    m = _UNCLAIMED.search(text)
    if m:
        return ClaimStatus.unclaimed, (m.start(), m.end())
    return ClaimStatus.unknown, None
