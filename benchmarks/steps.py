"""One benchmark step in its own process: `python -m benchmarks.steps STEP ARCHIVE INDEX_DIR`.

Prints one JSON line with the seconds it took and the peak RSS of its largest process.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path


def build(archive: Path, index_dir: Path) -> dict[str, object]:
    """A build from scratch, with where its time went."""
    from index.api import update_index

    report = update_index(archive, index_dir, rebuild=True)
    return {"stage_seconds": report.stage_seconds, "processes": _processes()}


def update(archive: Path, index_dir: Path) -> None:
    from index.api import update_index

    update_index(archive, index_dir)


def bare(archive: Path, index_dir: Path) -> None:
    """The fastest build stock Whoosh can do of the same text fields: the project's analyzers
    made of Whoosh's own filters, what the project stores and sorts by, every core writing a
    segment of its own (`multisegment`: no final merge). No entities: they are what the
    project adds, and the breakdown of its build says what they cost."""
    from whoosh import analysis, fields
    from whoosh import index as whoosh_index

    from benchmarks.scale_corpus import archive_articles
    from index.api import text_hash
    from index.whoosh.schema import author_analyzer, name_analyzer
    from index.whoosh.writer import WRITER_MEMORY_MB

    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    text = name_analyzer() | analysis.StopFilter() | analysis.StemFilter()
    schema = fields.Schema(
        id=fields.ID(unique=True, stored=True, sortable=True),
        text_hash=fields.ID(stored=True, sortable=True),
        path=fields.ID(stored=True),
        title=fields.TEXT(analyzer=text, stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=text, stored=True),
        author=fields.TEXT(analyzer=author_analyzer(), stored=True),
        date=fields.DATETIME(stored=True, sortable=True),
    )
    ix = whoosh_index.create_in(str(index_dir), schema)
    procs = _processes()
    writer = ix.writer(procs=procs, multisegment=True, limitmb=WRITER_MEMORY_MB // procs)
    for article_id, day, title, body in archive_articles(archive):
        writer.add_document(
            id=article_id,
            text_hash=text_hash(title, body),
            path=article_id,
            title=title,
            body=body,
            date=datetime.fromisoformat(day),
        )
    writer.commit()


def _processes() -> int:
    from index.whoosh.writer import MAX_PROCESSES

    return min(os.cpu_count() or 1, MAX_PROCESSES)


STEPS = {"build": build, "update": update, "bare": bare}

if __name__ == "__main__":
    step, archive, index_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if step != "bare":  # the baseline is stock Whoosh
        from index.fastpath import enable

        enable()
    started = time.perf_counter()
    details = STEPS[step](archive, index_dir) or {}
    seconds = time.perf_counter() - started
    # This process's and its workers' (the largest one's), not those of earlier steps.
    peak_kb = max(
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(json.dumps({"step": step, "seconds": seconds, "peak_rss_mb": peak_kb / 1024, **details}))
