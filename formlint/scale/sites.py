"""A site crawl as a task: the work a worker (a local thread, or a Dask worker) does for a site.

Twisted's reactor runs once per process, so every site is crawled in a process of its own,
started here and waited for. The process lives no longer than the worker that started it
(:func:`watch_parent`): when a Dask worker is killed, its crawl stops within a second, and the
scheduler gives the task to another worker, which resumes the site from the store.

Sites that share a host are one *host group*, crawled one after another by one task, so one
crawler talks to a host at a time (and on PostgreSQL the crawl also holds the host's lock).
"""

from __future__ import annotations

import json
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
    module: str  # run as ``python -m MODULE SPEC``: the site process
    spec: dict[str, Any] = field(hash=False)  # JSON for the site process


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
        spec = {**job.spec, "parent": os.getpid(), "summary": str(summary_path)}
        with log.open("ab") as sink:
            proc = subprocess.run(
                [sys.executable, "-m", job.module, json.dumps(spec)],
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=sink,
                check=False,
            )
        summary = json.loads(summary_path.read_text("utf-8")) if summary_path.exists() else None
    code = proc.returncode if proc.returncode >= 0 else 3
    return SiteOutcome(
        site=job.site,
        exit_code=code,
        summary=summary,
        worker=socket.gethostname(),
        log=str(log),
        log_tail="" if summary is not None else _tail(log),
    )


def _tail(path: Path) -> str:
    try:
        lines = path.read_text("utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(lines[-_LOG_TAIL_LINES:])


def watch_parent(parent: int) -> None:
    """End this process at once when ``parent`` is gone (the worker that started it was killed):
    a crawl must not outlive its task, or a retried task would crawl the host twice."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(75)  # EX_TEMPFAIL: the site is resumed by whoever runs it next

    if os.getppid() != parent:
        os._exit(75)
    threading.Thread(target=watch, name="formlint-parent-watch", daemon=True).start()
