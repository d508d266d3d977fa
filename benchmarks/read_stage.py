"""The build's "read + parse" stage alone, per file, and what its time is made of.

    python -m benchmarks.read_stage ARCHIVE [--every N]

Reads the archive's files (every Nth: a sample spread over the whole archive) with
`index.build.index_file`, as the build's workers do, but with no entity extraction and no Whoosh
write, twice in a row: as the files are (part of them may be in the page cache), then again
(cached). Each pass gives the stage's milliseconds a file as the build counts them (wall time),
of it the process's CPU time, its wait on a run queue for a core (Linux schedstat: a read from
disk sleeps, and under load the process then waits for a core again), the voluntary context
switches a file (one for each file read from disk), and the machine's time stalled on I/O
(pressure stall information). The share of the files in the page cache before each pass is
measured with `fincore` (util-linux), when it is installed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from articles.archive import SourceFile, scan_archive
from articles.model import Article, Entities
from index.api import READ_STAGE, FileJob
from index.build import index_file

# Files per `fincore` call: the command line stays short.
_FINCORE_BATCH = 2000


class _NoNames:
    """An extractor that finds nothing: the stage is timed without extraction."""

    name = "none"

    def extract(self, title: str, body: str) -> Entities:
        return Entities()


def _ignore(article: Article, entities: Entities) -> None:
    """Adds nothing: the stage is timed without Whoosh."""


def measure(archive: Path, every: int = 1) -> dict[str, object]:
    """The scan of `archive` and two passes of the read stage over every `every`th file."""
    started = time.perf_counter()
    files = scan_archive(archive).files
    figures: dict[str, object] = {
        "archive": str(archive),
        "files": len(files),
        "scan_s": time.perf_counter() - started,
    }
    sample = files[::every]
    figures["sampled_files"] = len(sample)
    for name in ("first_pass", "second_pass"):
        figures[name] = {"cached_share": cached_share(sample), **read_pass(sample)}
    return figures


def read_pass(sources: Sequence[SourceFile]) -> dict[str, float]:
    """One pass of the read stage over `sources`, per file."""
    extractor = _NoNames()
    waited_before, switches_before = _scheduling()
    stalled_before = _io_stalled_s()
    cpu_before = time.process_time()
    stage_s = 0.0
    stories = 0
    for source in sources:
        result = index_file(FileJob(source), extractor, _ignore)
        stage_s += result.stage_seconds.get(READ_STAGE, 0.0)
        stories += result.article_count
    count = max(1, len(sources))
    waited, switches = _scheduling()
    figures = {
        "stories": stories,
        "ms_per_file": 1000 * stage_s / count,
        "cpu_ms_per_file": 1000 * (time.process_time() - cpu_before) / count,
        "load_average": os.getloadavg()[0],
    }
    if waited is not None and waited_before is not None:
        figures["run_queue_ms_per_file"] = 1000 * (waited - waited_before) / count
    if switches is not None and switches_before is not None:
        figures["sleeps_per_file"] = (switches - switches_before) / count
    stalled = _io_stalled_s()
    if stalled is not None and stalled_before is not None:
        figures["machine_io_stall_ms_per_file"] = 1000 * (stalled - stalled_before) / count
    return figures


def cached_share(sources: Sequence[SourceFile]) -> float | None:
    """The share of `sources` with their first page in the page cache (None without fincore)."""
    if not sources or not shutil.which("fincore"):
        return None
    cached = 0
    for start in range(0, len(sources), _FINCORE_BATCH):
        batch = [str(source.absolute) for source in sources[start : start + _FINCORE_BATCH]]
        listing = subprocess.run(
            ["fincore", "--noheadings", "--raw", "--output", "PAGES", *batch],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        cached += sum(1 for pages in listing.split() if pages != "0")
    return cached / len(sources)


def _scheduling() -> tuple[float | None, int | None]:
    """This process's seconds waited on a run queue and its voluntary context switches so far
    (None where Linux does not say)."""
    try:
        waited = int(Path("/proc/self/schedstat").read_text().split()[1]) / 1e9
        status = Path("/proc/self/status").read_text()
    except (OSError, IndexError, ValueError):
        return None, None
    switches = next(
        (
            int(line.split(":")[1])
            for line in status.splitlines()
            if line.startswith("voluntary_ctxt_switches:")
        ),
        None,
    )
    return waited, switches


def _io_stalled_s() -> float | None:
    """The seconds the machine has had a task stalled on I/O since it started (Linux PSI)."""
    try:
        first_line = Path("/proc/pressure/io").read_text().splitlines()[0]
        return int(first_line.split("total=")[1]) / 1e6
    except (OSError, IndexError, ValueError):
        return None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("archive", type=Path)
    parser.add_argument("--every", type=int, default=1, help="read every Nth file (default 1)")
    options = parser.parse_args()
    if not options.archive.is_dir():
        parser.error(f"no archive folder at {options.archive}")
    print(json.dumps(measure(options.archive, max(1, options.every)), indent=2))


if __name__ == "__main__":
    main()
