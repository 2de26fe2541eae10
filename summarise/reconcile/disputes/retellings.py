"""Retellings that disagree: two aligned sentences of different articles (content words alike, as
in a rewrite of one dispatch) that tell the fact differently.

* **Swapped roles.** The party one sentence says lost something is, in the other, the one it was
  lost to ("A lost the towns" / "the loss of the towns to A").
* **Negation.** Two closely aligned sentences where one negates the very verb the other states
  ("the inquiry found ..." / "the inquiry did not find ...").
"""

from __future__ import annotations

import re

from schemas import Dispute, DisputeSide
from summarise.reconcile.disputes.alignment import SentenceIndex
from summarise.reconcile.disputes.common import GENERIC_NOUNS, STOP_WORDS, gist, reported_source
from summarise.reconcile.prefilter import may_hold

# --- swapped roles ------------------------------------------------------------------------------

ALIGNED_JACCARD = 0.3
_LOSER_VERB = re.compile(r"\b(?:lost|loses|lose|losing)\b", re.I)
_LOSS_TO = re.compile(r"\b(?:los[st]\w*|loss|ceded|cedes|surrender\w*)\b(?P<what>[^,;.]{0,60}?)\s+to\s+(?P<gainer>[^,;.]{3,60})", re.I)
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s*|\b(?:that|after|before|when|while|as|and|but)\s+)", re.I)
_PHRASE_END = re.compile(r"\s+(?:in|on|at|after|before|during|since|when|while|from|by|with|following)\b", re.I)
_ROLE_STOP = STOP_WORDS | GENERIC_NOUNS | frozenset("several some many most all control".split())


def role_swap_disputes(index: SentenceIndex) -> list[Dispute]:
    """One dispute per pair of aligned sentences where the loser in one is the gainer in the other."""
    disputes = []
    seen: set[frozenset[int]] = set()
    for number, first in enumerate(index.sentences):
        loser = _loser(first.text)
        if loser is None or loser[0] & _gainer(first.text):
            continue  # no loser, or a sentence that names one party on both sides
        for other in index.aligned(number, ALIGNED_JACCARD):
            second = index.sentences[other]
            if loser[0] & _gainer(second.text) and frozenset((number, other)) not in seen:
                seen.add(frozenset((number, other)))
                sides = [DisputeSide(statement=s.text, source=s.article, mentions=[s.mention()]) for s in (first, second)]
                disputes.append(Dispute(id="", about=f"who lost {loser[1]}", sides=sides))
    return disputes


def _role_words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", phrase.lower()) if w not in _ROLE_STOP and len(w) > 2)


def _loser(text: str) -> tuple[frozenset[str], str] | None:
    """The party a sentence says lost something (its subject) and what was lost, or None."""
    match = _LOSER_VERB.search(text) if may_hold(text, ("los",)) else None
    if not match:
        return None
    before = text[: match.start()]
    starts = list(_CLAUSE_START.finditer(before))
    subject = before[starts[-1].end() :] if starts else before
    what = _PHRASE_END.split(text[match.end() :], maxsplit=1)[0]
    what = re.split(r"[,;.]|\s+to\s+", what)[0].strip()  # what was lost, not to whom
    words = _role_words(subject)
    return (words, what) if words and what else None


def _gainer(text: str) -> frozenset[str]:
    """The party a sentence says something was lost or ceded to."""
    match = _LOSS_TO.search(text)
    if not match:
        return frozenset()
    return _role_words(_PHRASE_END.split(match.group("gainer"), maxsplit=1)[0])


# --- negation -----------------------------------------------------------------------------------

NEGATION_ALIGNED_JACCARD = 0.4
_NEGATION = re.compile(r"\b(?:not|never|no longer)\b(?!\s+only\b)|n['’]t\b", re.I)
_AFTER_NEGATION = re.compile(r"\s*((?:(?:be|been|being|have|has|had|yet|to|ever|so|as|the|a|an|any)\s+)*)([a-z]{3,})", re.I)
_NEGATION_NEEDS = ("not", "never", "no longer", "n't", "n’t")  # every match of _NEGATION holds one
STEM_LETTERS = 5


def negation_disputes(index: SentenceIndex) -> list[Dispute]:
    """One dispute per pair of closely aligned sentences where one negates the verb the other states."""
    disputes = []
    for number, negated in enumerate(index.sentences):
        stem = _negated_stem(negated.text)
        if stem is None:
            continue
        for other in index.aligned(number, NEGATION_ALIGNED_JACCARD):
            plain = index.sentences[other]
            if _NEGATION.search(plain.text):
                continue
            if any(w.startswith(stem) for w in re.findall(r"[a-z]+", plain.text.lower())):
                sides = [DisputeSide(statement=s.text, source=reported_source(s.text) or s.article, mentions=[s.mention()])
                         for s in (plain, negated)]
                disputes.append(Dispute(id="", about=f"whether: {gist(plain.text)}", sides=sides))
    return disputes


def _negated_stem(text: str) -> str | None:
    """The stem of the first word a negation in ``text`` applies to ("did not conclude" -> "concl")."""
    match = _NEGATION.search(text) if may_hold(text, _NEGATION_NEEDS) else None
    if not match:
        return None
    word = _AFTER_NEGATION.match(text, match.end())
    return word.group(2).lower()[:STEM_LETTERS] if word else None
