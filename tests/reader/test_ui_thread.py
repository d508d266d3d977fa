"""The index is never called on the UI thread: every call into the session runs in a worker."""

from __future__ import annotations

import threading

from fake_session import FakeSession
from pilot_helpers import main_screen, settle, type_query

from reader.app import NewsReaderApp
from reader.screens.main import MainScreen
from reader.settings import Locations, Settings

SESSION_CALLS = (
    "search",
    "search_if_wanted",
    "facets_if_wanted",
    "suggestion_if_wanted",
    "entity_names",
    "article",
    "related",
    "term_spans",
    "refresh",
)


class ThreadRecordingSession(FakeSession):
    """The fake session, noting which thread each index call came from."""

    def __init__(self) -> None:
        self.calls_on_ui_thread: list[str] = []

    def _note(self, call: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.calls_on_ui_thread.append(call)

    @property  # type: ignore[override]
    def doc_count(self) -> int:
        self._note("doc_count")
        return super().doc_count


def _recorded(name: str):
    def call(self: ThreadRecordingSession, *args: object, **options: object) -> object:
        self._note(name)
        return getattr(FakeSession, name)(self, *args, **options)

    return call


for _name in SESSION_CALLS:
    setattr(ThreadRecordingSession, _name, _recorded(_name))


class RecordingApp(NewsReaderApp):
    def __init__(self, locations: Locations) -> None:
        super().__init__(
            FakeSession.archive, FakeSession.index_dir, locations=locations, settings=Settings()
        )
        self.recording_session = ThreadRecordingSession()

    def open_archive(self) -> None:
        self.push_screen(MainScreen(self.recording_session))  # type: ignore[arg-type]


async def test_searching_reading_and_new_stories_call_the_index_off_the_ui_thread(
    isolated_user_dirs: Locations,
) -> None:
    app = RecordingApp(isolated_user_dirs)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, "harbour")
        await pilot.press("enter", "enter", "n", "r")
        await settle(pilot)
        await pilot.press("escape", "s")
        screen.index_changed()
        await settle(pilot)
        assert screen.sub_title == f"marenvik · {FakeSession.doc_count} articles"
        assert screen.article_view.article_id is not None
    assert app.recording_session.calls_on_ui_thread == []
