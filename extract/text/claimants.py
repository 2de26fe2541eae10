"""Who says so: find the attribution cue of a sentence ("X said", "told AFP", "according to X",
"he added", "the message read:", a headline's "..., Premier Says") and the speaker it names, with
a role and an affiliation from an apposition ("Mohamed X, spokesman for the Y alliance"). A
sentence that reports words in the passive ("families were told that ...") names no speaker
(``reports_unnamed_speaker``). A speaker is always a noun phrase naming a person,
an organisation, a role, a group or a document (``speaker_phrase``): clause fragments ("the laws of
war", "not on Saturday as the army"), denials ("Neither side") and non-speakers ("sides") give no
speaker. Pronouns are resolved by the caller against the last named speaker. Pure functions over a
sentence string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from extract.text.casualty_words import PEOPLE_NOUNS
from extract.text.nations import nations_in

SPEECH_VERBS = (
    r"said|says|say|told\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|told\s+(?:the\s+|a\s+|an\s+)?(?:[\w'\u2019-]+\s+){0,3}?(?:media|reporters|journalists|parliament|radio|television|TV|newspaper|daily|agency|press|broadcaster|channel|conference|briefing|lawmakers|outlet)\b|"
    # a headline's title case too: "Varnia Raises Quake Death Toll To 40"
    r"(?:[Pp]ut|[Pp]uts|[Rr]aised|[Rr]aises|[Rr]aise|[Rr]evised|[Rr]evises|[Ll]owered|[Ll]owers|[Mm]oved|[Mm]oves|"
    r"[Uu]pdated|[Uu]pdates|[Ii]ncreased|[Ii]ncreases)"
    r"(?=\s+(?:[\w'\u2019-]+\s+){0,5}?(?i:toll|count|total|number|figure)\b)|"
    # "the airline had counted two victims": a tally someone has made is their figure
    r"(?:(?<=has\s)|(?<=had\s)|(?<=have\s))counted(?=\s+(?:at\s+least\s+|more\s+than\s+|about\s+|some\s+|nearly\s+)?"
    r"(?:\d|one\b|two\b|three\b|four\b|five\b|six\b|seven\b|eight\b|nine\b|ten\b|dozens\b|hundreds\b))|"
    r"admitted|conceded|revealed|disclosed|tweeted|stated|states|claimed(?!\s+(?:the\s+)?lives)|claims(?!\s+(?:the\s+)?lives)|added|adds|continued(?!\s+to\b)|noted|confirmed|announced|reported|estimated|estimates|asserted|"
    r"acknowledged|insisted|warned|explained|declared|wrote|cried|alleged|argued|"
    # "the airline told families “...”", "X told relatives that ...": whom it was told matters not
    r"told(?!\s+(?:by|via|through|in|on|at|over)\b)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?"
    r"(?:[\w'\u2019-]+\s+){0,2}?[\w'\u2019-]+(?=\s*[,:]?\s*[\"\u201c]|\s+that\b)|"
    # "The message read: “...”": a document's words
    r"reads?(?=\s*[,:]?\s*[\"\u201c])"
)
_PRONOUN = re.compile(r"^(?:he|she|they|it)$", re.I)
ROLE_WORDS = (
    r"spokesman|spokeswoman|spokesperson|member|leader|commander|official|director(?:-general)?|minister|"
    r"head|chief(?:\s+commissioner)?|president|prime\s+minister|governor|mayor|chairman|founder|analyst|"
    r"expert|researcher|correspondent|officer|secretary|ambassador|politician|worker|resident|father|mother|"
    r"brother|sister|premier"
)
_APPOSITION = re.compile(
    rf"^(?P<name>[^,]+?),\s+(?:a|an|the)?\s*(?P<role>(?:[\w-]+\s+){{0,2}}?(?:{ROLE_WORDS}))"
    rf"(?:\s+(?:for|of|with|at|in)\s+(?P<aff>[^,]+))?,?\s*$",
    re.I,
)
_SPEECH_VERB = re.compile(rf"(?:\b(?:has|have|had)\s+)?\b(?P<verb>{SPEECH_VERBS})\b")
# "Erik Roe, an oceanographer at the University of X": any short role after a capitalised name.
_NAMED_APPOSITION = re.compile(
    r"^(?P<name>[A-Z][\w.'-]*(?:\s+(?:[A-Z][\w.'-]*|van|von|de|al|bin|ag|el))+),\s+(?:a|an|the)\s+"
    r"(?P<role>[\w-]+(?:\s+[\w-]+){0,2}?)(?:\s+(?:for|of|with|at|in)\s+(?P<aff>[^,]+))?,?$"
)
_CUE_BEFORE_SUBJECT = re.compile(
    r"[,\u201d\"]\s*(?P<verb>said|says|stated|added|continued|reports|reported|wrote|writes|tweeted)\s+(?P<subject>[^.;:\"\u201c\u201d]+)"
)
_MAX_INVERTED_SUBJECT = 10  # words in "..., said Hanna Sel, director of the city hospital."
# A headline's closing "..., Premier Says": the title-case cue governs the words before it.
_HEADLINE_CUE = re.compile(r",\s+(?P<subject>[A-Z][^,;:\"\u201c\u201d]*?)\s+(?:Says|Said|Say|Claims|Reports)\s*$")
# A headline's closing source after a colon: "Toll rises to 40: official", "... crash: Orbis Air".
_HEADLINE_SOURCE = re.compile(r":\s+(?P<subject>[A-Z][\w.'\u2019&-]*(?:\s+[A-Z][\w.'\u2019&-]*){0,3}|[a-z]+(?:\s+[a-z]+)?)$")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:reports\s+from\s+|a\s+statement\s+(?:by|from)\s+)?(?P<subject>(?:[^,.;\u2013\u2014-]|-(?!-)|(?<=\b[A-Z])\.)+)", re.I)


@dataclass(frozen=True)
class Speaker:
    """A speaker as a sentence names them; ``pronoun`` marks "he"/"it" to resolve later."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    pronoun: bool = False
    quoted: bool = False
    forward_only: bool = False  # "X claimed that ...": the cue governs only what follows it


