"""Casualty figures: "two killed", "at least 15 wounded", "killing three soldiers", "no casualties".

A figure is only read when the count sits right next to a casualty word, so "2,500 troops were
deployed", "more than 70 attacks" and "two rocket salvos" never match. Sentences about other
periods (cumulative tolls, earlier years) are skipped: a wrong number is worse than a miss.
"""

import re
from dataclasses import dataclass, replace

from app.ingest.extract.numbers import NUMBER, ORDINAL, parse_number, parse_ordinal
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
    "as many as": Qualifier.approximately,
}
_QUAL = r"(?:(?P<qual>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")\s+)?"

_GROUPS: list[tuple[str, CasualtyGroup]] = [
    # (the Kurdistan Region's "Peshmerga fighters" are its army)
    (
        r"soldiers?|troops|servicem[ae]n|service members?|military personnel|marines?|peshmerga(?: fighters| forces)?",
        G.military,
    ),
    (
        r"police(?:m[ae]n|wom[ae]n| officers?)?|officers?|guards?|security personnel|"
        r"members of the security forces|security forces|border guards?|gendarmes?|"
        # India and Pakistan: "a jawan was killed", "two constables were injured".
        r"jawans?|constables?|head constables?|"
        # Ireland's police: "Six gardaí were injured"
        r"garda[ií]|garda members?|"
        # A communiqué's "police members", a rebel claim's "security members"
        r"police members?|security (?:force )?members?",
        G.security_forces,
    ),
    (
        r"civilians?|child|children|wom[ae]n|students?|worshipp?ers?|residents?|villagers?|passengers?|"
        r"pilgrims?|shoppers?|journalists?|aid workers?|farmers?|protesters?|demonstrators?|bystanders?|supporters|"
        r"pedestrians?|patients?|schoolchildren|commuters?|fisherm[ae]n|labou?rers?|construction workers?|"
        r"passers-?by|vendors?|displaced (?:people|persons)|internally displaced (?:people|persons)|IDPs|"
        r"health workers?|humanitarian workers?|paramedics?|medics?|nurses?|ambulance drivers?|rescue workers?|"
        # "a bus driver and two shopkeepers": people at their trade, not an armed side.
        r"(?:truck |lorry |bus |taxi )?drivers?|traders?|shopkeepers?|"
        # Journalists and their crews: "a correspondent and a sound engineer".
        r"correspondents?|reporters?|cameram[ae]n|camera operators?|camerawom[ae]n|photographers?|"
        r"photojournalists?|sound engineers?|media workers?|(?:TV|television|news|film|media) crews?|staff members?|"
        # (the police's "members of the public", as against officers)
        r"members? of the public",
        G.civilians,
    ),
    (
        r"fighters?|militants?|insurgents?|rebels?|combatants?|militiam[ae]n|jihadists?|"
        # India: "five Maoists", "two Naxals"; "cadres" alone is read from the context (below).
        r"Maoists?|Naxals?|Naxalites?|ultras",
        G.combatants,
    ),
    # (a charity's or a hospital's "staff members" are civilians, below)
    (r"diplomats?|embassy staff(?: members?)?|diplomatic staff", G.diplomatic_staff),
    # Nigeria and the Sahel: "bandits" are the armed gangs that raid villages.
    # "terrorists", in an official's words, are the ones who attacked
    (
        # (Haiti's and Latin America's armed "gang members", like the Sahel's bandits)
        r"attackers?|gunm[ae]n|assailants?|bombers?|suicide bombers?|bandits?|terrorists?|raiders?|"
        r"gang members?|gangsters?|"
        # ("khwarij", "Khawarij": Pakistan's and Somalia's official word for the militants, like "terrorists")
        r"khwarij|khawarij|kharji|khariji",
        G.perpetrators,
    ),
    (
        r"people|persons?|others|individuals?|members|workers?|employees?|family members|Palestinians|"
        r"Israelis|Iraqis|crew members?|crew|crewmembers?|seafarers?|sailors?|miners?|victims?|"
        r"personnel|cadres?|inmates?|prisoners?|detainees?|m[ae]n|suspects?|citizens?|herders?|herdsmen|"
        # ("Two young lives were taken")
        r"pastoralists?|lives",
        G.all,
    ),
]
_GROUP = "|".join(f"(?:{g})" for g, _ in _GROUPS)
# Up to two words between a count and its group ("three other soldiers", "four of the attackers"),
# never a preposition: "killed two near police headquarters" names no police.
_ADJ = (
    r"(?:(?!(?:near|in|at|on|outside|inside|from|after|before|during|with|by|as|when|while|to|into|"
    # ("U.S." has its points; "the two groups. No officer was injured" ends a sentence)
    r"across|around|behind)\s)[\"“‘]?(?:(?:[A-Za-z]\.){2,}|[A-Za-z'’-]+)\s+){0,2}?"
)
# ("buried under the rubble" is trapped, not dead.) "were “martyred”" quotes the official word.
_KILLED = (
    r"killed|dead|died|slain|shot dead|gunned down|lost (?:their|his|her) li(?:ves|fe)|perished|[\"“‘']?martyred|martyrs|"
    # A communiqué's "three police members sacrificed their lives while performing their duties"
    r"sacrificed (?:their|his|her) li(?:ves|fe)|"
    # Armies' and police forces' words: "six of our soldiers paid the supreme price", "two of its
    # personnel made the “supreme sacrifice”", "laid down their lives"
    r"(?:made|paid) the [\"“‘']?(?:supreme|ultimate) (?:sacrifice|price)[\"”’']?|laid down (?:their|his|her) li(?:ves|fe)|"
    # "Four of our jawans embraced martyrdom", "eight soldiers had 'fallen with their weapons in hand'"
    r"embraced (?:[\"“‘']?shahadat|martyrdom)[\"”’']?|[\"“‘']?fallen with their weapons in hand|"
    # "More than 40 terrorists were neutralised": a security force's word for the attackers it killed.
    r"[\"“‘']?neutrali[sz]ed|"
    # ISPR's "eight Indian sponsored khwarij were sent to hell"
    r"sent to hell|"
    r"succumbed to (?:their |his |her )?(?:injuries|wounds)|"
    # "Two young lives were taken", "four lives were lost"
    r"(?<=lives were )(?:taken|lost|cut short)|(?<=lives have been )(?:taken|lost)|"
    r"buried(?!\s+(?:under|beneath|alive|in the rubble))"
)
_INJURED = (
    # "treated for head and hand injuries", "treated for gunshot wounds"
    r"wounded|injured|hurt|hospitali[sz]ed|treated for (?:their )?(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?)?(?:injuries|wounds)|"
    r"treated in hospital for (?:injuries|wounds)|(?:sustained|suffered) (?!no\b)(?:\w+ |various (?:degrees|kinds|types) of )?(?:injuries|wounds)|"
    # "29 others are receiving treatment"
    # ("15 others were still being treated")
    r"receiving treatment|undergoing treatment|(?<=being )treated\b(?!\s+(?:as|like|for)\b)|"
    # "24 people had sought medical help overnight"
    r"sought medical (?:help|treatment|care|attention)|"
    # "seven people remain in hospital", "three others are in hospital"
    r"remain(?:s|ed)? in (?:the )?hospital|remain(?:s|ed)? hospitali[sz]ed|(?:(?<=are )|(?<=were ))(?:still )?in (?:a |the )?hospital"
)
# "more than 70 people had been killed and wounded" is one count of both; "two people were wounded
# and taken to hospital" is a count of the wounded, who were then moved.
_INJURED_WORDS = _INJURED
_INJURED += (
    # "four people were taken to hospital", "between 20 and 25 people had been taken to hospitals"
    r"|(?:taken|rushed|transported|airlifted|evacuated) to (?:a |the |local |nearby |several |various )?hospitals?\b"
)
_BE = (
    r"(?:\s+(?:were|was|have been|has been|had been|had|has|have|are|being|reportedly|also|later|"
    # "two more labourers who sustained bullet wounds"
    r"confirmed|reported|were also|were reportedly|who|still|now|"
    # "three others seriously injured"; 'had been "savagely killed"', the speaker's words quoted
    r"seriously|critically|severely|slightly|lightly|badly|gravely|fatally|mortally|"
    r"[\"“‘]?(?:savagely|brutally|mercilessly|cruelly|ruthlessly|senselessly)))*"
)

