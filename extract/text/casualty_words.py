"""The vocabulary of casualty reporting and the phrase helpers the patterns share: which words
name people, which name an outcome, where a noun phrase ends and where a subject begins.
Pure functions over strings.
"""

from __future__ import annotations

import re

from extract.text.numbers import TENS, UNITS
from schemas import Outcome

PEOPLE_NOUNS = frozenset(
    """
    people person persons civilian civilians soldier soldiers troop troops fighter fighters militant
    militants gunman gunmen rebel rebels separatist separatists insurgent insurgents jihadist jihadists
    mercenary mercenaries personnel member members man men woman women child children boy boys girl
    girls villager villagers resident residents worker workers passenger passengers crew crewmen
    officer officers police policeman policemen guard guards militiaman militiamen combatant combatants
    attacker attackers assailant assailants terrorist terrorists extremist extremists protester
    protesters demonstrator demonstrators student students journalist journalists migrant migrants
    refugee refugees victim victims others prisoner prisoners hostage hostages captive captives
    commander commanders official officials staff pilot pilots sailor sailors marine marines
    serviceman servicemen recruit recruits allies ally gendarme gendarmes peacekeeper peacekeepers
    contractor contractors miner miners farmer farmers herder herders pilgrim pilgrims worshippers
    tourist tourists patient patients doctor doctors nurse nurses brother brothers sister sisters son
    sons daughter daughters father mother husband wife relative relatives family families infant
    them infants adult adults teenager teenagers inhabitants citizen citizens nationals occupants
    courier couriers scout scouts youth youths porter reporter photographer cameraman cameramen
    driver guide guides ranger hunter fisherman fishermen trader shepherd shepherds monk monks priest
    priests nun nuns imam imams teacher cadet cadets volunteer medic medics paramedic paramedics
    firefighter rescuer climber hiker crewmember crewmembers spectator fan fans player athlete athletes
    employee employees staffer diplomat diplomats envoy envoys lawmaker senator senators judge judges
    suspect suspects bystander bystanders guest guests pupil pupils baby babies toddler toddlers
    bomber shooter shooters perpetrator perpetrators hijacker hijackers killer killers co-pilot copilot
    friend friends couple
    """.split()
)
# A singular noun that names two people ("a young couple was killed").
PAIR_NOUNS = frozenset({"couple"})
# Agent nouns not listed above ("climbers", "loyalists", "guardians", "residents") still name
# people; these common words with the same endings do not.
_AGENT_SUFFIX = re.compile(r"[a-z]{3,}(?:ers|ists|ians|ants|ents)$")
NOT_PEOPLE = frozenset(
    """
    numbers papers towers containers computers helicopters tankers bombers centers centres letters
    matters orders waters borders headquarters quarters layers chambers incidents events documents
    segments cents assets elements instruments comments statements governments departments
    settlements equipments shipments payments plants grants points quarters markers barriers
    """.split()
)
# A subject that names its victims without a noun ("another was wounded" is one more person).
PRONOUNS = {"they": None, "he": 1, "she": 1, "another": 1}
# Capitalised plurals after a figure are nearly always people ("50 Danes", "four Peruvians", "Kurds").
_DEMONYM = re.compile(r"\b[A-Z][a-z]+(?:s|ese)\b")


