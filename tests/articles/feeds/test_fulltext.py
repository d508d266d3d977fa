"""Full text and metadata from the saved pages of ../shared/html (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.feeds.fulltext import extract_article


@pytest.mark.parametrize(
    ("page", "author"),
    [
        ("ars-1", "Dan Goodin"),
        # The page names him twice, once in capitals: one name.
        ("nytimes-1", "Jeffrey Gettleman"),
        # Its metadata's author is a placeholder, "Username": no author rather than that.
        ("wapo-1", None),
    ],
)
def test_the_page_gives_the_author_when_it_names_one(
    shared_data: Path, page: str, author: str | None
) -> None:
    html = (shared_data / "html" / "readability" / page / "source.html").read_bytes()
    article = extract_article(html)
    assert article is not None
    assert article.author == author


def test_a_page_without_an_article_gives_none() -> None:
    assert extract_article(b"<html><body><nav>Home</nav><p>Subscribe!</p></body></html>") is None
    assert extract_article(b"\x00\x01 not html") is None


def test_a_headline_repeated_above_the_story_is_not_its_first_line() -> None:
    sentence = "The council met on Tuesday to decide the fate of the old harbour bridge. "
    page = (
        "<html><head><title>Harbour bridge to close for repairs</title></head><body><article>"
        "<h1>Harbour Bridge to close for repairs</h1>"
        f"<p>{sentence * 8}</p><p>Harbour bridge to close for repairs, the mayor said.</p>"
        "</article></body></html>"
    )
    article = extract_article(page)
    assert article is not None
    assert (article.title or "").casefold() == "harbour bridge to close for repairs"
    assert article.text.startswith("The council met on Tuesday")
    # Only an opening line that is the headline goes; the same words inside the story stay.
    assert "Harbour bridge to close for repairs, the mayor said." in article.text
