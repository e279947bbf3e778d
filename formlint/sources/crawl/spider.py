"""The formlint spider: fetch a site's pages and documents, lint each, record each in the store.

One spider per site. Links are canonicalised and de-duplicated here, before any Request is built
(municipal menus repeat hundreds of links on every page). Each response is linted once: static
HTML by default, the rendered DOM when the static HTML shows a client-side form. Every page is
recorded in one store transaction, so a killed scan resumes without losing or duplicating findings.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import re
import time
import zlib
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.exceptions import (
    CannotResolveHostError,
    CloseSpider,
    DontCloseSpider,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Request, Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from formlint.document import FetchedDocument
from formlint.parse.registry import sniff
from formlint.sources.crawl.axe import axe_audits, with_axe
from formlint.sources.crawl.lastmod import unchanged_since
from formlint.sources.crawl.links import extract_links
from formlint.sources.crawl.middlewares import RETRY_AFTER_REFUSED, Refused
from formlint.sources.crawl.render import (
    BROWSER_START_ERROR_STAT,
    BrowserStartError,
    ChromiumLookup,
    is_platform_host,
    navigated_away,
    parse_html,
    playwright_meta,
    render_reason,
)
from formlint.sources.crawl.scope import Scope, canonicalize
from formlint.sources.crawl.state import (
    previous_urls,
    resume_points,
    stored_link_groups,
)
from formlint.sources.crawl.traps import TrapDetector, TrapLimits
from formlint.store.crawlstate import CrawledPage, CrawlStateStore, ResumePoint

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http.request import VerboseCookie

    from formlint.config.crawl import CrawlConfig
    from formlint.results import DocumentResult
    from formlint.sources.crawl.progress import Progress

logger = logging.getLogger("formlint.crawl")

Linter = Callable[[FetchedDocument], "DocumentResult"]
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_DROP_HEADERS = frozenset({"set-cookie", "set-cookie2", "authorization", "proxy-authorization"})
# Request meta: the redirect target this request claimed (a retry of it may pass again).
_CLAIMED = "fl_claimed_redirect"
HTTP_ERROR_CODES = [304, *range(400, 600)]


@dataclass
class ScanStats:
    """What the scan did, for the summary, the store's run row and the benchmark."""

    pages: int = 0  # recorded this run (fetched + reused)
    linted: int = 0
    reused: int = 0
    not_modified: int = 0
    conditional_requests: int = 0
    resumed_done: int = 0
    forms: int = 0
    findings: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    rendered: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    not_rendered: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    external_forms: list[tuple[str, str]] = field(default_factory=list)  # (page, embedded url)
    skipped_max_pages: int = 0
    skipped_max_depth: int = 0
    robots_disallowed: list[str] = field(default_factory=list)  # deliberately not fetched
    sitemap_unchanged: int = 0  # reused without a request (sitemap_lastmod: trust)
    sitemap_verified: int = 0  # of the pages the sitemap called unchanged, fetched to check it
    sitemap_distrusted: str | None = None  # the page that proved <lastmod> wrong, if one did
    render_disabled_reason: str | None = None
    browser_started: bool = False  # Playwright starts for the first page that needs it
    started: float = field(default_factory=time.monotonic)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "linted": self.linted,
            "reused": self.reused,
            "not_modified": self.not_modified,
            "conditional_requests": self.conditional_requests,
            "resumed_done": self.resumed_done,
            "forms": self.forms,
            "findings": self.findings,
            "problems": [{"url": u, "reason": r} for u, r in self.problems],
            "rendered": [{"url": u, "reason": r} for u, r in self.rendered],
            "not_rendered": [{"url": u, "reason": r} for u, r in self.not_rendered],
            "external_forms": [{"page": p, "url": u} for p, u in self.external_forms],
            "skipped_max_pages": self.skipped_max_pages,
            "skipped_max_depth": self.skipped_max_depth,
            "robots_disallowed": list(self.robots_disallowed),
            "sitemap_unchanged": self.sitemap_unchanged,
            "sitemap_verified": self.sitemap_verified,
            "sitemap_distrusted": self.sitemap_distrusted,
            "render_disabled_reason": self.render_disabled_reason,
            "browser_started": self.browser_started,
            "seconds": round(time.monotonic() - self.started, 3),
        }


@dataclass
class CrawlContext:
    """Everything the spider needs from the runner (no globals, no settings-borne secrets)."""

    cfg: CrawlConfig
    state: CrawlStateStore
    run_id: int
    lint: Linter
    chromium: ChromiumLookup
    progress: Progress
    stats: ScanStats = field(default_factory=ScanStats)
    max_pages: int | None = None
    fatal: str | None = None  # set when the store fails: the scan stops (exit code 3)

    @property
    def render_enabled(self) -> bool:
        return self.cfg.render != "never" and self.chromium.available


