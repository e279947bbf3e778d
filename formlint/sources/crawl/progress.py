"""Scan progress: a live rich line on a terminal, plain log lines otherwise (CI, pipes, cron), in
the report language, as the summary that follows it."""

from __future__ import annotations

import logging
import sys
import time
from typing import IO, Any

from formlint.report.i18n import strings

logger = logging.getLogger("formlint.crawl")

_FIELDS = ("done", "queued", "forms", "findings", "errors", "rendered")


class Progress:
    """Counters updated by the spider; rendered at most every ``interval`` seconds."""

    def __init__(
        self,
        *,
        lang: str,
        stream: IO[str] | None = None,
        tty: bool | None = None,
        interval: float | None = None,
        enabled: bool = True,
    ) -> None:
        self.strings = strings(lang)
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.enabled = enabled
        self.interval = interval if interval is not None else (0.25 if self.tty else 10.0)
        self.counts: dict[str, int] = dict.fromkeys(_FIELDS, 0)
        self._started = time.monotonic()
        self._last = 0.0
        self._live: Any = None

    def start(self) -> None:
        self._started = time.monotonic()
        if self.enabled and self.tty:
            from rich.console import Console
            from rich.live import Live

            self._live = Live(
                self._text(), console=Console(file=self.stream), auto_refresh=False, transient=True
            )
            self._live.start()

    def rate(self) -> float:
        elapsed = time.monotonic() - self._started
        return self.counts["done"] / elapsed if elapsed > 0 else 0.0

    def update(self, **counts: int) -> None:
        self.counts.update(counts)
        now = time.monotonic()
        if not self.enabled or now - self._last < self.interval:
            return
        self._last = now
        if self._live is not None:
            self._live.update(self._text(), refresh=True)
        else:
            logger.info("%s", self.strings["progress_log"].format(line=self.line()))

    def line(self) -> str:
        return self.strings["scan_progress"].format(rate=f"{self.rate():.1f}", **self.counts)

    def _text(self) -> Any:
        from rich.text import Text

        return Text.assemble((self.strings["progress_title"] + " ", "bold"), self.line())

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None