_SENTENCE_SUBJECT = re.compile(
    r"^(?:(?:but|however|and|meanwhile|still),?\s+)?(?P<subject>[A-Z][^,;:]*?(?:,\s+[^,;:]+?,)?)"
    r"\s+(?:has|have|had|was|were|is|are|will|would|said|says|[a-z]+ed)\b",
    re.I,
)
_PARTICIPLE_CUE = re.compile(
    r"\b(?:saying|stating|claiming|acknowledging|mentioning|adding|citing|insisting|announcing|estimating)\b", re.I
)
# "a message sent by the airline saying ...": the agent of the document is its speaker.
_AGENT_BEFORE_PARTICIPLE = re.compile(
    r"\bby\s+(?P<agent>[^,;:\"\u201c\u201d]{2,60}?)\s+(?:saying|stating|claiming|announcing)\b", re.I
)


def sentence_subject(sentence: str) -> str | None:
    """The noun phrase that opens ``sentence`` (with one apposition), up to its first verb."""
    match = _SENTENCE_SUBJECT.match(sentence)
    return match.group("subject") if match else None


_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
# What may open a sentence before its subject and is no part of a name: a bullet, a dateline
# ("KARSK — ", "KARSK, Vemar (AP) -- "), a time ("Late on Saturday", "Yesterday"), an adverb ("Then").
_BULLET = re.compile(r"^[\s\u2022\u00b7\u25aa\u25cf>|*-]+(?=\S)")
_DATELINE = re.compile(r"^.{0,80}?\s(?:--|\u2014|\u2013)\s+(?=\S)|^[A-Z][A-Z .,'()]{1,60}?\s-\s+(?=\S)")
# A page's metadata printed before its headline ("date 2024-05-01 Varnia raises ..."): an ISO date,
# with the label before it, is never part of a name.
_METADATA_DATE = re.compile(r"^(?:[a-z]+:?\s+)?\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?\s+(?=\S)")
_WHEN_HEAD = re.compile(
    rf"^(?:(?:late|early)\s+)?(?:(?:on|last|this|next|by|until|since)\s+)?(?:{_DAYS}|yesterday|today|tonight|overnight)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s*,?\s+(?=\S)"
    r"|^(?:then|later|earlier|now|still|yet|finally)\s*,?\s+(?=\S)",
    re.I,
)
# Words that open a sentence with a capital and name nobody: "Another said", "The said", "Saturday".
_NOT_A_NAME = re.compile(
    rf"(?:the|a|an|another|other|others|this|that|these|those|one|some|many|several|all|both|each|such|"
    rf"{_DAYS}|yesterday|today|tonight|here|there|then|later|earlier|meanwhile)",
    re.I,
)