# What the counted were doing: "guarding the team", "deployed at the checkpoint".
_ON_DUTY = (
    r"(?:\s+(?:deputed|deployed|assigned|posted|stationed|guarding|escorting|protecting|manning|on\s+duty)\b"
    r"[^,.;:\"“”]{0,80}?)"
)
# "seven people had been shot, two of them fatally": two dead and five wounded.
_SHOT_FATALLY = re.compile(
    rf"(?<![\w,.]){_QUAL}(?P<num>{NUMBER})(?:\s+{_ADJ}(?P<group>{_GROUP}))?\s+(?:were|had\s+been|have\s+been)\s+"
    rf"shot,?\s+(?P<dead>{NUMBER})(?:\s+of\s+(?:them|whom))?\s+fatally\b",
    re.I,
)
# "members of the Frontier Corps", "personnel of the National Police": the unit names the group.
_UNIT_RX = (
    r"\s+of\s+the\s+(?:[A-Z][\w'’-]*\s+){0,3}?(?:"
    # ("members of the New People's Army", "of the Communist Terrorist Group (CTG)": an armed group's)
    r"(?P<arm>(?:People's|People’s|Liberation|Revolutionary|Republican|Resistance) Army|Group|Front|Movement|"
    r"Brigades?|Militia)(?:\s+\([A-Z][\w-]{1,6}\))?|"
    r"(?P<mil>Army|Corps|Navy|Air Force|Marines|Armed Forces)|"
    r"(?P<sec>Police|Gendarmerie|Police Force|Border Guard|National Guard|Security Forces|General Security))(?!\w)"
)
_UNIT = re.compile(_UNIT_RX, re.I)
_UNIT_PLAIN = _UNIT_RX.replace("?P<mil>", "").replace("?P<sec>", "").replace("?P<arm>", "")
# ", among them nine police officers," between a count and its verb: a second, narrower report.
# "six members of the same family were killed"
_FAMILY = r"(?:\s+of\s+(?:the\s+same|one|a\s+single|a|one\s+single)\s+family)?"
# ", including nine children and seven women," there is a breakdown of the count: no report of its own.
_BREAKDOWN_PERSONS = rf"(?:{_GROUP}|child|m[ae]n|boys?|girls?|infants?|bab(?:y|ies)|teenagers?|minors?)"
_AMONG = (
    rf"(?:,\s*(?:among|including)\s+(?:them|whom|those)\s+(?P<sub_num>{NUMBER})\s+{_ADJ}(?P<sub_group>{_GROUP}),"
    rf"|,\s*including\s+(?:the\s+)?(?P<inc_num>{NUMBER}|an?)\s+{_ADJ}(?P<inc_group>{_BREAKDOWN_PERSONS})"
    # ('"21 civilians, including six children and three women" had been killed': the quotation's end)
    rf"(?P<inc_and>\s+and\s+(?:{NUMBER}|an?)\s+{_ADJ}{_BREAKDOWN_PERSONS})?(?:,|[\"”](?=\s))"
    rf"|,\s*(?P<of_num>{NUMBER}|one)\s+of\s+(?:them|whom)\s+{_ADJ}(?P<of_group>{_BREAKDOWN_PERSONS}),"
    # ", including an army captain,", ", among them a 16-year-old girl,", ", including two members of
    # the X Corps (XC),": any other detail of who they were, no report of its own.
    r"|,\s*(?:including|among\s+(?:them|whom))\s+[^,;.:\"“”]{1,100}?,"
    # ", seven men and three women,": who they were, counted
    rf"|,\s*(?:{NUMBER})\s+[^,;.:\"“”\d]{{1,60}}?,"
    # ", a 47-year-old man and a 29-year-old woman,": who each was
    r"|,\s*an?\s+\d{1,3}-year-old\s+[a-z]+(?:,?\s+and\s+an?\s+\d{1,3}-year-old\s+[a-z]+)+,)?"
)
_PASSIVE = re.compile(
    # Not "two of the five injured": a count of a count already given.
    # ('that "more than 40" people had died': the count in the speaker's words)
    rf"(?<![\w,.])(?<!\d[,.])(?<!of the )(?:[\"“](?={_QUAL.replace('?P<qual>', '')}{NUMBER}[\"”]))?{_QUAL}(?P<num>{NUMBER})[\"”]?(?:\s+more|\s+others)?"
    # ('eight "suspects" were killed': the police's word, quoted)
    # ("six of our gallant soldiers paid the supreme price")
    # ("at least 42 soldiers and VDP had been killed": the auxiliaries named by their short form too)
    rf"(?:(?:\s+of\s+(?:our|its|their))?\s+{_ADJ}[\"“‘]?(?P<group>{_GROUP})[\"”’]?(?:\s+and\s+(?-i:[A-Z]{{2,6}})\b)?"
    rf"(?P<unit>{_UNIT_PLAIN})?{_FAMILY}"
    # ("Three Levies personnel deputed for the security of a polio team were martyred")
    rf"{_ON_DUTY}?)?"
    rf"{_AMONG}{_BE}\s+"
    # ("more than 70 people had been killed and wounded": one count of both, no toll)
    rf"(?:(?P<k>{_KILLED})|(?P<i>{_INJURED}))\b(?!\s+(?:or|and/or|and)\s+(?:{_KILLED}|{_INJURED_WORDS}))",
    re.I,
)
# "Two gunmen (had) killed a guard": without "were"/"was" the verb may be active, and its count is
# the killers, not the dead.
_PASSIVE_AUX = re.compile(r"\b(?:were|was|been|being|are|is)\b", re.I)
_OBJECT = re.compile(
    rf"\s+(?:an?|the|his|her|their|its|our|several|many|dozens|scores|hundreds|thousands|{_QUAL}{NUMBER})\b",
    re.I,
)
# "seven men and two women died": one count of nine, not a report of two women.
# Ranks name no side of their own: "a sergeant and two soldiers" are three soldiers.
_RANKS = r"officers?|lieutenants?|sergeants?|corporals?|captains?"
_PERSONS = rf"(?:{_GROUP}|m[ae]n|boys?|girls?|adults?|infants?|bab(?:y|ies)|{_RANKS})"
_SPLIT = re.compile(
    # ("six men, two women and a child were killed": three counts, one toll)
    rf"(?<![\w,.])(?:(?P<num0>{NUMBER}|an?)\s+{_ADJ}(?P<w0>{_PERSONS}),\s+)?"
    rf"(?P<num1>{NUMBER}|an?)\s+{_ADJ}(?P<w1>{_PERSONS})\s+and\s+(?P<num2>{NUMBER}|an?)\s+{_ADJ}(?P<w2>{_PERSONS})"
    rf"{_BE}\s+(?:(?P<k>{_KILLED})|(?P<i>{_INJURED}))\b",
    re.I,
)
_DETAIL = re.compile(r",\s*(?:including|among them)\s+(?:an?|one|\w+)\s+[^,.;]{0,40}?,", re.I)
# "The mine killed an officer and two soldiers": the same pair as the object of the verb. Not "killed a
# soldier and two civilians were wounded" (the second count has a verb of its own).
_ACTIVE_SPLIT = re.compile(
    r"\b(?:(?P<k>killing|killed|kills|kill|shot dead|shooting dead|gunned down|gunning down)|"
    r"(?P<i>wounding|wounded|wounds|injuring|injured|injures))\s+"
    rf"(?P<num1>{NUMBER}|an?)\s+{_ADJ}(?P<w1>{_PERSONS})\s+and\s+(?P<num2>{NUMBER}|an?)\s+{_ADJ}(?P<w2>{_PERSONS})\b"
    r"(?!\s+(?:were|was|had|has|have|are|is|died|who)\b)",
    re.I,
)
# "an officer and two soldiers": next to soldiers, an officer is an army officer.
_RANK = re.compile(_RANKS, re.I)
# "resulting in the "martyrdom" of a captain and two soldiers and the injury of four others":
# the nominal style of statements translated from Arabic.
_NOMINAL = re.compile(
    r"\b(?:resulting|resulted|result|leading|led|lead)\s+(?:in|to)\s+the\s+[\"“‘']?(?:death|deaths|killing|martyrdom)"
    rf"[\"”’']?\s+of\s+(?P<num1>{NUMBER}|an?)\s+{_ADJ}(?P<w1>{_PERSONS})"
    rf"(?:\s+and\s+(?P<num2>{NUMBER}|an?)\s+{_ADJ}(?P<w2>{_PERSONS}))?\b"
    r"(?:,?\s+(?:and|as well as)\s+(?:the\s+)?[\"“‘']?(?:injury|injuries|wounding)[\"”’']?\s+of\s+"
    rf"(?P<inum>{NUMBER})(?:\s+(?:others|{_ADJ}(?P<w3>{_PERSONS})))?\b)?",
    re.I,
)
# "verified the killing of at least 27 civilians, including four women, and the wounding of 11
# others", "the deaths of three people and the wounding of six others": a count told as a noun.
_THE_KILLING_OF = re.compile(
    rf"\bthe\s+(?:killings?|deaths?)\s+of\s+{_QUAL}(?P<num1>{NUMBER})\s+{_ADJ}(?P<w1>{_PERSONS})\b"
    r"(?:,\s*(?:including|among\s+them)\s+[^,;.:\"“”]{1,100}?,)?"
    r"(?:\s+and\s+the\s+(?:wounding|injuring|injury|injuries)\s+of\s+"
    rf"{_QUAL.replace('?P<qual>', '')}(?P<inum>{NUMBER})(?:\s+(?:others|{_ADJ}(?P<w3>{_PERSONS})))?\b)?",
    re.I,
)
# Words just before a match are looked for in a window of this many characters, so that a long
# sentence full of counts stays linear.
_BACK = 40
_AMONG_THE_BEFORE = re.compile(r"\bamong\s+the\s+$", re.I)
_AFTER_BEFORE = re.compile(r"\bafter\s+$", re.I)
_NO_BEFORE = re.compile(r"\b(?:no|not|none|nobody)[\s-]+$", re.I)
_DEPICTED_BEFORE = re.compile(
    r"\b(?:photos?|photographs?|images?|pictures?|videos?|footage)\s+(?:that\s+)?(?:showing|showed|shows|show|of)\s+$",
    re.I,
)
# (one person's doing, not "its crews had carried 13 injured people to hospitals", a count)
_CARRIED_BEFORE = re.compile(
    r"\b(?:he|she|I)\s+(?:had\s+)?(?:carried|pulled|dragged|helped|saw|lifted)\s+(?:out\s+)?$",
    re.I,
)
_VERB_BEFORE = re.compile(
    r"\b(?:kill\w*|wound\w*|injur\w*|shot|shoot\w*|hit\w*|target\w*|(?:shot|shooting|shoot) dead|"
    r"gun(?:ned|ning|s)? down)\s+$",
    re.I,
)
# "26 people had been killed and 14 injured, all of them civilians"
_ALL_OF_THEM = re.compile(rf",?\s*all of them\s+(?P<group>{_GROUP})\b", re.I)


# "12 wounded people had been brought in overnight, among them two civilians": a named group's part
# of the count, given after the verb, is a report of its own (as before the verb, in _AMONG).
_AMONG_AFTER = re.compile(
    rf"(?:(?![\d.;])[^.;]){{0,80}}?,\s*(?:among\s+(?:them|whom)\s+(?P<num>{NUMBER})\s+{_ADJ}(?P<group>{_GROUP})|"
    # "23 other people were wounded, five of them soldiers"
    rf"(?P<num2>{NUMBER})\s+of\s+(?:them|whom)\s+(?:were\s+)?{_ADJ}(?P<group2>{_GROUP})|"
    # "14 people were injured, including three guards"
    rf"including\s+(?P<num3>{NUMBER})\s+{_ADJ}(?P<group3>{_GROUP}))\b",
    re.I,
)
_DEMOGRAPHIC = re.compile(r"child|children|wom[ae]n|boys?|girls?|minors?|teenagers?|infants?", re.I)
# The word a figure's text ends on: which half a detail after it ("…, including three guards") is of.
_ENDS_INJURED = re.compile(rf"(?:{_INJURED})\W*$", re.I)


# "The two wounded, a correspondent and a sound engineer, were taken to hospital": the apposition
# names the group when its counts add up to the figure ("four people were killed, two soldiers" is
# only a part), or when it says "both" or "all".
def _apposed_rx(k: int) -> str:
    return rf"(?P<n{k}>{NUMBER}|an?)\s+{_ADJ}(?P<g{k}>{_GROUP})"


