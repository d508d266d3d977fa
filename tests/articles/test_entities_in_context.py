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
    ("body", "name"),
    [
        ("Velvet Harbour Music will headline the festival in June.", "Harbour Music"),
        ("The club was criticised in Germany's Manger Magazin last week.", "Manger Magazin"),
        ("Regulators grounded Kaveh Air on Monday after the crash.", "Kaveh Air"),
    ],
)
def test_a_name_ending_in_a_bands_or_outlets_or_airlines_word_is_a_body(extractor, body, name):
    assert kinds(extractor.extract("", body))[name] == "organization"


def test_an_airlines_short_name_is_the_airline(extractor):
    body = "Regulators grounded Kaveh Air on Monday. Kaveh has been under sanctions since 2011."
    entities = extractor.extract("", body)
    assert [(mention.name, mention.kind) for mention in entities.mentions] == [
        ("Kaveh Air", "organization"),
        ("Kaveh Air", "organization"),
    ]


def test_an_unknown_word_before_magazine_is_the_magazine_in_every_mention(extractor):
    body = (
        "On Wednesday, Quill magazine named its person of the year. "
        "Quill credited her with changing the debate."
    )
    assert [mention.kind for mention in extractor.extract("", body).mentions] == [
        "organization",
        "organization",
    ]


@pytest.mark.parametrize(
    "body", ["They held a Halloween party at the school.", "She went to a Diwali party."]
)
def test_a_holiday_before_party_is_no_body(extractor, body):
    assert kinds(extractor.extract("", body)) == {}


def test_a_partys_short_name_is_the_party(extractor):
    body = (
        "Two councillors defected to Robert Dane's Veridia Party. "
        "Tom Hale, now Veridia deputy leader, said the move was right."
    )
    assert kinds(extractor.extract("", body)) == {
        "Robert Dane": "person",
        "Veridia Party": "organization",
        "Tom Hale": "person",
    }


def test_a_name_before_chain_that_is_no_known_place_is_a_company(extractor):
    body = "The regulator named the Lindenhof chain among the buyers."
    assert kinds(extractor.extract("", body)) == {"Lindenhof": "organization"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The start-up copied low-cost airlines such as Hungary's Wizzoria.",
            {"Hungary": "place", "Wizzoria": "organization"},
        ),
        (
            "German firms including Deutsche Bahn, Kessler, and Brandt have left Iran.",
            {
                "Deutsche Bahn": "organization",
                "Kessler": "organization",
                "Brandt": "organization",
                "Iran": "place",
            },
        ),
        (
            "Shoppers moved to discount stores like Zielonka and Aldi.",
            {"Zielonka": "organization", "Aldi": "organization"},
        ),
        (
            "The reporters spoke to people such as Kessler and Brandt.",
            {"Kessler": "person", "Brandt": "person"},
        ),
    ],
)
def test_the_names_a_list_of_bodies_gives_as_examples_are_bodies(extractor, body, expected):
    assert kinds(extractor.extract("", body)) == expected


@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        ("The minister resigned on Friday, The Guardian reported.", "Guardian"),
        ("The fire destroyed 40 homes, according to The Guardian.", "Guardian"),
        ("Rudaw reports that the airline's director was arrested.", "Rudaw"),
        ("Flights stopped, and Rudaw reports its director was questioned.", "Rudaw"),
        ("A spokesman told the news network Kavira that rules had been followed.", "Kavira"),
    ],
)
def test_the_source_of_a_report_is_an_outlet(extractor, body, outlet):
    assert kinds(extractor.extract("", body))[outlet] == "organization"


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


@pytest.mark.parametrize(
    "body",
    [
        "Air Tamsin has ordered 30 new planes.",
        "For its part, Air Tamsin, set up by a former pilot, said it would grow.",
    ],
)
def test_a_name_after_air_is_an_airline(extractor, body):
    assert kinds(extractor.extract("", body)) == {"Air Tamsin": "organization"}


def test_a_full_name_holding_an_office_is_a_person(extractor):
    body = "Marisol Quintana Vega, the mayor of the city, refused to leave."
    assert kinds(extractor.extract("", body)) == {"Marisol Quintana Vega": "person"}


def test_a_name_before_an_apposition_cut_short_is_read(extractor):
    assert kinds(extractor.extract("", "Carmen Yulín Cruz, the")) == {
        "Carmen Yulín Cruz": "organization"
    }


def test_a_full_name_that_wrote_the_quote_is_a_person_in_every_mention(extractor):
    body = (
        '"We will keep fighting," wrote Elspeth Harrow on Twitter. '
        "Both Harrow and Sanders remain in the race."
    )
    entities = extractor.extract("", body)
    assert [(mention.name, mention.kind) for mention in entities.mentions] == [
        ("Elspeth Harrow", "person"),
        ("Twitter", "organization"),
        ("Elspeth Harrow", "person"),
    ]


def test_a_name_before_frontman_is_a_band_in_every_mention(extractor):
    body = (
        "The film shows the Lanterns frontman as a student. "
        "The Lanterns were one of the biggest bands of the decade."
    )
    assert [(m.name, m.kind) for m in extractor.extract("", body).mentions] == [
        ("Lanterns", "organization"),
        ("Lanterns", "organization"),
    ]


def test_the_operator_of_a_service_is_a_company_in_every_mention(extractor):
    body = (
        "A bus operated by Koravel overturned near the coast. "
        "Koravel said two passengers were hurt."
    )
    assert [(m.name, m.kind) for m in extractor.extract("", body).mentions] == [
        ("Koravel", "organization"),
        ("Koravel", "organization"),
    ]


def test_a_house_of_parliament_read_as_a_person_is_the_house(extractor):
    body = 'The governor said: "Si el Senado me ratifica, seré gobernador hasta el 2028."'
    assert kinds(extractor.extract("", body))["Senado"] == "organization"


def test_air_before_a_longer_name_makes_no_airline(extractor):
    body = 'The signs say "Air Bag Safety: Buckle Up" on every road.'
    assert "Air Bag Safety" not in kinds(extractor.extract("", body))
