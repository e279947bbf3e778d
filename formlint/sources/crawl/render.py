"""Selective rendering: decide from static HTML whether a page needs a browser, and find one.

Most municipal pages are server-rendered, so a browser for every page would cost 10-50× for
nothing. A page is rendered only when its static HTML shows a client-side form: an SPA root
without a form, a ``<form>`` without controls, or a known form-platform loader script.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml import html as lxml_html

from formlint.sources.crawl.scope import canonicalize

# Scrapy stat set when Playwright is started (for the first page that needs a browser).
BROWSER_STARTED_STAT = "formlint/browser_started"
# Set (to a one-line reason) when the one attempt to start the browser failed.
BROWSER_START_ERROR_STAT = "formlint/browser_start_error"


class BrowserStartError(RuntimeError):
    """The browser could not be started for this scan; the message says why, in one line."""


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Hosts of form platforms (DOMAIN.md §3): embedded by iframe or script on municipal pages.
FORM_PLATFORM_HOSTS = (
    "altinn.no",
    "altinn.cloud",
    "nav.no",
    "helsenorge.no",
    "acos.no",
    "acossky.no",
    "visma.no",
    "visma.com",
    "vismaflyt.no",
    "jotform.com",
    "jotform.eu",
    "formio.io",
    "form.io",
    "typeform.com",
    "forms.office.com",
    "nettskjema.no",
    "questback.com",
)
_LOADER_SRC = re.compile(
    r"(?:formio|jsform|altinn|jotform|acos|skjema|form-?loader|formbuilder)", re.IGNORECASE
)
_INLINE_LOADER = re.compile(
    r"Formio\.createForm|JotformFeedback|window\.altinn|createForm\s*\(", re.IGNORECASE
)
SPA_ROOT_IDS = frozenset(
    {
        "root",
        "app",
        "__next",
        "__nuxt",
        "___gatsby",
        "svelte",
        "main-app",
        "skjema-app",
        "form-root",
    }
)
_SPA_ATTRS = ("data-reactroot", "ng-app", "ng-version", "data-v-app", "data-server-rendered")
CONTROL_TAGS = ("input", "select", "textarea")


def is_platform_host(url: str, extra: Iterable[str] = ()) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith("." + h) for h in (*FORM_PLATFORM_HOSTS, *extra))


def render_reason(
    tree: Any, *, extra_platforms: Iterable[str] = (), metadata: dict[str, Any] | None = None
) -> str | None:
    """Why this static page needs a browser, or None. ``tree`` is an lxml HTML root."""
    extra = tuple(extra_platforms)
    forms = tree.xpath("//form")
    controls = tree.xpath("//input[not(@type='hidden')]|//select|//textarea")
    for form in forms:
        if not form.xpath(".//input[not(@type='hidden')]|.//select|.//textarea"):
            return "form-without-controls"
    for script in tree.xpath("//script"):
        src = script.get("src")
        if src:
            if is_platform_host(src, extra) or (_LOADER_SRC.search(src) and not controls):
                return f"form-platform-loader:{(urlsplit(src).hostname or src)[:60]}"
        elif not controls and script.text and _INLINE_LOADER.search(script.text):
            return "inline-form-loader"
    if not forms and not controls:
        if metadata and metadata.get("spa_root"):
            return "spa-root-without-form"
        for el in tree.xpath("//body//*[@id]"):
            if el.get("id") in SPA_ROOT_IDS and _empty(el):
                return "spa-root-without-form"
        for attr in _SPA_ATTRS:
            for el in tree.xpath(f"//*[@{attr}]"):
                if el.tag not in ("html", "body") and _empty(el):
                    return "spa-root-without-form"
    return None


def _empty(el: Any) -> bool:
    """An SPA mount point: no element children but noscript/template, no text."""
    kids = [c for c in el if isinstance(c.tag, str) and c.tag not in ("noscript", "template")]
    return not kids and not (el.text or "").strip()


def parse_html(body: bytes, encoding: str | None) -> Any:
    """An lxml tree for link extraction and render decisions; never raises on bad markup (an
    empty page, or one of only comments, is an empty document)."""
    try:  # an encoding lxml does not know fails when the parser is made
        parser = lxml_html.HTMLParser(encoding=encoding or None, remove_comments=True)
        return lxml_html.document_fromstring(body, parser=parser)
    except (ValueError, LookupError):
        try:
            return lxml_html.document_fromstring(body.decode("utf-8", "replace"))
        except etree.ParserError:
            return lxml_html.document_fromstring("<html></html>")
    except etree.ParserError:
        return lxml_html.document_fromstring("<html></html>")


@dataclass(frozen=True)
class ChromiumLookup:
    """The browser to render with, or why there is none (said once, plainly, in the summary)."""

    path: str | None
    reason: str | None = None

    @property
    def available(self) -> bool:
        return self.path is not None


def find_chromium(override: str | None = None) -> ChromiumLookup:
    """System Chromium: ``override`` (``--chromium``/config), else ``$FORMLINT_CHROMIUM``, else
    ``chromium``/``chromium-browser`` on PATH or ``/usr/bin/chromium``. Never downloads one."""
    wanted = override or os.environ.get("FORMLINT_CHROMIUM")
    if wanted:
        found = shutil.which(wanted) or (
            wanted if Path(wanted).is_file() and os.access(wanted, os.X_OK) else None
        )
        if found:
            return ChromiumLookup(found)
        return ChromiumLookup(None, f"no Chromium found at {wanted}")
    for cand in (shutil.which("chromium"), "/usr/bin/chromium", shutil.which("chromium-browser")):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return ChromiumLookup(cand)
    return ChromiumLookup(
        None,
        "no Chromium found at chromium, /usr/bin/chromium or chromium-browser on PATH (set FORMLINT_CHROMIUM or --chromium)",
    )


# --- browser request policy --------------------------------------------------------------------
# scrapy-playwright loads PLAYWRIGHT_ABORT_REQUEST by import path, so the policy is module state
# set once per crawl process by the runner.

_BLOCKED_RESOURCES = frozenset(
    {"image", "font", "media", "imageset", "texttrack", "object", "beacon", "csp_report"}
)
_browser_scope: Any = None


def set_browser_scope(scope: Any) -> None:
    """``scope`` has ``host_allowed(url) -> bool``; everything else is aborted in the browser."""
    global _browser_scope
    _browser_scope = scope


def abort_request(request: Any) -> bool:
    """Abort images, fonts, media, non-GET/HEAD requests and any host outside the scan's scope."""
    if request.resource_type in _BLOCKED_RESOURCES:
        return True
    if request.method not in ("GET", "HEAD"):
        return True
    url: str = request.url
    if url.startswith(("data:", "blob:", "about:")):
        return False
    return _browser_scope is None or not _browser_scope.host_allowed(url)


