"""The OpenSearch engine driven through a fake transport (`opensearch_replay`): the requests it
sends and what it makes of the answers. The answers are written from the OpenSearch
documentation's example responses (no server was reachable to record them from), cut to the
fields newsreader reads."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("opensearchpy", reason="the opensearch extra (opensearch-py) is not installed")

from opensearch_replay import Answer, Script, error  # noqa: E402

from articles.model import Mention  # noqa: E402
from index.api import ArticleNotFound, FacetCount, IndexUnavailable, QueryError  # noqa: E402
from index.opensearch.connection import Server, index_name  # noqa: E402
from index.opensearch.engine import OpenSearchEngine  # noqa: E402
from index.opensearch.mapping import MAPPINGS, SCHEMA_VERSION  # noqa: E402
from index.opensearch.search import MARK_END, MARK_START  # noqa: E402

SERVER = Server("http://search.test:9200")
TALKS = "defence/2024-06-20-belgrade-talks.txt"
TITLE = "Serbia and Azerbaijan deepen military cooperation"
BODY = "Bratislav Gašić met Karim Valiyev in Belgrade. The cooperation covers training."


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


def engine(script: Script) -> OpenSearchEngine:
    return OpenSearchEngine(SERVER, script.connection_class())


def opened_mapping(index: str, generation: str = "g1") -> Answer:
    """Get mapping: the index's mappings, with the `_meta` newsreader writes at each commit."""
    meta = {"schema_version": SCHEMA_VERSION, "generation": generation}
    return Answer(f"GET /{index}/_mapping", {index: {"mappings": {**MAPPINGS, "_meta": meta}}})


def stored_talks() -> dict[str, Any]:
    return {
        "id": TALKS,
        "path": TALKS,
        "title": TITLE,
        "body": BODY,
        "date": "2024-06-20",
        "author": "Sabina Alizade",
        "text_hash": "0123456789abcdef",
        "person": ["Bratislav Gašić", "Karim Valiyev"],
        "place": ["Belgrade"],
        # [field, kind, name's place, start, end]: "Karim Valiyev" in the body.
        "mentions": [[1, 0, 1, 20, 33]],
    }


def search_answer(index: str, total: int, hits: list[dict[str, Any]]) -> dict[str, Any]:
    """Search: the documentation's response shape (took, timed_out, _shards, hits)."""
    return {
        "took": 3,
        "timed_out": False,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {"total": {"value": total, "relation": "eq"}, "max_score": 1.3, "hits": hits},
    }


def test_a_search_sends_the_compiled_query_and_reads_the_highlight_offsets(
    index_dir: Path,
) -> None:
    index = index_name(index_dir)
    source = stored_talks()
    # "Serbia" in the title as well: [title, place, its place among the place names, start, end].
    source["place"] = ["Belgrade", "Serbia"]
    source["mentions"] = [[0, 1, 1, 0, 6], *source["mentions"]]
    hit = {
        "_index": index,
        "_id": TALKS,
        "_score": 1.3,
        "_source": source,
        "highlight": {
            "title": [TITLE.replace("cooperation", f"{MARK_START}cooperation{MARK_END}")],
            "body": [BODY.replace("cooperation", f"{MARK_START}cooperation{MARK_END}")],
        },
        "sort": [1.3, TALKS],
    }
    script = Script(
        [opened_mapping(index), Answer(f"POST /{index}/_search", search_answer(index, 1, [hit]))]
    )
    opened = engine(script).open(index_dir)
    page = opened.search("cooperation", suggest=False)
    assert page.total == 1 and page.page == 1
    found = page.hits[0]
    assert [found.title.text[start:end] for start, end in found.title.spans] == ["cooperation"]
    assert [found.snippet.text[start:end] for start, end in found.snippet.spans] == ["cooperation"]
    assert found.date == date(2024, 6, 20) and found.author == "Sabina Alizade"
    assert found.entities["person"] == ("Bratislav Gašić", "Karim Valiyev")
    assert found.title_mentions == (Mention("place", "Serbia", 0, 6, "title"),)
    sent = script.requests[-1]
    assert sent.params == {"from": "0", "size": "50"}
    assert sent.body["track_total_hits"] is True
    assert sent.body["sort"] == ["_score", {"id": "asc"}]
    assert sent.body["query"]["bool"]["should"][1] == {
        "match": {"body": {"query": "cooperation", "operator": "and", "zero_terms_query": "all"}}
    }


