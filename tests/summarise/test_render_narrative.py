"""The offline headline paragraph: only reconciled figures, every sentence citing claims and articles."""

from __future__ import annotations

import re

from schemas import Claimant, FigureByClaimant
from summarise.reconcile.narrative import MAX_ACCOUNTS, _claim_sentence, _claimant, cite, template_narrative
from tests.support.summary_fixture import build_summary, off_topic_words

CITATION = re.compile(r"\[([^\[\]:]+)(?:: ([^\[\]]+))?\]")


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=\]\.)\s+", text) if s]


def test_every_sentence_cites_real_claims_and_their_articles():
    summary = build_summary()
    claims = {c.id: c for c in summary.claims}
    narrative = template_narrative(summary)
    parts = sentences(narrative)
    assert len(parts) == 5
    for sentence in parts:
        found = CITATION.findall(sentence)
        assert found, f"uncited sentence: {sentence}"
        for ids, articles in found:
            cited = [claims[i.strip()] for i in ids.split(",")]
            expected = list(dict.fromkeys(m.article for c in cited for m in c.mentions))
            assert articles.split(", ") == expected


def test_says_only_what_the_figures_say():
    narrative = template_narrative(build_summary())
    # the main toll leads with its latest figure and each side's latest, dated
    assert narrative.startswith(
        "The latest toll is at least 20 soldiers killed, according to the Northern Front on 12 May 2031 [c3: 002.txt]. "
        "Claimants disagree; their latest figures are at least 20 according to the Northern Front (12 May 2031) "
        "[c3: 002.txt]; 2 according to the army (11 May 2031) [c4: 000.txt, 001.txt]. "
        "Accounts of rebel fighters killed differ: 12 according to the army")
    assert "These figures contradict each other; the most conservative figure is 3 [c1, c2: 000.txt, 001.txt, 002.txt]." in narrative
    assert "Several civilians may have been wounded, according to a local official [c5: 002.txt]." in narrative
    outside_citations = re.sub(r"\b1[12] May 2031\b", "", CITATION.sub("", narrative))
    assert set(re.findall(r"\d+", outside_citations)) <= {"2", "3", "12", "20"}


def test_possibly_other_incident_and_off_topic_text_stay_out():
    summary = build_summary()
    narrative = template_narrative(summary)
    assert "c6" not in narrative and "003.txt" not in narrative and "five" not in narrative
    assert not any(w.lower() in narrative.lower() for w in off_topic_words(summary))


def test_without_figures_falls_back_to_best_corroborated_claims():
    summary = build_summary()
    summary.figures = []
    parts = sentences(template_narrative(summary))
    assert parts[0] == "12 rebel fighters were killed, according to the army [c1: 000.txt, 001.txt]."
    assert len(parts) == 3


def test_without_claims_says_so_without_inventing():
    summary = build_summary()
    summary.claims, summary.figures, summary.conflicts = [], [], []
    assert template_narrative(summary) == "No casualty figure about this event was found in the 6 articles read."


def test_cite_lists_ids_then_articles_once():
    claims = build_summary().claims
    assert cite([claims[0], claims[3]]) == "[c1, c4: 000.txt, 001.txt]"


def test_vague_phrase_reads_as_a_quote_and_the_claimant_mid_sentence():
    summary = build_summary()
    claim = summary.claims[4]
    claim.count = claim.count.model_copy(update={"text": "no one at all"})
    claim.claimant = Claimant(name="The district office")
    summary.figures[2].by_claimant[0].count = claim.count
    narrative = template_narrative(summary)
    assert "Civilians may have been wounded (“no one at all”), according to the district office [c5: 002.txt]." in narrative


def test_many_accounts_are_capped_numbers_first_without_repeats():
    summary = build_summary()
    army = summary.claims[0]  # c1: 12 rebel fighters killed, according to the army
    witnesses = [army.model_copy(update={"id": f"x{i}", "claimant": Claimant(name=f"witness {i}")}) for i in range(5)]
    repeat = army.model_copy(update={"id": "x9"})
    vague = summary.claims[4].model_copy(update={"id": "v1", "outcome": army.outcome, "claimant": Claimant(name="a vague source")})
    summary.claims += [*witnesses, repeat, vague]
    summary.figures[0].by_claimant = [
        FigureByClaimant(claim=c.id, claimant=c.claimant, count=c.count) for c in [vague, army, *witnesses, repeat]
    ]
    sentence = next(s for s in sentences(template_narrative(summary)) if s.startswith("Accounts of rebel fighters"))
    assert sentence.count("according to") == MAX_ACCOUNTS
    assert sentence.count("according to the army") == 1
    assert "witness 2" in sentence and "witness 3" not in sentence and "a vague source" not in sentence


def test_figures_that_are_not_in_conflict_are_not_said_to_differ():
    no_conflicts = build_summary().model_copy(update={"conflicts": []})
    text = template_narrative(no_conflicts)
    assert "differ" not in text
    assert "Several accounts give figures for" in text


def test_with_no_dated_report_the_main_toll_is_its_accounts():
    summary = build_summary()
    undated = summary.model_copy(update={"articles": [a.model_copy(update={"published": None}) for a in summary.articles],
                                         "claims": [c.model_copy(update={"as_of": None}) for c in summary.claims]})
    narrative = template_narrative(undated)
    assert "latest" not in narrative
    assert narrative.startswith("Accounts of soldiers killed differ: 2 according to the army [c4: 000.txt, 001.txt]; "
                                "at least 20 according to the Northern Front [c3: 002.txt].")


def test_a_claimant_opening_with_an_article_reads_lower_case_mid_sentence():
    summary = build_summary()
    claim = summary.claims[0].model_copy(update={"claimant": Claimant(name="A source at the district hospital")})
    named = summary.claims[1].model_copy(update={"claimant": Claimant(name="Anna Vell")})
    assert _claimant(claim) == "a source at the district hospital"
    assert _claimant(named) == "Anna Vell"  # a name that merely starts like an article keeps its capital


def test_a_vague_amount_before_a_determined_phrase_reads_as_english():
    summary = build_summary()
    claim = summary.claims[0].model_copy(update={
        "victims": "our fellow citizens", "hedged": False,
        "count": summary.claims[0].count.model_copy(update={"min": None, "max": None, "text": "Thousands", "vague": True}),
    })
    assert _claim_sentence(claim).startswith("Thousands of our fellow citizens were killed")
    assert _claim_sentence(claim.model_copy(update={"victims": "people"})).startswith("Thousands of people were killed")
    several = claim.model_copy(update={"victims": "people", "count": claim.count.model_copy(update={"text": "Several"})})
    assert _claim_sentence(several).startswith("Several people were killed")
