"""`newsreader entities FILE...`: the named entities of article files, without an index, as the
user's corrections of names have them. The files are read as one archive: a name two of their
stories show to be an organisation is one in all of them, as an index of them would have it."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from articles.archive import read_file
from articles.entities import EXTRACTOR_NAMES, get_extractor
from articles.entities.archive_kinds import archive_kinds, as_the_archive_reads
from articles.entities.corrections import apply_corrections
from articles.model import Article, Entities
from index.api import DEFAULT_EXTRACTOR, ENTITY_SCAN_CHARS
from reader.cli import console_output
from reader.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_data_dir_option,
    chosen_extractor,
    emit_json,
    library_corrections,
)
from reader.cli.json_output import article_json

HELP = "named entities of article files"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument(
        "--extractor",
        choices=EXTRACTOR_NAMES,
        help="entity extractor (default: the config file's, else default)",
    )
    parser.add_argument(
        "--text", action="store_true", help="print each story with its names marked, too"
    )
    parser.add_argument("--json", action="store_true", help="print the entities as JSON")
    add_data_dir_option(parser)  # the library's corrections of names apply


def run(options: argparse.Namespace) -> int:
    missing = [name for name in options.files if not Path(name).is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    extractor = get_extractor(chosen_extractor(options) or DEFAULT_EXTRACTOR)
    corrections = library_corrections(options)
    results: dict[str, dict[str, object]] = {}
    console = Console()
    errors = console_output.stderr_console()
    found: list[tuple[str, Article, Entities]] = []
    for name in options.files:
        contents = read_file(Path(name))
        if contents.skipped:
            errors.print(
                console_output.safe_text(f"skipped {name}: {contents.skipped.message}"),
                highlight=False,
            )
            continue
        for article in contents.articles:
            key = name if len(contents.articles) == 1 else f"{name}#{article.id.rsplit('#', 1)[1]}"
            entities = extractor.extract(article.title, article.body[:ENTITY_SCAN_CHARS])
            found.append((key, article, entities))
    archive = archive_kinds(entities for _, _, entities in found)
    for key, article, entities in found:
        entities = apply_corrections(as_the_archive_reads(entities, archive), corrections)
        if options.json:
            results[key] = article_json(article, entities.names, entities.mentions)
            continue
        console.rule(console_output.safe_text(key), style="dim")  # a name is not markup
        if options.text:
            console.print(console_output.article_view(article, entities.names, entities.mentions))
        else:
            console.print(console_output.entity_table(entities.names, entities.mentions))
    if options.json:
        emit_json(results)
    return EXIT_OK if found else EXIT_FAILED  # no usable file: a failure, with or without --json
