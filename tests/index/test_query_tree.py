"""The query language as the project's own tree (`index.query`): its nodes, its errors and where
they are, and the notes on a query that is not quite well formed. No index, no engine."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from whoosh import query as whoosh_query

from index.api import QueryError
from index.query import (
    BARE_WILDCARD,
    DATE_HELP,
    UNREADABLE,
    And,
    Boost,
    DateRange,
    Every,
    Fuzzy,
    Marked,
    Not,
    Or,
    Phrase,
    Prefix,
    Query,
    Term,
    TermRange,
    Wildcard,
    leaves,
    parse_query,
    query_notes,
)
from index.whoosh.compile import StemmedFuzzyTerm, compile_query
from index.whoosh.schema import build_schema

REPO_ROOT = Path(__file__).resolve().parents[2]


FREE = ("title", "body", "author")


def free(text: str) -> Or:
    """A free word: searched in title, body and author."""
    return Or(tuple(Term(field, text) for field in FREE))


def last_moment(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 23, 59, 59, 999999)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("", Every()),
        ("   ", Every()),
        ("*:*", Every()),
        ("strike", free("strike")),
        ("strike port", And((free("strike"), free("port")))),
        ("strike,port", free("strike,port")),  # one word to the parser, two to the analyser
        ("title:Budget", Term("title", "Budget")),
        ("Title:budget", Term("title", "budget")),
        ("who:Gasic", Term("person", "Gasic")),
        ("ORG:bank", Term("organization", "bank")),
        ("by:alizade", Term("author", "alizade")),
        ('person:"Karim Valiyev"', Phrase("person", ("Karim", "Valiyev"))),
        (
            '"port strike"~3',
            Or(tuple(Phrase(f, ("port", "strike"), 3) for f in ("title", "body", "author"))),
        ),
        ("title:coop*", Prefix("title", "coop")),
        ("title:w?rd", Wildcard("title", "w?rd")),
        ("title:*port", Wildcard("title", "*port")),
        ("title:cooperaton~", Fuzzy("title", "cooperaton", 1, 0)),
        ("title:cooperaton~2", Fuzzy("title", "cooperaton", 2, 0)),
        ("title:cooperaton~1/3", Fuzzy("title", "cooperaton", 1, 3)),
        ("title:port^2", Boost(Term("title", "port"), 2.0)),
        ("strike~ port", And((Or(tuple(Fuzzy(f, "strike") for f in FREE)), free("port")))),
        # The marks after a word are read in parentheses too.
        (
            "strike (port^2 ferry)",
            And((free("strike"), And((Boost(free("port"), 2.0), free("ferry"))))),
        ),
        (
            "strike (port~ ferry)",
            And((free("strike"), And((Or(tuple(Fuzzy(f, "port") for f in FREE)), free("ferry"))))),
        ),
        (
            "strike (w?rd ferry)",
            And(
                (free("strike"), And((Or(tuple(Wildcard(f, "w?rd") for f in FREE)), free("ferry"))))
            ),
        ),
        ("title:[a to c]", TermRange("title", "a", "c")),
        ("title:{a to c]", TermRange("title", "a", "c", start_excluded=True)),
        ("title:(port strike)", And((Term("title", "port"), Term("title", "strike")))),
        ("title:port NOT title:strike", And((Term("title", "port"), Not(Term("title", "strike"))))),
        # OR binds tighter than words side by side, AND tighter than OR.
        (
            "title:(a b OR c AND d)",
            And(
                (
                    Term("title", "a"),
                    Or((Term("title", "b"), And((Term("title", "c"), Term("title", "d"))))),
                )
            ),
        ),
        ("title:(a OR b)", Or((Term("title", "a"), Term("title", "b")))),
        # An operator counts between spaces only; a lone one, or two in a row, is left out.
        ("strike AND", And((free("strike"), free("AND")))),
        ("title:a OR AND title:b", And((Term("title", "a"), Term("title", "b")))),
        ("(title:a", Term("title", "a")),
        ("title:a)", Term("title", "a")),
        # A name that is not a field's is text; a field name applies only to what touches it.
        ("x1:port", free("x1:port")),
        ("http://example.org", free("http://example.org")),
        ("title: port", And((free("title:"), free("port")))),
        # Dates: a year, a month, a day, ranges, comparisons, quoted (the first moment).
        ("date:2024", DateRange(datetime(2024, 1, 1), last_moment(2024, 12, 31))),
        ("date:2024-02", DateRange(datetime(2024, 2, 1), last_moment(2024, 2, 29))),
        ("date:2024-06-11", DateRange(datetime(2024, 6, 11), last_moment(2024, 6, 11))),
        ("date:20240611", DateRange(datetime(2024, 6, 11), last_moment(2024, 6, 11))),
        ("date:2024.06", DateRange(datetime(2024, 6, 1), last_moment(2024, 6, 30))),
        ("Date:2024-6", DateRange(datetime(2024, 1, 1), last_moment(2024, 12, 31))),
        (
            "date:[2024-01-01 to 2024-06-30]",
            DateRange(datetime(2024, 1, 1), last_moment(2024, 6, 30)),
        ),
        ("date:[2024-06 to]", DateRange(datetime(2024, 6, 1), None)),
        ("date:[to 2023]", DateRange(None, last_moment(2023, 12, 31))),
        ("date:[to]", DateRange(None, None)),
        ("date:>2024-06", DateRange(datetime(2024, 7, 1), None)),
        ("date:>=2024-06", DateRange(datetime(2024, 6, 1), None)),
        ("date:<2024-06-11", DateRange(None, last_moment(2024, 6, 10))),
        ("date:<=2024", DateRange(None, last_moment(2024, 12, 31))),
        ("date: > 2023-12", DateRange(datetime(2024, 1, 1), None)),
        ("date:>9999", DateRange(datetime(9999, 1, 1), None)),
        ("strike date:>2024", And((free("strike"), DateRange(datetime(2025, 1, 1), None)))),
        ('date:"2024-06-11"', DateRange(datetime(2024, 6, 11), datetime(2024, 6, 11))),
        # The user's marks.
        ("is:read", Marked("read")),
        ("is:unread", Not(Marked("read"))),
        ("IS:Starred", Marked("starred")),
        ("is:unstarred", Not(Marked("starred"))),
        ("tag:Budget", Marked("tag", "Budget")),
        ('tag:"two  words"', Marked("tag", "two words")),
        ("has:note", Marked("note")),
        ("note:Gašić", Marked("note_word", "Gašić")),
        ("note:ferr*", Marked("note_word", "ferr*")),
        (
            'is:unread person:"Karim Valiyev" date:2024',
            And(
                (
                    Not(Marked("read")),
                    Phrase("person", ("Karim", "Valiyev")),
                    DateRange(datetime(2024, 1, 1), last_moment(2024, 12, 31)),
                )
            ),
        ),
        ("strike OR NOT tag:x", Or((free("strike"), Not(Marked("tag", "x"))))),
        ("tag:(a b)", And((Marked("tag", "a"), Marked("tag", "b")))),
        ("title:is", Term("title", "is")),
    ],
)
def test_the_tree_of_a_query(text: str, tree: Query) -> None:
    assert parse_query(text) == tree


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("strike colour:red", "Unknown field 'colour'", 7),
        ("  colour:red", "Unknown field 'colour'", 2),
        ("url:x", "Unknown field 'url'", 0),
        ('"a b" colour:red', "Unknown field 'colour'", 6),
        ("strike date:2024-13", DATE_HELP, 12),
        ("date:abc", DATE_HELP, 5),
        ("date:>2024-02-30", DATE_HELP, 6),
        ("date:[2024-13 to 2025]", UNREADABLE, 5),
        ("NOT NOT strike", UNREADABLE, 0),
        ("strike NOT AND port", UNREADABLE, 7),
        ("strike NOT OR port", UNREADABLE, 7),
        ("<strike", UNREADABLE, 0),
        ("strike (a > b)", UNREADABLE, 10),
        ("(" * 21 + "strike", "Too many nested parentheses", 20),
        ("(a " * 21, "Too many nested parentheses", 60),
        ("((a)" * 21, "Too many nested parentheses", 77),  # one level more each time
        ("x" * 2001, "The query is too long", 2000),
        (
            "strike is:seen",
            "Unknown is:seen: use is:read, is:unread, is:starred, is:unstarred.",
            10,
        ),
        ("has:tag", "Unknown has:tag: has:note is the one there is.", 4),
        ("tag:[a to c]", "tag: takes a word", 4),
        ("is:unread~", "is: takes a word", 3),
    ],
)
def test_an_error_says_what_and_where(text: str, message: str, position: int) -> None:
    with pytest.raises(QueryError) as raised:
        parse_query(text)
    assert str(raised.value).startswith(message)
    assert raised.value.position == position


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        (
            "strike " + '"' + " ".join(f"w{number}" for number in range(17)) + '"',
            "A phrase can have",
            7,
        ),
        ("  *", BARE_WILDCARD, 2),
        ("title:* OR *", BARE_WILDCARD, 6),
    ],
)
def test_an_error_found_when_compiling_says_where_too(
    text: str, message: str, position: int
) -> None:
    with pytest.raises(QueryError) as raised:
        compile_query(parse_query(text), build_schema())
    assert str(raised.value).startswith(message)
    assert raised.value.position == position


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        ("strike port", ()),
        ('"strike port"', ()),
        ('"military cooperation', ("The quote is not closed",)),
        ("(strike OR port", ("A parenthesis is not closed",)),
        ("strike)", ("A closing parenthesis has no opening one",)),
        ("strike AND", ("AND needs words on both sides",)),
        ("OR strike", ("OR needs words on both sides",)),
        ("(strike NOT)", ("NOT needs words on both sides",)),
        ('"(" strike', ()),  # a parenthesis in quotes is text
        ('(strike "port', ("The quote is not closed", "A parenthesis is not closed")),
    ],
)
def test_notes_on_a_query_not_quite_well_formed(text: str, notes: tuple[str, ...]) -> None:
    made = query_notes(text, nothing_left=False)
    assert len(made) == len(notes)
    assert all(note.startswith(start) for note, start in zip(made, notes, strict=True))


def test_a_note_when_nothing_is_left_to_search() -> None:
    (note,) = query_notes("the of", nothing_left=True)
    assert note.startswith("Nothing left to search for")
    assert query_notes("", nothing_left=True) == ()


def test_the_marks_are_found_where_they_were_typed() -> None:
    tree = parse_query('strike  tag:"two words" is:unread')
    assert isinstance(tree, And)
    tag, unread = tree.children[1:]
    assert isinstance(tag, Marked) and isinstance(unread, Not) and isinstance(unread.child, Marked)
    assert (tag.position, unread.child.position) == (12, 27)


def test_without_a_library_a_mark_is_a_plain_sentence_where_it_was_typed() -> None:
    with pytest.raises(QueryError) as raised:
        compile_query(parse_query("strike has:note"), build_schema())
    assert str(raised.value).startswith("has:note needs your library")
    assert raised.value.position == 11


def test_the_parser_imports_no_engine() -> None:
    """The tree is the project's: `index/query.py` reads no Whoosh (only engines compile it)."""
    source = (REPO_ROOT / "index" / "query.py").read_text(encoding="utf-8")
    imported = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert imported and not [line for line in imported if "whoosh" in line]


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("title:['de la' TO 'van']", TermRange("title", "de la", "van")),
        # A quote on one side only is a letter of the bound.
        ("title:[o' TO p]", TermRange("title", "o'", "p")),
        ("title:[a TO 'p]", TermRange("title", "a", "'p")),
        ("title:[a TO c}", TermRange("title", "a", "c", end_excluded=True)),
        ("title:{a TO c]", TermRange("title", "a", "c", start_excluded=True)),
        ("title:>m", TermRange("title", "m", None, start_excluded=True)),
        ("title:>=m", TermRange("title", "m", None)),
        ("title:=>m", TermRange("title", "m", None)),
        ("title:<m", TermRange("title", None, "m", end_excluded=True)),
        ("title:<=m", TermRange("title", None, "m")),
        ("title:=<m", TermRange("title", None, "m")),
        # Only words and groups take a boost: after a range it is a word.
        ("(strike port)^2", Boost(And((free("strike"), free("port"))), 2.0)),
        ("title:[a TO c]^2", And((TermRange("title", "a", "c"), free("^2")))),
    ],
)
def test_the_tree_of_a_range_a_comparison_and_a_boost(text: str, tree: Query) -> None:
    assert parse_query(text) == tree


