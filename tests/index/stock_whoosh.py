"""Running code on stock Whoosh: a fresh interpreter where `index.fastpath.enable()` never ran,
which checks before it answers that no Whoosh class has a method replaced by the project."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]

_UNPATCHED_CHECK = """
import inspect as _inspect, json as _json, sys as _sys

def _replaced_whoosh_methods():
    replaced = []
    for module_name, module in list(_sys.modules.items()):
        if module_name.split(".")[0] != "whoosh":
            continue
        for class_name, cls in vars(module).items():
            if not _inspect.isclass(cls) or cls.__module__ != module_name:
                continue
            for name, value in vars(cls).items():
                owner = getattr(value, "__module__", None) or ""
                if _inspect.isfunction(value) and owner.split(".")[0] != "whoosh":
                    replaced.append(f"{module_name}.{class_name}.{name} from {owner}")
    return replaced

_answer = main(_json.load(_sys.stdin))
assert not _replaced_whoosh_methods(), _replaced_whoosh_methods()
_json.dump(_answer, _sys.stdout)
"""


def run_on_stock_whoosh(script: str, argument: object = None) -> object:
    """Run `script`, which defines `main(argument)`, on stock Whoosh; returns what `main`
    returns (both as JSON)."""
    finished = subprocess.run(
        [sys.executable, "-c", script + _UNPATCHED_CHECK],
        input=json.dumps(argument),
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        check=False,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


# Every hit of each query by stock Whoosh, best first and newest first (as Whoosh sorts a date
# column in reverse: stories without a date first). The project's parser turns the text into
# Whoosh's query (it is the query language); nothing else of the project runs.
_STOCK_SEARCH = """
from pathlib import Path
from whoosh import index
from index.fastpath.ranking import WEIGHTING
from index.whoosh.search import open_stock

def main(argument):
    folder, texts = argument
    parser = open_stock(Path(folder))
    ix = index.open_dir(folder)
    answers = {}
    with ix.searcher(weighting=WEIGHTING) as searcher:
        for text in texts:
            query = parser.parse(text)
            ranked = searcher.search(query, limit=None)
            newest = searcher.search(query, limit=None, sortedby="date", reverse=True)
            answers[text] = {
                "ranked": [[hit.docnum, hit["id"], hit.score] for hit in ranked],
                "newest": [
                    [hit.docnum, hit["id"], hit.get("date") and str(hit["date"].date())]
                    for hit in newest
                ],
            }
    parser.close()
    ix.close()
    return answers
"""


def stock_answers(index_dir: Path, texts: list[str]) -> dict[str, dict[str, list[list]]]:
    """What stock Whoosh finds for each query in the index: `ranked`, every hit as (document
    number, id, score) best first, and `newest`, as (document number, id, day or None) newest
    first, stories without a date first as Whoosh sorts them."""
    return run_on_stock_whoosh(_STOCK_SEARCH, [str(index_dir), texts])  # type: ignore[return-value]
