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
from extract.text.families import names_a_family
from extract.text.names import lower
from extract.text.victims import claim_subset, victim_party, victim_role, victim_words
from schemas import Article, ArticleExtraction, CasualtyClaim, Outcome

# --- the place within the event ---------------------------------------------------------------

# a place phrase: a preposition, then up to six words (names, "the", "neighbouring", a noun)
_PLACE = r"(?P<place>(?:in|at|from|on|inside)\s+(?:the\s+|a\s+|one\s+|neighbou?ring\s+)?(?:[\w'’.-]+\s+){0,4}?[\w'’.-]+)"
# "at least 94 in the capital alone", "four deaths were confirmed in the city itself"
_ALONE = re.compile(rf"^(?:[^,;.]{{0,50}}?\s)?{_PLACE}\s+(?P<only>alone|itself)\b", re.IGNORECASE)
# "Fourteen of the dead were in Brenmoor", "Eleven of the dead were recovered from the east shaft"
_PARTITIVE_PLACE = re.compile(
    r"^\s+of\s+(?:them|whom|(?:the|those|these)\s+(?:dead|deaths|victims|bodies|deceased|killed|injured|wounded))\s+"
    r"(?:were|was)\s+(?:(?:found|recovered|killed|pulled|taken)\s+)?" + _PLACE + r"(?=\s*(?:[,;.]|$|\s(?:and|while|but|police|officials|the)\b))",
    re.IGNORECASE,
)
# a named place: "Brenmoor", "the State of Brask", "the state of Brask", "neighbouring Brask state", "the capital"
_PLACE_NAME = (r"(?:the\s+|neighbou?ring\s+|nearby\s+){0,2}(?:(?:state|province|region|district|county|city|town)\s+of\s+)?"
               r"(?:[A-Z][\w'’.-]*\s+(?:of\s+(?:the\s+)?)?){0,3}(?:[A-Z][\w'’.-]*|state|province|region|district|county|capital)")
# the words that may stand between a figure and its place: "93 people have died in X", "Twelve were found dead in X"
_FILLER = (r"(?:(?:people|deaths|dead|others?|more|were|was|have|has|had|been|died|killed|injured|wounded|confirmed|"
           r"recorded|found|reported)\s+){0,3}")
# the figure's own place in a list of places: "93 have died in the capital, 69 in Brenmoor, ..."
_FIGURE_PLACE = re.compile(
    r"^\s+" + _FILLER + r"(?P<place>(?:in|at)\s+" + _PLACE_NAME + r")(?=\s*(?:[,;.]|$|\s(?:and|while|but|so\s+far|by)\b))",
)
_CAPITAL = re.compile(r"^\s+" + _FILLER + r"(?P<place>in\s+the\s+capital|in\s+and\s+around\s+" + _PLACE_NAME + r")\b", re.IGNORECASE)
# "the 11 people who died inside the church": a group defined by where it died
_DEFINED_BY_PLACE = re.compile(
    r"^\s+(?:people|persons|victims|worshippers|passengers|workers|miners|pupils|students|children)\s+(?:who|that)\s+"
    r"(?:died|were\s+killed|perished|were\s+found\s+dead)\s+(?P<place>(?:in|inside|at)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?)"
    r"(?=\s*(?:[,;.]|$|\s(?:during|when|on|in|after|as|and|while|were|was|had|have)\b))",
    re.IGNORECASE,
)
# "220 dead in his city": a place no word of the sentence names, but still a part
_OWN_PLACE = re.compile(r"^\s+" + _FILLER + r"(?P<place>in\s+(?:his|her|its|their)\s+(?:city|town|state|province|region|district|village))\b",
                        re.IGNORECASE)
# "eight people were still missing inside the wreckage of the office building": one site's count
_WRECKAGE = re.compile(
    r"^[^,;.]{0,60}?\b(?P<place>(?:inside|in|under|beneath|from)\s+the\s+(?:wreckage|rubble|debris|ruins|remains)\s+of\s+"
    r"(?:the\s+|a\s+|an\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,3}?)(?=\s*(?:[,;.]|$|\s(?:and|while|but|after|as|when|one|that|which)\b))",
    re.IGNORECASE,
)
# "the dead include 220 people killed in X": a figure the toll includes is a part of it
_INCLUDED = re.compile(r"\b(?:include|includes|included|including)\s+$", re.IGNORECASE)
# "the death toll from the school alone [is] as high as 37": the place is told before the figure
_TOLL_FROM_ALONE = re.compile(
    r"\b(?:toll|count|tally|number\s+of\s+(?:dead|deaths))\s+(?P<place>(?:from|at|in)\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+){0,2}?)\s+"
    r"(?P<only>alone|itself)\s+(?:(?:is|was|stands|stood|at|as\s+high\s+as|reached|of|to)\s+){0,3}$",
    re.IGNORECASE,
)
# "Orvale, a town south of the capital, saw 11 deaths", "The state of Brask was hardest hit with 42 deaths":
# the place is the subject of a verb of suffering a toll
_SUBJECT_PLACE = re.compile(
    r"(?:^|[,;]\s+(?:while\s+|and\s+|but\s+)?|\b(?:while|and|but)\s+)"
    r"(?P<place>(?:[Tt]he\s+(?:state|province|region|district|city|town|county)\s+of\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}"
    r"(?:\s+(?:state|province|region|district|county))?)"
    r"(?:,[^,;]{1,60},)?\s+(?P<verb>saw|recorded|registered|suffered|accounted\s+for|(?:was|were)\s+(?:the\s+)?(?:hardest|worst)[- ]hit\s+with)\s+$"
)
_SUBJECT_NOUN = re.compile(r"^\s+(?:deaths|dead|fatalities|people\s+(?:dead|killed))\b|^\s*(?:[,;.]|$)", re.IGNORECASE)


