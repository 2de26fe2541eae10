"""Who a casualty claim's victims are: their role, the party the words name, and the subset.

* ``victim_role``: a closed general vocabulary (``schemas.VictimRole``) read from the victims'
  head noun, and from the sentence for a lone person ("he blew himself up", "the gunman ... was
  shot dead by police"), so an attacker's death never joins its victims' figures.
* ``victim_party``: the named party the victims' words give ("the Varnish army", "Kestrel").
* ``victim_subset``: "Six Varnians on board" and "his brother Bob" are about some of the people on
  board, not all of them; their figures are no rival toll for the side. The subset keeps such
  claims out of the side's conflicts and casualty rows.
Precision over recall: only clear cues count. Pure functions on the claim's words and sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extract.text.families import family_hits
from extract.text.names import KIN_WORDS, described_names, lower, parse_name, person_name
from extract.text.nations import is_people, nation_of, nationalities_in
from schemas import VictimRole

# groups for whom a nationality names a subset (for armed sides it names the side itself)
NON_COMBATANT_FAMILIES = frozenset({"civilians", "passengers", "relatives"})

_KIN = re.compile(rf"\b({KIN_WORDS})\b", re.I)
_SINGLE_LEADER = re.compile(r"\b(commander|leader|chief)\b(?!s)", re.I)
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|ag|al|el|bin|ben|de|van))+")
_PLURAL_DEMONYM = re.compile(r"\b([A-Z][a-z]+(?:ans|ese|ish|is))\b")
_FROM_PLACE = re.compile(r"\bfrom\s+([A-Z][a-z]+)\b(?!\s+[A-Z])")
# where a country's name says whose nationals the victims are: "victims from Varnia", "nationals
# of Varnia" (not "in Varnia": a place within the event, nor "the people of Varnia": all of them)
_COUNTRY_OF_PEOPLE = re.compile(r"\b(?:from|(?:nationals|citizens|natives|subjects)\s+of)\s+(?:the\s+)?$", re.I)


@lru_cache(maxsize=4096)  # pure on two strings, and the same victims recur across many claims
def victim_subset(victims: str, family_id: str | None) -> str | None:
    """A key for the subset of a side the victims are, or None when they are the side as a whole.

    A nationality is keyed by its country, however it is written ("Britons", "British
    nationals", "victims from Britain", "nationals of the United Kingdom" -> "nation:united
    kingdom"), so one nation's figures compare with each other; a nation the general list does
    not know ("Varnians", "from Varnia") by the first letters of its word."""
    for run in _CAPITALISED_RUN.findall(victims):
        person = person_name(_without_nations(run))
        if person and not family_hits(person.lower()) and not _names_a_group(run, victims):
            return "person:" + person.lower()
    kin = _KIN.search(victims)
    if kin:
        return "kin:" + victims.lower()
    leader = _SINGLE_LEADER.search(victims)
    if leader:
        return "individual:" + leader.group(1).lower()
    if family_id in NON_COMBATANT_FAMILIES or family_id is None:
        # for armed sides a nationality names the side itself ("Varnian troops"), no subset
        nations = _nationalities(victims)
        if nations:
            return "nation:" + "+".join(sorted(nations)).lower()
    if family_id in NON_COMBATANT_FAMILIES:
        demonym = _PLURAL_DEMONYM.search(victims) or _FROM_PLACE.search(victims)
        if demonym:
            return "nation:" + demonym.group(1).lower()[:4]
    return None


def _nationalities(victims: str) -> set[str]:
    """The countries whose people the victims' words name: a word for the people ("Britons"), an
    adjective before a noun ("British nationals"), a country the victims are from or nationals of."""
    found = set()
    for start, end, country, form in nationalities_in(victims):
        after = victims[end:]
        if re.match(r"\s+[A-Z]", after):
            continue  # part of a longer name: "Varnia City", "Varnian Airlines"
        if form == "people" or (form == "adjective" and re.match(r"\s+[a-z]", after)):
            found.add(country)
        elif form == "country" and _COUNTRY_OF_PEOPLE.search(victims[:start]):
            found.add(country)
    return found


def _without_nations(run: str) -> str:
    """The run with the nation words that lead it taken out: "Varnian singer Ana Roth" is a person."""
    for start, end, _, _ in nationalities_in(run):
        if start == 0:
            return run[end:].strip()
    return run


def _names_a_group(run: str, victims: str) -> bool:
    """"Varnia's Kestrel" in "fighters from Varnia's Kestrel mercenary group" is a nation and a
    group the words describe, not a person; "Puerto Ricans", "United States" are nations."""
    if any(nation_of(token) for token in run.split()) and _without_nations(run) == run:
        return True
    if any(start == 0 and end == len(run) for start, end, _, _ in nationalities_in(run)):
        return True
    return any(name in run for hit in family_hits(victims.lower()) for name in described_names(victims, hit))


# --- the whole claim: the family, the party and the subset its words give ---------------------------


@lru_cache(maxsize=4096)
def victim_words(claimed_victims: str, figure_text: str) -> str:
    """The victims as a name: the figure's own words taken out ("seven separatist fighters" ->
    "separatist fighters"), so party aliases are names, not tolls. Cached: the same victims and
    figure recur across thousands of claims."""
    victims = claimed_victims
    figure = figure_text.strip()
    if figure and figure.lower() in victims.lower() and figure.lower() != victims.lower().strip():
        index = victims.lower().index(figure.lower())
        rest = (victims[:index] + victims[index + len(figure) :]).strip(" ,")
        # keep the words when the figure was all there was to name them ("everyone else aboard")
        victims = rest if re.sub(r"\([^)]*\)", "", rest).strip() else claimed_victims
    return " ".join(victims.split())


@lru_cache(maxsize=4096)
def victims_family(words: str) -> str | None:
    """The keyword family heading the victims' words ("seven separatist fighters" -> separatists),
    the way party resolution reads a name; None when no family keyword heads them."""
    for referent in parse_name(words):
        if referent.head.family is not None:
            return referent.head.family.id
    return None


_ARMED_OR_STATE = frozenset({"army", "separatists", "foreign_forces", "jihadists", "government"})


@lru_cache(maxsize=4096)
def victim_party(words: str) -> str | None:
    """The party the victims' words name: a group name the words describe ("Kestrel"), a named
    organisation, or an armed or state side with its qualifier ("Varnish army"); None for people
    at large ("12 people", "civilians")."""
    for referent in parse_name(words):
        head = referent.head
        if head.names:
            return head.names[0]
        if head.family is not None and head.family.id in _ARMED_OR_STATE:
            return f"{head.qualifier} {head.keyword}" if head.qualifier else head.keyword
        if head.org and head.family is None and not is_people(head.org):
            return head.org
    return None


_PARTITIVE_PART = re.compile(
    r"\s+(?:of\s+(?:them|whom|(?:the|those|these)\s+(?:dead|victims|bodies|deceased|killed|casualties|injured|wounded)))\s+"
    r"(?:were|was|are|is)\s+(?!(?:in|at|from|on|found|recovered|killed|among)\b)(?:an?\s+)?(?P<part>[a-z][\w-]*)",
    re.IGNORECASE,
)
_LONE_PRONOUN = re.compile(r"^(?:he|she|him|her)$", re.IGNORECASE)
# "The dead include 16 pupils and their two teachers", "Among the victims were 12 nurses": the
# figures after such words count some of the victims, not all of them (up to the clause's end)
_INCLUDED_AMONG = re.compile(
    r"(?:\b(?:dead|victims|casualties|deceased|killed|injured|wounded|missing)\s+(?:also\s+)?(?:include[sd]?|including)\b"
    r"|\bamong\s+(?:the\s+)?(?:dead|victims|casualties|deceased|killed|injured|wounded|missing)\s+(?:were|are|was|is)\b)"
    r"[^.;:!?]*$",
    re.IGNORECASE,
)


def claim_subset(victims: str, figure: str, sentence: str) -> str | None:
    """The subset of the victims a claim counts: ``victim_subset`` of its words, or the part a
    partitive names ("Three of the dead were teenagers", "One of the dead was a cashier", "The
    dead include 16 pupils"), or one person named by a pronoun ("he died")."""
    found = victim_subset(victims, victims_family(victims))
    if found:
        return found
    if _LONE_PRONOUN.match(victims.strip()):
        return "individual:" + victims.strip().lower()
    if figure.strip():
        at = lower(sentence).find(lower(figure))
        if at >= 0:
            part = _PARTITIVE_PART.match(sentence, at + len(figure))
            if part:
                return "part:" + " ".join(part.group("part").lower().split())
            if _INCLUDED_AMONG.search(sentence[:at]):
                return "part:" + " ".join(victim_words(victims, figure).lower().split())
    return None


# --- the victims' role -----------------------------------------------------------------------------

_ROLE_NOUNS: tuple[tuple[VictimRole, str], ...] = (
    (VictimRole.attackers, r"attackers?|assailants?|gunm[ae]n|shooters?|(?:suicide\s+)?bombers?|perpetrators?|hijackers?|"
                           r"kidnappers?|terrorist(?!s)|suicide\s+(?:pilot|attacker)s?|suspects?"),
    (VictimRole.security_forces, r"soldiers?|troops?|policem[ae]n|policewom[ae]n|police(?:\s+officers?)?|officers?|"
                                 r"arm(?:y|ies)|military|servicem[ae]n|security\s+forces|gendarm\w*|marines?|guards?"),
    (VictimRole.fighters, r"rebels?|militants?|insurgents?|jihadists?|mercenar\w+|fighters?|separatists?|guerr?illas?|"
                          r"militia(?:s|men)?|combatants?|terrorists|paramilitar\w*|islamists?"),
    (VictimRole.rescuers_and_aid_workers, r"rescuers?|rescue\s+workers?|firefighters?|firemen|aid\s+workers?|"
                                          r"relief\s+workers?|humanitarian\s+workers?|paramedics?|medics?|volunteers?"),
    (VictimRole.passengers_and_crew, r"passengers?|crew(?:\s+members?)?|aboard|on\s?board"),
    (VictimRole.people, r"people|persons?|civilians?|residents?|villagers?|children|child|women|woman|men|man|"
                        r"victims|dead|bodies|lives|fans|spectators|supporters|worshippers|shoppers|pupils|students|"
                        r"migrants|refugees|workers|miners|tourists|adults|teenagers|babies|infants|inhabitants|"
                        r"deaths|pedestrians|others|everyone|everybody|no\s+one|nobody|girls?|boys?"),
)
_ROLE_PATTERN = re.compile("|".join(f"(?P<r{i}>\\b(?:{words})\\b)" for i, (_, words) in enumerate(_ROLE_NOUNS)), re.IGNORECASE)
_COMPLEMENT = re.compile(r"\b(?:of|from|with|in|at|among|including|who|which|that|belonging)\b", re.IGNORECASE)
_REFLEXIVE = re.compile(r"^(?:him|her|them)sel(?:f|ves)$", re.IGNORECASE)
_LONE_PERSON = re.compile(r"^(?:he|she|him|her|(?:a|the)\s+(?:lone\s+)?(?:man|woman|suspect))$", re.IGNORECASE)
_KILLED_BY_FORCES = re.compile(
    r"\b(?:was|were|been|being)\s+(?:shot|killed|gunned\s+down)(?:\s+dead)?\s+by\s+(?:the\s+)?(?:armed\s+)?"
    r"(?:police|officers|troops|soldiers|security\s+forces|special\s+forces)\b", re.IGNORECASE,
)
_DOES_THE_ATTACK = r"\s+(?:\w+\s+){0,2}?(?:detonated|opened\s+fire|blew\s+(?:himself|herself|themselves)\s+up|set\s+off|rammed|stabbed)\b"
_ATTACKER_BEFORE = re.compile(r"\b(?:the|a)\s+(?:\w+\s+)?(?:attacker|assailant|gunman|shooter|bomber|perpetrator|hijacker|terrorist)\b", re.IGNORECASE)


def role_of_words(words: str) -> VictimRole:
    """The role the victims' head noun gives: the last role noun of the main phrase ("Varnish
    soldiers" -> security forces), else the first of its complement ("members of the army")."""
    cut = _COMPLEMENT.search(words)
    main_end = cut.start() if cut else len(words)
    found = [(m.start(), _role_at(m)) for m in _ROLE_PATTERN.finditer(words)]
    if not found:
        return VictimRole.unknown
    main = [role for start, role in found if start < main_end]
    roles = {role for _, role in found}
    if VictimRole.passengers_and_crew in roles and roles <= {VictimRole.passengers_and_crew, VictimRole.people}:
        return VictimRole.passengers_and_crew  # "all 150 people aboard"
    if _NEUTRAL_HEAD.match(words):
        # "bodies believed to be from the army's side": the side names them; "bodies ... from their
        # side" names none, and the dead of any side are "bodies"
        sided = [role for start, role in found if start >= main_end and role is not VictimRole.people]
        return sided[0] if sided else VictimRole.unknown
    role = main[-1] if main else found[0][1]
    if role is VictimRole.attackers and victims_family(words) in _ARMED_GROUPS:
        return VictimRole.fighters  # "separatist gunmen": a group's fighters, not one attack's perpetrators
    return role


_NEUTRAL_HEAD = re.compile(r"^(?:the\s+|some\s+|many\s+|several\s+)?(?:bodies|corpses|dead|victims|remains|deaths|lives|others)\b", re.IGNORECASE)
_ARMED_GROUPS = frozenset({"separatists", "jihadists", "foreign_forces"})


def _role_at(match: re.Match) -> VictimRole:
    return _ROLE_NOUNS[int(match.lastgroup[1:])][0]


def victim_role(victims: str, sentence: str, before: str = "") -> VictimRole:
    """The victims' role: from their words, or for one person from what the sentence says they
    did ("killing himself", "a lone man detonated a device and died", "he was shot dead by police")
    or a lone pronoun after "the attacker" in the text just ``before`` the sentence."""
    words = victims.strip()
    if _REFLEXIVE.match(words):
        return VictimRole.attackers  # "the gunman ... then killed himself": the one who did it
    if _LONE_PERSON.match(words):
        at = sentence.find(words)
        after = sentence[at:] if at >= 0 else sentence
        if _KILLED_BY_FORCES.search(after) or re.match(re.escape(words) + _DOES_THE_ATTACK, after, re.IGNORECASE):
            return VictimRole.attackers
        if _LONE_PRONOUN.match(words) and _ATTACKER_BEFORE.search(before + " " + sentence[: max(at, 0)]):
            return VictimRole.attackers
    role = role_of_words(words)
    if role is VictimRole.unknown and any(is_people(word) for word in re.findall(r"[A-Z][a-z]+", words)):
        return VictimRole.people  # "50 Varnians": a nation's people
    return role
