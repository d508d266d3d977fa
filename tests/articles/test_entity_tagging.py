"""The entity tagger's fast paths give exactly what their plain definitions give."""

from __future__ import annotations

import gzip
import json
from importlib.resources import files
from itertools import repeat

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles.entities.features import BOUNDARY, OFFSETS, features_by_offset
from articles.entities.tagger import MODEL_FILE, Packing, Tagger, load_model
from articles.entities.tokens import _PLAIN_QUOTES, _TOKEN, tokenize


def pattern_tokens(text: str) -> tuple[list[str], list[int]]:
    """The tokens as the token pattern alone finds them in the whole text."""
    matches = list(_TOKEN.finditer(text.translate(_PLAIN_QUOTES)))
    return [match.group() for match in matches], [match.start() for match in matches]


TRICKY_TEXTS = [
    "Acme Corp. said, (Reuters) Valiyev's visit to news.az cost US$ 1,000.",
    "M. Smith met J.",
    "than I. Then A. B. and Mass. and Mx. and vs. and St.Petersburg",
    "'s x's 's' _x x_ $5 5$ x- -x x& &x x' 'x x. .x x, ,x x: :x x) (x \"x x\"",
    "1,000, 3.5. U.S., O'Neill's Jean-Paul. S&P's year.\" ‘Quoted’ «x» x… Gašić’s İstanbul.",
    "x,5 x:5 x.5 ,5 ;5 x;",
]


@pytest.mark.parametrize("text", TRICKY_TEXTS)
def test_tokens_are_what_the_token_pattern_finds(text):
    assert tokenize(text) == pattern_tokens(text)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZé5 .,;:'’\"()$&-_/?!\tMrsCopI")), max_size=40))
def test_any_text_gives_the_tokens_of_the_token_pattern(text):
    assert tokenize(text) == pattern_tokens(text)


@pytest.fixture(scope="module")
def tagger():
    return Tagger(load_model())


@pytest.fixture(scope="module")
def weights_by_offset():
    """The model's weights per offset, packed as read from the model file."""
    model = json.loads(
        gzip.decompress(files("articles.entities").joinpath("data", MODEL_FILE).read_bytes())
    )
    packing = Packing(len(model["tags"]))
    return packing, [packing.pack(model["weights"][str(offset)]) for offset in OFFSETS]


WORDS = [
    BOUNDARY, "a", "I", "ab", "abc", "Abc", "abcd", "the", "Baku", "BAKU", "Gašić", "İstanbul",
    "U.S.", "1,000", "3.5", "-", "'s", "Jean-Paul", "news.az", "S&P", "Azerbaijan", "xyzzyq",
]  # fmt: skip


def test_a_words_weights_at_each_offset_are_the_sum_of_its_features_there(
    tagger, weights_by_offset
):
    packing, by_offset = weights_by_offset
    model = load_model()
    for word in [*WORDS, *model.vocabulary]:
        features = features_by_offset(word, model.places)
        expected = [
            packing.scores(sum(map(weights.get, features.get(offset, ()), repeat(0))))
            for offset, weights in zip(OFFSETS, by_offset, strict=True)
        ]
        entry = tagger.word_entry(word)
        assert [packing.scores(vector) for vector in entry[: len(OFFSETS)]] == expected, word
