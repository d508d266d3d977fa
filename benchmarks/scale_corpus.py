"""The scale corpus: Reuters-21578 stories repeated with distinct ids, written as an archive.

Read from `../shared/corpora/` at benchmark time; the archive goes to `benchmarks/data/` (ignored by
git). Files go 1,000 to a folder, in the archive's text format, with the byline glued on as real
scraped files have it.
"""

from __future__ import annotations

import json
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REUTERS = SHARED / "corpora" / "reuters21578" / "articles.jsonl"
DATA = Path(__file__).resolve().parent / "data"
FILES_PER_FOLDER = 1000


def load_reuters() -> list[dict]:
    if not REUTERS.is_file():
        raise SystemExit(f"the Reuters corpus is not at {REUTERS}: benchmarks need ../shared")
    with REUTERS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


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
