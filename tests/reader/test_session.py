"""The reader's session on the real core: what its workers may do at the same time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import FIXTURE_ARCHIVE
from held_calls import HOLD_SECONDS, HeldCall

from index.api import update_index
from index.whoosh.search import ArchiveIndex
from reader.data.session import ArchiveSession
from reader.library import StoryRef


def always() -> bool:
    return True


@pytest.fixture
def session(shared_index: Path) -> Iterator[ArchiveSession]:
    session = ArchiveSession.open(FIXTURE_ARCHIVE, shared_index)
    yield session
    session.close()


EXTRAS: dict[str, Callable[[ArchiveSession], object]] = {
    "facets": lambda session: session.facets_if_wanted("harbour", top=10, still_wanted=always),
    "suggestion": lambda session: session.suggestion_if_wanted(
        "harbor brige", 0, still_wanted=always
    ),
    "entity_names": lambda session: session.entity_names(top=10),
}


@pytest.mark.parametrize("extra", EXTRAS)
def test_searches_and_stories_never_wait_for_the_sidebar_or_the_suggestion(
    session: ArchiveSession, monkeypatch: pytest.MonkeyPatch, extra: str
) -> None:
    method = {"entity_names": "facets"}.get(extra, extra)
    held = HeldCall(monkeypatch, ArchiveIndex, method)
    with ThreadPoolExecutor(max_workers=3) as pool:
        pending_extra = pool.submit(EXTRAS[extra], session)
        try:
            assert held.entered.wait(HOLD_SECONDS)
            search = pool.submit(
                session.search_if_wanted,
                "harbour",
                page_size=10,
                sort="relevance",
                still_wanted=always,
            )
            page = search.result(timeout=HOLD_SECONDS)
            assert page is not None and page.total > 0
            story = pool.submit(session.article, page.hits[0].id).result(timeout=HOLD_SECONDS)
            assert story.article.id == page.hits[0].id
            more = pool.submit(session.search, "harbour", page=2, page_size=1, sort="date").result(
                timeout=HOLD_SECONDS
            )
            assert more.page == 2
            assert not pending_extra.done()
        finally:
            held.released.set()
        pending_extra.result(timeout=HOLD_SECONDS)


def test_the_sidebar_counts_and_suggestion_are_those_of_the_index(
    session: ArchiveSession, shared_index: Path
) -> None:
    index = ArchiveIndex.open(shared_index)
    try:
        facets = session.facets_if_wanted("harbour", top=5, still_wanted=always)
        assert facets == index.facets("harbour", top=5)
        assert session.entity_names(top=5) == index.facets("", top=5)
        page = index.search("harbor brige", suggest=True)
        assert page.suggestion is not None
        found = session.suggestion_if_wanted("harbor brige", page.total, still_wanted=always)
        assert found == page.suggestion
    finally:
        index.close()


def test_extras_no_longer_wanted_once_their_turn_comes_are_not_computed(
    session: ArchiveSession,
) -> None:
    never = lambda: False  # noqa: E731
    assert session.facets_if_wanted("harbour", top=5, still_wanted=never) is None
    assert session.suggestion_if_wanted("harbor brige", 0, still_wanted=never) is None


def test_the_sidebar_counts_follow_the_index_to_its_next_version(
    archive_copy: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    session = ArchiveSession.open(archive_copy, index_dir)
    try:
        before = session.facets_if_wanted("lighthouse", top=5, still_wanted=always)
        assert before is not None and not any(before.values())
        (archive_copy / "late.txt").write_text(
            " date 2025-01-05 A lighthouse in Bergen\nThe lighthouse of Bergen closed.\n",
            encoding="utf-8",
        )
        update_index(archive_copy, index_dir)
        # Only once the stories show the new version do the counts follow.
        assert session.facets_if_wanted("lighthouse", top=5, still_wanted=always) == before
        assert session.refresh()
        after = session.facets_if_wanted("lighthouse", top=5, still_wanted=always)
        assert after is not None
        assert [facet.name for facets in after.values() for facet in facets] == ["Bergen"]
    finally:
        session.close()
    assert session.facets_if_wanted("lighthouse", top=5, still_wanted=always) is None


def test_marks_follow_a_story_moved_in_the_archive_once_the_index_has_it(
    archive_copy: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    session = ArchiveSession.open(archive_copy, index_dir, library_path=tmp_path / "library.sqlite")
    try:
        hit = session.search("is:unread title:seal", page=1, page_size=10, sort="relevance").hits[0]
        assert hit.id == "2024/seal-colony.txt"
        session.in_library_order(
            lambda library: library.set_starred(StoryRef(hit.id, hit.text_hash), True)
        ).result()
        assert session.unread_count_if_wanted("title:seal") == 1
        (archive_copy / "2024" / "seal-colony.txt").rename(archive_copy / "seals-moved.txt")
        update_index(archive_copy, index_dir)
        assert session.refresh()
        assert session.marks_of(["seals-moved.txt"])["seals-moved.txt"].starred
        [starred] = session.search("is:starred", page=1, page_size=10, sort="relevance").hits
        assert starred.id == "seals-moved.txt"
    finally:
        session.close()


def test_the_palettes_names_follow_the_index_a_search_picked_up(
    archive_copy: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    session = ArchiveSession.open(archive_copy, index_dir)
    try:
        names = lambda: [facet.name for facet in session.entity_names(top=500)["place"]]  # noqa: E731
        assert "Vardøhus" not in names()
        (archive_copy / "late.txt").write_text(
            " date 2025-01-05 A fortress reopens\nThe fortress of Vardøhus reopened in Vardøhus.\n",
            encoding="utf-8",
        )
        update_index(archive_copy, index_dir)
        # A new search picks up the new version of the index (not `refresh`).
        session.search_if_wanted("fortress", page_size=10, sort="relevance", still_wanted=always)
        assert "Vardøhus" in names()
    finally:
        session.close()
