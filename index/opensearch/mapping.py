"""The OpenSearch index: its analyzers and fields, made to behave as the Whoosh schema
(`index.whoosh.schema`) does, with the servers' built-in filters only.

Text fields fold case and accents (`asciifolding`) and stem English (the Porter stemmer, as
Whoosh's); entity fields are `keyword` for facets (terms aggregations), with a folded copy for
`person:"karim valiyev"` and a copy split into words for `person:valiyev`; the date is a `date`
for ranges and the timeline (date_histogram). `spelling` holds the words of title and body
unstemmed, for the term suggester.
"""

from __future__ import annotations

from typing import Any

from articles.model import ENTITY_KINDS, TextField
from index.whoosh.schema import STOP_WORDS, WORD

# Bump when the mapping or what goes into it changes: an older index is then rebuilt.
SCHEMA_VERSION = "opensearch-1"
# A mention's field as stored: its place in this tuple.
MENTION_FIELDS: tuple[TextField, ...] = ("title", "body")

TEXT_ANALYZER = "newsreader_text"
NAME_ANALYZER = "newsreader_name"
AUTHOR_ANALYZER = "newsreader_author"
FOLDED_NORMALIZER = "newsreader_folded"

INDEX_SETTINGS: dict[str, Any] = {
    "number_of_shards": 1,
    # Hits are highlighted whole, for offsets in the stored text; past this many characters a
    # story (a log pasted in) would fail the whole search instead.
    "highlight": {"max_analyzed_offset": 25_000_000},
    "analysis": {
        "tokenizer": {
            "newsreader_words": {
                "type": "pattern",
                # Whoosh's word pattern: `U.S.` and `3.5` are one word.
                "pattern": WORD.pattern,
                "group": 0,
                # Java's `\w` is ASCII without it: `Gašić` would be three words.
                "flags": "UNICODE_CHARACTER_CLASS",
            }
        },
        "char_filter": {
            # `defence` is `defense` in entity names, as the extractor spells them.
            "newsreader_one_spelling": {
                "type": "pattern_replace",
                "pattern": "(?i)\\bdefence\\b",
                "replacement": "defense",
            }
        },
        "filter": {
            # Whoosh's English stop words, which are not Lucene's `_english_`.
            "newsreader_stop": {"type": "stop", "stopwords": sorted(STOP_WORDS)},
            "newsreader_stem": {"type": "stemmer", "language": "english"},
            # Whoosh drops one-letter words with the stop words.
            "newsreader_two_letters": {"type": "length", "min": 2},
        },
        "analyzer": {
            TEXT_ANALYZER: {
                "type": "custom",
                "tokenizer": "newsreader_words",
                "filter": [
                    "lowercase",
                    "asciifolding",
                    "newsreader_stop",
                    "newsreader_two_letters",
                    "newsreader_stem",
                ],
            },
            NAME_ANALYZER: {
                "type": "custom",
                "tokenizer": "newsreader_words",
                "char_filter": ["newsreader_one_spelling"],
                "filter": ["lowercase", "asciifolding"],
            },
            AUTHOR_ANALYZER: {
                "type": "custom",
                "tokenizer": "newsreader_words",
                "filter": [
                    "lowercase",
                    "asciifolding",
                    "newsreader_stop",
                    "newsreader_two_letters",
                ],
            },
        },
        "normalizer": {
            FOLDED_NORMALIZER: {
                "type": "custom",
                "char_filter": ["newsreader_one_spelling"],
                "filter": ["lowercase", "asciifolding"],
            }
        },
    },
}


def _entity_field() -> dict[str, Any]:
    return {
        "type": "keyword",
        "fields": {
            "folded": {"type": "keyword", "normalizer": FOLDED_NORMALIZER},
            "words": {"type": "text", "analyzer": NAME_ANALYZER},
        },
    }


MAPPINGS: dict[str, Any] = {
    "dynamic": "strict",
    "properties": {
        "id": {"type": "keyword"},
        "text_hash": {"type": "keyword"},
        "path": {"type": "keyword"},
        "title": {"type": "text", "analyzer": TEXT_ANALYZER, "copy_to": "spelling"},
        "body": {"type": "text", "analyzer": TEXT_ANALYZER, "copy_to": "spelling"},
        "author": {"type": "text", "analyzer": AUTHOR_ANALYZER},
        "date": {"type": "date", "format": "strict_date"},
        "source": {"type": "keyword"},
        "url": {"type": "keyword", "index": False, "doc_values": False},
        "spelling": {"type": "text", "analyzer": NAME_ANALYZER},
        # Where the names are mentioned: [field, kind, name's place in its list, start, end].
        "mentions": {"type": "object", "enabled": False},
        # Which update wrote the story (`index.opensearch.writer`): the older ones of a changed
        # file are deleted when the update is committed.
        "generation": {"type": "keyword"},
        **{kind: _entity_field() for kind in ENTITY_KINDS},
    },
}

# The fields a query names, as `index.query` names them, and the one a term query searches.
WHOLE_NAME_SUFFIX = ".folded"
WORDS_SUFFIX = ".words"
TITLE_BOOST = 2.0


def index_body() -> dict[str, Any]:
    """What creates the index: its settings and mappings."""
    return {"settings": INDEX_SETTINGS, "mappings": MAPPINGS}
