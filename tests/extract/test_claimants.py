"""Attribution cues name the speaker, with role and affiliation from an apposition."""

from __future__ import annotations

import pytest

from extract.text.claimants import (
    continues_speech,
    find_speaker,
    find_speakers,
    parse_speaker,
    speaker_at,
    speaker_phrase,
)


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Four rangers were killed in the raid.", None),  # no cue, no speaker
        ("The statement said four rangers were killed.", "The statement"),
        ("\u201cWe hold the pass,\u201d said Ana Ruiz, spokeswoman for the Valley Front.", "Ana Ruiz"),
        ("\u201cThe pass is ours,\u201d a local trader told Reuters.", "a local trader"),
        ("According to the ministry, nine people died.", "the ministry"),
        ("Tomas Vik, a member of the river council, claimed that dozens were held.", "Tomas Vik"),
        ("Regional bloggers have estimated that 20 guards died.", "Regional bloggers"),
        ("But the navy said its boats had withdrawn.", "the navy"),
        ("Weapons were seized, he added.", "he"),
        ("No toll was given, but the front's spokesman shared videos showing bodies.", "the front's spokesman"),
        # clean speakers only: clause fragments and "both sides" name nobody
        ("The ferry sank on Monday, not on Sunday as the navy has said.", "the navy"),
        ("Nine people died, according to both sides.", None),
        ("Neither side has said how many people died.", None),
        ("The men were \"treated according to the rules of war\".", None),
        ("Nine people died, according to the port authority.", "the port authority"),
        ("At least 8 people died, the mayor told local radio.", "the mayor"),
        ("The tally continued to rise, the agency said.", "the agency"),
        ("It began at dawn, according to residents interviewed by the Herald.", "residents interviewed by the Herald"),
    ],
)
def test_find_speaker_names_the_speaker_or_nobody(sentence, name):
    speaker = find_speaker(sentence)
    assert (speaker.name if speaker else None) == name


def test_apposition_gives_role_and_affiliation():
    speaker = parse_speaker("Ana Ruiz, spokeswoman for the Valley Front")
    assert (speaker.name, speaker.role, speaker.affiliation) == ("Ana Ruiz", "spokeswoman", "the Valley Front")
    member = parse_speaker("Tomas Vik, a member of the river council")
    assert (member.role, member.affiliation) == ("member", "the river council")


def test_pronouns_are_marked_for_resolution():
    assert parse_speaker("he").pronoun
    assert not parse_speaker("the ministry").pronoun


def test_coordinated_predicate_takes_the_sentence_subject():
    speaker = find_speaker("The river council condemned the raid and claimed that a drone killed 12 herders.")
    assert speaker.name == "The river council"


def test_participle_cue_takes_the_sentence_subject():
    speaker = find_speaker("Ana Ruiz, the spokeswoman for the front, described the raid, acknowledging two losses.")
    assert speaker.name == "Ana Ruiz" and speaker.role == "spokeswoman"


def test_each_claim_takes_the_nearest_cue():
    sentence = "The front stated that it had killed 12 guards, while a rival group claimed to have killed 30 guards."
    speakers = find_speakers(sentence)
    assert speaker_at(speakers, sentence.index("12")).name == "The front"
    assert speaker_at(speakers, sentence.index("30")).name == "a rival group"


def test_forward_cue_does_not_govern_earlier_text():
    sentence = "Raids killed 10 herders, while the front claimed it had killed 30 guards."
    speakers = find_speakers(sentence)
    assert speaker_at(speakers, sentence.index("10")) is None


def test_continued_speech():
    assert continues_speech("\u201cOthers fled.\u201d")
    assert continues_speech("He also shared videos of the raid.")
    assert not continues_speech("The district lies on the border.")


@pytest.mark.parametrize(
    "subject, phrase",
    [
        ("A river coalition on Sunday", "A river coalition"),
        ("A clerk in Brask, speaking on condition of anonymity", "A clerk in Brask"),
        ("men and women wept openly and one mother", "one mother"),
        ("Mayor Hesper Lund", "Mayor Hesper Lund"),
        ("the Tarn Relief Society", "the Tarn Relief Society"),
        ("Local officials in Brask", "Local officials in Brask"),
        ("the report", "the report"),
        ("Witnesses", "Witnesses"),
    ],
)
def test_speaker_phrase_keeps_the_noun_phrase(subject, phrase):
    assert speaker_phrase(subject) == phrase


@pytest.mark.parametrize(
    "subject",
    [
        'the rules of engagement"',  # a quoted clause fragment
        "not on Monday as the navy",
        "Neither side",
        "sides",
        "Hikers and rangers swap",  # a headline verb, not a noun
        "the crew members of the ferry broke down in tears at the news",
        "some relatives of the crew wept",
        "Sources told the Herald that the ferry",
    ],
)
def test_speaker_phrase_drops_fragments(subject):
    assert speaker_phrase(subject) is None


def test_closing_according_to_governs_the_text_before_it():
    sentence = "The blast killed nine, according to the port authority."
    assert speaker_at(find_speakers(sentence), sentence.index("nine")).name == "the port authority"


def test_role_first_apposition_with_an_affiliation():
    speaker = find_speaker("Nine people died, the mayor of Brask, Ivo Lent, said on Monday.")
    assert (speaker.name, speaker.role, speaker.affiliation) == ("Ivo Lent", "mayor", "Brask")


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("The Tarn Red Crescent put the death toll at 33.", "The Tarn Red Crescent"),
        ("Seven people died, the agency said today.", "the agency"),
    ],
)
def test_cue_governs_the_figure_before_it(sentence, name):
    speakers = find_speakers(sentence)
    figure = next(word for word in ("33", "Seven") if word in sentence)
    assert speaker_at(speakers, sentence.index(figure)).name == name


@pytest.mark.parametrize(
    "sentence, second",
    [
        ("The army said 12 rebels died, while a militia allied with the rebels claimed that 40 soldiers were killed.",
         "a militia allied with the rebels"),
        ("Police said two people were hurt, but a group linked to the protesters said nine were wounded.",
         "a group linked to the protesters"),
    ],
)
def test_a_second_clause_opened_by_a_conjunction_names_its_own_speaker(sentence, second):
    speakers = find_speakers(sentence)
    assert len(speakers) == 2
    position = sentence.index(second)
    assert speaker_at(speakers, position + len(second) + 10).name == second
