"""The query language, parsed once into a small tree of the project's own; each engine compiles
the tree (`index.whoosh.compile`). No engine is imported here.

Free words search title, body and author, all of them required; `"phrases"` (`"…"~2` lets two
words between), AND/OR/NOT, parentheses, `field:value` (`title:` `author:` `person:` `place:`
`org:`/`organization:`, in any case, and their aliases), `date:2024`, `date:2024-06`,
`date:[2024-01-01 to 2024-06-30]`, `date:>2024-06` (also `<`, `>=`, `<=`), `word~`, `word~2`,
`word~1/3` (fuzzy: edits and the letters that must match), `word*` (prefix), `w?rd` (wildcard),
`word^2` (boost). The user's marks narrow any of these: `is:read`, `is:unread`, `is:starred`,
`is:unstarred`, `tag:NAME` (`tag:"two words"`), `has:note` and `note:WORD` (`Marked`).

The language is the one the project first took from Whoosh's query parser, and reads every query
as it did, quirks included: an operator counts only between spaces (`strike AND` searches for
`AND`, a stop word), OR binds tighter than the words side by side (`a b OR c` is `a (b OR c)`),
a field name applies to what touches it (`title:(a b)`, not `title: a`), an unknown name that
is not a field's (`x1:y`, `http://…`) is text, and an unclosed parenthesis is as if it were not
there. Analysis (case, accents, stems, stop words) is the engine's: the tree keeps the text as
typed.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from index.api import QueryError

DEFAULT_FIELDS = ("title", "body", "author")
DATE_FIELD = "date"
# The fields a query can name: the entity fields, the text fields, the date and the ids.
SEARCHABLE_FIELDS = frozenset(
    {"id", "path", "title", "body", "author", "date", "source", "person", "place", "organization"}
)
FIELD_ALIASES = {
    "organization": ["org", "orgs", "organisation", "organizations", "organisations"],
    "person": ["people", "persons", "who"],
    "place": ["places", "location", "where"],
    "author": ["by", "byline"],
}
_FIELD_OF_ALIAS = {alias: name for name, aliases in FIELD_ALIASES.items() for alias in aliases}
# Names that look like fields but ask for the user's marks (`Marked`), which the index doesn't hold.
MARK_FIELDS = frozenset({"is", "tag", "has", "note"})
# `is:WORD`: the mark, and whether the stories without it are meant.
IS_WORDS = {
    "read": ("read", False),
    "unread": ("read", True),
    "starred": ("starred", False),
    "unstarred": ("starred", True),
}
# Field names a user can't search although the index has them.
_HIDDEN_FIELDS = frozenset({"entity_lists", "mentions", "url"})
DATE_HELP = (
    "Can't read that date: use date:2024, date:2024-06, date:2024-06-20, date:>2024-06 "
    "or date:[2024-01-01 to 2024-06-30]."
)
UNREADABLE = "Can't understand the query: check its quotes, parentheses and AND/OR/NOT."
MAX_QUERY_CHARS = 2000
MAX_NESTING = 20
MAX_FUZZY_EDITS = 2
# A phrase reads the positions of each of its words in every story that has them all: a phrase of
# hundreds of common words took seconds per thousand stories, and so did a slop in the hundreds.
MAX_PHRASE_WORDS = 16
MAX_PHRASE_SLOP = 10
# What every engine says of a query it can't run.
PHRASE_TOO_LONG = f"A phrase can have at most {MAX_PHRASE_WORDS} words."
BARE_WILDCARD = (
    "A query of only `*` matches everything: an empty search lists every story, newest first."
)


# The tree. Text is as typed; `position` (not compared) is where the node starts in the query.


@dataclass(frozen=True, slots=True)
class Term:
    field: str
    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    field: str
    words: tuple[str, ...]
    slop: int = 1
    position: int | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Prefix:
    field: str
    text: str
    position: int | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Wildcard:
    """`?` stands for one letter, `*` for any number."""

    field: str
    text: str
    position: int | None = dataclasses.field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Words within `maxdist` edits of `text` that keep its first `prefixlength` letters."""

    field: str
    text: str
    maxdist: int = 1
    prefixlength: int = 0


@dataclass(frozen=True, slots=True)
class DateRange:
    """Stories dated from `start` to `end`, both included; None is open. Both None: any date."""

    start: datetime | None
    end: datetime | None


