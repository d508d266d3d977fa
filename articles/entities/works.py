"""Works, events, awards, products, laws and diseases (guideline 9): capitalised phrases that
name no person, place or body, and no name inside them is one either ("the NRJ Music Awards"
has no NRJ).

A phrase is a run of capitalised words, with "of", "the" and the like between them and a plural
possessive inside ("the Critics' Circle Theatre Awards"). The words around it say it is a work:
the kind of work before it ("the album Avalon", "talk show Morning Joe"; or of storm: "Hurricane
Humberto"), its author after it ("The History Boys by Alan Bennett"), a prize it won ("best
actress for Suddenly Last Summer"), a list of works ("hits including Street Life and Jealous
Guy"), a year's possessive ("1972's Virginia Plain"); its last word says it is an event, award,
honour, law or disease ("Paris Agreement", "Legion of Honour"); a year before it and an event
after it, an event's edition ("the 2004 Six Nations championship"); a number or model code after
it, a product ("Metal Slug 3", "Amazon S3"); a lower-case expansion before an acronym, a thing
("a personal video recorder (PVR)"). The default extractor drops such a phrase wherever the
story names it. Sentences are token lists, phrases (first, last) token indices.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import compress, count

from articles.entities.rules import (
    BODY_NOUNS,
    NAME_PARTICLES,
    OPENING_QUOTES,
    ORGANIZATION_WORDS,
    SPEECH,
    STORMS,
    WORK_NOUNS,
    Lexicon,
    is_acronym,
    is_title_word,
    word_set,
)

Phrase = tuple[int, int]

# Kinds of show before "show": "the talk show Morning Joe".
_SHOWS = word_set("talk chat game quiz news comedy cookery reality TV television radio")
# Plural nouns of works that open a list of them: "hits including Light My Fire".
_WORK_PLURALS = word_set(
    "hits songs singles albums films movies books novels plays shows games series credits"
)
_LISTING = word_set("including like include includes")
# After a name, words that make it the maker or owner of a work named after them.
_MAKERS_AFTER = WORK_NOUNS | {"'s", "classic"}
# Works named as what another follows or remakes: "a sequel to The Mask of Zorro".
_FOLLOWING_WORKS = word_set("sequel prequel remake")
# Works that name one in an apposition: "the 1981 John Lennon cover, Jealous Guy".
_NAMING_WORKS = word_set("film song album single cover novel")
# Kinds of software before its name: "the browser Firefox", "the analysis tool Piero", "video
# game World of Warcraft" (a game only after "video" or "computer": "a game Arsenal won").
_SOFTWARE = word_set("browser tool game")
_GAME_KINDS = word_set("video computer online")
# A storm's name after its noun (`STORMS`, "Hurricane Humberto") is no name in any mention of the
# story (guideline 9), nor a tropical depression's ("Tropical Depression Three").
_DEPRESSION = "Depression"
# Cues of a work by how it relates to others: in a list of them, or followed by one.
_RELATING_CUES = _LISTING | _FOLLOWING_WORKS | {"as"}
# The words that may announce a title after them (`_title_after`).
_CUES_BEFORE = (
    STORMS
    | {_DEPRESSION}
    | WORK_NOUNS
    | _NAMING_WORKS
    | _LISTING
    | _SOFTWARE
    | _FOLLOWING_WORKS
    | {"show", "'s", "for", "as"}
)
# Words that, shortly before "for", make the sentence one of prizes: "best actress for X",
# "most promising newcomer for X", "the design award for X".
_PRIZE_WORDS = word_set(
    "best award awards prize prizes gong nominated nomination nominations promising"
)
# The categories of prizes a work wins, just before "for": "best actress for X", "the best
# album gong for X" (not "his best game for Chelsea").
_PRIZE_CATEGORIES = word_set(
    """
    actor actress director playwright newcomer performer writer screenplay designer design
    title song album film single video musical play comedy drama programme series show
    nominated nomination nominations
    """
)
# A prize's own nouns, after its category: "the design award for X" (not a winner's: "a top gig
# award for Scissor Sisters").
_PRIZE_NOUNS = word_set("award awards prize prizes gong")
# Capitalised last words of events, awards, laws and diseases: "the IAAF World Athletics
# Championships", "the Defender of Democracy Award", "the Legion of Honour", "the Paris
# Agreement", "the Greater London Act", "the Consumer Credit Bill", "Middle East Respiratory
# Syndrome", "the Chicago Marathon", "the Eurovision Song Contest", "the Consumer Electronics
# Show", "the Iran Hostage Crisis", "the Marshall Plan", "the Common Agricultural Policy",
# "British Sign Language", or alone after "the" ("the Bill", "the Constitution"); also before "of":
# "National Medal of Science".
_THING_HEADS = word_set(
    """
    Award Awards Prize Prizes Medal Medals Trophy Championship Championships Cup Olympics Finals
    Festival Challenge Agreement Treaty Accord Act Bill Directive Syndrome Honour Honor Merit
    Marathon Contest Show Expo Crisis Competition Constitution Clause Plan Policy Language Paper
    Telescope
    """
)
# Lower-case kinds of event that, after a year and a name, make the name an event's: "the 2004
# Six Nations championship" (not a body's season: "the 2020 Rugby Union season").
_EVENT_NOUNS = word_set("championship championships tournament final finals games rally marathon")
# The short names of the best-known prizes, awards on their own: "up for an Oscar", "12 Oscar
# nominations", "two Baftas" (not "Oscar Wilde").
_AWARD_NAMES = word_set("Oscar Oscars Bafta Baftas BAFTA BAFTAs Grammy Grammys Emmy Emmys")
# Named days, events (guideline 9): "Super Tuesday", "Black Friday", "Good Friday".
_WEEKDAYS = word_set("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_DAY_NAMES = word_set("Super Black Cyber Good Bloody Ash Holy Maundy Palm Easter Blue Giving")
# Every word that makes a cue of `work_phrases`.
_CUES = _CUES_BEFORE | _THING_HEADS | _EVENT_NOUNS | _AWARD_NAMES | _WEEKDAYS | {"by", "("}
# Lower-case words inside a title, between capitalised ones: "One Flew Over the Cuckoo's Nest"
# (not "in" or "on": "the Championships in Doha", "Colectiva on January 10").
_INSIDE_TITLES = word_set("of the")
# Punctuation a clause ends at: a prize word before it is no part of a clause after it.
_CLAUSE_ENDS = frozenset(",.;:()\"'")
_YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
# A product's number ("Halo 2") or model code ("Amazon S3", "Airbus A320").
_NUMBER = re.compile(r"^\d{1,2}$")
_MODEL_CODE = re.compile(r"^[A-Z]{1,3}\d{1,4}$")
# Half-years and quarters, "H1 profit", "Q3 sales" (a company's, not a product's), and teams by
# age, "Iceland U21 star" (a country's).
_NOT_MODELS = re.compile(r"^(?:[HQ][1-4]|U\d\d)$")
# Verbs after a product's number: "Metal Slug 3 is a wake-up call".
_VERBS = word_set("is was has had will are were")
# Last words of bodies named with a number: "Channel 4", "Radio 1".
_BODY_ENDINGS = ORGANIZATION_WORDS | {"channel"}


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _joins_title(word: str) -> bool:
    """A word that may join two capitalised words of one title."""
    return word in _INSIDE_TITLES or word in ("'", "'s") or word[:1].isdigit()


def _title_end(words: list[str], first: int) -> int:
    """The last word of the title starting at `first`."""
    last = first
    while last + 1 < len(words):
        if _capitalised(words[last + 1]):
            last += 1
        elif (
            _joins_title(words[last + 1])
            and last + 2 < len(words)
            and _capitalised(words[last + 2])
        ):
            last += 2
        else:
            break
    return last


def _title_start(words: list[str], last: int) -> int:
    """The first word of the title ending at `last`; not past an owner's "'s" ("Parliamentarians
    for Global Action's Defender of Democracy Award" is the award alone)."""
    first = last
    while first > 0:
        if _capitalised(words[first - 1]):
            first -= 1
        elif (
            words[first - 1] != "'s"
            and _joins_title(words[first - 1])
            and first >= 2
            and _capitalised(words[first - 2])
        ):
            first -= 2
        else:
            break
    return first


