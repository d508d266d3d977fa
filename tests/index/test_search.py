"""Searching: hits, snippets and their spans, sorting, paging, facets, suggestions, related."""

from __future__ import annotations

from pathlib import Path

import pytest
from segmented import open_segmented_index

from articles.entities import get_extractor
from articles.entities.default import DefaultExtractor
from index.api import ENTITY_SCAN_CHARS, ArticleNotFound, IndexUnavailable
from index.whoosh.search import ArchiveIndex
from index.whoosh.spelling import suggest_spelling

BELGRADE = "defence/2024-06-20-belgrade-talks.txt"
BAKU = "defence/2024-03-14-baku-visit.txt"
STRIKE = "economy/2023-11-02-harbour-strike.txt"
CRANES = "wire/2024-wire.jsonl#1"
FORUM = "wire/2024-wire.jsonl#2"
MARKUP = "odd/markup.txt"


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("Gasic", {"gašić"}),
        ("cooperate", {"cooperation"}),
        ("strike Rotterdam", {"strike", "rotterdam"}),
        ('"training centre"', {"training", "centre"}),
        ("strke~", {"strike"}),
        ("glac*", {"glacier"}),
    ],
)
def test_snippet_spans_point_exactly_at_the_matched_words(
    archive_index: ArchiveIndex, query: str, words: set[str]
) -> None:
    page = archive_index.search(query)
    assert page.hits
    for hit in page.hits:
        assert hit.snippet.spans, hit.id
        for start, end in hit.snippet.spans:
            assert hit.snippet.text[start:end].lower() in words
        for start, end in hit.title.spans:
            assert hit.title.text[start:end].lower() in words


def test_a_snippet_is_one_line_of_plain_text(archive_index: ArchiveIndex) -> None:
    for hit in archive_index.search("", page_size=100).hits:
        assert "\n" not in hit.snippet.text
        assert 0 < len(hit.snippet.text) <= 250


def test_a_snippet_of_a_long_body_is_cut_around_the_match(tmp_path: Path) -> None:
    from index.api import update_index

    archive = tmp_path / "archive"
    archive.mkdir()
    filler = "Nothing of note happened in the valley that week. " * 40
    (archive / "long.txt").write_text(
        f" date 2024-05-05 A long report\n{filler}Then the volcano erupted at dawn. {filler}\n"
    )
    update_index(archive, tmp_path / "index")
    with_index = ArchiveIndex.open(tmp_path / "index")
    try:
        (hit,) = with_index.search("volcano").hits
    finally:
        with_index.close()
    assert hit.snippet.text.startswith("…") and hit.snippet.text.endswith("…")
    (span,) = hit.snippet.spans
    assert hit.snippet.text[span[0] : span[1]] == "volcano"


def test_hits_carry_their_fields_and_entities(archive_index: ArchiveIndex) -> None:
    (hit,) = archive_index.search('"training centre"').hits
    assert hit.id == hit.path == BAKU
    assert hit.title.text == "Gašić visits Baku before the spring exercises"
    assert str(hit.date) == "2024-03-14"
    assert hit.author == "Femke de Vries"
    assert hit.score > 0
    assert "Bratislav Gašić" in hit.entities["person"]
    assert set(hit.entities) == {"person", "place", "organization"}


def test_json_lines_hits_point_at_their_file(archive_index: ArchiveIndex) -> None:
    (hit,) = archive_index.search("cranes electric").hits
    assert hit.id == CRANES
    assert hit.path == "wire/2024-wire.jsonl"


def test_sort_by_date_puts_the_newest_first(archive_index: ArchiveIndex) -> None:
    page = archive_index.search("Baku OR Rotterdam", sort="date", page_size=100)
    assert page.sort == "date"
    dates = [hit.date for hit in page.hits]
    assert len(dates) >= 4
    assert dates == sorted(dates, reverse=True)


