"""Every query form of the search language, on the small test archive of the conftest."""

from __future__ import annotations

import pytest

from index.api import QueryError
from index.query import parse_query
from index.whoosh.compile import compile_query
from index.whoosh.schema import build_schema
from index.whoosh.search import ArchiveIndex

BELGRADE = "defence/2024-06-20-belgrade-talks.txt"
BAKU = "defence/2024-03-14-baku-visit.txt"
STRIKE = "economy/2023-11-02-harbour-strike.txt"
WHEAT = "economy/2023-05-09-wheat.txt"
GLACIER = "science/2024-01-15-glacier.txt"
FESTIVAL = "culture/2024-09-30-festival.txt"
MARKUP = "odd/markup.txt"
CRANES = "wire/2024-wire.jsonl#1"
FORUM = "wire/2024-wire.jsonl#2"
ALL = {BELGRADE, BAKU, STRIKE, WHEAT, GLACIER, FESTIVAL, MARKUP, CRANES, FORUM}


def compiled(text: str) -> object:
    """The query as the Whoosh engine runs it."""
    return compile_query(parse_query(text), build_schema())


def found(archive_index: ArchiveIndex, query: str) -> set[str]:
    page = archive_index.search(query, page_size=100)
    ids = {hit.id for hit in page.hits}
    assert page.total == len(ids)
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Free words: every word must match, in the title, body or author.
        ("strike", {STRIKE, CRANES}),
        ("harbour strike", {STRIKE}),
        # Stop words are left out of every field alike, so they never empty a query.
        ("strike in Rotterdam", {STRIKE, CRANES}),
        ("the strike", {STRIKE, CRANES}),
        ("Alizade", {BELGRADE}),
        ("GLACIER", {GLACIER, MARKUP}),
        # Phrases keep word order.
        ('"training centre"', {BAKU}),
        ('"centre training"', set()),
        ('"street theatre festival"', {FESTIVAL}),
        # Operators.
        ("strike AND Rotterdam", {STRIKE, CRANES}),
        ("wheat OR glacier", {WHEAT, GLACIER, MARKUP}),
        ("glacier NOT museum", {GLACIER}),
        ("(wheat OR glacier) AND Zürich", {GLACIER}),
        # Fields.
        ("title:glacier", {GLACIER}),
        ("Title:glacier", {GLACIER}),
        ('author:"Femke de Vries"', {BAKU, STRIKE}),
        ("author:vries", {BAKU, STRIKE}),
        ('author:"Ines Duarte"', {CRANES}),
        ('person:"Bratislav Gašić"', {BELGRADE, BAKU, FORUM}),
        ("person:gasic", {BELGRADE, BAKU, FORUM}),
        ('person:"Bratislav Gašić" date:2024-03', {BAKU}),
        ("place:Rotterdam", {STRIKE, CRANES}),
        ("place:krakow", {FESTIVAL}),
        ('org:"Ministry of Defence"', {BELGRADE}),
        ('organization:"Ministry of Defence"', {BELGRADE}),
        # Dates: a year, a month, a day, a range, comparisons.
        ("date:2024", {BELGRADE, BAKU, GLACIER, FESTIVAL, CRANES, FORUM}),
        ("date:2023", {STRIKE, WHEAT, MARKUP}),
        ("date:2024-06", {BELGRADE}),
        ("date:2024-06-20", {BELGRADE}),
        ("date:[2024-01-01 to 2024-06-30]", {BELGRADE, BAKU, GLACIER, CRANES}),
        ("date:[2024-07-01 to]", {FESTIVAL, FORUM}),
        ("date:>2024-06-20", {FESTIVAL, FORUM}),
        ("date:>=2024-06-20", {BELGRADE, FESTIVAL, FORUM}),
        ("date:<2024", {STRIKE, WHEAT, MARKUP}),
        ("date:>2024-06", {FESTIVAL, FORUM}),
        ("date:>=2024-06", {BELGRADE, FESTIVAL, FORUM}),
        ("date:<2024-06", {STRIKE, WHEAT, MARKUP, BAKU, GLACIER, CRANES}),
        ("date:<=2024-06", {STRIKE, WHEAT, MARKUP, BAKU, GLACIER, CRANES, BELGRADE}),
        # The month after December is January of the next year, the one before January December.
        ("date:>2023-12", {BELGRADE, BAKU, GLACIER, FESTIVAL, CRANES, FORUM}),
        ("date:<2024-01", {STRIKE, WHEAT, MARKUP}),
        ("date:>2024", set()),
        ("strike date:2023", {STRIKE}),
        # Fuzzy and prefix terms.
        ("strke~", {STRIKE, CRANES}),
        ("Rotterdm~", {STRIKE, CRANES}),
        ("glac*", {GLACIER, MARKUP}),
    ],
)
def test_query_forms(archive_index: ArchiveIndex, query: str, expected: set[str]) -> None:
    assert found(archive_index, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Gasic", {BELGRADE, BAKU, FORUM}),
        ("gašić", {BELGRADE, BAKU, FORUM}),
        ("GAŠIĆ", {BELGRADE, BAKU, FORUM}),
        ("Krakow", {FESTIVAL}),
        ("Wisniewski", {FESTIVAL}),
        ("Zurich", {GLACIER}),
    ],
)
def test_accents_and_case_are_folded(
    archive_index: ArchiveIndex, query: str, expected: set[str]
) -> None:
    assert found(archive_index, query) == expected


