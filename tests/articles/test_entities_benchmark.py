"""The entity benchmark: reading CoNLL files, gold spans, scoring and the printed table."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

from articles.entities import ExtractorUnavailable, get_extractor
from articles.model import Entities, Mention

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not installed: importable however pytest runs
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.conll import Document, Sentence, read_conll, write_conll  # noqa: E402
from benchmarks.entities import main, score  # noqa: E402
from benchmarks.held_out import package_with_model, run_importing_package, split_train  # noqa: E402

CONLL_TEXT = """-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
"""


@pytest.fixture
def conll_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.txt"
    path.write_text(CONLL_TEXT, encoding="utf-8")
    return path


class Fixed:
    """An extractor that finds the same spans in any text."""

    name = "fixed"

    def __init__(self, *mentions: Mention) -> None:
        self.mentions = mentions

    def extract(self, title: str, body: str) -> Entities:
        return Entities(mentions=self.mentions)


def test_documents_join_sentences_by_lines_and_tokens_by_spaces(conll_file):
    first, second = read_conll(conll_file)
    assert first.text == "EU rejects German call .\nPeter Blackburn"
    assert first.token_count == 7
    assert first.gold_spans() == {("ORG", 0, 2), ("PER", 25, 40)}  # MISC is not scored
    assert second.text == "BRUSSELS 1996-08-22"
    assert second.gold_spans() == {("LOC", 0, 8)}


def test_score_counts_exact_spans_per_label(conll_file):
    first, _ = read_conll(conll_file)
    extractor = Fixed(
        Mention("organization", "EU", 0, 2),  # right
        Mention("person", "Peter", 25, 30),  # wrong end
        Mention("place", "German", 11, 17),  # not an entity
    )
    result = score(extractor, [first])
    assert (result.by_label["ORG"].true_positives, result.by_label["ORG"].predicted) == (1, 1)
    assert (result.by_label["PER"].true_positives, result.by_label["PER"].gold) == (0, 1)
    assert result.micro.precision == pytest.approx(1 / 3)
    assert result.micro.recall == pytest.approx(1 / 2)
    assert result.micro.f1 == pytest.approx(0.4)
    assert result.tokens == 7


def test_the_benchmark_prints_a_table_for_a_given_file(conll_file, capsys):
    assert main([str(conll_file)]) == 0
    printed = capsys.readouterr().out
    assert "default:" in printed and "tokens/s" in printed
    assert all(label in printed for label in ("PER", "LOC", "ORG", "micro"))


def test_the_benchmark_refuses_a_missing_file(tmp_path, capsys):
    assert main([str(tmp_path / "missing.txt")]) == 2


def test_written_documents_read_back_the_same(conll_file, tmp_path):
    documents = read_conll(conll_file)
    written = tmp_path / "written.txt"
    write_conll(documents, written)
    assert read_conll(written) == documents


def test_every_tenth_document_is_held_out_and_never_trained_on():
    documents = [Document((Sentence((f"word{number}",), ("O",)),)) for number in range(25)]
    trained_on, held_out = split_train(documents)
    assert held_out == [documents[9], documents[19]]
    assert trained_on == [d for d in documents if d not in held_out]


def test_the_held_out_model_is_the_one_a_child_process_loads(tmp_path):
    package_with_model({"tags": ["O"], "marker": "held out"}, tmp_path)
    script = (
        "import articles.entities.tagger as tagger; from importlib.resources import files; "
        "print(tagger.__file__); "
        "print(files('articles.entities').joinpath('data', tagger.MODEL_FILE).read_bytes().hex())"
    )
    loaded = run_importing_package(
        tmp_path, ["-c", script], capture_output=True, text=True, check=True
    ).stdout.split()
    assert Path(loaded[0]).is_relative_to(tmp_path)
    model = json.loads(gzip.decompress(bytes.fromhex(loaded[1])))
    assert model["marker"] == "held out"


def test_an_extractor_not_installed_is_refused_in_a_sentence(conll_file, capsys):
    try:
        get_extractor("spacy")
    except ExtractorUnavailable:
        assert main(["--extractor", "spacy", str(conll_file)]) == 2
        assert "spacy" in capsys.readouterr().err
    else:
        pytest.skip("spaCy is installed here")
