"""Fixtures for the index tests."""

from __future__ import annotations

import pytest

from index import blocks


@pytest.fixture(params=["unpickled", "arrays"])
def block_decoding(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with each way of reading posting blocks: the small test indexes would
    otherwise only unpickle them (`ARRAY_DECODING_POSTINGS`)."""
    if request.param == "arrays":
        monkeypatch.setattr(blocks, "ARRAY_DECODING_POSTINGS", 0)
    return request.param
