"""Brands a tagger trained on 1996 newswire cannot see: names written in lower case with a capital
inside ("eBay", "eDonkey") or joined by an ampersand ("AT&T", "M&S"). The tagger never met such
words, and the rules only look at capitalised ones; these are found in the text itself."""

from __future__ import annotations

import re

from articles.entities.canonical import Span
from articles.entities.rules import COMMON_ACRONYMS, word_set
from articles.model import TextField

# One scan finds both shapes: one or two lower-case letters, then a capitalised word ("eBay",
# "arXiv"), or capitalised parts joined by "&" ("AT&T", "PG&E"); never inside a longer word, a
# hyphenated one ("2019-nCoV") or a web address; and the word after, to read a product's name
# apart. (A longer lower-case start is more often two words run together: "ofTexas".)
_BRAND = re.compile(
    r"(?<![\w&.@/-])([a-z]{1,2}[A-Z][A-Za-z]+|[A-Z][A-Za-z]*&[A-Z][A-Za-z]*)(?![\w&@/-]|\.\w)"
    r"(?:\s+([a-z]+))?"
)
# Where a brand may be, found far faster than by `_BRAND` (most stories have none).
_CAPITAL_INSIDE = re.compile(r"[a-z][A-Z]")
# Two-letter words run into the next one by a typing slip: "atLabour", "ofTexas".
_RUN_TOGETHER = word_set("of at in on to by an as is it or no so up we he me my do go if us be")
# Words after a name that say it acts as a company: "iRiver said", "eBay has".
_COMPANY_DOINGS = word_set(
    """
    said says reported announced agreed bought sold plans has have is was will would launched
    warned cut raised shares users customers chief boss spokesman spokeswoman
    """
)


def _is_product_name(word: str) -> bool:
    """ "iPod", "iTunes": Apple's way of naming products (guideline 9: products are not
    annotated)."""
    return word[0] == "i" and word[1].isupper()


def reads_as_no_brand(name: str, after: str | None) -> bool:
    """Whether a word shaped like a brand is none: two words run together ("ofTexas") or a
    product named the Apple way ("iTunes") with no word after it saying it acts as a company.
    The tagger, having learnt modern news, reads some such words itself."""
    return name[:2] in _RUN_TOGETHER or (_is_product_name(name) and after not in _COMPANY_DOINGS)


def brand_spans(text: str, field: TextField) -> list[Span]:
    """The brands `text` names, as organisations: every "eBay", "arXiv" and "AT&T"; a name
    shaped like a product's ("iPod") only when the word after it says it acts as a company
    ("iRiver said")."""
    spans: list[Span] = []
    if "&" not in text and not _CAPITAL_INSIDE.search(text):
        return spans
    for match in _BRAND.finditer(text):
        name, after = match.group(1, 2)
        if name in COMMON_ACRONYMS or reads_as_no_brand(name, after):
            continue
        spans.append(Span("organization", match.start(1), match.end(1), field, name))
    return spans
