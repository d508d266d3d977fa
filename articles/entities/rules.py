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
from operator import contains

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
    general gen. gen colonel col. col lieutenant lt. lt major maj. captain capt. capt sergeant
    sgt. sgt admiral adm. marshal commander brigadier corporal private officer inspector
    superintendent
    king queen prince princess emperor sheikh pope cardinal bishop archbishop father rev.
    swami imam rabbi pastor ayatollah mufti mullah maulana
    judge justice attorney chairman chairwoman chair ceo executive director head spokesman
    spokeswoman
    coach striker defender midfielder goalkeeper alderman alderwoman councillor
    councilor grandmaster professor lawmaker senior junior singer actor actress rapper
    representative director emeritus taoiseach assemblyman assemblywoman assemblymember councilman
    councilwoman commissioner commandant dj presenter engineer economist analyst lawyer journalist
    reporter novelist author composer producer boss manager majority minority leader whip mp msp
    mep flanker hooker prop winger fly-half scrum-half full-back replacement substitute
    compatriot compatriots team-mate teammate countryman countrywoman sprinter sprinters sheriff
    elder
    """
)

# Titles that only people have (a subset of the above).
PERSONAL_TITLES = word_set(
    """
    mr mr. mrs mrs. ms ms. dr dr. prof prof. sir dame colonel col. col lieutenant lt. lt sergeant
    sgt. sgt brigadier corporal admiral adm. marshal senator senators sen. congressman congresswoman
    ambassador alderman alderwoman councillor councilor grandmaster assemblyman assemblywoman
    assemblymember councilman councilwoman lord lady baroness baron
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

# The first word of a place named for another: "Republic of Azerbaijan", "Gulf of Mexico",
# "Strait of Hormuz".
PLACE_HEADS = word_set(
    "republic kingdom state province gulf bay isle isles island islands strait straits sea cape"
)
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
    observer herald tribune gazette chronicle reporter
    magazine magazin newspaper music air spa sa ag nv bv gmbh llc marines corps guard navy
    research communications energy pharmaceuticals technologies systems laboratories
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
    Snapchat|Agence France-Presse|Deutsche Presse-Agentur|Xinhua News Agency|Xinhua|Al Jazeera
    """
)

# Nationality adjectives that no suffix rule derives from a country's name, and the names of
# languages and scripts.
_IRREGULAR_NATIONALITIES = word_set(
    """
    Latin Cyrillic Hebrew Sanskrit Swahili Esperanto Yiddish American Korean
    Dutch Polish French British English Irish Scottish Welsh Swiss Greek Danish Swedish Finnish
    Spanish Portuguese Turkish Thai Czech Slovak Flemish Basque Catalan Kurdish Arab Arabic
    Filipino Slovene Croat Serb Bosniak Yemeni Israeli Pakistani Iraqi Kuwaiti Omani Qatari
    Saudi Emirati Afghan Cypriot Maltese Malagasy Bangladeshi Nepali Uzbek Kazakh Tajik Kyrgyz
    Turkmen Azeri Belarusian Ukrainian Russian Hungarian Norwegian Icelandic Lebanese Sudanese
    Argentine Argentinian Belgian Philippine Peruvian Congolese Togolese Panamanian Singaporean
    Laotian Salvadoran Trinidadian Barbadian Bahamian Faroese Luxembourgish Montenegrin Kosovar
    Monegasque Sammarinese Mauritanian Nigerien Malagasy Kiwi
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


