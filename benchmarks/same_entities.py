"""Check that a change to the default extractor leaves every entity it finds as it was.

    python -m benchmarks.same_entities --save BEFORE.json.gz   # on the code before the change
    python -m benchmarks.same_entities --compare BEFORE.json.gz   # on the changed code

Extracts from every story of the Reuters, BBC and Wikinews corpora of `../shared/corpora` (the
modern-news gold articles among them) and the CoNLL-2003 dev split, and records each story's
mentions (kind, canonical name, field, offsets) and names per kind. `--compare` names the
stories whose entities differ and exits 1 if any does: a speed-up must not change one entity.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from articles.archive import read_file
from articles.entities import get_extractor
from benchmarks.conll import read_conll
from benchmarks.entities import DEV_SPLIT

BENCHMARKS = Path(__file__).resolve().parent
SHARED = BENCHMARKS.parents[1] / "shared"
CORPORA = tuple(
    SHARED / "corpora" / name / "articles.jsonl" for name in ("reuters21578", "bbc", "wikinews")
)

# A story's name (which finds it again), title and body.
Stories = Iterator[tuple[str, str, str]]


def stories() -> Stories:
    for path in CORPORA:
        for article in read_file(path).articles:
            yield f"{path.parent.name}/{article.id}", article.title, article.body
    for number, document in enumerate(read_conll(DEV_SPLIT)):
        yield f"conll-dev/{number}", "", document.text


def entities_by_story() -> dict[str, list[object]]:
    extractor = get_extractor("default")
    found: dict[str, list[object]] = {}
    for name, title, body in stories():
        entities = extractor.extract(title, body)
        mentions = [
            [mention.kind, mention.name, mention.field, mention.start, mention.end]
            for mention in entities.mentions
        ]
        names = {kind: list(names) for kind, names in entities.names.items()}
        found[name] = [mentions, names]
    return found


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.same_entities", description=__doc__.split("\n\n")[0]
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, help="write every story's entities to this file")
    action.add_argument("--compare", type=Path, help="compare with a file written by --save")
    options = parser.parse_args(arguments)
    found = entities_by_story()
    if options.save:
        options.save.write_bytes(gzip.compress(json.dumps(found).encode()))
        print(f"{len(found)} stories' entities written to {options.save}")
        return 0
    before = json.loads(gzip.decompress(options.compare.read_bytes()))
    changed = [name for name in before.keys() | found.keys() if before.get(name) != found.get(name)]
    mentions = sum(len(story[0]) for story in found.values())
    for name in sorted(changed)[:20]:
        print(f"different: {name}")
    print(f"{len(found)} stories, {mentions} mentions; {len(changed)} stories differ")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
