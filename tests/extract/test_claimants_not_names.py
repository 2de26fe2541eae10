"""A word that is no name never becomes a speaker: a weekday, a pronoun-like "Another", a bare
"The", a dateline in capitals, a bullet, a photo code glued to a caption. And the forms that name
a speaker: who sets a toll, "reports X", "admitted", a weekday after the verb. Every place, body
and person here is invented."""

from __future__ import annotations

import pytest

from extract.text.claimants import find_speakers


def names(sentence: str) -> list[str]:
    return [speaker.name for _, speaker in find_speakers(sentence)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Saturday the government said 12 people died.", ["the government"]),
        ("Late on Saturday the army said 9 died.", ["the army"]),
        ("Yesterday officials confirmed 9 deaths.", ["officials"]),
        ("But on Sunday the mayor said 9 died.", ["the mayor"]),
        ("Another said 3 died.", []),
        ("The said 3 died.", []),
        ("Saturday said 9 died.", []),
        ("Others said 9 died.", []),
        ("Another official said 3 died.", ["Another official"]),
        ("KARSK \u2014 The ministry said 40 people were killed.", ["The ministry"]),
        ("KARSK, Vemar (AP) \u2014 The ministry said 40 people were killed.", ["The ministry"]),
        ("PORT BRASK - The coast guard said 40 people were missing.", ["The coast guard"]),
        ("Karsk -- Officials said 40 died.", ["Officials"]),
        ("\u2022 Police said 3 died.", ["Police"]),
        ("320KARSKAIR-AX14(1673019)A Vemar prosecutor said 9 died.", ["A Vemar prosecutor"]),
        ("The Red Cross said 9 died.", ["The Red Cross"]),
        ("Then he said 9 died.", ["he"]),
    ],
)
def test_no_word_that_is_no_name_is_a_speaker(sentence, expected):
    assert names(sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Vemar raises storm's official death count to 34", ["Vemar"]),
        ("Vemar's governor raised the province's official death toll from Storm Ada from 64 to 2,975.",
         ["Vemar's governor"]),
        ("All but four of the bodies were children, reports Karsk Radio.", ["Karsk Radio"]),
        ("BRASK \u2014 The government of Vemar has quietly admitted that the toll may be higher.",
         ["The government of Vemar"]),
        ("In a report to the council, the territory said records show that 1,400 more deaths occurred.",
         ["the territory"]),
        ("Storm Ada caused an estimated 900 deaths, according to a new study from Karsk University \u2014 10 times the official toll.",
         ["a new study from Karsk University"]),
        ("According to the Karsk T.H. Lent School study published in a journal, the toll is closer to 500.",
         ["the Karsk T.H. Lent School study"]),
        ("The storm raised the price of bread.", []),
    ],
)
def test_who_states_a_figure_is_its_speaker(sentence, expected):
    assert names(sentence) == expected


def test_a_weekday_after_the_verb_closes_the_statement():
    sentence = "Ardenia had 50 nationals on the flight, the junior minister Ivo Lent said Thursday, revising a figure."
    [(_, speaker)] = find_speakers(sentence)
    assert speaker.name == "the junior minister Ivo Lent" and not speaker.forward_only
    # "according to X -- an aside" still closes: the figure before it is X's
    [(_, study)] = find_speakers("Storm Ada caused 900 deaths, according to a study \u2014 ten times the toll.")
    assert not study.forward_only


def _claims(text: str):
    from extract.offline.extractor import PatternExtractor
    from schemas import Article

    [extraction] = PatternExtractor().extract([Article(id="crush.txt", text=text)])
    return [(c.count.min, c.claimant.name) for c in extraction.claims]


def test_a_headline_group_is_the_body_that_the_article_names():
    text = (
        "Brask crush: police say 21 dead, supporters put toll at 27\n\n"
        "The death toll has reached 21, police said on Wednesday.\n\n"
        "The Brask Supporters' Club said 27 people had died.\n"
    )
    assert (27, "The Brask Supporters' Club") in _claims(text)
    assert (27, "supporters") not in _claims(text)


def test_a_caption_printed_twice_states_its_figure_once():
    text = "Five people remain in hospital in Karsk.\n\nFive people remain in hospital in Karsk.\n\nThe mayor spoke.\n"
    assert [figure for figure, _ in _claims(text)] == [5]
