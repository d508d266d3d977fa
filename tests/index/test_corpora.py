"""Indexing the real corpora of `../shared/corpora/*/txt/`: every article goes in, none skipped.

This is the slow test of the suite (tens of seconds): one build, shared by the module.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from articles.entities import get_extractor
from articles.entities.archive_kinds import ArchiveKinds, as_the_archive_reads
from index.api import ENTITY_SCAN_CHARS, IndexReport, update_index
from index.build import ARCHIVE_KINDS, archive_kinds_from_json
from index.manifest import Manifest
from index.whoosh.search import ArchiveIndex

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"


@pytest.fixture(scope="module")
def corpora() -> list[Path]:
    folders = sorted(SHARED.glob("corpora/*/txt")) if SHARED.is_dir() else []
    if not folders:
        pytest.skip("../shared/corpora/*/txt is not present beside the repository")
    return [folder.resolve() for folder in folders]


@pytest.fixture(scope="module")
def built(
    corpora: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[IndexReport, ArchiveIndex]]:
    """An archive of symbolic links to the corpus folders, indexed once."""
    archive = tmp_path_factory.mktemp("corpora") / "archive"
    archive.mkdir()
    for folder in corpora:
        (archive / folder.parent.name).symlink_to(folder, target_is_directory=True)
    index_dir = archive.parent / "index"
    report = update_index(archive, index_dir)
    archive_index = ArchiveIndex.open(index_dir)
    yield report, archive_index
    archive_index.close()


def test_every_corpus_article_is_indexed_and_none_skipped(
    corpora: list[Path], built: tuple[IndexReport, ArchiveIndex]
) -> None:
    report, archive_index = built
    files = sum(len(list(folder.glob("*.txt"))) for folder in corpora)
    assert report.skipped == []
    assert report.indexed == files
    assert archive_index.doc_count == files


def test_the_corpora_can_be_searched(built: tuple[IndexReport, ArchiveIndex]) -> None:
    _, archive_index = built
    page = archive_index.search("oil prices", page_size=5)
    assert page.total > 5
    assert all(hit.snippet.spans for hit in page.hits)
    facets = archive_index.facets("oil prices")
    assert any(facets[kind] for kind in facets)


def test_glued_bylines_of_the_wire_stories_become_authors(
    corpora: list[Path], built: tuple[IndexReport, ArchiveIndex]
) -> None:
    """ "By Cal MankowskiNEW YORK, March 6 - ..." opens 18 Reuters stories: its byline is glued."""
    if not any(folder.parent.name == "reuters21578" for folder in corpora):
        pytest.skip("../shared/corpora/reuters21578 is not present beside the repository")
    _, archive_index = built
    page = archive_index.search("author:mankowski", page_size=50)
    assert page.total == 18
    for hit in page.hits:
        assert hit.author == "Cal Mankowski"
        body = archive_index.article(hit.id).article.body
        assert not body.startswith("By ")


def archive_kinds_of(archive_index: ArchiveIndex) -> ArchiveKinds:
    manifest = Manifest(Path(archive_index.stats().location))
    try:
        kinds = archive_kinds_from_json(manifest.setting(ARCHIVE_KINDS))
    finally:
        manifest.close()
    assert kinds is not None
    return kinds


def test_stored_mentions_are_the_extractors_as_the_archive_reads_them(
    built: tuple[IndexReport, ArchiveIndex],
) -> None:
    """Written by the worker processes, read back as the extractor finds them, with the names
    the whole archive shows to be companies and clubs made so."""
    _, archive_index = built
    kinds = archive_kinds_of(archive_index)
    extractor = get_extractor()
    for hit in archive_index.search("said", page_size=100).hits:
        stored = archive_index.article(hit.id)
        article = stored.article
        entities = extractor.extract(article.title, article.body[:ENTITY_SCAN_CHARS])
        assert stored.mentions == as_the_archive_reads(entities, kinds).mentions


def test_companies_the_wire_shows_to_be_companies_are_so_where_a_story_gives_no_clue(
    corpora: list[Path], built: tuple[IndexReport, ArchiveIndex]
) -> None:
    """Reuters names hundreds of companies by their legal form or their shares; a story that
    names one bare ("Dome said...", "Shearson was...") reads it as the rest of the wire does."""
    if not any(folder.parent.name == "reuters21578" for folder in corpora):
        pytest.skip("../shared/corpora/reuters21578 is not present beside the repository")
    _, archive_index = built
    organizations = archive_kinds_of(archive_index).organizations
    assert len(organizations) > 500
    assert {"Dome", "Shearson", "Drexel", "Salomon", "Boeing", "Mobil"} <= organizations
    for name in ("Dome", "Shearson"):
        kinds = Counter(
            mention.kind
            for hit in archive_index.search(name, page_size=1000).hits
            for mention in archive_index.article(hit.id).mentions
            if mention.name == name
        )
        assert kinds["organization"] > 40
        assert kinds["person"] == kinds["place"] == 0


def test_an_entity_search_puts_the_stories_most_about_the_name_first(
    corpora: list[Path], built: tuple[IndexReport, ArchiveIndex]
) -> None:
    """74 Reuters stories name James Baker, from once to ten times: no story naming him once
    comes before one naming him six times or more."""
    if not any(folder.parent.name == "reuters21578" for folder in corpora):
        pytest.skip("../shared/corpora/reuters21578 is not present beside the repository")
    _, archive_index = built
    page = archive_index.search('person:"James Baker"', page_size=200)
    assert page.total >= 74
    mentions = [
        sum(mention.name == "James Baker" for mention in archive_index.article(hit.id).mentions)
        for hit in page.hits
    ]
    scores = [hit.score for hit in page.hits]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[-1]
    first_named_once = mentions.index(1)
    assert max(mentions[first_named_once:]) < 6, mentions
