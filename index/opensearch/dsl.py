"""The query tree (`index.query`) as OpenSearch Query DSL, in the subset Elasticsearch shares.

Words are analysed by the server as the fields analyse their text (`index.opensearch.mapping`);
what Whoosh's analysis drops (a stop word) matches every story here (`zero_terms_query`), so in
an AND it is left out as with Whoosh. Term-level queries (prefix, wildcard) are not analysed by
the server: their text is folded here as the analyzers fold. The caps are the Whoosh engine's:
two edits at most for a fuzzy word, `MAX_PHRASE_WORDS` words and `MAX_PHRASE_SLOP` in a phrase.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from articles.folding import fold_text
from articles.model import ENTITY_KINDS
from index import query
from index.api import QueryError
from index.opensearch.mapping import TITLE_BOOST, WHOLE_NAME_SUFFIX, WORDS_SUFFIX

Dsl = dict[str, Any]
# The ids of the stories a `query.Marked` node asks for (the engine knows the marks).
MarkedIds = Callable[[query.Marked], frozenset[str]]

TEXT_FIELDS = frozenset({"title", "body", "author"})
KEYWORD_FIELDS = frozenset({"id", "path", "source"})
MATCH_ALL: Dsl = {"match_all": {}}


def without_library(node: query.Marked) -> frozenset[str]:
    """`MarkedIds` where there are no marks to read: the sentence the Whoosh engine says."""
    raise QueryError(
        f"{node.typed or 'A search of your marks'} needs your library (read and starred "
        "stories, tags and notes), which is not open here.",
        node.position,
    )


def compile_query(tree: query.Query, marked: MarkedIds = without_library) -> Dsl:
    """The Query DSL of `tree`; `marked` stands in for the user's marks (an ids query). Raises
    QueryError for a phrase too long or a query of only `*`, as the Whoosh engine does."""
    if _is_bare_wildcard(tree):
        raise QueryError(query.BARE_WILDCARD, query.first_position(tree))
    return _compile(tree, marked)


def _compile(node: query.Query, marked: MarkedIds) -> Dsl:
    match node:
        case query.And(children):
            return _and(children, marked)
        case query.Or(children):
            should = [_compile(child, marked) for child in children]
            return {"bool": {"should": should, "minimum_should_match": 1}}
        case query.Not(child):
            return {"bool": {"must": [MATCH_ALL], "must_not": [_compile(child, marked)]}}
        case query.Boost(child, factor):
            return {"bool": {"must": [_compile(child, marked)], "boost": factor}}
        case query.Every():
            return MATCH_ALL
        case query.Marked():
            return {"ids": {"values": sorted(marked(node))}}
        case query.DateRange(None, None):
            return {"exists": {"field": query.DATE_FIELD}}
        case query.DateRange(start, end):
            bounds = {}
            if start is not None:
                bounds["gte"] = start.date().isoformat()
            if end is not None:
                bounds["lte"] = end.date().isoformat()
            return {"range": {query.DATE_FIELD: bounds}}
        case query.Term(name, text):
            return _term(name, text)
        case query.Phrase(name, words, slop):
            return _phrase(node, name, words, slop)
        case query.Prefix(name, text):
            return _term_level("prefix", name, text)
        case query.Wildcard(name, text):
            return _term_level("wildcard", name, text)
        case query.Fuzzy(name, text, maxdist, prefixlength):
            return _fuzzy(name, text, maxdist, prefixlength)
        case query.TermRange(name, start, end, start_excluded, end_excluded):
            bounds = {}
            if start is not None:
                bounds["gt" if start_excluded else "gte"] = _folded(name, start)
            if end is not None:
                bounds["lt" if end_excluded else "lte"] = _folded(name, end)
            return {"range": {_term_field(name): bounds}}
    raise TypeError(f"not a query node: {node!r}")


def _and(children: tuple[query.Query, ...], marked: MarkedIds) -> Dsl:
    """Side by side, `NOT x` children exclude: `a NOT b` is a and not b, as in Whoosh."""
    must = [_compile(child, marked) for child in children if not isinstance(child, query.Not)]
    must_not = [_compile(child.child, marked) for child in children if isinstance(child, query.Not)]
    compiled: Dsl = {"must": must or [MATCH_ALL]}
    if must_not:
        compiled["must_not"] = must_not
    return {"bool": compiled}


def _term(name: str, text: str) -> Dsl:
    if name in ENTITY_KINDS:
        return _entity(name, text)
    if name in KEYWORD_FIELDS:
        return {"term": {name: text}}
    match: Dsl = {"query": text, "operator": "and", "zero_terms_query": "all"}
    if name == "title":
        match["boost"] = TITLE_BOOST
    return {"match": {name: match}}


def _entity(name: str, text: str) -> Dsl:
    """A whole name (`person:"Karim Valiyev"`), and for one word, any name with that word
    (`person:valiyev`), as the Whoosh entity fields index names whole and word by word."""
    whole = " ".join(text.split())
    if " " in whole:
        return {"term": {name + WHOLE_NAME_SUFFIX: whole}}
    return {
        "bool": {
            "should": [
                {"term": {name + WHOLE_NAME_SUFFIX: whole}},
                {"match": {name + WORDS_SUFFIX: whole}},
            ],
            "minimum_should_match": 1,
        }
    }


def _phrase(node: query.Phrase, name: str, words: tuple[str, ...], slop: int) -> Dsl:
    if len(words) > query.MAX_PHRASE_WORDS:
        raise QueryError(query.PHRASE_TOO_LONG, node.position)
    if name in ENTITY_KINDS or name in KEYWORD_FIELDS:
        return _term(name, " ".join(words))
    # Whoosh's slop counts the step to the next word (1: side by side), Lucene's the gaps.
    phrase: Dsl = {"query": " ".join(words), "slop": min(slop, query.MAX_PHRASE_SLOP) - 1}
    if name == "title":
        phrase["boost"] = TITLE_BOOST
    return {"match_phrase": {name: phrase}}


def _term_level(kind: str, name: str, text: str) -> Dsl:
    return {kind: {_term_field(name): {"value": _folded(name, text)}}}


def _fuzzy(name: str, text: str, maxdist: int, prefixlength: int) -> Dsl:
    """`word~5` would match nearly every word: two edits at most, as the Whoosh engine."""
    fuzziness = min(maxdist, query.MAX_FUZZY_EDITS)
    if name in ENTITY_KINDS or name in KEYWORD_FIELDS:
        return {
            "fuzzy": {
                _term_field(name): {
                    "value": _folded(name, text),
                    "fuzziness": fuzziness,
                    "prefix_length": prefixlength,
                }
            }
        }
    match: Dsl = {
        "query": text,
        "fuzziness": fuzziness,
        "prefix_length": prefixlength,
        "operator": "and",
    }
    return {"match": {name: match}}


def _term_field(name: str) -> str:
    """The field a term-level query reads: the words of a name, the terms of a text field."""
    return name + WORDS_SUFFIX if name in ENTITY_KINDS else name


def _folded(name: str, text: str) -> str:
    """Term-level text as the field's analyzer folds it; ids and paths are as written."""
    return text if name in KEYWORD_FIELDS else fold_text(text)


def _is_bare_wildcard(node: query.Query) -> bool:
    if isinstance(node, query.Or):
        return all(_is_bare_wildcard(child) for child in node.children)
    if isinstance(node, query.Every):
        return True
    return isinstance(node, query.Wildcard | query.Prefix) and not node.text.strip("*?")
