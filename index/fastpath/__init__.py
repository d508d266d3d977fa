"""The fast path: posting arrays, blocks and a numpy BM25F scorer over Whoosh's segment files.

Every access to a private name of Whoosh is in `compat.py`, which also says whether the installed
Whoosh is a version the fast path was tested with. Importing this package changes nothing:
`enable()`, called once at start-up, does.
"""

import warnings

# Whoosh's source files (not the module names: the compiler's warnings name the file).
WHOOSH_SOURCE_FILES = r".*[\\/]whoosh[\\/]"


def enable() -> None:
    """Start-up for the process (the `newsreader` command, a build's worker processes, the
    benchmarks and the tests): idempotent.

    - Whoosh 2.7.4 predates Python 3.12's stricter escapes: compiling its modules (when no
      bytecode was cached, as pip caches it at install) warns of invalid escape sequences
      (https://github.com/mchaput/whoosh/pull/45) and of `is 0`
      (https://github.com/mchaput/whoosh/issues/20). Those warnings are ignored for Whoosh's
      files alone, Whoosh modules imported later included.
    - Patches Whoosh's segment reading and writing, on the version tested
      (`compat.apply_patches`).
    """
    for category in (SyntaxWarning, DeprecationWarning):
        warnings.filterwarnings("ignore", category=category, module=WHOOSH_SOURCE_FILES)
    from index.fastpath import compat  # after the filters: it imports Whoosh

    compat.apply_patches()
