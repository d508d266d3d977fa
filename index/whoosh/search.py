"""The search interface the reader and the command line share: search, fetch, facets, related.

One `ArchiveIndex` keeps one Whoosh searcher open and reuses it until the index changes on disk.
It is not thread-safe: use it from one thread at a time. With the fast path (`open_fast`, the
default) common queries, counts, facets and the date order are read from the segments' postings
as arrays (`index.fastpath`); without it (`open_stock`, and on a Whoosh version the fast path was
not tested with) everything goes through Whoosh's public searcher API.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Collection, Hashable, Sequence
from datetime import date, datetime
from pathlib import Path

import numpy as np
import whoosh
from whoosh import collectors, sorting
from whoosh import index as whoosh_index
from whoosh import query as whoosh_query
from whoosh.index import TOC
from whoosh.searching import Searcher

from articles.model import ENTITY_KINDS, Article, EntityKind
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
    unreadable_index,
)
from index.fastpath import compat
from index.fastpath.blocks import Unsupported
from index.fastpath.docsets import DocnumSet
from index.fastpath.postings import PostingReader
from index.fastpath.ranking import WEIGHTING, DateOrder, best, constant_score
from index.manifest import Manifest
from index.query import DATE_HELP, Marked, parse_query, query_notes
from index.whoosh.compile import compile_query, without_library
from index.whoosh.facets import EntityTable, SegmentEntities
from index.whoosh.highlight import SNIPPET_SCAN_CHARS, snippet, term_spans
from index.whoosh.schema import SCHEMA_VERSION, split_names, unpack_mentions
from index.whoosh.spelling import suggest_spelling
from index.whoosh.stories import MarkedStories, StoryTable

# A query that finds fewer hits than this gets a "did you mean" suggestion when one does better.
SUGGEST_BELOW_HITS = 3
# Key terms a "related stories" query is built from. Whoosh's default of 5 picks only words unique
# to the story in a small archive, so nothing else matches; Lucene's MoreLikeThis uses 25.
RELATED_KEY_TERMS = 20
TERM_FIELDS = ("title", "body")
# Hit sets of the last few queries, for the facets and the next pages of a search just run.
REMEMBERED_QUERIES = 16


class ArchiveIndex:
    """The `index.api.SearchEngine` on Whoosh, with the fast path (`index.fastpath`) when `fast`."""

    def __init__(
        self,
        ix: whoosh_index.Index,
        extractor_name: str,
        index_dir: Path,
        *,
        fast: bool = True,
        marks: StoryMarks | None = None,
    ) -> None:
        self._ix = ix
        self._index_dir = index_dir
        self._fast = fast
        self._marks = marks
        self._searcher: Searcher = ix.searcher(weighting=WEIGHTING)
        self._toc = self._latest_toc()
        self._extractor_name = extractor_name
        # Each segment's entities, read once: segments outlive a searcher (`EntityTable`).
        self._segment_entities: dict[str, SegmentEntities] = {}
        self._forget()

    def _forget(self) -> None:
        """Drop what was worked out from the searcher: call whenever it is replaced."""
        self._postings = PostingReader(self._searcher) if self._fast else None
        self._date_order: DateOrder | None = None
        self._entity_table: EntityTable | None = None
        self._docsets: OrderedDict[Hashable, np.ndarray] = OrderedDict()
        self._story_table: StoryTable | None = None
        # (mark, value) -> the marks' version and the stories marked then.
        self._marked: OrderedDict[tuple[str, str], tuple[int, MarkedStories]] = OrderedDict()

    def forget_queries(self) -> None:
        """Drop what was kept from recent queries (hit sets, term scores).

        The benchmarks call this to time a query as if it were new; nothing else needs to.
        """
        self._docsets.clear()
        if self._postings is not None:
            self._postings.forget_queries()

    @classmethod
    def open(
        cls, index_dir: Path, *, fast: bool = True, marks: StoryMarks | None = None
    ) -> ArchiveIndex:
        """Open an existing index, with the fast path when `fast` and the user's `marks` for
        `is:` and the like; raises IndexUnavailable with the way out in its message."""
        try:
            exists = whoosh_index.exists_in(str(index_dir))
        except Exception:  # Whoosh raises many types for a damaged index
            exists = True  # opening it below says what is wrong
        if not exists:
            raise IndexUnavailable(
                f"no index in {index_dir}; build it with `newsreader index ARCHIVE`"
            )
        try:
            manifest = Manifest(index_dir)
            try:
                extractor_name = manifest.setting("extractor") or "default"
                schema_version = manifest.setting("schema_version")
            finally:
                manifest.close()
        except Exception as error:  # not a database, or not one of ours
            raise unreadable_index(error, index_dir) from error
        if schema_version not in (None, SCHEMA_VERSION):
            # Its fields are not the ones searched now: a query could fail in any way.
            raise IndexUnavailable(
                f"the index in {index_dir} was built by another version of newsreader; "
                "`newsreader index ARCHIVE` builds it again (the archive is not touched)"
            )
        try:
            return cls(
                whoosh_index.open_dir(str(index_dir)),
                extractor_name,
                index_dir,
                fast=fast,
                marks=marks,
            )
        except Exception as error:  # Whoosh raises many types for a damaged index
            raise unreadable_index(error, index_dir) from error

    @property
    def extractor_name(self) -> str:
        return self._extractor_name

    @property
    def doc_count(self) -> int:
        return self._searcher.doc_count()

    def refresh(self) -> bool:
        """Pick up changes another process committed; True when there were some."""
        toc = self._latest_toc()
        if self._searcher.up_to_date():
            if toc == self._toc:
                return False
            # Rebuilt from scratch: a new index whose generation number repeats the old one's.
            stale, self._searcher = self._searcher, self._ix.searcher(weighting=WEIGHTING)
            stale.close()
        else:
            self._searcher = self._searcher.refresh()
        self._toc = toc
        self._forget()
        return True

    def _latest_toc(self) -> tuple[str, ...] | None:
        """The segments the latest table of contents names: a rebuild replaces them all."""
        try:
            toc = TOC.read(self._ix.storage, self._ix.indexname)
        except Exception:  # missing or half-written for a moment while being rebuilt
            return None
        return tuple(segment.segment_id() for segment in toc.segments)

    def close(self) -> None:
        self._searcher.close()
        self._ix.close()

    def release_memory(self) -> None:
        """Let go of the pages of the index files this handle has read through Whoosh's memory
        maps: they stay in the system's page cache, and a later read maps the ones it needs
        again. Reading every story's entities or every word of a field maps most of a segment
        once (~20 MB at 100,000 stories) and then keeps it in the process's memory."""
        for leaf, _ in self._searcher.leaf_searchers():
            compat.release_mapped_pages(leaf.reader())

    def parse(self, text: str) -> whoosh_query.Query:
        """The query as Whoosh runs it: the project's tree (`index.query.parse_query`) compiled
        (`index.whoosh.compile`); the empty query matches every article. Raises QueryError."""
        if not text.strip():
            return whoosh_query.Every()
        marked = without_library if self._marks is None else self._marked_stories
        return compile_query(parse_query(text), self._ix.schema, marked)

    def _marked_stories(self, node: Marked) -> DocnumSet:
        """The stories with the mark, by document number: read from the marks again only when
        they changed (`StoryMarks.version`)."""
        assert self._marks is not None
        version = self._marks.version
        asked = (node.mark, node.value)
        kept = self._marked.get(asked)
        if kept is None or kept[0] != version:
            ids = self._marks.stories_marked(node.mark, node.value)
            marked = self._stories().marked(ids, kept[1] if kept else None)
            kept = self._marked[asked] = (version, marked)
            while len(self._marked) > REMEMBERED_QUERIES:  # `tag:b`, `tag:bu`… as one types
                self._marked.popitem(last=False)
        self._marked.move_to_end(asked)
        return DocnumSet(kept[1].docnums, key=(*asked, version))

    def _stories(self) -> StoryTable:
        if self._story_table is None:
            self._story_table = StoryTable(self._searcher)
        return self._story_table

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
        """One page of hits; the empty query lists every article, newest first.

        `suggest=False` leaves out the "did you mean" (`suggestion`), which costs as much as the
        search itself: the reader asks for it once typing stops. `through_end` makes the page
        run on to the last hit (the reader's "go to the last story")."""
        started = time.perf_counter()
        parsed = self.parse(text)
        by_date = sort == "date" or not text.strip()
        wanted = max(1, page)
        limit = max(1, self._searcher.doc_count_all()) if through_end else wanted * page_size
        try:
            ranked, total = self._ranked(text, parsed, limit, by_date)
        except Exception as error:  # e.g. a fuzzy or prefix term that expands too far
            if "date:" in text:  # a quoted date reaches the date field unparsed
                raise QueryError(DATE_HELP) from error
            raise QueryError(f"Can't run that query: {error}.") from error
        # Paged as Whoosh's ResultsPage: a page past the end shows the last one.
        page_count = -(-total // page_size)
        shown = min(page_count, wanted)
        offset = max(0, shown - 1) * page_size
        terms = self._terms(parsed)
        stored_fields = self._searcher.stored_fields
        end = None if through_end else offset + page_size
        hits = tuple(
            self._hit(stored_fields(docnum), score, terms) for docnum, score in ranked[offset:end]
        )
        suggestion = self.suggestion(text, total) if suggest else None
        return SearchPage(
            query=text,
            total=total,
            hits=hits,
            page=shown,
            page_size=page_size,
            sort="date" if by_date else "relevance",
            suggestion=suggestion,
            seconds=time.perf_counter() - started,
            notes=query_notes(text, nothing_left=parsed is whoosh_query.NullQuery),
        )

    def _ranked(
        self, text: str, parsed: whoosh_query.Query, limit: int, by_date: bool
    ) -> tuple[Sequence[tuple[int, float | None]], int]:
        """The first `limit` (document number, score) pairs, and the exact number of hits.

        Common queries are scored from the posting blocks (`index.fastpath.postings`); the rest,
        and every query without the fast path, by Whoosh, with a collector that counts every hit
        as it goes rather than skipping blocks and running the query again to count them.
        """
        if by_date:
            docs = self._docset(text, parsed)
            return [(docnum, None) for docnum in self._newest(parsed, docs, limit)], len(docs)
        if self._postings is None:
            return self._whoosh_ranked(parsed, limit)
        score = constant_score(parsed)
        if score is not None:  # a date range alone: every hit scores the same
            docs = self._docset(text, parsed)  # sorted: Whoosh ranks ties by document number
            return [(docnum, score) for docnum in docs[:limit].tolist()], len(docs)
        try:
            scored = self._postings.scores(parsed)
        except Unsupported:
            return self._whoosh_ranked(parsed, limit)
        self._remember(_hit_set_key(text, parsed), scored.docs)
        return best(scored, limit), len(scored.docs)

    def _whoosh_ranked(
        self, parsed: whoosh_query.Query, limit: int
    ) -> tuple[list[tuple[int, float | None]], int]:
        collector = collectors.TopCollector(limit, usequality=False, replace=0)
        self._searcher.search_with_collector(parsed, collector)
        top = collector.results().top_n
        return [(docnum, score) for score, docnum in top], collector.total

    def _newest(self, parsed: whoosh_query.Query, docs: np.ndarray, limit: int) -> list[int]:
        """The `limit` newest of the query's hits `docs`, stories without a date last."""
        if self._postings is not None:
            return self._date_order_now().first(docs, limit)
        if limit <= 0 or not len(docs):
            return []
        # Sorted by (dated, date), newest first, as Whoosh sorts a column in reverse.
        missing = self._searcher.schema["date"].default
        newest_first = sorting.TranslateFacet(
            lambda value: (value != missing, value), sorting.FieldFacet("date")
        )
        results = self._searcher.search(parsed, limit=limit, sortedby=newest_first, reverse=True)
        return [hit.docnum for hit in results]

    def _docset(self, text: str, parsed: whoosh_query.Query) -> np.ndarray:
        key = _hit_set_key(text, parsed)
        docs = self._docsets.get(key)
        if docs is None:
            if self._postings is None:
                found = self._searcher.docs_for_query(parsed)
                docs = np.unique(np.fromiter(found, dtype=np.int64))
            else:
                docs = self._postings.docset(parsed)
            self._remember(key, docs)
        else:
            self._docsets.move_to_end(key)
        return docs

    def _remember(self, key: Hashable, docs: np.ndarray) -> None:
        self._docsets[key] = docs
        while len(self._docsets) > REMEMBERED_QUERIES:
            self._docsets.popitem(last=False)

    def count(self, text: str) -> int:
        return len(self._docset(text, self.parse(text)))

    def story_ids(self, text: str) -> frozenset[str]:
        return self._stories().ids_of(self._docset(text, self.parse(text)))

    def present(self, ids: Collection[str]) -> frozenset[str]:
        return self._stories().present(ids)

    def ids_by_hash(self, hashes: Collection[str]) -> dict[str, str]:
        return self._stories().ids_by_hash(hashes)

    def date_counts(self, text: str) -> dict[date, int]:
        parsed = self.parse(text)
        if self._postings is not None:
            return self._date_order_now().day_counts(self._docset(text, parsed))
        field = self._searcher.schema["date"]
        day = sorting.TranslateFacet(
            lambda value: None if value == field.default else field.from_column_value(value).date(),
            sorting.FieldFacet("date"),
        )
        results = self._searcher.search(
            parsed, limit=None, groupedby={"day": day}, maptype=sorting.Count
        )
        return {day: count for day, count in results.groups("day").items() if day is not None}

    def _date_order_now(self) -> DateOrder:
        assert self._postings is not None
        if self._date_order is None:
            self._date_order = DateOrder(self._searcher, self._postings.live)
        return self._date_order

    def stats(self) -> EngineStats:
        return EngineStats(
            engine="fastpath" if self._fast else "whoosh",
            doc_count=self.doc_count,
            extractor=self._extractor_name,
            location=str(self._index_dir),
            generation=self._generation(),
        )

    def _generation(self) -> str:
        """The searcher's generation and segments: a rebuild repeats a generation number, never
        a segment."""
        reader = self._searcher.reader()
        # An index with no story yet reads as one empty reader, of no segment.
        segments = ",".join(
            segment.segment_id()
            for leaf, _ in reader.leaf_readers()
            if (segment := leaf.segment()) is not None
        )
        return f"{reader.generation()}:{segments}"

    def facets(self, text: str, *, top: int = 10) -> dict[EntityKind, tuple[FacetCount, ...]]:
        """The most frequent entities of each kind across all hits, with story counts.

        Equal counts are in name order. Every story's entities are read once per segment
        (`EntityTable`); a query's counts are then array operations over its hits.
        """
        parsed = self.parse(text)
        if not self._searcher.reader().has_column("entity_lists"):
            return {kind: () for kind in ENTITY_KINDS}
        docs = self._docset(text, parsed)
        if self._entity_table is None:
            self._entity_table = EntityTable(self._searcher, self._segment_entities)
            self._segment_entities = self._entity_table.segments
        hits = np.zeros(self._searcher.doc_count_all(), dtype=bool)
        hits[docs] = True
        return {kind: self._entity_table.top(kind, hits, top) for kind in ENTITY_KINDS}

    def article(self, article_id: str) -> StoredArticle:
        """The article with its entities and their mentions, as stored when it was indexed."""
        fields = self._searcher.document(id=article_id)
        if fields is None:
            raise ArticleNotFound(article_id)
        names = _entity_names(fields)
        return StoredArticle(
            _article(fields),
            names,
            unpack_mentions(fields.get("mentions"), names),
            fields.get("text_hash", ""),
        )

    def related(self, article_id: str, *, limit: int = 10) -> tuple[Hit, ...]:
        """The stories most like this one (Whoosh more-like-this over the body)."""
        docnum = self._searcher.document_number(id=article_id)
        if docnum is None:
            raise ArticleNotFound(article_id)
        body = self._searcher.stored_fields(docnum).get("body", "")
        results = self._searcher.more_like(
            docnum, "body", text=body[:SNIPPET_SCAN_CHARS], top=limit, numterms=RELATED_KEY_TERMS
        )
        return tuple(self._hit(hit.fields(), hit.score, frozenset()) for hit in results)

    def term_spans(self, text: str, content: str) -> tuple[tuple[int, int], ...]:
        """Where the search terms of query `text` occur in `content` (for the article pane)."""
        if not text.strip():
            return ()
        # The marks are no words of the story: any set of stories stands for them here.
        parsed = compile_query(parse_query(text), self._ix.schema, _no_stories)
        return term_spans(content, self._terms(parsed))

    def _terms(self, parsed: whoosh_query.Query) -> frozenset[str]:
        """The analyzed words the query matches in title or body, fuzzy and prefix expanded.

        Whoosh's own `existing_terms` skips every field after the first (its loop variable
        shadows its `fieldname` argument), so the leaves are walked here. Fuzzy and prefix
        terms are expanded as the search expands them: Whoosh's whole-index reader compares
        the word with every term of the field, a second or more.
        """
        reader = self._searcher.reader()
        found: set[str] = set()
        for leaf in parsed.leaves():
            if leaf.field() not in TERM_FIELDS:
                continue
            try:
                if isinstance(leaf, whoosh_query.MultiTerm) and self._postings is not None:
                    expanded = [(leaf.field(), word) for word in self._postings.expanded(leaf)]
                else:
                    expanded = list(leaf.expanded_terms(reader, phrases=True))
            except Exception:  # an expansion too large to list is simply not highlighted
                continue
            for fieldname, term in expanded:
                word = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                if fieldname in TERM_FIELDS and (fieldname, word) in reader:
                    found.add(word)
        return frozenset(found)

    def _hit(self, fields: dict, score: float | None, terms: frozenset[str]) -> Hit:
        title = fields.get("title", "")
        body = fields.get("body", "")
        entities = _entity_names(fields)
        return Hit(
            id=fields["id"],
            path=fields.get("path", ""),
            title=Highlighted(title, term_spans(title, terms)),
            snippet=snippet(body, term_spans(body, terms, limit=SNIPPET_SCAN_CHARS)),
            date=_date(fields),
            author=fields.get("author"),
            source=fields.get("source"),
            score=float(score or 0.0),
            entities=entities,
            url=fields.get("url"),
            text_hash=fields.get("text_hash", ""),
            title_mentions=unpack_mentions(fields.get("mentions"), entities, title_only=True),
        )

    def suggestion(self, text: str, total: int) -> str | None:
        """A respelling of the unknown words of a query with `total` hits that finds more
        stories, or None."""
        if not text.strip() or total >= SUGGEST_BELOW_HITS:
            return None
        reader = self._searcher.reader()
        if self._postings is None:
            words_within = reader.terms_within
        else:
            words_within = self._postings.words_within
        suggested = suggest_spelling(
            reader, text, lambda stem, distance: list(words_within("body", stem, distance, 1))
        )
        if suggested is None:
            return None
        try:
            better = len(self._docset(suggested, self.parse(suggested)))
        except QueryError:
            return None
        return suggested if better > total else None


def _no_stories(node: Marked) -> DocnumSet:
    return DocnumSet(np.zeros(0, dtype=np.int64), key=(node.mark, node.value))


def _hit_set_key(text: str, parsed: whoosh_query.Query) -> Hashable:
    """What a query's hit set is kept under: its text, and for a query that reads the user's
    marks, which marks at which version (a mark changed since is another key)."""
    marks = tuple(leaf.key for leaf in parsed.leaves() if isinstance(leaf, DocnumSet))
    return (text.strip(), marks) if marks else text.strip()


def _date(fields: dict) -> date | None:
    value = fields.get("date")
    return value.date() if isinstance(value, datetime) else None


def _entity_names(fields: dict) -> dict[EntityKind, tuple[str, ...]]:
    return {kind: split_names(fields.get(kind)) for kind in ENTITY_KINDS}


def _article(fields: dict) -> Article:
    return Article(
        id=fields["id"],
        path=fields.get("path", ""),
        title=fields.get("title", ""),
        body=fields.get("body", ""),
        date=_date(fields),
        author=fields.get("author"),
        source=fields.get("source"),
        url=fields.get("url"),
    )


def open_fast(
    index_dir: Path,
    whoosh_version: compat.WhooshVersion = whoosh.__version__,
    *,
    marks: StoryMarks | None = None,
) -> ArchiveIndex:
    """The engine named `fastpath` (the default): Whoosh, common queries served by the fast
    path; on a Whoosh version the fast path was not tested with, stock Whoosh only."""
    return ArchiveIndex.open(index_dir, fast=compat.fast_path_on(whoosh_version), marks=marks)


def open_stock(index_dir: Path, *, marks: StoryMarks | None = None) -> ArchiveIndex:
    """The engine named `whoosh`: stock Whoosh only, through its public searcher API, to rule
    the fast path out."""
    return ArchiveIndex.open(index_dir, fast=False, marks=marks)
