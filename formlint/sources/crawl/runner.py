"""Run one scan: pick the browser, build settings, start Scrapy, record the run in the store.

Twisted's reactor cannot be restarted, so :func:`run_scan` runs once per process: the CLI calls it
once, tests call the CLI (or a small child script) as a subprocess.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from formlint.sources.crawl.progress import Progress
from formlint.sources.crawl.render import (
    BROWSER_START_ERROR_STAT,
    BROWSER_STARTED_STAT,
    ChromiumLookup,
    find_chromium,
    set_browser_scope,
)
from formlint.sources.crawl.scope import Scope
from formlint.sources.crawl.settings import build_settings
from formlint.sources.crawl.spider import CrawlContext, FormSpider, Linter, ScanStats
from formlint.util.gcpause import gc_frozen

if TYPE_CHECKING:
    from formlint.config.crawl import CrawlConfig
    from formlint.store.crawlstate import CrawlStateStore

logger = logging.getLogger("formlint.crawl")

QUIET_LOGGERS = (
    "scrapy",
    "scrapy_playwright",
    "twisted",
    "asyncio",
    "playwright",
    "protego",
    "alembic",
    "filelock",
)


@dataclass
class ScanOutcome:
    """What a finished (or stopped) crawl leaves for the CLI: run id, stats and why it ended."""

    run_id: int
    stats: ScanStats
    close_reason: str
    chromium: ChromiumLookup
    fatal: str | None = None

    @property
    def finished(self) -> bool:
        return self.close_reason == "finished" and self.fatal is None


def engine_linter(
    cfg: CrawlConfig,
) -> Linter:  # built after config checks: the engine is slow to load
    """Lint with the rule engine configured from the crawl config's profile and exceptions."""
    from formlint.config.models import Config
    from formlint.engine.runner import Engine
    from formlint.pipeline import Linter

    config = Config(
        profile=cfg.profile,
        language=cfg.language,
        report_language=cfg.report_language,
        fail_on=cfg.fail_on,
        exceptions=list(cfg.exceptions),
    )
    engine = Engine.from_config(config, profile=cfg.profile, language=cfg.language)
    # The spider extracts links from its own lxml tree; the parser need not do it again (and
    # pages with no form and no rule word then skip the tree entirely).
    return Linter(engine, collect_links=False).document


class _QuietFilter(logging.Filter):
    """Our spider logs one line per problem URL; Scrapy's own lines would repeat them.

    A handler filter, because Scrapy's ``configure_logging`` resets its loggers to DEBUG."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "scrapy.downloadermiddlewares.robotstxt":
            return False  # a failed robots.txt fetch: the page's own PROBLEM line says it
        return record.levelno >= logging.ERROR or not record.name.startswith(QUIET_LOGGERS)


def quiet_third_party_logs() -> None:
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _QuietFilter) for f in handler.filters):
            handler.addFilter(_QuietFilter())


def skip_quiet_records() -> None:
    """Don't make the records :class:`_QuietFilter` would drop: the quiet loggers' below ERROR.

    Scrapy's ``configure_logging`` (run by ``CrawlerProcess``) sets its loggers to DEBUG, so every
    response made a "Crawled (304) <GET ...>" record (~10 us) only for the filter to drop it."""
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


def offline_public_suffixes() -> None:
    """Scrapy's cookie middleware asks tldextract, which downloads the public-suffix list on first
    use. A scan never fetches anything outside its scope, so use tldextract's bundled snapshot."""
    import scrapy.downloadermiddlewares.cookies as cookies_mw
    from tldextract import TLDExtract

    cookies_mw._split_domain = TLDExtract(
        suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True
    )


def run_scan(
    cfg: CrawlConfig,
    *,
    state: CrawlStateStore,
    make_linter: Callable[[], Linter],
    chromium: str | None = None,
    max_pages: int | None = None,
    resume: bool = True,
    progress: Progress | None = None,
) -> ScanOutcome:
    """Crawl the site of ``cfg`` once, recording every page in ``state``; blocks until done."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    if cfg.render == "never":
        browser = ChromiumLookup(None, "render: never in the crawl config")
    else:
        browser = find_chromium(chromium or cfg.chromium)
    run_id = state.begin_scan(cfg.site, cfg.config_hash(), resume=resume)
    linter = make_linter()  # before any request: a broken rule pack is a config error (exit 2)
    prog = progress or Progress(lang=cfg.report_language)
    ctx = CrawlContext(
        cfg=cfg,
        state=state,
        run_id=run_id,
        lint=linter,
        chromium=browser,
        progress=prog,
        max_pages=max_pages,
    )
    if cfg.render != "never" and not browser.available:
        ctx.stats.render_disabled_reason = f"Disabled: {browser.reason}"
        logger.warning("rendering %s", ctx.stats.render_disabled_reason)
    set_browser_scope(Scope([*cfg.allowed_domains, *cfg.render_allow_hosts]))
    settings = build_settings(cfg, chromium=browser.path if ctx.render_enabled else None)
    quiet_third_party_logs()
    offline_public_suffixes()
    process = CrawlerProcess(settings)
    skip_quiet_records()  # after CrawlerProcess: it resets Scrapy's loggers to DEBUG
    crawler = process.create_crawler(FormSpider)
    close_reason: dict[str, str] = {"value": "not started"}

    def closed(spider: Any, reason: str) -> None:
        close_reason["value"] = reason

    crawler.signals.connect(closed, signal=signals.spider_closed)
    prog.start()
    try:
        process.crawl(crawler, ctx=ctx)
        with gc_frozen():
            process.start()
    finally:
        prog.stop()
    ctx.stats.browser_started = bool(crawler.stats.get_value(BROWSER_STARTED_STAT))
    start_error = crawler.stats.get_value(BROWSER_START_ERROR_STAT)
    if start_error:
        ctx.stats.render_disabled_reason = start_error
    outcome = ScanOutcome(
        run_id=run_id,
        stats=ctx.stats,
        close_reason=close_reason["value"],
        chromium=browser,
        fatal=ctx.fatal,
    )
    if outcome.finished:
        stats = ctx.stats.to_dict()
        stats["owners"] = [o.model_dump() for o in cfg.owners]
        state.finish_scan(run_id, stats)
    return outcome
