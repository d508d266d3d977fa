"""The domain: what an article is, how an archive folder is read, text clean-up and entities.

Knows nothing of Whoosh or Textual.
"""
