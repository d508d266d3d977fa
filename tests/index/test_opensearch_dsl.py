"""The query tree compiled to OpenSearch Query DSL: every form of the README's query table, and
what can't be run, which gets the Whoosh engine's sentence."""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("opensearchpy", reason="the opensearch extra (opensearch-py) is not installed")

from index.api import QueryError  # noqa: E402
from index.opensearch.dsl import compile_query  # noqa: E402
from index.query import BARE_WILDCARD, PHRASE_TOO_LONG, Marked, parse_query  # noqa: E402

MARKED = {("read", ""): {"a.txt"}, ("starred", ""): {"b.txt", "a.txt"}}


def marked(node: Marked) -> frozenset[str]:
    return frozenset(MARKED.get((node.mark, node.value), {"c.txt"}))


def match(field: str, word: str, boost: float | None = None) -> dict[str, Any]:
    query: dict[str, Any] = {"query": word, "operator": "and", "zero_terms_query": "all"}
    if boost is not None:
        query["boost"] = boost
    return {"match": {field: query}}


def free(word: str) -> dict[str, Any]:
    """A free word: title (boosted as Whoosh boosts it), body or author."""
    return {
        "bool": {
            "should": [match("title", word, 2.0), match("body", word), match("author", word)],
            "minimum_should_match": 1,
        }
    }


def any_field(kind: str, **query: Any) -> dict[str, Any]:
    return {
        "bool": {
            "should": [
                {kind: {"title": query}},
                {kind: {"body": query}},
                {kind: {"author": query}},
            ],
            "minimum_should_match": 1,
        }
    }


def fuzzy(word: str, edits: int) -> dict[str, Any]:
    return {
        "bool": {
            "should": [
                {
                    "match": {
                        field: {
                            "query": word,
                            "fuzziness": edits,
                            "prefix_length": 0,
                            "operator": "and",
                        }
                    }
                }
                for field in ("title", "body", "author")
            ],
            "minimum_should_match": 1,
        }
    }


def phrase(words: str) -> dict[str, Any]:
    return {
        "bool": {
            "should": [
                {"match_phrase": {"title": {"query": words, "slop": 0, "boost": 2.0}}},
                {"match_phrase": {"body": {"query": words, "slop": 0}}},
                {"match_phrase": {"author": {"query": words, "slop": 0}}},
            ],
            "minimum_should_match": 1,
        }
    }


