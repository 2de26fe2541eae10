"""The LLM-written headline paragraph, checked number by number against the reconciled claims.

``narrate(session, summary) -> NarrativeStep`` asks through the run's ``LLMSession`` (the pipeline
calls it); ``write_narrative(summary, config) -> (text, usage, warning)`` is the same as a sync
call with a session of its own, the template standing in when it falls back. The model sees only a compact JSON
of the reconciled claims (ids, claimants, outcomes, victims, counts, figures, conflicts; no article
text) and writes a short paragraph citing claim ids like ``[c3]``. ``check_narrative`` then
checks every sentence: it cites at least one claim, every cited id is a claim of the summary, and
every number in it (digits or number words, read with ``extract.text.numbers``) is a count of a claim
it cites, or a figure derived only from claims it cites. A failing paragraph is re-asked once with
the problems; if it still fails, or the call fails, the step falls back (the template paragraph)
and the warning says why (``extract.llm.ask.Asker.ask_or_fall_back``). A run-fatal ``LLMError``
(``EndpointError``) propagates.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field

from pydantic import Field

from extract.llm.ask import CompactModel, Fallback, PromptTemplate, data_block_text, load_prompt
from extract.llm.client import Sleep, clean_string
from extract.llm.loop import run_sync
from extract.llm.session import LLMSession
from extract.text.numbers import NUMBER, parse_number
from schemas import EventSummary, SummaryClaim, Usage
from summarise.config import LLMConfig
from summarise.reconcile.narrative import template_narrative

PROMPT_FILE = "narrative_v1.txt"
MAX_ANSWER_TOKENS = 512
MAX_CLAIMS = 40  # the best-corroborated claims; the report's tables carry the rest
MAX_NARRATIVE_CHARS = 1500
MAX_PROBLEMS_SHOWN = 12  # a re-ask lists the first problems; the rest follow from the same fix
FALLBACK = Fallback("narrative", "the model's paragraph", "used the template paragraph")

# a date as the template writes it ("5 March 2034"): backed when it is the day of a cited report
_DATE = re.compile(r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November"
                   r"|December) \d{4}\b")
_CITATION = re.compile(r"\[([^\[\]]*)\]")
_CLAIM_ID = re.compile(r"c\d+")
_NUMBER = re.compile(rf"\b(?:{NUMBER})\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_LEADING_CITATIONS = re.compile(r"^(?:\[[^\[\]]*\][\s.,;]*)+")
# "one" as a pronoun or determiner ("no one", "one of the", "one account") is not a figure
_PRONOUN_ONE = re.compile(r"^one$", re.IGNORECASE)
_PRONOUN_BEFORE = re.compile(r"\b(?:no|any|every|each|some|the|this|that)\s*$", re.IGNORECASE)
_PRONOUN_AFTER = re.compile(r"^\s*(?:of|another|side|account|version|report|source|claimant)\b", re.IGNORECASE)


class NarrativeAnswer(CompactModel):
    """The headline paragraph."""

    paragraph: str = Field(description="2 to 5 sentences, each ending with its claim ids in brackets, e.g. [c1, c2]")


# ---------------------------------------------------------------------------------------------
# What the model sees (pure)


def narrated_claims(summary: EventSummary) -> list[SummaryClaim]:
    """Claims about this event, the best-corroborated first when there are too many, in id order."""
    claims = [c for c in summary.claims if not c.possibly_other_incident]
    if len(claims) > MAX_CLAIMS:
        kept = {c.id for c in sorted(claims, key=lambda c: -len(set(c.source_groups)))[:MAX_CLAIMS]}
        claims = [c for c in claims if c.id in kept]
    return claims


def claims_payload(summary: EventSummary) -> dict:
    """The compact JSON the model writes from: claims, and the figures and conflicts over them."""
    claims = narrated_claims(summary)
    ids = {c.id for c in claims}
    payload: dict = {
        "claims": [
            {
                "id": c.id,
                "claimant": c.claimant.label(),
                "outcome": c.outcome.value,
                "victims": c.victims,
                "count": c.count.label(),
                **({"hedged": True} if c.hedged else {}),
                "sources": len(set(c.source_groups)) or 1,
            }
            for c in claims
        ]
    }
    figures = [
        {
            "victims": f.victims,
            "outcome": f.outcome.value,
            "claims": [b.claim for b in f.by_claimant],
            # "conservative" is ``low`` (schema 1 sent both): the request stays what the cassettes recorded
            **{k: v for k, v in (("conservative", f.low), ("low", f.low), ("high", f.high)) if v is not None},
        }
        for f in summary.figures
        if len(f.by_claimant) > 1 and all(b.claim in ids for b in f.by_claimant)
    ]
    conflicts = [
        {"about": k.about, "kind": k.kind.value, "claims": k.claims}
        for k in summary.conflicts
        if all(c in ids for c in k.claims)
    ]
    if figures:
        payload["figures"] = figures
    if conflicts:
        payload["conflicts"] = conflicts
    return payload


# ---------------------------------------------------------------------------------------------
# Checking the paragraph (pure)


def split_sentences(text: str) -> list[str]:
    """Sentences, with a citation written after the full stop ("... killed. [c1]") kept with
    the sentence before it."""
    sentences: list[str] = []
    for piece in _SENTENCE_END.split(" ".join(text.split())):
        leading = _LEADING_CITATIONS.match(piece)
        if leading and sentences:
            sentences[-1] += " " + leading.group(0).strip()
            piece = piece[leading.end():]
        if piece.strip():
            sentences.append(piece.strip())
    return sentences


def numbers_in(text: str) -> list[tuple[str, int]]:
    """Every number in ``text`` (digits or words) with its value; "one" as a pronoun is skipped."""
    found = []
    for match in _NUMBER.finditer(text):
        words = match.group(0)
        if _PRONOUN_ONE.match(words) and (
            _PRONOUN_BEFORE.search(text[: match.start()]) or _PRONOUN_AFTER.match(text[match.end():])
        ):
            continue
        value = parse_number(words)
        if value is not None:
            found.append((words, value))
    return found


def backed_numbers(cited: set[str], summary: EventSummary) -> set[int]:
    """Numbers a sentence citing ``cited`` may state: the cited claims' counts (and numbers in
    their names), and the figures of table rows and conflicts resting only on cited claims."""
    allowed: set[int] = set()
    for claim in summary.claims:
        if claim.id in cited:
            allowed.update(v for v in (claim.count.min, claim.count.max) if v is not None)
            for text in (claim.count.text, claim.claimant.label(), claim.victims):
                allowed.update(value for _, value in numbers_in(text))
    for figure in summary.figures:
        if figure.by_claimant and {b.claim for b in figure.by_claimant} <= cited:
            allowed.update(v for v in (figure.low, figure.high) if v is not None)
    for conflict in summary.conflicts:
        if conflict.claims and set(conflict.claims) <= cited:
            allowed.update(v for f in conflict.figures for v in (f.count.min, f.count.max) if v is not None)
    return allowed


def read_citations(sentence: str, claim_ids: set[str], article_ids: set[str]) -> tuple[set[str], list[str]]:
    """The claim ids a sentence cites, and problems with its brackets. A bracket may also list
    articles after a colon, as the template does: ``[c1, c2: 000.txt]``."""
    cited: set[str] = set()
    problems: list[str] = []
    for match in _CITATION.finditer(sentence):
        ids, _, articles = match.group(1).partition(":")
        for token in filter(None, (t.strip() for t in re.split(r"[,;]", ids))):
            if _CLAIM_ID.fullmatch(token) and token in claim_ids:
                cited.add(token)
            else:
                problems.append(f"citation {match.group(0)!r} names {token!r}, which is not a claim id of the summary")
        for article in filter(None, (a.strip() for a in articles.split(","))):
            if article not in article_ids:
                problems.append(f"citation {match.group(0)!r} names {article!r}, which is not an article of the summary")
    return cited, problems


def _without_report_dates(sentence: str, cited: set[str], summary: EventSummary) -> str:
    """The sentence without the dates that are publication days of the articles of the claims it
    cites ("according to police on 5 March 2034 [c3]"); any other date's numbers stay to be backed."""
    articles = {m.article for c in summary.claims if c.id in cited for m in c.mentions}
    days = {a.published for a in summary.articles if a.id in articles and a.published}
    written = {f"{d.day} {d:%B %Y}" for d in days}
    return _DATE.sub(lambda m: " " if m.group(0) in written else m.group(0), sentence)


