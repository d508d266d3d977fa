"""`make bench-scale`: how the costs grow with the archive, at 10,000, 100,000 and 1,000,000
stories.

    python -m benchmarks.scale [--size 10000 --size 100000] [--query-runs 20] [--again]

Each size gets its archive (`benchmarks.scale_corpus.mixed_archive`: Reuters, BBC News and
Wikinews stories mixed, repeated with shifted dates and rotated paragraphs) and its index in
`benchmarks/data/`, and is measured in turn: the build (in a child process, as `make bench`
does), the index's size on disk, the query mix of `make bench` (a new query's latency, and the
facets of each), and the reader (cold start to the first stories, peak RSS at start-up and after
its typing run of 49 searches and 60 opened stories, keystroke-to-paint). Each size's figures
are kept in `benchmarks/data/scale-SIZE.json`, and a size measured before is not measured again
(without `--again`), nor a step of it (build, queries, reader): a long run stopped part-way goes
on from where it was. The table of every size measured so far replaces the "Cost curve" section
of RESULTS.md, and the curves are drawn in benchmarks/scale.png.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
from pathlib import Path

from benchmarks.results_file import RESULTS, machine, write_section
from benchmarks.run import _child, _query_latencies
from benchmarks.scale_corpus import DATA, mixed_archive

SIZES = (10_000, 100_000, 1_000_000)
PLOT = Path(__file__).resolve().parent / "scale.png"
HEADING = "## Cost curve"
# What each size's figures are called in the table and the plot, with their unit.
MEASURES = {
    "build_s": "full build (s)",
    "build_peak_rss_mb": "peak RSS while building (MB)",
    "index_mb": "index on disk (MB)",
    "query_p50_ms": "new query p50, median of the mix (ms)",
    "query_p95_ms": "new query p95, worst of the mix (ms)",
    "facets_ms": "facets of a query, worst of the mix (ms)",
    "reader_open_s": "reader: start to first stories (s)",
    "reader_start_rss_mb": "reader peak RSS at start-up (MB)",
    "reader_rss_mb": "reader peak RSS after 49 searches (MB)",
    "keystroke_p95_ms": "keystroke to results painted, p95 (ms)",
}


def label(size: int) -> str:
    return f"{size // 1_000_000}m" if size >= 1_000_000 else f"{size // 1000}k"


def measure(size: int, query_runs: int, kept: Path) -> dict[str, float]:
    """Every figure of one size, each step's kept in `kept` as soon as it is measured: a run
    stopped part-way skips the steps done (the 1M build takes the better part of an hour)."""
    from benchmarks.reader import measure as measure_reader

    figures = json.loads(kept.read_text(encoding="utf-8")) if kept.is_file() else {"size": size}
    archive = mixed_archive(size, DATA / f"mixed-{label(size)}")
    index_dir = DATA / f"scale-index-{label(size)}"
    if "build_s" not in figures:
        build = _child("build", archive, index_dir)
        figures["build_s"] = build["seconds"]
        figures["build_peak_rss_mb"] = build["peak_rss_mb"]
        figures["index_mb"] = sum(path.stat().st_size for path in index_dir.iterdir()) / 2**20
        _keep(figures, kept)
    if "query_p50_ms" not in figures:
        latencies = _query_latencies(index_dir, query_runs).values()
        figures["query_p50_ms"] = statistics.median(timing["new_p50"] for timing in latencies)
        figures["query_p95_ms"] = max(timing["new_p95"] for timing in latencies)
        figures["facets_ms"] = max(timing["facets"] for timing in latencies)
        _keep(figures, kept)
    if "reader_rss_mb" not in figures:
        reader = measure_reader(archive, index_dir)
        figures["reader_open_s"] = reader["cold_stories_s"]
        figures["reader_start_rss_mb"] = reader["cold_start_rss_mb"]
        figures["reader_rss_mb"] = reader["peak_rss_mb"]
        figures["keystroke_p95_ms"] = reader["keystroke_p95_ms"]
        figures["load_average"] = round(os.getloadavg()[0], 2)
        _keep(figures, kept)
    return figures


def _keep(figures: dict[str, float], kept: Path) -> None:
    kept.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    print(json.dumps(figures), flush=True)


def growth(figures: list[dict[str, float]], key: str) -> str:
    """How a cost grows from the smallest size measured to the largest: the exponent k of
    size^k (1 is linear; n log n over 10k to 1M is about 1.1)."""
    if len(figures) < 2:
        return ""
    first, last = figures[0], figures[-1]
    if first[key] <= 0 or last[key] <= 0:
        return ""
    exponent = math.log(last[key] / first[key]) / math.log(last["size"] / first["size"])
    kind = "flat" if exponent < 0.2 else "sublinear" if exponent < 0.85 else "linear"
    if exponent > 1.15:
        kind = "**faster than linear**"
    return f"n^{exponent:.2f}: {kind}"


def section(figures: list[dict[str, float]]) -> str:
    sizes = [f"{int(f['size']):,}" for f in figures]
    lines = [
        HEADING,
        "",
        f"`make bench-scale` on {machine()}; load average (1 min) when each size was measured: "
        + ", ".join(f"{s}: {f['load_average']}" for s, f in zip(sizes, figures, strict=True))
        + ". Plot: `benchmarks/scale.png`.",
        "Archive: Reuters-21578, BBC News and Wikinews stories mixed in one shuffled order "
        "(21,203 stories), repeated until the size is reached; each repetition is dated 97 days "
        "after the one before (undated BBC stories are spread over 2005) and has its paragraphs "
        "rotated by one more, and every file has its own id, so copies differ in their dates, "
        "first lines and phrases.",
        "",
        f"| measure | {' | '.join(sizes)} | growth |",
        "| --- | " + "--- | " * len(sizes) + "--- |",
    ]
    for key, name in MEASURES.items():
        values = " | ".join(_figure(f[key]) for f in figures)
        lines.append(f"| {name} | {values} | {growth(figures, key)} |")
    lines += [
        "",
        "Every figure is the whole machine's: at a load average above its 2 cores each one is "
        "slowed by the other work (and the build runs under `nice -n 10`), so compare sizes "
        "measured at like loads. Growth is the exponent from the smallest size to the largest "
        "(n log n from 10,000 to 1,000,000 is about n^1.09).",
    ]
    if len(figures) >= 2 and figures[-1]["size"] < SIZES[-1]:
        lines.append(
            f"The {SIZES[-1]:,}-story build, at the build's growth from "
            f"{int(figures[-2]['size']):,} to {int(figures[-1]['size']):,}: about "
            f"{extrapolated(figures[-2:], 'build_s', SIZES[-1]) / 60:.0f} minutes at these loads."
        )
    return "\n".join(lines)


def extrapolated(figures: list[dict[str, float]], key: str, size: int) -> float:
    """The figure at `size`, following the growth between the two sizes measured."""
    first, last = figures
    exponent = math.log(last[key] / first[key]) / math.log(last["size"] / first["size"])
    return last[key] * (size / last["size"]) ** exponent


def _figure(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.2f}" if value < 10 else f"{value:.1f}"


def plot(figures: list[dict[str, float]], path: Path = PLOT) -> None:
    """Each measure against the size, on log-log axes, beside a line of slope 1 (linear)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot

    sizes = [f["size"] for f in figures]
    columns = 5
    rows = math.ceil(len(MEASURES) / columns)
    figure, axes = pyplot.subplots(rows, columns, figsize=(4 * columns, 3.4 * rows))
    for axis, (key, name) in zip(axes.flat, MEASURES.items(), strict=True):
        values = [f[key] for f in figures]
        axis.loglog(sizes, values, "o-", label="measured")
        axis.loglog(
            sizes,
            [values[0] * size / sizes[0] for size in sizes],
            ":",
            label="linear",
            color="gray",
        )
        axis.set_title(name, fontsize=9)
        axis.set_xlabel("stories", fontsize=8)
        axis.tick_params(labelsize=7)
    axes.flat[0].legend(fontsize=7)
    figure.suptitle("newsreader: cost against archive size (log-log)")
    figure.tight_layout()
    figure.savefig(path, dpi=80)
    pyplot.close(figure)


def main() -> None:
    from index.fastpath import enable

    enable()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--size",
        type=int,
        action="append",
        help=f"stories; repeat for more (default: {', '.join(map(str, SIZES))})",
    )
    parser.add_argument("--query-runs", type=int, default=20)
    parser.add_argument(
        "--again", action="store_true", help="measure again the sizes measured before"
    )
    options = parser.parse_args()
    for size in options.size or SIZES:
        kept = DATA / f"scale-{label(size)}.json"
        if options.again:
            kept.unlink(missing_ok=True)
        measure(size, options.query_runs, kept)
    measured = sorted(
        (json.loads(path.read_text(encoding="utf-8")) for path in DATA.glob("scale-*.json")),
        key=lambda figures: figures["size"],
    )
    write_section(section(measured))
    plot(measured)
    print(RESULTS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
