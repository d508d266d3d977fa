"""`--dask ADDRESS`: the same build on a Dask cluster's workers as on this machine's processes.

A real `distributed.LocalCluster` on 127.0.0.1, small to be gentle on two cores.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from index_reports import report_summary
from local_cluster import local_cluster

from articles.archive import scan_archive
from articles.bundled import SAMPLE_ARCHIVE
from articles.entities import get_extractor
from articles.entities.corrections import Correction
from index.api import (
    FileJob,
    IndexProgress,
    IndexReport,
    IndexUnavailable,
    open_engine,
    update_index,
)
from index.cluster import connect
from index.manifest import Manifest, ManifestEntry

distributed = pytest.importorskip(
    "distributed", reason="dask not installed: pip install -e '.[cluster]'"
)
dask = pytest.importorskip("dask", reason="dask not installed: pip install -e '.[cluster]'")

# Small parts, so that the wire file is read in several.
PART_BYTES = 4096
WIRE = "wire/2024.jsonl"


def wire_line(number: int) -> str:
    return (
        json.dumps(
            {
                "title": f"Port of Mombasa report {number}",
                "date": f"2024-03-{number % 28 + 1:02d}",
                "author": "Wanjiru Kamau",
                "body": f"Harbour master Amani Lyimo of the Kenya Ports Authority counted "
                f"{number} ships in Mombasa, and Tanzania's minister Halima Mdee said so.",
            }
        )
        + "\n"
    )


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """The bundled sample, a JSON Lines file of several parts with a line that is no story,
    and a file that can't be used."""
    root = tmp_path / "archive"
    shutil.copytree(SAMPLE_ARCHIVE, root)
    wire = root / WIRE
    wire.parent.mkdir()
    lines = [wire_line(number) for number in range(60)]
    lines.insert(30, "not a story\n")
    wire.write_text("".join(lines), encoding="utf-8")
    (root / "empty.txt").write_text("", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    with local_cluster() as address:
        yield address


def build(
    archive: Path,
    index_dir: Path,
    dask: str | None = None,
    part_bytes: int = PART_BYTES,
    **options: object,
) -> IndexReport:
    return update_index(archive, index_dir, json_lines_part_bytes=part_bytes, dask=dask, **options)


def indexed(index_dir: Path) -> dict[str, object]:
    """Everything a build leaves: each story with its names and mentions, and the manifest."""
    engine = open_engine(index_dir)
    try:
        ids = sorted(hit.id for hit in engine.search("", through_end=True).hits)
        stories = {story_id: engine.article(story_id) for story_id in ids}
    finally:
        engine.close()
    manifest = Manifest(index_dir)
    try:
        entries: dict[str, ManifestEntry] = manifest.entries()
        appending = manifest.appending()
    finally:
        manifest.close()
    return {"stories": stories, "manifest": entries, "appending": appending}


def test_a_cluster_builds_the_index_a_local_build_does(
    archive: Path, tmp_path: Path, cluster: str
) -> None:
    # The workers find names with the user's corrections too.
    corrections = [Correction.change_kind("Amani Lyimo", "person", "organization")]
    jobs: list[IndexProgress] = []
    on_cluster = build(
        archive, tmp_path / "dask", cluster, progress=jobs.append, corrections=corrections
    )
    local = build(archive, tmp_path / "local", corrections=corrections)

    assert jobs[-1].parts > 1  # the wire file was read in parts
    assert report_summary(on_cluster) == report_summary(local)
    assert [problem.path for problem in on_cluster.skipped] == ["empty.txt"]
    assert on_cluster.indexed == 55 + 60
    built = indexed(tmp_path / "dask")
    assert built == indexed(tmp_path / "local")
    stories = built["stories"].values()
    assert any("Amani Lyimo" in story.entities["organization"] for story in stories)


def test_a_cluster_rereads_only_what_changed(archive: Path, tmp_path: Path, cluster: str) -> None:
    build(archive, tmp_path / "dask", cluster)
    build(archive, tmp_path / "local")
    with (archive / WIRE).open("a", encoding="utf-8") as wire:
        wire.write(wire_line(60) + wire_line(61))
    story = archive / "2023-01-17-rotterdam-port-volumes-dip.txt"
    story.write_text(story.read_text(encoding="utf-8") + "\nA crane toppled.\n", encoding="utf-8")
    os.utime(archive / "empty.txt", ns=(0, 0))  # touched, not changed

    jobs: list[IndexProgress] = []
    on_cluster = build(archive, tmp_path / "dask", cluster, progress=jobs.append)
    local = build(archive, tmp_path / "local")

    # The story changed, the file touched (read to compare its hash) and the lines appended.
    assert (jobs[-1].done, jobs[-1].total, jobs[-1].parts) == (3, 3, 1)
    assert (on_cluster.indexed, on_cluster.updated) == (2, 1)
    assert report_summary(on_cluster) == report_summary(local)
    assert indexed(tmp_path / "dask") == indexed(tmp_path / "local")


def test_a_worker_that_cannot_see_the_archive_stops_the_run(
    archive: Path, tmp_path: Path, cluster: str
) -> None:
    jobs = [FileJob(source) for source in scan_archive(archive).files]
    added: list[str] = []
    # The archive where the workers look for it is not where this machine has it.
    runner = connect(cluster, tmp_path / "elsewhere")
    try:
        with pytest.raises(IndexUnavailable) as raised:
            list(
                runner.index_files(
                    jobs, get_extractor(), lambda article, _: added.append(article.id)
                )
            )
    finally:
        runner.close()

    assert str(raised.value).startswith("the Dask worker tcp://127.0.0.1:")
    assert f"can't see the archive at {tmp_path / 'elsewhere'}: workers read" in str(raised.value)
    assert added == []


def unused_address() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{probe.getsockname()[1]}"


def test_a_scheduler_out_of_reach_changes_nothing(archive: Path, tmp_path: Path) -> None:
    build(archive, tmp_path / "index")
    before = indexed(tmp_path / "index")
    address = unused_address()

    with pytest.raises(IndexUnavailable) as raised:
        build(archive, tmp_path / "index", address, rebuild=True)

    assert str(raised.value).startswith(f"can't reach the Dask scheduler at {address}")
    assert indexed(tmp_path / "index") == before


def test_a_worker_dying_mid_job_fails_the_run_and_loses_nothing(
    archive: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    build(archive, index_dir)
    before = indexed(index_dir)
    # A large wire file, of parts that take a while: the worker is always reading one.
    (archive / "wire/archive.jsonl").write_text(
        "".join(wire_line(line) for line in range(2000)), encoding="utf-8"
    )
    # A task whose worker dies is not tried again, so that one death ends the run.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=":0"
        ) as local_cluster,
        distributed.Client(local_cluster) as client,
    ):

        def kill_the_worker(progress: IndexProgress) -> None:
            if progress.done:  # a part is read: the next one is being read
                for pid in client.run(os.getpid).values():
                    os.kill(pid, signal.SIGKILL)

        with pytest.raises(IndexUnavailable) as raised:
            build(
                archive,
                index_dir,
                local_cluster.scheduler_address,
                part_bytes=64 * 1024,
                progress=kill_the_worker,
            )

    assert str(raised.value).startswith("Dask workers kept dying while reading wire/archive.jsonl")
    assert "nothing was saved" in str(raised.value)
    assert indexed(index_dir) == before


def test_losing_the_scheduler_mid_run_fails_the_run_and_loses_nothing(
    archive: Path, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    build(archive, index_dir)
    before = indexed(index_dir)
    (archive / "2023-01-17-rotterdam-port-volumes-dip.txt").unlink()
    with (archive / WIRE).open("a", encoding="utf-8") as wire:
        wire.write("".join(wire_line(number) for number in range(100, 200)))
    local_cluster = distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=":0",
    )

    def stop_the_scheduler(progress: IndexProgress) -> None:
        if progress.done == 1:
            local_cluster.close()

    with local_cluster, pytest.raises(IndexUnavailable) as raised:
        build(archive, index_dir, local_cluster.scheduler_address, progress=stop_the_scheduler)

    assert str(raised.value) == (
        f"lost the Dask scheduler at {local_cluster.scheduler_address}; nothing was saved: run "
        "the same command again when it is back."
    )
    assert indexed(index_dir) == before
