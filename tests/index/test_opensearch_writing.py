"""Indexing into OpenSearch through a fake transport (`opensearch_replay`), and each failure of
the server or the connection as one sentence. The answers are written from the OpenSearch
documentation's example responses (Create index, Bulk, Delete by query, Refresh, the REST API's
errors); no server was reachable to record them from."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

pytest.importorskip("opensearchpy", reason="the opensearch extra (opensearch-py) is not installed")

from opensearch_replay import Answer, Script, error  # noqa: E402
from opensearchpy import ConnectionTimeout  # noqa: E402

from articles.model import Article, Entities, Mention  # noqa: E402
from index.api import IndexUnavailable, text_hash  # noqa: E402
from index.opensearch import writer  # noqa: E402
from index.opensearch.connection import MAX_RETRIES, Server, index_name  # noqa: E402
from index.opensearch.engine import OpenSearchEngine  # noqa: E402
from index.opensearch.mapping import MAPPINGS, SCHEMA_VERSION, index_body  # noqa: E402

SERVER = Server("http://search.test:9200")
STORY = Article(
    id="a.txt",
    path="a.txt",
    title="Ferry to Novi Sad",
    body="Ana Brnabić opened the ferry.",
    date=None,
)
NAMES = Entities(
    (Mention("person", "Ana Brnabić", 0, 11),),
    {"person": ("Ana Brnabić",), "place": (), "organization": ()},
)


@pytest.fixture
def index_dir(tmp_path: Path) -> Path:
    return tmp_path / "index"


def engine(script: Script) -> OpenSearchEngine:
    return OpenSearchEngine(SERVER, script.connection_class())


def bulk_answer(index: str, statuses: dict[str, int]) -> dict:
    """Bulk: one item per story, `errors` true when any failed."""
    items = []
    for story_id, status in statuses.items():
        item: dict = {"_index": index, "_id": story_id, "status": status}
        if status == 429:
            item["error"] = {
                "type": "es_rejected_execution_exception",
                "reason": "rejected execution of coordinating operation",
            }
        elif status >= 400:
            item["error"] = {
                "type": "mapper_parsing_exception",
                "reason": "failed to parse field [date] of type [long]",
            }
        else:
            item["result"] = "created"
        items.append({"index": item})
    return {"took": 11, "errors": any(s >= 300 for s in statuses.values()), "items": items}


def test_the_mapping_holds_every_field_of_the_whoosh_schema_as_it_behaves() -> None:
    from whoosh.analysis import STOP_WORDS

    from index.whoosh.schema import WORD, build_schema

    held = MAPPINGS["properties"]
    assert set(build_schema().names()) - {"entity_lists"} <= set(held)
    analyzers = index_body()["settings"]["analysis"]["analyzer"]
    text = analyzers[held["body"]["analyzer"]]
    assert text["filter"][:2] == ["lowercase", "asciifolding"]
    assert "newsreader_stem" in text["filter"]
    stemmer = index_body()["settings"]["analysis"]["filter"]["newsreader_stem"]
    assert stemmer == {"type": "stemmer", "language": "english"}  # Porter, as Whoosh's
    assert held["title"]["analyzer"] == held["body"]["analyzer"]
    analysis = index_body()["settings"]["analysis"]
    words = analysis["tokenizer"][text["tokenizer"]]
    assert words["pattern"] == WORD.pattern and words["flags"] == "UNICODE_CHARACTER_CLASS"
    assert set(analysis["filter"]["newsreader_stop"]["stopwords"]) == STOP_WORDS
    for kind in ("person", "place", "organization"):
        assert held[kind]["type"] == "keyword"  # facets are terms aggregations of it
        assert held[kind]["fields"]["folded"]["normalizer"] == "newsreader_folded"
    assert held["date"]["type"] == "date"
    assert held["id"]["type"] == held["path"]["type"] == held["source"]["type"] == "keyword"


def test_a_new_index_is_created_with_its_mapping_and_stories_go_in_by_bulk(
    index_dir: Path,
) -> None:
    index = index_name(index_dir)
    script = Script(
        [
            Answer(f"HEAD /{index}", status=404),
            Answer(f"PUT /{index}", {"acknowledged": True, "index": index}),
            Answer(f"POST /{index}/_count", {"count": 0}),
            Answer("POST /_bulk", bulk_answer(index, {"a.txt": 201})),
            Answer(f"POST /{index}/_refresh", {"_shards": {"total": 1, "successful": 1}}),
            Answer(f"PUT /{index}/_mapping", {"acknowledged": True}),
        ]
    )
    opensearch = engine(script)
    opensearch.prepare_index(index_dir, index_dir.parent)
    created = script.requests[1].body
    assert created["settings"] == index_body()["settings"]
    assert created["mappings"]["_meta"] == {"schema_version": SCHEMA_VERSION}
    update = opensearch.writer(index_dir)
    assert update.started_empty
    update.add(STORY, NAMES)
    update.commit()
    action, story = script.requests[3].body
    assert action == {"index": {"_index": index, "_id": "a.txt"}}
    assert story["text_hash"] == text_hash(STORY.title, STORY.body)
    assert story["person"] == ["Ana Brnabić"] and story["mentions"] == [[1, 0, 0, 0, 11]]
    assert "date" not in story
    assert script.requests[-1].body["_meta"]["generation"] == story["generation"]


def test_a_changed_file_replaces_only_the_older_stories_of_its_path(index_dir: Path) -> None:
    index = index_name(index_dir)
    script = Script(
        [
            Answer(f"POST /{index}/_count", {"count": 9}),
            Answer("POST /_bulk", bulk_answer(index, {"a.txt": 200})),
            Answer(f"POST /{index}/_delete_by_query", {"took": 5, "deleted": 1, "failures": []}),
            Answer(f"POST /{index}/_refresh", {"_shards": {"total": 1, "successful": 1}}),
            Answer(f"PUT /{index}/_mapping", {"acknowledged": True}),
        ]
    )
    update = engine(script).writer(index_dir)
    assert not update.started_empty
    update.add(STORY, NAMES)
    update.delete("a.txt")
    update.commit()
    generation = script.requests[1].body[1]["generation"]
    deleted = script.requests[2]
    assert deleted.params["conflicts"] == "proceed"
    assert deleted.body["query"] == {
        "bool": {
            "filter": [{"terms": {"path": ["a.txt"]}}],
            "must_not": [{"term": {"generation": generation}}],
        }
    }


def test_stories_turned_away_as_too_many_are_sent_again_a_bounded_number_of_times(
    index_dir: Path,
) -> None:
    index = index_name(index_dir)
    busy = [Answer("POST /_bulk", bulk_answer(index, {"a.txt": 429}))] * (MAX_RETRIES + 1)
    script = Script(
        [
            Answer(f"POST /{index}/_count", {"count": 0}),
            Answer("POST /_bulk", bulk_answer(index, {"a.txt": 429})),
            Answer("POST /_bulk", bulk_answer(index, {"a.txt": 201})),
            Answer(f"POST /{index}/_refresh", {"_shards": {"total": 1, "successful": 1}}),
            Answer(f"PUT /{index}/_mapping", {"acknowledged": True}),
            Answer(f"POST /{index}/_count", {"count": 0}),
            *busy,
        ]
    )
    client = SERVER.client(script.connection_class())
    update = writer.OpenSearchWriter(client, SERVER, index, retry_wait_seconds=0)
    update.add(STORY, NAMES)
    update.commit()
    assert [request.path for request in script.requests].count("/_bulk") == 2
    client = SERVER.client(script.connection_class())
    stubborn = writer.OpenSearchWriter(client, SERVER, index, retry_wait_seconds=0)
    stubborn.add(STORY, NAMES)
    with pytest.raises(IndexUnavailable, match=f"too busy .*after {MAX_RETRIES} retries"):
        stubborn.commit()


def one_sentence(raised: pytest.ExceptionInfo[IndexUnavailable]) -> str:
    message = str(raised.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_refused_connection_is_one_sentence(index_dir: Path) -> None:
    """A real closed port on this machine, through the client's own HTTP connection."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    closed = OpenSearchEngine(Server(f"http://127.0.0.1:{port}"))
    with pytest.raises(IndexUnavailable) as raised:
        closed.open(index_dir)
    assert one_sentence(raised).startswith(
        f"can't reach OpenSearch at http://127.0.0.1:{port}: the connection was refused"
    )