def test_the_empty_query_lists_every_story_newest_first_and_a_page_past_the_end_is_the_last(
    index_dir: Path,
) -> None:
    index = index_name(index_dir)
    script = Script(
        [
            opened_mapping(index),
            Answer(f"POST /{index}/_search", search_answer(index, 3, [])),
            Answer(f"POST /{index}/_search", search_answer(index, 3, [])),
        ]
    )
    page = engine(script).open(index_dir).search("", page=9, page_size=2)
    assert page.page == 2 and page.sort == "date"
    past, last = script.requests[1], script.requests[2]
    assert past.params["from"] == "16" and last.params["from"] == "2"
    assert last.body["query"] == {"match_all": {}}
    assert last.body["sort"] == [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]


def test_names_are_terms_aggregations_and_the_timeline_a_date_histogram(index_dir: Path) -> None:
    index = index_name(index_dir)
    buckets = {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0}
    aggregations = {
        "person": {**buckets, "buckets": [{"key": "Bratislav Gašić", "doc_count": 3}]},
        "place": {**buckets, "buckets": [{"key": "Belgrade", "doc_count": 2}]},
        "organization": {**buckets, "buckets": []},
    }
    days = {
        "days": {
            "buckets": [
                {"key_as_string": "2024-03-14", "key": 1710374400000, "doc_count": 1},
                {"key_as_string": "2024-06-20", "key": 1718841600000, "doc_count": 2},
            ]
        }
    }
    script = Script(
        [
            opened_mapping(index),
            Answer(
                f"POST /{index}/_search",
                {**search_answer(index, 3, []), "aggregations": aggregations},
            ),
            Answer(f"POST /{index}/_search", {**search_answer(index, 3, []), "aggregations": days}),
        ]
    )
    opened = engine(script).open(index_dir)
    facets = opened.facets("cooperation", top=3)
    assert facets["person"] == (FacetCount("Bratislav Gašić", 3),)
    assert facets["organization"] == ()
    assert opened.date_counts("cooperation") == {date(2024, 3, 14): 1, date(2024, 6, 20): 2}
    asked_facets, asked_days = script.requests[1].body, script.requests[2].body
    assert asked_facets["size"] == 0
    assert asked_facets["aggs"]["person"] == {
        "terms": {"field": "person", "size": 3, "order": [{"_count": "desc"}, {"_key": "asc"}]}
    }
    assert asked_days["aggs"]["days"]["date_histogram"] == {
        "field": "date",
        "calendar_interval": "day",
        "min_doc_count": 1,
        "format": "yyyy-MM-dd",
    }


def test_a_misspelt_word_is_respelt_by_the_term_suggester_when_that_finds_more(
    index_dir: Path,
) -> None:
    index = index_name(index_dir)
    suggested = {
        "w0": [
            {
                "text": "glaciar",
                "offset": 0,
                "length": 7,
                "options": [{"text": "glacier", "score": 0.857, "freq": 3}],
            }
        ],
        "w1": [{"text": "melt", "offset": 0, "length": 4, "options": []}],
    }
    script = Script(
        [
            opened_mapping(index),
            Answer(f"POST /{index}/_search", {**search_answer(index, 0, []), "suggest": suggested}),
            Answer(f"POST /{index}/_count", {"count": 3, "_shards": {"total": 1, "successful": 1}}),
        ]
    )
    opened = engine(script).open(index_dir)
    assert opened.suggestion("Glaciar melt", 0) == "Glacier melt"
    asked, counted = script.requests[1].body, script.requests[2].body
    assert asked["suggest"]["w0"] == {
        "text": "glaciar",
        "term": {"field": "spelling", "suggest_mode": "missing", "size": 1},
    }
    assert counted["query"]["bool"]["must"][0]["bool"]["should"][1] == {
        "match": {"body": {"query": "Glacier", "operator": "and", "zero_terms_query": "all"}}
    }
    assert opened.suggestion("glaciar", 3) is None  # enough hits: nothing asked
    assert len(script.requests) == 3


