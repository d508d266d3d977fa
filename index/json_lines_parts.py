"""Planning the parts of a large JSON Lines file, read once a chunk at a time: a file of any
size is hashed and split in the memory of one chunk, never held whole."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from articles.archive import JsonLinesPart
from articles.cleanup import looks_binary

READ_CHUNK_BYTES = 8 * 1024 * 1024


@dataclass(slots=True)
class JsonLinesLayout:
    """What one pass over a JSON Lines file found."""

    bytes_read: int
    content_hash: str
    blank: bool
    binary: bool
    # The whole file in parts.
    parts: list[JsonLinesPart]
    # Only what follows the indexed prefix, when the file starts with it: whole lines, the same
    # bytes (by hash), and more after them. None when the file is to be read in full.
    appended_parts: list[JsonLinesPart] | None


@dataclass(slots=True)
class _Splitter:
    """Parts from `part_start` on, each ending at the first line end at or after `part_bytes`
    past its start (or at the file's end): a line longer than that is a part of its own."""

    part_start: int
    first_line: int
    part_bytes: int
    parts: list[JsonLinesPart] = field(default_factory=list)
    _line_ends_in_part: int = 0

    def feed(self, chunk: bytes, offset: int) -> None:
        """Take the bytes of the file at `offset`; those before `part_start` are not its."""
        position = max(self.part_start, offset)
        chunk_end = offset + len(chunk)
        while position < chunk_end:
            closes_from = max(position, self.part_start + self.part_bytes - 1)
            found = chunk.find(b"\n", closes_from - offset) if closes_from < chunk_end else -1
            if found < 0:
                self._line_ends_in_part += chunk.count(b"\n", position - offset)
                return
            self._line_ends_in_part += chunk.count(b"\n", position - offset, found + 1)
            self._close(offset + found + 1)
            position = self.part_start

    def finish(self, size: int) -> list[JsonLinesPart]:
        if self.part_start < size:
            self._close(size)
        return self.parts

    def _close(self, end: int) -> None:
        self.parts.append(JsonLinesPart(self.part_start, end, self.first_line))
        self.first_line += self._line_ends_in_part
        self._line_ends_in_part = 0
        self.part_start = end


def plan_json_lines(
    path: Path,
    size: int,
    part_bytes: int,
    indexed_size: int = 0,
    indexed_hash: str | None = None,
    chunk_bytes: int = READ_CHUNK_BYTES,
) -> JsonLinesLayout:
    """The first `size` bytes of the file at `path` (lines appended since the scan are for the
    next run) in parts of about `part_bytes`; with `indexed_hash`, also the parts of what follows
    its first `indexed_size` bytes if those are still what was indexed. Raises OSError."""
    hasher = hashlib.blake2b(digest_size=16)
    whole = _Splitter(0, 1, part_bytes)
    appended: _Splitter | None = None
    may_append = indexed_hash is not None and 0 < indexed_size < size
    line_ends = 0
    blank = True
    binary = False
    offset = 0
    with path.open("rb") as file:
        while offset < size:
            chunk = file.read(min(chunk_bytes, size - offset))
            if not chunk:
                break
            if offset == 0:
                binary = looks_binary(chunk)
            blank = blank and not chunk.strip()
            if may_append and offset < indexed_size <= offset + len(chunk):
                cut = indexed_size - offset
                hasher.update(chunk[:cut])
                if chunk[cut - 1 : cut] == b"\n" and hasher.hexdigest() == indexed_hash:
                    appended = _Splitter(
                        indexed_size, line_ends + chunk.count(b"\n", 0, cut) + 1, part_bytes
                    )
                hasher.update(chunk[cut:])
            else:
                hasher.update(chunk)
            line_ends += chunk.count(b"\n")
            whole.feed(chunk, offset)
            if appended is not None:
                appended.feed(chunk, offset)
            offset += len(chunk)
    return JsonLinesLayout(
        offset,
        hasher.hexdigest(),
        blank,
        binary,
        whole.finish(offset),
        appended.finish(offset) if appended is not None else None,
    )
