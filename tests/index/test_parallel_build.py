"""Large updates run in worker processes that write their own segments: same results as serial."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.api import update_index
from index.whoosh import writer
from index.whoosh.search import ArchiveIndex

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two CPUs")


@pytest.fixture(autouse=True)
def parallel_from_two_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(writer, "PARALLEL_MIN_FILES", 2)


def write_story(folder: Path, number: int, extra: str = "") -> Path:
    path = folder / f"story-{number:03d}.txt"
    path.write_text(
        f" date 2024-05-{number % 28 + 1:02d} Harbour report number {number}\n"
        f"Harbour master Amani Lyimo counted {number} ships in Dar es Salaam.{extra}\n",
        encoding="utf-8",
    )
    return path


def search_ids(index_dir: Path, query: str) -> set[str]:
    archive_index = ArchiveIndex.open(index_dir)
    try:
        return {hit.id for hit in archive_index.search(query, page_size=500).hits}
    finally:
        archive_index.close()


def test_workers_index_every_file_and_updates_stay_correct(tmp_path: Path) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    archive.mkdir()
    stories = [write_story(archive, number) for number in range(40)]
    (archive / "empty.txt").write_text("", encoding="utf-8")

    first = update_index(archive, index_dir)
    assert (first.indexed, first.updated, first.removed) == (40, 0, 0)
    assert [problem.path for problem in first.skipped] == ["empty.txt"]
    assert len(search_ids(index_dir, "harbour")) == 40
    assert search_ids(index_dir, 'person:"Amani Lyimo"') == search_ids(index_dir, "")

    write_story(archive, 3, extra=" A crane toppled.")
    stories[4].unlink()
    os.utime(stories[5], ns=(0, 0))  # touched, content unchanged
    write_story(archive, 99)
    second = update_index(archive, index_dir)
    assert (second.indexed, second.updated, second.unchanged, second.removed) == (1, 1, 38, 1)
    assert search_ids(index_dir, "crane") == {"story-003.txt"}
    ids = search_ids(index_dir, "")
    assert len(ids) == 40 and "story-004.txt" not in ids and "story-099.txt" in ids
