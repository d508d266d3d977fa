"""Helpers for driving the app with the pilot: wait on workers and messages, never sleep."""

from __future__ import annotations

from collections.abc import Callable

from pilot_waits import settle
from textual.pilot import Pilot

from reader.screens.main import MainScreen


async def wait_for(pilot: Pilot, condition: Callable[[], bool], seconds: float = 5.0) -> None:
    """Let the app run until `condition` holds, for a work that `settle` can't wait on (a
    worker held on purpose); fails after `seconds`."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError(f"still not true after {seconds} s")


async def main_screen(pilot: Pilot) -> MainScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen), f"expected the main screen, got {screen!r}"
    return screen


async def type_query(pilot: Pilot, text: str) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    screen.search_bar.input.focus()
    screen.search_bar.input.value = ""
    await pilot.press(*text)
    await settle(pilot)


async def open_first_story(pilot: Pilot, query: str) -> None:
    """Search for `query` and open its first hit, as a user types `query⏎⏎`."""
    await type_query(pilot, query)
    await pilot.press("enter", "enter")
    await settle(pilot)


async def with_empty_search_bar(pilot: Pilot) -> MainScreen:
    """The main screen with its search bar focused and empty."""
    screen = await main_screen(pilot)
    screen.search_bar.input.focus()
    screen.search_bar.set_query("")
    await settle(pilot)
    return screen
