"""What the commands share: exit codes, usage errors, the archive, index and engine a command
works on, the user's settings and JSON on stdout."""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlsplit

from articles.archive import is_article_file
from articles.bundled import SAMPLE_ARCHIVE
from articles.entities.corrections import Correction
from index.api import (
    BUNDLED_ENGINES,
    DEFAULT_ENGINE,
    SearchEngine,
    StoryMarks,
    default_index_dir,
    engine_names,
    is_engine,
    open_engine,
    update_index,
)
from reader.library import Library
from reader.settings import Locations, Settings, configured_settings
from reader.settings import user_archive as settings_user_archive

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A problem with the command line itself: exit code 2."""


class CommandFailed(Exception):
    """What was asked could not be done (a file that can't be written): exit code 1;
    `str(error)` says why."""


class CommandParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        raise UsageError(message)


def archive_path(value: str) -> Path:
    """The archive folder given, which must exist."""
    path = Path(value).expanduser()
    if not path.exists():
        raise UsageError(f"no such archive folder: {value}")
    if not path.is_dir():
        raise UsageError(f"not a folder: {value} (an archive is a folder of article files)")
    return path


def index_dir_for(archive: Path, index_dir: str | None) -> Path:
    return Path(index_dir).expanduser() if index_dir else default_index_dir(archive)


# What the engines with a server (`opensearch`) read their address and credentials from; worker
# processes inherit them. Credentials are never taken from the command line, where others see them.
ENGINE_URL_VARIABLE = "NEWSREADER_OPENSEARCH_URL"
ENGINE_USER_VARIABLE = "NEWSREADER_OPENSEARCH_USER"
ENGINE_PASSWORD_VARIABLE = "NEWSREADER_OPENSEARCH_PASSWORD"


def add_engine_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        metavar="NAME",
        help=f"search engine: {', '.join(BUNDLED_ENGINES)} or one installed as an extra "
        f"(opensearch); default: the config file's, else {DEFAULT_ENGINE}",
    )
    parser.add_argument(
        "--engine-url",
        metavar="URL",
        help=f"the server of the opensearch engine (default: ${ENGINE_URL_VARIABLE}, else the "
        f"config file's engine_url); user and password come from ${ENGINE_USER_VARIABLE} and "
        f"${ENGINE_PASSWORD_VARIABLE} or the config file, never from the command line",
    )


def add_index_choice(parser: argparse.ArgumentParser) -> None:
    """The options of a command that searches an index: which one, and with which engine."""
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--archive", help="archive folder (its index is updated first)")
    where.add_argument("--index-dir", help="an index folder, used as it is")
    add_engine_option(parser)


def chosen_engine(options: argparse.Namespace) -> str:
    """--engine, else the config file's engine, else the default; the server's address
    (--engine-url, the config file's) and the config file's credentials are handed to the engine
    in the environment, unless it has them already."""
    settings = user_settings()
    url = getattr(options, "engine_url", None)
    if url and urlsplit(url).password is not None:
        raise UsageError(
            "--engine-url takes the address without a password (others can read a command "
            f"line): set {ENGINE_USER_VARIABLE} and {ENGINE_PASSWORD_VARIABLE} instead"
        )
    if url:
        os.environ[ENGINE_URL_VARIABLE] = url
    for variable, value in (
        (ENGINE_URL_VARIABLE, settings.engine_url),
        (ENGINE_USER_VARIABLE, settings.engine_user),
        (ENGINE_PASSWORD_VARIABLE, settings.engine_password),
    ):
        if value:
            os.environ.setdefault(variable, value)
    named = getattr(options, "engine", None)  # `fetch` has no --engine: the config file's
    if named:
        return installed_engine(named)
    return settings.engine or DEFAULT_ENGINE


def installed_engine(name: str) -> str:
    """`name`, when an engine of that name is installed; else a usage error naming those that
    are."""
    if not is_engine(name):
        raise UsageError(
            f"no search engine named {name!r}; the installed ones are {', '.join(engine_names())}"
        )
    return name


@functools.cache
def user_settings() -> Settings:
    """The config file's settings, read once; a file that can't be used gives the defaults and a
    warning saying why."""
    return configured_settings(warn)


def chosen_extractor(options: argparse.Namespace) -> str | None:
    """--extractor, else the config file's; None keeps the index's own."""
    return options.extractor or user_settings().extractor


def open_index(options: argparse.Namespace, marks: StoryMarks | None = None) -> SearchEngine:
    """The index to search: --index-dir as it is, else the archive's (bundled sample by default),
    with --engine, else the config file's engine. `marks` answers `is:`, `tag:` and `note:`."""
    engine = chosen_engine(options)
    if options.index_dir:
        index_dir = Path(options.index_dir).expanduser()
    else:
        index_dir = _archive_index_up_to_date(options, engine)
    return open_engine(index_dir, engine, marks=marks)


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where your library (marks, notes, saved searches) and places live "
        "(default: the config file's data_dir, else the user data folder)",
    )


def user_locations(options: argparse.Namespace) -> Locations:
    """The user's folders, the data folder from --data-dir, else the config file's `data_dir`."""
    locations = Locations.from_platform()
    # A command without --data-dir (show, timeline…) takes the config file's.
    data_dir_option = getattr(options, "data_dir", None)
    data_dir = Path(data_dir_option) if data_dir_option else user_settings().data_dir
    return locations.with_data_dir(data_dir) if data_dir else locations


def user_archive(options: argparse.Namespace) -> Path:
    """The user's own archive, where fetched feeds go (with --data-dir, in that folder)."""
    return settings_user_archive(user_locations(options), user_settings())


def default_archive(options: argparse.Namespace) -> Path:
    """The archive opened when none is named: the user's own as soon as it has stories or
    feeds (made when missing), before that the bundled sample."""
    archive = user_archive(options)
    if _has_stories(archive):
        return archive
    if user_locations(options).library_file.exists():
        library = open_library(options)
        try:
            if library.feeds():
                archive.mkdir(parents=True, exist_ok=True)
                return archive
        finally:
            library.close()
    return SAMPLE_ARCHIVE


def _has_stories(folder: Path) -> bool:
    """Whether `folder` holds an article file, looking no further than the first."""
    for _, _, names in os.walk(folder, followlinks=True):
        if any(is_article_file(name) for name in names):
            return True
    return False


def open_library(options: argparse.Namespace) -> Library:
    """The user's library; what went wrong opening it (moved aside, can't be saved) is said on
    stderr."""
    library, problem = Library.open(user_locations(options).library_file)
    if problem:
        warn(problem)
    return library


def library_corrections(options: argparse.Namespace) -> tuple[Correction, ...]:
    """The user's corrections of entity names, read from their library without creating or
    changing the file (none when there is none)."""
    return Library.corrections_in(user_locations(options).library_file)


def open_index_with_library(options: argparse.Namespace) -> tuple[SearchEngine, Library]:
    """The index to search with the user's library answering `is:` and friends; the marks of
    stories that moved in the archive follow them first."""
    library = open_library(options)
    try:
        engine = open_index(options, marks=library)
    except BaseException:
        library.close()
        raise
    library.reconcile(engine)
    return engine, library


def _archive_index_up_to_date(options: argparse.Namespace, engine: str) -> Path:
    archive = archive_path(options.archive) if options.archive else default_archive(options)
    if archive == SAMPLE_ARCHIVE:
        note(
            f"Searching the bundled sample archive ({archive}); --archive FOLDER searches your own."
        )
    index_dir = index_dir_for(archive, None)
    report = update_index(
        archive,
        index_dir,
        extractor=user_settings().extractor,
        engine=engine,
        corrections=library_corrections(options),
    )
    if report.indexed or report.updated or report.removed:
        count = report.indexed + report.updated
        note(f"Indexed {count} new or changed articles of {archive}")
    return index_dir


def positive_int(value: str) -> int:
    """An option's whole number of 1 or more."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {value!r}")
    return number


def warn(message: str) -> None:
    from reader.cli import console_output  # Rich: only when there is something to say

    console_output.stderr_console().print(
        console_output.safe_text(f"newsreader: {message}"), highlight=False
    )


def note(message: str) -> None:
    """A note on stderr, dimmed: what the command did beside what was asked."""
    from reader.cli import console_output

    console_output.stderr_console().print(console_output.safe_text(message, "dim"), highlight=False)


def emit_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
