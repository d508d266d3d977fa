"""Which OpenSearch server, as whom, and what its failures mean to a user: one sentence each.

The server and credentials come from the environment (`NEWSREADER_OPENSEARCH_URL`, `_USER`,
`_PASSWORD`), which the command line fills from `--engine-url` and the config file: they are never
read from the command line in clear, and worker processes inherit them.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from opensearchpy import (
    AuthenticationException,
    AuthorizationException,
    ConnectionError,
    ConnectionTimeout,
    NotFoundError,
    OpenSearch,
    RequestError,
    SSLError,
    TransportError,
)

from index.api import IndexUnavailable

URL_VARIABLE = "NEWSREADER_OPENSEARCH_URL"
USER_VARIABLE = "NEWSREADER_OPENSEARCH_USER"
PASSWORD_VARIABLE = "NEWSREADER_OPENSEARCH_PASSWORD"
DEFAULT_URL = "http://localhost:9200"
# Long enough for a bulk request of a few thousand stories on a busy single node.
REQUEST_SECONDS = 30.0
# A request answered 429 (too many requests) or 502-504, or timed out, is sent again this many
# times (the client waits between tries only for the bulk items, `index.opensearch.writer`).
MAX_RETRIES = 3
RETRY_STATUSES = (429, 502, 503, 504)
INDEX_PREFIX = "newsreader-"
# What an index name may not hold (OpenSearch: lower case, none of `\/*?"<>| ,#:`).
_NOT_IN_INDEX_NAMES = re.compile(r"[^a-z0-9_.-]+")
# Bulk item errors that mean the index's fields are not the ones newsreader writes.
MAPPING_ERRORS = frozenset(
    {"mapper_parsing_exception", "strict_dynamic_mapping_exception", "illegal_argument_exception"}
)


@dataclass(frozen=True, slots=True)
class Server:
    """An OpenSearch (or Elasticsearch) server and the credentials to use it with."""

    url: str = DEFAULT_URL
    user: str | None = None
    password: str | None = None

    @classmethod
    def from_environment(cls, environment: Mapping[str, str] = os.environ) -> Server:
        return cls(
            environment.get(URL_VARIABLE) or DEFAULT_URL,
            environment.get(USER_VARIABLE) or None,
            environment.get(PASSWORD_VARIABLE) or None,
        )

    @property
    def shown(self) -> str:
        """The address without any user name or password written into it."""
        parts = urlsplit(self.url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit((parts.scheme, netloc, parts.path, "", "")) or self.url

    def client(self, connection_class: type | None = None) -> OpenSearch:
        """A client of the server; `connection_class` replaces the HTTP connection (tests)."""
        options: dict[str, Any] = {
            "timeout": REQUEST_SECONDS,
            "max_retries": MAX_RETRIES,
            "retry_on_status": RETRY_STATUSES,
            "retry_on_timeout": True,
        }
        if self.user is not None:
            options["http_auth"] = (self.user, self.password or "")
        if connection_class is not None:
            options["connection_class"] = connection_class
        return OpenSearch(hosts=[self.url], **options)


def index_name(index_dir: Path) -> str:
    """The server's index of the archive whose local folder (manifest) is `index_dir`: its
    name, and a hash of its full path, as two folders of one name are two archives."""
    named = _NOT_IN_INDEX_NAMES.sub("-", index_dir.name.lower()).strip("-._")[:60]
    where = hashlib.sha1(str(index_dir.expanduser().resolve()).encode()).hexdigest()[:10]
    return f"{INDEX_PREFIX}{named}-{where}" if named else f"{INDEX_PREFIX}{where}"


@contextmanager
def speaking_plainly(server: Server, index: str) -> Iterator[None]:
    """Turns what the client raises into `IndexUnavailable` with one sentence for the user."""
    try:
        yield
    except TransportError as error:
        raise unavailable(error, server, index) from error


def unavailable(error: TransportError, server: Server, index: str) -> IndexUnavailable:
    """The sentence for a failure of the server or of the connection to it."""
    where = f"OpenSearch at {server.shown}"
    if isinstance(error, ConnectionTimeout):
        return IndexUnavailable(
            f"{where} did not answer within {REQUEST_SECONDS:g} seconds: it may be busy or "
            "still starting; try again in a moment."
        )
    if isinstance(error, SSLError):
        return IndexUnavailable(f"can't make a secure connection to {where}: {error.info}")
    if isinstance(error, ConnectionError):
        return IndexUnavailable(
            f"can't reach {where}: the connection was refused or failed. Is the server "
            "running? `docker compose -f deploy/opensearch/docker-compose.yml up -d` starts one."
        )
    if isinstance(error, AuthenticationException):
        return IndexUnavailable(
            f"{where} did not accept the user name and password: set {USER_VARIABLE} and "
            f"{PASSWORD_VARIABLE} (or engine_user and engine_password in the config file)."
        )
    if isinstance(error, AuthorizationException):
        return IndexUnavailable(f"{where} does not let this user read or write the index {index}.")
    if isinstance(error, NotFoundError) and error.error == "index_not_found_exception":
        return IndexUnavailable(
            f"there is no index {index} on {where}: `newsreader index ARCHIVE --engine "
            "opensearch` builds it (the archive is not touched)."
        )
    if isinstance(error, RequestError) and error.error in MAPPING_ERRORS:
        return mapping_conflict(server, index)
    return IndexUnavailable(f"{where} answered {error.status_code}: {_reason(error)}")


def mapping_conflict(server: Server, index: str) -> IndexUnavailable:
    return IndexUnavailable(
        f"the index {index} on OpenSearch at {server.shown} has fields of other types than "
        "newsreader writes (a mapping conflict): `newsreader index ARCHIVE --engine opensearch "
        "--rebuild` builds it again; the archive is not touched."
    )


def _reason(error: TransportError) -> str:
    """The server's own reason, when it gave one, else the kind of error."""
    info = error.info if isinstance(error.info, dict) else {}
    cause = info.get("error")
    if isinstance(cause, dict) and cause.get("reason"):
        return str(cause["reason"])
    return str(error.error)
