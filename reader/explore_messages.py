"""Messages the explore workers post with their results (timelines, entity pages, the stories
around a story); the screens' `@on` handlers own the state."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.explore.around import StoryAround
from reader.explore.entities import EntityPage
from reader.explore.timeline import Timeline


@dataclass
class TimelineFinished(Message, bubble=False):
    """The timeline of every hit of `timeline.query`."""

    timeline: Timeline


@dataclass
class EntityPageLoaded(Message, bubble=False):
    page: EntityPage


@dataclass
class AroundLoaded(Message, bubble=False):
    """The stories within `days` of the story `article_id` (titled `title`), ranked."""

    article_id: str
    title: str
    stories: tuple[StoryAround, ...]
    days: int
