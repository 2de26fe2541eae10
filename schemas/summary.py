"""The reconciled account of one event: what ``summary.json`` holds and newsroom tools read.

``EventSummary`` is produced by ``summarise.reconcile`` from ``ArticleExtraction`` objects and
rendered by ``summarise.render``. Its JSON Schema is printed by ``summarise schema``. Every quote
it cites is an ``Evidence`` span (JSON fields ``mentions``) into ``SummaryArticle.text``.
"""

from __future__ import annotations

import re
from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict, Field

from schemas.article import ExcludedRange
from schemas.extraction import Claimant, Count, Evidence, Outcome, SpeechMode, Usage, VictimRole
from schemas.version import SCHEMA_VERSION, schema_id


class ArticleStatus(str, Enum):
    """What became of one article in the run."""

    extracted = "extracted"
    failed = "failed"  # the extractor gave an error (status_reason says which)
    skipped = "skipped"  # no extraction was made for it


class SummaryArticle(BaseModel):
    """One article of the event folder and what the run made of it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="the file name within the event folder")
    title: str | None = Field(default=None, description="the headline; None when the file gives none")
    published: date | None = Field(default=None, description="publication date; None when the file gives none")
    outlet: str | None = Field(default=None, description="the publishing outlet; None when unknown")
    wire: str | None = Field(default=None, description="the agency the text credits or rests on; None: none credited")
    url: str | None = Field(default=None, description="the article's address; None when unknown")
    source_group: str = Field(description="id of the SourceGroup this article belongs to")
    status: ArticleStatus = Field(default=ArticleStatus.extracted, description="extracted, failed or skipped")
    status_reason: str | None = Field(default=None, description="why it failed or was skipped; None when extracted")
    possibly_other_incident: bool = Field(default=False, description="True when it may describe another incident")
    scope_note: str | None = Field(default=None, description="why it may describe another incident; None when it does not")
    excluded: list[ExcludedRange] = Field(default_factory=list, description="stretches of text not about the event")
    text: str = Field(
        default="",
        description="the decoded text the mention offsets point into, excluded ranges blanked to spaces; "
        "empty when the text was not carried",
    )


class PartyKind(str, Enum):
    """What sort of actor a party is."""

    side = "side"  # a kind of actor (an army, rebels, officials, an outlet), maybe of one nation or group
    person = "person"  # one named person no side was found for
    organisation = "organisation"  # a named organisation no side was found for
    coalition = "coalition"  # several parties named together ("the army and its allies")


class Party(BaseModel):
    """One side or actor, with every name the articles use for it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="stable within one summary, e.g. 'army:varnish' or 'person:jane-doe'; opaque to readers")
    name: str = Field(description="the name to show, e.g. 'army (Varnish)'")
    kind: PartyKind = Field(description="side, person, organisation or coalition")
    family: str | None = Field(
        default=None,
        description="for a side found by keyword, its kind of actor ('army', 'separatists', 'media'); "
        "None otherwise (also for sides an LLM resolver named)",
    )
    affiliation: str | None = Field(
        default=None, description="the nation or group a side belongs to, as written ('Varnish'); None when unqualified"
    )
    members: list[str] = Field(default_factory=list, description="for a coalition, the ids of its parties; empty otherwise")
    aliases: list[str] = Field(default_factory=list, description="other names the articles use for it")

    def parts(self) -> frozenset[str]:
        """The ids this party stands for: a coalition's members, else its own id."""
        return frozenset(self.members) if self.members else frozenset({self.id})


