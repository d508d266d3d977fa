"""What the whole archive shows a name to be: the stories' evidence of organisations (a legal
form, "shares of X") and the readings it changes in stories that give no clue."""

from __future__ import annotations

import pytest
from company_stories import NO_CLUE, SHOWN_BY_LEGAL_FORM, SHOWN_BY_SHARES

from articles.entities import get_extractor
from articles.entities.archive_kinds import (
    MIN_CUED_STORIES,
    archive_organizations,
    as_the_archive_reads,
    cued_story_counts,
)
from articles.entities.corrections import CorrectedExtractor, Correction
from articles.model import Entities


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
    counts = cued_story_counts(stories)
    assert counts["Quillfox"] == MIN_CUED_STORIES == 2
    assert archive_organizations(counts) == {"Quillfox"}
    assert archive_organizations(cued_story_counts(stories[:1])) == frozenset()  # one story

    read = as_the_archive_reads(extractor.extract(*NO_CLUE), {"Quillfox"})
    assert kinds_of(read, "Quillfox") == {"organization"}
    assert read.names["person"] == () and read.names["organization"] == ("Quillfox",)
    assert read.names["place"] == ("Leeds",)


def test_the_archive_changes_nothing_in_a_story_without_its_names(extractor) -> None:
    found = extractor.extract(*NO_CLUE)
    assert as_the_archive_reads(found, {"Marrowby"}) is found
    assert as_the_archive_reads(found, frozenset()) is found


def test_the_users_correction_outranks_the_archive(extractor) -> None:
    """The index reads a story as the archive does, then as the user corrected it."""
    archive_only = CorrectedExtractor(extractor, [], {"Quillfox"})
    assert kinds_of(archive_only.extract(*NO_CLUE), "Quillfox") == {"organization"}
    not_a_name = Correction.not_entity("Quillfox", "organization")
    corrected = CorrectedExtractor(extractor, [not_a_name], {"Quillfox"})
    assert kinds_of(corrected.extract(*NO_CLUE), "Quillfox") == set()
