"""The parts of the feed fetcher on their own, without a server: archive files and the keys of
deduplication, bounded decompression, Retry-After, dates and HTML of feeds."""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from articles.feeds.http import (
    DEFAULT_RETRY_DELAY,
    FetchError,
    _Decoder,
    _retry_time,
    check_web_address,
)
from articles.feeds.parse import _date_in_other_language, html_to_text, parse_feed
from articles.feeds.store import (
    SeenStories,
    canonical_url,
    duplicate_key,
    feed_folder,
    read_seen,
    write_new_file,
)

RUN = datetime(2026, 12, 4, 8, 30, 5, 123456, tzinfo=UTC)


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("HTTPS://Example.org:443/a/?utm_source=rss&id=3#top", "https://example.org/a?id=3"),
        ("http://example.org", "http://example.org/"),
        ("http://example.org:8080/x", "http://example.org:8080/x"),
        ("http://heise.de/x.html?wt_mc=rss.developer.beitrag.atom", "http://heise.de/x.html"),
        ("http://example.org:99999/x ", "http://example.org:99999/x"),  # a bad port: as it is
    ],
)
def test_canonical_urls_drop_what_does_not_name_the_story(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_the_text_hash_ignores_case_and_spacing_but_not_words() -> None:
    assert duplicate_key("Word for  word.\n") == duplicate_key("word FOR word.")
    assert duplicate_key("Word for word.") != duplicate_key("Word for a word.")
    assert duplicate_key(" \n ") is None


def test_feed_folders_are_safe_names() -> None:
    assert feed_folder("Jornal de Notícias / Últimas", "u") == "jornal-de-noticias-ultimas"
    assert feed_folder("../../etc", "u") == "etc"
    assert feed_folder("★★★", "http://x/").startswith("feed-")


def test_a_claim_is_all_or_nothing() -> None:
    seen = SeenStories()
    assert seen.claim("feed", "g1", ["http://x/a"], "h1")
    assert not seen.claim("feed", "g2", ["http://x/b"], "h1")  # same text
    assert not seen.claim("other", "g3", ["http://X/a#c"], "h3")  # same address
    assert not seen.claim("feed", "g1", [], None)  # same guid in the same feed
    assert seen.claim("other", "g1", [], None)  # a guid is the feed's own
    # The refused claims recorded nothing.
    assert seen.claim("feed", "g2", ["http://x/b"], "h3")


def test_files_are_new_never_replaced_and_read_back(tmp_path: Path) -> None:
    first = write_new_file(tmp_path, "news", RUN, [{"guid": "1", "feed_url": "f", "body": "A"}])
    second = write_new_file(tmp_path, "news", RUN, [{"guid": "2", "feed_url": "f", "url": "u"}])
    assert first == "feeds/news/2026-12-04T083005.123456Z.jsonl"
    assert second == "feeds/news/2026-12-04T083005.123456Z-2.jsonl"
    assert json.loads((tmp_path / first).read_text())["guid"] == "1"
    assert not list((tmp_path / "feeds/news").glob(".*"))  # no partial file left behind
    seen = read_seen(tmp_path)
    assert seen.guids == {"f": {"1", "2"}}
    assert seen.urls == {canonical_url("u")}
    assert seen.hashes == {duplicate_key("A")}


def test_a_gzip_bomb_is_decoded_a_bounded_piece_at_a_time() -> None:
    bomb = zlib.compress(bytes(50_000_000), 9)
    gzip_bomb = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    data = gzip_bomb.compress(bytes(50_000_000)) + gzip_bomb.flush()
    assert len(bomb) < 100_000 and len(data) < 100_000
    assert len(_Decoder("deflate", "h").decode(bomb, 1000)) == 1001
    assert len(_Decoder("gzip", "h").decode(data, 1000)) == 1001


def test_unknown_or_damaged_encodings_are_a_sentence() -> None:
    with pytest.raises(FetchError, match=r"^h sent its answer in an unsupported encoding \(br\)"):
        _Decoder("br", "h")
    with pytest.raises(FetchError, match="^the compressed answer from h is damaged"):
        _Decoder("gzip", "h").decode(b"not gzip at all", 100)


def test_web_addresses() -> None:
    assert check_web_address(" https://example.org/rss ") == "https://example.org/rss"
    with pytest.raises(FetchError, match="has no host name"):
        check_web_address("http:///rss")
    with pytest.raises(FetchError, match="is not a valid web address"):
        check_web_address("http://[::1/rss")


def test_html_summaries_become_paragraphs_of_plain_text() -> None:
    html = "<p>One &amp; <b>two</b></p><script>evil()</script><p>Three<br>four</p>"
    assert html_to_text(html) == "One & two\nThree\nfour"


def test_an_empty_feed_has_no_items_and_is_no_error() -> None:
    parsed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert (parsed.title, parsed.items, parsed.warning) == ("Quiet", (), None)


def test_retry_after_in_seconds_as_a_date_or_missing() -> None:
    before = datetime.now(UTC)
    assert (
        before + timedelta(seconds=120)
        <= _retry_time("120")
        <= datetime.now(UTC) + timedelta(seconds=120)
    )
    assert _retry_time("Wed, 21 Oct 2026 07:28:00 GMT") == datetime(2026, 10, 21, 7, 28, tzinfo=UTC)
    for unusable in (None, "", "soon"):
        waited = _retry_time(unusable) - before
        assert DEFAULT_RETRY_DELAY <= waited <= DEFAULT_RETRY_DELAY + timedelta(minutes=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Seg, 24 Set 2018 19:42:40 -0300", datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC)),
        ("Mo, 3. Dez 2024 08:00 +0100", datetime(2024, 12, 3, 7, 0, tzinfo=UTC)),
        ("1 janv. 2020", datetime(2020, 1, 1, tzinfo=UTC)),
        ("31 Fev 2018", None),
        ("24 Xyz 2018", None),
        ("yesterday", None),
    ],
)
def test_dates_in_other_languages(text: str, expected: datetime | None) -> None:
    assert _date_in_other_language(text) == expected


def test_unreadable_lines_of_the_archive_are_passed_over(tmp_path: Path) -> None:
    folder = tmp_path / "feeds" / "news"
    folder.mkdir(parents=True)
    (folder / "a.jsonl").write_text(
        '{"guid": "1", "feed_url": "f", "text_hash": "h"}\nnot json\n[1, 2]\n', encoding="utf-8"
    )
    seen = read_seen(tmp_path)
    assert (seen.guids, seen.hashes) == ({"f": {"1"}}, {"h"})
