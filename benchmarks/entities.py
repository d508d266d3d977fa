"""Score entity extractors on CoNLL-format gold data: precision, recall, F1 and tokens/s.

    python -m benchmarks.entities [CONLL_FILE ...] [--runs 3] [--extractor NAME]
                                              (default: CoNLL-2003 dev split, every extractor)

Each document's sentences are joined one per line, tokens by single spaces; an extractor's
mentions are scored on exact character spans of PER, LOC and ORG (person, place, organization;
MISC is ignored), per kind and micro-averaged. Runs the default extractor and, when installed,
spaCy. Throughput is tokens per second of this process's CPU time (one core), over `extract`
only, each extractor built beforehand; the best of `--runs` runs, each with a new extractor.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from articles.entities import (
    EXTRACTOR_NAMES,
    EntityExtractor,
    ExtractorUnavailable,
    get_extractor,
)
from benchmarks.conll import CONLL_LABELS, SCORED_LABELS, Document, read_conll

DEV_SPLIT = (
    Path(__file__).resolve().parents[1].parent / "shared" / "ner" / "conll2003" / "valid.txt"
)


@dataclass
class Counts:
    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


@dataclass
class Score:
    by_label: dict[str, Counts] = field(
        default_factory=lambda: {label: Counts() for label in SCORED_LABELS}
    )
    tokens: int = 0
    seconds: float = 0.0

    @property
    def micro(self) -> Counts:
        return Counts(
            sum(c.true_positives for c in self.by_label.values()),
            sum(c.predicted for c in self.by_label.values()),
            sum(c.gold for c in self.by_label.values()),
        )

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def predicted_spans(extractor: EntityExtractor, text: str) -> set[tuple[str, int, int]]:
    entities = extractor.extract("", text)
    return {(CONLL_LABELS[m.kind], m.start, m.end) for m in entities.mentions if m.field == "body"}


def score(extractor: EntityExtractor, documents: list[Document]) -> Score:
    """Extract from every document (timed), then count exact-span matches per label."""
    texts = [document.text for document in documents]
    extractor.extract("", "")  # an extractor may load its model on its first article: not timed
    started = time.process_time()
    predictions = [predicted_spans(extractor, text) for text in texts]
    result = Score(seconds=time.process_time() - started)
    result.tokens = sum(document.token_count for document in documents)
    for document, predicted in zip(documents, predictions, strict=True):
        gold = document.gold_spans()
        for label, counts in result.by_label.items():
            counts.predicted += sum(1 for span in predicted if span[0] == label)
            counts.gold += sum(1 for span in gold if span[0] == label)
            counts.true_positives += sum(1 for span in predicted & gold if span[0] == label)
    return result


def format_score(name: str, result: Score) -> str:
    lines = [f"{name}: {result.tokens_per_second:,.0f} tokens/s ({result.tokens:,} tokens)"]
    lines.append(f"  {'':6} {'precision':>9} {'recall':>9} {'F1':>9} {'gold':>6}")
    rows = [*result.by_label.items(), ("micro", result.micro)]
    for label, counts in rows:
        figures = f"{counts.precision:9.3f} {counts.recall:9.3f} {counts.f1:9.3f}"
        lines.append(f"  {label:6} {figures} {counts.gold:6}")
    return "\n".join(lines)


def available_extractors() -> list[str]:
    names = ["default"]
    try:
        get_extractor("spacy")
        names.append("spacy")
    except ExtractorUnavailable as reason:
        print(f"spacy: not measured ({reason})")
    return names


def best_of(name: str, documents: list[Document], runs: int) -> Score:
    """The fastest of `runs` scorings, each by a newly built extractor (so each starts cold): the
    fastest is the one least disturbed by other work on the machine."""
    results = [score(get_extractor(name), documents) for _ in range(runs)]
    return min(results, key=lambda result: result.seconds)


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.entities", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("files", nargs="*", type=Path, help="CoNLL files (default: CoNLL dev)")
    parser.add_argument("--runs", type=int, default=3, help="time each extractor N times")
    parser.add_argument(
        "--extractor", choices=EXTRACTOR_NAMES, help="only this one (default: every one installed)"
    )
    options = parser.parse_args(arguments)
    for path in options.files:
        if not path.is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
    if options.extractor is None:
        names = available_extractors()
    else:
        try:
            get_extractor(options.extractor)
        except ExtractorUnavailable as reason:
            print(f"{options.extractor}: {reason}", file=sys.stderr)
            return 2
        names = [options.extractor]
    for path in options.files or [DEV_SPLIT]:
        documents = read_conll(path)
        print(f"\n{path} ({len(documents)} documents)")
        for name in names:
            print(format_score(name, best_of(name, documents, options.runs)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
