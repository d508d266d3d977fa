"""Annotate one article of the modern gold set by hand, fast (GUIDELINES.md).

    python -m benchmarks.gold.annotate CORPUS ID --split tune|held --annotator NAME \\
        "Boris Johnson=person" "Johnson=person" "UK=place" ...
    python -m benchmarks.gold.annotate CORPUS ID --drop body:120:127 --add body:120:127:place
    python -m benchmarks.gold.annotate CORPUS ID            (show the article with its marks)

Surfaces you decided on after reading the article: every whole-word occurrence of each, in the
title and the body, becomes a span (longer surfaces first, so "Johnson" never marks part of an
already marked "Boris Johnson"); they replace the file's spans. `--drop` and `--add` then fix the
misses and false matches. Each run writes the file and prints the article with the gold marks
`[text]kind:start` and, under each paragraph, where the extractor disagrees — read it through.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import replace
from pathlib import Path

from articles.entities import get_extractor
from articles.model import ENTITY_KINDS, TEXT_FIELDS, Article, EntityKind, TextField
from benchmarks.gold import (
    CORPORA,
    CORPORA_FOLDER,
    GOLD_FOLDER,
    SPLITS,
    GoldArticle,
    Span,
    gold_path,
    parse_gold,
    read_corpus_articles,
    span_problems,
)

KIND_NAMES: dict[str, EntityKind] = {kind: kind for kind in ENTITY_KINDS} | {
    "per": "person",
    "loc": "place",
    "org": "organization",
}
SHORT_KIND = {"person": "per", "place": "loc", "organization": "org"}


def whole_word_spans(text: str, surfaces: list[tuple[str, EntityKind]]) -> list[Span]:
    """Every whole-word occurrence of each surface, longest surfaces first, none overlapping."""
    taken: list[Span] = []
    for surface, kind in sorted(surfaces, key=lambda item: -len(item[0])):
        for match in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            start, end = match.span()
            if all(end <= other[0] or start >= other[1] for other in taken):
                taken.append((start, end, kind))
    return sorted(taken)


def parse_surface(argument: str) -> tuple[str, EntityKind]:
    surface, _, kind = argument.rpartition("=")
    if not surface or kind not in KIND_NAMES:
        raise ValueError(f"{argument!r}: write SURFACE=KIND, KIND one of {', '.join(KIND_NAMES)}")
    return surface, KIND_NAMES[kind]


def parse_place(argument: str) -> tuple[TextField, int, int]:
    """FIELD:START:END (for --drop), the first three parts of --add's FIELD:START:END:KIND."""
    parts = argument.split(":")[:3]
    if len(parts) != 3 or parts[0] not in TEXT_FIELDS:
        raise ValueError(f"{argument!r}: write FIELD:START:END, FIELD title or body")
    try:
        start, end = int(parts[1]), int(parts[2])
    except ValueError:
        raise ValueError(f"{argument!r}: START and END are numbers") from None
    return ("title" if parts[0] == "title" else "body"), start, end


def parse_added(argument: str) -> tuple[TextField, Span]:
    text_field, start, end = parse_place(argument)
    kind = KIND_NAMES.get(argument.split(":")[-1])
    if argument.count(":") != 3 or kind is None:
        raise ValueError(
            f"{argument!r}: write FIELD:START:END:KIND, KIND one of {', '.join(KIND_NAMES)}"
        )
    return text_field, (start, end, kind)


def marked(text: str, spans: tuple[Span, ...] | list[Span], offset: int = 0) -> str:
    """`text` with each span (offsets relative to `offset`) shown as [surface]kind:start."""
    pieces, position = [], 0
    for start, end, kind in spans:
        start, end = start - offset, end - offset
        pieces += [text[position:start], f"[{text[start:end]}]{SHORT_KIND[kind]}:{start + offset}"]
        position = end
    return "".join(pieces) + text[position:]


