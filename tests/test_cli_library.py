"""The library's commands (`mark`, `saved`, `export`) and `is:`/`tag:`/`note:` in `search`, run as
the real console script. Each test has a library of its own (`--data-dir`); the index is shared."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from robustness.robustness_helpers import permissions_enforced
from test_cli import NEWSREADER, WriteArchive, environment, json_of, run

from reader.library import Library, StoryRef

BAKU = "defence/2024-03-14-baku-visit.txt"
BELGRADE = "defence/2024-06-20-belgrade-talks.txt"
STRIKE = "economy/2023-11-02-harbour-strike.txt"
MARKUP = "odd/markup.txt"
WIRE = "wire/2024-wire.jsonl#1"  # the one story with a web address
ARTICLE_COUNT = 9


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, write_test_archive: WriteArchive) -> Path:
    """A home with the test archive in `archive/` and its index in `index/`."""
    home = tmp_path_factory.mktemp("home")
    write_test_archive(home / "archive")
    assert run(home, "index", "archive", "--index-dir", "index").returncode == 0
    return home


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """This test's own data folder (its library)."""
    return tmp_path / "data"


def nr(home: Path, data: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """A library command on the shared index, with this test's library."""
    return run(home, *arguments, "--index-dir", "index", "--data-dir", str(data))


def ids_found(home: Path, data: Path, query: str) -> set[str]:
    page = json_of(nr(home, data, "search", query, "--json", "--limit", "100"))
    return {hit["id"] for hit in page["hits"]}


# --- mark ----------------------------------------------------------------------------------


def test_mark_marks_every_known_story_and_names_the_unknown(home: Path, data: Path) -> None:
    result = nr(home, data, "mark", BAKU, "nowhere.txt", BELGRADE, "--star", "--read",
                "--tag", "Serbia", "--tag", "talks", "--json")  # fmt: skip
    assert result.returncode == 1
    assert (
        result.stderr == "newsreader: no article with id 'nowhere.txt' in the index: not marked\n"
    )
    assert json.loads(result.stdout) == {
        "marked": [
            {"id": BAKU, "read": True, "starred": True, "tags": ["Serbia", "talks"], "note": ""},
            {"id": BELGRADE, "read": True, "starred": True, "tags": ["Serbia", "talks"],
             "note": ""},
        ],
        "unknown": ["nowhere.txt"],
    }  # fmt: skip
    assert (data / "library.sqlite").exists()
    undone = nr(home, data, "mark", BAKU, "--unstar", "--unread", "--untag", "SERBIA")
    assert (undone.returncode, undone.stderr) == (0, "")
    assert undone.stdout == f"{BAKU}: unread, tags: talks\n"
    assert ids_found(home, data, "is:starred") == {BELGRADE}


def test_mark_without_a_mark_is_a_usage_error(home: Path, data: Path) -> None:
    result = nr(home, data, "mark", BAKU)
    assert result.returncode == 2
    assert "say how to mark: --read, --unread, --star, --unstar, --tag or --untag" in result.stderr
    assert nr(home, data, "mark", BAKU, "--read", "--unread").returncode == 2


# --- search with the library ------------------------------------------------------------------


def test_search_finds_by_marks_in_combination_with_everything(home: Path, data: Path) -> None:
    assert nr(home, data, "mark", BAKU, BELGRADE, "--read").returncode == 0
    assert nr(home, data, "mark", BELGRADE, STRIKE, "--star", "--tag", "Serbia").returncode == 0
    library, _ = Library.open(data / "library.sqlite")
    library.set_note(StoryRef(STRIKE), "Ask Gašić about the cranes")
    library.close()
    assert ids_found(home, data, "is:read") == {BAKU, BELGRADE}
    assert len(ids_found(home, data, "is:unread")) == ARTICLE_COUNT - 2
    assert ids_found(home, data, "is:starred tag:serbia") == {BELGRADE, STRIKE}
    assert ids_found(home, data, 'is:unread tag:"SERBIA"') == {STRIKE}
    assert ids_found(home, data, 'is:read person:"Bratislav Gašić" date:2024-06') == {BELGRADE}
    assert ids_found(home, data, "has:note") == {STRIKE}
    assert ids_found(home, data, "note:gasic OR is:read") == {BAKU, BELGRADE, STRIKE}
    assert ids_found(home, data, "is:unstarred NOT is:unread") == {BAKU}


def test_search_says_what_is_accepts(home: Path, data: Path) -> None:
    result = nr(home, data, "search", "is:fresh")
    assert result.returncode == 1
    assert result.stderr.startswith("newsreader: ")
    assert "is:read" in result.stderr and "is:starred" in result.stderr


def test_the_data_folder_comes_from_the_config_file_unless_given(tmp_path: Path) -> None:
    home = tmp_path / "home"
    config = home / "config" / "newsreader"
    config.mkdir(parents=True)
    (config / "config.toml").write_text('data_dir = "~/my-library"\n', encoding="utf-8")
    archive_home = home / "archive"
    archive_home.mkdir()
    (archive_home / "a.txt").write_text(" date 2024-01-01 A story\nIts body.\n", encoding="utf-8")
    assert run(home, "mark", "a.txt", "--star", "--archive", "archive").returncode == 0
    assert (home / "my-library" / "library.sqlite").exists()
    assert not (home / "data" / "newsreader").exists()
    elsewhere = tmp_path / "elsewhere"
    given = run(home, "search", "is:starred", "--archive", "archive", "--data-dir", str(elsewhere),
                "--json")  # fmt: skip
    assert json_of(given)["total"] == 0  # another library: nothing starred there
    assert (elsewhere / "library.sqlite").exists()


# --- saved -----------------------------------------------------------------------------------


def test_saved_searches_count_what_is_new_since_they_were_opened(home: Path, data: Path) -> None:
    added = json_of(nr(home, data, "saved", "add", "defence", "tag:defence", "--json"))
    assert added == {"name": "defence", "query": "tag:defence", "total": 0}
    assert nr(home, data, "mark", BAKU, BELGRADE, "--tag", "defence").returncode == 0
    (listed,) = json_of(nr(home, data, "saved", "list", "--json"))["saved"]
    assert list(listed) == ["name", "query", "created", "last_opened", "total", "new", "error"]
    assert (listed["total"], listed["new"], listed["last_opened"]) == (2, 2, None)
    ran = json_of(nr(home, data, "saved", "run", "defence", "--json"))
    assert (ran["name"], ran["new"], ran["total"]) == ("defence", 2, 2)
    assert {hit["id"] for hit in ran["hits"]} == {BAKU, BELGRADE}
    (listed,) = json_of(nr(home, data, "saved", "list", "--json"))["saved"]
    assert (listed["total"], listed["new"]) == (2, 0)
    assert listed["last_opened"] is not None
    assert nr(home, data, "mark", STRIKE, "--tag", "Defence").returncode == 0
    table = nr(home, data, "saved", "list")
    assert re.search(r"defence\s*│\s*tag:defence\s*│\s*3\s*│\s*1\s*│", table.stdout), table.stdout
    ran = nr(home, data, "saved", "run", "defence")
    assert ran.stdout.startswith("Saved search defence: 1 new since it was last opened\n")


def test_saved_searches_are_renamed_and_removed(home: Path, data: Path) -> None:
    assert nr(home, data, "saved", "add", "strikes", "title:strike").stdout == (
        "Saved 'strikes': 1 story.\n"
    )
    assert nr(home, data, "saved", "add", "glacier", "glacier").returncode == 0
    renamed = run(home, "saved", "rename", "strikes", "labour", "--data-dir", str(data))
    assert (renamed.returncode, renamed.stdout) == (0, "Renamed 'strikes' to 'labour'.\n")
    taken = run(home, "saved", "rename", "glacier", "labour", "--data-dir", str(data))
    assert (taken.returncode, taken.stderr) == (
        1,
        "newsreader: there is already a saved search named 'labour'\n",
    )
    removed = run(home, "saved", "remove", "glacier", "--data-dir", str(data), "--json")
    assert json_of(removed) == {"removed": "glacier"}
    gone = run(home, "saved", "remove", "glacier", "--data-dir", str(data))
    assert (gone.returncode, gone.stderr) == (1, "newsreader: no saved search named 'glacier'\n")
    missing = nr(home, data, "saved", "run", "glacier")
    assert (missing.returncode, missing.stderr) == (
        1,
        "newsreader: no saved search named 'glacier'\n",
    )
    listed = json_of(nr(home, data, "saved", "list", "--json"))["saved"]
    assert [(s["name"], s["query"]) for s in listed] == [("labour", "title:strike")]


def test_a_query_that_cant_run_is_not_saved(home: Path, data: Path) -> None:
    result = nr(home, data, "saved", "add", "broken", 'is:maybe "strike')
    assert result.returncode == 1
    assert result.stderr.startswith("newsreader: ") and "is:read" in result.stderr
    assert json_of(nr(home, data, "saved", "list", "--json")) == {"saved": []}
    assert "No saved searches yet" in nr(home, data, "saved", "list").stdout


# --- export ----------------------------------------------------------------------------------


def marked_for_export(home: Path, data: Path) -> None:
    assert (
        nr(home, data, "mark", BAKU, WIRE, MARKUP, "--tag", "Baku", "--tag", "=cmd").returncode == 0
    )
    library, _ = Library.open(data / "library.sqlite")
    library.set_note(StoryRef(BAKU), "First line\n- not a list\n=SUM(A1)")
    library.close()


EXPECTED = {
    BAKU: {
        "title": "Gašić visits Baku before the spring exercises",
        "date": "2024-03-14",
        "author": "Femke de Vries",
        "url": None,
        "tags": ["=cmd", "Baku"],
        "note": "First line\n- not a list\n=SUM(A1)",
    },
    WIRE: {
        "title": "Port authority orders new cranes",
        "date": "2024-02-10",
        "author": "Ines Duarte",
        "url": "https://example.org/wire/1",
        "tags": ["=cmd", "Baku"],
        "note": "",
    },
}


def test_export_json_holds_every_story_with_tags_and_notes(home: Path, data: Path) -> None:
    marked_for_export(home, data)
    exported = json.loads(nr(home, data, "export", "tag:baku", "--format", "json").stdout)
    assert list(exported) == ["query", "exported", "total", "stories"]
    assert exported["total"] == 3
    stories = {story["id"]: story for story in exported["stories"]}
    assert list(stories[BAKU]) == ["id", "title", "date", "author", "url", "tags", "note"]
    for story_id, expected in EXPECTED.items():
        assert stories[story_id] == {"id": story_id, **expected}
    assert stories[MARKUP]["title"].startswith("[bold red]Breaking[/] news")


def test_export_csv_reads_back_and_never_starts_a_formula(home: Path, data: Path) -> None:
    marked_for_export(home, data)
    output = home / f"export-{data.parent.name}.csv"
    result = nr(home, data, "export", "tag:baku", "--format", "csv", "--output", str(output))
    assert (result.returncode, result.stdout) == (0, "")
    assert "Exported 3 stories to " in result.stderr
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(output.read_text("utf-8")))}
    assert set(rows) == {BAKU, WIRE, MARKUP}
    baku = rows[BAKU]
    assert (baku["title"], baku["date"], baku["author"], baku["url"]) == (
        EXPECTED[BAKU]["title"], "2024-03-14", "Femke de Vries", ""
    )  # fmt: skip
    assert baku["tags"] == "'=cmd; Baku"  # a spreadsheet shows it, never runs it
    assert baku["note"] == "First line\n- not a list\n=SUM(A1)"


