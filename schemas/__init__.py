"""Pydantic models that are the contract between the stages of summarise and with newsroom tools."""

from schemas.article import Article, ExcludedRange
from schemas.extraction import (
    Alignment,
    ArticleExtraction,
    Attribution,
    CasualtyClaim,
    Count,
    DroppedItem,
    Event,
    Evidence,
    Outcome,
    SpeechMode,
    Usage,
)
from schemas.summary import (
    SCHEMA_VERSION,
    ArticleFailure,
    CasualtyFigure,
    Conflict,
    Dispute,
    DisputeSide,
    EventSummary,
    FigureByClaimant,
    Mention,
    Party,
    RunReport,
    SourceGroup,
    SummaryArticle,
    SummaryAttribution,
    SummaryClaim,
    TimelineEntry,
)

__all__ = [name for name in dir() if not name.startswith("_")]
