"""Ingest: formats, encodings, limits, metadata and excluded ranges.

Unit tests use fictional articles written into tmp_path; the corpus tests read the reference
corpus by path and check the exclusion heuristics against its gold annotation.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extract.ingest import ArticleError, IngestError, ingest_folder, read_article
from summarise.evaluate.gold import load_gold
from tests.support.paths import EXAMPLES_DIR

STORY = (
    "Army and rebels give rival tolls after Kestral fighting\n"
    "\n"
    "KESTRAL, Veldora — The army said on Sunday that its soldiers had killed nine rebels in two "
    "days of fighting around the hill town of Kestral, a figure the rebels rejected.\n"
    "A rebel spokesman told AFP that two of the group's fighters had died and that several soldiers "
    "had been taken prisoner near the old mill.\n"
    "The district hospital said it had treated 14 wounded people, most of them farmers from the "
    "villages along the river.\n"
)
SECOND_STORY = (
    "\n"
    "Harbour festival draws record crowds in Port Lemmen\n"
    "\n"
    "Updated 2 min ago\n"
    "Follow\n"
    "\n"
    "PORT LEMMEN: More than 40,000 visitors came to the harbour festival on Saturday, organisers "
    "said, and three people were treated for heatstroke.\n"
)
DONATION_TAIL = (
    "\n"
    "A Message from The Valley Ledger:\n"
    "\n"
    "Dear readers,\n"
    "\n"
    "Independent reporting costs money. If you can, please support us monthly from just $2.\n"
    "Remind me later.\n"
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def excluded_text(article) -> str:
    return "".join(article.text[r.start:r.end] for r in article.excluded)


def span_of(article, phrase: str) -> tuple[int, int]:
    start = article.text.index(phrase)
    return start, start + len(phrase)


# --- formats -------------------------------------------------------------------------------


def test_txt_text_is_the_decoded_file_and_offsets_round_trip(tmp_path):
    article = read_article(write(tmp_path, "a.txt", STORY))
    assert article.id == "a.txt"
    assert article.text == STORY
    assert article.source_format == "txt" and article.encoding == "utf-8"
    assert article.in_scope(*span_of(article, "killed nine rebels"))


def test_crlf_newlines_are_kept_so_offsets_match_the_bytes(tmp_path):
    content = STORY.replace("\n", "\r\n")
    article = read_article(write(tmp_path, "crlf.txt", content.encode("utf-8")))
    assert article.text == content
    assert article.title == "Army and rebels give rival tolls after Kestral fighting"


def test_read_article_takes_an_explicit_id(tmp_path):
    assert read_article(write(tmp_path, "a.txt", STORY), article_id="kestral-1").id == "kestral-1"


def test_markdown_title_drops_heading_marks(tmp_path):
    article = read_article(write(tmp_path, "a.md", "# Kestral clash\n\n" + STORY))
    assert article.source_format == "md"
    assert article.title == "Kestral clash"
    assert article.text.startswith("# Kestral clash")


def test_html_main_text_without_nav_script_or_footer(tmp_path):
    page = """<html><head><title>Kestral | Ledger</title>
    <meta property="article:published_time" content="2031-04-02T09:00:00Z">
    <meta property="og:site_name" content="The Valley Ledger">
    <script>var tracker = "do not read me";</script><style>p { color: red }</style></head>
    <body><nav><a href="/">Home</a> <a href="/world">World news menu</a></nav>
    <header><p>Site banner text</p></header>
    <article><header><h1>Nine rebels killed, army says</h1></header>
    <p>The army said nine rebels were killed &amp; two soldiers wounded.</p>
    <aside>Most read: a teaser</aside>
    <p>A nurse said 14 people<br>were treated.</p></article>
    <footer>Copyright notice</footer></body></html>"""
    article = read_article(write(tmp_path, "a.html", page))
    assert article.source_format == "html"
    assert article.title == "Nine rebels killed, army says"
    assert article.text.startswith("Nine rebels killed, army says\n")
    assert "nine rebels were killed & two soldiers wounded." in article.text
    assert "14 people\nwere treated." in article.text
    for absent in ("tracker", "World news menu", "Site banner", "Most read", "Copyright", "color"):
        assert absent not in article.text
    assert article.published == date(2031, 4, 2)
    assert article.outlet == "The Valley Ledger"


def test_html_without_article_uses_body_minus_navigation(tmp_path):
    page = "<body><nav>Menu Home</nav><h1>Flood in Kestral</h1><p>Two people drowned, police said.</p></body>"
    article = read_article(write(tmp_path, "b.htm", page))
    assert "Menu" not in article.text
    assert article.text.splitlines()[0] == "Flood in Kestral"
    assert "Two people drowned, police said." in article.text


def test_json_article_fields(tmp_path):
    data = {"title": "Kestral fighting", "text": STORY, "url": "https://ledger.example/k",
            "outlet": "The Valley Ledger", "published": "2031-04-02T10:00:00Z"}
    article = read_article(write(tmp_path, "a.json", json.dumps(data)))
    assert article.source_format == "json"
    assert article.text == STORY
    assert (article.title, article.outlet, article.url) == ("Kestral fighting", "The Valley Ledger", data["url"])
    assert article.published == date(2031, 4, 2)


# --- encodings -----------------------------------------------------------------------------


def test_utf8_bom_is_stripped(tmp_path):
    article = read_article(write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + STORY.encode("utf-8")))
    assert article.encoding == "utf-8-sig"
    assert article.text == STORY


def test_cp1252_bytes_decode_with_curly_quotes(tmp_path):
    article = read_article(write(tmp_path, "old.txt", b"caf\xe9 \x93quoted\x94\n"))
    assert article.encoding == "cp1252"
    assert article.text == "caf\u00e9 \u201cquoted\u201d\n"


def test_bytes_undefined_in_cp1252_fall_back_to_latin1(tmp_path):
    article = read_article(write(tmp_path, "older.txt", b"na\xefve \x81 text\n"))
    assert article.encoding == "latin-1"
    assert article.text == "na\u00efve \x81 text\n"


# --- folder handling -----------------------------------------------------------------------


def test_folder_is_read_sorted_and_bad_files_are_skipped_with_reasons(tmp_path):
    write(tmp_path, "b.txt", STORY)
    write(tmp_path, "a.md", STORY)
    write(tmp_path, ".hidden.txt", STORY)
    write(tmp_path, "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "broken.json", '{"text": "unterminated')
    write(tmp_path, "notext.json", '{"title": "only a title"}')
    write(tmp_path, "blank.txt", "  \n\n")
    write(tmp_path, "notes.docx", "whatever")
    (tmp_path / "subfolder").mkdir()
    result = ingest_folder(tmp_path)
    assert [a.id for a in result.articles] == ["a.md", "b.txt"]
    reasons = {s.article: s.reason for s in result.skipped}
    assert set(reasons) == {"photo.txt", "broken.json", "notext.json", "blank.txt", "notes.docx", "subfolder/"}
    assert "subfolder; not read" in reasons["subfolder/"]
    assert "binary" in reasons["photo.txt"]
    assert "not valid JSON" in reasons["broken.json"]
    assert "'text'" in reasons["notext.json"]
    assert "no article text" in reasons["blank.txt"]
    assert "unsupported file type '.docx'" in reasons["notes.docx"]
    assert all("\n" not in reason for reason in reasons.values())


def test_oversized_file_is_skipped(tmp_path):
    write(tmp_path, "small.txt", STORY)
    write(tmp_path, "huge.txt", STORY * 20)
    result = ingest_folder(tmp_path, max_file_bytes=len(STORY.encode()) + 10)
    assert [a.id for a in result.articles] == ["small.txt"]
    assert result.skipped[0].article == "huge.txt"
    assert "over the" in result.skipped[0].reason and "limit" in result.skipped[0].reason


def test_unreadable_file_is_skipped_with_its_reason(tmp_path):
    write(tmp_path, "good.txt", STORY)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = ingest_folder(tmp_path)
    assert [a.id for a in result.articles] == ["good.txt"]
    skipped = [(s.article, s.reason) for s in result.skipped]
    assert skipped == [("gone.txt", "cannot be read (No such file or directory)")]


def test_read_article_errors_name_the_file(tmp_path):
    with pytest.raises(ArticleError, match=r"^bad\.txt: binary"):
        read_article(write(tmp_path, "bad.txt", b"abc\x00def"))


@pytest.mark.parametrize("make", ["missing", "file", "empty", "only_bad"])
def test_unusable_folder_raises_ingest_error_naming_it(tmp_path, make):
    folder = tmp_path / "reports"
    if make == "file":
        folder.write_text("not a folder")
    elif make == "empty":
        folder.mkdir()
    elif make == "only_bad":
        folder.mkdir()
        write(folder, "x.json", "{nope")
    with pytest.raises(IngestError) as caught:
        ingest_folder(folder)
    message = str(caught.value)
    assert str(folder) in message and "\n" not in message


# --- metadata ------------------------------------------------------------------------------


def test_dateline_and_told_agency_wire(tmp_path):
    article = read_article(write(tmp_path, "a.txt", STORY))
    assert article.dateline == "KESTRAL, Veldora"
    assert article.wire == "AFP"


@pytest.mark.parametrize(
    ("ending", "wire"),
    [
        ("\nReuters\n", "Reuters"),
        ("\nThe toll could rise, officials said. - AP\n", "AP"),
        ("\nA soldier at the checkpoint. (AFP file photo)\n", None),
        ("\nSmoke over the old mill. (Image provided to AFP by the army)\n", None),
    ],
)
def test_wire_credit_lines(tmp_path, ending, wire):
    story = STORY.replace(" told AFP", " said")
    assert read_article(write(tmp_path, "a.txt", story + ending)).wire == wire


def test_wire_quoted_from_another_agency_is_not_a_credit(tmp_path):
    story = STORY.replace("told AFP", "told the Associated Press news agency")
    assert read_article(write(tmp_path, "a.txt", story)).wire is None


def test_published_from_an_updated_line_near_the_top(tmp_path):
    text = "Kestral toll rises\n\nUpdated 3 April 2031\n\n" + STORY.split("\n", 2)[2]
    assert read_article(write(tmp_path, "a.txt", text)).published == date(2031, 4, 3)
    assert read_article(write(tmp_path, "b.txt", STORY)).published is None


# --- excluded ranges -----------------------------------------------------------------------


def test_second_story_after_a_new_headline_block_is_excluded(tmp_path):
    article = read_article(write(tmp_path, "a.txt", STORY + SECOND_STORY))
    assert article.in_scope(*span_of(article, "14 wounded people"))
    assert not article.in_scope(*span_of(article, "Harbour festival"))
    assert not article.in_scope(*span_of(article, "three people were treated for heatstroke"))
    assert article.excluded[-1].end == len(article.text)
    assert article.excluded[-1].reason == "second story"


def test_repeated_headline_marks_a_second_story(tmp_path):
    second = "\nFerry service resumes on Lake Orrun\n\nFerry service resumes on Lake Orrun\n\nThe ferry ran again.\n"
    article = read_article(write(tmp_path, "a.txt", STORY + second))
    assert not article.in_scope(*span_of(article, "The ferry ran again."))


def test_subheading_inside_the_story_stays_in_scope(tmp_path):
    text = STORY + "\nYears of unrest\n\n" + STORY.splitlines()[2] + "\n"
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.excluded == []


def test_donation_appeal_at_the_end_is_excluded(tmp_path):
    article = read_article(write(tmp_path, "a.txt", STORY + DONATION_TAIL))
    assert article.in_scope(*span_of(article, "14 wounded people"))
    assert not article.in_scope(*span_of(article, "Dear readers"))
    assert not article.in_scope(*span_of(article, "support us monthly"))


def test_donation_banner_before_the_headline_is_excluded(tmp_path):
    banner = "Enjoying ad-free reading?\nYour support keeps us going.\nSupport us\n\n"
    article = read_article(write(tmp_path, "a.txt", banner + STORY))
    assert not article.in_scope(*span_of(article, "ad-free"))
    assert article.title == "Army and rebels give rival tolls after Kestral fighting"


def test_related_articles_and_comment_form_tail_is_excluded(tmp_path):
    tail = "\nRelated Articles\n\nLeave a Reply\n\nLocal team wins the regional cup\n\nPost Comment\n"
    article = read_article(write(tmp_path, "a.txt", STORY + tail))
    assert not article.in_scope(*span_of(article, "Local team wins"))
    assert article.in_scope(*span_of(article, "several soldiers"))


@pytest.mark.parametrize("marker", ["Related Story:", "Read more about the valley's second flood in a month:"])
def test_a_related_story_or_read_more_about_line_starts_the_tail(tmp_path, marker):
    tail = f"\n{marker}\n\nFerry sinks on Lake Orrun as storm kills 12\n"
    article = read_article(write(tmp_path, "a.txt", STORY + tail))
    assert not article.in_scope(*span_of(article, "storm kills 12"))
    assert article.in_scope(*span_of(article, "several soldiers"))


def test_read_more_about_inside_a_sentence_is_no_tail(tmp_path):
    text = STORY + "\nRead more about the fighting below: the army said the toll had risen to 16 dead.\n"
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.in_scope(*span_of(article, "the toll had risen to 16 dead"))


SPLICED = (
    "\nLemmen United appoint Tomas Verel as head coach\n"
    "He joined Orlak in 2019, where he won two cup titles in five seasons before leaving the club's "
    "Ostra ground last month.\n"
    "\nThe army said its patrols would stay in Kestral until the rebels left the valley.\n"
)


def test_an_unrelated_item_spliced_into_the_story_is_excluded(tmp_path):
    article = read_article(write(tmp_path, "a.txt", STORY + SPLICED))
    assert not article.in_scope(*span_of(article, "Tomas Verel"))
    assert not article.in_scope(*span_of(article, "Ostra ground"))
    assert article.in_scope(*span_of(article, "patrols would stay in Kestral"))


@pytest.mark.parametrize("paragraph", [
    # shares a word with the story ("rebels"), so it may be about the event
    "He joined the rebels in 2019, where he won two cup titles in five seasons before leaving the Ostra ground.",
    # mentions casualties: never excluded on words alone
    "Two fans were injured at the Ostra ground when a stand gave way during the match last month.",
])
def test_a_subheading_run_into_a_paragraph_that_may_be_about_the_event_stays(tmp_path, paragraph):
    text = STORY + f"\nLemmen United appoint Tomas Verel as head coach\n{paragraph}\n\nThe army said its patrols would stay.\n"
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.in_scope(*span_of(article, "Tomas Verel"))


def test_sentence_starting_with_by_is_not_a_byline(tmp_path):
    text = STORY + "\nA long night in Kestral\n\nBy Sunday evening, the toll had risen to 16 dead.\n"
    article = read_article(write(tmp_path, "a.txt", text))
    assert article.in_scope(*span_of(article, "the toll had risen to 16 dead"))


def test_hard_wrapped_story_still_gets_its_tail_excluded(tmp_path):
    words = STORY.split("\n", 2)[2].split()
    wrapped, line = [], ""
    for word in words:
        if len(line) + len(word) > 70:
            wrapped.append(line)
            line = ""
        line = f"{line} {word}".strip()
    wrapped.append(line)
    text = "Kestral toll disputed\n\n" + "\n".join(wrapped) + "\n" + DONATION_TAIL
    article = read_article(write(tmp_path, "wrapped.txt", text))
    assert max(len(w) for w in wrapped) < 100
    assert not article.in_scope(*span_of(article, "Dear readers"))
    assert article.in_scope(*span_of(article, "The district hospital"))


def test_markdown_break_then_heading_starts_a_second_story(tmp_path):
    text = "<!-- fictional -->\n# Kestral\n\n" + STORY + "\n---\n\n# Cup final ends in a draw\n\nTwo players hurt.\n"
    article = read_article(write(tmp_path, "a.md", text))
    assert not article.in_scope(*span_of(article, "Two players hurt."))
    assert not article.in_scope(*span_of(article, "fictional"))
    assert article.in_scope(*span_of(article, "nine rebels"))


def test_runs_of_short_labels_are_excluded(tmp_path):
    labels = "\n".join(["MAP", "Kestral", "River Orrun", "5 km", "Old mill", "Bridge", "North", "Hills", "Key"])
    article = read_article(write(tmp_path, "a.txt", STORY + "\n" + labels + "\n\n" + STORY.splitlines()[3] + "\n"))
    assert not article.in_scope(*span_of(article, "River Orrun"))
    assert article.in_scope(*span_of(article, "told AFP"))


def test_short_line_toll_table_is_kept(tmp_path):
    table = "\n".join(["TOLL", "Kestral", "Killed: 9", "Wounded: 14", "Captured: 3", "Mill", "Bridge", "Hills"])
    article = read_article(write(tmp_path, "a.txt", STORY + "\n" + table + "\n"))
    assert article.in_scope(*span_of(article, "Wounded: 14"))


# --- reference corpus ----------------------------------------------------------------------


@pytest.fixture(scope="module", params=["tinzaouaten-2024", "mh370-2014"])
def corpus_event(request, corpus_dir):
    event_dir = corpus_dir / request.param
    articles = {a.id: a for a in ingest_folder(event_dir / "articles").articles}
    return load_gold(event_dir), articles


def test_corpus_gold_evidence_is_never_excluded(corpus_event):
    gold, articles = corpus_event
    quotes = [(c.article, c.evidence) for c in gold.claims]
    quotes += [(name, a.evidence) for a in gold.attributions for name in a.articles]
    checked = 0
    for name, evidence in quotes:
        start = articles[name].text.find(evidence)
        if start >= 0:
            checked += 1
            assert articles[name].in_scope(start, start + len(evidence)), f"{name}: {evidence[:50]}"
    assert checked >= len(gold.claims)


def test_corpus_off_topic_text_is_excluded(corpus_event):
    gold, articles = corpus_event
    for name, meta in gold.articles.items():
        if meta.off_topic_from:
            start = articles[name].text.index(meta.off_topic_from)
            assert not articles[name].in_scope(start, len(articles[name].text)), name
            assert articles[name].scope_text()[start:].strip() == "", name
    for word in gold.reconciliation.must_not_appear:
        holders = [a for a in articles.values() if word in a.text]
        assert holders, word
        assert all(word not in a.scope_text() for a in holders), word


def test_corpus_wire_is_never_a_wrong_credit(corpus_event):
    gold, articles = corpus_event
    agreeing = 0
    for name, meta in gold.articles.items():
        assert articles[name].wire in (None, meta.wire), name
        agreeing += articles[name].wire == meta.wire
    assert agreeing >= len(gold.articles) - 2


# --- the bundled fictional example ----------------------------------------------------------


def test_bundled_example_ingests_with_its_exclusions():
    result = ingest_folder(EXAMPLES_DIR / "border-clash")
    articles = {a.id: a for a in result.articles}
    assert list(articles) == ["01-wire.txt", "02-rewrite.txt", "03-local.html", "04-roundup.md"]
    assert result.skipped == []
    assert articles["01-wire.txt"].wire == articles["02-rewrite.txt"].wire == "AFP"
    assert articles["03-local.html"].outlet == "The Karsh Valley Courier"
    for article in articles.values():
        assert "Fictional" in article.text or article.source_format == "html"
        assert "Fictional" not in article.scope_text()
        assert 150 <= len(article.scope_text().split()) <= 350, article.id
    roundup = articles["04-roundup.md"]
    assert not roundup.in_scope(*span_of(roundup, "Two Harrowfield players were injured"))
    assert roundup.in_scope(*span_of(roundup, "three of its fighters were killed and five wounded"))
