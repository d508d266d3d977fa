"""The feed archive files and deduplication keys, and the bounded decompression: no server."""

from __future__ import annotations

import json
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from articles.feeds.http import FetchError, _Decoder, check_web_address
from articles.feeds.parse import html_to_text, parse_feed
from articles.feeds.store import (
    SeenStories,
    canonical_url,
    feed_folder,
    read_seen,
    text_hash,
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
    ],
)
def test_canonical_urls_drop_what_does_not_name_the_story(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_the_text_hash_ignores_case_and_spacing_but_not_words() -> None:
    assert text_hash("Word for  word.\n") == text_hash("word FOR word.")
    assert text_hash("Word for word.") != text_hash("Word for a word.")
    assert text_hash(" \n ") is None


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
    assert seen.hashes == {text_hash("A")}


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


def test_html_summaries_become_paragraphs_of_plain_text() -> None:
    html = "<p>One &amp; <b>two</b></p><script>evil()</script><p>Three<br>four</p>"
    assert html_to_text(html) == "One & two\nThree\nfour"


def test_an_empty_feed_has_no_items_and_is_no_error() -> None:
    parsed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>')
    assert (parsed.title, parsed.items, parsed.warning) == ("Quiet", (), None)
