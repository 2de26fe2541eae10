"""Disputes beyond numbers: accounts of one non-casualty fact that differ. Best effort, offline,
precision over recall. Six detectors:

* **Different years for one statement.** Sentences that say the same kind of thing ("took power
  in 2020" / "took power in 2022") are keyed by the two content words before the year; a key
  whose sentences name different years, and whose sentences are alike beyond the key, is a
  dispute with one side per year.
* **Contrasting accounts in one article.** A reported statement followed (within two sentences)
  by one that opens with "But", "However" or "According to X," and is also reported, where both
  speak of the same object ("a helicopter ... made an emergency landing" / "hit a helicopter,
  causing it to crash"). Party words and generic nouns do not count as a shared object.
* **Different counts of one thing.** The same counted noun, not a casualty ("227 passengers",
  "12 districts"), given as different exact numbers by different articles. Only a bare figure
  right before its noun counts ("153 Chinese passengers" is a subset, "more than 200 passengers"
  is not exact), a coordinated noun is another thing ("239 passengers and crew"), units of
  measure and time are left out, and an article that gives two figures for the noun is passed
  over (it counts different groups). A count told as a snapshot ("currently", "so far"), or
  from articles published more than ``MAX_DAYS_APART`` days apart, may have changed: no dispute.
* **Swapped roles in a retelling.** Two aligned sentences of different articles (content words
  alike, as in a rewrite) where the party one says lost something is, in the other, the one it
  was lost to ("A lost the towns" / "the loss of the towns to A").
* **A retelling that negates.** Two closely aligned sentences of different articles where one
  negates the very verb the other states ("the inquiry found ..." / "the inquiry did not find ...").
* **Corrections and denials.** A correction notice ("Correction:", "an earlier version of this
  article", "misstated") set against the statement elsewhere that it corrects, and a denial
  ("X denied the allegations", "X rejected the claim that ...") set against the statement it
  denies: the claim that follows "that", else the accusation in the sentence just before.

Of the last four kinds, disputes that retell one another (three rewrites of one dispatch) are
merged into one with the mentions of all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract.numbers import TENS, UNITS
from extract.reconcile.families import family_hits
from extract.reconcile.sources import _content_words
from extract.reconcile.text import Sentence, sentences
from schemas import Article, Dispute, DisputeSide

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_STOP = frozenset(
    """a an the in on at of for to by and or its their his her this that these those since from with as was were
    is are be been has have had which who it during after before""".split()
)
SENTENCE_SIMILARITY = 55.0
_CONTRAST_OPENING = re.compile(r"^\s*(?:but|however|yet|according to\b[^,]{2,60},)", re.I)
_CONTRAST_INSIDE = re.compile(r",\s*however,", re.I)
_REPORTED = re.compile(
    r"\b(?:said|says|say|reported|reports|announced|claimed|claims|stated|asserted|told|denied|according to)\b", re.I
)
_OBJECT = re.compile(r"\b(?:a|an|the)\s+([a-z][a-z-]{3,})\b")
_GENERIC_NOUNS = frozenset(
    """fighting clash clashes statement statements losses loss casualties attack attacks people country area region
    district districts town city border group groups video videos report reports situation operation operations
    source sources toll number side sides units unit forces force movement members member spokesman spokesperson
    government authorities alliance coalition media information north south east west conflict violence week
    weeks month months year years time days past decade""".split()
)
_SOURCE_BEFORE_VERB = re.compile(
    r"(?:^|,\s*|\bbut\s+|\bhowever,?\s+)((?:the |a |an )?[\w'’ -]{2,40}?)\s+(?:had\s+|has\s+)?"
    r"(?:said|says|reported|announced|claimed|stated|asserted|told)\b",
    re.I,
)
_TIME_OPENING = re.compile(r"^\s*(?:(?:late |early )?on\s+[A-Z]\w+(?:\s+\d{1,2})?,?\s+|yesterday,?\s+|earlier,?\s+|later,?\s+|meanwhile,?\s+)", re.I)
_ACCORDING_TO = re.compile(r"according to\s+([^,]{2,60}),", re.I)


def find_disputes(articles: list[Article]) -> list[Dispute]:
    """Disputes over non-casualty facts among ``articles`` (in-scope text only), numbered d1, d2..."""
    article_sentences = {a.id: sentences(a) for a in articles}
    disputes = (
        _year_disputes(articles, article_sentences)
        + _contrast_disputes(articles, article_sentences)
        + _count_disputes(articles, article_sentences)
        + _role_swap_disputes(articles, article_sentences)
        + _negation_disputes(articles, article_sentences)
        + _merge_retellings(_correction_disputes(articles, article_sentences) + _denial_disputes(articles, article_sentences))
    )
    for number, dispute in enumerate(disputes, start=1):
        dispute.id = f"d{number}"
    return disputes


def _year_key(sentence: str, year_start: int) -> tuple[str, ...] | None:
    words = [w for w in re.findall(r"[a-z]+", sentence[:year_start].lower()) if w not in _STOP]
    return tuple(words[-2:]) if len(words) >= 2 else None


def _phrase_before(sentence: str, year_start: int) -> str:
    return " ".join(sentence[:year_start].split()[-4:])


def _year_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    by_key: dict[tuple, list[tuple[str, Sentence]]] = {}
    for article in articles:
        for sentence in article_sentences[article.id]:
            for match in _YEAR.finditer(sentence.text):
                key = _year_key(sentence.text, match.start())
                if key:
                    by_key.setdefault(key, []).append((match.group(1), sentence))
    disputes = []
    for key, items in by_key.items():
        years = sorted({year for year, _ in items})
        if len(years) < 2 or not _alike_across_years(items):
            continue
        sides = []
        for year in years:
            held = list(dict.fromkeys(s for y, s in items if y == year))
            sources = ", ".join(dict.fromkeys(s.article for s in held))
            sides.append(
                DisputeSide(statement=f"{year}: {held[0].text}", source=sources, mentions=[s.mention() for s in held])
            )
        first_year, first = items[0]
        phrase = _phrase_before(first.text, first.text.index(first_year))
        disputes.append(Dispute(id="", about=f"the year: \"... {phrase} ____\"", sides=sides))
    return disputes


def _alike_across_years(items: list[tuple[str, Sentence]]) -> bool:
    for i, (year_a, a) in enumerate(items):
        for year_b, b in items[i + 1 :]:
            if year_a != year_b and a is not b and fuzz.token_set_ratio(_YEAR.sub("", a.text), _YEAR.sub("", b.text)) >= SENTENCE_SIMILARITY:
                return True
    return False


def _objects(text: str) -> set[str]:
    found = set()
    for noun in _OBJECT.findall(text.lower()):
        if noun not in _GENERIC_NOUNS and not family_hits(noun):
            found.add(noun)
    return found


def _source(text: str) -> str | None:
    match = _ACCORDING_TO.search(text)
    if match:
        return match.group(1).strip()
    match = _SOURCE_BEFORE_VERB.search(text)
    return _TIME_OPENING.sub("", match.group(1)).strip() if match else None


def _contrast_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    disputes = []
    for article in articles:
        items = article_sentences[article.id]
        for i, first in enumerate(items):
            if not _REPORTED.search(first.text):
                continue
            found = (_contrast(first, second) for second in items[i + 1 : i + 3])
            dispute = next((d for d in found if d is not None), None)
            if dispute is not None:
                disputes.append(dispute)
    return disputes


def _contrast(first: Sentence, second: Sentence) -> Dispute | None:
    """``second`` contrasts with the reported ``first`` about a shared object, or None."""
    if not (_CONTRAST_OPENING.search(second.text) or _CONTRAST_INSIDE.search(second.text)):
        return None
    if not _REPORTED.search(second.text):
        return None
    shared = sorted(_objects(first.text) & _objects(second.text))
    if not shared:
        return None
    sides = [
        DisputeSide(statement=s.text.strip(), source=_source(s.text), mentions=[s.mention()]) for s in (first, second)
    ]
    return Dispute(id="", about=f"the {shared[0]}", sides=sides)


# --- different counts of one thing -------------------------------------------------------------

_NUMBER_WORDS = {**UNITS, **TENS}
_FIGURE = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_COUNTED = re.compile(
    rf"(?<![\w$€£.,-])(?P<figure>{_FIGURE})\s+(?P<noun>[a-z]{{3,}}s)\b(?!['’])"
    r"(?P<coord>\s+and\s+(?!\d)(?:the\s+)?[a-z]{3,}\b)?",
    re.I,
)
# a figure after these is not exact ("more than 200 passengers"), or is a part ("150 of the")
_INEXACT_BEFORE = re.compile(
    r"\b(?:more|fewer|less|over|under|about|around|nearly|almost|some|least|most|up\s+to|roughly|approximately"
    r"|estimated|than|another|additional|other|first|last|every|per)\s*$",
    re.I,
)
_MEASURE_NOUNS = frozenset(
    """years days hours minutes seconds weeks months decades centuries times miles kilometres kilometers kms metres
    meters feet yards inches percent points dollars euros pounds francs tons tonnes litres liters gallons knots degrees
    acres hectares rounds pages episodes votes seats goals runs others ones""".split()
)
# a count in a casualty clause is a casualty figure: those are conflicts, not disputes
_CASUALTY_WORDS = re.compile(
    r"\b(?:kill\w*|dead|deaths?|died|die|dying|wound\w*|injur\w*|hurt|captur\w*|kidnap\w*|abduct\w*|hostages?"
    r"|execut\w*|perish\w*|casualt\w*|bodies|lives|massacr\w*|slain|(?:are|were|is|was|remain\w*|still|reported|gone)\s+missing)\b",
    re.I,
)
CASUALTY_WINDOW_CHARS = 40
# a count told as a snapshot ("four vessels are currently searching") changes over time: no dispute
_SNAPSHOT = re.compile(r"\b(?:currently|now|so far|to date|at present|at the moment|as of)\b", re.I)
# figures from reports published further apart than this may both have been right at the time
MAX_DAYS_APART = 3


@dataclass(frozen=True)
class _Count:
    noun: str
    value: int
    sentence: Sentence


def _count_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    by_noun: dict[str, dict[str, list[_Count]]] = {}
    published = {a.id: a.published for a in articles}
    for article in articles:
        for sentence in article_sentences[article.id]:
            for found in _counts(sentence):
                by_noun.setdefault(found.noun, {}).setdefault(article.id, []).append(found)
    disputes = []
    for noun, per_article in by_noun.items():
        # an article that gives two figures for one noun counts different groups: not a statement of "the" figure
        single = [found for found in per_article.values() if len({c.value for c in found}) == 1]
        values = sorted({found[0].value for found in single})
        if len(single) < 2 or len(values) < 2 or _far_apart([found[0].sentence.article for found in single], published):
            continue
        sides = []
        for value in values:
            held = [c for found in single for c in found if c.value == value]
            sides.append(
                DisputeSide(
                    statement=f"{value} {noun}",  # the sentences are in the mentions
                    source=", ".join(dict.fromkeys(c.sentence.article for c in held)),
                    mentions=[c.sentence.mention() for c in held],
                )
            )
        disputes.append(Dispute(id="", about=f"the number of {noun}", sides=sides))
    return disputes


def _counts(sentence: Sentence) -> list[_Count]:
    """Exact figures of a non-casualty counted noun in ``sentence``."""
    text = sentence.text
    found = []
    for match in _COUNTED.finditer(text):
        noun = match.group("noun").lower()
        figure = match.group("figure").lower()
        if noun in _MEASURE_NOUNS or noun in _STOP or noun.endswith(("ss", "us", "is")):
            continue
        if _INEXACT_BEFORE.search(text[: match.start()]) or re.search(r"\b(?:of|in)\s*$", text[: match.start()]):
            continue
        if re.search(r"[A-Z][\w-]*\s*$", text[: match.start()]):  # a model or flight number: "Boeing 777 jets"
            continue
        if figure.isdigit() and len(figure) == 4 and figure[:2] in ("19", "20"):  # a year
            continue
        window = text[max(0, match.start() - CASUALTY_WINDOW_CHARS) : match.end() + CASUALTY_WINDOW_CHARS]
        if _CASUALTY_WORDS.search(window) or _SNAPSHOT.search(text):
            continue
        coord = " ".join(match.group("coord").lower().split()) if match.group("coord") else ""
        value = _NUMBER_WORDS.get(figure) if figure in _NUMBER_WORDS else int(figure.replace(",", ""))
        found.append(_Count(noun + (" " + coord.replace(" the ", " ") if coord else ""), value, sentence))
    return found


def _far_apart(article_ids: list[str], published: dict) -> bool:
    """Whether two of the articles that have a publication date were published more than
    ``MAX_DAYS_APART`` days apart."""
    dates = sorted(published[a] for a in article_ids if published.get(a))
    return len(dates) >= 2 and (dates[-1] - dates[0]).days > MAX_DAYS_APART


# --- swapped roles in a retelling ---------------------------------------------------------------

ALIGNED_JACCARD = 0.3
_LOSER_VERB = re.compile(r"\b(?:lost|loses|lose|losing)\b", re.I)
_LOSS_TO = re.compile(r"\b(?:los[st]\w*|loss|ceded|cedes|surrender\w*)\b(?P<what>[^,;.]{0,60}?)\s+to\s+(?P<gainer>[^,;.]{3,60})", re.I)
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s*|\b(?:that|after|before|when|while|as|and|but)\s+)", re.I)
_PHRASE_END = re.compile(r"\s+(?:in|on|at|after|before|during|since|when|while|from|by|with|following)\b", re.I)
_ROLE_STOP = _STOP | _GENERIC_NOUNS | frozenset("several some many most all control".split())


def _role_words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z]+", phrase.lower()) if w not in _ROLE_STOP and len(w) > 2)


def _loser(text: str) -> tuple[frozenset[str], str] | None:
    """The party a sentence says lost something (its subject) and what was lost, or None."""
    match = _LOSER_VERB.search(text)
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


def _role_swap_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    disputes = []
    aligned = _Alignment([s for a in articles for s in article_sentences[a.id]])
    seen: set[frozenset[Sentence]] = set()
    for first in aligned.sentences:
        loser = _loser(first.text)
        if loser is None or loser[0] & _gainer(first.text):
            continue  # no loser, or a sentence that names one party on both sides
        for second in aligned.counterparts(first, ALIGNED_JACCARD):
            if loser[0] & _gainer(second.text) and frozenset((first, second)) not in seen:
                seen.add(frozenset((first, second)))
                sides = [DisputeSide(statement=s.text, source=s.article, mentions=[s.mention()]) for s in (first, second)]
                disputes.append(Dispute(id="", about=f"who lost {loser[1]}", sides=sides))
    return _merge_retellings(disputes)


class _Alignment:
    """Sentences of several articles, indexed by content word, to find each one's counterparts in
    the other articles without comparing every pair."""

    def __init__(self, sentences: list[Sentence]):
        self.sentences = sentences
        self.words = {s: _content_words(s.text) for s in sentences}
        self.holders: dict[str, list[Sentence]] = {}
        for sentence in sentences:
            for word in self.words[sentence]:
                self.holders.setdefault(word, []).append(sentence)

    def counterparts(self, sentence: Sentence, threshold: float) -> list[Sentence]:
        """Sentences of other articles whose content-word Jaccard with ``sentence`` is at least ``threshold``."""
        shared: dict[Sentence, int] = {}
        for word in self.words[sentence]:
            for other in self.holders[word]:
                if other.article != sentence.article:
                    shared[other] = shared.get(other, 0) + 1
        own = len(self.words[sentence])
        return [
            other for other, common in shared.items() if common / (own + len(self.words[other]) - common) >= threshold
        ]


# --- a retelling that negates ------------------------------------------------------------------

NEGATION_ALIGNED_JACCARD = 0.4
_NEGATION = re.compile(r"\b(?:not|never|no longer)\b(?!\s+only\b)|n['’]t\b", re.I)
_AFTER_NEGATION = re.compile(r"\s*((?:(?:be|been|being|have|has|had|yet|to|ever|so|as|the|a|an|any)\s+)*)([a-z]{3,})", re.I)
STEM_LETTERS = 5


def _negated_stem(text: str) -> str | None:
    """The stem of the first word a negation in ``text`` applies to ("did not conclude" -> "concl")."""
    match = _NEGATION.search(text)
    if not match:
        return None
    word = _AFTER_NEGATION.match(text, match.end())
    return word.group(2).lower()[:STEM_LETTERS] if word else None


def _negation_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    disputes = []
    aligned = _Alignment([s for a in articles for s in article_sentences[a.id]])
    for negated in aligned.sentences:
        stem = _negated_stem(negated.text)
        if stem is None:
            continue
        for plain in aligned.counterparts(negated, NEGATION_ALIGNED_JACCARD):
            if _NEGATION.search(plain.text):
                continue
            if any(w.startswith(stem) for w in re.findall(r"[a-z]+", plain.text.lower())):
                sides = [DisputeSide(statement=s.text, source=_source(s.text) or s.article, mentions=[s.mention()])
                         for s in (plain, negated)]
                disputes.append(Dispute(id="", about=f"whether: {_gist(plain.text)}", sides=sides))
    return _merge_retellings(disputes)


# --- corrections and denials --------------------------------------------------------------------

# "misstated" and "incorrectly said" are a notice only when they speak of a piece of journalism
_CORRECTION = re.compile(
    r"^\s*corrections?\b|\ban earlier version of this\b|\b(?:article|story|report|version|headline|caption)\b"
    r"[^.;]{0,120}?\b(?:misstated|(?:incorrectly|erroneously|wrongly)\s+(?:said|stated|reported|described|identified))\b",
    re.I,
)
CORRECTION_REACH_CHARS = 600
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)\s+"
    r"(?:(?:the|these|those|such|this)\s+)?(?P<what>claims?|allegations?|accusations?|charges?|reports?|assertions?|"
    r"suggestions?|accounts?)?\s*(?P<that>that\b)?",
    re.I,
)
_ACCUSATION = re.compile(r"\b(?:accus\w*|alleg\w*|claim\w*|charg\w*)\b", re.I)
_WHICH_DENIED = re.compile(r"\b(?:which|a charge|an accusation|a claim)\b[^.]{0,60}$", re.I)
MIN_SHARED_WORDS = 4
_SUBJECT_BEFORE = re.compile(r"(?:^|[,;:]\s*)((?:the |a )?[\w'’ -]{2,50}?)\s+(?:has |have |had )?$", re.I)


def _correction_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    disputes = []
    for article in articles:
        items = article_sentences[article.id]
        for i, marker in enumerate(items):
            if not _CORRECTION.search(marker.text):
                continue
            block = [s for s in items[i:] if s.start - marker.start <= CORRECTION_REACH_CHARS]
            # the article's own text already carries the fix: what it corrects is told elsewhere
            corrected = _best_counterpart(
                _content_words(" ".join(s.text for s in block)),
                [s for a in articles if a.id != article.id for s in article_sentences[a.id]],
            )
            if corrected is None:
                continue
            text = " ".join(s.text for s in block)
            sides = [
                DisputeSide(statement=corrected.text, source=corrected.article, mentions=[corrected.mention()]),
                DisputeSide(statement=text, source=f"correction in {article.id}", mentions=[s.mention() for s in block]),
            ]
            disputes.append(Dispute(id="", about=f"what the correction in {article.id} corrects", sides=sides))
            break  # one notice per article; its later sentences are part of it
    return disputes


def _denial_disputes(articles: list[Article], article_sentences: dict[str, list[Sentence]]) -> list[Dispute]:
    disputes = []
    for article in articles:
        items = article_sentences[article.id]
        for i, denial in enumerate(items):
            match = _DENIAL.search(denial.text)
            if not match or not (match.group("what") or match.group("that")):
                continue
            if _WHICH_DENIED.search(denial.text[: match.start()]):
                continue  # "accused of X, which they denied": claim and denial in one sentence
            if match.group("that"):
                claimed = _content_words(denial.text[match.end() :])
                others = [s for a in articles for s in article_sentences[a.id] if s != denial]
                accused = _best_counterpart(claimed, others)
            else:
                previous = items[i - 1] if i else None
                accused = previous if previous is not None and _ACCUSATION.search(previous.text) else None
            if accused is None:
                continue
            denier = _SUBJECT_BEFORE.search(denial.text[: match.start()])
            sides = [
                DisputeSide(statement=accused.text, source=_source(accused.text), mentions=[accused.mention()]),
                DisputeSide(
                    statement=denial.text,
                    source=_TIME_OPENING.sub("", denier.group(1)).strip() if denier else None,
                    mentions=[denial.mention()],
                ),
            ]
            disputes.append(Dispute(id="", about=f"a denial: {_gist(accused.text)}", sides=sides))
    return disputes


def _best_counterpart(words: frozenset[str], candidates: list[Sentence]) -> Sentence | None:
    """The candidate sharing most content words with ``words`` (at least ``MIN_SHARED_WORDS``)."""
    best, best_shared = None, MIN_SHARED_WORDS - 1
    for candidate in candidates:
        shared = len(words & _content_words(candidate.text))
        if shared > best_shared:
            best, best_shared = candidate, shared
    return best


def _gist(text: str, words: int = 12) -> str:
    split = text.split()
    return " ".join(split[:words]) + (" ..." if len(split) > words else "")


# --- merging retellings -------------------------------------------------------------------------

RETELLING_SIMILARITY = 85.0


def _merge_retellings(disputes: list[Dispute]) -> list[Dispute]:
    """Merge disputes whose sides retell one another, in either order for two sides (rewrites of
    one dispatch): one dispute, the mentions of all."""
    merged: list[Dispute] = []
    for dispute in disputes:
        # a two-sided dispute may tell its sides the other way round ("B vs A" retells "A vs B")
        turned = [dispute, dispute.model_copy(update={"sides": dispute.sides[::-1]})] if len(dispute.sides) == 2 else [dispute]
        twin, dispute = next(((m, d) for d in turned for m in merged if _retells(m, d)), (None, dispute))
        if twin is None:
            merged.append(dispute)
            continue
        for kept, extra in zip(twin.sides, dispute.sides):
            known = {(m.article, m.start) for m in kept.mentions}
            kept.mentions += [m for m in extra.mentions if (m.article, m.start) not in known]
            if extra.source and kept.source and extra.source not in kept.source.split(", "):
                kept.source = f"{kept.source}, {extra.source}"
    return merged


def _retells(a: Dispute, b: Dispute) -> bool:
    """Side by side the statements are alike, and no sentence would land on two sides (a swapped
    retelling reads alike word for word, yet is the other side)."""
    if len(a.sides) != len(b.sides):
        return False
    if not all(fuzz.token_set_ratio(x.statement, y.statement) >= RETELLING_SIMILARITY for x, y in zip(a.sides, b.sides)):
        return False
    side_of: dict[tuple[str, int], int] = {}
    for dispute in (a, b):
        for number, side in enumerate(dispute.sides):
            for mention in side.mentions:
                if side_of.setdefault((mention.article, mention.start), number) != number:
                    return False
    return True
