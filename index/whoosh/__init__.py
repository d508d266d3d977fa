"""The embedded engine: the Whoosh schema, the writer, query compilation, search, highlights,
spelling and facets. The only package that imports `whoosh` (besides the fast path's gate)."""
