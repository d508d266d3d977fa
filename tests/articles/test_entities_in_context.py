"""Kinds a story's own words settle: a strong organisation cue holds for every mention of the
name; campuses and surnames with several particles."""

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


@pytest.mark.parametrize(
    ("body", "club"),
    [
        (
            "Caloundra defeated Maroochydore in round 3 of the season. Caloundra led the match.",
            "Caloundra",
        ),
        (
            "On Saturday Perth defeated Hobart in the rugby season. Hobart had won in round 2.",
            "Hobart",
        ),
        (
            "The match was his first in the league since a loan to Dundee. He grew up in Dundee.",
            "Dundee",
        ),
        ("The squad for the match: A Reid (Kirkwall), B Moffat (Kirkwall, capt).", "Kirkwall"),
    ],
)
def test_a_town_with_a_teams_cue_in_a_sports_story_is_its_club_in_every_mention(
    extractor, body, club
):
    entities = extractor.extract("", body)
    assert {m.kind for m in entities.mentions if m.name == club} == {"organization"}


def test_a_teams_cue_in_a_story_not_about_sport_leaves_the_town_a_place(extractor):
    body = "Ferries sail from Dundee daily. The council voted against Dundee in the dispute."
    assert kinds(extractor.extract("", body))["Dundee"] == "place"


def test_a_country_with_a_teams_cue_stays_a_place(extractor):
    # CoNLL-2003 reads a national team as its country; so does the sidebar.
    body = "After the match the coach praised his squad. Fans celebrated the win over Iceland."
    assert kinds(extractor.extract("", body))["Iceland"] == "place"


def test_a_player_who_lost_to_another_stays_a_person(extractor):
    body = "Kowalczyk lost the match. Kowalczyk beat Moretti in the league last season."
    assert kinds(extractor.extract("", body))["Moretti"] == "person"


def test_the_team_a_club_beat_is_a_club_though_read_as_a_person(extractor):
    body = (
        "On Sunday, Caloundra defeated Maroochydore in round 5 of the 2021 Sunshine Coast Rugby"
        " Union season. Maroochydore captain Tom Reid blamed the referee after the match."
    )
    assert kinds(extractor.extract("", body))["Maroochydore"] == "organization"


@pytest.mark.parametrize(
    "body",
    [
        "Barcelona officials said the fire started on the third floor. Firefighters rescued two.",
        "Detroit said on Tuesday it would sell the bonds. The city's debt has grown for years.",
    ],
)
def test_a_town_read_as_a_body_outside_sport_is_the_town(extractor, body):
    assert set(kinds(extractor.extract("", body)).values()) == {"place"}


def test_a_town_with_a_company_cue_outside_sport_stays_a_company(extractor):
    body = "Shares of Barcelona rose on Tuesday. Barcelona said in a statement it would cut jobs."
    assert kinds(extractor.extract("", body)) == {"Barcelona": "organization"}
