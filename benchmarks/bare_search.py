"""The bare-Whoosh side of the cold-search comparison: what `newsreader search QUERY --json
--index-dir INDEX` does, done with stock Whoosh alone.

    python benchmarks/bare_search.py INDEX_DIR QUERY

Opens the index, parses the query over title and body, reads the first 20 hits' stored fields
and a snippet of each, and prints them as JSON. Run as a script (not `-m`), so that it imports
nothing of the project.
"""

import json
import sys

from whoosh import index, qparser

PAGE_SIZE = 20


def main(index_dir: str, text: str) -> None:
    ix = index.open_dir(index_dir)
    parser = qparser.MultifieldParser(["title", "body"], ix.schema, group=qparser.AndGroup)
    with ix.searcher() as searcher:
        page = searcher.search_page(parser.parse(text), 1, pagelen=PAGE_SIZE)
        hits = [
            {
                "id": hit.get("id"),
                "title": hit.get("title"),
                "date": str(hit.get("date")),
                "score": hit.score,
                "snippet": hit.highlights("body"),
            }
            for hit in page
        ]
        json.dump({"query": text, "total": len(page.results), "hits": hits}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
