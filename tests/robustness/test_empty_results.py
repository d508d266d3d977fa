"""A query that finds nothing: one page, and the reader offers no "more" to load."""

from __future__ import annotations

from pathlib import Path

import pytest
from pilot_waits import settle
from robustness_helpers import isolate_user_dirs, reader_app, write_generated

from index.api import update_index
from index.whoosh.search import ArchiveIndex
from reader.screens.main import MainScreen


@pytest.fixture
def small_index(tmp_path: Path) -> tuple[Path, Path]:
    archive = tmp_path / "archive"
    write_generated(archive, range(5))
    update_index(archive, tmp_path / "index")
    return archive, tmp_path / "index"


def test_no_hits_is_one_page(small_index: tuple[Path, Path]) -> None:
    archive_index = ArchiveIndex.open(small_index[1])
    try:
        page = archive_index.search("zzzqqq")
    finally:
        archive_index.close()
    assert (page.total, page.page_count, page.hits) == (0, 1, ())


async def test_the_reader_shows_only_that_nothing_matches(
    small_index: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_user_dirs(monkeypatch, tmp_path / "home")
    app = reader_app(*small_index, tmp_path / "home")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MainScreen)
        screen.search_bar.input.focus()
        await pilot.press(*"zzzqqq")
        await settle(pilot)
        results = screen.results
        prompts = [
            str(results.get_option_at_index(index).prompt) for index in range(results.option_count)
        ]
        assert prompts == ["No stories match."]
