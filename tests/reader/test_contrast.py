"""Text is readable (WCAG AA, 4.5:1) in every theme the reader offers.

Measured on what the app draws: the colours of every cell of text on the screen (the header, the
search bar and its placeholder, the status line, dates and bylines, cursor rows, search hits,
names coloured by kind, counts, pane titles, the footer, the help), not on the CSS.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pilot_helpers import main_screen, open_first_story, settle, type_query
from rich.segment import Segment
from textual.color import BLACK, WHITE, Color
from textual.geometry import Region

from reader.app import NewsReaderApp
from reader.readable_theme import (
    TERMINAL_PALETTE_THEMES,
    WCAG_AA,
    contrast_ratio,
    readable,
    readable_variables,
)

# Box drawing, block elements (borders, scrollbars, rules): lines, not text.
_LINES = range(0x2500, 0x25A0)


def is_text(characters: str) -> bool:
    return any(not character.isspace() and ord(character) not in _LINES for character in characters)


def drawn_colours(segment: Segment) -> tuple[Color, Color] | None:
    """The text and background colours a terminal shows a segment in."""
    style = segment.style
    if style is None or style.color is None or style.bgcolor is None:
        return None
    text, background = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
    if style.reverse:
        text, background = background, text
    if style.dim:
        text = text.blend(background, 0.5)
    return text, background


def unreadable_text(app: NewsReaderApp, region: Region | None = None) -> Iterator[str]:
    """A line for each piece of text in `region` of the screen (all of it by default) that is
    drawn below AA, or in colours the terminal chooses."""
    region = region or app.screen.region
    # What the screen draws, line by line (Textual has no public call for it).
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            start, x = x, x + segment.cell_length
            inside = region.y <= y < region.bottom and start < region.right and x > region.x
            if segment.control or not inside or not is_text(segment.text):
                continue
            colours = drawn_colours(segment)
            ratio = contrast_ratio(*colours) if colours else 0.0
            if ratio < WCAG_AA:
                yield f"{app.theme}: {segment.text.strip()!r} at line {y}, {ratio:.2f}:1"


def test_contrast_ratio_is_wcags() -> None:
    assert contrast_ratio(BLACK, WHITE) == pytest.approx(21)
    assert contrast_ratio(Color.parse("#777777"), WHITE) == pytest.approx(4.48, abs=0.01)
    assert contrast_ratio(WHITE, WHITE) == 1


def test_a_faint_colour_is_moved_just_far_enough_and_keeps_its_hue() -> None:
    light_grey, faint_orange = Color.parse("#E0E0E0"), Color.parse("#FFC473")
    made_readable = readable(faint_orange, [light_grey])
    assert 4.5 <= contrast_ratio(made_readable, light_grey) < 4.8
    assert made_readable.hsl.h == pytest.approx(faint_orange.hsl.h, abs=0.02)
    already_readable = Color.parse("#1F1F1F")
    assert readable(already_readable, [light_grey]) == already_readable


def test_muted_text_stays_quieter_than_text() -> None:
    variables = {  # textual-light's, with a faint accent
        "background": "#E0E0E0",
        "surface": "#D8D8D8",
        "panel": "#D0D0D0",
        "primary": "#004578",
        "primary-muted": "#9CB1C0",
        "foreground": "#1F1F1F",
        "footer-background": "#D0D0D0",
        "footer-key-foreground": "#0178D4",
        "footer-description-foreground": "#1F1F1F",
        **{
            f"text-{name}": "#A86D1C"
            for name in ("primary", "secondary", "accent", "success", "warning", "error")
        },
    }
    colours = {name: Color.parse(value) for name, value in readable_variables(variables).items()}
    background = Color.parse(variables["background"])
    muted_contrast = contrast_ratio(colours["text-muted"], background)
    assert WCAG_AA <= muted_contrast < contrast_ratio(colours["foreground"], background)


async def test_themes_drawn_in_the_terminals_own_colours_are_not_offered(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await main_screen(pilot)
        assert not set(TERMINAL_PALETTE_THEMES) & set(app.available_themes)
        assert {"textual-dark", "textual-light", "solarized-light"} <= set(app.available_themes)


async def test_every_theme_offered_draws_every_text_readably(make_app) -> None:
    app = make_app()
    unreadable: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await main_screen(pilot)

        async def check_each_theme(region: Region | None = None) -> None:
            for theme in sorted(app.available_themes):
                app.theme = theme
                await pilot.pause()
                unreadable.extend(unreadable_text(app, region))

        # A story open from a search: hits, names coloured by kind, the selected name's
        # mentions; the sidebar's cursor on a name, the result list's cursor without focus;
        # warnings.
        await open_first_story(pilot, "harbour")
        await pilot.press("e", "down", "right_square_bracket")
        app.notify("A line of the config file is wrong.", title="Keymap", severity="warning")
        app.notify("The archive could not be read.", title="Error", severity="error")
        await settle(pilot)
        await check_each_theme()
        # The empty search (its placeholder), the result list focused.
        await type_query(pilot, "")
        screen.results.focus()
        await settle(pilot)
        await check_each_theme()
        # The help, over the screen it came from (dimmed on purpose).
        await pilot.press("question_mark")
        await settle(pilot)
        await check_each_theme(app.screen.query_one("#help").region)
    assert not unreadable, "\n".join(unreadable[:40]) + f"\n({len(unreadable)} in all)"
