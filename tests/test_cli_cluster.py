"""`newsreader index --dask ADDRESS`, run as the real command against a real Dask scheduler."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from local_cluster import local_cluster
from test_cli import environment, json_of, run


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with local_cluster() as address:
        yield address


def without_seconds(report: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in report.items() if key != "seconds"}


def test_index_on_a_cluster_reports_what_a_local_index_does(
    tmp_path: Path, archive: Path, scheduler: str
) -> None:
    (archive / "empty.txt").write_bytes(b"")
    index = ("index", str(archive), "--json", "--index-dir")
    on_cluster = run(tmp_path, *index, "dask-ix", "--dask", scheduler)
    local = run(tmp_path, *index, "local-ix")

    assert on_cluster.returncode == 0, on_cluster.stderr
    assert without_seconds(json_of(on_cluster)) == without_seconds(json_of(local))
    search = ("search", "person:Valiyev", "--json", "--index-dir")
    found = [
        json_of(run(tmp_path, *search, index_dir))["hits"] for index_dir in ("dask-ix", "local-ix")
    ]
    assert found[0] and found[0] == found[1]


def test_a_scheduler_out_of_reach_is_one_sentence(tmp_path: Path, archive: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    result = run(tmp_path, "index", str(archive), "--index-dir", "ix", "--dask", address)

    assert result.returncode == 1
    assert result.stderr.startswith(f"newsreader: can't reach the Dask scheduler at {address}")
    assert result.stderr.count("\n") == 1
    assert not (tmp_path / "ix").exists()


def test_dask_not_installed_is_one_sentence_saying_how_to_install_it(
    tmp_path: Path, archive: Path
) -> None:
    # A Python path on which Dask's client can't be imported, as where it is not installed.
    missing = tmp_path / "without-dask" / "distributed"
    missing.mkdir(parents=True)
    (missing / "__init__.py").write_text("raise ImportError('No module named distributed')\n")
    env = environment(tmp_path, PYTHONPATH=str(missing.parent))
    arguments = ("index", str(archive), "--index-dir", "ix", "--dask", "tcp://127.0.0.1:8786")
    result = run(tmp_path, *arguments, env=env)

    assert result.returncode == 1
    assert result.stderr == (
        "newsreader: --dask needs Dask, which is not installed: pip install -e '.[cluster]', "
        "on this machine and on every worker\n"
    )
