"""An entity's page: how many stories name it, the first and the latest, its stories over time,
the names most bound up with it and its stories, newest first.

A name seen with it is scored by normalised pointwise mutual information against the archive's
base rates: log(P(both) / (P(it) P(other))) / -log(P(both)), from -1 (never together) through 0
(together as often as chance would have it) to 1 (never apart). A name in most stories (a
capital, a news agency) is in many of the entity's stories too, but no more than by chance, so
it scores near 0 however often the two meet; and a name must meet the entity in at least
`MIN_TOGETHER` stories (fewer when the entity has few), so one shared story is no bond.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from articles.model import ENTITY_KINDS, EntityKind
from index.api import Hit, SearchEngine, entity_query
from reader.explore.timeline import Granularity, Timeline, build_timeline

# Every name of the archive, for `archive_name_counts`: more than an archive ever holds.
ALL_NAMES = 1 << 62
# The names seen with the entity that are scored: the most frequent of each kind among its
# stories; a name in fewer of them is too rare with it to be a bond worth showing.
CANDIDATES_PER_KIND = 50
MIN_TOGETHER = 2
CO_OCCURRING = 15
STORIES = 50

NameCounts = Mapping[EntityKind, Mapping[str, int]]


class EntityNotFound(LookupError):
    """No story names the entity; `str(error)` is a sentence for the user."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Entity:
    kind: EntityKind
    name: str

    @property
    def query(self) -> str:
        return entity_query(self.kind, self.name)


@dataclass(frozen=True, slots=True)
class CoOccurrence:
    """A name seen with the entity: in `together` of its stories, `stories` in the archive."""

    entity: Entity
    together: int
    stories: int
    score: float


@dataclass(frozen=True, slots=True)
class EntityPage:
    entity: Entity
    stories: int
    first: date | None
    latest: date | None
    timeline: Timeline
    co_occurring: tuple[CoOccurrence, ...]
    # The newest first, at most the number asked for.
    newest: tuple[Hit, ...]


def archive_name_counts(engine: SearchEngine) -> dict[EntityKind, dict[str, int]]:
    """How many stories of the archive name each entity, by kind."""
    every = engine.facets("", top=ALL_NAMES)
    return {kind: {facet.name: facet.count for facet in every.get(kind, ())} for kind in every}


def find_entity(engine: SearchEngine, name: str, kind: EntityKind | None = None) -> Entity:
    """The entity a user means by `name` (any case, accents or not, a surname alone): of the
    kinds asked for, the one named in most stories, under its name as indexed. Raises
    `EntityNotFound`, and `QueryError` for a name that can't be searched."""
    wanted = _folded(name)
    best: tuple[int, Entity] | None = None
    for candidate_kind in (kind,) if kind else ENTITY_KINDS:
        query = entity_query(candidate_kind, name)
        facets = engine.facets(query, top=5).get(candidate_kind, ())
        if not facets:
            continue
        exact = [facet for facet in facets if _folded(facet.name) == wanted]
        chosen = exact[0] if exact else facets[0]
        if best is None or chosen.count > best[0]:
            best = (chosen.count, Entity(candidate_kind, chosen.name))
    if best is None:
        what = {"person": "person", "place": "place", "organization": "organisation"}
        kinds = what[kind] if kind else "person, place or organisation"
        raise EntityNotFound(f"no {kinds} named “{name}” in the archive")
    return best[1]


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def entity_page(
    engine: SearchEngine,
    entity: Entity,
    name_counts: NameCounts,
    *,
    by: Granularity | None = "month",
    co_occurring: int = CO_OCCURRING,
    stories: int | None = STORIES,
) -> EntityPage:
    """The page of `entity` with its `stories` newest stories (None: every one); `name_counts`
    is `archive_name_counts` of the same index, which a caller keeps while the index does not
    change."""
    query = entity.query
    newest = engine.search(
        query, page_size=stories or STORIES, sort="date", suggest=False, through_end=not stories
    )
    day_counts = engine.date_counts(query)
    timeline = build_timeline(query, day_counts, newest.total - sum(day_counts.values()), by)
    return EntityPage(
        entity=entity,
        stories=newest.total,
        first=min(day_counts, default=None),
        latest=max(day_counts, default=None),
        timeline=timeline,
        co_occurring=co_occurrences(engine, entity, newest.total, name_counts, engine.doc_count)[
            :co_occurring
        ],
        newest=newest.hits,
    )


def co_occurrences(
    engine: SearchEngine,
    entity: Entity,
    entity_stories: int,
    name_counts: NameCounts,
    archive_stories: int,
) -> tuple[CoOccurrence, ...]:
    """The names seen with `entity` in `MIN_TOGETHER` stories or more, the strongest bond first."""
    least = min(MIN_TOGETHER, max(1, entity_stories // 2))
    found = []
    for kind, facets in engine.facets(entity.query, top=CANDIDATES_PER_KIND).items():
        for facet in facets:
            other = Entity(kind, facet.name)
            if other == entity or facet.count < least:
                continue
            stories = max(name_counts.get(kind, {}).get(facet.name, 0), facet.count)
            score = bond(facet.count, entity_stories, stories, archive_stories)
            found.append(CoOccurrence(other, facet.count, stories, score))
    found.sort(key=lambda item: (-item.score, -item.together, item.entity.name))
    return tuple(found)


def bond(together: int, first_stories: int, second_stories: int, archive_stories: int) -> float:
    """The normalised pointwise mutual information of two names (see the module's docstring)."""
    if together <= 0:
        return -1.0
    both = together / archive_stories
    if both >= 1:
        return 1.0
    chance = (first_stories / archive_stories) * (second_stories / archive_stories)
    return math.log(both / chance) / -math.log(both)


def together_query(first: Entity, second: Entity) -> str:
    """The stories that name both."""
    return f"{first.query} {second.query}"
