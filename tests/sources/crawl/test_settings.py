"""The Scrapy components a scan runs with: the guards in, what formlint never reads out."""

from __future__ import annotations

import importlib.util
import os
import urllib.request
from pathlib import Path

import pytest
from crawlkit import fast_config
from scrapy.settings import Settings
from scrapy.utils.conf import build_component_list

from formlint.config.crawl import load_crawl_config
from formlint.sources.crawl.settings import build_settings


def _components(tmp_path: Path, chromium: str | None = None) -> tuple[Settings, dict[str, list]]:
    cfg_file = tmp_path / "c.yaml"
    cfg_file.write_text(fast_config(), encoding="utf-8")
    cfg = load_crawl_config(cfg_file, base_url="http://127.0.0.1:1")
    settings = Settings()
    settings.setdict(build_settings(cfg, chromium=chromium), priority="cmdline")
    lists = {
        k: [str(c) for c in build_component_list(settings.getwithbase(k))]
        for k in ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS")
    }
    return settings, lists


def test_guards_are_in_and_unused_parts_are_out(tmp_path: Path) -> None:
    settings, lists = _components(tmp_path)
    dl = lists["DOWNLOADER_MIDDLEWARES"]
    mw = "formlint.sources.crawl.middlewares."
    assert dl[0] == mw + "RequestGuardMiddleware"  # before anything else sees a request
    robots = dl.index(mw + "RobotsTxtForEveryRequestMiddleware")
    assert dl.index(mw + "RequestSettingsMiddleware") == robots + 1
    # ... which sets what these did, one step of the chain instead of three
    for scrapy_mw in ("downloadtimeout", "defaultheaders", "useragent"):
        assert not any(f".{scrapy_mw}." in c for c in dl)
    # The meta-refresh redirect is ours (it skips bodiless 304s), at Scrapy's own place.
    assert mw + "BodyMetaRefreshMiddleware" in dl
    assert "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware" not in dl
    assert dl.index(mw + "BodyMetaRefreshMiddleware") < dl.index(
        "scrapy.downloadermiddlewares.redirect.RedirectMiddleware"
    )
    assert "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware" not in dl
    assert "scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware" not in dl
    assert not settings.getbool("DOWNLOADER_STATS")
    assert not any("metacopy" in c for c in lists["SPIDER_MIDDLEWARES"])
    ext = lists["EXTENSIONS"]
    assert not any(name in c for c in ext for name in ("telnet", "remote_control", "corestats"))


def test_only_the_components_a_scan_runs_are_named(tmp_path: Path) -> None:
    """Scrapy imports every component its lists name, switched off or not: the lists name only
    what runs (the remote-control extension alone would import aiohttp into every scan)."""
    settings, lists = _components(tmp_path)
    for key in ("DOWNLOADER_MIDDLEWARES", "SPIDER_MIDDLEWARES", "EXTENSIONS"):
        named = {**settings.getdict(f"{key}_BASE"), **settings.getdict(key)}
        assert all(order is not None for order in named.values()), key
        assert sorted(named) == sorted(lists[key]), key
    assert lists["EXTENSIONS"] == ["scrapy.extensions.throttle.AutoThrottle"]
    assert lists["SPIDER_MIDDLEWARES"] == [
        "scrapy.spidermiddlewares.start.StartSpiderMiddleware",
        "scrapy.spidermiddlewares.httperror.HttpErrorMiddleware",
    ]
    assert [c.rsplit(".", 1)[1] for c in lists["DOWNLOADER_MIDDLEWARES"]] == [
        "RequestGuardMiddleware",
        "RobotsTxtForEveryRequestMiddleware",
        "RequestSettingsMiddleware",
        "RetryAfterMiddleware",
        "BodyMetaRefreshMiddleware",
        "HttpCompressionMiddleware",
        "RedirectMiddleware",
        "CookiesMiddleware",
    ] + (["HttpProxyMiddleware"] if urllib.request.getproxies() else [])


def test_uvloop_runs_the_reactor_unless_asked_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("FORMLINT_EVENT_LOOP", raising=False)
    settings, _ = _components(tmp_path)
    if importlib.util.find_spec("uvloop") is None:  # not on Windows
        assert settings.get("ASYNCIO_EVENT_LOOP") is None
    else:
        assert settings.get("ASYNCIO_EVENT_LOOP") == "uvloop.Loop"
    monkeypatch.setenv("FORMLINT_EVENT_LOOP", "asyncio")
    assert _components(tmp_path)[0].get("ASYNCIO_EVENT_LOOP") is None


def test_the_proxy_middleware_only_with_a_proxy_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = "scrapy.downloadermiddlewares.httpproxy.HttpProxyMiddleware"
    for name in [n for n in os.environ if n.lower().endswith("_proxy")]:  # as getproxies reads
        monkeypatch.delenv(name)
    assert proxy not in _components(tmp_path)[1]["DOWNLOADER_MIDDLEWARES"]
    monkeypatch.setenv("https_proxy", "http://proxy.example.invalid:3128")
    assert proxy in _components(tmp_path)[1]["DOWNLOADER_MIDDLEWARES"]


def test_the_browser_handler_starts_playwright_on_demand(tmp_path: Path) -> None:
    settings, _ = _components(tmp_path, chromium="/usr/bin/chromium")
    handler = "formlint.sources.crawl.browser_handler.OnDemandPlaywrightHandler"
    assert settings.getdict("DOWNLOAD_HANDLERS") == {"http": handler, "https": handler}
    settings, _ = _components(tmp_path)  # no browser: Scrapy's own HTTP handler
    assert settings.getdict("DOWNLOAD_HANDLERS") == {}
