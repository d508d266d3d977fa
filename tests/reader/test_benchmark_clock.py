"""The reader benchmark's keystroke clock stops on the typed text's results, not on the input."""

from __future__ import annotations

import sys
from pathlib import Path

from pilot_helpers import main_screen, settle

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not installed: importable however pytest runs
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.reader import results_shown_for  # noqa: E402


async def test_the_clock_runs_until_the_result_list_holds_the_typed_texts_results(make_app):
    async with make_app().run_test() as pilot:
        screen = await main_screen(pilot)
        screen.search_bar.input.focus()
        screen.search_bar.input.value = "ferry"
        # The input shows the new text; its search has not even been asked for yet.
        assert screen.search_bar.query_text == "ferry"
        assert not results_shown_for(screen, "ferry")
        await settle(pilot)
        assert results_shown_for(screen, "ferry")
        assert screen.results.hits and screen.results.query_text == "ferry"
