"""Rich renderings for the command line. Article text always goes in as `Text`, never markup."""

from __future__ import annotations

import re
from collections import Counter

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from articles.cleanup import web_link
from articles.model import ENTITY_KINDS, Article, EntityKind, Mention, Problem
from index.api import Highlighted, Hit, IndexReport, SearchPage

HIT_STYLE = "bold black on yellow"
ENTITY_STYLES: dict[EntityKind, str] = {
    "person": "bold cyan",
    "place": "bold green",
    "organization": "bold magenta",
}


# C0 and C1 control characters but tab and newline: a file name may hold an escape sequence
# (`\x1b]52;c;...\x07` writes the clipboard). Replaced one for one, so highlight offsets hold.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_text(value: str, style: str = "") -> Text:
    """Untrusted text (a file name, an article field) that can't drive the terminal."""
    return Text(_CONTROL.sub("\ufffd", value), style=style)


def highlighted(value: Highlighted, style: str = HIT_STYLE) -> Text:
    text = safe_text(value.text)
    for start, end in value.spans:
        text.stylize(style, start, end)
    return text


def index_summary(report: IndexReport, archive_name: str) -> Table:
    rows = [
        (label, f"{count:,}", "")
        for label, count in (
            ("stories new", report.indexed),
            ("stories updated", report.updated),
            ("stories unchanged", report.unchanged),
            ("stories removed", report.removed),
        )
    ]
    for label, problems in (
        ("files skipped", report.skipped),
        ("files indexed with warnings", report.warnings),
    ):
        files, earlier = report.file_counts(problems)
        note = f"{earlier:,} unchanged since the last run" if earlier else ""
        rows.append((label, f"{files:,}", note))
    rows.append(("seconds", f"{report.seconds:.2f}", ""))
    table = Table(
        title=safe_text(f"Index of {archive_name}"), show_header=False, title_justify="left"
    )
    table.add_column("what", style="bold")
    table.add_column("count", justify="right")
    with_notes = any(note for _, _, note in rows)
    if with_notes:
        table.add_column("note", style="dim")
    for row in rows:
        table.add_row(*(row if with_notes else row[:2]))
    return table


def problems_table(title: str, problems: list[Problem], reported_before: set[str]) -> Group:
    """The files of one kind of problem under their summary; when an earlier run reported
    some, which. (The summary is not the table's title, which would wrap to its width.)"""
    table = Table(show_lines=False)
    table.add_column("file", overflow="fold")
    table.add_column("reason", overflow="fold")
    with_earlier = any(problem.path in reported_before for problem in problems)
    if with_earlier:
        table.add_column("reported", no_wrap=True)
    for problem in problems:
        row = [safe_text(problem.path), safe_text(problem.message)]
        if with_earlier:
            earlier = problem.path in reported_before
            row.append(Text("before", style="dim") if earlier else Text("now", style="bold"))
        table.add_row(*row)
    return Group(Text(title, style="italic"), table)


# Cells the story column keeps at the least beside the ids; narrower, each id goes under its story.
STORY_MIN_WIDTH = 30


class HitsTable:
    """The hits as a table of date, story and id. An id is what `show` takes: never cut, it
    has a column of its own, or, when the ids leave the story too little room (a fetched story's
    `feeds/NAME/TIME.jsonl#N` at 80 columns), a line of its own under the story."""

    def __init__(self, hits: tuple[Hit, ...]) -> None:
        self.hits = hits

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widest_id = max(len(hit.id) for hit in self.hits)
        # The date's 10 cells and the borders and padding of three columns.
        ids_beside = options.max_width - 10 - widest_id - 10 >= STORY_MIN_WIDTH
        table = Table(show_lines=True, expand=True)
        table.add_column("date", no_wrap=True, width=10)
        table.add_column("story", ratio=1, overflow="fold")
        if ids_beside:
            table.add_column("id", no_wrap=True, style="dim", min_width=widest_id)
        for hit in self.hits:
            story = highlighted(hit.title)
            story.stylize("bold")
            if hit.author:
                story.append(safe_text(f"  by {hit.author}", style="italic"))
            story.append("\n")
            story.append(highlighted(hit.snippet))
            date = hit.date.isoformat() if hit.date else ""
            if ids_beside:
                table.add_row(date, story, safe_text(hit.id))
            else:
                story.append("\n")
                story.append(safe_text(hit.id, "dim"))
                table.add_row(date, story)
        yield table


def search_results(page: SearchPage) -> Group:
    stories = "story matches" if page.total == 1 else "stories match"
    heading = Text(f"{page.total:,} {stories} ", style="bold")
    heading.append(safe_text(page.query or "(everything)", style="italic"))
    heading.append(f"  ({page.seconds * 1000:.0f} ms)", style="dim")
    parts: list[Text | Table | HitsTable] = [heading]
    parts.extend(safe_text(note, "yellow") for note in page.notes)
    if page.suggestion:
        parts.append(
            Text.assemble("Did you mean ", safe_text(page.suggestion, "bold underline"), "?")
        )
    if page.hits:
        parts.append(HitsTable(page.hits))
    return Group(*parts)


def article_view(
    article: Article,
    names: dict[EntityKind, tuple[str, ...]],
    mentions: tuple[Mention, ...],
) -> Group:
    byline = " · ".join(
        part
        for part in (
            article.date.isoformat() if article.date else "",
            article.author or "",
            article.source or "",
        )
        if part
    )
    body = safe_text(article.body)
    for mention in mentions:
        if mention.field == "body":
            body.stylize(ENTITY_STYLES[mention.kind], mention.start, mention.end)
    parts: list[Panel | Text | Table] = [
        Panel(body, title=safe_text(article.title, "bold"), subtitle=safe_text(byline)),
        safe_text(article.id, "dim"),
    ]
    if link := web_link(article.url):
        parts.append(safe_text(link, "underline"))  # terminals open it; no escape needed
    parts.append(entity_table(names, mentions))
    return Group(*parts)


def entity_table(names: dict[EntityKind, tuple[str, ...]], mentions: tuple[Mention, ...]) -> Table:
    """The names of a story by kind, each with its number of mentions."""
    counts = Counter((m.kind, m.name) for m in mentions)
    sidebar = Table(show_header=True, expand=False)
    for kind in ENTITY_KINDS:
        sidebar.add_column(kind, style=ENTITY_STYLES[kind])
    rows = max((len(names[kind]) for kind in ENTITY_KINDS), default=0)
    for row in range(rows):
        sidebar.add_row(
            *(
                safe_text(f"{names[kind][row]} ({counts[(kind, names[kind][row])]})")
                if row < len(names[kind])
                else Text("")
                for kind in ENTITY_KINDS
            )
        )
    return sidebar


def stderr_console() -> Console:
    return Console(stderr=True)
