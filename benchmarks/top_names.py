"""The most frequent names of each kind over the whole Wikinews corpus, each judged right or wrong.

    python -m benchmarks.top_names [--no-write] [--contexts]   (in `make bench-entities`)

Runs the default extractor over every article of `../shared/corpora/wikinews` (read as the index
reads it: title, and the body up to `ENTITY_SCAN_CHARS`), counts the stories naming each
canonical name per kind (as the sidebar and the facets count them), and lists the top 30 of each
kind with the team's verdict on it from `gold/top_names.tsv`. A name not judged there yet is
"unjudged", which counts as not right: `--contexts` prints its mentions in their sentences, to
judge it by GUIDELINES.md and add a line to the file. Replaces the "Top names on Wikinews"
section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from articles.entities import get_extractor
from articles.model import ENTITY_KINDS, Article, Entities, EntityKind
from benchmarks.gold import CORPORA_FOLDER, read_corpus_articles
from benchmarks.results_file import machine, write_section
from index.api import ENTITY_SCAN_CHARS

SECTION_HEADING = "## Top names on Wikinews"
CORPUS = "wikinews"
VERDICTS_FILE = Path(__file__).resolve().parent / "gold" / "top_names.tsv"
TOP = 30
# Issue #16's goal: at least this many of each kind's top 30 right.
GOAL_RIGHT = 28
VERDICTS = ("right", "wrong kind", "not a name", "fragment")
UNJUDGED = "unjudged"
CONTEXTS_SHOWN = 4


@dataclass(frozen=True)
class Verdict:
    """The team's judgement of a name read as a kind, and the guideline rule that decides it."""

    verdict: str
    rule: str


Judged = dict[tuple[EntityKind, str], Verdict]


def parse_verdicts(text: str) -> Judged:
    """The verdicts file's lines, `kind<TAB>name<TAB>verdict<TAB>rule` after a header line;
    raises ValueError naming a bad line."""
    judged: Judged = {}
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 4:
            raise ValueError(f"line {number}: expected kind, name, verdict and rule, tab-separated")
        kind, name, verdict, rule = (cell.strip() for cell in cells)
        if kind not in ENTITY_KINDS:
            raise ValueError(
                f"line {number}: kind {kind!r} is not one of {', '.join(ENTITY_KINDS)}"
            )
        if verdict not in VERDICTS:
            raise ValueError(
                f"line {number}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}"
            )
        if (kind, name) in judged:
            raise ValueError(f"line {number}: {name} as {kind} is judged twice")
        judged[kind, name] = Verdict(verdict, rule)
    return judged


def story_counts(entities: list[Entities]) -> dict[EntityKind, Counter[str]]:
    """Per kind, the number of stories naming each canonical name."""
    counts: dict[EntityKind, Counter[str]] = {kind: Counter() for kind in ENTITY_KINDS}
    for story in entities:
        for kind, names in story.names.items():
            counts[kind].update(set(names))
    return counts


