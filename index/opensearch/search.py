"""`index.api.SearchEngine` on an OpenSearch index: searches, counts, facets (terms
aggregations), the timeline (date_histogram), highlights, "did you mean" (the term suggester)
and related stories (more_like_this), each one request or a few.

The local index folder keeps the manifest of what was indexed (`index.build`), as with Whoosh;
the stories are on the server.
"""

from __future__ import annotations

import re
import time
from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from opensearchpy import NotFoundError, OpenSearch, RequestError, helpers

from articles.model import ENTITY_KINDS, Article, EntityKind, Mention
from index.api import (
    ArticleNotFound,
    EngineStats,
    FacetCount,
    Highlighted,
    Hit,
    IndexUnavailable,
    QueryError,
    SearchPage,
    SortOrder,
    StoredArticle,
    StoryMarks,
)
from index.manifest import Manifest
from index.opensearch.connection import Server, speaking_plainly, unavailable
from index.opensearch.dsl import MATCH_ALL, Dsl, compile_query, without_library
from index.opensearch.mapping import MENTION_FIELDS, SCHEMA_VERSION
from index.query import DATE_HELP, Marked, parse_query, query_notes
from index.whoosh.highlight import SNIPPET_SCAN_CHARS, snippet, term_spans
from index.whoosh.schema import analyzed_word

SUGGEST_BELOW_HITS = 3
RELATED_KEY_TERMS = 20
# Hits fetched per request when a page runs on to the last hit.
HITS_PER_REQUEST = 1000
# What the highlighter puts around a matched word: private-use characters, which news text
# does not use, so the offsets are found by taking them out again.
MARK_START, MARK_END = "\ue000", "\ue001"
HIGHLIGHT: Dsl = {
    "pre_tags": [MARK_START],
    "post_tags": [MARK_END],
    # The whole field, so that the offsets are those of the stored text.
    "fields": {"title": {"number_of_fragments": 0}, "body": {"number_of_fragments": 0}},
}
# Free words of a query (`field:value`, phrases and operators are left as they are).
_QUERY_PART = re.compile(r'\w+:(?:"[^"]*"|\[[^\]]*\]|\S+)|"[^"]*"?|[^\W\d_][\w\'’-]*[~*]?|\S')
_OPERATORS = {"AND", "OR", "NOT", "TO"}
_NOT_STORED = ["generation"]


