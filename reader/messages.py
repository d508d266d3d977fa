"""Messages the workers post with their results; the screens' `@on` handlers own the state.

Widget-to-parent messages live on the widgets themselves (e.g. `ResultList.StoryChosen`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

from articles.model import EntityKind
from index.api import FacetCount, Hit, IndexProgress, IndexReport, SearchPage, StoredArticle

if TYPE_CHECKING:
    from reader.data.session import ArchiveSession
    from reader.library import SavedCorrection, SavedSearch, StoryMark, StoryRef
    from reader.rendering import SelectedEntity


@dataclass
class SearchFinished(Message):
    """The first page of the search `generation` (`SearchController.search`)."""

    page: SearchPage
    generation: int
    # The user's marks of the page's stories (only those with any).
    marks: dict[str, StoryMark] = field(default_factory=dict)


@dataclass
class SearchFailed(Message):
    """The query could not be parsed or run; `message` is a sentence for the user."""

    query: str
    message: str
    generation: int


@dataclass
class ArticlesCounted(Message):
    """The number of articles in the index, after it picked up what was indexed."""

    count: int


@dataclass
class FacetsFinished(Message):
    query: str
    facets: dict[EntityKind, tuple[FacetCount, ...]]


@dataclass
class SuggestionFound(Message):
    query: str
    suggestion: str


@dataclass
class MoreResultsLoaded(Message):
    """A further page for the result list `generation` (`ResultList.MoreWanted`)."""

    page: SearchPage
    generation: int
    marks: dict[str, StoryMark] = field(default_factory=dict)


@dataclass
class ArticleLoaded(Message):
    """An article to show, with where the terms of `query` occur in its title and body."""

    stored: StoredArticle
    query: str
    title_hits: tuple[tuple[int, int], ...]
    body_hits: tuple[tuple[int, int], ...]
    # True when only the highlights changed (a new query): keep the reader's place.
    keep_position: bool = False
    # The user's marks of the story (None: none).
    mark: StoryMark | None = None
    # True when its names changed (a correction): the sidebar shows them again.
    names_changed: bool = False


@dataclass
class ArticleFailed(Message):
    article_id: str
    message: str


@dataclass
class RelatedLoaded(Message):
    article_id: str
    title: str
    hits: tuple[Hit, ...]


@dataclass
class IndexingStarted(Message):
    pending: int


@dataclass
class IndexingProgressed(Message):
    progress: IndexProgress


@dataclass
class IndexingFinished(Message):
    """`report` is None when the index was already up to date."""

    report: IndexReport | None


@dataclass
class SessionOpened(Message):
    """The archive's index, opened off the UI thread: `session` is None when it could not be
    opened (`error` says why) or holds no story. `after_indexing` with the indexing's `report`
    (None when nothing had to be indexed)."""

    session: ArchiveSession | None
    error: str | None
    after_indexing: bool
    report: IndexReport | None


@dataclass
class IndexingFailed(Message):
    message: str
    # The index's files can't be read: rebuilding it from the archive is the way out.
    damaged: bool = False


@dataclass
class MarksChanged(Message):
    """The marks of these stories as the library holds them now (None: no mark left)."""

    marks: dict[str, StoryMark | None]


@dataclass
class UnreadCounted(Message):
    """How many of the stories `query` finds are unread (the count `generation` asked for)."""

    query: str
    count: int
    generation: int


@dataclass
class TagsWanted(Message):
    """The tags input is to open for `story`, completing from `known_tags`."""

    story: StoryRef
    title: str
    known_tags: list[str]


@dataclass
class SavedSearchRow:
    """A saved search as the list shows it: its stories (None: its query no longer runs) and
    how many of them are new since it was last opened."""

    search: SavedSearch
    story_ids: frozenset[str] | None
    new: int


@dataclass
class SavedSearchesCounted(Message):
    rows: list[SavedSearchRow]


@dataclass
class ResultsToMarkRead(Message):
    """Every story of `query` (to confirm marking them read); `unread` of them are unread."""

    query: str
    stories: tuple[StoryRef, ...]
    unread: int


@dataclass
class CorrectionsChanged(Message):
    """A correction of an entity name was made or removed (`failed`: could not be), as
    `sentence` says."""

    sentence: str
    failed: bool = False


@dataclass
class CorrectionsListed(Message):
    """The user's corrections of entity names, the latest first."""

    saved: list[SavedCorrection]


@dataclass
class MergeNamesFound(Message):
    """The names `entity` may be merged into, to complete the one typed."""

    entity: SelectedEntity
    names: list[SelectedEntity]
