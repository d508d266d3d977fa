"""The index is never called on the UI thread: every call into the session runs in a worker."""

from __future__ import annotations

import threading
from collections.abc import Callable

from fake_session import STORIES, FakeSession
from pilot_helpers import main_screen, settle, type_query

from articles.model import EntityKind
from index.api import FacetCount, Hit, SearchPage, SortOrder, StoredArticle
from reader.app import NewsReaderApp
from reader.screens.main import MainScreen
from reader.settings import Locations, Settings


class ThreadRecordingSession(FakeSession):
    """The fake session, noting each index call made on the UI thread."""

    def __init__(self) -> None:
        self.calls_on_ui_thread: list[str] = []

    def _note(self, call: str) -> None:
        if threading.current_thread() is threading.main_thread():
            self.calls_on_ui_thread.append(call)

    @property  # type: ignore[override]
    def doc_count(self) -> int:
        self._note("doc_count")
        return len(STORIES)

    def search(self, query: str, *, page: int, page_size: int, sort: SortOrder) -> SearchPage:
        self._note("search")
        return super().search(query, page=page, page_size=page_size, sort=sort)

    def search_if_wanted(
        self, query: str, *, page_size: int, sort: SortOrder, still_wanted: Callable[[], bool]
    ) -> SearchPage | None:
        self._note("search_if_wanted")
        return super().search_if_wanted(
            query, page_size=page_size, sort=sort, still_wanted=still_wanted
        )

    def facets_if_wanted(
        self, query: str, *, top: int, still_wanted: Callable[[], bool]
    ) -> dict[EntityKind, tuple[FacetCount, ...]] | None:
        self._note("facets_if_wanted")
        return super().facets_if_wanted(query, top=top, still_wanted=still_wanted)

    def suggestion_if_wanted(
        self, query: str, total: int, *, still_wanted: Callable[[], bool]
    ) -> str | None:
        self._note("suggestion_if_wanted")
        return super().suggestion_if_wanted(query, total, still_wanted=still_wanted)

    def entity_names(self, *, top: int) -> dict[EntityKind, tuple[FacetCount, ...]]:
        self._note("entity_names")
        return super().entity_names(top=top)

    def article(self, article_id: str) -> StoredArticle:
        self._note("article")
        return super().article(article_id)

    def related(self, article_id: str, *, limit: int = 10) -> tuple[Hit, ...]:
        self._note("related")
        return super().related(article_id, limit=limit)

    def term_spans(self, query: str, text: str) -> tuple[tuple[int, int], ...]:
        self._note("term_spans")
        return super().term_spans(query, text)

    def refresh(self) -> bool:
        self._note("refresh")
        return super().refresh()


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
