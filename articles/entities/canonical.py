"""Canonical names: one name per entity within an article, stable across articles.

A mention's surface text becomes its name once the possessive and a leading "the" are gone
("the Balkans" -> "Balkans", "Gašić’s" -> "Gašić"). Within an article, a bare surname joins the
full name it abbreviates ("Valiyev" -> "Karim Valiyev", "de Blasio" -> "Bill de Blasio"), a name
without its middle initials the one with them, a company's or party's short name its full one
("Gould" -> "Gould Inc", "Mahan" -> "Mahan Air", "Veritas" -> "Veritas Party"), an all-caps
headline form or an unaccented spelling the mixed-case accented one, and an acronym the article
defines ("World Health Organization (WHO)") its expansion, so every mention of one entity
carries the same name. A few abbreviations take their full name ("U.S." -> "United States"), the
same in every article.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from typing import NamedTuple

from articles.entities.rules import ORGANIZATION_WORDS, word_set
from articles.model import ENTITY_KINDS, Entities, EntityKind, Mention, TextField

_POSSESSIVE = re.compile(r"['’]s?$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)


class Span(NamedTuple):
    """An entity found in the text, before canonicalisation (a tuple: many are made per article,
    and a tuple is made several times faster than a frozen dataclass)."""

    kind: EntityKind
    start: int
    end: int
    field: TextField
    text: str


# Other names of one entity, to one canonical name across articles.
ALIASES = {
    "U.S.": "United States",
    "US": "United States",
    "USA": "United States",
    "U.S.A.": "United States",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "UAE": "United Arab Emirates",
    "EU": "European Union",
    "UN": "United Nations",
    "U.N.": "United Nations",
}
_COMPANY_SUFFIXES = word_set(
    "inc inc. corp corp. co co. ltd ltd. plc llc ag sa spa nv bv gmbh group holdings air airlines"
    " airways party & and research communications energy pharmaceuticals technologies systems"
    " industries corporation company international"
)


def _is_company_suffix(words: list[str]) -> bool:
    return all(word.lower() in _COMPANY_SUFFIXES for word in words)


def clean_name(text: str) -> str:
    """The surface text without a possessive, a leading "the", or runs of spaces."""
    name = " ".join(text.split())
    name = _LEADING_THE.sub("", name)
    return _POSSESSIVE.sub("", name).rstrip() if len(name) > 2 else name


def fold(name: str) -> str:
    """A comparison key that ignores case and accents: "GAŠIĆ" and "Gasic" agree."""
    if name.isascii():
        return name.casefold()
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _preference(name: str) -> tuple[bool, int]:
    """Which spelling of one entity to show: mixed case beats all caps, then more accents."""
    accents = 0 if name.isascii() else sum(ord(char) > 127 for char in name)
    return (not name.isupper() or len(name) <= 5, accents)


# One spelling of the words an organisation's name may be spelled two ways in ("Ministry of
# Defense of Azerbaijan", "Ministry of Defence of Azerbaijan"), so both give one name: the
# American one, as the news wires write it.
_ONE_SPELLING = {"Defence": "Defense"}
_SPELLING_VARIANT = re.compile(r"\b(?:" + "|".join(_ONE_SPELLING) + r")\b")


def _cased(name: str, kind: EntityKind) -> str:
    """A person or place the article only writes in capitals ("TOKYO" in a news wire's
    dateline, "BUSH" in a headline) as other articles write it, so the facets count one name;
    organisations and places of three letters keep theirs (acronyms: "OPEC", "UAE")."""
    if not name.isupper() or kind == "organization" or (kind == "place" and len(name) <= 3):
        return name
    return name.title()


def _spelled_as_one(name: str, kind: EntityKind) -> str:
    if kind != "organization" or " " not in name:
        return name
    return _SPELLING_VARIANT.sub(lambda match: _ONE_SPELLING[match.group()], name)


def _is_initial(word: str) -> bool:
    """A middle initial: "T." or "T"."""
    return len(word.rstrip(".")) == 1 and word[0].isupper()


def _short_forms(words: list[str]) -> list[str]:
    """The shorter forms a person's full name may be written in: the first name, the surname
    with its particles (every ending of the name: "de Blasio", "Blasio"), and each capitalised
    middle word that is no initial ("Rosselló" of "Ricardo Rosselló Nevares")."""
    endings = [" ".join(words[start:]) for start in range(1, len(words))]
    middle_words = [word for word in words[1:-1] if word[0].isupper() and not _is_initial(word)]
    return [words[0], *endings, *middle_words]


def _initials_join_full_names(names: list[str], kinds: list[EntityKind]) -> list[str]:
    """ "Brian Carroll" is the "Brian T. Carroll" the article names too: a person's name without
    its middle initials joins the one name that has them (two names with different initials
    are two people, and stay apart)."""
    with_initials: dict[str, set[str]] = {}
    for name, kind in zip(names, kinds, strict=True):
        words = name.split()
        if kind == "person" and any(map(_is_initial, words[1:-1])):
            bare = [words[0], *(word for word in words[1:-1] if not _is_initial(word)), words[-1]]
            with_initials.setdefault(fold(" ".join(bare)), set()).add(name)
    joined = []
    for name, kind in zip(names, kinds, strict=True):
        full = with_initials.get(fold(name), ()) if kind == "person" else ()
        joined.append(next(iter(full)) if len(full) == 1 else name)
    return joined


def _abbreviates(acronym: str, expansion: str) -> bool:
    """Whether `acronym`'s letters are capitals of `expansion` in order, from its first
    ("WHO": World Health Organization; "OECD": Organisation for Economic Co-operation and
    Development)."""
    capitals = fold("".join(char for char in expansion if char.isupper()))
    letters = fold(acronym)
    remaining = iter(capitals)  # each letter is looked for after the one before
    return (
        len(letters) > 1
        and acronym.isupper()
        and capitals[:1] == letters[0]
        and all(letter in remaining for letter in letters)
    )


def _acronyms_join_their_expansion(spans: list[Span], names: list[str]) -> None:
    """An acronym the article defines right after its expansion ("the World Health Organization
    (WHO)": two characters apart, the space and the bracket) takes the expansion's name in every
    mention (and the kind most of the mentions have, as every name does)."""
    expansions: dict[str, str] = {}
    for before, after, name, acronym in zip(spans, spans[1:], names, names[1:], strict=False):
        if (
            before.field == after.field
            and after.start - before.end == 2
            and " " not in acronym
            and _abbreviates(acronym, name)
        ):
            expansions.setdefault(acronym, name)
    for index, name in enumerate(names):
        names[index] = expansions.get(name, name)


def _companies_named_first(
    spans: list[Span],
    names: list[str],
    kinds: list[EntityKind],
    cued: Collection[tuple[TextField, int]],
) -> None:
    """ "Netto Poland" read as a person, in a story where "the Netto chain" is a company, is
    that company's name, so "Poland" is no surname of it: a name of several words opened by a
    one-word name the story shows to be a company is an organisation."""
    companies = {
        name
        for span, name in zip(spans, names, strict=True)
        if " " not in name and (span.field, span.start) in cued
    }
    if companies:
        for index, name in enumerate(names):
            if " " in name and name.split()[0] in companies:
                kinds[index] = "organization"


def _people_by_their_surnames(names: list[str], kinds: list[EntityKind]) -> None:
    """ "Morgan Tsvangirai" read as a body once, in a story that names "Tsvangirai" alone as a
    person again and again, is that person: a full name whose last word the story uses at least
    twice as a person's is a person's (not a body's: no "Office", "Party")."""
    surnames = Counter(
        fold(name)
        for name, kind in zip(names, kinds, strict=True)
        if kind == "person" and " " not in name
    )
    for index, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        words = name.split()
        if (
            kind != "person"
            and 2 <= len(words) <= 3
            and surnames[fold(words[-1])] >= 2
            and all(word[0].isupper() and word.lower() not in ORGANIZATION_WORDS for word in words)
        ):
            kinds[index] = "person"


def canonicalize(
    spans: list[Span],
    cued: Collection[tuple[TextField, int]] = (),
    titled: Collection[tuple[TextField, int]] = (),
) -> Entities:
    """Turn found spans into mentions with canonical names and per-kind name lists. A name
    one of whose mentions is `cued` ((field, start) of an organisation the words around it
    say is one: "shares of Yukos") is an organisation in every mention; one `titled` ((field,
    start) of a name after a title only people have: "Mr Mittal") is never taken for a body."""
    names = [clean_name(span.text) for span in spans]
    kinds: list[EntityKind] = [span.kind for span in spans]

    # One spelling per folded name: the mixed-case, accented one when the article has it.
    spelling: dict[str, str] = {}
    keys = list(map(fold, names))
    for name, key in zip(names, keys, strict=True):
        chosen = spelling.get(key)
        if chosen is None or (chosen != name and _preference(name) > _preference(chosen)):
            spelling[key] = name
    names = [spelling[key] for key in keys]

    names = _initials_join_full_names(names, kinds)
    _acronyms_join_their_expansion(spans, names)
    _companies_named_first(spans, names, kinds, cued)
    _people_by_their_surnames(names, kinds)

    # A person's surname alone, with its particles ("Biden", "de Blasio", "von der Leyen"), or
    # one word of it ("Rosselló" of "Ricardo Rosselló Nevares"), or the first name alone is the
    # one person the article names in full; one that is a company's name without its "Inc" is
    # that company, whatever kind the tagger gave it.
    # A short form of a longer name ("De Blasio") is no full name of its own.
    short_forms = {
        fold(short_form)
        for name, kind in zip(names, kinds, strict=True)
        if kind == "person"
        for short_form in _short_forms(name.split())
    }
    full_names: dict[str, set[tuple[str, EntityKind]]] = {}
    for name, kind in zip(names, kinds, strict=True):
        words = name.split()
        if kind == "person" and len(words) > 1 and fold(name) not in short_forms:
            for short_form in _short_forms(words):
                full_names.setdefault(fold(short_form), set()).add((name, kind))
        elif kind == "organization" and len(words) > 1 and _is_company_suffix(words[1:]):
            full_names.setdefault(fold(words[0]), set()).add((name, kind))
    for index, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        # A longer short form is a surname only when read as a person or opened by a particle.
        if " " in name and kind != "person" and not name[0].islower():
            continue
        if len(full_names.get(fold(name), ())) == 1:
            ((names[index], kinds[index]),) = full_names[fold(name)]

    # A body's first word alone, read as a person, is a body as the one two-word body it opens
    # ("Vivendi" of "Vivendi Universal", "Hewlett" of "Hewlett Packard"), under its own name
    # ("Nintendo" of "Nintendo DS" may be the maker).
    opened: dict[str, set[str]] = {}
    people = {fold(span.text) for span in spans if (span.field, span.start) in titled}
    for name, kind in zip(names, kinds, strict=True):
        words = name.split()
        if (
            kind == "organization"
            and len(words) == 2
            and words[0].lower() not in ORGANIZATION_WORDS
        ):
            opened.setdefault(fold(words[0]), set()).add(name)
    for index, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        if kind == "person" and len(opened.get(fold(name), ())) == 1 and fold(name) not in people:
            kinds[index] = "organization"

    # "Armed Forces" or "Ministry of Defence" alone is the one longer name it opens in the
    # article ("Ministry of Defence of Serbia"), and "Met Office" the one it ends ("Icelandic Met
    # Office"); "Republic of Azerbaijan" is the "Azerbaijan" the article names too.
    longer: dict[str, set[str]] = {}
    places = {name for name, kind in zip(names, kinds, strict=True) if kind == "place"}
    for name, kind in zip(names, kinds, strict=True):
        head, of, _ = name.partition(" of ")
        if of and kind == "organization":
            longer.setdefault(head, set()).add(name)
        words = name.split()
        if kind == "organization" and len(words) > 2 and not of:
            longer.setdefault(" ".join(words[1:]), set()).add(name)
    for index, (name, kind) in enumerate(zip(names, kinds, strict=True)):
        if kind == "organization" and len(longer.get(name, ())) == 1:
            (names[index],) = longer[name]
        elif kind == "place" and name.startswith("Republic of ") and name[12:] in places:
            names[index] = name[12:]

    names = [
        _spelled_as_one(ALIASES.get(name, _cased(name, kind)), kind)
        for name, kind in zip(names, kinds, strict=True)
    ]

    # One kind per entity: "U.S." read as a body and "US" as a place are one "United States".
    votes: dict[str, Counter[EntityKind]] = {}
    for name, kind in zip(names, kinds, strict=True):
        votes.setdefault(name, Counter())[kind] += 1
    kind_of = {name: settled_kind(kinds) for name, kinds in votes.items()}
    cued_names = {
        name
        for span, name in zip(spans, names, strict=True)
        if name and (span.field, span.start) in cued
    }
    kind_of.update(dict.fromkeys(cued_names, "organization"))

    mentions = tuple(
        Mention(kind_of[name], name, span.start, span.end, span.field)
        for span, name in zip(spans, names, strict=True)
        if name
    )
    return Entities(mentions=mentions, names=names_by_kind(mentions))


def settled_kind(kinds: Counter[EntityKind]) -> EntityKind:
    """The kind most of an article's mentions of one text have; a person reading loses a tie."""
    no_other: tuple[EntityKind, int] = ("person", 0)
    other, other_count = max(
        ((kind, count) for kind, count in kinds.items() if kind != "person"),
        key=lambda pair: pair[1],
        default=no_other,
    )
    return other if other_count >= kinds["person"] else "person"


def names_by_kind(mentions: Sequence[Mention]) -> dict[EntityKind, tuple[str, ...]]:
    """The names of each kind, most mentioned first (the first mentioned first on a tie)."""
    counts = Counter((mention.kind, mention.name) for mention in mentions)
    first_seen: dict[tuple[str, str], int] = {}
    for position, mention in enumerate(mentions):
        first_seen.setdefault((mention.kind, mention.name), position)
    ranked = sorted(counts, key=lambda key: (-counts[key], first_seen[key]))
    return {kind: tuple(name for k, name in ranked if k == kind) for kind in ENTITY_KINDS}
