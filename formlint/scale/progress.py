"""Progress of a multi-site scan: sites done, running and queued, pages/s, findings, errors, ETA.

Read from the store (each site's process records its pages there), so the display is the same
whether the sites run on this machine or on a cluster. A live table on a terminal; a log line
every ``interval`` seconds otherwise (CI, cron, a pipe). Both in the report language, as the
summary that follows them.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import dataclass
from typing import IO, Any

from formlint.report.i18n import strings
from formlint.store.multisite import FINISHED, QUEUED, RUNNING, MultisiteRun

logger = logging.getLogger("formlint.scale")


@dataclass(frozen=True)
class Snapshot:
    """The figures of one look at a multi-site run."""

    done: int
    running: int
    queued: int
    stopped: int
    pages: int
    findings: int
    errors: int
    pages_per_second: float
    eta_seconds: float | None  # None until a site has finished (nothing to estimate from)

    def line(self, lang: str) -> str:
        """The figures as one line in ``lang`` (nb, nn or en)."""
        L = strings(lang)
        if self.eta_seconds is None:
            eta = L["ms_progress_eta_unknown"]
        else:
            eta = L["ms_progress_eta"].format(duration=_duration(self.eta_seconds))
        return L["ms_progress"].format(
            done=self.done,
            running=self.running,
            queued=self.queued,
            stopped=L["ms_progress_stopped"].format(n=self.stopped) if self.stopped else "",
            pages=self.pages,
            rate=f"{self.pages_per_second:.1f}",
            findings=self.findings,
            errors=self.errors,
            eta=eta,
        )


def snapshot(run: MultisiteRun, *, pages_at_start: int, elapsed: float) -> Snapshot:
    """The figures of ``run`` now; the rate counts only pages recorded since this process began
    watching (a resumed run's earlier pages are not its speed)."""
    states = [s.state for s in run.sites]
    pages = sum(s.pages for s in run.sites)
    rate = (pages - pages_at_start) / elapsed if elapsed > 0 else 0.0
    finished = [s for s in run.sites if s.state == FINISHED]
    eta: float | None = None
    if finished and rate > 0:
        per_site = sum(s.pages for s in finished) / len(finished)
        left = sum(max(0.0, per_site - s.pages) for s in run.sites if s.state in (QUEUED, RUNNING))
        eta = left / rate
    return Snapshot(
        done=states.count(FINISHED),
        running=states.count(RUNNING),
        queued=states.count(QUEUED),
        stopped=len(states) - states.count(FINISHED) - states.count(RUNNING) - states.count(QUEUED),
        pages=pages,
        findings=sum(s.findings for s in run.sites),
        errors=sum(s.errors for s in run.sites),
        pages_per_second=rate,
        eta_seconds=eta,
    )


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"~{seconds:.0f} s"
    if seconds < 5400:
        return f"~{seconds / 60:.0f} min"
    return f"~{seconds / 3600:.1f} h"


def table(run: MultisiteRun, snap: Snapshot, lang: str) -> Any:
    """The live table of a terminal, in ``lang``: the figures, then a line per running site."""
    from rich.console import Group
    from rich.text import Text

    L = strings(lang)
    lines = [Text.assemble((L["progress_title"] + " ", "bold"), snap.line(lang))]
    for s in run.sites:
        if s.state == RUNNING:
            lines.append(
                Text(
                    L["ms_progress_site"].format(
                        site=s.site, pages=s.pages, findings=s.findings, errors=s.errors
                    )
                )
            )
    return Group(*lines)


class SitesProgress:
    """Shows snapshots of a multi-site run as it goes, in the report language ``lang``."""

    def __init__(
        self,
        *,
        lang: str,
        stream: IO[str] | None = None,
        tty: bool | None = None,
        interval: float | None = None,
        enabled: bool = True,
    ) -> None:
        self.lang = lang
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.interval = interval if interval is not None else (0.0 if self.tty else 10.0)
        self._started = time.monotonic()
        self._pages_at_start: int | None = None
        self._last = float("-inf")
        self._live: Any = None
        self.last: Snapshot | None = None

    def start(self) -> None:
        self._started = time.monotonic()
        if self.enabled and self.tty:
            from rich.console import Console
            from rich.live import Live

            self._live = Live(console=Console(file=self.stream), auto_refresh=False, transient=True)
            self._live.start()

    def update(self, run: MultisiteRun) -> Snapshot:
        if self._pages_at_start is None:
            self._pages_at_start = sum(s.pages for s in run.sites)
        snap = snapshot(
            run,
            pages_at_start=self._pages_at_start,
            elapsed=time.monotonic() - self._started,
        )
        self.last = snap
        now = time.monotonic()
        if self.enabled and now - self._last >= self.interval:
            self._last = now
            if self._live is not None:
                self._live.update(table(run, snap, self.lang), refresh=True)
            else:
                logger.info(
                    "%s", strings(self.lang)["progress_log"].format(line=snap.line(self.lang))
                )
        return snap

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
