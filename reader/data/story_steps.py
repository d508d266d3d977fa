"""Where `n` and `p` lead in a result list that is loaded a page at a time."""

from __future__ import annotations


class StorySteps:
    """Each step moves one story on from the last one asked for, however fast the keys come:
    a step past the stories loaded waits for them (`waiting_for`) instead of being lost."""

    def __init__(self) -> None:
        # The position of the story asked for whose page has not come yet.
        self.waiting_for: int | None = None

    def step(self, current: int | None, step: int, *, loaded: int, total: int) -> int | None:
        """The position `step` stories on from `current` (None: from the top), or from the
        story still waited for; None when there is no story that way. When it is not among
        the `loaded` stories yet, `waiting_for` holds it until they come (`arrived`)."""
        start = self.waiting_for if self.waiting_for is not None else current
        target = (-step if start is None else start) + step
        if not 0 <= target < total:
            return None
        self.waiting_for = target if target >= loaded else None
        return target

    def arrived(self, loaded: int) -> int | None:
        """More stories came: the position waited for, once it is among them."""
        if self.waiting_for is None or self.waiting_for >= loaded:
            return None
        target, self.waiting_for = self.waiting_for, None
        return target

    def forget(self) -> None:
        """A new list: what was waited for belongs to the old one."""
        self.waiting_for = None