@pytest.mark.parametrize("query", ["cooperate", "cooperation", "cooperates", "Cooperate"])
def test_english_words_are_stemmed(archive_index: ArchiveIndex, query: str) -> None:
    assert {BELGRADE, BAKU, FORUM} <= found(archive_index, query)


def test_the_empty_query_lists_every_story_newest_first(archive_index: ArchiveIndex) -> None:
    page = archive_index.search("", page_size=100)
    assert {hit.id for hit in page.hits} == ALL
    dates = [hit.date for hit in page.hits]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize(
    ("query", "mentions"),
    [
        ("date:abc", "date"),
        ("date:2024-13", "date"),
        ("date:2024-02-30", "date"),
        ("date:>2024-02-30", "date"),
        ("date:[2024-01-01 to 2024-06-30", "date"),
        ("foo:bar", "foo"),
        ("url:example", "url"),
        ("mentions:Baku", "mentions"),
        ("entity_lists:Baku", "entity_lists"),
        ("*", "*"),
        ("title:*", "*"),
        ("NOT NOT strike", "query"),
        ("(" * 30 + "strike" + ")" * 30, "parentheses"),
        ("strike " * 400, "long"),
    ],
)
def test_a_bad_query_raises_one_error_type_with_a_plain_message(
    archive_index: ArchiveIndex, query: str, mentions: str
) -> None:
    with pytest.raises(QueryError) as raised:
        archive_index.search(query)
    message = str(raised.value)
    assert mentions in message
    assert message[0].isupper() and message.endswith(".")
    for internal in ("Traceback", "whoosh", "int()", "index out of range", "Error"):
        assert internal not in message


ODD_QUERIES = [
    '"',
    "(",
    ")",
    "AND",
    "NOT",
    "title:",
    "date:",
    "x~~",
    "~",
    "[",
    "}",
    "^",
    'person:""',
    "::",
    "http://example.org/a:b",
    "\\",
    "a'b",
    "a AND",
    "date:{2024 to 2025}",
    "strike^2",
    "\x00",
    '"a" "b',
    "who:Gasic",
    "date:*",
    "?",
]


@pytest.mark.parametrize("query", ODD_QUERIES)
def test_odd_input_gives_results_or_a_query_error_never_a_crash(
    archive_index: ArchiveIndex, query: str
) -> None:
    try:
        page = archive_index.search(query)
    except QueryError as error:
        assert str(error)
        return
    assert page.total >= len(page.hits)
    archive_index.facets(query)
    archive_index.term_spans(query, "strike and glacier")


def test_field_aliases(archive_index: ArchiveIndex) -> None:
    assert found(archive_index, "who:gasic") == found(archive_index, "person:gasic")
    assert found(archive_index, "where:Baku") == found(archive_index, "place:Baku")
    assert found(archive_index, "by:vries") == found(archive_index, "author:vries")


def test_fuzzy_terms_allow_two_edits_at_most(archive_index: ArchiveIndex) -> None:
    """`word~5` would match nearly every word (and take seconds on a large archive)."""
    assert found(archive_index, "strike~5") == found(archive_index, "strike~2")
    assert found(archive_index, "strike~5") != ALL


