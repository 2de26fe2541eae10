"""Subject + participle: "seven fighters were killed and 12 wounded", "17 dead", "N people died",
"20 others were treated for burns", "17 remain in critical care", "another was wounded",
"prisoners were taken", "Five soldiers and two civilians were killed", "they were killed".
"""

from __future__ import annotations

import re

from extract.offline.casualty_patterns.raw_claim import (
    RawClaim,
    count_at,
    kin_group_count,
    persons_named_by,
    single_person_at,
)
from extract.text.casualty_words import (
    CAPTURED,
    CARED_FOR,
    FINITE,
    KILLED,
    MISSING,
    PEOPLE_NOUNS,
    PRONOUNS,
    WOUNDED,
    clean_np,
    combine,
    head_mentions_people,
    mentions_people,
    object_np,
    outcome_of,
    subject_window,
)
from schemas import Count, Outcome

_PARTICIPLE = rf"(?:{KILLED}|{WOUNDED}|{CAPTURED}|{MISSING})"
_CARED_FOR = re.compile(CARED_FOR, re.I)
_PASSIVE_RE = re.compile(rf"\b(?P<first>{_PARTICIPLE})(?:\s+(?:and|or|and/or)\s+(?P<second>{_PARTICIPLE}))?\b", re.I)


# What may stand between a subject and its participle: auxiliaries, hedges, adverbs.
_AUX_TAIL = re.compile(
    r"(?:\b(?:were|was|are|is|be|been|being|had|have|has|got|gotten|get|may|might|could|would|will|must|"
    r"reportedly|allegedly|now|also|all|still|later|presumed|believed|thought|feared|known|said|reported|"
    r"confirmed|estimated|found|to|most|likely|probably|apparently|remain|remained|remains|went|go|gone|"
    r"\w+ly)\b[\s,]*)+$",
    re.I,
)
# "have"/"has"/"had" right before the participle (adverbs aside) makes a perfect, not a passive.
_PERFECT = re.compile(r"\b(?:have|has|had)\b(?:\s+(?:now|also|reportedly|allegedly|already|just|\w+ly))*[\s,]*$", re.I)
_REAL_AUX = re.compile(r"\b(?:were|was|are|is|be|been|had|have|has|got|remain(?:ed|s)?|went|gone)\b", re.I)


# An aside between a subject and its verb: ", including a child," / ", most of them women,".
# An age is an aside too: "The guide, aged 23, was killed" / "The guide, 23, was killed".
_ASIDE = re.compile(
    r",\s*(?:(?:including|among\s+them|(?:most|many|all)\s+of\s+them|mostly)\b[^,;]*|(?:aged\s+)?\d{1,3}"
    r"|left|right|centre|center|pictured|above|below),\s*$"
    # between dashes: "50 people -- including the 17 most seriously injured -- remain in hospital"
    r"|\s*(?:--|\u2014|\u2013)\s*(?:including|among\s+them|(?:most|many|all)\s+of\s+them|mostly)\b[^\u2013\u2014;]*(?:--|\u2014|\u2013)\s*$",
    re.I,
)


def passive_claims(sentence, counts, active_spans):
    """'seven fighters were killed and 12 wounded', '17 dead', 'prisoners were taken'."""
    for trig in _PASSIVE_RE.finditer(sentence):
        if any(s <= trig.start() < e for s, e in active_spans):
            continue
        base = max(0, trig.start() - 80)
        tail = _AUX_TAIL.search(sentence[base : trig.start()])
        subject_end = base + tail.start() if tail else trig.start()
        aside = _ASIDE.search(sentence, 0, subject_end)
        if aside:
            subject_end = aside.start()  # "Seven people, including a child, were killed"
        has_aux = bool(tail and _REAL_AUX.search(tail.group(0)))
        # a headline's "23 still in critical care": "still" tells a state, as "remain" does
        has_aux = has_aux or bool(tail and re.search(r"\bstill\b", tail.group(0), re.I) and _CARED_FOR.fullmatch(trig.group("first")))
        if tail and _PERFECT.search(tail.group(0)) and not _INTRANSITIVE.fullmatch(trig.group("first")):
            continue  # "Rebels have captured the town": an active perfect, not a passive
        if not has_aux and _modifies_a_thing(sentence, trig.end()):
            continue  # "two dead batteries": an adjective on a thing, not a fate
        if not has_aux and _CARED_FOR.fullmatch(trig.group("first")):
            continue  # "two nurses in hospital said": a place, not a fate, without "were"/"remain"
        outcome = combine(trig.group("first"), trig.group("second"))
        claim = _counted_subject(sentence, counts, subject_end, outcome) or _relative_subject(sentence, counts, trig.start(), outcome)
        if claim is None:
            reduced = not tail and _reduced_passive(sentence, trig)
            claim = _uncounted_subject(sentence, subject_end, outcome, has_aux or reduced, trig.group("first"))
        if claim is None and aside and _PERSON_ASIDE.match(aside.group(0)):
            claim = _named_subject(sentence, subject_end, outcome, trig.end())
        if claim is None or (trig.group("first").lower() == "taken" and not re.search(r"prisoner|hostage|captive", claim.victims, re.I)):
            continue
        yield from _split_coordinated_subject(sentence, counts, claim, subject_end)
        yield from _coordinated_figures(sentence, counts, trig.end(), claim.victims)


