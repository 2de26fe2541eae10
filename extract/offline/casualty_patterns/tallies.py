"""Figures with no subject and verb of their own: a death toll ("the death toll rose to 41"), a tally
noun ("resulted in 5 fatalities"), losses with a named sufferer ("the army suffered heavy losses"),
no survivors ("none of those on board survived"), bodies ("videos of numerous corpses of soldiers")
and people on board a craft that vanished ("carrying 239 passengers, disappeared").
"""

from __future__ import annotations

import re

from extract.offline.casualty_patterns.raw_claim import RawClaim, count_at, negated_before
from extract.text.casualty_words import clean_np, head_mentions_people, mentions_people, object_np, subject_window
from extract.text.numbers import FIGURE_START, find_count_phrases
from schemas import Count, Outcome

# The noun of a toll: "death toll", "official death count", "toll", "number of dead".
_TOLL_NOUN = (
    r"(?:death|fatality|mortality)\s+(?:toll|count|total|tally|figure|number)|toll(?:\s+of\s+(?:the\s+)?dead)?|"
    r"number\s+of\s+(?:the\s+)?(?:confirmed\s+)?(?:dead|deaths|fatalities)"
)
# What the toll is of, between its noun and its verb: "from the quake", "in the mine blast" (a
# decimal such as "7.1" does not end it).
_TOLL_OF = r"(?:\s+(?:from|in|of|for|after)\s+(?:[^,.;:!?()\u2013\u2014\"\u201c\u201d]|(?<=\d)[.,](?=\d)){1,80}?)??"
# An aside between dashes may follow it: "the toll from the storm -- which struck on Monday -- rose to 64".
_TOLL_OF += r"(?:\s*(?:--|\u2014|\u2013)[^\u2013\u2014]{1,150}?(?:--|\u2014|\u2013))?"
_TOLL_CHANGE = (
    r"rose|rises|risen|rising|climbed|climbs|climbing|jumped|jumps|increased|increases|raised|soared|grew|"
    r"grown|reached|reaches|hit|hits|stood|stands|fell|falls|fallen|dropped|drops|lowered|revised|reduced|moved"
)
_TOLL_ADVERB = r"(?:\s+(?:now|then|just|only|officially|already|again|since|sharply|further|up|down|upward|downward))*"
# A figure follows the toll's verb, not "the storm" or "Storm Ada" ("raised the toll from the storm
# from 58 to 90", "raised the toll from Storm Ada from 58 to 90").
_NO_ARTICLE = FIGURE_START
_DEATH_TOLL = re.compile(
    # "the death toll (from the quake) has been raised to 225", "the toll stood at 9"
    rf"\b(?:{_TOLL_NOUN}){_TOLL_OF}(?:\s+(?:has|had|have|was|is|were))?(?:\s+been)?{_TOLL_ADVERB.replace('*', '{0,2}')}\s+"
    rf"(?:{_TOLL_CHANGE}){_TOLL_ADVERB}(?:\s+(?:to|at))?\s+{_NO_ARTICLE}"
    # "the official death count was 64", "the death toll is only 64", "a death toll of 64"
    rf"|\b(?:{_TOLL_NOUN}){_TOLL_OF}\s+(?:(?:has|had)\s+been|was|is|of|at|stood\s+at|stands\s+at|remains\s+at|remained\s+at)"
    rf"(?:\s+(?:now|then|just|only|officially|still|clos(?:e|er)\s+to))*\s+"
    # "bringing the toll to 14", "raised the island's official death toll (from the storm) to 34", "put the toll at 40"
    rf"|\b(?:bringing|brings|brought|bring|raising|raises|raised|raise|pushing|pushed|pushes|taking|took|takes|"
    rf"putting|puts|put|estimated|estimates|estimating|lowering|lowered|lowers|revising|revised|revises|moving|moves|moved|increasing|increased|increases)"
    rf"\s+(?:[\w'\u2019-]+\s+){{0,4}}?(?:{_TOLL_NOUN}){_TOLL_OF}(?:\s+(?:up|down|upward|downward))?\s+(?:(?:to|at|from)\s+|(?=as\s+(?:high|many)\s+as\s)){_NO_ARTICLE}"
    rf"|\b(?:{_TOLL_NOUN})\s+[-\u2013\u2014]\s+(?:(?:then|now|just|only|still)\s+)*"
    # "the number of miners killed in the collapse has risen to 17" (the noun must name people)
    rf"|\bnumber\s+of\s+(?:[\w-]+\s+)?(?P<who>[\w-]+)\s+(?:killed|dead|who\s+(?:have\s+|had\s+)?died)\b[^,.;:]{{0,60}}?\s(?:has\s+|had\s+)?"
    rf"(?:rose|risen|climbed|reached|stood|stands|jumped|increased)\s+(?:to\s+|at\s+)?",
    re.I,
)

