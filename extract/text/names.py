"""Parsing one name into the referents it names: the first step of party resolution.

"Mohamed X, spokesman for the Y alliance (YA)" is one referent whose segments are the head
("Mohamed X"), the role's affiliation ("the Y alliance") and the acronym ("YA"); "A and B" names
two referents; "X, known as Y" links X and Y; kinship appositions ("brother of Z") name someone
else and are dropped. Each segment resolves on its own to a keyword family (with a nation where
the family is national), a person, an organisation or nothing. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.text.families import OUTLET_KEYWORDS, Family, family_hits
from extract.text.nations import nation_of, nations_in

# Words that end the main phrase of a name: what follows is a complement ("spokesman for X").
_PREPOSITION = re.compile(
    r"\b(?:for|of|with|from|in|at|to|among|by|who|which|that|believed|thought|affiliated|attributed|"
    r"resembling|operating|led|called|known|per)\b"
)
# Roles that carry an affiliation ("fighters of X", "a spokesman for Y"). Plural and group words are
# here, unlike ``extract.text.claimants.ROLE_WORDS`` (one speaker's role in an apposition): a name may
# speak of a side's members.
_ROLE_WORDS = (
    r"spokes(?:man|woman|person)|members?|leaders?|commanders?|heads?|chiefs?|officers?|directors?(?:-general)?|"
    r"director-general|representatives?|envoys?|workers?|staff|fighters?|officials?|ministers?|prime minister|"
    r"president|premier|secretary|colonel|col\.|general|gen\.|captain|major|CEO|chief executive|chairman|chairwoman"
)
_ROLE_AFFILIATION = re.compile(
    rf"^(?:(?:a|an|the|former|senior|chief|deputy)\s+)*(?P<role>(?:[\w.-]+\s+){{0,2}}?(?:{_ROLE_WORDS}))"
    rf"\s+(?:for|of|with|at|in|from)\s+(?P<affiliation>.+)$",
    re.IGNORECASE,
)
_LEADING_ROLE = re.compile(rf"^(?:(?:a|an|the|former)\s+)*(?:[\w-]+\s+)?(?:{_ROLE_WORDS})\s+(?=[A-Z])")
PLURAL_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians|ans|eses|ese|is)$")
# Words for a relative, shared with ``victims`` (a victim named by kin is one person).
KIN_WORDS = "brother|sister|son|daughter|wife|husband|father|mother|cousin|uncle|aunt|nephew|niece"
_KINSHIP = re.compile(rf"^(?:(?:a|an|the|his|her|their)\s+)?(?:{KIN_WORDS}|relative|friend)s?\b", re.I)
_KNOWN_AS = re.compile(r",?\s+(?:also\s+)?(?:known as|called|named|dubbed)\s+", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]{2,})*$")
_CAPITALISED = re.compile(r"^[A-Z][\w'’.-]*$")
_NAME_PARTICLES = frozenset({"ag", "al", "el", "bin", "ben", "ibn", "de", "da", "van", "von", "der", "le", "la", "abu"})
_NOT_NAME_WORDS = frozenset(
    """the a an its their his her both some several former local statement statements videos video footage report
    reports headline message group movement movements alliance coalition coordination framework mission council front
    party office agency times news press post center centre institute forces force corps company airlines airways
    bureau ministry department government army navy union committee commission network unit brigade battalion
    society association foundation organisation organization authority service services institute university
    club league fund bank programme program initiative observatory watch relief cross crescent hospital
    says said told according north south east west northern southern eastern western""".split()
) | frozenset(
    # words that are never a name, whatever their capital letter: pronouns, determiners, days, months
    """he she it they we i you him them us this that these those another other others each every all
    any none no one someone somebody everyone there here then now also but and or when while after
    before during monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    tonight january february march april may june july august september october november december""".split()
)
NOT_NAME_WORDS = _NOT_NAME_WORDS
# A nationality adjective's shape ("Varnian", "Korsan", "Danish", "Iraqi"): how an unlisted nation
# is still told from any capitalised word ("Budget", "Education") before a national keyword.
_ADJECTIVE_OF_NATION = re.compile(r"^[A-Z][a-z]+(?:ian|an|ese|ish|i)$")
# Members of a named group: "Kestrel fighters" are Kestrel's, whatever family Kestrel has.
_MEMBER_NOUNS = re.compile(
    r"^(?P<name>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})\s+(?:fighters|militants|gunmen|personnel|members|forces|troops|units?)$"
)
# A proper name the family phrase describes: "Varnia's Kestrel mercenary group", "the Kestrel
# paramilitary group" (before the keyword), "the Varnian mercenary group Kestrel" (after it).
_NAME_TOKEN = re.compile(r"[A-Z][\w'’.-]*")
_GROUP_NOUNS = r"(?:\s+(?:group|outfit|company|force|organisation|organization|network|movement))?"
LEADING_DETERMINERS = re.compile(r"^(?:(?:a|an|the|its|their|his|her|some|several|both|former|mostly|mainly)\s+)+", re.I)
_GENERIC_ORG_WORDS = re.compile(
    r"\b(?:statement|statements|alliance|coalition|group|movement|report|videos?|footage|spokes\w+|people)\b", re.I
)


@dataclass
class Segment:
    """A piece of a name that names one referent, resolved on its own."""

    text: str
    family: Family | None = None
    qualifier: str | None = None
    person: str | None = None
    org: str | None = None
    keyword: str | None = None  # the family keyword as written ("Orbis", "rebels")
    names: list[str] = field(default_factory=list)  # proper names the family phrase describes


@dataclass
class Referent:
    head: Segment
    linked: list[Segment] = field(default_factory=list)

    def segments(self) -> list[Segment]:
        return [self.head, *self.linked]


def lower(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").lower()


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("“", "").replace("”", "").replace('"', "")).strip(" ,.;:")


def parse_name(name: str) -> list[Referent]:
    """Split a name into referents (several for "A and B"), each with its linked segments."""
    name = _clean(name)
    parens = [p.strip() for p in _PAREN.findall(name) if p.strip()]
    body = _clean(_PAREN.sub(" ", name))
    known_as = _KNOWN_AS.split(body, maxsplit=1)
    appositions: list[str] = []
    if len(known_as) == 2:
        body, alias = known_as
        appositions.append(alias)
    head_text, *commas = [part.strip() for part in body.split(",") if part.strip()] or [body]
    appositions = commas + appositions
    referents = [Referent(_segment(part)) for part in _split_and(head_text)]
    referents = [r for r in referents if _resolves(r.head)] or [Referent(_segment(head_text))]
    target = referents[-1]
    for text in appositions:
        target.linked.extend(_appositive(text))
    for text in parens:
        if ACRONYM.match(text):
            target.linked.append(Segment(text, org=text))
        else:
            target.linked.extend(_appositive(text))
    _qualify_from_country(target)
    return referents


def _qualify_from_country(referent: Referent) -> None:
    """"Department of Roads (Varnland)", "prime minister of Norway": a bare proper noun
    beside an unqualified national family is that family's nation, not an organisation."""
    families = [s for s in referent.segments() if s.family and s.family.qualified and not s.qualifier]
    countries = [s for s in referent.segments() if is_bare_proper(s.org)]
    if families and countries:
        for segment in families:
            segment.qualifier = countries[0].org
        for segment in countries:
            segment.org = None


