"""Scrapy settings for a formlint scan, built from a validated CrawlConfig.

Secrets (headers and cookies from environment variables) are never put here: Scrapy logs
overridden settings, so they are added per request by the spider instead.
"""

from __future__ import annotations

import importlib.util
import os
import urllib.request
from typing import Any

from formlint.config.crawl import CrawlConfig
from formlint.sources.crawl.render import CHROMIUM_ARGS

_MW = "formlint.sources.crawl.middlewares"


def downloader_middlewares() -> dict[str, int]:
    """The downloader chain of a scan, by Scrapy's order numbers (``DOWNLOADER_MIDDLEWARES_BASE``).

    Named in full rather than as Scrapy's list with parts switched off: Scrapy imports every
    component its lists name, enabled or not. Each step costs every request ~20-30 us, so only
    what a scan needs is here: the guard first (GET/HEAD only; scope, loops and traps after a
    redirect), robots.txt, one step for the host's delay floor, timeout, default headers and
    User-Agent, retries (waiting as long as ``Retry-After`` asks), the meta-refresh redirect that skips bodiless 304s, compression,
    redirects and cookies. Scrapy's proxy middleware acts only on proxies the environment names
    (formlint never sets a request's ``proxy``), so it is in only when there are some.
    """
    chain = {
        f"{_MW}.RequestGuardMiddleware": 10,
        f"{_MW}.RobotsTxtForEveryRequestMiddleware": 100,
        # after robots.txt: a host's Crawl-delay is known by then
        f"{_MW}.RequestSettingsMiddleware": 120,
        f"{_MW}.RetryAfterMiddleware": 550,
        f"{_MW}.BodyMetaRefreshMiddleware": 580,
        "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": 590,
        "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": 600,
        "scrapy.downloadermiddlewares.cookies.CookiesMiddleware": 700,
    }
    if urllib.request.getproxies():
        chain["scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware"] = 750
    return chain


# Spider middlewares: Scrapy's start-request marker and the HTTP-status filter. Referer, depth
# and URL-length are formlint's own (REFERER_ENABLED is off; the spider checks depth and length).
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.start.StartSpiderMiddleware": 25,
    "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware": 50,
}

# Extensions: only AutoThrottle (it stays off unless the config enables it). formlint keeps its
# own figures and log, and a scan has no telnet or remote control (the remote-control extension
# alone imports aiohttp, ~0.1 s of every scan).
EXTENSIONS = {"scrapy.extensions.throttle.AutoThrottle": 0}


def event_loop() -> dict[str, str]:
    """uvloop under Twisted's asyncio reactor where it is installed (Linux and macOS).

    A re-scan of an unchanged site is a conditional request per page, and Scrapy's per-request
    work runs through the event loop's callbacks and socket calls: uvloop does those in C
    (~10 % off a re-scan here, benchmarks/crawl.py). ``FORMLINT_EVENT_LOOP=asyncio`` keeps the
    standard loop, to rule the loop out when chasing a problem.
    """
    if os.environ.get("FORMLINT_EVENT_LOOP", "").strip().lower() == "asyncio":
        return {}
    if importlib.util.find_spec("uvloop") is None:
        return {}
    return {"ASYNCIO_EVENT_LOOP": "uvloop.Loop"}


