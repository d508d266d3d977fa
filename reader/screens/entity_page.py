"""An entity's page: its kind, how many stories name it, the first and the latest, its
stories over time, the names most bound up with it and its stories, newest first.

Every name seen with it is one key away: Enter hops to that name's page, Backspace walks the
path back, and the path is shown above the page. `b` searches the stories naming both, Enter on
a story opens it, Enter on the timeline searches the name's stories of that bucket: the page
closes with the search to run (`ExploreResult`)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from reader.data.session import ArchiveSession
from reader.explore.entities import (
    CoOccurrence,
    Entity,
    EntityPage,
    entity_page,
    together_query,
)
from reader.explore.timeline import narrowed_query
from reader.explore_messages import EntityPageLoaded
from reader.rendering import (
    ENTITY_STYLES,
    MUTED,
    TEXT_COMPONENT_CLASSES,
    TITLE,
    HitRow,
    format_date,
    hit_prompt,
    plain,
    styled,
)
from reader.textual_fixes import FooterKeepingNoOldKeys
from reader.widgets.option_list import LineOptionList, ListOption
from reader.widgets.timeline import TimelineView

KIND_NAMES = {"person": "person", "place": "place", "organization": "organisation"}


@dataclass(frozen=True, slots=True)
class ExploreResult:
    """The search the main screen is to run, and a story of it to open."""

    query: str
    open_id: str | None = None


class SeenWithList(LineOptionList):
    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("enter", "select", "Hop to its page", id="hop_to_name"),
        Binding("j", "cursor_down", "Down", show=False, id="seen_with_down"),
        Binding("k", "cursor_up", "Up", show=False, id="seen_with_up"),
    ]


class EntityStoryList(LineOptionList):
    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("enter", "select", "Open", id="open_entity_story"),
        Binding("j", "cursor_down", "Down", show=False, id="entity_stories_down"),
        Binding("k", "cursor_up", "Up", show=False, id="entity_stories_up"),
    ]


def breadcrumb(path: list[Entity]) -> Content:
    """The names hopped through, the page's own last and in bold."""
    parts = [plain(entity.name).stylize(ENTITY_STYLES[entity.kind]) for entity in path[:-1]] + [
        plain(path[-1].name).stylize(ENTITY_STYLES[path[-1].kind]).stylize(TITLE)
    ]
    return styled(" › ", MUTED).join(parts)


def summary(page: EntityPage) -> Content:
    stories = "story" if page.stories == 1 else "stories"
    text = f"{KIND_NAMES[page.entity.kind]} · {page.stories:,} {stories}"
    if page.first is not None and page.latest is not None:
        text += f" · first {format_date(page.first)} · latest {format_date(page.latest)}"
    return styled(text, MUTED)


def seen_with_prompt(name: CoOccurrence, width: int) -> Content:
    """`together` stories, the name in its kind's colour, its bond."""
    return (
        styled(f"{name.together:>{width},} ", MUTED)
        + plain(name.entity.name).stylize(ENTITY_STYLES[name.entity.kind])
        + styled(f"  {name.score:+.2f}", MUTED)
    )