def test_a_range_compiles_to_the_terms_its_bounds_are_indexed_as() -> None:
    compiled = compile_query(parse_query("title:[Cooperation TO Zürich}"), build_schema())
    assert compiled == whoosh_query.TermRange("title", "cooper", "zurich", False, True)


@pytest.mark.parametrize(
    ("text", "typed", "position"),
    [
        ('strike tag:"two  words"', 'tag:"two words"', 11),
        ("strike tag:^2", "tag:^2", 11),
        ("strike note:ferry", "note:ferry", 12),
        ("strike note:ferr*", "note:ferr*", 12),
        ("strike is:starred", "is:starred", 10),
        ("strike is:unread", "is:unread", 10),
        ("strike has:note", "has:note", 11),
        ("strike tag:budget^2", "tag:budget", 11),
    ],
)
def test_without_a_library_each_mark_is_named_as_typed(
    text: str, typed: str, position: int
) -> None:
    with pytest.raises(QueryError) as raised:
        compile_query(parse_query(text), build_schema())
    assert str(raised.value) == (
        f"{typed} needs your library (read and starred stories, tags and notes), which is not "
        "open here."
    )
    assert raised.value.position == position


def test_a_mark_not_typed_is_named_in_general_without_a_library() -> None:
    with pytest.raises(QueryError) as raised:
        compile_query(Marked("starred"), build_schema())
    assert str(raised.value).startswith("A search of your marks needs your library")


