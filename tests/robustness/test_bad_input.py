"""Bad input through the real `newsreader index`: every usable article indexed, every unusable
file reported once with a plain reason, exit code 0, and an index that is consistent afterwards.

The archive is read without root's power to ignore file permissions (dropped when the tests run
as root), so that a file without read permission really can't be read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from pilot_waits import settle
from robustness_helpers import (
    HUGE_ARTICLE_BYTES,
    HUGE_WORD,
    LONG_LINE_WORD,
    TRACEBACK,
    Expected,
    isolate_user_dirs,
    json_of,
    permission_override_reason,
    reader_app,
    run_newsreader,
    user_env,
    write_bad_archive,
)
from textual.message import Message
from textual.notifications import Notify

import index.build
from articles.archive import FileContents, SourceFile
from index.api import update_index
from index.whoosh.search import ArchiveIndex
from reader.messages import IndexingProgressed
from reader.screens.main import MainScreen


@dataclass
class IndexedArchive:
    archive: Path
    index_dir: Path
    env: dict[str, str]
    unprivileged: bool
    expected: dict[str, Expected]
    first_run: dict
    second_run: dict

    def run(self, *args: str | Path):
        return run_newsreader(args, self.env, unprivileged=self.unprivileged)

    def json(self, *args: str | Path) -> dict:
        """A command's JSON, run on this index."""
        return json_of(self.run(*args, "--index-dir", self.index_dir, "--json"))


@pytest.fixture(scope="module")
def bad_archive(tmp_path_factory: pytest.TempPathFactory) -> Iterator[IndexedArchive]:
    base = tmp_path_factory.mktemp("bad-input")
    archive, index_dir = base / "archive", base / "index"
    expected = write_bad_archive(archive)
    unprivileged = permission_override_reason() is None
    if not unprivileged:  # root reads it anyway: an ordinary article then
        expected["unreadable.txt"] = Expected(("unreadable.txt",))
    env = user_env(base / "home")
    command = ["index", archive, "--index-dir", index_dir, "--json"]
    first = json_of(run_newsreader(command, env, unprivileged=unprivileged))
    second = json_of(run_newsreader(command, env, unprivileged=unprivileged))
    yield IndexedArchive(archive, index_dir, env, unprivileged, expected, first, second)
    (archive / "unreadable.txt").chmod(0o600)  # so pytest can clean up


def expected_ids(expected: dict[str, Expected]) -> set[str]:
    return {article_id for outcome in expected.values() for article_id in outcome.article_ids}


def test_every_usable_article_is_indexed(bad_archive: IndexedArchive) -> None:
    report = bad_archive.first_run
    assert report["indexed"] == len(expected_ids(bad_archive.expected))
    listed = json_of(
        bad_archive.run(
            "search", "", "--index-dir", bad_archive.index_dir, "--limit", "100", "--json"
        )
    )
    assert {hit["id"] for hit in listed["hits"]} == expected_ids(bad_archive.expected)
    assert listed["total"] == len(expected_ids(bad_archive.expected))


