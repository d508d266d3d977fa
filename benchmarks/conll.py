"""Read CoNLL-2003 files (`TOKEN POS CHUNK NER` per line, IOB2) for training and scoring.

A document's text is its sentences joined one per line, each sentence's tokens joined by
single spaces; gold entities are character spans into that text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DOCUMENT_START = "-DOCSTART-"
# Our entity kinds as CoNLL labels; MISC has no kind and is not scored.
CONLL_LABELS = {"person": "PER", "place": "LOC", "organization": "ORG"}
SCORED_LABELS = tuple(CONLL_LABELS.values())


@dataclass(frozen=True, slots=True)
class Sentence:
    words: tuple[str, ...]
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Document:
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return "\n".join(" ".join(sentence.words) for sentence in self.sentences)

    @property
    def token_count(self) -> int:
        return sum(len(sentence.words) for sentence in self.sentences)

    def gold_spans(self, labels: tuple[str, ...] = SCORED_LABELS) -> set[tuple[str, int, int]]:
        """(label, start, end) of every gold entity with one of `labels`, as offsets into `text`."""
        spans: set[tuple[str, int, int]] = set()
        offset = 0
        for sentence in self.sentences:
            open_label, open_start, previous_end = None, 0, 0
            for word, tag in zip(sentence.words, sentence.tags, strict=True):
                if open_label and not (tag.startswith("I-") and tag[2:] == open_label):
                    spans.add((open_label, open_start, previous_end))
                    open_label = None
                if tag.startswith("B-") or (tag.startswith("I-") and open_label is None):
                    open_label, open_start = tag[2:], offset
                previous_end = offset + len(word)
                offset = previous_end + 1
            if open_label:
                spans.add((open_label, open_start, previous_end))
        return {span for span in spans if span[0] in labels}


def read_conll(path: Path) -> list[Document]:
    """The documents of a CoNLL-format file; a file without -DOCSTART- lines is one document."""
    documents: list[Document] = []
    sentences: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def end_sentence() -> None:
        if words:
            sentences.append(Sentence(tuple(words), tuple(tags)))
            words.clear()
            tags.clear()

    def end_document() -> None:
        end_sentence()
        if sentences:
            documents.append(Document(tuple(sentences)))
            sentences.clear()

    for line in path.read_text(encoding="utf-8").splitlines():
        columns = line.split()
        if not columns:
            end_sentence()
        elif columns[0] == DOCUMENT_START:
            end_document()
        else:
            words.append(columns[0])
            tags.append(columns[-1])
    end_document()
    return documents


def write_conll(documents: list[Document], path: Path) -> None:
    """Write `documents` in the format `read_conll` reads (the POS and chunk columns as `_`)."""
    lines: list[str] = []
    for document in documents:
        lines += [f"{DOCUMENT_START} -X- -X- O", ""]
        for sentence in document.sentences:
            lines += [
                f"{word} _ _ {tag}" for word, tag in zip(sentence.words, sentence.tags, strict=True)
            ]
            lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
