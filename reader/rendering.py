"""Article text as `Content` with styled spans: search hits and entity mentions, never markup.

Span styles name component classes (`.entity--person`, ...). A widget that shows this text
declares `TEXT_COMPONENT_CLASSES` and has the CSS class `styled-text`; the colours come from the
theme through `app.tcss`, so they follow the user's theme.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from textual.content import Content, Span
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from articles.cleanup import web_link
from articles.model import ENTITY_KINDS, EntityKind, Mention
from index.api import Highlighted, Hit, StoredArticle
from reader.library import StoryMark

ENTITY_STYLES: dict[EntityKind, str] = {
    "person": ".entity--person",
    "place": ".entity--place",
    "organization": ".entity--organization",
}
ENTITY_LABELS: dict[EntityKind, str] = {
    "person": "people",
    "place": "places",
    "organization": "organisations",
}
SEARCH_HIT = ".search-hit"
SELECTED_MENTION = ".mention--selected"
CURRENT_MENTION = ".mention--current"
MUTED = ".text--muted"
TITLE = ".text--title"
ERROR = ".text--error"
UNREAD = ".mark--unread"
STARRED = ".mark--starred"

TEXT_COMPONENT_CLASSES = {
    style.removeprefix(".")
    for style in (
        *ENTITY_STYLES.values(),
        SEARCH_HIT,
        SELECTED_MENTION,
        CURRENT_MENTION,
        MUTED,
        TITLE,
        ERROR,
        UNREAD,
        STARRED,
    )
}

# C0 and C1 control characters other than tab and newline. Replaced one for one, so offsets
# into the text (search hits, mentions) stay valid; the core removes them at ingest already.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
REPLACEMENT = "\ufffd"


def safe_text(text: str) -> str:
    """Text that can't drive the terminal, the same length as `text`."""
    return _UNSAFE.sub(REPLACEMENT, text)


def plain(text: str) -> Content:
    """Untrusted text shown literally: `[bold]` stays `[bold]`."""
    return Content(safe_text(text), strip_control_codes=False)


def styled(text: str, style: str) -> Content:
    return plain(text).stylize(style)


def highlighted(value: Highlighted, *, one_line: bool = False) -> Content:
    text = safe_text(value.text)
    if one_line:
        text = text.replace("\n", " ")
    spans = [
        Span(start, end, SEARCH_HIT) for start, end in value.spans if 0 <= start < end <= len(text)
    ]
    return Content(text, spans, strip_control_codes=False)


def with_mentions(content: Content, mentions: Iterable[Mention]) -> Content:
    """`content` with its entity mentions coloured by kind, beneath its search hits."""
    spans = [
        Span(mention.start, mention.end, ENTITY_STYLES[mention.kind])
        for mention in mentions
        if 0 <= mention.start < mention.end <= len(content.plain)
    ]
    return Content(content.plain, [*spans, *content.spans], strip_control_codes=False)


def format_date(value: date | None) -> str:
    return value.isoformat() if value else "undated"


def byline(author: str | None, source: str | None) -> str:
    return " · ".join(part for part in (author, source) if part)


# In a one-line snippet the first hit is moved to about this far from the start.
SNIPPET_LEAD_CHARS = 24


def lead_to_first_hit(value: Highlighted, lead: int = SNIPPET_LEAD_CHARS) -> Highlighted:
    """Drop the start of a snippet so its first hit shows in a line cut to the pane's width."""
    if not value.spans:
        return value
    first = min(start for start, _end in value.spans)
    if first <= lead:
        return value
    cut = value.text.rfind(" ", 0, first - lead) + 1
    if cut <= 0:
        return value
    prefix = "…"
    shift = cut - len(prefix)
    spans = tuple((start - shift, end - shift) for start, end in value.spans if start >= cut)
    return Highlighted(prefix + value.text[cut:], spans)


UNREAD_DOT = "● "
READ_GAP = "  "
STAR = "★ "
NOTE = "✎ "


def hit_prompt(hit: Hit, mark: StoryMark | None = None, *, with_marks: bool = False) -> Content:
    """A result list row: title, date and byline, a one-line snippet. `with_marks` (a library
    is open): a dot before an unread story's title, and before the date a star for a starred
    story and a pencil for one with a note; its tags after the byline."""
    title = with_mentions(highlighted(hit.title, one_line=True), hit.title_mentions)
    title = title.stylize_before(TITLE)
    meta_parts = [format_date(hit.date), byline(hit.author, hit.source)]
    flags = Content()
    if with_marks:
        read = mark is not None and mark.read
        title = (plain(READ_GAP) if read else styled(UNREAD_DOT, UNREAD)) + title
        if mark is not None:
            if mark.starred:
                flags += styled(STAR, STARRED)
            if mark.note:
                flags += styled(NOTE, MUTED)
            meta_parts.append(" ".join(f"#{tag}" for tag in mark.tags))
    meta = " · ".join(part for part in meta_parts if part)
    snippet = highlighted(lead_to_first_hit(hit.snippet), one_line=True)
    details = [flags + styled(meta, MUTED), snippet]
    if with_marks:  # under the title, past the dot's column
        details = [plain(READ_GAP) + line for line in details]
    return Content("\n").join([title, *details])


# A result row's title gets up to this many lines; its date and snippet one each.
TITLE_LINES = 2
_ONE_LINE: RulesMap = {"text_wrap": "nowrap", "text_overflow": "ellipsis"}


