"""The name vetter: the features it weighs per name, and what its answers do to a story's names."""

import re

from articles.entities.canonical import Span, canonicalize
from articles.entities.default import DefaultExtractor
from articles.entities.rules import Lexicon
from articles.entities.vetting import (
    ANSWERS,
    Clues,
    NameVetter,
    Places,
    load_vetter,
    name_features,
)

LEXICON = Lexicon(
    common_words=frozenset({"well", "said", "the"}),
    known_words=frozenset({"Well", "Oslo"}),
    nationalities=frozenset({"Norwegian"}),
    place_names=frozenset({"Oslo"}),
    countries_and_states=frozenset({"norway"}),
)
PLACES = Places(frozenset({"Oslo", "Norway"}), frozenset({"norway"}), frozenset({"Ontario"}))


def entities_of(body: str, *found: tuple[str, str]):
    """Entities of `body` with each (kind, text) found wherever the text is."""
    spans = [
        Span(kind, match.start(), match.end(), "body", text)
        for kind, text in found
        for match in re.finditer(re.escape(text), body)
    ]
    return canonicalize(sorted(spans, key=lambda span: span.start))


def test_features_name_the_words_around_each_mention_and_the_kind_read():
    body = "Well, said Mr Halvorsen in Oslo.\nOslo is cold."
    entities = entities_of(body, ("person", "Well"), ("person", "Halvorsen"), ("place", "Oslo"))
    clues = Clues(lower_case_words={"well", "said", "in", "is", "cold"})  # "well" said elsewhere
    features = name_features(entities, "", body, clues, LEXICON, PLACES)

    assert set(features) == {"Well", "Halvorsen", "Oslo"}
    well = features["Well"]
    assert {"kind=person", "before=<line>", "after=,", "person|first_common"} <= set(well)
    assert {"person|always_opening", "person|written_lower"} <= set(well)
    halvorsen = features["Halvorsen"]
    assert {"after_title", "before2=said mr", "after=in", "person|unknown_word"} <= set(halvorsen)
    oslo = features["Oslo"]
    assert {"place|known_place", "after=.", "before=in", "after=is"} <= set(oslo)
    assert "place|written_lower" not in oslo


def test_features_say_which_names_hold_one_another():
    body = "Velvet Harbour Music signed her. Velvet fans cheered."
    spans = [
        Span("organization", 0, 20, "body", "Velvet Harbour Music"),
        Span("person", 33, 39, "body", "Velvet"),
    ]
    features = name_features(canonicalize(spans), "", body, Clues(), LEXICON, PLACES)

    assert "person|part_of=organization" in features["Velvet"]
    assert "organization|holds=person" in features["Velvet Harbour Music"]


def test_features_carry_the_clues_the_rules_saw():
    body = "Shares of Quillfox fell."
    entities = entities_of(body, ("organization", "Quillfox"))
    clues = Clues(cued={("body", 10)}, company_cued={("body", 10)}, sports=False)

    features = name_features(entities, "", body, clues, LEXICON, PLACES)

    assert {"cued", "company_cued"} <= set(features["Quillfox"])


def test_a_name_answered_none_is_dropped_and_others_take_the_kind_answered():
    body = "Well, Wolves beat Oslo."
    entities = entities_of(body, ("person", "Well"), ("place", "Wolves"), ("place", "Oslo"))
    place, organization, none = (ANSWERS.index(a) for a in ("place", "organization", "none"))
    weights = {"word=well": [0.0] * 4, "word=wolves": [0.0] * 4, "word=oslo": [0.0] * 4}
    weights["word=well"][none] = 5.0
    weights["word=wolves"][organization] = 5.0
    weights["word=oslo"][place] = 5.0
    vetter = NameVetter({k: tuple(v) for k, v in weights.items()}, (0.0,) * 4)
    features = name_features(entities, "", body, Clues(), LEXICON, PLACES)

    vetted = vetter.vetted(entities, features)

    assert {(m.name, m.kind) for m in vetted.mentions} == {
        ("Wolves", "organization"),
        ("Oslo", "place"),
    }
    assert vetted.names == {"person": (), "place": ("Oslo",), "organization": ("Wolves",)}


def test_the_shipped_vetter_keeps_a_plain_storys_names_as_read():
    extractor = DefaultExtractor()
    body = (
        "Prime Minister Theresa May met the chief executive of Barclays Bank in London on"
        " Monday. May said the bank would stay."
    )

    entities = extractor.extract("", body)

    assert len(load_vetter().bias) == len(ANSWERS)
    assert entities == extractor.read("", body)[0]
    assert entities.names == {
        "person": ("Theresa May",),
        "place": ("London",),
        "organization": ("Barclays Bank",),
    }
