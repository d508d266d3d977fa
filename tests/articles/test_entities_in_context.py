"""Kinds a story's own words settle: a strong organisation cue holds for every mention of the
name; campuses and surnames with several particles; works, events, awards, products and laws
(guideline 9) are no names, in every mention the story marks once."""

from __future__ import annotations

import pytest
from modern_tagger import read_otherwise_since_the_modern_tagger
from rules_reading import rules_reading

from articles.model import Entities


@pytest.fixture(scope="module")
def extractor():
    """The rules' reading, before the name vetter's look (tests/rules_reading.py)."""
    return rules_reading()


def kinds(entities: Entities) -> dict[str, str]:
    return {mention.name: mention.kind for mention in entities.mentions}


@pytest.mark.parametrize(
    "body",
    [
        "Investors sold shares of Halvorsen on Tuesday. Analysts expect Halvorsen to cut jobs.",
        "Halvorsen Inc. lost a fifth of its value. Analysts expect Halvorsen to cut jobs.",
        "The lender Halvorsen wrote off the loans. Analysts expect Halvorsen to cut jobs.",
        "Game maker Halvorsen shut the accounts. Analysts expect Halvorsen to cut jobs.",
        "The media consultancy Halvorsen agreed. Analysts expect Halvorsen to cut jobs.",
        "Swiss drugmaker Halvorsen grew. Analysts expect Halvorsen to cut jobs.",
        "Its subsidiary Halvorsen lost money. Analysts expect Halvorsen to cut jobs.",
        "Mobile phone giant Halvorsen sued. Analysts expect Halvorsen to cut jobs.",
        "A Halvorsen spokesman denied it. Analysts expect Halvorsen to cut jobs.",
        "Halvorsen users must prove their age. Analysts expect Halvorsen to cut jobs.",
        "It was a venture of Halvorsen's founder. Analysts expect Halvorsen to cut jobs.",
        "The largest retailer, Halvorsen, paid. Analysts expect Halvorsen to cut jobs.",
        "Halvorsen's shares fell. Analysts expect Halvorsen to cut jobs.",
    ],
)
def test_a_name_with_an_organisation_cue_is_an_organisation_in_every_mention(extractor, body):
    entities = extractor.extract("", body)
    assert {mention.kind for mention in entities.mentions} == {"organization"}


@pytest.mark.parametrize(
    "opening", ["Broadcasters such as Halvorsen may follow.", "Firms, including Halvorsen, paid."]
)
def test_the_first_company_a_list_gives_is_one_in_every_mention(extractor, opening):
    """Read as a person twice without a cue, once as a body in the list: the list settles it."""
    body = f"{opening} Analysts expect Halvorsen to cut jobs. Halvorsen declined to comment."
    entities = extractor.extract("", body)
    assert {mention.kind for mention in entities.mentions} == {"organization"}
    assert entities.cued_organizations == ("Halvorsen",)


@pytest.mark.parametrize(
    "officer",
    [
        "said Halvorsen chief executive Anna Berg",
        "said Halvorsen chairman Marco Lind",
        "said Halvorsen founder Ruth Olsen",
    ],
)
def test_a_name_before_a_companys_officer_is_the_company_and_its_evidence(extractor, officer):
    """The tagger reads the bare name as a person, a place or nothing at all; the officer's
    title and name after it say it is a company, in every mention and for the archive."""
    body = f"Jobs will go, {officer}. Analysts expect Halvorsen to cut 300 jobs next year."
    entities = extractor.extract("", body)
    assert kinds(entities)["Halvorsen"] == "organization"
    assert {m.kind for m in entities.mentions if m.name == "Halvorsen"} == {"organization"}
    assert entities.cued_organizations == ("Halvorsen",)


def test_a_place_or_a_word_of_the_language_before_an_officer_stays_what_it_is(extractor):
    body = (
        "Former chairman John Smith spoke. US chief executive Ann Ray agreed. The Russian"
        " chairman Ivan Petrov left."
    )
    entities = extractor.extract("", body)
    assert entities.names["organization"] == ()


def test_the_first_club_a_list_gives_is_no_company_cue(extractor):
    """A club is a town's name: the archive must not count it as a company's."""
    entities = extractor.extract("", "Clubs such as Barcelona want the rule changed.")
    assert entities.cued_organizations == ()


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