def is_bare_proper(org: str | None) -> bool:
    return bool(org) and len(org.split()) == 1 and not ACRONYM.match(org)


def _split_and(text: str) -> list[str]:
    parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", text) if p.strip()]
    return parts if len(parts) > 1 else [text]


def _resolves(segment: Segment) -> bool:
    return bool(segment.family or segment.person or segment.org)


def _appositive(text: str) -> list[Segment]:
    """Segments an apposition contributes: a role's affiliation, a family, an org or a person.

    Kinship and other descriptions ("brother of Ivo Lent") contribute nothing: they name
    someone else, not the same referent.
    """
    text = _clean(text)
    if _KINSHIP.match(text):
        return []
    match = _ROLE_AFFILIATION.match(text)
    if match:
        role = _segment(match.group("role"))
        return ([role] if role.family else []) + [_segment(match.group("affiliation"))]
    segment = _segment(text)
    if segment.family or segment.org:
        return [segment]
    stripped = _LEADING_ROLE.sub("", text)
    if segment.person or person_name(stripped):
        return [_segment(stripped)]
    return []


def _segment(text: str) -> Segment:
    text = _clean(text)
    segment = Segment(text)
    lowered = lower(text)
    hits = family_hits(lowered)
    if hits:
        hit = _head_hit(lowered, hits)
        segment.family = hit.family
        segment.qualifier = _qualifier(text, hit)
        segment.keyword = text[hit.start : hit.end]
        segment.names = described_names(text, hit)
        segment.person = _titled_person(text, hit)
        return segment
    if _is_not_a_name(text):
        return segment  # "Saturday", "He", "Another": no referent at all
    members = _MEMBER_NOUNS.match(LEADING_DETERMINERS.sub("", text))
    if members and not _is_not_a_name(members.group("name")) and not nation_of(members.group("name")):
        segment.org = members.group("name")
        return segment
    person = person_name(_LEADING_ROLE.sub("", text))
    if person:
        segment.person = person
        return segment
    segment.org = _org_key(text)
    return segment


def _is_not_a_name(text: str) -> bool:
    """Every word of ``text`` is a pronoun, determiner, day, month or the like: it names no one."""
    words = [lower(w).strip(".,;:'’\"") for w in text.split()]
    return bool(words) and all(w in _NOT_NAME_WORDS or not w for w in words)


def _is_name_token(token: str) -> bool:
    word = lower(token).removesuffix("'s").rstrip(".")
    return (
        bool(_CAPITALISED.match(token)) and word not in _NOT_NAME_WORDS and not family_hits(word)
        and nation_of(token) is None
    )


