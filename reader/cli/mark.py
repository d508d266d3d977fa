"""`newsreader mark ID... --read|--unread|--star|--unstar|--tag T|--untag T`: mark stories in
the user's library, as the reader does."""

from __future__ import annotations

import argparse

from rich.console import Console
from rich.text import Text

from index.api import ArticleNotFound
from reader.cli import console_output
from reader.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_data_dir_option,
    add_index_choice,
    emit_json,
    open_index_with_library,
    warn,
)
from reader.cli.json_output import story_marks_json
from reader.library import StoryMark, StoryRef

HELP = "mark stories read or unread, star or tag them"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="+", metavar="ID", help="article ids, as search prints them")
    read = parser.add_mutually_exclusive_group()
    read.add_argument("--read", dest="read", action="store_const", const=True, help="mark read")
    read.add_argument(
        "--unread", dest="read", action="store_const", const=False, help="mark unread"
    )
    star = parser.add_mutually_exclusive_group()
    star.add_argument("--star", dest="starred", action="store_const", const=True, help="star")
    star.add_argument(
        "--unstar", dest="starred", action="store_const", const=False, help="take the star off"
    )
    parser.add_argument(
        "--tag", action="append", default=[], metavar="TAG", help="add a tag (repeat for more)"
    )
    parser.add_argument("--untag", action="append", default=[], metavar="TAG", help="remove a tag")
    add_index_choice(parser)
    add_data_dir_option(parser)
    parser.add_argument("--json", action="store_true", help="print each story's marks as JSON")


def run(options: argparse.Namespace) -> int:
    if options.read is None and options.starred is None and not (options.tag or options.untag):
        raise UsageError("say how to mark: --read, --unread, --star, --unstar, --tag or --untag")
    engine, library = open_index_with_library(options)
    try:
        stories: list[StoryRef] = []
        unknown: list[str] = []
        for story_id in dict.fromkeys(options.ids):
            try:
                stories.append(StoryRef(story_id, engine.article(story_id).text_hash))
            except ArticleNotFound:
                unknown.append(story_id)
        if stories and options.read is not None:
            library.set_read(stories, options.read)
        for story in stories:
            if options.starred is not None:
                library.set_starred(story, options.starred)
            library.add_tags(story, options.tag)
            library.remove_tags(story, options.untag)
        marks = library.marks_of(story.id for story in stories)
        saved = library.can_save
    finally:
        engine.close()
        library.close()
    marked = {story.id: marks.get(story.id, StoryMark()) for story in stories}
    if options.json:
        emit_json({"marked": story_marks_json(marked), "unknown": unknown})
    else:
        console = Console()
        for story_id, mark in marked.items():
            console.print(
                Text.assemble(console_output.safe_text(story_id, "bold"), ": ", _says(mark))
            )
    for story_id in unknown:
        warn(f"{ArticleNotFound(story_id)}: not marked")
    return EXIT_OK if saved and not unknown else EXIT_FAILED


def _says(mark: StoryMark) -> Text:
    words = ["read" if mark.read else "unread"]
    if mark.starred:
        words.append("starred")
    text = Text(", ".join(words))
    if mark.tags:
        text.append(", tags: ")
        text.append(console_output.safe_text(", ".join(mark.tags)))
    if mark.note:
        text.append(", a note")
    return text
