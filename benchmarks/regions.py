"""Write `articles/entities/data/regions.txt`: the states, provinces and territories of the
countries whose news is written in English, as that news spells them.

    pip install -e '.[train]'       # pycountry, for ISO 3166-2
    python -m benchmarks.regions

The names are ISO 3166-2's (by way of pycountry), without their diacritics ("Telangāna" is
written "Telangana"). Only these countries: elsewhere ISO's names are the local ones ("Bayern",
not "Bavaria"), or words of the language ("Delta", "Rivers", Nigeria's states).
"""

from __future__ import annotations

import sys
import unicodedata
from importlib.resources import files
from pathlib import Path

from articles.entities.tagger import REGIONS_FILE

# Australia, Canada, India, Pakistan, South Africa: English is a language of their news.
COUNTRIES = ("AU", "CA", "IN", "PK", "ZA")
# Short forms written as names: "NSW had the most restrictive law".
SHORT_FORMS = ("NSW",)
HEADER = """\
# The states, provinces and territories of Australia, Canada, India, Pakistan and South Africa:
# ISO 3166-2 by way of the pycountry package (LGPL-2.1), without diacritics, and short forms
# written as names. Written by `python -m benchmarks.regions`. One name per line.
"""


def without_diacritics(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def region_names() -> list[str]:
    try:
        import pycountry
    except ImportError:
        raise SystemExit("this needs pycountry: pip install -e '.[train]'") from None
    names = {
        without_diacritics(subdivision.name)
        for country in COUNTRIES
        for subdivision in pycountry.subdivisions.get(country_code=country)
        if subdivision.parent_code is None
    }
    return sorted(names | set(SHORT_FORMS))


def main() -> int:
    target = Path(str(files("articles.entities").joinpath("data", REGIONS_FILE)))
    target.write_text(HEADER + "\n".join(region_names()) + "\n", encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
