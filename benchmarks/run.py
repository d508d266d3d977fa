"""`make bench`: index build, re-index, query latency, the reader and memory, per archive size.

    python -m benchmarks.run [--size 3000 --size 100000] [--query-runs 20] [--reuse-index]

Each size (by default a small archive, where most users start, and a large one) is measured on
its own and replaces its section of RESULTS.md, leaving the other sizes' sections as they were;
NOTES.md, the analysis, follows them. Each build runs in a child process so its peak memory can
be read; the reader measures are in `benchmarks.reader`. Needs `../shared`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from benchmarks.cold_search import QUERY as COLD_QUERY
from benchmarks.cold_search import cold_search
from benchmarks.results_file import OWN_SECTIONS, RESULTS, section_pattern
from benchmarks.scale_corpus import DATA, scale_archive
from index.api import (
    ARRAYS_STAGE,
    COMMIT_STAGE,
    EXTRACT_STAGE,
    READ_STAGE,
    WRITE_STAGE,
)

NOTES = RESULTS.with_name("NOTES.md")
SIZES = (3_000, 100_000)
BUILD_STAGES = (READ_STAGE, EXTRACT_STAGE, WRITE_STAGE, ARRAYS_STAGE, COMMIT_STAGE)
# A size's section runs from its heading to the next heading of that level.
SECTION = re.compile(r"^## ([\d,]+) articles$.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
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
# The user's marks (`BenchMarks`: one story in 10 read, in 100 starred, in 50 tagged `x`) with
# the rest of the query language, each timed just after a story was marked read.
MARKED_QUERIES = {
    "unread": "is:unread",
    "starred and tagged": "is:starred tag:x",
    "unread, person, year": 'is:unread person:"James Baker" date:1987',
}


class BenchMarks:
    """`index.api.StoryMarks` over an archive's story ids: one in 10 read, one in 100 starred,
    one in 50 tagged `x` (half of them starred). `read_one_more()` is a story opened."""

    def __init__(self, ids: frozenset[str]) -> None:
        ordered = sorted(ids)
        self._marked = {
            ("read", ""): frozenset(ordered[::10]),
            ("starred", ""): frozenset(ordered[3::100]),
            ("tag", "x"): frozenset(ordered[3::50]),
        }
        self._unread = [story for number, story in enumerate(ordered) if number % 10]
        self.version = 0

    def stories_marked(self, mark: str, value: str = "") -> frozenset[str]:
        return self._marked.get((mark, value), frozenset())

    def read_one_more(self) -> None:
        """Mark a story read. Every set is answered anew, of new strings, as a library reading
        its database answers."""
        read = self._marked["read", ""] | {self._unread.pop()}
        self._marked["read", ""] = read
        self._marked = {
            key: frozenset(f"{story} "[:-1] for story in stories)
            for key, stories in self._marked.items()
        }
        self.version += 1


def main() -> None:
    from index.fastpath import enable

    enable()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--size",
        type=int,
        action="append",
        help=f"articles in the archive; repeat for more (default: {' and '.join(map(str, SIZES))})",
    )
    parser.add_argument("--query-runs", type=int, default=20)
    parser.add_argument(
        "--reuse-index", action="store_true", help="skip the builds, measure the existing index"
    )
    options = parser.parse_args()
    for size in options.size or SIZES:
        load_before = _load()
        rows = measure_size(size, options.query_runs, options.reuse_index)
        write_results(results_section(size, rows, load_before, _load()))
    print(RESULTS.read_text(encoding="utf-8"))


def measure_size(size: int, query_runs: int, reuse_index: bool) -> list[tuple[str, str, str]]:
    """The rows of the results table for an archive of `size` articles."""
    archive = scale_archive(size)
    index_dir = DATA / f"index-{size // 1000}k"
    bare_dir = DATA / f"bare-{size // 1000}k"
    rows: list[tuple[str, str, str]] = []

    if not reuse_index:
        ours = _child("build", archive, index_dir)
        bare = _child("bare", archive, bare_dir)
        rows += build_rows(ours, bare)
        unchanged = _child("update", archive, index_dir)
        rows.append(
            (
                "re-index, nothing changed",
                f"{unchanged['seconds']:.2f} s",
                _target(unchanged["seconds"] <= 5, "≤ 5 s"),
            )
        )
        changed_files = _touch_one_percent(archive)
        one_percent = _child("update", archive, index_dir)
        share = one_percent["seconds"] / ours["seconds"]
        rows.append(
            (
                f"re-index, 1% changed ({len(changed_files)} files)",
                f"{one_percent['seconds']:.1f} s ({100 * share:.1f}% of a full build)",
                _target(share <= 0.10, "≤ 10% of a build"),
            )
        )
        _restore(changed_files)
        _child("update", archive, index_dir)

    latencies = _query_latencies(index_dir, query_runs)
    bare_latencies = _bare_query_latencies(bare_dir, query_runs)
    for name, timing in latencies.items():
        bare_timing = bare_latencies.get(name)
        rows.append(
            (
                f"query `{QUERIES[name]}` ({name}, {timing['total']:,} hits): new / repeated "
                f"p50, p95; facets; bare Whoosh p50, p95",
                f"{timing['new_p50']:.1f}, {timing['new_p95']:.1f} / {timing['repeated_p50']:.1f}, "
                f"{timing['repeated_p95']:.1f} ms; facets {timing['facets']:.0f} ms; bare "
                + (f"{bare_timing[0]:.1f}, {bare_timing[1]:.1f} ms" if bare_timing else "-"),
                _target(timing["new_p95"] <= 25, "p95 ≤ 25 ms"),
            )
        )
    cold = cold_search(index_dir)
    rows.append(
        (
            f"cold search --json vs bare Whoosh script (`{COLD_QUERY}`, fresh processes in turn)",
            f"{cold['ours_s']:.2f} vs {cold['bare_s']:.2f} s: {cold['ratio']:.2f}×",
            _target(cold["ratio"] <= 1.5, "≤ 1.5×"),
        )
    )
    story_map_ms, marked = _marked_query_latencies(index_dir, query_runs)
    rows.append(
        (
            "story id → document number map, read once per index generation (for the marks)",
            f"{story_map_ms:.0f} ms",
            "",
        )
    )
    for name, timing in marked.items():
        rows.append(
            (
                f"query `{MARKED_QUERIES[name]}` ({name}, {timing['total']:,} hits; 10% of the "
                "stories read, 1% starred): page of 50 and count, a mark changed before each / "
                "repeated, p50, p95",
                f"{timing['new_p50']:.1f}, {timing['new_p95']:.1f} / "
                f"{timing['repeated_p50']:.1f}, {timing['repeated_p95']:.1f} ms",
                _target(timing["new_p95"] <= 25, "p95 ≤ 25 ms"),
            )
        )

    every = list(latencies.values())
    worst = max(v["new_p95"] for v in every)
    rows.append(
        (
            "all queries, new: median of p50s / worst p95",
            f"{statistics.median(v['new_p50'] for v in every):.1f} / {worst:.1f} ms",
            _target(worst <= 25, "p95 ≤ 25 ms"),
        )
    )
    if bare_latencies:
        rows.append(
            (
                "all queries, bare Whoosh (same queries, default analyzer): p50s / worst p95",
                f"{statistics.median(v[0] for v in bare_latencies.values()):.1f} / "
                f"{max(v[1] for v in bare_latencies.values()):.1f} ms",
                "",
            )
        )

    from benchmarks.explore import explore_rows

    rows += explore_rows(index_dir, query_runs)

    from benchmarks.reader import measure

    reading = measure(archive, index_dir)
    rows += [
        (
            "reader cold start: first screen painted",
            f"{reading['cold_screen_s']:.2f} s",
            _target(reading["cold_screen_s"] <= 1.0, "≤ 1.0 s"),
        ),
        (
            "reader cold start: first page of stories painted",
            f"{reading['cold_stories_s']:.2f} s",
            _target(reading["cold_stories_s"] <= 1.0, "≤ 1.0 s"),
        ),
        (
            f"keystroke → results painted, p50 / p95 ({reading['keystrokes']} keystrokes; "
            f"includes the reader's {reading['typing_pause_ms']:.0f} ms typing pause)",
            f"{reading['keystroke_p50_ms']:.0f} / {reading['keystroke_p95_ms']:.0f} ms",
            _target(reading["keystroke_p95_ms"] <= 100, "p95 ≤ 100 ms"),
        ),
        (
            f"article open → painted, p50 / p95 ({reading['articles_opened']} stories, opened "
            f"with Enter; the reader waited for a CPU {reading['waiting_for_cpu_share']:.0%} "
            "of the time of its keystrokes and opens: the machine's load)",
            f"{reading['article_open_p50_ms']:.0f} / {reading['article_open_p95_ms']:.0f} ms",
            _target(reading["article_open_p95_ms"] <= 50, "≤ 50 ms"),
        ),
        (
            "reader peak RSS (after the typing and the articles); of it at the end, private "
            "/ pages of the memory-mapped index",
            f"{reading['peak_rss_mb']:.0f} MB; {reading['private_mb']:.0f} / "
            f"{reading['file_backed_mb']:.0f} MB",
            _target(reading["peak_rss_mb"] <= 250, "≤ 250 MB"),
        ),
    ]
    return rows


def build_rows(ours: dict, bare: dict) -> list[tuple[str, str, str]]:
    """The build against stock Whoosh's fastest build of the same text, and where its time went.

    The stages are summed over the build's processes; each one's share of that sum, applied to
    the build's wall time, is what it costs the build (extraction against the baseline so)."""
    ratio = ours["seconds"] / bare["seconds"]
    stages = ours["stage_seconds"]
    summed = sum(stages.values()) or 1.0
    extraction = ours["seconds"] * stages.get(EXTRACT_STAGE, 0.0) / summed
    breakdown = "; ".join(
        f"{stage} {stages.get(stage, 0.0):.1f} s ({100 * stages.get(stage, 0.0) / summed:.0f}%)"
        for stage in BUILD_STAGES
    )
    processes = ours["processes"]
    return [
        ("full index build (parse + entities + Whoosh)", f"{ours['seconds']:.1f} s", ""),
        (
            f"stock Whoosh, same text fields and analyzers, {processes} processes, "
            "multisegment (no final merge), no entities",
            f"{bare['seconds']:.1f} s",
            "",
        ),
        ("ratio ours / stock Whoosh", f"{ratio:.2f}×", _target(ratio <= 2.0, "≤ 2.0×")),
        (
            "entity extraction alone / stock Whoosh (its share of the build's wall time)",
            f"{extraction:.1f} s = {extraction / bare['seconds']:.2f}×",
            _target(extraction / bare["seconds"] <= 0.6, "≤ 0.6×"),
        ),
        (f"where the build's time goes (seconds summed over {processes} processes)", breakdown, ""),
        ("peak RSS while indexing (largest process)", f"{ours['peak_rss_mb']:.0f} MB", ""),
    ]


