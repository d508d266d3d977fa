"""End to end: the real `newsreader` command in a real terminal (tmux), driven by keystrokes.

Skipped where tmux is absent. Waits by polling the screen with a generous deadline, never by
fixed sleeps, so it passes on a slow machine.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

FIXTURE_ARCHIVE = Path(__file__).resolve().parents[1] / "reader" / "fixtures" / "archive"
# Stories added to the fixture's for a list longer than the reader's first page (30).
HARBOUR_LOGS = 40
DEADLINE_SECONDS = 90.0
POLL_SECONDS = 0.2

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def newsreader_command() -> str:
    beside_python = Path(sys.executable).with_name("newsreader")
    found = str(beside_python) if beside_python.exists() else shutil.which("newsreader")
    if found is None:
        pytest.skip("the newsreader console script is not installed")
    return found


class Terminal:
    """One tmux session on a private server, so a user's own tmux is never touched."""

    def __init__(self, socket: str, session: str) -> None:
        self.socket = socket
        self.session = session

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            check=check,
            timeout=30,
        )

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", self.session, check=False).stdout

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.session, "-l", text)

    def wait_for(self, *texts: str) -> str:
        deadline = time.monotonic() + DEADLINE_SECONDS
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if all(text in screen for text in texts):
                return screen
            time.sleep(POLL_SECONDS)
        size = self.tmux("display", "-p", "-t", self.session, "#{pane_width}x#{pane_height}")
        raise AssertionError(f"never saw {texts!r} on the {size.stdout.strip()} screen:\n{screen}")


# Each engine the reader can run on, the stock-Whoosh one included (`--engine whoosh` rules the
# fast path out when something looks wrong: it must work as well).
ENGINES = ["fastpath", "whoosh"]


@pytest.fixture(params=ENGINES)
def terminal(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Terminal]:
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, archive)
    with reader_in_tmux(archive, tmp_path, engine=request.param) as terminal:
        yield terminal


@pytest.fixture(params=ENGINES)
def terminal_on_a_long_archive(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Terminal]:
    """The fixture archive and a harbour log older than its stories, "Harbour log 01" oldest."""
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, archive)
    for number in range(1, HARBOUR_LOGS + 1):
        (archive / f"log-{number:02}.txt").write_text(
            f" date {date(2010, 1, 1) + timedelta(days=number)} Harbour log {number:02}\n"
            f"Entry {number:02} of the harbour log: the tide came in at six.\n",
            encoding="utf-8",
        )
    with reader_in_tmux(archive, tmp_path, engine=request.param) as terminal:
        yield terminal


@contextmanager
def reader_in_tmux(archive: Path, tmp_path: Path, engine: str = "fastpath") -> Iterator[Terminal]:
    home = tmp_path / "home"
    environment = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / "config",
        "XDG_DATA_HOME": home / "data",
        "XDG_CACHE_HOME": home / "cache",
    }
    command = " ".join(
        [
            # A COLUMNS or LINES in the environment would override the pane's real size.
            "env -u COLUMNS -u LINES",
            *(f"{name}={shlex.quote(str(value))}" for name, value in environment.items()),
            "TERM=xterm-256color",
            shlex.quote(newsreader_command()),
            shlex.quote(str(archive)),
            "--index-dir",
            shlex.quote(str(tmp_path / "index")),
            "--engine",
            engine,
            # Keep the pane after the app ends, to read its exit status.
            "; echo newsreader exited with $?; sleep 600",
        ]
    )
    terminal = Terminal(f"newsreader-e2e-{uuid.uuid4().hex[:8]}", "reader")
    terminal.tmux("new-session", "-d", "-s", "reader", "-x", "120", "-y", "40", command)
    try:
        yield terminal
    finally:
        terminal.tmux("kill-server", check=False)


