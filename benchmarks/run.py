"""`make bench`: index build, re-index, query latency and memory at scale; writes RESULTS.md.

    python -m benchmarks.run [--size 100000] [--query-runs 20]

Each build runs in a child process so its peak memory can be read. Needs `../shared`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from benchmarks.scale_corpus import DATA, scale_archive

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
QUERIES = {
    "common word": "oil",
    "two words": "bank rates",
    "phrase": '"interest rates"',
    "field": "title:coffee",
    "entity": 'place:"Japan"',
    "date range": "date:[1987-03-01 to 1987-03-31]",
    "fuzzy": "petrolium~",
    "thousands of hits": "said",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--query-runs", type=int, default=20)
    options = parser.parse_args()

    archive = scale_archive(options.size)
    index_dir = DATA / f"index-{options.size // 1000}k"
    bare_dir = DATA / f"bare-{options.size // 1000}k"
    rows: list[tuple[str, str]] = []

    ours = _child("build", archive, index_dir)
    bare = _child("bare", archive, bare_dir)
    rows += [
        ("full index build (parse + entities + Whoosh)", f"{ours['seconds']:.1f} s"),
        ("bare Whoosh, same text and writer", f"{bare['seconds']:.1f} s"),
        ("ratio ours / bare", f"{ours['seconds'] / bare['seconds']:.2f}×"),
        ("peak RSS while indexing (largest process)", f"{ours['peak_rss_mb']:.0f} MB"),
    ]
    unchanged = _child("update", archive, index_dir)
    rows.append(("re-index, nothing changed", f"{unchanged['seconds']:.2f} s"))
    changed_files = _touch_one_percent(archive)
    one_percent = _child("update", archive, index_dir)
    rows.append(
        (
            f"re-index, 1% changed ({len(changed_files)} files)",
            f"{one_percent['seconds']:.1f} s "
            f"({100 * one_percent['seconds'] / ours['seconds']:.1f}% of a full build)",
        )
    )
    _restore(changed_files)
    _child("update", archive, index_dir)

    latencies = _query_latencies(index_dir, options.query_runs)
    for name, (p50, p95, total) in latencies.items():
        rows.append(
            (
                f"query '{QUERIES[name]}' ({name}, {total} hits) p50 / p95",
                f"{p50:.1f} / {p95:.1f} ms",
            )
        )
    every = [value for name, value in latencies.items()]
    rows.append(
        (
            "all queries p50 / p95",
            f"{statistics.median(v[0] for v in every):.1f} / {max(v[1] for v in every):.1f} ms",
        )
    )
    _write_results(options.size, rows)
    print(RESULTS.read_text())


def _child(step: str, archive: Path, index_dir: Path) -> dict:
    """Run one step in a fresh process; returns its timing and the peak RSS of its processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.steps", step, str(archive), str(index_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["peak_rss_mb"] = max(peak, before) / 1024
    print(step, result, file=sys.stderr)
    return result


def _touch_one_percent(archive: Path) -> dict[Path, str]:
    files = sorted(archive.rglob("*.txt"))
    chosen = files[::100]
    originals = {path: path.read_text(encoding="utf-8") for path in chosen}
    for path, text in originals.items():
        path.write_text(text + "Updated for the benchmark.\n", encoding="utf-8")
    return originals


def _restore(originals: dict[Path, str]) -> None:
    for path, text in originals.items():
        path.write_text(text, encoding="utf-8")


def _query_latencies(index_dir: Path, runs: int) -> dict[str, tuple[float, float, int]]:
    from index.search import ArchiveIndex

    archive_index = ArchiveIndex.open(index_dir)
    latencies = {}
    for name, text in QUERIES.items():
        total = archive_index.search(text).total  # warm-up
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            archive_index.search(text, page_size=50)
            samples.append((time.perf_counter() - started) * 1000)
        samples.sort()
        p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
        latencies[name] = (statistics.median(samples), p95, total)
    archive_index.close()
    return latencies


def _write_results(size: int, rows: list[tuple[str, str]]) -> None:
    machine = (
        f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, whoosh {version('whoosh')}, "
        f"textual {version('textual')}, rich {version('rich')}"
    )
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine}.",
        f"Scale corpus: Reuters-21578 repeated to {size:,} articles (`make bench`).",
        "",
        "| measure | result |",
        "| --- | --- |",
        *(f"| {name} | {value} |" for name, value in rows),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
