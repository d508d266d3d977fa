"""The query tree (`index.query`) as a Whoosh query, analysed as the schema's fields analyse
their text: folded, stemmed, stop words dropped (a free word whose every field drops it is left
out of the query), as Whoosh's own query parser made them. The caps are applied here: two edits
at most for a fuzzy word, and at most `MAX_PHRASE_WORDS` words and `MAX_PHRASE_SLOP` in a phrase.
"""

from __future__ import annotations

from collections.abc import Callable

from whoosh import matching
from whoosh import query as whoosh_query
from whoosh.fields import FieldType, Schema
from whoosh.searching import Searcher
from whoosh.support.levenshtein import levenshtein

from index import query
from index.api import QueryError
from index.fastpath.compat import VariantFuzzyTerm
from index.fastpath.fuzzy import one_edit_variants
from index.whoosh.schema import analyzed_word, fold_word

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


class LiveNot(whoosh_query.Not):
    """Whoosh's `Not`, without the deleted documents. Whoosh 2.7.4's `InverseMatcher` stops
    skipping deleted documents once its child is exhausted: the old version of a story indexed
    again, just after the last story the child matches, was listed beside the new one
    (`NOT rotterdam`, `NOT is:starred` after an update; whoosh-community/whoosh#266). Within an
    `And`, the other words' matches (live documents only) hid it; alone or in an `Or`, not."""

    def matcher(self, searcher: Searcher, context: object = None) -> matching.Matcher:
        live = matching.ListMatcher(list(searcher.reader().all_doc_ids()), all_weights=1.0)
        excluded = self.query.matcher(searcher, searcher.boolean_context())
        return matching.AndNotMatcher(live, excluded)


