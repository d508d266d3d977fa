"""Reader measures: cold start, keystroke -> results painted, article open, memory.

    python -m benchmarks.reader ARCHIVE INDEX_DIR            # all of them, one JSON line
    python -m benchmarks.reader --first-paint ARCHIVE INDEX_DIR

The real `NewsReaderApp` runs headless under `App.run_test()` (Textual's Pilot) on an existing,
up-to-date index. A key is sent as the terminal driver sends it; "painted" means the widget
shows the new state, every widget has handled its pending messages and the screen's update has
run (`pilot.pause(0)`), the moment a real terminal would be written to.

`--pilot-press` types with `Pilot.press` and ends each wait with `pilot.pause()` instead, as
the first version of this module did: both wait until the whole process has used under 1 ms of
CPU in a 20 ms sleep (Textual's `wait_for_idle`), which adds that wait to every keystroke, and
more while any thread works. Its numbers are comparable with the results before the change.

A keystroke's clock stops when the result list holds the results of the text typed so far
(`results_shown_for`), not when the search bar shows the text: the bar shows it before the
search has even started.

Cold start is measured from outside: a fresh interpreter is started (`--first-paint`), and the
clock stops when it reports the first screen and then the first page of stories on screen.
Peak RSS is the reader process's own, after the typing and article runs. How long the reader
waited for a CPU taken by other work (`waiting_for_cpu_share`) tells the load apart from the
reader's own speed: at a load of 4-8 on two cores its times are two to three times the quiet
machine's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

TERMINAL_SIZE = (160, 48)
# Typed a character at a time; each prefix is a search the reader runs.
TYPED_QUERIES = ("oil prices", "bank rates", "japan trade", "coffee", "said")
# Stories opened one after another from the results of each of these queries: 60 opens, so that
# the p95 is not one sample (one pass of Python's collector, 20-40 ms here, decided a p95 of 20).
OPENED_FROM = ("oil prices", "bank rates", "said")
ARTICLES_OPENED_PER_QUERY = 20
POLL_SECONDS = 0.002


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


async def _wait_until(pilot, condition, timeout: float = 60.0, idle: bool = False) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the reader did not get there in time")
        await pilot.pause(POLL_SECONDS)
    await pilot.pause(None if idle else 0)


async def _press(pilot, key: str, pilot_press: bool) -> None:  # type: ignore[no-untyped-def]
    """Type one printable character or Enter ("\r"), as the terminal driver delivers it (or
    with Pilot.press)."""
    from textual import events

    name = {" ": "space", "\r": "enter"}.get(key, key)
    if pilot_press:
        await pilot.press(name)
        return
    key_event = events.Key(name, key)
    key_event.set_sender(pilot.app)
    pilot.app._driver.send_message(key_event)


def _main_screen(app):  # type: ignore[no-untyped-def]
    from reader.screens.main import MainScreen

    return app.screen if isinstance(app.screen, MainScreen) else None


def _screen_shown(app) -> bool:  # type: ignore[no-untyped-def]
    """One of the reader's screens (main, indexing, notice) is composed."""
    return app.screen.__module__.startswith("reader.") and bool(app.screen.children)


def _stories_shown(app) -> bool:  # type: ignore[no-untyped-def]
    """The main screen is composed and its result list holds stories."""
    from textual.css.query import NoMatches

    screen = _main_screen(app)
    try:
        return screen is not None and bool(screen.results.hits)
    except NoMatches:  # pushed but not composed yet
        return False


def results_shown_for(screen, query: str) -> bool:  # type: ignore[no-untyped-def]
    """The result list holds the page of `query`: its search has run and its stories are in
    the list (the search bar shows the typed text before the search has even started)."""
    return screen.results.query_text == query


async def _interactive(
    archive: Path, index_dir: Path, pilot_press: bool = False
) -> dict[str, object]:
    from reader.app import NewsReaderApp
    from reader.screens.search_controller import TYPING_PAUSE_SECONDS
    from reader.settings import Settings

    app = NewsReaderApp(archive=archive, index_dir=index_dir, settings=Settings())
    run_started, waited_before = time.perf_counter(), _seconds_waiting_for_cpu()
    keystrokes: list[float] = []
    opens: list[float] = []
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        await _wait_until(pilot, lambda: _stories_shown(app))
        screen = _main_screen(app)
        for query in TYPED_QUERIES:
            screen.search_bar.set_query("")
            screen.search_bar.input.focus()
            screen.run_search(screen.search_state.search(""))
            await _wait_until(pilot, lambda: results_shown_for(screen, ""))
            await _workers_done(app)
            typed = ""
            for character in query:
                typed += character
                started = time.perf_counter()
                await _press(pilot, character, pilot_press)
                await _wait_until(
                    pilot, lambda wanted=typed: results_shown_for(screen, wanted), idle=pilot_press
                )
                keystrokes.append((time.perf_counter() - started) * 1000)
        for query in OPENED_FROM:
            screen.search_bar.input.focus()  # Enter left it in the story
            screen.search_bar.set_query(query)
            screen.run_search(screen.search_state.search(query))
            await _wait_until(pilot, lambda query=query: results_shown_for(screen, query))
            await _workers_done(app)
            opens += await _open_stories(pilot, screen, pilot_press)
        await _workers_done(app)
    waited = _seconds_waiting_for_cpu() - waited_before
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    memory = _memory_now()
    return {
        "waiting_for_cpu_share": waited / (time.perf_counter() - run_started),
        "private_mb": memory.get("RssAnon", 0) / 1024,
        "file_backed_mb": memory.get("RssFile", 0) / 1024,
        "keystrokes": len(keystrokes),
        "keystroke_p50_ms": statistics.median(keystrokes),
        "keystroke_p95_ms": _percentile(keystrokes, 0.95),
        "typing_pause_ms": TYPING_PAUSE_SECONDS * 1000,
        "pilot_press": pilot_press,
        "article_open_p50_ms": statistics.median(opens) if opens else None,
        "article_open_p95_ms": _percentile(opens, 0.95) if opens else None,
        "articles_opened": len(opens),
        "peak_rss_mb": peak_mb,
    }


