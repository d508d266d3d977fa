"""Kinds a story's own words settle: a strong organisation cue holds for every mention of the
name; campuses and surnames with several particles; works, events, awards, products and laws
(guideline 9) are no names, in every mention the story marks once."""

from __future__ import annotations

import pytest

from articles.entities import get_extractor
from articles.model import Entities


@pytest.fixture(scope="module")
def extractor():
    return get_extractor("default")


def kinds(entities: Entities) -> dict[str, str]:
    return {mention.name: mention.kind for mention in entities.mentions}


@pytest.mark.parametrize(
    "body",
    [
        "Investors sold shares of Halvorsen on Tuesday. Analysts expect Halvorsen to cut jobs.",
        "Halvorsen Inc. lost a fifth of its value. Analysts expect Halvorsen to cut jobs.",
        "The lender Halvorsen wrote off the loans. Analysts expect Halvorsen to cut jobs.",
    ],
)
def test_a_name_with_an_organisation_cue_is_an_organisation_in_every_mention(extractor, body):
    entities = extractor.extract("", body)
    assert {mention.kind for mention in entities.mentions} == {"organization"}


def test_without_a_cue_the_taggers_reading_stands(extractor):
    entities = extractor.extract("", "Analysts expect Halvorsen to cut 300 jobs next year.")
    assert kinds(entities) == {"Halvorsen": "person"}


def test_a_campus_is_one_university(extractor):
    body = "Researchers at the University of California, San Diego found the gene."
    assert kinds(extractor.extract("", body)) == {
        "University of California, San Diego": "organization"
    }


def test_a_list_after_a_university_stays_places(extractor):
    body = "She taught at the University of Oxford, London and Paris."
    assert kinds(extractor.extract("", body)) == {
        "University of Oxford": "organization",
        "London": "place",
        "Paris": "place",
    }


@pytest.mark.parametrize(
    "body",
    [
        "European Commission President Ursula von der Leyen said the talks would go on.",
        "Ursula von der Leyen arrived in Kyiv on Friday.",
    ],
)
def test_a_surname_with_two_particles_stays_with_the_first_name(extractor, body):
    people = extractor.extract("", body).names["person"]
    assert people == ("Ursula von der Leyen",)


def names(entities: Entities) -> list[tuple[str, str]]:
    return [(mention.kind, mention.name) for mention in entities.mentions]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Norway signed the Paris Agreement in 2016, and the Red Cross welcomed it.",
            [("place", "Norway"), ("organization", "Red Cross")],
        ),
        (
            "She received the US National Medal of Science from President Barack Obama.",
            [("person", "Barack Obama")],
        ),
        (
            "Tom Reyes won the IAAF World Athletics Championships in Doha on Friday.",
            [("person", "Tom Reyes"), ("place", "Doha")],
        ),
        (
            "Victoria Hamilton won in the Critics' Circle Theatre Awards on Tuesday.",
            [("person", "Victoria Hamilton")],
        ),
        ("The guidelines list Middle East Respiratory Syndrome as a name to avoid.", []),
        (
            "Anne Morel received the French Legion of Honour in Paris.",
            [("person", "Anne Morel"), ("place", "Paris")],
        ),
        ("Anna Berg won the Baku-Tbilisi Cup in May.", [("person", "Anna Berg")]),
    ],
)
def test_events_awards_laws_and_diseases_are_no_names_nor_the_names_in_them(
    extractor, body, expected
):
    assert names(extractor.extract("", body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Maria Lund was named best actress for Winter Harbour Lights, and Paul Dorn best"
            " actor for The Long Field.",
            [("person", "Maria Lund"), ("person", "Paul Dorn")],
        ),
        (
            "Dame Judi Dench was best supporting actress for the RSC's All's Well That Ends Well.",
            [("person", "Judi Dench"), ("organization", "RSC")],
        ),
        ("The band had hits including Silver Rain, Paper Moon Dance and Slow River.", []),
        (
            "Their first hit was 1979's Northern Blue, written by Ray Holt.",
            [("person", "Ray Holt")],
        ),
        (
            "The record closes with the 1985 Elton Carr cover, Broken Lanterns.",
            [("person", "Elton Carr")],
        ),
        (
            "De Blasio spoke on MSNBC's morning talk show Evening Ken about his campaign.",
            [("person", "De Blasio"), ("organization", "MSNBC")],
        ),
    ],
)
def test_the_words_around_a_title_say_it_is_a_work(extractor, body, expected):
    assert names(extractor.extract("", body)) == expected


