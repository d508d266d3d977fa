"""`newsreader timeline QUERY`: how many stories of a search are dated each day, week, month or
year, as bars or JSON."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.table import Table

from reader.cli import console_output
from reader.cli.common import EXIT_OK, add_index_choice, emit_json, open_index
from reader.cli.json_output import timeline_json
from reader.explore.timeline import GRANULARITIES, Timeline, row_bar, timeline_of

HELP = "stories of a search per day, week, month or year"
BAR_WIDTH = 40


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "query", metavar="QUERY", help="e.g. 'person:\"Karim Valiyev\"' ('' for all)"
    )
    add_index_choice(parser)
    parser.add_argument(
        "--by", choices=GRANULARITIES, help="bucket size (default: chosen from the hits' span)"
    )
    parser.add_argument("--json", action="store_true", help="print the buckets as JSON")


def run(options: argparse.Namespace) -> int:
    engine = open_index(options)
    try:
        timeline = timeline_of(engine, options.query, options.by)
    finally:
        engine.close()
    if options.json:
        emit_json(timeline_json(timeline))
    else:
        Console().print(timeline_table(timeline))
    return EXIT_OK


def timeline_table(timeline: Timeline) -> Table:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(no_wrap=True)
    table.add_column(justify="right")
    table.add_column(no_wrap=True, style="cyan")
    for bucket in timeline.buckets:
        table.add_row(
            bucket.label(timeline.by),
            f"{bucket.count:,}",
            row_bar(bucket.count, timeline.busiest, BAR_WIDTH),
        )
    if timeline.undated:
        table.add_row("undated", f"{timeline.undated:,}", "", style="dim")
    if not timeline.buckets and not timeline.undated:
        table.add_row(console_output.safe_text("no story matches", "dim"))
    return table
