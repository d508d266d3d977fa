"""The stories around one story: dated within a few days of it and naming some of the same
people, places and organisations, the follow-ups and the background. Those sharing the most
names first, a name counting more the rarer it is in the archive (its inverse document
frequency, log(stories / stories naming it)), so two stories about the same minister rank above
two stories that both mention the capital."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from articles.model import ENTITY_KINDS
from index.api import Hit, SearchEngine, StoredArticle
from reader.explore.entities import Entity, NameCounts

AROUND_DAYS = 7
# The stories of the window that are ranked: those naming most of the story's names come
# first in relevance order, so the ones past this share little with it.
CANDIDATES = 200
AROUND_STORIES = 20


@dataclass(frozen=True, slots=True)
class StoryAround:
    hit: Hit
    shared: tuple[Entity, ...]
    weight: float


def around_query(stored: StoredArticle, days: int = AROUND_DAYS) -> str | None:
    """The stories within `days` of the story that share a name with it; None when the story
    is undated or names nobody."""
    day = stored.article.date
    names = [Entity(kind, name) for kind in ENTITY_KINDS for name in stored.entities.get(kind, ())]
    if day is None or not names:
        return None
    start, end = day - timedelta(days=days), day + timedelta(days=days)
    either = " OR ".join(entity.query for entity in names)
    return f"({either}) date:[{start.isoformat()} to {end.isoformat()}]"


def stories_around(
    engine: SearchEngine,
    stored: StoredArticle,
    name_counts: NameCounts,
    *,
    days: int = AROUND_DAYS,
    limit: int = AROUND_STORIES,
) -> tuple[StoryAround, ...]:
    """The stories around `stored`, those sharing the most and rarest names first;
    `name_counts` is `archive_name_counts` of the same index."""
    query = around_query(stored, days)
    if query is None:
        return ()
    archive_stories = max(engine.doc_count, 1)
    page = engine.search(query, page_size=CANDIDATES, suggest=False)
    ranked = []
    for hit in page.hits:
        if hit.id == stored.article.id:
            continue
        shared = tuple(
            Entity(kind, name)
            for kind in ENTITY_KINDS
            for name in hit.entities.get(kind, ())
            if name in stored.entities.get(kind, ())
        )
        if not shared:
            continue
        weight = sum(
            math.log(archive_stories / max(name_counts.get(e.kind, {}).get(e.name, 1), 1))
            for e in shared
        )
        ranked.append(StoryAround(hit, shared, weight))
    ranked.sort(key=lambda story: (-len(story.shared), -story.weight, story.hit.id))
    return tuple(ranked[:limit])
