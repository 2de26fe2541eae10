"""What an editor needs from a summary, scored against gold: the key figures in the lead, casualty
table rows that mix victim sides, and the non-casualty disputes found.

``key_figures``: each gold ``key_figures`` entry is found when one of its ``numbers`` is written in
the first paragraph of ``EventSummary.narrative`` ("2,975", "2975", or a word such as "seven").
``mixed rows``: a casualty-table row is mixed when the gold victim sides of the claims it holds
cannot be one row (``unknown`` goes with every side; ``umbrella_sides`` lists sides that may share
a row). ``disputes``: a gold dispute is found when a summary dispute quotes one of its articles and
says what it is about in some of the same words (or quotes exactly its articles, when several).
Pure functions; no I/O.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from schemas import Dispute, EventSummary, Outcome
from summarise.evaluate.gold import Gold, GoldDispute
from summarise.evaluate.matching import UNKNOWN_SIDE, SideVocabulary, maximum_matching

# --- numbers as an article or a lead writes them -----------------------------------------------

# Citations such as "[c2, c3: 000_ab12.txt]" hold ids and file names, not figures.
_CITATION = re.compile(r"\[[^\]]*\]")
# "2,975" or "2975"; a decimal ("1.5") or a digit run inside a word ("MH370", "c12") is no count.
_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?!\w)")
_UNITS = "one two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUE = {
    **{w: i + 1 for i, w in enumerate(_UNITS)},
    **{w: i + 10 for i, w in enumerate(_TEENS)},
    **{w: (i + 2) * 10 for i, w in enumerate(_TENS)},
}
_NUMBER_WORD = re.compile(
    rf"\b(?:({'|'.join(_TENS)})(?:[-\s]({'|'.join(_UNITS)}))?|({'|'.join(_UNITS + _TEENS)}))\b", re.IGNORECASE
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def first_paragraph(narrative: str) -> str:
    """The narrative up to its first blank line: what an editor reads first."""
    return _PARAGRAPH_BREAK.split(narrative.strip(), maxsplit=1)[0]


def numbers_written(text: str) -> set[int]:
    """Whole numbers written in ``text`` in digits (with or without thousands commas) or in words
    up to ninety-nine; citations in square brackets are left out."""
    text = _CITATION.sub(" ", text)
    found = {int(m.group(1).replace(",", "")) for m in _DIGITS.finditer(text) if not m.group(2)}
    for m in _NUMBER_WORD.finditer(text):
        tens, unit, small = m.group(1), m.group(2), m.group(3)
        found.add(_WORD_VALUE[small.casefold()] if small else _WORD_VALUE[tens.casefold()] + (_WORD_VALUE[unit.casefold()] if unit else 0))
    return found


class KeyFigureCheck(BaseModel):
    about: str
    numbers: list[int] = Field(description="the acceptable numbers of the gold entry")
    found: list[int] = Field(default_factory=list, description="those written in the lead")


class KeyFiguresCheck(BaseModel):
    """Gold ``key_figures`` found in the summary's first paragraph."""

    found: int
    total: int
    checks: list[KeyFigureCheck] = Field(default_factory=list)
    misses: list[str] = Field(default_factory=list, description="`about` of each entry not found")


def check_key_figures(summary: EventSummary, gold: Gold) -> KeyFiguresCheck:
    """Each gold key figure is found when any one of its numbers is written in the lead."""
    written = numbers_written(first_paragraph(summary.narrative))
    checks = [
        KeyFigureCheck(about=k.about, numbers=k.numbers, found=[n for n in k.numbers if n in written])
        for k in gold.key_figures
    ]
    return KeyFiguresCheck(
        found=sum(bool(c.found) for c in checks),
        total=len(checks),
        checks=checks,
        misses=[c.about for c in checks if not c.found],
    )


# --- casualty-table rows that mix victim sides ---------------------------------------------------


class MixedRow(BaseModel):
    """A casualty-table row holding claims of victim sides that cannot share a row."""

    victims: str
    outcome: Outcome
    sides: list[str] = Field(description="the gold victim sides of its claims, unknown left out")
    gold_claims: dict[str, str] = Field(description="gold claim id -> its victim side, for the row's claims")


