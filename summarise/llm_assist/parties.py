"""LLM-backed party resolution: one extra call groups the event's names into sides.

``resolve_with_llm(session, names) -> PartySteps`` asks through the run's ``LLMSession`` (the
pipeline calls it); ``LLMPartyResolver(config)`` is the same as a sync drop-in for
``summarise.reconcile.resolve_parties`` with a session of its own per call. The model answers
groups of names (claimants, victims, speakers); code checks that every input name sits in
exactly one side (or in ``no_side``), that no name is invented, and that labels and canonical
person spellings are names of the list. A failing answer is re-asked once with the reasons; if
it still fails, or the call fails, the deterministic ``resolve_parties`` answers and a warning
says why (``extract.llm.ask.Asker.ask_or_fall_back``). A run-fatal ``LLMError``
(``EndpointError``) propagates.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field

from pydantic import Field

from extract.llm.ask import CompactModel, Fallback, PromptTemplate, data_block_text, load_prompt
from extract.llm.client import Sleep
from extract.llm.loop import run_sync
from extract.llm.session import LLMSession
from schemas import Party, PartyKind, Usage
from summarise.config import LLMConfig
from summarise.reconcile.parties import PartyResolution, resolve_parties

PROMPT_FILE = "parties_v1.txt"
MAX_ANSWER_TOKENS = 4096  # every name comes back once: ~75 names take ~900 tokens
MAX_PROBLEMS_SHOWN = 12  # a re-ask lists the first problems; the rest follow from the same fix
FALLBACK = Fallback("party resolution", "the model's grouping", "used the offline resolver")


class SideAnswer(CompactModel):
    label: str = Field(description="the clearest name of this side, copied exactly from the list")
    names: list[str] = Field(description="every name of the list that refers to this side")


class PersonAnswer(CompactModel):
    canonical: str = Field(description="the plain full name, copied exactly from the list")
    names: list[str] = Field(description="the spellings of this one person in the list")


class PartiesAnswer(CompactModel):
    """Sides, names of no side, and persons' spellings."""

    sides: list[SideAnswer] = Field(default_factory=list)
    no_side: list[str] = Field(default_factory=list)
    persons: list[PersonAnswer] = Field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Pure checking and building


def name_key(name: str) -> str:
    """Names compare without case, curly quotes or extra spaces: "The army" is "the army"."""
    folded = name.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(folded.split()).casefold()


def unique_names(names: list[str]) -> list[str]:
    """The names as the resolver sees them: blank ones out, first spelling of each key kept."""
    by_key: dict[str, str] = {}
    for name in names:
        if name and name.strip():
            by_key.setdefault(name_key(name), " ".join(name.split()))
    return list(by_key.values())


def check_grouping(answer: PartiesAnswer, names: list[str]) -> list[str]:
    """Problems with an answer, one line each; empty when every name is in exactly one group."""
    known = {name_key(n) for n in names}
    problems: list[str] = []
    placed: dict[str, str] = {}
    groups = [(f"side {s.label!r}", s.names) for s in answer.sides] + [("no_side", answer.no_side)]
    for group, members in groups:
        for member in members:
            key = name_key(member)
            if key not in known:
                problems.append(f"{member!r} in {group} is not a name of the list")
            elif key in placed and placed[key] != group:
                problems.append(f"{member!r} is in both {placed[key]} and {group}")
            else:
                placed.setdefault(key, group)
    for side in answer.sides:
        if side.names and name_key(side.label) not in {name_key(m) for m in side.names}:
            problems.append(f"label {side.label!r} is not one of the names of its side")
    problems += [f"{n!r} is missing" for n in names if name_key(n) not in placed]
    problems += _person_problems(answer, known, placed)
    return problems


