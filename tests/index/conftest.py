"""Fixtures for the index tests."""

from __future__ import annotations

import pytest

from index.fastpath import blocks, posting_arrays


@pytest.fixture(params=["posting arrays", "unpickled blocks", "array-decoded blocks"])
def block_decoding(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with each way of reading postings: from the segments' posting arrays, and
    from Whoosh's blocks as if the segments had none, both ways (the small test indexes would
    otherwise only unpickle them, `ARRAY_DECODING_POSTINGS`)."""
    if request.param != "posting arrays":
        monkeypatch.setattr(posting_arrays, "segment_arrays", lambda reader: None)
    if request.param == "array-decoded blocks":
        monkeypatch.setattr(blocks, "ARRAY_DECODING_POSTINGS", 0)
    return request.param
