"""Where a query's terms occur in a text, and the best snippet around them: text plus spans."""

from __future__ import annotations

from collections.abc import Iterable

from index.api import Highlighted
from index.whoosh.schema import FOLDING_MAP, WORD, analyzed_word

# Long articles are highlighted in full in the reader, but snippets only look at the opening.
SNIPPET_SCAN_CHARS = 200_000
SNIPPET_CHARS = 180
ELLIPSIS = "…"
# Past this many different first letters of the terms (a prefix query's thousand words), every
# word of the text is analyzed instead.
MAX_PREFIXES = 64


def term_spans(
    text: str, terms: frozenset[str], limit: int | None = None
) -> tuple[tuple[int, int], ...]:
    """The `(start, end)` spans of words in `text` whose analyzed form is one of `terms`."""
    if not terms or not text:
        return ()
    scanned = text if limit is None else text[:limit]
    folded = scanned.lower().translate(FOLDING_MAP)
    prefixes = {term[: _kept_letters(term)] for term in terms}
    if len(folded) != len(scanned) or len(prefixes) > MAX_PREFIXES:
        return _spans_of_every_word(scanned, terms)
    return _spans_by_prefix(scanned, folded, prefixes, terms)


def _kept_letters(term: str) -> int:
    """How many first letters of a term every word stemmed to it starts with (folded).

    The stemmer rewrites only a word's ending, and keeps at least the first letter of what it
    rewrites, except a final `y` made `i`: "say" becomes "sai", "eyed" "ei" (tests/index/
    test_highlight.py checks this on every word of the shared corpora).
    """
    return max(1, min(3, len(term) - 1))


def _spans_by_prefix(
    scanned: str, folded: str, prefixes: set[str], terms: frozenset[str]
) -> tuple[tuple[int, int], ...]:
    """The words that start with one of the terms' kept letters (`_kept_letters`), found by
    `str.find` in the folded text (as long as the text), and analyzed one by one: a page of
    stories has thousands of words and few marks."""
    spans = set()
    for prefix in prefixes:
        start = folded.find(prefix)
        while start >= 0:
            if _starts_word(scanned, start):
                word = WORD.match(scanned, start)
                if word is not None and analyzed_word(word.group()) in terms:
                    spans.add(word.span())
            start = folded.find(prefix, start + 1)
    return tuple(sorted(spans))


def _spans_of_every_word(scanned: str, terms: frozenset[str]) -> tuple[tuple[int, int], ...]:
    """Every distinct word analyzed (listing them is one C-level pass), then the places of
    the words that match."""
    marked = []
    for word in set(WORD.findall(scanned)):
        term = analyzed_word(word)
        if term and term in terms:
            marked.append(word)
    spans = []
    for word in marked:
        start = scanned.find(word)
        while start >= 0:
            end = start + len(word)
            if _starts_word(scanned, start) and _ends_word(scanned, end):
                spans.append((start, end))
            start = scanned.find(word, start + 1)
    return tuple(sorted(spans))


# Where `WORD.finditer` starts and ends its words: a word char (`\w`, which is `str.isalnum`
# or "_") or a dot followed by one continues a word.
def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def _starts_word(text: str, start: int) -> bool:
    if not start:
        return True
    before = text[start - 1]
    if _is_word_char(before):
        return False
    return not (before == "." and start > 1 and _is_word_char(text[start - 2]))


def _ends_word(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    if _is_word_char(after):
        return False
    return not (after == "." and end + 1 < len(text) and _is_word_char(text[end + 1]))


def snippet(text: str, spans: Iterable[tuple[int, int]], width: int = SNIPPET_CHARS) -> Highlighted:
    """One line of about `width` characters around the densest cluster of spans."""
    spans = list(spans)
    if not spans:
        return _one_line(text[: width + 40], 0, width, ())
    best_start, best_count = spans[0][0], 0
    right = 0
    for left, (start, _) in enumerate(spans):
        right = max(right, left)
        while right + 1 < len(spans) and spans[right + 1][1] - start <= width:
            right += 1
        if right - left + 1 > best_count:
            best_start, best_count = start, right - left + 1
    window_start = max(0, best_start - width // 4)
    # Start on a word boundary so the snippet does not open mid-word.
    if window_start > 0:
        space = text.rfind(" ", max(0, window_start - 20), window_start)
        window_start = space + 1 if space >= 0 else window_start
    inside = tuple((s, e) for s, e in spans if s >= window_start and e <= window_start + width)
    return _one_line(text, window_start, width, inside)


def _one_line(text: str, start: int, width: int, spans: tuple[tuple[int, int], ...]) -> Highlighted:
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start + width // 2, end)
        end = space if space > 0 else end
    piece = text[start:end].replace("\n", " ").replace("\t", " ")
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix) - start
    return Highlighted(
        prefix + piece + suffix, tuple((s + shift, e + shift) for s, e in spans if e <= end)
    )
