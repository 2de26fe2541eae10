"""Event scope flags and source independence (wire credit, near-duplicate text and rewrites)."""

from __future__ import annotations

from datetime import date

from schemas import ExcludedRange, Outcome
from summarise.reconcile import reconcile
from summarise.reconcile.event_scope import flag_other_incidents
from summarise.reconcile.sources import source_groups
from tests.support.builders import EXACT, article, claim, extraction, report

STORY = (
    "Fighting broke out in Orlak on Thursday between the Varnian army and rebels of the Northern Front. "
    "The army said it had retaken the market district after two days of clashes with the insurgents. "
    "Residents described heavy gunfire through the night and said many families had fled toward the river. "
)


def test_an_undated_article_mentioning_later_developments_is_flagged():
    articles = [
        article("a.txt", STORY, date(2031, 4, 12)),
        article("b.txt", "Rebels attacked a convoy near Orlak, the army said.", date(2031, 4, 13)),
        article("c.txt", "Rebels clashed with troops near Orlak. The clash came shortly after the Kestrel group announced plans to withdraw from Varnia."),
    ]
    notes = flag_other_incidents(articles)
    assert list(notes) == ["c.txt"]
    assert "withdraw" in notes["c.txt"]


def test_far_dates_flag_unless_the_article_names_the_incident_date_of_the_others():
    articles = [
        article("a.txt", "The ferry sank on March 3 off Kelna, officials said.", date(2031, 3, 4)),
        article("b.txt", "Divers searched the wreck of the ferry that sank off Kelna.", date(2031, 3, 5)),
        article("c.txt", "Months later, an inquiry into the ferry that sank on March 3 reported its findings.", date(2031, 9, 1)),
        article("d.txt", "Another ferry sank off Kelna, officials said.", date(2031, 9, 20)),
    ]
    notes = flag_other_incidents(articles)
    assert set(notes) == {"d.txt"}  # c.txt names the same March 3
    assert "2031-09-20" in notes["d.txt"]


def test_two_dated_reports_far_apart_flag_neither():
    """Beside one other dated report, either could be the odd one out: a story retold months later."""
    articles = [
        article("a.txt", "The ferry sank off Kelna, officials said.", date(2031, 3, 4)),
        article("b.txt", "A year on, the toll of the ferry that sank off Kelna stands at 40.", date(2032, 3, 1)),
        article("c.txt", "Divers searched the wreck of the ferry off Kelna."),
    ]
    assert flag_other_incidents(articles) == {}


def test_flagged_claims_stay_apart_but_still_show_in_conflicts():
    a = article("a.txt", "The army said seven rebels were killed in Orlak.", date(2031, 4, 12))
    b = article("b.txt", "The army said seven rebels were killed in Orlak.\nThe Kestrel group announced plans to withdraw.")
    c = article("c.txt", "The rebels said three of their fighters were killed.", date(2031, 4, 12))
    extractions = [
        extraction(x, [claim(x, quote, Outcome.killed, victims, figure, who)])
        for x, quote, victims, figure, who in (
            (a, "seven rebels were killed", "seven rebels", EXACT(7), "the army"),
            (b, "seven rebels were killed", "seven rebels", EXACT(7), "the army"),
            (c, "three of their fighters were killed", "three rebel fighters", EXACT(3), "the rebels"),
        )
    ]
    summary = reconcile([a, b, c], extractions, report())
    assert [x.possibly_other_incident for x in summary.articles] == [False, True, False]
    sevens = [cl for cl in summary.claims if cl.count.min == 7]
    assert len(sevens) == 2 and [cl.possibly_other_incident for cl in sevens] == [False, True]
    [conflict] = summary.conflicts
    assert {cl.id for cl in sevens} <= set(conflict.claims)
    row = next(f for f in summary.figures if f.outcome is Outcome.killed)
    assert row.low == 3 and row.high == 7  # the flagged 7 is listed but not counted twice


def test_same_wire_is_one_group_and_every_article_is_in_exactly_one():
    articles = [
        article("a.txt", "One text.", wire="AFP"),
        article("b.txt", "Another text.", wire="afp"),
        article("c.txt", "A third text.", wire="Reuters"),
        article("d.txt", "A fourth text."),
    ]
    groups, group_of = source_groups(articles)
    assert [g.articles for g in groups] == [["a.txt", "b.txt"], ["c.txt"], ["d.txt"]]
    assert [g.basis for g in groups] == ["credited wire", "single article", "single article"]
    assert groups[2].label == "independent: d.txt"
    assert sorted(group_of) == ["a.txt", "b.txt", "c.txt", "d.txt"]


def test_near_duplicate_text_joins_uncredited_copies_but_not_shared_quotes():
    copy = STORY + "Subscribe to our newsletter for more."
    shares_a_quote = "An analyst in the capital said the offensive was expected. " + STORY.split(". ")[1] + "."
    articles = [article("a.txt", STORY), article("b.txt", copy), article("c.txt", shares_a_quote)]
    groups, group_of = source_groups(articles)
    assert group_of["a.txt"] == group_of["b.txt"] != group_of["c.txt"]
    joined = next(g for g in groups if "a.txt" in g.articles)
    assert joined.basis == "near-duplicate text"


