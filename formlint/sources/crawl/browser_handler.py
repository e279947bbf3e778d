"""Scrapy's HTTP download handler, with a browser (scrapy-playwright) for the pages that need one.

scrapy-playwright's handler starts the Playwright driver (a Node.js process, and its message pump
in our event loop) when the crawl starts, whether or not any page will need a browser. Most
municipal sites need none, and a re-scan of an unchanged site renders nothing at all: there the
driver cost ~14 % of the crawl's time (measured in ``benchmarks/crawl.py``). This handler is
Scrapy's own HTTP handler; scrapy-playwright is imported, and its handler made, started and asked,
only when the first page that needs rendering reaches the downloader (importing it alone took
~0.12 s of every scan).

The browser is started once: if it does not start (a broken Chromium, a sandbox that forbids
it), every later page that needs it fails at once with the same reason instead of trying again,
and the spider lints later such pages from their static HTML without asking (see
``BROWSER_START_ERROR_STAT``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import DownloadTimeoutError

from formlint.sources.crawl.render import (
    BROWSER_START_ERROR_STAT,
    BROWSER_STARTED_STAT,
    BrowserStartError,
)

logger = logging.getLogger(__name__)

# How long closing a render's page may take once its deadline has passed.
PAGE_CLOSE_SECONDS = 5.0


class OnDemandPlaywrightHandler(HTTP11DownloadHandler):
    """Plain requests over HTTP; ``playwright`` requests through a scrapy-playwright handler
    that is made and started for the first of them."""

    lazy = False

    def __init__(self, crawler: Any) -> None:
        super().__init__(crawler)
        self._browser: Any = None  # the scrapy-playwright handler, once started
        self._start_error: str | None = None  # why the one start attempt failed
        self._start_lock = asyncio.Lock()

    async def download_request(self, request: Any) -> Any:
        if not request.meta.get("playwright"):
            return await super().download_request(request)
        browser = self._browser
        if browser is None:
            browser = await self._started_browser()
        # scrapy-playwright applies its timeouts to navigation and page methods only, and not
        # Scrapy's download timeout: a page that reloads itself for ever kept a scan waiting
        # for ever under load. This deadline ends the render as a timeout, and the spider
        # lints the page's static HTML instead.
        deadline = request.meta.get("download_timeout")
        opened: list[Any] = []

        async def remember_page(page: Any, _request: Any) -> None:
            opened.append(page)

        request.meta["playwright_page_init_callback"] = remember_page
        try:
            return await asyncio.wait_for(browser.download_request(request), deadline)
        except TimeoutError:  # asyncio.wait_for: the deadline passed
            # scrapy-playwright closes a page when its render fails, not when it is cancelled:
            # the page would keep one of the browser's page slots until the scan ends
            for page in opened:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(page.close(), PAGE_CLOSE_SECONDS)
            raise DownloadTimeoutError(f"rendering took longer than {deadline:g} s") from None
        finally:
            # the response (which shares the request's meta) holds no closure
            del request.meta["playwright_page_init_callback"]

    async def _started_browser(self) -> Any:
        async with self._start_lock:  # pages rendered at once start one browser
            if self._start_error is not None:
                raise BrowserStartError(self._start_error)
            if self._browser is None:
                self._browser = await self._start()
        return self._browser

    async def _start(self) -> Any:
        from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

        handler = ScrapyPlaywrightDownloadHandler.from_crawler(self._crawler)
        try:
            # scrapy-playwright starts these at engine start and at the first page's browser
            # context; here both start now, so a browser that fails is tried once, not again
            # (with retries) for every page
            await handler._launch()
            await handler._maybe_launch_browser()
        except Exception as exc:  # Playwright raises its own Error types, and OSError
            first = str(exc).strip().splitlines()
            self._start_error = (
                f"Chromium did not start: {type(exc).__name__}: {first[0] if first else ''}"
            )[:300]
            self._crawler.stats.set_value(BROWSER_START_ERROR_STAT, self._start_error)
            logger.warning(
                "%s; pages that need a browser are linted from their static HTML",
                self._start_error,
            )
            with contextlib.suppress(Exception):  # the driver may have started
                await handler.close()
            raise BrowserStartError(self._start_error) from exc
        self._crawler.stats.inc_value(BROWSER_STARTED_STAT)
        return handler

    async def close(self) -> None:
        await super().close()
        if self._browser is not None:
            await self._browser.close()
