"""Where the library lives: the user data folder, or the config file's `data_dir`."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.settings import Locations, Settings, SettingsError, load_settings, save_settings


def test_the_library_is_in_the_data_folder(tmp_path: Path) -> None:
    locations = Locations(tmp_path / "config", tmp_path / "data", tmp_path / "cache")
    assert locations.library_file == tmp_path / "data" / "library.sqlite"
    moved = locations.with_data_dir(Path("~/notes"))
    assert moved.library_file == Path.home() / "notes" / "library.sqlite"
    assert (moved.config_dir, moved.cache_dir) == (locations.config_dir, locations.cache_dir)


def test_data_dir_is_a_setting_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\ndata_dir = "~/notes/newsreader"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.data_dir == Path("~/notes/newsreader")
    save_settings(settings.with_theme("gruvbox"), path)  # as the reader saves a new theme
    assert 'data_dir = "~/notes/newsreader"' in path.read_text(encoding="utf-8")
    assert load_settings(path) == Settings(theme="gruvbox", data_dir=Path("~/notes/newsreader"))


@pytest.mark.parametrize("value", ['""', '"notes"', "3"])
def test_a_data_dir_that_is_not_a_full_path_says_so(tmp_path: Path, value: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"data_dir = {value}\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="`data_dir` must be a folder's full path"):
        load_settings(path)


def test_the_users_archive_is_in_the_data_folder_or_where_the_config_says(
    tmp_path: Path,
) -> None:
    locations = Locations(tmp_path / "config", tmp_path / "data", tmp_path / "cache")
    assert locations.archive_dir == tmp_path / "data" / "archive"
    path = tmp_path / "config.toml"
    path.write_text('archive = "~/news"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.archive == Path("~/news")
    save_settings(settings.with_theme("nord"), path)
    assert load_settings(path) == Settings(theme="nord", archive=Path("~/news"))
    path.write_text('archive = "news"\n', encoding="utf-8")
    with pytest.raises(
        SettingsError, match='`archive` must be a folder\'s full path, like "~/news"'
    ):
        load_settings(path)
