"""Match a system's casualty claims to the gold claims of one event, one to one.

The rule is the corpus's (../shared/corpus/README.md): a system claim matches a gold claim when
they come from the same article, their outcomes are compatible, their victim sides are compatible,
their counts are compatible, and the system's evidence span overlaps the gold evidence. Each claim
takes part in at most one match, and the matching maximises the number of matches (heavier
evidence overlaps are tried first, so among equal-size matchings larger overlaps are favoured), so
precision = matched system claims / system claims and recall = matched gold claims / gold claims.
Pure functions; no I/O.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from pydantic import BaseModel, Field

from schemas import Article, ArticleExtraction, CasualtyClaim, Count, Outcome
from summarise.evaluate.gold import Gold, GoldClaim

UNKNOWN_SIDE = "unknown"
ARMY_AND_ALLIES = "army_and_allies"
_ALLIED_SIDES = frozenset({"malian_army", "wagner", ARMY_AND_ALLIES})

# Without the article text a span cannot be placed; two quotes then overlap when they share at
# least this many consecutive characters (or one contains the other).
MIN_SHARED_CHARS_WITHOUT_TEXT = 12

# Keyword -> side, checked as whole-word prefixes, case-insensitive. Order does not matter: every
# side whose keywords occur is collected, then ``victim_side_of`` resolves the set.
_SIDE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "separatists": ("separatist", "rebel", "csp", "azawad", "tuareg", "insurgent"),
    "jihadists": ("jihadist", "jnim", "islamist", "al qaeda", "al-qaeda"),
    "wagner": ("wagner", "russian", "mercenar", "africa corps"),
    "malian_army": ("malian army", "malian soldier", "malian troop", "malian armed forces", "fama",
                    "mali's army", "malian forces", "junta forces"),
    ARMY_AND_ALLIES: ("army", "soldier", "troop", "military", "armed forces", "servicem"),
    "civilians": ("civilian", "migrant", "villager", "resident", "worker", "miner", "women", "children"),
    "passengers_and_crew": ("passenger", "crew", "on board", "onboard", "aboard", "on the aircraft",
                            "on the plane", "on the flight"),
}


class SystemClaimRef(BaseModel):
    """One claim of one ArticleExtraction, as the evaluation reports it."""

    article: str
    index: int = Field(description="position in that extraction's `claims` list")
    outcome: Outcome
    victims: str
    victim_side: str = Field(description="side inferred from `victims` by victim_side_of")
    count: str = Field(description="the count's label, e.g. 'at least 15'")
    quote: str
    start: int
    end: int


class MatchedPair(BaseModel):
    system: SystemClaimRef
    gold: str = Field(description="gold claim id")
    overlap: int = Field(description="characters the two evidence spans share")


class GoldMiss(BaseModel):
    """A gold claim no system claim matched."""

    id: str
    article: str
    outcome: Outcome
    victims: str
    count: str
    evidence: str


class ClaimMatch(BaseModel):
    """The one-to-one matching of system claims to gold claims, and its scores."""

    pairs: list[MatchedPair] = Field(default_factory=list)
    false_positives: list[SystemClaimRef] = Field(default_factory=list)
    misses: list[GoldMiss] = Field(default_factory=list)
    system_total: int = 0
    gold_total: int = 0

    @property
    def precision(self) -> float:
        return len(self.pairs) / self.system_total if self.system_total else (1.0 if not self.gold_total else 0.0)

    @property
    def recall(self) -> float:
        return len(self.pairs) / self.gold_total if self.gold_total else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def gold_for(self, article: str, index: int) -> str | None:
        """The gold claim id matched to system claim ``index`` of ``article``, if any."""
        return next((p.gold for p in self.pairs if p.system.article == article and p.system.index == index), None)


# --- the rule, one predicate per clause -------------------------------------------------------


def victim_side_of(victims: str) -> str:
    """Map a claim's victims, in the article's words, to a side of the gold vocabulary.

    A small, general keyword mapper (``_SIDE_KEYWORDS``): separatist/rebel -> separatists,
    Wagner/Russian/mercenary -> wagner, "Malian army"/FAMa -> malian_army, soldiers/troops/army
    without a nationality -> army_and_allies, civilians/migrants -> civilians, passengers/crew/
    on board -> passengers_and_crew, JNIM/jihadists -> jihadists. When the words name both the
    army and Wagner the side is army_and_allies; when they name sides that are not allies, or none
    at all ("prisoners", "his brother"), the side is ``unknown``, compatible with every side.
    Gold's ``event.sides`` names are deliberately not used: they mix claimants with victims
    ("Li Jingxin's brother" is a passenger, not one of the families).
    """
    lowered = victims.casefold()
    found = {
        side
        for side, words in _SIDE_KEYWORDS.items()
        if any(re.search(r"(?<!\w)" + re.escape(word), lowered) for word in words)
    }
    return _resolve_sides(found)


def _resolve_sides(found: set[str]) -> str:
    if "malian_army" in found:
        found.discard(ARMY_AND_ALLIES)  # "Malian soldiers" hits both lists; the specific one wins
    if len(found) == 1:
        return next(iter(found))
    if found and found <= _ALLIED_SIDES:
        return ARMY_AND_ALLIES
    return UNKNOWN_SIDE


def sides_compatible(a: str, b: str) -> bool:
    """Equal sides, ``unknown`` on either part, or army_and_allies against the army or Wagner."""
    if a == b or UNKNOWN_SIDE in (a, b):
        return True
    return ARMY_AND_ALLIES in (a, b) and a in _ALLIED_SIDES and b in _ALLIED_SIDES


def outcomes_compatible(a: Outcome, b: Outcome) -> bool:
    """Same outcome, or a combined one (killed_or_captured, casualties) against one of its parts."""
    return bool(a.parts() & b.parts())


def counts_compatible(a: Count, b: Count) -> bool:
    """Two counts can describe the same figure.

    Both with a bound: the intervals overlap (``Count.overlaps``). A count with no bound at all
    ("dozens", "prisoners") is compatible with another count without bounds, or with a vague or
    open-ended one ("at least 15"), but not with a definite figure such as 7 or 10-12: a system
    that turns "dozens" into 7 got the figure wrong.
    """
    a_free = a.min is None and a.max is None
    b_free = b.min is None and b.max is None
    if a_free and b_free:
        return True
    if a_free or b_free:
        bounded = b if a_free else a
        return bounded.vague or bounded.max is None
    return a.overlaps(b)


def gold_spans(evidence: str, text: str) -> list[tuple[int, int]]:
    """Every [start, end) where the gold evidence occurs verbatim in the article text."""
    spans, pos = [], text.find(evidence) if evidence else -1
    while pos != -1:
        spans.append((pos, pos + len(evidence)))
        pos = text.find(evidence, pos + 1)
    return spans


def evidence_overlap(claim: CasualtyClaim, gold: GoldClaim, text: str | None) -> int:
    """Characters the system evidence shares with the gold evidence (0: no overlap).

    With the article text, gold evidence is placed by ``str.find`` (every occurrence) and spans are
    compared as [start, end) intervals. Without it, the quotes are compared: one containing the
    other, or a common run of at least ``MIN_SHARED_CHARS_WITHOUT_TEXT`` characters.
    """
    ev = claim.evidence
    if text is not None:
        spans = gold_spans(gold.evidence, text)
        if spans:
            return max(max(0, min(ev.end, e) - max(ev.start, s)) for s, e in spans)
    return _quote_overlap(ev.quote, gold.evidence)


def _quote_overlap(a: str, b: str) -> int:
    if not a or not b:
        return 0
    if a in b or b in a:
        return min(len(a), len(b))
    run = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size
    return run if run >= MIN_SHARED_CHARS_WITHOUT_TEXT else 0


def claim_matches(
    claim: CasualtyClaim,
    article: str,
    gold: GoldClaim,
    text: str | None,
) -> int:
    """Evidence overlap in characters when ``claim`` (from ``article``) matches ``gold``, else 0."""
    if article != gold.article or not outcomes_compatible(claim.outcome, gold.outcome):
        return 0
    if not sides_compatible(victim_side_of(claim.victims), gold.victim_side):
        return 0
    if not counts_compatible(claim.count, gold.count):
        return 0
    return evidence_overlap(claim, gold, text)


# --- one-to-one assignment ---------------------------------------------------------------------


def maximum_matching(edges: dict[int, dict[int, int]]) -> dict[int, int]:
    """Maximum-cardinality bipartite matching (augmenting paths), left -> right.

    ``edges[left][right]`` is a weight; each left node tries its heavier edges first, so among
    matchings of maximal size the result favours larger overlaps. Sets are a few dozen claims.
    """
    right_owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in sorted(edges.get(left, {}), key=lambda r: -edges[left][r]):
            if right in seen:
                continue
            seen.add(right)
            if right not in right_owner or augment(right_owner[right], seen):
                right_owner[right] = left
                return True
        return False

    order = sorted(edges, key=lambda left: -max(edges[left].values(), default=0))
    for left in order:
        augment(left, set())
    return {left: right for right, left in right_owner.items()}


def match_claims(
    extractions: list[ArticleExtraction],
    gold: Gold,
    articles: dict[str, Article] | list[Article] | None = None,
) -> ClaimMatch:
    """Match every system claim in ``extractions`` to at most one gold claim, and back.

    ``articles`` (id -> Article, or a list) lets evidence spans be compared by offset; without it
    quotes are compared as text. Gold claims of articles the extractions lack count as misses.
    With no system claims, precision is 0.0 (1.0 if gold has none either).
    """
    system = [
        (ex.article, i, claim) for ex in extractions for i, claim in enumerate(ex.claims)
    ]
    listed = articles.values() if isinstance(articles, dict) else (articles or [])
    texts = {a.id: a.text for a in listed}
    edges: dict[int, dict[int, int]] = {}
    for s, (article, _, claim) in enumerate(system):
        for g, gold_claim in enumerate(gold.claims):
            overlap = claim_matches(claim, article, gold_claim, texts.get(article))
            if overlap > 0:
                edges.setdefault(s, {})[g] = overlap
    assignment = maximum_matching(edges)

    refs = [_ref(article, i, claim) for article, i, claim in system]
    pairs = [
        MatchedPair(system=refs[s], gold=gold.claims[g].id, overlap=edges[s][g])
        for s, g in sorted(assignment.items())
    ]
    matched_gold = set(assignment.values())
    return ClaimMatch(
        pairs=pairs,
        false_positives=[ref for s, ref in enumerate(refs) if s not in assignment],
        misses=[_miss(c) for g, c in enumerate(gold.claims) if g not in matched_gold],
        system_total=len(system),
        gold_total=len(gold.claims),
    )


def _ref(article: str, index: int, claim: CasualtyClaim) -> SystemClaimRef:
    return SystemClaimRef(
        article=article,
        index=index,
        outcome=claim.outcome,
        victims=claim.victims,
        victim_side=victim_side_of(claim.victims),
        count=claim.count.label(),
        quote=claim.evidence.quote,
        start=claim.evidence.start,
        end=claim.evidence.end,
    )


def _miss(claim: GoldClaim) -> GoldMiss:
    return GoldMiss(
        id=claim.id,
        article=claim.article,
        outcome=claim.outcome,
        victims=claim.victims,
        count=claim.count.label(),
        evidence=claim.evidence,
    )
