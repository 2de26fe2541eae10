"""Party resolution: the many names articles use for one side resolve to one ``Party``.

Offline and deterministic. A name such as "Orrin Vask, spokesman for the
KLF-NA alliance" is parsed into *segments* that name one referent (the head, appositions,
parentheticals, "X, known as Y"); "A and B" names two referents (a composite party).
Each segment resolves to a keyword family (``families``), a person, an organisation (an acronym
or an unknown proper name) or nothing. Persons and organisations are joined into components:
fuzzy spelling variants of one person, an acronym and its expansion or its "X-Y" alliance, and
everything one name says is the same referent, and a shorter form of a name joined to the one
longer name it begins ("Ana Roth" and "Ana Roth Vidal"). A component takes the family its linked
names vote for, so a person inherits the party of their affiliation: a company executive the
company's, an office holder of a named nation its government's. A person titled by a nation's
office with no nation named ("President Ana Roth") stays that person, never guessed into the most
named nation's government.

``resolve_parties(names) -> PartyResolution`` is the seam an LLM-backed resolver can replace:
it only has to return the same model. Each ``Party`` carries its structure (kind, keyword family,
nation or group, a coalition's members), so no one has to read it back out of its id.
"""

from __future__ import annotations

import re
from collections import Counter

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from extract.text.families import FAMILY_BY_ID, Family
from extract.text.names import (
    ACRONYM,
    LEADING_DETERMINERS,
    NAME_PARTICLES,
    PLURAL_DEMONYM,
    Referent,
    Segment,
    initials,
    is_bare_proper,
    lower,
    parse_name,
)
from extract.text.nations import nation_of
from schemas import Party, PartyKind
from summarise.reconcile.union_find import UnionFind

PERSON_MATCH_THRESHOLD = 80.0
# Families whose titles are a nation's offices: a person titled so with no nation named ("President
# Ana Roth") may lead any nation, so stays that person. A company's executive speaks for the company.
_NATIONAL_OFFICES = frozenset({"government", "army"})


class PartyResolution(BaseModel):
    """What a resolver returns: every party, and for each input name its party and person."""

    parties: list[Party] = Field(default_factory=list)
    party_of: dict[str, str | None] = Field(default_factory=dict, description="name -> Party id (None: no side)")
    person_of: dict[str, str] = Field(default_factory=dict, description="name -> canonical person, for persons")

    def party(self, name: str) -> str | None:
        return self.party_of.get(name)


# --- components ----------------------------------------------------------------------------------


def _node(segment: Segment) -> str | None:
    """The component key of a person or organisation. A nation ("Varnia", "Varnians") is none:
    linking through it would join every person of that nation."""
    if segment.person:
        return "p:" + segment.person
    if segment.org and not _is_nation_word(segment.org):
        return "o:" + segment.org
    return None


def _nodes(segment: Segment) -> list[str]:
    """The segment's own node and the names its family phrase describes ("the Kestrel
    mercenary group" describes Kestrel): those names learn the family from it."""
    own = _node(segment)
    return ([own] if own else []) + ["o:" + name for name in segment.names if "o:" + name != own]


def _referent_nodes(referent: Referent) -> list[str]:
    return [node for segment in referent.segments() for node in _nodes(segment)]


def _is_nation_word(org: str) -> bool:
    return is_bare_proper(org) and (nation_of(org) is not None or bool(PLURAL_DEMONYM.match(org)))


def same_person(a: str, b: str) -> bool:
    """Spelling variants of one person: surnames alike, and given names alike when both have one
    (a surname's particle is no given name: "van Sebille" is "Erik van Sebille")."""
    ta, tb = _name_words(a), _name_words(b)
    if not ta or not tb or fuzz.ratio(ta[-1], tb[-1]) < PERSON_MATCH_THRESHOLD:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    return fuzz.ratio(ta[0], tb[0]) >= PERSON_MATCH_THRESHOLD and fuzz.token_sort_ratio(a, b) >= 70


def _name_words(name: str) -> list[str]:
    words = lower(name).split()
    while len(words) > 1 and words[0] in NAME_PARTICLES:
        words = words[1:]
    return words


