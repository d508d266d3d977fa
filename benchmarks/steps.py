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
from pathlib import Path


def build(archive: Path, index_dir: Path) -> None:
    from index.api import update_index

    update_index(archive, index_dir, rebuild=True)


def update(archive: Path, index_dir: Path) -> None:
    from index.api import update_index

    update_index(archive, index_dir)


def bare(archive: Path, index_dir: Path) -> None:
    """Plain Whoosh: id/title/body, the default analyzer, the same multiprocess writer."""
    from whoosh import fields
    from whoosh import index as whoosh_index

    from benchmarks.scale_corpus import archive_articles
    from index.whoosh.writer import WRITER_MEMORY_MB

    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    schema = fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(stored=True),
        body=fields.TEXT(stored=True),
    )
    ix = whoosh_index.create_in(str(index_dir), schema)
    procs = min(os.cpu_count() or 1, 4)
    writer = ix.writer(procs=procs, limitmb=WRITER_MEMORY_MB // procs)
    for article_id, title, body in archive_articles(archive):
        writer.add_document(id=article_id, title=title, body=body)
    writer.commit()


STEPS = {"build": build, "update": update, "bare": bare}

if __name__ == "__main__":
    from index.fastpath import enable

    enable()
    step, archive, index_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    started = time.perf_counter()
    STEPS[step](archive, index_dir)
    seconds = time.perf_counter() - started
    # This process's and its workers' (the largest one's), not those of earlier steps.
    peak_kb = max(
        resource.getrusage(who).ru_maxrss
        for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    print(json.dumps({"step": step, "seconds": seconds, "peak_rss_mb": peak_kb / 1024}))