class OpenSearchIndex:
    """One archive's index on an OpenSearch server, searched through `client`."""

    def __init__(
        self,
        client: OpenSearch,
        server: Server,
        index: str,
        index_dir: Path,
        *,
        marks: StoryMarks | None = None,
    ) -> None:
        self._client = client
        self._server = server
        self._index = index
        self._index_dir = index_dir
        self._marks = marks
        self._extractor_name = _extractor_of(index_dir)
        meta = self._meta()
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise IndexUnavailable(
                f"the index {index} on OpenSearch at {server.shown} was built by another version "
                "of newsreader; `newsreader index ARCHIVE --engine opensearch --rebuild` builds "
                "it again (the archive is not touched)"
            )
        self._generation = meta.get("generation")

    def _meta(self) -> dict[str, Any]:
        with speaking_plainly(self._server, self._index):
            mappings = self._client.indices.get_mapping(index=self._index)
        found: dict[str, Any] = next(iter(mappings.values()), {})
        meta = found.get("mappings", {}).get("_meta", {})
        return meta if isinstance(meta, dict) else {}

    @property
    def doc_count(self) -> int:
        return self.count("")

    @property
    def extractor_name(self) -> str:
        return self._extractor_name

    def _query(self, text: str) -> Dsl:
        if not text.strip():
            return MATCH_ALL
        if self._marks is None:
            return compile_query(parse_query(text), without_library)
        return compile_query(parse_query(text), self._marked)

    def _marked(self, node: Marked) -> frozenset[str]:
        assert self._marks is not None
        return self._marks.stories_marked(node.mark, node.value)

    def _search(self, text: str, body: Dsl, **options: Any) -> dict[str, Any]:
        """One search request; a query the server can't run is a `QueryError`."""
        with speaking_plainly(self._server, self._index):
            try:
                answer: dict[str, Any] = self._client.search(
                    index=self._index, body=body, **options
                )
            except RequestError as error:
                if error.error in ("search_phase_execution_exception", "parse_exception"):
                    raise _query_error(text, error) from error
                raise
        return answer

    def search(
        self,
        text: str,
        *,
        page: int = 1,
        page_size: int = 50,
        sort: SortOrder = "relevance",
        suggest: bool = True,
        through_end: bool = False,
    ) -> SearchPage:
        started = time.perf_counter()
        dsl = self._query(text)
        by_date = sort == "date" or not text.strip()
        order = _DATE_ORDER if by_date else _RELEVANCE_ORDER
        wanted = max(1, page)
        body = {
            "query": dsl,
            "sort": order,
            "track_total_hits": True,
            "highlight": HIGHLIGHT,
            "_source": {"excludes": _NOT_STORED},
        }
        size = HITS_PER_REQUEST if through_end else page_size
        answer = self._search(text, body, from_=(wanted - 1) * page_size, size=size)
        total = answer["hits"]["total"]["value"]
        # As the Whoosh engine pages: a page past the end shows the last one.
        shown = min(max(1, -(-total // page_size)), wanted)
        if shown != wanted:
            answer = self._search(text, body, from_=(shown - 1) * page_size, size=size)
        found = answer["hits"]["hits"]
        if through_end:
            found = list(self._run_on(text, body, found, total - (shown - 1) * page_size))
        suggestion = self.suggestion(text, total) if suggest else None
        return SearchPage(
            query=text,
            total=total,
            hits=tuple(_hit(found_hit) for found_hit in found),
            page=shown,
            page_size=page_size,
            sort="date" if by_date else "relevance",
            suggestion=suggestion,
            seconds=time.perf_counter() - started,
            notes=query_notes(text, nothing_left=False),
        )

    def _run_on(
        self, text: str, body: Dsl, found: list[dict[str, Any]], wanted: int
    ) -> Iterator[dict[str, Any]]:
        """`found` and the hits after it, to `wanted` in all, by `search_after`."""
        yield from found
        count = len(found)
        while found and count < wanted:
            after = {**body, "search_after": found[-1]["sort"]}
            found = self._search(text, after, size=HITS_PER_REQUEST)["hits"]["hits"]
            yield from found
            count += len(found)

    def count(self, text: str) -> int:
        dsl = self._query(text)
        with speaking_plainly(self._server, self._index):
            try:
                answer = self._client.count(index=self._index, body={"query": dsl})
            except RequestError as error:
                raise _query_error(text, error) from error
        return int(answer["count"])

    def facets(self, text: str, *, top: int = 10) -> dict[EntityKind, tuple[FacetCount, ...]]:
        """The most frequent names of each kind over every hit; equal counts in name order."""
        aggregations = {
            kind: {
                "terms": {
                    "field": kind,
                    "size": top,
                    "order": [{"_count": "desc"}, {"_key": "asc"}],
                }
            }
            for kind in ENTITY_KINDS
        }
        body = {"query": self._query(text), "size": 0, "aggs": aggregations}
        answer = self._search(text, body)["aggregations"]
        return {
            kind: tuple(
                FacetCount(bucket["key"], bucket["doc_count"]) for bucket in answer[kind]["buckets"]
            )
            for kind in ENTITY_KINDS
        }

    def date_counts(self, text: str) -> dict[date, int]:
        histogram = {
            "date_histogram": {
                "field": "date",
                "calendar_interval": "day",
                "min_doc_count": 1,
                "format": "yyyy-MM-dd",
            }
        }
        body = {"query": self._query(text), "size": 0, "aggs": {"days": histogram}}
        buckets = self._search(text, body)["aggregations"]["days"]["buckets"]
        return {
            date.fromisoformat(bucket["key_as_string"]): bucket["doc_count"] for bucket in buckets
        }

    def suggestion(self, text: str, total: int) -> str | None:
        """The query with each free word the index does not know replaced by the term
        suggester's spelling, when that finds more stories."""
        if not text.strip() or total >= SUGGEST_BELOW_HITS:
            return None
        words = {
            match.group(): match.group().lower()
            for match in _QUERY_PART.finditer(text)
            if _free_word(match.group())
        }
        if not words:
            return None
        suggesters = {
            f"w{number}": {
                "text": folded,
                "term": {"field": "spelling", "suggest_mode": "missing", "size": 1},
            }
            for number, folded in enumerate(words.values())
        }
        answer = self._search(text, {"size": 0, "suggest": suggesters})["suggest"]
        respelled: dict[str, str] = {}
        for (word, _), name in zip(words.items(), suggesters, strict=True):
            options = [option for entry in answer[name] for option in entry["options"]]
            if options:
                spelled = options[0]["text"]
                respelled[word] = spelled.capitalize() if word[0].isupper() else spelled
        if not respelled:
            return None
        suggested = _QUERY_PART.sub(lambda match: respelled.get(match.group(), match.group()), text)
        try:
            better = self.count(suggested)
        except QueryError:
            return None
        return suggested if better > total else None

    def article(self, article_id: str) -> StoredArticle:
        source = self._source(article_id)
        names = _entity_names(source)
        return StoredArticle(
            _article(source),
            names,
            _mentions(source.get("mentions") or [], names),
            source.get("text_hash", ""),
        )

    def _source(self, article_id: str) -> dict[str, Any]:
        with speaking_plainly(self._server, self._index):
            try:
                found = self._client.get(index=self._index, id=article_id)
            except NotFoundError as error:
                if error.error == "index_not_found_exception":
                    raise unavailable(error, self._server, self._index) from error
                raise ArticleNotFound(article_id) from error
        source: dict[str, Any] = found["_source"]
        return source

    def related(self, article_id: str, *, limit: int = 10) -> tuple[Hit, ...]:
        """The stories most like this one (more_like_this over title and body)."""
        self._source(article_id)  # an unknown id is ArticleNotFound, not "nothing related"
        like = {
            "more_like_this": {
                "fields": ["title", "body"],
                "like": [{"_index": self._index, "_id": article_id}],
                "min_term_freq": 1,
                "min_doc_freq": 1,
                "max_query_terms": RELATED_KEY_TERMS,
            }
        }
        body = {"query": like, "size": limit, "_source": {"excludes": _NOT_STORED}}
        return tuple(_hit(found) for found in self._search("", body)["hits"]["hits"])

    def term_spans(self, text: str, content: str) -> tuple[tuple[int, int], ...]:
        """Where the query's words occur in `content`, analysed as the text fields analyse
        them (the same folding and Porter stems, so no request is needed)."""
        if not text.strip():
            return ()
        words = {
            analyzed_word(word)
            for match in _QUERY_PART.finditer(text)
            for word in _search_words(match.group())
        }
        words.discard("")
        return term_spans(content, frozenset(words))

    def story_ids(self, text: str) -> frozenset[str]:
        return frozenset(self._scan({"query": self._query(text), "_source": False}))

    def present(self, ids: Collection[str]) -> frozenset[str]:
        if not ids:
            return frozenset()
        return frozenset(self._scan({"query": {"ids": {"values": sorted(ids)}}, "_source": False}))

    def ids_by_hash(self, hashes: Collection[str]) -> dict[str, str]:
        if not hashes:
            return {}
        body = {
            "query": {"terms": {"text_hash": sorted(hashes)}},
            "_source": ["text_hash"],
            "sort": ["id"],
        }
        found: dict[str, str] = {}
        with speaking_plainly(self._server, self._index):
            for hit in helpers.scan(
                self._client, query=body, index=self._index, preserve_order=True
            ):
                found.setdefault(hit["_source"]["text_hash"], hit["_id"])
        return found

    def _scan(self, body: Dsl) -> Iterator[str]:
        with speaking_plainly(self._server, self._index):
            for hit in helpers.scan(self._client, query=body, index=self._index):
                yield hit["_id"]

    def stats(self) -> EngineStats:
        return EngineStats(
            engine="opensearch",
            doc_count=self.doc_count,
            extractor=self._extractor_name,
            location=str(self._index_dir),
        )

    def refresh(self) -> bool:
        """Another process committed when the index's generation changed."""
        generation = self._meta().get("generation")
        if generation == self._generation:
            return False
        self._generation = generation
        self._extractor_name = _extractor_of(self._index_dir)
        return True

    def release_memory(self) -> None:
        """Nothing is kept here: the server holds the index."""

    def close(self) -> None:
        self._client.close()


_DATE_ORDER = [{"date": {"order": "desc", "missing": "_last"}}, {"id": "asc"}]
_RELEVANCE_ORDER = ["_score", {"id": "asc"}]


def _query_error(text: str, error: RequestError) -> QueryError:
    if "date:" in text:  # a date the server could not read
        return QueryError(DATE_HELP)
    return QueryError(f"Can't run that query: {error.error}.")


def _free_word(part: str) -> bool:
    return (
        ":" not in part
        and part not in _OPERATORS
        and part[-1] not in "~*"
        and part[0].isalpha()
        and len(part) >= 3
    )


def _search_words(part: str) -> list[str]:
    """The words of a part of a query that search title and body (not marks, dates, names)."""
    field, colon, value = part.partition(":")
    if colon and field.lower() not in ("title", "body"):
        return []
    words = (value if colon else part).strip('"').rstrip("~*^0123456789.")
    return [word for word in re.findall(r"\w+", words) if word not in _OPERATORS]


def _extractor_of(index_dir: Path) -> str:
    try:
        manifest = Manifest(index_dir)
    except Exception:  # no manifest here: the index was built elsewhere
        return "default"
    try:
        return manifest.setting("extractor") or "default"
    finally:
        manifest.close()


def _hit(found: dict[str, Any]) -> Hit:
    source = found["_source"]
    marked = found.get("highlight", {})
    title = _highlighted(marked.get("title"), source.get("title", ""))
    body = _highlighted(marked.get("body"), source.get("body", ""))
    spans = tuple(span for span in body.spans if span[1] <= SNIPPET_SCAN_CHARS)
    entities = _entity_names(source)
    title_field = MENTION_FIELDS.index("title")
    title_mentions = [packed for packed in source.get("mentions") or [] if packed[0] == title_field]
    return Hit(
        id=source["id"],
        path=source.get("path", ""),
        title=title,
        snippet=snippet(body.text, spans),
        date=_date(source),
        author=source.get("author"),
        source=source.get("source"),
        score=float(found.get("_score") or 0.0),
        entities=entities,
        url=source.get("url"),
        text_hash=source.get("text_hash", ""),
        title_mentions=_mentions(title_mentions, entities),
    )


def _highlighted(fragments: list[str] | None, stored: str) -> Highlighted:
    """The stored text with the spans the highlighter marked in it."""
    if not fragments:
        return Highlighted(stored)
    marked = fragments[0]
    spans: list[tuple[int, int]] = []
    plain: list[str] = []
    length = 0
    start = 0
    for piece in re.split(f"([{MARK_START}{MARK_END}])", marked):
        if piece == MARK_START:
            start = length
        elif piece == MARK_END:
            spans.append((start, length))
        else:
            plain.append(piece)
            length += len(piece)
    text = "".join(plain)
    return Highlighted(text, tuple(spans)) if text == stored else Highlighted(stored)


def _date(source: dict[str, Any]) -> date | None:
    value = source.get("date")
    return date.fromisoformat(value) if value else None


def _entity_names(source: dict[str, Any]) -> dict[EntityKind, tuple[str, ...]]:
    return {kind: tuple(source.get(kind) or ()) for kind in ENTITY_KINDS}


def _mentions(
    packed: list[list[int]], names: dict[EntityKind, tuple[str, ...]]
) -> tuple[Mention, ...]:
    return tuple(
        Mention(
            ENTITY_KINDS[kind], names[ENTITY_KINDS[kind]][name], start, end, MENTION_FIELDS[field]
        )
        for field, kind, name, start, end in packed
    )


def _article(source: dict[str, Any]) -> Article:
    return Article(
        id=source["id"],
        path=source.get("path", ""),
        title=source.get("title", ""),
        body=source.get("body", ""),
        date=_date(source),
        author=source.get("author"),
        source=source.get("source"),
        url=source.get("url"),
    )
