"""Timelines: bucketing edge cases, and narrowing a query to a bucket and widening it again."""

from __future__ import annotations

from datetime import date

import pytest

from reader.explore.timeline import (
    MOST_BUCKETS,
    Bucket,
    build_timeline,
    column_block,
    granularity_for,
    narrowed_query,
    row_bar,
    widened_query,
)


def test_one_story_is_one_day_bucket() -> None:
    timeline = build_timeline("q", {date(2024, 6, 20): 1})
    assert timeline.by == "day"
    assert timeline.buckets == (Bucket(date(2024, 6, 20), date(2024, 6, 20), 1),)
    assert (timeline.dated, timeline.undated) == (1, 0)


def test_stories_of_one_day_share_its_bucket() -> None:
    timeline = build_timeline("q", {date(2024, 6, 20): 7})
    assert [bucket.count for bucket in timeline.buckets] == [7]


def test_undated_stories_are_counted_apart_never_dropped() -> None:
    timeline = build_timeline("q", {date(2024, 6, 20): 2}, undated=3)
    assert (timeline.dated, timeline.undated) == (2, 3)
    only_undated = build_timeline("q", {}, undated=4)
    assert only_undated.buckets == ()
    assert only_undated.undated == 4


def test_forty_years_are_counted_by_year_without_gaps() -> None:
    timeline = build_timeline("q", {date(1985, 3, 1): 2, date(2024, 12, 31): 1})
    assert timeline.by == "year"
    assert len(timeline.buckets) == 40
    assert timeline.buckets[0] == Bucket(date(1985, 1, 1), date(1985, 12, 31), 2)
    assert timeline.buckets[-1] == Bucket(date(2024, 1, 1), date(2024, 12, 31), 1)
    assert sum(bucket.count for bucket in timeline.buckets[1:-1]) == 0


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (date(2024, 1, 1), date(2024, 1, 31), "day"),
        (date(2024, 1, 1), date(2024, 9, 30), "week"),
        (date(2020, 1, 1), date(2024, 9, 30), "month"),
        (date(2000, 1, 1), date(2024, 9, 30), "year"),
    ],
)
def test_the_bucket_follows_the_span(first: date, last: date, expected: str) -> None:
    assert granularity_for(first, last) == expected
    timeline = build_timeline("q", {first: 1, last: 1})
    assert timeline.by == expected
    assert len(timeline.buckets) <= MOST_BUCKETS or expected == "year"


def test_weeks_start_on_monday_and_months_end_on_their_last_day() -> None:
    weeks = build_timeline("q", {date(2024, 6, 20): 1, date(2024, 6, 30): 1}, by="week")
    assert [(b.start, b.end) for b in weeks.buckets] == [
        (date(2024, 6, 17), date(2024, 6, 23)),
        (date(2024, 6, 24), date(2024, 6, 30)),
    ]
    months = build_timeline("q", {date(2024, 2, 10): 1, date(2024, 3, 1): 1}, by="month")
    assert [b.end for b in months.buckets] == [date(2024, 2, 29), date(2024, 3, 31)]


def test_the_last_possible_year_ends_the_timeline() -> None:
    timeline = build_timeline("q", {date(9999, 5, 1): 1}, by="year")
    assert timeline.buckets == (Bucket(date(9999, 1, 1), date(9999, 12, 31), 1),)


def test_position_of_a_day() -> None:
    timeline = build_timeline("q", {date(2024, 1, 5): 1, date(2024, 3, 5): 1}, by="month")
    assert timeline.position_of(date(2024, 2, 29)) == 1
    assert timeline.position_of(date(2023, 12, 31)) is None


def test_narrowing_and_widening_a_query() -> None:
    june = Bucket(date(2024, 6, 1), date(2024, 6, 30), 3)
    july = Bucket(date(2024, 7, 1), date(2024, 7, 31), 1)
    narrowed = narrowed_query("strike OR walkout", june)
    assert narrowed == "(strike OR walkout) date:[2024-06-01 to 2024-06-30]"
    assert widened_query(narrowed) == "strike OR walkout"
    # Narrowed again, the query is narrowed to the new bucket, not to both.
    assert narrowed_query(narrowed, july) == "(strike OR walkout) date:[2024-07-01 to 2024-07-31]"
    assert narrowed_query("", june) == "date:[2024-06-01 to 2024-06-30]"
    assert widened_query("date:[2024-06-01 to 2024-06-30]") == ""
    assert narrowed_query("date:[2024-06-01 to 2024-06-30]", july) == (
        "date:[2024-07-01 to 2024-07-31]"
    )
    assert widened_query("strike") is None


def test_blocks_never_hide_a_story() -> None:
    assert column_block(0, 10) == " "
    assert column_block(1, 1000) == "▁"
    assert column_block(10, 10) == "█"
    assert row_bar(1, 1000, 10) == "▏"
    assert row_bar(10, 10, 4) == "████"
    assert row_bar(0, 10, 4) == ""