# Holidays, seasons and months of the year: capitalised, but no person, place or body.
HOLIDAYS = word_set(
    """
    Christmas Easter Ramadan Eid Diwali Hanukkah Thanksgiving Halloween Passover Lent Advent
    Nowruz Novruz Pentecost Epiphany January February March April June July August September
    October November December
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

# Viruses and the diseases they cause, capitalised but no names (guideline 9): "fight off
# Corona", "an Ebola outbreak".
DISEASES = word_set("Coronavirus Coronaviruses Corona Covid Covid-19 COVID-19 Ebola Zika")
# Processes named by one coined word, no body, place or person: "Brexit talks" (GUIDELINES.md
# of the gold set leaves events unannotated; "the Brexit Party" is still a party).
COINED_EVENTS = word_set("Brexit Grexit Megxit")
# Yearly events of a government written with a capital, alone: "after the Budget" (events are
# not annotated either).
GOVERNMENT_EVENTS = word_set("Budget Budgets")

# Abbreviations of countries, places however the tagger reads them ("The US said").
COUNTRY_ABBREVIATIONS = word_set("US USA U.S. U.S.A. UK U.K. UAE DRC")
# News agencies, named in datelines and credits: "(Reuter)" is the agency, never a person.
NEWS_AGENCIES = word_set("Reuter Reuters AFP")
# International bodies and regulators whose acronym the British press writes as a word, which a
# tagger takes for a person or a place: "Nasa", "Uefa", "Ofcom".
BODIES_WRITTEN_AS_WORDS = word_set(
    """
    Nasa Nato Fifa Uefa Unicef Unesco Opec Ofcom Ofgem Ofsted Ofwat Interpol Europol Eurostat
    Asean Mercosur Unaids Icann Iaea
    """
)


# Houses of parliament named by their common noun, capitalised: "a member of Parliament", "si
# el Senado" (in a quote in Spanish or Portuguese).
LEGISLATURES = word_set("Parliament Congress Senate Cabinet Commons Lords Senado Congreso")

# A member of a parliament after the party's name: "a Labour MP", "the SNP MSP".
MEMBERS_OF_PARLIAMENT = word_set("MP MPs MEP MEPs MSP MSPs AM AMs MLA MLAs TD TDs")

# Parties named by one word, also as a modifier ("the Labour candidate").
PARTIES = word_set(
    """
    Conservative Conservatives Labour Tory Tories Democrat Democrats Democratic Republican
    Republicans Liberal Liberals
    """
)
_KNOWN_NAMES = (
    COUNTRY_ABBREVIATIONS | NEWS_AGENCIES | BODIES_WRITTEN_AS_WORDS | LEGISLATURES | PARTIES
)

# Roles that label a turn of an interview: "((Interviewer))", "((Q))".
_INTERVIEW_ROLES = word_set("Interviewer Host Moderator Presenter Reporter Question Answer Q A")

# Words naming a storm before its name: "Hurricane Dorian", "Tropical Storm Barry" (guideline 9:
# events are not annotated).
STORMS = word_set("Hurricane Typhoon Cyclone Storm")

# Adverbs that open a sentence, capitalised, that a tagger may read into the name after them.
SENTENCE_ADVERBS = word_set(
    """
    Already Meanwhile Now Still Then Yet Also Even However Instead Indeed Perhaps Today Yesterday
    Furthermore Moreover Additionally Nevertheless Nonetheless Consequently Subsequently
    Similarly Likewise Previously Currently Recently Finally Eventually Initially Ultimately
    Overall Separately Elsewhere Otherwise Therefore Thus Hence Notably Unfortunately
    """
)

# Words that open a title and are never a surname, no name alone: "Vice" of "Vice Chairman".
_TITLE_OPENERS = word_set("Vice Deputy Prime Chief")
# Lower-case nouns only people are, before a full name the tagger read as a body: "Scrubs star
# Zach Braff", "comedian and broadcaster Cyril Fletcher".
_PEOPLE_NOUNS = word_set(
    """
    star comedian comic writer writer-director actor-director broadcaster musician artist
    guitarist drummer designer chef poet playwright dancer filmmaker
    """
)
# Words a sentence may open with, capitalised but no part of the name after them: its adverbs,
# prepositions, conjunctions and speech verbs ("Said Wales coach Mike Ruddock").
_OPENING_WORDS = SENTENCE_ADVERBS | word_set(
    """
    Before After During Since Until Unlike Despite Following Throughout Without Although While
    Across Among Amid Around Against Beyond Between Within Through Towards Toward Upon Into
    Inside Outside Along Alongside Unless Whether Because Though Whereas In At On From With
    Said Says Added Asked Holders Hosts Leaders Rivals Strugglers
    """
)
# Words of speech that open a quote or sentence, capitalised but never a name.
INTERJECTIONS = word_set("Yeah Yes Yep No Nope Oh Ah Okay OK Wow Hey Hmm Please Thanks")
# Offices whose word alone stands for the holder, never a name: "the Chancellor said" (not
# "Major": John Major's name).
_OFFICES = word_set(
    "chancellor president premier governor mayor senator speaker ambassador envoy minister"
)
# Articles, which the tagger may read as a name of their own before one ("The" "Red Hot Chili
# Peppers", "An" opening a sentence): never a name alone.
_ARTICLES = word_set("The A An")
# "I" with its verb, one word to the tokenizer: "but I've had", "I'm ready" (a quote's speaker).
PRONOUN_CONTRACTIONS = word_set("I've I'm I'd I'll")

# Capitalised abbreviations that are not names of organisations.
COMMON_ACRONYMS = word_set(
    """
    CEO CFO COO CTO GDP GNP VAT TV DVD CD PC USB GPS SMS PDF HTML URL API AI IT HIV AIDS DNA
    RNA COVID SARS MP MEP AM PM BC AD OK ID IPO ETF NGO LNG LPG CO2 ICBM UAV SUV KM USD EUR
    GBP JPY RUB CNY MW GW KW FM UTC GMT EST PST FAQ PS PPS RSVP ASAP VIP CET CEST EDT PDT
    BST MSK IST R&B R&D Q&A M&A B&B P&L MVP PhD MBA MSc BSc TB MRSA CJD MERS LGBT LGBTQ PPE
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
# And a possessive the tagger took into a body's or a person's name: "the BBC's Network Africa
# programme" (a place may end in one: "Lord's").
_TRAILING_PUNCTUATION = frozenset([*',.:;-("[]', "'s"])

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
    `nationalities` the adjectives of nationality ("Azerbaijani"), never names on their own;
    `countries_and_states` the names of countries and US states folded to lower case (a national
    or state team stays its place, as CoNLL-2003 reads it)."""

    common_words: frozenset[str]
    known_words: frozenset[str]
    nationalities: frozenset[str] = frozenset()
    place_names: frozenset[str] = frozenset()
    countries_and_states: frozenset[str] = frozenset()


def apply_rules(words: list[str], tags: list[str], lexicon: Lexicon) -> list[tuple[str, int, int]]:
    """The tagged entities of a sentence, corrected by the rules of this module."""
    if speaker_label_end(words) == len(words):
        # "((WSS))": initials labelling a speaker's turn in an interview stand for a speaker
        # (or the publication) the story names in full; no name a reader could look up. A
        # label of capitalised words is the speaker's name: "((Christian Keysers))" (not a
        # role: "((Interviewer))").
        if (len(words) == 5 and words[2].isupper()) or not _INTERVIEW_ROLES.isdisjoint(words):
            return []
        if all(
            word[0].isupper() and word.isalpha() and word.lower() not in lexicon.common_words
            for word in words[2:-2]
        ):
            return [("PER", 2, len(words) - 3)]
    if ";" in words or ":" in words[1:4] or words.count(",") >= _SHEET_COMMAS:
        players = _team_sheet(words)
        if players is not None:
            return players
    entities = _names_kept_whole(
        words, _read_apart(words, tags, _teams_of_plurals(words, tags, lexicon), lexicon), lexicon
    )
    entities = _titled_first_names(
        words, _bodies_joined_by_and(words, _bodies_with_tails(words, entities, lexicon), lexicon)
    )
    if not PARTIES.isdisjoint(words):
        entities = _parties_whole(words, entities)
    entities = [
        tidied
        for entity in _portfolio_holders(
            words,
            _split_at_titles(
                words,
                _bodies_before_people(
                    words, _parties_and_homes_apart(words, entities, lexicon), lexicon
                ),
                lexicon,
            ),
            lexicon,
        )
        if (tidied := _tidy(words, entity, lexicon)) is not None
    ]
    if entities:
        entities = _constituencies(words, _numbered_stations(words, entities))
        entities = _venues(
            words,
            _bodies_of_bodies(
                words,
                _bodies_named_for_places(
                    words,
                    _with_suffixes(words, _join_particles(words, _ranked_bodies(words, entities))),
                ),
                lexicon,
            ),
        )
        # A generic body after a title is part of the title: "Chief of the General Staff".
        entities = [
            (label, first, last)
            for label, first, last in entities
            if label != "ORG"
            or not _names_a_portfolio(words, first)
            or not is_generic(words[first : last + 1], lexicon)
            or (first == last and words[first] in _HOUSES)  # "Speaker of the House"
        ]
    tagged = {index for _, first, last in entities for index in range(first, last + 1)}
    # A web address the tagger left out names a brand: "news.az", "Amazon.com". (An unknown
    # acronym it left out is no longer read as a body: the tagger that learnt modern news leaves
    # out the things written in capitals, MMS, GPRS, DRM, MBE, and reads the bodies itself.)
    entities.extend(
        ("ORG", index, index)
        for index in compress(count(), map(contains, words, repeat(".")))
        if index not in tagged and is_web_domain(words[index])
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
    # A name the tagger left out after the kind of body it is: "cable firm Telewest", "store
    # chains Woolworths and Coles".
    for index in compress(count(1), map(BODY_NOUNS_AND_PLURALS.__contains__, words[:-1])):
        end = _untagged_capitals_end(words, index, entities)
        if end > index and words[index].lower() not in lexicon.common_words:
            entities.append(("ORG", index, end - 1))
    # A place's name the tagger left out after its noun: "the electoral district of Groom".
    for index in compress(count(2), map(_PLACES_OF.__contains__, words[:-2])):
        end = _untagged_capitals_end(words, index, entities)
        if (
            end > index
            and named_as_a_place(words, index, end - 1)
            and words[index] not in lexicon.nationalities  # "a city of Italian immigrants"
        ):
            entities.append(("LOC", index, end - 1))
    entities += _unknown_names_before(words, entities, lexicon)
    entities += _companies_before_officers(words, entities, lexicon)
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
    entities = _listed_bodies(words, _airlines(words, entities), lexicon)
    return _with_known_names(words, _people_in_office_or_quoted(words, entities, lexicon))


def _companies_before_officers(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """Companies the tagger left out before an officer's title and name: "said Fiat chief
    executive Sergio Marchionne" (one word, not a common one, a place or a country)."""
    if _OFFICER_WORDS.isdisjoint(words):
        return []
    found = {index for _, first, last in entities for index in range(first, last + 1)}
    return [
        ("ORG", index, index)
        for index in range(len(words) - 2)
        if index not in found
        and words[index][:1].isupper()
        and words[index].isalpha()
        and words[index].lower() not in lexicon.common_words
        and words[index] not in lexicon.place_names
        and words[index] not in lexicon.nationalities
        and (index == 0 or not words[index - 1][:1].isupper())
        and company_officer_after(words, index)
    ]


def _unknown_names_before(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """Organisations the tagger left out before what a body has or an outlet does: "Time
    magazine", "Brightwell shares", "Rudaw reports"; only a word the tagger never learnt, so
    "Sunday newspaper" stays a day."""
    if _BODY_WORDS_AFTER.isdisjoint(words):
        return []
    found = {index for _, first, last in entities for index in range(first, last + 1)}
    return [
        ("ORG", index - 1, index - 1)
        for index in compress(count(1), map(_BODY_WORDS_AFTER.__contains__, words[1:]))
        if index - 1 not in found
        and words[index - 1][0].isupper()
        and words[index - 1].isalpha()
        and words[index - 1] not in lexicon.known_words
        and words[index - 1] not in HOLIDAYS  # "a Diwali party"
        and words[index - 1] not in lexicon.nationalities
    ]


def _kind_in_context(
    words: list[str], tags: list[str], entity: tuple[str, int, int], lexicon: Lexicon
) -> str | None:
    """The label the words around an entity give it: an apposition ("X, the football club"), a
    geographic noun ("the Reykjanes peninsula"), the kind of body before it ("supermarket chain
    X", "shares in X"), what a body has after it ("Time magazine", "the Kaufland chain"), a
    report it is the source of ("The Guardian reported", "according to X"), a team's staff
    after it ("the Scotland coach"), or an event it names ("the Baku Rapid Open": a city naming
    an event the tagger left out is that city, not a body); None for a title in quotes or what
    a name names ("the Richter scale", "the Saffir–Simpson scale": no person). The words before
    a work's title are read in `works.py`."""
    label, first, last = entity
    before = words[first - 1] if first > 0 else ""
    if label in ("LOC", "MISC") and is_personal_title(before):
        return "PER"  # "Mr Livingstone": a title only a person has, whatever the tagger thought
    named = last + 1  # the word after the name, past the names a dash joins ("Saffir–Simpson")
    while named + 1 < len(words) and words[named] in _DASHES and words[named + 1][:1].isupper():
        named += 2
    if named < len(words) and words[named] in NAMED_THINGS:
        return None
    if (
        # A title in quotes ("Love Is the Drug"), words the tagger read as a name of several
        # (or as a place, but not with all of its words: "Broken Harbour" as B-PER I-LOC).
        last > first
        and (label != "LOC" or not all(tag.endswith("LOC") for tag in tags[first : last + 1]))
        and before == '"'
        and (
            words[last + 1 : last + 2] == ['"']
            # a title and its subtitle: "Air Bag Safety: Buckle Up"
            or (words[last + 1 : last + 2] == [":"] and '"' in words[last + 2 : last + 8])
        )
        and words[last].lower() not in ORGANIZATION_TAILS
    ):
        return None
    if (
        label == "ORG"
        and last - first == 2
        and _is_initial(words[first + 1])
        and not _is_initial(words[first])
        and words[last].lower() not in ORGANIZATION_WORDS
    ):
        return "PER"  # "George W. Bush": a given name, an initial and a surname
    if (
        label == "ORG"
        and (before in _PEOPLE_NOUNS or before == "'s")
        and _reads_as_full_name(words[first : last + 1], lexicon)
    ):
        return "PER"  # "Scrubs star Zach Braff", "the BBC's Elizabeth Blunt"
    if (
        (
            named_after_kind_of_body(words, first, last)
            # "film maker Theo van Gogh": a maker may be a person, named in full
            and not (label == "PER" and first < last and before in _MAKERS)
        )
        or (
            # "shares in Tesco", not "shares in UK banking group Barclays"
            [word.lower() for word in words[max(first - 2, 0) : first]] in STAKES
            and words[first] not in COUNTRY_ABBREVIATIONS
            and not _names_a_country(words, first, last, lexicon)
        )
        or (
            _unknown_as_place_or_misc(words, label, first, last, lexicon)
            and _reports(words, first, last)
        )
    ):
        return "ORG"
    after = words[last + 1] if last + 1 < len(words) else ""
    if label == "PER" and takes_a_plural_verb(words, first, last):
        # "Chelsea have sacked him": one name with a plural verb is a team or a body (British
        # usage), or a country's team, which CoNLL-2003 reads as the country
        return "LOC" if _names_a_country(words, first, last, lexicon) else "ORG"
    team = after in TEAM_STAFF and (label == "LOC" or (label == "PER" and first == last))
    if team and _names_a_country(words, first, last, lexicon):
        return "LOC"  # a national team is its country (CoNLL-2003): "the Wales coach"
    if team or (
        (
            after.lower() in BODY_WARES
            or (after == "'s" and words[last + 2 : last + 3] in OWNED_BY_BODIES)
        )
        and first == last
        and (label == "PER" or (label == "LOC" and words[first] not in lexicon.place_names))
    ):
        return "ORG"  # "the Kaufland chain": no town the tagger learnt
    if after in BAND_MEMBERS and first == last:
        return "ORG"  # "the Doors frontman"
    if (
        first == last
        and label != "ORG"
        and not before[:1].isupper()  # "Lib" "Dem": a name the tagger cut
        and company_officer_after(words, last)
        and words[first] not in lexicon.place_names
        and words[first] not in lexicon.nationalities
        and not _names_a_country(words, first, last, lexicon)
    ):
        return "ORG"  # "Nissan chief executive Carlos Ghosn"
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


# Head nouns of a body named for its members, after their plural's possessive: "the Catholic
# Bishops' Conference", "Doctors' Hospital", "the Critics' Circle".
_MEMBERS_BODY_HEADS = word_set(
    """
    conference hospital circle union party association league council club federation alliance
    congress front movement society guild institute college school committee forum network
    centre center
    """
)
# The last word of a body's name that its aim or field may follow: "Johns Hopkins Center for
# Health Security", "International Committee on Taxonomy of Viruses".
_AIMED_BODY_HEADS = (
    ORGANIZATION_WORDS
    | _MEMBERS_BODY_HEADS
    | word_set("coalition campaign initiative office organisation organization")
    | word_set("appeals")  # "the Court of Appeals for the Third Circuit"
)


def _names_kept_whole(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """The tagger's entities with the names it cut apart whole again (long names of bodies,
    people's initials and first names, regnal numbers, titled places), and the kind their
    words say (governing bodies, houses of parliament)."""
    if not entities:
        return entities
    entities = _people_kept_whole(words, _bodies_with_aims(words, entities, lexicon), lexicon)
    if _RARE_NAME_WORDS.isdisjoint(words):
        return entities  # most sentences: none of the rules below has a word to act on
    entities = _slashed_legal_forms(words, _bodies_of_members(words, entities))
    entities = _regnal_names(words, _expansions_of_acronyms(words, entities), lexicon)
    entities = _places_named_for_titled_people(words, _federations(words, entities, lexicon))
    entities = _islands_whole(words, entities)
    return _houses_of_places(words, entities, lexicon)


# Legal forms written with a slash, three tokens: "Salling Group A/S".
_SLASHED_LEGAL_FORMS = (["A", "/", "S"], ["S", "/", "A"], ["K", "/", "S"], ["I", "/", "S"])


def _slashed_legal_forms(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "Salling Group A/S": a company's legal form with a slash ends its name."""
    if "/" not in words:
        return entities
    return [
        (label, first, last + 3)
        if label == "ORG" and words[last + 1 : last + 4] in _SLASHED_LEGAL_FORMS
        else (label, first, last)
        for label, first, last in entities
    ]


def _expansions_of_acronyms(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "the African Continental Free Trade Area (AfCFTA)", "the Institute of Epidemiology,
    Disease Control and Research (IEDCR)": the words before an acronym in brackets whose capitals
    it spells (a company's "Company" may be left out: "Pacific Gas and Electric Company (PG&E)")
    are one name, however the tagger cut them, and the acronym is the same kind of name
    (guideline 13), also when the tagger missed it: a place if all the tagger saw there were
    places, else a body. Names the tagger read as people alone are left as they are ("John
    Fitzgerald Kennedy (JFK)")."""
    if "(" not in words:
        return entities
    result = list(entities)
    for bracket in compress(count(), map("(".__eq__, words)):
        acronym, last = bracket + 1, bracket - 1
        letters = (
            [char for char in words[acronym] if char.isupper()] if acronym < len(words) else []
        )
        if len(letters) < 2 or words[acronym + 1 : acronym + 2] != [")"] or last < 0:
            continue
        start = _expansion_start(words, last, letters)
        if start is None:
            continue
        inside = [e for e in result if e[1] <= last and e[2] >= start]
        labels = {label for label, _, _ in inside}
        if labels <= {"PER", "MISC"} and not ORGANIZATION_WORDS.intersection(
            word.lower() for word in words[start : last + 1]
        ):
            continue
        label = "LOC" if labels == {"LOC"} else "ORG"
        result = [e for e in result if e not in inside and e[1] != acronym]
        result += [(label, start, last), (label, acronym, acronym)]
    return sorted(result, key=lambda entity: entity[1])


# Words inside a long name, between its capitalised ones: "Ministry of Trade and Industry".
_EXPANSION_JOINS = frozenset({"of", "and", "for", "the", "on", "in", "&", ",", "-"})
# A company's last word an acronym may leave out: "Pacific Gas and Electric Company (PG&E)".
_COMPANY_WORDS = word_set("company corporation group limited")


def _expansion_start(words: list[str], last: int, letters: list[str]) -> int | None:
    """Where the name ending at `last` whose capitals are `letters` starts, the nearest such
    start within the capitalised words and joins before it; None if there is none."""
    if not words[last][0].isupper():
        return None
    spelled = letters
    if words[last].lower() in _COMPANY_WORDS and letters[-1] != words[last][0]:
        spelled = [*letters, words[last][0]]
    start = last
    while start >= 0 and (words[start][0].isupper() or words[start] in _EXPANSION_JOINS):
        if words[start][0].isupper() and _initials(words[start : last + 1]) == spelled:
            return start
        if len(_initials(words[start : last + 1])) >= len(spelled):
            return None
        start -= 1
    return None


def _initials(name_words: list[str]) -> list[str]:
    """The capitals opening a name's words: "Food and Agriculture Organization" gives F, A, O."""
    return [word[0] for word in name_words if word[0].isupper()]


def _bodies_of_members(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "the Catholic Bishops' Conference of the Philippines", "Doctors' Hospital": a plural's
    possessive before a body's head noun is inside the body's name, not between two names, and
    so is the place the body is "of"."""
    if "'" not in words:
        return entities
    result = entities
    for apostrophe in compress(count(), map("'".__eq__, words)):
        head = apostrophe + 1
        if (
            head == len(words)
            or words[head].lower() not in _MEMBERS_BODY_HEADS
            or not words[head][0].isupper()
            or not _is_capitalised_plural(words[apostrophe - 1 : apostrophe])
        ):
            continue
        owners = [entity for entity in result if entity[2] == apostrophe - 1]
        if not owners:
            continue
        bodies = [entity for entity in result if entity[1] == head]
        first, last = owners[0][1], bodies[0][2] if bodies else head
        of = last if words[last] == "of" else last + 1
        place = of + 2 if words[of + 1 : of + 2] == ["the"] else of + 1
        places = [e for e in result if e[1] == place and e[0] == "LOC"]
        if words[of : of + 1] == ["of"] and places:
            last = places[0][2]  # "the Catholic Bishops' Conference of Kenya"
        result = [e for e in result if e[2] < first or e[1] > last] + [("ORG", first, last)]
    return sorted(result, key=lambda entity: entity[1])


def _bodies_with_aims(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "Johns Hopkins Center for Health Security", "Fridays for Future", "Parliamentarians for
    Global Action": a body's head noun or its members' plural, then "for" or "on" and a body's
    name (or capitalised common words the tagger left: "Commission on Presidential Debates"), is
    one body, as is a body's head noun, "for" and a place ("Commission for Africa", "Court of
    Appeals for the Third Circuit"); so is a common word joined by "and" to a body named by
    common words ("Food and Agriculture Organization"), and a body "of" common words with more
    after "and" ("National Institute of Allergy and Infectious Diseases"). Not a player's club
    ("Evans for Liverpool")."""
    if "for" not in words and "on" not in words and "and" not in words:
        return entities
    joined: list[tuple[str, int, int]] = []
    for label, first, last in _aims_left_untagged(words, entities, lexicon):
        if (
            joined
            and joined[-1][0] == "ORG"
            and _continues_a_body_of(words, joined[-1], first, last, lexicon)
        ):
            joined[-1] = ("ORG", joined[-1][1], last)
            continue
        if joined and label in ("ORG", "LOC", "PER"):
            before_label, before_first, before_last = joined[-1]
            between = words[before_last + 1 : first]
            ending = words[before_last]
            if ending in ("for", "on") and before_last > before_first:
                # the tagger took the "for" into the body: "Institute for" "Study of Labour"
                between, ending = [ending, *between], words[before_last - 1]
            headed = (
                between in (["for"], ["on"], ["for", "the"]) and ending.lower() in _AIMED_BODY_HEADS
            )
            if label == "ORG":
                aimed = headed or (
                    between in (["for"], ["on"])
                    and before_label != "PER"
                    and _is_capitalised_plural([ending])
                )
            else:
                # "Commission for Africa", "Royal National Institute for Deaf People": a body
                # for a place or for people named by common words.
                aimed = (
                    headed
                    and before_label == "ORG"
                    and (label == "LOC" or _common_capitalised(words[first : last + 1], lexicon))
                )
            coordinated = (
                label == "ORG"
                and between == ["and"]
                and before_first == before_last
                and ending.lower() in lexicon.common_words
                and words[first].lower() in lexicon.common_words
                and words[last].lower() in _AIMED_BODY_HEADS
            )
            if aimed or coordinated:
                joined[-1] = ("ORG", before_first, last)
                continue
        joined.append((label, first, last))
    return joined


def _common_capitalised(words: list[str], lexicon: Lexicon) -> bool:
    """Whether all `words` are capitalised words of the language, or ones the tagger rarely met,
    and none a place, with "and" between them: "Infectious Diseases", "Food and Rural Affairs"
    (not "Johnson", "England")."""
    return all(
        (word == "and" and 0 < index < len(words) - 1)
        or (
            word[0].isupper()
            and (word.lower() in lexicon.common_words or word not in lexicon.known_words)
            and word not in lexicon.place_names
        )
        for index, word in enumerate(words)
    )


def _continues_a_body_of(
    words: list[str], body: tuple[str, int, int], first: int, last: int, lexicon: Lexicon
) -> bool:
    """Whether the name at `first`..`last` goes on the body "of" or "for" something before it,
    after "and" or a comma: "National Institute of Allergy" and "Infectious Diseases",
    "Department of the Environment", "Food and Rural Affairs", "Center for Systems Science" and
    "Engineering": all of common words, no place, no second body (one word after one word may
    be one: "Ministry of Defence and Treasury")."""
    _, body_first, body_last = body
    joins = [i for i in range(body_first, body_last) if words[i] in ("of", "for")]
    if words[body_last + 1 : first] not in (["and"], [","]) or not joins:
        return False
    field = joins[-1] + 2 if words[joins[-1] + 1] == "the" else joins[-1] + 1
    return (
        (last > first or body_last > field)
        and _common_capitalised(words[field : body_last + 1], lexicon)
        and _common_capitalised(words[first : last + 1], lexicon)
        and ORGANIZATION_WORDS.isdisjoint(word.lower() for word in words[first : last + 1])
    )


def _aims_left_untagged(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """The entities, with the capitalised common words after a body's head noun and "on" or
    "for" as one more body, whatever the tagger made of them: "Commission on" "Presidential
    Debates"; and those the tagger left after "and" ending a body "of" or "for" something:
    "Center for Systems Science and" "Engineering"."""
    found = list(entities)
    for label, first, last in entities:
        aim = last + 2
        aimed = words[last].lower() in _AIMED_BODY_HEADS and words[last + 1 : last + 2] in (
            ["on"],
            ["for"],
        )
        continued = words[last + 1 : last + 2] == ["and"] and not {"of", "for"}.isdisjoint(
            words[first:last]
        )
        if label != "ORG" or not (aimed or continued):
            continue
        end = aim
        while end < len(words) and _common_capitalised(words[end : end + 1], lexicon):
            end += 1
        inside = [entity for entity in found if entity[1] >= aim and entity[1] < end]
        if end > aim and all(entity[2] < end for entity in inside):
            found = [entity for entity in found if entity not in inside] + [("ORG", aim, end - 1)]
    return sorted(found, key=lambda entity: entity[1])


# Last words of bodies' names that a person's name may follow in one run of capitals: "the
# House of Representatives Darin LaHood", "Ambassador to the United Nations Nikki Haley".
_BODY_LAST_WORDS = LEGISLATURES | word_set("Representatives Nations Assembly Council")


def _bodies_before_people(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """A person the tagger read as one name with the body before them (as a person or as the
    body) is the body and the person: "members of the House of Representatives Darin LaHood"."""
    apart: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        ends = (
            [i for i in range(first + 1, last - 1) if words[i] in _BODY_LAST_WORDS]
            if label in ("PER", "ORG") and last - first >= 3
            else []
        )
        if ends and _reads_as_full_name(words[ends[-1] + 1 : last + 1], lexicon):
            apart += [("ORG", first, ends[-1]), ("PER", ends[-1] + 1, last)]
        else:
            apart.append((label, first, last))
    return apart


def _split_at_titles(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """Names with a role inside, split at it: "US Trade Representative Robert Zoellick" is the
    place "US" and the person "Robert Zoellick", "House Speaker Nancy Pelosi" the body "House"
    and the person; "Roman Catholic Pope Francis" the person alone. A place before a role that
    ends the name is that place: "Britain's Europe Director" names "Europe"; a place the role
    before it is "of" or "from" is that place, then the holder: "President of France Emmanuel
    Macron"."""
    split: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        place_end = (
            _place_opening(words, first, last, lexicon)
            if last - first >= 2
            and (
                _names_a_portfolio(words, first)
                or (first > 1 and words[first - 1] == "from" and is_title_word(words[first - 2]))
            )
            else None
        )
        if (
            place_end is not None
            and last - place_end >= 2
            and all(word[0].isupper() for word in words[place_end + 1 : last + 1])
        ):
            # "President of France Emmanuel Macron", "Senator from New Hampshire Jeanne
            # Shaheen": the place, then the holder
            split += [("LOC", first, place_end), ("PER", place_end + 1, last)]
            continue
        titles = [
            index
            for index in range(first + 1, last + 1)
            if words[index][0].isupper() and is_title_word(words[index])
        ]
        # A role before an office or a body is part of its name ("Trade Representative's
        # Office"): only a role before a person's name is split off.
        if (
            not titles
            or not all(
                (word[0].isupper() or word in SURNAME_PARTICLES)  # "Mayor Bill de Blasio"
                and word.lower() not in ORGANIZATION_WORDS
                for word in words[titles[0] : last + 1]
            )
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
        elif role_end < last and (label == "ORG" or holder[-1].lower() in ORGANIZATION_WORDS):
            # "Coast Guard Commandant Admiral Elson Hermogino": the body, then its officer
            split.append(("ORG", first, role_start - 1))
        elif role_end < last and label != "PER" and words[role_end + 1] in SURNAME_PARTICLES:
            split.append((label, first, role_start - 1))  # "NYC Mayor de Blasio"
        elif role_end < last and all(word in lexicon.nationalities for word in holder):
            pass  # "Irish Taoiseach Leo Varadkar": the person alone (guideline 5)
        elif role_end == last and label in ("LOC", "ORG") and words[role_start - 1][0].isupper():
            # "New York City Mayor", "Senate Majority Leader": the place or body, no role (not
            # "Department of Justice")
            split.append((label, first, role_start - 1))
            continue
        elif label != "PER" or role_end == last:
            split.append((label, first, last))  # "John Major": no role, a name
            continue
        if role_end < last:
            split.append(("PER", role_end + 1, last))
    return split


# Regnal numbers: Roman numbers from II, but for "V" and "XI" ("England V Pakistan", a cricket
# side's "XI").
_REGNAL_NUMBERS = word_set(
    "II III IV VI VII VIII IX X XII XIII XIV XV XVI XVII XVIII XIX XX XXI XXII XXIII"
)


def _regnal_names(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "Queen Elizabeth II", "King Louis XIV": a name and the regnal number that ends it or
    follows it are a person's, whatever the tagger made of them (not a war: "World War II")."""
    if _REGNAL_NUMBERS.isdisjoint(words):
        return entities
    named: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        if named and named[-1][2] == last and named[-1][0] == "PER":
            continue  # the number, read apart ("XIV"), is part of the name before it
        number = last + 1 if _is_regnal_number(words[last + 1 : last + 2]) else last
        if (
            label != "MISC"
            and number > first
            and _is_regnal_number(words[number : number + 1])
            and words[number - 1][0].isupper()
            and words[number - 1].lower() not in lexicon.common_words
        ):
            named.append(("PER", first, number))
        else:
            named.append((label, first, last))
    return named


def _is_regnal_number(words: list[str]) -> bool:
    """Whether the one word given (none past a sentence's end) is a Roman number from II."""
    return bool(words) and words[0] in _REGNAL_NUMBERS


def _people_kept_whole(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """A person's name with the words the tagger left out of it or read as another name: an
    initial without its full stop ("George W Bush", "M Blair" in a team list), or a first name
    the tagger never met ("Nur Khan Liton", "Hamid Arabnejad Khanooki")."""
    whole: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        if whole and whole[-1][0] == "PER" and whole[-1][2] >= first:
            continue  # the surname after an initial, read as a name of its own
        if label == "PER":
            if (
                last + 2 < len(words)
                and words[last + 1] in _BARE_INITIALS
                and words[last + 2].istitle()
            ):
                last += 2  # "George W Bush"
            if (
                first > 0
                and words[first - 1][0].isupper()
                and _has_a_first_word(words, first, whole, lexicon)
            ):
                first -= 1  # "M Blair", "Nur Khan Liton", "Hamid" read as a body
                whole = [e for e in whole if e[2] < first]
        whole.append((label, first, last))
    return whole


def _has_a_first_word(
    words: list[str], first: int, before: list[tuple[str, int, int]], lexicon: Lexicon
) -> bool:
    """Whether the capitalised word before a person's name is its initial or a first name the
    tagger never met, alone or read as a one-word name of its own; not one after another
    capitalised word, a role's (a misspelt title: "Treasury Secertary James Baker")."""
    return _is_bare_initial(words, first - 1) or (
        _is_name_word(words, first - 1, lexicon)
        and first > 1
        and words[first - 2] not in _OPENING_PUNCTUATION
        and not words[first - 2][0].isupper()
        and not (before and before[-1][2] == first - 1 and before[-1][1] < first - 1)
    )


def _is_bare_initial(words: list[str], index: int) -> bool:
    """Whether the word is a capital letter alone, an initial without its full stop ("A" and
    "I" are words)."""
    return 0 <= index < len(words) and len(words[index]) == 1 and words[index] in _BARE_INITIALS


_BARE_INITIALS = frozenset("BCDEFGHJKLMNOPQRSTUVWXYZ")


def _is_name_word(words: list[str], index: int, lexicon: Lexicon) -> bool:
    """Whether the word is a capitalised one the tagger never met, so no common word, title or
    known name of another kind: a rare given name or surname."""
    return (
        0 < index < len(words)
        and words[index][0].isupper()
        and words[index].isalpha()
        and not words[index].isupper()
        and words[index] not in lexicon.known_words
        and words[index].lower() not in lexicon.common_words
        and not is_title_word(words[index].removesuffix("s"))  # "Presidents"
    )


# Head nouns that end the name of a governing body, read as a nationality's adjective or a
# place by a tagger that met them seldom.
_GOVERNING_BODY_HEADS = word_set(
    "federation confederation association committee council commission institute agency"
)
_GOVERNING_BODY_HEADS_CAPITALISED = frozenset(map(str.capitalize, _GOVERNING_BODY_HEADS))


def _federations(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "the Georgian Tennis Federation", "Spain's Football Federation": a governing body's
    name is a body's, not an adjective's (MISC) or, in common words, a place's; a nation's
    adjective before "Federation" alone is a country ("the Russian Federation")."""
    if _GOVERNING_BODY_HEADS_CAPITALISED.isdisjoint(words):
        return entities
    return [
        ("ORG", first, last)
        if last > first
        and words[last].lower() in _GOVERNING_BODY_HEADS
        and (
            (label == "MISC" and last - first >= 2)
            or (label == "LOC" and is_generic(words[first:last], lexicon))
        )
        else (label, first, last)
        for label, first, last in entities
    ]


# The last words of a place that may be named for a person with a title.
_TITLED_PLACE_TAILS = word_set("City County Island Town Province")


def _places_named_for_titled_people(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "General Santos City", "Prince Edward Island": a place named for a person keeps the
    person's title, which a tagger trained to leave titles out leaves out."""
    if _TITLED_PLACE_TAILS.isdisjoint(words):
        return entities
    named: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        if label in ("LOC", "PER") and words[last] in _TITLED_PLACE_TAILS and last > first:
            if first > 0 and words[first - 1][0].isupper() and is_title_word(words[first - 1]):
                first -= 1
            if is_title_word(words[first]):
                label = "LOC"  # no person's name ends in "Island"
        named.append((label, first, last))
    return named


# Houses of parliament: "Speaker of the House", "President of the Senate", "the U.S. House".
_HOUSES = LEGISLATURES | {"House", "Assembly"}


def _houses_of_places(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "the U.S. House", "the Ohio Senate": a place's house of parliament is a body."""
    return [
        ("ORG", first, last)
        if label == "LOC"
        and last == first + 1
        and words[last] in _HOUSES
        and (words[first] in COUNTRY_ABBREVIATIONS or words[first] in lexicon.place_names)
        else (label, first, last)
        for label, first, last in entities
    ]


# The first word of an island or a sea named "of" something: "Isle of Wight", "Gulf of Aden".
_ISLAND_HEADS = word_set("Isle Isles Island Islands Gulf Bay")


def _islands_whole(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "the Isle of Wight music festival", "the Gulf of Aden": an island or a sea named "of"
    a capitalised name is one place, whatever the tagger made of its words."""
    if _ISLAND_HEADS.isdisjoint(words):
        return entities
    result = entities
    for head in compress(count(), map(_ISLAND_HEADS.__contains__, words)):
        last = head + 2
        if words[head + 1 : head + 2] != ["of"] or last >= len(words):
            continue
        while last < len(words) and words[last][0].isupper() and words[last].isalpha():
            last += 1
        if last > head + 2:
            result = [e for e in result if e[2] < head or e[1] >= last]
            result.append(("LOC", head, last - 1))
    return sorted(result, key=lambda entity: entity[1])


# The words that the later rules of `_names_kept_whole` act on: a sentence with none skips them.
_RARE_NAME_WORDS = (
    frozenset(("'", "(", "/"))
    | _REGNAL_NUMBERS
    | _GOVERNING_BODY_HEADS_CAPITALISED
    | _TITLED_PLACE_TAILS
    | _HOUSES
    | _ISLAND_HEADS
)


# The lines of a match report's team sheet: "Horak, Staniforth, Penney; Mapletoft, Edwards;
# ..." and "Replacements: Everitt for Mapletoft (53), ...". Their words are players' names,
# the separators below, and the minutes of changes.
_SHEET_SEPARATORS = frozenset([",", ";", ".", ":", "(", ")", "for"])
_SHEET_OPENERS = (
    ["Replacements", ":"],
    ["Subs", ":"],
    ["Substitutes", ":"],
    ["Not", "used", ":"],
    ["Subs", "Not", "Used", ":"],
)
# A team sheet's line without semicolons has at least this many commas: "Nash, Reiziger (Graham
# 82), Riggott, Southgate, ...".
_SHEET_COMMAS = 6


def _team_sheet(words: list[str]) -> list[tuple[str, int, int]] | None:
    """The players a team sheet's line names, each a person (the tagger takes surnames in a
    list for places and bodies); None if the sentence is no such line. A team named before a
    colon ("Barcelona: Vitor Baia; ...") is left to the tagger: None."""
    start = next((len(opener) for opener in _SHEET_OPENERS if words[: len(opener)] == opener), 0)
    if start == 0 and words.count(";") < 2 and words.count(",") < _SHEET_COMMAS:
        return None
    players: list[tuple[str, int, int]] = []
    first = None
    for index in range(start, len(words)):
        word = words[index]
        if word in _SHEET_SEPARATORS or word.isdigit():
            if word == ":":
                return None
            if first is not None:
                players.append(("PER", first, index - 1))
                first = None
        elif word[0].isupper() or (word in SURNAME_PARTICLES and index + 1 < len(words)):
            first = index if first is None else first
        else:
            return None
    if first is not None:
        players.append(("PER", first, len(words) - 1))
    return players if players and (start > 0 or len(players) >= 3) else None


# Fields of a minister's office: "the Culture Secretary", "Health Minister" name no body.
_OFFICE_FIELDS = word_set(
    """
    culture health education defence defense home foreign transport energy environment trade
    business work pensions justice interior finance agriculture housing tourism sport media
    """
)


def _names_a_field_of_office(words: list[str], index: int) -> bool:
    """ "The Culture Secretary said": a field before a minister's title is part of the title."""
    after = words[index + 1 : index + 2]
    return (
        words[index].lower() in _OFFICE_FIELDS
        and bool(after)
        and after[0][0].isupper()
        and is_title_word(after[0])
    )


def _opening_adverb(words: list[str], index: int, lexicon: Lexicon) -> bool:
    """ "Nationally, cases rose": a long word in "-ly" opening a sentence before a comma is an
    adverb (not "Kelly, 34, said", nor a town: "Beverly, the city")."""
    word = words[index]
    return (
        len(word) >= 7
        and word not in lexicon.place_names
        and word.endswith("ly")
        and words[index + 1 : index + 2] == [","]
        and _opens_sentence(words, index)
    )


# Roads named by a number after them: "Route 2", "Interstate 95", "Highway 1".
_NUMBERED_ROADS = word_set("Route Highway Interstate Motorway")
# Last words of a street's name, which the tagger may leave after a name it read as a person's:
# "Downing" "Street".
_STREET_WORDS = word_set("Street Road Avenue Lane Boulevard")
# The words `_bodies_with_tails` acts on, as a sentence writes them.
_TAIL_WORDS = (
    _NUMBERED_ROADS
    | _STREET_WORDS
    | {word.capitalize() for word in ORGANIZATION_TAILS}
    | {word.upper() for word in ORGANIZATION_TAILS}
)


def _titled_first_names(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """A title and a first name the tagger read as one name, and the surname after it as
    another, are the person: "MP Tanya" and "Davies" are "Tanya Davies"."""
    joined: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        if (
            label == "PER"
            and joined
            and joined[-1][2] == first - 1
            and joined[-1][2] - joined[-1][1] == 1
            and is_title_word(words[joined[-1][1]])
            and words[joined[-1][1]][0].isupper()
        ):
            joined[-1] = ("PER", joined[-1][1] + 1, last)
        else:
            joined.append((label, first, last))
    return joined


def _bodies_with_tails(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """A name the tagger ended just before the capitalised last word of a body's name is that
    body: "Metropolitan" and "Police" are the "Metropolitan Police", and so is a name of
    another kind ending in that word, with a capitalised word the tagger left before it
    ("Velvet" "Harbour Music"); one ending in a road's
    word before its number is the road, a place: "Route" and "2" are "Route 2"; and one before
    a street's last word is the street: "Downing" and "Street"."""
    if _TAIL_WORDS.isdisjoint(words):
        return entities  # most sentences: no body's last word, no road
    starts = {first for _, first, _ in entities}
    ends = {last for _, _, last in entities}
    tailed = []
    for label, first, last in entities:
        after = words[last + 1] if last + 1 < len(words) else ""
        if words[last] in _NUMBERED_ROADS and after.isdigit():
            tailed.append(("LOC", first, last + 1))
        elif after in _STREET_WORDS and last + 1 not in starts and label != "ORG":
            tailed.append(("LOC", first, last + 1))  # "Downing Street", not its "Downing"
        elif after[:1].isupper() and last + 1 not in starts and after.lower() in ORGANIZATION_TAILS:
            # with a capitalised word the tagger left before it too: "Thames" "Valley" "Police"
            tailed.append(("ORG", _left_capitals_start(words, first, ends, lexicon), last + 1))
        elif (
            label != "ORG"
            and first < last
            and words[last][:1].isupper()
            and words[last].lower() in ORGANIZATION_TAILS
        ):
            # a body's name read as another kind: "Velvet" "Harbour Music" as O B-PER I-PER,
            # "Kaveh Air" as B-PER I-MISC
            tailed.append(("ORG", _left_capitals_start(words, first, ends, lexicon), last))
        else:
            tailed.append((label, first, last))
    return tailed


def _left_capitals_start(words: list[str], first: int, ends: set[int], lexicon: Lexicon) -> int:
    """Where a name starting at `first` starts with the capitalised words before it that no
    other name ends at and that are no common words ("Thames" before "Valley Police"; not "A
    European")."""
    while (
        first > 0
        and words[first - 1][:1].isupper()
        and first - 1 not in ends
        and words[first - 1].lower() not in lexicon.common_words
    ):
        first -= 1
    return first


# Common words that alone name a body or a club ("the Home Office and Treasury", "Manchester
# United and City"): never the last word of the body before "and".
_BODIES_BY_ONE_WORD = word_set(
    "Treasury Pentagon Kremlin Vatican City United County Rovers Athletic Wanderers Albion"
)


def _bodies_joined_by_and(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """A body's name the tagger read across "and" into a second body's is two ("Office for
    National Statistics and Bank of England": a body's first word after "and"; "BBC Three and
    News 24": a number after the second); one it ended before "and" and a last common word is
    one ("BBC Research and Development", "Fire and Rescue": a name of common words goes on, not
    a second body)."""
    if "and" not in words:
        return entities
    apart: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        joins = [
            index
            for index in range(first + 1, last)
            if words[index] == "and" and words[index + 1].lower() in ORGANIZATION_HEADS
        ]
        numbered = (
            last + 1 < len(words) and words[last + 1].isdigit() and "and" in words[first:last]
        )
        if label == "ORG" and joins and words[first].lower() in ORGANIZATION_HEADS:
            apart += [("ORG", first, joins[0] - 1), ("ORG", joins[0] + 1, last)]
        elif label == "ORG" and numbered:
            # "BBC Three and News 24": the name after "and" goes on to its number, a second one
            join = words.index("and", first, last)
            apart += [("ORG", first, join - 1), ("ORG", join + 1, last + 1)]
        else:
            apart.append((label, first, last))
    tagged = {index: entity for entity in apart for index in range(entity[1], entity[2] + 1)}
    joined: list[tuple[str, int, int]] = []
    for label, first, last in apart:
        if joined and joined[-1][0] == "ORG" and (label, first, last) == ("ORG", first, first):
            _, body_first, body_last = joined[-1]
            if body_last + 2 == first and _goes_on_after_and(words, body_first, first, lexicon):
                joined[-1] = ("ORG", body_first, first)
                continue
        joined.append((label, first, last))
        end = last + 2
        if (
            label == "ORG"
            and end not in tagged
            and end < len(words)
            and _goes_on_after_and(words, first, end, lexicon)
        ):
            joined[-1] = ("ORG", first, end)
    return joined


def _goes_on_after_and(words: list[str], first: int, end: int, lexicon: Lexicon) -> bool:
    """Whether the body's name from `first` goes on after "and" to the one word at `end`: a
    name of more than one word ending in a common word, "and", then a capitalised common word
    alone (no name or number after it: "BBC Three and News 24") that names no body by itself
    ("BBC Research and Development")."""
    body_last, word = end - 2, words[end]
    return (
        body_last > first
        and words[body_last + 1] == "and"
        and words[body_last].lower() in lexicon.common_words
        and words[body_last] not in _BODIES_BY_ONE_WORD  # "Manchester United and Premiership"
        and word[:1].isupper()
        and word.isalpha()
        and word.lower() in lexicon.common_words
        and word.lower() not in ORGANIZATION_HEADS
        and word not in _BODIES_BY_ONE_WORD
        and word not in lexicon.place_names
        and (end + 1 == len(words) or not words[end + 1][:1].isalnum() or words[end + 1].islower())
    )


def _parties_whole(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """A party's name of party words is one body, however the tagger cut it ("Liberal" and
    "Democrat"), and two parties it read as one are two ("Liberal Democrats and Labour")."""
    whole: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        names = words[first : last + 1]
        if label != "PER" and all(word in PARTIES or word in ("and", ",") for word in names):
            if (
                whole
                and whole[-1][2] == first - 1
                and all(word in PARTIES for word in words[whole[-1][1] : first])
            ):
                first = whole.pop()[1]
            start = first
            for index in range(first, last + 2):
                if index > last or words[index] in ("and", ","):
                    if index > start:
                        whole.append(("ORG", start, index - 1))
                    start = index + 1
            continue
        whole.append((label, first, last))
    return whole


def _parties_and_homes_apart(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "Democrat Patricia Spearman", "Liberal Democrat David Laws", "Labour MP Louise Ellman": a
    party (and a member's title) before a person read as one name is the party and the person
    (guideline 8); "Amy Klobuchar of Minnesota": a
    person's name and the place they are of are the person and the place (not a title's "of":
    "Prince of Wales")."""
    if "of" not in words and PARTIES.isdisjoint(words):
        return entities
    apart: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        if label not in ("PER", "ORG") or first == last:
            apart.append((label, first, last))
            continue
        party_end = first
        while party_end < last and words[party_end] in PARTIES:
            party_end += 1
        person = party_end  # past a member's title: "Labour MP Louise Ellman"
        while party_end > first and person < last and words[person] in MEMBERS_OF_PARLIAMENT:
            person += 1
        if party_end > first and (
            label == "PER" or _reads_as_full_name(words[person : last + 1], lexicon)
        ):
            apart.append(("ORG", first, party_end - 1))
            label, first = "PER", person
        if label != "PER":
            apart.append((label, first, last))
            continue
        of = words.index("of", first, last) if "of" in words[first:last] else -1
        home = " ".join(words[of + 1 : last + 1])
        if (
            of > first + 1
            and not any(is_title_word(word) for word in words[first:of])
            and (home in lexicon.place_names or home.casefold() in lexicon.countries_and_states)
        ):
            apart += [("PER", first, of - 1), ("LOC", of + 1, last)]
        else:
            apart.append((label, first, last))
    return apart


def _read_apart(
    words: list[str], tags: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """The entities as the tagger should have cut them: a title it read as a person of its own
    before the person is no name ("Swami" "Chakrapani", "Flanker" "Karl Bodmer"); a body it
    ended at "of" goes on over the place after it ("Catholic Bishops' Conference of" "Ghana");
    a name's possessive inside a longer name parts the owner from what it owns ("the BBC's
    Network Asia programme"; not "Lloyd's of London", "Boatmen's Bancshares Inc.", nor a common
    word's: "Children's Hospital of Philadelphia"); a full name it went on to after "and" and a full
    name, without opening it, is a person ("Milo Hartnell and" "Amy Dorn" as I-ORG); a body
    named by the kind of body it is goes on over the nationality opening it ("American" "Civil
    Liberties Union", as CoNLL-2003 and the gold set mostly read such names)."""
    found: list[tuple[str, int, int]] = []
    for index, (label, first, last) in enumerate(entities):
        if (
            label != "PER"
            and tags[first].startswith("I-")
            and found
            and found[-1][2] + 2 == first
            and (
                found[-1][0] == "PER"
                or _reads_as_full_name(words[found[-1][2] - 1 : found[-1][2] + 1], lexicon)
            )
            and words[first - 1] == "and"
            and _reads_as_full_name(words[first : last + 1], lexicon)
        ):
            label = "PER"
        after = entities[index + 1] if index + 1 < len(entities) else None
        if (
            label == "PER"
            and first == last
            and is_title_word(words[first])
            and after is not None
            and after[:2] == ("PER", last + 1)
        ):
            continue
        if (
            label == "LOC"
            and found
            and found[-1][0] == "ORG"
            and words[found[-1][2]] == "of"
            and found[-1][2] + 1 == first
        ):
            found[-1] = ("ORG", found[-1][1], last)
            continue
        if (
            label == "ORG"
            and found
            and found[-1][0] == "MISC"
            and found[-1][1] == found[-1][2] == first - 1
            and words[first - 1] in lexicon.nationalities
            and first < last
            and words[last].lower() in ORGANIZATION_WORDS  # not "Italian" "Parma" ham
        ):
            found[-1] = ("ORG", first - 1, last)  # "American" "Civil Liberties Union"
            continue
        inside = words[first + 1 : last - 1] if last - first >= 3 else []
        owner = first + 1 + inside.index("'s") if "'s" in inside else -1
        if (
            owner > 0
            and label != "LOC"
            and words[owner - 1].lower() not in lexicon.common_words
            and words[owner + 1][:1].isupper()
            and ORGANIZATION_WORDS.isdisjoint(word.lower() for word in words[owner + 1 : last + 1])
        ):
            found += [(label, first, owner - 1), (label, owner + 1, last)]
            continue
        found.append((label, first, last))
    return found


def _teams_of_plurals(
    words: list[str], tags: list[str], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """The tagged entities, with a capitalised plural of a common noun the tagger left after a
    place, an adjective or one word of a body joined to it as a team's or a body's name:
    "Caspian Stars have signed" ("Caspian" read as the sea's adjective, "Stars" as no name),
    "an award for Scissor Sisters"."""
    entities = tagged_entities(tags)
    return [
        ("ORG", first, last + 1)
        if (label in ("MISC", "LOC") or (label == "ORG" and first == last))
        and last + 1 < len(words)
        and tags[last + 1] == "O"
        and words[last + 1][0].isupper()
        and words[last + 1].endswith("s")
        and words[last + 1][:-1].lower() in lexicon.common_words
        else (label, first, last)
        for label, first, last in entities
    ]


def _portfolio_holders(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "Minister of Economy Richard Sulík", "Speaker of the House Nancy Pelosi": a portfolio
    and the name of who holds it, read as one name, are the person; a house or body the title
    is "of" stays a body of its own ("House"), a field ("Economy") is part of the role."""
    if "of" not in words:
        return entities
    split: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        holder = first  # the first word of the name after the portfolio's common words
        while holder < last and words[holder].lower() in lexicon.common_words:
            holder += 1
        if (
            holder > first
            and _names_a_portfolio(words, first)
            and _reads_as_full_name(words[holder : last + 1], lexicon)
        ):
            if words[holder - 1].lower() in ORGANIZATION_WORDS:
                split.append(("ORG", first, holder - 1))
            split.append(("PER", holder, last))
        else:
            split.append((label, first, last))
    return split


def _untagged_capitals_end(
    words: list[str], first: int, entities: list[tuple[str, int, int]]
) -> int:
    """The end (exclusive) of the run of capitalised words from `first` in no entity."""
    found = {index for _, start, last in entities for index in range(start, last + 1)}
    end = first
    while end < len(words) and words[end][0].isupper() and end not in found:
        end += 1
    return end


def _tidy(
    words: list[str], entity: tuple[str, int, int], lexicon: Lexicon
) -> tuple[str, int, int] | None:
    """The entity without trailing punctuation or connectors, or a person's title; None if it is
    only titles ("First Deputy Minister"), a common word after "of" ("Minister of Defense") or
    a capitalised common word opening the sentence ("Power engineers warned")."""
    label, first, last = entity
    if (first > 0 and words[first - 1] in STORMS) or not STORMS.isdisjoint(words[first : last + 1]):
        return None  # "Hurricane Dorian", "Tropical Storm Barry": a storm, no name to look up
    while last > first and (
        (words[last] in _TRAILING_PUNCTUATION and (words[last] != "'s" or label != "LOC"))
        or words[last] in _CONNECTORS
        or (label != "PER" and words[last] in MEMBERS_OF_PARLIAMENT)
        or (label == "ORG" and is_personal_title(words[last]))
    ):
        last -= 1  # "Labour MP", "Republican Assemblywoman": the party, not its member
    if first < last and words[first] in _OPENING_WORDS and _opens_sentence(words, first):
        # "Before December's record", "Already Ireland have won twice": a word opening the
        # sentence, no part of the name after it
        first += 1
        if first == last and (
            words[first] in lexicon.place_names or _names_a_country(words, first, last, lexicon)
        ):
            label = "LOC"  # the tagger read the two words as someone's name
    if label != "PER" and all(is_title_word(word) for word in words[first : last + 1]):
        return None
    if first == last and (
        words[first] in _TITLE_OPENERS
        or words[first] in COMMON_ACRONYMS
        or words[first] in lexicon.nationalities
        or (words[first].endswith("s") and words[first][:-1] in lexicon.nationalities)
        or words[first] in HOLIDAYS
        or words[first] in DISEASES
        or words[first] in COINED_EVENTS
        or words[first] in GOVERNMENT_EVENTS
        or words[first] in FAITH_WORDS
        or words[first] in INTERJECTIONS
        or words[first] in PRONOUN_CONTRACTIONS
        or words[first] in _ARTICLES
        or words[first] in MEMBERS_OF_PARLIAMENT
        or (label == "PER" and words[first].lower() in _OFFICES)
        or words[first] in SENTENCE_ADVERBS
        or _opening_adverb(words, first, lexicon)
        or _names_a_field_of_office(words, first)
        or (label == "PER" and is_personal_title(words[first]))
        or _is_initial(words[first])
    ):
        # "UTC", "CEO"; "Azerbaijani", "Latin", "Gibraltarians"; "Christmas"; "God"; "Congressman"
        # alone; "S." (an initial with no name after it)
        return None
    if label in ("MISC", "PER") and words[last] in LEGISLATURES:
        label = "ORG"  # "the Canadian Parliament": a nation's parliament is a body
    if first == last and words[first] in PARTIES:
        return "ORG", first, last  # "the Conservative leader", "fellow Democrats"
    if first == last and words[first] in COUNTRY_ABBREVIATIONS:
        return "LOC", first, last
    if first == last and (words[first] in NEWS_AGENCIES or words[first] in BODIES_WRITTEN_AS_WORDS):
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
    if (
        label == "ORG"
        and first == last
        and _names_a_portfolio(words, first)
        and words[first] not in _HOUSES
    ):
        return None  # "Minister of Defense"; a house is a body ("Speaker of the House")
    if (
        first == last
        and words[first].lower() in lexicon.common_words
        # An acronym in brackets is one, whatever word it spells: "the World Health Organization
        # (WHO)".
        and not (words[first].isupper() and words[first - 1 : first + 2 : 2] == ["(", ")"])
    ):
        # "Yeah" after a sentence's opening quote, or after a dash or colon inside it.
        opens_sentence = _opens_sentence(words, first)
        if words[first] in LEGISLATURES and not opens_sentence:
            return "ORG", first, last  # "a member of Parliament"
        if opens_sentence or (first > 0 and words[first - 1] == "of"):
            return None
    if (
        label != "PER"
        and first < last
        and is_personal_title(words[first])
        and words[first + 1] != "'s"  # "Lord's", the cricket ground
    ):
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
    elif label == "LOC" and _INSTITUTIONS_OF.intersection(
        zip(words[first + 1 : last], words[first + 2 : last + 1], strict=True)
    ):
        label = "ORG"  # "Georgia Institute of Technology": a place names the institute
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


# An institution "of" its field, inside a name read as a place: "Georgia Institute of Technology".
_INSTITUTIONS_OF = frozenset(
    (head, "of") for head in ("Institute", "University", "College", "School", "Academy")
)

_DASHES = frozenset("-–—")
_OPENING_PUNCTUATION = OPENING_QUOTES | _DASHES | {":", "--"}


def _opens_sentence(words: list[str], index: int) -> bool:
    """Whether the word opens a sentence or a quote; an apostrophe after a capitalised plural
    closes its possessive instead ("the United Nations' Food and Agriculture Organization")."""
    if index == 0:
        return True
    if words[index - 1] == "'" and _is_capitalised_plural(words[index - 2 : index - 1]):
        return False
    return words[index - 1] in _OPENING_PUNCTUATION


def _is_capitalised_plural(words: list[str]) -> bool:
    """Whether the one word given (none at a sentence's start) is a capitalised plural."""
    return bool(words) and words[0][:1].isupper() and words[0].endswith("s")


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


# A broadcaster's stations, numbered after the word: "Radio 4", "Channel 4", "BBC Radio 5".
_STATIONS = word_set("Radio Channel")


def _numbered_stations(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "told Radio 4's Today programme", "Channel 4 News": a station's number is part of its
    name (the tagger leaves it out)."""
    return [
        (label, first, last + 1)
        if label == "ORG"
        and words[last] in _STATIONS
        and last + 1 < len(words)
        and words[last + 1].isdigit()
        and len(words[last + 1]) <= 2
        else (label, first, last)
        for label, first, last in entities
    ]


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def _names_a_country(words: list[str], first: int, last: int, lexicon: Lexicon) -> bool:
    """Whether `words[first:last+1]` is the name of a country or a US state ("New Zealand")."""
    return " ".join(words[first : last + 1]).casefold() in lexicon.countries_and_states


def _place_opening(words: list[str], first: int, last: int, lexicon: Lexicon) -> int | None:
    """Where the place a name opens with ends, if it opens with one ("France", "New
    Hampshire")."""
    if first < last and _names_a_country(words, first, first + 1, lexicon):
        return first + 1
    if words[first] in COUNTRY_ABBREVIATIONS or words[first] in lexicon.place_names:
        return first
    return None


def _names_a_portfolio(words: list[str], index: int) -> bool:
    """Whether the word follows a title and "of": "Minister of Defense", "Chief of the Staff"."""
    position = index - 1
    if position >= 0 and words[position] == "the":
        position -= 1
    return position >= 1 and words[position] == "of" and is_title_word(words[position - 1])


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


# Generational suffixes after a person's name (guideline 2: part of it).
_NAME_SUFFIXES = frozenset(["Jr.", "Jr", "Sr.", "Sr"])


def _with_suffixes(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "Edward J. DeBartolo Jr.", "Martin Luther King Jr.": a person's name goes on over the
    suffix after it, and over one capitalised word the tagger left out before the suffix."""
    taken = {index for _, first, last in entities for index in range(first, last + 1)}
    result = []
    for label, first, last in entities:
        if label == "PER":
            if words[last + 1 : last + 2] and words[last + 1] in _NAME_SUFFIXES:
                last += 1
            elif (
                words[last + 2 : last + 3]
                and words[last + 2] in _NAME_SUFFIXES
                and words[last + 1][:1].isupper()
                and last + 1 not in taken
            ):
                last += 2
        result.append((label, first, last))
    return result


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
        elif words[particle] in SURNAME_PARTICLES and (
            label == "PER" or (label != "LOC" and first == last)
        ):
            joined.append(("PER", particle, last))  # "support for de Blasio", however read
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
        and (
            (words[first].lower() in LANDMARK_HEADS and words[first + 1] in ("of", "to"))
            or (words[first].lower() in PLACE_HEADS and words[first + 1] == "of")
        )
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


# Last words of the names of streets, markets, venues and the land and water: "White Hart
# Lane", "Bhera Market", "Yangtze River", "Three Gorges Dam", "Corcoran State Prison", "Wind
# River Reservation".
VENUE_TAILS = word_set(
    """
    street st st. road rd rd. avenue ave ave. boulevard lane square market stadium cemetery
    river lake mountains dam sea ocean islands valley desert gorge falls canal peninsula
    glacier volcano hills coast strait harbour harbor parish borough township complex
    headquarters tower towers airport arena bridge park range reservation prison jail warehouse
    """
)
# Of those, the ones people have as surnames.
_SURNAME_TAILS = word_set("street lane lake hills road bridge park")
_HOUSE_NUMBER = re.compile(r"^\d{1,4}$")


_SEAT_NOUNS = word_set("seat constituency by-election")


def _constituencies(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """ "MP for Hornsey and Wood Green", "the Eton and Slough seat": a constituency is one place,
    whole, however the tagger read its parts (guideline: constituencies, whole)."""
    if MEMBERS_OF_PARLIAMENT.isdisjoint(words) and _SEAT_NOUNS.isdisjoint(words):
        return entities
    for index, word in enumerate(words):
        if word == "for" and index > 0 and words[index - 1] in MEMBERS_OF_PARLIAMENT:
            first = index + 1
            last = _name_run_end(words, first)
        elif word in _SEAT_NOUNS and index > 0:
            last = index - 1
            first = last
            while first > 0 and (
                words[first - 1][0].isupper() or (words[first - 1] == "and" and first > 1)
            ):
                first -= 1
        else:
            continue
        if (
            last < first
            or not words[first][0].isupper()
            or not words[last][0].isupper()
            or any(_names_a_body(word) for word in words[first : last + 1])
        ):
            continue  # "a safe Labour seat", "the Ohio Senate seat": no constituency's name
        entities = [e for e in entities if e[2] < first or e[1] > last] + [("LOC", first, last)]
    return sorted(entities, key=lambda entity: entity[1])


def _names_a_body(word: str) -> bool:
    return word in PARTIES or word in LEGISLATURES or word.lower() in ORGANIZATION_WORDS


def _name_run_end(words: list[str], first: int) -> int:
    """The last word of the capitalised words from `first`, "and" joining them."""
    last = first - 1
    while last + 1 < len(words) and (
        words[last + 1][0].isupper()
        or (words[last + 1] == "and" and last + 2 < len(words) and words[last + 2][0].isupper())
    ):
        last += 1
    return last


def _venues(words: list[str], entities: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """ "White Hart Lane", "Bhera Market", "10 Downing Street": a name ending in a street's or a
    venue's noun is a place, with the name just before it the tagger cut off ("White" read as a
    body) and the house number before a street; one that opens a sentence speaking is the body
    it houses (guideline 6: "Downing St said", not "Traders at Bhera Market said"). A person's
    name alone ending in a word surnames share stays a person's ("Nathan Lane", "Ricki Lake")."""
    venues: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        tail = words[last]
        if label != "MISC" and first < last and tail.lower() in VENUE_TAILS and tail[0].isupper():
            joined = bool(venues) and venues[-1][2] == first - 1
            numbered = first > 0 and bool(_HOUSE_NUMBER.match(words[first - 1]))
            if (
                label == "PER"
                and last == first + 1
                and tail.lower() in _SURNAME_TAILS
                and not (joined or numbered)
            ):
                venues.append((label, first, last))
                continue
            if joined:
                first = venues.pop()[1]
            if numbered:
                first -= 1
            speaks = first == 0 and words[last + 1 : last + 2] != [] and words[last + 1] in SPEECH
            label = "ORG" if speaks else "LOC"
        venues.append((label, first, last))
    return venues


# Verbs of speech after a name: what speaks is a person or a body, never a place.
SPEECH = word_set(
    "said says told announced confirmed denied insisted warned added explained stated"
)


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
            # (and capitalised words the tagger left between) are one longer name; not a second
            # body's own name after "and" ("Department for Education and Ministry of Justice").
            if (
                generic
                and between[:1] in (["and"], ["for"], ["&"])
                and all(word[0].isupper() for word in between[1:])
                and is_generic(words[joined[-1][2] + 2 : last + 1], lexicon)
                and not (
                    between == ["and"]
                    and words[first].lower() in ORGANIZATION_HEADS
                    and not {"of", "for"}.isdisjoint(words[first:last])
                )
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
    brewer conglomerate startup start-up outlet label network maker chipmaker giant operator
    provider developer unit subsidiary bank drugmaker consultancy distiller
    """
)
# Plural nouns of bodies: before a list of names, or before "such as", "including" or "like"
# and one, they make the names listed bodies: "store chains Woolworths and Coles", "budget
# airlines such as Ryanair", "German firms including Daimler".
BODY_PLURALS = word_set(
    """
    firms companies chains retailers supermarkets stores carriers airlines banks lenders insurers
    brands manufacturers carmakers publishers broadcasters newspapers outlets bands clubs makers
    giants operators providers developers networks websites sites platforms
    """
)
_LIST_JOINS = frozenset([",", "and", "or"])
# Verbs in the plural: after one name, a team's or a body's (British usage: "Chelsea have").
_PLURAL_VERBS = word_set("have are were")


def takes_a_plural_verb(words: list[str], first: int, last: int) -> bool:
    """Whether one name, no plural and in no list, has a verb in the plural after it: "Chelsea
    are doing well" (a team or a body, in British usage; a person never)."""
    return (
        first == last
        and last + 1 < len(words)
        and words[last + 1] in _PLURAL_VERBS
        and (first == 0 or (words[first - 1] not in _LIST_JOINS and words[first - 1] != "&"))
        and not words[first].endswith("s")
    )


# Kinds of body that may be people: "game maker Valve", but "film maker Theo van Gogh".
_MAKERS = word_set("maker makers developer developers operator broadcaster publisher")
BODY_NOUNS_AND_PLURALS = BODY_NOUNS | BODY_PLURALS


def named_after_kind_of_body(words: list[str], first: int, last: int) -> bool:
    """Whether the kind of body it is comes before the name at `first`..`last`: "cable firm
    Telewest", "the world's largest retailer, Wal-Mart, has", "a company called Akamai", "store
    chains Woolworths and Coles" (not "on its website, Jol said")."""
    index = first - 1
    if index < 0:
        return False
    if words[index] in BODY_NOUNS_AND_PLURALS or (
        index > 0
        and words[index - 1] in BODY_NOUNS
        and (
            words[index] in ("called", "named")
            or (words[index] == "," and words[last + 1 : last + 2] == [","])
        )
    ):
        return True
    if index < 1 or words[index] not in _LIST_JOINS:
        return False
    while index >= 0 and (words[index] in _LIST_JOINS or words[index][0].isupper()):
        index -= 1
    return index >= 0 and index < first - 2 and words[index] in BODY_PLURALS


# "shares in Tesco", "a stake in Ryanair": what one owns of a company; "a bus operated by
# Viazul": what a company runs.
STAKES = (["shares", "in"], ["shares", "of"], ["stake", "in"], ["stakes", "in"], ["operated", "by"])
# Lower-case nouns that, just after a town, make it its club: "the Caloundra coach" (a national
# team stays its country, as CoNLL-2003 reads it: "the Scotland coach").
TEAM_STAFF = word_set("coach manager squad captain skipper boss side")
# Lower-case nouns that, just after a one-word name, make it a band: "the Doors frontman".
BAND_MEMBERS = word_set("frontman frontwoman guitarist drummer bassist keyboardist")
# Nouns that, just after a one-word name, make it a body's: "the Netto chain", "Brightwell
# shares", "a YouGov poll", "Time magazine", "the Veritas Party" (in any case), "Valve
# spokesman Doug Lombardi".
BODY_WARES = word_set(
    """
    chain store stores shares shareholders subscribers customers users poll magazine newspaper party
    spokesman spokeswoman spokesperson
    """
)
# What only a body has, after its name's possessive: "Easyjet's founder", "Merck's shares" (not
# "Blair's party").
OWNED_BY_BODIES = [
    [word]
    for word in (
        "founder",
        "founders",
        "shareholders",
        "customers",
        "shares",
        "profits",
        "earnings",
    )
]
# A company's officers between its name and theirs: "Fiat chief executive Sergio Marchionne",
# "Tesco chairman David Reid" (not a team's "boss" or "manager": a club is no company).
_COMPANY_OFFICERS = (
    ["chief", "executive"],
    ["chairman"],
    ["chairwoman"],
    ["founder"],
    ["co-founder"],
    ["managing", "director"],
    ["finance", "director"],
)


_OFFICER_WORDS = frozenset(officer[0] for officer in _COMPANY_OFFICERS)


def company_officer_after(words: list[str], last: int) -> bool:
    """Whether a company's officer and a name follow the name ending at `last`."""
    if words[last + 1 : last + 2] == [] or words[last + 1] not in _OFFICER_WORDS:
        return False  # most names: no officer's first word after them
    for officer in _COMPANY_OFFICERS:
        end = last + 1 + len(officer)
        if words[last + 1 : end] == officer and end < len(words) and words[end][:1].isupper():
            return True
    return False


# Verbs of an outlet after its name: "Rudaw reports", "The Guardian reported".
REPORT_VERBS = word_set("reported reports")
_BODY_WORDS_AFTER = BODY_WARES | REPORT_VERBS


def _unknown_as_place_or_misc(
    words: list[str], label: str, first: int, last: int, lexicon: Lexicon
) -> bool:
    """Whether the tagger read a name as MISC, or as a place it never learnt ("Rudaw")."""
    return label == "MISC" or (
        label == "LOC" and first == last and words[first] not in lexicon.place_names
    )


def _reports(words: list[str], first: int, last: int) -> bool:
    """Whether a name is the source of a report: "The Guardian reported", "according to
    Rudaw", "told EURACTIV"."""
    if words[last + 1 : last + 2] and words[last + 1] in REPORT_VERBS:
        return True
    if first > 0 and words[first - 1] in ("The", "the"):
        first -= 1  # "according to The Guardian"
    return (first > 0 and words[first - 1] == "told") or (
        first > 1 and words[first - 1] == "to" and words[first - 2].lower() == "according"
    )


# Lower-case nouns that, just before a name, make it the title of a work: "the film Black
# Friday", "the 1982 album Avalon" (no verbs: "polls show Labour ahead" names a party).
WORK_NOUNS = word_set(
    """
    film films movie album albums song songs novel documentary musical sitcom programme
    programmes opera soap biopic thriller drama comedy
    """
)
# Lower-case nouns that, just after a name, make it the name of a thing named after someone or
# somewhere: "the Richter scale", "Kowalski syndrome", "the Hubble telescope" (guideline 9: not
# annotated).
NAMED_THINGS = word_set("scale scales syndrome theorem equation telescope")

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


# Capitalised last words of the name of a region: "Hubei Province", "Kherson Oblast" (not
# "County": "Notts County" is a club).
_REGION_TAILS = word_set(
    "Province Region District Prefecture Oblast Governorate Township Municipality"
)


# Lower-case nouns of places named as what they are "of": "the island of Samos", "the electoral
# district of Groom", "the city of Toowoomba".
_PLACES_OF = word_set(
    "city town village island state province county district region republic municipality borough"
)


def named_as_a_place(words: list[str], first: int, last: int) -> bool:
    """Whether the name `words[first:last+1]` is what a place's noun is "of" ("the island of
    Samos"): a place, in every mention of the story; not an owner ("the state of Parmalat's
    finances")."""
    return (
        first >= 2
        and words[first - 1] == "of"
        and words[first - 2] in _PLACES_OF
        and words[last + 1 : last + 2] != ["'s"]
    )


def geographic_kind(words: list[str], label: str, first: int, last: int) -> str:
    """LOC for a name next to a geographic noun: "the Reykjanes peninsula", "the Hengill
    volcanic area", "the river Maas", "the Absheron peninsula"; or ending in a region's:
    "Hubei Province". ORG for a place a body's head noun is "of": "the University of Cape
    Town" (the tagger's last word may read as the place)."""
    if label == "LOC" and first < last and words[first + 1] == "of":
        head = words[first].lower()
        return "ORG" if head in ORGANIZATION_HEADS and head != "port" else label
    if label not in ("ORG", "PER", "MISC"):
        return label
    if (first < last and words[last] in _REGION_TAILS) or named_as_a_place(words, first, last):
        return "LOC"
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


_LIST_SEPARATORS = ([","], ["and"], ["or"], ["and", "the"], [",", "and"])


def _listed_places(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "Vatnajökull, Langjökull and Hofsjökull": unfamiliar one-word names listed with a place
    are places too, unless the list names more people than places (a team sheet: "Gallas,
    Tiago, Makelele"); "Senators Marta Kowalczyk and Elizabeth Holmes": a full name read as a
    body, listed after a title only people have, is a person too."""
    if len(entities) < 2:
        return entities
    result = list(entities)
    people_lists: set[int] | None = None  # worked out when a list joins a place
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
        if "LOC" not in (label, next_label) or between not in (
            [","],
            ["and"],
            ["or"],
            ["and", "the"],
        ):
            continue
        if people_lists is None:
            people_lists = _lists_mostly_of_people(words, entities)
        if index in people_lists:
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


def _lists_mostly_of_people(words: list[str], entities: list[tuple[str, int, int]]) -> set[int]:
    """The positions in `entities` of the names in lists that name more people than places."""
    lists: list[list[int]] = []
    for index, (_, first, _) in enumerate(entities):
        if index and words[entities[index - 1][2] + 1 : first] in _LIST_SEPARATORS:
            lists[-1].append(index)
        else:
            lists.append([index])
    people_lists: set[int] = set()
    for members in lists:
        labels = [entities[index][0] for index in members]
        if labels.count("PER") > labels.count("LOC"):
            people_lists.update(members)
    return people_lists


_EXAMPLES = (["such", "as"], ["including"], ["like"])


def _listed_bodies(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "European firms such as Ireland's Ryanair", "stores like Biedronka and Lidl": the names
    a list of bodies gives as examples are bodies, not people nor unknown places (a country
    named with them stays a place); a capitalised word the tagger left in the list is one too
    ("drug companies, including Halvorsen and Brightwell")."""
    lower_words = [word.lower() for word in words]  # "Broadcasters such as Sky" opens a sentence
    if BODY_PLURALS.isdisjoint(lower_words):
        return entities
    result = sorted(entities, key=lambda entity: entity[1])
    for index in compress(count(), map(BODY_PLURALS.__contains__, lower_words)):
        position = _examples_start(words, index + 1)
        while position is not None and position < len(words):
            number = next((n for n, e in enumerate(result) if e[1] >= position), len(result))
            if number < len(result) and result[number][1] == position:
                label, first, last = result[number]
                if label == "PER" or (
                    label == "LOC" and first == last and words[first] not in lexicon.place_names
                ):
                    result[number] = ("ORG", first, last)
            elif _is_name_word(words, position, lexicon):
                first = last = position
                while last + 1 < len(words) and _is_name_word(words, last + 1, lexicon):
                    last += 1
                result.insert(number, ("ORG", first, last))
            else:
                break  # the list ends at a word no name or join
            position = result[number][2] + 1
            if words[position : position + 1] == ["'s"]:
                position += 1  # "Ireland's Ryanair"
            while position < len(words) and words[position] in _LIST_JOINS:
                position += 1
    return result


def _airlines(words: list[str], entities: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """ "Air Deccan", "Air Kaveh": a one-word name after "Air" is an airline, "Air" and all (the
    tagger may leave "Air" out, or read the two as a person); not "Air Bag Safety"."""
    if "Air" not in words:
        return entities
    airlines = []
    for label, first, last in entities:
        if (
            first == last
            and first > 0
            and words[first - 1] == "Air"
            and all(e[2] != first - 1 for e in entities)
        ):
            first -= 1
        airlines.append(
            ("ORG" if words[first] == "Air" and last == first + 1 else label, first, last)
        )
    return airlines


# Of `BODY_PLURALS`, those whose examples are companies and the like: not clubs (a town's name)
# nor sites (a place's).
_COMPANY_PLURALS = BODY_PLURALS - word_set("clubs sites")


def first_example_of_companies(words: list[str], first: int) -> bool:
    """Whether the name at `first` is the first example a list of companies gives:
    "broadcasters such as Sky", "Firms, including Quillfox"."""
    for example in _EXAMPLES:
        for opening in (first - len(example) - 1, first - len(example) - 2):
            if (
                opening >= 0
                and words[opening].lower() in _COMPANY_PLURALS
                and _examples_start(words, opening + 1) == first
            ):
                return True
    return False


def _examples_start(words: list[str], index: int) -> int | None:
    """Where the examples start when "such as", "including" or "like" is at `index`, or after
    a comma there ("drug companies, including Merck")."""
    if words[index : index + 1] == [","]:
        index += 1
    for example in _EXAMPLES:
        if words[index : index + len(example)] == example:
            return index + len(example)
    return None


# Verbs that, between a quote and a name, make the name a person's: '"Keep going", wrote X' (not
# "said": '"We regret it", said Halvorsen Ventures').
_QUOTING_VERBS = word_set("wrote writes tweeted")


def _people_in_office_or_quoted(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[tuple[str, int, int]]:
    """ "Carmen Yulín Cruz, the mayor of San Juan", '"Keep fighting", wrote Elizabeth Warren':
    a full name read as a body that holds an office or speaks the quote before it is a
    person's."""
    people = []
    for label, first, last in entities:
        if (
            label == "ORG"
            and last > first
            and _reads_as_full_name(words[first : last + 1], lexicon)
        ):
            apposition = words[last + 1 : last + 4]
            quoted = words[max(first - 2, 0) : first]  # ', wrote' or '," wrote'
            if (
                len(apposition) == 3
                and apposition[:2] == [",", "the"]
                and is_title_word(apposition[2])
            ) or (len(quoted) == 2 and quoted[0] in (",", '"') and quoted[1] in _QUOTING_VERBS):
                label = "PER"
        people.append((label, first, last))
    return people


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