def test_export_markdown_reads_back(home: Path, data: Path) -> None:
    marked_for_export(home, data)
    text = nr(home, data, "export", "tag:baku", "--sort", "date").stdout
    assert text.startswith("# tag:baku\n\n3 stories, exported ")
    stories = parse_markdown(text)
    assert [story["title"] for story in stories] == [  # newest first
        "Gašić visits Baku before the spring exercises",
        "Port authority orders new cranes",
        "[bold red]Breaking[/] news about terminal tricks",
    ]
    baku, wire, _ = stories
    assert baku == {
        "title": EXPECTED[BAKU]["title"],
        "Date": "2024-03-14",
        "Author": "Femke de Vries",
        "Id": BAKU,
        "Tags": "=cmd, Baku",
        "note": "First line\n- not a list\n=SUM(A1)",
    }
    assert wire["URL"] == "https://example.org/wire/1"
    assert "\n> \\- not a list\n" in text  # a line of the note is never a list item


def parse_markdown(text: str) -> list[dict[str, str]]:
    """The stories of an exported Markdown file, unescaped."""
    unescape = lambda value: re.sub(r"\\(.)", r"\1", value)  # noqa: E731
    stories: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("## "):
            stories.append({"title": unescape(line[3:])})
        elif stories and (field := re.fullmatch(r"- (\w+): (.*)", line)):
            stories[-1][field[1]] = unescape(field[2])
        elif stories and line.startswith(">"):
            note = stories[-1].get("note")
            line_text = unescape(line[2:])
            stories[-1]["note"] = line_text if note is None else f"{note}\n{line_text}"
    return stories