def test_every_unusable_file_is_reported_once_with_a_plain_reason(
    bad_archive: IndexedArchive,
) -> None:
    skipped = bad_archive.first_run["skipped"]
    paths = [problem["path"] for problem in skipped]
    assert sorted(paths) == sorted(
        path for path, outcome in bad_archive.expected.items() if outcome.skipped
    )
    reasons = {problem["path"]: problem["reason"] for problem in skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary data, not text"
    assert reasons["loop.txt"] == "symbolic link loop"
    assert "loop" in reasons["subdir/up"]
    assert "broken symbolic link" in reasons["dangling.txt"]
    assert "folder" in reasons["folder.txt"]
    for reason in reasons.values():
        assert "Errno" not in reason and "Error" not in reason and "\n" not in reason


def test_an_unreadable_file_is_skipped_with_a_reason(bad_archive: IndexedArchive) -> None:
    if not bad_archive.unprivileged:
        pytest.skip(permission_override_reason())
    reasons = {problem["path"]: problem["reason"] for problem in bad_archive.first_run["skipped"]}
    assert reasons["unreadable.txt"] == "permission denied"


def test_files_read_with_a_caveat_are_warned_about(bad_archive: IndexedArchive) -> None:
    warned = {problem["path"] for problem in bad_archive.first_run["warnings"]}
    assert warned == {path for path, outcome in bad_archive.expected.items() if outcome.warned}


def test_a_second_run_finds_everything_unchanged(bad_archive: IndexedArchive) -> None:
    second = bad_archive.second_run
    assert second["indexed"] == second["updated"] == second["removed"] == 0
    assert second["unchanged"] == len(expected_ids(bad_archive.expected))
    # The skipped and warned-about files are still reported, once each, as reported before.
    for kind in ("skipped", "warnings"):
        first = bad_archive.first_run[kind]
        assert not any(problem["unchanged_since_last_run"] for problem in first)
        assert second[kind] == [dict(problem, unchanged_since_last_run=True) for problem in first]


def show(bad_archive: IndexedArchive, article_id: str) -> dict:
    return json_of(
        bad_archive.run("show", article_id, "--index-dir", bad_archive.index_dir, "--json")
    )


@pytest.mark.parametrize(
    ("query", "article_id"),
    [
        ("otters", "good.txt"),
        ("walruses", "nul.txt"),
        ("narwhals", "with spaces/Ünïcødé story ä.txt"),
        ("beavers", "folder.txt/inside.txt"),
        ("puffins", "wire.jsonl#1"),
        ("gannets", "wire.jsonl#4"),
        (LONG_LINE_WORD, "long-line.txt"),
        (HUGE_WORD, "huge.txt"),
        ("cafe", "cp1252.txt"),
    ],
)
def test_each_article_is_found_by_its_words(
    bad_archive: IndexedArchive, query: str, article_id: str
) -> None:
    found = json_of(
        bad_archive.run("search", query, "--index-dir", bad_archive.index_dir, "--json")
    )
    assert [hit["id"] for hit in found["hits"]] == [article_id]


def test_decoding_and_clean_up_of_what_was_indexed(bad_archive: IndexedArchive) -> None:
    cp1252 = show(bad_archive, "cp1252.txt")
    assert cp1252["title"] == "Café owners protest"
    assert "“enough”" in cp1252["body"]
    crlf = show(bad_archive, "bom-crlf.txt")
    assert crlf["title"] == "Ferry service resumes"
    assert crlf["date"] == "2024-03-02"
    assert "\r" not in crlf["body"] and "\ufeff" not in crlf["title"]
    nul = show(bad_archive, "nul.txt")
    assert "\x00" not in nul["body"] and "walruses" in nul["body"]
    assert show(bad_archive, "impossible-date.txt")["date"] is None
    no_header = show(bad_archive, "no-header.txt")
    assert no_header["title"] == "Harbour cranes idle again"
    assert no_header["date"] is None


def test_the_huge_article_is_whole_in_the_index(bad_archive: IndexedArchive) -> None:
    with opened(bad_archive.index_dir) as archive_index:
        body = archive_index.article("huge.txt").article.body
    assert len(body.encode()) > HUGE_ARTICLE_BYTES * 0.99


@contextmanager
def opened(index_dir: Path) -> Iterator[ArchiveIndex]:
    archive_index = ArchiveIndex.open(index_dir)
    try:
        yield archive_index
    finally:
        archive_index.close()


def test_the_summary_without_json_lists_the_skipped_files(bad_archive: IndexedArchive) -> None:
    result = bad_archive.run("index", bad_archive.archive, "--index-dir", bad_archive.index_dir)
    assert result.returncode == 0
    assert TRACEBACK not in result.stderr
    output = result.stdout.decode()
    for path, outcome in bad_archive.expected.items():
        if outcome.skipped:
            assert path in output


# A file that disappears or changes while the index is being built: simulated deterministically by
# acting on the file just before (or just after) the indexer reads it.

STORIES = {
    f"story-{number}.txt": f" date 2024-01-0{number} Story {number}\nStory {number} about seals.\n"
    for number in range(1, 6)
}


REWRITTEN = " date 2024-01-02 Story 2 rewritten\nNow it is about a longer tale of dolphins.\n"


@pytest.fixture
def small_archive(tmp_path: Path) -> Path:
    archive = tmp_path / "archive"
    archive.mkdir()
    for name, text in STORIES.items():
        (archive / name).write_text(text)
    return archive


def around_read(monkeypatch: pytest.MonkeyPatch, victim: str, *, before=None, after=None) -> None:
    real_read_source = index.build.read_source

    def read_source(source: SourceFile) -> FileContents:
        if source.path == victim and before:
            before(source.absolute)
        contents = real_read_source(source)
        if source.path == victim and after:
            after(source.absolute)
        return contents

    monkeypatch.setattr(index.build, "read_source", read_source)


def ids_of(index_dir: Path, query: str = "") -> set[str]:
    with opened(index_dir) as archive_index:
        return {hit.id for hit in archive_index.search(query, page_size=100).hits}


def test_a_file_deleted_while_indexing_is_skipped_with_a_reason(
    small_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"
    around_read(monkeypatch, "story-3.txt", before=Path.unlink)
    report = update_index(small_archive, index_dir)
    assert [(problem.path, problem.message) for problem in report.skipped] == [
        ("story-3.txt", "file disappeared while reading")
    ]
    assert report.indexed == 4
    assert ids_of(index_dir) == set(STORIES) - {"story-3.txt"}
    monkeypatch.undo()
    again = update_index(small_archive, index_dir)
    assert (again.indexed, again.updated, again.unchanged, again.skipped) == (0, 0, 4, [])


def test_a_file_deleted_and_restored_while_indexing_is_picked_up_next_time(
    small_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"
    victim = small_archive / "story-3.txt"
    saved = victim.read_bytes()
    around_read(monkeypatch, "story-3.txt", before=Path.unlink)
    update_index(small_archive, index_dir)
    monkeypatch.undo()
    victim.write_bytes(saved)
    again = update_index(small_archive, index_dir)
    assert again.indexed + again.updated == 1 and again.skipped == []
    assert ids_of(index_dir) == set(STORIES)


def test_a_file_changed_just_before_it_is_read_is_indexed_as_it_is_now(
    small_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"

    def rewrite(path: Path) -> None:
        path.write_text(
            " date 2024-01-02 Story 2 rewritten\nNow it is about a longer tale of dolphins.\n"
        )

    around_read(monkeypatch, "story-2.txt", before=rewrite)
    report = update_index(small_archive, index_dir)
    assert report.indexed == 5 and report.skipped == []
    assert ids_of(index_dir, "dolphins") == {"story-2.txt"}
    monkeypatch.undo()
    again = update_index(small_archive, index_dir)
    assert (again.indexed, again.updated, again.removed) == (0, 0, 0)
    assert ids_of(index_dir, "dolphins") == {"story-2.txt"}


def test_a_file_changed_just_after_it_is_read_is_updated_by_the_next_run(
    small_archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_dir = tmp_path / "index"

    def rewrite(path: Path) -> None:
        path.write_text(
            " date 2024-01-02 Story 2 rewritten\nNow it is about a longer tale of dolphins.\n"
        )

    around_read(monkeypatch, "story-2.txt", after=rewrite)
    report = update_index(small_archive, index_dir)
    assert report.indexed == 5
    assert ids_of(index_dir, "dolphins") == set()  # what was read is what was indexed
    monkeypatch.undo()
    again = update_index(small_archive, index_dir)
    assert again.updated == 1
    assert ids_of(index_dir, "dolphins") == {"story-2.txt"}
    assert ids_of(index_dir, "seals") == set(STORIES) - {"story-2.txt"}


# The reader on the same kinds of bad input (all but the 20 MB story, which has its own test):
# it indexes them on first launch, says how many files it skipped, and opens every story.


async def test_the_reader_indexes_bad_input_and_opens_every_story(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "archive"
    expected = write_bad_archive(archive, huge=False)
    (archive / "unreadable.txt").chmod(0o600)  # the app runs as this process's user
    isolate_user_dirs(monkeypatch, tmp_path / "home")
    notices: list[str] = []
    app = reader_app(archive, tmp_path / "index", tmp_path / "home")
    notify = app.notify

    def record(message: str, **options) -> None:
        notices.append(message)
        notify(message, **options)

    app.notify = record  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, rounds=12)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        skipped = sum(outcome.skipped for outcome in expected.values()) - 1  # unreadable.txt
        warned = sum(outcome.warned for outcome in expected.values())
        assert (
            f"{skipped:,} files skipped; {warned:,} files indexed with warnings. "
            "`newsreader index ARCHIVE` shows which and why." in notices
        )
        ids = expected_ids(expected) | {"unreadable.txt"}
        assert {hit.id for hit in screen.results.hits} == ids
        for article_id in sorted(ids):
            screen.open_story(article_id)
            await settle(pilot)
            assert screen.article_view.article_id == article_id
            shown = screen.article_view.text.plain
            assert "\x00" not in shown and "\r" not in shown and "\ufeff" not in shown


async def launch(archive: Path, index_dir: Path, home: Path) -> list[Message]:
    """Open the reader on `archive` until its stories show; the messages it posted."""
    seen: list[Message] = []
    app = reader_app(archive, index_dir, home)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot, rounds=12)
        assert isinstance(app.screen, MainScreen)
    return seen


def file_notices(seen: list[Message]) -> list[tuple[str, str]]:
    return [
        (message.notification.title, message.notification.message)
        for message in seen
        if isinstance(message, Notify) and "files" in message.notification.title
    ]


async def test_the_reader_counts_as_the_command_line_and_says_only_what_is_new(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "good.txt").write_text(" date 2024-01-01 Good\nA story.\n")
    (archive / "empty.txt").write_text("")  # skipped when read
    (archive / "loop").symlink_to("..", target_is_directory=True)  # skipped when listed
    (archive / "no-date.txt").write_text("A title only\nAnd a body.\n")  # indexed, a warning
    index_dir, home = tmp_path / "index", tmp_path / "home"
    isolate_user_dirs(monkeypatch, home)
    shows_which = "`newsreader index ARCHIVE` shows which and why."

    first = await launch(archive, index_dir, home)
    progress = [message.progress for message in first if isinstance(message, IndexingProgressed)]
    assert progress[-1].skipped == 2
    assert file_notices(first) == [
        ("Some files skipped", f"2 files skipped; 1 file indexed with warnings. {shows_which}")
    ]
    listed = update_index(archive, index_dir)  # what `newsreader index ARCHIVE` prints
    assert [problem.path for problem in listed.skipped] == ["empty.txt", "loop"]
    assert listed.skipped_summary == "2 files skipped (2 unchanged since the last run)"

    # A new story: the files reported before are not news.
    (archive / "more.txt").write_text(" date 2024-01-02 More\nAnother story.\n")
    assert file_notices(await launch(archive, index_dir, home)) == []

    # A new unusable file is, and the count says which were reported before.
    (archive / "blank.txt").write_text("  \n")
    assert file_notices(await launch(archive, index_dir, home)) == [
        (
            "Some files skipped",
            "3 files skipped (2 unchanged since the last run); 1 file indexed with warnings "
            f"(1 unchanged since the last run). {shows_which}",
        )
    ]
