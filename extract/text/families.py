"""Keyword families: the kinds of party that conflict and disaster reporting names.

A family is a side or a kind of source ("separatists", "army", "local sources"). The keywords
are general English, words any report of a war, bombing, quake, storm or crash may use; never
one event's actors, places or figures (a proper name earns a place only when reports of two or
more events use it: the news agencies). A named group's family is learnt from the articles'
own descriptions ("Kestrel, a Varnian mercenary group"; see ``names``), never listed here. National families (armies, governments, companies,
outlets) are told apart by a qualifier such as a nationality (see ``parties``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    id: str
    label: str
    keywords: tuple[str, ...]
    qualified: bool = False  # one party per nation/outlet: "Varnish army" is not "Danish army"
    role: bool = False  # a head noun of this family ("bloggers") outranks other words in the phrase


FAMILIES: tuple[Family, ...] = (
    Family(
        "separatists",
        "separatists",
        (
            r"separatis\w*", r"rebels?", r"rebellion", r"secession\w*",
            r"independence (?:movement|fighters|groups?)", r"liberation fronts?",
        ),
    ),
    Family(
        "army",
        "army",
        (
            r"arm(?:y|ies)(?:'s)?", r"soldiers?", r"troops?", r"military", r"armed forces",
            r"juntas?", r"government forces", r"security forces", r"national guard", r"gendarm\w*",
            r"navy", r"air force", r"defen[cs]e forces",
        ),
        qualified=True,
    ),
    Family(
        "foreign_forces",
        "foreign forces",
        (
            r"mercenar\w*", r"private military compan\w+", r"allies", r"allied",
            r"foreign (?:forces|troops|fighters)", r"paramilitar\w*", r"militias?",
        ),
    ),
    Family(
        "jihadists",
        "jihadists",
        (r"jihad\w*", r"islamists?"),
    ),
    Family(
        "civilians",
        "civilians",
        (r"civilians?", r"migrant\w*", r"villagers?", r"refugees?", r"displaced \w+", r"children", r"non-combatants?"),
    ),
    Family(
        "passengers",
        "passengers and crew",
        (
            r"passengers?", r"crew", r"on ?board", r"aboard",
            r"(?:people |everyone |all |those )?on (?:the|that|this|board the) (?:aircraft|plane|flight|jet|ship|vessel|boat|ferry|bus|train)",
        ),
    ),
    Family(
        "local_sources",
        "local sources",
        (
            r"(?:local|municipal|district|village|town|city|community|tribal) "
            r"(?:officials?|politicians?|sources?|residents?|elders?|leaders?|authorities|journalists?|councillors?)",
            r"mayors?", r"politicians?", r"un", r"u\.n\.", r"united nations", r"residents?", r"witness(?:es)?",
            r"elders?", r"medical (?:sources?|staff|workers?)", r"doctors?", r"nurses?", r"medics?", r"hospitals?",
            r"aid (?:workers?|groups?|agenc(?:y|ies))", r"humanitarian\w*", r"relief", r"red cross", r"red crescent", r"ngos?",
        ),
    ),
    Family(
        "media",
        "media",
        (
            r"afp", r"agence france[- ]presse", r"reuters", r"ap", r"associated press", r"bbc",
            r"journalists?", r"reporters?",
            r"correspondents?", r"outlet", r"newspapers?", r"own reporting",
        ),
        qualified=True,
        role=True,
    ),
    Family(
        "commentators",
        "commentators",
        (r"bloggers?", r"analysts?", r"experts?", r"observers?", r"researchers?", r"think tanks?", r"monitors?"),
        role=True,
    ),
    Family(
        "government",
        "government",
        (
            r"governments?", r"minist\w+", r"prime minister", r"president", r"premier", r"authorities",
            r"officials?", r"bureau", r"department", r"state media",
        ),
        qualified=True,
    ),
    Family(
        "companies",
        "company",
        (r"airlines?", r"airways", r"compan(?:y|ies)", r"corporation", r"operators?", r"manufacturers?"),
        qualified=True,
    ),
    Family("investigators", "investigators", (r"investigators?", r"investigation", r"inquiry")),
    Family("relatives", "relatives", (r"relatives", r"families", r"family members", r"next of kin")),
)

FAMILY_BY_ID = {family.id: family for family in FAMILIES}

# Outlets that are parties of their own: the media family is qualified by the outlet's name.
OUTLET_KEYWORDS = frozenset(
    {"afp", "agence france-presse", "agence france presse", "reuters", "ap", "associated press", "bbc"}
)


@dataclass(frozen=True)
class Hit:
    family: Family
    start: int
    end: int
    text: str


def _compile() -> re.Pattern[str]:
    parts = []
    for index, family in enumerate(FAMILIES):
        alternatives = "|".join(family.keywords)
        parts.append(f"(?P<f{index}>{alternatives})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


_PATTERN = _compile()


def family_hits(lowered: str) -> list[Hit]:
    """Every keyword of every family in ``lowered`` (already lower-cased), in text order.

    Overlapping keywords of different families are all reported ("local official" is a local
    source, "official" alone a government one): the caller decides which one heads the phrase.
    """
    hits: list[Hit] = []
    for match in _PATTERN.finditer(lowered):
        hits.extend(_hits_at(lowered, match.start()))
    # words inside a longer keyword of another family ("official" in "local official")
    extra: list[Hit] = []
    for hit in hits:
        for sub in _PATTERN.finditer(lowered, hit.start + 1, hit.end):
            if sub.end() <= hit.end:
                extra.extend(_hits_at(lowered, sub.start()))
    seen: set[tuple[str, int, int]] = set()
    out: list[Hit] = []
    for hit in sorted(hits + extra, key=lambda h: (h.start, -h.end)):
        key = (hit.family.id, hit.start, hit.end)
        if key not in seen:
            seen.add(key)
            out.append(hit)
    return out


def names_a_family(lowered: str) -> bool:
    """Whether ``lowered`` (already lower-cased) holds a keyword of any family: the same as
    ``bool(family_hits(lowered))`` (every match of the pattern is a hit), without listing them."""
    return _PATTERN.search(lowered) is not None


def _hits_at(lowered: str, position: int) -> list[Hit]:
    match = _PATTERN.match(lowered, position)
    if match is None:
        return []
    for name, value in match.groupdict().items():
        if value is not None:
            family = FAMILIES[int(name[1:])]
            return [Hit(family, match.start(), match.end(), value)]
    return []
