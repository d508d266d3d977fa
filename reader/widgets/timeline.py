"""The timeline under the stories: how many of the search's stories are dated in each day, week,
month or year, drawn with terminal blocks; the open story's bucket marked beneath. Focused, ←/→
move a cursor over the buckets and Enter (or a click) asks for the search to be narrowed to
one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from reader.explore.timeline import Bucket, Timeline, column_block

# Component classes, for the spans of the drawing.
BAR = ".timeline--bar"
CURSOR = ".timeline--cursor"
OPEN = ".timeline--open"
AXIS = ".timeline--axis"
# The widest a bucket is drawn, in cells (a gap after it from two cells on).
WIDEST_BUCKET = 4
OPEN_MARK = "▲"


class TimelineView(Widget, can_focus=True):
    """Posts `BucketChosen` on Enter or a click on a bucket, `Left` on Escape."""

    COMPONENT_CLASSES = {name.removeprefix(".") for name in (BAR, CURSOR, OPEN, AXIS)}
    DEFAULT_CSS = """
    TimelineView { height: 3; padding: 0 1; }
    TimelineView > .timeline--bar { color: $text-primary; }
    TimelineView > .timeline--open { color: $text-accent; text-style: bold; }
    TimelineView > .timeline--cursor { text-style: reverse bold; }
    TimelineView > .timeline--axis { color: $text-muted; }
    """
    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier", id="timeline_earlier"),
        Binding("right,l", "move(1)", "Later", id="timeline_later"),
        Binding("home", "move_to(0)", "First", show=False, id="timeline_first"),
        Binding("end", "move_to(-1)", "Last", show=False, id="timeline_last"),
        Binding("enter", "choose", "Narrow to it", id="narrow_to_bucket"),
        Binding("escape", "leave", "Back to the stories", id="leave_timeline"),
    ]

    cursor: reactive[int] = reactive(0)

    @dataclass
    class BucketChosen(Message):
        timeline_view: TimelineView
        timeline: Timeline
        bucket: Bucket

        @property
        def control(self) -> TimelineView:
            return self.timeline_view

    @dataclass
    class Left(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.timeline: Timeline | None = None
        self.open_day: date | None = None

    def show_timeline(self, timeline: Timeline) -> None:
        """Draw `timeline`, the cursor on the open story's bucket, else on the last."""
        self.timeline = timeline
        opened = self._open_position()
        self.set_reactive(
            TimelineView.cursor, len(timeline.buckets) - 1 if opened is None else opened
        )
        self.refresh()

    def mark_story(self, day: date | None) -> None:
        """Mark the bucket of the story open (dated `day`; None: no dated story open)."""
        if day != self.open_day:
            self.open_day = day
            self.refresh()

    @property
    def bucket(self) -> Bucket | None:
        """The bucket under the cursor."""
        if self.timeline is None or not self.timeline.buckets:
            return None
        return self.timeline.buckets[min(self.cursor, len(self.timeline.buckets) - 1)]

    def _open_position(self) -> int | None:
        if self.timeline is None or self.open_day is None:
            return None
        return self.timeline.position_of(self.open_day)

    # Keys and the mouse

    def validate_cursor(self, cursor: int) -> int:
        count = len(self.timeline.buckets) if self.timeline else 0
        return max(0, min(cursor, count - 1))

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_move_to(self, position: int) -> None:
        count = len(self.timeline.buckets) if self.timeline else 0
        self.cursor = position % count if count else 0

    def action_choose(self) -> None:
        bucket = self.bucket
        if self.timeline is not None and bucket is not None:
            self.post_message(self.BucketChosen(self, self.timeline, bucket))

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def on_click(self, event: events.Click) -> None:
        position = self._position_at(event.x - self.styles.padding.left)
        if position is not None and event.y == 0:
            self.cursor = position
            self.action_choose()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # Drawing

    def _layout(self) -> tuple[int, int]:
        """The first bucket drawn and the cells each takes: at most the content's width of
        buckets, a window that follows the cursor when there are more."""
        count = len(self.timeline.buckets) if self.timeline else 0
        width = max(1, self.content_size.width)
        cells = max(1, min(WIDEST_BUCKET, width // max(count, 1)))
        shown = width // cells
        first = max(0, min(self.cursor - shown // 2, count - shown))
        return first, cells

    def _position_at(self, x: int) -> int | None:
        if self.timeline is None or x < 0:
            return None
        first, cells = self._layout()
        position = first + x // cells
        return position if position < len(self.timeline.buckets) else None

    def render(self) -> Content:
        timeline = self.timeline
        if timeline is None:
            return Content("")
        if not timeline.buckets:
            undated = f"{timeline.undated:,} undated" if timeline.undated else "no stories"
            return Content.assemble((f"No dated stories ({undated})", AXIS))
        first, cells = self._layout()
        shown = timeline.buckets[first : first + max(1, self.content_size.width) // cells]
        opened = self._open_position()
        bars: list[Content | str] = []
        marks: list[Content | str] = []
        bar_cells = cells - 1 if cells > 1 else 1
        for position, bucket in enumerate(shown, start=first):
            under_cursor = position == self.cursor and self.has_focus
            block = column_block(bucket.count, timeline.busiest)
            if block == " " and under_cursor:
                block = "·"  # an empty bucket under the cursor still shows where it is
            bar = Content(block * bar_cells).stylize(OPEN if position == opened else BAR)
            bars += [bar.stylize(CURSOR) if under_cursor else bar, " " * (cells - bar_cells)]
            marks += [
                Content(OPEN_MARK if position == opened else " ").stylize(OPEN),
                " " * (cells - 1),
            ]
        return Content("\n").join(
            [Content.assemble(*bars), Content.assemble(*marks), self._caption(shown)]
        )

    def _caption(self, shown: tuple[Bucket, ...]) -> Content:
        timeline = self.timeline
        assert timeline is not None
        undated = f" · {timeline.undated:,} undated" if timeline.undated else ""
        bucket = self.bucket
        if self.has_focus and bucket is not None:
            stories = "story" if bucket.count == 1 else "stories"
            return Content.assemble(
                (f"{bucket.label(timeline.by)}: {bucket.count:,} {stories}", ""),
                (f"  ←/→ move · Enter narrow to it{undated}", AXIS),
            )
        if timeline.by == "week":  # "week of … – week of …" reads worse than the days
            span = f"{shown[0].start:%d %b %Y} – {shown[-1].end:%d %b %Y}"
        else:
            span = f"{shown[0].label(timeline.by)} – {shown[-1].label(timeline.by)}"
        return Content.assemble((f"{span}, by {timeline.by}{undated}", AXIS))
