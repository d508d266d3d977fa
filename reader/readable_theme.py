"""Theme colours made readable: text the reader draws reaches WCAG AA (4.5:1) against every
background it is drawn on, in every theme it offers.

Textual's themes leave muted text, pane titles, the footer's keys and some accents below that
(near-white on light grey in textual-light); each such colour is moved toward black or white just
as far as it takes, so it keeps its hue and the theme its look.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.color import BLACK, WHITE, Color

WCAG_AA = 4.5
# A little above AA: drawn colours are blended again (alpha, 8-bit rounding) on the way out.
READABLE = 4.6
# Themes drawn in the terminal's own ANSI colours: the reader can't know them, so it can't make
# them readable, and does not offer them.
TERMINAL_PALETTE_THEMES = ("ansi-dark", "ansi-light")
# How far muted text starts from the foreground toward the background (then kept readable).
MUTED_BLEND = 0.45
# The cursor row: the primary colour over the surface, as strong as leaves the text on it
# this much contrast (room for muted text and coloured names beside it); weaker when its list
# has no focus.
CURSOR_BLENDS = (0.35, 0.3, 0.25, 0.2, 0.15, 0.1)
CURSOR_TEXT_CONTRAST = 7.0
BLURRED_CURSOR_SHARE = 0.45
# Accents that colour text: entity kinds, errors, links.
TEXT_ACCENTS = (
    "text-primary",
    "text-secondary",
    "text-accent",
    "text-success",
    "text-warning",
    "text-error",
)
_SEARCH_STEPS = 12


def relative_luminance(color: Color) -> float:
    """WCAG 2's relative luminance of an opaque colour, 0 (black) to 1 (white)."""

    def linear(value: int) -> float:
        scaled = value / 255
        return scaled / 12.92 if scaled <= 0.03928 else ((scaled + 0.055) / 1.055) ** 2.4

    red, green, blue = color.rgb
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: Color, second: Color) -> float:
    """WCAG 2's contrast ratio of two opaque colours, 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def readable(color: Color, backgrounds: Iterable[Color], minimum: float = READABLE) -> Color:
    """`color`, or the colour nearest it toward white or black that reaches `minimum` against
    each of `backgrounds` (the better of the two when neither does)."""
    backgrounds = tuple(backgrounds)

    def worst(candidate: Color) -> float:
        return min(contrast_ratio(candidate, background) for background in backgrounds)

    if worst(color) >= minimum:
        return color
    towards = max((WHITE, BLACK), key=worst)
    if worst(towards) < minimum:
        return towards
    near, far = 0.0, 1.0  # blend factors: `near` fails, `far` reaches the minimum
    for _ in range(_SEARCH_STEPS):
        middle = (near + far) / 2
        near, far = (
            (near, middle) if worst(color.blend(towards, middle)) >= minimum else (middle, far)
        )
    return color.blend(towards, far)


def readable_variables(variables: Mapping[str, str]) -> dict[str, str]:
    """The CSS variables of a theme to replace so its text is readable; `variables` are the
    theme's own (`App.get_css_variables`)."""
    background = Color.parse(variables["background"])
    surface = Color.parse(variables["surface"])
    panel = Color.parse(variables["panel"])
    primary = Color.parse(variables["primary"])
    foreground = Color.parse(variables["foreground"])
    hovered = surface.blend(foreground, 0.1)
    panes = [background, surface, panel, hovered]
    cursor_blend = next(
        (
            blend
            for blend in CURSOR_BLENDS
            if contrast_ratio(foreground, surface.blend(primary, blend)) >= CURSOR_TEXT_CONTRAST
        ),
        CURSOR_BLENDS[-1],
    )
    cursor = surface.blend(primary, cursor_blend)
    blurred_cursor = surface.blend(primary, cursor_blend * BLURRED_CURSOR_SHARE)
    selected_mention = surface + Color.parse(variables["primary-muted"])
    # Every background text is drawn on: the panes, a focused or hovered list, the cursor rows,
    # a selected mention.
    backgrounds = [*panes, cursor, blurred_cursor, selected_mention]
    text = readable(foreground, backgrounds)
    muted = readable(text.blend(background, MUTED_BLEND), backgrounds)
    if contrast_ratio(muted, background) > contrast_ratio(text, background):
        muted = text  # no room left for muting
    footer = Color.parse(variables["footer-background"])
    replaced = {
        "foreground": text,
        "text-muted": muted,
        "foreground-muted": muted,
        "block-cursor-background": cursor,
        "block-cursor-blurred-background": blurred_cursor,
        "block-cursor-foreground": text,
        **{name: readable(Color.parse(variables[name]), backgrounds) for name in TEXT_ACCENTS},
        **{
            name: readable(surface + Color.parse(variables[name]), [footer])
            for name in ("footer-key-foreground", "footer-description-foreground")
        },
    }
    return {name: color.hex for name, color in replaced.items()}
