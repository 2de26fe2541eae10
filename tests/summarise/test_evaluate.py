"""Scoring a run against gold: the matching rule clause by clause, the reconciliation checks,
the gold loader's errors, and a perfect run on the real corpus."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from extract.text.grounding import GroundingFailure, locate, span_evidence
from schemas import (
    Article,
    ArticleExtraction,
    CasualtyClaim,
    Claimant,
    Conflict,
    Count,
    EventSummary,
    Evidence,
    Outcome,
    RunReport,
    SourceGroup,
    SummaryArticle,
    SummaryClaim,
)
from summarise.config import RunConfig
from summarise.evaluate import (
    SideVocabulary,
    counts_compatible,
    evaluate,
    format_eval_table,
    match_claims,
    outcomes_compatible,
    run_eval,
    sides_compatible,
    victim_side_of,
)
from summarise.evaluate.gold import Gold, GoldClaim, GoldConflict, GoldError, GoldReconciliation, load_gold
from summarise.evaluate.matching import maximum_matching

# Fictional reports written for these tests.
TEXT_A = (
    "KESSA - Fighting near the river town of Kessa left at least 12 rebels dead, the army said on Monday. "
    "Rebel spokesman Ana Doru said four of their fighters were killed and dozens of soldiers were captured. "
    "A local official said several civilians were wounded in the crossfire.\n"
    "Also read: Orbital Cheese Festival opens in Varnholm"
)
TEXT_B = (
    "The army said at least 12 rebels were killed near Kessa on Monday. "
    "Ana Doru, speaking for the rebels, put their own losses at four fighters killed."
)
ARTICLES = {"a.txt": Article(id="a.txt", text=TEXT_A), "b.txt": Article(id="b.txt", text=TEXT_B)}
# The fictional event's sides, as its gold.yaml would list them under event.sides.
KESSA_EVENT = {
    "name": "Fighting at Kessa",
    "sides": {
        "separatists": ["separatists", "rebels", "Kessa Liberation Front"],
        "national_army": ["the national army", "Varnish armed forces"],
        "contractors": ["Orbis contractors", "foreign mercenaries", "their allies"],
        "civilians": ["civilians", "migrant workers"],
        "passengers_and_crew": ["passengers", "crew", "people on board"],
        "government": ["the Varnish government", "governor of Kessa"],
        "families": ["Ilse Marr", "relatives"],
        "unknown": ["unattributed reports"],
    },
}
KESSA_UMBRELLAS = {"army_and_allies": ["national_army", "contractors"]}


def kessa_gold(**fields) -> Gold:
    return Gold(event=KESSA_EVENT, umbrella_sides=KESSA_UMBRELLAS, **fields)


KESSA_SIDES = SideVocabulary.of(kessa_gold())


def count(lo: int | None, hi: int | None, text: str = "n", vague: bool = False) -> Count:
    return Count(min=lo, max=hi, text=text, vague=vague)


def gold_claim(cid: str, article: str, outcome: str, side: str, c: Count, evidence: str, victims: str = "v") -> GoldClaim:
    return GoldClaim(id=cid, article=article, outcome=Outcome(outcome), victims=victims, victim_side=side,
                     count=c, claimant="someone", claimant_side="unknown", evidence=evidence)


def system_claim(article: str, quote: str, outcome: str, victims: str, c: Count) -> CasualtyClaim:
    evidence = locate(quote, ARTICLES[article])
    assert not isinstance(evidence, GroundingFailure), evidence
    return CasualtyClaim(outcome=Outcome(outcome), victims=victims, count=c, claimant=Claimant(name="x"), evidence=evidence)


def extraction(article: str, *claims: CasualtyClaim) -> ArticleExtraction:
    return ArticleExtraction(article=article, extractor="test", claims=list(claims))


REBELS_KILLED = gold_claim("g-a1", "a.txt", "killed", "separatists", count(12, None, "at least 12"),
                           "left at least 12 rebels dead, the army said")
SOLDIERS_CAPTURED = gold_claim("g-a2", "a.txt", "captured", "army_and_allies", count(None, None, "dozens", True),
                               "dozens of soldiers were captured")
REBELS_KILLED_B = gold_claim("g-b1", "b.txt", "killed", "separatists", count(12, None, "at least 12"),
                             "at least 12 rebels were killed near Kessa")
OWN_LOSSES_B = gold_claim("g-b2", "b.txt", "killed", "separatists", count(4, 4, "four"),
                          "put their own losses at four fighters killed")


# --- clause by clause --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("killed", "killed", True),
        ("killed", "killed_or_captured", True),
        ("captured", "killed_or_captured", True),
        ("wounded", "casualties", True),
        ("killed_or_captured", "casualties", True),  # both cover killed
        ("captured", "casualties", False),
        ("killed", "wounded", False),
        ("missing", "killed", False),
    ],
)
def test_outcomes_match_themselves_and_the_parts_of_combined_outcomes(a, b, expected):
    assert outcomes_compatible(Outcome(a), Outcome(b)) is expected
    assert outcomes_compatible(Outcome(b), Outcome(a)) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (count(7, 7), count(7, 7), True),
        (count(7, 7), count(10, 10), False),
        (count(15, None), count(20, None), True),  # two lower bounds
        (count(15, None), count(50, 50), True),
        (count(15, None), count(10, 10), False),
        (count(10, 20), count(20, 30), True),
        (count(None, None, "dozens", True), count(None, None, "many", True), True),
        (count(None, None, "dozens", True), count(7, 7), False),  # a definite figure is not "dozens"
        (count(None, None, "dozens", True), count(15, None), True),  # open-ended
        (count(None, None, "several", True), count(3, 9, "several", True), True),  # vague with bounds
        (count(None, None, "prisoners"), count(None, None, "some", True), True),
    ],
)
def test_count_compatibility(a, b, expected):
    assert counts_compatible(a, b) is expected
    assert counts_compatible(b, a) is expected


@pytest.mark.parametrize(
    ("victims", "side"),
    [
        ("seven separatist fighters", "separatists"),
        ("rebel gunmen", "separatists"),
        ("Orbis contractors", "contractors"),
        ("the national army", "national_army"),
        ("soldiers", "army_and_allies"),  # both allies are armed forces: the kind names the umbrella
        ("contractors and soldiers", "army_and_allies"),
        ("the army and its allies", "army_and_allies"),
        ("civilians, mostly migrant workers", "civilians"),
        ("those on board", "passengers_and_crew"),
        ("the passengers and crew", "passengers_and_crew"),
        ("prisoners", "unknown"),
        ("rebels and soldiers", "unknown"),  # opposing sides named together
        ("Varnish nationals", "unknown"),  # a qualifier of "the Varnish government" is not its head
        ("Ilse Marr's brother", "unknown"),  # the possessor is not the victim
        ("people in Kessa", "passengers_and_crew"),  # "governor of Kessa" is a governor
    ],
)
def test_victim_side_mapper(victims, side):
    assert victim_side_of(victims, KESSA_SIDES) == side


def test_without_sides_in_gold_every_victim_is_unknown():
    assert victim_side_of("rebels", SideVocabulary.of(Gold())) == "unknown"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("separatists", "separatists", True),
        ("separatists", "contractors", False),
        ("army_and_allies", "contractors", True),
        ("army_and_allies", "national_army", True),
        ("national_army", "contractors", False),
        ("army_and_allies", "separatists", False),
        ("unknown", "civilians", True),
        ("passengers_and_crew", "unknown", True),
    ],
)
def test_side_compatibility(a, b, expected):
    assert sides_compatible(a, b, KESSA_SIDES) is expected
    assert sides_compatible(b, a, KESSA_SIDES) is expected


def test_a_claim_matching_every_clause_is_matched():
    gold = kessa_gold(claims=[REBELS_KILLED])
    claim = system_claim("a.txt", "at least 12 rebels dead", "killed", "rebels", count(12, None))
    match = match_claims([extraction("a.txt", claim)], gold, ARTICLES)
    assert [p.gold for p in match.pairs] == ["g-a1"]
    assert (match.precision, match.recall, match.f1) == (1.0, 1.0, 1.0)


@pytest.mark.parametrize(
    ("quote", "outcome", "victims", "c", "reason"),
    [
        ("at least 12 rebels dead", "wounded", "rebels", count(12, None), "outcome"),
        ("at least 12 rebels dead", "killed", "soldiers", count(12, None), "side"),
        ("at least 12 rebels dead", "killed", "rebels", count(3, 3), "count"),
        ("four of their fighters were killed", "killed", "rebels", count(12, None), "span"),
    ],
)
def test_a_claim_failing_one_clause_is_not_matched(quote, outcome, victims, c, reason):
    gold = kessa_gold(claims=[REBELS_KILLED])
    match = match_claims([extraction("a.txt", system_claim("a.txt", quote, outcome, victims, c))], gold, ARTICLES)
    assert match.pairs == [], reason
    assert len(match.false_positives) == 1 and [m.id for m in match.misses] == ["g-a1"]
    assert (match.precision, match.recall) == (0.0, 0.0)


def test_a_claim_flagged_as_another_incident_s_is_no_system_claim():
    gold = kessa_gold(claims=[REBELS_KILLED])
    claim = system_claim("a.txt", "at least 12 rebels dead", "killed", "rebels", count(12, None))
    background = claim.model_copy(update={"background": True})
    match = match_claims([extraction("a.txt", background)], gold, ARTICLES)
    assert match.pairs == [] and match.false_positives == [] and [m.id for m in match.misses] == ["g-a1"]
    assert match.system_total == 0


def test_a_claim_from_another_article_is_not_matched():
    gold = kessa_gold(claims=[REBELS_KILLED_B])  # same words, but gold places them in b.txt
    claim = system_claim("a.txt", "at least 12 rebels dead", "killed", "rebels", count(12, None))
    assert match_claims([extraction("a.txt", claim)], gold, ARTICLES).pairs == []


def test_span_overlap_is_by_offsets_when_texts_are_given_and_by_quotes_otherwise():
    text = "The army said 30 rebels died. Later the army said 30 rebels died in the hills."
    article = Article(id="c.txt", text=text)
    gold = kessa_gold(claims=[gold_claim("g-c1", "c.txt", "killed", "separatists", count(30, 30),
                                   "Later the army said 30 rebels died in the hills")])
    words = "army said 30 rebels died"
    first = text.find(words)  # the first sentence, outside the gold evidence
    claim = CasualtyClaim(outcome=Outcome.killed, victims="rebels", count=count(30, 30), claimant=Claimant(name="army"),
                          evidence=span_evidence(article, first, first + len(words)))
    assert match_claims([extraction("c.txt", claim)], gold, [article]).pairs == []
    assert match_claims([extraction("c.txt", claim)], gold).pairs[0].overlap == len(words)
    second = text.find(words, first + 1)
    inside = claim.model_copy(update={"evidence": span_evidence(article, second, second + len(words))})
    assert match_claims([extraction("c.txt", inside)], gold, [article]).pairs[0].overlap == len(words)


def test_matching_is_one_to_one():
    gold = kessa_gold(claims=[REBELS_KILLED])
    twice = [system_claim("a.txt", "at least 12 rebels dead", "killed", "rebels", count(12, None))] * 2
    match = match_claims([extraction("a.txt", *twice)], gold, ARTICLES)
    assert len(match.pairs) == 1 and len(match.false_positives) == 1
    assert (match.precision, match.recall) == (0.5, 1.0)


def test_matching_maximises_matches_before_overlap():
    # left 0 overlaps right 0 most, but left 1 can only take right 0: both must be matched.
    assert maximum_matching({0: {0: 50, 1: 10}, 1: {0: 5}}) == {0: 1, 1: 0}


def test_gold_claims_of_unextracted_articles_are_misses():
    gold = kessa_gold(claims=[REBELS_KILLED, REBELS_KILLED_B])
    claim = system_claim("a.txt", "at least 12 rebels dead", "killed", "rebels", count(12, None))
    match = match_claims([extraction("a.txt", claim)], gold, ARTICLES)
    assert [m.id for m in match.misses] == ["g-b1"] and match.recall == 0.5


# --- evaluate(): reconciliation checks -------------------------------------------------------


def _mention(claim: CasualtyClaim) -> Evidence:
    ev = claim.evidence
    return Evidence(article=ev.article, start=ev.start, end=ev.end, quote=ev.quote)


def _summary(claims: list[SummaryClaim], conflicts: list[Conflict], groups: list[SourceGroup], narrative: str = "") -> EventSummary:
    return EventSummary(
        title="Fighting at Kessa",
        narrative=narrative,
        articles=[SummaryArticle(id=aid, source_group="g", text=a.text) for aid, a in ARTICLES.items()],
        claims=claims,
        conflicts=conflicts,
        source_groups=groups,
        report=RunReport(extractor="test"),
    )


def _scenario(merged: bool, conflict_shown: bool, grouped: bool, narrative: str = ""):
    a_killed = system_claim("a.txt", "at least 12 rebels dead", "killed", "rebels", count(12, None))
    b_killed = system_claim("b.txt", "at least 12 rebels were killed", "killed", "rebels", count(12, None))
    b_own = system_claim("b.txt", "their own losses at four fighters killed", "killed", "their fighters", count(4, 4))
    extractions = [extraction("a.txt", a_killed), extraction("b.txt", b_killed, b_own)]
    army = [_mention(a_killed), _mention(b_killed)]
    if merged:
        claims = [SummaryClaim(id="s1", outcome=Outcome.killed, victims="rebels", count=count(12, None), claimant=Claimant(name="army"), mentions=army)]
    else:
        claims = [
            SummaryClaim(id="s1", outcome=Outcome.killed, victims="rebels", count=count(12, None), claimant=Claimant(name="army"), mentions=army[:1]),
            SummaryClaim(id="s3", outcome=Outcome.killed, victims="rebels", count=count(12, None), claimant=Claimant(name="army"), mentions=army[1:]),
        ]
    claims.append(SummaryClaim(id="s2", outcome=Outcome.killed, victims="fighters", count=count(4, 4), claimant=Claimant(name="rebels"), mentions=[_mention(b_own)]))
    conflicts = [Conflict(id="k1", about="rebels killed", outcome=Outcome.killed, claims=["s1", "s2"], kind="contradictory")] if conflict_shown else []
    groups = ([SourceGroup(id="w", label="wire", articles=["a.txt", "b.txt"], basis="credited wire")] if grouped else
              [SourceGroup(id=f"i{n}", label=a, articles=[a], basis="single article") for n, a in enumerate(ARTICLES)])
    gold = kessa_gold(
        claims=[REBELS_KILLED, SOLDIERS_CAPTURED, REBELS_KILLED_B, OWN_LOSSES_B],
        reconciliation=GoldReconciliation(
            same_claim=[["g-a1", "g-b1"]],
            conflicts=[GoldConflict(about="rebels killed", claims=["g-a1", "g-b2"])],
            independent_sources={"wire": ["a.txt", "b.txt"]},
            must_not_appear=["Orbital Cheese"],
        ),
    )
    return _summary(claims, conflicts, groups, narrative), extractions, gold


def test_evaluate_scores_claims_merges_conflicts_sources_leaks_and_spans():
    summary, extractions, gold = _scenario(merged=True, conflict_shown=True, grouped=True)
    report = evaluate(summary, extractions, gold, list(ARTICLES.values()), rendered={"md": "# Fighting at Kessa"})
    assert (report.claims.matched, report.claims.system, report.claims.gold) == (3, 3, 4)
    assert report.claims.precision == 1.0 and report.claims.recall == 0.75
    assert [m.id for m in report.misses] == ["g-a2"]
    assert {a.article: (a.matched, a.gold) for a in report.per_article} == {"a.txt": (1, 2), "b.txt": (2, 2)}
    assert [m.status for m in report.merges] == ["merged"] and report.merge_rate == 1.0
    assert [c.status for c in report.conflicts] == ["shown"] and report.conflicts_shown == 1
    assert report.sources.exact and report.sources.pairs == 1
    assert report.leaks == []
    assert report.spans.mentions == 3 and report.spans.invalid == []
    assert json.loads(report.model_dump_json())["claims"]["recall"] == 0.75


def test_evaluate_reports_split_merges_hidden_conflicts_and_wrong_source_groups():
    summary, extractions, gold = _scenario(merged=False, conflict_shown=False, grouped=False)
    report = evaluate(summary, extractions, gold, ARTICLES)
    assert [m.status for m in report.merges] == ["split"] and report.merge_rate == 0.0
    assert [c.status for c in report.conflicts] == ["not shown"]
    assert not report.sources.exact and report.sources.agreeing == 0
    assert "one source in gold" in report.sources.disagreements[0]


def test_a_conflict_is_not_extracted_when_fewer_than_two_members_matched():
    summary, _, gold = _scenario(merged=True, conflict_shown=True, grouped=True)
    report = evaluate(summary, [], gold, ARTICLES)
    assert [c.status for c in report.conflicts] == ["not extracted"]
    assert [m.status for m in report.merges] == ["not extracted"]


def test_off_topic_words_in_outputs_are_leaks_but_article_texts_are_not():
    summary, extractions, gold = _scenario(True, True, True, narrative="Meanwhile the Orbital Cheese Festival opened.")
    rendered = {"json": summary.model_dump_json(), "md": "nothing off topic"}
    leaks = evaluate(summary, extractions, gold, ARTICLES, rendered).leaks
    assert {leak.where for leak in leaks} == {"summary.json", "json"}
    clean, _, _ = _scenario(True, True, True)  # its articles[].text still holds the teaser
    assert evaluate(clean, extractions, gold, ARTICLES, {"json": clean.model_dump_json()}).leaks == []


def _rendered(summary: EventSummary) -> dict[str, str]:
    from summarise.render.html_report import render_html
    from summarise.render.markdown_report import render_markdown

    return {"html": render_html(summary), "md": render_markdown(summary), "json": summary.model_dump_json()}


def test_article_panes_and_titles_in_rendered_reports_are_not_leaks_but_what_they_state_is():
    clean, extractions, gold = _scenario(True, True, True)
    articles = [a.model_copy(update={"title": "Orbital Cheese (and Kessa) | *news*"}) for a in clean.articles]
    titled = clean.model_copy(update={"articles": articles})
    rendered = _rendered(titled)
    assert "Orbital Cheese" in rendered["html"] and "Orbital Cheese" in rendered["md"]  # panes and titles carry it
    assert evaluate(titled, extractions, gold, ARTICLES, rendered).leaks == []
    stated = titled.model_copy(update={"narrative": "Meanwhile the Orbital Cheese Festival opened."})
    leaks = evaluate(stated, extractions, gold, ARTICLES, _rendered(stated)).leaks
    assert {leak.where for leak in leaks} == {"summary.json", "html", "md", "json"}
    headed = titled.model_copy(update={"title": "Orbital Cheese and Kessa"})  # the report's own title is stated
    assert {leak.where for leak in evaluate(headed, extractions, gold, ARTICLES, _rendered(headed)).leaks} >= {"html", "md"}


def test_a_mention_whose_offsets_do_not_hold_the_quote_is_an_invalid_span():
    summary, extractions, gold = _scenario(True, True, True)
    bad = summary.claims[0].mentions[0]
    summary.claims[0].mentions[0] = bad.model_copy(update={"start": bad.start + 1, "end": bad.end + 1})
    spans = evaluate(summary, extractions, gold, ARTICLES).spans
    assert spans.valid == spans.mentions - 1 and spans.invalid[0].quote == bad.quote


def test_format_eval_table_lists_misses_and_false_positives_with_truncated_quotes():
    summary, extractions, gold = _scenario(False, False, False)
    extractions[0].claims.append(system_claim("a.txt", "several civilians were wounded in the crossfire", "wounded", "civilians", count(None, None, "several", True)))
    table = format_eval_table(evaluate(summary, extractions, gold, ARTICLES))
    assert "P 0.75  R 0.75" in table
    assert "g-a2" in table and '"dozens of soldiers were captured"' in table
    assert "false positives (1)" in table and "several civilians were wounded" in table
    assert "merges     0/1" in table and "conflicts  0/1 shown" in table
    long_quote = "x" * 300
    gold.claims[1] = gold.claims[1].model_copy(update={"evidence": long_quote})
    assert max(len(line) for line in format_eval_table(evaluate(summary, extractions, gold, ARTICLES)).splitlines()) < 200


# --- gold loading ------------------------------------------------------------------------------


def test_missing_gold_is_a_one_line_error_naming_the_file(tmp_path):
    with pytest.raises(GoldError) as err:
        load_gold(tmp_path)
    assert str(tmp_path / "gold.yaml") in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("claims: [\n  {id: x\n", "does not parse as YAML"),
        ("- just\n- a list\n", "mapping at the top level"),
        ("claims: [not-a-mapping]\n", "claims.0"),
        ("claims:\n  - {id: c, article: a, outcome: exploded, victims: v, victim_side: s, count: {text: t}, "
         "claimant: c, claimant_side: s, evidence: e}\n", "claims.0.outcome"),
        ("claims:\n  - {id: c, count: 7}\n", "claims.0"),
        ("reconciliation: [1, 2]\n", "reconciliation"),
        ("reconciliation: {disputes: [an article]}\n", "reconciliation.disputes.0"),
    ],
)
def test_malformed_gold_is_a_one_line_error_naming_the_file(tmp_path, content, words):
    (tmp_path / "gold.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(GoldError) as err:
        load_gold(tmp_path)
    message = str(err.value)
    assert message.startswith(str(tmp_path / "gold.yaml")) and words in message and "\n" not in message


def test_run_eval_checks_gold_before_running_anything(tmp_path, monkeypatch):
    def must_not_run(*args, **kwargs):
        raise AssertionError("the pipeline ran without gold")

    monkeypatch.setitem(sys.modules, "summarise.pipeline", SimpleNamespace(run_pipeline=must_not_run))
    (tmp_path / "a.txt").write_text(TEXT_A, encoding="utf-8")
    with pytest.raises(GoldError):
        run_eval(tmp_path, RunConfig(extractor="offline"))


def test_run_eval_scores_what_the_pipeline_returns(tmp_path, monkeypatch):
    summary, extractions, gold = _scenario(True, True, True)
    (tmp_path / "gold.yaml").write_text(json.dumps(gold.model_dump(mode="json")), encoding="utf-8")
    result = SimpleNamespace(summary=summary, extractions=extractions, articles=list(ARTICLES.values()), rendered={"md": "ok"})
    monkeypatch.setitem(sys.modules, "summarise.pipeline", SimpleNamespace(run_pipeline=lambda folder, config: result))
    report = run_eval(tmp_path, RunConfig(extractor="offline"))
    assert report.claims.matched == 3 and report.conflicts_shown == 1 and report.seconds is not None


# --- the real corpus ---------------------------------------------------------------------------


def _corpus_articles(event_dir: Path) -> dict[str, Article]:
    return {p.name: Article(id=p.name, text=p.read_text(encoding="utf-8")) for p in (event_dir / "articles").glob("*.txt")}


@pytest.mark.parametrize("event", ["tinzaouaten-2024", "mh370-2014"])
def test_gold_claims_as_extractions_score_perfectly(corpus_dir, event):
    event_dir = corpus_dir / event
    gold = load_gold(event_dir)
    articles = _corpus_articles(event_dir)
    by_article: dict[str, list[CasualtyClaim]] = {}
    for c in gold.claims:
        evidence = locate(c.evidence, articles[c.article])
        assert not isinstance(evidence, GroundingFailure), (c.id, evidence)
        by_article.setdefault(c.article, []).append(
            CasualtyClaim(outcome=c.outcome, victims=c.victims, count=c.count, claimant=Claimant(name=c.claimant), evidence=evidence)
        )
    extractions = [ArticleExtraction(article=a, extractor="gold", claims=cs) for a, cs in by_article.items()]
    match = match_claims(extractions, gold, articles)
    assert (match.precision, match.recall) == (1.0, 1.0), [m.id for m in match.misses]
    assert {p.gold for p in match.pairs} == {c.id for c in gold.claims}
