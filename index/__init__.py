"""The Whoosh index: schema, incremental building, query parsing, search, highlights, facets.

Depends on `articles`, never on `reader`. Whoosh 2.7.4 predates Python 3.12's stricter escape
checks; its SyntaxWarnings are silenced here, before any Whoosh module is compiled.
"""

import warnings

warnings.filterwarnings("ignore", category=SyntaxWarning, module=r"whoosh(\..*)?")
warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"whoosh(\..*)?")

from index import whoosh_fixes  # noqa: E402 - after the warning filters, on purpose

whoosh_fixes.apply()
