"""The reader benchmark runs against the reader as it is: a renamed setting or a changed screen
breaks `make bench` here, in the tests, not an hour into a 100,000-story run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from index.api import update_index

REPO_ROOT = Path(__file__).resolve().parents[1]
FIXTURE_ARCHIVE = REPO_ROOT / "tests" / "reader" / "fixtures" / "archive"


def test_the_reader_benchmark_measures_the_reader_end_to_end(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    update_index(FIXTURE_ARCHIVE, index_dir)
    home = tmp_path / "home"
    environment = {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.reader", "--all", str(FIXTURE_ARCHIVE), str(index_dir)],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    assert measured["typing_pause_ms"] == 5
    assert measured["cold_screen_s"] > 0 and measured["cold_stories_s"] > 0
