"""Reading an archive folder: ids, recursion, JSON Lines, files that can't be used, links."""

from __future__ import annotations

import json
import os
import tracemalloc
from datetime import date
from pathlib import Path

import pytest

from articles.archive import iter_articles, read_source, scan_archive
from articles.model import Article


def _story(title: str, body: str = "A short body.", day: str = "2024-01-02") -> str:
    return f" date {day} {title}\n{body}\n"


def _read_all(root: Path) -> tuple[dict[str, Article], dict[str, str], dict[str, list[str]]]:
    """Articles by id, skipped files with their reasons, warnings by path."""
    scan = scan_archive(root)
    articles: dict[str, Article] = {}
    skipped = {problem.path: problem.message for problem in scan.skipped}
    warnings: dict[str, list[str]] = {}
    for source in scan.files:
        contents = read_source(source)
        articles.update((article.id, article) for article in contents.articles)
        if contents.skipped:
            skipped[contents.skipped.path] = contents.skipped.message
        for warning in contents.warnings:
            warnings.setdefault(warning.path, []).append(warning.message)
    return articles, skipped, warnings


def test_ids_are_relative_paths_and_folders_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "2024" / "06").mkdir(parents=True)
    (tmp_path / "top.txt").write_text(_story("Top"))
    (tmp_path / "2024" / "06" / "deep.txt").write_text(_story("Deep"))
    (tmp_path / "2024" / "notes.md").write_text("not an article")
    articles, skipped, _ = _read_all(tmp_path)
    assert set(articles) == {"top.txt", "2024/06/deep.txt"}
    assert articles["2024/06/deep.txt"].title == "Deep"
    assert articles["2024/06/deep.txt"].path == "2024/06/deep.txt"
    assert skipped == {}


def test_hidden_files_and_folders_are_not_read(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "a.txt").write_text(_story("Hidden folder"))
    (tmp_path / ".draft.txt").write_text(_story("Hidden file"))
    (tmp_path / "seen.txt").write_text(_story("Seen"))
    assert [article.id for article in iter_articles(tmp_path)] == ["seen.txt"]


def test_json_lines_records_get_numbered_ids(tmp_path: Path) -> None:
    records = [
        {"title": "First", "date": "2024-03-01", "author": "Ann Lee", "body": "One.", "url": "u1"},
        {"title": "Second", "date": "2024-03-02T10:00:00Z", "body": "Two."},
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    articles, skipped, warnings = _read_all(tmp_path)
    assert set(articles) == {"feed.jsonl#1", "feed.jsonl#2"}
    first, second = articles["feed.jsonl#1"], articles["feed.jsonl#2"]
    assert (first.title, first.date, first.author, first.url) == (
        "First",
        date(2024, 3, 1),
        "Ann Lee",
        "u1",
    )
    assert first.path == second.path == "feed.jsonl"
    assert second.date == date(2024, 3, 2)
    assert skipped == {} and warnings == {}


def test_a_broken_json_line_is_reported_and_the_good_ones_are_kept(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Good one", "body": "Fine."}),
        '{"title": "cut off in the mid',
        "",
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "Good two", "body": "Also fine."}),
    ]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n")
    articles, skipped, warnings = _read_all(tmp_path)
    # Ids count lines in the file, so a record keeps its id when a line before it breaks.
    assert set(articles) == {"mixed.jsonl#1", "mixed.jsonl#5"}
    assert skipped == {}
    (message,) = warnings["mixed.jsonl"]
    assert "2" in message and "4" in message


def test_a_json_lines_file_with_nothing_usable_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "junk.jsonl").write_text("not json\n{also not}\n")
    articles, skipped, _ = _read_all(tmp_path)
    assert articles == {}
    assert "junk.jsonl" in skipped


def test_a_byline_in_a_json_body_is_split_when_there_is_no_author(tmp_path: Path) -> None:
    record = {"title": "Strike", "body": "By Femke de VriesThe strike began."}
    (tmp_path / "feed.jsonl").write_text(json.dumps(record) + "\n")
    (article,) = iter_articles(tmp_path)
    assert (article.author, article.body) == ("Femke de Vries", "The strike began.")


