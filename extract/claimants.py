"""Who says so: find the attribution cue of a sentence ("X said", "told AFP", "according to X",
"he added") and the speaker it names, with a role and an affiliation from an apposition
("Mohamed X, spokesman for the Y alliance"). Pronouns are resolved by the caller against the last
named speaker. Pure functions over a sentence string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SPEECH_VERBS = (
    r"said|says|say|told\s+(?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*|told\s+(?:the\s+)?(?:media|reporters|journalists|parliament)|"
    r"stated|states|claimed|claims|added|adds|continued|noted|confirmed|announced|reported|estimated|asserted|"
    r"acknowledged|insisted|warned|explained|declared|wrote|cried|alleged|argued"
)
_PRONOUN = re.compile(r"^(?:he|she|they|it)$", re.I)
ROLE_WORDS = (
    r"spokesman|spokeswoman|spokesperson|member|leader|commander|official|director(?:-general)?|minister|"
    r"head|chief(?:\s+commissioner)?|president|prime\s+minister|governor|mayor|chairman|founder|analyst|"
    r"expert|researcher|correspondent|officer|secretary|ambassador|politician|worker|resident|father|mother|"
    r"brother|sister"
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
    rf"[,\u201d\"]\s*(?P<verb>said|says|stated|added|continued)\s+(?P<subject>[^.;:\"\u201c\u201d]+)"
)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?:reports\s+from\s+|a\s+statement\s+(?:by|from)\s+)?(?P<subject>[^,.;]+)", re.I)


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
_PARTICIPLE_CUE = re.compile(r"\b(?:saying|stating|claiming|acknowledging|mentioning|adding|citing|insisting|announcing)\b", re.I)


def sentence_subject(sentence: str) -> str | None:
    """The noun phrase that opens ``sentence`` (with one apposition), up to its first verb."""
    match = _SENTENCE_SUBJECT.match(sentence)
    return match.group("subject") if match else None


def _tidy(subject: str) -> str:
    subject = re.sub(r"[*_]{1,3}", "", subject).strip(" '\u2018\u2019")  # Markdown emphasis, stray quotes
    # "broke out after the army announced": the speaker is the subject of the last clause
    subject = re.split(r"\b(?:after|before|when|while|since|because|until|by)\b\s*", subject)[-1]
    subject = re.sub(r"^(?:but|and|however|so|meanwhile|also|while|though|although|whereas|as|since|both)\b[\s,]*", "", subject.strip(), flags=re.I)
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
    role_first = re.match(rf"^(?i:its|their|his|her|the|a|an)\s+(?P<role>(?:[\w-]+\s+){{0,2}}?(?:{ROLE_WORDS})),\s+(?P<name>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)+)$", subject)
    if role_first:  # "Its spokesman, Orrin Vask"
        return Speaker(name=role_first.group("name"), role=role_first.group("role"))
    apposition = _APPOSITION.match(subject + ",") or _NAMED_APPOSITION.match(subject)
    if apposition:
        return Speaker(
            name=apposition.group("name").strip(),
            role=re.sub(r"^(?:a|an|the)\s+", "", apposition.group("role").strip(), flags=re.I),
            affiliation=(apposition.group("aff") or "").strip() or None,
        )
    return Speaker(name=subject)


# Who shows pictures of the dead makes the claim they carry ("the spokesman shared videos of ...").
_SHOWING_VERB = re.compile(
    r"\b(?:shared|provided|posted|released|published|circulated|distributed)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:videos?|footage|images|photos|photographs|pictures)\b",
    re.I,
)


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
        if subject.strip():
            # "X said." / "X said on Monday" close a statement; "X said that ..." opens one.
            closing = re.match(r"\s*(?:[.,;!?\u201d\"]|$|(?:in|on|at|during|after|by|from|late|early|last|this)\b)", sentence[verb.end():])
            forward = not closing
            yield verb.start(), subject, forward


def _cue_subjects(sentence: str):
    for pattern in (_CUE_BEFORE_SUBJECT, _ACCORDING):
        for match in pattern.finditer(sentence):
            yield match.start(), match.group("subject"), pattern is _ACCORDING
    yield from _subjects_before_verbs(sentence)
    yield from _subjects_before_verbs(sentence, _SHOWING_VERB)


def find_speakers(sentence: str) -> list[tuple[int, Speaker]]:
    """Every speaker a sentence names, with the position of its cue, left to right."""
    quoted = bool(re.search(r"[\"\u201c\u201d]", sentence))
    found: dict[int, Speaker] = {}
    for position, subject, forward in _cue_subjects(sentence):
        if re.search(r"\band\s*$", subject.strip()) or len(subject.split()) > 16:
            subject = sentence_subject(sentence) or ""  # "X condemned ... and claimed that"
        speaker = parse_speaker(subject)
        if speaker and position not in found:
            found[position] = Speaker(speaker.name, speaker.role, speaker.affiliation, speaker.pronoun, quoted, forward)
    if not found and _PARTICIPLE_CUE.search(sentence):  # "X ..., acknowledging the loss of ..."
        speaker = parse_speaker(sentence_subject(sentence) or "")
        if speaker:
            found[0] = Speaker(speaker.name, speaker.role, speaker.affiliation, speaker.pronoun, quoted)
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
