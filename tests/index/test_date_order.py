"""Newest first: stories without a date come after every dated one, whatever the query path."""

from __future__ import annotations

import pytest

from index.api import update_index
from index.whoosh.search import ArchiveIndex


@pytest.fixture(scope="module")
def archive_index(tmp_path_factory: pytest.TempPathFactory) -> ArchiveIndex:
    root = tmp_path_factory.mktemp("dates")
    archive = root / "archive"
    archive.mkdir()
    (archive / "old.txt").write_text(" date 2024-01-01 Old harbour\nHarbour text.\n")
    (archive / "new.txt").write_text(" date 2025-01-01 New harbour\nHarbour text.\n")
    (archive / "undated.txt").write_text("Undated harbour story\nHarbour text.\n")
    update_index(archive, root / "index")
    return ArchiveIndex.open(root / "index")


@pytest.mark.parametrize("query", ["", "harbour", '"harbour text"', "harbou~"])
def test_undated_stories_come_last_newest_first(archive_index: ArchiveIndex, query: str) -> None:
    page = archive_index.search(query, sort="date")
    assert [hit.id for hit in page.hits] == ["new.txt", "old.txt", "undated.txt"]