class EntityPageScreen(Screen[ExploreResult | None]):
    """Dismisses with the search to run (`ExploreResult`), or None."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    AUTO_FOCUS = "#seen-with"
    DEFAULT_CSS = """
    EntityPageScreen #entity-head { height: auto; padding: 0 1; }
    EntityPageScreen #entity-timeline { margin-top: 1; }
    EntityPageScreen #entity-lists { height: 1fr; }
    EntityPageScreen SeenWithList, EntityPageScreen EntityStoryList {
        width: 1fr; height: 1fr; border: round $border-blurred;
        border-title-color: $text-muted; text-wrap: nowrap; text-overflow: ellipsis;
    }
    EntityPageScreen SeenWithList:focus, EntityPageScreen EntityStoryList:focus {
        border: round $border;
    }
    EntityPageScreen SeenWithList > .line-option-list--option,
    EntityPageScreen EntityStoryList > .line-option-list--option { padding: 0 1; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close", id="close_entity_page"),
        Binding("backspace,alt+left", "back", "Back", id="entity_page_back"),
        Binding("b", "both", "Stories with both", id="stories_with_both"),
        Binding("s", "search_name", "Search its stories", id="search_entity_stories"),
        Binding("d", "focus_timeline", "Timeline", id="entity_page_timeline"),
    ]

    def __init__(self, session: ArchiveSession, entity: Entity) -> None:
        super().__init__(classes="styled-text")
        self.session = session
        self.path: list[Entity] = [entity]
        self.page: EntityPage | None = None
        # Pages seen on this path, and the name selected on each: Back shows them as they were.
        self._pages: dict[Entity, EntityPage] = {}
        self._selected: dict[Entity, int] = {}

    @property
    def entity(self) -> Entity:
        return self.path[-1]

    def compose(self) -> ComposeResult:
        with Vertical(id="entity-head"):
            yield Static(id="entity-path")
            yield Static(id="entity-summary")
        yield TimelineView(id="entity-timeline")
        with Horizontal(id="entity-lists"):
            yield SeenWithList(id="seen-with", classes="styled-text")
            yield EntityStoryList(id="entity-stories", classes="styled-text")
        yield FooterKeepingNoOldKeys()

    def on_mount(self) -> None:
        self.query_one(SeenWithList).border_title = "Seen with: together · bond"
        self.query_one(EntityStoryList).border_title = "Stories, newest first"
        self._show_path()

    def _show_path(self) -> None:
        self.query_one("#entity-path", Static).update(breadcrumb(self.path))
        page = self._pages.get(self.entity)
        if page is not None:
            self._show(page)
        else:
            self.query_one("#entity-summary", Static).update(styled("Counting…", MUTED))
            self.load_page(self.entity)

    @work(exclusive=True, exit_on_error=False, group="entity-page")
    async def load_page(self, entity: Entity) -> None:
        names = await asyncio.to_thread(self.session.name_counts)
        page = await asyncio.to_thread(
            self.session.explore_if_wanted,
            lambda index: entity_page(index, entity, names, by=None),
        )
        if page is not None:
            self.post_message(EntityPageLoaded(page))

    @on(EntityPageLoaded)
    def _page_loaded(self, message: EntityPageLoaded) -> None:
        self._pages[message.page.entity] = message.page
        if message.page.entity == self.entity:
            self._show(message.page)

    def _show(self, page: EntityPage) -> None:
        self.page = page
        self.query_one("#entity-summary", Static).update(summary(page))
        self.query_one(TimelineView).show_timeline(page.timeline)
        width = max([3, *(len(f"{name.together:,}") for name in page.co_occurring)])
        names = [
            ListOption(seen_with_prompt(name, width), f"name-{number}")
            for number, name in enumerate(page.co_occurring)
        ] or [ListOption(styled("No name appears with it often enough.", MUTED), disabled=True)]
        self.query_one(SeenWithList).set_options(names)
        self.query_one(SeenWithList).highlighted = (
            self._selected.get(page.entity, 0) if page.co_occurring else None
        )
        stories = [
            ListOption(HitRow(hit_prompt(hit)), f"story-{number}", divider=True)
            for number, hit in enumerate(page.newest)
        ]
        self.query_one(EntityStoryList).set_options(stories)
        self.query_one(EntityStoryList).highlighted = 0 if stories else None
        if not isinstance(self.focused, (SeenWithList, EntityStoryList, TimelineView)):
            self.query_one(SeenWithList).focus()

    @property
    def highlighted_name(self) -> Entity | None:
        names = self.query_one(SeenWithList)
        if self.page is None or names.highlighted is None:
            return None
        if names.highlighted >= len(self.page.co_occurring):
            return None
        return self.page.co_occurring[names.highlighted].entity

    @on(LineOptionList.OptionSelected, "#seen-with")
    def _hop(self, event: LineOptionList.OptionSelected) -> None:
        event.stop()
        name = self.highlighted_name
        if name is not None:
            self._selected[self.entity] = event.option_index
            self.path.append(name)
            self._show_path()

    @on(LineOptionList.OptionSelected, "#entity-stories")
    def _story_chosen(self, event: LineOptionList.OptionSelected) -> None:
        event.stop()
        if self.page is not None and 0 <= event.option_index < len(self.page.newest):
            hit = self.page.newest[event.option_index]
            self.dismiss(ExploreResult(self.entity.query, hit.id))

    @on(TimelineView.BucketChosen)
    def _bucket_chosen(self, message: TimelineView.BucketChosen) -> None:
        self.dismiss(ExploreResult(narrowed_query(self.entity.query, message.bucket)))

    @on(TimelineView.Left)
    def _timeline_left(self) -> None:
        self.query_one(SeenWithList).focus()

    def action_back(self) -> None:
        if len(self.path) == 1:
            self.dismiss(None)
            return
        self.path.pop()
        self._show_path()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_both(self) -> None:
        name = self.highlighted_name
        if name is None:
            self.notify("Choose a name seen with it first.", timeout=3)
            return
        self.dismiss(ExploreResult(together_query(self.entity, name)))

    def action_search_name(self) -> None:
        self.dismiss(ExploreResult(self.entity.query))

    def action_focus_timeline(self) -> None:
        self.query_one(TimelineView).focus()
