"""Indexes whose postings are laid out in the less usual ways still search as Whoosh does:
thousands of words under one prefix, long position lists, postings kept in the term info,
entity fields, other position formats, and blocks that can't be read at all. Indexes this
project writes are compared with stock Whoosh (`stock_whoosh`), those only Whoosh's own writer
makes with Whoosh here."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from segmented import open_segmented_index
from stock_whoosh import stock_answers
from whoosh import fields
from whoosh import index as whoosh_index
from whoosh import query as whoosh_query
from whoosh.codec.whoosh3 import W3Codec, W3TermInfo
from whoosh.searching import Searcher

from index.fastpath import blocks, posting_arrays
from index.fastpath.blocks import Unsupported
from index.fastpath.postings import PostingReader
from index.fastpath.ranking import best
from index.whoosh.schema import build_schema
from index.whoosh.search import ArchiveIndex, open_fast

LETTERS = "abcdefghijklmnopqrstuvwxyz"
PEOPLE = ["Sabina Alizade", "Ivo Gasic", "Ana Brnabic", "Kaja Kallas", "Olaf Scholz"]


def _words(chance: random.Random, count: int) -> list[str]:
    """`count` distinct words of 3 to 9 letters, all starting with `s`."""
    words: set[str] = set()
    while len(words) < count:
        words.add("s" + "".join(chance.choices(LETTERS, k=chance.randint(2, 8))))
    return sorted(words)


@pytest.fixture(scope="module")
def many_words_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArchiveIndex]:
    """3,000 words under the prefix `s`, two under `zeb`, people named in most stories, in two
    segments."""
    chance = random.Random(7)
    words = _words(chance, 3000)
    segments = [
        [_story_of_words(chance, words, f"{segment}/{number}") for number in range(300)]
        for segment in range(2)
    ]
    opened = open_segmented_index(tmp_path_factory.mktemp("many-words"), segments)
    yield opened
    opened.close()


def _story_of_words(chance: random.Random, words: list[str], doc_id: str) -> dict[str, object]:
    people = chance.sample(PEOPLE, k=chance.randint(0, 3))
    return {
        "id": doc_id,
        "title": " ".join(chance.choices(words, k=3)),
        "body": " ".join(chance.choices(words + ["zebra", "zebu"], k=40)),
        "person": ", ".join(people),
        "entity_lists": (tuple(people), (), ()),
    }


@pytest.fixture(scope="module")
def long_positions_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArchiveIndex]:
    """Words more than 1,000 times in a story, and 256 or more words apart."""
    index_dir = tmp_path_factory.mktemp("long-positions")
    ix = whoosh_index.create_in(str(index_dir), build_schema())
    writer = ix.writer()
    for number in range(6):
        gap = " ".join(["filler"] * (250 + 10 * number))
        body = " ".join(f"interest rates {gap}" for _ in range(5 + number))
        writer.add_document(id=str(number), title="Rates", body=body, entity_lists=((), (), ()))
    writer.add_document(id="short", title="Rates", body="interest rates filler")
    writer.commit()
    ix.close()
    opened = ArchiveIndex.open(Path(index_dir))
    yield opened
    opened.close()


PREFIXES = ["s*", "body:s*", "title:sa*", "sx* OR sy*", "s* NOT sab*", "zeb*", "zeb*^3", "s*^2"]
ENTITY_QUERIES = ['person:"Ivo Gasic"', "person:kallas OR person:scholz"]
LONG_PHRASES = ['"interest rates"', '"rates filler"', '"filler interest"', '"filler filler filler"']


@pytest.fixture(scope="module")
def many_words_stock(many_words_index: ArchiveIndex) -> dict[str, dict[str, list[list]]]:
    return stock_answers(many_words_index._index_dir, PREFIXES + ["sa~^2"] + ENTITY_QUERIES)


@pytest.fixture(scope="module")
def long_positions_stock(long_positions_index: ArchiveIndex) -> dict[str, dict[str, list[list]]]:
    return stock_answers(long_positions_index._index_dir, LONG_PHRASES + ["filler"])


def _whooshs_own(searcher: Searcher, node: whoosh_query.Query) -> list[list]:
    """Every hit of `node` by the searcher, as `stock_answers` gives them: for an index of a
    layout only Whoosh's own writer makes, searched here."""
    return [[hit.docnum, hit.get("id"), hit.score] for hit in searcher.search(node, limit=None)]


