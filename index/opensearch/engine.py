"""The engine named `opensearch` (`index.api.Engine`): an archive's stories on an OpenSearch
server, its manifest in the local index folder as with Whoosh.

Registered as an entry point of the group `newsreader.engines`; it needs the extra
`newsreader[opensearch]` (the client), and says so in a sentence when that is missing. The server
is `NEWSREADER_OPENSEARCH_URL` (`index.opensearch.connection`).
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from index.api import IndexUnavailable, IndexWriter, SearchEngine, StoryMarks
from index.opensearch.mapping import SCHEMA_VERSION

if TYPE_CHECKING:
    from opensearchpy import OpenSearch

    from index.opensearch.connection import Server

NOT_INSTALLED = (
    "the opensearch engine needs its client library: "
    "pip install 'newsreader[opensearch]' installs it"
)


def _writing() -> ModuleType:
    """`index.opensearch.writer`, which imports the client: only when the engine is used."""
    try:
        from index.opensearch import writer
    except ImportError as error:
        raise IndexUnavailable(NOT_INSTALLED) from error
    return writer


def _connection() -> ModuleType:
    """`index.opensearch.connection`, which imports the client too."""
    try:
        from index.opensearch import connection
    except ImportError as error:
        raise IndexUnavailable(NOT_INSTALLED) from error
    return connection


class OpenSearchEngine:
    """`server` None reads it from the environment at each call; `connection_class` replaces
    the client's HTTP connection (the offline tests replay the server's answers through one)."""

    schema_version = SCHEMA_VERSION

    def __init__(self, server: Server | None = None, connection_class: type | None = None) -> None:
        self._server = server
        self._connection_class = connection_class

    def _connect(self) -> tuple[OpenSearch, Server]:
        connection = _connection()
        server = self._server or connection.Server.from_environment()
        return server.client(self._connection_class), server

    def open(self, index_dir: Path, *, marks: StoryMarks | None = None) -> SearchEngine:
        client, server = self._connect()
        from index.opensearch.search import OpenSearchIndex

        try:
            return OpenSearchIndex(client, server, _index(index_dir), index_dir, marks=marks)
        except BaseException:
            client.close()
            raise

    def index_exists(self, index_dir: Path) -> bool:
        client, server = self._connect()
        try:
            exists: bool = _writing().index_exists(client, server, _index(index_dir))
            return exists
        finally:
            client.close()

    def prepare_index(self, index_dir: Path, archive: Path) -> None:
        client, server = self._connect()
        try:
            _writing().prepare_index(client, server, _index(index_dir), index_dir)
        finally:
            client.close()

    def writer(self, index_dir: Path) -> IndexWriter:
        client, server = self._connect()
        try:
            update: IndexWriter = _writing().OpenSearchWriter(client, server, _index(index_dir))
        except BaseException:
            client.close()
            raise
        return update

    def remove_index(self, index_dir: Path) -> None:
        client, server = self._connect()
        try:
            _writing().remove_index(client, server, _index(index_dir))
        finally:
            client.close()


def _index(index_dir: Path) -> str:
    index_name: str = _connection().index_name(index_dir)
    return index_name


OPENSEARCH = OpenSearchEngine()
