"""The default extractor: a small tagger trained on CoNLL-2003, then rules for modern news.

No model download: the tagger's weights ship in `data/`. Construction loads them once per
process; `extract` only tokenises, tags and tidies, so it is fast and deterministic.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from articles.entities.canonical import Span, canonicalize
from articles.entities.rules import apply_rules
from articles.entities.tagger import Tagger, load_model
from articles.entities.tokens import split_sentences, tokenize
from articles.model import Entities, EntityKind

KINDS_BY_LABEL: dict[str, EntityKind] = {"PER": "person", "LOC": "place", "ORG": "organization"}


def agree_on_kinds(spans: list[Span]) -> list[Span]:
    """Give every mention of one text the kind most of its mentions got (the first on a tie).

    The tagger sees one sentence at a time; "Pirelli" may look like a person in one and a
    company in three others, and an article means one thing by it throughout.
    """
    votes: dict[str, Counter[EntityKind]] = {}
    for span in spans:
        votes.setdefault(span.text, Counter())[span.kind] += 1
    agreed = []
    for span in spans:
        (majority, majority_count), *_ = votes[span.text].most_common(1)
        if span.kind == "person" and majority_count >= 2 * votes[span.text][span.kind]:
            span = replace(span, kind=majority)
        agreed.append(span)
    return agreed


class DefaultExtractor:
    name = "default"

    def __init__(self) -> None:
        self._tagger = Tagger(load_model())

    # Worker processes rebuild the tagger from the module-level model instead of unpickling it.
    def __getstate__(self) -> dict:
        return {}

    def __setstate__(self, state: dict) -> None:
        self.__init__()  # type: ignore[misc]

    def extract(self, title: str, body: str) -> Entities:
        spans = self.spans(title, "title") + self.spans(body, "body")
        return canonicalize(agree_on_kinds(spans))

    def spans(self, text: str, field: str) -> list[Span]:
        """The entities in `text`, line by line, before canonical names are given."""
        spans: list[Span] = []
        line_start = 0
        for line in text.split("\n"):
            for tokens in split_sentences(tokenize(line)):
                tags = self._tagger.tag([word for word, _, _ in tokens])
                for label, first, last in apply_rules(tokens, tags, self._tagger.common_words):
                    kind = KINDS_BY_LABEL.get(label)
                    if kind:
                        start, end = line_start + tokens[first][1], line_start + tokens[last][2]
                        spans.append(Span(kind, start, end, field, text[start:end]))
            line_start += len(line) + 1
        return spans