def _person_problems(answer: PartiesAnswer, known: set[str], placed: dict[str, str]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for person in answer.persons:
        keys = [name_key(n) for n in person.names]
        if name_key(person.canonical) not in keys:
            problems.append(f"person {person.canonical!r} is not one of that person's names")
        for member, key in zip(person.names, keys, strict=False):
            if key not in known:
                problems.append(f"person name {member!r} is not a name of the list")
            elif key in seen:
                problems.append(f"{member!r} is listed under two persons")
            seen.add(key)
        sides = {placed.get(k) for k in keys if k in known}
        if len(sides) > 1:
            problems.append(f"the spellings of {person.canonical!r} are in different groups")
    return problems


def resolution_from_grouping(answer: PartiesAnswer, names: list[str]) -> PartyResolution:
    """The ``PartyResolution`` of a checked answer, keyed by the caller's own spellings."""
    spelling = {name_key(n): n for n in unique_names(names)}
    parties: list[Party] = []
    party_of_key: dict[str, str | None] = {name_key(n): None for n in answer.no_side}
    for side in answer.sides:
        members = list(dict.fromkeys(spelling[name_key(m)] for m in side.names))
        if not members:
            continue
        label = spelling[name_key(side.label)]
        party = Party(id=_unique_id(_slug(label), parties), name=label, kind=PartyKind.side,
                      aliases=[m for m in members if m != label])
        parties.append(party)
        party_of_key.update({name_key(m): party.id for m in members})
    person_of_key = {name_key(n): spelling[name_key(p.canonical)] for p in answer.persons for n in p.names}
    party_of = {n: party_of_key.get(name_key(n)) for n in names if n and n.strip()}
    person_of = {n: person_of_key[name_key(n)] for n in names if n and name_key(n) in person_of_key}
    return PartyResolution(parties=parties, party_of=party_of, person_of=person_of)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "side"


def _unique_id(base: str, parties: list[Party]) -> str:
    taken = {p.id for p in parties}
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def describe_problems(problems: list[str]) -> str:
    """The re-ask's list of problems: the first ``MAX_PROBLEMS_SHOWN``, then how many more."""
    shown = [f"- {p}" for p in problems[:MAX_PROBLEMS_SHOWN]]
    if len(problems) > MAX_PROBLEMS_SHOWN:
        shown.append(f"- and {len(problems) - MAX_PROBLEMS_SHOWN} more")
    return "\n".join(shown)


# ---------------------------------------------------------------------------------------------
# The resolver


@dataclass
class PartyStep:
    """What party resolution gave: the resolution (the model's, or the offline one when it fell
    back), what it cost, and why it fell back, if it did."""

    resolution: PartyResolution
    usage: Usage = field(default_factory=Usage)
    warnings: list[str] = field(default_factory=list)


async def resolve_with_llm(session: LLMSession, names: list[str]) -> PartyStep:
    """The parties of ``names`` as the model groups them, checked; the offline resolver's when
    the grouping fails the checks or the call fails (with a warning). No names, no call."""
    unique = unique_names(names)
    if not unique:
        return PartyStep(resolve_parties(names))
    prompt = load_prompt(PROMPT_FILE)
    asker = session.asker(prompt.version, {"temperature": session.config.temperature, "max_tokens": MAX_ANSWER_TOKENS})
    answer, warning = await asker.ask_or_fall_back(
        PartiesAnswer,
        party_messages(unique, prompt),
        check=lambda a: check_grouping(a, unique),
        reasons=lambda p: prompt.reask.safe_substitute(problems=describe_problems(p)),
        fallback=FALLBACK,
    )
    resolution = resolution_from_grouping(answer, names) if answer is not None else resolve_parties(names)
    return PartyStep(resolution, asker.spent(), [warning] if warning else [])


def party_messages(unique: list[str], prompt: PromptTemplate | None = None) -> list[dict[str, str]]:
    """System prompt, then the names as JSON in a data block the names cannot close."""
    prompt = prompt or load_prompt(PROMPT_FILE)
    listed = data_block_text(json.dumps(unique, ensure_ascii=False, indent=0)).replace("</names", "</ names")
    user = prompt.user.safe_substitute(names=listed)
    return [{"role": "system", "content": prompt.system}, {"role": "user", "content": user}]


class LLMPartyResolver:
    """``resolve_parties`` with an LLM, as a sync drop-in: ``resolver(names) -> PartyResolution``,
    each call through a session of its own (a run shares one: see ``resolve_with_llm``). After
    a call, ``usage`` holds what it cost and ``warnings`` why it fell back, if it did."""

    def __init__(self, config: LLMConfig, *, sleep: Sleep = asyncio.sleep) -> None:
        self.config = config
        self._sleep = sleep
        self.usage = Usage()
        self.warnings: list[str] = []

    def __call__(self, names: list[str]) -> PartyResolution:
        self.usage, self.warnings = Usage(), []
        step = run_sync(self._resolve(names))
        self.usage, self.warnings = step.usage, step.warnings
        return step.resolution

    async def _resolve(self, names: list[str]) -> PartyStep:
        if not unique_names(names):  # no call, so no session either
            return PartyStep(resolve_parties(names))
        async with LLMSession(self.config, sleep=self._sleep) as session:
            return await resolve_with_llm(session, names)
