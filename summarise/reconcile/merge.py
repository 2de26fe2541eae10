"""Merging: mentions of one claim by one claimant across articles become one ``SummaryClaim``.

Two mentions are one claim when they have the same claimant (party, or person after fuzzy
resolution, or the same words when neither resolves), the same outcome, the same victims
(party, role, subset and place within the event: ``comparison_key``) and a compatible count: the same interval, or both vague. Victims no party
could be told for ("12 terrorists" beside "12 rebels") are compatible with any when the figure is
the same. Two vague accounts also merge across articles when one's victims are part of the
other's ("the army" within "the army and its allies") or unnamed ("prisoners"): the same loose
claim told with other words. Inside one article vague accounts merge only as restatements (the
same victims, or "everyone" beside named ones: "no one survived" and "none of those on board
survived"), so distinct loose claims of one article stay apart.
Claims from an article flagged as possibly another incident merge only within that article.
Ids ``c1``, ``c2``... follow the first mention (article order, then position in the text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas import CasualtyClaim, Count, Evidence, SummaryClaim, VictimRole


@dataclass(frozen=True)
class ClaimMention:
    """One extracted claim with everything reconciliation resolved about it."""

    claim: CasualtyClaim
    article_order: int
    claimant_key: str  # party id, person, or the normalised words
    claimant_party: str | None
    victim_party: str | None
    victim_parts: frozenset[str]  # the party ids the victims' party stands for (a coalition's members)
    victim_subset: str | None
    other_incident: bool
    victim_role: VictimRole = VictimRole.unknown
    place_within: str | None = None

    @property
    def article(self) -> str:
        return self.claim.evidence.article

    def sort_key(self) -> tuple:
        ev = self.claim.evidence
        count = self.claim.count
        return (self.article_order, ev.start, ev.end, self.claim.outcome.value, count.min or -1, count.max or -1)


@dataclass
class _Cluster:
    first: ClaimMention
    victim_party: str | None
    victim_parts: frozenset[str]
    members: list[ClaimMention] = field(default_factory=list)
    victims_by_article: dict[str, set] = field(default_factory=dict)


# roles whose figures count the people an event hurt: "150 people", "all 150 on board" and
# "the dead" may be one toll; attackers, forces, fighters and rescuers each stand apart
_PEOPLE_AT_LARGE = frozenset({VictimRole.people, VictimRole.passengers_and_crew, VictimRole.unknown})


def role_key(role: VictimRole) -> str:
    """The role as claims are compared: people at large (with unknown victims) are one; an
    attacker's death never shares a row or a merge with its victims'."""
    return VictimRole.people.value if role in _PEOPLE_AT_LARGE else role.value


def row_role(roles: list[VictimRole]) -> VictimRole:
    """The role a row of comparable claims shows: the one its claims name, the most specific of
    people at large when they differ ("passengers and crew" beside "people"), else people."""
    named = [r for r in dict.fromkeys(roles) if r is not VictimRole.unknown]
    if len(named) == 1:
        return named[0]
    if VictimRole.passengers_and_crew in named and set(named) <= _PEOPLE_AT_LARGE:
        return VictimRole.passengers_and_crew
    return named[0] if named else VictimRole.unknown


def count_key(count: Count) -> tuple:
    return ("vague",) if count.vague or (count.min is None and count.max is None) else (count.min, count.max)


def is_vague(count: Count) -> bool:
    return count_key(count) == ("vague",)


def normalise_words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


_EVERYONE = "(everyone)"  # the victims of a claim that no one survived, named by no party
_EVERYONE_WORDS = frozenset({"everyone", "everybody", "all", "no one", "nobody"})


def _victims_key(mention: ClaimMention) -> str | None:
    """The victims as one article's restatements are compared: the party, or ``_EVERYONE``."""
    if mention.victim_party is None and normalise_words(mention.claim.victims) in _EVERYONE_WORDS:
        return _EVERYONE
    return mention.victim_party


def _roles_compatible(cluster: _Cluster, mention: ClaimMention) -> bool:
    """Victims of no stated role ("bodies") may be any side's; named roles must be comparable."""
    if mention.victim_role is VictimRole.unknown:
        return True
    told = {role_key(m.victim_role) for m in cluster.members if m.victim_role is not VictimRole.unknown}
    return not told or told == {role_key(mention.victim_role)}