def test_sort_by_relevance_puts_the_best_match_first(archive_index: ArchiveIndex) -> None:
    page = archive_index.search("Gašić", page_size=100)
    assert page.sort == "relevance"
    scores = [hit.score for hit in page.hits]
    assert scores == sorted(scores, reverse=True)
    # Two mentions and the title beat one mention.
    assert page.hits[0].id == BAKU


def test_pages_differ_and_the_total_stays(archive_index: ArchiveIndex) -> None:
    first = archive_index.search("", page=1, page_size=4)
    second = archive_index.search("", page=2, page_size=4)
    third = archive_index.search("", page=3, page_size=4)
    assert first.total == second.total == third.total == 9
    assert (first.page, second.page, third.page) == (1, 2, 3)
    assert first.page_count == 3
    assert [len(page.hits) for page in (first, second, third)] == [4, 4, 1]
    ids = [hit.id for page in (first, second, third) for hit in page.hits]
    assert len(set(ids)) == 9


def test_facets_count_stories_per_entity_across_all_hits(archive_index: ArchiveIndex) -> None:
    query = "date:2024"
    facets = archive_index.facets(query, top=50)
    assert set(facets) == {"person", "place", "organization"}
    hits = archive_index.search(query, page_size=1).total
    everything = archive_index.search(query, page_size=100).hits
    assert hits == len(everything) > 1  # counted over every hit, not one page
    for kind, counts in facets.items():
        for facet in counts:
            stories = sum(facet.name in hit.entities[kind] for hit in everything)
            assert facet.count == stories, (kind, facet.name)
        assert [facet.count for facet in counts] == sorted(
            (facet.count for facet in counts), reverse=True
        )
    people = {facet.name: facet.count for facet in facets["person"]}
    assert people["Bratislav Gašić"] == 3


def test_facets_are_capped_by_top(archive_index: ArchiveIndex) -> None:
    facets = archive_index.facets("", top=1)
    assert all(len(counts) <= 1 for counts in facets.values())


def test_a_misspelled_word_gets_a_suggestion_that_finds_more(
    archive_index: ArchiveIndex,
) -> None:
    page = archive_index.search("glaceir")
    assert page.total == 0
    assert page.suggestion == "glacier"
    assert archive_index.search(page.suggestion).total > 0


def test_a_suggestion_keeps_fields_and_capitals(archive_index: ArchiveIndex) -> None:
    page = archive_index.search("Rotterdan date:2023")
    assert page.suggestion == "Rotterdam date:2023"


def test_a_suggestion_is_a_word_as_stories_write_it_not_its_stem(
    archive_index: ArchiveIndex,
) -> None:
    # Body terms are stems (`minist`, `talk`); a suggestion is shown as a story writes it.
    assert archive_index.search("ministres").suggestion == "minister"
    assert archive_index.search("Tlaks").suggestion == "Talks"


def test_a_typo_near_a_words_ending_is_respelled(archive_index: ArchiveIndex) -> None:
    # `cooperatoin` stems to itself, far from the body's `cooper`: the typed word's swapped
    # letters find `cooperation`.
    assert archive_index.search("cooperatoin").suggestion == "cooperation"
    assert archive_index.search("Exercsies").suggestion == "Exercises"


def test_a_query_that_finds_enough_gets_no_suggestion(archive_index: ArchiveIndex) -> None:
    assert archive_index.search("Baku").suggestion is None
    assert archive_index.search("").suggestion is None


def test_spelling_leaves_known_words_and_fields_alone(built_archive: tuple[Path, Path]) -> None:
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(built_archive[1]))
    try:
        with ix.reader() as reader:

            def terms_within(stem: str, distance: int) -> list[str]:
                return list(reader.terms_within("body", stem, distance, prefix=1))

            assert suggest_spelling(reader, "glacier strike", terms_within) is None
            assert suggest_spelling(reader, "person:Glaceir", terms_within) is None
            assert (
                suggest_spelling(reader, "glaceir AND strike", terms_within) == "glacier AND strike"
            )
    finally:
        ix.close()


