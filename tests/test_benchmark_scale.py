"""`make bench-scale`: the repeated stories of its archives differ, and its table says how each
cost grows and survives a `make bench` run."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not installed: importable however pytest runs
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.run import results_section, write_results  # noqa: E402
from benchmarks.scale import MEASURES, extrapolated, growth, section  # noqa: E402
from benchmarks.scale_corpus import repeated  # noqa: E402

STORY = {"id": "s-1", "title": "Talks", "date": "2005-03-01", "body": "One.\nTwo.\nThree."}


def test_each_repetition_of_a_story_is_dated_later_and_starts_elsewhere() -> None:
    assert repeated(STORY, 0) == STORY
    copies = [repeated(STORY, number) for number in range(1, 4)]
    dates = [STORY["date"], *(copy["date"] for copy in copies)]
    assert dates == sorted(set(dates))
    assert [copy["body"].split("\n")[0] for copy in copies] == ["Two.", "Three.", "One."]
    assert all(sorted(copy["body"].split("\n")) == ["One.", "Three.", "Two."] for copy in copies)


def figures(size: int, build_s: float) -> dict[str, float]:
    return {"size": size, "load_average": 1.0, **dict.fromkeys(MEASURES, 5.0), "build_s": build_s}


def test_the_growth_of_a_cost_is_its_exponent() -> None:
    linear = [figures(10_000, 10.0), figures(1_000_000, 1000.0)]
    squared = [figures(10_000, 10.0), figures(100_000, 1000.0)]
    assert growth(linear, "build_s") == "n^1.00: linear"
    assert growth(squared, "build_s") == "n^2.00: **faster than linear**"
    assert growth(linear, "index_mb") == "n^0.00: flat"
    assert growth(linear[:1], "build_s") == ""
    assert round(extrapolated(squared, "build_s", 1_000_000)) == 100_000


def test_the_cost_curve_section_survives_a_bench_run(tmp_path: Path) -> None:
    results, notes = tmp_path / "RESULTS.md", tmp_path / "NOTES.md"
    notes.write_text("## How to read the numbers\n\nThe notes.\n", encoding="utf-8")
    write_results(results_section(3_000, [("build", "8.8 s", "")], "0.1", "0.2"), results, notes)
    curve = section([figures(10_000, 10.0), figures(100_000, 100.0)])
    results.write_text(results.read_text(encoding="utf-8") + "\n" + curve + "\n")
    write_results(results_section(3_000, [("build", "7.7 s", "")], "0.1", "0.2"), results, notes)

    text = results.read_text(encoding="utf-8")
    assert "| full build (s) | 10.0 | 100 | n^1.00: linear |" in text
    assert "7.7 s" in text and text.count("## Cost curve") == 1
    assert "1,000,000-story build, at the build's growth from 10,000 to 100,000: about 17 " in text