@pytest.mark.parametrize(
    ("comparison", "written_as_range"),
    [
        ("date:>2024-06-20", "date:[2024-06-21 to]"),
        ("date:>=2024-06-20", "date:[2024-06-20 to]"),
        ("date:<2024-06-20", "date:[to 2024-06-19]"),
        ("date:<=2024-06-20", "date:[to 2024-06-20]"),
        ("date:>2024-02-29", "date:[2024-03-01 to]"),
        ("date:<2024-03-01", "date:[to 2024-02-29]"),
        ("date:>2024-06", "date:[2024-07 to]"),
        ("date:>=2024-06", "date:[2024-06 to]"),
        ("date:<2024-06", "date:[to 2024-05]"),
        ("date:<=2024-06", "date:[to 2024-06]"),
        ("date:>2024-01", "date:[2024-02 to]"),
        ("date:>2023-12", "date:[2024-01 to]"),
        ("date:<2024-01", "date:[to 2023-12]"),
        ("date:>2024", "date:[2025 to]"),
        ("date:>=2024", "date:[2024 to]"),
        ("date:<2024", "date:[to 2023]"),
        ("date:<=2024", "date:[to 2024]"),
    ],
)
def test_date_comparisons_are_the_ranges_they_say(comparison: str, written_as_range: str) -> None:
    """To the day: the stories of the test archive are too few days apart to tell."""
    assert compiled(comparison) == compiled(written_as_range)


@pytest.mark.parametrize("text", ["date:>9999", "date:<0001-01-01", "date:<=0001"])
def test_date_comparisons_past_the_calendar_find_nothing(
    archive_index: ArchiveIndex, text: str
) -> None:
    assert found(archive_index, text) == set()


def test_an_unknown_field_is_answered_with_the_fields_there_are() -> None:
    with pytest.raises(QueryError) as raised:
        compiled("colour:red")
    assert str(raised.value) == (
        "Unknown field 'colour': you can search title, body, author, person, place, org, date, "
        "is, tag, has, note."
    )


def test_a_colon_inside_quotes_is_no_field() -> None:
    assert compiled('"ratio:high" strike') == compiled('"ratio high" strike')


def test_twenty_levels_of_parentheses_are_allowed_and_twenty_one_are_not() -> None:
    compiled("(" * 20 + "strike" + ")" * 20)
    with pytest.raises(QueryError):
        compiled("(" * 21 + "strike" + ")" * 21)
    # A closing parenthesis too many does not hide the depth of the ones that follow.
    with pytest.raises(QueryError):
        compiled(")" + "(" * 21 + "strike" + ")" * 21)


def test_a_person_search_finds_a_story_by_the_full_name_its_surname_mentions_join(tmp_path):
    """A story names "Greta Thunberg" once and "Thunberg" after: its mentions are indexed
    under the full name. A surname search finds every story with a person of that name."""
    from index.api import update_index

    stories = {
        "climate/2025-04-02-march.txt": " date 2025-04-02 Students march through Uppsala\n"
        "Greta Thunberg spoke to the crowd on Wednesday. Thunberg said the students would "
        "return every week, and Thunberg thanked the police.\n",
        "climate/2025-05-11-dinner.txt": " date 2025-05-11 Chemist honoured in Lund\n"
        "The university honoured Svante Thunberg on Sunday. Thunberg spoke about his lab.\n",
        "climate/2025-06-01-talk.txt": " date 2025-06-01 A talk on glaciers\n"
        "Thunberg did not attend the talk on glaciers in Uppsala.\n",
    }
    archive_root = tmp_path / "archive"
    for relative, text in stories.items():
        (archive_root / relative).parent.mkdir(parents=True, exist_ok=True)
        (archive_root / relative).write_text(text, encoding="utf-8")
    update_index(archive_root, tmp_path / "index")
    opened = ArchiveIndex.open(tmp_path / "index")
    try:
        march, dinner, talk = stories
        assert found(opened, 'person:"Greta Thunberg"') == {march}
        assert found(opened, 'person:"Svante Thunberg"') == {dinner}
        assert found(opened, 'person:"Thunberg"') == {march, dinner, talk}
        assert found(opened, "person:thunberg") == {march, dinner, talk}
        stored = opened.article(march)
        assert stored.entities["person"] == ("Greta Thunberg",)
        assert [m.name for m in stored.mentions if m.kind == "person"] == ["Greta Thunberg"] * 3
    finally:
        opened.close()