# A headline's passive without its auxiliary: "Pupils killed at flooded school", "Miners
# injured in blast". The subject opens the sentence and a preposition follows the participle, so
# that "Rebels killed dozens" (active) is never read as one ("at least" opens a figure, not a place).
_HEADLINE_SUBJECT = re.compile(r"\s*(?:[\w'\u2019-]+\s+){0,3}?[\w-]+\s*")
_PLACE_AFTER = re.compile(r"\s+(?:in|at|after|during|by|near|as|when|while)\b(?!\s+least\b)", re.I)


_HEADLINE_LEAD = re.compile(r".*(?::|\s[-\u2013\u2014|])\s")  # "Karsk flood: Children killed ..."


def _reduced_passive(sentence, trig) -> bool:
    if not _PLACE_AFTER.match(sentence, trig.end()) or outcome_of(trig.group("first")) not in (Outcome.killed, Outcome.wounded):
        return False  # the cheap tests first
    lead = _HEADLINE_LEAD.match(sentence, 0, trig.start())
    return bool(_HEADLINE_SUBJECT.fullmatch(sentence, lead.end() if lead else 0, trig.start()))


def _split_coordinated_subject(sentence, counts, claim, subject_end):
    """'Five soldiers and two civilians were killed': one claim per figure in the subject."""
    joined = re.match(r"\s*(?P<head>[^\d,;]{1,60}?)\s+and\s+", sentence[claim.end : subject_end])
    figure = None
    if joined and mentions_people(joined.group("head")):
        at = claim.end + joined.end()
        figure = count_at(counts, at) or single_person_at(sentence, at)
    if figure is None:
        yield claim
        return
    c_start, c_end, count = figure
    second = re.split(r"\s+(?:were|was|are|is|had|have|has|remain\w*|died|perished)\b", object_np(sentence, c_end)[0])[0]
    yield RawClaim(claim.outcome, clean_np(joined.group("head")), claim.count, claim.start, claim.end, False)
    if mentions_people(second):
        yield RawClaim(claim.outcome, clean_np(second), count, c_start, c_end, False)


_FUNCTION_WORD = re.compile(
    r"(?:in|on|at|and|or|but|after|as|by|during|near|since|when|while|with|from|across|the|a|an|this|that|"
    r"last|yesterday|today|tonight|overnight|so|far|than|to|of|for|over|before|inside|outside|around|"
    r"including|among|according|until|amid|following|because|due|were|was|are|is|had|have|has|under|beneath|underneath|below|\w+ly)$",
    re.I,
)


def _modifies_a_thing(sentence: str, position: int) -> bool:
    """True when the word after a participle is a noun that is not people ("dead batteries")."""
    following = re.match(r"\s+([a-z][\w-]*)", sentence[position:])
    if not following:
        return False
    word = following.group(1)
    return not _FUNCTION_WORD.match(word) and not mentions_people(word)


# A participle closing a clause of its own between a figure and a later participle.
_ENDED_CLAUSE = re.compile(rf"\b(?:{_PARTICIPLE})\b\s*(?:,|\s(?:and|while|but|as|with)\b)", re.I)
_MORE = re.compile(r"\s*more\s*", re.I)
# A figure of the people on a craft, with no noun: "88 onboard likely dead", "all 12 aboard were killed".
_ABOARD_ONLY = re.compile(r"\s*(?:on\s*board|aboard)\s*", re.I)
_PART_OF_A_DATE = re.compile(r"\d[-/]$")


