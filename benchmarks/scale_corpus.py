"""The scale corpora, written as archives: Reuters-21578 stories repeated with distinct ids
(`make bench`), and for the cost curve (`make bench-scale`) Reuters, BBC News and Wikinews
stories mixed and repeated, each repetition with its dates shifted and its paragraphs rotated.

Read from `../shared/corpora/` at benchmark time; the archive goes to `benchmarks/data/` (ignored by
git). Files go 1,000 to a folder, in the archive's text format, with the byline glued on as real
scraped files have it.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REUTERS = SHARED / "corpora" / "reuters21578" / "articles.jsonl"
MIXED_CORPORA = ("reuters21578", "bbc", "wikinews")
# Each repetition of the mixed corpus is dated this much later than the one before; BBC stories,
# undated, are spread over the year they were published in.
REPETITION_SHIFT = timedelta(days=97)
BBC_YEAR = date(2005, 1, 1)
DATA = Path(__file__).resolve().parent / "data"
FILES_PER_FOLDER = 1000


def load_reuters() -> list[dict]:
    return _load(REUTERS)


def _load(path: Path) -> list[dict]:
    if not path.is_file():
        raise SystemExit(f"the corpus is not at {path}: benchmarks need ../shared")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def load_mixed() -> list[dict]:
    """Every story of the three corpora, in one fixed shuffled order, each dated."""
    records = []
    for corpus in MIXED_CORPORA:
        for number, record in enumerate(_load(SHARED / "corpora" / corpus / "articles.jsonl")):
            if not record.get("date"):
                record["date"] = (BBC_YEAR + timedelta(days=number % 365)).isoformat()
            records.append(record)
    random.Random(18).shuffle(records)
    return records


def repeated(record: dict, repetition: int) -> dict:
    """The `repetition`-th copy of a story (0 is the story itself): dated later, its paragraphs
    rotated, so that copies differ in their dates, their first lines and their phrases across
    paragraphs, and the index holds as many distinct positions and dates as a real archive."""
    paragraphs = record["body"].split("\n")
    turn = repetition % len(paragraphs)
    shifted = date.fromisoformat(record["date"][:10]) + repetition * REPETITION_SHIFT
    return {
        **record,
        "date": shifted.isoformat(),
        "body": "\n".join(paragraphs[turn:] + paragraphs[:turn]),
    }


def mixed_archive(size: int, root: Path) -> Path:
    """The mixed archive of `size` stories in `root`, written once and reused while it is
    complete; one cut short is written again from its start (files are overwritten)."""
    marker = root / ".complete"
    if marker.is_file():
        return root
    records = load_mixed()
    for number in range(size):
        repetition, which = divmod(number, len(records))
        record = repeated(records[which], repetition)
        folder = root / f"{number // FILES_PER_FOLDER:04d}"
        if number % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record['id']}-r{repetition:03d}-{number:07d}.txt").write_text(
            archive_text(record), encoding="utf-8"
        )
    marker.write_text(str(size))
    return root


def archive_text(record: dict) -> str:
    body = record["body"]
    if record.get("author"):
        body = f"By {record['author']}{body}"
    return f" date {record['date']} {record['title']}\n{body}\n"


def scale_archive(size: int) -> Path:
    """The archive of `size` articles, written once and reused while it is complete."""
    root = DATA / f"reuters-{size // 1000}k"
    marker = root / ".complete"
    if marker.is_file():
        return root
    records = load_reuters()
    for number in range(size):
        record = records[number % len(records)]
        folder = root / f"{number // FILES_PER_FOLDER:04d}"
        if number % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{record['id']}-{number:06d}.txt").write_text(
            archive_text(record), encoding="utf-8"
        )
    marker.write_text(str(size))
    return root


def archive_articles(root: Path) -> list[tuple[str, str, str, str]]:
    """(id, date, title, body) of every file, read back the same way for the bare-Whoosh
    baseline."""
    articles = []
    for path in sorted(root.rglob("*.txt")):
        first, _, body = path.read_text(encoding="utf-8").partition("\n")
        _, _, day, title = first.split(" ", 3)
        articles.append((path.relative_to(root).as_posix(), day, title, body))
    return articles