def _tidy(subject: str) -> str:
    """``subject`` without emphasis marks, a bullet, a dateline, a leading time or conjunction,
    trailing adverbs, or the clause before the one whose subject it is."""
    subject = re.sub(r"[*_]{1,3}", "", subject).strip(" '\u2018\u2019")  # Markdown emphasis, stray quotes
    subject = _BULLET.sub("", subject)
    subject = re.sub(r"^\S*[\d)\]](?=[A-Z][a-z]*\s)", "", subject)  # a photo code glued to the caption's words
    subject = _DATELINE.sub("", subject)
    subject = _METADATA_DATE.sub("", subject.strip())
    subject = _WHEN_HEAD.sub("", subject.strip())
    # "broke out after the army announced": the speaker is the subject of the last clause
    subject = re.split(
        r"\b(?:after|before|when|while|since|because|until|as)\b\s*|(?<!interviewed\s)(?<!quoted\s)(?<!cited\s)(?<!contacted\s)\bby\b\s*",
        subject,
    )[-1]
    subject = re.sub(r"^(?:but|and|however|so|meanwhile|also|while|though|although|whereas|as|since|both)\b[\s,]*", "", subject.strip(), flags=re.I)
    subject = _WHEN_HEAD.sub("", subject)  # "But on Saturday the army"
    subject = re.sub(r"(?:\s+(?:also|later|earlier|then|has|have|had|\w+ly))+$", "", subject)
    return subject.strip(" ,")


def parse_speaker(subject: str) -> Speaker | None:
    """A Speaker from the words that name one ("Mossa X, a member of the separatist movement")."""
    subject = _tidy(re.split(r"\s+(?:whose|who|which)\b|,\s+(?:who|which)\b", subject)[0])
    statement_by = re.match(r"(?:a|the)\s+statement\s+(?:by|from)\s+(?P<rest>.+)$", subject, re.I)
    if statement_by:
        subject = statement_by.group("rest")
    if not subject or len(subject.split()) > 16 or re.match(r"(?:that|if|whether|what|how|i|we|you)\b", subject, re.I):
        return None  # no speaker, a clause, or the quoted speaker's own "I"/"we"
    if re.search(r"\b(?:was|were|is|are|be|been|had|has|have|will|would|could|can)\b", subject, re.I):
        return None  # "said he was responding ...": a clause, not a name
    if _PRONOUN.match(subject):
        return Speaker(name=subject, pronoun=True)
    subject = speaker_phrase(subject)
    if subject is None:
        return None
    role_first = re.match(
        rf"^(?i:its|their|his|her|the|a|an)\s+(?P<role>(?:[\w-]+\s+){{0,2}}?(?:{ROLE_WORDS}))"
        rf"(?:\s+(?:of|for)\s+(?P<aff>[^,]+))?,\s+(?P<name>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)+)$",
        subject,
    )
    if role_first:  # "Its spokesman, Orrin Vask", "the mayor of Brask, Ivo Lent"
        return Speaker(name=role_first.group("name"), role=role_first.group("role"), affiliation=role_first.group("aff"))
    apposition = _APPOSITION.match(subject + ",") or _NAMED_APPOSITION.match(subject)
    if apposition:
        return Speaker(
            name=apposition.group("name").strip(),
            role=re.sub(r"^(?:a|an|the)\s+", "", apposition.group("role").strip(), flags=re.I),
            affiliation=(apposition.group("aff") or "").strip() or None,
        )
    return Speaker(name=subject)


