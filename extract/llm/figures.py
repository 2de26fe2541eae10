"""The LLM extractor's request shape: numbered candidate sentences in, one item per figure out.

Code picks the sentences that may state a casualty figure (``extract.text.candidates``), numbers
them, and asks the model to fill, for each figure, the fields a fact-checker compares: the count's
words, the outcome, who the victims are (their words and a role from a closed vocabulary), who
gives the figure, and whether it is about another incident. The model never writes a quote or an
offset: the evidence of an item is the numbered sentence, whose span code already knows, and the
count's words must stand inside that sentence. What the model leaves out or cannot know from one
sentence (a claimant named two sentences earlier, the hedge words) code fills from the offline
reading of the same sentence (``extract.offline``).

Everything here is pure: messages are built from sentences, answers are checked against them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field

from extract.llm.ask import CompactModel, PromptTemplate, data_block_text
from extract.llm.client import clean_string
from extract.text.grounding import normalise_with_map, span_evidence
from extract.text.numbers import find_count_phrases, implausible_figure, parse_count
from extract.text.sentences import Sentence
from schemas import Article, CasualtyClaim, Claimant, Evidence, Outcome

# One request holds at most this many sentences: a small model finishes an answer about eight
# sentences (a few hundred tokens) and loses its place in longer lists.
MAX_SENTENCES_PER_REQUEST = 8
MAX_REQUEST_CHARS = 2400  # of sentence text: long sentences make a shorter batch
MAX_FIGURES_PER_SENTENCE = 3
# The answer's token budget: enough for three figures a sentence, capped so that a model that
# repeats itself stops there (issue 10: no answer longer than 1,500 output tokens).
ANSWER_TOKENS_BASE, ANSWER_TOKENS_PER_SENTENCE, ANSWER_TOKENS_CAP = 64, 150, 1500
UNSTATED = "(not stated)"

OutcomeName = Literal["killed", "wounded", "captured", "missing", "killed_or_captured", "casualties"]


class FigureAnswer(BaseModel):
    """One casualty figure of one numbered sentence, as the model reads it. The field meanings are
    in the prompt (prompts/extract_v2.txt), not here: descriptions would be sent as schema text
    with every request.

    The victims' role and whether a figure is another incident's are not asked: measured on
    Qwen2.5-Coder-1.5B over the bundled example, its answers to both were wrong more often than
    right (rebels as "people", the event's own wounded as background), and every item asked for
    costs output tokens, the slowest part of a small model's answer. Code reads both from the
    sentence (``extract.text.claim_facts``), as it does for the offline extractor."""

    sentence: int
    count: str
    outcome: OutcomeName
    victims: str = ""
    claimant: str = ""


class FiguresAnswer(CompactModel):
    """The casualty figures of the numbered sentences (none: an empty list).

    Its prompt shows the answer's shape by example, so in JSON mode the schema is not also sent
    as text (it still goes in ``response_format``, which llama.cpp turns into a grammar): about
    480 tokens less per request."""

    schema_in_prompt: ClassVar[bool] = False

    figures: list[FigureAnswer] = Field(
        default_factory=list, max_length=MAX_SENTENCES_PER_REQUEST * MAX_FIGURES_PER_SENTENCE
    )


def answer_tokens(sentences: int) -> int:
    """``max_tokens`` for a request about ``sentences`` numbered sentences."""
    return min(ANSWER_TOKENS_CAP, ANSWER_TOKENS_BASE + ANSWER_TOKENS_PER_SENTENCE * sentences)


def build_messages(prompt: PromptTemplate, article: Article, batch: Sequence[Sentence]) -> list[dict[str, str]]:
    """System prompt, then the numbered sentences inside the article's data block."""
    numbered = "\n".join(f"[{n}] {' '.join(s.text.split())}" for n, s in enumerate(batch, 1))
    published = article.published.isoformat() if article.published else "undated"
    user = prompt.user.safe_substitute(
        article_id=article.id.replace('"', "'"), published=published, sentences=data_block_text(numbered)
    )
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": user}]


# ---------------------------------------------------------------------------------------------
# Checking an answer against its sentences


@dataclass(frozen=True)
class SentenceReading:
    """What code read in one sentence without the model: the claimant it credits (the offline
    extractor's speaker tracking, across sentences) and, per figure text, whether it is hedged."""

    claimant: Claimant
    hedged_counts: frozenset[str] = frozenset()


@dataclass
class FigureFailure:
    """An answer item that did not hold, why, and the item as the model gave it (for the re-ask)."""

    quote: str
    reason: str
    item: dict[str, Any]


@dataclass
class CheckedFigures:
    """An answer placed in its sentences: the claims that hold and the failures."""

    claims: list[CasualtyClaim] = field(default_factory=list)
    failures: list[FigureFailure] = field(default_factory=list)


def find_within(needle: str, evidence: Evidence) -> str | None:
    """The evidence's own characters matching ``needle`` once quotes/whitespace/case are folded."""
    folded_hay, index = normalise_with_map(evidence.quote)
    folded_needle, _ = normalise_with_map(needle.strip().strip("\"'\u201c\u201d\u2018\u2019"))
    if not folded_needle:
        return None
    pos = folded_hay.find(folded_needle)
    if pos == -1:
        return None
    return evidence.quote[index[pos] : index[pos + len(folded_needle) - 1] + 1]


def check_figures(
    answer: FiguresAnswer, article: Article, batch: Sequence[Sentence], readings: Sequence[SentenceReading]
) -> CheckedFigures:
    """Each figure placed in its numbered sentence and checked: the sentence exists, the count's
    words stand inside it and read as a plausible count of people. Repeated items count once."""
    checked = CheckedFigures()
    seen: set[tuple] = set()
    for item in answer.figures:
        if not 1 <= item.sentence <= len(batch):
            checked.failures.append(FigureFailure("", f"there is no sentence [{item.sentence}]", item.model_dump()))
            continue
        sentence, reading = batch[item.sentence - 1], readings[item.sentence - 1]
        evidence = span_evidence(article, sentence.start, sentence.end)
        built = _claim(item, evidence, article, reading)
        if isinstance(built, str):
            checked.failures.append(FigureFailure(sentence.text, f"sentence [{item.sentence}]: {built}", item.model_dump()))
            continue
        key = (sentence.start, built.outcome, built.count.min, built.count.max, built.count.text.casefold())
        if key in seen:
            continue
        seen.add(key)
        checked.claims.append(built)
    return checked


def _claim(item: FigureAnswer, evidence: Evidence, article: Article, reading: SentenceReading) -> CasualtyClaim | str:
    """The claim of one figure, or why it fails."""
    count_words = clean_string(item.count)
    words = find_within(count_words, evidence) if count_words.strip() else None
    if words is None:
        words = same_value_in(count_words, evidence.quote)
    if words is None:
        return f"count {count_words!r} is not in the sentence"
    huge = implausible_figure(words)
    if huge is not None:
        return f"implausible figure {huge[:20]!r}"
    if not find_count_phrases(words):  # "white soldiers" is no figure, whatever the model says
        return f"count {words!r} holds no figure"
    try:
        count = parse_count(words)
    except ValueError as error:
        return f"count {words!r}: {error}"
    return CasualtyClaim(
        outcome=Outcome(item.outcome),
        victims=_words_or(item.victims, UNSTATED),
        count=count,
        claimant=_claimant(item.claimant, evidence, reading),
        carrier=article.wire or article.outlet,
        hedged=count.text.casefold() in reading.hedged_counts,
        evidence=evidence,
    )


def same_value_in(count_words: str, sentence: str) -> str | None:
    """The sentence's own figure with the value of ``count_words`` when it holds exactly one such
    ("3" for "three", "twelve" for "12"): small models write a number in the other form."""
    try:
        wanted = parse_count(count_words)
    except ValueError:
        return None
    if wanted.min is None:
        return None
    same = [sentence[s:e] for s, e, c in find_count_phrases(sentence) if (c.min, c.max) == (wanted.min, wanted.max)]
    return same[0] if len(same) == 1 else None


def _claimant(named: str, evidence: Evidence, reading: SentenceReading) -> Claimant:
    """Code's claimant (the offline speaker tracking: a claimant named in an earlier sentence,
    with role and affiliation), unless code heard only the article's own voice; then the model's,
    when its words stand in the sentence and read as a name or a body, not a dateline ("CITY")."""
    code = reading.claimant
    if code.role not in ("own reporting", "unattributed"):
        return code
    named = clean_string(named)
    words = find_within(named, evidence) if named.strip() else None
    if words is None or len(words) < 3 or words.isupper() or not any(ch.islower() for ch in words):
        return code
    return Claimant(name=words)


def _words_or(value: str, default: str) -> str:
    value = " ".join(clean_string(value).split())
    return value or default


def describe_failures(failures: Sequence[FigureFailure]) -> str:
    """The re-ask's list of problems: one line per failed item."""
    return "\n".join(f"- {json.dumps(f.item, ensure_ascii=False)[:200]}: {f.reason}" for f in failures)


def reask_answer_json(failures: Sequence[FigureFailure]) -> str:
    """The failed items as the model gave them: the assistant turn a re-ask replies to."""
    return json.dumps({"figures": [f.item for f in failures]}, ensure_ascii=False)


def still_failing(failures: Sequence[FigureFailure], corrected: CheckedFigures, answered: int) -> list[FigureFailure]:
    """What remains failed after a re-ask that returned ``answered`` items: the corrected answer's
    own failures, plus the earlier failures beyond the first ``answered`` (the model does not say
    which correction answers which item)."""
    return list(corrected.failures) + list(failures[answered:])