def check_narrative(text: str, summary: EventSummary) -> list[str]:
    """Problems with a paragraph, one line each; empty when every sentence cites claims of the
    summary and every number in it is backed by a claim it cites."""
    if not text.strip():
        return ["the paragraph is empty"]
    problems: list[str] = []
    if len(text) > MAX_NARRATIVE_CHARS:
        problems.append(f"the paragraph is {len(text)} characters long; keep it under {MAX_NARRATIVE_CHARS}")
    claim_ids = {c.id for c in summary.claims}
    article_ids = {a.id for a in summary.articles}
    for sentence in split_sentences(text):
        shown = sentence if len(sentence) <= 80 else sentence[:79] + "…"
        cited, citation_problems = read_citations(sentence, claim_ids, article_ids)
        problems += citation_problems
        if not cited and not citation_problems:
            problems.append(f"the sentence {shown!r} cites no claim")
        allowed = backed_numbers(cited, summary)
        for words, value in numbers_in(_without_report_dates(_CITATION.sub(" ", sentence), cited, summary)):
            if value not in allowed:
                where = f"[{', '.join(sorted(cited))}]" if cited else "no claim"
                problems.append(f"the number {words!r} in {shown!r} is not a figure of the claims it cites ({where})")
    return problems


# ---------------------------------------------------------------------------------------------
# The call


