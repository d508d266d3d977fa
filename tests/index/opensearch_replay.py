"""A fake OpenSearch server for the offline tests: a subclass of the client's own `Connection`
(the class the transport sends every request through), answering each request from a script of
answers, in order, and keeping what was asked.

No server was reachable when these tests were written: the answers are written from the
OpenSearch documentation's examples of each API's response (Search, Count, Get document, Create
index, Get mapping, Bulk, Delete by query, Refresh, and the error responses of the REST API), cut
to the fields newsreader reads.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from opensearchpy import Connection, ConnectionError, ConnectionTimeout


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, Any]
    body: Any


@dataclass
class Answer:
    """What the server answers one request: `method path` it expects, the status and the JSON,
    or `fails` the client's error for a connection that fails (refused, timed out), to this
    request and every one after it (the client tries again, as it should)."""

    expected: str
    body: Any = None
    status: int = 200
    fails: type[Exception] | None = None


@dataclass
class Script:
    answers: list[Answer]
    requests: list[Request] = field(default_factory=list)

    def connection_class(self) -> type[Connection]:
        script = self

        class ReplayConnection(Connection):
            def perform_request(
                self,
                method: str,
                url: str,
                params: Mapping[str, Any] | None = None,
                body: bytes | None = None,
                timeout: float | None = None,
                ignore: Collection[int] = (),
                headers: Mapping[str, str] | None = None,
            ) -> Any:
                return script.answer(self, method, url, dict(params or {}), body, ignore)

            def close(self) -> None:
                """Nothing to close: no socket was opened."""

        return ReplayConnection

    def answer(
        self,
        connection: Connection,
        method: str,
        url: str,
        params: dict[str, Any],
        body: bytes | None,
        ignore: Collection[int],
    ) -> tuple[int, dict[str, str], str]:
        params = {
            key: value.decode() if isinstance(value, bytes) else value
            for key, value in params.items()
        }
        self.requests.append(Request(method, url, params, _decoded(body)))
        assert self.answers, f"no answer left for {method} {url}"
        answer = self.answers[0]
        assert f"{method} {url}" == answer.expected, (method, url, answer.expected)
        if answer.fails is None:
            self.answers.pop(0)
        if answer.fails is ConnectionTimeout:
            raise ConnectionTimeout("TIMEOUT", "Read timed out. (read timeout=30)", None)
        if answer.fails is not None:
            raise ConnectionError("N/A", "[Errno 111] Connection refused", None)
        raw = "" if answer.body is None else json.dumps(answer.body)
        if not 200 <= answer.status < 300 and answer.status not in ignore:
            connection._raise_error(answer.status, raw, "application/json")
        return answer.status, {"content-type": "application/json"}, raw


def _decoded(body: bytes | None) -> Any:
    if not body:
        return None
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1:  # a bulk request: one JSON value a line
        return [json.loads(line) for line in lines]
    return json.loads(text)


def error(kind: str, reason: str, status: int, **more: Any) -> dict[str, Any]:
    """An error response as the REST API sends one."""
    cause = {"type": kind, "reason": reason, **more}
    return {"error": {"root_cause": [cause], **cause}, "status": status}
