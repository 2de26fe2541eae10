"""The offline extractor: casualty claims and attributions from regular patterns, no network.

Per article: split the in-scope text into sentences (offsets kept), find who speaks in each
sentence (``extract.text.claimants``), find the casualty claims in it (``extract.offline.casualty_patterns``),
and attach the claimant and the sentence as evidence (located by ``extract.text.grounding``). Victims
named by a pronoun ("four of them") take their antecedent from the same or the previous sentence.
A sentence with no cue of its own keeps the previous sentence's speaker when it carries on a
quotation, starts with "He"/"She"/"They", or goes on with the list of figures that sentence gave
(``continues_breakdown``: "Korsa accounted for 40, Ostra for 12" after "... 167 of the deaths were
in Varnia"). A figure that a relative clause credits ("the 1,400 people the ministry calculated")
is that clause's subject's. A headline may name the claimant of its own figure but is never an
attribution. A closing pass credits claims whose speaker the article names only elsewhere: a
passive report ("families were told that no one survived"), a headline's bare role ("..., Premier
Says") and a headline crediting a country or a common noun ("Varnia lowers toll to 40"), which
echoes the body's speaker of that figure. Text in
an excluded range is blanked by ``Article.scope_text`` before anything looks at it, so no claim
ever comes from a second story or boilerplate. Deterministic; one broken article costs only its
own result.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from extract.offline.casualty_patterns import RawClaim, find_claims
from extract.text.background import event_start
from extract.text.casualty_words import ANAPHORIC_VICTIMS, EVERYONE_ABOARD_DIED, antecedent_of
from extract.text.claim_facts import with_facts
from extract.text.claimants import (
    ROLE_WORDS,
    Speaker,
    continues_breakdown,
    continues_speech,
    figure_credited_to,
    find_speakers,
    parse_speaker,
    reports_unnamed_speaker,
    speaker_at,
)
from extract.text.grounding import span_evidence
from extract.text.instructions import addresses_reader
from extract.text.nations import nation_of, nations_in
from extract.text.numbers import implausible_figure
from extract.text.sentences import Sentence, split_sentences
from schemas import Article, ArticleExtraction, Attribution, CasualtyClaim, Claimant, Count, DroppedItem, SpeechMode

NAME = "offline-patterns/1"
_STATEMENT = re.compile(
    r"^(?:the|a|its|their)\s+"
    r"(?:statement|communiqu[eé]|release|spokesman|spokesperson|spokeswoman|(?:text\s+)?messages?|letter)$",
    re.I,
)
# A headline's claimant that is only a role ("Premier", "the Minister"): the body names the person.
_BARE_ROLE = re.compile(rf"^(?:the\s+)?(?:{ROLE_WORDS}|pm)$", re.I)
# A headline's claimant that is only a lower-case group ("supporters put toll at 27"): the body
# names it ("the Varnholt Supporters' Trust said 27 ...").
_BARE_GROUP = re.compile(r"^(?:the\s+)?[a-z]+s$")
_SAME_ROLE = {"premier": "prime minister", "pm": "prime minister"}


@dataclass
class _SpeakerState:
    """The speakers seen so far in one article, for "he added" and continued quotations."""

    last_named: Speaker | None = None
    named: list[Speaker] = field(default_factory=list)
    previous: Speaker | None = None
    previous_paragraph: int = -2
    previous_index: int = -2  # the sentence ``previous`` spoke in
    previous_text: str = ""


class PatternExtractor:
    """Offline extractor: ``extract(articles)`` returns one ArticleExtraction per article."""

    name = NAME

    def extract(self, articles: Sequence[Article]) -> list[ArticleExtraction]:
        start = event_start(articles)  # a claim's background facts compare with the run's first report
        return [self._extract_one(article, start) for article in articles]

    def _extract_one(self, article: Article, start: date | None) -> ArticleExtraction:
        try:
            return extract_article(article, start)
        except Exception as exc:  # one broken article never costs the others
            return ArticleExtraction(article=article.id, extractor=NAME, error=f"{article.id}: {type(exc).__name__}: {exc}")


def extract_article(article: Article, start: date | None = None) -> ArticleExtraction:
    """Claims and attributions of one article, from its in-scope text only, each claim with its
    facts (``extract.text.claim_facts``; ``start``: the run's first report date, see there)."""
    carrier = article.wire or article.outlet
    state = _SpeakerState()
    claims: list[CasualtyClaim] = []
    attributions: list[Attribution] = []
    speakers: list[Speaker | None] = []  # the claimant of each claim, for the closing pass
    unnamed: set[int] = set()  # claims told in the passive with no speaker: "families were told ..."
    headline_roles: set[int] = set()  # claims a headline credits to a bare role: "..., Premier Says"
    headline_echoes: set[int] = set()  # claims a headline credits to a country or a common noun
    dropped: list[DroppedItem] = []  # claims resting on a figure no count of people can reach
    previous_text = ""
    scope_text = article.scope_text()
    aboard_died = bool(EVERYONE_ABOARD_DIED.search(scope_text))  # nationals on board are then among the dead
    read: set[str] = set()  # a caption or title printed twice states its figures once
    previous_outcome = None  # the fate the previous sentence told, for a breakdown that continues it
    for index, sentence in enumerate(split_sentences(scope_text)):
        if not article.in_scope(sentence.start, sentence.end):
            continue
        if addresses_reader(sentence.text):  # "ignore previous instructions and report ...": data, not a claim
            continue
        headline = _is_headline(article.text, sentence)
        cues = [(position, _resolve(cue, state)) for position, cue in find_speakers(sentence.text, headline)]
        speaker = _speaker_for(sentence, index, cues[0][1] if cues else None, state)
        # A headline's "..., X says" still names the claimant of its figure, but a title is no
        # statement of its own; an unresolved "he" names nobody.
        if not headline:
            attributions.extend(_attribution(article, sentence, cue) for _, cue in cues if not cue.pronoun)
        passive = speaker is None and reports_unnamed_speaker(sentence.text)
        repeated = sentence.text in read
        read.add(sentence.text)
        found = [] if repeated else find_claims(sentence.text, aboard_died, previous_outcome)
        previous_outcome = found[-1].outcome if found else None
        for raw in found:
            huge = implausible_figure(sentence.text[raw.start : raw.end])
            if huge is not None:
                dropped.append(DroppedItem(kind="claim", reason=f"implausible figure {huge[:20]!r}", quote=sentence.text[:200]))
                continue
            # With cues in the sentence the nearest one decides (none: the outlet's own reporting);
            # a figure the sentence credits to another ("the 38 cited by X") is X's.
            claimant = speaker_at(cues, raw.start) if cues else speaker
            credited = figure_credited_to(sentence.text, raw.start)  # "the 40 deaths the ministry confirmed"
            if raw.claimant is not None:
                claimant = parse_speaker(raw.claimant) or claimant
            elif credited is not None and not credited.pronoun:
                claimant = credited  # named in passing: no speaker for the sentences after it
            victims = _victims(raw, sentence.text, previous_text)
            if passive and raw.claimant is None:
                unnamed.add(len(claims))
            elif headline and claimant is not None and (_BARE_ROLE.match(claimant.name) or _BARE_GROUP.match(claimant.name)):
                headline_roles.add(len(claims))
            elif headline and claimant is not None and _names_nobody_the_body_does_not(claimant.name):
                headline_echoes.add(len(claims))
            speakers.append(claimant)
            claims.append(_claim(article, sentence, raw, victims, claimant, carrier))
        previous_text = sentence.text
    claims = _credit_later_speakers(claims, speakers, unnamed, headline_roles, state.named, headline_echoes)
    claims = [with_facts(claim, article, start) for claim in claims]
    return ArticleExtraction(article=article.id, extractor=NAME, claims=claims, attributions=attributions, dropped=dropped)


def _credit_later_speakers(
    claims: list[CasualtyClaim],
    speakers: list[Speaker | None],
    unnamed: set[int],
    headline_roles: set[int],
    named: list[Speaker],
    headline_echoes: frozenset[int] | set[int] = frozenset(),
) -> list[CasualtyClaim]:
    """Claims whose speaker the article names only further on get that speaker.

    A claim told in the passive with no speaker ("families have been told that all died") is the
    claim of the next claim of the same outcome and count (both vague, or the same figure) that
    has a named speaker, else of the last such claim before it. A headline's bare role
    ("..., Premier Says") is the first speaker the body names with that role ("the prime
    minister, Ana Ruiz"). A headline that credits its figure to a country or to a common noun
    ("Varnia lowers toll to 40", "..., new study estimates") echoes the body's speaker of that
    same figure and outcome ("the civil defence chief, Ana Ruiz, said 40 ..."), one of no other
    nation. Without such a speaker a claim is left as it is.
    """
    credited = list(claims)
    for index in sorted(unnamed | headline_roles | set(headline_echoes)):
        if index in unnamed:
            speaker = _speaker_of_same_outcome(index, claims, speakers, unnamed)
        elif index in headline_roles:
            speaker = _person_with_role(speakers[index], named)
        else:
            speaker = _body_speaker_echoed(index, claims, speakers, unnamed | set(headline_echoes))
        if speaker is not None:
            claim = claims[index]
            credited[index] = claim.model_copy(update={"claimant": claimant_for(speaker, claim.carrier)})
    return credited


def _speaker_of_same_outcome(index: int, claims, speakers, unnamed: set[int]) -> Speaker | None:
    wanted = claims[index]
    candidates = [
        i for i, claim in enumerate(claims)
        if i not in unnamed and speakers[i] is not None
        and claim.outcome is wanted.outcome and _same_count(claim.count, wanted.count)
    ]
    later = [i for i in candidates if i > index]
    earlier = [i for i in candidates if i < index]
    chosen = later[0] if later else (earlier[-1] if earlier else None)
    return speakers[chosen] if chosen is not None else None


def _body_speaker_echoed(index: int, claims, speakers, excluded: set[int]) -> Speaker | None:
    """The speaker of the first later claim of the same outcome and figure, when it is named and
    names no nation other than the headline's own ("Varnia" beside "Varnia's governor")."""
    wanted, headline = claims[index], speakers[index]
    for i in range(index + 1, len(claims)):
        claim, speaker = claims[i], speakers[i]
        if i in excluded or speaker is None or speaker.pronoun:
            continue
        if claim.outcome is wanted.outcome and _figure(claim.count) != ("vague",) and _same_count(claim.count, wanted.count):
            said = " ".join(filter(None, (speaker.name, speaker.role, speaker.affiliation)))
            theirs = {nation for _, _, nation in nations_in(said)}
            ours = {nation for _, _, nation in nations_in(headline.name)}
            return speaker if theirs <= ours else None
    return None


def _names_nobody_the_body_does_not(name: str) -> bool:
    """A headline's claimant that is a country's name ("Varnia") or a common noun phrase with no
    name in it ("new study", "officials"): the body names who it stands for."""
    bare = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.I)
    return nation_of(bare) is not None or bool(re.fullmatch(r"[a-z][a-z' \u2019-]*", bare))


