"""Folding words for search: lower case, accents off (`Gašić` → `gasic`, `Łódź` → `lodz`).

The index folds with Whoosh's accent table plus `EXTRA_FOLDS`; the user's library folds its notes
with `fold_text`, which strips what Unicode decomposes and applies the same extra folds.
"""

from __future__ import annotations

import unicodedata

# Letters that Unicode does not decompose into a base letter plus accent.
EXTRA_FOLDS = {"ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ß": "ss"}
EXTRA_FOLDS |= {"æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d"}
_EXTRA_FOLDING = str.maketrans(EXTRA_FOLDS)


def fold_text(text: str) -> str:
    """`text` in lower case, its accents and the letters of `EXTRA_FOLDS` folded."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDING))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
