"""summarise.llm_assist.narrative: check_narrative on hand-written paragraphs, what the model is sent,
re-ask then fall back to the template, cache, run-fatal errors; and the recorded SmolLM2 call.

The summary is the hand-written fictional fixture (tests/summary_fixture.py): c1 the army says 12
rebel fighters killed, c2 the Northern Front says three; c3 the Front says at least 20 soldiers
killed, c4 the army says two; c5 "several" civilians wounded (hedged); c6 may be another
incident. Figures: rebels killed (c1, c2) conservative 3; soldiers killed (c3, c4) conservative 2.
Model answers come from the scripted server (tests/llm_fake_server.py, hand-written).
"""

from __future__ import annotations

import json

import pytest

from extract.llm.client import ModelNotFound
from schemas import EventSummary
from summarise.config import LLMConfig
from summarise.llm_assist.narrative import (
    MAX_NARRATIVE_CHARS,
    check_narrative,
    claims_payload,
    numbers_in,
    split_sentences,
    write_narrative,
)
from summarise.reconcile.narrative import template_narrative
from tests.support.llm_fake_server import completion, error, scripted_config
from tests.support.llm_vcr import LLM_DATA_DIR, RECORDED_BASE_URL, SMOLLM2_MODEL, make_vcr
from tests.support.summary_fixture import build_summary

pytest_plugins = ["tests.llm_server_fixture"]

SUMMARY = build_summary()
GOOD = (
    "The army says 12 rebel fighters were killed [c1], while the Northern Front puts its losses at three [c2]. "
    "The most conservative figure is 3 [c1, c2]. "
    "The Northern Front claims at least 20 soldiers died; the army admits 2 [c3, c4]."
)


def check(text: str) -> list[str]:
    return check_narrative(text, SUMMARY)


# -- check_narrative: what passes -----------------------------------------------------------------


def test_a_paragraph_backed_claim_by_claim_passes():
    assert check(GOOD) == []


def test_the_template_paragraph_passes_its_own_checks():
    assert check(template_narrative(SUMMARY)) == []


def test_number_words_and_a_dozen_count_as_their_value():
    assert check("The army counted twelve dead rebels [c1].") == []
    assert check("The army counted a dozen dead rebels [c1].") == []
    assert check("The Front said two soldiers died [c1].") != []


def test_a_citation_after_the_full_stop_belongs_to_the_sentence_before():
    assert check("The army says 12 rebel fighters were killed. [c1] The Front says 3. [c2]") == []
    assert split_sentences("A died. [c1] B died. [c2]") == ["A died. [c1]", "B died. [c2]"]


def test_template_style_citations_with_articles_pass_when_the_articles_exist():
    assert check("The army says 12 rebel fighters were killed [c1: 000.txt, 001.txt].") == []
    assert check("The army says 12 rebel fighters were killed [c1][c2].") == []


def test_vague_words_and_pronoun_one_are_not_figures():
    assert check("A local official says several civilians may have been wounded [c5].") == []
    assert check("No one disputes the army's figure of 12 [c1].") == []
    assert check("One of the claimants, the army, says 12 rebels died [c1].") == []


def test_figures_derived_from_cited_claims_pass():
    assert check("The lowest credible count of soldiers killed is 2 [c3, c4].") == []
    assert check("Accounts range from 3 to 12 rebel fighters killed [c1, c2].") == []


# -- check_narrative: what fails ------------------------------------------------------------------


def test_an_invented_number_fails_with_the_sentence_and_its_citations():
    (problem,) = check("The army says 15 rebel fighters were killed [c1].")
    assert problem == (
        "the number '15' in 'The army says 15 rebel fighters were killed [c1].' "
        "is not a figure of the claims it cites ([c1])"
    )


def test_a_number_backed_only_by_a_claim_cited_in_another_sentence_fails():
    problems = check("The army says 12 rebel fighters were killed [c1]. The Front says 12 as well [c2].")
    assert len(problems) == 1 and "'12'" in problems[0] and "([c2])" in problems[0]


def test_a_figure_needs_every_claim_it_is_derived_from():
    # 3 is the conservative figure of c1 and c2; c1 alone says 12
    (problem,) = check("At least 3 rebel fighters were killed [c1].")
    assert "'3'" in problem


