"""Both engines find what stock Whoosh finds, in its order: every form of the README's query
table, on the bundled sample and on 2,000 real articles of `../shared/corpora/`, run here through
the fast path (`open_fast`) and the `whoosh` engine (`open_stock`), and in a fresh interpreter by
plain Whoosh with none of the project's patches (`stock_whoosh`). The same hits, the same totals,
and the same order up to ties (of scores, or of dates for the newest first). Queries with the
user's marks (`is:unread`, `tag:`…) are held to the `whoosh` engine."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from itertools import groupby
from pathlib import Path

import pytest
from stock_whoosh import REPOSITORY, stock_answers
from story_marks import MemoryMarks, asks_for_marks
from test_readme_queries import EXAMPLES as README_EXAMPLES

from articles.bundled import SAMPLE_ARCHIVE
from index.api import update_index
from index.whoosh.search import ArchiveIndex, open_fast, open_stock

# The README's examples with marks are among `MARKED_QUERIES`' forms.
EXAMPLES = [text for text in README_EXAMPLES if not asks_for_marks(text)]
CORPUS = REPOSITORY.parent / "shared" / "corpora" / "reuters21578" / "txt"
CORPUS_ARTICLES = 2000
# The README's query forms, in words of the 1987 Reuters stories.
CORPUS_QUERIES = [
    "oil prices",
    '"interest rates"',
    "oil OR gas",
    "crude NOT opec",
    "(oil OR gas) prices",
    "title:cocoa",
    "author:reuter",
    "place:japan",
    "place:japan trade",
    'org:"Federal Reserve"',
    "date:1987",
    "date:1987-03",
    "date:1987-03-02",
    "date:[1987-03-01 to 1987-03-15]",
    "date:>1987-04-01",
    "petrolium~",
    "intrest~2",
    "export*",
    "",
]
ENGINES: dict[str, Callable[[Path], ArchiveIndex]] = {"fastpath": open_fast, "whoosh": open_stock}


def _ties(ordered: list[tuple[str, object]]) -> list[frozenset[str]]:
    """The ids in order, those with equal keys together (their order among them is free)."""
    return [frozenset(hit_id for hit_id, _ in tied) for _, tied in groupby(ordered, _tie_key)]


def _tie_key(hit: tuple[str, object]) -> object:
    key = hit[1]
    return round(key, 9) if isinstance(key, float) else key


def _assert_as_stock(engine: ArchiveIndex, texts: list[str], stock: dict) -> None:
    for text in texts:
        ranked = [(hit_id, score) for _, hit_id, score in stock[text]["ranked"]]
        # Whoosh sorts stories without a date first; the reader, last.
        newest = [(hit_id, day) for _, hit_id, day in stock[text]["newest"] if day] + [
            (hit_id, day) for _, hit_id, day in stock[text]["newest"] if not day
        ]
        assert engine.count(text) == len(ranked), text
        by_date = engine.search(text, sort="date", suggest=False, through_end=True)
        assert by_date.total == len(newest), text
        assert _ties([(hit.id, _day(hit.date)) for hit in by_date.hits]) == _ties(newest), text
        if not text.strip():
            continue  # the empty query lists the newest stories: it has no scores
        page = engine.search(text, suggest=False, through_end=True)
        assert page.total == len(ranked), text
        ours = [(hit.id, hit.score) for hit in page.hits]
        assert _ties(ours) == _ties(ranked), text
        scores = dict(ranked)
        for hit_id, score in ours:
            assert score == pytest.approx(scores[hit_id], rel=1e-9), (text, hit_id)


def _day(value: date | None) -> str | None:
    return str(value) if value else None


@pytest.fixture(scope="module")
def sample_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    index_dir = tmp_path_factory.mktemp("sample-index")
    update_index(SAMPLE_ARCHIVE, index_dir)
    return index_dir


@pytest.fixture(scope="module")
def corpus_index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The first 2,000 Reuters stories (links to them), indexed."""
    files = sorted(CORPUS.glob("*.txt"))[:CORPUS_ARTICLES] if CORPUS.is_dir() else []
    if len(files) < CORPUS_ARTICLES:
        pytest.skip(f"{CORPUS} is not present beside the repository")
    base = tmp_path_factory.mktemp("corpus")
    archive = base / "archive"
    archive.mkdir()
    for path in files:
        (archive / path.name).symlink_to(path.resolve())
    update_index(archive, base / "index")
    return base / "index"


@pytest.fixture(params=ENGINES, ids=str)
def engine_name(request: pytest.FixtureRequest) -> str:
    return request.param


def _opened(open_engine: Callable[[Path], ArchiveIndex], index_dir: Path) -> Iterator[ArchiveIndex]:
    engine = open_engine(index_dir)
    try:
        yield engine
    finally:
        engine.close()


@pytest.fixture(scope="module")
def stock_sample(sample_index_dir: Path) -> dict:
    return stock_answers(sample_index_dir, EXAMPLES + [""])


@pytest.fixture(scope="module")
def stock_corpus(corpus_index_dir: Path) -> dict:
    return stock_answers(corpus_index_dir, EXAMPLES + CORPUS_QUERIES)