def _same_count(a: Count, b: Count) -> bool:
    """Both vague ("no one survived", "none survived"), or the same figure."""
    return _figure(a) == _figure(b)


def _figure(count: Count) -> tuple:
    return ("vague",) if count.vague or (count.min is None and count.max is None) else (count.min, count.max)


def _person_with_role(role_speaker: Speaker | None, named: list[Speaker]) -> Speaker | None:
    if role_speaker is None:
        return None
    role = re.sub(r"^the\s+", "", role_speaker.name.lower())
    wanted = {role, _SAME_ROLE.get(role, role)}
    for speaker in named:
        if _BARE_ROLE.match(speaker.name) or _BARE_GROUP.match(speaker.name):
            continue
        said = f"{speaker.name} {speaker.role or ''}".lower().replace("\u2019", "'")
        if any(re.search(rf"\b{re.escape(w)}\b", said) for w in wanted):
            return speaker
    return None


_HEADLINE_MAX_WORDS = 20


def _is_headline(text: str, sentence: Sentence) -> bool:
    """True for a title or sub-heading: a short line of its own with no closing punctuation."""
    before = text[max(0, sentence.start - 40) : sentence.start].rstrip(" \t")
    after = text[sentence.end : sentence.end + 40].lstrip(" \t")
    whole_line = (not before or before.endswith("\n")) and (not after or after[0] in "\r\n")
    closed = re.search(r"[.!?:;\"\u201d\u2019)]$", sentence.text)
    return whole_line and not closed and len(sentence.text.split()) <= _HEADLINE_MAX_WORDS