def test_empty_and_binary_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"\n \n\t\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "good.txt").write_text(_story("Good"))
    articles, skipped, _ = _read_all(tmp_path)
    assert set(articles) == {"good.txt"}
    assert set(skipped) == {"empty.txt", "blank.txt", "image.txt"}
    assert "empty" in skipped["empty.txt"]
    assert "binary" in skipped["image.txt"]


def test_a_folder_named_like_an_article_is_reported_and_its_contents_read(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "x.txt" / "inner.txt").write_text(_story("Inner"))
    articles, skipped, _ = _read_all(tmp_path)
    assert set(articles) == {"x.txt/inner.txt"}
    assert "folder" in skipped["x.txt"]


def test_a_dangling_symlink_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "does-not-exist.txt")
    (tmp_path / "good.txt").write_text(_story("Good"))
    articles, skipped, _ = _read_all(tmp_path)
    assert set(articles) == {"good.txt"}
    assert "broken" in skipped["gone.txt"]


def test_symlink_loops_end_and_each_folder_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "story.txt").write_text(_story("Once"))
    (tmp_path / "sub" / "back-to-top").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "itself.txt").symlink_to(tmp_path / "itself.txt")
    articles, skipped, _ = _read_all(tmp_path)
    assert set(articles) == {"sub/story.txt"}
    assert "loop" in skipped["itself.txt"]


def test_a_link_to_a_folder_above_the_archive_is_not_walked(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    (archive / "sub").mkdir(parents=True)
    (archive / "story.txt").write_text(_story("Ours"))
    (tmp_path / "elsewhere.txt").write_text(_story("Not in the archive"))
    (archive / "loop").symlink_to("..", target_is_directory=True)
    (archive / "sub" / "up").symlink_to(tmp_path.parent, target_is_directory=True)
    (archive / "sub" / "twice").symlink_to(archive / "sub", target_is_directory=True)
    articles, skipped, _ = _read_all(archive)
    assert set(articles) == {"story.txt"}
    assert set(skipped) == {"loop", "sub/up", "sub/twice"}
    assert all("loop" in reason for reason in skipped.values())


def test_links_out_of_the_archive_that_loop_are_each_reported_once(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    (outside / "deeper").mkdir(parents=True)
    (outside / "deeper" / "linked.txt").write_text(_story("Linked"))
    (outside / "deeper" / "up").symlink_to(outside, target_is_directory=True)
    (outside / "around").symlink_to(tmp_path, target_is_directory=True)
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a").symlink_to(outside, target_is_directory=True)
    (archive / "b").symlink_to(outside, target_is_directory=True)
    articles, skipped, _ = _read_all(archive)
    assert set(articles) == {"a/deeper/linked.txt"}
    real_top, real_outside = os.path.realpath(tmp_path), os.path.realpath(outside)
    assert skipped == {
        "a/around": f"a link to {real_top}, which holds the archive: a loop, not followed",
        "a/deeper/up": f"a link to {real_outside}, a folder it is in: a loop, not followed",
        "b": "the same folder as a, read already: not read twice",
    }


def test_a_link_to_a_folder_the_archive_reads_anyway_is_not_read_twice(tmp_path: Path) -> None:
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "story.txt").write_text(_story("Once"))
    (tmp_path / "latest").symlink_to("2024", target_is_directory=True)
    (tmp_path / ".drafts").mkdir()
    (tmp_path / ".drafts" / "draft.txt").write_text(_story("Draft"))
    (tmp_path / "published").symlink_to(".drafts", target_is_directory=True)
    articles, skipped, _ = _read_all(tmp_path)
    # A hidden folder is not read, so a link to it is the only way its stories are.
    assert set(articles) == {"2024/story.txt", "published/draft.txt"}
    assert skipped == {"latest": "a link to 2024 in the archive, read anyway: not read twice"}


def test_a_symlinked_folder_is_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "linked.txt").write_text(_story("Linked"))
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "feeds").symlink_to(elsewhere, target_is_directory=True)
    assert [article.id for article in iter_articles(archive)] == ["feeds/linked.txt"]


