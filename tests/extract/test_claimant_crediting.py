"""Who a claim belongs to when the article names its speaker only elsewhere: cues for messages,
headlines and passive reports, and the extractor's pass that credits such claims.

Every sentence here is invented (the Orva ferry, the Varnian Ferry Line); no corpus text.
"""

from __future__ import annotations

import pytest

from extract.offline.extractor import PatternExtractor
from extract.text.claimants import find_speaker, reports_unnamed_speaker
from schemas import Article, Claimant, Outcome


def _claims(text: str, wire: str | None = None):
    [extraction] = PatternExtractor().extract([Article(id="ferry.txt", text=text, wire=wire)])
    assert extraction.error is None
    return extraction.claims


@pytest.mark.parametrize(
    "sentence, name",
    [
        # "told" with whom it was told, then the words: a cue of its own
        ("In its notice, the ferry company told relatives \u201cwe fear the worst\u201d.", "the ferry company"),
        ("The harbour master told families that the search would go on.", "The harbour master"),
        # a document's words: "The message read: ..."
        ("The message read: \u201cWe regret that no one was found alive.\u201d", "The message"),
        # a headline's title-case cue
        ("Ferry Sank In Storm With All Aboard, Governor Says", "Governor"),
        # the agent of a document that "says" something
        ("Reporters saw a notice posted by the port authority saying no one survived.", "the port authority"),
    ],
)
def test_cues_for_messages_headlines_and_documents(sentence, name):
    speaker = find_speaker(sentence)
    assert (speaker.name if speaker else None) == name


def test_told_without_words_or_in_the_passive_is_no_cue():
    assert find_speaker("The captain told the crew to leave the deck.") is None
    assert find_speaker("Relatives were told that the divers had stopped.") is None
    assert find_speaker("Families told by text message that the divers had stopped") is None
    assert find_speaker("The sign reads \u201cNo entry\u201d.") is None  # a sign is no speaker


@pytest.mark.parametrize(
    "sentence, unnamed",
    [
        ("Relatives have been told that no one survived.", True),
        ("Families told by text message that all aboard were lost", True),
        ("The families were informed on Monday that the ferry sank.", True),
        ("The ferry company said no one survived.", False),
        ("The crew told reporters nothing.", False),
    ],
)
def test_reports_unnamed_speaker(sentence, unnamed):
    assert reports_unnamed_speaker(sentence) is unnamed


def test_passive_report_takes_the_speaker_of_the_same_claim_named_later():
    text = (
        "Orva ferry: families told by text message that no one survived\n"
        "\n"
        "Relatives of those on the Orva ferry have been told that no one survived.\n"
        "In the message, the Varnian Ferry Line told relatives \u201cthe search has ended\u201d.\n"
        "It said: \u201cWe must accept that none of those on board survived.\u201d\n"
    )
    claims = [c for c in _claims(text) if c.outcome is Outcome.killed]
    assert len(claims) == 3
    assert {c.claimant.label() for c in claims} == {"the Varnian Ferry Line"}


def test_passive_report_keeps_its_own_figure_and_no_speaker_of_another_figure():
    text = (
        "Relatives have been told that 12 passengers were killed.\n"
        "The ferry company said 30 passengers were killed.\n"
    )
    twelve, thirty = _claims(text)
    assert twelve.count.min == 12 and twelve.claimant == Claimant(name="the article", role="unattributed")
    assert thirty.claimant.label() == "The ferry company"


def test_passive_report_with_no_named_speaker_stays_the_outlets():
    claims = _claims("Relatives have been told that no one survived.\n", wire="Reuters")
    assert [c.claimant for c in claims] == [Claimant(name="Reuters", role="own reporting")]


def test_headline_role_is_the_person_the_body_names_with_that_role():
    text = (
        "Ferry Sank In Storm With All Lost, Premier Says\n"
        "\n"
        "Varnia's prime minister, Ilse Mardov, said on Monday that no one survived the sinking.\n"
    )
    headline, body = _claims(text)
    assert headline.evidence.quote.startswith("Ferry Sank")
    assert headline.claimant == body.claimant
    assert body.claimant.label() == "Varnia's prime minister, Ilse Mardov"


def test_headline_role_no_body_speaker_has_stays_the_role():
    text = "Ferry Sank In Storm With All Lost, Governor Says\n\nThe coastguard said no one survived.\n"
    headline, _ = _claims(text)
    assert headline.claimant.label() == "Governor"


def test_closing_he_said_credits_the_named_speaker_of_the_open_quotation():
    text = (
        "Coastguard chief Piet Larsen said it was \u201ca dark day for the lake.\n"
        "\n"
        "All 41 of the passengers are presumed to have drowned,\u201d he said.\n"
    )
    [claim] = _claims(text, wire="Reuters")
    assert claim.count.min == 41 and "Piet Larsen" in claim.claimant.label()


def test_the_messages_read_is_the_last_named_sender():
    text = (
        "The Varnian Ferry Line said it had called most families in person.\n"
        "The text messages read: \u201cWe regret that none of those on board survived.\u201d\n"
    )
    [claim] = _claims(text, wire="Reuters")
    assert claim.claimant.label() == "The Varnian Ferry Line"
