"""The user's corrections of the names found: a name that is no entity, a name of another kind,
a name that is another one's ("Biden" is "Joe Biden").

A correction names an entity by its canonical name and the kind it was read as, and holds for
that reading in every story: "Wolves" read as a place is the club, an organisation, wherever
the tagger read it so, while "Marenvik" read as a person (wrongly) can join another name without
taking the town of Marenvik with it. Corrections are the user's data, kept outside the index;
the index is built with them (`CorrectedExtractor`) and the reader applies them to what it shows
(`apply_corrections`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal, cast

from articles.entities import EntityExtractor
from articles.entities.archive_kinds import NOTHING_SHOWN, ArchiveKinds, as_the_archive_reads
from articles.entities.canonical import names_by_kind
from articles.model import ENTITY_KINDS, Entities, EntityKind, Mention

CorrectionAction = Literal["not_entity", "change_kind", "merge"]
CORRECTION_ACTIONS: tuple[CorrectionAction, ...] = ("not_entity", "change_kind", "merge")


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction of the name `name`, shown as a `kind` when it was made.

    `not_entity` drops its mentions; `change_kind` gives them `new_kind`; `merge` gives them the
    name `new_name` of kind `new_kind`.
    """

    name: str
    kind: EntityKind
    action: CorrectionAction
    new_kind: EntityKind | None = None
    new_name: str = ""

    def __post_init__(self) -> None:
        if self.action not in CORRECTION_ACTIONS or self.kind not in ENTITY_KINDS:
            raise ValueError(f"not a correction: {self!r}")
        if self.action != "not_entity" and self.new_kind not in ENTITY_KINDS:
            raise ValueError(f"{self.action} needs the kind it gives: {self!r}")
        if self.action == "merge" and (not self.new_name or self.new_name == self.name):
            raise ValueError(f"a name merges into another name: {self!r}")

    @classmethod
    def not_entity(cls, name: str, kind: EntityKind) -> Correction:
        return cls(name, kind, "not_entity")

    @classmethod
    def change_kind(cls, name: str, kind: EntityKind, new_kind: EntityKind) -> Correction:
        return cls(name, kind, "change_kind", new_kind)

    @classmethod
    def merge(cls, name: str, kind: EntityKind, new_name: str, new_kind: EntityKind) -> Correction:
        return cls(name, kind, "merge", new_kind, new_name)

    @property
    def names(self) -> tuple[str, ...]:
        """The names whose stories change with this correction."""
        return (self.name, self.new_name) if self.new_name else (self.name,)

    def describe(self) -> str:
        """What the correction does, in a few words for the user."""
        if self.action == "not_entity":
            return f"not an entity (was a {_KIND_WORDS[self.kind]})"
        if self.action == "change_kind":
            assert self.new_kind is not None
            return f"{_KIND_WORDS[self.kind]} → {_KIND_WORDS[self.new_kind]}"
        return f"merged into {self.new_name}"


_KIND_WORDS: dict[EntityKind, str] = {
    "person": "person",
    "place": "place",
    "organization": "organisation",
}


def apply_corrections(entities: Entities, corrections: Sequence[Correction]) -> Entities:
    """`entities` as the user corrected them: the corrected names' mentions dropped, given
    another kind or another name, and the names per kind counted again. Applying the same
    corrections twice changes nothing more (the reader applies them to stories indexed with
    them). The latest correction of a name read as a kind wins; a merge into a name corrected
    too follows it."""
    if not corrections:
        return entities
    latest = {(correction.kind, correction.name): correction for correction in corrections}
    mentions: list[Mention] = []
    changed = False
    for mention in entities.mentions:
        corrected = _corrected(mention.kind, mention.name, latest)
        if corrected != (mention.kind, mention.name):
            changed = True
            if corrected is None:
                continue
            mention = Mention(*corrected, mention.start, mention.end, mention.field)
        mentions.append(mention)
    if not changed:
        return entities
    return replace(entities, mentions=tuple(mentions), names=names_by_kind(mentions))


def _corrected(
    kind: EntityKind, name: str, latest: dict[tuple[EntityKind, str], Correction]
) -> tuple[EntityKind, str] | None:
    """The kind and name a mention takes, None for no entity; merges are followed through at
    most as many corrections as there are (a loop of merges stops where it began)."""
    for _ in range(len(latest) + 1):
        correction = latest.get((kind, name))
        if correction is None:
            return kind, name
        if correction.action == "not_entity":
            return None
        assert correction.new_kind is not None
        kind = correction.new_kind
        if correction.action == "change_kind":
            return kind, name
        name = correction.new_name
    return kind, name


def changed_names(before: Iterable[Correction], after: Iterable[Correction]) -> frozenset[str]:
    """The names whose stories read differently under `after` than under `before`."""
    return frozenset(name for correction in set(before) ^ set(after) for name in correction.names)


def corrections_to_json(corrections: Iterable[Correction]) -> str:
    """The corrections as JSON text, in a stable order (an index keeps what it was built with)."""
    rows = sorted(
        (c.name, c.kind, c.action, c.new_kind or "", c.new_name) for c in set(corrections)
    )
    return json.dumps(rows, ensure_ascii=False)


def corrections_from_json(text: str | None) -> tuple[Correction, ...]:
    """The corrections `corrections_to_json` wrote; none for None or text it did not write."""
    try:
        rows = json.loads(text or "[]")
        return tuple(
            Correction(
                name,
                cast(EntityKind, kind),
                cast(CorrectionAction, action),
                cast(EntityKind, new_kind) if new_kind else None,
                new_name,
            )
            for name, kind, action, new_kind, new_name in rows
        )
    except (ValueError, TypeError):
        return ()


class CorrectedExtractor:
    """An extractor whose entities come read as the archive reads them (`archive`,
    `articles.entities.archive_kinds`), then corrected by the user: what the index is built
    with."""

    def __init__(
        self,
        extractor: EntityExtractor,
        corrections: Sequence[Correction],
        archive: ArchiveKinds = NOTHING_SHOWN,
    ) -> None:
        self.name = extractor.name
        self._extractor = extractor
        self._corrections = tuple(corrections)
        self._archive = archive

    def extract(self, title: str, body: str) -> Entities:
        found = self._extractor.extract(title, body)
        return apply_corrections(as_the_archive_reads(found, self._archive), self._corrections)
