"""The reconciled account of one event: what ``summary.json`` holds and newsroom tools read.

``EventSummary`` is produced by ``summarise.reconcile`` from ``ArticleExtraction`` objects and
rendered by ``summarise.render``. Its JSON Schema is printed by ``summarise schema``.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from schemas.article import ExcludedRange
from schemas.extraction import Alignment, Count, Outcome, SpeechMode, Usage

SCHEMA_VERSION = "1"


class Mention(BaseModel):
    """Where one article states a claim: ``articles[article].text[start:end] == quote``."""

    article: str
    start: int
    end: int
    quote: str
    alignment: Alignment = Alignment.exact


class SummaryArticle(BaseModel):
    id: str = Field(description="the file name within the event folder")
    title: str | None = None
    published: date | None = None
    outlet: str | None = None
    wire: str | None = None
    url: str | None = None
    source_group: str = Field(description="id of the SourceGroup this article belongs to")
    status: str = Field(default="extracted", description="extracted, failed or skipped")
    status_reason: str | None = None
    possibly_other_incident: bool = False
    scope_note: str | None = Field(default=None, description="why it may describe another incident")
    excluded: list[ExcludedRange] = Field(default_factory=list)
    text: str = Field(
        default="",
        description="the decoded text the mention offsets point into, excluded ranges blanked to spaces",
    )


class Party(BaseModel):
    """One side or actor, with every name the articles use for it."""

    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)


class SummaryClaim(BaseModel):
    """One claim by one claimant, merged across every article that tells it."""

    id: str
    outcome: Outcome
    victims: str
    victim_party: str | None = Field(default=None, description="Party id of the victims")
    count: Count
    claimant: str
    claimant_party: str | None = Field(default=None, description="Party id of the claimant")
    hedged: bool = False
    mentions: list[Mention]
    source_groups: list[str] = Field(default_factory=list, description="independent sources carrying it")
    possibly_other_incident: bool = False


class FigureByClaimant(BaseModel):
    claim: str
    claimant: str
    count: Count


class Conflict(BaseModel):
    """Claims about the same victims and outcome that disagree, shown side by side."""

    id: str
    about: str = Field(description="e.g. 'separatists killed'")
    victim_party: str | None = None
    outcome: Outcome
    claims: list[str]
    kind: str = Field(description="'contradictory' (intervals do not overlap) or 'lower_bounds' (compatible)")
    figures: list[FigureByClaimant] = Field(default_factory=list)
    note: str | None = None


class CasualtyFigure(BaseModel):
    """One row of the casualty table: one side, one outcome, every claimant's figure."""

    victim_party: str | None
    victims: str
    outcome: Outcome
    by_claimant: list[FigureByClaimant]
    conservative: int | None = Field(default=None, description="lowest credible lower bound (ACLED's rule)")
    low: int | None = None
    high: int | None = Field(default=None, description="None where some claim is open-ended or vague")


class DisputeSide(BaseModel):
    statement: str
    source: str | None = None
    mentions: list[Mention]


class Dispute(BaseModel):
    """Two or more accounts of one non-casualty fact."""

    id: str
    about: str
    sides: list[DisputeSide]


class SourceGroup(BaseModel):
    """Articles resting on one dispatch: together they count as one source."""

    id: str
    label: str = Field(description="e.g. 'AFP' or 'independent: 003.txt'")
    articles: list[str]
    basis: str = Field(description="'credited wire', 'near-duplicate text' or 'single article'")


class SummaryAttribution(BaseModel):
    speaker: str
    role: str | None = None
    affiliation: str | None = None
    party: str | None = None
    mode: SpeechMode = SpeechMode.reported
    statement: str
    mentions: list[Mention]


class TimelineEntry(BaseModel):
    when: date
    what: str
    mentions: list[Mention]


class ArticleFailure(BaseModel):
    article: str
    reason: str


class RunReport(BaseModel):
    """How the run went: extractor, failures, dropped items and LLM usage."""

    extractor: str
    articles_read: int = 0
    articles_extracted: int = 0
    failures: list[ArticleFailure] = Field(default_factory=list)
    skipped_files: list[ArticleFailure] = Field(default_factory=list)
    dropped_items: int = 0
    usage: Usage = Field(default_factory=Usage)
    usage_by_article: dict[str, Usage] = Field(default_factory=dict)
    warnings: list[str] = Field(default_factory=list)


class EventSummary(BaseModel):
    schema_version: str = SCHEMA_VERSION
    title: str
    narrative: str = Field(default="", description="headline paragraph, each sentence citing its claims")
    articles: list[SummaryArticle]
    parties: list[Party] = Field(default_factory=list)
    claims: list[SummaryClaim] = Field(default_factory=list)
    figures: list[CasualtyFigure] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)
    disputes: list[Dispute] = Field(default_factory=list)
    attributions: list[SummaryAttribution] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    source_groups: list[SourceGroup] = Field(default_factory=list)
    report: RunReport
