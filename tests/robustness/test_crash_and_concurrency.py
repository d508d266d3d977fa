"""Crash safety and concurrency: a killed indexer, two indexers at once, a reader beside an
indexer, a read-only or damaged index. Each leaves a usable index or says plainly what to do.

The indexer runs in a pseudo-terminal so its progress bar shows how far it got; the tests act
once it is mid-way, never after a fixed sleep.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pilot_waits import settle
from robustness_helpers import (
    DEADLINE_SECONDS,
    NEWSREADER,
    TRACEBACK,
    PtyProcess,
    isolate_user_dirs,
    json_of,
    poll,
    reader_app,
    run_newsreader,
    user_env,
    write_generated,
)
from textual.widgets import ProgressBar, Static
from whoosh import index as whoosh_index

from index.api import IndexBusy, IndexDamaged, IndexUnavailable, update_index
from index.manifest import Manifest
from index.whoosh.search import ArchiveIndex
from reader.screens.indexing import IndexingScreen
from reader.screens.main import MainScreen

COMMITTED = 300  # stories indexed before the interrupted run
TOTAL = 3000
ADDED = TOTAL - COMMITTED


@dataclass
class Setup:
    archive: Path
    index_dir: Path
    env: dict[str, str]

    def json(self, *args: str | Path, unprivileged: bool = False) -> dict:
        return json_of(
            self.run(*args, "--index-dir", self.index_dir, "--json", unprivileged=unprivileged)
        )

    def run(self, *args: str | Path, unprivileged: bool = False):
        return run_newsreader(args, self.env, unprivileged=unprivileged)

    def total(self) -> int:
        return self.json("search", "")["total"]

    def start_indexer(self) -> PtyProcess:
        return PtyProcess(
            [str(NEWSREADER), "index", str(self.archive), "--index-dir", str(self.index_dir)],
            self.env,
        )


@pytest.fixture
def setup(tmp_path: Path) -> Setup:
    """An archive of COMMITTED stories, indexed, and ADDED more stories not indexed yet."""
    archive = tmp_path / "archive"
    write_generated(archive, range(COMMITTED))
    state = Setup(archive, tmp_path / "index", user_env(tmp_path / "home"))
    first = json_of(
        run_newsreader(["index", archive, "--index-dir", state.index_dir, "--json"], state.env)
    )
    assert first["indexed"] == COMMITTED
    write_generated(archive, range(COMMITTED, TOTAL))
    return state


def progress_at_least(count: int):
    """A condition on an indexer's terminal output: its progress bar shows `count` files done."""
    pattern = re.compile(rb"(\d+)/" + str(ADDED).encode())

    def reached(output: bytes) -> bool:
        return any(int(done) >= count for done in pattern.findall(output))

    return reached


@pytest.fixture
def indexer(setup: Setup) -> Iterator[PtyProcess]:
    process = setup.start_indexer()
    yield process
    process.kill()


