"""Render single URLs in Chromium and check them with axe-core: ``formlint lint --render URL``.

One browser for the whole run (system Chromium, as the crawler's; never downloaded). Each URL is
opened once with GET (no other method leaves the browser; images, fonts and media are not
loaded), the page is left to settle, axe-core runs on it, and the rendered DOM is what formlint
lints, with axe's findings (:mod:`formlint.sources.axe`). A URL that is not an HTML page is
fetched as ``formlint lint URL`` fetches it. When Chromium cannot be found or started, that is
said once and every URL is linted from its static HTML.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from formlint.document import FetchedDocument
from formlint.model import Location, Problem
from formlint.sources.axe import AXE_OPTIONS, RUN_AXE, audits_from, axe_script
from formlint.sources.crawl.render import CHROMIUM_ARGS, find_chromium
from formlint.sources.urls import USER_AGENT, fetch
from formlint.util.secrets import SECRET_PARAMS, mask_url

_BLOCKED = frozenset({"image", "font", "media"})
_KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language")


def render_pages(
    urls: list[str],
    *,
    timeout: float = 30.0,
    headers: dict[str, str] | None = None,
    chromium: str | None = None,
    secret_params: Iterable[str] = SECRET_PARAMS,
    say: Callable[[str], None] = lambda _msg: None,
) -> Iterator[FetchedDocument | Problem]:
    """Each URL rendered and checked with axe-core, or a Problem naming it (secret-looking query
    values masked, as ``fetch`` masks them); ``say`` hears, once, why axe-core was not run when
    there is no browser."""
    names = tuple(secret_params)
    found = find_chromium(chromium)
    if not found.available:
        say(f"axe-core was not run: rendering disabled: {found.reason}; linted the static HTML")
        yield from (fetch(u, timeout=timeout, headers=headers, secret_params=names) for u in urls)
        return
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(
                executable_path=found.path, args=CHROMIUM_ARGS, headless=True
            )
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()
            say(
                f"axe-core was not run: Chromium did not start: {first[0] if first else exc}; "
                "linted the static HTML"
            )
            yield from (
                fetch(u, timeout=timeout, headers=headers, secret_params=names) for u in urls
            )
            return
        try:
            context = browser.new_context(
                user_agent=USER_AGENT, extra_http_headers=dict(headers or {})
            )
            context.route("**/*", _only_get_without_media)
            for url in urls:
                yield _render(context, url, timeout, headers, names)
        finally:
            browser.close()


def _only_get_without_media(route: Any) -> None:
    request = route.request
    if request.method not in ("GET", "HEAD") or request.resource_type in _BLOCKED:
        route.abort()
    else:
        route.continue_()


def _render(
    context: Any,
    url: str,
    timeout: float,
    headers: dict[str, str] | None,
    secret_params: tuple[str, ...],
) -> FetchedDocument | Problem:
    from playwright.sync_api import Error as PlaywrightError

    shown = mask_url(url, secret_params)
    loc = Location(source=shown)
    if not url.lower().startswith(("http://", "https://")):
        return Problem("only http and https URLs can be rendered", loc)
    page = context.new_page()
    try:
        response = page.goto(url, wait_until="load", timeout=timeout * 1000)
        if response is None:
            return Problem("render failed: no response", loc)
        kept = {k: v for k, v in response.headers.items() if k.lower() in _KEPT_HEADERS}
        media_type = (kept.get("content-type") or "").split(";")[0].strip().lower()
        if media_type and media_type not in ("text/html", "application/xhtml+xml"):
            return fetch(url, timeout=timeout, headers=headers, secret_params=secret_params)
        if response.status >= 400:
            return Problem(f"HTTP {response.status} {response.status_text}".strip(), loc)
        with contextlib.suppress(PlaywrightError):  # a page that keeps polling: take it as is
            page.wait_for_load_state("networkidle", timeout=timeout * 1000)
        page.evaluate(axe_script())
        audits = audits_from(page.evaluate(RUN_AXE, AXE_OPTIONS))
        return FetchedDocument(
            url=shown,
            body=page.content().encode("utf-8"),
            final_url=mask_url(page.url, secret_params),
            status=response.status,
            headers=kept,
            media_type="text/html",
            charset="utf-8",
            audits=audits,
        )
    except PlaywrightError as exc:
        first = str(exc).strip().splitlines()  # Chromium's message may quote the URL as given
        reason = first[0].replace(url, shown) if first else type(exc).__name__
        return Problem(f"render failed: {reason}", loc)
    finally:
        page.close()
