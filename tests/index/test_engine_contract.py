"""The contract every search engine keeps (`index.api.SearchEngine`): the same tests, run on
each engine installed, through `index.api` alone. The engines with a server (OpenSearch) run
them when `NEWSREADER_OPENSEARCH_URL` names one, and are skipped with the reason otherwise."""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from story_marks import MemoryMarks

from index.api import (
    ArticleNotFound,
    IndexUnavailable,
    QueryError,
    SearchEngine,
    engine_names,
    entity_query,
    open_engine,
    text_hash,
)

SERVER_ENGINES = {"opensearch": "NEWSREADER_OPENSEARCH_URL"}


def _engine_param(name: str) -> object:
    """The engine's name, skipped with the reason when it needs a server that is not given or
    a client that is not installed."""
    variable = SERVER_ENGINES.get(name)
    if variable is None:
        return name
    if importlib.util.find_spec("opensearchpy") is None:
        return pytest.param(name, marks=pytest.mark.skip(reason="opensearch-py not installed"))
    if not os.environ.get(variable):
        reason = f"set {variable} to a server's address to run the contract on {name}"
        return pytest.param(name, marks=pytest.mark.skip(reason=reason))
    return name


ENGINES = [_engine_param(name) for name in engine_names()]


def _index_of(name: str, built_archive: tuple[Path, Path], folder: Path) -> Path:
    """An index of the built archive for the engine: the Whoosh one as built, else one built
    with that engine (its manifest in `folder`, its stories on the server)."""
    from index.api import BUNDLED_ENGINES, update_index

    if name in BUNDLED_ENGINES:
        return built_archive[1]
    update_index(built_archive[0], folder, engine=name, rebuild=True)
    return folder