# Trigger words of each outcome (participles and adjectives; the verb forms are in casualty_patterns.active).
KILLED = r"killed|slain|dead|neutrali[sz]ed|executed|massacred|murdered|shot\s+dead|beheaded|lost\s+their\s+lives|died|perished|drowned|suffocated|(?:crushed|burned|burnt|stabbed|beaten|hacked|trampled|starved|frozen)\s+to\s+death"
# Being cared for as a patient names the wounded too, but only after an auxiliary ("were taken
# to hospital", "remain in critical care"): "two nurses in hospital said" is no claim.
CARED_FOR = (
    r"taken\s+to\s+(?:[\w-]+\s+){0,2}?hospitals?|rushed\s+to\s+(?:[\w-]+\s+){0,2}?hospitals?|"
    r"treated\s+(?:in|at)\s+(?:(?:a|the|local|nearby)\s+)?hospitals?|treated\s+at\s+the\s+scene|"
    r"treated\s+for\s+(?:[\w\"'\u201c\u201d-]+\s+){0,2}?(?:injuries|wounds|burns|gunshot\s+wounds)|"
    r"in\s+[\"'\u2018\u201c]?(?:critical|intensive|serious)\s+(?:hospital\s+)?(?:care|condition)|in\s+(?:[\w-]+\s+)?hospitals?\b|"
    r"receiving\s+(?:[\w-]+\s+){0,2}?(?:care|treatment)"
)
WOUNDED = r"wounded|injured|hurt|maimed|hospitali[sz]ed|" + CARED_FOR
CAPTURED = r"captured|arrested|detained|abducted|kidnapped|taken\s+(?:prisoner|hostage|captive)s?|held\s+hostage|surrendered|taken"
MISSING = r"missing|unaccounted\s+for|trapped"
# An article saying that everyone on board died ("crashed with no survivors", "killing all 150
# people on board", "none of those on board survived").
EVERYONE_ABOARD_DIED = re.compile(
    r"\bno\s+survivors\b|\bnone\s+of\s+(?:the\s+|those\s+)?(?:[\w-]+\s+){0,4}?survived\b|"
    r"\b(?:no\s*one|nobody)\s+(?:[\w-]+\s+){0,5}?survived\b|\bkilling\s+all\b|"
    r"\ball\s+(?:\d[\d,]*\s+)?(?:people|passengers|those)\s+(?:on\s*board|aboard)\s+(?:were\s+|are\s+)?(?:killed|dead|died)\b",
    re.I,
)


# Where a subject cannot reach back past: clause marks and reporting words.
_BREAKER = re.compile(
    r"[;:()\u2014]|,(?!\d{3})|[\"\u201d]\s+(?=(?:and|but)\b)|\b(?:that|said|says|say|who|which|while|but|when|after|before|because|although|told|"
    r"claimed|stated|added|according\s+to|as|whereas|and\s+(?=(?:he|she|they|it)\b))\b",
    re.I,
)


FINITE = re.compile(r"\b(?:was|were|is|are|had|has|have|been|be|did|do|does|said|says)\b", re.I)
# Where an object noun phrase ends: punctuation, prepositions, a clause, or "and" + a new figure/verb.
_NP_STOP = re.compile(
    r"[,.;:!?()\"\u201c\u201d\u2013\u2014]|\s-\s|\s(?:and|or)\s+(?=(?:\w+ed\b|himself|herself|left|leaving|wounded|wounding|injured|injuring|killed|killing|captured|arrested|abducted|took|seized)\b)|\s(?:in|on|at|during|after|before|near|when|while|since|between|across|"
    r"inside|outside|last|this|over|who|which|that|with|by|as|and\s+(?=[\"\u201c]?(?:\d|a\s+dozen|at\s+least|"
    r"more\s+than|some\b|about\b|dozens|several|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve|twenty|thirty|forty|fifty|hundreds?)))\b",
    re.I,
)
HEDGE = re.compile(
    r"\b(?:may|might|could)\s+have\s+been|\b(?:believed|thought|feared|said|presumed|reported)\s+to\b|"
    r"\breportedly\b|\ballegedly\b|\bpurportedly\b|\blikely\b|\bunconfirmed\b|\bappeared\s+to\b|\bestimated\b",
    re.I,
)
NEGATED = re.compile(r"\b(?:rarely|never|not|no|seldom|n't|nor|neither)\s+(?:\w+\s+)?$", re.I)


LEFT_CONTEXT = 250  # characters before a trigger that may hold its subject


def outcome_of(word: str) -> Outcome:
    """The outcome a trigger word names ("arrested" -> captured)."""
    w = word.lower()
    if re.fullmatch(rf"(?:{KILLED})", w) or re.match(r"kill|neutrali|execut|massacr|murder|los|death|fatalit", w) or re.search(r"lives|death", w):
        return Outcome.killed
    if re.fullmatch(rf"(?:{WOUNDED})", w) or re.match(r"wound|injur|hospitali", w):
        return Outcome.wounded
    if re.fullmatch(rf"(?:{MISSING})", w):
        return Outcome.missing
    return Outcome.captured


def combine(first: str, second: str | None) -> Outcome:
    """"killed or arrested" -> killed_or_captured, "killed and injured" -> casualties."""
    a = outcome_of(first)
    if not second:
        return a
    pair = {a, outcome_of(second)}
    if pair == {Outcome.killed, Outcome.captured}:
        return Outcome.killed_or_captured
    if pair == {Outcome.killed, Outcome.wounded}:
        return Outcome.casualties
    return a