@pytest.mark.parametrize("player", ["winger", "left-back", "keeper", "fly-half", "chairman"])
def test_a_club_before_its_players_role_is_the_club_though_read_as_a_person(extractor, player):
    """ "Chelsea winger Arjen Robben": the tagger reads both names as people."""
    body = (
        f"Chelsea {player} Arjen Robben was injured in the match. He will miss the rest of the"
        " season, the coach said."
    )
    assert kinds(extractor.extract("", body)) == {
        "Chelsea": "organization",
        "Arjen Robben": "person",
    }


def test_a_club_named_by_a_word_of_the_language_before_its_staff_is_the_club(extractor):
    """The tagger leaves "Wolves" out as the animals; a nationality before a coach stays one."""
    body = (
        "Wolves defeated Chelsea 2-1 in the league match. The Wolves coach praised the squad,"
        " and the Scottish coach Craig Brown watched the match."
    )
    entities = extractor.extract("Cup shock", body)
    assert kinds(entities)["Wolves"] == "organization"
    assert "Scottish" not in kinds(entities)


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
        pytest.param(
            "Velvet Harbour Music will headline the festival in June.",
            "Velvet Harbour Music",
            marks=read_otherwise_since_the_modern_tagger("'Velvet' opening the sentence left out"),
        ),
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


def names(entities: Entities) -> list[tuple[str, str]]:
    return [(mention.kind, mention.name) for mention in entities.mentions]


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
    assert kinds(extractor.extract("", "Carmen Yulín Cruz, the")) == {"Carmen Yulín Cruz": "person"}


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
        ("Sanders", "person"),
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


def test_a_plurals_possessive_is_no_opening_quote(extractor):
    body = "A spokesman for the United Nations' Food and Agriculture Organization spoke."
    assert kinds(extractor.extract("", body)) == {
        "United Nations": "organization",
        "Food and Agriculture Organization": "organization",
    }


@pytest.mark.parametrize(
    "body, body_name",
    [
        (
            "The Catholic Bishops' Conference of Kenya asked for calm after the vote.",
            "Catholic Bishops' Conference of Kenya",
        ),
        (
            "She was treated at the Marikina Doctors' Hospital after the crash.",
            "Marikina Doctors' Hospital",
        ),
    ],
)
def test_a_body_named_for_its_members_is_one_name(extractor, body, body_name):
    assert kinds(extractor.extract("", body)) == {body_name: "organization"}


@pytest.mark.parametrize(
    "body, body_name",
    [
        (
            "The International Committee on Taxonomy of Viruses gave the strain a name.",
            "International Committee on Taxonomy of Viruses",
        ),
        (
            "Researchers at the Harvard Center for International Development wrote it.",
            "Harvard Center for International Development",
        ),
        (
            "He won an award from Parliamentarians for Global Action last year.",
            "Parliamentarians for Global Action",
        ),
        (
            "That autumn, the Fridays for Future movement grew across Europe.",
            "Fridays for Future",
        ),
    ],
)
def test_a_body_and_its_aim_are_one_name(extractor, body, body_name):
    assert extractor.extract("", body).names["organization"] == (body_name,)


def test_a_players_club_after_for_stays_apart(extractor):
    body = "The striker left Barcelona for Chelsea in 2019 and scored in his first league match."
    assert kinds(extractor.extract("", body)) == {
        "Barcelona": "organization",
        "Chelsea": "organization",
    }


@pytest.mark.parametrize(
    "body",
    [
        "The play won three prizes at the Theatregoers' Choice Awards in London.",
        "She flew to London to receive the US National Medal of Science.",
    ],
)
def test_an_awards_name_is_no_entity(extractor, body):
    names = kinds(extractor.extract("", body))
    assert names["London"] == "place"
    assert not [name for name in names if "Awards" in name or "Medal" in name]


def test_a_portfolio_before_a_name_is_part_of_the_role(extractor):
    body = "After the Minister of Economy Richard Sulík failed to buy the kits, they resigned."
    assert kinds(extractor.extract("", body)) == {"Richard Sulík": "person"}


def test_the_house_a_title_is_of_stays_a_body_before_its_holder(extractor):
    body = (
        "The Speaker of the House Nancy Pelosi met the Minister of Foreign Affairs Sergey Lavrov."
    )
    assert kinds(extractor.extract("", body)) == {
        "House": "organization",
        "Nancy Pelosi": "person",
        "Sergey Lavrov": "person",
    }


