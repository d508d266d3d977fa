"""An archive with nothing indexable still gives an index that opens and answers."""

from __future__ import annotations

from pathlib import Path

from index.api import update_index
from index.whoosh.search import ArchiveIndex


def test_the_index_of_an_empty_archive_opens_and_finds_nothing(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "empty.txt").write_text("", encoding="utf-8")
    report = update_index(archive, tmp_path / "index")
    assert report.indexed == 0 and [problem.path for problem in report.skipped] == ["empty.txt"]

    archive_index = ArchiveIndex.open(tmp_path / "index")
    try:
        assert archive_index.doc_count == 0
        assert archive_index.search("").total == 0
        assert archive_index.search("harbour OR oil", sort="date").total == 0
        assert all(counts == () for counts in archive_index.facets("").values())
    finally:
        archive_index.close()
