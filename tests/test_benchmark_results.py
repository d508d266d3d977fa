"""`make bench`'s results file: one section per archive size, each run replacing only its own."""

from __future__ import annotations

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # benchmarks/ is not installed: importable however pytest runs
    sys.path.insert(0, str(REPO_ROOT))

from benchmarks.run import build_rows, results_section, write_results  # noqa: E402


def section(size: int, build_seconds: str) -> str:
    return results_section(size, [("full index build", build_seconds, "")], "0.10", "0.20")


def test_a_run_at_one_size_keeps_the_other_sizes_results(tmp_path):
    results, notes = tmp_path / "RESULTS.md", tmp_path / "NOTES.md"
    notes.write_text("## How to read the numbers\n\nThe notes.\n", encoding="utf-8")
    write_results(section(100_000, "121.3 s"), results, notes)
    write_results(section(3_000, "9.9 s"), results, notes)
    write_results(section(3_000, "8.8 s"), results, notes)

    text = results.read_text(encoding="utf-8")
    assert "| full index build | 121.3 s |  |" in text  # the large run, untouched
    assert "| full index build | 8.8 s |  |" in text and "9.9 s" not in text
    assert text.index("## 3,000 articles") < text.index("## 100,000 articles")
    assert text.count("The notes.") == 1 and text.rstrip().endswith("The notes.")


def test_rewriting_the_same_results_changes_nothing(tmp_path):
    results, notes = tmp_path / "RESULTS.md", tmp_path / "NOTES.md"
    notes.write_text("## Notes\n\nText.\n", encoding="utf-8")
    write_results(section(100_000, "121.3 s"), results, notes)
    small = section(3_000, "8.8 s")
    write_results(small, results, notes)
    once = results.read_text(encoding="utf-8")
    write_results(small, results, notes)
    assert results.read_text(encoding="utf-8") == once


def test_the_extraction_section_survives_a_size_run_and_is_replaced_by_its_own(tmp_path):
    from benchmarks.extract import write_section

    results, notes = tmp_path / "RESULTS.md", tmp_path / "NOTES.md"
    notes.write_text("## How to read the numbers\n\nThe notes.\n", encoding="utf-8")
    write_results(section(3_000, "8.8 s"), results, notes)
    write_section("## Full-text extraction\n\nmedian F1 0.5\n", results)
    write_results(section(3_000, "7.7 s"), results, notes)
    assert "median F1 0.5" in results.read_text(encoding="utf-8")
    write_section("## Full-text extraction\n\nmedian F1 0.9\n", results)

    text = results.read_text(encoding="utf-8")
    assert "median F1 0.9" in text and "median F1 0.5" not in text
    assert "7.7 s" in text and "8.8 s" not in text
    assert text.index("## 3,000 articles") < text.index("## Full-text extraction")
    assert text.index("## Full-text extraction") < text.index("## How to read the numbers")
    assert text.count("The notes.") == 1


def test_the_modern_entities_section_survives_a_size_run_and_is_replaced_by_its_own(tmp_path):
    from benchmarks.results_file import write_section

    results, notes = tmp_path / "RESULTS.md", tmp_path / "NOTES.md"
    notes.write_text("## How to read the numbers\n\nThe notes.\n", encoding="utf-8")
    write_results(section(3_000, "8.8 s"), results, notes)
    write_section("## Full-text extraction\n\nmedian F1 0.9\n", results)
    write_section("## Named entities on modern news\n\nheld F1 0.70\n", results)
    write_results(section(3_000, "7.7 s"), results, notes)
    assert "held F1 0.70" in results.read_text(encoding="utf-8")
    write_section("## Named entities on modern news\n\nheld F1 0.80\n", results)

    text = results.read_text(encoding="utf-8")
    assert "held F1 0.80" in text and "held F1 0.70" not in text
    assert "median F1 0.9" in text and "7.7 s" in text
    assert text.index("## Full-text extraction") < text.index("## Named entities on modern news")
    assert text.index("## Named entities on modern news") < text.index("## How to read the")


def test_the_build_is_compared_with_stock_whoosh_with_where_its_time_went():
    stages = {
        "read + parse": 10.0,
        "entity extraction": 30.0,
        "Whoosh write": 50.0,
        "fast-path arrays": 8.0,
        "commit": 2.0,
    }
    ours = {"seconds": 60.0, "peak_rss_mb": 300.0, "stage_seconds": stages, "processes": 2}
    rows = {name: (value, target) for name, value, target in build_rows(ours, {"seconds": 40.0})}

    assert rows["ratio ours / stock Whoosh"] == ("1.50×", "≤ 2.0×: met")
    extraction = "entity extraction alone / stock Whoosh (its share of the build's wall time)"
    assert rows[extraction] == ("18.0 s = 0.45×", "≤ 0.6×: met")
    assert rows["where the build's time goes (seconds summed over 2 processes)"][0] == (
        "read + parse 10.0 s (10%); entity extraction 30.0 s (30%); Whoosh write 50.0 s (50%); "
        "fast-path arrays 8.0 s (8%); commit 2.0 s (2%)"
    )