def test_a_portfolio_alone_is_no_name(extractor):
    assert kinds(extractor.extract("", "The Minister of Defence said the troops would stay.")) == {}


@pytest.mark.parametrize(
    "body, person",
    [
        (
            "The Prime Minister is appointed by the monarch, currently Queen Elizabeth II.",
            "Elizabeth II",
        ),
        ("The palace of King Louis XIV stands at Versailles.", "Louis XIV"),
    ],
)
def test_a_name_with_a_regnal_number_is_a_person(extractor, body, person):
    assert extractor.extract("", body).names["person"] == (person,)


def test_a_war_with_a_number_is_no_person(extractor):
    assert kinds(extractor.extract("", "He flew bombers in World War II.")) == {}


def test_a_versus_between_capitals_is_no_regnal_number(extractor):
    entities = extractor.extract("", "CRICKET - ENGLAND V PAKISTAN ONE-DAY SCOREBOARD .")
    assert "person" not in {mention.kind for mention in entities.mentions}


@pytest.mark.parametrize(
    "body, person",
    [
        ("During his campaign, President George W Bush pledged cheap broadband.", "George W Bush"),
        ("During his visit, President George W Bush had promised aid.", "George W Bush"),
        ("One activist, Nur Khan Liton, told reporters the fires were set.", "Nur Khan Liton"),
        (
            "The airline's director, Hamid Arabnejad Khanooki, denied the claims.",
            "Hamid Arabnejad Khanooki",
        ),
    ],
)
def test_a_person_is_kept_whole(extractor, body, person):
    assert extractor.extract("", body).names["person"] == (person,)


def test_a_misspelt_title_is_no_first_name(extractor):
    body = "Treasury Secertary James Baker said on Monday the dollar had fallen enough."
    assert extractor.extract("", body).names["person"] == ("James Baker",)


def test_initials_without_a_full_stop_in_a_team_list_belong_to_the_name(extractor):
    body = "Squad: M Blair (Edinburgh), A Craig (Glasgow), M Di Rollo (Edinburgh), B Douglas (Ayr)."
    assert extractor.extract("", body).names["person"] == (
        "M Blair",
        "A Craig",
        "M Di Rollo",
        "B Douglas",
    )


def test_a_plural_title_is_no_first_name(extractor):
    body = "On Sunday, Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin met."
    assert extractor.extract("", body).names["person"] == ("Muhammadu Buhari", "Patrice Talon")


@pytest.mark.parametrize(
    "body",
    [
        "Polls showed little support for de Blasio among voters.",
        "Mayor Bill de Blasio spoke on Monday; polls showed little support for de Blasio.",
    ],
)
def test_a_surnames_particle_belongs_to_it(extractor, body):
    entities = extractor.extract("", body)
    assert {body[m.start : m.end] for m in entities.mentions if m.kind == "person"} <= {
        "Bill de Blasio",
        "de Blasio",
    }
    assert "de Blasio" in {body[m.start : m.end] for m in entities.mentions}


def test_a_role_inside_a_body_splits_off_its_holder(extractor):
    entities = extractor.extract("", "NYC Mayor de Blasio ends his presidential campaign.")
    assert entities.names["person"] == ("de Blasio",)


def test_an_acronym_after_a_name_brings_its_first_words_and_its_kind(extractor):
    body = "Leaders signed the African Continental Free Trade Area (AfCFTA) agreement."
    entities = extractor.extract("", body)
    assert [(body[m.start : m.end], m.kind) for m in entities.mentions] == [
        ("African Continental Free Trade Area", "organization"),
        ("AfCFTA", "organization"),
    ]


def test_a_legal_form_with_a_slash_ends_the_companys_name(extractor):
    body = "Tesco agreed to sell its Polish stores to Salling Group A/S on Monday."
    assert extractor.extract("", body).names["organization"][-1] == "Salling Group A/S"


@pytest.mark.parametrize(
    "body, place",
    [
        ("He died in a General Santos City hospital on Sunday.", "General Santos City"),
        pytest.param(
            "Ferries to Prince Edward Island were cancelled.",
            "Prince Edward Island",
            marks=read_otherwise_since_the_modern_tagger(
                "'Ferries' opening the sentence read as a body"
            ),
        ),
    ],
)
def test_a_place_named_for_a_titled_person_keeps_the_title(extractor, body, place):
    assert kinds(extractor.extract("", body)) == {place: "place"}


