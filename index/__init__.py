"""The Whoosh index: schema, incremental building, query parsing, search, highlights, facets.

Depends on `articles`, never on `reader`. Whoosh 2.7.4 predates Python 3.12's stricter escape
checks: the compiler's warnings about its escapes and `is 0` are silenced here, before any Whoosh
module is compiled (they name the file, not the module, so they are matched by message).
"""

import warnings

warnings.filterwarnings("ignore", "invalid escape sequence", SyntaxWarning)
warnings.filterwarnings("ignore", "invalid escape sequence", DeprecationWarning)
warnings.filterwarnings("ignore", r"\"is\" with .int. literal", SyntaxWarning)

from index.fastpath import compat  # noqa: E402 - after the warning filters, on purpose

compat.apply()
