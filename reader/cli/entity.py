"""`newsreader entity NAME`: an entity's page, as tables or JSON: its kind, how many stories name
it, the first and the latest, its stories per month, the names most bound up with it and its
stories, newest first."""

from __future__ import annotations

import argparse

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from articles.model import ENTITY_KINDS
from reader.cli import console_output
from reader.cli.common import EXIT_OK, add_index_choice, emit_json, open_index, positive_int
from reader.cli.json_output import entity_page_json, iso_date
from reader.cli.timeline import timeline_table
from reader.explore.entities import EntityPage, archive_name_counts, entity_page, find_entity

HELP = "a person's, place's or organisation's page: counts, months, names seen with it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", help="e.g. 'Karim Valiyev' (a surname will do)")
    parser.add_argument("--kind", choices=ENTITY_KINDS, help="person, place or organization")
    add_index_choice(parser)
    parser.add_argument(
        "--limit", type=positive_int, help="story ids to list, newest first (default: every one)"
    )
    parser.add_argument("--json", action="store_true", help="print the page as JSON")


def run(options: argparse.Namespace) -> int:
    engine = open_index(options)
    try:
        entity = find_entity(engine, options.name, options.kind)
        page = entity_page(engine, entity, archive_name_counts(engine), stories=options.limit)
    finally:
        engine.close()
    if options.json:
        emit_json(entity_page_json(page))
    else:
        Console().print(entity_page_view(page))
    return EXIT_OK


def entity_page_view(page: EntityPage) -> Group:
    entity = page.entity
    stories = "story" if page.stories == 1 else "stories"
    heading = console_output.safe_text(entity.name, console_output.ENTITY_STYLES[entity.kind])
    heading.append(f"  {entity.kind}, {page.stories:,} {stories}", style="")
    if page.first is not None:
        heading.append(f", {iso_date(page.first)} to {iso_date(page.latest)}", style="dim")
    names = Table("seen with", "kind", "together", "stories", "bond", box=None, pad_edge=False)
    for name in page.co_occurring:
        names.add_row(
            console_output.safe_text(name.entity.name),
            name.entity.kind,
            f"{name.together:,}",
            f"{name.stories:,}",
            f"{name.score:.2f}",
        )
    newest = Table(box=None, pad_edge=False)
    newest.add_column("date", no_wrap=True, width=10)
    newest.add_column("title", ratio=1, overflow="fold")
    # An id is what `show` takes: never cut; the title folds instead.
    widest_id = max((len(hit.id) for hit in page.newest), default=2)
    newest.add_column("id", no_wrap=True, style="dim", min_width=widest_id)
    for hit in page.newest:
        newest.add_row(
            iso_date(hit.date) or "",
            console_output.safe_text(hit.title.text),
            console_output.safe_text(hit.id),
        )
    return Group(heading, Text(), timeline_table(page.timeline), Text(), names, Text(), newest)
