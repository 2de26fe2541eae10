"""What an extractor returns for one article: the contract between extraction and reconciliation.

Both extractors (offline patterns and LLM) return exactly these models. Every item carries an
``Evidence`` whose offsets were computed by code (``extract.text.grounding``), never by a model.
``Evidence`` is the one span type of the contract: the summary's ``mentions`` are ``Evidence`` too.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field, model_validator

from schemas.version import schema_id


class Alignment(str, Enum):
    """How a quote was found in its article (after google/langextract's alignment status)."""

    exact = "exact"  # the quote is a verbatim substring
    normalised = "normalised"  # equal once quotes, dashes, whitespace and case are folded
    fuzzy = "fuzzy"  # best approximate match above the grounding threshold


class Evidence(BaseModel):
    """A verbatim span of one article: ``article.text[start:end] == quote``."""

    model_config = ConfigDict(extra="forbid")

    article: str = Field(description="id (file name) of the article the span is in")
    start: int = Field(ge=0, description="first character: a Python index (code points) into the article's decoded text")
    end: int = Field(ge=0, description="one past the last character; end - start == len(quote)")
    quote: str = Field(description="the article's words at [start, end), verbatim")
    alignment: Alignment = Field(default=Alignment.exact, description="how the quote was found in the article")

    @model_validator(mode="after")
    def _span_matches_quote_length(self) -> Evidence:
        if self.end - self.start != len(self.quote):
            raise ValueError(f"span {self.start}-{self.end} does not have the length of its quote")
        return self

    def holds_in(self, text: str) -> bool:
        return text[self.start : self.end] == self.quote


class Outcome(str, Enum):
    """What happened to the victims of a casualty claim."""

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

    model_config = ConfigDict(extra="forbid")

    min: int | None = Field(default=None, ge=0, description="lower bound, in persons; None for a vague word")
    max: int | None = Field(default=None, ge=0, description="upper bound, in persons; None when open ('at least 15') or vague")
    text: str = Field(description="the words that give the figure, verbatim: '12', 'at least 15', 'dozens'")
    vague: bool = Field(default=False, description="True for a word with no number ('dozens', 'several')")

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


class Claimant(BaseModel):
    """Who makes a casualty claim, as the article names them.

    ``label()`` is the one way the claimant is written as one string ("Name (role, affiliation)").
    """

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        description="the person or body, in the article's words ('the army', 'Jane Doe'); 'the article' "
        "or the outlet's name when no one is credited"
    )
    role: str | None = Field(
        default=None,
        description="the claimant's role ('spokesman'), or 'own reporting' / 'unattributed' when the "
        "article states the figure in its own voice; None when the article gives none",
    )
    affiliation: str | None = Field(
        default=None, description="whom the claimant speaks for ('the army'); None when the article gives none"
    )

    def label(self) -> str:
        """``Name (role, affiliation)``, ``Name (role)`` or ``Name``: the claimant as one string.
        An affiliation is written only beside a role (the claimant strings of schema 1)."""
        if not self.role:
            return self.name
        details = f"{self.role}, {self.affiliation}" if self.affiliation else self.role
        return f"{self.name} ({details})"


class VictimRole(str, Enum):
    """Who the victims of a claim are, as a closed general vocabulary: what keeps an attacker's
    death out of its victims' row, whatever the event."""

    people = "people"  # civilians, residents, people at large
    attackers = "attackers"  # perpetrators: gunmen, bombers, hijackers, a suicide pilot
    security_forces = "security_forces"  # soldiers, police, an army
    fighters = "fighters"  # members of a named non-state armed group: rebels, militants, insurgents, mercenaries
    passengers_and_crew = "passengers_and_crew"
    rescuers_and_aid_workers = "rescuers_and_aid_workers"
    unknown = "unknown"  # the words do not say