@dataclass(frozen=True, slots=True)
class TermRange:
    """Terms of a field in alphabetical order from `start` to `end` (`[a to c]`, `{a to c}`)."""

    field: str
    start: str | None
    end: str | None
    start_excluded: bool = False
    end_excluded: bool = False


@dataclass(frozen=True, slots=True)
class And:
    children: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class Or:
    children: tuple[Query, ...]


@dataclass(frozen=True, slots=True)
class Not:
    child: Query


@dataclass(frozen=True, slots=True)
class Boost:
    child: Query
    factor: float


@dataclass(frozen=True, slots=True)
class Every:
    """Every story: the empty query, and `*:*`."""


@dataclass(frozen=True, slots=True)
class Marked:
    """The stories the user marked, as `index.api.StoryMarks.stories_marked` names them: `mark`
    "read", "starred", "tag" (`value` the tag), "note" (any note) or "note_word" (`value` a word
    of the note; a trailing `*` is a prefix). `is:unread` is `Not(Marked("read"))`."""

    mark: str
    value: str = ""
    position: int | None = dataclasses.field(default=None, compare=False)
    # What asked for it, as typed (`is:unread`, `tag:"two words"`), for what is said about it.
    typed: str = dataclasses.field(default="", compare=False)


Query = (
    Term
    | Phrase
    | Prefix
    | Wildcard
    | Fuzzy
    | DateRange
    | TermRange
    | And
    | Or
    | Not
    | Boost
    | Every
    | Marked
)


# Tokens. Each kind is tried in this order at every character not yet taken; the text between
# two tokens is a word (so `a(b)`, `strike,port` and `x"y"` split as Whoosh's tagger split them).

_DATE_COMPARISON = re.compile(
    r"(?<!\w)date:\s*(?P<rel>>=|<=|>|<)\s*(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?"
    r"(?:-(?P<day>\d{1,2}))?\b"
)
_TOKEN_PATTERNS = (
    ("every", re.compile(r"[*]:[*]")),
    ("quoted", re.compile(r"(^|(?<=\W))'(?P<text>.*?)'(?=\s|\]|[)}]|$)")),
    ("field", re.compile(r"(?P<name>\w+|[*]):")),
    ("wild", re.compile(r"[*?\u055E\u061F\u1367]")),
    ("phrase", re.compile(r'"(?P<text>.*?)"(~(?P<slop>[1-9][0-9]*))?')),
    ("open", re.compile(r"[(]")),
    ("close", re.compile(r"[)]")),
    ("not", re.compile(r"(^|(?<=(\s|[()])))NOT(?=\s)")),
    ("and", re.compile(r"(?<=\s)AND(?=\s)")),
    ("or", re.compile(r"(?<=\s)OR(?=\s)")),
    ("boost", re.compile(r"\^(?P<boost>[0-9]*(\.[0-9]+)?)($|(?=[ \t\r\n)]))")),
    ("fuzziness", re.compile(r"(?<=\S)~(?P<maxdist>[0-9])?(/(?P<prefix>[1-9][0-9]*))?")),
    ("compare", re.compile(r"<=|>=|<|>|=<|=>")),
    (
        "range",
        re.compile(
            r"(?P<open>\{|\[)(?P<start>('[^']*?'\s+)|([^\]}]+?(?=[Tt][Oo])))?[Tt][Oo]"
            r"(?P<end>(\s+'[^']*?')|([^\]}]+?))?(?P<close>}|])"
        ),
    ),
    ("space", re.compile(r"\s+")),
)
_OPERATORS = {"and": "AND", "or": "OR", "not": "NOT"}
# Tokens that carry text (a field name before one of them is prepended to it when unknown).
_TEXT_KINDS = frozenset({"word", "phrase", "wild", "prefix", "fuzzy"})
_WILDCARD_MARKS = "?\u055e\u061f\u1367"
# A field name written in any case (`Title:`) is the field; `http://` is not a field name.
_FOLDABLE_NAME = re.compile(r"[A-Za-z_]+")


