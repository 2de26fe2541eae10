"""Merging claims across articles, conflicts side by side, the casualty table, article status."""

from __future__ import annotations

import random
from datetime import date

from schemas import Claimant, Evidence, Outcome
from summarise.reconcile import reconcile
from summarise.reconcile.narrative import template_narrative
from tests.support.builders import AT_LEAST, EXACT, VAGUE, article, attribution, claim, count, extraction, report

DAY = date(2031, 4, 13)

A1 = article(
    "a1.txt",
    "The rebel alliance known as the Northern Liberation Front (NLF) said seven rebel fighters were killed on Saturday.\n"
    "Ilias Montevar, spokesman for the NLF, said dozens of soldiers were captured.\n",
    DAY, "AFP",
)
A2 = article(
    "a2.txt",
    "According to the rebels, seven rebel fighters died in the fighting on Saturday.\n"
    "Ilias Montevaar said dozens of soldiers had been taken prisoner.\n",
    DAY, "AFP",
)
A3 = article(
    "a3.txt",
    "The Varnian army said 40 rebels were killed in the clash.\n"
    "A local official said at least 12 rebels were killed.\n",
    DAY, "Reuters",
)


def _extractions():
    return [
        extraction(A1, [
            claim(A1, "seven rebel fighters were killed", Outcome.killed, "seven rebel fighters", EXACT(7), "the rebel alliance"),
            claim(A1, "dozens of soldiers were captured", Outcome.captured, "soldiers", VAGUE(), "Ilias Montevar, spokesman for the NLF"),
        ], [attribution(A1, "Ilias Montevar, spokesman for the NLF, said dozens of soldiers were captured", "Ilias Montevar", role="spokesman", affiliation="NLF")]),
        extraction(A2, [
            claim(A2, "seven rebel fighters died", Outcome.killed, "seven rebel fighters", EXACT(7), "the rebels"),
            claim(A2, "dozens of soldiers had been taken prisoner", Outcome.captured, "soldiers", VAGUE(), "Ilias Montevaar"),
        ], [attribution(A2, "Ilias Montevaar said dozens of soldiers had been taken prisoner", "Ilias Montevaar")]),
        extraction(A3, [
            claim(A3, "40 rebels were killed", Outcome.killed, "40 rebels", EXACT(40), "the Varnian army"),
            claim(A3, "at least 12 rebels were killed", Outcome.killed, "at least 12 rebels", AT_LEAST(12), "a local official"),
        ]),
    ]


def _summary(extractions=None, articles=(A1, A2, A3)):
    return reconcile(list(articles), extractions if extractions is not None else _extractions(), report())


def test_reconcile_writes_the_template_narrative_into_the_summary():
    summary = _summary()
    assert summary.narrative and summary.narrative == template_narrative(summary)


def test_one_claim_told_by_two_articles_is_one_entry_citing_both():
    summary = _summary()
    killed_7 = next(c for c in summary.claims if c.count.min == 7)
    assert [m.article for m in killed_7.mentions] == ["a1.txt", "a2.txt"]
    assert killed_7.claimant_party == "separatists" and killed_7.victim_party == "separatists"
    captured = next(c for c in summary.claims if c.outcome is Outcome.captured)
    assert len(captured.mentions) == 2  # the spokesman's two spellings are one claimant
    for claim_ in summary.claims:
        for mention in claim_.mentions:
            text = next(a.text for a in summary.articles if a.id == mention.article)
            assert text[mention.start : mention.end] == mention.quote


def test_corroboration_counts_source_groups_not_articles():
    summary = _summary()
    killed_7 = next(c for c in summary.claims if c.count.min == 7)
    assert len(killed_7.source_groups) == 1  # two AFP rewrites are one source
    groups = {g.id: g for g in summary.source_groups}
    assert groups[killed_7.source_groups[0]].articles == ["a1.txt", "a2.txt"]
    assert all(a.source_group in groups for a in summary.articles)


def test_claim_ids_follow_the_first_mention_whatever_the_input_order():
    first = _summary()
    shuffled = _extractions()
    random.Random(3).shuffle(shuffled)
    for ex in shuffled:
        ex.claims.reverse()
    second = _summary(shuffled)
    assert [c.id for c in first.claims] == [f"c{i}" for i in range(1, len(first.claims) + 1)]
    assert [(c.id, c.count.label(), c.mentions[0].start) for c in first.claims] == [
        (c.id, c.count.label(), c.mentions[0].start) for c in second.claims
    ]
    assert first.claims[0].count.min == 7  # the first sentence of the first article


def test_distinct_claims_in_one_article_stay_apart():
    art = article("b.txt", "The army said seven rebels were killed and seven civilians were killed.", DAY)
    ex = extraction(art, [
        claim(art, "seven rebels were killed", Outcome.killed, "seven rebels", EXACT(7), "the army"),
        claim(art, "seven civilians were killed", Outcome.killed, "seven civilians", EXACT(7), "the army"),
    ])
    summary = reconcile([art], [ex], report())
    assert len(summary.claims) == 2


def test_disagreeing_figures_are_a_contradictory_conflict_with_each_claimant():
    summary = _summary()
    [conflict] = summary.conflicts
    assert conflict.victim_party == "separatists" and conflict.outcome is Outcome.killed
    assert conflict.kind == "contradictory"
    by_claim = {f.claim: f.count.label() for f in conflict.figures}
    assert sorted(by_claim.values()) == ["40", "7", "at least 12"]
    assert set(by_claim) == set(conflict.claims)


def test_casualty_row_gives_the_lowest_credible_bound_and_no_sum():
    summary = _summary()
    row = next(f for f in summary.figures if f.victim_party == "separatists" and f.outcome is Outcome.killed)
    assert row.low == 7  # the conservative figure
    assert row.high is None  # "at least 12" is open
    assert len(row.by_claimant) == 3


