"""Further general English forms of casualty reporting: headline passives, figures set beside a
claim (an earlier or a rival count), a couple and a family counted, a part of the bodies. Each
with look-alikes that must not become a claim. Every event, place and person here is invented."""

from __future__ import annotations

import pytest

import extract.offline.casualty_patterns as patterns
from extract.offline.casualty_patterns import find_claims
from extract.offline.extractor import PatternExtractor
from schemas import Article, Outcome

K, W, C, M = Outcome.killed, Outcome.wounded, Outcome.captured, Outcome.missing


def found(sentence: str, **kwargs) -> list[tuple[Outcome, int | None, int | None]]:
    return [(c.outcome, c.count.min, c.count.max) for c in find_claims(sentence, **kwargs)]


POSITIVES = [
    # a headline: people on board with no noun, and a passive without its auxiliary
    ("Ferry sinks off Karsk, 88 onboard feared dead", [(K, 88, 88)]),
    ("All 12 aboard were killed.", [(K, 12, 12)]),
    ("Vemar flood: Pupils killed at village school", [(K, None, None)]),
    ("Miners injured in Tull blast", [(W, None, None)]),
    # "known to have died"; the number of a named group killed
    ("The agency said 19 people were now known to have died in the fire.", [(K, 19, 19)]),
    ("The number of miners killed in the collapse has risen to 23, the ministry said.", [(K, 23, 23)]),
    ("The number of those who died rose to 9.", [(K, 9, 9)]),
    # a part of the bodies
    ("Six of the bodies were found on the shore at Brask.", [(K, 6, 6)]),
    # a couple is two people; one person and their own kin are counted together
    ("The dead included an elderly couple and three members of one family.", [(K, 2, 2), (K, 3, 3)]),
    ("Gunmen killed a young couple in their home.", [(K, 2, 2)]),
    ("The couple were killed when the roof fell.", [(K, 2, 2)]),
    ("A man and his son died in the fire.", [(K, 2, 2)]),
    ("A woman and her three daughters were among the dead.", [(K, 4, 4)]),
    # a plural without an s, or two people joined without a possessive, is a group of no figure
    ("The men were killed in the raid.", [(K, None, None)]),
    ("A woman and her children died.", [(K, None, None)]),
    ("A man and a woman were killed.", [(K, None, None)]),
    ("His brother was killed.", [(K, 1, 1)]),
    ("Gunmen killed the farmer's son.", [(K, 1, 1)]),
    # an object named by a possessive; a clause a verb of telling takes without "that"
    ("The blast that killed her brother Ivo Lent shook the town.", [(K, 1, 1)]),
    ("Ana Ruiz learned her husband had died in the crash.", [(K, 1, 1)]),
    # an earlier or a rival figure set beside the claim: the same victims
    ("The ministry said 80 Vemarese were killed, up from an earlier estimate of at least 60.",
     [(K, 80, 80), (K, 60, None)]),
    ("The army said 12 soldiers were killed, revising an earlier figure of 14.", [(K, 12, 12), (K, 14, 14)]),
    ("Officials said 20 soldiers were killed, far fewer than the 38 reported by the rebels.",
     [(K, 20, 20), (K, 38, 38)]),
    # a toll given as a multiple of another figure
    ("Researchers said the toll was more than double the 300 people the state counted.",
     [(K, 600, None), (K, 300, 300)]),
]

NEGATIVES = [
    "Rebels killed civilians in the village.",  # no figure, and the participle takes an object
    "Young pupils trapped by the flood in Vemar",  # a headline passive names a death or an injury only
    "The number of houses destroyed has risen to 40.",
    "All but four of the dead were children.",  # the four are the others: no group is named
    "Gunmen killed the couple's dog.",  # "the couple's" counts no one
    "Gunmen killed the farmer's dog.",
    "Gunmen killed the men.",  # a group, not one "man"
    "Mourners carried the coffins through the town.",
    "The workshop makes 200 coffins a week.",
    "The toll was double that of 2010.",
    "Many families fear that their sons are among the dead.",
    "Nobody knows whether the guides were among the victims.",
    "The survey counted 40 homes, up from an earlier estimate of 25 buildings.",  # no claim to set it beside
    # some of those on board: the reconciler cannot yet tell such a part from the whole toll
    "A famous chef was among the passengers.",
    "A cargo plane brought home 18 coffins of victims from Karsk.",
]


@pytest.mark.parametrize("sentence, expected", POSITIVES)
def test_general_form_is_read(sentence, expected):
    assert found(sentence) == expected


@pytest.mark.parametrize("sentence", NEGATIVES)
def test_look_alike_is_no_claim(sentence):
    assert find_claims(sentence) == []


def test_a_figure_beside_a_claim_takes_its_victims():
    claims = find_claims("The ministry said 80 Vemarese were killed, up from an earlier estimate of 60.")
    assert [c.victims for c in claims] == ["Vemarese", "Vemarese"]


def test_a_rival_figure_is_credited_to_whoever_the_sentence_says_gave_it():
    text = "Officials estimated that 20 soldiers were killed, far fewer than the 38 reported by the Brask Monitor."
    [extraction] = PatternExtractor().extract([Article(id="a.txt", text=text, wire="Newswire")])
    by_figure = {c.count.min: c for c in extraction.claims}
    assert by_figure[38].claimant.name == "the Brask Monitor"
    assert not by_figure[38].hedged  # the officials' "estimated" is theirs, not the monitor's
    assert by_figure[20].claimant.name != "the Brask Monitor"


def test_a_headline_figure_on_board_is_hedged_by_its_own_words():
    [claim] = find_claims("Ferry sinks off Karsk, 88 onboard likely dead")
    assert claim.hedged and claim.victims == "people on board"


@pytest.mark.parametrize("sentence", [s for s, _ in POSITIVES] + NEGATIVES)
def test_prefilter_keeps_every_new_form(sentence, monkeypatch):
    skipped = find_claims(sentence)
    monkeypatch.setattr(patterns, "_families_to_run", lambda text: list(patterns._FAMILIES))
    assert skipped == find_claims(sentence)


def test_who_revealed_a_death_is_its_claimant():
    text = "Late on Monday Ana Ruiz revealed her husband had died in the blast."
    [extraction] = PatternExtractor().extract([Article(id="a.txt", text=text, wire="Newswire")])
    [claim] = extraction.claims
    assert (claim.outcome, claim.count.min, claim.victims) == (K, 1, "her husband")
    assert "Ana Ruiz" in claim.claimant.name


def test_the_llm_is_asked_about_people_onboard():
    from extract.text.candidates import is_candidate

    assert is_candidate("Ferry sinks, 88 onboard")