@dataclass(slots=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int
    field: str | None = None
    slop: int = 1
    boost: float = 1.0
    maxdist: int = 1
    prefixlength: int = 0
    range_start: str | None = None
    range_end: str | None = None
    start_excluded: bool = False
    end_excluded: bool = False
    dates: DateRange | None = None
    children: list[_Token] | None = None


def _tokens(text: str, offset: int = 0) -> list[_Token]:
    """The tokens of `text` (stripped), spaces included; positions count `offset` characters
    before it (the spaces stripped)."""
    tokens: list[_Token] = []
    word_start = position = 0
    while position < len(text):
        token = _token_at(text, position, offset)
        if token is None:
            position += 1
            continue
        if word_start < position:
            tokens.append(_Token("word", text[word_start:position], word_start, position))
        tokens.append(token)
        word_start = position = token.end
    if word_start < len(text):
        tokens.append(_Token("word", text[word_start:], word_start, len(text)))
    for token in tokens:
        token.start, token.end = token.start + offset, token.end + offset
    return tokens


def _token_at(text: str, position: int, offset: int) -> _Token | None:
    compared = _DATE_COMPARISON.match(text, position)
    if compared:
        dates = _compared_dates(compared, offset)
        return _Token("dates", compared.group(), position, compared.end(), dates=dates)
    for kind, pattern in _TOKEN_PATTERNS:
        match = pattern.match(text, position)
        if match is None:
            continue
        token = _Token(kind, match.group(), position, match.end())
        if kind == "quoted":
            token.kind, token.text = "word", match.group("text")
        elif kind == "field":
            token.field = _field_name(text, match)
        elif kind == "phrase":
            token.text = match.group("text")
            token.slop = int(match.group("slop") or 1)
        elif kind == "boost":
            try:
                token.boost = float(match.group("boost"))
            except ValueError:
                token.kind = "word"
        elif kind == "fuzziness":
            token.maxdist = int(match.group("maxdist") or 1)
            token.prefixlength = int(match.group("prefix") or 0)
        elif kind == "range":
            _read_range(token, match)
        return token
    return None


def _field_name(text: str, match: re.Match[str]) -> str:
    name = match.group("name")
    foldable = (
        _FOLDABLE_NAME.fullmatch(name)
        and not (match.start() and re.match(r'[\w"]', text[match.start() - 1]))
        and not text.startswith("//", match.end())
    )
    name = name.lower() if foldable else name
    return _FIELD_OF_ALIAS.get(name, name)


def _read_range(token: _Token, match: re.Match[str]) -> None:
    start, end = match.group("start"), match.group("end")
    if start:
        start = start.rstrip()
        if start.startswith("'") and start.endswith("'"):
            start = start[1:-1]
    if end:
        end = end.lstrip()
        if end.startswith("'") and end.endswith("'"):
            end = end[1:-1]
    token.range_start, token.range_end = start, end
    token.start_excluded = match.group("open") == "{"
    token.end_excluded = match.group("close") == "}"


# Parsing: the tokens are grouped by parentheses, then words are joined to the marks that follow
# them (`~`, `*`, `^2`), field names to what they touch, and the operators read by precedence.


@dataclass(slots=True)
class _Groups:
    """The tokens nested by parentheses, and what did not pair up."""

    top: list[_Token]
    unclosed: int
    unopened: int


def _group(tokens: list[_Token]) -> _Groups:
    stack: list[list[_Token]] = [[]]
    opened_at: list[int] = []
    unopened = 0
    for token in tokens:
        if token.kind == "open":
            stack.append([])
            opened_at.append(token.start)
        elif token.kind == "close":
            if len(stack) > 1:
                children = stack.pop()
                group = _Token("group", "", opened_at.pop(), token.end, children=children)
                stack[-1].append(group)
            else:
                unopened += 1
        else:
            stack[-1].append(token)
    top = stack[0]
    # What an unclosed parenthesis opened is read as if it had not been opened.
    for unclosed in stack[1:]:
        top.extend(unclosed)
    if len(top) == 1 and top[0].children is not None:  # `(a b)` is `a b`
        top = top[0].children
    return _Groups(top, len(stack) - 1, unopened)


def parse_query(text: str) -> Query:
    """The tree of a query; the empty query is `Every()`. Raises QueryError with a sentence that
    says what to change and the position it is about."""
    offset = len(text) - len(text.lstrip())
    text = text.strip()
    if not text:
        return Every()
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"The query is too long: keep it under {MAX_QUERY_CHARS} characters.",
            offset + MAX_QUERY_CHARS,
        )
    too_deep = _too_deep_at(text)
    if too_deep is not None:
        raise QueryError(
            f"Too many nested parentheses: use at most {MAX_NESTING} levels.", offset + too_deep
        )
    _check_fields(text, offset)
    top = _group(_tokens(text, offset)).top
    top = _with_fields(_marked_words(top))
    return _Reader(_boosted(_without_spaces(top))).query()


