"""A part of a group with a known fate: "X was among the casualties", "Among the dead were three
children", "Four of the dead were police officers", "Eight of the bodies were found at X", and a
part named after "including" ("killed 12 people, including three children"), which takes the
outcome of the claim before it; a figure set beside a claim (an earlier or a rival count of the
same victims).
"""

from __future__ import annotations

import re

from extract.offline.casualty_patterns.raw_claim import RawClaim, count_at, kin_group_count, single_person_at
from extract.text.casualty_words import (
    KILLED,
    LEFT_CONTEXT,
    PEOPLE_NOUNS,
    WOUNDED,
    clean_np,
    head_mentions_people,
    object_np,
)
from extract.text.claimants import speaker_phrase
from extract.text.numbers import find_count_phrases
from schemas import Count, Outcome

_AMONG_RE = re.compile(
    r"\b(?P<verb>was|were|is|are)\s+(?:\w+\s+){0,3}?among\s+(?:the|those)\s+(?P<noun>casualties|dead|killed|victims|wounded|injured|"
    r"prisoners|captives|hostages|missing|detained|arrested|abducted|kidnapped|hurt|patients)\b",
    re.I,
)
_AMONG_OUTCOME = {
    "casualties": Outcome.casualties, "dead": Outcome.killed, "killed": Outcome.killed, "victims": Outcome.killed,
    "wounded": Outcome.wounded, "injured": Outcome.wounded, "hurt": Outcome.wounded, "missing": Outcome.missing,
    "deaths": Outcome.killed, "fatalities": Outcome.killed, "patients": Outcome.wounded, "bodies": Outcome.killed,
}
_AMONG_FIRST_RE = re.compile(
    r"\bamong\s+the\s+(?P<noun>casualties|dead|killed|victims|wounded|injured|prisoners|captives|hostages|missing)"
    r"\s+(?:were|was|are|is)\s+",
    re.I,
)


def among_claims(sentence, counts, active_spans):
    """'X was among the casualties' and 'Among the dead were X'."""
    yield from _among_after(sentence, counts)
    yield from _among_before(sentence, counts)


def _among_before(sentence, counts):
    """'Among the dead were three children': the figure follows."""
    for match in _AMONG_FIRST_RE.finditer(sentence):
        outcome = _AMONG_OUTCOME.get(match.group("noun").lower(), Outcome.captured)
        figure = count_at(counts, match.end()) or single_person_at(sentence, match.end())
        if figure is None:
            continue
        c_start, c_end, count = figure
        np, _ = object_np(sentence, c_end)
        if head_mentions_people(np):
            yield RawClaim(outcome, clean_np(np), count, c_start, c_end, False)


# A fear or a doubt names no victim: "families fear that their sons are among the dead".
_FEARED = re.compile(r"\b(?:fear\w*|worr\w*|afraid|hop(?:e|es|ed|ing)|wonder\w*|whether|if|unsure|unclear)(?:\s+that)?\s*$", re.I)


def _among_after(sentence, counts):
    """'the commander, Sergei X, was among the casualties', 'soldiers are visible among the prisoners'."""
    for match in _AMONG_RE.finditer(sentence):
        left = sentence[max(0, match.start() - LEFT_CONTEXT) : match.start()]
        start = 0
        for breaker in re.finditer(r"[;:]|\b(?:that|said|says|confirmed|reported|added|whether|if)\b", left):
            start = breaker.end()
        np = clean_np(re.sub(r"^\s*(?:in|on|at|during|after|before)\b[^,]*,\s*", "", left[start:], flags=re.I))
        start += max(0, match.start() - LEFT_CONTEXT)
        if not np or len(np.split()) > 15 or _FEARED.search(sentence, max(0, start - 40), start):
            continue
        np = re.split(r"\s+(?:who|whom|which)\s", np)[0]  # "Four players who had won in Karsk": four players
        outcome = _AMONG_OUTCOME.get(match.group("noun").lower(), Outcome.captured)
        inner = find_count_phrases(np)
        kin = kin_group_count(np) if " and " in np else None
        if kin is not None:
            count = kin  # "A woman and her two daughters were among the dead": three people
        elif inner:
            count = inner[0][2]
        elif match.group("verb").lower() in ("was", "is"):
            count = Count(min=1, max=1, text=np)
        else:
            count = Count(text=np, vague=True)
        yield RawClaim(outcome, np, count, start, match.end(), False)


