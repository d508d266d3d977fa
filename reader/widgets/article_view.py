"""The article pane: one `Static` holding the article as `Content` with styled spans."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from index.api import StoredArticle
from reader.library import StoryMark
from reader.rendering import (
    MUTED,
    TEXT_COMPONENT_CLASSES,
    TITLE,
    ArticleText,
    SelectedEntity,
    article_text,
    entity_legend,
    plain,
    styled,
)
from reader.textual_fixes import SizedByOneLayout
from reader.widgets.note_view import NoteView

WELCOME = """\
Type in the search bar: results appear as you type.
↑/↓ or j/k move through the stories, Enter opens one, n/p read the next or previous.
Tab cycles the panes; e goes to the names in the story; ? lists every key.
"""


def line_of_offset(text: str, offset: int, width: int) -> int:
    """The wrapped line (from 0) that character `offset` of `text` lands on at `width` cells."""
    row = 0
    position = 0
    for paragraph in text.split("\n"):
        end = position + len(paragraph)
        lines = Content(paragraph).wrap(max(1, width)) if paragraph else [Content()]
        if offset <= end:
            within = offset - position
            cursor = 0
            line_row = 0
            for index, line in enumerate(lines):
                chunk = line.plain.rstrip()
                found = paragraph.find(chunk, cursor) if chunk else cursor
                start = found if found >= 0 else cursor
                if start > within:
                    break
                line_row = index
                cursor = start + len(chunk)
            return row + line_row
        row += len(lines)
        position = end + 1
    return max(0, row - 1)


class _ArticleText(SizedByOneLayout, Static):
    """The article's text, as tall as it wraps."""


