"""Parsing one name into the referents it names: the first step of party resolution.

"Mohamed X, spokesman for the Y alliance (YA)" is one referent whose segments are the head
("Mohamed X"), the role's affiliation ("the Y alliance") and the acronym ("YA"); "A and B" names
two referents; "X, known as Y" links X and Y; kinship appositions ("brother of Z") name someone
else and are dropped. Each segment resolves on its own to a keyword family (with a nation where
the family is national), a person, an organisation or nothing. An office that speaks for a
nation's government ("Foreign Secretary", "governor", "chancellor") is the government family only
when the phrase names the nation ("Norwegian Foreign Secretary Ana Roth", "the governor of
Varnia"); a title, up to four words before a role, and an honorific ("Mr", "Gov.") are never part
of a person's name; a nation's name however long ("New Zealand") is never a person's and its
people ("New Zealanders") name no referent; "X's chief executive" speaks for X. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.text.families import FAMILY_BY_ID, OUTLET_KEYWORDS, Family, family_hits
from extract.text.nations import is_people, nation_of, nations_in, people_of

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
    r"president|premier|secretary|colonel|col\.|general|gen\.|captain|major|CEO|chief executive|chairman|chairwoman|"
    r"executive|coordinator|chancellor|governor|senator|constable|commissioner|inspector|superintendent|mayor"
)
_ROLE_AFFILIATION = re.compile(
    rf"^(?:(?:a|an|the|former|senior|chief|deputy)\s+)*(?P<role>(?:[\w.-]+\s+){{0,2}}?(?:{_ROLE_WORDS}))"
    rf"\s+(?:for|of|with|at|in|from)\s+(?P<affiliation>.+)$",
    re.IGNORECASE,
)
# "Orbis CEO Ana Roth", "Civil Protection Agency leader Ana Roth", "Gov. Ana Roth", "Mr Roth":
# a title of up to three words before a role, or an honorific, then the name (capitalised).
_HONORIFIC = r"(?:mr|mrs|ms|dr|prof|gov|sen|rep|lt|sgt|cpl|capt|supt|insp)\.?"
_LEADING_ROLE = re.compile(
    rf"^(?:(?i:a|an|the|former|senior|deputy|acting|junior)\s+)*"
    rf"(?:(?:[\w.'’-]+\s+){{0,4}}?(?i:{_ROLE_WORDS})|(?i:{_HONORIFIC}))\s+(?=[A-Z])"
)
_SHORT_LEADING_ROLE = re.compile(rf"^(?:(?:a|an|the|former)\s+)*(?:[\w-]+\s+)?(?:{_ROLE_WORDS})\s+(?=[A-Z])")
_HONORIFIC_NAME = re.compile(rf"^(?i:{_HONORIFIC})\s+(?P<name>(?:(?:van|von|de|da|der|al|el|bin|ibn)\s+)?[A-Z][\w'’-]+(?:\s+(?:van|von|de|da|der|al|el|bin|ibn|[A-Z][\w'’-]+))*)$")
PLURAL_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:ians|ans|eses|ese|is)$")
# Words for a relative, shared with ``victims`` (a victim named by kin is one person).
KIN_WORDS = "brother|sister|son|daughter|wife|husband|father|mother|cousin|uncle|aunt|nephew|niece"
_KINSHIP = re.compile(rf"^(?:(?:a|an|the|his|her|their)\s+)?(?:{KIN_WORDS}|relative|friend)s?\b", re.I)
_KNOWN_AS = re.compile(r",?\s+(?:also\s+)?(?:known as|called|named|dubbed)\s+", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{1,}(?:-[A-Z0-9]{2,})*$")
_CAPITALISED = re.compile(r"^[A-Z][\w'’.-]*$")
NAME_PARTICLES = frozenset({"ag", "al", "el", "bin", "ben", "ibn", "de", "da", "van", "von", "der", "le", "la", "abu"})
_NOT_NAME_WORDS = frozenset(
    """the a an its their his her both some several former local statement statements videos video footage report
    reports headline message group movement movements alliance coalition coordination framework mission council front
    party office agency times news press post center centre institute forces force corps company airlines airways
    bureau ministry department government army navy union committee commission network unit brigade battalion
    society association foundation organisation organization authority service services institute university
    club league fund bank programme program initiative observatory watch relief cross crescent hospital
    police constabulary survey command university college school academy trust board partnership
    administration
    says said told according north south east west northern southern eastern western""".split()
) | frozenset(
    # words that are never a name, whatever their capital letter: pronouns, determiners, days, months
    """he she it they we i you him them us this that these those another other others each every all
    any none no one someone somebody everyone there here then now also but and or when while after
    before during monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    tonight january february march april may june july august september october november december""".split()
)
NOT_NAME_WORDS = _NOT_NAME_WORDS
# Offices that speak for a nation's government when the phrase names the nation ("Norwegian Foreign
# Secretary", "the governor of Varnia", "Varnia's chancellor"); with no nation named they title a
# person and nothing more (a state's governor, a university's chancellor).
_NATIONAL_OFFICE = re.compile(
    r"(?<![\w-])(?:(?:foreign|home|defen[cs]e|interior|health|transport|justice|treasury|press)\s+secretar(?:y|ies)"
    r"|secretar(?:y|ies)\s+of\s+state|chancellor|governor|gov\.)(?![\w-])",
    re.IGNORECASE,
)
# "Orbis' chief executive", "the Kestrel Group's spokesman": a role that speaks for the named body.
_ROLE_OF_ORG = re.compile(
    rf"^(?:the\s+)?(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,4}})(?:['’]s|s['’]|['’])\s+"
    rf"(?:[\w-]+\s+){{0,2}}?(?i:{_ROLE_WORDS})$"
)
# A title that is one person's, so a lone surname after it names that person ("President Roth").
_PERSON_TITLE = re.compile(r"(?:prime\s+)?minister|president|premier")
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
        if lower(text) in OUTLET_KEYWORDS and not (target.head.family and target.head.family.id == "media"):
            continue  # "KARSK, Varnia (AP)": a dateline's agency credit, not the place's acronym
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
    """A lone proper noun ("Korsa", "Halvorsen") or a nation's name however long ("New Zealand",
    "UK"): a word that names no organisation by itself."""
    if not org:
        return False
    return nation_of(org) is not None or (len(org.split()) == 1 and not ACRONYM.match(org))


def _split_and(text: str) -> list[str]:
    """The conjuncts of "A and B"; a lone nation's adjective shares the head of the last conjunct
    when that opens with one too ("Varnian and Korsan air crews": Varnian air crews, Korsan air crews)."""
    parts = [p.strip() for p in re.split(r"\s+(?:and|&)\s+", text) if p.strip()]
    if len(parts) < 2:
        return [text]
    last = parts[-1].split(maxsplit=1)
    if len(last) == 2 and _is_nation_adjective(last[0]):
        parts = [f"{p} {last[1]}" if _is_nation_adjective(p) else p for p in parts[:-1]] + [parts[-1]]
    return parts


def _is_nation_adjective(word: str) -> bool:
    """"Varnian", "Danish": a nation's adjective, not its name ("Denmark") nor its people ("Danes")."""
    return bool(nation_of(word)) and lower(word) != lower(nation_of(word) or "") and not is_people(word)


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
    if _national_office(text, segment):
        return segment
    speaks_for = _ROLE_OF_ORG.match(text)
    if speaks_for and not nation_of(speaks_for.group("org")) and not _is_not_a_name(speaks_for.group("org")):
        # "Orbis' chief executive" speaks for Orbis, "Ana Roth's spokesman" for Ana Roth
        owner = speaks_for.group("org")
        segment.person = person_name(owner)
        segment.org = None if segment.person else _org_key(owner)
        return segment
    bare = LEADING_DETERMINERS.sub("", text)
    if is_people(bare) or (people_of(bare) and re.search(r"(?:s|men)$", bare)):
        return segment  # "Varnians", "New Zealanders": a nation's people, no side and no person
    if nation_of(bare):
        segment.org = bare  # "the Netherlands", "New Zealand": a nation's name, never a person's
        return segment
    honorific = _HONORIFIC_NAME.match(bare)
    if honorific and not _is_not_a_name(honorific.group("name")):
        segment.person = honorific.group("name")  # "Mr Vask", "Dr. Ana Roth": a person, even by surname alone
        return segment
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
    """The person a role keyword titles: "Prime Minister Ana Roth", "Varnian President Ana Roth",
    "Company executive Ana Roth", "Mayor Ana Roth"; after a person's own title a surname alone
    ("President Roth")."""
    # a nation's office titles the name right after it or after one word and a role ("Prime
    # Minister Ana Roth", "Interior Ministry spokesman Ana Roth"); an institution's longer title
    # ("Department of Roads Director-General Ana Roth") stays the institution's
    leading = _SHORT_LEADING_ROLE if hit.family.id in {"government", "army"} else _LEADING_ROLE
    rest = leading.sub("", text[hit.end :].strip())
    person = person_name(rest)
    if person is None and _PERSON_TITLE.fullmatch(hit.text) and _lone_surname(rest):
        return rest
    return person