def test_export_holds_every_hit_not_a_page(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    lines = [
        json.dumps({"title": f"Harbour report {n}", "date": "2024-01-01", "body": "Cranes."})
        for n in range(75)
    ]
    (archive / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    exported = run(tmp_path, "export", "harbour", "--format", "json", "--archive", str(archive))
    assert json_of(exported)["total"] == 75
    assert len(json.loads(exported.stdout)["stories"]) == 75


def test_export_to_a_file_that_cant_be_written_says_why(home: Path, data: Path) -> None:
    result = nr(home, data, "export", "glacier", "--output", str(home / "no" / "such" / "x.md"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"newsreader: can't write {home / 'no' / 'such' / 'x.md'}: ")


# --- a library that can't be used as it is ----------------------------------------------------


def one_line(message: str) -> str:
    """A message as said, without the line breaks the console wrapped it at."""
    return " ".join(message.split())


def test_a_damaged_library_is_moved_aside_and_the_command_goes_on(home: Path, data: Path) -> None:
    data.mkdir()
    (data / "library.sqlite").write_bytes(b"\x00garbage" * 300)
    result = nr(home, data, "mark", BAKU, "--star")
    assert result.returncode == 0
    (aside,) = data.glob("library.sqlite.corrupt-*")
    assert one_line(result.stderr) == (
        f"newsreader: Your library {data / 'library.sqlite'} was damaged: it was moved aside to "
        f"{aside.name} and a new, empty one started."
    )
    assert aside.read_bytes() == b"\x00garbage" * 300
    assert ids_found(home, data, "is:starred") == {BAKU}


def test_marks_in_a_read_only_data_folder_say_they_were_not_saved(home: Path, data: Path) -> None:
    data.mkdir()
    data.chmod(0o555)
    try:
        result = subprocess.run(
            [str(NEWSREADER), "mark", BAKU, "--star", "--index-dir", "index", "--data-dir",
             str(data)],
            capture_output=True, text=True, env=environment(home), cwd=home, timeout=120,
            preexec_fn=permissions_enforced(),
        )  # fmt: skip
    finally:
        data.chmod(0o755)
    assert result.returncode == 1
    assert result.stdout == f"{BAKU}: unread, starred\n"
    warning = one_line(result.stderr)
    assert warning.startswith(f"newsreader: Your library can't be saved in {data} (")
    assert warning.endswith("): marks made now last only until you quit.")
    assert list(data.iterdir()) == []