class FormSpider(scrapy.Spider):
    """Crawl one site from a CrawlConfig; see the module docstring."""

    name = "formlint"

    def __init__(self, ctx: CrawlContext, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.ctx = ctx
        self.cfg = ctx.cfg
        self.stats_ = ctx.stats
        self.scope = Scope(
            self.cfg.allowed_domains, self.cfg.include, self.cfg.exclude, self.cfg.documents
        )
        lim = self.cfg.limits
        self.traps = TrapDetector(
            TrapLimits(
                lim.max_query_variants,
                lim.max_date_variants,
                lim.max_path_depth,
                lim.max_url_length,
            )
        )
        self.claimed: set[str] = set()
        self.sitemaps_seen: set[str] = set()
        self.host_delay: dict[str, float] = {}
        self.scheduled = 0
        self.max_pages = ctx.max_pages or self.cfg.max_pages
        self.done: set[str] = set()
        self._recorded: set[str] = set()  # recorded by this process (a fallback must not repeat)
        self._render_patterns = [re.compile(p) for p in self.cfg.render_urls]
        self._secret_headers = self.cfg.secret_headers()
        self._secret_cookies = self.cfg.secret_cookies()
        self._resolved: dict[str, tuple[str, bool]] = {}
        self._settled_targets: set[str] = set()  # stored link targets with nothing left to do
        # In-scope URLs of the previous scans not claimed yet (None: not read yet, or the store
        # cannot say): once empty, no stored link of an unchanged page can lead anywhere new.
        self._previous_open: set[str] | None = None
        self.sitemap_lastmod: dict[str, str] = {}  # canonical URL -> <lastmod> (trust mode)
        self._unchanged: deque[tuple[str, int]] = deque()
        self._draining = False
        # Trusting <lastmod> needs the sitemaps read before the pages: page requests wait until
        # the configured sitemaps (and any they or robots.txt name) are done, i.e. the first idle.
        self._holding = self.cfg.sitemap_lastmod == "trust" and bool(self.cfg.sitemaps)
        self._held: list[tuple[str, int, str | None, str]] = []
        self._sitemaps_pending = 0
        # Trust, but check: the first page the sitemap calls unchanged and every n-th after it
        # are fetched anyway; one that changed ends the trust for the rest of the scan.
        share = self.cfg.sitemap_verify
        self._verify_every = 0 if share <= 0 else max(1, round(1 / share))
        self._sitemap_unchanged_seen = 0
        self._sitemap_trusted = True
        self._sitemap_reused: list[tuple[str, int]] = []  # reused without a request

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> FormSpider:
        spider: FormSpider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider._robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(spider._on_idle, signal=signals.spider_idle)
        return spider

    def _on_idle(self) -> None:
        """Fallback: if a sitemap ended without a callback, release held pages when idle."""
        if self._holding and self._release_held():
            raise DontCloseSpider

    def _release_held(self) -> bool:
        """The sitemaps are read: start the page requests held back (True if there were any)."""
        self._holding = False
        held, self._held = self._held, []
        logger.info(
            "sitemaps read (%d <lastmod> dates); starting %d pages",
            len(self.sitemap_lastmod),
            len(held),
        )
        engine = self.crawler.engine
        for url, depth, referer, kind in held:
            req = self._request_or_reuse(url, depth=depth, referer=referer, kind=kind)
            if req is not None and engine is not None:
                engine.crawl(req)
        return bool(held)

    async def start(self) -> AsyncIterator[Any]:
        for req in self._initial_requests():
            yield req

    def _initial_requests(self) -> Iterator[Request]:
        state = self.ctx.state
        self.done = state.done_urls(self.ctx.run_id)
        if self.done:
            self.stats_.resumed_done = len(self.done)
            logger.info("resuming run %d: %d pages already done", self.ctx.run_id, len(self.done))
        for url in sorted(self.done):
            self._claim(url)
            self.traps.check(url)  # the trap counts go on from where the killed scan left them
            self.scheduled += 1
        # Re-seed the frontier: what done pages requested first may not be done. A page copied
        # from an earlier scan follows that scan's links (as a 304 does); a page stored without
        # its requests (by an older formlint) is fetched again for its links only (not linted,
        # not recorded), so no page is duplicated under a second URL.
        points = resume_points(state, self.ctx.run_id)
        if points is None:
            points = [ResumePoint(url, 0, None, reused=False) for url in sorted(self.done)]
        for point in points:
            if point.reused:
                yield from self._stored_link_requests(point.url, point.depth)
            elif point.spawned is None:
                yield self._links_only_request(point.url)
            else:
                for link in point.spawned:
                    req = self.page_request(
                        link, depth=point.depth + 1, referer=point.url, canonical=True
                    )
                    if req is not None:
                        yield req
        for url in self.cfg.start_urls:
            if self.done and canonicalize(url) in self.done:
                # Done, but fetched again for its links: besides them, that fetches the host's
                # robots.txt, whose sitemaps claimed pages no done page requested first.
                yield self._links_only_request(canonicalize(url))
                continue
            req = self.page_request(url, depth=0)
            if req is not None:
                yield req
        for sm in self.cfg.sitemaps:
            req = self.sitemap_request(sm)
            if req is not None:
                yield req

    def _cookies(self) -> list[VerboseCookie]:
        """The config's cookies for a request, each for the whole host (``path=/``): left to
        default, a cookie's path is the request's directory, so a page under ``/a/`` held a
        second copy beside the first and sent ``session=...; session=...``."""
        return [{"name": k, "value": v, "path": "/"} for k, v in self._secret_cookies.items()]

    def _links_only_request(self, url: str) -> Request:
        return Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            headers=dict(self._secret_headers),
            cookies=self._cookies(),
            dont_filter=True,
            meta={"fl_url": url, "fl_depth": 0, "fl_kind": "links-only", "fl_links_only": True},
        )

    def _robots_parsed(self, robotparser: Any, request: Request) -> None:
        host = (urlsplit(request.url).hostname or "").lower()
        delay = robotparser.crawl_delay(self.cfg.user_agent)
        if delay:
            self.host_delay[host] = max(float(delay), self.cfg.delay)
            logger.info("robots.txt of %s: Crawl-delay %.2fs honoured", host, float(delay))
        if not self.cfg.robots_sitemaps:
            return
        inner = getattr(robotparser, "rp", None)
        sitemaps = list(getattr(inner, "sitemaps", None) or []) if inner is not None else []
        engine = self.crawler.engine
        for sm in sitemaps:
            req = self.sitemap_request(sm)
            if req is not None and engine is not None:
                engine.crawl(req)

    # -- requests ---------------------------------------------------------------------------------
    def _claim(self, url: str) -> None:
        """Take ``url``: it is fetched (or reused, or refused) once in this scan."""
        self.claimed.add(url)
        if self._previous_open:
            self._previous_open.discard(url)

    def _previous_all_claimed(self) -> bool:
        """Is every in-scope URL of the previous scans claimed already?

        Then following an unchanged page's stored links cannot request anything: they map back
        only to URLs fetched in a previous scan (``stored_link_groups``). With a sitemap, or once
        a re-scan has met the whole site, that is most 304s."""
        if self._previous_open is None:
            urls = previous_urls(self.ctx.state)  # cheap when it cannot say: a class lookup
            if urls is None:
                return False
            claimed = self.claimed
            self._previous_open = {
                canon
                for canon, in_scope in map(self._resolve, urls)
                if in_scope and canon not in claimed
            }
        return not self._previous_open

    def check_trap(self, url: str) -> str | None:
        reason = self.traps.check(url)
        return f"URL trap: {reason}" if reason else None

    def problem(self, url: str, reason: str) -> None:
        """One clear log line per problem URL; the scan goes on."""
        logger.warning("PROBLEM %s: %s", url, reason)
        self.stats_.problems.append((url, reason))
        self.ctx.progress.update(errors=len(self.stats_.problems))

    def page_request(
        self,
        raw_url: str,
        *,
        depth: int,
        referer: str | None = None,
        kind: str = "page",
        canonical: bool = False,
    ) -> Request | None:
        """A Request for a page or document, or None (already seen, out of scope, trap, caps)."""
        url = raw_url if canonical else canonicalize(raw_url)
        if url in self.claimed:
            return None
        if depth > self.cfg.max_depth:  # not claimed: a shorter path may still reach it
            self.stats_.skipped_max_depth += 1
            return None
        self._claim(url)
        out = self.scope.reason_out(url)
        if out is not None:
            if depth == 0:  # a start URL the scan may not fetch: never silently
                self.problem(url, f"start URL out of scope ({out})")
            return None
        trap = self.check_trap(url)
        if trap:
            self.problem(url, trap)
            return None
        if self.scheduled >= self.max_pages:
            self.stats_.skipped_max_pages += 1
            return None
        self.scheduled += 1
        if self._holding:
            self._held.append((url, depth, referer, kind))
            return None
        return self._request_or_reuse(url, depth=depth, referer=referer, kind=kind)

    def _request_or_reuse(
        self, url: str, *, depth: int, referer: str | None, kind: str
    ) -> Request | None:
        """A request for a claimed URL, or None when the sitemap says it is unchanged (reused
        at once, its stored links followed)."""
        if self._unchanged_by_sitemap(url):
            seen = self._sitemap_unchanged_seen
            self._sitemap_unchanged_seen += 1
            if self._verify_every and seen % self._verify_every == 0:
                self.stats_.sitemap_verified += 1
                return self._page_request(
                    url, depth=depth, referer=referer, kind=kind, sitemap_check=True
                )
            self._unchanged.append((url, depth))
            self._drain_unchanged()
            return None
        return self._page_request(url, depth=depth, referer=referer, kind=kind)

    def _page_request(
        self, url: str, *, depth: int, referer: str | None, kind: str, sitemap_check: bool = False
    ) -> Request:
        headers: dict[str, str] = dict(self._secret_headers)
        prev = self.ctx.state.previous_validators(url)
        if prev is not None:
            etag, last_modified, _sha = prev
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            if etag or last_modified:
                self.stats_.conditional_requests += 1
        self.ctx.progress.update(queued=max(0, self.scheduled - self.stats_.pages - len(self.done)))
        return Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            headers=headers,
            cookies=self._cookies(),
            dont_filter=True,
            meta={
                "fl_url": url,
                "fl_depth": depth,
                "fl_kind": kind,
                "fl_referer": referer,
                "fl_prev": prev,
                "fl_sitemap_check": sitemap_check,
                "handle_httpstatus_list": HTTP_ERROR_CODES,
                "download_timeout": self.cfg.limits.timeout,
            },
        )

    def _unchanged_by_sitemap(self, url: str) -> bool:
        if self.cfg.sitemap_lastmod != "trust" or not self._sitemap_trusted:
            return False
        lastmod = self.sitemap_lastmod.get(url)
        fetched_after = getattr(self.ctx.state, "previous_fetched_after", None)
        if not lastmod or fetched_after is None:
            return False
        fetched = fetched_after(url)
        return bool(fetched) and unchanged_since(lastmod, fetched)

    def _drain_unchanged(self) -> None:
        """Reuse pages the sitemap says are unchanged, following their stored links; new
        requests go straight to the engine. Iterative: a chain of unchanged pages is long."""
        if self._draining:
            return
        self._draining = True
        engine = self.crawler.engine
        try:
            while self._unchanged:
                url, depth = self._unchanged.popleft()
                if not self.ctx.state.reuse_previous(self.ctx.run_id, url):
                    # nothing stored after all: fetch it like any other page
                    if engine is not None:
                        engine.crawl(
                            self._page_request(url, depth=depth, referer=None, kind="page")
                        )
                    continue
                self._reused(url)
                self.stats_.sitemap_unchanged += 1
                self._sitemap_reused.append((url, depth))
                for req in self._stored_link_requests(url, depth):
                    if engine is not None:
                        engine.crawl(req)
        finally:
            self._draining = False

    def _check_sitemap_claim(self, response: Response, url: str) -> None:
        """A page fetched to check the sitemap's word: if it changed although its ``<lastmod>``
        is older than the last scan, the sitemap is not kept up to date for this site."""
        if not response.meta.get("fl_sitemap_check") or response.status == 304:
            return
        prev = response.meta.get("fl_prev")
        if (
            response.status < 400
            and prev is not None
            and prev[2] == hashlib.sha256(response.body).hexdigest()
        ):
            return  # a server without validators sent the same bytes
        self._distrust_sitemap(url)

    def _distrust_sitemap(self, url: str) -> None:
        """Stop trusting ``<lastmod>``: every page the scan meets from now on gets a conditional
        request, and the pages already reused on the sitemap's word are fetched again."""
        if not self._sitemap_trusted:
            return
        self._sitemap_trusted = False
        self.stats_.sitemap_distrusted = url
        again, self._sitemap_reused = self._sitemap_reused, []
        logger.warning(
            "sitemap <lastmod> is not reliable: %s changed although its <lastmod> is older than "
            "the last scan; checking every page with a conditional request instead "
            "(%d pages reused on the sitemap's word are fetched again)",
            url,
            len(again),
        )
        engine = self.crawler.engine
        for page_url, depth in again:
            # counted again when its answer comes: a 304 reuses it once more (the store replaces
            # the run's copy of a page, as on resume), a change is linted and replaces it
            self.stats_.sitemap_unchanged -= 1
            self.stats_.reused -= 1
            self.stats_.pages -= 1
            if engine is not None:
                engine.crawl(self._page_request(page_url, depth=depth, referer=None, kind="page"))

    def sitemap_request(self, raw_url: str) -> Request | None:
        url = canonicalize(raw_url)
        if url in self.sitemaps_seen or not self.scope.host_allowed(url):
            return None
        self.sitemaps_seen.add(url)
        self._sitemaps_pending += 1
        return Request(
            url,
            callback=self.parse_sitemap,
            errback=self.on_sitemap_error,
            headers=dict(self._secret_headers),
            cookies=self._cookies(),
            dont_filter=True,
            meta={"fl_kind": "sitemap", "fl_url": url},
        )

    # -- redirects (called by RequestGuardMiddleware) ---------------------------------------------
    def claim_redirect(self, request: Request, target: str) -> bool:
        """Claim a redirect target; False (and the source recorded as a redirect) if already taken."""
        if request.meta.get("fl_kind") in ("sitemap", "links-only"):
            return True  # never re-record a page that is already done
        origin = request.meta["fl_url"]
        # A retried request (a timeout after the redirect) comes through here again with the
        # claim it made itself: without this it was recorded as a redirect to a page that was
        # then never fetched.
        if target == origin or target not in self.claimed or request.meta.get(_CLAIMED) == target:
            self._claim(target)
            request.meta[_CLAIMED] = target
            return True
        self._record_unlinted(request, origin, target, status=301, links=[target])
        return False

    def redirect_failed(self, request: Request, target: str, reason: str) -> None:
        origin = request.meta.get("fl_url", request.url)
        if request.meta.get("fl_kind") == "links-only":
            return  # reported and recorded when the page was first fetched
        self.problem(origin, reason)
        if request.meta.get("fl_kind") == "sitemap":
            return
        self._record_unlinted(request, origin, target, error=reason)

    # -- responses --------------------------------------------------------------------------------
    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        try:
            requests = list(self._sitemap_entries(response))
        finally:
            self._sitemaps_pending -= 1
        yield from requests
        if self._holding and self._sitemaps_pending <= 0:
            self._release_held()

    def _sitemap_entries(self, response: Response) -> Iterator[Request]:
        from lxml import etree

        body = response.body
        if body[:2] == b"\x1f\x8b":
            import gzip

            try:
                body = gzip.decompress(body)[: self.cfg.limits.max_bytes]
            except OSError:
                self.problem(response.url, "sitemap: corrupt gzip")
                return
        if response.status >= 400:
            self.problem(response.url, f"sitemap: HTTP {response.status}")
            return
        try:
            root = etree.fromstring(
                body,
                parser=etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False),
            )
        except etree.XMLSyntaxError as exc:
            self.problem(response.url, f"sitemap: invalid XML ({exc})")
            return
        tag = etree.QName(root).localname
        locs = [el.text.strip() for el in root.iter(f"{_SITEMAP_NS}loc", "loc") if el.text]
        if tag != "sitemapindex" and self.cfg.sitemap_lastmod == "trust":
            for entry in root.iter(f"{_SITEMAP_NS}url", "url"):
                loc_text = entry.findtext(f"{_SITEMAP_NS}loc") or entry.findtext("loc")
                lastmod = entry.findtext(f"{_SITEMAP_NS}lastmod") or entry.findtext("lastmod")
                if loc_text and lastmod:
                    self.sitemap_lastmod[self._resolve(loc_text.strip())[0]] = lastmod.strip()
        for loc in locs:
            if tag == "sitemapindex":
                req = self.sitemap_request(loc)
            else:
                # through the link memo: the pages' menus link the same URLs again
                req = self.page_request(
                    self._resolve(loc)[0], depth=1, referer=response.url, canonical=True
                )
            if req is not None:
                yield req

    def on_sitemap_error(self, failure: Failure) -> None:
        request = failure.request  # type: ignore[attr-defined]
        self._sitemaps_pending -= 1
        reason = self._failure_reason(failure)
        if reason is not None:
            self.problem(request.url, f"sitemap: {reason}")
        if self._holding and self._sitemaps_pending <= 0:
            self._release_held()

    def parse_page(self, response: Response) -> Iterator[Request]:
        """Lint one page or document, record it, and follow its links.

        Whatever goes wrong in here ends as a problem URL with its reason, never as a traceback
        and a page that vanishes from the inventory (only a store failure stops the scan)."""
        try:
            yield from self._parse_page(response)
        except CloseSpider:
            raise
        except Exception as exc:
            url = response.meta.get("fl_url", response.url)
            logger.debug("reading %s failed", url, exc_info=True)
            reason = f"could not be read: {type(exc).__name__}: {_first_line(exc)}"[:300]
            self.problem(url, reason)
            if url not in self._recorded and response.request is not None:
                final = canonicalize(response.url)
                self._record_unlinted(
                    response.request, url, final, status=response.status, error=reason
                )

    def _parse_page(self, response: Response) -> Iterator[Request]:
        meta = response.meta
        url: str = meta["fl_url"]
        depth: int = meta["fl_depth"]
        rendered_reason: str | None = meta.get("fl_render_reason")
        status = response.status
        self._check_sitemap_claim(response, url)
        if status == 304:
            yield from self._not_modified(response, url, depth)
            return
        if meta.get("fl_links_only"):
            if status < 300 and isinstance(response, TextResponse):
                tree = parse_html(response.body, _response_encoding(response))
                yield from self._follow(tree, response.url, url, depth, [], [])
            return
        if status >= 400:
            reason = f"HTTP {status}"
            if canonicalize(response.url) != url:
                reason += f" (after redirect to {response.url})"
            wait = meta.get(RETRY_AFTER_REFUSED)
            if wait is not None:
                reason += (
                    f"; Retry-After {wait:.0f} s is longer than limits.max_retry_after "
                    f"({self.cfg.limits.max_retry_after:.0f} s): not retried"
                )
            self.problem(url, reason)
            self._record(self._page(response, url, depth, error=f"HTTP {status}"))
            return
        if not response.body.strip():
            # nothing to parse or lint: a problem URL, kept in the inventory
            reason = f"empty response (HTTP {status}, {len(response.body)} bytes)"
            self.problem(url, reason)
            self._record(self._page(response, url, depth, error=reason))
            return
        if rendered_reason is not None:
            away = navigated_away(response, {url, meta.get("fl_static_url") or url})
            if away is not None:
                static: FetchedDocument = meta["fl_static_doc"]
                self._lint_static_instead(
                    static, meta, f"render refused: the page {away}; linted the static HTML instead"
                )
                return
        doc = self._document(response, url)
        fmt = sniff(doc)
        links: list[str] = []
        external: list[str] = []
        follow: list[Request] = []
        tree = None
        if fmt == "html":
            tree = parse_html(doc.body, doc.charset or _response_encoding(response))
            follow = list(self._follow(tree, response.url, url, depth, links, external))
        if rendered_reason is None:
            # Same bytes as last time (a server without validators): reuse, render nothing.
            prev = meta.get("fl_prev")
            if (
                prev is not None
                and prev[2] == doc.sha256
                and self.ctx.state.reuse_previous(self.ctx.run_id, url)
            ):
                self._reused(url)
                yield from follow
                return
            why = self._render_reason(url, tree) if tree is not None else None
            if why is not None:
                if self.ctx.render_enabled and not self._browser_failed():
                    yield self._render_request(
                        response, url, depth, why, doc.sha256, links, external, _urls(follow)
                    )
                    yield from follow
                    return
                self.stats_.not_rendered.append((url, why))
        static_sha = meta.get("fl_static_sha256") or doc.sha256
        result = self._lint(doc)
        page = self._page(
            response, url, depth, links=links, external=external, result=result, sha256=static_sha
        )
        page.rendered = rendered_reason is not None
        page.render_reason = rendered_reason
        page.error = _lint_error(result)
        page.spawned = [*meta.get("fl_spawned", ()), *_urls(follow)]
        self._record(page)
        yield from follow

    def _follow(
        self, tree: Any, base_url: str, url: str, depth: int, links: list[str], external: list[str]
    ) -> Iterator[Request]:
        """Requests for a page's new in-scope links; fills ``links`` (all in-scope page links,
        for the store and for resuming) and ``external`` (embedded external forms)."""
        for raw, kind in extract_links(tree, base_url).all():
            canon, in_scope = self._resolve(raw)
            if in_scope and kind in ("a", "iframe"):
                links.append(canon)
                if canon not in self.claimed:
                    req = self.page_request(canon, depth=depth + 1, referer=url, canonical=True)
                    if req is not None:
                        yield req
            elif (
                not in_scope
                and not self.scope.host_allowed(canon)
                and is_platform_host(canon, self.cfg.form_platforms)
                and canon not in external
            ):
                external.append(canon)
                self.stats_.external_forms.append((url, canon))
                logger.info(
                    "embedded external form on %s: %s (%s; listed, not fetched)", url, canon, kind
                )

    def _stored_link_requests(self, url: str, depth: int) -> Iterator[Request]:
        """Requests for the new in-scope links a reused (unchanged) page had when last fetched.

        A menu repeats the same links on every page, so nearly all are settled already (every
        URL fetched for the target is claimed, or out of scope, and so stays): they are left
        out by a set difference before any link is looked at (see ``stored_link_groups``)."""
        if self._previous_all_claimed():
            return
        resolved = self._resolved
        claimed = self.claimed
        settled = self._settled_targets
        for target, links in stored_link_groups(self.ctx.state, url, settled) or ():
            done = True
            for link in links:
                canon, in_scope = resolved.get(link) or self._resolve(link)
                if in_scope and canon not in claimed:
                    req = self.page_request(canon, depth=depth + 1, referer=url, canonical=True)
                    if req is not None:
                        yield req
                    # not claimed when past max_depth: a shorter path may still reach it
                    done = done and canon in claimed
            if done:
                settled.add(target)

    def _resolve(self, url: str) -> tuple[str, bool]:
        """Canonical form and scope of a link, memoised: menus repeat the same links on every page."""
        hit = self._resolved.get(url)
        if hit is None:
            try:
                canon = canonicalize(url)
            except ValueError:  # a sitemap <loc> with a port past 65535: nothing to fetch
                return url, False
            hit = (canon, self.scope.reason_out(canon) is None)
            if len(self._resolved) < 500_000:
                self._resolved[url] = hit
        return hit

    def _render_reason(self, url: str, tree: Any) -> str | None:
        if self.cfg.render == "never":
            return None
        if self.cfg.render == "always":
            return "config: render always"
        for pat in self._render_patterns:
            if pat.search(url):
                return f"config: render_urls {pat.pattern}"
        return render_reason(tree, extra_platforms=self.cfg.form_platforms)

    def _browser_failed(self) -> bool:
        """Did the one attempt to start the browser fail? Then later pages are not sent to it."""
        return bool(self.crawler.stats.get_value(BROWSER_START_ERROR_STAT))

    def _render_request(
        self,
        response: Response,
        url: str,
        depth: int,
        why: str,
        sha: str,
        links: list[str],
        external: list[str],
        spawned: list[str],
    ) -> Request:
        meta = {
            "fl_links": links,
            "fl_external": external,
            "fl_spawned": spawned,  # the static page's new links, requested beside this
            **playwright_meta(url, self.cfg.limits.render_timeout),
            "fl_url": url,
            "fl_depth": depth,
            "fl_kind": "render",
            "fl_render_reason": why,
            "fl_static_sha256": sha,
            "fl_static_url": canonicalize(response.url),  # where redirects had led
            "fl_static_doc": self._document(response, url),  # linted if rendering fails
            "fl_static_headers": {k: _header(response, k) for k in (b"ETag", b"Last-Modified")},
            "handle_httpstatus_list": HTTP_ERROR_CODES,
            # the whole render's deadline (OnDemandPlaywrightHandler): loading, the wait for the
            # network to settle and the checks after it each get render_timeout at most
            "download_timeout": 3 * self.cfg.limits.render_timeout + 5,
        }
        if self.cfg.axe:
            meta = with_axe(meta)
        return Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            headers=dict(self._secret_headers),
            cookies=self._cookies(),
            dont_filter=True,
            meta=meta,
        )

    def _not_modified(self, response: Response, url: str, depth: int) -> Iterator[Request]:
        self.stats_.not_modified += 1
        if self.ctx.state.reuse_previous(self.ctx.run_id, url):
            self._reused(url)
            yield from self._stored_link_requests(url, depth)
            return
        # Nothing stored to reuse: fetch again without validators.
        req = response.request
        assert req is not None
        headers = {
            k.decode(): v[0].decode("latin-1")
            for k, v in req.headers.items()
            if k.lower() not in (b"if-none-match", b"if-modified-since")
        }
        yield req.replace(headers=headers, dont_filter=True)

    def _reused(self, url: str) -> None:
        self.stats_.reused += 1
        self.stats_.pages += 1
        self.ctx.progress.update(done=self.stats_.pages)

    def _document(self, response: Response, url: str) -> FetchedDocument:
        ctype = _header(response, b"Content-Type") or ""
        media_type, _, params = ctype.partition(";")
        charset = None
        for p in params.split(";"):
            k, _, v = p.strip().partition("=")
            if k.lower() == "charset" and v:
                charset = v.strip("\"' ").lower()
        headers = {
            k.decode("latin-1"): b", ".join(v).decode("latin-1")
            for k, v in response.headers.items()
            if k.decode("latin-1").lower() not in _DROP_HEADERS
        }
        return FetchedDocument(
            url=url,
            body=response.body,
            final_url=response.url,
            status=response.status,
            headers=headers,
            media_type=media_type.strip().lower() or None,
            charset=charset,
            audits=axe_audits(response.meta, url),
        )

    def _lint(self, doc: FetchedDocument) -> DocumentResult | None:
        try:
            result = self.ctx.lint(doc)
        except Exception as exc:  # one bad document must not stop the scan
            self.problem(doc.url, f"lint failed: {type(exc).__name__}: {exc}")
            return None
        self.stats_.linted += 1
        self.stats_.forms += len(result.forms)
        self.stats_.findings += sum(1 for f in result.findings if not f.suppressed)
        if result.errors:  # empty, binary, corrupt, too large, or a part of it unreadable
            self.problem(doc.url, _without_source(result.errors[0], result.source))
        return result

    def _page(
        self,
        response: Response,
        url: str,
        depth: int,
        *,
        links: list[str] | None = None,
        external: list[str] | None = None,
        result: DocumentResult | None = None,
        sha256: str | None = None,
        error: str | None = None,
    ) -> CrawledPage:
        static = response.meta.get("fl_static_headers") or {}
        etag = static.get(b"ETag") or _header(response, b"ETag")
        last_mod = static.get(b"Last-Modified") or _header(response, b"Last-Modified")
        return CrawledPage(
            url=url,
            final_url=canonicalize(response.url),
            status=response.status,
            etag=etag or None,
            last_modified=last_mod or None,
            sha256=sha256,
            depth=depth,
            links=links or [],
            rendered=False,
            render_reason=None,
            result=result,
            external_forms=external or [],
            error=error,
        )

    def _record(self, page: CrawledPage) -> None:
        try:
            self.ctx.state.record_page(self.ctx.run_id, page)
        except Exception as exc:  # without the store nothing is kept: stop instead of crawling on
            self.ctx.fatal = f"store failure on {page.url}: {type(exc).__name__}: {exc}"
            logger.error("%s", self.ctx.fatal)
            raise CloseSpider("store failure") from exc
        self._recorded.add(page.url)
        self.stats_.pages += 1
        if page.rendered and page.render_reason:
            self.stats_.rendered.append((page.url, page.render_reason))
        self.ctx.progress.update(
            done=self.stats_.pages,
            queued=max(0, self.scheduled - self.stats_.pages - len(self.done)),
            forms=self.stats_.forms,
            findings=self.stats_.findings,
            rendered=len(self.stats_.rendered),
        )

    # -- errors -----------------------------------------------------------------------------------
    def on_error(self, failure: Failure) -> None:
        request: Request = failure.request  # type: ignore[attr-defined]
        if request.meta.get("fl_links_only"):
            return  # the page itself is already recorded
        url = request.meta.get("fl_url", request.url)
        reason = self._failure_reason(failure)
        if reason is None:
            return  # reported already, or deliberately not fetched (robots.txt)
        static: FetchedDocument | None = request.meta.get("fl_static_doc")
        if request.meta.get("fl_kind") == "render" and static is not None:
            self._lint_static_instead(
                static, request.meta, f"render failed ({reason}); linted the static HTML instead"
            )
            return
        self.problem(url, reason)
        self._record_unlinted(request, url, url, error=reason)

    def _failure_reason(self, failure: Failure) -> str | None:
        """Why a request failed, in one line; None when there is nothing more to say: the guard
        refused it and said why, or robots.txt disallows it (counted, not a problem)."""
        if _check(failure, Refused):
            return None
        request: Request = failure.request  # type: ignore[attr-defined]
        if isinstance(failure.value, HttpError):
            response = failure.value.response
            return f"HTTP {response.status}" + (
                " without a Location to follow" if 300 <= response.status < 400 else ""
            )
        if _check(failure, IgnoreRequest) and "robots.txt" in str(failure.value):
            logger.info("skipped %s: disallowed by robots.txt", request.url)
            self.stats_.robots_disallowed.append(request.meta.get("fl_url", request.url))
            return None
        return describe_failure(failure, self.cfg.limits.max_bytes)

    def _lint_static_instead(self, static: FetchedDocument, meta: Any, reason: str) -> None:
        """A render that failed or was refused: the static HTML is linted and recorded instead."""
        url: str = meta["fl_url"]
        self.problem(url, reason)
        result = self._lint(static)
        self._record(
            CrawledPage(
                url=url,
                final_url=canonicalize(static.final_url or url),
                status=static.status or 200,
                etag=static.headers.get("ETag") or static.headers.get("Etag"),
                last_modified=static.headers.get("Last-Modified"),
                sha256=static.sha256,
                depth=meta.get("fl_depth", 0),
                links=list(meta.get("fl_links") or []),
                rendered=False,
                render_reason=None,
                result=result,
                external_forms=list(meta.get("fl_external") or []),
                error=_lint_error(result),
                spawned=list(meta.get("fl_spawned") or []),
            )
        )

    def _record_unlinted(
        self,
        request: Request,
        url: str,
        final_url: str,
        *,
        status: int = 0,
        links: list[str] | None = None,
        error: str | None = None,
    ) -> None:
        """Record a URL that produced no lintable document (a redirect, a failure), so a resumed
        scan knows it is done."""
        self._record(
            CrawledPage(
                url=url,
                final_url=final_url,
                status=status,
                etag=None,
                last_modified=None,
                sha256=None,
                depth=request.meta.get("fl_depth", 0),
                links=links or [],
                rendered=False,
                render_reason=None,
                result=None,
                error=error,
            )
        )


