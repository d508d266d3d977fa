"""The reader's commands in the command palette: search an entity, sort, related, re-index,
fetch feeds, and the library's (saved searches, mark every result read, export the results)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from articles.folding import fold_text
from articles.model import ENTITY_KINDS
from index.api import FacetCount, entity_query

if TYPE_CHECKING:
    from reader.screens.main import MainScreen

# How many of the archive's most frequent entities of each kind the palette offers.
PALETTE_ENTITIES_PER_KIND = 500


class FoldedMatcher:
    """Textual's fuzzy matcher over accent-folded text, as the search folds it: `gasic` finds
    Bratislav Gašić. The text shown is highlighted by the query as typed."""

    def __init__(self, provider: Provider, query: str) -> None:
        self._folded = provider.matcher(fold_text(query))
        self._typed = provider.matcher(query)

    def match(self, text: str) -> float:
        return self._folded.match(fold_text(text))

    def highlight(self, text: str) -> Content:
        return self._typed.highlight(text)


class ReaderCommands(Provider):
    """Commands for the main screen; offers nothing on other screens."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        from reader.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return []
        return [
            (
                "Sort: relevance / date",
                "Toggle the order of the results",
                screen.action_toggle_sort,
            ),
            ("Related stories", "The stories most like the open one", screen.action_related),
            ("Back", "Go back to the previous search", screen.action_back),
            ("Re-index the archive", "Index new and changed files now", screen.action_reindex),
            (
                "Fetch feeds",
                "Fetch the feeds you follow into your archive now",
                screen.action_fetch_feeds,
            ),
            ("Help: every key", "The help screen", partial(self.app.run_action, "help")),
            *self._library_commands(screen),
        ]

    def _library_commands(self, screen: MainScreen) -> list[tuple[str, str, Callable[[], object]]]:
        library = screen.library_actions
        if not library.available:
            return []
        return [
            ("Save this search", "Keep the search under a name", library.save_search),
            (
                "Saved searches",
                "Run, rename or delete a saved search",
                library.list_saved_searches,
            ),
            ("Mark all results read", "Every story of the results", library.mark_all_read),
            (
                "Entity corrections",
                "The names you corrected; remove a correction",
                screen.correction_actions.list_corrections,
            ),
            (
                "Export results",
                "The results, their tags and notes, to a Markdown file",
                library.export_results,
            ),
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        from reader.screens.main import MainScreen

        matcher = FoldedMatcher(self, query)
        for name, help_text, callback in self._commands():
            if (score := matcher.match(name)) > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        library = screen.session.library
        saved = await asyncio.to_thread(library.saved_searches) if library is not None else []
        for search in saved:
            text = f"Saved search: {search.name}"
            if (score := matcher.match(text)) > 0:
                yield Hit(
                    score,
                    matcher.highlight(text),
                    partial(screen.library_actions.run_saved_search, search),
                    text=text,
                    help=search.query,
                )
        entities = await asyncio.to_thread(
            screen.session.entity_names, top=PALETTE_ENTITIES_PER_KIND
        )
        for kind in ENTITY_KINDS:
            for facet in entities[kind]:
                text = f"{kind}: {facet.name}"
                if (score := matcher.match(text)) > 0:
                    yield Hit(
                        score,
                        matcher.highlight(text),
                        partial(screen.go_to_query, entity_query(kind, facet.name)),
                        text=text,
                        help=_stories(facet),
                    )


def _stories(facet: FacetCount) -> str:
    noun = "story" if facet.count == 1 else "stories"
    return f"Search the {facet.count:,} {noun} that mention {facet.name}"
