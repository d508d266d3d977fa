"""Organisation cues: the words around a name that say it is a company ("Yukos Inc", "shares
of Yukos", "the airline Ryanair", "Yukos shares", "Yukos said in a statement"). The default
extractor makes such a name an organisation wherever the story names it."""

from __future__ import annotations

from articles.entities.rules import BAND_MEMBERS, BODY_NOUNS, BODY_WARES, STAKES, word_set

# The last word of a company's legal name: "Yukos Inc.", "Barclays plc".
_LEGAL_FORMS = word_set("inc inc. corp corp. ltd ltd. plc llc co co. ag sa spa nv bv gmbh")
_STATEMENT = ["said", "in", "a", "statement"]


def organization_cue(words: list[str], first: int, last: int) -> bool:
    """Whether the words in and around a name read as an organisation (`words[first:last+1]`)
    say so beyond doubt: a legal form, a stake in it, the kind of business before it, its shares
    (or magazine, or a band's frontman) after it, or a statement it made. Not a team's staff
    ("the Scotland manager"): CoNLL-2003 reads a national team as its country, and the whole
    story would follow."""
    before = [word.lower() for word in words[max(first - 2, 0) : first]]
    after = words[last + 1 : last + 5]
    return (
        words[last].lower() in _LEGAL_FORMS
        or before in STAKES
        or (first > 0 and words[first - 1] in BODY_NOUNS)
        or (bool(after) and (after[0].lower() in BODY_WARES or after[0] in BAND_MEMBERS))
        or after == _STATEMENT
    )
