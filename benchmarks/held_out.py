"""The default extractor scored on CoNLL documents its tagger never saw.

    python -m benchmarks.held_out [--epochs 15] [--runs 3]     (`make bench-entities` runs it)

The shipped tagger learnt from all of CoNLL-2003 train, and its rules were tuned on the dev
split, which the regression test also scores: the dev figure flatters it, and the test split is
not here. So every tenth document of train is held out (by position: the 10th, 20th, …), a
tagger is trained on the others by `benchmarks.train_entities` (the shipped model's features,
epochs and seed, and the gold set's tune articles as often) into a temporary copy of the
`articles` package, and the held-out documents are
scored with it by `benchmarks.entities` in a child process that imports that copy. The shipped
model is never touched. The shipped name vetter learnt every train document's answers
(`benchmarks.train_vetter`), so the copy gets a vetter learnt without the held-out documents'
(from the readings of the fold taggers, `benchmarks.fold_taggers`: trained first when missing).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

from articles.entities.tagger import MODEL_FILE
from articles.entities.vetting import MODEL_FILE as VETTER_FILE
from benchmarks.conll import Document, read_conll, write_conll
from benchmarks.train_entities import (
    DEFAULT_TRAIN,
    EPOCHS,
    GOLD_REPEATS,
    REPOSITORY,
    gold_documents,
    train,
    write_model,
)
from benchmarks.train_vetter import vetter_without_documents, write_vetter

HELD_OUT_EVERY = 10


def split_train(documents: list[Document]) -> tuple[list[Document], list[Document]]:
    """(trained on, held out): every `HELD_OUT_EVERY`-th document is held out."""
    trained_on, held_out = [], []
    for number, document in enumerate(documents, start=1):
        (held_out if number % HELD_OUT_EVERY == 0 else trained_on).append(document)
    return trained_on, held_out


def package_with_model(model: dict, root: Path) -> None:
    """A copy of the `articles` package under `root`, with `model` as its tagger's."""
    shutil.copytree(
        REPOSITORY / "articles", root / "articles", ignore=shutil.ignore_patterns("__pycache__")
    )
    write_model(model, root / "articles" / "entities" / "data" / MODEL_FILE)


def run_importing_package(
    root: Path, arguments: list[str], **options: Any
) -> subprocess.CompletedProcess:
    """`python ARGUMENTS` in a child process that imports `articles` from `root` (its working
    folder, first on its path) and `benchmarks` from the repository."""
    path = os.pathsep.join((str(root), str(REPOSITORY)))
    environment = {**os.environ, "PYTHONPATH": path}
    return subprocess.run([sys.executable, *arguments], cwd=root, env=environment, **options)


def score_held_out(train_path: Path, epochs: int, runs: int) -> int:
    """Train on all but the held-out documents, then print their scores (the child's status)."""
    documents = read_conll(train_path)
    trained_on, held_out = split_train(documents)
    tokens = sum(document.token_count for document in held_out)
    print(
        f"\nHeld out: every {HELD_OUT_EVERY}th document of {train_path} ({len(held_out)} "
        f"documents, {tokens:,} tokens); the tagger trained on the other {len(trained_on)} "
        f"({epochs} epochs) and the gold set's tune articles ({GOLD_REPEATS} times an epoch):",
        flush=True,
    )
    gold = tuple(gold_documents()) if GOLD_REPEATS else ()
    with TemporaryDirectory(prefix="newsreader-held-out-") as temporary:
        root = Path(temporary)
        package_with_model(train(trained_on, epochs, gold, GOLD_REPEATS), root)
        # The shipped vetter learnt these documents' answers: the copy's never did.
        held_out_positions = {
            number - 1 for number in range(1, len(documents) + 1) if number % HELD_OUT_EVERY == 0
        }
        vetter = vetter_without_documents(held_out_positions)
        write_vetter(vetter, root / "articles" / "entities" / "data" / VETTER_FILE)
        held_out_file = root / "held_out.txt"
        write_conll(held_out, held_out_file)
        sys.stdout.flush()  # the training's lines before the child's
        arguments = ["-m", "benchmarks.entities", "--extractor", "default", "--runs", str(runs)]
        return run_importing_package(root, [*arguments, str(held_out_file)]).returncode


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.held_out", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--train", type=Path, default=DEFAULT_TRAIN)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--runs", type=int, default=3, help="time the extractor N times")
    options = parser.parse_args(arguments)
    if not options.train.is_file():
        print(f"{options.train}: no such file (the benchmarks need ../shared)", file=sys.stderr)
        return 2
    return score_held_out(options.train, options.epochs, options.runs)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
