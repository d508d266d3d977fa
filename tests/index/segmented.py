"""Small indexes written segment by segment, for tests of what spans segments and deletions."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from whoosh import index as whoosh_index

from index.fastpath import posting_arrays
from index.fastpath.term_pool import pooled_by_term
from index.whoosh.schema import build_schema
from index.whoosh.search import ArchiveIndex


def open_segmented_index(
    index_dir: Path,
    segments: Iterable[Iterable[dict[str, object]]],
    deleted_ids: Iterable[str] = (),
) -> ArchiveIndex:
    """An index with one unmerged segment per item of `segments` (that segment's documents),
    written as the index's builds write them (posting arrays included, of every term),
    `deleted_ids` then deleted, opened for searching."""
    ix = whoosh_index.create_in(str(index_dir), build_schema())
    # Every term in the arrays: few have a block's worth of postings in a small index.
    min_postings, posting_arrays.MIN_POSTINGS = posting_arrays.MIN_POSTINGS, 1
    try:
        for documents in segments:
            writer = pooled_by_term(ix.writer(), limitmb=64)
            for fields in documents:
                writer.add_document(**fields)
            writer.commit(merge=False)
    finally:
        posting_arrays.MIN_POSTINGS = min_postings
    deleted = list(deleted_ids)
    if deleted:
        writer = ix.writer()
        for doc_id in deleted:
            writer.delete_by_term("id", doc_id)
        writer.commit(merge=False)
    ix.close()
    return ArchiveIndex.open(Path(index_dir))
