"""`newsreader export QUERY --format markdown|json|csv [--output FILE]`: every story a query
finds, with the user's tags and notes, for writing up research."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

from index.api import Hit
from reader.cli.common import (
    EXIT_OK,
    CommandFailed,
    add_data_dir_option,
    add_index_choice,
    note,
    open_index_with_library,
)
from reader.cli.json_output import iso_date
from reader.library import StoryMark
from reader.library.export import markdown_export

HELP = "export every story a query finds, with your tags and notes"
FORMATS = ("markdown", "json", "csv")
CSV_COLUMNS = ("id", "title", "date", "author", "url", "tags", "note")
# Several tags in one CSV cell.
TAG_SEPARATOR = "; "
# A cell starting with one of these is a formula to a spreadsheet: article text must never run.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="e.g. 'is:starred tag:serbia'")
    parser.add_argument("--format", choices=FORMATS, default="markdown", help="(markdown)")
    parser.add_argument("--output", metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument(
        "--sort", choices=("relevance", "date"), default="date", help="order of the stories (date)"
    )
    add_index_choice(parser)
    add_data_dir_option(parser)


def run(options: argparse.Namespace) -> int:
    engine, library = open_index_with_library(options)
    try:
        # Every hit: one page that runs on to the last one.
        page = engine.search(options.query, sort=options.sort, suggest=False, through_end=True)
        marks = library.marks_of(hit.id for hit in page.hits)
    finally:
        engine.close()
        library.close()
    stories = [(hit, marks.get(hit.id, StoryMark())) for hit in page.hits]
    exported = datetime.now(UTC)
    if options.format == "json":
        text = _json(options.query, stories, exported)
    elif options.format == "csv":
        text = _csv(stories)
    else:
        text = markdown_export(options.query, stories, exported)
    if options.output:
        _write(Path(options.output).expanduser(), text)
        note(f"Exported {len(stories):,} {_stories(len(stories))} to {options.output}")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _json(query: str, stories: list[tuple[Hit, StoryMark]], exported: datetime) -> str:
    value = {
        "query": query,
        "exported": exported.isoformat(timespec="seconds"),
        "total": len(stories),
        "stories": [
            {
                "id": hit.id,
                "title": hit.title.text,
                "date": iso_date(hit.date),
                "author": hit.author,
                "url": hit.url,
                "tags": list(mark.tags),
                "note": mark.note,
            }
            for hit, mark in stories
        ],
    }
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _csv(stories: list[tuple[Hit, StoryMark]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for hit, mark in stories:
        row = (
            hit.id,
            hit.title.text,
            iso_date(hit.date) or "",
            hit.author or "",
            hit.url or "",
            TAG_SEPARATOR.join(mark.tags),
            mark.note,
        )
        writer.writerow([_not_a_formula(cell) for cell in row])
    return out.getvalue()


def _not_a_formula(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandFailed(f"can't write {path}: {error.strerror or error}") from error


def _stories(count: int) -> str:
    return "story" if count == 1 else "stories"
