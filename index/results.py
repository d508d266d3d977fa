"""What a search returns: plain data, text with highlight spans (never markup)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from articles.model import ENTITY_KINDS, Article, EntityKind, Mention

SortOrder = Literal["relevance", "date"]


@dataclass(frozen=True, slots=True)
class Highlighted:
    """Text with the `(start, end)` spans of matched search terms."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


def empty_entity_names() -> dict[EntityKind, tuple[str, ...]]:
    return {kind: () for kind in ENTITY_KINDS}


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    path: str
    title: Highlighted
    snippet: Highlighted
    date: date | None
    author: str | None
    source: str | None
    score: float
    entities: dict[EntityKind, tuple[str, ...]] = field(default_factory=empty_entity_names)
    url: str | None = None


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of results. `page` counts from 1; `total` counts every hit of the query."""

    query: str
    total: int
    hits: tuple[Hit, ...]
    page: int
    page_size: int
    sort: SortOrder
    suggestion: str | None
    seconds: float
    # What was made of a query that is not quite well formed (`index.queries.query_notes`).
    notes: tuple[str, ...] = ()

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True, slots=True)
class FacetCount:
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the index holds it, with the entity names and mentions found when indexed."""

    article: Article
    entities: dict[EntityKind, tuple[str, ...]]
    mentions: tuple[Mention, ...]