async def _open_stories(pilot, screen, pilot_press: bool) -> list[float]:  # type: ignore[no-untyped-def]
    """Open the first stories of the result list one after another with Enter: ms until each
    is shown. A key, not a call: the reader runs the collector's full passes only when no key
    has come for a second, and so would run them in the middle of opens no user makes."""
    opens = []
    screen.results.focus()
    await pilot.pause()
    for number in range(min(ARTICLES_OPENED_PER_QUERY, len(screen.results.hits))):
        screen.results.focus()  # Enter moved it to the story
        screen.results.highlighted = number
        await pilot.pause(0)  # the cursor is painted on its own key, before Enter
        wanted_id = screen.results.hits[number].id
        started = time.perf_counter()
        await _press(pilot, "\r", pilot_press)
        await _wait_until(
            pilot,
            lambda wanted_id=wanted_id: screen.article_view.article_id == wanted_id,
            idle=pilot_press,
        )
        opens.append((time.perf_counter() - started) * 1000)
    return opens


async def _workers_done(app: App[None]) -> None:
    """Wait for the app's workers; one cancelled by a newer search is done too."""
    await asyncio.gather(*(worker.wait() for worker in app.workers), return_exceptions=True)


def _seconds_waiting_for_cpu() -> float:
    """How long the reader's main thread has been ready to run but waiting for a CPU taken by
    other work (Linux's schedstat; 0 elsewhere): the load, told apart from the reader's speed."""
    schedstat = Path("/proc/thread-self/schedstat")
    if not schedstat.is_file():
        return 0.0
    return int(schedstat.read_text().split()[1]) / 1e9


def _memory_now() -> dict[str, int]:
    """The process's resident memory now, in kB: private (RssAnon) and mapped files (RssFile).

    The index is memory-mapped: its pages count in RSS but are the page cache's, shared and
    given back under memory pressure.
    """
    status = Path("/proc/self/status")
    if not status.is_file():
        return {}
    fields = (line.split() for line in status.read_text().splitlines())
    return {parts[0].rstrip(":"): int(parts[1]) for parts in fields if parts[0].startswith("Rss")}


async def _first_paint(archive: Path, index_dir: Path) -> None:
    """Report (on stdout, at once) the first screen painted, then the first stories painted."""
    from reader.app import NewsReaderApp
    from reader.settings import Settings

    app = NewsReaderApp(archive=archive, index_dir=index_dir, settings=Settings())
    async with app.run_test(size=TERMINAL_SIZE) as pilot:
        # Not `pilot.pause()`: it waits for the whole process to be idle, and the reader checks
        # the archive for changes in a thread once the stories are shown.
        await _wait_until(pilot, lambda: _screen_shown(app))
        print("screen", flush=True)
        await _wait_until(pilot, lambda: _stories_shown(app))
        print("stories", flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_rss_mb": peak_mb}), flush=True)


def cold_start(archive: Path, index_dir: Path) -> dict[str, float]:
    """Seconds from starting a fresh interpreter to the first screen and the first stories."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.reader", "--first-paint", str(archive), str(index_dir)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    marks: dict[str, float] = {}
    for line in child.stdout:
        line = line.strip()
        if line in ("screen", "stories"):
            marks[line] = time.perf_counter() - started
        elif line.startswith("{"):
            marks["peak_rss_mb"] = json.loads(line)["peak_rss_mb"]
    if child.wait() != 0:
        raise RuntimeError("the reader failed to start")
    return marks


def measure(archive: Path, index_dir: Path, cold_runs: int = 3) -> dict[str, object]:
    """Everything, the interactive part in a fresh process of its own (its RSS is the reader's)."""
    starts = [cold_start(archive, index_dir) for _ in range(cold_runs)]
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.reader", str(archive), str(index_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    result["cold_screen_s"] = statistics.median(s["screen"] for s in starts)
    result["cold_stories_s"] = statistics.median(s["stories"] for s in starts)
    result["cold_start_rss_mb"] = max(s["peak_rss_mb"] for s in starts)
    return result


def main() -> None:
    from index.fastpath import enable

    enable()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--first-paint", action="store_true")
    parser.add_argument("--all", action="store_true", help="cold start and interactive")
    parser.add_argument("--pilot-press", action="store_true", help="type with Pilot.press")
    parser.add_argument("archive", type=Path)
    parser.add_argument("index_dir", type=Path)
    options = parser.parse_args()
    if options.first_paint:
        asyncio.run(_first_paint(options.archive, options.index_dir))
    elif options.all:
        print(json.dumps(measure(options.archive, options.index_dir)))
    else:
        print(
            json.dumps(
                asyncio.run(_interactive(options.archive, options.index_dir, options.pilot_press))
            )
        )


if __name__ == "__main__":
    main()
