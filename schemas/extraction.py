"""What an extractor returns for one article: the contract between extraction and reconciliation.

Both extractors (offline patterns and LLM) return exactly these models. Every item carries an
``Evidence`` whose offsets were computed by code (``extract.text.grounding``), never by a model.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, Field, model_validator


class Alignment(str, Enum):
    """How a quote was found in its article (after google/langextract's alignment status)."""

    exact = "exact"  # the quote is a verbatim substring
    normalised = "normalised"  # equal once quotes, dashes, whitespace and case are folded
    fuzzy = "fuzzy"  # best approximate match above the grounding threshold


class Evidence(BaseModel):
    """A verbatim span of one article: ``article.text[start:end] == quote``."""

    article: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    alignment: Alignment = Alignment.exact

    @model_validator(mode="after")
    def _span_matches_quote_length(self) -> Evidence:
        if self.end - self.start != len(self.quote):
            raise ValueError(f"span {self.start}-{self.end} does not have the length of its quote")
        return self

    def holds_in(self, text: str) -> bool:
        return text[self.start : self.end] == self.quote


class Outcome(str, Enum):
    killed = "killed"
    wounded = "wounded"
    captured = "captured"
    missing = "missing"
    killed_or_captured = "killed_or_captured"  # "killed or arrested", not split
    casualties = "casualties"  # killed and/or wounded, not split

    def parts(self) -> frozenset[Outcome]:
        """The plain outcomes a combined one covers (a plain outcome covers itself)."""
        if self is Outcome.killed_or_captured:
            return frozenset({Outcome.killed, Outcome.captured})
        if self is Outcome.casualties:
            return frozenset({Outcome.killed, Outcome.wounded})
        return frozenset({self})


class Count(BaseModel):
    """A figure as a closed or open interval plus the words that gave it.

    ``min == max`` is an exact figure; ``max is None`` is open ("at least 15"); both None with
    ``vague`` is a word such as "dozens" or "several". Computed by ``extract.text.numbers``.
    """

    min: int | None = Field(default=None, ge=0)
    max: int | None = Field(default=None, ge=0)
    text: str
    vague: bool = False

    @model_validator(mode="after")
    def _ordered(self) -> Count:
        if self.min is not None and self.max is not None and self.max < self.min:
            raise ValueError(f"count max {self.max} is below min {self.min}")
        return self

    def overlaps(self, other: Count) -> bool:
        """True when the two intervals share a value (None bounds are open)."""
        lo = max(self.min or 0, other.min or 0)
        highs = [h for h in (self.max, other.max) if h is not None]
        return not highs or lo <= min(highs)

    def label(self) -> str:
        if self.min is None and self.max is None:
            return self.text
        if self.min == self.max:
            return str(self.min)
        if self.max is None:
            return f"at least {self.min}"
        if self.min is None:
            return f"at most {self.max}"
        return f"{self.min}-{self.max}"


class CasualtyClaim(BaseModel):
    """One casualty figure as one article states it, with who claims it."""

    outcome: Outcome
    victims: str = Field(description="who was hurt, in the article's words")
    count: Count
    claimant: str = Field(description="who makes the claim, e.g. 'the Malian army', 'a local official'")
    carrier: str | None = Field(default=None, description="the outlet or wire carrying the claim")
    hedged: bool = Field(default=False, description="'may have been', 'believed to', 'thought to'")
    evidence: Evidence


class SpeechMode(str, Enum):
    quoted = "quoted"  # direct speech in quotation marks
    reported = "reported"  # indirect speech: "X said that..."


class Attribution(BaseModel):
    """Who said what: a speaker the article quotes or reports."""

    speaker: str
    role: str | None = None
    affiliation: str | None = None
    mode: SpeechMode = SpeechMode.reported
    statement: str = Field(description="what the speaker said (a verbatim part of the evidence)")
    evidence: Evidence


class Event(BaseModel):
    """Something that happened, as the article tells it (fighting, an air strike, a withdrawal)."""

    description: str
    place: str | None = None
    when: date | None = Field(default=None, description="resolved by code from the article's date")
    when_text: str | None = Field(default=None, description="the words that date it: 'on Saturday'")
    evidence: Evidence


class DroppedItem(BaseModel):
    """An item an extractor proposed and code rejected; counted in the run report, never shown."""

    kind: str  # "claim", "attribution" or "event"
    reason: str
    quote: str | None = None


class Usage(BaseModel):
    """LLM usage of one article, one step or a whole run, every attempt counted: the one tally
    (the LLM client and its askers count into it; ``add`` sums two)."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasks: int = 0
    retries: int = 0
    cache_hits: int = 0
    seconds: float = 0.0

    def add(self, other: Usage) -> Usage:
        return Usage(**{k: getattr(self, k) + getattr(other, k) for k in Usage.model_fields})


class ArticleExtraction(BaseModel):
    """Everything one extractor found in one article, or why it found nothing."""

    article: str
    extractor: str = Field(description="e.g. 'offline-patterns/1' or 'llm:gpt-4o-mini'")
    events: list[Event] = Field(default_factory=list)
    claims: list[CasualtyClaim] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)
    dropped: list[DroppedItem] = Field(default_factory=list)
    usage: Usage | None = None
    error: str | None = Field(default=None, description="set when the article could not be extracted")
