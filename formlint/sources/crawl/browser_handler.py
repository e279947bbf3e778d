"""scrapy-playwright's download handler, with Playwright started for the first page to render.

scrapy-playwright starts the Playwright driver (a Node.js process, and its message pump in our
event loop) when the crawl starts, whether or not any page will need a browser. Most municipal
sites need none, and a re-scan of an unchanged site renders nothing at all: there the driver
cost ~14 % of the crawl's time (measured in ``benchmarks/crawl.py``). This handler starts it
when the first page that needs rendering reaches the downloader. Plain requests go straight to
Scrapy's HTTP handler, as before.

If the browser does not start (a broken Chromium, a sandbox that forbids it), it is tried once:
every later page that needs it fails at once with the same reason instead of trying again, and
the spider lints later such pages from their static HTML without asking (see
``BROWSER_START_ERROR_STAT``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from twisted.internet import defer

from formlint.sources.crawl.render import (
    BROWSER_START_ERROR_STAT,
    BROWSER_STARTED_STAT,
    BrowserStartError,
)

logger = logging.getLogger(__name__)


class OnDemandPlaywrightHandler(ScrapyPlaywrightDownloadHandler):  # type: ignore[misc]
    """Start Playwright at the first ``playwright`` request, not at engine start."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._started = False
        self._start_error: str | None = None  # why the one start attempt failed
        self._start_lock = asyncio.Lock()

    # scrapy-playwright connects one of these to ``engine_started`` (which one depends on the
    # Scrapy version); neither starts anything now.
    def _engine_started(self) -> defer.Deferred:  # type: ignore[type-arg]
        return defer.succeed(None)

    async def _maybe_launch_in_thread(self) -> None:
        return None

    async def _download_request(self, request: Any, spider: Any = None) -> Any:
        if not self._started:
            async with self._start_lock:  # pages rendered at once start one driver
                if self._start_error is not None:
                    raise BrowserStartError(self._start_error)
                if not self._started:
                    await self._start()
        return await super()._download_request(request, spider)

    async def _start(self) -> None:
        try:
            await self._launch()  # the Playwright driver
            # and the browser now, not at the first page's context as scrapy-playwright does: a
            # browser that fails there is tried again for every page (and retried on each)
            await self._maybe_launch_browser()
        except Exception as exc:  # Playwright raises its own Error types, and OSError
            first = str(exc).strip().splitlines()
            self._start_error = (
                f"Chromium did not start: {type(exc).__name__}: {first[0] if first else ''}"
            )[:300]
            self.stats.set_value(BROWSER_START_ERROR_STAT, self._start_error)
            logger.warning(
                "%s; pages that need a browser are linted from their static HTML",
                self._start_error,
            )
            raise BrowserStartError(self._start_error) from exc
        self._started = True
        self.stats.inc_value(BROWSER_STARTED_STAT)
