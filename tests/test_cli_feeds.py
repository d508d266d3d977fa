"""The feeds a user follows (`feeds add|list|remove|import|export`), `fetch` from a real HTTP server
on 127.0.0.1 into the user's own archive, and that archive opened when no other is named. Run as
the real console script, each test with a home of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from local_feeds import running_feed_server, serve_harbour_feed
from test_cli import json_of, run


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    with running_feed_server(tmp_path / "www") as feed_server:
        yield feed_server


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def test_a_feed_added_is_fetched_indexed_and_found_by_its_source(home: Path, server) -> None:
    url = serve_harbour_feed(server)
    added = json_of(run(home, "feeds", "add", url, "--name", "harbour", "--json"))
    assert added == {"name": "harbour", "url": url}

    fetched = run(home, "fetch")
    assert (fetched.returncode, fetched.stdout, fetched.stderr) == (0, "", "")  # quiet for cron
    archive = home / "data" / "newsreader" / "archive"
    (written,) = archive.glob("feeds/*/*.jsonl")

    found = json_of(run(home, "search", "source:harbour valiyev", "--json"))
    assert [hit["title"] for hit in found["hits"]] == ["Valiyev opens the Baku ferry terminal"]
    assert "Karim Valiyev" in found["hits"][0]["entities"]["person"]
    assert "Baku" in found["hits"][0]["entities"]["place"]
    assert json_of(run(home, "search", "source:harbour", "--json"))["total"] == 2

    again = json_of(run(home, "fetch", "--json"))
    assert again["feeds"] == [
        {
            "name": "harbour",
            "url": url,
            "result": "unchanged",
            "new": 0,
            "full_text": 0,
            "message": "No new stories.",  # the server answers 200 again: none twice
            "file": None,
        }
    ]
    assert server.hits("/harbour.rss")[-1].headers["if-none-match"] == '"harbour-1"'
    assert list(archive.glob("feeds/*/*.jsonl")) == [written]
    listed = json_of(run(home, "feeds", "list", "--json"))["feeds"]
    assert [(feed["name"], feed["failures"]) for feed in listed] == [("harbour", 0)]
    assert listed[0]["last_success"] is not None


def test_a_failing_feed_is_said_on_stderr_and_the_others_are_fetched(home: Path, server) -> None:
    url = serve_harbour_feed(server)
    run(home, "feeds", "add", url, "--name", "harbour")
    run(home, "feeds", "add", server.url("/gone.rss"), "--name", "gone")
    result = run(home, "fetch", "--json")
    assert result.returncode == 0
    assert result.stderr.startswith("newsreader: gone: ")
    report = json_of(result)
    assert [(feed["name"], feed["result"], feed["new"]) for feed in report["feeds"]] == [
        ("gone", "failed", 0),
        ("harbour", "new", 2),
    ]
    assert (report["new"], report["failed"], report["indexed"]) == (2, 1, 2)
    assert "404" in report["feeds"][0]["message"]
    listed = json_of(run(home, "feeds", "list", "--json"))["feeds"]
    assert listed[0]["failures"] == 1 and "404" in listed[0]["last_error"]


def test_fetch_with_every_feed_failing_exits_1_and_a_bad_flag_2(home: Path, server) -> None:
    run(home, "feeds", "add", server.url("/gone.rss"), "--name", "gone")
    assert run(home, "fetch").returncode == 1
    assert run(home, "fetch", "--every").returncode == 2


NEWSBOAT_OPML = """<?xml version="1.0"?>
<opml version="1.0">
  <head>
    <title>newsboat - Exported Feeds</title>
  </head>
  <body>
    <outline type="rss" xmlUrl="https://harbour.example/rss.xml" htmlUrl="https://harbour.example/" title="Harbour &amp; Port News"/>
    <outline title="Caucasus">
      <outline type="rss" xmlUrl="https://caucasus.example/atom" htmlUrl="https://caucasus.example/" title="caucasus.example"/>
    </outline>
    <outline type="rss" xmlUrl="file:///etc/passwd" title="not a web feed"/>
  </body>
