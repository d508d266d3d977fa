"""Word lists and span rules for modern news that a tagger trained on 1996 newswire misses.

Titles and ranks before a name are not part of it ("Colonel-General Karim Valiyev" is the person
"Karim Valiyev"); an institution named for a place is an organisation ("Port of Rotterdam");
a lower-case web domain is a brand ("news.az").
"""

from __future__ import annotations

import re
from collections.abc import Container


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: word lists read best as prose blocks."""
    return frozenset(text.split())


# Words that open a person's title or rank; lower-cased, hyphenated parts are checked one by one.
TITLE_WORDS = word_set(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady madam
    president vice deputy first chief prime minister secretary chancellor premier governor
    mayor senator sen. rep. representative congressman congresswoman speaker ambassador envoy
    general gen. colonel col. lieutenant lt. major maj. captain capt. sergeant sgt. admiral
    adm. marshal commander brigadier corporal private officer inspector superintendent
    king queen prince princess emperor sheikh pope cardinal bishop archbishop father rev.
    judge justice attorney chairman chairwoman chair ceo director head spokesman spokeswoman
    coach striker defender midfielder goalkeeper captain
    """
)

# The first word of an organisation named for a place: "Bank of Tanzania", "Port of Rotterdam".
ORGANIZATION_HEADS = word_set(
    """
    bank port university ministry department office council court parliament assembly
    government army navy church college school institute museum agency authority commission
    committee federation association union league board party police library chamber
    academy corporation company house senate cabinet tribunal exchange
    """
)

# Last words that make a capitalised phrase an organisation.
ORGANIZATION_TAILS = word_set(
    """
    inc inc. corp corp. ltd ltd. plc co co. group bank ministry army forces party council
    commission agency committee association federation union university institute college
    airlines airways motors holdings partners fund foundation court parliament assembly
    police service services news times post journal press television tv radio club staff
    """
)

# Capitalised abbreviations that are not names of organisations.
COMMON_ACRONYMS = word_set(
    """
    CEO CFO COO CTO GDP GNP VAT TV DVD CD PC USB GPS SMS PDF HTML URL API AI IT HIV AIDS DNA
    RNA COVID SARS MP MEP AM PM BC AD OK ID IPO ETF NGO LNG LPG CO2 ICBM UAV SUV KM USD EUR
    GBP JPY RUB CNY MW GW KW FM AP UTC GMT EST PST FAQ PS PPS RSVP ASAP VIP
    """
)

# Lower-case words that join the parts of a name but never end one.
_CONNECTORS = word_set("of the for and de da del der van von den di la le du al bin")

# Punctuation a tagger may run on with; a closing bracket or "'s" can belong to a name.
_TRAILING_PUNCTUATION = frozenset(',.:;-("“”')

_WEB_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}$")


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def is_web_domain(word: str) -> bool:
    """A lower-case web address such as `news.az` names a brand (an organisation)."""
    return bool(_WEB_DOMAIN.match(word))


def is_acronym(word: str) -> bool:
    """An all-capitals word (ADEX, EUMETSAT) outside an all-capitals headline names a body."""
    return 2 < len(word) <= 10 and word.isalpha() and word.isupper() and word not in COMMON_ACRONYMS


def is_title_word(word: str) -> bool:
    """Whether `word` is a title or rank ("Colonel-General" counts, part by part)."""
    lowered = word.lower()
    return lowered in TITLE_WORDS or all(part in TITLE_WORDS for part in lowered.split("-"))


def tagged_entities(tags: list[str]) -> list[tuple[str, int, int]]:
    """(label, first token, last token) of each entity in IOB2 tags; a stray I- opens one."""
    entities: list[tuple[str, int, int]] = []
    label, first = None, 0
    for index, tag in enumerate(tags):
        if label and not (tag[0] == "I" and tag[2:] == label):
            entities.append((label, first, index - 1))
            label = None
        if tag != "O" and label is None:
            label, first = tag[2:], index
    if label:
        entities.append((label, first, len(tags) - 1))
    return entities


def apply_rules(
    tokens: list[tuple[str, int, int]], tags: list[str], common_words: Container[str]
) -> list[tuple[str, int, int]]:
    """The tagged entities of a sentence, corrected for titles, acronyms and web domains.

    `common_words` are lower-case words of the language: "FORECAST" is one shouted, not a name.
    """
    words = [word for word, _, _ in tokens]
    entities = []
    for label, first, last in tagged_entities(tags):
        while last > first and (words[last] in _TRAILING_PUNCTUATION or words[last] in _CONNECTORS):
            last -= 1
        if label != "PER" and all(is_title_word(word) for word in words[first : last + 1]):
            continue
        if label == "PER":
            while first < last and is_title_word(words[first]):
                first += 1
        entities.append((label, first, last))
    tagged = {index for _, first, last in entities for index in range(first, last + 1)}
    shouting = sum(word.isupper() for word in words) * 2 > len(words)
    entities.extend(
        ("ORG", index, index)
        for index, word in enumerate(words)
        if index not in tagged
        and (
            is_web_domain(word)
            or (not shouting and is_acronym(word) and word.lower() not in common_words)
        )
    )
    return sorted(entities, key=lambda entity: entity[1])
