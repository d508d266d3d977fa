"""The Textual reader and the `newsreader` command line."""

from reader import textual_fixes

textual_fixes.apply()
