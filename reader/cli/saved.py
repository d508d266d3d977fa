"""`newsreader saved list|add|remove|rename|run`: the saved searches of the user's library, with
how many stories each finds and how many are new since it was last opened."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table
from rich.text import Text

from index.api import QueryError, SearchEngine
from reader.cli import console_output
from reader.cli.common import (
    EXIT_OK,
    CommandParser,
    add_data_dir_option,
    add_index_choice,
    emit_json,
    open_index_with_library,
    open_library,
    positive_int,
)
from reader.cli.json_output import saved_search_json, search_json
from reader.library import Library, LibraryError, SavedSearch

HELP = "list, add, remove, rename and run saved searches"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
    listing = actions.add_parser("list", help="each saved search, its stories and new ones")
    add_index_choice(listing)
    adding = actions.add_parser("add", help="save a query under a name")
    adding.add_argument("name", metavar="NAME")
    adding.add_argument("query", metavar="QUERY")
    add_index_choice(adding)
    removing = actions.add_parser("remove", help="delete a saved search")
    removing.add_argument("name", metavar="NAME")
    renaming = actions.add_parser("rename", help="give a saved search another name")
    renaming.add_argument("old", metavar="OLD")
    renaming.add_argument("new", metavar="NEW")
    running = actions.add_parser("run", help="run a saved search (it counts as opened)")
    running.add_argument("name", metavar="NAME")
    add_index_choice(running)
    running.add_argument("--limit", type=positive_int, default=20, help="hits to show (20)")
    running.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    for action in (listing, adding, removing, renaming, running):
        add_data_dir_option(action)
        action.add_argument("--json", action="store_true", help="print the result as JSON")


def run(options: argparse.Namespace) -> int:
    if options.action in ("remove", "rename"):
        library = open_library(options)
        try:
            _change(library, options)
        finally:
            library.close()
        return EXIT_OK
    engine, library = open_index_with_library(options)
    try:
        if options.action == "list":
            _list(engine, library, options)
        elif options.action == "add":
            total = engine.count(options.query)  # a query that can't run is not saved
            library.save_search(options.name, options.query)
            _say(
                options,
                {"name": options.name.strip(), "query": options.query, "total": total},
                f"Saved {options.name.strip()!r}: {total:,} {_stories(total)}.",
            )
        else:
            _run(engine, library, options)
    finally:
        engine.close()
        library.close()
    return EXIT_OK


def _change(library: Library, options: argparse.Namespace) -> None:
    if options.action == "remove":
        library.remove_search(options.name)
        _say(options, {"removed": options.name}, f"Removed the saved search {options.name!r}.")
    else:
        library.rename_search(options.old, options.new)
        new = options.new.strip()
        _say(options, {"renamed": options.old, "to": new}, f"Renamed {options.old!r} to {new!r}.")


def _list(engine: SearchEngine, library: Library, options: argparse.Namespace) -> None:
    rows = [_counted(engine, library, search) for search in library.saved_searches()]
    if options.json:
        emit_json({"saved": [saved_search_json(*row) for row in rows]})
        return
    if not rows:
        Console().print("No saved searches yet: `newsreader saved add NAME QUERY` saves one.")
        return
    table = Table()
    table.add_column("name", style="bold")
    table.add_column("query", overflow="fold")
    table.add_column("stories", justify="right")
    table.add_column("new", justify="right")
    table.add_column("last opened", style="dim")
    for search, total, new, error in rows:
        opened = search.last_opened.strftime("%Y-%m-%d %H:%M") if search.last_opened else "never"
        table.add_row(
            console_output.safe_text(search.name),
            console_output.safe_text(search.query),
            f"{total:,}" if total is not None else Text("can't run", style="red"),
            f"{new:,}" if new is not None else "",
            opened,
        )
        if error:
            table.add_row("", console_output.safe_text(error, "red"), "", "", "")
    Console().print(table)


def _counted(
    engine: SearchEngine, library: Library, search: SavedSearch
) -> tuple[SavedSearch, int | None, int | None, str | None]:
    try:
        ids = engine.story_ids(search.query)
    except QueryError as error:
        return search, None, None, str(error)
    return search, len(ids), library.new_since_opened(search.name, ids), None


def _run(engine: SearchEngine, library: Library, options: argparse.Namespace) -> None:
    search = _named(library, options.name)
    page = engine.search(search.query, page_size=options.limit, sort=options.sort)
    ids = engine.story_ids(search.query)
    new = library.new_since_opened(search.name, ids)
    library.opened_search(search.name, ids)
    if options.json:
        emit_json({"name": search.name, "new": new, **search_json(page)})
        return
    heading = Text.assemble("Saved search ", console_output.safe_text(search.name, "bold"), ": ")
    if search.last_opened:
        heading.append(f"{new:,} new since it was last opened")
    else:
        heading.append("opened for the first time")
    console = Console()
    console.print(heading)
    console.print(console_output.search_results(page))


def _named(library: Library, name: str) -> SavedSearch:
    for search in library.saved_searches():
        if search.name == name.strip():
            return search
    raise LibraryError(f"no saved search named {name!r}")


def _say(options: argparse.Namespace, value: object, sentence: str) -> None:
    if options.json:
        emit_json(value)
    else:
        Console().print(console_output.safe_text(sentence))


def _stories(count: int) -> str:
    return "story" if count == 1 else "stories"