def build_settings(cfg: CrawlConfig, *, chromium: str | None = None) -> dict[str, Any]:
    """Settings for one crawl; ``chromium`` enables the scrapy-playwright handler."""
    lim = cfg.limits
    settings: dict[str, Any] = {
        "BOT_NAME": "formlint",
        "USER_AGENT": cfg.user_agent,
        "ROBOTSTXT_OBEY": cfg.obey_robots,
        "ROBOTSTXT_USER_AGENT": cfg.user_agent,
        "CONCURRENT_REQUESTS": cfg.concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": cfg.concurrency_per_host,
        "DOWNLOAD_DELAY": cfg.delay,
        # Crawl-delay is a floor, not an average: no random jitter below it.
        "DOWNLOAD_DELAY_JITTER": 0.0,
        "AUTOTHROTTLE_ENABLED": cfg.autothrottle.enabled,
        "AUTOTHROTTLE_START_DELAY": max(cfg.delay, cfg.autothrottle.start_delay),
        "AUTOTHROTTLE_MAX_DELAY": cfg.autothrottle.max_delay,
        "AUTOTHROTTLE_TARGET_CONCURRENCY": cfg.autothrottle.target_concurrency,
        "DOWNLOAD_MAXSIZE": lim.max_bytes,
        "DOWNLOAD_WARNSIZE": lim.warn_bytes,
        "DOWNLOAD_TIMEOUT": lim.timeout,
        "RETRY_TIMES": lim.retries,
        "FORMLINT_MAX_RETRY_AFTER": lim.max_retry_after,
        "RETRY_GIVE_UP_LOG_LEVEL": "DEBUG",  # our own one line per problem URL says it
        # Our guard reports loops and long chains; Scrapy's own cap is only the backstop.
        "REDIRECT_MAX_TIMES": lim.max_redirects + 3,
        "METAREFRESH_ENABLED": True,
        "COOKIES_ENABLED": True,
        "COOKIES_DEBUG": False,
        "REFERER_ENABLED": False,
        # The spider de-duplicates canonical URLs before building requests (and must see redirect
        # loops), so Scrapy's fingerprint filter is redundant.
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",
        "DEPTH_LIMIT": 0,
        "URLLENGTH_LIMIT": lim.max_url_length + 100,
        "HTTPCACHE_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOGSTATS_INTERVAL": 0,
        "MEMUSAGE_ENABLED": False,
        "STATS_DUMP": False,
        # Scrapy re-reads and re-parses the callback's source on every response to warn about
        # `return value` in generators (its cache is keyed by the bound method, new each call):
        # ~3 ms a page. Our callbacks are checked by the linters instead.
        "WARN_ON_GENERATOR_RETURN_VALUE": False,
        # Callbacks yield only requests, never items: Scrapy would start CONCURRENT_ITEMS (100)
        # worker tasks per response to process them.
        "CONCURRENT_ITEMS": 4,
        "LOG_ENABLED": True,
        "LOG_INSTALL_ROOT_HANDLER": False,
        "LOG_LEVEL": "ERROR",
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.ScrapyPriorityQueue",
        "SCHEDULER_MEMORY_QUEUE": "scrapy.squeues.FifoMemoryQueue",
        # Neither is read: formlint counts its own figures, and sends credentials as headers.
        "DOWNLOADER_STATS": False,
        "DOWNLOADER_MIDDLEWARES_BASE": downloader_middlewares(),
        "DOWNLOADER_MIDDLEWARES": {},
        "SPIDER_MIDDLEWARES_BASE": dict(SPIDER_MIDDLEWARES),
        "SPIDER_MIDDLEWARES": {},
        "EXTENSIONS_BASE": dict(EXTENSIONS),
        "EXTENSIONS": {},
        **event_loop(),
    }
    if chromium:
        handler = "formlint.sources.crawl.browser_handler.OnDemandPlaywrightHandler"
        settings.update(
            {
                "DOWNLOAD_HANDLERS": {"http": handler, "https": handler},
                "PLAYWRIGHT_BROWSER_TYPE": "chromium",
                "PLAYWRIGHT_LAUNCH_OPTIONS": {
                    "executable_path": chromium,
                    "headless": True,
                    "args": CHROMIUM_ARGS,
                    # starting Chromium on a busy machine can take longer than rendering a page
                    "timeout": max(30.0, lim.render_timeout) * 1000,
                },
                "PLAYWRIGHT_ABORT_REQUEST": "formlint.sources.crawl.render.abort_request",
                "PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT": lim.render_timeout * 1000,
                "PLAYWRIGHT_MAX_CONTEXTS": 4,
                "PLAYWRIGHT_MAX_PAGES_PER_CONTEXT": 2,
            }
        )
    return settings
