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
        "Ferry chief Ivo Lent told reporters on Monday that the list was not final.\n\n"
        "Lent says in some cases the victims' nationality is not clear.\n\n"
        "There were two victims each from Norway, Sweden and Chile. One victim each came from Kenya and Portugal.\n\n"
        "Two Finns also died.\n"
    )
    claims = _by_figure(_claims(text))
    assert claims["two"] == claims["One"] == "Lent"
    assert claims["Two"] == "AP"  # a sentence of the reporter's own, no list going on: the article's


def test_a_breakdown_by_place_goes_on_from_a_figure_for_one_place():
    text = (
        "Civil Defence leader Ana Roth Vidal sent out a tweet on Saturday saying 40 of those deaths were in Brask.\n\n"
        "Orlen province accounted for 12, Vesk for 5 and Tarn for one.\n"
    )
    claims = _by_figure(_claims(text))
    assert claims["40"] == claims["12"] == claims["5"] == "Civil Defence leader Ana Roth Vidal"


def test_a_breakdown_after_a_speaker_who_gave_no_such_figure_stays_the_article_s():
    previous = "The state of Orlen was hardest hit with 42 deaths, according to its governor."
    assert not continues_breakdown(previous, "Vesk saw 11 deaths, while Tarn recorded eight deaths.")
    assert not continues_breakdown("The mayor said she was devastated.", "There were 12 dead in Brask and 5 in Vesk.")
    assert not continues_breakdown("He gave 40 in Brask.", "\u201cWe counted 12 in Vesk and 5 in Tarn,\u201d a nurse said.")


def test_a_headline_crediting_a_country_echoes_the_body_s_speaker_of_that_figure():
    text = (
        "Norway moves ferry death toll down to 48\n"
        "Civil Defence coordinator Ana Roth said in a tweet on Wednesday that officials now count 48 dead.\n"
    )
    claims = _claims(text)
    assert {c.claimant.name for c in claims} == {"Civil Defence coordinator Ana Roth"}


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
    assert find_speakers("As of Wednesday, the ferry company had counted two victims each from Chile and Kenya.")[0][1].name == "the ferry company"
    assert find_speakers("Orlen state, to the west, recorded eight deaths.") == []  # a place records no figure of its own
    assert find_speakers("The sinking caused 300 deaths, new study estimates")[0][1].name == "new study"
    sentence = (
        "Published on Tuesday, researchers from the Brask School of Medicine looked at deaths caused by the storm, "
        "estimating that there were 4,600 additional deaths."
    )
    assert find_speakers(sentence)[0][1].name == "researchers from the Brask School of Medicine"


def test_a_figure_a_relative_clause_credits_belongs_to_that_clause_s_subject():
    sentence = "Researchers said on Tuesday the toll was more than double the 1,400 people the Norwegian government calculated."
    assert figure_credited_to(sentence, sentence.index("1,400")).name == "the Norwegian government"
    sentence = "The army killed 40 people the police said were fighters."
    assert figure_credited_to(sentence, sentence.index("40")) is None
    claims = _by_figure(_claims(sentence.replace("army killed 40 people the police said were fighters", "storm killed 40 people") +
                                " Researchers said the toll was more than double the 1,400 people the Norwegian government calculated."))
    assert claims["1,400"] == "the Norwegian government"