def test_kill_9_mid_build_keeps_the_last_commit_and_a_rerun_completes(
    setup: Setup, indexer: PtyProcess
) -> None:
    indexer.wait_for(progress_at_least(ADDED // 3), what="the indexer to be a third of the way")
    os.kill(indexer.process.pid, signal.SIGKILL)
    indexer.process.wait(timeout=30)
    indexer.kill()  # and any worker it started

    # The index opens, as it was at the last commit.
    assert setup.total() == COMMITTED
    assert [hit["id"] for hit in setup.json("search", "tag7")["hits"]] == [
        "part-000/story-00007.txt"
    ]
    assert setup.json("show", "part-000/story-00007.txt")["title"].startswith("Story 7 ")

    rerun = setup.json("index", setup.archive)
    assert rerun["indexed"] + rerun["updated"] == ADDED
    assert rerun["skipped"] == []
    assert setup.total() == TOTAL
    late = f"part-{(TOTAL - 1) // 100:03d}/story-{TOTAL - 1:05d}.txt"
    assert [hit["id"] for hit in setup.json("search", f"tag{TOTAL - 1}")["hits"]] == [late]
    again = setup.json("index", setup.archive)
    assert (again["indexed"], again["updated"], again["unchanged"]) == (0, 0, TOTAL)


def test_the_workers_of_a_killed_indexer_end_too(setup: Setup, indexer: PtyProcess) -> None:
    indexer.wait_for(progress_at_least(ADDED // 3), what="the indexer to be a third of the way")
    os.kill(indexer.process.pid, signal.SIGKILL)
    indexer.process.wait(timeout=30)

    def group_is_gone() -> bool:
        try:
            os.killpg(indexer.process.pid, 0)
        except ProcessLookupError:
            return True
        return False

    poll(group_is_gone, timeout=30, what="the indexer's workers to end")


def test_a_second_indexer_says_the_index_is_busy(setup: Setup, indexer: PtyProcess) -> None:
    indexer.wait_for(progress_at_least(100), what="the first indexer to be writing")
    # Hold the first indexer (and its workers) still while it holds the index, so the second
    # one meets it busy however fast this machine is.
    os.killpg(indexer.process.pid, signal.SIGSTOP)
    try:
        second = setup.run("index", setup.archive, "--index-dir", setup.index_dir, "--json")
        assert second.returncode == 1
        assert TRACEBACK not in second.stderr
        message = second.stderr.decode()
        assert "another newsreader is updating this index" in message
        assert second.stdout == b""
        # Searching meanwhile sees the last commit.
        assert setup.total() == COMMITTED
    finally:
        os.killpg(indexer.process.pid, signal.SIGCONT)
    assert indexer.finish(timeout=180) == 0
    assert setup.total() == TOTAL


# The reader beside another process that updates the same index.


async def test_the_reader_shows_what_another_process_indexed_on_its_next_search(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "archive"
    write_generated(archive, range(20))
    index_dir = tmp_path / "index"
    env = user_env(tmp_path / "home")
    json_of(run_newsreader(["index", archive, "--index-dir", index_dir, "--json"], env))
    isolate_user_dirs(monkeypatch, tmp_path / "home")
    app = reader_app(archive, index_dir, tmp_path / "home")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        assert screen.results.total == 20
        (archive / "late.txt").write_text(
            " date 2024-12-01 A late story\nThe axolotl arrived after the reader opened.\n"
        )
        write_generated(archive, range(20, 620))  # enough for the indexer's worker processes
        command = ["index", str(archive), "--index-dir", str(index_dir), "--json"]
        indexer = subprocess.Popen(
            [str(NEWSREADER), *command], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        try:
            # While the other process writes, the reader searches and opens stories as before.
            for number in (3, 7, 11):
                await type_query(pilot, screen, f"tag{number}")
                assert [hit.id for hit in screen.results.hits] == [
                    f"part-000/story-{number:05d}.txt"
                ]
                screen.open_story(screen.results.hits[0].id)
                await settle(pilot)
                assert screen.article_view.article_id == f"part-000/story-{number:05d}.txt"
            output, errors = indexer.communicate(timeout=DEADLINE_SECONDS)
        finally:
            indexer.kill()
            indexer.wait()
        assert indexer.returncode == 0, errors.decode()
        assert json.loads(output)["indexed"] == 601
        # Its next search finds the new stories.
        await type_query(pilot, screen, "axolotl")
        assert [hit.id for hit in screen.results.hits] == ["late.txt"]
        screen.results.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article_view.article_id == "late.txt"


async def type_query(pilot, screen: MainScreen, text: str) -> None:
    screen.search_bar.input.focus()
    screen.search_bar.input.value = ""
    await pilot.press(*text)
    await settle(pilot)


# A read-only index folder: searching still works, updating says why it can't.


def test_a_read_only_index_can_be_searched_and_says_why_it_cant_be_updated(
    setup: Setup,
) -> None:
    setup.index_dir.chmod(0o555)
    try:
        assert setup.json("search", "", unprivileged=True)["total"] == COMMITTED
        refused = setup.run(
            "index", setup.archive, "--index-dir", setup.index_dir, unprivileged=True
        )
        assert refused.returncode == 1
        assert TRACEBACK not in refused.stderr
        message = refused.stderr.decode()
        assert message.startswith("newsreader: can't write the index in ")
        assert "ermission denied" in message
        assert setup.total() == COMMITTED  # and nothing was broken
    finally:
        setup.index_dir.chmod(0o755)


def test_the_reader_on_a_read_only_index_says_why_it_cant_update(setup: Setup) -> None:
    setup.index_dir.chmod(0o555)
    terminal = PtyProcess(
        [str(NEWSREADER), str(setup.archive), "--index-dir", str(setup.index_dir)],
        setup.env,
        unprivileged=True,
    )
    try:
        # The stories show at once; the update behind them fails and a notice says why. Its
        # text wraps and is drawn in pieces: look for the words without the terminal's codes.
        terminal.wait_for(lambda out: b"Indexing failed" in out, what="the failure")
        terminal.wait_for(lambda out: b"Permissiondenied" in words(out), what="the reason")
        terminal.send(b"\x11")  # ctrl+q: the focus is in the search bar, where q is typed
        assert terminal.finish(timeout=60) == 0
    finally:
        terminal.kill()
        setup.index_dir.chmod(0o755)
    assert TRACEBACK not in bytes(terminal.output)


def words(output: bytes) -> bytes:
    """A terminal's output without its control sequences and white space."""
    return re.sub(rb"\x1b\[[0-9;?]*[A-Za-z]|\s", b"", output)


# A damaged index: each way its files are found broken. The index is a cache of the archive:
# every one is named in plain words and mended by a rebuild, which never touches the archive.


def _cut_segments_short(index_dir: Path) -> None:
    for segment in index_dir.glob("*.seg"):
        with segment.open("r+b") as handle:
            handle.truncate(100)


def _overwrite_table_of_contents(index_dir: Path) -> None:
    for toc in index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(bytes(range(256)) * 2)  # Whoosh: "created on different architecture"


def _empty_table_of_contents(index_dir: Path) -> None:
    for toc in index_dir.glob("_MAIN_*.toc"):
        toc.write_bytes(b"")


def _remove_segments(index_dir: Path) -> None:
    for segment in index_dir.glob("*.seg"):
        segment.unlink()


DAMAGE = {
    "segments cut short": _cut_segments_short,
    "table of contents overwritten": _overwrite_table_of_contents,
    "table of contents emptied": _empty_table_of_contents,
    "segment files missing": _remove_segments,
}
WHOOSH_WORDING = ("architecture", "saved int", "Error", "Traceback", "No such file", "ord()")


@pytest.fixture
def indexed(tmp_path: Path) -> Setup:
    archive = tmp_path / "archive"
    write_generated(archive, range(30))
    state = Setup(archive, tmp_path / "index", user_env(tmp_path / "home"))
    json_of(run_newsreader(["index", archive, "--index-dir", state.index_dir, "--json"], state.env))
    return state


@pytest.fixture
def damaged(indexed: Setup) -> Setup:
    _cut_segments_short(indexed.index_dir)
    return indexed


def archive_state(archive: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(archive).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(archive.rglob("*.txt"))
    }


@pytest.mark.parametrize("damage", DAMAGE)
def test_each_kind_of_damage_is_named_plainly_and_a_rebuild_mends_it(
    indexed: Setup, damage: str
) -> None:
    DAMAGE[damage](indexed.index_dir)
    before = archive_state(indexed.archive)
    with pytest.raises(IndexDamaged) as updating:
        update_index(indexed.archive, indexed.index_dir)
    with pytest.raises(IndexDamaged) as opening:
        ArchiveIndex.open(indexed.index_dir)
    for error in (updating.value, opening.value):
        assert str(error).startswith(f"the index in {indexed.index_dir} is damaged: ")
        assert not any(wording in str(error) for wording in WHOOSH_WORDING)
    assert f"`newsreader index {indexed.archive} --rebuild`" in str(updating.value)
    rebuilt = update_index(indexed.archive, indexed.index_dir, rebuild=True)
    assert rebuilt.indexed == 30
    assert indexed.total() == 30
    assert archive_state(indexed.archive) == before


def test_an_index_of_another_version_is_named_when_searched_as_it_is(indexed: Setup) -> None:
    manifest = Manifest(indexed.index_dir)
    try:
        manifest.save([], [], {"schema_version": "1"})
    finally:
        manifest.close()
    with pytest.raises(IndexUnavailable, match="built by another version of newsreader"):
        ArchiveIndex.open(indexed.index_dir)
    result = indexed.run("search", "harbour", "--index-dir", indexed.index_dir)
    assert result.returncode == 1
    assert b"`newsreader index ARCHIVE` builds it again" in result.stderr
    assert indexed.json("index", indexed.archive)["indexed"] == 30  # rebuilt on its own


def test_a_rebuild_waits_for_no_one_and_leaves_a_busy_index_alone(indexed: Setup) -> None:
    ix = whoosh_index.open_dir(str(indexed.index_dir))
    writer = ix.writer()  # the lock another indexer would hold
    try:
        with pytest.raises(IndexBusy):
            update_index(indexed.archive, indexed.index_dir, rebuild=True)
    finally:
        writer.cancel()
        ix.close()
    assert indexed.total() == 30


def test_searching_a_damaged_index_says_to_rebuild_it(damaged: Setup) -> None:
    for command in (("search", "harbour"), ("show", "part-000/story-00001.txt")):
        result = damaged.run(*command, "--index-dir", damaged.index_dir)
        assert result.returncode == 1
        assert TRACEBACK not in result.stderr
        assert "--rebuild` does, and the archive itself is not touched" in result.stderr.decode()


def test_searching_an_archive_whose_index_is_damaged_names_the_archive_to_rebuild(
    indexed: Setup,
) -> None:
    assert indexed.run("index", indexed.archive).returncode == 0
    (cached,) = (Path(indexed.env["XDG_CACHE_HOME"]) / "newsreader" / "indexes").iterdir()
    _cut_segments_short(cached)
    result = indexed.run("search", "harbour", "--archive", indexed.archive)
    assert result.returncode == 1
    assert TRACEBACK not in result.stderr
    assert f"`newsreader index {indexed.archive} --rebuild`".encode() in result.stderr


@pytest.mark.parametrize("as_json", [False, True])
def test_the_index_command_rebuilds_a_damaged_index_and_says_so(
    damaged: Setup, as_json: bool
) -> None:
    (damaged.archive / "new.txt").write_text(" date 2024-01-01 New\nA new story.\n")
    before = archive_state(damaged.archive)
    json_flag = ("--json",) if as_json else ()
    result = damaged.run("index", damaged.archive, "--index-dir", damaged.index_dir, *json_flag)
    assert result.returncode == 0
    assert TRACEBACK not in result.stderr
    assert words(result.stderr) == words(
        f"The index in {damaged.index_dir} is damaged (some of its files can't be read): "
        "building it again from the archive, which is not touched.".encode()
    )
    if as_json:
        assert json.loads(result.stdout)["indexed"] == 31
    assert damaged.total() == 31
    assert archive_state(damaged.archive) == before


@pytest.mark.parametrize("damage", DAMAGE)
async def test_the_reader_on_a_damaged_index_says_so_plainly_and_r_rebuilds_it(
    indexed: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    DAMAGE[damage](indexed.index_dir)
    isolate_user_dirs(monkeypatch, tmp_path / "home")
    app = reader_app(indexed.archive, indexed.index_dir, tmp_path / "home")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IndexingScreen)
        text = str(screen.query_one("#indexing-status", Static).visual)
        assert text == (
            "The index of this archive is damaged: some of its files can't be read. It is only "
            "a cache of the archive, so nothing is lost by building it again, and the archive "
            f"itself is not touched.\nIndex: {indexed.index_dir}\n"
            "Press r to rebuild it from the archive, q to quit."
        )
        assert not screen.query_one(ProgressBar).display
        await pilot.press("r")
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert app.screen.results.total == 30


async def test_quitting_the_reader_on_an_index_it_could_not_build_exits_non_zero(
    damaged: Setup, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_user_dirs(monkeypatch, tmp_path / "home")
    app = reader_app(damaged.archive, damaged.index_dir, tmp_path / "home")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, IndexingScreen) and app.screen.failed
        await pilot.press("q")
        await settle(pilot)
    assert app.return_code == 1


async def test_the_reader_beside_a_busy_indexer_says_so_and_can_index_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "archive"
    write_generated(archive, range(10))
    index_dir = tmp_path / "index"
    update_index(archive, index_dir)
    write_generated(archive, range(10, 12))  # something to index at launch
    ix = whoosh_index.open_dir(str(index_dir))
    writer = ix.writer()  # the lock another indexer would hold
    isolate_user_dirs(monkeypatch, tmp_path / "home")
    app = reader_app(archive, index_dir, tmp_path / "home")
    notices: list[str] = []
    notify = app.notify

    def record(message: str, **options) -> None:
        notices.append(message)
        notify(message, **options)

    app.notify = record  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            # The stories already indexed show at once; the update behind them finds the
            # index busy and says so.
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.results.total == 10
            assert any("another newsreader is updating this index" in n for n in notices)
            assert not any("Traceback" in notice for notice in notices)
            writer.cancel()
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"Re-index")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot, rounds=12)
            screen = app.screen
            assert isinstance(screen, MainScreen)
            assert screen.results.total == 12
    finally:
        if not writer.is_closed:
            writer.cancel()
        ix.close()
