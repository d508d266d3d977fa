"""Where the reader was on an archive (the query, its sort, the story selected and open), kept
in a small JSON file per archive so the next launch reopens there."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import cast, get_args

from index.api import SortOrder, archive_key
from reader.data.history import HistoryEntry

PLACES_FOLDER = "places"


class PlaceFileError(ValueError):
    """The file exists but can't be used; `str(error)` says which and why."""


def place_file(data_dir: Path, archive: Path) -> Path:
    return data_dir / PLACES_FOLDER / f"{archive_key(archive)}.json"


def save_place(place: HistoryEntry, path: Path) -> None:
    """Write the place atomically: a reader killed mid-way leaves the previous file whole."""
    fields = {
        "query": place.query,
        "sort": place.sort,
        "selected_id": place.selected_id,
        "open_id": place.open_id,
        "selected_position": place.selected_position,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(fields, ensure_ascii=False), encoding="utf-8")
    os.replace(temporary, path)


def load_place(path: Path) -> HistoryEntry | None:
    """The place saved at `path`; None when there is none. Raises PlaceFileError."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise PlaceFileError(f"can't read {path}: {error}") from error
    try:
        fields = json.loads(raw)
    except json.JSONDecodeError as error:
        raise PlaceFileError(f"{path} is not valid JSON: {error}") from error
    if not isinstance(fields, dict):
        raise PlaceFileError(f"{path} does not hold a place")
    query, sort = fields.get("query"), fields.get("sort")
    selected_id, open_id = fields.get("selected_id"), fields.get("open_id")
    if not isinstance(query, str) or sort not in get_args(SortOrder):
        raise PlaceFileError(f"{path} does not hold a query and a sort order")
    if not all(value is None or isinstance(value, str) for value in (selected_id, open_id)):
        raise PlaceFileError(f"{path} does not hold story ids")
    position = fields.get("selected_position", 0)  # not in the files of earlier versions
    if type(position) is not int or position < 0:
        raise PlaceFileError(f"{path} does not hold the story's position")
    return HistoryEntry(query, cast("SortOrder", sort), selected_id, open_id, position)
