"""`make bench-extract`: how much of each article's text the full-text extraction finds.

    python -m benchmarks.extract [--shared DIR] [--no-write]

Runs the extractor the feed fetcher uses (`articles.feeds.fulltext.extract_article`,
trafilatura) on the saved pages of `../shared/html/` and scores the text against the reference
answer of each page: the human-annotated `articleBody` of the Zyte extraction benchmark set, and
the text of Mozilla Readability's `expected.html`. The score is token-level: precision, recall and
F1 of the bag of lower-cased word tokens (each token counted as often as it occurs). A page where
nothing is extracted (the fetcher then keeps the feed's own text) scores 0. Prints a table per
set and the median F1, and replaces the "Full-text extraction" section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import lxml.html

from articles.feeds.fulltext import extract_article
from benchmarks.results_file import machine, write_section

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SECTION_HEADING = "## Full-text extraction"
GOAL = 0.90  # median F1 on the extraction benchmark set
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class PageScore:
    name: str
    precision: float
    recall: float
    seconds: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text.lower()))


def score(extracted: str, truth: str) -> tuple[float, float]:
    """Token-level precision and recall of `extracted` against `truth`."""
    found, expected = tokens(extracted), tokens(truth)
    common = sum((found & expected).values())
    precision = common / sum(found.values()) if found else 0.0
    recall = common / sum(expected.values()) if expected else 0.0
    return precision, recall


def score_page(name: str, html: bytes, url: str | None, truth: str) -> PageScore:
    started = time.perf_counter()
    article = extract_article(html, url)
    seconds = time.perf_counter() - started
    precision, recall = score(article.text if article else "", truth)
    return PageScore(name, precision, recall, seconds)


def benchmark_set(shared: Path) -> list[PageScore]:
    folder = shared / "html" / "extraction-benchmark"
    lines = (folder / "ground-truth.jsonl").read_text(encoding="utf-8").splitlines()
    pages = [json.loads(line) for line in lines if line.strip()]
    return [
        score_page(
            page["file"][:16],
            (folder / page["file"]).read_bytes(),
            page["url"],
            page["articleBody"],
        )
        for page in pages
    ]


def readability_set(shared: Path) -> list[PageScore]:
    folder = shared / "html" / "readability"
    return [
        score_page(
            page.name,
            (page / "source.html").read_bytes(),
            None,
            lxml.html.fromstring((page / "expected.html").read_bytes()).text_content(),
        )
        for page in sorted(folder.iterdir())
        if (page / "source.html").is_file()
    ]


def table(scores: list[PageScore]) -> list[str]:
    lines = ["| page | precision | recall | F1 | seconds |", "| --- | --- | --- | --- | --- |"]
    lines += [
        f"| {page.name} | {page.precision:.3f} | {page.recall:.3f} | {page.f1:.3f} | "
        f"{page.seconds:.2f} |"
        for page in scores
    ]
    return lines


def median_f1(scores: list[PageScore]) -> float:
    return statistics.median(page.f1 for page in scores)


def results_section(benchmark: list[PageScore], readability: list[PageScore]) -> str:
    setup = f"{machine()}, trafilatura {version('trafilatura')}"
    met = "met" if median_f1(benchmark) >= GOAL else "**missed**"
    return "\n".join(
        [
            SECTION_HEADING,
            "",
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {setup}, with `make bench-extract`",
            "(`python -m benchmarks.extract`). Token-level precision, recall and F1 (bags of",
            "lower-cased word tokens) of the text `articles.feeds.fulltext` extracts, against",
            "each page's reference text in `../shared/html/`; a page where no article is found",
            "(the fetcher keeps the feed's own text) scores 0.",
            "",
            f"- extraction benchmark set (Zyte, {len(benchmark)} pages, human-annotated bodies):"
            f" median F1 **{median_f1(benchmark):.3f}** (goal ≥ {GOAL:.2f}: {met}), lowest"
            f" {min(page.f1 for page in benchmark):.3f}",
            f"- Readability set ({len(readability)} pages, Readability.js's output as reference):"
            f" median F1 **{median_f1(readability):.3f}**, lowest"
            f" {min(page.f1 for page in readability):.3f}",
            "",
            "Extraction benchmark set, by page (file name prefix):",
            "",
            *table(benchmark),
            "",
            "Readability set, by page:",
            "",
            *table(readability),
        ]
    )


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extract", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    parser.add_argument("--no-write", action="store_true", help="print only, leave RESULTS.md")
    options = parser.parse_args(arguments)
    if not (options.shared / "html").is_dir():
        print(f"{options.shared / 'html'}: not found (the pages to score)", file=sys.stderr)
        return 2
    benchmark = benchmark_set(options.shared)
    readability = readability_set(options.shared)
    section = results_section(benchmark, readability)
    print(section)
    if not options.no_write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
