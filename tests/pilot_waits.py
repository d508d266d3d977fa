"""Waiting on the app under Textual's pilot: for its workers and the messages they post, never
by sleeping. Shared by the reader's and the robustness tests."""

from __future__ import annotations

import asyncio

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerCancelled


async def settle(pilot: Pilot, rounds: int = 6) -> None:
    """Let workers finish and the messages they post be handled (a search posts results, then
    facets; an open article is re-highlighted after a search), a few rounds deep."""
    for _ in range(rounds):
        await pilot.pause()
        await workers_done(pilot.app)
    await pilot.pause()


async def workers_done(app: App[object]) -> None:
    """Wait for the app's workers. One cancelled meanwhile (a search overtaken by the next, a
    count by a newer index) is done too; one that failed raises its error."""
    outcomes = await asyncio.gather(
        *(worker.wait() for worker in app.workers), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
            raise outcome
