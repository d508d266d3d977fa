"""`newsreader search QUERY`: the hits of a query, as a table or JSON."""

from __future__ import annotations

import argparse

from rich.console import Console

from reader.cli import console_output
from reader.cli.common import EXIT_OK, add_index_choice, emit_json, open_index
from reader.cli.json_output import search_json

HELP = "search an archive"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="e.g. 'person:\"Karim Valiyev\" date:2024'")
    add_index_choice(parser)
    parser.add_argument("--limit", type=_positive_int, default=20, help="hits to show (20)")
    parser.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")


def run(options: argparse.Namespace) -> int:
    engine = open_index(options)
    try:
        page = engine.search(options.query, page_size=options.limit, sort=options.sort)
    finally:
        engine.close()
    if options.json:
        emit_json(search_json(page))
    else:
        Console().print(console_output.search_results(page))
    return EXIT_OK


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return number