def test_a_name_after_a_campus_is_no_part_of_it(extractor):
    body = "With a PhD from the University of California, Los Angeles, Munk went to sea."
    assert extractor.extract("", body).names["organization"] == (
        "University of California, Los Angeles",
    )


@pytest.mark.parametrize(
    "body, body_name",
    [
        (
            "The Georgian Tennis Federation (GFT) released a statement on Monday.",
            "Georgian Tennis Federation",
        ),
        (
            "Spain's Football Federation has opened an inquiry into the remarks.",
            "Football Federation",
        ),
    ],
)
def test_a_governing_body_is_a_body(extractor, body, body_name):
    assert kinds(extractor.extract("", body))[body_name] == "organization"


def test_a_nations_federation_is_a_country(extractor):
    body = "Trade with the Russian Federation fell by a third last year."
    assert kinds(extractor.extract("", body)) == {"Russian Federation": "place"}


def test_a_places_house_of_parliament_is_a_body(extractor):
    body = "Puerto Rico has no vote in the U.S. House and no seat in the Ohio Senate."
    assert kinds(extractor.extract("", body)) == {
        "Puerto Rico": "place",
        "U.S. House": "organization",
        "Ohio Senate": "organization",
    }


@pytest.mark.parametrize(
    "body, place",
    [
        ("That paved the way for John Major to move into 10 Downing Street.", "10 Downing Street"),
        ("The former France manager moved to White Hart Lane this summer.", "White Hart Lane"),
    ],
)
def test_a_streets_name_is_kept_whole(extractor, body, place):
    entities = extractor.extract("", body)
    assert (place, "place") in {(body[m.start : m.end], m.kind) for m in entities.mentions}


def test_a_persons_surname_like_a_street_stays_a_person(extractor):
    body = "Nathan Lane won the award for best actor."
    assert kinds(extractor.extract("", body)) == {"Nathan Lane": "person"}


@pytest.mark.parametrize(
    "body",
    [
        "On the Greek island of Veskos, two people died when a wall collapsed. Buildings on"
        " Veskos were damaged, and Veskos was hit hardest.",
        "Voters in the electoral district of Harrowby go to the polls this week. Harrowby is"
        " centred on a market town. Harrowby has had one MP since 1998.",
    ],
)
def test_a_name_a_place_is_of_is_that_place_in_every_mention(extractor, body):
    mentions = extractor.extract("", body).mentions
    assert [(m.kind, m.name) for m in mentions] == [("place", m.name) for m in mentions]
    assert len(mentions) == 3
    body = "He doubted the true state of Parmalat's finances and Parmalat's chiefs."
    assert kinds(extractor.extract("", body)) == {"Parmalat": "organization"}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "Trump granted Edward J. Norlander Jr. a pardon. Sheriff Tom Pryce said little.",
            [("person", "Trump"), ("person", "Edward J. Norlander Jr."), ("person", "Tom Pryce")],
            marks=read_otherwise_since_the_modern_tagger("'Trump' opening the sentence untagged"),
        ),
        (
            "Countryman Peter Okoth won, Al Jazeera said, and the Hubble telescope saw it.",
            [("person", "Peter Okoth"), ("organization", "Al Jazeera")],
        ),
        ("The minister published a White Paper on rail.", []),
        # Things written in capitals are no bodies: standards, formats, honours.
        ("Users can send photos by MMS over GPRS networks.", []),
        ("He was made an MBE in 2004 and later an OBE.", []),
        (
            "According to the Tavira Observer, Mufti Abdul Rahim spoke to the Lisbon Chronicle.",
            [
                ("organization", "Tavira Observer"),
                ("person", "Abdul Rahim"),
                ("organization", "Lisbon Chronicle"),
            ],
        ),
        (
            "The American Civil Liberties Union sued, and American Lisa Raymond won.",
            [("organization", "American Civil Liberties Union"), ("person", "Lisa Raymond")],
        ),
    ],
)
def test_suffixes_roles_broadcasters_and_things_named_after_people(extractor, body, expected):
    assert names(extractor.extract("", body)) == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (  # a town takes no article: a name after "the" that speaks is a body, in every mention
            "Prices rose again in March, the Halifax has said. Average prices in Leeds rose 3%,"
            " Halifax said.",
            [("organization", "Halifax"), ("place", "Leeds"), ("organization", "Halifax")],
        ),
        (
            "Police found him outside a Kestrel store in Leeds.",
            [("organization", "Kestrel"), ("place", "Leeds")],
        ),
    ],
)
def test_a_town_with_an_article_that_speaks_or_a_name_before_store_is_a_company(
    extractor, body, expected
):
    assert names(extractor.extract("", body)) == expected