def _target(met: bool, target: str) -> str:
    return f"{target}: {'met' if met else '**missed**'}"


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def _child(step: str, archive: Path, index_dir: Path) -> dict:
    """Run one step in a fresh process; returns its timing and the peak RSS of its processes."""
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.steps", step, str(archive), str(index_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
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


def _percentiles(samples: list[float]) -> tuple[float, float]:
    samples = sorted(samples)
    p95 = samples[min(len(samples) - 1, round(0.95 * (len(samples) - 1)))]
    return statistics.median(samples), p95


def _query_latencies(index_dir: Path, runs: int) -> dict[str, dict[str, float]]:
    """Each query through the reader's API: as if new (what was kept from queries dropped),
    and repeated (kept: paging, a sort toggle, a second word typed after the first)."""
    from index.whoosh.search import ArchiveIndex

    archive_index = ArchiveIndex.open(index_dir)
    archive_index.search("")  # what is worked out once per searcher (date order, lengths)
    latencies = {}
    for name, text in QUERIES.items():
        total = archive_index.search(text).total
        new, repeated, facets = [], [], []
        for _ in range(runs):
            archive_index.forget_queries()
            started = time.perf_counter()
            archive_index.search(text, page_size=50)
            new.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            archive_index.search(text, page_size=50)
            repeated.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            archive_index.facets(text)
            facets.append((time.perf_counter() - started) * 1000)
        new_p50, new_p95 = _percentiles(new)
        repeated_p50, repeated_p95 = _percentiles(repeated)
        latencies[name] = {
            "total": total,
            "new_p50": new_p50,
            "new_p95": new_p95,
            "repeated_p50": repeated_p50,
            "repeated_p95": repeated_p95,
            "facets": statistics.median(facets),
        }
    archive_index.close()
    return latencies