def death_toll_claims(sentence, counts, active_spans):
    """'the death toll rose to 41', 'put the toll at 40', 'the official death count was 64': 41,
    40, 64 killed. A toll changed "from 16 to 34" (or "to 34 from 16") gives both figures, the
    earlier toll being a claim of its own time."""
    for match in _DEATH_TOLL.finditer(sentence):
        figure = count_at(counts, match.end())
        who = match.group("who")
        if figure is None and (multiple := _multiple_at(sentence, counts, match.end())):
            yield RawClaim(Outcome.killed, "people", *multiple, False)
            continue
        if figure is None or (who and who.lower() != "those" and not mentions_people(who)):
            continue
        c_start, c_end, count = figure
        if _counts_things(sentence, c_end):
            continue  # "the toll reached 15 buildings": a figure of things, not people
        np, _ = object_np(sentence, c_end)
        victims = clean_np(np) if head_mentions_people(np) else _counted_noun(match.group("who"))
        if re.search(r"\bfrom\s+$", match.group(0), re.I):
            yield from _toll_from_to(sentence, c_start, count, victims)
            continue
        yield RawClaim(Outcome.killed, victims, count, c_start, c_end, False)
        earlier = re.match(r"\s+from\s+", sentence[c_end:])
        before = count_at(counts, c_end + earlier.end()) if earlier else None
        if before is not None:
            yield RawClaim(Outcome.killed, victims, before[2], before[0], before[1], False)
        yield from _toll_parts(sentence, counts, c_end, victims)
    if _ABOUT_DEATHS.search(sentence):
        yield from _estimate_claims(sentence, counts)


# A toll given as a multiple of another figure: "was more than double the 1,200 the state counted".
_MULTIPLE = re.compile(
    r"(?P<floor>(?:more|higher|greater)\s+than\s+|at\s+least\s+)?(?P<times>double|twice|triple|(?:two|three|four|five|ten)\s+times)"
    r"\s+(?:the\s+|that\s+|its\s+|their\s+)?",
    re.I,
)
_TIMES = {"double": 2, "twice": 2, "triple": 3, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}


def _multiple_at(sentence, counts, position):
    """'more than double the 1,200' at ``position``: (Count, start, end) of the figure it makes,
    the span ending before the other figure (a claim of its own when its words make one), or None."""
    multiple = _MULTIPLE.match(sentence, position)
    figure = count_at(counts, multiple.end()) if multiple else None
    if figure is None or figure[2].vague or figure[2].min is None or figure[2].min != figure[2].max:
        return None
    value = _TIMES[multiple.group("times").split()[0].lower()] * figure[2].min
    count = Count(min=value, max=None if multiple.group("floor") else value, text=sentence[position : figure[1]])
    return count, position, multiple.end()


def _counted_noun(who: str | None) -> str:
    """The victims a toll names by its own noun ("the number of miners killed": miners)."""
    return who if who and who.lower() not in ("those", "people") and mentions_people(who) else "people"