# Lower-case head nouns that name a body, a group or a document that can make a statement.
SOURCE_NOUNS = frozenset(
    """
    army armies military government governments ministry ministries department departments police agency
    agencies group groups alliance coalition movement front council committee authority authorities office
    company companies airline airlines newspaper newspapers paper media outlet outlets broadcaster channel
    radio television station network report reports statement statements document communique communiqu\u00e9
    release study survey message messages text texts letter letters bureau service services forces force navy command commission court hospital
    organisation organization union federation association society charity mission junta regime
    administration presidency parliament cabinet embassy party faction militia brigade battalion unit units
    team crews crew staff sources source witnesses witness experts expert analysts analyst investigators
    investigator observers monitors monitor spokesman spokeswoman spokesperson minister ministers leader
    leaders chief chiefs head heads president governor mayor chairman founder researcher researchers
    correspondent correspondents secretary ambassador politician politicians coordinator coordinators
    director directors administrator authorities inspector inspectors prosecutor prosecutors lawyer
    lawyers coroner sheriff manager managers owner owners operator operators editor editors
    bloggers blogger activists activist campaigners association agencies rescuers rescuer medics doctor
    clerk clerks nurse nurses engineer engineers cook cooks vendor vendors shopkeeper shopkeepers
    commonwealth state territory province republic kingdom country nation county municipality
    """.split()
) | PEOPLE_NOUNS
# Words that open a phrase naming nobody ("Neither side", "not on Saturday", "no official").
_NOBODY = re.compile(r"(?:not|neither|nor|no|none|nobody|never|each|either|both\s+sides)\b", re.I)
# Clause detection without a tagger: a past-tense verb ("crew wept", "passengers sobbed") or an
# adverb closing a verb phrase ("sobbed openly and ...") shows that words are a clause, not a name.
_PAST_IRREGULAR = frozenset(
    """
    broke wept fled went came gave took saw ran fell began held made found kept stood sat knew thought
    brought fought hid rose sank threw wore won lost met paid sent spent spoke shot struck swore tore woke
    wrote drove ate grew flew drew blew bore hung felt heard meant sought taught caught bought built dug
    fed forgot
    """.split()
)
# Participles that commonly follow a noun inside a name ("residents interviewed by the paper").
_POSTNOMINAL = frozenset(
    "based stationed involved deployed interviewed quoted cited contacted reached affiliated linked allied led "
    "backed named appointed elected hundred".split()
)
_MODIFIER_BEFORE = re.compile(r"(?:the|a|an|its|their|his|her|our|some|many|several|newly|recently|[\w-]+['\u2019]s?|[A-Z][\w-]*|\d+)$")
_NOT_ADVERBS = frozenset("family elderly only early italy ally daily weekly monthly yearly friendly july assembly".split())
_ADVERB_CLOSES = re.compile(r"\s*(?:$|and\b|or\b|but\b|in\b|at\b|on\b|to\b|for\b|with\b|from\b)")


def _clause_end(phrase: str) -> int | None:
    """Where the first verb-like word of ``phrase`` ends, or None when it reads as a noun phrase."""
    words = list(re.finditer(r"[\w'\u2019-]+", phrase))
    for i, word in enumerate(words):
        w = word.group(0)
        if i == 0 or not w.islower():
            continue
        before = words[i - 1].group(0)
        if w in _PAST_IRREGULAR and not _MODIFIER_BEFORE.fullmatch(before):
            return word.end()
        if len(w) > 4 and w.endswith("ed") and w not in _POSTNOMINAL and not _MODIFIER_BEFORE.fullmatch(before):
            return word.end()
        if len(w) > 4 and w.endswith("ly") and w not in _NOT_ADVERBS and _ADVERB_CLOSES.match(phrase, word.end()):
            return word.end()
    return None


_CLAUSE_VERB = re.compile(
    r"\s(?:has|have|had|was|were|is|are|said|says|[a-z]{2,}ed|" + "|".join(sorted(_PAST_IRREGULAR)) + r")\b"
)
_WHEN_TAIL = re.compile(
    r"(?:(?:^|\s+)(?:on|late|early|last|this|next)\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?:morning|afternoon|evening|night))?|night|morning|week|month|year|weekend)|(?:^|\s+)(?:today|yesterday|overnight))+$",
    re.I,
)
# "a trader", "two farmers", "a historian": agent nouns beyond the vocabulary; and look-alikes.
_AGENT_NOUN = re.compile(r"[a-z]{3,}(?:er|or|ist|ian|ant|ent)s?")
_NOT_AGENTS = frozenset(
    """
    water waters order orders number numbers power powers border borders other others paper papers letter
    letters matter matters center centers centre centres layer layers corner corners quarter quarters
    chapter chapters answer answers weather error errors floor floors door doors factor factors sector
    sectors event events incident incidents element elements statement statements comment comments
    moment moments agreement agreements payment payments settlement settlements content percent plant
    plants grant grants point points account accounts amount amounts front fronts
    """.split()
)
# the head noun ends where a preposition, a relative or a participle modifier starts:
# "an armed group affiliated with the front", "a militia based in the north"
_HEAD_CUT = re.compile(
    r"\s(?:of|in|at|for|with|from|on|to|near|inside|across|who|which|whose"
    r"|(?:affiliated|allied|linked|aligned|tied|close|loyal|based|backed|led|run)\s+(?:with|to|in|by|at))\s|,",
    re.I,
)