def _indexed_copy(name: str, built_archive: tuple[Path, Path], tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the built archive and its index, for a test that changes them."""
    from index.api import BUNDLED_ENGINES, update_index

    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    shutil.copytree(built_archive[0], archive)
    if name in BUNDLED_ENGINES:
        shutil.copytree(built_archive[1], index_dir)
    else:
        update_index(archive, index_dir, engine=name, rebuild=True)
    return archive, index_dir


GAŠIĆ_STORIES = {
    "defence/2024-06-20-belgrade-talks.txt",
    "defence/2024-03-14-baku-visit.txt",
    "wire/2024-wire.jsonl#2",
}


@pytest.fixture(params=ENGINES)
def engine(
    request: pytest.FixtureRequest, built_archive: tuple[Path, Path], tmp_path: Path
) -> Iterator[SearchEngine]:
    opened = open_engine(_index_of(request.param, built_archive, tmp_path), request.param)
    yield opened
    opened.close()


def test_the_bundled_engines_are_installed() -> None:
    assert {"fastpath", "whoosh"} <= set(engine_names())


def test_an_unknown_engine_is_named_with_the_ones_there_are(
    built_archive: tuple[Path, Path],
) -> None:
    with pytest.raises(IndexUnavailable, match="no search engine named 'lucene'.*fastpath"):
        open_engine(built_archive[1], "lucene")


def test_a_search_finds_its_stories_best_first_with_the_words_marked(engine: SearchEngine) -> None:
    page = engine.search("cooperation")
    assert {hit.id for hit in page.hits} == GAŠIĆ_STORIES
    assert page.total == engine.count("cooperation") == 3
    scores = [hit.score for hit in page.hits]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    talks = next(hit for hit in page.hits if hit.id.endswith("belgrade-talks.txt"))
    assert [talks.title.text[start:end] for start, end in talks.title.spans] == ["cooperation"]
    assert talks.author == "Sabina Alizade" and "Bratislav Gašić" in talks.entities["person"]


def test_the_empty_query_lists_every_story_newest_first(engine: SearchEngine) -> None:
    page = engine.search("", page_size=100)
    assert page.total == engine.doc_count == len(page.hits) == engine.count("")
    dates = [hit.date for hit in page.hits if hit.date is not None]
    assert dates == sorted(dates, reverse=True)


def test_pages_run_on_and_a_page_past_the_end_shows_the_last(engine: SearchEngine) -> None:
    first = engine.search("", page_size=4)
    second = engine.search("", page=2, page_size=4)
    past = engine.search("", page=99, page_size=4)
    everything = engine.search("", page_size=4, through_end=True)
    assert first.page_count == 3 and past.page == 3
    assert [hit.id for hit in everything.hits] == [
        hit.id for page in (first, second, past) for hit in page.hits
    ]


def test_date_order_and_date_counts_agree(engine: SearchEngine) -> None:
    page = engine.search("cooperation", sort="date")
    assert page.sort == "date"
    dates = [hit.date for hit in page.hits]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    assert engine.date_counts("cooperation") == Counter(dates)


def test_names_are_counted_over_every_hit(engine: SearchEngine) -> None:
    facets = engine.facets("cooperation", top=3)
    assert facets["person"][0].name == "Bratislav Gašić"
    assert facets["person"][0].count == 3
    people = engine.search(entity_query("person", "Bratislav Gašić"))
    assert {hit.id for hit in people.hits} == GAŠIĆ_STORIES


def test_a_query_that_cannot_be_run_is_a_plain_sentence(engine: SearchEngine) -> None:
    with pytest.raises(QueryError, match="Unknown field 'colour'"):
        engine.search("colour:red")
    with pytest.raises(QueryError, match="Can't read that date"):
        engine.count("date:2024-13")


def test_a_misspelt_query_gets_a_respelling_that_finds_more(engine: SearchEngine) -> None:
    assert engine.suggestion("glaciar", 0) == "glacier"
    assert engine.suggestion("glacier", 3) is None


def test_a_story_comes_whole_with_its_names_and_where_they_are(engine: SearchEngine) -> None:
    stored = engine.article("defence/2024-06-20-belgrade-talks.txt")
    assert stored.article.title.startswith("Serbia and Azerbaijan")
    assert "Karim Valiyev" in stored.entities["person"]
    body = stored.article.body
    assert any(body[m.start : m.end] == "Valiyev" for m in stored.mentions if m.field == "body")
    with pytest.raises(ArticleNotFound):
        engine.article("no/such/story.txt")


def test_related_stories_leave_the_story_out(engine: SearchEngine) -> None:
    related = engine.related("defence/2024-06-20-belgrade-talks.txt", limit=5)
    assert related and "defence/2024-06-20-belgrade-talks.txt" not in {hit.id for hit in related}
    with pytest.raises(ArticleNotFound):
        engine.related("no/such/story.txt")


def test_the_search_words_are_found_in_any_text(engine: SearchEngine) -> None:
    text = "Glaciers melt; the glacier museum opened."
    assert [text[start:end] for start, end in engine.term_spans("glacier", text)] == [
        "Glaciers",
        "glacier",
    ]
    assert engine.term_spans("", text) == ()


def test_stats_name_the_engine_and_the_index(
    engine: SearchEngine,
    built_archive: tuple[Path, Path],
    request: pytest.FixtureRequest,
    tmp_path: Path,
) -> None:
    from index.api import BUNDLED_ENGINES

    stats = engine.stats()
    name = request.node.callspec.params["engine"]
    assert stats.engine == name
    assert stats.doc_count == engine.doc_count and stats.extractor == engine.extractor_name
    assert stats.location == str(built_archive[1] if name in BUNDLED_ENGINES else tmp_path)


@pytest.mark.parametrize("name", ENGINES)
def test_an_engine_picks_up_what_another_process_indexed(
    name: str, built_archive: tuple[Path, Path], tmp_path: Path
) -> None:
    from index.api import update_index

    archive, index_dir = _indexed_copy(name, built_archive, tmp_path)
    engine = open_engine(index_dir, name)
    try:
        assert engine.refresh() is False
        (archive / "2024-10-01-ferry.txt").write_text(
            " date 2024-10-01 A new ferry for the glacier lake\nThe ferry runs daily.\n",
            encoding="utf-8",
        )
        update_index(archive, index_dir, engine=name)
        assert engine.refresh() is True
        assert engine.count("ferry") == 1
        engine.release_memory()
        assert engine.search("ferry").hits[0].title.text.startswith("A new ferry")
    finally:
        engine.close()


# The user's marks in the query language (`index.api.StoryMarks`), and what the library asks of
# the index: text hashes, which ids are there, every hit of a query.

TALKS, VISIT, WIRE = sorted(GAŠIĆ_STORIES)[1], sorted(GAŠIĆ_STORIES)[0], sorted(GAŠIĆ_STORIES)[2]
GLACIER = "science/2024-01-15-glacier.txt"


@pytest.fixture
def marks() -> MemoryMarks:
    marks = MemoryMarks()
    marks.mark("read", [TALKS, GLACIER])
    marks.mark("starred", [WIRE, GLACIER])
    marks.mark("tag", [WIRE, VISIT], "Balkans")
    marks.mark("note", [VISIT])
    marks.mark("note_word", [VISIT], "ferry")
    return marks


@pytest.fixture(params=ENGINES)
def marked_engine(
    request: pytest.FixtureRequest,
    built_archive: tuple[Path, Path],
    marks: MemoryMarks,
    tmp_path: Path,
) -> Iterator[SearchEngine]:
    index_dir = _index_of(request.param, built_archive, tmp_path)
    opened = open_engine(index_dir, request.param, marks=marks)
    yield opened
    opened.close()


def _ids(engine: SearchEngine, text: str, **options: object) -> set[str]:
    return {hit.id for hit in engine.search(text, page_size=100, **options).hits}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is:read", {TALKS, GLACIER}),
        ("cooperation is:unread", {VISIT, WIRE}),
        ("cooperation is:read", {TALKS}),
        ("IS:Starred", {WIRE, GLACIER}),
        ("cooperation is:unstarred", {TALKS, VISIT}),
        ("is:starred tag:balkans", {WIRE}),
        ('tag:"Balkans" OR is:read', {TALKS, GLACIER, WIRE, VISIT}),
        ("cooperation NOT tag:Balkans", {TALKS}),
        ("has:note", {VISIT}),
        ("note:ferry cooperation", {VISIT}),
        ('is:unread person:"Bratislav Gašić" date:2024', {VISIT, WIRE}),
        ("is:unread date:2024-06", set()),
        ("is:starred title:glacier", {GLACIER}),
        ("tag:nothing-tagged", set()),
    ],
)
def test_marks_narrow_any_query(marked_engine: SearchEngine, text: str, expected: set) -> None:
    assert _ids(marked_engine, text) == expected
    assert _ids(marked_engine, text, sort="date") == expected
    assert marked_engine.count(text) == len(expected) == marked_engine.search(text).total
    assert marked_engine.story_ids(text) == expected
    assert sum(marked_engine.date_counts(text).values()) == len(expected)


def test_unread_stories_are_every_story_not_read(marked_engine: SearchEngine) -> None:
    assert marked_engine.count("is:unread") == marked_engine.doc_count - 2
    page = marked_engine.search("is:unread", page_size=100, sort="date")
    newest = [hit.date for hit in page.hits]
    dated = [day for day in newest if day is not None]
    assert dated == sorted(dated, reverse=True)


def test_names_are_counted_over_the_marked_hits(marked_engine: SearchEngine) -> None:
    people = {facet.name: facet.count for facet in marked_engine.facets("is:unread")["person"]}
    assert people["Bratislav Gašić"] == 2


def test_a_changed_mark_is_seen_at_once(marked_engine: SearchEngine, marks: MemoryMarks) -> None:
    assert marked_engine.count("cooperation is:unread") == 2
    assert marked_engine.facets("cooperation is:unread")["person"][0].count == 2
    marks.mark("read", [VISIT])
    assert marked_engine.count("cooperation is:unread") == 1
    assert _ids(marked_engine, "cooperation is:unread") == {WIRE}
    assert marked_engine.facets("cooperation is:unread")["person"][0].count == 1
    marks.unmark("starred", [WIRE, GLACIER])
    assert marked_engine.story_ids("is:starred") == frozenset()


def test_marks_are_no_search_words(marked_engine: SearchEngine) -> None:
    text = "The glacier is read and starred."
    spans = marked_engine.term_spans("glacier is:read is:starred tag:read", text)
    assert [text[start:end] for start, end in spans] == ["glacier"]
    assert marked_engine.suggestion("glaciar is:starred", 0) == "glacier is:starred"


def test_a_mark_the_language_does_not_know_is_a_plain_sentence(
    marked_engine: SearchEngine,
) -> None:
    with pytest.raises(QueryError, match="Unknown is:seen: use is:read, is:unread, is:starred"):
        marked_engine.search("strike is:seen")
    with pytest.raises(QueryError, match="Unknown has:tags: has:note is the one there is"):
        marked_engine.count("has:tags")


def test_without_a_library_a_mark_is_a_plain_sentence(engine: SearchEngine) -> None:
    with pytest.raises(QueryError, match="is:starred needs your library") as raised:
        engine.search("strike is:starred")
    assert raised.value.position == len("strike is:")
    with pytest.raises(QueryError, match='tag:"two words" needs your library'):
        engine.count('tag:"two words"')
    with pytest.raises(QueryError, match="is:unread needs your library"):
        engine.date_counts("is:unread")
    assert engine.term_spans("glacier is:unread", "a glacier") == ((2, 9),)


def test_every_story_carries_the_hash_of_its_text(engine: SearchEngine) -> None:
    stored = engine.article(GLACIER)
    assert stored.text_hash == text_hash(stored.article.title, stored.article.body)
    assert len(stored.text_hash) == 16
    hit = engine.search("glacier").hits[0]
    assert (hit.id, hit.text_hash) == (GLACIER, stored.text_hash)
    assert engine.ids_by_hash([stored.text_hash, "0" * 16]) == {stored.text_hash: GLACIER}


def test_the_index_says_which_stories_it_holds(engine: SearchEngine) -> None:
    assert engine.present([GLACIER, "no/such/story.txt", WIRE]) == {GLACIER, WIRE}
    assert engine.story_ids("cooperation") == GAŠIĆ_STORIES
    assert len(engine.story_ids("")) == engine.doc_count


@pytest.mark.parametrize("name", ENGINES)
def test_marks_follow_an_edited_story_and_its_new_text(
    name: str, built_archive: tuple[Path, Path], tmp_path: Path
) -> None:
    from index.api import update_index

    archive, index_dir = _indexed_copy(name, built_archive, tmp_path)
    marks = MemoryMarks()
    marks.mark("starred", [GLACIER])
    engine = open_engine(index_dir, name, marks=marks)
    try:
        before = engine.article(GLACIER).text_hash
        assert engine.story_ids("is:starred") == {GLACIER}
        story = archive / GLACIER
        story.write_text(story.read_text(encoding="utf-8") + "\nA ferry now crosses the lake.\n")
        update_index(archive, index_dir, engine=name)
        assert engine.refresh() is True
        assert engine.story_ids("is:starred ferry") == {GLACIER}
        assert GLACIER not in engine.story_ids("is:unstarred glacier")
        after = engine.article(GLACIER).text_hash
        assert after != before and engine.ids_by_hash([before, after]) == {after: GLACIER}
    finally:
        engine.close()