_INCLUDING = re.compile(r"\b(?:including|among\s+them|among\s+whom)\s+", re.I)


def including_claims(sentence, counts, found):
    """'killed 12 people, including three children': the named part shares the outcome of the
    claim before it."""
    for match in _INCLUDING.finditer(sentence):
        before = [c for c in found if c.start < match.start()]
        figure = count_at(counts, match.end()) or single_person_at(sentence, match.end())
        if not before or figure is None:
            continue
        c_start, c_end, count = figure
        np, _ = object_np(sentence, c_end)
        if np.strip() and head_mentions_people(np):
            outcome = max(before, key=lambda c: c.start).outcome
            yield RawClaim(outcome, clean_np(np), count, c_start, c_end, before[0].hedged)


# A figure set beside the sentence's claim: an earlier one ("80 Vemarese were on board, up from an
# earlier estimate from the airline of at least 60", "..., revising an earlier figure of 14") or a
# rival one ("20 victims, a figure far lower than the 38 cited by the government"). It counts the
# same victims with the same outcome; "from X"/"by X" names who gave it.
_EARLIER_FIGURE = re.compile(
    r"\b(?:(?:up|down)\s+from|revising|revised|correcting|corrected|replacing|compared\s+(?:with|to))\s+"
    r"(?:an?|the|its|their|his|her)\s+(?:(?:earlier|previous|initial|original|prior|first|preliminary|provisional)\s+)+"
    r"(?:estimate|figure|count|toll|tally|total|number)"
    r"(?:\s+(?:from|by)\s+(?P<by>[^,;:.()\d]{1,50}?))?\s+of\s+",
    re.I,
)
_EARLIER_WORDS = ("earlier", "previous", "initial", "original", "prior", "first", "preliminary", "provisional")
_RIVAL_FIGURE = re.compile(
    r"\b(?:(?:far|much|well|slightly|significantly|considerably|substantially)\s+)?"
    r"(?:lower|higher|fewer|more|greater|less|smaller|larger|bigger)\s+than\s+the\s+",
    re.I,
)
_CITED_BY = re.compile(
    r"\s+(?:(?:people|victims|deaths|dead)\s+)?(?:(?:previously|earlier|initially)\s+)?"
    r"(?:cited|given|reported|claimed|announced|released|stated|quoted|published|counted|recorded)\s+by\s+"
    r"(?P<by>[^,;:.()\d]{1,60}?)(?=\s*(?:[,;:.()]|$|\s(?:on|in|at|last|this|earlier|and|but|while)\b))",
    re.I,
)


def compared_claims(sentence, counts, found):
    """'up from an earlier estimate of at least 60', 'a figure far lower than the 38 cited by the
    government': the figure another count (earlier, or another claimant's) gave for the victims
    of the claim before it."""
    low = sentence.lower()  # the words each form needs, found as substrings first: cheap
    earlier = any(word in low for word in _EARLIER_WORDS)
    for match in _EARLIER_FIGURE.finditer(sentence) if earlier else ():
        figure = count_at(counts, match.end())
        np = object_np(sentence, figure[1])[0].strip() if figure else ""
        if np and not head_mentions_people(np) and not re.match(r"(?:deaths|dead|victims)\b", np):
            continue  # "an earlier estimate of 40 buildings"
        yield from _compared(found, match, figure, match.group("by"))
    for match in _RIVAL_FIGURE.finditer(sentence) if " than the " in low else ():
        figure = count_at(counts, match.end())
        cited = _CITED_BY.match(sentence, figure[1]) if figure else None
        if cited is not None:  # without "cited by X" "more than the 38" may be anything
            yield from _compared(found, match, figure, cited.group("by"))


def _compared(found, match, figure, by):
    before = [c for c in found if c.end <= match.start()]
    if not before or figure is None or figure[2].vague:
        return
    c_start, c_end, count = figure
    claim = max(before, key=lambda c: c.start)
    claimant = speaker_phrase(by.strip()) if by else None
    # the sentence's hedge ("estimated there had been 20") is its own claimant's, not the other's
    yield RawClaim(claim.outcome, claim.victims, count, c_start, c_end, claim.hedged and not claimant, claimant)


_PART_OF = re.compile(
    r"\s+of\s+(?:the|those)\s+(?P<noun>dead|killed|victims|wounded|injured|missing|deaths|fatalities|hurt|bodies|"
    r"(?:rushed|taken)\s+to\s+(?:[\w-]+\s+)?hospitals?)\b",
    re.I,
)


