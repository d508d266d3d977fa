"""The user's library: read and starred stories, tags, notes, saved searches, feeds and
corrections of entity names, in one SQLite file under the user data directory. Never inside the
index (a cache that a rebuild throws away), and free of Textual: the reader and the command line
both use it."""

from reader.library.store import (
    Library,
    LibraryError,
    SavedCorrection,
    SavedSearch,
    StoryMark,
    StoryRef,
)

__all__ = ["Library", "LibraryError", "SavedCorrection", "SavedSearch", "StoryMark", "StoryRef"]
