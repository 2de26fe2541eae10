"""Whose figure a sentence gives when its speaker is named elsewhere: a list of figures that goes on
from the sentence before, a headline that credits a country or a common noun, a figure a relative
clause credits, and the cues of headlines and tallies. Invented text (the Orva ferry, Brask)."""

from __future__ import annotations

from extract.offline.extractor import PatternExtractor
from extract.text.claimants import continues_breakdown, figure_credited_to, find_speakers
from schemas import Article


def _claims(text: str, wire: str | None = "AP"):
    [extraction] = PatternExtractor().extract([Article(id="orva.txt", text=text, wire=wire)])
    assert extraction.error is None
    return extraction.claims


def _by_figure(claims):
    return {claim.count.text: claim.claimant.name for claim in claims}


def test_a_breakdown_by_nation_after_the_speaker_s_words_on_nationality_is_still_his():
    text = (
        "Ivo Lent, the ferry line's director, told reporters the passenger list was still being checked.\n\n"
        "Lent says the nationality of several victims is uncertain because some held two passports.\n\n"
        "Three victims each were from Norway, Sweden and Chile. One victim each was from Kenya and Portugal.\n\n"
        "Two Finns also died.\n"
    )
    claims = _by_figure(_claims(text))
    assert claims["Three"] == claims["One"] == "Lent"
    assert claims["Two"] == "AP"  # a sentence of the reporter's own, no list going on: the article's


def test_a_breakdown_by_place_goes_on_from_a_figure_for_one_place():
    text = (
        "Coastguard chief Pia Moen posted a message on Monday saying 40 of the dead were in Brask.\n\n"
        "Orlen district accounted for 12, Vesk for 5 and Tarn for one.\n"
    )
    claims = _by_figure(_claims(text))
    assert claims["40"] == claims["12"] == claims["5"] == "Coastguard chief Pia Moen"


def test_a_breakdown_after_a_speaker_who_gave_no_such_figure_stays_the_article_s():
    previous = "The state of Orlen was hardest hit with 42 deaths, according to its governor."
    assert not continues_breakdown(previous, "Vesk saw 11 deaths, while Tarn recorded eight deaths.")
    assert not continues_breakdown("The mayor said she was devastated.", "There were 12 dead in Brask and 5 in Vesk.")
    assert not continues_breakdown("He gave 40 in Brask.", "\u201cWe counted 12 in Vesk and 5 in Tarn,\u201d a nurse said.")


def test_a_headline_crediting_a_country_echoes_the_body_s_speaker_of_that_figure():
    text = (
        "Norway lowers ferry death toll to 48\n"
        "Coastguard coordinator Ana Roth told reporters on Wednesday that 48 people had died.\n"
    )
    claims = _claims(text)
    assert {c.claimant.name for c in claims} == {"Coastguard coordinator Ana Roth"}


def test_a_headline_crediting_a_country_keeps_it_when_the_body_gives_another_figure_or_nation():
    claims = _claims("Norway raises ferry death toll to 48\nThe Swedish ministry said 48 people died.\n")
    assert {c.claimant.name for c in claims if c.evidence.start == 0} == {"Norway"}
    claims = _claims("Norway raises ferry death toll to 48\nThe coastguard said 50 people died.\n")
    assert {c.claimant.name for c in claims if c.evidence.start == 0} == {"Norway"}


def test_headline_cues_metadata_and_title_case():
    assert find_speakers("date 2024-05-01 Norway raises ferry death toll to 34")[0][1].name == "Norway"
    assert find_speakers("Norway Raises Ferry Death Toll to nearly 300")[0][1].name == "Norway"
    assert find_speakers("Toll rises to 40: official", headline=True)[0][1].name == "official"
    assert find_speakers("At least 12 Swedes among dead in ferry sinking: Orva Lines", headline=True)[0][1].name == "Orva Lines"
    assert find_speakers("The 12 dead include: Ana Roth", headline=True) == []
    assert find_speakers("Among the 12 dead: Ana Roth") == []  # in a body, a colon names no source


def test_a_tally_and_an_estimate_are_cues():
    assert find_speakers("By Monday night the ferry company had counted 14 victims from Chile.")[0][1].name == "the ferry company"
    assert find_speakers("Orlen state, to the west, recorded eight deaths.") == []  # a place records no figure of its own
    assert find_speakers("Ferry toll far above 300, new survey estimates")[0][1].name == "new survey"
    sentence = (
        "In a paper out on Tuesday, scientists at the Brask institute examined hospital records, "
        "estimating that 300 more people died than usual."
    )
    assert find_speakers(sentence)[0][1].name == "scientists at the Brask institute"


def test_a_figure_a_relative_clause_credits_belongs_to_that_clause_s_subject():
    sentence = "Scientists said the real toll was about three times the 1,400 deaths the Norwegian health ministry certified."
    assert figure_credited_to(sentence, sentence.index("1,400")).name == "the Norwegian health ministry"
    other = "The army killed 40 people the police said were fighters."
    assert figure_credited_to(other, other.index("40")) is None
    claims = _by_figure(_claims("The ferry sank on Monday. " + sentence))
    assert claims["1,400"] == "the Norwegian health ministry"