def _counted_subject(sentence, counts, subject_end, outcome):
    """The claim whose figure opens the subject ending at ``subject_end`` ("17 people" before
    "died"), or None when no figure there heads a phrase naming people."""
    window_start, window = subject_window(sentence, subject_end)
    kin = _kin_subject(window)
    if kin is not None:  # "A woman and her two daughters were killed": three people
        return RawClaim(outcome, kin.text, kin, subject_end - len(window.rstrip()) + window.rstrip().find(kin.text), subject_end, False)
    for c_start, c_end, count in counts:
        if c_start < window_start or c_end > subject_end:
            continue
        if _PART_OF_A_DATE.search(sentence, max(0, c_start - 3), c_start):
            continue  # "2017-05-24 Some 20 people": the 24 is a day, the 20 the figure
        np = sentence[c_end:subject_end]
        if len(np.split()) > 14 or FINITE.search(np) or _ENDED_CLAUSE.search(np):
            continue  # "17 people died and 40 were injured": 40 is the subject, not 17
        if re.search(r"\band\s*$", np, re.I):
            continue  # "a gunman stabbed two guards and was killed": the guards are an object
        if _MORE.fullmatch(np):
            np = ""  # "five more are feared dead"
        aboard = bool(_ABOARD_ONLY.fullmatch(np))
        if np.strip(" \"\u201c\u201d") and not aboard and not head_mentions_people(np):
            continue
        later = next((start for start, _, _ in counts if c_end < start < subject_end), None)
        gap = sentence[c_end:later].strip() if later is not None else ""
        if gap and not head_mentions_people(gap) and not re.match(r"of\b", gap, re.I):  # "150 of the 239": a part
            continue  # "15 buildings collapsed and 40 people died": 40 is the subject
        victims = "people on board" if aboard else clean_np(np) or (count.text.lower() if count.vague else "people")
        return RawClaim(outcome, victims, count, c_start, c_end, False)
    return None


def _kin_subject(window: str):
    """The Count of a subject that is one person and their kin ("a man and his son"), or None."""
    if " and " not in window:
        return None  # the cheap test first: no list, no kin group
    np = re.sub(r"^(?:but|and|however|so|then)\s+", "", clean_np(window), flags=re.I)
    return kin_group_count(np)


_WHO = re.compile(r"\s+who\s+(?:(?:had|have|has|were|was|are|is|remain|remained|remains)\s+)?(?:been\s+)?(?:(?:all|also|later)\s+)?$", re.I)


def _relative_subject(sentence, counts, trigger_start, outcome):
    """'the 11 people who died inside the church': a figure of people named by a relative clause."""
    who = _WHO.search(sentence, 0, trigger_start)
    if who is None:
        return None
    for c_start, c_end, count in counts:
        np = sentence[c_end : who.start()]
        if c_end <= who.start() and len(np.split()) <= 4 and np.strip() and head_mentions_people(np) and not FINITE.search(np):
            if not re.search(r"[,;:]", np):
                return RawClaim(outcome, clean_np(np), count, c_start, c_end, False)
    return None


# Without an auxiliary only these read as a fate with no figure ("they died"; "they killed" is no claim).
# A subject shared by two verbs: "<subject> <verb>ed <object> and" before the trigger.
_SHARED_SUBJECT = re.compile(r"(?P<subject>.+?)\s+[a-z]+ed\s+(?:[\w'-]+\s+){0,6}?and", re.I)
# A clause a verb of knowing or telling takes without "that", its subject a relative: "revealed
# his son (had died)", "learned his brother (was missing)".
_POSSESSIVE_WORD = re.compile(r"\s(?:his|her|their|my|our)\s")
_TELLER = re.compile(r"(?:[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)*|(?i:the|his|her|their)\s+(?:[\w'\u2019-]+\s+){0,2}[\w'\u2019-]+)\s*$")
_TOLD_KIN = re.compile(r"\s(?:[a-z]+ed|knew|heard|learnt|wrote)\s+(?P<np>(?:his|her|their|my|our)\s+(?:[\w-]+\s+){0,2}?[\w-]+)$")
_INTRANSITIVE = re.compile(r"died|perished|drowned|suffocated|surrendered|lost\s+their\s+lives", re.I)