def test_a_giant_is_a_body_and_its_first_word_alone_is_that_body(extractor):
    body = (
        "Regulators filed complaints against media giant Korvani Universal on Monday. Korvani"
        " has said there is no legal basis for them. Korvani denies wrongdoing."
    )
    mentions = extractor.extract("", body).mentions
    assert [(m.kind, m.name) for m in mentions] == [
        ("organization", "Korvani Universal"),
        ("organization", "Korvani"),
        ("organization", "Korvani"),
    ]
    # A title only people have keeps the one named by it a person.
    body = (
        "Regulators filed complaints against media giant Korvani Universal on Monday. Mr Korvani"
        " said there is no legal basis for them."
    )
    assert kinds(extractor.extract("", body)) == {
        "Korvani Universal": "organization",
        "Korvani": "person",
    }
    body = "Executives at US mortgage giant Hollin Mae have resigned."
    assert names(extractor.extract("", body)) == [
        ("place", "United States"),
        ("organization", "Hollin Mae"),
    ]


def test_an_island_named_of_a_name_is_one_place(extractor):
    body = "The band will play at June's Isle of Wight music festival."
    assert kinds(extractor.extract("", body)) == {"Isle of Wight": "place"}


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
        (
            "Ruth Kamau won the Lisbon Marathon, then spoke at the Tallinn Electronics Show.",
            [("person", "Ruth Kamau")],
        ),
        (
            "Hurricane Ysolde neared Bermuda. Ysolde and Tropical Storm Wenzel will weaken.",
            [("place", "Bermuda")],
        ),
        (
            "Under the US Constitution, Tom Hale said, the Delmar Plan and the Common Fisheries"
            " Policy fall.",
            [("person", "Tom Hale")],
        ),
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
    # The theatre is a venue or a body (the gold set has each eight times); the play is neither.
    found = names(extractor.extract("Glass Orchard wins", body))
    assert [name for _, name in found] == ["Tom Reyes", "Lyric Theatre"]
    assert ("person", "Tom Reyes") in found


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
        ("Shoppers fear radio frequency ID (RFID) tags. RFID chips are cheap.", []),
        (
            "In the aftermath of Super Tuesday, sales rose on Black Friday.",
            [],
        ),
        (
            "The video game Realm of Embers sold well, and the browser Quillfox gained users."
            " Quillfox is free. It was a game Arsenal won.",
            [("organization", "Arsenal")],
        ),
        (
            "Clint Eastwood's boxing drama Harbour Lights won, and the biopic The Ferryman came"
            " third. Harbour Lights cost little.",
            [("person", "Clint Eastwood")],
        ),
        (
            "The Irish beat Italy in the 1994 World Cup Finals, and at the ATP Finals.",
            [("place", "Italy")],
        ),
        (
            "BBC Sport unveils its new analysis tool Marlo. Marlo tracks every player.",
            [("organization", "BBC Sport")],
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


def test_the_person_after_a_clubs_coach_stays_a_person(extractor):
    body = "After the league match, Caloundra coach Ingram said his side played well."
    assert kinds(extractor.extract("", body))["Ingram"] == "person"


def test_an_acronym_in_brackets_after_its_expansion_is_a_name_though_it_spells_a_word(extractor):
    body = "The World Health Organization (WHO) met on Monday. WHO experts agreed."
    assert names(extractor.extract("", body)) == [
        ("organization", "World Health Organization"),
        ("organization", "World Health Organization"),
        ("organization", "World Health Organization"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The Coast Guard Commandant Admiral Tom Reyes said the search went on.",
            [("organization", "Coast Guard"), ("person", "Tom Reyes")],
        ),
        (
            "Listeners heard Harbour Radio DJ Amy Dorn read the news.",
            [("organization", "Harbour Radio"), ("person", "Amy Dorn")],
        ),
        ("Engineer Karl Bodmer, the party's nominee, spoke.", [("person", "Karl Bodmer")]),
    ],
)
def test_a_role_between_a_body_and_a_name_splits_them(extractor, body, expected):
    assert names(extractor.extract("", body)) == expected


