"""The mark of a rule test whose invented sentence the tagger learnt from modern news reads
otherwise (issue #16)."""

import pytest


def read_otherwise_since_the_modern_tagger(reading: str) -> pytest.MarkDecorator:
    """A sentence the tagger learnt from the gold set's tune articles (871 on 2026-12-06, all
    of batches 1-10 since) reads otherwise, and no rule has taken its reading up yet: it leaves
    unknown capitalised words untagged far more often, which raised held F1 from 0.858 to
    0.906 (and 0.917 since). Strict, so a fix shows."""
    return pytest.mark.xfail(
        strict=True, reason=f"read otherwise since the modern tagger: {reading}"
    )