def test_a_story_comes_with_its_names_and_mentions_and_an_unknown_id_is_not_found(
    index_dir: Path,
) -> None:
    index = index_name(index_dir)
    found = {"_index": index, "_id": TALKS, "_version": 1, "found": True, "_source": stored_talks()}
    missing = {"_index": index, "_id": "no.txt", "found": False}
    script = Script(
        [
            opened_mapping(index),
            Answer(f"GET /{index}/_doc/{TALKS.replace('/', '%2F')}", found),
            Answer(f"GET /{index}/_doc/no.txt", missing, status=404),
        ]
    )
    opened = engine(script).open(index_dir)
    stored = opened.article(TALKS)
    assert stored.article.title == TITLE and stored.text_hash == "0123456789abcdef"
    assert stored.mentions == (Mention("person", "Karim Valiyev", 20, 33, "body"),)
    assert BODY[20:33] == "Karim Valiyev"
    with pytest.raises(ArticleNotFound):
        opened.article("no.txt")


def test_related_stories_are_more_like_this_of_the_story(index_dir: Path) -> None:
    index = index_name(index_dir)
    found = {"_index": index, "_id": TALKS, "found": True, "_source": stored_talks()}
    other = {**stored_talks(), "id": "wire.jsonl#2", "path": "wire.jsonl"}
    script = Script(
        [
            opened_mapping(index),
            Answer(f"GET /{index}/_doc/{TALKS.replace('/', '%2F')}", found),
            Answer(
                f"POST /{index}/_search",
                search_answer(index, 1, [{"_id": "wire.jsonl#2", "_score": 4.2, "_source": other}]),
            ),
        ]
    )
    related = engine(script).open(index_dir).related(TALKS, limit=5)
    assert [hit.id for hit in related] == ["wire.jsonl#2"]
    like = script.requests[-1].body
    assert like["size"] == 5
    assert like["query"]["more_like_this"]["like"] == [{"_index": index, "_id": TALKS}]
    assert like["query"]["more_like_this"]["max_query_terms"] == 20


def test_a_page_through_the_end_runs_on_with_search_after(index_dir: Path) -> None:
    index = index_name(index_dir)

    def hit(story_id: str) -> dict[str, Any]:
        story = {**stored_talks(), "id": story_id}
        return {"_id": story_id, "_score": None, "_source": story, "sort": [0, story_id]}

    script = Script(
        [
            opened_mapping(index),
            Answer(f"POST /{index}/_search", search_answer(index, 3, [hit("a"), hit("b")])),
            Answer(f"POST /{index}/_search", search_answer(index, 3, [hit("c")])),
        ]
    )
    page = engine(script).open(index_dir).search("", through_end=True, suggest=False)
    assert [found.id for found in page.hits] == ["a", "b", "c"]
    assert script.requests[2].body["search_after"] == [0, "b"]
    assert "from" not in script.requests[2].params


def test_every_hit_of_a_query_is_read_by_scrolling(index_dir: Path) -> None:
    """`story_ids` (a saved search's "new since"): the scroll API, then the scroll cleared."""
    index = index_name(index_dir)
    first = {**search_answer(index, 2, []), "_scroll_id": "c2Nyb2xs"}
    first["hits"]["hits"] = [{"_id": "a.txt", "_score": 1.0}, {"_id": "b.txt", "_score": 1.0}]
    done = {**search_answer(index, 2, []), "_scroll_id": "c2Nyb2xs"}
    script = Script(
        [
            opened_mapping(index),
            Answer(f"POST /{index}/_search", first),
            Answer("POST /_search/scroll", done),
            Answer("DELETE /_search/scroll", {"succeeded": True, "num_freed": 1}),
        ]
    )
    assert engine(script).open(index_dir).story_ids("ferry") == {"a.txt", "b.txt"}
    assert script.requests[1].params["scroll"] == "5m"
    assert script.requests[1].body["_source"] is False


def test_a_commit_elsewhere_is_picked_up_by_its_generation(index_dir: Path) -> None:
    index = index_name(index_dir)
    script = Script(
        [opened_mapping(index, "g1"), opened_mapping(index, "g1"), opened_mapping(index, "g2")]
    )
    opened = engine(script).open(index_dir)
    assert opened.refresh() is False
    assert opened.refresh() is True


def test_an_index_of_another_version_is_one_sentence_naming_the_rebuild(index_dir: Path) -> None:
    index = index_name(index_dir)
    older = {index: {"mappings": {"_meta": {"schema_version": "opensearch-0"}}}}
    script = Script([Answer(f"GET /{index}/_mapping", older)])
    with pytest.raises(IndexUnavailable, match="--engine opensearch --rebuild"):
        engine(script).open(index_dir)


