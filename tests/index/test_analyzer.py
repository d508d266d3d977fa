"""The schema's one-pass text analyzer makes what Whoosh's five-filter chain made."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from folds import FOLDED_WORDS
from whoosh import analysis, fields
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from index.whoosh.schema import TextAnalyzer, build_schema, fold_word

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "corpora"
ARTICLES_PER_CORPUS = 500
TRICKY = [
    "Gašić met Łódź officials; ŒUVRE, Straße and Æsir are folded. The U.S. rate was 3.5%.",
    "The a of: e-mail, don't, naïve café, 1,000.50 dollars, a I x, ünïcödé ø đ þ",
    "Cooperation cooperated with COOPERATING cooperatives... running runs ran",
    "",
    "   \n\t  ",
]


# Whoosh's accent map and the letters it lacks, written out here so that the reference does not
# share a folding bug with the schema.
REFERENCE_FOLDS = accent_map | {
    ord(letter): folded
    for letter, folded in {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "þ": "th",
        "ð": "d",
    }.items()
}


def whoosh_chain() -> analysis.Analyzer:
    """The analyzer of schema 4 and earlier, the reference for the one-pass analyzer."""
    return (
        analysis.RegexTokenizer()
        | analysis.LowercaseFilter()
        | analysis.CharsetFilter(REFERENCE_FOLDS)
        | analysis.StopFilter()
        | analysis.StemFilter()
    )


def _real_texts() -> list[str]:
    texts = []
    for articles in sorted(CORPORA.glob("*/articles.jsonl")):
        with articles.open(encoding="utf-8") as lines:
            for _, line in zip(range(ARTICLES_PER_CORPUS), lines, strict=False):
                record = json.loads(line)
                texts += [record.get("title") or "", record.get("body") or ""]
    return texts


def _tokens(analyzer: analysis.Analyzer, text: str, **options: object) -> list[tuple]:
    return [
        (token.text, token.pos, token.startchar, token.endchar, token.stopped, token.boost)
        for token in analyzer(text, positions=True, chars=True, **options)
    ]


@pytest.mark.parametrize(("word", "folded"), FOLDED_WORDS)
def test_accents_and_special_letters_fold_to_plain_letters(word: str, folded: str) -> None:
    assert fold_word(word) == folded
    assert [token.text for token in TextAnalyzer()(word)] == [stem(folded)]
    assert [token.text for token in TextAnalyzer()(word, mode="query")] == [stem(folded)]


@pytest.mark.parametrize("options", [{}, {"removestops": False}, {"mode": "query"}])
def test_tokens_positions_and_offsets_match_whooshs_chain(options: dict) -> None:
    for text in TRICKY:
        assert _tokens(TextAnalyzer(), text, **options) == _tokens(whoosh_chain(), text, **options)


def test_real_text_analyzes_as_with_whooshs_chain() -> None:
    texts = _real_texts()
    if not texts:
        pytest.skip("../shared/corpora is not present beside the repository")
    for text in texts:
        assert _tokens(TextAnalyzer(), text) == _tokens(whoosh_chain(), text), text[:80]
        assert _tokens(TextAnalyzer(), text, start_pos=3, start_char=10) == _tokens(
            whoosh_chain(), text, start_pos=3, start_char=10
        )


def test_indexed_postings_match_whooshs_chain() -> None:
    body = build_schema()["body"]
    reference = fields.TEXT(analyzer=whoosh_chain(), stored=True)
    for text in TRICKY + _real_texts()[:200]:
        assert sorted(body.index(text)) == sorted(reference.index(text)), text[:80]


def test_a_whole_value_is_one_token_when_not_tokenized() -> None:
    for text in ("Gašić", "the", "Running"):
        assert _tokens(TextAnalyzer(), text, tokenize=False) == _tokens(
            whoosh_chain(), text, tokenize=False
        )
