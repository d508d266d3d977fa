"""The term pool gives the segment writer the postings Whoosh's own pool gives, in its order."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import PostingPool

from articles.archive import read_source, scan_archive
from articles.entities import get_extractor
from index.fastpath.term_pool import TermPool
from index.whoosh.indexing import document_fields
from index.whoosh.schema import build_schema


def _postings(archive: Path) -> list[tuple]:
    """Every posting of the test archive's stories, as a writer hands them to its pool."""
    schema = build_schema()
    extractor = get_extractor()
    postings = []
    docnum = 0
    for source in scan_archive(archive).files:
        for article in read_source(source).articles:
            fields = document_fields(article, extractor.extract(article.title, article.body))
            for name, value in fields.items():
                if not name.startswith("_") and schema[name].indexed:  # as add_document
                    for text, _, weight, encoded in schema[name].index(value):
                        postings.append((name, text, docnum, weight, encoded))
            docnum += 1
    return postings


@pytest.mark.parametrize(
    ("limitmb", "runs_per_merge"),
    [(64, 100), (0.01, 100), (0.002, 3)],
    ids=["in memory", "spilled to runs", "runs merged level by level"],
)
def test_postings_come_out_as_from_whooshs_pool(
    archive: Path, tmp_path: Path, limitmb: float, runs_per_merge: int
) -> None:
    postings = _postings(archive)
    runs = tmp_path / "runs"
    storage = FileStorage(str(runs)).create()
    whooshs = PostingPool(storage, None, limitmb=64)
    ours = TermPool(storage, limitmb, runs_per_merge=runs_per_merge)
    for posting in postings:
        whooshs.add(posting)
        ours.add(posting)
    pooled = ours.iter_postings()
    first = next(pooled)
    assert len(list(runs.iterdir())) <= runs_per_merge  # the runs read at once
    assert [first, *pooled] == list(whooshs.iter_postings())
    assert bool(list(runs.iterdir())) == (limitmb < 1)
    ours.cleanup()
    whooshs.cleanup()
    assert not list(runs.iterdir())


class _WrittenBytes(FileStorage):
    """Counts the bytes of every file written (each file's size as it is deleted)."""

    written = 0

    def delete_file(self, name: str) -> None:
        self.written += self.file_length(name)
        super().delete_file(name)


def _bytes_written(postings: list[tuple], folder: Path, runs_per_merge: int) -> tuple[int, int]:
    """Bytes a pool spilling every 2 KB writes to disk, and how many runs it spills."""
    storage = _WrittenBytes(str(folder)).create()
    pool = TermPool(storage, 0.002, runs_per_merge=runs_per_merge)
    spills = 0
    for posting in postings:
        before = len(list(folder.iterdir()))
        pool.add(posting)
        spills += len(list(folder.iterdir())) != before
    for _ in pool.iter_postings():
        pass
    pool.cleanup()
    return storage.written, spills


def test_a_posting_is_written_again_once_per_level_of_runs_not_once_per_merge(
    archive: Path, tmp_path: Path
) -> None:
    # A large archive spills hundreds of runs per worker: merging all of them each time a few
    # more pile up would rewrite the first postings once per merge, a cost that grows with the
    # square of the archive.
    postings = _postings(archive)
    spilled, spills = _bytes_written(postings, tmp_path / "unmerged", runs_per_merge=10**9)
    written, _ = _bytes_written(postings, tmp_path / "merged", runs_per_merge=3)
    assert spills >= 27  # three levels of merges
    levels = math.ceil(math.log(spills, 3))
    # Each level rewrites (about) every posting once; the final read writes nothing.
    assert written <= spilled * (levels + 1) * 1.1
