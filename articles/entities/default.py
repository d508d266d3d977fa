"""The default extractor: capitalised phrases classified by rules (a first, honest version)."""

from __future__ import annotations

from articles.entities.canonical import Span, canonicalize
from articles.entities.rules import (
    ORGANIZATION_HEADS,
    ORGANIZATION_TAILS,
    is_title_word,
    is_web_domain,
    word_set,
)
from articles.entities.tokens import tokenize
from articles.model import Entities, EntityKind

_CONNECTORS = frozenset({"of", "the", "de", "van", "von", "al", "bin", "for", "and"})
_SENTENCE_WORDS = word_set(
    "the a an in on at to from for with by of and but or as it its this that these those he she "
    "they we i you his her their our during after before while when where thus moreover however "
    "both such also it's there here some many most all each every if"
)
_PLACES = word_set(
    "Azerbaijan Serbia Baku Belgrade Balkans Caucasus Russia Ukraine Turkey Georgia Armenia "
    "Iran Europe Asia Africa America China Japan India Germany France Britain Italy Spain "
    "Poland Israel Moscow London Paris Berlin Washington Brussels"
)


class DefaultExtractor:
    name = "default"

    def extract(self, title: str, body: str) -> Entities:
        spans, singles = _find_spans(title, "title")
        body_spans, body_singles = _find_spans(body, "body")
        spans += body_spans
        surnames = {s.text.split()[-1] for s in spans if s.kind == "person" and " " in s.text}
        spans += [single for single in singles + body_singles if single.text in surnames]
        return canonicalize(sorted(spans, key=lambda span: (span.field != "title", span.start)))


def _find_spans(text: str, field: str) -> tuple[list[Span], list[Span]]:
    """Classified spans, and unclassified single capitalised words (possible surnames)."""
    tokens = tokenize(text)
    spans: list[Span] = []
    singles: list[Span] = []
    index = 0
    while index < len(tokens):
        word = tokens[index][0]
        if is_web_domain(word):
            spans.append(Span("organization", tokens[index][1], tokens[index][2], field, word))
            index += 1
            continue
        if not word[0].isupper():
            index += 1
            continue
        end = index + 1
        while end < len(tokens):
            next_word = tokens[end][0]
            if next_word[0].isupper() or (
                next_word in _CONNECTORS
                and next_word != "and"
                and end + 1 < len(tokens)
                and tokens[end + 1][0][0].isupper()
            ):
                end += 1
            else:
                break
        phrase = tokens[index:end]
        index = end
        kind, phrase = _classify(phrase)
        if phrase:
            start, end_offset = phrase[0][1], phrase[-1][2]
            if kind:
                spans.append(Span(kind, start, end_offset, field, text[start:end_offset]))
            elif len(phrase) == 1:
                singles.append(Span("person", start, end_offset, field, text[start:end_offset]))
    return spans, singles


def _classify(phrase: list[tuple[str, int, int]]) -> tuple[EntityKind | None, list]:
    while phrase and phrase[0][0].lower() in _SENTENCE_WORDS:
        phrase = phrase[1:]
    if phrase and phrase[-1][0].lower() in ORGANIZATION_TAILS:
        return "organization", phrase
    titled = False
    while phrase and is_title_word(phrase[0][0]):
        titled = True
        phrase = phrase[1:]
    if titled and any(word == "of" for word, _, _ in phrase):
        last_of = max(i for i, (word, _, _) in enumerate(phrase) if word == "of")
        phrase, titled = phrase[last_of + 1 :], False
    while phrase and phrase[0][0] in _CONNECTORS:
        phrase = phrase[1:]
    if not phrase:
        return None, phrase
    words = [word for word, _, _ in phrase]
    if words[0].lower() in ORGANIZATION_HEADS or words[-1].lower() in ORGANIZATION_TAILS:
        return "organization", phrase
    if is_title_word(words[-1]):
        return None, []
    if titled or (len(words) in (2, 3) and all(word.istitle() for word in words)):
        return "person", phrase
    if len(words) == 1 and words[0] in _PLACES:
        return "place", phrase
    if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
        return "organization", phrase
    return None, phrase
