"""A Dask distributed cluster seen as ``concurrent.futures`` executors (the only Dask import).

``client.get_executor()`` is Dask's own ``Executor``; this module connects, says clearly when the
scheduler cannot be reached, and asks for the ``browser`` resource only when some worker offers
it (a task that asks for a resource no worker has would wait forever).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import Any

from formlint.errors import FormlintError

logger = logging.getLogger("formlint.scale")

BROWSER_RESOURCE = "browser"
CONNECT_TIMEOUT = "20s"
# A task that raised is tried again this often (a worker that died is handled by the scheduler's
# own ``allowed-failures``: its tasks run again elsewhere).
TASK_RETRIES = 2


@contextmanager
def cluster_client(address: str) -> Iterator[Any]:
    """A client of the scheduler at ``address``; a one-line error when it cannot be reached."""
    from distributed import Client

    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)  # type: ignore[no-untyped-call]
    except OSError as exc:
        raise FormlintError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    try:
        yield client
    finally:
        client.close()  # type: ignore[no-untyped-call]


def offers_browser(client: Any) -> bool:
    workers = client.scheduler_info(n_workers=-1).get("workers", {})
    return any(w.get("resources", {}).get(BROWSER_RESOURCE) for w in workers.values())


def executor(client: Any, *, browser: bool = False) -> Executor:
    """Dask's executor on ``client``; ``browser`` tasks go to workers with a browser, if any do."""
    options: dict[str, Any] = {"retries": TASK_RETRIES, "pure": False}
    if browser and offers_browser(client):
        options["resources"] = {BROWSER_RESOURCE: 1}
    elif browser:
        logger.info(
            "no Dask worker offers the %r resource: sites that may need rendering run on any worker",
            BROWSER_RESOURCE,
        )
    result: Executor = client.get_executor(**options)
    return result


@contextmanager
def cluster_executor(address: str) -> Iterator[Executor]:
    """One executor on the cluster at ``address``, for lint batches."""
    with cluster_client(address) as client:
        ex = executor(client)
        try:
            yield ex
        finally:
            ex.shutdown(wait=False)


@contextmanager
def cluster_site_executors(address: str) -> Iterator[tuple[Executor, Executor]]:
    """Executors for site crawls on the cluster at ``address``: (any worker, a worker with a
    browser)."""
    with cluster_client(address) as client:
        plain, browser = executor(client), executor(client, browser=True)
        try:
            yield plain, browser
        finally:
            plain.shutdown(wait=False)
            browser.shutdown(wait=False)