def _is_longer_form(short: str, long: str) -> bool:
    """"Ana Maria Roth" and "Ana Maria Roth Vidal": the full name with a second surname, written
    out after its shorter form. At least two words in common, the longer's first."""
    ts, tl = lower(short).split(), lower(long).split()
    return 2 <= len(ts) < len(tl) and tl[: len(ts)] == ts


def _link_persons(persons: list[str], uf: UnionFind[str]) -> None:
    # blocking on the surname's first letter keeps this near-linear on large inputs
    blocks: dict[str, list[str]] = {}
    for person in persons:
        blocks.setdefault(lower(person).split()[-1][:1], []).append(person)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if same_person(a, b):
                    uf.union("p:" + a, "p:" + b)
    # a shorter form joins the one longer name it begins, never two ("Ana Roth" beside "Ana Roth
    # Vidal" and "Ana Roth Sanz" names no one of them)
    for short in persons:
        longer = [p for p in persons if _is_longer_form(short, p)]
        if len(longer) == 1:
            uf.union("p:" + short, "p:" + longer[0])


def _link_orgs(orgs: list[str], uf: UnionFind[str]) -> None:
    acronyms = [o for o in orgs if ACRONYM.match(o)]
    by_first_part: dict[str, list[str]] = {}
    for acronym in acronyms:
        by_first_part.setdefault(acronym.split("-")[0], []).append(acronym)
    for group in by_first_part.values():  # "KLF" and its alliance "KLF-NA"
        for other in group[1:]:
            uf.union("o:" + group[0], "o:" + other)
    known = set(acronyms)
    for org in orgs:
        if org not in known and len(org.split()) >= 2 and initials(org) in known:
            uf.union("o:" + org, "o:" + initials(org))


def _same_nation(a: str, b: str) -> bool:
    """"Varnia"/"Varnian", "Ostria"/"Ostrian": a shared stem covering most of the shorter word."""
    a, b = lower(a), lower(b)
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= 4 and common >= 0.8 * min(len(a), len(b))


def _canonical_qualifiers(qualifiers: Counter) -> dict[str, str]:
    """Map every qualifier spelling to one canonical form (the shortest of its cluster)."""
    canonical: dict[str, str] = {q: nation_of(q) for q in qualifiers if nation_of(q)}  # "Germans" -> "Germany"
    clusters: list[list[str]] = []
    for q in sorted(set(qualifiers) - set(canonical), key=lambda q: (len(q), q)):
        for cluster in clusters:
            if _same_nation(cluster[0], q):
                cluster.append(q)
                break
        else:
            clusters.append([q])
    for cluster in clusters:
        for q in cluster:
            canonical[q] = cluster[0]
    return canonical


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", lower(text)).strip("-")


# --- resolution ----------------------------------------------------------------------------------


def resolve_parties(names: list[str]) -> PartyResolution:
    """Resolve every name to a party id (or None when it names no side) and persons to one spelling.

    Deterministic: the same names in the same order give the same ids.
    """
    unique = list(dict.fromkeys(n for n in names if n and n.strip()))
    parsed = {name: parse_name(name) for name in unique}
    _surnames_to_persons(parsed)
    uf, persons = _link_referents(parsed)
    votes = _component_votes(parsed, uf)
    canonical = _canonical_qualifiers(_qualifier_counts(parsed))
    written_nations = {seg.qualifier for refs in parsed.values() for r in refs for seg in r.segments() if seg.qualifier}
    default_qualifier = _default_qualifiers(parsed, canonical)

    seeds: dict[str, Party] = {}  # each party's structure, named and given aliases at the end
    party_names: dict[str, str] = {}
    aliases: dict[str, list[str]] = {}
    party_of: dict[str, str | None] = {}
    person_of: dict[str, str] = {}
    hints: dict[str, Counter] = {}
    canonical_person = _canonical_persons(persons, parsed, uf)
    for name, referents in parsed.items():
        ids: list[str] = []
        for referent in referents:
            resolved = _resolve_referent(
                referent, uf, votes, canonical, default_qualifier, canonical_person, written_nations
            )
            if resolved is None:
                continue
            party_id = resolved.id
            seeds.setdefault(party_id, resolved)
            party_names.setdefault(party_id, resolved.name)
            if party_id not in ids:
                ids.append(party_id)
            hints.setdefault(party_id, Counter()).update(_name_hints(referent))
            _add_aliases(aliases.setdefault(party_id, []), referent, canonical_person)
        if len(referents) == 1 and referents[0].head.person:
            person_of[name] = canonical_person[referents[0].head.person]
        party_of[name] = _composite(ids, party_names, seeds)
    written_lower = {seg.keyword.lower() for refs in parsed.values() for r in refs for seg in r.segments()
                     if seg.keyword and seg.keyword.islower()}
    standalone = {seg.org for refs in parsed.values() for r in refs for seg in r.segments() if seg.org}
    describers = {n for refs in parsed.values() for r in refs for seg in r.segments() for n in seg.names} - standalone
    _add_hints(party_names, hints, written_lower, seeds, describers)
    parties = [
        seeds[pid].model_copy(update={"name": label, "aliases": [a for a in aliases.get(pid, []) if a != label]})
        for pid, label in party_names.items()
    ]
    return PartyResolution(parties=parties, party_of=party_of, person_of=person_of)


