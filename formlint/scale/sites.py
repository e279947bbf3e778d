"""A site crawl as a task: the work a worker (a local thread, or a Dask worker) does for a site.

Twisted's reactor runs once per process, so every site is crawled in a process of its own,
started here and waited for. A site process is forked from a *warm* fork server (the standard
library's ``forkserver``, one per worker) that imported and loaded what every site scan needs once
(``SiteJob.preload``: Scrapy, the store, the rules, spaCy's tokenizers, Lingua's models: ~2 s a
site otherwise). A worker that may not have children of its own (a daemonic Dask worker, as Dask
starts them by default) starts each site cold with ``python -m`` instead.

The process lives no longer than the worker that started it (:func:`watch_parent`): when a Dask
worker is killed, its crawl stops within a second, and the scheduler gives the task to another
worker, which resumes the site from the store.

Sites that share a host are one *host group*, crawled one after another by one task, so one
crawler talks to a host at a time (and on PostgreSQL the crawl also holds the host's lock).
"""

from __future__ import annotations

import importlib
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# How often a site process checks that its parent is alive.
PARENT_CHECK_SECONDS = 0.5
LOG_NAME = "scan.log"
_LOG_TAIL_LINES = 5


@dataclass(frozen=True)
class SiteJob:
    """One site of a multi-site run, as the process that crawls it is given it."""

    site: str
    hosts: tuple[str, ...]
    module: str  # the site process: ``python -m MODULE SPEC``, or ``MODULE.main([SPEC])`` forked
    spec: dict[str, Any] = field(hash=False)  # JSON for the site process
    # modules the fork server imports before it forks site processes (see the module docstring)
    preload: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteOutcome:
    """What the site process left: its exit code, its summary (None if it died without one)."""

    site: str
    exit_code: int
    summary: dict[str, Any] | None
    worker: str  # the machine it ran on
    log: str  # the site process's log file (on that machine)
    log_tail: str = ""  # its last lines, when it failed without a summary


def host_groups(jobs: Sequence[SiteJob]) -> list[tuple[SiteJob, ...]]:
    """``jobs`` joined into groups that share a host (transitively), in their first job's order."""
    parent = list(range(len(jobs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, job in enumerate(jobs):
        for host in job.hosts:
            j = owner.setdefault(host.lower(), i)
            parent[root(i)] = root(j)
    groups: dict[int, list[SiteJob]] = {}
    for i, job in enumerate(jobs):
        groups.setdefault(root(i), []).append(job)
    return [tuple(g) for g in sorted(groups.values(), key=lambda g: jobs.index(g[0]))]


def run_host_group(jobs: tuple[SiteJob, ...]) -> list[SiteOutcome]:
    """The task: crawl each site of one host group, one after another."""
    return [run_site(job) for job in jobs]


def run_site(job: SiteJob) -> SiteOutcome:
    """Crawl one site in a process of its own; its log goes to ``scan.log`` in its report folder."""
    out = Path(job.spec["out"])
    out.mkdir(parents=True, exist_ok=True)
    log = out / LOG_NAME
    with tempfile.TemporaryDirectory(prefix="formlint-site-") as tmp:
        summary_path = Path(tmp) / "summary.json"
        spec = {**job.spec, "summary": str(summary_path)}
        if may_fork_site_processes():
            code = _forked_site(job, spec, log)
        else:
            code = _spawned_site(job, {**spec, "parent": os.getpid()}, log)
        summary = json.loads(summary_path.read_text("utf-8")) if summary_path.exists() else None
    return SiteOutcome(
        site=job.site,
        exit_code=code if code >= 0 else 3,  # killed by a signal
        summary=summary,
        worker=socket.gethostname(),
        log=str(log),
        log_tail="" if summary is not None else _tail(log),
    )


def may_fork_site_processes() -> bool:
    """Whether this process may start site processes from the fork server: not where fork servers
    do not exist, and not in a daemonic process (which multiprocessing allows no children)."""
    return (
        "forkserver" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
    )


def _forked_site(job: SiteJob, spec: dict[str, Any], log: Path) -> int:
    context = multiprocessing.get_context("forkserver")
    # Read once, when this process starts its fork server: every job of a run names the same.
    context.set_forkserver_preload(list(job.preload))
    process = context.Process(
        target=_site_process,
        args=(job.module, json.dumps(spec), str(log)),
        name=f"formlint-site-{job.site}",
    )
    process.start()
    process.join()
    code = process.exitcode
    process.close()
    return code if code is not None else 3


def _spawned_site(job: SiteJob, spec: dict[str, Any], log: Path) -> int:
    with log.open("ab") as sink:
        proc = subprocess.run(
            [sys.executable, "-m", job.module, json.dumps(spec)],
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=sink,
            check=False,
        )
    return proc.returncode


def _site_process(module: str, spec: str, log: str) -> None:
    """A forked site process: its output to the site's log, then what ``python -m MODULE SPEC``
    does (the module's ``main([SPEC])``, as the fork server has imported it already)."""
    fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    sys.exit(importlib.import_module(module).main([spec]))


def _tail(path: Path) -> str:
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-_LOG_TAIL_LINES:])


def watch_parent(parent: int | None = None) -> None:
    """End this process at once when the worker that started it is gone (the worker was killed):
    a crawl must not outlive its task, or a retried task would crawl the host twice.

    A process forked from the fork server watches the pipe multiprocessing keeps to the worker
    (it closes when the worker dies); one started by ``python -m`` watches that its parent is
    still ``parent``. Run by hand, with neither, nothing is watched."""
    forked_by = multiprocessing.parent_process()
    if forked_by is not None:

        def gone() -> bool:
            return not forked_by.is_alive()

        def wait_until_gone() -> None:
            forked_by.join()

    elif parent is not None:

        def gone() -> bool:
            return os.getppid() != parent

        def wait_until_gone() -> None:
            while not gone():
                time.sleep(PARENT_CHECK_SECONDS)

    else:
        return

    def watch() -> None:
        wait_until_gone()
        os._exit(75)  # EX_TEMPFAIL: the site is resumed by whoever runs it next

    if gone():
        os._exit(75)
    threading.Thread(target=watch, name="formlint-parent-watch", daemon=True).start()