def test_the_sample_is_searched_as_stock_whoosh_searches_it(
    sample_index_dir: Path, stock_sample: dict, engine_name: str
) -> None:
    assert all(stock_sample[text]["ranked"] for text in EXAMPLES)  # every form finds stories
    for engine in _opened(ENGINES[engine_name], sample_index_dir):
        _assert_as_stock(engine, EXAMPLES + [""], stock_sample)


def test_real_articles_are_searched_as_stock_whoosh_searches_them(
    corpus_index_dir: Path, stock_corpus: dict, engine_name: str
) -> None:
    assert sum(bool(stock_corpus[text]["ranked"]) for text in CORPUS_QUERIES) >= 15
    for engine in _opened(ENGINES[engine_name], corpus_index_dir):
        _assert_as_stock(engine, EXAMPLES + CORPUS_QUERIES, stock_corpus)


# The user's marks: stock Whoosh knows none, so the fast path is held to the `whoosh` engine,
# which runs them through Whoosh's public API (a query over a set of document numbers).
MARKED_QUERIES = [
    "is:unread",
    "is:read",
    "is:starred",
    "NOT is:starred",
    "is:starred tag:x",
    "tag:x OR tag:y",
    "has:note",
    "note:w",
    "is:unread OR title:cocoa",
    "oil is:unread",
    "crude NOT is:read",
    "(oil OR gas) is:unread",
    '"interest rates" is:unread',
    "is:unread place:japan date:1987",
    "is:read date:[1987-03-01 to 1987-03-15]",
    "petrolium~ is:unstarred",
    "export* NOT tag:x",
    "is:unread is:starred",
]


def _marks_every(ids: list[str]) -> MemoryMarks:
    """One story in 10 read, in 100 starred, a few tagged and with notes."""
    marks = MemoryMarks()
    for mark, value, every in [
        ("read", "", 10),
        ("starred", "", 100),
        ("tag", "x", 7),
        ("tag", "y", 13),
        ("note", "", 30),
        ("note_word", "w", 60),
    ]:
        marks.mark(mark, ids[::every], value)
    return marks


def _assert_marked_queries_agree(index_dir: Path) -> int:
    """Both engines find the same for every marked query; returns how many found stories."""
    found = 0
    fast = open_fast(index_dir)
    marks = _marks_every(sorted(fast.story_ids("")))
    fast.close()
    for fast, stock in zip(
        _opened(partial(open_fast, marks=marks), index_dir),
        _opened(partial(open_stock, marks=marks), index_dir),
        strict=True,
    ):
        for text in MARKED_QUERIES:
            ranked = stock.search(text, suggest=False, through_end=True)
            newest = stock.search(text, sort="date", suggest=False, through_end=True)
            stock_answer = {
                "ranked": [(None, hit.id, hit.score) for hit in ranked.hits],
                "newest": [(None, hit.id, _day(hit.date)) for hit in newest.hits],
            }
            found += ranked.total > 0
            _assert_as_stock(fast, [text], {text: stock_answer})
            assert fast.story_ids(text) == stock.story_ids(text), text
            assert fast.date_counts(text) == stock.date_counts(text), text
            assert fast.facets(text) == stock.facets(text), text
    return found


def test_marks_are_searched_as_the_whoosh_engine_searches_them_in_the_sample(
    sample_index_dir: Path,
) -> None:
    assert _assert_marked_queries_agree(sample_index_dir) >= 8


def test_marks_are_searched_as_the_whoosh_engine_searches_them_in_real_articles(
    corpus_index_dir: Path,
) -> None:
    # All but `is:unread is:starred`: no story is both, one in 10 read being one in 100 starred.
    assert _assert_marked_queries_agree(corpus_index_dir) == len(MARKED_QUERIES) - 1


@pytest.fixture(scope="module")
def reindexed_sample_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample indexed, then every story but the first of each ten changed and indexed
    again: the first segment keeps their old versions as deleted documents, between the live
    ones."""
    base = tmp_path_factory.mktemp("reindexed-sample")
    archive = base / "archive"
    shutil.copytree(SAMPLE_ARCHIVE, archive)
    update_index(archive, base / "index")
    for number, path in enumerate(sorted(archive.glob("*.txt"))):
        if number % 10:
            path.write_text(path.read_text(encoding="utf-8") + "\nUpdated.\n", encoding="utf-8")
    assert update_index(archive, base / "index").updated == 49
    return base / "index"


def test_marks_are_searched_alike_after_stories_are_indexed_again(
    reindexed_sample_dir: Path,
) -> None:
    assert _assert_marked_queries_agree(reindexed_sample_dir) >= 8


def test_a_negation_lists_no_old_version_of_a_story_indexed_again(
    reindexed_sample_dir: Path, engine_name: str
) -> None:
    for engine in _opened(ENGINES[engine_name], reindexed_sample_dir):
        everything = engine.count("")
        kept = engine.search("NOT rotterdam", suggest=False, through_end=True)
        ids = [hit.id for hit in kept.hits]
        assert len(ids) == len(set(ids)) == kept.total == engine.count("NOT rotterdam")
        assert kept.total == everything - engine.count("rotterdam")
