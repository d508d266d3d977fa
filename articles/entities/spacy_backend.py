"""The optional spaCy backend: spaCy's English pipeline, NER only.

Needs `pip install spacy` and a model (`python -m spacy download en_core_web_sm`); neither is a
dependency of newsreader, so a missing one raises ExtractorUnavailable with that advice.
"""

from __future__ import annotations

from articles.entities import ExtractorUnavailable
from articles.entities.canonical import Span, canonicalize
from articles.model import TEXT_FIELDS, Entities, EntityKind

MODEL_NAME = "en_core_web_sm"
KINDS_BY_LABEL: dict[str, EntityKind] = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
}
_INSTALL_HINT = (
    f"pip install spacy && python -m spacy download {MODEL_NAME} "
    "(into the environment newsreader runs in)"
)


class SpacyExtractor:
    name = "spacy"

    def __init__(self) -> None:
        try:
            import spacy
        except ImportError:
            raise ExtractorUnavailable(
                f"the spacy extractor needs spaCy: {_INSTALL_HINT}"
            ) from None
        try:
            # Only the entity recogniser (and what it listens to) runs; the rest is slow.
            self._nlp = spacy.load(
                MODEL_NAME, exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"]
            )
        except OSError:
            raise ExtractorUnavailable(
                f"the spacy extractor needs the {MODEL_NAME} model: {_INSTALL_HINT}"
            ) from None

    def __getstate__(self) -> dict[str, object]:
        return {}

    def __setstate__(self, state: dict[str, object]) -> None:
        type(self).__init__(self)

    def extract(self, title: str, body: str) -> Entities:
        spans = [
            Span(
                KINDS_BY_LABEL[entity.label_],
                entity.start_char,
                entity.end_char,
                field,
                entity.text,
            )
            for text, field in zip((title, body), TEXT_FIELDS, strict=True)
            if text
            for entity in self._nlp(text).ents
            if entity.label_ in KINDS_BY_LABEL
        ]
        return canonicalize(spans)
