"""Attributions: who said what, merged across articles.

Two attributions are one when their speaker is one (the same person after fuzzy resolution, or
the same words) and their statements are alike (``SAME_STATEMENT_SIMILARITY``); one speaker's
different statements stay separate entries. Each entry carries the speaker's party.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from schemas import Attribution, SummaryAttribution
from summarise.reconcile.merge import normalise_words
from summarise.reconcile.parties import PartyResolution

SAME_STATEMENT_SIMILARITY = 70.0


def attribution_name(attribution: Attribution) -> str:
    """The name resolution reads for a speaker: "speaker, role of affiliation"."""
    name = attribution.speaker
    role = attribution.role
    if role and attribution.affiliation and re.search(r"\b(?:of|for|with)\b", role):
        # "head of the Varnish search": the role has its own complement; keep both apart
        return f"{name}, {role}, member of {attribution.affiliation}"
    if role and attribution.affiliation:
        return f"{name}, {role} of {attribution.affiliation}"
    if role:
        return f"{name}, {role}"
    if attribution.affiliation:
        return f"{name}, member of {attribution.affiliation}"
    return name


@dataclass
class _Entry:
    key: str
    summary: SummaryAttribution
    spans: set = field(default_factory=set)


def merge_attributions(
    attributions: list[tuple[int, Attribution]], resolution: PartyResolution
) -> list[SummaryAttribution]:
    """``attributions`` are (article order, attribution) pairs whose evidence has been checked."""
    entries: list[_Entry] = []
    by_key: dict[str, list[_Entry]] = {}
    ordered = sorted(attributions, key=lambda pair: (pair[0], pair[1].evidence.start))
    for _, attribution in ordered:
        key = resolution.person_of.get(attribution.speaker) or normalise_words(attribution.speaker)
        ev = attribution.evidence
        mention = ev.model_copy()
        target = next(
            (
                e for e in by_key.get(key, [])
                if fuzz.token_set_ratio(e.summary.statement, attribution.statement) >= SAME_STATEMENT_SIMILARITY
            ),
            None,
        )
        if target is None:
            speaker = resolution.person_of.get(attribution.speaker) or attribution.speaker
            summary = SummaryAttribution(
                speaker=speaker,
                role=attribution.role,
                affiliation=attribution.affiliation,
                party=resolution.party(attribution_name(attribution)) or resolution.party(attribution.speaker),
                mode=attribution.mode,
                statement=attribution.statement,
                mentions=[mention],
            )
            entries.append(_Entry(key, summary, {(mention.article, mention.start, mention.end)}))
            by_key.setdefault(key, []).append(entries[-1])
        elif (mention.article, mention.start, mention.end) not in target.spans:
            target.spans.add((mention.article, mention.start, mention.end))
            target.summary.mentions.append(mention)
            target.summary.role = target.summary.role or attribution.role
            target.summary.affiliation = target.summary.affiliation or attribution.affiliation
    return [e.summary for e in entries]