def test_search_open_a_story_and_quit(terminal: Terminal) -> None:
    # First launch: the archive is indexed, then the newest stories are listed.
    # (Expected texts are short: the panes cut and wrap long lines.)
    terminal.wait_for("archive · 8 articles", "8 stories", "Marenvik budget puts")
    terminal.type("seals")
    screen = terminal.wait_for("2 stories", "Scientists count record")
    assert "Marenvik budget puts" not in screen
    terminal.send("Enter")  # from the search bar to the results
    terminal.wait_for("⏎ Open")  # the footer shows the result list's keys
    terminal.send("Enter")  # open the highlighted story
    terminal.wait_for("Researchers from", "In this story")
    terminal.send("n")  # the next story of the results
    terminal.wait_for("The city council of")
    terminal.send("q")
    terminal.wait_for("newsreader exited with 0")


def test_back_the_last_story_and_an_article_that_follows_the_search(
    terminal_on_a_long_archive: Terminal,
) -> None:
    terminal = terminal_on_a_long_archive
    stories = HARBOUR_LOGS + len(list(FIXTURE_ARCHIVE.rglob("*.txt")))
    terminal.wait_for(f"{stories} stories", "Marenvik budget puts")
    terminal.type("ferry")
    terminal.wait_for("4 stories")
    terminal.send("Enter", "Enter")  # to the results, and open the first
    terminal.wait_for("Ferry crews in Marenvik stopped", "In this story")
    # A new search: the article pane shows its story, not the one it showed before.
    terminal.send("/")
    terminal.type("budget")
    screen = terminal.wait_for("1 story", "The council of Marenvik presented")
    assert "Ferry crews in Marenvik stopped" not in screen
    terminal.send("Enter")  # settled on: a place to come back to
    terminal.wait_for("⏎ Open")
    # Back to each search settled on, with the story that was open.
    terminal.send("BSpace")
    terminal.wait_for("4 stories", "Ferry crews in Marenvik stopped")
    terminal.send("M-Left")
    terminal.wait_for(f"{stories} stories")
    # The last story of a list longer than a page: one key, and it opens.
    terminal.send("G")
    screen = terminal.wait_for("Harbour log 01")
    assert f"Harbour log {HARBOUR_LOGS}" not in screen
    terminal.send("Enter")
    terminal.wait_for("Entry 01 of the harbour log")
    terminal.send("q")
    terminal.wait_for("newsreader exited with 0")


def test_searches_sent_with_their_enter_in_one_burst_are_settled_on(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, archive)
    with reader_in_tmux(archive, tmp_path) as terminal:
        terminal.wait_for("archive · 8 articles", "8 stories")
        # Each search and its Enter in one send, as keys typed ahead or pasted arrive.
        terminal.send("ferry", "Enter")
        terminal.wait_for("4 stories", "⏎ Open")
        terminal.send("/seals", "Enter")
        terminal.wait_for("2 stories", "⏎ Open")
        terminal.send("BSpace")  # Back, not a letter taken off the query
        terminal.wait_for("4 stories", "Ferry workers strike")
        terminal.send("/seals", "Enter")
        terminal.wait_for("2 stories", "⏎ Open")
        terminal.send("q")
        terminal.wait_for("newsreader exited with 0")
    with reader_in_tmux(archive, tmp_path) as terminal:
        terminal.wait_for("2 stories", "Scientists count record")  # reopened on the last search
        terminal.send("C-q")  # the search bar has the keys
        terminal.wait_for("newsreader exited with 0")


def test_a_star_is_kept_for_the_next_launch(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, archive)
    with reader_in_tmux(archive, tmp_path) as terminal:
        terminal.wait_for("8 articles · 8 of 8 unread", "8 stories")
        terminal.send("seals", "Enter")
        screen = terminal.wait_for("2 stories", "⏎ Open")
        assert "★" not in screen
        terminal.send("*")  # the story selected in the result list
        terminal.wait_for("★")
        terminal.send("q")
        terminal.wait_for("newsreader exited with 0")
    with reader_in_tmux(archive, tmp_path) as terminal:
        terminal.wait_for("2 stories", "Scientists count record", "★")
        terminal.send("/is:starred", "Enter")
        screen = terminal.wait_for("1 story", "★")
        assert "Scientists count record" in screen
        terminal.send("C-q")
        terminal.wait_for("newsreader exited with 0")
