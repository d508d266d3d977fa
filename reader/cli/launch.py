"""`newsreader [ARCHIVE]`: open the reader on an archive (by default the user's own once it has
stories or feeds, before that the bundled sample)."""

from __future__ import annotations

import argparse

from articles.bundled import SAMPLE_ARCHIVE
from articles.entities import EXTRACTOR_NAMES
from reader.cli.common import (
    EXIT_OK,
    add_data_dir_option,
    add_engine_option,
    archive_path,
    chosen_engine,
    default_archive,
    index_dir_for,
    user_locations,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "archive",
        nargs="?",
        metavar="ARCHIVE",
        help="archive folder (default: your own once it has stories or feeds, else the bundled "
        "sample)",
    )
    parser.add_argument("--index-dir", help="where the index lives (default: the user cache dir)")
    parser.add_argument(
        "--extractor",
        choices=EXTRACTOR_NAMES,
        help="entity extractor for indexing (default: the config file's, else default)",
    )
    add_engine_option(parser)
    add_data_dir_option(parser)
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="start on the newest stories, not where this archive was left",
    )


# Said when the reader opens the bundled sample because the user has no archive of their own yet.
SAMPLE_NOTICE = (
    "This is the bundled sample archive. To read your own news, follow a feed from the shell "
    "with `newsreader feeds add URL`, then fetch it (`newsreader fetch`, or f here): from then "
    "on `newsreader` opens your own archive."
)


def run(options: argparse.Namespace) -> int:
    engine = chosen_engine(options)
    archive = archive_path(options.archive) if options.archive else default_archive(options)
    index_dir = index_dir_for(archive, options.index_dir)
    # Textual is loaded only here: the shell commands start without it.
    from reader.app import NewsReaderApp

    app = NewsReaderApp(
        archive=archive,
        index_dir=index_dir,
        extractor=options.extractor,
        engine=engine,
        fresh=options.fresh,
        locations=user_locations(options),
        notice=SAMPLE_NOTICE if archive == SAMPLE_ARCHIVE and not options.archive else None,
    )
    app.run()
    return app.return_code or EXIT_OK
