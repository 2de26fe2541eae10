"""A casualty claim's facts: what makes it comparable with the others, filled by code.

``with_facts`` is the one call both extractors make for each claim they keep: from the claim's
words, its sentence (the evidence) and its article it sets ``victim_role``, ``victim_party``,
``victim_subset`` (``extract.text.victims``), ``place_within``, ``as_of``/``as_of_text`` and
``background`` (``extract.text.background``). Reconciliation reads these fields and never the
article text for them. Precision before recall: only clear English cues set a place or a date;
without one a figure covers the whole event and stands at the article's date.
"""

from __future__ import annotations

import re
from datetime import date

from extract.text.background import background_reason
from extract.text.dates import stated_date
from extract.text.names import lower
from extract.text.victims import claim_subset, victim_party, victim_role, victim_words
from schemas import Article, ArticleExtraction, CasualtyClaim

# --- the place within the event ---------------------------------------------------------------

# a place phrase: a preposition, then up to six words (names, "the", "neighbouring", a noun)
_PLACE = r"(?P<place>(?:in|at|from|on|inside)\s+(?:the\s+|a\s+|one\s+|neighbou?ring\s+)?(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)"
# "at least 94 in the capital alone", "four deaths were confirmed in the city itself"
_ALONE = re.compile(rf"^(?:[^,;.]{{0,50}}?\s)?{_PLACE}\s+(?P<only>alone|itself)\b", re.IGNORECASE)
# "Fourteen of the dead were in Brenmoor", "Eleven of the dead were recovered from the east shaft"
_PARTITIVE_PLACE = re.compile(
    r"^\s+of\s+(?:them|whom|(?:the|those|these)\s+(?:dead|victims|bodies|deceased|killed|injured|wounded))\s+"
    r"(?:were|was)\s+(?:(?:found|recovered|killed|pulled|taken)\s+)?" + _PLACE + r"(?=\s*(?:[,;.]|$|\s(?:and|while|but|police|officials|the)\b))",
    re.IGNORECASE,
)
# the figure's own place in a list of places: "93 have died in the capital, 69 in Brenmoor, ..."
_FIGURE_PLACE = re.compile(
    r"^\s+(?:(?:people|deaths|dead|others?|more|were|was|have|has|had|been|died|killed|injured|wounded|confirmed|recorded)\s+){0,3}"
    r"(?P<place>(?:in|at)\s+(?:the\s+|neighbou?ring\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}(?:[A-Z][\w'’.-]*|state|province|region|district|capital))"
    r"(?=\s*(?:[,;.]|$|\s(?:and|while|but)\b))",
)
_CAPITAL = re.compile(r"^\s+(?:(?:people|were|was|have|had|been|died|killed|dead)\s+){0,3}(?P<place>in\s+the\s+capital)\b", re.IGNORECASE)


def place_within(figure: str, sentence: str) -> str | None:
    """The part of the event's area the figure covers, in the sentence's words, or None when the
    words do not clearly narrow it: a place with "alone"/"itself", a partitive placed ("N of the
    dead were in X"), or one place of a list of figures by place ("93 in X, 69 in Y")."""
    found = _place_within(figure, sentence)
    return found.rstrip(".") if found else None


def _place_within(figure: str, sentence: str) -> str | None:
    """``place_within`` before its trailing full stop is taken off."""
    at = _figure_at(figure, sentence)
    if at is None:
        return None
    after = sentence[at + len(figure):]
    clause = re.split(r"[;]|,\s|\s[-–—]\s", after, maxsplit=1)[0]
    if m := _ALONE.match(clause):
        return f"{m.group('place')} {m.group('only')}"
    if m := _PARTITIVE_PLACE.match(after):
        return m.group("place")
    own = _FIGURE_PLACE.match(after)
    if own and _places_listed(sentence) >= 2:
        return own.group("place")
    if (m := _CAPITAL.match(after)) and len(_FIGURES.findall(sentence)) >= 2:
        return m.group("place")  # "225 in all, at least 94 in the capital": the capital's share
    return None


_FIGURES = re.compile(r"(?<![\w,.])\d[\d,]*(?![\w,])|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|[a-z]+ty)\b",
                      re.IGNORECASE)


