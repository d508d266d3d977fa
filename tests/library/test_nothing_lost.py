"""Nothing the user marks is lost: not when the process is killed, not when two processes mark at
once, not when the file is damaged (it is kept, moved aside) or can't be written. Real files and
real processes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from robustness.robustness_helpers import permissions_enforced

from articles.feeds import FeedState, FeedSubscription
from reader.library import Library, StoryMark, StoryRef

BAKU = StoryRef("defence/baku.txt", "hash-of-baku")


def python(code: str, *arguments: str, **options: object) -> subprocess.Popen[str]:
    """`code` run by a new Python process, with `arguments` in its sys.argv[1:]."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **options,  # type: ignore[call-overload]
    )


def test_a_star_is_kept_when_the_process_is_killed_right_after(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    starring = python(
        """
        import os, signal, sys
        from pathlib import Path
        from reader.library import Library, StoryRef

        library, _ = Library.open(Path(sys.argv[1]))
        library.set_starred(StoryRef("defence/baku.txt", "hash-of-baku"), True)
        os.kill(os.getpid(), signal.SIGKILL)
        """,
        str(path),
    )
    _, errors = starring.communicate(timeout=60)
    assert starring.returncode == -signal.SIGKILL, errors
    library, message = Library.open(path)
    try:
        assert message is None
        assert library.marks_of([BAKU.id]) == {BAKU.id: StoryMark(starred=True)}
    finally:
        library.close()


def test_a_feed_added_is_kept_when_the_process_is_killed_right_after(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    adding = python(
        """
        import os, signal, sys
        from pathlib import Path
        from articles.feeds import FeedState
        from reader.library import Library

        library, _ = Library.open(Path(sys.argv[1]))
        library.add_feed("Harbour News", "https://harbour.example/rss.xml")
        library.save_feed_states({"https://harbour.example/rss.xml": FeedState(etag="e1")})
        os.kill(os.getpid(), signal.SIGKILL)
        """,
        str(path),
    )
    _, errors = adding.communicate(timeout=60)
    assert adding.returncode == -signal.SIGKILL, errors
    library, message = Library.open(path)
    try:
        assert message is None
        assert library.feeds() == [
            FeedSubscription("Harbour News", "https://harbour.example/rss.xml")
        ]
        assert library.feed_states() == {"https://harbour.example/rss.xml": FeedState(etag="e1")}
    finally:
        library.close()


def test_two_processes_marking_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    Library.open(path)[0].close()  # both start on a library that exists
    rounds = 150
    marking = """
        import sys
        from pathlib import Path
        from reader.library import Library, StoryRef

        library, message = Library.open(Path(sys.argv[1]))
        assert message is None, message
        name = sys.argv[2]
        shared = StoryRef("shared.txt", "hash-of-shared")
        for number in range(int(sys.argv[3])):
            library.set_read([StoryRef(f"{name}-{number}.txt", f"hash-{name}-{number}")])
            library.add_tags(shared, [f"{name}-{number}"])
        library.close()
        """
    processes = [python(marking, str(path), name, str(rounds)) for name in ("one", "two")]
    for process in processes:
        output, errors = process.communicate(timeout=300)
        assert (process.returncode, output, errors) == (0, "", "")
    library, _ = Library.open(path)
    try:
        assert len(library.stories_marked("read")) == 2 * rounds
        tags = library.marks_of(["shared.txt"])["shared.txt"].tags
        assert len(tags) == 2 * rounds
    finally:
        library.close()


def damaged_library(path: Path) -> bytes:
    """A library holding a star, then cut in half: what a full disk or a bad copy leaves."""
    library, _ = Library.open(path)
    for number in range(300):
        library.set_note(StoryRef(f"story-{number}.txt"), f"note number {number} " * 20)
    library.close()
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    return whole[: len(whole) // 2]


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda path: path.write_bytes(b"not a database\n" * 500), id="garbage"),
        pytest.param(damaged_library, id="truncated"),
    ],
)
def test_a_damaged_library_is_moved_aside_and_a_new_one_started(tmp_path: Path, damage) -> None:
    path = tmp_path / "library.sqlite"
    damage(path)
    damaged = path.read_bytes()
    library, message = Library.open(path)
    try:
        (aside,) = tmp_path.glob("library.sqlite.corrupt-*")
        assert message == (
            f"Your library {path} was damaged: it was moved aside to {aside.name} and a new, "
            "empty one started."
        )
        assert aside.read_bytes() == damaged
        assert library.can_save
        library.set_starred(BAKU, True)
    finally:
        library.close()
    library, message = Library.open(path)
    try:
        assert message is None
        assert library.stories_marked("starred") == {BAKU.id}
    finally:
        library.close()


