"""Train the name vetter (`articles.entities.vetting`) and write the shipped model.

    pip install -e '.[train]'       # scikit-learn, for the logistic regression
    python -m benchmarks.train_vetter [--c 1.0] [--margins 0.5 0.5 1.5] [--no-write]

Each tune article the tagger learns, and each document of CoNLL-2003 train, is read by a tagger
that never learnt it (`benchmarks.fold_taggers`, trained first when missing), as the shipped
tagger reads news it never saw; each name the reading gives is one example, labelled with the
kind most of its mentions have in the gold set or in CoNLL (a mention whose field, start and end
no right span has counts as "none": a wrong span is better dropped; CoNLL's MISC is none too),
and weighed by its number of mentions (the scores count mentions). CoNLL's documents keep the
vetter from unlearning what old wire news looks like (its sports results above all), whose dev
split must still score 0.93. First each fold is scored out of fold (the vetter of the other
folds' names on its own), mention by mention as `benchmarks.gold.score` counts them, against
the readings unvetted, apart per source; then the vetter learns every fold's names and is
written to `articles/entities/data/name_vetter.json.gz`. The held split is never read, nor
CoNLL's dev split.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from articles.entities.default import DefaultExtractor
from articles.entities.vetting import ANSWERS, MODEL_FILE, NO_NAME, NameVetter, vetter_from
from articles.model import ENTITY_KINDS, Entities
from benchmarks.conll import CONLL_LABELS
from benchmarks.entities import Counts
from benchmarks.fold_taggers import Fold, fold_taggers
from benchmarks.gold import read_gold_articles
from benchmarks.gold.score import Labelled, gold_spans
from index.api import ENTITY_SCAN_CHARS

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_OUTPUT = REPOSITORY / "articles" / "entities" / "data" / MODEL_FILE
# The inverse strength of the regression's L2 penalty, chosen out of fold (README, "Entity
# extraction").
C = 1.0
# How far each answer's score must be ahead of every other's to be given, taken off its bias:
# precision first (a wrong name in the sidebar costs trust in the right ones). Chosen out of fold
# (README, "Entity extraction"): these raised organisation precision from 0.887 to 0.922 at a
# recall of 0.822 against 0.868, and F1 fell from 0.920 to 0.918.
MARGINS = {"person": 0.5, "place": 0.5, "organization": 1.5, NO_NAME: 0.0}
# Weights smaller than this for every answer are dropped from the model file: they never change
# an answer's rank by much, and halve the file.
SMALLEST_WEIGHT = 0.005


# Where a reading comes from: the gold set's tune articles, CoNLL-2003 train's documents.
SOURCES = ("gold", "conll")
KINDS_BY_CONLL_LABEL = {label: kind for kind, label in CONLL_LABELS.items()}


@dataclass
class Reading:
    """One article as a fold's tagger reads it: its entities before the vetter, the features
    of each name, the right spans (field, start, end, kind), and the right answer per name
    (`labels`) with its number of mentions (`weights`)."""

    source: str
    entities: Entities
    features: dict[str, set[str]]
    expected: set[Labelled]
    fold: int
    position: int = -1  # a CoNLL document's position in train, from 0
    labels: dict[str, str] = field(default_factory=dict)
    weights: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        right_kinds = {(f, start, end): kind for f, start, end, kind in self.expected}
        votes: dict[str, Counter[str]] = {}
        for mention in self.entities.mentions:
            right = right_kinds.get((mention.field, mention.start, mention.end), NO_NAME)
            votes.setdefault(mention.name, Counter())[right] += 1
        for name, counted in votes.items():
            self.labels[name] = counted.most_common(1)[0][0]
            self.weights[name] = counted.total()


def readings(folds: list[Fold]) -> list[Reading]:
    """Every fold's articles and documents read by the fold's tagger, each name labelled."""
    found = []
    for number, fold in enumerate(folds):
        extractor = DefaultExtractor(fold.model)
        articles = read_gold_articles(list(fold.golds))
        for gold in fold.golds:
            article = articles[gold.corpus, gold.id]
            read = extractor.read(article.title, article.body[:ENTITY_SCAN_CHARS])
            found.append(Reading("gold", *read, gold_spans(gold), number))
        for place, document in enumerate(fold.documents):
            expected = {
                ("body", start, end, KINDS_BY_CONLL_LABEL[label])
                for label, start, end in document.gold_spans()
            }
            read = extractor.read("", document.text)
            position = number + place * len(folds)  # the fold holds every len(folds)-th
            found.append(Reading("conll", *read, expected, number, position))
        print(f"fold {number + 1}: {len(fold.golds)} articles, {len(fold.documents)} documents")
    return found


def learn(examples: list[Reading], c: float, margins: dict[str, float] = MARGINS) -> NameVetter:
    """A vetter learnt from the names of `examples` (scikit-learn's logistic regression)."""
    return vetter_from(model_file_content(examples, c, margins))


def model_file_content(
    examples: list[Reading], c: float, margins: dict[str, float] = MARGINS
) -> dict:
    try:
        from scipy.sparse import csr_matrix
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise SystemExit(
            "training the vetter needs scikit-learn: pip install -e '.[train]'"
        ) from None
    feature_ids: dict[str, int] = {}
    rows, columns, labels, weights = [], [], [], []
    for reading in examples:
        for name, features in reading.features.items():
            for feature in sorted(features):  # the same columns whatever the hash seed
                columns.append(feature_ids.setdefault(feature, len(feature_ids)))
                rows.append(len(labels))
            labels.append(ANSWERS.index(reading.labels[name]))
            weights.append(reading.weights[name])
    matrix = csr_matrix(([1.0] * len(rows), (rows, columns)), shape=(len(labels), len(feature_ids)))
    regression = LogisticRegression(C=c, max_iter=3000)
    regression.fit(matrix, labels, sample_weight=weights)
    # One row of weights per answer, in `ANSWERS`' order (the examples give all four).
    order = [list(regression.classes_).index(answer) for answer in range(len(ANSWERS))]
    coefficients = regression.coef_[order].T
    return {
        "answers": list(ANSWERS),
        "bias": [
            round(float(value) - margins[answer], 4)
            for answer, value in zip(ANSWERS, regression.intercept_[order], strict=True)
        ],
        "weights": {
            feature: [round(float(value), 4) for value in coefficients[index]]
            for feature, index in sorted(feature_ids.items())
            if abs(coefficients[index]).max() >= SMALLEST_WEIGHT
        },
    }


def found_spans(entities: Entities) -> set[Labelled]:
    return {(m.field, m.start, m.end, m.kind) for m in entities.mentions}


def counted(found: list[tuple[set[Labelled], set[Labelled]]]) -> dict[str, Counts]:
    """Per kind, the exact matches of (found, right) spans, as `benchmarks.gold.score` counts."""
    counts = {kind: Counts() for kind in ENTITY_KINDS}
    for spans, right in found:
        for *_, kind in spans:
            counts[kind].predicted += 1
        for span in right:
            counts[span[3]].gold += 1
            counts[span[3]].true_positives += span in spans
    return counts


def line(label: str, counts: dict[str, Counts]) -> str:
    total = Counts(
        sum(c.true_positives for c in counts.values()),
        sum(c.predicted for c in counts.values()),
        sum(c.gold for c in counts.values()),
    )
    kinds = "  ".join(
        f"{kind} P {one.precision:.3f} R {one.recall:.3f}" for kind, one in counts.items()
    )
    overall = f"F1 {total.f1:.4f} (P {total.precision:.3f}, R {total.recall:.3f})"
    return f"{label:>16}: {overall}  {kinds}"


def out_of_fold(
    all_readings: list[Reading], folds: int, c: float, margins: dict[str, float] = MARGINS
) -> dict[str, list[str]]:
    """Per source, the lines of its mentions' scores unvetted, and vetted by a vetter that never
    learnt their fold."""
    unvetted: dict[str, list] = {source: [] for source in SOURCES}
    vetted: dict[str, list] = {source: [] for source in SOURCES}
    for number in range(folds):
        vetter = learn([r for r in all_readings if r.fold != number], c, margins)
        for reading in all_readings:
            if reading.fold == number:
                unvetted[reading.source].append((found_spans(reading.entities), reading.expected))
                entities = vetter.vetted(reading.entities, reading.features)
                vetted[reading.source].append((found_spans(entities), reading.expected))
    return {
        source: [
            line(f"{source} unvetted", counted(unvetted[source])),
            line(f"{source} C={c}", counted(vetted[source])),
        ]
        for source in SOURCES
    }


def vetter_without_documents(positions: set[int]) -> dict:
    """The model file's content of a vetter that never learnt the readings of CoNLL train's
    documents at `positions` (from 0): to score them honestly (`benchmarks.held_out`)."""
    learnt = [r for r in readings(fold_taggers()) if r.position not in positions]
    return model_file_content(learnt, C, MARGINS)


def write_vetter(content: dict, output: Path) -> None:
    output.write_bytes(gzip.compress(json.dumps(content, separators=(",", ":")).encode(), mtime=0))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c", type=float, nargs="+", default=[C], help="L2 inverse strength")
    parser.add_argument(
        "--margins",
        type=float,
        nargs=3,
        metavar=("PERSON", "PLACE", "ORGANIZATION"),
        default=[MARGINS[kind] for kind in ENTITY_KINDS],
        help="how far ahead each kind's score must be",
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--no-write", action="store_true", help="only score out of fold")
    arguments = parser.parse_args()
    folds = fold_taggers()
    all_readings = readings(folds)
    names = sum(len(reading.labels) for reading in all_readings)
    print(f"{len(all_readings)} articles, {names} names")
    margins = dict(zip(ENTITY_KINDS, arguments.margins, strict=True)) | {NO_NAME: 0.0}
    for c in arguments.c:
        for lines in out_of_fold(all_readings, len(folds), c, margins).values():
            print("\n".join(lines), flush=True)
    if arguments.no_write:
        return
    content = model_file_content(all_readings, arguments.c[0], margins)
    write_vetter(content, arguments.output)
    size = arguments.output.stat().st_size
    print(f"{len(content['weights'])} features, {size / 1e6:.2f} MB -> {arguments.output}")


if __name__ == "__main__":
    main()
