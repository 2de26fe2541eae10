"""Names the articles themselves link: "the Northern Front (NF)", "a rebel group, known as ...",
"Mohamed X, a spokesman for the Y alliance", "X, who speaks for the rebels", "the NF's
spokesman, X". They are handed to party resolution beside the claimants, so an acronym a claim
uses ("the CSP") reaches its side. Only in-scope text is read.
"""

from __future__ import annotations

import re

from schemas import Article

_CAP = r"[A-Z][\w'’-]*"
_NAME_WITH_ACRONYM = re.compile(
    rf"\b({_CAP}(?:\s+(?:of|for|the|and|de|du|des|{_CAP})){{0,7}})\s+\(([A-Z][A-Za-z0-9-]{{1,12}})\)"
)
# The match starts only where a run of spaces starts (or at its comma): tried at every space of
# the long blank runs that excluded ranges leave, ",?\s+" alone cost quadratic time.
_KNOWN_AS = re.compile(
    rf"(?:,|(?<![\s,]))\s+(?:also\s+)?(?:known as|called|dubbed)\s+(?:the\s+)?"
    rf"({_CAP}(?:\s+(?:of|for|the|{_CAP})){{0,7}}(?:\s+\([A-Z][A-Za-z0-9-]+\))?)"
)
_CLAUSE_START = re.compile(r"[.;:\n]")
_PERSON_ROLE = re.compile(
    rf"\b({_CAP}(?:\s+(?:{_CAP}|ag|al|el|bin|ben)){{1,4}}),\s+((?:a|an|the)\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:spokes\w+|member|leader|commander|head|chief|official|officer|director|minister|president|representative)"
    r"\s+(?:for|of|with)\s+[^,.;\n]{3,80})"
)
_SPEAKS_FOR = re.compile(
    rf"\b({_CAP}(?:\s+(?:{_CAP}|ag|al|el|bin|ben)){{1,4}}),\s+who\s+(?:speaks|spoke|has spoken)\s+for\s+([^,.;\n]{{3,80}})"
)
_ORG_SPOKESMAN = re.compile(
    rf"\b((?:the\s+)?{_CAP}(?:\s+{_CAP}){{0,5}})(?:'s|’s)?\s+(spokes(?:man|woman|person))\s*,?\s+"
    rf"({_CAP}(?:\s+(?:{_CAP}|ag|al|el|bin|ben)){{1,4}})"
)
MAX_DESCRIPTOR_WORDS = 10
# Literal text every match of a pattern holds (the patterns are case-sensitive): a text without it
# is not searched. Each search tries the pattern at every word of the text, which made this the
# slowest part of gathering names; most articles hold few of these phrasings.
_ACRONYM_OPENING = re.compile(r"\([A-Z]")
_KNOWN_AS_WORDS = ("known as", "called", "dubbed")
_ROLE_WORDS = ("spokes", "member", "leader", "commander", "head", "chief", "official", "officer", "director",
               "minister", "president", "representative")


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def harvest_names(article: Article) -> list[str]:
    text = article.scope_text()
    names = [f"{m.group(1)} ({m.group(2)})" for m in _NAME_WITH_ACRONYM.finditer(text)] if _ACRONYM_OPENING.search(text) else []
    for match in _KNOWN_AS.finditer(text) if _holds_any(text, _KNOWN_AS_WORDS) else ():
        before = text[max(0, match.start() - 200) : match.start()]
        before = _CLAUSE_START.split(before)[-1]
        descriptor = " ".join(before.split()[-MAX_DESCRIPTOR_WORDS:])
        if len(descriptor) < 3:
            continue
        if "," in descriptor:
            descriptor = descriptor.rsplit(",", 1)[-1] if len(descriptor.rsplit(",", 1)[-1].split()) >= 2 else descriptor
        names.append(f"{descriptor.strip()}, known as {match.group(1)}")
    if _holds_any(text, _ROLE_WORDS):
        names += [f"{m.group(1)}, {m.group(2)}" for m in _PERSON_ROLE.finditer(text)]
    if "who" in text:
        names += [f"{m.group(1)}, spokesman for {m.group(2)}" for m in _SPEAKS_FOR.finditer(text)]
    if "spokes" in text:
        names += [f"{m.group(3)}, {m.group(2)} for {m.group(1)}" for m in _ORG_SPOKESMAN.finditer(text)]
    return names
