"""A full screen that explains a state the reader can't work in: an empty archive, an index
that can't be opened. It says what the reader expects and offers to try again."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from articles.model import Problem
from reader.rendering import ERROR, MUTED, TEXT_COMPONENT_CLASSES, TITLE, plain, styled
from reader.textual_fixes import FooterKeepingNoOldKeys

ARCHIVE_FORMAT = """\
newsreader reads a folder of news articles, including its subfolders:

  • *.txt files, one article each. The first line is ` date YYYY-MM-DD Title`,
    the rest is the body; a body may start with a byline `By Name`.
  • *.jsonl files, one article per line: {"title", "date", "author", "body", "url"}.

Add articles to the folder, then press r to index it again."""

MAX_PROBLEMS_SHOWN = 20


def empty_archive_text(archive: Path, skipped: list[Problem]) -> Content:
    parts = [
        styled(f"No articles in {archive}", TITLE),
        Content(""),
        styled(ARCHIVE_FORMAT, MUTED),
    ]
    if skipped:
        parts += [Content(""), styled(f"{len(skipped):,} files could not be used:", ERROR)]
        parts += [
            plain(f"  {problem.path}: {problem.message}")
            for problem in skipped[:MAX_PROBLEMS_SHOWN]
        ]
        if len(skipped) > MAX_PROBLEMS_SHOWN:
            parts.append(styled(f"  … and {len(skipped) - MAX_PROBLEMS_SHOWN:,} more", MUTED))
    return Content("\n").join(parts)


def problem_text(title: str, message: str) -> Content:
    return Content("\n").join(
        [
            styled(title, TITLE),
            Content(""),
            plain(message),
            Content(""),
            styled("Press r to try again, q to quit.", MUTED),
        ]
    )


class NoticeScreen(Screen[str]):
    """Dismisses with "retry" when the user presses r."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [Binding("r", "retry", "Index again", id="notice_retry")]

    def __init__(self, text: Content, *, sub_title: str = "") -> None:
        super().__init__(classes="styled-text")
        self.text = text
        self._sub_title = sub_title

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Center(), VerticalScroll(id="notice"):
            yield Static(self.text, id="notice-text", classes="styled-text")
        yield FooterKeepingNoOldKeys()

    def on_mount(self) -> None:
        self.title = "newsreader"
        self.sub_title = self._sub_title

    def action_retry(self) -> None:
        self.dismiss("retry")
