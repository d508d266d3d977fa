"""A feed document (RSS 0.9x/1.0/2.0 or Atom, as servers really send them) to its items.

feedparser reads the formats and copes with wrong encodings; what it can't (a page that is not a
feed, XML broken before any item) is a `FeedError` with one sentence. Dates it can't read in
English get a second try with the month names of a few other languages; an item without a date
keeps none rather than a made-up one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import lxml.html

from articles.cleanup import clean_line, clean_text


class FeedError(Exception):
    """The document is not a feed that can be read; `str(error)` is one sentence."""


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, its text plain (`summary` is the feed's content or summary)."""

    guid: str | None
    title: str
    link: str | None
    published: datetime | None
    author: str | None
    summary: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    title: str
    items: tuple[FeedItem, ...]
    # Set when the document was broken but items could still be read.
    warning: str | None = None


def parse_feed(document: bytes, content_type: str = "") -> ParsedFeed:
    """Parse a fetched feed document; FeedError when nothing usable is in it."""
    headers = {"content-type": content_type} if content_type else None
    parsed: Any = feedparser.parse(document, response_headers=headers)
    entries = parsed.get("entries") or []
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    # A feed read in the encoding it really has, or sent as text/html: nothing to report.
    if isinstance(problem, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType):
        problem = None
    if not entries and not parsed.get("version") and (problem is None or _is_html(document)):
        raise FeedError("not a feed: the address gives a page (HTML or other), not RSS or Atom.")
    if not entries and problem is not None:
        raise FeedError(f"not a feed: the XML is broken ({_first_line(problem)}).")
    feed = parsed.get("feed") or {}
    warning = None
    if problem is not None:
        warning = f"the feed is not well-formed ({_first_line(problem)}); its items were read."
    items = tuple(_item(entry, feed) for entry in entries)
    return ParsedFeed(clean_line(str(feed.get("title") or "")), items, warning)


def _item(entry: Any, feed: Any) -> FeedItem:
    link = entry.get("link")  # feedparser's pick: the alternate link, in RSS and Atom alike
    author = entry.get("author") or feed.get("author")
    return FeedItem(
        guid=clean_line(str(entry.get("id") or "")) or None,
        title=clean_line(html_to_text(str(entry.get("title") or ""))),
        link=link.strip() if isinstance(link, str) and link.strip() else None,
        published=_date(entry),
        author=clean_line(str(author)) if author else None,
        summary=html_to_text(_longest_content(entry)),
    )


def _longest_content(entry: Any) -> str:
    candidates = [str(part.get("value") or "") for part in entry.get("content") or []]
    candidates.append(str(entry.get("summary") or ""))
    return max(candidates, key=len)


# Block elements end a paragraph when HTML content becomes plain text.
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def html_to_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed's summary), paragraphs on their own lines, cleaned."""
    # Control characters first: lxml refuses text that has them.
    fragment = clean_text(fragment)
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return fragment.strip()
    for element in root.iter("script", "style"):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in clean_text(text).split("\n"))
    return "\n".join(line for line in lines if line)


def _date(entry: Any) -> datetime | None:
    for key in ("published", "updated", "created"):
        # dict.get: feedparser's own `get` maps a missing `updated_parsed` to `published_parsed`
        # with a deprecation warning.
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    for key in ("published", "updated", "created", "date"):
        text = dict.get(entry, key)
        if isinstance(text, str) and (when := _date_in_other_language(text)):
            return when
    return None


# The first three letters of month names in Portuguese, Spanish, French, German and Italian.
_MONTHS = {
    **dict.fromkeys(("jan", "ene", "gen", "janv"), 1),
    **dict.fromkeys(("fev", "feb", "fév"), 2),
    **dict.fromkeys(("mar", "mär", "mrz"), 3),
    **dict.fromkeys(("abr", "avr", "apr"), 4),
    **dict.fromkeys(("mai", "may", "mag"), 5),
    **dict.fromkeys(("jun", "jui", "giu"), 6),
    **dict.fromkeys(("jul", "lug"), 7),
    **dict.fromkeys(("ago", "aoû", "aou", "aug"), 8),
    **dict.fromkeys(("set", "sep"), 9),
    **dict.fromkeys(("out", "oct", "okt", "ott"), 10),
    **dict.fromkeys(("nov",), 11),
    **dict.fromkeys(("dez", "dic", "déc", "dec"), 12),
}
_DAY_MONTH_YEAR = re.compile(
    r"(?P<day>\d{1,2})\.?\s+(?P<month>[^\W\d_]{3,})\.?\s+(?P<year>\d{4})"
    r"(?:\s+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
    r"(?:\s*(?P<zone>[+-]\d{4}))?"
)


def _date_in_other_language(text: str) -> datetime | None:
    match = _DAY_MONTH_YEAR.search(text)
    if not match:
        return None
    month_name = match["month"].lower()
    month = _MONTHS.get(month_name[:4]) or _MONTHS.get(month_name[:3])
    if month is None:
        return None
    try:
        when = datetime(
            int(match["year"]),
            month,
            int(match["day"]),
            int(match["hour"] or 0),
            int(match["minute"] or 0),
            int(match["second"] or 0),
            tzinfo=UTC,
        )
    except ValueError:
        return None
    if zone := match["zone"]:
        sign = -1 if zone[0] == "-" else 1
        when -= sign * timedelta(hours=int(zone[1:3]), minutes=int(zone[3:5]))
    return when


def _is_html(document: bytes) -> bool:
    start = document[:1024].lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html"))


def _first_line(error: object) -> str:
    return " ".join(str(error).split())[:100].rstrip(".")
