"""The search bar: the query input and a status line (hit count and time, errors, suggestions,
an index update under way)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Click, Key
from textual.message import Message
from textual.widgets import Input, Static

from index.api import SearchPage, entity_query
from reader.rendering import ERROR, MUTED, SEARCH_HIT, TEXT_COMPONENT_CLASSES, styled


def placeholder_for(person: str | None, place: str | None) -> str:
    """The search bar's hint, with the open archive's own most named person and place."""
    people = entity_query("person", person) if person else 'person:"Name"'
    places = entity_query("place", place) if place else 'place:"Name"'
    return f'Search: words, "a phrase", {people}, {places}, date:2024, word~'


def format_seconds(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.0f} s"


def page_summary(page: SearchPage) -> Content:
    stories = "story" if page.total == 1 else "stories"
    order = "newest first" if page.sort == "date" else "best match first"
    text = f"{page.total:,} {stories} · {format_seconds(page.seconds)} · {order}"
    if page.notes:
        text += f" · {page.notes[0]}"
    return styled(text, MUTED)


class QueryInput(Input):
    """The query; Enter and Escape here are the main screen's (priority) bindings."""

    def on_key(self, event: Key) -> None:
        # `/` in the empty bar is the habit of pressing it to search (it focuses the bar from
        # elsewhere), not a query. Read here, in the order the keys were typed, and not by the
        # screen's binding, which sees a fast burst ("x/y") before the bar has taken its "x".
        if event.character == "/" and not self.value:
            event.prevent_default()
            event.stop()


class SuggestionLabel(Static, can_focus=False):
    """ "Did you mean …?"; a click accepts it."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES

    @dataclass
    class Clicked(Message):
        pass

    def on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Clicked())


class SearchBar(Vertical):
    """Posts `QueryChanged` as the user types and `SuggestionAccepted` when one is clicked."""

    COMPONENT_CLASSES = TEXT_COMPONENT_CLASSES

    @dataclass
    class QueryChanged(Message):
        search_bar: SearchBar
        query: str

        @property
        def control(self) -> SearchBar:
            return self.search_bar

    @dataclass
    class SuggestionAccepted(Message):
        search_bar: SearchBar
        suggestion: str

        @property
        def control(self) -> SearchBar:
            return self.search_bar

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="styled-text")
        self.suggestion: str | None = None
        # Set while the query is changed by the program (history, entity choice, suggestion).
        self._quiet_value: str | None = None

    def compose(self) -> ComposeResult:
        yield QueryInput(placeholder=placeholder_for(None, None), id="query")
        with Horizontal(id="search-status-row"):
            yield Static(id="search-status", classes="styled-text")
            yield SuggestionLabel(id="suggestion", classes="styled-text")
            yield Static(id="index-status", classes="styled-text")

    @property
    def input(self) -> QueryInput:
        return self.query_one(QueryInput)

    @property
    def query_text(self) -> str:
        return self.input.value

    def set_query(self, query: str) -> None:
        """Show `query` in the input without announcing it as typed."""
        if self.input.value != query:
            self._quiet_value = query
            self.input.value = query
        self.input.cursor_position = len(query)

    def show_page(self, page: SearchPage) -> None:
        self.query_one("#search-status", Static).update(page_summary(page))
        self.show_suggestion(page.suggestion)

    def show_error(self, message: str) -> None:
        text = styled(f"⚠ {message}", ERROR) + styled("  (showing the previous results)", MUTED)
        self.query_one("#search-status", Static).update(text)
        self.show_suggestion(None)

    def show_busy(self, message: str) -> None:
        self.query_one("#search-status", Static).update(styled(message, MUTED))

    def show_index_status(self, message: str | None) -> None:
        """A quiet note on the right while the index is updated behind the stories."""
        status = self.query_one("#index-status", Static)
        status.display = message is not None
        status.update(styled(message or "", MUTED))

    def show_examples(self, person: str | None, place: str | None) -> None:
        """Take the placeholder's examples from the open archive."""
        self.input.placeholder = placeholder_for(person, place)

    def show_suggestion(self, suggestion: str | None) -> None:
        had_suggestion = self.suggestion is not None
        self.suggestion = suggestion
        label = self.query_one(SuggestionLabel)
        label.display = suggestion is not None
        if suggestion is not None:
            keys = self.app.get_key_display(_suggestion_binding(self))
            label.update(
                styled("Did you mean ", MUTED)
                + styled(suggestion, SEARCH_HIT)
                + styled(f"?  ({keys} or click)", MUTED)
            )
        if had_suggestion != (suggestion is not None):
            self.screen.refresh_bindings()  # the footer re-creates its keys: only on a change

    @on(Input.Changed, "#query")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if self._quiet_value is not None and event.value == self._quiet_value:
            self._quiet_value = None
            return
        self._quiet_value = None
        self.post_message(self.QueryChanged(self, event.value))

    @on(SuggestionLabel.Clicked)
    def _suggestion_clicked(self, event: SuggestionLabel.Clicked) -> None:
        event.stop()
        if self.suggestion is not None:
            self.post_message(self.SuggestionAccepted(self, self.suggestion))


def _suggestion_binding(widget: SearchBar) -> Binding:
    """The binding that accepts a suggestion, with the user's keymap applied."""
    for _key, active in widget.screen.active_bindings.items():
        if active.binding.id == "accept_suggestion":
            return active.binding
    return Binding("ctrl+y", "accept_suggestion")