def test_the_leaves_of_a_tree_are_under_its_nots_and_boosts() -> None:
    tree = parse_query("strike NOT title:port title:ferry^2")
    assert list(leaves(tree)) == [
        *free("strike").children,
        Term("title", "port"),
        Term("title", "ferry"),
    ]


def test_fuzzy_words_are_the_same_query_only_with_the_same_variants() -> None:
    """The search cache tells queries apart by equality (and hash)."""
    strike = StemmedFuzzyTerm("title", "strike", variant_terms=frozenset({"strik"}))
    assert strike == StemmedFuzzyTerm("title", "strike", variant_terms=frozenset({"strik"}))
    assert strike != StemmedFuzzyTerm("title", "strike", variant_terms=frozenset({"strok"}))
    assert strike != StemmedFuzzyTerm("title", "stroke", variant_terms=frozenset({"strik"}))
    same = StemmedFuzzyTerm("title", "strike", variant_terms=frozenset({"strik"}))
    assert len({strike, same}) == 1


def test_a_fuzzy_word_weighs_as_any_word_and_keeps_its_edits() -> None:
    compiled = compile_query(parse_query("title:strike~2/1"), build_schema())
    assert isinstance(compiled, StemmedFuzzyTerm)
    assert (compiled.fieldname, compiled.text) == ("title", "strike")
    assert (compiled.boost, compiled.constantscore) == (1.0, True)
    assert (compiled.maxdist, compiled.prefixlength) == (2, 1)
    assert "stroke" in compiled.variant_terms
    assert compile_query(parse_query("title:strike~"), build_schema()).prefixlength == 0


