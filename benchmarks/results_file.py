"""benchmarks/RESULTS.md for the benchmarks that own one section of it, and the machine they ran on.

`make bench` (benchmarks/run.py) rewrites the file around its size sections and keeps the sections
named in `OWN_SECTIONS` as they are; each of those is replaced only by its own benchmark.
"""

from __future__ import annotations

import os
import platform
import re
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
OWN_SECTIONS = (
    "## Full-text extraction",
    "## Named entities on modern news",
    "## Top names on Wikinews",
    "## Cost curve",
)
NOTES_HEADING = "## How to read the numbers"


def section_pattern(heading: str) -> re.Pattern[str]:
    """The section under `heading`, up to the next `## ` heading or the end."""
    return re.compile(rf"^{re.escape(heading)}$.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)


def write_section(section: str, results: Path = RESULTS) -> None:
    """Replace the section of `results` headed by `section`'s first line, or add it before the
    notes (or at the end)."""
    heading = section.strip().split("\n", 1)[0]
    text = results.read_text(encoding="utf-8") if results.is_file() else "# Benchmark results\n"
    pattern = section_pattern(heading)
    if pattern.search(text):
        text = pattern.sub(lambda _: section.strip() + "\n\n", text, count=1)
    else:
        at = text.find(NOTES_HEADING)
        at = len(text) if at < 0 else at
        text = text[:at].rstrip() + "\n\n" + section.strip() + "\n\n" + text[at:]
    results.write_text(text.rstrip() + "\n", encoding="utf-8")


def machine() -> str:
    """Processor, cores, load, system and Python: what a figure in RESULTS.md was measured on."""
    return (
        f"{_processor()} ({platform.machine()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


def _processor() -> str:
    try:
        cpu_info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.processor() or "unknown processor"
    match = re.search(r"^model name\s*:\s*(.+)$", cpu_info, re.MULTILINE)
    return match.group(1).strip() if match else platform.processor() or "unknown processor"
