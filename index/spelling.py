"""\"Did you mean\": respell the free words of a query that the index does not know."""

from __future__ import annotations

import re

from whoosh.reading import IndexReader

from index.schema import name_analyzer, text_analyzer

# Free words only: `field:value`, `field:"a phrase"` and operators are left as they are.
_QUERY_PART = re.compile(r'\w+:(?:"[^"]*"|\[[^\]]*\]|\S+)|"|[^\W\d_][\w\'’-]*[~*]?|\S')
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_stemmer = text_analyzer()
_folder = name_analyzer()


def suggest_spelling(reader: IndexReader, text: str) -> str | None:
    """The query with each unknown free word replaced by its most frequent close spelling."""
    changed = False
    parts: list[str] = []
    position = 0
    for match in _QUERY_PART.finditer(text):
        word = match.group(0)
        parts.append(text[position : match.start()])
        position = match.end()
        replacement = _respell(reader, word)
        changed = changed or replacement != word
        parts.append(replacement)
    parts.append(text[position:])
    return "".join(parts) if changed else None


def _respell(reader: IndexReader, word: str) -> str:
    if ":" in word or word in _OPERATORS or word[-1] in "~*" or not word[0].isalpha():
        return word
    stems = [token.text for token in _stemmer(word)]
    if not stems or any(("body", stem) in reader or ("title", stem) in reader for stem in stems):
        return word
    folded = "".join(token.text for token in _folder(word))
    if len(folded) < 3:
        return word
    max_distance = 1 if len(folded) <= 4 else 2
    candidates = [
        candidate
        for distance in range(1, max_distance + 1)
        for candidate in reader.terms_within("body", folded, distance, prefix=1)
        if candidate != folded
    ]
    if not candidates:
        return word
    best = max(candidates, key=lambda candidate: reader.doc_frequency("body", candidate))
    return best.capitalize() if word[0].isupper() else best