def test_text_in_excluded_ranges_does_not_make_articles_duplicates():
    boiler = "Read more stories from our network of local newspapers every morning in your inbox today. " * 6
    a = article("a.txt", "Rebels attacked Orlak on Friday. " + boiler)
    b = article("b.txt", "Floods hit the coast of Kelna on Monday. " + boiler)
    for x in (a, b):
        start = x.text.index("Read more")
        x.excluded.append(ExcludedRange(start=start, end=len(x.text), reason="navigation"))
    _, group_of = source_groups([a, b])
    assert group_of["a.txt"] != group_of["b.txt"]


DISPATCH = (
    "Rebels in the northern Orlak valley said on Sunday they had routed an army column after two days of fighting.\n"
    "The rebel spokesman Tamar Velish said nine of their fighters were killed and fourteen wounded.\n"
    "The army said its units had withdrawn to the garrison town of Brisk to regroup.\n"
    "A local official said at least twenty soldiers were killed or taken prisoner near the river ford.\n"
    "The valley has been contested since the peace accord collapsed three years ago.\n"
)
REWORDED = (
    "After two days of combat, northern Orlak valley rebels claimed on Sunday to have defeated an army column.\n"
    "Nine rebel fighters were killed and fourteen were wounded, according to rebel spokesman Tamar Velish.\n"
    "The army stated that its units pulled back to Brisk, a garrison town, in order to regroup.\n"
    "No fewer than twenty soldiers were killed or captured close to the river ford, a local official told reporters.\n"
    "Since the collapse of the peace accord three years ago, the valley has been contested.\n"
)
SAME_QUOTE_OTHER_STORY = (
    "The government announced a curfew in Brisk on Monday as refugees arrived from the valley.\n"
    "Nine rebel fighters were killed and fourteen wounded, the rebel spokesman Tamar Velish said on Sunday.\n"
    "Aid groups said food stocks in the garrison town would last a week.\n"
    "Schools in the capital were closed as a precaution and flights to the north were suspended.\n"
    "The finance ministry said the budget for the northern provinces would be reviewed next month.\n"
)


def test_a_reworded_rewrite_of_one_dispatch_joins_its_group_but_a_shared_sentence_does_not():
    articles = [article("a.txt", DISPATCH), article("b.txt", REWORDED), article("c.txt", SAME_QUOTE_OTHER_STORY)]
    groups, group_of = source_groups(articles)
    assert group_of["a.txt"] == group_of["b.txt"] != group_of["c.txt"]
    assert next(g for g in groups if "a.txt" in g.articles).basis == "near-duplicate text"


def test_text_not_about_the_event_never_enters_the_summary():
    from schemas import ExcludedRange, RunReport

    text = "Rebels said nine fighters were killed.\nUNRELATED: the Zorvan cup final ended 3-1."
    start = text.index("UNRELATED")
    art = article("a.txt", text)
    art.excluded.append(ExcludedRange(start=start, end=len(text), reason="second story"))
    summary = reconcile([art], [], RunReport(extractor="test"))
    (kept,) = summary.articles
    assert "Zorvan" not in kept.text and len(kept.text) == len(text)
    assert kept.text[:start] == text[:start]


def test_groups_of_many_copies_and_rewrites_are_those_every_link_makes():
    """Pairs already joined by text are not scored; the groups stay those of all the links."""
    from summarise.reconcile.sources import near_duplicate_pairs, rewrite_pairs
    from summarise.reconcile.union_find import UnionFind

    texts = [DISPATCH, REWORDED, SAME_QUOTE_OTHER_STORY, STORY]
    articles = [
        article(f"{n:02d}.txt", f"Copy {n} from the desk.\n" + texts[n % len(texts)], wire="AFP" if n == 5 else None)
        for n in range(16)
    ]
    every_link = list(near_duplicate_pairs(articles)) + list(rewrite_pairs(articles))
    assert len(every_link) > len(articles)  # cliques of copies: more links than a spanning tree needs
    joined: UnionFind[int] = UnionFind()
    for i, j, _ in every_link:
        joined.union(i, j)
    expected: dict[int, list[str]] = {}
    for n, a in enumerate(articles):
        expected.setdefault(joined.find(n), []).append(a.id)
    groups, _ = source_groups(articles)
    assert [g.articles for g in groups] == sorted(expected.values())
    # a group whose only credited wire is one wire keeps that basis; the others were joined by text
    assert {g.basis for g in groups if "05.txt" in g.articles} == {"credited wire"}
    assert {g.basis for g in groups if "05.txt" not in g.articles and len(g.articles) > 1} == {"near-duplicate text"}
