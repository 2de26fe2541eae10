"""Find casualty claims in one sentence of English news copy, with regular patterns only.

Each pattern family answers "who was killed / wounded / captured / missing, and how many":
- subject + participle ("seven fighters were killed and 12 wounded", "17 dead", "N people died");
- verb + object ("killed 50 Russians and 10 soldiers", "killing or arresting at least 15 fighters",
  "lost three of its own fighters", "the deaths of 10 rebels");
- bodies and corpses ("videos of numerous corpses of soldiers");
- no survivors ("none of those on board survived");
- "X was among the casualties / prisoners";
- losses and casualties with a named sufferer ("the army suffered heavy losses", "casualties among
  X");
- a death toll ("the death toll rose to 41", "the toll from the blast has risen to 31");
- people on board a craft that vanished ("carrying 239 passengers, disappeared");
- hostage-taking ("took 30 hostages");
- a figure of a tally noun ("resulted in 5 fatalities", "3 deaths and 40 injuries");
- a part of a group with a known fate ("Four of the dead were police officers");
- a part named after "including" ("killed 12 people, including three children"), which takes the
  outcome of the claim before it.
A figure counts only when it is attached to people (a people noun, a demonym or a pronoun), so
"killed two birds", "five targets were dealt with", dates and years never make a claim.
The vocabulary and the phrase helpers live in ``extract.casualty_words``. Pure functions over a
sentence string; offsets are relative to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.casualty_words import (
    CAPTURED,
    FINITE,
    HEDGE,
    KILLED,
    LEFT_CONTEXT,
    MISSING,
    NEGATED,
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
from extract.numbers import find_count_phrases
from schemas import Count, Outcome


_PARTICIPLE = rf"(?:{KILLED}|{WOUNDED}|{CAPTURED}|{MISSING})"
_PASSIVE_RE = re.compile(rf"\b(?P<first>{_PARTICIPLE})(?:\s+(?:and|or|and/or)\s+(?P<second>{_PARTICIPLE}))?\b", re.I)
_INTRANSITIVE = re.compile(r"died|perished|drowned|suffocated|surrendered|lost\s+their\s+lives", re.I)
_NEEDS_COUNT_OR_AUX = re.compile(r"taken|neutrali[sz]ed|killed|slain|dead|executed|massacred|murdered|wounded|injured|hurt|maimed|hospitali[sz]ed|captured|arrested|detained|abducted|kidnapped|missing", re.I)


_ACTIVE_VERB = r"neutrali[sz](?:ed|ing|es)|kill(?:ed|ing|s)?|wound(?:ed|ing|s)?|injur(?:ed|ing|es)|captur(?:ed|ing|es)|arrest(?:ed|ing|s)?|abduct(?:ed|ing|s)?|kidnapp(?:ed|ing)|detain(?:ed|ing|s)?|execut(?:ed|ing|es)|massacr(?:ed|ing|es)|murder(?:ed|ing|s)?|lost|los(?:ing|es)|loss\s+of|deaths?\s+of|seiz(?:ed|ing)|(?:claim|tak|cost)(?:ed|ing|es|s)?\s+the\s+lives\s+of|took\s+the\s+lives\s+of"
_ACTIVE_RE = re.compile(
    rf"\b(?P<first>{_ACTIVE_VERB})(?:\s+(?:and|or)\s+(?P<second>{_ACTIVE_VERB}))?[\"\u201d\u2019]?\s+(?=\S)", re.I
)

# What may stand between a subject and its participle: auxiliaries, hedges, adverbs.
_AUX_TAIL = re.compile(
    r"(?:\b(?:were|was|are|is|be|been|being|had|have|has|got|gotten|get|may|might|could|would|will|must|"
    r"reportedly|allegedly|now|also|all|still|later|presumed|believed|thought|feared|said|reported|"
    r"confirmed|estimated|to|most|likely|probably|apparently|remain|remained|remains|went|go|gone|"
    r"feared|\w+ly)\b[\s,]*)+$",
    re.I,
)
_REAL_AUX = re.compile(r"\b(?:were|was|are|is|be|been|had|have|has|got|remain(?:ed|s)?|went|gone)\b", re.I)


@dataclass(frozen=True)
class RawClaim:
    """A claim found in a sentence, before claimant and evidence are attached."""

    outcome: Outcome
    victims: str
    count: Count
    start: int  # the figure (or trigger) within the sentence, for de-duplication
    end: int
    hedged: bool


def find_claims(sentence: str) -> list[RawClaim]:
    """Every casualty claim the patterns find in ``sentence``, de-duplicated."""
    counts = find_count_phrases(sentence)
    hedged = bool(HEDGE.search(sentence))
    found: list[RawClaim] = []
    active_spans: list[tuple[int, int]] = []
    for finder in (_active_claims, _death_toll_claims, _passive_claims, _body_claims, _survivor_claims, _among_claims,
                   _loss_claims, _aboard_missing_claims, _hostage_claims, _tally_claims, _part_of_claims):
        for claim in finder(sentence, counts, active_spans):
            found.append(RawClaim(claim.outcome, claim.victims, claim.count, claim.start, claim.end, hedged))
    found.extend(_including_claims(sentence, counts, found))
    return _dedupe(found)


def _dedupe(claims: list[RawClaim]) -> list[RawClaim]:
    """Drop a claim whose span overlaps an earlier one with the same (or a covering) outcome:
    two families may read the same words."""
    kept: list[RawClaim] = []
    for claim in claims:
        clash = any(
            k.start < claim.end and claim.start < k.end and (k.outcome == claim.outcome or k.outcome.parts() >= claim.outcome.parts())
            for k in kept
        )
        if not clash:
            kept.append(claim)
    return kept


def _count_at(counts, start: int):
    """The figure that begins at ``start`` (an opening quote and a space allowed before it), or None."""
    for c_start, c_end, count in counts:
        if start <= c_start <= start + 2:
            return c_start, c_end, count
    return None


def _active_claims(sentence, counts, active_spans):
    """'killed 50 Russians and 10 soldiers', 'killing or arresting at least 15 fighters'."""
    for verb in _ACTIVE_RE.finditer(sentence):
        if NEGATED.search(sentence[max(0, verb.start() - 40) : verb.start()]):
            continue
        outcome = combine(verb.group("first"), verb.group("second"))
        position = verb.end()
        everyone = re.match(r"(everyone|everybody)(?:\s+else)?(?:\s+(?:aboard|on\s+board|onboard))?", sentence[position:], re.I)
        if everyone and outcome is Outcome.killed:
            text = everyone.group(0)
            yield RawClaim(outcome, text, Count(text=text, vague=True), position, position + len(text), False)
            active_spans.append((verb.start(), position + len(text)))
            continue
        while True:
            figure = _count_at(counts, position) or _single_person_at(sentence, position)
            if figure is None:
                break
            c_start, c_end, count = figure
            np, np_end = object_np(sentence, c_end)
            if np.strip():
                if not head_mentions_people(np):
                    break  # "killed two birds", "the loss of several districts"
                if verb.group("first").lower().startswith("los") and re.search(r"\sto\s", np):
                    break  # "lost 40 employees to rivals" is no death
            elif verb.group("first").lower().startswith(("los", "death")):
                break  # "killed 12." names people; "lost 12." need not
            victims = clean_np(np) or "people"
            yield RawClaim(outcome, victims, count, c_start, c_end, False)
            active_spans.append((verb.start(), np_end))
            more = re.match(r"\s+and\s+", sentence[np_end:])
            if not more:
                break
            position = np_end + more.end()


_SINGLE_PERSON = re.compile(r"(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?P<noun>[a-z]+)\b", re.I)
# Singular-looking nouns that name a group ("killed the police" is no figure of one).
_COLLECTIVE = frozenset("police staff crew personnel family youth them others militia".split())


def _single_person_at(sentence: str, position: int):
    """'killed a policeman', 'killed the driver': one person, as a figure (start, end, Count)."""
    match = _SINGLE_PERSON.match(sentence, position)
    noun = match.group("noun").lower() if match else ""
    if noun not in PEOPLE_NOUNS or noun.endswith("s") or noun in _COLLECTIVE:
        return None
    text = sentence[match.start(): match.start("noun")].strip()
    return match.start(), match.start() + len(text), Count(min=1, max=1, text=text)


_DEATH_TOLL = re.compile(
    r"\b(?:death\s+toll|toll\s+of\s+(?:the\s+)?dead|number\s+of\s+(?:the\s+)?(?:confirmed\s+)?(?:dead|deaths|fatalities))\s+(?:has\s+|had\s+)?"
    r"(?:rose|risen|climbed|reached|stood|stands|was|is|jumped|increased|hit)?\s*(?:to|at|of)?\s*"
    r"|\b(?:bringing|raising|pushing|taking)\s+the\s+(?:death\s+)?toll\s+to\s+"
    r"|\btoll\s+(?:(?:from|in|of)\s+[^,.;:]{1,50}?\s+)?(?:has\s+|had\s+)?(?:rose|risen|climbed|reached|stood|stands|jumped|increased)\s+(?:to|at)\s+"
    r"|\bnumber\s+of\s+(?:people|those|civilians)\s+killed\b[^,.;:]{0,60}?\s(?:has\s+|had\s+)?"
    r"(?:rose|risen|climbed|reached|stood|stands|jumped|increased)\s+(?:to\s+|at\s+)?",
    re.I,
)


def _death_toll_claims(sentence, counts, active_spans):
    """'the death toll rose to 41': 41 killed."""
    for match in _DEATH_TOLL.finditer(sentence):
        figure = _count_at(counts, match.end())
        if figure is None:
            continue
        c_start, c_end, count = figure
        np, _ = object_np(sentence, c_end)
        victims = clean_np(np) if head_mentions_people(np) else "people"
        yield RawClaim(Outcome.killed, victims, count, c_start, c_end, False)


# An aside between a subject and its verb: ", including a child," / ", most of them women,".
_ASIDE = re.compile(r",\s*(?:including|among\s+them|(?:most|many|all)\s+of\s+them|mostly)\b[^,;]*,\s*$", re.I)


def _passive_claims(sentence, counts, active_spans):
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
        if not has_aux and _modifies_a_thing(sentence, trig.end()):
            continue  # "two dead batteries": an adjective on a thing, not a fate
        outcome = combine(trig.group("first"), trig.group("second"))
        claim = _counted_subject(sentence, counts, subject_end, outcome)
        if claim is None:
            claim = _uncounted_subject(sentence, subject_end, outcome, has_aux, trig.group("first"))
        if claim is None or (trig.group("first").lower() == "taken" and not re.search(r"prisoner|hostage|captive", claim.victims, re.I)):
            continue
        yield from _split_coordinated_subject(sentence, counts, claim, subject_end)
        yield from _coordinated_figures(sentence, counts, trig.end(), claim.victims)


def _split_coordinated_subject(sentence, counts, claim, subject_end):
    """'Five soldiers and two civilians were killed': one claim per figure in the subject."""
    joined = re.match(r"\s*(?P<head>[^\d,;]{1,60}?)\s+and\s+", sentence[claim.end : subject_end])
    figure = None
    if joined and mentions_people(joined.group("head")):
        at = claim.end + joined.end()
        figure = _count_at(counts, at) or _single_person_at(sentence, at)
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
    r"including|among|according|until|amid|following|because|due|were|was|are|is|had|have|has|\w+ly)$",
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


def _counted_subject(sentence, counts, subject_end, outcome):
    window_start, _ = subject_window(sentence, subject_end)
    for c_start, c_end, count in counts:
        if c_start < window_start or c_end > subject_end:
            continue
        np = sentence[c_end:subject_end]
        if len(np.split()) > 14 or FINITE.search(np) or _ENDED_CLAUSE.search(np):
            continue  # "17 people died and 40 were injured": 40 is the subject, not 17
        if _MORE.fullmatch(np):
            np = ""  # "five more are feared dead"
        if np.strip(" \"\u201c\u201d") and not head_mentions_people(np):
            continue
        victims = clean_np(np) or (count.text.lower() if count.vague else "people")
        return RawClaim(outcome, victims, count, c_start, c_end, False)
    return None


def _uncounted_subject(sentence, subject_end, outcome, has_aux, trigger):
    """'prisoners were taken', 'Others have surrendered', 'they were killed', 'his brother is missing'."""
    if not has_aux and (_NEEDS_COUNT_OR_AUX.fullmatch(trigger.lower()) or not _INTRANSITIVE.fullmatch(trigger.lower())):
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
    if re.match(r"(?:how|what|which|whether|if|why|when)\b", np, re.I):
        return None  # "said how many civilians died" asks, it does not claim
    if re.match(r"(?:no|any|none|neither|nobody)\b", np, re.I):
        return None  # "no soldiers were killed": a denial, not a figure
    if not np or len(np.split()) > 14 or not head_mentions_people(np) or FINITE.search(np):
        return None
    singular = re.match(r"(?:a|an|one|his|her|the|their|its|our|my)\s+(?:[\w-]+\s+){0,3}\w+$", np, re.I) and not np.lower().endswith("s")
    count = Count(min=1, max=1, text=np) if singular else Count(text=np, vague=True)
    return RawClaim(outcome, np, count, subject_end - len(np), subject_end, False)


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
    figure = _count_at(counts, fig_start)
    if figure is None or figure[1] != position + more.end("fig"):
        return
    c_start, c_end, count = figure
    yield RawClaim(outcome_of(more.group("trig")), victims, count, c_start, c_end, False)


_BODIES_RE = re.compile(r"\b(?P<noun>bodies|corpses|remains)\b", re.I)
_BODY_CONTEXT = re.compile(
    r"\b(?:show|shows|showing|showed|shown|found|recovered|saw|seen|retrieved|collected|buried|identified|"
    r"of|with|depicting|depicted|filmed)\s*$",
    re.I,
)


def _body_claims(sentence, counts, active_spans):
    """'videos of numerous corpses of soldiers', 'footage appeared to show bodies in uniforms'."""
    for noun in _BODIES_RE.finditer(sentence):
        if noun.group("noun").lower() == "remains" and not re.match(r"\s+of\b", sentence[noun.end():]):
            continue
        before = sentence[max(0, noun.start() - 60) : noun.start()]
        figure = next(((s, e, c) for s, e, c in counts if 0 <= noun.start() - e <= 4), None)
        lead_end = figure[0] if figure else noun.start()
        if figure is None and not (_BODY_CONTEXT.search(before.rstrip()) or re.match(r"\s+(?:of|lying|in)\b", sentence[noun.end():])):
            continue
        if figure is None and re.search(r"\b(?:governing|international|regulatory|public|advisory|official|local|celestial)\s*$", before, re.I):
            continue
        rest = re.match(r"[^,.;:!?\"\u201c\u201d]*", sentence[noun.end():]).group(0)
        rest = re.split(r"\b(?:were|was|are|is|had|have|has)\b", rest)[0]
        victims = clean_np(sentence[noun.start(): noun.end()] + " ".join(rest.split()[:12]).join("  "))
        count = figure[2] if figure else Count(text=noun.group("noun"), vague=True)
        yield RawClaim(Outcome.killed, victims, count, lead_end, noun.end(), False)


_SURVIVORS_RE = re.compile(
    r"\bno\s+survivors\b|\bnone\s+of\s+(?:the\s+|those\s+)?(?:[\w-]+\s+){0,4}?survived\b|"
    r"\b(?:no\s*one|nobody)\s+(?:[\w-]+\s+){0,5}?survived\b|\bno\s+one\s+(?:was\s+)?left\s+alive\b|"
    r"\bwith\s+all\s+(?:\d[\d,]*\s+)?(?:(?:hands|aboard|on\s+board|passengers|crew)\s+)?(?:lost|dead|killed)\b",
    re.I,
)


def _survivor_claims(sentence, counts, active_spans):
    """'there were no survivors', 'none of those on board survived', 'sank with all hands lost':
    everyone was killed."""
    for match in _SURVIVORS_RE.finditer(sentence):
        victims = "those on board" if re.search(r"on\s+board|aboard|onboard", match.group(0), re.I) else "everyone"
        inner = [c for s, e, c in counts if match.start() <= s and e <= match.end() and not c.vague and c.text.lower() != "one"]
        count = Count(min=inner[0].min, max=inner[0].max, text=match.group(0)) if inner else Count(text=match.group(0), vague=True)
        yield RawClaim(Outcome.killed, victims, count, match.start(), match.end(), False)


_AMONG_RE = re.compile(
    r"\b(?P<verb>was|were|is|are)\s+(?:\w+\s+)?among\s+(?:the|those)\s+(?P<noun>casualties|dead|killed|victims|wounded|injured|"
    r"prisoners|captives|hostages|missing|detained|arrested|abducted|kidnapped|hurt)\b",
    re.I,
)
_AMONG_OUTCOME = {
    "casualties": Outcome.casualties, "dead": Outcome.killed, "killed": Outcome.killed, "victims": Outcome.killed,
    "wounded": Outcome.wounded, "injured": Outcome.wounded, "hurt": Outcome.wounded, "missing": Outcome.missing,
}
_AMONG_FIRST_RE = re.compile(
    r"\bamong\s+the\s+(?P<noun>casualties|dead|killed|victims|wounded|injured|prisoners|captives|hostages|missing)"
    r"\s+(?:were|was|are|is)\s+",
    re.I,
)


def _among_claims(sentence, counts, active_spans):
    """'X was among the casualties' and 'Among the dead were X'."""
    yield from _among_after(sentence, counts)
    yield from _among_before(sentence, counts)


def _among_before(sentence, counts):
    """'Among the dead were three children': the figure follows."""
    for match in _AMONG_FIRST_RE.finditer(sentence):
        outcome = _AMONG_OUTCOME.get(match.group("noun").lower(), Outcome.captured)
        figure = _count_at(counts, match.end()) or _single_person_at(sentence, match.end())
        if figure is None:
            continue
        c_start, c_end, count = figure
        np, _ = object_np(sentence, c_end)
        if head_mentions_people(np):
            yield RawClaim(outcome, clean_np(np), count, c_start, c_end, False)


def _among_after(sentence, counts):
    """'the commander, Sergei X, was among the casualties', 'soldiers are visible among the prisoners'."""
    for match in _AMONG_RE.finditer(sentence):
        left = sentence[max(0, match.start() - LEFT_CONTEXT) : match.start()]
        start = 0
        for breaker in re.finditer(r"[;:]|\b(?:that|said|says|confirmed|reported|added)\b", left):
            start = breaker.end()
        np = clean_np(re.sub(r"^\s*(?:in|on|at|during|after|before)\b[^,]*,\s*", "", left[start:], flags=re.I))
        start += max(0, match.start() - LEFT_CONTEXT)
        if not np or len(np.split()) > 15:
            continue
        outcome = _AMONG_OUTCOME.get(match.group("noun").lower(), Outcome.captured)
        inner = find_count_phrases(np)
        if inner:
            count = inner[0][2]
        elif match.group("verb").lower() in ("was", "is"):
            count = Count(min=1, max=1, text=np)
        else:
            count = Count(text=np, vague=True)
        yield RawClaim(outcome, np, count, start, match.end(), False)


_LOSS_RE = re.compile(
    r"\b(?P<verb>suffered|sustained|reported|acknowledged|admitted|confirmed|incurred|endured|took)\s+"
    r"(?P<mid>(?:[\w'\u2019-]+\s+){0,5}?)(?P<words>(?:(?:significant|heavy|major|severe|substantial|serious|"
    r"considerable|huge|massive|light|some|many|few|its|their|his|her|several|unspecified|own)\s+)*(?:losses|casualties))\b",
    re.I,
)
_AMONG_CASUALTIES_RE = re.compile(
    r"\b(?P<words>(?:(?:significant|heavy|major|severe|substantial|serious|considerable|huge|massive|light|"
    r"many|numerous)\s+)*casualties)\s+among\s+",
    re.I,
)


def _loss_claims(sentence, counts, active_spans):
    """'the army suffered heavy losses', 'resulted in significant casualties among X'."""
    for match in _LOSS_RE.finditer(sentence):
        if NEGATED.search(sentence[max(0, match.start() - 40) : match.start()]):
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


_VANISHED = re.compile(r"\b(?:vanished|disappeared|went\s+missing|missing)\b", re.I)


def _aboard_missing_claims(sentence, counts, active_spans):
    """'a flight carrying 239 passengers which vanished': those on board are missing."""
    if not _VANISHED.search(sentence):
        return
    for c_start, c_end, count in counts:
        if count.vague:
            continue
        after = sentence[c_end : c_end + 60]
        head = re.match(r"\s+(?:of\s+the\s+\S+\s+)?((?:[\w-]+\s+){0,2}?(?:[\w-]+))", after)
        if not head or not mentions_people(head.group(1)):
            continue
        carried = re.search(r"\b(?:carrying|with)\s+$", sentence[:c_start])
        aboard = re.search(r"\b(?:on\s+board|aboard|onboard)\b", after)
        if carried or aboard:
            yield RawClaim(Outcome.missing, clean_np(head.group(1)), count, c_start, c_end, False)


_HOSTAGE_TAKING = re.compile(r"\b(?:took|take|takes|taking|taken|seized|seizing|holding|held|captured|capturing)\s+(?=\S)", re.I)
_CAPTIVES = re.compile(r"\s*(?:of\s+)?(?:[\w-]+\s+){0,2}?(?:hostages?|prisoners?|captives?)\b", re.I)


def _hostage_claims(sentence, counts, active_spans):
    """'took 30 hostages', 'holding dozens of prisoners': people taken captive."""
    for verb in _HOSTAGE_TAKING.finditer(sentence):
        figure = _count_at(counts, verb.end()) or _single_person_at(sentence, verb.end())
        if figure is None:
            continue
        c_start, c_end, count = figure
        np, _ = object_np(sentence, c_end)
        if _CAPTIVES.match(np):
            yield RawClaim(Outcome.captured, clean_np(np), count, c_start, c_end, False)


_TALLY_NOUN = re.compile(
    r"\s+(?:of\s+)?(?:(?:civilian|confirmed|reported|more|other|further|new|additional)\s+)?"
    r"(?P<noun>fatalities|deaths|casualties|injuries)\b",
    re.I,
)
_TALLY_OUTCOME = {"fatalities": Outcome.killed, "deaths": Outcome.killed, "casualties": Outcome.casualties,
                  "injuries": Outcome.wounded}


def _tally_claims(sentence, counts, active_spans):
    """'resulted in 5 fatalities', '12 deaths': a figure of a tally noun. A vague word ("numerous
    casualties") names no figure and no sufferer, so it is left out."""
    for c_start, c_end, count in counts:
        noun = _TALLY_NOUN.match(sentence, c_end)
        if noun is None or count.vague or re.search(r"\b(?:no|zero)\s*$", sentence[max(0, c_start - 5) : c_start], re.I):
            continue
        outcome = _TALLY_OUTCOME[noun.group("noun").lower()]
        yield RawClaim(outcome, "people", count, c_start, c_end, False)


_INCLUDING = re.compile(r"\b(?:including|among\s+them|among\s+whom)\s+", re.I)


def _including_claims(sentence, counts, found):
    """'killed 12 people, including three children': the named part shares the outcome of the
    claim before it."""
    for match in _INCLUDING.finditer(sentence):
        before = [c for c in found if c.start < match.start()]
        figure = _count_at(counts, match.end()) or _single_person_at(sentence, match.end())
        if not before or figure is None:
            continue
        c_start, c_end, count = figure
        np, _ = object_np(sentence, c_end)
        if np.strip() and head_mentions_people(np):
            outcome = max(before, key=lambda c: c.start).outcome
            yield RawClaim(outcome, clean_np(np), count, c_start, c_end, before[0].hedged)


_PART_OF = re.compile(r"\s+of\s+the\s+(?P<noun>dead|killed|victims|wounded|injured|missing)\b", re.I)


def _part_of_claims(sentence, counts, active_spans):
    """'Four of the dead were police officers': a figure out of a group with a known fate."""
    for c_start, c_end, count in counts:
        part = _PART_OF.match(sentence, c_end)
        if part is None:
            continue
        outcome = _AMONG_OUTCOME.get(part.group("noun").lower(), Outcome.captured)
        predicate = re.match(r"\s+(?:were|was|are|is)\s+", sentence[part.end():])
        victims = part.group(0).strip()[len("of "):]
        if predicate:
            np, _ = object_np(sentence, part.end() + predicate.end())
            if head_mentions_people(np):
                victims = clean_np(np)
        yield RawClaim(outcome, victims, count, c_start, part.end(), False)
