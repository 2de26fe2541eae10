"""Sentence splitting keeps offsets and does not split at abbreviations."""

from __future__ import annotations

from extract.text.sentences import article_sentences, split_sentences


def test_offsets_point_into_the_text():
    text = "Title line\n\nFirst one here. Second one follows!\nA third, in a new paragraph."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "Title line",
        "First one here.",
        "Second one follows!",
        "A third, in a new paragraph.",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]


def test_abbreviations_and_initials_do_not_end_sentences():
    text = "A junta led by Col. Jane Doe met U.S. envoys. Mr. Roe and George W. Bush spoke."
    assert [s.text for s in split_sentences(text)] == [
        "A junta led by Col. Jane Doe met U.S. envoys.",
        "Mr. Roe and George W. Bush spoke.",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = "\u201cWe are leaving.\u201d The mayor said so. \"Others stayed.\""
    assert [s.text for s in split_sentences(text)] == ["\u201cWe are leaving.\u201d", "The mayor said so.", "\"Others stayed.\""]


def test_quoted_comma_does_not_split():
    text = "\u201cThe town is ours,\u201d said a rebel leader, adding that more would follow."
    assert len(split_sentences(text)) == 1


def test_blank_text_has_no_sentences():
    assert split_sentences("  \n\n   ") == []


def test_article_sentences_carry_the_article_and_skip_excluded_text():
    from schemas import ExcludedRange
    from tests.support.builders import article

    text = "Five people died in the storm. Donate to our appeal today.\nThe river rose overnight."
    appeal = text.index("Donate")
    source = article("a1.txt", text, excluded=[ExcludedRange(start=appeal, end=text.index("\n"), reason="donation appeal")])
    found = article_sentences(source)
    assert [s.text for s in found] == ["Five people died in the storm.", "The river rose overnight."]
    mention = found[1].mention()
    assert (mention.article, text[mention.start : mention.end], mention.quote) == ("a1.txt", mention.quote, found[1].text)


def test_article_sentences_are_split_once_and_follow_the_article():
    from schemas import ExcludedRange
    from tests.support.builders import article

    text = "Five people died in the storm. Donate to our appeal today.\nThe river rose overnight."
    source = article("a2.txt", text)
    first = article_sentences(source)
    again = article_sentences(source)
    assert again == first and again is not first  # the same sentences, in a list of the caller's own
    again.clear()
    assert article_sentences(source) == first  # a caller's edit does not reach the next
    appeal = text.index("Donate")
    source.excluded = [ExcludedRange(start=appeal, end=text.index("\n"), reason="donation appeal")]
    assert [s.text for s in article_sentences(source)] == ["Five people died in the storm.", "The river rose overnight."]
    other = article("a3.txt", text)  # the same text under another id: its own sentences
    assert {s.article for s in article_sentences(other)} == {"a3.txt"}
