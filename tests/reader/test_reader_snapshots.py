"""SVG snapshots of the main screens at fixed sizes, on fixed data (see fake_session.py).

Update them after a deliberate change to the screen with `pytest --snapshot-update`, and look at
the new SVGs before committing them.
"""

from __future__ import annotations

from fake_session import FakeSession
from pilot_helpers import settle
from textual.pilot import Pilot

from reader.app import NewsReaderApp
from reader.screens.main import MainScreen
from reader.settings import Settings


class SnapshotApp(NewsReaderApp):
    """The real app on the fake session: no index, no timing, no user files."""

    def __init__(self, locations, settings: Settings | None = None) -> None:
        super().__init__(
            FakeSession.archive,
            FakeSession.index_dir,
            locations=locations,
            settings=settings or Settings(),
        )

    def open_archive(self) -> None:
        self.push_screen(MainScreen(FakeSession()))  # type: ignore[arg-type]


async def open_story(pilot: Pilot) -> None:
    await settle(pilot)
    await pilot.press(*"harbour")
    await settle(pilot)
    await pilot.press("enter", "down", "down", "enter")
    await settle(pilot)


def test_main_screen_with_a_story_open(snap_compare, isolated_user_dirs) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_story(pilot)
        await pilot.press("e", "down", "right_square_bracket")
        await settle(pilot)

    app = SnapshotApp(isolated_user_dirs)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare, isolated_user_dirs) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("tab", "question_mark")
        await settle(pilot)

    app = SnapshotApp(isolated_user_dirs)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_narrow_layout(snap_compare, isolated_user_dirs) -> None:
    app = SnapshotApp(isolated_user_dirs)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_story)


def test_narrow_layout_in_the_light_theme(snap_compare, isolated_user_dirs) -> None:
    app = SnapshotApp(isolated_user_dirs, Settings(theme="textual-light"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_story)


def test_narrow_layout_with_the_sidebar_unfolded(snap_compare, isolated_user_dirs) -> None:
    async def run_before(pilot: Pilot) -> None:
        await open_story(pilot)
        await pilot.press("e")
        await settle(pilot)

    app = SnapshotApp(isolated_user_dirs)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_tiny_terminal(snap_compare, isolated_user_dirs) -> None:
    app = SnapshotApp(isolated_user_dirs)
    assert snap_compare(app, terminal_size=(40, 12), run_before=open_story)
