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

Inside one article a claim is often told twice: the headline gives the figure its body then
credits ("Toll rises to 40" above "At least 40 people died, the ministry said"), or the body
restates its own figure later. Such restatements (``restatement_hosts``) join the claim they
restate: the same outcome, the same figure ("40" beside "at least 40"), victims that may be
the same (role, party, subset and place), and either the same claimant or the article's own
voice beside the one claimant it may be restating. The article's voice beside two claimants
of that figure restates neither: which one it echoes is not told.
Ids ``c1``, ``c2``... follow the first mention (article order, then position in the text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schemas import CasualtyClaim, Claimant, Count, Evidence, SummaryClaim, VictimRole
from summarise.reconcile.union_find import UnionFind


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
    article_voice: bool = False  # the article's own words, no claimant named (``is_article_voice``)

    @property
    def article(self) -> str:
        return self.claim.evidence.article

    def sort_key(self) -> tuple:
        ev = self.claim.evidence
        count = self.claim.count
        return (self.article_order, ev.start, ev.end, self.claim.outcome.value, count.min or -1, count.max or -1)


def is_article_voice(claimant: Claimant) -> bool:
    """True for a figure the article states in its own voice: unattributed, or the outlet's or
    wire's own reporting (the claimant an extractor gives when no one is named)."""
    return (claimant.role or "").lower() in ("unattributed", "own reporting")


@dataclass
class _Cluster:
    first: ClaimMention
    victim_party: str | None
    victim_parts: frozenset[str]
    members: list[ClaimMention] = field(default_factory=list)
    victims_by_article: dict[str, set] = field(default_factory=dict)
    restated: set[int] = field(default_factory=set)  # id() of the members that restate another


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
    claims and each claim's victim subset (see ``victims``).

    Mentions are placed in article order; a restatement (``restatement_hosts``) waits until the
    mention it restates is placed, then joins that mention's claim."""
    ordered = sorted(mentions, key=ClaimMention.sort_key)
    hosts = restatement_hosts(ordered)
    buckets: dict[tuple, list[_Cluster]] = {}
    clusters: list[_Cluster] = []
    cluster_of: dict[int, _Cluster] = {}
    for index, mention in enumerate(ordered):
        if index not in hosts:
            cluster_of[index] = _place(mention, buckets, clusters)
    for index, host in hosts.items():
        mention, target = ordered[index], cluster_of[host]
        if _roles_compatible(target, mention):
            _join(target, mention)
            target.restated.add(id(mention))
        else:  # the host's claim took a role this mention cannot share: it stands as told
            _place(mention, buckets, clusters)
    for cluster in clusters:
        cluster.members.sort(key=ClaimMention.sort_key)
    clusters.sort(key=lambda c: c.members[0].sort_key())
    claims = [_summary_claim(f"c{n}", cluster, group_of) for n, cluster in enumerate(clusters, start=1)]
    return claims, {claim.id: claim.victim_subset for claim in claims}


def _place(mention: ClaimMention, buckets: dict[tuple, list[_Cluster]], clusters: list[_Cluster]) -> _Cluster:
    """Put ``mention`` in the first cluster of its key it is compatible with, or a new one."""
    scope = mention.article if mention.other_incident else ""
    key = (mention.claimant_key, mention.claim.outcome, mention.victim_subset, _figure_key(mention.claim.count), scope,
           mention.place_within)
    vague = key[3] == ("vague",)
    bucket = buckets.setdefault(key, [])
    target = next((c for c in bucket if _victims_compatible(c, mention, vague)), None)
    if target is None:
        target = _Cluster(first=mention, victim_party=mention.victim_party, victim_parts=mention.victim_parts)
        bucket.append(target)
        clusters.append(target)
    _join(target, mention)
    return target


def _figure_key(count: Count) -> tuple:
    """``count_key``, but "40" and "at least 40" share one (``same_figure``): one claimant's figure
    told by one report as exact and by another as a floor is one claim ("one victim from Varnia",
    "at least one of their nationals"); "more than 40" and "40 to 50" keep their own."""
    key = count_key(count)
    if key != ("vague",) and count.min is not None and (
            count.max == count.min or (count.max is None and _INCLUSIVE_FLOOR.search(count.text))):
        return ("figure", count.min)
    return key


def _join(target: _Cluster, mention: ClaimMention) -> None:
    if len(mention.victim_parts) > len(target.victim_parts):
        # the wider account names the victims best
        target.victim_party, target.victim_parts = mention.victim_party, mention.victim_parts
    target.members.append(mention)
    target.victims_by_article.setdefault(mention.article, set()).add(_victims_key(mention))


# --- restatements inside one article ----------------------------------------------------------------


def restatement_hosts(mentions: list[ClaimMention]) -> dict[int, int]:
    """For each mention that restates another of its article, its index -> the index of the
    mention it joins (the host); ``mentions`` in article order.

    Mentions of one article that restate each other (``_restate``) form groups: two of the same
    claimant, or the article's voice beside the only claimant of that figure it may restate. A
    group naming two claimants is left apart whole. The host is the group's first mention with
    a claimant, else its first mention."""
    # only mentions of one article, outcome and lower figure may restate each other: compared
    # per such bucket, an article's many claims cost little
    buckets: dict[tuple, list[int]] = {}
    for index, mention in enumerate(mentions):
        count = mention.claim.count
        if not is_vague(count):
            figure = count.min if count.min is not None else ("up to", count.max)
            buckets.setdefault((mention.article, mention.claim.outcome, figure), []).append(index)
    hosts: dict[int, int] = {}
    for indexes in buckets.values():
        groups = UnionFind[int]()
        for position, i in enumerate(indexes):
            for j in indexes[position + 1 :]:
                if _restate(mentions[i], mentions[j]) and _same_voice(mentions[i], mentions[j], indexes, mentions):
                    groups.union(i, j)
        members: dict[int, list[int]] = {}
        for i in indexes:
            members.setdefault(groups.find(i), []).append(i)
        for group in members.values():
            claimants = {mentions[i].claimant_key for i in group if not mentions[i].article_voice}
            if len(group) < 2 or len(claimants) > 1:
                continue
            host = next((i for i in group if not mentions[i].article_voice), group[0])
            hosts.update({i: host for i in group if i != host})
    return dict(sorted(hosts.items()))


def _same_voice(a: ClaimMention, b: ClaimMention, indexes: list[int], mentions: list[ClaimMention]) -> bool:
    """True when ``a`` and ``b`` may be one claimant's: the same claimant, or the article's voice
    beside a claimant that is the only one (among ``indexes``, the mentions of that article and
    figure) giving that figure for those victims."""
    if a.claimant_key == b.claimant_key:
        return True
    if a.article_voice == b.article_voice:
        return False  # two named claimants: two claims, whatever their figures
    voice = a if a.article_voice else b
    named = {
        mentions[k].claimant_key for k in indexes
        if not mentions[k].article_voice and _restate(voice, mentions[k])
    }
    return len(named) == 1


def _restate(a: ClaimMention, b: ClaimMention) -> bool:
    """Two mentions that may be one claim told twice: the same outcome and figure, and victims
    that may be the same (role, party, subset, place within the event). Told in two forms ("40"
    and "at least 40") the figure must count the same named victims: "five people" and "at
    least five children" are two counts."""
    ca, cb = a.claim.count, b.claim.count
    if not (a.claim.outcome is b.claim.outcome and same_figure(ca, cb)):
        return False
    same_form = (ca.min, ca.max) == (cb.min, cb.max)
    parties = a.victim_party == b.victim_party or (same_form and (not a.victim_parts or not b.victim_parts))
    return (
        parties
        and a.victim_subset == b.victim_subset
        and a.place_within == b.place_within
        and a.other_incident == b.other_incident
        and (VictimRole.unknown in (a.victim_role, b.victim_role) or role_key(a.victim_role) == role_key(b.victim_role))
    )


# a floor that holds its own figure: "at least 40" may restate "40", "more than 40" does not
_INCLUSIVE_FLOOR = re.compile(r"\b(?:at\s+least|no\s+(?:fewer|less)\s+than|or\s+more)\b", re.I)


def same_figure(a: Count, b: Count) -> bool:
    """One figure told two ways: the same interval, or "40" beside "at least 40" (not "more than
    40": that says the figure is past 40). Vague counts ("dozens") are no figure."""
    if is_vague(a) or is_vague(b):
        return False
    if (a.min, a.max) == (b.min, b.max):
        return True
    exact, floor = (a, b) if b.max is None else (b, a)
    return (
        exact.min is not None and exact.min == exact.max == floor.min and floor.max is None
        and bool(_INCLUSIVE_FLOOR.search(floor.text))
    )


def _told_in_a_sentence(claim: CasualtyClaim) -> bool:
    """True for a quote that ends like a sentence; a headline ("Ferry Sank In Storm With All
    Lost, Premier Says") does not, and words such as "All Lost" label a claim badly."""
    return claim.evidence.quote.rstrip().endswith((".", "!", "?", '"', "\u201d", "'", "\u2019"))


def _summary_claim(claim_id: str, cluster: _Cluster, group_of: dict[str, str]) -> SummaryClaim:
    first = cluster.first.claim
    # the figure's words and the claimant's name come from the first mention told in a sentence;
    # the claimant is never that of the article's voice restating a claimant's figure ("Toll
    # rises to 40" above "at least 40 ..., the ministry said")
    key = cluster.first.claimant_key
    stated = [m.claim for m in cluster.members if id(m) not in cluster.restated or m.claimant_key == key]
    told = [c for c in stated if _told_in_a_sentence(c)]
    labelled = next(iter(told), None) or next((m.claim for m in cluster.members if _told_in_a_sentence(m.claim)), first)
    claimant = (told or stated)[0].claimant
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
        claimant=claimant.model_copy(),
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

