"""The reader on an engine with a server (OpenSearch) that can't be reached: one sentence on the
indexing screen, with the way to try again, never a traceback."""

from __future__ import annotations

import importlib.util
import socket
from pathlib import Path

import pytest

from reader.screens.indexing import IndexingScreen
from reader.settings import Settings

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("opensearchpy") is None,
    reason="the opensearch extra (opensearch-py) is not installed",
)


async def test_a_server_that_is_not_there_is_one_sentence_with_a_way_to_try_again(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("NEWSREADER_OPENSEARCH_URL", f"http://127.0.0.1:{port}")
    app = make_app(index_dir=tmp_path / "index", settings=Settings(engine="opensearch"))
    async with app.run_test() as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, IndexingScreen) and screen.failed
        status = str(screen.query_one("#indexing-status").content)
        assert status.startswith(
            f"Indexing failed: can't reach OpenSearch at http://127.0.0.1:{port}: the "
            "connection was refused or failed."
        )
        assert "Traceback" not in status and "Press r to try again" in status
