"""The shell commands behind `newsreader index|search|show|entities`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from articles.archive import read_file
from articles.entities import get_extractor
from index.api import (
    DEFAULT_EXTRACTOR,
    ENTITY_SCAN_CHARS,
    IndexDamaged,
    IndexProgress,
    IndexReport,
    update_index,
)
from index.whoosh.search import ArchiveIndex
from reader import console_output
from reader.cli import EXIT_FAILED, EXIT_OK, UsageError, archive_path, emit_json, index_dir_for
from reader.json_output import article_json, search_json
from reader.settings import configured_extractor


def run_index(options: argparse.Namespace) -> int:
    archive = archive_path(options.archive)
    index_dir = index_dir_for(archive, options.index_dir)
    extractor = _chosen_extractor(options)
    update = update_index if options.json else _index_with_progress
    try:
        report = update(archive, index_dir, rebuild=options.rebuild, extractor=extractor)
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
        report = update(archive, index_dir, rebuild=True, extractor=extractor)
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


def run_search(options: argparse.Namespace) -> int:
    archive_index = _open_index(options)
    try:
        page = archive_index.search(options.query, page_size=options.limit, sort=options.sort)
    finally:
        archive_index.close()
    if options.json:
        emit_json(search_json(page))
    else:
        Console().print(console_output.search_results(page))
    return EXIT_OK


def run_show(options: argparse.Namespace) -> int:
    archive_index = _open_index(options)
    try:
        stored = archive_index.article(options.article_id)
    finally:
        archive_index.close()
    if options.json:
        emit_json(article_json(stored.article, stored.entities, stored.mentions))
    else:
        Console().print(
            console_output.article_view(stored.article, stored.entities, stored.mentions)
        )
    return EXIT_OK


def run_entities(options: argparse.Namespace) -> int:
    extractor = get_extractor(_chosen_extractor(options) or DEFAULT_EXTRACTOR)
    missing = [name for name in options.files if not Path(name).is_file()]
    if missing:
        raise UsageError(f"no such file: {', '.join(missing)}")
    results: dict[str, dict[str, object]] = {}
    shown = 0
    console = Console()
    errors = console_output.stderr_console()
    for name in options.files:
        contents = read_file(Path(name))
        if contents.skipped:
            errors.print(
                console_output.safe_text(f"skipped {name}: {contents.skipped.message}"),
                highlight=False,
            )
            continue
        for article in contents.articles:
            shown += 1
            key = name if len(contents.articles) == 1 else f"{name}#{article.id.rsplit('#', 1)[1]}"
            entities = extractor.extract(article.title, article.body[:ENTITY_SCAN_CHARS])
            if options.json:
                results[key] = article_json(article, entities.names, entities.mentions)
                continue
            console.rule(console_output.safe_text(key), style="dim")  # a name is not markup
            if options.text:
                console.print(
                    console_output.article_view(article, entities.names, entities.mentions)
                )
            else:
                console.print(console_output.entity_table(entities.names, entities.mentions))
    if options.json:
        emit_json(results)
    return EXIT_OK if shown else EXIT_FAILED  # no usable file: a failure, with or without --json


def _chosen_extractor(options: argparse.Namespace) -> str | None:
    """--extractor, else the config file's; None keeps the index's own."""
    return options.extractor or configured_extractor(_warn)


def _warn(message: str) -> None:
    console_output.stderr_console().print(
        console_output.safe_text(f"newsreader: {message}"), highlight=False
    )


def _open_index(options: argparse.Namespace) -> ArchiveIndex:
    """The index to search: --index-dir as it is, else the archive's (bundled sample by default)."""
    if options.index_dir:
        return ArchiveIndex.open(Path(options.index_dir).expanduser())
    archive = archive_path(options.archive)
    if options.archive is None:
        console_output.stderr_console().print(
            console_output.safe_text(
                f"Searching the bundled sample archive ({archive}); "
                "--archive FOLDER searches your own.",
                "dim",
            ),
            highlight=False,
        )
    index_dir = index_dir_for(archive, None)
    report = update_index(archive, index_dir, extractor=configured_extractor(_warn))
    if report.indexed or report.updated or report.removed:
        count = report.indexed + report.updated
        console_output.stderr_console().print(
            console_output.safe_text(
                f"Indexed {count} new or changed articles of {archive}", "dim"
            ),
            highlight=False,
        )
    return ArchiveIndex.open(index_dir)


def _index_with_progress(
    archive: Path, index_dir: Path, *, rebuild: bool, extractor: str | None
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
            archive, index_dir, rebuild=rebuild, extractor=extractor, progress=on_progress
        )
