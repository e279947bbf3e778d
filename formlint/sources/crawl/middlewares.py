"""Downloader middlewares that keep a scan safe and polite.

- :class:`MethodGuardMiddleware` drops any request that is not GET or HEAD: formlint reads forms
  and never submits them, whatever a page, a redirect or a bug asks for.
- :class:`ScopeGuardMiddleware` re-checks scope, traps and loops after every redirect, because a
  redirect can leave the allowed domains after the spider's own check.
- :class:`PolitenessMiddleware` keeps a host's delay at or above its robots.txt crawl-delay, which
  AutoThrottle would otherwise lower.
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


class MethodGuardMiddleware:
    """Only GET and HEAD leave the crawler; anything else is dropped with one log line."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> MethodGuardMiddleware:
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


class ScopeGuardMiddleware:
    """After a redirect: out-of-scope targets, loops, long chains and traps end the request."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ScopeGuardMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        redirects: list[str] = request.meta.get("redirect_urls") or []
        if not redirects or request.meta.get("fl_kind") is None:
            return
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


class PolitenessMiddleware:
    """Hold each host's slot delay at its floor: max(config delay, robots.txt Crawl-delay)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PolitenessMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Any = None) -> None:
        sp = self.crawler.spider
        floors: dict[str, float] = getattr(sp, "host_delay", {})
        host = (urlparse_cached(request).hostname or "").lower()
        floor = floors.get(host)
        if floor is None or self.crawler.engine is None:
            return
        downloader = self.crawler.engine.downloader
        _key, slot = downloader._get_slot(request)  # Scrapy has no public per-slot delay API
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
