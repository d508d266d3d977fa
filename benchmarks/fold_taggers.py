"""Taggers that never learnt given articles: the name vetter's training readings.

    python -m benchmarks.fold_taggers      (a few minutes per fold; kept for the next run)

The tune articles the shipped tagger learns (`benchmarks.train_entities.learnt_from`, less the
near copies of held articles) and the documents of CoNLL-2003 train are each dealt into `FOLDS`
folds (the 1st, 6th, 11th… in one). The tagger of a fold learns all the shipped tagger learns
but that fold's articles and documents and the near copies of its articles, so it reads them as
the shipped tagger reads news it never saw. The name vetter (`benchmarks.train_vetter`) learns
from those readings: the shipped tagger's own readings of what it learnt are better than its
readings of new news, and would teach the vetter to trust it too much.

A fold's model is kept in `benchmarks/data/fold_taggers/` beside the list of its articles, and
trained again only when that list changes (a batch learnt, an article annotated).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

from articles.entities.tagger import PackedModel, pack_model
from articles.model import Article
from benchmarks.conll import Document, read_conll
from benchmarks.gold import GoldArticle, gold_path, load_gold_set, read_gold_articles
from benchmarks.gold.near_copies import near_copies
from benchmarks.train_entities import (
    DEFAULT_TRAIN,
    EPOCHS,
    GOLD_REPEATS,
    gold_documents,
    learnt_from,
    train,
    write_model,
)

FOLDS = 5
FOLDER = Path(__file__).resolve().parent / "data" / "fold_taggers"


@dataclass(frozen=True)
class Fold:
    """The tune articles and CoNLL-2003 train documents one tagger never learnt, and that
    tagger."""

    golds: tuple[GoldArticle, ...]
    documents: tuple[Document, ...]
    model: PackedModel


def stem(gold: GoldArticle) -> str:
    return gold_path(gold.corpus, gold.id).stem


def learnt_tune_articles() -> tuple[list[GoldArticle], dict[tuple[str, str], Article]]:
    """The tune articles the shipped tagger learns, in the gold set's order, and their text."""
    gold_set = load_gold_set()
    learnt = [gold for gold in gold_set if learnt_from(gold)]
    held = [gold for gold in gold_set if gold.split == "held"]
    articles = read_gold_articles(learnt + held)
    copies = near_copies(
        articles, ((g.corpus, g.id) for g in held), ((g.corpus, g.id) for g in learnt)
    )
    return [gold for gold in learnt if (gold.corpus, gold.id) not in copies], articles


def left_out_of(
    number: int,
    learnt: list[GoldArticle],
    articles: dict[tuple[str, str], Article],
    folds: int = FOLDS,
) -> tuple[list[GoldArticle], list[str]]:
    """The `number`th fold's articles (from 0) of the `learnt` ones, and the file names of those
    its tagger never learns: the fold's, and the others' that nearly copy one of the fold's
    (they would teach its answers)."""
    golds = learnt[number::folds]
    fold_keys = {(gold.corpus, gold.id) for gold in golds}
    others = [gold for gold in learnt if (gold.corpus, gold.id) not in fold_keys]
    copies = near_copies(articles, fold_keys, ((gold.corpus, gold.id) for gold in others))
    left_out = {stem(gold) for gold in golds}
    left_out |= {stem(gold) for gold in others if (gold.corpus, gold.id) in copies}
    return golds, sorted(left_out)


def fold_taggers(folds: int = FOLDS, folder: Path = FOLDER) -> list[Fold]:
    """Each fold with its tagger, trained now if the kept one learnt another set of articles."""
    learnt, articles = learnt_tune_articles()
    conll = read_conll(DEFAULT_TRAIN)
    found = []
    for number in range(folds):
        golds, left_out = left_out_of(number, learnt, articles, folds)
        model_file = folder / f"fold-{number + 1}-of-{folds}.json.gz"
        listing = folder / f"fold-{number + 1}-of-{folds}.left_out.json"
        # What the tagger never learnt: the gold files by name, CoNLL's documents by number.
        unlearnt = {"gold": left_out, "conll": list(range(number, len(conll), folds))}
        if (
            not (model_file.exists() and listing.exists())
            or json.loads(listing.read_text()) != unlearnt
        ):
            print(f"fold {number + 1} of {folds}: training, {len(left_out)} articles left out")
            gold = tuple(gold_documents(excluded=frozenset(left_out)))
            documents = [doc for index, doc in enumerate(conll) if index % folds != number]
            model = train(documents, EPOCHS, gold, GOLD_REPEATS)
            write_model(model, model_file)
            listing.write_text(json.dumps(unlearnt))
        found.append(Fold(tuple(golds), tuple(conll[number::folds]), _read_model(model_file)))
    return found


def _read_model(model_file: Path) -> PackedModel:
    return pack_model(json.loads(gzip.decompress(model_file.read_bytes())))


if __name__ == "__main__":
    for fold in fold_taggers():
        print(f"{len(fold.golds)} articles")
