"""Disputes beyond numbers: counts, swapped roles, corrections and denials, on fictional text."""

from __future__ import annotations

from datetime import date

from summarise.reconcile.disputes import find_disputes
from tests.support.builders import article


def _abouts(*articles):
    return [d.about for d in find_disputes(list(articles))]


# --- different counts of one thing


def test_one_counted_noun_with_different_exact_numbers_across_articles_is_a_dispute():
    a = article("a.txt", "The ferry Lindqvist left Port Amar with 312 passengers on board.")
    b = article("b.txt", "There were 298 passengers on the Lindqvist, most of them pilgrims.")
    c = article("c.txt", "The Lindqvist sailed at dawn carrying 298 passengers and a crew of 14.")
    [dispute] = find_disputes([a, b, c])
    assert dispute.about == "the number of passengers"
    assert [side.statement for side in dispute.sides] == ["298 passengers", "312 passengers"]
    assert [m.article for m in dispute.sides[0].mentions] == ["b.txt", "c.txt"]
    for side in dispute.sides:
        for mention in side.mentions:
            text = {"a.txt": a, "b.txt": b, "c.txt": c}[mention.article].text
            assert text[mention.start : mention.end] == mention.quote


def test_spelled_out_figures_count_too():
    a = article("a.txt", "The rebels now hold seven districts of Orlak province, the council said.")
    b = article("b.txt", "Rebels hold nine districts of Orlak province, a local official said.")
    assert _abouts(a, b) == []  # "now" marks a snapshot of a changing count
    a = article("a.txt", "The rebels seized seven districts of Orlak province last year, the council said.")
    b = article("b.txt", "Rebels seized nine districts of Orlak province last year, a local official said.")
    assert _abouts(a, b) == ["the number of districts"]


def test_the_same_count_everywhere_is_no_dispute():
    a = article("a.txt", "The convoy of 40 trucks reached Velm on Tuesday.")
    b = article("b.txt", "Forty trucks reached Velm, aid workers said.")
    assert find_disputes([a, b]) == []


def test_casualty_figures_are_conflicts_not_disputes():
    a = article("a.txt", "The ambush killed 12 soldiers near Velm.")
    b = article("b.txt", "Officials said 15 soldiers were killed in the ambush near Velm.")
    c = article("c.txt", "Rescuers said 30 passengers are still missing after the ferry sank.")
    d = article("d.txt", "Rescuers said 25 passengers are missing after the ferry sank.")
    assert find_disputes([a, b, c, d]) == []


def test_subsets_approximations_coordinations_and_measures_are_not_the_count():
    a = article("a.txt", "The Lindqvist carried 312 passengers and crew; 150 Varnian passengers boarded at Amar.")
    b = article("b.txt", "More than 300 passengers were on the Lindqvist, which sailed 120 miles.")
    c = article("c.txt", "Of the 298 passengers, 90 passengers were Varnian; the ship sailed 140 miles in 2031.")
    assert find_disputes([a, b, c]) == []


def test_counts_that_change_over_time_are_no_dispute():
    early = article("a.txt", "Ten ships searched the bay for the Lindqvist.", date(2031, 3, 1))
    late = article("b.txt", "Three ships searched the bay for the Lindqvist.", date(2031, 6, 1))
    assert find_disputes([early, late]) == []
    late.published = date(2031, 3, 2)
    assert _abouts(early, late) == ["the number of ships"]


# --- swapped roles in a retelling


def test_a_retelling_that_swaps_who_lost_something_is_a_dispute():
    a = article("a.txt", "The Northern Front lost control of three river towns in 2029 after an army offensive on Velm.")
    b = article("b.txt", "In 2029 an army offensive took Velm, leading to the loss of three river towns to the Northern Front.")
    [dispute] = find_disputes([a, b])
    assert dispute.about == "who lost control of three river towns"
    assert [side.source for side in dispute.sides] == ["a.txt", "b.txt"]


def test_a_faithful_retelling_of_a_loss_is_no_dispute():
    a = article("a.txt", "The Northern Front lost control of three river towns in 2029 after an army offensive on Velm.")
    b = article("b.txt", "In 2029 an army offensive took Velm, and the Northern Front lost three river towns to the army.")
    assert find_disputes([a, b]) == []


def test_a_retelling_that_swaps_loser_and_gainer_is_a_dispute():
    a = article("a.txt", "In 2029 the Northern Front lost three river towns to the army after a long siege of Velm.")
    b = article("b.txt", "In 2029 the army lost three river towns to the Northern Front after a long siege of Velm.")
    [dispute] = find_disputes([a, b])
    assert dispute.about == "who lost three river towns"
    assert [side.source for side in dispute.sides] == ["a.txt", "b.txt"]


