"""A second look at each name a story gives: person, place, organisation, or no name at all.

The tagger reads a sentence at a time and the rules a few words at a time; the vetter looks at a
name once per story, over all its mentions: the words of the name and their endings, the words
around every mention, what the lexicons know of it, the cues the story gives ("shares of X",
"Mr X", "the island of X"), how often and where it is mentioned, the other names it is part of
or holds, and the kind it was read as. A logistic regression over those features
(`benchmarks.train_vetter` learns it from the gold set, read by taggers that never learnt the
articles read) scores the four answers; the best one is the name's kind in every mention, and a
name whose best answer is "none" is dropped ("Well" opening a quote, a work, a fragment).

The weights ship in `data/name_vetter.json.gz`; scoring is a sum of a few dozen weights per
name, pure Python.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib.resources import files
from math import fsum
from typing import Any

from articles.entities.canonical import fold, names_by_kind
from articles.entities.rules import ORGANIZATION_WORDS, Lexicon, is_personal_title
from articles.model import ENTITY_KINDS, Entities, EntityKind, Mention, TextField

MODEL_FILE = "name_vetter.json.gz"
NO_NAME = "none"
ANSWERS: tuple[str, ...] = (*ENTITY_KINDS, NO_NAME)

_TOKEN = re.compile(r"\w+|[^\w\s]")
_CONTEXT_CHARS = 40  # enough for two words either side
_LINE_EDGE = "<line>"
_KINDS: dict[str, EntityKind] = {kind: kind for kind in ENTITY_KINDS}  # "none" is no kind


@dataclass(frozen=True, slots=True)
class Clues:
    """What the extractor's rules saw around the story's mentions: (field, start) of those the
    words around say are organisations (`cued`: "shares of X", "the X coach"), of those the
    words say are companies (`company_cued`), of people after a title only people have
    (`titled`: "Mr X"); the names said to be places (`cued_places`: "the island of X"); the
    words the story writes in lower case; and whether the story is about sport."""

    cued: Collection[tuple[TextField, int]] = frozenset()
    company_cued: Collection[tuple[TextField, int]] = frozenset()
    titled: Collection[tuple[TextField, int]] = frozenset()
    cued_places: Collection[str] = frozenset()
    lower_case_words: Collection[str] = frozenset()
    sports: bool = False


@dataclass(frozen=True, slots=True)
class Places:
    """The place names the vetter looks names up in."""

    known: frozenset[str]  # every place name the extractor knows
    countries_and_states: frozenset[str]  # folded
    regions: frozenset[str]


def _shape(name: str) -> str:
    """The name's letters as X (capital), x (small) and d (digit), runs of one kept once:
    "McDonald's" -> "XxXx'x"."""
    shape: list[str] = []
    for char in name:
        mark = "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        if not shape or shape[-1] != mark:
            shape.append(mark)
    return "".join(shape)


def _count_bucket(count: int) -> str:
    return str(count) if count < 4 else "4+"


def _around(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The two tokens before a mention (nearest last) and the two after (nearest first), lower
    case; a line's edge stands for the tokens past it."""
    line_start = text.rfind("\n", 0, start) + 1
    window_start = max(line_start, start - _CONTEXT_CHARS)
    before = _TOKEN.findall(text[window_start:start].lower())
    if window_start == line_start:
        before.insert(0, _LINE_EDGE)
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    window_end = min(line_end, end + _CONTEXT_CHARS)
    after = _TOKEN.findall(text[end:window_end].lower())
    if window_end == line_end:
        after.append(_LINE_EDGE)
    return ["", "", *before][-2:], [*after, "", ""][:2]


@lru_cache(maxsize=100_000)
def _name_features(
    name: str, kind: EntityKind, lexicon: Lexicon, places: Places
) -> tuple[str, ...]:
    """The features of a name read as `kind` that its words alone give: the same in every story
    (names recur from story to story, so they are kept)."""
    words = name.split()
    lower_words = [word.lower() for word in words]
    found = [
        f"kind={kind}",
        f"{kind}|words={min(len(words), 4)}",
        f"{kind}|shape={_shape(name)}",
        f"{kind}|first={lower_words[0]}",
        f"{kind}|last={lower_words[-1]}",
        f"suffix={lower_words[-1][-3:]}",
        f"{kind}|suffix={lower_words[-1][-3:]}",
        *(f"word={word}" for word in lower_words),
    ]
    if len(words) == 1:
        found.append(f"{kind}|one={lower_words[0]}")
        if name not in lexicon.known_words:
            found.append(f"{kind}|unknown_word")
    if name in places.known:
        found.append(f"{kind}|known_place")
    if fold(name) in places.countries_and_states:
        found.append(f"{kind}|country")
    if name in places.regions:
        found.append(f"{kind}|region")
    if name in lexicon.nationalities:
        found.append(f"{kind}|nationality")
    if lower_words[0] in lexicon.common_words:
        found.append(f"{kind}|first_common")
    if lower_words[-1] in lexicon.common_words:
        found.append(f"{kind}|last_common")
    if any(word in ORGANIZATION_WORDS for word in lower_words):
        found.append(f"{kind}|organization_word")
    if name.isupper():
        found.append(f"{kind}|capitals")
    return tuple(found)