# An estimate in a sentence about deaths: "put their estimate at about 1,050", "its official
# estimate of 64", "increase this estimate to more than 5,000"; a toll "higher than" one is at least it.
_ABOUT_DEATHS = re.compile(r"\b(?:deaths?|dead|died|killed|toll|mortality|fatalities)\b", re.I)
_ESTIMATE = re.compile(
    r"\b(?:put|puts|putting|placed|places|placing)\s+(?:[\w'\u2019-]+\s+){0,3}?estimates?"
    r"(?:\s+of\s+(?:the\s+)?(?:deaths|dead|fatalities))?\s+at\s+"
    r"|\b(?:(?:its|their|the|an?|our|his|her)\s+)?(?:(?:official|own|earlier|initial|new|revised|latest|total)\s+)*estimates?\s+of\s+"
    r"|\b(?:increase|increases|increased|increasing|raise|raises|raised|raising|revise|revised|revises)\s+(?:this|the|that|its|their)\s+estimate\s+to\s+",
    re.I,
)
_HIGHER_THAN = re.compile(r"\b(?:higher|greater|more)\s+than\s+(?:[\w'\u2019-]+\s+){0,3}?$", re.I)


# "the 1,400 people the government counted": a figure of the dead named by who counted it.
_COUNTED_BY = re.compile(
    r"\s+(?:people|deaths|dead)\s+(?:that\s+|whom\s+)?(?:the\s+|its\s+|their\s+)?(?:[\w'\u2019-]+\s+){1,4}?"
    r"(?:had\s+|has\s+)?(?:calculated|counted|estimated|recorded|reported|confirmed|tallied)\b",
    re.I,
)


_COUNTING_WORD = re.compile(r"\b(?:calculated|counted|estimated|recorded|reported|confirmed|tallied)\b", re.I)


def _estimate_claims(sentence, counts):
    if _COUNTING_WORD.search(sentence):  # else the figures need not be read
        for c_start, c_end, count in counts:
            if not count.vague and _COUNTED_BY.match(sentence, c_end):
                yield RawClaim(Outcome.killed, "people", count, c_start, c_end, False)
    for match in _ESTIMATE.finditer(sentence):
        figure = count_at(counts, match.end())
        if figure is None or figure[2].vague or _counts_things(sentence, figure[1]):
            continue
        c_start, c_end, count = figure
        np, _ = object_np(sentence, c_end)
        victims = clean_np(np) if head_mentions_people(np) or re.match(r"\s*(?:excess\s+)?deaths\b", np) else "people"
        yield RawClaim(Outcome.killed, victims, count, c_start, c_end, False)
        higher = _HIGHER_THAN.search(sentence, max(0, match.start() - 40), match.start())
        if higher and count.min is not None:
            # "the toll may be far higher than its official estimate of 64": at least 64
            floor = Count(min=count.min, max=None, text=f"{higher.group(0).strip()} {count.text}")
            yield RawClaim(Outcome.killed, victims, floor, higher.start(), higher.end(), False)


# A part of the toll right after it: "rose to 41, 12 of them children", "was raised to 225 --
# at least 94 in the capital alone", "as high as 37 -- 32 of which are children".
_TOLL_PART = re.compile(r"(?:\s+(?:on|by|late|early|this|last|overnight)\b[^,.;:\d\u2013\u2014]{0,40}?)?\s*(?:,|--|\u2014|\u2013)\s*(?:(?:including|with)\s+)?")
_PART_OF = re.compile(r"\s+of\s+(?:them|which|whom)\s+(?:(?:are|were)\s+)?(?P<np>[^,.;:!?()\u2013\u2014]{2,60})")
_PART_IN = re.compile(r"\s+(?:of\s+them\s+|of\s+which\s+|were\s+)?(?:in|at)\s+[A-Za-z]")


def _toll_parts(sentence, counts, toll_end, victims):
    lead = _TOLL_PART.match(sentence, toll_end)
    part = count_at(counts, lead.end()) if lead and lead.end() > toll_end else None
    if part is None or part[2].vague:
        return
    p_start, p_end, count = part
    of = _PART_OF.match(sentence, p_end)
    if of is not None:
        np, _ = object_np(sentence, of.start("np"))
        if mentions_people(np):
            yield RawClaim(Outcome.killed, clean_np(np), count, p_start, p_end, False)
    elif _PART_IN.match(sentence, p_end):
        yield RawClaim(Outcome.killed, victims, count, p_start, p_end, False)