def test_an_event_with_its_year_is_no_name_in_any_mention(extractor):
    body = (
        "Ross Ford was hurt in the 2004 Six Nations championship. He is fit for Saturday's"
        " Six Nations clash."
    )
    assert names(extractor.extract("", body)) == [("person", "Ross Ford")]


def test_a_title_the_story_once_marks_as_a_work_is_one_throughout(extractor):
    body = (
        "The Glass Orchard by Tom Reyes has been named best new play. The Glass Orchard opened"
        " at the Lyric Theatre in May."
    )
    assert names(extractor.extract("Glass Orchard wins", body)) == [
        ("person", "Tom Reyes"),
        ("organization", "Lyric Theatre"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Like its sequels, Star Rider 3 is a fine game, and Star Rider 3 costs just £20.", []),
        ("Fans queued all night for the sequel, Star Rider 2.", []),
        (
            "Star Rider 2, which sold a million copies, came from Japan.",
            [("place", "Japan")],
        ),
        (
            "The records sat in Amazon S3 buckets, and Amazon Web Services said it would act.",
            [("organization", "Amazon Web Services")],
        ),
        (
            "Cable firm Telmark is to offer a personal video recorder (PVR). PVRs record"
            " programmes to a hard drive.",
            [("organization", "Telmark")],
        ),
    ],
)
def test_a_product_with_its_number_or_a_thing_defined_in_lower_case_is_no_name(
    extractor, body, expected
):
    assert names(extractor.extract("", body)) == expected


def test_a_score_or_a_place_before_by_stays_a_name(extractor):
    body = "Leicestershire 22 points, Somerset 4. The colt was trained in\nBritain by Ray Holt."
    assert names(extractor.extract("", body)) == [
        ("organization", "Leicestershire"),
        ("organization", "Somerset"),
        ("place", "Britain"),
        ("person", "Ray Holt"),
    ]
    body = "Result of the under-21 championship qualifier on Saturday: Israel 2, Bulgaria 0"
    assert {name for _, name in names(extractor.extract("", body))} == {"Israel", "Bulgaria"}


def test_a_work_named_in_an_apposition_is_no_name(extractor):
    body = "The result was his recent film, Harbour of Grace, shot in Lisbon."
    assert names(extractor.extract("", body)) == [("place", "Lisbon")]


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("The film also won best actor for Tom Reyes, who beat Paul Dorn.", "Tom Reyes"),
        ("It was his best game for Chelsea since he joined in May.", "Chelsea"),
        ("Michael Howard told the Today programme Mr Blair had refused to answer.", "Blair"),
        ("They wrote the song, Kapranos said.", "Kapranos"),
        ("Viewers would rather watch TV than a downloaded movie NEC is selling.", "NEC"),
        ("Fans gave a top gig award for Scissor Sisters on Monday.", "Scissor Sisters"),
        ("Spurs want to sign Iceland U21 star Arnar Gunnarsson.", "Iceland"),
    ],
)
def test_a_person_a_team_a_speaker_a_body_or_a_winner_stays_a_name(extractor, body, kept):
    assert kept in {mention.name for mention in extractor.extract("", body).mentions}


def test_a_longer_name_around_a_works_title_stays_a_name(extractor):
    body = "The film Ali opened in London in May. Muhammad Ali attended its premiere."
    assert names(extractor.extract("", body)) == [
        ("place", "London"),
        ("person", "Muhammad Ali"),
    ]


@pytest.mark.parametrize(
    ("body", "body_name"),
    [
        ("The Critics' Circle named Ann Webb its most promising playwright.", "Critics' Circle"),
        (
            "The strike was backed by the Catholic Bishops' Conference of Ghana.",
            "Catholic Bishops' Conference of Ghana",
        ),
        ("It sold well in Japan, said Nora Vale of the Gamers' Guild.", "Gamers' Guild"),
    ],
)
def test_a_plurals_possessive_opens_a_bodys_name(extractor, body, body_name):
    assert ("organization", body_name) in names(extractor.extract("", body))


def test_a_places_or_a_partys_possessive_stays_apart(extractor):
    body = (
        "Rates were raised by the United States' Federal Reserve. The Liberal Democrats'"
        " President Simon Hughes spoke first."
    )
    assert names(extractor.extract("", body)) == [
        ("place", "United States"),
        ("organization", "Federal Reserve"),
        ("organization", "Liberal Democrats"),
        ("person", "Simon Hughes"),
    ]
