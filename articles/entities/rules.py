"""Word lists and span rules for modern news that a tagger trained on 1996 newswire misses.

Titles and ranks before a name are not part of it ("Colonel-General Karim Valiyev" is the person
"Karim Valiyev"); an institution named for a place is an organisation ("Port of Rotterdam");
an unknown acronym (ADEX, EUMETSAT) or a lower-case web domain (news.az) names a body; regions
and seas are places ("the Caucasus", "Caspian Sea"); names around a particle are one ("Dar es
Salaam"). A nationality, language or holiday alone is no entity ("Azerbaijani", "Latin",
"Christmas"); a generic body ("General Staff") is part of the longer name or the title around
it; an apposition or a geographic noun says what kind a name is ("X, the football club", "the
Reykjanes peninsula"). Rules work on one sentence's tokens and entities as (label, first, last)
token indices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress, count, repeat
from operator import contains, or_

from articles.entities.tokens import speaker_label_end


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text`: word lists read best as prose blocks."""
    return frozenset(text.split())


# Words that open a person's title or rank; lower-cased, hyphenated parts are checked one by one.
TITLE_WORDS = word_set(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame lord lady madam
    president vice deputy first chief prime minister secretary chancellor premier governor
    mayor senator senators sen. rep. representative congressman congresswoman speaker ambassador
    envoy
    general gen. colonel col. lieutenant lt. major maj. captain capt. sergeant sgt. admiral
    adm. marshal commander brigadier corporal private officer inspector superintendent
    king queen prince princess emperor sheikh pope cardinal bishop archbishop father rev.
    judge justice attorney chairman chairwoman chair ceo executive director head spokesman
    spokeswoman
    coach striker defender midfielder goalkeeper alderman alderwoman councillor
    councilor grandmaster professor lawmaker senior junior singer actor actress rapper
    representative director emeritus
    """
)

# Titles that only people have (a subset of the above).
PERSONAL_TITLES = word_set(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame colonel col. lieutenant lt. sergeant sgt.
    brigadier corporal admiral adm. marshal senator senators sen. congressman congresswoman
    ambassador alderman alderwoman councillor councilor grandmaster
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

# The first word of a place named for another: "Republic of Azerbaijan", "Gulf of Mexico".
PLACE_HEADS = word_set("republic kingdom state province gulf bay isle isles island islands")
# The first word of a landmark named for someone: "Alley of Martyrs", "Monument to the Unknown
# Soldier" (a place, as spaCy's FAC is).
LANDMARK_HEADS = word_set("monument memorial tomb alley square bridge tower gate statue")

# Last words that make a name of several words an organisation.
ORGANIZATION_TAILS = word_set(
    """
    inc inc. corp corp. ltd ltd. plc co co. group ministry army forces party council
    commission agency committee association university institute college
    airlines airways motors holdings partners fund foundation court parliament assembly
    police service services news times post journal press television tv radio club staff
    magazine newspaper spa sa ag nv bv gmbh llc
    """
)


ORGANIZATION_WORDS = ORGANIZATION_HEADS | ORGANIZATION_TAILS


def _by_first_word(names: str) -> dict[str, list[tuple[str, ...]]]:
    """ "|"-separated names as word tuples, by first word, longest first ("Horn of Africa")."""
    by_first_word: dict[str, list[tuple[str, ...]]] = {}
    for name in names.replace("\n", "|").split("|"):
        if name.strip():
            name_words = tuple(name.split())
            by_first_word.setdefault(name_words[0], []).append(name_words)
    for choices in by_first_word.values():
        choices.sort(key=len, reverse=True)
    return by_first_word


# Places a tagger trained on 1996 newswire splits or misses: regions, seas, long country names,
# the planet.
KNOWN_PLACES = _by_first_word(
    """
    Balkans|Western Balkans|Caucasus|South Caucasus|North Caucasus|Middle East|Near East|Far East
    Central Asia|Southeast Asia|South Asia|East Asia|Asia-Pacific|Indo-Pacific|Sahel|Maghreb
    Levant|Horn of Africa|Sub-Saharan Africa|North Africa|West Africa|East Africa|Latin America
    Central America|South America|North America|Caribbean|Scandinavia|Baltics|Eastern Europe
    Western Europe|Central Europe|Arctic|Antarctic|Antarctica|Mediterranean|Siberia|Donbas
    Crimea|Kashmir|Gaza Strip|West Bank|Sinai|Persian Gulf|Black Sea|Caspian Sea|Red Sea|Earth
    Indian Ocean|Atlantic Ocean|Pacific Ocean|Arctic Ocean|Southern Ocean|North Sea|Baltic Sea
    Democratic Republic of the Congo|Democratic Republic of Congo|Central African Republic
    Czech Republic|Dominican Republic|Republic of Korea|Republic of Ireland
    """
)

# Bodies a tagger trained on 1996 newswire never met and reads as people or places: the web's
# platforms ("said via Twitter") and news agencies named in full.
KNOWN_BODIES = _by_first_word(
    """
    Twitter|Facebook|YouTube|Instagram|WhatsApp|TikTok|Reddit|Wikipedia|Wikinews|Google|LinkedIn
    Snapchat|Agence France-Presse|Deutsche Presse-Agentur|Xinhua News Agency|Xinhua
    """
)

# Nationality adjectives that no suffix rule derives from a country's name, and the names of
# languages and scripts.
_IRREGULAR_NATIONALITIES = word_set(
    """
    Latin Cyrillic Hebrew Sanskrit Swahili Esperanto Yiddish
    Dutch Polish French British English Irish Scottish Welsh Swiss Greek Danish Swedish Finnish
    Spanish Portuguese Turkish Thai Czech Slovak Flemish Basque Catalan Kurdish Arab Arabic
    Filipino Slovene Croat Serb Bosniak Yemeni Israeli Pakistani Iraqi Kuwaiti Omani Qatari
    Saudi Emirati Afghan Cypriot Maltese Malagasy Bangladeshi Nepali Uzbek Kazakh Tajik Kyrgyz
    Turkmen Azeri Belarusian Ukrainian Russian Hungarian Norwegian Icelandic Lebanese Sudanese
    """
)


def nationalities(place_names: frozenset[str]) -> frozenset[str]:
    """Nationality adjectives: the irregular ones, and the regular forms of one-word place names
    ("Serbia" -> "Serbian", "Azerbaijan" -> "Azerbaijani", "Iceland" -> "Icelandic", "Italy" ->
    "Italian", "China" -> "Chinese"), except forms that are place names themselves."""
    derived = set(_IRREGULAR_NATIONALITIES)
    for name in place_names:
        derived.update(name + suffix for suffix in ("n", "an", "ian", "i", "ic", "ese"))
        if name.endswith(("a", "o", "e")):
            derived.update((name[:-1] + "an", name[:-1] + "ese", name[:-1] + "ian"))
        if name.endswith("y"):
            derived.update((name[:-1] + "ian", name[:-1]))
    return frozenset(derived - place_names)


# Holidays and seasons of the year: capitalised, but no person, place or body.
HOLIDAYS = word_set(
    """
    Christmas Easter Ramadan Eid Diwali Hanukkah Thanksgiving Halloween Passover Lent Advent
    Nowruz Novruz Pentecost Epiphany
    """
)

# God, and the faiths and their followers (guideline 5: no religions): capitalised, never a
# person, place or body on their own ("May God protect them", "Muslim families").
FAITH_WORDS = word_set(
    """
    God Allah Muslim Muslims Islam Islamic Christian Christians Christianity Catholic Catholics
    Protestant Protestants Jew Jews Jewish Judaism Hindu Hindus Hinduism Buddhist Buddhists
    Buddhism Sikh Sikhs Sunni Sunnis Shia Shiite Shiites Evangelical Evangelicals
    """
)

# Abbreviations of countries, places however the tagger reads them ("The US said").
COUNTRY_ABBREVIATIONS = word_set("US USA U.S. U.S.A. UK U.K. UAE DRC")
# News agencies, named in datelines and credits: "(Reuter)" is the agency, never a person.
NEWS_AGENCIES = word_set("Reuter Reuters AFP")


# Houses of parliament named by their common noun, capitalised: "a member of Parliament".
LEGISLATURES = word_set("Parliament Congress Senate Cabinet Commons")

# Parties named by one word, also as a modifier ("the Labour candidate").
PARTIES = word_set(
    """
    Conservative Conservatives Labour Tory Tories Democrat Democrats Democratic Republican
    Republicans Liberal Liberals
    """
)
_KNOWN_NAMES = COUNTRY_ABBREVIATIONS | NEWS_AGENCIES | LEGISLATURES | PARTIES

# Words of speech that open a quote or sentence, capitalised but never a name.
INTERJECTIONS = word_set("Yeah Yes Yep No Nope Oh Ah Okay OK Wow Hey Hmm Please Thanks")

# Capitalised abbreviations that are not names of organisations.
COMMON_ACRONYMS = word_set(
    """
    CEO CFO COO CTO GDP GNP VAT TV DVD CD PC USB GPS SMS PDF HTML URL API AI IT HIV AIDS DNA
    RNA COVID SARS MP MEP AM PM BC AD OK ID IPO ETF NGO LNG LPG CO2 ICBM UAV SUV KM USD EUR
    GBP JPY RUB CNY MW GW KW FM UTC GMT EST PST FAQ PS PPS RSVP ASAP VIP CET CEST EDT PDT
    BST MSK
    """
)

# Lower-case words that join the parts of a name but never end one.
_CONNECTORS = word_set("of the for and de da del der van von den di la le du al bin")
# Lower-case particles inside names of people and places.
NAME_PARTICLES = word_set("es de da das do dos del der van von den di la le du al bin ibn y")
# Particles that open a surname used alone: "de Blasio", "van Gogh".
SURNAME_PARTICLES = word_set("de da van von der den di du dos das del")
OPENING_QUOTES = frozenset("\"'(")

# Punctuation a tagger may run on with (an editor's square brackets too); a closing round
# bracket or "'s" can belong to a name.
_TRAILING_PUNCTUATION = frozenset(',.:;-("[]')

_WEB_DOMAIN = re.compile(r"^(?:www\.)?[A-Za-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}$")


def is_web_domain(word: str) -> bool:
    """A web address such as `news.az` or `Amazon.com` names a brand (an organisation)."""
    return "." in word and bool(_WEB_DOMAIN.match(word))


def is_acronym(word: str) -> bool:
    """An all-capitals word (ADEX, EUMETSAT) outside an all-capitals headline names a body."""
    return 2 < len(word) <= 10 and word.isalpha() and word.isupper() and word not in COMMON_ACRONYMS


def is_personal_title(word: str) -> bool:
    """A title only a person has, so a name after it is a person's ("Colonel-General Milan
    Mojsilović"); "General" alone is not one ("General Motors")."""
    lowered = word.lower()
    return lowered in PERSONAL_TITLES or ("-" in lowered and is_title_word(lowered))


def is_title_word(word: str) -> bool:
    """Whether `word` is a title or rank ("Colonel-General" counts, part by part)."""
    lowered = word.lower()
    return lowered in TITLE_WORDS or (
        "-" in lowered and all(part in TITLE_WORDS for part in lowered.split("-"))
    )


def hyphenated_places(word: str, place_names: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) in `word` of each place a hyphen joins: "Baku-Tbilisi-Kars" is three places,
    "London-based", "US-led" and "intra-Africa" one each; none in a name of its own
    ("Guinea-Bissau", "Mercedes-Benz", "Paris-Orly")."""
    if word in place_names:
        return []
    places = []
    start = 0
    for part in word.split("-"):
        if part[:1].isupper():
            if part not in place_names and part not in COUNTRY_ABBREVIATIONS:
                return []
            places.append((start, start + len(part)))
        elif not part.islower():
            return []
        start += len(part) + 1
    return places


def tagged_entities(tags: list[str]) -> list[tuple[str, int, int]]:
    """(label, first token, last token) of each entity in IOB2 tags; a stray I- opens one.

    An I- tag continues an entity whatever its label, and the entity takes its last token's
    label: the greedy tagger can change its mind within a name ("El" B-ORG, "Salvador" I-LOC),
    and its later decisions have seen more of the name.
    """
    entities: list[tuple[str, int, int]] = []
    if tags.count("O") == len(tags):
        return entities
    label, first = None, 0
    for index, tag in enumerate(tags):
        if label and tag[0] != "I":
            entities.append((label, first, index - 1))
            label = None
        elif label:
            label = tag[2:]
        if tag != "O" and label is None:
            label, first = tag[2:], index
    if label:
        entities.append((label, first, len(tags) - 1))
    return entities


@dataclass(frozen=True, slots=True)
class Lexicon:
    """What the tagger's training taught about words: `common_words` are lower-case words of the
    language ("FORECAST" is one shouted, not a name), `known_words` every word met often,
    `nationalities` the adjectives of nationality ("Azerbaijani"), never names on their own."""

    common_words: frozenset[str]
    known_words: frozenset[str]
    nationalities: frozenset[str] = frozenset()
    place_names: frozenset[str] = frozenset()


def apply_rules(words: list[str], tags: list[str], lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """The tagged entities of a sentence, corrected by the rules of this module."""
    if len(words) == 5 and words[2].isupper() and speaker_label_end(words) == 5:
        # "((WSS))": initials labelling a speaker's turn in an interview stand for a speaker
        # (or the publication) the story names in full; no name a reader could look up.
        return []
    entities = [
        tidied
        for entity in _split_at_titles(words, tagged_entities(tags), lexicon)
        if (tidied := _tidy(words, entity, lexicon)) is not None
    ]
    if entities:
        entities = _bodies_of_bodies(
            words,
            _bodies_named_for_places(
                words, _join_particles(words, _ranked_bodies(words, entities))
            ),
            lexicon,
        )
        # A generic body after a title is part of the title: "Chief of the General Staff".
        entities = [
            (label, first, last)
            for label, first, last in entities
            if label != "ORG"
            or not _names_a_portfolio(words, first)
            or not is_generic(words[first : last + 1], lexicon)
        ]
    tagged = {index for _, first, last in entities for index in range(first, last + 1)}
    shouting = sum(map(str.isupper, words)) * 2 > len(words)
    # A cheap first pass: only capitals outside a headline, or a dot, can be an acronym or domain.
    candidates = compress(
        count(),
        map(
            or_,
            repeat(False) if shouting else map(str.isupper, words),
            map(contains, words, repeat(".")),
        ),
    )
    entities.extend(
        ("ORG", index, index)
        for index in candidates
        if index not in tagged
        and (
            is_web_domain(words[index])
            or (
                is_acronym(words[index])
                and words[index].lower() not in lexicon.common_words
                and not _shouted_phrase(words, index)
            )
        )
    )
    # Country abbreviations, news agencies and houses of parliament the tagger left out: "in
    # the US", "(Reuter)", "a member of Parliament" (not opening a sentence: "Congress" there
    # may be the common noun).
    for index in compress(count(), map(_KNOWN_NAMES.__contains__, words)):
        if index in tagged:
            continue
        if words[index] not in LEGISLATURES:
            entities.append(
                ("LOC" if words[index] in COUNTRY_ABBREVIATIONS else "ORG", index, index)
            )
        elif index > 0 and words[index - 1] not in _OPENING_PUNCTUATION:
            # With the name words before it: "the European Parliament", "Canadian Parliament".
            first = index
            while (
                first > 0
                and words[first - 1][0].isupper()
                and words[first - 1].lower() not in lexicon.common_words
            ):
                first -= 1
            entities = [e for e in entities if e[2] < first or e[1] > index]
            entities.append(("ORG", first, index))
    # A name the tagger left out after the kind of body it is: "cable firm Telewest".
    for index in compress(count(1), map(BODY_NOUNS.__contains__, words[:-1])):
        found = {i for _, first, last in entities for i in range(first, last + 1)}
        last = index
        while last < len(words) and words[last][0].isupper() and last not in found:
            last += 1
        if last > index and words[index].lower() not in lexicon.common_words:
            entities.append(("ORG", index, last - 1))
    dateline = _dateline(words)
    if dateline is not None:
        entities = [e for e in entities if e[1] > dateline[2]] + [dateline]
    if entities:
        entities = _listed_places(
            words,
            sorted(
                (
                    (kind, entity[1], entity[2])
                    for entity in entities
                    if (kind := _kind_in_context(words, tags, entity, lexicon))
                ),
                key=lambda entity: entity[1],
            ),
            lexicon,
        )
    return _with_known_names(words, entities)


def _kind_in_context(
    words: list[str], tags: list[str], entity: tuple[str, int, int], lexicon: Lexicon
) -> str | None:
    """The label the words around an entity give it: an apposition ("X, the football club"), a
    geographic noun ("the Reykjanes peninsula"), the kind of body before it ("supermarket chain
    X", "shares in X"), a team's staff after it ("the Scotland coach"), or an event it names
    ("the Baku Rapid Open": a city naming an event the tagger left out is that city, not a
    body); None for a title in quotes or what a name names ("the Richter scale", "the
    Saffir–Simpson scale": no person). `works` reads the words before a work's title."""
    label, first, last = entity
    before = words[first - 1] if first > 0 else ""
    named = last + 1  # the word after the name, past the names a dash joins ("Saffir–Simpson")
    while named + 1 < len(words) and words[named] in _DASHES and words[named + 1][:1].isupper():
        named += 2
    if named < len(words) and words[named] in NAMED_THINGS:
        return None
    if (
        # A title in quotes ("Love Is the Drug"), words the tagger read as a name of several.
        last > first
        and label != "LOC"
        and before == '"'
        and words[last + 1 : last + 2] == ['"']
        and words[last].lower() not in ORGANIZATION_TAILS
    ):
        return None
    if (
        before in BODY_NOUNS
        or [word.lower() for word in words[max(first - 2, 0) : first]] in STAKES
    ):
        return "ORG"
    after = words[last + 1] if last + 1 < len(words) else ""
    if (after in TEAM_STAFF and (label == "LOC" or (label == "PER" and first == last))) or (
        after in BODY_WARES and label == "PER" and first == last
    ):
        return "ORG"
    label = _apposition_kind(words, last) or geographic_kind(words, label, first, last)
    if (
        label == "ORG"
        and first == last
        and words[first] in lexicon.place_names
        and last + 1 < len(words)
        and words[last + 1][0].isupper()
        and tags[last + 1] in ("O", "B-MISC")
    ):
        return "LOC"
    return label


def _split_at_titles(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """Names with a role inside, split at it: "US Trade Representative Robert Zoellick" is the
    place "US" and the person "Robert Zoellick", "House Speaker Nancy Pelosi" the body "House"
    and the person; "Roman Catholic Pope Francis" the person alone. A place before a role that
    ends the name is that place: "Britain's Europe Director" names "Europe"; a place the role
    before it is "of" is that place, then the holder: "President of France Emmanuel Macron"."""
    split: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        if (
            last - first >= 2
            and _names_a_portfolio(words, first)
            and (words[first] in COUNTRY_ABBREVIATIONS or words[first] in lexicon.place_names)
            and all(word[0].isupper() for word in words[first + 1 : last + 1])
        ):
            # "President of France Emmanuel Macron": the country, then its president
            split += [("LOC", first, first), ("PER", first + 1, last)]
            continue
        titles = [
            index
            for index in range(first + 1, last + 1)
            if words[index][0].isupper() and is_title_word(words[index])
        ]
        # A role before an office or a body is part of its name ("Trade Representative's
        # Office"): only a role before a person's name is split off.
        if not titles or not all(
            word[0].isupper() and word.lower() not in ORGANIZATION_WORDS
            for word in words[titles[0] : last + 1]
        ):
            split.append((label, first, last))
            continue
        role_start = titles[0]
        role_end = role_start
        while role_end + 1 <= last and (
            is_title_word(words[role_end + 1]) or words[role_end + 1] in ("of", "the")
        ):
            role_end += 1
        holder = words[first:role_start]
        if (holder[0] in COUNTRY_ABBREVIATIONS or holder[0] in lexicon.place_names) and all(
            word.lower() in lexicon.common_words for word in holder[1:]
        ):
            split.append(("LOC", first, first))  # "US Trade Representative": the US
        elif role_end < last and holder[-1].lower() in ORGANIZATION_WORDS:
            split.append(("ORG", first, role_start - 1))
        elif label != "PER" or role_end == last:
            split.append((label, first, last))  # "John Major": no role, a name
            continue
        if role_end < last:
            split.append(("PER", role_end + 1, last))
    return split


def _tidy(
    words: list[str], entity: tuple[str, int, int], lexicon: Lexicon
) -> tuple[str, int, int] | None:
    """The entity without trailing punctuation or connectors, or a person's title; None if it is
    only titles ("First Deputy Minister"), a common word after "of" ("Minister of Defense") or
    a capitalised common word opening the sentence ("Power engineers warned")."""
    label, first, last = entity
    while last > first and (words[last] in _TRAILING_PUNCTUATION or words[last] in _CONNECTORS):
        last -= 1
    if label != "PER" and all(is_title_word(word) for word in words[first : last + 1]):
        return None
    if first == last and (
        words[first] in COMMON_ACRONYMS
        or words[first] in lexicon.nationalities
        or (words[first].endswith("s") and words[first][:-1] in lexicon.nationalities)
        or words[first] in HOLIDAYS
        or words[first] in FAITH_WORDS
        or words[first] in INTERJECTIONS
        or (label == "PER" and is_personal_title(words[first]))
        or _is_initial(words[first])
    ):
        # "UTC", "CEO"; "Azerbaijani", "Latin", "Gibraltarians"; "Christmas"; "God"; "Congressman"
        # alone; "S." (an initial with no name after it)
        return None
    if label == "MISC" and words[last] in LEGISLATURES:
        label = "ORG"  # "the Canadian Parliament": a nation's parliament is a body
    if first == last and words[first] in PARTIES:
        return "ORG", first, last  # "the Conservative leader", "fellow Democrats"
    if first == last and words[first] in COUNTRY_ABBREVIATIONS:
        return "LOC", first, last
    if first == last and words[first] in NEWS_AGENCIES:
        return "ORG", first, last
    if first == last and is_web_domain(words[first]):
        return "ORG", first, last  # "news.az", whatever the tagger made of it
    if label == "PER" and first == last and words[first].lower() in ORGANIZATION_TAILS:
        label = "ORG"  # "the General Staff building": a body's head noun, no surname
    if (
        label == "PER"
        and first < last
        and words[last].endswith("s")
        and words[last][:-1].lower() in lexicon.common_words
        and not (first > 0 and is_title_word(words[first - 1]))
    ):
        label = "ORG"  # "Caspian Stars": a plural common noun names a team, not a family
    if label == "PER" and _names_a_portfolio(words, first):
        label = "ORG"  # "chief executive of Nordlys Data": an office is held in a body
    if label == "ORG" and first == last and _names_a_portfolio(words, first):
        return None
    if first == last and words[first].lower() in lexicon.common_words:
        # "Yeah" after a sentence's opening quote, or after a dash or colon inside it.
        opens_sentence = first == 0 or words[first - 1] in _OPENING_PUNCTUATION
        if words[first] in LEGISLATURES and not opens_sentence:
            return "ORG", first, last  # "a member of Parliament"
        if opens_sentence or (first > 0 and words[first - 1] == "of"):
            return None
    if label != "PER" and first < last and is_personal_title(words[first]):
        label = "PER"
    elif (
        label == "ORG"
        and last - first >= 2
        and words[first][0].isupper()
        and is_title_word(words[first])
        and not any(word.lower() in ORGANIZATION_WORDS for word in words[first : last + 1])
        and words[last].lower() not in lexicon.common_words
    ):
        label = "PER"  # "Bishop Emeritus Dinualdo Gutierrez", not "General Motors"
    elif label in ("PER", "LOC") and first < last and words[last].lower() in ORGANIZATION_TAILS:
        label = "ORG"  # "Brazilian Coffee Institute", "Hewlett Packard Co"
    if label == "PER":
        while first < last and is_title_word(words[first]):
            first += 1
    elif label == "ORG" and first < last and words[first] == "The":
        first += 1  # "The Verge": the article is no part of the name
    # An unknown acronym is far more often a body than a place or person: "EUMETSAT", "KNMI".
    if (
        label in ("LOC", "PER")
        and first == last
        and is_acronym(words[first])
        and words[first] not in lexicon.known_words
        and _is_prose(words)
    ):
        label = "ORG"
    return label, first, last


_DASHES = frozenset("-–—")
_OPENING_PUNCTUATION = OPENING_QUOTES | _DASHES | {":", "--"}


def _dateline(words: list[str]) -> tuple[str, int, int] | None:
    """The place a wire story's dateline opens with: "TORONTO -", "DALLAS, March 3 (Reuter) -"
    (capitals, then a dash or a comma, before the story's prose)."""
    last = 0
    while last < len(words) and words[last].isupper() and words[last].isalpha():
        last += 1
    if last == 0 or last == len(words) or not _is_prose(words[last:]):
        return None
    after = words[last]
    if after in _DASHES or (after == "," and _DASHES.intersection(words[last + 1 : last + 8])):
        return "LOC", 0, last - 1
    return None


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def _names_a_portfolio(words: list[str], index: int) -> bool:
    """Whether the word follows a title and "of": "Minister of Defense", "Chief of the Staff"."""
    position = index - 1
    if position >= 0 and words[position] == "the":
        position -= 1
    return position >= 1 and words[position] == "of" and is_title_word(words[position - 1])


def _shouted_phrase(words: list[str], index: int) -> bool:
    """Whether the word has capitals next to it: a dateline ("ROLLING MEADOWS, Ill."), not an
    acronym."""
    return any(
        0 <= neighbour < len(words) and words[neighbour].isupper() and len(words[neighbour]) > 1
        for neighbour in (index - 1, index + 1)
    )


def _is_prose(words: list[str]) -> bool:
    """A sentence with lower-case words in it, not a headline, dateline or table row."""
    return sum(word[0].islower() for word in words) >= 3


def _ranked_bodies(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "General Staff", "General Motors": a rank word just before a body is part of its name."""
    extended = []
    previous_last = -1
    for label, first, last in entities:
        if label == "ORG":
            while (
                first - 1 > previous_last
                and words[first - 1][0].isupper()
                and is_title_word(words[first - 1])
            ):
                first -= 1
        extended.append((label, first, last))
        previous_last = last
    return extended


def _join_particles(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "Dar es Salaam", "Joaquin del Olmo": two names around a particle are one, and so is a
    name with the capitalised word before its particle ("Dar es" opening a sentence). Where the
    tagger read the two parts as different kinds, a person reading gives way."""
    joined: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        particle = first - 1
        while particle > 1 and words[particle - 1] in SURNAME_PARTICLES:
            particle -= 1  # "Ursula von der Leyen": a surname's particles, all of them
        if particle < 1 or words[particle] not in NAME_PARTICLES:
            joined.append((label, first, last))
        elif joined and joined[-1][2] == particle - 1:
            before_label, before_first, _ = joined[-1]
            person = before_label == "PER" or (
                label == "PER" and words[particle] in SURNAME_PARTICLES
            )
            joined[-1] = ("PER" if person else before_label, before_first, last)
        elif (not joined or joined[-1][2] < particle - 1) and words[particle - 1][:1].isupper():
            joined.append((label, particle - 1, last))
        elif label == "PER" and words[particle] in SURNAME_PARTICLES:
            joined.append((label, particle, last))  # "support for de Blasio"
        else:
            joined.append((label, first, last))
    return joined


def _bodies_named_for_places(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "Port of Rotterdam", "Central Bank of Tanzania": the place is part of an organisation;
    "Republic of Azerbaijan", "Gulf of Mexico": of a longer place name; "Alley of Martyrs",
    "Monument to the Unknown Soldier": of a landmark, a place."""
    result = [
        ("LOC", first, last)
        if last - first > 1
        and words[first].lower() in LANDMARK_HEADS
        and words[first + 1] in ("of", "to")
        else (label, first, last)
        for label, first, last in entities
    ]
    for _, first, last in entities:
        of = first - 2 if first >= 2 and words[first - 1] == "the" else first - 1
        head = of - 1
        if head < 0 or words[of] not in ("of", "to") or not words[head][0].isupper():
            continue
        head_word = words[head].lower()
        if head_word in ORGANIZATION_HEADS and words[of] == "of":
            label = "ORG"
        elif head_word in LANDMARK_HEADS or (head_word in PLACE_HEADS and words[of] == "of"):
            label = "LOC"
        else:
            continue
        start = head
        while start > 0 and words[start - 1][0].isupper() and words[start - 1] != "The":
            start -= 1
        result = [e for e in result if e[2] < start or e[1] > last]
        result.append((label, start, last))
    return result


def is_generic(name_words: list[str], lexicon: Lexicon) -> bool:
    """Whether a name is made only of common words and titles: "General Staff", "Armed Forces",
    "Ministry of Defence" say what a body is, not which one."""
    return all(
        word.lower() in lexicon.common_words or is_title_word(word) or word in _CONNECTORS
        for word in name_words
    )


def _bodies_of_bodies(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "General Staff of the Azerbaijani Army", "Ministry of Defence of Serbia": a generic body
    "of" a body or place is one organisation with a longer name."""
    entities = sorted(entities, key=lambda entity: entity[1])
    joined: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        if joined and joined[-1][0] == "ORG" and label in ("ORG", "LOC"):
            between = words[joined[-1][2] + 1 : first]
            generic = is_generic(words[joined[-1][1] : joined[-1][2] + 1], lexicon)
            if generic and between in (["of"], ["of", "the"]):
                joined[-1] = ("ORG", joined[-1][1], last)
                continue
            # "Crop Monitoring and Early Warning Unit": generic bodies joined by "and" or "for"
            # (and capitalised words the tagger left between) are one longer name.
            if (
                generic
                and between[:1] in (["and"], ["for"], ["&"])
                and all(word[0].isupper() for word in between[1:])
                and is_generic(words[joined[-1][2] + 2 : last + 1], lexicon)
            ):
                joined[-1] = ("ORG", joined[-1][1], last)
                continue
        # "Mumbai High Court": a place naming a generic body is part of its name (a country's
        # abbreviation stays a place of its own: "the US Federal Trade Commission").
        if (
            joined
            and (
                joined[-1][0] == "LOC"
                or (joined[-1][1] == joined[-1][2] and words[joined[-1][1]] in lexicon.place_names)
            )
            and label == "ORG"
            and words[joined[-1][1]] not in COUNTRY_ABBREVIATIONS
            and all(word[0].isupper() for word in words[joined[-1][2] + 1 : first])
            and is_generic(words[joined[-1][2] + 1 : last + 1], lexicon)
        ):
            joined[-1] = ("ORG", joined[-1][1], last)
            continue
        joined.append((label, first, last))
    return joined


# Lower-case nouns that, just before a name, say it is a body's: "supermarket chain Tesco",
# "the rock band Blue", "English side Saracens", "the Mexican company Cultura Colectiva".
BODY_NOUNS = word_set(
    """
    chain retailer supermarket supermarkets firm company band club side broadcaster newspaper
    magazine website airline carrier insurer lender manufacturer carmaker automaker publisher
    brewer conglomerate startup start-up outlet label
    """
)
# "shares in Tesco", "a stake in Ryanair": what one owns of a company.
STAKES = (["shares", "in"], ["shares", "of"], ["stake", "in"], ["stakes", "in"])
# Lower-case nouns that, just after a place, make it a team: "the Scotland coach", "France
# manager Jacques Santini" (a national team, or a club named after its town).
TEAM_STAFF = word_set("coach manager squad captain skipper boss side")
# Lower-case nouns that, just after a one-word name, make it a company's: "the Netto chain",
# "Brightwell shares", "a YouGov poll".
BODY_WARES = word_set("chain stores shares shareholders subscribers customers poll")
# Lower-case nouns that, just before a name, make it the title of a work: "the film Black
# Friday", "the 1982 album Avalon" (no verbs: "polls show Labour ahead" names a party).
WORK_NOUNS = word_set(
    """
    film films movie album albums song songs novel documentary musical sitcom programme
    programmes opera soap
    """
)
# Lower-case nouns that, just after a name, make it the name of a thing named after someone or
# somewhere: "the Richter scale", "Kowalski syndrome" (guideline 9: not annotated).
NAMED_THINGS = word_set("scale scales syndrome theorem equation")

# Nouns that say, in an apposition, what kind of thing a name is: "Vestra, the shipping company".
_ORGANIZATION_NOUNS = word_set(
    """
    club company firm group bank team side party union organisation organization agency
    operator carrier airline maker manufacturer producer broadcaster newspaper network
    federation association institute university charity insurer lender retailer exchange
    """
)
_PLACE_NOUNS = word_set("city town village capital region province country port island district")
_APPOSITION_ENDS = frozenset([",", ".", ";", ":", "(", ")", "of", "who", "which", "that", "'s"])


def _apposition_kind(words: list[str], last: int) -> str | None:
    """The kind an apposition gives the name ending at `last`: "Caspian Stars, the Baku football
    club" is an organisation, "X, the capital" a place; None when there is none, or it names a
    role ("X, the club's president", "X, the head of ...")."""
    if last + 3 >= len(words) or words[last + 1] != "," or words[last + 2] not in ("the", "a"):
        return None
    for index in range(last + 3, min(last + 8, len(words) - 1)):
        word = words[index]
        if word in _APPOSITION_ENDS or is_title_word(word):
            return None
        # The apposition's head noun ends it: "the Baku football club," not "the bank said".
        if words[index + 1] in (",", ".", ";", ")"):
            if word in _ORGANIZATION_NOUNS:
                return "ORG"
            if word in _PLACE_NOUNS:
                return "LOC"
    return None


# Common nouns of the land and water, and of venues, that make the name beside them a place:
# "the Reykjanes peninsula", "the river Maas", "the Westfalen stadium".
_GEOGRAPHIC_NOUNS = word_set(
    """
    peninsula river valley mountain mountains volcano glacier coast lake sea bay island islands
    plain plateau desert delta estuary strait canal channel hills hill fjord cape area
    stadium arena cathedral airport
    """
)


_ADJECTIVE_ENDINGS = ("an", "ic", "ish", "ese", "ern")


def geographic_kind(words: list[str], label: str, first: int, last: int) -> str:
    """LOC for a name next to a geographic noun: "the Reykjanes peninsula", "the Hengill
    volcanic area", "the river Maas", "the Absheron peninsula"."""
    if label not in ("ORG", "PER", "MISC"):
        return label
    # A MISC word is an adjective more often than not ("the Pannonian plain"): only a one-word
    # one without an adjective's ending is taken for a place.
    if label == "MISC" and (first != last or words[first].endswith(_ADJECTIVE_ENDINGS)):
        return label
    before = words[first - 1].lower() if first > 0 else ""
    after = words[last + 1 : last + 3]
    if (
        before in _GEOGRAPHIC_NOUNS
        or any(word in _GEOGRAPHIC_NOUNS for word in after[:1])
        or (len(after) == 2 and after[0].islower() and after[1] in _GEOGRAPHIC_NOUNS)
    ):
        return "LOC"
    return label


def _listed_places(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "Vatnajökull, Langjökull and Hofsjökull": unfamiliar one-word names listed with a place
    are places too; "Senators Marta Kowalczyk and Elizabeth Holmes": a full name read as a body,
    listed after a title only people have, is a person too."""
    result = list(entities)
    titled_list = False
    for index in range(len(result) - 1):
        (label, first, last), (next_label, next_first, next_last) = result[index : index + 2]
        between = words[last + 1 : next_first]
        if between in ([","], ["and"], [",", "and"]) and label == "PER":
            titled_list = titled_list or (first > 0 and is_personal_title(words[first - 1]))
            if (
                titled_list
                and next_label == "ORG"
                and _reads_as_full_name(words[next_first : next_last + 1], lexicon)
            ):
                result[index + 1] = ("PER", next_first, next_last)
        else:
            titled_list = False
        if between not in ([","], ["and"], ["or"], ["and", "the"]):
            continue
        if label == "LOC" and next_label in ("ORG", "PER") and next_first == next_last:
            if words[next_first] not in lexicon.known_words:
                result[index + 1] = ("LOC", next_first, next_last)
        elif (
            next_label == "LOC"
            and label in ("ORG", "PER")
            and first == last
            and words[first] not in lexicon.known_words
        ):
            result[index] = ("LOC", first, last)
    return result


def _reads_as_full_name(name_words: list[str], lexicon: Lexicon) -> bool:
    """Whether words read as a body could be a person's given name and surname: two or three
    capitalised words, none a common word, an acronym or a word of a body's name."""
    return 2 <= len(name_words) <= 3 and all(
        word[0].isupper()
        and word.isalpha()
        and word.lower() not in lexicon.common_words
        and word.lower() not in ORGANIZATION_WORDS
        and not word.isupper()
        for word in name_words
    )


def _with_known_names(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """The entities with the known places ("the Caucasus", "Horn of Africa") as places and the
    known bodies ("Twitter") as organisations, in place of the entities found inside them; one
    inside a longer entity is left be."""
    result = entities
    for known, label in ((KNOWN_PLACES, "LOC"), (KNOWN_BODIES, "ORG")):
        for index in compress(count(), map(known.__contains__, words)):
            for name in known[words[index]]:
                last = index + len(name) - 1
                if tuple(words[index : last + 1]) != name:
                    continue
                overlapping = [e for e in result if e[1] <= last and e[2] >= index]
                if all(index <= e[1] and e[2] <= last for e in overlapping):
                    result = [e for e in result if e not in overlapping] + [(label, index, last)]
                break
    return sorted(result, key=lambda entity: entity[1])