def _link_referents(parsed: dict[str, list[Referent]]) -> tuple[UnionFind[str], dict[str, Counter]]:
    """Join into components the persons and organisations that one referent names, spelling
    variants of one person, and organisations linked by acronym; also return the persons seen."""
    uf = UnionFind[str]()
    persons: dict[str, Counter] = {}
    orgs: list[str] = []
    for referents in parsed.values():
        for referent in referents:
            nodes = _referent_nodes(referent)
            for node in nodes:
                uf.add(node)
                kind, value = node[:2], node[2:]
                if kind == "p:":
                    persons.setdefault(value, Counter())
                elif value not in orgs:
                    orgs.append(value)
            for other in nodes[1:]:
                uf.union(nodes[0], other)
    _link_persons(list(persons), uf)
    _link_orgs(orgs, uf)
    return uf, persons


def _qualifier_counts(parsed: dict[str, list[Referent]]) -> Counter:
    """How often each nation qualifier is written, the spellings that ``_canonical_qualifiers`` joins."""
    counts = Counter(seg.qualifier for refs in parsed.values() for r in refs for seg in r.segments() if seg.qualifier)
    # a country named on its own ("Korsa") spells the nation best: it joins the spellings
    counts.update(r.head.org for refs in parsed.values() for r in refs if is_bare_proper(r.head.org))
    return counts


def _add_aliases(aliases: list[str], referent: Referent, canonical_person: dict[str, str]) -> None:
    """The referent's segments as aliases of its party, short ones only, each once."""
    for seg in referent.segments():
        alias = _alias(seg, referent, canonical_person)
        if alias and len(alias.split()) <= 6 and alias not in aliases:
            aliases.append(alias)


def _surnames_to_persons(parsed: dict[str, list[Referent]]) -> None:
    """A lone capitalised word that is a known person's surname ("Lyammouri") names that person."""
    persons = {seg.person for refs in parsed.values() for r in refs for seg in r.segments() if seg.person}
    surnames = {lower(p).split()[-1]: p for p in persons}
    for refs in parsed.values():
        for referent in refs:
            for seg in referent.segments():
                if is_bare_proper(seg.org) and lower(seg.org) in surnames:
                    seg.person, seg.org = seg.org, None


def _alias(segment: Segment, referent: Referent, canonical_person: dict[str, str]) -> str | None:
    """The name a segment contributes to its party's aliases: persons, organisations, head phrases."""
    if segment.person:
        return canonical_person.get(segment.person, segment.person)
    if segment.org:
        return segment.org
    if segment is referent.head and segment.family:
        return LEADING_DETERMINERS.sub("", segment.text)
    return None


MIN_HINT_USES = 2  # a name used once (a passing mention) does not name a side
_ADJECTIVE_ENDING = re.compile(r"(?:an|ans|ist|ists|ese|ish|ic)$")


