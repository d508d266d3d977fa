"""Phrases and fuzzy terms on the fast path find what stock Whoosh's search finds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from segmented import open_segmented_index
from stock_whoosh import stock_answers
from whoosh import query as whoosh_query

from index.fastpath.postings import PostingReader
from index.whoosh.search import ArchiveIndex

# (title, body) of each story; the comments say what the phrase `"interest rates"` should do.
STORIES = [
    ("Interest rates rise", "The bank moved."),  # in the title only
    ("Bank news", "The bank raised interest rates again."),  # in the body only
    ("Interest", "Rates were steady."),  # one word in each field: no phrase
    ("Markets", "He paid the interest. Rates fell later."),  # across a sentence, as Whoosh
    ("Markets", "Rates of interest were high."),  # the words in the other order
    ("Markets", "Interest interest rates rates."),  # repeated words
    ("Markets", "Interest on loans and rates on deposits."),  # too far apart
    ("Markets", "The interest paid on rates."),  # two words apart: only with slop
    ("Markets", "Interesting rating agencies."),  # the same stems, adjacent
    ("Markets", "Nothing here about money."),
]
PHRASES = [
    '"interest rates"',
    '"interest rates"~2',
    '"rates interest"',
    '"interest interest rates"',
    '"rates rates"',
    'title:"interest rates"',
    'body:"interest rates" NOT title:bank',
    '"interest rates" OR "bank raised"',
    '"bank raised interest rates again"',
    '"interest missingword"',
]


@pytest.fixture(scope="module")
def phrase_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArchiveIndex]:
    """The stories in two segments, the first story of the second deleted."""
    segments = [
        [
            {
                "id": f"{segment}/{number}",
                "title": title,
                "body": body,
                "entity_lists": ((), (), ()),
            }
            for number, (title, body) in enumerate(STORIES)
        ]
        for segment in range(2)
    ]
    opened = open_segmented_index(tmp_path_factory.mktemp("phrases"), segments, ["1/0"])
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def stock(phrase_index: ArchiveIndex) -> dict[str, dict[str, list[list]]]:
    return stock_answers(phrase_index._index_dir, PHRASES)


@pytest.mark.parametrize("text", PHRASES)
def test_phrase_hits_are_whooshs(
    phrase_index: ArchiveIndex, stock: dict, text: str, block_decoding: str
) -> None:
    searcher = phrase_index._searcher
    parsed = phrase_index.parse(text)
    expected = sorted(docnum for docnum, _, _ in stock[text]["ranked"])
    assert PostingReader(searcher).docset(parsed).tolist() == expected
    assert phrase_index.search(text).total == len(expected)


def test_phrase_hits_are_the_stories_that_have_the_phrase(phrase_index: ArchiveIndex) -> None:
    found = {hit.id for hit in phrase_index.search('"interest rates"').hits}
    # Story 0 of the second segment is deleted; story 8 has the same stems.
    assert found == {"0/0", "0/1", "0/3", "0/5", "0/8", "1/1", "1/3", "1/5", "1/8"}


@pytest.mark.parametrize("text", PHRASES)
def test_phrase_scores_are_whooshs(
    phrase_index: ArchiveIndex, stock: dict, text: str, block_decoding: str
) -> None:
    searcher = phrase_index._searcher
    parsed = phrase_index.parse(text)
    scored = PostingReader(searcher).scores(parsed)
    scores = dict(zip(scored.docs.tolist(), scored.scores.tolist(), strict=True))
    expected = {docnum: score for docnum, _, score in stock[text]["ranked"]}
    assert scores.keys() == expected.keys()
    for docnum, score in expected.items():
        assert scores[docnum] == pytest.approx(score, rel=1e-9), docnum


def test_a_phrase_in_the_title_ranks_above_one_in_the_body(phrase_index: ArchiveIndex) -> None:
    # The title's field boost (2.0) counts as it does for the words.
    assert phrase_index.search('"interest rates"').hits[0].id == "0/0"


@pytest.mark.parametrize("word", ["petroleum", "rates", "intrest", "bnk", "markts", "rate"])
@pytest.mark.parametrize("maxdist", [1, 2])
@pytest.mark.parametrize("prefix", [0, 1, 2])
@pytest.mark.parametrize("fieldname", ["title", "body"])
def test_fuzzy_expansion_is_whooshs(
    phrase_index: ArchiveIndex, word: str, maxdist: int, prefix: int, fieldname: str
) -> None:
    searcher = phrase_index._searcher
    fuzzy = whoosh_query.FuzzyTerm(fieldname, word, maxdist=maxdist, prefixlength=prefix)
    whooshs = {
        found for leaf, _ in searcher.leaf_searchers() for found in fuzzy._btexts(leaf.reader())
    }
    assert set(PostingReader(searcher).expanded(fuzzy)) == whooshs
