"""The executors work is handed to: local pools by default, a Dask cluster with ``--scheduler``.

Callers see ``concurrent.futures.Executor`` only; which one runs the work is decided here, so a
command line option is the only difference between one machine and many.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager


def cpu_count() -> int:
    """The cores this process may run on (the default for ``--workers``)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes for CPU-bound work (linting).

    Forked on Linux: a worker starts with the parent's modules and rule engine already loaded
    (building the engine takes ~1 s, as long as linting a hundred pages), which is safe because
    the pool is made before the parent has linted anything or started a thread. Elsewhere the
    platform's default (spawn), and each worker builds its engine once.
    """
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


@contextmanager
def lint_executor(workers: int, scheduler: str | None = None) -> Iterator[Executor]:
    """Where lint batches run: ``workers`` local processes, or the cluster at ``scheduler``."""
    if scheduler:
        from formlint.scale.dask_cluster import cluster_executor

        with cluster_executor(scheduler) as executor:
            yield executor
        return
    with process_pool(workers) as pool:
        yield pool


@contextmanager
def site_executors(
    workers: int, scheduler: str | None = None
) -> Iterator[tuple[Executor, Executor]]:
    """Where site crawls run: (any worker, a worker that can render).

    Each task waits on its own crawl process, so locally a pool of ``workers`` threads is enough
    and both kinds share it; on a cluster, sites that may need rendering ask for a worker that
    offers the ``browser`` resource, when any does.
    """
    if scheduler:
        from formlint.scale.dask_cluster import cluster_site_executors

        with cluster_site_executors(scheduler) as executors:
            yield executors
        return
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="formlint-site") as pool:
        yield pool, pool