class StemmedFuzzyTerm(VariantFuzzyTerm):
    """A fuzzy word in a stemmed field: the terms near its stem, and the stems of the words
    within its edits as typed.

    A typo in the ending hides the word from the stemmer (`cooperaton` stays `cooperaton`,
    four edits from `cooper`, the stem of `cooperation`); a word near it as typed is the word
    meant, and its stem is an index term. `variant_terms` are those stems (`variant_stems`),
    worked out once when the query is compiled; the index keeps the ones it has.
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


# The Whoosh query of the stories a `query.Marked` node asks for (the engine knows the marks).
MarkedStories = Callable[[query.Marked], whoosh_query.Query]


def without_library(node: query.Marked) -> whoosh_query.Query:
    """`MarkedStories` where there are no marks to read: a plain sentence, never a guess."""
    raise QueryError(
        f"{node.typed or 'A search of your marks'} needs your library (read and starred "
        "stories, tags and notes), which is not open here.",
        node.position,
    )


def compile_query(
    tree: query.Query, schema: Schema, marked: MarkedStories = without_library
) -> whoosh_query.Query:
    """The Whoosh query of `tree`, normalized; `whoosh.query.NullQuery` when nothing is left to
    search for. `marked` stands in for the user's marks. Raises QueryError for a phrase too long
    or a query of only `*`."""
    compiled = _compile(tree, schema, marked)
    compiled = whoosh_query.NullQuery if compiled is None else compiled.normalize()
    if _is_bare_wildcard(compiled):
        raise QueryError(query.BARE_WILDCARD, query.first_position(tree))
    return compiled


def _compile(node: query.Query, schema: Schema, marked: MarkedStories) -> whoosh_query.Query | None:
    """The Whoosh query of one node, or None when analysis leaves nothing of it."""
    match node:
        case query.And(children) | query.Or(children):
            group = whoosh_query.And if isinstance(node, query.And) else whoosh_query.Or
            compiled = (_compile(child, schema, marked) for child in children)
            return group([child for child in compiled if child is not None])
        case query.Not(child):
            negated = _compile(child, schema, marked)
            return LiveNot(negated) if negated is not None else None
        case query.Boost(child, factor):
            boosted = _compile(child, schema, marked)
            if boosted is not None:
                boosted = boosted.copy()
                boosted.boost = factor
            return boosted
        case query.Every():
            return whoosh_query.Every()
        case query.Marked():
            return marked(node)
        case query.DateRange(None, None):
            return whoosh_query.Every(query.DATE_FIELD)  # any story with a date
        case query.DateRange(start, end):
            # As the date field reads its own ranges: numbers, not `whoosh.query.DateRange`.
            date_field = schema[query.DATE_FIELD]
            return whoosh_query.NumericRange(
                query.DATE_FIELD,
                date_field.prepare_datetime(start) if start else None,
                date_field.prepare_datetime(end) if end else None,
            )
        case query.Term(name, text):
            return _term(schema[name], name, text, whoosh_query.Term, tokenize=True)
        case query.Prefix(name, text):
            return _term(schema[name], name, text, whoosh_query.Prefix, tokenize=False)
        case query.Wildcard(name, text):
            return _term(schema[name], name, text, whoosh_query.Wildcard, tokenize=False)
        case query.Fuzzy():
            return _fuzzy(node, schema[node.field])
        case query.Phrase():
            return _phrase(node, schema[node.field])
        case query.TermRange(name, start, end, start_excluded, end_excluded):
            field = schema[name]
            return whoosh_query.TermRange(
                name,
                _single_term(field, start) if start else start,
                _single_term(field, end) if end else end,
                start_excluded,
                end_excluded,
            )
    raise TypeError(f"not a query node: {node!r}")


def _term(
    field: FieldType, name: str, text: str, term_class: type[whoosh_query.Query], tokenize: bool
) -> whoosh_query.Query | None:
    """A word analysed as `field` analyses its text: nothing for a stop word, and for text the
    analyser splits (`strike,port`), all of its terms (every field's `multitoken_query` is
    Whoosh's default)."""
    # A prefix, wildcard or fuzzy word is one term, its stop words kept (`the*`).
    terms = list(field.process_text(text, mode="query", tokenize=tokenize, removestops=tokenize))
    if not terms:
        return None
    if len(terms) == 1:
        return term_class(name, terms[0])
    return whoosh_query.And([term_class(name, term) for term in terms])


def _single_term(field: FieldType, text: str) -> str | None:
    return next(
        iter(field.process_text(text, mode="query", tokenize=False, removestops=False)), None
    )


def _fuzzy(node: query.Fuzzy, field: FieldType) -> whoosh_query.Query | None:
    """`word~5` matches nearly every word and takes seconds: two edits at most, as Lucene. A
    prefix longer than the word (`ab~1/3`) is the whole word (Whoosh's automaton fails)."""
    compiled = _term(field, node.field, node.text, whoosh_query.FuzzyTerm, tokenize=False)
    if not isinstance(compiled, whoosh_query.FuzzyTerm):
        return compiled
    maxdist = min(node.maxdist, query.MAX_FUZZY_EDITS)
    prefixlength = min(node.prefixlength, len(node.text))
    if node.field in STEMMED_FIELDS:
        variants = variant_stems(node.text, maxdist, prefixlength) if maxdist else frozenset()
        return StemmedFuzzyTerm(
            node.field,
            compiled.text,
            maxdist=maxdist,
            prefixlength=min(prefixlength, len(compiled.text)),
            variant_terms=variants,
        )
    compiled.maxdist = maxdist
    compiled.prefixlength = min(node.prefixlength, len(compiled.text))
    return compiled


def _phrase(node: query.Phrase, field: FieldType) -> whoosh_query.Query:
    # Every field a query may name has an analyzer (those without one are only stored).
    words = [token.text for token in field.tokenize(" ".join(node.words), mode="query")]
    if len(words) > query.MAX_PHRASE_WORDS:
        raise QueryError(query.PHRASE_TOO_LONG, node.position)
    return whoosh_query.Phrase(node.field, words, slop=min(node.slop, query.MAX_PHRASE_SLOP))


def _is_bare_wildcard(node: whoosh_query.Query) -> bool:
    if isinstance(node, whoosh_query.Or):
        return all(_is_bare_wildcard(child) for child in node.children())
    if isinstance(node, whoosh_query.Every):
        return True
    return isinstance(node, whoosh_query.Wildcard | whoosh_query.Prefix) and not node.text.strip(
        "*?"
    )
