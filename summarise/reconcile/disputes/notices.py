"""Corrections and denials. A correction notice ("Correction:", "an earlier version of this
article", "misstated") set against the statement elsewhere that it corrects, and a denial ("X
denied the allegations", "X rejected the claim that ...") set against the statement it denies:
the claim that follows "that", else the accusation in the sentence just before."""

from __future__ import annotations

import re

from extract.text.sentences import Sentence
from schemas import Article, Dispute, DisputeSide
from summarise.reconcile.disputes.alignment import SentenceIndex
from summarise.reconcile.disputes.common import TIME_OPENING, gist, reported_source
from summarise.reconcile.prefilter import may_hold
from summarise.reconcile.sources import _content_words

# "misstated" and "incorrectly said" are a notice only when they speak of a piece of journalism
_CORRECTION = re.compile(
    r"^\s*corrections?\b|\ban earlier version of this\b|\b(?:article|story|report|version|headline|caption)\b"
    r"[^.;]{0,120}?\b(?:misstated|(?:incorrectly|erroneously|wrongly)\s+(?:said|stated|reported|described|identified))\b",
    re.I,
)
_CORRECTION_NEEDS = ("correction", "an earlier version of this", "misstated", "incorrectly", "erroneously", "wrongly")
CORRECTION_REACH_CHARS = 600
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)\s+"
    r"(?:(?:the|these|those|such|this)\s+)?(?P<what>claims?|allegations?|accusations?|charges?|reports?|assertions?|"
    r"suggestions?|accounts?)?\s*(?P<that>that\b)?",
    re.I,
)
_DENIAL_NEEDS = ("deni", "deny", "reject", "dismiss", "refut")  # a verb of every match of _DENIAL
_ACCUSATION = re.compile(r"\b(?:accus\w*|alleg\w*|claim\w*|charg\w*)\b", re.I)
_WHICH_DENIED = re.compile(r"\b(?:which|a charge|an accusation|a claim)\b[^.]{0,60}$", re.I)
MIN_SHARED_WORDS = 4
_SUBJECT_BEFORE = re.compile(r"(?:^|[,;:]\s*)((?:the |a )?[\w'’ -]{2,50}?)\s+(?:has |have |had )?$", re.I)


def correction_disputes(
    articles: list[Article], article_sentences: dict[str, list[Sentence]], index: SentenceIndex
) -> list[Dispute]:
    """One dispute per article with a correction notice: what another article says against the notice."""
    disputes = []
    for article in articles:
        items = article_sentences[article.id]
        for i, marker in enumerate(items):
            if not may_hold(marker.text, _CORRECTION_NEEDS) or not _CORRECTION.search(marker.text):
                continue
            block = [s for s in items[i:] if s.start - marker.start <= CORRECTION_REACH_CHARS]
            # the article's own text already carries the fix: what it corrects is told elsewhere
            found = index.best_counterpart(
                _content_words(" ".join(s.text for s in block)), MIN_SHARED_WORDS,
                lambda other, own=article.id: index.sentences[other].article != own,
            )
            if found is None:
                continue
            corrected = index.sentences[found]
            text = " ".join(s.text for s in block)
            sides = [
                DisputeSide(statement=corrected.text, source=corrected.article, mentions=[corrected.mention()]),
                DisputeSide(statement=text, source=f"correction in {article.id}", mentions=[s.mention() for s in block]),
            ]
            disputes.append(Dispute(id="", about=f"what the correction in {article.id} corrects", sides=sides))
            break  # one notice per article; its later sentences are part of it
    return disputes


def denial_disputes(
    articles: list[Article], article_sentences: dict[str, list[Sentence]], index: SentenceIndex
) -> list[Dispute]:
    """One dispute per denial whose denied statement is found: the statement against the denial."""
    disputes = []
    number = -1  # the denial's place in ``index``: the sentences of all articles in order
    for article in articles:
        items = article_sentences[article.id]
        for i, denial in enumerate(items):
            number += 1
            match = _DENIAL.search(denial.text) if may_hold(denial.text, _DENIAL_NEEDS) else None
            if not match or not (match.group("what") or match.group("that")):
                continue
            if _WHICH_DENIED.search(denial.text[: match.start()]):
                continue  # "accused of X, which they denied": claim and denial in one sentence
            if match.group("that"):
                claimed = _content_words(denial.text[match.end() :])
                found = index.best_counterpart(claimed, MIN_SHARED_WORDS, lambda other, own=number: other != own)
                accused = index.sentences[found] if found is not None else None
            else:
                previous = items[i - 1] if i else None
                accused = previous if previous is not None and _ACCUSATION.search(previous.text) else None
            if accused is None:
                continue
            denier = _SUBJECT_BEFORE.search(denial.text[: match.start()])
            sides = [
                DisputeSide(statement=accused.text, source=reported_source(accused.text), mentions=[accused.mention()]),
                DisputeSide(
                    statement=denial.text,
                    source=TIME_OPENING.sub("", denier.group(1)).strip() if denier else None,
                    mentions=[denial.mention()],
                ),
            ]
            disputes.append(Dispute(id="", about=f"a denial: {gist(accused.text)}", sides=sides))
    return disputes
