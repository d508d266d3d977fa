"""A stand-in for `ArchiveSession` with fixed, hand-written data, for the SVG snapshots: they
change only when the screen does, not when the core's extractor or scoring improves."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from articles.model import ENTITY_KINDS, Article, EntityKind, Mention
from index.api import FacetCount, Highlighted, Hit, SearchPage, SortOrder, StoredArticle
from reader.explore.entities import NameCounts, archive_name_counts

T = TypeVar("T")


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    day: date
    author: str | None
    body: str
    entities: dict[EntityKind, tuple[str, ...]]


STORIES = (
    Story(
        "2024/harbour-bridge.txt",
        "Council of Marenvik approves the new harbour bridge",
        date(2024, 3, 12),
        "Ilse Torvald",
        "The city council of Marenvik voted on Tuesday to build a second bridge across the "
        "harbour, ending a debate that has lasted almost ten years.\n\n"
        "Mayor Henrik Aasland said the bridge would cut the morning journey from the eastern "
        'islands by twenty minutes. "People have waited long enough," Aasland said.\n\n'
        "The Nordvik Building Company is expected to bid for the contract. Critics from the "
        "Green Harbour Alliance say the bridge will harm the seal colony near Skarholm.",
        {
            "person": ("Henrik Aasland",),
            "place": ("Marenvik", "Skarholm"),
            "organization": ("Nordvik Building Company", "Green Harbour Alliance"),
        },
    ),
    Story(
        "2024/ferry-strike.txt",
        "Ferry workers strike over pay in Marenvik",
        date(2024, 5, 2),
        "Ilse Torvald",
        "Ferry crews in Marenvik stopped work on Thursday, leaving commuters from Skarholm "
        "stranded on the quay. Union leader Maja Lindqvist said talks had broken down.\n\n"
        "Mayor Henrik Aasland said the strike showed why the city needed the harbour bridge.",
        {
            "person": ("Henrik Aasland", "Maja Lindqvist"),
            "place": ("Marenvik", "Skarholm"),
            "organization": ("Coastal Transport Union",),
        },
    ),
    Story(
        "2024/seals.txt",
        "Scientists count record number of seals near Skarholm",
        date(2024, 6, 20),
        None,
        "Researchers from the University of Solberg counted more than four hundred grey seals "
        "off Skarholm. Dr. Elin Brekke warned that the harbour bridge could disturb them.",
        {
            "person": ("Elin Brekke",),
            "place": ("Skarholm",),
            "organization": ("University of Solberg",),
        },
    ),
    Story(
        "2024/poster.txt",
        "Library shows [bold]poster[/] art from the old cannery",
        date(2024, 7, 1),
        None,
        "One poster reads [red]FRESH FISH[/red] in large letters. Librarian Tomas Hegge said "
        "visitors from Skarholm had booked tours of the harbour exhibition.",
        {"person": ("Tomas Hegge",), "place": ("Skarholm",), "organization": ()},
    ),
)
ENTITY_QUERY = re.compile(r'^(person|place|organization):"([^"]+)"$')


def _spans(words: list[str], text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    for word in words:
        spans += [m.span() for m in re.finditer(rf"\b{re.escape(word)}\w*", text, re.IGNORECASE)]
    return tuple(sorted(spans))


def _mentions(story: Story) -> tuple[Mention, ...]:
    found = []
    for kind in ENTITY_KINDS:
        for name in story.entities.get(kind, ()):
            forms = [name, name.split()[-1]] if kind == "person" else [name]
            for field_name, text in (("title", story.title), ("body", story.body)):
                taken: set[int] = set()
                for form in forms:
                    for match in re.finditer(rf"\b{re.escape(form)}\b", text):
                        if not taken.intersection(range(*match.span())):
                            taken.update(range(*match.span()))
                            found.append(Mention(kind, name, *match.span(), field_name))
    return tuple(found)


class FakeSession:
    archive = Path("/archives/marenvik")
    index_dir = Path("/cache/marenvik")
    name = "marenvik"
    doc_count = len(STORIES)
    library = None  # the snapshots show no marks

    def marks_of(self, ids: object) -> dict[str, object]:
        return {}

    def _matching(self, query: str) -> list[Story]:
        if match := ENTITY_QUERY.match(query.strip()):
            kind, name = match.groups()
            return [s for s in STORIES if name in s.entities.get(kind, ())]  # type: ignore[call-overload]
        words = query.lower().split()
        return [s for s in STORIES if all(w in (s.title + s.body).lower() for w in words)]

    def _hit(self, story: Story, words: list[str]) -> Hit:
        return Hit(
            id=story.id,
            path=story.id,
            title=Highlighted(story.title, _spans(words, story.title)),
            snippet=Highlighted(story.body[:160] + "…", _spans(words, story.body[:160])),
            date=story.day,
            author=story.author,
            source=None,
            score=1.0,
            entities=story.entities,
        )

    def search(
        self,
        query: str,
        *,
        page: int = 1,
        page_size: int = 50,
        sort: SortOrder = "relevance",
        suggest: bool = False,
        through_end: bool = False,
    ) -> SearchPage:
        stories = sorted(self._matching(query), key=lambda s: s.day, reverse=True)
        words = [] if ENTITY_QUERY.match(query.strip()) else query.lower().split()
        return SearchPage(
            query=query,
            total=len(stories),
            hits=tuple(self._hit(s, words) for s in stories),
            page=1,
            page_size=page_size,
            sort="date" if sort == "date" or not query.strip() else "relevance",
            suggestion=None,
            seconds=0.004,
        )

    def search_if_wanted(
        self, query: str, *, page_size: int, sort: SortOrder, still_wanted: Callable[[], bool]
    ) -> SearchPage | None:
        return self.search(query, page=1, page_size=page_size, sort=sort)

    def facets_if_wanted(
        self, query: str, *, top: int, still_wanted: Callable[[], bool]
    ) -> dict[EntityKind, tuple[FacetCount, ...]] | None:
        return self.facets(query, top=top)

    def suggestion_if_wanted(
        self, query: str, total: int, *, still_wanted: Callable[[], bool]
    ) -> str | None:
        return None

    def facets(self, query: str, *, top: int = 10) -> dict[EntityKind, tuple[FacetCount, ...]]:
        counts: dict[EntityKind, Counter[str]] = {kind: Counter() for kind in ENTITY_KINDS}
        for story in self._matching(query):
            for kind in ENTITY_KINDS:
                counts[kind].update(story.entities.get(kind, ()))
        return {
            kind: tuple(FacetCount(n, c) for n, c in sorted(counts[kind].items(), key=_by_count))[
                :top
            ]
            for kind in ENTITY_KINDS
        }

    def entity_names(self, *, top: int) -> dict[EntityKind, tuple[FacetCount, ...]]:
        return self.facets("", top=top)

    def article(self, article_id: str) -> StoredArticle:
        story = next(s for s in STORIES if s.id == article_id)
        article = Article(story.id, story.id, story.title, story.body, story.day, story.author)
        return StoredArticle(article, story.entities, _mentions(story))

    def related(self, article_id: str, *, limit: int = 10) -> tuple[Hit, ...]:
        return tuple(self._hit(s, []) for s in STORIES if s.id != article_id)[:limit]

    def term_spans(self, query: str, text: str) -> tuple[tuple[int, int], ...]:
        if ENTITY_QUERY.match(query.strip()):
            return ()
        return _spans(query.lower().split(), text)

    def refresh(self) -> bool:
        return False

    # The explore package's calls, the fake standing in for the index too.

    def explore_if_wanted(
        self, explore: Callable[[Any], T], *, still_wanted: Callable[[], bool] = bool
    ) -> T:
        return explore(self)

    def name_counts(self) -> NameCounts:
        return archive_name_counts(self)  # type: ignore[arg-type]

    def count(self, query: str) -> int:
        return len(self._matching(query))

    def date_counts(self, query: str) -> dict[date, int]:
        return dict(Counter(story.day for story in self._matching(query)))

    def close(self) -> None:
        pass


def _by_count(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])
