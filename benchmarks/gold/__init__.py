"""The modern gold set: named entities in Wikinews and BBC articles, annotated by hand.

One JSON file per article in `modern/` holds offsets and kinds only (GUIDELINES.md says what is
annotated and how); the articles' text is read from `../shared/corpora` the way the project reads
it, so gold spans compare directly with the extractor's `Mention.start`/`end`.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from articles.archive import iter_articles
from articles.model import ENTITY_KINDS, TEXT_FIELDS, Article, EntityKind, TextField

GOLD_FOLDER = Path(__file__).resolve().parent / "modern"
CORPORA_FOLDER = Path(__file__).resolve().parents[3] / "shared" / "corpora"
CORPORA = ("wikinews", "bbc")
SPLITS = ("tune", "held")

Span = tuple[int, int, EntityKind]
# The batch of each annotator (GUIDELINES.md): gold-a and gold-b made batch 1 (session 6),
# gold-k to gold-r batch 3 and gold-s to gold-z batch 4 (session 15), gold-5a to gold-5h batch 5
# and gold-6a to gold-6h batch 6 (session 16), gold-7-01 to gold-7-50 batch 7 and gold-8-01 to
# gold-8-60 batch 8 (session 17), gold-9-01 to gold-9-50 batch 9, gold-10-01 to gold-10-37
# batch 10 and gold-11-01 to gold-11-27 batch 11 (session 18); batch 2's are the others.
FIRST_BATCH_ANNOTATORS = frozenset({"gold-a", "gold-b"})
LATER_BATCHES = (
    {f"gold-{letter}": 3 for letter in "klmnopqr"}
    | {f"gold-{letter}": 4 for letter in "stuvwxyz"}
    | {f"gold-{batch}{letter}": batch for batch in (5, 6) for letter in "abcdefgh"}
    | {f"gold-7-{number:02}": 7 for number in range(1, 51)}
    | {f"gold-8-{number:02}": 8 for number in range(1, 61)}
    | {f"gold-9-{number:02}": 9 for number in range(1, 51)}
    | {f"gold-10-{number:02}": 10 for number in range(1, 38)}
    | {f"gold-11-{number:02}": 11 for number in range(1, 28)}
)
BATCHES = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)


@dataclass(frozen=True)
class GoldArticle:
    corpus: str
    id: str
    split: str
    annotator: str
    title: tuple[Span, ...]
    body: tuple[Span, ...]
    notes: str = ""

    @property
    def batch(self) -> int:
        """1 for the first 60 articles, 2 for the 40 annotated after the extractor was tuned on
        the first batch's tune split, 3 for the 40 annotated after it was tuned on batch 2's, 4
        for the 40 annotated after its tagger had learnt from batch 3's, 5 for the 40 annotated
        while batch 4's tune split was still unseen by the tagger, 6 for the 40 annotated after
        rules were written from batch 5's tune errors and the tagger became four averaged, 7 for
        the 300 annotated after a second, blind annotation of 24 articles agreed with the set's
        on 0.986 of spans (session 17), 8 for the 600 annotated while the tagger learnt to read a
        capitalised word the set leaves out as no name, 9 for the 500 BBC articles annotated
        after the tagger had learnt every tune article of batches 1 to 8, 10 for the 370 BBC
        articles annotated beside them, none a near copy of an article already in the set, 11
        for the 270 BBC articles annotated after the tagger had learnt batches 1 to 10."""
        if self.annotator in FIRST_BATCH_ANNOTATORS:
            return 1
        return LATER_BATCHES.get(self.annotator, 2)

    def spans(self, text_field: TextField) -> tuple[Span, ...]:
        return self.title if text_field == "title" else self.body

    def to_json(self) -> str:
        """The file's text, one span per line so a hand correction makes a readable diff."""
        header = {
            "corpus": self.corpus,
            "id": self.id,
            "split": self.split,
            "annotator": self.annotator,
        }
        lines = [f" {json.dumps(key)}: {json.dumps(value)}," for key, value in header.items()]
        for text_field in TEXT_FIELDS:
            spans = ",\n".join(f"  {json.dumps(list(span))}" for span in self.spans(text_field))
            lines.append(f' "{text_field}": [\n{spans}\n ],' if spans else f' "{text_field}": [],')
        lines.append(f' "notes": {json.dumps(self.notes, ensure_ascii=False)}')
        return "{\n" + "\n".join(lines) + "\n}\n"


def gold_path(corpus: str, article_id: str, folder: Path = GOLD_FOLDER) -> Path:
    return folder / f"{corpus}-{article_id.removeprefix(corpus + '-')}.json"