def top_names(counts: Counter[str], top: int = TOP) -> list[tuple[str, int]]:
    """The `top` names named by most stories; a tie goes in alphabetical order."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]


def right_count(kind: EntityKind, names: list[tuple[str, int]], judged: Judged) -> int:
    return sum(1 for name, _ in names if _verdict(judged, kind, name).verdict == "right")


def _verdict(judged: Judged, kind: EntityKind, name: str) -> Verdict:
    return judged.get((kind, name), Verdict(UNJUDGED, ""))


def results_section(
    counts: dict[EntityKind, Counter[str]], judged: Judged, stories: int, seconds: float
) -> str:
    tops = {kind: top_names(counts[kind]) for kind in ENTITY_KINDS}
    rights = {kind: right_count(kind, tops[kind], judged) for kind in ENTITY_KINDS}
    met = all(right >= GOAL_RIGHT for right in rights.values())
    about = (
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}, with `make bench-entities`"
        f" (`python -m benchmarks.top_names`): the default extractor over all {stories} articles"
        f" of `../shared/corpora/{CORPUS}` ({seconds:.1f} s of one core, no sampling), each name"
        " counted once per story naming it, as the sidebar and the facets count (a tie in"
        " alphabetical order). The verdicts are the team's, by `benchmarks/gold/GUIDELINES.md`"
        f" (the deciding rule beside each), kept in `benchmarks/gold/{VERDICTS_FILE.name}`: a"
        " name is judged by what most of the stories counting it mean by it. A name not judged"
        f" yet is {UNJUDGED}, so not right (`--contexts` prints its mentions, to judge it)."
    )
    lines = [
        SECTION_HEADING,
        "",
        *textwrap.wrap(about, width=100, break_on_hyphens=False),
        "",
        f"Goal (issue #16): ≥ {GOAL_RIGHT} of the top {TOP} right per kind: "
        + ("met" if met else "**missed**")
        + " ("
        + ", ".join(f"{kind} {rights[kind]}" for kind in ENTITY_KINDS)
        + ").",
    ]
    for kind in ENTITY_KINDS:
        lines += [
            "",
            f"{kind} ({rights[kind]} of {len(tops[kind])} right):",
            "",
            "| # | name | stories | verdict | rule |",
            "| --- | --- | --- | --- | --- |",
        ]
        for rank, (name, stories_naming) in enumerate(tops[kind], start=1):
            verdict = _verdict(judged, kind, name)
            shown = verdict.verdict if verdict.verdict == "right" else f"**{verdict.verdict}**"
            lines.append(
                f"| {rank} | {_cell(name)} | {stories_naming} | {shown} | {verdict.rule} |"
            )
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def unjudged_contexts(
    articles: dict[str, Article], entities: list[Entities], names: set[tuple[EntityKind, str]]
) -> list[str]:
    """A few mentions of each of `names` (kind, canonical name), each with the words around it
    and the corpus id of its article; `entities` are the articles', in the same order."""
    shown: Counter[tuple[EntityKind, str]] = Counter()
    lines = []
    for (article_id, article), story in zip(articles.items(), entities, strict=True):
        for mention in story.mentions:
            key = (mention.kind, mention.name)
            if key not in names or shown[key] >= CONTEXTS_SHOWN:
                continue
            shown[key] += 1
            text = article.title if mention.field == "title" else article.body
            start = max(text.rfind("\n", 0, mention.start) + 1, mention.start - 100)
            end = text.find("\n", mention.end)
            end = min(len(text) if end < 0 else end, mention.end + 100)
            name = text[mention.start : mention.end]
            context = f"{text[start : mention.start]}[{name}]{text[mention.end : end]}"
            lines.append(f"{mention.kind:12} {mention.name} ({article_id}): {context}")
    return sorted(lines)


def corpus_articles() -> dict[str, Article]:
    """Every article of the corpus by its id there, in the corpus's order."""
    with (CORPORA_FOLDER / CORPUS / "articles.jsonl").open(encoding="utf-8") as lines:
        article_ids = [json.loads(line)["id"] for line in lines]
    articles = read_corpus_articles(CORPUS, set(article_ids))
    return {article_id: articles[article_id] for article_id in article_ids}


def main(arguments: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.top_names", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--no-write", action="store_true", help="print only, leave RESULTS.md")
    parser.add_argument(
        "--contexts", action="store_true", help="print the mentions of each unjudged top name"
    )
    options = parser.parse_args(arguments)
    if not (CORPORA_FOLDER / CORPUS).is_dir():
        print(f"{CORPORA_FOLDER / CORPUS}: not found, top names not measured", file=sys.stderr)
        return 0
    try:
        judged = parse_verdicts(VERDICTS_FILE.read_text(encoding="utf-8"))
    except (OSError, ValueError) as reason:
        print(f"{VERDICTS_FILE}: {reason}", file=sys.stderr)
        return 2
    articles = corpus_articles()
    extractor = get_extractor("default")
    started = time.process_time()
    entities = [
        extractor.extract(article.title, article.body[:ENTITY_SCAN_CHARS])
        for article in articles.values()
    ]
    seconds = time.process_time() - started
    counts = story_counts(entities)
    if options.contexts:
        unjudged = {
            (kind, name)
            for kind in ENTITY_KINDS
            for name, _ in top_names(counts[kind])
            if (kind, name) not in judged
        }
        print("\n".join(unjudged_contexts(articles, entities, unjudged)))
        return 0
    section = results_section(counts, judged, len(articles), seconds)
    print(section)
    if not options.no_write:
        write_section(section)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
