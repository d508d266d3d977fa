"""`newsreader feeds add|list|remove|import|export`: the feeds the user follows, kept in the
library; `newsreader fetch` brings their new stories into the user's archive. Subscriptions move
to and from other readers (newsboat, any feed reader) as OPML."""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ElementTree
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table
from rich.text import Text

from articles.feeds import FeedState, FeedSubscription
from articles.feeds.http import FetchError, check_web_address
from reader.cli import console_output
from reader.cli.common import (
    EXIT_OK,
    CommandFailed,
    CommandParser,
    UsageError,
    add_data_dir_option,
    emit_json,
    open_library,
)
from reader.library import Library

HELP = "add, list, remove, import and export the feeds you follow"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", required=True, parser_class=CommandParser)
    adding = actions.add_parser("add", help="follow a feed (RSS or Atom) at a web address")
    adding.add_argument("url", metavar="URL")
    adding.add_argument("--name", help="the feed's name, its stories' source (default: its host)")
    listing = actions.add_parser("list", help="the feeds you follow and how their fetches went")
    removing = actions.add_parser("remove", help="stop following a feed (its stories stay)")
    removing.add_argument("name", metavar="NAME")
    importing = actions.add_parser("import", help="follow the feeds of an OPML file")
    importing.add_argument("file", metavar="FILE.opml")
    exporting = actions.add_parser("export", help="the feeds you follow as OPML")
    exporting.add_argument("--output", metavar="FILE", help="write to FILE (default: stdout)")
    for action in (adding, listing, removing, importing, exporting):
        add_data_dir_option(action)
    for action in (adding, listing, removing, importing):
        action.add_argument("--json", action="store_true", help="print the result as JSON")


def run(options: argparse.Namespace) -> int:
    # The file is read before the library is opened: a bad one changes nothing.
    imported = _read_opml(Path(options.file).expanduser()) if options.action == "import" else []
    library = open_library(options)
    try:
        if options.action == "add":
            _add(library, options)
        elif options.action == "list":
            _list(library, options)
        elif options.action == "remove":
            removed = library.remove_feed(options.name)
            _say(
                options,
                {"removed": removed.name, "url": removed.url},
                f"No longer following {removed.name!r}; its stories stay in your archive.",
            )
        elif options.action == "import":
            _import(library, imported, options)
        else:
            _export(library.feeds(), options.output)
    finally:
        library.close()
    return EXIT_OK


def _add(library: Library, options: argparse.Namespace) -> None:
    url = _web_address(options.url)
    name = options.name if options.name is not None else _free_name(library, _host_name(url))
    feed = library.add_feed(name, url)
    _say(
        options,
        {"name": feed.name, "url": feed.url},
        f"Following {feed.name!r} ({feed.url}); `newsreader fetch` brings its stories.",
    )


def _list(library: Library, options: argparse.Namespace) -> None:
    feeds = library.feeds()
    states = library.feed_states()
    if options.json:
        emit_json({"feeds": [_feed_json(feed, states.get(feed.url)) for feed in feeds]})
        return
    console = Console()
    if not feeds:
        console.print(
            "You follow no feeds: `newsreader feeds add URL` adds one.",
            highlight=False,
            markup=False,
        )
        return
    table = Table(box=None, pad_edge=False)
    for column in ("name", "address", "last fetched", "problem"):
        table.add_column(column)
    for feed in feeds:
        state = states.get(feed.url) or FeedState()
        table.add_row(
            Text(feed.name, style="bold"),
            console_output.safe_text(feed.url),
            f"{state.last_success:%Y-%m-%d %H:%M} UTC" if state.last_success else "never",
            console_output.safe_text(_problem(state), "yellow"),
        )
    console.print(table)


def _problem(state: FeedState) -> str:
    if state.failures and state.last_error:
        times = "once" if state.failures == 1 else f"{state.failures} times in a row"
        return f"failed {times}: {state.last_error}"
    if state.retry_after:
        return f"the server asked to wait until {state.retry_after:%Y-%m-%d %H:%M} UTC"
    return ""


def _feed_json(feed: FeedSubscription, state: FeedState | None) -> dict[str, object]:
    state = state or FeedState()
    return {
        "name": feed.name,
        "url": feed.url,
        "last_success": _iso(state.last_success),
        "failures": state.failures,
        "last_error": state.last_error,
        "retry_after": _iso(state.retry_after),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat(timespec="seconds") if moment else None


# OPML


def _read_opml(path: Path) -> list[FeedSubscription]:
    """The feeds of an OPML file (outlines with an `xmlUrl`, in folders or not), named by their
    title or text; an address that is not http or https is left out."""
    try:
        root = ElementTree.parse(path).getroot()
    except OSError as error:
        raise UsageError(f"can't read {path}: {error.strerror or error}") from error
    except ElementTree.ParseError as error:
        raise CommandFailed(f"{path} is not an OPML file: {error}") from error
    if root.tag != "opml":
        raise CommandFailed(f"{path} is not an OPML file (it holds <{root.tag}>, not <opml>)")
    feeds = []
    for outline in root.iter("outline"):
        address = outline.get("xmlUrl") or outline.get("xmlurl")
        if not address:
            continue
        try:
            url = check_web_address(address)
        except FetchError:
            continue
        title = (outline.get("title") or outline.get("text") or "").strip()
        feeds.append(FeedSubscription(title or _host_name(url), url))
    return feeds


def _import(library: Library, feeds: list[FeedSubscription], options: argparse.Namespace) -> None:
    followed = {feed.url for feed in library.feeds()}
    added: list[FeedSubscription] = []
    for feed in feeds:
        if feed.url in followed:
            continue
        added.append(library.add_feed(_free_name(library, feed.name), feed.url))
        followed.add(feed.url)
    already = len(feeds) - len(added)
    _say(
        options,
        {
            "added": [{"name": feed.name, "url": feed.url} for feed in added],
            "already_followed": already,
        },
        f"Following {len(added)} new {_feeds(len(added))} of {options.file}"
        + (f" ({already} followed already)" if already else "")
        + ".",
    )


def _export(feeds: list[FeedSubscription], output: str | None) -> None:
    opml = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(opml, "head")
    ElementTree.SubElement(head, "title").text = "newsreader feeds"
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(
        datetime.now(UTC), usegmt=True
    )
    body = ElementTree.SubElement(opml, "body")
    for feed in feeds:
        ElementTree.SubElement(
            body, "outline", type="rss", text=feed.name, title=feed.name, xmlUrl=feed.url
        )
    ElementTree.indent(opml)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(opml, "unicode") + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    path = Path(output).expanduser()
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise CommandFailed(f"can't write {path}: {error.strerror or error}") from error


# Names and addresses


def _web_address(url: str) -> str:
    try:
        return check_web_address(url)
    except FetchError as error:
        raise UsageError(str(error)[:1].lower() + str(error)[1:]) from error


def _host_name(url: str) -> str:
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


def _free_name(library: Library, name: str) -> str:
    """`name`, or `name 2`, `name 3`… when a feed followed has it (in any case)."""
    taken = {feed.name.casefold() for feed in library.feeds()}
    candidate, number = name.strip(), 1
    while candidate.casefold() in taken:
        number += 1
        candidate = f"{name.strip()} {number}"
    return candidate


def _say(options: argparse.Namespace, as_json: dict[str, object], sentence: str) -> None:
    if options.json:
        emit_json(as_json)
    else:
        Console().print(console_output.safe_text(sentence), highlight=False, soft_wrap=True)


def _feeds(count: int) -> str:
    return "feed" if count == 1 else "feeds"