class SummaryClaim(BaseModel):
    """One claim by one claimant, merged across every article that tells it."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="'c1', 'c2'... in order of first mention; cited in the narrative as [c1]")
    outcome: Outcome = Field(description="what happened to the victims")
    victims: str = Field(description="who was hurt, in the words of one article")
    victim_party: str | None = Field(default=None, description="Party id of the victims; None when no side was found")
    count: Count = Field(description="how many, as an interval")
    claimant: Claimant = Field(description="who makes the claim")
    claimant_party: str | None = Field(default=None, description="Party id of the claimant; None when no side was found")
    hedged: bool = Field(default=False, description="True when some article words it as uncertain")
    mentions: list[Evidence] = Field(description="every place an article states it")
    source_groups: list[str] = Field(default_factory=list, description="ids of the independent sources carrying it")
    possibly_other_incident: bool = Field(
        default=False, description="True when it comes from an article that may describe another incident"
    )
    victim_role: VictimRole = Field(default=VictimRole.unknown, description="who the victims are, from the closed vocabulary")
    victim_subset: str | None = Field(
        default=None, description="the part of the victims it counts (a nationality, children, a named person); None: all of them"
    )
    place_within: str | None = Field(
        default=None, description="the part of the event's area it covers ('in the capital'); None: the whole event"
    )
    as_of: date | None = Field(default=None, description="the latest date its mentions give the figure at; None when undated")

    def place_label(self) -> str:
        """The place its figure covers as words after the outcome ("in the capital alone",
        "in Brask" for a bare "Brask"), or "" for the whole event."""
        return place_label(self.place_within)


_PREPOSITION = re.compile(r"^(?:in|at|from|on|inside|near|around|across|throughout)\b", re.IGNORECASE)


def place_label(place: str | None) -> str:
    """``place_within`` as words that follow "12 people killed": a bare name gets "in"."""
    if not place:
        return ""
    words = " ".join(place.split())
    if _PREPOSITION.match(words):
        return words
    return "in " + (words[0].lower() + words[1:] if words.startswith("The ") else words)


class FigureByClaimant(BaseModel):
    """One claimant's figure in a casualty-table row or a conflict."""

    model_config = ConfigDict(extra="forbid")

    claim: str = Field(description="id of the SummaryClaim")
    claimant: Claimant = Field(description="who gives the figure")
    count: Count = Field(description="the figure")
    as_of: date | None = Field(default=None, description="the date the figure stands at (the claim's as_of); None when undated")


class ConflictKind(str, Enum):
    """How the figures of a conflict differ."""

    contradictory = "contradictory"  # two claimants give figures for the same time that cannot both be true
    changed_over_time = "changed_over_time"  # every figure is dated and the differences are between dates
    lower_bounds = "lower_bounds"  # every pair overlaps: compatible lower bounds, never a sum
    moved_or_disputed = "moved_or_disputed"  # cannot all be true, not dated apart nor two claimants' of one time


class Conflict(BaseModel):
    """Claims about the same victims and outcome that disagree, shown side by side."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="'k1', 'k2'...")
    about: str = Field(description="e.g. 'separatists killed'")
    victim_party: str | None = Field(default=None, description="Party id of the victims; None when no side was found")
    outcome: Outcome = Field(description="the outcome the figures are about")
    claims: list[str] = Field(description="ids of the SummaryClaims whose figures differ, in the order of figures")
    kind: ConflictKind = Field(
        description="'contradictory' (two claimants, the same time, figures that cannot both be true), "
        "'changed_over_time' (the figures moved between dates), 'lower_bounds' (compatible) or 'moved_or_disputed' "
        "(figures that cannot all be true, which the reports neither date apart nor set claimant against claimant)"
    )
    figures: list[FigureByClaimant] = Field(
        default_factory=list, description="each claim's figure, dated ones earliest to latest, then the undated ones"
    )
    note: str | None = Field(default=None, description="one or two sentences for an editor on how the figures differ")


class CasualtyFigure(BaseModel):
    """One row of the casualty table: one side, one outcome, every claimant's figure."""

    model_config = ConfigDict(extra="forbid")

    victim_party: str | None = Field(description="Party id of the victims; None when no side was found")
    victims: str = Field(description="the victims as shown: the party's name, or an article's words")
    outcome: Outcome = Field(description="what happened to them")
    victim_role: VictimRole = Field(default=VictimRole.unknown, description="who the victims are; attackers never share a row with victims")
    victim_subset: str | None = Field(
        default=None, description="for a part of the victims (a nationality, children, a person), its key; None for the whole"
    )
    place_within: str | None = Field(
        default=None,
        description="for a figure of part of the event's area, that place; None for the whole event. A part's row "
        "(subset or place) is listed right after the row of its whole and is never added to it",
    )
    by_claimant: list[FigureByClaimant] = Field(description="every claimant's figure; never added up")
    low: int | None = Field(
        default=None,
        description="the conservative figure, in persons: the lowest credible lower bound (ACLED's rule: "
        "the lowest minimum among the claims with a number); None when every claim is vague",
    )
    high: int | None = Field(
        default=None, description="the highest upper bound, in persons; None where some claim is open-ended or vague"
    )


class DisputeSide(BaseModel):
    """One account of a disputed fact."""

    model_config = ConfigDict(extra="forbid")

    statement: str = Field(description="the account, in an article's words")
    source: str | None = Field(default=None, description="who gives this account; None when the article names no one")
    mentions: list[Evidence] = Field(description="where the articles give it")