def _places_listed(sentence: str) -> int:
    """How many figures of the sentence are each followed by their own place."""
    return sum(1 for m in _FIGURES.finditer(sentence) if _FIGURE_PLACE.match(sentence[m.end():]))


def _figure_at(figure: str, sentence: str) -> int | None:
    if not figure.strip():
        return None
    at = lower(sentence).find(lower(figure))
    return at if at >= 0 else None


# --- the date the figure stands at -------------------------------------------------------------

_DAY = (r"(?:on\s+)?(?:(?:late|early)\s+)?(?P<day>(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|"
        r"yesterday|tonight|(?:January|February|March|April|May|June|July|August|September|October|November|December)"
        r"\s+\d{1,2}(?:,\s+\d{4})?|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
        r"November|December)(?:\s+\d{4})?))(?!['’]s)")
# the claimant gives the figure on that day: "police said on Sunday", "said in a tweet Wednesday"
_SAID_ON = re.compile(
    r"\b(?:said|says|reported|announced|confirmed|told\s+\w+|tweeted|stated)(?:\s+in\s+a\s+(?:\w+\s+)?(?:tweet|statement|briefing))?"
    r"(?:\s+(?:late|early))?,?\s+" + _DAY + r"\b"
)
# the toll moves to the figure on that day: "the toll rose to 361 on Sunday", "as of Monday"
_TOLL_ON = re.compile(r"^\s*(?:\w+\s+){0,2}?" + _DAY + r"\b")
_TOLL_WORDS = re.compile(r"\b(?:toll|count|tally|figure|number of (?:dead|deaths|victims))\b[^.;]{0,60}?\b(?:rose|risen|rises|climbed|"
                         r"increased|raised|reached|stood|stands|hit|jumped|was|is|has|had|now)\b", re.IGNORECASE)
_AS_OF = re.compile(r"\b(?:as\s+of|by)\s+" + _DAY + r"\b")


def as_of(figure: str, sentence: str, published: date | None) -> tuple[date | None, str | None]:
    """The date the figure stands at and the words that give it, or the article's date with no
    words. Only words that date the statement or the toll count: "police said on Sunday", "the
    toll rose to 361 on Sunday", "as of Monday"; never the event's own date ("killed on
    Tuesday when...", "Sunday's crush")."""
    at = _figure_at(figure, sentence)
    candidates = []
    if at is not None:
        after = sentence[at + len(figure):]
        if (m := _TOLL_ON.match(after)) and _TOLL_WORDS.search(sentence[:at]):
            candidates.append(m)
    candidates += list(_AS_OF.finditer(sentence)) + list(_SAID_ON.finditer(sentence))
    for match in candidates:
        day = stated_date(match.group("day"), published)
        if day is not None and (published is None or day <= published):
            return day, match.group(0).strip()
    return published, None


# --- all facts of one claim --------------------------------------------------------------------


def with_facts(claim: CasualtyClaim, article: Article, event_start: date | None = None) -> CasualtyClaim:
    """The claim with its facts computed from its words, its evidence and its article.

    ``event_start`` is the first report's date over the run's articles (``background.event_start``);
    None takes the article's own date, and with no date at all no dated background rule applies.
    """
    sentence = claim.evidence.quote
    figure = claim.count.text
    before = article.text[max(0, claim.evidence.start - 300) : claim.evidence.start]
    day, day_words = as_of(figure, sentence, article.published)
    start = event_start or article.published
    return claim.model_copy(update={
        "victim_role": victim_role(victim_words(claim.victims, figure), sentence, before),
        "victim_party": victim_party(victim_words(claim.victims, figure)),
        "victim_subset": claim_subset(claim.victims, figure, sentence),
        "place_within": place_within(figure, sentence),
        "as_of": day,
        "as_of_text": day_words,
        "background": background_reason(sentence, figure, article.published, start) is not None,
    })


def extraction_with_facts(extraction: ArticleExtraction, article: Article, event_start: date | None = None) -> ArticleExtraction:
    """Every claim of one article's extraction with its facts (see ``with_facts``)."""
    if not extraction.claims:
        return extraction
    claims = [with_facts(claim, article, event_start) for claim in extraction.claims]
    return extraction.model_copy(update={"claims": claims})
