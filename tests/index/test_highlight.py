"""The one-pass highlighter finds the words the index's analyzer makes, at the same places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from folds import FOLDED_WORDS
from whoosh.lang.porter import stem

from index.whoosh.highlight import _kept_letters, term_spans
from index.whoosh.schema import WORD, analyzed_word, fold_word, text_analyzer

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
REUTERS = CORPORA / "reuters21578"

TRICKY = [
    "Gašić met Łódź officials; ŒUVRE, Straße and Æsir are folded. The U.S. rate was 3.5%.",
    "e-mail, don't, naïve café, 1,000.50 dollars, a I x, ünïcödé ø đ þ",
    "Cooperation cooperated with COOPERATING cooperatives... running runs ran",
    # A word found inside another, or joined to the one before by a dot, is not marked there.
    "said U.S.said said.said said_ _said x.said said..said 3.said saids unsaid Said-said",
    "",
    "   \n\t  ",
]


def _analyzer_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for token in text_analyzer()(text, chars=True, removestops=False):
        if not token.stopped:
            spans.setdefault(token.text, []).append((token.startchar, token.endchar))
    return spans


def _texts() -> list[str]:
    texts = list(TRICKY)
    articles = REUTERS / "articles.jsonl"
    if articles.is_file():
        with articles.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["body"] for _, line in zip(range(300), lines, strict=False)]
    return texts


def test_term_spans_match_the_index_analyzer() -> None:
    for text in _texts():
        expected = _analyzer_spans(text)
        found = term_spans(text, frozenset(expected))
        assert list(found) == sorted(span for spans in expected.values() for span in spans), text
        for term, spans in list(expected.items())[:20]:
            assert list(term_spans(text, frozenset({term}))) == spans, (text, term)


def test_accented_and_special_letters_are_marked_by_their_plain_form() -> None:
    text = " ".join(word for word, _ in FOLDED_WORDS)
    spans, start = [], 0
    for word, _ in FOLDED_WORDS:
        spans.append((start, start + len(word)))
        start += len(word) + 1
    for word, folded in FOLDED_WORDS:
        same = tuple(
            span for (_, other), span in zip(FOLDED_WORDS, spans, strict=True) if other == folded
        )
        assert term_spans(text, frozenset({stem(folded)})) == same, word
    assert term_spans(text, frozenset(stem(folded) for _, folded in FOLDED_WORDS)) == tuple(spans)


def test_stop_words_are_never_marked() -> None:
    assert term_spans("the cat and the hat", frozenset({"the", "and", "cat"})) == ((4, 7),)


def test_terms_a_few_at_a_time_are_found_where_the_analyzer_puts_them() -> None:
    for text in _texts():
        expected = _analyzer_spans(text)
        terms = sorted(expected)
        for first in range(0, len(terms), 7):
            chosen = terms[first : first + 7]
            wanted = sorted(span for term in chosen for span in expected[term])
            assert list(term_spans(text, frozenset(chosen))) == wanted, (text, chosen)


def test_every_word_starts_with_the_kept_letters_of_its_term() -> None:
    """What finding words by their first letters rests on, for every word of the corpora."""
    sources = sorted(CORPORA.glob("*/articles.jsonl"))
    if not sources:
        pytest.skip("../shared/corpora is not present beside the repository")
    words: set[str] = set()
    for source in sources:
        with source.open(encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                words.update(WORD.findall(f"{article.get('title') or ''} {article['body']}"))
    for word in words:
        term = analyzed_word(word)
        folded = fold_word(word)
        if term and len(folded) == len(word):
            kept = _kept_letters(term)
            assert folded[:kept] == term[:kept], (word, term)
