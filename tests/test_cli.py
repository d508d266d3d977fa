"""The `newsreader` command line, run as the real console script in a subprocess.

Its names, JSON shapes and exit codes are a contract (issue 2). The user's cache, data and config
folders point into the test's temporary folder, so nothing touches the real ones.
"""

from __future__ import annotations

import importlib.util
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from company_stories import NO_CLUE, SHOWN_BY_LEGAL_FORM, SHOWN_BY_SHARES

NEWSREADER = Path(sys.executable).parent / "newsreader"
MARKUP = "odd/markup.txt"
BAKU = "defence/2024-03-14-baku-visit.txt"
BELGRADE = "defence/2024-06-20-belgrade-talks.txt"
ENTITY_KEYS = {"person", "place", "organization"}
ARTICLE_COUNT = 9  # the stories of the conftest's test archive
ARTICLE_KEYS = [
    "id",
    "path",
    "title",
    "date",
    "author",
    "source",
    "url",
    "body",
    "entities",
    "mentions",
]


WriteArchive = Callable[[Path], Path]


def environment(home: Path, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"FORCE_COLOR", "NO_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"}
    }
    env.update(
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        HOME=str(home),
        COLUMNS="200",
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def run(
    home: Path, *arguments: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    if not NEWSREADER.exists():
        pytest.skip(f"the console script is not installed at {NEWSREADER}")
    result = subprocess.run(
        [str(NEWSREADER), *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env or environment(home),
        cwd=cwd or home,
        timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout
    return result


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, write_test_archive: WriteArchive) -> Path:
    """A home with the test archive in `archive/` and its index in `index/`, built by the CLI."""
    home = tmp_path_factory.mktemp("home")
    write_test_archive(home / "archive")
    result = run(home, "index", "archive", "--index-dir", "index", "--json")
    assert result.returncode == 0, result.stderr
    return home


def json_of(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# --- index ---------------------------------------------------------------------------------


def test_index_json_shape(tmp_path: Path, archive: Path) -> None:
    (archive / "empty.txt").write_bytes(b"")
    (archive / "no-header.txt").write_text("Only a title line\nAnd a body.\n")
    report = json_of(run(tmp_path, "index", str(archive), "--index-dir", "ix", "--json"))
    assert list(report) == [
        "indexed",
        "updated",
        "unchanged",
        "removed",
        "skipped",
        "warnings",
        "seconds",
    ]
    assert (report["indexed"], report["updated"], report["unchanged"], report["removed"]) == (
        ARTICLE_COUNT + 1,
        0,
        0,
        0,
    )
    assert report["skipped"] == [
        {"path": "empty.txt", "reason": "empty file", "unchanged_since_last_run": False}
    ]
    (warning,) = report["warnings"]
    assert list(warning) == ["path", "message", "unchanged_since_last_run"]
    assert warning["path"] == "no-header.txt" and warning["message"]
    assert not warning["unchanged_since_last_run"]
    assert isinstance(report["seconds"], float | int) and report["seconds"] >= 0
    again = json_of(run(tmp_path, "index", str(archive), "--index-dir", "ix", "--json"))
    assert (again["indexed"], again["unchanged"]) == (0, ARTICLE_COUNT + 1)
    for kind in ("skipped", "warnings"):  # the same files again, said to be unchanged
        assert again[kind] == [dict(item, unchanged_since_last_run=True) for item in report[kind]]
    rebuilt = json_of(
        run(tmp_path, "index", str(archive), "--index-dir", "ix", "--rebuild", "--json")
    )
    assert rebuilt["indexed"] == ARTICLE_COUNT + 1


def test_index_without_json_prints_a_summary(home: Path) -> None:
    result = run(home, "index", "archive", "--index-dir", "index")
    assert result.returncode == 0
    assert "unchanged" in result.stdout
    assert str(ARTICLE_COUNT) in result.stdout


def test_index_says_how_many_files_were_skipped_and_warned_about_and_since_when(
    tmp_path: Path, archive: Path
) -> None:
    (archive / "empty.txt").write_bytes(b"")
    (archive / "no-header.txt").write_text("Only a title line\nAnd a body.\n")
    first = run(tmp_path, "index", str(archive), "--index-dir", "ix")
    assert first.returncode == 0
    lines = [" ".join(line.strip("│┃ ").split()) for line in first.stdout.splitlines()]
    assert "files skipped │ 1" in lines
    assert "files indexed with warnings │ 1" in lines
    assert "1 file skipped" in lines and "1 file indexed with warnings" in lines
    again = run(tmp_path, "index", str(archive), "--index-dir", "ix")
    lines = [" ".join(line.strip("│┃ ").split()) for line in again.stdout.splitlines()]
    assert "files skipped │ 1 │ 1 unchanged since the last run" in lines
    assert "1 file skipped (1 unchanged since the last run)" in lines
    assert "empty.txt │ empty file │ before" in lines


def test_index_defaults_to_the_user_cache_folder(tmp_path: Path, archive: Path) -> None:
    result = run(tmp_path, "index", "archive", "--json")
    assert json_of(result)["indexed"] == ARTICLE_COUNT
    assert list(tmp_path.rglob("manifest.sqlite"))  # under the (redirected) user cache


# --- search --------------------------------------------------------------------------------


def test_an_archive_with_no_story_yet_is_searched_exported_and_listed(tmp_path: Path) -> None:
    """An index of no story has no segment: every command says what it found, no traceback."""
    (tmp_path / "empty").mkdir()
    assert run(tmp_path, "index", "empty").returncode == 0
    assert json_of(run(tmp_path, "search", "storm", "--archive", "empty", "--json"))["total"] == 0
    exported = run(tmp_path, "export", "storm", "--format", "json", "--archive", "empty")
    assert json_of(exported)["stories"] == []
    listed = run(tmp_path, "saved", "list", "--archive", "empty")
    assert listed.returncode == 0 and "No saved searches yet" in listed.stdout


def test_search_json_shape(home: Path) -> None:
    page = json_of(run(home, "search", "Gasic", "--index-dir", "index", "--json"))
    assert list(page) == ["query", "total", "suggestion", "hits", "notes"]
    assert page["query"] == "Gasic"
    assert page["total"] == 3
    assert page["suggestion"] is None
    assert len(page["hits"]) == 3
    for hit in page["hits"]:
        assert list(hit) == [
            "id",
            "path",
            "title",
            "date",
            "author",
            "source",
            "url",
            "score",
            "snippet",
            "entities",
        ]
        assert set(hit["entities"]) == ENTITY_KEYS
        assert all(isinstance(names, list) for names in hit["entities"].values())
        assert isinstance(hit["score"], float | int)
        assert "Gašić" in hit["snippet"]
        assert len(hit["date"]) == 10 and hit["date"][4] == "-"
    by_id = {hit["id"]: hit for hit in page["hits"]}
    baku = by_id[BAKU]
    assert baku["path"] == BAKU
    assert baku["title"] == "Gašić visits Baku before the spring exercises"
    assert baku["date"] == "2024-03-14"
    assert baku["author"] == "Femke de Vries"
    assert "Bratislav Gašić" in baku["entities"]["person"]


def test_search_json_for_a_story_without_date_or_author(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "plain.txt").write_text("Otters return to the river\nOtters were seen again.\n")
    run(tmp_path, "index", "archive", "--index-dir", "ix", "--json")
    (hit,) = json_of(run(tmp_path, "search", "otters", "--index-dir", "ix", "--json"))["hits"]
    assert hit["date"] is None and hit["author"] is None


def test_search_suggests_a_spelling(home: Path) -> None:
    page = json_of(run(home, "search", "glaceir", "--index-dir", "index", "--json"))
    assert page["total"] == 0
    assert page["suggestion"] == "glacier"
    assert page["hits"] == []
    text = run(home, "search", "glaceir", "--index-dir", "index")
    assert "glacier" in text.stdout


def test_search_limit_and_sort(home: Path) -> None:
    page = json_of(
        run(home, "search", "date:2024", "--index-dir", "index", "--limit", "2", "--json")
    )
    assert page["total"] == 6 and len(page["hits"]) == 2
    newest = json_of(
        run(home, "search", "date:2024", "--index-dir", "index", "--sort", "date", "--json")
    )
    dates = [hit["date"] for hit in newest["hits"]]
    assert dates == sorted(dates, reverse=True)


def test_search_with_an_archive_indexes_it_first(tmp_path: Path, archive: Path) -> None:
    first = run(tmp_path, "search", "Krakow", "--archive", str(archive), "--json")
    assert [hit["id"] for hit in json_of(first)["hits"]] == ["culture/2024-09-30-festival.txt"]
    assert list(tmp_path.rglob("manifest.sqlite"))  # under the (redirected) user cache
    (archive / "new.txt").write_text(" date 2024-10-01 Otters\nOtters in Kraków.\n")
    second = json_of(run(tmp_path, "search", "Krakow", "--archive", str(archive), "--json"))
    assert second["total"] == 2


def test_search_and_show_on_the_stock_whoosh_engine(home: Path) -> None:
    """`--engine whoosh` rules the fast path out: the same stories, found by stock Whoosh."""
    fast = json_of(run(home, "search", "date:2024", "--index-dir", "index", "--json"))
    stock = json_of(
        run(home, "search", "date:2024", "--index-dir", "index", "--engine", "whoosh", "--json")
    )
    assert stock["total"] == fast["total"] == 6
    assert {hit["id"] for hit in stock["hits"]} == {hit["id"] for hit in fast["hits"]}
    shown = json_of(run(home, "show", BAKU, "--index-dir", "index", "--engine", "whoosh", "--json"))
    assert shown["id"] == BAKU


@pytest.mark.parametrize(
    "arguments",
    [
        ("search", "x", "--index-dir", "index"),
        ("search", "x", "--archive", "archive"),
        ("show", BAKU, "--index-dir", "index"),
        ("archive",),
    ],
)
def test_an_unknown_engine_is_one_sentence_naming_the_installed_ones(
    home: Path, arguments: tuple[str, ...]
) -> None:
    result = run(home, *arguments, "--engine", "lucene")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "newsreader: no search engine named 'lucene'; "
        "the installed ones are fastpath, opensearch, whoosh\n"
    )


def test_the_config_files_engine_is_used_and_an_unknown_one_named(home: Path) -> None:
    config = home / "config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    try:
        config.write_text('engine = "whoosh"\n', encoding="utf-8")
        chosen = run(home, "search", "Gasic", "--index-dir", "index", "--json")
        config.write_text('engine = "lucene"\n', encoding="utf-8")
        unknown = run(home, "search", "Gasic", "--index-dir", "index", "--json")
    finally:
        config.unlink()  # the other tests share this home
    assert json_of(chosen)["total"] == 3 and chosen.stderr == ""
    assert json_of(unknown)["total"] == 3
    assert "settings not loaded" in unknown.stderr
    assert "`engine` must be one of fastpath, opensearch, whoosh" in unknown.stderr


def closed_port() -> int:
    """A port of this machine that nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    "arguments",
    [
        ("search", "x", "--index-dir", "index"),
        ("show", BAKU, "--index-dir", "index"),
        ("index", "archive", "--index-dir", "elsewhere"),
    ],
)
def test_an_opensearch_server_that_is_not_there_is_one_sentence(
    home: Path, arguments: tuple[str, ...]
) -> None:
    if importlib.util.find_spec("opensearchpy") is None:
        pytest.skip("the opensearch extra (opensearch-py) is not installed")
    port = closed_port()
    before = sorted(path.name for path in (home / "archive").rglob("*"))
    result = run(
        home, *arguments, "--engine", "opensearch", "--engine-url", f"http://127.0.0.1:{port}"
    )
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"newsreader: can't reach OpenSearch at http://127.0.0.1:{port}: the connection was "
        "refused or failed."
    )
    assert result.stderr.count("\n") == 1 and result.stdout == ""
    assert sorted(path.name for path in (home / "archive").rglob("*")) == before


def test_the_config_files_engine_and_server_are_used(home: Path) -> None:
    if importlib.util.find_spec("opensearchpy") is None:
        pytest.skip("the opensearch extra (opensearch-py) is not installed")
    port = closed_port()
    config = home / "config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    try:
        config.write_text(
            f'engine = "opensearch"\nengine_url = "http://127.0.0.1:{port}"\n', encoding="utf-8"
        )
        env = environment(home)
        env.pop("NEWSREADER_OPENSEARCH_URL", None)  # it would win over the config file
        result = run(home, "search", "Gasic", "--index-dir", "index", env=env)
    finally:
        config.unlink()  # the other tests share this home
    assert result.returncode == 1
    assert f"can't reach OpenSearch at http://127.0.0.1:{port}" in result.stderr


def test_a_password_is_never_taken_from_the_command_line(home: Path) -> None:
    result = run(
        home,
        "search",
        "x",
        "--index-dir",
        "index",
        "--engine",
        "opensearch",
        "--engine-url",
        "https://editor:secret@search.example:9200",
    )
    assert result.returncode == 2
    assert "takes the address without a password" in result.stderr
    assert "NEWSREADER_OPENSEARCH_PASSWORD" in result.stderr


def test_search_without_an_archive_uses_the_bundled_sample(tmp_path: Path) -> None:
    page = json_of(run(tmp_path, "search", "the", "--json"))
    assert page["total"] >= 0
    assert list(page) == ["query", "total", "suggestion", "hits", "notes"]


def test_search_table_shows_markup_literally_and_no_escapes(home: Path) -> None:
    result = run(home, "search", "museum", "--index-dir", "index")
    assert result.returncode == 0
    assert "[bold red]Breaking[/]" in result.stdout
    assert "\x1b]" not in result.stdout
    assert "\x07" not in result.stdout


def test_even_coloured_output_carries_no_escapes_from_articles(home: Path) -> None:
    env = environment(home, FORCE_COLOR="1", TERM="xterm-256color")
    for arguments in (
        ("search", "museum", "--index-dir", "index"),
        ("show", MARKUP, "--index-dir", "index"),
        ("entities", f"archive/{MARKUP}", "--text"),
    ):
        result = run(home, *arguments, env=env)
        assert result.returncode == 0, result.stderr
        assert "\x1b[" in result.stdout  # colours are on
        assert "\x1b]" not in result.stdout  # no OSC: no title, clipboard or hyperlink
        assert "\x1b[2J" not in result.stdout
        assert "\x07" not in result.stdout
        assert "pwned" not in result.stdout
        assert "Breaking" in result.stdout


def test_search_json_keeps_markup_as_text(home: Path) -> None:
    (hit,) = json_of(run(home, "search", "museum", "--index-dir", "index", "--json"))["hits"]
    assert hit["title"] == "[bold red]Breaking[/] news about terminal tricks"
    assert "\x1b" not in hit["snippet"]


# --- show ----------------------------------------------------------------------------------


def test_show_json_shape_and_mention_offsets(home: Path) -> None:
    article = json_of(run(home, "show", BELGRADE, "--index-dir", "index", "--json"))
    assert list(article) == ARTICLE_KEYS
    assert article["id"] == article["path"] == BELGRADE
    assert article["title"] == "Serbia and Azerbaijan agree a defence cooperation plan"
    assert article["date"] == "2024-06-20"
    assert article["author"] == "Sabina Alizade"
    assert article["body"].startswith("The defence ministers met in Belgrade")
    assert set(article["entities"]) == ENTITY_KEYS
    assert "Bratislav Gašić" in article["entities"]["person"]
    assert article["mentions"]
    body = article["body"]
    for mention in article["mentions"]:
        assert list(mention) == ["kind", "name", "start", "end"]
        assert mention["kind"] in ENTITY_KEYS
        text = body[mention["start"] : mention["end"]]
        assert text and text == text.strip()
    assert any(
        body[m["start"] : m["end"]] == "Bratislav Gašić" and m["kind"] == "person"
        for m in article["mentions"]
    )


def test_show_a_json_lines_record(home: Path) -> None:
    article = json_of(run(home, "show", "wire/2024-wire.jsonl#1", "--index-dir", "index", "--json"))
    assert article["path"] == "wire/2024-wire.jsonl"
    assert article["title"] == "Port authority orders new cranes"
    assert article["author"] == "Ines Duarte"


def test_the_url_and_source_of_a_story_are_shown(home: Path) -> None:
    story = "wire/2024-wire.jsonl#1"
    article = json_of(run(home, "show", story, "--index-dir", "index", "--json"))
    assert article["url"] == "https://example.org/wire/1"
    page = json_of(run(home, "search", "cranes", "--index-dir", "index", "--json"))
    assert page["hits"][0]["url"] == "https://example.org/wire/1"
    assert "source" in page["hits"][0]
    shown = run(home, "show", story, "--index-dir", "index").stdout
    assert "https://example.org/wire/1" in shown


def test_search_ids_are_never_cut_and_counts_read_well(home: Path) -> None:
    result = run(home, "search", "Gašić visits", "--index-dir", "index", env=None)
    assert result.returncode == 0
    assert "1 story matches" in result.stdout
    for width in ("200", "80"):
        shown = run(
            home, "search", "Gasic", "--index-dir", "index", env=environment(home, COLUMNS=width)
        ).stdout
        assert BAKU in shown and BELGRADE in shown, shown


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ('"unclosed quote', "quote is not closed"),
        ("AND", "AND needs words on both sides"),
        ("(a OR b", "parenthesis is not closed"),
        ("(a OR b", "Nothing left to search for"),
    ],
)
def test_a_query_that_is_not_well_formed_says_what_was_understood(
    home: Path, query: str, says: str
) -> None:
    result = run(home, "search", query, "--index-dir", "index")
    assert result.returncode == 0
    assert says in result.stdout
    assert says in " ".join(
        json_of(run(home, "search", query, "--index-dir", "index", "--json"))["notes"]
    )


def test_search_says_which_archive_when_none_is_given(tmp_path: Path) -> None:
    result = run(tmp_path, "search", "port")
    assert result.returncode == 0
    assert "bundled sample" in result.stderr


def test_an_unknown_flag_shows_the_commands_usage(home: Path) -> None:
    result = run(home, "search", "x", "--bogus")
    assert result.returncode == 2
    assert "usage: newsreader search" in result.stderr


def test_entities_prints_the_names_and_the_text_only_when_asked(home: Path) -> None:
    path = f"archive/{BAKU}"
    names_only = run(home, "entities", path).stdout
    assert "Bratislav Gašić" in names_only
    assert "toured a training centre" not in names_only
    with_text = run(home, "entities", path, "--text").stdout
    assert "toured a training centre" in with_text


def test_a_config_file_that_cannot_be_used_is_named_on_stderr(home: Path) -> None:
    config = home / "config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("extractor = [\n", encoding="utf-8")
    try:
        result = run(home, "entities", f"archive/{BAKU}")
    finally:
        config.unlink()  # the other tests share this home
    assert result.returncode == 0
    assert "Bratislav Gašić" in result.stdout
    assert "settings not loaded" in result.stderr and "config.toml" in result.stderr


def test_show_without_json_prints_the_article(home: Path) -> None:
    result = run(home, "show", BAKU, "--index-dir", "index")
    assert result.returncode == 0
    assert "Gašić visits Baku" in result.stdout
    assert "Bratislav Gašić" in result.stdout


# --- entities ------------------------------------------------------------------------------


def test_entities_json_is_keyed_by_each_file_as_given(home: Path) -> None:
    relative = f"archive/{BELGRADE}"
    absolute = str(home / "archive" / BAKU)
    result = json_of(run(home, "entities", relative, absolute, "--json"))
    assert list(result) == [relative, absolute]
    for value in result.values():
        assert list(value) == ARTICLE_KEYS
        assert set(value["entities"]) == ENTITY_KEYS
        for mention in value["mentions"]:
            assert value["body"][mention["start"] : mention["end"]]
    assert result[relative]["author"] == "Sabina Alizade"
    assert "Bratislav Gašić" in result[absolute]["entities"]["person"]


def test_entities_of_a_json_lines_file_number_its_records(home: Path) -> None:
    name = "archive/wire/2024-wire.jsonl"
    result = json_of(run(home, "entities", name, "--json"))
    assert list(result) == [f"{name}#1", f"{name}#2"]
    assert result[f"{name}#2"]["title"] == "Baku hosts a regional security forum"


def test_entities_works_without_any_index(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        " date 2024-06-20 Talks\nBy Sabina AlizadeMinister Bratislav Gašić met "
        "General Karim Valiyev in Belgrade.\n"
    )
    result = json_of(run(tmp_path, "entities", "story.txt", "--json"))
    assert result["story.txt"]["author"] == "Sabina Alizade"
    assert not list(tmp_path.rglob("manifest.sqlite"))


def test_entities_reads_the_files_given_as_one_archive(tmp_path: Path) -> None:
    """A name two of the files show to be a company is one in the file that gives no clue."""
    for name, (title, body) in {
        "jobs.txt": NO_CLUE,
        "shares.txt": SHOWN_BY_SHARES,
        "deal.txt": SHOWN_BY_LEGAL_FORM,
    }.items():
        (tmp_path / name).write_text(f" date 2024-05-01 {title}\n{body}\n")
    alone = json_of(run(tmp_path, "entities", "jobs.txt", "--json"))["jobs.txt"]
    assert alone["entities"]["person"] == ["Quillfox"]
    together = json_of(run(tmp_path, "entities", "jobs.txt", "shares.txt", "deal.txt", "--json"))
    assert together["jobs.txt"]["entities"]["person"] == []
    assert together["jobs.txt"]["entities"]["organization"] == ["Quillfox"]


def test_entities_of_an_unusable_file_says_why(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(" date 2024-01-01 Good\nFine.\n")
    for json_flag in (["--json"], []):
        result = run(tmp_path, "entities", "empty.txt", *json_flag)
        assert result.returncode == 1
        assert "empty" in result.stderr
        partly = run(tmp_path, "entities", "good.txt", "empty.txt", *json_flag)
        assert partly.returncode == 0
        assert "empty" in partly.stderr


# --- exit codes, help, version -------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "code", "says"),
    [
        (("search", "date:abc", "--index-dir", "index"), 1, "date"),
        (("search", "foo:bar", "--index-dir", "index", "--json"), 1, "foo"),
        (("search", "*", "--index-dir", "index"), 1, "*"),
        (("show", "no/such/story.txt", "--index-dir", "index"), 1, "no/such/story.txt"),
        (("show", "no/such/story.txt", "--index-dir", "index", "--json"), 1, "no/such"),
        (("search", "x", "--index-dir", "no-index-here"), 1, "newsreader index"),
        (("index", "no-such-folder"), 2, "no-such-folder"),
        (("index", "archive/odd/markup.txt"), 2, "folder"),
        (("search", "x", "--archive", "no-such-folder"), 2, "no-such-folder"),
        (("show", BAKU, "--archive", "no-such-folder"), 2, "no-such-folder"),
        (("no-such-folder",), 2, "no-such-folder"),
        (("search", "x", "--no-such-flag"), 2, "--no-such-flag"),
        (("index", "archive", "--bogus"), 2, "--bogus"),
        (("search",), 2, "QUERY"),
        (("search", "x", "--limit", "0"), 2, "limit"),
        (("search", "x", "--sort", "alphabetical"), 2, "sort"),
        (("search", "x", "--archive", "archive", "--index-dir", "index"), 2, "not allowed"),
        (("entities", "no-such-file.txt"), 2, "no-such-file.txt"),
        (("entities",), 2, "FILE"),
    ],
)
def test_exit_codes_and_messages(
    home: Path, arguments: tuple[str, ...], code: int, says: str
) -> None:
    result = run(home, *arguments)
    assert result.returncode == code, (result.stdout, result.stderr)
    assert says in result.stderr
    assert result.stdout.strip() == "" or code == 0


def test_skipped_files_do_not_fail_the_run(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "empty.txt").write_bytes(b"")
    (archive / "binary.txt").write_bytes(bytes(range(256)) * 16)
    (archive / "dangling.txt").symlink_to(archive / "gone.txt")
    (archive / "good.txt").write_text(" date 2024-01-01 Good\nFine.\n")
    result = run(tmp_path, "index", "archive", "--index-dir", "ix", "--json")
    report = json_of(result)
    assert report["indexed"] == 1
    assert {item["path"] for item in report["skipped"]} == {
        "empty.txt",
        "binary.txt",
        "dangling.txt",
    }
    table = run(tmp_path, "index", "archive", "--index-dir", "ix")
    assert table.returncode == 0
    assert "binary.txt" in table.stdout


def test_version(tmp_path: Path) -> None:
    from importlib.metadata import version

    result = run(tmp_path, "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"newsreader {version('newsreader')}"


@pytest.mark.parametrize(
    ("arguments", "says"),
    [
        (("--help",), "index, search, show, entities"),
        (("index", "--help"), "--rebuild"),
        (("search", "--help"), "--sort"),
        (("search", "--help"), "--engine"),
        (("--help",), "--engine"),
        (("show", "--help"), "article_id"),
        (("entities", "--help"), "FILE"),
    ],
)
def test_help(tmp_path: Path, arguments: tuple[str, ...], says: str) -> None:
    result = run(tmp_path, *arguments)
    assert result.returncode == 0
    assert says.lower() in result.stdout.lower()
    assert result.stderr == ""


def test_a_closed_output_pipe_ends_quietly(home: Path) -> None:
    """`newsreader search ... | head`: no traceback when the reader of the output goes away."""
    process = subprocess.Popen(
        [str(NEWSREADER), "search", "", "--index-dir", "index", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(home),
        cwd=home,
    )
    assert process.stdout is not None
    process.stdout.close()  # before the command writes anything
    _, stderr = process.communicate(timeout=300)
    assert b"Traceback" not in stderr
    assert b"BrokenPipeError" not in stderr
    assert process.returncode in (0, 1)


def test_file_and_folder_names_are_shown_literally(tmp_path: Path) -> None:
    """Names that look like Rich markup are printed as they are, and never break the command."""
    (tmp_path / "a[").mkdir()
    story = tmp_path / "a[" / "b].txt"
    story.write_text(" date 2024-01-01 Odd names\nA story in an odd place.\n")
    result = run(tmp_path, "entities", "a[/b].txt")
    assert result.returncode == 0, result.stderr
    assert "a[/b].txt" in result.stdout
    archive = tmp_path / "[red]news"
    archive.mkdir()
    (archive / "story.txt").write_text(" date 2024-01-01 Odd names\nA story.\n")
    result = run(tmp_path, "index", str(archive), "--index-dir", "ix")
    assert result.returncode == 0, result.stderr
    assert "Index of [red]news" in result.stdout


def test_entities_of_the_seed_article(tmp_path: Path) -> None:
    shared = Path(__file__).resolve().parents[1] / ".." / "shared"
    seeds = sorted((shared / "seed").glob("*.txt")) if shared.is_dir() else []
    if not seeds:
        pytest.skip("../shared/seed is not present beside the repository")
    seed = str(seeds[0].resolve())
    article = json_of(run(tmp_path, "entities", seed, "--json"))[seed]
    assert article["date"] == "2024-06-20"
    assert article["author"] == "Sabina Alizade"
    assert article["body"].startswith("The visit of the First Deputy Minister")
    assert article["mentions"]
    for mention in article["mentions"]:
        text = article["body"][mention["start"] : mention["end"]]
        assert text and text == text.strip()


def test_an_extractor_that_is_not_installed_is_a_plain_error(home: Path) -> None:
    import importlib.util

    if importlib.util.find_spec("spacy") is not None:
        pytest.skip("spaCy is installed here")
    for arguments in (
        ("entities", f"archive/{BAKU}", "--extractor", "spacy"),
        ("index", "archive", "--index-dir", "spacy-index", "--extractor", "spacy"),
    ):
        result = run(home, *arguments)
        assert result.returncode == 1
        assert "spacy" in result.stderr.lower()


def test_the_config_files_extractor_is_used_for_indexing(home: Path) -> None:
    config = home / "config" / "newsreader" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('extractor = "spacy"\n', encoding="utf-8")
    try:
        result = run(home, "index", "archive", "--index-dir", "other-index")
    finally:
        config.unlink()  # the other tests share this home
    try:
        import spacy  # noqa: F401
    except ImportError:
        assert result.returncode == 1 and "spacy" in result.stderr.lower()
    else:
        assert result.returncode == 0
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("width", [80, 200])
def test_long_ids_go_under_their_story_when_they_leave_it_too_little_room(width: int) -> None:
    from io import StringIO

    from rich.console import Console

    from index.api import Highlighted, Hit
    from reader.cli.console_output import STORY_MIN_WIDTH, HitsTable

    fetched = "feeds/harbour-news/2026-12-04T101731.025433Z.jsonl#34"
    title = "Ferry crews in Marenvik vote to strike over pay and the new rosters"
    hit = Hit(
        fetched, fetched, Highlighted(title), Highlighted("The crews voted."), None, None, None, 1.0
    )
    output = StringIO()
    Console(file=output, width=width, color_system=None).print(HitsTable((hit,)))
    lines = output.getvalue().splitlines()
    assert any(fetched in line for line in lines), output.getvalue()  # whole, on one line
    story_cells = [line.split("│")[2] for line in lines if line.startswith("│")]
    assert len(story_cells[0].strip()) >= min(STORY_MIN_WIDTH, len(title))