def test_a_timeout_is_one_sentence(index_dir: Path) -> None:
    index = index_name(index_dir)
    script = Script([Answer(f"GET /{index}/_mapping", fails=ConnectionTimeout)])
    with pytest.raises(IndexUnavailable) as raised:
        engine(script).open(index_dir)
    assert "did not answer within 30 seconds" in one_sentence(raised)
    assert len(script.requests) == MAX_RETRIES + 1  # tried again, a bounded number of times


def test_a_refused_password_is_one_sentence_that_hides_it(index_dir: Path) -> None:
    index = index_name(index_dir)
    refused = error("security_exception", "authentication failed", 401)
    script = Script([Answer(f"GET /{index}/_mapping", refused, status=401)])
    server = Server("https://editor:secret@search.test:9200", "editor", "secret")
    with pytest.raises(IndexUnavailable) as raised:
        OpenSearchEngine(server, script.connection_class()).open(index_dir)
    message = one_sentence(raised)
    assert message.startswith(
        "OpenSearch at https://search.test:9200 did not accept the user name and password"
    )
    assert "secret" not in message and "NEWSREADER_OPENSEARCH_PASSWORD" in message


def test_a_missing_index_is_one_sentence_naming_the_command_that_builds_it(
    index_dir: Path,
) -> None:
    index = index_name(index_dir)
    missing = error("index_not_found_exception", f"no such index [{index}]", 404, index=index)
    script = Script([Answer(f"GET /{index}/_mapping", missing, status=404)])
    with pytest.raises(IndexUnavailable) as raised:
        engine(script).open(index_dir)
    assert one_sentence(raised) == (
        f"there is no index {index} on OpenSearch at http://search.test:9200: `newsreader "
        "index ARCHIVE --engine opensearch` builds it (the archive is not touched)."
    )