def _counts_things(sentence: str, position: int) -> bool:
    """True when the figure ending at ``position`` counts a plural noun that is not people
    ("15 buildings", "two million dollars"); a conjunction or a preposition after it does not."""
    following = re.match(r"\s+(?:[\w-]+\s+)?(?P<noun>[a-z][\w-]*s)\b", sentence[position:])
    if not following or re.fullmatch(r"as|was|is|has|this|thus|plus|its|his|hers|ours|theirs", following.group("noun"), re.I):
        return False
    return not mentions_people(following.group(0))


def _toll_from_to(sentence, c_start, count, victims):
    """'raised the toll from 64 to 2,975': the figures reader takes "64 to 2,975" for a range;
    here they are the earlier and the new toll."""
    halves = re.fullmatch(r"(?P<old>.+?)\s+to\s+(?P<new>.+)", count.text, re.I)
    if not halves:
        return  # "from 64": no new toll named
    for name in ("new", "old"):
        inner = find_count_phrases(halves.group(name))
        if len(inner) == 1 and not inner[0][2].vague:
            s, e, part = inner[0]
            offset = c_start + halves.start(name)
            yield RawClaim(Outcome.killed, victims, part, offset + s, offset + e, False)


_TALLY_NOUN = re.compile(
    r"\s+(?:of\s+)?(?:(?:civilian|confirmed|reported|more|other|further|new|additional|excess)\s+)?"
    r"(?P<noun>fatalities|deaths|casualties|injuries)\b",
    re.I,
)
_TALLY_OUTCOME = {"fatalities": Outcome.killed, "deaths": Outcome.killed, "casualties": Outcome.casualties,
                  "injuries": Outcome.wounded}


def tally_claims(sentence, counts, active_spans):
    """'resulted in 5 fatalities', '12 deaths': a figure of a tally noun. A vague word ("numerous
    casualties") names no figure and no sufferer, so it is left out."""
    if not _TALLY_NOUN.search(sentence):
        return  # no tally noun: the figures need not be read
    for c_start, c_end, count in counts:
        noun = _TALLY_NOUN.match(sentence, c_end)
        if noun is None or count.vague or re.search(r"\b(?:no|zero)\s*$", sentence[max(0, c_start - 5) : c_start], re.I):
            continue
        outcome = _TALLY_OUTCOME[noun.group("noun").lower()]
        yield RawClaim(outcome, "people", count, c_start, c_end, False)


_SEVERITY = r"significant|heavy|major|severe|substantial|serious|considerable|huge|massive|light"
_LOSS_RE = re.compile(
    r"\b(?P<verb>suffered|sustained|reported|acknowledged|admitted|confirmed|incurred|endured|took)\s+"
    rf"(?P<mid>(?:[\w'\u2019-]+\s+){{0,5}}?)(?P<words>(?:(?:{_SEVERITY}|"
    r"some|many|few|its|their|his|her|several|unspecified|own)\s+)*(?:losses|casualties))\b",
    re.I,
)
_AMONG_CASUALTIES_RE = re.compile(rf"\b(?P<words>(?:(?:{_SEVERITY}|many|numerous)\s+)*casualties)\s+among\s+", re.I)


def loss_claims(sentence, counts, active_spans):
    """'the army suffered heavy losses', 'resulted in significant casualties among X'."""
    for match in _LOSS_RE.finditer(sentence):
        if negated_before(sentence, match.start()):
            continue
        _, subject = subject_window(sentence, match.start())
        subject = clean_np(re.sub(r"^\s*(?:both|and|but|however)\s+", "", subject, flags=re.I))
        if not subject or len(subject.split()) > 14:
            continue
        words = match.group("words")
        yield RawClaim(Outcome.casualties, subject, Count(text=words, vague=True), match.start("words"), match.end(), False)
    for match in _AMONG_CASUALTIES_RE.finditer(sentence):
        np, _ = object_np(sentence, match.end())
        if not mentions_people(np):
            continue
        yield RawClaim(Outcome.casualties, clean_np(np), Count(text=match.group("words"), vague=True),
                       match.start(), match.end() + len(np), False)