def described_names(text: str, hit) -> list[str]:
    """Proper names a family phrase describes, so their family is learnt from the text:
    "Varnia's Kestrel mercenary group" and "the Kestrel mercenaries" (the name just before the
    keyword), "the Varnian mercenary group Kestrel" (the name just after it and its group noun).
    Nations, pronouns, days and family words are not names; a complement's words are not either."""
    found: list[str] = []
    before = re.findall(r"\S+", text[: hit.start])
    run: list[str] = []
    for token in reversed(before):
        if not _is_name_token(token) or token.endswith(("'s", "’s")):
            break
        run.insert(0, token)
    if run:
        found.append(" ".join(run))
    after = re.match(rf"{_GROUP_NOUNS}\s+((?:{_NAME_TOKEN.pattern})(?:\s+{_NAME_TOKEN.pattern}){{0,3}})\s*$", text[hit.end :])
    if after and all(_is_name_token(t) for t in after.group(1).split()):
        found.append(after.group(1))
    return found


def _titled_person(text: str, hit) -> str | None:
    """The person a role keyword titles: "Prime Minister Ana Roth", "Varnian President Ana Roth"."""
    if hit.family.id not in {"government", "army"}:
        return None
    return person_name(_LEADING_ROLE.sub("", text[hit.end :].strip()))


def _head_hit(lowered: str, hits):
    """The hit that heads the phrase: a role family's head noun first, then the last keyword of the
    main phrase (English heads come last: "Varnish mercenaries"), else the first in a complement."""
    cut = _PREPOSITION.search(lowered)
    main_end = cut.start() if cut else len(lowered)
    main = [h for h in hits if h.end <= main_end]
    roles = [h for h in main if h.family.role]
    if roles:
        return max(roles, key=lambda h: (h.end, h.end - h.start))
    if main:
        return max(main, key=lambda h: (h.end, h.end - h.start))
    return min(hits, key=lambda h: (h.start, -(h.end - h.start)))


def _qualifier(text: str, hit) -> str | None:
    """The nation (or outlet) a qualified family's name points to: "Varnish army" -> "Varnish"."""
    if not hit.family.qualified:
        return None
    if hit.family.id == "media":
        return text[hit.start : hit.end] if hit.text in OUTLET_KEYWORDS else None
    listed = [nation for start, end, nation in nations_in(text[: hit.start])]
    if listed:
        return listed[-1]  # the nation nearest its keyword: "the Varnian-backed Korsan army" is Korsa's
    keyword_words = set(lower(hit.text).split())
    # the nation stands before its keyword: "Varnish army", "Varnish Rail Safety Bureau"
    for token in re.findall(r"[A-Za-z][\w'’.-]*", text[: hit.start]):
        word = lower(token).removesuffix("'s").rstrip(".")
        if not _CAPITALISED.match(token) or word in _NOT_NAME_WORDS or word in keyword_words:
            continue
        if word in {"mr", "mrs", "ms", "dr", "col", "gen", "colonel", "general", "president", "prime", "minister"}:
            continue
        if family_hits(word) or ACRONYM.match(token.rstrip(".")) and len(token) > 4:
            continue
        candidate = token.replace("’", "'").removesuffix("'s").rstrip(".")
        if hit.family.id in {"army", "government"} and not (
            _ADJECTIVE_OF_NATION.match(candidate) or token.endswith(("'s", "’s"))
        ):
            continue  # "Education Minister", "Budget officials": a capital letter makes no nation
        return candidate
    # or is named after it as a lone proper noun: "government of Varnia" (not "of Civil Aviation")
    after = re.match(r"\s+(?:of|for)\s+(?:the\s+)?([A-Z][a-z]+)(?![\w-])(?!\s+[A-Z])", text[hit.end :])
    if after and nation_of(after.group(1)):
        return nation_of(after.group(1))
    return None


def person_name(text: str) -> str | None:
    """A person's name: two or more capitalised words (particles allowed), no org words, no acronym."""
    text = _clean(LEADING_DETERMINERS.sub("", text))
    tokens = text.split()
    if not 2 <= len(tokens) <= 6:
        return None
    capitalised = 0
    for token in tokens:
        word = lower(token).removesuffix("'s")
        if word in _NAME_PARTICLES:
            continue
        if not _CAPITALISED.match(token) or ACRONYM.match(token) or word in _NOT_NAME_WORDS:
            return None
        if any(ch.isdigit() for ch in token):
            return None
        capitalised += 1
    return text.replace("’s", "").replace("'s", "") if capitalised >= 2 else None


def _org_key(text: str) -> str | None:
    """An organisation's key: its acronym if it has one, else its proper-noun words."""
    for token in re.findall(r"[A-Za-z0-9][A-Za-z0-9-]*", text):
        if ACRONYM.match(token) and len(token) >= 2:
            return token
    words = [t for t in _GENERIC_ORG_WORDS.sub(" ", LEADING_DETERMINERS.sub("", text)).split() if t]
    proper = [w for w in words if _CAPITALISED.match(w)]
    if proper and len(proper) == len(words):
        return " ".join(proper)
    return None


def initials(org: str) -> str:
    return "".join(w[0] for w in org.split() if w[0].isupper())


