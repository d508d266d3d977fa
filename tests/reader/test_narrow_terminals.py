"""An 80×24 terminal: the titles of the stories get the room, help is always one key away."""

from __future__ import annotations

from datetime import date

from pilot_helpers import main_screen, settle
from textual.style import Style
from textual.visual import RenderOptions
from textual.widgets import Footer

from index.api import Highlighted, Hit
from reader.rendering import HitRow, hit_prompt
from reader.screens.help import HelpScreen


def long_hit(title: str) -> Hit:
    return Hit(
        id="a.txt",
        path="a.txt",
        title=Highlighted(title, ()),
        snippet=Highlighted("The snippet, long enough to be cut at twenty cells.", ()),
        date=date(2024, 6, 20),
        author="Ilse Torvald",
        source=None,
        score=1.0,
    )


def test_a_title_wraps_on_two_lines_and_the_rest_of_the_row_takes_one_each() -> None:
    row = HitRow(hit_prompt(long_hit("Scientists count a record number of seals near Skarholm")))
    options = RenderOptions(lambda style: style if isinstance(style, Style) else Style(), {})
    lines = [strip.text for strip in row.render_strips(20, None, Style(), options)]
    assert lines == [
        "Scientists count a",
        "record number of se…",
        "2024-06-20 · Ilse T…",
        "The snippet, long e…",
    ]
    assert row.get_height({}, 20) == 4
    assert row.get_height({}, 80) == 3  # a title that fits takes one line
    assert (
        str(row)
        == hit_prompt(long_hit("Scientists count a record number of seals near Skarholm")).plain
    )


async def test_at_80_columns_the_titles_on_screen_are_whole(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        results = screen.results
        shown = " ".join(
            results.render_line(y).text.strip()
            for y in range(results.scrollable_content_region.height)
        )
        titles = [hit.title.text for hit in results.hits[:3]]
        assert max(len(title) for title in titles) > results.scrollable_content_region.width
        for title in titles:
            assert title in shown


async def test_help_is_in_the_footer_and_one_key_away_from_the_search_bar(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await main_screen(pilot)
        assert screen.focused is screen.search_bar.input
        footer = " ".join(str(key.render()) for key in screen.query_one(Footer).children)
        assert "Help" in footer
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen is screen
