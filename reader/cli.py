"""The `newsreader` command: open the reader, or index, search, show and extract from the shell.

    newsreader [ARCHIVE]                 open the reader (default: the bundled sample archive)
    newsreader index ARCHIVE             bring ARCHIVE's index up to date
    newsreader search QUERY              search (the bundled sample unless --archive/--index-dir)
    newsreader show ARTICLE_ID           one article with its entities
    newsreader entities FILE...          entities of files, without an index

Exit codes: 0 success, 1 a bad query / missing article / unusable index, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from articles.bundled import SAMPLE_ARCHIVE
from articles.entities import EXTRACTOR_NAMES, ExtractorUnavailable
from index.api import ArticleNotFound, IndexUnavailable, QueryError
from index.fastpath import enable

COMMANDS = ("index", "search", "show", "entities")
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line itself: exit code 2."""


def main(argv: Sequence[str] | None = None) -> int:
    enable()
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments and arguments[0] in COMMANDS:
            options = _parse_command(arguments)
            from reader import shell

            code = getattr(shell, f"run_{options.command}")(options)
            sys.stdout.flush()  # here, so a closed pipe is caught below
            return code
        return _open_reader(_reader_parser().parse_args(arguments))
    except UsageError as error:
        print(f"newsreader: {error}", file=sys.stderr)
        return EXIT_USAGE
    except (QueryError, ArticleNotFound, IndexUnavailable, ExtractorUnavailable) as error:
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


def archive_path(value: str | None) -> Path:
    """The archive folder to use: the given one (which must exist) or the bundled sample."""
    if value is None:
        return SAMPLE_ARCHIVE
    path = Path(value).expanduser()
    if not path.exists():
        raise UsageError(f"no such archive folder: {value}")
    if not path.is_dir():
        raise UsageError(f"not a folder: {value} (an archive is a folder of article files)")
    return path


def index_dir_for(archive: Path, index_dir: str | None) -> Path:
    from index.api import default_index_dir

    return Path(index_dir).expanduser() if index_dir else default_index_dir(archive)


def _open_reader(options: argparse.Namespace) -> int:
    archive = archive_path(options.archive)
    index_dir = index_dir_for(archive, options.index_dir)
    from reader.app import NewsReaderApp

    app = NewsReaderApp(
        archive=archive, index_dir=index_dir, extractor=options.extractor, fresh=options.fresh
    )
    app.run()
    return app.return_code or EXIT_OK


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        raise UsageError(message)


def _reader_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="newsreader",
        description="Read and search an archive of news articles in the terminal.",
        epilog="Commands: index, search, show, entities (`newsreader COMMAND --help`).",
    )
    parser.add_argument(
        "archive", nargs="?", metavar="ARCHIVE", help="archive folder (default: the bundled sample)"
    )
    parser.add_argument("--index-dir", help="where the index lives (default: the user cache dir)")
    parser.add_argument(
        "--extractor",
        choices=EXTRACTOR_NAMES,
        help="entity extractor for indexing (default: the config file's, else default)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start on the newest stories, not where this archive was left",
    )
    parser.add_argument(
        "--version", action="version", version=f"newsreader {version('newsreader')}"
    )
    return parser


def _parse_command(arguments: list[str]) -> argparse.Namespace:
    """The options of a command; an unknown flag is reported with that command's usage."""
    parser, command_parsers = _command_parser()
    options, unknown = parser.parse_known_args(arguments)
    if unknown:
        command_parsers[options.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    return options


def _command_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = _Parser(prog="newsreader")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    index = commands.add_parser("index", help="bring an archive's index up to date")
    index.add_argument("archive", metavar="ARCHIVE", help="archive folder")
    index.add_argument("--index-dir", help="where the index lives (default: the user cache dir)")
    index.add_argument("--rebuild", action="store_true", help="throw the index away and start over")
    index.add_argument(
        "--extractor",
        choices=EXTRACTOR_NAMES,
        help="entity extractor (default: the config file's, else the one the index has)",
    )
    index.add_argument("--json", action="store_true", help="print the report as JSON")

    search = commands.add_parser("search", help="search an archive")
    search.add_argument("query", metavar="QUERY", help="e.g. 'person:\"Karim Valiyev\" date:2024'")
    _add_index_choice(search)
    search.add_argument("--limit", type=_positive_int, default=20, help="hits to show (20)")
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--json", action="store_true", help="print the hits as JSON")

    show = commands.add_parser("show", help="show one article with its entities")
    show.add_argument(
        "article_id", metavar="ARTICLE_ID", help="the article's id, as search prints it"
    )
    _add_index_choice(show)
    show.add_argument("--json", action="store_true", help="print the article as JSON")

    entities = commands.add_parser("entities", help="named entities of article files")
    entities.add_argument("files", nargs="+", metavar="FILE")
    entities.add_argument(
        "--extractor",
        choices=EXTRACTOR_NAMES,
        help="entity extractor (default: the config file's, else default)",
    )
    entities.add_argument(
        "--text", action="store_true", help="print each story with its names marked, too"
    )
    entities.add_argument("--json", action="store_true", help="print the entities as JSON")
    return parser, {"index": index, "search": search, "show": show, "entities": entities}


def _add_index_choice(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--archive", help="archive folder (its index is updated first)")
    where.add_argument("--index-dir", help="an index folder, used as it is")


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return number


def emit_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
