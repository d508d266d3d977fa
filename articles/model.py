"""The article model shared by every input format."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

EntityKind = Literal["person", "place", "organization"]
ENTITY_KINDS: tuple[EntityKind, ...] = ("person", "place", "organization")
# The fields of an article that entities are found in.
TextField = Literal["title", "body"]
TEXT_FIELDS: tuple[TextField, ...] = ("title", "body")


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity: `start`/`end` index into the article's `field` text."""

    kind: EntityKind
    name: str
    start: int
    end: int
    field: TextField = "body"


@dataclass(frozen=True, slots=True)
class Entities:
    """What an extractor found in one article: every mention and the canonical names per kind.

    `names[kind]` lists canonical names, most mentioned first. `cued_organizations`: the names
    the article's own words show to be organisations ("Yukos Oil Co", "shares of Yukos"), which
    the archive counts (`articles.entities.archive_kinds`); `cued_clubs`: those a story about
    sport shows to be teams ("the Wasps coach", "Wasps beat Sale 24-10").
    """

    mentions: tuple[Mention, ...] = ()
    names: dict[EntityKind, tuple[str, ...]] = field(
        default_factory=lambda: {kind: () for kind in ENTITY_KINDS}
    )
    cued_organizations: tuple[str, ...] = ()
    cued_clubs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Article:
    """One news story.

    `id` is stable: the path relative to the archive root, or `file.jsonl#N` for the N-th record
    (counting from 1) of a JSON Lines file. `path` is the source file relative to the archive root.
    """

    id: str
    path: str
    title: str
    body: str
    date: date | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Problem:
    """A file that was skipped (`reason`) or read with a caveat (a warning)."""

    path: str
    message: str