def test_every_name_a_plural_kind_of_body_lists_is_a_body(extractor):
    body = "Store chains Halvorsen and Brightwell cut prices. Brightwell said it would hire."
    assert names(extractor.extract("", body)) == [
        ("organization", "Halvorsen"),
        ("organization", "Brightwell"),
        ("organization", "Brightwell"),
    ]


@pytest.mark.parametrize(
    ("body", "expansion", "acronym"),
    [
        (
            "The Institute of Epidemiology, Disease Control and Research (IEDCR) said so.",
            "Institute of Epidemiology, Disease Control and Research",
            "IEDCR",
        ),
        (
            "The utility Northern Gas and Electric Company (NG&E) cut power.",
            "Northern Gas and Electric Company",
            "NG&E",
        ),
    ],
)
def test_a_long_name_an_acronym_spells_is_one_name(extractor, body, expansion, acronym):
    entities = extractor.extract("", body)
    assert [(m.kind, body[m.start : m.end]) for m in entities.mentions] == [
        ("organization", expansion),
        ("organization", acronym),
    ]


def test_a_possessive_the_tagger_reads_into_a_bodys_name_is_no_part_of_it(extractor):
    body = "He told the BBC's Network Asia programme, and the match at Lord's went on."
    surfaces = [body[m.start : m.end] for m in extractor.extract("", body).mentions]
    assert surfaces[0] == "BBC"
    assert surfaces[-1] == "Lord's"


@read_otherwise_since_the_modern_tagger("'Oscar' untagged before Reyes")
def test_a_prizes_short_name_is_no_name_but_a_namesake_is(extractor):
    body = (
        "Actress Amy Dorn is up for an Oscar, after 12 Oscar nominations and two Baftas."
        " Oscar Reyes directed her."
    )
    assert names(extractor.extract("", body)) == [
        ("person", "Amy Dorn"),
        ("person", "Oscar Reyes"),
    ]


@pytest.mark.parametrize(
    "body_name",
    ["National Institute of Allergy and Infectious Diseases", "Commission on Presidential Debates"],
)
def test_a_bodys_long_name_of_common_words_is_one_name(extractor, body_name):
    body = f"A spokesman for the {body_name} said so."
    assert names(extractor.extract("", body)) == [("organization", body_name)]


def test_a_body_of_a_place_and_another_body_stay_two(extractor):
    body = "The Bank of England and Barclays agreed."
    assert names(extractor.extract("", body)) == [
        ("organization", "Bank of England"),
        ("organization", "Barclays"),
    ]


def test_a_university_of_a_place_is_a_body_and_a_province_a_place(extractor):
    body = "She studied at the University of Cape Town, then worked in Hubei Province."
    assert names(extractor.extract("", body)) == [
        ("organization", "University of Cape Town"),
        ("place", "Hubei Province"),
    ]


def test_a_film_maker_named_in_full_and_a_boss_are_people(extractor):
    body = "Dutch film maker Karl Bodmer spoke. Boss Tom Reyes was delighted."
    assert names(extractor.extract("", body)) == [
        ("person", "Karl Bodmer"),
        ("person", "Tom Reyes"),
    ]


@pytest.mark.parametrize(
    ("body", "parties"),
    [
        ("Liberal Democrat leader Tom Reyes spoke.", ["Liberal Democrat"]),
        ("The Liberal Democrats and Labour agreed.", ["Liberal Democrats", "Labour"]),
    ],
)
def test_a_partys_name_is_one_body_and_two_parties_are_two(extractor, body, parties):
    found = [n for kind, n in names(extractor.extract("", body)) if kind == "organization"]
    assert found == parties


def test_a_sentence_adverb_and_a_trailing_role_are_no_names(extractor):
    body = (
        "Furthermore, Tom Reyes said the Senate Majority Leader erred."
        " The United States Department of Justice disagreed."
    )
    assert names(extractor.extract("", body)) == [
        ("person", "Tom Reyes"),
        ("organization", "Senate"),
        ("organization", "United States Department of Justice"),
    ]


def test_a_preposition_opening_a_sentence_is_no_part_of_a_name(extractor):
    body = "Before December's record, the total was lower. Unlike Halvorsen, Brightwell grew."
    assert [name for _, name in names(extractor.extract("", body))] == ["Halvorsen", "Brightwell"]


