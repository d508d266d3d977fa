"""The `newsreader` command line: `main.py` parses it and runs one module per command (`launch.py`
opens the reader; `index.py`, `search.py`, `show.py`, `entities.py` the shell commands), with what
they share in `common.py` and their output in `console_output.py` and `json_output.py`."""
