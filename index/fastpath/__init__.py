"""The fast path: posting arrays, blocks and a numpy BM25F scorer over Whoosh's segment files.

Every access to a private name of Whoosh is in `compat.py`.
"""