def _lower_bounds_case():
    art = article(
        "c.txt",
        "Residents said at least 15 Kestrel mercenaries were killed or captured. "
        "Analysts said 20 or more Kestrel mercenaries may have been killed. "
        "An Islamist group claimed it killed 50 mercenaries. "
        "Kestrel said its unit commander Piotr Varga was among the casualties.",
        DAY,
    )
    ex = extraction(art, [
        claim(art, "at least 15 Kestrel mercenaries were killed or captured", Outcome.killed_or_captured, "Kestrel mercenaries", AT_LEAST(15), "residents"),
        claim(art, "20 or more Kestrel mercenaries may have been killed", Outcome.killed, "Kestrel mercenaries", AT_LEAST(20), "analysts", hedged=True),
        claim(art, "it killed 50 mercenaries", Outcome.killed, "mercenaries", EXACT(50), "an Islamist group"),
        claim(art, "its unit commander Piotr Varga was among the casualties", Outcome.casualties, "unit commander Piotr Varga", EXACT(1), "Kestrel"),
    ])
    return reconcile([art], [ex], report())


def test_compatible_lower_bounds_are_shown_as_a_range_and_a_named_casualty_is_no_rival_toll():
    summary = _lower_bounds_case()
    [conflict] = summary.conflicts
    assert conflict.kind == "lower_bounds"
    assert len(conflict.claims) == 3
    assert "at least 15" in conflict.note and "not a sum" in conflict.note
    commander = next(c for c in summary.claims if c.outcome is Outcome.casualties)
    assert commander.id not in conflict.claims
    killed = next(f for f in summary.figures if f.outcome is Outcome.killed and f.victim_party == "foreign_forces")
    assert killed.low == 20 and killed.high is None


def test_failed_and_missing_extractions_are_listed_with_their_status():
    extractions = _extractions()
    extractions[1] = extraction(A2, error="model refused")
    summary = _summary(extractions[:2])
    status = {a.id: (a.status, a.status_reason) for a in summary.articles}
    assert status["a2.txt"] == ("failed", "model refused")
    assert status["a3.txt"][0] == "skipped"
    assert [f.article for f in summary.report.failures] == ["a2.txt"]
    assert all(a.text for a in summary.articles)  # the renderers link quotes into the text


def test_evidence_that_does_not_hold_is_dropped_and_counted():
    extractions = _extractions()
    bad = extractions[2].claims[0].model_copy(
        update={"evidence": Evidence(article="a3.txt", start=0, end=5, quote="xxxxx")}
    )
    extractions[2].claims[0] = bad
    summary = _summary(extractions)
    assert summary.report.dropped_items == 1
    assert all("xxxxx" not in m.quote for c in summary.claims for m in c.mentions)


def test_attributions_of_one_speaker_merge_across_articles_with_the_party():
    # the speaker's "NLF" reaches the rebels through the article's own "known as" apposition
    summary = _summary()
    spokesman = [a for a in summary.attributions if a.party == "separatists"]
    assert len(spokesman) == 1
    assert {m.article for m in spokesman[0].mentions} == {"a1.txt", "a2.txt"}


def test_no_articles_give_an_empty_summary():
    summary = reconcile([], [], report())
    assert summary.claims == [] and summary.articles == [] and summary.source_groups == []


def test_another_resolver_plugs_in_with_the_same_output():
    from schemas import Party, PartyKind
    from summarise.reconcile import PartyResolution

    def one_side_for_everyone(names):
        return PartyResolution(parties=[Party(id="side", name="one side", kind=PartyKind.side)], party_of={n: "side" for n in names})

    summary = reconcile([A1, A2, A3], _extractions(), report(), resolver=one_side_for_everyone)
    assert {c.claimant_party for c in summary.claims} == {"side"}
    assert [p.id for p in summary.parties] == ["side"]


def test_a_claim_is_labelled_from_a_sentence_not_from_its_headline():
    headline = "Twelve Rebels Dead In Orlak Raid, Army Says"
    body = "The army said on Monday that twelve rebel fighters were killed in the raid."
    art = article("a.txt", f"{headline}\n\n{body}\n")
    found = [
        claim(art, headline, Outcome.killed, "Rebels", count("Twelve", 12, 12), "Army"),
        claim(art, body, Outcome.killed, "rebel fighters", count("twelve", 12, 12), "the army"),
    ]
    summary = reconcile([art], [extraction(art, found)], report())
    (merged,) = summary.claims
    assert len(merged.mentions) == 2
    assert (merged.count.text, merged.claimant) == ("twelve", Claimant(name="the army"))


def test_one_claimant_s_figure_told_exact_and_as_an_inclusive_floor_is_one_claim():
    b1 = article("b1.txt", "The ministry said 40 miners were killed.\n", DAY, "AFP")
    b2 = article("b2.txt", "The ministry said at least 40 miners were killed.\nThe ministry said more than 40 miners were killed.\n",
                 DAY, "Reuters")
    summary = _summary([
        extraction(b1, [claim(b1, "The ministry said 40 miners were killed", Outcome.killed, "miners", EXACT(40), "the ministry")]),
        extraction(b2, [
            claim(b2, "The ministry said at least 40 miners were killed", Outcome.killed, "miners", AT_LEAST(40), "the ministry"),
            claim(b2, "The ministry said more than 40 miners were killed", Outcome.killed, "miners",
                  count("more than 40", 41, None), "the ministry"),
        ]),
    ], articles=(b1, b2))
    by_words = {c.count.text: sorted({m.article for m in c.mentions}) for c in summary.claims}
    assert by_words == {"40": ["b1.txt", "b2.txt"], "more than 40": ["b2.txt"]}