_ALL_BUT = re.compile(r"\ball\s+(?:but|except)\s+$", re.I)


def part_of_claims(sentence, counts, active_spans):
    """'Four of the dead were police officers': a figure out of a group with a known fate."""
    if not _PART_OF.search(sentence):
        return  # no group to be a part of: the figures need not be read
    for c_start, c_end, count in counts:
        part = _PART_OF.match(sentence, c_end)
        if part is None:
            continue
        noun = part.group("noun").lower()
        outcome = Outcome.wounded if "hospital" in noun else _AMONG_OUTCOME.get(noun, Outcome.captured)
        if _ALL_BUT.search(sentence, max(0, c_start - 12), c_start):
            continue  # "All but four of the bodies were children": the four are the others, unnamed
        predicate = re.match(r"\s+(?:were|was|are|is)\s+", sentence[part.end():])
        victims = part.group(0).strip()[len("of "):]
        if predicate:
            np, _ = object_np(sentence, part.end() + predicate.end())
            if head_mentions_people(np):
                victims = clean_np(np)
        yield RawClaim(outcome, victims, count, c_start, part.end(), False)




# A place after a figure: "in Karsk", "in the state of Vemar", "in neighbouring Ostrava province".
_PLACE = r"\s+(?:in|at)\s+(?:[a-z]+\s+){0,3}[A-Z]"
_FIRST_PLACE = re.compile(_PLACE)
_GAPPED_ITEM = re.compile(rf"(?:{_PLACE}[^,;:.!?]*?)(?=,|\s+and\s+|[;:.!?\u2013\u2014]|$)")
_GAPPED_SEPARATOR = re.compile(r"\s*(?:,\s*and|,|and)\s+")


def gapped_claims(sentence, counts, found):
    """'93 people died in Karsk, 69 in Ostrava, 4 in Vemar and one in Tull': the figures after
    the first one share its verb and its victims, each with a place of its own (a verb left out
    in the list, as English does). The first claim must name a place itself, so that a list of
    places is read only where the sentence is one."""
    for claim in found:
        if claim.count.vague:
            continue
        clause = re.match(r"[^,;:\u2013\u2014]*", sentence[claim.end :]).group(0)
        if not _FIRST_PLACE.search(clause):
            continue
        position = claim.end + len(clause)
        while separator := _GAPPED_SEPARATOR.match(sentence, position):
            figure = count_at(counts, separator.end())
            if figure is None or figure[2].vague:
                break
            c_start, c_end, count = figure
            item = _GAPPED_ITEM.match(sentence, c_end)
            if item is None:
                break  # "..., 732 died in Vemar": a claim of its own, found by its own family
            yield RawClaim(claim.outcome, claim.victims, count, c_start, c_end, claim.hedged)
            position = item.end()


# A distributive "each" over a list of places or countries: "two victims each from Ardenia, Brelia
# and Tull", "One victim each came from Vemar and Karsk", "Ardenia, Brelia and Tull each lost at
# least one of their nationals". One claim per item of the list, with the same figure.
_NAME = r"(?:the\s+)?[A-Z][\w.'\u2019-]*(?:\s+(?:of\s+)?[A-Z][\w.'\u2019-]*)*"
_LIST_SEPARATOR = r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)"
_NAME_LIST = rf"{_NAME}(?:{_LIST_SEPARATOR}{_NAME})+"
_EACH_FROM = re.compile(
    r"\s+(?:[\w-]+\s+)?(?P<noun>victims?|dead|deaths|fatalities|people|persons|nationals|citizens|passengers)\s+each\s+"
    rf"(?:(?:came|were|was|is|are)\s+)?(?:from|of)\s+(?P<list>{_NAME_LIST})"
)
_EACH_LOST = re.compile(rf"(?<![\w,]\s)(?<!\w)(?P<list>{_NAME_LIST})\s+each\s+(?:lost|mourned)\s+")
_LIST_ITEM = re.compile(_NAME)
_DEATH_NOUNS = frozenset({"victim", "victims", "dead", "deaths", "fatalities"})
_FATE_WORD = re.compile(rf"\b(?:{KILLED}|lost)\b", re.I)
_HURT_WORD = re.compile(rf"\b(?:{WOUNDED})\b", re.I)


def _items(sentence: str, match: re.Match):
    """Each name of the list group, as (start, end, name)."""
    for item in _LIST_ITEM.finditer(sentence, match.start("list"), match.end("list")):
        name = re.sub(r"\.$", "", item.group(0)) if not re.search(r"\.\w\.$", item.group(0)) else item.group(0)
        yield item.start(), item.start() + len(name), name


