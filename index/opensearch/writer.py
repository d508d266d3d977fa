"""Writing an OpenSearch index: creating, checking and removing it, and the `IndexWriter` an
update goes through.

Files go through the same article pipeline as with Whoosh (`index.build.index_file`: parse,
extract names), in worker processes when there are many; their stories are sent with
`helpers.parallel_bulk`, each under its id (a changed story replaces itself), the items the
server turns away for a while (429, 5xx) sent again a bounded number of times. Every story of an
update carries its generation: committing deletes the older stories of the files changed or
removed, cancelling those of the update.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from opensearchpy import OpenSearch, RequestError, helpers

from articles.entities import EntityExtractor
from articles.model import ENTITY_KINDS, Article, Entities
from index.api import FileJob, FileResult, IndexUnavailable, text_hash
from index.build import index_file
from index.opensearch.connection import (
    MAPPING_ERRORS,
    MAX_RETRIES,
    RETRY_STATUSES,
    Server,
    mapping_conflict,
    speaking_plainly,
)
from index.opensearch.mapping import MAPPINGS, MENTION_FIELDS, SCHEMA_VERSION, index_body

# Below this many files, starting worker processes costs more than it saves.
PARALLEL_MIN_FILES = 400
MAX_PROCESSES = 8
FILES_PER_JOB = 32
# Stories sent per bulk request, and how many requests are in flight at once.
STORIES_PER_REQUEST = 500
BULK_THREADS = 2
# Seconds before the first retry of the items turned away; doubled for each next one.
RETRY_WAIT_SECONDS = 1.0


def document(article: Article, entities: Entities, generation: str) -> dict[str, Any]:
    """The story as the index holds it (`index.opensearch.mapping`)."""
    numbers = {
        (kind, name): number
        for kind in ENTITY_KINDS
        for number, name in enumerate(entities.names[kind])
    }
    fields: dict[str, Any] = {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "body": article.body,
        "text_hash": text_hash(article.title, article.body),
        "generation": generation,
        "mentions": [
            [
                MENTION_FIELDS.index(mention.field),
                ENTITY_KINDS.index(mention.kind),
                numbers[mention.kind, mention.name],
                mention.start,
                mention.end,
            ]
            for mention in entities.mentions
        ],
    }
    if article.date is not None:
        fields["date"] = article.date.isoformat()
    for name in ("author", "source", "url"):
        value = getattr(article, name)
        if value:
            fields[name] = value
    for kind in ENTITY_KINDS:
        if entities.names[kind]:
            fields[kind] = list(entities.names[kind])
    return fields


def index_exists(client: OpenSearch, server: Server, index: str) -> bool:
    with speaking_plainly(server, index):
        return bool(client.indices.exists(index=index))


def prepare_index(client: OpenSearch, server: Server, index: str, index_dir: Path) -> None:
    """Create the index with its mapping when there is none, else check that the one there has
    the fields newsreader writes. The local folder keeps the manifest."""
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise IndexUnavailable(f"can't write in {index_dir}: {error.strerror or error}") from error
    with speaking_plainly(server, index):
        if not client.indices.exists(index=index):
            body = index_body()
            body["mappings"] = {**MAPPINGS, "_meta": {"schema_version": SCHEMA_VERSION}}
            client.indices.create(index=index, body=body)
            return
        mapping = client.indices.get_mapping(index=index)
    held: dict[str, Any] = next(iter(mapping.values()), {})
    held = held.get("mappings", {}).get("properties", {})
    if any(
        held[name].get("type", "object") != field.get("type", "object")
        for name, field in MAPPINGS["properties"].items()
        if name in held
    ):
        raise mapping_conflict(server, index)


def remove_index(client: OpenSearch, server: Server, index: str) -> None:
    with speaking_plainly(server, index):
        client.indices.delete(index=index, ignore=404)  # gone already: nothing to do


class OpenSearchWriter:
    """An update of the index `index`: stories are sent as they are read; the commit deletes
    what they replace and makes them all searchable at once (a refresh)."""

    def __init__(
        self,
        client: OpenSearch,
        server: Server,
        index: str,
        *,
        retry_wait_seconds: float = RETRY_WAIT_SECONDS,
    ) -> None:
        self._client = client
        self._retry_wait_seconds = retry_wait_seconds
        self._server = server
        self._index = index
        self._generation = uuid.uuid4().hex
        self._deleted: set[str] = set()
        self._pending: list[dict[str, Any]] = []
        with speaking_plainly(server, index):
            self._started_empty = int(client.count(index=index)["count"]) == 0

    @property
    def started_empty(self) -> bool:
        return self._started_empty

    def add(self, article: Article, entities: Entities) -> None:
        self._queue(document(article, entities, self._generation))

    def _queue(self, fields: dict[str, Any]) -> None:
        self._pending.append(fields)
        if len(self._pending) >= STORIES_PER_REQUEST * BULK_THREADS:
            self._send()

    def delete(self, path: str) -> None:
        """Deleted at the commit: only the stories of `path` that this update did not write."""
        self._deleted.add(path)

    def index_files(
        self, jobs: Sequence[FileJob], extractor: EntityExtractor
    ) -> Iterator[FileResult]:
        processes = min(os.cpu_count() or 1, MAX_PROCESSES)
        if len(jobs) < PARALLEL_MIN_FILES or processes < 2:
            return (index_file(job, extractor, self.add) for job in jobs)
        return self._index_in_processes(jobs, extractor, processes)

    def _index_in_processes(
        self, jobs: Sequence[FileJob], extractor: EntityExtractor, processes: int
    ) -> Iterator[FileResult]:
        chunks = [list(jobs[i : i + FILES_PER_JOB]) for i in range(0, len(jobs), FILES_PER_JOB)]
        # A fresh server process, never a fork of the reader's threads (see index.whoosh.indexing).
        context = multiprocessing.get_context(
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            # The extractor itself, not its name: it carries the user's corrections.
            for done in pool.map(_read_files, chunks, [extractor] * len(chunks)):
                for result, stories in done:
                    for fields in stories:
                        self._queue({**fields, "generation": self._generation})
                    yield result

    def _send(self) -> None:
        """Send the stories queued, the items turned away for a while again, up to
        `MAX_RETRIES` times with a growing wait."""
        actions = {fields["id"]: fields for fields in self._pending}
        self._pending = []
        wait = self._retry_wait_seconds
        for attempt in range(MAX_RETRIES + 1):
            turned_away = self._bulk(actions)
            if not turned_away:
                return
            if attempt == MAX_RETRIES:
                break
            time.sleep(wait)
            wait *= 2
            actions = {story_id: actions[story_id] for story_id in turned_away}
        raise IndexUnavailable(
            f"OpenSearch at {self._server.shown} kept turning stories away as too busy "
            f"({len(turned_away)} of them after {MAX_RETRIES} retries); nothing was lost from "
            "the archive: run the same command again later."
        )

    def _bulk(self, actions: dict[str, dict[str, Any]]) -> list[str]:
        """Send the stories; the ids of those turned away for a while (429, 5xx)."""
        requests = (
            {"_op_type": "index", "_index": self._index, "_id": story_id, "_source": fields}
            for story_id, fields in actions.items()
        )
        turned_away = []
        with speaking_plainly(self._server, self._index):
            for ok, item in helpers.parallel_bulk(
                self._client,
                requests,
                thread_count=BULK_THREADS,
                chunk_size=STORIES_PER_REQUEST,
                raise_on_error=False,
            ):
                if ok:
                    continue
                answer = item.get("index", {})
                if answer.get("status") in RETRY_STATUSES:
                    turned_away.append(answer["_id"])
                    continue
                error = answer.get("error", {})
                if error.get("type") in MAPPING_ERRORS:
                    raise mapping_conflict(self._server, self._index)
                raise IndexUnavailable(
                    f"OpenSearch at {self._server.shown} refused the story {answer.get('_id')}: "
                    f"{error.get('reason') or error.get('type') or answer.get('status')}"
                )
        return turned_away

    def commit(self) -> None:
        if self._pending:
            self._send()
        with speaking_plainly(self._server, self._index):
            if self._deleted:
                self._delete_where(
                    {
                        "bool": {
                            "filter": [{"terms": {"path": sorted(self._deleted)}}],
                            "must_not": [{"term": {"generation": self._generation}}],
                        }
                    }
                )
            self._client.indices.refresh(index=self._index)
            # Readers notice the change by it (`OpenSearchIndex.refresh`).
            meta = {
                "schema_version": SCHEMA_VERSION,
                "generation": self._generation,
                "committed": datetime.now(UTC).isoformat(),
            }
            self._client.indices.put_mapping(index=self._index, body={"_meta": meta})
        self._client.close()

    def cancel(self) -> None:
        """Take back what this update sent; the server may already be gone, which is said."""
        self._pending = []
        try:
            with speaking_plainly(self._server, self._index):
                self._delete_where({"term": {"generation": self._generation}})
                self._client.indices.refresh(index=self._index)
        finally:
            self._client.close()

    def _delete_where(self, condition: dict[str, Any]) -> None:
        try:
            self._client.delete_by_query(
                index=self._index,
                body={"query": condition},
                conflicts="proceed",
                refresh=True,
            )
        except RequestError as error:
            raise IndexUnavailable(
                f"OpenSearch at {self._server.shown} could not delete the stories replaced: "
                f"{error.error}"
            ) from error


def _read_files(
    jobs: list[FileJob], extractor: EntityExtractor
) -> list[tuple[FileResult, list[dict[str, Any]]]]:
    """In a worker process: each file read, its names found, its stories as documents (their
    generation is the parent's to set)."""
    return [_read_file(job, extractor) for job in jobs]


def _read_file(job: FileJob, extractor: EntityExtractor) -> tuple[FileResult, list[dict[str, Any]]]:
    stories: list[dict[str, Any]] = []
    result = index_file(
        job, extractor, lambda article, entities: stories.append(document(article, entities, ""))
    )
    return result, stories
