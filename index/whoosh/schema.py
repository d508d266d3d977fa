"""The Whoosh schema and its analyzers.

Text fields fold case and accents (`Gasic` finds `Gašić`) and stem English (`cooperate` finds
`cooperation`). Entity fields hold canonical names: a whole name is one term, so
`person:"Karim Valiyev"` is exact, and each word of it is a term too, so `person:valiyev` works.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator, Sequence

from whoosh import analysis, columns, fields, formats
from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from articles.folding import EXTRA_FOLDS
from articles.model import ENTITY_KINDS, Entities, EntityKind, Mention
from articles.model import TextField as ArticleTextField

# Bump when the schema or what goes into it changes: an older index is then rebuilt.
SCHEMA_VERSION = "8"

# Whoosh's accent table, and the letters Unicode does not decompose (`articles.folding`).
FOLDING_MAP = dict(accent_map) | {ord(letter): folded for letter, folded in EXTRA_FOLDS.items()}
ENTITY_SEPARATOR = "\n"


# Whoosh's default tokenizer pattern, which every analyzer here starts with.
WORD = re.compile(r"\w+(?:\.?\w+)*")
_STOPPED = ""
# Distinct words analyzed once each; numbers and typos make the vocabulary grow without end,
# so the cache starts over when full, and long tokens (codes, hashes) are not kept.
_CACHE_WORDS = 200_000
_CACHED_WORD_CHARS = 32
_analyzed: dict[str, str] = {}


def analyzed_word(word: str) -> str:
    """The term `text_analyzer()` makes of one word, or "" for a stop word."""
    term = _analyzed.get(word)
    if term is None:
        folded = fold_word(word)
        term = _STOPPED if len(folded) < 2 or folded in STOP_WORDS else stem(folded)
        if len(word) <= _CACHED_WORD_CHARS:
            if len(_analyzed) >= _CACHE_WORDS:
                _analyzed.clear()
            _analyzed[word] = term
    return term


def fold_word(word: str) -> str:
    """`word` in lower case with its accents folded."""
    return word.lower().translate(FOLDING_MAP)


class TextAnalyzer(analysis.Analyzer):
    """Words, lower case, accents folded, English stop words out, English stems.

    Whoosh's `RegexTokenizer | LowercaseFilter | CharsetFilter | StopFilter | StemFilter` in one
    pass with a per-word cache: the same tokens, positions and offsets (stop words take no
    position, as StopFilter renumbers them), at a fraction of the cost of five generators per
    word. tests/index/test_analyzer.py compares the two on real text.
    """

    def __call__(
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
        words = (
            ((match.group(), match.start(), match.end()) for match in WORD.finditer(value))
            if tokenize
            else ((value, 0, len(value)),)
        )
        position: int | None = None
        for raw_position, (word, start, end) in enumerate(words, start=start_pos):
            term = analyzed_word(word)
            if term:
                position = raw_position if position is None else position + 1
                token.text, token.stopped, token.pos = term, False, position
            elif removestops:
                continue
            else:
                token.text, token.stopped, token.pos = fold_word(word), True, raw_position
            token.boost = 1.0
            if keeporiginal:
                token.original = word
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token

    def term_positions(self, value: str) -> dict[str, list[int]]:
        """Each term of `value` with its positions, as indexing asks for them, without tokens."""
        positions: dict[str, list[int]] = {}
        position = -1
        cached = _analyzed.get
        for raw_position, word in enumerate(WORD.findall(value)):
            term = cached(word)
            if term is None:
                term = analyzed_word(word)
            if term:
                position = raw_position if position < 0 else position + 1
                found = positions.get(term)
                if found is None:
                    positions[term] = [position]
                else:
                    found.append(position)
        return positions


class TextField(fields.TEXT):
    """A TEXT field whose postings come straight from `TextAnalyzer.term_positions`."""

    def index(self, value, **kwargs):
        if kwargs or not isinstance(value, str) or type(self.format) is not formats.Positions:
            yield from super().index(value, **kwargs)
            return
        weight = self.format.field_boost
        encode = self.format.encode
        for term, positions in self.analyzer.term_positions(value).items():
            yield term.encode("utf-8"), len(positions), len(positions) * weight, encode(positions)


def text_analyzer() -> TextAnalyzer:
    return TextAnalyzer()


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

    def __call__(
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
        # Columns too: every story's id and text hash read in one go (`index.whoosh.stories`).
        id=fields.ID(unique=True, stored=True, sortable=True),
        # `index.api.text_hash` of the title and body: the user's marks follow a story's text.
        text_hash=fields.ID(stored=True, sortable=True),
        # The source file; several articles share one when it is a JSON Lines file.
        path=fields.ID(stored=True),
        title=TextField(analyzer=text_analyzer(), stored=True, field_boost=2.0),
        body=TextField(analyzer=text_analyzer(), stored=True),
        author=fields.TEXT(analyzer=author_analyzer(), stored=True),
        date=fields.DATETIME(stored=True, sortable=True),
        source=fields.ID(stored=True),
        url=fields.STORED(),
        # The three entity lists of a document in one column, for counting facets over hits.
        entity_lists=fields.COLUMN(columns.PickleColumn(columns.VarBytesColumn())),
        # Where the entities are mentioned (`pack_mentions`): opening a story needs no model.
        mentions=fields.STORED(),
    )
    for kind in ENTITY_KINDS:
        schema.add(kind, fields.TEXT(analyzer=entity_analyzer(), stored=True, phrase=False))
    return schema


def join_names(names: tuple[str, ...] | list[str]) -> str:
    return ENTITY_SEPARATOR.join(names)


def split_names(stored: str | None) -> tuple[str, ...]:
    return tuple(name for name in (stored or "").split(ENTITY_SEPARATOR) if name)


_MENTION_FIELDS: tuple[ArticleTextField, ...] = ("title", "body")
# Per mention: field, kind, the name's place in the entity list of its kind, start, end.
_MENTION_NUMBERS = 5


def pack_mentions(entities: Entities) -> bytes:
    """The mentions as unsigned integers, names as their place in `entities.names`."""
    name_numbers = {
        (kind, name): number
        for kind in ENTITY_KINDS
        for number, name in enumerate(entities.names[kind])
    }
    numbers = array("I")
    for mention in entities.mentions:
        numbers.extend(
            (
                _MENTION_FIELDS.index(mention.field),
                ENTITY_KINDS.index(mention.kind),
                name_numbers[mention.kind, mention.name],
                mention.start,
                mention.end,
            )
        )
    return numbers.tobytes()


def unpack_mentions(
    packed: bytes | None, names: dict[EntityKind, tuple[str, ...]], *, title_only: bool = False
) -> tuple[Mention, ...]:
    """The mentions `pack_mentions` packed; `title_only`: the title's alone, picked out without
    building the body's (a result list row reads them for every hit)."""
    numbers = array("I", packed or b"")
    firsts: Sequence[int] = range(0, len(numbers), _MENTION_NUMBERS)
    if title_only:
        title = _MENTION_FIELDS.index("title")
        firsts = [i for i in firsts if numbers[i] == title]
    mentions = []
    for i in firsts:
        field, kind_number, name_number, start, end = numbers[i : i + _MENTION_NUMBERS]
        kind = ENTITY_KINDS[kind_number]
        mentions.append(Mention(kind, names[kind][name_number], start, end, _MENTION_FIELDS[field]))
    return tuple(mentions)
