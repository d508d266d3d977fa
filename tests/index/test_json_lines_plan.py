"""A JSON Lines file of any size is planned a chunk at a time: its parts, line numbers, hash and
appended lines come out the same whatever the chunk, as read whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.archive import JsonLinesPart, content_hash
from index.json_lines_parts import plan_json_lines

LINES = st.lists(st.text(alphabet="ab\n é", max_size=12), min_size=1, max_size=12)


def expected_parts(data: bytes, start: int, part_bytes: int) -> list[JsonLinesPart]:
    """Parts as the description says, counted from the whole bytes: each ends at the first line
    end at or after `part_bytes` past its start, or at the end; lines numbered from 1."""
    parts = []
    while start < len(data):
        close_from = start + part_bytes - 1
        newline = data.find(b"\n", close_from) if close_from < len(data) else -1
        end = len(data) if newline < 0 else newline + 1
        parts.append(JsonLinesPart(start, end, data.count(b"\n", 0, start) + 1))
        start = end
    return parts


@settings(max_examples=200, deadline=None)
@given(
    lines=LINES,
    part_bytes=st.integers(1, 40),
    chunk_bytes=st.integers(1, 50),
    indexed_lines=st.integers(0, 12),
)
def test_parts_and_appended_lines_do_not_depend_on_the_chunk(
    tmp_path_factory: pytest.TempPathFactory,
    lines: list[str],
    part_bytes: int,
    chunk_bytes: int,
    indexed_lines: int,
) -> None:
    data = "\n".join(lines).encode()
    path = tmp_path_factory.mktemp("plan") / "wire.jsonl"
    path.write_bytes(data)
    indexed = b"".join(line + b"\n" for line in data.split(b"\n")[:indexed_lines])

    layout = plan_json_lines(
        path, len(data), part_bytes, len(indexed), content_hash(indexed), chunk_bytes
    )

    assert layout.bytes_read == len(data)
    assert layout.content_hash == content_hash(data)
    assert layout.parts == expected_parts(data, 0, part_bytes)
    if 0 < len(indexed) < len(data) and data.startswith(indexed):
        assert layout.appended_parts == expected_parts(data, len(indexed), part_bytes)
    else:
        assert layout.appended_parts is None


def test_a_changed_prefix_or_a_prefix_without_its_line_end_is_read_in_full(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b'{"title": "One"}\n{"title": "Two"}\n')
    changed = plan_json_lines(path, 34, 8, 17, content_hash(b'{"title": "Uno"}\n'), 5)
    unfinished = plan_json_lines(path, 34, 8, 16, content_hash(b'{"title": "One"}'), 5)
    kept = plan_json_lines(path, 34, 8, 17, content_hash(b'{"title": "One"}\n'), 5)

    assert changed.appended_parts is None
    assert unfinished.appended_parts is None
    assert kept.appended_parts == [JsonLinesPart(17, 34, 2)]


def test_only_the_size_scanned_is_planned_and_binary_or_blank_files_are_told(
    tmp_path: Path,
) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b'{"title": "One"}\n{"title": "Two, appended after the scan"}\n')
    binary = tmp_path / "disk.jsonl"
    binary.write_bytes(bytes(range(8)) * 100)
    blank = tmp_path / "blank.jsonl"
    blank.write_bytes(b" \n\n\t\n" * 10)

    scanned = plan_json_lines(path, 17, 4, chunk_bytes=3)

    assert scanned.parts == [JsonLinesPart(0, 17, 1)]
    assert scanned.content_hash == content_hash(b'{"title": "One"}\n')
    assert plan_json_lines(binary, 800, 100).binary
    assert plan_json_lines(blank, 50, 100).blank
    assert not scanned.binary and not scanned.blank
