"""The `newsreader` command: open the reader, or index, search, show and extract from the shell.

    newsreader [ARCHIVE]                 open the reader (default: yours, else the bundled sample)
    newsreader index ARCHIVE             bring ARCHIVE's index up to date
    newsreader search QUERY              search (the bundled sample unless --archive/--index-dir)
    newsreader show ARTICLE_ID           one article with its entities
    newsreader entities FILE...          entities of files, without an index
    newsreader correct list|wrong|kind|merge|remove   your corrections of entity names
    newsreader mark ID... --star ...     mark stories in your library (read, starred, tags)
    newsreader saved list|add|remove|rename|run   your saved searches
    newsreader export QUERY              every story a query finds, with your tags and notes
    newsreader entity NAME               a person's, place's or organisation's page
    newsreader timeline QUERY            a search's stories per day, week, month or year
    newsreader feeds add|list|remove|import|export   the feeds you follow
    newsreader fetch                     fetch them into your archive, index the new stories

Exit codes: 0 success, 1 a bad query / missing article / unusable index, 2 usage errors.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Any

from articles.entities import ExtractorUnavailable
from index.api import ArticleNotFound, IndexUnavailable, QueryError
from index.fastpath import enable
from reader.cli import launch
from reader.cli.common import EXIT_FAILED, EXIT_USAGE, CommandFailed, CommandParser, UsageError
from reader.explore.entities import EntityNotFound
from reader.library import LibraryError

# Each command's module (`reader.cli.NAME`), imported only when that command runs: between them
# they bring Rich, the HTTP client and the entity extractor, which a search never needs.
COMMANDS = (
    "index",
    "search",
    "show",
    "entities",
    "correct",
    "mark",
    "saved",
    "export",
    "entity",
    "timeline",
    "feeds",
    "fetch",
)


def main(argv: Sequence[str] | None = None) -> int:
    enable()  # the process's start-up: before the engine's modules are compiled
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] in COMMANDS:
            command = command_module(arguments[0])
            code: int = command.run(_parse_command(arguments[0], command, arguments[1:]))
            sys.stdout.flush()  # here, so a closed pipe is caught below
            return code
        return launch.run(_reader_parser().parse_args(arguments))
    except UsageError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (
        QueryError,
        ArticleNotFound,
        IndexUnavailable,
        ExtractorUnavailable,
        LibraryError,
        CommandFailed,
        EntityNotFound,
    ) as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("newsreader: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The output's reader went away (`| head`): stop quietly, and keep Python's final flush
        # of stdout from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED


def _reader_parser() -> argparse.ArgumentParser:
    parser = CommandParser(
        prog="newsreader",
        description="Read and search an archive of news articles in the terminal.",
        epilog=f"Commands: {', '.join(COMMANDS)} (`newsreader COMMAND --help`).",
    )
    launch.add_arguments(parser)
    parser.add_argument("--version", action=ShowVersion, help="show the version and exit")
    return parser


class ShowVersion(argparse.Action):
    """`--version`, read from the package's metadata only when asked: importing
    `importlib.metadata` costs ~25 ms of every start."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from importlib.metadata import version

        print(f"newsreader {version('newsreader')}")  # on stdout, as argparse's own action does
        parser.exit()


def command_module(name: str) -> ModuleType:
    """The module of the command `name`: its `HELP`, `add_arguments` and `run`."""
    return importlib.import_module(f"reader.cli.{name}")


def _parse_command(name: str, command: ModuleType, arguments: list[str]) -> argparse.Namespace:
    """The options of the command `name`; an unknown flag is reported with its usage."""
    parser = CommandParser(prog=f"newsreader {name}", description=command.HELP)
    command.add_arguments(parser)
    return parser.parse_args(arguments)