def test_related_stories_are_other_articles(archive_index: ArchiveIndex) -> None:
    related = archive_index.related(FORUM)
    ids = [hit.id for hit in related]
    assert ids, "a story about Gašić in Baku has relatives"
    assert FORUM not in ids
    assert len(ids) == len(set(ids))
    assert set(ids) & {BELGRADE, BAKU}
    for hit in related:
        assert archive_index.article(hit.id).article.title == hit.title.text


def test_related_finds_the_other_story_about_the_same_strike(
    archive_index: ArchiveIndex,
) -> None:
    assert CRANES in [hit.id for hit in archive_index.related(STRIKE)]


def test_related_respects_the_limit(archive_index: ArchiveIndex) -> None:
    assert len(archive_index.related(BELGRADE, limit=1)) <= 1


def test_an_unknown_article_raises_article_not_found(archive_index: ArchiveIndex) -> None:
    with pytest.raises(ArticleNotFound):
        archive_index.article("no/such/story.txt")
    with pytest.raises(ArticleNotFound):
        archive_index.related("no/such/story.txt")


def test_an_article_comes_back_with_entities_and_mentions(archive_index: ArchiveIndex) -> None:
    stored = archive_index.article(BELGRADE)
    article = stored.article
    assert article.author == "Sabina Alizade"
    assert article.body.startswith("The defence ministers met in Belgrade")
    assert "Bratislav Gašić" in stored.entities["person"]
    texts = {"title": article.title, "body": article.body}
    assert stored.mentions
    for mention in stored.mentions:
        assert mention.kind in ("person", "place", "organization")
        assert texts[mention.field][mention.start : mention.end]
    assert any(
        article.body[m.start : m.end] == "Bratislav Gašić"
        for m in stored.mentions
        if m.field == "body"
    )


def test_stored_mentions_are_the_extractors(archive_index: ArchiveIndex) -> None:
    extractor = get_extractor()
    for article_id in (BELGRADE, BAKU, STRIKE, CRANES, FORUM, MARKUP):
        stored = archive_index.article(article_id)
        article = stored.article
        entities = extractor.extract(article.title, article.body[:ENTITY_SCAN_CHARS])
        assert stored.mentions == entities.mentions
        assert stored.entities == entities.names


def test_opening_a_story_loads_no_entity_model(
    archive_index: ArchiveIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_model(*args: object) -> None:
        raise AssertionError("the entity model was loaded to open a story")

    monkeypatch.setattr(DefaultExtractor, "__init__", no_model)
    assert archive_index.article(BELGRADE).mentions


def test_term_spans_mark_every_occurrence_in_an_article(archive_index: ArchiveIndex) -> None:
    body = archive_index.article(BAKU).article.body
    spans = archive_index.term_spans("gasic cooperate", body)
    assert [body[start:end] for start, end in spans] == ["Gašić", "cooperation", "Gašić"]
    assert archive_index.term_spans("", body) == ()


def test_term_spans_ignore_entity_fields(archive_index: ArchiveIndex) -> None:
    body = archive_index.article(BAKU).article.body
    assert archive_index.term_spans("person:gasic", body) == ()


def test_markup_and_escapes_are_plain_in_results(archive_index: ArchiveIndex) -> None:
    (hit,) = archive_index.search("museum").hits
    assert hit.id == MARKUP
    assert hit.title.text == "[bold red]Breaking[/] news about terminal tricks"
    assert "\x1b" not in hit.snippet.text and "\x07" not in hit.snippet.text


def test_refresh_sees_a_change_committed_by_another_update(archive: Path, tmp_path: Path) -> None:
    from index.api import update_index

    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    reader = ArchiveIndex.open(index_dir)
    try:
        assert reader.refresh() is False
        assert reader.search("otters").total == 0
        (archive / "new.txt").write_text(" date 2024-10-01 Otters return\nOtters came back.\n")
        update_index(archive, index_dir)
        assert reader.refresh() is True
        assert reader.search("otters").total == 1
        assert reader.doc_count == 10
    finally:
        reader.close()


def test_opening_a_missing_index_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable) as raised:
        ArchiveIndex.open(tmp_path / "nothing-here")
    assert "newsreader index" in str(raised.value)


