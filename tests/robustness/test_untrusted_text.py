"""Article text and file names are untrusted: markup shows literally, escape sequences never reach
the terminal. Proved on what the real command writes (bytes) and on the app's widgets.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pilot_waits import settle
from robustness_helpers import (
    C1_OSC,
    CLEAR_SCREEN,
    DCS,
    HOSTILE_AUTHOR,
    HOSTILE_BODY,
    HOSTILE_TITLE,
    MARKER,
    NEWSREADER,
    OSC_TITLE,
    TRACEBACK,
    PtyProcess,
    isolate_user_dirs,
    json_of,
    reader_app,
    run_newsreader,
    user_env,
)

from articles.model import Mention
from index.api import FacetCount
from reader.rendering import UNREAD_DOT
from reader.screens.main import MainScreen

LITERAL_TITLE = "[bold red]ALERT[/] markup headline"
LITERAL_LINK = "[link=file:///etc/passwd]x[/link]"
BADLY_NAMED = f"name {OSC_TITLE} [bold]x[red].txt"
EMPTY_BADLY_NAMED = "empty \x1b]52;c;bmFtZQ==\x07.txt"  # a clipboard write in a name
# Raw bytes that must never reach a terminal: string introducers (OSC, DCS, their C1 forms as
# UTF-8), BEL that ends a string, and the clear-screen sequence.
RAW_FORBIDDEN = (b"\x1b]", b"\x1bP", b"\x07", b"\xc2\x9d", b"\xc2\x90", CLEAR_SCREEN.encode())
# Payloads of the sequences inside article text: removed at ingest, so never shown at all.
ARTICLE_PAYLOADS = (f"{MARKER}-dcs", f"{MARKER}-c1", "UFdORUQ")
_SGR = re.compile(rb"\x1b\[[0-9;]*m")


@dataclass
class HostileArchive:
    archive: Path
    index_dir: Path
    env: dict[str, str]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileArchive]:
    base = tmp_path_factory.mktemp("hostile")
    archive = base / "archive"
    archive.mkdir()
    (archive / "hostile.txt").write_text(
        f" date 2024-06-01 {HOSTILE_TITLE}\n{HOSTILE_BODY}", encoding="utf-8"
    )
    (archive / BADLY_NAMED).write_text(
        " date 2024-06-02 Named badly\nA wombat story in a badly named file.\n"
    )
    (archive / EMPTY_BADLY_NAMED).write_text("")
    record = {
        "title": HOSTILE_TITLE,
        "author": HOSTILE_AUTHOR,
        "date": "2024-06-03",
        "body": HOSTILE_BODY.replace("quokkas", "numbats"),
        "source": f"[red]src[/] {OSC_TITLE}",
        "url": f"https://example.org/{DCS}",
    }
    (archive / "wire.jsonl").write_text(json.dumps(record) + "\n")
    # Colours on and a wide terminal: the output is what a user's terminal would receive.
    env = user_env(base / "home", FORCE_COLOR="1", COLUMNS="200", TERM="xterm-256color")
    index_dir = base / "index"
    json_of(run_newsreader(["index", archive, "--index-dir", index_dir, "--json"], env))
    yield HostileArchive(archive, index_dir, env)


def assert_harmless(output: bytes) -> None:
    assert TRACEBACK not in output
    for sequence in RAW_FORBIDDEN:
        assert sequence not in output, f"{sequence!r} reached the terminal"
    for payload in ARTICLE_PAYLOADS:
        assert payload.encode() not in output


def run(hostile: HostileArchive, *args: str | Path, expect: int = 0) -> bytes:
    result = run_newsreader(args, hostile.env)
    assert result.returncode == expect, result.stderr.decode("utf-8", "replace")
    assert_harmless(result.stdout)
    assert_harmless(result.stderr)
    return result.stdout + result.stderr


def visible(output: bytes) -> str:
    """The text a user sees: colour codes removed."""
    return _SGR.sub(b"", output).decode("utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("index", "{archive}", "--index-dir", "{index}"),
        ("index", "{archive}", "--index-dir", "{index}", "--json"),
        ("index", "{archive}", "--index-dir", "{fresh}"),
        ("search", "quokkas OR numbats OR wombat", "--index-dir", "{index}"),
        ("search", "quokkas OR numbats OR wombat", "--index-dir", "{index}", "--json"),
        ("search", "", "--index-dir", "{index}", "--sort", "date"),
        ("search", "quokkas", "--archive", "{archive}"),
        ("show", "hostile.txt", "--index-dir", "{index}"),
        ("show", "wire.jsonl#1", "--index-dir", "{index}"),
        ("show", "wire.jsonl#1", "--index-dir", "{index}", "--json"),
        ("show", BADLY_NAMED, "--index-dir", "{index}"),
        ("show", BADLY_NAMED, "--index-dir", "{index}", "--json"),
        ("entities", "{archive}/hostile.txt", "{archive}/wire.jsonl", "{archive}/" + BADLY_NAMED),
        ("entities", "{archive}/hostile.txt", "{archive}/wire.jsonl", "--json"),
    ],
    ids=lambda args: " ".join(arg for arg in args if not arg.startswith("{"))[:60],
)
def test_the_command_line_never_writes_an_escape_sequence(
    hostile: HostileArchive, tmp_path: Path, args: tuple[str, ...]
) -> None:
    places = {
        "{archive}": str(hostile.archive),
        "{index}": str(hostile.index_dir),
        "{fresh}": str(tmp_path / "fresh-index"),
    }
    resolved = []
    for arg in args:
        for placeholder, value in places.items():
            arg = arg.replace(placeholder, value)
        resolved.append(arg)
    run(hostile, *resolved)


def test_errors_that_echo_a_hostile_name_are_harmless(hostile: HostileArchive) -> None:
    run(hostile, "show", f"missing {OSC_TITLE}", "--index-dir", hostile.index_dir, expect=1)
    run(hostile, "search", f"( {OSC_TITLE}", "--index-dir", hostile.index_dir)
    run(hostile, "entities", hostile.archive / EMPTY_BADLY_NAMED, expect=1)  # nothing usable


def test_markup_shows_literally_in_the_tables(hostile: HostileArchive) -> None:
    found = visible(run(hostile, "search", "quokkas OR numbats", "--index-dir", hostile.index_dir))
    assert found.count(LITERAL_TITLE) == 2
    shown = visible(run(hostile, "show", "hostile.txt", "--index-dir", hostile.index_dir))
    assert LITERAL_TITLE in shown
    assert LITERAL_LINK in shown
    assert "[bold red]ALERT[/] literally" in shown
    wire = visible(run(hostile, "show", "wire.jsonl#1", "--index-dir", hostile.index_dir))
    assert "[italic]Eve[/] Mallory" in wire


def test_markup_shows_literally_and_escapes_are_gone_in_the_json(hostile: HostileArchive) -> None:
    article = json.loads(
        run(hostile, "show", "wire.jsonl#1", "--index-dir", hostile.index_dir, "--json")
    )
    assert article["title"] == LITERAL_TITLE
    assert article["author"] == "[italic]Eve[/] Mallory"
    assert LITERAL_LINK in article["body"]
    for value in (article["title"], article["author"], article["body"]):
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", value)
    found = json.loads(
        run(hostile, "search", "quokkas", "--index-dir", hostile.index_dir, "--json")
    )
    assert [hit["title"] for hit in found["hits"]] == [LITERAL_TITLE]
    assert "\x1b" not in json.dumps(found, ensure_ascii=False)


# The app: markup in every pane shows literally.


@pytest.fixture
def make_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hostile: HostileArchive):
    isolate_user_dirs(monkeypatch, tmp_path / "home")
    return lambda: reader_app(hostile.archive, hostile.index_dir, tmp_path / "home")


def option_texts(option_list) -> list[str]:
    return [
        str(option_list.get_option_at_index(index).prompt)
        for index in range(option_list.option_count)
    ]


async def test_markup_shows_literally_in_every_pane(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.search_bar.input.focus()
        await pilot.press(*"quokkas")
        await settle(pilot)
        rows = option_texts(screen.results)
        assert len(rows) == 1 and rows[0].removeprefix(UNREAD_DOT).startswith(LITERAL_TITLE)
        screen.results.focus()
        await pilot.press("enter")
        await settle(pilot)
        shown = screen.article_view.text.plain
        assert shown.startswith(LITERAL_TITLE + "\n")
        assert LITERAL_LINK in shown and "[bold red]ALERT[/] literally" in shown
        for text in [shown, *rows, *option_texts(screen.sidebar.entity_list)]:
            assert "\x1b" not in text and MARKER not in text

        # Entity names are article text too: the sidebar shows them literally.
        hostile_name = "[b]Karim[/b] [link=file:///etc/passwd]Valiyev[/link]"
        screen.sidebar.show_story((Mention("person", hostile_name, 0, 5),))
        screen.sidebar.show_facets(
            {"person": (FacetCount(hostile_name, 3),), "place": (), "organization": ()}, 3
        )
        await settle(pilot)
        entries = [text for text in option_texts(screen.sidebar.entity_list) if "Karim" in text]
        assert len(entries) == 2
        assert all(hostile_name in text for text in entries)


# The real app in a pseudo-terminal: what it writes to the terminal holds none of the article's
# escape sequences (Textual itself writes CSI codes, so the payloads are looked for).


@pytest.mark.skipif(shutil.which("stty") is None, reason="needs a POSIX terminal")
def test_the_app_never_writes_an_escape_sequence_from_an_article(
    hostile: HostileArchive, tmp_path: Path
) -> None:
    env = user_env(tmp_path / "home")
    terminal = PtyProcess(
        [str(NEWSREADER), str(hostile.archive), "--index-dir", str(hostile.index_dir)], env
    )
    try:
        terminal.wait_for(lambda out: b"markup headline" in out, what="the result list")
        terminal.send(b"quokkas")
        terminal.wait_for(lambda out: b"1 story" in out, what="the search result")
        mark = len(terminal.output)
        terminal.send(b"\r")  # to the result list, whose footer offers Enter to open
        terminal.wait_for(lambda out: b"Open" in out[mark:], what="the result list's focus")
        terminal.send(b"\r")  # open the story
        terminal.wait_for(lambda out: b"literally" in out, what="the article")
        terminal.send(b"\x11")  # ctrl+q
        terminal.finish()
    finally:
        terminal.kill()
    output = bytes(terminal.output)
    assert TRACEBACK not in output
    for payload in (
        MARKER.encode(),
        b"\x1b]52",
        b"\x1b]0;" + MARKER.encode(),
        b"screen " + CLEAR_SCREEN.encode(),
        C1_OSC.encode(),
        DCS.encode(),
    ):
        assert payload not in output, f"{payload!r} reached the terminal"
