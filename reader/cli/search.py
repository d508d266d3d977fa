"""`newsreader search QUERY`: the hits of a query, as a table or JSON."""

from __future__ import annotations

import argparse

from reader.cli.common import (
    EXIT_OK,
    add_data_dir_option,
    add_index_choice,
    emit_json,
    open_index_with_library,
    positive_int,
)
from reader.cli.json_output import search_json

HELP = "search an archive"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="e.g. 'person:\"Karim Valiyev\" date:2024'")
    add_index_choice(parser)
    add_data_dir_option(parser)
    parser.add_argument("--limit", type=positive_int, default=20, help="hits to show (20)")
    parser.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")


def run(options: argparse.Namespace) -> int:
    engine, library = open_index_with_library(options)  # `is:starred` and friends need it
    try:
        page = engine.search(options.query, page_size=options.limit, sort=options.sort)
    finally:
        engine.close()
        library.close()
    if options.json:
        emit_json(search_json(page))
    else:
        # Rich only for the table: a script's `--json` search starts quicker without it.
        from rich.console import Console

        from reader.cli import console_output

        Console().print(console_output.search_results(page))
    return EXIT_OK
