"""Search: `api.py` the interface the reader talks to, `whoosh/` the embedded engine, `fastpath/`
its faster reading of Whoosh's files (`index.fastpath.enable()` at start-up). Depends on
`articles`, never on `reader`; importing it changes no library's behaviour."""
