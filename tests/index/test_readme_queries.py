"""Every example of the README's query language finds what the README says, on the bundled sample.

The examples are read from README.md itself, so the table and this test cannot drift apart: a row
that finds nothing in the sample archive is a failing test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from articles.bundled import SAMPLE_ARCHIVE
from index.build import update_index
from index.search import ArchiveIndex

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_query_examples() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## The query language") :]
    section = section[: section.index("\n## ", 1)]
    examples = []
    for line in section.splitlines():
        if line.startswith("| `"):
            first_column = line.split("|")[1]
            examples.extend(re.findall(r"`([^`]+)`", first_column))
    return examples


EXAMPLES = readme_query_examples()


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ArchiveIndex]:
    index_dir = tmp_path_factory.mktemp("sample-index")
    update_index(SAMPLE_ARCHIVE, index_dir)
    opened = ArchiveIndex.open(index_dir)
    yield opened
    opened.close()


def test_the_readme_has_a_query_table() -> None:
    assert len(EXAMPLES) >= 15
    assert "cooperaton~" in EXAMPLES


@pytest.mark.parametrize("example", EXAMPLES)
def test_every_readme_example_finds_stories_in_the_sample(
    sample_index: ArchiveIndex, example: str
) -> None:
    assert sample_index.search(example, page_size=100).total > 0, example


def _ids(index: ArchiveIndex, query: str) -> set[str]:
    page = index.search(query, page_size=200)
    assert page.total == len(page.hits)
    return {hit.id for hit in page.hits}


@pytest.mark.parametrize("fuzzy", ["cooperaton~", "cooperaton~2", "Cooperaton~1"])
def test_a_typo_in_a_words_ending_finds_the_word_fuzzily(
    sample_index: ArchiveIndex, fuzzy: str
) -> None:
    assert _ids(sample_index, fuzzy) == _ids(sample_index, "cooperation")


def test_the_claims_beside_the_table_hold(sample_index: ArchiveIndex) -> None:
    assert _ids(sample_index, "Gasic") == _ids(sample_index, "Gašić") != set()
    assert _ids(sample_index, "cooperate") == _ids(sample_index, "cooperation") != set()
    assert _ids(sample_index, "person:valiyev") == _ids(sample_index, 'person:"Karim Valiyev"')
    assert _ids(sample_index, "(strike OR walkout) port") <= _ids(sample_index, "port")
    assert not _ids(sample_index, "port NOT Rotterdam") & _ids(sample_index, "Rotterdam")


@pytest.mark.parametrize(
    ("query", "first", "last"),
    [
        ("date:2024", "2024-01-01", "2024-12-31"),
        ("date:2024-06", "2024-06-01", "2024-06-30"),
        ("date:2024-06-11", "2024-06-11", "2024-06-11"),
        ("date:[2024-01-01 to 2024-06-30]", "2024-01-01", "2024-06-30"),
        ("date:>2024-01-01", "2024-01-02", "9999-12-31"),
    ],
)
def test_date_examples_keep_to_their_dates(
    sample_index: ArchiveIndex, query: str, first: str, last: str
) -> None:
    page = sample_index.search(query, page_size=200)
    assert 0 < page.total == len(page.hits)
    dates = sorted(str(hit.date) for hit in page.hits)
    assert all(first <= day[:10] <= last for day in dates), (query, dates)


def test_an_entity_search_puts_the_story_about_the_name_first(sample_index: ArchiveIndex) -> None:
    page = sample_index.search('person:"Karim Valiyev"', page_size=10)
    assert page.hits[0].id == "2024-10-22-valiyev-visits-serbian-military-academy.txt"
    assert page.hits[0].score > page.hits[1].score
