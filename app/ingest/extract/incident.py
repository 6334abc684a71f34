"""The event: its ACLED type, when (with the precision the wording deserves) and where."""

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from functools import cache

from app.ingest.extract.actors import HEADS
from app.ingest.extract.casualties import _OTHER_PERIOD
from app.ingest.extract.gazetteer import DEMONYMS, Place, gazetteer
from app.ingest.extract.roles import claim_status
from app.vocab import ClaimStatus, EventType, SubEventType, TimePrecision, time_zone

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
            r"\b(?:air ?strikes?|airstrikes?|drone (?:strikes?|attacks?)|air raids?|warplanes?|fighter jets?|aerial bombardment|"
            r"drones? (?:struck|strikes|hit|hits|slammed|crashed) (?:into )?(?:an?|the|their|his|her)\b|"
            # "a Russian drone hits a city bus", "struck a bus with an FPV drone", "an Israeli strike on
            # a car": a drone or an aircraft, by how the strike is told.
            r"drones? (?:struck|strikes|hit|hits|targeted|attacked)\b|with (?:an? )?(?:[A-Z]{2,5} |kamikaze |attack )?drones?\b|"
            r"(?:Israeli|Turkish|U\.S\.|US|American|coalition|Saudi-led) (?:air |drone )?strikes?|"
            r"strikes? on (?:an?|the|their) (?:car|vehicle|motorcycle|motorbike|pickup|truck)\b|"
            # "a regime aircraft bombed a school"
            r"(?:aircraft|jets?|warplanes?|helicopters?|gunships?) (?:bombed|struck|hit|attacked|dropped)\b)",
            re.I,
        ),
        E.explosions_remote_violence,
        S.air_drone_strike,
    ),
    (
        re.compile(
            # ("Shells slammed into a neighbourhood", "a shell landed on": never the oil company)
            # (not the "rocket-propelled grenade launchers" that attackers carried)
            r"\b(?:rockets?(?!-propelled)|missiles?|mortars?|shelling|shelled|artillery|projectiles?|"
            r"shells|an? shell (?:hit|landed|struck|exploded|fell|slammed))\b",
            re.I,
        ),
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
            # ("exchanged fire"; "shot dead in Meerut encounter": a police shoot-out in India's press)
            r"\b(?:clash(?:es|ed)?|firefights?|gun ?fights?|gun ?battles?|exchange of fire|heavy fighting|fought|shoot-?outs?|"
            r"(?:exchanged|exchanging|traded|trading) (?:gun)?fire|(?:in an?|[A-Z]\w+) encounter|"
            # "a fight between rival gangs at a prison farm"
            r"(?:gang )?fights? between (?:rival |two )?(?:gangs|factions|armed groups))\b",
            re.I,
        ),
        E.battles,
        S.armed_clash,
    ),
    # "riot police", "a national reserve of riot officers": the police's name, not a riot
    (
        re.compile(
            r"\b(?:riot(?!\s+(?:police|officers?|squads?|gear|shields?|control|units?)\b)(?:s|ers|ing|ed)?|looted|looting|mob|"
            # "serious disorder outside a hotel" (British police's word; not the charge, "on suspicion
            # of violent disorder")
            r"(?<!\bof )(?<!\bwith )(?:violent|serious|public|widespread)\s+disorder|disorder\s+(?:outside|at)\b)\b",
            re.I,
        ),
        E.riots,
        S.violent_demonstration,
    ),
    (
        re.compile(
            r"\b(?:protest(?:s|ers|ed|ing)?|demonstrat(?:ion|ions|ors|ed)|rall(?:y|ies|ied)|marched|sit-ins?)\b",
            re.I,
        ),
        E.protests,
        S.peaceful_protest,
    ),
    (
        re.compile(r"\b(?:kidnap\w*|abduct\w*)\b", re.I),
        E.violence_against_civilians,
        S.abduction_forced_disappearance,
    ),
    (
        re.compile(
            r"\b(?:gunm[ae]n|gunfire|shooting|shooter|shot dead|massacre\w*|executed|stabb\w+|stab (?:wounds?|injur\w+)|murder (?:inquiry|investigation)|knife attacks?|knifeman|"
            # "opened fire inside a church", "opened fire with a rifle at a bus stop", "a school
            # shooting": one shooter's attack (fire at troops is turned into a clash below).
            r"opened fire (?:with [^.;,]{1,40}? )?(?:on|inside|at)\b|(?:school|mass) shootings?|"
            # "walked back in … and opened fire, killing three", "police fatally shoot man"
            r"opened fire(?=\s*[,.;])|shot and killed|shot to death|fatally (?:shot|shoots?|shooting|stabbed)|"
            # "arrested for firing at a shop", "fired shots at a bus": shooting at a target.
            r"(?:fir(?:ed|ing)|shooting)\s+(?:(?:several|three|\d+|a few)\s+)?(?:shots\s+|rounds\s+|bullets\s+)?at|"
            r"vehicle[- ]ramming|ramming attack|car[- ]ramming|"
            # "a car drove into pedestrians", "a van ploughed into a crowd"
            r"(?:drove|drives|driven|ploughed|plowed|ploughs|plows|rammed|slammed|crashed)\s+"
            r"(?:(?:deliberately|an?|the|his|her|rented|white|delivery|car|van|truck|lorry)\s+){0,4}into\s+"
            # ("a car drove into spectators", "ploughs into carnival crowd")
            r"(?:a\s+|the\s+)?(?:[\w'’-]+\s+){0,2}?(?:crowds?|pedestrians|people|shoppers|worshippers|protesters|"
            r"marchers|revellers|spectators|onlookers|bystanders|paradegoers|fans))\b",
            re.I,
        ),
        E.violence_against_civilians,
        S.attack,
    ),
    (
        re.compile(r"\b(?:explosions?|blasts?|bombings?|bombs?)\b", re.I),
        E.explosions_remote_violence,
        S.remote_explosive_landmine_ied,
    ),
    # "A fire set deliberately gutted the mosque": arson with no one hurt destroys property (with
    # deaths it is an attack, below).
    (
        re.compile(
            r"\b(?:arson|arsonists?|set (?:on )?fire|set\s+(?:[\w-]+\s+){1,4}?(?:on\s+)?(?:fire|ablaze|alight)|"
            r"torched|firebomb(?:s|ed|ing)?|petrol bombs?|molotov cocktails?|deliberately (?:set|lit|started)|"
            r"(?:poured|doused|sprayed)\s+(?:[\w-]+\s+){0,3}?(?:with\s+)?(?:petrol|gasoline|fuel|kerosene|paraffin))\b",
            re.I,
        ),
        E.strategic_developments,
        S.looting_property_destruction,
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
    r"\b(?:threw|hurled|hurling|throwing|pelting|pelted) (?:stones|rocks|bricks|molotov|petrol bombs)|\bset fire\b|\btorched\b|"
    r"\b(?:stone|rock)[- ](?:throwing|pelting)\b|\b(?:running|pitched) (?:street )?battles\b|"
    # "protesters storm police office": a crowd that breaks into a building
    r"\b(?:protesters|demonstrators|crowds?|mobs?|rioters)\b[^.;]{0,40}?\bstorm(?:ed|ing|s)?\b|"
    # "Eleven officers hurt in disorder", "injuring four police officers": the crowd fought the police.
    r"\b(?:police\s+)?(?:officers|policemen)\s+(?:were\s+)?(?:hurt|injured|wounded)\b|"
    r"\binjur(?:ed|ing)\s+(?:\w+\s+)?(?:police\s+)?(?:officers|policemen)\b|"
    r"\b(?:violent|public|serious|widespread)\s+disorder\b|\bdisorder\s+(?:outside|in|at)\b|"
    r"\b(?:protesters|demonstrators|residents|youths)\s+(?:\w+\s+){0,3}?clash(?:ed|es)?\s+with\s+(?:the\s+)?police\b|"
    r"\bpolice\s+and\s+(?:protesters|demonstrators|residents|youths)\s+clash(?:ed|es)?\b",
    re.I,
)
_BLAST = re.compile(r"\b(?:bombs?|bombing|blasts?|explosions?|exploded|explosive)\b", re.I)
_COMMUNAL = re.compile(
    r"\b(?:villagers|supporters|residents|locals|factions|rival groups|two groups|communal|communities|clans|"
    r"tribes|tribesmen|party (?:workers|activists)|worshippers|procession|devotees)\b",
    re.I,
)
_DEMONSTRATION = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ion|ions|ors|ed)|marchers|march(?:ed)?|rall(?:y|ies|ied)|strikers|sit-ins?)\b",
    re.I,
)
# A crowd met with crowd-control weapons is a demonstration, whatever the weapon words
# ("fired tear gas and sound grenades at stone-throwing students" is no grenade attack).
_CROWD = re.compile(
    r"\b(?:protest\w*|demonstrat(?:ion|ions|ors)|students|marchers|march|rioters|crowds?|mobs?|rall(?:y|ies))\b",
    re.I,
)
_CROWD_CONTROL = re.compile(
    r"\b(?:tear ?gas|water cannons?|rubber bullets|batons?|baton[- ]charged?|(?:sound|stun) grenades?|"
    r"dispers(?:e|ed|ing)|(?:stone|rock)[- ](?:throwing|pelting))\b",
    re.I,
)
# "a battle", "the fighting": a battle when armed parties are in the sentence ("a legal battle",
# "fighting inflation" are not).
_BATTLE = re.compile(r"\b(?:battles?|encounters?|(?:the|heavy|fierce|intense|renewed) fighting)\b", re.I)
_ARMED = re.compile(
    r"\b(?:troops|soldiers|army|militants?|insurgents?|rebels?|separatists?|fighters|militias?|militiamen|jihadists?|"
    r"gunmen|armed forces|armed groups?|security forces|jawans?|maoists?|naxals?|naxalites?|cadres|terrorists?)\b",
    re.I,
)
# "the attack carried out by armed men on the displacement site": armed attackers and people who
# cannot fight back, where no weapon word names another type.
_ASSAILANTS = re.compile(
    r"\b(?:armed men|assailants|attackers|bandits|militiamen|machetes?|rebels|militants|jihadists|insurgents|fighters|"
    # "gang members stormed the village, shooting residents"
    r"gang members|gangsters|armed gangs?|terrorists)\b",
    re.I,
)
_DEFENCELESS = re.compile(
    r"\b(?:civilians?|villagers?|residents|displaced|displacement (?:site|camp)|camp|worshippers|farmers|"
    # "bandits kill 23 in Niger community"
    r"(?:farming )?communit(?:y|ies)|settlements?|hamlets?|"
    r"passengers|labou?rers|workers|pupils|students|patients|market|village|church|mosque|hospital|clinic|school|"
    r"herders|herdsmen|pastoralists)\b",
    re.I,
)
_FORCES_RAID = re.compile(
    r"\b(?:forces|troops|soldiers|army|police|security personnel)\b[^.;]{0,120}?\b(?:killed|kill|shot dead)\b"
    r"[^.;]{0,120}?\braids?\b|"
    r"\b(?:military|army|police|security) (?:raids?|operations?)\b[^.;]{0,120}?\b(?:killed|killing|kills|shot dead|"
    r"(?:left|leaves|leaving)\s+(?:at least\s+|more than\s+)?\w+\s+(?:people\s+)?dead)\b",
    re.I,
)
_ATTACKERS = re.compile(
    r"\b(?:jihadists?|militants?|insurgents?|rebels?|separatists?|gunmen|assailants|attackers|fighters|terrorists?|"
    r"maoists?|naxals?|naxalites?)\b[^.;]{0,80}?"
    r"\b(?:attack(?:ed|s)?|stormed|raided|ambushed|killed|overran)\b",
    re.I,
)
_MILITARY_TARGET = re.compile(
    r"\b(?:army|military|police|security) (?:post|base|camp|outpost|position|checkpoint|convoy|patrol)s?\b|"
    # "attacked the advanced post of the Defence Forces at Kangaleri"
    r"\b(?:advanced|forward) (?:post|base|position)s?\b|\bposts? of the (?:[A-Z][\w-]+ )?(?:Defen[cs]e|Armed|Security) Forces\b|"
    r"\b(?:soldiers|troops|jawans)\b",
    re.I,
)
_AMBUSH = re.compile(r"\bambush(?:es|ed|ing)?\b", re.I)
# "accused Armenian forces of killing one of its soldiers": one side's forces shooting the other's.
_FORCES_KILL_SOLDIERS = re.compile(
    r"\b(?:forces|troops|army|soldiers)\b[^.;]{0,60}?\bkill(?:ed|ing|s)?\s+(?:[\w-]+\s+){0,4}?(?:soldiers?|servicem[ae]n)\b",
    re.I,
)
# "the neighbouring army opened fire on our army positions": shooting at the other side's forces
# is an armed clash, not violence against civilians.
_FIRE_AT_FORCES = re.compile(
    r"\b(?:opened fire|fired|firing|shooting|shot)\s+(?:[\w-]+\s+){0,4}?(?:on|at|towards?|in the direction of)\s+"
    r"(?:the\s+|an?\s+|their\s+|its\s+)?(?:[\w'’-]+\s+){0,2}?(?:positions?|troops|soldiers|servicem[ae]n|army|military|"
    r"checkpoints?|outposts?|(?:army|military|police) (?:posts?|bases?|camps?|patrols?|convoys?|stations?)|"
    r"patrols?|convoys?|border guards?|police officers|officers|deputies|troopers|policemen|"
    # "troops fired at suspected militants": at armed men, a clash too.
    r"militants?|insurgents?|rebels?|gunmen|fighters|jihadists?|attackers|assailants|bandits)\b",
    re.I,
)
_HURT = re.compile(r"\b(?:injur\w*|wound\w*|burns?|burned to death|hurt)\b", re.I)
# ACLED codes an abduction during which people are killed as an attack.
# "starting a fire in which a 71-year-old neighbour died": an arson with a death is an attack.
_DIED = re.compile(r"\b(?:died|dies|dead|death|manslaughter|murder)\b", re.I)
_KILLING = re.compile(r"\b(?:kill(?:s|ed|ing)?|shot dead|massacred|executed|bodies)\b", re.I)


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
        crowd = (
            [(_CROWD, E.protests, S.peaceful_protest)]
            if _CROWD.search(s) and _CROWD_CONTROL.search(s)
            else []
        )
        for rx, etype, sub in [*crowd, *EVENT_RULES]:
            if rx.search(s):
                if etype is E.battles and _CROWD.search(s):
                    # "clashes between protesters and police": ACLED's battles are between armed
                    # groups; a crowd fighting the police is a demonstration (a riot, below).
                    etype, sub = E.protests, S.peaceful_protest
                if sub is S.abduction_forced_disappearance and _KILLING.search(s):
                    sub = S.attack
                if sub is S.looting_property_destruction and (
                    _KILLING.search(whole) or _HURT.search(s) or _DIED.search(s)
                ):
                    etype, sub = E.violence_against_civilians, S.attack
                if sub is S.attack and (_FIRE_AT_FORCES.search(s) or _FORCES_KILL_SOLDIERS.search(s)):
                    etype, sub = E.battles, S.armed_clash
                if etype is E.protests and _BLAST.search(s):
                    # "a bomb went off at an election rally": the explosion, not the rally
                    etype, sub = E.explosions_remote_violence, S.remote_explosive_landmine_ied
                if etype is E.protests:
                    if _PROTEST_VIOLENT.search(whole):
                        etype, sub = E.riots, S.violent_demonstration
                    elif _PROTEST_EXCESSIVE.search(whole):
                        sub = S.excessive_force_against_protesters
                    elif _PROTEST_INTERVENTION.search(whole):
                        sub = S.protest_with_intervention
                if (
                    etype is E.battles
                    and not _ARMED.search(s)
                    # ("Bhadrak Clashes: 2 Dead" over "clashes between two communities broke out")
                    and (_COMMUNAL.search(s) or (_COMMUNAL.search(whole) and not _ARMED.search(whole)))
                ):
                    # "villagers clash over supremacy", "supporters of two leaders locked in a clash":
                    # unorganised sides fighting with sticks and machetes are a mob, not a battle.
                    etype, sub = E.riots, S.mob_violence
                if sub is S.violent_demonstration and not _DEMONSTRATION.search(whole):
                    # "a prison riot", "a mob lynched him": a riot with no demonstration behind it.
                    sub = S.mob_violence
                return EventKind(etype, sub, start, end)
        if _BATTLE.search(s) and _ARMED.search(s):
            return EventKind(E.battles, S.armed_clash, start, end)
        if _ATTACKERS.search(s) and _MILITARY_TARGET.search(s):
            # "Jihadists killed 11 soldiers in an attack on an army post": armed groups fighting
            # the state's forces are a battle in ACLED's terms.
            return EventKind(E.battles, S.armed_clash, start, end)
        if _AMBUSH.search(s):
            # "Four soldiers killed in rebel ambush": an ambush of the state's forces is a battle in
            # ACLED's terms; of a bus or an aid convoy, an attack on civilians.
            if _MILITARY_TARGET.search(s):
                return EventKind(E.battles, S.armed_clash, start, end)
            return EventKind(E.violence_against_civilians, S.attack, start, end)
        if _ASSAILANTS.search(s) and _DEFENCELESS.search(s):
            return EventKind(E.violence_against_civilians, S.attack, start, end)
        if _FORCES_RAID.search(s):
            # "Israeli forces have killed four Palestinians during an overnight raid on Nablus": a raid
            # by the state's forces with deaths is, in ACLED's terms, most often an armed clash.
            return EventKind(E.battles, S.armed_clash, start, end)
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
# ("ABUJA, Nigeria, Sept 3", and "Cuenca (Ecuador), Aug 18 (EFE).-")
_DATELINE_PLACE = re.compile(
    r"\s*(?:[A-Z][A-Z .'’-]{2,40}(?:,\s*[A-Z][\w .'’-]{1,40})?|[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}\s*\([A-Z][^()]{1,30}\)),\s*"
)
# "Kinshasa, 13 March 2025 – The …": a place, its date, then a dash: a dateline in any case.
# ("Kinshasa/Bunia, 4 February 2026 –": two towns)
_TITLE_DATELINE = re.compile(
    r"\s*(?!(?:On|In|At|By|Since|Until|From|Late|Early)\b)[A-Z][\w'’./-]*(?:\s+[A-Z][\w'’./-]*){0,3},\s*"
)
_DASH_AFTER = re.compile(r"\s*(?:\([^)]{1,40}\)\s*)?[–—-]")
# "said on Tuesday", and in AP style "the mayor said Monday".
# ("said in a statement on Saturday", "said at a news conference early Sunday")
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told\s+\S+(?:\s+\S+)?|announced|reported|added|confirmed|stated)\s+"
    r"(?:(?:in|at|during)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:statement|post|interview|briefing|news conference|press conference)\s+"
    r"(?:(?:issued|posted|published|released)\s+)?)?"
    r"(?:late\s+|early\s+|in the (?:early|small) hours of\s+)?(?:on\s+)?"
    r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?$"
)
# "a statement … read out on the evening news of state broadcaster RTB on Friday": the broadcast's day.
_READ_OUT_BEFORE = re.compile(
    r"\b(?:read|read out|broadcast|aired|televised)\s+(?:on|by)\s+[^.;]{0,60}?\s(?:late\s+|early\s+)?(?:on\s+)?$"
)
# "UPDATED January 17, 2026, 2:30 p.m.: The driver has been identified": the update's day.
_UPDATE_LABEL = re.compile(r"\W*(?:UPDATE|Update)\b\s*(?:\([^()]{1,40}\)|[\d:,. ]{0,20})\s*[:–—-]")
# ("Updated: 23 January", "UPDATE (23 January 2026, 14:10): …")
_UPDATE_STAMP_BEFORE = re.compile(r"^\W*(?:updated?|posted|published)\b[\s:–—(-]*$", re.I)
# "The death toll … rose to five on Friday": the day of the update, not of the event.
_TOLL_ROSE_BEFORE = re.compile(
    r"\b(?:rose|rises|risen|climbed|climbs|increased|jumped)\s+to\s+\S+(?:\s+\S+)?\s+(?:late\s+|early\s+)?(?:on\s+)?$",
    re.I,
)
# "Police on Friday arrested three …", "were remanded on Monday": a later step of the story.
_LATER_STEP_AFTER = re.compile(
    r"(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:arrested|detained|charged|remanded|sentenced|buried)\b"
)
_LATER_STEP_BEFORE = re.compile(
    r"\b(?:arrested|detained|charged|remanded|sentenced|buried)\s+(?:[\w-]+\s+){0,3}?(?:late\s+|early\s+)?(?:on\s+)?$"
)
# "the two sides are due to sign a deal on Tuesday", "the funeral will be held on Friday": a planned step,
# not the event (the weekday would be counted back to the past week).
# "killed in Israeli attacks since October 7, 2023": the start of a period a running toll counts from.
# ("since Sunday"; "No arrests had been made as of Sunday afternoon": a state of things by then)
_SINCE_BEFORE = re.compile(r"\b(?:since|as\s+of)\s+$", re.I)
_PLANNED_BEFORE = re.compile(
    r"\b(?:(?:is|are|was|were)\s+due\s+to|will|(?:is|are)\s+(?:scheduled|expected|set)\s+to)\s+"
    r"[^.;,:]{0,60}?\bon\s+$",
    re.I,
)
# "(0100 GMT on Friday)": the same moment in another zone, whose date may be the next day.
_OTHER_ZONE = re.compile(r"\([^()]{0,40}\b(?:GMT|UTC)\b[^()]{0,40}\)")
# "The bombing came a week after a raid … on May 4": a date after this is another event's.
_ANOTHER_EVENT = re.compile(
    r"\b(?:a|an|one|two|three|four|few|several|\d+)\s+(?:days?|weeks?|months?|years?)\s+(?:after|before|earlier)\b",
    re.I,
)
# "the victims were buried on Friday morning": the burial's day
# (unless the sentence also tells of the violence, "an attack on a funeral on Sunday").
_AFTERMATH = re.compile(r"\b(?:buried|burials?|funerals?|graves?|mourn\w*|laid to rest)\b", re.I)
_VIOLENCE = re.compile(
    r"\b(?:attack\w*|kill\w*|shot|shoot\w*|explo\w+|blast|bomb\w*|struck|raid\w*|stormed|fire[sd]?)\b", re.I
)
_RELATIVE = re.compile(r"\b(?P<rel>yesterday|last night|today|this morning|earlier today|tonight)\b", re.I)
_TIME = re.compile(
    r"\b(?:at\s+)?(?P<hedge>around|about|approximately|roughly|shortly after|shortly before|just after|just before|after|before)?"
    r"\s*(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>a\.m\.|p\.m\.|am|pm|a\.m|p\.m)(?![\w])",
    re.I,
)
_TIME_24 = re.compile(
    r"\b(?:at\s+)?(?P<hedge>around|about|approximately|roughly|shortly after|shortly before|just after|just before)?"
    r"\s*(?P<h>[01]\d|2[0-3]):?(?P<m>[0-5]\d)\s+(?:local time|hours)\b",
    re.I,
)
_NOON = re.compile(
    r"\b(?:at\s+)?(?P<hedge>around|about|shortly after|shortly before|just after|just before|after|before)?"
    r"\s*\b(?P<noon>noon|midday|midnight)\b",
    re.I,
)
# "at around 10 in the morning", "around 1:30 in the morning", "at 11 at night".
_TIME_IN_WORDS = re.compile(
    r"\b(?:at\s+|(?=(?:around|about|approximately|roughly)\s))(?:(?P<hedge>around|about|approximately|roughly)\s+)?"
    r"(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:[:.](?P<m>[0-5]\d))?"
    r"(?:\s+o['’]clock)?\s+(?:in\s+the\s+(?P<part>morning|afternoon|evening)|at\s+night)\b",
    re.I,
)
_HOURS_IN_WORDS = ("one two three four five six seven eight nine ten eleven twelve").split()
_OTHER_TIME = re.compile(r"\s*(?:GMT|UTC)\b")
# "shortly after 0600 GMT": a time in GMT alone, which is read only where GMT is the local time.
_TIME_GMT = re.compile(
    r"\b(?:at\s+)?(?P<hedge>around|about|approximately|roughly|shortly after|shortly before|just after|just before)?"
    r"\s*(?P<h>[01]\d|2[0-3]):?(?P<m>[0-5]\d)\s*(?:GMT|UTC)\b",
    re.I,
)
# "the blast occurred at 08:45": a 24-hour time after "at", two digits for the hour.
_TIME_AT_24 = re.compile(
    r"\bat\s+(?P<hedge>around|about|approximately|roughly)?\s*(?P<h>[01]\d|2[0-3]):(?P<m>[0-5]\d)\b(?![:.]?\d)",
    re.I,
)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|til|by)\s*$", re.I)
# "traffic on the highway resumed at around 8 p.m.": when things went back to normal.
_RESUMED_BEFORE = re.compile(
    r"\b(?:resumed|reopened|restored|returned to normal|lifted|calm returned|was cleared|were cleared)\s+(?:[\w-]+\s+){0,2}$",
    re.I,
)
# "posted the first details on Telegram at around 9 a.m.": the time of a post, not of the event …
_POSTED_BEFORE = re.compile(
    r"\b(?:posted|tweeted|wrote|published|issued|released|announced|updated|broadcast)\b[^,;.]{0,80}$", re.I
)
# "Posted: Sep 23, 2025 2:47 PM EDT", "UPDATE - March 13, 2026, 4:30 p.m.": a page's own stamp.
_STAMP_BEFORE = re.compile(
    r"\b(?:posted|updated?|published)\b[^;]{0,40}\b(?:19|20)\d\d\b,?\s*(?:at\s+)?$", re.I
)
# "succumbed to his injuries around 4:30pm": the time of a death after the event.
_DIED_BEFORE = re.compile(r"\b(?:died|succumbed|passed away|pronounced dead)\b[^,;.]{0,80}$", re.I)
# … unless it says how long after the event it came ("…, an hour after the shells landed").
_OFFSET_AFTER = re.compile(
    r",?\s*(?:about\s+|some\s+|around\s+)?(?P<n>an|one|two|three|four|five|six|\d)\s+hours?\s+(?P<dir>after|before)\b",
    re.I,
)
_SMALL = {"an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class _Clock:
    start: int
    end: int
    hour: int
    minute: int | None
    hedged: bool


def _clock_times(s: str, utc_is_local: bool = False) -> list[_Clock]:
    """Times of day in a sentence, in reading order; a time given only in GMT/UTC is left out
    ("09:50 local time (06:50 GMT)": the local one counts), unless GMT is the local time
    ("at about 23:20 GMT" in Derry in November)."""
    out: list[_Clock] = []
    for m in _TIME.finditer(s):
        hour = int(m.group("h")) % 12 + (12 if m.group("ampm").lower().startswith("p") else 0)
        minute = int(m.group("m")) if m.group("m") else None
        out.append(_Clock(m.start(), m.end(), hour, minute, bool(m.group("hedge"))))
    for m in _TIME_24.finditer(s):
        out.append(_Clock(m.start(), m.end(), int(m.group("h")), int(m.group("m")), bool(m.group("hedge"))))
    for m in _TIME_AT_24.finditer(s):
        if not any(c.start <= m.start("h") < c.end for c in out):
            out.append(
                _Clock(m.start(), m.end(), int(m.group("h")), int(m.group("m")), bool(m.group("hedge")))
            )
    for m in _TIME_GMT.finditer(s) if utc_is_local else ():
        if not any(c.start <= m.start("h") < c.end for c in out):
            out.append(
                _Clock(m.start(), m.end(), int(m.group("h")), int(m.group("m")), bool(m.group("hedge")))
            )
    for m in _TIME_IN_WORDS.finditer(s):
        h = m.group("h").lower()
        hour = int(h) if h.isdigit() else _HOURS_IN_WORDS.index(h) + 1
        part = (m.group("part") or "night").lower()
        if part == "night":  # "at 11 at night", "at two at night"
            hour = 0 if hour == 12 else hour + 12 if hour >= 6 else hour
        elif part == "morning":
            hour %= 12
        else:
            hour = hour % 12 + 12
        minute = int(m.group("m")) if m.group("m") else None
        out.append(_Clock(m.start(), m.end(), hour, minute, bool(m.group("hedge"))))
    for m in _NOON.finditer(s):
        hour = 0 if m.group("noon").lower() == "midnight" else 12
        out.append(_Clock(m.start(), m.end(), hour, None, bool(m.group("hedge"))))
    return sorted(
        (c for c in out if c.hour <= 23 and (utc_is_local or not _OTHER_TIME.match(s, c.end))),
        key=lambda c: c.start,
    )


_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")
_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)(?![\d/.-])")