class Dispute(BaseModel):
    """Two or more accounts of one non-casualty fact."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="'d1', 'd2'...")
    about: str = Field(description="the fact in dispute, in a few words")
    sides: list[DisputeSide] = Field(description="the accounts, two or more")


class SourceBasis(str, Enum):
    """Why a source group's articles count as one source."""

    credited_wire = "credited wire"  # every wire its articles credit is the same one
    near_duplicate_text = "near-duplicate text"  # joined by near-duplicate or reworded text
    single_article = "single article"  # one article on its own


class SourceGroup(BaseModel):
    """Articles resting on one dispatch: together they count as one source."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="'s1', 's2'... in order of their first article")
    label: str = Field(description="e.g. 'AFP' or 'independent: 003.txt'")
    articles: list[str] = Field(description="ids of its articles")
    basis: SourceBasis = Field(description="'credited wire', 'near-duplicate text' or 'single article'")


class SummaryAttribution(BaseModel):
    """What one speaker said, merged across the articles that report it."""

    model_config = ConfigDict(extra="forbid")

    speaker: str = Field(description="the person or body speaking, one spelling per person")
    role: str | None = Field(default=None, description="the speaker's role; None when no article gives one")
    affiliation: str | None = Field(default=None, description="whom the speaker speaks for; None when no article gives it")
    party: str | None = Field(default=None, description="Party id of the speaker; None when no side was found")
    mode: SpeechMode = Field(default=SpeechMode.reported, description="quoted (direct) or reported (indirect) speech")
    statement: str = Field(description="what the speaker said, verbatim from the first article")
    mentions: list[Evidence] = Field(description="where the articles report it")


class TimelineEntry(BaseModel):
    """One dated step of the event."""

    model_config = ConfigDict(extra="forbid")

    when: date = Field(description="the day, resolved from the article's date")
    what: str = Field(description="what happened that day, in an article's words")
    mentions: list[Evidence] = Field(description="where the articles tell it")


class ArticleFailure(BaseModel):
    """An article, or a file, the run could not use."""

    model_config = ConfigDict(extra="forbid")

    article: str = Field(description="the file name within the event folder")
    reason: str = Field(description="why it could not be used")


class RunReport(BaseModel):
    """How the run went: extractor, failures, dropped items and LLM usage."""

    model_config = ConfigDict(extra="forbid")

    extractor: str = Field(description="e.g. 'offline-patterns/1' or 'llm:gpt-4o-mini'")
    articles_read: int = Field(default=0, description="articles ingested from the folder")
    articles_extracted: int = Field(default=0, description="articles extracted without an error")
    failures: list[ArticleFailure] = Field(default_factory=list, description="articles whose extraction failed")
    skipped_files: list[ArticleFailure] = Field(default_factory=list, description="files not read as articles")
    dropped_items: int = Field(default=0, description="items rejected by code, in extraction or because their evidence did not hold")
    usage: Usage = Field(default_factory=Usage, description="LLM usage of the whole run; zeros for an offline run")
    usage_by_article: dict[str, Usage] = Field(default_factory=dict, description="LLM usage per article id")
    warnings: list[str] = Field(default_factory=list, description="what an operator should know, one line each")


class EventSummary(BaseModel):
    """The reconciled account of one event, with every quote it stands on."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"$id": schema_id("event-summary")})

    schema_version: str = Field(default=SCHEMA_VERSION, description="the version of this contract")
    title: str = Field(description="the event's title: the first article title unless given")
    narrative: str = Field(
        default="",
        description="headline paragraph, each sentence citing its claims and articles, e.g. [c1, c2: 000.txt]",
    )
    articles: list[SummaryArticle] = Field(description="every article of the folder, in folder order")
    parties: list[Party] = Field(default_factory=list, description="the sides and actors the claims and speakers name")
    claims: list[SummaryClaim] = Field(default_factory=list, description="casualty claims, merged across articles")
    figures: list[CasualtyFigure] = Field(default_factory=list, description="the casualty table")
    conflicts: list[Conflict] = Field(default_factory=list, description="figures that disagree")
    disputes: list[Dispute] = Field(default_factory=list, description="non-casualty facts told two ways")
    attributions: list[SummaryAttribution] = Field(default_factory=list, description="who said what")
    timeline: list[TimelineEntry] = Field(default_factory=list, description="dated steps of the event")
    source_groups: list[SourceGroup] = Field(default_factory=list, description="independent sources")
    report: RunReport = Field(description="how the run went")