def _marked_query_latencies(
    index_dir: Path, runs: int
) -> tuple[float, dict[str, dict[str, float]]]:
    """How long the id map of the marks takes to read, and each marked query as the reader runs
    it (a page of 50, then the count for the header): "new" just after a mark changed (the
    marked stories looked up again, nothing kept from the query), "repeated" when nothing did."""
    from index.whoosh.search import ArchiveIndex

    probe = ArchiveIndex.open(index_dir)
    started = time.perf_counter()
    ids = probe.story_ids("")  # the first call reads the map
    story_map_ms = (time.perf_counter() - started) * 1000
    probe.close()
    marks = BenchMarks(ids)
    archive_index = ArchiveIndex.open(index_dir, marks=marks)
    archive_index.search("")  # what is worked out once per searcher (date order, the id map)
    latencies = {}
    for name, text in MARKED_QUERIES.items():
        new, repeated = [], []
        for _ in range(runs):
            marks.read_one_more()
            archive_index.forget_queries()
            started = time.perf_counter()
            archive_index.search(text, page_size=50)
            archive_index.count(text)
            new.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            archive_index.search(text, page_size=50)
            archive_index.count(text)
            repeated.append((time.perf_counter() - started) * 1000)
        new_p50, new_p95 = _percentiles(new)
        repeated_p50, repeated_p95 = _percentiles(repeated)
        latencies[name] = {
            "total": archive_index.count(text),
            "new_p50": new_p50,
            "new_p95": new_p95,
            "repeated_p50": repeated_p50,
            "repeated_p95": repeated_p95,
        }
    archive_index.close()
    return story_map_ms, latencies


