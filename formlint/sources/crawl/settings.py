"""Scrapy settings for a formlint scan, built from a validated CrawlConfig.

Secrets (headers and cookies from environment variables) are never put here: Scrapy logs
overridden settings, so they are added per request by the spider instead.
"""

from __future__ import annotations

import importlib.util
import urllib.request
from typing import Any

from formlint.config.crawl import CrawlConfig
from formlint.sources.crawl.render import CHROMIUM_ARGS

_MW = "formlint.sources.crawl.middlewares"

# Scrapy 2.19's debugging aid for spiders that copy response.meta into new requests: ours build
# each request's meta afresh, and each spider middleware wraps every response's output once more.
# (Named only where it exists: Scrapy imports every named component, disabled or not.)
_OFF_IF_PRESENT = (
    {"scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None}
    if importlib.util.find_spec("scrapy.spidermiddlewares.metacopy") is not None
    else {}
)


def _proxy_off_without_proxies() -> dict[str, None]:
    """Scrapy's proxy middleware acts only on proxies the environment names (formlint never sets
    a request's ``proxy``); with none, it would be one more step of the chain for every request."""
    if urllib.request.getproxies():
        return {}
    return {"scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware": None}


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
        "DOWNLOADER_MIDDLEWARES": {
            "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
            "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
            "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
            f"{_MW}.BodyMetaRefreshMiddleware": 580,
            f"{_MW}.RequestGuardMiddleware": 10,
            # after robots.txt (100): a host's Crawl-delay is known by then
            f"{_MW}.RequestSettingsMiddleware": 120,
            # ... which does what these three did, in one step of the chain
            "scrapy.downloadermiddlewares.downloadtimeout.DownloadTimeoutMiddleware": None,
            "scrapy.downloadermiddlewares.defaultheaders.DefaultHeadersMiddleware": None,
            "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
            **_proxy_off_without_proxies(),
        },
        "SPIDER_MIDDLEWARES": {
            "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
            "scrapy.spidermiddlewares.urllength.UrlLengthMiddleware": None,
            **_OFF_IF_PRESENT,
        },
        "EXTENSIONS": {
            # Scrapy's own counters (formlint keeps its own figures): one signal receiver less
            # per response.
            "scrapy.extensions.corestats.CoreStats": None,
            "scrapy.extensions.telnet.TelnetConsole": None,
            "scrapy.extensions.remote_control.RemoteControl": None,
            "scrapy.extensions.logstats.LogStats": None,
            "scrapy.extensions.memusage.MemoryUsage": None,
        },
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