def _check(failure: Failure, *types: type[BaseException]) -> bool:
    """``Failure.check`` (untyped in Twisted) as a typed predicate."""
    return failure.check(*types) is not None  # type: ignore[no-untyped-call]


def _urls(requests: list[Request]) -> list[str]:
    """The canonical URLs ``requests`` fetch (a page's new links, as the store keeps them)."""
    return [r.meta["fl_url"] for r in requests]


def _lint_error(result: DocumentResult | None) -> str | None:
    """The error a page is recorded with: none when it was read, else the first reason."""
    if result is None:
        return "lint failed"
    if not result.failed:
        return None
    return _without_source(result.errors[0], result.source)


def _without_source(error: str, source: str) -> str:
    """A document error without the ``source: `` it starts with (the problem line names it)."""
    prefix = f"{source}: "
    return error[len(prefix) :] if error.startswith(prefix) else error


def _first_line(exc: BaseException | None) -> str:
    text = str(exc or "").strip()
    return text.splitlines()[0] if text else ""


def _header(response: Response, name: bytes) -> str | None:
    v = response.headers.get(name)
    return v.decode("latin-1") if v else None


def _response_encoding(response: Response) -> str | None:
    if isinstance(response, TextResponse):
        try:
            return str(response.encoding)
        except Exception:  # encoding detection on broken bytes: let lxml guess
            return None
    return None