def parse_gold(text: str) -> GoldArticle:
    """A gold file's contents; raises ValueError saying what is wrong with it."""
    try:
        record = json.loads(text)
    except ValueError as error:
        raise ValueError(f"not JSON ({error})") from None
    expected = {"corpus", "id", "split", "annotator", "title", "body", "notes"}
    if not isinstance(record, dict) or set(record) != expected:
        raise ValueError(f"expected exactly the keys {', '.join(sorted(expected))}")
    if record["corpus"] not in CORPORA:
        raise ValueError(f"corpus {record['corpus']!r} is not one of {', '.join(CORPORA)}")
    if record["split"] not in SPLITS:
        raise ValueError(f"split {record['split']!r} is not one of {', '.join(SPLITS)}")
    for key in ("id", "annotator", "notes"):
        if not isinstance(record[key], str):
            raise ValueError(f"{key} is not a string")
    fields = {name: _parse_spans(name, record[name]) for name in TEXT_FIELDS}
    return GoldArticle(
        corpus=record["corpus"],
        id=record["id"],
        split=record["split"],
        annotator=record["annotator"],
        title=fields["title"],
        body=fields["body"],
        notes=record["notes"],
    )


def _parse_spans(name: str, value: object) -> tuple[Span, ...]:
    if not isinstance(value, list):
        raise ValueError(f"{name} is not a list of spans")
    spans: list[Span] = []
    for item in value:
        if not (
            isinstance(item, list)
            and len(item) == 3
            and all(type(offset) is int for offset in item[:2])
            and item[2] in ENTITY_KINDS
        ):
            raise ValueError(f"{name}: {item!r} is not [start, end, person|place|organization]")
        start, end, kind = item
        if not 0 <= start < end:
            raise ValueError(f"{name}: span {start}-{end} is empty or negative")
        if spans and start < spans[-1][1]:
            raise ValueError(f"{name}: span {start}-{end} overlaps or precedes the one before it")
        spans.append((start, end, kind))
    return tuple(spans)


def load_gold_set(folder: Path = GOLD_FOLDER) -> list[GoldArticle]:
    """Every gold file in `folder`, sorted by name; raises ValueError naming a bad file."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        try:
            articles.append(parse_gold(path.read_text(encoding="utf-8")))
        except ValueError as error:
            raise ValueError(f"{path.name}: {error}") from None
    return articles


def read_corpus_articles(
    corpus: str, article_ids: set[str], corpora: Path = CORPORA_FOLDER
) -> dict[str, Article]:
    """The corpus records with these ids, read as the project reads them: each record copied
    alone into a temporary archive folder and read by `iter_articles`."""
    records = {}
    with (corpora / corpus / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record_id = json.loads(line)["id"]
            if record_id in article_ids:
                records[record_id] = line
    with tempfile.TemporaryDirectory() as folder:
        file_ids = {}
        for number, (record_id, line) in enumerate(records.items()):
            file_name = f"{number}.jsonl"
            (Path(folder) / file_name).write_text(line, encoding="utf-8")
            file_ids[file_name] = record_id
        return {file_ids[article.path]: article for article in iter_articles(Path(folder))}


def read_gold_articles(golds: list[GoldArticle]) -> dict[tuple[str, str], Article]:
    """The articles the gold files annotate, by (corpus, id); raises ValueError naming those
    not in ../shared/corpora."""
    articles = {}
    for corpus in CORPORA:
        wanted = {gold.id for gold in golds if gold.corpus == corpus}
        for article_id, article in read_corpus_articles(corpus, wanted).items():
            articles[corpus, article_id] = article
    missing = [f"{g.corpus} {g.id}" for g in golds if (g.corpus, g.id) not in articles]
    if missing:
        raise ValueError(f"not in ../shared/corpora: {', '.join(missing)}")
    return articles


def span_problems(gold: GoldArticle, article: Article) -> list[str]:
    """Spans that don't fit the article's text: past its end, or not on word boundaries."""
    problems = []
    for text_field in TEXT_FIELDS:
        text = article.title if text_field == "title" else article.body
        for start, end, kind in gold.spans(text_field):
            surface = text[start:end]
            fits = (
                end <= len(text)
                and surface == surface.strip()
                and not (start > 0 and text[start - 1].isalnum() and text[start].isalnum())
                and not (end < len(text) and text[end - 1].isalnum() and text[end].isalnum())
            )
            if not fits:
                problems.append(f"{text_field} {start}-{end} {kind} {surface!r}")
    return problems
