"""The term pool gives the segment writer the postings Whoosh's own pool gives, in its order."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh.filedb.filestore import FileStorage
from whoosh.writing import PostingPool

from articles.archive import read_source, scan_archive
from articles.entities import get_extractor
from index.fastpath import term_pool
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
    ("limitmb", "open_runs"),
    [(64, 100), (0.01, 100), (0.002, 3)],
    ids=["in memory", "spilled to runs", "runs merged to keep few files open"],
)
def test_postings_come_out_as_from_whooshs_pool(
    archive: Path, tmp_path: Path, limitmb: float, open_runs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(term_pool, "MAX_OPEN_RUNS", open_runs)
    postings = _postings(archive)
    runs = tmp_path / "runs"
    storage = FileStorage(str(runs)).create()
    whooshs = PostingPool(storage, None, limitmb=64)
    ours = TermPool(storage, limitmb)
    for posting in postings:
        whooshs.add(posting)
        ours.add(posting)
    assert list(ours.iter_postings()) == list(whooshs.iter_postings())
    assert bool(list(runs.iterdir())) == (limitmb < 1)
    ours.cleanup()
    whooshs.cleanup()
    assert not list(runs.iterdir())
