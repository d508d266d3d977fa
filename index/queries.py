"""The query language: Whoosh's parser with our fields, aliases and plain-sentence errors.

Free words search title, body and author; `"phrases"`, AND/OR/NOT, parentheses, `field:value`
(`title:` `author:` `person:` `place:` `org:`/`organization:`), `date:2024`, `date:2024-06`,
`date:[2024-01-01 to 2024-06-30]`, `word~` (fuzzy) and `word*` (prefix).
"""

from __future__ import annotations

import re

from whoosh import qparser, query
from whoosh.fields import Schema

from articles.model import EntityKind
from index.errors import QueryError

DEFAULT_FIELDS = ("title", "body", "author")
FIELD_ALIASES = {
    "organization": ["org", "orgs", "organisation", "organizations", "organisations"],
    "person": ["people", "persons", "who"],
    "place": ["places", "location", "where"],
    "author": ["by", "byline"],
}
MAX_QUERY_CHARS = 2000
MAX_NESTING = 20
_FIELD_PREFIX = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?!//)")
_DATE_WORDS = ("date", "day", "month", "year")


def make_parser(schema: Schema) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), schema, group=qparser.AndGroup)
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


def parse_query(parser: qparser.QueryParser, text: str) -> query.Query:
    """Parse user text; raises QueryError with a sentence that says what to change."""
    text = text.strip()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"The query is too long: keep it under {MAX_QUERY_CHARS} characters.")
    if _nesting_depth(text) > MAX_NESTING:
        raise QueryError(f"Too many nested parentheses: use at most {MAX_NESTING} levels.")
    _check_fields(parser.schema, text)
    try:
        parsed = parser.parse(text)
    except Exception as error:  # Whoosh's parser raises assorted types on odd input
        raise QueryError(f"Can't understand the query: {error}.") from error
    problem = _first_error(parsed)
    if problem is not None:
        raise QueryError(problem)
    if _is_bare_wildcard(parsed):
        raise QueryError("A query of only `*` matches everything: clear the search to see all.")
    return parsed


def entity_query(kind: EntityKind, name: str) -> str:
    """The query text that finds every story mentioning the entity."""
    return f'{kind}:"{name.replace(chr(34), "")}"'


def _check_fields(schema: Schema, text: str) -> None:
    known = set(schema.names()) | {alias for aliases in FIELD_ALIASES.values() for alias in aliases}
    hidden = {"entity_lists", "spell_body", "url"}
    unquoted = re.sub(r'"[^"]*"', " ", text)
    for match in _FIELD_PREFIX.finditer(unquoted):
        name = match.group(1)
        if name.lower() not in known or name.lower() in hidden:
            usable = "title, body, author, person, place, org, date"
            raise QueryError(f"Unknown field {name!r}: you can search {usable}.")


def _first_error(node: query.Query) -> str | None:
    """Whoosh marks a part it could not parse with an `error` attribute instead of raising."""
    message = getattr(node, "error", None)
    if message is not None:
        if getattr(node, "fieldname", None) == "date" or any(
            word in str(message).lower() for word in _DATE_WORDS
        ):
            return (
                "Can't read that date: use date:2024, date:2024-06, date:2024-06-20 "
                "or date:[2024-01-01 to 2024-06-30]."
            )
        return f"Can't understand part of the query: {message}."
    for child in node.children():
        problem = _first_error(child)
        if problem is not None:
            return problem
    return None


def _is_bare_wildcard(node: query.Query) -> bool:
    if isinstance(node, query.Or):
        return all(_is_bare_wildcard(child) for child in node.children())
    if isinstance(node, query.Every):
        return True
    return isinstance(node, query.Wildcard | query.Prefix) and not node.text.strip("*?")


def _nesting_depth(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth = max(0, depth - 1)
    return deepest
