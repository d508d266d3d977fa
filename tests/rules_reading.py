"""The extractor's reading before the name vetter's look: what the rules under test make.

The rules' tests give one or two invented sentences; the name vetter
(`articles.entities.vetting`) weighs a name over a whole real story, and on a sentence with a
made-up name it often has too little to go on to keep the rules' reading. What the vetter does
is tested apart (tests/articles/test_name_vetting.py) and measured on the gold set; what a
user sees, end to end, by the tests of the seed article, CoNLL dev, the archive and the reader.
"""

from __future__ import annotations

from functools import cache

from articles.entities.default import DefaultExtractor
from articles.model import Entities


class RulesReading:
    """An extractor whose `extract` gives the tagger's and the rules' reading, unvetted."""

    name = "default"

    def __init__(self) -> None:
        self._extractor = DefaultExtractor()

    def extract(self, title: str, body: str) -> Entities:
        return self._extractor.read(title, body)[0]


@cache
def rules_reading() -> RulesReading:
    return RulesReading()
