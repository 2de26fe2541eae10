"""Ingest on hostile folders: nothing outside the folder is read, nothing blocks or fills memory,
nothing is passed over without a word, legacy and UTF-16 text is read right.

Every folder is made in tmp_path with fictional text.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from extract.errors import ArticleError, IngestError
from extract.ingest import ingest_event_folder, ingest_folder, read_article
from extract.ingest.decode import decode_bytes
from extract.text.sentences import split_sentences
from summarise.pipeline import run_pipeline

STORY = ("Officials in Varnholt said on Tuesday that seven soldiers were killed and 12 were wounded "
         "when rebels attacked a checkpoint outside the town of Kestral.\n")


def _folder_with_one_story(tmp_path: Path) -> Path:
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "ok.txt").write_text(STORY, encoding="utf-8")
    return folder


def _skipped(folder: Path, **kwargs) -> dict[str, str]:
    return {s.article: s.reason for s in ingest_folder(folder, **kwargs).skipped}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_a_fifo_is_skipped_without_blocking(tmp_path):
    folder = _folder_with_one_story(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    started = time.monotonic()
    skipped = _skipped(folder)
    assert time.monotonic() - started < 5
    assert "not a regular file (a FIFO)" in skipped["pipe.txt"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_symlink_to_a_device_or_outside_file_is_refused(tmp_path):
    folder = _folder_with_one_story(tmp_path)
    outside = tmp_path / "secret.txt"
    outside.write_text("Password of the Varnholt admin: kestral\n", encoding="utf-8")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "secret.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "ok.txt")  # a link that stays inside is read
    result = ingest_folder(folder)
    assert sorted(a.id for a in result.articles) == ["inside.txt", "ok.txt"]
    reasons = {s.article: s.reason for s in result.skipped}
    assert "outside the folder" in reasons["zero.txt"]
    assert "outside the folder" in reasons["secret.txt"]
    assert not any("Password" in a.text for a in result.articles)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_read_article_on_a_device_is_an_article_error_not_a_memory_error(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(ArticleError, match="not a regular file \\(a character device\\)"):
        read_article(link)


def test_a_file_over_the_limit_is_skipped_and_never_read_whole(tmp_path):
    folder = _folder_with_one_story(tmp_path)
    (folder / "huge.txt").write_text(STORY * 100, encoding="utf-8")
    assert "over the" in _skipped(folder, max_file_bytes=len(STORY) * 2)["huge.txt"]


def test_json_nested_1500_deep_is_one_skipped_file(tmp_path):
    folder = _folder_with_one_story(tmp_path)
    (folder / "deep.json").write_text('{"text": ' * 1500 + '"x"' + "}" * 1500, encoding="utf-8")
    assert "nested too deeply" in _skipped(folder)["deep.json"]


def test_a_subfolder_is_named_in_skipped(tmp_path):
    folder = _folder_with_one_story(tmp_path)
    (folder / "more").mkdir()
    (folder / "more" / "b.txt").write_text(STORY, encoding="utf-8")
    assert "subfolder; not read" in _skipped(folder)["more/"]


def test_files_beside_an_articles_folder_are_named_in_skipped(tmp_path):
    folder = _folder_with_one_story(tmp_path)
    (folder / "articles").mkdir()
    (folder / "articles" / "a.txt").write_text(STORY, encoding="utf-8")
    (folder / "gold.yaml").write_text("event: x\n", encoding="utf-8")  # not an article: not named
    result = ingest_event_folder(folder)
    assert [a.id for a in result.articles] == ["a.txt"]
    assert {s.article: s.reason for s in result.skipped} == {"../ok.txt": "not read: articles/ beside it is read instead"}
    assert [s.article for s in run_pipeline(folder).summary.report.skipped_files] == ["../ok.txt"]


def test_an_empty_articles_folder_says_the_files_beside_it_are_not_read(tmp_path):
    folder = _folder_with_one_story(tmp_path)
    (folder / "articles").mkdir()
    with pytest.raises(IngestError, match="1 article file"):
        ingest_event_folder(folder)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark_is_read(tmp_path, encoding):
    data = STORY.encode(encoding)
    if encoding != "utf-16":
        data = ("\ufeff" + STORY).encode(encoding)
    (tmp_path / "u16.txt").write_bytes(data)
    article = read_article(tmp_path / "u16.txt")
    assert article.text == STORY
    assert article.encoding == "utf-16"


def test_cp1251_is_read_as_cyrillic_and_cp1252_stays_western():
    russian = "Власти Варнхольта сообщили, что семь солдат погибли и двенадцать ранены.\n"
    assert decode_bytes(russian.encode("cp1251")) == (russian, "cp1251")
    for western in ["Café", "Le maire de Kestral a déclaré que sept soldats étaient morts.\n",
                    "Der Bürgermeister sagte, dass sieben Soldaten gestorben seien.\n", "\u201cQuoted\u201d \u2013 dash"]:
        assert decode_bytes(western.encode("cp1252")) == (western, "cp1252")


def test_nul_bytes_without_a_bom_are_still_binary():
    with pytest.raises(ArticleError, match="binary"):
        decode_bytes(b"ab\x00cd")


def test_a_400_kb_article_on_one_line_is_split_in_linear_time(tmp_path):
    sentence = "Officials said seven soldiers were killed near Kestral on Tuesday. "
    (tmp_path / "one-line.txt").write_text(sentence * (400_000 // len(sentence)), encoding="utf-8")
    started = time.monotonic()
    article = read_article(tmp_path / "one-line.txt")
    sentences = split_sentences(article.text)
    assert len(sentences) == 400_000 // len(sentence)
    assert time.monotonic() - started < 5  # was about 25 s: the splitter looked back over the whole line


def test_skipped_reasons_stay_one_line(tmp_path):
    folder = _folder_with_one_story(tmp_path)
    (folder / "bad.json").write_text(json.dumps([1, 2]), encoding="utf-8")
    assert all("\n" not in reason for reason in _skipped(folder).values())
