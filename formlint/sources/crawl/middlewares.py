"""Downloader middlewares that keep a scan safe and polite.

- :class:`RequestGuardMiddleware` drops any request that is not GET or HEAD (formlint reads forms
  and never submits them, whatever a page, a redirect or a bug asks for), and re-checks scope,
  traps and loops after every redirect, because a redirect can leave the allowed domains after
  the spider's own check.
- :class:`RequestSettingsMiddleware` keeps a host's delay at or above its robots.txt crawl-delay,
  which AutoThrottle would otherwise lower, and sets the timeout, default headers and User-Agent.
- :class:`BodyMetaRefreshMiddleware` is Scrapy's meta-refresh redirect, asked only of responses
  that have a body: a re-scan's 304s would otherwise each pay for an encoding sniff of nothing.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached

from formlint.sources.crawl.scope import canonicalize

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from formlint.sources.crawl.spider import FormSpider

logger = logging.getLogger("formlint.crawl")

ALLOWED_METHODS = frozenset({"GET", "HEAD"})


class RequestGuardMiddleware:
    """The first thing every request meets: only GET and HEAD leave the crawler, and a request
    that follows a redirect is checked again for scope, loops, long chains and traps."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if request.method.upper() not in ALLOWED_METHODS:
            logger.warning(
                "PROBLEM %s: blocked %s request (formlint only sends GET/HEAD)",
                request.url,
                request.method,
            )
            self.crawler.stats.inc_value("formlint/blocked_method")
            raise IgnoreRequest(f"method {request.method} not allowed")
        redirects: list[str] = request.meta.get("redirect_urls") or []
        if redirects and request.meta.get("fl_kind") is not None:
            self._check_redirect(request, redirects)

    def _check_redirect(self, request: Request, redirects: list[str]) -> None:
        sp: FormSpider = self.crawler.spider  # type: ignore[assignment]
        target = canonicalize(request.url)
        chain = [canonicalize(u) for u in redirects]
        reason: str | None = None
        if target in chain:
            reason = f"redirect loop ({' -> '.join([*chain, target])})"
        elif len(chain) > sp.cfg.limits.max_redirects:
            reason = f"more than {sp.cfg.limits.max_redirects} redirects"
        else:
            out = sp.scope.reason_out(target)
            if out:
                reason = f"redirected out of scope to {target} ({out})"
            else:
                reason = sp.check_trap(target)
        if reason is not None:
            sp.redirect_failed(request, target, reason)
            raise IgnoreRequest(reason)
        if not sp.claim_redirect(request, target):
            raise IgnoreRequest("redirect target already crawled")


class RequestSettingsMiddleware:
    """What a request gets once robots.txt has let it through: its host's delay floor, and the
    download timeout, default headers and User-Agent from the settings.

    The floor is max(config delay, robots.txt Crawl-delay), held on the host's slot because
    AutoThrottle would lower it. The other three are what Scrapy's DownloadTimeout,
    DefaultHeaders and UserAgent middlewares do, in one step instead of three: each step of the
    chain costs every request, and a re-scan of an unchanged site is little else.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.timeout = settings.getfloat("DOWNLOAD_TIMEOUT")
        self.headers: list[tuple[str, Any]] = [
            (k, v) for k, v in settings.getdict("DEFAULT_REQUEST_HEADERS").items() if v is not None
        ]
        user_agent = settings.get("USER_AGENT")
        if user_agent:
            self.headers.append(("User-Agent", user_agent))

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RequestSettingsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        if self.timeout:
            request.meta.setdefault("download_timeout", self.timeout)
        headers = request.headers
        for k, v in self.headers:
            headers.setdefault(k, v)
        floors: dict[str, float] = getattr(self.crawler.spider, "host_delay", {})
        if not floors or self.crawler.engine is None:
            return
        floor = floors.get((urlparse_cached(request).hostname or "").lower())
        if floor is None:
            return
        _key, slot = self.crawler.engine.downloader._get_slot(request)  # no public slot API
        if slot.delay < floor:
            slot.delay = floor
        # AutoThrottle lowers slot delays towards DOWNLOAD_DELAY; Crawl-delay is a floor.
        request.meta["autothrottle_dont_adjust_delay"] = True


class BodyMetaRefreshMiddleware(MetaRefreshMiddleware):
    """Scrapy's ``<meta http-equiv="refresh">`` redirect, skipped for a response with no body.

    A 304 (every unchanged page of a re-scan) carries the page's ``Content-Type`` but no body,
    so it cannot hold a meta refresh; Scrapy would still decode and search its empty text.
    """

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        if not response.body:
            return response
        return super().process_response(request, response)