</opml>
"""  # noqa: E501 - newsboat writes each outline on one line


def test_a_newsboat_opml_is_imported_and_exported_back(home: Path) -> None:
    (home / "newsboat.opml").write_text(NEWSBOAT_OPML, encoding="utf-8")
    imported = json_of(run(home, "feeds", "import", "newsboat.opml", "--json"))
    assert imported == {
        "added": [
            {"name": "Harbour & Port News", "url": "https://harbour.example/rss.xml"},
            {"name": "caucasus.example", "url": "https://caucasus.example/atom"},
        ],
        "already_followed": 0,
    }
    assert run(home, "feeds", "export", "--output", "mine.opml").returncode == 0
    # Into a library of its own: the same feeds, under the same names.
    other = home / "other-data"
    again = json_of(run(home, "feeds", "import", "mine.opml", "--json", "--data-dir", str(other)))
    # (exported by name, in any case)
    assert again["added"] == sorted(imported["added"], key=lambda feed: feed["name"].casefold())
    twice = json_of(run(home, "feeds", "import", "mine.opml", "--json"))
    assert twice == {"added": [], "already_followed": 2}


def test_an_opml_that_is_not_one_changes_nothing(home: Path) -> None:
    (home / "page.opml").write_text("<html><body>not opml</body></html>", encoding="utf-8")
    (home / "broken.opml").write_text("<opml><body><outline", encoding="utf-8")
    for name in ("page.opml", "broken.opml"):
        result = run(home, "feeds", "import", name)
        assert result.returncode == 1
        assert result.stderr.startswith(f"newsreader: {name} is not an OPML file")
    assert run(home, "feeds", "import", "missing.opml").returncode == 2
    assert json_of(run(home, "feeds", "list", "--json")) == {"feeds": []}


def test_feeds_are_named_by_their_host_and_removed_by_name(home: Path) -> None:
    first = json_of(run(home, "feeds", "add", "https://www.harbour.example/rss", "--json"))
    second = json_of(run(home, "feeds", "add", "https://harbour.example/atom", "--json"))
    assert (first["name"], second["name"]) == ("harbour.example", "harbour.example 2")
    taken = run(home, "feeds", "add", "https://harbour.example/atom")
    assert taken.returncode == 1
    assert taken.stderr == (
        "newsreader: you already follow https://harbour.example/atom as 'harbour.example 2'\n"
    )
    refused = run(home, "feeds", "add", "/home/me/feed.xml")
    assert refused.returncode == 2
    assert "only http and https are fetched" in refused.stderr
    assert run(home, "feeds", "remove", "HARBOUR.EXAMPLE", "--json").returncode == 0
    missing = run(home, "feeds", "remove", "harbour.example")
    assert (missing.returncode, missing.stderr) == (
        1,
        "newsreader: no feed named 'harbour.example'\n",
    )


def test_no_archive_named_searches_the_users_own_once_it_has_feeds_or_stories(
    home: Path,
) -> None:
    sample = "Searching the bundled sample archive"
    assert sample in run(home, "search", "strike", "--json").stderr
    run(home, "feeds", "add", "https://harbour.example/rss.xml")
    own = run(home, "search", "strike", "--json")
    assert sample not in own.stderr and json_of(own)["total"] == 0
    assert (home / "data" / "newsreader" / "archive").is_dir()
    run(home, "feeds", "remove", "harbour.example")
    assert sample in run(home, "search", "strike", "--json").stderr
    # The config file's `archive` names another folder; it has a story, so it is used.
    mine = home / "news"
    mine.mkdir()
    (mine / "strike.txt").write_text(" date 2026-12-01 The strike ends\nDockers go back.\n")
    (home / "config" / "newsreader").mkdir(parents=True)
    (home / "config" / "newsreader" / "config.toml").write_text(f'archive = "{mine}"\n')
    found = json_of(run(home, "search", "strike", "--json"))
    assert [hit["id"] for hit in found["hits"]] == ["strike.txt"]