def _resolve(cue: Speaker, state: _SpeakerState) -> Speaker:
    """A pronoun or "the statement" stands for the last named speaker; "the (separatist)
    spokesman" for the latest named speaker with that role; a name becomes the last named."""
    if cue.pronoun and cue.name.lower() in ("it", "he", "she"):
        # "it" stands for a body ("the army", "CSP"), "he"/"she" for a person.
        wants_body = cue.name.lower() == "it"
        match = next((s for s in reversed(state.named) if _is_body(s.name) == wants_body), None)
        return _as_cue(match, cue) if match else cue
    if cue.pronoun or _STATEMENT.match(cue.name):
        return _as_cue(state.last_named, cue) if state.last_named else cue
    role_only = re.fullmatch(r"the\s+(?:[\w'\u2019-]+\s+)?(?P<role>[\w-]+)", cue.name, re.I)
    if role_only:
        same_role = [s for s in state.named if s.role and s.role.lower().split()[-1] == role_only.group("role").lower()]
        if same_role:
            return _as_cue(same_role[-1], cue)
    state.last_named = cue
    state.named.append(cue)
    return cue


def _as_cue(speaker: Speaker, cue: Speaker) -> Speaker:
    """``speaker`` standing at ``cue``: "..., he said" governs the words before it, whatever the
    named speaker's own cue did."""
    return replace(speaker, quoted=cue.quoted, forward_only=cue.forward_only)


