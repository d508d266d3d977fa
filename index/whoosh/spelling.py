"""\"Did you mean\": respell the free words of a query that the index does not know."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from whoosh.reading import IndexReader
from whoosh.support.levenshtein import levenshtein

from index.fastpath.fuzzy import one_edit_variants
from index.whoosh.schema import WORD, analyzed_word, name_analyzer, text_analyzer

# Free words only: `field:value`, `field:"a phrase"` and operators are left as they are.
_QUERY_PART = re.compile(r'\w+:(?:"[^"]*"|\[[^\]]*\]|\S+)|"|[^\W\d_][\w\'’-]*[~*]?|\S')
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
# A suggested word is shown as a story writes it; a huge story is only read this far for it.
_WRITTEN_FORM_SCAN_CHARS = 200_000
_LETTERS = list("abcdefghijklmnopqrstuvwxyz")
_stemmer = text_analyzer()
_folder = name_analyzer()

# (stem, distance) -> the body's terms at most `distance` edits away that share its first letter.
TermsWithin = Callable[[str, int], list[str]]


def suggest_spelling(reader: IndexReader, text: str, terms_within: TermsWithin) -> str | None:
    """The query with each unknown free word replaced by its most frequent close spelling."""
    changed = False
    parts: list[str] = []
    position = 0
    for match in _QUERY_PART.finditer(text):
        word = match.group(0)
        parts.append(text[position : match.start()])
        position = match.end()
        replacement = _respell(reader, word, terms_within)
        changed = changed or replacement != word
        parts.append(replacement)
    parts.append(text[position:])
    return "".join(parts) if changed else None


def _respell(reader: IndexReader, word: str, terms_within: TermsWithin) -> str:
    if ":" in word or word in _OPERATORS or word[-1] in "~*" or not word[0].isalpha():
        return word
    stems = [token.text for token in _stemmer(word)]
    if not stems or any(("body", stem) in reader or ("title", stem) in reader for stem in stems):
        return word
    folded = "".join(token.text for token in _folder(word))
    if len(folded) < 3:
        return word
    # The body's terms are stems, so the word's stem is compared with them (`minstry` and
    # `ministry` are `minstri` and `ministri`): the closest ones, the most frequent of those.
    # A typo near the ending can keep the stemmer from seeing the word (`electoin` stems to
    # itself, `election` to `elect`): the typed word's own neighbours come before two edits.
    stem = "".join(stems)
    spelled = _closest_stem(reader, stem, folded, 1, terms_within) or _near_word(reader, folded)
    if spelled is None and len(folded) > 4:
        spelled = _closest_stem(reader, stem, folded, 2, terms_within)
    if spelled is None:
        return word
    return spelled.capitalize() if word[0].isupper() else spelled


def _closest_stem(
    reader: IndexReader, stem: str, folded: str, distance: int, terms_within: TermsWithin
) -> str | None:
    """The most frequent body term `distance` edits from `stem`, as a story writes it."""
    candidates = [candidate for candidate in terms_within(stem, distance) if candidate != stem]
    if not candidates:
        return None
    best = max(candidates, key=lambda candidate: reader.doc_frequency("body", candidate))
    return _written_form(reader, best, folded)


def _near_word(reader: IndexReader, folded: str) -> str | None:
    """The word one edit or one swap of neighbouring letters from `folded` whose term the
    body has most often."""
    best, best_frequency = None, 0
    for variant in _one_edit_or_swap(folded):
        term = analyzed_word(variant)
        if term and ("body", term) in reader:
            frequency = reader.doc_frequency("body", term)
            if frequency > best_frequency:
                best, best_frequency = variant, frequency
    return best


def _one_edit_or_swap(word: str) -> set[str]:
    """Every word of letters a–z one deletion, insertion, substitution or swap of neighbours
    away from `word`, its first letter kept (as the stems' search keeps it)."""
    first, rest = word[0], word[1:]
    variants = one_edit_variants(rest, _LETTERS)
    variants.update(
        rest[:cut] + rest[cut + 1] + rest[cut] + rest[cut + 2 :] for cut in range(len(rest) - 1)
    )
    variants.discard(rest)
    return {first + variant for variant in variants}


def _written_form(reader: IndexReader, term: str, typed: str) -> str:
    """The word closest to `typed` that the first story with `term` writes as that body term:
    `ministry`, not the stem `ministri`; `glacier`, not `glaciers`, for `glaceir`."""
    first = next(iter(reader.postings("body", term).all_ids()), None)
    if first is None:
        return term
    body = reader.stored_fields(first).get("body", "")[:_WRITTEN_FORM_SCAN_CHARS]
    forms = Counter(word.lower() for word in WORD.findall(body) if analyzed_word(word) == term)
    if not forms:
        return term
    return min(forms, key=lambda form: (levenshtein(form, typed), -forms[form]))
