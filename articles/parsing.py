"""The archive text format: first line ` date YYYY-MM-DD Title`, then the body.

The body may open with a byline glued to the first sentence by a scraper
(`By Sabina AlizadeThe visit of ...`); it is split into author and body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from articles.cleanup import clean_line, clean_text

_HEADER = re.compile(r"^\s*date\s+(?P<date>\d\S*)\s*(?P<title>.*)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# A byline is short: "By " and up to nine name words (two authors joined by "and").
_BYLINE_START = re.compile(r"^By\s+(?=[^\W\d_])")
_MAX_NAME_WORDS = 9
_NAME_PARTICLES = {
    "de",
    "da",
    "del",
    "der",
    "van",
    "von",
    "den",
    "di",
    "la",
    "le",
    "bin",
    "al",
    "du",
    "and",
    "&",
}
_OPENING_QUOTES = "\"'“‘«"
# Surname prefixes followed by a capital inside one name (McDonald, MacKenzie, DeVries): not glue.
_CAPITALISED_PREFIXES = {"Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von"}


@dataclass(frozen=True, slots=True)
class ParsedText:
    title: str
    body: str
    date: date | None
    author: str | None
    warnings: tuple[str, ...]


def parse_date(text: str) -> date | None:
    """`YYYY-MM-DD` to a date, or None when malformed or impossible (2024-02-30)."""
    match = _ISO_DATE.match(text.strip())
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def parse_article_text(text: str) -> ParsedText:
    """Parse decoded file text in the archive format. Raises ValueError when there is no text."""
    text = clean_text(text)
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        raise ValueError("empty file")
    warnings: list[str] = []
    first, rest = lines[0], lines[1:]
    header = _HEADER.match(first)
    article_date: date | None = None
    if header:
        title = clean_line(header["title"])
        article_date = parse_date(header["date"])
        if article_date is None:
            warnings.append(
                f"invalid date {header['date']!r} in the header; indexed without a date"
            )
        if not title:
            title = clean_line(next((line for line in rest if line.strip()), ""))
            warnings.append("no title in the header; the first line of the body is used")
    else:
        title = clean_line(first)
        warnings.append("no ' date YYYY-MM-DD Title' header; the first line is used as the title")
    body = "\n".join(rest).strip("\n")
    author, body = split_byline(body)
    if not title and not body.strip():
        raise ValueError("no text")
    # A title is empty only when the body is too (refused above): it is never a placeholder.
    return ParsedText(title, body, article_date, author, tuple(warnings))


def split_byline(body: str) -> tuple[str | None, str]:
    """Split a leading `By NAME` (glued to the first sentence, or on its own line) off a body."""
    if not _BYLINE_START.match(body):
        return None, body
    first_line, _, remaining = body.partition("\n")
    words = first_line[3:].split()
    for count, word in enumerate(words[:_MAX_NAME_WORDS], start=1):
        glue = _glue_point(word)
        if glue is not None:
            name_words = [*words[: count - 1], word[:glue]]
            if not _is_name(name_words):
                return None, body
            sentence = " ".join([word[glue:], *words[count:]])
            rest = sentence + ("\n" + remaining if remaining else "")
            return " ".join(name_words), rest
    if len(words) <= _MAX_NAME_WORDS and _is_name(words):
        # A byline alone on its line: everything after it is the body.
        return " ".join(words), remaining.lstrip("\n")
    return None, body


def _glue_point(word: str) -> int | None:
    """Where a sentence starts inside a name word: the last lower-to-upper (or quote) step."""
    glue = None
    for index in range(1, len(word)):
        previous, current = word[index - 1], word[index]
        glued = previous.islower() and (current.isupper() or current in _OPENING_QUOTES)
        if glued and word[:index] not in _CAPITALISED_PREFIXES:
            glue = index
    return glue


def _is_name(words: list[str]) -> bool:
    if not words:
        return False
    for word in words:
        if word.lower() in _NAME_PARTICLES:
            continue
        if not word[:1].isupper() or not any(char.isalpha() for char in word):
            return False
    return True