def test_a_party_and_a_members_title_before_a_name_are_no_part_of_it(extractor):
    body = "Labour MP Louise Ellman spoke, and Gen Musharraf listened."
    assert names(extractor.extract("", body)) == [
        ("organization", "Labour"),
        ("person", "Louise Ellman"),
        ("person", "Musharraf"),
    ]


def test_one_name_with_a_plural_verb_is_a_team_in_every_mention(extractor):
    body = (
        "The striker was sacked by Chelsea on Friday. Chelsea have been criticised,"
        " and England have named their squad."
    )
    assert names(extractor.extract("", body)) == [
        ("organization", "Chelsea"),
        ("organization", "Chelsea"),
        ("place", "England"),
    ]


def test_a_senator_from_a_state_before_a_name_is_the_state_and_the_person(extractor):
    body = "Support came from United States Senator from Minnesota Amy Klobuchar on Monday."
    assert names(extractor.extract("", body)) == [
        ("place", "United States"),
        ("place", "Minnesota"),
        ("person", "Amy Klobuchar"),
    ]


@pytest.mark.parametrize(
    ("body", "person"),
    [
        ("Veteran comedian and broadcaster Milo Hartnell has died.", "Milo Hartnell"),
        ("Veteran broadcaster Milo Hartnell has died aged 91.", "Milo Hartnell"),
        ("He would take the title of Lord Bodmer of Halvorsen.", "Bodmer"),
    ],
)
def test_a_person_the_words_before_say_is_one_is_a_person(extractor, body, person):
    assert ("person", person) in names(extractor.extract("", body))


def test_a_body_before_a_person_in_one_run_of_capitals_is_the_body_and_the_person(extractor):
    body = (
        "Republican members of the House of Representatives Milo Hartnell and Amy Dorn backed"
        " it. Former Libertarian Party Vice Chairman Karl Bodmer objected."
    )
    assert names(extractor.extract("", body)) == [
        ("organization", "Republican"),
        ("organization", "House of Representatives"),
        ("person", "Milo Hartnell"),
        ("person", "Amy Dorn"),
        ("organization", "Libertarian Party"),
        ("person", "Karl Bodmer"),
    ]


def test_a_team_sheets_lines_name_players(extractor):
    body = (
        "Tom Reyes scored late.\nHorak, Penney, Nordt, Bishop; Mapletoft, Edwards; Hatley, van der"
        " Walt, Hardwick.\nReplacements: Everitt for Mapletoft (53), Hodgson for Edwards (77)."
    )
    found = names(extractor.extract("", body))
    assert {kind for kind, _ in found} == {"person"}
    assert [name for _, name in found][-4:] == ["Everitt", "Mapletoft", "Hodgson", "Edwards"]
    assert "van der Walt" in {name for _, name in found}


def test_a_name_with_a_middle_initial_is_a_person_and_a_tail_ends_a_body(extractor):
    body = (
        "The ruling cemented Karl W. Bodmer's victory over Al Gore.\n"
        "54-year-old Metropolitan Police sergeant Milo Hartnell was shot. Thames Valley Police"
        " soon arrived."
    )
    assert names(extractor.extract("", body)) == [
        ("person", "Karl W. Bodmer"),
        ("person", "Al Gore"),
        ("organization", "Metropolitan Police"),
        ("person", "Milo Hartnell"),
        ("organization", "Thames Valley Police"),
    ]


def test_an_adverb_opening_a_sentence_is_no_name(extractor):
    body = "Nationally, the number of confirmed cases rose to 300 on Friday. Kelly, 34, said so."
    assert names(extractor.extract("", body)) == [("person", "Kelly")]


def test_a_field_before_a_ministers_title_is_no_name(extractor):
    body = "The Culture Secretary said the move showed she listened. The Home Office disagreed."
    assert names(extractor.extract("", body)) == [("organization", "Home Office")]


def test_a_body_of_common_words_goes_on_after_a_comma(extractor):
    body = (
        "A further 200 jobs at the Department of the Environment, Food and Rural Affairs will go."
    )
    assert names(extractor.extract("", body)) == [
        ("organization", "Department of the Environment, Food and Rural Affairs")
    ]