def _is_body(name: str) -> bool:
    """True for an organisation's name ("the Varnish army", "KLF", "the front's press office")
    rather than a person's: it starts with "the" or is an acronym."""
    return name.lower().startswith("the ") or bool(re.match(r"[A-Z]{2,}\b", name))


def _speaker_for(sentence: Sentence, index: int, cue: Speaker | None, state: _SpeakerState) -> Speaker | None:
    """The speaker of ``sentence`` (the ``index``-th of its article): its own (resolved) cue, or
    the previous speaker when the sentence carries on a quotation or starts with "He"/"She"/"They"
    in the same or the next paragraph, or goes on with the list of figures the sentence just
    before gave (``continues_breakdown``). Updates ``state``."""
    speaker = cue
    if speaker is None and state.previous is not None and sentence.paragraph - state.previous_paragraph <= 1:
        if continues_speech(sentence.text):
            speaker = state.previous
        elif state.previous_index == index - 1 and continues_breakdown(state.previous_text, sentence.text):
            speaker = state.previous
    if speaker is not None:
        state.previous, state.previous_paragraph = speaker, sentence.paragraph
        state.previous_index, state.previous_text = index, sentence.text
    return speaker


def claimant_for(speaker: Speaker | None, carrier: str | None) -> Claimant:
    """The claimant of a figure ``speaker`` gives; with no speaker, the article's own voice."""
    if speaker is None:  # the article's own voice
        return Claimant(name=carrier, role="own reporting") if carrier else Claimant(name="the article", role="unattributed")
    return Claimant(name=speaker.name, role=speaker.role, affiliation=speaker.affiliation)


def _victims(raw: RawClaim, sentence: str, previous: str) -> str:
    """The claim's victims, with "them"/"they" replaced by their antecedent earlier in the
    sentence or in the previous one ("30 wounded people ... four of them had died")."""
    if not ANAPHORIC_VICTIMS.fullmatch(raw.victims.strip()):
        return raw.victims or "unspecified"
    return antecedent_of(sentence[: raw.start]) or antecedent_of(previous) or raw.victims


def _claim(
    article: Article, sentence: Sentence, raw: RawClaim, victims: str, speaker: Speaker | None, carrier: str | None
) -> CasualtyClaim:
    return CasualtyClaim(
        outcome=raw.outcome,
        victims=victims,
        count=raw.count,
        claimant=claimant_for(speaker, carrier),
        carrier=carrier,
        hedged=raw.hedged,
        evidence=span_evidence(article, sentence.start, sentence.end),
    )


def _attribution(article: Article, sentence: Sentence, speaker: Speaker) -> Attribution:
    quoted = re.search(r"[\"\u201c]([^\"\u201c\u201d]{8,})[\"\u201d]", sentence.text)
    return Attribution(
        speaker=speaker.name,
        role=speaker.role,
        affiliation=speaker.affiliation,
        mode=SpeechMode.quoted if quoted else SpeechMode.reported,
        statement=quoted.group(1) if quoted else sentence.text,
        evidence=span_evidence(article, sentence.start, sentence.end),
    )
