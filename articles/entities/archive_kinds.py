"""What the whole archive shows a name to be: "Sony" read as a person in a story that gives no
clue is the company that other stories call "Sony Corp" or whose shares they quote.

A story's own words settle a name's kind within the story (`Entities.cued_organizations`: a legal
form, "shares of X", "X said in a statement"). Across the archive, a name so shown to be an
organisation in at least `MIN_CUED_STORIES` stories is one in every story: its readings as a
person or a place become the organisation. Two stories, not one: a single misread cue ("Gordon
Brown's shares") would otherwise turn a person into a body in hundreds of stories. Only company
cues count, never a team's: a town's club is the town outside sport. The index counts the
evidence of every story it holds and applies it as it reads each one (`index.build`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import replace

from articles.entities.canonical import names_by_kind
from articles.model import Entities, Mention

MIN_CUED_STORIES = 2


def cued_story_counts(stories: Iterable[Entities]) -> Counter[str]:
    """How many of `stories` show each name to be an organisation."""
    counts: Counter[str] = Counter()
    for entities in stories:
        counts.update(entities.cued_organizations)
    return counts


def archive_organizations(cued_stories: Counter[str]) -> frozenset[str]:
    """The names enough stories show to be organisations (`cued_story_counts` of the archive)."""
    return frozenset(name for name, count in cued_stories.items() if count >= MIN_CUED_STORIES)


def as_the_archive_reads(entities: Entities, organizations: Collection[str]) -> Entities:
    """`entities` with every person or place reading of one of the archive's `organizations`
    made that organisation, and the names per kind counted again."""
    if not organizations or not any(
        mention.name in organizations and mention.kind != "organization"
        for mention in entities.mentions
    ):
        return entities
    mentions = tuple(
        Mention("organization", mention.name, mention.start, mention.end, mention.field)
        if mention.name in organizations
        else mention
        for mention in entities.mentions
    )
    return replace(entities, mentions=mentions, names=names_by_kind(mentions))