def test_number_words_are_checked_too():
    (problem,) = check("The army said eleven rebel fighters were killed [c1].")
    assert "'eleven'" in problem


def test_an_unknown_claim_id_fails():
    assert check("The army says 12 rebel fighters were killed [c9].") == [
        "citation '[c9]' names 'c9', which is not a claim id of the summary",
        "the number '12' in 'The army says 12 rebel fighters were killed [c9].' is not a figure of the claims it cites (no claim)",
    ]
    assert any("'k1'" in p for p in check("The figures conflict [k1]."))


def test_an_unknown_article_in_a_citation_fails():
    assert check("The army says 12 rebel fighters were killed [c1: 999.txt].") == [
        "citation '[c1: 999.txt]' names '999.txt', which is not an article of the summary"
    ]


def test_a_sentence_without_a_citation_fails_even_without_numbers():
    assert check("The fighting was the worst in a decade.") == [
        "the sentence 'The fighting was the worst in a decade.' cites no claim"
    ]
    problems = check(GOOD + " Both sides blame each other.")
    assert problems == ["the sentence 'Both sides blame each other.' cites no claim"]


def test_dates_years_and_a_counted_one_are_numbers_to_back():
    problems = check("On 3 May 2024 the army said 12 rebel fighters died [c1]. One soldier was killed [c4].")
    assert ["'3'" in p for p in problems] == [True, False, False]
    assert any("'2024'" in p for p in problems) and any("'One'" in p for p in problems)


def test_the_day_of_a_cited_report_is_backed_and_another_day_is_not():
    assert check("The army said on 11 May 2031 that 12 rebel fighters died [c1].") == []
    assert any("'2031'" in p for p in check("The army said on 12 May 2031 that 12 rebel fighters died [c1]."))


def test_digits_with_thousands_commas_are_one_number():
    assert numbers_in("about 1,200 people") == [("1,200", 1200)]
    assert any("'1,200'" in p for p in check("The army says 1,200 rebels died [c1]."))


def test_empty_or_overlong_paragraphs_fail():
    assert check("  ") == ["the paragraph is empty"]
    long = " ".join(["The army says 12 rebel fighters were killed [c1]."] * 40)
    assert len(long) > MAX_NARRATIVE_CHARS
    assert check(long)[0].startswith("the paragraph is")


# -- what the model is sent -----------------------------------------------------------------------


def test_the_payload_holds_claims_figures_and_conflicts_but_no_article_text():
    payload = claims_payload(SUMMARY)
    assert [c["id"] for c in payload["claims"]] == ["c1", "c2", "c3", "c4", "c5"]  # c6: another incident
    assert payload["claims"][1] == {
        "id": "c2", "claimant": "the Northern Front", "outcome": "killed", "victims": "rebel fighters",
        "count": "3", "sources": 1,
    }
    assert payload["claims"][4]["hedged"] is True and payload["claims"][4]["count"] == "several"
    assert payload["figures"][0] == {"victims": "rebel fighters", "outcome": "killed", "claims": ["c1", "c2"],
                                     "conservative": 3, "low": 3, "high": 12}
    assert [k["claims"] for k in payload["conflicts"]] == [["c1", "c2"], ["c4", "c3"]]
    sent = json.dumps(payload)
    assert not any(m.quote in sent for c in SUMMARY.claims for m in c.mentions)


# -- calls (scripted server) ----------------------------------------------------------------------


def test_a_checked_paragraph_is_kept(scripted_server, tmp_path):
    s = scripted_server(completion({"paragraph": GOOD}, prompt_tokens=400, completion_tokens=80))
    text, usage, warning = write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))
    assert (text, warning) == (GOOD, None)
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens, usage.reasks) == (1, 400, 80, 0)
    user = s.requests[0]["messages"][-1]["content"]
    assert user.startswith("<claims>") and user.rstrip().endswith("</claims>")
    assert json.loads(user.removeprefix("<claims>").strip().removesuffix("</claims>")) == claims_payload(SUMMARY)