def work_phrases(
    words: list[str], entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> list[Phrase]:
    """The phrases of a sentence its words mark as works, events, awards, products, laws or
    diseases (`entities`: its names, as `apply_rules` gives them). The sentence is scanned once,
    for the words that make a cue; a product's number is looked for after each name."""
    phrases: list[Phrase] = []
    cues = () if _CUES.isdisjoint(words) else compress(count(), map(_CUES.__contains__, words))
    for index in cues:
        word = words[index]
        if word in _CUES_BEFORE:
            first = (
                _title_after(words, index, entities, lexicon) if index + 1 < len(words) else None
            )
            if first is not None:
                phrases += _titles_after_cue(words, index, first)
        elif word == "(":
            if _defined_as_a_thing(words, index):
                phrases.append((index + 1, index + 1))
        elif word in _WEEKDAYS:
            if index > 0 and words[index - 1] in _DAY_NAMES:
                phrases.append((index - 1, index))
        elif word in _AWARD_NAMES:
            if not any(map(_capitalised, words[index - 1 : index] + words[index + 1 : index + 2])):
                phrases.append((index, index))
        elif word == "by":
            if index > 0 and _authored(words, index - 1, entities):
                phrases.append((_title_start(words, index - 1), index - 1))
        elif word in _EVENT_NOUNS:
            if index > 0 and _capitalised(words[index - 1]):
                first = _title_start(words, index - 1)
                if first > 0 and _YEAR.match(words[first - 1]):  # "the 2004 Six Nations final"
                    phrases.append((first, index - 1))
        elif index + 1 == len(words) or not (
            _capitalised(words[index + 1]) or words[index + 1] in NAME_PARTICLES
        ):  # (a first name before a surname's particle: "Mayor Bill de Blasio")
            first = _title_start(words, index)  # a head: "the Paris Agreement"
            if first < index or words[index - 1 : index] == ["the"]:  # "when the Bill is debated"
                phrases.append((first, _title_end(words, index)))
    last_word = len(words) - 1
    for _, first, last in entities:
        # "Amazon S3" read as one name, or "Metal Slug" before its number (both end in a digit)
        end = last - 1 if first < last and words[last][-1].isdigit() else last
        if end < last_word and words[end + 1][-1].isdigit() and _numbered(words, end, lexicon):
            phrases.append((_title_start(words, end), end + 1))
    if not phrases:
        return phrases
    return [(first, last) for first, last in phrases if first < last or words[first] != "The"]


def _titles_after_cue(words: list[str], cue: int, first: int) -> Iterator[Phrase]:
    """The titles the word `words[cue]` says are works, the first starting at `first` (as
    `_title_after` finds it): one, or each of a list of works ("hits including Street Life,
    Love Is The Drug and Jealous Guy")."""
    if (
        first >= len(words)
        or not _capitalised(words[first])
        or is_title_word(words[first])  # a person or an office: "programme Mr Blair said"
    ):
        return
    last = _title_end(words, first)
    if first == last and is_acronym(words[first]):
        return  # an acronym names a body far more often: "the movie NEC is showing"
    if words[cue] in _RELATING_CUES and last + 1 < len(words) and words[last + 1] in _MAKERS_AFTER:
        return  # the work's maker, its work after: "a remake of Roald Dahl's classic Charlie"
    yield first, last
    while (
        (words[cue] in _LISTING or words[cue] == "as")
        and words[last + 1 : last + 2] in ([","], ["and"])
        and last + 2 < len(words)
        and _capitalised(words[last + 2])
    ):
        first = last + 2
        last = _title_end(words, first)
        yield first, last


def _title_after(
    words: list[str], cue: int, entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> int | None:
    """Where the title the cue word `words[cue]` announces starts, if it announces one: after
    the kind of work ("the album Avalon", "the talk show Morning Joe", "the 1981 John Lennon
    cover, Jealous Guy"), a year's possessive ("1972's Virginia Plain"), "for" in a sentence of
    prizes ("best actress for Suddenly Last Summer"), or a list of works ("hits including")."""
    cue_word = words[cue]
    before = words[cue - 1] if cue > 0 else ""
    # The most frequent cue words first: "for" and "'s" are most of them.
    if cue_word == "for":
        return _title_after_a_prize(words, cue, entities, lexicon)
    if cue_word == "'s":
        # "1972's Virginia Plain"; a person's work, named with its article: "Alan Bennett's The
        # History Boys"
        if _YEAR.match(before) or (
            words[cue + 1] == "The"
            and cue + 2 < len(words)
            and _capitalised(words[cue + 2])
            and any(label == "PER" and last == cue - 1 for label, _, last in entities)
        ):
            return cue + 1
        return None
    if cue_word in STORMS or (cue_word == _DEPRESSION and before == "Tropical"):
        return cue + 1
    if cue_word == "as":  # "TV series such as The Professionals, Minder and Bergerac"
        return cue + 1 if before == "such" and cue > 1 and words[cue - 2] in _WORK_PLURALS else None
    if cue_word in _FOLLOWING_WORKS:
        return cue + 2 if words[cue + 1] in ("to", "of") else None
    if cue_word in _NAMING_WORKS and words[cue + 1] == ",":
        # "the 1981 Lennon cover, Jealous Guy"; not a speaker: "the song, Kapranos said"
        return None if SPEECH.intersection(words[cue + 2 : cue + 7]) else cue + 2
    if (
        cue_word in WORK_NOUNS
        or (cue_word in _SOFTWARE and cue_word != "game")
        or (cue_word == "game" and before in _GAME_KINDS)
    ):
        return cue + 1
    if cue_word in _NAMING_WORKS:
        return None
    if cue_word == "show":
        return cue + 1 if before in _SHOWS else None
    return cue + 1 if before in _WORK_PLURALS else None  # "hits including", "credits include"


def _title_after_a_prize(
    words: list[str], cue: int, entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> int | None:
    """ "best actor for Hamlet", "best supporting actress for the RSC's Hamlet": where the title
    after "for" starts in a sentence of prizes, a prize's category just before "for" or its
    prize ("the album gong for X"; past "the", and an owner with a name of its own); not a
    person's name ("best director for Jane Campion"), nor a team's ("his best game for
    Chelsea")."""
    category = cue - 2 if cue > 1 and words[cue - 1] in _PRIZE_NOUNS else cue - 1
    if category < 0 or words[category] not in _PRIZE_CATEGORIES:
        return None
    for word in reversed(words[max(cue - 6, 0) : cue]):
        if word in _CLAUSE_ENDS:
            return None
        if word in _PRIZE_WORDS:
            break
    else:
        return None
    first = cue + 2 if words[cue + 1] == "the" else cue + 1
    if _person_at(words, first, entities, lexicon):
        return None
    owner = [last for _, start, last in entities if start == first]
    return owner[0] + 2 if owner and words[owner[0] + 1 : owner[0] + 2] == ["'s"] else first


def _person_at(
    words: list[str], first: int, entities: list[tuple[str, int, int]], lexicon: Lexicon
) -> bool:
    """Whether a person's name starts at `first`: read as one, and no common word in it ("Jane
    Campion", not "This Love")."""
    return any(
        label == "PER"
        and start == first
        and not any(word.lower() in lexicon.common_words for word in words[start : last + 1])
        for label, start, last in entities
    )


def _authored(words: list[str], index: int, entities: list[tuple[str, int, int]]) -> bool:
    """Whether a work's title ends at `index`, its author after it, opening the sentence ("The
    History Boys by Alan Bennett has been named"); not a place ("Britain by Richard Hannon")."""
    if not _capitalised(words[index]):
        return False
    first = _title_start(words, index)
    return (
        (first == 0 or words[first - 1] in OPENING_QUOTES)
        and any(label == "PER" and start == index + 2 for label, start, _ in entities)
        and ("LOC", first, index) not in entities
    )


def _numbered(words: list[str], index: int, lexicon: Lexicon) -> bool:
    """Whether a product's name ends at `index`, its model code ("Amazon S3 buckets") or its
    number after it ("Metal Slug 3 is"); not a body's ("US band Maroon 5 has", "Channel 4 is"),
    a common word's ("Region 12") or the second team's of a score ("Israel 2, Bulgaria 0")."""
    after = words[index + 1 : index + 4]
    if not (
        (_MODEL_CODE.match(after[0]) and not _NOT_MODELS.match(after[0]))
        or (_NUMBER.match(after[0]) and _ends_a_products_number(words, after[1:]))
    ):
        return False
    first = _title_start(words, index)
    return (
        (first == 0 or words[first - 1] not in BODY_NOUNS)
        and words[index].lower() not in _BODY_ENDINGS
        and not (first == index and words[index].lower() in lexicon.common_words)
        and not (first > 1 and words[first - 1] == "," and words[first - 2].isdigit())
    )


def _ends_a_products_number(words: list[str], rest: list[str]) -> bool:
    """Whether the words after a number (`rest`) make it a product's: a verb ("Metal Slug 3
    is"), or in prose the sentence's end ("the sequel, Halo 2.") or a comma and a lower-case
    word ("Halo 2, which"); not a score in a table ("Israel 2, Bulgaria 0")."""
    if rest[:1] and rest[0] in _VERBS:
        return True
    ends_a_clause = rest[:1] in ([], ["."]) or (
        rest[:1] == [","] and rest[1:] != [] and rest[1].islower()
    )
    return ends_a_clause and sum(len(word) > 2 and word.islower() for word in words) >= 3


def _defined_as_a_thing(words: list[str], bracket: int) -> bool:
    """ "a personal video recorder (PVR)", "radio frequency ID (RFID)": an acronym in brackets
    after the lower-case words it abbreviates (an acronym among them gives all its letters)
    names a thing, not a body (a body's name is capitalised)."""
    if bracket + 2 >= len(words) or words[bracket + 2] != ")":
        return False
    acronym = words[bracket + 1]
    if len(acronym) < 2 or not (acronym.isupper() and acronym.isalpha()):
        return False
    letters = ""
    expansion: list[str] = []
    for word in reversed(words[max(bracket - len(acronym), 0) : bracket]):
        if not (word.islower() or word.isupper()) or not word.isalpha():
            return False
        expansion.append(word)
        letters = (word.lower() if word.isupper() else word[0]) + letters
        if letters == acronym.lower():
            return any(map(str.islower, expansion))
    return False


def outside_phrases(
    entities: list[tuple[str, int, int]], phrases: list[Phrase]
) -> list[tuple[str, int, int]]:
    """The entities no phrase overlaps."""
    return [
        entity
        for entity in entities
        if all(entity[2] < first or entity[1] > last for first, last in phrases)
    ]


def work_name(text: str) -> str:
    """How a work is looked for elsewhere in its story: without a leading "The"."""
    return text[4:] if text.startswith("The ") else text


def named_works(text: str, names: set[str]) -> list[tuple[int, int]]:
    """(start, end) of every mention in `text` of the works `names`, in the plural too ("PVRs")."""
    if not names:
        return []
    pattern = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return [match.span() for match in re.finditer(rf"(?<!\w)(?:{pattern})s?(?!\w)", text)]