def test_a_mapping_conflict_is_one_sentence_and_nothing_is_sent(index_dir: Path) -> None:
    index = index_name(index_dir)
    other = {index: {"mappings": {"properties": {"date": {"type": "long"}}}}}
    script = Script([Answer(f"HEAD /{index}"), Answer(f"GET /{index}/_mapping", other)])
    with pytest.raises(IndexUnavailable) as raised:
        engine(script).prepare_index(index_dir, index_dir.parent)
    assert "has fields of other types than newsreader writes (a mapping conflict)" in (
        one_sentence(raised)
    )


def test_a_story_the_mapping_refuses_is_one_sentence(index_dir: Path) -> None:
    index = index_name(index_dir)
    script = Script(
        [
            Answer(f"POST /{index}/_count", {"count": 0}),
            Answer("POST /_bulk", bulk_answer(index, {"a.txt": 400})),
        ]
    )
    update = engine(script).writer(index_dir)
    update.add(STORY, NAMES)
    with pytest.raises(IndexUnavailable, match="a mapping conflict"):
        update.commit()


def test_many_files_are_read_in_worker_processes_and_sent_in_bulk(
    index_dir: Path, tmp_path: Path
) -> None:
    from articles.archive import scan_archive
    from articles.entities import get_extractor
    from index.api import FileJob

    archive = tmp_path / "archive"
    archive.mkdir()
    for number in range(writer.PARALLEL_MIN_FILES):
        (archive / f"{number:03}.txt").write_text(
            f" date 2024-06-{number % 28 + 1:02} Ferry {number}\nThe ferry to Novi Sad ran.\n",
            encoding="utf-8",
        )
    index = index_name(index_dir)
    stories = {f"{number:03}.txt": 201 for number in range(writer.PARALLEL_MIN_FILES)}
    script = Script(
        [
            Answer(f"POST /{index}/_count", {"count": 0}),
            Answer("POST /_bulk", bulk_answer(index, stories)),
            Answer(f"POST /{index}/_refresh", {"_shards": {"total": 1, "successful": 1}}),
            Answer(f"PUT /{index}/_mapping", {"acknowledged": True}),
        ]
    )
    update = engine(script).writer(index_dir)
    jobs = [FileJob(source) for source in scan_archive(archive).files]
    results = list(update.index_files(jobs, get_extractor("default")))
    update.commit()
    assert sorted(result.source.path for result in results) == sorted(stories)
    assert all(result.article_count == 1 and not result.skipped for result in results)
    sent = script.requests[1].body
    documents = sent[1::2]
    assert sorted(document["id"] for document in documents) == sorted(stories)
    generation = script.requests[-1].body["_meta"]["generation"]
    assert {document["generation"] for document in documents} == {generation}
    assert documents[0]["date"].startswith("2024-06-")