def each_claims(sentence, counts):
    """Pairs of (the figure's span, a claim on one item of the list):
    'two victims each from Ardenia, Brelia and Tull': two killed from each; 'Ardenia and Brelia
    each lost at least one of their nationals': at least one killed from each. Victims counted as
    "people" or "nationals" need a fate word in the sentence ("died", "injured")."""
    for c_start, c_end, count in counts:
        match = _EACH_FROM.match(sentence, c_end)
        if match is None or count.vague:
            continue
        noun = match.group("noun").lower()
        if noun in _DEATH_NOUNS or _FATE_WORD.search(sentence):
            outcome = Outcome.killed
        elif _HURT_WORD.search(sentence):
            outcome = Outcome.wounded
        else:
            continue
        for start, end, name in _items(sentence, match):
            yield (c_start, c_end), RawClaim(outcome, f"{noun} from {name}", count, start, end, False)
    for match in _EACH_LOST.finditer(sentence):
        figure = count_at(counts, match.end())
        if figure is None or figure[2].vague:
            continue
        np, _ = object_np(sentence, figure[1])
        if not head_mentions_people(np):
            continue  # "each lost two matches"
        noun = clean_np(np)
        noun = re.sub(r"^(?:their|its|his|her)\s+(?:own\s+)?", "", noun)
        for start, end, name in _items(sentence, match):
            yield (figure[0], figure[1]), RawClaim(Outcome.killed, f"{noun} of {name}", figure[2], start, end, False)


# The dead counted as victims: "identified 49 Vemarese victims", "there had been 35 victims",
# "All 22 victims of the attack have been named". A victim named or identified is one of the dead.
_VICTIM_NOUN = re.compile(r"\s+(?:[A-Za-z][\w-]*\s+)?victim(?:s|['\u2019]s|s['\u2019])(?!\w)")
_COUNTING_VERB = re.compile(
    r"\b(?:identified|named|counted|confirmed|buried|mourned|there\s+(?:were|had\s+been|have\s+been|are))\s+$", re.I
)
_NAMED_AFTER = re.compile(r"[^.;:!?]{0,60}?\b(?:have|has|had)\s+(?:now\s+|all\s+)?been\s+(?:named|identified)\b", re.I)
# "The victims include 16 pupils and their two teachers": parts of the dead.
_VICTIMS_INCLUDE = re.compile(
    r"\b(?:victims|dead)\s+(?:(?:confirmed|identified|named)\s+(?:[\w-]+\s+){0,3}?)?(?:include|included|includes|were|are)\s+",
    re.I,
)
_PART_JOINER = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:(?:their|his|her|its)\s+)?", re.I)


def victim_count_claims(sentence, counts, active_spans):
    """'identified 49 Vemarese victims', 'All 22 victims ... have been named', 'the victims include
    16 pupils and their two teachers': killed."""
    for c_start, c_end, count in counts if _VICTIM_NOUN.search(sentence) else ():
        noun = _VICTIM_NOUN.match(sentence, c_end)
        if noun is None or count.vague or re.search(rf"\b(?:{WOUNDED})\b", noun.group(0), re.I):
            continue
        if _COUNTING_VERB.search(sentence[max(0, c_start - 30) : c_start]) or _NAMED_AFTER.match(sentence, noun.end()):
            yield RawClaim(Outcome.killed, clean_np(noun.group(0)).replace("\u2019", "'").rstrip("'s") + "s", count, c_start, c_end, False)
    for match in _VICTIMS_INCLUDE.finditer(sentence):
        yield from included_parts(sentence, counts, match.end(), Outcome.killed)


# A person named as one of a group: "8-year-old Ivo Lent", "teenager Ana Ruiz", "Ana Ruiz, 15,".
# Only with a mark of a person (an age, or a noun for people before the name), so that "New York
# and Paris" are no victims.
_NAMED_PERSON = re.compile(
    r"(?:(?:an?\s+)?(?P<age>\d{1,3}-year-old|[a-z]+-year-old)\s+)?(?P<nouns>(?:[a-z][\w-]*\s+){0,2}?)"
    r"(?P<name>[A-Z][a-z][\w'\u2019-]*(?:\s+(?:van|von|de|al|bin|ag|el)?\s*[A-Z][\w'\u2019-]+)+)"
    r"(?P<aged>,\s*(?:aged\s+)?\d{1,3}(?=[,\s]))?"
)


