"""The Textual reader and the `newsreader` command line."""
