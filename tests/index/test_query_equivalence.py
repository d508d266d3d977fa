"""The project's query parser finds what stock Whoosh's parser found, query for query.

The reference is Whoosh's own `MultifieldParser`, configured as the search was before the
project parsed queries itself: free words in title, body and author joined by AND, Whoosh's
fuzzy, field alias and `>`/`<` plugins, field names in any case, date comparisons as the ranges
they stand for, two fuzzy edits and a slop of ten at most, and a fuzzy word in a stemmed field
as `StemmedFuzzyTerm` (the project's search semantics, not its parser). Both run every query
string the tests use, every example of the README's query table and the edge cases below, and
must find the same stories: in the test archive, in the bundled sample and, when
`../shared/corpora/` is there, in about 2,000 Reuters and Wikinews stories.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from test_readme_queries import readme_query_examples
from whoosh import index as whoosh_index
from whoosh import qparser
from whoosh import query as whoosh_query
from whoosh.searching import Searcher

from articles.bundled import SAMPLE_ARCHIVE
from index.api import QueryError, update_index
from index.query import DEFAULT_FIELDS, FIELD_ALIASES
from index.whoosh.compile import STEMMED_FIELDS, StemmedFuzzyTerm, variant_stems
from index.whoosh.search import ArchiveIndex

TESTS = Path(__file__).resolve().parents[1]
SHARED = TESTS.parent.parent / "shared"
CORPUS_STORIES = {"reuters21578": 1700, "wikinews": 300}

EDGE_CASES = [
    # Unbalanced quotes and parentheses, operators at either end or doubled.
    '"military cooperation',
    'strike "port',
    '"a" "b',
    "(strike OR walkout",
    "strike OR (walkout port",
    "((strike)",
    "strike)",
    ") strike (",
    "AND strike",
    "OR strike",
    "strike AND",
    "strike OR",
    "strike NOT",
    "NOT strike",
    "strike AND AND port",
    "strike OR OR port",
    "strike AND OR port",
    "strike OR OR OR port",
    "strike AND AND AND port",
    "strike OR OR port rate",
    "NOT (strike OR port)",
    "port NOT (strike)",
    "(strike AND)",
    "(OR port)",
    # Precedence: OR binds tighter than words side by side, AND tighter than OR.
    "strike port OR rate",
    "strike OR port rate",
    "strike OR port AND rate",
    "strike AND port OR rate AND bank",
    "a b OR c AND d",
    # Stop words only, and mixed in.
    "the",
    "the of and",
    '"the of"',
    "title:the",
    "the strike in the port",
    "author:the",
    # Accents, case, stems.
    "Gašić",
    "GASIC",
    "Zürich Kraków",
    "cooperated cooperating",
    "person:GAŠIĆ",
    # Aliases and field names in any case.
    "Title:port",
    "TITLE:port",
    "who:gasic",
    "where:Baku",
    "by:alizade",
    "ORG:bank",
    "organisation:bank",
    "title:(strike OR port)",
    "title:(strike port) rate",
    "title: port",
    "title:port~",
    'title:"port strike"',
    "body:port*",
    # Text that looks like a field and is not.
    "http://example.org/a",
    "x1:port",
    "port:",
    # Phrases and slop.
    '"port strike"~2',
    '"strike port"~3',
    '"port workers"~500',
    '""',
    '"rate"',
    # Fuzzy, prefix, wildcard, boost.
    "cooperaton~",
    "cooperaiton~2",
    "cooperation~1/4",
    "strke~2/1",
    "ab~1/3",
    "port~9",
    "rotterdm~ strike",
    "coop*",
    "p?rt",
    "*port",
    "po*t",
    "port* strike",
    "port^2 strike",
    "(port strike)^3",
    "port ^2",
    "port~^2",
    "a~~",
    # Dates: every form, odd ones and open ranges.
    "date:2024",
    "date:2024-06",
    "date:2024-06-11",
    "date:20240611",
    "date:2024.06",
    "date:2024-6",
    "date:[2024-01-01 to 2024-06-30]",
    "date:[2024 to 2023]",
    "date:[2024-06 to]",
    "date:[to 2023-12-31]",
    "date:{2024 to 2025}",
    "date:[2024 TO 2025]",
    "date:>2024-06",
    "date:>=2024-06-11",
    "date:<2024",
    "date:<=2023-12",
    "date: > 2024",
    "date:>2023-12",
    "date:<2024-01",
    "date:=>2024",
    "date:>9999",
    "date:<0001-01-01",
    "Date:2024",
    'date:"2024-06-20"',
    'date:"2024"',
    'date:""',
    "strike date:2024",
    "date:2024 OR date:2023",
    "NOT date:2024",
    "(date:2024 port)",
    # Ranges of words, `*:*`, comparisons and marks where they mean nothing.
    "title:[a to c]",
    "[port to rate]",
    "port > rate",
    "port< rate",
    "strike *:*",
    # Very long and deeply nested.
    " ".join(["port"] * 300),
    " OR ".join(["strike", "port", "rate", "bank", "storm"] * 20),
    "(" * 20 + "strike" + ")" * 20,
    "(" * 12 + "strike OR " * 5 + "port" + ")" * 12,
    '"port strike"' * 40,
]

# Where the project's parser answers differently, on purpose. Whoosh left a field-less term in
# the query for the first (which fails when searched); for the second it named the `*:*` and not
# the bad date, though `strike` is there to search for.
DIFFERENT_ON_PURPOSE = {
    "strike (org:^2)": "strike",
    "strike date:2024-13 *:*": "Can't read that date",
}


def queries_in_the_tests() -> list[str]:
    """The query strings the test modules search for: the first argument of every call of a
    search method, and the query values of every `parametrize`."""
    found: set[str] = set()
    search_calls = {"search", "found", "count", "facets", "date_counts", "type_query", "_ids"}
    for path in sorted(TESTS.rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
            if name in search_calls:
                argument = node.args[-1] if name in ("found", "_ids") else node.args[0]
                found.update(_strings(argument))
            elif name == "parametrize" and isinstance(node.args[0], ast.Constant):
                names = [part.strip() for part in str(node.args[0].value).split(",")]
                query_columns = [
                    index
                    for index, part in enumerate(names)
                    if part in ("query", "comparison", "written_as_range", "example")
                ]
                for value in getattr(node.args[1], "elts", []):
                    columns = getattr(value, "elts", [value])
                    for index in query_columns:
                        if index < len(columns):
                            found.update(_strings(columns[index]))
    return sorted(found)


def _strings(node: ast.AST) -> Iterator[str]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value


# The empty query is no parser's: the engine lists every story for it. The user's marks
# (`is:unread`, `tag:x`) are the project's own (test_engine_contract.py and
# test_stock_equivalence.py check them), and neither is any query that mentions one.
_MARK_FIELD = re.compile(r"(?<![\w\"])(is|tag|has|note):", re.IGNORECASE)
QUERIES = sorted(
    {
        text
        for text in {*queries_in_the_tests(), *readme_query_examples(), *EDGE_CASES}
        if not _MARK_FIELD.search(text)
    }
    - set(DIFFERENT_ON_PURPOSE)
    - {"", "\n"}
)


# The reference: stock Whoosh, configured as the search was.

_FIELD_NAME = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?!//)")
_COMPARISON = re.compile(r"\bdate:\s*(>=|<=|>|<)\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\b")


def reference_parser(searcher: Searcher) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), searcher.schema, group=qparser.AndGroup)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


def reference_ids(searcher: Searcher, parser: qparser.QueryParser, text: str) -> set[str]:
    """Raises whatever Whoosh raises, and ValueError for a part it could not parse."""
    text = _FIELD_NAME.sub(lambda match: match.group(1).lower() + ":", text.strip())
    text = _COMPARISON.sub(_as_range, text)
    parsed = parser.parse(text)
    _raise_on_error(parsed)
    parsed = parsed.accept(lambda node: _as_searched(node, text))
    return {hit["id"] for hit in searcher.search(parsed, limit=None)}


def _as_range(match: re.Match[str]) -> str:
    """`date:>2024-06` as `date:[2024-07 to]`: Whoosh's date field reads `>` as `>=`."""
    operator, year, month, day = match.groups()
    try:
        return _range_of(operator, date(int(year), int(month or 1), int(day or 1)), month, day)
    except (ValueError, OverflowError):  # past the calendar: as Whoosh reads it
        return match.group(0)


