"""The session's explore calls on the real core: the names' story counts are kept until the
index changes, and an unwanted call never reaches the index."""

from __future__ import annotations

from pathlib import Path

from index.api import update_index
from reader.data.session import ArchiveSession
from reader.explore.timeline import timeline_of


def test_name_counts_follow_the_index(archive_copy: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    session = ArchiveSession.open(archive_copy, index_dir)
    try:
        before = session.name_counts()["person"]["Maja Lindqvist"]
        assert session.name_counts() is session.name_counts()  # kept
        (archive_copy / "2024" / "talks.txt").write_text(
            " date 2024-05-05 Ferry talks resume\nUnion leader Maja Lindqvist met the company.\n",
            encoding="utf-8",
        )
        update_index(archive_copy, index_dir)
        assert session.refresh()
        assert session.name_counts()["person"]["Maja Lindqvist"] == before + 1
    finally:
        session.close()


def test_an_unwanted_timeline_is_not_counted(archive_copy: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    session = ArchiveSession.open(archive_copy, index_dir)
    try:
        assert (
            session.explore_if_wanted(
                lambda index: timeline_of(index, ""), still_wanted=lambda: False
            )
            is None
        )
        timeline = session.explore_if_wanted(lambda index: timeline_of(index, ""))
        assert timeline is not None and timeline.dated == 8
    finally:
        session.close()
