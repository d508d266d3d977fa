"""The manifest on its own: what a build writes is what the next one reads back (the build's
tests, in test_build.py, go through a whole index for each of these)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from index.manifest import MANIFEST_NAME, Manifest, ManifestEntry

WIRE = ManifestEntry("wire.txt", 120, 1_700_000_000_000_000_000, "ab12", 3)
SKIPPED = ManifestEntry("empty.txt", 0, 5, "00", 0, "the file is empty")
WARNED = ManifestEntry("no-date.txt", 40, 7, "cd34", 1, None, ("no date", "no title"))


@pytest.fixture
def manifest(tmp_path: Path):
    opened = Manifest(tmp_path)
    yield opened
    opened.close()


def test_entries_settings_and_scan_results_are_read_back_as_saved(
    tmp_path: Path, manifest: Manifest
) -> None:
    manifest.save(
        [WIRE, SKIPPED, WARNED],
        [],
        {"schema_version": "9", "extractor": "default"},
        [("link.txt", "a link")],
    )
    manifest.close()
    again = Manifest(tmp_path)
    try:
        assert again.entries() == {entry.path: entry for entry in (WIRE, SKIPPED, WARNED)}
        assert again.setting("schema_version") == "9"
        assert again.setting("extractor") == "default"
        assert again.scan_skipped() == {"link.txt": "a link"}
    finally:
        again.close()


def test_a_setting_never_saved_reads_as_none(manifest: Manifest) -> None:
    assert manifest.setting("extractor") is None
    manifest.save([], [], {"schema_version": "9"})
    assert manifest.setting("extractor") is None


def test_a_later_save_replaces_entries_and_settings_and_forgets_removed_paths(
    manifest: Manifest,
) -> None:
    manifest.save([WIRE, SKIPPED], [], {"extractor": "default"}, [("link.txt", "a link")])
    grown = ManifestEntry("wire.txt", 240, 9, "ef56", 6)
    manifest.save([grown], ["empty.txt"], {"extractor": "other"}, [("pipe", "a pipe")])
    assert manifest.entries() == {"wire.txt": grown}
    assert manifest.setting("extractor") == "other"
    assert manifest.scan_skipped() == {"pipe": "a pipe"}


def test_clear_forgets_everything(manifest: Manifest) -> None:
    manifest.save([WIRE], [], {"extractor": "default"}, [("link.txt", "a link")])
    manifest.clear()
    assert manifest.entries() == {}
    assert manifest.setting("extractor") is None
    assert manifest.scan_skipped() == {}


def _old_manifest(index_dir: Path) -> None:
    """A manifest from before warnings and scan results were kept."""
    old = sqlite3.connect(index_dir / MANIFEST_NAME)
    with old:
        old.execute(
            "CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, "
            "content_hash TEXT, article_count INTEGER, skip_reason TEXT)"
        )
        old.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
        old.execute("INSERT INTO files VALUES ('wire.txt', 120, 5, 'ab12', 3, NULL)")
        old.execute("INSERT INTO settings VALUES ('extractor', 'default')")
    old.close()


def test_an_older_manifest_keeps_its_entries_and_takes_warnings(tmp_path: Path) -> None:
    _old_manifest(tmp_path)
    manifest = Manifest(tmp_path)
    try:
        assert manifest.entries() == {"wire.txt": ManifestEntry("wire.txt", 120, 5, "ab12", 3)}
        assert manifest.setting("extractor") == "default"
        manifest.save([WARNED], [], {}, [("link.txt", "a link")])
        assert manifest.entries()["no-date.txt"].warnings == ("no date", "no title")
        assert manifest.scan_skipped() == {"link.txt": "a link"}
    finally:
        manifest.close()


def test_files_marked_as_appended_stay_marked_through_a_crash_until_the_next_save(
    tmp_path: Path, manifest: Manifest
) -> None:
    assert manifest.appending() == frozenset()
    manifest.mark_appending(["wire/b.jsonl", "wire/a.jsonl"])
    manifest.close()  # a crash between the commit and the manifest's save
    again = Manifest(tmp_path)
    try:
        assert again.appending() == {"wire/a.jsonl", "wire/b.jsonl"}
        again.mark_appending(["wire/c.jsonl"])  # the next mark replaces the last
        assert again.appending() == {"wire/c.jsonl"}
        again.save([WIRE], [], {"schema_version": "9"})
        assert again.appending() == frozenset()
    finally:
        again.close()


def _read_only(manifest_path: Path) -> None:
    """Make SQLite open the file read-only, even for root: a write format version it does not
    know (the header's byte 18) lets it read the file and refuse every write."""
    header = bytearray(manifest_path.read_bytes())
    header[18] = 3
    manifest_path.write_bytes(header)


def test_an_older_manifest_that_cant_be_written_still_gives_its_settings(tmp_path: Path) -> None:
    """A read-only index of that kind can still be searched, as its settings say how."""
    _old_manifest(tmp_path)
    _read_only(tmp_path / MANIFEST_NAME)
    manifest = Manifest(tmp_path)
    try:
        assert manifest.setting("extractor") == "default"
        assert manifest.entries() == {"wire.txt": ManifestEntry("wire.txt", 120, 5, "ab12", 3)}
    finally:
        manifest.close()


def test_a_manifest_that_cant_be_made_says_so(tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / MANIFEST_NAME)
    with other:
        other.execute("CREATE TABLE notes (text TEXT)")  # a database, but no manifest in it
    other.close()
    _read_only(tmp_path / MANIFEST_NAME)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        Manifest(tmp_path)
