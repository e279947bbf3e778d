"""axe-core on the pages the crawler renders (``axe: true`` in the crawl config).

A rendered page's request gets one more scrapy-playwright page method, run after the page has
settled and before its DOM is read: inject axe-core and run it (:mod:`formlint.sources.axe`).
Its result comes back in the response's meta and travels with the fetched document. A page on
which axe-core fails (the page navigated away, a script broke it) is still linted, without axe's
findings, and the log says why.
"""

from __future__ import annotations

import logging
from typing import Any

from formlint.model import Audit
from formlint.sources.axe import AXE_OPTIONS, RUN_AXE, audits_from, axe_script

logger = logging.getLogger(__name__)

_META = "fl_axe"  # the page method that runs axe-core, in the request's meta


async def _run_axe(page: Any) -> dict[str, Any]:
    try:
        await page.evaluate(axe_script())
        return {"result": await page.evaluate(RUN_AXE, AXE_OPTIONS)}
    except Exception as exc:  # Playwright's errors; the render itself must not fail on axe
        first = str(exc).strip().splitlines()
        return {"error": f"{type(exc).__name__}: {first[0] if first else ''}"[:300]}


def with_axe(meta: dict[str, Any]) -> dict[str, Any]:
    """A rendered request's meta with axe-core run on the page after its other page methods."""
    from scrapy_playwright.page import PageMethod

    method = PageMethod(_run_axe)
    return {
        **meta,
        "playwright_page_methods": [*meta.get("playwright_page_methods", []), method],
        _META: method,
    }


def axe_audits(meta: dict[str, Any], url: str) -> tuple[Audit, ...]:
    """What axe-core found on the rendered page whose response has this meta (none when it did
    not run)."""
    method = meta.get(_META)
    outcome = getattr(method, "result", None)
    if not isinstance(outcome, dict):
        return ()
    if "error" in outcome:
        logger.warning("axe-core failed on %s: %s; linted without it", url, outcome["error"])
        return ()
    return audits_from(outcome.get("result"))
