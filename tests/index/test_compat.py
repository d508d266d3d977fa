"""The gate to Whoosh's internals: only `compat.py` touches them, only on the version tested, and
only after `index.fastpath.enable()`; each patch stays while stock Whoosh still needs it."""

from __future__ import annotations

import ast
import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from stock_whoosh import REPOSITORY, run_on_stock_whoosh
from whoosh import index as whoosh_index
from whoosh.query import Term
from whoosh.writing import PostingPool

from index.api import update_index
from index.fastpath import compat
from index.fastpath.term_pool import TermPool, pooled_by_term
from index.whoosh.schema import build_schema
from index.whoosh.search import ArchiveIndex, open_fast, open_stock

GATE = REPOSITORY / "index" / "fastpath" / "compat.py"
UNTESTED_VERSION = (2, 7, 5)


def _private(name: str) -> bool:
    return name.startswith("_") and not name.endswith("__")


def _whoosh_private_uses(source: str, strict: bool) -> Iterator[str]:
    """Where the module touches a private name of Whoosh: imports one, reads one off a Whoosh
    module or object, overrides one in a subclass of a Whoosh class, or passes one as a keyword.

    `strict` (the modules of `index/`): an underscore attribute of anything but `self`, `cls` or
    a module that isn't Whoosh counts too, as that code holds no other library's objects with
    private parts; else only what is reached from names imported from Whoosh."""
    tree = ast.parse(source)
    whoosh_names: set[str] = set()
    other_modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                bound = alias.asname or alias.name.split(".")[0]
                if alias.name.split(".")[0] == "whoosh":
                    whoosh_names.add(bound)
                else:
                    other_modules.add(bound)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "whoosh":
            for alias in node.names:
                if _private(alias.name):
                    yield f"line {node.lineno}: imports {alias.name}"
                whoosh_names.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            root = node.value
            while isinstance(root, ast.Attribute | ast.Call | ast.Subscript):
                root = root.func if isinstance(root, ast.Call) else root.value
            owner = root.id if isinstance(root, ast.Name) else None
            if owner in whoosh_names or (strict and owner not in {"self", "cls"} | other_modules):
                yield f"line {node.lineno}: reads {node.attr}"
        elif isinstance(node, ast.ClassDef):
            bases = {base.id for base in node.bases if isinstance(base, ast.Name)}
            bases |= {base.attr for base in node.bases if isinstance(base, ast.Attribute)}
            roots = {
                base.value.id
                for base in node.bases
                if isinstance(base, ast.Attribute) and isinstance(base.value, ast.Name)
            }
            if (bases | roots) & whoosh_names:
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and _private(item.name):
                        yield f"line {item.lineno}: overrides {item.name}"
        elif isinstance(node, ast.keyword) and node.arg and _private(node.arg):
            yield f"line {node.lineno}: passes {node.arg}="
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr"}
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
            and strict
        ):
            yield f"line {node.lineno}: {node.func.id} {node.args[1].value}"


def test_only_the_gate_touches_whooshs_private_names() -> None:
    modules = sorted((REPOSITORY / "index").rglob("*.py")) + sorted(
        (REPOSITORY / "reader").rglob("*.py")
    )
    assert GATE in modules
    found = [
        f"{path.relative_to(REPOSITORY)} {use}"
        for path in modules
        if path != GATE
        for use in _whoosh_private_uses(
            path.read_text(encoding="utf-8"), path.is_relative_to(REPOSITORY / "index")
        )
    ]
    assert found == []


@pytest.mark.parametrize(
    "source",
    [
        "from whoosh.codec.whoosh3 import _lenfield\n",
        "def f(reader):\n    return reader._perdoc\n",
        "def f(reader):\n    return getattr(reader, '_terms', None)\n",
        "def f(matcher):\n    return matcher._postfile.get(0, 4)\n",
        "from whoosh.filedb import filetables\nheader = filetables._lengths\n",
        "from whoosh.writing import SegmentWriter\nwriter = SegmentWriter(ix, _lk=0)\n",
        "from whoosh import query\nclass T(query.FuzzyTerm):\n    def _btexts(self, r):\n"
        "        return []\n",
        "def f(node, reader):\n    return super(type(node), node)._btexts(reader)\n",
    ],
)
def test_the_walk_finds_each_way_of_touching_a_private_name(source: str) -> None:
    assert list(_whoosh_private_uses(source, strict=True))


def test_outside_index_only_what_comes_from_whoosh_counts() -> None:
    source = "def f(option):\n    return option._divider\n"
    assert list(_whoosh_private_uses(source, strict=False)) == []
    assert list(_whoosh_private_uses(source, strict=True))


def test_the_tested_version_runs_the_fast_path() -> None:
    assert compat.fast_path_on((2, 7, 4))