_DOCUMENT_URL_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return nav ? nav.name : document.URL;
}"""


async def document_url(page: Any) -> str:
    """The URL the page's current document was loaded from. Not ``page.url``: an SPA that
    changes its address with ``history.pushState`` is still the same document."""
    try:
        return str(await page.evaluate(_DOCUMENT_URL_JS))
    except Exception:  # the document is going away or cannot run scripts (an error page)
        return str(page.url)


def playwright_meta(url: str, timeout_s: float) -> dict[str, Any]:
    """Request meta for a rendered fetch: one browser context per host, wait for form controls,
    then read which document the page ended on (see :func:`navigated_away`)."""
    from scrapy_playwright.page import PageMethod

    host = urlsplit(url).netloc.lower()
    return {
        "playwright": True,
        "playwright_context": f"host:{host}",
        "playwright_page_goto_kwargs": {"wait_until": "load", "timeout": timeout_s * 1000},
        "playwright_page_methods": [
            PageMethod("wait_for_load_state", "networkidle", timeout=timeout_s * 1000),
            PageMethod(document_url),
        ],
    }


def navigated_away(response: Any, expected: Iterable[str]) -> str | None:
    """Why a rendered page is not the page asked for, or None when it is.

    A page's own script can submit its form or set ``location``: the browser then shows
    another document (or, for a request the browser refused, Chromium's error page), and
    linting it would report another page's findings, or none, under this URL."""
    final = str(response.url)
    methods = response.meta.get("playwright_page_methods") or []
    loaded = getattr(methods[-1], "result", None) if methods else None
    doc = loaded if isinstance(loaded, str) and loaded else final
    for candidate in (final, doc):
        if not candidate.startswith(("http://", "https://")):
            return f"navigated to an error page ({candidate[:80]})"
    if canonicalize(doc) not in {canonicalize(u) for u in expected}:
        return f"navigated to {doc[:200]}"
    return None