def publication_date(text: str, spans: list[tuple[int, int]]) -> date | None:
    """A dateline such as 'Friday, December 08, 2023' in the first lines of the article; failing
    that a timestamp '2025-09-18 10:35', or '07/11/2024' (day first, as most of the world's press
    writes it, unless the numbers say otherwise: '11/27/2024')."""
    for start, end in spans[:8]:
        m = _FULL_DATE.search(text, start, end)
        if m and (m.group("y1") or m.group("y2")):
            d = _date_of(m, None)
            if d:
                return d
    for start, end in spans[:8]:
        iso = _ISO_DATE.search(text, start, end)
        if iso:
            try:
                return date(int(iso.group("y")), int(iso.group("m")), int(iso.group("d")))
            except ValueError:
                pass
    for start, end in spans[:8]:
        num = _NUMERIC_DATE.search(text, start, end)
        if num:
            a, b, year = int(num.group("a")), int(num.group("b")), int(num.group("y"))
            day, month = (b, a) if b > 12 >= a else (a, b)
            try:
                return date(year, month, day)
            except ValueError:
                pass
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


_POSSESSIVE_AFTER = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?['’]s\b")


def _not_the_event_s(s: str, d: re.Match[str], zones: list[tuple[int, int]]) -> bool:
    """Whether a date in sentence `s` is another moment's: the statement's ("police said on
    Tuesday"), the toll's update, an arrest's, the same time in GMT, or an earlier event's."""
    if _SAID_BEFORE.search(s, 0, d.start()) and not _POSSESSIVE_AFTER.match(s, d.end()):
        return True  # ("the governor said Sunday night's attack …" is the event's day)
    if any(rx.search(s, 0, d.start()) for rx in (_TOLL_ROSE_BEFORE, _READ_OUT_BEFORE, _UPDATE_STAMP_BEFORE)):
        return True
    if _LATER_STEP_AFTER.match(s, d.end()) or _LATER_STEP_BEFORE.search(s, 0, d.start()):
        return True
    if _PLANNED_BEFORE.search(s, max(0, d.start() - 100), d.start()):
        return True
    if _SINCE_BEFORE.search(s, max(0, d.start() - 12), d.start()):
        return True
    if any(a <= d.start() < b for a, b in zones):
        return True
    other = _ANOTHER_EVENT.search(s, 0, d.start())
    return other is not None


def event_date(
    text: str,
    sentences: list[tuple[int, int]],
    published: date | None,
    skip: set[tuple[int, int]],
    default_day: date | None = None,
    tz: str | None = None,
) -> When | None:
    """The first date cue in the event sentences; weekdays go back to the latest such day on or
    before publication. A time of day is used only when the wording gives one. `default_day` is
    the day when no sentence gives one (a live page's events are of its day); `tz` is the place's
    time zone, when known."""
    day: date | None = None
    evidence = (0, 0)
    for start, end in sentences:
        if (start, end) in skip:
            continue
        s = text[start:end]
        if _AFTERMATH.search(s) and not _VIOLENCE.search(s):
            continue
        if _UPDATE_LABEL.match(s):
            continue  # "UPDATE (23 January 2026, 14:10): The third man … died this morning": later news
        zones = [(z.start(), z.end()) for z in _OTHER_ZONE.finditer(s)]
        # "ABUJA, Sept 3 (Reuters) -": a dateline dates the story, not the event.
        # "officials said on Thursday, February 13" dates the statement.
        m = next(
            (
                d
                for d in _FULL_DATE.finditer(s)
                if not _DATELINE_PLACE.fullmatch(s, 0, d.start())
                and not (_TITLE_DATELINE.fullmatch(s, 0, d.start()) and _DASH_AFTER.match(s, d.end()))
                and not _not_the_event_s(s, d, zones)
            ),
            None,
        )
        if m and (published or m.group("y1") or m.group("y2")):
            day = _date_of(m, published)
            if day:
                evidence = (start + m.start(), start + m.end())
                break
        if published is None:
            continue
        # "police said on Tuesday" dates the statement, not the event.
        m = next((w for w in _WEEKDAY.finditer(s) if not _not_the_event_s(s, w, zones)), None)
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
        if default_day is None:
            return None
        day = default_day
    utc_is_local = tz is not None and datetime(
        day.year, day.month, day.day, 12, tzinfo=time_zone(tz)
    ).utcoffset() == timedelta(0)
    for start, end in sentences:
        if (start, end) in skip:
            continue
        s = text[start:end]
        zones = [(z.start(), z.end()) for z in _OTHER_ZONE.finditer(s)]
        # A date in the time's sentence must be the event's date, or the time belongs elsewhere
        # (a statement's day, "residents told reporters on Sunday", is not the time's).
        others = [
            d
            for d in [*_WEEKDAY.finditer(s), *_FULL_DATE.finditer(s)]
            if not (evidence[0] <= start + d.start() < evidence[1])
            and d.group(0) != text[evidence[0] : evidence[1]]
            and not _not_the_event_s(s, d, zones)
            and not _weekday_of_a_date(s, d)
        ]
        # (unless the sentence gives the event's own day too: "began at around 11 p.m. on Saturday …
        # until … shortly after dawn on Sunday")
        if (
            others
            and not any(_mention_date(d, published) == day for d in others)
            and not start <= evidence[0] < end
        ):
            continue
        for c in _clock_times(s, utc_is_local):
            hour, minute, hedged = c.hour, c.minute, c.hedged
            offset = _OFFSET_AFTER.match(s, c.end)
            if offset:
                n = _SMALL.get(offset.group("n").lower()) or int(offset.group("n"))
                hour = (hour - n if offset.group("dir").lower() == "after" else hour + n) % 24
                minute, hedged = None, True
            elif any(p.search(s, 0, c.start) for p in (_POSTED_BEFORE, _STAMP_BEFORE, _DIED_BEFORE)):
                continue
            elif _UNTIL_BEFORE.search(s, max(0, c.start - 12), c.start) or _RESUMED_BEFORE.search(
                s, max(0, c.start - 40), c.start
            ):
                continue  # "the search went on until midnight": when it ended, not began
            # "at about 09:50" is read to the minute; "at about 6:00 a.m." and "at around 7:15" to the
            # hour: a hedged quarter hour is a rounded guess (analysts split on it; this way agrees with
            # more of the gold files than either reading alone).
            exact = minute is not None and (not hedged or minute % 15 != 0)
            return When(
                day,
                hour,
                minute if exact else 0,
                TimePrecision.exact if exact else TimePrecision.hour,
                (start + c.start, start + c.end),
            )
    return When(day, None, None, TimePrecision.day, evidence)


_COMMA_GAP = re.compile(r",?\s+")


def _weekday_of_a_date(s: str, d: re.Match[str]) -> bool:
    """'on Friday, September 19': the weekday is the date's own, not another day."""
    if d.re is not _WEEKDAY:
        return False
    gap = _COMMA_GAP.match(s, d.end())
    return gap is not None and _FULL_DATE.match(s, gap.end()) is not None


def _mention_date(m: re.Match[str], published: date | None) -> date | None:
    """The day a weekday or a date in the text stands for."""
    if m.groupdict().get("wd"):
        if published is None:
            return None
        wd = WEEKDAYS.index(m.group("wd").lower())
        return published - timedelta(days=(published.weekday() - wd) % 7)
    return _date_of(m, published)


def to_datetime(when: When, tz: str | None) -> datetime:
    zone = time_zone(tz) if tz else UTC
    return datetime(
        when.day.year, when.day.month, when.day.day, when.hour or 0, when.minute or 0, tzinfo=zone
    )


# -- places -----------------------------------------------------------------------------------
_DIRECTIONS = (
    r"(?:northern|southern|eastern|western|central|north|south|east|west|northeastern|northwestern|"
    r"southeastern|southwestern|northeast|northwest|southeast|southwest)"
)
# "the town of X" names a settlement (precision city); "the hinterlands of X" an area around one.
# The outskirts or suburbs of a town are coded to the town.
_SETTLEMENTS = (
    "city|town|village|hamlet|settlement|locality|community|capital|port city|port|municipality|commune|"
    "outskirts|suburbs?|vicinity|neighbourhood|neighborhood"
)
_AREAS = "hinterlands?|countryside|area|province|region|district|county|governorate"
_KIND = rf"(?P<kind>{_SETTLEMENTS}|{_AREAS})"
_DEMONYM_WORDS = "|".join(sorted(DEMONYMS, key=len, reverse=True))
_PLACE_ADJECTIVES = (
    "coastal|industrial|restive|remote|border|frontier|mountainous|rural|oil-rich|northern|southern|eastern|"
    "western|central|northeastern|northwestern|southeastern|southwestern"
)
# "about 20 km east of the town of Koui": near the town, not in it.
_DISTANCE_BEFORE = re.compile(
    r"\b\d[\d,.]*\s*(?:km|kilomet(?:re|er)s|miles)\b(?:\s*\([^)]{0,20}\))?[^,.;]{0,30}$", re.I
)
_PLACE = re.compile(
    r"\b(?:(?:in|near|outside|at|across|into|around|hit|struck|targeted|stormed|raided|attacked|of|off|over|"
    r"(?:attack|assault|raid|ambush)s?\s+on)\s+(?:the\s+)?"
    rf"(?P<direction>{_DIRECTIONS}\s+)?|(?<=\bthe\s)(?=(?:{_SETTLEMENTS}|{_AREAS})\s+of\s))"
    # "the central Mexican city of Irapuato": an adjective may stand before the kind of place.
    # ("the coastal city of Machala": a describing word may stand there too.)
    # ("the north Georgia city of Dalton", "the West Bank town of Tammun": a region's name too.)
    # (but "the Amaoti area of Inanda" is a part of the town, and "Bhainsa town of Nirmal district" a
    # town in that district)
    rf"(?:(?:(?:{_DEMONYM_WORDS}|{_PLACE_ADJECTIVES}|[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?"
    r"(?=\s+(?:city|town|village)\s+of\s+[A-Z][\w'’-]*\b(?:[ \t]+[A-Z][\w'’-]*\b)?"
    r"(?![ \t]+(?:district|province|state|region|county|division|governorate|tehsil|municipality)\b))"
    rf")\s+)?{_KIND}\s+of\s+|"
    r"(?P<kind_comma>capital|city|town|village),\s+)?"
    # A name never runs over a line break ("… in central Mexico" + the dateline "IRAPUATO"); it may
    # hold a lower-case "de" ("Rio de Janeiro", "Juazeiro do Norte").
    # "the town of al-Busayrah": an Arabic article before the capital.
    r"(?P<name>(?:(?:al|el|ad|ash|as|an|ar|at|az)-)?[A-Z][\w'’.-]*(?:[ \t]+(?:(?:de|da|do|dos|das|del)[ \t]+)?[A-Z][\w'’-]*){0,2})(?:[ \t]+(?P<area>district|province|region|county|governorate|oblast|territory|state|village)\b)?"
    # "Somalia's capital Mogadishu", "Ukraine's port city of Odesa": the town after its kind.
    r"|(?P<poss>[A-Z][\w-]+(?:[ \t]+[A-Z][\w-]+)?)(?:'s|’s)\s(?:(?:capital|port city|city|town|port)\s+(?:of\s+)?)?"
    r"(?P<after>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})?"
    r"|^(?P<dateline>[A-Z]{3,}(?:[ -](?:DE|DA|DO|DEL|[A-Z]{3,}))*)(?:,|:|\s+\(|\s+[—–-])",
    re.M,
)
_SETTLEMENT_KINDS = frozenset(_SETTLEMENTS.split("|"))
_AREA_AFTER = re.compile(r"[ \t]+(?:state|province|region|district|county|territory|governorate|oblast)\b")
_KIND_THEN_TOWN = re.compile(
    r"\s+(?:capital|port city|city|town|port)\s+(?:of\s+)?(?P<town>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,2})"
)
# Capitalised words that are towns somewhere but here are part of a title or a body's name.
_NOT_PLACES = frozenset({*HEADS, "interior", "defence", "defense", "justice", "state", "health", "security"})
_TOWN_KINDS = frozenset({"city", "town", "port city", "capital", "municipality"})
# "Nassoumbou, a farming village in Soum province": the apposition says what the name is.
# ("Abuja, the capital" only describes the city: no sign it is the scene.)
_APPOSITION = re.compile(
    r",\s+(?:an?|the)\s+(?:[\w-]+\s+){0,3}?(?P<kind>village|town|hamlet|settlement|farming community|"
    r"fishing community|mining town|market town)\b",
    re.I,
)
# "in Bama, headquarters of Bama Local Government Area": the seat of an area is a town.
_SEAT_OF = re.compile(
    r",\s+(?:the\s+)?(?:headquarters|seat|chief town|main town|administrative (?:centre|center|capital))\s+of\s+"
    r"(?:the\s+)?[A-Z]"
)
# "in a coastal town north of the capital" … "The assault on X began …": the lead speaks of a town
# it names only in a later sentence.
_UNNAMED_SETTLEMENT = re.compile(
    r"\b(?:in|on|at|near|into|stormed|raided|attacked)\s+an?\s+(?:[\w-]+\s+){0,2}?(?P<kind>town|village|settlement)\b"
    r"(?!\s+(?:of|called|named)\b)",
    re.I,
)
_AT_THE_SCENE = re.compile(
    r"(?:in|at|near|outside|into|stormed|raided|attacked|(?:attack|assault|raid|ambush)s?\s+on)\s", re.I
)
_PLURAL_AFTER = re.compile(r"[ \t]+[a-z]+(?<!ss)(?<!i)s\b(?<!\bwas)(?<!\bhas)(?<!\bis)")
_NOT_A_NAME = re.compile(
    rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|{_MONTH})$"
)
# "the X district of Y": a part of the city Y.
_PART_OF = re.compile(r"\s+(?:district|neighbou?rhood|quarter|suburb|area)\s+of\s+[A-Z]")
# "fled to the nearby town of X": where people went, not where it happened.
_NOT_THE_SCENE = re.compile(
    r"\b(?:fled|flee|fleeing|displaced|evacuated|taken|moved|relocated|transferred|returned|nearby|neighbou?ring)\b"
    r"[^,;.]{0,40}$",
    re.I,
)
# "68 nautical miles west of the port of X": at sea, off the named port.
_AT_SEA = re.compile(
    rf"\b(?:\d[\d,.]*\s*nautical miles|nautical miles)\s*(?:\([^)]*\)\s*)?(?P<dir>{_DIRECTIONS})?\s*(?:of|off)\s+(?:the\s+)?$",
    re.I,
)
_COMPASS = frozenset({"East", "West", "North", "South", "Central"})
# "north Tulsa", "central Kherson": a short direction before a town of this size is a part of it;
# "northern Kherson" is the land around it.
_SHORT_DIRECTION = re.compile(r"north|south|east|west|central", re.I)
_DIRECTION_TOWN = 50_000
_LARGER_AREA = r"(?:Strip|[Rr]egion|State|[Pp]rovince|[Gg]overnorate|[Dd]ivision)\b"
# A territory whose name is a town's too, and is used alone for it ("central Gaza" is the Strip).
_TERRITORY_NAMESAKES = frozenset({"Gaza"})
_METROPOLIS = 1_000_000
_NAMESAKE = 100_000
_STATE_TOWN = 100_000  # a town this large, in a state's own time zone, may narrow the state  # a smaller town in a country the article never names is a namesake