_SURVIVORS_RE = re.compile(
    r"\bno\s+survivors\b|\bnone\s+of\s+(?:the\s+|those\s+)?(?:[\w-]+\s+){0,4}?survived\b|"
    r"\b(?:no\s*one|nobody)\s+(?:[\w-]+\s+){0,5}?survived\b|\bno\s+one\s+(?:was\s+)?left\s+alive\b|"
    r"\bwith\s+all\s+(?:\d[\d,]*\s+)?(?:(?:hands|aboard|on\s+board|passengers|crew)\s+)?(?:lost|dead|killed)\b",
    re.I,
)


def survivor_claims(sentence, counts, active_spans):
    """'there were no survivors', 'none of those on board survived', 'sank with all hands lost':
    everyone was killed."""
    for match in _SURVIVORS_RE.finditer(sentence):
        victims = "those on board" if re.search(r"on\s+board|aboard|onboard", match.group(0), re.I) else "everyone"
        inner = [c for s, e, c in counts if match.start() <= s and e <= match.end() and not c.vague and c.text.lower() != "one"]
        count = Count(min=inner[0].min, max=inner[0].max, text=match.group(0)) if inner else Count(text=match.group(0), vague=True)
        yield RawClaim(Outcome.killed, victims, count, match.start(), match.end(), False)


_BODIES_RE = re.compile(r"\b(?P<noun>bodies|corpses|remains)\b", re.I)
_BODY_CONTEXT = re.compile(
    r"\b(?:show|shows|showing|showed|shown|found|recovered|saw|seen|retrieved|collected|buried|identified|"
    r"of|with|depicting|depicted|filmed)\s*$",
    re.I,
)


def body_claims(sentence, counts, active_spans):
    """'videos of numerous corpses of soldiers', 'footage appeared to show bodies in uniforms',
    'the bodies of 14 miners were recovered'."""
    for noun in _BODIES_RE.finditer(sentence):
        if noun.group("noun").lower() == "remains" and not re.match(r"\s+of\b", sentence[noun.end():]):
            continue
        before = sentence[max(0, noun.start() - 60) : noun.start()]
        figure = next(((s, e, c) for s, e, c in counts if 0 <= noun.start() - e <= 4), None)
        lead_end = figure[0] if figure else noun.start()
        of_figure = re.match(r"\s+of\s+(?:the\s+)?", sentence[noun.end():])
        counted = count_at(counts, noun.end() + of_figure.end()) if of_figure and not figure else None
        if counted is not None and not counted[2].vague:
            figure = counted  # "the bodies of 14 miners were recovered"
        if figure is None and not (_BODY_CONTEXT.search(before.rstrip()) or re.match(r"\s+(?:of|lying|in)\b", sentence[noun.end():])):
            continue
        if figure is None and re.search(r"\b(?:governing|international|regulatory|public|advisory|official|local|celestial)\s*$", before, re.I):
            continue
        rest = re.match(r"[^,.;:!?\"\u201c\u201d]*", sentence[noun.end():]).group(0)
        rest = re.split(r"\b(?:were|was|are|is|had|have|has)\b", rest)[0]
        victims = clean_np(sentence[noun.start(): noun.end()] + " ".join(rest.split()[:12]).join("  "))
        count = figure[2] if figure else Count(text=noun.group("noun"), vague=True)
        yield RawClaim(Outcome.killed, victims, count, lead_end, max(noun.end(), figure[1] if figure else 0), False)


_VANISHED = re.compile(r"\b(?:vanished|disappeared|went\s+missing|missing)\b", re.I)


