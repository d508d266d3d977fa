"""Shared fixtures: a small archive of original made-up stories, and its index."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from index.fastpath import enable

if TYPE_CHECKING:
    from index.whoosh.search import ArchiveIndex

# Short original stories, written for these tests. Paths are relative to the archive root.
STORIES: dict[str, str] = {
    "defence/2024-06-20-belgrade-talks.txt": (
        " date 2024-06-20 Serbia and Azerbaijan agree a defence cooperation plan\n"
        "By Sabina AlizadeThe defence ministers met in Belgrade on Thursday. "
        "Minister Bratislav Gašić welcomed General Karim Valiyev and said the cooperation "
        "would cover training, logistics and joint exercises.\n"
        "Valiyev thanked his hosts. The Ministry of Defence said a second round of talks "
        "would be held in Baku in the autumn.\n"
    ),
    "defence/2024-03-14-baku-visit.txt": (
        " date 2024-03-14 Gašić visits Baku before the spring exercises\n"
        "By Femke de VriesMinister Bratislav Gašić arrived in Baku on Tuesday for two days of "
        "talks on military cooperation. Gašić toured a training centre and met officers of the "
        "Azerbaijani Army.\n"
    ),
    "economy/2023-11-02-harbour-strike.txt": (
        " date 2023-11-02 Dock workers strike in Rotterdam\n"
        "By Femke de VriesThe strike at the harbour of Rotterdam entered its third day as crane "
        "operators refused to unload container ships. The union FNV said wages had fallen "
        "behind prices.\n"
    ),
    "economy/2023-05-09-wheat.txt": (
        " date 2023-05-09 Wheat prices climb after a dry spring\n"
        "Wheat prices rose for the fourth week in Chicago as farmers in Kansas reported a dry "
        "spring. Traders expect the harvest to be smaller than last year.\n"
    ),
    "science/2024-01-15-glacier.txt": (
        " date 2024-01-15 Alpine glacier loses a tenth of its ice\n"
        "Researchers in Zürich said the Rhone glacier lost a tenth of its ice in two summers. "
        "Anna Keller, who led the survey, said the melting glacier feeds lakes that did not "
        "exist a decade ago.\n"
    ),
    "culture/2024-09-30-festival.txt": (
        " date 2024-09-30 Street theatre festival fills the old town\n"
        "By Łukasz WiśniewskiAuthorities in Kraków closed the market square to traffic as the "
        "street theatre festival opened. Mayor Aleksander Nowak said forty companies would "
        "perform.\n"
    ),
    "odd/markup.txt": (
        " date 2023-08-08 [bold red]Breaking[/] news about \x1b]0;pwned\x07terminal tricks\n"
        "The body hides an escape \x1b]52;c;ZXZpbA==\x07 and clears the screen \x1b[2J but "
        "a reader should only see plain words about the glacier museum.\n"
    ),
}
WIRE_RECORDS = [
    {
        "title": "Port authority orders new cranes",
        "date": "2024-02-10",
        "author": "Ines Duarte",
        "body": "The port authority of Rotterdam ordered twelve electric cranes to end the "
        "delays that followed the strike.",
        "url": "https://example.org/wire/1",
    },
    {
        "title": "Baku hosts a regional security forum",
        "date": "2024-07-04",
        "body": "Delegations from nine countries met in Baku to discuss security cooperation. "
        "Bratislav Gašić attended for Serbia.",
    },
]
WIRE_PATH = "wire/2024-wire.jsonl"


def pytest_configure(config: pytest.Config) -> None:
    enable()  # as the `newsreader` command does at start-up


def write_archive(root: Path) -> Path:
    """Write the test stories under `root`; returns `root`."""
    for relative, text in STORIES.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    wire = root / WIRE_PATH
    wire.parent.mkdir(parents=True, exist_ok=True)
    wire.write_text(
        "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in WIRE_RECORDS),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="session")
def write_test_archive() -> Callable[[Path], Path]:
    """`write_archive`, for tests outside this folder (another conftest may shadow this module)."""
    return write_archive


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A fresh copy of the test archive, for tests that change it."""
    return write_archive(tmp_path / "archive")


@pytest.fixture(scope="module")
def built_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One archive and its built index per test module: `(archive, index_dir)`. Don't change it."""
    from index.api import update_index

    base = tmp_path_factory.mktemp("built")
    archive_root = write_archive(base / "archive")
    index_dir = base / "index"
    update_index(archive_root, index_dir)
    return archive_root, index_dir


@pytest.fixture(scope="module")
def archive_index(built_archive: tuple[Path, Path]) -> Iterator[ArchiveIndex]:
    """The module's built index, open for searching."""
    from index.whoosh.search import ArchiveIndex

    opened = ArchiveIndex.open(built_archive[1])
    yield opened
    opened.close()
