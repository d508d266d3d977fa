"""The timeline under the stories, driven with the pilot: it follows the search, marks the open
story, narrows the search to a bucket (by key or click) and widens it again."""

from __future__ import annotations

from datetime import date

from pilot_helpers import main_screen, open_first_story, settle, type_query
from test_contrast import unreadable_text
from textual.message import Message

from reader.explore_messages import TimelineFinished
from reader.widgets.timeline import OPEN_MARK, TimelineView

FIXTURE_STORIES = 8  # 2023-02-14 to 2024-09-15: 20 months


def lines_of(view: TimelineView) -> list[str]:
    return view.render().plain.splitlines()


async def test_the_timeline_counts_every_story_of_the_search(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        timeline = screen.timeline_view.timeline
        assert timeline is not None and timeline.query == ""
        assert (timeline.by, len(timeline.buckets), timeline.dated) == ("month", 20, 8)
        assert lines_of(screen.timeline_view)[2] == "Feb 2023 – Sep 2024, by month"
        await type_query(pilot, "Marenvik")
        timeline = screen.timeline_view.timeline
        assert timeline is not None and timeline.query == "Marenvik"
        assert timeline.dated == screen.results.total


async def test_typing_on_cancels_the_timeline_of_each_earlier_query(make_app) -> None:
    finished: list[str] = []

    def record(message: Message) -> None:
        if isinstance(message, TimelineFinished):
            finished.append(message.timeline.query)

    app = make_app()
    async with app.run_test(size=(120, 40), message_hook=record) as pilot:
        screen = await main_screen(pilot)
        finished.clear()
        screen.search_bar.input.focus()
        await pilot.press(*"skarholm")
        await settle(pilot)
        assert finished == ["skarholm"]


async def test_the_open_storys_bucket_is_marked(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "ferry strike")  # 2024-05-02, the only hit
        view = screen.timeline_view
        assert view.open_day == date(2024, 5, 2)
        await type_query(pilot, "")
        await pilot.press("escape")
        await settle(pilot)
        marks = lines_of(view)[1]
        timeline = view.timeline
        assert timeline is not None
        may = timeline.position_of(date(2024, 5, 2))
        cells = len(lines_of(view)[0]) // len(timeline.buckets)
        assert marks.index(OPEN_MARK) == (may or 0) * cells
        assert marks.count(OPEN_MARK) == 1


async def test_a_bucket_narrows_the_search_and_back_or_w_undoes_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        await pilot.press("escape", "d")
        view = screen.timeline_view
        assert screen.focused is view
        assert view.bucket is not None and view.bucket.start == date(2024, 9, 1)
        await pilot.press("left", "left", "left")  # June 2024: the seals
        assert lines_of(view)[2].startswith("Jun 2024: 1 story")
        await pilot.press("enter")
        await settle(pilot)
        narrowed = "date:[2024-06-01 to 2024-06-30]"
        assert screen.search_bar.query_text == narrowed
        assert [hit.path for hit in screen.results.hits] == ["2024/seal-colony.txt"]
        timeline = view.timeline
        assert timeline is not None and (timeline.query, timeline.by) == (narrowed, "day")
        await pilot.press("backspace")
        await settle(pilot)
        assert screen.search_bar.query_text == ""
        assert screen.results.total == FIXTURE_STORIES
        # Narrowed again, `w` widens to the search it narrowed.
        await type_query(pilot, "Marenvik")
        await pilot.press("escape", "d", "enter")
        await settle(pilot)
        assert screen.search_bar.query_text == "(Marenvik) date:[2024-09-01 to 2024-09-30]"
        await pilot.press("w")
        await settle(pilot)
        assert screen.search_bar.query_text == "Marenvik"
        assert not screen.check_action("widen_search", ())


async def test_a_click_on_a_bucket_narrows_to_it(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        view = screen.timeline_view
        cells = len(lines_of(view)[0]) // 20
        # The first bucket, February 2023 (the storm); the widget has a cell of padding.
        await pilot.click(TimelineView, offset=(1 + cells // 2, 0))
        await settle(pilot)
        assert screen.search_bar.query_text == "date:[2023-02-01 to 2023-02-28]"
        assert [hit.path for hit in screen.results.hits] == ["2023/storm.txt"]


async def test_the_timeline_reads_at_80_columns_in_every_theme(make_app) -> None:
    app = make_app()
    unreadable: list[str] = []
    async with app.run_test(size=(80, 30)) as pilot:
        screen = await main_screen(pilot)
        await open_first_story(pilot, "seals")
        await type_query(pilot, "")
        await pilot.press("escape", "d", "left")
        await settle(pilot)
        view = screen.timeline_view
        assert all(len(line) <= view.content_size.width for line in lines_of(view))
        # The cursor starts on the open story's month (June 2024), one step left is May.
        assert lines_of(view)[2].startswith("May 2024: 1 story")
        for theme in sorted(app.available_themes):
            app.theme = theme
            await pilot.pause()
            unreadable.extend(unreadable_text(app, view.region))
    assert not unreadable, "\n".join(unreadable[:20])
