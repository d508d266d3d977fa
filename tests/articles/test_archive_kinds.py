"""What the whole archive shows a name to be: the stories' evidence of organisations (a legal
form, "shares of X") and the readings it changes in stories that give no clue."""

from __future__ import annotations

import club_stories
import pytest
from company_stories import NO_CLUE, SHOWN_BY_LEGAL_FORM, SHOWN_BY_SHARES

from articles.entities import get_extractor
from articles.entities.archive_kinds import (
    MIN_CUED_STORIES,
    ArchiveEvidence,
    ArchiveKinds,
    archive_kinds,
    as_the_archive_reads,
)
from articles.entities.corrections import CorrectedExtractor, Correction
from articles.model import Entities, Mention


@pytest.fixture(scope="module")
def extractor():
    return get_extractor()


def kinds_of(entities: Entities, name: str) -> set[str]:
    return {mention.kind for mention in entities.mentions if mention.name == name}


def test_a_story_shows_the_organisations_its_words_name_and_a_legal_forms_short_name(
    extractor,
) -> None:
    assert extractor.extract(*SHOWN_BY_SHARES).cued_organizations == ("Quillfox",)
    assert extractor.extract(*SHOWN_BY_LEGAL_FORM).cued_organizations == (
        "Quillfox",
        "Quillfox Inc",
    )
    no_clue = extractor.extract(*NO_CLUE)
    assert no_clue.cued_organizations == ()
    assert kinds_of(no_clue, "Quillfox") == {"person"}  # what the archive is there to mend


def test_a_team_or_a_known_place_is_no_evidence_of_an_organisation(extractor) -> None:
    match = extractor.extract(
        "Caloundra win",
        "Caloundra defeated Maroochydore 3-1 in the league match. The Caloundra coach was happy.",
    )
    assert "Caloundra" in match.names["organization"]  # the club, within its story
    assert match.cued_organizations == ()  # the town elsewhere in the archive stays the town
    banking = extractor.extract("Bank shares", "Shares of Britain fell after the budget.")
    assert banking.cued_organizations == ()


def test_a_name_shown_to_be_an_organisation_by_enough_stories_is_one_archive_wide(
    extractor,
) -> None:
    stories = [extractor.extract(*story) for story in (SHOWN_BY_SHARES, SHOWN_BY_LEGAL_FORM)]
    evidence = ArchiveEvidence()
    for story in stories:
        evidence.add(story)
    assert evidence.organizations["Quillfox"] == MIN_CUED_STORIES == 2
    assert archive_kinds(stories).organizations == {"Quillfox"}
    assert archive_kinds(stories[:1]) == ArchiveKinds()  # one story is not enough

    read = as_the_archive_reads(extractor.extract(*NO_CLUE), ArchiveKinds(frozenset({"Quillfox"})))
    assert kinds_of(read, "Quillfox") == {"organization"}
    assert read.names["person"] == () and read.names["organization"] == ("Quillfox",)
    assert read.names["place"] == ("Leeds",)


def test_the_archive_changes_nothing_in_a_story_without_its_names(extractor) -> None:
    found = extractor.extract(*NO_CLUE)
    assert (
        as_the_archive_reads(found, ArchiveKinds(frozenset({"Marrowby"}), frozenset({"Marrowby"})))
        is found
    )
    assert as_the_archive_reads(found, ArchiveKinds()) is found


def test_the_users_correction_outranks_the_archive(extractor) -> None:
    """The index reads a story as the archive does, then as the user corrected it."""
    archive_only = CorrectedExtractor(extractor, [], ArchiveKinds(frozenset({"Quillfox"})))
    assert kinds_of(archive_only.extract(*NO_CLUE), "Quillfox") == {"organization"}
    not_a_name = Correction.not_entity("Quillfox", "organization")
    corrected = CorrectedExtractor(extractor, [not_a_name], ArchiveKinds(frozenset({"Quillfox"})))
    assert kinds_of(corrected.extract(*NO_CLUE), "Quillfox") == set()


def test_a_match_report_shows_its_clubs_and_no_other_story_does(extractor) -> None:
    for story in (club_stories.SHOWN_BY_ITS_COACH, club_stories.SHOWN_BY_A_RESULT):
        found = extractor.extract(*story)
        assert found.cued_clubs == ("Marrowby",)
        assert found.cued_organizations == ()  # a town's club is no company
    assert extractor.extract(*club_stories.NO_CLUE).cued_clubs == ()
    outside_sport = extractor.extract(
        "Thornbury garden", "The Marrowby coach stopped in Thornbury on the way to the sea."
    )
    assert outside_sport.cued_clubs == ()


def test_a_club_shown_by_enough_stories_is_one_where_a_story_reads_it_as_a_person(
    extractor,
) -> None:
    """Only person readings change: the town of the club's name stays a place."""
    stories = [
        extractor.extract(*story)
        for story in (club_stories.SHOWN_BY_ITS_COACH, club_stories.SHOWN_BY_A_RESULT)
    ]
    kinds = archive_kinds(stories)
    assert kinds == ArchiveKinds(clubs=frozenset({"Marrowby"}))
    no_clue = extractor.extract(*club_stories.NO_CLUE)
    assert kinds_of(no_clue, "Marrowby") == {"person"}
    read = as_the_archive_reads(no_clue, kinds)
    assert kinds_of(read, "Marrowby") == {"organization"}
    assert read.names["person"] == ("Thorne",) and read.names["organization"] == ("Marrowby",)

    town = Entities(mentions=(Mention("place", "Marrowby", 0, 8, "title"),))
    assert as_the_archive_reads(town, kinds) is town
