"""`newsreader index ARCHIVE`: bring an archive's index up to date, with progress and a report."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from articles.entities import EXTRACTOR_NAMES
from articles.entities.corrections import Correction
from index.api import IndexDamaged, IndexProgress, IndexReport, update_index
from reader.cli import console_output
from reader.cli.common import (
    EXIT_OK,
    add_data_dir_option,
    add_engine_option,
    archive_path,
    chosen_engine,
    chosen_extractor,
    emit_json,
    index_dir_for,
    library_corrections,
)

HELP = "bring an archive's index up to date"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("archive", metavar="ARCHIVE", help="archive folder")
    parser.add_argument("--index-dir", help="where the index lives (default: the user cache dir)")
    parser.add_argument(
        "--rebuild", action="store_true", help="throw the index away and start over"
    )
    parser.add_argument(
        "--extractor",
        choices=EXTRACTOR_NAMES,
        help="entity extractor (default: the config file's, else the one the index has)",
    )
    add_data_dir_option(parser)  # the library's corrections of entity names are indexed
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    add_engine_option(parser)
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="read the files on the workers of this Dask scheduler (tcp://HOST:8786; needs "
        "the cluster extra, and the archive at the same path on every worker)",
    )


def run(options: argparse.Namespace) -> int:
    archive = archive_path(options.archive)
    index_dir = index_dir_for(archive, options.index_dir)
    extractor = chosen_extractor(options)
    engine = chosen_engine(options)
    corrections = library_corrections(options)
    update = update_index if options.json else _index_with_progress
    try:
        report = update(
            archive,
            index_dir,
            rebuild=options.rebuild,
            extractor=extractor,
            engine=engine,
            corrections=corrections,
            dask=options.dask,
        )
    except IndexDamaged:
        # The index is a cache of the archive and bringing it up to date is what was asked: a
        # rebuild is the only way there, as for an index of an older schema, so it starts at
        # once instead of asking for the same command again with --rebuild.
        console_output.stderr_console().print(
            console_output.safe_text(
                f"The index in {index_dir} is damaged (some of its files can't be read): "
                "building it again from the archive, which is not touched."
            ),
            highlight=False,
        )
        report = update(
            archive,
            index_dir,
            rebuild=True,
            extractor=extractor,
            engine=engine,
            corrections=corrections,
            dask=options.dask,
        )
    if options.json:
        emit_json(report.as_json())
        return EXIT_OK
    console = Console()
    console.print(console_output.index_summary(report, archive.resolve().name))
    for summary, problems in (
        (report.skipped_summary, report.skipped),
        (report.warnings_summary, report.warnings),
    ):
        if summary:
            console.print(console_output.problems_table(summary, problems, report.reported_before))
    console.print(console_output.safe_text(f"Index: {index_dir}", "dim"), highlight=False)
    return EXIT_OK


def _index_with_progress(
    archive: Path,
    index_dir: Path,
    *,
    rebuild: bool,
    extractor: str | None,
    engine: str,
    corrections: tuple[Correction, ...],
    dask: str | None,
) -> IndexReport:
    progress_bar = Progress(
        TextColumn("Indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[skipped]} skipped"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    )
    task = progress_bar.add_task("index", total=None, skipped=0)

    def on_progress(state: IndexProgress) -> None:
        progress_bar.update(task, completed=state.done, total=state.total, skipped=state.skipped)

    with progress_bar:
        return update_index(
            archive,
            index_dir,
            rebuild=rebuild,
            extractor=extractor,
            progress=on_progress,
            engine=engine,
            corrections=corrections,
            dask=dask,
        )