def aboard_missing_claims(sentence, counts, active_spans):
    """'a flight carrying 239 passengers which vanished': those on board are missing; 'the jet
    that crashed with no survivors was carrying 144 passengers': those on board were killed."""
    if _VANISHED.search(sentence):
        outcome = Outcome.missing
    elif _SURVIVORS_RE.search(sentence):
        outcome = Outcome.killed
    else:
        return
    carried_end = -1  # "carrying 144 passengers and six crew": the second figure is carried too
    for c_start, c_end, count in counts:
        if count.vague:
            continue
        after = sentence[c_end : c_end + 60]
        head = re.match(r"\s+(?:of\s+the\s+\S+\s+)?((?:[\w-]+\s+){0,2}?(?:[\w-]+))", after)
        if not head or not mentions_people(head.group(1)):
            continue
        carried = re.search(r"\b(?:carrying|with)\s+$", sentence[:c_start]) or (
            carried_end >= 0 and re.fullmatch(r"\s*(?:,\s*)?and\s+", sentence[carried_end:c_start])
        )
        aboard = re.search(r"\b(?:on\s+board|aboard|onboard)\b", after)
        if carried or aboard:
            yield RawClaim(outcome, clean_np(head.group(1)), count, c_start, c_end, False)
            carried_end = c_end + head.end() if carried else -1


# A family's claim stands on one of its words (at the start of a word): no word, no claim.
TRIGGER_WORDS = {
    death_toll_claims: r"toll|dead|death|fatalit|mortalit|kill|estimat|number\s+of",
    tally_claims: r"fatalit|death|casualt|injuries",
    loss_claims: r"losses|casualt",
    survivor_claims: r"surviv|alive|lost|dead|kill",
    body_claims: r"bodies|corpses|remains",
    aboard_missing_claims: r"carrying|with|on\s*board|aboard|onboard",
}


# Nationals counted on board ("72 Vemarese, 35 Brelian citizens and two Tullans were on board",
# "there were at least three Karskans on board", "Ardenia had 50 nationals on the flight"), in an
# article that says everyone on board died: a sub-group of the dead.
_ON_BOARD = re.compile(
    r"\b(?:on\s*board|aboard|on\s+(?:the|that)\s+(?:flight|plane|aircraft|jet|airliner|ship|ferry|boat|vessel|bus|coach|train))\b",
    re.I,
)
_NATIONALS = re.compile(r"\s+(?:(?:[A-Z][a-z]+(?:s|ese|i)|(?:[A-Z][a-z]+\s+)?(?:citizens|nationals))\b)")


_NATIONALS_BREAKER = re.compile(
    r"[;:()\u2014]|\b(?:that|said|says|say|who|which|while|but|when|after|before|because|although|told|according\s+to|whereas)\b",
    re.I,
)


_COUNTRY_HAD = re.compile(r"(?P<country>(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+(?:of\s+)?[A-Z][\w.'\u2019-]*)*)\s+(?:had|has|lost)\s+$")


def nationals_aboard_claims(sentence, counts):
    """The nationals counted on board in the clause before "on board" (see ``_ON_BOARD``): killed."""
    for marker in _ON_BOARD.finditer(sentence):
        # the clause before the marker; a list of nationals holds commas
        breakers = list(_NATIONALS_BREAKER.finditer(sentence, max(0, marker.start() - 250), marker.start()))
        start = breakers[-1].end() if breakers else 0
        for c_start, c_end, count in counts:
            if c_start < start or c_end > marker.start() or count.vague:
                continue
            nationals = _NATIONALS.match(sentence, c_end)
            if nationals is None:
                continue
            noun = nationals.group(0).strip()
            country = _COUNTRY_HAD.search(sentence, start, c_start) if noun in ("nationals", "citizens") else None
            if country:  # "Ardenia had 12 nationals on the flight": whose nationals they are
                noun = f"{noun} of {country.group('country')}"
            yield RawClaim(Outcome.killed, f"{noun} on board", count, c_start, c_end, False)
