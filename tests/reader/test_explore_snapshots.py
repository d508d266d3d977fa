"""SVG snapshots of an entity's page, hopped to from another, and of the timeline focused, at
120 and 80 columns, on the fixed data of fake_session.py. Update them after a deliberate change
with `pytest --snapshot-update`, and look at the new SVGs before committing them."""

from __future__ import annotations

import pytest
from pilot_helpers import settle
from test_reader_snapshots import SnapshotApp
from textual.pilot import Pilot

from reader.explore.entities import Entity
from reader.screens.main import MainScreen


@pytest.mark.parametrize("columns", [120, 80])
def test_entity_page_after_a_hop(snap_compare, isolated_user_dirs, columns: int) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, MainScreen)
        screen.open_entity_page(Entity("person", "Henrik Aasland"))
        await settle(pilot)
        await pilot.press("enter")  # hop to the first name seen with him
        await settle(pilot)

    app = SnapshotApp(isolated_user_dirs)
    assert snap_compare(app, terminal_size=(columns, 30), run_before=run_before)


@pytest.mark.parametrize("columns", [120, 80])
def test_timeline_focused(snap_compare, isolated_user_dirs, columns: int) -> None:
    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("escape", "d", "left")
        await settle(pilot)

    app = SnapshotApp(isolated_user_dirs)
    assert snap_compare(app, terminal_size=(columns, 30), run_before=run_before)
