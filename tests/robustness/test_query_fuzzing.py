"""Any query text either gives a page of results or the one friendly `QueryError`; nothing else
escapes. Pathological queries finish within a bounded time or are refused with a message.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from robustness_helpers import TRACEBACK, run_newsreader, user_env, write_generated

from index.api import QueryError, SearchPage, update_index
from index.whoosh.search import ArchiveIndex

STORIES = 1000
# A guard against a query that never ends (an expansion without a cap), not a measure of speed:
# those queries took up to 14 s on a 2-core box shared by eight busy processes. Speed is for
# `make bench`.
HANG_SECONDS = 120.0
FUZZ_SETTINGS = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("queries")
    archive = base / "archive"
    write_generated(archive, range(STORIES))
    (archive / "accents.txt").write_text(
        " date 2024-06-20 Gašić meets Valiyev in Zürich\n"
        "By Sabina AlizadeBratislav Gašić met Karim Valiyev. The café was full of «quotes».\n"
    )
    update_index(archive, base / "index")
    return base / "index"


@pytest.fixture(scope="module")
def archive_index(index_dir: Path) -> Iterator[ArchiveIndex]:
    opened = ArchiveIndex.open(index_dir)
    yield opened
    opened.close()


def search_everything(archive_index: ArchiveIndex, text: str) -> None:
    """What the CLI and the reader do with a query: a page, facets, the hits' spans, page two."""
    try:
        page = archive_index.search(text, page_size=10)
    except QueryError as error:
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message
        return
    assert isinstance(page, SearchPage)
    assert page.total >= len(page.hits)
    archive_index.search(text, page=2, page_size=10, sort="date")
    archive_index.facets(text, top=5)
    for hit in page.hits[:3]:
        archive_index.term_spans(text, hit.title.text)


QUERY_CHARACTERS = st.characters(
    codec="utf-8", exclude_categories=("Cs",), include_characters="()\"*?~^:[]{}<>=-+!\\/' "
)


@FUZZ_SETTINGS
@given(st.text(QUERY_CHARACTERS, max_size=60))
def test_any_text_gives_results_or_the_friendly_error(archive_index, text: str) -> None:
    search_everything(archive_index, text)


WORDS = st.sampled_from(
    [
        "harbour",
        "council",
        "Gasic",
        "gašić",
        "Zürich",
        "tag7",
        "a",
        "the",
        "AND",
        "OR",
        "NOT",
        "to",
        "",
        "cooperaton",
        "café",
        "x" * 40,
    ]
)
FIELDS = st.sampled_from(
    ["", "title:", "body:", "author:", "person:", "place:", "org:", "date:", "Title:", "nope:"]
)
SUFFIXES = st.sampled_from(["", "*", "~", "~1", "~2", "~9", "^2", "?", "*~"])
DATES = st.sampled_from(
    [
        "2024",
        "2024-06",
        "2024-06-20",
        "2024-02-30",
        "[2023-01-01 to 2024-06-30]",
        "[2024 to]",
        "[to 2023]",
        ">2024-01",
        "<=2023",
        "[x to y]",
        "99999",
        "0000-00-00",
    ]
)


@st.composite
def terms(draw) -> str:
    field = draw(FIELDS)
    if field == "date:":
        return field + draw(DATES)
    if draw(st.booleans()):
        words = " ".join(draw(st.lists(WORDS, min_size=0, max_size=4)))
        slop = draw(st.sampled_from(["", "~1", "~3", "~500"]))
        return f'{field}"{words}"{slop}'
    return field + draw(WORDS) + draw(SUFFIXES)


QUERIES = st.recursive(
    terms(),
    lambda inner: st.one_of(
        st.lists(inner, min_size=1, max_size=4).map(" ".join),
        st.tuples(inner, st.sampled_from([" AND ", " OR ", " NOT ", " ", " -", " +"]), inner).map(
            "".join
        ),
        inner.map(lambda text: f"({text})"),
        inner.map(lambda text: f"({text}"),
        inner.map(lambda text: f"NOT {text}"),
    ),
    max_leaves=12,
)


@FUZZ_SETTINGS
@given(QUERIES)
def test_any_query_of_the_language_gives_results_or_the_friendly_error(
    archive_index, text: str
) -> None:
    search_everything(archive_index, text)


PATHOLOGICAL = {
    "star": "*",
    "prefix a": "a*",
    "prefix of everything": "t*",
    "infix": "*a*",
    "many prefixes": "h* " * 600,
    "10,000 characters": "harbour " * 1250,
    "10,000 x": "x" * 10_000,
    "nested parentheses": "(" * 1000 + "harbour" + ")" * 1000,
    "nested under the length limit": "(" * 900 + "a" + ")" * 900,
    "unbalanced parentheses": "(" * 1999,
    "many NOTs": "NOT " * 450 + "harbour",
    "fuzzy common words": "harbour~2 council~2 budget~2 ferry~2 market~2",
    "fuzzy many": "harbour~2 " * 180,
    "fuzzy too far": "harbour~9",
    "long phrase": '"' + "harbour " * 240 + '"',
    "huge slop": '"harbour council"~100000 ' * 10,
    "wildcards everywhere": "*?*?*?*?*?*?*? " * 100,
    "every date": "date:[0001 to 9999]",
    "boosts": "harbour^99999999999999999999",
}


@pytest.mark.parametrize("text", list(PATHOLOGICAL.values()), ids=list(PATHOLOGICAL))
def test_a_pathological_query_finishes_or_is_refused(
    archive_index: ArchiveIndex, text: str
) -> None:
    started = time.monotonic()
    search_everything(archive_index, text)
    assert time.monotonic() - started < HANG_SECONDS


@pytest.mark.parametrize(
    "text", ["*", "(" * 1000 + "a", "x" * 10_000, '"' + "harbour " * 240 + '"', "date:2024-02-30"]
)
def test_the_command_line_refuses_a_pathological_query_in_a_sentence(
    index_dir: Path, tmp_path: Path, text: str
) -> None:
    result = run_newsreader(
        ["search", text, "--index-dir", index_dir, "--json"], user_env(tmp_path / "home")
    )
    assert result.returncode == 1
    assert TRACEBACK not in result.stderr
    assert result.stdout == b""
    message = result.stderr.decode()
    assert message.startswith("newsreader: ") and message.count("\n") == 1
