"""Kinds a story's own words settle: a strong organisation cue holds for every mention of the
name, the archive's gazetteer turns a name other stories show to be a company into one,
campuses and surnames with several particles."""

from __future__ import annotations

import pytest

from articles.entities import get_extractor
from articles.entities.gazetteer import GazetteerExtractor, apply_gazetteer
from articles.model import Entities, NameReading


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
    assert "Halvorsen" in entities.cued_organizations


def test_without_a_cue_the_taggers_reading_stands_and_nothing_is_cued(extractor):
    entities = extractor.extract("", "Analysts expect Halvorsen to cut 300 jobs next year.")
    assert kinds(entities) == {"Halvorsen": "person"}
    assert entities.cued_organizations == frozenset()


def test_the_archives_gazetteer_makes_a_known_company_an_organisation(extractor):
    body = "Analysts expect Halvorsen to cut 300 jobs next year, people close to the talks say."
    entities = GazetteerExtractor(extractor, {"Halvorsen"}).extract("", body)
    assert kinds(entities) == {"Halvorsen": "organization"}
    assert entities.names["organization"] == ("Halvorsen",)
    # What the story read before the gazetteer, which the archive counts.
    assert entities.readings == (NameReading("Halvorsen", False, False, True),)


def test_the_gazetteer_leaves_other_names_and_records_cues(extractor):
    body = "Shares of Halvorsen Inc. fell after Karin Dahl resigned as its chief executive."
    entities = apply_gazetteer(extractor.extract("", body), frozenset({"Dahl"}))
    assert kinds(entities) == {"Halvorsen Inc.": "organization", "Karin Dahl": "person"}
    assert set(entities.readings) == {
        NameReading("Halvorsen Inc.", True, True),
        NameReading("Halvorsen", True, True),  # the short name other stories write
        NameReading("Karin Dahl", False, False),
    }


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