def _victims_compatible(cluster: _Cluster, mention: ClaimMention, vague: bool) -> bool:
    if not _roles_compatible(cluster, mention):
        return False
    if cluster.victim_party == mention.victim_party:
        return True
    a, b = cluster.victim_parts, mention.victim_parts
    if not vague:  # one figure: unnamed victims ("12 terrorists", "12 people") may be the named ones
        return not a or not b
    if mention.article in cluster.victims_by_article:
        # inside one article only a restatement merges: the same victims, or "everyone" beside
        # the named ones ("no one survived" and "none of those on board survived")
        told = (cluster.victims_by_article[mention.article] | {_victims_key(mention)}) - {_EVERYONE}
        return len(told) <= 1
    return not a or not b or a <= b or b <= a


def merge_claims(
    mentions: list[ClaimMention], group_of: dict[str, str]
) -> tuple[list[SummaryClaim], dict[str, str | None]]:
    """Merge mentions into claims; ``group_of`` maps article id to its source group. Returns the
    claims and each claim's victim subset (see ``victims``)."""
    buckets: dict[tuple, list[_Cluster]] = {}
    clusters: list[_Cluster] = []
    for mention in sorted(mentions, key=ClaimMention.sort_key):
        scope = mention.article if mention.other_incident else ""
        key = (mention.claimant_key, mention.claim.outcome, mention.victim_subset, count_key(mention.claim.count), scope,
               mention.place_within)
        vague = key[3] == ("vague",)
        bucket = buckets.setdefault(key, [])
        target = next((c for c in bucket if _victims_compatible(c, mention, vague)), None)
        if target is None:
            target = _Cluster(first=mention, victim_party=mention.victim_party, victim_parts=mention.victim_parts)
            bucket.append(target)
            clusters.append(target)
        elif len(mention.victim_parts) > len(target.victim_parts):
            # the wider account names the victims best
            target.victim_party, target.victim_parts = mention.victim_party, mention.victim_parts
        target.members.append(mention)
        target.victims_by_article.setdefault(mention.article, set()).add(_victims_key(mention))
    claims = [_summary_claim(f"c{n}", cluster, group_of) for n, cluster in enumerate(clusters, start=1)]
    return claims, {claim.id: claim.victim_subset for claim in claims}


def _told_in_a_sentence(claim: CasualtyClaim) -> bool:
    """True for a quote that ends like a sentence; a headline ("Ferry Sank In Storm With All
    Lost, Premier Says") does not, and words such as "All Lost" label a claim badly."""
    return claim.evidence.quote.rstrip().endswith((".", "!", "?", '"', "\u201d", "'", "\u2019"))


def _summary_claim(claim_id: str, cluster: _Cluster, group_of: dict[str, str]) -> SummaryClaim:
    first = cluster.first.claim
    # the figure's words and the claimant's name come from the first mention told in a sentence
    labelled = next((m.claim for m in cluster.members if _told_in_a_sentence(m.claim)), first)
    mentions: list[Evidence] = []
    seen: set[tuple[str, int, int]] = set()
    for member in cluster.members:
        ev = member.claim.evidence
        if (ev.article, ev.start, ev.end) not in seen:
            seen.add((ev.article, ev.start, ev.end))
            mentions.append(ev.model_copy())
    groups = list(dict.fromkeys(group_of[m.article] for m in mentions if m.article in group_of))
    victims_from = next((m.claim for m in cluster.members if m.victim_party == cluster.victim_party), first)
    return SummaryClaim(
        id=claim_id,
        outcome=first.outcome,
        victims=victims_from.victims,
        victim_party=cluster.victim_party,
        count=labelled.count,
        claimant=labelled.claimant.model_copy(),
        claimant_party=cluster.first.claimant_party,
        hedged=any(m.claim.hedged for m in cluster.members),
        mentions=mentions,
        source_groups=groups,
        possibly_other_incident=cluster.first.other_incident,
        victim_role=row_role([m.victim_role for m in cluster.members]),
        victim_subset=cluster.first.victim_subset,
        place_within=cluster.first.place_within,
        as_of=max((m.claim.as_of for m in cluster.members if m.claim.as_of), default=None),
    )