def _uncounted_subject(sentence, subject_end, outcome, has_aux, trigger):
    """'prisoners were taken', 'Others have surrendered', 'they were killed', 'his brother is missing'."""
    if not has_aux and not _INTRANSITIVE.fullmatch(trigger):
        return None
    _, window = subject_window(sentence, subject_end)
    np = clean_np(window)
    last_word = re.search(r"(\w+)\s*$", np)
    if last_word and last_word.group(1).lower() in PRONOUNS:
        pronoun = last_word.group(1)
        figure = PRONOUNS[pronoun.lower()]
        count = Count(min=figure, max=figure, text=pronoun) if figure else Count(text=pronoun, vague=True)
        return RawClaim(outcome, pronoun, count, subject_end - len(pronoun), subject_end, False)
    whose = re.search(r"(?P<owner>(?:[A-Z][\w-]*\s+)*[A-Z][\w-]*)\s+whose\s+(?P<kin>\w+)$", np)
    if whose and whose.group("kin").lower() in PEOPLE_NOUNS:
        victims = f"{whose.group('owner')}'s {whose.group('kin')}"
        return RawClaim(outcome, victims, Count(min=1, max=1, text=f"whose {whose.group('kin')}"), subject_end - len(np), subject_end, False)
    np = re.sub(r"^(?:but|and|however|so|then)\s+", "", np, flags=re.I)
    told = _TOLD_KIN.search(np) if _POSSESSIVE_WORD.search(np) else None  # the cheap test first
    teller = None
    if told:  # "Ana Ruiz revealed her son had died": the son died, and Ana Ruiz says so
        name = _TELLER.search(np, 0, told.start())  # "on Monday Ana Ruiz": the name, not the time
        teller, np = name.group(0) if name else None, told.group("np")
    shared = _SHARED_SUBJECT.fullmatch(np)
    if shared:
        np = shared.group("subject")  # "a lone man detonated a bomb and died": the man died
    if re.match(r"(?:how|what|which|whether|if|why|when)\b", np, re.I):
        return None  # "said how many civilians died" asks, it does not claim
    if re.match(r"(?:no|any|none|neither|nobody)\b", np, re.I):
        return None  # "no soldiers were killed": a denial, not a figure
    if re.match(r"(?:the\s+)?(?:total\s+)?number\s+of\b", np, re.I):
        return None  # "the number of miners killed (has risen to 17)": the toll's own words
    if not np or len(np.split()) > 14 or not head_mentions_people(np) or FINITE.search(np):
        return None
    # one person ("his brother", "the couple": two), one person and their kin ("a man and his
    # son"), or a group ("the men", "a woman and her children"), whose number is vague
    kin = kin_group_count(np) if " and " in np else None
    determined = re.match(r"(?:a|an|one|his|her|the|their|its|our|my)\s+(?:[\w-]+\s+){0,3}\w+$", np, re.I)
    persons = None
    if determined and " and " not in np:
        last = np.split()[-1].lower()
        # "the guide Ivo Lent": a name after the noun for people is one person too
        persons = persons_named_by(last) if last in PEOPLE_NOUNS else None if last.endswith("s") else 1
    count = kin or (Count(min=persons, max=persons, text=np) if persons else Count(text=np, vague=True))
    return RawClaim(outcome, np, count, subject_end - len(np), subject_end, False, teller)


# An aside that marks one person: an age ("Ivo Lent, 33, was killed") or a caption's place
# ("Ana Ruiz, left, was injured").
_PERSON_ASIDE = re.compile(r",\s*(?:(?:aged\s+)?\d{1,3}|left|right|centre|center|pictured|above|below),\s*$", re.I)
_NAME_AT_END = re.compile(r"(?P<name>[A-Z][a-z][\w'\u2019-]*(?:\s+(?:van|von|de|al|bin|ag|el)?\s*[A-Z][\w'\u2019-]+)+)\s*$")
_ALONG_WITH = re.compile(r"\s+along\s+with\s+(?P<rest>[^.;:!?]{1,80})", re.I)


def _named_subject(sentence, subject_end, outcome, trigger_end):
    """'Ivo Lent, 33, was killed', 'singer Ana Ruiz, 54, also died': one person, named; "was
    killed along with her baby and husband" counts those named with them too."""
    _, window = subject_window(sentence, subject_end)
    name = _NAME_AT_END.search(window)
    if name is None or re.match(r"(?:the|a|an)\s", name.group(0), re.I) or re.search(r"\b(?:the|a|an)\s+$", window[: name.start()], re.I):
        return None  # "The Karsk Post, left,": a body, not a person
    count, text = 1, name.group("name")
    along = _ALONG_WITH.match(sentence, trigger_end)
    if along:
        parts = [p for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", object_np(sentence, along.start("rest"))[0]) if p.strip()]
        if parts and all(mentions_people(p) and not re.search(r"\d", p) for p in parts):
            count += len(parts)
            text = f"{text} along with {', '.join(parts)}"
    start = subject_end - len(window) + name.start()
    return RawClaim(outcome, text, Count(min=count, max=count, text=text), start, start + len(name.group(0).rstrip()), False)


def _coordinated_figures(sentence, counts, position, victims):
    """'... were killed and 12 (were) wounded': the second figure shares the victims."""
    more = re.match(
        rf"\s*,?\s*(?:and|while|with)\s+(?P<fig>\S.*?)\s+(?:(?:were|had\s+been|have\s+been|was)\s+)?(?P<trig>{_PARTICIPLE})\b",
        sentence[position:],
        re.I,
    )
    if not more:
        return
    fig_start = position + more.start("fig")
    figure = count_at(counts, fig_start)
    if figure is None or figure[1] != position + more.end("fig"):
        return
    c_start, c_end, count = figure
    yield RawClaim(outcome_of(more.group("trig")), victims, count, c_start, c_end, False)


# A family's claim stands on one of its words (at the start of a word): no word, no claim.
TRIGGER_WORDS = {passive_claims: _PARTICIPLE}
