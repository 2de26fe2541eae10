"""summary.md: every statement cites its articles, article text cannot break the Markdown, and
off-topic text never appears. Uses the hand-written fictional summary in ``summary_fixture``."""

from __future__ import annotations

import re

import pytest

from schemas import Evidence, Usage
from summarise.render import render_html, render_markdown
from summarise.render.markdown_report import claim_heading, md_inline, md_narrative
from tests.support.summary_fixture import (
    build_summary,
    excluded_mention,
    off_topic_words,
    vellmar_summary,  # noqa: F401 - the `summary` fixture
)


@pytest.fixture(scope="module")
def md(summary):
    return render_markdown(summary)


def section(md: str, title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", md, re.S | re.M)
    assert match, f"no section {title!r}"
    return match.group(1)


def test_title_narrative_and_sections(md):
    assert md.startswith("# Clash at Vellmar Crossing\n\n")
    assert "[c1: 000.txt, 001.txt]" in md.split("\n\n")[1]  # the narrative keeps plain citation brackets
    for title in ("Casualty figures", "Claims", "Conflicting figures", "Disputed facts", "Timeline",
                  "Who said what", "Sources", "Articles not extracted", "Run report"):
        section(md, title)


def test_casualty_table_rows(md):
    table = section(md, "Casualty figures")
    assert "| rebel fighters | killed | the army: 12 (c1); the Northern Front: 3 (c2) | 3 | 3–12 |" in table
    assert "| soldiers | killed | the army: 2 (c4); the Northern Front: at least 20 (c3) | 2 | from 2 (no upper bound) |" in table
    assert "“several” (no number) (c5) | — | — |" in table


def test_each_claim_cites_every_article_with_its_quote(summary, md):
    claims = section(md, "Claims")
    for claim in summary.claims:
        assert f"- **{claim.id}** {md_inline(claim.claimant.label())}:" in claims
        for mention in claim.mentions:
            assert f"  - [{mention.article}] “{md_inline(mention.quote)}”" in claims
    assert "civilians wounded _(hedged)_" in claims
    assert "people killed _(may describe another incident)_" in claims
    assert "- **c1** the army: **12** rebel fighters killed · 1 independent source, 2 articles" in claims


def test_conflicts_side_by_side_and_disputes_with_sources(md):
    conflicts = section(md, "Conflicting figures")
    assert "### rebel fighters killed (contradictory)" in conflicts
    # one line per figure, dated, in the conflict's order
    assert ("| as of | claimant | figure | sources |\n| --- | --- | --- | --- |\n"
            "| 11 May 2031 | the army (c1) | **12** | [000.txt]") in conflicts
    assert "| 12 May 2031 | the Northern Front (c2) | **3** | [002.txt]" in conflicts
    disputes = section(md, "Disputed facts")
    assert "- **Mara Quell**: Northern Front fighters still hold the crossing — [002.txt] “" in disputes


def test_article_text_cannot_break_tables_links_or_inject_html(md):
    assert "Update \\| 12 rebel fighters" in md and "Update | 12" not in md
    assert "\\<b\\>markup\\</b\\>" in md and "<b>" not in md and "<i>" not in md


def test_a_commonmark_renderer_shows_article_markup_as_text(md):
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py is not installed")
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    assert "<b>" not in html and "<script" not in html and "<i>" not in html
    assert "&lt;b&gt;markup&lt;/b&gt;" in html
    for row in re.findall(r"<tr>.*?</tr>", html, re.S):
        assert row.count("<td>") in (0, 2, 4, 5, 6), row  # no cell split by a stray pipe


def test_off_topic_words_never_appear(summary, md):
    words = off_topic_words(summary)
    assert {"Plumfield", "lottery", "Bramblewick"} <= words
    for word in words:
        assert not re.search(rf"\b{word}\b", md, re.IGNORECASE), word


def test_sources_groups_and_articles_not_extracted(md):
    sources = section(md, "Sources")
    assert "| g1 | NPA | credited wire | 000.txt, 001.txt |" in sources
    assert "may describe another incident: published a week later" in sources
    assert "text not about the event left out (second story)" in sources
    missing = section(md, "Articles not extracted")
    assert "- 004.txt: failed, the model's answer failed validation twice" in missing
    assert "- 005.html: skipped, empty after boilerplate removal" in missing


def test_run_report_line(summary, md):
    report = section(md, "Run report")
    assert "extractor offline-patterns/1 · 6 articles read, 4 extracted · 1 failed, 1 skipped · 3 dropped items" in report
    assert "usage: 5 calls, 4200 prompt + 900 completion tokens, 1 re-asks" in report
    assert "- warning: 003.txt may describe a later clash" in report
    summary = build_summary()
    summary.report.usage = Usage()
    assert "usage:" not in render_markdown(summary)


def test_withheld_quotes_do_not_leak():
    summary = build_summary()
    summary.claims[0].mentions.append(excluded_mention(summary.articles[0], 40))
    summary.claims[1].mentions.append(Evidence(article="gone.txt", start=0, end=4, quote="gone"))
    md = render_markdown(summary)
    assert "Plumfield" not in md
    assert "[000.txt] (quote withheld: it touches text not about the event)" in md
    assert "[gone.txt] (quote withheld: the article is not in this summary)" in md


def test_given_narrative_is_used_and_escaped():
    summary = build_summary()
    summary.narrative = "An editor's line with [a link](http://example.invalid) and *stars* [c2: 002.txt]."
    md = render_markdown(summary)
    assert "\\[a link\\](http://example.invalid) and \\*stars\\* [c2: 002.txt]." in md


def test_the_renderers_print_the_summarys_narrative_and_write_none_of_their_own():
    summary = build_summary()
    summary.narrative = ""
    assert "according to" not in render_markdown(summary).split("## ")[0]
    assert "according to" not in render_html(summary).split("</header>")[0]


def test_md_inline_escapes_markdown_specials():
    assert md_inline("a|b *c* _d_ `e` [f](g) <h> ~i~ \\ &amp;\nnext") == (
        "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\~i\\~ \\\\ \\&amp; next"
    )
    assert md_narrative("x [c1](javascript:y) [c2]") == "x \\[c1\\](javascript:y) [c2]"


def test_who_said_what_groups_each_speakers_words_and_never_repeats_a_quote():
    summary = build_summary()
    venn = summary.attributions[0]
    again = venn.model_copy(update={"speaker": "colonel ardis venn", "role": None, "affiliation": None,
                                    "statement": venn.mentions[0].quote})  # reported: the sentence itself
    summary.attributions.insert(1, again)
    section = render_markdown(summary).split("## Who said what", 1)[1].split("\n## ", 1)[0]
    assert section.count("**Colonel Ardis Venn**") == 1 and "colonel ardis venn" not in section
    venn_block = section.split("**Colonel Ardis Venn**", 1)[1].split("\n- ", 1)[0]
    assert venn_block.count("\n  - ") == 2  # both statements under the one speaker
    quote = md_inline(venn.mentions[0].quote)
    assert venn_block.count(quote) == 2  # the quoted words once, and the citation; never a third copy


def test_a_timeline_entry_told_in_the_articles_words_shows_them_once():
    summary = build_summary()
    entry = summary.timeline[0]
    summary.timeline[0] = entry.model_copy(update={"what": entry.mentions[0].quote})
    section = render_markdown(summary).split("## Timeline", 1)[1].split("\n## ", 1)[0]
    assert section.count(md_inline(entry.mentions[0].quote)) == 1


def test_the_casualty_table_marks_a_figure_that_may_describe_another_incident():
    summary = build_summary()
    row = next(f for f in summary.figures if len(f.by_claimant) >= 2)
    flagged_id, kept_id = row.by_claimant[0].claim, row.by_claimant[1].claim
    summary.claims = [c.model_copy(update={"possibly_other_incident": c.id == flagged_id}) for c in summary.claims]
    table = render_markdown(summary).split("## Casualty figures", 1)[1].split("\n## ", 1)[0]
    line = next(row for row in table.splitlines() if f"({flagged_id})" in row)
    assert f"({flagged_id}) _(may describe another incident; not counted)_" in line
    assert f"({kept_id}) _(" not in line


def test_a_toll_that_changed_over_time_is_not_called_a_dispute():
    from schemas import ConflictKind
    from summarise.render.html_report import render_html
    from summarise.render.markdown_report import render_markdown
    from tests.support.summary_fixture import build_summary

    summary = build_summary()
    summary.conflicts[0] = summary.conflicts[0].model_copy(update={"kind": ConflictKind.changed_over_time})
    md = render_markdown(summary)
    assert "### rebel fighters killed (changed over time)" in md and "### rebel fighters killed (contradictory)" not in md
    page = render_html(summary)
    assert 'class="badge ">changed over time</span>' in page


@pytest.mark.parametrize(
    ("place", "label"),
    [("in the capital alone", "in the capital alone"), ("Brask", "in Brask"), ("The state of Brask", "in the state of Brask"),
     (None, "")],
)
def test_a_figure_of_part_of_the_area_says_which_place(summary, place, label):
    claim = summary.claims[0].model_copy(update={"place_within": place})
    assert claim.place_label() == label
    heading = claim_heading(claim)
    assert (label in heading) if label else " in " not in heading.split("**")[-1]