# Its scrollbars follow the text's new height without another layout.
class ArticleView(SizedByOneLayout, VerticalScroll, can_focus=True):
    """Shows one article; `select_entity` marks an entity's mentions, `jump_mention` visits them."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False, id="article_down"),
        Binding("k", "scroll_up", "Up", show=False, id="article_up"),
        Binding("g", "scroll_home", "Top", show=False, id="article_top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="article_bottom"),
        Binding("space", "page_down", "Page down", show=False, id="article_page_down"),
        Binding("escape", "leave", "Results", id="leave_article"),
    ]

    @dataclass
    class Left(Message):
        article_view: ArticleView

        @property
        def control(self) -> ArticleView:
            return self.article_view

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="styled-text")
        self.stored: StoredArticle | None = None
        # The user's marks of the open story (its note shows under it).
        self.mark: StoryMark | None = None
        self.selected: SelectedEntity | None = None
        self.current_mention: int | None = None
        self._title_hits: tuple[tuple[int, int], ...] = ()
        self._body_hits: tuple[tuple[int, int], ...] = ()
        self._rendered: ArticleText | None = None
        self._shown_status: Content | None = None

    def compose(self) -> ComposeResult:
        yield _ArticleText(self._welcome(), id="article-text")
        yield NoteView(id="article-note")

    @property
    def article_id(self) -> str | None:
        return self.stored.article.id if self.stored else None

    @property
    def text(self) -> Content:
        return self.query_one("#article-text", Static).visual  # type: ignore[return-value]

    @property
    def mention_count(self) -> int:
        return len(self._rendered.selected_mentions) if self._rendered else 0

    def _welcome(self) -> Content:
        return Content("\n").join(
            [styled("newsreader", TITLE), styled(WELCOME, MUTED), entity_legend()]
        )

    def show_welcome(self) -> None:
        self.show_message(self._welcome())

    def show_message(self, content: Content) -> None:
        """Show `content` instead of a story (the welcome, or why there is no story)."""
        self.stored = None
        self.show_mark(None)
        self._rendered = None
        self.selected = None
        self.current_mention = None
        self._show_mention_status()
        self._show_text(content)
        self.scroll_home(animate=False)

    def show_article(
        self,
        stored: StoredArticle,
        title_hits: tuple[tuple[int, int], ...],
        body_hits: tuple[tuple[int, int], ...],
        *,
        keep_position: bool = False,
    ) -> None:
        same_story = self.article_id == stored.article.id
        if (
            keep_position
            and same_story
            and (stored, title_hits, body_hits) == (self.stored, self._title_hits, self._body_hits)
        ):
            # Each keystroke highlights the story open again: laying a long one out anew for
            # the same highlights would hold the screen for as long as the search takes.
            return
        self.stored = stored
        self._title_hits = title_hits
        self._body_hits = body_hits
        if not (keep_position and same_story):
            self.selected = None
            self.current_mention = None
        self._refresh_text()
        if not (keep_position and same_story):
            self.scroll_home(animate=False)

    def show_mark(self, mark: StoryMark | None) -> None:
        """The open story's marks: its note shows under the article."""
        self.mark = mark
        if self.query_one(NoteView).show_note(mark) and self._rendered is not None:
            self._show_text(self._rendered.content)  # the scrollbar counts the note's lines

    def select_entity(self, entity: SelectedEntity | None) -> None:
        """Mark the mentions of `entity` (None clears the mark)."""
        if entity == self.selected:
            return
        self.selected = entity
        self.current_mention = None
        self._refresh_text()

    def jump_mention(self, step: int) -> bool:
        """Move to the next (`step` 1) or previous (-1) mention of the selected entity."""
        count = self.mention_count
        if not count:
            return False
        if self.current_mention is None:
            self.current_mention = 0 if step > 0 else count - 1
        else:
            self.current_mention = (self.current_mention + step) % count
        self._refresh_text()
        self._scroll_to_current()
        return True

    def _refresh_text(self) -> None:
        if self.stored is None:
            return
        self._rendered = article_text(
            self.stored,
            title_hits=self._title_hits,
            body_hits=self._body_hits,
            selected=self.selected,
            current_mention=self.current_mention,
        )
        self._show_text(self._rendered.content)
        self._show_mention_status()

    def _show_text(self, content: Content) -> None:
        text = self.query_one("#article-text", Static)
        text.update(content)
        if not self.size or self.styles.overflow_y != "auto":
            return
        # Whether the text needs the scrollbar, decided as the layout would decide it from the
        # current one. Left to the layout, a story that needs it when the one before did not
        # (or the reverse) is laid out and painted at one width, then again at the other.
        width = self.size.width - self.styles.gutter.width
        if self.show_vertical_scrollbar:
            width -= self.styles.scrollbar_size_vertical
        height = self.size.height - self.styles.gutter.height
        height -= self.query_one(NoteView).lines_taken(width)
        # Textual's widgets pass their styles here too; its annotation asks for their rules.
        scrolls = content.get_height(text.styles, width) > height  # type: ignore[arg-type]
        self.show_vertical_scrollbar = scrolls
        self.vertical_scrollbar.display = scrolls

    def _show_mention_status(self) -> None:
        # Setting a border subtitle repaints the whole pane, even to the same value.
        status = self._mention_status()
        if status != self._shown_status:
            self._shown_status = status
            self.border_subtitle = status

    def _mention_status(self) -> Content | None:
        """Which mention of the selected entity is current, e.g. "Karim Valiyev 2/5 · [ ]"."""
        if self.selected is None or not self.mention_count:
            return None
        place = "" if self.current_mention is None else f"{self.current_mention + 1}/"
        return plain(f"{self.selected.name} {place}{self.mention_count} · [ ]")

    def _scroll_to_current(self) -> None:
        if self._rendered is None or self.current_mention is None:
            return
        start, _end = self._rendered.selected_mentions[self.current_mention]
        static = self.query_one("#article-text", Static)
        row = line_of_offset(self._rendered.content.plain, start, static.size.width)
        self.scroll_to(y=max(0, row - self.size.height // 3), animate=False)

    def action_leave(self) -> None:
        self.post_message(self.Left(self))
