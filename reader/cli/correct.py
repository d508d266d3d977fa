"""`newsreader correct list|wrong|kind|merge|remove`: the user's corrections of entity names, kept
in their library. The index applies a change on its next update (`newsreader index`, a search),
reading again only the stories that name the corrected names; `newsreader entities` at once."""

from __future__ import annotations

import argparse
from typing import cast

from rich.console import Console
from rich.table import Table
from rich.text import Text

from articles.entities.corrections import Correction
from articles.model import ENTITY_KINDS, EntityKind
from reader.cli import console_output
from reader.cli.common import EXIT_OK, CommandParser, add_data_dir_option, emit_json, open_library
from reader.library import SavedCorrection

HELP = "list, make and remove corrections of entity names"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
    listing = actions.add_parser("list", help="every correction, the latest first")
    wrong = actions.add_parser("wrong", help="a name that is not an entity")
    kind = actions.add_parser("kind", help="a name of another kind")
    merge = actions.add_parser("merge", help="a name that is another name (`Biden` `Joe Biden`)")
    removing = actions.add_parser("remove", help="undo the correction of a name")
    for action in (wrong, kind, merge, removing):
        action.add_argument("name", metavar="NAME")
    kind.add_argument("new_kind", metavar="KIND", choices=ENTITY_KINDS)
    merge.add_argument("into", metavar="INTO")
    for action in (wrong, kind, merge):
        action.add_argument(
            "--kind",
            choices=ENTITY_KINDS,
            required=True,
            help="the kind the name is read as (for merge: of both names)",
        )
    removing.add_argument(
        "--kind", choices=ENTITY_KINDS, help="only its correction as this kind (default: every)"
    )
    for action in (listing, wrong, kind, merge, removing):
        add_data_dir_option(action)
        action.add_argument("--json", action="store_true", help="print the result as JSON")


def run(options: argparse.Namespace) -> int:
    library = open_library(options)
    try:
        if options.action == "list":
            _list(library.entity_corrections(), options.json)
        elif options.action == "remove":
            removed = library.remove_corrections(options.name, options.kind)
            _say(
                options,
                {"removed": [_json(correction) for correction in removed]},
                "\n".join(f"Removed: {each.name}, {each.describe()}." for each in removed),
            )
        else:
            correction = _correction(options)
            library.correct_entity(correction)
            _say(
                options,
                {"corrected": _json(correction)},
                f"{correction.name}: {correction.describe()}. The index applies it on its next "
                "update.",
            )
    finally:
        library.close()
    return EXIT_OK


def _correction(options: argparse.Namespace) -> Correction:
    kind = cast(EntityKind, options.kind)
    if options.action == "wrong":
        return Correction.not_entity(options.name, kind)
    if options.action == "kind":
        return Correction.change_kind(options.name, kind, options.new_kind)
    return Correction.merge(options.name, kind, options.into, kind)


def _json(correction: Correction) -> dict[str, object]:
    return {
        "name": correction.name,
        "kind": correction.kind,
        "action": correction.action,
        "new_kind": correction.new_kind,
        "new_name": correction.new_name or None,
    }


def _list(saved: list[SavedCorrection], as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "corrections": [
                    _json(each.correction) | {"made": each.made.isoformat()} for each in saved
                ]
            }
        )
        return
    table = Table("name", "correction", "made", box=None)
    for each in saved:
        table.add_row(
            Text(each.correction.name),
            Text(each.correction.describe()),
            Text(each.made.strftime("%Y-%m-%d %H:%M")),
        )
    Console().print(table if saved else Text("No corrections yet."))


def _say(options: argparse.Namespace, value: object, sentence: str) -> None:
    if options.json:
        emit_json(value)
    else:
        Console().print(console_output.safe_text(sentence))
