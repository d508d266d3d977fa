"""`make bench`'s timeline and entity-page rows are measured on the code as it is: a change to
the explore package breaks them here, not an hour into a 100,000-story run."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not installed: importable however pytest runs
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.explore import explore_rows  # noqa: E402


def test_the_explore_benchmark_measures_timelines_and_entity_pages(
    built_archive: tuple[Path, Path],
) -> None:
    rows = explore_rows(built_archive[1], runs=2)
    labels = [label for label, _, _ in rows]
    assert labels[0].startswith("timeline of `` (every story, 9 hits, 17 months)")
    assert labels[1].startswith("timeline of `said` (thousands of hits, 4 hits")
    assert labels[2].startswith("entity page of the names in most stories (Baku (3), ")
    assert [target.split(":")[0] for _, _, target in rows] == [
        "p95 ≤ 25 ms",
        "p95 ≤ 25 ms",
        "p95 ≤ 100 ms",
    ]