def speaker_phrase(subject: str) -> str | None:
    """``subject`` tidied into a noun phrase that names a person, organisation, role or group
    ("A coalition on Sunday" -> "A coalition"), or None when it names nobody: a clause fragment
    ("the laws of war", "not on Saturday"), a denial ("Neither side") or a non-speaker ("sides")."""
    phrase = re.sub(r",\s+(?:[a-z]+ing|according|who|which)\b.*$", "", subject)
    phrase = _WHEN_TAIL.sub("", phrase).strip(" ,;:\"'\u201c\u201d\u2018\u2019")
    if not phrase or _NOBODY.match(phrase) or re.search(r"[\"\u201c\u201d]|\bthat\b", phrase) or _NOT_A_NAME.fullmatch(phrase):
        return None
    clause_end = _clause_end(phrase)
    if clause_end is not None:
        # "men and women sobbed and one mother": the speaker is the last conjunct after the clause
        after = re.split(r"\s+and\s+", phrase[clause_end:])
        phrase = after[-1].strip() if len(after) > 1 else ""
        if not phrase:
            return None
    return phrase if _names_a_speaker(phrase) else None


def _names_a_speaker(phrase: str) -> bool:
    """True when the head of ``phrase`` (its last word before a preposition or comma) is a proper
    name or a noun for people, a body or a document."""
    cut = _HEAD_CUT.search(phrase)
    head_words = re.findall(r"[\w'\u2019.-]+", phrase[: cut.start()] if cut else phrase)
    if not head_words:
        return False
    head = head_words[-1].strip(".'\u2019")
    head = re.sub(r"['\u2019]s$", "", head)
    if head[:1].isupper() or head.isupper():
        return True
    head = head.lower()
    return head in SOURCE_NOUNS or (bool(_AGENT_NOUN.fullmatch(head)) and head not in _NOT_AGENTS)


# Who shows pictures of the dead makes the claim they carry ("the spokesman shared videos of ...").
_SHOWING_VERB = re.compile(
    r"\b(?:shared|provided|posted|released|published|circulated|distributed)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:videos?|footage|images|photos|photographs|pictures)\b",
    re.I,
)


_CLAUSE_OPENER = re.compile(r"^\s*(?:while|whilst|whereas|but|and|although|though|yet|as|when)\s+", re.I)


def _subjects_before_verbs(sentence: str, verbs: re.Pattern = _SPEECH_VERB):
    """For each cue verb, (its position, the words before it back to a quote or clause mark,
    keeping one apposition: "Mossa X, a member of the movement, claimed", whether it opens)."""
    for verb in verbs.finditer(sentence):
        left = re.split(r"[;:\"\u201c\u201d]", sentence[max(0, verb.start() - 300) : verb.start()])[-1]
        left = re.sub(r"(?:\s+(?:also|later|earlier|then|again|\w+ly))+\s*$", " ", left)
        parts = left.split(",")
        if len(parts) >= 3 and not parts[-1].strip():
            subject = ",".join(parts[-3:-1])
        else:
            subject = parts[-1]
        # "..., while an armed group claimed": the conjunction opens the clause, it is no speaker
        subject = _CLAUSE_OPENER.sub("", subject)
        if subject.strip():
            # "X said." / "X said on Monday" close a statement; "X said that ..." opens one.
            closing = re.match(rf"\s*(?:[.,;!?\u201d\"]|$|(?:in|on|at|during|after|by|from|late|early|last|this|today|yesterday|tonight|overnight|{_DAYS})\b)", sentence[verb.end():])
            forward = not closing
            yield verb.start(), subject, forward


