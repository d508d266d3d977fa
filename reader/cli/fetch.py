"""`newsreader fetch`: fetch every feed followed into the user's archive, then index what is new.
Made for cron: it prints nothing unless asked (`--verbose`, `--json`) or a feed failed (on
stderr); a feed's failure leaves the others' stories fetched and indexed."""

from __future__ import annotations

import argparse

from rich.console import Console

from articles.feeds import FeedOutcome, FetchReport
from index.api import IndexReport, IndexUnavailable, update_index
from reader.cli import console_output
from reader.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    CommandFailed,
    add_data_dir_option,
    chosen_engine,
    emit_json,
    index_dir_for,
    note,
    open_library,
    user_archive,
    user_settings,
    warn,
)
from reader.fetching import fetch_followed_feeds

HELP = "fetch every feed you follow into your archive and index the new stories"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_data_dir_option(parser)
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print each feed's outcome as JSON")
    output.add_argument(
        "--verbose", "-v", action="store_true", help="say how each feed went, and the index"
    )


def run(options: argparse.Namespace) -> int:
    archive = user_archive(options)
    library = open_library(options)
    try:
        if not library.feeds():
            note("You follow no feeds: `newsreader feeds add URL` adds one.")
            if options.json:
                emit_json(_json(FetchReport(()), None))
            return EXIT_OK
        report = fetch_followed_feeds(library, archive)
        corrections = library.corrections()
    finally:
        library.close()
    index_dir = index_dir_for(archive, None)
    try:
        indexed = update_index(
            archive,
            index_dir,
            extractor=user_settings().extractor,
            engine=chosen_engine(options),
            corrections=corrections,
        )
    except IndexUnavailable as error:
        raise CommandFailed(
            f"the new stories are in {archive}, but its index can't be updated now ({error}); "
            "the next `newsreader fetch` or `newsreader index` adds them"
        ) from error
    for outcome in report.failed:
        warn(f"{outcome.name}: {outcome.message}")
    if options.json:
        emit_json(_json(report, indexed))
    elif options.verbose:
        _print(report, indexed)
    # Failures are said above; only a fetch where every feed failed is one that did nothing.
    return EXIT_FAILED if len(report.failed) == len(report.outcomes) else EXIT_OK


def _json(report: FetchReport, indexed: IndexReport | None) -> dict[str, object]:
    return {
        "feeds": [_outcome_json(outcome) for outcome in report.outcomes],
        "new": report.new_stories,
        "failed": len(report.failed),
        "indexed": indexed.indexed + indexed.updated if indexed else 0,
    }


def _outcome_json(outcome: FeedOutcome) -> dict[str, object]:
    return {
        "name": outcome.name,
        "url": outcome.url,
        "result": outcome.kind,
        "new": outcome.new_stories,
        "full_text": outcome.full_text,
        "message": outcome.message,
        "file": outcome.archive_file,
    }


def _print(report: FetchReport, indexed: IndexReport) -> None:
    console = Console()
    for outcome in report.outcomes:
        console.print(
            console_output.safe_text(f"{outcome.name}: ", "bold")
            + console_output.safe_text(outcome.message),
            highlight=False,
            soft_wrap=True,
        )
    count = indexed.indexed + indexed.updated
    console.print(
        console_output.safe_text(
            f"{report.new_stories:,} new {'story' if report.new_stories == 1 else 'stories'}; "
            f"{count:,} indexed in {indexed.seconds:.1f} s.",
            "dim",
        ),
        highlight=False,
        soft_wrap=True,
    )
