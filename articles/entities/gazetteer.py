"""The archive's own gazetteer: names the archive shows to be organisations.

A name seen with a strong organisation cue ("Yukos Inc", "shares of Yukos", "the airline
Ryanair", "Yukos shares", "Yukos said in a statement") is an organisation wherever the story
names it (the default extractor settles that per story). Across the archive, a name that some
story gives such a cue, and that most of the stories naming it read as an organisation, is an
organisation in the other stories too, where the tagger read it as a person or a place.

Why it is applied at index time, from counts kept per archive file: the sidebar's counts and
`organization:Yukos` are keyword fields of each story, so the kind must be right in the index,
not only on display. Each file's readings of its names (how many of its stories gave a cue,
read an organisation, read something else, and were changed by the gazetteer) are kept beside
the manifest, so the gazetteer is a sum over files that stays right when a file changes or goes
(its rows go with it) and costs no second reading of unchanged files. Worker processes only
read files with the gazetteer as it was when the update began; afterwards the files whose
stories were read with a gazetteer that no longer holds (a name that became, or stopped being,
an organisation) are read again, once: their readings before the gazetteer do not depend on
it, so a second round changes nothing more.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from articles.entities import EntityExtractor
from articles.entities.canonical import names_by_kind
from articles.entities.rules import BODY_NOUNS, BODY_WARES, STAKES, word_set
from articles.model import Entities, EntityKind, Mention, NameReading

# The last word of a company's legal name: "Yukos Inc.", "Barclays plc".
_LEGAL_FORMS = word_set("inc inc. corp corp. ltd ltd. plc llc co co. ag sa spa nv bv gmbh")
_STATEMENT = ["said", "in", "a", "statement"]


def organization_cue(words: list[str], first: int, last: int) -> bool:
    """Whether the words in and around a name read as an organisation (`words[first:last+1]`)
    say so beyond doubt: a legal form, a stake in it, the kind of business before it, its shares
    after it, or a statement it made. Not a team's staff ("the Scotland manager"): CoNLL-2003
    reads a national team as its country, and the whole story would follow."""
    before = [word.lower() for word in words[max(first - 2, 0) : first]]
    after = words[last + 1 : last + 5]
    return (
        words[last].lower() in _LEGAL_FORMS
        or before in STAKES
        or (first > 0 and words[first - 1] in BODY_NOUNS)
        or (bool(after) and after[0] in BODY_WARES)
        or after == _STATEMENT
    )


class GazetteerExtractor:
    """An extractor whose stories take the archive's organisations (`organizations`, names
    the gazetteer holds), and which says how each story read its names before that."""

    def __init__(self, extractor: EntityExtractor, organizations: Collection[str]) -> None:
        self.name = extractor.name
        self._extractor = extractor
        self._organizations = frozenset(organizations)

    def extract(self, title: str, body: str) -> Entities:
        return apply_gazetteer(self._extractor.extract(title, body), self._organizations)


def apply_gazetteer(entities: Entities, organizations: frozenset[str]) -> Entities:
    """`entities` with the names in `organizations` read as organisations, and `readings` saying
    how the story read each name before (one kind per name: the extractor settled it)."""
    kinds: dict[str, EntityKind] = {mention.name: mention.kind for mention in entities.mentions}
    changed = {
        name for name, kind in kinds.items() if kind != "organization" and name in organizations
    }
    # A cued short name the story never writes alone ("Yukos" of "Yukos Inc") counts too.
    kinds.update((name, "organization") for name in entities.cued_organizations - kinds.keys())
    readings = tuple(
        NameReading(
            name, name in entities.cued_organizations, kind == "organization", name in changed
        )
        for name, kind in kinds.items()
    )
    if not changed:
        return replace(entities, readings=readings)
    mentions = tuple(
        Mention("organization", mention.name, mention.start, mention.end, mention.field)
        if mention.name in changed
        else mention
        for mention in entities.mentions
    )
    return replace(entities, mentions=mentions, names=names_by_kind(mentions), readings=readings)