def test_refresh_sees_a_rebuild(archive: Path, tmp_path: Path) -> None:
    """A rebuilt index starts its generations over; an open reader must still notice it."""
    from index.api import update_index

    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    reader = ArchiveIndex.open(index_dir)
    try:
        assert reader.search("wheat").total == 1
        (archive / "economy/2023-05-09-wheat.txt").unlink()
        update_index(archive, index_dir, rebuild=True)
        assert reader.refresh() is True
        assert reader.search("wheat").total == 0
        assert reader.doc_count == 8
        assert reader.refresh() is False
    finally:
        reader.close()


def test_letting_go_of_the_mapped_pages_changes_no_answer(archive_index: ArchiveIndex) -> None:
    def answers() -> tuple[object, ...]:
        archive_index.forget_queries()
        page = archive_index.search('"port" rotterdam', page_size=5)
        return (
            [(hit.id, hit.snippet) for hit in page.hits],
            archive_index.facets("port"),
            archive_index.suggestion("rotterdm", 0),
        )

    before = answers()
    archive_index.release_memory()
    assert answers() == before


def test_an_entity_search_ranks_the_story_about_the_name_first(
    archive_index: ArchiveIndex,
) -> None:
    # Gašić is in the title and three times in the Baku story; the others name him once.
    page = archive_index.search('person:"Bratislav Gašić"', page_size=10)
    assert page.hits[0].id == "defence/2024-03-14-baku-visit.txt"
    scores = [hit.score for hit in page.hits]
    assert scores[0] > scores[-1]


def test_a_story_naming_someone_more_comes_first_among_many_other_names(
    tmp_path: Path,
) -> None:
    # As indexed: each name as often as its weight (`entity_weights`).
    others = [f"Person {number}" for number in range(60)]
    stories = [
        {"id": "many", "path": "many.txt", "person": "\n".join(["Ana Lind"] * 6 + others)},
        {"id": "once", "path": "once.txt", "person": "Ana Lind"},
    ]
    index = open_segmented_index(tmp_path, [stories])
    try:
        page = index.search('person:"Ana Lind"')
    finally:
        index.close()
    assert [hit.id for hit in page.hits] == ["many", "once"]


def test_entity_weights_count_mentions_title_and_lead_more() -> None:
    from articles.model import Entities, Mention
    from index.whoosh.indexing import MAX_ENTITY_WEIGHT, entity_weights

    body = "Ana Lind spoke first.\nLater Ana Lind and Bo Ek left." + " Bo Ek." * 40
    mentions = (
        Mention("person", "Ana Lind", 0, 8, "title"),
        Mention("person", "Ana Lind", 0, 8, "body"),
        Mention("person", "Ana Lind", 28, 36, "body"),
        *(Mention("person", "Bo Ek", 41 + 7 * n, 46 + 7 * n, "body") for n in range(41)),
    )
    weights = entity_weights(body, Entities(mentions=mentions))
    assert weights["person", "Ana Lind"] == 3 + 2 + 1
    assert weights["person", "Bo Ek"] == MAX_ENTITY_WEIGHT


def test_a_quoted_bad_date_gets_the_date_help_not_pythons_words(
    archive_index: ArchiveIndex,
) -> None:
    from index.api import QueryError
    from index.query import DATE_HELP

    with pytest.raises(QueryError) as raised:
        archive_index.search('date:"not a date"')
    assert str(raised.value) == DATE_HELP


def test_a_hit_says_where_its_title_names_its_entities(archive_index: ArchiveIndex) -> None:
    (hit,) = [hit for hit in archive_index.search("Rotterdam").hits if hit.id == STRIKE]
    named = {
        (mention.kind, hit.title.text[mention.start : mention.end])
        for mention in hit.title_mentions
    }
    assert named == {("place", "Rotterdam")}
    assert all(mention.field == "title" for mention in hit.title_mentions)