def _cue_subjects(sentence: str, headline: bool = False):
    """Every (cue position, words naming its speaker, whether it governs only what follows) of a
    sentence: inverted cues ("..., said X"), "according to X", subjects before a cue verb and, in
    a ``headline``, a source after a colon ("Toll rises to 40: official")."""
    for match in _CUE_BEFORE_SUBJECT.finditer(sentence):
        after_quote = sentence[match.start()] in "\u201d\""
        if after_quote or len(match.group("subject").split()) <= _MAX_INVERTED_SUBJECT:
            # "..., said some relatives of the crew broke down": a long run after a plain comma is a clause
            yield match.start(), match.group("subject"), False
    for match in _HEADLINE_CUE.finditer(sentence):
        yield match.start(), match.group("subject"), False
    if headline:  # in a body, "Among the 12 dead: Ana Roth" names a victim
        for match in _HEADLINE_SOURCE.finditer(sentence):
            # after a figure, as a headline gives it; never a list ("Dead include: Ana Roth")
            if re.search(r"\d", sentence[: match.start()]) and not re.search(r"\binclud", sentence, re.I):
                yield match.start(), match.group("subject"), False
    for match in _ACCORDING.finditer(sentence):
        # "..., according to X." closes the sentence and governs what came before it.
        # (an aside after a dash still closes it: "..., according to X -- 46 times the official toll.")
        closing = re.fullmatch(r"[\s.!?\"\u201d')]*", sentence[match.end():]) or re.match(r"\s*(?:--|\u2014|\u2013)", sentence[match.end():])
        # "according to the X study published in the Y": the source is the study
        subject = re.split(r"\s+(?:published|released|issued|conducted|posted|carried\s+out)\b", match.group("subject"))[0]
        yield match.start(), subject, not closing
    yield from _subjects_before_verbs(sentence)
    yield from _subjects_before_verbs(sentence, _SHOWING_VERB)


def _clause_subject_before(sentence: str, position: int) -> str | None:
    """The subject of the clause a participle at ``position`` closes: its words up to their first
    verb ("X sent out a tweet on Monday saying ..." -> "X"; "Published on Monday, researchers from
    Y looked at ..., estimating ..." -> "researchers from Y")."""
    clause = sentence[:position].rstrip(" ,")
    clause = re.split(r"[,;:\"\u201c\u201d]", clause)[-1].strip()
    verb = _CLAUSE_VERB.search(clause)
    return clause[: verb.start()] if verb and verb.start() > 0 else None


def find_speakers(sentence: str, headline: bool = False) -> list[tuple[int, Speaker]]:
    """Every speaker a sentence (a ``headline`` or not) names, with the position of its cue,
    left to right."""
    quoted = bool(re.search(r"[\"\u201c\u201d]", sentence))
    found: dict[int, Speaker] = {}
    for position, subject, forward in _cue_subjects(sentence, headline):
        if re.search(r"\band\s*$", subject.strip()) or len(subject.split()) > 16:
            subject = sentence_subject(sentence) or ""  # "X condemned ... and claimed that"
        speaker = parse_speaker(subject)
        if speaker and position not in found:
            found[position] = replace(speaker, quoted=quoted, forward_only=forward)
    if not found and _PARTICIPLE_CUE.search(sentence):  # "X ..., acknowledging the loss of ..."
        agent = _AGENT_BEFORE_PARTICIPLE.search(sentence)
        speaker = (
            (parse_speaker(agent.group("agent")) if agent else None)
            or parse_speaker(sentence_subject(sentence) or "")
            or parse_speaker(_clause_subject_before(sentence, _PARTICIPLE_CUE.search(sentence).start()) or "")
        )
        if speaker:
            found[0] = replace(speaker, quoted=quoted)
    return sorted(found.items(), key=lambda item: item[0])


def find_speaker(sentence: str) -> Speaker | None:
    """The first speaker a sentence attributes its content to, or None when it has no cue."""
    speakers = find_speakers(sentence)
    return speakers[0][1] if speakers else None


def speaker_at(speakers: list[tuple[int, Speaker]], position: int) -> Speaker | None:
    """The speaker whose cue governs text at ``position``: the nearest cue before it ("X said
    that ..."), else the first after it ("..., X said")."""
    before = [speaker for cue, speaker in speakers if cue <= position]
    if before:
        return before[-1]
    return next((speaker for _, speaker in speakers if not speaker.forward_only), None)