def test_a_rebuild_deletes_the_index_and_one_already_gone_is_no_error(index_dir: Path) -> None:
    index = index_name(index_dir)
    missing = error("index_not_found_exception", f"no such index [{index}]", 404, index=index)
    script = Script(
        [
            Answer(f"DELETE /{index}", {"acknowledged": True}),
            Answer(f"DELETE /{index}", missing, status=404),
        ]
    )
    engine(script).remove_index(index_dir)
    engine(script).remove_index(index_dir)
    assert not script.answers


def test_a_cancelled_update_takes_back_what_it_sent(index_dir: Path) -> None:
    index = index_name(index_dir)
    script = Script(
        [
            Answer(f"POST /{index}/_count", {"count": 3}),
            Answer(f"POST /{index}/_delete_by_query", {"took": 5, "deleted": 0, "failures": []}),
            Answer(f"POST /{index}/_refresh", {"_shards": {"total": 1, "successful": 1}}),
        ]
    )
    update = engine(script).writer(index_dir)
    update.add(STORY, NAMES)
    update.cancel()
    generation = script.requests[1].body["query"]["term"]["generation"]
    assert len(generation) == 32 and not any(
        request.path == "/_bulk" for request in script.requests
    )


def test_an_index_that_is_there_with_newsreaders_fields_is_kept(index_dir: Path) -> None:
    index = index_name(index_dir)
    script = Script(
        [
            Answer(f"HEAD /{index}"),
            Answer(f"GET /{index}/_mapping", {index: {"mappings": MAPPINGS}}),
        ]
    )
    engine(script).prepare_index(index_dir, index_dir.parent)
    assert index_dir.is_dir() and not script.answers


def test_a_story_refused_for_another_reason_is_one_sentence_naming_it(index_dir: Path) -> None:
    index = index_name(index_dir)
    refused = bulk_answer(index, {"a.txt": 201})
    refused["errors"] = True
    refused["items"][0]["index"].update(
        status=413, error={"type": "too_long_frame_exception", "reason": "story too large"}
    )
    script = Script([Answer(f"POST /{index}/_count", {"count": 0}), Answer("POST /_bulk", refused)])
    update = engine(script).writer(index_dir)
    update.add(STORY, NAMES)
    with pytest.raises(IndexUnavailable) as raised:
        update.commit()
    assert one_sentence(raised) == (
        "OpenSearch at http://search.test:9200 refused the story a.txt: story too large"
    )


@pytest.mark.parametrize(
    ("status", "answer", "sentence"),
    [
        (
            403,
            error("security_exception", "no permissions for [indices:data/read/search]", 403),
            "OpenSearch at http://search.test:9200 does not let this user read or write the "
            "index {index}.",
        ),
        (
            500,
            error("illegal_state_exception", "the node is shutting down", 500),
            "OpenSearch at http://search.test:9200 answered 500: the node is shutting down",
        ),
    ],
)
def test_other_failures_of_the_server_are_one_sentence(
    index_dir: Path, status: int, answer: dict, sentence: str
) -> None:
    index = index_name(index_dir)
    # 500 is not one of the statuses tried again: one answer is enough.
    script = Script([Answer(f"GET /{index}/_mapping", answer, status=status)])
    with pytest.raises(IndexUnavailable) as raised:
        engine(script).open(index_dir)
    assert one_sentence(raised) == sentence.format(index=index)


def test_the_server_and_its_user_come_from_the_environment() -> None:
    assert Server.from_environment({}) == Server("http://localhost:9200")
    server = Server.from_environment(
        {
            "NEWSREADER_OPENSEARCH_URL": "https://search.example:9243/base",
            "NEWSREADER_OPENSEARCH_USER": "editor",
            "NEWSREADER_OPENSEARCH_PASSWORD": "s3cret",
        }
    )
    assert server == Server("https://search.example:9243/base", "editor", "s3cret")
    assert server.shown == "https://search.example:9243/base"
    assert index_name(Path("/tmp/Two Words")).startswith("newsreader-two-words-")
