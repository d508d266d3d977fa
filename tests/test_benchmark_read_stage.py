"""`benchmarks.read_stage`: the build's read stage over an archive or a sample of it, twice."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not installed: importable however pytest runs
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.read_stage import measure  # noqa: E402


def archive_of(root: Path, stories: int) -> Path:
    for number in range(stories):
        folder = root / f"{number // 2:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"story-{number}.txt").write_text(
            f" date 2024-06-0{number + 1} Story {number}\nBy Ana BellThe text {number}.\n",
            encoding="utf-8",
        )
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


def test_both_passes_read_every_story_of_the_archive_as_the_build_does(tmp_path: Path) -> None:
    figures = measure(archive_of(tmp_path, 4))
    assert figures["files"] == figures["sampled_files"] == 5
    for name in ("first_pass", "second_pass"):
        read = figures[name]
        assert read["stories"] == 4  # the empty file is skipped, as the build skips it
        assert read["ms_per_file"] > 0
        assert read["cpu_ms_per_file"] >= 0


def test_a_sample_is_every_nth_file_of_the_whole_archive(tmp_path: Path) -> None:
    figures = measure(archive_of(tmp_path, 6), every=3)
    assert (figures["files"], figures["sampled_files"]) == (7, 3)
    # In path order: 0000/story-0, 0001/story-3 and empty.txt, which holds no story.
    assert figures["second_pass"]["stories"] == 2
