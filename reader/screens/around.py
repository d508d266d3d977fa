"""Around this story: the stories within a week of it that name some of the same people, places
and organisations, in the related stories' dialog, each with the names it shares."""

from __future__ import annotations

from dataclasses import replace

from index.api import Highlighted
from reader.explore.around import StoryAround
from reader.screens.related import RelatedScreen


def around_screen(title: str, stories: tuple[StoryAround, ...], days: int) -> RelatedScreen:
    """The dialog listing `stories` within `days` of the story titled `title`; it dismisses
    with the id of the story chosen."""
    hits = tuple(
        replace(
            story.hit,
            snippet=Highlighted("Shares " + ", ".join(name.name for name in story.shared)),
        )
        for story in stories
    )
    return RelatedScreen(
        title,
        hits,
        heading=f"Within {days} days of ",
        nothing_found=f"No story within {days} days names any of its people, places or "
        "organisations.",
    )