def _too_deep_at(text: str) -> int | None:
    depth = 0
    for position, char in enumerate(text):
        if char == "(":
            depth += 1
            if depth > MAX_NESTING:
                return position
        elif char == ")":
            depth = max(0, depth - 1)
    return None


_NAMED_FIELD = re.compile(r"(?<![\w\"])([A-Za-z_]+):(?!//)")


def _check_fields(text: str, offset: int) -> None:
    unquoted = re.sub(r'"[^"]*"', lambda quoted: " " * len(quoted.group()), text)
    for match in _NAMED_FIELD.finditer(unquoted):
        name = match.group(1).lower()
        if _FIELD_OF_ALIAS.get(name, name) not in SEARCHABLE_FIELDS | MARK_FIELDS:
            usable = "title, body, author, person, place, org, date, is, tag, has, note"
            raise QueryError(
                f"Unknown field {match.group(1)!r}: you can search {usable}.",
                offset + match.start(1),
            )


def _marked_words(tokens: list[_Token]) -> list[_Token]:
    """`^2` after what it boosts, `~` after a word, `*`/`?` with the text they touch,
    `date:>x` comparisons: each joined into one token."""
    tokens = _boosts(tokens)
    tokens = _fuzzy_words(tokens)
    tokens = _wildcards(tokens)
    return _comparisons(tokens)


def _boosts(tokens: list[_Token]) -> list[_Token]:
    """`^2` not touching what it would boost (`a ^2`) is text. Whoosh only looked at the top
    level: in parentheses `(a ^2)` boosts `a` (`_boosted`)."""
    return [
        _as_word(token)
        if token.kind == "boost" and not (index and _boostable(tokens[index - 1]))
        else token
        for index, token in enumerate(tokens)
    ]


def _boosted(tokens: list[_Token]) -> list[_Token]:
    """Each boost set on the token before it (spaces are gone by now)."""
    joined: list[_Token] = []
    for token in tokens:
        if token.kind == "group" and token.children is not None:
            token.children = _boosted(token.children)
        if token.kind == "boost":
            if joined and _boostable(joined[-1]):
                joined[-1].boost = token.boost
                continue
            token = _as_word(token)
        joined.append(token)
    return joined


def _boostable(token: _Token) -> bool:
    return token.kind in _TEXT_KINDS or token.kind == "group"


def _as_word(token: _Token) -> _Token:
    """A token read as text after all: what was typed."""
    return _Token("word", token.text, token.start, token.end)


def _fuzzy_words(tokens: list[_Token]) -> list[_Token]:
    joined: list[_Token] = []
    for index, token in enumerate(tokens):
        if token.kind == "group" and token.children is not None:
            token.children = _fuzzy_words(token.children)
        if token.kind == "fuzziness":
            # Only a word as typed: not a `~` just read as text (`a~~` is `a~` and `~`).
            if index and tokens[index - 1].kind == "word" and joined[-1] is tokens[index - 1]:
                word = joined[-1]
                word.kind, word.end = "fuzzy", token.end
                word.maxdist, word.prefixlength = token.maxdist, token.prefixlength
                continue
            token = _as_word(token)
        joined.append(token)
    return joined


def _wildcards(tokens: list[_Token]) -> list[_Token]:
    """A `*` or `?` joins the text before it and the one token after it (`w?rd`, `a*b*c`); a
    word that ends in its only `*` is a prefix."""
    joined: list[_Token] = []
    open_right = False  # the last token is a wildcard that has not taken the token after it
    for token in tokens:
        if token.kind == "group" and token.children is not None:
            token.children = _wildcards(token.children)
        previous = joined[-1] if joined else None
        if previous is not None and open_right and token.kind in _TEXT_KINDS:
            previous.text, previous.end, open_right = previous.text + token.text, token.end, False
        elif previous is not None and token.kind == "wild" and previous.kind in _TEXT_KINDS:
            previous.kind, previous.text, previous.end = (
                "wild",
                previous.text + token.text,
                token.end,
            )
            open_right = True
        else:
            joined.append(token)
            open_right = token.kind == "wild"
    for token in joined:
        text = token.text
        if (
            token.kind == "wild"
            and len(text) > 1
            and not any(mark in text for mark in _WILDCARD_MARKS)
            and text.find("*") == len(text) - 1
        ):
            token.kind, token.text = "prefix", text[:-1]
    return joined