def _assert_whooshs(
    searcher: Searcher, node: whoosh_query.Query, whooshs: list[list], scored_fast: bool = True
) -> None:
    """The hit set and, where the fast path scores the query (`scored_fast`), the scores are
    Whoosh's (`whooshs`, every hit as (document number, id, score)); where it does not, it
    says so."""
    reader = PostingReader(searcher)
    expected = {docnum: score for docnum, _, score in whooshs}
    assert reader.docset(node).tolist() == sorted(expected)
    if not scored_fast:
        with pytest.raises(Unsupported):
            reader.scores(node)
        return
    scored = reader.scores(node)
    scores = dict(zip(scored.docs.tolist(), scored.scores.tolist(), strict=True))
    assert scores.keys() == expected.keys()
    for docnum, score in expected.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-9), docnum


@pytest.mark.parametrize("text", PREFIXES + ["sa~^2"])
def test_a_prefix_of_thousands_of_words_finds_and_ranks_as_whoosh(
    many_words_index: ArchiveIndex, many_words_stock: dict, text: str, block_decoding: str
) -> None:
    parsed = many_words_index.parse(text)
    whooshs = many_words_stock[text]["ranked"]
    _assert_whooshs(many_words_index._searcher, parsed, whooshs)
    page = many_words_index.search(text, page_size=20)
    assert page.total == len(whooshs)
    assert [hit.id for hit in page.hits] == [hit_id for _, hit_id, _ in whooshs[:20]]


@pytest.mark.parametrize("word", ["said", "sabc", "sxyz", "st", "sandwiches"])
@pytest.mark.parametrize("prefix", [0, 1, 3])
def test_two_edits_find_whooshs_words_among_thousands(
    many_words_index: ArchiveIndex, word: str, prefix: int
) -> None:
    searcher = many_words_index._searcher
    # Whoosh's automaton fails on a prefix longer than the word; the parser clamps it.
    length = min(prefix, len(word))
    fuzzy = whoosh_query.FuzzyTerm("body", word, maxdist=2, prefixlength=length)
    whooshs = {
        found for leaf, _ in searcher.leaf_searchers() for found in fuzzy._btexts(leaf.reader())
    }
    assert set(PostingReader(searcher).expanded(fuzzy)) == whooshs


@pytest.mark.parametrize("text", ENTITY_QUERIES)
def test_entity_fields_find_and_rank_as_whoosh(
    many_words_index: ArchiveIndex, many_words_stock: dict, text: str, block_decoding: str
) -> None:
    # Their postings hold counts, not positions: a block's values are one byte string.
    parsed = many_words_index.parse(text)
    _assert_whooshs(many_words_index._searcher, parsed, many_words_stock[text]["ranked"])


@pytest.mark.parametrize("text", LONG_PHRASES + ["filler"])
def test_phrases_of_words_far_apart_and_repeated_are_whooshs(
    long_positions_index: ArchiveIndex, long_positions_stock: dict, text: str, block_decoding: str
) -> None:
    parsed = long_positions_index.parse(text)
    whooshs = long_positions_stock[text]["ranked"]
    _assert_whooshs(long_positions_index._searcher, parsed, whooshs)


