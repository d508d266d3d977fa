"""`newsreader correct` and the corrections in `entities --json`, `index` and `search`, run as
the real console script, each test with a library (`--data-dir`) and an archive of its own."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from test_cli import WriteArchive, json_of, run

BAKU = "archive/defence/2024-03-14-baku-visit.txt"


@pytest.fixture
def home(tmp_path: Path, write_test_archive: WriteArchive) -> Path:
    write_test_archive(tmp_path / "archive")
    return tmp_path


def nr(home: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return run(home, *arguments, "--data-dir", str(home / "data"))


def names(home: Path, path: str) -> dict[str, list[str]]:
    entities: dict[str, list[str]] = json_of(nr(home, "entities", path, "--json"))[path]["entities"]
    return entities


def test_entities_json_applies_the_corrections_and_forgets_a_removed_one(home: Path) -> None:
    assert "Baku" in names(home, BAKU)["place"]
    made = json_of(nr(home, "correct", "kind", "Baku", "organization", "--kind", "place", "--json"))
    assert made == {
        "corrected": {
            "name": "Baku",
            "kind": "place",
            "action": "change_kind",
            "new_kind": "organization",
            "new_name": None,
        }
    }
    assert (
        nr(home, "correct", "wrong", "Azerbaijani Army", "--kind", "organization").returncode == 0
    )
    corrected = names(home, BAKU)
    assert "Baku" in corrected["organization"] and "Baku" not in corrected["place"]
    assert "Azerbaijani Army" not in corrected["organization"]
    listed = json_of(nr(home, "correct", "list", "--json"))["corrections"]
    assert {each["name"] for each in listed} == {"Azerbaijani Army", "Baku"}
    assert all(each["made"] for each in listed)
    removed = json_of(nr(home, "correct", "remove", "Baku", "--json"))["removed"]
    assert [each["name"] for each in removed] == ["Baku"]
    assert "Baku" in names(home, BAKU)["place"]
    unknown = nr(home, "correct", "remove", "Baku")
    assert unknown.returncode == 1 and "no correction of 'Baku'" in unknown.stderr


def test_the_index_and_search_apply_corrections_made_in_the_shell(home: Path) -> None:
    def ids(query: str) -> set[str]:
        page = json_of(nr(home, "search", query, "--archive", "archive", "--json"))
        return {hit["id"] for hit in page["hits"]}

    assert len(ids('place:"Baku"')) == 3
    nr(home, "correct", "merge", "Gašić", "Bratislav Gašić", "--kind", "person")
    nr(home, "correct", "kind", "Baku", "organization", "--kind", "place")
    report = json_of(nr(home, "index", "archive", "--json"))
    assert report["updated"] == 4  # the files of the three Baku stories, no other
    assert ids('place:"Baku"') == set()
    assert len(ids('org:"Baku"')) == 3
    nr(home, "correct", "remove", "Baku")
    assert len(ids('place:"Baku"')) == 3  # `search` brings the index up to date first
