"""The command palette's "Open entity …": the archive's names as you type, each opening its page."""

from __future__ import annotations

import asyncio
from functools import partial

from textual.command import Hit, Hits, Provider

from articles.model import ENTITY_KINDS
from reader.commands.palette import PALETTE_ENTITIES_PER_KIND, FoldedMatcher
from reader.explore.entities import Entity


class ExploreCommands(Provider):
    """ "Open entity: KIND NAME" for the archive's names matching what is typed (as "Open
    entity" is typed, every name is offered); main screen only."""

    async def search(self, query: str) -> Hits:
        from reader.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        matcher = FoldedMatcher(self, query)
        entities = await asyncio.to_thread(
            screen.session.entity_names, top=PALETTE_ENTITIES_PER_KIND
        )
        for kind in ENTITY_KINDS:
            for facet in entities[kind]:
                text = f"Open entity: {kind} {facet.name}"
                if (score := matcher.match(text)) > 0:
                    stories = "story" if facet.count == 1 else "stories"
                    yield Hit(
                        score,
                        matcher.highlight(text),
                        partial(screen.open_entity_page, Entity(kind, facet.name)),
                        text=text,
                        help=f"The page of {facet.name}, named in {facet.count:,} {stories}",
                    )
