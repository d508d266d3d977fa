"""The place the reader reopens on: a small JSON file per archive, written atomically."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reader.data.history import HistoryEntry
from reader.data.last_place import PlaceFileError, load_place, place_file, save_place

PLACE = HistoryEntry('person:"Bratislav Gašić"', "date", "2024/visit.txt", "2024/other.txt", 41)


def test_a_saved_place_is_read_back(tmp_path: Path) -> None:
    path = place_file(tmp_path / "data", tmp_path / "archive")
    assert load_place(path) is None  # nothing saved yet
    save_place(PLACE, path)
    assert load_place(path) == PLACE
    save_place(HistoryEntry(""), path)
    assert load_place(path) == HistoryEntry("")
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_each_archive_has_its_own_place(tmp_path: Path) -> None:
    first = place_file(tmp_path, tmp_path / "news")
    second = place_file(tmp_path, tmp_path / "other" / "news")
    assert first != second
    assert first.parent == second.parent


@pytest.mark.parametrize(
    "text",
    [
        '{"query": "ferry", "sort": "relev',  # cut short
        "[1, 2]",
        '{"query": 3, "sort": "date"}',
        '{"query": "ferry", "sort": "sideways"}',
        '{"query": "ferry", "sort": "date", "open_id": 12}',
        '{"query": "ferry", "sort": "date", "selected_position": -1}',
        '{"query": "ferry", "sort": "date", "selected_position": "3"}',
        '{"query": "ferry", "sort": "date", "selected_position": true}',
        "\udcff",
    ],
)
def test_a_damaged_file_is_an_error_that_says_which(tmp_path: Path, text: str) -> None:
    path = tmp_path / "place.json"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(PlaceFileError, match="place.json"):
        load_place(path)


def test_a_writer_killed_mid_way_leaves_a_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "place.json"
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys\n"
            "from pathlib import Path\n"
            "from reader.data.history import HistoryEntry\n"
            "from reader.data.last_place import save_place\n"
            "path = Path(sys.argv[1])\n"
            "for number in range(1_000_000):\n"
            "    save_place(HistoryEntry(str(number) * 20_000, 'date'), path)\n"
            "    if number == 0:\n"
            "        print('saved', flush=True)\n",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "saved\n"
    finally:
        writer.kill()  # SIGKILL, most likely in the middle of a write
        writer.wait()
    place = load_place(path)
    assert place is not None
    assert place.sort == "date"
    assert len(place.query) >= 20_000
