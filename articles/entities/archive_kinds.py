"""What the whole archive shows a name to be: "Sony" read as a person in a story that gives no
clue is the company that other stories call "Sony Corp" or whose shares they quote; "Wasps" read
as a person in a match report is the club other reports name by its coach or its results.

A story's own words settle a name's kind within the story: a company's cues
(`Entities.cued_organizations`: a legal form, "shares of X", "X said in a statement") and, in a
story about sport, a team's (`Entities.cued_clubs`: "the X coach", "X beat Y 2-1"). Across the
archive, a name so shown in at least `MIN_CUED_STORIES` stories changes its readings in every
story: a company's readings as a person or a place become the organisation; a club's readings as
a person do (a town's club is the town outside sport, never a person). Two stories, not one: a
single misread cue ("Gordon Brown's shares") would otherwise turn a person into a body in
hundreds of stories. The index counts the evidence of every story it holds and applies it as it
reads each one (`index.build`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from articles.entities.canonical import names_by_kind
from articles.model import Entities, Mention

MIN_CUED_STORIES = 2


@dataclass(frozen=True, slots=True)
class ArchiveKinds:
    """The names enough of the archive's stories show to be companies (`organizations`) and
    clubs (`clubs`)."""

    organizations: frozenset[str] = frozenset()
    clubs: frozenset[str] = frozenset()

    def changed_names(self, other: ArchiveKinds) -> frozenset[str]:
        """The names read otherwise under `other` than under these."""
        return (self.organizations ^ other.organizations) | (self.clubs ^ other.clubs)


# What an archive without evidence (or one story alone) shows: nothing.
NOTHING_SHOWN = ArchiveKinds()


@dataclass(slots=True)
class ArchiveEvidence:
    """How many stories show each name to be a company, and a club."""

    organizations: Counter[str] = field(default_factory=Counter)
    clubs: Counter[str] = field(default_factory=Counter)

    def add(self, entities: Entities) -> None:
        self.organizations.update(entities.cued_organizations)
        self.clubs.update(entities.cued_clubs)

    def update(self, other: ArchiveEvidence) -> None:
        self.organizations.update(other.organizations)
        self.clubs.update(other.clubs)

    def kinds(self) -> ArchiveKinds:
        return ArchiveKinds(_shown_by_enough(self.organizations), _shown_by_enough(self.clubs))


def archive_kinds(stories: Iterable[Entities]) -> ArchiveKinds:
    """What `stories`, as one archive, show their names to be."""
    evidence = ArchiveEvidence()
    for entities in stories:
        evidence.add(entities)
    return evidence.kinds()


def _shown_by_enough(cued_stories: Counter[str]) -> frozenset[str]:
    return frozenset(name for name, count in cued_stories.items() if count >= MIN_CUED_STORIES)


def as_the_archive_reads(entities: Entities, archive: ArchiveKinds) -> Entities:
    """`entities` with every person or place reading of one of the archive's organisations, and
    every person reading of one of its clubs, made that organisation, and the names per kind
    counted again."""
    organizations, clubs = archive.organizations, archive.clubs
    if not (organizations or clubs) or not any(
        (mention.name in organizations and mention.kind != "organization")
        or (mention.name in clubs and mention.kind == "person")
        for mention in entities.mentions
    ):
        return entities
    mentions = tuple(
        Mention("organization", mention.name, mention.start, mention.end, mention.field)
        if mention.name in organizations or (mention.name in clubs and mention.kind == "person")
        else mention
        for mention in entities.mentions
    )
    return replace(entities, mentions=mentions, names=names_by_kind(mentions))
