"""The block-level hit sets, scores and date order agree with stock Whoosh's search (run where
none of the project's patches is, `stock_whoosh`), and so do the `whoosh` engine's."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from segmented import open_segmented_index
from stock_whoosh import stock_answers

from index.fastpath.blocks import Unsupported
from index.fastpath.postings import PostingReader
from index.fastpath.ranking import DateOrder
from index.whoosh.search import ArchiveIndex, open_stock

WORDS = [
    "oil",
    "price",
    "bank",
    "rates",
    "interest",
    "opec",
    "gas",
    "crude",
    "exports",
    "strike",
    "port",
    "harbour",
    "minister",
    "talks",
    "coffee",
    "sugar",
    "wheat",
    "grain",
    "shipping",
    "rotterdam",
    "tokyo",
    "japan",
    "dollar",
    "yen",
    "trade",
    "deficit",
]
QUERIES = [
    "oil",
    "bank rates",
    "oil OR gas",
    "oil NOT opec",
    "oil NOT opec NOT gas",
    "title:coffee",
    "title:(oil OR gas) NOT body:opec",
    "(bank OR rates) date:2024",
    "date:[2024-02-01 to 2024-03-31]",
    "crude^2 oil",
    '"interest rates"',
    "petroleum~",
    "shippin~",
    "intrest~2",
    "shippnig~2",
    "ship*",
    "NOT oil",
    "author:alizade",
    'person:"ana lind"',
    "person:lind oil",
    "nothingmatches",
    "",
]
DATE_ORDER_QUERIES = ["", "oil", "date:2024-02", "nothingmatches"]
# The queries of QUERIES the block-level scorer leaves to Whoosh: every story, and none.
UNSCORED_QUERIES = frozenset({""})


@pytest.fixture(scope="module")
def segmented_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArchiveIndex]:
    """Three segments, with deleted documents in two of them."""
    chance = random.Random(5)
    segments = [
        [_random_story(chance, segment, segment * 200 + n) for n in range(200)]
        for segment in range(3)
    ]
    deleted = [f"{gone // 200}/{gone}" for gone in range(200, 600, 9)]
    opened = open_segmented_index(tmp_path_factory.mktemp("segments"), segments, deleted)
    assert len(opened._searcher.leaf_searchers()) == 3
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def stock(segmented_index: ArchiveIndex) -> dict[str, dict[str, list[list]]]:
    return stock_answers(segmented_index._index_dir, sorted({*QUERIES, *DATE_ORDER_QUERIES}))


def _random_story(chance: random.Random, segment: int, number: int) -> dict[str, object]:
    words = chance.choices(WORDS, k=chance.randint(3, 60))
    fields: dict[str, object] = {
        "id": f"{segment}/{number}",
        "path": f"{segment}/{number}.txt",
        "title": " ".join(chance.choices(WORDS, k=4)),
        "body": " ".join(words),
        "entity_lists": ((), (), ()),
    }
    if number % 7:
        fields["date"] = datetime(2024, 1, 1) + timedelta(days=number % 120)
    if number % 11 == 0:
        fields["author"] = "Sabina Alizade"
    if number % 5 == 0:
        # Named as often as the story is about her (`entity_weights`), among a few other names.
        fields["person"] = "\n".join(["Ana Lind"] * (number % 4 + 1) + ["Bo Ek"] * (number % 3))
        fields["_stored_person"] = "Ana Lind\nBo Ek"
    return fields


@pytest.mark.parametrize("text", QUERIES)
def test_hit_sets_are_whooshs(
    segmented_index: ArchiveIndex, stock: dict, text: str, block_decoding: str
) -> None:
    parsed = segmented_index.parse(text)
    docs = PostingReader(segmented_index._searcher).docset(parsed).tolist()
    assert docs == sorted(docnum for docnum, _, _ in stock[text]["ranked"])


@pytest.mark.parametrize("text", QUERIES)
def test_scores_are_whooshs(
    segmented_index: ArchiveIndex, stock: dict, text: str, block_decoding: str
) -> None:
    parsed = segmented_index.parse(text)
    searcher = segmented_index._searcher
    if text in UNSCORED_QUERIES:
        # Whoosh scores these itself; the fast path must say so rather than guess.
        with pytest.raises(Unsupported):
            PostingReader(searcher).scores(parsed)
        return
    scored = PostingReader(searcher).scores(parsed)
    scores = dict(zip(scored.docs.tolist(), scored.scores.tolist(), strict=True))
    expected = {docnum: score for docnum, _, score in stock[text]["ranked"]}
    assert scores.keys() == expected.keys()
    for docnum, score in expected.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-9), docnum


def test_the_common_queries_are_scored_from_the_blocks(segmented_index: ArchiveIndex) -> None:
    reader = PostingReader(segmented_index._searcher)
    for text in QUERIES[:10]:
        reader.scores(segmented_index.parse(text))


@pytest.mark.parametrize("text", DATE_ORDER_QUERIES)
def test_date_order_is_whooshs_with_undated_stories_last(
    segmented_index: ArchiveIndex, stock: dict, text: str
) -> None:
    searcher = segmented_index._searcher
    parsed = segmented_index.parse(text)
    reader = PostingReader(searcher)
    order = DateOrder(searcher, reader.live)
    newest = stock[text]["newest"]
    expected = [docnum for docnum, _, day in newest if day] + [
        docnum for docnum, _, day in newest if not day
    ]
    assert order.first(reader.docset(parsed), 70) == expected[:70]


@pytest.mark.parametrize("text", QUERIES)
def test_search_totals_and_pages_are_whooshs(
    segmented_index: ArchiveIndex, stock: dict, text: str
) -> None:
    total = len(stock[text]["ranked"])
    first = segmented_index.search(text, page_size=20)
    assert first.total == total
    every = {
        hit.id
        for page in range(1, 40)
        for hit in segmented_index.search(text, page=page, page_size=20).hits
    }
    assert len(every) == total


@pytest.mark.parametrize("text", QUERIES)
def test_the_whoosh_engine_answers_as_the_fast_path(
    segmented_index: ArchiveIndex, text: str
) -> None:
    """Across segments, deleted stories and undated ones, through Whoosh's public API alone."""
    engine = open_stock(segmented_index._index_dir)
    try:
        for sort in ("relevance", "date"):
            got = engine.search(text, sort=sort, suggest=False, through_end=True)  # type: ignore[arg-type]
            expected = segmented_index.search(text, sort=sort, suggest=False, through_end=True)  # type: ignore[arg-type]
            assert [hit.id for hit in got.hits] == [hit.id for hit in expected.hits]
            assert [hit.score for hit in got.hits] == pytest.approx(
                [hit.score for hit in expected.hits], rel=1e-9
            )
        assert engine.date_counts(text) == segmented_index.date_counts(text)
        assert engine.count(text) == segmented_index.count(text)
    finally:
        engine.close()