def place_within(figure: str, sentence: str) -> str | None:
    """The part of the event's area the figure covers, in the sentence's words, or None when the
    words do not clearly narrow it: a place with "alone"/"itself" (after the figure, or "the toll
    from X alone" before it), a partitive placed ("N of the dead were in X"), one place of a list
    of figures by place ("93 in X, 69 in Y"), a figure the toll includes ("the dead include 220
    killed in X"), a group defined by where it died ("the 11 people who died inside the church"),
    the subject of a toll in a list ("X saw 11 deaths, while Y recorded eight"; "X was hardest hit
    with 42"), or "in the capital" / "in and around X" beside another figure. A bare "N killed in
    X" is the whole event's place and never a part."""
    found = _place_within(figure, sentence)
    return found.rstrip(".") if found else None


def _place_within(figure: str, sentence: str) -> str | None:
    """``place_within`` before its trailing full stop is taken off."""
    at = _figure_at(figure, sentence)
    if at is None:
        return None
    before, after = sentence[:at], sentence[at + len(figure):]
    clause = re.split(r"[;]|,\s|\s[-–—]\s", after, maxsplit=1)[0]
    if m := _ALONE.match(clause):
        return f"{m.group('place')} {m.group('only')}"
    if m := _PARTITIVE_PLACE.match(after):
        return m.group("place")
    if m := _TOLL_FROM_ALONE.search(before):
        return f"{m.group('place')} {m.group('only')}"
    if re.search(r"\bthe\s+$", before, re.IGNORECASE) and (m := _DEFINED_BY_PLACE.match(after)):
        return m.group("place")
    if m := _OWN_PLACE.match(after):
        return m.group("place")
    if m := _WRECKAGE.match(clause):
        return m.group("place")
    own = _FIGURE_PLACE.match(after)
    if own and (_places_listed(sentence) >= 2 or _INCLUDED.search(before)):
        return own.group("place")
    if (m := _SUBJECT_PLACE.search(before)) and _SUBJECT_NOUN.match(after) and _is_place_subject(m, sentence):
        return m.group("place")
    if (m := _CAPITAL.match(after)) and len(_FIGURES.findall(sentence)) >= 2:
        return m.group("place")  # "225 in all, at least 94 in the capital": the capital's share
    return None


def _is_place_subject(match: re.Match, sentence: str) -> bool:
    """A subject of "saw N deaths" is a place only where the sentence sets two such subjects side
    by side or says it was hardest hit, and never a claimant ("Police recorded 12 deaths")."""
    if names_a_family(lower(match.group("place"))):
        return False
    verb = match.group("verb").lower()
    if "hit" in verb or verb.startswith("accounted"):
        return True
    subjects = 0
    for figure in _FIGURES.finditer(sentence):
        found = _SUBJECT_PLACE.search(sentence[: figure.start()])
        subjects += bool(found and not names_a_family(lower(found.group("place"))))
    return subjects >= 2


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


# "people in Brenmoor", "deaths in the State of Brask": victims whose own words are placed
_PLACED_VICTIMS = re.compile(r"^(?:people|deaths|dead|victims|others)\s+(?P<place>(?:in|at)\s+" + _PLACE_NAME + r")$")


def place_of_victims(victims: str) -> str | None:
    """The place the victims' own words give ("people in Brenmoor"), or None."""
    m = _PLACED_VICTIMS.match(victims.strip())
    return m.group("place") if m else None


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


# --- the condition of the injured --------------------------------------------------------------