@dataclass
class NarrativeStep:
    """What the narrative step gave: the model's checked paragraph, or None when it fell back (or
    there was nothing to narrate), what it cost, and why it fell back, if it did."""

    text: str | None
    usage: Usage = field(default_factory=Usage)
    warning: str | None = None


async def narrate(session: LLMSession, summary: EventSummary) -> NarrativeStep:
    """The model's paragraph for ``summary``, checked against its claims; None and a warning when
    it fails the checks or the call fails. Nothing to narrate: no call, no text, no warning."""
    if not narrated_claims(summary):
        return NarrativeStep(None)
    prompt = load_prompt(PROMPT_FILE)
    asker = session.asker(prompt.version, {"temperature": session.config.temperature, "max_tokens": MAX_ANSWER_TOKENS})
    answer, warning = await asker.ask_or_fall_back(
        NarrativeAnswer,
        narrative_messages(summary, prompt),
        check=lambda a: check_narrative(paragraph_text(a), summary),
        reasons=lambda p: prompt.reask.safe_substitute(problems="\n".join(f"- {x}" for x in p[:MAX_PROBLEMS_SHOWN])),
        fallback=FALLBACK,
    )
    return NarrativeStep(paragraph_text(answer) if answer is not None else None, asker.spent(), warning)


def write_narrative(summary: EventSummary, config: LLMConfig, *, sleep: Sleep = asyncio.sleep) -> tuple[str, Usage, str | None]:
    """``narrate`` with a session of its own: the headline paragraph (the template's when the
    step fell back or had nothing to narrate), what it cost, and the warning, if any."""

    async def with_session() -> NarrativeStep:
        if not narrated_claims(summary):  # no call, so no session either
            return NarrativeStep(None)
        async with LLMSession(config, sleep=sleep) as session:
            return await narrate(session, summary)

    step = run_sync(with_session())
    return (step.text if step.text is not None else template_narrative(summary)), step.usage, step.warning


def narrative_messages(summary: EventSummary, prompt: PromptTemplate | None = None) -> list[dict[str, str]]:
    """System prompt, then the claims JSON in a data block the claims' own words cannot close."""
    prompt = prompt or load_prompt(PROMPT_FILE)
    claims = data_block_text(json.dumps(claims_payload(summary), ensure_ascii=False)).replace("</claims", "</ claims")
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": prompt.user.safe_substitute(claims=claims)}]


def paragraph_text(answer: NarrativeAnswer) -> str:
    """The model's paragraph as one clean line."""
    return " ".join(clean_string(answer.paragraph).split())

