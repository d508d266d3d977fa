"""Every story of an open index by id and text hash (`index.whoosh.stories`), as the user's marks
read them."""

from __future__ import annotations

import numpy as np

from index.whoosh.search import ArchiveIndex
from index.whoosh.stories import StoryTable


def test_every_live_story_has_its_document_number(archive_index: ArchiveIndex) -> None:
    searcher = archive_index._searcher
    table = StoryTable(searcher)
    assert len(table.docnums) == archive_index.doc_count
    for story_id, docnum in table.docnums.items():
        assert searcher.document_number(id=story_id) == docnum


def test_a_marked_set_follows_what_changed_since_it_was_read(
    archive_index: ArchiveIndex,
) -> None:
    table = StoryTable(archive_index._searcher)
    ids = sorted(table.docnums)
    before = table.marked(frozenset([*ids[:3], "deleted/long-ago.txt"]), None)
    assert before.docnums.tolist() == sorted(table.docnums[story] for story in ids[:3])
    now = frozenset([*ids[2:5], "deleted/long-ago.txt"])
    after = table.marked(now, before)
    assert after.ids == now
    assert np.array_equal(after.docnums, table.docnums_of(now))
    assert table.marked(frozenset(), after).docnums.tolist() == []
