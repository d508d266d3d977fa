"""Large JSON Lines files are read in parts, in parallel; appended lines alone are read again."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from index_reports import report_summary

from index.api import IndexProgress, IndexReport, StoredArticle, update_index
from index.manifest import Manifest
from index.whoosh.search import ArchiveIndex

WIRE = "wire.jsonl"
# Parts of this size end in the middle of the stories' lines: each line is longer.
SMALL_PARTS = 150
ONE_PART = 10**9

PLACES = ("Dar es Salaam", "Rotterdam", "Reykjavik", "Belgrade", "Baku")
PEOPLE = ("Amani Lyimo", "Leyla Qasimova", "Marko Gasic")


def story(number: int) -> str:
    place, person = PLACES[number % len(PLACES)], PEOPLE[number % len(PEOPLE)]
    return json.dumps(
        {
            "title": f"Port report {number} from {place}",
            "body": f"{person} said {number} ships reached {place} on Monday.\n"
            f"The harbour of {place} was busy, {person} added.",
            "date": f"2024-05-{number % 28 + 1:02d}",
            "author": "Wire Desk",
        }
    )


def wire_lines(count: int, first: int = 0) -> list[str]:
    """Stories with a broken line, a blank one, a bad date, accents and a very long story."""
    lines = [story(number) for number in range(first, first + count)]
    lines[1] = "{not json"
    lines[2] = ""
    lines[3] = json.dumps(
        {"title": "Élan à Reykjavík", "body": "Café société.", "date": "2024-13-40"}
    )
    lines[4] = json.dumps({"title": "A long one", "body": "Rotterdam harbour. " * 2000})
    return lines


def write_wire(
    archive: Path, lines: list[str], line_end: str = "\n", last_end: bool = True
) -> Path:
    archive.mkdir(exist_ok=True)
    path = archive / WIRE
    path.write_bytes((line_end.join(lines) + (line_end if last_end else "")).encode())
    return path


def index_contents(
    index_dir: Path,
) -> tuple[dict[str, StoredArticle], dict[str, tuple[tuple[str, int], ...]]]:
    """Every story as stored, and the entity facets of the whole index."""
    archive_index = ArchiveIndex.open(index_dir)
    try:
        ids = [hit.id for hit in archive_index.search("", page_size=5000).hits]
        stories = {story_id: archive_index.article(story_id) for story_id in ids}
        facets = {
            kind: tuple((facet.name, facet.count) for facet in counts)
            for kind, counts in archive_index.facets("", top=100).items()
        }
        return stories, facets
    finally:
        archive_index.close()


def build(
    archive: Path, index_dir: Path, part_bytes: int
) -> tuple[IndexReport, list[tuple[int, int]]]:
    """Update the index; the report and how many files or parts were read, and parts of them."""
    totals: list[tuple[int, int]] = []

    def progress(update: IndexProgress) -> None:
        totals.append((update.total, update.parts))

    report = update_index(archive, index_dir, progress=progress, json_lines_part_bytes=part_bytes)
    return report, totals[:1]


@pytest.mark.parametrize(
    ("line_end", "last_end"), [("\n", True), ("\r\n", True), ("\n", False), ("\r\n", False)]
)
def test_a_file_read_in_parts_gives_the_same_index_as_read_whole(
    tmp_path: Path, line_end: str, last_end: bool
) -> None:
    write_wire(tmp_path / "archive", wire_lines(30), line_end, last_end)

    whole, whole_jobs = build(tmp_path / "archive", tmp_path / "whole", ONE_PART)
    in_parts, part_jobs = build(tmp_path / "archive", tmp_path / "parts", SMALL_PARTS)

    # A part per story line; the short lines 2 to 4 share one with the long fifth.
    assert whole_jobs == [(1, 0)] and part_jobs == [(27, 27)]
    assert report_summary(in_parts) == report_summary(whole)
    assert whole.indexed == 28
    assert [problem.message for problem in whole.warnings] == [
        "line 4: invalid date '2024-13-40'; no date used",
        "line(s) 2: not a JSON object with a title or body; skipped",
    ]
    assert index_contents(tmp_path / "parts") == index_contents(tmp_path / "whole")
    stories, _ = index_contents(tmp_path / "parts")
    assert stories[f"{WIRE}#30"].article.title == "Port report 29 from Baku"
    assert stories[f"{WIRE}#5"].article.body.count("Rotterdam harbour.") == 2000


def test_a_file_of_broken_lines_read_in_parts_is_skipped_with_every_line_number(
    tmp_path: Path,
) -> None:
    write_wire(tmp_path / "archive", [f"{{broken {number}" for number in range(12)])

    whole, _ = build(tmp_path / "archive", tmp_path / "whole", ONE_PART)
    in_parts, jobs = build(tmp_path / "archive", tmp_path / "parts", 5)

    assert jobs == [(12, 12)]
    assert report_summary(in_parts) == report_summary(whole)
    assert [problem.message for problem in in_parts.skipped] == [
        "line(s) 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more: not a JSON object with a title or body;"
        " skipped"
    ]


def test_appended_lines_alone_are_read_and_give_the_index_of_the_whole_file(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "archive"
    lines = wire_lines(10)
    wire = write_wire(archive, lines)
    build(archive, tmp_path / "index", SMALL_PARTS)
    lines += [story(100), "[1, 2]", story(101)]
    write_wire(archive, lines)

    report, jobs = build(archive, tmp_path / "index", SMALL_PARTS)

    assert jobs == [(2, 2)]  # the three new lines in two parts; the ten before would take seven
    assert (report.indexed, report.updated, report.unchanged) == (2, 0, 8)
    assert [problem.message for problem in report.warnings] == [
        "line 4: invalid date '2024-13-40'; no date used",
        "line(s) 2: not a JSON object with a title or body; skipped",
        "line(s) 12: not a JSON object with a title or body; skipped",
    ]
    build(archive, tmp_path / "rebuilt", SMALL_PARTS)
    assert index_contents(tmp_path / "index") == index_contents(tmp_path / "rebuilt")
    assert update_index(archive, tmp_path / "index").unchanged == 10

    os.utime(wire, ns=(0, 0))  # touched, not changed: nothing read
    report, jobs = build(archive, tmp_path / "index", SMALL_PARTS)
    assert jobs == [(0, 0)] and (report.indexed, report.updated, report.unchanged) == (0, 0, 10)
    assert len(report.warnings) == 3 and report.reported_before == {WIRE}


@pytest.mark.parametrize("change", ["rewritten", "truncated", "last line without an end"])
def test_a_file_not_only_appended_to_is_read_again_in_full(tmp_path: Path, change: str) -> None:
    archive = tmp_path / "archive"
    lines = [story(number) for number in range(6)]
    write_wire(archive, lines, last_end=change != "last line without an end")
    build(archive, tmp_path / "index", SMALL_PARTS)
    if change == "rewritten":
        lines[0] = story(50)
        lines.append(story(51))
    elif change == "truncated":
        lines = lines[:4]
    else:
        lines.append(story(51))
    write_wire(archive, lines)

    report, jobs = build(archive, tmp_path / "index", SMALL_PARTS)

    assert jobs == [(len(lines), len(lines))]
    assert (report.indexed, report.updated, report.unchanged) == (0, len(lines), 0)
    build(archive, tmp_path / "rebuilt", SMALL_PARTS)
    assert index_contents(tmp_path / "index") == index_contents(tmp_path / "rebuilt")


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two CPUs")
def test_the_parts_of_a_large_file_are_indexed_by_worker_processes(tmp_path: Path) -> None:
    filler = " The tide tables were printed again." * 25
    lines = [
        json.dumps({**json.loads(story(number)), "source": f"desk {number}{filler}"})
        for number in range(1100)
    ]
    lines[700] = "{broken"
    write_wire(tmp_path / "archive", lines)
    assert os.path.getsize(tmp_path / "archive" / WIRE) > 1024 * 1024  # two parts

    in_parts, _ = build(tmp_path / "archive", tmp_path / "parts", 1024 * 1024)
    whole, _ = build(tmp_path / "archive", tmp_path / "whole", ONE_PART)

    assert report_summary(in_parts) == report_summary(whole)
    assert [problem.message for problem in in_parts.warnings] == [
        "line(s) 701: not a JSON object with a title or body; skipped"
    ]
    assert index_contents(tmp_path / "parts") == index_contents(tmp_path / "whole")


def test_appended_lines_committed_but_not_in_the_manifest_are_not_indexed_twice(
    tmp_path: Path,
) -> None:
    archive, index_dir = tmp_path / "archive", tmp_path / "index"
    lines = [story(number) for number in range(4)]
    write_wire(archive, lines)
    build(archive, index_dir, SMALL_PARTS)
    before_append = (index_dir / "manifest.sqlite").read_bytes()
    write_wire(archive, [*lines, story(4), story(5)])
    build(archive, index_dir, SMALL_PARTS)
    # A crash after the commit, before the manifest was saved: it is as it was, with the mark
    # the run left before committing.
    (index_dir / "manifest.sqlite").write_bytes(before_append)
    manifest = Manifest(index_dir)
    manifest.mark_appending([WIRE])
    manifest.close()

    report, jobs = build(archive, index_dir, SMALL_PARTS)

    assert jobs == [(6, 6)] and (report.updated, report.unchanged) == (6, 0)
    archive_index = ArchiveIndex.open(index_dir)
    try:
        assert archive_index.count("") == 6
    finally:
        archive_index.close()
    assert build(archive, index_dir, SMALL_PARTS)[1] == []  # nothing left to do