EVERY_FORM = [
    ("strike port", {"bool": {"must": [free("strike"), free("port")]}}),
    ('"military cooperation"', phrase("military cooperation")),
    (
        "strike OR walkout",
        {"bool": {"should": [free("strike"), free("walkout")], "minimum_should_match": 1}},
    ),
    ("port NOT Rotterdam", {"bool": {"must": [free("port")], "must_not": [free("Rotterdam")]}}),
    (
        "(strike OR walkout) port",
        {
            "bool": {
                "must": [
                    {
                        "bool": {
                            "should": [free("strike"), free("walkout")],
                            "minimum_should_match": 1,
                        }
                    },
                    free("port"),
                ]
            }
        },
    ),
    ("title:budget", match("title", "budget", 2.0)),
    ("author:alizade", match("author", "alizade")),
    # A whole name on the folded keyword (the server folds the query as the name); one word
    # also on the name's words.
    ('person:"Karim Valiyev"', {"term": {"person.folded": "Karim Valiyev"}}),
    (
        "person:valiyev",
        {
            "bool": {
                "should": [
                    {"term": {"person.folded": "valiyev"}},
                    {"match": {"person.words": "valiyev"}},
                ],
                "minimum_should_match": 1,
            }
        },
    ),
    ('place:"Novi Sad"', {"term": {"place.folded": "Novi Sad"}}),
    ('org:"Defence Ministry"', {"term": {"organization.folded": "Defence Ministry"}}),
    ("date:2024", {"range": {"date": {"gte": "2024-01-01", "lte": "2024-12-31"}}}),
    ("date:2024-06", {"range": {"date": {"gte": "2024-06-01", "lte": "2024-06-30"}}}),
    ("date:2024-06-11", {"range": {"date": {"gte": "2024-06-11", "lte": "2024-06-11"}}}),
    (
        "date:[2024-01-01 to 2024-06-30]",
        {"range": {"date": {"gte": "2024-01-01", "lte": "2024-06-30"}}},
    ),
    ("date:>2024-01-01", {"range": {"date": {"gte": "2024-01-02"}}}),
    ("date:<=2024-06", {"range": {"date": {"lte": "2024-06-30"}}}),
    ("cooperaton~", fuzzy("cooperaton", 1)),
    ("cooperaton~2", fuzzy("cooperaton", 2)),
    ("cooperaton~5", fuzzy("cooperaton", 2)),  # two edits at most, as with Whoosh
    # Term-level queries are not analysed by the server: folded here as the fields fold.
    ("Cooper*", any_field("prefix", value="cooper")),
    ("Gaš?ć", any_field("wildcard", value="gas?c")),
    ("is:read", {"ids": {"values": ["a.txt"]}}),
    (
        "is:unread",
        {"bool": {"must": [{"match_all": {}}], "must_not": [{"ids": {"values": ["a.txt"]}}]}},
    ),
    ("is:starred", {"ids": {"values": ["a.txt", "b.txt"]}}),
    (
        "is:unstarred",
        {
            "bool": {
                "must": [{"match_all": {}}],
                "must_not": [{"ids": {"values": ["a.txt", "b.txt"]}}],
            }
        },
    ),
    ('tag:"cost of living"', {"ids": {"values": ["c.txt"]}}),
    ("has:note", {"ids": {"values": ["c.txt"]}}),
    ("note:ferr*", {"ids": {"values": ["c.txt"]}}),
    ("strike^2", {"bool": {"must": [free("strike")], "boost": 2.0}}),
    ("source:example", {"term": {"source": "example"}}),
    ("id:a.txt", {"term": {"id": "a.txt"}}),
    ('path:"two words.txt"', {"term": {"path": "two words.txt"}}),
    ("NOT strike", {"bool": {"must": [{"match_all": {}}], "must_not": [free("strike")]}}),
    ("strike *:*", {"bool": {"must": [free("strike"), {"match_all": {}}]}}),
    ("date:[to]", {"exists": {"field": "date"}}),
    ("title:[Apple to Çherry]", {"range": {"title": {"gte": "apple", "lte": "cherry"}}}),
    ("person:{a to m}", {"range": {"person.words": {"gt": "a", "lt": "m"}}}),
    (
        "person:valiyev~1/2",
        {"fuzzy": {"person.words": {"value": "valiyev", "fuzziness": 1, "prefix_length": 2}}},
    ),
]


@pytest.mark.parametrize(("text", "expected"), EVERY_FORM, ids=[text for text, _ in EVERY_FORM])
def test_every_form_of_the_query_table_compiles_to_its_dsl(text: str, expected: dict) -> None:
    assert compile_query(parse_query(text), marked) == expected


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("  *", BARE_WILDCARD, 2),
        ("title:* OR *", BARE_WILDCARD, 6),
        (f'"{" ".join(["word"] * 17)}"', PHRASE_TOO_LONG, 0),
    ],
)
def test_what_can_not_be_run_is_the_whoosh_engines_sentence(
    text: str, message: str, position: int
) -> None:
    with pytest.raises(QueryError) as raised:
        compile_query(parse_query(text), marked)
    assert str(raised.value) == message and raised.value.position == position


def test_without_a_library_a_mark_is_the_whoosh_engines_sentence() -> None:
    with pytest.raises(QueryError, match="is:starred needs your library") as raised:
        compile_query(parse_query("strike is:starred"))
    assert raised.value.position == len("strike is:")