_APPOSITION = re.compile(
    rf",\s*(?:(?P<whole>both|all|all of them)\s+(?P<g0>{_GROUP})|{_apposed_rx(1)}"
    rf"(?:\s+and\s+{_apposed_rx(2)})?)\s*(?=[,;.]|$)",
    re.I,
)
# "four people died — three farmers and a driver who was passing by —": a dash
# apposition that names who the whole count were.
_DASH_APPOSITION = re.compile(
    rf"\s*[—–]\s*(?:the\s+)?{_apposed_rx(1)}\b(?:\s+and\s+(?:the\s+)?{_apposed_rx(2)}\b)?",
    re.I,
)
# "troops chased the gunmen and shot dead three of them": "them" is the group named just before,
# when no other noun comes between ("fired on the crowd, killing two of them" names no group).
_OF_THEM = re.compile(r"\s+of\s+them\b", re.I)
_ANTECEDENT = re.compile(rf"\b(?:the|those|these)\s+(?P<group>{_GROUP})\b(?P<between>[^.;]*)$", re.I)
_ANOTHER_NOUN = re.compile(r"\b(?:the|a|an|its|their|his|her|our)\s+\w", re.I)
# "one of the deadliest attacks in the province this year" compares; it is no toll of another time.
_COMPARED_EVENT = re.compile(
    r"\b(?:the (?:deadliest|worst|bloodiest|largest|biggest)|the first)\b[^.;]*?\bsince\b[^.;]*?(?:,\s*when|\bin which)\b",
    re.I,
)
# (a count after "since" is cut off by _COMPARED_EVENT instead)
_COUNT_OF_ITS_OWN = re.compile(r"^(?:(?!\bsince\b).)*?\b(?!(?:19|20)\d\d\b)\d[\d,]*\b", re.I)
_COMPARISON = re.compile(
    r"\b(?:one of )?the (?:deadliest|worst|bloodiest|largest|biggest|most serious)\b[^.;]*", re.I
)
# "the number of wounded had risen to nine"
_RISEN = re.compile(
    rf"\bnumber of (?:the )?(?:(?P<k>dead|deaths|killed|fatalities)|(?P<i>wounded|injured|injuries))\s+"
    rf"(?:had |has |have )?(?:risen|rose|climbed|increased|grown|reached)\s+to\s+{_QUAL}(?P<num>{NUMBER})\b",
    re.I,
)
# "bringing the number of martyrs to five", "raising the number of dead to 12"
_BRINGING = re.compile(
    rf"\b(?:bringing|brought|brings|raising|raised|raises|taking|took|takes|pushing|pushed)\s+the\s+"
    rf"(?:number|count|toll)\s+of\s+(?:the\s+)?(?:(?P<k>dead|deaths|killed|fatalities|martyrs)|"
    rf"(?P<i>wounded|injured|injuries)|those\s+who\s+(?P<k2>lost\s+their\s+lives|died|were\s+killed)|"
    # "bringing the number of soldiers killed to four"
    rf"(?P<group>{_GROUP})\s+(?:(?P<k3>killed|dead)|(?P<i3>wounded|injured)))\s+to\s+"
    rf"{_QUAL}(?P<num>{NUMBER})\b",
    re.I,
)
# "put the number of those killed at 11", "put the number of injured at 40"
_PUT_AT = re.compile(
    rf"\b(?:put|puts|putting|placed|places)\s+the\s+(?:number|figure|count)\s+of\s+(?:those\s+|people\s+)?"
    rf"(?:(?P<k>killed|dead|deaths|fatalities)|(?P<i>injured|wounded|injuries))\s+at\s+{_QUAL}(?P<num>{NUMBER})\b",
    re.I,
)
# "…, but that the number had risen to 12": a bare number that rose, of the count said before it.
_NUMBER_ROSE = re.compile(
    rf"\b(?:the|that|this)\s+(?:number|figure|count)\s+(?:had\s+|has\s+|have\s+)?(?:since\s+|later\s+|now\s+)?"
    rf"(?:risen|rose|climbed|increased|grown|jumped|reached)\s+to\s+{_QUAL}(?P<num>{NUMBER})\b",
    re.I,
)
# "a third person, a 71-year-old man, had died in hospital": the toll is now three.
_NTH_DEATH = re.compile(
    # (not "A third woman died": the third of the women, whose toll may be larger)
    rf"\b(?:a|the)\s+(?P<ord>{ORDINAL})\s+(?:person|people|victim)\b"
    rf"[^.;]{{0,60}}?\b(?:had |has |have )?(?P<k>died|been killed|succumbed)\b",
    re.I,
)
# "a 23-year-old protester had died", "a soldier was wounded": one, and never "a second soldier",
# "another man" or "including a child" (a detail of a count given already). A child ("a five-year-old
# girl was killed") is most often the story of one victim of a toll given already: left out.
_SINGULAR = (
    r"person|man|woman|soldier|civilian|police(?:man|woman| officer)|officer|guard|"
    r"protester|demonstrator|student|resident|villager|passenger|journalist|worker|farmer|fighter|militant|"
    r"bystander|pedestrian|passer-by|shepherd|driver|jawan|commando|constable|head constable|correspondent|"
    r"reporter|photographer|cameram[ae]n|camera operator|Maoist|Naxal|Naxalite|gendarme|paramedic|"
    r"serviceman|servicewoman|policeman|policewoman|medic|nurse|rescue worker|teacher|classmate|pupil|doctor|cleaner"
)
# "a woman in her 60s has died", "a man (34) was stabbed", "a man, 71, died": the age of the one.
_AGE = (
    r"(?:\s+in\s+(?:his|her)\s+(?:early\s+|mid-?\s*|late\s+)?(?:\d0s|twenties|thirties|forties|fifties|sixties|"
    # (the decade and "aged 64" are blanked to "#" before figures are read)
    r"seventies|eighties|nineties|#+)|\s*\(\d{1,3}\)|,\s+\d{1,3},|\s+aged\s+(?:\d{1,3}|#+))"
)
_SINGLE = re.compile(
    # Not "a 67-year-old woman and a 52-year-old man had died": one of two is no count of one.
    # ("including a police officer who was stabbed" is read, then kept only for an armed side.)
    rf"(?<![\w,.])(?<!among them )(?<!one of them )(?<!and )\b(?P<one>an?|one)\s+"
    # "a wounded policeman died" is a death that raises a toll given already, not a count of its own.
    # ("a 67-year-old retired bus driver died": up to three words before the person)
    rf"(?!(?:{ORDINAL}|other|another|further|more|wounded|injured)\b)"
    rf"(?:(?:\d+-year-old|(?!(?:who|was|were|had|has|and|or)\b)[A-Za-z'’-]+)\s+){{0,3}}?"
    rf"(?P<group>{_SINGULAR})(?:,\s+(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}),)?{_AGE}?{_BE}\s+(?:(?P<k>killed|died|slain|shot dead|gunned down|[\"“‘']?martyred|"
    rf"(?:stabbed|hacked|beaten|burned|burnt|lynched|shot)\s+to\s+death|lynched|"
    # 'a constable "paid the supreme price"': the official phrase for one killed in service.
    rf"[\"“‘']?paid\s+the\s+(?:supreme|ultimate)\s+price|"
    rf"among\s+the\s+(?:dead|killed))|(?:among\s+the\s+)?"
    # "a police officer who was stabbed in the arm" (not "stabbed to death", nor one who later died)
    rf"(?P<i>wounded|injured|hurt|"
    # "An officer was also struck in the leg during the exchange of gunfire"
    rf"(?:struck|hit|shot)\s+(?:in|on)\s+the\s+(?:leg|arm|hand|shoulder|chest|abdomen|stomach|head|back|foot|"
    rf"thigh|neck|face|torso|knee)|"
    # "A police officer sustained a minor injury to his hand" (not "fatal injuries", nor "X, a party
    # worker who received splinter wounds, said": a witness's own story)
    rf"(?<!\bwho\s)(?:suffered|sustained|received)\s+(?:an?\s+)?(?!(?:fatal|mortal)\b)(?:[\w-]+\s+){{0,2}}?"
    rf"(?:injury|injuries|wounds?|burns?)|"
    rf"stabbed(?![^.;]{{0,60}}?\b(?:death|died|dead|fatal\w*|killed|succumbed)\b)))\b"
    rf"(?!\s+(?:or|and/or)\s+(?:{_KILLED}|{_INJURED_WORDS}))",
    re.I,
)
_ANOTHER_ONE_DIED = re.compile(
    rf"[^.;]{{0,80}}?\band\s+an?\s+(?:(?:\d+-year-old|[A-Za-z'’-]+)\s+){{0,3}}?(?:{_SINGULAR})\b[^.;]{{0,30}}?"
    rf"\b(?:died|was killed|was shot dead)\b",
    re.I,
)
# "the driver of the truck, a civilian relative of the commander, was among the dead": the
# apposition names the one victim's group.
_APPOSED_ONE = re.compile(
    rf"(?<=, )an?\s+(?:[\w'’-]+\s+)?(?P<group>{_SINGULAR})\b[^,.;:\"“”]{{0,50}},\s+(?:was|is)\s+among\s+the\s+"
    rf"(?:(?P<k>dead|killed)|(?P<i>wounded|injured))\b",
    re.I,
)
_ATTACKERS_LEFT = re.compile(
    r"\b(?:the\s+)?(?:enemy|attackers|assailants|militants|terrorists|insurgents|raiders|bandits)\s+"
    r"(?:had\s+)?left(?:\s+behind)?\s+(?:at\s+least\s+|some\s+)?$",
    re.I,
)
# "The suspect, a 36-year-old man, was also slightly injured", "police shot and wounded the gunman":
# the one attacker's own casualty, a report apart from the victims' (never "the suspect's wife").
_ATTACKER = (
    r"(?:suspected\s+|alleged\s+|lone\s+)?(?:attacker|assailant|suspect|gunman|shooter|knifeman|perpetrator)"
    r"(?!['’]s)\b"
)
_LONE_ATTACKER = re.compile(
    rf"\b(?:the|this)\s+{_ATTACKER}(?:\s*,[^,.;]{{1,80}},\s+|\s*,\s*who\s+|\s+)"
    # ("the assailant died overnight after being shot by a third officer")
    r"(?:(?:later\s+|subsequently\s+)?(?P<k5>died)|(?:was|had\s+been|has\s+been)\s+(?:also\s+|later\s+|then\s+|himself\s+|herself\s+)?"
    # ("The attacker was shot by police and died at the scene")
    r"(?:(?P<k>shot\s+dead|killed|fatally\s+shot|shot\s+and\s+killed|"
    r"shot\s+(?:by\s+(?:[\w-]+\s+){1,3}?)?and\s+(?:later\s+)?died)|"
    r"(?P<i>(?:(?:slightly|seriously|critically|lightly|badly|gravely)\s+)?(?:injured|wounded|hurt)|"
    r"shot(?!\s+(?:dead|at|and\s+killed)\b)(?:\s+and\s+(?:wounded|injured))?)))\b"
    rf"|\b(?:shot\s+and\s+(?:(?P<k2>killed)|(?P<i2>wounded|injured))|(?P<k3>shot\s+dead|killed)|"
    rf"(?P<i3>wounded|injured))\s+the\s+{_ATTACKER}"
    rf"|\bshot\s+the\s+{_ATTACKER}\s+(?:(?P<k4>dead)|(?P<i4>in\s+the\s+\w+))",
    re.I,
)
# "killing a teacher and a classmate": two, one by one.
# ("killing a 63-year-old woman and her six-year-old grandson": the second is of the first's kind)
_KIN = r"son|daughter|grandson|granddaughter|husband|wife|brother|sister|mother|father|nephew|niece|child"
_TWO_SINGLES = re.compile(
    rf"\b(?:killing|killed)\s+(?:an?|one)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<g1>{_SINGULAR})\s+and\s+(?:(?:an?|one)\s+"
    rf"(?:[\w'’-]+\s+){{0,2}}?(?P<g2>{_SINGULAR})|(?:his|her)\s+(?:[\w'’-]+\s+){{0,2}}?(?P<kin>{_KIN}))\b"
    r"(?!\s+(?:who|were|was)\b)",
    re.I,
)
# "one of its policemen was killed and another wounded", "a nurse was killed and an ambulance driver
# hurt": one more person, hurt, said right after the dead.
# ("… were killed and a female vaccinator was injured": right after the dead, any one person hurt)
_ONE_MORE_PERSON = r"vaccinator|health worker|teacher|child|boy|girl|teenager|trader|shopkeeper|vendor"
_AND_ONE_MORE = re.compile(
    # ("Two soldiers were killed and a third was seriously wounded")
    rf"\s+(?:and|while)\s+(?:(?:another|an?\s+(?:second|third|fourth|fifth|sixth))(?:\s+(?P<g1>{_SINGULAR}))?|"
    rf"(?:an?|one)\s+(?P<g2>ambulance\s+driver|"
    rf"(?:[A-Za-z'’-]+\s+)?(?:{_SINGULAR}|{_ONE_MORE_PERSON}))|"
    # ("A 32-year-old man was beaten to death and his cousin critically injured")
    rf"(?:his|her)\s+(?:{_KIN}|cousin|friend|colleague|companion|neighbou?r))\s+(?:was\s+|had\s+been\s+|has\s+been\s+)?"
    r"(?:(?:seriously|critically|severely|slightly|lightly|badly|gravely)\s+)?(?:wounded|injured|hurt)\b"
    rf"(?!\s+(?:or|and/or)\b)|"
    # "killing three farmers and wounding an aid worker"
    rf"\s+and\s+(?:wounding|injuring)\s+(?:an?|one)\s+(?P<g3>(?:[A-Za-z'’-]+\s+)?(?:{_SINGULAR}))\b"
    rf"(?!\s+(?:and|or)\s+(?:{NUMBER}|an?|one)\b)",
    re.I,
)
_LATER_DIED = re.compile(r"\s+and\s+(?:later\s+|subsequently\s+)?(?:died|succumbed)\b", re.I)
# "Ten people died at the scene and one more died after being taken to hospital": one toll of eleven.
_AND_MORE_DIED = re.compile(
    rf"(?:\s+(?:at the scene|on the spot|instantly|immediately))?,?\s+and\s+(?:(?P<more>{NUMBER})\s+"
    r"(?:more|others?|other people)\s+(?:later\s+)?(?:died|succumbed)\b|"
    # "Eight people died at the scene and another in hospital": nine.
    rf"(?P<more2>{NUMBER}|another)(?:\s+(?:more|others?|one|person))?\s+(?:later\s+)?(?:in|at)\s+(?:the\s+|a\s+)?"
    r"hospitals?\b)",
    re.I,
)
_PARTICIPLE_DIED = re.compile(r"[^.;,]{0,50}?\b(?:died|dies|succumbed)\b", re.I)
_DIE_AFTER = re.compile(r"\s+(?:later\s+|also\s+|subsequently\s+)?(?:die|died|dies|succumbed)\b", re.I)
_INCLUDING_BEFORE = re.compile(r"\bincluding\s+$", re.I)
_QUAL_BEFORE = re.compile(r"\b(?:" + "|".join(_QUALIFIERS) + r"|only|just)\s+$", re.I)
# "four of the dead were members of the Frontier Corps and two were civilians"
_OF_THE = re.compile(
    rf"(?<![\w,.])(?P<num>{NUMBER})\s+of\s+the\s+(?:(?P<k>dead|killed|victims|fatalities)|(?P<i>wounded|injured))"
    rf"\s+(?:were|was)\s+{_ADJ}(?P<group>{_GROUP})\b",
    re.I,
)
_AND_WERE = re.compile(
    rf",?\s+(?:and|while)\s+(?P<num>{NUMBER})\s+(?:were|was)\s+{_ADJ}(?P<group>{_GROUP})\b", re.I
)
# "Among the dead were three children", "the wounded included two soldiers"
_DEAD_INCLUDED = re.compile(
    rf"\b(?:among\s+)?the\s+(?:(?P<k>dead|victims|fatalities)|(?P<i>wounded|injured))\s+(?:were|was|included|include)\s+"
    rf"{_QUAL}(?P<num>{NUMBER})\s+{_ADJ}(?P<group>{_GROUP})\b",
    re.I,
)
# "three fighters were among the dead", "two police officers guarding the gate were among the dead"
_AMONG_DEAD = re.compile(
    rf"(?<![\w,.])(?<!\d[,.]){_QUAL}(?P<num>an?|{NUMBER})\s+{_ADJ}(?P<group>{_GROUP})"
    r"(?:\s+(?:[a-z]+ing|stationed|posted|deployed|on duty)\b(?:\s+[\w'’-]+){0,4}?"
    # "Two police officers who tried to stop the van on foot were among the injured"
    r"|\s+who\s+[^,.;\"“”]{1,60}?)?"
    rf"\s+(?:were|was)\s+among\s+(?:the|those)\s+(?:(?:slightly|seriously|critically|lightly|badly)\s+)?"
    rf"(?:(?P<k>dead|killed|victims|fatalities)|(?P<i>wounded|injured))\b",
    re.I,
)
# "Among the injured is a police officer", "Among the dead were two soldiers": an armed side's part
# of the toll, a report of its own (a civilian there is only a detail of the count).
_ARMED_SIDE = "|".join(rx for rx, g in _GROUPS if g in (G.military, G.security_forces))
_AMONG_THEM_WAS = re.compile(
    r"\bamong\s+the\s+(?:(?P<k>dead|killed)|(?P<i>wounded|injured))\s+(?:is|was|were|are)\s+"
    rf"(?P<num>an?|{NUMBER})\s+(?:[\w'’-]+\s+){{0,3}}?(?P<group>{_ARMED_SIDE})\b",
    re.I,
)
# "residents had recovered between 10 and 15 bodies", "between 10 and 15 people were killed"
_RANGE = re.compile(
    rf"\b(?:between\s+(?P<lo>{NUMBER})\s+and\s+(?P<hi>{NUMBER})|(?P<lo2>\d+)\s*(?:-|–|to)\s*(?P<hi2>\d+))"
    # ('"between 40 and 50 people" had been killed': the count in the source's own words)
    rf"(?:\s+{_ADJ}(?P<group>{_GROUP}))?[\"”’]?(?:\s+(?P<kb>(?:dead\s+)?bodies|corpses)\b|{_BE}\s+"
    rf"(?:(?P<k>{_KILLED})|(?P<i>{_INJURED}))\b)",
    re.I,
)
_ACTIVE = re.compile(
    # "neutralising three of the bandits": the security forces' word for the attackers they killed.
    rf"\b(?:(?P<k>killing|killed|kills|kill|shot dead|shooting dead|shoot dead|gunned down|gunning down|guns? down|"
    rf"neutrali[sz](?:ed|ing|es|e)|buried|"
    rf"claim(?:ed|ing|s)? the lives of)|"
    rf"(?P<i>wounding|wounded|wounds|injuring|injured|injures|wound|injure))[\"”’]?\s+"
    # 'its fighters had killed "more than 40 apostate soldiers"': a claim quotes its own count.
    # (", killing a 68-year-old man and wounding two": one, when a person follows the participle)
    rf"[\"“‘]?{_QUAL}(?P<num>{NUMBER}|(?<=killing )an?(?=\s+(?:\d+-year-old\s+)?{_ADJ}(?:{_GROUP})\b))[\"”’]?"
    # ('more than 25 "apostate soldiers and officials"': one count of two kinds of people, no group's)
    rf"(?:\s+(?:\d+-year-old\s+)?{_ADJ}[\"“‘]?(?P<group>{_GROUP})(?!\s+and\s+(?:other\s+)?(?:{_GROUP}|officials|civil servants|politicians|lawmakers|staff)\b)[\"”’]?)?"
    r"(?=[\s,.;:)\"”’']|$)(?!\s+(?:times|years|months|weeks|days|hours|minutes|percent|per cent|%))"
    # ("neutralised two further devices": the drones, not people)
    r"(?!\s+(?:[\w-]+\s+)?(?:devices?|drones?|bombs?|explosives?|mines?|IEDs?|charges?|rockets?|missiles?|"
    r"projectiles?|grenades?|shells?|vehicles?|cars?|boats?)\b)",
    re.I,
)
# An ambulance service's count: "Paramedics took four patients to hospital".
_TRANSPORTED = re.compile(
    rf"\b(?:took|taken|transported|rushed|evacuated|airlifted|ferried)\s+{_QUAL}(?P<num>{NUMBER})\s+"
    r"(?P<i>patients|people|persons|injured|wounded)\s+to\s+(?:a\s+|the\s+|local\s+|nearby\s+)?hospitals?\b",
    re.I,
)
# A hospital's or a medical charity's count: "its teams had treated 34 people for gunshot wounds",
# "it was treating four of the injured" (a count of the injured it has, not a count of a count).
_TREATED = re.compile(
    # ('its paramedics treated "around twenty people"': the count in the service's own words)
    # ("it had received six patients from the shooting": a hospital's intake)
    rf"\b(?:treated|treating|treats|treat|received|admitted)\s+[\"“]?{_QUAL}(?P<num>{NUMBER})\s+(?:"
    rf"{_ADJ}(?P<group>{_GROUP})\s+for\s+(?:[\w-]+\s+(?:and\s+[\w-]+\s+)?)?(?P<i>injuries|wounds)|"
    rf"of\s+the\s+(?P<i2>injured|wounded)|"
    # "confirmed one person dead and treated seven other patients", "treated 58 people at the scene"
    # ("received eight patients with gunshot wounds connected to the shooting")
    rf"(?:other\s+)?(?P<i3>patients|people|persons)[\"”]?(?:\s+with\s+(?:gunshot\s+|stab\s+|bullet\s+|blast\s+)?(?:wounds|injuries)"
    r"(?=\s*[,.;]|\s+and\b|\s+(?:from|connected\s+to|linked\s+to|related\s+to)\b)|"
    r"(?=\s+at\s+(?:the\s+scene|various\s+locations)\b|\s*[,.;]|\s+and\b|"
    r"\s+from\s+the\s+(?:shooting|attack|blast|explosion|bombing|stabbing|scene|incident|strike)\b)))",
    re.I,
)
# "it had documented at least four deaths" (not deaths "from cholera", nor "among" a part).
_DEATHS = re.compile(
    rf"\b(?:documented|confirmed|recorded|registered|counted|verified)\s+{_QUAL}(?P<num>{NUMBER})\s+"
    rf"(?P<k>deaths|fatalities)\b(?!\s+(?:from|of|due|caused|linked|related|among|in\s+(?:the|its)\s+ranks))",
    re.I,
)
_BODIES = re.compile(
    rf"(?<![\w,.]){_QUAL}(?P<num>{NUMBER})\s+(?:dead\s+)?(?P<k>bodies|corpses)\b|"
    # "we have three fatalities, including one of our personnel, and two wounded victims"
    rf"\b(?:have|has|had|with)\s+(?P<num2>{NUMBER})\s+(?P<k2>fatalities|deaths)\b"
    r"(?!\s+(?:from|of|due|caused|linked|related|among|in\s+(?:the|its)\s+ranks))",
    re.I,
)
# "The bodies of five uniformed fighters have been recovered" (never "the bodies of two of the
# victims"). Only as the subject of a recovery: "we counted the bodies of 12 soldiers" is a
# witness's detail, most often of a toll the same source has just given ("at least a dozen").
_BODIES_OF = re.compile(
    rf"\b(?P<k>bodies|corpses|remains)\s+of\s+{_QUAL}(?P<num>{NUMBER})\s+"
    rf"(?:(?!(?:of|the|them|whom)\b)[A-Za-z.'’-]+\s+){{0,2}}?(?P<group>{_GROUP})\b"
    rf"(?={_BE}\s+(?:recovered|found|retrieved|pulled|exhumed|dug out)\b)",
    re.I,
)
# "the morgue received the bodies of four people", "police found the bodies of two farmers": a count
# of the dead someone took in (not "we counted the bodies of", a witness's detail).
_RECEIVED_BODIES = re.compile(
    rf"\b(?:received|recovered|retrieved|found|took in)\s+the\s+(?P<k>bodies|corpses|remains)\s+of\s+"
    rf"{_QUAL}(?P<num>{NUMBER})\s+(?:(?!(?:of|the|them|whom)\b)[A-Za-z.'’-]+\s+){{0,2}}?(?P<group>{_GROUP}|m[ae]n|wom[ae]n)\b"
    # "the hospital had received the bodies of six men and seven wounded"
    rf"(?:\s+and\s+(?P<inum>{NUMBER})\s+(?:(?:injured|wounded)\s+(?:people|persons)|injured|wounded)\b)?",
    re.I,
)
_LEFT = re.compile(
    rf"\b(?:left|leaving)\s+{_QUAL}(?P<num>{NUMBER})(?:\s+{_ADJ}(?P<group>{_GROUP}))?\s+(?:(?P<k>dead)|(?P<i>wounded|injured))",
    re.I,
)
# "We lost 27 men", "the army lost two soldiers": a unit's own dead. "Men" and "comrades" are the
# speaker's side: soldiers, unless the one who lost them is an armed group ("the rebels lost 12 men").
_LOST = re.compile(
    rf"\b(?:(?P<who>[A-Za-z]+)\s+)?(?:(?:had|has|have)\s+)?(?P<k>lost|loses|losing)\s+{_QUAL}(?P<num>{NUMBER})\s+"
    rf"(?:of\s+(?:our|its|their|his)\s+)?(?:(?P<men>men|comrades)|{_ADJ}(?P<group>soldiers?|troops|servicem[ae]n|"
    rf"police(?:m[ae]n| officers?)?|officers|guards|gendarmes|jawans|constables|fighters|militants|rebels|"
    rf"militiam[ae]n|jihadists|insurgents|combatants))\b",
    re.I,
)
_ARMED_GROUP = re.compile(
    r"(?:fighters|militants|rebels|insurgents|jihadists|militias?|militiamen|group|Maoists|Naxals|cadres)",
    re.I,
)
_TOLL = re.compile(
    rf"\b(?:(?:death |casualty |the )toll|number of (?:the )?(?:dead|deaths|fatalities|people killed|victims)|"
    # "he said the figure had risen to 21" (of bodies counted before)
    rf"the (?:figure|count|tally)(?=\s+(?:had\s+|has\s+)?(?:since\s+|later\s+|now\s+)?(?:risen|rose|climbed|increased|jumped)\s+to\b)|"
    # "On Monday, it raised its count to at least 62"
    rf"(?<=raised )(?:its|their|his|her) (?:count|tally))"
    # "The army put the toll among civilians at 14 dead": the group the toll is of.
    rf"(?:\s+among\s+(?:the\s+)?(?P<group>{_GROUP}))?"
    rf"\b(?:[^.;]{{0,40}}?\b(?:to|at|of|reached|is|was|stood at)|"
    # "The death toll from a car bomb that hit a checkpoint outside …, rose to six": a verb of
    # rising may come after a long subject.
    rf"[^.;]{{0,160}}?\b(?:rose|rises|risen|climbed|climbs|increased|jumped|went up)\s+to)"
    rf"\s+{_QUAL}(?P<num>{NUMBER})\b(?!\s*(?:percent|per cent|%))",
    re.I,
)
# "No civilians were hurt": nobody of that group; "all 21 crew members were safe": nobody at all.
_NONE_GROUP = re.compile(
    # "no soldiers were among the dead or wounded"
    # ("None of our officers was injured")
    rf"\b(?:no|none\s+of\s+(?:our|its|their))\s+(?P<group>{_GROUP})\s+(?:was|were|had been|have been)\s+"
    # ("No civilians were affected", an army's words)
    r"(?:hurt|injured|killed|harmed|wounded|affected|"
    rf"among\s+the\s+(?:dead|wounded|injured|casualties|victims))\b|"
    # "No residents of the hotel, staff or members of the public were hurt": civilians, as against the
    # officers (a list that names the public, told apart from the police).
    r"\bno\s+(?:(?!(?:was|were|when|while|but)\b)[\w-]+,?\s+){1,10}?(?:or|and|nor)\s+(?P<public>members\s+of\s+the\s+public)\s+"
    r"(?:was|were|had been|have been)\s+(?:hurt|injured|harmed|wounded)\b|"
    # "No one from the government troops was hurt"
    rf"\bno[ -]?one\s+(?:from|of|among)\s+(?:the\s+|our\s+|its\s+)?(?:[\w-]+\s+){{0,2}}?(?P<from_group>{_GROUP})\s+"
    r"(?:was|were|had been|has been)\s+(?:hurt|injured|killed|harmed|wounded)\b|"
    # "there were no casualties among the troops"
    rf"\bno\s+(?:casualties|losses|injuries|deaths)\s+(?:among|in)\s+(?:the\s+|its\s+|our\s+|their\s+)?"
    rf"(?P<among_group>{_GROUP})\b|"
    rf"\ball\s+(?:(?:the|its|{NUMBER})\s+)*(?P<all_group>{_GROUP})(?:\s+on\s+board)?\s+(?:were|was|are|is)\s+"
    rf"(?:(?:reported\s+)?safe|unharmed|unhurt|uninjured|accounted for)\b",
    re.I,
)
# ("no one had been injured or detained")
_NONE = re.compile(
    r"\bno (?:immediate )?(?:reports? of )?(?:casualties|injuries|deaths|fatalities|one (?:was|were) (?:hurt|"
    r"injured|killed|harmed))|\bnobody (?:was|had been|has been) (?:hurt|injured|killed|harmed)|"
    r"\bno[ -]one (?:was|had been|has been) (?:hurt|injured|killed|harmed)|\bwithout (?:causing )?(?:any )?casualties|"
    r"\bno casualties\b|\bnone (?:was|were) (?:hurt|injured|killed|harmed)",
    re.I,
)
# An army's communiqué: "No losses were recorded on our side", "No casualty was recorded on our side".
NONE_OUR_SIDE = re.compile(
    r"\bno\s+(?:losses|loss|casualty|casualties)\s+(?:was|were|has been|have been)\s+(?:recorded|suffered|reported)\s+"
    r"(?:on\s+our\s+side|(?:among|in)\s+our\s+(?:ranks|forces|troops|men))",
    re.I,
)
_NO_DEATHS = re.compile(
    r"no (?:immediate )?(?:reports? of )?(?:deaths|fatalities|one (?:was|were) killed)|nobody (?:was|had been|has been) killed|"
    r"no[ -]one (?:was|had been|has been) killed|"
    r"none (?:was|were) killed",
    re.I,
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)"
)
# Sentences about another time or a running total: their figures are not this event's. A month
# with a year and no day ("in November 2019") dates another event: this one's date has a day.
_OTHER_PERIOD = re.compile(
    r"\b(?:since|so far|this year|last year|last month|last week|earlier this (?:month|week)|"
    r"earlier in the (?:month|week)|in (?:19|20)\d\d|"
    # (not a dateline's "3 March 2024": that month has its day)
    rf"(?<!\d )(?<!\d\d ){_MONTHS} (?:of )?(?:19|20)\d\d|(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+) "
    r"(?:years?|months?|decades?) ago|in recent (?:weeks|months|years)|in total|a total of|overall|"
    r"has killed|have killed|has left|have left|cumulative|previous|earlier attacks?|"
    r"similar attack|war has|conflict has|(?:over|during|in) the same period|"
    # "In June 2023, gunmen killed 11 people … That same month, 46 women were killed"
    r"(?:that|the) same (?:month|year)|"
    # "nearly 1,900 people killed in the first half of 2025", "over the past week": a period's total;
    # "at least 11 people had been killed across the country": a whole country's.
    r"(?:half|quarter) of (?:19|20)\d\d|(?:over|in|during) (?:the )?(?:past|last) (?:\w+ )?(?:hours|days|weeks?|months?|years?)|"
    # "More than 4,000 people were killed in Lebanon during that conflict"
    r"during (?:that|the) (?:conflict|war)|"
    # "… during the 14 months of hostilities between Israel and Hezbollah" (but "in two days of
    # fighting" may be this event's own length)
    r"(?:during|over|in|throughout) the (?:\w+ )?(?:months|years) of (?:hostilities|fighting|war|conflict|violence)|"
    r"across the (?:country|nation)|nationwide|"
    # "the 1996 Eldorado dos Carajás massacre, in which …": an event named by its year is another one.
    r"the (?:19|20)\d\d (?-i:[A-Z])[\w'’-]+(?: [\w'’-]+){0,3}? (?:massacre|attack|bombing|shooting|attacks|riots?)|"
    # "the 2014 bombing of a shopping area … injured 14 people"
    r"the (?:19|20)\d\d (?:massacre|attack|bombing|shooting|blast|explosion|riots?|fire|strike)\b|"
    # "The market was last hit on June 28, when …"
    r"(?:was|were) last (?:hit|struck|targeted|attacked|shelled)|"
    # "The attack came less than three weeks after suspected fighters killed 18 people at a funeral",
    # "The raid comes a week after an attack … in which six people were killed"
    r"(?:days|weeks|months|years|(?:a|one) (?:day|week|month|year)) (?:after|before)|(?:months|years) later|"
    # "the police have killed two people in eight days": a count over a period
    # (not "in two days of fighting": how long this event lasted)
    r"(?:in|over|within) (?:the (?:past |last )?)?(?:\w+ )(?:days|weeks|months|years)\b(?! (?:ago|of)\b)|"
    # "In March, gunmen killed four people in a nearby village": a month with no day is
    # another event's (this one is dated by its day).
    r"in (?:early |late |mid-?)?(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)(?!\s*\d)|"
    # "Last September, a 14-year-old student killed four people"
    r"last (?:January|February|March|April|May|June|July|August|September|October|November|December))\b",
    re.I,
)
# "Two people were killed and 11 injured … Five people have been hospitalized": those in hospital are
# a part of the injured counted earlier in the article (looked for in a bounded window before the
# sentence, so that the whole text stays linear), not a report of their own.
_EARLIER_INJURED = re.compile(
    rf"(?<![\w,.])(?P<num>{NUMBER})\s+(?:[A-Za-z'’-]+\s+){{0,2}}?(?:(?:were|have been|had been|others?|more)\s+)*"
    rf"(?:injured|wounded|hurt)\b|\b(?:injuring|wounding)\s+{_QUAL}(?P<num2>{NUMBER})\b",
    re.I,
)
_EARLIER_WINDOW = 3000
_HOSPITALIZED = re.compile(r"hospitali[sz]ed|\bto (?:[\w-]+ )?hospitals?\b", re.I)


