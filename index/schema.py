"""The Whoosh schema and its analyzers.

Text fields fold case and accents (`Gasic` finds `Gašić`) and stem English (`cooperate` finds
`cooperation`). Entity fields hold canonical names: a whole name is one term, so
`person:"Karim Valiyev"` is exact, and each word of it is a term too, so `person:valiyev` works.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from whoosh import analysis, columns, fields
from whoosh.support.charset import accent_map

from articles.model import ENTITY_KINDS

# Letters that Unicode does not decompose into a base letter plus accent.
_EXTRA_FOLDS = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss"}
_EXTRA_FOLDS |= {"æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d"}
FOLDING_MAP = dict(accent_map) | {ord(letter): folded for letter, folded in _EXTRA_FOLDS.items()}
ENTITY_SEPARATOR = "\n"


def text_analyzer() -> analysis.Analyzer:
    """Words, lower case, accents folded, English stop words out, English stems."""
    return (
        analysis.RegexTokenizer()
        | analysis.LowercaseFilter()
        | analysis.CharsetFilter(FOLDING_MAP)
        | analysis.StopFilter()
        | analysis.StemFilter()
    )


def name_analyzer() -> analysis.Analyzer:
    """Like `text_analyzer` without stemming or stop words."""
    return (
        analysis.RegexTokenizer() | analysis.LowercaseFilter() | analysis.CharsetFilter(FOLDING_MAP)
    )


def author_analyzer() -> analysis.Analyzer:
    """Names, not stemmed; the stop words go as in `text_analyzer`.

    Free words search title, body and author together: a word the text fields drop (`the`, `in`)
    but the author field kept would have to match an author, and `strike in Rotterdam` nothing.
    """
    return name_analyzer() | analysis.StopFilter()


class EntityNameTokenizer(analysis.Tokenizer):
    """Indexes each newline-separated name whole and word by word; a query is one whole name."""

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[analysis.Token]:
        token = analysis.Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        names = [" ".join(name.split()) for name in value.split(ENTITY_SEPARATOR)]
        texts: list[str] = []
        for name in names:
            if not name:
                continue
            texts.append(name)
            if mode != "query" and " " in name:
                texts.extend(name.split(" "))
        for position, text in enumerate(texts, start=start_pos):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = position
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token


class OneSpellingFilter(analysis.Filter):
    """`defence` is `defense` in entity names, as the extractor's canonical names spell it, so a
    query in either spelling finds the name."""

    def __call__(self, tokens: Iterator[analysis.Token]) -> Iterator[analysis.Token]:
        for token in tokens:
            token.text = _BRITISH_DEFENCE.sub("defense", token.text)
            yield token


_BRITISH_DEFENCE = re.compile(r"\bdefence\b")


def entity_analyzer() -> analysis.Analyzer:
    return (
        EntityNameTokenizer()
        | analysis.LowercaseFilter()
        | analysis.CharsetFilter(FOLDING_MAP)
        | OneSpellingFilter()
    )


def build_schema() -> fields.Schema:
    schema = fields.Schema(
        id=fields.ID(unique=True, stored=True),
        # The source file; several articles share one when it is a JSON Lines file.
        path=fields.ID(stored=True),
        title=fields.TEXT(analyzer=text_analyzer(), stored=True, field_boost=2.0),
        body=fields.TEXT(analyzer=text_analyzer(), stored=True, spelling=True),
        author=fields.TEXT(analyzer=author_analyzer(), stored=True),
        date=fields.DATETIME(stored=True, sortable=True),
        source=fields.ID(stored=True),
        url=fields.STORED(),
        # The three entity lists of a document in one column, for counting facets over hits.
        entity_lists=fields.COLUMN(columns.PickleColumn(columns.VarBytesColumn())),
    )
    for kind in ENTITY_KINDS:
        schema.add(kind, fields.TEXT(analyzer=entity_analyzer(), stored=True, phrase=False))
    return schema


def join_names(names: tuple[str, ...] | list[str]) -> str:
    return ENTITY_SEPARATOR.join(names)


def split_names(stored: str | None) -> tuple[str, ...]:
    return tuple(name for name in (stored or "").split(ENTITY_SEPARATOR) if name)
