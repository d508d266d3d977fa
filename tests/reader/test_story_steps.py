"""`n` and `p` over a result list loaded a page at a time, without Textual."""

from __future__ import annotations

from reader.data.story_steps import StorySteps


def test_a_step_within_the_stories_loaded_opens_at_once() -> None:
    steps = StorySteps()
    assert steps.step(3, 1, loaded=10, total=50) == 4
    assert steps.step(3, -1, loaded=10, total=50) == 2
    assert steps.waiting_for is None


def test_with_no_story_open_the_first_is_the_next_and_the_previous() -> None:
    steps = StorySteps()
    assert steps.step(None, 1, loaded=10, total=50) == 0
    assert steps.step(None, -1, loaded=10, total=50) == 0


def test_no_story_past_either_end() -> None:
    steps = StorySteps()
    assert steps.step(0, -1, loaded=10, total=50) is None
    assert steps.step(49, 1, loaded=50, total=50) is None
    assert steps.waiting_for is None


def test_steps_past_the_stories_loaded_add_up_until_they_come() -> None:
    steps = StorySteps()
    assert steps.step(9, 1, loaded=10, total=50) == 10
    assert steps.waiting_for == 10
    assert steps.step(9, 1, loaded=10, total=50) == 11  # from the story waited for
    assert steps.arrived(10) is None  # a page that did not reach it
    assert steps.arrived(20) == 11
    assert steps.waiting_for is None
    assert steps.arrived(30) is None


def test_a_step_back_while_waiting_opens_at_once_when_loaded() -> None:
    steps = StorySteps()
    steps.step(9, 1, loaded=10, total=50)
    assert steps.step(9, -1, loaded=10, total=50) == 9
    assert steps.waiting_for is None


def test_a_new_list_forgets_the_story_waited_for() -> None:
    steps = StorySteps()
    steps.step(9, 1, loaded=10, total=50)
    steps.forget()
    assert steps.arrived(20) is None