@pytest.mark.parametrize(
    ("typo", "stem"),
    [
        ("cooperaiton", "cooper"),  # the stem of "cooperation"
        ("cooperatn", "cooper"),
        ("agreeme", "agreement"),  # the ending's last two letters left out
    ],
)
def test_two_edits_in_the_ending_find_the_word_meant(typo: str, stem: str) -> None:
    compiled = compile_query(parse_query(f"title:{typo}~2"), build_schema())
    assert stem in compiled.variant_terms


def test_a_phrase_of_sixteen_words_is_searched_with_its_slop_capped() -> None:
    words = " ".join(f"word{number}" for number in range(16))
    compiled = compile_query(parse_query(f'title:"{words}"~50'), build_schema())
    assert (compiled.fieldname, len(compiled.words), compiled.slop) == ("title", 16, 10)
    assert compile_query(parse_query('title:"strike port"~5'), build_schema()).slop == 5


def test_a_search_for_everything_alone_is_refused_where_nothing_was_typed() -> None:
    with pytest.raises(QueryError) as raised:
        compile_query(Every(), build_schema())
    assert str(raised.value) == BARE_WILDCARD
    assert raised.value.position is None


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("title:[the TO zebra]", ("the", "zebra")),  # a stop word still bounds a range
        ("title:['new york' TO zebra]", ("new york", "zebra")),  # a quoted bound is one term
    ],
)
def test_a_range_bound_is_searched_whole(text: str, bounds: tuple[str, str]) -> None:
    compiled = compile_query(parse_query(text), build_schema())
    assert (compiled.start, compiled.end) == bounds


