"""The architecture you can see: imports flow reader -> index -> articles, and no Textual below."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _modules(package: str) -> list[str]:
    """Every module of a top-level package, found on disk so a new one is covered too."""
    names = []
    for path in sorted((REPO_ROOT / package).rglob("*.py")):
        parts = path.relative_to(REPO_ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _loaded_after_importing(modules: list[str]) -> set[str]:
    """The top-level names in `sys.modules` after a fresh interpreter imports `modules`."""
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_the_core_never_loads_textual() -> None:
    core = [*_modules("articles"), *_modules("index")]
    assert {"articles", "articles.archive", "articles.entities", "index.build"} <= set(core)
    assert {"index.whoosh.search", "index.query"} <= set(core)
    loaded = _loaded_after_importing(core)
    assert "articles" in loaded and "index" in loaded and "whoosh" in loaded
    assert "textual" not in loaded
    assert "reader" not in loaded


def test_the_domain_knows_nothing_of_whoosh() -> None:
    loaded = _loaded_after_importing(_modules("articles"))
    assert "whoosh" not in loaded
    assert "textual" not in loaded
    assert "index" not in loaded


def test_the_library_loads_neither_textual_nor_an_engine() -> None:
    library = _modules("reader/library")
    assert {"reader.library", "reader.library.store"} <= set(library)
    loaded = _loaded_after_importing(library)
    assert "textual" not in loaded
    assert "whoosh" not in loaded


def test_the_shell_commands_do_not_load_textual() -> None:
    """`newsreader search` and friends start fast: the app is imported only to open it."""
    commands = _modules("reader/cli")
    assert {"reader.cli.main", "reader.cli.search", "reader.cli.console_output"} <= set(commands)
    loaded = _loaded_after_importing(commands)
    assert "textual" not in loaded


def test_a_json_search_loads_only_what_it_needs(
    built_archive: tuple[Path, Path], tmp_path: Path
) -> None:
    """`newsreader search QUERY --json` started afresh loads the engine and nothing for the
    terminal, the feeds or the reader: its start-up is most of what a script waits for."""
    _, index_dir = built_archive
    script = (
        "import json, sys\n"
        "from reader.cli.main import main\n"
        f"code = main(['search', 'visit', '--json', '--index-dir', {str(index_dir)!r}])\n"
        "print(json.dumps({'code': code, 'modules': sorted(sys.modules)}), file=sys.stderr)\n"
    )
    home = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, **home, "XDG_CONFIG_HOME": str(tmp_path / "config")},
        timeout=120,
    )
    report = json.loads(result.stderr.splitlines()[-1])
    assert report["code"] == 0, result.stderr
    assert json.loads(result.stdout)["total"] >= 1
    loaded = set(report["modules"])
    top_level = {name.split(".")[0] for name in loaded}
    assert "whoosh" in top_level
    assert not top_level & {"textual", "rich", "httpx", "trafilatura"}
    assert not loaded & {"articles.feeds.fetch", "index.build", "reader.cli.index"}


def test_the_reader_loads_the_web_libraries_only_to_fetch() -> None:
    """httpx and trafilatura are a quarter of a second of the reader's start-up: they load
    when the feeds are first fetched, not to open the app."""
    loaded = _loaded_after_importing(["reader.app", "reader.screens.main"])
    assert "textual" in loaded
    assert not loaded & {"httpx", "trafilatura", "feedparser", "lxml"}


def _imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("articles", {"index", "reader", "textual", "whoosh"}),
        ("index", {"reader", "textual"}),
    ],
)
def test_imports_flow_one_way(package: str, forbidden: set[str]) -> None:
    """Lazy imports inside functions count too: the source is read, not executed."""
    offenders = {
        str(path.relative_to(REPO_ROOT)): sorted(_imported_packages(path) & forbidden)
        for path in sorted((REPO_ROOT / package).rglob("*.py"))
    }
    assert {path: names for path, names in offenders.items() if names} == {}
