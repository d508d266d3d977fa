"""The JSON shapes of the command line (a contract: keep the names)."""

from __future__ import annotations

from datetime import date

from articles.model import ENTITY_KINDS, Article, EntityKind, Mention
from index.api import Hit, SearchPage
from reader.library import SavedSearch, StoryMark


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def entities_json(names: dict[EntityKind, tuple[str, ...]]) -> dict[str, list[str]]:
    return {kind: list(names.get(kind, ())) for kind in ENTITY_KINDS}


def hit_json(hit: Hit) -> dict[str, object]:
    return {
        "id": hit.id,
        "path": hit.path,
        "title": hit.title.text,
        "date": iso_date(hit.date),
        "author": hit.author,
        "source": hit.source,
        "url": hit.url,
        "score": round(hit.score, 4),
        "snippet": hit.snippet.text,
        "entities": entities_json(hit.entities),
    }


def search_json(page: SearchPage) -> dict[str, object]:
    return {
        "query": page.query,
        "total": page.total,
        "suggestion": page.suggestion,
        "hits": [hit_json(hit) for hit in page.hits],
        "notes": list(page.notes),
    }


def article_json(
    article: Article, names: dict[EntityKind, tuple[str, ...]], mentions: tuple[Mention, ...]
) -> dict[str, object]:
    """An article with its entities; mention offsets index into `body`."""
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "date": iso_date(article.date),
        "author": article.author,
        "source": article.source,
        "url": article.url,
        "body": article.body,
        "entities": entities_json(names),
        "mentions": [
            {"kind": m.kind, "name": m.name, "start": m.start, "end": m.end}
            for m in mentions
            if m.field == "body"
        ],
    }


def story_marks_json(marks: dict[str, StoryMark]) -> list[dict[str, object]]:
    """Stories with their marks in the user's library, by id."""
    return [
        {
            "id": story_id,
            "read": mark.read,
            "starred": mark.starred,
            "tags": list(mark.tags),
            "note": mark.note,
        }
        for story_id, mark in marks.items()
    ]


def saved_search_json(
    search: SavedSearch, total: int | None, new: int | None, error: str | None = None
) -> dict[str, object]:
    """A saved search with how many stories it finds now and how many of them are new since it
    was last opened (None, and the `error`, for a query that can't be run)."""
    return {
        "name": search.name,
        "query": search.query,
        "created": search.created.isoformat(),
        "last_opened": search.last_opened.isoformat() if search.last_opened else None,
        "total": total,
        "new": new,
        "error": error,
    }