@dataclass(frozen=True)
class Where:
    place: Place
    city: bool
    evidence: tuple[int, int]
    region: bool = False
    # The article itself calls the place a city or a town ("the Bolivian city of El Alto"), so it
    # is one, though the gazetteer does not list it.
    called_a_town: bool = False


def _first_country(text: str) -> str | None:
    """The country the article names first, by name or by adjective ("Philippine Army")."""
    g = gazetteer()
    for m in re.finditer(r"\b[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?", text[:5000]):
        for name in (m.group(0), m.group(0).split()[0]):
            found = g.country(name.rstrip(".")) if name not in DEMONYMS else g.countries.get(DEMONYMS[name])
            if found is not None:
                return found.country_code
    return None


def _countries_by_name(text: str, word: str) -> set[str]:
    """The countries named in a text by runs of up to three capitalised words ("Central African
    Republic")."""
    g = gazetteer()
    codes = set()
    for m in re.finditer(rf"\b{word}(?:\s+{word}){{0,2}}", text):
        words = m.group(0).split()
        for n in range(len(words), 0, -1):
            for k in range(len(words) - n + 1):
                found = g.country(" ".join(words[k : k + n]))
                if found is not None:
                    codes.add(found.country_code)
    return codes


def countries_named(text: str) -> frozenset[str]:
    """The countries an article speaks of: by name in its first 5,000 characters, or anywhere by
    adjective ("Philippine troops")."""
    pairs = re.finditer(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\b", text)
    demonyms = {
        DEMONYMS.get(" ".join(words)) or next((DEMONYMS[w] for w in words if w in DEMONYMS), None)
        for words in (m.group(0).split() for m in pairs)
    }
    return frozenset({*_countries_by_name(text[:5000], r"[A-Z][\w.]+"), *(c for c in demonyms if c)})


def zone_of_the_only_country(text: str) -> str | None:
    """The time zone of the one country the article names by name, when that country has one zone
    ("at 6am" in a story whose only country is Kenya is Kenyan time, not UTC)."""
    codes = _countries_by_name(text, r"[A-Z][a-z]+")
    if len(codes) != 1:
        return None
    code = codes.pop()
    zones = _zones_of(code)
    return next(iter(zones)) if len(zones) == 1 else None


def _unlisted(name: str, code: str, kind: str, evidence: tuple[int, int]) -> Where:
    """A place the gazetteer does not know, named by the article as a settlement or an area."""
    country = gazetteer().countries.get(code)
    place = Place(name, code, None, None, country.timezone if country else None, 0, False)
    if kind in _SETTLEMENT_KINDS:
        return Where(place, True, evidence, called_a_town=kind in _TOWN_KINDS)
    return Where(place, False, evidence, region=True)


def locate(
    text: str,
    sentences: list[tuple[int, int]],
    countries: frozenset[str],
    not_places: frozenset[str] = frozenset(),
) -> Where | None:
    """The place of the event (`_locate`), with the time zone of a town the same sentences name when
    the place is a village in a country of several zones ("Kalunguta, … south of the city of Beni").
    `not_places` are the names of organisations the article names (never a town it lacks)."""
    where = _locate(text, sentences, countries, not_places)
    if where is not None and where.place.timezone is None:
        zone = _zone_nearby(text, sentences, where.place.country_code)
        if zone is not None:
            where = replace(where, place=replace(where.place, timezone=zone))
    return where


def _locate(
    text: str, sentences: list[tuple[int, int]], countries: frozenset[str], not_places: frozenset[str]
) -> Where | None:
    """The first place named in the event sentences, a city (ranked by population, in a country
    the article mentions first) before a country; a country alone may be narrowed to one of its
    cities by a later sentence, or by a place the article calls a town, village or area."""
    g = gazetteer()
    country: Where | None = None
    named_in: tuple[int, int] | None = None

    def town(name: str, partial: bool) -> Place | None:
        city = g.city(name, countries)
        # A small town abroad ("Samar", Ukraine, in a story about the Philippines) is a namesake,
        # and so is any town abroad named by the first words of a longer name ("Cabo" of "Cabo
        # Delgado", a province of Mozambique).
        if (
            city is not None
            and countries
            and city.country_code not in countries
            and (partial or city.population < _NAMESAKE)
        ):
            return None
        return city

    # "MAPUTO (Reuters) - Troops killed 27 militants near the village of Chai": the dateline is where
    # the story was filed, the place only when the event sentences name no other.
    filed_in: Where | None = None
    unnamed = ""  # the kind of an unnamed settlement an earlier sentence spoke of
    told: dict[str, str] | None = None
    for start, end in sentences:
        for m in _PLACE.finditer(text, start, end):
            group = "name" if m.group("name") else "poss" if m.group("poss") else "dateline"
            raw = m.group(group)
            if group == "dateline":
                raw = re.sub(r"\b(?:De|Da|Do|Del)\b", lambda w: w.group(0).lower(), raw.title())
            # "in the capital, Maputo,": the town after its kind and a comma.
            kind = (m.group("kind") or m.group("kind_comma") or "").lower()
            if group == "name" and _PART_OF.match(text, m.end("name"), end):
                continue  # "the Dniprovskyi district of Kherson": the city comes next
            if group == "name" and not kind:
                app = _APPOSITION.match(text, m.end("name"), end)
                kind = app.group("kind").split()[-1].lower() if app else ""
                if not kind and _SEAT_OF.match(text, m.end("name"), end):
                    kind = "town"
                if not kind and _unknown_name(raw, not_places):
                    # ("the attack on Fulani herders": a people before a plural noun, not a town)
                    scene = (
                        unnamed
                        if _AT_THE_SCENE.match(text, m.start())
                        and not _PLURAL_AFTER.match(text, m.end("name"))
                        else ""
                    )
                    if told is None:
                        told = _appositions(text)
                    kind = _kind_told_elsewhere(told, raw, scene)
            if group == "name" and text.startswith("over", m.start()) and not kind:
                continue  # "protests over Gaza": a place after "over" only when the text calls it one
            if (
                country is not None
                and (start, end) != named_in
                and not _names_the_country(text[start:end], country)
                and not kind
                and not _in_the_state(raw, country)
            ):
                # Only the sentence that named the country may narrow it to a city: a town named later
                # ("residents fled to the nearby town of Gusau") is seldom where it happened.
                continue
            if kind and _NOT_THE_SCENE.search(text, start, m.start()):
                continue
            if raw.lower() in _NOT_PLACES:
                continue  # "Superintendent of Police": Police, Poland, is a town too
            if raw in DEMONYMS:
                continue  # "an attack on Nigerian village": a people's adjective, not a name
            if group == "name" and re.match(r"\s+border\b", text[m.end("name") : m.end("name") + 10]):
                continue  # "an attack near Mali border": on this side of it
            tokens = raw.split()
            rest: list[str] = []
            for i, t in enumerate(tokens):
                if t.endswith(("'s", "’s")):
                    tokens, rest = [*tokens[:i], t[:-2]], tokens[i + 1 :]
                    break
            if group == "poss" and m.group("after"):
                rest = m.group("after").split()
            elif group == "name" and not rest and raw.endswith(("'s", "’s")):
                # "in Somalia's capital Mogadishu": the town after its kind.
                after = _KIND_THEN_TOWN.match(text, m.end("name"), end)
                rest = after.group("town").split() if after else []
            for n in range(len(tokens), 0, -1):
                name = " ".join(tokens[:n]).rstrip(".")
                s = m.start(group)
                ev = (s, s + len(name))
                found = g.country(name)
                if found is not None:
                    if country is None:
                        country, named_in = Where(found, False, ev), (start, end)
                    # "northern Syria's Azaz": the town in that country.
                    for k in range(len(rest), 0, -1):
                        words = " ".join(rest[:k])
                        city = g.city(words, frozenset([found.country_code]))
                        if city is not None and city.country_code == found.country_code:
                            a = text.find(words, ev[1], end)
                            if _AREA_AFTER.match(text, a + len(words), end):
                                # "central Mexico's Guanajuato state": the state, which a town the
                                # article names as one ("the outskirts of Salamanca") may narrow.
                                area = _unlisted(words, city.country_code, "region", (a, a + len(words)))
                                country = replace(area, place=replace(area.place, timezone=city.timezone))
                                named_in = (start, end)
                                break
                            return Where(city, True, (a, a + len(words)))
                    break
                city = town(name, partial=n < len(tokens))
                if (
                    city is not None
                    and group == "name"
                    and n < len(tokens)
                    and tokens[n] in _COMPASS
                    and (country is None or city.country_code == country.place.country_code)
                ):
                    # "in Kabul East": the district named after the town, not the town.
                    full = " ".join(tokens[: n + 1])
                    area = _unlisted(full, city.country_code, "district", (s, s + len(full)))
                    return replace(area, place=replace(area.place, timezone=city.timezone))
                at_sea = (
                    _AT_SEA.search(
                        text,
                        start,
                        min(i for i in (m.start("kind"), m.start("kind_comma"), m.start("name")) if i >= 0),
                    )
                    if group == "name"
                    else None
                )
                if at_sea and (city is not None or kind):
                    code = city.country_code if city else country.place.country_code if country else None
                    code = code or _first_country(text)
                    if code:
                        return replace(_unlisted(name, code, "area", ev), evidence=(at_sea.start(), ev[1]))
                # ("the central Mexican city of Irapuato": with a kind of place, the direction is not
                # the town's.)
                if city is not None and m.group("direction") and not kind:
                    if city.population >= _METROPOLIS or (
                        city.population >= _DIRECTION_TOWN
                        and _SHORT_DIRECTION.fullmatch(m.group("direction").strip())
                        and name not in _TERRITORY_NAMESAKES
                        and not re.search(rf"\b{re.escape(name)}\s+{_LARGER_AREA}", text)
                    ):
                        # "central Dhaka" and "north Tulsa" are in the city …
                        return Where(city, True, ev)
                    # … "central Gaza", "northern Kherson" and "central Sagaing" (of a story that
                    # names the Sagaing Region) are regions around the name: keep the country.
                    if country is None:
                        words = f"{m.group('direction')}{name}"
                        region = Place(words, city.country_code, None, None, city.timezone, 0, True)
                        return Where(region, False, (m.start("direction"), ev[1]), region=True)
                    break
                if city is not None and kind and kind not in _SETTLEMENT_KINDS:
                    # "the hinterlands of X": around the town, not in it.
                    return _unlisted(city.name, city.country_code, kind, ev)
                if (
                    city is not None
                    and not kind
                    and not rest  # "in Yala's Mueang district": a district of the town
                    and m.group("area") in ("district", "territory", "county", "state", "region", "province")
                ):
                    # "in Djugu territory": the rural area the town gives its name to.
                    area = _unlisted(name, city.country_code, "district", ev)
                    return replace(
                        area,
                        place=replace(area.place, timezone=city.timezone),
                        evidence=(ev[0], m.end("area")),
                    )
                if city is not None and group == "dateline" and country is None:
                    filed_in = filed_in or Where(city, True, ev)
                    break
                # A country named first is narrowed only by a city after a preposition ("in Basra").
                if city is not None and (
                    country is None or (group == "name" and city.country_code == country.place.country_code)
                ):
                    # "in Bijapur" of a story about "Bijapur district": the district, not the town.
                    # ("GMP's Salford district" is a police force's.)
                    district = re.search(
                        rf"(?<![A-Z][A-Z]['’]s )\b{re.escape(name)}(?:['’]s)?\s+(?:district|territory|county)\b"
                        rf"(?!\s+{_INSTITUTION})",
                        text,
                    )
                    if group == "name" and district and not _called_a_town(name, text):
                        area = _unlisted(name, city.country_code, "district", ev)
                        return replace(area, place=replace(area.place, timezone=city.timezone))
                    return Where(city, True, ev)
                if city is None and kind and n == len(tokens) and group == "name" and raw not in not_places:
                    code = country.place.country_code if country else _first_country(text)
                    if code:
                        near = _DISTANCE_BEFORE.search(text, max(start, m.start() - 80), m.start())
                        return _unlisted(name, code, "area" if near else kind, ev)
                # "in Kech district": an area the gazetteer does not list, in the country the article
                # names, or failing that the country of its dateline.
                if city is None and not kind and m.group("area") and n == len(tokens) and group == "name":
                    where_from = country or filed_in
                    code = where_from.place.country_code if where_from else _first_country(text)
                    if code:
                        area_ev = (ev[0], m.end("area"))
                        return replace(_unlisted(name, code, m.group("area"), ev), evidence=area_ev)
        said = _UNNAMED_SETTLEMENT.search(text, start, end)
        unnamed = unnamed or (said.group("kind").lower() if said else "")
    return country or filed_in


# "the Ndop district hospital": an institution's, not the area.
_INSTITUTION = (
    r"(?:hospital|police|court|council|jail|prison|office|headquarters|administration|officials?)\b"
)


def _called_a_town(name: str, text: str) -> bool:
    """Whether the article calls the name a town ("Nikopol Mayor Oleksandr Sayuk", "the city of
    Nikopol", "Ndop, a town in …"), so that the district of the same name is not where it happened."""
    n = re.escape(name)
    return bool(
        re.search(
            rf"\b(?:{n}(?:['’]s)?\s+(?:[Mm]ayor|city|town)\b|(?:city|town|mayor) of {n}\b|{n},\s+an?\s+(?:[\w-]+\s+){{0,2}}?(?:city|town)\b)",
            text,
        )
    )


def _names_the_country(sentence: str, country: Where) -> bool:
    """Whether a sentence names the country the article named first ("in Damboa, in northeast
    Nigeria's Borno state"): a town it names may narrow the country."""
    if country.region:
        return False
    return re.search(rf"\b{re.escape(country.place.name)}\b", sentence) is not None


def _in_the_state(name: str, area: Where) -> bool:
    """'attack in Brazil's Ceara state' then 'a market in Juazeiro do Norte': a large town of
    the state's own time zone narrows the state named before (a country of one zone, or a small
    town, may be anywhere: not narrowed)."""
    if not area.region or area.place.timezone is None:
        return False
    code = area.place.country_code
    town = gazetteer().city(name, frozenset([code]))
    if town is None or town.country_code != code or town.timezone != area.place.timezone:
        return False
    if town.name != name or name == area.place.name:
        return False  # "the state of Ceara" again, or its capital by another name: not a town of it
    return town.population >= _STATE_TOWN and len(_zones_of(code)) > 1


@cache
def _zones_of(code: str) -> frozenset[str]:
    """The time zones of a country's listed towns."""
    return frozenset(
        p.timezone for ps in gazetteer().cities.values() for p in ps if p.country_code == code and p.timezone
    )


def _unknown_name(name: str, not_places: frozenset[str]) -> bool:
    """A capitalised name that is neither a town or country the gazetteer lists, nor a day, a
    month, a people ("Malian") or an organisation the article names."""
    g = gazetteer()
    return (
        name not in not_places
        and name not in DEMONYMS
        # "St. Joseph's Catholic Church": a possessive names a building or a body, not a town.
        and not re.search(r"['’]s\b", name)
        and not name.isupper()  # "the attack on MONUSCO": an acronym names a body
        and name.lower() not in _NOT_PLACES
        and not _NOT_A_NAME.match(name)
        and g.city(name) is None
        and g.country(name) is None
    )


_NAME_IN_APPOSITION = re.compile(r"\b[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}(?=,)")


def _appositions(text: str) -> dict[str, str]:
    """Every name the article calls a village, town or settlement in apposition ("Ngala, a
    farming village near …"), in one pass over the text: name (and each shorter ending of it,
    "In Ngala") → kind."""
    out: dict[str, str] = {}
    for m in _NAME_IN_APPOSITION.finditer(text):
        app = _APPOSITION.match(text, m.end())
        if app:
            words = m.group(0).split()
            for i in range(len(words)):
                out.setdefault(" ".join(words[i:]), app.group("kind").split()[-1].lower())
    return out


def _kind_told_elsewhere(told: dict[str, str], name: str, unnamed: str) -> str:
    """What the article calls a name the gazetteer lacks: "Ngala, a farming village near …" in a
    later paragraph (`told`, from `_appositions`), or the unnamed "town" of an earlier sentence of
    the lead ("in a coastal town north of the capital" … "The assault on Ngala"), given as
    `unnamed`."""
    return told.get(name, unnamed)


def _zone_nearby(text: str, sentences: list[tuple[int, int]], code: str) -> str | None:
    g = gazetteer()
    for start, end in sentences:
        for m in re.finditer(r"\b[A-Z][\w'’-]+(?:[ \t]+[A-Z][\w'’-]+)?", text[start:end]):
            for name in (m.group(0), m.group(0).split()[0]):
                city = g.city(name, frozenset([code]))
                if city is not None and city.country_code == code and city.timezone:
                    return city.timezone
    return None


# -- claims ---------------------------------------------------------------------------------------
# A sentence about earlier events: "hit by a series of car bombings in recent years, many of them
# blamed on X, who deny involvement" is no denial of this one.
_BACKGROUND = re.compile(
    r"\b(?:in recent (?:years|months|weeks)|in the past|over the (?:years|past)|a (?:series|string|spate|wave) of|"
    r"previous(?:ly)?|such (?:attacks|bombings|raids|strikes|incidents)|earlier (?:attacks|bombings|strikes)|"
    r"since (?:19|20)\d\d)\b",
    re.I,
)


# Claims whose claimant the actor registry may not resolve: the claim settles the status all the same.
_CLAIMED = re.compile(
    # "in an attack later claimed by Islamic State" (not "also claimed by": another attack)
    r"\b(?:attack|bombing|blast|explosion|strike|raid|assault|ambush|killing|siege|massacre)s?\b[^.;]{0,30}?(?<!also )"
    r"\bclaimed\s+by\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[A-Z]|"
    # "Al Shabab, the Qaeda-affiliated group that …, claimed responsibility", "Daesh's Sinai
    # affiliate, which calls itself “Sinai Province,” claimed responsibility"
    r",\s+(?:later\s+|quickly\s+)?claimed\s+responsibility\b|"
    r"\b(?:group|affiliate|wing|faction|organi[sz]ation)\b[^.;]{0,80}?\bclaimed\s+responsibility\b|"
    # "Israel says it killed a Hezbollah commander"
    r"\b(?:said|says)\s+it\s+(?:had\s+)?(?:struck|targeted|killed|carried\s+out|launched)\b|"
    # "Islamic State claims attack" (a headline), "the group has claimed responsibility"
    r"\b[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}\s+(?:has\s+|have\s+|later\s+|quickly\s+)?claim(?:s|ed)\s+"
    r"(?:responsibility|(?:the\s+)?(?:attack|bombing|blast|strike|raid|assault|ambush|killing))\b|"
    # "claimed that his fighters of the X carried out the attack"
    r"\bclaimed\s+(?:that\s+)?(?:his|her|its|their)\s+[^.;]{0,80}?\b(?:carried\s+out|were\s+behind|was\s+behind|"
    r"staged|conducted|launched)\s+(?:the|this|that)\s+(?:attack|raid|assault|bombing|strike|ambush|operation)\b|"
    # "said in a statement on its news agency on Sunday that its fighters had detonated …"
    # "claimed that its troops had struck enemy positions …" too.
    # ("the military said one of its aircraft had struck …", "said its forces had been operating in Nablus")
    r"\b(?:said|says|announced|stated|claimed|claims)\b[^.;]{0,100}?\b(?:that\s+|(?<=said\s)|(?<=says\s))(?:one\s+of\s+)?"
    r"(?:its|their)\s+(?:[\w-]+\s+){0,2}?(?:forces|fighters|militants|troops|units|jets|aircraft|drones|navy|men|members)"
    r"\s+(?:had\s+|have\s+|has\s+)?(?:targeted|attacked|struck|hit|carried\s+out|launched|fired|detonated|"
    r"conducted|stormed|raided|eliminated|been\s+operating|operated)\b|"
    # "The state-run … newspaper said Thursday that the military had carried out …": the state's own
    # forces acknowledge the operation through its media.
    r"\bstate(?:-run|-owned|-controlled)?\s+(?:[\w-]+\s+){0,6}?(?:newspaper|media|television|TV|news\s+agency|"
    r"broadcaster|radio)\b[^.;]{0,40}?\b(?:said|reported)\b[^.;]{0,30}?\bthat\s+the\s+(?:military|army|armed\s+forces|"
    r"air\s+force|security\s+forces|troops)\s+(?:had\s+|has\s+)?(?:carried\s+out|conducted|launched|targeted|struck|"
    r"attacked)\b"
)
_NEGATED = re.compile(r"\b(?:no|not|nobody|never|none|whether|if)\b[^,.;]{0,30}$", re.I)
_OPENS_NEGATED = re.compile(r"(?:no|nobody|none|no one)\b", re.I)
# "the army said its troops had attacked the militants' hideouts in retaliation": a response to the
# event, not a claim of it.
_RETALIATION = re.compile(
    r"\b(?:retaliat\w*|in response|responded|repelled|repulsed|fought back|returned fire|counter-?attack\w*)\b",
    re.I,
)
# "denied … that his men had targeted civilians", "denied its troops had opened fire".
_DENIED_OWN = re.compile(
    r"\bden(?:ied|ies|y)\s+(?:[^.;]{0,80}?\bthat\s+)?(?:his|her|its|their)\s+(?:[\w-]+\s+){0,2}?(?:men|fighters|"
    r"forces|troops|members|militants|soldiers|units)\s+(?:had\s+|have\s+|has\s+)?(?:targeted|attacked|killed|"
    r"carried\s+out|fired|opened\s+fire|been\s+involved|were\s+involved)\b|"
    # "(the ministry) denied that soldiers had opened fire": the state denies its force's shots.
    r"\bden(?:ied|ies|y)\s+that\s+(?:the\s+)?(?:police\s+)?(?:officers|policemen|police|soldiers|troops|"
    r"security\s+forces)\s+(?:had\s+|have\s+|has\s+)?(?:fired|opened\s+fire|used\s+live|shot\s+at|killed)\b"
)


def _this_event(
    text: str, starts: list[int], sentences: list[tuple[int, int]], at: int, claim: bool = False
) -> bool:
    """Whether the sentence at `at` is about this event, not earlier ones ("The stabbing comes
    less than a year after … an attack later claimed by …"), and for a claim, not a response."""
    i = bisect_right(starts, at) - 1
    if i < 0 or at >= sentences[i][1]:
        return True
    a, b = sentences[i]
    checks = (_BACKGROUND, _OTHER_PERIOD, _ANOTHER_EVENT, *((_RETALIATION,) if claim else ()))
    return not any(rx.search(text, a, b) for rx in checks)


def incident_claim(
    text: str, sentences: list[tuple[int, int]], claimants: set[str]
) -> tuple[ClaimStatus, tuple[int, int] | None]:
    """`claim_status`, where a denial counts only outside sentences about earlier events; a claim
    the text makes of this event wins over a denial (by another group, or a counter-claim)."""
    status, evidence = claim_status(text, claimants)
    while status is ClaimStatus.denied and evidence is not None:
        at = evidence[0]
        sent = next(((a, b) for a, b in sentences if a <= at < b), None)
        if sent is None or not _BACKGROUND.search(text, sent[0], sent[1]):
            break
        text = text[: sent[0]] + " " * (sent[1] - sent[0]) + text[sent[1] :]
        status, evidence = claim_status(text, claimants)
    if status in (ClaimStatus.claimed, ClaimStatus.competing_claims):
        return status, evidence
    ordered = sorted(sentences)
    starts = [a for a, _ in ordered]
    for m in _CLAIMED.finditer(text):
        if _OPENS_NEGATED.match(m.group(0)):
            continue  # "Nobody has claimed responsibility"
        if not _NEGATED.search(text, max(0, m.start() - 40), m.start()) and _this_event(
            text, starts, ordered, m.start(), claim=True
        ):
            return ClaimStatus.claimed, (m.start(), m.end())
    if status in (ClaimStatus.unknown, ClaimStatus.unclaimed):
        for m in _DENIED_OWN.finditer(text):
            if _this_event(text, starts, ordered, m.start()):
                return ClaimStatus.denied, (m.start(), m.end())
    return status, evidence
