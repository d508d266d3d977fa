"""Building the index: the manifest, incremental updates, rebuilds, progress, bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import club_stories
import pytest
from company_stories import NO_CLUE, SHOWN_BY_LEGAL_FORM, SHOWN_BY_SHARES

from articles.entities.corrections import Correction
from index.api import (
    IndexProgress,
    IndexReport,
    index_is_current,
    load_engine,
    pending_changes,
    update_index,
)
from index.build import index_extractor
from index.manifest import Manifest
from index.whoosh.search import ArchiveIndex

ARTICLES = 9  # the stories of the conftest's test archive
WIRE = "wire/2024-wire.jsonl"


def counts(report: IndexReport) -> tuple[int, int, int, int]:
    return report.indexed, report.updated, report.unchanged, report.removed


def ids_in(index_dir: Path, query: str = "") -> set[str]:
    archive_index = ArchiveIndex.open(index_dir)
    try:
        return {hit.id for hit in archive_index.search(query, page_size=1000).hits}
    finally:
        archive_index.close()


@pytest.fixture
def index_dir(archive: Path, tmp_path: Path) -> Path:
    """The test archive, indexed once."""
    index_dir = tmp_path / "index"
    report = update_index(archive, index_dir)
    assert counts(report) == (ARTICLES, 0, 0, 0)
    assert report.skipped == [] and report.warnings == []
    return index_dir


def test_a_first_run_indexes_every_article(archive: Path, index_dir: Path) -> None:
    assert len(ids_in(index_dir)) == ARTICLES
    entries = Manifest(index_dir)
    try:
        manifest = entries.entries()
    finally:
        entries.close()
    assert set(manifest) == {
        source.relative_to(archive).as_posix() for source in archive.rglob("*") if source.is_file()
    }
    wire = manifest[WIRE]
    assert wire.article_count == 2
    assert wire.size == (archive / WIRE).stat().st_size
    assert wire.content_hash


def test_a_rerun_with_nothing_changed_finds_everything_unchanged(
    archive: Path, index_dir: Path
) -> None:
    assert pending_changes(archive, index_dir) == 0
    report = update_index(archive, index_dir)
    assert counts(report) == (0, 0, ARTICLES, 0)
    assert len(ids_in(index_dir)) == ARTICLES


def test_a_changed_file_is_updated(archive: Path, index_dir: Path) -> None:
    story = archive / "economy/2023-05-09-wheat.txt"
    story.write_text(story.read_text().replace("Wheat prices climb", "Barley prices climb"))
    assert pending_changes(archive, index_dir) == 1
    report = update_index(archive, index_dir)
    assert counts(report) == (0, 1, ARTICLES - 1, 0)
    assert ids_in(index_dir, "title:barley") == {"economy/2023-05-09-wheat.txt"}
    assert ids_in(index_dir, "title:wheat") == set()
    assert len(ids_in(index_dir)) == ARTICLES


def test_a_touched_but_unchanged_file_stays_unchanged(archive: Path, index_dir: Path) -> None:
    story = archive / "science/2024-01-15-glacier.txt"
    later = story.stat().st_mtime_ns + 5_000_000_000
    os.utime(story, ns=(later, later))
    assert pending_changes(archive, index_dir) == 1  # by mtime; the content decides
    report = update_index(archive, index_dir)
    assert counts(report) == (0, 0, ARTICLES, 0)
    # The new mtime is remembered: the next run does not read the file again.
    assert pending_changes(archive, index_dir) == 0


def test_a_deleted_file_is_removed(archive: Path, index_dir: Path) -> None:
    (archive / "culture/2024-09-30-festival.txt").unlink()
    report = update_index(archive, index_dir)
    assert counts(report) == (0, 0, ARTICLES - 1, 1)
    assert "culture/2024-09-30-festival.txt" not in ids_in(index_dir)
    assert ids_in(index_dir, "Krakow") == set()


def test_a_new_file_is_indexed(archive: Path, index_dir: Path) -> None:
    (archive / "nature").mkdir()
    (archive / "nature/otters.txt").write_text(" date 2022-04-01 Otters\nOtters return.\n")
    report = update_index(archive, index_dir)
    assert counts(report) == (1, 0, ARTICLES, 0)
    assert ids_in(index_dir, "otters") == {"nature/otters.txt"}


def test_a_changed_json_lines_file_drops_its_old_records(archive: Path, index_dir: Path) -> None:
    (archive / WIRE).write_text(
        json.dumps({"title": "Penguins", "date": "2024-08-01", "body": "Penguins nest."}) + "\n"
    )
    report = update_index(archive, index_dir)
    assert counts(report) == (0, 1, ARTICLES - 2, 0)
    assert ids_in(index_dir, "penguins") == {f"{WIRE}#1"}
    assert f"{WIRE}#2" not in ids_in(index_dir)
    assert ids_in(index_dir, "cranes electric") == set()
    assert len(ids_in(index_dir)) == ARTICLES - 1


def test_rebuild_starts_over(archive: Path, index_dir: Path) -> None:
    report = update_index(archive, index_dir, rebuild=True)
    assert counts(report) == (ARTICLES, 0, 0, 0)
    assert len(ids_in(index_dir)) == ARTICLES


def test_a_file_that_becomes_empty_is_skipped_and_its_article_goes(
    archive: Path, index_dir: Path
) -> None:
    (archive / "economy/2023-05-09-wheat.txt").write_text("")
    report = update_index(archive, index_dir)
    assert [problem.path for problem in report.skipped] == ["economy/2023-05-09-wheat.txt"]
    assert "economy/2023-05-09-wheat.txt" not in ids_in(index_dir)
    # Still reported on the next run, without being read again.
    again = update_index(archive, index_dir)
    assert [problem.path for problem in again.skipped] == ["economy/2023-05-09-wheat.txt"]
    assert counts(again) == (0, 0, ARTICLES - 1, 0)


def test_bad_files_are_skipped_with_reasons_and_the_rest_indexed(
    archive: Path, tmp_path: Path
) -> None:
    (archive / "empty.txt").write_bytes(b"")
    (archive / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (archive / "folder.txt").mkdir()
    (archive / "dangling.txt").symlink_to(archive / "nowhere.txt")
    (archive / "loop").symlink_to(archive, target_is_directory=True)
    (archive / "no-header.txt").write_text("A title line\nA body line.\n")
    (archive / "bad-date.txt").write_text(" date 2024-02-30 Bad date\nBody.\n")
    (archive / "broken.jsonl").write_text('{"title": "Fine", "body": "ok"}\n{nope\n')
    report = update_index(archive, tmp_path / "index")
    skipped = {problem.path: problem.message for problem in report.skipped}
    assert set(skipped) == {"empty.txt", "binary.txt", "folder.txt", "dangling.txt", "loop"}
    assert all(skipped.values())
    warned = {problem.path for problem in report.warnings}
    assert warned == {"no-header.txt", "bad-date.txt", "broken.jsonl"}
    assert report.indexed == ARTICLES + 3
    ids = ids_in(tmp_path / "index")
    assert {"no-header.txt", "bad-date.txt", "broken.jsonl#1"} <= ids
    assert not any(article_id.startswith("loop/") for article_id in ids)


def test_progress_is_reported_up_to_the_total(archive: Path, tmp_path: Path) -> None:
    seen: list[IndexProgress] = []
    update_index(archive, tmp_path / "index", progress=seen.append)
    files = len([path for path in archive.rglob("*") if path.is_file()])
    assert seen[0].done == 0
    assert seen[-1].done == seen[-1].total == files
    assert [state.done for state in seen] == sorted(state.done for state in seen)


def test_the_report_says_where_the_build_time_went(archive: Path, tmp_path: Path) -> None:
    report = update_index(archive, tmp_path / "index")
    stages = report.stage_seconds
    assert set(stages) == {
        "read + parse",
        "entity extraction",
        "Whoosh write",
        "fast-path arrays",
        "commit",
    }
    assert all(seconds >= 0 for seconds in stages.values())
    assert stages["entity extraction"] > 0 and stages["commit"] > 0
    assert update_index(archive, tmp_path / "index").stage_seconds == {}  # nothing to do


def test_the_report_has_the_json_shape_of_the_command_line(archive: Path, tmp_path: Path) -> None:
    (archive / "empty.txt").write_bytes(b"")
    report = update_index(archive, tmp_path / "index").as_json()
    assert list(report) == [
        "indexed",
        "updated",
        "unchanged",
        "removed",
        "skipped",
        "warnings",
        "seconds",
    ]
    assert report["skipped"] == [
        {"path": "empty.txt", "reason": "empty file", "unchanged_since_last_run": False}
    ]
    assert isinstance(report["seconds"], float)


def test_a_damaged_index_is_a_plain_error_until_rebuilt(archive: Path, index_dir: Path) -> None:
    from index.api import IndexUnavailable

    for toc in index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(b"not a table of contents")
    with pytest.raises(IndexUnavailable) as raised:
        ArchiveIndex.open(index_dir)
    assert "--rebuild" in str(raised.value)
    update_index(archive, index_dir, rebuild=True)
    assert len(ids_in(index_dir)) == ARTICLES


def test_rebuild_deletes_only_the_index_files(archive: Path) -> None:
    """`--index-dir` may point at a folder of the user's: a rebuild must not empty it."""
    index_dir = archive / "index-here"
    index_dir.mkdir()
    (index_dir / "notes.txt").write_text("mine")
    update_index(archive, index_dir)
    report = update_index(archive, index_dir, rebuild=True)
    assert (index_dir / "notes.txt").read_text() == "mine"
    assert report.indexed == ARTICLES + 1  # the notes are a story of the archive too
    # Even an index inside the archive itself: the stories survive a rebuild.
    update_index(archive, archive, rebuild=True)
    assert (archive / "economy/2023-05-09-wheat.txt").is_file()
    assert len(ids_in(archive)) == ARTICLES + 1


