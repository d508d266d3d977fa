"""Correcting a name from the sidebar (`e`): the story shows it corrected at once, the stories
naming it are indexed again (searches follow), the correction survives a rebuilt index, and the
list of corrections removes one; driven with the pilot on real SQLite files and a real index."""

from __future__ import annotations

from pathlib import Path

from pilot_helpers import main_screen, open_first_story, settle, type_query
from textual.widgets import Input

from index.api import update_index
from reader.cli.main import main as newsreader
from reader.library import Library
from reader.rendering import SelectedEntity
from reader.screens.correction_dialogs import CorrectEntityScreen, CorrectionsScreen
from reader.screens.main import MainScreen
from reader.settings import Locations

# Where the extractor reads the town of Skarholm as a person (a made-up town: no gazetteer
# knows it; other stories read it as the place).
ELECTION = "2023/election.txt"


def story_names(screen: MainScreen) -> set[SelectedEntity]:
    return {
        entity
        for option_id, entity in screen.sidebar._entries.items()
        if option_id.startswith("story-")
    }


def hit_ids(screen: MainScreen) -> set[str]:
    return {hit.id for hit in screen.results.hits}


async def open_election_on_skarholm(pilot, screen: MainScreen) -> None:
    """Open the election story and move the sidebar to the name Skarholm, read as a person."""
    await open_first_story(pilot, 'title:"second term"')
    assert screen.article_view.article_id == ELECTION
    assert SelectedEntity("person", "Skarholm") in story_names(screen)
    await pilot.press("e")  # to the sidebar, on the story's first name
    for _ in range(len(story_names(screen))):
        if screen.sidebar.highlighted_entity == SelectedEntity("person", "Skarholm"):
            break
        await pilot.press("down")
    assert screen.sidebar.highlighted_entity == SelectedEntity("person", "Skarholm")
    await pilot.press("e")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CorrectEntityScreen)


async def test_a_name_given_another_kind_is_shown_searched_and_kept_through_a_rebuild(
    make_app, archive_copy: Path, tmp_path: Path, isolated_user_dirs: Locations
) -> None:
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    app = make_app(archive_copy, index_dir)
    async with app.run_test(size=(130, 40), notifications=True) as pilot:
        screen = await main_screen(pilot)
        await open_election_on_skarholm(pilot, screen)
        await pilot.press("down", "enter")  # past "not a name", to "a place"
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert [n.message for n in app._notifications] == [
            "Skarholm: person → place. Indexing again the stories that name it…",
            # Six of the archive's eight stories name the town.
            "6 stories indexed again: searches and counts follow your corrections.",
        ]
        # The sidebar and the article pane at once, the index behind them.
        assert SelectedEntity("place", "Skarholm") in story_names(screen)
        assert SelectedEntity("person", "Skarholm") not in story_names(screen)
        assert all(
            mention.kind == "place"
            for mention in screen.article_view.stored.mentions
            if mention.name == "Skarholm"
        )
        await type_query(pilot, 'person:"Skarholm"')
        assert not screen.results.hits
        await type_query(pilot, 'place:"Skarholm"')
        assert ELECTION in hit_ids(screen)

    # Another day: the index built again from the archive (`newsreader index --rebuild`).
    code = newsreader(
        [
            "index",
            str(archive_copy),
            "--index-dir",
            str(index_dir),
            "--rebuild",
            "--data-dir",
            str(isolated_user_dirs.data_dir),
        ]
    )
    assert code == 0
    app = make_app(archive_copy, index_dir)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await type_query(pilot, 'person:"Skarholm"')
        assert not screen.results.hits
        await type_query(pilot, 'place:"Skarholm"')
        assert ELECTION in hit_ids(screen)


async def test_a_name_merged_into_another_and_the_correction_removed_from_the_list(
    make_app, archive_copy: Path, tmp_path: Path, isolated_user_dirs: Locations
) -> None:
    index_dir = tmp_path / "index"
    update_index(archive_copy, index_dir)
    app = make_app(archive_copy, index_dir)
    async with app.run_test(size=(130, 40)) as pilot:
        screen = await main_screen(pilot)
        await open_election_on_skarholm(pilot, screen)
        await pilot.press("up", "enter")  # the last choice: another name's
        await settle(pilot)
        prompt = app.screen.query_one(Input)
        await pilot.press(*"henrik a", "right", "enter")  # → completes from the names
        await settle(pilot)
        assert prompt.value == "Henrik Aasland"
        assert SelectedEntity("person", "Skarholm") not in story_names(screen)
        library, _ = Library.open(isolated_user_dirs.library_file)
        try:
            (saved,) = library.entity_corrections()
        finally:
            library.close()
        assert (saved.correction.action, saved.correction.new_name) == ("merge", "Henrik Aasland")

        await pilot.press("E")  # the list of corrections
        await settle(pilot)
        assert isinstance(app.screen, CorrectionsScreen)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        assert SelectedEntity("person", "Skarholm") in story_names(screen)
        await type_query(pilot, 'person:"Skarholm"')
        assert ELECTION in hit_ids(screen)
