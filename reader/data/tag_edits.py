"""What the tags input asks for: `+tag` adds, `-tag` removes, a plain word toggles."""

from __future__ import annotations

import shlex
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TagChanges:
    added: tuple[str, ...]
    removed: tuple[str, ...]

    @property
    def summary(self) -> str:
        """A sentence for the user, e.g. "Tagged #budget; removed #draft."."""
        parts = []
        if self.added:
            parts.append("tagged " + " ".join(f"#{tag}" for tag in self.added))
        if self.removed:
            parts.append("removed " + " ".join(f"#{tag}" for tag in self.removed))
        return ("; ".join(parts) or "no tags changed").capitalize() + "."


def tag_changes(text: str, current: tuple[str, ...] | list[str]) -> TagChanges:
    """The tags to add and remove: `+tag` adds, `-tag` removes, a plain word toggles (added
    when the story has no such tag, else removed). Tags compare without case; a quoted tag may
    hold spaces; `#` before a tag is dropped."""
    try:
        words = shlex.split(text)
    except ValueError:  # an unclosed quote: the words as they are
        words = text.split()
    has = {tag.casefold() for tag in current}
    added: dict[str, str] = {}
    removed: dict[str, str] = {}
    for word in words:
        sign, name = (word[0], word[1:]) if word[:1] in "+-" else ("", word)
        name = name.removeprefix("#").strip()
        if not name:
            continue
        key = name.casefold()
        if sign == "-" or (not sign and key in has):
            if key in has:
                removed[key] = name
            added.pop(key, None)
        elif key not in has:
            added[key] = name
            removed.pop(key, None)
    return TagChanges(tuple(added.values()), tuple(removed.values()))