def name_features(
    entities: Entities,
    title: str,
    body: str,
    clues: Clues,
    lexicon: Lexicon,
    places: Places,
) -> dict[str, set[str]]:
    """Per canonical name of `entities`, the features the vetter weighs."""
    texts = {"title": title, "body": body}
    mentions_of: dict[str, list[Mention]] = {}
    for mention in entities.mentions:
        mentions_of.setdefault(mention.name, []).append(mention)
    kinds = {name: mentions[0].kind for name, mentions in mentions_of.items()}
    padded = {name: f" {name} " for name in mentions_of}  # to find a name's whole words in another
    cued_organizations = set(entities.cued_organizations)
    features: dict[str, set[str]] = {}
    for name, mentions in mentions_of.items():
        kind = kinds[name]
        found = set(_name_features(name, kind, lexicon, places))
        found.add(f"{kind}|count={_count_bucket(len(mentions))}")
        if " " not in name and name.lower() in clues.lower_case_words:
            found.add(f"{kind}|written_lower")
        if name in cued_organizations:
            found.add("company_shown")
        if name in clues.cued_places:
            found.add("place_cued")
        if clues.sports:
            found.add(f"{kind}|sports")
        fields = {mention.field for mention in mentions}
        if "title" in fields:
            found.add(f"{kind}|in_title" if "body" in fields else f"{kind}|title_only")
        openings = 0
        for mention in mentions:
            key = (mention.field, mention.start)
            if key in clues.cued:
                found.add("cued")
            if key in clues.company_cued:
                found.add("company_cued")
            if key in clues.titled:
                found.add("titled")
            text = texts[mention.field]
            surface = text[mention.start : mention.end]
            if surface != name:
                found.add(f"{kind}|written_otherwise")
            before, after = _around(text, mention.start, mention.end)
            found.add(f"before={before[1]}")
            found.add(f"before2={before[0]} {before[1]}")
            found.add(f"after={after[0]}")
            found.add(f"after2={after[0]} {after[1]}")
            found.add(f"{kind}|before={before[1]}")
            found.add(f"{kind}|after={after[0]}")
            if is_personal_title(before[1]):
                found.add("after_title")
            if before[1] in (_LINE_EDGE, ".", "?", "!", '"', "“", "‘", "'"):
                openings += 1
        if openings == len(mentions):
            found.add(f"{kind}|always_opening")
        padded_name = padded[name]
        for other, other_kind in kinds.items():
            if len(other) > len(name):
                if padded_name in padded[other]:
                    found.add(f"{kind}|part_of={other_kind}")
            elif len(other) < len(name) and padded[other] in padded_name:
                found.add(f"{kind}|holds={other_kind}")
        features[name] = found
    return features


@dataclass(frozen=True, slots=True)
class NameVetter:
    """The learnt weights: per feature, one weight per answer (`ANSWERS`), and a bias."""

    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]

    def answer(self, features: Iterable[str]) -> str:
        """The answer the features score highest."""
        weights = self.weights
        vectors = [weights[feature] for feature in features if feature in weights]
        # fsum: exact, so the answer never depends on the order a set gives the features in.
        scores = [fsum(column) for column in zip(self.bias, *vectors, strict=True)]
        return ANSWERS[scores.index(max(scores))]

    def vetted(self, entities: Entities, features: dict[str, set[str]]) -> Entities:
        """`entities` with each name's mentions given the kind the vetter answers, or dropped
        when it answers that the name is none."""
        kinds = {name: _KINDS.get(self.answer(found)) for name, found in features.items()}
        mentions = tuple(
            mention if kind == mention.kind else replace(mention, kind=kind)
            for mention in entities.mentions
            if (kind := kinds[mention.name]) is not None
        )
        return replace(entities, mentions=mentions, names=names_by_kind(mentions))


def vetter_from(model: dict[str, Any]) -> NameVetter:
    """A vetter from the model file's content (`benchmarks.train_vetter` writes it)."""
    if tuple(model["answers"]) != ANSWERS:
        raise ValueError(f"the vetter's answers are {model['answers']}, not {list(ANSWERS)}")
    return NameVetter(
        {feature: tuple(vector) for feature, vector in model["weights"].items()},
        tuple(model["bias"]),
    )


@cache
def load_vetter() -> NameVetter:
    """The shipped vetter, read once per process."""
    data = files("articles.entities").joinpath("data", MODEL_FILE).read_bytes()
    return vetter_from(json.loads(gzip.decompress(data)))