def test_a_swapped_retelling_never_merges_into_the_side_it_contradicts():
    a = article("a.txt", "In 2029 the Northern Front lost three river towns to the army after a long siege of Velm.")
    b = article("b.txt", "In 2029 the army lost three river towns to the Northern Front after a long siege of Velm.")
    c = article("c.txt", "In 2029, after a long siege of Velm, the Northern Front lost three river towns to the army.")
    [dispute] = find_disputes([a, b, c])
    assert [sorted(m.article for m in side.mentions) for side in dispute.sides] == [["a.txt", "c.txt"], ["b.txt"]]


def test_a_loss_in_an_unrelated_sentence_is_no_dispute():
    a = article("a.txt", "The Northern Front lost control of three river towns in 2029.")
    b = article("b.txt", "The harvest was lost to the Northern Front's blockade of the coast road.")
    assert find_disputes([a, b]) == []


# --- a retelling that negates


def test_a_retelling_that_negates_the_stated_verb_is_a_dispute():
    a = article("a.txt", "The inquiry into the Velm dam concluded that the spillway gates had failed, the ministry said.")
    b = article("b.txt", "The inquiry into the Velm dam did not conclude that the spillway gates had failed, the ministry said.")
    [dispute] = find_disputes([a, b])
    assert dispute.about.startswith("whether: The inquiry into the Velm dam concluded")
    assert [side.mentions[0].article for side in dispute.sides] == ["a.txt", "b.txt"]
    assert dispute.sides[1].source == "the ministry"


def test_a_negation_of_another_verb_or_in_an_unaligned_sentence_is_no_dispute():
    a = article("a.txt", "Fighting broke out near Velm on Friday between the army and the Northern Front, officials said.")
    b = article("b.txt", "Fighting on a scale not seen in years broke out near Velm on Friday between the army and the Northern Front.")
    c = article("c.txt", "The ministry has not concluded its review of the harbour contracts.")
    d = article("d.txt", "The inquiry concluded that the spillway gates of the Velm dam had failed.")
    assert find_disputes([a, b, c, d]) == []


# --- corrections and denials


def test_a_correction_notice_is_set_against_the_statement_it_corrects_in_another_article():
    a = article("a.txt", "The inspectors' report found that the Velm dam failed because of a design flaw, officials said.")
    b = article(
        "b.txt",
        "The inspectors will publish more findings next month.\n"
        "Correction: An earlier version of this article misstated the report on the Velm dam. "
        "The inspectors did not find that a design flaw made the dam fail.",
    )
    [dispute] = find_disputes([a, b])
    assert dispute.about == "what the correction in b.txt corrects"
    assert [m.article for m in dispute.sides[0].mentions] == ["a.txt"]
    assert dispute.sides[1].source == "correction in b.txt"
    assert "did not find" in dispute.sides[1].statement


def test_a_correction_with_nothing_to_correct_elsewhere_and_an_ordinary_misstatement_are_no_dispute():
    alone = article("a.txt", "Correction: An earlier version of this article misspelled the mayor's name.")
    other = article("b.txt", "The minister misstated the budget of the Velm dam in parliament, critics said.")
    assert find_disputes([alone, other]) == []


def test_a_denial_of_the_allegations_just_before_is_a_dispute():
    text = (
        "Residents accused the militia of burning granaries near Velm. "
        "The militia's commander denied the allegations on Monday."
    )
    [dispute] = find_disputes([article("a.txt", text)])
    assert dispute.about.startswith("a denial: Residents accused the militia")
    assert dispute.sides[1].source == "The militia's commander"


def test_a_denial_that_names_the_claim_finds_it_in_another_article():
    a = article("a.txt", "Varnian drones struck the Orlak fuel depot on Sunday night, the rebels said.")
    b = article("b.txt", "The Varnian defence ministry rejected the claim that its drones struck the Orlak fuel depot.")
    [dispute] = find_disputes([a, b])
    assert [side.mentions[0].article for side in dispute.sides] == ["a.txt", "b.txt"]


def test_a_denial_that_states_the_claim_finds_it_in_the_same_article():
    text = (
        "The rebels said Varnian drones struck the Orlak fuel depot on Sunday night. "
        "Later the Varnian defence ministry denied that its drones struck the Orlak fuel depot."
    )
    [dispute] = find_disputes([article("a.txt", text)])
    assert dispute.sides[0].source == "The rebels"
    assert dispute.sides[1].source == "the Varnian defence ministry"


def test_a_denial_without_an_accusation_or_inside_the_accusing_sentence_is_no_dispute():
    a = article("a.txt", "The weather was calm on Monday. The mayor denied the reports on Tuesday.")
    b = article("b.txt", "The militia was accused of looting, which its commander denied.")
    c = article("c.txt", "The ministry denied access to reporters.")
    assert find_disputes([a, b, c]) == []


def test_retold_denials_merge_into_one_dispute():
    text = "Residents accused the militia of burning granaries near Velm. The militia's commander denied the allegations."
    a = article("a.txt", text)
    b = article("b.txt", text.replace("militia's commander", "militia commander"))
    [dispute] = find_disputes([a, b])
    assert [[m.article for m in side.mentions] for side in dispute.sides] == [["a.txt", "b.txt"], ["a.txt", "b.txt"]]