def test_a_fuzzy_word_in_a_field_not_stemmed_keeps_its_edits() -> None:
    compiled = compile_query(parse_query("author:alizad~1/2"), build_schema())
    assert compiled == whoosh_query.FuzzyTerm("author", "alizad", maxdist=1, prefixlength=2)
    assert compiled.prefixlength == 2
    the = compile_query(parse_query("author:the~"), build_schema())  # no stop word when fuzzy
    assert (the.fieldname, the.text, the.maxdist, the.prefixlength) == ("author", "the", 1, 0)


def test_a_fuzzy_word_with_no_edits_has_no_variants() -> None:
    compiled = compile_query(parse_query("title:strike~0"), build_schema())
    assert (compiled.maxdist, compiled.variant_terms) == (0, frozenset())


def test_the_variants_of_a_fuzzy_word_are_index_terms() -> None:
    """A variant that is a stop word (`the` of `thy~`) analyses to nothing: no term."""
    compiled = compile_query(parse_query("title:thy~"), build_schema())
    assert compiled.variant_terms and "" not in compiled.variant_terms


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("AND strike", "AND needs words on both sides: it was left out."),
        ("(OR strike)", "OR needs words on both sides: it was left out."),
        ("(strike AND )", "AND needs words on both sides: it was left out."),
        ("strike port AND", "AND needs words on both sides: it was left out."),
    ],
)
def test_the_note_names_the_operator_left_out(text: str, note: str) -> None:
    assert query_notes(text, nothing_left=False) == (note,)


def test_the_note_when_nothing_is_left_says_why() -> None:
    assert query_notes("the of", nothing_left=True) == (
        "Nothing left to search for: the words are too common to be indexed (a, the, of …) "
        "or are only operators.",
    )


def test_a_comparison_given_to_a_mark_is_refused_where_its_value_is() -> None:
    with pytest.raises(QueryError) as raised:
        parse_query("strike tag:>x")
    assert raised.value.position == 12


def test_a_quoted_name_is_one_term_of_the_names_field() -> None:
    compiled = compile_query(parse_query('person:"Ana  Lind"'), build_schema())
    assert compiled == whoosh_query.Term("person", "ana lind")


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ('date:"2024 06 11"', DateRange(datetime(2024, 6, 11), datetime(2024, 6, 11))),
        (
            "date:[20240611143005 TO 20240611143005]",
            DateRange(datetime(2024, 6, 11, 14, 30, 5), datetime(2024, 6, 11, 14, 30, 5, 999999)),
        ),
        (
            "date:[20240611143005123456 TO 2024-06-11]",
            DateRange(datetime(2024, 6, 11, 14, 30, 5, 123456), last_moment(2024, 6, 11)),
        ),
    ],
)
def test_a_date_down_to_the_microsecond(text: str, tree: Query) -> None:
    assert parse_query(text) == tree


@pytest.mark.parametrize(
    ("text", "compiled"),
    [
        ("title:Strikes", whoosh_query.Term("title", "strike")),
        (
            "title:strike,port",
            whoosh_query.And(
                [whoosh_query.Term("title", "strike"), whoosh_query.Term("title", "port")]
            ),
        ),
        ("title:the", whoosh_query.NullQuery),  # a stop word alone: nothing to search for
        ("person:'Ana Lind'", whoosh_query.Term("person", "ana lind")),
        ("title:s*", whoosh_query.Prefix("title", "s")),
    ],
)
def test_a_word_is_the_terms_its_field_indexes(text: str, compiled: object) -> None:
    assert compile_query(parse_query(text), build_schema()) == compiled


def test_a_lone_question_mark_is_a_search_for_everything() -> None:
    with pytest.raises(QueryError) as raised:
        compile_query(parse_query("title:?"), build_schema())
    assert str(raised.value) == BARE_WILDCARD


def test_a_field_inside_a_fielded_group_is_its_own() -> None:
    assert parse_query("title:(body:strike port)") == And(
        (Term("body", "strike"), Term("title", "port"))
    )


