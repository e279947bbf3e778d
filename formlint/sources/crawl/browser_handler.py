"""scrapy-playwright's download handler, with Playwright started for the first page to render.

scrapy-playwright starts the Playwright driver (a Node.js process, and its message pump in our
event loop) when the crawl starts, whether or not any page will need a browser. Most municipal
sites need none, and a re-scan of an unchanged site renders nothing at all: there the driver
cost ~14 % of the crawl's time (measured in ``benchmarks/crawl.py``). This handler starts it
when the first page that needs rendering reaches the downloader. Plain requests go straight to
Scrapy's HTTP handler, as before.
"""

from __future__ import annotations

import asyncio
from typing import Any

from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler
from twisted.internet import defer

from formlint.sources.crawl.render import BROWSER_STARTED_STAT


class OnDemandPlaywrightHandler(ScrapyPlaywrightDownloadHandler):  # type: ignore[misc]
    """Start Playwright at the first ``playwright`` request, not at engine start."""

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._started = False
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
                if not self._started:
                    await self._launch()
                    self._started = True
                    self.stats.inc_value(BROWSER_STARTED_STAT)
        return await super()._download_request(request, spider)