def _bare_query_latencies(bare_dir: Path, runs: int) -> dict[str, tuple[float, float]]:
    """Stock Whoosh on the bare index: `search_page` for a page of 50, stored fields read."""
    from whoosh import index as whoosh_index
    from whoosh import qparser

    if not whoosh_index.exists_in(str(bare_dir)):
        return {}
    ix = whoosh_index.open_dir(str(bare_dir))
    parser = qparser.MultifieldParser(["title", "body"], ix.schema, group=qparser.AndGroup)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    latencies = {}
    with ix.searcher() as searcher:
        for name, text in QUERIES.items():
            if ":" in text:
                continue  # the bare schema has no entity or date fields
            query = parser.parse(text)
            samples = []
            for _ in range(runs + 1):
                started = time.perf_counter()
                page = searcher.search_page(query, 1, pagelen=50)
                _ = [hit.fields() for hit in page]
                samples.append((time.perf_counter() - started) * 1000)
            latencies[name] = _percentiles(samples[1:])
    ix.close()
    return latencies


def results_section(
    size: int, rows: list[tuple[str, str, str]], load_before: str, load_after: str
) -> str:
    machine = (
        f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, whoosh {version('whoosh')}, "
        f"numpy {version('numpy')}, textual {version('textual')}, rich {version('rich')}"
    )
    lines = [
        f"## {size:,} articles",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine}.",
        f"Scale corpus: Reuters-21578 repeated to {size:,} articles (`make bench`; this size "
        f"alone: `python -m benchmarks.run --size {size}`).",
        f"Load average (1, 5, 15 min) at the start: {load_before}; at the end: {load_after} "
        "(other sessions share the machine: compare rows of the same run).",
        "",
        "| measure | result | target |",
        "| --- | --- | --- |",
        *(f"| {name} | {value} | {target} |" for name, value, target in rows),
    ]
    return "\n".join(lines)


def write_results(section: str, results: Path = RESULTS, notes: Path = NOTES) -> None:
    """Put one size's `section` into `results`, replacing that size's and keeping the others',
    smallest size first, then the other benchmarks' own sections as they were, then the notes."""
    old_text = results.read_text(encoding="utf-8") if results.is_file() else ""
    sections = {
        _size_of(match.group(0)): match.group(0).strip() for match in SECTION.finditer(old_text)
    }
    sections[_size_of(section)] = section.strip()
    parts = [
        "# Benchmark results",
        "`make bench` measures each archive size below; `python -m benchmarks.run --size N` one "
        "size, replacing only its section. Each target is judged per size.",
        *(sections[size] for size in sorted(sections)),
    ]
    for heading in OWN_SECTIONS:
        if kept := section_pattern(heading).search(old_text):
            parts.append(kept.group(0).strip())
    if notes.is_file():
        parts.append(notes.read_text(encoding="utf-8").strip())
    results.write_text("\n\n".join(parts) + "\n", encoding="utf-8")


def _size_of(section: str) -> int:
    match = SECTION.match(section)
    assert match is not None, "a section starts with its size's heading"
    return int(match.group(1).replace(",", ""))


if __name__ == "__main__":
    main()