def _comparisons(tokens: list[_Token]) -> list[_Token]:
    """`field:>value` as a range; a `<`/`>` anywhere else is left out, but for one that opens
    the query (and in parentheses), which Whoosh could not parse."""
    joined: list[_Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.kind != "compare" or (index == 0 and len(tokens) > 1):
            joined.append(token)
        elif index < len(tokens) - 1 and joined and joined[-1].kind == "field":
            value = tokens[index + 1]
            if value.kind in _TEXT_KINDS:
                joined.append(_comparison_range(token.text, value))
                index += 1
        index += 1
    return joined


def _comparison_range(relation: str, value: _Token) -> _Token:
    token = _Token("range", value.text, value.start, value.end)
    if relation.startswith("<") or relation.endswith("<"):
        token.range_end, token.end_excluded = value.text, relation == "<"
    else:
        token.range_start, token.start_excluded = value.text, relation == ">"
    return token


def _with_fields(tokens: list[_Token]) -> list[_Token]:
    """Each field name given to the token it touches (a group: to each of its tokens without
    one); a name that is not a field's is text, prepended to what follows it."""
    known: list[_Token] = []
    unknown: _Token | None = None
    for token in tokens:
        if token.kind == "field" and token.field not in SEARCHABLE_FIELDS | MARK_FIELDS:
            unknown = token
            continue
        if unknown is not None:
            if token.kind in _TEXT_KINDS:
                token.text, token.start = unknown.text + token.text, unknown.start
            else:
                known.append(_as_word(unknown))
            unknown = None
        known.append(token)
    if unknown is not None:
        known.append(_as_word(unknown))
    fielded: list[_Token] = []
    index = len(known)
    while index > 0:
        index -= 1
        token = known[index]
        if token.kind == "field":
            token = _as_word(token)
        elif token.kind == "group" and token.children is not None:
            token.children = _with_fields(token.children)
        if index > 0 and token.kind != "space" and known[index - 1].kind == "field":
            _set_field(token, known[index - 1].field)
            index -= 1
        fielded.append(token)
    fielded.reverse()
    return fielded


def _set_field(token: _Token, name: str | None) -> None:
    if token.kind == "group" and token.children is not None:
        for child in token.children:
            _set_field(child, name)
    elif token.field is None and token.kind in _TEXT_KINDS | {"range"}:
        token.field = name


def _without_spaces(tokens: list[_Token]) -> list[_Token]:
    kept = []
    for token in tokens:
        if token.kind == "space":
            continue
        if token.kind == "group" and token.children is not None:
            token.children = _without_spaces(token.children)
        kept.append(token)
    return kept


class _Reader:
    """Recursive descent over one group's tokens. Side by side is AND, below OR, below AND, below
    NOT (`a b OR c AND d` is `a AND (b OR (c AND d))`). An operator without both sides is left
    out, and so are two in a row, the words around them side by side (`a OR AND b` is `a b`)."""

    def __init__(self, tokens: list[_Token]) -> None:
        self._tokens = tokens
        self._next = 0
        self._broken = False  # two operators in a row ended the expression being read

    def query(self) -> Query:
        children = []
        while self._next < len(self._tokens):
            before = self._next
            self._broken = False
            child = self._either()
            if child is not None:
                children.append(child)
            elif self._next == before:
                self._next += 1  # a dangling operator
        return _joined(And, children) or And(())

    def _peek(self) -> str | None:
        return self._tokens[self._next].kind if self._next < len(self._tokens) else None

    def _operator(self, kind: str) -> bool:
        """Whether an operator of `kind` is next and joins two operands (it is then read).

        Operators in a row join as one when they are an odd number of the same (`a OR OR OR b`);
        otherwise they all drop out and end the expression (`a OR AND b` is `a b`), as in Whoosh.
        """
        if self._broken or self._peek() != kind:
            return False
        run = self._next
        while run < len(self._tokens) and self._tokens[run].kind in ("and", "or"):
            run += 1
        kinds = {token.kind for token in self._tokens[self._next : run]}
        joins = (run - self._next) % 2 == 1 and kinds == {kind}
        self._next = run
        self._broken = not joins
        return joins

    def _either(self) -> Query | None:
        alternatives = [self._both()]
        while self._operator("or"):
            alternatives.append(self._both())
        return _joined(Or, [alternative for alternative in alternatives if alternative])

    def _both(self) -> Query | None:
        parts = [self._unary()]
        while self._operator("and"):
            parts.append(self._unary())
        return _joined(And, [part for part in parts if part])

    def _unary(self) -> Query | None:
        kind = self._peek()
        if kind is None or kind in ("and", "or"):
            return None
        token = self._tokens[self._next]
        self._next += 1
        if kind == "compare":
            raise QueryError(UNREADABLE, token.start)
        if kind == "not":
            if self._peek() in ("and", "or", "not"):
                raise QueryError(UNREADABLE, token.start)
            negated = self._unary()
            return Not(negated) if negated is not None else None
        return _node(token)


def _joined(group: type[And] | type[Or], children: list[Query]) -> Query | None:
    if not children:
        return None
    if len(children) == 1:
        return children[0]
    return group(tuple(children))


def _node(token: _Token) -> Query | None:
    node = _unboosted_node(token)
    if node is not None and token.boost != 1.0:
        return Boost(node, token.boost)
    return node


def _unboosted_node(token: _Token) -> Query | None:
    if token.kind == "group" and token.children is not None:
        return _Reader(token.children).query()
    if token.kind == "every":
        return Every()
    if token.kind == "dates":
        return token.dates
    if token.kind not in _TEXT_KINDS | {"range"}:
        return None
    if token.field is None:
        return _joined(Or, [_fielded_node(token, name) for name in DEFAULT_FIELDS])
    return _fielded_node(token, token.field)


def _fielded_node(token: _Token, name: str) -> Query:
    if name == DATE_FIELD:
        return _date_node(token)
    if name in MARK_FIELDS:
        return _marked_node(token, name)
    if token.kind == "phrase":
        return Phrase(name, tuple(token.text.split()), token.slop, token.start)
    if token.kind == "prefix":
        return Prefix(name, token.text, token.start)
    if token.kind == "wild":
        return Wildcard(name, token.text, token.start)
    if token.kind == "fuzzy":
        return Fuzzy(name, token.text, token.maxdist, token.prefixlength)
    if token.kind == "range":
        return TermRange(
            name, token.range_start, token.range_end, token.start_excluded, token.end_excluded
        )
    return Term(name, token.text)


def _marked_node(token: _Token, name: str) -> Query:
    """`is:`, `tag:`, `has:` or `note:` and the word (or quoted words) it touches."""
    if token.kind not in ("word", "phrase", "prefix"):
        raise QueryError(f"{name}: takes a word, as in {_MARK_EXAMPLES[name]}.", token.start)
    text = " ".join(token.text.split())
    value = text + "*" if token.kind == "prefix" else text
    typed = f'{name}:"{value}"' if token.kind == "phrase" else f"{name}:{value}"
    if name == "tag":
        return Marked("tag", text, token.start, typed)
    if name == "note":
        return Marked("note_word", value, token.start, typed)
    if name == "has":
        if text.lower() != "note":
            raise QueryError(f"Unknown has:{text}: has:note is the one there is.", token.start)
        return Marked("note", "", token.start, typed)
    if text.lower() not in IS_WORDS:
        accepted = ", ".join(f"is:{word}" for word in IS_WORDS)
        raise QueryError(f"Unknown is:{text}: use {accepted}.", token.start)
    mark, without = IS_WORDS[text.lower()]
    marked = Marked(mark, "", token.start, typed)
    return Not(marked) if without else marked


_MARK_EXAMPLES = {
    "is": "is:unread",
    "tag": 'tag:budget or tag:"two words"',
    "has": "has:note",
    "note": "note:ferry",
}


# Dates: `2024`, `2024-06`, `2024-06-20`, with `-`, `.` or spaces between the numbers or none
# (`20240620`), down to the microsecond; a range's start is the first moment of its date, its end
# the last.


def _date_node(token: _Token) -> DateRange:
    if token.kind == "range":
        start, end = token.range_start, token.range_end
        try:
            return DateRange(
                _date_bounds(start)[0] if start is not None else None,
                _date_bounds(end)[1] if end is not None else None,
            )
        except ValueError as error:
            raise QueryError(UNREADABLE, token.start) from error
    try:
        first, last = _date_bounds(token.text)
    except ValueError as error:
        raise QueryError(DATE_HELP, token.start) from error
    # A quoted date is its first moment: the day's stories, not the month's or the year's.
    return DateRange(first, first if token.kind == "phrase" else last)


def _date_bounds(text: str) -> tuple[datetime, datetime]:
    """The first and last moment of the date `text`; ValueError when it is not one."""
    digits = text.replace(" ", "").replace("-", "").replace(".", "")
    if len(digits) < 4:
        raise ValueError(f"{text!r} is not a date")
    # Year, month, day, hour, minute, second: each present when the digits reach its end.
    parts = [int(digits[:4])]
    parts += [int(digits[end - 2 : end]) for end in (6, 8, 10, 12, 14) if len(digits) >= end]
    if len(digits) == 20:
        parts.append(int(digits[14:]))
    first = _moment([*parts, *(1, 1, 0, 0, 0, 0)[len(parts) - 1 :]])
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    highest = (month, calendar.monthrange(year, month)[1], 23, 59, 59, 999999)
    last = _moment([*parts, *highest[len(parts) - 1 :]])
    return first, last


def _moment(parts: list[int]) -> datetime:
    """The datetime of year, month, day, hour, minute, second and microsecond."""
    year, month, day, hour, minute, second, microsecond = parts
    return datetime(year, month, day, hour, minute, second, microsecond)


def _compared_dates(match: re.Match[str], offset: int) -> DateRange:
    """`date:>2024-06` from the first day after June 2024, `date:<=2024` up to its last day."""
    relation, year, month, day = match.group("rel", "year", "month", "day")
    try:
        date(int(year), int(month or 1), int(day or 1))
    except ValueError as error:
        raise QueryError(DATE_HELP, offset + match.start("year")) from error
    shown = "-".join(part.zfill(2) for part in (year, month, day) if part)
    first, last = _date_bounds(shown)
    try:
        after, before = last + timedelta(microseconds=1), first - timedelta(microseconds=1)
    except OverflowError:  # before year 1 or after 9999: the date itself bounds it
        after, before = first, last
    if relation == ">=":
        return DateRange(first, None)
    if relation == ">":
        return DateRange(after, None)
    if relation == "<=":
        return DateRange(None, last)
    return DateRange(None, before)


# What was made of a query that is not quite well formed.


def query_notes(text: str, nothing_left: bool) -> tuple[str, ...]:
    """Plain sentences on what was made of a query that is not quite well formed: an unclosed
    quote or parenthesis, an operator with nothing to join, and (`nothing_left`, which the engine
    knows: its analysis drops the words too common to index) nothing to search for."""
    text = text.strip()
    if not text:
        return ()
    tokens = _tokens(text)
    notes = []
    if any(token.kind == "word" and '"' in token.text for token in tokens):
        notes.append("The quote is not closed: its words were searched for one by one.")
    groups = _group(tokens)
    if groups.unclosed:
        notes.append("A parenthesis is not closed: read as if it closed at the end.")
    if groups.unopened:
        notes.append("A closing parenthesis has no opening one: it was left out.")
    words = [token.text for token in tokens if token.kind not in ("space", "open", "close")]
    if words and (words[0] in ("AND", "OR") or words[-1] in _OPERATORS.values()):
        operator = words[0] if words[0] in ("AND", "OR") else words[-1]
        notes.append(f"{operator} needs words on both sides: it was left out.")
    if nothing_left:
        notes.append(
            "Nothing left to search for: the words are too common to be indexed "
            "(a, the, of …) or are only operators."
        )
    return tuple(notes)


def leaves(node: Query) -> Iterator[Query]:
    """The nodes of the tree that have no children, left to right."""
    if isinstance(node, And | Or):
        for child in node.children:
            yield from leaves(child)
    elif isinstance(node, Not | Boost):
        yield from leaves(node.child)
    else:
        yield node


def first_position(tree: Query) -> int | None:
    """Where in the query text its first leaf that knows its place starts (for an error)."""
    for leaf in leaves(tree):
        position = getattr(leaf, "position", None)
        if position is not None:
            return position
    return None
