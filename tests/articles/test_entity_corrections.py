"""The user's corrections applied to the names an extractor found."""

from __future__ import annotations

import pickle

import pytest

from articles.entities import get_extractor
from articles.entities.corrections import (
    CorrectedExtractor,
    Correction,
    apply_corrections,
    changed_names,
    corrections_from_json,
    corrections_to_json,
)
from articles.model import Entities, Mention

TITLE = "Wolves beat Leeds"
BODY = (
    "Joe Biden watched Wolves beat Leeds United at Molineux. Biden said the club's "
    "manager Gary O'Neil had earned it. Wolves will play again in Leeds on Sunday."
)


@pytest.fixture(scope="module")
def found() -> Entities:
    return get_extractor().extract(TITLE, BODY)


def kinds_of(entities: Entities, name: str) -> set[str]:
    return {mention.kind for mention in entities.mentions if mention.name == name}


def test_a_name_marked_wrong_loses_every_mention_and_its_place_in_the_names() -> None:
    entities = Entities(
        mentions=(
            Mention("person", "Drew", 0, 4),
            Mention("person", "Karim Valiyev", 10, 23),
            Mention("person", "Drew", 30, 34),
        ),
        names={"person": ("Drew", "Karim Valiyev"), "place": (), "organization": ()},
    )
    corrected = apply_corrections(entities, [Correction.not_entity("Drew", "person")])
    assert corrected.mentions == (Mention("person", "Karim Valiyev", 10, 23),)
    assert corrected.names == {"person": ("Karim Valiyev",), "place": (), "organization": ()}


def test_a_changed_kind_moves_the_name_to_that_kind_where_it_was_read_so(
    found: Entities,
) -> None:
    # The stadium, whichever kind the tagger reads it as, becomes the kind the user says.
    (read_as,) = kinds_of(found, "Molineux")
    wanted = "place" if read_as != "place" else "organization"
    stadium = Correction.change_kind("Molineux", read_as, wanted)
    corrected = apply_corrections(found, [stadium])
    assert kinds_of(corrected, "Molineux") == {wanted}
    assert "Molineux" in corrected.names[wanted]
    others = [kind for kind in ("person", "place", "organization") if kind != wanted]
    assert all("Molineux" not in corrected.names[kind] for kind in others)
    # Offsets are kept: the article pane still highlights every mention.
    assert [(m.start, m.end, m.field) for m in corrected.mentions] == [
        (m.start, m.end, m.field) for m in found.mentions
    ]


def test_a_merged_name_counts_under_the_name_it_joins() -> None:
    entities = Entities(
        mentions=(
            Mention("person", "Joe Biden", 0, 9),
            Mention("person", "President Biden", 20, 35),
            Mention("person", "President Biden", 40, 55),
            Mention("place", "Leeds", 60, 65),
        ),
        names={"person": ("President Biden", "Joe Biden"), "place": ("Leeds",)},
    )
    merge = Correction.merge("President Biden", "person", "Joe Biden", "person")
    corrected = apply_corrections(entities, [merge])
    assert {m.name for m in corrected.mentions if m.kind == "person"} == {"Joe Biden"}
    assert corrected.names == {"person": ("Joe Biden",), "place": ("Leeds",), "organization": ()}


def test_a_correction_leaves_the_same_name_read_as_another_kind_alone() -> None:
    entities = Entities(
        mentions=(Mention("person", "Marenvik", 0, 8), Mention("place", "Marenvik", 20, 28)),
    )
    merge = Correction.merge("Marenvik", "person", "Kari Holm", "person")
    assert apply_corrections(entities, [merge]).mentions == (
        Mention("person", "Kari Holm", 0, 8),
        Mention("place", "Marenvik", 20, 28),
    )
    wrong = Correction.not_entity("Marenvik", "person")
    assert apply_corrections(entities, [wrong]).names["place"] == ("Marenvik",)


def test_a_merge_into_a_corrected_name_follows_it_and_a_loop_of_merges_ends() -> None:
    entities = Entities(mentions=(Mention("place", "Molineux", 0, 8),))
    chain = [
        Correction.merge("Molineux", "place", "Molineux Stadium", "place"),
        Correction.change_kind("Molineux Stadium", "place", "organization"),
    ]
    assert apply_corrections(entities, chain).mentions == (
        Mention("organization", "Molineux Stadium", 0, 8),
    )
    loop = [
        Correction.merge("Molineux", "place", "Molineux Stadium", "place"),
        Correction.merge("Molineux Stadium", "place", "Molineux", "place"),
    ]
    assert len(apply_corrections(entities, loop).mentions) == 1


def test_corrections_applied_twice_change_nothing_more(found: Entities) -> None:
    corrections = [
        Correction.not_entity("Leeds", "place"),
        Correction.change_kind("Wolves", "place", "organization"),
        Correction.merge("Biden", "person", "Joe Biden", "person"),
    ]
    once = apply_corrections(found, corrections)
    assert apply_corrections(once, corrections) == once
    assert apply_corrections(found, []) is found


def test_the_latest_correction_of_a_name_wins() -> None:
    entities = Entities(mentions=(Mention("place", "Wolves", 0, 6),))
    corrections = [
        Correction.not_entity("Wolves", "place"),
        Correction.change_kind("Wolves", "place", "organization"),
    ]
    assert apply_corrections(entities, corrections).names["organization"] == ("Wolves",)


def test_a_correction_that_makes_no_sense_is_refused() -> None:
    with pytest.raises(ValueError):
        Correction("Wolves", "place", "change_kind")
    with pytest.raises(ValueError):
        Correction.merge("Wolves", "place", "Wolves", "place")


def test_changed_names_are_those_of_corrections_added_or_removed() -> None:
    kept = Correction.not_entity("Drew", "person")
    removed = Correction.merge("Biden", "person", "Joe Biden", "person")
    added = Correction.change_kind("Wolves", "place", "organization")
    assert changed_names([kept, removed], [kept, added]) == {"Biden", "Joe Biden", "Wolves"}
    assert changed_names([kept], [kept]) == frozenset()


def test_corrections_round_trip_through_json_and_bad_text_gives_none() -> None:
    corrections = (
        Correction.not_entity("Drew", "person"),
        Correction.merge("Biden", "person", "Joe Biden", "person"),
    )
    assert set(corrections_from_json(corrections_to_json(corrections))) == set(corrections)
    assert corrections_from_json(None) == ()
    assert corrections_from_json("not json") == ()
    assert corrections_from_json('[["Drew", "fish", "not_entity", "", ""]]') == ()


def test_a_corrected_extractor_finds_corrected_names_and_pickles_for_worker_processes() -> None:
    extractor = CorrectedExtractor(
        get_extractor(), [Correction.change_kind("Wolves", "organization", "place")]
    )
    assert extractor.name == "default"
    unpickled = pickle.loads(pickle.dumps(extractor))
    for each in (extractor, unpickled):
        assert kinds_of(each.extract(TITLE, BODY), "Wolves") == {"place"}
