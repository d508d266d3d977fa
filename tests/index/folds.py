"""Words and what the index folds them to, written out by hand: the references of the folding
tests, independent of `index.whoosh.schema.FOLDING_MAP`. Every letter the schema folds itself is
here, and a word from each block of Whoosh's accent map."""

from __future__ import annotations

FOLDED_WORDS = [
    # Letters Unicode does not decompose, folded by the schema itself.
    ("Łódź", "lodz"),
    ("Wałęsa", "walesa"),
    ("Øresund", "oresund"),
    ("Ærø", "aero"),
    ("Đorđe", "dorde"),
    ("Straße", "strasse"),
    ("Cæsar", "caesar"),
    ("œuvre", "oeuvre"),
    ("ŒUVRE", "oeuvre"),
    ("þorn", "thorn"),
    ("Þór", "thor"),
    ("Guðrún", "gudrun"),
    # Latin-1 accents.
    ("Ångström", "angstrom"),
    ("Ñandú", "nandu"),
    ("naïve", "naive"),
    # Latin Extended-A.
    ("Gašić", "gasic"),
    ("Dvořák", "dvorak"),
    ("Şişli", "sisli"),
    ("Ōsaka", "osaka"),
    # Latin Extended-B.
    ("Ștefan", "stefan"),
    ("Țiriac", "tiriac"),
    ("Ǎrgeș", "arges"),
    # Latin Extended Additional (Vietnamese).
    ("Nguyễn", "nguyen"),
    # Full-width letters.
    ("ＯＰＥＣ", "opec"),
]
