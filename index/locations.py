"""Where an archive's index lives: per archive, under the user cache directory."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import platformdirs

APP_NAME = "newsreader"


def default_index_dir(archive: Path) -> Path:
    """A folder per archive under the user cache directory."""
    return Path(platformdirs.user_cache_dir(APP_NAME)) / "indexes" / archive_key(archive)


def archive_key(archive: Path) -> str:
    """A file name for an archive: its folder's name and a hash of its absolute path."""
    absolute = archive.expanduser().resolve()
    digest = hashlib.sha1(str(absolute).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    name = re.sub(r"[^\w.-]+", "-", absolute.name or "root").strip("-")[:40] or "archive"
    return f"{name}-{digest}"