def _named_person_at(sentence: str, position: int):
    person = _NAMED_PERSON.match(sentence, position)
    if person is None:
        return None
    marked = person.group("age") or person.group("aged") or any(
        w in PEOPLE_NOUNS or _AGENT.fullmatch(w) for w in person.group("nouns").split())
    return person if marked else None


_AGENT = re.compile(r"[a-z]{3,}(?:er|or|ist|ian)")


def included_parts(sentence, counts, position, outcome):
    """The parts listed from ``position`` ("16 pupils and their two teachers", "a teacher, two
    nurses and a baby", "8-year-old Ivo Lent and teenager Ana Ruiz"), each a claim of ``outcome``."""
    while True:
        figure = count_at(counts, position) or single_person_at(sentence, position)
        if figure is not None:
            f_start, f_end, count = figure
            np, np_end = object_np(sentence, f_end)
            # "16 pupils and their two teachers": the phrase ends before the next figure
            cut = next((j for j in _PART_JOINER.finditer(np) if count_at(counts, f_end + j.end()) or single_person_at(sentence, f_end + j.end())), None)
            if cut is not None:
                np, np_end = np[: cut.start()], f_end + cut.start()
            if not head_mentions_people(np):
                return
            yield RawClaim(outcome, clean_np(np), count, f_start, f_end, False)
        else:
            person = _named_person_at(sentence, position)
            if person is None:
                return
            yield RawClaim(outcome, person.group("name"), Count(min=1, max=1, text=person.group("name")),
                           person.start("name"), person.end("name"), False)
            np_end = person.end()
            if re.match(r",\s*(?:an?|the)\s", sentence[np_end:]):
                return  # "Ivo Lent, a teacher,": the same person again
        joiner = _PART_JOINER.match(sentence, np_end)
        if joiner is None:
            return
        position = joiner.end()


# A family's claim stands on one of its words (at the start of a word): no word, no claim.
# ("including" names a part of a claim found before it.)
TRIGGER_WORDS = {
    among_claims: r"among",
    part_of_claims: r"dead|killed|victims|wounded|injured|missing|deaths|fatalit|hurt|rushed|taken|bodies",
    victim_count_claims: r"victim|dead",
}


# A toll broken down by place: "Karsk accounted for 73, Tull for 45 and Vemar for one" (after a
# sentence giving the toll, or with "of the dead" of its own). Each figure is a part of that toll.
_PLACE_NAME = rf"{_NAME}(?:\s+(?:state|province|county|district|region|city|department|governorate))?"
_ACCOUNTED = re.compile(rf"(?P<place>{_PLACE_NAME})\s+accounted\s+for\s+")
_ACCOUNTED_NEXT = re.compile(rf"{_LIST_SEPARATOR}(?P<place>{_PLACE_NAME})\s+for\s+")
_OF_THE_FATE = re.compile(r"\s+of\s+(?:the|those)\s+(?P<noun>dead|deaths|fatalities|killed|victims|injured|wounded|missing)\b", re.I)


def accounted_claims(sentence, counts, after):
    """'Karsk accounted for 73, Tull for 45': claims of the outcome ``after`` (the previous
    sentence's), or of the sentence's own "of the dead"."""
    for match in _ACCOUNTED.finditer(sentence):
        place, position, outcome = match.group("place"), match.end(), after
        while (figure := count_at(counts, position)) is not None and not figure[2].vague:
            c_start, c_end, count = figure
            own = _OF_THE_FATE.match(sentence, c_end)
            if own:  # "Karsk accounted for 40 of the dead and Tull for 12": the list shares it
                outcome = _AMONG_OUTCOME.get(own.group("noun").lower(), Outcome.killed)
            if outcome is None or _counts_people_not(sentence, c_end):
                return
            yield RawClaim(outcome, f"people in {place}", count, c_start, c_end, False)
            more = _ACCOUNTED_NEXT.match(sentence, own.end() if own else c_end)
            if more is None:
                break
            place, position = more.group("place"), more.end()


def _counts_people_not(sentence: str, position: int) -> bool:
    """"accounted for 40 percent", "accounted for 12 buildings": no count of people."""
    following = re.match(r"\s*(?P<word>[a-z][\w-]*)", sentence[position:])
    return bool(following) and following.group("word") not in ("and", "of", "in", "on", "at", "for", "while", "with")