def test_another_version_turns_the_fast_path_off_saying_so_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    compat.fast_path_on.cache_clear()
    with caplog.at_level(logging.WARNING, logger=compat.__name__):
        assert not compat.fast_path_on(UNTESTED_VERSION)
        assert not compat.fast_path_on(UNTESTED_VERSION)
    assert len(caplog.records) == 1
    assert "Whoosh 2.7.5 is not a version the fast path was tested with (2.7.4)" in caplog.text


def test_another_version_searches_through_stock_whoosh(
    built_archive: tuple[Path, Path], archive_index: ArchiveIndex
) -> None:
    engine = open_fast(built_archive[1], whoosh_version=UNTESTED_VERSION)
    try:
        assert engine.stats().engine == "whoosh"
        assert engine._postings is None
        for text in ["gašić", "cooperaton~", "coop*", '"military cooperation"', ""]:
            for sort in ("relevance", "date"):
                got = engine.search(text, sort=sort, suggest=False)  # type: ignore[arg-type]
                expected = archive_index.search(text, sort=sort, suggest=False)  # type: ignore[arg-type]
                assert [hit.id for hit in got.hits] == [hit.id for hit in expected.hits], text
    finally:
        engine.close()


def test_another_version_writes_plain_whoosh_segments(tmp_path: Path) -> None:
    ix = whoosh_index.create_in(str(tmp_path), build_schema())
    pools = []
    for version in ((2, 7, 4), UNTESTED_VERSION):
        writer = pooled_by_term(ix.writer(), limitmb=16, whoosh_version=version)
        pools.append(type(writer.pool))
        writer.add_document(id=f"{version}", body="oil prices")
        writer.commit(merge=False)
    assert pools == [TermPool, PostingPool]  # Whoosh's own, which writes no posting arrays
    with ix.searcher() as searcher:
        assert len(searcher.search(Term("body", "oil"))) == 2
    ix.close()


@pytest.mark.parametrize("text", ["", "baku", "cooperation OR strike", "date:2024", "coop*"])
def test_the_stock_engine_counts_as_the_fast_path(
    built_archive: tuple[Path, Path], archive_index: ArchiveIndex, text: str
) -> None:
    engine = open_stock(built_archive[1])
    try:
        assert engine.stats().engine == "whoosh"
        assert engine._postings is None  # every answer is Whoosh's
        assert engine.count(text) == archive_index.count(text)
        assert engine.facets(text) == archive_index.facets(text)
        assert engine.date_counts(text) == archive_index.date_counts(text)
        assert engine.term_spans(text, "Cooperation in Baku") == archive_index.term_spans(
            text, "Cooperation in Baku"
        )
    finally:
        engine.close()


def test_the_stock_engine_suggests_and_relates_as_the_fast_path(
    built_archive: tuple[Path, Path], archive_index: ArchiveIndex
) -> None:
    engine = open_stock(built_archive[1])
    try:
        for typed in ["glaciar", "cooperatoin", "strik port", "minstry"]:
            assert engine.suggestion(typed, 0) == archive_index.suggestion(typed, 0)
            assert engine.suggestion(typed, 0)
        story = archive_index.search("glacier").hits[0].id
        assert engine.related(story) == archive_index.related(story)
    finally:
        engine.close()


IMPORTS_ONLY = """
import warnings
import numpy  # adds filters of its own

filters = list(warnings.filters)
import index, index.api, index.build, index.query, index.whoosh.search, index.whoosh.writer
import index.fastpath.compat

def main(argument):
    return warnings.filters == filters
"""

ENABLED = """
from index.fastpath import enable

def main(argument):
    enable()
"""


def test_importing_the_index_changes_nothing_and_enable_patches_whoosh() -> None:
    assert run_on_stock_whoosh(IMPORTS_ONLY) is True
    with pytest.raises(AssertionError, match="W3PerDocReader._cached_reader from index"):
        run_on_stock_whoosh(ENABLED)


def _compile_warnings(tmp_path: Path, code: str) -> str:
    """What a fresh interpreter prints on stderr running `code`, compiling every module anew."""
    finished = subprocess.run(
        [sys.executable, "-X", f"pycache_prefix={tmp_path}", "-W", "default", "-c", code],
        capture_output=True,
        text=True,
        cwd=REPOSITORY,
        check=True,
    )
    return finished.stderr


def test_enable_quiets_the_warnings_of_compiling_whoosh_and_only_those(tmp_path: Path) -> None:
    code = "import whoosh.codec.whoosh3, whoosh.analysis, whoosh.lang.porter2\n"
    # Stock Whoosh still warns (https://github.com/mchaput/whoosh/issues/20): when it no
    # longer does, `enable()` can stop filtering.
    assert "SyntaxWarning" in _compile_warnings(tmp_path / "stock", code)
    enabled = "from index.fastpath import enable\nenable()\n"
    assert _compile_warnings(tmp_path / "enabled", enabled + code) == ""
    ours = enabled + "compile('x is 0', 'ours.py', 'exec')\n"
    assert "SyntaxWarning" in _compile_warnings(tmp_path / "ours", ours)


