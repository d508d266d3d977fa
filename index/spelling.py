"""\"Did you mean\": respell the free words of a query that the index does not know."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from whoosh.reading import IndexReader
from whoosh.support.levenshtein import levenshtein

from index.schema import WORD, analyzed_word, name_analyzer, text_analyzer

# Free words only: `field:value`, `field:"a phrase"` and operators are left as they are.
_QUERY_PART = re.compile(r'\w+:(?:"[^"]*"|\[[^\]]*\]|\S+)|"|[^\W\d_][\w\'’-]*[~*]?|\S')
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
# A suggested word is shown as a story writes it; a huge story is only read this far for it.
_WRITTEN_FORM_SCAN_CHARS = 200_000
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
    stem = "".join(stems)
    max_distance = 1 if len(folded) <= 4 else 2
    for distance in range(1, max_distance + 1):
        candidates = [candidate for candidate in terms_within(stem, distance) if candidate != stem]
        if candidates:
            best = max(candidates, key=lambda candidate: reader.doc_frequency("body", candidate))
            spelled = _written_form(reader, best, folded)
            return spelled.capitalize() if word[0].isupper() else spelled
    return word


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
