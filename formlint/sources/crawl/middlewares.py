"""Downloader middlewares that keep a scan safe and polite.

- :class:`RequestGuardMiddleware` drops any request that is not GET or HEAD (formlint reads forms
  and never submits them, whatever a page, a redirect or a bug asks for), and re-checks scope,
  traps and loops after every redirect, because a redirect can leave the allowed domains after
  the spider's own check.
- :class:`RequestSettingsMiddleware` keeps a host's delay at or above its robots.txt crawl-delay,
  which AutoThrottle would otherwise lower, and sets the timeout, default headers and User-Agent.
- :class:`RobotsTxtForEveryRequestMiddleware` is Scrapy's robots.txt middleware, fixed so that
  every request waiting for a host's robots.txt is checked against it (Scrapy's let all but
  the first two through unchecked).
- :class:`RetryAfterMiddleware` is Scrapy's retry, waiting as long as a 429 or 503 says in
  ``Retry-After`` before the retry (up to ``limits.max_retry_after``; a longer wait is not
  retried, and the problem line says why).
- :class:`BodyMetaRefreshMiddleware` is Scrapy's meta-refresh redirect, asked only of responses
  that have a body: a re-scan's 304s would otherwise each pay for an encoding sniff of nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any

from scrapy.downloadermiddlewares.redirect import MetaRefreshMiddleware
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.asyncio import sleep
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from formlint.sources.crawl.scope import canonicalize

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from formlint.sources.crawl.spider import FormSpider

logger = logging.getLogger("formlint.crawl")

ALLOWED_METHODS = frozenset({"GET", "HEAD"})
# The request meta key under which a Retry-After too long to wait is left for the spider.
RETRY_AFTER_REFUSED = "fl_retry_after_refused"


class Refused(IgnoreRequest):
    """A request the guard refused and has already reported (or recorded as a redirect)."""


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
            raise Refused(f"method {request.method} not allowed")
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
            raise Refused(reason)
        if not sp.claim_redirect(request, target):
            raise Refused("redirect target already crawled")


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


class RobotsTxtForEveryRequestMiddleware(RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, checking every request that waited for robots.txt.

    Requests that arrive while a host's robots.txt is being fetched wait on one Deferred; on
    the asyncio reactor each waiter turns it into a Future, which consumes its result, so the
    third waiter and every later one got ``None`` ("no robots.txt") and went through
    unchecked. A resumed scan starts with many requests at once: it fetched pages robots.txt
    disallows. Once the wait is over, the host's parser is read from where Scrapy keeps it.
    """

    async def robot_parser(self, request: Request) -> Any:
        parser = await super().robot_parser(request)
        kept = self._parsers.get(urlparse_cached(request).netloc)
        return parser if kept is None or isinstance(kept, Deferred) else kept


def retry_after_seconds(value: str | None, now: dt.datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delay-seconds or an HTTP date), or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, (when - (now or dt.datetime.now(dt.UTC))).total_seconds())


class RetryAfterMiddleware(RetryMiddleware):
    """Scrapy's retry, honouring ``Retry-After`` on a retried status (429, 503, ...).

    A server that says when to come back is asked again no sooner (Scrapy would retry at
    once, which is what an overloaded or rate-limiting server asked us not to do). A wait
    longer than ``max_retry_after`` is not made: the response goes to the spider, which
    reports the URL with the wait it was asked for.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("FORMLINT_MAX_RETRY_AFTER", 60.0)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        return cls(crawler)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        header = response.headers.get(b"Retry-After")
        if (
            header is None
            or response.status not in self.retry_http_codes
            or request.meta.get("dont_retry", False)
        ):
            return super().process_response(request, response)
        wait = retry_after_seconds(header.decode("latin-1"))
        if wait is None:
            return super().process_response(request, response)
        if wait > self.max_wait:
            request.meta[RETRY_AFTER_REFUSED] = wait
            return response
        retry = self._retry(request, f"{response.status} with Retry-After {wait:.0f} s")
        if retry is None:
            return response
        await sleep(wait)
        return retry


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
