"""A cold `newsreader search QUERY --json` against the bare-Whoosh script doing the same
(`benchmarks/bare_search.py`): each a fresh process, run in turn, so a drift in the machine's
speed touches both; the ratio is taken pair by pair."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_SCRIPT = Path(__file__).resolve().with_name("bare_search.py")
QUERY = "oil prices"


def cold_search(index_dir: Path, runs: int = 5) -> dict[str, float]:
    """Median seconds of each, and the median of the ratios ours / bare, after a warm-up of
    each (the index's pages in the page cache, as a user searching again has them)."""
    newsreader = Path(sys.executable).with_name("newsreader")
    ours = [str(newsreader), "search", QUERY, "--json", "--index-dir", str(index_dir)]
    bare = [sys.executable, str(BARE_SCRIPT), str(index_dir), QUERY]
    with tempfile.TemporaryDirectory() as home:
        # A library of its own: the user's is neither read nor changed. Bytecode is cached (at
        # the warm-up), as an installed package has it.
        environment = {
            **{key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"},
            "HOME": home,
            "XDG_DATA_HOME": f"{home}/data",
            "XDG_CONFIG_HOME": f"{home}/config",
            "XDG_CACHE_HOME": f"{home}/cache",
        }
        _seconds(ours, environment)
        _seconds(bare, environment)
        pairs = [(_seconds(ours, environment), _seconds(bare, environment)) for _ in range(runs)]
    return {
        "ours_s": statistics.median(pair[0] for pair in pairs),
        "bare_s": statistics.median(pair[1] for pair in pairs),
        "ratio": statistics.median(pair[0] / pair[1] for pair in pairs),
    }


def _seconds(command: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=environment)
    return time.perf_counter() - started