class HitRow(Visual):
    """A result list row (`hit_prompt`) as drawn: the title wrapped on up to `TITLE_LINES`
    lines, then one line each of date and byline and of snippet; what does not fit ends in an
    ellipsis. A long title is what tells stories apart, and it is cut last."""

    def __init__(self, prompt: Content, *, hanging_indent: int = 0) -> None:
        """`hanging_indent`: the title's first cells (the unread dot) are a column of their
        own, and its further lines start past it."""
        self.prompt = prompt
        self.title, *self.details = prompt.split("\n")
        self.hanging_indent = hanging_indent
        self._width = 0
        self._lines: list[Content] = []

    def __str__(self) -> str:
        return self.prompt.plain

    def lines(self, width: int) -> list[Content]:
        """The row's lines at `width` cells, before each is cut to it."""
        if width != self._width:
            indent = self.hanging_indent if width > self.hanging_indent else 0
            gutter, text = self.title[:indent], self.title[indent:]
            title = text.wrap(width - indent) if width > 0 else [text]
            if len(title) > TITLE_LINES:
                title = [*title[: TITLE_LINES - 1], Content(" ").join(title[TITLE_LINES - 1 :])]
            if indent:
                blank = Content(" " * indent)
                title = [gutter + title[0], *(blank + line for line in title[1:])]
            self._width, self._lines = width, [*title, *self.details]
        return self._lines

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        one_line = RenderOptions(
            options.get_style,
            _ONE_LINE,
            options.selection,
            options.selection_style,
            options.post_style,
        )
        strips = [
            strip
            for line in self.lines(width)
            for strip in line.render_strips(width, 1, style, one_line)
        ]
        return strips if height is None else strips[:height]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(line.cell_length for line in (self.title, *self.details))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))


def entity_legend() -> Content:
    return Content(" ").join(
        styled(f"■ {ENTITY_LABELS[kind]}", ENTITY_STYLES[kind]) for kind in ENTITY_KINDS
    )


def mention_counts(mentions: Iterable[Mention]) -> dict[EntityKind, list[tuple[str, int]]]:
    """Each kind's entities in the story, most mentioned first (then by name)."""
    counts = Counter((mention.kind, mention.name) for mention in mentions)
    by_kind: dict[EntityKind, list[tuple[str, int]]] = {kind: [] for kind in ENTITY_KINDS}
    for (kind, name), count in sorted(counts.items(), key=lambda item: (-item[1], item[0][1])):
        if kind in by_kind:
            by_kind[kind].append((name, count))
    return by_kind


_LONE_NEWLINE = re.compile(r"(?<!\n)\n(?!\n)")


def spaced_paragraphs(text: str) -> tuple[str, Callable[[int], int]]:
    """`text` with a blank line between paragraphs, and a map of offsets into the result."""
    breaks = [match.end() for match in _LONE_NEWLINE.finditer(text)]
    if not breaks:
        return text, lambda offset: offset
    spaced = _LONE_NEWLINE.sub("\n\n", text)

    def shift(offset: int) -> int:
        return offset + bisect_right(breaks, offset)

    return spaced, shift


@dataclass(frozen=True, slots=True)
class SelectedEntity:
    kind: EntityKind
    name: str


@dataclass(frozen=True, slots=True)
class ArticleText:
    """The rendered article and where the selected entity's mentions are in it."""

    content: Content
    # (start, end) in `content` of each mention of the selected entity, in reading order.
    selected_mentions: tuple[tuple[int, int], ...]


def article_text(
    stored: StoredArticle,
    *,
    title_hits: Sequence[tuple[int, int]] = (),
    body_hits: Sequence[tuple[int, int]] = (),
    selected: SelectedEntity | None = None,
    current_mention: int | None = None,
) -> ArticleText:
    """Title, date and byline, then the body; hits and mentions styled, offsets kept."""
    article = stored.article
    title = safe_text(article.title) or "(untitled)"
    meta = " · ".join(
        part for part in (format_date(article.date), byline(article.author, article.source)) if part
    )
    link = web_link(article.url)
    url_line = f"{safe_text(link)}\n" if link else ""
    header = f"{title}\n{safe_text(meta)}\n{url_line}\n"
    body, body_offset = spaced_paragraphs(safe_text(article.body))
    text = header + body
    # Where each field's offsets land in `text`; an untitled article's placeholder has none.
    places: dict[str, Callable[[int], int] | None] = {
        "title": (lambda offset: offset) if article.title else None,
        "body": lambda offset: len(header) + body_offset(offset),
    }
    lengths = {"title": len(article.title), "body": len(article.body)}

    def place(field_name: str, start: int, end: int) -> tuple[int, int] | None:
        to_text = places.get(field_name)
        if to_text is None or not 0 <= start < end <= lengths[field_name]:
            return None
        return to_text(start), to_text(end - 1) + 1

    spans = [Span(0, len(title), TITLE), Span(len(title) + 1, len(title) + 1 + len(meta), MUTED)]
    if link:
        url_start = len(title) + 1 + len(meta) + 1
        spans.append(Span(url_start, url_start + len(link), Style(underline=True, link=link)))
    selected_mentions: list[tuple[int, int]] = []
    for mention in sorted(stored.mentions, key=lambda m: (m.field != "title", m.start)):
        placed = place(mention.field, mention.start, mention.end)
        if placed is None:
            continue
        spans.append(Span(*placed, ENTITY_STYLES.get(mention.kind, MUTED)))
        if selected and (mention.kind, mention.name) == (selected.kind, selected.name):
            selected_mentions.append(placed)
    for field_name, hits in (("title", title_hits), ("body", body_hits)):
        for start, end in hits:
            if (placed := place(field_name, start, end)) is not None:
                spans.append(Span(*placed, SEARCH_HIT))
    for position, (start, end) in enumerate(selected_mentions):
        style = CURRENT_MENTION if position == current_mention else SELECTED_MENTION
        spans.append(Span(start, end, style))
    return ArticleText(Content(text, spans, strip_control_codes=False), tuple(selected_mentions))