def _lone_surname(text: str) -> bool:
    """One capitalised word that is no role, nation, family word or other non-name: a surname."""
    return (
        bool(re.fullmatch(r"[A-Z][a-z][\w'’-]*", text)) and _is_name_token(text)
        and not re.fullmatch(rf"(?i:{_ROLE_WORDS})", text)
    )


def _national_office(text: str, segment: Segment) -> bool:
    """Fill ``segment`` as the government of the nation whose office ``text`` names ("Norwegian
    Foreign Secretary Ana Roth", "the governor of Varnia"), with the person it titles; False when
    it names no such office or no nation beside it."""
    office = _NATIONAL_OFFICE.search(text)
    if office is None:
        return False
    nation = _office_nation(text, office)
    if nation is None:
        return False
    segment.family = FAMILY_BY_ID["government"]
    segment.qualifier = nation
    segment.keyword = office.group(0)
    rest = _LEADING_ROLE.sub("", text[office.end() :].strip())
    segment.person = person_name(rest) or (rest if _lone_surname(rest) else None)
    return True


def _office_nation(text: str, office: re.Match) -> str | None:
    """The nation right before an office ("Norwegian Foreign Secretary", "Varnia's governor") or
    right after it ("governor of Varnia")."""
    before = [(end, nation) for _, end, nation in nations_in(text[: office.start()])]
    if before and not text[before[-1][0] : office.start()].strip():
        return before[-1][1]
    after = re.match(r"\s+of\s+(?:the\s+)?", text[office.end() :])
    if after:
        start = office.end() + after.end()
        found = [nation for s, _, nation in nations_in(text[start:]) if s == 0]
        if found:
            return found[0]
    return None


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
    listed = nations_in(text[: hit.start])
    if listed:
        if re.search(r"\b[a-z]+['’]s?\s*$", text[listed[-1][1] : hit.start]):
            return None  # "the Varnian colony's government": the nation names the owner's owner
        return listed[-1][2]  # the nation nearest its keyword: "the Varnian-backed Korsan army" is Korsa's
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
        if hit.family.id in {"army", "government", "companies"} and not (
            _ADJECTIVE_OF_NATION.match(candidate) or token.endswith(("'s", "’s"))
        ):
            continue  # "Education Minister", "Orbis airline": a capital letter makes no nation
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
        if word in NAME_PARTICLES:
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
        if ACRONYM.match(token) and len(token) >= 2 and nation_of(token) is None:
            return token  # not "US" in "the US commonwealth": a nation's initials name no organisation
    words = [t for t in _GENERIC_ORG_WORDS.sub(" ", LEADING_DETERMINERS.sub("", text)).split() if t]
    proper = [w for w in words if _CAPITALISED.match(w)]
    if proper and len(proper) == len(words):
        return " ".join(proper)
    return None


def initials(org: str) -> str:
    return "".join(w[0] for w in org.split() if w[0].isupper())


