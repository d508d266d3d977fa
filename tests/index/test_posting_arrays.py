"""The posting arrays written beside each segment hold exactly what Whoosh's blocks hold, and a
segment without them (or a term left out of them) is read from the blocks."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from whoosh import formats
from whoosh import index as whoosh_index
from whoosh.reading import IndexReader

from index.fastpath import posting_arrays
from index.fastpath.blocks import block_postings
from index.fastpath.posting_arrays import segment_arrays
from index.fastpath.term_pool import pooled_by_term
from index.whoosh.schema import build_schema
from index.whoosh.search import ArchiveIndex

WORDS = ["oil", "price", "bank", "rates", "interest", "gas", "crude", "coffee", "yen"]


@pytest.fixture(autouse=True)
def every_term_in_arrays(monkeypatch: pytest.MonkeyPatch) -> None:
    """The small indexes here have few terms with a block's worth of postings."""
    monkeypatch.setattr(posting_arrays, "MIN_POSTINGS", 1)


def _story(chance: random.Random, number: int) -> dict[str, object]:
    return {
        "id": str(number),
        "title": " ".join(chance.choices(WORDS, k=4)),
        "body": " ".join(chance.choices(WORDS, k=chance.randint(1, 80))),
        "person": chance.choice(["Ivo Gasic", "Kaja Kallas", ""]),
        "entity_lists": ((), (), ()),
    }


def _write(index_dir: Path, batches: list[list[dict[str, object]]], limitmb: float) -> None:
    ix = whoosh_index.create_in(str(index_dir), build_schema())
    for batch in batches:
        writer = pooled_by_term(ix.writer(), limitmb)
        for fields in batch:
            writer.add_document(**fields)
        writer.commit(merge=False)
    ix.close()


def _assert_arrays_are_the_blocks(reader: IndexReader) -> None:
    arrays = segment_arrays(reader)
    assert arrays is not None
    for fieldname, btext in reader.all_terms():
        field = reader.schema[fieldname]
        positional = type(field.format) is formats.Positions
        boost = field.format.field_boost
        ours = arrays.postings(fieldname, btext, positions=positional, field_boost=boost)
        whooshs = block_postings(reader, fieldname, btext, positions=positional)
        assert ours is not None, (fieldname, btext)
        assert ours.ids.tolist() == whooshs.ids.tolist(), (fieldname, btext)
        assert ours.weights.tolist() == whooshs.weights.tolist(), (fieldname, btext)
        if positional:
            assert ours.positions is not None and whooshs.positions is not None
            for at in (np.arange(len(ours.ids)), np.arange(len(ours.ids))[1::3]):
                mine, counts = ours.positions.of(at)
                theirs, their_counts = whooshs.positions.of(at)
                assert mine.tolist() == theirs.tolist(), (fieldname, btext)
                assert counts.tolist() == their_counts.tolist(), (fieldname, btext)


@pytest.mark.parametrize("limitmb", [64, 0.02])
def test_every_terms_arrays_hold_what_its_blocks_hold(tmp_path: Path, limitmb: float) -> None:
    """0.02 MB: the pool spills many runs, so a term's postings arrive in several records."""
    chance = random.Random(3)
    _write(tmp_path, [[_story(chance, n) for n in range(400)]], limitmb)
    with whoosh_index.open_dir(str(tmp_path)).searcher() as searcher:
        for leaf, _ in searcher.leaf_searchers():
            _assert_arrays_are_the_blocks(leaf.reader())


def test_merged_segments_get_arrays_of_their_live_postings(tmp_path: Path) -> None:
    chance = random.Random(4)
    _write(tmp_path, [[_story(chance, b * 100 + n) for n in range(100)] for b in range(3)], 64)
    ix = whoosh_index.open_dir(str(tmp_path))
    writer = pooled_by_term(ix.writer(), 64)
    for gone in range(0, 300, 7):
        writer.delete_by_term("id", str(gone))
    writer.commit(optimize=True)
    with ix.searcher() as searcher:
        assert len(searcher.leaf_searchers()) == 1
        assert searcher.doc_count_all() == 300 - len(range(0, 300, 7))
        _assert_arrays_are_the_blocks(searcher.leaf_searchers()[0][0].reader())
    ix.close()


