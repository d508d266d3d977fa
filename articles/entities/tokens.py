"""Split article text into word tokens with character offsets.

The split follows the CoNLL-2003 tokenisation closely (possessive `'s` split off, dotted acronyms
and common abbreviations keep their period, hyphenated words stay whole) so a tagger trained on
CoNLL tokens sees the same units in raw text, and entity offsets land exactly on word edges.
"""

from __future__ import annotations

import re
from itertools import compress, count

# Abbreviations whose period belongs to the word (titles, company suffixes, US states).
_ABBREVIATIONS = str.split(
    "Mr Mrs Ms Dr Prof St Sr Jr Gen Col Lt Capt Sgt Maj Adm Gov Sen Rep Rev Pres Supt "
    "Inc Corp Co Ltd Bros Cos Plc Mt Ft No Nos vs Jan Feb Mar Apr Aug Sep Sept Oct Nov Dec "
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo "
    "Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo"
)

_ABBREVIATION_WORDS = frozenset(_ABBREVIATIONS)

_TOKEN = re.compile(
    # Most tokens first: a plain word followed by nothing that would make a longer token of it
    # (below), and punctuation that opens no other token. Each gives what the rest would.
    r"[^\W_]++(?![-'.&$\w]|[,:]\d)"
    r"|[^\w\s$']"
    r"|(?:[A-Za-z]\.){2,}[A-Za-z]?"  # dotted acronyms: U.S., F.C., N.J.
    # (the lookahead skips the long list quickly where no abbreviation can start)
    r"|(?=[A-Z][a-z]{0,4}\.|vs\.)(?:" + "|".join(_ABBREVIATIONS) + r")\.(?!\w)"
    r"|[A-Z]\.(?=\s)"  # an initial: "M. Smith"
    r"|[A-Z]{0,2}\$"  # currencies: $, C$, US$
    r"|[A-Za-z0-9][A-Za-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,6}\b"  # news.az, Amazon.com
    r"|[^\W_]+(?:&[^\W_]+)+"  # S&P, AT&T
    r"|[^\W_]+(?:[-'](?![sS]\b)[^\W_]+|[.,:]\d+)*"  # words, O'Neill, Jean-Paul, 1,000, 3.5
    r"|'[sS]\b"  # the possessive, its own token as in CoNLL
    r"|\S"
)


# Typographic quotes as the plain ones of the training text; one character for one, so offsets hold.
_PLAIN_QUOTES = str.maketrans("‘’‚‛“”„‟«»", "''''" + '""""""')


# After a plain word, a character that the first pattern above leaves to a token of its own.
_NOT_ENDING_A_WORD = frozenset("-'.&$_")
# Before a plain word, a character that is a token of its own (the second pattern).
_NOT_OPENING_A_WORD = frozenset("'$_")


def tokenize(text: str) -> tuple[list[str], list[int]]:
    """The words of `text`, quotes made plain ("Gašić’s" gives "'s"), and where each starts."""
    plain = text if text.isascii() else text.translate(_PLAIN_QUOTES)  # (`isascii` takes no scan)
    words: list[str] = []
    starts: list[int] = []
    position = 0
    # No token spans a space. Most text between spaces is one token, a plain word (the first of
    # the patterns above) or a lone character, or a plain word with one character or a
    # possessive before or after it: found far faster by `split` and string tests than by the
    # pattern, giving what it would. The rest is matched up to the space after it, which the
    # pattern may look at.
    for chunk in plain.split():
        position = plain.find(chunk, position)
        end = position + len(chunk)
        if end - position == 1 or chunk.isalnum():
            words.append(chunk)
            starts.append(position)
        elif (word := chunk[:-1]).isalnum() and (
            chunk[-1] not in _NOT_ENDING_A_WORD  # "said," "Baku)"
            or (chunk[-1] == "." and not _keeps_its_period(word, end < len(plain)))  # "year."
        ):
            words += word, chunk[-1]
            starts += position, end - 1
        elif chunk[1:].isalnum() and chunk[0] not in _NOT_OPENING_A_WORD:  # "(Reuters" '"We'
            words += chunk[0], chunk[1:]
            starts += position, position + 1
        elif chunk[-2:] in ("'s", "'S") and chunk[:-2].isalnum():  # "Valiyev's"
            words += chunk[:-2], chunk[-2:]
            starts += position, end - 2
        else:
            _match_tokens(plain, position, end, words, starts)
        position = end
    return words, starts


def _keeps_its_period(word: str, space_after: bool) -> bool:
    """Whether the pattern takes a plain word's period with it: an abbreviation ("Corp.") or an
    initial ("M. Smith")."""
    return word in _ABBREVIATION_WORDS or (len(word) == 1 and "A" <= word <= "Z" and space_after)


def _match_tokens(plain: str, start: int, end: int, words: list[str], starts: list[int]) -> None:
    """Add the tokens the pattern finds from `start` to `end` (and the character after)."""
    for match in _TOKEN.finditer(plain, start, end + 1):
        words.append(match.group())
        starts.append(match.start())


_SENTENCE_ENDS = frozenset(".!?")


def sentence_bounds(words: list[str]) -> list[tuple[int, int]]:
    """(first, end) of each sentence of the words, split after sentence-final punctuation (the
    tagger learned on one sentence a line) and after the speaker label opening a turn of an
    interview, "((WN)) Which…", "((Mara Lindqvist)) Well…"."""
    label_end = speaker_label_end(words)
    if label_end:
        rest = sentence_bounds(words[label_end:])
        return [(0, label_end), *((label_end + first, label_end + end) for first, end in rest)]
    if _SENTENCE_ENDS.isdisjoint(words[:-1]):  # most lines: one sentence
        return [(0, len(words))] if words else []
    ends = [index + 1 for index in compress(count(), map(_SENTENCE_ENDS.__contains__, words))]
    if ends[-1] < len(words):
        ends.append(len(words))
    return list(zip([0, *ends], ends, strict=False))


# The longest speaker label looked for, in words: "(", "(", a name of a few words, ")", ")".
_SPEAKER_LABEL_WORDS = 9


def speaker_label_end(words: list[str]) -> int:
    """Where the double-bracketed speaker label opening these words ends, 0 if none."""
    if words[:2] != ["(", "("]:
        return 0
    for end in range(5, min(len(words), _SPEAKER_LABEL_WORDS) + 1):
        if words[end - 2 : end] == [")", ")"]:
            return end
    return 0