def test_file_names_with_spaces_and_non_ascii_letters(tmp_path: Path) -> None:
    (tmp_path / "Zürich news").mkdir()
    (tmp_path / "Zürich news" / "Gašić in Baku.txt").write_text(_story("Gašić in Baku"))
    (tmp_path / "日本 の 記事.txt").write_text(_story("Japanese name"))
    articles, skipped, _ = _read_all(tmp_path)
    assert set(articles) == {"Zürich news/Gašić in Baku.txt", "日本 の 記事.txt"}
    assert skipped == {}


@pytest.mark.skipif(os.name != "posix", reason="file names as raw bytes need POSIX")
def test_a_file_name_that_is_not_utf8_still_gives_a_printable_id(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        (tmp_path / name).write_text(_story("Latin-1 name"))
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses non-UTF-8 names")
    (article,) = iter_articles(tmp_path)
    assert article.title == "Latin-1 name"
    article.id.encode("utf-8")  # storable and printable: no lone surrogates
    assert article.id.startswith("caf") and article.id.endswith(".txt")


def test_an_unreadable_file_is_skipped(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(_story("Locked"))
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as a user who can read anything")
        articles, skipped, _ = _read_all(tmp_path)
    finally:
        locked.chmod(0o644)
    assert articles == {}
    assert "permission" in skipped["locked.txt"]


def test_files_are_listed_in_path_order_with_size_and_mtime(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.jsonl"):
        (tmp_path / name).write_text(_story(name))
    files = scan_archive(tmp_path).files
    assert [source.path for source in files] == ["a.txt", "b.txt", "c.jsonl"]
    assert all(source.size > 0 and source.mtime_ns > 0 for source in files)


def test_a_header_less_file_is_still_read_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("Just a title\nAnd a body.\n")
    articles, skipped, warnings = _read_all(tmp_path)
    assert articles["plain.txt"].title == "Just a title"
    assert articles["plain.txt"].date is None
    assert skipped == {}
    assert warnings["plain.txt"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need POSIX")
def test_pipes_and_devices_are_skipped_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would wait for a writer forever
    if Path("/dev/zero").exists():
        (tmp_path / "endless.txt").symlink_to("/dev/zero")  # reading it never ends
    (tmp_path / "good.txt").write_text(_story("Good"))
    articles, skipped, _ = _read_all(tmp_path)
    assert set(articles) == {"good.txt"}
    assert "pipe.txt" in skipped
    assert set(skipped) <= {"pipe.txt", "endless.txt"}


def test_a_json_line_nested_too_deep_is_a_broken_line(tmp_path: Path) -> None:
    good = json.dumps({"title": "Fine", "body": "Still read."})
    (tmp_path / "deep.jsonl").write_text("[" * 100_000 + "\n" + good + "\n")
    articles, skipped, warnings = _read_all(tmp_path)
    assert set(articles) == {"deep.jsonl#2"}
    assert skipped == {}
    assert warnings["deep.jsonl"]


def test_a_scanned_file_holds_its_names_and_numbers_not_a_path_of_its_own(
    tmp_path: Path,
) -> None:
    for folder in range(4):
        (tmp_path / f"{folder:04}").mkdir()
        for number in range(500):
            (tmp_path / f"{folder:04}" / f"story-{number:07}.txt").write_text(" 2024-01-01 T\nx")
    tracemalloc.start()
    try:
        scan = scan_archive(tmp_path)
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(scan.files) == 2000
    assert scan.files[0].absolute == tmp_path / "0000" / "story-0000000.txt"
    # Its relative path, its name, its size and time, itself: ~300 bytes (a Path each was 600).
    assert held / len(scan.files) < 400