def test_a_plural_verb_once_makes_a_team_in_every_mention(extractor):
    body = (
        'Houllier praised the work at leaders Chelsea. He said: "Chelsea are doing very well.'
        ' Jose had results before he came to Chelsea."'
    )
    assert {kind for kind, name in names(extractor.extract("", body)) if name == "Chelsea"} == {
        "organization"
    }


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The pills were made by drug companies, including Halvorsen and Brightwell.",
            [("organization", "Halvorsen"), ("organization", "Brightwell")],
        ),
        pytest.param(
            "It fetches videos from websites including Quillfox, Halvorsen and Brightwell.",
            [
                ("organization", "Quillfox"),
                ("organization", "Halvorsen"),
                ("organization", "Brightwell"),
            ],
            marks=read_otherwise_since_the_modern_tagger("'Quillfox' first in the list left out"),
        ),
        ("The peers in the Lords rejected it.", [("organization", "Lords")]),
        (
            "Growth has not followed, says the BBC's Elizabeth Blunt.",
            [("organization", "BBC"), ("person", "Elizabeth Blunt")],
        ),
    ],
)
def test_lists_houses_and_reporters_of_bodies(extractor, body, expected):
    assert names(extractor.extract("", body)) == expected


def test_a_strait_of_a_place_is_a_place_and_the_side_a_team_lost_to_a_team(extractor):
    body = (
        "Tankers pass the Strait of Hormuz daily.\nThe striker could not prevent his side"
        " losing 3-2 to Chelsea in the league match after extra-time."
    )
    assert names(extractor.extract("", body)) == [
        ("place", "Strait of Hormuz"),
        ("organization", "Chelsea"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The site began using the services of a company called Halvorsen. Halvorsen declined"
            " to comment.",
            [("organization", "Halvorsen"), ("organization", "Halvorsen")],
        ),
        (
            "Protesters surrounded the Legislative Council Complex near Revenue Tower, then"
            " blocked Route 2.",
            [
                ("place", "Legislative Council Complex"),
                ("place", "Revenue Tower"),
                ("place", "Route 2"),
            ],
        ),
        (
            "Figures came from the Johns Hopkins Center for Systems Science and Engineering on"
            " Friday.",
            [("organization", "Johns Hopkins Center for Systems Science and Engineering")],
        ),
        ("Swami Chakrapani said the ritual would work.", [("person", "Chakrapani")]),
    ],
)
def test_companies_called_buildings_roads_long_centres_and_religious_titles(
    extractor, body, expected
):
    assert names(extractor.extract("", body)) == expected


def test_armed_forces_named_by_their_country_are_bodies(extractor):
    body = "The United States Marines landed at dawn."
    assert names(extractor.extract("", body)) == [("organization", "United States Marines")]


def test_a_football_team_sheet_names_players(extractor):
    body = (
        "Tom Reyes scored late.\nNash, Reiziger (Graham 82), Riggott, Southgate, Queudrue,"
        " Parlour (Job 86), Doriva, Zenden, Downing.\nSubs Not Used: Cooper, Knight."
    )
    found = names(extractor.extract("", body))
    assert {kind for kind, _ in found} == {"person"}
    assert len(found) == 14


def test_shares_in_a_country_before_a_company_leave_the_country_a_place(extractor):
    body = "Shares in UK banking group Barclays have risen, and on its website, Reyes said so."
    assert names(extractor.extract("", body)) == [
        ("place", "United Kingdom"),
        ("organization", "Barclays"),
        ("person", "Reyes"),
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("MP Tanya Davies said she would vote against it.", [("person", "Tanya Davies")]),
        ("Replacement Gareth Cooper came on late.", [("person", "Gareth Cooper")]),
        ("Compatriots Mulugeta Wondimu followed him home.", [("person", "Mulugeta Wondimu")]),
        (
            "Flanker Karl Bodmer will miss the match. Said Wales coach Tom Reyes: it is a blow.",
            [("person", "Karl Bodmer"), ("place", "Wales"), ("person", "Tom Reyes")],
        ),
        ("A report by Forrester Research found it.", [("organization", "Forrester Research")]),
    ],
)
def test_titles_positions_and_company_tails_around_names(extractor, body, expected):
    assert names(extractor.extract("", body)) == expected


def test_viruses_and_their_diseases_are_no_names(extractor):
    body = "They drank it to fight off Corona. An Ebola outbreak hit Beni."
    assert names(extractor.extract("", body)) == [("place", "Beni")]


def test_bodies_whose_acronym_the_press_writes_as_a_word_are_bodies(extractor):
    body = "Nasa launched it, and Uefa fined the club."
    assert names(extractor.extract("", body)) == [
        ("organization", "Nasa"),
        ("organization", "Uefa"),
    ]
