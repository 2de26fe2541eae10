"""Whatever bytes one file holds, it never costs the other articles of the folder (hypothesis)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.ingest import ingest_folder

GOOD = "Fictional report. Officials in Tarnvale said four people were killed in the floods on Monday.\n"


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".md", ".html", ".json", ".bin"]))
def test_any_file_is_read_or_skipped_by_name_and_the_good_one_is_kept(data, suffix):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "good.txt").write_text(GOOD, encoding="utf-8")
        Path(folder, f"odd{suffix}").write_bytes(data)
        result = ingest_folder(Path(folder))
    assert [a.id for a in result.articles if a.id == "good.txt"] == ["good.txt"]
    odd = [a for a in result.articles if a.id == f"odd{suffix}"]
    skipped = [s for s in result.skipped if s.article == f"odd{suffix}"]
    assert len(odd) + len(skipped) == 1
    for s in skipped:
        assert s.reason and "\n" not in s.reason
    for article in odd:
        assert all(0 <= r.start <= r.end <= len(article.text) for r in article.excluded)
