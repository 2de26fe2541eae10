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

# Without the article text a span cannot be placed; two quotes then overlap when they share at
# least this many consecutive characters (or one contains the other).
MIN_SHARED_CHARS_WITHOUT_TEXT = 12

# General English only: words that name a kind of victim in any report of a war, bombing, quake,
# storm or crash. A word of a kind stands for the event's sides whose names are of that kind
# ("soldiers" for the side named "the national army"), when they are one side or one umbrella.
_KINDS: dict[str, frozenset[str]] = {
    "armed forces": frozenset({"army", "soldier", "troop", "military", "force", "servicemen", "mercenary"}),
    "on board": frozenset({"passenger", "crew", "aboard", "onboard", "board"}),
    "civilians": frozenset({"civilian", "resident", "villager", "inhabitant"}),
}
# Words too general to tell one side from another.
_STOP_WORDS = frozenset(
    """a an the of and or in on at to for from by with as its it their his her our your my other others all
    some any many several who whom which that this these those member group""".split()
)
# A name's head is before its first preposition: "governor of Brask" is a governor.
_PREPOSITION = re.compile(r"\s(?:of|on|in|at|with|for|from|to|by)\s.*$")
# "Li Chen's brother": the possessor says whose the victims are, not who they are.
_POSSESSOR = re.compile(r"(?:\b[A-Z][\w.-]*\s+)*\b[\w.-]+['\u2019]s\b")
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _stem(word: str) -> str:
    """Lower case, singular: "Soldiers" -> "soldier", "armies" -> "army"."""
    word = word.casefold()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _stems(text: str) -> list[str]:
    """The content words of ``text``, stemmed, possessors left out."""
    stems = (_stem(w) for w in _WORD.findall(_POSSESSOR.sub(" ", text)))
    return [w for w in stems if w not in _STOP_WORDS]


def _head(name: str) -> str | None:
    """The head noun of a side's name: its last content word before any parenthesis or
    preposition. Qualifiers say whose the side is ("British" in "British government"), not what."""
    words = _stems(_PREPOSITION.sub("", re.sub(r"\([^)]*\)", " ", name).strip()))
    return words[-1] if words else None


class SideVocabulary(BaseModel):
    """An event's victim-side vocabulary, read from its gold annotation (``event.sides`` and
    ``umbrella_sides``): no event's sides or names live in code."""

    word_side: dict[str, str] = Field(default_factory=dict, description="head word of one side's names -> that side")
    kind_side: dict[str, str] = Field(
        default_factory=dict, description="a kind in _KINDS -> the one side (or umbrella) whose names are of that kind"
    )
    umbrellas: dict[str, list[str]] = Field(default_factory=dict, description="umbrella side -> its sides")

    @classmethod
    def of(cls, gold: Gold) -> SideVocabulary:
        """Each side's distinctive head words: a word heading names of two sides tells neither."""
        holders: dict[str, set[str]] = {}
        for side, names in gold.sides().items():
            if side == UNKNOWN_SIDE:
                continue
            for head in filter(None, map(_head, names)):
                holders.setdefault(head, set()).add(side)
        vocabulary = cls(
            word_side={word: next(iter(sides)) for word, sides in holders.items() if len(sides) == 1},
            umbrellas=gold.umbrella_sides,
        )
        for kind, words in _KINDS.items():
            of_kind = set().union(*(holders.get(word, set()) for word in words))
            side = vocabulary.resolve(of_kind)
            if side != UNKNOWN_SIDE:
                vocabulary.kind_side[kind] = side
        return vocabulary

    def resolve(self, sides: set[str]) -> str:
        """One side; the umbrella side that holds all of ``sides``; else ``unknown``."""
        if len(sides) == 1:
            return next(iter(sides))
        umbrella = next((u for u, members in self.umbrellas.items() if sides <= {u, *members}), None)
        return umbrella if sides and umbrella else UNKNOWN_SIDE


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


def victim_side_of(victims: str, vocabulary: SideVocabulary) -> str:
    """Map a claim's victims, in the article's words, to a side of the event's gold vocabulary.

    Every side whose distinctive head words occur, or whose kind of victim ("soldiers",
    "passengers", "civilians": general English, ``_KINDS``) the words name, is collected. One
    side is the answer; several held by one umbrella side (an army and its allies) give the
    umbrella; sides that are not allies, or none at all ("prisoners", "his brother"), give
    ``unknown``, compatible with every side.
    """
    found: set[str] = set()
    for word in _stems(victims):
        if word in vocabulary.word_side:  # a word heading a side's names names that side
            found.add(vocabulary.word_side[word])
        else:
            found.update(side for kind, side in vocabulary.kind_side.items() if word in _KINDS[kind])
    return vocabulary.resolve(found)


def sides_compatible(a: str, b: str, vocabulary: SideVocabulary) -> bool:
    """Equal sides, ``unknown`` on either part, or an umbrella side against one of its sides."""
    if a == b or UNKNOWN_SIDE in (a, b):
        return True
    return any(u in (a, b) and {a, b} <= {u, *members} for u, members in vocabulary.umbrellas.items())


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
    vocabulary: SideVocabulary,
) -> int:
    """Evidence overlap in characters when ``claim`` (from ``article``) matches ``gold``, else 0."""
    if article != gold.article or not outcomes_compatible(claim.outcome, gold.outcome):
        return 0
    if not sides_compatible(victim_side_of(claim.victims, vocabulary), gold.victim_side, vocabulary):
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
    With no system claims, precision is 0.0 (1.0 if gold has none either). A claim its extractor
    flagged ``background`` (another incident's figure) is not one: reconcile drops it, so the
    account never states it; a true claim wrongly flagged counts as a miss.
    """
    system = [
        (ex.article, i, claim) for ex in extractions for i, claim in enumerate(ex.claims) if not claim.background
    ]
    listed = articles.values() if isinstance(articles, dict) else (articles or [])
    texts = {a.id: a.text for a in listed}
    vocabulary = SideVocabulary.of(gold)
    edges: dict[int, dict[int, int]] = {}
    for s, (article, _, claim) in enumerate(system):
        for g, gold_claim in enumerate(gold.claims):
            overlap = claim_matches(claim, article, gold_claim, texts.get(article), vocabulary)
            if overlap > 0:
                edges.setdefault(s, {})[g] = overlap
    assignment = maximum_matching(edges)

    refs = [_ref(article, i, claim, vocabulary) for article, i, claim in system]
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


def _ref(article: str, index: int, claim: CasualtyClaim, vocabulary: SideVocabulary) -> SystemClaimRef:
    return SystemClaimRef(
        article=article,
        index=index,
        outcome=claim.outcome,
        victims=claim.victims,
        victim_side=victim_side_of(claim.victims, vocabulary),
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
