"""Reading an archive's files on a Dask cluster: `newsreader index --dask ADDRESS`.

The plan, the jobs and the writer are those of a build on one machine (`index.build`); only the
runner differs. Each batch of jobs (`index.build.job_batches`: text files together, a part of a
large JSON Lines file alone) is one task on the cluster, which runs `index.build.index_file` on
a worker and sends back the files' results with their stories and the names found in them.
They are added to the engine's writer here, in the order the tasks finish, so the index is
written and committed by this process alone.

Workers read the files by path: the archive must be at the same path on every worker (a shared
or network file system). Sending the files' bytes from here instead would make this machine's
disk and network the bottleneck and carry every story twice (out, then back with its names).
A worker that does not see the archive fails its task, which stops the run: its files are
never taken for unreadable ones.

Dask is an extra (`newsreader[cluster]`): nothing else imports it.
"""

from __future__ import annotations

import dataclasses
import functools
import pickle
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

from articles.entities import EntityExtractor
from articles.model import Article, Entities
from index.api import WRITE_STAGE, FileJob, FileResult, IndexUnavailable
from index.build import AddArticle, index_file, job_batches

INSTALL = "pip install -e '.[cluster]'"
CONNECT_SECONDS = 10
# How long a build waits for the scheduler to have a worker, at the start and whenever every
# worker has gone, before giving up.
WORKER_WAIT_SECONDS = 30
# How often the tasks running are checked on while none finishes.
POLL_SECONDS = 1.0
# Batches in flight per worker thread: enough to keep every worker busy, few enough that the
# results waiting here stay small.
BATCHES_PER_THREAD = 2

Stories = list[tuple[Article, Entities]]


class ArchiveNotShared(Exception):
    """A worker can't see the archive at the path it has here."""


def connect(address: str, archive: Path) -> DaskRunner:
    """A runner on the Dask scheduler at `address`; raises `IndexUnavailable`, saying why, when
    Dask is not installed, the scheduler can't be reached or has no worker."""
    try:
        from distributed import Client
    except ImportError:
        raise IndexUnavailable(
            f"--dask needs Dask, which is not installed: {INSTALL}, on this machine and on "
            "every worker"
        ) from None
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, ValueError, TimeoutError) as error:
        raise IndexUnavailable(
            f"can't reach the Dask scheduler at {address} ({error}); start one with "
            "`dask scheduler` and workers with `dask worker ADDRESS`, or index without --dask. "
            "Nothing was changed."
        ) from None
    runner = DaskRunner(client, address, archive)
    try:
        runner.wait_for_workers()
    except BaseException:
        runner.close()
        raise
    return runner


