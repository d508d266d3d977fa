"""HTTP for feeds and article pages, with the limits a hostile or broken server can't get past.

http and https only (a `file:`, `data:` or `javascript:` address, or a local path, is refused),
bounded redirects, timeouts and a deadline per response (a server that trickles a byte at a time
still ends), a size cap counted on the decompressed bytes as they arrive (a 200 MB body or a gzip
bomb stops at the cap, never held whole in memory), conditional GET, a few requests at a time
per host, and a User-Agent that names the project. Every failure is a `FetchError` whose message
is one sentence for the user.
"""

from __future__ import annotations

import threading
import time
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

USER_AGENT = "newsreader/0.1 (a terminal news reader; feed fetcher)"
MAX_REDIRECTS = 5
# Without a Retry-After, a 429 or 503 still means "not now".
DEFAULT_RETRY_DELAY = timedelta(minutes=15)


class FetchError(Exception):
    """A fetch that failed; `str(error)` is one sentence for the user."""


class RetryLater(FetchError):
    """The server asked us to wait (429, or 503 with Retry-After) until `until`."""

    def __init__(self, message: str, until: datetime) -> None:
        super().__init__(message)
        self.until = until


@dataclass(frozen=True, slots=True)
class WebResponse:
    """A finished GET: `status` is 200-299, or 304 when a conditional GET found no change."""

    url: str
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


def check_web_address(url: str) -> str:
    """`url` stripped when it is an http or https address with a host; FetchError otherwise."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        raise FetchError(f"{url!r} is not a valid web address.") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{_shown(url)} is not a web address: only http and https are fetched.")
    if not parts.hostname:
        raise FetchError(f"{_shown(url)} has no host name.")
    return url


def _shown(url: str) -> str:
    return repr(url if len(url) <= 80 else url[:77] + "...")


class WebClient:
    """One connection pool for a fetch run, safe to share between threads."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        deadline: float = 90.0,
        per_host: int = 2,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.deadline = deadline
        self._per_host = per_host
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def get(
        self,
        url: str,
        *,
        max_bytes: int,
        accept: str = "*/*",
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> WebResponse:
        url = check_web_address(url)
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).hostname or ""
        with self._slot(host):
            try:
                return self._get(url, headers, max_bytes)
            except httpx.TooManyRedirects:
                raise FetchError(
                    f"more than {MAX_REDIRECTS} redirects from {host} (a redirect loop?)."
                ) from None
            except httpx.UnsupportedProtocol:
                raise FetchError(
                    f"{host} redirected to an address that is not http or https; not followed."
                ) from None
            except httpx.TimeoutException:
                raise FetchError(
                    f"{host} did not answer within {self.timeout:g} seconds."
                ) from None
            except httpx.ConnectError as error:
                raise FetchError(f"could not connect to {host} ({_reason(error)}).") from None
            except httpx.HTTPError as error:
                raise FetchError(f"the connection to {host} failed ({_reason(error)}).") from None

    def _slot(self, host: str) -> threading.BoundedSemaphore:
        with self._slots_lock:
            slot = self._host_slots.get(host)
            if slot is None:
                slot = self._host_slots[host] = threading.BoundedSemaphore(self._per_host)
            return slot

    def _get(self, url: str, headers: dict[str, str], max_bytes: int) -> WebResponse:
        started = time.monotonic()
        with self._client.stream("GET", url, headers=headers) as response:
            host = response.url.host
            status = response.status_code
            if status in (429, 503) and (status == 429 or "retry-after" in response.headers):
                until = _retry_time(response.headers.get("retry-after"))
                raise RetryLater(
                    f"{host} asked to wait ({status}): not fetched again before "
                    f"{until:%Y-%m-%d %H:%M} UTC.",
                    until,
                )
            if status != 304 and not 200 <= status < 300:
                phrase = response.reason_phrase or "error"
                raise FetchError(f"{host} answered {status} {phrase}.")
            body = b""
            if status != 304:
                body = self._read_capped(response, max_bytes, started)
            return WebResponse(
                url=str(response.url),
                status=status,
                body=body,
                content_type=response.headers.get("content-type", ""),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )

    def _read_capped(self, response: httpx.Response, max_bytes: int, started: float) -> bytes:
        host = response.url.host
        too_large = FetchError(f"the answer from {host} is larger than {_size(max_bytes)}.")
        declared = response.headers.get("content-length", "")
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if declared.isdigit() and encoding == "identity" and int(declared) > max_bytes:
            raise too_large
        decoder = _Decoder(encoding, host)
        parts: list[bytes] = []
        size = 0
        for raw in response.iter_raw():  # pieces as they arrive: the deadline is checked often
            if time.monotonic() - started > self.deadline:
                raise FetchError(
                    f"{host} took longer than {self.deadline:g} seconds to send its answer."
                )
            data = decoder.decode(raw, max_bytes - size)
            size += len(data)
            if size > max_bytes:
                raise too_large
            parts.append(data)
        return b"".join(parts)


class _Decoder:
    """Content-Encoding undone a bounded piece at a time: never more than `room` + 1 bytes out
    of one chunk, however much a bomb would expand to."""

    def __init__(self, encoding: str, host: str) -> None:
        self._host = host
        self._raw_deflate_tried = False
        self._decompressor: zlib._Decompress | None
        if encoding in ("identity", ""):
            self._decompressor = None
        elif encoding in ("gzip", "x-gzip"):
            self._decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._decompressor = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise FetchError(f"{host} sent its answer in an unsupported encoding ({encoding}).")
        self._decoded_any = False

    def decode(self, data: bytes, room: int) -> bytes:
        if self._decompressor is None:
            return data
        try:
            out = self._decompressor.decompress(data, room + 1)
        except zlib.error:
            if self._raw_deflate_tried or self._decoded_any:
                raise FetchError(f"the compressed answer from {self._host} is damaged.") from None
            # "deflate" without its zlib header, as some servers send it.
            self._raw_deflate_tried = True
            self._decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
            return self.decode(data, room)
        self._decoded_any = True
        if len(out) > room:
            return out  # over the cap: the caller stops here
        while self._decompressor.unconsumed_tail and len(out) <= room:
            out += self._decompressor.decompress(
                self._decompressor.unconsumed_tail, room + 1 - len(out)
            )
        return out


def _retry_time(value: str | None) -> datetime:
    now = datetime.now(UTC)
    value = (value or "").strip()
    if value.isdigit():
        return now + timedelta(seconds=int(value))
    if value:
        try:
            when = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return now + DEFAULT_RETRY_DELAY
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    return now + DEFAULT_RETRY_DELAY


def _size(count: int) -> str:
    return f"{count / 1_000_000:g} MB" if count >= 1_000_000 else f"{count:,} bytes"


def _reason(error: Exception) -> str:
    text = " ".join(str(error).split()).rstrip(".")
    return text[:120] or type(error).__name__