def _range_of(operator: str, first: date, month: str | None, day: str | None) -> str:
    if day:
        after, before, shown = first + timedelta(1), first - timedelta(1), "%Y-%m-%d"
    elif month:
        after = (first.replace(day=28) + timedelta(5)).replace(day=1)
        before, shown = first - timedelta(1), "%Y-%m"
    else:
        after, before, shown = (
            first.replace(year=first.year + 1),
            first.replace(year=first.year - 1),
            "%Y",
        )
    bound = {">=": first, ">": after, "<=": first, "<": before}[operator]
    if operator.startswith(">"):
        return f"date:[{bound.strftime(shown)} to]"
    return f"date:[to {bound.strftime(shown)}]"


def _raise_on_error(node: whoosh_query.Query) -> None:
    if getattr(node, "error", None) is not None:
        raise ValueError(node.error)
    for child in node.children():
        _raise_on_error(child)


def _as_searched(node: whoosh_query.Query, text: str) -> whoosh_query.Query:
    if isinstance(node, whoosh_query.Phrase) and node.slop > 10:
        node = node.copy()
        node.slop = 10
    if not isinstance(node, whoosh_query.FuzzyTerm):
        return node
    maxdist = min(node.maxdist, 2)
    if node.fieldname not in STEMMED_FIELDS:
        node = node.copy()
        node.maxdist, node.prefixlength = maxdist, min(node.prefixlength, len(node.text))
        return node
    typed = text[node.startchar : node.endchar]
    prefixlength = min(node.prefixlength, len(typed))
    return StemmedFuzzyTerm(
        node.fieldname,
        node.text,
        maxdist=maxdist,
        prefixlength=min(prefixlength, len(node.text)),
        variant_terms=variant_stems(typed, maxdist, prefixlength) if maxdist else frozenset(),
    )


