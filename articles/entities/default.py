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
    """Settle the kind of a text the tagger read two ways in one article.

    The tagger sees one sentence at a time: "Pirelli" may look like a person in one sentence and
    a company in three others, and a terse headline is read less surely than the body.
    """
    votes: dict[str, Counter[EntityKind]] = {}
    body_votes: dict[str, Counter[EntityKind]] = {}
    for span in spans:
        votes.setdefault(span.text, Counter())[span.kind] += 1
        if span.field == "body":
            body_votes.setdefault(span.text, Counter())[span.kind] += 1
    agreed = []
    for span in spans:
        if span.field == "title" and span.text in body_votes:
            span = replace(span, kind=body_votes[span.text].most_common(1)[0][0])
        else:
            (majority, majority_count), *_ = votes[span.text].most_common(1)
            if span.kind == "person" and majority_count >= 2 * votes[span.text][span.kind]:
                span = replace(span, kind=majority)
        agreed.append(span)
    return agreed


def surnames_alone(spans: list[Span], capitalised_words: list[Span]) -> list[Span]:
    """Untagged words that are the surname of a person named in full elsewhere in the article."""
    surnames = {
        span.text.split()[-1] for span in spans if span.kind == "person" and " " in span.text
    }
    return [word for word in capitalised_words if word.text in surnames]


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
        spans, capitalised_words = [], []
        for text, field in ((title, "title"), (body, "body")):
            self._find(text, field, spans, capitalised_words)
        spans = agree_on_kinds(spans)
        spans += surnames_alone(spans, capitalised_words)
        spans.sort(key=lambda span: (span.field != "title", span.start))
        return canonicalize(spans)

    def _find(
        self, text: str, field: str, spans: list[Span], capitalised_words: list[Span]
    ) -> None:
        """Add the entities in `text` to `spans`, and its other capitalised words (as people, in
        case they turn out to be surnames) to `capitalised_words`."""
        common_words = self._tagger.common_words
        line_start = 0
        for line in text.split("\n"):
            for tokens in split_sentences(tokenize(line)):
                tags = self._tagger.tag([word for word, _, _ in tokens])
                covered: set[int] = set()
                for label, first, last in apply_rules(tokens, tags, common_words):
                    covered.update(range(first, last + 1))
                    kind = KINDS_BY_LABEL.get(label)
                    if kind:
                        start, end = line_start + tokens[first][1], line_start + tokens[last][2]
                        spans.append(Span(kind, start, end, field, text[start:end]))
                capitalised_words.extend(
                    Span("person", line_start + start, line_start + end, field, word)
                    for index, (word, start, end) in enumerate(tokens)
                    if index not in covered and word[0].isupper()
                )
            line_start += len(line) + 1