def test_a_failing_paragraph_is_reasked_with_the_problems_then_kept(scripted_server, tmp_path):
    bad = "The army says 15 rebel fighters were killed [c1]."
    s = scripted_server(completion({"paragraph": bad}), completion({"paragraph": GOOD}))
    text, usage, warning = write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))
    assert (text, warning) == (GOOD, None)
    assert (usage.calls, usage.reasks) == (2, 1)
    reask = s.requests[1]["messages"]
    assert json.loads(reask[-2]["content"]) == {"paragraph": bad}
    assert "the number '15'" in reask[-1]["content"]


def test_a_paragraph_failing_twice_gives_the_template_and_a_warning(scripted_server, tmp_path):
    s = scripted_server(completion({"paragraph": "Hundreds died [c42]."}))
    text, usage, warning = write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))
    assert text == template_narrative(SUMMARY)
    assert (usage.calls, usage.reasks) == (2, 1)
    assert warning == (
        "narrative: the model's paragraph failed the checks (1 problem(s), first: citation '[c42]' names 'c42', "
        "which is not a claim id of the summary); used the template paragraph"
    )


def test_a_failed_call_gives_the_template_and_a_warning(scripted_server, tmp_path):
    s = scripted_server(error(500, "overloaded"))
    text, usage, warning = write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))
    assert text == template_narrative(SUMMARY) and usage.calls == 1
    assert warning.startswith("narrative: the LLM call failed (") and "HTTP 500" in warning


def test_an_unknown_model_stops_the_run(scripted_server, tmp_path):
    s = scripted_server(error(404, "no such model"))
    with pytest.raises(ModelNotFound):
        write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))


def test_no_claims_no_call(scripted_server, tmp_path):
    s = scripted_server(completion({"paragraph": GOOD}))
    empty = SUMMARY.model_copy(update={"claims": [], "figures": [], "conflicts": []})
    text, usage, warning = write_narrative(empty, scripted_config(s.base_url, tmp_path))
    assert text == template_narrative(empty) and warning is None
    assert s.requests == [] and usage.calls == 0


def test_a_rerun_is_answered_from_the_cache(scripted_server, tmp_path):
    s = scripted_server(completion({"paragraph": GOOD}))
    first = write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))
    text, usage, warning = write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))
    assert (text, warning) == (first[0], first[2]) == (GOOD, None)
    assert len(s.requests) == 1 and (usage.calls, usage.cache_hits, usage.reasks) == (0, 1, 0)


def test_a_paragraph_that_failed_the_checks_is_asked_again_on_a_rerun(scripted_server, tmp_path):
    # the failed paragraph is never stored, its passing re-ask is: the re-run asks the first
    # request again and, given the same paragraph, has its re-ask from the cache
    bad = completion({"paragraph": "Hundreds died [c42]."})
    s = scripted_server(bad, completion({"paragraph": GOOD}), bad)
    first = write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))
    text, usage, warning = write_narrative(SUMMARY, scripted_config(s.base_url, tmp_path))
    assert (text, warning) == (first[0], first[2]) == (GOOD, None)
    assert len(s.requests) == 3 and (usage.calls, usage.cache_hits, usage.reasks) == (1, 1, 0)


# -- the recorded SmolLM2 call ------------------------------------------------------------------


def test_recorded_smollm2_paragraph_fails_is_reasked_then_the_template_is_used(tmp_path):
    data = json.loads((LLM_DATA_DIR / "border_clash_summary.json").read_text(encoding="utf-8"))
    summary = EventSummary.model_validate(data)
    config = LLMConfig(model=SMOLLM2_MODEL, base_url=RECORDED_BASE_URL, cache_dir=tmp_path / "cache")
    with make_vcr("none").use_cassette("llm_narrative.json", allow_playback_repeats=False) as cassette:
        text, usage, warning = write_narrative(summary, config)
    assert len(cassette) == 2  # all played: tests/conftest.py
    assert text == template_narrative(summary) and check_narrative(text, summary) == []
    assert (usage.calls, usage.reasks) == (2, 1) and usage.prompt_tokens > 0
    assert warning.startswith("narrative: the model's paragraph failed the checks")
