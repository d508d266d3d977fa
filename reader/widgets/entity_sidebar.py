"""The entity sidebar: the open story's people, places and organisations with mention counts,
then the top entities across the whole result set with story counts, then the feeds the results
came from (Sources)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message

from articles.model import ENTITY_KINDS, EntityKind, Mention
from index.api import FacetCount
from reader.rendering import (
    ENTITY_LABELS,
    ENTITY_STYLES,
    MUTED,
    TEXT_COMPONENT_CLASSES,
    TITLE,
    SelectedEntity,
    mention_counts,
    plain,
    styled,
)
from reader.widgets.option_list import LineOptionList, ListOption


class EntityList(LineOptionList):
    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES
    BINDINGS = [
        Binding("enter", "select", "Search entity", id="choose_entity"),
        Binding("e", "correct", "Correct the name", id="correct_entity"),
        Binding("j", "cursor_down", "Down", show=False, id="entities_down"),
        Binding("k", "cursor_up", "Up", show=False, id="entities_up"),
        Binding("g", "first", "Top", show=False, id="entities_top"),
        Binding("G", "last", "Bottom", show=False, id="entities_bottom"),
        Binding("escape", "leave", "Back to the story", id="leave_entities"),
    ]

    @dataclass
    class Left(Message):
        pass

    @dataclass
    class CorrectionWanted(Message):
        pass

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def action_correct(self) -> None:
        self.post_message(self.CorrectionWanted())


def _heading(text: str) -> ListOption:
    return ListOption(styled(text, TITLE), disabled=True)


def _kind_heading(kind: EntityKind) -> ListOption:
    # Coloured like the kind's mentions in the article: the headings double as the legend.
    label = styled(f" {ENTITY_LABELS[kind].capitalize()}", ENTITY_STYLES[kind]).stylize(TITLE)
    return ListOption(label, disabled=True)


def _entry(option_id: str, kind: EntityKind, name: str, count: int, width: int) -> ListOption:
    prompt = styled(f"{count:>{width},} ", MUTED) + plain(name).stylize(ENTITY_STYLES[kind])
    return ListOption(prompt, option_id)


def _count_width(counts: Iterable[int]) -> int:
    """The columns of a section's counts, right-aligned so its names line up: the widest count
    and a space before it, at least four."""
    return max([4, *(len(f"{count:,}") + 1 for count in counts)])


class EntitySidebar(Vertical):
    """Posts `EntityHighlighted` as the cursor moves to an entity, `EntityChosen` on Enter,
    `CorrectionWanted` on `e` over a name."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES

    @dataclass
    class EntityHighlighted(Message):
        sidebar: EntitySidebar
        entity: SelectedEntity | None

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    @dataclass
    class EntityChosen(Message):
        sidebar: EntitySidebar
        entity: SelectedEntity

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    @dataclass
    class Left(Message):
        sidebar: EntitySidebar

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    @dataclass
    class CorrectionWanted(Message):
        """The user wants to correct the name (`e`)."""

        sidebar: EntitySidebar
        entity: SelectedEntity

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    @dataclass
    class SourceChosen(Message):
        sidebar: EntitySidebar
        source: str

        @property
        def control(self) -> EntitySidebar:
            return self.sidebar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="styled-text")
        self._story: dict[EntityKind, list[tuple[str, int]]] = {kind: [] for kind in ENTITY_KINDS}
        self._facets: dict[EntityKind, tuple[FacetCount, ...]] = {kind: () for kind in ENTITY_KINDS}
        self._facet_total = 0
        self._has_story = False
        self._entries: dict[str, SelectedEntity] = {}
        # The results' stories per feed, and the source of each of their options.
        self._sources: tuple[FacetCount, ...] = ()
        self._source_entries: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield EntityList(id="entity-list", classes="styled-text")

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    @property
    def highlighted_entity(self) -> SelectedEntity | None:
        option = self.entity_list.highlighted_option
        return self._entries.get(option.id) if option and option.id else None

    def show_story(self, mentions: tuple[Mention, ...]) -> None:
        self._has_story = True
        self._story = mention_counts(mentions)
        self._rebuild(keep=False)

    def show_facets(self, facets: dict[EntityKind, tuple[FacetCount, ...]], total: int) -> None:
        self._facets = facets
        self._facet_total = total
        self._rebuild(keep=True)

    def show_sources(self, sources: tuple[FacetCount, ...]) -> None:
        if sources != self._sources:
            self._sources = sources
            self._rebuild(keep=True)

    def _rebuild(self, *, keep: bool) -> None:
        entity_list = self.entity_list
        kept = self.highlighted_entity if keep else None
        kept_id = (
            entity_list.highlighted_option.id if keep and entity_list.highlighted_option else None
        )
        options: list[ListOption] = []
        self._entries = {}
        if self._has_story:
            width = _count_width(count for named in self._story.values() for _, count in named)
            options.append(_heading("In this story"))
            if not any(self._story.values()):
                options.append(ListOption(styled(" No names found", MUTED), disabled=True))
            for kind in ENTITY_KINDS:
                if self._story[kind]:
                    options.append(_kind_heading(kind))
                for number, (name, count) in enumerate(self._story[kind]):
                    option_id = f"story-{kind}-{number}"
                    self._entries[option_id] = SelectedEntity(kind, name)
                    options.append(_entry(option_id, kind, name, count, width))
        stories = "story" if self._facet_total == 1 else "stories"
        if options:
            options.append(ListOption(plain(""), disabled=True))
        options.append(_heading(f"Across {self._facet_total:,} {stories}"))
        width = _count_width(facet.count for facets in self._facets.values() for facet in facets)
        if not any(self._facets.values()):
            options.append(ListOption(styled(" No names found", MUTED), disabled=True))
        for kind in ENTITY_KINDS:
            if self._facets.get(kind):
                options.append(_kind_heading(kind))
            for number, facet in enumerate(self._facets.get(kind, ())):
                option_id = f"facet-{kind}-{number}"
                self._entries[option_id] = SelectedEntity(kind, facet.name)
                options.append(_entry(option_id, kind, facet.name, facet.count, width))
        options += self._source_options()
        entity_list.set_options(options)
        entity_list.highlighted = None
        if kept_id is not None and kept is not None:
            for option_id, entity in self._entries.items():
                if entity == kept and option_id.split("-")[0] == kept_id.split("-")[0]:
                    entity_list.highlighted = entity_list.get_option_index(option_id)
                    break

    def _source_options(self) -> list[ListOption]:
        self._source_entries = {}
        if not self._sources:
            return []
        width = _count_width(source.count for source in self._sources)
        options = [ListOption(plain(""), disabled=True), _heading("Sources")]
        for number, source in enumerate(self._sources):
            option_id = f"source-{number}"
            self._source_entries[option_id] = source.name
            options.append(
                ListOption(
                    styled(f"{source.count:>{width},} ", MUTED) + plain(source.name), option_id
                )
            )
        return options

    def highlight_first_story_entity(self) -> SelectedEntity | None:
        """Highlight the open story's first name (most mentioned of its kind); None if none."""
        for option_id, entity in self._entries.items():
            if option_id.startswith("story-"):
                self.entity_list.highlighted = self.entity_list.get_option_index(option_id)
                return entity
        return None

    def focus_list(self) -> None:
        entity_list = self.entity_list
        entity_list.focus()
        if entity_list.highlighted is None and self._entries:
            entity_list.highlighted = entity_list.get_option_index(next(iter(self._entries)))

    @on(LineOptionList.OptionHighlighted, "#entity-list")
    def _highlighted(self, event: LineOptionList.OptionHighlighted) -> None:
        event.stop()
        entity = self._entries.get(event.option.id or "")
        self.post_message(self.EntityHighlighted(self, entity))

    @on(LineOptionList.OptionSelected, "#entity-list")
    def _selected(self, event: LineOptionList.OptionSelected) -> None:
        event.stop()
        entity = self._entries.get(event.option.id or "")
        if entity is not None:
            self.post_message(self.EntityChosen(self, entity))
        elif (source := self._source_entries.get(event.option.id or "")) is not None:
            self.post_message(self.SourceChosen(self, source))

    @on(EntityList.Left)
    def _left(self, event: EntityList.Left) -> None:
        event.stop()
        self.post_message(self.Left(self))

    @on(EntityList.CorrectionWanted)
    def _correction_wanted(self, event: EntityList.CorrectionWanted) -> None:
        event.stop()
        if (entity := self.highlighted_entity) is not None:
            self.post_message(self.CorrectionWanted(self, entity))

    def known_names(self) -> list[SelectedEntity]:
        """Every name the sidebar lists, the story's first."""
        return list(dict.fromkeys(self._entries.values()))
