"""Exploring at scale: the timeline of a search beside the search itself, and an entity's page,
each p50 and p95 over repeated runs as if new (what the index kept from earlier queries
dropped). The reader draws a timeline after every search typed, so its target is a search's:
p95 ≤ 25 ms at 100,000 hits; an entity page opens on a key, ≤ 100 ms p95."""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.run import _percentiles, _target
from reader.explore.entities import Entity, archive_name_counts, entity_page
from reader.explore.timeline import timeline_of

# Every story (the empty query: the reader's first screen) and a word in most of them.
TIMELINE_QUERIES = {"every story": "", "thousands of hits": "said"}
# The pages of the names in most stories: the heaviest to count.
ENTITY_PAGES = 3


def explore_rows(index_dir: Path, runs: int) -> list[tuple[str, str, str]]:
    """The rows of `make bench`'s table for the timelines and entity pages of an index."""
    from index.whoosh.search import ArchiveIndex

    archive_index = ArchiveIndex.open(index_dir)
    archive_index.search("")  # what is worked out once per searcher (date order, lengths)
    rows = []
    for name, query in TIMELINE_QUERIES.items():
        total = archive_index.count(query)
        samples = []
        for _ in range(runs):
            archive_index.forget_queries()
            started = time.perf_counter()
            timeline = timeline_of(archive_index, query, total=total)
            samples.append((time.perf_counter() - started) * 1000)
        p50, p95 = _percentiles(samples)
        rows.append(
            (
                f"timeline of `{query}` ({name}, {total:,} hits, {len(timeline.buckets)} "
                f"{timeline.by}s): p50, p95",
                f"{p50:.1f}, {p95:.1f} ms",
                _target(p95 <= 25, "p95 ≤ 25 ms"),
            )
        )
    name_counts = archive_name_counts(archive_index)  # kept by the reader while the index is
    most_named = sorted(
        (
            (count, Entity(kind, name))
            for kind, counts in name_counts.items()
            for name, count in counts.items()
        ),
        key=lambda item: (-item[0], item[1].name),
    )[:ENTITY_PAGES]
    samples = []
    for _ in range(runs):
        for _count, entity in most_named:
            archive_index.forget_queries()
            started = time.perf_counter()
            entity_page(archive_index, entity, name_counts, by=None)
            samples.append((time.perf_counter() - started) * 1000)
    archive_index.close()
    p50, p95 = _percentiles(samples)
    names = ", ".join(f"{entity.name} ({count:,})" for count, entity in most_named)
    rows.append(
        (
            f"entity page of the names in most stories ({names}): p50, p95",
            f"{p50:.1f}, {p95:.1f} ms",
            _target(p95 <= 100, "p95 ≤ 100 ms"),
        )
    )
    return rows
