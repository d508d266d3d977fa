"""A story's full text from its web page, with trafilatura.

When the page yields no article (an index page, a video, a paywall stub, an extraction error) or
less text than the feed itself gave, the feed's own content or summary is kept instead: the caller
says which in the record (`text_from`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import trafilatura

from articles.cleanup import clean_line, clean_text

# Fewer words than this is a teaser, a caption or a cookie notice, not an article.
MIN_ARTICLE_WORDS = 50


@dataclass(frozen=True, slots=True)
class PageArticle:
    """What extraction found on a page. `canonical_url` is the page's own idea of its address."""

    text: str
    title: str | None
    author: str | None
    published: datetime | None
    canonical_url: str | None


def extract_article(page: bytes | str, url: str | None = None) -> PageArticle | None:
    """The article on `page`, or None when there is none worth keeping."""
    try:
        document = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
        )
    except Exception:  # a page that breaks the extractor has no article
        return None
    if document is None or isinstance(document, dict):
        return None
    title = clean_line(document.title or "") or None
    lines = [
        line
        for line in (" ".join(part.split()) for part in clean_text(document.text or "").split("\n"))
        if line
    ]
    # Some pages repeat their headline above the story; the story's title is shown already, and
    # a body opening with it would make every snippet of the story repeat the headline.
    if title and lines and lines[0].casefold() == title.casefold():
        del lines[0]
    text = "\n".join(lines)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return None
    return PageArticle(
        text=text,
        title=title,
        author=_author(document.author),
        published=_date(document.date),
        canonical_url=document.url or None,
    )


# What a page's metadata says when a template left its author field unset.
_PLACEHOLDER_AUTHORS = {
    "username",
    "user",
    "admin",
    "administrator",
    "author",
    "unknown",
    "webmaster",
}


def _author(value: str | None) -> str | None:
    """The names of the page's author metadata, each once ("A; A" in two spellings is one)."""
    names: dict[str, str] = {}
    for part in clean_line(value or "").split(";"):
        name = part.strip()
        if name and name.casefold() not in _PLACEHOLDER_AUTHORS:
            names.setdefault(name.casefold(), name)
    return "; ".join(names.values()) or None


def _date(value: str | None) -> datetime | None:
    try:
        return datetime.strptime((value or "")[:10], "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None
