"""The build is the same for every engine: it plans, reports and keeps the manifest, and writes
through the engine's `IndexWriter`. An engine that keeps its index in memory proves it needs no
Whoosh; the engines installed are found by name for indexing as for searching."""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from articles.entities import EntityExtractor
from articles.model import Article, Entities
from index.api import (
    FileJob,
    FileResult,
    IndexProgress,
    IndexReport,
    IndexUnavailable,
    load_engine,
    open_engine,
    update_index,
)
from index.build import index_file
from index.build import pending_changes as build_pending_changes
from index.build import update_index as build_update_index

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLES = 9  # the stories of the conftest's test archive
WHEAT = "economy/2023-05-09-wheat.txt"
GLACIER = "science/2024-01-15-glacier.txt"


class MemoryEngine:
    """The write side of an engine whose indexes are dictionaries: archive path -> articles
    with their names, as committed."""

    schema_version = "memory-1"

    def __init__(self) -> None:
        self.indexes: dict[Path, dict[str, list[tuple[Article, Entities]]]] = {}

    def index_exists(self, index_dir: Path) -> bool:
        return index_dir in self.indexes

    def prepare_index(self, index_dir: Path, archive: Path) -> None:
        index_dir.mkdir(parents=True, exist_ok=True)  # the build keeps its manifest there
        self.indexes.setdefault(index_dir, {})

    def writer(self, index_dir: Path) -> MemoryWriter:
        return MemoryWriter(self.indexes[index_dir])

    def remove_index(self, index_dir: Path) -> None:
        self.indexes.pop(index_dir, None)

    def titles(self, index_dir: Path) -> dict[str, list[str]]:
        return {
            path: [article.title for article, _ in articles]
            for path, articles in self.indexes[index_dir].items()
        }


class MemoryWriter:
    def __init__(self, committed: dict[str, list[tuple[Article, Entities]]]) -> None:
        self._committed = committed
        self._added: list[tuple[Article, Entities]] = []
        self._deleted: set[str] = set()
        self.started_empty = not committed

    def add(self, article: Article, entities: Entities) -> None:
        self._added.append((article, entities))

    def delete(self, path: str) -> None:
        self._deleted.add(path)

    def index_files(
        self, jobs: Sequence[FileJob], extractor: EntityExtractor
    ) -> Iterator[FileResult]:
        return (index_file(job, extractor, self.add) for job in jobs)

    def commit(self) -> None:
        for path in self._deleted:
            self._committed.pop(path, None)
        for article, entities in self._added:
            self._committed.setdefault(article.path, []).append((article, entities))

    def cancel(self) -> None:
        self._added.clear()
        self._deleted.clear()


def counts(report: IndexReport) -> tuple[int, int, int, int]:
    return report.indexed, report.updated, report.unchanged, report.removed


def test_an_engine_without_whoosh_is_built_and_kept_up_to_date(
    archive: Path, tmp_path: Path
) -> None:
    engine, index_dir = MemoryEngine(), tmp_path / "index"
    first = build_update_index(archive, index_dir, engine)
    assert counts(first) == (ARTICLES, 0, 0, 0)
    assert [problem.path for problem in first.skipped] == []
    stored = engine.indexes[index_dir]
    assert sum(len(articles) for articles in stored.values()) == ARTICLES
    ((_, entities),) = stored["defence/2024-03-14-baku-visit.txt"]
    assert "Bratislav Gašić" in entities.names["person"]

    story = archive / WHEAT
    story.write_text(story.read_text().replace("Wheat prices climb", "Barley prices climb"))
    (archive / GLACIER).unlink()
    assert build_pending_changes(archive, index_dir, engine) == 2
    second = build_update_index(archive, index_dir, engine)
    assert counts(second) == (0, 1, ARTICLES - 2, 1)
    titles = engine.titles(index_dir)
    assert titles[WHEAT] == ["Barley prices climb after a dry spring"]
    assert GLACIER not in titles
    assert build_pending_changes(archive, index_dir, engine) == 0


def test_a_rebuild_starts_the_engine_s_index_over(archive: Path, tmp_path: Path) -> None:
    engine, index_dir = MemoryEngine(), tmp_path / "index"
    build_update_index(archive, index_dir, engine)
    engine.indexes[index_dir]["left/over.txt"] = []
    report = build_update_index(archive, index_dir, engine, rebuild=True)
    assert counts(report) == (ARTICLES, 0, 0, 0)
    assert "left/over.txt" not in engine.indexes[index_dir]


def test_an_index_of_another_schema_is_built_again(archive: Path, tmp_path: Path) -> None:
    engine, index_dir = MemoryEngine(), tmp_path / "index"
    build_update_index(archive, index_dir, engine)
    engine.schema_version = "memory-2"
    assert counts(build_update_index(archive, index_dir, engine)) == (ARTICLES, 0, 0, 0)


def test_an_update_stopped_midway_is_cancelled_and_redone_next_time(
    archive: Path, tmp_path: Path
) -> None:
    engine, index_dir = MemoryEngine(), tmp_path / "index"
    build_update_index(archive, index_dir, engine)
    (archive / "new.txt").write_text(" date 2024-10-01 A new story\nIt arrived late.\n")
    (archive / WHEAT).unlink()

    def stop_after_a_file(update: IndexProgress) -> None:
        if update.done:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_update_index(archive, index_dir, engine, progress=stop_after_a_file)
    titles = engine.titles(index_dir)
    assert WHEAT in titles and "new.txt" not in titles
    assert counts(build_update_index(archive, index_dir, engine)) == (1, 0, ARTICLES - 1, 1)


def _imports(module: str) -> set[str]:
    """The modules `module`'s source imports, lazily inside functions too."""
    tree = ast.parse((REPO_ROOT / f"{module.replace('.', '/')}.py").read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_indexing_through_the_interface_needs_neither_whoosh_nor_numpy() -> None:
    """What `index.api` reaches for indexing, followed through the project's own modules (the
    engines themselves are found by entry point, at run time)."""
    reached, waiting = set(), ["index.api"]
    while waiting:
        module = waiting.pop()
        if module in reached or not (REPO_ROOT / f"{module.replace('.', '/')}.py").is_file():
            continue
        reached.add(module)
        waiting.extend(_imports(module))
    assert "index.build" in reached
    engines = {name for name in reached if name.startswith(("index.whoosh", "index.fastpath"))}
    assert engines == set()
    third_party = {name.split(".")[0] for module in reached for name in _imports(module)}
    assert not third_party & {"whoosh", "numpy"}


def test_each_installed_engine_indexes_what_it_then_searches(archive: Path, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    assert counts(update_index(archive, index_dir, engine="whoosh")) == (ARTICLES, 0, 0, 0)
    for name in ("whoosh", "fastpath"):
        assert load_engine(name).index_exists(index_dir)
        searched = open_engine(index_dir, name)
        try:
            assert searched.count("") == ARTICLES
        finally:
            searched.close()


def test_an_unknown_engine_is_a_plain_error(archive: Path, tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable, match="no search engine named 'lucene'.*fastpath"):
        update_index(archive, tmp_path / "index", engine="lucene")
    assert not (tmp_path / "index").exists()
