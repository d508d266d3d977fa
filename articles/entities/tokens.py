"""Split article text into word tokens with character offsets.

The split follows the CoNLL-2003 tokenisation closely (possessive `'s` split off, dotted acronyms
and common abbreviations keep their period, hyphenated words stay whole) so a tagger trained on
CoNLL tokens sees the same units in raw text, and entity offsets land exactly on word edges.
"""

from __future__ import annotations

import re

# Abbreviations whose period belongs to the word (titles, company suffixes, US states).
_ABBREVIATIONS = str.split(
    "Mr Mrs Ms Dr Prof St Sr Jr Gen Col Lt Capt Sgt Maj Adm Gov Sen Rep Rev Pres Supt "
    "Inc Corp Co Ltd Bros Cos Plc Mt Ft No Nos vs Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo "
    "Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo"
)

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}[A-Za-z]?"  # dotted acronyms: U.S., F.C., N.J.
    # (the lookahead skips the long list quickly where no abbreviation can start)
    r"|(?=[A-Z][a-z]{0,4}\.|vs\.)(?:" + "|".join(_ABBREVIATIONS) + r")\.(?!\w)"
    r"|[A-Z]\.(?=\s)"  # an initial: "M. Smith"
    r"|[A-Z]{0,2}\$"  # currencies: $, C$, US$
    r"|[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}\b"  # domains: news.az, www.bbc.co.uk
    r"|[^\W_]+(?:&[^\W_]+)+"  # S&P, AT&T
    r"|[^\W_]+(?:[-'](?![sS]\b)[^\W_]+|[.,:]\d+)*"  # words, O'Neill, Jean-Paul, 1,000, 3.5
    r"|'[sS]\b"  # the possessive, its own token as in CoNLL
    r"|\S"
)


# Typographic quotes as the plain ones of the training text; one character for one, so offsets hold.
_PLAIN_QUOTES = str.maketrans("‘’‚‛“”„‟«»", "''''" + '""""""')


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """Tokens of `text` as (word, start, end), quotes made plain ("Gašić’s" gives "'s")."""
    plain = text.translate(_PLAIN_QUOTES)
    return [(match.group(), match.start(), match.end()) for match in _TOKEN.finditer(plain)]


_SENTENCE_ENDS = frozenset(".!?")


def split_sentences(tokens: list[tuple[str, int, int]]) -> list[list[tuple[str, int, int]]]:
    """Tokens split after sentence-final punctuation: the tagger learned on one sentence a line."""
    sentences: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    for token in tokens:
        current.append(token)
        if token[0] in _SENTENCE_ENDS:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences
