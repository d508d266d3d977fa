"""Near copies in the gold set: the BBC corpus holds some stories twice or more, word for word
or nearly (bbc-politics-082 and bbc-politics-383). A tune article that nearly copies a held one
would teach the tagger the held article's answers, so the tagger never learns from it
(`benchmarks.train_entities.gold_documents`).

Two articles are near copies when most of the shorter one's runs of five words (lower-cased)
are in the other: more than `SHARED_SHARE` of them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from articles.model import Article

ArticleKey = tuple[str, str]  # (corpus, id), as `read_gold_articles` keys them

RUN_LENGTH = 5
SHARED_SHARE = 0.5


def word_runs(text: str) -> frozenset[tuple[str, ...]]:
    """The runs of `RUN_LENGTH` words of `text`, lower-cased."""
    words = text.lower().split()
    return frozenset(
        tuple(words[start : start + RUN_LENGTH]) for start in range(len(words) - RUN_LENGTH + 1)
    )


def near_copies(
    articles: Mapping[ArticleKey, Article],
    originals: Iterable[ArticleKey],
    candidates: Iterable[ArticleKey],
) -> frozenset[ArticleKey]:
    """Of the `candidates` (keys of `articles`), those whose body nearly copies the body of one
    of the `originals`."""
    runs_of = {key: word_runs(article.body) for key, article in articles.items()}
    originals_with: defaultdict[tuple[str, ...], set[ArticleKey]] = defaultdict(set)
    for original in originals:
        for run in runs_of[original]:
            originals_with[run].add(original)
    copies = set()
    for candidate in candidates:
        shared = Counter(
            original
            for run in runs_of[candidate]
            for original in originals_with.get(run, ())
            if original != candidate
        )
        if any(
            count > SHARED_SHARE * min(len(runs_of[candidate]), len(runs_of[original]))
            for original, count in shared.items()
        ):
            copies.add(candidate)
    return frozenset(copies)
