"""Every example of the README's query language finds what the README says, on the bundled sample.

The examples are read from README.md itself, so the table and this test cannot drift apart: a row
that finds nothing in the sample archive is a failing test.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from story_marks import marks_for

from articles.bundled import SAMPLE_ARCHIVE
from index.api import update_index
from index.whoosh.search import ArchiveIndex

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
    unmarked = ArchiveIndex.open(index_dir)
    marks = marks_for(EXAMPLES, _marked(unmarked))
    unmarked.close()
    opened = ArchiveIndex.open(index_dir, marks=marks)
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


@pytest.mark.parametrize(
    "fuzzy",
    [
        "cooperaton~",
        "cooperaton~2",
        "Cooperaton~1",
        "cooperaiton~2",
        "cooperatoin~2",
        "coopreation~2",
    ],
)
def test_a_typo_in_a_words_ending_finds_the_word_fuzzily(
    sample_index: ArchiveIndex, fuzzy: str
) -> None:
    assert _ids(sample_index, fuzzy) == _ids(sample_index, "cooperation")


def test_the_claims_beside_the_table_hold(sample_index: ArchiveIndex) -> None:
    assert _ids(sample_index, "Gasic") == _ids(sample_index, "Gašić") != set()
    assert _ids(sample_index, "cooperate") == _ids(sample_index, "cooperation") != set()


def _marked(index: ArchiveIndex) -> set[str]:
    """The two stories that carry every mark the examples ask for (`is:starred`, `tag:budget`…)."""
    return set(sorted(index.story_ids(""))[:2])


def _unmarked(index: ArchiveIndex) -> set[str]:
    return set(index.story_ids("")) - _marked(index)


def _text(index: ArchiveIndex, story_id: str) -> str:
    article = index.article(story_id).article
    return " ".join(filter(None, (article.title, article.body, article.author))).lower()


# What each row says its example finds, as a check of the stories it found.
ROW_CLAIMS: dict[str, Callable[[ArchiveIndex, set[str]], bool]] = {
    "strike port": lambda index, found: found == _ids(index, "strike") & _ids(index, "port"),
    '"military cooperation"': lambda index, found: all(
        "military cooperation" in _text(index, story) for story in found
    ),
    "strike OR walkout": lambda index, found: (
        found == _ids(index, "strike") | _ids(index, "walkout")
    ),
    "port NOT Rotterdam": lambda index, found: (
        found == _ids(index, "port") - _ids(index, "Rotterdam")
    ),
    "(strike OR walkout) port": lambda index, found: (
        found == (_ids(index, "strike") | _ids(index, "walkout")) & _ids(index, "port")
    ),
    "title:budget": lambda index, found: all(
        "budget" in index.article(story).article.title.lower() for story in found
    ),
    "author:alizade": lambda index, found: all(
        "Alizade" in (index.article(story).article.author or "") for story in found
    ),
    'person:"Karim Valiyev"': lambda index, found: all(
        "Karim Valiyev" in index.article(story).entities["person"] for story in found
    ),
    "person:valiyev": lambda index, found: found == _ids(index, 'person:"Karim Valiyev"'),
    "cooperaton~": lambda index, found: found == _ids(index, "cooperation"),
    "cooperaton~2": lambda index, found: found == _ids(index, "cooperation"),
    "cooper*": lambda index, found: all(
        re.search(r"\bcooper", _text(index, story)) for story in found
    ),
    "is:unread": lambda index, found: found == _unmarked(index),
    "is:read": lambda index, found: found == _marked(index),
    "is:starred": lambda index, found: found == _marked(index),
    "is:unstarred": lambda index, found: found == _unmarked(index),
    "tag:budget": lambda index, found: found == _marked(index),
    'tag:"cost of living"': lambda index, found: found == _marked(index),
    "has:note": lambda index, found: found == _marked(index),
    "note:ferry": lambda index, found: found == _marked(index),
}


@pytest.mark.parametrize("example", ROW_CLAIMS)
def test_each_row_finds_what_it_says(sample_index: ArchiveIndex, example: str) -> None:
    assert example in EXAMPLES, "the README no longer has this example"
    found = _ids(sample_index, example)
    assert found
    assert ROW_CLAIMS[example](sample_index, found), (example, sorted(found))


# The first and last day each date example stands for.
DATE_CLAIMS = {
    "date:2024": ("2024-01-01", "2024-12-31"),
    "date:2024-06": ("2024-06-01", "2024-06-30"),
    "date:2024-06-11": ("2024-06-11", "2024-06-11"),
    "date:[2024-01-01 to 2024-06-30]": ("2024-01-01", "2024-06-30"),
    "date:>2024-01-01": ("2024-01-02", "9999-12-31"),
}


def test_every_example_has_its_claim_checked() -> None:
    assert set(EXAMPLES) <= ROW_CLAIMS.keys() | DATE_CLAIMS.keys()


@pytest.mark.parametrize("query", DATE_CLAIMS)
def test_date_examples_keep_to_their_dates(sample_index: ArchiveIndex, query: str) -> None:
    assert query in EXAMPLES, "the README no longer has this example"
    first, last = DATE_CLAIMS[query]
    page = sample_index.search(query, page_size=200)
    assert 0 < page.total == len(page.hits)
    dates = sorted(str(hit.date) for hit in page.hits)
    assert all(first <= day[:10] <= last for day in dates), (query, dates)


def test_an_entity_search_puts_the_story_about_the_name_first(sample_index: ArchiveIndex) -> None:
    page = sample_index.search('person:"Karim Valiyev"', page_size=10)
    assert page.hits[0].id == "2024-10-22-valiyev-visits-serbian-military-academy.txt"
    assert page.hits[0].score > page.hits[1].score
