"""The query language: Whoosh's parser with our fields, aliases and plain-sentence errors.

Free words search title, body and author; `"phrases"`, AND/OR/NOT, parentheses, `field:value`
(`title:` `author:` `person:` `place:` `org:`/`organization:`), `date:2024`, `date:2024-06`,
`date:[2024-01-01 to 2024-06-30]`, `date:>2024-06` (also `<`, `>=`, `<=`), `word~` (fuzzy) and
`word*` (prefix).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from whoosh import qparser, query
from whoosh.fields import Schema
from whoosh.support.levenshtein import levenshtein

from articles.model import EntityKind
from index.api import QueryError
from index.fastpath.fuzzy import one_edit_variants
from index.whoosh.schema import analyzed_word, fold_word

DEFAULT_FIELDS = ("title", "body", "author")
FIELD_ALIASES = {
    "organization": ["org", "orgs", "organisation", "organizations", "organisations"],
    "person": ["people", "persons", "who"],
    "place": ["places", "location", "where"],
    "author": ["by", "byline"],
}
DATE_HELP = (
    "Can't read that date: use date:2024, date:2024-06, date:2024-06-20, date:>2024-06 "
    "or date:[2024-01-01 to 2024-06-30]."
)
MAX_QUERY_CHARS = 2000
MAX_NESTING = 20
MAX_FUZZY_EDITS = 2
# A phrase reads the positions of each of its words in every story that has them all: a phrase of
# hundreds of common words took seconds per thousand stories, and so did a slop in the hundreds.
MAX_PHRASE_WORDS = 16
MAX_PHRASE_SLOP = 10
_FIELD_PREFIX = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?!//)")
_DATE_WORDS = ("date", "day", "month", "year")
# `date:>2024`, `date:<=2024-06`: Whoosh's date field ignores `>`/`<` exclusiveness, so they are
# rewritten into inclusive ranges that start after, or end before, the whole year/month/day.
_DATE_COMPARISON = re.compile(r"\bdate:\s*(>=|<=|>|<)\s*(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?\b")


# Fields whose terms are English stems (`cooperation` is `cooper`).
STEMMED_FIELDS = frozenset({"title", "body"})
_VARIANT_LETTERS = list("abcdefghijklmnopqrstuvwxyz")
# English word endings as written (the stemmer's suffixes and their inflections): two typos in a
# word's ending (`cooperaiton`, `cooperatn`) are undone by respelling it as one of these.
WORD_ENDINGS = (
    *("s", "es", "ies", "ed", "ied", "ing", "e", "y", "ly", "er", "ers", "or", "ors"),
    *("al", "ally", "ic", "ical", "ion", "ions", "ation", "ations", "ate", "ates", "ated"),
    *("ating", "ative", "ator", "ence", "ance", "ent", "ant", "ency", "ancy", "ment", "ments"),
    *("ness", "ity", "ities", "ive", "ise", "ize", "ised", "ized", "ism", "ist", "ists", "ous"),
    *("ful", "able", "ible", "ably"),
)


class StemmedFuzzyTerm(query.FuzzyTerm):
    """A fuzzy word in a stemmed field: the terms near its stem, and the stems of the words
    within its edits as typed.

    A typo in the ending hides the word from the stemmer (`cooperaton` stays `cooperaton`,
    four edits from `cooper`, the stem of `cooperation`); a word near it as typed is the word
    meant, and its stem is an index term. `variant_terms` are those stems (`variant_stems`),
    worked out once when the query is parsed; the index keeps the ones it has.
    """

    def __init__(
        self,
        fieldname: str,
        text: str,
        boost: float = 1.0,
        maxdist: int = 1,
        prefixlength: int = 1,
        constantscore: bool = True,
        variant_terms: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(fieldname, text, boost, maxdist, prefixlength, constantscore)
        self.variant_terms = variant_terms

    def __eq__(self, other: object) -> bool:
        return (
            super().__eq__(other)
            and isinstance(other, StemmedFuzzyTerm)
            and self.variant_terms == other.variant_terms
        )

    def __hash__(self) -> int:
        return super().__hash__() ^ hash(self.variant_terms)

    def _btexts(self, ixreader):
        # MultiTerm's documented hook for the terms a query stands for.
        found = set(super()._btexts(ixreader))
        found.update(term for term in self.variant_terms if (self.fieldname, term) in ixreader)
        return sorted(found)


def variant_stems(typed: str, maxdist: int, prefixlength: int) -> frozenset[str]:
    """The stems of words within `maxdist` edits of `typed` that keep its first `prefixlength`
    letters: of every word one edit away, and for two edits of `typed` with its ending
    respelled as one of `WORD_ENDINGS` (`cooperaiton` as `cooperation`).

    Only the ending is respelled for the second edit: an edit in the stem as well would match
    other words' stems (`copperation` is two edits from `cooperaton`), and they would come
    first, being rarer.
    """
    folded = fold_word(typed)
    prefix, rest = folded[:prefixlength], folded[prefixlength:]
    words = {prefix + variant for variant in one_edit_variants(rest, _VARIANT_LETTERS)}
    if maxdist >= 2:
        for ending in WORD_ENDINGS:
            shortest = max(prefixlength, len(folded) - len(ending) - maxdist)
            for cut in range(shortest, min(len(folded), len(folded) - len(ending) + maxdist) + 1):
                if levenshtein(ending, folded[cut:]) <= maxdist:
                    words.add(folded[:cut] + ending)
    stems = {analyzed_word(word) for word in words}
    stems.discard("")
    stems.discard(analyzed_word(folded))
    return frozenset(stem for stem in stems if stem.startswith(prefix))


class _StemAwareFuzzyPlugin(qparser.FuzzyTermPlugin):
    """Whoosh's fuzzy syntax, making `StemmedFuzzyTerm`s in stemmed fields (the plugin builds
    its nodes through `self.FuzzyTermNode`)."""

    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):
        def query(self, parser: qparser.QueryParser) -> query.Query:
            parsed = super().query(parser)
            if not isinstance(parsed, query.FuzzyTerm) or parsed.fieldname not in STEMMED_FIELDS:
                return parsed
            maxdist = min(parsed.maxdist, MAX_FUZZY_EDITS)
            prefixlength = min(parsed.prefixlength, len(self.text))
            return StemmedFuzzyTerm(
                parsed.fieldname,
                parsed.text,
                boost=parsed.boost,
                maxdist=maxdist,
                prefixlength=prefixlength,
                variant_terms=variant_stems(self.text, maxdist, prefixlength)
                if maxdist
                else frozenset(),
            )


def make_parser(schema: Schema) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), schema, group=qparser.AndGroup)
    parser.add_plugin(_StemAwareFuzzyPlugin())
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
    # Field names are case-insensitive for people (`Title:`), but not for Whoosh.
    text = _FIELD_PREFIX.sub(lambda match: f"{match.group(1).lower()}:", text)
    text = _DATE_COMPARISON.sub(_date_comparison_as_range, text)
    try:
        parsed = parser.parse(text)
    except Exception as error:  # Whoosh's parser raises assorted types on odd input
        raise QueryError(
            "Can't understand the query: check its quotes, parentheses and AND/OR/NOT."
        ) from error
    problem = _first_error(parsed, mentions_date="date:" in text)
    if problem is not None:
        raise QueryError(problem)
    if _is_bare_wildcard(parsed):
        raise QueryError(
            "A query of only `*` matches everything: an empty search lists every story, "
            "newest first."
        )
    return parsed.accept(_cap_fuzzy).accept(_cap_phrase)


def _cap_fuzzy(node: query.Query) -> query.Query:
    """`word~5` matches nearly every word and takes seconds: allow two edits at most, as Lucene.
    A prefix longer than the word (`ab~1/3`) is the whole word (Whoosh's automaton fails)."""
    if isinstance(node, query.FuzzyTerm) and (
        node.maxdist > MAX_FUZZY_EDITS or node.prefixlength > len(node.text)
    ):
        node = node.copy()
        node.maxdist = min(node.maxdist, MAX_FUZZY_EDITS)
        node.prefixlength = min(node.prefixlength, len(node.text))
    return node


def _cap_phrase(node: query.Query) -> query.Query:
    if isinstance(node, query.Phrase):
        if len(node.words) > MAX_PHRASE_WORDS:
            raise QueryError(f"A phrase can have at most {MAX_PHRASE_WORDS} words.")
        if node.slop > MAX_PHRASE_SLOP:
            node = node.copy()
            node.slop = MAX_PHRASE_SLOP
    return node


def entity_query(kind: EntityKind, name: str) -> str:
    """The query text that finds every story mentioning the entity."""
    return f'{kind}:"{name.replace(chr(34), "")}"'


def _date_comparison_as_range(match: re.Match[str]) -> str:
    operator, year, month, day = match.groups()
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise QueryError(DATE_HELP) from error
    try:
        return _comparison_range(operator, year, month, day)
    except (ValueError, OverflowError):
        return match.group(0)  # before year 1 or after 9999: left to match nothing


def _comparison_range(operator: str, year: str, month: str | None, day: str | None) -> str:
    first = date(int(year), int(month or 1), int(day or 1))
    if day:
        before, after = first - timedelta(days=1), first + timedelta(days=1)
        shown = "%Y-%m-%d"
    elif month:
        before = first - timedelta(days=1)
        after = (first + timedelta(days=32)).replace(day=1)
        shown = "%Y-%m"
    else:
        before, after, shown = (
            first.replace(year=first.year - 1),
            first.replace(year=first.year + 1),
            "%Y",
        )
    if operator == ">=":
        return f"date:[{first.strftime(shown)} to]"
    if operator == "<=":
        return f"date:[to {first.strftime(shown)}]"
    if operator == ">":
        return f"date:[{after.strftime(shown)} to]"
    return f"date:[to {before.strftime(shown)}]"


def _check_fields(schema: Schema, text: str) -> None:
    known = set(schema.names()) | {alias for aliases in FIELD_ALIASES.values() for alias in aliases}
    hidden = {"entity_lists", "mentions", "url"}
    unquoted = re.sub(r'"[^"]*"', " ", text)
    for match in _FIELD_PREFIX.finditer(unquoted):
        name = match.group(1)
        if name.lower() not in known or name.lower() in hidden:
            usable = "title, body, author, person, place, org, date"
            raise QueryError(f"Unknown field {name!r}: you can search {usable}.")


def _first_error(node: query.Query, mentions_date: bool) -> str | None:
    """Whoosh marks a part it could not parse with an `error` attribute instead of raising.

    Only the date field parses its values, so a query with `date:` and an error has a bad date.
    """
    message = getattr(node, "error", None)
    if message is not None:
        if (
            mentions_date
            or getattr(node, "fieldname", None) == "date"
            or any(word in str(message).lower() for word in _DATE_WORDS)
        ):
            return DATE_HELP
        return f"Can't understand part of the query: {message}."
    for child in node.children():
        problem = _first_error(child, mentions_date)
        if problem is not None:
            return problem
    return None


_OPERATOR_WORDS = ("AND", "OR", "NOT")


def query_notes(text: str, parsed: query.Query) -> tuple[str, ...]:
    """Plain sentences on what was made of a query that is not quite well formed: an unclosed
    quote or parenthesis, an operator with nothing to join, words too common to search for."""
    text = text.strip()
    if not text:
        return ()
    notes = []
    if text.count('"') % 2:
        notes.append("The quote is not closed: its words were searched for one by one.")
    unquoted = re.sub(r'"[^"]*"?', " ", text)
    depth = unopened = 0
    for char in unquoted:
        if char == "(":
            depth += 1
        elif char == ")":
            if depth:
                depth -= 1
            else:
                unopened += 1
    if depth:
        notes.append("A parenthesis is not closed: read as if it closed at the end.")
    if unopened:
        notes.append("A closing parenthesis has no opening one: it was left out.")
    words = unquoted.replace("(", " ").replace(")", " ").split()
    if words and (words[0] in ("AND", "OR") or words[-1] in _OPERATOR_WORDS):
        operator = words[0] if words[0] in ("AND", "OR") else words[-1]
        notes.append(f"{operator} needs words on both sides: it was left out.")
    if parsed is query.NullQuery:
        notes.append(
            "Nothing left to search for: the words are too common to be indexed "
            "(a, the, of …) or are only operators."
        )
    return tuple(notes)


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