def describe_failure(failure: Failure, max_bytes: int | None = None) -> str:
    """A short human reason for a failed download (``max_bytes``: the size limit in force)."""
    text = _first_line(failure.value)
    if _check(failure, DownloadCancelledError):
        if "max size" in text:
            return f"too large ({_size_from(text)}); download cancelled"
        if max_bytes:  # Scrapy cancels a body that outgrows the limit without a message
            return f"too large (more than {max_bytes / 2**20:.1f} MiB); download cancelled"
        return "download cancelled"
    if _check(failure, IgnoreRequest) and "during decompression" in text:
        return _bomb(text)
    if _check(failure, zlib.error, gzip.BadGzipFile, EOFError):
        return f"body could not be decompressed ({text or type(failure.value).__name__})"
    if _check(failure, DownloadTimeoutError, TimeoutError, TCPTimedOutError):
        return "timeout"
    if _check(failure, ConnectionRefusedError, DownloadConnectionRefusedError):
        return "connection refused"
    if _check(failure, DNSLookupError, CannotResolveHostError):
        return "DNS lookup failed"
    if _check(failure, ConnectionLost, ConnectionDone, ResponseDataLossError, DownloadFailedError):
        return "connection reset by server"
    if _check(failure, BrowserStartError):
        return str(failure.value)
    name = type(failure.value).__name__
    if "ResponseNeverReceived" in name or "ResponseFailed" in name or "DataLoss" in name:
        return "connection reset by server"
    if "max size" in text:
        return f"too large ({_size_from(text)})"
    return f"{name}: {text}"[:200]


def _bomb(text: str) -> str:
    """Scrapy's message for a body that decompresses past the size limit, in one short line."""
    m = re.search(r"\((\d+) B compressed, (\d+) B decompressed so far\).*?\((\d+) B\)", text)
    if not m:
        return "too large once decompressed; not read"
    packed, unpacked, limit = (int(g) for g in m.groups())
    return (
        f"too large once decompressed (more than {unpacked / 2**20:.1f} MiB from "
        f"{packed / 2**10:.0f} KiB; limit {limit / 2**20:.1f} MiB): a compression bomb?; not read"
    )


def _size_from(text: str) -> str:
    m = re.search(r"(\d+) bytes which is larger than download max size \((\d+)\)", text)
    if not m:
        return "over the size limit"
    return f"{int(m.group(1)) / 2**20:.1f} MiB > limit {int(m.group(2)) / 2**20:.1f} MiB"