# the injured a figure counts by their condition, not all of them: "23 still in critical care",
# "66 remained in eight hospitals", "25 people remained hospitalized"
_CONDITIONS = (
    ("condition:critical care", re.compile(
        r"\b(?:in|receiving|under)\s+['‘’\"“”]?(?:critical|intensive)\s+(?:hospital\s+)?care\b|\bin\s+(?:a\s+)?critical\s+condition\b"
        r"|^\s*(?:most\s+seriously|critically)\s+(?:injured|hurt|wounded)\b",  # "the 17 most seriously injured"
        re.IGNORECASE)),
    ("condition:in hospital", re.compile(
        r"\b(?:remain(?:s|ed)?|still|are\s+still|were\s+still)\s+(?:being\s+treated\s+)?(?:in\s+(?:\w+\s+)?hospitals?\b|hospitali[sz]ed\b)",
        re.IGNORECASE)),
)
_ASIDE = re.compile(r"\s[-–—]\s[^-–—]{1,80}?\s[-–—]\s")  # "50 people — including the 17 most hurt — remain in hospital"
_DASH = re.compile(r"\s[-–—]\s")
_CLAUSE_END = re.compile(r"[;.]\s|[;.]$|,\s+(?:while|but|and|after|as|when|including)\b")
_CONDITION_REACH = 90  # characters after the figure its condition may be told in


def condition_subset(figure: str, sentence: str) -> str | None:
    """The condition an injured figure counts ("condition:critical care", "condition:in hospital"),
    told in the figure's own clause after it; None for the injured as a whole ("59 were hurt",
    "50 were taken to hospital": taken there is how they were counted, not who is still there)."""
    at = _figure_at(figure, sentence)
    if at is None:
        return None
    after = sentence[at + len(figure):]
    if len(_DASH.findall(sentence[:at])) % 2:  # the figure is inside an aside: its clause ends with it
        after = _DASH.split(after, maxsplit=1)[0]
    after = _ASIDE.sub(" ", after)
    end = _CLAUSE_END.search(after)
    clause = after[: end.start() if end else len(after)][:_CONDITION_REACH]
    for key, pattern in _CONDITIONS:
        if pattern.search(clause):
            return key
    return None


# "Five are still receiving critical care at St Anselm Hospital": the count of one place of care
_CARE_PLACE = re.compile(r"\b(?:care|condition|hospitals?|hospitali[sz]ed)['‘’\"“”]?\s+(?P<place>(?:at|in)\s+(?:the\s+)?[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})")


def place_of_care(figure: str, sentence: str) -> str | None:
    """The one hospital an injured figure in some condition is counted at, or None."""
    at = _figure_at(figure, sentence)
    if at is None:
        return None
    m = _CARE_PLACE.search(sentence, at + len(figure), min(len(sentence), at + len(figure) + _CONDITION_REACH))
    return m.group("place") if m else None


# --- all facts of one claim --------------------------------------------------------------------


def with_facts(claim: CasualtyClaim, article: Article, event_start: date | None = None) -> CasualtyClaim:
    """The claim with its facts computed from its words, its evidence and its article.

    ``event_start`` is the first report's date over the run's articles (``background.event_start``);
    None takes the article's own date, and with no date at all no dated background rule applies.
    An injured figure's condition ("still in critical care") is its subset when its words name none.
    """
    sentence = claim.evidence.quote
    figure = claim.count.text
    words = victim_words(claim.victims, figure)
    before = article.text[max(0, claim.evidence.start - 300) : claim.evidence.start]
    day, day_words = as_of(figure, sentence, article.published)
    start = event_start or article.published
    subset = claim_subset(claim.victims, figure, sentence)
    place = place_within(figure, sentence) or place_of_victims(words) or place_told_elsewhere(figure, sentence, article.text)
    if subset is None and claim.outcome is Outcome.wounded:
        subset = condition_subset(figure, sentence)
        place = place or (place_of_care(figure, sentence) if subset else None)
    return claim.model_copy(update={
        "victim_role": victim_role(words, sentence, before),
        "victim_party": victim_party(words),
        "victim_subset": subset,
        "place_within": place,
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


# "167 deaths in the capital so far": a figure followed by a place with no cue that it is a part
_PLACE_AFTER = re.compile(r"^\s+" + _FILLER + r"(?P<place>in\s+" + _PLACE_NAME + r")")
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def place_told_elsewhere(figure: str, sentence: str, text: str) -> str | None:
    """The place another sentence of the article clearly gives the same figure ("167 of those
    deaths were in the capital"), when this sentence names that place right after the figure
    ("167 deaths in the capital so far"); else None."""
    at = _figure_at(figure, sentence)
    if at is None or len(figure) < 2 or not (after := _PLACE_AFTER.match(sentence[at + len(figure):])):
        return None
    named = lower(after.group("place"))
    start = 0
    while (found := text.find(figure, start)) >= 0:
        start = found + len(figure)
        begin = max(text.rfind(". ", 0, found), text.rfind("\n", 0, found)) + 1
        end_match = _SENTENCE_END.search(text, start)
        other = text[begin: end_match.start() + 1 if end_match else len(text)].strip()
        if other == sentence.strip():
            continue
        place = place_within(figure, other)
        if place and lower(re.sub(r"\s+(?:alone|itself)$", "", place)) == named:
            return place
    return None