class CasualtyClaim(BaseModel):
    """One casualty figure as one article states it, with who claims it.

    The fields after ``evidence`` are the claim's *facts*: what makes two claims comparable. Both
    extractors fill them with the same code (``extract.text.claim_facts``); their defaults are
    what an extraction made before they existed means ("unknown", whole event, undated, this event).
    """

    model_config = ConfigDict(extra="forbid")

    outcome: Outcome = Field(description="what happened to the victims")
    victims: str = Field(description="who was hurt, in the article's words")
    count: Count = Field(description="how many, as an interval")
    claimant: Claimant = Field(description="who makes the claim, e.g. the Varnish army, a local official")
    carrier: str | None = Field(default=None, description="the outlet or wire carrying the claim; None when unknown")
    hedged: bool = Field(default=False, description="True when worded as uncertain: 'may have been', 'believed to'")
    evidence: Evidence = Field(description="the sentence that states the claim")
    victim_role: VictimRole = Field(
        default=VictimRole.unknown, description="who the victims are, from a closed vocabulary; 'unknown' when the words do not say"
    )
    victim_party: str | None = Field(
        default=None, description="the party the victims belong to, in the article's words ('the army', a group's name); None when none is named"
    )
    victim_subset: str | None = Field(
        default=None,
        description="the part of the victims the figure counts (children, a nationality, a named person or kin), "
        "as a key such as 'nation:varn' or 'kin:his brother'; None when it counts them all",
    )
    place_within: str | None = Field(
        default=None,
        description="the part of the event's area the figure covers, in the article's words ('at the concert hall', "
        "'in the capital'); None when it covers the whole event",
    )
    as_of: date | None = Field(
        default=None, description="the date the figure stands at: the stated day resolved by code, else the article's date; None when undated"
    )
    as_of_text: str | None = Field(
        default=None, description="the words that date the figure ('on Sunday'); None when the article's date is used"
    )
    background: bool = Field(
        default=False,
        description="True when the figure is another incident's or a running total told as background: never part of this event's account",
    )


class SpeechMode(str, Enum):
    """How an article gives a speaker's words."""

    quoted = "quoted"  # direct speech in quotation marks
    reported = "reported"  # indirect speech: "X said that..."


class Attribution(BaseModel):
    """Who said what: a speaker the article quotes or reports."""

    model_config = ConfigDict(extra="forbid")

    speaker: str = Field(description="the person or body speaking, in the article's words")
    role: str | None = Field(default=None, description="the speaker's role ('spokesman'); None when not given")
    affiliation: str | None = Field(default=None, description="whom the speaker speaks for; None when not given")
    mode: SpeechMode = Field(default=SpeechMode.reported, description="quoted (direct) or reported (indirect) speech")
    statement: str = Field(description="what the speaker said (a verbatim part of the evidence)")
    evidence: Evidence = Field(description="the sentence that carries the statement")


class Event(BaseModel):
    """Something that happened, as the article tells it (fighting, an air strike, a withdrawal)."""

    model_config = ConfigDict(extra="forbid")

    description: str = Field(description="what happened, in a few words")
    place: str | None = Field(default=None, description="where, in the article's words; None when not given")
    when: date | None = Field(default=None, description="resolved by code from the article's date; None when undated")
    when_text: str | None = Field(default=None, description="the words that date it: 'on Saturday'; None when undated")
    evidence: Evidence = Field(description="the sentence that tells the event")


class ItemKind(str, Enum):
    """The kinds of item an extractor returns."""

    claim = "claim"
    attribution = "attribution"
    event = "event"


class DroppedItem(BaseModel):
    """An item an extractor proposed and code rejected; counted in the run report, never shown."""

    model_config = ConfigDict(extra="forbid")

    kind: ItemKind = Field(description="what kind of item was dropped")
    reason: str = Field(description="why code rejected it, e.g. the quote is not in the article")
    quote: str | None = Field(default=None, description="the quote it was proposed with; None when it had none")


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

    model_config = ConfigDict(extra="forbid", json_schema_extra={"$id": schema_id("article-extraction")})

    article: str = Field(description="id (file name) of the article")
    extractor: str = Field(description="e.g. 'offline-patterns/1' or 'llm:gpt-4o-mini'")
    events: list[Event] = Field(default_factory=list, description="what happened, as the article tells it")
    claims: list[CasualtyClaim] = Field(default_factory=list, description="casualty figures, with who claims them")
    attributions: list[Attribution] = Field(default_factory=list, description="who said what")
    dropped: list[DroppedItem] = Field(default_factory=list, description="items proposed and rejected by code")
    usage: Usage | None = Field(default=None, description="LLM usage for this article; None for the offline extractor")
    error: str | None = Field(default=None, description="why the article could not be extracted; None when it was")