# The comparison.

# Sentences of the project's own checks, which stock Whoosh does not make.
PROJECT_CHECKS = (
    "Unknown field",
    "A query of only `*`",
    "The query is too long",
    "Too many nested",
)
# A date Whoosh could not read found nothing (or failed when searched): the project says why.
DATE_HELP_START = "Can't read that date"


def assert_same_stories(index_dir: Path, queries: list[str]) -> None:
    archive_index = ArchiveIndex.open(index_dir)
    ix = whoosh_index.open_dir(str(index_dir))
    searcher = ix.searcher()
    parser = reference_parser(searcher)
    try:
        differences = []
        for text in queries:
            try:
                page = archive_index.search(text, page_size=max(1, archive_index.doc_count))
            except QueryError as error:
                if str(error).startswith(PROJECT_CHECKS):
                    continue
                try:
                    theirs = reference_ids(searcher, parser, text)
                except Exception:  # the reference fails too
                    continue
                if str(error).startswith(DATE_HELP_START) and not theirs:
                    continue
                differences.append(f"{text!r}: {error} / the reference searched it")
                continue
            ours = {hit.id for hit in page.hits}
            try:
                theirs = reference_ids(searcher, parser, text)
            except Exception as error:
                differences.append(f"{text!r}: {len(ours)} stories / the reference failed: {error}")
                continue
            if ours != theirs:
                differences.append(f"{text!r}: {sorted(ours ^ theirs)[:5]} found by one only")
        assert not differences, "\n".join(differences)
    finally:
        searcher.close()
        ix.close()
        archive_index.close()


def test_the_test_archive(built_archive: tuple[Path, Path]) -> None:
    assert_same_stories(built_archive[1], QUERIES)


def test_the_bundled_sample(tmp_path: Path) -> None:
    update_index(SAMPLE_ARCHIVE, tmp_path / "index")
    assert_same_stories(tmp_path / "index", QUERIES)


def test_reuters_and_wikinews(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    for corpus, stories in CORPUS_STORIES.items():
        for story in sorted((SHARED / "corpora" / corpus / "txt").glob("*.txt"))[:stories]:
            (archive / story.name).symlink_to(story.resolve())
    if not any(archive.iterdir()):
        pytest.skip("../shared/corpora/ is not present beside the repository")
    update_index(archive, tmp_path / "index")
    assert_same_stories(tmp_path / "index", QUERIES)


def test_what_is_read_differently_on_purpose(archive_index: ArchiveIndex) -> None:
    assert found(archive_index, "strike (org:^2)") == found(archive_index, "strike")
    with pytest.raises(QueryError, match="Can't read that date"):
        archive_index.search("strike date:2024-13 *:*")


def found(archive_index: ArchiveIndex, text: str) -> set[str]:
    return {hit.id for hit in archive_index.search(text, page_size=100).hits}