def _injured_before(text: str, at: int) -> int:
    """The largest count of injured given in the text shortly before `at` (0 if none)."""
    best = 0
    for m in _EARLIER_INJURED.finditer(text, max(0, at - _EARLIER_WINDOW), at):
        n = parse_number(m.group("num") or m.group("num2"))
        best = max(best, n or 0)
    return best


# "its teams had treated 34 people since Monday morning", "since the attack": counted from this
# event, not a running total (a bare "since Monday" may span several days of fighting).
_SINCE_THIS_EVENT = re.compile(
    r"\bsince (?:the (?:attack|strike|air ?strike|blast|bombing|explosion|shooting|raid|shelling|assault)|"
    r"(?:early |late )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday) "
    r"(?:morning|afternoon|evening|night)|last night|this morning)\b",
    re.I,
)
# "The ERR, a volunteer network that has run kitchens in the town since the start of the war, said …
# that at least 43 people had been killed": a clause describing a source, not the count's period.
_DESCRIBING_CLAUSE = re.compile(
    r",\s+(?:an?|the)\s+[^,;.\d]{0,60}?\b(?:that|which|who)\s+(?:has|have|had)\s+[^,;.\d]{0,160},", re.I
)
# "An air strike on a house in the camp has killed at least 14 people": the present perfect of a
# lead whose subject is one attack is this event's toll, not a running total ("the war has killed").
# "Niamey (dpa) - ", "KABUL, Afghanistan (AP) — ": a wire dateline before the lead's first word.
_DATELINE = r"(?:[A-Z][\w.'’-]*(?:[ ,]+[A-Z][\w.'’-]*){0,3}\s*(?:\([^)]{1,20}\))?\s*[-–—:]\s*)?"
_ONE_EVENT_HAS = re.compile(
    rf"^\W*{_DATELINE}(?:an?|the)\s+(?:[\w'’-]+\s+){{0,3}}?(?:air\s?strike|strike|attack|bombing|blast|explosion|raid|"
    r"ambush|shooting|missile|rocket|drone|bomb|car bomb|suicide bomber|bomber|gunman|shell|landmine|mine)\b"
    r"(?P<rest>[^.;]{0,160}?)\s(?P<has>has\s+(?:killed|left))\b",
    re.I,
)
# "Israeli forces have killed four Palestinians … during an overnight raid on Nablus": the present
# perfect of what one operation did.
_ONE_EVENT_HAVE = re.compile(
    rf"^\W*{_DATELINE}(?:[\w'’-]+\s+){{0,3}}?(?:forces|troops|soldiers|gunmen|militants|police|fighters|attackers|assailants|"
    r"jihadists|insurgents|rebels|separatists|bandits|terrorists|extremists|militiamen)\s+"
    r"(?P<has>have\s+(?:killed|shot dead))\b(?P<rest>[^.;]{0,200}?)\b(?:during|in)\s+an?\s+(?:[\w-]+\s+){0,2}"
    r"(?:raid|attack|strike|ambush|assault|operation|bombing|shooting|incursion)\b",
    re.I,
)
# "An attack on the town, where the war has killed thousands": the verb is another subject's.
_NOT_ONE_EVENT = re.compile(
    r"\b(?:that|which|who|where|war|conflict|violence|fighting|campaign|offensive|insurgency|unrest|"
    r"series|wave|spate)\b",
    re.I,
)
# "had killed" is a running total ("the group had killed 200 people"), unless it is reported
# speech about this event ("it said its fighters had killed 19 soldiers").
# "Lysak had earlier reported one person killed", "An earlier ministry toll had put the number of dead
# at three", "Initial reports had indicated that two officers died": a count the story has revised.
_EARLIER_COUNT = re.compile(
    # ("had earlier on Monday put the number of those killed at 11")
    r"\bhad\s+(?:earlier|initially|previously|first)\s+(?:(?:on|in)\s+(?:the\s+)?\w+\s+)?"
    # ("Police had initially spoken of one dead and about a dozen injured")
    r"(?:reported|said|told|put|given|announced|counted|indicated|spoken|talked|mentioned)\b|"
    # "The ministry had given an initial toll of 14 dead on Thursday evening"
    r"\bhad\s+(?:given|put|reported|announced|released)\s+(?:an?\s+|its\s+|the\s+)?(?:earlier|initial|previous|"
    r"preliminary|first)\s+(?:death\s+)?(?:toll|figure|count|tally)\b|"
    # "The health office had reported eight dead late Monday, before rescuers pulled two more bodies"
    r"\bhad\s+(?:reported|put|given|announced)\b[^.;]{0,80}?,\s+before\b|"
    # "… the boy died overnight. On Friday evening he had reported two dead and 12 wounded": the
    # source just named, whose newer count the story gives
    r"^\W*(?:(?:late|early)\s+)?on\s+\w+(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:he|she|it|they)\s+had\s+"
    r"(?:reported|said|put|given|announced|counted)\b|"
    # "On Sunday evening, Malangai had given a toll of 25 dead"
    r"\bhad\s+(?:given|put|reported|announced|released)\s+(?:an?|its|the|his|her|their)\s+(?:death\s+)?"
    r"(?:toll|figure|count|tally)\s+of\b|"
    # "Earlier on Tuesday, the commander had told local radio that five soldiers had died"
    r"^\W*earlier\b[^.;]{0,60}?\bhad\s+(?:reported|said|told|put|given|announced|indicated)\b|"
    # "In his first post on Telegram, the governor reported that one man had been killed"
    r"(?:\b(?:his|her|its|their|an?|the)|['’]s)\s+(?:first|earliest|initial)\s+(?:post|statement|update|message|report|"
    r"briefing|news\s+conference|press\s+conference|bulletin|count|tally)\b|"
    r"\b(?:earlier|initial|previous|preliminary|first)\s+(?:[\w-]+\s+){0,2}?(?:toll|reports?|counts?|figures?|tally|"
    # ("In an earlier post, shortly after midday, it had reported 23 injured")
    r"estimates?|updates?|statements?|posts?|messages?),?\s+(?:[\w-]+,?\s+){0,5}?had\b|"
    # "Initial reports circulated this morning indicated that six people had died"
    r"\b(?:initial|earlier|first|preliminary)\s+(?:[\w-]+\s+){0,2}?reports?\b[^.;]{0,60}?\b(?:indicated|suggested|showed)\b",
    re.I,
)
_HAD_KILLED = re.compile(r"\bhad killed\b", re.I)
_REPORTED = re.compile(r"\b(?:said|says|claimed|claims|told|added|reported|stated)\b", re.I)
# A source named in the sentence ("… were in stable condition, he said"); not "is stated to be".
_ATTRIBUTED = re.compile(r"\b(?:said|says|told|added|according to|wrote|posted)\b", re.I)
# "the three injured soldiers": the noun after a participle used as an adjective.
_NOUN_AFTER = re.compile(rf"\s+(?P<group>{_GROUP})\b", re.I)
# Tolls of a series or of another place: "in those attacks", "accused X of shelling the town of Y".
# "Separately, gunmen shot dead two..." and "In another attack, ..." are other events.
_ELSEWHERE = re.compile(
    r"^\W*(?:separately|elsewhere|in a separate statement)\b|\bin (?:a |an )?(?:another|separate|unrelated) (?:attack|strike|incident|"
    r"raid|clash|bombing|shooting|stabbing|assault|explosion|ambush|operation)\b|"
    r"\bin (?:those|these|such|similar|previous|earlier|past|other|separate) (?:attacks|strikes|incidents|raids|"
    r"clashes|bombings)\b|\baccus\w*\b[^.;]{0,80}?\bof (?:firing|shelling|attacking|striking|bombing|"
    r"shooting|targeting|killing)\b|"
    # "The governor also said Russian shelling killed two civilians in another town": "also" adds
    # another attack with a subject of its own; "also said the strike killed two" (definite) and
    # "also said 22 other people were wounded" stay this event's.
    r"\balso (?:said|says|reported)(?: that)? (?!(?:the|this|that|these|those|its|his|her|their|a|an)\b)"
    r"(?:(?!(?:was|were|had|have|has|been)\b)[A-Za-z'’-]+ ){1,3}(?:killed|wounded|injured) "
    rf"(?:{_QUAL.replace('?P<qual>', '')}){NUMBER}\b|"
    # "Police had also beaten back an attack on a checkpoint an hour earlier, in which no one was
    # hurt": "also" and an indefinite attack with its own "in which" clause are another event
    # (and "were separately investigating an explosion …, in which a man was slightly injured").
    r"\b(?:also|separately)\b[^.;]{0,80}?\b(?:an|another|a second|a separate|an earlier)\s+(?:[\w'’-]+\s+){0,2}?"
    # ("a separate assault … around 11.30pm on Saturday, in which": a clock's point is no full stop)
    r"(?:attack|assault|raid|strike|blast|explosion|incident|ambush|attempt)\b(?:[^.;]|\.(?=[\d#])){0,120}?\bin which\b|"
    # "alarm at the situation in El Fasher, …, where she said shelling had killed eight people": the
    # pluperfect in a clause about another named place is that place's toll.
    r"\bin\s+(?-i:[A-Z])[\w'’-]+[^.;]{0,80}?,\s+where\b[^.;]{0,80}?\bhad\s+(?:killed|left|wounded|injured)\b",
    re.I,
)
# "The death toll rose to nine from six reported earlier": the earlier count is superseded.
_SUPERSEDED = re.compile(
    rf"\b(?:from|up from|down from)\s+{_QUAL}(?P<num>{NUMBER})\b(?:\s+(?:reported\s+)?(?:earlier|previously|before))?|"
    # "…, up from the three dead he gave earlier", "raising an earlier toll of one dead"
    rf"\b(?:up|down)\s+from\s+the\s+{_QUAL.replace('?P<qual>', '')}{NUMBER}\b|"
    rf"\b(?:an?|the|its|his|her|their)\s+(?:earlier|previous|initial|first)\s+(?:death\s+)?toll\s+of\s+"
    rf"{_QUAL.replace('?P<qual>', '')}{NUMBER}\b|"
    # "…, raising a toll of nine dead it had given hours earlier"
    rf"\braising\s+(?:an?|the|its|his|her|their)\s+(?:death\s+)?toll\s+of\s+{_QUAL.replace('?P<qual>', '')}{NUMBER}\b|"
    # "The prosecutor's office initially reported eight dead … It later raised the number to 12":
    # a first count that the story says was revised.
    rf"\b(?:initially|originally|at first|first)\s+(?:reported|said|put|gave|counted|announced)\b[^.;]{{0,30}}?"
    rf"{_QUAL.replace('?P<qual>', '')}(?P<first>{NUMBER})\s+(?:\w+\s+){{0,3}}?(?:dead|killed|deaths|wounded|injured|hurt)\b"
    # "initially reported two people killed and six injured": both halves of the first count.
    rf"(?:\s+and\s+{_QUAL.replace('?P<qual>', '')}{NUMBER}\s+(?:\w+\s+)?(?:dead|killed|wounded|injured|hurt)\b)?|"
    # "The spokesperson … had earlier on Monday told our correspondent that 12 bodies had been recovered"
    rf"\bhad\s+earlier\s+(?:on\s+\w+\s+)?(?:said|told|reported|put|given)\b[^.;]{{0,60}}?{NUMBER}\s+(?:\w+\s+){{0,3}}?"
    r"(?:dead|killed|died|wounded|injured|hurt|bodies)\b|"
    # "RCMP had said on Saturday that two people were killed": the pluperfect of an earlier count
    # (Not "Police had said late on Friday that two people had died": a count of its own, which
    # another source's later one does not replace.)
    r"\bhad\s+said\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|earlier|yesterday)\b[^.;]{0,40}?"
    rf"{NUMBER}\s+(?:\w+\s+){{0,3}}?(?:dead|killed|died|wounded|injured|hurt)\b|"
    # "Officials had put the death toll at five on Friday. It has since risen to seven": a toll put in
    # the pluperfect is an earlier count the story goes on to revise.
    rf"\bhad\s+(?:earlier\s+|initially\s+|previously\s+|first\s+)?(?:put|placed|given|set)\s+the\s+"
    rf"(?:death\s+|casualty\s+)?toll\s+at\s+{_QUAL.replace('?P<qual>', '')}{NUMBER}\b",
    re.I,
)
# "Five bodies have been recovered so far", "the death toll so far stands at 12": a toll of this
# event still being counted, so at least that many (but "so far this year" is another period).
_SO_FAR_TOLL = re.compile(
    r"\b(?:bodies|corpses|toll|recovered|retrieved|pulled out|confirmed dead|confirmed killed)\b", re.I
)
# Numbers that are no counts: ages ("a woman of about 30", "a man in his 60s", "aged 19") and ratios.
_NOT_A_COUNT = re.compile(
    rf"\b(?:m[ae]n|wom[ae]n|boys?|girls?|person|child|teenagers?|victims?)\s+(?:of|aged)\s+"
    # ("two men aged 30 and 45 were lightly hurt": both ages)
    rf"(?:about\s+|around\s+|roughly\s+|some\s+|approximately\s+)?(?P<age>{NUMBER}(?:\s*(?:to|and|-|–)\s*{NUMBER})?)\b|"
    r"\bin\s+(?:his|her|their)\s+(?:early\s+|mid-?\s*|late\s+)?(?P<decade>\d0s|twenties|thirties|forties|fifties|"
    r"sixties|seventies|eighties|nineties)\b|"
    rf"\baged\s+(?:between\s+)?(?P<aged>{NUMBER}(?:\s*(?:to|and|-|–)\s*{NUMBER})?)\b|"
    # nor a ratio: "the death toll was more than three times higher", "up 40 percent"
    rf"(?P<ratio>\b{NUMBER})(?=\s*(?:times\b|percent\b|per\s+cent\b|%|-fold\b|"
    # nor a distance: "shot dead about 300 meters from the post"
    r"(?:meters|metres|kilometers|kilometres|km|miles|feet|yards)\b))",
    re.I,
)
_THE_BEFORE = re.compile(r"\b[Tt]he\s+$")
_WHO_HAD_DIED = re.compile(r"\bwho\s+had\s+(?:\w+\s+)?died\b", re.I)
_DEAD_JUST_BEFORE = re.compile(r"\b(?:killed|dead|died)\s*(?:,|and)\s*$", re.I)
_OTHERS = re.compile(r"\bothers?\b", re.I)
_OTHER_BEFORE = re.compile(r"\bother\s+$", re.I)
_NEGATED = re.compile(r"\b(?:no|not|none|nobody|no one)\b[^.;,]{0,20}$", re.I)
_KILLED_WORD = re.compile(
    r"\b(?:killed|dead|died|slain|martyred|perished|paid\s+the\s+(?:supreme|ultimate)\s+price)\b", re.I
)
_HYPOTHETICAL = re.compile(
    r"\b(?:could have|would have|might have|threaten(?:ed)? to|plan(?:ned)? to)\b|"
    # "The ministry dismissed reports that more than 20 passengers were killed": a count denied.
    r"\b(?:dispel\w*|dismiss\w*|den(?:y|ied|ies|ying)|reject\w*|refut\w*)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:reports?|claims?|rumou?rs?|allegations?)\b",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    killed: int | None
    injured: int | None
    group: CasualtyGroup
    qualifier: Qualifier
    start: int
    end: int
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    # The group was named ("three civilians"), not left to the context ("and wounding nine").
    group_named: bool = True
    # Told as some of a toll ("two children were among the wounded"), not as a toll of its own.
    among: bool = False


def _group(word: str | None) -> CasualtyGroup:
    if not word:
        return G.all
    for rx, g in _GROUPS:
        if re.fullmatch(rx, word, re.I):
            return g
    return G.all


def _unit(s: str, at: int, group: CasualtyGroup) -> tuple[CasualtyGroup, int]:
    """The group of "members of the X Corps" read on from the word "members" ending at `at`."""
    m = _UNIT.match(s, at)
    if m is None:
        return group, at
    side = G.combatants if m.group("arm") else G.military if m.group("mil") else G.security_forces
    return side, m.end()


# "personnel" and "cadres" name no side: the word before does ("two CRPF personnel", "three Maoist
# cadres"), or the context ("A jawan was killed and two personnel were injured").
_CONTEXT_WORDS = ("personnel", "cadre", "cadres")
_SIDE_BEFORE = re.compile(
    r"(?:\b(?P<mil>army|military|navy|naval|air force)|\b(?P<sec>police|security|paramilitary|CRPF|BSF|ITBP|"
    r"CISF|SSB|CAPF|DRG|STF)|\b(?P<cmb>Maoist|Naxal|Naxalite|militant|rebel|insurgent|jihadist|terrorist))"
    r"\s+$",
    re.I,
)


def _side(s: str, at: int) -> CasualtyGroup | None:
    """The group named by the word that ends right before `at` ("CRPF" in "two CRPF personnel")."""
    m = _SIDE_BEFORE.search(s, max(0, at - 30), at)
    if m is None:
        return None
    return G.military if m.group("mil") else G.security_forces if m.group("sec") else G.combatants


def _apposed(f: Figure, m: re.Match[str], start: int) -> Figure:
    """The figure with the group its apposition names, if the apposition is the whole of it."""
    if m.groupdict().get("whole"):
        return replace(f, group=_group(m.group("g0")), end=start + m.end())
    parts = [(m.group(f"n{k}"), m.group(f"g{k}")) for k in (1, 2) if m.group(f"n{k}")]
    counts = [1 if n.lower() in ("a", "an") else parse_number(n) for n, _ in parts]
    groups = {_group(g) for _, g in parts}
    total = f.killed if f.killed is not None else f.injured
    if len(groups) != 1 or None in counts or sum(c or 0 for c in counts) != total:
        return f
    return replace(f, group=groups.pop(), end=start + m.end())


def _pair(n1: int, w1: str, n2: int, w2: str, injured: bool, a: int, b: int) -> list[Figure]:
    """ "A policeman and three civilians were killed": one report per group the pair names; a man and
    a woman, or people of no named side, stay one count."""
    g1, g2 = _group(w1), _group(w2)
    # "an officer and two soldiers", "a sergeant and a soldier": a rank takes its partner's side.
    if _RANK.fullmatch(w1) and g2 in (G.military, G.security_forces):
        g1 = g2
    if _RANK.fullmatch(w2) and g1 in (G.military, G.security_forces):
        g2 = g1
    counts = (
        [(n1, g1), (n2, g2)]
        if G.all not in (g1, g2) and g1 is not g2
        else [(n1 + n2, g1 if g1 is g2 else G.all)]
    )
    return [
        Figure(
            None if injured else count,
            count if injured else None,
            g,
            Qualifier.exact,
            a,
            b,
            group_named=g is not G.all or g1 is g2,
        )
        for count, g in counts
    ]


def _span_free(taken: bytearray, a: int, b: int) -> bool:
    """No character of s[a:b] belongs to a figure read already (one flag per character, so a
    sentence full of counts stays linear)."""
    return taken.find(1, a, b) == -1


def _take(taken: bytearray, a: int, b: int) -> None:
    taken[a:b] = b"\x01" * (b - a)


# "at 5:05 p.m. The man died": a time of day, split at its abbreviation, is no count.
_CLOCK = re.compile(
    r"\b\d{1,2}[:.]\d{2}\b|\b\d{1,2}\s*(?=(?:a\.m\.|p\.m\.|am\b|pm\b))|^\s*\d{1,2}\s+(?=[ap]\.m\.)", re.I
)
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
# (a date with its year, "6 November 2024", is left to the readers of datelines)
_DAY_OF_MONTH = re.compile(
    rf"\b{_MONTH_NAME}\s(?P<d1>\d{{1,2}}(?:st|nd|rd|th)?)\b(?!,?\s+\d{{4}})"
    rf"|\b(?P<d2>\d{{1,2}}(?:st|nd|rd|th)?)(?=\s+{_MONTH_NAME}\b)(?!\s+\S+\s+\d{{4}})"
)
_FIGURES_REPEATED = re.compile(r"(?<=[A-Za-z])\s\(\d{1,6}\)(?=[\s,.;:])")


def _mask_non_counts(s: str) -> str:
    """The sentence with every number that is no count (an age, "a woman of about 30"; a ratio,
    "three times higher") blanked out, the same length, so that none is read as a count."""
    for m in _NOT_A_COUNT.finditer(s):
        a, b = m.span(next(g for g in ("age", "decade", "aged", "ratio") if m.group(g)))
        s = s[:a] + "#" * (b - a) + s[b:]
    s = _CLOCK.sub(lambda m: "#" * len(m.group(0)), s)
    # "early on March 13 that nine police officers had been injured": a day of the month is no count
    for m in _DAY_OF_MONTH.finditer(s):
        a, b = m.span("d1") if m.group("d1") else m.span("d2")
        s = s[:a] + "#" * (b - a) + s[b:]
    # "four (4) passengers": the official style repeats a count in figures, once.
    return _FIGURES_REPEATED.sub(lambda m: " " * len(m.group(0)), s)


_NO_EVENT_TOLL = 10_000


def _counts_of(f: Figure) -> list[int]:
    return [n for n in (f.killed, f.injured, f.killed_max, f.injured_max) if n is not None]


# "… had been hurt." then "X said the number had risen to 11": the count of the sentence before.
_COUNT_BEFORE = re.compile(
    rf"(?P<num>{NUMBER})\s+(?:(?P<group>[A-Za-z-]+(?:\s+[A-Za-z-]+)?)\s+)??(?:had\s+been\s+|have\s+been\s+|"
    r"were\s+|was\s+)?(?:(?P<k>killed|dead|died)|(?P<i>injured|wounded|hurt))\b",
    re.I,
)
_RISEN_BACK = 300


def _risen_since_before(text: str, start: int, end: int) -> list[Figure]:
    """'The force said five officers had been hurt. … ACC Jane Roe said the number had risen to 11':
    the number of the count told just before, of its kind and group, now higher."""
    rose = _NUMBER_ROSE.search(text, start, end)
    n = parse_number(rose.group("num")) if rose else None
    if rose is None or n is None or _OTHER_PERIOD.search(text, start, end):
        return []
    before = list(_COUNT_BEFORE.finditer(text, max(0, start - _RISEN_BACK), start))
    if not before:
        return []
    last = before[-1]
    old = parse_number(last.group("num"))
    if old is None or not old < n <= 10 * old:
        return []
    group = _group(last.group("group")) if last.group("group") else G.all
    qual = _QUALIFIERS.get((rose.group("qual") or "").lower(), Qualifier.exact)
    killed, injured = (n, None) if last.group("k") else (None, n)
    return [Figure(killed, injured, group, qual, rose.start(), rose.end(), group_named=group is not G.all)]


def figures(text: str, start: int, end: int) -> list[Figure]:
    """Casualty figures in one sentence, killed and injured of the same group merged."""
    # "the conflict has left some 69,000 people dead": no one event's toll is so large.
    found = [f for f in _figures(text, start, end) if max(_counts_of(f), default=0) < _NO_EVENT_TOLL]
    if not found:
        found = _risen_since_before(text, start, end)
    # "It was the deadliest attack since July 2019, when gunmen …, killing 26": the figures after
    # "when" are the earlier event's.
    compared = _COMPARED_EVENT.search(text, start, end)
    if compared:
        found = [f for f in found if f.start < compared.end()]
    found = [_upper_bound(text, f) for f in found]
    # "Two rangers and a villager were killed and nine other people wounded", its dead not read:
    # the wounded alone would be a wrong figure, not a part of one.
    if found and all(f.killed is None for f in found):
        s = text[start:end]
        first = found[0].start - start
        # ("Teen killed, 5 wounded"; "… killed and eight other people wounded"; not "Gunmen killed a
        # soldier and two civilians were wounded", whose wounded are a count of their own)
        if not _OTHERS.search(text, found[0].start, found[0].end) and not _DEAD_JUST_BEFORE.search(
            s, max(0, first - 30), max(first, 0)
        ):
            return found
        for m in _KILLED_WORD.finditer(s, 0, max(first, 0)):
            if not _NEGATED.search(s, max(0, m.start() - 30), m.start()):
                return []
    return found


_UP_TO = re.compile(r"\bup to\s+(?P<num>(?:a\s+)?[\w,-]+)", re.I)


def _upper_bound(text: str, f: Figure) -> Figure:
    """ "Up to 12 soldiers were killed" bounds the toll from above: a maximum, not about 12."""
    if f.qualifier is not Qualifier.approximately:
        return f
    for m in _UP_TO.finditer(text, f.start, f.end):
        n = parse_number(m.group("num"))
        if n is not None and n == f.killed:
            return replace(f, killed=None, killed_max=n, qualifier=Qualifier.exact)
        if n is not None and n == f.injured:
            return replace(f, injured=None, injured_max=n, qualifier=Qualifier.exact)
    return f


def _figures(text: str, start: int, end: int) -> list[Figure]:
    s = _mask_non_counts(text[start:end])
    one = _ONE_EVENT_HAS.match(s) or _ONE_EVENT_HAVE.match(s)
    if one and _NOT_ONE_EVENT.search(one.group("rest")):
        one = None
    period = s[: one.start("has")] + s[one.end("has") :] if one else s
    # "…, killing 11, in one of the deadliest attacks this year": the comparison after a count is no
    # other period; "The deadliest attack took place in October 2017, when …" (before any) is one.
    # (but "the deadliest tragedies in the region, among them the fire … in February 2012, which
    # killed more than 360 inmates" tells of that other event's own count)
    period = _COMPARISON.sub(
        lambda m: (
            ""
            if re.search(rf"\b{NUMBER}\b", period[: m.start()]) and not _COUNT_OF_ITS_OWN.search(m.group(0))
            else m.group(0)
        ),
        period,
    )
    period = _DESCRIBING_CLAUSE.sub(",", _SINCE_THIS_EVENT.sub("", period))
    others = [m.group(0).lower() for m in _OTHER_PERIOD.finditer(period)]
    so_far = bool(others) and set(others) == {"so far"} and bool(_SO_FAR_TOLL.search(s))
    if (others and not so_far) or _HYPOTHETICAL.search(s) or _ELSEWHERE.search(s):
        return []
    had = _HAD_KILLED.search(s)
    if had and not _REPORTED.search(s, 0, had.start()):
        return []
    if _EARLIER_COUNT.search(s):
        return []
    raw: list[Figure] = []
    taken = bytearray(len(s))
    # Counts that a later one replaces ("rose to nine from six") are no figure of their own.
    for m in _SUPERSEDED.finditer(s):
        _take(taken, m.start(), m.end())
    for m in _SHOT_FATALLY.finditer(s):
        shot, dead = parse_number(m.group("num")), parse_number(m.group("dead"))
        if shot is None or dead is None or not dead <= shot:
            continue
        _take(taken, m.start(), m.end())
        raw.append(
            Figure(
                dead,
                shot - dead,
                _group(m.group("group")),
                _QUALIFIERS.get((m.group("qual") or "").lower(), Qualifier.exact),
                start + m.start(),
                start + m.end(),
                group_named=bool(m.group("group")),
            )
        )
    for m in _RANGE.finditer(s):
        lo = parse_number(m.group("lo") or m.group("lo2"))
        hi = parse_number(m.group("hi") or m.group("hi2"))
        if lo is None or hi is None or not lo < hi:
            continue
        injured = bool(m.group("i"))
        _take(taken, m.start(), m.end())
        raw.append(
            Figure(
                None,
                None,
                _group(m.group("group")),
                Qualifier.exact,
                start + m.start(),
                start + m.end(),
                killed_min=None if injured else lo,
                killed_max=None if injured else hi,
                injured_min=lo if injured else None,
                injured_max=hi if injured else None,
                group_named=bool(m.group("group")),
            )
        )
    # "four soldiers, including a captain, and two civilians, among them a girl, were
    # killed": the details inside commas are blanked (offsets kept) so that the pair is read.
    masked = _DETAIL.sub(lambda d: " " * len(d.group(0)), s)
    for m in [*_SPLIT.finditer(masked), *_ACTIVE_SPLIT.finditer(s)]:
        # "two soldiers and a civilian were killed": three.
        n1, n2 = (
            1 if w.lower() in ("a", "an") else parse_number(w) for w in (m.group("num1"), m.group("num2"))
        )
        if n1 is None or n2 is None or not _span_free(taken, m.start(), m.end()):
            continue
        # "Gunmen killed a soldier and two civilians were wounded": the first count is the object
        # of another verb.
        if m.re is _SPLIT and _VERB_BEFORE.search(s, max(0, m.start() - _BACK), m.start()):
            continue
        if _NO_BEFORE.search(s, max(0, m.start() - _BACK), m.start()):
            continue
        _take(taken, m.start(), m.end())
        first = m.groupdict().get("num0")
        n0 = (1 if first.lower() in ("a", "an") else parse_number(first)) if first else None
        if n0 is not None:
            # Three counts: of one side (civilians, or people of no side) one toll; else one per side.
            sides: dict[CasualtyGroup, int] = {}
            for count, word in ((n0, m.group("w0")), (n1, m.group("w1")), (n2, m.group("w2"))):
                sides[_group(word)] = sides.get(_group(word), 0) + count
            if set(sides) <= {G.all, G.civilians}:
                sides = {G.civilians if set(sides) == {G.civilians} else G.all: sum(sides.values())}
            injured = bool(m.group("i"))
            raw.extend(
                Figure(
                    None if injured else n,
                    n if injured else None,
                    g,
                    Qualifier.exact,
                    start + m.start(),
                    start + m.end(),
                )
                for g, n in sides.items()
            )
            continue
        raw.extend(
            _pair(
                n1, m.group("w1"), n2, m.group("w2"), bool(m.group("i")), start + m.start(), start + m.end()
            )
        )
    for m in _NOMINAL.finditer(s):
        n1 = 1 if m.group("num1").lower() in ("a", "an") else parse_number(m.group("num1"))
        n2 = None
        if m.group("num2"):
            n2 = 1 if m.group("num2").lower() in ("a", "an") else parse_number(m.group("num2"))
        if n1 is None or (m.group("num2") and n2 is None) or not _span_free(taken, m.start(), m.end()):
            continue
        _take(taken, m.start(), m.end())
        a, b = start + m.start(), start + m.end()
        pair = _pair(n1, m.group("w1"), n2, m.group("w2"), False, a, b) if n2 is not None else []
        raw.extend(pair or [Figure(n1, None, _group(m.group("w1")), Qualifier.exact, a, b)])
        hurt = parse_number(m.group("inum")) if m.group("inum") else None
        if hurt is not None:
            w3 = m.group("w3")
            raw.append(Figure(None, hurt, _group(w3), Qualifier.exact, a + 1, b, group_named=bool(w3)))
    for m in _THE_KILLING_OF.finditer(s):
        n1 = parse_number(m.group("num1"))
        if n1 is None or not _span_free(taken, m.start(), m.end()):
            continue
        _take(taken, m.start(), m.end())
        hurt = parse_number(m.group("inum")) if m.group("inum") else None
        raw.append(
            Figure(
                n1,
                hurt,
                _group(m.group("w1")),
                _QUALIFIERS.get((m.group("qual") or "").lower(), Qualifier.exact),
                start + m.start(),
                start + m.end(),
            )
        )
    for m in _OF_THE.finditer(s):
        injured = bool(m.group("i"))
        parts = [m]
        more = _AND_WERE.match(s, m.end())
        group, end = _unit(s, m.end(), _group(m.group("group")))
        if more is None:
            more = _AND_WERE.match(s, end)
        if more is not None:
            parts.append(more)
        for k, part in enumerate(parts):
            n = parse_number(part.group("num"))
            if n is None:
                continue
            if k:
                group, end = _unit(s, part.end(), _group(part.group("group")))
            _take(taken, part.start("num"), end)
            raw.append(
                Figure(
                    None if injured else n,
                    n if injured else None,
                    group,
                    Qualifier.exact,
                    start + part.start("num"),
                    start + end,
                )
            )
    # (before the counts of one: "killing a woman and her grandson" is two, not a woman)
    for m in _TWO_SINGLES.finditer(s):
        if not _span_free(taken, m.start(), m.end()):
            continue
        _take(taken, m.start(), m.end())
        two_groups = {_group(m.group("g1")), _group(m.group("g2") or m.group("g1"))}
        raw.append(
            Figure(
                2,
                None,
                two_groups.pop() if len(two_groups) == 1 else G.all,
                Qualifier.exact,
                start + m.start(),
                start + m.end(),
                group_named=len(two_groups) == 0,
            )
        )
    for m in _LONE_ATTACKER.finditer(s):
        if not _span_free(taken, m.start(), m.end()):
            continue
        _take(taken, m.start(), m.end())
        dead = any(m.group(k) for k in ("k", "k2", "k3", "k4", "k5"))
        raw.append(
            Figure(
                1 if dead else None,
                None if dead else 1,
                G.perpetrators,
                Qualifier.exact,
                start + m.start(),
                start + m.end(),
            )
        )
    toll_found = False
    for rx in (
        _TOLL,
        _RISEN,
        _BRINGING,
        _PUT_AT,
        _NTH_DEATH,
        _DEAD_INCLUDED,
        _AMONG_DEAD,
        _AMONG_THEM_WAS,
        _BODIES_OF,
        _RECEIVED_BODIES,
        _BODIES,
        _LEFT,
        _LOST,
        _TREATED,
        _TRANSPORTED,
        _DEATHS,
        _ACTIVE,
        _PASSIVE,
        _SINGLE,
        _APPOSED_ONE,
    ):
        for m in rx.finditer(s):
            if not _span_free(taken, m.start(), m.end()):
                continue
            groups = m.groupdict()
            if "ord" in groups:
                n = parse_ordinal(m.group("ord"))
            elif "num" in groups:
                num = m.group("num") or groups.get("num2") or ""
                n = 1 if num.lower() in ("a", "an") else parse_number(num)
            else:
                n = 1  # "a protester had died"
            if n is None:
                continue
            if (
                rx in (_PASSIVE, _SINGLE)  # ("A man stabbed six people": the attacker, not one hurt)
                and not _PASSIVE_AUX.search(s, m.start(), m.end())
                and _OBJECT.match(s, m.end())
            ):
                continue
            # "The two injured commandos were airlifted to Raipur": the definite article points back
            # to casualties counted already; told as narrative, it is no report of its own (told by
            # a source, "The two wounded … were in stable condition, he said", it is that source's).
            if (
                rx is _PASSIVE
                # ("The two women died at the scene" too, though not "the two civilians who died")
                and (not groups.get("group") or (groups.get("k") and " who " not in m.group(0)))
                and _THE_BEFORE.search(s, max(0, m.start() - _BACK), m.start())
                and not _PASSIVE_AUX.search(s, m.start(), m.end())
                and not _ATTRIBUTED.search(s)
            ):
                continue
            if (
                rx is _PASSIVE
                and groups.get("i")
                and _HOSPITALIZED.search(m.group("i"))
                # ("seven people remained hospitalized" after "seven wounded": the same people)
                and (
                    n <= _injured_before(text, start)
                    if "remain" in m.group("i")
                    else n < _injured_before(text, start)
                )
            ):
                continue
            # "Toll climbs to eight as three wounded die": the wounded who died are the
            # reason a toll rose, not a count of injured.
            if rx is _PASSIVE and groups.get("i") and _DIE_AFTER.match(s, m.end()):
                continue
            # "Among the three people who were slightly hurt was a girl": some of a count given already.
            if rx is _PASSIVE and _AMONG_THE_BEFORE.search(s, max(0, m.start() - _BACK), m.start()):
                continue
            # "No one was hurt" is no casualty figure of one.
            if _NO_BEFORE.search(s, max(0, m.start() - _BACK), m.start()):
                continue
            # "photographs showing at least nine bodies in military uniform": what a picture shows.
            if _DEPICTED_BEFORE.search(s, max(0, m.start() - _BACK), m.start()):
                continue
            # "he carried two wounded boys out of the mosque": a witness's story, not a count.
            if (
                rx is _PASSIVE
                and not _PASSIVE_AUX.search(s, m.start(), m.end())
                and _CARRIED_BEFORE.search(s, max(0, m.start() - _BACK), m.start())
            ):
                continue
            # "The toll rose to four after a policeman died of his wounds": the one death is what
            # raised the toll, not a report of its own.
            if rx in (_SINGLE, _APPOSED_ONE) and groups.get("k") and toll_found:
                continue
            # "Two more injured persons have succumbed …, taking the death toll to 16": the deaths that
            # raised the toll told beside it.
            if (
                rx is _PASSIVE
                and groups.get("k")
                and toll_found
                and re.match(r"\s+more\b", s[m.end("num") :])
            ):
                continue
            # "It rose to five after two wounded men died": the deaths that raised it.
            if (
                rx is _PASSIVE
                and groups.get("k")
                and _AFTER_BEFORE.search(s, max(0, m.start() - _BACK), m.start())
                and (toll_found or re.search(r"\b(?:wounded|injured)\b", m.group(0), re.I))
            ):
                continue
            # "a guard wounded in the raid died on Friday", "a guard was wounded and later died":
            # one death, not one injured.
            if rx is _SINGLE and groups.get("i") and groups["i"].lower() != "stabbed":
                # ("a young man who was wounded in the attack had died": one death)
                relative = " who " in m.group(0).lower()
                aux = _PASSIVE_AUX.search(s, m.start(), m.end())
                later = _LATER_DIED if aux and not relative else _PARTICIPLE_DIED
                if later.match(s, m.end()):
                    continue
            # "A 72-year-old woman died at the scene and a 58-year-old man died in hospital": each of
            # two dead told apart, most often the victims of a toll given already; neither is a count.
            if rx is _SINGLE and groups.get("k") and _ANOTHER_ONE_DIED.match(s, m.end()):
                continue
            if rx is _SINGLE:
                # "An officer was struck in the leg": an officer's wound is a report of its own; "a
                # woman who was hit in the chest" is most often the story of a victim counted already.
                if (groups.get("i") or "").lower().startswith(("struck", "hit", "shot")) and _group(
                    m.group("group")
                ) not in (G.security_forces, G.military):
                    continue
                back = max(0, m.start() - _BACK)
                # "at least one man was killed" has a qualifier the pattern for one cannot keep.
                if m.group("one").lower() == "one" and _QUAL_BEFORE.search(s, back, m.start()):
                    continue
                # "Two of the five injured, including a police officer who was stabbed": an armed
                # side's part of a count is a report of its own; "including a child" is a detail.
                if _INCLUDING_BEFORE.search(s, back, m.start()) and _group(m.group("group")) in (
                    G.all,
                    G.civilians,
                ):
                    continue
            # "The three soldiers who died at the scene were identified as …": the dead of a count
            # given already, named.
            if " who " in m.group(0).lower() and _THE_BEFORE.search(s, max(0, m.start() - 5), m.start()):
                continue
            # "keeping vigil for an old man who had died on Friday": a death before, no casualty.
            if rx is _SINGLE and _WHO_HAD_DIED.search(m.group(0)):
                continue
            group_word = groups.get("group")
            # "the village buried nine people": only a count of people ("buried 14 of its dead" is
            # read as bodies; a bare "buried 14" may be anything).
            if rx is _ACTIVE and (groups.get("k") or "").lower() == "buried" and not group_word:
                continue
            # A bare four-digit number before "killed" is a year ("in 2014 killed"), not a count.
            if not group_word and 1900 <= n <= 2100 and "," not in (groups.get("num") or ","):
                continue
            qual = _QUALIFIERS.get((groups.get("qual") or "").lower(), Qualifier.exact)
            injured = bool(groups.get("i") or groups.get("i2") or groups.get("i3"))
            if (
                rx is _PASSIVE
                and not group_word
                and (groups.get("i") or (groups.get("k") or "").lower() == "dead")
                and not _PASSIVE_AUX.search(s, m.start(), m.end())
            ):
                noun = _NOUN_AFTER.match(s, m.end())
                if noun:
                    group_word = noun.group("group")
            group, end = _group(group_word), m.end()
            # ("killing 11 civilians and wounding 20 others": the others' group is the first count's)
            named = bool(group_word) and str(group_word).lower() != "others"
            # "Nine people died … Four other residents were wounded": "other" goes on from the count
            # before, whose group it keeps ("seven other people" are everyone, named so).
            if (
                named
                and group is not G.all
                and _OTHER_BEFORE.search(s, max(0, m.start("group") - 30), m.start("group"))
            ):
                named = False
            of_them = _OF_THEM.match(s, m.end()) if rx is _ACTIVE and not group_word else None
            if of_them:
                ante = _ANTECEDENT.search(s, max(0, m.start() - 120), m.start())
                if (
                    ante
                    and not _ANOTHER_NOUN.search(ante.group("between"))
                    and _group(ante.group("group")) is not G.all
                ):
                    group, end, named = _group(ante.group("group")), of_them.end(), True
                elif ante is None and s.lstrip()[:1] in '"“':
                    # '"Our men fought back and killed two of them"': in a quotation, some of people
                    # the speaker told of before, most often a count the story gave already.
                    continue
            if groups.get("men"):
                armed = _ARMED_GROUP.fullmatch(m.group("who") or "")
                group, named = (G.combatants if armed else G.military), True
            if group_word and group_word.lower() in ("members", "personnel"):
                if groups.get("unit"):
                    group = _unit(s, m.end("group"), group)[0]
                elif m.end("group") == m.end():
                    group, end = _unit(s, end, group)
            if group_word and group_word.lower() in _CONTEXT_WORDS and group is G.all:
                side = _side(s, m.start("group"))
                group, named = (side, True) if side is not None else (G.all, False)
            more = _AND_MORE_DIED.match(s, end) if rx is _PASSIVE and groups.get("k") else None
            if (
                more
                and (
                    extra := 1
                    if more.group("more2") == "another"
                    else parse_number(more.group("more") or more.group("more2"))
                )
                is not None
            ):
                n, end = n + extra, more.end()
            _take(taken, m.start(), end)
            toll_found = toll_found or rx in (_TOLL, _RISEN, _BRINGING, _NTH_DEATH)
            # ("received the bodies of six men and seven wounded": both halves)
            also_injured = parse_number(groups["inum"]) if groups.get("inum") else None
            raw.append(
                Figure(
                    None if injured else n,
                    n if injured else also_injured,
                    group,
                    qual,
                    start + m.start(),
                    start + end,
                    group_named=named,
                    among=rx in (_DEAD_INCLUDED, _AMONG_DEAD) and group in (G.civilians, G.all),
                )
            )
            sub = groups.get("sub_num")
            sub_n = parse_number(sub) if sub else None
            sub_group = _group(groups.get("sub_group"))
            sub_span = (m.start("sub_num"), m.end("sub_group")) if sub else (0, 0)
            # "30 people, six of them soldiers, were injured" is read as "including six soldiers".
            of = "of" if groups.get("of_num") else "inc"
            inc = groups.get(f"{of}_num")
            if inc and not groups.get("inc_and"):
                # "six people, including two police personnel, were injured": the armed side's part
                # of the count is a report of its own; "including nine children" is a breakdown.
                inc_word = groups.get(f"{of}_group") or ""
                inc_group = _group(inc_word)
                if inc_word.lower() in _CONTEXT_WORDS and inc_group is G.all:
                    inc_group = _side(s, m.start(f"{of}_group")) or G.all
                if inc_group not in (G.all, G.civilians, group):
                    sub_n = 1 if inc.lower() in ("a", "an") else parse_number(inc)
                    sub_group, sub_span = inc_group, (m.start(f"{of}_num"), m.end(f"{of}_group"))
            # ("at least 21 people, among them nine children, were killed": a breakdown, no report)
            civilian_part = bool(sub) and sub_group in (G.civilians, G.all) and group in (G.civilians, G.all)
            if sub_n is not None and sub_n < n and not civilian_part:
                # "Thirty-two people, among them nine police officers, were treated for injuries"
                raw.append(
                    Figure(
                        None if injured else sub_n,
                        sub_n if injured else None,
                        sub_group,
                        Qualifier.exact,
                        start + sub_span[0],
                        start + sub_span[1],
                    )
                )
    for f in list(raw):
        one_more = (
            _AND_ONE_MORE.match(s, f.end - start) if f.injured is None and f.killed_min is None else None
        )
        if one_more is None or not _span_free(taken, one_more.start(), one_more.end()):
            continue
        who = one_more.group("g1") or one_more.group("g2") or one_more.group("g3")
        # "an ambulance driver" is a health worker; "a local driver" is a driver.
        group = f.group if not who else _group(who) if _group(who) is not G.all else _group(who.split()[-1])
        _take(taken, one_more.start(), one_more.end())
        raw.append(
            Figure(
                None,
                1,
                group,
                Qualifier.exact,
                start + one_more.start(),
                start + one_more.end(),
                group_named=bool(who),
            )
        )
    # "the village buried nine people on Friday, but the number had risen to 12": the count
    # just before is replaced by the later one (the same kind and group).
    for rose in _NUMBER_ROSE.finditer(s):
        n = parse_number(rose.group("num"))
        before = [i for i, f in enumerate(raw) if f.end - start <= rose.start()]
        if n is None or not before or not _span_free(taken, rose.start(), rose.end()):
            continue
        i = max(before, key=lambda i: raw[i].end)
        f = raw[i]
        if (f.killed is None) == (f.injured is None) or f.killed_min is not None or f.injured_min is not None:
            continue
        _take(taken, rose.start(), rose.end())
        raw[i] = replace(
            f,
            killed=n if f.killed is not None else None,
            injured=n if f.injured is not None else None,
            qualifier=_QUALIFIERS.get((rose.group("qual") or "").lower(), Qualifier.exact),
            end=start + rose.end(),
        )
    if not raw:
        ours = NONE_OUR_SIDE.search(s)
        if ours:
            # Of the speaker's own side, which the pipeline names from who speaks (or drops).
            return [Figure(0, 0, G.all, Qualifier.none_reported, start + ours.start(), start + ours.end())]
        ng = _NONE_GROUP.search(s)
        if ng:
            group = (
                G.civilians
                if ng.group("public")
                else _group(
                    ng.group("group")
                    or ng.group("all_group")
                    or ng.group("among_group")
                    or ng.group("from_group")
                )
            )
            return [Figure(0, 0, group, Qualifier.none_reported, start + ng.start(), start + ng.end())]
        none = _NONE.search(s)
        if none and _NO_DEATHS.fullmatch(none.group(0)):
            # "No one was killed": the dead only; the pipeline joins it to the wounded counted apart
            # ("Three people were injured"), or, with none counted, reads it as no casualties.
            return [Figure(0, None, G.all, Qualifier.exact, start + none.start(), start + none.end())]
        if none:
            return [Figure(0, 0, G.all, Qualifier.none_reported, start + none.start(), start + none.end())]
        return []
    raw.sort(key=lambda f: f.start)
    for i, f in enumerate(raw):
        dash = _DASH_APPOSITION.match(s, f.end - start)
        if dash and f.group is G.all and (f.killed is None) != (f.injured is None):
            raw[i] = replace(_apposed(f, dash, start), end=f.end)
    merged: list[Figure] = []
    for f in raw:
        at = len(merged) - 1
        # "At least ten people, including four soldiers, were killed and 25 others injured":
        # the part named inside a count is no partner for the next count; the whole count is.
        if at >= 1 and merged[at - 1].start <= merged[at].start and merged[at].end <= merged[at - 1].end:
            at -= 1
        prev = merged[at] if merged else None
        if (
            prev is not None
            and prev.killed_min is None
            and f.killed_min is None
            and prev.injured_min is None
            and f.injured_min is None
            and (prev.killed is None) != (f.killed is None)
            and (prev.injured is None) != (f.injured is None)
            # "killing three civilians and wounding nine": the second count's group is the first's.
            and (
                prev.group is f.group
                or not f.group_named
                # "A woman has died and seven people were injured": one figure, of everyone (not
                # "three protesters had been killed and 64 people injured": a count of each).
                or (prev.group is G.civilians and f.group is G.all and 1 in (prev.killed, prev.injured))
            )
            and (Qualifier.exact in (prev.qualifier, f.qualifier) or prev.qualifier is f.qualifier)
        ):
            # One qualifier per report: "killing 27 and wounding at least 60" is at least.
            merged[at] = replace(
                prev,
                group=G.all if f.group_named and f.group is G.all else prev.group,
                killed=prev.killed if prev.killed is not None else f.killed,
                injured=prev.injured if prev.injured is not None else f.injured,
                qualifier=f.qualifier if prev.qualifier is Qualifier.exact else prev.qualifier,
                end=max(prev.end, f.end),
            )
        else:
            merged.append(f)
    for i, f in enumerate(merged):
        whole = _ALL_OF_THEM.match(s, f.end - start)
        if whole and f.group is G.all:
            merged[i] = replace(f, group=_group(whole.group("group")), end=start + whole.end())
            continue
        app = _APPOSITION.match(s, f.end - start)
        if app and f.group is G.all and (f.killed is None) != (f.injured is None):
            merged[i] = _apposed(f, app, start)
    subs: list[Figure] = []
    for i, f in enumerate(merged):
        after = _AMONG_AFTER.match(s, f.end - start)
        nxt = merged[i + 1].start - start if i + 1 < len(merged) else len(s)
        if after is None or after.end() > nxt:
            continue
        both = f.killed is not None and f.injured is not None
        if both and not after.group("num3"):
            continue
        # Of two halves, a detail after the figure is of the one told last.
        injured = f.killed is None or (both and _ENDS_INJURED.search(s, 0, f.end - start) is not None)
        total = f.injured if injured else f.killed
        which = "num" if after.group("num") else "num2" if after.group("num2") else "num3"
        n = parse_number(after.group(which))
        group = _group(after.group(which.replace("num", "group")))
        # "…, five of them soldiers" is an armed side's part, a report of its own; "40 people …,
        # 12 of them children" is only a breakdown of the count (and so is "among them eight children").
        if group is G.civilians and (which != "num" or _DEMOGRAPHIC.fullmatch(after.group("group"))):
            continue
        if total is not None and n is not None and n < total and group not in (G.all, f.group):
            subs.append(
                Figure(
                    None if injured else n,
                    n if injured else None,
                    group,
                    Qualifier.exact,
                    start + after.start(which),
                    start + after.end(),
                )
            )
    if subs:
        merged = sorted(merged + subs, key=lambda f: f.start)
    # "two officers had been wounded and that no civilians were hurt": nobody of another group.
    ng = _NONE_GROUP.search(s)
    if ng and ng.group("group") and _group(ng.group("group")) not in {f.group for f in merged} | {G.all}:
        none_group = Figure(
            0, 0, _group(ng.group("group")), Qualifier.none_reported, start + ng.start(), start + ng.end()
        )
        merged = sorted([*merged, none_group], key=lambda f: f.start)
    if so_far:
        merged = [
            replace(f, qualifier=Qualifier.at_least)
            if f.qualifier is Qualifier.exact and f.killed_min is None and f.injured_min is None
            else f
            for f in merged
        ]
    # "The enemy left 23 bodies on the ground": the attackers' own dead.
    return [
        replace(f, group=G.perpetrators)
        if f.group is G.all and f.injured is None and _ATTACKERS_LEFT.search(s, 0, f.start - start)
        else f
        for f in merged
    ]
