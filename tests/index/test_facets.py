"""Entity facets over an index of several segments, and after it changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from segmented import open_segmented_index
from whoosh import index as whoosh_index

from index.whoosh import facets
from index.whoosh.search import ArchiveIndex


def _story(doc_id: str, people: tuple[str, ...], places: tuple[str, ...] = ()) -> dict:
    return {
        "id": doc_id,
        "title": f"Story {doc_id}",
        "body": "the harbour council met",
        "person": "\n".join(people),
        "place": "\n".join(places),
        "entity_lists": (people, places, ()),
    }


def _add_segment(index_dir: Path, stories: list[dict], deleted: tuple[str, ...] = ()) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    writer = ix.writer()
    for story in stories:
        writer.add_document(**story)
    for doc_id in deleted:
        writer.delete_by_term("id", doc_id)
    writer.commit(merge=False)
    ix.close()


def test_facets_span_segments_and_only_a_new_segment_is_read_after_a_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    segments = [
        [_story("1", ("Ana Pop", "Ivo Gasic"), ("Baku",)), _story("2", ("Ivo Gasic",))],
        [_story("3", ("Ana Pop",), ("Baku", "Oslo")), _story("4", ("Lena Berg",))],
    ]
    archive_index = open_segmented_index(tmp_path, segments)
    read: list[int] = []
    read_segment = facets.SegmentEntities.__init__

    def counted(self: facets.SegmentEntities, reader) -> None:  # type: ignore[no-untyped-def]
        read.append(reader.doc_count_all())
        read_segment(self, reader)

    monkeypatch.setattr(facets.SegmentEntities, "__init__", counted)
    try:
        found = archive_index.facets("")
        assert [(f.name, f.count) for f in found["person"]] == [
            ("Ana Pop", 2),
            ("Ivo Gasic", 2),
            ("Lena Berg", 1),
        ]
        assert [(f.name, f.count) for f in found["place"]] == [("Baku", 2), ("Oslo", 1)]
        assert sorted(read) == [2, 2]

        _add_segment(tmp_path, [_story("5", ("Lena Berg", "Omar Said"), ("Oslo",))], ("2",))
        assert archive_index.refresh()
        read.clear()
        found = archive_index.facets("")
        assert read == [1]  # the new segment only: the others are as they were
        assert [(f.name, f.count) for f in found["person"]] == [
            ("Ana Pop", 2),
            ("Lena Berg", 2),
            ("Ivo Gasic", 1),
            ("Omar Said", 1),
        ]
        assert [(f.name, f.count) for f in found["place"]] == [("Baku", 2), ("Oslo", 2)]
        fresh = ArchiveIndex.open(tmp_path)
        assert fresh.facets("council") == archive_index.facets("council")
        fresh.close()
    finally:
        archive_index.close()
