"""Text the reader styles itself is readable (WCAG AA, 4.5:1) in the default dark and light themes.

Measured on what the app really draws: the colours of the rendered segments of the main screen.
Other themes and Textual's own widgets (the footer, the cursor row) are not held to it yet.
"""

from __future__ import annotations

import re

import pytest
from pilot_helpers import main_screen
from rich.segment import Segment

WCAG_AA = 4.5
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        scaled = value / 255
        return scaled / 12.92 if scaled <= 0.03928 else ((scaled + 0.055) / 1.055) ** 2.4

    red, green, blue = rgb
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(segment: Segment) -> float:
    assert segment.style and segment.style.color and segment.style.bgcolor
    lighter, darker = sorted(
        (
            relative_luminance(segment.style.color.get_truecolor()),
            relative_luminance(segment.style.bgcolor.get_truecolor()),
        ),
        reverse=True,
    )
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_dates_bylines_counts_and_the_status_line_are_readable(make_app, theme) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await main_screen(pilot)
        screen.results.focus()  # the cursor row is Textual's; the rows below it are ours
        app.theme = theme
        await pilot.pause()
        cursor_rows = range(screen.results.content_region.y, screen.results.content_region.y + 3)
        assert screen.results.highlighted == 0
        checked = []
        # What the screen draws, line by line (Textual has no public call for it).
        for row, strip in enumerate(app.screen._compositor.render_strips()):
            if row in cursor_rows:
                continue
            for segment in strip:
                text = segment.text.strip()
                if DATE.match(text) or "stories ·" in text or text in {"Stories", "Article"}:
                    checked.append((round(contrast(segment), 2), text, row))
        assert len(checked) >= 5
        assert all(ratio >= WCAG_AA for ratio, _, _ in checked), sorted(checked)[:3]
