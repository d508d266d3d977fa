"""Features of a word for the entity tagger, shared by training and tagging.

The tagger scores each token from features of the words around it (two either side). Every
feature belongs to one word at one offset, so a word's total contribution at an offset can be
summed once per word type and cached; only the previous tags are per-token.
"""

from __future__ import annotations

from dataclasses import dataclass

# Offsets from the tagged token whose words contribute features.
OFFSETS = (-2, -1, 0, 1, 2)
# Stands for the words before the start and after the end of a line.
BOUNDARY = "<s>"


class _CharacterShapes(dict[int, str]):
    """A `str.translate` table from a character to its shape, filled in as characters are met."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        shape = (
            "X" if char.isupper() else "x" if char.isalpha() else "d" if char.isdigit() else char
        )
        self[code] = shape
        return shape


_CHARACTER_SHAPES = _CharacterShapes()


def word_shape(word: str) -> str:
    """Letters as X/x, digits as d, other characters kept: "Gašić" -> "Xxxxx"."""
    return word.translate(_CHARACTER_SHAPES)


def short_shape(shape: str) -> str:
    """A shape with repeats collapsed: "Xxxxx" -> "Xx", "dd-dd" -> "d-d"."""
    collapsed: list[str] = []
    for char in shape:
        if not collapsed or collapsed[-1] != char:
            collapsed.append(char)
    return "".join(collapsed)


def _flags(word: str, shape: str) -> list[str]:
    flags = []
    if word.isupper() and len(word) > 1:
        flags.append("f=upper")
    elif word[:1].isupper():
        flags.append("f=title")
    if "d" in shape:  # the shape has a "d" for digits only: letters are X or x
        flags.append("f=digit")
    if "-" in word:
        flags.append("f=hyphen")
    if "." in word:
        flags.append("f=period")
    if not word.isascii():
        flags.append("f=accented")
    return flags


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """Words of a place gazetteer: whole one-word names, and words of longer names."""

    names: frozenset[str] = frozenset()
    parts: frozenset[str] = frozenset()


def features_by_offset(word: str, places: PlaceWords) -> dict[int, list[str]]:
    """The feature names `word` contributes at each offset from the token being tagged."""
    if word == BOUNDARY:
        return {offset: ["w=" + BOUNDARY] for offset in OFFSETS if offset}
    own, near, far, _ = _features(word, places)
    return {-2: far, -1: near, 0: own, 1: near, 2: far}


def tagging_features(word: str, places: PlaceWords) -> tuple[list[str], list[str], str]:
    """`features_by_offset` as the tagger weighs it: the features `word` contributes at every
    offset where the model has a weight for them, those it contributes at every offset but its
    own, and its short shape.

    A feature's name (its prefix) says at which offsets the model has weights for it, and a
    word's features at the other offsets are among its own, but for the suffix feature of a
    word too short to have it at its own offset.
    """
    if word == BOUNDARY:
        return [], ["w=" + BOUNDARY], short_shape(word_shape(BOUNDARY))
    own, near, _, short = _features(word, places)
    suffix = near[3]
    return own, [] if suffix in own else [suffix], short


def _features(word: str, places: PlaceWords) -> tuple[list[str], list[str], list[str], str]:
    """A word's features at its own offset, one away and two away, and its short shape."""
    lower = word.lower()
    shape = word_shape(word)
    short = short_shape(shape)
    flags = _flags(word, shape)
    if word in places.names:
        flags.append("g=place")
    elif word in places.parts:
        flags.append("g=part")
    exact, lowered, shaped = "W=" + word, "w=" + lower, "s=" + short
    affix_count = min(len(lower) - 1, 4)
    own = [
        "bias",
        exact,
        lowered,
        "S=" + shape[:6],
        shaped,
        *flags,
        *("p1=" + lower[:1], "p2=" + lower[:2], "p3=" + lower[:3], "p4=" + lower[:4])[:affix_count],
        *("x1=" + lower[-1:], "x2=" + lower[-2:], "x3=" + lower[-3:], "x4=" + lower[-4:])[
            :affix_count
        ],
        "len=" + str(min(len(word), 8)),
    ]
    near = [exact, lowered, shaped, "x3=" + lower[-3:], *flags]
    far = [lowered, shaped]
    return own, near, far, short


def history_features(previous: str, before_previous: str, shape: str) -> list[str]:
    """Features of the two tags already given to the tokens before, and the word's shape."""
    return ["t1=" + previous, f"t2={before_previous}|{previous}", f"t1s={previous}|{shape}"]


def pair_features(before: str, word: str, after: str) -> tuple[str, str]:
    """Features of the lower-cased word with its neighbour on each side ("bank|of")."""
    return (f"L={before}|{word}", f"R={word}|{after}")