def _whooshs(archive_index: ArchiveIndex, text: str) -> list[tuple[str, float]]:
    hits = archive_index._searcher.search(archive_index.parse(text), limit=None)
    return sorted((hit["id"], round(hit.score, 9)) for hit in hits)


def _ours(archive_index: ArchiveIndex, text: str) -> list[tuple[str, float]]:
    page = archive_index.search(text, page_size=1000)
    return sorted((hit.id, round(hit.score, 9)) for hit in page.hits)


QUERIES = ["oil", '"interest rates"', "price OR gas", "person:kallas", "title:coffee"]


@contextmanager
def _one_segment(
    index_dir: Path, stories: list[dict[str, object]], limitmb: float = 64
) -> Iterator[tuple[ArchiveIndex, IndexReader]]:
    """The stories written as one segment, opened: the index and the segment's reader."""
    _write(index_dir, [stories], limitmb)
    archive_index = ArchiveIndex.open(index_dir)
    try:
        [(leaf, _)] = archive_index._searcher.leaf_searchers()
        yield archive_index, leaf.reader()
    finally:
        archive_index.close()


def _assert_searches_are_whooshs(archive_index: ArchiveIndex, texts: list[str]) -> None:
    for text in texts:
        archive_index.forget_queries()
        assert _ours(archive_index, text) == _whooshs(archive_index, text), text


@pytest.mark.parametrize("boost", [0.1, 2.0])
def test_a_boosted_story_leaves_the_segment_to_its_blocks(tmp_path: Path, boost: float) -> None:
    """0.1: a weight float32 can't hold; 2.0: weights that aren't the counts of positions."""
    chance = random.Random(5)
    stories = [_story(chance, n) for n in range(50)]
    stories[7]["_body_boost"] = boost
    with _one_segment(tmp_path, stories) as (archive_index, reader):
        assert segment_arrays(reader) is None
        assert not any(name.endswith(".pad") for name in reader._storage.list())
        _assert_searches_are_whooshs(archive_index, QUERIES)


def test_terms_whose_keys_collide_are_read_from_the_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    term_key = posting_arrays.term_key

    def colliding(fieldname: str, btext: bytes) -> int:
        return 1 if btext in (b"oil", b"rate") else term_key(fieldname, btext)

    monkeypatch.setattr(posting_arrays, "term_key", colliding)
    chance = random.Random(6)
    with _one_segment(tmp_path, [_story(chance, n) for n in range(200)]) as (archive_index, reader):
        arrays = segment_arrays(reader)
        assert arrays is not None
        assert arrays.postings("body", b"oil", positions=False) is None
        assert arrays.postings("body", b"price", positions=False) is not None
        _assert_searches_are_whooshs(archive_index, QUERIES)


def test_arrays_that_cant_be_read_leave_the_query_to_whoosh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(ext: str, offset: int, size: int) -> bytes:
        raise OSError("Input/output error")

    chance = random.Random(7)
    with _one_segment(tmp_path, [_story(chance, n) for n in range(100)]) as (archive_index, reader):
        arrays = segment_arrays(reader)
        assert arrays is not None
        monkeypatch.setattr(arrays, "_read_bytes", unreadable)
        _assert_searches_are_whooshs(archive_index, QUERIES)


def test_terms_rarer_than_a_block_are_left_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(posting_arrays, "MIN_POSTINGS", 60)
    chance = random.Random(8)
    stories = [_story(chance, n) for n in range(200)]
    with _one_segment(tmp_path, stories, limitmb=0.02) as (archive_index, reader):
        arrays = segment_arrays(reader)
        assert arrays is not None
        for fieldname, btext in reader.all_terms():
            found = arrays.postings(fieldname, btext, positions=False)
            assert (found is not None) == (reader.doc_frequency(fieldname, btext) >= 60)
        _assert_searches_are_whooshs(archive_index, [*QUERIES, "ivo gasic", "date:2024"])