def show(gold: GoldArticle, article: Article) -> str:
    """The article paragraph by paragraph with the gold marks, and the extractor's differences."""
    extracted = get_extractor().extract(article.title, article.body)
    predicted = {
        text_field: {(m.start, m.end, m.kind) for m in extracted.mentions if m.field == text_field}
        for text_field in TEXT_FIELDS
    }
    lines = []
    for text_field in TEXT_FIELDS:
        text = article.title if text_field == "title" else article.body
        gold_spans = set(gold.spans(text_field))
        offset = 0
        for paragraph in text.split("\n"):
            end = offset + len(paragraph)
            inside = sorted(s for s in gold_spans if offset <= s[0] < end)
            lines.append(f"{text_field}> {marked(paragraph, inside, offset)}")
            extra = sorted(s for s in predicted[text_field] - gold_spans if offset <= s[0] < end)
            missed = sorted(s for s in gold_spans - predicted[text_field] if offset <= s[0] < end)
            if extra:
                lines.append("   extractor also: " + _listed(text, extra))
            if missed:
                lines.append("   extractor lacks: " + _listed(text, missed))
            offset = end + 1
    problems = span_problems(gold, article)
    if problems:
        lines.append("NOT ON WORD BOUNDARIES: " + "; ".join(problems))
    return "\n".join(lines)


def _listed(text: str, spans: list[Span]) -> str:
    return ", ".join(f"{text[s:e]!r} {SHORT_KIND[k]}:{s}" for s, e, k in spans)


def main(arguments: list[str], folder: Path = GOLD_FOLDER) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.gold.annotate", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("corpus", choices=CORPORA)
    parser.add_argument(
        "id", help="the record's id in articles.jsonl (wikinews-0042, bbc-tech-007)"
    )
    parser.add_argument("surfaces", nargs="*", help="SURFACE=KIND (person, place, organization)")
    parser.add_argument("--split", choices=SPLITS, help="needed for a new file")
    parser.add_argument("--annotator", help="needed for a new file")
    parser.add_argument("--notes", help="the doubtful cases of this article")
    parser.add_argument("--drop", action="append", default=[], help="FIELD:START:END")
    parser.add_argument("--add", action="append", default=[], help="FIELD:START:END:KIND")
    options = parser.parse_intermixed_args(arguments)
    if not (CORPORA_FOLDER / options.corpus / "articles.jsonl").is_file():
        print(f"{CORPORA_FOLDER / options.corpus}: no articles.jsonl there", file=sys.stderr)
        return 2
    article = read_corpus_articles(options.corpus, {options.id}).get(options.id)
    if article is None:
        print(f"{options.id}: no such article in {options.corpus}", file=sys.stderr)
        return 2
    path = gold_path(options.corpus, options.id, folder)
    try:
        gold = _updated(path, article, options)
    except ValueError as error:
        print(f"{path.name}: {error}", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(gold.to_json(), encoding="utf-8")
    print(show(gold, article))
    return 0


def _updated(path: Path, article: Article, options: argparse.Namespace) -> GoldArticle:
    if path.exists():
        gold = parse_gold(path.read_text(encoding="utf-8"))
    elif options.split and options.annotator:
        gold = GoldArticle(options.corpus, options.id, options.split, options.annotator, (), ())
    else:
        raise ValueError("a new file needs --split and --annotator")
    spans = {text_field: list(gold.spans(text_field)) for text_field in TEXT_FIELDS}
    if options.surfaces:
        surfaces = [parse_surface(argument) for argument in options.surfaces]
        spans = {
            "title": whole_word_spans(article.title, surfaces),
            "body": whole_word_spans(article.body, surfaces),
        }
    for argument in options.drop:
        text_field, start, end = parse_place(argument)
        spans[text_field] = [span for span in spans[text_field] if span[:2] != (start, end)]
    for argument in options.add:
        text_field, span = parse_added(argument)
        spans[text_field] = [s for s in spans[text_field] if span[1] <= s[0] or span[0] >= s[1]]
        spans[text_field].append(span)
    changes = {
        name: value for name in ("split", "annotator", "notes") if (value := getattr(options, name))
    }
    updated = parse_gold(
        replace(
            gold, title=tuple(sorted(spans["title"])), body=tuple(sorted(spans["body"])), **changes
        ).to_json()
    )
    if problems := span_problems(updated, article):
        raise ValueError(f"not on word boundaries: {'; '.join(problems)}")
    return updated


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
