"""Choose how the tagger learns from the gold set's tune split: cross-validated on tune.

    python -m benchmarks.gold.cross_validate [--repeats 1 3] [--folds 4] [--epochs 15]

The tune articles are dealt into `--folds` folds (the 1st, 5th, 9th… in one); for each fold and
each number of repeats, a tagger is trained on CoNLL-2003 train plus the other folds' articles,
repeated that many times an epoch (`benchmarks.train_entities`), and the fold is scored with it
as `benchmarks.gold.score` scores (exact field, span and kind). A tagger of CoNLL train alone,
which never saw a tune article, is scored on the same folds beside them (the shipped model saw
them all: the F1 of a model trained on every tune article is no measure of it). The held split
is never read here: it is scored once, for the option chosen.
"""

from __future__ import annotations

import argparse
import sys
from statistics import mean

from articles.entities.default import DefaultExtractor
from articles.entities.tagger import pack_model
from articles.model import ENTITY_KINDS
from benchmarks.conll import read_conll
from benchmarks.gold import gold_path, load_gold_set, read_gold_articles
from benchmarks.gold.score import SplitScore, score
from benchmarks.train_entities import DEFAULT_TRAIN, EPOCHS, gold_documents, learnt_from, train


def _line(option: str, fold: int, result: SplitScore) -> str:
    kinds = "  ".join(f"{kind} {result.by_kind[kind].f1:.3f}" for kind in ENTITY_KINDS)
    overall = result.overall
    return (
        f"{option:>16}  fold {fold}: F1 {overall.f1:.3f} (precision {overall.precision:.3f}, "
        f"recall {overall.recall:.3f})  {kinds}"
    )


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.gold.cross_validate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--repeats", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    options = parser.parse_args(arguments)
    if min(options.repeats) < 1:
        parser.error("--repeats are numbers of times, 1 or more (CoNLL alone is scored too)")
    try:
        tune = [gold for gold in load_gold_set() if learnt_from(gold)]
        articles = read_gold_articles(tune)
    except ValueError as reason:
        print(reason, file=sys.stderr)
        return 2
    if not 2 <= options.folds <= len(tune):
        parser.error(f"--folds: from 2 to the {len(tune)} tune articles")
    conll = read_conll(DEFAULT_TRAIN)
    folds = [tune[fold :: options.folds] for fold in range(options.folds)]
    conll_only = DefaultExtractor(pack_model(train(conll, options.epochs)))
    f1s: dict[str, list[float]] = {}
    for number, fold in enumerate(folds, start=1):
        scored = {"CoNLL alone": score(conll_only, fold, articles)["tune"]}
        left_out = frozenset(gold_path(gold.corpus, gold.id).stem for gold in fold)
        gold = tuple(gold_documents(excluded=left_out))
        for repeats in options.repeats:
            model = train(conll, options.epochs, gold, repeats)
            extractor = DefaultExtractor(pack_model(model))
            scored[f"tune ×{repeats}"] = score(extractor, fold, articles)["tune"]
        for option, result in scored.items():
            print(_line(option, number, result), flush=True)
            f1s.setdefault(option, []).append(result.overall.f1)
    print(f"\nMean F1 over {options.folds} folds of the {len(tune)} tune articles:")
    for option, values in f1s.items():
        print(f"{option:>16}: {mean(values):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
