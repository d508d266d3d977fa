"""A real Dask cluster for the tests of `--dask`: a scheduler and one worker in this process,
on TCP at 127.0.0.1, as a user's cluster is reached."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

# A test module that imports this one is skipped, with the reason, where Dask is not installed.
distributed = pytest.importorskip(
    "distributed", reason="dask not installed: pip install -e '.[cluster]'"
)


@contextmanager
def local_cluster() -> Iterator[str]:
    """The running cluster's scheduler address."""
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp://",
        host="127.0.0.1",
        dashboard_address=":0",
    ) as cluster:
        yield cluster.scheduler_address