# Each patch of `compat.apply_patches` works around a problem of stock Whoosh: these fail when
# stock Whoosh no longer has it, and the patch can go.

MISSING_COLUMN_CACHED = """
from whoosh import fields, index
from whoosh.codec.whoosh3 import LENGTHS_COLUMN

def main(folder):
    ix = index.create_in(folder, fields.Schema(id=fields.ID(stored=True)))
    with ix.writer() as writer:
        writer.add_document(id="a")
    reader = ix.reader()
    perdoc = reader._perdoc
    assert perdoc._cached_reader("_id", LENGTHS_COLUMN) is None  # an ID field has no lengths
    cached = "_id" in perdoc._readers
    reader.close()
    return cached
"""


def test_stock_whoosh_still_looks_for_a_missing_column_file_every_time(tmp_path: Path) -> None:
    assert run_on_stock_whoosh(MISSING_COLUMN_CACHED, str(tmp_path)) is False


LENGTH_READS = """
from whoosh import fields
from whoosh.codec.base import FieldWriter

class Writer(FieldWriter):
    def start_field(self, *args): pass
    def start_term(self, *args): pass
    def add(self, *args): pass
    def finish_term(self): pass
    def finish_field(self): pass

class Lengths:
    reads = 0
    def doc_count_all(self):
        return 2
    def doc_field_length(self, docnum, fieldname):
        Lengths.reads += 1
        return 3

def main(argument):
    schema = fields.Schema(body=fields.TEXT)
    postings = [("body", word, doc, 1.0, None) for word in (b"a", b"b", b"c") for doc in (0, 1)]
    Writer().add_postings(schema, Lengths(), postings)
    return Lengths.reads
"""


def test_stock_whoosh_still_reads_a_length_for_every_posting() -> None:
    assert run_on_stock_whoosh(LENGTH_READS) == 6  # one per posting, not one per document


COMPOUND_FILE_COPIED = """
import io
from whoosh import fields, index

def main(folder):
    ix = index.create_in(folder, fields.Schema(body=fields.TEXT))
    with ix.writer() as writer:
        writer.add_document(body="oil prices")
    reader = ix.reader()
    storage = reader._storage.a  # the segment's compound file
    opened = storage.open_file(storage.list()[0])
    copied = storage._source is not None and isinstance(opened.file, io.BytesIO)
    reader.close()
    return copied
"""


def test_stock_whoosh_still_copies_a_compound_segments_files_out_of_its_map(
    tmp_path: Path,
) -> None:
    assert run_on_stock_whoosh(COMPOUND_FILE_COPIED, str(tmp_path)) is True


BUILT_ON_STOCK_WHOOSH = """
from pathlib import Path
from whoosh import index
from index.fastpath.ranking import WEIGHTING
from index.api import update_index
from index.whoosh.search import open_stock

FIELDS = ("title", "body", "person", "place", "organization")

def described(folder, texts):
    parser = open_stock(Path(folder))
    ix = index.open_dir(folder)
    with ix.searcher(weighting=WEIGHTING) as searcher:
        reader = searcher.reader()
        lengths = {
            stored["id"]: [reader.doc_field_length(docnum, name) for name in FIELDS]
            for docnum, stored in reader.iter_docs()
        }
        found = {
            text: sorted(
                [hit["id"], hit.score]
                for hit in searcher.search(parser.parse(text), limit=None)
            )
            for text in texts
        }
    parser.close()
    ix.close()
    return {"lengths": lengths, "found": found}

def main(argument):
    archive, patched, stock, texts = argument
    update_index(Path(archive), Path(stock))
    return [described(patched, texts), described(stock, texts)]
"""


def test_the_patches_write_the_index_stock_whoosh_writes(
    tmp_path: Path, write_test_archive: Callable[[Path], Path]
) -> None:
    """An index built here (patched) and one built from the same archive on stock Whoosh hold
    the same field lengths and give the same scores, read by stock Whoosh."""
    archive = write_test_archive(tmp_path / "archive")
    update_index(archive, tmp_path / "patched")
    texts = ["cooperation OR strike", "baku", 'person:"Bratislav Gašić"', "title:glacier"]
    patched, stock = run_on_stock_whoosh(  # type: ignore[misc]
        BUILT_ON_STOCK_WHOOSH,
        [str(archive), str(tmp_path / "patched"), str(tmp_path / "stock"), texts],
    )
    assert patched == stock
    assert all(stock["found"][text] for text in texts)