class MixedRowsCheck(BaseModel):
    rows: int = Field(description="rows of the casualty table")
    mixed: list[MixedRow] = Field(default_factory=list)


def sides_share_a_row(sides: set[str], umbrellas: dict[str, list[str]]) -> bool:
    """One side at most once ``unknown`` is set aside, or sides that one umbrella holds."""
    known = sides - {UNKNOWN_SIDE}
    return len(known) <= 1 or SideVocabulary(umbrellas=umbrellas).resolve(known) != UNKNOWN_SIDE


def check_mixed_rows(summary: EventSummary, gold: Gold, gold_of_claim: dict[str, set[str]]) -> MixedRowsCheck:
    """``gold_of_claim`` maps a SummaryClaim id to the gold claims its system claims matched; a row's
    gold sides are those of every ``by_claimant[].claim``'s gold claims."""
    side_of = {c.id: c.victim_side for c in gold.claims}
    mixed = []
    for row in summary.figures:
        members = {g: side_of[g] for f in row.by_claimant for g in sorted(gold_of_claim.get(f.claim, set())) if g in side_of}
        if not sides_share_a_row(set(members.values()), gold.umbrella_sides):
            sides = sorted(set(members.values()) - {UNKNOWN_SIDE})
            mixed.append(MixedRow(victims=row.victims, outcome=row.outcome, sides=sides, gold_claims=members))
    return MixedRowsCheck(rows=len(summary.figures), mixed=mixed)


# --- non-casualty disputes -------------------------------------------------------------------------

# Words that say nothing about which fact is in dispute.
_ABOUT_STOP = frozenset(
    """the a an of in on at to for from by with and or who whom what whether how when where why which that
    this these is was were be been has have had its it their there some several""".split()
)
_ABOUT_WORD = re.compile(r"[^\W\d_]+")


def about_words(about: str) -> set[str]:
    """Content words of a dispute's ``about``, lower case, a plural's final s dropped."""
    words = (w.casefold() for w in _ABOUT_WORD.findall(about))
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words if w not in _ABOUT_STOP and len(w) > 2}


def _dispute_articles(dispute: Dispute) -> set[str]:
    return {m.article for side in dispute.sides for m in side.mentions}


def dispute_affinity(gold: GoldDispute, dispute: Dispute) -> int:
    """How well a summary dispute stands for a gold one (0: it does not): it must quote one of the
    gold articles (any, when gold lists none), and share words of ``about`` or quote exactly its
    articles when there are several (one article holds many facts; the same few seldom do by chance)."""
    quoted, listed = _dispute_articles(dispute), set(gold.articles)
    shared_articles = len(quoted & listed) if listed else len(quoted)
    if not shared_articles:
        return 0
    shared_words = len(about_words(gold.about) & about_words(dispute.about))
    if not shared_words and not (len(listed) > 1 and quoted == listed):
        return 0
    return 2 * shared_words + shared_articles


class DisputeCheck(BaseModel):
    about: str = Field(description="the gold dispute")
    status: str = Field(description="'found' or 'not found'")
    dispute: str | None = Field(default=None, description="id of the summary dispute standing for it")


class DisputesCheck(BaseModel):
    found: int
    gold: int
    system: int = Field(description="disputes in the summary")
    checks: list[DisputeCheck] = Field(default_factory=list)


def check_disputes(summary: EventSummary, gold: Gold) -> DisputesCheck:
    """Gold disputes matched one to one with summary disputes (most matches, closer ones first)."""
    wanted = gold.reconciliation.disputes
    edges: dict[int, dict[int, int]] = {}
    for g, gold_dispute in enumerate(wanted):
        for s, dispute in enumerate(summary.disputes):
            affinity = dispute_affinity(gold_dispute, dispute)
            if affinity:
                edges.setdefault(g, {})[s] = affinity
    assignment = maximum_matching(edges)
    checks = [
        DisputeCheck(about=d.about, status="found", dispute=summary.disputes[assignment[g]].id)
        if g in assignment
        else DisputeCheck(about=d.about, status="not found")
        for g, d in enumerate(wanted)
    ]
    return DisputesCheck(found=len(assignment), gold=len(wanted), system=len(summary.disputes), checks=checks)
