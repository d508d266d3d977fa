"""`newsreader show ARTICLE_ID`: one article with its entities."""

from __future__ import annotations

import argparse

from rich.console import Console

from reader.cli import console_output
from reader.cli.common import EXIT_OK, add_index_choice, emit_json, open_index
from reader.cli.json_output import article_json

HELP = "show one article with its entities"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "article_id", metavar="ARTICLE_ID", help="the article's id, as search prints it"
    )
    add_index_choice(parser)
    parser.add_argument("--json", action="store_true", help="print the article as JSON")


def run(options: argparse.Namespace) -> int:
    engine = open_index(options)
    try:
        stored = engine.article(options.article_id)
    finally:
        engine.close()
    if options.json:
        emit_json(article_json(stored.article, stored.entities, stored.mentions))
    else:
        Console().print(
            console_output.article_view(stored.article, stored.entities, stored.mentions)
        )
    return EXIT_OK
