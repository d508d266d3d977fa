"""Fixtures for the reader: a fixed archive of original stories, its index, an isolated app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from index.api import update_index
from reader.app import NewsReaderApp
from reader.settings import Locations, Settings

FIXTURE_ARCHIVE = Path(__file__).with_name("fixtures") / "archive"


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Locations:
    """Nothing a test does may touch the real user config, data or cache folders."""
    home = tmp_path / "home"
    for variable, folder in (
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CACHE_HOME", "cache"),
    ):
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("HOME", str(home))
    return Locations(home / "config" / "newsreader", home / "data" / "newsreader", home / "cache")


@pytest.fixture(scope="session")
def shared_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive indexed once; tests that change nothing share it."""
    index_dir = tmp_path_factory.mktemp("index")
    update_index(FIXTURE_ARCHIVE, index_dir)
    return index_dir


@pytest.fixture
def archive_copy(tmp_path: Path) -> Path:
    """A copy of the fixture archive that a test may change."""
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURE_ARCHIVE, archive)
    return archive


@pytest.fixture
def make_app(isolated_user_dirs: Locations, shared_index: Path):
    def make(
        archive: Path = FIXTURE_ARCHIVE,
        index_dir: Path | None = None,
        settings: Settings | None = None,
    ) -> NewsReaderApp:
        return NewsReaderApp(
            archive,
            shared_index if index_dir is None else index_dir,
            locations=isolated_user_dirs,
            settings=settings,
        )

    return make