class DaskRunner:
    """Runs a build's jobs on the workers of one Dask scheduler."""

    def __init__(self, client: Any, address: str, archive: Path) -> None:
        self._client = client
        self._address = address
        # The workers' working folder is not this one: every path they get is absolute.
        self._archive = archive.absolute()

    def wait_for_workers(self) -> None:
        try:
            self._client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except (TimeoutError, OSError):
            raise IndexUnavailable(
                f"the Dask scheduler at {self._address} has no worker (waited "
                f"{WORKER_WAIT_SECONDS} s); start some with `dask worker {self._address}`. "
                "Nothing was changed."
            ) from None

    def index_files(
        self, jobs: Sequence[FileJob], extractor: EntityExtractor, add: AddArticle
    ) -> Iterator[FileResult]:
        """Read the jobs' files on the workers and `add` their stories here, yielding each
        file's result as its task finishes; raises `IndexUnavailable` when the cluster fails."""
        from distributed import wait

        # Extractors pickle small; each worker process builds one once (`_extractor`).
        pickled_extractor = pickle.dumps(extractor)
        batches = job_batches([_with_absolute_path(job) for job in jobs])
        in_flight: dict[Any, list[FileJob]] = {}
        try:
            while True:
                window = BATCHES_PER_THREAD * max(1, self._thread_count())
                while len(in_flight) < window and (batch := next(batches, None)):
                    future = self._client.submit(
                        read_batch, batch, pickled_extractor, str(self._archive), pure=False
                    )
                    in_flight[future] = batch
                if not in_flight:
                    return
                try:
                    with self._client.as_current():
                        done, _ = wait(list(in_flight), POLL_SECONDS, "FIRST_COMPLETED")
                except TimeoutError:
                    self._check_cluster()
                    continue
                except CancelledError:  # the scheduler's, as this runner cancels none
                    raise self._lost() from None
                for future in done:
                    batch = in_flight.pop(future)
                    for result, stories in self._outcome(future, batch):
                        yield _added(result, stories, add)
        finally:
            self._client.cancel(list(in_flight))

    def _outcome(self, future: Any, batch: list[FileJob]) -> list[tuple[FileResult, Stories]]:
        from distributed.scheduler import KilledWorker

        try:
            outcome: list[tuple[FileResult, Stories]] = future.result()
        except ArchiveNotShared as error:
            raise IndexUnavailable(str(error)) from None
        except KilledWorker:
            raise IndexUnavailable(
                f"Dask workers kept dying while reading {_files(batch)}; nothing was saved. "
                "Run the same command again when the cluster is sound (a file that stops "
                "every worker can be moved out of the archive)."
            ) from None
        except (CancelledError, OSError):
            raise self._lost() from None
        except Exception as error:  # the task itself failed on the worker, not a file
            raise IndexUnavailable(
                f"a Dask worker failed to read {_files(batch)} ({type(error).__name__}: {error}); "
                "every worker needs this version of newsreader installed, with the extractor "
                "chosen. Nothing was saved."
            ) from None
        return outcome

    def _check_cluster(self) -> None:
        """Raise `IndexUnavailable` when the scheduler is gone, or has had no worker for
        `WORKER_WAIT_SECONDS`."""
        try:
            if self._client.status != "running":
                raise self._lost()
            if self._thread_count():
                return
        except OSError:
            raise self._lost() from None
        try:
            self._client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except (TimeoutError, OSError):
            raise IndexUnavailable(
                f"every Dask worker of {self._address} has gone, none came back in "
                f"{WORKER_WAIT_SECONDS} s; nothing was saved: run the same command again when "
                "workers are running."
            ) from None

    def _lost(self) -> IndexUnavailable:
        return IndexUnavailable(
            f"lost the Dask scheduler at {self._address}; nothing was saved: run the same "
            "command again when it is back."
        )

    def _thread_count(self) -> int:
        workers = self._client.scheduler_info(n_workers=-1).get("workers", {})
        return sum(worker.get("nthreads", 1) for worker in workers.values())

    def close(self) -> None:
        self._client.close()


def read_batch(
    batch: list[FileJob], pickled_extractor: bytes, archive: str
) -> list[tuple[FileResult, Stories]]:
    """On a worker: each file read as on one machine, with its stories and their names."""
    if not Path(archive).is_dir():
        from distributed import get_worker

        raise ArchiveNotShared(
            f"the Dask worker {get_worker().address} can't see the archive at {archive}: "
            "workers read its files by path, so it must be at that path on every worker (a "
            "shared file system). Nothing was saved."
        )
    extractor = _extractor(pickled_extractor)
    return [_read_file(job, extractor) for job in batch]


@functools.lru_cache(maxsize=4)
def _extractor(pickled: bytes) -> EntityExtractor:
    """The extractor of a build, built once per worker process: that takes most of a second.
    Not scattered to the workers once (`Client.scatter`): a worker that dies would take its copy
    along, and the tasks tried again elsewhere could lack it."""
    extractor: EntityExtractor = pickle.loads(pickled)
    return extractor


def _read_file(job: FileJob, extractor: EntityExtractor) -> tuple[FileResult, Stories]:
    stories: Stories = []
    result = index_file(
        job, extractor, lambda article, entities: stories.append((article, entities))
    )
    return result, stories


def _with_absolute_path(job: FileJob) -> FileJob:
    source = dataclasses.replace(job.source, folder=job.source.folder.absolute())
    return dataclasses.replace(job, source=source)


def _added(result: FileResult, stories: Stories, add: AddArticle) -> FileResult:
    """The result of a file read on a worker, once its stories are in the writer."""
    started = time.perf_counter()
    for article, entities in stories:
        add(article, entities)
    written = time.perf_counter() - started
    result.stage_seconds[WRITE_STAGE] = result.stage_seconds.get(WRITE_STAGE, 0.0) + written
    return result


def _files(batch: list[FileJob]) -> str:
    first = batch[0].source.path
    return first if len(batch) == 1 else f"{first} and {len(batch) - 1} more files"