def mentions_people(phrase: str) -> bool:
    """True when ``phrase`` names people (a people noun or a demonym such as "Danes")."""
    words = re.findall(r"[a-z]+", phrase.lower())
    if any(w in PEOPLE_NOUNS or (_AGENT_SUFFIX.fullmatch(w) and w not in NOT_PEOPLE) for w in words):
        return True
    return bool(_DEMONYM.search(phrase))


_PREPOSITION = re.compile(r"\b(?:to|from|for|in|on|at|with|by|aboard|onboard|into|against|near|among|inside|across)\b", re.I)


def head_mentions_people(phrase: str) -> bool:
    """True when the head of ``phrase`` (the words before its first preposition other than "of")
    names people: "fighters from the Orbis group" does, "districts to separatist groups" does not."""
    cut = _PREPOSITION.search(phrase)
    return mentions_people(phrase[: cut.start()] if cut else phrase)


def clean_np(phrase: str) -> str:
    """Strip quotes, stray punctuation and a leading "of" from a noun phrase."""
    phrase = re.sub(r"[\"\u201c\u201d\u2018\u2019']+(?=\s|$)|(?<=\s)[\"\u201c\u201d]+", "", phrase)
    phrase = phrase.strip(" \t,\"\u201c\u201d")
    return re.sub(r"^(?:of|of\s+the)\s+", "", phrase, flags=re.I).strip()


def object_np(sentence: str, start: int) -> tuple[str, int]:
    """The noun phrase that starts at ``start`` and runs to the first stop word or punctuation."""
    rest = sentence[start:]
    stop = _NP_STOP.search(rest)
    end = start + (stop.start() if stop else len(rest))
    return sentence[start:end], end


def subject_window(sentence: str, end: int) -> tuple[int, str]:
    """The stretch before ``end`` back to the nearest clause boundary, and where it starts."""
    base = max(0, end - LEFT_CONTEXT)  # a subject is never further back; bounds the work too
    left = sentence[base:end]
    start = 0
    for breaker in _BREAKER.finditer(left):
        start = breaker.end()
    return base + start, left[start:]


# Victims named only by a pronoun ("four of them", "they were killed") take their antecedent.
ANAPHORIC_VICTIMS = re.compile(r"(?:(?:all|most|some|many|several|none)\s+of\s+)?(?:them|they|those)", re.I)
_SPEAKS = re.compile(r"\s+(?:\w+\s+)?(?:said|say|says|told|reported|added|claimed|confirmed|stated)\b", re.I)
_PLURAL_PEOPLE = frozenset({"men", "women", "children", "people", "police", "personnel", "staff", "crew", "youth"})
_NOT_A_MODIFIER = re.compile(
    r"(?:the|a|an|of|and|or|at|in|on|to|by|for|with|from|some|all|these|those|their|his|her|its|our|"
    r"more|other|many|several|dozens|scores|hundreds|treated|seized|killed|captured|were|was|had|have|"
    r"said|\d[\d,]*|" + "|".join(sorted([*UNITS, *TENS], key=len, reverse=True)) + r")",
    re.I,
)


def antecedent_of(text: str) -> str | None:
    """The last plural noun phrase naming people in ``text`` ("Medics treated 30 wounded people"
    -> "wounded people"), with up to three modifiers before its noun, or None."""
    words = list(re.finditer(r"[A-Za-z][\w'\u2019-]*", text))
    for i in range(len(words) - 1, -1, -1):
        noun = words[i].group(0).lower()
        plural = noun in _PLURAL_PEOPLE or (noun.endswith("s") and noun in PEOPLE_NOUNS)
        if not plural or noun in ("them", "others") or _SPEAKS.match(text, words[i].end()):
            continue  # "Rescuers said five of them": the speakers are not the victims
        first = i
        while first > 0 and i - first < 3 and not _NOT_A_MODIFIER.fullmatch(words[first - 1].group(0)):
            if text[words[first - 1].end() : words[first].start()].strip():
                break  # a comma or a quote ends the phrase
            first -= 1
        return text[words[first].start() : words[i].end()]
    return None
