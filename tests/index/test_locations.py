"""Where an archive's index lives: one folder per archive under the user cache directory."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from index.locations import default_index_dir


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if sys.platform != "linux":
        pytest.skip("XDG_CACHE_HOME sets the cache folder on Linux only")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_index_lives_under_the_user_cache(cache: Path, tmp_path: Path) -> None:
    archive = tmp_path / "news"
    archive.mkdir()
    index_dir = default_index_dir(archive)
    assert index_dir.is_relative_to(cache)
    assert index_dir.name.startswith("news-")


def test_each_archive_gets_its_own_folder(cache: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "news", tmp_path / "b" / "news"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    assert default_index_dir(first) != default_index_dir(second)


def test_the_same_archive_named_two_ways_shares_one_folder(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "news"
    archive.mkdir()
    (tmp_path / "link").symlink_to(archive, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    expected = default_index_dir(archive)
    assert default_index_dir(Path("news")) == expected
    assert default_index_dir(Path("link")) == expected
    assert default_index_dir(Path("news/../news")) == expected


def test_odd_folder_names_give_a_plain_folder_name(cache: Path, tmp_path: Path) -> None:
    archive = tmp_path / "My News [2024] — ünïcode"
    archive.mkdir()
    name = default_index_dir(archive).name
    assert " " not in name and "[" not in name
