"""fetch_feeds against a real HTTP server on 127.0.0.1: real feeds, real pages, hostile cases."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import zlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from feed_http_server import FeedServer, answer

from articles.archive import iter_articles
from articles.feeds import FeedState, FeedSubscription, FetchReport, fetch_feeds
from articles.feeds.http import USER_AGENT
from articles.feeds.store import duplicate_key

SHARED_FEEDS = {
    "guardian-us-2018-01-31.rss.xml": 55,
    "heise-developer-2016-02-01.atom.xml": 15,
    "jn-pt-2018-01-03.iso-8859-1.rss.xml": 40,
    "science-twis-2017.rss1-rdf.xml": 69,
    "uol-noticias-2018-09.latin1-no-decl.rss.xml": 15,
}
# Timeouts a loaded 2-core box still meets (the local server answers at once): a server that
# answers never or slowly is given short ones in its own test, not to hold the suite up.
QUICK = {"timeout": 10.0, "deadline": 20.0}


def rss(*items: str, title: str = "Test feed") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.invalid/</link>{''.join(items)}"
        "</channel></rss>"
    ).encode()


def item(
    title: str | None = "A story",
    link: str | None = None,
    guid: str | None = None,
    date: str | None = "Tue, 03 Dec 2024 10:00:00 GMT",
    description: str = "The feed's own short text about the story.",
) -> str:
    parts = [f"<title>{title}</title>" if title is not None else ""]
    parts.append(f"<link>{link}</link>" if link is not None else "")
    parts.append(f"<guid>{guid}</guid>" if guid is not None else "")
    parts.append(f"<pubDate>{date}</pubDate>" if date is not None else "")
    parts.append(f"<description>{description}</description>")
    return f"<item>{''.join(parts)}</item>"


def fetch(
    archive: Path,
    *feeds: tuple[str, str],
    states: dict[str, FeedState] | None = None,
    **options: object,
) -> FetchReport:
    subscriptions = [FeedSubscription(name, url) for name, url in feeds]
    return fetch_feeds(subscriptions, states or {}, archive, **{**QUICK, **options})  # type: ignore[arg-type]


def records(archive: Path) -> list[dict[str, object]]:
    return [
        json.loads(line)
        for path in sorted((archive / "feeds").rglob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]


# The real feeds of ../shared/feeds


@pytest.mark.parametrize(("name", "count"), SHARED_FEEDS.items())
def test_each_real_feed_is_read_whole_with_dates_and_titles(
    shared_data: Path, feed_server: FeedServer, tmp_path: Path, name: str, count: int
) -> None:
    report = fetch(tmp_path, ("Real", feed_server.url(f"/feeds/{name}")), full_text=False)
    (outcome,) = report.outcomes
    assert outcome.kind == "new", outcome.message
    written = records(tmp_path)
    assert len(written) == outcome.new_stories
    # Every item is a story, except items the feed repeats (the same link or text twice).
    assert count - 2 <= len(written) <= count
    assert all(record["title"] and record["date"] for record in written)
    assert all(record["source"] == "Real" for record in written)
    assert all(record["feed_url"] == feed_server.url(f"/feeds/{name}") for record in written)
    assert all(record["text_from"] == "feed" for record in written)


def test_a_latin1_feed_without_a_declaration_keeps_its_accents_and_portuguese_dates(
    shared_data: Path, feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.url("/feeds/uol-noticias-2018-09.latin1-no-decl.rss.xml")
    fetch(tmp_path, ("UOL", url), full_text=False)
    first = records(tmp_path)[0]
    assert first["title"].startswith("Ibope: Bolsonaro perde de Haddad")
    assert "simulações" in first["title"]
    # "Seg, 24 Set 2018 19:42:40 -0300": a Portuguese date, in UTC.
    assert first["date"] == "2018-09-24T22:42:40+00:00"


def test_guardian_records_keep_author_url_and_plain_text(
    shared_data: Path, feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.url("/feeds/guardian-us-2018-01-31.rss.xml")
    fetch(tmp_path, ("The Guardian", url), full_text=False)
    first = records(tmp_path)[0]
    assert first["author"] == "David Smith in Washington"
    assert first["url"].startswith("https://www.theguardian.com/us-news/2018/jan/31/")
    assert "<a" not in first["body"] and "&lt;" not in first["body"]
    assert first["body"].startswith("The president’s ‘new American moment’ speech")


def test_what_is_written_is_read_by_the_archive_with_source_and_url(
    shared_data: Path, feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.url("/feeds/heise-developer-2016-02-01.atom.xml")
    fetch(tmp_path, ("heise", url), full_text=False)
    articles = list(iter_articles(tmp_path))
    assert len(articles) == 15
    first = articles[0]
    assert first.source == "heise"
    assert first.url and first.url.startswith("http://www.heise.de/developer/meldung/")
    assert first.title == "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei"
    assert first.date is not None and first.date.isoformat() == "2016-02-01"


# Full text from the pages of ../shared/html


def test_full_text_comes_from_the_page_and_the_feed_text_when_there_is_no_article(
    shared_data: Path, feed_server: FeedServer, tmp_path: Path
) -> None:
    page = feed_server.url("/html/readability/ars-1/source.html")
    not_an_article = feed_server.add(
        "/subscribe.html", b"<html><body><p>Subscribe now!</p></body></html>", "text/html"
    )
    missing = feed_server.url("/gone.html")
    feed = feed_server.add(
        "/rss",
        rss(
            item("Minecraft exploit", page, "g1", description="Short teaser."),
            item("Subscribe", not_an_article, "g2", description="The feed's own words here."),
            item("Gone", missing, "g3", description="Another story's own words."),
        ),
    )
    report = fetch(tmp_path, ("Test", feed))
    (outcome,) = report.outcomes
    assert (outcome.kind, outcome.new_stories, outcome.full_text, outcome.feed_text) == (
        "new",
        3,
        1,
        2,
    )
    by_guid = {record["guid"]: record for record in records(tmp_path)}
    assert by_guid["g1"]["text_from"] == "page"
    assert "Minecraft" in by_guid["g1"]["body"] and len(by_guid["g1"]["body"].split()) > 300
    assert by_guid["g2"]["text_from"] == "feed"
    assert by_guid["g2"]["body"] == "The feed's own words here."
    assert by_guid["g3"]["text_from"] == "feed"
    assert "2 with the feed's own text" in outcome.message


# Conditional GET, politeness


def test_an_unchanged_feed_costs_one_304(feed_server: FeedServer, tmp_path: Path) -> None:
    body = rss(item("One", guid="1"))

    def conditional(request: BaseHTTPRequestHandler) -> None:
        if request.headers.get("If-None-Match") == '"v1"':
            answer(304)(request)
        else:
            answer(200, body, {"Content-Type": "application/rss+xml", "ETag": '"v1"'})(request)

    feed_server.routes["/rss"] = conditional
    url = feed_server.url("/rss")
    first = fetch(tmp_path, ("Test", url), full_text=False)
    assert first.outcomes[0].kind == "new"
    assert first.states[url].etag == '"v1"'
    second = fetch(tmp_path, ("Test", url), states=dict(first.states), full_text=False)
    assert second.outcomes[0].kind == "unchanged"
    assert second.outcomes[0].message == "Unchanged since the last fetch."
    assert [request.status for request in feed_server.hits("/rss")] == [200, 304]
    assert second.states[url].etag == '"v1"'
    assert second.states[url].last_success is not None


def test_last_modified_is_sent_back(feed_server: FeedServer, tmp_path: Path) -> None:
    stamp = "Tue, 03 Dec 2024 10:00:00 GMT"
    url = feed_server.add("/rss", rss(item(guid="1")), **{"Last-Modified": stamp})
    first = fetch(tmp_path, ("Test", url), full_text=False)
    fetch(tmp_path, ("Test", url), states=dict(first.states), full_text=False)
    assert feed_server.hits("/rss")[1].headers["if-modified-since"] == stamp


def test_requests_name_the_project_and_accept_compression(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.add("/rss", rss(item(guid="1")))
    fetch(tmp_path, ("Test", url), full_text=False)
    (request,) = feed_server.hits("/rss")
    assert request.headers["user-agent"] == USER_AGENT
    assert "newsreader" in USER_AGENT
    assert "gzip" in request.headers["accept-encoding"]


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "raw-deflate"])
def test_compressed_feeds_are_read(feed_server: FeedServer, tmp_path: Path, encoding: str) -> None:
    body = rss(item("Compressed", guid="1"))
    if encoding == "gzip":
        data = gzip.compress(body)
    elif encoding == "deflate":
        data = zlib.compress(body)
    else:
        compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        data = compressor.compress(body) + compressor.flush()
    header = "gzip" if encoding == "gzip" else "deflate"
    url = feed_server.add("/rss", data, **{"Content-Encoding": header})
    report = fetch(tmp_path, ("Test", url), full_text=False)
    assert report.outcomes[0].kind == "new", report.outcomes[0].message
    assert records(tmp_path)[0]["title"] == "Compressed"


# Stories never written twice, files never rewritten


def test_a_second_run_writes_only_what_is_new_in_a_new_file(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.add("/rss", rss(item("One", guid="1", description="First story text.")))
    first = fetch(tmp_path, ("Test", url), full_text=False)
    first_file = tmp_path / str(first.outcomes[0].archive_file)
    before = first_file.read_bytes()
    feed_server.add(
        "/rss",
        rss(
            item("One", guid="1", description="First story text."),
            item("Two", guid="2", description="Second story text."),
        ),
    )
    # No state passed: what is in the archive is enough to know story 1.
    second = fetch(tmp_path, ("Test", url), full_text=False)
    assert second.outcomes[0].new_stories == 1
    assert second.outcomes[0].archive_file != first.outcomes[0].archive_file
    assert first_file.read_bytes() == before
    assert [record["title"] for record in records(tmp_path)] == ["One", "Two"]
    third = fetch(tmp_path, ("Test", url), full_text=False)
    assert third.outcomes[0].kind == "unchanged"
    assert third.outcomes[0].message == "No new stories."
    assert len(list((tmp_path / "feeds").rglob("*.jsonl"))) == 2


def test_duplicates_by_guid_url_or_text_are_written_once(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.add(
        "/rss",
        rss(
            item("Same guid", guid="dup", description="Text one."),
            item("Same guid again", guid="dup", description="Text two."),
            item("Same link", "http://example.invalid/a?utm_source=rss", "u1", description="x1"),
            item("Same link again", "HTTP://Example.invalid/a#top", "u2", description="x2"),
            item("Same text", guid="t1", description="Word for  word."),
            item("Same text again", guid="t2", description="word FOR word."),
        ),
    )
    other = feed_server.add(
        "/other", rss(item("Elsewhere", "http://example.invalid/a", "o1", description="x3"))
    )
    fetch(tmp_path, ("Test", url), full_text=False)
    assert [record["title"] for record in records(tmp_path)] == [
        "Same guid",
        "Same link",
        "Same text",
    ]
    # Another feed with a story of the same address, in a later run.
    report = fetch(tmp_path, ("Test", url), ("Other", other), full_text=False)
    assert [outcome.kind for outcome in report.outcomes] == ["unchanged", "unchanged"]
    assert len(records(tmp_path)) == 3


def test_items_without_date_title_or_link_are_kept_sensibly(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.add(
        "/rss",
        rss(
            item("No date", guid="1", date=None, description="Undated text."),
            item(None, guid="2", description="A story with no title of its own."),
            item("No link", description="Neither link nor guid."),
            item("Bad date", guid="4", date="the day after tomorrow", description="Bad date."),
            item(None, description=""),
        ),
    )
    report = fetch(tmp_path, ("Test", url), full_text=False)
    assert report.outcomes[0].new_stories == 4
    written = {record["body"]: record for record in records(tmp_path)}
    assert written["Undated text."]["date"] == ""
    assert written["Bad date."]["date"] == ""
    assert written["Neither link nor guid."]["url"] == ""
    articles = {article.body: article for article in iter_articles(tmp_path)}
    assert articles["A story with no title of its own."].title == (
        "A story with no title of its own."
    )
    assert articles["Undated text."].date is None


# Bad feeds and hostile servers: each a sentence, never an exception


def test_malformed_xml_is_one_sentence(feed_server: FeedServer, tmp_path: Path) -> None:
    url = feed_server.add("/rss", b"<rss><channel><title>x</title></chan")
    (outcome,) = fetch(tmp_path, ("Test", url)).outcomes
    assert outcome.kind == "failed"
    assert outcome.message.startswith("Not a feed: the XML is broken")


def test_broken_xml_after_items_keeps_the_items(feed_server: FeedServer, tmp_path: Path) -> None:
    url = feed_server.add("/rss", rss(item("Kept", guid="1"))[:-20])
    (outcome,) = fetch(tmp_path, ("Test", url), full_text=False).outcomes
    assert outcome.kind == "new"
    assert "not well-formed" in outcome.message


def test_an_html_page_is_not_a_feed(feed_server: FeedServer, tmp_path: Path) -> None:
    url = feed_server.add("/page", b"<html><body><h1>Welcome</h1></body></html>", "text/html")
    (outcome,) = fetch(tmp_path, ("Test", url)).outcomes
    assert (outcome.kind, outcome.message) == (
        "failed",
        "Not a feed: the address gives a page (HTML or other), not RSS or Atom.",
    )


@pytest.mark.parametrize(
    ("status", "message"),
    [(404, "answered 404 Not Found."), (500, "answered 500 Internal Server Error.")],
)
def test_error_statuses_fail_the_feed_and_count(
    feed_server: FeedServer, tmp_path: Path, status: int, message: str
) -> None:
    feed_server.routes["/rss"] = answer(status, b"no")
    url = feed_server.url("/rss")
    report = fetch(tmp_path, ("Test", url), states={url: FeedState(failures=2, etag='"e"')})
    (outcome,) = report.outcomes
    assert outcome.kind == "failed"
    assert outcome.message == f"127.0.0.1 {message}"
    assert report.states[url].failures == 3
    assert report.states[url].etag == '"e"'
    assert report.states[url].last_error == outcome.message


def test_429_with_retry_after_waits_and_is_respected(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.routes["/rss"] = answer(429, b"slow down", {"Retry-After": "3600"})
    url = feed_server.url("/rss")
    first = fetch(tmp_path, ("Test", url))
    (outcome,) = first.outcomes
    assert outcome.kind == "waiting"
    assert outcome.message.startswith("127.0.0.1 asked to wait (429): not fetched again before")
    retry_after = first.states[url].retry_after
    assert retry_after is not None and first.states[url].failures == 0
    second = fetch(tmp_path, ("Test", url), states=dict(first.states))
    assert second.outcomes[0].kind == "waiting"
    assert len(feed_server.hits("/rss")) == 1  # no request before the time asked
    assert second.states[url].retry_after == retry_after


def test_a_server_that_never_answers_times_out(feed_server: FeedServer, tmp_path: Path) -> None:
    def never(request: BaseHTTPRequestHandler) -> None:
        feed_server.release.wait(30)

    feed_server.routes["/rss"] = never
    (outcome,) = fetch(tmp_path, ("Test", feed_server.url("/rss")), timeout=1.0).outcomes
    assert (outcome.kind, outcome.message) == (
        "failed",
        "127.0.0.1 did not answer within 1 seconds.",
    )


def test_a_server_that_trickles_is_stopped_at_the_deadline(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    def trickle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.end_headers()
        request.wfile.write(b"<rss>")
        request.wfile.flush()
        while not feed_server.release.wait(0.2):
            request.wfile.write(b" ")
            request.wfile.flush()

    feed_server.routes["/rss"] = trickle
    report = fetch(tmp_path, ("Test", feed_server.url("/rss")), timeout=1.0, deadline=1.0)
    assert report.outcomes[0].message == (
        "127.0.0.1 took longer than 1 seconds to send its answer."
    )


def test_a_redirect_loop_stops(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.routes["/a"] = answer(302, b"", {"Location": "/b"})
    feed_server.routes["/b"] = answer(302, b"", {"Location": "/a"})
    (outcome,) = fetch(tmp_path, ("Test", feed_server.url("/a"))).outcomes
    assert outcome.message == "More than 5 redirects from 127.0.0.1 (a redirect loop?)."
    assert len(feed_server.requests) == 6


def test_a_redirect_to_a_file_is_not_followed(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.routes["/rss"] = answer(302, b"", {"Location": "file:///etc/passwd"})
    (outcome,) = fetch(tmp_path, ("Test", feed_server.url("/rss"))).outcomes
    assert outcome.message == (
        "127.0.0.1 redirected to an address that is not http or https; not followed."
    )


def test_a_200_mb_answer_stops_at_the_cap(feed_server: FeedServer, tmp_path: Path) -> None:
    def endless(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.end_headers()  # no Content-Length: only counting the bytes can stop it
        chunk = b"<rss>" + b" " * (1024 * 1024 - 5)
        for _ in range(200):
            request.wfile.write(chunk)

    feed_server.routes["/rss"] = endless
    (outcome,) = fetch(tmp_path, ("Test", feed_server.url("/rss"))).outcomes
    assert outcome.message == "The answer from 127.0.0.1 is larger than 20 MB."


def test_a_declared_200_mb_answer_is_refused_before_reading(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    def declared(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Length", str(200 * 1024 * 1024))
        request.end_headers()
        request.wfile.write(b"<rss>")

    feed_server.routes["/rss"] = declared
    (outcome,) = fetch(tmp_path, ("Test", feed_server.url("/rss"))).outcomes
    assert outcome.message == "The answer from 127.0.0.1 is larger than 20 MB."


def test_a_gzip_bomb_stops_at_the_cap(feed_server: FeedServer, tmp_path: Path) -> None:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    bomb = b"".join(compressor.compress(zeros) for _ in range(100)) + compressor.flush()
    assert len(bomb) < 200_000  # 100 MB unpacked
    url = feed_server.add("/rss", bomb, **{"Content-Encoding": "gzip"})
    (outcome,) = fetch(tmp_path, ("Test", url)).outcomes
    assert outcome.message == "The answer from 127.0.0.1 is larger than 20 MB."


@pytest.mark.parametrize(
    "address",
    [
        "file:///etc/passwd",
        "/etc/passwd",
        "javascript:alert(1)",
        "data:text/xml,<rss/>",
        "ftp://x/",
    ],
)
def test_only_web_addresses_are_fetched(tmp_path: Path, address: str) -> None:
    (outcome,) = fetch(tmp_path, ("Test", address)).outcomes
    assert outcome.kind == "failed"
    assert outcome.message.endswith("is not a web address: only http and https are fetched.")


def test_hostile_links_in_items_are_never_followed_nor_stored(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.add(
        "/rss",
        rss(
            item("Script", "javascript:alert(1)", "1", description="One."),
            item("File", "file:///etc/passwd", "2", description="Two."),
            item("Data", "data:text/html,&lt;b&gt;hi&lt;/b&gt;", "3", description="Three."),
        ),
    )
    report = fetch(tmp_path, ("Test", url))
    assert report.outcomes[0].new_stories == 3
    assert [record["url"] for record in records(tmp_path)] == ["", "", ""]
    assert len(feed_server.requests) == 1  # the feed, and no page


def test_escape_sequences_go_and_markup_stays_literal(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    hostile = rss(
        item(
            "[bold red]Breaking[/] \x1b]0;pwned\x07news",
            guid="1",
            description="Clears \x1b[2Jthe screen &lt;b&gt;[link=x]here[/link]&lt;/b&gt;.",
        )
    )
    url = feed_server.add("/rss", hostile)
    fetch(tmp_path, ("Test \x1b[31mred", url), full_text=False)
    (record,) = records(tmp_path)
    (article,) = iter_articles(tmp_path)
    for text in (record["title"], record["body"], article.title, article.body):
        assert "\x1b" not in text and "\x07" not in text
    assert article.title == "[bold red]Breaking[/] news"
    assert article.body == "Clears the screen [link=x]here[/link]."
    assert article.source == "Test red"


def test_one_failing_feed_does_not_stop_the_others(feed_server: FeedServer, tmp_path: Path) -> None:
    feed_server.routes["/bad"] = answer(500)
    good = feed_server.add("/good", rss(item("Good", guid="1")))
    report = fetch(tmp_path, ("Bad", feed_server.url("/bad")), ("Good", good), full_text=False)
    assert [outcome.kind for outcome in report.outcomes] == ["failed", "new"]
    assert report.new_stories == 1
    assert [outcome.name for outcome in report.failed] == ["Bad"]


def test_fetched_stories_are_found_by_source_with_their_entities(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    from index.api import open_engine, update_index

    url = feed_server.add(
        "/rss",
        rss(
            item(
                "Strike at the port",
                guid="1",
                description="Dock workers in Rotterdam went on strike, the union FNV said.",
            )
        ),
    )
    archive = tmp_path / "archive"
    fetch(archive, ("Harbour News", url), full_text=False)
    report = update_index(archive, tmp_path / "index")
    assert report.indexed == 1 and report.skipped == []
    engine = open_engine(tmp_path / "index")
    try:
        (hit,) = engine.search('source:"Harbour News" strike').hits
        stored = engine.article(hit.id)
        assert stored.article.source == "Harbour News"
        assert "Rotterdam" in engine.facets("strike")["place"][0].name
    finally:
        engine.close()


@pytest.mark.parametrize("per_host", [1, 2])
def test_requests_to_one_host_are_limited(
    feed_server: FeedServer, tmp_path: Path, per_host: int
) -> None:
    lock, both_in = threading.Lock(), threading.Event()
    active, most = 0, 0

    def counted(request: BaseHTTPRequestHandler) -> None:
        nonlocal active, most
        with lock:
            active += 1
            most = max(most, active)
            if active == 2:
                both_in.set()
        # Held open a moment so that a second request, if allowed, arrives meanwhile.
        both_in.wait(0.5)
        with lock:
            active -= 1
        story = item(guid=request.path, description=f"The story of {request.path}.")
        answer(200, rss(story), {"Content-Type": "application/rss+xml"})(request)

    feeds = [(f"Feed {n}", feed_server.url(f"/rss{n}")) for n in range(3)]
    for _, url in feeds:
        feed_server.routes[url.removeprefix(feed_server.base)] = counted
    report = fetch(tmp_path, *feeds, full_text=False, per_host=per_host, parallel_feeds=3)
    assert [outcome.kind for outcome in report.outcomes] == ["new"] * 3
    assert most == per_host


def test_stories_the_state_remembers_are_not_written_again(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.add(
        "/rss",
        rss(
            item("Known guid", guid="g1", description="One."),
            item("Known link", "http://example.invalid/b?utm_medium=x", "g2", description="Two."),
            item("Known text", guid="g3", description="Three."),
            item("New", guid="g4", description="Four."),
        ),
    )
    remembered = FeedState(
        seen_guids=frozenset({"g1"}),
        seen_urls=frozenset({"http://example.invalid/b"}),
        seen_hashes=frozenset({str(duplicate_key("three."))}),
    )
    report = fetch(tmp_path, ("Test", url), states={url: remembered}, full_text=False)
    assert [record["title"] for record in records(tmp_path)] == ["New"]
    assert report.states[url].seen_guids == {"g1", "g4"}


def test_a_closed_port_is_a_sentence(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/rss"
    (outcome,) = fetch(tmp_path, ("Test", closed)).outcomes
    assert outcome.message.startswith("Could not connect to 127.0.0.1 (")


def test_an_archive_that_cannot_be_written_fails_the_feed(
    feed_server: FeedServer, tmp_path: Path
) -> None:
    url = feed_server.add("/rss", rss(item(guid="1")))
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    (outcome,) = fetch(not_a_folder, ("Test", url), full_text=False).outcomes
    assert outcome.kind == "failed"
    assert outcome.message.startswith("Could not write into the archive (")