def continues_speech(sentence: str) -> bool:
    """True when a sentence with no cue of its own carries on the previous speaker's words:
    a quotation, or a sentence whose subject is "He"/"She"/"They"."""
    return bool(re.match(r"[\"\u201c\u2018']|(?:he|she|they)\s+(?:also\s+)?\w+", sentence, re.I))


# "more than double the 1,427 people the Varnian government calculated": a figure that an object
# relative clause credits to its subject is that subject's, whoever the sentence's speaker is.
_FIGURE_CREDITED = re.compile(
    r"[\d,.]*\d[\d,.]*\s+(?:[a-z]+\s+){0,2}?(?:people|persons|deaths|dead|victims|bodies|fatalities|casualties)\s+"
    r"(?:that\s+|which\s+)?(?P<who>(?:the|its|their)\s+[^,.;:\"\u201c\u201d]{2,60}?|[A-Z][^,.;:\"\u201c\u201d]{1,60}?)\s+"
    r"(?:had\s+|has\s+|have\s+)?(?:calculated|counted|estimated|reported|recorded|confirmed|certified|registered|gave|cited)\b"
)


def figure_credited_to(sentence: str, figure_start: int) -> Speaker | None:
    """The speaker a relative clause right after the figure at ``figure_start`` credits it to
    ("the 40 deaths the ministry confirmed" -> the ministry), else None."""
    match = _FIGURE_CREDITED.match(sentence, figure_start)
    return parse_speaker(match.group("who")) if match else None


_FIGURE = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|a\s+dozen|dozens)"
)
# Figures given part by part: "40 in Varnia, 12 in Korsa", "Varnia accounted for 40, Korsa for 12",
# "two victims each from Varnia and Korsa".
_PART_AFTER_FIGURE = re.compile(rf"(?i:\b{_FIGURE})\s+(?:[a-z]+\s+){{0,4}}?(?:in|from)\s+(?:the\s+)?[A-Z]")
_FIGURE_AFTER_PART = re.compile(rf"\b[A-Z][\w.'’-]*(?:\s+[a-z]+)?\s+(?:accounted\s+)?for\s+(?i:{_FIGURE})\b")
_EACH = re.compile(rf"(?i:\b{_FIGURE})\s+(?:[a-z]+\s+)?each\b", re.I)
_NATIONALITY_WORDS = re.compile(r"\b(?:nationalit(?:y|ies)|citizenship|citizens|nationals|countries)\b", re.I)


def _parts_by_place(sentence: str) -> int:
    return len(_PART_AFTER_FIGURE.findall(sentence)) + len(_FIGURE_AFTER_PART.findall(sentence))


def continues_breakdown(previous: str, sentence: str) -> bool:
    """True when ``sentence``, with no cue of its own, goes on with the list of figures that the
    sentence before it (``previous``, which has a speaker) started: figures part by part for two
    or more places ("Korsa accounted for 40, Ostra for 12, ...") after a figure for one place
    ("... saying 167 of the deaths were in Varnia"), or a count for each of two or more nations
    ("There were two victims each from Varnia and Korsa") after words about the victims'
    nations. A sentence of other words after a quotation stays the article's own."""
    if re.search(r"[\"\u201c\u201d]", sentence):
        return False
    if _parts_by_place(sentence) >= 2 and _parts_by_place(previous) >= 1:
        return True
    if not _EACH.search(sentence):  # the cheap test first: nations are looked up only after it
        return False
    if len({nation for _, _, nation in nations_in(sentence)}) < 2:
        return False
    return bool(_NATIONALITY_WORDS.search(previous) or nations_in(previous))


# "families have been told that ...", "relatives were informed by text message": words reported
# with no speaker named, the passive hiding who said them.
_UNNAMED_REPORT = re.compile(
    r"\b(?:(?:has|have|had)\s+been|were|was|are|is|being)\s+(?:told|informed|notified)\b"
    r"|\b(?:told|informed|notified)\s+(?:by|via|in)\s+(?:a\s+|an\s+)?(?:text|sms|e-?mail|phone|telephone|letter|message)\b",
    re.I,
)


def reports_unnamed_speaker(sentence: str) -> bool:
    """True when ``sentence`` reports what someone said in the passive without naming them
    ("the families were told by text message that ..."): the speaker is named elsewhere if at all."""
    return bool(_UNNAMED_REPORT.search(sentence))