def test_a_failure_on_one_file_skips_it_and_the_run_goes_on(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from articles.entities.default import DefaultExtractor

    real_extract = DefaultExtractor.extract

    def fragile_extract(self: DefaultExtractor, title: str, body: str) -> object:
        if "glacier" in title:
            raise RuntimeError("the extractor tripped")
        return real_extract(self, title, body)

    monkeypatch.setattr(DefaultExtractor, "extract", fragile_extract)
    report = update_index(archive, tmp_path / "index")
    (problem,) = report.skipped
    assert problem.path == "science/2024-01-15-glacier.txt"
    assert "tripped" in problem.message
    assert report.indexed == ARTICLES - 1


def test_a_manifest_without_its_index_is_forgotten(archive: Path, index_dir: Path) -> None:
    """The index is a cache: if its files are gone, the next run rebuilds it in full."""
    for path in index_dir.iterdir():
        if "MAIN" in path.name:
            path.unlink()
    report = update_index(archive, index_dir)
    assert counts(report) == (ARTICLES, 0, 0, 0)
    assert len(ids_in(index_dir)) == ARTICLES


def test_an_index_of_an_older_schema_is_rebuilt(archive: Path, index_dir: Path) -> None:
    manifest = Manifest(index_dir)
    try:
        manifest.save([], [], {"schema_version": "0"})
    finally:
        manifest.close()
    assert counts(update_index(archive, index_dir)) == (ARTICLES, 0, 0, 0)
    assert len(ids_in(index_dir)) == ARTICLES


def test_an_index_whose_manifest_is_not_a_database_is_rebuilt(
    archive: Path, index_dir: Path
) -> None:
    (index_dir / "manifest.sqlite").write_bytes(b"not a database, " * 64)
    assert counts(update_index(archive, index_dir)) == (ARTICLES, 0, 0, 0)
    assert len(ids_in(index_dir)) == ARTICLES


def test_a_different_extractor_rebuilds_the_index(archive: Path, index_dir: Path) -> None:
    manifest = Manifest(index_dir)
    try:
        manifest.save([], [], {"extractor": "some-other"})
    finally:
        manifest.close()
    assert pending_changes(archive, index_dir, "default") >= 1
    assert counts(update_index(archive, index_dir, extractor="default")) == (ARTICLES, 0, 0, 0)


def test_without_a_chosen_extractor_the_index_keeps_its_own(archive: Path, index_dir: Path) -> None:
    assert index_extractor(index_dir, load_engine()) == "default"
    assert pending_changes(archive, index_dir) == 0
    assert counts(update_index(archive, index_dir)) == (0, 0, ARTICLES, 0)
    assert index_extractor(index_dir, load_engine()) == "default"


def test_ids_with_spaces_and_accents_can_be_fetched_and_removed(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    (archive / "Zürich news").mkdir(parents=True)
    story = archive / "Zürich news" / "Gašić in Baku.txt"
    story.write_text(" date 2024-03-14 Gašić in Baku\nA visit.\n")
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    archive_index = ArchiveIndex.open(index_dir)
    try:
        stored = archive_index.article("Zürich news/Gašić in Baku.txt")
        assert stored.article.title == "Gašić in Baku"
    finally:
        archive_index.close()
    story.unlink()
    assert counts(update_index(archive, index_dir)) == (0, 0, 0, 1)
    assert ids_in(index_dir) == set()


def test_an_index_that_cannot_be_written_is_a_plain_error(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from index.api import IndexUnavailable

    def read_only(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Manifest, "save", read_only)
    with pytest.raises(IndexUnavailable) as raised:
        update_index(archive, tmp_path / "index")
    assert "readonly" in str(raised.value)
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    with pytest.raises(IndexUnavailable):
        update_index(archive, blocked / "index")


def test_one_summary_of_skipped_and_warned_files_from_the_first_run_to_the_next(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "good.txt").write_text(" date 2024-01-01 Good\nA story.\n")
    (archive / "empty.txt").write_text("")  # skipped when read
    (archive / "gone.txt").symlink_to(archive / "nowhere.txt")  # skipped when listed
    (archive / "no-date.txt").write_text("A title only\nAnd a body.\n")  # indexed, a warning
    index_dir = tmp_path / "index"
    seen: list[IndexProgress] = []
    first = update_index(archive, index_dir, progress=seen.append)
    assert seen[-1].skipped == len(first.skipped) == 2
    assert first.skipped_summary == "2 files skipped"
    assert first.warnings_summary == "1 file indexed with warnings"
    assert [problem.path for problem in first.warnings] == ["no-date.txt"]
    assert first.has_new_problems

    # Nothing changed: the same files, said to be unchanged, not hidden and not new.
    second = update_index(archive, index_dir)
    assert second.skipped == first.skipped and second.warnings == first.warnings
    assert second.skipped_summary == "2 files skipped (2 unchanged since the last run)"
    assert (
        second.warnings_summary == "1 file indexed with warnings (1 unchanged since the last run)"
    )
    assert not second.has_new_problems
    assert all(problem["unchanged_since_last_run"] for problem in second.as_json()["skipped"])

    # A new bad file, a new good one, and one touched but not changed.
    (archive / "more.txt").write_text(" date 2024-01-02 More\nAnother story.\n")
    (archive / "blank.txt").write_text("   \n")
    os.utime(archive / "no-date.txt", ns=(1, 1))
    seen.clear()
    third = update_index(archive, index_dir, progress=seen.append)
    assert seen[-1].skipped == len(third.skipped) == 3
    assert third.skipped_summary == "3 files skipped (2 unchanged since the last run)"
    assert third.warnings_summary == "1 file indexed with warnings (1 unchanged since the last run)"
    assert third.has_new_problems
    assert {p["path"]: p["unchanged_since_last_run"] for p in third.as_json()["skipped"]} == {
        "blank.txt": False,
        "empty.txt": True,
        "gone.txt": True,
    }

    # A link whose reason changes is news again.
    (archive / "gone.txt").unlink()
    (archive / "gone.txt").symlink_to("gone.txt")
    fourth = update_index(archive, index_dir)
    assert fourth.skipped_summary == "3 files skipped (2 unchanged since the last run)"


def test_a_manifest_from_before_warnings_were_kept_is_brought_up_to_date(tmp_path: Path) -> None:
    import sqlite3

    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "no-date.txt").write_text("A title only\nAnd a body.\n")
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    old = sqlite3.connect(index_dir / "manifest.sqlite")
    with old:
        old.execute("ALTER TABLE files DROP COLUMN warnings")
        old.execute("DROP TABLE scan_skipped")
    old.close()
    assert update_index(archive, index_dir).warnings == []  # not known for that run
    (archive / "no-date.txt").write_text("Another title\nAnd a body.\n")
    assert update_index(archive, index_dir).warnings_summary == "1 file indexed with warnings"
    again = update_index(archive, index_dir)
    assert again.warnings_summary == "1 file indexed with warnings (1 unchanged since the last run)"


BAKU_STORIES = {
    "defence/2024-06-20-belgrade-talks.txt",
    "defence/2024-03-14-baku-visit.txt",
    f"{WIRE}#2",
}


def test_corrections_are_indexed_and_a_change_reads_again_only_the_stories_naming_the_name(
    archive: Path, index_dir: Path
) -> None:
    baku_is_a_club = [Correction.change_kind("Baku", "place", "organization")]
    report = update_index(archive, index_dir, corrections=baku_is_a_club)
    # The two Baku stories' files and the wire file with the third: four stories read again.
    assert counts(report) == (0, 4, ARTICLES - 4, 0)
    assert ids_in(index_dir, 'org:"Baku"') == BAKU_STORIES
    assert ids_in(index_dir, 'place:"Baku"') == set()
    # Without corrections given, an update keeps those the index was built with.
    assert counts(update_index(archive, index_dir)) == (0, 0, ARTICLES, 0)
    assert counts(update_index(archive, index_dir, corrections=baku_is_a_club)) == (
        0,
        0,
        ARTICLES,
        0,
    )
    # A rebuild applies them from the start.
    update_index(archive, index_dir, rebuild=True, corrections=baku_is_a_club)
    assert ids_in(index_dir, 'org:"Baku"') == BAKU_STORIES
    # Removed, its effect is undone on the stories it changed.
    report = update_index(archive, index_dir, corrections=[])
    assert counts(report) == (0, 4, ARTICLES - 4, 0)
    assert ids_in(index_dir, 'place:"Baku"') == BAKU_STORIES


def test_a_name_no_longer_an_entity_comes_back_when_its_correction_is_removed(
    archive: Path, index_dir: Path
) -> None:
    rotterdam_stories = ids_in(index_dir, 'place:"Rotterdam"')
    assert len(rotterdam_stories) == 2
    update_index(archive, index_dir, corrections=[Correction.not_entity("Rotterdam", "place")])
    assert ids_in(index_dir, 'place:"Rotterdam"') == set()
    # No longer indexed as a name, its stories are found by their text.
    report = update_index(archive, index_dir, corrections=[])
    assert report.updated == 3  # the harbour story, and the wire file of the other (2 stories)
    assert ids_in(index_dir, 'place:"Rotterdam"') == rotterdam_stories


def write_story(folder: Path, name: str, day: str, story: tuple[str, str]) -> None:
    title, body = story
    (folder / name).write_text(f" date {day} {title}\n{body}\n", encoding="utf-8")


def test_a_name_two_stories_show_to_be_a_company_is_one_in_every_story_and_stops_being_one(
    tmp_path: Path,
) -> None:
    """The archive's evidence (`articles.entities.archive_kinds`): "Quillfox" read as a person
    in a story that gives no clue is the company two other stories show it to be; when one of
    those stories goes, the story that gave no clue is read again on its own."""
    archive = tmp_path / "archive"
    archive.mkdir()
    write_story(archive, "jobs.txt", "2024-05-01", NO_CLUE)
    write_story(archive, "shares.txt", "2024-05-02", SHOWN_BY_SHARES)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    assert ids_in(index_dir, 'person:"Quillfox"') == {"jobs.txt"}  # one story shows too little

    write_story(archive, "deal.txt", "2024-05-03", SHOWN_BY_LEGAL_FORM)
    seen: list[IndexProgress] = []
    report = update_index(archive, index_dir, progress=seen.append)
    assert counts(report) == (1, 0, 2, 0)  # the second pass is not counted again
    # Its progress goes on from the first's: deal.txt, then the story read again.
    assert [(state.done, state.total) for state in seen] == [(0, 1), (1, 1), (1, 2), (2, 2)]
    assert ids_in(index_dir, 'person:"Quillfox"') == set()
    assert ids_in(index_dir, 'org:"Quillfox"') == {"jobs.txt", "shares.txt", "deal.txt"}
    assert counts(update_index(archive, index_dir)) == (0, 0, 3, 0)  # settled: nothing read

    # A rebuild reads the story with no clue before the others: it ends the same.
    update_index(archive, index_dir, rebuild=True)
    assert ids_in(index_dir, 'person:"Quillfox"') == set()
    assert ids_in(index_dir, 'org:"Quillfox"') == {"jobs.txt", "shares.txt", "deal.txt"}

    (archive / "shares.txt").unlink()
    update_index(archive, index_dir)
    assert ids_in(index_dir, 'person:"Quillfox"') == {"jobs.txt"}


def test_a_club_two_match_reports_show_is_one_where_another_story_reads_it_as_a_person(
    tmp_path: Path,
) -> None:
    """The archive's evidence of clubs: "Marrowby" read as a person in a story that gives no
    clue is the club two match reports show it to be; when one goes, it is a person again."""
    archive = tmp_path / "archive"
    archive.mkdir()
    write_story(archive, "review.txt", "2024-05-01", club_stories.NO_CLUE)
    write_story(archive, "coach.txt", "2024-05-02", club_stories.SHOWN_BY_ITS_COACH)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    assert ids_in(index_dir, 'person:"Marrowby"') == {"review.txt"}

    write_story(archive, "result.txt", "2024-05-03", club_stories.SHOWN_BY_A_RESULT)
    assert counts(update_index(archive, index_dir)) == (1, 0, 2, 0)
    assert ids_in(index_dir, 'person:"Marrowby"') == set()
    assert ids_in(index_dir, 'org:"Marrowby"') == {"review.txt", "coach.txt", "result.txt"}
    assert pending_changes(archive, index_dir) == 0

    (archive / "coach.txt").unlink()
    update_index(archive, index_dir)
    assert ids_in(index_dir, 'person:"Marrowby"') == {"review.txt"}


def test_an_update_stopped_before_its_second_pass_is_pending_until_the_next_one_reads_again(
    tmp_path: Path,
) -> None:
    """The first pass is committed with the archive's organisations it started with; the story
    the second pass would have read again is still to be read, and the reader says so."""
    archive = tmp_path / "archive"
    archive.mkdir()
    write_story(archive, "jobs.txt", "2024-05-01", NO_CLUE)
    write_story(archive, "shares.txt", "2024-05-02", SHOWN_BY_SHARES)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    write_story(archive, "deal.txt", "2024-05-03", SHOWN_BY_LEGAL_FORM)

    def quit_in_the_second_pass(progress: IndexProgress) -> None:
        if progress.total > 1:  # the first pass reads deal.txt alone; the second adds jobs.txt
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        update_index(archive, index_dir, progress=quit_in_the_second_pass)
    assert ids_in(index_dir, 'person:"Quillfox"') == {"jobs.txt"}  # not read again yet
    assert pending_changes(archive, index_dir) == 1
    assert counts(update_index(archive, index_dir)) == (0, 1, 2, 0)
    assert ids_in(index_dir, 'org:"Quillfox"') == {"jobs.txt", "shares.txt", "deal.txt"}
    assert pending_changes(archive, index_dir) == 0


def test_an_index_saved_before_the_archives_evidence_was_kept_is_searched_then_read_again(
    archive: Path, index_dir: Path
) -> None:
    import sqlite3

    old = sqlite3.connect(index_dir / "manifest.sqlite")
    with old:
        old.execute("DELETE FROM settings WHERE key = 'archive_kinds'")
    old.close()
    assert index_is_current(index_dir)  # searched as it is, not thrown away
    assert pending_changes(archive, index_dir) == 8  # every file, to be read again
    assert counts(update_index(archive, index_dir)) == (0, ARTICLES, 0, 0)
    assert pending_changes(archive, index_dir) == 0
    assert len(ids_in(index_dir)) == ARTICLES


@pytest.mark.parametrize(
    "correction",
    [
        Correction.not_entity("Quillfox", "person"),
        Correction.merge("Quillfox", "person", "Tom Smith", "person"),
    ],
)
def test_a_story_whose_reading_a_correction_hid_is_read_again_as_the_archive_reads_it(
    tmp_path: Path, correction: Correction
) -> None:
    """The index keeps the corrected reading, which no entity query of the name finds: the
    story is found by the name's text."""
    archive = tmp_path / "archive"
    archive.mkdir()
    write_story(archive, "jobs.txt", "2024-05-01", NO_CLUE)
    write_story(archive, "shares.txt", "2024-05-02", SHOWN_BY_SHARES)
    index_dir = tmp_path / "index"
    update_index(archive, index_dir, corrections=[correction])
    write_story(archive, "deal.txt", "2024-05-03", SHOWN_BY_LEGAL_FORM)
    update_index(archive, index_dir, corrections=[correction])
    assert ids_in(index_dir, 'org:"Quillfox"') == {"jobs.txt", "shares.txt", "deal.txt"}
