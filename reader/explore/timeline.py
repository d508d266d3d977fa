"""A search's stories over time: counted per day, week, month or year from the dates of every
hit (not a page of them), the buckets running without gaps from the first to the last, and the
undated stories counted apart."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal, get_args

from index.api import SearchEngine

Granularity = Literal["day", "week", "month", "year"]
GRANULARITIES: tuple[Granularity, ...] = get_args(Granularity)

# The finest bucket whose count over the span stays within this many: a timeline reads as a
# shape at a glance, and a search of forty years still gets one bar a year.
MOST_BUCKETS = 60


@dataclass(frozen=True, slots=True)
class Bucket:
    """The stories dated from `start` to `end`, both included."""

    start: date
    end: date
    count: int

    def label(self, by: Granularity) -> str:
        if by == "year":
            return f"{self.start:%Y}"
        if by == "month":
            return f"{self.start:%b %Y}"
        if by == "week":
            return f"week of {self.start:%d %b %Y}"
        return f"{self.start:%d %b %Y}"


@dataclass(frozen=True, slots=True)
class Timeline:
    """`buckets` from the first dated hit's to the last's (empty ones included); `undated`
    hits have no date and are in no bucket."""

    query: str
    by: Granularity
    buckets: tuple[Bucket, ...]
    undated: int

    @property
    def dated(self) -> int:
        return sum(bucket.count for bucket in self.buckets)

    @property
    def busiest(self) -> int:
        return max((bucket.count for bucket in self.buckets), default=0)

    def position_of(self, day: date) -> int | None:
        """The bucket holding `day`, if the timeline covers it."""
        for position, bucket in enumerate(self.buckets):
            if bucket.start <= day <= bucket.end:
                return position
        return None


def bucket_start(day: date, by: Granularity) -> date:
    """The first day of the bucket holding `day` (weeks start on Monday)."""
    if by == "year":
        return day.replace(month=1, day=1)
    if by == "month":
        return day.replace(day=1)
    if by == "week":
        return day - timedelta(days=day.weekday())
    return day


def next_bucket_start(start: date, by: Granularity) -> date | None:
    """The first day of the bucket after the one starting on `start` (None past year 9999)."""
    try:
        if by == "year":
            return start.replace(year=start.year + 1)
        if by == "month":
            if start.month == 12:
                return start.replace(year=start.year + 1, month=1)
            return start.replace(month=start.month + 1)
        return start + timedelta(days=7 if by == "week" else 1)
    except (ValueError, OverflowError):
        return None


def granularity_for(first: date, last: date) -> Granularity:
    """The finest bucket that covers `first` to `last` in at most `MOST_BUCKETS` buckets."""
    for by in GRANULARITIES[:-1]:
        if _bucket_count(first, last, by) <= MOST_BUCKETS:
            return by
    return "year"


def _bucket_count(first: date, last: date, by: Granularity) -> int:
    start, end = bucket_start(first, by), bucket_start(last, by)
    if by == "day":
        return (end - start).days + 1
    if by == "week":
        return (end - start).days // 7 + 1
    if by == "month":
        return (end.year - start.year) * 12 + end.month - start.month + 1
    return end.year - start.year + 1


def build_timeline(
    query: str, day_counts: Mapping[date, int], undated: int = 0, by: Granularity | None = None
) -> Timeline:
    """The timeline of `day_counts` (stories per day), in buckets of `by`, else of the span's
    granularity."""
    if not day_counts:
        return Timeline(query, by or "month", (), undated)
    first, last = min(day_counts), max(day_counts)
    by = by or granularity_for(first, last)
    counts: dict[date, int] = {}
    for day, count in day_counts.items():
        bucket = bucket_start(day, by)
        counts[bucket] = counts.get(bucket, 0) + count
    buckets = []
    start: date | None = bucket_start(first, by)
    while start is not None and start <= last:
        following = next_bucket_start(start, by)
        end = following - timedelta(days=1) if following is not None else date.max
        buckets.append(Bucket(start, end, counts.get(start, 0)))
        start = following
    return Timeline(query, by, tuple(buckets), undated)


def timeline_of(
    engine: SearchEngine, query: str, by: Granularity | None = None, total: int | None = None
) -> Timeline:
    """The timeline of every hit of `query`; `total`, the hits' count when known already."""
    day_counts = engine.date_counts(query)
    hits = engine.count(query) if total is None else total
    return build_timeline(query, day_counts, hits - sum(day_counts.values()), by)


# A query narrowed to a bucket: the query as typed, in parentheses, then the bucket's dates.
_NARROWED = re.compile(r"^(?:\((?P<query>.*)\) )?date:\[\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\]$")


def narrowed_query(query: str, bucket: Bucket) -> str:
    """`query` limited to the bucket's dates; a query narrowed before is narrowed anew."""
    widened = widened_query(query)
    query = query if widened is None else widened
    dates = f"date:[{bucket.start.isoformat()} to {bucket.end.isoformat()}]"
    return f"({query}) {dates}" if query.strip() else dates


def widened_query(query: str) -> str | None:
    """The query a bucket narrowed (`narrowed_query`), or None when it is not narrowed."""
    found = _NARROWED.match(query.strip())
    if found is None:
        return None
    return found.group("query") or ""


# Eighths of a cell, for bars drawn with terminal blocks.
_RISING = " ▁▂▃▄▅▆▇█"
_GROWING = " ▏▎▍▌▋▊▉█"


def column_block(count: int, busiest: int) -> str:
    """One cell of a column chart: a block as tall as `count` is of `busiest`; any story at all
    shows at least the lowest block, so a lone story is never lost."""
    if count <= 0 or busiest <= 0:
        return " "
    return _RISING[max(1, round(8 * count / busiest))]


def row_bar(count: int, busiest: int, width: int) -> str:
    """A bar of `width` cells at most, as long as `count` is of `busiest` (at least an eighth)."""
    if count <= 0 or busiest <= 0:
        return ""
    eighths = max(1, round(8 * width * count / busiest))
    return "█" * (eighths // 8) + _GROWING[eighths % 8].strip()