def _name_hints(referent: Referent) -> list[str]:
    """Proper names that say which group a family party is: acronyms and organisations
    ("NLF-DPA"), names a family phrase describes ("Kestrel mercenaries"), and keywords written as
    proper nouns, not adjectives ("Varnian")."""
    found = []
    for seg in referent.segments():
        found += seg.names
        if seg.org and not is_bare_proper(seg.org):
            found.append(seg.org)
        elif seg.keyword and seg.keyword[:1].isupper() and not _ADJECTIVE_ENDING.search(seg.keyword.lower()):
            found.append(seg.keyword)
    return found


def _add_hints(party_names: dict[str, str], hints: dict[str, Counter], written_lower: set[str],
               seeds: dict[str, Party], describers: set[str]) -> None:
    """Name an unqualified family party after its most named group: "separatists (NLF)".
    A keyword also written in lower case ("the investigation") is a common noun, not a name; a
    word only ever met as a describer ("Varnian rebels") names no group: a group is also named
    on its own ("Kestrel", "Kestrel fighters")."""
    for party_id, counter in hints.items():
        counter = Counter({h: n for h, n in counter.items() if h not in describers})
        seed = seeds[party_id]
        family = FAMILY_BY_ID[seed.family] if seed.family and seed.affiliation is None else None
        counter = Counter({h: n for h, n in counter.items() if h.lower() not in written_lower and n >= MIN_HINT_USES})
        if family is not None and counter:
            best = max(counter, key=lambda h: (counter[h], -list(counter).index(h)))
            party_names[party_id] = f"{family.label} ({best})"
    for party_id in party_names:
        if seeds[party_id].members:
            party_names[party_id] = " and ".join(party_names[p] for p in seeds[party_id].members)


def _component_votes(parsed: dict[str, list[Referent]], uf: UnionFind[str]) -> dict[str, Counter]:
    """For each component, how often its names stand next to each (family, qualifier)."""
    votes: dict[str, Counter] = {}
    for referents in parsed.values():
        for referent in referents:
            segments = referent.segments()
            roots = {uf.find(n) for n in _referent_nodes(referent)}
            for segment in segments:
                if segment.family:
                    for root in roots:
                        votes.setdefault(root, Counter())[(segment.family.id, segment.qualifier)] += 1
    return votes


def _default_qualifiers(parsed: dict[str, list[Referent]], canonical: dict[str, str]) -> dict[str, str]:
    """The nation an unqualified "the army" most likely means: the family's most named one."""
    counts: dict[str, Counter] = {}
    for referents in parsed.values():
        for referent in referents:
            for seg in referent.segments():
                if seg.family and seg.qualifier:
                    counts.setdefault(seg.family.id, Counter())[canonical[seg.qualifier]] += 1
    return {family: counter.most_common(1)[0][0] for family, counter in counts.items()}


def _canonical_persons(persons: dict[str, Counter], parsed, uf: UnionFind[str]) -> dict[str, str]:
    """One spelling per person: the most used full name of the component (a surname alone,
    "Roth" or "Mr Roth", only where no full name is written), ties to the longest."""
    uses: Counter = Counter()
    for referents in parsed.values():
        for referent in referents:
            for seg in referent.segments():
                if seg.person:
                    uses[seg.person] += 1
    by_root: dict[str, list[str]] = {}
    for person in persons:
        by_root.setdefault(uf.find("p:" + person), []).append(person)
    canonical: dict[str, str] = {}
    for members in by_root.values():
        best = max(members, key=lambda p: (len(p.split()) > 1, uses[p], len(p), p))
        for member in members:
            canonical[member] = best
    return canonical


