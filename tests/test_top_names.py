"""The top-names benchmark (benchmarks/top_names.py): counting stories per name, the team's
verdicts file and the RESULTS.md section built from them."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not installed: importable however pytest runs
    sys.path.insert(0, str(REPO_ROOT))

from articles.model import Article, Entities, Mention  # noqa: E402
from benchmarks.top_names import (  # noqa: E402
    VERDICTS_FILE,
    Verdict,
    parse_verdicts,
    results_section,
    story_counts,
    top_names,
    unjudged_contexts,
)

HEADER = "kind\tname\tverdict\trule\n"


def story(person: tuple[str, ...] = (), place: tuple[str, ...] = ()) -> Entities:
    return Entities(names={"person": person, "place": place, "organization": ()})


def test_a_name_counts_once_per_story_naming_it():
    counts = story_counts(
        [story(person=("Ada Lovelace",)), story(person=("Ada Lovelace", "Charles Babbage"))]
    )
    assert counts["person"] == Counter({"Ada Lovelace": 2, "Charles Babbage": 1})
    assert counts["place"] == Counter()


def test_the_top_names_break_a_tie_alphabetically():
    counts = Counter({"Zagreb": 3, "Athens": 3, "Oslo": 5, "Bern": 1})
    assert top_names(counts, top=3) == [("Oslo", 5), ("Athens", 3), ("Zagreb", 3)]


def test_the_teams_verdicts_file_is_well_formed():
    judged = parse_verdicts(VERDICTS_FILE.read_text(encoding="utf-8"))
    assert judged["person", "Donald Trump"].verdict == "right"
    assert all(verdict.rule for verdict in judged.values()), "every verdict names its rule"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("person\tAda Lovelace\tright\n", "line 2: expected kind, name, verdict and rule"),
        ("people\tAda Lovelace\tright\tperson\n", "line 2: kind 'people' is not one of"),
        ("person\tAda Lovelace\tmaybe\tperson\n", "line 2: verdict 'maybe' is not one of"),
        ("person\tAda\tright\tperson\nperson\tAda\tfragment\t2\n", "line 3: Ada as person is"),
    ],
)
def test_a_bad_verdicts_line_is_refused_with_a_sentence(line, reason):
    with pytest.raises(ValueError, match=reason):
        parse_verdicts(HEADER + line)


def test_the_section_gives_each_name_its_verdict_and_counts_the_right_ones_per_kind():
    counts = story_counts(
        [story(person=("Ada Lovelace", "Well"), place=("Paris",)), story(person=("Grace Hopper",))]
    )
    judged = {
        ("person", "Ada Lovelace"): Verdict("right", "person: real people"),
        ("person", "Well"): Verdict("not a name", "an interjection"),
        ("place", "Paris"): Verdict("right", "place: cities"),
    }
    section = results_section(counts, judged, stories=2, seconds=0.5)

    assert "| 1 | Ada Lovelace | 1 | right | person: real people |" in section
    assert "| 3 | Well | 1 | **not a name** | an interjection |" in section
    # A name nobody judged yet is listed as such and is not right.
    assert "| 2 | Grace Hopper | 1 | **unjudged** |  |" in section
    assert "person (1 of 3 right):" in section
    assert "place (1 of 1 right):" in section
    assert "**missed** (person 1, place 1, organization 0)" in section


def test_the_contexts_show_each_unjudged_names_mentions_in_their_words():
    body = "Opening line.\nWell, said Ada Lovelace, the engine works."
    article = Article(id="0.jsonl#1", path="0.jsonl", title="Engines", body=body)
    well = body.index("Well")
    ada = body.index("Ada")
    entities = Entities(
        mentions=(
            Mention("person", "Well", well, well + 4),
            Mention("person", "Ada Lovelace", ada, ada + 12),
        )
    )
    lines = unjudged_contexts({"wikinews-0007": article}, [entities], {("person", "Well")})
    assert lines == [
        "person       Well (wikinews-0007): [Well], said Ada Lovelace, the engine works."
    ]
