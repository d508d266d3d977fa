"""Named-entity extraction behind one small interface.

An extractor takes an article's title and body and returns `Entities`: every mention (kind,
canonical name, offsets into the title or body) and the canonical names per kind. The default
extractor needs no model download; `spacy` is optional.
"""

from __future__ import annotations

from typing import Protocol

from articles.model import Entities

EXTRACTOR_NAMES = ("default", "spacy")


class ExtractorUnavailable(Exception):
    """The chosen extractor can't run here; the message says what to install."""


class EntityExtractor(Protocol):
    name: str

    def extract(self, title: str, body: str) -> Entities: ...


def get_extractor(name: str = "default") -> EntityExtractor:
    """The extractor called `name`; raises ExtractorUnavailable with a message fit for a user."""
    if name == "default":
        from articles.entities.default import DefaultExtractor

        return DefaultExtractor()
    if name == "spacy":
        from articles.entities.spacy_backend import SpacyExtractor

        return SpacyExtractor()
    raise ExtractorUnavailable(
        f"unknown entity extractor {name!r}; choose one of: {', '.join(EXTRACTOR_NAMES)}"
    )