def _resolve_referent(
    referent, uf, votes, canonical, default_qualifier, canonical_person, written_nations
) -> Party | None:
    """The party one referent names (without aliases), or None when it names no side.

    A named person with a title and no nation ("President Ana Roth") is that person, never
    guessed into the most named nation's government; a lone word that is no nation and that no
    description places ("Roth", "Orbis") names no side: the claimant stays its own words."""
    segments = referent.segments()
    family_segments = [s for s in segments if s.family]
    chosen = referent.head if referent.head.family else (family_segments[0] if family_segments else None)
    if chosen is not None:
        qualifier = chosen.qualifier or next(
            (s.qualifier for s in family_segments if s.family is chosen.family and s.qualifier), None
        )
        if qualifier is None and chosen.family.qualified:
            qualifier = _voted_qualifier(referent, chosen.family.id, uf, votes)
        if qualifier is None and chosen.family.id in _NATIONAL_OFFICES and chosen.person:
            return _person_party(canonical_person[chosen.person])
        return _family_party(chosen.family, qualifier, canonical, default_qualifier)
    node = next(iter(_referent_nodes(referent)), None)
    counter = votes.get(uf.find(node)) if node else None
    if counter:
        family_votes: Counter = Counter()
        for (family_id, _), count in counter.items():
            family_votes[family_id] += count
        family_id = max(family_votes, key=lambda f: (family_votes[f], -_family_rank(f)))
        qualifiers = Counter({q: c for (f, q), c in counter.items() if f == family_id and q})
        qualifier = qualifiers.most_common(1)[0][0] if qualifiers else None
        if qualifier is None and family_id in _NATIONAL_OFFICES and node.startswith("p:"):
            return _person_party(canonical_person[node[2:]])  # a titled person of no named nation
        return _family_party(FAMILY_BY_ID[family_id], qualifier, canonical, default_qualifier)
    head = referent.head
    if head.person:
        return _person_party(canonical_person[head.person])
    if is_bare_proper(head.org):
        if PLURAL_DEMONYM.match(head.org):
            return None  # "Varnians": a nation's people, no side
        if nation_of(head.org) or any(_same_nation(head.org, q) for q in written_nations):
            # a country speaking through its government ("Korsa", beside "the Korsan ministry")
            return _family_party(FAMILY_BY_ID["government"], head.org, canonical, default_qualifier)
        return None
    if node is None:
        return None
    if node.startswith("p:"):  # a person named in an apposition: "the commander, Piotr Varga"
        return _person_party(canonical_person[node[2:]])
    org = node[2:]
    return Party(id="org:" + _slug(org), name=org, kind=PartyKind.organisation)


def _person_party(person: str) -> Party:
    return Party(id="person:" + _slug(person), name=person, kind=PartyKind.person)


def _voted_qualifier(referent: Referent, family_id: str, uf: UnionFind[str], votes: dict[str, Counter]) -> str | None:
    """The nation the referent's persons and organisations are named with elsewhere."""
    qualifiers: Counter = Counter()
    for node in _referent_nodes(referent):
        for (family, qualifier), count in votes.get(uf.find(node), Counter()).items():
            if family == family_id and qualifier:
                qualifiers[qualifier] += count
    return max(qualifiers, key=lambda q: (qualifiers[q], q)) if qualifiers else None


def _family_rank(family_id: str) -> int:
    return list(FAMILY_BY_ID).index(family_id)


def _family_party(family: Family, qualifier, canonical, default_qualifier) -> Party:
    if family.qualified:
        if qualifier is None and not family.role:  # an outlet is never "the" outlet of an event
            qualifier = default_qualifier.get(family.id)
        elif qualifier is not None:
            qualifier = canonical.get(qualifier) or next(
                (c for c in sorted(set(canonical.values())) if _same_nation(c, qualifier)), qualifier
            )
    else:
        qualifier = None
    if not qualifier:
        return Party(id=family.id, name=family.label, kind=PartyKind.side, family=family.id)
    label = qualifier if family.id == "media" else f"{family.label} ({qualifier})"
    return Party(id=f"{family.id}:{_slug(qualifier)}", name=label, kind=PartyKind.side, family=family.id,
                 affiliation=qualifier)


def _composite(ids: list[str], party_names: dict[str, str], seeds: dict[str, Party]) -> str | None:
    """The id of the party ``ids`` name together: the one party, or a coalition of them."""
    if not ids:
        return None
    if len(ids) == 1:
        return ids[0]
    ordered = sorted(ids)
    composite = "+".join(ordered)
    party_names.setdefault(composite, " and ".join(party_names[i] for i in ordered))
    seeds.setdefault(composite, Party(id=composite, name=party_names[composite], kind=PartyKind.coalition, members=ordered))
    return composite
