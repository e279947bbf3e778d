"""Run a multi-site scan's host groups on executors, watching the store for progress.

The coordinator (``formlint scan`` of many sites) only hands out tasks and reads the store: what
each site did is recorded by the site's own process (``formlint.store.multisite``), so the
coordinator can be killed and started again without losing anything but its display.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait

from formlint.scale.executors import site_executors
from formlint.scale.sites import SiteJob, SiteOutcome, host_groups, run_host_group

logger = logging.getLogger("formlint.scale")

POLL_SECONDS = 1.0


def run_jobs(
    jobs: Sequence[SiteJob],
    *,
    workers: int,
    scheduler: str | None = None,
    needs_browser: Callable[[SiteJob], bool] = lambda job: False,
    on_poll: Callable[[], object] = lambda: None,
    poll_seconds: float = POLL_SECONDS,
) -> list[SiteOutcome]:
    """Crawl ``jobs`` (host groups at once, up to the workers' slots); outcomes in job order.

    ``on_poll()`` is called about every ``poll_seconds`` while tasks run (the progress display
    reads the store there). A task that fails as a whole (a cluster that gave up on it
    after its workers died) gives each of its sites an outcome with exit code 3 and the reason.
    """
    groups = host_groups(jobs)
    outcomes: dict[str, SiteOutcome] = {}
    with site_executors(workers, scheduler) as (plain, browser):
        pending: dict[Future[list[SiteOutcome]], tuple[SiteJob, ...]] = {}
        for group in groups:
            executor = browser if any(needs_browser(j) for j in group) else plain
            pending[executor.submit(run_host_group, group)] = group
        on_poll()
        while pending:
            done, _ = wait(pending, timeout=poll_seconds, return_when=FIRST_COMPLETED)
            for future in done:
                group = pending.pop(future)
                try:
                    for outcome in future.result():
                        outcomes[outcome.site] = outcome
                except Exception as exc:  # the task itself failed: its sites are not done
                    reason = f"{type(exc).__name__}: {exc}".strip()
                    logger.error(
                        "sites %s not scanned: %s", ", ".join(j.site for j in group), reason
                    )
                    for job in group:
                        outcomes[job.site] = SiteOutcome(
                            site=job.site,
                            exit_code=3,
                            summary=None,
                            worker="",
                            log="",
                            log_tail=reason,
                        )
            on_poll()
    return [outcomes[job.site] for job in jobs]