def test_postings_kept_in_the_term_info_are_searched_by_whoosh(
    tmp_path: Path, block_decoding: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoosh's codec can keep a rare word's postings with the word instead of in blocks (its
    writer calls a method by a name that 2.7.4 lacks)."""
    monkeypatch.setattr(W3TermInfo, "set_inline", W3TermInfo.set_inlined, raising=False)
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    writer = ix.writer(codec=W3Codec(inlinelimit=4))
    for number, body in enumerate(["oil price rises", "oil price", "gas price", "oil", "price"]):
        writer.add_document(id=str(number), body=body, entity_lists=((), (), ()))
    writer.commit()
    with ix.searcher() as searcher:
        # Postings in the term info are Whoosh's to score; "gas" is no term (its stem is "ga"),
        # so there is nothing to read and the fast path scores it.
        for node, scored_fast in [
            (whoosh_query.Term("body", "oil"), False),
            (whoosh_query.Term("body", "gas"), True),
            (
                whoosh_query.Or(
                    [whoosh_query.Term("body", "rise"), whoosh_query.Term("body", "ga")]
                ),
                False,
            ),
            (whoosh_query.Phrase("body", ["oil", "price"]), False),
            (whoosh_query.Phrase("body", ["gas", "price"]), True),
        ]:
            _assert_whooshs(searcher, node, _whooshs_own(searcher, node), scored_fast)
    ix.close()


def test_phrases_in_a_field_of_other_positions_are_whooshs(tmp_path: Path) -> None:
    schema = fields.Schema(id=fields.ID(stored=True), body=fields.TEXT(chars=True))
    ix = whoosh_index.create_in(str(tmp_path), schema)
    writer = ix.writer()
    for number, body in enumerate(["interest rates rise", "rates of interest", "interest rates"]):
        writer.add_document(id=str(number), body=body)
    writer.commit()
    with ix.searcher() as searcher:
        # Positions with characters are not the index's format: Whoosh scores the phrase.
        phrase = whoosh_query.Phrase("body", ["interest", "rates"])
        _assert_whooshs(searcher, phrase, _whooshs_own(searcher, phrase), scored_fast=False)
    ix.close()


def _pages(archive_index: ArchiveIndex, texts: list[str]) -> list[tuple[object, ...]]:
    archive_index.forget_queries()
    return [
        (page.total, [hit.id for hit in page.hits])
        for text in texts
        for page in (
            archive_index.search(text, page_size=20),
            archive_index.search(text, page_size=20, sort="date"),
        )
    ]


def test_blocks_that_cant_be_read_are_searched_by_whoosh(
    many_words_index: ArchiveIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["s*", 'person:"Ivo Gasic"', "sa* OR sb*", "said~2"]
    expected = _pages(many_words_index, texts)
    expected_facets = many_words_index.facets("s*")

    def unreadable(matcher: object) -> Iterator[tuple[int, bool, bytes]]:
        yield 5, False, b"not a pickle"

    monkeypatch.setattr(blocks, "_raw_blocks", unreadable)
    monkeypatch.setattr(posting_arrays, "segment_arrays", lambda reader: None)
    many_words_index._forget()
    assert _pages(many_words_index, texts) == expected
    assert many_words_index.facets("s*") == expected_facets


def test_another_whoosh_version_is_searched_by_whoosh(many_words_index: ArchiveIndex) -> None:
    texts = ["sa* OR person:kallas"]
    expected = _pages(many_words_index, texts)
    other_version = open_fast(many_words_index._index_dir, whoosh_version=(2, 7, 5))
    try:
        assert other_version._postings is None  # nothing is read from the blocks
        assert _pages(other_version, texts) == expected
    finally:
        other_version.close()


@pytest.mark.parametrize("text", ["said~1/9", "said~2/9^2", "sabc~1/4^3"])
def test_a_fuzzy_prefix_longer_than_the_word_is_the_whole_word(
    many_words_index: ArchiveIndex, text: str
) -> None:
    word, rest = text.split("~")
    whole_word = f"{word}~{rest[0]}/{len(word)}"
    expected = many_words_index.search(whole_word)
    page = many_words_index.search(text)
    assert page.total == expected.total
    assert {hit.id for hit in page.hits} == {hit.id for hit in expected.hits}


def test_asking_for_none_of_the_best_gives_none(many_words_index: ArchiveIndex) -> None:
    scored = PostingReader(many_words_index._searcher).scores(many_words_index.parse("s*"))
    assert best(scored, 0) == []
    facets = many_words_index.facets("s*", top=0)
    assert facets == {"person": (), "place": (), "organization": ()}
    assert many_words_index.facets("s*", top=2)["person"]
