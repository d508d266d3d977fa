"""Where a query's terms occur in a text, and the best snippet around them: text plus spans."""

from __future__ import annotations

from collections.abc import Iterable

from index.results import Highlighted
from index.schema import WORD, analyzed_word

# Long articles are highlighted in full in the reader, but snippets only look at the opening.
SNIPPET_SCAN_CHARS = 200_000
SNIPPET_CHARS = 180
ELLIPSIS = "…"


def term_spans(
    text: str, terms: frozenset[str], limit: int | None = None
) -> tuple[tuple[int, int], ...]:
    """The `(start, end)` spans of words in `text` whose analyzed form is one of `terms`."""
    if not terms or not text:
        return ()
    scanned = text if limit is None else text[:limit]
    spans = []
    for match in WORD.finditer(scanned):
        term = analyzed_word(match.group())
        if term and term in terms:
            spans.append(match.span())
    return tuple(spans)


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