def test_a_query_the_server_can_not_run_is_a_query_error(index_dir: Path) -> None:
    index = index_name(index_dir)
    refused = error("search_phase_execution_exception", "all shards failed", 400, phase="query")
    script = Script([opened_mapping(index), Answer(f"POST /{index}/_search", refused, status=400)])
    with pytest.raises(QueryError, match="Can't run that query"):
        engine(script).open(index_dir).search("cooperation", suggest=False)


def scroll_answers(index: str, hits: list[dict[str, Any]]) -> list[Answer]:
    """A scroll of one page: the search, an empty next page, the scroll cleared."""
    first = {**search_answer(index, len(hits), hits), "_scroll_id": "c2Nyb2xs"}
    done = {**search_answer(index, len(hits), []), "_scroll_id": "c2Nyb2xs"}
    return [
        Answer(f"POST /{index}/_search", first),
        Answer("POST /_search/scroll", done),
        Answer("DELETE /_search/scroll", {"succeeded": True, "num_freed": 1}),
    ]


def test_marks_are_an_ids_query_and_the_library_asks_which_stories_are_there(
    index_dir: Path,
) -> None:
    from story_marks import MemoryMarks

    index = index_name(index_dir)
    marks = MemoryMarks()
    marks.mark("read", ["b.txt", "a.txt"])
    hashed = [{"_id": "a.txt", "_source": {"text_hash": "0123456789abcdef"}, "sort": ["a.txt"]}]
    script = Script(
        [
            opened_mapping(index),
            Answer(f"POST /{index}/_count", {"count": 7}),
            *scroll_answers(index, [{"_id": "a.txt"}]),
            *scroll_answers(index, hashed),
        ]
    )
    opened = OpenSearchEngine(SERVER, script.connection_class()).open(index_dir, marks=marks)
    assert opened.count("is:unread") == 7
    assert script.requests[1].body["query"] == {
        "bool": {"must": [{"match_all": {}}], "must_not": [{"ids": {"values": ["a.txt", "b.txt"]}}]}
    }
    assert opened.present(["a.txt", "gone.txt"]) == {"a.txt"}
    assert script.requests[2].body["query"] == {"ids": {"values": ["a.txt", "gone.txt"]}}
    assert opened.ids_by_hash(["0123456789abcdef"]) == {"0123456789abcdef": "a.txt"}
    assert opened.present([]) == frozenset() and opened.ids_by_hash([]) == {}


def test_the_search_words_are_found_in_any_text_without_asking_the_server(
    index_dir: Path,
) -> None:
    index = index_name(index_dir)
    script = Script([opened_mapping(index)])
    opened = engine(script).open(index_dir)
    text = "Glaciers melt; the glacier museum opened. Cooperation is read."
    spans = opened.term_spans('glacier title:"museum" cooper* person:read is:read', text)
    assert [text[start:end] for start, end in spans] == [
        "Glaciers",
        "glacier",
        "museum",
        "Cooperation",
    ]
    assert opened.term_spans("", text) == ()
    assert len(script.requests) == 1


def test_stats_count_the_stories_and_name_the_folder_of_the_manifest(index_dir: Path) -> None:
    index = index_name(index_dir)
    script = Script([opened_mapping(index), Answer(f"POST /{index}/_count", {"count": 9})])
    opened = engine(script).open(index_dir)
    stats = opened.stats()
    assert (stats.engine, stats.doc_count, stats.extractor) == ("opensearch", 9, "default")
    assert stats.location == str(index_dir)
    opened.release_memory()
    opened.close()


def test_a_highlight_that_is_not_the_stored_text_is_left_out(index_dir: Path) -> None:
    """A highlighter that gave back other text (a server-side limit) must not shift the spans."""
    index = index_name(index_dir)
    hit = {
        "_id": TALKS,
        "_score": 1.0,
        "_source": stored_talks(),
        "highlight": {"title": [f"Serbia and {MARK_START}Azerbaijan{MARK_END}…"]},
    }
    script = Script(
        [opened_mapping(index), Answer(f"POST /{index}/_search", search_answer(index, 1, [hit]))]
    )
    found = engine(script).open(index_dir).search("azerbaijan", suggest=False).hits[0]
    assert found.title.text == TITLE and found.title.spans == ()
