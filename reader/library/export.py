"""The stories a query finds, with the user's tags and notes, as Markdown: for
`newsreader export --format markdown` and the reader's "Export results" alike."""

from __future__ import annotations

import re
from datetime import datetime

from index.api import Hit
from reader.library.store import StoryMark

# What Markdown would read as formatting (an article's title is shown as written): these
# characters anywhere, and a list, heading or quote marker that starts a line of a note.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_LINE_MARKER = re.compile(r"^(\s*)([#>+\-])")
_NUMBER_MARKER = re.compile(r"^(\s*\d+)([.)])")


def markdown_export(query: str, stories: list[tuple[Hit, StoryMark]], exported: datetime) -> str:
    """A heading per story, its date, author, id, URL and tags, its note quoted below."""
    noun = "story" if len(stories) == 1 else "stories"
    lines = [
        f"# {_escaped(query or '(every story)')}",
        "",
        f"{len(stories):,} {noun}, exported {exported.strftime('%Y-%m-%d %H:%M')} UTC.",
    ]
    for hit, mark in stories:
        lines += ["", f"## {_escaped(hit.title.text)}", ""]
        fields = (
            ("Date", hit.date.isoformat() if hit.date else None),
            ("Author", hit.author),
            ("Id", hit.id),
            ("URL", hit.url),
            ("Tags", ", ".join(mark.tags)),
        )
        lines += [f"- {label}: {_escaped(value)}" for label, value in fields if value]
        if mark.note:
            lines.append("")
            lines += [f"> {_escaped_line(line)}".rstrip() for line in mark.note.splitlines()]
    return "\n".join(lines) + "\n"


def _escaped(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _escaped_line(line: str) -> str:
    return _NUMBER_MARKER.sub(r"\1\\\2", _LINE_MARKER.sub(r"\1\\\2", _escaped(line)))