def test_a_read_only_data_folder_keeps_marks_in_memory_and_says_so(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    library, _ = Library.open(folder / "library.sqlite")
    library.set_starred(BAKU, True)
    library.close()
    before = (folder / "library.sqlite").read_bytes()
    folder.chmod(0o555)
    try:
        reading = python(
            """
            import sys
            from pathlib import Path
            from reader.library import Library, StoryRef

            library, message = Library.open(Path(sys.argv[1]))
            print(message)
            print(library.can_save, sorted(library.stories_marked("starred")))
            library.set_read([StoryRef("economy/strike.txt", "hash")])
            print(sorted(library.stories_marked("read")))
            library.close()
            """,
            str(folder / "library.sqlite"),
            preexec_fn=permissions_enforced(),
        )
        output, errors = reading.communicate(timeout=60)
    finally:
        folder.chmod(0o755)
    assert (reading.returncode, errors) == (0, "")
    sentence, saved, read = output.splitlines()
    assert sentence.startswith(f"Your library can't be saved in {folder} (")
    assert sentence.endswith("): marks made now last only until you quit.")
    assert saved == "False ['defence/baku.txt']"  # the marks saved before are there
    assert read == "['economy/strike.txt']"
    assert (folder / "library.sqlite").read_bytes() == before
    assert sorted(path.name for path in folder.iterdir()) == ["library.sqlite"]


def test_a_damaged_library_in_a_read_only_folder_is_left_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "library.sqlite").write_bytes(b"not a database\n" * 500)
    folder.chmod(0o555)
    try:
        opening = python(
            """
            import sys
            from pathlib import Path
            from reader.library import Library, StoryRef

            library, message = Library.open(Path(sys.argv[1]))
            library.set_starred(StoryRef("defence/baku.txt"), True)
            print(message)
            print(library.can_save, sorted(library.stories_marked("starred")))
            """,
            str(folder / "library.sqlite"),
            preexec_fn=permissions_enforced(),
        )
        output, errors = opening.communicate(timeout=60)
    finally:
        folder.chmod(0o755)
    assert (opening.returncode, errors) == (0, "")
    sentence, saved = output.splitlines()
    assert sentence.startswith(
        f"Your library {folder / 'library.sqlite'} is damaged and can't be moved aside ("
    )
    assert sentence.endswith("): marks made now last only until you quit.")
    assert saved == "False ['defence/baku.txt']"
    assert (folder / "library.sqlite").read_bytes() == b"not a database\n" * 500
    assert sorted(path.name for path in folder.iterdir()) == ["library.sqlite"]


def test_a_data_folder_that_cant_be_created_keeps_marks_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    library, message = Library.open(blocker / "library.sqlite")
    try:
        assert message is not None and message.startswith("Your library can't be saved in ")
        assert not library.can_save
        library.set_starred(BAKU, True)
        assert library.stories_marked("starred") == {BAKU.id}
    finally:
        library.close()


def test_a_library_another_process_is_writing_opens_at_once_and_marks_wait(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    Library.open(path)[0].close()
    holder = python(
        """
        import sqlite3, sys, time
        db = sqlite3.connect(sys.argv[1], isolation_level=None)
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO saved_searches (name, query, created) VALUES ('x', 'x', 'now')")
        print("holding", flush=True)
        sys.stdin.readline()
        db.execute("COMMIT")
        """,
        str(path),
        stdin=subprocess.PIPE,
    )
    assert holder.stdout is not None and holder.stdin is not None
    assert holder.stdout.readline() == "holding\n"
    library, message = Library.open(path)  # opening waits for nothing
    try:
        assert message is None and library.can_save
        waiting = python(
            """
            import sys
            from pathlib import Path
            from reader.library import Library, StoryRef
            library, _ = Library.open(Path(sys.argv[1]))
            library.set_starred(StoryRef("defence/baku.txt"), True)
            print("starred", flush=True)
            """,
            str(path),
        )
        holder.stdin.write("\n")  # let go once the other is waiting, or has finished
        holder.stdin.flush()
        output, errors = waiting.communicate(timeout=60)
        assert (waiting.returncode, output, errors) == (0, "starred\n", "")
        assert holder.wait(timeout=60) == 0
        assert library.stories_marked("starred") == {BAKU.id}
    finally:
        library.close()
        holder.kill()


def test_sqlite_journal_is_write_ahead(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    Library.open(path)[0].close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert os.path.getsize(path) > 0
