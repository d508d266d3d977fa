"""The default extractor: a small tagger trained on CoNLL-2003, then rules for modern news.

No model download: the tagger's weights ship in `data/`. Construction loads them once per
process; `extract` only tokenises, tags and tidies, so it is fast and deterministic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from dataclasses import replace
from functools import cached_property
from itertools import compress, count, repeat
from operator import contains, itemgetter

from articles.entities.brands import brand_spans, reads_as_no_brand
from articles.entities.canonical import (
    Span,
    canonicalize,
    fold,
    settled_kind,
)
from articles.entities.cues import (
    LEGAL_FORMS,
    is_sports_story,
    lost_to,
    organization_cue,
    result_opponent,
    team_cue,
    team_staff_cue,
)
from articles.entities.rules import (
    COUNTRY_ABBREVIATIONS,
    OPENING_QUOTES,
    Lexicon,
    apply_rules,
    hyphenated_places,
    is_personal_title,
    named_as_a_place,
    nationalities,
)
from articles.entities.tagger import (
    PackedModel,
    Tagger,
    load_countries_and_states,
    load_model,
    load_regions,
)
from articles.entities.tokens import sentence_bounds, tokenize
from articles.entities.vetting import Clues, NameVetter, Places, load_vetter, name_features
from articles.entities.works import (
    named_works,
    outside_phrases,
    work_name,
    work_phrases,
)
from articles.model import TEXT_FIELDS, Entities, EntityKind, TextField

_LOWER_CASE_WORD = re.compile(r"\b[a-z]+\b")

KINDS_BY_LABEL: dict[str, EntityKind] = {"PER": "person", "LOC": "place", "ORG": "organization"}


def agree_on_kinds(
    spans: list[Span], known_places: Collection[str] = (), cued_places: Collection[str] = ()
) -> list[Span]:
    """Settle the kind of a text the tagger read two ways in one article.

    The tagger sees one sentence at a time: "Baku" may look like a person in one sentence and a
    place in another, and an article means one thing by it throughout. A person reading loses
    a tie; a one-word organisation gives way to a place read more often. A terse headline is
    read less surely than the body: a title's entity takes the kind the body gives it, and one
    the body never names is dropped (a capitalised headline word), unless it is a place of
    `known_places`, which is that place ("Bus crashes in Cuba": the body may say "the island";
    "New South Wales decriminalises abortion", read as a body, over a story of its parliament).
    A name of `cued_places`, which the words around one of its mentions say is a place ("the
    island of Samos"), is that place in every mention.
    """
    body_spans = [span for span in spans if span.field == "body"]
    votes: dict[str, Counter[EntityKind]] = {}
    for span in body_spans or spans:
        votes.setdefault(span.text, Counter())[span.kind] += 1
    named_in_body = {fold(span.text) for span in body_spans} | {
        fold(span.text.split()[-1]) for span in body_spans if span.kind == "person"
    }
    settled: dict[str, EntityKind] = {}
    agreed = []
    for span in spans:
        if span.text in cued_places:
            agreed.append(_with_kind(span, "place"))
            continue
        if span.field == "title" and body_spans:
            if fold(span.text) not in named_in_body:
                if span.text not in known_places:
                    continue
                span = _with_kind(span, "place")  # whatever the terse headline made of it
            elif span.text in votes:
                span = _with_kind(span, _settled(span.text, votes, settled))
        elif span.kind == "person":
            span = _with_kind(span, _settled(span.text, votes, settled))
        elif span.kind == "organization" and " " not in span.text:
            # "the Baku Rapid Open" in a story set in Baku: a one-word body most of whose
            # mentions are a place is that place.
            kinds = votes[span.text]
            if kinds["place"] > kinds["organization"]:
                span = _with_kind(span, "place")
        agreed.append(span)
    return agreed


def towns_as_places(spans: list[Span], place_names: Collection[str]) -> list[Span]:
    """A one-word town the tagger read as a body, in a story not about sport, is the town
    ("Barcelona officials said": CoNLL-2003's sports pages taught it clubs). A company cue
    still makes it a company ("shares of Barcelona": `canonicalize` follows the cue)."""
    return [
        _with_kind(span, "place")
        if span.kind == "organization" and " " not in span.text and span.text in place_names
        else span
        for span in spans
    ]


def regions_as_places(spans: list[Span], regions: Collection[str]) -> list[Span]:
    """A state or province the tagger read as a body or a person, in a story not about sport,
    is the place ("New South Wales decriminalizes abortion", "police in Assam": CoNLL-2003's
    sports pages taught it Queensland's cricket team), unless it is a word of a person's name
    the story gives in full ("Victoria" of "Victoria Beckham"). A company cue still makes it a
    company (`canonicalize` follows the cue)."""
    people_words = {
        word
        for span in spans
        if span.kind == "person" and " " in span.text
        for word in span.text.split()
    }
    return [
        _with_kind(span, "place")
        if span.kind != "place" and span.text in regions and span.text not in people_words
        else span
        for span in spans
    ]


def _with_kind(span: Span, kind: EntityKind) -> Span:
    return span if span.kind == kind else span._replace(kind=kind)


def _settled(
    text: str, votes: dict[str, Counter[EntityKind]], settled: dict[str, EntityKind]
) -> EntityKind:
    """The settled kind of `text`, worked out once per article."""
    if text not in settled:
        settled[text] = settled_kind(votes[text])
    return settled[text]


def campuses_kept_whole(
    words: list[str], entities: list[tuple[str, int, int]]
) -> list[tuple[str, int, int]]:
    """A university and the place after its comma are one name, the campus's: "University of
    California, San Diego" (a sentence's entities, as `apply_rules` gives them); not in a list
    ("the University of Oxford, London and Paris"), nor a name after the campus."""
    kept: list[tuple[str, int, int]] = []
    for label, first, last in entities:
        if (
            label == "LOC"
            and kept
            and kept[-1][0] == "ORG"
            and kept[-1][2] == first - 2
            and words[first - 1] == ","
            and words[kept[-1][1]] == "University"
            and "," not in words[kept[-1][1] : kept[-1][2]]  # one campus: not ", Munk said"
            and words[kept[-1][1] + 1 : kept[-1][1] + 2] == ["of"]
            and words[last + 1 : last + 2] not in (["and"], ["or"])  # a list of places
        ):
            kept[-1] = ("ORG", kept[-1][1], last)
        else:
            kept.append((label, first, last))
    return kept


# A capitalised word the tagger left out: (text, start, end, field).
UntaggedWord = tuple[str, int, int, TextField]


def names_found_elsewhere(spans: list[Span], untagged_words: list[UntaggedWord]) -> list[Span]:
    """Untagged words the article names elsewhere: a one-word entity ("Pirelli"), or the surname
    of a person named in full."""
    kinds: dict[str, EntityKind] = {}
    for span in spans:
        if " " not in span.text:
            kinds.setdefault(span.text, span.kind)
    for span in spans:
        if span.kind == "person" and " " in span.text:
            kinds[span.text.split()[-1]] = "person"
    return [
        Span(kinds[text], start, end, field, text)
        for text, start, end, field in untagged_words
        if text in kinds
    ]


def title_names_from_body(
    title: str, spans: list[Span], untagged_words: list[UntaggedWord]
) -> tuple[list[Span], list[UntaggedWord]]:
    """The headline's words that the body names, read as the body's names, longest first: a
    terse sentence-case headline misleads the tagger ("New Hampshire crash kills seven": it saw
    "Hampshire", a body). A name the tagger read longer in the title stays ("US Department of
    Justice" holds "US"); a lone word nothing was read in is left to `names_found_elsewhere`."""
    title_spans = [span for span in spans if span.field == "title"]
    body_kinds = {span.text: span.kind for span in spans if span.field == "body"}
    found: list[Span] = []
    for name in sorted(body_kinds, key=len, reverse=True):
        if name not in title:
            continue  # most of the body's names: no pattern to compile
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", title):
            start, end = match.span()
            read = [span for span in title_spans if span.start < end and start < span.end]
            if (
                any(span.start < start or span.end > end for span in read)
                or any(span.start < end and start < span.end for span in found)
                or (not read and " " not in name)
                or [(span.start, span.end) for span in read] == [(start, end)]
            ):
                continue
            # `agree_on_kinds` then settles the kind by the body's votes.
            found.append(Span(body_kinds[name], start, end, "title", name))
    if not found:
        return spans, untagged_words

    def replaced(field: TextField, start: int, end: int) -> bool:
        return field == "title" and any(new.start < end and start < new.end for new in found)

    kept = [span for span in spans if not replaced(span.field, span.start, span.end)]
    untagged = [word for word in untagged_words if not replaced(word[3], word[1], word[2])]
    return kept + found, untagged


def _teams_shown(entities: Entities, cued: set[tuple[TextField, int]]) -> tuple[str, ...]:
    """The organisations a story about sport shows to be one by a cue, a team's or a company's
    ("Chelsea are"): the archive's evidence of clubs. Not a word of one letter ("I")."""
    return tuple(
        sorted(
            {
                mention.name
                for mention in entities.mentions
                if mention.kind == "organization"
                and (mention.field, mention.start) in cued
                and len(mention.name) > 1
            }
        )
    )


class DefaultExtractor:
    name = "default"

    def __init__(self, model: PackedModel | None = None, vetter: NameVetter | None = None) -> None:
        """`model`: the tagger's weights, `vetter` the name vetter's, the shipped ones when None
        (others are for benchmarks scoring models being trained; a worker process loads the
        shipped ones)."""
        self._model = model
        self._given_vetter = vetter

    # The model loads on the first extraction: a build whose worker processes extract never
    # needs it in the process that made the extractor (a second or more of start-up).
    @cached_property
    def _tagger(self) -> Tagger:
        return Tagger(self._model or load_model())

    @cached_property
    def _lexicon(self) -> Lexicon:
        tagger = self._tagger
        return Lexicon(
            tagger.common_words,
            tagger.known_words,
            nationalities(tagger.place_names | self._countries_and_states),
            tagger.place_names,
            frozenset(map(fold, self._countries_and_states)),
        )

    @cached_property
    def _vetter(self) -> NameVetter:
        return self._given_vetter or load_vetter()

    @cached_property
    def _places(self) -> Places:
        return Places(
            self._known_places,
            self._lexicon.countries_and_states,
            self._regions,
        )

    @cached_property
    def _countries_and_states(self) -> frozenset[str]:
        return load_countries_and_states()

    @cached_property
    def _known_places(self) -> frozenset[str]:
        """Places by name: the tagger's, the countries and states, their abbreviations and
        the regions."""
        return (
            self._lexicon.place_names
            | self._countries_and_states
            | self._regions
            | COUNTRY_ABBREVIATIONS
        )

    @cached_property
    def _regions(self) -> frozenset[str]:
        return load_regions()

    # A worker process loads the shipped model when it starts, before its first article, instead
    # of unpickling it.
    def __getstate__(self) -> dict[str, object]:
        return {}

    def __setstate__(self, state: dict[str, object]) -> None:
        self._model = None
        self._given_vetter = None
        self._lexicon  # noqa: B018 (reading it loads the model)
        self._vetter  # noqa: B018

    def extract(self, title: str, body: str) -> Entities:
        entities, features = self.read(title, body)
        vetted = self._vetter.vetted(entities, features)
        # The story's evidence for the archive, less the names the vetter read otherwise (a
        # short name "Quillfox" of "Quillfox Inc" is no name of the story's own, and stays).
        organizations = set(vetted.names["organization"])
        read_otherwise = set(features) - organizations
        return replace(
            vetted,
            cued_organizations=tuple(
                name for name in entities.cued_organizations if name not in read_otherwise
            ),
            cued_clubs=tuple(name for name in entities.cued_clubs if name not in read_otherwise),
        )

    def read(self, title: str, body: str) -> tuple[Entities, dict[str, set[str]]]:
        """The entities the tagger and the rules find, before the name vetter's look, and the
        features the vetter weighs per name (`articles.entities.vetting`)."""
        spans: list[Span] = []
        untagged_words: list[UntaggedWord] = []
        cued: set[tuple[TextField, int]] = set()
        company_cued: set[tuple[TextField, int]] = set()  # of `cued`, those not a team's
        works: set[str] = set()
        cued_places: set[str] = set()
        titled: set[tuple[TextField, int]] = set()
        # Words the article writes in lower case: "Jazz" opening a sentence is that word, no name.
        lower_case_words = frozenset(_LOWER_CASE_WORD.findall(body))
        # A team's cue counts only in a story about sport ("a win over Gdansk" in a story about
        # ports is a town's), and a town read as a body outside sport is the town.
        heading = body.partition("\n")[0]  # a wire's "SOCCER - ..." slug
        sports = is_sports_story(lower_case_words, title + "\n" + heading, body)
        for text, field in zip((title, body), TEXT_FIELDS, strict=True):
            self._find(
                text,
                field,
                spans,
                untagged_words,
                lower_case_words,
                cued,
                company_cued,
                sports,
                works,
                cued_places,
                titled,
            )
            brands = brand_spans(text, field)
            if brands:  # "AT&T" is a capitalised word the tagger left, no longer untagged
                found = {span.start for span in spans if span.field == field}
                brands = [brand for brand in brands if brand.start not in found]
                starts = {brand.start for brand in brands}
                untagged_words = [w for w in untagged_words if w[3] != field or w[1] not in starts]
                spans += brands
        if works:
            spans, untagged_words = self._without_works(title, body, works, spans, untagged_words)
        spans, untagged_words = title_names_from_body(title, spans, untagged_words)
        spans = agree_on_kinds(spans, self._known_places, cued_places)
        spans += names_found_elsewhere(spans, untagged_words)
        spans.sort(key=lambda span: (span.field != "title", span.start))
        if not sports:
            spans = towns_as_places(spans, self._lexicon.place_names)
            spans = regions_as_places(spans, self._regions)
        entities = canonicalize(spans, cued, titled)
        entities = replace(
            entities,
            cued_organizations=self._companies_shown(entities, company_cued),
            cued_clubs=_teams_shown(entities, cued) if sports else (),
        )
        clues = Clues(cued, company_cued, titled, cued_places, lower_case_words, sports)
        return entities, name_features(entities, title, body, clues, self._lexicon, self._places)

    def _companies_shown(
        self, entities: Entities, company_cued: set[tuple[TextField, int]]
    ) -> tuple[str, ...]:
        """The organisations the story's words show to be one, by company cues, not a team's:
        the archive's evidence. A company named with its legal form shows its short name too
        ("Quillfox Inc": "Quillfox"). A known place is left out ("shares in UK banking"), and
        so is a common word alone ("Cable" of "Cable and Wireless Plc", "United" of "United
        Technologies Corp"): elsewhere it is seldom that company."""
        shown = set()
        for mention in entities.mentions:
            if mention.kind == "organization" and (mention.field, mention.start) in company_cued:
                shown.add(mention.name)
                words = mention.name.split()
                if len(words) == 2 and words[1].lower() in LEGAL_FORMS:
                    shown.add(words[0])
        common_words = self._lexicon.common_words
        return tuple(
            sorted(
                name
                for name in shown - self._known_places
                if " " in name or name.lower() not in common_words
            )
        )

    def _teams_left_out(
        self,
        words: list[str],
        tags: list[str],
        covered: set[int],
        starts: list[int],
        sentence_start: int,
        line_start: int,
        field: TextField,
        spans: list[Span],
        cued: set[tuple[TextField, int]],
    ) -> None:
        """Clubs named by a word of the language that the tagger left out before their staff,
        in a story about sport: "the Wolves coach", "Saints fans" (not a sentence's first word,
        a nationality, nor a country's team: CoNLL-2003 reads it as the country)."""
        for index in range(1, len(words) - 1):
            word = words[index]
            if (
                team_staff_cue(words, index)  # a set's look-up: most words end here
                and index not in covered
                and word[:1].isupper()
                and word.isalpha()
                and len(word) > 3
                # a nickname in the plural, or a word the language does not have: not "the
                # Premiership side", "Assistant coach"
                and (word.endswith("s") or word.lower() not in self._lexicon.common_words)
                and (words[index - 1] == "The" or not words[index - 1][:1].isupper())
                and not tags[index].endswith("MISC")  # "Belgian coach Wilfried Van Moer"
                and word not in self._lexicon.nationalities
                and fold(word) not in self._lexicon.countries_and_states
            ):
                covered.add(index)
                start = line_start + starts[sentence_start + index]
                spans.append(Span("organization", start, start + len(word), field, word))
                cued.add((field, start))

    def _names_a_team(
        self,
        words: list[str],
        first: int,
        last: int,
        kind: EntityKind,
        name: str,
        opponents: set[int],
    ) -> bool:
        """Whether the words around a town's name, or an organisation's before its staff, say it
        is a club ("Caloundra defeated Maroochydore", "the Maroochydore captain": a small town
        may be read as a person);
        `opponents` are where the teams a result names after a club start. A country's or a US
        state's stays the place (CoNLL-2003 reads a national team so), and a person who beat
        another stays that person."""
        if kind == "person":
            return first == last and (
                team_staff_cue(words, last)
                or lost_to(words, first)
                or (first in opponents and fold(name) not in self._lexicon.countries_and_states)
            )
        if kind == "organization" and team_staff_cue(words, last):
            # "the Wasps coach": a club of any name, for the archive's evidence of clubs
            return fold(name) not in self._lexicon.countries_and_states
        place_names = self._lexicon.place_names
        return (
            team_cue(words, first, last)
            and (kind == "place" or all(word in place_names for word in words[first : last + 1]))
            and fold(name) not in self._lexicon.countries_and_states
        )

    def _without_works(
        self,
        title: str,
        body: str,
        works: set[str],
        spans: list[Span],
        untagged_words: list[UntaggedWord],
    ) -> tuple[list[Span], list[UntaggedWord]]:
        """The spans and capitalised words outside every mention of the story's `works`: a title
        the story once marks as a work is one throughout ("The History Boys by Alan Bennett won.
        The History Boys has run for a year."); a one-word place keeps its other mentions."""
        names = {name for name in works if name not in self._lexicon.place_names}
        mentions = {
            field: named_works(text, names)
            for text, field in zip((title, body), TEXT_FIELDS, strict=True)
        }

        # Only a name within a mention goes: "Muhammad Ali" stays beside the film "Ali".
        def outside(field: TextField, start: int, end: int) -> bool:
            return not any(first <= start and end <= last for first, last in mentions[field])

        return (
            [span for span in spans if outside(span.field, span.start, span.end)],
            [word for word in untagged_words if outside(word[3], word[1], word[2])],
        )

    def _find(
        self,
        text: str,
        field: TextField,
        spans: list[Span],
        untagged_words: list[UntaggedWord],
        lower_case_words: frozenset[str],
        cued: set[tuple[TextField, int]],
        company_cued: set[tuple[TextField, int]],
        sports: bool,
        works: set[str],
        cued_places: set[str],
        titled: set[tuple[TextField, int]],
    ) -> None:
        """Add the entities in `text` to `spans`, and its other capitalised words (they may be
        named elsewhere) to `untagged_words`; (field, start) of the organisations the words
        around them say are one to `cued` and `company_cued` (and of the teams, in a story about
        `sports`, to `cued` alone), the works, events and products the words around them say
        are one to `works`, the names they say are places ("the island of Samos") to
        `cued_places`, and (field, start) of the people named after a title only people have
        ("Mr Mittal") to `titled`. A word opening a sentence that the article also writes in
        lower case is neither."""
        place_names = self._lexicon.place_names
        line_start = 0
        for line in text.split("\n"):
            line_words, starts = tokenize(line)
            for sentence_start, sentence_end in sentence_bounds(line_words):
                words = line_words[sentence_start:sentence_end]
                tags = self._tagger.tag(words)
                opening = 1 if words[0] in OPENING_QUOTES and len(words) > 1 else 0
                common_opening = words[opening].lower() in lower_case_words
                entities = apply_rules(words, tags, self._lexicon)
                phrases = work_phrases(words, entities, self._lexicon)
                covered: set[int] = set()
                opponents: set[int] = set()  # where the teams a result names after a team start
                for first, last in phrases:
                    covered.update(range(first, last + 1))
                    start = line_start + starts[sentence_start + first]
                    end = line_start + starts[sentence_start + last] + len(words[last])
                    works.add(work_name(text[start:end]))
                for index in compress(count(), map(contains, words, repeat("-"))):
                    for part_start, part_end in hyphenated_places(words[index], place_names):
                        covered.add(index)
                        start = line_start + starts[sentence_start + index] + part_start
                        end = start + part_end - part_start
                        spans.append(Span("place", start, end, field, text[start:end]))
                for label, first, last in campuses_kept_whole(
                    words, outside_phrases(entities, phrases) if phrases else entities
                ):
                    if not covered.isdisjoint(range(first, last + 1)):
                        continue  # "Baku-Tbilisi-Kars": its places, found above
                    kind = KINDS_BY_LABEL.get(label)
                    # A word read as MISC ("Đorđević has paid") may be a name found elsewhere.
                    if label != "MISC" or first != last:
                        covered.update(range(first, last + 1))
                    if (
                        not kind
                        or (first == last == opening and common_opening)
                        or (
                            first == last
                            and words[first][:1].islower()
                            and reads_as_no_brand(
                                words[first], words[last + 1] if last + 1 < len(words) else None
                            )
                        )
                    ):
                        continue
                    start = line_start + starts[sentence_start + first]
                    end = line_start + starts[sentence_start + last] + len(words[last])
                    spans.append(Span(kind, start, end, field, text[start:end]))
                    if kind == "place" and named_as_a_place(words, first, last):
                        cued_places.add(text[start:end])
                    elif kind == "person" and first > 0 and is_personal_title(words[first - 1]):
                        titled.add((field, start))
                    elif kind == "organization" and organization_cue(words, first, last):
                        cued.add((field, start))
                        company_cued.add((field, start))
                    elif sports and self._names_a_team(
                        words, first, last, kind, text[start:end], opponents
                    ):
                        cued.add((field, start))
                        opponent = result_opponent(words, last)  # "Caloundra defeated Noosa"
                        if opponent is not None:
                            opponents.add(opponent)
                if sports:
                    self._teams_left_out(
                        words, tags, covered, starts, sentence_start, line_start, field, spans, cued
                    )
                if common_opening:
                    covered.add(opening)
                for index in compress(count(), map(str.isupper, map(itemgetter(0), words))):
                    if index not in covered:
                        start = starts[sentence_start + index]
                        end = start + len(words[index])
                        untagged_words.append(
                            (line[start:end], line_start + start, line_start + end, field)
                        )
            line_start += len(line) + 1
