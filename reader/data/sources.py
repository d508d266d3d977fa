"""The sources of a search's stories: how many of its hits came from each feed followed, for the
sidebar's "Sources" (a `source:` search per feed: a handful of feeds, each a fast count)."""

from __future__ import annotations

from collections.abc import Iterable

from index.api import FacetCount, QueryError, SearchEngine


def source_query(name: str) -> str:
    """The query of the stories from the source `name`."""
    return f'source:"{name}"'


def source_counts(index: SearchEngine, query: str, names: Iterable[str]) -> tuple[FacetCount, ...]:
    """The hits of `query` from each source of `names` that has some, the most first."""
    counts = []
    for name in names:
        if '"' in name:
            continue  # a quote can't be written inside a quoted query term
        scoped = f"({query}) {source_query(name)}" if query.strip() else source_query(name)
        try:
            count = index.count(scoped)
        except QueryError:
            return ()  # the query itself can't run: its results say why
        if count:
            counts.append(FacetCount(name, count))
    return tuple(sorted(counts, key=lambda facet: (-facet.count, facet.name.casefold())))
