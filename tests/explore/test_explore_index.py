"""Timelines, entity pages and the stories around a story, on a built archive."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from index.api import SearchEngine, open_engine
from reader.explore.around import around_query, stories_around
from reader.explore.entities import (
    Entity,
    EntityNotFound,
    archive_name_counts,
    bond,
    entity_page,
    find_entity,
    together_query,
)
from reader.explore.timeline import narrowed_query, timeline_of

GASIC = Entity("person", "Bratislav Gašić")
BELGRADE_TALKS = "defence/2024-06-20-belgrade-talks.txt"


@pytest.fixture(scope="module", params=["fastpath", "whoosh"])
def engine(
    request: pytest.FixtureRequest, built_archive: tuple[Path, Path]
) -> Iterator[SearchEngine]:
    opened = open_engine(built_archive[1], request.param)
    yield opened
    opened.close()


def test_the_timeline_counts_every_hit(engine: SearchEngine) -> None:
    timeline = timeline_of(engine, "")
    assert timeline.dated + timeline.undated == engine.doc_count
    assert timeline.by == "month"  # 2023-05 to 2024-09
    assert timeline.buckets[0].start == date(2023, 5, 1)
    assert timeline.buckets[-1].start == date(2024, 9, 1)


def test_a_bucket_narrows_the_search_to_its_stories(engine: SearchEngine) -> None:
    timeline = timeline_of(engine, "cooperation", by="month")
    june = timeline.buckets[timeline.position_of(date(2024, 6, 20)) or 0]
    assert june.count == 1
    assert engine.count(narrowed_query("cooperation", june)) == 1


def test_a_name_is_found_as_indexed_whatever_its_spelling(engine: SearchEngine) -> None:
    assert find_entity(engine, "bratislav gasic") == GASIC
    assert find_entity(engine, "Baku") == Entity("place", "Baku")
    with pytest.raises(EntityNotFound, match="no organisation named “Baku”"):
        find_entity(engine, "Baku", "organization")
    with pytest.raises(EntityNotFound, match="no person, place or organisation"):
        find_entity(engine, "Nobody Anywhere")


def test_the_entity_page(engine: SearchEngine) -> None:
    page = entity_page(engine, GASIC, archive_name_counts(engine))
    assert page.stories == 3
    assert (page.first, page.latest) == (date(2024, 3, 14), date(2024, 7, 4))
    assert [b.count for b in page.timeline.buckets] == [1, 0, 0, 1, 1]  # March to July
    assert [hit.date for hit in page.newest] == sorted((h.date for h in page.newest), reverse=True)
    names = {name.entity: name for name in page.co_occurring}
    assert GASIC not in names
    assert names[Entity("place", "Baku")].together == 3
    scores = [name.score for name in page.co_occurring]
    assert scores == sorted(scores, reverse=True)


def test_every_story_is_listed_when_asked(engine: SearchEngine) -> None:
    page = entity_page(engine, Entity("place", "Baku"), archive_name_counts(engine), stories=None)
    assert len(page.newest) == page.stories == 3


def test_the_bond_is_not_how_common_a_name_is() -> None:
    # In an archive of 1,000 stories, a name of 10 stories seen with the entity in 5 is bound
    # to it more than a name of 800 stories seen with it in 8 of its 10.
    rare_partner = bond(5, 10, 10, 1000)
    common_name = bond(8, 10, 800, 1000)
    assert rare_partner > common_name
    assert abs(bond(10, 10, 1000, 1000)) < 1e-9  # a name in every story: no bond at all
    assert bond(0, 10, 10, 1000) == -1.0


def test_two_names_together(engine: SearchEngine) -> None:
    query = together_query(GASIC, Entity("person", "Karim Valiyev"))
    assert [hit.id for hit in engine.search(query).hits] == [BELGRADE_TALKS]


def test_around_a_story(engine: SearchEngine) -> None:
    stored = engine.article(BELGRADE_TALKS)
    counts = archive_name_counts(engine)
    # Within a week, no other story names its people or places.
    assert stories_around(engine, stored, counts) == ()
    wide = stories_around(engine, stored, counts, days=120)
    # The wire story shares three names (the title's Serbia too), the visit two.
    assert [story.hit.id for story in wide] == [
        "wire/2024-wire.jsonl#2",
        "defence/2024-03-14-baku-visit.txt",
    ]
    assert set(wide[0].shared) == {GASIC, Entity("place", "Baku"), Entity("place", "Serbia")}
    assert set(wide[1].shared) == {GASIC, Entity("place", "Baku")}


def test_an_undated_story_has_nothing_around_it(engine: SearchEngine) -> None:
    stored = engine.article(BELGRADE_TALKS)
    from dataclasses import replace

    undated = replace(stored, article=replace(stored.article, date=None))
    assert around_query(undated) is None
