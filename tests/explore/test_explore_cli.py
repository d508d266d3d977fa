"""`newsreader timeline` and `newsreader entity`, run in-process on a built archive; and the
explore package's promise to stay free of Textual."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli.common import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from reader.cli.main import main

REPO_ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(list(arguments))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


@pytest.fixture
def index_dir(built_archive: tuple[Path, Path]) -> str:
    return str(built_archive[1])


def test_timeline_json_shape(capsys: pytest.CaptureFixture[str], index_dir: str) -> None:
    code, out, _ = run(capsys, "timeline", "Baku", "--index-dir", index_dir, "--json")
    assert code == EXIT_OK
    shape = json.loads(out)
    assert list(shape) == ["query", "by", "total", "undated", "buckets"]
    assert (shape["query"], shape["by"], shape["total"], shape["undated"]) == ("Baku", "week", 3, 0)
    assert shape["buckets"][0] == {
        "start": "2024-03-11",
        "end": "2024-03-17",
        "label": "week of 11 Mar 2024",
        "count": 1,
    }
    assert sum(bucket["count"] for bucket in shape["buckets"]) == 3


def test_timeline_by_year_as_bars(capsys: pytest.CaptureFixture[str], index_dir: str) -> None:
    code, out, _ = run(capsys, "timeline", "", "--by", "year", "--index-dir", index_dir)
    assert code == EXIT_OK
    lines = out.splitlines()
    assert [line.split()[:2] for line in lines] == [["2023", "3"], ["2024", "6"]]
    assert "█" in lines[1]


def test_timeline_of_a_bad_query_is_a_sentence(
    capsys: pytest.CaptureFixture[str], index_dir: str
) -> None:
    code, _, err = run(capsys, "timeline", "date:[nonsense", "--index-dir", index_dir)
    assert code == EXIT_FAILED
    assert err.startswith("newsreader: ")


def test_timeline_by_an_unknown_bucket_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], index_dir: str
) -> None:
    code, _, _ = run(capsys, "timeline", "x", "--by", "decade", "--index-dir", index_dir)
    assert code == EXIT_USAGE


def test_entity_json_shape(capsys: pytest.CaptureFixture[str], index_dir: str) -> None:
    code, out, _ = run(capsys, "entity", "gasic", "--index-dir", index_dir, "--json")
    assert code == EXIT_OK
    page = json.loads(out)
    assert list(page) == [
        "name",
        "kind",
        "stories",
        "first",
        "latest",
        "undated",
        "months",
        "co_occurring",
        "story_ids",
    ]
    assert (page["name"], page["kind"], page["stories"]) == ("Bratislav Gašić", "person", 3)
    assert (page["first"], page["latest"]) == ("2024-03-14", "2024-07-04")
    assert [month["month"] for month in page["months"]] == [
        "2024-03",
        "2024-04",
        "2024-05",
        "2024-06",
        "2024-07",
    ]
    assert page["story_ids"] == [
        "wire/2024-wire.jsonl#2",
        "defence/2024-06-20-belgrade-talks.txt",
        "defence/2024-03-14-baku-visit.txt",
    ]
    baku = next(name for name in page["co_occurring"] if name["name"] == "Baku")
    assert baku == {"name": "Baku", "kind": "place", "together": 3, "stories": 3, "score": 1.0}


def test_entity_limit_and_kind(capsys: pytest.CaptureFixture[str], index_dir: str) -> None:
    arguments = ("entity", "Baku", "--kind", "place", "--limit", "1", "--json")
    code, out, _ = run(capsys, *arguments, "--index-dir", index_dir)
    assert code == EXIT_OK
    assert json.loads(out)["story_ids"] == ["wire/2024-wire.jsonl#2"]


def test_entity_as_tables(capsys: pytest.CaptureFixture[str], index_dir: str) -> None:
    code, out, _ = run(capsys, "entity", "Karim Valiyev", "--index-dir", index_dir)
    assert code == EXIT_OK
    assert out.startswith("Karim Valiyev  person, 1 story, 2024-06-20 to 2024-06-20")
    assert "defence/2024-06-20-belgrade-talks.txt" in out


def test_an_unknown_entity_is_a_sentence(
    capsys: pytest.CaptureFixture[str], index_dir: str
) -> None:
    code, out, err = run(capsys, "entity", "Nobody", "--index-dir", index_dir, "--json")
    assert code == EXIT_FAILED
    assert out == ""
    assert err == "newsreader: no person, place or organisation named “Nobody” in the archive\n"


def test_the_explore_package_never_loads_textual() -> None:
    modules = [
        ".".join(path.relative_to(REPO_ROOT).with_suffix("").parts)
        for path in sorted((REPO_ROOT / "reader" / "explore").glob("*.py"))
    ]
    script = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('textual' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert len(modules) >= 4
    assert result.stdout.strip() == "False"