@pytest.mark.parametrize(
    ("text", "compiled"),
    [
        (
            "strike NOT port",
            "((title:strike OR body:strike OR author:strike) "
            "AND NOT (title:port OR body:port OR author:port))",
        ),
        ("strike NOT the", "(title:strike OR body:strike OR author:strike)"),  # NOT nothing
        ("strike NOT title:the", "(title:strike OR body:strike OR author:strike)"),
        (
            "strike OR port",
            "(title:strike OR body:strike OR author:strike "
            "OR title:port OR body:port OR author:port)",
        ),
        ("title:strike^2", "title:strike^2.0"),
        ("title:the^2", "<_NullQuery>"),
        ("title:strik*", "title:strik*"),
        ("title:st?ike", "title:st?ike"),
        ("strike date:[to]", "((title:strike OR body:strike OR author:strike) AND date:*)"),
        ("date:[2024 to]", "date:[63839664000000000 TO ]"),
        ("date:2024", "date:[63839664000000000 TO 63871286399999999]"),
        ("date:[to 2023]", "date:[ TO 63839663999999999]"),
        ("title:<m", "title:[ TO m}"),
        ("title:>m", "title:{m TO ]"),
    ],
)
def test_each_node_compiles_to_its_whoosh_query(text: str, compiled: str) -> None:
    assert str(compile_query(parse_query(text), build_schema())) == compiled


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("Title://x", free("Title://x")),  # an address, not a field
        ("a.Title:b", And((free("a."), Term("title", "b")))),
        ("x1:(port)", And((free("x1:"), free("port")))),
        ("strike x1:", And((free("strike"), free("x1:")))),
        # Operators in a row are left out, the words around them side by side.
        ("strike AND OR port", And((free("strike"), free("port")))),
        ("strike AND AND port", And((free("strike"), free("port")))),
        ("strike OR OR port", And((free("strike"), free("port")))),
        ("a AND b OR c", Or((And((free("a"), free("b"))), free("c")))),
        ("a OR OR OR b", Or((free("a"), free("b")))),  # an odd number of the same: one
        ("(strike AND )", free("strike")),
        ("(strike NOT )", free("strike")),
        ("( AND AND strike)", free("strike")),
    ],
)
def test_the_tree_of_field_names_and_operators_in_a_row(text: str, tree: Query) -> None:
    assert parse_query(text) == tree


def test_a_field_name_glued_to_a_quote_is_text() -> None:
    tree = parse_query('"strike"Title:port')
    assert isinstance(tree, And)
    assert tree.children[1] == free("Title:port")


@pytest.mark.parametrize(
    ("grouped", "plain"),
    [
        ("(strike^2 port~ harb* w?rd)", "strike^2 port~ harb* w?rd"),
        ("strike~~", "strike~ ~"),  # a second ~ is text
    ],
)
def test_the_same_query_written_two_ways(grouped: str, plain: str) -> None:
    assert parse_query(grouped) == parse_query(plain)


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("^2 strike", And((free("^2"), free("strike")))),  # a boost with nothing before it
        ("strike (^2 port)", And((free("strike"), And((free("^2"), free("port")))))),
        ("strike ^", And((free("strike"), free("^")))),  # a caret without a number is text
        (
            '"port strike"~',
            And((Or(tuple(Phrase(f, ("port", "strike")) for f in FREE)), free("~"))),
        ),
        (
            'w?rd"port"',
            And(
                (
                    Or(tuple(Wildcard(f, "w?rd") for f in FREE)),
                    Or(tuple(Phrase(f, ("port",)) for f in FREE)),
                )
            ),
        ),
        ("strike^2 port", And((Boost(free("strike"), 2.0), free("port")))),
        ("title:*", Wildcard("title", "*")),
        ("title:x*", Prefix("title", "x")),
        ("title:a*b*", Wildcard("title", "a*b*")),
        ("<", And(())),
        ("strike <", free("strike")),
        ("title:>", free("title:")),
        ("title:>a b", And((TermRange("title", "a", None, start_excluded=True), free("b")))),
        ("title:>a(b)", And((TermRange("title", "a", None, start_excluded=True), free("b")))),
    ],
)
def test_the_tree_of_marks_without_their_words(text: str, tree: Query) -> None:
    assert parse_query(text) == tree


@pytest.mark.parametrize(
    "text",
    [
        "(a) " * 21 + "(" * 20 + "a",  # the parentheses closed count no more
        ")" * 5 + "(" * 20 + "a",  # nor do those closed before they were opened
    ],
)
def test_only_the_parentheses_still_open_count_toward_the_nesting_limit(text: str) -> None:
    assert set(leaves(parse_query(text))) == set(free("a").children)


def test_the_longest_query_is_read() -> None:
    assert parse_query("x" * 2000) == free("x" * 2000)


def test_a_field_name_in_quotes_is_text() -> None:
    assert parse_query('"the colour:red"') == Or(
        tuple(Phrase(field, ("the", "colour:red")) for field in FREE)
    )
