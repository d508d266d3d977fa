"""Writing fetched stories into the archive, never twice and never over a file already there.

Each fetch run of a feed with new stories writes one new JSON Lines file,
`feeds/<feed>/<YYYY-MM-DDTHHMMSS.ffffffZ>.jsonl`, created beside it under a hidden name and
linked into place only when complete (a crash leaves no half file for the indexer, and an
existing file is never replaced). The records are what `articles/archive.py` reads, plus what
the feed fetcher itself needs back: `feed_url`, `guid`, `text_hash`, `text_from` and `fetched`.

What was written before is read back from these files (the archive is the source of truth), so
deduplication needs no store of its own: a story is new when none of its guid (per feed), its
canonical URLs, or its text's hash is already there.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from articles.feeds.model import FeedState

FEEDS_FOLDER = "feeds"
# Query parameters that only say where a click came from: the same story with or without them.
_TRACKING_PARAMETERS = re.compile(r"^(utm_\w+|wt_mc|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|rss)$")


def canonical_url(url: str) -> str:
    """`url` in one spelling per story: lower-case scheme and host, no default port, no
    fragment, no tracking parameters, no trailing slash on the path."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if port and (scheme, port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMETERS.match(key.lower())
        ]
    )
    return urlunsplit((scheme, host, parts.path.rstrip("/") or "/", query, ""))


def duplicate_key(text: str) -> str | None:
    """A hash of a story's text that ignores case and spacing, to tell a story fetched twice;
    None for no text. (Not `index.api.text_hash`, which tells one exact text from another.)"""
    words = unicodedata.normalize("NFC", text).casefold().split()
    if not words:
        return None
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:32]


def feed_folder(name: str, url: str) -> str:
    """The folder of a feed's files under `feeds/`: its name made safe for any file system."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]
    return slug or "feed-" + hashlib.sha256(url.encode()).hexdigest()[:12]


@dataclass(slots=True)
class SeenStories:
    """The keys of every story in the archive's feed files, shared by the feeds of one run."""

    guids: dict[str, set[str]] = field(default_factory=dict)  # by feed URL
    urls: set[str] = field(default_factory=set)
    hashes: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def add_state(self, feed_url: str, state: FeedState) -> None:
        """Count the stories a feed's state remembers as written too."""
        with self._lock:
            self.guids.setdefault(feed_url, set()).update(state.seen_guids)
            self.urls.update(canonical_url(url) for url in state.seen_urls)
            self.hashes.update(state.seen_hashes)

    def has_guid(self, feed_url: str, guid: str | None) -> bool:
        with self._lock:
            return guid is not None and guid in self.guids.get(feed_url, ())

    def has_url(self, url: str | None) -> bool:
        with self._lock:
            return url is not None and canonical_url(url) in self.urls

    def claim(
        self, feed_url: str, guid: str | None, urls: Iterable[str | None], digest: str | None
    ) -> bool:
        """Record a story's keys and say True, or say False (recording nothing) when any of them
        is known already: atomically, so two feeds carrying one story write it once."""
        canonical = {canonical_url(url) for url in urls if url}
        with self._lock:
            feed_guids = self.guids.setdefault(feed_url, set())
            if (
                (guid is not None and guid in feed_guids)
                or canonical & self.urls
                or (digest is not None and digest in self.hashes)
            ):
                return False
            if guid is not None:
                feed_guids.add(guid)
            self.urls |= canonical
            if digest is not None:
                self.hashes.add(digest)
            return True


def read_seen(archive_dir: Path) -> SeenStories:
    """The keys of the stories already in `archive_dir/feeds/`; unreadable lines are passed."""
    seen = SeenStories()
    for path in sorted((archive_dir / FEEDS_FOLDER).glob("*/*.jsonl")):
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                _add_record(seen, record)
    return seen


def _add_record(seen: SeenStories, record: dict[str, object]) -> None:
    guid, feed_url = record.get("guid"), record.get("feed_url")
    if isinstance(guid, str) and isinstance(feed_url, str):
        seen.guids.setdefault(feed_url, set()).add(guid)
    for key in ("url", "link"):
        if isinstance(url := record.get(key), str) and url:
            seen.urls.add(canonical_url(url))
    digest = record.get("text_hash")
    if not isinstance(digest, str):
        body = record.get("body")
        digest = duplicate_key(body) if isinstance(body, str) else None
    if digest:
        seen.hashes.add(digest)


def write_new_file(
    archive_dir: Path, folder: str, fetched_at: datetime, records: list[dict[str, object]]
) -> str:
    """Write `records` as a new file of `feeds/<folder>/`; returns its path relative to the
    archive. Never replaces a file: a name taken gets a counter."""
    directory = archive_dir / FEEDS_FOLDER / folder
    directory.mkdir(parents=True, exist_ok=True)
    # Microseconds in the name: files sort in the order of the runs that wrote them.
    stem = fetched_at.strftime("%Y-%m-%dT%H%M%S.%fZ")
    text = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    partial = directory / f".{stem}.{os.getpid()}.{threading.get_ident()}.partial"
    partial.write_text(text, encoding="utf-8")
    try:
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        counter = 1
        while True:
            target = directory / (stem + (f"-{counter}" if counter > 1 else "") + ".jsonl")
            try:
                os.link(partial, target)  # fails when the name is taken: nothing is replaced
                break
            except FileExistsError:
                counter += 1
    finally:
        partial.unlink(missing_ok=True)
    return target.relative_to(archive_dir).as_posix()
